"""`check` with constants whose value needs more precision than their digits show (sin(10**30) needs
about 100 bits more): a wrong answer holding one is wrong (exit 1) with a counterexample, never
inconclusive, and no mistake is named that the answer is not exactly; a right answer holding one that
cancels is right. Each counterexample is checked again here with mpmath at 12000 bits, independently
of symdiff's evaluation.
"""

from __future__ import annotations

import json
import re

import mpmath
import pytest
import sympy
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from test_check_soundness import functions
from typer.testing import CliRunner

from symdiff.api import check
from symdiff.app.cli import app
from symdiff.features.answers import Verdict, compare
from symdiff.scalar.parsing import symbol

x = symbol("x")

PROPERTY = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def _factor(draw) -> sympy.Expr:
    """sin, cos or tan of a large integer (10**k + r, k up to 300), exp of one up to 1000 (the parser
    refuses numbers of over 1000 digits, and e**2300 has more), or a sine of a product of such, nested."""
    kind = draw(st.sampled_from(["sin", "cos", "tan", "exp", "nested"]))
    big = 10 ** draw(st.integers(20, 300)) + draw(st.integers(0, 9))
    if kind == "exp":
        return sympy.exp(draw(st.integers(100, 1000)))  # two of them multiply to exp(2000)
    if kind == "nested":
        return sympy.sin(10 ** draw(st.integers(20, 200)) * sympy.cos(big))
    return getattr(sympy, kind)(big)


@st.composite
def constants(draw) -> sympy.Expr:
    """A nonzero constant: a nonzero rational times a product of sines, cosines and tangents of nonzero
    integers and exponentials, none of which is 0."""
    coefficient = sympy.Rational(draw(st.integers(1, 9)) * draw(st.sampled_from([1, -1])),
                                 draw(st.sampled_from([1, 7, 10**10])))
    return coefficient * sympy.Mul(*draw(st.lists(_factor(), min_size=1, max_size=2)))


def _mp(expr: sympy.Expr, point: dict) -> mpmath.mpf:
    names = sorted(point, key=lambda s: s.name)
    fn = sympy.lambdify(names, expr, modules="mpmath")
    with mpmath.workprec(12000):
        return fn(*(mpmath.mpf(point[s].p) / point[s].q for s in names))


def _assert_a_true_counterexample(verdict, answer: sympy.Expr, derivative: sympy.Expr) -> None:
    at = {symbol(k): sympy.Rational(v) for k, v in verdict.counterexample["exact"]["at"].items()}
    difference = _mp(answer - derivative, at)
    with mpmath.workprec(12000):
        assert abs(difference) > mpmath.mpf(10) ** -50
    # the value shown for the answer is the answer's value there, to the digits shown
    shown = verdict.counterexample["answer"]
    if isinstance(shown, float):
        assert abs(shown - float(_mp(answer, at))) <= 1e-9 * max(1.0, abs(shown))


@PROPERTY
@given(functions(), constants())
def test_a_derivative_plus_a_hard_constant_is_wrong_and_no_mistake_is_named(fg, c):
    f, g = fg
    answer = f"{sympy.sstr(g)} + ({sympy.sstr(c)})"
    note(answer)
    v = check(sympy.sstr(f), "x", answer)
    assert v.verdict == "wrong", (v.verdict, v.points)
    assert v.diagnosis is None, v.diagnosis
    _assert_a_true_counterexample(v, g + c, sympy.diff(f, x))


@settings(PROPERTY, max_examples=6)
@given(functions(), constants())
def test_through_the_command_line_exit_1_and_no_diagnosis(fg, c):
    f, g = fg
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": None})
    result = runner.invoke(app, ["check", sympy.sstr(f), "x", f"{sympy.sstr(g)} + ({sympy.sstr(c)})",
                                 "--format", "json"], catch_exceptions=False)
    record = json.loads(result.stdout)
    assert result.exit_code == 1 and record["verdict"] == "wrong"
    assert record["counterexample"] is not None and "diagnosis" not in record


@settings(PROPERTY, max_examples=10)
@given(functions(), constants(), st.booleans())
def test_a_hard_constant_that_cancels_leaves_a_right_answer(fg, c, pythagoras):
    f, g = fg
    # sin² + cos² − 1 of a large integer cancels only by an identity; c − c as typed
    big = 10 ** 30 + 7
    extra = f"sin({big})**2 + cos({big})**2 - 1" if pythagoras else f"({sympy.sstr(c)}) - ({sympy.sstr(c)})"
    v = check(sympy.sstr(f), "x", f"{sympy.sstr(g)} + {extra}")
    assert v.verdict == "right" and v.method == "symbolic"


# --- the tester's commands

REPORTED = ["3*x^2 + sin(10^30)", "sin(10^30)", "x*sin(10^30)", "sin(x)+sin(10^30)", "exp(x)*sin(10^30)",
            "tan(10^30)", "cos(x) + sin(10^30)", "cos(x)+sin(10^30)/10^10", "cos(x)+sin(10^30)^2"]


