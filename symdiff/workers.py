"""Worker processes: every expression is worked on in a child process with a time and a memory limit.

SymPy can hang or exhaust memory on short inputs, and a hang inside C code (big-integer arithmetic,
printing) cannot be interrupted from the same process: `signal.alarm` would not fire until it
returns, and breaks under threads. So each expression goes to a worker process; the parent waits
for its answer with a deadline, and a worker that overruns is killed and replaced, its line reported
as a `timeout` (or, if it died, a `limit`) error. Results come back already rendered (strings), in
input order, whatever order the workers finish in; at most a small window of lines is in flight, so
memory does not grow with the input.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY_MB = 1024


@dataclass
class Rendered:
    """One input's output, ready to write."""

    line: int | None
    text: str | None
    stdout: str = ""
    stderr: str = ""
    error_type: str | None = None  # None: succeeded
    restart: bool = False  # the worker should be replaced after this (it hit MemoryError)
    picture: object = None  # what the parent process draws for --plot (see symdiff.plot.Picture)


# handle(line, text) -> Rendered; it must not raise.
Handler = Callable[[int | None, str], Rendered]
# failure(line, text, type, message) -> Rendered, for lines the worker could not answer.
Failure = Callable[[int | None, str, str, str], Rendered]


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _limit_memory(megabytes: int | None) -> None:
    if not megabytes:
        return
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform, or already lower
        pass


def _worker_main(conn: Connection, handle: Handler, failure: Failure, memory_mb: int | None) -> None:
    _limit_memory(memory_mb)
    # Deep (but legal) expressions recurse deeply in SymPy; this process exists to contain that.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        seq, line, text = job
        try:
            out = handle(line, text)
        except MemoryError:
            out = failure(line, text, "limit", "the expression needs more memory than the worker's limit")
            out.restart = True
        except BaseException as exc:  # noqa: BLE001 - report, never die silently
            out = failure(line, text, "internal", f"internal error: {type(exc).__name__}: {exc}")
        try:
            conn.send((seq, out))
        except MemoryError:
            conn.send((seq, failure(line, text, "limit", "the result is too large to send back")))
        if out.restart:
            return


class _Worker:
    def __init__(self, ctx, handle: Handler, failure: Failure, memory_mb: int | None):
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(child, handle, failure, memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.job: tuple[int, int | None, str] | None = None
        self.deadline = 0.0

    def give(self, job, timeout: float) -> None:
        self.job = job
        self.deadline = time.monotonic() + timeout
        self.conn.send(job)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """`jobs` worker processes answering `handle(line, text)` with per-input time and memory limits."""

    def __init__(self, handle: Handler, failure: Failure, *, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
                 memory_mb: int | None = DEFAULT_MEMORY_MB, window: int | None = None):
        self.handle, self.failure = handle, failure
        self.jobs = max(1, jobs or (os.cpu_count() or 1))
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.window = window or 4 * self.jobs
        self._ctx = multiprocessing.get_context("fork")

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.handle, self.failure, self.memory_mb)

    def map(self, items: Iterable[tuple[int | None, str]]) -> Iterator[Rendered]:
        """Rendered outputs for `items` (line, text), in input order."""
        source = iter(items)
        workers = [self._spawn() for _ in range(self.jobs)]
        done: dict[int, Rendered] = {}
        next_seq = issued = 0
        exhausted = False

        def feed() -> None:
            """Keep every idle worker busy, within the window of lines in flight or waiting."""
            nonlocal issued, exhausted
            for w in workers:
                if w.job is None and not exhausted and issued - next_seq < self.window:
                    try:
                        line, text = next(source)
                    except StopIteration:
                        exhausted = True
                        return
                    w.give((issued, line, text), self.timeout)
                    issued += 1

        try:
            while True:
                feed()
                busy = [w for w in workers if w.job is not None]
                if not busy and exhausted:
                    break
                if busy:
                    now = time.monotonic()
                    wait_for = max(0.0, min(w.deadline for w in busy) - now)
                    ready = wait([w.conn for w in busy], timeout=wait_for)
                    for w in busy:
                        if w.conn in ready:
                            self._collect(w, workers, done)
                    now = time.monotonic()
                    for w in busy:
                        if w.job is not None and now >= w.deadline:
                            seq, line, text = w.job
                            done[seq] = self.failure(
                                line, text, "timeout",
                                f"no result within the time limit of {self.timeout:g} s (--timeout)")
                            self._replace(w, workers)
                    # Hand out the next lines before writing results: the workers should not wait
                    # while this process writes.
                    feed()
                while next_seq in done:
                    yield done.pop(next_seq)
                    next_seq += 1
        finally:
            for w in workers:
                if w.job is not None:
                    w.kill()
                else:
                    w.stop()

    def _collect(self, w: _Worker, workers: list[_Worker], done: dict[int, Rendered]) -> None:
        seq, line, text = w.job
        try:
            got_seq, out = w.conn.recv()
        except (EOFError, OSError):
            # The worker died: killed by the system for memory, or crashed in C code.
            done[seq] = self.failure(line, text, "limit",
                                     "the worker stopped while working on this expression (out of memory "
                                     f"under the {self.memory_mb} MiB limit, or a crash)")
            self._replace(w, workers)
            return
        done[got_seq] = out
        w.job = None
        if out.restart:
            self._replace(w, workers)

    def _replace(self, w: _Worker, workers: list[_Worker]) -> None:
        w.kill()
        workers[workers.index(w)] = self._spawn()


def run_in_process(handle: Handler, items: Iterable[tuple[int | None, str]]) -> Iterator[Rendered]:
    """The same, without isolation: where fork is not available (Windows), or asked for."""
    for line, text in items:
        yield handle(line, text)
