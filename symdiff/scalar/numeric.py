"""Numbers from expressions: values at a point, with a clear `domain` error where there are none."""

from __future__ import annotations

from typing import Callable, Iterator, Mapping, Sequence

import mpmath
import sympy

from ..core.errors import DomainError, MissingValue, Words, reason_words, spelled
from ..core.limits import decimal_digits
from ..core.memo import STRICT_EQUALITY
from ..core.nodes import free_symbols
from .roots import odd_exponent, real_odd_power

# Digits carried while evaluating; results are reported as floats.
PRECISION = 30


def shown(value: sympy.Expr) -> str:
    """A value for a message: exact when short, else its first digits (x=1e310 is not 311 digits)."""
    text = sympy.sstr(value)
    if len(text) <= 40:
        return text
    if isinstance(value, sympy.Rational):
        # 1 + 10^-34 in six digits is 1.00000, which reads as the kink at 1 the point is beside
        whole = sympy.Integer(round(value))
        rest = value - whole
        if rest and abs(rest) < sympy.Rational(1, 10**5) * max(1, abs(whole)):
            return f"{whole} {'+' if rest > 0 else '-'} {sympy.sstr(sympy.N(abs(rest), 6))}"
    return sympy.sstr(sympy.N(value, 6))


def describe(point: Mapping[sympy.Symbol, sympy.Expr]) -> str:
    """x=0, y=1: a point as --at writes it."""
    return ", ".join(f"{s}={shown(v)}" for s, v in sorted(point.items(), key=lambda kv: kv[0].name))


def missing_value(missing: list[str], exprs, point, option: str = "--at") -> MissingValue:
    """The usage error for a point without a value for `missing`, with notes on the names it gives
    that the expressions lack (`--at x=1,y=2` for `3xy`: x and y are inside the name xy)."""
    from .notes import point_notes

    error = MissingValue(Words("error.point.missing", names=", ".join(missing),
                               option=spelled(option, option.lstrip("-") + "=")))
    error.notes = tuple(point_notes(exprs, [s.name for s in point], option))
    return error


_describe = describe


def _digits(value: sympy.Rational) -> int:
    """Extra digits that hold `value` exactly when a decimal can (1 + 10^-40: its denominator is
    2^a·5^b), so that beside a kink it keeps its side; 0 for an integer, and for a value no
    decimal holds (-1/3), which more digits would only move off a singular point (asin at 1)."""
    q = int(value.q)
    rest = q >> ((q & -q).bit_length() - 1)  # q without its factors 2
    while rest % 5 == 0:
        rest //= 5
    return decimal_digits(value.p) + decimal_digits(q) if q != 1 and rest == 1 else 0


def _integer_digits(value: sympy.Rational) -> int:
    """The digits of `value`'s integer part beyond the first (0 below 10 in size)."""
    whole = abs(int(value))
    return decimal_digits(whole) - 1 if whole >= 10 else 0


