"""Odd roots read as real roots. The views write x^(1/3) as ∛x, and a calculus student reads ∛(-8)
as -2; SymPy's x**(1/3) is the principal root, 1 + i√3 there. symdiff keeps SymPy's expressions (the
rules and the step tree differentiate them alike: d/dx x^(1/3) = x^(-2/3)/3 holds for either), and
reads an odd root (an exponent p/q in lowest terms with q odd) as the real root wherever it gives a
value: at a point, in a limit, and in a number typed without variables. Even roots (√x, x^(3/4))
stay undefined for a negative base."""

from __future__ import annotations

import sympy


def odd_exponent(exponent) -> bool:
    """Whether a power to `exponent` is an odd root (x^(1/3), x^(2/5), x^(-4/3))."""
    return isinstance(exponent, sympy.Rational) and not exponent.is_Integer and exponent.q % 2 == 1


def real_odd_power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr | None:
    """base^exponent as the real root, for a negative number base and an odd-root exponent; None
    where SymPy's own power stands."""
    if not odd_exponent(exponent) or not base.is_number or base.is_extended_negative is not True:
        return None
    magnitude = sympy.Pow(-base, exponent)
    return -magnitude if exponent.p % 2 else magnitude


def real_constant(value: sympy.Expr) -> sympy.Expr:
    """A number's odd roots of negative numbers as real roots: SymPy turns cbrt(-8) into 2·(-1)^(1/3)."""
    if not value.is_number or not value.has(sympy.Pow):
        return value
    return value.replace(lambda e: isinstance(e, sympy.Pow) and real_odd_power(e.base, e.exp) is not None,
                         lambda e: real_odd_power(e.base, e.exp))


def real_roots(expr: sympy.Expr) -> sympy.Expr:
    """expr with each odd root of a variable base as the real root it is read as,
    x^(p/q) = sign(x)^p·|x|^(p/q): for SymPy's limit, which takes the principal root."""
    return expr.replace(lambda e: isinstance(e, sympy.Pow) and odd_exponent(e.exp) and bool(e.base.free_symbols),
                        lambda e: sympy.sign(e.base) ** e.exp.p * sympy.Abs(e.base) ** e.exp)


def exactly_at(expr: sympy.Expr, point) -> sympy.Expr:
    """expr with the point's values put in, exactly, its odd roots of negative numbers real: ∛x at
    x = -8 is -2 (xreplace alone gives SymPy's 2·∛(-1), which is complex). Every exact value at a
    point (a tangent's f(a) and slopes, a partial's exact value, the second-derivative test) reads so,
    as the decimals at the point do."""
    return real_constant(expr.xreplace(point))
