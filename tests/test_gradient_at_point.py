"""∇f at a point worked as a teacher works it (a reviewing teacher's finding): each partial with the
point's values put in, unevaluated, then its exact value and decimal, in every human view and both
languages; |∇f| said once to be the length of ∇f and the rate of steepest ascent. And the Hessian's
presentation: each first partial stated as an equation, each second partial's heading naming the form
it differentiates; the Korean terms 그래디언트(기울기 벡터) and 슈바르츠 정리(클레로 정리)."""

from __future__ import annotations

import json
import re

import pytest
import sympy
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from symdiff.api import gradient
from symdiff.render.notation import PointValue, unicode
from symdiff.render.substituted import latex_substituted, mathml_substituted, substituted, substituted_partials
from symdiff.scalar.parsing import parse, symbol

PROPERTY = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
FORMATS = ("text", "rich", "markdown", "latex", "html")
LANGS = ("en", "ko")
TEACHER = ("grad", "sin(x*y) + x**2*y", "--at", "x=1,y=2")


def _computed(tree) -> sympy.Expr:
    """The substituted tree with each value put back as its number and everything computed."""
    values = {v: v.number for v in sympy.preorder_traversal(tree) if isinstance(v, PointValue)}
    return sympy.simplify(tree.args[0].xreplace(values).doit())


# --- the teacher's example, in every view

