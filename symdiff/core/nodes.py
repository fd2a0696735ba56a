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


def count_nodes(expr, limit: int | None = None) -> int:
    """The number of nodes of `expr`; with `limit`, counting stops at limit + 1."""
    n = 0
    stack = [expr]
    while stack:
        node = stack.pop()
        n += 1
        if limit is not None and n > limit:
            return n
        stack.extend(node.args)
    return n
