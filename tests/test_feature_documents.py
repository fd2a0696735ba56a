"""Documents (Markdown, LaTeX, HTML) of `check`, `tangent`, `descend` and `practice` (symdiff.render.documents):
the text view's content, every expression typeset, nothing in SymPy syntax, in both languages."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import test_invariant as generated
from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_slots import WORDS, _assert_clean

from symdiff.render.latex import document

FORMATS = ["markdown", "latex", "html"]
LANGS = ["en", "ko"]

CASES = {
    "check-wrong": ["check", "3*x**2*y**4", "x", "6*x*y**3"],
    "check-right": ["check", "sin(x**2)", "x", "2*x*cos(x**2)"],
    "check-unreadable": ["check", "sin(x)", "x", "cos(x"],
    # the input is echoed under its caret: it must not end the block it is shown in
    "check-escapes": ["check", "x", "x", r"\end{verbatim}\input{/etc/passwd} ```` </pre><script>"],
    "check-inconclusive": ["check", "sqrt(x + 2*sqrt(x - 1))", "x", "1/(2*sqrt(x - 1))"],
    "tangent-plane": ["tangent", "x**2 + y**2", "--at", "x=1,y=2"],
    "tangent-line": ["tangent", "sin(x)", "--at", "x=0"],
    "descend": ["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--lr", "0.1", "--steps", "40"],
    "descend-diverges": ["descend", "x**4", "--from", "x=2", "--lr", "0.5"],
    "descend-domain": ["descend", "log(x)", "--from", "x=2", "--lr", "5"],
    "practice": ["practice", "--rules", "chain,quotient", "--count", "3", "--seed", "3"],
}


def _doc(args, fmt, lang="en", *more):
    result = invoke(*args, *more, "--format", fmt, "--lang", lang, width="100")
    # 1: a wrong answer, a failed descent; 2: an answer that cannot be read; 3: inconclusive
    assert result.exit_code in (0, 1, 2, 3), result.output
    return result


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", CASES)
def test_documents_typeset_every_expression(name, fmt, lang):
    doc = _doc(CASES[name], fmt, lang).stdout
    assert doc.strip()
    if name in ("check-unreadable", "check-escapes"):  # its caret under the column is the point
        doc = re.sub(r"^(`{3,})$.*?^\1$|\\noindent\\texttt\{[^\n]*|<pre>.*?</pre>", "", doc, flags=re.S | re.M)
    _assert_clean(fmt, doc)
    # a decimal's exponent is set as a power of ten, never as e-11 inside the mathematics
    math = re.findall(r"<math.*?</math>" if fmt == "html" else r"\$\$.+?\$\$|\$.+?\$|\\\[.+?\\\]", doc, re.S)
    assert not any(re.search(r"\de[-+]?\d", m) for m in math), math


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_document_says_what_the_text_view_says(fmt):
    doc = _doc(CASES["check-wrong"], fmt).stdout
    words = WORDS[fmt](doc)
    assert "wrong: at" in words.lower() and "which is not" in words  # (LaTeX: "Wrong: at", a sentence)
    # its 0 is mathematics, as every number of a sentence is
    assert re.search(r"which is not (\$0\$|<math><mrow><mn>0</mn></mrow></math>)", doc)
    if fmt == "html":
        assert "<mo>&#8706;</mo>" in doc and "<mn>243</mn>" in doc and "<mn>81</mn>" in doc
    else:  # ∂ for a function of two variables, the values at the counterexample, the right derivative
        assert r"\frac{\partial}{\partial x}" in doc and "$243$" in doc and "$6 x y^{4}$" in doc
    right = _doc(CASES["check-right"], fmt)
    assert right.exit_code == 0 and "proved equal symbolically" in WORDS[fmt](right.stdout)
    unreadable = _doc(CASES["check-unreadable"], fmt)
    assert "cos(x" in unreadable.stdout and "^" in unreadable.stdout  # the caret under the column


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unreadable_answer_stays_inside_its_block(fmt):
    doc = _doc(CASES["check-escapes"], fmt).stdout
    if fmt == "latex":
        assert r"\input" not in doc.replace(r"\textbackslash{}input", "") and "verbatim}" not in doc.replace(r"verbatim\}", "")
    elif fmt == "html":
        assert "<script>" not in doc and "</pre><script>" not in doc
    else:  # the fence is longer than the input's run of backticks
        fence = re.search(r"^(`+)$", doc, re.M).group(1)
        assert len(fence) > 4 and doc.count(fence) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_descend_document_has_a_row_per_iterate(fmt):
    args = ["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--lr", "0.1", "--steps", "7"]
    doc = _doc(args, fmt).stdout
    rows = {"markdown": r"^\| \$\d+\$ \|", "latex": r"^\$\d+\$ &", "html": r"<tr><td><math><mn>\d+</mn>"}[fmt]
    assert len(re.findall(rows, doc, re.M)) == 8  # k = 0 … 7
    short = _doc(args[:-1] + ["40", "--no-steps"], fmt).stdout
    assert "more steps" in WORDS[fmt](short) or "more steps" in short


@pytest.mark.parametrize("fmt", FORMATS)
def test_tangent_document_gives_the_linear_approximation(fmt):
    doc = _doc(CASES["tangent-plane"], fmt).stdout
    if fmt == "html":
        assert "<mi>z</mi><mo>=</mo><mi>f</mi>" in doc and "tangent plane" in doc
    else:  # the formula with the point's letters, their values, then f(a, b) first, then solved for z
        general = doc.index(r"z = f\left(a, b\right) + f_{x}\left(a, b\right) \left(x - a\right)")
        given = doc.index("$a = 1,\\ b = 2$")
        put_in = doc.index("z = 5 + 2 \\left(x - 1\\right) + 4 \\left(y - 2\\right)")
        # the answer is set as every final result is (LaTeX: an align* equation, z &= …)
        assert general < given < put_in < doc.replace("&=", "=").index("z = 2 x + 4 y - 5")
    # one form where the two are the same (y = x, not y - 0 = x and y = x)
    line = _doc(CASES["tangent-line"], "markdown").stdout
    assert "$$y = x$$" in line and line.count("$$y") == 1


def test_practice_worksheet_in_every_document_format():
    md = _doc(CASES["practice"], "markdown").stdout
    assert md.startswith("# Worksheet ") and "## Exercises" in md and "## Answers" in md
    assert len(re.findall(r"^\d\. \$\$", md, re.M)) == 3
    tex = _doc(CASES["practice"], "latex").stdout
    assert tex.count(r"\item") == 3 and tex.count(r"\begin{align*}") == 3
    page = _doc(CASES["practice"], "html").stdout
    assert page.count("<li><math>") >= 3 and '<ul class="steps">' in page


@pytest.mark.skipif(shutil.which("pdflatex") is None,
                    reason="pdflatex is not installed (Debian: apt-get install texlive-latex-base)")
def test_feature_documents_compile(tmp_path):
    body = "\n".join(_doc(args, "latex").stdout for args in CASES.values())
    (tmp_path / "features.tex").write_text(document(body), encoding="utf-8")
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "features.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:]


SETTINGS = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(text=generated.expressions, lang=st.sampled_from(LANGS), wrong=st.booleans())
def test_generated_checks_and_tangents_are_typeset(fmt, text, lang, wrong):
    answer = f"({text}) + x" if wrong else f"2*({text})"
    checked = invoke("check", text, "x", answer, "--format", fmt, "--lang", lang, width="100")
    tangent = invoke("tangent", text, "--at", "x=1/3,y=2", "--format", fmt, "--lang", lang, width="100")
    assume(checked.exit_code in (0, 1) or tangent.exit_code == 0)
    for result in (checked, tangent):
        if result.exit_code in (0, 1) and result.stdout:
            _assert_clean(fmt, result.stdout)
