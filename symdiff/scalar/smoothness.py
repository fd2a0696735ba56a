"""Where a derivative exists: values of derivatives at points where f is not smooth.

The rules give d|x|/dx = sign(x), a formula that is right wherever |x| is smooth, and says 0 at
x = 0, where |x| has no derivative at all. So a formula is evaluated at a point only when no
non-smooth part of f (|u|, sign, Heaviside, relu, Max/Min, a root or a power with base 0, an
atan2 or acot on its cut...) is at its kink there. At a kink the derivative is decided from its
definition instead: the exact one-sided limits of the difference quotient (SymPy's `limit`), each
confirmed numerically, must be finite, real and equal (x*|x| at 0: 0); otherwise, or when the
limits cannot be found, there is no value but a `domain` error naming the point. The same
fallback gives a value where the formula is undefined but f is smooth (sinc'(0) = 0).

A gradient, a tangent plane or a stationary point needs more than partial derivatives: f must be
differentiable. Away from kinks it is; at a kink `require_differentiable` proves it by the
structure of f (a part of one variable with a derivative, sums, products and smooth functions of
differentiable parts, a continuous factor times a smooth one that vanishes at the point, |u| of a
smooth u that vanishes there with its gradient) or refuses.

Limits are SymPy's, each given LIMIT_SECONDS in a forked child (SymPy can run for minutes on a short
input); a limit not found in time is a refusal ("cannot decide"), never a guess.
"""

from __future__ import annotations

import os
import signal
import threading
from multiprocessing.connection import Pipe
from typing import Iterable, Mapping, Sequence

import sympy
from sympy import Abs, Add, Mul, Pow, S

from ..core.errors import DomainError, Words, spelled
from ..core.nodes import free_symbols
from .functions import relu, sigmoid, softplus
from .numeric import describe, shown, value_at
from .roots import odd_exponent, real_roots
from .parsing import settled

# Functions with a kink or a jump where their (first) argument is 0.
AT_ZERO = (Abs, sympy.sign, sympy.Heaviside, sympy.DiracDelta, relu, sympy.acot)
# Functions that jump where their argument is an integer.
AT_INTEGERS = (sympy.floor, sympy.ceiling, sympy.frac)
# Kinks that keep a function continuous (a factor made of these, times a smooth factor that
# vanishes at the point, is differentiable there).
CONTINUOUS = (Abs, relu, sympy.Max, sympy.Min)

# One-sided limits are not tried on difference quotients bigger than this (nodes): SymPy's limit can
# run for minutes on them. Such a point is refused as undecided.
LIMIT_NODES = 600
# The time SymPy's limit gets for one one-sided limit; past it the point is refused as undecided.
LIMIT_SECONDS = 3.0
# A finite limit is confirmed by the difference quotient at h = 10**-CONFIRM_DIGITS (evaluated with
# guaranteed digits): it must be within CONFIRM_TOLERANCE (relative) of it.
CONFIRM_DIGITS = 30
CONFIRM_TOLERANCE = 1e-3


# ---------------------------------------------------------------------------------------------
# Finding non-smooth parts


def _unique_nodes(exprs: Iterable[sympy.Expr]):
    """Every distinct subexpression once: derivatives share their parts, and a walk that follows
    every path through a shared part can be exponentially long."""
    seen: set = set()
    stack = list(exprs)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        yield node
        stack.extend(node.args)


def _can_be_rough(node: sympy.Expr) -> bool:
    """Whether `node` is non-smooth somewhere (as a function of its symbols)."""
    # The kind first: asking every node for its symbols walks every subtree (quadratic in depth).
    if isinstance(node, (*AT_ZERO, *AT_INTEGERS, sympy.Max, sympy.Min, sympy.atan2, sympy.Piecewise)):
        return bool(free_symbols([node]))
    if isinstance(node, Pow):
        exponent = node.exp
        return not (exponent.is_Integer and exponent >= 0) and bool(free_symbols([node]))
    return False


def rough_parts(exprs: Iterable[sympy.Expr]) -> list[sympy.Expr]:
    """The subexpressions of `exprs` that are not smooth everywhere (|u|, sign(u), u**(1/3), ...)."""
    return [node for node in _unique_nodes(exprs) if _can_be_rough(node)]