def value_at(expr: sympy.Expr, point: Mapping[sympy.Symbol, sympy.Expr], what: str | None = None) -> float:
    """The real value of `expr` at `point`, or a `DomainError` saying why there is none. `what` names
    `expr` in that error (a derivative's symbol, or `Words`: default "the result")."""
    what = Words("error.what.result") if what is None else what
    missing = sorted(s.name for s in free_symbols([expr]) if s not in point)
    if missing:
        raise missing_value(missing, [expr], point)
    found = quick_unreal_part(expr, point)
    if found is not None and not _quickly_real(expr, point):
        # the whole is not real either: said of the whole, as the exact evaluation below says it
        raise DomainError(Words("error.value.not_real", what=what, point=describe(point)))
    _refuse_unreal_part(found, point, what)
    try:
        # Floats, not exact values: x**5000 at x = 10**900 must not build a 4.5-million-digit integer.
        # Irrational values (pi/2) stay exact, so that cos(pi/2) is 0 and not 1e-32.
        # Each rational keeps all its digits (1 + 10^-40 is not 1: sign(x - 1) there is 1, not 0), with
        # PRECISION more for what the expression then computes.
        # A large value keeps its integer digits too, and all of them are needed at once where values
        # multiply (x·y): cos(10^300) depends on 10^300 to the last unit, and 30 significant digits
        # of it gave 0.467415 for −0.168214.
        digits = PRECISION + max((_digits(v) for v in point.values() if v.is_Rational), default=0) \
            + sum(_integer_digits(v) for v in point.values() if v.is_Rational)
        floats = {s: sympy.Float(v, digits) if v.is_Rational else v for s, v in point.items()}
        parts = replaced_parts(expr, floats)
        value = sympy.N(parts[expr][0], digits)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, ArithmeticError, RecursionError) as exc:
        raise DomainError(Words("error.value.evaluate", what=what, point=describe(point), reason=reason_words(exc))) from None
    if value.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan) or not value.is_number:
        raise DomainError(Words("error.value.undefined", what=what, point=describe(point)))
    try:
        real, imag = value.as_real_imag()
        real, imag = float(real), float(imag)
    except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError):
        # What evalf leaves without digits (DiracDelta(0), a function at its pole) is no number.
        raise DomainError(Words("error.value.undefined", what=what, point=describe(point))) from None
    if abs(imag) > 1e-12 * max(1.0, abs(real)):
        raise DomainError(Words("error.value.not_real", what=what, point=describe(point)))
    if real != real or real in (float("inf"), float("-inf")):
        raise DomainError(Words("error.value.too_large", what=what, point=describe(point)))
    _require_real_parts(expr, parts, point, what, digits)
    if real != 0 and abs(real) < NOISE and _exactly_zero(expr, point):
        return 0.0  # 1.08533e-165 from cancelling digits, where the exact value is 0
    return real


# Below this a value may be what is left of cancelling digits (PRECISION of them, and more for a
# point such as 1 + 10^-40): it is then evaluated exactly, where that is quick.
NOISE = 1e-20
# The most nodes an expression may have to be evaluated exactly for that.
EXACT_NODES = 400


def _exactly_zero(expr: sympy.Expr, point: Mapping) -> bool:
    """Whether expr is exactly 0 at a point of exact values (rationals, π), as far as SymPy proves it."""
    from ..core.nodes import count_nodes

    if any(not v.is_number or v.has(sympy.Float) for v in point.values()) or count_nodes(expr, EXACT_NODES) > EXACT_NODES:
        return False
    try:
        exact = expr.xreplace(dict(point))
        return exact.is_zero is True or sympy.expand(exact) == 0 or exact.equals(0) is True
    except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError, NotImplementedError):
        return False


def _not_real(value: sympy.Expr, digits: int) -> str | None:
    """Why a part's value is no real number ("undefined", "not_real"), or None where it is one."""
    if value.is_Float or value.is_Rational:
        return None
    if value.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        return "undefined"
    if value.is_extended_real:
        return None
    try:
        real, imag = (float(v) for v in sympy.N(value, digits).as_real_imag())
    except (TypeError, ValueError, ArithmeticError, AttributeError, RecursionError):
        return "undefined"
    if real != real or imag != imag:
        return "undefined"
    return "not_real" if abs(imag) > 1e-12 * max(1.0, abs(real)) else None


def unreal_part(parts: dict, digits: int = 15) -> tuple[sympy.Expr, str] | None:
    """The innermost part, as typed, of an expression replaced at a point (`replaced_parts`) that has
    no real value there, and why ("undefined", "not_real"); None where every part is real. A real
    total does not make f real: e^(ln x) at x = -1 is e^(iπ) = -1, (√x)² at -4 is (2i)² = -4, (∛x)³
    at -8 is -8 through the principal (complex) cube root, which is how symdiff reads x^(1/3), as
    SymPy does. In real calculus none of them is defined there."""
    for node, (value, changed) in parts.items():  # children before their parents: innermost first
        if not changed or not isinstance(node, (sympy.Pow, sympy.Function)) or not isinstance(value, sympy.Expr):
            continue
        why = _not_real(value, digits)
        if why is not None:
            return node, why
    return None


