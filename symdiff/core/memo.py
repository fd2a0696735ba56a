"""A small, bounded memo keyed by SymPy expressions, for the pure functions a batch repeats: printing
an expression and tidying a result.

One record prints the same expressions several times (a step's expression is also in its
explanation, the variable in every step), and a batch meets the same parts line after line. SymPy
caches its own arithmetic the same way; printing and tidying it does not cache.
"""

from __future__ import annotations

from typing import Any, Callable

import sympy

# A key must only ever meet keys that print alike. From SymPy 1.13, == is structural and strict
# (Float(2.0) != 2); before, 2.0*x == 2*x, and the memo could answer one with the other's text.
STRICT_EQUALITY = sympy.Float(2.0) != sympy.Integer(2)


class Memo:
    """fn(expr), remembered for up to `size` expressions whose answer is no bigger than `largest`
    (nodes or characters, by `measure`), so that neither the count nor one huge result makes a
    worker's memory grow. When full, it starts again empty: cheaper than tracking recency, and a
    batch refills it with what it still uses."""

    def __init__(self, fn: Callable[[Any], Any], size: int, largest: int, measure: Callable[[Any], int] = len):
        self.fn, self.size, self.largest, self.measure = fn, size, largest, measure
        self.table: dict = {}

    def __call__(self, expr):
        if not STRICT_EQUALITY or not isinstance(expr, sympy.Basic):
            return self.fn(expr)
        key = (type(expr), expr)
        try:
            return self.table[key]
        except KeyError:
            pass
        except TypeError:  # unhashable
            return self.fn(expr)
        value = self.fn(expr)
        if self.measure(value) <= self.largest:
            if len(self.table) >= self.size:
                self.table.clear()
            self.table[key] = value
        return value

    def clear(self) -> None:
        self.table.clear()


# Sums longer than this keep SymPy's internal order wherever they are ordered (its sort is quadratic).
SORT_TERMS_MAX = 200

# A sum's terms in the order they are printed (`as_ordered_terms`): SymPy sorts again each time it is
# asked, and one sum is ordered by the rules engine (a sum's steps come in that order) and then by
# every printer of a record (str, plain, LaTeX), each step printing the sums its parent printed.
ordered_terms = Memo(lambda expr: tuple(expr.as_ordered_terms()), size=4096, largest=SORT_TERMS_MAX)


def prints_negative(expr) -> bool:
    """Whether `expr` is printed starting with a minus: a negative coefficient (-2*x, -sin(x), -3), or a
    sum of negative terms only (the human printers put a positive term first where there is one)."""
    if expr.is_Add:
        return all(prints_negative(t) for t in expr.args)
    return bool(expr.as_coeff_Mul()[0].is_negative)
