"""Numbers from expressions: values at a point, with a clear `domain` error where there are none."""

from __future__ import annotations

from typing import Mapping

import sympy

from ..core.errors import DomainError, MissingValue, Words, reason_words, spelled
from ..core.limits import decimal_digits
from ..core.memo import STRICT_EQUALITY
from ..core.nodes import free_symbols

# Digits carried while evaluating; results are reported as floats.
PRECISION = 30


def shown(value: sympy.Expr) -> str:
    """A value for a message: exact when short, else its first digits (x=1e310 is not 311 digits)."""
    text = sympy.sstr(value)
    if len(text) <= 40:
        return text
    if isinstance(value, sympy.Rational):
        # 1 + 10^-34 in six digits is 1.00000, which reads as the kink at 1 the point is beside
        whole = sympy.Integer(round(value))
        rest = value - whole
        if rest and abs(rest) < sympy.Rational(1, 10**5) * max(1, abs(whole)):
            return f"{whole} {'+' if rest > 0 else '-'} {sympy.sstr(sympy.N(abs(rest), 6))}"
    return sympy.sstr(sympy.N(value, 6))


def describe(point: Mapping[sympy.Symbol, sympy.Expr]) -> str:
    """x=0, y=1: a point as --at writes it."""
    return ", ".join(f"{s}={shown(v)}" for s, v in sorted(point.items(), key=lambda kv: kv[0].name))


def missing_value(missing: list[str], exprs, point, option: str = "--at") -> MissingValue:
    """The usage error for a point without a value for `missing`, with notes on the names it gives
    that the expressions lack (`--at x=1,y=2` for `3xy`: x and y are inside the name xy)."""
    from .notes import point_notes

    error = MissingValue(Words("error.point.missing", names=", ".join(missing),
                               option=spelled(option, option.lstrip("-") + "=")))
    error.notes = tuple(point_notes(exprs, [s.name for s in point], option))
    return error


_describe = describe


def _digits(value: sympy.Rational) -> int:
    """Extra digits that hold `value` exactly when a decimal can (1 + 10^-40: its denominator is
    2^a·5^b), so that beside a kink it keeps its side; 0 for an integer, and for a value no
    decimal holds (-1/3), which more digits would only move off a singular point (asin at 1)."""
    q = int(value.q)
    rest = q >> ((q & -q).bit_length() - 1)  # q without its factors 2
    while rest % 5 == 0:
        rest //= 5
    return decimal_digits(value.p) + decimal_digits(q) if q != 1 and rest == 1 else 0


def value_at(expr: sympy.Expr, point: Mapping[sympy.Symbol, sympy.Expr], what: str | None = None) -> float:
    """The real value of `expr` at `point`, or a `DomainError` saying why there is none. `what` names
    `expr` in that error (a derivative's symbol, or `Words`: default "the result")."""
    what = Words("error.what.result") if what is None else what
    missing = sorted(s.name for s in free_symbols([expr]) if s not in point)
    if missing:
        raise missing_value(missing, [expr], point)
    try:
        # Floats, not exact values: x**5000 at x = 10**900 must not build a 4.5-million-digit integer.
        # Irrational values (pi/2) stay exact, so that cos(pi/2) is 0 and not 1e-32.
        # Each rational keeps all its digits (1 + 10^-40 is not 1: sign(x - 1) there is 1, not 0), with
        # PRECISION more for what the expression then computes.
        digits = PRECISION + max((_digits(v) for v in point.values() if v.is_Rational), default=0)
        floats = {s: sympy.Float(v, digits) if v.is_Rational else v for s, v in point.items()}
        value = sympy.N(replaced(expr, floats), digits)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, ArithmeticError, RecursionError) as exc:
        raise DomainError(Words("error.value.evaluate", what=what, point=describe(point), reason=reason_words(exc))) from None
    if value.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan) or not value.is_number:
        raise DomainError(Words("error.value.undefined", what=what, point=describe(point)))
    try:
        real, imag = value.as_real_imag()
        real, imag = float(real), float(imag)
    except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError):
        # What evalf leaves without digits (DiracDelta(0), a function at its pole) is no number.
        raise DomainError(Words("error.value.undefined", what=what, point=describe(point))) from None
    if abs(imag) > 1e-12 * max(1.0, abs(real)):
        raise DomainError(Words("error.value.not_real", what=what, point=describe(point)))
    if real != real or real in (float("inf"), float("-inf")):
        raise DomainError(Words("error.value.too_large", what=what, point=describe(point)))
    return real


def replaced(expr: sympy.Basic, rule: Mapping) -> sympy.Basic:
    """`expr.xreplace(rule)`, building each distinct subexpression once. A derivative shares its
    parts (depth 80 of x*sin(x + x*sin(…)): 33 000 nodes as a tree, a few hundred distinct), and
    xreplace rebuilds, and with floats evaluates, every copy. Iterative: deep nests need no recursion."""
    if not STRICT_EQUALITY or not isinstance(expr, sympy.Basic):
        return expr.xreplace(rule)
    done: dict = {}  # node: (what it becomes, whether anything in it was replaced), as Basic._xreplace
    stack = [expr]
    while stack:
        node = stack[-1]
        if node in done:
            stack.pop()
            continue
        if node in rule:
            done[node] = (rule[node], True)
            stack.pop()
            continue
        if type(node)._xreplace is not sympy.Basic._xreplace:  # a class of its own: as it says
            done[node] = node._xreplace(rule)
            stack.pop()
            continue
        waiting = [a for a in node.args if hasattr(a, "_xreplace") and a not in done]
        if waiting:
            stack.extend(waiting)
            continue
        stack.pop()
        parts = [done[a] if hasattr(a, "_xreplace") else (a, False) for a in node.args]
        if any(changed for _, changed in parts):
            done[node] = (node.func(*(a for a, _ in parts)), True)
        else:
            done[node] = (node, False)
    return done[expr][0]
