"""A teacher's reading of `symdiff matrix` and `symdiff backprop` (EN and KO): no sentence speaks of the
program's own steps; a transposed differential is bracketed, (dx)ᵀ, since dxᵀ reads as d(xᵀ); a df of
several terms is read off plan first and closed by the sum; a chain rule's name for its argument is the
one its results use; softmax's symmetry is said where its Jacobian is first used transposed, and the
𝟏ᵀt = 1 caveat once; every command's Markdown names its rules in bold."""

from __future__ import annotations

import re

import pytest
from helpers import invoke

from symdiff.core.messages import CATALOGUES

LANGS = ("en", "ko")
HUMAN_FORMATS = ("text", "rich", "latex", "markdown", "html")

# the matrix examples of the README and `symdiff matrix --help`, with their shapes
EXAMPLES = [
    ("x.T*A*x", "x", ["x=n,1", "A=n,n"]),
    ("a.T*x", "x", ["a=n,1", "x=n,1"]),
    ("x.T*x", "x", ["x=n,1"]),
    ("(A*x - b).T*(A*x - b)", "x", ["A=m,n", "x=n,1", "b=m,1"]),
    ("trace(X*A)", "X", ["X=n,n", "A=n,n"]),
    ("log(det(X))", "X", ["X=n,n"]),
    ("norm2(A*x - b)**2", "x", ["A=m,n", "x=n,1", "b=m,1"]),
    ("sigmoid(W*x + b)", "x", ["W=m,n", "x=n,1", "b=m,1"]),
]
SOFTMAX = ["backprop", "--layers", "4,3,2", "--activation", "relu", "--output", "softmax", "--loss", "ce"]


def _matrix(expr, wrt, shapes, fmt, lang, *more) -> str:
    args = ["matrix", expr, wrt, *[a for s in shapes for a in ("--shape", s)], "--format", fmt, "--lang", lang, *more]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _words(out: str) -> str:
    """The words of a view, its math left out ($…$, <math>…</math>)."""
    return re.sub(r"\$[^$]*\$|<math.*?</math>", "", out, flags=re.S)


# --- no sentence speaks of the program's own steps

# how a sentence would talk about the tool's steps rather than the mathematics
_TOOL = {"en": re.compile(r"\bsteps? (below|above|for each)\b|\ba step\b", re.I), "ko": re.compile(r"단계")}
# a gradient descent step is mathematics, not the program's step: the numeric pass's words may name it
_NUMERIC = ("training.",)


@pytest.mark.parametrize("lang", LANGS)
def test_no_matrix_or_backprop_sentence_speaks_of_the_tools_steps(lang):
    catalogue = CATALOGUES[lang]
    speaking = {key: text for key, text in catalogue.items()
                if key.startswith(("matrix.", "deep.", "backprop.")) and _TOOL[lang].search(text)}
    assert speaking == {}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", EXAMPLES, ids=lambda c: c[0])
def test_no_view_of_the_examples_speaks_of_the_tools_steps(case, lang):
    for fmt in ("text", "markdown"):
        out = _words(_matrix(*case, fmt, lang))
        assert not _TOOL[lang].search(out), out
        assert "(a step for each term)" not in out and "항마다 한 단계" not in out


# --- a transposed differential is bracketed

_BARE = {"text": re.compile(r"(?<![A-Za-z(])d[A-Za-z]ᵀ"), "rich": re.compile(r"(?<![A-Za-z(])d[A-Za-z]ᵀ"),
         "latex": re.compile(r"\\mathrm\{d\}[A-Za-z]\^\{\\top\}"), "markdown": re.compile(r"\\mathrm\{d\}[A-Za-z]\^\{\\top\}"),
         "html": re.compile(r'<msup><mrow><mi mathvariant="normal">d</mi>')}
_BRACKETED = {"text": "(dx)ᵀ", "rich": "(dx)ᵀ", "latex": r"\left(\mathrm{d}x\right)^{\top}",
              "markdown": r"\left(\mathrm{d}x\right)^{\top}",
              "html": '<mrow><mo>(</mo><mrow><mi mathvariant="normal">d</mi><mi>x</mi></mrow><mo>)</mo></mrow>'}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
@pytest.mark.parametrize("case", [c for c in EXAMPLES if c[0] in ("x.T*A*x", "x.T*x", "(A*x - b).T*(A*x - b)")],
                         ids=lambda c: c[0])
def test_a_transposed_differential_is_bracketed(case, fmt, lang):
    out = _matrix(*case, fmt, lang)
    assert not _BARE[fmt].search(out), out
    assert _BRACKETED[fmt] in out, out


def test_json_keeps_the_syntax_that_reads_back():
    import json

    record = json.loads(_matrix("x.T*A*x", "x", ["x=n,1", "A=n,n"], "json", "en"))
    assert record["steps"][0]["result"] == "dx.T*A*x + x.T*A*dx"


# --- the read-off: plan, terms, sum

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", [c for c in EXAMPLES if c[0] in ("x.T*A*x", "x.T*x", "(A*x - b).T*(A*x - b)")],
                         ids=lambda c: c[0])
