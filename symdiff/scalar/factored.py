"""The lines a student needs between the sum the steps end with and the form the answer is given in
(`moves`): a factor that is itself a sum with a common factor, factored (x³ − x = x(x² − 1)); the
common factor taken out (8x²(x² + 1) + 2(x² + 1)² is 2(x² + 1)·(4x² + x² + 1) before it is
2(x² + 1)(5x² + 1)); a quotient's terms brought over one denominator (a complex fraction's cleared
by multiplying its numerator and denominator by that denominator); and the bracket collected. The
factor is read off the terms' own factors, so it is the one a reader sees in every term, never one
found by expanding; each line is checked equal to the one before it, and a line that is not is never
shown (nor any after it)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy

from ..core.memo import ordered_terms, prints_negative


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


def _left(coefficient: sympy.Rational, rest: sympy.Expr):
    """What a term keeps once the factor is out: 3(x + 1) stays so, where SymPy would distribute the
    number into 3x + 3 and hide the bracket the reader just saw in the term."""
    if coefficient != 1 and isinstance(rest, sympy.Add):
        return sympy.Mul(coefficient, rest, evaluate=False)
    return coefficient * rest


def common_factor(before: sympy.Expr, after: sympy.Expr, order=None) -> TakenOut | None:
    """`before` (a sum) with its terms' common factor in front, where `after` is a product that
    `before` equals and the factor is more than a number: None where there is nothing to show. The
    bracket keeps the terms in `order` (the sum's terms as the reader saw them), where given."""
    if not isinstance(before, sympy.Add) or not isinstance(after, sympy.Mul):
        return None
    terms = _in_order(before, order)
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
    # a term left a sum with nothing in front is a term of the bracket as it is: 1 − x² − 3(x² + 1),
    # not (1 − x²) − 3(x² + 1), whose inner brackets say nothing
    spliced = [t for term in left for t in (_printed_order(term) if isinstance(term, sympy.Add) else (term,))]
    taken = sympy.Mul(*parts, sympy.Add(*spliced, evaluate=False), evaluate=False)
    # honest: the line equals the sum (and the answer), or it is not shown
    if not equal(taken, before) or not equal(after, before):
        return None
    if set(sympy.Add.make_args(sympy.expand(sympy.Add(*left)))) == set(left):
        return None  # nothing collapses inside: the factored form says it already
    return TakenOut(factor, taken)


def _printed_order(total: sympy.Add) -> list:
    """A sum's terms as the printers write it (x² − 1, 1 − x²): descending, a positive term first."""
    terms = list(ordered_terms(total))
    if prints_negative(terms[0]):
        first = next((i for i, t in enumerate(terms) if not prints_negative(t)), None)
        if first is not None:
            terms = [terms[first], *terms[:first], *terms[first + 1:]]
    return terms


def _in_order(total: sympy.Add, order) -> tuple:
    """The terms of `total` in `order` where that is a reading of them, else SymPy's."""
    terms = sympy.Add.make_args(total)
    if order is not None and len(order) == len(terms) and set(order) == set(terms):
        return tuple(order)
    return terms


# Past this many nodes a line is not checked by `simplify` (seconds on a big quotient): expand and
# cancel decide alone, and a line they cannot prove is not shown.
_SIMPLIFY_NODES = 120


def equal(a: sympy.Expr, b: sympy.Expr) -> bool:
    """Whether `a` and `b` are provably one expression: expand, then cancel, then (small) simplify."""
    try:
        difference = a - b
        if sympy.expand(difference) == 0:
            return True
        if sympy.cancel(sympy.together(sympy.expand(difference))) == 0:
            return True
        return sympy.count_ops(difference) <= _SIMPLIFY_NODES and sympy.simplify(difference) == 0
    except (sympy.PolynomialError, TypeError, ValueError, RecursionError, ZeroDivisionError):
        return False


@dataclass(frozen=True)
class Move:
    """One line between the steps' sum and the simplified form: the words' message key and slots
    (name → expression), and the line. `kept` are the sums in `expr` (by identity) whose terms are in
    reading order; the printers write every other sum in theirs (x + 1, 7x + 3)."""

    key: str
    slots: tuple
    expr: sympy.Expr
    kept: tuple = ()


def _bases(expr: sympy.Expr) -> set:
    """The sums `expr`'s factors are powers of, each with its negative: 1 − x² stands for x² − 1 too."""
    out = set()
    for factor in sympy.Mul.make_args(expr):
        base = factor.as_base_exp()[0]
        if isinstance(base, sympy.Add):
            out |= {base, -base}
    return out


def _inner_factorings(total: sympy.Add, after: sympy.Expr) -> list[tuple]:
    """(sum, its factored form) for each sum that is a factor of a term of `total` and has a common
    factor more than a number, whose remaining sum the answer has as a factor: x³ − x = x(x² − 1) where
    the answer is 4x³(x² − 1)²(5x² − 2)."""
    wanted = _bases(after)
    found = {}
    for term in sympy.Add.make_args(total):
        for factor in sympy.Mul.make_args(term):
            base = factor.as_base_exp()[0]
            if not isinstance(base, sympy.Add) or base in found:
                continue
            pulled = sympy.factor_terms(base)
            if not isinstance(pulled, sympy.Mul):
                continue
            inner = [f for f in pulled.args if isinstance(f.as_base_exp()[0], sympy.Add)]
            if len(inner) == 1 and any(not f.is_Number for f in pulled.args if f is not inner[0]) \
                    and inner[0].as_base_exp()[0] in wanted:
                found[base] = pulled
    return list(found.items())


def _the_sum(expr: sympy.Expr):
    """(what is outside, the sum): the steps' result is a sum, or a number times a sum over a
    denominator (a quotient rule's (g′h − gh′)/h²)."""
    if isinstance(expr, sympy.Add):
        return sympy.S.One, expr
    if isinstance(expr, sympy.Mul):
        sums = [f for f in expr.args if isinstance(f, sympy.Add)]
        if len(sums) == 1:
            return sympy.Mul(*(f for f in expr.args if f is not sums[0])), sums[0]
    return None, None


def _times(a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
    """a·b, its number kept before a sum (4(x³ − x) from 4√(x³ − x)·√(x³ − x)): SymPy would multiply it
    out, a step no one asked for, and its terms would be read as the bracket's own."""
    product = a * b
    if isinstance(product, sympy.Add) and not isinstance(a, sympy.Add) and not isinstance(b, sympy.Add):
        number, rest = product.as_content_primitive()
        if rest.could_extract_minus_sign():  # −5(x⁴ + 2), not 5(−x⁴ − 2)
            number, rest = -number, -rest
        if number != 1 and isinstance(rest, sympy.Add):
            return sympy.Mul(number, rest, evaluate=False)
    return product


def _over_one_denominator(outside, terms: tuple):
    """The sum's terms over their common denominator, with `outside`'s own: (what stays above the bar,
    the numerator's terms in the sum's order, the denominator, the terms' common denominator), or None
    where the terms have no denominator to bring together."""
    fractions = [sympy.fraction(t) for t in terms]
    if all(d == 1 for _, d in fractions):
        return None
    powers: dict = {}
    number = 1
    for _, d in fractions:
        c, rest = d.as_coeff_Mul()
        number = sympy.ilcm(number, int(c)) if c.is_Integer else None
        if number is None:
            return None
        for factor in sympy.Mul.make_args(rest):
            base, exponent = factor.as_base_exp()
            if not exponent.is_Rational:  # e^(x²) in a denominator (x·e^(−x²)): no common power to name
                return None
            powers[base] = max(powers.get(base, 0), exponent)
    common = number * sympy.Mul(*(b ** e for b, e in powers.items()))
    numerators = [_times(n, sympy.cancel(common / d) if d != 1 else common) for n, d in fractions]
    above, below = sympy.fraction(outside)
    return above, numerators, common * below, common


def moves(before: sympy.Expr, after: sympy.Expr, order=None) -> tuple[Move, ...]:
    """The lines from `before` (the steps' result) to `after` (its tidy form) a student could not do
    in their head, in order (see the module's docstring); `order` is `before`'s sum's terms as the
    reader saw them. Each line equals the one before it (checked): the first that cannot be shown
    so ends them."""
    if before == after:
        return ()
    outside, total = _the_sum(before)
    if total is None:
        return ()
    lines: list[Move] = []
    current = before
    terms = _in_order(total, order)

    def said(move: Move, proven: bool = False) -> bool:
        nonlocal current
        if not proven and not equal(move.expr, current):
            return False
        lines.append(move)
        current = move.expr
        return True

    brought = _over_one_denominator(outside, terms)
    if brought is not None:
        # the terms over one denominator first; then the numerator is the sum the moves below work on
        above, numerators, below, common = brought
        bracket = sympy.Add(*numerators, evaluate=False)
        # a fraction whose numerator holds fractions (a quotient rule's (g′h − gh′)/h² with a root in
        # g): a textbook clears them by multiplying numerator and denominator by their common
        # denominator, and names it; a sum alone is brought over its denominator
        move = Move("simplified.multiply", (("factor", common),), _over(above, bracket, below), (bracket,)) \
            if sympy.fraction(outside)[1] != 1 else Move("simplified.denominator", (), _over(above, bracket, below),
                                                         (bracket,))
        if not said(move):
            return tuple(lines)
        terms, total, outside = tuple(numerators), sympy.Add(*numerators), above / below
    else:
        # a quotient whose numerator is the sum: the moves are the numerator's, the denominator kept
        above, below = sympy.fraction(outside)
    target = sympy.Mul(after, 1 / outside)
    for base, pulled in _inner_factorings(total, target):
        terms = tuple(t.xreplace({base: pulled}) for t in terms)
        below = below.xreplace({base: pulled})  # the denominator's too: what cancels is then in sight
        line = sympy.Add(*terms, evaluate=False)
        if not said(Move("simplified.factor.inner", (("sum", base), ("product", pulled)), _over(above, line, below),
                         (line,))):
            return tuple(lines)
    found = common_factor(sympy.Add(*terms), target, terms)
    if found is None:
        collected = sympy.expand(sympy.Add(*terms))
        if outside != 1 and collected != sympy.Add(*terms):
            said(Move("simplified.collect", (), _over(above, collected, below)))
        return tuple(lines)
    bracket = found.taken.args[-1]
    # (proven: common_factor shows no line that does not equal the sum it is given)
    if not said(Move("simplified.factor", (("factor", found.factor),), _over(above, found.taken, below), (bracket,)),
                proven=True):
        return tuple(lines)
    # (a collected line that prints as the simplified form is left to it: see render.markup.tidy_lines)
    collected = sympy.expand(sympy.Add(*bracket.args))
    if collected != 0:
        taken = sympy.Mul(*found.taken.args[:-1], collected, evaluate=not isinstance(collected, sympy.Add))
        line = _over(above, taken, below)
        # the collected bracket stays last, where the bracket it collects was
        said(Move("simplified.collect", (), line, (line,) if isinstance(collected, sympy.Add) else ()))
    return tuple(lines)


def _over(above: sympy.Expr, line: sympy.Expr, below: sympy.Expr) -> sympy.Expr:
    """above·line/below, unevaluated: the line's own sum and product kept as they are built, its
    factors beside the others (2x(x² + 1)/(x² + 1)², not (2x(x² + 1))/(x² + 1)²)."""
    if above == 1 and below == 1:
        return line
    factors = [] if above == 1 else list(sympy.Mul.make_args(above))
    factors += list(line.args) if isinstance(line, sympy.Mul) else [line]
    numbers = [f for f in factors if f.is_Number]
    if len(numbers) > 1:  # 3·2x(…) is 6x(…): one number in front
        factors = [sympy.Mul(*numbers)] + [f for f in factors if not f.is_Number]
    number, rest = below.as_coeff_Mul()
    # 1/below as SymPy writes it (a root's reciprocal a power, not 1/(√u) in brackets), its number kept
    # whole below the bar (a 1/2 in front reads as no textbook writes it)
    under = [] if rest == 1 else list(sympy.Mul.make_args(sympy.Pow(rest, -1)))
    if number != 1:
        under.append(sympy.Pow(number, -1, evaluate=False))
    return sympy.Mul(*factors, *under, evaluate=False)
