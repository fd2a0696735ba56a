"""What the Python API accepts, turned into symdiff's SymPy objects.

Every public function that takes an expression, a variable, a point or a number passes it through
here, so the rules are the same everywhere and no argument reaches SymPy's `sympify`: a string
given to `sympify` (or to `subs`, `diff`, `nsimplify`, which sympify their arguments) is run as
Python code, so a value in a data file such as `"__import__('os').system(...)"` would execute.
Strings are read by symdiff's own parser instead; numbers are converted exactly; SymPy objects
have their symbols mapped to symdiff's (real) symbols of the same name, so `sympy.Symbol('x')**2`
differentiates by `x` like the text `x**2` does.

Anything else raises `InputTypeError`, which is both a `TypeError` (the Python convention for a
wrong argument type) and a `SymdiffError` of type `syntax` (so a batch or a data record reports it
like any other bad input, never as an internal error).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import sympy
from sympy.core.function import AppliedUndef

from ..core.errors import InputTypeError, LimitError, ParseError, SymdiffError, UsageError, Words, spelled  # noqa: F401  (InputTypeError: its old home)
from ..core.arguments import plain, plain_arguments  # noqa: F401  (the API's, re-exported)
from ..core.limits import DEFAULT_LIMITS, decimal_digits
from ..core.nodes import atoms, free_symbols
from .parsing import over_limit, parse, parse_point, parse_variable, split_top_level, symbol


def _kind(value: object) -> str:
    return type(value).__name__


def _within_digits(what: str, *integers: int) -> None:
    """Refuse an exact number past the parser's limit on digits, as the same number typed would be:
    x at 1/10**2000000 evaluates for minutes. Counted from bit lengths (str() of such an int raises)."""
    limit = DEFAULT_LIMITS.max_number_digits
    digits = max(decimal_digits(n) for n in integers)
    if digits > limit:
        raise LimitError(f"{what} has about {digits} digits, over the limit of {limit}", 1)


def to_number(value: object, what: str = "the value", variables: Sequence[str] = ()) -> sympy.Expr:
    """An exact real number: an int, a float (read as its shortest decimal, 0.1 → 1/10), a
    Fraction, a Decimal, a string such as "pi/2" (read by symdiff's parser), or a SymPy number.

    Raises `InputTypeError` for other types (bool included), `ParseError` for text that is not a
    number, `SymdiffError` (type `domain`) for an infinite or NaN float."""
    if isinstance(value, bool):
        raise InputTypeError(f"{what} must be a number, not {value!r}")
    if isinstance(value, int):
        _within_digits(what, value)
        return sympy.Integer(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SymdiffError(f"{what} must be a finite number, not {value!r}", type="domain")
        # repr gives the shortest decimal that round-trips: 0.1 is 1/10, as the text "0.1" would be
        # (of the float itself: numpy's float64 is a float whose repr is np.float64(0.1)).
        return sympy.Rational(repr(float(value)))
    if isinstance(value, Fraction):
        _within_digits(what, value.numerator, value.denominator)
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise SymdiffError(f"{what} must be a finite number, not {value}", type="domain")
        # before as_integer_ratio: Decimal("1e-5000000") is a 5-million-digit denominator
        sign, digits, exponent = value.as_tuple()
        limit = DEFAULT_LIMITS.max_number_digits
        if len(digits) > limit or abs(exponent) > limit:
            raise LimitError(f"{what} has {max(len(digits), abs(exponent))} digits (the zeros of its power of ten "
                             f"counted), over the limit of {limit}", 1)
        numerator, denominator = value.as_integer_ratio()
        return sympy.Rational(numerator, denominator)
    if isinstance(value, str):
        try:
            number = parse(value, variables)
        except ParseError as exc:
            raise type(exc)(Words("error.in", what=what, error=exc.message), exc.column) from None
    elif isinstance(value, sympy.Expr):
        _within_limits(value)
        _refuse_foreign(value, what)
        number = value
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):  # numpy's integers
        return to_number(int(value), what, variables)
    elif isinstance(value, numbers.Real) and type(value).__module__.startswith("numpy"):  # float32, float16
        return to_number(float(value), what, variables)
    else:
        raise InputTypeError(f"{what} must be a number or a string such as \"pi/2\", not {_kind(value)}")
    if number.free_symbols:
        raise ParseError(f"{what} must be a number, not {sympy.sstr(number)}", 1)
    return number


def _symbol_named(name: str) -> sympy.Symbol:
    """symdiff's symbol for a SymPy Symbol's name, which must be a name the parser reads as a variable:
    Symbol("") or Symbol("x y") would print as something that does not read back (or crash on the way)."""
    try:
        return parse_variable(name)
    except ParseError as exc:
        raise ParseError(f"a SymPy Symbol named {name!r} is not a variable symdiff can read: {exc.message}",
                         None) from None


def to_float(value: object, what: str) -> float:
    """A Python number as a float for a numeric setting (lr, tol): True is not 1, "0.1" is not a
    number, and an int past the float range (10**400) is a ValueError, not an OverflowError."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction, Decimal)):
        raise InputTypeError(f"{what} must be a number, not {value!r}"[:200])
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{what} must be a finite number; this one is beyond the floating-point range "
                         f"(about ±1.8e308)") from None


