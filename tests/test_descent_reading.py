"""descend as a teacher and a newcomer read it (issue 16): the variables in the order the start gives
them, the update rule and the points written with the problem's own names, rounding noise shown as
0, a tolerance of 0 worded as what it does, and advice that states the rule that chose the rate."""

from __future__ import annotations

import json
import math
import re

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff.api import descend
from symdiff.app.cli import app
from symdiff.core.messages import language
from symdiff.features.descent import NOISE
from symdiff.render.notation import unicode

PROPERTY = settings(max_examples=12, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
HUMAN = ("text", "markdown", "latex", "html")

names = st.lists(st.sampled_from(["w", "b", "x", "y", "theta", "a1"]), min_size=1, max_size=3, unique=True)
starts = st.integers(-6, 6)


def _run(*args: str):
    return CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"}).invoke(app, list(args), catch_exceptions=False)


def _bowl(variables: list[str]) -> str:
    """A sum of squares with a different centre and weight per variable: a convex quadratic."""
    return " + ".join(f"{k + 1}*({v} - {k})**2" for k, v in enumerate(variables))


@PROPERTY
@given(names, st.data())
def test_the_variables_follow_the_order_of_the_start(variables, data):
    order = data.draw(st.permutations(variables))
    # never at the centre k of its square, so every coordinate moves on the first step
    start = ",".join(f"{v}={variables.index(v) + data.draw(starts.filter(bool))}" for v in order)
    r = descend(_bowl(variables), start=start, steps=3)
    assert [s.name for s in r.vars] == list(order)
    record = json.loads(_run("descend", _bowl(variables), "--from", start, "--steps", "3", "--format", "json").stdout)
    assert record["vars"] == list(order)
    # each coordinate is the variable named at its place: one step of the bowl moves v from s by −η·2(k+1)(s − k)
    for k, v in enumerate(variables):
        s = float(dict(p.split("=") for p in start.split(","))[v])
        assert math.isclose(r.iterations[1].point[order.index(v)], s - 0.1 * 2 * (k + 1) * (s - k), abs_tol=1e-12)


def test_the_issue_example_descends_in_w_then_b():
    r = descend("(w*x + b - y)**2", start="w=0,b=0", at="x=2,y=3")
    assert [s.name for s in r.vars] == ["w", "b"] and r.final.point[0] > r.final.point[1]
    # --vars and a definition's parameters state an order of their own
    assert [s.name for s in descend("(w*x + b - y)**2", start="w=0,b=0", at="x=2,y=3", vars="b,w").vars] == ["b", "w"]
    assert [s.name for s in descend("f(b, w) = (2*w + b - 3)**2", start="w=0,b=0").vars] == ["b", "w"]


@PROPERTY
@given(names, st.data(), st.sampled_from(HUMAN), st.sampled_from(["en", "ko"]))
def test_the_rule_and_the_points_are_written_with_the_variables(variables, data, fmt, lang):
    start = ",".join(f"{v}={data.draw(starts)}" for v in variables)
    out = _run("descend", _bowl(variables), "--from", start, "--steps", "2", "--format", fmt, "--lang", lang).stdout
    if fmt == "text":
        shown = [unicode(sympy.Symbol(v)) for v in variables]  # theta is θ
        point = "(" + ", ".join(shown) + ")"
        rule = (f"{shown[0]} ← {shown[0]} - ηf′({shown[0]})" if len(variables) == 1
                else f"{point} ← {point} - η∇f{point}")
        assert rule in out
        values = dict(p.split("=") for p in start.split(","))
        assert ", ".join(f"{n} = {values[v]}" for n, v in zip(shown, variables)) in out
        final = [line for line in out.splitlines() if line.startswith(("final point", "최종 점"))]
        assert len(final) == 1 and all(f"{n} = " in final[0] for n in shown)
    assert "w ← w" not in out and "leftarrow w" not in out and "<mi>w</mi><mo>←</mo>" not in out or "w" in variables
    assert "[" + ", ".join(["0"] * len(variables)) + "]ᵀ" not in out


@PROPERTY
@given(st.integers(1, 5), st.integers(-5, 5).filter(bool), st.integers(-5, 5))
def test_rounding_noise_is_shown_as_zero_and_nothing_else_is(x, y, w0):
    # the least-squares line through one point: η = 1/(2(x² + 1)) lands on a zero of f in one step,
    # where floating point leaves noise of about 1e-16 in f, ∇f and the coordinates
    r = descend("(w*x + b - y)**2", start=f"w={w0},b=0", at=f"x={x},y={y}", lr=1 / (2 * (x * x + 1)), steps=3)
    for k, (raw, shown) in enumerate(zip(r.iterations, r.shown)):
        so_far = r.iterations[:k + 1]  # the sizes reached up to this row, not later ones
        for column in ("point", "gradient"):
            for i, (a, b) in enumerate(zip(getattr(raw, column), getattr(shown, column))):
                scale = max(abs(getattr(it, column)[i]) for it in so_far)
                assert b == (0.0 if abs(a) <= NOISE * scale else a)
        assert shown.value == (0.0 if abs(raw.value) <= NOISE * max(abs(it.value) for it in so_far) else raw.value)
    assert r.shown[-1].value == 0 and all(g == 0 for g in r.shown[-1].gradient)
    out = _run("descend", "(w*x + b - y)**2", "--from", f"w={w0},b=0", "--at", f"x={x},y={y}",
               "--lr", repr(1 / (2 * (x * x + 1))), "--steps", "3", "--format", "text").stdout
    assert not re.search(r"e-(1[4-9]|[2-9]\d)", out), out
    # JSON keeps the numbers as computed
    record = json.loads(_run("descend", "(w*x + b - y)**2", "--from", f"w={w0},b=0", "--at", f"x={x},y={y}",
                             "--lr", repr(1 / (2 * (x * x + 1))), "--steps", "3", "--format", "json").stdout)
    assert [it["value"] for it in record["iterations"]] == [it.value for it in r.iterations]


@PROPERTY
@given(st.integers(2, 6), st.integers(1, 5), st.sampled_from([2, 4]))
def test_a_run_that_blows_up_shows_its_early_values(x0, a, power):
    # x⁴ from 2 with η = 1/2 goes 2, -14, 5474, …: f grows past 1e14, and its start (16) is no
    # rounding noise of that: a newcomer read "f = 0" at the start of a diverging run
    r = descend(f"{a}*x**{power}", start=f"x={x0}", lr=2.0, steps=3)
    for raw, shown in zip(r.iterations, r.shown):
        assert shown.value == raw.value and shown.point == raw.point and shown.gradient == raw.gradient


@PROPERTY
@given(st.integers(1, 6), starts.filter(bool), st.integers(1, 8), st.sampled_from(HUMAN), st.sampled_from(["en", "ko"]))
def test_a_tolerance_of_0_is_worded_as_running_every_step(a, x0, steps, fmt, lang):
    out = _run("descend", f"{a}*(x - 7)**2", "--from", f"x={x0}", "--tol", "0", "--lr", "0.01", "--steps",
               str(steps), "--format", fmt, "--lang", lang).stdout
    assert "meeting --tol 0" not in out and "허용 오차 0보다" not in out and "below tol (0)" not in out
    assert f"steps {steps}): " in out.replace("-{}-", "--") or f"{steps}단계를 모두 반복했습니다" in out  # LaTeX: -{}-
    assert "used every step" in out or "허용 오차가 0이므로" in out


def test_a_zero_gradient_with_tol_0_has_converged_not_stuck():
    r = descend("x**2 + y**2", start="x=0,y=0", tol=0)
    assert r.converged and not r.failed and r.reason == "the gradient is exactly 0, a critical point"


@PROPERTY
@given(st.integers(1, 5), st.integers(1, 3), st.sampled_from([2, 4]), st.floats(1.2, 8))
def test_advice_states_the_curvature_rule_and_keeps_to_it(a, x0, power, factor):
    f = f"{a}*x**{power}"
    curvature = a * power * (power - 1) * x0 ** (power - 2)
    lr = factor * 2 / curvature  # past the quadratic model's limit 2/f″
    r = descend(f, start=f"x={x0}", lr=lr)
    if r.suggested_lr is None:
        return
    assert r.suggested_lr < 2 / curvature and r.suggested_lr * 2 >= 2 / curvature
    assert "η < 2/f″ =" in r.reason and "largest of η/2, η/4, … below that" in r.reason
    with language("ko"):
        assert "η < 2/f″ =" in r.reason and "가운데 이보다 작으면서" in r.reason


def test_several_variables_name_the_largest_eigenvalue_of_the_hessian():
    r = descend("9*x**2 + 10*y**2", start="x=1,y=1", lr=0.2)
    assert r.suggested_lr == 0.05 and "largest eigenvalue λ = 20" in r.reason and "η < 2/λ = 0.1" in r.reason


def test_without_upward_curvature_the_advice_says_it_halved():
    # f″(0.5) = 12·0.25 − 6 < 0: f is no bowl at the start, so no limit 2/f″ can be read there
    r = descend("x**4 - 3*x**2", start="x=0.5", lr=2)
    assert r.suggested_lr == 0.125 and "2/f″" not in r.reason
    assert "halving η until f goes down without diverging or cycling gives 0.125" in r.reason
