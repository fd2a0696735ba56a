"""The matrix functions, each described once: how it is written, its shape, its light
simplifications, its value on numbers, its differential rule and how it is printed.

`expr.call`, `numeric.Evaluator`, `differential`, the printers, the parser and the explanations all
read this table, so adding a function is one `register(MatrixFunction(...))` and, when its
differential is new, one rule class in `symdiff.matrix.differential`. What another module needs to
know about one function (that diag(v) is its own transpose, that ⊙ distributes over sums, that
hadamard(u, v) is u .* v) is a property of its entry, never a test of its name
(tests/test_matrix_functions.py checks). The constants written with their sizes, eye(n), zeros(m, n),
ones(m, n), are here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Optional

import mpmath

from . import expr as E


class NumericDomainError(ArithmeticError):
    """The expression is not defined (or not real) at the drawn point."""


@dataclass(frozen=True)
class MatrixFunction:
    """One function of the matrix language.

    `shape` maps the arguments' shapes to the value's; `simplify` returns a simpler node or None;
    `evaluate` takes the node and its arguments' values (mpmath matrices); `rule` names the rule
    class of `symdiff.matrix.differential` (None: no step-by-step differential, `unsupported` says
    why); an element-wise function gives `scalar` (its value on one entry) and `derivative`, f′(U)
    as a node, with `words`, f′ in words per language, for the matrix and for the scalar case.
    `form` is how the printers write it: "named" (f(U)), "superscript" (U⁻¹), "norm" (‖U‖),
    "infix" (U ⊙ V) or "hadamard_power"; `marks` are that form's marks per printer style.
    """

    name: str
    arity: int = 1
    aliases: tuple[str, ...] = ()
    takes: str = ""  # its arguments in the parser's complaint "f takes ...", when not "one argument"
    # The parser reads f(u, v) as `u <operator> v` (with the operator's checks, a bare I sized by its
    # neighbour): hadamard(u, v) is u .* v.
    operator: str = ""
    # A bare name is read as a function written without its parentheses (False: as an undeclared name,
    # which is how a bare hadamard_power has always been read).
    bare_is_function: bool = True
    shape: Callable = lambda s: s
    simplify: Optional[Callable] = None
    evaluate: Optional[Callable] = None
    square: bool = False  # the parser rejects other shapes
    accepts: Optional[Callable] = None  # shape → complaint (a ShapeError) or None
    domain: Optional[Callable] = None  # argument → complaint (a domain error) or None
    rule: Optional[str] = None
    # For the functions a differential is made of (linear in dX): reading the derivative off it.
    # `adjoint(node, bar)` gives (the argument holding dX, its bar) with ⟨bar, node⟩ = ⟨its bar, it⟩;
    # `jacobian(node, n, jacobian)` gives J with node = J·dx, `jacobian` being the recursion.
    adjoint: Optional[Callable] = None
    jacobian: Optional[Callable] = None
    # node → the column g when the node is the diagonal matrix diag(g), else None: such a node is its
    # own transpose, and diag(g)·r = g ⊙ r = diag(r)·g for a column r.
    diagonal: Optional[Callable] = None
    # (matrix factor, scalar factor) of a product → this function's node when their product is it, else
    # None: exp(a)·(1/sum(exp(a))) is softmax(a), however it was written
    folds: Optional[Callable] = None
    inverse: bool = False  # f(U) = U⁻¹: a product's chain merges it with U's powers (X·X⁻¹ = I)
    bilinear: bool = False  # f(A + B, C) = f(A, C) + f(B, C), and the same in C
    unsupported: str = ""
    # An analytic matrix function F (a power series): U → F′ as a node, the derivative of its scalar
    # function applied to U. Under a trace, d tr F(U) = tr(F′(U)·dU), although dF(U) itself has no
    # closed form when U and dU do not commute.
    trace_derivative: Optional[Callable] = None
    elementwise: bool = False
    # defined only where its argument is positive (ln): its chain rule on a scalar says so, and shows 1/s
    # cancelling against ds
    positive: bool = False
    scalar: Optional[Callable] = None
    derivative: Optional[Callable] = None
    words: dict = field(default_factory=dict)  # {lang: (f′(U) in words, f′(s) in words)}
    shown: str = ""  # its name in explanations
    # its element-wise rule written out, (d f(U) = f′(U) ⊙ dU, f(U)), where f(U) is no function's name (a power)
    written: tuple = ()
    step_name: str = ""  # its name in its steps' keys (matrix.elementwise.NAME), when not its own
    form: str = "named"
    associative: bool = False  # written infix, f(f(a, b), c) needs no parentheses: a ⊙ b ⊙ c
    unicode: str = ""
    latex: str = ""
    marks: dict = field(default_factory=dict)

    def __hash__(self):
        return hash(self.name)

    @property
    def unicode_name(self) -> str:
        return self.unicode or self.name

    @property
    def latex_name(self) -> str:
        return self.latex or rf"\operatorname{{{self.name}}}"

    @property
    def explained_name(self) -> str:
        return self.shown or self.unicode or self.name

    @property
    def usage(self) -> str:
        return self.takes or ("one argument" if self.arity == 1 else f"{self.arity} arguments")

    @property
    def key_name(self) -> str:
        return self.step_name or self.name


FUNCTIONS: dict[str, MatrixFunction] = {}


def register(fn: MatrixFunction) -> MatrixFunction:
    FUNCTIONS[fn.name] = fn
    return fn


def lookup(name: str) -> MatrixFunction:
    try:
        return FUNCTIONS[name]
    except KeyError:
        raise ValueError(f"unknown matrix function {name}") from None


def is_trace(node) -> bool:
    """Whether `node` is tr(M), for the read-off's lines (`readoff.rearranged`): the cyclic property is the
    trace's own."""
    return isinstance(node, E.Call) and node.fn == "trace"


