"""Property tests draw the same examples on every CI run (CI=true), so a red CI can be reproduced
on any machine; locally they draw new ones each run. `HYPOTHESIS_PROFILE=explore` asks for a
randomised (fresh examples) run, in CI too. The `run` fixture is the command line, for every test file."""

import os

import pytest
from hypothesis import settings

from helpers import invoke

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))


@pytest.fixture
def run(monkeypatch):
    """`run(*args, input=None, env=None, width=100)`: symdiff's command line in this process (helpers.invoke),
    with the tester's own NO_COLOR out of the way."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    return invoke
