"""Textbook form for final results: 6*x*y**4, not 3*y**4*(2*x).

Step results stay exactly as their rules computed them (that is what makes each step checkable);
only the answer a derivation ends with is tidied here.
"""

from __future__ import annotations

import sympy

# `simplify` tries many rewrites and its cost grows quickly with size; past this many operations
# the cheaper rewrites below are all that is tried.
SIMPLIFY_MAX_OPS = 60


def textbook(expr: sympy.Expr) -> sympy.Expr:
    """The simplest of a few equal forms of `expr`, keeping `expr` unless another is clearly simpler."""
    ops = sympy.count_ops(expr)
    candidates = [sympy.factor_terms(expr), sympy.cancel(expr) if expr.is_rational_function() else expr]
    if ops <= SIMPLIFY_MAX_OPS:
        candidates.append(sympy.simplify(expr))
    best, best_key = expr, (ops, len(sympy.sstr(expr)))
    for candidate in candidates:
        key = (sympy.count_ops(candidate), len(sympy.sstr(candidate)))
        # Only a clear gain (two operations fewer) beats the form the rules produced, which reads
        # like the steps above it.
        if key[0] <= best_key[0] - 2 or (key[0] < best_key[0] and key[1] < best_key[1]):
            best, best_key = candidate, key
    return best
