"""A caveat on where a partial derivative holds calls it one (read-11): `partial "sqrt(x^2+y^2)" x --lang ko`
said "도함수는 x² + y² ≠ 0인 곳에서만 성립합니다" of ∂f/∂x; a Korean teacher writes 편도함수 (and English
"the partial derivative"). A function of one variable keeps 도함수, "the derivative"."""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symdiff
from symdiff.core.messages import language

PROPERTY = settings(max_examples=20, deadline=None, derandomize=True, database=None)

# a function with a caveat (a root, a log, an |u|, a root at 0), of x alone
CAVEATED = ["sqrt({u})", "log({u})", "abs({u})", "({u})^(1/3)"]
INNER = ["x", "x^2 + 1", "x - 2", "3*x"]
OTHER = ["", " + y", "*y", " + y^2*z"]


@PROPERTY
@given(st.sampled_from(CAVEATED), st.sampled_from(INNER), st.sampled_from(OTHER))
def test_a_partial_derivatives_caveat_names_a_partial_derivative(form, inner, other):
    text = form.format(u=inner) + other
    result = symdiff.partial(text, "x")
    several = other != ""
    cautions = [n for n in result.warnings if n.kind in ("root_domain", "root_zero", "sign_undefined", "log_domain")]
    for note in cautions:
        with language("ko"):
            ko = note.words(str)
        with language("en"):
            en = note.words(str)
        if "도함수" in ko:
            assert ("편도함수" in ko) == several, (text, ko)
        if "derivative" in en:
            assert ("partial derivative" in en) == several, (text, en)


def test_implicit_says_here_y_is_a_function_of_x():
    from helpers import invoke

    out = invoke("implicit", "x^2 + y^2 = 25").stdout
    assert out.startswith("Here y is a function of x, y = y(x)"), out[:80]
    assert "Y is a function" not in out


@PROPERTY
@given(st.integers(1, 5), st.integers(-3, 3), st.sampled_from(["1/sqrt({u})", "({u})^(-3/4)", "({u})^(-1/2)"]),
       st.sampled_from(["", " + x^(2/3)"]))
def test_an_even_root_in_a_denominator_says_where_it_is_defined(c, a, form, beside):
    """read-11: x^(2/3) + 1/√x said only "holds where x ≠ 0" (∛(x²)'s caveat); 1/√x is defined where x > 0."""
    from symdiff.scalar.notes import condition

    text = f"{c}*" + form.format(u=f"x + ({a})") + beside
    result = symdiff.partial(text, "x")
    roots = [n for n in result.warnings if n.kind == "root_domain"]
    assert roots, (text, [n.message for n in result.warnings])
    assert any("x > " in str(condition(n)) or "> " in n.message for n in roots), [n.message for n in roots]
    with language("ko"):
        assert all("정의되므로" in n.words(str) for n in roots if n.key.endswith("reciprocal"))


@PROPERTY
@given(st.integers(2, 6), st.integers(1, 4), st.integers(-2, 2))
def test_a_power_of_abs_x_has_its_derivative_at_0_and_its_textbook_form(n, c, a):
    """read-11: d/dx |x|³ was x³/|x| + 2x|x| with "there is no derivative at x = 0"; f′(0) = 0 exists, and
    a textbook writes 3x|x|. The answer has no 1/|u| or sign(u) left for a power, and no false caveat."""
    shifted = f"(x - ({a}))" if a else "x"
    result = symdiff.partial(f"{c}*abs({shifted})^{n}", "x")
    answer = result.derivations[0].result
    assert not answer.has(sympy.sign) and not any(p.exp.is_negative for p in answer.atoms(sympy.Pow)
                                                  if isinstance(p.base, sympy.Abs)), answer
    assert not [w for w in result.warnings if w.kind == "sign_undefined"], [w.message for w in result.warnings]
    x = sorted(answer.free_symbols, key=str)[0]
    exact = sympy.diff(c * sympy.Abs(x - a) ** n, x)
    for point in (sympy.Rational(1, 3) + a, -sympy.Rational(5, 2) + a, 2 + a):
        assert sympy.simplify((answer - exact).subs(x, point)) == 0


@PROPERTY
@given(st.integers(2, 6), st.integers(1, 3))
def test_a_power_over_abs_is_tidied_to_the_same_function(n, c):
    """uⁿ/|u| is written u^(n−2)·|u|: equal to it wherever it is defined, on both sides of 0."""
    from symdiff.scalar.parsing import parse
    from symdiff.scalar.tidy import textbook

    raw = parse(f"{c}*x^{n}/abs(x)")
    x = sorted(raw.free_symbols, key=str)[0]
    tidied = textbook(raw)
    assert not any(isinstance(p.base, sympy.Abs) and p.exp.is_negative for p in tidied.atoms(sympy.Pow)), tidied
    for point in (-3, -sympy.Rational(1, 2), sympy.Rational(2, 7), 5):
        assert sympy.simplify((tidied - raw).subs(x, point)) == 0, (raw, tidied, point)