_EXPECTED = {
    "text": ["∂f/∂x(1, 2) = 2·cos(1·2) + 2·1·2 = 2·cos(2) + 4 ≈ 3.16771",
             "∂f/∂y(1, 2) = 1·cos(1·2) + 1² = 1 + cos(2) ≈ 0.583853"],
    "rich": ["∂f/∂x(1, 2) = 2·cos(1·2) + 2·1·2 = 2·cos(2) + 4 ≈ 3.16771"],
    "markdown": [r"$\frac{\partial f}{\partial x}\left(1, 2\right) = 2 \cdot \cos(1 \cdot 2) + 2 \cdot 1 \cdot 2"
                 r" = 2 \cos 2 + 4 \approx 3.16771$"],
    "latex": [r"$\frac{\partial f}{\partial x}\left(1, 2\right) = 2 \cdot \cos(1 \cdot 2) + 2 \cdot 1 \cdot 2"
              r" = 2 \cos 2 + 4 \approx 3.16771$"],
    "html": ["<mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>x</mi></mrow></mfrac>"
             "<mrow><mo>(</mo><mn>1</mn><mo>,</mo><mn>2</mn><mo>)</mo></mrow><mo>=</mo><mrow><mrow><mn>2</mn>"
             "<mo>&#183;</mo><mrow><mi>cos</mi>"],
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_each_partial_is_worked_out_at_the_point_before_the_vector(run, fmt, lang):
    out = run(*TEACHER, "--format", fmt, "--lang", lang).stdout
    for expected in _EXPECTED[fmt]:
        assert expected in out, out
    # the partials come before the vector that gathers their values
    first = out.index(_EXPECTED[fmt][0])
    assert out.index("∇" if fmt in ("text", "rich", "html") else r"\nabla f", first) > first
    # no programming notation in the values at the point (Markdown's bold elsewhere is markup)
    words = re.sub(r"<[^>]+>", " ", out[first:]) if fmt == "html" else out[first:]
    assert "**" not in words and "Abs(" not in words and ("^" not in words or fmt in ("markdown", "latex"))


def test_without_steps_the_values_are_put_into_the_partials_as_the_vector_writes_them(run):
    out = run(*TEACHER, "--format", "text", "--no-steps").stdout
    # both partials left as the sums a textbook leaves (no monomial y taken out of one of them alone),
    # in the order the steps close with (the same answer with and without them)
    assert "∇f = [∂f/∂x, ∂f/∂y]ᵀ = [y·cos(x·y) + 2·x·y, x·cos(x·y) + x²]ᵀ" in out
    assert "∂f/∂x(1, 2) = 2·cos(1·2) + 2·1·2 = 2·cos(2) + 4 ≈ 3.16771" in out
    stepped = run(*TEACHER, "--format", "text").stdout
    assert "∇f = [y·cos(x·y) + 2·x·y, x·cos(x·y) + x²]ᵀ" in stepped


def test_negative_and_fractional_values_are_bracketed_and_not_multiplied_out(run):
    out = run("grad", "x**2*y - y/x", "--at", "x=-1,y=1/2", "--format", "text", "--no-steps").stdout
    assert "∂f/∂x(−1, 1/2) = 2·(−1)·(1/2) + (1/2)/(−1)² = −1/2 = −0.5" in out, out
    assert "∂f/∂y(−1, 1/2) = (−1)² − 1/(−1) = 2" in out, out
    md = run("grad", "x - y", "--at", "x=1,y=-2", "--format", "markdown", "--no-steps").stdout
    assert "∂f/∂x" not in md or "1 - -2" not in md


def test_values_side_by_side_in_an_exponent_are_not_run_together(run):
    out = run("grad", "exp(x*y)", "--at", "x=1,y=2", "--format", "text", "--no-steps").stdout
    assert "exp(1·2)" in out and "e¹²" not in out, out
    assert r"e^{1 \cdot 2}" in run("grad", "exp(x*y)", "--at", "x=1,y=2", "--format", "latex").stdout


def test_a_partial_that_is_a_variable_or_a_constant_is_its_value(run):
    out = run("grad", "x*y + 3*x", "--at", "x=1,y=2", "--format", "text", "--no-steps").stdout
    assert "∂f/∂x(1, 2) = 2 + 3 = 5" in out
    assert "∂f/∂y(1, 2) = 1\n" in out and "= 1 = 1" not in out, out


def test_json_gives_the_exact_values_and_the_substituted_partials(run):
    record = json.loads(run(*TEACHER, "--format", "json", "--no-steps").stdout)
    assert record["exact"]["gradient"] == ["2*cos(2) + 4", "cos(2) + 1"]
    for text, value in zip(record["substituted"], record["value"]):
        assert abs(float(parse(text)) - value) < 1e-12  # read back by symdiff's own parser
    assert "substituted" not in json.loads(run("grad", "x*y", "--format", "json").stdout)


def test_the_length_of_the_gradient_is_said_once(run):
    for fmt in FORMATS:
        for lang in LANGS:
            out = run(*TEACHER, "--format", fmt, "--lang", lang).stdout
            assert out.count("3.22106") == 1, (fmt, lang, out)
    text = run(*TEACHER, "--format", "text").stdout
    assert "|∇f| ≈ 3.22106, the length of ∇f: the rate at which f rises fastest there" in text


# --- generated functions and points: the substitution is honest

_FUNCTIONS = [lambda a: a, sympy.sin, sympy.cos, sympy.exp, lambda a: a**2, lambda a: 1 / (1 + a**2)]


@st.composite
def _cases(draw):
    x, y = symbol("x"), symbol("y")
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        c = draw(st.integers(-3, 3).filter(bool))
        i, j = draw(st.integers(0, 3)), draw(st.integers(0, 2))
        g = draw(st.sampled_from(_FUNCTIONS))
        terms.append(c * x**i * y**j * g(draw(st.sampled_from([x, y, x * y, x + y]))))
    f = sympy.Add(*terms) + x * y
    number = st.one_of(st.integers(-3, 3), st.fractions(-2, 2, max_denominator=3).map(sympy.Rational))
    return f, {"x": draw(number), "y": draw(number)}


@PROPERTY
@given(_cases())
def test_the_values_put_in_compute_to_the_partials_value(case):
    f, at = case
    text = str(f).replace("**", "^")  # the input as a person types it
    result = gradient(text, at=",".join(f"{k}={v}" for k, v in at.items()))
    trees = substituted_partials(result)
    note((text, at, trees))
    if trees is None:
        return
    for tree, d, value in zip(trees, result.partials, result.value):
        if tree is None:
            continue
        computed = _computed(tree)
        assert abs(complex(computed.evalf(30)) - value) <= 1e-9 * (1 + abs(value)), (tree, d.result)
        shown = [unicode(tree), latex_substituted(tree), mathml_substituted(tree)]
        assert all("**" not in s and "Abs(" not in s for s in shown)
        assert "^" not in shown[0]
        # every value put in is printed, none multiplied out with its neighbours
        values = [v.number for v in sympy.preorder_traversal(tree.args[0]) if isinstance(v, PointValue)]
        assert len(values) >= 1


def test_substituted_keeps_the_order_written():
    x, y = symbol("x"), symbol("y")
    # the values stand where the variables stood in the partial as printed, term for term
    for expr in (y * sympy.cos(x * y) + 2 * x * y, y * (sympy.cos(x * y) + 2 * x), x**2 + x * sympy.cos(x * y)):
        tree = substituted(expr, {x: sympy.Integer(1), y: sympy.Integer(2)})
        assert unicode(tree) == unicode(expr).replace("x", "1").replace("y", "2")


# --- the Hessian: first partials stated, the form differentiated named

_HESSIAN = ("hessian", "x**3*y + exp(x*y)")
_STATED = {
    "text": ("  ∂f/∂x = 3·x²·y + y·eˣʸ", "∂²f/∂x², differentiating ∂f/∂x = 3·x²·y + y·eˣʸ with respect to x"),
    "rich": ("∂f/∂x = 3·x²·y + y·eˣʸ", "∂²f/∂x², differentiating ∂f/∂x = 3·x²·y + y·eˣʸ with respect to x"),
    "markdown": (r"$$\frac{\partial f}{\partial x} = 3 x^{2} y + y e^{x y}$$",
                 r"Differentiating $\frac{\partial f}{\partial x} = 3 x^{2} y + y e^{x y}$ with respect to $x$"),
    "latex": (r"\Rightarrow\ \frac{\partial f}{\partial x} = 3 x^{2} y + y e^{x y}",
              r"Differentiating $\frac{\partial f}{\partial x} = 3 x^{2} y + y e^{x y}$ with respect to $x$"),
    "html": ('<math display="block"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>x</mi></mrow>'
             "</mfrac><mo>=</mo>", "Differentiating <math>"),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_hessian_states_each_first_partial_and_names_the_form_differentiated(run, fmt):
    out = run(*_HESSIAN, "--format", fmt).stdout
    stated, heading = _STATED[fmt]
    assert stated in out and heading in out, out
    # stated before the second partials that differentiate it
    assert out.index(stated) < out.index(heading)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_hessian_in_korean_names_the_form_and_the_theorem(run, fmt):
    out = run(*_HESSIAN, "--format", fmt, "--lang", "ko").stdout
    assert "슈바르츠 정리(클레로 정리)" in out, out
    # the documents' lead (∂f/∂x = …의 x에 대한 편도함수를 구하면), the text view's heading (…의 x에 대한 편미분)
    assert any(f"의 {x}에 대한 편{word}" in out for x in ("x", "<math><mi>x</mi></math>", "$x$")
               for word in ("미분", "도함수"))


@pytest.mark.parametrize("fmt", ("markdown", "html"))
def test_the_gradient_is_introduced_as_a_korean_textbook_names_it(run, fmt):
    out = run("grad", "x**2*y", "--format", fmt, "--lang", "ko").stdout
    assert "그래디언트(기울기 벡터)" in out
    text = run("grad", "x**2*y", "--at", "x=1,y=2", "--format", "text", "--lang", "ko").stdout
    assert "그래디언트(기울기 벡터)의 크기는" in text


@pytest.mark.parametrize("fmt, written", [("text", "1 + cos(2) ≈ 0.583853"), ("markdown", r"1 + \cos 2 \approx"),
                                          ("latex", r"1 + \cos 2 \approx")])
def test_a_number_beside_a_function_value_comes_first(run, fmt, written):
    """1 + cos 2, as a teacher writes it (SymPy's order is cos 2 + 1); 2·cos(2) + 4 keeps its order."""
    out = run(*TEACHER, "--format", fmt).stdout
    assert written in out and "cos(2) + 1" not in out and r"\cos 2 + 1" not in out, out


def test_a_sign_is_put_in_as_the_views_write_it(run):
    """sign(x) is written x/|x| in every view: the values go into that form, not into sgn."""
    for fmt in ("text", "markdown", "latex"):
        out = run("grad", "abs(x)*y", "--at", "x=-1,y=2", "--format", fmt, "--no-steps").stdout
        assert "sgn" not in out and "sign" not in out, (fmt, out)
        assert ("−2" if fmt == "text" else "-2") in out
