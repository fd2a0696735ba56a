"""A teacher's second reading of `tangent`: f(a) is worked as f′(a) is, the point put in before the
value (f(2) = 2³ = 8), in every human view and both languages; the working is honest."""

from __future__ import annotations

import dataclasses

import sympy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.api import tangent
from symdiff.render.extrema import TEXT
from symdiff.render.tangent import values
from symdiff.scalar.parsing import parse
from test_wording import HUMAN_FORMATS, LANGS

GENERATED = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ONE = ["x**3", "x**2 + 1", "sqrt(x)", "3*x**2 - x", "x**3 - 2*x", "(x + 1)**2", "x**4/2"]
TWO = ["x*y + 3", "x**2 + y**2", "x**2*y", "x + 2*y"]

# the text view's notation with SymPy's own spelling, so that each side reads back through the parser
PLAIN = dataclasses.replace(TEXT, expr=sympy.sstr, rel=lambda r: f" {r} ")


@GENERATED
@given(st.sampled_from(ONE + TWO), st.integers(1, 5), st.integers(0, 5))
@example("x**3", 2, 0)
def test_the_height_is_worked_and_honest(expr, a, b):
    """f(a) = (f with the point put in) = value: the middle reads back as the value."""
    point = {"x": a, "y": b} if "y" in expr else {"x": a}
    t = tangent(expr, at=point)
    first = values(t, PLAIN)[0]
    sides = first.split(" = ")
    assert parse(sides[-1]) == t.value
    if len(sides) == 3:
        assert sympy.simplify(parse(sides[1]) - t.value) == 0, first
    else:  # nothing to work: the value is f itself (f(0) of x³), or reads as the formula would
        assert len(sides) == 2


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HUMAN_FORMATS), st.sampled_from(LANGS))
def test_every_view_works_the_height(fmt, lang):
    out = invoke("tangent", "x**3", "--at", "x=2", "--format", fmt, "--lang", lang, width=200).output
    working = {"text": "f(2) = 2³ = 8", "rich": "f(2) = 2³ = 8", "markdown": r"f\left(2\right) = 2^{3} = 8",
               "latex": r"f\left(2\right) = 2^{3} = 8",
               "html": "<mo>=</mo><msup><mn>2</mn><mn>3</mn></msup><mo>=</mo><mn>8</mn>"}[fmt]
    assert working in out, out
