"""The matrix rules: the differential d(expr) of a matrix expression, as a tree of steps.

Each rule is the differential identity a matrix-calculus text uses (the Matrix Cookbook, §2):
d(XY) = (dX)Y + X(dY), d(Xᵀ) = (dX)ᵀ, d tr X = tr dX, d det X = det X · tr(X⁻¹dX),
d X⁻¹ = −X⁻¹ dX X⁻¹, d f(X) = f′(X) ⊙ dX element-wise. As in the scalar engine (`symdiff.scalar.rules`),
each rule is a small data class that builds its `result` from its substeps' results and names its
explanation's key in the message catalogue; `differential` is the dispatcher. Results are linear in
dX, so each step's claim d(expr) = result can be checked numerically (`symdiff.matrix.numeric`),
and the gradient is read off the root's result (`symdiff.matrix.readoff`).

A function of `symdiff.matrix.table` names its rule by the keys of `CALL_RULES`.
"""

from __future__ import annotations

from functools import cached_property

from dataclasses import dataclass, field
from typing import ClassVar

from ..core.errors import LimitError, UnsupportedError
from ..core.steps import Step
from . import expr as E
from .expr import Call, Differential, Mul, Node, Power, Sym, Transpose, is_scalar
from .parse import MAX_POWER
from .table import lookup

MATRIX_RULES = ("constant", "identity", "sum", "linear", "product", "transpose", "power", "trace", "det",
                "inverse", "chain", "elementwise", "hadamard", "norm", "diag", "softmax", "read_off")


class MatrixUnsupported(UnsupportedError):
    """A matrix derivative symdiff cannot show step by step (no closed form, a tensor)."""


@dataclass(eq=False)
class MatrixStep(Step):
    """d(expr) = result, a differential in d(var), by `rule`; `key` names the explanation in the message
    catalogue. Substeps, walking and records are the shared step's (`symdiff.core.steps`)."""

    expr: Node
    var: Sym

    # The rule's right-hand side in its explanation's words, for A (and B) and their differentials:
    # the words show this very string, and a test reads it back and compares it with `eval`.
    identity: ClassVar[str] = ""
    # True on a step derived for a size m and shown with m = 1 (symdiff.matrix.unitsize): its words are
    # the general ones, as its formulas are, not those of a scalar
    general: ClassVar[bool] = False

    @property
    def key(self) -> str:
        return "matrix." + self.rule

    @property
    def message(self) -> str:
        """The catalogue key of the explanation as shown (some depend on the argument's shape)."""
        return self.key

    def values(self, lang: str) -> dict:
        from . import stated

        identity = {"identity": self.identity} if self.identity else {}
        values = {**super().values(lang), **identity}
        return {**values, **stated.step(self, values, lang)}


@dataclass(eq=False)
class _Unary(MatrixStep):
    """A rule with one substep, d(arg)."""

    inner: MatrixStep | None = None

    @property
    def arg(self) -> Node:
        return self.expr.args[0]

    @property
    def d(self) -> Node:
        return self.inner.result


# ---------------------------------------------------------------- leaves, sums, products, powers


@dataclass(eq=False)
class ConstantRule(MatrixStep):
    rule: ClassVar[str] = "constant"

    def eval(self):
        return E.zero(self.expr.shape)


@dataclass(eq=False)
class IdentityRule(MatrixStep):
    rule: ClassVar[str] = "identity"

    def eval(self):
        return Differential(self.var)