def to_count(value: object, what: str) -> int:
    """A whole number for a count (steps): an int, not True, 1.5 or "10"."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputTypeError(f"{what} must be an int, not {value!r}"[:200])
    return value


def to_symbol(var: object) -> sympy.Symbol:
    """symdiff's symbol for a variable given as a name ("x") or as any SymPy Symbol named x."""
    if isinstance(var, str):
        return parse_variable(var)
    if isinstance(var, sympy.Symbol):
        return _symbol_named(var.name)
    raise InputTypeError(f"a variable must be a name such as \"x\" or a SymPy Symbol, not {_kind(var)}")


def to_names(names: object, what: str = "vars") -> list[str]:
    """Variable names from "x,y", ["x", "y"] or SymPy Symbols; () for None. A name given twice is a
    usage error: a variable listed twice is a second row and column of zeros (x, x, y: ∂²f/∂x² = 0)."""
    if names is None:
        return []
    if isinstance(names, str):
        out = [part.strip() for _, part in split_top_level(names, ",") if part.strip()]
    elif isinstance(names, sympy.Symbol) or not isinstance(names, Sequence):
        raise InputTypeError(f"{what} must be a list of names such as [\"x\", \"y\"] or the text \"x,y\", "
                             f"not {_kind(names)}")
    else:
        out = [to_symbol(name).name for name in names]
    twice = sorted({name for name in out if out.count(name) > 1})
    if twice:
        flag = spelled(f"--{what}", f"{what}=") if what in ("vars", "var") else what
        raise UsageError(Words("error.variables.twice", option=flag, names=", ".join(twice)))
    return out


# What a SymPy expression from the caller's code must not contain: calculus here is of real
# functions, and these are not numbers (nan, oo, zoo), not real (I), or not an expression at all.
_NOT_A_NUMBER = (sympy.core.numbers.NaN, sympy.core.numbers.Infinity, sympy.core.numbers.NegativeInfinity,
                 sympy.core.numbers.ComplexInfinity)