@pytest.mark.parametrize("answer", REPORTED)
def test_the_reported_answers_to_sin_are_wrong(run, answer):
    result = run("check", "--no-steps", "sin(x)", "x", answer)
    assert result.exit_code == 1, result.stdout
    assert result.stdout.count("Wrong: at x = 1/2") == 1 and "Likely mistake" not in result.stdout
    assert "Inconclusive" not in result.stdout
    record = json.loads(run("check", "sin(x)", "x", answer, "--format", "json").stdout)
    assert record["verdict"] == "wrong" and record["counterexample"] is not None and "diagnosis" not in record
    v = check("sin(x)", "x", answer)
    _assert_a_true_counterexample(v, v.answer, sympy.cos(x))


def test_2x_plus_a_constant_is_no_exponent_left_unlowered(run):
    result = run("check", "--no-steps", "x^2", "x", "2x + sin(10^30)")
    assert result.exit_code == 1 and "exponent" not in result.stdout and "Likely mistake" not in result.stdout
    record = json.loads(run("check", "x^2", "x", "2x + sin(10^30)", "--format", "json").stdout)
    assert record["verdict"] == "wrong" and "diagnosis" not in record


def test_a_real_sign_error_is_still_named(run):
    record = json.loads(run("check", "cos(x)", "x", "sin(x)", "--format", "json").stdout)
    assert record["verdict"] == "wrong" and record["diagnosis"]["kind"] == "sign_error"


# --- points that decide nothing are not counted as agreeing


def test_a_point_where_the_difference_cannot_be_told_is_not_counted():
    # sin(10**999·sin(10**999·sin(10**999))) needs about 10000 bits, past the highest working precision
    hard = sympy.sin(10**999 * sympy.sin(10**999 * sympy.sin(10**999)))
    result = compare(sympy.cos(x), sympy.cos(x) + hard, sympy.sin(x), symbolic=False)
    assert result.equal is None and result.points == 0 and result.undecided > 0
    verdict = Verdict(sympy.sin(x), (x,), sympy.cos(x) + hard, sympy.cos(x), "inconclusive", points=0)
    assert verdict.inconclusive_key == "check.inconclusive.precision"


def test_agreement_to_a_known_accuracy_still_counts():
    result = compare(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, sympy.S.One, x, symbolic=False)
    assert result.equal is None and result.points > 0 and result.undecided == 0


# --- a step's value at its jump is a convention (relu′(0) = 0 here, Heaviside(0) = 1/2 in SymPy)


@pytest.mark.parametrize("f, answer, where", [("relu(x)", "Heaviside(x)", "x = 0"),
                                              ("x*relu(x - 1)", "x*Heaviside(x - 1) + relu(x - 1)", "x − 1 = 0")])
def test_an_answer_differing_only_by_the_convention_at_a_jump_is_right_and_says_so(run, f, answer, where):
    result = run("check", "--no-steps", f, "x", answer)
    assert result.exit_code == 0 and "Right" in result.stdout
    assert f"except where {where}" in result.stdout and "convention" in result.stdout
    record = json.loads(run("check", f, "x", answer, "--format", "json").stdout)
    assert record["verdict"] == "right"
    assert [w["kind"] for w in record["warnings"]].count("answer_convention") == 1
    korean = run("check", "--lang", "ko", "--no-steps", f, "x", answer)
    assert korean.exit_code == 0 and "관례" in korean.stdout


def test_a_step_the_derivative_does_not_have_is_no_convention():
    # a jump at x = 1 that relu(x)′ has not: never right, and wrong only at x = 1, where the answer is
    # 3/2 (the random points, some of them integers, may reach it); else equal at every point tried
    v = check("relu(x)", "x", "Heaviside(x) + Heaviside(x - 1) - Heaviside(x - 1, 0)")
    assert not any(w.kind == "answer_convention" for w in v.warnings)
    assert v.verdict == "inconclusive" or (v.verdict == "wrong" and v.counterexample["exact"]["at"] == {"x": "1"})


def test_the_same_convention_needs_no_note():
    v = check("relu(x)", "x", "Heaviside(x, 0)")
    assert v.verdict == "right" and not any(w.kind == "answer_convention" for w in v.warnings)


# --- a value a hair from the other side's is written as a reader writes it: 1 − 1.5×10⁻³⁰


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(20, 40), st.sampled_from(["-", "+"]), st.booleans())
def test_a_value_beside_a_known_one_is_signed_as_a_reader_writes_it(k, sign, in_answer):
    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": None})
    hair = f"10^(-{k})*exp(sin(10^30) + x)"
    f, answer = ("x", f"1 {sign} {hair}") if in_answer else (f"x {sign} {hair}", "1")
    record = json.loads(runner.invoke(app, ["check", f, "x", answer, "--format", "json"]).stdout)
    if record["verdict"] != "wrong" or "e" not in record["counterexample"]["difference"]:
        return  # nothing found at the points tried: no value to write
    below = "−" if sign == "-" else "+"
    for fmt, signed in [("text", f"1 {below} "), ("markdown", f"$1 {sign} "), ("latex", f"$1 {sign} "),
                        ("html", f"<mn>1</mn><mo>{'−' if sign == '-' else '+'}</mo>")]:
        out = runner.invoke(app, ["check", f, "x", answer, "--format", fmt, "--no-steps"]).stdout
        assert signed in out, (fmt, out)
        assert "+ (" not in out and not re.search(r"\de[-+]\d", out), (fmt, out)
    assert "×10⁻" in runner.invoke(app, ["check", f, "x", answer, "--format", "text"]).stdout
