"""Textbook form for final results: 6*x*y**4, not 3*y**4*(2*x).

Step results stay exactly as their rules computed them (that is what makes each step checkable);
only the answer a derivation ends with is tidied here. `sympy.simplify` is deliberately not used:
it costs tens of milliseconds a result, imports half of SymPy, and rewrites sin(x)*cos(x) with
double-angle formulas no reader of the steps above would expect.
"""

from __future__ import annotations

import sympy


def _score(expr: sympy.Expr) -> tuple[int, int]:
    return sympy.count_ops(expr), len(sympy.sstr(expr))


def _candidates(expr: sympy.Expr):
    yield sympy.factor_terms(expr)
    if expr.is_Add:
        yield sympy.together(expr)
    if expr.free_symbols and expr.is_rational_function():
        # A rational function the way a textbook prints it: numerator multiplied out, denominator
        # factored: (x**2 - 2*x - 1)/(x - 1)**2.
        numerator, denominator = sympy.fraction(sympy.cancel(expr))
        yield sympy.expand(numerator) / sympy.factor(denominator)
        yield sympy.factor(expr)


def textbook(expr: sympy.Expr) -> sympy.Expr:
    """The simplest of a few equal forms of `expr`, keeping `expr` unless another is clearly simpler."""
    best, best_key = expr, _score(expr)
    for candidate in _candidates(expr):
        key = _score(candidate)
        # Only a clear gain (two operations fewer, or fewer operations and shorter) beats the form
        # the rules produced, which reads like the steps above it.
        if key[0] <= best_key[0] - 2 or (key[0] < best_key[0] and key[1] < best_key[1]):
            best, best_key = candidate, key
    return best
