"""Gradient descent, w ← w − η∇f, run numerically on the symbolic gradient.

It stops when the gradient's length falls below `tol`, after `steps` steps, or as soon as the run
has visibly failed, whatever `steps` is: the iterates run away or leave the domain, f rises step
after step, the iterates come back to where they were (a cycle, like x**4 bouncing between 2 and -2),
or neither f nor |∇f| decreases over a window of steps. A run that ends higher than it started has
failed too. A failed run says why instead of printing inf or nan, and suggests a smaller learning
rate only after running it: the same start and step budget, and it must converge or at least lower
f without failing in any of these ways.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import mpmath
import sympy

from ..core.errors import DomainError, MissingValue, UsageError, Words, spelled
from ..core.notebook import Notebook
from ..core.written import Formula, Number
from ..scalar.numeric import describe, evaluator, value_at
from ..scalar.smoothness import derivative_value, kinks, require_differentiable, rough_parts
from .approx import distinct, relation

# Values past this size (relative to the start) count as running away; and whatever the start, so
# does anything past EDGE, where floating point has no room left (exp(x) from x = 700 has f = 1e304:
# one step of size 1e304 jumped to x = -1e304, where exp underflows to 0 and the run said converged).
RUNAWAY = 1e12
EDGE = 1e300
MAX_STEPS = 10_000
# Consecutive steps on which f rose that count as diverging (good steps never raise f).
RISING = 10
# The longest cycle looked for, and how close (relatively) two iterates must be to be the same point.
PERIOD = 8
SAME = 1e-9
# Good steps lower f by about η|∇f|² each; over WINDOW steps that fell by less than LAZY of that, a
# run whose |∇f| does not shrink either makes no progress, and one whose |∇f| levels off
# (extrapolated) at no less than LEVEL of its current size is settling into an oscillation, not
# converging (9x² + 10y² with η = 1/10: y bounces between ±y0 forever while x converges). A run
# that converges near the stability limit falls by about (1 - |1 - η·f''|)/2 of η|∇f|² a step: LAZY
# flags only rates so close to the limit that converging would take more than MAX_STEPS.
WINDOW = 20
LAZY = 5e-4
LEVEL = 0.5
# A gradient this small has a square (and a fall of f) in the float range's last digits.
TINY = 1e-150
# A run that stands still with |∇f| this far below its first size is at a minimum to float precision.
RESOLVED = 1e-12
# A double's relative spacing (2⁻⁵²), and how many of it, at the point's own size, a component of ∇f
# may take to change sign and still be rounding: a coordinate rounded to its float is off by up to
# half a unit of its last place, and that error, spread through f's arithmetic, leaves a component
# that a move of a few such units turns round. 64 leaves room for the condition of f (a Hessian whose
# entries differ by 30x) while staying 10¹³ times below the size of the point itself.
EPS = 2.0 ** -52
FLIPS = 64
# Digits each value is computed with before it is rounded to a float (a few past a float's 17, so
# that rounding happens once).
DIGITS = 20
# Learning rates tried for advice: lr/2, lr/4, ... lr/2**HALVINGS.
HALVINGS = 10

DIVERGED = {"domain", "runaway", "rising", "uphill"}
CYCLED = {"cycle", "stuck", "level"}


@dataclass
class Iterate:
    step: int
    point: list[float]
    value: float
    gradient: list[float]
    grad_norm: float


# Below this fraction of the run's scale (|f| or |∇f| at the start, 1 where that is 0) a computed value is
# float rounding, not a value: 1e-12 leaves 3 of double precision's 15–16 digits for the arithmetic's own
# error, as a sum of a few products of that scale carries.
NOISE = 1e-12
# Below this fraction of the start's size a decimal of six significant digits shows nothing of the start's
# digits: a coordinate this small is printed with its own, and so is its gradient component beside it.
_SHOWN = 1e-6


@dataclass
class DescentResult(Notebook):
    expr: sympy.Expr
    vars: tuple[sympy.Symbol, ...]
    gradient: list[sympy.Expr]
    lr: float
    start: list[float]
    iterations: list[Iterate]
    converged: bool
    # why it stopped: "converged", "steps", "unbounded" (f still falls where |∇f| got small); diverged: "domain", "runaway", "rising", "uphill";
    # cycled: "cycle", "stuck", "level"
    stop: str
    diverged: bool = False
    stop_values: dict = field(default_factory=dict)
    input: str | None = None
    warnings: list = field(default_factory=list)  # symdiff.scalar.notes.Note
    command: str = field(default="descend", repr=False)
    cycled: bool = False
    suggested_lr: float | None = None  # a smaller rate, verified by running it; None if none worked
    advice: tuple[str, dict] | None = None  # the catalogue key and values that word the advice
    outside: list[float] | None = None  # where the step that left f's domain landed ("domain")
    data: dict = field(default_factory=dict)  # names held fixed at values (--at x=2,y=3): data, not descended

    def negligible(self, value: float, kind: str = "value") -> bool:
        """Whether `value` (an f, or with `kind` "slope" a gradient's component or length) is rounding
        noise next to the run's scale: f = (1.2·2 + 0.6 - 3)² is 0, computed as 1.97215e-31. The views
        write it ≈ 0, not as a value it does not have; JSON keeps the number as computed."""
        first = self.iterations[0]
        scale = abs(first.value) if kind == "value" else first.grad_norm
        # the start's own size where it has one: a run from x = 1e-7 has f = 1e-14 as its value, not as noise
        scale = scale if math.isfinite(scale) and scale > 0 else 1.0
        return value != 0 and abs(value) < NOISE * scale

    def vanishing(self, it) -> list[bool]:
        """Which of an iterate's gradient components the views write ≈ 0: rounding noise (`negligible`),
        except beside a coordinate that is itself far below what six digits show of the start (y = 9.2e-13,
        which every view prints with its digits, being a value): there the component is the same small value
        (∂f/∂y = 6y), not noise, and a row shows the two alike."""
        first = self.iterations[0]
        scale = max((abs(c) for c in first.point), default=0.0) or 1.0
        return [self.negligible(g, "slope") and not (v != 0 and abs(v) < _SHOWN * scale)
                for v, g in zip(it.point, it.gradient)]

    @property
    def reason(self) -> str:
        """Why it stopped, and for a failed run the advice, in words, in the current language (see
        `symdiff.core.messages.language`)."""
        from ..core.messages import joined

        return joined(self.cause, self.advice_text) if self.advice is not None else self.cause

    @property
    def cause(self) -> str:
        """Why it stopped, without the advice. A failed run's cause reads on from "gradient descent"
        ("diverged at step 10: …", "was caught in a cycle at step 2: …")."""
        return self.cause_in(_unicode)

    @property
    def advice_text(self) -> str | None:
        return self.advice_in(_unicode)

    def cause_in(self, printer: Callable) -> str:
        """`cause` with its formulas (`symdiff.core.written.Formula`: |f′(x)|, |∇f|, |xₖ|) printed by
        `printer`, which a document gives to typeset them."""
        # a run of one step says "the one step", not "all 1 steps"
        from ..core.messages import joined

        count = {"count": self.stop_values["steps"]} if self.stop == "steps" else {}
        values = {**count, **self.stop_values, **self.formulas}
        said = _words(self.stop_key, values, printer)
        stability = self.stop_values.get("stability")
        if stability is not None:  # why it creeps: a rate at the edge of stability
            key = f"descend.stability.{stability}" + ("" if self.single else ".hessian")
            said = joined(said, _words(key + (".one" if self.stop_values["trial"] == 1 else ""), values, printer))
        critical = self.critical_in(printer)
        return said if critical is None else joined(said, critical)

    def critical_in(self, printer: Callable = None) -> str | None:
        """Why the point is no minimum (said after why the run stopped, whatever that was), or why it is
        not said to be one (a tolerance too loose), or None."""
        from ..core.messages import EN

        printer = printer or _unicode
        values = {**self.stop_values, **self.formulas}
        if "loose_grad" in self.stop_values:
            return _words("descend.loose", values, printer)
        critical = self.stop_values.get("critical")
        if critical is None:
            return None
        key = f"descend.critical.{critical}" + ("" if self.single else ".hessian")
        # a run that landed on a flat critical point exactly did not crawl there
        if self.final.grad_norm == 0 and len(self.iterations) == 1 and f"{key}.start" in EN:
            key += ".start"  # it never moved: the start is the critical point
        elif self.final.grad_norm == 0 and f"{key}.zero" in EN:
            key += ".zero"
        return _words(key, values, printer)

    def advice_in(self, printer: Callable) -> str | None:
        if self.advice is None:
            return None
        key, values = self.advice
        return _words(key, {**values, **self.formulas}, printer)

    @property
    def single(self) -> bool:
        """f has one variable: its slope is the derivative f′(x), a number, not a gradient vector."""
        return len(self.vars) == 1

    @property
    def formulas(self) -> dict[str, Formula]:
        """The formulas the words name, in f's own variables: for one variable f′(x), |f′(x)| and
        |xₖ| (no gradient, no vector); for several ∇f, |∇f| and |(xₖ, yₖ)|, a vector's length written as
        `grad` writes it (|∇f|), one notation in every command."""
        nodes = {f"v{i}": v for i, v in enumerate(self.vars)}
        names = [f"{{v{i}}}" for i in range(len(self.vars))]
        if self.single:
            slope, size, iterate, point = "f′({v0})", "|f′({v0})|", "|{v0}ₖ|", "{v0}"
        else:
            point = "(" + ", ".join(names) + ")"
            slope, size, iterate = "∇f", "|∇f|", "|(" + ", ".join(n + "ₖ" for n in names) + ")|"
        update = f"{point} − {{lr}}·" + (slope if self.single else "∇f" + point)
        return {"slope": Formula(slope, **nodes), "size": Formula(size, **nodes),
                "iterate": Formula(iterate, **nodes), "point": Formula(point, **nodes),
                "update": Formula(update, lr=Number(f"{self.lr:g}"), **nodes), "eta": Formula("η"),
                # the edge of the float range, where a run that is stopped cannot be told from a large value
                "edge": Formula("±{n}", n=Number("1.8e308"))}

    @property
    def failed(self) -> bool:
        return self.diverged or self.cycled

    @property
    def final(self) -> Iterate:
        return self.iterations[-1]

    @property
    def stop_key(self) -> str:
        """The catalogue key of why it stopped: with tol 0 nothing is "below the tolerance", so a run
        that used its steps says it ran them all."""
        grew = self.stop_values.get("grew", "iterate")
        variant = (".noise" if self.stop_values.get("noise")
                   else ".resolution" if self.stop_values.get("resolution")
                   else ".frozen" if self.stop_values.get("frozen") else ".range" if self.stop_values.get("range")
                   else ".crawl" if self.stop_values.get("slow") and self.stop_values.get("critical")
                   else ".slow" if self.stop_values.get("slow")
                   else ".steps" if self.stop_values.get("steps_used")
                   else ".past" + (".zero" if self.iterations[-1].grad_norm == 0 else "") if self.stop_values.get("past")
                   else f".{grew}" if grew != "iterate"
                   else ".edge" if self.stop_values.get("boundary")
                   else ".all" if self.stop == "steps" and self.stop_values.get("tol") == "0"
                   else ".zero" if self.stop == "converged" and self.stop_values.get("tol") == "0" else "")
        return f"descend.reason.{self.stop}{variant}"

    def to_dict(self, *, steps: bool = True) -> dict:
        from ..render.json import record

        return record(self, steps=steps)


# The values that are measured numbers (f, a size, the tolerance, a learning rate): set as numbers in a
# document's mathematics (2.41207 × 10⁶, as in the table). A Korean particle after one still follows the
# number read aloud (1.17188e+08은), since it is chosen from the value, not from its markup. The counts
# of steps (k, count, steps, last, period) stay words: 5단계, "at step 5", as a textbook counts.
NUMBERS = ("tol", "start", "end", "value", "grad", "lowest", "lr", "within", "suggested")


def _words(key: str, values: dict, printer: Callable) -> str:
    from ..core.messages import EN, message

    if values.get("count") == 1 and f"{key}.one" in EN:
        key = f"{key}.one"
    values = {**values, **{name: Formula("{n}", n=Number(values[name])) for name in NUMBERS
                           if isinstance(values.get(name), str)}}
    return message(key, printer, **values)


def _unicode(value) -> str:
    """The words' values as the terminal writes them: formulas and expressions in Unicode, numbers as
    printed."""
    from ..render.notation import unicode

    from ..core.written import unicode_number

    if isinstance(value, Formula):
        return value.unicode(_unicode)
    if isinstance(value, Number):  # 8.97882e+14 is a program's spelling: 8.97882×10¹⁴
        return unicode_number(value)
    return value if isinstance(value, str) else unicode(value)


def _evaluator(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]):
    # The expression read once into arithmetic on numbers (symdiff.scalar.numeric.evaluator), rather
    # than lambdify: no generated code is ever executed, and a step builds no SymPy expression. `real`:
    # (√x)² at x = -1 is -1, but √x is not real there, so there is no value.
    compute = evaluator(expr, symbols, digits=DIGITS, real=True)

    def value(point: Sequence[float]) -> float | None:
        try:
            c = complex(compute(point))
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, ArithmeticError):
            return None
        if abs(c.imag) > 1e-12 * max(1.0, abs(c.real)) or not math.isfinite(c.real):
            return None
        return c.real

    return value


def _unrounded(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]):
    """The expression's value at a point of floats, to DIGITS digits and never rounded to a float: its
    exponent has no floor, so e⁻¹⁶⁹⁰ is not the 0 a float makes of it. None where it has no real value."""
    compute = evaluator(expr, symbols, digits=DIGITS, real=True)

    def value(point: Sequence[float]):
        try:
            c = compute(point)
            if isinstance(c, complex) or getattr(c, "imag", 0):
                return None
            return c if mpmath.isfinite(c) else None
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, ArithmeticError):
            return None

    return value


def _undefined_at_start(f: sympy.Expr, gradient: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol],
                        origin: Sequence[float], name: str) -> Words:
    """Why descent cannot start: a value past the float range (x² at 1e200 is 1e400, a real number)
    is a different fault from a value that does not exist, and the reader fixes it differently."""
    point = {s: sympy.Rational(x) for s, x in zip(symbols, origin)}
    try:
        value_at(f, point, name)
    except DomainError as exc:  # f itself: it names the part that is not real there
        if getattr(exc.message, "key", "").startswith("error.value.part."):
            return exc.message
    for label, expr in [(name, f)] + [(f"∂{name}/∂{s}", g) for s, g in zip(symbols, gradient)]:
        try:
            v = sympy.N(expr.xreplace(point), 5)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, ArithmeticError):
            continue
        if v.is_extended_real and v.is_finite and abs(v) > sympy.Float("1.7e308"):
            return Words("error.descend.overflow", label=label, value=sympy.sstr(v, full_prec=False), name=name)
    return Words("error.descend.undefined", name=name)


def _same(u: Sequence[float], v: Sequence[float]) -> bool:
    return all(abs(a - b) <= SAME * max(abs(a), abs(b)) for a, b in zip(u, v))


def _period(iterations: list[Iterate]) -> int | None:
    """The period p >= 2 with which the last iterate repeats an earlier one, if it does. An iterate
    equal to the one just before is creeping, not cycling, and does not count."""
    last = iterations[-1].point
    if len(iterations) < 3 or _same(last, iterations[-2].point):
        return None
    for p in range(2, min(PERIOD, len(iterations) - 1) + 1):
        # the slope must come back too: near a minimiser at 6e-5 two iterates 3e-14 apart are the same
        # point to SAME, while |∇f| ∝ the distance to it still shrinks every step (converging, not cycling)
        if _same(last, iterations[-1 - p].point) and \
                iterations[-1].grad_norm >= (1 - 1e-6) * iterations[-1 - p].grad_norm:
            return p
    return None


def _good_fall(window: list[Iterate], lr: float) -> float:
    """What good steps of these iterates' sizes lower f by: η·Σ|∇f|²."""
    return lr * sum(it.grad_norm ** 2 for it in window[:-1])


def _lazy(window: list[Iterate], lr: float) -> bool:
    """Over these iterates f fell by less than LAZY of what good steps of their size give."""
    return window[0].value - window[-1].value <= LAZY * _good_fall(window, lr)


def _no_progress(window: list[Iterate], lr: float) -> bool:
    """f hardly fell and |∇f| did not shrink (beyond rounding) over these iterates; and f did not rise by
    more than good steps would have lowered it: x²y + y⁴ fell for 44 steps and then one step threw f from
    −8·10⁴ to 1.3·10⁹, which is a run going wrong, not one making no progress."""
    fell, expected = window[0].value - window[-1].value, _good_fall(window, lr)
    return -expected <= fell <= LAZY * expected and window[-1].grad_norm >= (1 - 1e-9) * window[0].grad_norm


def _frozen(window: list[Iterate]) -> dict:
    """{"frozen": True} when no iterate moved: w − η∇f rounds back to w (η = 1e-300), so the rate is
    too small for floating point, not too large."""
    return {"frozen": True} if all(it.point == window[0].point for it in window) else {}


def _resolved(measure: Callable[[int, list[float]], Iterate | None], current: Iterate, window: list[Iterate],
              first: Iterate) -> dict:
    """The words' values when `current` is a minimum as nearly as floats can place it, else {}. Each
    component of ∇f must be 0, or rounding: either its coordinate stood still over `window` with the
    component below RESOLVED of the first |∇f| (a step no longer moves it), or the component changes
    sign within FLIPS·ε of the point's own size, moving that coordinate downhill: a true slope does not
    turn round within a few units of the last place, and one left by rounding does. A rate too large
    for f fails both (x⁴ bouncing between ±2 has f′ = ±32 there), and so does one too small (x² from 1
    with η = 1e-300 stands still, but with f′ = 2)."""
    point = current.point
    step = FLIPS * EPS * math.hypot(*point)
    still = True
    for i, (w, g) in enumerate(zip(point, current.gradient)):
        if g == 0:
            continue
        if all(it.point[i] == w for it in window) and abs(g) <= RESOLVED * first.grad_norm:
            continue
        still = False
        if step == 0:
            return {}
        moved = list(point)
        moved[i] = w - math.copysign(step, g)
        try:
            there = measure(current.step, moved)
        except DomainError:  # a kink within rounding of the point: no gradient to read there
            return {}
        if there is None or there.gradient[i] * g > 0:
            return {}
    values = {"resolution": True, "grad": f"{current.grad_norm:g}"}
    # a point that stands still is told so; one whose components turn round is told that instead
    return values if still else {**values, "noise": True, "within": f"{step:.2g}"}


def _falling_away(value: Callable, slope: Callable, final: Iterate, first: Iterate) -> tuple[list[float], bool] | None:
    """A direction from the final point along which f goes on falling as far as floats reach (coordinates
    up to EDGE), if there is one: then the run's small |∇f| is f flattening out towards a lower bound it
    never reaches, not a minimum. Along it f never rises and its slope never turns uphill, and f falls
    beyond rounding or its slope is downhill somewhere: exp(exp(x)) at x = -271 is 1 to 20 digits, while
    its slope, e⁻²⁷¹·e^(e⁻²⁷¹), is below 0 going left. `value` and `slope` compute unrounded
    (`_unrounded`): past x = -745 exp(x) underflows to a float 0, and so would the evidence. Tried:
    downhill (−∇f), each coordinate downhill, and the way the run went. Near any minimum, local or not,
    f rises along every one of them within the first probes, which start at rounding's distance
    (FLIPS·ε of the point's size) and double. With the direction comes whether f falls ever more steeply
    along it (its slope there past STEEPER times its slope along it at the point): then the point is a flat spot f falls
    on past, as x·|x| at 0 or x³ at 0 (f′ = 0 there), not f flattening out towards a bound. A slope of
    exactly 0 in a coordinate is probed both ways: a run that stays on the line y = 0 of x² − y³ never
    looked along y."""
    point = final.point
    start = value(point)
    if start is None:
        return None
    rays = []
    if final.grad_norm > 0:
        rays.append([-g / final.grad_norm for g in final.gradient])
        if len(point) > 1:
            rays += [[-math.copysign(1.0, g) if j == i else 0.0 for j in range(len(point))]
                     for i, g in enumerate(final.gradient) if g != 0]
    # a component of exactly 0 is the one no step followed: both ways along it
    rays += [[sign if j == i else 0.0 for j in range(len(point))]
             for i, g in enumerate(final.gradient) if g == 0 for sign in (-1.0, 1.0)]
    travelled = [b - a for a, b in zip(first.point, point)]
    if math.hypot(*travelled) > 0:
        rays.append([t / math.hypot(*travelled) for t in travelled])
    size = max(math.hypot(*point), 1.0)
    here = slope(point)
    if any(g is None for g in here):
        return None
    for ray in rays:
        distance, last, falls, steep = FLIPS * EPS * size, start, False, False
        # unrounded: a slope that underflowed to a float 0 (e⁻²²²⁶) is still the size to be steeper than
        flat = abs(mpmath.fsum(g * u for g, u in zip(here, ray)))
        while True:
            probe = [p + distance * u for p, u in zip(point, ray)]
            if not all(math.isfinite(c) and abs(c) <= EDGE for c in probe):
                if falls:
                    return ray, steep
                break
            there, gradient = value(probe), slope(probe)
            if there is None or any(g is None for g in gradient):
                break
            along = mpmath.fsum(g * u for g, u in zip(gradient, ray))
            if there > last or along > 0:
                break
            # a fall of f's own, not rounding's, at its own size (e⁻¹⁰⁰ falls to 0: all of it)
            falls = falls or along < 0 or last - there > NOISE * abs(start)
            steep = steep or -along > STEEPER * flat
            last = there
            # doubling while a local basin could hide near the point, then in larger strides
            distance *= 2 if distance < 1e3 * size else 1e3
    return None


# How much steeper than at the final point f must fall further on for the point to be a flat spot f
# falls on past, not f flattening out: eˣ's slope only shrinks going left, x·|x|'s grows without bound.
STEEPER = 2


def _away(symbols: Sequence[sympy.Symbol], ray: list[float]) -> Formula:
    """Where f's lower bound is approached: x → −∞ along one coordinate, |(x, y)| → ∞ otherwise."""
    # a component far below the others' size is a leftover (y ≈ 1.8e-244 beside x) and moves nothing
    top = max(abs(u) for u in ray)
    moving = [i for i, u in enumerate(ray) if abs(u) > 1e-9 * top]
    if len(moving) == 1:
        i = moving[0]
        return Formula("{v} → " + ("∞" if ray[i] > 0 else "−∞"), v=symbols[i])
    names = ", ".join(f"{{v{i}}}" for i in range(len(symbols)))
    return Formula(f"|({names})| → ∞", **{f"v{i}": s for i, s in enumerate(symbols)})


def _aitken(s0: float, s1: float, s2: float) -> float | None:
    """Where s0, s1, s2 are heading, if they fall ever more slowly: exact for s = L + Cρ^k."""
    d0, d1 = s1 - s0, s2 - s1
    return s2 - d1 * d1 / (d1 - d0) if d0 < d1 <= 0 else None


def _levelling(iterations: list[Iterate], lr: float) -> float | None:
    """The size |∇f| is levelling off at, if it is heading to a limit well above 0 while f hardly
    falls; else None. The limit is Aitken's extrapolation of |∇f|² from points WINDOW apart, and
    it counts only when two successive extrapolations agree: that is exact when |∇f|² = L + Cρ^k
    (a quadratic with one direction cycling and the others converging), gives about a quarter of
    |∇f|² for the slow convergence of x**4, and L = 0 for a run that converges. WINDOW is even,
    so a period-2 oscillation is sampled at the same phase."""
    if len(iterations) <= 3 * WINDOW:
        return None
    g2 = [iterations[-1 - i * WINDOW].grad_norm ** 2 for i in (3, 2, 1, 0)]
    before, now = _aitken(*g2[:3]), _aitken(*g2[1:])
    if before is None or now is None or now < LEVEL * g2[-1] or abs(before - now) > 0.1 * now:
        return None
    # A limit that is there stays put while |∇f|² goes on nearing it; one that moves down with |∇f|² is
    # slow convergence to 0 read as a limit: x²/(1 + x²) with η = 1 shrinks like 1/√k, and Aitken puts its
    # "limit" at about half of |∇f|², falling half as fast as |∇f|² does.
    if abs(before - now) > 0.1 * (g2[-2] - g2[-1]):
        return None
    return math.sqrt(now) if _lazy(iterations[-1 - WINDOW:], lr) else None


def _slowly(iterations: list[Iterate]) -> dict:
    """The words' values when a run that used its steps is still converging, ever more slowly: f fell at
    every step of the last 3·WINDOW, and |∇f| between samples WINDOW steps apart (even, so an oscillation is sampled at one phase), each time
    by a smaller factor, and no limit above 0 holds still for |∇f|² (`_levelling`'s test); else {}."""
    if len(iterations) <= 3 * WINDOW:
        return {}
    samples = [iterations[-1 - i * WINDOW] for i in (3, 2, 1, 0)]
    g2 = [it.grad_norm ** 2 for it in samples]
    tail = iterations[-1 - 3 * WINDOW:]
    if not all(b < a for a, b in zip(g2, g2[1:])) or not all(b.value < a.value for a, b in zip(tail, tail[1:])):
        return {}
    ratios = [b / a for a, b in zip(g2, g2[1:])]
    if not all(a <= b for a, b in zip(ratios, ratios[1:])):
        return {}
    before, now = _aitken(*g2[:3]), _aitken(*g2[1:])
    if before is not None and now is not None and now > 0 and abs(before - now) <= 0.1 * (g2[-2] - g2[-1]):
        return {}
    start, end = _apart(samples[0].grad_norm, samples[-1].grad_norm)
    return {"slow": True, "start": start, "end": end, "last": samples[0].step}


def _apart(a: float, b: float) -> tuple[str, str]:
    """f at two iterates that differ, with the digits it takes to show that they do."""
    return tuple(distinct(a, b) or (repr(a), repr(b)))


def _grew(first: Iterate, point: list[float], k: int, iterations: list[Iterate], nxt: Iterate | None = None) -> dict:
    """What the words say grew without bound when a run ran away, with its size at the start and at
    step k: the iterate's (|xₖ|, ‖(xₖ, yₖ)‖) where it did grow, else f's or the slope's, whichever
    passed the limit. A run stops when f passes it too (x⁴ from 3 is stopped by f = 3e25 while x is
    2.4e6), and the iterates may change sign at every step: "ran away" said neither what grew nor that
    it is a size. The two sizes are printed with the digits it takes to tell them apart."""
    before = [math.hypot(*it.point) for it in iterations if it is not nxt][-2:]
    size = math.hypot(*point)
    if not math.isfinite(size):
        # the step overflowed: it has no size to compare (--lr 1e308 from x = 1 "grew from 1 to 1 at
        # step 0", the last finite size against the start's), only the size it jumped from
        return {"grew": "overflow", "end": f"{before[-1]:g}", "last": k - 1}
    start = math.hypot(*first.point)
    # grown tenfold and growing on each of the last steps: a size that is running away, not one that
    # moved a little while f shot up (tan(x)² next to its pole)
    if nxt is None or (size > 10 * max(start, 1.0) and all(a < b for a, b in zip(before, before[1:] + [size]))):
        grew, sizes = "iterate", (start, size)
    elif abs(nxt.value) > abs(first.value):
        grew, sizes = "value", (abs(first.value), abs(nxt.value))
    else:
        grew, sizes = "slope", (first.grad_norm, nxt.grad_norm)
    start_text, end_text = _apart(*sizes)
    return {"grew": grew, "start": start_text, "end": end_text, "last": k}


def _fell_throughout(iterations: list[Iterate], nxt: Iterate, measure) -> bool:
    """Whether f fell at every step, and all along each step, to a value far below its start: x³ from
    −1 or −x² from 0.5 run off because f has no lower bound there, and a smaller rate only falls more
    slowly (a run of 0.000195 "lowered f from −1 to −14" and was offered as the cure). A step that
    jumped over a minimum (x³ − 3x from 2 with η = 1 leaps past x = 1) is the rate's fault: f rises
    somewhere on it, which SAMPLES points on each step look for (its value and its slope along the step)."""
    path = [it for it in iterations if it is not nxt] + [nxt]
    values = [it.value for it in path]
    if not (all(b < a for a, b in zip(values, values[1:]))
            and values[-1] < 0 and abs(values[-1]) > RUNAWAY * (1 + abs(values[0]))):
        return False
    for a, b in zip(path, path[1:]):
        before = a.value
        direction = [q - p for p, q in zip(a.point, b.point)]
        for i in range(1, SAMPLES + 1):
            t = i / (SAMPLES + 1)
            try:
                inside = measure(-1, [p + t * d for p, d in zip(a.point, direction)])
            except DomainError:  # a kink on the step (as _resolved meets one): nothing to tell, the old verdict stands
                return False
            # falling there, and still sloping down along the step (a value alone misses a dip and rise
            # between two samples)
            if (inside is None or not inside.value < before
                    or not sum(g * d for g, d in zip(inside.gradient, direction)) < 0):
                return False
            before = inside.value
        if not b.value < before:
            return False
    return True


SAMPLES = 15
# Steps over which an escape must hold a steady factor, and how steady (relatively) that factor must be.
ESCAPE = 10
STEADY = 1e-3


def _escaping(iterations: list[Iterate]) -> bool:
    """The iterates run off geometrically: over the last ESCAPE steps |∇f|, and so the step, grew by one steady factor
    above 1 (1 + 2η for −x² and for x² − y² off its saddle), and f fell at every step of the run to below 0
    and below its start. Whether f falls for ever that way is for `_falling_away` to tell (−x² + x⁴ escapes 0 the same
    way, then settles at 1/√2)."""
    if len(iterations) <= ESCAPE:
        return False
    tail = iterations[-1 - ESCAPE:]
    # the steps' lengths, η|∇f|: away from a critical point anywhere (a saddle at (0, −2) as at the origin)
    sizes = [it.grad_norm for it in tail]
    if not all(a > 0 for a in sizes):
        return False
    ratios = [b / a for a, b in zip(sizes, sizes[1:])]
    steady = min(ratios) > 1 + STEADY and max(ratios) - min(ratios) <= STEADY * min(ratios)
    # or no change at all: a constant slope, as −x or 3 − x − 2y has, falls by the same amount at every step
    level = max(abs(r - 1) for r in ratios) <= 1e-12
    # at every step of the run, as the words that say so claim
    values = [it.value for it in iterations]
    fell = all(b < a for a, b in zip(values, values[1:]))
    return (steady and fell and values[-1] < min(0.0, values[0])) or (level and fell)


# Halvings that find where the step left f's domain (a float's 53 bits, and a few to spare).
BISECTIONS = 60


def _domain_edge(measure, iterations: list[Iterate], outside: list[float]) -> list[float] | None:
    """Where the last step crossed the edge of f's domain, if f fell at every step of the run and keeps
    falling all along that step up to the edge: then f's lowest values along the path are approached at
    the edge (√x and x^(sin x/x) towards x = 0⁺), not at a minimum inside, and no rate helps. None else."""
    values = [it.value for it in iterations]
    if not all(b < a for a, b in zip(values, values[1:])):
        return None
    inside = iterations[-1].point
    direction = [o - p for p, o in zip(inside, outside)]

    def at(t: float) -> Iterate | None:
        try:
            return measure(-1, [p + t * d for p, d in zip(inside, direction)])
        except DomainError:  # a kink on the way: no edge to tell of
            return None

    low, high = 0.0, 1.0
    for _ in range(BISECTIONS):
        middle = (low + high) / 2
        low, high = (middle, high) if at(middle) is not None else (low, middle)
    before = iterations[-1].value
    for i in range(1, SAMPLES + 1):
        # ever nearer the edge, halving the way left each time (at the edge itself f′ may not exist: √x)
        there = at(low * (1 - 2.0 ** -i))
        # falling there, and still sloping down along the step, right up to the edge
        if there is None or not there.value < before or not sum(g * d for g, d in zip(there.gradient, direction)) < 0:
            return None
        before = there.value
    return [p + high * d for p, d in zip(inside, direction)]


def _edge_formula(symbols: Sequence[sympy.Symbol], inside: Sequence[float], edge: Sequence[float]) -> Formula:
    """x → 0⁺ (the side the iterates come from), or (x, y) → (a, b): where f's lowest values are approached.
    A coordinate within rounding of a short exact number is that number."""
    scale = max([1.0] + [abs(c) for c in inside])
    shown = [sympy.Integer(0) if abs(e) < 1e-9 * scale else Number(f"{e:.6g}") for e in edge]
    if len(symbols) == 1:
        side = "⁺" if inside[0] > edge[0] else "⁻"
        return Formula("{v} → {e}" + side, v=symbols[0], e=shown[0])
    names = ", ".join(f"{{v{i}}}" for i in range(len(symbols)))
    values = ", ".join(f"{{e{i}}}" for i in range(len(symbols)))
    return Formula(f"({names}) → ({values})", **{f"v{i}": s for i, s in enumerate(symbols)},
                   **{f"e{i}": e for i, e in enumerate(shown)})


def _unbounded_below(first: Iterate, last: Iterate, k: int) -> dict:
    start_text, end_text = _apart(first.value, last.value)
    return {"grew": "below", "start": start_text, "end": end_text, "last": k, "below": True}


# Exact arithmetic is followed for at most this many steps, and while each number has at most this many
# digits: a quadratic with η = 1/10 gains a digit or so a step, and then rounding is real.
EXACT_STEPS = 200
EXACT_DIGITS = 40
EXACT_OPS = 200


class _Exact:
    """Gradient descent in exact rational arithmetic beside the floats, while it stays exact and small:
    (w x + b − y)² with x = 2, y = 3 from (0, 0) with η = 1/10 lands in one step on (6/5, 3/5), where f
    and ∇f are exactly 0; the floats give 1.2000000000000002 and f = 1.97e-31, which the views could only
    write "≈ 0". Each step gives the iterate rounded once from its exact values, or None for good once a
    value is not rational (√2), too long, or the floats went elsewhere."""

    def __init__(self, f: sympy.Expr, gradient: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol],
                 start: Sequence, lr: float):
        self.f, self.gradient, self.symbols = f, list(gradient), list(symbols)
        self.lr = _rational(lr)  # the rate as typed: 0.1 is 1/10
        point = [_rational(c) for c in start]
        self.point = point if self.lr is not None and all(c is not None for c in point) else None
        self.slope = self._values(self.gradient, point) if self.point is not None else None

    def _values(self, exprs: Sequence[sympy.Expr], point: Sequence) -> list | None:
        at = dict(zip(self.symbols, point))
        try:
            values = [e.xreplace(at) for e in exprs]
        except Exception:  # noqa: BLE001 — a value SymPy cannot form is no exact value
            return None
        if all(v.is_Rational and _short(v) for v in values):
            return values
        return None

    def step(self, k: int, floats: Sequence[float]) -> Iterate | None:
        if self.point is None or self.slope is None or k > EXACT_STEPS:
            self.point = None
            return None
        point = [p - self.lr * g for p, g in zip(self.point, self.slope)]
        values = self._values([self.f, *self.gradient], point) if all(_short(c) for c in point) else None
        # the same path as the floats, or the floats are the story from here
        if values is None or not _same([float(c) for c in point], floats):
            self.point = None
            return None
        self.point, self.slope = point, values[1:]
        gradient = [float(g) for g in self.slope]
        return Iterate(k, [float(c) for c in point], float(values[0]), gradient, math.hypot(*gradient))


