"""Evaluating matrix expressions on numbers, and checking differentials against finite differences.

Matrices are mpmath matrices at 60 digits (mpmath comes with SymPy), and central differences take a
step of 1e-25, so the difference's own error (about h² times the third derivative over the first,
1e-50 before growth) stays far below the tolerance even for fast-growing functions such as
exp(exp(exp(exp(s)))), and a wrong transpose or a dropped term cannot hide in the rounding. Symbolic sizes get small, distinct numbers (2, 3, 4, ...), so that confusing two sizes,
or a matrix with its transpose, changes the shape or the value.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

import mpmath

from . import expr as E
from .expr import Node
from .functions import NumericDomainError

DPS = 60
STEP = mpmath.mpf("1e-25")
TOLERANCE = mpmath.mpf("1e-9")




def sizes_for(nodes, fixed: dict | None = None) -> dict[str, int]:
    """A small, distinct number for every symbolic size in the nodes' shapes."""
    names: list[str] = []
    for node in nodes:
        for n in node.walk():
            for d in n.shape:
                if isinstance(d, str) and d not in names and d != "?":
                    names.append(d)
    out = dict(fixed or {})
    value = 2
    for name in sorted(names):
        if name in out:
            continue
        while value in out.values():
            value += 1
        out[name] = value
        value += 1
    return out


def _dim(d, sizes) -> int:
    return sizes[d] if isinstance(d, str) else d


def _elementwise(m: mpmath.matrix, f) -> mpmath.matrix:
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


_SCALAR_FUNCTIONS = {
    "exp": mpmath.exp, "log": _log, "sin": mpmath.sin, "cos": mpmath.cos, "tanh": mpmath.tanh,
    "sigmoid": lambda v: 1 / (1 + mpmath.exp(-v)), "abs": abs, "relu": lambda v: v if v > 0 else mpmath.mpf(0),
    "sign": lambda v: mpmath.mpf((v > 0) - (v < 0)), "step": lambda v: mpmath.mpf(1 if v > 0 else 0),
}


class Evaluator:
    def __init__(self, values: dict[str, mpmath.matrix], sizes: dict[str, int]):
        self.values = values
        self.sizes = sizes

    def __call__(self, node: Node) -> mpmath.matrix:
        with mpmath.workdps(DPS):
            return self.ev(node)

    def scalar(self, m: mpmath.matrix):
        return m[0, 0]

    def ev(self, node: Node) -> mpmath.matrix:
        if isinstance(node, E.Sym):
            return self.values[node.name]
        if isinstance(node, E.Differential):
            return self.values["d" + node.of.name]
        if isinstance(node, E.Num):
            return mpmath.matrix([[mpmath.mpf(node.value.numerator) / node.value.denominator]])
        if isinstance(node, E.Ident):
            return mpmath.eye(_dim(node.n, self.sizes))
        if isinstance(node, (E.Zero, E.Ones)):
            r, c = (_dim(d, self.sizes) for d in node.dims)
            m = mpmath.matrix(r, c)
            if isinstance(node, E.Ones):
                m = _elementwise(m, lambda v: mpmath.mpf(1))
            return m
        if isinstance(node, E.Add):
            total = self.ev(node.terms[0])
            for t in node.terms[1:]:
                total = total + self.ev(t)
            return total
        if isinstance(node, E.Mul):
            scale = mpmath.mpf(node.coeff.numerator) / node.coeff.denominator
            for s in node.scalars:
                scale *= self.scalar(self.ev(s))
            if not node.chain:
                return mpmath.matrix([[scale]])
            m = self.ev(node.chain[0])
            for f in node.chain[1:]:
                m = m * self.ev(f)
            return m * scale
        if isinstance(node, E.Transpose):
            return self.ev(node.arg).T
        if isinstance(node, E.Power):
            base = self.ev(node.base)
            k = node.exponent
            if E.is_scalar(node.base.shape):
                v = self.scalar(base)
                if v == 0 and k < 0:
                    raise NumericDomainError("division by zero")
                if v < 0 and k.denominator != 1:
                    raise NumericDomainError("a fractional power of a negative number")
                return mpmath.matrix([[mpmath.power(v, mpmath.mpf(k.numerator) / k.denominator)]])
            out = mpmath.eye(base.rows)
            for _ in range(int(k)):
                out = out * base
            return out
        if isinstance(node, E.Call):
            return self.call(node)
        raise TypeError(f"cannot evaluate {node!r}")

    def call(self, node: E.Call) -> mpmath.matrix:
        fn = node.fn
        args = [self.ev(a) for a in node.args]
        a = args[0]
        one = lambda v: mpmath.matrix([[v]])  # noqa: E731
        if fn in _SCALAR_FUNCTIONS:
            return _elementwise(a, _SCALAR_FUNCTIONS[fn])
        if fn == "hadamard":
            b = args[1]
            out = mpmath.matrix(a.rows, a.cols)
            for i in range(a.rows):
                for j in range(a.cols):
                    out[i, j] = a[i, j] * b[i, j]
            return out
        if fn == "hadamard_power":
            k = node.exponent

            def pw(v):
                if v == 0 and k < 0:
                    raise NumericDomainError("division by zero")
                if v < 0 and k.denominator != 1:
                    raise NumericDomainError("a fractional power of a negative number")
                return mpmath.power(v, mpmath.mpf(k.numerator) / k.denominator)
            return _elementwise(a, pw)
        if fn == "trace":
            return one(sum(a[i, i] for i in range(a.rows)))
        if fn == "sum":
            return one(sum(a[i, j] for i in range(a.rows) for j in range(a.cols)))
        if fn == "det":
            return one(mpmath.det(a))
        if fn == "logdet":
            d = mpmath.det(a)
            if d <= 0:
                raise NumericDomainError("log det of a matrix whose determinant is not positive")
            return one(mpmath.log(d))
        if fn == "inv":
            if abs(mpmath.det(a)) < mpmath.mpf("1e-12"):
                raise NumericDomainError("a singular matrix")
            return mpmath.inverse(a)
        if fn == "pinv":
            return mpmath.inverse(a.T * a) * a.T if a.rows >= a.cols else a.T * mpmath.inverse(a * a.T)
        if fn == "norm2":
            v = mpmath.sqrt(sum(a[i, j] ** 2 for i in range(a.rows) for j in range(a.cols)))
            if v == 0:
                raise NumericDomainError("the norm is 0")
            return one(v)
        if fn == "norm1":
            return one(sum(abs(a[i, j]) for i in range(a.rows) for j in range(a.cols)))
        if fn == "diag":
            if a.cols == 1:
                return mpmath.diag([a[i, 0] for i in range(a.rows)])
            out = mpmath.matrix(a.rows, 1)
            for i in range(a.rows):
                out[i, 0] = a[i, i]
            return out
        if fn == "expm":
            return _real_matrix(mpmath.expm(a))
        if fn == "sinm":
            return _real_matrix(mpmath.sinm(a))
        if fn == "cosm":
            return _real_matrix(mpmath.cosm(a))
        raise TypeError(f"cannot evaluate {fn}")


