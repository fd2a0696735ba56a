"""A document's sentence is never cut into pieces (issue 16, a teacher's review): a formula too wide for
its line is displayed after the sentence's words, so no paragraph is a bare ending ("입니다.") or starts
with punctuation (", which gives"); the Korean tangent says its remark before the ending."""

from __future__ import annotations

import re

import pytest
import test_invariant as generated
from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symdiff import partial
from symdiff.core.errors import SymdiffError
from symdiff.core.messages import language
from symdiff.render import latex as render_latex

_INTERTEXT = re.compile(r"\\intertext\{(?:\\leftskip=\d+em\\relax )?(.*)\}$", re.M)
# a paragraph that is a piece of a sentence: punctuation first, or only a Korean ending
_FRAGMENT = re.compile(r"[,.;:)]|(?:입니다|이다|이고|이며)(?:[.,\s]|$)")


def _fragments(tex: str) -> list[str]:
    return [text for text in _INTERTEXT.findall(tex) if _FRAGMENT.match(text)]


# sums, products and quotients of generated expressions: long enough that their substitutions, sums and
# constant factors are too wide for a line of text
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(generated.expressions, min_size=3, max_size=4), st.sampled_from([" * ", " + ", " / "]),
       st.sampled_from(["x", "y"]))
def test_no_paragraph_is_a_piece_of_a_sentence(texts, op, var):
    try:
        result = partial(op.join(f"({t})*y" if n % 2 else f"({t})" for n, t in enumerate(texts)), var)
    except SymdiffError:
        assume(False)
    for lang in ("en", "ko"):
        with language(lang):
            tex = render_latex.render(result)
        assert not _fragments(tex), (lang, _fragments(tex))


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("expr", ["sin(x^2)^3*exp(x^2)", "(2*x - 5)^2*(x^4 + 2)^3",
                                  "x + (y^2 + sin(y))*(cos(y) + exp(y))*(y^3 + 1)*log(y + 2)*atan(y)"])
def test_wide_substitutions_are_introduced_whole(run, lang, expr):
    result = run("partial", expr, "x", "--format", "latex", "--lang", lang)
    assert result.exit_code == 0
    assert not _fragments(result.stdout), _fragments(result.stdout)


def test_korean_wide_formula_that_ends_its_sentence_follows_it(run):
    tex = run("partial", "sin(x^2)^3*exp(x^2)", "x", "--format", "latex", "--lang", "ko").stdout
    assert r"\intertext{대입하여 계산하면 다음과 같습니다.}" in tex
    assert r"\intertext{입니다.}" not in tex


def test_english_substitution_says_what_the_display_is(run):
    tex = run("partial", "(3*x^2 + 1)^3*(x^3 - 2*x + 5)^4*cos(x)", "x", "--format", "latex").stdout
    assert "Substituting the pieces and simplifying gives}" in tex
    assert ", which gives}" not in tex


def test_a_formula_the_sentence_goes_on_after_is_numbered(run):
    # the held constant c = … is too wide for its sentence, which goes on after it in English
    expr = "x + (y^2 + sin(y))*(cos(y) + exp(y))*(y^3 + 1)*log(y + 2)*atan(y)"
    for lang, name in (("en", "(1)"), ("ko", "식 (1)")):
        tex = run("partial", expr, "x", "--format", "latex", "--lang", lang).stdout
        if r"\tag*{(1)}" in tex:
            assert name in tex


# --- the Korean tangent: its remark before the ending, no parenthesis after 입니다

@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["x^2*y", "sin(x)*y", "exp(x*y)", "x^3", "sqrt(x)", "x*y*z"]),
       st.sampled_from(["markdown", "latex", "html", "text"]))
def test_korean_tangent_has_no_remark_after_its_ending(expr, fmt):
    names = sorted({c for c in expr if c in "xyz"})
    at = ",".join(f"{v}={n}" for n, v in enumerate(names, 1))
    result = invoke("tangent", expr, "--at", at, "--lang", "ko", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "선형 근사" in result.stdout
    assert not re.search(r"(입니다|습니다) \(", result.stdout), result.stdout


def test_korean_tangent_plane_sentence(run):
    out = run("tangent", "x^2*y", "--at", "x=1,y=2", "--lang", "ko").stdout
    assert ("(x, y) = (a, b)에서의 접평면은 f의 선형 근사 z = f(a, b) + f_x(a, b)·(x − a) + f_y(a, b)·(y − b)"
            "입니다. 여기서 f_x = ∂f/∂x, f_y = ∂f/∂y는 f의 편도함수입니다.") in out


_DEFINED = {
    ("en", "text"): "where f_x = ∂f/∂x, f_y = ∂f/∂y are the partial derivatives",
    ("ko", "text"): "여기서 f_x = ∂f/∂x, f_y = ∂f/∂y는 f의 편도함수입니다.",
    ("en", "markdown"): r"where $f_{x} = \frac{\partial f}{\partial x},\ f_{y} = \frac{\partial f}{\partial y}$ are the "
                        "partial derivatives.",
    ("ko", "markdown"): r"여기서 $f_{x} = \frac{\partial f}{\partial x},\ f_{y} = \frac{\partial f}{\partial y}$는 $f$의 "
                        "편도함수입니다.",
    ("en", "html"): '<mo>∂</mo><mi>y</mi></mrow></mfrac></math> are the partial derivatives.',
    ("ko", "html"): '<mo>∂</mo><mi>y</mi></mrow></mfrac></math>는 <math><mi>f</mi></math>의 편도함수입니다.',
}


@pytest.mark.parametrize("lang, fmt", sorted(_DEFINED))
def test_tangent_defines_the_partials_before_saying_what_they_are(run, lang, fmt):
    # a textbook defines its notation, "f_x, f_y는 f의 편도함수입니다", not "f의 편도함수는 f_x, f_y입니다"
    out = run("tangent", "x**2 + y**2", "--at", "x=1,y=2", "--lang", lang, "--format", fmt).stdout
    assert _DEFINED[lang, fmt] in out, out
    assert "편도함수는" not in out and "partial derivatives of" not in out


@pytest.mark.parametrize("var, particle", [("y", "는"), ("m", "은")])
def test_tangent_partials_particle_follows_the_last_name(run, var, particle):
    # 에프 와이는, 에프 엠은: the particle is the last name's, read aloud, in the text and in a document
    for fmt in ("text", "markdown"):
        out = run("tangent", f"a*{var}", "--at", f"a=1,{var}=2", "--lang", "ko", "--format", fmt).stdout
        assert re.search(rf"∂f/∂{var}{particle} |\\partial {var}\}}\${particle} ", out), out


def test_korean_tangent_line_sentence(run):
    out = run("tangent", "x^3", "--at", "x=2", "--lang", "ko", "--format", "markdown").stdout
    assert r"$x = a$에서의 접선은 $f$의 선형 근사 $y = f\left(a\right) + f'\left(a\right) \left(x - a\right)$입니다." in out


# --- every document paragraph is a sentence: the implicit derivation in each format

@pytest.mark.parametrize("fmt", ["markdown", "latex", "html"])
def test_implicit_paragraphs_are_sentences(run, fmt):
    out = run("implicit", "x^2 + y^2 = 25", "--at", "x=3,y=4", "--format", fmt).stdout
    assert "The left side" in out and "the left side, " not in out
    assert "that implicit differentiation gave above." in out
