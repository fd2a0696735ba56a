"""Reading a derivative off a differential.

For a scalar f, df is linear in dX, and the gradient G is the one matrix with df = tr(GᵀdX) =
⟨G, dX⟩. `gradient_terms` finds G term by term by moving everything around dX to the other side of
the inner product (⟨A, B·dX·C⟩ = ⟨BᵀAC ᵀ, dX⟩, ⟨A, (dX)ᵀ⟩ = ⟨Aᵀ, dX⟩, ⟨a, tr(M)⟩ = ⟨aI, M⟩,
⟨A, K ⊙ M⟩ = ⟨K ⊙ A, M⟩): the adjoint of each operation, which is what backpropagation computes.

For a vector f of a vector x, df = J·dx and `jacobian` builds J by the vector chain rule, the
product of the Jacobians of the pieces (J(L·u) = L·J(u), J(g ⊙ u) = diag(g)·J(u), ...).
"""

from __future__ import annotations

from . import expr as E
from .differential import MatrixUnsupported, inner
from .expr import Add, Call, Differential, Mul, Node, Transpose, contains_differential, is_scalar
from .table import is_hadamard, is_trace, lookup


def _split_factor(node: Mul) -> int:
    holders = [i for i, f in enumerate(node.factors) if contains_differential(f)]
    if len(holders) != 1:
        raise MatrixUnsupported("the differential is not linear in dX here")
    return holders[0]


def pull(node: Node, bar: Node) -> list[Node]:
    """The contributions G_i to the gradient, with ⟨bar, node⟩ = Σ ⟨G_i, dX⟩."""
    if not contains_differential(node):
        return []
    if isinstance(node, Differential):
        return [bar]
    if isinstance(node, Add):
        return [g for t in node.terms for g in pull(t, bar)]
    if isinstance(node, Transpose):
        return pull(node.arg, E.transpose(bar))
    if isinstance(node, Mul):
        i = _split_factor(node)
        factors = list(node.factors)
        holder = factors[i]
        ns = len(node.scalars)
        if i < ns:  # a scalar factor s: ⟨bar, s·R⟩ = s·⟨bar, R⟩
            rest = E.mul(E.Num(node.coeff), *(factors[:i] + factors[i + 1:]))
            return pull(holder, inner(bar, rest))
        chain = list(node.chain)
        j = i - ns
        left = E.mul(*chain[:j]) if j else None
        right = E.mul(*chain[j + 1:]) if j + 1 < len(chain) else None
        scalar = E.mul(E.Num(node.coeff), *node.scalars)
        parts = [scalar]
        if left is not None:
            parts.append(E.transpose(left))
        parts.append(bar)
        if right is not None:
            parts.append(E.transpose(right))
        return pull(holder, E.mul(*parts))
    if isinstance(node, Call):
        adjoint = lookup(node.fn).adjoint
        if adjoint is not None:
            return pull(*adjoint(node, bar))
    raise MatrixUnsupported(f"cannot read a gradient off {node}")


def gradient_terms(df: Node) -> list[tuple[Node, Node]]:
    """[(term of df, its part of the gradient)], with term = ⟨part, dX⟩ for each."""
    terms = df.terms if isinstance(df, Add) else (df,)
    out = []
    for t in terms:
        out.append((t, E.add(*pull(t, E.ONE))))
    return out


def _entries(node: Node):
    """How many entries a vector (or scalar) node has."""
    r, c = node.shape
    if c == 1:
        return r
    if r == 1:
        return c
    raise MatrixUnsupported(f"{node} is a {r}×{c} matrix; its derivative by a vector is a third-order tensor")


def _column(node: Node) -> Node:
    return E.transpose(node) if node.shape[0] == 1 and node.shape[1] != 1 else node


