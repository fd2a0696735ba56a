"""Issue 16, the words around the mathematics of matrix and backprop explanations: the Korean textbook's
term for a matrix's size (크기, not 모양), a Hessian's heading that names f, and Markdown callouts that
GitHub renders as well as Obsidian; over generated commands in both languages and every human format."""

from __future__ import annotations

import re

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
    st.lists(sizes, min_size=2, max_size=4), st.sampled_from(HIDDEN_ACTIVATIONS), st.sampled_from(sorted(PAIRS)))
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


# --- 크기, the Korean textbook's word for a matrix's m×n

def test_the_teachers_examples_say_크기():
    for args in (QUADRATIC, SOFTMAX):
        assert "크기" in output(args, "ko", "text")  # the shapes' line and the read-off's aside
        for fmt in HUMAN_FORMATS:
            assert "모양" not in output(args, "ko", fmt)


@GENERATED
@given(commands, st.sampled_from(HUMAN_FORMATS))
def test_korean_matrix_sizes_are_크기(args, fmt):
    text = output(args, "ko", fmt)
    assert "모양" not in text


# --- Markdown callouts GitHub renders too: the type alone on its line, one GitHub knows

GITHUB_ALERTS = {"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}
polynomials = st.builds(lambda a, b, c: f"{a}*x^{b}*y^{c} + x*y", st.integers(1, 5), st.integers(0, 3),
                        st.integers(0, 3))


def _callouts_render_on_github(text: str) -> None:
    markers = re.findall(r"^>\s*\[!([^\]]*)\](.*)$", text, re.M)
    assert markers, text
    for kind, rest in markers:
        assert kind in GITHUB_ALERTS and rest.strip() == "", (kind, rest)


def test_the_teachers_examples_write_github_callouts():
    for lang in LANGS:
        _callouts_render_on_github(output(QUADRATIC, lang, "markdown"))
        _callouts_render_on_github(output(SOFTMAX, lang, "markdown"))


@GENERATED
@given(st.one_of(commands, st.builds(lambda f, cmd: [cmd, f], polynomials,
                                     st.sampled_from(["grad", "hessian", "partial"]))), st.sampled_from(LANGS))
def test_every_markdown_callout_renders_on_github(args, lang):
    if args[0] == "partial":
        args = [*args, "x"]
    _callouts_render_on_github(output(args, lang, "markdown"))


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
