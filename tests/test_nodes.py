"""symdiff.core.nodes walks an expression as sympy.preorder_traversal does, in linear time."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from test_invariant import expressions
from test_invariant import parse as parse_or_reject

from symdiff.core.nodes import count_nodes, preorder
from symdiff.scalar.parsing import parse


@settings(max_examples=150, deadline=None)
@given(expressions, st.integers(min_value=0, max_value=40))
def test_preorder_and_count_are_sympys(text, limit):
    expr = parse_or_reject(text)
    theirs = list(sympy.preorder_traversal(expr))
    assert list(preorder(expr)) == theirs
    assert count_nodes(expr) == len(theirs)
    assert count_nodes(expr, limit) == min(len(theirs), limit + 1)


def test_deep_nesting_is_counted_without_recursion():
    # The nested sines of issue 18, deeper than Python's recursion limit allows a recursive walk.
    x = parse("x")
    expr = x
    for _ in range(3000):
        expr = x * sympy.sin(x + expr, evaluate=False)
    assert count_nodes(expr) == 1 + 3000 * 5  # each level: x*sin(x + …), five nodes
    assert count_nodes(expr, 10) == 11


# --- free symbols and atoms over distinct nodes (issue 18: a derivative shares its parts, and SymPy's
# walks follow every path through them)

from symdiff.core.nodes import atoms, distinct, free_symbols  # noqa: E402
from symdiff.scalar.rules import derive  # noqa: E402

x = parse("x")

_KINDS = (sympy.Pow, sympy.Function, sympy.Symbol, sympy.Number, sympy.Abs, sympy.Add)


@settings(max_examples=150, deadline=None)
@given(expressions, expressions)
def test_free_symbols_and_atoms_are_sympys(text, other):
    f, g = parse_or_reject(text), parse_or_reject(other)
    df = derive(f, x).result
    for expr in (f, df, f * g, sympy.Integral(f, (x, 0, 1)), sympy.Derivative(g, x), sympy.Lambda(x, df + g)):
        assert free_symbols([expr]) == expr.free_symbols
        for kind in _KINDS:
            assert atoms(expr, kind) == expr.atoms(kind)
    assert free_symbols([f, g]) == f.free_symbols | g.free_symbols
    assert set(distinct([df])) == set(sympy.preorder_traversal(df))


def _nest(depth):
    expr = x
    for _ in range(depth):
        expr = x * sympy.sin(x + expr)
    return expr


def test_deep_derivatives_are_walked_once_per_distinct_part():
    # x*sin(x + x*sin(x + …)) 60 deep: its derivative is 18 420 nodes as printed but 362
    # distinct objects, and the walk yields each once (SymPy's visit every copy).
    df = derive(_nest(60), x).result
    assert sum(1 for _ in distinct([df])) < 1000 < 10_000 < count_nodes(df)
    assert free_symbols([df]) == {x}
    assert atoms(df, sympy.sin) == {node for node in preorder(df) if isinstance(node, sympy.sin)}


def test_deep_nests_need_no_recursion():
    deep = _nest(3000)
    assert free_symbols([deep]) == {x}
    assert len(atoms(deep, sympy.sin)) == 3000
