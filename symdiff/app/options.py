"""The numeric options of every command, each with its allowed range.

Click reads `inf`, `nan` and `1e400` as floats and any Python int as an int: `--timeout inf` then
reached the selector as an overflow, `--timeout nan` disabled the limit, `--memory 10**20` reached
`setrlimit` as an overflow and `--jobs 100000` forked until the machine stopped. Every numeric option
is read here instead: only ASCII digits, a finite value, inside a stated range, or a usage error
(exit 2) that names the option and the range. Kept free of SymPy so that the CLI starts fast.
"""

from __future__ import annotations

import math
import re

from typer import BadParameter

try:  # Typer 0.2x carries its own copy of Click, whose options take only its own parameter types
    from typer._click.types import ParamType
except ImportError:  # older Typer uses Click itself
    from click import ParamType

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")

MAX_TIMEOUT = 86_400.0
"""--timeout: one day. A line that needs longer is not one line's work."""
MIN_TIMEOUT = 0.1
MAX_JOBS = 64
"""--jobs: each worker is a forked copy of the main process; `0` asks for one per core."""
MAX_MEMORY_MB = 1 << 20
"""--memory: 1 TiB per worker (RLIMIT_AS takes a C long; 10**20 MiB does not fit)."""
MAX_SEED = (1 << 32) - 1
"""--seed: the range other tools' seeds take (NumPy's), and exact in every JSON reader."""


def _g(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


shown = _g  # a bound as the error messages write it (0.1, 86400)


class Number(ParamType):
    """A number in [low, high] (or (low, high] with `low_open`), whole when `integer`.

    `describe` names the range in words for the error message, such as "a number of seconds from
    0.1 to 86400 (one day)"; by default "a whole number from LOW to HIGH". `what` starts the message
    ("the learning rate must be ..."), for options whose name alone does not say what they are."""

    def __init__(self, low: float | None, high: float | None, *, integer: bool = False,
                 low_open: bool = False, describe: str | None = None, what: str | None = None):
        self.low, self.high, self.integer, self.low_open = low, high, integer, low_open
        self.name = "integer" if integer else "float"
        self.what = what
        self.range = describe or self._describe()

    def _describe(self) -> str:
        kind = "a whole number" if self.integer else "a number"
        return f"{kind} from {_g(self.low)} to {_g(self.high)}"

    def _refuse(self, text: str, param, ctx):
        shown = text if text and text.strip() == text else repr(text)
        raise BadParameter(f"{self.what + ' ' if self.what else ''}must be {self.range}, not {shown}", ctx, param)

    def convert(self, value, param, ctx):
        if isinstance(value, bool):
            self._refuse(repr(value), param, ctx)
        if isinstance(value, (int, float)):  # a default, already a number
            number = value
            text = repr(value)
        else:
            text = str(value)
            pattern = _INTEGER if self.integer else _DECIMAL
            if not pattern.fullmatch(text):
                self._refuse(text, param, ctx)
            try:
                number = int(text) if self.integer else float(text)
            except ValueError:  # past Python's 4300-digit limit for int(): far out of any range
                self._refuse(text, param, ctx)
        if not self.integer and not math.isfinite(number):
            self._refuse(text, param, ctx)
        if self.low is not None and (number <= self.low if self.low_open else number < self.low):
            self._refuse(text, param, ctx)
        if self.high is not None and number > self.high:
            self._refuse(text, param, ctx)
        return number

    def get_metavar(self, param, ctx=None) -> str | None:  # the option's own metavar is shown
        return None


TIMEOUT = Number(MIN_TIMEOUT, MAX_TIMEOUT, describe=f"a number of seconds from {_g(MIN_TIMEOUT)} to "
                                                    f"{_g(MAX_TIMEOUT)} (one day)")
JOBS = Number(0, MAX_JOBS, integer=True, describe=f"a whole number from 0 (one per core) to {MAX_JOBS}")
MEMORY = Number(0, MAX_MEMORY_MB, integer=True,
                describe=f"a whole number of MiB from 0 (no limit) to {MAX_MEMORY_MB} (1 TiB)")
# Finite, since nan slips through every comparison and inf turns the first step into nan.
LEARNING_RATE = Number(0, None, low_open=True, what="the learning rate", describe="a positive number")
TOLERANCE = Number(0, None, what="the tolerance", describe="a number ≥ 0")
SEED = Number(0, MAX_SEED, integer=True)


def whole(low: int, high: int) -> Number:
    """A whole number from low to high (--steps, --count)."""
    return Number(low, high, integer=True)
