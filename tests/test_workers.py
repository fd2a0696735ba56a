"""The worker pool: input order, time limits, memory limits, dead workers, bounded look-ahead."""

from __future__ import annotations

import os
import signal
import time

import pytest

from symdiff.workers import Rendered, WorkerPool, fork_available

pytestmark = pytest.mark.skipif(not fork_available(), reason="worker isolation needs fork")


def handle(line, text):
    """A stand-in for the CLI's handler, with commands that misbehave on purpose."""
    if text.startswith("sleep "):
        time.sleep(float(text.split()[1]))
    elif text == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    elif text == "eat":
        hog = bytearray(4 * 1024**3)  # over any limit set below
        return Rendered(line, text, stdout=f"ate {len(hog)}")
    elif text == "raise":
        raise ValueError("boom")
    return Rendered(line, text, stdout=f"{line}:{text}")


def failure(line, text, type, message):
    return Rendered(line, text, stderr=message, error_type=type)


def run(items, **options):
    pool = WorkerPool(handle, failure, **options)
    return list(pool.map(items))


# The time limit for lines that must finish: generous, since no test may depend on the machine's load.
GENEROUS = 600


def test_results_come_in_input_order_whatever_order_workers_finish_in():
    items = [(i, f"sleep {0.2 if i % 3 == 0 else 0.01}") for i in range(12)]
    out = run(items, jobs=3, timeout=GENEROUS)
    assert [r.line for r in out] == list(range(12))
    assert all(r.error_type is None for r in out)


def test_a_line_over_the_time_limit_is_a_timeout_and_the_rest_go_on():
    # The limit is far above what a, b and c need on any machine, and far below the sleep: the
    # sleeper was stopped if the batch ended before it could have woken (no speed is assumed).
    items = [(1, "a"), (2, "sleep 3600"), (3, "b"), (4, "c")]
    start = time.monotonic()
    out = run(items, jobs=1, timeout=20)
    assert time.monotonic() - start < 3600
    assert [r.error_type for r in out] == [None, "timeout", None, None]
    assert "time limit of 20 s" in out[1].stderr
    assert [r.stdout for r in out if r.stdout] == ["1:a", "3:b", "4:c"]


def test_a_worker_killed_mid_batch_loses_no_other_line():
    items = [(i, "die" if i == 3 else f"e{i}") for i in range(1, 8)]
    out = run(items, jobs=2, timeout=GENEROUS)
    assert [r.line for r in out] == list(range(1, 8))
    assert out[2].error_type == "limit" and "worker stopped" in out[2].stderr
    assert all(r.error_type is None for k, r in enumerate(out) if k != 2)


def test_memory_limit_is_a_limit_error_and_the_worker_is_replaced():
    out = run([(1, "a"), (2, "eat"), (3, "b")], jobs=1, timeout=GENEROUS, memory_mb=512)
    assert [r.error_type for r in out] == [None, "limit", None]
    assert out[2].stdout == "3:b"


def test_an_exception_escaping_the_handler_is_an_internal_error():
    out = run([(1, "raise"), (2, "ok")], jobs=1, timeout=GENEROUS)
    assert out[0].error_type == "internal" and "ValueError: boom" in out[0].stderr
    assert out[1].stdout == "2:ok"


def test_input_is_read_only_a_window_ahead_of_the_output():
    consumed = []

    def items():
        for i in range(10_000):
            consumed.append(i)
            yield (i, "x")

    pool = WorkerPool(handle, failure, jobs=2, timeout=GENEROUS, window=8)
    results = pool.map(items())
    first = next(results)
    assert first.line == 0
    assert len(consumed) <= 8 + 2  # the window, plus what idle workers were just given
    results.close()