def _rational(value) -> sympy.Rational | None:
    """A number as the exact rational it was typed as (0.1 is 1/10), or None (√2, π)."""
    # never sympify: a coordinate is a number already (a float, an int, or SymPy's), not text to read
    if isinstance(value, bool) or not isinstance(value, (int, float, sympy.Basic)):
        return None
    if isinstance(value, float) or getattr(value, "is_Float", False):
        try:
            return sympy.Rational(repr(float(value)))
        except (TypeError, ValueError, OverflowError):
            return None  # inf, nan
    number = sympy.Integer(value) if isinstance(value, int) else value
    return number if number.is_Rational else None


def _short(value: sympy.Rational) -> bool:
    return max(abs(value.p), value.q) < 10 ** EXACT_DIGITS


def _run(measure: Callable[[int, list[float]], Iterate | None], first: Iterate, lr: float, steps: int,
         tol: float, exact: _Exact | None = None) -> tuple[list[Iterate], str, dict]:
    """The iterates, why they stopped, and the values the reason's words refer to. With `exact`, each
    iterate that exact arithmetic reaches as well is its exact values rounded once."""
    iterations = [first]
    scale = min(RUNAWAY * (1 + abs(first.value) + first.grad_norm), EDGE)
    stop, values, rises = "steps", {}, 0
    current = first
    for k in range(1, steps + 1):
        # a gradient of exactly 0 leaves nothing to follow, whatever tol (with tol 0 the run would
        # otherwise stand still and be called stuck)
        if current.grad_norm < tol or current.grad_norm == 0:
            return iterations, "converged", {}
        point = [w - lr * g for w, g in zip(current.point, current.gradient)]
        # The point first: f may be undefined past the float range only because it overflowed there.
        if any(not math.isfinite(w) or abs(w) > scale for w in point):
            last = measure(k, point) if all(math.isfinite(w) for w in point) else None
            if last is not None and math.isfinite(last.value) and _fell_throughout(iterations, last, measure):
                return iterations, "runaway", {"k": k, **_unbounded_below(first, last, k)}
            return iterations, "runaway", {"k": k, **_grew(first, point, k, iterations)}
        nxt = exact.step(k, point) if exact is not None else None
        nxt = nxt or measure(k, point)
        if nxt is None or abs(nxt.value) > scale or nxt.grad_norm > scale:
            # The step that showed it is shown too: where it ran away, or where f is not defined.
            if nxt is not None and all(math.isfinite(v) for v in (nxt.value, nxt.grad_norm, *nxt.point, *nxt.gradient)):
                iterations.append(nxt)
            outside = point if nxt is None else None  # finite: checked above
            fell = nxt is not None and nxt.value <= current.value and abs(nxt.value) <= abs(current.value)
            if fell and scale == EDGE:
                # f fell towards 0 (−x² falls away from it): only EDGE stopped it, as the start was already
                # that large (x² from 1e151), and the rate is not to blame
                return iterations, "runaway", {"k": k, "range": True, "value": f"{nxt.value:.3g}"}
            if nxt is None:
                return iterations, "domain", {"k": k, "outside": outside}
            if _fell_throughout(iterations, nxt, measure):
                return iterations, "runaway", {"k": k, **_unbounded_below(first, nxt, k)}
            return iterations, "runaway", {"k": k, **_grew(first, nxt.point, k, iterations, nxt)}
        iterations.append(nxt)
        rises = rises + 1 if nxt.value > current.value else 0
        current = nxt
        period = _period(iterations)
        # past TINY, |∇f|² and f's fall are below what floats resolve: the checks below would read
        # rounding as a failure (x² from 1 "levelled off" at 4e-164 with --tol 0)
        tiny = current.grad_norm < TINY
        failure = None
        if rises >= RISING:
            failure = "rising", {"k": k, "count": rises}
        elif period is not None and current.grad_norm >= tol:
            failure = "cycle", {"k": k, "period": period, "value": f"{current.value:g}"}
        elif not tiny and k >= WINDOW and _no_progress(iterations[-1 - WINDOW:], lr):
            failure = "stuck", {"k": k, "count": WINDOW, **_frozen(iterations[-1 - WINDOW:])}
        elif not tiny and (level := _levelling(iterations, lr)) is not None:
            failure = "level", {"k": k, "grad": f"{level:g}"}
        if failure is not None:
            # What looks like a failure may be floats ending the story: a point at its minimum as nearly
            # as floats can place it stalls, or jitters between neighbouring floats ((x − 1)² + 3y² with
            # --tol 0: x stops at 1.0000000000000004 while y still shrinks), and no rate is to blame.
            resolved = _resolved(measure, current, iterations[-1 - WINDOW:], first)
            return (iterations, "converged", resolved) if resolved else (iterations, *failure)
    if current.grad_norm < tol or current.grad_norm == 0:
        return iterations, "converged", {}
    # Too few steps for the checks above to have seen it: a run that ends higher than it started,
    # or no better in either f or |∇f|, failed all the same.
    if current.value > first.value:
        start, end = _apart(first.value, current.value)
        stop, values = "uphill", {"count": steps, "start": start, "end": end}
    elif steps < WINDOW and _no_progress(iterations, lr):
        stop, values = "stuck", {"k": steps, "count": steps, **_frozen(iterations)}
    elif tol > 0:
        values = _slowly(iterations)
    return iterations, stop, values


