"""Property tests draw the same examples on every run, in CI and on a fresh machine alike, so that the
README's test command passes or fails the same way everywhere and a red run can be reproduced.
`HYPOTHESIS_PROFILE=explore` asks for fresh examples (what a developer runs to find new failures;
each one found is pinned as an explicit example). The default profile does not shrink a failing example:
shrinking a slow case can take Hypothesis minutes per test, and a red run with a few dozen failures then
outlasts CI's time limit and reports nothing. The failing example is printed as drawn, the same on every run;
`explore` shrinks. The `run` fixture is the command line, for every test file."""

import os

import pytest
from hypothesis import Phase, settings

from helpers import invoke

from symdiff.app.workers import few_malloc_arenas

# Every CLI test forks its workers from this one process, and a worker's --memory limit counts the
# address space it starts with: the threads of the web tests' clients, each with a malloc arena of
# 64 MiB kept after it ends, took the process to 951 MiB, 16 MiB short of refusing the default
# --memory 1024 in every later test. Capped here, before any test starts a thread.
few_malloc_arenas()

settings.register_profile(
    "ci", derandomize=True, print_blob=True, phases=[phase for phase in Phase if phase is not Phase.shrink]
)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")


@pytest.fixture
def run(monkeypatch):
    """`run(*args, input=None, env=None, width=100)`: symdiff's command line in this process (helpers.invoke),
    with the tester's own NO_COLOR out of the way."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    return invoke
