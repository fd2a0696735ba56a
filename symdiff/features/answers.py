"""Checking a student's answer: is it equal to the derivative, and if not, what went wrong?

Equality is decided soundly. `right` needs a proof: the difference simplifies to 0 (expanded,
cancelled, simplified with real variables, or after rewriting in exp or log). `wrong` needs a point
where the difference is provably not 0: the variables are set to simple rationals (1/2, 3, -2, 1/3...)
and the difference is evaluated exactly, or, where its value is transcendental, enclosed by interval
arithmetic at rising precision (up to DIGITS digits), so a difference of 10**-999 is as wrong as one
of 1, and sin(10**30) is no harder than sin(1). No floating tolerance decides anything, and a point
where nothing could be told is not counted as agreeing. When neither settles it (the difference is
0 at every point tried but no simplification shows it), the comparison is inconclusive: agreement
at points is not a proof.

A wrong answer is compared with variations of the step tree that make one classic mistake each (a
chain factor dropped, a sign flipped, the power rule applied to an exponential...) to name the
mistake.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Mapping

import mpmath
import sympy

from ..core.arguments import plain_arguments
from ..core.errors import Words
from ..core.formula import Applied, Equation, Minus, Plus, Prime, Product, Times
from ..core.limits import decimal_digits
from ..core.notebook import Notebook
from ..core.parsing import keys_once
from ..scalar import rules
from ..scalar.numeric import TooLarge, evaluator, replaced
from ..scalar.smoothness import kinks, rough_parts
from ..scalar.steps import Step

# Candidate points tried, and how many usable ones (the function real and defined there) are enough.
ATTEMPTS = 200
POINTS = 12
# Points a student can check by hand come first (x = 1/2, y = 3, z = -2 for the first); each
# variable gets a different one. Thirds, fifths and sevenths are among them: at halves and quarters
# alone a periodic term such as sin(1000000·π·x)/1000 is 0 at every point, and an answer with it added
# agreed everywhere tried.
SIMPLE = tuple(sympy.Rational(v) for v in ("1/2", "3", "-2", "1/3", "3/2", "-1/2", "2/3", "2", "5/2", "-3/2",
                                           "3/7", "1/4", "-3", "2/5", "7/2", "-1/3", "5/4", "-1/4", "4/3",
                                           "4", "-5/2", "3/4", "-2/7", "5/3"))
# Denominators of the random points: powers of 2 and odd primes, so that no one period (sin(N·π·x)
# is 0 wherever N·x is an integer) hides a difference at all of them.
DENOMINATORS = (2, 3, 4, 5, 7, 8, 11, 13, 16, 17, 19, 23, 29, 31, 32, 37, 41, 43, 47, 64)
# Simple points tried before the random ones begin to alternate with them.
SIMPLE_ALONE = 6
# The most digits evalf may work with to tell a difference from 0 (10**-999 needs over 1000).
DIGITS = 1500
# Expressions bigger than this are not simplified (simplify can run for minutes on them).
SIMPLIFY_OPS = 200
# Usable points tried before any simplification: a wrong answer usually differs at the first, and
# simplify can take minutes on an answer it cannot prove (the chain of exp(exp(exp(exp(x)))) with a
# factor dropped), where evaluation takes milliseconds. Enough of them to reach a random point (see
# _points): a periodic term (sin(2^40·3^20·π·x)/1000 added) is 0 at every simple one.
FIRST_POINTS = SIMPLE_ALONE + 2
# A point where a value on the way would pass about e**GROWTH is skipped: exact evaluation there never
# ends (exp(exp(exp(exp(3)))) has about 10**(10**8) digits, x^x^x^x at 3 is 3^(3^27)), and a
# number of over 4000 digits is no point a student checks by hand.
GROWTH = 10_000


def _unordered(expr: sympy.Basic):
    """`expr`'s tree with the order of terms and factors forgotten: two trees with the same key differ
    only in the order they were written."""
    if not expr.args:
        return expr
    if expr.is_Pow and expr.base is sympy.E:  # e^(2x) typed is exp(2x) read: one thing, two spellings
        return (sympy.exp, (_unordered(expr.exp),))
    keys = [_unordered(a) for a in expr.args]
    if expr.is_Add or expr.is_Mul:
        return (expr.func, tuple(sorted(keys, key=str)))
    return (expr.func, tuple(keys))


@dataclass
class Comparison:
    """equal: True proved equal, False a point where they provably differ, None neither (or no
    usable point, when `points` is 0)."""

    equal: bool | None
    method: str  # "symbolic" (a proof) or "numeric" (evaluation at points)
    points: int = 0  # points where the two were evaluated and no difference was found
    counterexample: dict | None = None
    # A point where a is real but b, as typed, is not (2·e^(ln x) for 2x at x = -2): b equals a at
    # most on a part of a's domain. {"at": [x = -2 as Conditions], "correct": a there}
    narrower: dict | None = None
    # points where both were evaluated but whether they differ could not be told (a constant such as
    # sin(10**3000) needs more precision than DIGITS): evidence of nothing, so not among `points`
    undecided: int = 0
    # Equal wherever a step's argument is not 0, and there only a convention tells them apart (relu′ is
    # H(x) with H(0) = 0, the answer Heaviside(x) takes 1/2): {"where", "step", "correct", "answer"}
    convention: dict | None = None


def _proved_zero(difference: sympy.Expr) -> bool:
    """Does difference simplify to 0? Each transformation is an identity, so 0 is a proof. The
    variables are real (answers are compared where the function is real), which lets
    sqrt(x**2) be |x|."""
    if difference == 0 or sympy.expand(difference) == 0:
        return True
    if sympy.count_ops(difference) > SIMPLIFY_OPS:
        return False
    real = difference.xreplace({s: sympy.Dummy(s.name, real=True) for s in difference.free_symbols})
    if _becomes_zero(sympy.cancel, real) or _becomes_zero(sympy.simplify, real):
        return True
    # In other terms (trig and hyperbolic as exp, inverses as log, |x| as x·sign(x)) an identity
    # simplify misses can become plain algebra.
    for target in (sympy.exp, sympy.log, sympy.sign):
        rewritten = _attempt(lambda e: e.rewrite(target), real)
        if rewritten is not None and rewritten != real and _becomes_zero(sympy.simplify, rewritten):
            return True
    return False


def _attempt(transform, expr):
    try:
        return transform(expr)
    except (TypeError, ValueError, AttributeError, NotImplementedError, RecursionError, ArithmeticError):
        return None


def _becomes_zero(transform, expr) -> bool:
    return _attempt(transform, expr) == 0


def _points(order: list[sympy.Symbol], seed: int) -> Iterator[dict]:
    """Candidate points: the first SIMPLE_ALONE simple ones, then the other simple ones each followed
    by a random rational (never 0) over DENOMINATORS, then random ones only, some all positive. The
    random ones come early, as the simple ones' denominators are all small: sin(210·π·x) is 0 at each."""
    if not order:
        yield {}
        return
    rng = random.Random(seed)
    drawn = (_random_point(order, rng, attempt) for attempt in range(ATTEMPTS))
    n = len(SIMPLE)
    for i in range(n):
        yield {s: SIMPLE[(i + j) % n] for j, s in enumerate(order)}
        if i >= SIMPLE_ALONE - 1:
            yield next(drawn)
    yield from drawn