def _curvature(f: sympy.Expr, symbols: Sequence[sympy.Symbol], origin: Sequence[float]) -> float | None:
    """How sharply f curves at the start: f″ for one variable, the largest eigenvalue of the Hessian
    for several; None unless it is a positive number (f is not locally a bowl there, or f″ does not
    exist)."""
    eigenvalues = _hessian_eigenvalues(f, symbols, origin)
    if eigenvalues is None:  # then no rule, halving
        return None
    top = eigenvalues[-1]
    return top if math.isfinite(top) and top > 0 else None


def _hessian_eigenvalues(f: sympy.Expr, symbols: Sequence[sympy.Symbol], point: Sequence[float]) -> list | None:
    """The eigenvalues of f's Hessian at `point`, in ascending order (f″ for one variable); None where a
    second derivative has no value there, or the eigenvalues cannot be found (mpmath's NoConvergence for
    entries near 1e304)."""
    try:
        rows = [[_evaluator(sympy.diff(f, a, b), symbols)(point) for b in symbols] for a in symbols]
        if any(v is None for row in rows for v in row):
            return None
        if len(rows) == 1:
            return [rows[0][0]]
        # symmetric, so its eigenvalues are real: the roots of its characteristic polynomial
        hessian = sympy.Matrix([[sympy.Rational(v) for v in row] for row in rows])
        return sorted(float(sympy.re(r)) for r in sympy.Poly(hessian.charpoly()).nroots())
    except Exception:  # noqa: BLE001 — no eigenvalues, no claim made from them
        return None