def is_hadamard(node) -> bool:
    """Whether `node` is an entrywise product (or quotient) A ⊙ B."""
    return isinstance(node, E.Call) and node.fn == "hadamard"


def is_hadamard_power(node) -> bool:
    """Whether `node` is an entrywise power A∘ᵏ."""
    return isinstance(node, E.Call) and node.fn == "hadamard_power"


def parser_names() -> dict[str, str]:
    """What the parser reads (a name or an alias) → the function's name."""
    out = {}
    for fn in FUNCTIONS.values():
        for alias in (fn.name, *fn.aliases):
            out[alias] = fn.name
    return out


@dataclass(frozen=True)
class SizedConstant:
    """A constant matrix written with its sizes (names or numbers, not expressions): eye(n)."""

    name: str
    sizes: int
    build: Callable  # the sizes → the node
    takes: str  # its sizes in the parser's complaint "eye takes ..."


CONSTANTS: dict[str, SizedConstant] = {}


# ---------------------------------------------------------------- helpers for the entries


def _one(v) -> mpmath.matrix:
    return mpmath.matrix([[v]])


def entrywise(m: mpmath.matrix, f) -> mpmath.matrix:
    out = mpmath.matrix(m.rows, m.cols)
    for i in range(m.rows):
        for j in range(m.cols):
            out[i, j] = f(m[i, j])
    return out


def _real(v):
    if isinstance(v, mpmath.mpc):
        if abs(v.imag) > mpmath.mpf("1e-25") * (1 + abs(v.real)):
            raise NumericDomainError("not real here")
        return v.real
    return v


def _log(v):
    if v <= 0:
        raise NumericDomainError("log of a non-positive number")
    return mpmath.log(v)


def _ones_like(node):
    return E.ONE if E.is_scalar(node.shape) else E.Ones(node.shape)


def _scalar_valued(shape):
    return E.SCALAR


def elementwise(name: str, scalar, derivative, words: dict, exact=None, **kw) -> MatrixFunction:
    """An element-wise function: f on each entry, d f(U) = f′(U) ⊙ dU."""

    def simplify(a):
        if exact is not None and isinstance(a, E.Num):
            return E.Num(Fraction(exact(a.value)))
        return None

    return MatrixFunction(name, simplify=simplify, evaluate=lambda node, a: entrywise(a, scalar),
                          rule="elementwise", elementwise=True, scalar=scalar, derivative=derivative,
                          words=words, **kw)


def _words(en: tuple, ko: tuple | None = None) -> dict:
    return {"en": en, "ko": ko or en}


# ---------------------------------------------------------------- element-wise functions

register(elementwise(
    "exp", mpmath.exp, lambda a: E.call("exp", a), _words(("⟦exp(U)⟧", "⟦exp(s)⟧")), latex=r"\exp"))