def _random_point(order: list[sympy.Symbol], rng: random.Random, attempt: int) -> dict:
    scale = (2, 5, 1, 30)[attempt % 4]  # now and then far out: sqrt(x - 9) is real only there
    positive = attempt // 4 % 2 == 0  # where log(x) and x**y are real
    point = {}
    for s in order:
        q = rng.choice(DENOMINATORS)
        p = rng.randint(1, scale * q)
        point[s] = sympy.Rational(p if positive or rng.random() < 0.5 else -p, q)
    return point


_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)
_ERRORS = (TypeError, ValueError, ZeroDivisionError, OverflowError, ArithmeticError, NotImplementedError,
           RecursionError, AttributeError)


@lru_cache(maxsize=64)
def _size_of(expr: sympy.Expr, order: tuple):
    return evaluator(expr, order, digits=15, bound=GROWTH)


def _astronomical(expr: sympy.Expr, point: dict) -> bool:
    """Whether some value on the way to expr at point is past about e**GROWTH (found in floating point
    before any exact number is built)."""
    try:
        _size_of(expr, tuple(point))(list(point.values()))
    except TooLarge:
        return True
    except _ERRORS:
        pass  # undefined there, or beyond mpmath: exact evaluation decides
    return False


def _exact(expr: sympy.Expr, point: dict) -> tuple[sympy.Expr, sympy.Expr] | None:
    """expr at point, exactly, and a 30-digit approximation of it; None where it is undefined or
    astronomically large."""
    if _astronomical(expr, point):
        return None
    try:
        value = replaced(expr, point)  # an odd root the real root, as at every point (∛(-8) = -2)
        if not value.is_number or value.has(*_UNDEFINED):
            return None
        approx = _approximate(value)
        if not approx.is_number or approx.has(*_UNDEFINED) or approx.atoms(sympy.Function, sympy.Symbol):
            return None
    except _ERRORS:
        return None
    return value, approx


def _approximate(value: sympy.Expr) -> sympy.Expr:
    """value to 30 digits, from an interval enclosure where one can be formed (so that the digits shown
    are as sure as the verdict), else from evalf allowed up to DIGITS digits of working precision."""
    if not value.is_Rational:
        for bits in _PRECISIONS:
            interval = _enclosure(value, bits)
            if interval is None:
                break
            low, high = interval
            with mpmath.workprec(bits):
                middle = (low + high) / 2
                if mpmath.isfinite(middle) and high - low <= abs(middle) * mpmath.mpf(10) ** -32:
                    return sympy.Float(mpmath.nstr(middle, 35, min_fixed=1, max_fixed=0), 30)
    return sympy.N(value, 30, maxn=DIGITS)


def _real(approx: sympy.Expr) -> bool:
    re, im = approx.as_real_imag()
    return im == 0 or abs(im) <= 1e-12 * max(1, abs(re))


# Working precisions of the interval evaluation, in bits, the last about DIGITS decimal digits.
_PRECISIONS = (64, 512, int(DIGITS * 3.33) + 16)
# A point shows "no difference" only where the difference is known to be below 10**-AGREE in size; a
# point where evaluation cannot tell is no evidence either way and is not counted.
AGREE = 100


def _differs(difference: sympy.Expr) -> bool | None:
    """True if the number `difference` is provably not 0; False if it is exactly 0 or known to be
    below 10**-AGREE in size; None if that could not be told.

    Proof is by interval arithmetic at rising precision: an enclosure without 0 is a proof, whatever
    precision a constant in it needs (sin(10**30) needs about 100 bits more than its digits show).
    SymPy's evalf tracks its accuracy by estimates, not bounds, and its strict mode gives up on
    sin(10**30) inside a sum (a nested evaluation is checked before the sum can raise its
    precision), so it decides only where no interval can be formed, and only when a low and the
    highest precision agree."""
    if difference == 0:
        return False
    if difference.is_Rational:
        return True
    enclosed = False
    for bits in _PRECISIONS:
        interval = _enclosure(difference, bits)
        if interval is None:
            break
        enclosed = True
        low, high = interval
        if low > 0 or high < 0:
            return True
    else:
        if enclosed and max(abs(low), abs(high)) < mpmath.mpf(10) ** -AGREE:
            return False
        return None
    return None if enclosed else _evalf_differs(difference)