def _not_minimum(f: sympy.Expr, symbols: Sequence[sympy.Symbol], point: Sequence[float]) -> dict:
    """The words' values when the point a run converged to is no minimum by the second-derivative test:
    f″ < 0 there (a maximum), or a Hessian with a negative eigenvalue (a maximum when all are negative,
    a saddle point when some are positive, else a point f falls away from in some direction). {} where
    f curves upwards (or not at all) in every direction, or where its second derivatives have no value.
    An eigenvalue counts as negative only beyond rounding of the largest one's size."""
    eigenvalues = _hessian_eigenvalues(f, symbols, point)
    if eigenvalues is None:  # no test, no claim
        return {}
    size = max(abs(e) for e in eigenvalues)
    if not math.isfinite(size) or size == 0 or min(eigenvalues) >= -1e-9 * size:
        return {}
    negative = all(e < -1e-9 * size for e in eigenvalues)
    kind = "maximum" if negative else "saddle" if max(eigenvalues) > 1e-9 * size else "flat"
    at = {f"a{i}": Number(f"{w:g}") for i, w in enumerate(point)}
    if len(eigenvalues) == 1:
        c = f"{eigenvalues[0]:.6g}"
        curve = Formula(f"f″({{a0}}) {relation(c, eigenvalues[0])} {{c}}", **at, c=Number(c))
    else:
        curve = Formula(", ".join(f"{{e{i}}}" for i in range(len(eigenvalues))),
                        **{f"e{i}": Number(f"{e:.6g}") for i, e in enumerate(eigenvalues)})
    return {"critical": kind, "curve": curve}


