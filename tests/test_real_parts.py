"""No value where f is not real, although SymPy's value of the whole is (the attacker's findings).

SymPy evaluates e^(ln x) at x = -1 as e^(iπ) = -1, (√x)² at -4 as (2i)² = -4 and (∜x)⁴ at -16 as -16 (its
x^(1/4) is the principal, complex, fourth root): each is a real number, but in real calculus f is not
defined there. An odd root is the real root (∛x at -8 is -2), as the views write it. Every command that evaluates at a point refuses with a `domain`
error naming the point and the part; `check` proves an answer right only where it is real wherever
the derivative is, and its counterexamples are real.

The oracle is independent of symdiff's evaluation: the same composition evaluated step by step in
mpmath, each step refusing an argument outside its real domain, and its derivative by mpmath.diff.
"""

from __future__ import annotations

import json

import mpmath
import sympy
import pytest
from helpers import cli_args
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff import api
from symdiff.app.cli import app
from symdiff.core.errors import SymdiffError
from symdiff.render.json import record as record_of
from symdiff.scalar.numeric import value_at

SETTINGS = dict(deadline=None, max_examples=60,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _runner():
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": None, "TERM": "dumb"})
    return lambda *args: runner.invoke(app, cli_args(args), catch_exceptions=False)


cli = _runner()


# ---------------------------------------------------------------------------------------------
# The examples, in every command that evaluates at a point

EXAMPLES = [("exp(log(x))", "-1", "ln(x)"), ("sqrt(x)**2", "-4", "√x"), ("(x**(1/4))**4", "-16", "∜x"),
            ("sqrt(x)*sqrt(x)", "-1", "√x"), ("log(x)**2 - log(x)**2 + x", "-2", "ln(x)"),
            ("exp(log(x - 1))", "1/2", "ln(x − 1)")]


@pytest.mark.parametrize("f, at, part", EXAMPLES)
def test_partial_refuses_naming_the_point_and_the_part(f, at, part):
    with pytest.raises(SymdiffError) as caught:
        api.partial(f, "x", at=f"x={at}")
    assert caught.value.type == "domain"
    assert f"x={at}" in caught.value.message and part in caught.value.message, caught.value.message


@pytest.mark.parametrize("f, at, part", EXAMPLES[:3])
@pytest.mark.parametrize("command", ["tangent", "hessian", "grad", "jacobian"])
def test_every_command_at_a_point_refuses(command, f, at, part):
    args = [command, f"{f} + y", "--at", f"x={at},y=1", "--format", "json", "--no-steps"]
    if command == "tangent":
        args.remove("--no-steps")
    result = cli(*args)
    record = json.loads(result.stdout.splitlines()[0])
    assert record["error"]["type"] == "domain", record
    assert f"x={at}, y=1" in record["error"]["message"] and part in record["error"]["message"]
    assert result.exit_code == 1


def test_implicit_refuses_where_a_side_is_not_real():
    result = cli("implicit", "exp(log(x)) + y**2 = 3", "--at", "x=-1,y=2", "--format", "json")
    record = json.loads(result.stdout)
    assert record["error"]["type"] == "domain" and "x=-1, y=2" in record["error"]["message"]
    assert "ln(x)" in record["error"]["message"]


def test_implicit_refuses_where_a_side_typed_is_not_real():
    # the parser reads √x·√x as x: the side as typed is what is not real
    result = cli("implicit", "sqrt(x)*sqrt(x) + y**2 = 3", "--at", "x=-1,y=2", "--format", "json")
    record = json.loads(result.stdout)
    assert record["error"]["type"] == "domain" and "√x" in record["error"]["message"]


def test_korean_says_it_politely_and_names_the_part():
    result = cli("partial", "exp(log(x))", "x", "--at", "x=-1", "--lang", "ko")
    assert "함수는 x=-1에서 실수가 아닙니다. 이 점에서 ln(x)의 값이 실수가 아닙니다." in result.output


def test_descend_refuses_a_start_where_f_is_not_real():
    with pytest.raises(SymdiffError) as caught:
        api.descend("sqrt(x)**2 + x**2", start="x=-1")
    assert caught.value.type == "domain" and "x=-1" in caught.value.message and "√x" in caught.value.message


def test_descend_stops_where_a_step_leaves_the_real_domain():
    # (√x)² + x² is x + x² for x ≥ 0, whose minimum is at the edge x = 0: the iterates cross it. They
    # were taken on as x + x² and "converged" at x = -1/2, where √x is not real.
    run = api.descend("sqrt(x)**2 + x**2", start="x=1")
    assert run.failed and run.stop == "domain"
    assert all(it.point[0] >= 0 for it in run.iterations)


def test_values_still_come_where_f_is_real():
    assert api.partial("exp(log(x))", "x", at="x=2").value == 1
    assert api.partial("(x**(1/3))**3", "x", at="x=8").value == pytest.approx(1)
    assert api.partial("sqrt(x**2)", "x", at="x=-3").value == -1  # √ of a positive number: real


# ---------------------------------------------------------------------------------------------
# Generated compositions: a domain error naming the point, or the derivative the oracle finds

# name: (how the text wraps u, the real function, its open domain, its closed domain)
OPS = {
    "log": ("log({u})", mpmath.log, lambda u: u > 0, lambda u: u > 0),
    "sqrt": ("sqrt({u})", mpmath.sqrt, lambda u: u > 0, lambda u: u >= 0),
    "cbrt": ("({u})**(1/3)", lambda u: mpmath.sign(u) * mpmath.root(abs(u), 3), lambda u: u != 0, None),
    "root4": ("({u})**(1/4)", lambda u: mpmath.root(u, 4), lambda u: u > 0, lambda u: u >= 0),
    "asin": ("asin({u})", mpmath.asin, lambda u: -1 < u < 1, lambda u: -1 <= u <= 1),
    "recip": ("1/({u})", lambda u: 1 / u, lambda u: u != 0, lambda u: u != 0),
    "square": ("({u})**2", lambda u: u**2, None, None),
    "cube": ("({u})**3", lambda u: u**3, None, None),
    "exp": ("exp({u})", mpmath.exp, None, None),
    "shift": ("({u} - 1)", lambda u: u - 1, None, None),
    "half": ("({u})/2", lambda u: u / 2, None, None),
    "negate": ("(-{u})", lambda u: -u, None, None),
}
POINTS = ["-3", "-2", "-1", "-1/2", "-1/4", "0", "1/4", "1/2", "1", "2", "3"]


def _text(ops: list[str]) -> str:
    u = "x"
    for op in ops:
        u = OPS[op][0].format(u=u)
    return u


def _oracle(ops: list[str], t, closed: bool = True):
    """f at t in the reals, step by step; None where a step's argument is outside its domain (closed:
    where the step has a value; open: where it is also smooth)."""
    u = mpmath.mpf(t)
    for op in ops:
        _, fn, open_domain, closed_domain = OPS[op]
        inside = closed_domain if closed else open_domain
        if inside is not None and not inside(u):
            return None
        u = fn(u)
        if abs(u) > 1e30:
            return None
    return u


def _rational(text: str) -> mpmath.mpf:
    p, _, q = text.partition("/")
    return mpmath.mpf(int(p)) / (int(q) if q else 1)


COMPOSITIONS = st.lists(st.sampled_from(sorted(OPS)), min_size=1, max_size=4)


@settings(**SETTINGS)
@given(COMPOSITIONS, st.sampled_from(POINTS))
@example(["log", "exp"], "-1")
@example(["sqrt", "square"], "-4")
@example(["cbrt", "cube"], "-2")
@example(["root4", "square"], "-2")
@example(["asin", "sqrt", "square"], "2")
@example(["recip", "recip"], "0")
def test_a_value_only_where_every_part_is_real(ops, at):
    mpmath.mp.dps = 40
    f, t = _text(ops), _rational(at)
    try:
        result = api.partial(f, "x", at=f"x={at}")
    except SymdiffError as exc:
        assert exc.type in ("domain", "unsupported", "limit", "timeout"), exc
        if exc.type == "domain":
            assert f"x={at}" in exc.message, exc.message
        # Refused: right where f has no value, and never where every part is inside its open domain.
        assert _oracle(ops, t, closed=False) is None or exc.type != "domain", (f, at, exc.message)
        return
    value = _oracle(ops, t)
    assert value is not None, (f, at, "a value where a part of f is not real")
    if _oracle(ops, t, closed=False) is not None:
        slope = mpmath.diff(lambda s: _oracle(ops, s, closed=False), t)
        assert float(result.value) == pytest.approx(float(slope), rel=1e-7, abs=1e-9), (f, at)


# ---------------------------------------------------------------------------------------------
# check: right only where the answer is real; counterexamples real

def test_check_an_answer_real_only_for_positive_x_is_not_right():
    verdict = api.check("x^2", "x", "2*exp(log(x))")
    assert verdict.verdict == "inconclusive"
    [note] = [w for w in verdict.warnings if w.kind == "answer_domain"]
    assert "x = " in note.message and "the derivative is" in note.message
    record = record_of(verdict)
    assert record["verdict"] == "inconclusive" and record["warnings"][-1]["kind"] == "answer_domain"


def test_check_exit_code_and_every_view():
    for fmt in ("text", "markdown", "latex", "html"):
        for lang, words in (("en", "right only in part"), ("ko", "일부에서만 맞습니다")):
            result = cli("check", "x^2", "x", "2*exp(log(x))", "--format", fmt, "--lang", lang)
            assert result.exit_code == 3, (fmt, lang)
            assert words in result.output, (fmt, lang, result.output)
            assert "**" not in result.output.replace("<strong>", "").replace("</strong>", "") or fmt == "markdown"


def test_check_an_answer_wider_than_f_is_right():
    assert api.check("exp(log(x))", "x", "1").verdict == "right"  # f is real only for x > 0, as is f′


def test_check_counterexamples_are_real():
    for f, answer in [("2*((x**3)**(1/3))", "3"), ("2*((x**3)**(1/3))", "2*x"), ("sqrt(x)", "x")]:
        record = record_of(api.check(f, "x", answer))
        if record["verdict"] == "wrong":
            c = record["counterexample"]
            assert isinstance(c["answer"], float | int) and isinstance(c["correct"], float | int), (f, answer, c)
            assert all(float(v) > 0 for v in c["at"].values()), (f, answer, c)  # where ∛(x³) is real


@settings(**SETTINGS)
@given(COMPOSITIONS)
@example(["square"])
@example(["log"])
@example(["negate", "cube", "root4", "negate"])
def test_check_the_derivative_times_a_positive_only_one(ops):
    """The right derivative times e^(ln x)/x (1, but only for x > 0): right only where f and the
    derivative are real for no x < 0; wrong where they are real for no x > 0 (the answer is then real
    nowhere the derivative is); else inconclusive with answer_domain."""
    f = _text(ops)
    try:
        correct = api.partial(f, "x").result
    except SymdiffError:
        return
    verdict = api.check(f, "x", f"({correct})*exp(log(x))/x")
    negatives = [p for p in ("-2", "-1/2", "-3/2", "-3", "-1/4", "-5/2") if _oracle(ops, _rational(p), closed=False)]
    positives = [p for p in ("2", "1/2", "3/2", "3", "1/4", "5/2") if _oracle(ops, _rational(p), closed=False)]
    if negatives and not positives:
        assert verdict.verdict in ("wrong", "unreadable"), (f, verdict.verdict)
        return
    assert verdict.verdict != "wrong", (f, verdict.counterexample)
    if negatives and verdict.verdict != "unreadable":
        kinds = {w.kind for w in verdict.warnings}
        assert verdict.verdict == "inconclusive" and "answer_domain" in kinds, (f, negatives, verdict.verdict)


# ---------------------------------------------------------------------------------------------
# Exact 0 where cancelling digits leave a speck (hessian --at showed 1.08533e-165)

@settings(**SETTINGS)
@given(st.fractions(min_value=-5, max_value=5, max_denominator=50))
def test_a_value_exactly_zero_at_an_exact_point_is_zero(t):
    import sympy

    from symdiff.scalar.numeric import value_at

    x = sympy.Symbol("x")
    point = {x: sympy.Rational(t.numerator, t.denominator)}
    for identity in (sympy.cos(x)**2 + sympy.sin(x)**2 - 1, sympy.exp(2*x) - sympy.exp(x)**2 + 0*x,
                     sympy.sqrt(2)*sympy.cos(x) - sympy.sqrt(6)/sympy.sqrt(3)*sympy.cos(x)):
        assert value_at(identity, point) == 0.0, (identity, t)
    # and a value that small but not 0 stays what it is
    assert value_at(x * sympy.Rational(1, 10**30) + 0 * x, {x: sympy.Integer(3)}) == pytest.approx(3e-30, rel=1e-12)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(4, 12), st.sampled_from(["log", "log10"]))