@dataclass(eq=False)
class SumRule(MatrixStep):
    terms: tuple[MatrixStep, ...] = ()
    rule: ClassVar[str] = "sum"

    def eval(self):
        return E.add(*[s.result for s in self.terms])

    @property
    def constants(self) -> list[Node]:
        """The terms without the variable (their differential is 0), each without its sign or number: b of
        Ax − b, whose words say db = 0."""
        kept = {id(s.expr) for s in self.terms}
        return [E.Num(abs(t.value)) if isinstance(t, E.Num) else E.split_coeff(t)[1]
                for t in self.expr.terms if id(t) not in kept]

    @property
    def key(self):
        dropped = len(self.expr.terms) - len(self.terms)
        return "matrix.sum" if not dropped else "matrix.sum.some" if dropped == 1 else "matrix.sum.some.many"

    def params(self):
        total = len(self.expr.terms)
        return {"count": len(self.terms), "total": total, "dropped": total - len(self.terms)}


def _product_terms(node: Mul, subs: dict[int, MatrixStep]) -> Node:
    factors = list(node.factors)
    terms = [E.mul(E.Num(node.coeff), *(factors[:i] + [s.result] + factors[i + 1:])) for i, s in sorted(subs.items())]
    total = E.add(*terms)
    # d(XY) = (dX)Y + X(dY), in the order of the factors, as the Matrix Cookbook (eq. 37) writes it; the sum's
    # normal form sorts its terms, so where the terms stand apart (none cancels or merges) they keep that order
    if isinstance(total, E.Add) and len(total.terms) == len(terms) and set(total.terms) == set(terms):
        return E.Add(tuple(terms))
    return total


@dataclass(eq=False)
class LinearRule(MatrixStep):
    """One factor depends on the variable: the others stay in place."""

    index: int = 0
    inner: MatrixStep | None = None
    rule: ClassVar[str] = "linear"

    def eval(self):
        return _product_terms(self.expr, {self.index: self.inner})

    def params(self):
        node, i = self.expr, self.index
        constant = [f for j, f in enumerate(node.factors) if j != i]
        left, right = node.factors[:i], node.factors[i + 1:]
        sides = {"left": E.mul(E.Num(node.coeff), *left), "right": E.mul(*right)} if left and right else {}
        return {"inner": node.factors[i], **sides,
                "constant": E.mul(E.Num(node.coeff), *constant) if constant or node.coeff != 1 else E.ONE}

    @property
    def message(self):
        # A·X·B: A stays on the left and B on the right; their product AB is no factor of the expression
        node, i = self.expr, self.index
        return "matrix.linear.sides" if 0 < i < len(node.factors) - 1 else "matrix.linear"


@dataclass(eq=False)
class ProductRule(MatrixStep):
    factors: dict | None = None  # index of the factor → its step
    rule: ClassVar[str] = "product"

    @property
    def substeps(self):
        return tuple(self.factors.values())

    def eval(self):
        return _product_terms(self.expr, self.factors)

    @property
    def constants(self) -> list[Node]:
        """The factors without the variable: their differential is 0, so the rule has no term for them."""
        return [f for i, f in enumerate(self.expr.factors) if i not in self.factors]

    @property
    def message(self):
        # xᵀAx: the rule is applied to three factors, and the words say why it leaves two terms (dA = 0)
        constants = self.constants
        return self.key + ("" if not constants else ".some" if len(constants) == 1 else ".some.many")

    def params(self):
        return {"count": len(self.factors), "total": len(self.expr.factors)}


@dataclass(eq=False)
class TransposeRule(MatrixStep):
    inner: MatrixStep | None = None
    rule: ClassVar[str] = "transpose"
    identity: ClassVar[str] = "(dA)ᵀ"

    def eval(self):
        return E.transpose(self.inner.result)


@dataclass(eq=False)
class PowerRule(MatrixStep):
    """s^n for a scalar s; A^n = A·…·A for a square matrix, n terms since A and dA need not commute."""

    inner: MatrixStep | None = None
    rule: ClassVar[str] = "power"

    @property
    def scalar(self) -> bool:
        return is_scalar(self.expr.base.shape)

    def eval(self):
        base, k, d = self.expr.base, self.expr.exponent, self.inner.result
        if self.scalar:
            return E.mul(E.Num(k), E.power(base, k - 1), d)
        n = int(k)
        return E.add(*[E.mul(E.power(base, i), d, E.power(base, n - 1 - i)) for i in range(n)])

    @property
    def key(self):
        return "matrix.power.scalar" if self.scalar else "matrix.power.matrix"

    def params(self):
        return {"n": self.expr.exponent if self.scalar else int(self.expr.exponent)}


