"""A Korean document is Korean in every sentence: the LaTeX, Markdown and HTML views of each command,
with the mathematics taken out, leave no English word and no line of prose whose words are only the
punctuation an English template put between two formulas ("$f = xˣ$, $df/dx$:")."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symdiff.matrix.messages  # noqa: F401  (the matrix catalogue joins the one table)
from symdiff.core.messages import CATALOGUES

# Words the Korean catalogue itself uses: names in both languages (symdiff, SymPy, relu, sign) and an
# English name a Korean term keeps in parentheses (대각합(trace)).
# A word of a renderer's own, outside the catalogue, is what the scan is for.
NAMES = {w.lower() for text in CATALOGUES["ko"].values()
         for w in re.findall(r"[A-Za-z][A-Za-z']+", re.sub(r"\{[^{}]*\}", " ", text))}

COMMANDS = [
    ["partial", "3*x**2*y**4", "x", "--at", "x=1,y=2", "--check"],
    ["partial", "x**x", "x"],
    ["partial", "x**2*y**3", "x", "y"],
    # a function too wide for the line that names it: displayed above the words
    ["partial", "x**2*y + sin(x)**2*cos(x)**3*exp(x**2+y**2)*log(1+x**4+y**4) + atan(x*y)", "x"],
    ["grad", "x**2*y + sin(y)", "--at", "x=1,y=2", "--dir", "3,4", "--check"],
    ["hessian", "x**3*y", "--at", "x=1,y=2", "--check"],
    ["jacobian", "x*y; x + y; sin(x)", "--at", "x=1,y=2"],
    ["check", "sin(x**2)", "x", "cos(x**2)"],
    ["implicit", "x**2 + y**2 = 25", "--at", "x=1,y=1"],
    ["tangent", "x**2 + y**2", "--at", "x=1,y=2"],
    ["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--steps", "20"],
    ["practice", "--rules", "chain,product", "--count", "3", "--seed", "7"],
    ["matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"],
    ["backprop", "--activation", "sigmoid", "--loss", "ce"],
]
FORMATS = ["latex", "markdown", "html"]
# the rule book has no LaTeX or HTML view
RULE_BOOK = [["rules"], ["rules", "sum"], ["rules", "chain"]]

_LATEX_PROSE = re.compile(r"\$|\\intertext|\\noindent|\\text\{|section\{|\\item|\\paragraph")


def _lines(text: str, fmt: str) -> list[str]:
    """The lines of prose of a document with the mathematics, markup and code taken out."""
    if fmt == "html":
        text = re.sub(r"<style>.*?</style>|<script>.*?</script>|<math.*?</math>|<code>.*?</code>", " ", text,
                      flags=re.S)
        text = re.sub(r"</(p|li|div|h\d|td|th|tr|caption|summary)>|<br>", "\n", text)
        text = re.sub(r"&\w+;|<[^>]*>", " ", text)
        return text.splitlines()
    if fmt == "markdown":
        text = re.sub(r"\$\$.*?\$\$|```.*?```", " ", text, flags=re.S)
        lines = []
        for line in text.splitlines():
            line = re.sub(r"\$[^$]*\$|`[^`]*`|\[![A-Z]+\]", " ", line)
            line = re.sub(r"^\s*(#+|-|>|\d+\.)(\s|$)", " ", line).replace("**", " ")
            if not re.fullmatch(r"[\s|:-]*", line):  # a table's rule |---:|
                lines.append(line.replace("|", " "))
        return lines
    lines = []
    for line in text.splitlines():
        if line.lstrip().startswith("%") or not _LATEX_PROSE.search(line):
            continue  # a comment, or a row of an align*: mathematics throughout
        if line.startswith("&"):  # a row's tag: \text{(…)} only
            line = " ".join(re.findall(r"\\text\{([^{}]*)\}", line))
        line = re.sub(r"\$[^$]*\$|\\\[.*?\\\]", " ", line)
        line = re.sub(r"\\begin\{\w+\*?\}(\{\w+\})?|\\end\{\w+\*?\}", " ", line)
        line = re.sub(r"\\[A-Za-z]+\*?|=[\d.]+em|[{}&\\]", " ", line)
        lines.append(line)
    return lines


def english_words(text: str, fmt: str) -> set[str]:
    return {w for line in _lines(text, fmt) for w in re.findall(r"[A-Za-z][A-Za-z']+", line)
            if w.lower() not in NAMES}


def wordless_lines(text: str, fmt: str) -> list[str]:
    """Lines with something besides mathematics in them, none of it a Korean word."""
    return [line for line in _lines(text, fmt)
            if re.sub(r"[\s.()]", "", line) and not re.search(r"[가-힣]", line)
            and not re.fullmatch(r"\s*[\d.]+\s*", line)]  # an exercise's number


@pytest.mark.parametrize("args, fmt", [(a, f) for a in COMMANDS for f in FORMATS]
                         + [(a, "markdown") for a in RULE_BOOK], ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_a_korean_document_has_no_english_words_or_template_lines(run, args, fmt):
    ko = run(*args, "--format", fmt, "--lang", "ko")
    assert ko.exit_code in (0, 1), ko.output
    assert english_words(ko.stdout, fmt) == set()
    assert wordless_lines(ko.stdout, fmt) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_scan_is_live(run, fmt):
    # The same document in English is caught by it, and so is the line a LaTeX derivation opened with.
    assert english_words(run("partial", "x**x", "x", "--format", fmt).stdout, fmt)
    if fmt == "latex":
        assert wordless_lines("\\noindent $f = x^{x}$, $\\frac{d f}{d x}$:\n", fmt)


letters = st.sampled_from("abcdfgpqrstuvwxyz")


@settings(max_examples=15, deadline=None)
@given(letters, letters, st.integers(2, 5), st.sampled_from(["", " - 1", " + sin({v})", "*{w}"]))
def test_every_derivation_opens_with_a_korean_line(v, w, n, tail):
    # any function, any variable held or not, short or displayed: the LaTeX's opening line is Korean
    from helpers import invoke

    expr = f"{v}**{n}" + tail.format(v=v, w=w)
    out = invoke("partial", expr, v, "--format", "latex", "--lang", "ko").stdout
    assert wordless_lines(out, "latex") == [], out
    assert english_words(out, "latex") == set(), out