def _refuse_foreign(expr: sympy.Basic, what: str) -> None:
    """Refuse what the parser would never build: a Lambda (a function, not a value of one: its
    derivative by x was silently 0), nan and the infinities (d(nan)/dx was 0), the imaginary unit."""
    if isinstance(expr, sympy.Lambda) or atoms(expr, sympy.Lambda):
        raise InputTypeError(f"{what} contains a SymPy Lambda, which is a function, not an expression: "
                             f"apply it to its variables (f(x)) or give its body")
    for applied in atoms(expr, AppliedUndef):
        # f(x) of the user's own function: its name is printed into every format (an HTML page, a
        # LaTeX document), so it must be a name the parser reads, as a Symbol's must
        try:
            parse_variable(applied.func.__name__)
        except ParseError as exc:
            raise ParseError(f"a SymPy Function named {applied.func.__name__!r} is not a name symdiff can read: "
                             f"{exc.message}", None) from None
    bad = atoms(expr, *_NOT_A_NUMBER)
    if bad:
        raise SymdiffError(f"{what} contains {sympy.sstr(next(iter(bad)))}, which is not a number",
                           type="domain")
    if atoms(expr, sympy.core.numbers.ImaginaryUnit):
        raise SymdiffError(f"{what} contains the imaginary unit I: calculus here is over the reals",
                           type="domain")


def _within_limits(expr: sympy.Basic, limits=DEFAULT_LIMITS) -> None:
    """Refuse a SymPy object over the limits the parser holds text to: x**(10**10) handed to the API
    skipped the exponent limit and took 4 GB, 10**100000 the digit limit. Each distinct node once,
    and the nesting counted without recursion (a deep object must not exhaust the stack here)."""
    height: dict[int, int] = {}
    stack = [(expr, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in height and not done:
            continue
        if not done:
            words = over_limit(node, limits)
            if words is not None:
                raise LimitError(words)
            stack.append((node, True))
            stack.extend((a, False) for a in node.args if id(a) not in height)
            continue
        height[key] = 1 + max((height.get(id(a), 0) for a in node.args), default=0)
        # A level of the parser's nesting is up to four of the tree's (x*sin(x + …): Mul, sin, Add):
        # what the parser may build, an object may be.
        if height[key] > 4 * limits.max_depth:
            raise LimitError(Words("error.limit.nested"))


def _ours(expr: sympy.Basic) -> sympy.Basic:
    """`expr` with each of its symbols replaced by symdiff's symbol of that name: a user's plain
    `Symbol('x')` is a different symbol from symdiff's real `x`, and differentiating by one would
    hold the other constant (answer 0)."""
    mapping = {s: _symbol_named(s.name) for s in free_symbols([expr]) if isinstance(s, sympy.Symbol)}
    mapping = {s: t for s, t in mapping.items() if s != t}
    return expr.xreplace(mapping) if mapping else expr


def to_expr(expr: object, variables: Sequence[str] = ()) -> sympy.Expr:
    """A scalar expression from text (symdiff's parser), a number, or a SymPy expression."""
    if isinstance(expr, str):
        return parse(expr, variables)
    if isinstance(expr, sympy.Expr):
        _within_limits(expr)
        _refuse_foreign(expr, "the expression")
        return _ours(expr)
    if isinstance(expr, sympy.Basic):
        raise InputTypeError(f"expected a scalar expression, not a SymPy {_kind(expr)}")
    if isinstance(expr, (int, float, Fraction, Decimal)) and not isinstance(expr, bool):
        return to_number(expr, "the expression")
    raise InputTypeError(f"expected an expression string or a SymPy expression, not {_kind(expr)}")


def to_point(at: object, variables: Sequence[str] = ()) -> dict[sympy.Symbol, sympy.Expr] | None:
    """A point from "x=1,y=pi/2" or a mapping {"x": 1, "y": "pi/2"} (keys names or Symbols, values as
    `to_number` takes them); None stays None."""
    if at is None:
        return None
    if isinstance(at, str):
        return parse_point(at, variables)
    if not isinstance(at, Mapping):
        raise InputTypeError(f"a point must be text such as \"x=1,y=2\" or a mapping such as "
                             f"{{\"x\": 1, \"y\": 2}}, not {_kind(at)}")
    point: dict[sympy.Symbol, sympy.Expr] = {}
    for key, value in at.items():
        sym = to_symbol(key)
        if sym in point:
            raise ParseError(f"{sym} is given twice", None)
        point[sym] = to_number(value, f"the value of {sym}", variables)
    return point