# ---------------------------------------------------------------- functions (named in the table)


@dataclass(eq=False)
class _LinearCall(_Unary):
    """A linear function f of the argument: d f(A) = f(dA)."""

    def eval(self):
        return E.call(self.expr.fn, self.d)


@dataclass(eq=False)
class TraceRule(_LinearCall):
    rule: ClassVar[str] = "trace"
    identity: ClassVar[str] = "tr(dA)"


@dataclass(eq=False)
class TraceAnalyticRule(MatrixStep):
    """tr F(U) for an analytic matrix function F with derivative f: d tr F(U) = tr(f(U)·dU) (the Matrix
    Cookbook, §2.7). Each term c_k·U^k of the power series has d tr(U^k) = k·tr(U^(k−1)·dU), because the
    trace lets dU be cycled to the end; F(U) alone has no such form. `inner` is the step for dU."""

    inner: MatrixStep | None = None
    rule: ClassVar[str] = "trace"
    key: ClassVar[str] = "matrix.trace.analytic"

    @property
    def function(self) -> Node:
        return self.expr.args[0]

    def derivative(self) -> Node:
        return lookup(self.function.fn).trace_derivative(self.function.args[0])

    @property
    def message(self) -> str:
        # U the variable itself: dU needs no step below (the human views leave d(X) = dX out)
        return self.key + (".variable" if self.inner.rule == "identity" else "")

    def eval(self):
        return E.call("trace", E.mul(self.derivative(), self.inner.result))

    def values(self, lang):
        from . import stated

        values = {**super().values(lang), "fn": lookup(self.function.fn).explained_name,
                  "inner": self.function.args[0], "derivative": self.derivative()}
        return {**values, **stated.step(self, values, lang)}


@dataclass(eq=False)
class EntriesRule(_LinearCall):
    """sum(A), the sum of the entries."""

    rule: ClassVar[str] = "linear"
    key: ClassVar[str] = "matrix.entries"
    identity: ClassVar[str] = "sum(dA)"


@dataclass(eq=False)
class DiagRule(_LinearCall):
    rule: ClassVar[str] = "diag"
    identity: ClassVar[str] = "diag(dA)"


@dataclass(eq=False)
class DetRule(_Unary):
    """Jacobi's formula."""

    rule: ClassVar[str] = "det"
    identity: ClassVar[str] = "det(A)·tr(A⁻¹·dA)"

    def eval(self):
        return E.mul(self.expr, E.call("trace", E.mul(E.call("inv", self.arg), self.d)))


@dataclass(eq=False)
class LogDetRule(_Unary):
    rule: ClassVar[str] = "det"
    key: ClassVar[str] = "matrix.det.log"
    identity: ClassVar[str] = "tr(A⁻¹·dA)"

    def eval(self):
        return E.call("trace", E.mul(E.call("inv", self.arg), self.d))


@dataclass(eq=False)
class InverseRule(_Unary):
    rule: ClassVar[str] = "inverse"
    identity: ClassVar[str] = "−A⁻¹·dA·A⁻¹"

    def eval(self):
        return E.neg(E.mul(self.expr, self.d, self.expr))


@dataclass(eq=False)
class NormRule(_Unary):
    """The Euclidean or Frobenius norm."""

    rule: ClassVar[str] = "norm"

    def eval(self):
        return E.mul(inner(self.arg, self.d), E.power(self.expr, -1))