# A run that converged is looked at as ending at a critical point only where |∇f| fell this far below what it
# was at the start: a loose tolerance (tol 2 where |f′| starts at 1.09) stops a run where f is not flat,
# while x⁴ − x³ from −1 with tol 10⁻³ (|f′| from 7) still ends by the inflection point it crawls to.
NEAR_CRITICAL = 1e-2

# Newton's method towards the critical point a crawling run heads for: at a degenerate one it only
# halves the distance each step (f′ has a double root), so it is given room, at more digits than a float.
NEWTON_STEPS = 400
# The most variables for which a run's end is examined by its Hessian beyond what a failed run needs (a
# 100-variable loss has a 100×100 Hessian to build at every such look): the words are a teacher's, for
# the few-variable functions taught with them.
FEW = 4
NEWTON_DIGITS = 40
# The least cosine between the run's last step (−∇f) and the way to the critical point it is said to crawl to.
AHEAD = 0.9


def _newton_critical(gradient: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol],
                     point: Sequence[float]) -> list | None:
    """The critical point (∇f = 0) that Newton's method on ∇f reaches from `point`, or None where it does
    not settle (a Hessian with no inverse on the way, a value that is not real, no convergence)."""
    slopes = [evaluator(g, symbols, digits=NEWTON_DIGITS, real=True) for g in gradient]
    curves = [[evaluator(sympy.diff(g, s), symbols, digits=NEWTON_DIGITS, real=True) for s in symbols]
              for g in gradient]
    with mpmath.workdps(NEWTON_DIGITS):
        w = mpmath.matrix([mpmath.mpf(c) for c in point])
        scale = max(mpmath.mpf(1), mpmath.norm(w))
        try:
            for _ in range(NEWTON_STEPS):
                g = mpmath.matrix([s(list(w)) for s in slopes])
                if mpmath.norm(g) == 0:
                    return list(w)
                h = mpmath.matrix([[c(list(w)) for c in row] for row in curves])
                move = mpmath.lu_solve(h, g)
                w -= move
                if mpmath.norm(move) < mpmath.mpf(10) ** (-24) * scale:
                    return list(w)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, ArithmeticError):
            return None
    return None


