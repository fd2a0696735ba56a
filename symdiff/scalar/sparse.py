"""Derivatives of big sums without quadratic work.

A loss with n parameters is usually a sum of terms that each contain a few of them. Differentiating
the whole sum by every parameter (`[diff(f, w) for w in ws]`) touches every term n times. Here the
terms are indexed once by the symbols they contain, and ∂f/∂w (or ∂²f/∂w∂v) only visits the terms
that contain w (and v): near linear in the size of f for the losses people write.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations_with_replacement
from typing import Iterable

import sympy

from .rules import derive, derive_ours


class TermIndex:
    """f as a sum of terms, indexed by the symbols each term contains."""

    def __init__(self, expr: sympy.Expr):
        self.expr = expr
        self.terms: tuple[sympy.Expr, ...] = expr.args if isinstance(expr, sympy.Add) else (expr,)
        self._by_symbol: dict[sympy.Symbol, list[int]] = defaultdict(list)
        for i, term in enumerate(self.terms):
            for s in term.free_symbols:
                self._by_symbol[s].append(i)

    def terms_with(self, var: sympy.Symbol) -> list[sympy.Expr]:
        return [self.terms[i] for i in self._by_symbol.get(var, ())]

    def derivative(self, var: sympy.Symbol) -> sympy.Expr:
        """∂f/∂var, from the terms that contain var, by the rules engine (the same results its step
        trees give, without keeping the trees). The terms are parts of an expression already checked."""
        return sympy.Add(*(derive_ours(t, var, results_only=True).result for t in self.terms_with(var)))

    def second_derivatives(self, variables: Iterable[sympy.Symbol]):
        """{(i, j): (∂/∂x_j ∂f/∂x_i, ∂/∂x_i ∂f/∂x_j)} for i <= j over the pairs that some term
        contains (every other second partial is 0), both orders, so Schwarz can be checked."""
        variables = list(variables)
        position = {v: k for k, v in enumerate(variables)}
        parts: dict[tuple[int, int], tuple[list, list]] = defaultdict(lambda: ([], []))
        for term in self.terms:
            present = sorted(position[s] for s in term.free_symbols if s in position)
            firsts = {k: derive(term, variables[k]).result for k in present}
            for i, j in combinations_with_replacement(present, 2):
                ij, ji = parts[(i, j)]
                ij.append(derive(firsts[i], variables[j]).result)
                ji.append(derive(firsts[j], variables[i]).result)
        return {key: (sympy.Add(*a), sympy.Add(*b)) for key, (a, b) in parts.items()}