# quick_unreal_part gives up (the exact check decides) where a value would pass about e**QUICK_BOUND.
QUICK_BOUND = 10_000


def quick_unreal_part(expr: sympy.Expr, point: Mapping, digits: int = 30) -> tuple[sympy.Expr, str] | None:
    """`unreal_part`'s answer found in floating point, where it is clear: the innermost power or
    function, as typed, whose value at point has an imaginary part (beyond rounding), and why; None
    where none was found so (the exact check then decides). Exact evaluation of a nest whose parts are
    complex is exponential in its depth (ln of ln of … of 2: 15 s at ten levels, SymPy's evalf of
    each complex logarithm), and such a nest has no real value: this finds that in microseconds."""
    if not point or not all(_is_number(v) for v in point.values()):
        return None
    symbols = list(point)
    try:
        program, _ = _program(expr, {s: i for i, s in enumerate(symbols)}, digits)
        with mpmath.workdps(digits):
            xs = [mpmath.mpmathify(sympy.N(point[s], digits)) for s in symbols]
            # bounded: e to a huge argument (a tower of exp at x = 3) takes mpmath minutes
            _run(program, xs, symbols, digits, QUICK_BOUND, real=True)
    except NotReal as exc:
        return exc.node, "not_real"
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, ArithmeticError, RecursionError, KeyError):
        return None  # undefined somewhere, or beyond mpmath: the exact check says which
    return None


def _is_number(value) -> bool:
    # no sympify: a point's values are parsed SymPy numbers or Python numbers, never text
    if isinstance(value, sympy.Basic):
        return bool(value.is_number)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _quickly_real(expr: sympy.Expr, point: Mapping, digits: int = 30) -> bool:
    """Whether expr's total at point is real in floating point (False where that cannot be said)."""
    symbols = list(point)
    try:
        value = evaluator(expr, symbols, digits=digits, bound=QUICK_BOUND)([sympy.N(point[s], digits) for s in symbols])
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, ArithmeticError, RecursionError, KeyError):
        return False
    return not _unreal(value)


def _require_real_parts(expr: sympy.Expr, parts: dict, point, what, digits: int) -> None:
    """Raise a DomainError naming the innermost part of expr with no real value at point."""
    _refuse_unreal_part(unreal_part(parts, digits), point, what)


def _refuse_unreal_part(found: tuple | None, point, what) -> None:
    if found is not None:
        from ..render.notation import unicode  # a message a person reads: √x, ln(x), not sqrt/log

        node, why = found
        raise DomainError(Words(f"error.value.part.{why}", what=what, point=describe(point), part=unicode(node)))


def children_first(root, expand: Callable) -> Iterator:
    """Each distinct node under `root` once, after the nodes `expand(node)` names (its arguments, or
    fewer where the caller takes a node whole). Iterative: a deep nest needs no recursion, and a part
    shared a thousand times is visited once."""
    done: set = set()
    stack = [root]
    while stack:
        node = stack[-1]
        if node in done:
            stack.pop()
            continue
        waiting = [a for a in expand(node) if a not in done]
        if waiting:
            stack.extend(waiting)
            continue
        stack.pop()
        done.add(node)
        yield node


def replaced(expr: sympy.Basic, rule: Mapping) -> sympy.Basic:
    """`expr.xreplace(rule)`, building each distinct subexpression once. A derivative shares its
    parts (depth 80 of x*sin(x + x*sin(…)): 33 000 nodes as a tree, a few hundred distinct), and
    xreplace rebuilds, and with floats evaluates, every copy. Iterative: deep nests need no recursion."""
    if not STRICT_EQUALITY or not isinstance(expr, sympy.Basic):
        return expr.xreplace(rule)
    return replaced_parts(expr, rule)[expr][0]


