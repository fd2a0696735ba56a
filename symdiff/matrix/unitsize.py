"""A network with a layer of one unit, derived as the general network is.

The matrix engine reads a 1×1 node as a scalar (expr.py): it commutes to the front of a product, a
norm of it is |u|, a diagonal Jacobian of it is its one entry. For a layer of one unit that gives
δ₁W₁ᵀ for W₁ᵀδ₁, |z − t|·sign(z − t) for z − t, and no diag(σ′) to cancel against the cross-entropy:
right numbers, but not the derivation a teacher writes for the network of any size. So such a network
is derived with a size name in place of each 1 (`general_sizes`; the engine then keeps matrix order and forms), and
every shape in the result is set back to 1 afterwards, node by node, without the engine's constructors
(which would fold the 1×1 products into scalars again).
"""

from __future__ import annotations

import dataclasses
from functools import cached_property

from . import expr as E

PLACEHOLDER = "unitsize"


def general_sizes(sizes) -> tuple[tuple, frozenset]:
    """(`sizes` with each 1 replaced by a size name of its own, those names); the names are none of
    `sizes`, and each 1 has its own so that no two sizes become equal that were not (W of 1×1 stays
    a map from one space to another, not a square matrix the engine might invert or trace)."""
    taken, names, out = {str(s) for s in sizes}, [], []
    for s in sizes:
        if s != 1:
            out.append(s)
            continue
        k = len(names)
        while f"{PLACEHOLDER}{k}" in taken:
            k += 1
        taken.add(f"{PLACEHOLDER}{k}")
        names.append(f"{PLACEHOLDER}{k}")
        out.append(names[-1])
    return tuple(out), frozenset(names)


def _dim(d, names):
    return 1 if isinstance(d, str) and d in names else d


def _shape(shape, names):
    return tuple(_dim(d, names) for d in shape)


def _cached_names(cls) -> tuple[str, ...]:
    return tuple(n for k in cls.__mro__ for n, v in vars(k).items() if isinstance(v, cached_property))


def to_one(obj, names: frozenset, memo: dict | None = None):
    """`obj` (a node, a step, a result, or lists, tuples and dicts of them) with each size in `names` set to 1
    in every shape. Structure is kept as it is: the point is the general form with 1 for its size."""
    memo = {} if memo is None else memo
    key = id(obj)
    if key in memo:
        return memo[key][0]
    out = _to_one(obj, names, memo)
    memo[key] = (out, obj)  # obj kept alive so that its id is not reused while the walk runs
    return out


def _to_one(obj, names, memo):
    if isinstance(obj, (str, int, float, bool, type(None))) or isinstance(obj, type):
        return obj
    if isinstance(obj, tuple):
        if len(obj) == 2 and all(isinstance(d, (int, str)) for d in obj) and any(d in names for d in obj):
            return _shape(obj, names)
        items = tuple(to_one(x, names, memo) for x in obj)
        return type(obj)(*items) if hasattr(obj, "_fields") else items
    if isinstance(obj, list):
        return [to_one(x, names, memo) for x in obj]
    if isinstance(obj, dict):
        return {to_one(k, names, memo): to_one(v, names, memo) for k, v in obj.items()}
    if isinstance(obj, E.Node):
        return _node(obj, names, memo)
    if dataclasses.is_dataclass(obj):
        # a step's result is a cached property: worked out here, on the general form, before the copy
        for attr in _cached_names(type(obj)):
            getattr(obj, attr)
        copy = object.__new__(type(obj))
        for attr, value in vars(obj).items():
            object.__setattr__(copy, attr, to_one(value, names, memo))
        if hasattr(type(obj), "general"):  # a step: its words stay those of the general size
            object.__setattr__(copy, "general", True)
        return copy
    return obj


def _node(node: E.Node, names: frozenset, memo: dict) -> E.Node:
    if isinstance(node, E.Sym):
        return E.Sym(node.name, _shape(node.dims, names))
    if isinstance(node, E.Differential):
        return E.Differential(to_one(node.of, names, memo))
    if isinstance(node, E.Ident):
        return E.Ident(_dim(node.n, names))
    if isinstance(node, (E.Zero, E.Ones)):
        return type(node)(_shape(node.dims, names))
    if isinstance(node, E.Add):
        return E.Add(tuple(to_one(t, names, memo) for t in node.terms))
    if isinstance(node, E.Mul):
        return E.Mul(node.coeff, tuple(to_one(s, names, memo) for s in node.scalars),
                     tuple(to_one(c, names, memo) for c in node.chain))
    if isinstance(node, E.Transpose):
        return E.Transpose(to_one(node.arg, names, memo))
    if isinstance(node, E.Power):
        return E.Power(to_one(node.base, names, memo), node.exponent)
    if isinstance(node, E.Call):
        return E.Call(node.fn, tuple(to_one(a, names, memo) for a in node.args), node.exponent,
                      _shape(node.out, names), None if node.normal is None else to_one(node.normal, names, memo))
    return node


__all__ = ["general_sizes", "to_one"]
