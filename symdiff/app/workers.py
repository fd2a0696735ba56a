"""Worker processes: every expression is worked on in a child process with a time and a memory limit.

SymPy can hang or exhaust memory on short inputs, and a hang inside C code (big-integer arithmetic,
printing) cannot be interrupted from the same process: `signal.alarm` would not fire until it
returns, and breaks under threads. So each expression goes to a worker process; the parent waits
for its answer with a deadline, and a worker that overruns is killed and replaced, its line reported
as a `timeout` (or, if it died, a `limit`) error. Results come back already rendered (strings), in
input order, whatever order the workers finish in; at most a small window of lines is in flight, so
memory does not grow with the input.

A worker never outlives the process that started it (see `_die_with_parent`), and a worker that runs
out of memory says so in a message small enough to send when nothing else fits: the main process,
which has no limit, writes the report.

A worker's first line would also pay for what the first answer loads and primes (renderers, SymPy's
printers: 0.1-0.2 s for a scalar command, about 1 s for the matrix engine), against a limit that is the
line's. So a pool given `warm` has each worker run it after the fork and then say it is ready; a line's
time limit starts only then. The main process does not warm itself: a run that forks one worker would
pay twice, and printers its format never uses.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import signal
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY_MB = 1024
# RLIMIT_AS counts address space, and a worker starts as a copy of the main process: 57-61 MiB once
# SymPy is loaded (measured with Python 3.11-3.13 and SymPy 1.14 on Linux x86-64), about 65 MiB after
# answering a small expression. Below that a worker fails while it starts, in multiprocessing.
MIN_MEMORY_MB = 128
# Room to work on top of the address space a worker starts with.
WORK_ROOM_MB = 64
# The exit status of a worker that ran out of memory so badly it could not even say so.
OUT_OF_MEMORY_EXIT = 75
# The most a worker's warm-up may take (it is a fixed, small derivation, normally under 1 s): one over
# it, on a machine that is swapping, hands its line to a worker that does not warm up.
WARM_UP_LIMIT = 60.0
# What a worker sends when it has warmed up and takes lines.
READY = "ready"


@dataclass
class Rendered:
    """One input's output, ready to write."""

    line: int | None
    text: str | None
    stdout: str = ""
    stderr: str = ""
    error_type: str | None = None  # None: succeeded
    usage: bool = False  # the failure is the command line's (a --shape missing): exit 2
    picture: object = None  # what the parent process draws for --plot (see symdiff.features.plot.Picture)
    title: str | None = None  # an HTML page's title where the result decides it (see symdiff.render.html.page_title)
    # A failure's JSON error record whatever the format: `symdiff serve` answers an HTML or Markdown
    # request that failed with it (see Environment.seen).
    error: dict | None = None


@dataclass
class OutOfMemory:
    """What a worker sends instead of a result when it ran out of memory (then it ends)."""

    sending: bool = False  # the result was made, but is too large to send back


# handle(line, text) -> Rendered; it must not raise.
Handler = Callable[[int | None, str], Rendered]
# failure(line, text, type, message) -> Rendered, for lines the worker could not answer.
Failure = Callable[[int | None, str, str, str], Rendered]
# warm() loads and primes, in a new worker, what answering a line needs; it must not raise.
Warm = Callable[[], None]


def few_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's malloc arenas in this process. Each thread that allocates may get an arena of its
    own, 64 MiB of address space on 64-bit Linux that is kept after the thread ends; a worker starts
    as a copy of this process, and its --memory limit counts address space (RLIMIT_AS). A server
    with 20 threads grew from 0.3 to 1.1 GiB, past what a 1024 MiB worker may start with. Elsewhere
    (another libc, another system) this does nothing."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name or not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt(ctypes.c_int(-8), ctypes.c_int(arenas))  # M_ARENA_MAX
    except (OSError, AttributeError):
        return


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


# The memory limit of this process, when it is a worker that has one.
_memory_limit_mb: int | None = None


def out_of_memory_message(memory_mb: int | None = None, *, sending: bool = False) -> str:
    """What a line that ran out of memory is told: the limit it ran into, and the option that sets it."""
    limit = memory_mb or _memory_limit_mb
    what = "the result needs more memory to send back" if sending else "the expression needs more memory"
    return f"{what} than the limit of {limit} MiB per worker (--memory)" if limit else f"{what} than is available"


def too_many_digits(exc: BaseException) -> str | None:
    """The `limit` message for Python's refusal to print an int of over 4300 digits (a result's
    coefficient, x^10000 differentiated 1200 times), else None."""
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return ("a number in the result has more than 4300 digits, which is past what symdiff prints: "
                "differentiate fewer times or use smaller exponents")
    return None