register(elementwise(
    "log", _log, lambda a: E.hadamard_power(a, -1),
    _words(("⟦𝟏 ⊘ U⟧: ⟦1/u⟧ for each entry ⟦u⟧", "⟦1/s⟧"), ("⟦𝟏 ⊘ U⟧, 곧 각 원소 ⟦u⟧의 역수 ⟦1/u⟧", "⟦1/s⟧")),
    aliases=("ln",), latex=r"\log", positive=True))
register(elementwise(
    "sin", mpmath.sin, lambda a: E.call("cos", a), _words(("⟦cos(U)⟧", "⟦cos(s)⟧")), latex=r"\sin"))
register(elementwise(
    "cos", mpmath.cos, lambda a: E.neg(E.call("sin", a)), _words(("⟦−sin(U)⟧", "⟦−sin(s)⟧")), latex=r"\cos"))
register(elementwise(
    "tan", mpmath.tan, lambda a: E.add(_ones_like(a), E.hadamard_power(E.call("tan", a), 2)),
    _words(("⟦1 + tan(U)∘²⟧, ⟦sec²⟧ of each entry", "⟦1 + tan(s)² = sec²(s)⟧"),
           ("⟦1 + tan(U)∘²⟧, 각 원소의 ⟦sec²⟧", "⟦1 + tan(s)² = sec²(s)⟧")), latex=r"\tan"))
register(elementwise(
    "tanh", mpmath.tanh, lambda a: E.sub(_ones_like(a), E.hadamard_power(E.call("tanh", a), 2)),
    _words(("⟦𝟏 − tanh(U) ⊙ tanh(U)⟧", "⟦1 − tanh(s)²⟧")), latex=r"\tanh"))


def _sigmoid_derivative(a):
    s = E.call("sigmoid", a)
    return E.call("hadamard", s, E.sub(_ones_like(a), s))


register(elementwise(
    "sigmoid", lambda v: 1 / (1 + mpmath.exp(-v)), _sigmoid_derivative,
    _words(("⟦σ(U) ⊙ (𝟏 − σ(U))⟧", "⟦σ(s)·(1 − σ(s))⟧")), unicode="σ", latex=r"\sigma"))
register(elementwise(
    "abs", abs, lambda a: E.call("sign", a),
    _words(("⟦sign(U)⟧ (where no entry is 0)", "⟦sign(s)⟧ (⟦s ≠ 0⟧)"), ("⟦sign(U)⟧ (0인 원소가 없을 때)", "⟦sign(s)⟧ (⟦s ≠ 0⟧)")),
    exact=abs))
register(elementwise(
    "relu", lambda v: v if v > 0 else mpmath.mpf(0), lambda a: E.call("step", a),
    # u ≤ 0 gives 0: the definition itself takes relu′(0) = 0 (as PyTorch does), so no second remark says it
    _words(("⟦H(U)⟧, the unit step: for each entry ⟦u⟧, 1 where ⟦u > 0⟧ and 0 where ⟦u ≤ 0⟧",
            "⟦H(s)⟧, the unit step: 1 where ⟦s > 0⟧ and 0 where ⟦s ≤ 0⟧"),
           ("⟦H(U)⟧, 곧 각 원소 ⟦u⟧가 ⟦u > 0⟧이면 1, ⟦u ≤ 0⟧이면 0인 단위 계단 함수",
            "⟦H(s)⟧, 곧 ⟦s > 0⟧이면 1, ⟦s ≤ 0⟧이면 0인 단위 계단 함수")),
    exact=lambda v: max(v, 0)))
register(elementwise(
    "sign", lambda v: mpmath.mpf((v > 0) - (v < 0)), lambda a: E.zero(a.shape),
    _words(("⟦0⟧ (where no entry is 0)", "⟦0⟧ (⟦s ≠ 0⟧)"), ("⟦0⟧ (0인 원소가 없을 때)", "⟦0⟧ (⟦s ≠ 0⟧)")),
    exact=lambda v: (v > 0) - (v < 0)))
register(elementwise(
    "step", lambda v: mpmath.mpf(1 if v > 0 else 0), lambda a: E.zero(a.shape),
    _words(("⟦0⟧ (where no entry is 0)", "⟦0⟧ (⟦s ≠ 0⟧)"), ("⟦0⟧ (0인 원소가 없을 때)", "⟦0⟧ (⟦s ≠ 0⟧)")),
    # written H, the unit step, as the rule book and the scalar views write it; "step" stays the data's name
    exact=lambda v: int(v > 0), unicode="H", latex="H"))