def _real_matrix(m):
    return _elementwise(m, _real)


def random_matrix(rng: random.Random, rows: int, cols: int, style: int) -> mpmath.matrix:
    """style 0: entries in (-1, 1), square ones shifted by rows·I (invertible, positive det, not
    symmetric); style 1: entries in (0.5, 1.5) (for logs and roots of entries)."""
    m = mpmath.matrix(rows, cols)
    for i in range(rows):
        for j in range(cols):
            m[i, j] = mpmath.mpf(rng.uniform(-1, 1) if style == 0 else rng.uniform(0.5, 1.5))
    if rows == cols and rows > 1:
        m = m + mpmath.eye(rows) * rows
    return m


@dataclass
class Draw:
    values: dict[str, mpmath.matrix]
    sizes: dict[str, int]


def draws(symbols: dict[str, tuple], sizes: dict[str, int], wrt: str | None, rng: random.Random, count: int = 8):
    """Random values for every symbol (and a direction d<wrt>), alternating the two styles."""
    for k in range(count):
        style = k % 2
        values = {}
        for name, shape in sorted(symbols.items()):
            r, c = (_dim(d, sizes) for d in shape)
            values[name] = random_matrix(rng, r, c, style)
        if wrt is not None:
            r, c = (_dim(d, sizes) for d in symbols[wrt])
            direction = mpmath.matrix(r, c)
            for i in range(r):
                for j in range(c):
                    direction[i, j] = mpmath.mpf(rng.uniform(-1, 1))
            values["d" + wrt] = direction
        yield Draw(values, sizes)


def max_abs(m: mpmath.matrix):
    return max((abs(m[i, j]) for i in range(m.rows) for j in range(m.cols)), default=mpmath.mpf(0))


@dataclass
class Agreement:
    points: int
    max_error: float
    kind = "matrix"  # the renderers' cue: these are matrix checks

    @property
    def ok(self) -> bool:
        return self.points > 0 and self.max_error <= float(TOLERANCE)


def check_differential(expr: Node, claimed: Node, wrt: E.Sym, symbols: dict[str, tuple], sizes: dict[str, int],
                       seed: int = 0, points: int = 3) -> Agreement:
    """Compare the claimed differential with (f(X + h·dX) − f(X − h·dX)) / 2h at random points."""
    rng = random.Random(seed)
    checked, worst = 0, mpmath.mpf(0)
    with mpmath.workdps(DPS):
        for draw in draws(symbols, sizes, wrt.name, rng, count=4 * points):
            try:
                base = dict(draw.values)
                x, dx = base[wrt.name], base["d" + wrt.name]
                plus = Evaluator({**base, wrt.name: x + dx * STEP}, sizes)(expr)
                minus = Evaluator({**base, wrt.name: x - dx * STEP}, sizes)(expr)
                fd = (plus - minus) / (2 * STEP)
                got = Evaluator(base, sizes)(claimed)
            except (NumericDomainError, ZeroDivisionError, ValueError):
                continue
            if (got.rows, got.cols) != (fd.rows, fd.cols):
                return Agreement(checked + 1, float("inf"))
            err = max_abs(got - fd) / (1 + max_abs(fd))
            worst = max(worst, err)
            checked += 1
            if checked >= points:
                break
    return Agreement(checked, float(worst))


def fraction_value(v: Fraction):
    return mpmath.mpf(v.numerator) / v.denominator