def _exact_point(gradient: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol], point: Sequence) -> list | None:
    """The critical point as a textbook writes it (0, 1/3, π/2) where a short exact number near each
    coordinate makes ∇f exactly 0, else None."""
    scale = max([1.0] + [abs(float(c)) for c in point])
    exact = []
    for c in point:
        if abs(c) < 1e-18 * scale:
            exact.append(sympy.Integer(0))
            continue
        guess = sympy.nsimplify(sympy.Float(c, 30), [sympy.pi], tolerance=1e-18 * scale)
        if sympy.count_ops(guess) > 8:
            return None
        exact.append(guess)
    at = dict(zip(symbols, exact))
    try:
        if all(sympy.simplify(g.xreplace(at)) == 0 for g in gradient):
            return exact
    except Exception:  # noqa: BLE001 — a point SymPy cannot settle is only not exact
        return None
    return None


def _crawled_to(f: sympy.Expr, gradient: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol],
                iterations: Sequence[Iterate]) -> dict:
    """The words' values when a run that stopped on a small or ever more slowly shrinking slope is
    crawling towards a degenerate critical point that is no minimum, else {}: a critical point c ahead
    of the final point whose second-derivative test says nothing (f″(c) = 0, or a singular Hessian) and
    past which f goes lower along the way the run went. x⁴ − x³ from −1 creeps towards the inflection
    point 0 (f′(0) = f″(0) = 0) and would pass it on to its minimum at 3/4; x⁴ creeps to 0 as well, but
    f rises on every side of 0: a minimum, and {} here. A run that landed on c exactly (∇f = 0) went
    the way of its last step. Only for f with second derivatives: x·|x| has none at 0."""
    final = iterations[-1]
    if rough_parts([f]) or len(symbols) > FEW or sympy.count_ops(f) > EXACT_OPS:
        return {}
    found = _newton_critical(gradient, symbols, final.point)
    if found is None or not all(mpmath.isfinite(c) for c in found):
        return {}
    floats = [float(c) for c in found]
    heading = [c - p for c, p in zip(floats, final.point)]
    distance = math.hypot(*heading)
    headings = None
    if distance == 0 and len(iterations) > 1:  # landed on it: the way it came
        heading = [p - q for p, q in zip(final.point, iterations[-2].point)]
        distance = math.hypot(*heading)
    elif distance == 0:
        # it started there: ∇f = 0 left no way to go, so every way is looked along (along the axes and
        # the diagonals: x²y at the origin falls only where x ≠ 0 and y < 0)
        headings = _directions(len(symbols))
    # c must lie ahead, where the run is going: its steps, along −∇f, point at c (x²y from (1, 1) ends
    # on its valley of critical points x = 0 with a last step sideways, not towards (0, 0) below it)
    elif sum(-g * h for g, h in zip(final.gradient, heading)) < AHEAD * final.grad_norm * distance:
        return {}
    if distance == 0 and headings is None:
        return {}
    if distance > max(1.0, math.hypot(*final.point)):
        return {}
    exact = _exact_point(gradient, symbols, found)
    if exact is not None:
        hessian = sympy.Matrix([[sympy.diff(g, s).xreplace(dict(zip(symbols, exact))) for s in symbols]
                                for g in gradient])
        try:
            singular = sympy.simplify(hessian.det()) == 0
        except Exception:  # noqa: BLE001
            return {}
    else:
        eigenvalues = _hessian_eigenvalues(f, symbols, floats)
        if eigenvalues is None:
            return {}
        values = [abs(e) for e in eigenvalues]
        singular = min(values) <= 1e-9 * max(1.0, max(values))
    if not singular:
        return {}
    # "just past it": f at c, and at a few distances beyond c along the heading, all lower there
    value = _unrounded(f, symbols)
    there = value(found)
    if there is None:
        return {}
    def lower_past(unit: list[float], reach: float) -> bool:
        for t in (reach, reach / 10, reach / 100):
            past = value([c + t * u for c, u in zip(found, unit)])
            if past is None or not past < there:
                return False
        return True

    if headings is None:
        if not lower_past([h / distance for h in heading], distance):
            return {}
    elif not any(lower_past(unit, START_REACH * max(1.0, math.hypot(*floats))) for unit in headings):
        return {}
    kind = "inflection" if len(symbols) == 1 else "degenerate"
    shown = exact if exact is not None else [Number(f"{c:g}") for c in floats]
    names = ", ".join(f"{{v{i}}}" for i in range(len(symbols)))
    values = ", ".join(f"{{c{i}}}" for i in range(len(symbols)))
    if len(symbols) > 1:  # a point of several variables as a textbook writes it: (x, y) = (0, 0)
        names, values = f"({names})", f"({values})"
    at = Formula(f"{names} {'=' if exact is not None else '≈'} {values}",
                 **{f"v{i}": s for i, s in enumerate(symbols)}, **{f"c{i}": c for i, c in enumerate(shown)})
    curve = {"curve": Formula("f″({c}) = 0", c=shown[0])} if len(symbols) == 1 else {}
    return {"critical": kind, "critical_at": at, **curve}