def test_a_deep_nest_of_logarithms_is_refused_as_not_real(depth, name):
    # ln(ln(ln(2))) is ln of a negative number: every part above it is complex, and exact values of
    # such a nest took exponential time (ten levels: 15 s; the attacker's review).
    text = "x"
    for _ in range(depth):
        text = f"{name}({text})"
    with pytest.raises(SymdiffError) as caught:
        api.partial(text, "x", at={"x": 2})
    # the whole nest is not real at 2 either: said of the whole, as exact evaluation said it
    assert caught.value.type == "domain" and "not real at x=2" in caught.value.message


def test_an_answer_with_no_real_value_where_the_derivative_has_one_is_wrong():
    # 3x + 0·ln(…(x)…) is real only past a tower of e's: no point compares it, and it is no answer
    # (it was "right in part", exit 3: a way to keep any wrong answer from being judged wrong)
    nest = "x"
    for _ in range(10):
        nest = f"log({nest})"
    assert api.check("x**2", "x", f"3*x + 0*{nest}").verdict == "wrong"


_PERIODIC = [(sympy.cos, mpmath.cos), (sympy.sin, mpmath.sin), (lambda u: sympy.tan(u) ** 2 + 1, lambda u: mpmath.sec(u) ** 2)]


@settings(max_examples=40, deadline=None)
@given(st.integers(20, 1000), st.integers(1, 9), st.sampled_from(range(len(_PERIODIC))),
       st.sampled_from([1, 2, 3]))
def test_a_periodic_function_at_a_huge_point_has_its_true_value(exponent, lead, which, slope):
    """A tester's finding: cos at x = 10^300 was 0.467415 (true −0.168214): the point was carried to
    30 significant digits, which leave its units, and so the angle, unknown. Each value is checked
    against mpmath at enough digits for the point's every unit."""
    point = sympy.Integer(lead) * sympy.Integer(10) ** exponent
    ours, theirs = _PERIODIC[which]
    x = sympy.Symbol("x", real=True)
    expr = ours(slope * x)
    with mpmath.workdps(exponent + 60):
        expected = float(theirs(slope * mpmath.mpf(lead) * mpmath.mpf(10) ** exponent))
    assert value_at(expr, {x: point}) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_a_product_of_huge_values_keeps_every_unit():
    x, y = sympy.symbols("x y", real=True)
    value = value_at(y * sympy.cos(x * y), {x: sympy.Integer(10) ** 25, y: sympy.Integer(10) ** 25})
    with mpmath.workdps(120):
        expected = float(mpmath.mpf(10) ** 25 * mpmath.cos(mpmath.mpf(10) ** 50))
    assert value == pytest.approx(expected, rel=1e-9)
