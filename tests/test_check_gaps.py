"""`--check` on a gradient, Hessian or Jacobian says "agree" only when every derivative was checked.

try-44: `grad "sin(10**12*x)+y" --check` said the gradient agrees with central differences, from ∂f/∂y
alone; no point could judge ∂f/∂x. A combination with a derivative left unchecked is now `unchecked`,
names that derivative and why (JSON `unchecked`), and keeps the agreement of the others; every format
that shows the result shows the check.
"""

from __future__ import annotations

import json

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symdiff
from symdiff.core.messages import language
from symdiff.render.text import check_lines
from helpers import invoke

NAMES = ("x", "y", "z")
# a term no step can resolve (it is real everywhere), a term every point resolves
FAST, SLOW = "sin({k}*10^12*{v})", "{v}^{n}"

PROPERTY = settings(max_examples=12, deadline=None, derandomize=True, database=None)


@st.composite
def sums(draw):
    """f as a sum of one term in each variable, some of them too fast to check; the fast variables."""
    count = draw(st.integers(2, 3))
    fast = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    terms = [(FAST if quick else SLOW).format(k=draw(st.integers(1, 9)), n=draw(st.integers(1, 3)), v=v)
             for v, quick in zip(NAMES, fast)]
    return " + ".join(terms), {v for v, quick in zip(NAMES, fast) if quick}, NAMES[:count]


def _labels(gaps) -> set[str]:
    return {g["derivative"] for g in gaps}


@PROPERTY
@given(sums())
def test_a_gradient_agrees_only_if_every_partial_was_checked(case):
    text, fast, names = case
    check = symdiff.gradient(text, check=True).check
    assert _labels(check.gaps) == {f"∂f/∂{v}" for v in fast}, (text, check)
    assert check.status == ("agree" if not fast else "unchecked"), (text, check)
    assert check.derivatives == len(names) - len(fast), (text, check)
    record = check.to_dict()
    assert {g["derivative"] for g in record.get("unchecked", [])} == {f"∂f/∂{v}" for v in fast}
    for lang in ("en", "ko"):
        with language(lang):
            said = "\n".join(check_lines(check))
        for v in fast:  # each one left unchecked is named, never folded into an agreement
            assert f"∂f/∂{v}" in said, (lang, said)
        if fast and len(fast) < len(names):
            assert ("agree" in said) if lang == "en" else ("일치합니다" in said), said


@PROPERTY
@given(sums())
def test_a_hessian_and_a_jacobian_follow_the_same_rule(case):
    text, fast, names = case
    hessian = symdiff.hessian(text, check=True).check
    assert {g["derivative"] for g in hessian.gaps} == {f"∂²f/∂{v}²" for v in fast}, (text, hessian)
    assert hessian.status == ("agree" if not fast else "unchecked")
    rows = f"{text}; {names[0]}*{names[1]}"
    jacobian = symdiff.jacobian(rows, check=True).check
    assert {g["derivative"] for g in jacobian.gaps} == {f"∂f1/∂{v}" for v in fast}, (rows, jacobian)
    assert jacobian.status == ("agree" if not fast else "unchecked")


def test_nothing_checked_keeps_the_single_reason():
    check = symdiff.gradient("sin(10^12*x) + sin(3*10^12*y)", check=True).check
    assert check.status == "unchecked" and check.reason == "unresolved" and check.at is None
    assert _labels(check.gaps) == {"∂f/∂x", "∂f/∂y"}
    assert "agree" not in "\n".join(check_lines(check))


def test_every_format_shows_the_check():
    for fmt in ("text", "markdown", "latex", "html"):
        out = invoke("grad", "sin(10^12*x) + y", "--check", "--format", fmt)
        assert out.exit_code == 0, out.output
        assert "not checked" in out.output and "agrees" in out.output, (fmt, out.output)
    out = invoke("grad", "sin(10^12*x) + y", "--check", "--format", "json")
    record = json.loads(out.stdout)["check"]
    assert record["status"] == "unchecked" and record["unchecked"] == [{"derivative": "∂f/∂x", "reason": "unresolved"}]
    assert record["derivative"] == "∂f/∂y" and record["derivatives"] == 1


