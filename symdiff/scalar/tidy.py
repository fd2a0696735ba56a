"""Textbook form for final results: 6*x*y**4, not 3*y**4*(2*x).

Step results stay exactly as their rules computed them (that is what makes each step checkable);
only the answer a derivation ends with is tidied here. `sympy.simplify` is deliberately not used:
it costs tens of milliseconds a result, imports half of SymPy, and rewrites sin(x)*cos(x) with
double-angle formulas no reader of the steps above would expect.
"""

from __future__ import annotations

import sympy

from ..core.memo import Memo
from ..core.nodes import count_nodes, preorder


def _nodes(expr: sympy.Expr) -> int:
    return count_nodes(expr)


def _score(expr: sympy.Expr) -> tuple[int, int]:
    # Printed length would be the natural tie-break, but printing sorts terms (slow for big sums).
    return sympy.count_ops(expr), _nodes(expr)


# Results with at most this many nodes (2*w0, 8*w1 - 4) are left as they are: nothing shorter
# exists, and a gradient has thousands of them.
TINY = 7


# Results bigger than this are left as they are too: nobody reads a 5000-term partial for its form,
# and scoring candidates (count_ops) would cost more than the whole derivative.
HUGE = 3_000


def _has_denominator(expr: sympy.Expr) -> bool:
    return any(isinstance(a, sympy.Pow) and a.exp.is_number and a.exp.is_negative
               for a in preorder(expr))


def _shares_a_factor(expr: sympy.Expr) -> bool:
    """Whether factor_terms could pull something out: the terms of a sum share a factor, or a
    numeric gcd, or are all negative."""
    if not expr.is_Add:
        return any(_shares_a_factor(a) for a in expr.args if a.is_Add)
    coefficients, factor_sets = [], []
    for term in expr.args:
        c, rest = term.as_coeff_Mul()
        coefficients.append(c)
        factor_sets.append(set(sympy.Mul.make_args(rest)))
    if all(c.is_negative for c in coefficients):
        return True
    if all(c.is_Rational for c in coefficients) and sympy.igcd(*[c.p for c in coefficients]) > 1 \
            and len({c.q for c in coefficients}) == 1:
        return True
    return bool(set.intersection(*factor_sets) - {sympy.S.One})


def _candidates(expr: sympy.Expr):
    if _shares_a_factor(expr):
        yield sympy.factor_terms(expr)
    if not _has_denominator(expr):
        return
    if expr.is_Add:
        yield sympy.together(expr)
    symbols = expr.free_symbols  # gathered once: is_rational_function() would gather them again
    if symbols and expr.is_rational_function(*symbols):
        # A rational function the way a textbook prints it: numerator multiplied out, denominator
        # factored: (x**2 - 2*x - 1)/(x - 1)**2.
        numerator, denominator = sympy.fraction(sympy.cancel(expr))
        yield sympy.expand(numerator) / sympy.factor(denominator)
        yield sympy.factor(expr)


def _nodes_past(expr: sympy.Expr, limit: int) -> int:
    """The number of nodes, counted only up to limit + 1."""
    return count_nodes(expr, limit)


def textbook(expr: sympy.Expr) -> sympy.Expr:
    """The simplest of a few equal forms of `expr`, keeping `expr` unless another is clearly simpler."""
    return _textbook(expr)


def _textbook_uncached(expr: sympy.Expr) -> sympy.Expr:
    nodes = count_nodes(expr, HUGE)  # past HUGE, no need to count on
    if nodes <= TINY or nodes > HUGE:
        return expr
    best, best_key = expr, None
    for candidate in _candidates(expr):
        # Scored only when there is something to compare: most results have no candidate at all.
        best_key = best_key or _score(expr)
        key = _score(candidate)
        # Only a clear gain (two operations fewer, or fewer operations and shorter) beats the form
        # the rules produced, which reads like the steps above it.
        if key[0] <= best_key[0] - 2 or (key[0] < best_key[0] and key[1] < best_key[1]):
            best, best_key = candidate, key
    return best


# factor, cancel and together are not cached by SymPy, and a batch tidies the same results again.
# Huge results are not kept (and are returned as they are anyway).
_textbook = Memo(_textbook_uncached, size=2048, largest=HUGE, measure=lambda e: _nodes_past(e, HUGE))