def _enclosure(expr: sympy.Expr, bits: int) -> tuple | None:
    """An interval (low, high) that surely holds the real number expr, computed with `bits` of
    working precision; None where expr has a part interval arithmetic cannot take (or a complex one)."""
    from mpmath import iv

    saved = iv.prec
    try:
        iv.prec = bits
        value = _interval(expr, iv)
        with mpmath.workprec(bits):  # the ends exactly as computed, not rounded to mpmath's 53 bits
            low, high = mpmath.mpf(value.a), mpmath.mpf(value.b)
    except _NO_INTERVAL:
        return None
    finally:
        iv.prec = saved
    if mpmath.isnan(low) or mpmath.isnan(high):
        return None
    # an infinite end (tan near a pole at low precision) is an enclosure too, one that decides nothing
    return low, high


class _NotInterval(Exception):
    pass


_NO_INTERVAL = (_NotInterval, *_ERRORS)

# SymPy functions whose mpmath interval counterpart takes any real interval in their domain.
_INTERVAL_FUNCTIONS = {sympy.sin: "sin", sympy.cos: "cos", sympy.tan: "tan", sympy.sec: "sec", sympy.csc: "csc",
                       sympy.cot: "cot", sympy.exp: "exp", sympy.log: "log"}


def _interval(expr: sympy.Expr, iv):
    if expr.is_Integer or expr.is_Rational:
        return iv.mpf(int(expr.p)) / iv.mpf(int(expr.q))
    if expr is sympy.pi:
        return iv.pi
    if expr is sympy.E:
        return iv.e
    if expr.is_Add or expr.is_Mul:
        parts = [_interval(a, iv) for a in expr.args]
        total = parts[0]
        for part in parts[1:]:
            total = total + part if expr.is_Add else total * part
        return total
    if expr.is_Pow:
        base = _interval(expr.base, iv)
        if expr.exp.is_Integer:
            return base ** int(expr.exp)
        if expr.exp.is_Rational and base.a > 0:
            return iv.exp(_interval(expr.exp, iv) * iv.log(base))
        if expr.exp.is_Rational and expr.exp.q % 2 == 1:  # an odd root of a negative number: the real one
            magnitude = iv.exp(_interval(expr.exp, iv) * iv.log(-base)) if base.b < 0 else None
            if magnitude is not None:
                return magnitude if expr.exp.p % 2 == 0 else -magnitude
        if base.a > 0:
            return iv.exp(_interval(expr.exp, iv) * iv.log(base))
        raise _NotInterval
    if isinstance(expr, sympy.Abs):
        inner = _interval(expr.args[0], iv)
        if inner.a >= 0:
            return inner
        if inner.b <= 0:
            return -inner
        return iv.mpf([0, max(-inner.a, inner.b)])
    name = _INTERVAL_FUNCTIONS.get(expr.func)
    if name is not None and len(expr.args) == 1:
        inner = _interval(expr.args[0], iv)
        if name == "log" and not inner.a > 0:
            raise _NotInterval
        return getattr(iv, name)(inner)
    raise _NotInterval


def _evalf_differs(difference: sympy.Expr) -> bool | None:
    """_differs by SymPy's evalf, for a difference no interval encloses: a digit it claims at both a
    low and the highest precision counts, one claimed at only one of them does not."""
    from sympy.core.evalf import evalf, fastlog

    maxprec = _PRECISIONS[-1]
    found = []
    for bits in (_PRECISIONS[0], maxprec):
        try:
            result = evalf(difference, bits, {"maxprec": maxprec})
        except (sympy.core.evalf.PrecisionExhausted, *_ERRORS):
            return None
        if not isinstance(result, tuple):
            return None
        found.append(result)
    signs, tiny = [], []
    for re, im, re_acc, im_acc in found:
        sign, small = [], []
        for part, accuracy in ((re, re_acc), (im, im_acc)):
            if part is None or part == mpmath.libmp.fzero:
                sign.append(0)
                small.append(True)
            elif accuracy is not None:
                sign.append((-1 if part[0] else 1) if accuracy >= 8 else None)
                # |part| < 2**fastlog, and the error is below 2**(fastlog - accuracy)
                small.append(fastlog(part) + max(0, -accuracy) + 1 < -AGREE * 3.33)
            else:
                sign.append(None)
                small.append(False)
        signs.append(tuple(sign))
        tiny.append(all(small))
    low, high = signs
    if low == high and None not in low and any(low):
        return True
    return False if all(tiny) else None

def _coordinate(value: sympy.Rational) -> int | float:
    # a float for JSON's `at` (1/3 is not one exactly: `exact.at` holds the point as chosen)
    return int(value) if value.is_Integer else float(value)


def _show(approx: sympy.Expr):
    """A value for people and JSON: a float where it is real and fits, else a string."""
    re, im = approx.as_real_imag()
    try:
        if _real(approx):
            number = float(re)
            if abs(number) != float("inf"):
                return number
        else:
            number = complex(float(re), float(im))
            if abs(number) != float("inf"):
                return str(number)
    except _ERRORS:
        pass
    return sympy.sstr(sympy.N(approx, 15))


