"""Walking an expression's nodes as printed (a shared part once per appearance), in linear time.

`sympy.preorder_traversal` nests one generator per level, so each node it yields passes up through
every level above it: x*sin(x + x*sin(x + …)) 80 deep cost depth × nodes, most of a derivative's
time. An explicit stack yields the same nodes in the same order at a constant cost each.
"""

from __future__ import annotations

from typing import Iterator


def preorder(expr) -> Iterator:
    """The nodes of `expr`, parents before children, as `sympy.preorder_traversal(expr)` yields them."""
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        args = node.args
        if args:
            stack.extend(reversed(args))


# Sums with at least this many terms have their counts remembered: the partials of a gradient of
# g(Σ cᵢwᵢ) share the one sum, and each partial is counted (for the limit, for tidying) in turn.
BIG_SUM = 32
_big_counts: dict = {}


def count_nodes(expr, limit: int | None = None) -> int:
    """The number of nodes of `expr`; with `limit`, counting stops at limit + 1."""
    n = 0
    stack = [expr]
    while stack:
        node = stack.pop()
        args = node.args
        if len(args) >= BIG_SUM:
            n += _count_big(node, limit)
        else:
            n += 1
            stack.extend(args)
        if limit is not None and n > limit:
            return limit + 1
    return n


def _count_big(node, limit: int | None) -> int:
    key = (type(node), node, limit)
    try:
        return _big_counts[key]
    except (KeyError, TypeError):
        pass
    n = count_nodes_alone(node, limit)
    if len(_big_counts) >= 256:
        _big_counts.clear()
    try:
        _big_counts[key] = n
    except TypeError:  # unhashable
        pass
    return n


def count_nodes_alone(expr, limit: int | None = None) -> int:
    """count_nodes without remembering anything."""
    n = 0
    stack = [expr]
    while stack:
        node = stack.pop()
        n += 1
        if limit is not None and n > limit:
            return n
        stack.extend(node.args)
    return n
