"""What the command line runs in, read once (as HTTPie's `Environment`).

Whether stdout and stderr are terminals, `NO_COLOR`, the console's width and colours, stdout's
encoding and the three streams decide the default format, whether there is colour, and where
output goes. `main()` reads them from the process once (`Environment.from_process`) and runs the
app in it (`using`); every output is made from `current()`. A test builds the Environment it means
(`Environment(stdout_isatty=True, no_color=True)`) instead of patching `sys.stdout.isatty` or
the process's environment variables.
"""

from __future__ import annotations

import io
import os
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import IO, Callable, Iterator


@dataclass(frozen=True)
class Environment:
    """The defaults are a quiet place for tests: no terminal, no colour, UTF-8, in-memory streams."""

    stdin: IO | None = field(default_factory=io.StringIO)
    stdout: IO | None = field(default_factory=io.StringIO)
    stderr: IO | None = field(default_factory=io.StringIO)
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    no_color: bool = False  # NO_COLOR is set (https://no-color.org)
    # The console's width in columns; None: as Rich measures it (COLUMNS, else the terminal's).
    width: int | None = None
    # The terminal's colours as Rich names them (standard, 256, truecolor); "auto": as Rich detects
    # them from TERM and COLORTERM. Only a terminal gets colour.
    color_system: str | None = "auto"
    encoding: str | None = "utf-8"  # stdout's; None when it has none
    # Called with each input's Rendered output as it is written: how `symdiff serve` learns a
    # failure's error type and column whatever the format asked for, without reading stderr's words.
    seen: Callable | None = None
    # Whether a typed expression that names a file here gets the hint to read it with --file: not for
    # `symdiff serve`, where the hint would tell a visitor which files exist on the server.
    local_files: bool = True

    @property
    def one_destination(self) -> bool:
        """stdout and stderr go to one place (2>&1, a terminal on both, one capture of both): what is
        written on both is read twice, one after the other."""
        return _same_destination(self.stdout, self.stderr)

    @classmethod
    def from_process(cls) -> Environment:
        """This process's streams and NO_COLOR, as they are now (a stream may be None: closed)."""
        return cls(stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr, stdout_isatty=_isatty(sys.stdout),
                   stderr_isatty=_isatty(sys.stderr), no_color=bool(os.environ.get("NO_COLOR")),
                   encoding=getattr(sys.stdout, "encoding", None))


def _same_destination(a, b) -> bool:
    if a is None or b is None:
        return False
    if a is b:
        return True
    try:
        one, other = os.fstat(a.fileno()), os.fstat(b.fileno())
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):  # in memory, or closed
        return False
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def _isatty(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # a closed stream
        return False


_CURRENT: ContextVar[Environment | None] = ContextVar("symdiff_environment", default=None)


def current() -> Environment:
    """The Environment the command line runs in (see `using`); outside one, the process's as it is
    now (so Typer's CliRunner, which swaps the streams for a run, is seen as it runs)."""
    return _CURRENT.get() or Environment.from_process()


@contextmanager
def using(env: Environment) -> Iterator[Environment]:
    """Run the command line in `env`: every output made meanwhile writes there."""
    token = _CURRENT.set(env)
    try:
        yield env
    finally:
        _CURRENT.reset(token)
