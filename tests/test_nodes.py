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
