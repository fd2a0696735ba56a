from symdiff.cli import main

main()
