"""The matrix rules: the differential d(expr) of a matrix expression, as a tree of steps.

Each rule is the differential identity a matrix-calculus text uses (the Matrix Cookbook, §2):
d(XY) = dX·Y + X·dY, d(Xᵀ) = (dX)ᵀ, d tr X = tr dX, d det X = det X · tr(X⁻¹dX),
d X⁻¹ = −X⁻¹ dX X⁻¹, d f(X) = f′(X) ⊙ dX element-wise. The result of every step is built from
its substeps' results and is linear in dX, so each step's claim d(expr) = result can be checked
numerically (`symdiff.matrix.numeric`), and the gradient is read off the root's result
(`symdiff.matrix.readoff`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..errors import LimitError, SymdiffError
from .parse import MAX_POWER
from . import expr as E
from .expr import Call, Differential, Mul, Node, Power, Sym, Transpose, is_scalar

MATRIX_RULES = ("constant", "identity", "sum", "linear", "product", "transpose", "power", "trace", "det",
                "inverse", "chain", "elementwise", "hadamard", "norm", "diag", "read_off")


class MatrixUnsupported(SymdiffError):
    type = "unsupported"


@dataclass(eq=False)
class MatrixStep:
    """d(expr) = result, by `rule`; `key` names the explanation in the message catalogue."""

    rule: str
    expr: Node
    wrt: Sym
    result: Node
    substeps: tuple["MatrixStep", ...] = ()
    key: str = ""
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if not self.key:
            self.key = "matrix." + self.rule

    def walk(self):
        stack = [self]
        while stack:
            step = stack.pop()
            yield step
            stack.extend(reversed(step.substeps))


def ones_like(node: Node) -> Node:
    return E.ONE if is_scalar(node.shape) else E.Ones(node.shape)


def elementwise_derivative(fn: str, a: Node) -> Node:
    """f′(A), applied entry by entry."""
    one = ones_like(a)
    if fn == "exp":
        return E.call("exp", a)
    if fn == "log":
        return E.hadamard_power(a, -1)
    if fn == "sin":
        return E.call("cos", a)
    if fn == "cos":
        return E.neg(E.call("sin", a))
    if fn == "tanh":
        return E.sub(one, E.hadamard_power(E.call("tanh", a), 2))
    if fn == "sigmoid":
        s = E.call("sigmoid", a)
        return E.call("hadamard", s, E.sub(one, s))
    if fn == "abs":
        return E.call("sign", a)
    if fn == "relu":
        return E.call("step", a)
    if fn in ("sign", "step"):
        return E.zero(a.shape)
    raise MatrixUnsupported(f"no derivative is known for the element-wise function {fn}")


def inner(a: Node, b: Node) -> Node:
    """⟨A, B⟩ = tr(AᵀB), the sum of the entries of A ⊙ B, written the way a text would."""
    if is_scalar(a.shape):
        return E.mul(a, b)
    if a.shape[1] == 1:
        return E.mul(E.transpose(a), b)
    if a.shape[0] == 1:
        return E.mul(a, E.transpose(b))
    return E.call("trace", E.mul(E.transpose(a), b))


class Differentiator:
    def __init__(self, wrt: Sym):
        self.wrt = wrt
        self.dX = Differential(wrt)

    def depends(self, node: Node) -> bool:
        return E.depends_on(node, self.wrt)

    def step(self, node: Node) -> MatrixStep:
        if not self.depends(node):
            return MatrixStep("constant", node, self.wrt, E.zero(node.shape))
        if node == self.wrt:
            return MatrixStep("identity", node, self.wrt, self.dX)
        method = getattr(self, "d_" + type(node).__name__)
        return method(node)

    def d_Add(self, node: E.Add) -> MatrixStep:
        subs = tuple(self.step(t) for t in node.terms if self.depends(t))
        total = len(node.terms)
        return MatrixStep("sum", node, self.wrt, E.add(*[s.result for s in subs]), subs,
                          key="matrix.sum" if len(subs) == total else "matrix.sum.some",
                          params={"count": len(subs), "total": total, "dropped": total - len(subs)})

    def d_Mul(self, node: Mul) -> MatrixStep:
        factors = list(node.factors)
        dependent = [i for i, f in enumerate(factors) if self.depends(f)]
        subs = {i: self.step(factors[i]) for i in dependent}
        terms = []
        for i in dependent:
            replaced = factors[:i] + [subs[i].result] + factors[i + 1:]
            terms.append(E.mul(E.Num(node.coeff), *replaced))
        result = E.add(*terms)
        steps = tuple(subs[i] for i in dependent)
        if len(dependent) == 1:
            i = dependent[0]
            constant = [f for j, f in enumerate(factors) if j != i]
            return MatrixStep("linear", node, self.wrt, result, steps,
                              params={"inner": factors[i], "constant": E.mul(E.Num(node.coeff), *constant)
                                      if constant or node.coeff != 1 else E.ONE})
        return MatrixStep("product", node, self.wrt, result, steps, params={"count": len(dependent)})

    def d_Transpose(self, node: Transpose) -> MatrixStep:
        sub = self.step(node.arg)
        return MatrixStep("transpose", node, self.wrt, E.transpose(sub.result), (sub,))

    def d_Power(self, node: Power) -> MatrixStep:
        base, k = node.base, node.exponent
        sub = self.step(base)
        if is_scalar(base.shape):
            result = E.mul(E.Num(k), E.power(base, k - 1), sub.result)
            return MatrixStep("power", node, self.wrt, result, (sub,), key="matrix.power.scalar",
                              params={"n": k})
        n = int(k)
        if n > MAX_POWER:
            # A*A*…*A is gathered into a power after parsing: the limit applies here too
            raise LimitError(f"the matrix power {n} is over the limit of {MAX_POWER}")
        terms = [E.mul(E.power(base, i), sub.result, E.power(base, n - 1 - i)) for i in range(n)]
        return MatrixStep("power", node, self.wrt, E.add(*terms), (sub,), key="matrix.power.matrix",
                          params={"n": n})

    def d_Call(self, node: Call) -> MatrixStep:
        fn, a = node.fn, node.args[0]
        if fn == "hadamard":
            b = node.args[1]
            sa = self.step(a) if self.depends(a) else None
            sb = self.step(b) if self.depends(b) else None
            da = sa.result if sa else E.zero(a.shape)
            db = sb.result if sb else E.zero(b.shape)
            subs = tuple(s for s in (sa, sb) if s)
            result = E.add(E.call("hadamard", da, b), E.call("hadamard", a, db))
            return MatrixStep("hadamard", node, self.wrt, result, subs)
        sub = self.step(a)
        da = sub.result
        if fn == "trace":
            return MatrixStep("trace", node, self.wrt, E.call("trace", da), (sub,))
        if fn == "sum":
            return MatrixStep("linear", node, self.wrt, E.call("sum", da), (sub,), key="matrix.entries")
        if fn == "diag":
            return MatrixStep("diag", node, self.wrt, E.call("diag", da), (sub,))
        if fn == "det":
            result = E.mul(node, E.call("trace", E.mul(E.call("inv", a), da)))
            return MatrixStep("det", node, self.wrt, result, (sub,))
        if fn == "logdet":
            result = E.call("trace", E.mul(E.call("inv", a), da))
            return MatrixStep("det", node, self.wrt, result, (sub,), key="matrix.det.log")
        if fn == "inv":
            result = E.neg(E.mul(node, da, node))
            return MatrixStep("inverse", node, self.wrt, result, (sub,))
        if fn == "norm2":
            result = E.mul(inner(a, da), E.power(node, -1))
            return MatrixStep("norm", node, self.wrt, result, (sub,))
        if fn == "norm1":
            result = inner(E.call("sign", a), da)
            return MatrixStep("norm", node, self.wrt, result, (sub,), key="matrix.norm.1")
        if fn == "hadamard_power":
            k = node.exponent
            result = E.call("hadamard", E.scale(k, E.hadamard_power(a, k - 1)), da)
            return self._elementwise(node, a, sub, result, "matrix.elementwise.power", {"n": k})
        if fn in E.ELEMENTWISE:
            result = E.call("hadamard", elementwise_derivative(fn, a), da)
            return self._elementwise(node, a, sub, result, f"matrix.elementwise.{fn}", {})
        raise MatrixUnsupported(
            f"{fn}({a}) depends on {self.wrt.name}, and the differential of {fn} has no closed matrix form "
            f"that symdiff can show step by step" + (" (it needs X and dX to commute)" if fn.endswith("m") else ""))

    def _elementwise(self, node, a, sub, result, key, params) -> MatrixStep:
        if a == self.wrt:
            return MatrixStep("elementwise", node, self.wrt, result, (sub,), key=key, params=params)
        return MatrixStep("chain", node, self.wrt, result, (sub,), key=key, params={**params, "chain": True})


def differential(node: Node, wrt: Sym) -> MatrixStep:
    return Differentiator(wrt).step(node)