# √U is U^∘(1/2): it never stays a node of its own
register(MatrixFunction("sqrt", simplify=lambda a: E.hadamard_power(a, Fraction(1, 2)), elementwise=True))


def _fractional_power(k: Fraction):
    def pw(v):
        if v == 0 and k < 0:
            raise NumericDomainError("division by zero")
        if v < 0 and k.denominator != 1:
            raise NumericDomainError("a fractional power of a negative number")
        return mpmath.power(v, mpmath.mpf(k.numerator) / k.denominator)
    return pw


def _hadamard_power_simplify(a, k):
    if k == 1:
        return a
    if E.is_scalar(a.shape):
        return E.power(a, k)
    # (U∘ᵃ)∘ᵏ = U∘⁽ᵃᵏ⁾ entry by entry only where no sign is lost: for a whole k, or an inner even root
    # (its entries are ≥ 0 already); (x∘²)∘½ is |x|, not x (try-49: sum(sqrt(x .* x)) was read as sum(x))
    if isinstance(a, E.Call) and a.fn == "hadamard_power" and (k.denominator == 1 or a.exponent.denominator % 2 == 0):
        return E.hadamard_power(a.args[0], a.exponent * k)
    return None


# U^∘k: the node carries its exponent (`expr.hadamard_power(U, k)`); read as hadamard_power(U, k) or U .^ k
register(MatrixFunction(
    "hadamard_power", arity=2, takes="a matrix and a number: hadamard_power(X, 2)", operator=".^",
    bare_is_function=False, simplify=_hadamard_power_simplify,
    evaluate=lambda node, a: entrywise(a, _fractional_power(node.exponent)),
    rule="elementwise", elementwise=True,
    derivative=lambda a, k: E.scale(k, E.hadamard_power(a, k - 1)),
    words=_words(("⟦n·U∘⁽ⁿ⁻¹⁾⟧ with ⟦n = {n}⟧", "⟦n·sⁿ⁻¹⟧ with ⟦n = {n}⟧"),
                 ("⟦n·U∘⁽ⁿ⁻¹⁾⟧ (⟦n = {n}⟧)", "⟦n·sⁿ⁻¹⟧ (⟦n = {n}⟧)")),
    shown="(·)^∘n", written=("d(U∘ⁿ) = n·U∘⁽ⁿ⁻¹⁾ ⊙ dU", "U∘ⁿ"), step_name="power", form="hadamard_power"))


# the printers' u ⊘ v (`symdiff.matrix.printing`): which nodes are element-wise products and reciprocals is the
# table's to say
def _product_factors(node) -> list:
    if isinstance(node, E.Call) and node.fn == "hadamard":
        return [f for arg in node.args for f in _product_factors(arg)]
    return [node]


def product_factors(node) -> list:
    """The factors of an element-wise product, read flat; [node] for a node that is none."""
    return _product_factors(node)


def _is_reciprocal(node) -> bool:
    return isinstance(node, E.Call) and node.fn == "hadamard_power" and node.exponent < 0


def entrywise_quotient(node: E.Call) -> tuple | None:
    """(numerator, denominator) of an element-wise product with entry-wise reciprocals among its factors,
    u ⊙ v∘⁻¹ as u ⊘ v (𝟏 ⊘ v alone), as a textbook writes element-wise division; else None."""
    if node.fn not in ("hadamard", "hadamard_power"):
        return None
    factors = _product_factors(node)
    below = [f for f in factors if _is_reciprocal(f)]
    if not below:
        return None
    above = [f for f in factors if not _is_reciprocal(f)]
    below = [f.args[0] if f.exponent == -1 else E.Call("hadamard_power", f.args, -f.exponent, f.out) for f in below]

    def product(parts: list):
        out = parts[0]
        for part in parts[1:]:
            out = E.Call("hadamard", (out, part), None, node.shape)
        return out

    return (product(above) if above else E.Ones(node.shape)), product(below)


def _hadamard_key(node):
    # the factor with dX last, sums after plain factors: σ(A) ⊙ (1 - σ(A)) ⊙ dA
    return (E.contains_differential(node), isinstance(node, E.Add), E._sort_key(node))