# An exact value longer than this is not shown (3**60/2**60 helps nobody check by hand).
EXACT_MAX = 40


def _too_long_to_print(value: sympy.Expr, digits: int) -> bool:
    """Whether a number in value has more than `digits` digits, told from bit lengths: str() of an int
    of over 4300 digits raises, and a right answer (10000·(x + 1)^9999 for (x + 1)^10000, whose value at
    x = 1/2 has some 4800 digits) must not fail on a number no one asked to see."""
    return any(decimal_digits(max(abs(r.p), abs(r.q))) > digits for r in value.atoms(sympy.Rational))


def _exact_text(value: sympy.Expr) -> str | None:
    """The exact value as a person writes it (3/8, sin(1/2)/4), or None where that is too long."""
    if _too_long_to_print(value, EXACT_MAX):
        return None
    text = sympy.sstr(value)
    return text if len(text) <= EXACT_MAX else None


def _difference_text(difference: sympy.Expr) -> str:
    """The exact difference where it is a short rational (1/1000000000), else 6 digits of it."""
    if difference.is_Rational and not _too_long_to_print(difference, 24) and len(str(difference)) <= 24:
        return str(difference)
    try:
        text = sympy.sstr(difference.evalf(6, maxn=DIGITS))
    except _ERRORS:
        return sympy.sstr(difference)
    # SymPy writes a whole Float with a point and nothing after it (984060.): a reader sees a typo
    return re.sub(r"(?<=\d)\.(?!\d)", "", text)


def compare(a: sympy.Expr, b: sympy.Expr, domain: sympy.Expr, *, seed: int = 0,
            symbolic: bool = True, b_typed: sympy.Expr | None = None) -> Comparison:
    """Are a and b equal wherever `domain` is real and defined? True with a proof, False with a
    point where they provably differ, None when neither was found. Points where a or b is
    undefined are skipped (x = 1 in (x**2 - 1)/(x - 1) and x + 1), unless b is undefined at
    every point where a is defined: then such a point is the counterexample. A point where a is
    real but b is not (a part of b as typed has no real value: ln x at x = -2) is no
    counterexample, whose values are real, but `narrower`: a proof then holds only where b is real.
    `b_typed`: b as typed (√x·√x, which b reads as x), whose parts must be real too."""
    typed = b if b_typed is None else b_typed
    if symbolic:
        # The same expression (10000·(x + 1)^9999 for (x + 1)^10000) needs no point, whose values
        # could have thousands of digits.
        same = a - b == 0
        # A few points first: a wrong answer is found in milliseconds, before simplify's minutes.
        first = None if same else _evaluate(a, b, domain, seed, typed, FIRST_POINTS)
        if first is not None and first.equal is False and first.counterexample.get("difference") is not None:
            return first
        if _proved_zero(a - b):
            narrower = _narrower(a, b, domain, seed, typed) if _can_be_unreal(typed) else None
            if narrower is not None:
                # equal as expressions, but an answer real at none of the points where the derivative
                # is (eˣ + 0·ln(-x² - 1)) is no answer there, not "right in part"
                points = _evaluate(a, b, domain, seed, typed, POINTS)
                if points.equal is False:
                    return points
            return Comparison(True, "symbolic", narrower=narrower)
        convention = _convention(a, b)
        if convention is not None:
            return Comparison(True, "symbolic", convention=convention)
    return _evaluate(a, b, domain, seed, typed, POINTS)


def _convention(a: sympy.Expr, b: sympy.Expr) -> dict | None:
    """Where b is a with the value at 0 of some steps H(u) changed and nothing else: then the two are
    equal wherever u ≠ 0, and at u = 0 the step jumps, f′ jumps with it unless H's factor is 0 there,
    and a function has no derivative where its derivative's formula jumps (Darboux), so the value
    there is a convention, not mathematics. Only steps a itself has count: a new jump is no convention."""
    steps = {h.args[0]: h for h in a.atoms(sympy.Heaviside)}
    swapped = {}
    for h in b.atoms(sympy.Heaviside):
        own = steps.get(h.args[0])
        if own is None:
            return None
        if own != h:
            swapped[h] = own
    if not swapped or not _proved_zero(a - b.xreplace(swapped)):
        return None
    from ..core.messages import Condition

    theirs, own = min(swapped.items(), key=lambda pair: sympy.default_sort_key(pair[1]))
    return {"where": Condition(own.args[0], "is", 0), "step": own,
            "correct": sympy.Heaviside(0, *own.args[1:]), "answer": sympy.Heaviside(0, *theirs.args[1:])}


def _evaluate(a: sympy.Expr, b: sympy.Expr, domain: sympy.Expr, seed: int, typed: sympy.Expr,
              enough: int) -> Comparison:
    """compare's evidence from points: the first where a and b provably differ, else how many of
    them (up to `enough`) showed no difference."""
    used, undefined, narrower, unreal, undecided = 0, None, None, None, 0
    for point, va, vb in _usable_points(a, b, domain, seed, typed):
        at = {s.name: _coordinate(v) for s, v in point.items()}
        exact = {"at": {s.name: str(v) for s, v in point.items()}, "answer": None, "correct": _exact_text(va[0])}
        if vb is None:
            undefined = undefined or {"at": at, "answer": None, "correct": _show(va[1]), "exact": exact}
            continue
        if vb is False:
            narrower = narrower or _narrowed(point, va)
            unreal = unreal or {"at": at, "answer": None, "correct": _show(va[1]), "exact": exact}
            continue
        difference = vb[0] - va[0]
        differs = _differs(difference)
        if differs is None:
            undecided += 1
            if undecided >= enough:
                break
            continue
        if differs:
            return Comparison(False, "numeric", used + 1,
                              {"at": at, "answer": _show(vb[1]), "correct": _show(va[1]),
                               "difference": _difference_text(difference),
                               "exact": {**exact, "answer": _exact_text(vb[0])}})
        used += 1
        if used >= enough:
            break
    if used == 0 and undefined is not None and narrower is None:
        return Comparison(False, "numeric", 1, undefined)
    if used == 0 and unreal is not None:
        # no point where both are real: an answer with no real value wherever the derivative has
        # one (3x + 0·ln(ln(…(x)…)), real only past a tower of e's) is no answer, not "right in part"
        return Comparison(False, "numeric", 1, unreal)
    return Comparison(None, "numeric", used, narrower=narrower, undecided=undecided)


