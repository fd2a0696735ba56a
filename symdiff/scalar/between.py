"""The forms a substitution passes through on its way to the rule's result, for the closing line
"substituting the pieces: (1/|x|)·x/|x| = x/|x|² = x/x², which gives 1/x".

A rule's pieces put together (the assembled form) and its result (SymPy's evaluation) can differ by
one move a reader follows at a glance (factors reordered, numbers multiplied, ·1 dropped, a sum
multiplied out, a common factor cancelled) or by several at once, where the reader is left to find
the ones in between. The measure is that count of moves, each a kind of its own, taken in this order:

1. powers of one base combine, on each side of the fraction bar apart (|x|·|x| = |x|²); numbers
   combine across it (numbers cancel at a glance);
2. each sum among the factors is multiplied out (1·|x| − x·x/|x| = |x| − x²/|x|);
3. each power is evaluated, with the identities SymPy knows for it (|x|² = x², √(x²) = |x|,
   e^(ln x) = x), still without cancelling across the bar;
4. the result: what cancels across the bar cancels.

A move that changes nothing the reader sees (the same factors, the same powers) is no move. Where
the result takes at most one move, the line says "…, which gives result" as before; where it takes
more, the forms after each move are written between, so that every "=" on the line is one move.
"""

from __future__ import annotations

import contextlib
from collections import Counter

import sympy
from sympy.core.sorting import default_sort_key

from ..core.formula import Over, Times
from ..core.nodes import count_nodes

# Past this many nodes the forms are not worked out: a line that long is read as a display anyway,
# and the walk would be paid on every partial of a large gradient.
_LARGEST = 160


def _factors(expr, nums: list, dens: list, sign: int = 1) -> sympy.Rational:
    """`expr` taken apart as a product: (base, exponent) pairs above the bar into `nums`, below it
    into `dens`, as written (nothing merged); returns the product of its numbers."""
    coefficient = sympy.S.One
    if isinstance(expr, Over):
        top, bottom = expr.args
        return _factors(top, nums, dens, sign) * _factors(bottom, nums, dens, -sign) ** 1
    if isinstance(expr, Times) or (isinstance(expr, sympy.Mul)):
        for arg in expr.args:
            coefficient *= _factors(arg, nums, dens, sign)
        return coefficient
    if isinstance(expr, sympy.Number):
        return expr if sign > 0 else 1 / expr
    if isinstance(expr, sympy.sign):  # printed u/|u| (the views never write sign(u)): read as printed
        _put(expr.args[0], sympy.S.One, nums, dens, sign)
        _put(sympy.Abs(expr.args[0]), sympy.S.One, nums, dens, -sign)
        return coefficient
    base, exponent = _base_exp(expr)
    if exponent.is_Integer and isinstance(base, (sympy.Mul, Times, Over)):
        # (a·b)ⁿ with an integer n is aⁿ·bⁿ: its factors, each to the power
        inner_nums, inner_dens = [], []
        c = _factors(base, inner_nums, inner_dens)
        for b, e in inner_nums:
            _put(b, e * exponent, nums, dens, sign)
        for b, e in inner_dens:
            _put(b, e * exponent, nums, dens, -sign)
        return c ** (exponent if sign > 0 else -exponent)
    _put(base, exponent, nums, dens, sign)
    return coefficient


def _put(base, exponent, nums: list, dens: list, sign: int) -> None:
    if exponent.is_negative:
        exponent, sign = -exponent, -sign
    (nums if sign > 0 else dens).append((base, exponent))


def _base_exp(expr):
    """(base, exponent) of a power with a rational exponent, (b^n)^k with an integer k taken as
    b^(nk); anything else is its own base, to the power 1. e^u stays a function (SymPy's exp)."""
    if isinstance(expr, sympy.Pow) and expr.exp.is_Rational:
        base, exponent = expr.base, expr.exp
        if exponent.is_Integer:
            inner, n = _base_exp(base)
            if n != 1:
                return inner, n * exponent
        return base, exponent
    return expr, sympy.S.One


def _canonical(expr):
    """`expr` with its sums and products in SymPy's order and its numbers multiplied, every function
    kept as it is applied (e^(ln x) stays: that it is x is a move of its own): csc(1 + x) as written
    is csc(x + 1), as a sum's order is no move."""
    if not isinstance(expr, sympy.Basic) or expr.is_Atom:
        return expr
    args = [_canonical(a) for a in expr.args]
    if hasattr(expr, "value") and not isinstance(expr, sympy.Function):  # a formula written as given
        return expr.value(*args)
    if isinstance(expr, (sympy.Add, sympy.Mul, sympy.Pow)):
        return expr.func(*args)
    if isinstance(expr, sympy.Function):
        with contextlib.suppress(TypeError):
            return expr.func(*args, evaluate=False)
    return expr


def _key(coefficient, nums, dens) -> tuple:
    """What the reader sees of a product: its number and its factors with their powers, in any order."""
    return (coefficient, Counter((_canonical(b), e) for b, e in nums),
            Counter((_canonical(b), e) for b, e in dens))