def _is_zero(expr: sympy.Expr) -> bool | None:
    zero = expr.is_zero
    if zero is None and expr.is_number:
        try:
            zero = expr.equals(0)
        except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError, NotImplementedError):
            zero = None
    return zero


def _sign(expr: sympy.Expr) -> int | None:
    """-1, 0 or 1 for a real number, None if that cannot be told."""
    zero = _is_zero(expr)
    if zero:
        return 0
    if expr.is_extended_positive:
        return 1
    if expr.is_extended_negative:
        return -1
    try:
        value = sympy.N(expr, 30)
        if value.is_Float and value != 0:
            return 1 if value > 0 else -1
    except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError, NotImplementedError):
        pass
    return None


def _kinked(node: sympy.Expr, point: Mapping[sympy.Symbol, sympy.Expr]) -> bool:
    """Whether the non-smooth `node` is at its kink (or jump, or cusp) at `point`; True where that
    cannot be told, so that the derivative is then decided from its definition."""
    def at(e):
        return e.xreplace(point)

    if isinstance(node, AT_ZERO):
        return _is_zero(at(node.args[0])) is not False
    if isinstance(node, AT_INTEGERS):
        return at(node.args[0]).is_integer is not False
    if isinstance(node, (sympy.Max, sympy.Min)):
        values = [at(a) for a in node.args]
        return any(_is_zero(values[i] - values[j]) is not False
                   for i in range(len(values)) for j in range(i + 1, len(values)))
    if isinstance(node, sympy.atan2):
        y, x = (at(a) for a in node.args)
        # The cut: atan2 jumps by 2π across the negative x-axis.
        return _is_zero(y) is not False and _sign(x) != 1
    if isinstance(node, Pow):
        base, exponent = at(node.base), at(node.exp)
        if node.base.free_symbols:
            if _is_zero(base) is not False:
                return True  # a root or power of 0: a cusp, a kink or a pole
            # A negative base to a power that is not a whole number is not real beside the point,
            # even where it is real at it (x**(x + 3) at -2): the definition will say so.
            # An odd root (∛x) is the real root, smooth for a negative base.
            return not node.exp.is_Integer and not odd_exponent(node.exp) and _sign(base) != 1
        # 0**u: 0 for u > 0, 1 at u = 0, undefined below
        return _is_zero(base) is not False and _sign(exponent) != 1
    return True  # Piecewise and anything else: decide from the definition


def kinks(exprs: Iterable[sympy.Expr], point: Mapping[sympy.Symbol, sympy.Expr],
          variables: Iterable[sympy.Symbol] | None = None,
          parts: Sequence[sympy.Expr] | None = None) -> list[sympy.Expr]:
    """The non-smooth parts of `exprs` that are at a kink at `point` and contain one of `variables`
    (all, when None). `parts` are the rough parts, when already found."""
    # The function's value decides (a part kept as typed, √(x²), is the |x| it is).
    exprs = [settled(e) for e in exprs]
    wanted = None if variables is None else set(variables)
    found = []
    for node in rough_parts(exprs) if parts is None else parts:
        if wanted is not None and not (node.free_symbols & wanted):
            continue
        if _kinked(node, point):
            found.append(node)
    return found


# ---------------------------------------------------------------------------------------------
# Derivatives from their definition


class Undecided(Exception):
    """SymPy could not find (or numerics could not confirm) a one-sided limit."""


def _as_formulas(expr: sympy.Expr, h: sympy.Symbol, origin: sympy.Expr) -> sympy.Expr:
    """`expr` (a function of h > 0) in functions SymPy's limit knows: symdiff's own functions by
    their formulas, sinc by sin(u)/u, atan2 by atan on the side where h lies."""
    expr = expr.replace(sigmoid, lambda a: 1 / (1 + sympy.exp(-a)))
    expr = expr.replace(softplus, lambda a: sympy.log(1 + sympy.exp(a)))
    expr = expr.replace(relu, lambda a: sympy.Max(0, a))
    expr = expr.replace(sympy.sinc, lambda a: sympy.sin(a) / a)

    def angle(y, x):
        x0, y0 = x.xreplace({h: origin}), y.xreplace({h: origin})
        if _is_zero(y):  # on the axis all along: no jump, atan2 is 0 or π there
            sign = _sign(x0)
            if sign is None or sign == 0:
                raise Undecided
            return S.Zero if sign > 0 else S.Pi
        sign = _sign(x0)
        if sign == 1:
            return sympy.atan(y / x)
        if sign == -1:
            return sympy.atan(y / x) + S.Pi * sympy.sign(y)
        if sign == 0 and _sign(y0):
            return S.Pi / 2 * sympy.sign(y) - sympy.atan(x / y)
        raise Undecided

    return expr.replace(sympy.atan2, angle)


