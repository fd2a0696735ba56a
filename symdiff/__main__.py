from symdiff.app.cli import main

main()