def _usable_points(a: sympy.Expr, b: sympy.Expr, domain: sympy.Expr, seed: int, typed: sympy.Expr) -> Iterator[tuple]:
    """(point, a there, b there) at the candidate points where `domain` (f as typed) and a are real
    and defined; b there is None where it is undefined, False where it or its `typed` form is not real."""
    order = sorted(a.free_symbols | b.free_symbols | domain.free_symbols, key=lambda s: s.name)
    # At a kink of the function (x = 1/2 for |x - 1/2|) the derivative's formula says a number where
    # there is no derivative: such a point proves nothing either way.
    rough = rough_parts([domain])
    for point in _points(order, seed):
        if _unreal(domain, point):  # first: exact values of a complex nest take exponential time
            continue
        where = _exact(domain, point)
        if where is None or not _real(where[1]):
            continue
        if rough and kinks((), point, None, rough):
            continue
        if _unreal(a, point):
            continue
        va = _exact(a, point)
        if va is None or not _real(va[1]):
            continue
        vb = False if _unreal(typed, point) else _exact(b, point)
        if vb and not _real(vb[1]):
            vb = False
        yield point, va, vb
        if not order:
            return


def _unreal(expr: sympy.Expr, point: dict) -> bool:
    """Whether a part of expr as typed has no real value at point, though expr may (e^(ln x) at x = -2
    is -2 through ln(-2) = ln 2 + iπ)."""
    from ..scalar.numeric import quick_unreal_part, replaced_parts, unreal_part

    try:
        if quick_unreal_part(expr, point) is not None:  # before exact values: see quick_unreal_part
            return True
        return unreal_part(replaced_parts(expr, point), 30) is not None
    except _ERRORS:
        return True


# Parts that have no real value somewhere on the real line: a root or a non-integer power of a
# negative number, a logarithm of one, an inverse function outside its domain.
_PARTIAL_FUNCTIONS = (sympy.log, sympy.asin, sympy.acos, sympy.asec, sympy.acsc, sympy.acosh, sympy.atanh,
                      sympy.acoth, sympy.asech)


def _can_be_unreal(expr: sympy.Expr) -> bool:
    return any(isinstance(node, _PARTIAL_FUNCTIONS) or (isinstance(node, sympy.Pow) and not node.exp.is_integer)
               for node in sympy.preorder_traversal(expr))


def _narrowed(point: dict, va: tuple) -> dict:
    correct = va[0] if _exact_text(va[0]) is not None else sympy.N(va[1], 6)
    from ..core.messages import Condition  # x = -2 typeset whole in a document, as written in text

    return {"at": [Condition(s, "is", v) for s, v in point.items()], "correct": correct}


def _narrower(a: sympy.Expr, b: sympy.Expr, domain: sympy.Expr, seed: int, typed: sympy.Expr) -> dict | None:
    """The first point where a is real and b is not, among as many usable points as a comparison uses."""
    for used, (point, va, vb) in enumerate(_usable_points(a, b, domain, seed, typed), 1):
        if vb is False:
            return _narrowed(point, va)
        if used >= POINTS:
            break
    return None


# ---------------------------------------------------------------------------------------------
# Diagnosis: the step tree with one classic mistake made in it


def recompute(root: Step, overrides: dict[Step, sympy.Expr]) -> sympy.Expr:
    """The root's result if the nodes in `overrides` had given those results instead: each rule
    recomputes from its substeps, so a mistake propagates exactly as it would on paper."""
    saved: dict[Step, object] = {}

    def visit(step: Step) -> sympy.Expr:
        if step in overrides:
            return overrides[step]
        subs = [(sub, visit(sub)) for sub in step.substeps]
        if not any(sub in changed for sub, _ in subs):
            return step.result
        for sub, value in subs:
            saved.setdefault(sub, sub.__dict__.get("result"))
            sub.__dict__["result"] = value
        changed.add(step)
        return step.eval()

    changed: set[Step] = set(overrides)
    try:
        return visit(root)
    finally:
        for step, value in saved.items():
            if value is None:
                step.__dict__.pop("result", None)
            else:
                step.__dict__["result"] = value


@dataclass
class Diagnosis:
    """A named mistake; its words are the message catalogue's `key` with `values` filled in."""

    kind: str
    key: str
    values: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The explanation, in the current language (see `symdiff.core.messages.language`), its
        expressions in SymPy syntax (JSON's)."""
        return self.words(sympy.sstr)

    def words(self, printer) -> str:
        """The explanation with its expressions printed by `printer` (Unicode, LaTeX, MathML)."""
        from ..core.messages import message

        return message(self.key, printer, **self.values)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message}


