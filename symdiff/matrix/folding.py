"""Rewrites the backprop walkthroughs share (one layer and `--layers`): diag(g)·v = g ⊙ v, and ⊙ and
scalars multiplied out over sums so that like terms meet."""

from __future__ import annotations

from . import expr as E
from .expr import Node
from .table import lookup, product_factors


def hadamard_of_diag(node: Node) -> Node:
    """diag(g)·v = g ⊙ v, the form the notes use for δ; v may itself be a product (diag(g)·Wᵀ·δ)."""
    if isinstance(node, E.Mul) and len(node.chain) >= 2 and isinstance(node.chain[0], E.Call) \
            and node.chain[-1].shape[1] == 1:
        diagonal = lookup(node.chain[0].fn).diagonal
        g = diagonal(node.chain[0]) if diagonal is not None else None
        if g is not None:
            return E.mul(E.Num(node.coeff), *node.scalars, _in_chain_order(g, E.mul(*node.chain[1:])))
    return node


def _in_chain_order(g: Node, v: Node) -> Node:
    """g ⊙ v with g first, as the chain rule's (∂a/∂y)ᵀ·∂L/∂a states it: δ₁ = a₁ ⊙ (𝟏 − a₁) ⊙ (W₂ᵀδ₂),
    where ⊙'s normal form sorts the factors and wrote (W₂ᵀδ₂) ⊙ a₁ ⊙ (𝟏 − a₁). The normal form is
    kept where it merges or cancels factors (z ⊙ z∘⁻¹), which this order would hide."""
    normal = E.call("hadamard", g, v)
    factors = product_factors(normal)
    if len(factors) < 2 or E.is_scalar(g.shape):  # not a ⊙ product once simplified
        return normal
    ordered = E.Call("hadamard", (g, v), None, normal.shape, normal=normal)
    return ordered if len(product_factors(ordered)) == len(factors) else normal


def canonical(node: Node) -> Node:
    """`node` with each ⊙ product built in a stated order (`_in_chain_order`) back in its normal form,
    as JSON writes δ whatever order the views give it."""
    if isinstance(node, E.Call) and node.normal is not None:
        return node.normal
    if isinstance(node, E.Mul):
        return E.mul(E.Num(node.coeff), *(canonical(f) for f in node.factors))
    return node


def expand(node: Node) -> Node:
    """Distribute ⊙ and scalars over sums, so that like terms meet: t ⊙ (1 − z) + ... = z − t."""
    if isinstance(node, E.Add):
        return E.add(*[expand(t) for t in node.terms])
    if isinstance(node, E.Mul):
        factors = [expand(f) for f in node.factors]
        for i, f in enumerate(factors):
            if isinstance(f, E.Add):
                return E.add(*[expand(E.mul(E.Num(node.coeff), *factors[:i], t, *factors[i + 1:]))
                               for t in f.terms])
        return E.mul(E.Num(node.coeff), *factors)
    if isinstance(node, E.Call) and lookup(node.fn).bilinear:
        a, b = (expand(x) for x in node.args)
        if isinstance(a, E.Add):
            return E.add(*[expand(E.call(node.fn, t, b)) for t in a.terms])
        if isinstance(b, E.Add):
            return E.add(*[expand(E.call(node.fn, a, t)) for t in b.terms])
        return E.call(node.fn, a, b)
    return node


def fold_delta(chain: Node) -> Node:
    """δ from the chain-rule product: g ⊙ v, multiplied out when that is shorter."""
    delta = hadamard_of_diag(chain)
    expanded = expand(delta)
    return expanded if E.size(expanded) < E.size(delta) else delta


__all__ = ["canonical", "hadamard_of_diag", "expand", "fold_delta"]