def ran_out_of_memory(exc: BaseException) -> bool:
    """Whether `exc` comes from memory running out. Not only MemoryError: a C extension whose shared
    library cannot be mapped raises ImportError ("failed to map segment"), often wrapped in another."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, MemoryError):
            return True
        if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
            return True
        if isinstance(exc, ImportError):
            text = str(exc).lower()
            if "failed to map segment" in text or "cannot allocate memory" in text:
                return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _address_space_mb() -> int:
    """This process's address space (VmSize), which a forked worker starts with; 0 where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for row in status:
                if row.startswith("VmSize:"):
                    return -(-int(row.split()[1]) // 1024)
    except (OSError, ValueError, IndexError):
        pass
    return 0


def minimum_memory_mb() -> int:
    """The smallest --memory a worker forked from this process can work in, rounded up to 16 MiB."""
    need = max(MIN_MEMORY_MB, _address_space_mb() + WORK_ROOM_MB)
    return -(-need // 16) * 16


class MemoryLimitTooSmall(ValueError):
    def __init__(self, memory_mb: int, minimum: int):
        super().__init__(f"--memory {memory_mb} is too small: a worker process needs at least "
                         f"{minimum} MiB (0: no limit)")
        self.memory_mb, self.minimum = memory_mb, minimum


def _limit_memory(megabytes: int | None) -> None:
    global _memory_limit_mb
    if not megabytes:
        return
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        _memory_limit_mb = megabytes
    except (ImportError, ValueError, OSError):  # not on this platform, or already lower
        pass


# Signals a worker leaves to the main process: a terminal sends SIGINT (Ctrl-C) and SIGHUP (hang-up)
# to the whole process group, and the main process ends the batch and its workers. SIGTERM keeps its
# default action, so that multiprocessing's terminate() and a `kill` of the group still work.
_IGNORED = tuple(getattr(signal, name) for name in ("SIGINT", "SIGHUP") if hasattr(signal, name))
_DEFAULT = tuple(getattr(signal, name) for name in ("SIGTERM",) if hasattr(signal, name))
_HANDLED = _IGNORED + _DEFAULT


@contextmanager
def _signals_held():
    """Holds back the main process's signal handlers while forking: a child must not run them (they
    end the main process's batch) before it has set its own."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HANDLED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _own_signals() -> None:
    for signum in _IGNORED:
        signal.signal(signum, signal.SIG_IGN)
    for signum in _DEFAULT:
        signal.signal(signum, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HANDLED)


PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def _die_with_parent(parent: int) -> None:
    """End this worker when the main process ends, however it ends (even SIGKILL, which runs no
    clean-up there). On Linux the kernel sends SIGKILL on the parent's death, which also stops a
    worker busy in C code that would never run a Python handler; elsewhere a thread watches."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), ctypes.c_ulong(0),
                          ctypes.c_ulong(0), ctypes.c_ulong(0)) == 0:
                # The parent may have died before prctl: then this process has a new parent already.
                if os.getppid() != parent:
                    os._exit(1)
                return
        except (OSError, AttributeError, ImportError):
            pass
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="symdiff-parent-watch", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _answer(handle: Handler, failure: Failure, line: int | None, text: str) -> Rendered | OutOfMemory:
    try:
        return handle(line, text)
    except BaseException as exc:  # noqa: BLE001 - report, never die silently
        digits = too_many_digits(exc)
        problem = None if ran_out_of_memory(exc) else digits or f"internal error: {type(exc).__name__}: {exc}"
    # Only out of the except block is its traceback (and whatever filled the memory) let go.
    if problem is None:
        return OutOfMemory()
    try:
        return failure(line, text, "limit" if digits else "internal", problem)
    except MemoryError:
        return OutOfMemory()


def _serve(conn: Connection, handle: Handler, failure: Failure) -> None:
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the main process closed its end, or ended
            return
        if job is None:
            return
        seq, line, text = job
        out = _answer(handle, failure, line, text)
        if isinstance(out, Rendered):
            try:
                conn.send((seq, out))
                continue
            except MemoryError:
                out = OutOfMemory(sending=True)
        # Out of memory: a message small enough to send, and a fresh worker takes over (this one's
        # memory may be fragmented or held by caches).
        conn.send((seq, out))
        return


def _warm_up(warm: Warm) -> None:
    try:
        warm()
    except Exception:  # noqa: BLE001 - a warm-up that fails (out of memory) only leaves the worker cold
        pass


def _worker_main(conn: Connection, handle: Handler, failure: Failure, memory_mb: int | None, parent: int,
                 inherited: list[Connection], warm: Warm | None = None) -> None:
    _own_signals()
    _die_with_parent(parent)
    # The main process's ends of this worker's pipe and of its siblings' pipes: a copy held here
    # would keep them open (no end-of-file for anyone) after the main process is gone.
    for end in inherited:
        end.close()
    _limit_memory(memory_mb)
    # Deep (but legal) expressions recurse deeply in SymPy; this process exists to contain that.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    try:
        if warm is not None:  # under the memory limit: a worker's limit covers all it does
            _warm_up(warm)
            conn.send(READY)
        _serve(conn, handle, failure)
    except MemoryError:
        os._exit(OUT_OF_MEMORY_EXIT)
    except OSError:  # the main process is gone: there is no one to answer
        pass


class _Worker:
    def __init__(self, ctx, handle: Handler, failure: Failure, memory_mb: int | None, others: list[Connection],
                 warm: Warm | None = None):
        self.conn, child = ctx.Pipe(duplex=True)
        inherited = [self.conn, *(c for c in others if not c.closed)]
        self.process = ctx.Process(target=_worker_main, daemon=True,
                                   args=(child, handle, failure, memory_mb, os.getpid(), inherited, warm))
        with _signals_held():
            self.process.start()
        child.close()
        self.job: tuple[int, int | None, str] | None = None
        self.deadline = 0.0
        self.timeout = 0.0
        self.ready = warm is None

    def give(self, job, timeout: float) -> None:
        """Send `job`; its time limit starts now, or when a worker still warming up says it is ready."""
        self.job, self.timeout = job, timeout
        self.deadline = time.monotonic() + (timeout if self.ready else WARM_UP_LIMIT)
        self.conn.send(job)

    def started(self) -> None:
        """The worker has warmed up: the time limit of the line it holds starts now."""
        self.ready = True
        if self.job is not None:
            self.deadline = time.monotonic() + self.timeout

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
                 memory_mb: int | None = DEFAULT_MEMORY_MB, window: int | None = None, warm: Warm | None = None):
        self.handle, self.failure, self.warm = handle, failure, warm
        self.jobs = max(1, jobs or (os.cpu_count() or 1))
        self.timeout = timeout
        if memory_mb and memory_mb < (minimum := minimum_memory_mb()):
            raise MemoryLimitTooSmall(memory_mb, minimum)
        self.memory_mb = memory_mb
        self.window = window or 4 * self.jobs
        self._ctx = multiprocessing.get_context("fork")

    def _spawn(self, workers: list[_Worker], warm: bool = True) -> _Worker:
        return _Worker(self._ctx, self.handle, self.failure, self.memory_mb, [w.conn for w in workers],
                       self.warm if warm else None)

    def _timed_out(self, line, text) -> Rendered:
        from ..core.errors import Words

        # The catalogue's words, which a human view says in the language asked for.
        return self.failure(line, text, "timeout", Words("error.timeout", seconds=f"{self.timeout:g}",
                                                         option="--timeout"))

    def map(self, items: Iterable[tuple[int | None, str]]) -> Iterator[Rendered]:
        """Rendered outputs for `items` (line, text), in input order."""
        source = iter(items)
        # Workers start when there is work for them, up to `jobs`: one expression with --jobs 64
        # forks one process, not 64.
        workers: list[_Worker] = []
        done: dict[int, Rendered] = {}
        next_seq = issued = 0
        exhausted = False

        def feed() -> None:
            """Keep every idle worker busy, within the window of lines in flight or waiting."""
            nonlocal issued, exhausted
            while not exhausted and issued - next_seq < self.window:
                idle = next((w for w in workers if w.job is None), None)
                if idle is None and len(workers) >= self.jobs:
                    return
                try:
                    line, text = next(source)
                except StopIteration:
                    exhausted = True
                    return
                if idle is None:
                    idle = self._spawn(workers)
                    workers.append(idle)
                idle.give((issued, line, text), self.timeout)
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
                            if not w.ready:  # the warm-up overran, not the line: a cold worker takes it
                                job = w.job
                                self._replace(w, workers, warm=False).give(job, self.timeout)
                                continue
                            seq, line, text = w.job
                            done[seq] = self._timed_out(line, text)
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
            message = w.conn.recv()
            if message == READY:
                w.started()
                return
            got_seq, out = message
        except (EOFError, OSError):
            w.process.join(timeout=5)
            if w.process.exitcode == OUT_OF_MEMORY_EXIT:
                done[seq] = self.failure(line, text, "limit", out_of_memory_message(self.memory_mb))
            else:  # killed, or crashed in C code (which can be memory running out in a C library)
                limit = f" under the {self.memory_mb} MiB limit" if self.memory_mb else ""
                done[seq] = self.failure(line, text, "limit", "the worker stopped while working on this "
                                                              f"expression (out of memory{limit}, or a crash)")
            self._replace(w, workers)
            return
        w.job = None
        if isinstance(out, OutOfMemory):
            done[got_seq] = self.failure(line, text, "limit",
                                         out_of_memory_message(self.memory_mb, sending=out.sending))
            self._replace(w, workers)
            return
        done[got_seq] = out

    def _replace(self, w: _Worker, workers: list[_Worker], warm: bool = True) -> _Worker:
        w.kill()
        fresh = workers[workers.index(w)] = self._spawn([o for o in workers if o is not w], warm)
        return fresh


def run_in_process(handle: Handler, items: Iterable[tuple[int | None, str]]) -> Iterator[Rendered]:
    """The same, without isolation: where fork is not available (Windows), or asked for."""
    for line, text in items:
        yield handle(line, text)
