"""Decimal approximations that never contradict what they stand beside.

`10000001/10000000 ≈ 1` printed next to "but the derivative is 1" reads as a contradiction: values
that differ must print differently, or not as decimals at all. `distinct` gives values the fewest
significant digits (at least six) that tell them apart.
"""

from __future__ import annotations

import math

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


# How a value at a point is written after its name: "=" where the decimal shown IS the value (4, 0.5,
# 28/5 = 5.6), "≈" where it was rounded (|∇f| ≈ 4.04239, whose exact value holds cos 2).
EQUALS, ABOUT = "=", "≈"


# A few units in the last place of a double: what repeated float arithmetic adds, far below a rounding
# to six significant digits (5e-7 relative at the least).
_FLOAT_NOISE = 1e-13


def exactly(shown: str, value: float, exact=None) -> bool:
    """Whether the decimal `shown` is the value itself, not a rounding of it. From the exact value where
    one is known (5.6 is 28/5; no decimal is √2: only a rational number has one); else from the float,
    which is all there is: a decimal that reads back as the float is it (4 for 4.0), one that does not
    was rounded (4.04239 for 4.0423856…). A float computed in steps carries the arithmetic's own error
    in its last bits (3·0.8⁵ is 0.9830400000000001): a decimal within a few units of the float's last
    place is taken as its value, so a descent's x = 0.98304 reads like its y = 0.65536."""
    if exact is not None:
        from fractions import Fraction

        if not getattr(exact, "is_Rational", False):
            return False
        try:
            return Fraction(shown) == Fraction(int(exact.p), int(exact.q))
        except (ValueError, ZeroDivisionError):
            return False
    try:
        return math.isfinite(value) and math.isclose(float(shown), value, rel_tol=_FLOAT_NOISE, abs_tol=0.0)
    except (TypeError, ValueError, OverflowError):
        return False


def relation(shown, values, exact=None) -> str:
    """EQUALS where every decimal shown is its value exactly (a vector is only as exact as its least
    exact entry), else ABOUT. `shown`, `values` and `exact` are one value each or lists alike; `exact`
    None where no exact form is known."""
    if isinstance(shown, str):
        return EQUALS if exactly(shown, values, exact) else ABOUT
    exacts = [None] * len(shown) if exact is None else list(exact)
    return EQUALS if all(exactly(s, v, e) for s, v, e in zip(shown, values, exacts)) else ABOUT


def _flat(values) -> list:
    if hasattr(values, "rows") and hasattr(values, "cols"):
        return list(values)  # a SymPy Matrix iterates over its entries row by row
    if isinstance(values, (list, tuple)):
        return [v for row in values for v in (row if isinstance(row, (list, tuple)) else [row])]
    return [values]


def relation_of(values, exact=None) -> str:
    """The relation before a value at a point, judged entry by entry at six significant digits: a
    number, a vector or matrix as rows of numbers, or a SymPy Matrix; `exact` alike (H or J exactly)
    where it is known. The matrix views (H, J, backprop's ∂L/∂W) each flattened their values to ask
    `relation`; they all ask this instead."""
    floats = [float(v) for v in _flat(values)]
    return relation([decimal(v) for v in floats], floats, None if exact is None else _flat(exact))
