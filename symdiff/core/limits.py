"""Input limits: what a single expression may ask of the machine.

Each limit exists because SymPy on its own hangs, exhausts memory or overflows the stack past it
(`x**(10**10**10)` builds a number with ten billion digits; 5000 nested parentheses raise
RecursionError). The parsers check them before building anything expensive: the scalar parser against
the limits it is given (`DEFAULT_LIMITS` unless the caller says), the matrix parser against its own
(`symdiff.matrix.parse.LIMITS`).
"""

from __future__ import annotations

import math
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_length: int = 200_000
    """Characters in one expression: enough for a loss with 5000 parameters, far from a megabyte."""
    max_depth: int = 250
    """Nesting of parentheses, function calls, powers and unary signs: x*sin(x + x*sin(x + …)) 200 deep
    (issue 18) with room. SymPy recurses a dozen frames or so per level (sort keys, printing), and a
    worker allows 20 000 (`symdiff.app.workers`): 250 levels stay far inside that, and far from the C
    stack, while 5000 nested parentheses are refused before anything is built."""
    max_literal_digits: int = 1_000
    """Digits in one numeric literal."""
    max_number_digits: int = 1_000
    """Digits of a number the parser computes (such as 2**3000)."""
    max_exponent: int = 10_000
    """Magnitude of a numeric exponent on a symbolic base (x**100000 is refused)."""
    max_root_digits: int = 50
    """Digits of the index of a root of a number (2**(1/10**400) is the 10**400-th root of 2): past
    about a hundred, SymPy cannot tell such a number from 1 by evaluating it, and asks for its
    minimal polynomial instead, of that degree (memory runs out)."""
    max_result_nodes: int = 200_000
    """Nodes in a result (as printed, shared parts counted each time): past it, it is not printed."""
    max_skipped_line: int = 1 << 30
    """Characters of one over-long batch line read past (without being kept) before the input is given
    up: a line that long with no end is endless data (`--file /dev/zero`), not a file of expressions."""
    max_matrix_power: int = 64
    """Exponent of a matrix power A^k (matrix expressions only): d(A^k) has k terms."""
    max_file_length: int = 2_000_000
    """Characters in one line of a file (`--file`, standard input): a separable loss with 100 000
    parameters. Such a line is read with this bound (`symdiff.app.batch.Lines`), and the parser admits
    it within `file_lines()`; an expression typed on the command line keeps `max_length`."""



DEFAULT_LIMITS = Limits()


def decimal_digits(n: int) -> int:
    """About how many decimal digits |n| has, from its bit length: what the digit limits compare,
    and safe where str() is not (Python refuses to print an int of over 4300 digits)."""
    return int(abs(n).bit_length() * math.log10(2)) + 1


_file_line: ContextVar[bool] = ContextVar("symdiff_file_line", default=False)


@contextmanager
def file_lines():
    """Within it, the parser's default limits admit an expression as long as a line of a file may be."""
    token = _file_line.set(True)
    try:
        yield
    finally:
        _file_line.reset(token)


def length_limit(limits: Limits) -> int:
    """The most characters `limits` admit in one expression: with the default limits, a line of a file
    (inside `file_lines()`) may be longer than an expression given any other way."""
    if limits is DEFAULT_LIMITS and _file_line.get():
        return max(limits.max_length, limits.max_file_length)
    return limits.max_length


@contextmanager
def room_for_depth(limits: Limits = DEFAULT_LIMITS):
    """Within it, Python's recursion limit admits what `limits.max_depth` levels of nesting cost:
    several frames a level in the parser, a dozen or so in SymPy (sort keys, printing). The worker
    processes have more (`symdiff.app.workers`); this is for work in the caller's process (the
    Python API), where the default 1000 frames ran out near depth 100."""
    from .errors import LimitError, Words

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 1_000 + 40 * limits.max_depth))
    try:
        yield
    except RecursionError:
        # a SymPy object handed to the API is not read by the parser, which counts the nesting
        raise LimitError(Words("error.limit.nested")) from None
    except ValueError as exc:
        if "integer string conversion" not in str(exc):
            raise
        # Python's refusal to print an int of over 4300 digits (x^9999·y^9999 checked): a limit, as
        # the command line reports it, not a ValueError from inside SymPy
        raise LimitError(Words("error.limit.printed_digits")) from None
    finally:
        sys.setrecursionlimit(old)
