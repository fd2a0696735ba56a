"""Walking an expression's nodes as printed (a shared part once per appearance), in linear time.

`sympy.preorder_traversal` nests one generator per level, so each node it yields passes up through
every level above it: x*sin(x + x*sin(x + …)) 80 deep cost depth × nodes, most of a derivative's
time. An explicit stack yields the same nodes in the same order at a constant cost each.
"""

from __future__ import annotations

from typing import Iterable, Iterator


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


def free_symbols(exprs: Iterable) -> set:
    """The union of `e.free_symbols` over `exprs`, with each distinct node looked at once.

    SymPy's `free_symbols` is a union over every path through the tree, and a derivative shares its
    parts: x*sin(x + x*sin(x + …)) 160 deep has about 65 000 nodes as printed but a few hundred
    distinct ones. Nodes are told apart by identity (the parts a derivative shares are the same
    objects); a class with its own `free_symbols` (a symbol, an integral's bound variable) answers
    for itself; a big sum's symbols are remembered (each partial of g(Σ exp(z_j)) holds the same
    sum). Iterative: deep nests need no recursion."""
    return _free_symbols(exprs, remember=True)


def _free_symbols(exprs: Iterable, remember: bool) -> set:
    def answers(node) -> bool:  # for its own symbols, without its args being walked
        return _own_free_symbols(type(node)) or (remember and len(node.args) >= BIG_SUM)

    found: set = set()
    for node in distinct(exprs, stop=answers):
        if _own_free_symbols(type(node)):
            found |= node.free_symbols
        elif remember and len(node.args) >= BIG_SUM:
            found |= _big_free_symbols(node)
    return found


def _big_sum_free_symbols(node) -> frozenset:
    return frozenset(_free_symbols([node], remember=False))


_own: dict[type, bool] = {}


def _own_free_symbols(cls: type) -> bool:
    """Whether instances of `cls` say their free symbols otherwise than as the union of their args'.
    (Looked up along the MRO: `cls.free_symbols` would find a property of a metaclass, such as
    sin's.)"""
    try:
        return _own[cls]
    except KeyError:
        pass
    from sympy.core.basic import Basic

    owner = next((c for c in cls.__mro__ if "free_symbols" in c.__dict__), Basic)
    _own[cls] = owner is not Basic
    return _own[cls]


def distinct(exprs: Iterable, stop=None) -> Iterator:
    """Each distinct node of `exprs` once (told apart by identity), parents before children: what
    `expr.atoms(T)` filters, without sympy's nested generators (quadratic in depth) or a walk of
    every path through a shared part. A node for which `stop(node)` holds is yielded, its args not
    walked."""
    seen: set[int] = set()
    stack = list(exprs)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if stop is None or not stop(node):
            stack.extend(node.args)


def atoms(expr, *types: type) -> set:
    """`expr.atoms(*types)` for classes `types`, in linear time."""
    return {node for node in distinct([expr]) if isinstance(node, types)}


def _memo(fn):
    from .memo import Memo

    return Memo(fn, size=256, largest=10**6)


_big_free_symbols = _memo(_big_sum_free_symbols)


def degree_as_written(expr) -> int:
    """The total degree of a polynomial as written, found without expanding it ((x + y)^3000 would take
    minutes to multiply out): a bound, exact unless terms cancel. Parts that are not powers of the
    polynomial's symbols with a whole exponent count 0."""
    if expr.is_Symbol:
        return 1
    if expr.is_Add:
        return max(degree_as_written(a) for a in expr.args)
    if expr.is_Mul:
        return sum(degree_as_written(a) for a in expr.args)
    if expr.is_Pow and expr.exp.is_Integer and expr.exp >= 0:
        return int(expr.exp) * degree_as_written(expr.base)
    return 0
