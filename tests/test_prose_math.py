"""Every mathematical symbol in a sentence of the matrix and backprop documents is set as math (issue 16):
what is left of a Markdown or HTML document once its math is taken out has no symbol, no subscript and
no lone letter that names a variable (`by the output z`, `W x + b`, `(m×1)`, `∂L/∂W`)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st
from test_matrix_engine import SHAPES, random_case

from symdiff.core.errors import SymdiffError
from symdiff.core.messages import EN, KO
from symdiff.core.written import Formula
from symdiff.render import markdown as render_markdown

MATH = re.compile(r"<math.*?</math>|\$\$.*?\$\$|\$[^$]*\$", re.S)
SYMBOLS = re.compile(r"[×ᵀ∂δσ⊙⊘∇⟨⟩‖₀-₉ᵢⱼ²³⁻¹]")
# a Latin letter standing alone (a variable), not the English article "a", nor "A" opening a sentence
# before a noun ("A scalar equals its transpose"; the matrix A before a verb still counts); in Korean any
# Latin letter against Hangul or a space
LONE_LETTER = re.compile(r"(?<![A-Za-z0-9_\-./'’&#])(?!a\b)(?!A (?!is\b|has\b|are\b)[a-z])[A-Za-z](?![A-Za-z0-9_\-'’(;])")


def words_of(document: str) -> str:
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", MATH.sub(" ", document), flags=re.S)
    return html.unescape(text)


def plain_math(document: str) -> list[str]:
    """The symbols and lone letters left in the words, each with its surroundings."""
    words = words_of(document)
    found = [words[max(0, m.start() - 30):m.end() + 30] for m in SYMBOLS.finditer(words)]
    found += [words[max(0, m.start() - 30):m.end() + 30] for m in LONE_LETTER.finditer(words)]
    return found


def test_the_check_can_fail():
    assert plain_math("the loss's gradient by the output z (the shape of z)")
    assert plain_math("- $x$ (m×1) — ok") and plain_math("출력 z에 대한") and plain_math("> ∂L/∂W")
    assert not plain_math("the loss's gradient by the output $z$ (the shape of <math><mi>z</mi></math>)")
    assert not plain_math("a scalar is its own trace, as PyTorch does; 1 where")
    assert not plain_math("— A scalar equals its transpose") and plain_math("so A is symmetric")


BACKPROP = [("--loss", "mse"), ("--loss", "ce"), ("--activation", "relu", "--loss", "mse"),
            ("--layers", "4,3,2", "--activation", "relu", "--output", "softmax", "--loss", "ce"),
            ("--layers", "2,2,2", "--activation", "tanh", "--output", "sigmoid", "--loss", "ce")]
MATRIX = [("x.T*A*x", "x", "x=n,1", "A=n,n"), ("norm2(A*x - b)**2", "x", "x=n,1", "A=m,n", "b=m,1"),
          ("a.T*X*b", "X", "X=m,n", "a=m,1", "b=n,1"), ("log(det(X))", "X", "X=n,n"),
          ("sum(relu(W*x))", "x", "W=m,n", "x=n,1"), ("sum(tan(x))", "x", "x=n,1")]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("args", BACKPROP, ids=" ".join)
def test_backprop_documents_set_their_symbols_as_math(run, args, fmt, lang):
    out = run("backprop", *args, "--format", fmt, "--lang", lang)
    assert out.exit_code == 0
    assert plain_math(out.stdout) == []


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("case", MATRIX, ids=lambda c: c[0])
def test_matrix_documents_set_their_symbols_as_math(run, case, fmt, lang):
    expression, wrt, *shapes = case
    shape_args = [a for s in shapes for a in ("--shape", s)]
    out = run("matrix", expression, wrt, *shape_args, "--format", fmt, "--lang", lang)
    assert out.exit_code == 0
    assert plain_math(out.stdout) == []


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(random_case())
def test_generated_matrix_derivations_set_their_symbols_as_math(case):
    from symdiff.core.messages import language
    from symdiff.matrix import matrix_derivative

    source, wrt = case
    note(f"matrix_derivative({source!r}, {wrt!r})")
    try:
        result = matrix_derivative(source, wrt, SHAPES)
    except SymdiffError:
        return
    for lang in ("en", "ko"):
        with language(lang):
            document = render_markdown.render(result)
        # the headings and claims are math already; the words around them must be too
        assert plain_math(document) == []


def test_every_written_formula_of_the_catalogues_typesets():
    import symdiff.matrix.messages  # noqa: F401
    from symdiff.matrix.table import FUNCTIONS

    texts = [t for table in (EN, KO) for t in table.values()]
    texts += [w for fn in FUNCTIONS.values() for pair in (fn.words or {}).values() for w in pair]
    written = [m.group(1).replace("{n}", "2") for t in texts for m in re.finditer("⟦([^⟧]*)⟧", t)]
    assert len(written) > 40
    for text in written:
        assert Formula(text).latex() and "<mo>⟦" not in Formula(text).mathml()
    # every bracket is closed where it is opened
    assert all(t.count("⟦") == t.count("⟧") for t in texts)


# one input per command that writes an HTML page
PAGES = {"partial": ("x^2*y", "x"), "grad": ("x*y",), "hessian": ("x^3*y",), "jacobian": ("x*y; x + y",),
         "implicit": ("x^2 + y^2 = 25",), "tangent": ("x^2 + y^2", "--at", "x=1,y=2"),
         "descend": ("(x-1)^2", "--from", "x=3", "--steps", "3"), "check": ("x^2", "x", "2*x"),
         "matrix": ("x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"), "backprop": ()}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("command", sorted(PAGES))
def test_a_page_is_titled_by_what_it_shows(run, command, lang):
    from symdiff.core.messages import language, message

    out = run(command, *PAGES[command], "--format", "html", "--lang", lang).stdout
    with language(lang):
        title = message(f"page.{command}")
    assert f"<h1>{html.escape(title)}</h1>" in out and f"<title>{html.escape(title)}</title>" in out
    assert "symdiff" not in re.search("<h1>(.*?)</h1>", out).group(1)


# a function of one variable has a derivative (도함수), written d/dx; its page is not titled 편도함수
ONE_VARIABLE = st.builds(lambda a, n, fn: f"{a}*x^{n}*{fn}(x)", st.integers(1, 9), st.integers(1, 4),
                         st.sampled_from(["sin", "cos", "exp", "log", "sqrt"]))


@settings(max_examples=20, deadline=None)
@given(ONE_VARIABLE, st.sampled_from(["en", "ko"]), st.sampled_from([("x",), ("x", "x"), ()]),
       st.sampled_from(["", "y + "]))
def test_a_pages_title_says_derivative_for_one_variable(expr, lang, wrt, other):
    from helpers import invoke

    from symdiff.core.messages import language, message

    args = ["partial", other + expr, *(wrt or ("x",) if other else wrt), "--format", "html", "--lang", lang]
    out = invoke(*args).stdout
    with language(lang):
        title = message("page.partial" if other else "page.derivative")
    assert f"<h1>{html.escape(title)}</h1>" in out and f"<title>{html.escape(title)}</title>" in out, args
    if len(wrt) < 2:  # the title says what the headings write: d or ∂
        assert ("∂" in out or "&#8706;" in out) == bool(other)


def test_the_teachers_page_is_titled_도함수():
    from helpers import invoke

    out = invoke("partial", "x**2*sin(x)", "x", "--format", "html", "--lang", "ko").stdout
    assert "<h1>도함수</h1>" in out and "편도함수" not in out


@pytest.mark.parametrize("lang, heading", [
    ("en", r"### $\frac{\partial f}{\partial x}$ of $f = x^{\top} A x$"),
    ("ko", r"### $f = x^{\top} A x$의 $\frac{\partial f}{\partial x}$"),
])
def test_matrix_documents_are_headed_as_the_scalar_ones(run, lang, heading):
    out = run("matrix", *PAGES["matrix"], "--format", "markdown", "--lang", lang).stdout
    scalar = run("partial", "x^2*y", "x", "--format", "markdown", "--lang", lang).stdout
    assert out.startswith(heading + "\n")
    # the same words around the symbol and the function: "… of …" / "…의 …"
    joint = " of " if lang == "en" else "의 "
    assert joint in scalar.splitlines()[0] and joint in out.splitlines()[0]


# --- a written formula's fractions and products as a textbook sets them

_SIDES = st.sampled_from(["1", "x", "h²", "sin(x)", "(1 + x²)", "√(1 − x²)", "(x ln a)", "|x|", "tᵢ", "g′h − gh′"])


@given(_SIDES, _SIDES)
def test_a_written_quotient_is_set_as_a_fraction(top, bottom):
    if " " in top and not top.startswith("("):
        top = f"({top})"  # a side written with spaces is bracketed, or it is not one side
    text = f"{top}/{bottom}"
    tex, ml = Formula(text).latex(), Formula(text).mathml()
    note(tex)
    assert tex.startswith(r"\frac{") and "/" not in tex
    assert ml.count("<mfrac>") == 1 and "<mo>/</mo>" not in ml
    # the brackets that only grouped one side are dropped (a root's are its bar); a function's brackets stay
    bare = [side for side in (top, bottom) if side.startswith("(")]
    assert tex.count(r"\left(") == sum(s.count("(") - s.count("√(") for s in (top, bottom)) - len(bare)
    assert tex.count("{") == tex.count("}")


@pytest.mark.parametrize("text, tex", [
    ("(g/h)′ = (g′h − gh′)/h²", r"\left(\frac{g}{h}\right)' = \frac{g'h - gh'}{h^{2}}"),
    ("d/dx aˣ = aˣ ln a", r"\frac{d}{dx} a^{x} = a^{x} \ln a"),
    ("d/dx logₐ x = 1/(x ln a)", r"\frac{d}{dx} \log_{a} x = \frac{1}{x \ln a}"),
    ("∂L/∂W = δxᵀ", r"\frac{\partial L}{\partial W} = \delta x^{\top}"),  # the derivative's own notation stays
    ("√x = x¹⁄²", r"\sqrt{x} = x^{1/2}"),
    ("d‖A‖ = ⟨A, dA⟩/‖A‖", r"\mathrm{d}\|A\| = \frac{\langle A, \mathrm{d}A\rangle}{\|A\|}"),  # a bracket is one side  # a raised fraction is a power's, not a quotient
    ("sinc(x) = sin(x)/x", r"\operatorname{sinc}\left(x\right) = \frac{\sin\left(x\right)}{x}"),
])
def test_written_formulas_as_a_textbook_sets_them(text, tex):
    assert Formula(text).latex() == tex


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_rule_book_writes_no_slash_or_centred_dot(run, lang):
    out = run("rules", "--format", "markdown", "--lang", lang).stdout  # rules writes no LaTeX or HTML of its own
    statements = [line for line in out.splitlines() if "$" in line and not line.startswith(("예", "Example"))]
    math = " ".join(re.findall(r"\$([^$]*)\$", " ".join(statements)))
    assert r"\frac{g'h - gh'}{h^{2}}" in math and r"a^{x} \ln a" in math and r"\frac{1}{x \ln a}" in math
    assert "/" not in math.replace("x^{1/2}", ""), math
    assert r"\cdot" not in math, math


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_sum_and_difference_label_has_its_entry_in_the_rule_book(run, lang):
    from symdiff.core.messages import CATALOGUES

    label = CATALOGUES[lang]["title.rule.sum"]
    listed = run("rules", "--lang", lang).stdout
    assert label.lower() in listed.lower()
    worked = run("rules", label, "--lang", lang).stdout
    assert CATALOGUES[lang]["statement.sum"].split("⟧")[0].strip("⟦") in worked


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["x", "y", "w"]), st.sampled_from(["0", "1", "−2", "a"]), st.sampled_from(["⁺", "⁻"]))
def test_a_one_sided_limit_is_typeset_in_every_notation(v, e, side):
    # descend's domain edge "x → 0⁺": pdflatex stops at a raw ⁺ (U+207A), so it is set as ^{+}
    import sympy

    from symdiff.render.notation import latex, mathml

    value = sympy.Symbol(e) if e.isalpha() else sympy.Integer(e.replace("−", "-"))
    formula = Formula("{v} → {e}" + side, v=sympy.Symbol(v), e=value)
    tex, ml = formula.latex(latex), formula.mathml(mathml)
    sign = "+" if side == "⁺" else "-"
    assert "⁺" not in tex and "⁻" not in tex and f"^{{{sign}}}" in tex, tex
    assert f"<mo>{'+' if sign == '+' else '−'}</mo>" in ml and "<mi>+</mi>" not in ml, ml
