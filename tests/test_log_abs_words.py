"""ln u and |u| as a textbook writes them: ln u is defined only where u > 0 (ln|u|, ln u²: u ≠ 0), and
the formula of its derivative (1/x for ln x and ln|x|) does not show it, so the answer carries the
condition as √x's and xˣ's do; the step d/dx |u| = u/|u| says the two cases it comes from."""

from __future__ import annotations

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff import api
from symdiff.core.messages import language
from symdiff.scalar.parsing import parse

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

x = sympy.Symbol("x")

# inner functions u of x: linear ones (whose condition is solved for x), and others
LINEAR = st.tuples(st.integers(-4, 4).filter(bool), st.integers(-5, 5)).map(lambda ab: f"({ab[0]}*x + {ab[1]})")
OTHER = st.sampled_from(["x^2 - 1", "sin(x)", "x^3 + x", "x*y", "cos(x) - x", "x - y"])
INNER = st.one_of(LINEAR, OTHER)
# how ln u sits in f: alone, times a constant, beside another term
SETTINGS = st.sampled_from(["{}", "3*{}", "{} + x^2", "{} - sin(x)"])
# points to test a condition at, none at a boundary of the linear ones (a rational with denominator 7)
POINTS = [sympy.Rational(n, 7) for n in (-38, -20, -9, -3, 1, 4, 11, 26, 40)]


def _log_notes(result):
    return [n for n in result.warnings if n.kind == "log_domain"]


def _at(expr, point):
    """`expr` at x = point, y = 3/7, whatever assumptions its symbols were made with."""
    values = {"x": point, "y": sympy.Rational(3, 7)}
    return expr.subs({s: values[s.name] for s in expr.free_symbols})


def _holds(condition, point) -> bool:
    rhs = condition.rhs if isinstance(condition.rhs, sympy.Basic) else sympy.Integer(condition.rhs)
    return bool(condition.relation(_at(condition.lhs, point), _at(rhs, point)))


@PROPERTY
@given(INNER, st.booleans(), SETTINGS)
def test_a_log_answer_carries_where_the_log_is_defined(inner, absolute, setting):
    u = f"abs({inner})" if absolute else inner
    text = setting.format(f"ln({u})")
    result = api.partial(text, "x")
    (note,) = _log_notes(result)
    condition = note.values["condition"]
    # the condition says exactly where ln u has a value: u ≠ 0 for |u|, u > 0 otherwise
    body = parse(inner)
    for point in POINTS:
        value = _at(body, point)
        defined = value != 0 if absolute else value > 0
        assert _holds(condition, point) == bool(defined), (text, point, condition.lhs, condition.sign)
    # (of a function of several variables, "the partial derivative")
    derivative = "partial derivative" if note.partial else "derivative"
    assert note.message.endswith(f"so the {derivative} holds only where " + note.values["condition"].printed(sympy.sstr))
    with language("ko"):
        assert note.message.endswith("인 곳에서만 성립합니다."), note.message


@PROPERTY
@given(st.sampled_from(["x^2 + 1", "exp(x)", "cosh(x)", "x^4 + 3"]), SETTINGS)
def test_a_log_of_a_positive_function_or_of_a_constant_has_no_condition(inner, setting):
    assert _log_notes(api.partial(setting.format(f"ln({inner})"), "x")) == []
    # ln y is constant in x: its domain is no condition on ∂/∂x
    assert _log_notes(api.partial(setting.format("ln(y)*x"), "x")) == []


def test_the_named_examples():
    assert [n.message for n in api.partial("ln(abs(x))", "x").warnings] == [
        "log(Abs(x)) is defined only where x ≠ 0, so the derivative holds only where x ≠ 0"]
    assert [n.message for n in api.partial("ln(x)", "x").warnings] == [
        "log(x) is defined only where x > 0, so the derivative holds only where x > 0"]
    assert [n.message for n in api.partial("ln(1 - x)", "x").warnings][0].endswith("only where x < 1")
    assert [n.message for n in api.partial("ln(x^2)", "x").warnings][0].endswith("only where x ≠ 0")


def _abs_steps(step):
    return [s for s in step.walk() if s.rule == "abs"]


@PROPERTY
@given(st.sampled_from(["x", "x^2 - 1", "sin(x)", "3*x + 2", "x*y"]), st.sampled_from(["{}", "{}^3", "ln({})", "2*{}"]),
       st.sampled_from(["en", "ko"]), st.sampled_from(["text", "markdown", "latex", "html", "json"]))
def test_the_absolute_value_step_splits_its_cases(inner, setting, lang, fmt):
    from helpers import invoke

    text = setting.format(f"abs({inner})")
    steps = _abs_steps(api.partial(text, "x").derivations[0].step)
    assert steps
    out = invoke("partial", text, "x", "--format", fmt, "--lang", lang).stdout
    # each case with its slope: |u| = u for u > 0 (1), |u| = −u for u < 0 (−1), then x/|x| where u ≠ 0
    cases = {"en": ("(derivative", "the sign of"), "ko": ("도함수가", "의 부호")}[lang]
    for words in cases:
        assert out.count(words) >= len(steps), (text, fmt, lang, out)
