"""Matrix expressions: a small tree of shaped nodes.

SymPy's `MatrixExpr` is not used for the calculus (its `diff` silently drops terms and
transposes Jacobians), and its canonical forms fight the ones a matrix-calculus text uses, so the
matrix engine has its own tree. Every node knows its shape; the constructors (`add`, `mul`,
`transpose`, ...) keep trees in one normal form, so structural equality (`==`) is what the
simplifier and the tests compare: flat sums and products, numeric coefficients gathered in front,
transposes pushed down to symbols, zeros and identities dropped.

A shape is (rows, cols); each is an int or the name of a symbolic size (`"n"`). A 1×1 node is a
scalar, and a scalar factor in a product multiplies the whole product (it does not take part in
conformance), as in the study notes: `(x.T*y)*A` is the number xᵀy times A.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterator, Union

Dim = Union[int, str]
Shape = tuple  # (Dim, Dim)

SCALAR: Shape = (1, 1)

# The functions (their names, shapes, simplifications, values, rules and printed forms) are
# described once, in `symdiff.matrix.table`.


def is_scalar(shape: Shape) -> bool:
    return shape == SCALAR


def dim_str(d: Dim) -> str:
    return str(d)


def shape_str(shape: Shape) -> str:
    return f"{shape[0]}×{shape[1]}"


@dataclass(frozen=True)
class Node:
    """A matrix expression. Subclasses are immutable and compare structurally."""

    @property
    def shape(self) -> Shape:
        raise NotImplementedError

    @property
    def children(self) -> tuple["Node", ...]:
        return ()

    def walk(self) -> Iterator["Node"]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(node.children)

    def contains(self, leaf: "Node") -> bool:
        return any(n == leaf for n in self.walk())

    def symbols(self) -> set[str]:
        return {n.name for n in self.walk() if isinstance(n, Sym)}

    def __str__(self) -> str:
        from .printing import text

        return text(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self} {shape_str(self.shape)}>"


@dataclass(frozen=True, repr=False)
class Sym(Node):
    name: str
    dims: Shape = SCALAR

    @property
    def shape(self) -> Shape:
        return self.dims


@dataclass(frozen=True, repr=False)
class Differential(Node):
    """dX: the differential of the variable X, a placeholder with X's shape."""

    of: Sym

    @property
    def shape(self) -> Shape:
        return self.of.dims


@dataclass(frozen=True, repr=False)
class Num(Node):
    value: Fraction

    @property
    def shape(self) -> Shape:
        return SCALAR


@dataclass(frozen=True, repr=False)
class Ident(Node):
    n: Dim

    @property
    def shape(self) -> Shape:
        return (self.n, self.n)


@dataclass(frozen=True, repr=False)
class Zero(Node):
    dims: Shape

    @property
    def shape(self) -> Shape:
        return self.dims


@dataclass(frozen=True, repr=False)
class Ones(Node):
    dims: Shape

    @property
    def shape(self) -> Shape:
        return self.dims


@dataclass(frozen=True, repr=False)
class Add(Node):
    """A sum. Its terms commute, so two sums with the same terms are equal in any order: the normal form sorts
    them, and a rule's step may keep them in the order its formula states (d(XY) = (dX)Y + X(dY))."""

    terms: tuple[Node, ...]

    def __eq__(self, other) -> bool:
        if not isinstance(other, Add):
            return NotImplemented
        return self.terms == other.terms or Counter(self.terms) == Counter(other.terms)

    def __hash__(self) -> int:
        return hash(frozenset(Counter(self.terms).items()))

    @property
    def shape(self) -> Shape:
        return self.terms[0].shape

    @property
    def children(self):
        return self.terms


@dataclass(frozen=True, repr=False)
class Mul(Node):
    """coeff · (scalar factors) · (chain of conforming matrices)."""

    coeff: Fraction
    scalars: tuple[Node, ...]
    chain: tuple[Node, ...]

    @property
    def shape(self) -> Shape:
        if not self.chain:
            return SCALAR
        return (self.chain[0].shape[0], self.chain[-1].shape[1])

    @property
    def children(self):
        return self.scalars + self.chain

    @property
    def factors(self) -> tuple[Node, ...]:
        """Every factor but the coefficient, scalars first."""
        return self.scalars + self.chain


@dataclass(frozen=True, repr=False)
class Transpose(Node):
    arg: Node

    @property
    def shape(self) -> Shape:
        return (self.arg.shape[1], self.arg.shape[0])

    @property
    def children(self):
        return (self.arg,)