# The names the product and quotient rules' formulas give their pieces (g′·h − g·h′), as the rules'
# own explanations name them.
_G, _H = sympy.Symbol("g"), sympy.Symbol("h")


def _mistakes(root: Step, var: sympy.Symbol, f: sympy.Expr) -> Iterator[tuple[Diagnosis, sympy.Expr]]:
    """(the mistake, what the answer would be) for each classic mistake this tree allows. Each
    mistake's words are a catalogue key and the values it names (printed when shown)."""
    # The chain rule's outer step differentiates by a stand-in u; a message names what u stands for.
    stands_for = {node.outer: {node.u: node.inner.expr} for node in root.walk() if isinstance(node, rules.ChainRule)}
    # A flipped sign matches by coincidence whatever a rule's own mistake flips as well (3·x/(x − 1)
    # with the quotient rule's order reversed is the whole answer negated): the rules' mistakes first.
    flipped: list[Step] = []
    for node in root.walk():
        if isinstance(node, rules.ChainRule):
            dropped = node.outer.result.xreplace({node.u: node.inner.expr})
            # the chain rule as one formula, d/dx f(g) = f′(g)·g′, so that each format sets it whole
            # and brackets a sum among its factors ((2b + 2wx − 2y)·x)
            rule = Equation(Applied(node.operator, node.expr), Times(dropped, node.inner.result))
            yield (Diagnosis("missing_chain_factor", "diagnosis.missing_chain_factor",
                             {"rule": rule, "inner_result": node.inner.result, "inner": node.inner.expr}),
                   recompute(root, {node: dropped}))
        if isinstance(node, rules.PowerRule) and node.exponent != 1:
            kept = node.exponent * node.var ** node.exponent  # brought down but not lowered
            named = stands_for.get(node, {})
            yield (Diagnosis("exponent_not_lowered", "diagnosis.exponent_not_lowered",
                             {"expr": node.expr.xreplace(named), "result": node.result.xreplace(named),
                              "wrong": kept.xreplace(named), "n": node.exponent, "lowered": node.exponent - 1}),
                   recompute(root, {node: kept}))
        if isinstance(node, rules.ExpRule):
            base, v = node.base, node.var
            wrong = v * base ** (v - 1)
            claim = Equation(Applied(node.operator, node.expr), node.result)  # one formula, typeset whole
            yield (Diagnosis("power_rule_on_exponential", "diagnosis.power_rule_on_exponential",
                             {"expr": node.expr, "claim": claim, "wrong": wrong}),
                   recompute(root, {node: wrong}))
        if isinstance(node, rules.GeneralPowerRule):
            # x^x taken by the power rule as if its exponent were a constant: x·x^(x−1)
            wrong = node.exponent * node.base ** (node.exponent - 1) * sympy.diff(node.base, node.var)
            claim = Equation(Applied(node.operator, node.expr), node.result)
            yield (Diagnosis("power_rule_on_exponential", "diagnosis.power_rule_on_exponential",
                             {"expr": node.expr, "claim": claim, "wrong": wrong}),
                   recompute(root, {node: wrong}))
        if isinstance(node, rules.ProductRule):
            wrong = sympy.Mul(*(f.result for f in node.factors))
            rule = Equation(Prime(Product(_G, _H)), Plus(Product(Prime(_G), _H), Product(_G, Prime(_H))))
            yield (Diagnosis("product_factor_by_factor", "diagnosis.product_factor_by_factor",
                             {"expr": node.expr, "rule": rule}),
                   recompute(root, {node: wrong}))
            yield from _product_subtracted(root, node, rule)
        if isinstance(node, rules.QuotientRule):
            g, h = node.numerator, node.denominator
            wrong = (g.expr * h.result - g.result * h.expr) / h.expr ** 2
            numerator = Minus(Product(Prime(_G), _H), Product(_G, Prime(_H)))
            pieces = {"g_is": Equation(_G, g.expr), "h_is": Equation(_H, h.expr)}
            yield (Diagnosis("quotient_rule_order", "diagnosis.quotient_rule_order", {"numerator": numerator, **pieces}),
                   recompute(root, {node: wrong}))
            # g′·h + g·h′ over h², the product rule's plus carried into the quotient rule. It is the
            # same answer as h′ with its sign flipped, a sign error the walk would name later, below
            # this node; a teacher names the quotient rule's minus, the classic slip, so it comes here.
            added = (g.result * h.expr + g.expr * h.result) / h.expr ** 2
            yield (Diagnosis("quotient_rule_sign", "diagnosis.quotient_rule_sign", {"numerator": numerator, **pieces}),
                   recompute(root, {node: added}))
        if isinstance(node, rules.ConstantRule) and node.expr != 0 and node is not root:
            yield (Diagnosis("constant_not_dropped", "diagnosis.constant_not_dropped", {"expr": node.expr, "var": var}),
                   recompute(root, {node: node.expr}))
        if isinstance(node, rules.ConstantMultipleRule):
            yield from _held_powers_changed(root, node)
        if node.result != 0 and not isinstance(node, rules.ConstantRule):
            flipped.append(node)
    for node in flipped:
        yield (Diagnosis("sign_error", "diagnosis.sign_error",
                         {"derivative": Applied(node.operator, node.expr), "result": node.result, "wrong": -node.result}),
               recompute(root, {node: -node.result}))
    others = sorted((v for v in f.free_symbols if v != var), key=lambda v: v.name)
    if others:
        # Every name, however many (a catalogue list would stop at LIST_MAX).
        names = ", ".join(sympy.sstr(v) for v in others)
        # Treating the other variables as if they changed with var (dy/dx = 1): a total derivative.
        total = sum((sympy.diff(f, v) for v in [var, *others]), sympy.S.Zero)
        key = "diagnosis.not_held_constant" + ("" if len(others) > 1 else ".one")
        # The derivative by another variable first: where ∂f/∂var is 0, it is also the total
        # derivative, and "the wrong variable" is what happened (x^2 by y answered with 2x).
        for v in others:
            yield (Diagnosis("wrong_variable", "diagnosis.wrong_variable", {"other": v, "var": var}),
                   sympy.diff(f, v))
        yield Diagnosis("not_held_constant", key, {"names": names, "var": var}), total
    yield Diagnosis("sign_error", "diagnosis.sign_error.whole"), -root.result