def _hadamard_factors(node, into: dict, coeff: list) -> None:
    c, rest = E.split_coeff(node)
    coeff[0] *= c
    if isinstance(rest, E.Call) and rest.fn == "hadamard":
        for arg in rest.args:
            _hadamard_factors(arg, into, coeff)
        return
    is_power = isinstance(rest, E.Call) and rest.fn == "hadamard_power"
    base, e = (rest.args[0], rest.exponent) if is_power else (rest, 1)
    into[base] = into.get(base, Fraction(0)) + e


def _hadamard_normal(a, b):
    """A ⊙ B in normal form: flat, powers of one base merged (σ ⊙ σ^∘-1 cancels), sorted."""
    factors: dict = {}
    coeff = [Fraction(1)]
    _hadamard_factors(a, factors, coeff)
    _hadamard_factors(b, factors, coeff)
    items = [E.hadamard_power(base, e) for base, e in factors.items() if e != 0 and not isinstance(base, E.Ones)]
    if not items:
        return E.scale(coeff[0], E.Ones(a.shape))
    items.sort(key=_hadamard_key)
    node = items[0]
    for item in items[1:]:
        node = E.Call("hadamard", (node, item), None, a.shape)
    return E.scale(coeff[0], node)


def _hadamard_simplify(a, b):
    if E.is_zero(a) or E.is_zero(b):
        return E.zero(a.shape)
    if isinstance(a, E.Ones):
        return b
    if isinstance(b, E.Ones):
        return a
    if E.is_scalar(a.shape):
        return E.mul(a, b)
    return _hadamard_normal(a, b)


def _holder_last(node):
    g, h = node.args
    return (h, g) if E.contains_differential(g) else (g, h)


def _hadamard_adjoint(node, bar):
    g, h = _holder_last(node)
    return h, E.call("hadamard", g, bar)


def _hadamard_jacobian(node, n, jacobian):
    from .readoff import _column

    g, h = _holder_last(node)
    return E.mul(E.call("diag", _column(g)), jacobian(h, n))


def _hadamard_value(node, a, b):
    out = mpmath.matrix(a.rows, a.cols)
    for i in range(a.rows):
        for j in range(a.cols):
            out[i, j] = a[i, j] * b[i, j]
    return out


register(MatrixFunction(
    "hadamard", arity=2, takes="two arguments: hadamard(u, v)", operator=".*", shape=lambda s, t: s,
    simplify=_hadamard_simplify, evaluate=_hadamard_value, bilinear=True,
    rule="hadamard", adjoint=_hadamard_adjoint, jacobian=_hadamard_jacobian, form="infix", associative=True,
    marks={"unicode": " ⊙ ", "latex": r" \odot ", "mathml": "<mo>⊙</mo>"}))


# ---------------------------------------------------------------- linear and scalar-valued functions


def _linear_over_sums(name, scalar_value):
    """f(A + B) = f(A) + f(B), f(cA) = c·f(A); on a scalar, `scalar_value(a)`."""

    def simplify(a):
        if E.is_scalar(a.shape):
            return scalar_value(a)
        if isinstance(a, E.Add):
            return E.add(*[E.call(name, t) for t in a.terms])
        c, rest = E.split_coeff(a)
        if c != 1:
            return E.scale(c, E.call(name, rest))
        if isinstance(a, E.Mul) and a.scalars and a.chain:
            # a scalar factor is a coefficient too: tr(tr(A)·A) = tr(A)·tr(A)
            return E.mul(*a.scalars, E.call(name, E.mul(*a.chain)))
        return None
    return simplify


def _trace_simplify(a):
    done = _linear_over_sums("trace", lambda a: a)(a)
    if done is not None:
        return done
    if isinstance(a, E.Ident) and isinstance(a.n, int):
        return E.Num(Fraction(a.n))
    if isinstance(a, E.Transpose):
        return E.call("trace", a.arg)
    return None


register(MatrixFunction(
    "trace", aliases=("tr",), shape=_scalar_valued, simplify=_trace_simplify, square=True,
    evaluate=lambda node, a: _one(sum(a[i, i] for i in range(a.rows))),
    rule="trace", adjoint=lambda node, bar: (node.args[0], E.mul(bar, E.Ident(node.args[0].shape[0]))),
    unicode="tr", latex=r"\operatorname{tr}"))
def _sum_jacobian(node, n, jacobian):
    from .readoff import _entries

    a = node.args[0]
    return E.mul(E.Ones((1, _entries(a))), jacobian(a, n))


