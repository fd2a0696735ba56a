"""Loose ends of an attacker's and a newcomer's reviews: errors in symdiff's words, never Python's
text or an internal record; a wrong answer found fast and a timeout never taken for "wrong"; the
API refusing hostile values with symdiff's errors; hints where a newcomer types the wrong thing."""

from __future__ import annotations

import math
import re

import pytest
import test_invariant as generated
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.core.error_words import EN, KO
from symdiff.core.errors import Words, localized, reason_words

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What Python and SymPy say when a computation fails: their words name their internals.
PYTHON_TEXTS = st.sampled_from([
    "too many digits in integer", "Exceeds the limit (4300 digits) for integer string conversion",
    "division by zero", "math range error", "maximum recursion depth exceeded", "cannot convert",
    "Cannot convert complex to float", "int too large to convert to float",
])
EXCEPTIONS = st.sampled_from([ValueError, ZeroDivisionError, OverflowError, TypeError, ArithmeticError,
                              RecursionError, MemoryError])


@SETTINGS
@given(kind=EXCEPTIONS, text=PYTHON_TEXTS, lang=st.sampled_from(["en", "ko"]))
def test_a_failed_computation_is_explained_in_symdiffs_words(kind, text, lang):
    reason = reason_words(kind(text))
    said = localized(Words("error.value.evaluate", what=Words("error.what.function"), point="x=2", reason=reason),
                     lang)
    assert text not in said and kind.__name__ not in said, said
    assert reason.key.startswith("error.reason.") and reason.key in EN and reason.key in KO
    if lang == "ko":
        assert said.endswith("니다."), said  # polite register, each sentence


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("expr", ["x^x^x^x^x^x^x^x", "x^x^x^x^x^x^x"])
def test_a_value_too_large_says_so_without_pythons_text(expr, lang):
    result = invoke("partial", expr, "x", "--at", "x=2", "--no-steps", "--lang", lang)
    assert result.exit_code == 1
    assert "digits in integer" not in result.stderr and "Exceeds" not in result.stderr, result.stderr
    assert localized(reason_words(OverflowError()), lang) in result.stderr, result.stderr


# --- values at a point without building SymPy expressions (descend's steps, check's size guard)

POINTS = st.lists(st.sampled_from([-2.5, -1.0, -0.3, 0.0, 0.5, 1.0, 1.7, 3.0]), min_size=2, max_size=2)


def _by_evalf(expr, point):
    """The value as substitution and evalf give it (what descend computed before), or None."""
    import sympy

    v = sympy.N(expr.xreplace({s: sympy.Float(c, 30) for s, c in zip((generated.x, generated.y), point)}), 30)
    if not v.is_number or v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    re, im = v.as_real_imag()
    if not (re.is_Number and im.is_Number):
        return None
    return complex(v)


@SETTINGS
@given(text=generated.expressions, point=POINTS)
def test_the_evaluator_agrees_with_evalf(text, point):
    from symdiff.scalar.numeric import evaluator

    expr = generated.parse(text)
    expected = _by_evalf(expr, point)
    try:
        got = complex(evaluator(expr, (generated.x, generated.y))(point))
    except (ValueError, ZeroDivisionError, OverflowError, ArithmeticError, TypeError):
        got = None
    if expected is None or not all(map(math.isfinite, (expected.real, expected.imag))):
        return  # undefined (SymPy's zoo; mpmath may say -inf for log(0) or raise): descend stops either way
    assert got is not None, (text, point, expected)
    assert abs(got - expected) <= 1e-12 * max(1.0, abs(expected)), (text, point, got, expected)


def test_the_evaluator_stops_before_an_astronomical_value():
    import sympy

    from symdiff.scalar.numeric import TooLarge, evaluator

    x = generated.x
    tower = sympy.exp(sympy.exp(sympy.exp(sympy.exp(x))))
    with pytest.raises(TooLarge):
        evaluator(tower, (x,), digits=15, bound=1e4)([3])
    with pytest.raises(TooLarge):
        evaluator(x ** x ** x ** x, (x,), digits=15, bound=1e4)([3])
    assert abs(evaluator(tower, (x,), digits=15, bound=1e4)([0.5]) - sympy.N(tower.xreplace({x: 0.5}))) < 1e65


def test_ten_thousand_descent_steps_take_little_time():
    import time

    import symdiff

    began = time.process_time()
    run = symdiff.descend("x^2 + 3*y^2 + sin(x*y)", start={"x": 3, "y": 2}, lr=0.0001, steps=10000, tol=0)
    spent = time.process_time() - began
    assert len(run.iterations) == 10001
    assert spent < 6, spent  # was about 19 s: each step rebuilt f and ∇f as SymPy expressions
