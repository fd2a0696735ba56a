"""The worker pool: input order, time limits, memory limits, dead workers, bounded look-ahead."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.app.workers import MIN_MEMORY_MB, Rendered, WorkerPool, fork_available

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
    out = run([(1, "a"), (2, "eat"), (3, "b")], jobs=1, timeout=GENEROUS, memory_mb=roomy_limit())
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


def test_workers_start_only_when_there_is_work_for_them():
    """--jobs 64 for one expression forks one process (it forked 64, and --jobs 100000 forked until
    the machine stopped; the command line now also caps --jobs at 64)."""
    import multiprocessing

    before = set(multiprocessing.active_children())
    pool = WorkerPool(handle, failure, jobs=64, timeout=GENEROUS)
    results = pool.map(iter([(1, "x"), (2, "y")]))
    assert next(results).stdout == "1:x"
    assert len(set(multiprocessing.active_children()) - before) <= 2
    assert [r.stdout for r in results] == ["2:y"]


# --- memory: a line that runs out of it is a `limit` error that says so, wherever it ran out

def roomy_limit() -> int:
    """A --memory (MiB) with room to work for a worker forked from this process, however many
    modules the test session has loaded (RLIMIT_AS counts the address space the worker starts with)."""
    try:
        with open("/proc/self/status") as status:
            size_kb = next(int(row.split()[1]) for row in status if row.startswith("VmSize:"))
    except (OSError, StopIteration):
        return 1024
    return size_kb // 1024 + 320


class Unsendable:
    """A result whose sending (pickling) needs more memory than any worker has."""

    def __reduce__(self):
        bytes(64 * 1024**3)
        raise AssertionError("unreachable")


def hungry(line, text):
    """Lines that run out of memory in different places."""
    if text == "hoard":  # fill the memory and keep it: the traceback holds `chunks`
        chunks = []
        while True:
            chunks.append(bytes(1 << 20))
    if text == "dlopen":  # what importing a C extension raises when its library cannot be mapped
        raise ImportError("libquadmath.so.0: failed to map segment from shared object")
    if text == "unsendable":
        return Rendered(line, text, stdout=Unsendable())
    return Rendered(line, text, stdout=f"{line}:{text}")


def failure_that_needs_memory(line, text, type, message):
    """Like the command line's, reporting a failure costs memory (it renders, and may first import a
    renderer)."""
    bytes(32 << 20)
    return Rendered(line, text, stderr=message, error_type=type)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kinds=st.lists(st.sampled_from(["ok", "hoard", "dlopen", "unsendable"]), min_size=1, max_size=6),
       jobs=st.integers(1, 2))
def test_a_line_out_of_memory_is_a_limit_error_that_says_so_and_the_rest_go_on(kinds, jobs):
    limit = roomy_limit()
    items = [(i, kind) for i, kind in enumerate(kinds, 1)]
    pool = WorkerPool(hungry, failure_that_needs_memory, jobs=jobs, timeout=120, memory_mb=limit)
    out = list(pool.map(items))
    assert [r.line for r in out] == [line for line, _ in items]
    for r, (line, kind) in zip(out, items):
        if kind == "ok":
            assert r.error_type is None and r.stdout == f"{line}:ok"
        else:
            assert r.error_type == "limit", (kind, r)
            assert "memory" in r.stderr and f"{limit} MiB" in r.stderr and "--memory" in r.stderr, (kind, r)
            assert "stopped" not in r.stderr and "crash" not in r.stderr, (kind, r)


def test_a_limit_too_small_for_a_worker_is_refused_naming_the_minimum():
    with pytest.raises(ValueError, match=r"at least (\d+) MiB"):
        WorkerPool(handle, failure, memory_mb=16)


def symdiff_command(*args):
    return [sys.executable, "-m", "symdiff", *args]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(memory=st.integers(1, 127))
def test_cli_refuses_a_memory_limit_too_small_to_start_a_worker(memory):
    from typer.testing import CliRunner

    from symdiff.app.cli import app

    result = CliRunner().invoke(app, ["partial", "x**2", "x", "--memory", str(memory)])
    assert result.exit_code == 2, result.output
    minimum = int(re.search(r"at least (\d+) MiB", result.stderr).group(1))
    assert minimum > memory and "--memory" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_names_the_minimum_memory_and_a_worker_works_in_it():
    done = subprocess.run(symdiff_command("partial", "x**2", "x", "--memory", "50"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("usage error: --memory 50 ")
    minimum = int(re.search(r"at least (\d+) MiB", done.stderr).group(1))
    assert minimum >= MIN_MEMORY_MB  # 128 where measured; more where the main process is larger
    for text, result in [("x**2", "2*x"), ("sin(x)/x", "(x*cos(x) - sin(x))/x**2")]:
        ok = subprocess.run(symdiff_command("partial", text, "x", "--memory", str(minimum), "--check",
                                            "--format", "json", "--timeout", "120"),
                            capture_output=True, text=True, timeout=300)
        assert ok.returncode == 0, ok.stderr
        assert json.loads(ok.stdout)["result"] == result


def test_cli_reports_a_line_out_of_memory_under_a_normal_limit():
    # Checking on 3000×3000 random matrices (30-digit entries) needs gigabytes.
    done = subprocess.run(
        symdiff_command("matrix", "x.T*A*x", "x", "--shape", "x=3000,1", "--shape", "A=3000,3000", "--check",
                        "--memory", "200", "--timeout", "300", "--format", "json"),
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 1
    error = json.loads(done.stdout)["error"]
    assert error["type"] == "limit" and "memory" in error["message"]
    assert "200 MiB" in error["message"] and "--memory" in error["message"]
    assert "Traceback" not in done.stderr


# --- the workers die with the main process, whatever ends it

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def children_of(pid: int) -> dict[int, str]:
    """{pid: start time} of the live processes whose parent is `pid` (the start time tells a reused
    pid apart)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found[int(entry)] = fields[19]
    return found


