"""The common factor a simplification takes out of a sum: the line a student needs between the sum
the steps end with and the factored form the answer is given in (8x²(x² + 1) + 2(x² + 1)² is
2(x² + 1)·(4x² + (x² + 1)) before it is 2(x² + 1)(5x² + 1)). Read off the terms' own factors, so the
factor is the one a reader sees in every term, never one found by expanding."""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy


@dataclass(frozen=True)
class TakenOut:
    factor: sympy.Expr  # what every term has
    taken: sympy.Expr  # factor·(the sum of what is left), unevaluated: the line to show


def _powers(term: sympy.Expr) -> tuple[sympy.Rational, dict]:
    """A term's rational coefficient and its other factors as base → integer exponent."""
    coefficient, rest = term.as_coeff_Mul()
    powers: dict = {}
    for factor in sympy.Mul.make_args(rest):
        base, exponent = factor.as_base_exp()
        if exponent.is_Integer and exponent > 0:
            if isinstance(base, sympy.Add):  # 2x + 2 is 2(x + 1): the factor x + 1 is in it
                content, base = base.as_content_primitive()
                coefficient *= content ** exponent
            powers[base] = powers.get(base, 0) + int(exponent)
        else:  # a root or a reciprocal is kept whole: a textbook takes out powers it can see
            powers[factor] = powers.get(factor, 0) + 1
    return sympy.Rational(coefficient), powers


def _left(coefficient: sympy.Rational, rest: sympy.Expr) -> sympy.Expr:
    """What a term keeps once the factor is out: 3(x + 1) stays so, where SymPy would distribute the
    number into 3x + 3 and hide the bracket the reader just saw in the term."""
    if coefficient != 1 and isinstance(rest, sympy.Add):
        return sympy.Mul(coefficient, rest, evaluate=False)
    return coefficient * rest


def common_factor(before: sympy.Expr, after: sympy.Expr) -> TakenOut | None:
    """`before` (a sum) with its terms' common factor in front, where `after` is a product that
    `before` equals and the factor is more than a number: None where there is nothing to show."""
    if not isinstance(before, sympy.Add) or not isinstance(after, sympy.Mul):
        return None
    terms = sympy.Add.make_args(before)
    read = [_powers(t) for t in terms]
    shared = set(read[0][1])
    for _, powers in read[1:]:
        shared &= set(powers)
    if not shared:  # a number alone (2x + 4 as 2(x + 2)) is no step a student misses
        return None
    factor_powers = {b: min(p[b] for _, p in read) for b in shared}
    coefficients = [c for c, _ in read]
    number = sympy.Integer(math.gcd(*(int(c) for c in coefficients))) if all(c.is_Integer for c in coefficients) else 1
    if all(c < 0 for c in coefficients):
        number = -number
    # unevaluated: 2·(x² + 1) evaluated is 2x² + 2, the factor no longer seen
    parts = ([number] if number != 1 else []) + [b ** e for b, e in sorted(factor_powers.items(), key=sympy.default_sort_key)]
    factor = sympy.Mul(*parts, evaluate=False) if len(parts) > 1 else parts[0]
    left = [_left(c / number, sympy.Mul(*(b ** (p[b] - factor_powers.get(b, 0)) for b in p))) for c, p in read]
    taken = sympy.Mul(*parts, sympy.Add(*left, evaluate=False), evaluate=False)
    # honest: the line equals the sum (and the answer), or it is not shown
    if sympy.expand(taken - before) != 0 or sympy.expand(after - before) != 0:
        return None
    if set(sympy.Add.make_args(sympy.expand(sympy.Add(*left)))) == set(left):
        return None  # nothing collapses inside: the factored form says it already
    return TakenOut(factor, taken)
