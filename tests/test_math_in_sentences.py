"""Every symbol a sentence names is set as mathematics in the documents (issue 16, the teacher's list, 3):
`$u$ 방향의 방향도함수`, `$H$는 대칭 행렬`, a mistake's `$\\left(g h\\right)' = g' h + g h'$`, never the
bare letters of `u 방향의 방향도함수` or `H는 대칭 행렬`, in Markdown, LaTeX and HTML, in both languages."""

from __future__ import annotations

import html
import re

from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# The symbols the outputs name: the variables, the direction u, the matrices H and J, the function f,
# the product and quotient rules' pieces g and h. None of them is an English word.
SYMBOLS = ("x", "y", "u", "H", "J", "f", "g", "h")
_BARE = re.compile(r"(?<![A-Za-z0-9_\\-])(" + "|".join(SYMBOLS) + r")(?![A-Za-z0-9_(])")


def _words_markdown(out: str) -> str:
    out = re.sub(r"\$\$.*?\$\$", " ", out, flags=re.S)
    return re.sub(r"\$[^$]*\$", " ", out)


def _words_latex(out: str) -> str:
    # an align's rows are mathematics; its \intertext is words
    words = []
    inside = False
    for line in out.splitlines():
        if line.startswith(r"\begin{align"):
            inside = True
            continue
        if line.startswith(r"\end{align"):
            inside = False
            continue
        if inside:
            words += re.findall(r"\\intertext\{(.*)\}", line)
        elif not line.lstrip().startswith(("%", "\\documentclass", "\\usepackage", "\\set", "\\newcommand")):
            words.append(line)
    text = "\n".join(words)
    text = re.sub(r"\\\[.*?\\\]", " ", text, flags=re.S)
    text = re.sub(r"\$[^$]*\$", " ", text)
    return re.sub(r"\\[A-Za-z]+\*?(\{[^}]*\})?", " ", text)  # commands and their names: \section{…} is words


def _words_html(out: str) -> str:
    body = out.split("<body>", 1)[-1]
    body = re.sub(r"<math.*?</math>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


WORDS = {"markdown": _words_markdown, "latex": _words_latex, "html": _words_html}

_f = st.sampled_from(["x^2*y + 3*y", "x*sin(y)", "exp(x*y)", "x/(y + 1)", "x^3 - y^2", "log(x^2 + y^2)"])


def _commands(f: str):
    yield ("grad", f, "--at", "x=1,y=2", "--dir", "3,4")
    yield ("hessian", f, "--at", "x=1,y=2")
    yield ("jacobian", f"{f}; x + y")
    yield ("partial", f, "x", "--at", "x=1,y=2")
    yield ("tangent", f, "--at", "x=1,y=2")
    yield ("implicit", f"{f} = 1")
    for answer in ("2*x", "-x"):
        yield ("check", f, "x", answer)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_f, st.sampled_from(sorted(WORDS)), st.sampled_from(["en", "ko"]))
def test_no_symbol_stands_outside_math_in_a_sentence(f, fmt, lang):
    for args in _commands(f):
        # the document on stdout (a note's copy on stderr is a terminal's plain line, as every error is)
        out = invoke(*args, "--format", fmt, "--lang", lang).stdout
        words = WORDS[fmt](out)
        bare = [m.group(0) for m in _BARE.finditer(words)]
        lines = [line for line in words.splitlines() if _BARE.search(line)]
        assert not bare, (args, fmt, lang, lines)


def test_the_teachers_examples_are_math():
    out = invoke("grad", "x^2*y + 3*y", "--at", "x=1,y=2", "--dir", "3,4", "--format", "markdown", "--lang", "ko").output
    assert r"$\mathbf{u}$ 방향의 방향도함수 ($\mathbf{u}$는" in out
    out = invoke("hessian", "x^2*y", "--format", "markdown", "--lang", "ko").output
    assert "헤세 행렬 $H$는 대칭 행렬입니다." in out
    out = invoke("check", "x*sin(x)", "x", "cos(x)", "--format", "markdown").output
    assert r"use $\left(g h\right)' = g' h + g h'$ on" in out