def _product_subtracted(root: Step, node: "rules.ProductRule", rule: Equation) -> Iterator[tuple[Diagnosis, sympy.Expr]]:
    """The product rule with a minus, as in the quotient rule's numerator: g′·h − g·h′, or g·h′ − g′·h
    (which factor a student calls g is theirs to choose; the words name neither, since the shown
    steps may call the other one g), g the first factor and h the rest. Each is also one piece's
    derivative with its sign flipped; where that derivative itself carries a minus (−sin x for
    cos x), dropping it is the likelier slip, and the sign error below names it."""
    exprs = [f.expr for f in node.factors]
    terms = [sympy.Mul(*exprs[:i], f.result, *exprs[i + 1:]) for i, f in enumerate(node.factors)]
    first, rest = terms[0], sympy.Add(*terms[1:])
    # The piece whose derivative's sign each subtraction flips: the second factor in g′·h − g·h′ (of
    # three or more factors no one piece's sign gives it), the first in g·h′ − g′·h.
    second = node.factors[1] if len(node.factors) == 2 else None
    for wrong, flipped in ((first - rest, second), (rest - first, node.factors[0])):
        if flipped is not None and flipped.result.could_extract_minus_sign():
            continue
        yield (Diagnosis("product_rule_sign", "diagnosis.product_rule_sign", {"rule": rule}), recompute(root, {node: wrong}))


def _held_powers_changed(root: Step, node: "rules.ConstantMultipleRule") -> Iterator[tuple[Diagnosis, sympy.Expr]]:
    """A power of a held variable in a constant factor differentiated too: y⁴ in ∂/∂x 3x²y⁴ lowered
    to y³ (6xy³) or differentiated whole to 4y³ (24xy³), as if y changed with x."""
    for factor in sympy.Mul.make_args(node.constant):
        base, exponent = factor.as_base_exp()
        if not (base.is_Symbol and base != node.var and exponent.is_number and exponent != 0):
            continue
        for changed in (base ** (exponent - 1), exponent * base ** (exponent - 1)):
            wrong = node.constant / factor * changed * node.other.result
            yield (Diagnosis("held_power_differentiated", "diagnosis.held_power_differentiated",
                             {"held": base, "power": factor, "wrong": changed, "var": node.var}),
                   recompute(root, {node: wrong}))


def _integration_constant(correct: sympy.Expr, f: sympy.Expr, answer: sympy.Expr) -> sympy.Symbol | None:
    """The name C of an answer that is the derivative + C (or − C) with C a name f does not have: an
    indefinite integral's constant of integration, put on a derivative."""
    if not (answer - correct).free_symbols - f.free_symbols:
        # no name f lacks, so no C: and simplify could take minutes on a constant (sin(10**300·…)), and
        # expand as long on a wrong power ((x + 1)^9998 against (x + 1)^9999 has 10 000 terms)
        return None
    difference = sympy.expand(answer - correct)
    if not difference.free_symbols - f.free_symbols:
        return None
    if not (difference.is_Symbol or (-difference).is_Symbol) and sympy.count_ops(difference) < 60:
        difference = sympy.simplify(difference)  # 1/x + C − 1/x written otherwise: (1 + C·x)/x
    name = difference if difference.is_Symbol else -difference
    if name.is_Symbol and name not in f.free_symbols:
        return name
    return None


def diagnose(root: Step, var: sympy.Symbol, f: sympy.Expr, answer: sympy.Expr,
             domain: sympy.Expr) -> Diagnosis | None:
    constant = _integration_constant(root.result, f, answer)
    if constant is not None:
        return Diagnosis("constant_of_integration", "diagnosis.constant_of_integration", {"name": constant})
    seen: set = set()
    for mistake, wrong in _mistakes(root, var, f):
        if wrong in seen or wrong == root.result:
            continue
        seen.add(wrong)
        # Points first, a cheap filter; then a proof, since a name is a claim about what happened: the
        # answer must be exactly what the mistake gives, not just agree with it at the points tried
        # (cos(x) + sin(10**30) for sin(x) is no sign error, though it is near -cos(x) nowhere).
        match = compare(wrong, answer, domain, symbolic=False)
        if match.equal is not False and match.points > 0 and _proved_zero(wrong - answer):
            return mistake
    return None