# How far from a start at a degenerate critical point f is looked at (then a tenth and a hundredth of it).
START_REACH = 0.1


def _directions(n: int) -> list[list[float]]:
    """Unit vectors along each axis and each diagonal of two axes, both ways."""
    out = []
    for i in range(n):
        for sign in (1.0, -1.0):
            out.append([sign if j == i else 0.0 for j in range(n)])
        for j in range(i + 1, n):
            for a in (1.0, -1.0):
                for b in (1.0, -1.0):
                    out.append([a / math.sqrt(2) if k == i else b / math.sqrt(2) if k == j else 0.0 for k in range(n)])
    return out


def _named(symbols: Sequence[sympy.Symbol], values: Sequence[float]) -> Formula:
    """x = 1.5, y = 2 as one formula: a document sets it as mathematics, not as words."""
    # "=" only where the decimal is the float itself (x ≈ -27.1828, y = -100)
    text = ", ".join(f"{{v{i}}} {relation(f'{w:g}', w)} {{a{i}}}" for i, w in enumerate(values))
    return Formula(text, **{f"v{i}": s for i, s in enumerate(symbols)},
                   **{f"a{i}": Number(f"{w:g}") for i, w in enumerate(values)})


def _rule(curvature: float, limit: float, origin: Sequence[float]) -> dict[str, Formula]:
    """The formulas of the rule that bounds the rate, at the point where the curvature was taken:
    f″(3) = 108 and η < 2/f″(3) ≈ 0.0185 for one variable; for several the Hessian at the start,
    (1, 1), and its largest eigenvalue λ. "=" only where the bound printed is the bound."""
    bound = f"{limit:.3g}"
    sign = "=" if float(bound) == limit else "≈"
    numbers = {"c": Number(f"{curvature:g}"), "limit": Number(bound)}
    at = {f"a{i}": Number(f"{w:g}") for i, w in enumerate(origin)}
    if len(origin) == 1:
        return {"curve": Formula("f″({a0}) = {c}", **at, **numbers),
                "limit": Formula(f"η < 2/f″({{a0}}) {sign} {{limit}}", **at, **numbers)}
    return {"curve": Formula("λ = {c}", **numbers), "limit": Formula(f"η < 2/λ {sign} {{limit}}", **numbers),
            "origin": Formula("(" + ", ".join(f"{{a{i}}}" for i in range(len(origin))) + ")", **at)}


# η·f″/2 within this of 1 is "at" the stability bound; from UNDER up to that, "just under" it.
AT_BOUND = 0.02
UNDER = 0.9


def _stability(trial: Callable[[float], tuple[list[Iterate], str, dict]], f: sympy.Expr,
               symbols: Sequence[sympy.Symbol], point: Sequence[float], lr: float) -> dict:
    """The words' values when a run that used its steps is creeping because η is at, or just under, the
    stability bound 2/f″ (2/λ) where it ended: each step overshoots and the iterates swing from side to
    side, shrinking by |1 − η·f″| a step, which is nearly 1 (x²/(1 + x²) with η = 1 = 2/f″(0); x² with
    η = 0.999). With a rate well inside the bound, 1/f″ (half of it, the rate that lands a quadratic on its
    minimum in one step), checked by running it from the same start: it must converge. {} else."""
    if len(symbols) > FEW:
        return {}
    curvature = _curvature(f, symbols, point)
    if curvature is None:
        return {}
    share = lr * curvature / 2
    if not UNDER <= share <= 1 + AT_BOUND:
        return {}
    inside = 1 / curvature
    try:
        iterations, stop, _ = trial(inside)
    except DomainError:
        return {}
    if stop != "converged":
        return {}
    rule = _rule(curvature, 2 / curvature, point)
    return {"stability": "at" if share >= 1 - AT_BOUND else "under", "suggested": f"{inside:.3g}",
            "trial": iterations[-1].step, "bound_curve": rule["curve"], "bound_limit": rule["limit"]}


def _advise(trial: Callable[[float], tuple[list[Iterate], str, dict]], lr: float, steps: int,
            curvature: float | None = None, origin: Sequence[float] = ()):
    """A smaller rate by a rule a textbook states, checked by running it: (lr, the catalogue key and
    values that say so), or (None, why not). Where f curves upwards at the start with curvature c,
    gradient descent on its quadratic model converges only for η < 2/c: the largest of lr/2, lr/4, ...
    below that. Elsewhere (or when lr was below it already), halve lr until f goes down. Either way
    the rate's own run must converge, or end lower than it started, without failing."""
    limit = 2 / curvature if curvature is not None and lr >= 2 / curvature else None
    rule = _rule(curvature, limit, origin) if limit is not None else {}
    kind = "halving" if limit is None else "hessian" if len(origin) > 1 else "curvature"
    for halving in range(1, HALVINGS + 1):
        smaller = lr / 2 ** halving
        if limit is not None and smaller >= limit:
            continue
        try:
            iterations, stop, _ = trial(smaller)
        except DomainError:
            continue  # it ran into a point with no gradient: no advice
        if stop in DIVERGED or stop in CYCLED:
            continue
        if stop == "converged":
            return smaller, (f"descend.advice.{kind}.converges", {
                "lr": repr(smaller), "count": iterations[-1].step, **rule})
        if iterations[-1].value < iterations[0].value:
            start, end = _apart(iterations[0].value, iterations[-1].value)
            return smaller, (f"descend.advice.{kind}.decreases", {
                "lr": repr(smaller), "count": iterations[-1].step, "start": start, "end": end, **rule})
    return None, ("descend.advice.none", {"lowest": f"{lr / 2 ** HALVINGS:g}", "steps": steps})


def _gradient_at_kink(f, gradient, symbols, point, kinked, k: int, name: str = "f") -> list[float]:
    """The gradient at an iterate where part of f is at a kink (|x| reached 0): from the
    definition, or a DomainError saying the run reached a point with no gradient."""
    try:
        values = [derivative_value(f, (s,), (g,), point, name, kinked=kinked) for s, g in zip(symbols, gradient)]
        require_differentiable(f, symbols, point, name, kinked=kinked)
    except DomainError as exc:
        key = "error.descend.kink.start" if k == 0 else "error.descend.kink"
        raise DomainError(Words(key, k=k, point=describe(point), reason=exc.message)) from None
    return values


def check_settings(lr: float, tol: float, steps: int) -> None:
    """Raise ValueError unless lr > 0, tol ≥ 0 (both finite) and 1 ≤ steps ≤ MAX_STEPS."""
    # nan slips through every comparison (nan <= 0 is False) and inf turns the first step into nan.
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"the learning rate lr must be a positive number, not {lr!r}")
    if not (math.isfinite(tol) and tol >= 0):
        raise ValueError(f"the tolerance tol must be a number ≥ 0, not {tol!r}")
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be a whole number from 1 to {MAX_STEPS}, not {steps!r}")


