"""A teacher's reading of grad, hessian and jacobian: sibling partials in one form, the form a textbook
leaves (a sum stays a sum when only a monomial would come out of it), one ∂f/∂x for the reader (a
Hessian differentiates the first partial as its answer states it), and each derivation closed by the
equation it derived."""

from __future__ import annotations

import re

import pytest
import sympy
from helpers import invoke
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from symdiff.api import gradient, hessian, partial
from symdiff.render.notation import latex, unicode
from symdiff.render.order import differentiated, showing, shown_result
from symdiff.scalar.parsing import parse
from symdiff.scalar.tidy import textbook

X, Y = sympy.symbols("x y", real=True)

# functions of x and y, no two alike (nothing collects across terms), each with a monomial beside it
FUNCTIONS = ["exp(x*y)", "sin(x*y)", "cos(x)", "log(y)", "atan(x)", "exp(y)", "sin(2*y)", "sqrt(x)"]
term = st.tuples(st.sampled_from([1, 2, 3, -1, -2, 5]), st.integers(0, 3), st.integers(0, 3))


def _monomial_only_out(tidy: sympy.Expr, raw: sympy.Expr) -> bool:
    """Whether `tidy` is `raw` (a sum) with a monomial (whole number, symbols to powers) taken out and
    the same terms left in the bracket: read off the two forms, not from the tidy module."""
    if not (raw.is_Add and tidy.is_Mul):
        return False
    monomial = [f for f in tidy.args if f.is_Integer or f.is_Symbol or (f.is_Pow and f.base.is_Symbol and f.exp.is_positive)]
    rest = [f for f in tidy.args if f not in monomial]
    if not monomial or len(rest) != 1 or not rest[0].is_Add:
        return False
    if not sympy.Mul(*monomial).free_symbols:  # a number (a sign): 2(w·x + b − y) is the chain rule's form
        return False
    return sympy.Add(*(sympy.Mul(*monomial) * t for t in rest[0].args)) == raw


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(term, min_size=2, max_size=4), st.permutations(FUNCTIONS), st.sampled_from(["y", "x**2", "x*y", "3*y"]))
@example([(1, 2, 0), (1, 0, 0)], FUNCTIONS, "y")  # 3x²y + ye^{xy}, the teacher's ∂f/∂x
def test_a_sum_of_monomials_times_functions_keeps_its_sum_form(terms, functions, shared):
    total = sum((parse(f"{c}*x**{a}*y**{b}*{shared}*{g}") for (c, a, b), g in zip(terms, functions)), sympy.S.Zero)
    if not total.is_Add:
        return
    tidy = textbook(total)
    assert tidy.is_Add, (total, tidy)  # only the shared monomial would have come out: the sum is kept
    assert sympy.expand(tidy - total) == 0


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(term, st.sampled_from(FUNCTIONS)), min_size=2, max_size=3, unique_by=lambda t: t[1]))
@example([((1, 3, 1), "1"), ((1, 0, 0), "exp(x*y)")])
@example([((1, 2, 1), "1"), ((1, 0, 0), "sin(x*y)")])
def test_sibling_partials_and_the_form_a_hessian_differentiates(terms):
    text = " + ".join(f"{c}*x**{a}*y**{b}*{g}" for (c, a, b), g in terms)
    h = hessian(text, vars=["x", "y"])
    with showing(h):
        boxes = {i: shown_result(d) for i, d in enumerate(h.gradient.partials)}
        for i, d in enumerate(h.gradient.partials):
            # no partial is a sum with only a monomial taken out, whichever sibling it is
            assert not _monomial_only_out(d.result, d.step.result), (text, d.var, d.result)
        for (i, j) in h.second_steps:
            second = h.second_derivation(i, j)
            # the form differentiated is the form boxed, printed alike in every notation
            assert second.step.expr == h.gradient.partials[i].result
            for printer in (unicode, latex):
                assert printer(differentiated(second)) == printer(boxes[i]), (text, i, j)


def _boxes_and_headings(out: str) -> tuple[dict, dict]:
    """∂f/∂x = … as each first partial's derivation closes, and as each second partial's heading names it."""
    boxed = dict(re.findall(r"^  (∂f/∂\w) = (.*)$", out, re.M))
    headed: dict = {}
    for name, form in re.findall(r"differentiating (∂f/∂\w) = (.*) with respect to \w:$", out, re.M):
        headed.setdefault(name, set()).add(form)
    return boxed, headed


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(term, st.sampled_from(FUNCTIONS)), min_size=2, max_size=3, unique_by=lambda t: t[1]))
@example([((1, 3, 1), "1"), ((1, 0, 0), "exp(x*y)")])
def test_the_text_view_shows_one_first_partial(terms):
    text = " + ".join(f"{c}*x**{a}*y**{b}*{g}" for (c, a, b), g in terms)
    out = invoke("hessian", text, "--vars", "x,y", "--format", "text").output
    boxed, headed = _boxes_and_headings(out)
    assert headed and set(headed) <= set(boxed), out
    for name, forms in headed.items():
        assert forms == {boxed[name]}, (name, forms, boxed[name])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 3), st.integers(1, 4), st.integers(1, 5), st.integers(3, 5))