@dataclass
class Verdict(Notebook):
    """Is `answer` the derivative of `expr` by `wrt`?"""

    expr: sympy.Expr | None
    wrt: tuple[sympy.Symbol, ...]
    answer: sympy.Expr | None
    correct: sympy.Expr | None
    verdict: str  # "right", "wrong", "inconclusive" or "unreadable"
    method: str | None = None
    points: int = 0
    counterexample: dict | None = None
    diagnosis: Diagnosis | None = None
    error: object = None  # the SymdiffError that made it unreadable
    input: str | None = None
    answer_text: str | None = None
    steps: tuple[Step, ...] = field(default_factory=tuple)
    warnings: list = field(default_factory=list)  # symdiff.scalar.notes.Note
    command: str = field(default="check", repr=False)
    # Where an unreadable verdict's error column points: "expr", "var" or "answer", and the variable
    # as given (the text a caret goes under).
    unreadable_part: str | None = None
    wrt_text: str | None = None
    # The answer as typed, terms and factors in their order and nothing evaluated (3·y·x² + 0·x), for
    # the views to echo beside `answer`, the form it was read as; None for an answer given as SymPy.
    answer_typed: sympy.Expr | None = field(default=None, repr=False)
    # An inconclusive verdict because f is real and defined at none of the points tried (√(−1 − x²))
    real_nowhere: bool = False

    @property
    def inconclusive_key(self) -> str:
        """The catalogue key of an inconclusive verdict's words: equal only where the answer is real
        (a note says where it is not) is a different doubt from no proof."""
        domain = any(getattr(w, "kind", None) == "answer_domain" for w in self.warnings)
        if domain:
            return "check.inconclusive.domain"
        if self.real_nowhere:
            return "check.inconclusive.real_nowhere"
        # no point compared to a known accuracy: "no difference found at 0 points" would claim evidence
        return "check.inconclusive" if self.points else "check.inconclusive.precision"

    @property
    def read_differently(self) -> bool:
        """Whether symdiff read the answer as more than a reordering of what was typed (0·x dropped,
        2·3 multiplied out): only then do the views write the form read beside the typed one, since
        `sin x + x cos x = x cos x + sin x` says nothing."""
        if self.answer_typed is None or self.answer is None:
            return False
        return _unordered(self.answer_typed) != _unordered(self.answer)

    @property
    def derivative_words(self) -> str:
        """What the question asks for, as a textbook names it in the current language: a partial
        derivative where f has several variables (편도함수), a second one where two variables are
        given (이계 편도함수), else the derivative."""
        from ..core.messages import message

        order = len(self.wrt)
        variables = (self.expr.free_symbols if self.expr is not None else set()) | set(self.wrt)
        kind = "" if order == 1 else ".second" if order == 2 else ".higher"
        return message("check.derivative" + kind + (".partial" if len(variables) > 1 else ""), order=order)

    @property
    def unreadable_text(self) -> str | None:
        """The argument the error is in, as given, for a caret under its column."""
        return {"expr": self.input, "var": self.wrt_text, "answer": self.answer_text}.get(self.unreadable_part)


def answer_record(expr: str, var: str, answer: str) -> str:
    """One answer as the JSON record `symdiff check --file` reads a line of (and `grade_record` grades)."""
    import json

    return json.dumps({"expr": expr, "var": var, "answer": answer})


_KINDS = {list: "list", dict: "object", str: "string", bool: "boolean", type(None): "null", int: "number",
          float: "number"}


def _kind(value: object) -> str:
    kind = _KINDS.get(type(value))
    return Words(f"error.kind.{kind}") if kind else type(value).__name__


class _TwiceNamed(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _read_record(record: str | Mapping) -> tuple[Mapping | None, str | None]:
    """The record's fields, or what keeps `record` from being {"expr": str, "var": str or [str],
    "answer": str} in words a grader can act on (not Python's KeyError 'answer')."""
    import json

    if isinstance(record, str):
        try:
            record = json.loads(record, object_pairs_hook=keys_once(_TwiceNamed))
        except _TwiceNamed as twice:
            # JSON takes the last of two equal keys: {"expr": "sin(x)…", …, "expr": "x"} would grade
            # another question than the one a reader of the line sees first.
            return None, Words("error.record.twice", field=twice.key)
        except ValueError as exc:
            if isinstance(exc, json.JSONDecodeError):
                return None, Words("error.record.json.at", reason=exc.msg, column=exc.colno)
            return None, Words("error.record.json", reason=getattr(exc, "msg", "unreadable"))
    if not isinstance(record, Mapping):
        return None, Words("error.record.object", kind=_kind(record))
    missing = [k for k in ("expr", "var", "answer") if k not in record]
    if missing:
        return None, Words("error.record.missing", names=", ".join(missing))
    for key in ("expr", "answer"):
        if not isinstance(record[key], str):
            return None, Words("error.record.string", field=key, kind=_kind(record[key]))
    var = record["var"]
    if not (isinstance(var, str) or (isinstance(var, (list, tuple)) and var and all(isinstance(v, str) for v in var))):
        return None, Words("error.record.var", kind=_kind(var))
    return record, None


@plain_arguments
def grade_record(record: str | Mapping) -> Verdict:
    """The verdict on one answer record {"expr", "var", "answer"}, a JSON text or a mapping, as
    `symdiff check` grades each line of --file: var is "x", "x,y" (∂²/∂y∂x) or a list of names.
    A record of any other shape is 'unreadable' with a syntax error, never an exception."""
    import json

    from ..api import check
    from ..core.errors import SymdiffError

    text = record if isinstance(record, str) else json.dumps(record, default=repr)
    fields, problem = _read_record(record)
    if problem is not None:
        error = SymdiffError(Words("error.record", problem=problem), type="syntax")
        return Verdict(None, (), None, None, "unreadable", error=error, input=text)
    expr, var, answer = (fields[k] for k in ("expr", "var", "answer"))
    variables = [v.strip() for v in var.split(",")] if isinstance(var, str) else list(var)
    return check(expr, var if isinstance(var, str) else variables, answer)


__all__ = ["Comparison", "Diagnosis", "Verdict", "answer_record", "compare", "diagnose", "grade_record", "recompute"]
