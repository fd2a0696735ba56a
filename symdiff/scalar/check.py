"""`--check`: compare a symbolic derivative with central finite differences of the function.

Independent of the rules engine: the function is evaluated numerically (30 digits, more for a
finer step) and mpmath
differentiates it by central differences at a few random real points where it is defined. The
points are short decimals (x = 0.537), so the point printed is the point used. Each comparison
also estimates the central difference's own error, by Richardson extrapolation: the difference is
taken with steps h and h/2, and as its error shrinks as h², D(h) - D(h/2) is 3/4 of D(h)'s error.
A correct derivative then differs from D(h) by about that estimate; a wrong one by far more.

A disagreement is reported with a point and both values; a derivative that could not be checked
says why (`UNCHECKED`): no point where the function is real, no point where even the finest step
resolves the difference (sin(10¹²x)), or no point where the function could be computed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Sequence

import mpmath
import sympy

from ..core.check import TOLERANCE, relative_error
from .numeric import evaluator

DIGITS = 30
# The step h by the order of the derivative: the difference's truncation error grows as h², its
# rounding error (about 10**-DIGITS / h**order) as h shrinks; these keep both far below TOLERANCE.
STEPS = {1: "1e-8", 2: "1e-6"}
STEP_HIGHER = "1e-5"
# Coordinates of the points have this many decimals.
DECIMALS = 3


# Why no point could judge a derivative, from the most telling: points where f is real but even the
# finest step cannot resolve its difference quotient; points where computing f failed; no real f.
UNCHECKED = ("unresolved", "not_computed", "not_real")


def step_for(order: int) -> mpmath.mpf:
    return mpmath.mpf(STEPS.get(order, STEP_HIGHER))


@dataclass
class Agreement:
    status: str  # "agree", "disagree" or "unchecked"
    points: int = 0
    # The largest |symbolic - central difference| / (1 + |central difference|) over the points, and
    # where it was: the derivative ("∂f/∂x"), the point, the step h, and Richardson's estimate of
    # the central difference's own error there (relative in the same way).
    max_error: float = 0.0
    counterexample: dict | None = field(default=None)
    error_estimate: float = 0.0
    at: dict | None = None
    derivative: str | None = None
    step: float | None = None
    derivatives: int = 1  # how many derivatives were checked
    # The digits the difference at `step` was taken with: a finer step needs more (see _difference).
    digits: int = DIGITS
    reason: str | None = None  # why it is unchecked: one of UNCHECKED
    # In a combination (a gradient, a Hessian, a Jacobian): the derivatives no point could judge, each
    # {"derivative", "reason", "step"}; the fields above then describe only the ones that were checked,
    # and the status is "unchecked", never "agree", while any is left (an unchecked ∂f/∂x beside an
    # agreeing ∂f/∂y is no agreement of the gradient).
    gaps: tuple[dict, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status != "disagree"

    def to_dict(self) -> dict:
        out = {"status": self.status, "points": self.points, "max_error": self.max_error}
        if self.reason is not None:
            out["reason"] = self.reason
        if self.at is not None:
            out.update({"error_estimate": self.error_estimate, "at": self.at, "derivative": self.derivative,
                        "step": self.step, "derivatives": self.derivatives})
        if self.counterexample is not None:
            out["counterexample"] = self.counterexample
        if self.gaps:
            out["unchecked"] = [{"derivative": g["derivative"], "reason": g["reason"]} for g in self.gaps]
        return out

    def _own_gaps(self) -> tuple[dict, ...]:
        if self.status == "unchecked" and not self.gaps:
            return ({"derivative": self.derivative, "reason": self.reason or "not_real", "step": self.step},)
        return self.gaps

    def combine(self, other: "Agreement") -> "Agreement":
        """The agreement of both sets of derivatives: a disagreement wins; else "agree" only if every
        derivative agreed, and "unchecked" (naming the ones no point could judge) if any is left."""
        if self.status == "disagree":
            return self
        if other.status == "disagree":
            return other
        gaps = self._own_gaps() + other._own_gaps()
        checked = [a for a in (self, other) if a.at is not None]
        if not checked:  # nothing judged: the most telling reason, as a single derivative gives it
            first = min(gaps, key=lambda g: UNCHECKED.index(g["reason"]))
            return Agreement("unchecked", derivative=first["derivative"], step=first["step"], reason=first["reason"],
                             derivatives=0, gaps=gaps)
        worst = max(checked, key=lambda a: a.max_error)
        counted = sum(a.derivatives for a in checked)
        return Agreement("unchecked" if gaps else "agree", sum(a.points for a in checked), worst.max_error, None,
                         worst.error_estimate, worst.at, worst.derivative, worst.step, counted, worst.digits,
                         min((g["reason"] for g in gaps), key=UNCHECKED.index) if gaps else None, gaps)


def derivative_label(wrt: Sequence[sympy.Symbol], name: str = "f") -> str:
    """∂f/∂x, ∂²f/∂y∂x (∂/∂y of ∂f/∂x), or f itself for a comparison of values."""
    if not wrt:
        return name
    if len(wrt) == 1:
        return f"∂{name}/∂{wrt[0]}"
    power = str(len(wrt)).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    if len(set(wrt)) == 1:
        return f"∂{power}{name}/∂{wrt[0]}{power}"
    return f"∂{power}{name}/" + "".join(f"∂{w}" for w in reversed(wrt))


def _sympy_derivative(f: sympy.Expr, wrt: Sequence[sympy.Symbol], order: list[sympy.Symbol]):
    """SymPy's own derivative of f (not symdiff's rules) as a function of the coordinates, the second
    opinion a disagreement is confirmed by; None where SymPy cannot take it."""
    try:
        return _evaluator(sympy.diff(f, *wrt) if wrt else f, order)
    except Exception:  # noqa: BLE001 — no second opinion: the difference's verdict stands
        return None


def _sympy_agrees(reference, coords: list, actual) -> bool:
    """Whether SymPy's derivative `reference` has the result's value `actual` at `coords` (to TOLERANCE):
    a disagreement then stands only where two independent derivatives differ from the result."""
    if reference is None:
        return False
    try:
        with mpmath.workdps(DIGITS):
            expected = reference(*coords)
            if not _real(expected):
                return False
            gap = abs(mpmath.re(expected) - actual)
            return float(relative_error(gap, abs(mpmath.re(expected)))) <= TOLERANCE
    except _NOT_COMPUTED:
        return False


# What computing a value at a point may raise: the point judges nothing.
_NOT_COMPUTED = (ValueError, TypeError, ZeroDivisionError, OverflowError, ArithmeticError)
# Random points tried before a check gives up.
ATTEMPTS = 40


def _points(order: list[sympy.Symbol], seed: int):
    """The random points a check tries, each as (its coordinates as short decimals, as mpf numbers)."""
    rng = random.Random(seed)
    for attempt in range(ATTEMPTS):
        texts = [_coordinate(rng, attempt) for _ in order]
        yield texts, [mpmath.mpf(t) for t in texts]


def real_nowhere(f: sympy.Expr, symbols: Sequence[sympy.Symbol], seed: int = 0) -> bool:
    """No random point of `check_derivative`'s kind where f is real: then no derivative of f can be
    checked, whatever its own terms are (√(−1 − x²) + y² has ∂f/∂y = 2y, but no point where f exists)."""
    order = sorted(set(symbols) | f.free_symbols, key=lambda s: s.name)
    fv = _evaluator(f, order)
    computed = False
    for _, coords in _points(order, seed):
        try:
            with mpmath.workdps(DIGITS):
                if _real(fv(*coords)):
                    return False
            computed = True
        except _NOT_COMPUTED:
            continue
    return computed  # never computed at all: each derivative's own check says so


def _evaluator(expr: sympy.Expr, order: list[sympy.Symbol], digits: int = DIGITS):
    """expr as a function of its coordinates, the form mpmath.diff calls (numeric.evaluator's
    program: the tree is read once, not substituted into and evalf'd at every point)."""
    value = evaluator(expr, order, digits=digits)
    return lambda *coords: value(coords)


def _real(v) -> bool:
    return abs(mpmath.im(v)) <= 1e-12 * max(1, abs(mpmath.re(v)))


def _coordinate(rng: random.Random, attempt: int) -> str:
    """A random coordinate as a short decimal: in [-2, 2] (or [-6, 6] later), every other attempt
    positive only (where log and sqrt are real)."""
    scale = 2.0 if attempt < 20 else 6.0
    value = rng.uniform(-scale, scale) if attempt % 2 == 0 else rng.uniform(0.1, scale)
    return f"{value:.{DECIMALS}f}"


# A step h fits smooth functions of moderate frequency; sin(10⁶x) has a truncation error of
# (10⁶h)²/6 at h = 1e-8, far over TOLERANCE although the derivative is right. So while Richardson's
# estimate says the difference is not yet trusted, the step shrinks by REFINE (up to REFINEMENTS
# times), with enough digits added that rounding (about 10**-digits / h**order) stays negligible.
REFINE = 100
REFINEMENTS = 4


def _difference(fv, coords, orders, h):
    """Central differences (D(h), D(h/2), h, digits) at the coarsest step h/REFINE**k whose Richardson
    estimate is within TOLERANCE, or the finest tried, and the digits they were taken with; None where
    a difference is not real."""
    order = sum(orders)
    for k in range(REFINEMENTS + 1):
        step = h / mpmath.mpf(REFINE) ** k
        digits = DIGITS + 2 * (order + 1) * k
        with mpmath.workdps(digits):
            point = [mpmath.mpf(c) for c in coords]
            coarse = mpmath.diff(fv, point, orders, h=step)
            # (a comparison of values, order 0, has no difference quotient to estimate)
            fine = mpmath.diff(fv, point, orders, h=step / 2) if order else coarse
        if not (_real(coarse) and _real(fine)):
            return None
        spread = abs(mpmath.re(coarse) - mpmath.re(fine)) * 4 / 3
        if not order or float(relative_error(spread, abs(mpmath.re(coarse)))) <= TOLERANCE / 10:
            break
    return coarse, fine, step, digits


def check_derivative(f: sympy.Expr, wrt: Sequence[sympy.Symbol], result: sympy.Expr, *,
                     points: int = 3, seed: int = 0, name: str = "f") -> Agreement:
    """Does `result` equal ∂^k f/∂wrt[0]…∂wrt[-1] numerically at a few random real points? `name`
    is f's name in what is reported (f1 for the first row of a Jacobian)."""
    order = sorted(f.free_symbols | result.free_symbols | set(wrt), key=lambda s: s.name)
    orders = tuple(sum(1 for w in wrt if w == s) for s in order)
    h = step_for(len(wrt))
    label = derivative_label(wrt, name)
    # f carries the digits the finest step needs (each REFINE loses 2·k digits to rounding).
    fv = _evaluator(f, order, DIGITS + 2 * (len(wrt) + 1) * REFINEMENTS)
    rv = _evaluator(result, order)
    good = 0
    worst = Agreement("agree", derivative=label, step=float(h))
    skipped: set[str] = set()  # why points could not judge (see UNCHECKED)
    reference = False  # SymPy's derivative, built at the first point that disagrees (see _sympy_agrees)
    for texts, coords in _points(order, seed):
        try:
            with mpmath.workdps(DIGITS):
                if not _real(fv(*coords)):
                    skipped.add("not_real")
                    continue
                actual = rv(*coords)
            measured = _difference(fv, coords, orders, h)
        except _NOT_COMPUTED:
            skipped.add("not_computed")
            continue
        if measured is None or not _real(actual):
            skipped.add("not_real")
            continue
        coarse, fine, used, digits = measured
        with mpmath.workdps(DIGITS):
            expected, actual = mpmath.re(coarse), mpmath.re(actual)
            error = float(relative_error(abs(expected - actual), abs(expected)))
            # D(h) - D(h/2) = (3/4)·(D(h) - f') for an error c·h²: Richardson's estimate of D(h)'s error.
            estimate = float(relative_error(abs(coarse - fine) * 4 / 3, abs(expected)))
        if estimate > TOLERANCE:
            # Even the finest step cannot tell the derivative here (a pole next to the point, or a
            # period shorter than any step we can afford): this point can judge nothing.
            skipped.add("unresolved")
            continue
        at = {s.name: float(t) for s, t in zip(order, texts)}
        if error > TOLERANCE and reference is False:
            reference = _sympy_derivative(f, wrt, order)
        if error > TOLERANCE and _sympy_agrees(reference, coords, actual):
            # SymPy's own derivative (not symdiff's rules) has the result's value here: the central
            # difference is what cannot see f, a tiny term too fast for any step (x + 10⁻³⁰·sin(10⁴⁰x)),
            # and accusing a right derivative would be the worse error
            skipped.add("unresolved")
            continue
        if error > TOLERANCE:
            return Agreement("disagree", good + 1, error,
                             {"at": at, "finite_difference": float(expected), "result": float(actual)},
                             estimate, at, label, float(used), digits=digits)
        if worst.at is None or error > worst.max_error:
            worst = Agreement("agree", 0, error, None, estimate, at, label, float(used), digits=digits)
        good += 1
        if good >= points:
            break
    if not good:
        reason = next((r for r in UNCHECKED if r in skipped), "not_real")
        finest = float(h / mpmath.mpf(REFINE) ** REFINEMENTS)
        return Agreement("unchecked", derivative=label, step=finest if reason == "unresolved" else None,
                         reason=reason)
    worst.points = good
    return worst