def test_a_product_over_a_power_of_a_sum_keeps_its_factored_form(a, n, c, k):
    # x^a(xⁿ + c)^k′: the common factor (xⁿ + c)^(k−1) is a power of a sum, which factoring earns its place by
    r = partial(f"x**{a}*(x**{n} + {c})**{k}", "x")
    powers_of_sums = [f for f in sympy.Mul.make_args(r.result) if f.is_Pow and f.base.is_Add]
    assert r.result.is_Mul and powers_of_sums, r.result
    assert sympy.expand(r.result - r.derivations[0].step.result) == 0


# --- the teacher's examples


def test_the_teachers_gradient_leaves_both_partials_as_sums():
    g = gradient("x**2*y + sin(x*y)")
    assert [unicode(e) for e in g.gradient] == ["2·x·y + y·cos(x·y)", "x² + x·cos(x·y)"]
    out = invoke("grad", "x**2*y + sin(x*y)", "--format", "text").output
    assert "∇f = [2·x·y + y·cos(x·y), x² + x·cos(x·y)]ᵀ" in out
    assert "Simplified" not in out


def test_the_teachers_hessian_shows_one_first_partial():
    text = invoke("hessian", "x**3*y + exp(x*y)", "--format", "text").output
    assert "  ∂f/∂x = 3·x²·y + y·eˣʸ\n" in text and "y·(3·x² + eˣʸ)" not in text
    assert "differentiating ∂f/∂x = 3·x²·y + y·eˣʸ with respect to x:" in text
    md = invoke("hessian", "x**3*y + exp(x*y)", "--lang", "ko", "--format", "markdown").output
    boxes = set(re.findall(r"^\$\$\\frac\{\\partial f\}\{\\partial x\} = (.*)\$\$$", md, re.M))
    headings = set(re.findall(r"\$\\frac\{\\partial f\}\{\\partial x\} = (.*?)\$의 \$[xy]\$에 대한 편(?:미분|도함수)", md))
    assert boxes == headings == {r"3 x^{2} y + y e^{x y}"}, (boxes, headings)
    tex = invoke("hessian", "x**3*y + exp(x*y)", "--format", "latex").output
    boxes = set(re.findall(r"\\Rightarrow\\ \\frac\{\\partial f\}\{\\partial x\} = (.*)$", tex, re.M))
    headings = set(re.findall(r"\$\\frac\{\\partial f\}\{\\partial x\} = (.*?)\$ with respect to", tex))
    assert boxes == headings == {r"3 x^{2} y + y e^{x y}"}, (boxes, headings)


def test_a_factor_that_is_a_power_of_a_sum_is_differentiated_as_boxed():
    # ∂f/∂x = 12x³y(x⁴ + 2)²: factored (a power of a sum), and its second partials differentiate it so
    h = hessian("(x**4 + 2)**3*y")
    assert h.second_steps[(0, 0)].expr == h.gradient.partials[0].result
    out = invoke("hessian", "(x**4 + 2)**3*y", "--format", "text").output
    boxed, headed = _boxes_and_headings(out)
    assert boxed["∂f/∂x"] == "12·x³·y·(x⁴ + 2)²" and headed["∂f/∂x"] == {boxed["∂f/∂x"]}


@pytest.mark.parametrize("lang, words", [("en", "Gradient"), ("ko", "그래디언트(기울기 벡터)")])
def test_the_latex_gradient_is_introduced(lang, words):
    out = invoke("grad", "x**2*y + sin(y)", "--lang", lang, "--format", "latex").output
    first = out.splitlines()[0]
    assert first.startswith(r"\noindent\textbf{") and words in first and r"$\nabla f$" in first, first


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt, closing", [
    ("text", r"^  (∂f\d/∂\w) = (.*)$"),
    ("markdown", r"^\$\$\\frac\{\\partial f_\{\d\}\}\{\\partial \w\} = (.*)\$\$$"),
    ("latex", r"^&\\Rightarrow\\ \\frac\{\\partial f_\{\d\}\}\{\\partial \w\} = (.*)$"),
    ("html", r'<p><math display="block"><mfrac><mrow><mo>∂</mo><msub><mi>f</mi>'),
])
def test_each_jacobian_entry_closes_with_its_equation(lang, fmt, closing):
    out = invoke("jacobian", "x*y; x + y; sin(x)", "--lang", lang, "--format", fmt).output
    assert len(re.findall(closing, out, re.M)) == 6, out  # one for each of the 3×2 entries
    if fmt == "text":
        found = dict(re.findall(closing, out, re.M))
        assert found == {"∂f1/∂x": "y", "∂f1/∂y": "x", "∂f2/∂x": "1", "∂f2/∂y": "1", "∂f3/∂x": "cos(x)",
                         "∂f3/∂y": "0"}