def replaced_parts(expr: sympy.Basic, rule: Mapping) -> dict:
    """`replaced`'s work: each distinct node of expr, children first, with (what it becomes, whether
    anything in it was replaced)."""
    if not STRICT_EQUALITY or not isinstance(expr, sympy.Basic):
        return {expr: (expr.xreplace(rule), True)}
    def own(node) -> bool:  # a class with an _xreplace of its own: as it says, whole
        return type(node)._xreplace is not sympy.Basic._xreplace

    def expand(node):
        if node in rule or own(node):
            return ()
        return [a for a in node.args if hasattr(a, "_xreplace")]

    done: dict = {}  # node: (what it becomes, whether anything in it was replaced), as Basic._xreplace
    for node in children_first(expr, expand):
        if node in rule:
            done[node] = (rule[node], True)
        elif own(node):
            done[node] = node._xreplace(rule)
        else:
            parts = [done[a] if hasattr(a, "_xreplace") else (a, False) for a in node.args]
            if any(changed for _, changed in parts):
                done[node] = (_built(node, [a for a, _ in parts]), True)
            else:
                done[node] = (node, False)
    return done


def _built(node: sympy.Basic, args: list) -> sympy.Basic:
    """node.func(*args), but an odd root of a negative number as the real root (∛(-8) = -2)."""
    if isinstance(node, sympy.Pow) and args[1] == node.exp:
        real = real_odd_power(args[0], node.exp)
        if real is not None:
            return real
    return node.func(*args)


# Functions `evaluator` computes with mpmath (the same principal branches as SymPy's); any other node
# is handed to SymPy's evalf whole.
_MPMATH = {sympy.exp: mpmath.exp, sympy.log: mpmath.log, sympy.sin: mpmath.sin, sympy.cos: mpmath.cos,
           sympy.tan: mpmath.tan, sympy.cot: mpmath.cot, sympy.sec: mpmath.sec, sympy.csc: mpmath.csc,
           sympy.asin: mpmath.asin, sympy.acos: mpmath.acos, sympy.atan: mpmath.atan, sympy.sinh: mpmath.sinh,
           sympy.cosh: mpmath.cosh, sympy.tanh: mpmath.tanh, sympy.asinh: mpmath.asinh,
           sympy.acosh: mpmath.acosh, sympy.atanh: mpmath.atanh, sympy.Abs: abs}
# Those whose value grows as fast as e to their argument: what `bound` watches.
_GROWING = {mpmath.exp, mpmath.sinh, mpmath.cosh}


class TooLarge(OverflowError):
    """A value on the way is past e**bound: evaluating it exactly would take a computer's lifetime
    (exp(exp(exp(exp(3)))) has about 10**(10**8) digits)."""


def evaluator(expr: sympy.Expr, symbols: Sequence[sympy.Symbol], *, digits: int = PRECISION,
              bound: float | None = None, real: bool = False) -> Callable[[Sequence], object]:
    """`expr` as a function of the symbols' values (numbers, in `symbols`' order) to an mpmath number,
    computed at `digits` digits. The tree is read once into a program of its distinct nodes, so each
    call is arithmetic on numbers: no SymPy expression is built (substituting and evalf rebuild the
    whole tree at every point, which dominated a 10 000-step descent), and nothing is ever compiled
    or executed as code. A node mpmath has no function for is evaluated by SymPy's evalf. With
    `bound`, a value whose size would pass about e**bound raises `TooLarge` before it is computed.
    With `real`, a power or function with no real value on the way raises `NotReal` (a ValueError),
    even where the total is real (e^(ln x) at x = -1 is e^(iπ) = -1; in real calculus it is undefined
    there). Errors are mpmath's: ZeroDivisionError, ValueError, OverflowError."""
    index = {s: i for i, s in enumerate(symbols)}
    program, slot = _program(expr, index, digits)

    def value(point: Sequence):
        with mpmath.workdps(digits):
            return _run(program, [mpmath.mpmathify(v) for v in point], symbols, digits, bound, real)[slot]

    return value


class NotReal(ValueError):
    """A part of the expression, `node`, has no real value at the point."""

    def __init__(self, node: sympy.Basic):
        super().__init__("not real")
        self.node = node


