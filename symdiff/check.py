"""`--check`: compare a symbolic derivative with central finite differences of the function.

Independent of the rules engine: the function is evaluated numerically (30 digits) and mpmath
differentiates it by finite differences at a few random real points where it is defined. A
disagreement is reported with a point and both values; a derivative that could not be checked
(no point where the function is real) says so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Sequence

import mpmath
import sympy

DIGITS = 30
TOLERANCE = 1e-9


@dataclass
class Agreement:
    status: str  # "agree", "disagree" or "unchecked"
    points: int = 0
    max_error: float = 0.0
    counterexample: dict | None = field(default=None)

    @property
    def ok(self) -> bool:
        return self.status != "disagree"

    def to_dict(self) -> dict:
        out = {"status": self.status, "points": self.points, "max_error": self.max_error}
        if self.counterexample is not None:
            out["counterexample"] = self.counterexample
        return out

    def combine(self, other: "Agreement") -> "Agreement":
        if self.status == "disagree":
            return self
        if other.status == "disagree":
            return other
        status = "agree" if "agree" in (self.status, other.status) else "unchecked"
        return Agreement(status, self.points + other.points, max(self.max_error, other.max_error))


def _evaluator(expr: sympy.Expr, order: list[sympy.Symbol]):
    def value(*coords):
        point = {s: sympy.Float(mpmath.mpf(c), DIGITS) for s, c in zip(order, coords)}
        v = sympy.N(expr.xreplace(point), DIGITS)
        if not v.is_number or v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise ValueError("undefined")
        re, im = v.as_real_imag()
        return mpmath.mpc(sympy.Float(re, DIGITS)._mpf_, sympy.Float(im, DIGITS)._mpf_)

    return value


def _real(v) -> bool:
    return abs(mpmath.im(v)) <= 1e-12 * max(1, abs(mpmath.re(v)))


def check_derivative(f: sympy.Expr, wrt: Sequence[sympy.Symbol], result: sympy.Expr, *,
                     points: int = 3, seed: int = 0) -> Agreement:
    """Does `result` equal ∂^k f/∂wrt[0]…∂wrt[-1] numerically at a few random real points?"""
    order = sorted(f.free_symbols | result.free_symbols | set(wrt), key=lambda s: s.name)
    orders = tuple(sum(1 for w in wrt if w == s) for s in order)
    fv, rv = _evaluator(f, order), _evaluator(result, order)
    rng = random.Random(seed)
    good, worst = 0, 0.0
    for attempt in range(40):
        scale = 2.0 if attempt < 20 else 6.0
        coords = [rng.uniform(-scale, scale) if attempt % 2 == 0 else rng.uniform(0.1, scale) for _ in order]
        try:
            with mpmath.workdps(DIGITS):
                if not _real(fv(*coords)):
                    continue
                expected = mpmath.diff(fv, coords, orders, h=mpmath.mpf("1e-8"))
                actual = rv(*coords)
        except (ValueError, TypeError, ZeroDivisionError, OverflowError, ArithmeticError):
            continue
        if not (_real(expected) and _real(actual)):
            continue
        expected, actual = float(mpmath.re(expected)), float(mpmath.re(actual))
        error = abs(expected - actual) / (1 + abs(expected))
        if error > TOLERANCE:
            at = {s.name: round(c, 6) for s, c in zip(order, coords)}
            return Agreement("disagree", good + 1, error,
                             {"at": at, "finite_difference": expected, "result": actual})
        worst = max(worst, error)
        good += 1
        if good >= points:
            break
    return Agreement("agree" if good else "unchecked", good, worst)