def _merged(pairs) -> list:
    powers: dict = {}
    for base, exponent in pairs:
        base = _canonical(base)
        powers[base] = powers.get(base, 0) + exponent
    return sorted(((b, e) for b, e in powers.items() if e != 0), key=lambda p: default_sort_key(p[0]))


def _side(number, pairs):
    """One side of the fraction bar: a SymPy product, which the views print in their own order of
    factors, unless a power would be evaluated on the way (|x|² is x² to SymPy), then as written."""
    powers = [sympy.Pow(b, e, evaluate=False) if e != 1 else b for b, e in pairs]
    if all(e == 1 or sympy.Pow(b, e) == p for (b, e), p in zip(pairs, powers)):
        return _times(number, sympy.Mul(*powers))
    parts = ([number] if number != 1 or not powers else []) + powers
    return parts[0] if len(parts) == 1 else Times(*parts)


def _written(coefficient, nums, dens):
    """The product as a fraction, each power as it is (|x|² is not evaluated to x²), nothing
    cancelled across the bar."""
    top = _side(coefficient.p, nums)
    if coefficient.p < 0 and isinstance(top, Times):  # the sign on the first factor: -2·x, not -1·2·x
        top = Times(sympy.Mul(-1, top.args[0], evaluate=False), *top.args[1:])
    return top if coefficient.q == 1 and not dens else Over(top, _side(coefficient.q, dens))


def _applied(base):
    """`base` evaluated at its head only, as SymPy evaluates a product it builds (e^(ln x) is x,
    |x|² is x²), its arguments as they are: a deeper identity the result does not use (atan2(x, 1/2)
    is atan(2x)) is no move of this line."""
    base = _canonical(base)
    if isinstance(base, sympy.Function):
        base = base.func(*base.args)
    return _as_printed(base)


def _evaluated(pairs):
    return sympy.Mul(*(sympy.Pow(_applied(b), e) for b, e in pairs))


def _as_printed(expr):
    """sign(u) as the views print it, u/|u|, evaluated (sign(x)/|x| is printed 1/x)."""
    if not expr.has(sympy.sign):
        return expr
    return expr.replace(lambda e: isinstance(e, sympy.sign), lambda e: e.args[0] / sympy.Abs(e.args[0]))


def _unwrapped(expr):
    """`expr` without the wrappers a view puts around a piece to print it in the order it was typed
    (render.notation.InOrder): the moves are read from the mathematics, not the order of its terms.
    Nothing else is rebuilt: |x|² as written stays |x|²."""
    if getattr(type(expr), "wraps_for_printing", False):
        return _unwrapped(expr.args[0])
    if not isinstance(expr, sympy.Basic) or expr.is_Atom:
        return expr
    args = [_unwrapped(a) for a in expr.args]
    if all(a is b for a, b in zip(args, expr.args)):
        return expr
    try:
        return expr.func(*args, evaluate=False)
    except TypeError:  # a class that is never evaluated on construction takes no such flag
        return expr.func(*args)


def _times(number, expr):
    """number·expr, a sum kept whole: 2·(1 + 1/x), not SymPy's 2 + 2/x, as multiplying a number in is
    a move of its own. (Not by SymPy's `distribute(False)`: SymPy's cache would keep the products
    built under it and hand them to every later caller.)"""
    if expr.is_Add and number not in (1, -1):
        return sympy.Mul(number, expr, evaluate=False)
    return number * expr


def forms_between(assembled, result) -> list:
    """The forms to write between `assembled` (a rule's pieces put together, as written) and
    `result`: one after each move, where it takes more than one move (see the module's words); else
    none."""
    if count_nodes(result, _LARGEST) > _LARGEST or count_nodes(assembled.doit(), _LARGEST) > _LARGEST:
        return []
    assembled, result = _unwrapped(assembled), _unwrapped(result)
    nums: list = []
    dens: list = []
    coefficient = _factors(assembled, nums, dens)
    if not coefficient.is_Rational or coefficient == 0:  # a factor 0: the product is 0 at a glance
        return []
    chain = [(_key(coefficient, nums, dens), None)]

    def add(key, form) -> None:
        if key != chain[-1][0]:
            chain.append((key, form))

    nums, dens = _merged(nums), _merged(dens)
    add(_key(coefficient, nums, dens), _written(coefficient, nums, dens))
    top, bottom = _times(coefficient.p, _evaluated(nums)), _times(coefficient.q, _evaluated(dens))
    evaluated: list = [[], []]
    c = _factors(top, *evaluated) / _factors(bottom, evaluated[1], evaluated[0])
    add(_key(c, *evaluated), Over(top, bottom) if bottom != 1 else top)
    final: list = [[], []]
    add(_key(_factors(_as_printed(result), *final), *final), None)
    if len(chain) <= 2:  # one move at most: seen at a glance
        return []
    return [form for _, form in chain[1:-1]]


__all__ = ["forms_between"]