def _run(program: list, xs: list, symbols, digits: int, bound, real: bool) -> list:
    """The value of every step of `program` at the point `xs` (inside the caller's workdps)."""
    values: list = []
    for kind, payload, args, node in program:
        values.append(_step(kind, payload, [values[a] for a in args], xs, symbols, digits, bound))
        if real and kind in ("pow", "call", "sympy") and _unreal(values[-1]):
            raise NotReal(node)
    return values


def _program(expr, index: Mapping, digits: int) -> tuple[list, int]:
    """expr's distinct nodes in an order where each comes after its arguments, as (kind, payload,
    argument slots, node), and the slot of expr."""
    program: list = []
    slots: dict = {}
    variable = _with_symbols(expr)
    leaves: dict = {}

    def expand(node):
        if node not in leaves:
            leaves[node] = _leaf(node, index, digits, node in variable)
        return () if leaves[node] is not None else node.args

    for node in children_first(expr, expand):
        slots[node] = len(program)
        leaf = leaves[node]
        if leaf is not None:
            program.append((*leaf, node))
            continue
        # isinstance, not is_Pow: a power kept as typed ((√x)²) is no is_Pow to SymPy's code
        kind = "add" if node.is_Add else "mul" if node.is_Mul else "pow" if isinstance(node, sympy.Pow) else "call"
        payload = _MPMATH[node.func] if kind == "call" else node.exp if kind == "pow" and odd_exponent(node.exp) else None
        program.append((kind, payload, [slots[a] for a in node.args], node))
    return program, slots[expr]


def _with_symbols(expr) -> set:
    """The distinct nodes of expr that hold a symbol, found children first. Asking each node for its
    free_symbols walks its whole subtree again: quadratic, a minute for x·sin(x + …) 160 deep."""
    found: set = set()
    for node in children_first(expr, lambda node: node.args):
        if node.is_Symbol or any(a in found for a in node.args):
            found.add(node)
    return found


def _leaf(node, index: Mapping, digits: int, has_symbols: bool):
    """The program step of a node evaluated whole (a symbol, a constant, a node for evalf), else None."""
    if node in index:
        return ("symbol", index[node], [])
    if not has_symbols:
        return ("constant", sympy.N(node, digits), [])
    if node.is_Add or node.is_Mul or isinstance(node, sympy.Pow) or (node.func in _MPMATH and len(node.args) == 1):
        return None
    return ("sympy", node, [])


def _step(kind: str, payload, args: list, xs: list, symbols, digits: int, bound):
    if kind == "symbol":
        return xs[payload]
    if kind == "constant":
        return _number(payload)
    if kind == "add":
        return mpmath.fsum(args)
    if kind == "mul":
        return mpmath.fprod(args)
    if kind == "pow":
        base, exponent = args
        if bound is not None and base != 0 and abs(mpmath.log(abs(base)) * exponent) > bound:
            raise TooLarge()
        if payload is not None and not isinstance(base, mpmath.mpc) and base < 0:  # the real odd root
            magnitude = mpmath.power(-base, exponent)
            return -magnitude if payload.p % 2 else magnitude
        return mpmath.power(base, exponent)
    if kind == "call":
        (argument,) = args
        if bound is not None and payload in _GROWING and abs(mpmath.re(argument)) > bound:
            raise TooLarge()
        return payload(argument)
    point = {s: sympy.Float(x, digits) for s, x in zip(symbols, xs)}
    return _number(sympy.N(payload.xreplace(point), digits))


def _unreal(value) -> bool:
    return isinstance(value, mpmath.mpc) and abs(value.imag) > 1e-12 * max(1, abs(value.real))


def _number(value: sympy.Expr):
    """A SymPy number as mpmath's (ValueError where it is none: zoo, nan, an unevaluated call)."""
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not value.is_number:
        raise ValueError("undefined")
    real, imag = value.as_real_imag()
    if not (real.is_Number and imag.is_Number):
        raise ValueError("undefined")
    real, imag = (mpmath.mpf(sympy.Float(part, mpmath.mp.dps)._mpf_) for part in (real, imag))
    return real if imag == 0 else mpmath.mpc(real, imag)