def check_start(f: sympy.Expr, symbols: Sequence[sympy.Symbol], start: Mapping[sympy.Symbol, sympy.Expr],
                name: str = "f") -> None:
    """Raise a usage error unless `start` gives a value to each of `symbols` (f's variables) and to
    nothing else, and f has no other names: descent computes with numbers, so a name without a
    value has none, and a name f does not have is a typo the run would otherwise ignore. The error's
    `option` is the command-line option to blame (`--from` or `--vars`)."""
    from ..scalar.notes import point_notes

    variables = {s.name for s in symbols}
    given = {s.name for s in start}
    listed = ", ".join(sorted(variables))
    error = None
    if given - variables:
        extra = sorted(given - variables)
        constants = [n for n in extra if n in {s.name for s in f.free_symbols}]
        if constants:  # f(x) = a·x² from x=1,a=2: a is in f, but held as a constant
            error = UsageError(Words("error.descend.constant", constants=", ".join(constants), name=name,
                                     listed=listed, vars="--vars"))
        else:
            error = UsageError(Words("error.descend.variable", name=name, extra=", ".join(extra), listed=listed))
        # why a name is not f's (`--from x=1,y=1` for 3xy, whose one variable is xy)
        error.notes = tuple(point_notes([f], extra, "--from"))
        error.option = "--from"
    elif variables - given:
        missing = [s.name for s in symbols if s.name not in given]
        error = MissingValue(Words("error.descend.start", missing=", ".join(missing), name=name, listed=listed,
                                   **_data_example(missing)))
        error.option = "--from"
    else:
        others = sorted({s.name for s in f.free_symbols} - variables)
        if others:
            names = ", ".join(others)
            error = UsageError(Words("error.descend.others", name=name, names=names, listed=listed,
                                     vars=spelled("--vars", "vars="), start=spelled("--from", "start="),
                                     **_data_example(others)))
            error.option = "--vars"
    if error is not None:
        raise error


def _data_example(names: Sequence[str]) -> dict[str, str]:
    """`--at x=2,y=3` at the command line, `at="x=2,y=3"` in Python: how data is held fixed (a
    missing start may be data the reader meant to hold fixed: x, y of a loss in w, b)."""
    values = ",".join(f"{n}={k}" for k, n in enumerate(names, 2))
    return {"at": spelled("--at", "at="), "example": spelled(f"--at {values}", f'at="{values}"')}


def descend(f: sympy.Expr, gradient: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol],
            start: Mapping[sympy.Symbol, sympy.Expr], *, lr: float = 0.1, steps: int = 100,
            tol: float = 1e-8, advise: bool = True, name: str = "f") -> DescentResult:
    """Gradient descent from `start`. A run that diverges or cycles comes with a smaller learning
    rate that was run and worked (`suggested_lr`), unless `advise` is False or none did. `start`
    must fit f (`check_start`); `name` is f's name in messages (a definition's g)."""
    check_settings(lr, tol, steps)
    check_start(f, symbols, start, name)
    for s in symbols:
        if not math.isfinite(float(start[s])):
            raise ValueError(f"the starting value of {s} is beyond the floating-point range")
    fv = _evaluator(f, symbols)
    gv = [_evaluator(g, symbols) for g in gradient]
    origin = [float(start[s]) for s in symbols]
    rough = rough_parts([f])

    def measure(k: int, w: list[float], grad: list[float] | None = None) -> Iterate | None:
        value = fv(w)
        if value is None:
            return None
        if grad is None and rough:  # only then can an iterate land on a kink (the float, read exactly)
            exact = {s: sympy.Rational(x) for s, x in zip(symbols, w)}
            kinked = kinks((), exact, None, rough)
            if kinked:
                grad = _gradient_at_kink(f, gradient, symbols, exact, kinked, k, name)
        if grad is None:
            grad = [g(w) for g in gv]
        if any(g is None for g in grad):
            return None
        # hypot: |∇f| of a gradient of 1e304 is 1e304, where the sum of squares overflows to inf.
        return Iterate(k, list(w), value, grad, math.hypot(*grad))

    start_grad = None
    if rough:
        # The start as given, exactly (|cos(x)| from pi/2 is at its kink; the float of pi/2 is not).
        exact = {s: start[s] for s in symbols}
        kinked = kinks((), exact, None, rough)
        if kinked:
            start_grad = _gradient_at_kink(f, gradient, symbols, exact, kinked, 0, name)
            if any(sympy.Rational(x) != exact[s] for s, x in zip(symbols, origin)):
                start_grad = None  # the float start is another point: measure decides there
    first = measure(0, origin, start_grad)
    if first is None:
        raise DomainError(_undefined_at_start(f, gradient, symbols, origin, name))
    if not math.isfinite(first.grad_norm):
        raise DomainError("the gradient at the starting point is too large to represent (|∇f| is past "
                          "about 1.8e308)")
    def exactly(rate: float) -> _Exact | None:
        # only where no kink is near (rough parts take their own path through measure)
        # and f small enough that a step of SymPy arithmetic costs little (a 1000-term loss is floats' work)
        small = sympy.count_ops(f) <= EXACT_OPS
        return _Exact(f, gradient, symbols, [start[s] for s in symbols], rate) if small and not rough else None

    iterations, stop, values = _run(measure, first, lr, steps, tol, exactly(lr))

    def falling_away():  # from the final point, computed unrounded (see _falling_away)
        exact, slopes = _unrounded(f, symbols), [_unrounded(g, symbols) for g in gradient]
        return _falling_away(exact, lambda w: [g(w) for g in slopes], iterations[-1], first)

    if stop == "converged" and iterations[-1].grad_norm > NEAR_CRITICAL * (1 + first.grad_norm):
        # |∇f| fell below a loose tolerance far from any critical point: no second-derivative test, no
        # flattening out, is said of a point where f is not flat ((x² − 1)² at 0.3 with tol 2 is no maximum)
        values = {**values, "loose_grad": f"{iterations[-1].grad_norm:.4g}"}
    elif stop == "converged":
        # the second-derivative test first: a saddle or maximum is named as what it is
        critical = _not_minimum(f, symbols, iterations[-1].point)
        away = None
        if not critical:
            # a start where ∇f = 0 that f falls past for ever (x³ at 0) is said as such before it is called an
            # inflection point (x⁴ − x³ at 0 falls only so far); elsewhere a flat critical point comes first
            started = len(iterations) == 1
            away = falling_away() if started else None
            if away is None:
                critical = _crawled_to(f, gradient, symbols, iterations)
                away = None if critical or started else falling_away()
        if critical:
            values = {**values, **critical}
        elif away is not None:
            # a small |∇f| where f flattens out (exp(x) from 0 "converged" at x = -18.4, as e⁻¹⁸·⁴ < 1e-8),
            # or a flat spot f falls on past (x·|x| near 0): not a minimum, and the run is not called converged
            final, (ray, steep) = iterations[-1], away
            stop, values = "unbounded", {"grad": f"{final.grad_norm:g}", "at": _named(symbols, final.point),
                                         "away": _away(symbols, ray), **({"past": True} if steep else {})}
    elif stop == "steps" and _escaping(iterations):
        # running off geometrically, f falling with it: unbounded below is clear long before RUNAWAY
        if falling_away() is not None:
            stop, values = "runaway", {"k": iterations[-1].step, **_unbounded_below(first, iterations[-1],
                                                                                   iterations[-1].step)}
    elif values.get("slow"):
        # still shrinking ever more slowly: towards a minimum, or towards a flat critical point it would pass,
        # or towards no point at all: −ln x, 1/x and e⁻ˣ flatten out as x → ∞ and have no minimum
        crawl = _crawled_to(f, gradient, symbols, iterations)
        away = None if crawl else falling_away()
        if away is not None and not away[1]:
            final = iterations[-1]
            stop, values = "unbounded", {"grad": f"{final.grad_norm:g}", "at": _named(symbols, final.point),
                                         "away": _away(symbols, away[0]), "steps_used": True}
        else:
            values = {**values, **crawl}
    outside = values.pop("outside", None)
    if outside is not None:
        values["at"] = _named(symbols, outside)
        edge = _domain_edge(measure, iterations, outside)
        if edge is not None:  # f falls all the way to the domain's edge: no rate is to blame
            values["boundary"] = _edge_formula(symbols, iterations[-1].point, edge)
    values = {"steps": steps, "tol": f"{tol:g}", "lr": f"{lr:g}", **values}
    result = DescentResult(f, tuple(symbols), list(gradient), lr, origin, iterations, stop == "converged", stop,
                           stop in DIVERGED, values, cycled=stop in CYCLED, outside=outside)
    def trial(rate: float):  # the same run at another rate: what a suggested rate is checked by
        return _run(measure, first, rate, steps, tol, exactly(rate))

    if stop == "steps" and advise:
        result.stop_values.update(_stability(trial, f, symbols, iterations[-1].point, lr))
    # halving a rate that is too small cannot help, nor one that is not to blame (values near the float range)
    if advise and result.failed and not any(values.get(k) for k in ("frozen", "range", "below", "boundary")):
        result.suggested_lr, result.advice = _advise(trial, lr, steps, _curvature(f, symbols, origin), origin)
    return result