@dataclass(eq=False)
class SquaredNormRule(MatrixStep):
    """‖P‖² = ⟨P, P⟩, so d‖P‖² = 2⟨P, dP⟩: the square's own rule, which needs no ‖P‖ ≠ 0 as going
    through d‖P‖ = ⟨P, dP⟩/‖P‖ would."""

    inner: MatrixStep | None = None
    rule: ClassVar[str] = "norm"
    key: ClassVar[str] = "matrix.norm.squared"

    def eval(self):
        return E.mul(E.Num(2), inner(self.expr.base.args[0], self.inner.result))


@dataclass(eq=False)
class Norm1Rule(_Unary):
    rule: ClassVar[str] = "norm"
    key: ClassVar[str] = "matrix.norm.1"

    def eval(self):
        return inner(E.call("sign", self.arg), self.d)


@dataclass(eq=False)
class SoftmaxRule(_Unary):
    """p = softmax(u) = exp(u)/(𝟏ᵀexp(u)) for a column u: dp = (diag(p) − p·pᵀ)·du, its Jacobian."""

    rule: ClassVar[str] = "softmax"
    identity: ClassVar[str] = "(diag(softmax(u)) − softmax(u)·softmax(u)ᵀ)·du"

    def eval(self):
        s = self.expr
        return E.mul(E.sub(E.call("diag", s), E.mul(s, E.transpose(s))), self.d)


@dataclass(eq=False)
class HadamardRule(MatrixStep):
    """d(A ⊙ B) = dA ⊙ B + A ⊙ dB; a factor without the variable has no substep."""

    left: MatrixStep | None = None
    right: MatrixStep | None = None
    rule: ClassVar[str] = "hadamard"
    identity: ClassVar[str] = "dA ⊙ B + A ⊙ dB"

    def eval(self):
        a, b = self.expr.args
        da = self.left.result if self.left else E.zero(a.shape)
        db = self.right.result if self.right else E.zero(b.shape)
        return E.add(E.call("hadamard", da, b), E.call("hadamard", a, db))


@dataclass(eq=False)
class ElementwiseRule(_Unary):
    """d f(U) = f′(U) ⊙ dU, f′ from the function's table entry; U is the variable itself."""

    rule: ClassVar[str] = "elementwise"

    @property
    def function(self):
        return lookup(self.expr.fn)

    def derivative(self) -> Node:
        fn = self.function
        if self.expr.exponent is not None:
            return fn.derivative(self.arg, self.expr.exponent)
        return fn.derivative(self.arg)

    def eval(self):
        return E.call("hadamard", self.derivative(), self.d)

    @property
    def key(self):
        return f"matrix.elementwise.{self.function.key_name}"

    def params(self):
        return {"n": self.expr.exponent} if self.expr.exponent is not None else {}

    @property
    def message(self):
        # on a scalar, an element-wise function is the ordinary one: say it that way
        key = f"matrix.{self.rule}" + (".scalar" if self.on_a_scalar else "")
        # ln of an expression: its domain and the cancellation of 1/s against ds are said, not left to the reader
        return key + ".log" if key == "matrix.chain.scalar" and self.function.positive else key

    @property
    def on_a_scalar(self) -> bool:
        return is_scalar(self.arg.shape) and not self.general

    def values(self, lang):
        fn = self.function
        words = fn.words.get(lang, fn.words["en"])[1 if self.on_a_scalar else 0]
        n = "" if self.expr.exponent is None else str(self.expr.exponent)
        from .printing import natural_log_name

        name = natural_log_name(fn.explained_name)  # the words name ln, as the formulas beside them print it
        from . import stated

        values = {**super().values(lang), "fn": name, "derivative": words.replace("{n}", n), "inner": self.arg}
        if fn.written:
            values["written"] = fn.written
        if self.message.endswith(".log"):
            from ..core.written import Formula

            values.update(positive=Formula("{s} > 0", s=self.arg),
                          cancel=Formula(f"{name}′(s)·ds = (1/{{s}})·{{ds}} = {{r}}", s=self.arg, ds=self.d, r=self.result))
        return {**values, **stated.step(self, values, lang)}