def alive(processes: dict[int, str]) -> list[int]:
    """Those of `processes` still running (a zombie has ended)."""
    running = []
    for pid, start in processes.items():
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and fields[19] == start:
            running.append(pid)
    return running


def cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def wait_until(condition, seconds: float = 300.0) -> bool:
    """Polls: the machine is loaded, so this is a bound on a hang, not a measure of speed (20 s was
    not: with both cores busy, workers ended by SIGINT took longer to go)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


class Batch:
    """`symdiff partial --file PATH x --jobs 2 --format json` in a subprocess, its output read as it
    comes; whatever happens, no process of it outlives the test.

    SIGINT starts as `sigint` says, not as the test runner has it: a shell without job control starts
    a background job (`pytest ... &`) with SIGINT ignored, the child inherits that, and a program started
    so keeps ignoring Ctrl-C (Python leaves an ignored SIGINT alone), which is right for it and would make
    the Ctrl-C test wait forever."""

    def __init__(self, path, *options, sigint=signal.SIG_DFL):
        self.proc = subprocess.Popen(
            symdiff_command("partial", "--file", str(path), "x", "--jobs", "2", "--format", "json", *options),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=lambda: signal.signal(signal.SIGINT, sigint))
        self.lines: list[bytes] = []
        self.eof = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.workers: dict[int, str] = {}

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line)
        self.eof.set()

    def wait_for_output(self, lines: int) -> None:
        assert wait_until(lambda: len(self.lines) >= lines, 300), "no output"
        assert wait_until(lambda: len(children_of(self.proc.pid)) == 2)
        self.workers = children_of(self.proc.pid)

    def cleanup(self):
        for pid in alive(self.workers):
            os.kill(pid, signal.SIGKILL)
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=60)
        self.eof.wait(10)
        self.proc.stdout.close()
        self.proc.stderr.close()


@pytest.fixture
def big_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("".join(f"sin({i}*x)*exp(x^{i % 7 + 2})*log(x + {i})\n" for i in range(1, 100_001)))
    return path


@linux_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=["TERM", "HUP", "INT"])
def test_a_signal_ends_the_batch_with_128_plus_n_its_output_intact_and_no_worker_left(big_file, signum):
    batch = Batch(big_file, "--timeout", "120")
    try:
        batch.wait_for_output(3)
        batch.proc.send_signal(signum)
        assert wait_until(lambda: not alive(batch.workers)), "workers outlived the batch"
        assert batch.eof.wait(300), "standard output stayed open"
        assert batch.proc.wait(timeout=300) == 128 + signum
        assert batch.lines and all(line.endswith(b"\n") for line in batch.lines)
        records = [json.loads(line) for line in batch.lines]
        assert [r["line"] for r in records] == list(range(1, len(records) + 1))
        assert all("result" in r for r in records)
        assert b"Traceback" not in batch.proc.stderr.read()
    finally:
        batch.cleanup()


@linux_only
def test_a_batch_started_with_sigint_ignored_keeps_going_after_sigint(big_file):
    # The convention of a background job (`symdiff ... &` in a script, `nohup`): Ctrl-C at the terminal
    # is not meant for it. The batch must still answer, and still end on SIGTERM as usual.
    batch = Batch(big_file, "--timeout", "120", sigint=signal.SIG_IGN)
    try:
        batch.wait_for_output(3)
        batch.proc.send_signal(signal.SIGINT)
        written = len(batch.lines)
        assert wait_until(lambda: len(batch.lines) > written + 20), "the batch stopped answering after SIGINT"
        assert batch.proc.poll() is None and len(alive(batch.workers)) == 2
        batch.proc.send_signal(signal.SIGTERM)
        assert batch.proc.wait(timeout=300) == 128 + signal.SIGTERM
        assert wait_until(lambda: not alive(batch.workers)), "workers outlived the batch"
    finally:
        batch.cleanup()


@linux_only
def test_workers_die_when_the_main_process_is_killed(big_file):
    batch = Batch(big_file, "--timeout", "120")
    try:
        batch.wait_for_output(3)
        batch.proc.kill()
        assert wait_until(lambda: not alive(batch.workers)), "workers outlived the batch"
        assert batch.eof.wait(300), "standard output stayed open"
    finally:
        batch.cleanup()


@linux_only
def test_a_worker_busy_on_a_long_line_dies_when_the_main_process_is_killed(tmp_path):
    # The product rule over 3000 factors keeps SymPy busy for minutes.
    slow = "*".join(f"(x+{i})" for i in range(1, 3001))
    path = tmp_path / "slow.txt"
    path.write_text("".join(f"x^{i}\n" for i in range(1, 4)) + slow + "\n" + "x^2\n" * 20)
    batch = Batch(path, "--timeout", "3600")
    try:
        batch.wait_for_output(3)
        before = {pid: cpu_ticks(pid) for pid in batch.workers}
        assert wait_until(lambda: any(cpu_ticks(pid) > ticks + 50 for pid, ticks in before.items()), 120), \
            "no worker is busy on the slow line"
        assert len(batch.lines) == 3  # the slow line holds back the rest
        batch.proc.kill()
        assert wait_until(lambda: not alive(batch.workers)), "workers outlived the batch"
        assert batch.eof.wait(300), "standard output stayed open"
    finally:
        batch.cleanup()


# --- a line's time limit is its own work: a worker warms up first, and the limit starts when it is ready

def sleepy_warm_up():
    time.sleep(10)


def test_a_line_s_time_limit_starts_when_its_worker_has_warmed_up():
    """`partial "x^2" x --timeout 0.1` timed out: a cold worker spent its first line's limit loading the
    renderers and priming SymPy's printers. The warm-up here outlasts the limit twice over, and the line
    itself is instant: it must be answered, by the first worker and by the one that replaces a timed-out one."""
    out = run([(1, "a"), (2, "sleep 3600"), (3, "b")], jobs=1, timeout=5, warm=sleepy_warm_up)
    assert [r.error_type for r in out] == [None, "timeout", None]
    assert [out[0].stdout, out[2].stdout] == ["1:a", "3:b"]


def test_a_warm_up_that_overruns_hands_its_line_to_a_worker_that_does_not_warm_up(monkeypatch):
    import symdiff.app.workers as workers

    monkeypatch.setattr(workers, "WARM_UP_LIMIT", 1.0)
    out = run([(1, "a"), (2, "b")], jobs=1, timeout=GENEROUS, warm=lambda: time.sleep(3600))
    assert [r.stdout for r in out] == ["1:a", "2:b"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_pool_s_time_limit_words_are_the_catalogue_s(lang):
    from symdiff.core.errors import Words, localized

    out = run([(1, "sleep 3600")], jobs=1, timeout=1)
    assert out[0].error_type == "timeout"
    said = localized(out[0].stderr, lang)
    assert said == localized(Words("error.timeout", seconds="1", option="--timeout"), lang)
    if lang == "ko":
        assert not re.search(r"[A-Za-z]{3,}", said.replace("--timeout", "")), said


# What the main process has loaded when it starts the pool, what a worker has when it takes its first
# line (its time limit starts then), and what answering that line loaded after.
_LOADED = r"""
import json, os, sys
import symdiff.app.workers as W
seen = {}
start_pool, serve, answer = W.WorkerPool.__init__, W._serve, W._answer
def init(self, *args, **kwargs):
    seen["main"] = sorted(sys.modules)
    start_pool(self, *args, **kwargs)
