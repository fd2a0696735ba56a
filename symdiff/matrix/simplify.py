"""Putting a matrix result in the form a text prints: common factors collected.

The constructors already flatten, gather coefficients, merge like terms and push transposes down
to the symbols; what is left is factoring, AᵀX + AX → (A + Aᵀ)X, which makes results read like
the Matrix Cookbook's.
"""

from __future__ import annotations

from functools import lru_cache

from . import expr as E
from .expr import Add, Call, Mul, Node, Power, Transpose
from .table import lookup


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


@lru_cache(maxsize=4096)
def collect(node: Node) -> Node:
    # cached: both factorings are tried at every level, and their inner sums overlap
    node = _rebuild(node)
    if not isinstance(node, Add):
        return node
    terms = list(node.terms)
    # the shorter of the two factorings, the common last factor on a tie: Wᵀ(s·1ᵀt − t) rather than
    # (Wᵀs·1ᵀ − Wᵀ)t
    found = [out for out in (_factor_side(terms, -1), _factor_side(terms, 0)) if out is not None]
    return min(found, key=E.size) if found else node


def _diagonal_of(node: Node) -> Node | None:
    if not isinstance(node, Call):
        return None
    diagonal = lookup(node.fn).diagonal
    return diagonal(node) if diagonal is not None else None


def _cancel_in_chain(chain: list[Node]) -> list[Node] | None:
    """diag(g)·h = g ⊙ h for a column h, and gᵀ·h = 1ᵀ·(g ⊙ h), each taken when g cancels against h's
    factors: diag(s)·(s^∘−1 ⊙ t) = t, sᵀ·(s^∘−1 ⊙ t) = 1ᵀ·t."""
    for i in range(len(chain) - 1):
        g, h = _diagonal_of(chain[i]), chain[i + 1]
        other = _diagonal_of(h)
        if g is not None and other is not None:
            # diag(g)·diag(h) = diag(g ⊙ h): diag(s^∘−1)·diag(s) = I
            merged = E.call("hadamard", g, other)
            if E.size(merged) < E.size(other):
                return chain[:i] + [E.call(chain[i].fn, merged)] + chain[i + 2:]
        if g is not None and h.shape[1] == 1:
            merged = E.call("hadamard", g, h)
            if E.size(merged) < E.size(h):
                return chain[:i] + [merged] + chain[i + 2:]
        row = chain[i]
        if row.shape[0] == 1 and not E.is_scalar(row.shape) and h.shape[1] == 1:
            merged = E.call("hadamard", E.transpose(row), h)
            if E.size(merged) < E.size(h):
                return chain[:i] + [E.Ones(row.shape), merged] + chain[i + 2:]
    return None


def _cancel_in_scalar(s: Node) -> Node | None:
    """gᵀ·h = 1ᵀ·(g ⊙ h) for columns g and h, taken when g cancels (sᵀ·(s^∘−1 ⊙ t) = 1ᵀ·t)."""
    if not (isinstance(s, Mul) and s.coeff == 1 and not s.scalars and len(s.chain) == 2):
        return None
    row, h = s.chain
    if row.shape[0] != 1 or h.shape[1] != 1 or E.is_scalar(h.shape):
        return None
    merged = E.call("hadamard", E.transpose(row), h)
    if E.size(merged) < E.size(h):
        return E.mul(E.Ones((1, h.shape[0])), merged)
    return None


def _has_inverse_entries(node: Node | None) -> bool:
    return node is not None and node.shape[1] == 1 and any(isinstance(n, Call) and n.exponent is not None and n.exponent < 0
                                      for n in node.walk())


def _cancel(node: Mul) -> Node:
    """A product with its cancellations done: a diagonal matrix or a row against an element-wise
    inverse, and a sum factor multiplied out when its terms then cancel and the whole gets shorter."""
    scalars = [_cancel_in_scalar(s) or s for s in node.scalars]
    chain = list(node.chain)
    while (shorter := _cancel_in_chain(chain)) is not None:
        chain = shorter
    out = E.mul(E.Num(node.coeff), *scalars, *chain)
    if not isinstance(out, Mul):
        return out
    for i, f in enumerate(out.chain):
        # only a sum just before a column with an element-wise inverse (s^∘−1 ⊙ t), or just after the
        # diagonal matrix of one (diag(s^∘−1)), can cancel when
        # multiplied out: trying every sum would multiply out (A + B)(A + C)… into 2^k terms
        before_inverse = i + 1 < len(out.chain) and _has_inverse_entries(out.chain[i + 1])
        after_inverse = i > 0 and _has_inverse_entries(_diagonal_of(out.chain[i - 1]))
        if isinstance(f, Add) and (before_inverse or after_inverse):
            before, after = out.chain[:i], out.chain[i + 1:]
            terms = [E.mul(E.Num(out.coeff), *out.scalars, *before, t, *after) for t in f.terms]
            spread = E.add(*[_cancel(t) if isinstance(t, Mul) else t for t in terms])
            if E.size(spread) < E.size(out):
                return spread
    return out


def _rebuild(node: Node) -> Node:
    if isinstance(node, Add):
        return E.add(*[collect(t) for t in node.terms])
    if isinstance(node, Mul):
        out = E.mul(E.Num(node.coeff), *[collect(f) for f in node.factors])
        return _cancel(out) if isinstance(out, Mul) else out
    if isinstance(node, Transpose):
        return E.transpose(collect(node.arg))
    if isinstance(node, Power):
        return E.power(collect(node.base), node.exponent)
    if isinstance(node, Call):
        return E.call(node.fn, *[collect(a) for a in node.args], exponent=node.exponent)
    return node


def simplify(node: Node) -> Node:
    return collect(node)