def _finite_real(value: sympy.Expr) -> bool:
    return bool(value.is_number and value.is_finite and value.is_extended_real)


def _at(expr: sympy.Expr, h: sympy.Symbol, value: sympy.Rational) -> sympy.Expr:
    """expr with h = value, left unevaluated for evalf: SymPy evaluates a rational to a rational power
    exactly as it builds it, and (1 + 10⁻¹²)^(1 + 2·10⁻¹²) has no end (x^(2x-1) beside x = 1)."""
    with sympy.evaluate(False):
        moved = expr.xreplace({h: value})
    # evalf leaves a step of an unevaluated argument as it is (Heaviside(-1 + (1/100 + 1)**2)), so a
    # jump read as "not real": give steps their argument's value, far from 0 at these distances.
    return moved.replace(lambda e: isinstance(e, _STEPS),
                         lambda e: e.func(sympy.N(e.args[0], 60), *e.args[1:]))


_STEPS = (sympy.Heaviside, sympy.sign)


def _confirm(quotient: sympy.Expr, h: sympy.Symbol, limit: sympy.Expr) -> None:
    """Raise Undecided unless the quotient near 0 is close to `limit`: a check on SymPy's limit."""
    try:
        near = sympy.N(_at(quotient, h, sympy.Rational(1, 10**CONFIRM_DIGITS)), 30)
        target = sympy.N(limit, 30)
        re, im = near.as_real_imag()
        near_value, im_value, target_value = float(re), float(im), float(target)
    except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError, NotImplementedError):
        raise Undecided from None
    scale = 1 + abs(target_value)
    if abs(im_value) > CONFIRM_TOLERANCE * scale or abs(near_value - target_value) > CONFIRM_TOLERANCE * scale:
        raise Undecided


def one_sided(g: sympy.Expr, g_at: sympy.Expr, var: sympy.Symbol, point: Mapping[sympy.Symbol, sympy.Expr],
              side: int) -> sympy.Expr:
    """lim (g(a + t·e) - g_at)/t as t → 0 from the right (side 1) or the left (side -1), with e the
    unit vector of `var`; ±oo, a complex number or nan where that is what SymPy finds. Raises
    Undecided where it finds nothing, or where numerics disagree with a finite limit."""
    h = sympy.Dummy("h", positive=True)
    moved = dict(point)
    moved[var] = point[var] + side * h
    beside = _settle_steps(real_roots(g).xreplace(moved), h)
    if not _real_near(beside, h):
        return S.NaN  # x**(5/3) for x < 0 (a principal root), asin(1 + x) for x > 0: no two-sided derivative
    quotient = (beside - g_at) / (side * h)
    if sum(1 for _ in zip(range(LIMIT_NODES + 1), sympy.preorder_traversal(quotient))) > LIMIT_NODES:
        raise Undecided
    quotient = _as_formulas(quotient, h, S.Zero)
    limit = _limit(quotient, h)
    if isinstance(limit, sympy.Limit) or limit.has(sympy.AccumBounds, sympy.Limit) or limit.free_symbols:
        raise Undecided
    if _finite_real(limit):
        _confirm(quotient, h, limit)
    return limit


_LIMIT_ERRORS = (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError, NotImplementedError,
                 IndexError, KeyError)


def _plain_limit(quotient: sympy.Expr, h: sympy.Symbol) -> sympy.Expr:
    try:
        return sympy.limit(quotient, h, 0, "+")
    except _LIMIT_ERRORS:
        raise Undecided from None