def serving(*args):
    seen["ready"] = sorted(sys.modules)
    return serve(*args)
def answering(*args):
    out = answer(*args)
    with open(os.environ["LOADED_OUT"], "w") as f:
        json.dump({**seen, "answered": sorted(sys.modules)}, f)
    return out
W.WorkerPool.__init__, W._serve, W._answer = init, serving, answering
from symdiff.app.cli import main
sys.argv = ["symdiff", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
with open(os.environ["LOADED_OUT"]) as f:
    answered = json.load(f)
print("LOADED", json.dumps({**answered, "main": seen["main"]}))
"""

_LINES = {
    "partial": ["x^2*y", "x"],
    "grad": ["x^2*y"],
    "hessian": ["x*y"],
    "jacobian": ["x*y; x+y"],
    "check": ["x^2", "x", "2*x"],
    "implicit": ["x^2 + y^2 = 1"],
    "tangent": ["sin(x)", "--at", "x=0"],
    "matrix": ["x.T*x", "x", "--shape", "x=n,1"],
}
_FORMATS = ["text", "markdown", "json", "html", "latex", "rich"]
# Every command that reads lines, in every format over the two rounds, in both languages.
_CASES = [(command, _FORMATS[(i + shift) % len(_FORMATS)], ("en", "ko")[(i + shift) % 2])
          for shift in (0, 3) for i, command in enumerate(_LINES)]


def test_every_command_that_reads_lines_is_covered():
    from symdiff.app.cli import _WARM_UPS
    from symdiff.app.output import READS_LINES

    assert set(_LINES) == set(READS_LINES) == set(_WARM_UPS)


@pytest.mark.parametrize("command,fmt,lang", _CASES)
def test_a_worker_takes_its_first_line_with_what_answering_it_loads(command, fmt, lang, tmp_path):
    """What is checked is what a worker starts its line with, not how fast it is, so the machine's load
    cannot matter: answering the line loads no module of symdiff or SymPy that the worker did not have
    when its time limit started (`matrix "x.T*x" x --timeout 0.1` timed out: the matrix engine's first
    derivation takes about 1 s cold), and the main process, which answers nothing, loaded no renderer
    (it primed LaTeX and HTML printing for text output, 0.1-0.2 s of every run)."""
    done = subprocess.run([sys.executable, "-c", _LOADED, command, *_LINES[command], "--format", fmt, "--lang", lang],
                          capture_output=True, text=True, timeout=GENEROUS,
                          env={**os.environ, "NO_COLOR": "1", "LOADED_OUT": str(tmp_path / "loaded.json")})
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.rsplit("LOADED ", 1)[1])
    ready, answered = set(loaded["ready"]), set(loaded["answered"])
    late = sorted(m for m in answered - ready if m.startswith(("symdiff", "sympy")))
    assert late == [], late
    renderers = sorted(m for m in loaded["main"] if m.startswith("symdiff.render."))
    assert set(renderers) <= {"symdiff.render.ascii"}, renderers  # ascii: the streams' encodings