# --- try-45: a right derivative is never accused; f real nowhere checks nothing; a Hessian's zeros count


@PROPERTY
@given(st.integers(1, 4), st.integers(20, 40), st.integers(5, 15), st.sampled_from(["sin", "cos"]))
def test_a_tiny_fast_term_never_makes_a_right_derivative_disagree(n, small, gap, func):
    """x + 10⁻³⁰·sin(10⁴⁰x): the difference quotient is 1 at every step, the derivative 1 + 10¹⁰·cos(10⁴⁰x)
    (right). SymPy's own derivative agrees with it, so the check says it could not resolve f, not DISAGREES."""
    text = f"x^{n} + 10^(-{small})*{func}(10^{small + gap}*x)"
    check = symdiff.partial(text, "x", check=True).check
    assert check.status == "unchecked" and check.reason == "unresolved", (text, check)


@PROPERTY
@given(st.integers(1, 4), st.integers(1, 3), st.integers(2, 9))
def test_a_wrong_derivative_still_disagrees(n, m, c):
    """The second opinion confirms a disagreement, it does not excuse one: a result off by c·x^m."""
    from symdiff.scalar.check import check_derivative
    from symdiff.scalar.parsing import parse

    f = parse(f"x^{n + 1} + sin(x)")
    x = sorted(f.free_symbols, key=str)[0]
    wrong = (n + 1) * x**n + sympy.cos(x) + c * x**m
    assert check_derivative(f, (x,), wrong).status == "disagree"


@PROPERTY
@given(st.integers(1, 5), st.sampled_from(["y^2", "sin(y)", "y^3 + y", "exp(y)"]), st.sampled_from(["grad", "hessian"]))
def test_a_function_real_nowhere_has_no_derivative_checked(c, g, command):
    text = f"sqrt(-{c} - x^2) + {g}"
    result = symdiff.gradient(text, check=True) if command == "grad" else symdiff.hessian(text, check=True)
    check = result.check
    assert check.status == "unchecked" and check.reason == "not_real" and check.at is None, (text, check)
    assert "agree" not in "\n".join(check_lines(check))


@PROPERTY
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(0, 2), st.integers(0, 2), st.integers(0, 2)),
                min_size=1, max_size=4))
def test_every_entry_of_a_small_hessian_is_checked(terms):
    """try-45: `hessian "x*y" --check` agreed from ∂²f/∂y∂x alone; its zeros ∂²f/∂x², ∂²f/∂y² were never
    compared. Every distinct entry of a Hessian of up to 6 variables now is."""
    text = " + ".join(f"{c}*x^{a}*y^{b}*z^{d}" for c, a, b, d in terms) + " + x + y + z"
    check = symdiff.hessian(text, check=True).check
    assert check.status == "agree" and check.derivatives == 6, (text, check)


# --- check of an answer for a function real nowhere (try-48: "Unreadable", exit 2, in English under --lang ko)

@pytest.mark.parametrize("expr, answer", [("sqrt(-1-x^2)", "0"), ("log(-1-x^2)", "2*x"), ("sqrt(-2-sin(x))", "x")])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_answer_for_a_function_real_nowhere_is_inconclusive_and_says_why(expr, answer, lang):
    result = invoke("check", expr, "x", answer, "--lang", lang)
    assert result.exit_code == 3, result.stdout + result.stderr
    said = result.stdout
    assert ("real at none of the random points" in said) if lang == "en" else ("실수 값이 아니어서" in said), said
    record = json.loads(invoke("check", expr, "x", answer, "--format", "json").stdout)
    assert record["verdict"] == "inconclusive" and "error" not in record