def _limit(quotient: sympy.Expr, h: sympy.Symbol) -> sympy.Expr:
    """lim quotient as h → 0+, or Undecided if SymPy finds none within LIMIT_SECONDS. SymPy's limit
    can run for minutes on a short input (exp(x**(sin(x) + 1)) at 0) and cannot be interrupted, so
    it runs in a forked child that is abandoned when late; where there is no fork, or other threads
    (which a fork would not copy), it runs here, without a bound."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return _plain_limit(quotient, h)
    reader, writer = Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and never return into the caller's code
        try:
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.alarm(int(LIMIT_SECONDS) + 2)  # an abandoned child ends by itself
            reader.close()
            try:
                outcome = _plain_limit(quotient, h)
            except Undecided:
                outcome = None
            writer.send(outcome)
        finally:
            os._exit(0)
    writer.close()
    try:
        if not reader.poll(LIMIT_SECONDS):
            raise Undecided
        outcome = reader.recv()
    except (EOFError, OSError):
        raise Undecided from None
    finally:
        reader.close()
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    if outcome is None:
        raise Undecided
    return outcome


# The one-sided line is looked at from these distances: a function that leaves the reals right
# beside the point (asin(1 + h**3)) shows it at the larger ones, where evalf's digits suffice.
NEAR = (2, 4, 8, 12)


def _settle_steps(expr: sympy.Expr, h: sympy.Symbol) -> sympy.Expr:
    """expr with each Heaviside or sign of h replaced by its value for small h > 0, where its argument
    has one sign at every distance in NEAR: SymPy's limit of a step is often nonsense (2·DiracDelta(0)
    for (Heaviside((1 - h)² - 1) - 1/2)/h), while the rest of the quotient is what it handles well."""
    def settle(step):
        signs = set()
        for digits in NEAR:
            try:
                near = sympy.N(_at(step.args[0], h, sympy.Rational(1, 10**digits)), 50)
                re, im = (float(part) for part in near.as_real_imag())
            except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError, NotImplementedError):
                return step
            if im != 0 or re == 0:
                return step
            signs.add(1 if re > 0 else -1)
        return step.func(signs.pop(), *step.args[1:]) if len(signs) == 1 else step

    return expr.replace(lambda e: isinstance(e, _STEPS) and e.args[0].has(h), settle)


def _real_near(value: sympy.Expr, h: sympy.Symbol) -> bool:
    """Whether `value` (of h > 0) is real for small h: a real expression evaluates with no
    imaginary part at all, a principal root of a negative number with a large one."""
    for digits in NEAR:
        try:
            near = sympy.N(_at(value, h, sympy.Rational(1, 10**digits)), 50)
            re, im = near.as_real_imag()
            re, im = abs(float(re)), abs(float(im))
        except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError, NotImplementedError):
            return False
        if im > 1e-30 * max(re, im):
            return False
    return True


def from_definition(g: sympy.Expr, g_at: sympy.Expr, var: sympy.Symbol, point: Mapping[sympy.Symbol, sympy.Expr],
                    label: str, why: str = "", of_f: bool = True) -> sympy.Expr:
    """The derivative of g by var at point from both one-sided limits of the difference quotient,
    exactly; a DomainError naming the point where they are not finite, real and equal. `of_f`: g
    is f itself, not a formula for one of its derivatives (which may be undefined beside the point
    where the derivative is not: sinc'(x)·y on the line x = 0)."""
    where = describe(point)
    try:
        right = one_sided(g, g_at, var, point, 1)
        # Not real or unbounded on the right: the left cannot help (and SymPy's limit of a step from
        # the left can be nonsense: 2·DiracDelta(0) for Heaviside(x² − 1) at 1).
        settled = right is S.NaN or right.is_infinite or right.has(S.Infinity, S.NegativeInfinity, S.ComplexInfinity)
        left = one_sided(g, g_at, var, point, -1) if not settled else right
    except Undecided:
        raise DomainError(Words("error.kink.undecided", label=label, point=where, why=why)) from None
    if any(side.is_infinite or side.has(S.Infinity, S.NegativeInfinity, S.ComplexInfinity) for side in (left, right)):
        raise DomainError(Words("error.kink.unbounded", label=label, point=where, why=why))
    if not (_finite_real(right) and _finite_real(left)):
        if not of_f:
            raise DomainError(Words("error.kink.undecided", label=label, point=where, why=why))
        raise DomainError(Words("error.kink.not_real", label=label, point=where, why=why))
    same = _is_zero(right - left)
    if same is False:
        raise DomainError(Words("error.kink.corner", label=label, point=where, left=shown(left), right=shown(right),
                                why=why))
    if same is None:
        raise DomainError(Words("error.kink.incomparable", label=label, point=where, why=why,
                                left=sympy.sstr(left), right=sympy.sstr(right)))
    return right


def _why(parts: Sequence[sympy.Expr]) -> str:
    if not parts:
        return ""
    from ..render.notation import unicode  # a message a person reads: |x|, √(x² + y²), not Abs(x)

    shown = ", ".join(unicode(p) for p in parts[:3]) + (", …" if len(parts) > 3 else "")
    return Words("error.kink.why.one" if len(parts) == 1 else "error.kink.why.many", parts=shown)


def _terms_with(expr: sympy.Expr, var: sympy.Symbol) -> sympy.Expr:
    """The terms of a sum that contain var: the others cancel in a difference quotient by var."""
    return Add(*(t for t in Add.make_args(expr) if var in t.free_symbols))


def _gaps(node: sympy.Expr) -> list[sympy.Expr] | None:
    """What is 0 at the kinks of `node` (None where that is not known)."""
    if isinstance(node, (sympy.Max, sympy.Min)):
        args = node.args
        return [args[i] - args[j] for i in range(len(args)) for j in range(i + 1, len(args))]
    if isinstance(node, Pow):
        return [node.base] if node.base.free_symbols else [node.exp]
    if isinstance(node, (*AT_ZERO, *AT_INTEGERS, sympy.atan2)):
        return [node.args[0]]
    return None


def _leaves_kinks(parts: Sequence[sympy.Expr], var: sympy.Symbol, point: Mapping) -> bool:
    """Whether every kinked part leaves its kink when var moves a little (either way) from the
    point: then a formula that holds off the kinks holds on the line near the point (the zeros of a
    function that is not identically 0 are isolated)."""
    h = sympy.Dummy("h", positive=True)
    for node in parts:
        gaps = _gaps(node)
        if gaps is None:
            return False
        for side in (1, -1):
            moved = dict(point)
            moved[var] = point[var] + side * h
            for gap in gaps:
                gap = gap.xreplace(moved)
                # Not 0 at some small h: not identically 0 on the line (a gap that is 0 there all along
                # may well be, and then the formula does not stand for the derivative beside the point).
                if not gap.has(h) or not _sign(_at(gap, h, sympy.Rational(1, 10**CONFIRM_DIGITS))):
                    return False
    return True


def label(wrt: Sequence[sympy.Symbol], name: str = "f") -> str:
    """∂f/∂x, ∂²f/∂y∂x, ∂²f/∂x²: the derivative by wrt[0], then wrt[1]..."""
    if len(wrt) == 1:
        return f"∂{name}/∂{wrt[0]}"
    names = [v.name for v in reversed(wrt)]
    if len(set(names)) == 1:
        return f"∂{_power(len(names))}{name}/∂{names[0]}{_power(len(names))}"
    return f"∂{_power(len(names))}{name}/" + "".join(f"∂{n}" for n in names)


def _power(n: int) -> str:
    return "".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(d)] for d in str(n))