@dataclass(frozen=True, repr=False)
class Power(Node):
    """A scalar to a rational power, or a square matrix to an integer power."""

    base: Node
    exponent: Fraction

    @property
    def shape(self) -> Shape:
        return self.base.shape

    @property
    def children(self):
        return (self.base,)


@dataclass(frozen=True, repr=False)
class Call(Node):
    """A named function: trace, det, inv, an element-wise function, hadamard, diag, ..."""

    fn: str
    args: tuple[Node, ...]
    exponent: Fraction | None = None  # hadamard_power's power
    out: Shape = field(default=SCALAR, compare=False)
    # for a ⊙ built in the order a formula states it (matrix.folding._in_chain_order), its normal form,
    # which JSON writes
    normal: "Node | None" = field(default=None, compare=False)

    @property
    def shape(self) -> Shape:
        return self.out

    @property
    def children(self):
        return self.args


# ---------------------------------------------------------------- constructors (normal form)

ONE = Num(Fraction(1))


def num(value) -> Node:
    return Num(Fraction(value))


def is_zero(node: Node) -> bool:
    return isinstance(node, Zero) or (isinstance(node, Num) and node.value == 0)


def zero(shape: Shape) -> Node:
    return Num(Fraction(0)) if is_scalar(shape) else Zero(tuple(shape))


def split_coeff(node: Node) -> tuple[Fraction, Node]:
    """node = coeff · rest, with rest free of a numeric coefficient."""
    if isinstance(node, Num):
        return node.value, ONE
    if isinstance(node, Mul) and node.coeff != 1:
        return node.coeff, _mul_node(Fraction(1), node.scalars, node.chain)
    return Fraction(1), node


def _sort_key(node: Node) -> str:
    from .printing import text

    return text(node)


def add(*terms: Node) -> Node:
    flat: list[Node] = []
    for t in terms:
        if isinstance(t, Add):
            flat.extend(t.terms)
        elif not is_zero(t):
            flat.append(t)
    if not flat:
        shape = terms[0].shape if terms else SCALAR
        return zero(shape)
    coeffs: dict[Node, Fraction] = {}
    for t in flat:
        c, rest = split_coeff(t)
        coeffs[rest] = coeffs.get(rest, Fraction(0)) + c
    out = [scale(c, rest) for rest, c in coeffs.items() if c != 0]
    if not out:
        return zero(flat[0].shape)
    if len(out) == 1:
        return out[0]
    # positive terms first, so x - a rather than -a + x
    out.sort(key=lambda n: (split_coeff(n)[0] < 0, _sort_key(split_coeff(n)[1]), split_coeff(n)[0]))
    return Add(tuple(out))


def scale(c, node: Node) -> Node:
    c = Fraction(c)
    if c == 1:
        return node
    if c == 0:
        return zero(node.shape)
    return mul(Num(c), node)


def neg(node: Node) -> Node:
    return scale(-1, node)


def sub(a: Node, b: Node) -> Node:
    return add(a, neg(b))


def _mul_node(coeff: Fraction, scalars: tuple, chain: tuple) -> Node:
    if coeff == 0:
        return zero(SCALAR if not chain else (chain[0].shape[0], chain[-1].shape[1]))
    if not scalars and not chain:
        return Num(coeff)
    if coeff == 1 and len(scalars) + len(chain) == 1:
        return (scalars + chain)[0]
    return Mul(coeff, scalars, chain)


def mul(*factors: Node) -> Node:
    """The product of factors in order; scalar (1×1) factors commute to the front."""
    coeff = Fraction(1)
    scalars: list[Node] = []
    chain: list[Node] = []
    for f in factors:
        if isinstance(f, Num):
            coeff *= f.value
        elif isinstance(f, Mul):
            coeff *= f.coeff
            scalars.extend(f.scalars)
            if f.chain:
                if is_scalar(f.shape):
                    # a 1×1 product such as xᵀy is a scalar factor here, kept whole
                    scalars.append(_mul_node(Fraction(1), (), f.chain))
                else:
                    chain.extend(f.chain)
        elif is_scalar(f.shape):
            scalars.append(f)
        else:
            chain.append(f)
    shape = (chain[0].shape[0], chain[-1].shape[1]) if chain else SCALAR
    if coeff == 0 or any(is_zero(f) for f in scalars + chain):
        return zero(shape)
    # I·A = A, but a product of identities is one identity
    kept = [f for f in chain if not isinstance(f, Ident)]
    if len(kept) < len(chain):
        chain = kept or [chain[0]]
    chain = _split_scalar_runs(chain, scalars)
    collected = _collect_chain_powers(chain)
    if collected != chain:
        # a cancellation may leave a 1×1 run (xᵀ·X·X⁻¹·y) or an identity between matrices
        collected = [f for f in collected if not isinstance(f, Ident)] or collected[:1]
        collected = _split_scalar_runs(collected, scalars)
    chain = collected
    if len(chain) == 1 and scalars:
        chain, scalars = _fold(chain, scalars)
    scalars = _collect_powers(scalars)
    scalars.sort(key=_sort_key)
    if not chain:
        # with no matrices left, one 1×1 product becomes the chain: 2*(xᵀy) is written 2*x.T*y
        for i, s in enumerate(scalars):
            if isinstance(s, Mul) and s.coeff == 1 and not s.scalars:
                chain = list(s.chain)
                del scalars[i]
                break
    return _mul_node(coeff, tuple(scalars), tuple(chain))