register(MatrixFunction(
    "sum", shape=_scalar_valued, simplify=_linear_over_sums("sum", lambda a: a),
    evaluate=lambda node, a: _one(sum(a[i, j] for i in range(a.rows) for j in range(a.cols))),
    rule="entries", adjoint=lambda node, bar: (node.args[0], E.mul(bar, E.Ones(node.args[0].shape))),
    jacobian=_sum_jacobian, latex=r"\operatorname{sum}"))


def _on_scalar(value):
    return lambda a: value(a) if E.is_scalar(a.shape) else None


def _logdet_value(node, a):
    d = mpmath.det(a)
    if d <= 0:
        raise NumericDomainError("log det of a matrix whose determinant is not positive")
    return _one(mpmath.log(d))


def _norm2_value(node, a):
    v = mpmath.sqrt(sum(a[i, j] ** 2 for i in range(a.rows) for j in range(a.cols)))
    if v == 0:
        raise NumericDomainError("the norm is 0")
    return _one(v)


def _det_simplify(a):
    if E.is_scalar(a.shape):
        return a
    if isinstance(a, E.Transpose):
        return E.call("det", a.arg)  # det(Aᵀ) = det(A)
    return None


register(MatrixFunction(
    "det", shape=_scalar_valued, simplify=_det_simplify, square=True,
    evaluate=lambda node, a: _one(mpmath.det(a)), rule="det", latex=r"\det"))
register(MatrixFunction(
    "logdet", shape=_scalar_valued, simplify=_on_scalar(lambda a: E.call("log", a)), square=True,
    evaluate=_logdet_value, rule="logdet", unicode="log det", latex=r"\log\det"))
register(MatrixFunction(
    "norm2", aliases=("norm",), shape=_scalar_valued, simplify=_on_scalar(lambda a: E.call("abs", a)),
    evaluate=_norm2_value, rule="norm2", form="norm", marks={"unicode": "", "latex": "", "mathml": ""}))
register(MatrixFunction(
    "norm1", shape=_scalar_valued, simplify=_on_scalar(lambda a: E.call("abs", a)),
    evaluate=lambda node, a: _one(sum(abs(a[i, j]) for i in range(a.rows) for j in range(a.cols))),
    rule="norm1", form="norm", marks={"unicode": "₁", "latex": "_{1}", "mathml": "<mn>1</mn>"}))


# ---------------------------------------------------------------- matrix-valued functions


def _inv_simplify(a):
    if isinstance(a, E.Ident):
        return a
    if E.is_scalar(a.shape):
        return E.power(a, -1)
    if isinstance(a, E.Call) and a.fn == "inv":
        return a.args[0]
    if isinstance(a, E.Transpose):
        return E.transpose(E.call("inv", a.arg))  # (Xᵀ)⁻¹ = (X⁻¹)ᵀ, one form for X⁻ᵀ
    c, rest = E.split_coeff(a)
    if c != 1:
        return E.scale(1 / c, E.call("inv", rest))  # (cX)⁻¹ = c⁻¹·X⁻¹, so X⁻¹ meets X in a product
    return None


def _inv_value(node, a):
    if abs(mpmath.det(a)) < mpmath.mpf("1e-12"):
        raise NumericDomainError("a singular matrix")
    return mpmath.inverse(a)


register(MatrixFunction(
    "inv", simplify=_inv_simplify, evaluate=_inv_value, square=True, inverse=True,
    domain=lambda a: "the zero matrix has no inverse" if E.is_zero(a) else None,
    rule="inverse", form="superscript",
    marks={"unicode": "⁻¹", "latex": "^{-1}", "mathml": "<mrow><mo>−</mo><mn>1</mn></mrow>",
           "unicode.T": "⁻ᵀ", "latex.T": r"^{-\top}", "mathml.T": "<mrow><mo>−</mo><mi>T</mi></mrow>"}))
register(MatrixFunction(
    "pinv", shape=lambda s: (s[1], s[0]),
    evaluate=lambda node, a: (mpmath.inverse(a.T * a) * a.T if a.rows >= a.cols
                              else a.T * mpmath.inverse(a * a.T)),
    latex=r"\operatorname{pinv}"))

# of a 1×1 matrix, expm, sinm and cosm are exp, sin and cos
_COMMUTE = (" (it needs X and dX to commute); under a trace it has one, as in tr(expm(X)), but not inside "
            "a product under the trace")