def derivative_at(f: sympy.Expr, wrt: Sequence[sympy.Symbol], formulas: Sequence[sympy.Expr],
                  point: Mapping[sympy.Symbol, sympy.Expr], name: str = "f",
                  kinked: Sequence[sympy.Expr] | None = None, numeric: bool = False):
    """∂/∂wrt[-1] … ∂/∂wrt[0] f at `point`, where formulas[k] is the rules' formula for the (k+1)-th
    derivative (which holds wherever no non-smooth part is at a kink). Exact where the value came
    from the definition, else the formula at the point (a float with `numeric`, skipping the
    exact form). Raises DomainError naming the point where the derivative does not exist or could
    not be decided. f must be defined at the point (the callers check). `kinked` are the parts of
    f and the formulas at a kink at the point (`kinks`), when already found."""
    # f's own variables are the caller's to check (a loss with thousands of them, once, not per partial).
    missing = sorted({s.name for s in free_symbols(formulas) if s not in point})
    if missing:
        raise DomainError(Words("error.point.missing", names=", ".join(missing), option=spelled("--at", "at=")))
    f = settled(f)  # limits of the function's value: SymPy takes them slowly through parts kept as typed
    if kinked is None:
        kinked = kinks([f], point)
    deltas = [node for node in kinked if isinstance(node, sympy.DiracDelta)]
    if deltas:
        # SymPy reads x*DiracDelta(x) at 0 as 0, but DiracDelta(0) is no number (the value at 0 of a
        # function that is 0 elsewhere is a distribution's business): f has no value there.
        raise DomainError(Words("error.delta", point=describe(point), delta=sympy.sstr(deltas[0])))
    return _derivative_at(f, tuple(wrt), tuple(formulas), point, name, kinked, numeric)