def _diagonal(m: Node) -> Node:
    """The diagonal of a square matrix holding dx, as a vector expression: diag(u·vᵀ) = u ⊙ v."""
    if isinstance(m, Add):
        return E.add(*[_diagonal(t) for t in m.terms])
    if isinstance(m, Mul):
        chain = list(m.chain)
        for k in range(1, len(chain)):
            left, right = E.mul(*chain[:k]), E.mul(*chain[k:])
            if left.shape[1] == 1 and right.shape[0] == 1:
                scalar = E.mul(E.Num(m.coeff), *m.scalars)
                return E.mul(scalar, E.call("hadamard", left, E.transpose(right)))
    if isinstance(m, Transpose):
        return _diagonal(m.arg)
    raise MatrixUnsupported(f"cannot read a Jacobian off diag({m})")


def jacobian(df: Node, n) -> Node:
    """J with df = J·dx, for a vector (or scalar) df and a vector dx with n entries."""
    if not contains_differential(df):
        return E.zero((_entries(df), n))
    if is_scalar(df.shape) and not isinstance(df, Differential):
        # a scalar s = ⟨G, dx⟩ (a trace, a determinant's term, ...): its Jacobian is the row Gᵀ
        return E.transpose(_column(E.add(*pull(df, E.ONE))))
    if isinstance(df, Differential):
        return E.Ident(n)
    if isinstance(df, Transpose):
        return jacobian(df.arg, n)
    if isinstance(df, Add):
        return E.add(*[jacobian(t, n) for t in df.terms])
    if isinstance(df, Mul):
        if df.shape[0] == 1 and df.shape[1] != 1:
            return jacobian(E.transpose(df), n)
        i = _split_factor(df)
        factors = list(df.factors)
        holder = factors[i]
        ns = len(df.scalars)
        if i < ns:
            rest = E.mul(E.Num(df.coeff), *(factors[:i] + factors[i + 1:]))
            return E.mul(_column(rest), jacobian(holder, n))
        chain = list(df.chain)
        j = i - ns
        scalar = E.mul(E.Num(df.coeff), *df.scalars)
        if isinstance(holder, Add):
            return E.add(*[jacobian(E.mul(scalar, *chain[:j], t, *chain[j + 1:]), n) for t in holder.terms])
        left, right = chain[:j], chain[j + 1:]
        rest = E.mul(*right) if right else E.ONE
        hr, hc = holder.shape
        if hc == 1:  # a column: what follows it is a scalar
            return E.mul(scalar, *left, rest, jacobian(holder, n))
        if hr == 1:  # a row: it and what follows make a scalar
            return E.mul(scalar, *left, E.transpose(rest), jacobian(holder, n))
        diagonal = lookup(holder.fn).diagonal if isinstance(holder, Call) else None
        v = diagonal(holder) if diagonal is not None and rest.shape[1] == 1 else None
        if v is not None:
            # diag(v)·r = diag(r)·v
            return E.mul(scalar, *left, E.call(holder.fn, rest), jacobian(v, n))
        raise MatrixUnsupported(f"the Jacobian passes through the matrix {holder}, "
                                "which needs a third-order tensor")
    if isinstance(df, Call):
        rule = lookup(df.fn).jacobian
        found = rule(df, n, jacobian) if rule is not None else None
        if found is not None:
            return found
    raise MatrixUnsupported(f"cannot read a Jacobian off {df}")


# ---------------------------------------------------------------- the read-off as a textbook writes it
#
# A textbook does not move factors across an inner product; it rearranges each term of df into the form
# gᵀdx (x a vector) or tr(Gᵀ·dX), naming the identity each line uses, and reads G off the last line.
# `rearranged` gives those lines for the terms whose differential stands alone in a product (or a trace
# of one); a term where dX sits inside a function (⊙, an inverse, an element-wise function) has no such
# short chain, and its explanation keeps the adjoint moves.