register(MatrixFunction("expm", square=True, simplify=_on_scalar(lambda a: E.call("exp", a)), evaluate=lambda node, a: entrywise(mpmath.expm(a), _real),
                        unsupported=_COMMUTE, trace_derivative=lambda a: E.call("expm", a),
                        latex=r"\exp_{m}"))
register(MatrixFunction("sinm", square=True, simplify=_on_scalar(lambda a: E.call("sin", a)), evaluate=lambda node, a: entrywise(mpmath.sinm(a), _real),
                        unsupported=_COMMUTE, trace_derivative=lambda a: E.call("cosm", a),
                        latex=r"\sin_{m}"))
register(MatrixFunction("cosm", square=True, simplify=_on_scalar(lambda a: E.call("cos", a)), evaluate=lambda node, a: entrywise(mpmath.cosm(a), _real),
                        unsupported=_COMMUTE, trace_derivative=lambda a: E.neg(E.call("sinm", a)),
                        latex=r"\cos_{m}"))


def _softmax_value(node, a):
    top = max(a[i, 0] for i in range(a.rows))  # exp(a − max a) cannot overflow, and the ratio is the same
    e = [mpmath.exp(a[i, 0] - top) for i in range(a.rows)]
    total = sum(e)
    return mpmath.matrix([[v / total] for v in e])


def _softmax_accepts(s):
    return None if s[1] == 1 else f"softmax takes a column vector, not {E.shape_str(s)}"


def _softmax_folds(factor, scalar):
    if not (isinstance(factor, E.Call) and factor.fn == "exp" and factor.shape[1] == 1):
        return None
    if scalar == E.Power(E.call("sum", factor), Fraction(-1)):
        return E.call("softmax", factor.args[0])
    return None


# softmax(a) = exp(a)/sum(exp(a)) of a column; of a 1×1 argument it is 1
register(MatrixFunction(
    "softmax", simplify=_on_scalar(lambda a: E.ONE), evaluate=_softmax_value, accepts=_softmax_accepts,
    folds=_softmax_folds,
    rule="softmax", latex=r"\operatorname{softmax}"))


def _diag_simplify(a):
    if E.is_scalar(a.shape):
        return a
    if isinstance(a, E.Ones) and a.shape[1] == 1:
        return E.Ident(a.shape[0])
    if isinstance(a, E.Ident):
        return E.Ones((a.n, 1))
    if isinstance(a, E.Transpose) and a.shape[0] == a.shape[1]:
        return E.call("diag", a.arg)  # a matrix and its transpose share their diagonal
    return None


def _diag_shape(s):
    # a column vector makes a diagonal matrix; a square matrix gives its diagonal, as a vector
    return (s[0], s[0]) if s[1] == 1 else (s[0], 1)


def _diag_value(node, a):
    if a.cols == 1:
        return mpmath.diag([a[i, 0] for i in range(a.rows)])
    out = mpmath.matrix(a.rows, 1)
    for i in range(a.rows):
        out[i, 0] = a[i, i]
    return out


def _diag_jacobian(node, n, jacobian):
    from .readoff import _diagonal

    a = node.args[0]
    return jacobian(_diagonal(a), n) if a.shape[0] == a.shape[1] else None


def _diag_accepts(s):
    if s[1] == 1 or s[0] == s[1]:
        return None
    return (f"diag takes a column vector (to make a diagonal matrix) or a square matrix (to take its "
            f"diagonal), not {E.shape_str(s)}")


register(MatrixFunction(
    "diag", shape=_diag_shape, simplify=_diag_simplify, evaluate=_diag_value, accepts=_diag_accepts,
    diagonal=lambda node: node.args[0] if node.args[0].shape[1] == 1 else None,
    rule="diag", adjoint=lambda node, bar: (node.args[0], E.call("diag", bar)), jacobian=_diag_jacobian,
    latex=r"\operatorname{diag}"))


# ---------------------------------------------------------------- constants written with their sizes

CONSTANTS.update((c.name, c) for c in (
    SizedConstant("eye", 1, lambda n: E.Ident(n), "one size: eye(n)"),
    SizedConstant("zeros", 2, lambda m, n: E.zero((m, n)), "two sizes: zeros(m, n)"),
    SizedConstant("ones", 2, lambda m, n: E.ONE if (m, n) == (1, 1) else E.Ones((m, n)), "two sizes: ones(m, n)"),
))