def _relevant(kinked: Sequence[sympy.Expr], variables: Iterable[sympy.Symbol]) -> list[sympy.Expr]:
    wanted = set(variables)
    return [node for node in kinked if node.free_symbols & wanted]


def _derivative_at(f, wrt, formulas, point, name, parts, numeric=False):
    k = len(wrt)
    if k == 0:
        return f.xreplace(point)
    var, what = wrt[-1], label(wrt, name)
    kinked = _relevant(parts, wrt)
    if not kinked:
        formula = formulas[k - 1]
        try:
            value = value_at(formula, point, what)
            return value if numeric else formula.xreplace(point)
        except DomainError:
            pass  # an undefined formula where f is smooth (sinc at 0): the definition decides
    if k > 1 and Add.make_args(f) != Add.make_args(_terms_with(f, var)):
        return _split(f, wrt, point, name, numeric)
    below = _derivative_at(f, wrt[:-1], formulas, point, name, parts)
    previous = f if k == 1 else formulas[k - 2]
    if k > 1:
        # The (k-1)-th formula stands for that derivative only off the kinks of its variables.
        earlier = _relevant(parts, wrt[:-1])
        if earlier and not _leaves_kinks(earlier, var, point):
            raise DomainError(Words("error.kink.undecided", label=what, point=describe(point), why=_why(earlier)))
    moving = _terms_with(previous, var)
    # The other terms do not change along the line: (g(a + t·e) - g(a))/t only needs the moving ones.
    still = (previous - moving).xreplace(point)
    exact = from_definition(moving, below - still, var, point, what, _why(kinked), of_f=k == 1)
    return value_at(exact, point, what) if numeric else exact


def _formulas(f: sympy.Expr, wrt: Sequence[sympy.Symbol]) -> list[sympy.Expr]:
    from .rules import derive

    out, current = [], f
    for v in wrt:
        current = derive(current, v).result
        out.append(current)
    return out


def _split(f, wrt, point, name, numeric):
    """A higher derivative at a kink, with f split into the terms that contain the last variable
    and the rest: the rest's lower derivative is the same all along that variable's line (if it
    exists at the point), so it adds 0; a kink in it (x**3*|x| in x**3*|x| + x*y, by x then y) then
    does not stand in the way."""
    var = wrt[-1]
    moving = _terms_with(f, var)
    still = f - moving
    lower = _formulas(still, wrt[:-1])
    kinked = kinks([still], point, wrt[:-1])
    if kinked:
        _derivative_at(still, wrt[:-1], tuple(lower), point, name, kinked)  # exists, or a DomainError
    formulas = _formulas(moving, wrt)
    return _derivative_at(moving, wrt, tuple(formulas), point, name, kinks([moving], point), numeric)


def derivative_value(f: sympy.Expr, wrt: Sequence[sympy.Symbol], formulas: Sequence[sympy.Expr],
                     point: Mapping[sympy.Symbol, sympy.Expr], name: str = "f",
                     kinked: Sequence[sympy.Expr] | None = None) -> float:
    """`derivative_at` as a float."""
    return derivative_at(f, wrt, formulas, point, name, kinked, numeric=True)


# ---------------------------------------------------------------------------------------------
# Differentiability (a gradient, a tangent plane, a stationary point)