@dataclass(eq=False)
class ChainRule(ElementwiseRule):
    """d f(U) = f′(U) ⊙ dU with U an expression: dU comes from the step below."""

    rule: ClassVar[str] = "chain"

    def params(self):
        return {**super().params(), "chain": True}


@dataclass(eq=False)
class Again(MatrixStep):
    """d(expr), worked out already in this tree (`earlier`): its row refers to it ("as above, d(Ax − b) =
    A·dx") instead of working it out again. Its rule is the earlier step's, which gave the result; it has no
    substeps."""

    earlier: MatrixStep | None = field(default=None, repr=False)

    def __post_init__(self):
        # the instance's rule, the class's none: the rules a class names are the documented ones
        self.rule = self.earlier.rule

    @property
    def key(self) -> str:
        return "matrix.again"

    @property
    def substeps(self) -> tuple:
        return ()

    def eval(self):
        return self.earlier.result

    def values(self, lang: str) -> dict:
        from ..core.messages import named_explanation, rule_label
        from ..core.written import Formula

        name = named_explanation(self.earlier, lang=lang)[0] or rule_label(self.earlier.rule, lang)
        return {**super().values(lang), "rule_name": name,
                "found": Formula("d({e}) = {r}", e=self.expr, r=self.result)}


# ---------------------------------------------------------------- reading the result off


@dataclass(eq=False)
class ReadOff(MatrixStep):
    """Not a differential: the derivative read off one (`symdiff.matrix.api`), with its parts."""

    value: Node | None = None
    parts: tuple[MatrixStep, ...] = ()
    key: str = "matrix.read_off"
    rule: ClassVar[str] = "read_off"

    def eval(self):
        return self.value

    def lines(self):
        return self.rearranged

    @cached_property
    def rearranged(self):
        """The read-off as a textbook writes it (`readoff.rearranged`), or None where its words are the
        adjoint moves: a gradient's term, or a whole df of one term. Cached, so that a layer of one unit
        (`unitsize`) keeps the lines of its general size."""
        if self.key not in ("matrix.read_off", "matrix.read_off.term") or self.parts:
            return None
        from .readoff import rearranged

        return rearranged(self.expr, self.var, self.value)

    @property
    def message(self) -> str:
        if self.key == "matrix.read_off" and self.parts:
            return "matrix.read_off.terms"
        if self.diagonal is not None:
            return self.key + ".diagonal"
        return self.key + ".lines" if self.lines() else self.key

    @cached_property
    def diagonal(self) -> Node | None:
        """A Jacobian's term with its element-wise products written as diagonal matrices (a ⊙ v = diag(a)·v),
        the line its words show before J holds a diag (`readoff.diagonal_form`); None where there is none."""
        if self.key not in ("matrix.read_off.jacobian", "matrix.read_off.jacobian.term") or self.parts:
            return None
        from .readoff import diagonal_form

        return diagonal_form(self.expr)

    @cached_property
    def plan(self) -> "ReadOff | None":
        """What a teacher says before reading a df of several terms off: write each term in the form gᵀdx,
        read each off, add the parts. A row of the human views before the terms' (`render.matrix.board`),
        with the same claim as this step, whose words then only add the parts; no step of the tree."""
        if not (self.key == "matrix.read_off" and self.parts):
            return None
        plan = ReadOff(self.expr, self.var, self.value, key="matrix.read_off.plan")
        plan.__dict__.update({k: v for k, v in self.__dict__.items() if k in ("problem_names", "function", "names")})
        plan.vector = self._vector_form_of_parts()
        return plan

    def _vector_form_of_parts(self) -> bool | None:
        from .table import is_trace

        for part in self.parts:
            lines = part.lines()
            if lines:
                return not is_trace(lines[-1][1])
        return None


# ---------------------------------------------------------------- the dispatcher


