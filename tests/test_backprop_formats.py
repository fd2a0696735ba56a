"""`backprop --layers` in every document format says the same derivation (renderers read the same tree):

1. every step and sub-step the Markdown lists under a row (its rule's name in bold) is in the LaTeX and the HTML
   of the same run, as many times: the LaTeX once had the rows alone, so the softmax's ∂z/∂y₂ = diag(z) − zzᵀ
   was stated with no derivation of it;
2. a Korean document's bold words (headings, rule names) are set in a bold Hangul face: the Korean font stack
   had a regular face only, and lualatex set the headings' Hangul regular.
"""

from __future__ import annotations

import html
import re
import zlib
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.render import latex as render_latex
from test_latex_documents import _compile, _engine_ready
from test_teacher_backprop import networks

GENERATED = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGS = ("en", "ko")
SOFTMAX = ["backprop", "--layers", "4,3,2", "--activation", "relu", "--output", "softmax", "--loss", "ce"]
FIXED = [SOFTMAX, ["backprop", "--layers", "n,h,m", "--activation", "tanh", "--output", "sigmoid", "--loss", "ce"],
         ["backprop", "--layers", "3,2,2,2", "--activation", "sigmoid,identity", "--output", "identity"]]
variants = st.one_of(st.sampled_from(FIXED), networks().map(lambda drawn: drawn[0]))


def _out(args, lang: str, fmt: str) -> str:
    result = invoke(*args, "--lang", lang, "--format", fmt, width="200")
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


# ---------------------------------------------------------------- 1. the same steps in every document

def _markdown_titles(view: str) -> Counter:
    """The rule names of the steps listed under the rows (nested items "  - **name**: …")."""
    return Counter(re.findall(r"^ +- \*\*(.+?)\*\*:", view, re.M))


def _latex_titles(view: str) -> Counter:
    return Counter(re.findall(r"\\textbf\{(.+?)\}:", view))


def _html_titles(view: str) -> Counter:
    return Counter(re.findall(r'<span class="rule">(.+?)</span>', view))


def test_the_title_readers_can_fail():
    markdown = "- $x$ — note\n  - **Linearity**: $a$ — why\n    - **Entrywise rule**: $b$\n> **Layer 2.**\n"
    assert _markdown_titles(markdown) == Counter({"Linearity": 1, "Entrywise rule": 1})
    assert _latex_titles(r"\intertext{\leftskip=1em\relax \textbf{Linearity}: $a$}") == Counter({"Linearity": 1})
    assert _latex_titles(r"\intertext{Linearity: $a$}") == Counter()


@GENERATED
@given(variants, st.sampled_from(LANGS))
def test_every_step_of_the_markdown_is_in_the_latex_and_html(args, lang):
    titles = _markdown_titles(_out(args, lang, "markdown"))
    assert titles, args  # ∂L/∂z and each Jacobian are derived by the engine's steps
    latex = _latex_titles(_out(args, lang, "latex"))
    assert latex == Counter({render_latex.escape_text(t): n for t, n in titles.items()}), (args, titles, latex)
    page = _html_titles(_out(args, lang, "html"))
    assert page == Counter({html.escape(t): n for t, n in titles.items()}), (args, titles, page)


@pytest.mark.parametrize("lang", LANGS)
def test_the_softmax_jacobian_is_derived_in_latex(lang):
    """The brief's example: the softmax's Jacobian and its read-off under ∂z/∂y₂, as the Markdown has them."""
    view = _out(SOFTMAX, lang, "latex")
    rule = {"en": "Softmax rule", "ko": "소프트맥스 함수의 미분"}[lang]
    assert re.search(r"\\intertext\{\\leftskip=1em\\relax \\textbf\{" + rule + r"\}: \$\\mathrm\{d\}z = "
                     r"\\left\(\\operatorname\{diag\}\\left\(z\\right\) - z z\^\{\\top\}\\right\)", view), view


# ---------------------------------------------------------------- 2. bold Hangul

def _pdf_fonts(pdf: bytes) -> set[str]:
    """The base fonts a PDF embeds, its compressed object streams read too."""
    texts = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            texts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass
    return {name.decode() for t in texts for name in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([^\s/\]>]+)", t)}


def test_a_korean_heading_is_set_in_a_bold_hangul_face(tmp_path):
    why = _engine_ready("ko")
    if why:
        pytest.skip(why)
    fonts = {}
    for weight, body in (("regular", "가나다"), ("bold", r"\section*{가나다}")):
        folder = tmp_path / weight
        folder.mkdir()
        _compile(folder, render_latex.document(body + "\n", "ko"), "ko")
        # the Hangul face: the one font that is not Latin Modern
        fonts[weight] = {f for f in _pdf_fonts((folder / "doc.pdf").read_bytes()) if not f.startswith("LMRoman")}
    assert len(fonts["regular"]) == 1 and len(fonts["bold"]) == 1, fonts
    assert fonts["bold"] != fonts["regular"], fonts
