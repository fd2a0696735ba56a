"""Property tests draw the same examples on every CI run (CI=true), so a red CI can be reproduced
on any machine; locally they draw new ones each run. `HYPOTHESIS_PROFILE=explore` asks for a
randomised (fresh examples) run, in CI too."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))
