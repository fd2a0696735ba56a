"""Issue 16, the words around the mathematics of matrix and backprop explanations: the Korean textbook's
term for a matrix's shape (크기, as in m×n 행렬의 크기; 꼴 is a form's), a Hessian's heading that names f, and Markdown callouts titled
on their marker line, as Obsidian reads them; over generated commands in both languages and every human format."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.matrix.network import HIDDEN_ACTIVATIONS, PAIRS

HUMAN_FORMATS = ("text", "rich", "latex", "markdown", "html")
LANGS = ("en", "ko")

# (expression, variable, shapes): one of each matrix rule's kind, scalar, vector and matrix results
MATRIX = [
    ("x.T*A*x", "x", "x=n,1 A=n,n"),
    ("sigmoid(W*x + b)", "x", "W=m,n x=n,1 b=m,1"),
    ("log(det(X)) + trace(X)", "X", "X=n,n"),
    ("a.T*X*b", "X", "a=m,1 X=m,n b=n,1"),
    ("trace(inv(X)*A)", "X", "X=n,n A=n,n"),
    ("norm(x)", "x", "x=n,1"),
    ("sum(exp(X))", "X", "X=m,n"),
    ("softmax(W*x)", "x", "W=m,n x=n,1"),
    ("tanh(x) ⊙ x", "x", "x=n,1"),
    ("trace(X*X*X)", "X", "X=n,n"),
    ("x.T*x", "x", "x=3,1"),
    ("det(X)", "X", "X=2,2"),
]

matrix_commands = st.builds(
    lambda case, layout: ["matrix", case[0], case[1], "--shape", case[2], "--layout", layout],
    st.sampled_from(MATRIX), st.sampled_from(["mixed", "numerator", "denominator"]))
sizes = st.one_of(st.integers(1, 4).map(str), st.sampled_from(["n", "h", "k", "m"]))
layered = st.builds(
    lambda s, hidden, pair: ["backprop", "--layers", ",".join(s), "--activation", hidden, "--output", pair[0],
                             "--loss", pair[1]],
    st.lists(sizes, min_size=3, max_size=4), st.sampled_from(HIDDEN_ACTIVATIONS), st.sampled_from(sorted(PAIRS)))
single = st.builds(lambda pair, n, m: ["backprop", "--activation", pair[0], "--loss", pair[1], "--inputs", n,
                                       "--outputs", m],
                   st.sampled_from([("sigmoid", "mse"), ("sigmoid", "ce"), ("tanh", "mse"), ("relu", "mse")]),
                   sizes, sizes)
commands = st.one_of(matrix_commands, layered, single)
GENERATED = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The teacher's examples (issue 16)
QUADRATIC = ["matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"]
SOFTMAX = ["backprop", "--layers", "2,3,2", "--output", "softmax", "--loss", "ce"]


def output(args, lang, fmt) -> str:
    result = invoke(*args, "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


# --- 크기 for a matrix's m×n (issue 16, a Korean teacher's review of backprop --loss ce: the textbook's
# m×n 행렬의 크기, 크기가 m×1인 벡터; an earlier review's 모양 is no textbook term); 꼴 is a form
# (거듭제곱 꼴로 고쳐 쓰기), not a shape

# 꼴 said of a shape: "x와 같은 꼴", "꼴: A ∈ ℝⁿˣⁿ" (a shapes' label), "(⟦z⟧와 같은 꼴)"
SHAPE_AS_꼴 = re.compile(r"같은 꼴|꼴\s*[:：]|꼴</|\*\*꼴|꼴\*\*")


def test_the_teachers_examples_say_크기():
    for args in (QUADRATIC, SOFTMAX):
        text = output(args, "ko", "text")
        assert "크기" in text  # the shapes' line and the read-off's aside
        for fmt in HUMAN_FORMATS:
            text = output(args, "ko", fmt)
            assert not SHAPE_AS_꼴.search(text) and "모양" not in text, (args, fmt)
    assert "x와 크기가 같습니다." in output(QUADRATIC, "ko", "text")


def test_the_shape_check_can_fail():
    assert SHAPE_AS_꼴.search("x와 같은 꼴입니다.") and SHAPE_AS_꼴.search("꼴: A n×n")
    assert not SHAPE_AS_꼴.search("거듭제곱 꼴로 고쳐 쓰기")


@GENERATED
@given(commands, st.sampled_from(HUMAN_FORMATS))
def test_korean_matrix_shapes_are_크기(args, fmt):
    text = output(args, "ko", fmt)
    assert not SHAPE_AS_꼴.search(text) and "모양" not in text, (args, fmt)


def test_no_korean_message_calls_a_shape_꼴():
    import symdiff.matrix.messages  # noqa: F401  (adds the matrix and backprop words to the catalogue)
    from symdiff.core import messages
    assert not [key for key, words in messages.KO.items() if SHAPE_AS_꼴.search(words) or words == "꼴"]


def test_크기_in_the_catalogues_is_a_norm_a_length_or_a_shape():
    import symdiff.matrix.messages  # noqa: F401  (adds the matrix and backprop words to the catalogue)
    from symdiff.core import error_words, messages
    assert not [key for key, words in error_words.KO.items() if "크기" in words]
    for key, words in messages.KO.items():
        if "크기" in words:
            # a norm or a length (grad, descend), or a matrix's m×n (matrix, backprop and its numbers)
            # (and the web page's label of the matrix command's shapes)
            assert key.startswith(("grad.", "descend.", "matrix.", "backprop.", "deep.", "training.", "web.shape")), \
                (key, words)


# --- Markdown quotes set apart by a bold title on their first line, which every Markdown renders (a
# `> [!TIP]` callout is GitHub's and Obsidian's alone, and shows its marker as text elsewhere)

# a caveat on where the derivative holds warns; a remark on the input notes: each titled alike in both languages
WARNING = {"en": "Caution", "ko": "주의"}
NOTE = {"en": "Note", "ko": "참고"}
polynomials = st.builds(lambda a, b, c: f"{a}*x^{b}*y^{c} + x*y", st.integers(1, 5), st.integers(0, 3),
                        st.integers(0, 3))
points = st.builds(lambda a, b: f"x={a},y={b}", st.integers(-3, 3), st.integers(-3, 3))
scalar_commands = st.one_of(
    st.builds(lambda f, cmd: [cmd, f], polynomials, st.sampled_from(["grad", "hessian"])),
    st.builds(lambda f, at: ["partial", f, "x", "--at", at], polynomials, points),
    st.builds(lambda f, at: ["grad", f, "--at", at], polynomials, points),
    st.builds(lambda f, at: ["jacobian", f"{f}; x + y", "--at", at], polynomials, points),
    st.builds(lambda f, at: ["tangent", f, "--at", at], polynomials, points),
    st.builds(lambda a: ["check", f"{a}*x^2*y", "x", f"{2 * a}*x*y"], st.integers(1, 5)),
    st.just(["partial", "xy", "x"]),  # a note: the warning callout
    st.just(["implicit", "x**2 + y**2 = 25", "--at", "x=3,y=4"]),
    st.just(["practice", "--rules", "chain", "--count", "2", "--seed", "3"]),
    st.just(["rules", "chain"]))


def _callouts_are_titled(text: str, lang: str) -> None:
    assert not re.search(r"^>\s*\[!", text, re.M), text
    # each quote's first line opens with its title in bold, a sentence's full stop ending it; a result's
    # is titled by what it shows (Result, layer 2…), a note's by its kind
    for first in re.findall(r"(?:\A|\n\n)(>[^\n]*)", text):
        title = re.match(r"> \*\*([^*]+)\.\*\*( |$)", first)
        assert title is not None, first
        if title.group(2):  # a note: its words follow its title on the line
            assert title.group(1) in (WARNING[lang], NOTE[lang]), first


def test_the_teachers_examples_title_their_callouts():
    for lang in LANGS:
        for args in (QUADRATIC, SOFTMAX, ["partial", "3*x**2*y**4", "x"], ["partial", "xy", "x"]):
            text = output(args, lang, "markdown")
            assert re.search(r"^> \*\*", text, re.M), text
            _callouts_are_titled(text, lang)
    # the note is under the document's heading, as in the HTML page: first the heading, then the callout
    heading, _, rest = output(["partial", "xy", "x"], "ko", "markdown").partition("\n\n")
    # xy read as one name is a remark on the input (참고), not a caveat on the mathematics (주의)
    assert heading.startswith("### ") and rest.startswith("> **참고.** "), (heading, rest)
    assert "> **Result.**\n" in output(["partial", "3*x**2*y**4", "x"], "en", "markdown")
    assert "> **결과.**\n" in output(["partial", "3*x**2*y**4", "x"], "ko", "markdown")


@GENERATED
@given(st.one_of(commands, scalar_commands), st.sampled_from(LANGS))
def test_every_markdown_callout_has_its_title(args, lang):
    _callouts_are_titled(output(args, lang, "markdown"), lang)


# --- a Hessian's heading names f, with its variables, as a grad's does

HEADING = {"en": "### Hessian of ${f}", "ko": "의 헤세 행렬"}


@GENERATED
@given(polynomials, st.sampled_from(LANGS), st.sampled_from(["", "g(x, y) = "]))
def test_the_hessians_heading_names_f(f, lang, defined):
    md = output(["hessian", defined + f], lang, "markdown").splitlines()[0]
    name = "g" if defined else "f"
    assert md.startswith("### ")
    assert f"${name}(x, y) = " in md
    assert (md.startswith("### Hessian of $") if lang == "en" else md.endswith("$의 헤세 행렬"))
    html = output(["hessian", defined + f], lang, "html")
    h2 = re.search(r"<h2>(.*?)</h2>", html).group(1)
    assert f"<mi>{name}</mi><mo>(</mo><mi>x</mi><mo>,</mo><mi>y</mi><mo>)</mo><mo>=</mo>" in h2
    assert ("Hessian of" in h2) if lang == "en" else ("헤세 행렬" in h2)


def test_the_teachers_hessian_heading():
    assert output(["hessian", "x^2*y^3"], "en", "markdown").startswith("### Hessian of $f(x, y) = x^{2} y^{3}$\n")
    assert output(["hessian", "x^2*y^3"], "ko", "markdown").startswith("### $f(x, y) = x^{2} y^{3}$의 헤세 행렬\n")


# --- a Jacobian's heading names J and its functions, a tangent's names the tangent and its point (issue 16)


@GENERATED
@given(polynomials, polynomials, st.sampled_from(LANGS))
def test_the_jacobians_heading_names_j_and_its_functions(f, g, lang):
    md = output(["jacobian", f"{f}; {g}", "--no-steps"], lang, "markdown").splitlines()[0]
    assert "$f_{1} = " in md and ", $f_{2} = " in md
    assert md.startswith("### Jacobian $J$ of $") if lang == "en" else md.endswith("의 야코비 행렬 $J$")
    h2 = re.search(r"<h2>(.*?)</h2>", output(["jacobian", f"{f}; {g}", "--no-steps"], lang, "html")).group(1)
    assert "<math><mi>J</mi></math>" in h2 and h2.count("<msub><mi>f</mi>") == 2


@GENERATED
@given(polynomials, st.integers(-3, 3), st.integers(-3, 3), st.sampled_from(LANGS), st.sampled_from(["markdown", "latex"]))
def test_the_tangents_heading_names_the_tangent_and_its_point(f, a, b, lang, fmt):
    import sympy

    from symdiff.scalar.parsing import parse

    height = parse(f).subs({sympy.Symbol("x", real=True): a, sympy.Symbol("y", real=True): b})
    out = output(["tangent", f, "--at", f"x={a},y={b}"], lang, fmt)
    head = out.splitlines()[0] if fmt == "markdown" else next(line for line in out.splitlines() if r"\subsection*{" in line)
    point = f"({a}, {b}, {sympy.latex(height)})"  # as a textbook writes a point: no \left( 1, \  2\right)
    assert point in head, (head, point)
    # as a textbook names it: the tangent plane to the surface z = f(x, y) at the point, 곡면 … 위의 점 …
    assert ("Tangent plane to the surface $z = " in head) if lang == "en" else \
        (head.startswith("### 곡면 $z = ") or "곡면 $z = " in head) and "위의 점 $" in head and "에서의 접평면의 방정식" in head


def test_the_teachers_tangent_heading():
    # f, which the body's f(a) and f′(a) use, is defined in the heading: the curve y = f(x) = √x
    assert output(["tangent", "x^2*y", "--at", "x=1,y=2"], "en", "markdown").startswith(
        r"### Tangent plane to the surface $z = f\left(x, y\right) = x^{2} y$ at $(1, 2, 2)$" + "\n")
    # (after √x's note, a warning callout: real only for x ≥ 0, no derivative at 0)
    root = output(["tangent", "sqrt(x)", "--at", "x=4"], "ko", "markdown")
    # the note under the heading, as in the HTML page
    assert root[root.index("\n\n") + 2:].startswith("> **주의.** ") and root.startswith(
        r"### 곡선 $y = f\left(x\right) = \sqrt{x}$ 위의 점 $(4, 2)$에서의 접선의 방정식" + "\n")
    assert output(["tangent", "sqrt(x)", "--at", "x=4"], "ko", "text").startswith(
        "곡선 y = f(x) = √x 위의 점 (4, 2)에서의 접선의 방정식\n")
    assert output(["tangent", "sqrt(x)", "--at", "x=4"], "en", "text").startswith(
        "The tangent line to the curve y = f(x) = √x at (4, 2)\n")
    # y = √x names the height y: the body uses y throughout, y(4) and y′(4)
    assert output(["tangent", "y = sqrt(x)", "--at", "x=4"], "en", "text").startswith(
        "The tangent line to the curve y = √x at (4, 2)\n")


SLOPE_PUT_IN = {  # f′(4) = 1/(2√4) = 1/4 in each format: the formula with the point in, then its value
    "text": "f′(4) = 1/(2·√4) = 1/4",
    "markdown": r"f'\left(4\right) = \frac{1}{2 \sqrt{4}} = \frac{1}{4}",
    "latex": r"f'\left(4\right) = \frac{1}{2 \sqrt{4}} = \frac{1}{4}",
    "html": "<msqrt><mn>4</mn></msqrt>",
    "rich": "f′(4) = 1/(2·√4) = 1/4",
}


@pytest.mark.parametrize("fmt", sorted(SLOPE_PUT_IN))
@pytest.mark.parametrize("lang", LANGS)
def test_the_slope_is_shown_with_the_point_put_in(fmt, lang):
    assert SLOPE_PUT_IN[fmt] in output(["tangent", "sqrt(x)", "--at", "x=4"], lang, fmt)


@GENERATED
@given(polynomials, st.integers(0, 4), st.integers(0, 4), st.sampled_from(LANGS))
def test_each_slope_put_in_is_its_formula_at_the_point(f, a, b, lang):
    # every "f_x(a, b) = … = m" line: the middle, read back with its numbers, is m and the formula's value
    import sympy

    from symdiff import tangent
    from symdiff.scalar.parsing import parse

    t = tangent(f, at=f"x={a},y={b}")
    lines = [line.strip() for line in output(["tangent", f, "--at", f"x={a},y={b}"], lang, "text").splitlines()]
    for d, slope in zip(t.partials, t.gradient):
        line = next(line for line in lines if line.startswith(f"f_{d.var.name}({a}, {b}) = "))
        sides = line.split(" = ")
        assert parse(sides[-1].replace("·", "*").replace("−", "-")) == slope
        if len(sides) == 3:  # the formula with the numbers in: the same value, and the formula's shape
            middle = parse(sides[1].replace("·", "*").replace("−", "-").replace("√", "sqrt"))
            assert middle == slope == d.result.subs(t.point), (line, d.result)


# --- a 합니다체 sentence ends with a full stop (headings and labels are noun phrases, without one)

UNSTOPPED = re.compile(r"(니다|니다 \([^()]*\))$")


def _every_korean_sentence_is_stopped(text: str) -> None:
    assert "니다" in text
    lines = [line.strip() for line in text.splitlines()]
    assert [line for line in lines if UNSTOPPED.search(line)] == []


def test_the_teachers_examples_stop_their_sentences():
    for args in (QUADRATIC, SOFTMAX, ["hessian", "x^2*y^3"]):
        _every_korean_sentence_is_stopped(output(args, "ko", "text"))


@GENERATED
@given(st.one_of(commands, st.builds(lambda f, cmd: [cmd, f], polynomials, st.sampled_from(["grad", "hessian"]))))
def test_every_korean_sentence_is_stopped(args):
    _every_korean_sentence_is_stopped(output(args, "ko", "text"))


# --- the mathematics inside an explanation is typeset as mathematics (issue 16): a formula a sentence states
# is a slot of it (symdiff.core.written, symdiff.matrix.stated), so no formula is left in the words

DOCUMENTS = ("latex", "markdown", "html")
# an ASCII hyphen used as a minus sign: after a space, bracket, = or comma, before what it negates or a space
ASCII_MINUS = re.compile(r"(?:^|[\s(=,])-(?=[\s\d(A-Za-z∇δ])")


def prose(out: str, fmt: str) -> str:
    """The words of a document, its mathematics taken out."""
    if fmt == "html":
        out = re.sub(r"<math.*?</math>", " ", out, flags=re.S)
        out = re.sub(r"<style.*?</style>|<script.*?</script>", " ", out, flags=re.S)
        return html.unescape(re.sub(r"<[^>]*>", " ", out))
    if fmt == "latex":
        out = re.sub(r"\\documentclass.*?\\begin\{document\}", " ", out, flags=re.S)
        words = re.findall(r"\\(?:intertext|section\*|subsection\*|text)\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}",
                           out)
        outside = re.sub(r"\\begin\{align\*\}.*?\\end\{align\*\}|\\\[.*?\\\]", " ", out, flags=re.S)
        out = "\n".join(words + [outside])
        return re.sub(r"(?<!\\)\$.*?(?<!\\)\$", " ", out, flags=re.S)
    out = re.sub(r"\$\$.*?\$\$", " ", out, flags=re.S)
    out = re.sub(r"(?<!\\)\$.*?(?<!\\)\$", " ", out, flags=re.S)
    out = re.sub(r"^\s*- ", "", out, flags=re.M)  # a list's item
    return re.sub(r"\*\*(\S[^*]*?)\*\*", r"\1", out)  # bold is Markdown's, not a power


def _no_formula_in_words(out: str, fmt: str) -> None:
    assert "d/d$" not in out
    words = prose(out, fmt)
    if fmt == "latex":
        words = words.replace(r"\_", "_")
    assert "_" not in words, words
    assert "**" not in words and "^" not in words, words
    assert not ASCII_MINUS.search(words), ASCII_MINUS.search(words).string[
        max(0, ASCII_MINUS.search(words).start() - 60):ASCII_MINUS.search(words).end() + 60]


def test_the_teachers_examples_typeset_their_formulas():
    for args in (QUADRATIC, SOFTMAX):
        for lang in LANGS:
            for fmt in DOCUMENTS:
                _no_formula_in_words(output(args, lang, fmt), fmt)
    latex = output(SOFTMAX, "ko", "latex")
    assert r"\sum_{i} \frac{z_{i}t_{i}}{z_{i}}" in latex and r"$\delta_{2} = z - t$입니다" in latex
    assert "d$x$" not in output(QUADRATIC, "ko", "markdown")


@GENERATED
@given(commands, st.sampled_from(LANGS), st.sampled_from(DOCUMENTS))
def test_no_formula_is_left_in_the_words(args, lang, fmt):
    _no_formula_in_words(output(args, lang, fmt), fmt)


@GENERATED
@given(commands, st.sampled_from(LANGS), st.sampled_from(("text", "rich")))
def test_the_terminal_writes_formulas_in_unicode(args, lang, fmt):
    out = output(args, lang, fmt)
    assert "_" not in out and "^" not in out, out


@GENERATED
@given(st.sampled_from(["1e-8", "1e-6", "0.001", "1e-10"]), st.sampled_from(LANGS), st.sampled_from(DOCUMENTS),
       st.sampled_from(["30", "1000"]))
def test_the_descent_tolerance_is_typeset_as_a_number(tol, lang, fmt, steps):
    # "허용 오차 1e-08" (issue 16): a document sets the tolerance as a textbook does, 1 × 10⁻⁸
    out = output(["descend", "x^2 + y^2", "--from", "x=1,y=2", "--lr", "0.1", "--tol", tol, "--steps", steps],
                 lang, fmt)
    assert not re.search(r"\de-\d", prose(out, fmt)), prose(out, fmt)[-400:]


# --- English LaTeX sentences start with a capital and end with a full stop; a result is written once
# (issue 16, the teacher's list, 7)

_LATEX_PARAGRAPH = re.compile(r"^\\noindent (?!\\textbf)(.*)$|\\intertext\{(?:\\leftskip=\d+em\\relax )?(.*)\}$")


def _latex_sentences(out: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in map(_LATEX_PARAGRAPH.search, out.splitlines()) if m]


@GENERATED
@given(polynomials, st.sampled_from([["partial", "x"], ["grad", "--at", "x=1,y=2"], ["hessian", "--at", "x=1,y=2"],
                                     ["tangent", "--at", "x=1,y=2"], ["check", "x", "2*x"]]))
def test_english_latex_sentences_are_capitalised_and_stopped(f, command):
    name, *rest = command
    out = invoke(name, f, *rest, "--lang", "en", "--format", "latex").stdout  # check exits 1 on a wrong answer
    sentences = _latex_sentences(out)
    assert sentences
    for s in sentences:
        assert not s[:1].islower(), s
        assert s.rstrip().endswith((".", ":")) or s in ("The steps",) or s.startswith("Answer:"), s


@GENERATED
@given(polynomials, st.sampled_from(LANGS))
def test_a_partials_result_is_written_once_in_latex(f, lang):
    out = output(["partial", f, "x"], lang, "latex")
    # the derivation ends "⇒ ∂f/∂x = …"; no second display restates it ("∂f/∂x &= …")
    stating = [line for line in out.splitlines()
               if line.startswith(r"&\Rightarrow") or re.match(r"^\\frac\{(\\partial |d )f\}", line)]
    assert len(stating) == 1, stating


_NAMES = {"text": r"(?<![\w∂/])({f})(?:′|_\w|\(|/d)", "rich": r"(?<![\w∂/])({f})(?:′|_\w|\(|/d)",
          "markdown": r"(?<![\w\\])({f})(?:'|_\{{|\\left\(| \}})", "latex": r"(?<![\w\\])({f})(?:'|_\{{|\\left\(| \}})",
          "html": r"<mi>({f})</mi>(?:<mo>′</mo>|<mo>\(</mo>|<mo>&#8289;</mo>|</msub>|</mrow><mrow><mi>d)"}


@GENERATED
@given(st.sampled_from(["sqrt(x)", "x^3 - 2*x", "sin(x) + x", "x^2*y + y", "x*y^2"]),
       st.sampled_from(["", "y = ", "g = ", "f = "]), st.sampled_from(LANGS),
       st.sampled_from(["text", "rich", "markdown", "latex", "html"]))
def test_a_tangent_names_its_function_one_way_throughout(f, form, lang, fmt):
    # the teacher's finding: under the heading y = √x the body said f′(4); a tangent's views now use one
    # name, the one the input gave (y = … gives y(a), y′(a), dy/dx), else f, defined in the heading
    two = "y" in f
    if two and form == "y = ":
        form = "z = "
    at = "x=1,y=2" if two else "x=4"
    name = form[:1] or "f"
    out = output(["tangent", form + f, "--at", at], lang, fmt)
    letters = "fgz" if two else "fgyz"  # y is a variable of x²y + y, not a name of the function
    used = {m.group(1) for letter in letters for m in re.finditer(_NAMES[fmt].format(f=letter), out)}
    assert used == {name}, (used, out)