def _fold(chain: list[Node], scalars: list[Node]) -> tuple[list[Node], list[Node]]:
    """A matrix times a scalar that is one function's value (exp(a)/sum(exp(a)) = softmax(a))."""
    from .table import FUNCTIONS

    for fn in FUNCTIONS.values():
        if fn.folds is None:
            continue
        for i, s in enumerate(scalars):
            folded = fn.folds(chain[0], s)
            if folded is not None:
                return [folded], scalars[:i] + scalars[i + 1:]
    return chain, scalars


def _split_scalar_runs(chain: list[Node], scalars: list[Node]) -> list[Node]:
    """A run of the chain whose product is 1×1 is a scalar factor (zᵀ·z·zᵀ·z = (zᵀz)·(zᵀz)), so one
    product has one normal form however it was grouped; the whole chain, if 1×1, too (it comes back
    as the chain below when it is the only factor)."""
    out: list[Node] = []
    start = 0
    for k, f in enumerate(chain):
        if chain[start].shape[0] == 1 and f.shape[1] == 1 and k > start:
            scalars.append(_mul_node(Fraction(1), (), tuple(chain[start:k + 1])))
            start = k + 1
    out.extend(chain[start:])
    return out


def _base_exponent(f: Node) -> tuple[Node, Fraction]:
    """f = base^e, with an inverse read as the power −1 and a transpose kept on the base: X⁻ᵀ is
    (Xᵀ)^−1 and (X⁵)⁻¹ is X^−5, so X·X⁻¹, Xᵀ·X⁻ᵀ and X²·(X⁵)⁻¹·X² all meet on one base."""
    if isinstance(f, Power) and f.exponent.denominator == 1:
        base, e = _base_exponent(f.base)
        return base, e * f.exponent
    if isinstance(f, Call) and _is_inverse(f):
        base, e = _base_exponent(f.args[0])
        return base, -e
    if isinstance(f, Transpose):
        base, e = _base_exponent(f.arg)
        if e != 1 or base != f.arg:
            return transpose(base), e
    return f, Fraction(1)


def _is_inverse(f: Call) -> bool:
    from .table import lookup

    return lookup(f.fn).inverse


def _from_base_exponent(base: Node, e: Fraction) -> Node:
    if e > 0:
        return power(base, e)
    # X^−k as (X⁻¹)^k, and Xᵀ's inverse as X⁻¹ᵀ, the forms the constructors build
    inverse = transpose(call("inv", base.arg)) if isinstance(base, Transpose) else call("inv", base)
    return power(inverse, -e)


def _collect_chain_powers(chain: list[Node]) -> list[Node]:
    """X·X = X², X²·X = X³, X·X⁻¹ = I: neighbours in a chain with the same square base; a factor
    that cancels lets its neighbours meet (A·X·X⁻¹·A = A²)."""
    # (base, exponent, the factor as written while nothing has merged into it)
    out: list[tuple[Node, Fraction, Node | None]] = []
    for f in chain:
        base, e = _base_exponent(f)
        if out and out[-1][0] == base and base.shape[0] == base.shape[1]:
            merged = out.pop()[1] + e
            if merged != 0:  # at 0 the pair is gone, and the factor before it meets the next one
                out.append((base, merged, None))
        else:
            out.append((base, e, f))
    if chain and not out:
        return [Ident(chain[0].shape[0])]
    return [f if f is not None else _from_base_exponent(b, e) for b, e, f in out]


def _collect_powers(scalars: list[Node]) -> list[Node]:
    """s·s = s², s^a·s^b = s^(a+b), for scalar factors."""
    exps: dict[Node, Fraction] = {}
    for s in scalars:
        base, e = (s.base, s.exponent) if isinstance(s, Power) else (s, Fraction(1))
        exps[base] = exps.get(base, Fraction(0)) + e
    out = []
    for base, e in exps.items():
        if e == 0:
            continue
        out.append(base if e == 1 else Power(base, e))
    return out


