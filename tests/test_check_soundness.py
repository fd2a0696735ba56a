"""`check` is sound: `right` only with a proof, `wrong` only at a point where the difference is
provably not 0, and `inconclusive` (exit 3) when neither was found. No floating tolerance turns a
nonzero difference into `right`: an answer off by 10**-999 is wrong.

The derivative each answer is compared with comes from `sympy.diff` (not symdiff's rules), and the
point of a counterexample is checked again here with 60-digit mpmath.
"""

from __future__ import annotations

import json

import mpmath
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff.api import check
from symdiff.app.cli import app
from symdiff.scalar.parsing import symbol

x = symbol("x")

PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# --- generated functions: polynomials and trigonometric terms in x

_coefficients = st.integers(-5, 5).filter(bool)


@st.composite
def _term(draw) -> sympy.Expr:
    c = draw(_coefficients)
    kind = draw(st.sampled_from(["power", "sin", "cos", "power_sin", "power_cos"]))
    n = draw(st.integers(1, 4))
    k = draw(st.integers(1, 3))
    return c * {"power": x**n, "sin": sympy.sin(k * x), "cos": sympy.cos(k * x),
                "power_sin": x**n * sympy.sin(k * x), "power_cos": x**n * sympy.cos(k * x)}[kind]


@st.composite
def functions(draw) -> tuple[sympy.Expr, sympy.Expr]:
    """(f, f') with f' from sympy.diff, never 0."""
    f = sympy.Add(*draw(st.lists(_term(), min_size=1, max_size=3))) + draw(st.integers(-3, 3))
    g = sympy.diff(f, x)
    assume(g != 0)
    return f, g


@st.composite
def tiny(draw) -> tuple[str, sympy.Rational]:
    """A small nonzero rational ±p·10**-k as text (as a student types it) and exactly; k up to 999,
    as the parser refuses numbers of over 1000 digits."""
    p, k = draw(st.integers(1, 9)), draw(st.integers(1, 999))
    sign = draw(st.sampled_from([1, -1]))
    return f"({'-' if sign < 0 else ''}{p}*10**(-{k}))", sign * sympy.Rational(p, 10**k)


def _text(expr: sympy.Expr) -> str:
    return sympy.sstr(expr)


def _at(verdict) -> dict:
    return {symbol(name): sympy.Rational(value) for name, value in verdict.counterexample["at"].items()}


def _mp(expr: sympy.Expr, point: dict) -> mpmath.mpf:
    """expr at point with 1200-digit mpmath, independently of symdiff's evaluation."""
    fn = sympy.lambdify(sorted(point, key=lambda s: s.name), expr, modules="mpmath")
    with mpmath.workdps(1200):
        return fn(*(mpmath.mpf(point[s].p) / point[s].q for s in sorted(point, key=lambda s: s.name)))


# --- wrong by a tiny amount: wrong, never right or inconclusive

@PROPERTY
@given(functions(), tiny(), st.sampled_from(["plus", "times", "plus_power"]), st.integers(1, 3))
def test_answers_off_by_a_tiny_rational_are_wrong(case, c, shape, n):
    f, g = case
    c_text, c_value = c
    answer = {"plus": f"{_text(g)} + {c_text}", "times": f"({_text(g)})*(1 + {c_text})",
              "plus_power": f"{_text(g)} + {c_text}*x**{n}"}[shape]
    error = {"plus": c_value, "times": c_value * g, "plus_power": c_value * x**n}[shape]
    note(f"check({_text(f)!r}, 'x', {answer[:200]!r})")
    v = check(_text(f), "x", answer)
    assert v.verdict == "wrong", (v.verdict, v.method, v.points)
    # The counterexample is real: the exact error there is not 0 (checked with 1200 digits).
    point = _at(v)
    assert _mp(error, point) != 0
    assert v.counterexample["difference"] not in ("0", "0.0")


@pytest.mark.parametrize("answer", ["2x + 1e-9", "2*x + 10**-40", "2*x*(1 + 10**-999)", "2*x - 10**-999*x**3"])
def test_the_issue_examples_are_wrong(answer):
    v = check("x^2", "x", answer)
    assert v.verdict == "wrong" and v.method == "numeric" and v.counterexample["at"] == {"x": 0.5}


# --- the derivative in other forms: right (with a proof) or inconclusive, never wrong

