"""Decimal approximations that never contradict what they stand beside.

`10000001/10000000 ≈ 1` printed next to "but the derivative is 1" reads as a contradiction: values
that differ must print differently, or not as decimals at all. `distinct` gives values the fewest
significant digits (at least six) that tell them apart.
"""

from __future__ import annotations

# A float holds 17 significant digits: values equal to those are the same float.
MOST_DIGITS = 17


def decimal(value: float, digits: int = 6) -> str:
    return f"{value:.{digits}g}"


def distinct(*values: float, digits: int = 6) -> list[str] | None:
    """The values, which are known to differ, each with `digits` significant digits, or with more
    where that is what it takes for them to print differently; None when no float tells them apart
    (they differ beyond a float's 17 digits): then show them some other way."""
    for n in range(digits, MOST_DIGITS + 1):
        shown = [decimal(v, n) for v in values]
        if len(set(shown)) == len(shown):
            return shown
    return None