def _continuous(expr: sympy.Expr, point: Mapping, variables: set) -> bool:
    """Whether expr is continuous at point: its parts at a kink there are all kinks of continuous
    functions (|u|, relu, Max, Min), and it is defined there."""
    if any(not isinstance(node, CONTINUOUS) for node in kinks([expr], point, variables)):
        return False
    try:
        value_at(expr, point)
    except DomainError:
        return False
    return True


def _smooth_and_vanishing(expr: sympy.Expr, point: Mapping, variables: set) -> bool:
    """expr has no kink at point, is 0 there and has a finite gradient there (so it is
    differentiable there)."""
    if kinks([expr], point, variables) or _is_zero(expr.xreplace(point)) is not True:
        return False
    try:
        for v in expr.free_symbols & variables:
            value_at(sympy.diff(expr, v), point)
    except DomainError:
        return False
    return True


def _flat_zero(expr: sympy.Expr, point: Mapping, variables: set) -> bool:
    """expr has no kink at point, and both it and its gradient are 0 there."""
    if not _smooth_and_vanishing(expr, point, variables):
        return False
    return all(_is_zero(sympy.diff(expr, v).xreplace(point)) is True for v in expr.free_symbols & variables)


def _differentiable(expr: sympy.Expr, point: Mapping, variables: set) -> bool:
    """A proof, by the structure of expr, that it is differentiable at point; False where none is
    found (which is not a proof of the contrary)."""
    present = expr.free_symbols & variables
    if not kinks([expr], point, present):
        try:
            for v in present:
                value_at(sympy.diff(expr, v), point)
        except DomainError:
            return False
        return True  # smooth there, with a finite gradient
    if len(present) == 1:
        # One variable: a derivative is all that differentiability asks.
        (var,) = present
        try:
            derivative_at(expr, (var,), (sympy.diff(expr, var),), point)
        except DomainError:
            return False
        return True
    if isinstance(expr, Add):
        return all(_differentiable(t, point, variables) for t in expr.args)
    if isinstance(expr, Mul):
        factors = [c for c in expr.args if c.free_symbols & variables]
        if all(_differentiable(c, point, variables) for c in factors):
            return True
        # g·h with h smooth and 0 at the point and g continuous there: (g·h)(a + v) =
        # g(a + v)·(∇h·v + o(v)) = g(a)·∇h·v + o(v).
        smooth = [c for c in factors if not kinks([c], point, variables)]
        rough = [c for c in factors if c not in smooth]
        return bool(smooth) and _smooth_and_vanishing(Mul(*smooth), point, variables) and \
            _continuous(Mul(*rough), point, variables)
    if isinstance(expr, (Abs, relu)) and _flat_zero(expr.args[0], point, variables):
        return True  # |u| ≤ |u(a + v)| = o(v) where u(a) = 0 and ∇u(a) = 0: the derivative is 0
    if isinstance(expr, Pow) and not _can_be_rough(expr):
        return _differentiable(expr.base, point, variables)
    if isinstance(expr, sympy.Function) and len(expr.args) == 1 and not _can_be_rough(expr):
        # φ(u) with φ smooth at u(a) (a finite φ') and u differentiable: the chain rule.
        (arg,) = expr.args
        u = sympy.Dummy("u")
        try:
            value_at(sympy.diff(expr.func(u), u).xreplace({u: arg.xreplace(point)}), {})
        except DomainError:
            return False
        return _differentiable(arg, point, variables)
    return False


def require_differentiable(f: sympy.Expr, variables: Sequence[sympy.Symbol], point: Mapping[sympy.Symbol, sympy.Expr],
                           name: str = "f", kinked: Sequence[sympy.Expr] | None = None) -> None:
    """Raise DomainError unless f is shown differentiable at point (as a function of `variables`),
    given that its partial derivatives exist there (the callers check them first). `kinked` as in
    `derivative_at`."""
    wanted, f = set(variables), settled(f)
    kinked = kinks([f], point, wanted) if kinked is None else _relevant(kinked, wanted)
    if not kinked or len(f.free_symbols & wanted) <= 1 or _differentiable(f, point, wanted):
        return
    raise DomainError(Words("error.not_smooth", name=name, point=describe(point), why=_why(kinked)))


__all__ = ["derivative_at", "derivative_value", "kinks", "label", "require_differentiable", "rough_parts"]