def power(base: Node, exponent) -> Node:
    exponent = Fraction(exponent)
    if exponent == 1:
        return base
    if exponent == 0:
        return ONE if is_scalar(base.shape) else Ident(base.shape[0])
    if isinstance(base, Num):
        v = base.value
        if exponent.denominator == 1 and (v != 0 or exponent > 0):
            return Num(v ** exponent.numerator)
    if isinstance(base, Power) and is_scalar(base.shape) and exponent.denominator == 1:
        return power(base.base, base.exponent * exponent)
    if isinstance(base, Ident):
        return base
    if is_scalar(base.shape) and isinstance(base, Mul) and exponent.denominator == 1 and base.coeff != 0 \
            and (base.scalars or base.coeff != 1):
        # (c·s·t)^k = c^k·s^k·t^k for scalars, so 1/(2*(x.T*x)) and 0.5/(x.T*x) are one tree
        parts = list(base.scalars) + ([_mul_node(Fraction(1), (), base.chain)] if base.chain else [])
        return mul(Num(base.coeff ** exponent.numerator), *[power(s, exponent) for s in parts])
    return Power(base, exponent)


def transpose(node: Node) -> Node:
    """Aᵀ with the transpose pushed down: (AB)ᵀ = BᵀAᵀ, (A+B)ᵀ = Aᵀ+Bᵀ, (Aᵀ)ᵀ = A, sᵀ = s."""
    if is_scalar(node.shape):
        return node
    if isinstance(node, Transpose):
        return node.arg
    if isinstance(node, (Zero, Ones)):
        return type(node)((node.shape[1], node.shape[0]))
    if isinstance(node, Ident):
        return node
    if isinstance(node, Add):
        return add(*[transpose(t) for t in node.terms])
    if isinstance(node, Mul):
        return mul(Num(node.coeff), *node.scalars, *[transpose(f) for f in reversed(node.chain)])
    if isinstance(node, Power):
        return power(transpose(node.base), node.exponent)
    if isinstance(node, Call):
        from .table import lookup

        # σ(Wx + b)ᵀ stays as it is: pushing the transpose in (σ(bᵀ + xᵀWᵀ)) reads worse; a diagonal
        # matrix diag(v) is its own transpose
        diagonal = lookup(node.fn).diagonal
        if diagonal is not None and diagonal(node) is not None:
            return node
    return Transpose(node)


def hadamard_power(node: Node, k) -> Node:
    """U^∘k: the node carries its exponent."""
    return call("hadamard_power", node, exponent=k)


def call(fn: str, *args: Node, exponent=None) -> Node:
    """A function application with its shape; light simplifications only (the table's). `exponent` is
    the number a function such as hadamard_power carries on its node."""
    from .table import lookup

    entry = lookup(fn)
    if exponent is not None:
        exponent = Fraction(exponent)
    number = () if exponent is None else (exponent,)
    simpler = entry.simplify(*args, *number) if entry.simplify else None
    if simpler is not None:
        return simpler
    return Call(fn, tuple(args), exponent, entry.shape(*(a.shape for a in args)))


def depends_on(node: Node, var: Sym) -> bool:
    return any((isinstance(n, Sym) and n.name == var.name) for n in node.walk())


def contains_differential(node: Node) -> bool:
    return any(isinstance(n, Differential) for n in node.walk())


def substitute(node: Node, mapping: dict[Node, Node]) -> Node:
    """Replace leaves (and any node equal to a key) and rebuild in normal form."""
    if node in mapping:
        return mapping[node]
    if isinstance(node, Add):
        return add(*[substitute(t, mapping) for t in node.terms])
    if isinstance(node, Mul):
        return mul(Num(node.coeff), *[substitute(f, mapping) for f in node.factors])
    if isinstance(node, Transpose):
        arg = substitute(node.arg, mapping)
        if isinstance(node.arg, Add) and isinstance(arg, Add) and not is_scalar(arg.shape):
            return Transpose(arg)  # a sum's transpose as typed, (Ax − b)ᵀ, stays whole (`parse`)
        return transpose(arg)
    if isinstance(node, Power):
        return power(substitute(node.base, mapping), node.exponent)
    if isinstance(node, Call):
        return call(node.fn, *[substitute(a, mapping) for a in node.args], exponent=node.exponent)
    return node


def size(node: Node) -> int:
    return sum(1 for _ in node.walk())
