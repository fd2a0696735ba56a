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

from ..core.check import TOLERANCE, relative_error
from . import expr as E
from .expr import Node
from .table import NumericDomainError
from .table import entrywise as _elementwise
from .table import lookup

DPS = 60
STEP = mpmath.mpf("1e-25")
# The second opinion's step: at 60 digits its rounding error is still 10⁻¹⁵ of the difference.
FINER_STEP = mpmath.mpf("1e-45")




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
        entry = lookup(node.fn)
        if entry.evaluate is None:
            raise TypeError(f"cannot evaluate {node.fn}")
        return entry.evaluate(node, *[self.ev(a) for a in node.args])


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


def draws(symbols: dict[str, tuple], sizes: dict[str, int], wrt: str | None, rng: random.Random, count: int = 8,
          matrix=None):
    """Random values for every symbol (and a direction d<wrt>), alternating the two styles;
    `matrix(name, rows, cols, style)` may draw a symbol's values instead of random_matrix."""
    for k in range(count):
        style = k % 2
        values = {}
        for name, shape in sorted(symbols.items()):
            r, c = (_dim(d, sizes) for d in shape)
            values[name] = (matrix or (lambda _name, *rest: random_matrix(rng, *rest)))(name, r, c, style)
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
    points: int  # the points where a central difference settled, and the claim was compared with it
    max_error: float
    # points where the differences at two steps did not agree with each other: f changes too fast there
    # (sum(sin(10³⁰x))) for any difference to judge the claim, right or wrong
    unresolved: int = 0
    kind = "matrix"  # the renderers' cue: these are matrix checks

    @property
    def ok(self) -> bool:
        """No disagreement: a check that could judge no point is not checked, and no failure (as the
        scalar check's "unchecked")."""
        return self.max_error <= TOLERANCE

    @property
    def status(self) -> str:
        return "disagree" if not self.ok else "agree" if self.points else "unchecked"

    def to_dict(self) -> dict:
        """The JSON check: `max_error` null where it is not a number JSON can hold (a shape that did not
        match is an infinite error; JSON has no Infinity, and strict readers refuse the line)."""
        finite = self.max_error == self.max_error and abs(self.max_error) != float("inf")
        out = {"ok": self.ok, "status": self.status, "points": self.points,
               "max_error": self.max_error if finite else None}
        if self.unresolved:
            out["unresolved"] = self.unresolved
        return out


def check_differential(expr: Node, claimed: Node, wrt: E.Sym, symbols: dict[str, tuple], sizes: dict[str, int],
                       seed: int = 0, points: int = 3, accept=None, sample=draws) -> Agreement:
    """Compare the claimed differential with (f(X + h·dX) − f(X − h·dX)) / 2h at random points.
    `accept(values)` may pass over a point where the difference cannot be trusted (a saturated output);
    `sample` draws the points, as `draws` does (a network scales its weights to its layers' widths)."""
    rng = random.Random(seed)
    checked, unresolved, worst = 0, 0, mpmath.mpf(0)
    with mpmath.workdps(DPS):
        for draw in sample(symbols, sizes, wrt.name, rng, count=4 * points):
            try:
                base = dict(draw.values)
                if accept is not None and not accept(base, sizes):
                    continue
                x, dx = base[wrt.name], base["d" + wrt.name]

                def difference(h):
                    plus = Evaluator({**base, wrt.name: x + dx * h}, sizes)(expr)
                    minus = Evaluator({**base, wrt.name: x - dx * h}, sizes)(expr)
                    return (plus - minus) / (2 * h)

                fd = difference(STEP)
                got = Evaluator(base, sizes)(claimed)
                if (got.rows, got.cols) != (fd.rows, fd.cols):
                    return Agreement(checked + 1, float("inf"), unresolved)
                err = relative_error(max_abs(got - fd), max_abs(fd))
                if err > TOLERANCE:
                    # A second opinion before a claim is called wrong: the difference at a finer step. Where
                    # the two differences disagree with each other, f changes too fast at this point for
                    # either to judge (sin(10³⁰x) turns 10⁵ radians across STEP), and the point is left.
                    finer = difference(FINER_STEP)
                    if relative_error(max_abs(finer - fd), max_abs(finer)) > TOLERANCE:
                        unresolved += 1
                        continue
                    err = relative_error(max_abs(got - finer), max_abs(finer))
            except (NumericDomainError, ZeroDivisionError, ValueError):
                continue
            worst = max(worst, err)
            checked += 1
            if checked >= points:
                break
    return Agreement(checked, float(worst), unresolved)


def fraction_value(v: Fraction):
    return mpmath.mpf(v.numerator) / v.denominator