# the identities, by the catalogue key that names them (matrix.identity.*)
SCALAR_TRACE, CYCLIC, TRACE_TRANSPOSE, SCALAR_TRANSPOSE, ROW_TRANSPOSE, ONE_BY_ONE_TRACE, ALREADY = (
    "scalar_trace", "cyclic", "trace_transpose", "scalar_transpose", "row_transpose", "one_by_one_trace",
    "already")


def _raw_mul(prefix: tuple, chain: tuple) -> Node:
    """prefix·chain written as given: the normal form would fold a 1×1 run into a scalar and hide the line."""
    coeff, scalars = prefix
    if coeff == 1 and not scalars and len(chain) == 1:
        return chain[0]
    return Mul(coeff, scalars, chain)


def _trace(chain: tuple) -> Node:
    from .expr import SCALAR

    inside = chain[0] if len(chain) == 1 else Mul(E.Num(1).value, (), chain)
    return Call("trace", (inside,), None, SCALAR)


def _with_prefix(prefix: tuple, node: Node) -> Node:
    coeff, scalars = prefix
    return node if coeff == 1 and not scalars else Mul(coeff, scalars + (node,), ())


def _parts(term: Node):
    """(prefix (coeff, scalars), chain, traced): the term as prefix·chain or prefix·tr(chain), the
    differential a factor of the chain; None where it is not."""
    coeff, scalars, inner = E.Num(1).value, (), term
    if isinstance(inner, Mul):
        holders = [f for f in inner.factors if contains_differential(f)]
        if len(holders) != 1:
            return None
        rest = tuple(f for f in inner.scalars if not contains_differential(f))
        coeff, scalars = inner.coeff, rest
        inner = holders[0] if holders[0] in inner.scalars else Mul(1, (), inner.chain)
    traced = is_trace(inner)
    if traced:
        inner = inner.args[0]
    chain = inner.chain if isinstance(inner, Mul) and inner.coeff == 1 and not inner.scalars else (inner,)
    if isinstance(inner, Mul) and (inner.coeff != 1 or inner.scalars):
        return None
    held = [f for f in chain if contains_differential(f)]
    if len(held) != 1 or not isinstance(held[0], (Differential, Transpose)):
        return None
    if isinstance(held[0], Transpose) and not isinstance(held[0].arg, Differential):
        return None
    return (coeff, scalars), tuple(chain), traced


def _rotated(chain: tuple, first: bool = False) -> tuple:
    """The chain turned (cyclic property) so that the factor holding the differential comes last (or
    first: a row dxᵀ, whose 1×1 product starts with it)."""
    i = next(k for k, f in enumerate(chain) if contains_differential(f))
    return chain[i:] + chain[:i] if first else chain[i + 1:] + chain[:i + 1]


def rearranged(term: Node, var: Node, gradient: Node) -> list[tuple[str, Node]] | None:
    """The lines from `term` to ⟨gradient, dX⟩ written gᵀdx or tr(Gᵀ·dX), each with the identity
    (`SCALAR_TRACE`, …) that gives it; the last line's identity is None (it only names G). None where
    the term is not a product around dX (see above)."""
    parts = _parts(term)
    if parts is None:
        return None
    prefix, chain, traced = parts
    d = Differential(var)
    vector = var.shape[1] == 1
    lines: list[tuple[str, Node]] = []
    if vector:
        if traced:
            row = any(isinstance(f, Transpose) and contains_differential(f) for f in chain)
            chain = _rotated(chain, first=row)
            if len(chain) > 1 and chain != parts[1]:
                lines.append((CYCLIC, _with_prefix(prefix, _trace(chain))))
            lines.append((ONE_BY_ONE_TRACE, _raw_mul(prefix, chain)))
        if contains_differential(chain[0]):  # dxᵀ·c, a scalar: its own transpose cᵀ·dx
            rest = chain[1:]
            lines.append((SCALAR_TRANSPOSE, _raw_mul(prefix, tuple(_whole(f) for f in reversed(rest)) + (d,))))
        return _ending(lines, term, Mul(E.Num(1).value, (), (_transposed(gradient), d)))
    if not traced:
        lines.append((SCALAR_TRACE, _with_prefix(prefix, _trace(chain))))
    turned = _rotated(chain)
    if turned != chain:
        lines.append((CYCLIC, _with_prefix(prefix, _trace(turned))))
    if isinstance(turned[-1], Transpose):  # tr(M·dXᵀ) = tr(dX·Mᵀ) = tr(Mᵀ·dX)
        m = turned[:-1]
        mt = tuple(_whole(f) for f in reversed(m))
        lines.append((TRACE_TRANSPOSE, _with_prefix(prefix, _trace((d,) + mt))))
        lines.append((CYCLIC, _with_prefix(prefix, _trace(mt + (d,)))))
    return _ending(lines, term, _trace((_transposed(gradient), d)))