def test_a_df_of_several_terms_is_read_off_plan_first_and_the_sum_closes(case, lang):
    lines = [line.strip() for line in _matrix(*case, "text", lang).splitlines()]
    plan = next(i for i, line in enumerate(lines) if re.match(r"\d+\. df = ", line))
    # each term's row says in words what it contributes (no ⇒, which reads "implies"); the sum's is ∂f/∂x = …
    terms = [i for i, line in enumerate(lines) if re.match(r"\d+\. .* (contributes|항에서) ", line)]
    closing = next(i for i, line in enumerate(lines) if re.match(r"\d+\. ∂f/∂x = ", line))
    assert len(terms) == 2 and plan < terms[0] < terms[-1] < closing, lines
    assert not any("→" in line or "⇒" in line for line in lines), lines
    # the plan says what is done, the last row adds the parts up to ∂f/∂x
    assert ("gᵀ·dx" in lines[plan + 1]) and ("∂f/∂x = " in lines[closing + 1]), lines
    assert not any("∂f/∂x = " in line for line in lines[plan:closing]), lines


# --- a chain rule's name for its argument

@pytest.mark.parametrize("lang", LANGS)
def test_the_chain_rules_name_is_used_in_the_results_after_it(lang):
    """σ(Wx + b): dU is worked out first, then the chain rule's row, whose words say U = Wx + b (its claim,
    before those words, keeps the full form), and every row after it writes σ(U); the answer stands alone
    and keeps the full form. A teacher's reading: no U before it is defined, no "dU is worked out below"."""
    out = _matrix("sigmoid(W*x + b)", "x", ["W=m,n", "x=n,1", "b=m,1"], "text", lang)
    claims = [m.group(1) for m in re.finditer(r"^\s+\d+(?:\.\d+)*\. (.*?)   \(", out, flags=re.M)]
    chain = next(i for i, c in enumerate(claims) if c.startswith("d(σ(Wx + b)) = "))
    assert claims[0] == "d(Wx + b) = W·dx" and chain > 0, claims
    assert "σ(U)" not in claims[chain] and "U = Wx + b" in out, claims
    after = claims[chain + 1:]
    assert after and all("σ(Wx + b)" not in c and "σ(U)" in c for c in after), claims
    assert "below" not in out and "아래에서" not in out, out
    assert "∂f/∂x = diag(σ(Wx + b) ⊙ (𝟏 − σ(Wx + b)))W" in out


def test_a_name_is_not_used_inside_the_steps_that_derive_it():
    out = _matrix("log(det(X))", "X", ["X=n,n"], "text", "en")
    assert "d(det(X)) = det(X)tr(X⁻¹dX)" in out and "s·tr" not in out


# --- backprop: softmax's symmetry where the transpose is first used, the caveat once

_SYMMETRIC = {"text": "(∂z/∂y₂)ᵀ = ∂z/∂y₂", "rich": "(∂z/∂y₂)ᵀ = ∂z/∂y₂",
              "latex": r"\left(\frac{\partial z}{\partial y_{2}}\right)^{\top} = \frac{\partial z}{\partial y_{2}}",
              "markdown": r"\left(\frac{\partial z}{\partial y_{2}}\right)^{\top} = \frac{\partial z}{\partial y_{2}}"}
# juxtaposed, as the rows write a product (a derivative factor set apart by a space where it has no bar)
_TRANSPOSED = {"text": "(∂z/∂y₂)ᵀ ∂L/∂z", "rich": "(∂z/∂y₂)ᵀ ∂L/∂z",
               "latex": r"\left(\frac{\partial z}{\partial y_{2}}\right)^{\top} \frac{\partial L}{\partial z}",
               "markdown": r"\left(\frac{\partial z}{\partial y_{2}}\right)^{\top} \frac{\partial L}{\partial z}"}
_SUMS_TO_ONE = {"text": "𝟏ᵀt = 1", "rich": "𝟏ᵀt = 1", "latex": r"\mathbf{1}^{\top}t = 1",
                "markdown": r"\mathbf{1}^{\top}t = 1", "html": "<mo>=</mo><mn>1</mn>"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ("text", "latex", "markdown"))
def test_softmax_symmetry_is_said_where_its_jacobian_is_first_used_transposed(fmt, lang):
    out = invoke(*SOFTMAX, "--format", fmt, "--lang", lang).stdout
    assert out.count(_SYMMETRIC[fmt]) == 1, out
    # the same line (text, Markdown) or \intertext (LaTeX) that first writes the transpose
    unit = next(part for part in re.split(r"\n(?=\s*\d+\. |- |\\intertext)", out) if _TRANSPOSED[fmt] in part)
    assert _SYMMETRIC[fmt] in unit, unit


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_the_sums_to_one_caveat_is_said_once(fmt, lang):
    for steps in ((), ("--no-steps",)):
        out = invoke(*SOFTMAX, "--format", fmt, "--lang", lang, *steps).stdout
        if fmt == "html":  # the caveat's 1 is the only <mn>1</mn> after an equals sign next to 𝟏ᵀt
            said = len(re.findall(r"<mi>t</mi></mrow><mo>=</mo><mn>1</mn>|<mi>t</mi><mo>=</mo><mn>1</mn>", out))
        else:
            said = out.count(_SUMS_TO_ONE[fmt])
        assert said == 1, (steps, out)


# --- rule names in one style across commands

_ITALIC_RULE = re.compile(r"^\s*- \*(?!\*)[^*]+\*:", re.M)
_BOLD_RULE = re.compile(r"^\s*- \*\*[^*]+\*\*:", re.M)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("args", [
    ("partial", "x**2*sin(x)", "x"),
    ("matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"),
    tuple(SOFTMAX),
], ids=lambda a: a[0])
def test_every_commands_markdown_names_its_rules_in_bold(args, lang):
    out = invoke(*args, "--format", "markdown", "--lang", lang).stdout
    assert _BOLD_RULE.search(out) and not _ITALIC_RULE.search(out), out
