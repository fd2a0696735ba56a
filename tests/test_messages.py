"""Issue 20, "Messages": what symdiff says is specific, consistent and checkable by hand.

- `check` names an exponent that was not lowered, calls a derivative by another variable
  `wrong_variable`, and gives its counterexample at simple rational points with exact values;
- `--check` says what it compared, where, how closely, and how accurate the difference quotient
  itself was;
- `matrix` with a symbol that has no `--shape` is a usage error (exit 2) whichever symbol it is;
- the Hessian's mixed partials are named by the order they are taken in, shown in both orders, and
  zero entries are not left out;
- δ is δ wherever output is Unicode, and descent says why it stopped in one sentence.

Each in English and Korean.
"""

from __future__ import annotations

import json
import re

import pytest
import sympy
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import cli_args
from symdiff.answers import SIMPLE
from symdiff.api import check
from symdiff.cli import app
from symdiff.parsing import parse, symbol

x, y, z = symbol("x"), symbol("y"), symbol("z")

PROPERTY = settings(max_examples=25, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.fixture
def run():
    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": None, "TERM": "dumb"})
    return lambda *args, input=None: runner.invoke(app, cli_args(args), input=input, catch_exceptions=False)


def _text(expr: sympy.Expr) -> str:
    return sympy.sstr(expr)


def _long_decimals(text: str) -> list[str]:
    """Decimals with more than 6 significant digits: floats printed in full (0.47942553860420301)."""
    return [d for d in re.findall(r"\d*\.\d+", text) if len(d.replace(".", "").lstrip("0")) > 6]


# --- 1. check: diagnoses and counterexamples

_coefficient = st.integers(-6, 6).filter(bool)


@PROPERTY
@given(_coefficient, st.integers(2, 9), st.sampled_from(["x", "(2*x + 1)", "sin(x)", "(x**2 + 3)"]))
def test_an_exponent_that_was_not_lowered_is_named(c, n, base):
    """c·u^n answered with c·n·u^n (times u' for a chain): the power rule brought n down but left
    the exponent where it was."""
    u = parse(base)
    f = c * u**n
    answer = c * n * u**n * sympy.diff(u, x)
    note(f"check({_text(f)!r}, 'x', {_text(answer)!r})")
    v = check(_text(f), "x", _text(answer))
    assert v.verdict == "wrong"
    assert v.diagnosis is not None and v.diagnosis.kind == "exponent_not_lowered", v.diagnosis
    # it says what the exponent should have become
    assert f"from {n} to {n - 1}" in v.diagnosis.message
    assert _text(u**(n - 1)) in v.diagnosis.message


def test_the_issue_example_of_an_exponent_not_lowered(run):
    result = run("check", "x^3", "x", "3x^3", "--format", "json")
    record = json.loads(result.stdout)
    assert result.exit_code == 1
    assert record["diagnosis"]["kind"] == "exponent_not_lowered"
    assert record["diagnosis"]["message"] == ("the power rule lowers the exponent by one, from 3 to 2: "
                                              "x**3 gives 3*x**2, not 3*x**3")
    ko = json.loads(run("check", "x^3", "x", "3x^3", "--format", "json", "--lang", "ko").stdout)
    assert ko["diagnosis"]["kind"] == "exponent_not_lowered"
    assert "3에서 2로" in ko["diagnosis"]["message"] and "3*x**2" in ko["diagnosis"]["message"]
    text = run("check", "x^3", "x", "3x^3").stdout
    assert "likely mistake (exponent not lowered)" in text


@PROPERTY
@given(st.lists(st.tuples(_coefficient, st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=3),
       st.sampled_from([(x, y), (y, x)]))
def test_the_derivative_by_another_variable_is_wrong_variable(terms, order):
    """An answer that is ∂f/∂other where ∂f/∂var was asked for is `wrong_variable`, also when f does
    not contain var at all (then it is also the "total derivative", which named it before)."""
    var, other = order
    f = sympy.Add(*(c * x**i * y**j for c, i, j in terms))
    answer = sympy.diff(f, other)
    if other not in f.free_symbols or sympy.expand(answer - sympy.diff(f, var)) == 0:
        return  # no derivative by another variable, or the same one: not this mistake
    v = check(_text(f), var.name, _text(answer))
    note((_text(f), var.name, _text(answer)))
    assert v.verdict == "wrong"
    assert v.diagnosis is not None and v.diagnosis.kind == "wrong_variable", v.diagnosis


def test_the_issue_example_of_a_wrong_variable(run):
    record = json.loads(run("check", "x^2", "y", "2x", "--format", "json").stdout)
    assert record["diagnosis"]["kind"] == "wrong_variable"
    assert record["diagnosis"]["message"] == "this is the derivative by x; the question asks for the derivative by y"
    # a partial that also differentiated what it should hold constant keeps its name
    record = json.loads(run("check", "x**2*y", "x", "2*x*y + x**2", "--format", "json").stdout)
    assert record["diagnosis"]["kind"] == "not_held_constant"


_SIMPLE_TEXT = {str(v) for v in SIMPLE}


@PROPERTY
@given(st.lists(st.tuples(_coefficient, st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=3),
       st.integers(1, 5), st.sampled_from(["plus", "times", "sin"]))
def test_a_counterexample_is_at_simple_rationals_with_exact_values(terms, k, shape):
    """The point is made of simple rationals (1/2, 3, -2, …) and both sides are given exactly (a
    decimal only beside an exact value that is not a fraction), never as a 17-digit float."""
    f = sympy.Add(*(c * x**i * y**j for c, i, j in terms)) + sympy.sin(x)
    g = sympy.diff(f, x)
    answer = {"plus": g + k * y, "times": g * (1 + sympy.Rational(1, k + 1)), "sin": g + sympy.sin(k * x)}[shape]
    v = check(_text(f), "x", _text(answer))
    assert v.verdict == "wrong"
    c = v.counterexample
    exact = c["exact"]
    assert set(exact["at"].values()) <= _SIMPLE_TEXT
    point = {symbol(name): parse(value) for name, value in exact["at"].items()}
    assert point == {symbol(name): sympy.Rational(value) for name, value in c["at"].items()}
    # the exact values are the values there, read back and compared exactly
    assert sympy.simplify(parse(exact["answer"]) - answer.xreplace(point)) == 0
    assert sympy.simplify(parse(exact["correct"]) - g.xreplace(point)) == 0
    from symdiff.render.text import render_check

    shown = render_check(v, steps=False)
    note(shown)
    assert not _long_decimals(shown)
    where = ", ".join(f"{name} = {value}" for name, value in exact["at"].items())
    assert f"at {where} the answer is {exact['answer']}" in shown


def test_the_issue_example_counterexample_is_at_one_half_and_three(run):
    out = run("check", "3*x**2*y**4", "x", "6*x*y**3").stdout
    assert "wrong: at x = 1/2, y = 3 the answer is 81 but the derivative is 243" in out
    out = run("check", "sin(x**2)", "x", "cos(x**2)").stdout
    assert "the answer is cos(9) ≈ -0.91113 but the derivative is 6*cos(9) ≈ -5.46678" in out
    ko = run("check", "3*x**2*y**4", "x", "6*x*y**3", "--lang", "ko").stdout
    assert "오답: x = 1/2, y = 3에서 답의 값은 81이지만 도함수의 값은 243" in ko