def _whole(f: Node) -> Node:
    """A factor's transpose in a line of the read-off: a sum's kept whole, (Ax − b)ᵀ, as the expression was typed,
    not spread into xᵀAᵀ − bᵀ."""
    return Transpose(f) if isinstance(f, Add) and not is_scalar(f.shape) else E.transpose(f)


def _transposed(g: Node) -> Node:
    """Gᵀ as the last line writes it: (AᵀBᵀ)ᵀ kept whole, so that G can be read off it; X⁻ᵀ's is X⁻¹."""
    return g.arg if isinstance(g, Transpose) else Transpose(g)


def _ending(lines: list, term: Node, final: Node) -> list:
    """The lines with the form gᵀdx or tr(Gᵀ·dX) last, unless the line before is written that way already."""
    from .printing import unicode

    last = lines[-1][1] if lines else term
    if unicode(last) != unicode(final):
        lines.append((ROW_TRANSPOSE, final))
    return lines or [(ALREADY, term)]  # tr(X⁻¹dX): G is read off the term as it stands


# ---------------------------------------------------------------- a Jacobian through an element-wise product
#
# J(g ⊙ u) = diag(g)·J(u) rests on the identity a ⊙ v = diag(a)·v, which a student has to see before the
# diagonal matrix appears in J: a ⊙ (W·dx) = diag(a)(W·dx) = (diag(a)W)·dx, so J = diag(a)W.


def _raw(node: Node, fn) -> Node:
    """`node` rebuilt with `fn` applied to its children as written: the normal form would fold
    diag(a)(W·dx) back into diag(a)W·dx, and the line would show no step."""
    if isinstance(node, Add):
        return Add(tuple(fn(t) for t in node.terms))
    if isinstance(node, Mul):
        return Mul(node.coeff, tuple(fn(f) for f in node.scalars), tuple(fn(f) for f in node.chain))
    if isinstance(node, Transpose):
        return Transpose(fn(node.arg))
    return node


def diagonal_form(term: Node) -> Node | None:
    """`term` (linear in dx, a column) with each element-wise product g ⊙ h whose h holds dx written
    diag(g)·h; None where no such product is on its path to dx."""
    found = []

    def rewrite(node: Node) -> Node:
        if not contains_differential(node):
            return node
        if is_hadamard(node) and node.shape[1] == 1:
            g, h = node.args if contains_differential(node.args[1]) else node.args[::-1]
            if not contains_differential(g):
                found.append(node)
                return Mul(E.Num(1).value, (), (E.call("diag", g), rewrite(h)))
        return _raw(node, rewrite)

    out = rewrite(term)
    return out if found else None


def renamed(node: Node, names: dict) -> Node:
    """`node` with the quantities a chain rule named (U = Wx + b) written by their names, as written."""
    if not names:
        return node

    def walk(n: Node) -> Node:
        if n in names:
            return names[n]
        if isinstance(n, Call):
            return Call(n.fn, tuple(walk(a) for a in n.args), n.exponent, n.out)
        return _raw(n, walk)

    return walk(node)
