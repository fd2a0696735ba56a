"""Putting a matrix result in the form a text prints: common factors collected.

The constructors already flatten, gather coefficients, merge like terms and push transposes down
to the symbols; what is left is factoring, AᵀX + AX → (A + Aᵀ)X, which makes results read like
the Matrix Cookbook's.
"""

from __future__ import annotations

from . import expr as E
from .expr import Add, Call, Mul, Node, Power, Transpose


def _parts(term: Node) -> tuple[list[Node], list[Node]]:
    """(scalar part as factors, matrix chain) of a term."""
    if isinstance(term, Mul):
        return [E.Num(term.coeff), *term.scalars], list(term.chain)
    if E.is_scalar(term.shape):
        return [term], []
    return [], [term]


def _factor_side(terms: list[Node], side: int) -> Node | None:
    """Factor a common last (side=-1) or first (side=0) chain factor out of 2+ terms."""
    groups: dict[Node, list[int]] = {}
    for i, t in enumerate(terms):
        _, chain = _parts(t)
        if len(chain) >= 2:
            groups.setdefault(chain[side], []).append(i)
    best = max(groups.items(), key=lambda kv: len(kv[1]), default=None)
    if best is None or len(best[1]) < 2:
        return None
    common, members = best
    inner_terms = []
    for i in members:
        scalars, chain = _parts(terms[i])
        rest = chain[:-1] if side == -1 else chain[1:]
        inner_terms.append(E.mul(*scalars, *rest))
    inner = collect(E.add(*inner_terms))
    factored = E.mul(inner, common) if side == -1 else E.mul(common, inner)
    others = [t for i, t in enumerate(terms) if i not in members]
    return E.add(factored, *others) if others else factored


def collect(node: Node) -> Node:
    node = _rebuild(node)
    if not isinstance(node, Add):
        return node
    terms = list(node.terms)
    for side in (-1, 0):
        out = _factor_side(terms, side)
        if out is not None:
            return out
    return node


def _rebuild(node: Node) -> Node:
    if isinstance(node, Add):
        return E.add(*[collect(t) for t in node.terms])
    if isinstance(node, Mul):
        return E.mul(E.Num(node.coeff), *[collect(f) for f in node.factors])
    if isinstance(node, Transpose):
        return E.transpose(collect(node.arg))
    if isinstance(node, Power):
        return E.power(collect(node.base), node.exponent)
    if isinstance(node, Call):
        return E.call(node.fn, *[collect(a) for a in node.args], exponent=node.exponent)
    return node


def simplify(node: Node) -> Node:
    return collect(node)