CALL_RULES = {"trace": TraceRule, "entries": EntriesRule, "diag": DiagRule, "det": DetRule,
              "logdet": LogDetRule, "inverse": InverseRule, "norm2": NormRule, "norm1": Norm1Rule,
              "hadamard": HadamardRule, "elementwise": ElementwiseRule,
              "softmax": SoftmaxRule}


def inner(a: Node, b: Node) -> Node:
    """⟨A, B⟩ = tr(AᵀB), the sum of the entries of A ⊙ B, written the way a text would."""
    if is_scalar(a.shape):
        return E.mul(a, b)
    if a.shape[1] == 1:
        return E.mul(E.transpose(a), b)
    if a.shape[0] == 1:
        return E.mul(a, E.transpose(b))
    return E.call("trace", E.mul(E.transpose(a), b))


def differential(node: Node, wrt: Sym, found: dict | None = None) -> MatrixStep:
    """The step tree of d(node). `found` holds the differentials already worked out in this tree, by
    expression: one met again (Ax − b in (Ax − b)ᵀ(Ax − b)) is referred to, not worked out twice."""
    found = {} if found is None else found
    if node in found:
        return Again(node, wrt, found[node])
    step = _differential(node, wrt, found)
    if step.substeps:
        found[node] = step
    return step


def _differential(node: Node, wrt: Sym, found: dict) -> MatrixStep:
    if not E.depends_on(node, wrt):
        return ConstantRule(node, wrt)
    if node == wrt:
        return IdentityRule(node, wrt)
    if isinstance(node, E.Add):
        return SumRule(node, wrt, tuple(differential(t, wrt, found) for t in node.terms if E.depends_on(t, wrt)))
    if isinstance(node, Mul):
        steps = {i: differential(f, wrt, found) for i, f in enumerate(node.factors) if E.depends_on(f, wrt)}
        if len(steps) == 1:
            (i, step), = steps.items()
            return LinearRule(node, wrt, i, step)
        return ProductRule(node, wrt, steps)
    if isinstance(node, Transpose):
        return TransposeRule(node, wrt, differential(node.arg, wrt, found))
    if isinstance(node, Power):
        if isinstance(node.base, Call) and lookup(node.base.fn).rule == "norm2" and node.exponent == 2:
            return SquaredNormRule(node, wrt, differential(node.base.args[0], wrt, found))
        sub = differential(node.base, wrt, found)
        if not is_scalar(node.base.shape) and int(node.exponent) > MAX_POWER:
            # A*A*…*A is gathered into a power after parsing: the limit applies here too
            raise LimitError(f"the matrix power {int(node.exponent)} is over the limit of {MAX_POWER}")
        return PowerRule(node, wrt, sub)
    return _call(node, wrt, found)


def _call(node: Call, wrt: Sym, found: dict) -> MatrixStep:
    fn = lookup(node.fn)
    # branches on the entry's rule key, not on the function: a ⊙ rule differentiates both arguments
    if fn.rule == "hadamard":
        a, b = node.args
        return HadamardRule(node, wrt, *(differential(x, wrt, found) if E.depends_on(x, wrt) else None
                                         for x in (a, b)))
    a = node.args[0]
    if fn.rule == "trace" and isinstance(a, Call) and lookup(a.fn).trace_derivative is not None:
        # tr F(U): the trace's rule for F, with the step for dU below it (dF(U) itself has no step)
        return TraceAnalyticRule(node, wrt, differential(a.args[0], wrt, found))
    sub = differential(node.args[0], wrt, found)
    if fn.rule is None:
        a = node.args[0]
        raise MatrixUnsupported(
            f"{node.fn}({a}) depends on {wrt.name}, and the differential of {node.fn} has no closed matrix form "
            f"that symdiff can show step by step{fn.unsupported}")
    if fn.rule == "elementwise" and node.args[0] != wrt:
        return ChainRule(node, wrt, sub)
    return CALL_RULES[fn.rule](node, wrt, sub)