def _forms(g: sympy.Expr, a: int, k: int) -> dict[str, str]:
    """g written in ways that are equal to it everywhere (the square-root identity too, on every
    branch: sqrt(x + a² + 2a·sqrt(x)) = a + sqrt(x) as Re(a + sqrt(x)) > 0)."""
    s, c = sympy.sin(k * x), sympy.cos(k * x)
    return {
        "expanded": _text(sympy.expand(g)),
        "factored": _text(sympy.factor(g)),
        "trig_expanded": _text(sympy.expand_trig(g)),
        "pythagoras": f"{_text(g)} + {_text(s)}**2 + {_text(c)}**2 - 1",
        "pythagoras_factor": f"({_text(g)})*({_text(s)}**2 + {_text(c)}**2)",
        "double_angle": f"{_text(g)} + sin({2 * k}*x) - 2*{_text(s)}*{_text(c)}",
        "nested_root": f"{_text(g)} + sqrt(x + {a * a} + {2 * a}*sqrt(x)) - sqrt(x) - {a}",
    }


@PROPERTY
@given(functions(), st.integers(1, 5), st.integers(1, 3),
       st.sampled_from(["expanded", "factored", "trig_expanded", "pythagoras", "pythagoras_factor",
                        "double_angle", "nested_root"]))
def test_equal_forms_are_never_wrong_and_right_only_with_a_proof(case, a, k, form):
    f, g = case
    answer = _forms(g, a, k)[form]
    note(f"check({_text(f)!r}, 'x', {answer!r})")
    v = check(_text(f), "x", answer)
    assert v.verdict in ("right", "inconclusive"), (v.verdict, v.counterexample)
    if v.verdict == "right":
        assert v.method == "symbolic"
    else:
        assert v.method == "numeric" and v.points > 0


# --- inconclusive through the command line: its own verdict and exit 3

EXIT = {"right": 0, "wrong": 1, "unreadable": 2, "inconclusive": 3}


@settings(PROPERTY, max_examples=15)
@given(st.integers(1, 6), st.lists(st.integers(-4, 4), min_size=0, max_size=3))
def test_the_exit_code_follows_the_verdict_and_equal_is_never_wrong(a, coefficients):
    # f = sqrt(x + a² + 2a·sqrt(x)) + p(x) = a + sqrt(x) + p(x): the answer is right, and beyond simplify.
    p = sum((c * x ** (i + 1) for i, c in enumerate(coefficients)), sympy.S.Zero)
    f = f"sqrt(x + {a * a} + {2 * a}*sqrt(x)) + {_text(p)}"
    answer = f"1/(2*sqrt(x)) + {_text(sympy.diff(p, x))}"
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": None})
    result = runner.invoke(app, ["check", f, "x", answer, "--format", "json"], catch_exceptions=False)
    record = json.loads(result.stdout)
    assert record["verdict"] in ("right", "inconclusive")
    assert record["verdict"] == "inconclusive" or record["method"] == "symbolic"  # right needs a proof
    assert result.exit_code == EXIT[record["verdict"]]


def test_an_inconclusive_answer_says_so_and_exits_3(run):
    args = ["check", "sqrt(x + 2*sqrt(x - 1))", "x", "1/(2*sqrt(x - 1))"]
    result = run(*args)
    assert result.exit_code == 3
    assert "Inconclusive: not proved equal" in result.stdout and "right" not in result.stdout
    record = json.loads(run(*args, "--format", "json").stdout)
    assert record["verdict"] == "inconclusive" and record["method"] == "numeric" and record["points"] > 0
    assert "counterexample" not in record


def test_batch_exit_codes_when_verdicts_mix(run, tmp_path):
    right = {"expr": "x**2", "var": "x", "answer": "2*x"}
    wrong = {"expr": "x**2", "var": "x", "answer": "2*x + 10**-40"}
    unsure = {"expr": "sqrt(x + 2*sqrt(x - 1))", "var": "x", "answer": "1/(2*sqrt(x - 1))"}
    unreadable = {"expr": "x**2", "var": "x", "answer": "2*x +"}

    def batch(*records):
        path = tmp_path / "answers.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return run("check", "--file", str(path), "--format", "json")

    assert batch(right, right).exit_code == 0
    mixed = batch(right, unsure)
    assert mixed.exit_code == 3  # nothing failed, something is unsettled
    assert "symdiff: 2 lines: 1 right, 1 inconclusive" in mixed.stderr
    assert batch(right, unsure, wrong).exit_code == 1  # a failure outranks an unsettled answer
    assert batch(unsure, unreadable).exit_code == 1
