"""Issue 16, a reviewing teacher's findings on backprop and matrix derivations, over generated networks and
expressions: the loss is L (never f), σ is named before it is used and written σ (never the code-like
sigmoid(…)), the natural logarithm is ln in every human view, each δ is defined (δ = ∂L/∂y, with its
shape) where it is first used, the one-layer summary has every gradient, and a matrix derivation shows
its work before its result (without steps that only restate d(x) = dx)."""

from __future__ import annotations

import json
import re

import pytest
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.matrix.network import HIDDEN_ACTIVATIONS

HUMAN = ["text", "rich", "markdown", "latex", "html"]
LANGS = ["en", "ko"]
SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

# (output, loss) pairs the command accepts
OUTPUT_LOSS = [("identity", "mse"), ("sigmoid", "mse"), ("softmax", "mse"), ("sigmoid", "ce"), ("softmax", "ce")]


@st.composite
def networks(draw):
    """--layers sizes (2 to 4 layers' worth, small numbers), one activation per hidden layer, an output and loss."""
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=4))
    sizes[-1] = max(sizes[-1], 2)  # a softmax of one entry is the constant 1
    activations = draw(st.lists(st.sampled_from(HIDDEN_ACTIVATIONS), min_size=len(sizes) - 2,
                                max_size=len(sizes) - 2))
    output, loss = draw(st.sampled_from(OUTPUT_LOSS))
    args = ["backprop", "--layers", ",".join(map(str, sizes)), "--output", output, "--loss", loss]
    if activations:
        args += ["--activation", ",".join(activations)]
    return args, sizes, activations, output


def _run(*args) -> str:
    result = invoke(*args, width="100")
    assert result.exit_code == 0, result.output
    return result.stdout


def _math(view: str, fmt: str) -> str:
    """The mathematics of a LaTeX or Markdown view (what is between $…$, \\[…\\] and in align blocks), where
    `log` would be the base-10 logarithm to a Korean reader."""
    return view if fmt == "latex" else " ".join(re.findall(r"\$\$?([^$]+)\$\$?", view))


def _no_code_names(view: str, fmt: str) -> None:
    assert "sigmoid(" not in view and "sigmoid}" not in view and "sigmoid′" not in view, view
    assert "identity(" not in view and "operatorname{identity}" not in view, view
    assert not re.search(r"\bz = a[₀-₉\d_{]", view), "z has a second name, a_L"
    if fmt in ("latex", "markdown"):
        assert not re.search(r"\\log\b|operatorname\{log\}", _math(view, fmt)), view
    if fmt in ("text", "rich"):
        assert not re.search(r"\blog\b", view), view
    # the loss is L: no df = …, ∂f/∂z, \partial f anywhere
    assert not re.search(r"(?<![A-Za-z])df\b|∂f|\\partial f\b|\\partial \{f\}|<mi>f</mi>", view), view


def _delta_defined_first(view: str, fmt: str, layers: list[int]) -> None:
    """Each δ's first occurrence is its definition δ_l = ∂L/∂y_l (δ = ∂L/∂y in the one-layer form)."""
    for l in layers:
        if fmt == "text":
            name, definition = (f"δ{str(l).translate(SUB)}", f" = ∂L/∂y{str(l).translate(SUB)}") if l else ("δ", " = ∂L/∂y")
        else:
            name = rf"\delta_{{{l}}}" if l else r"\delta"
            definition = rf" = \frac{{\partial L}}{{\partial y_{{{l}}}}}" if l else r" = \frac{\partial L}{\partial y}"
        first = view.find(name + (" " if not l else ""))
        if not l:  # \delta, not \delta_{…}: the first \delta followed by a space or = …
            first = min(i for i in (view.find(name + " "), view.find(name + "=")) if i >= 0)
        assert first >= 0, f"{name} never appears"
        assert view[first + len(name):].startswith(definition), (name, view[first - 80:first + 120])


@SETTINGS
@given(net=networks(), fmt=st.sampled_from(HUMAN), lang=st.sampled_from(LANGS))
def test_network_views_in_the_teachers_notation(net, fmt, lang):
    args, sizes, activations, output = net
    view = _run(*args, "--format", fmt, "--lang", lang)
    _no_code_names(view, fmt)
    uses_sigmoid = "sigmoid" in activations or output == "sigmoid"
    named = {"en": "the sigmoid", "ko": "시그모이드 함수"}[lang]
    assert (named in view) == uses_sigmoid, view
    if uses_sigmoid:  # named before the first layer's derivation uses it
        first_layer = view.find({"en": "layer", "ko": "층"}[lang], view.find(named))
        assert view.find(named) < first_layer, view
    if fmt in ("text", "latex"):
        _delta_defined_first(view, fmt, list(range(len(sizes) - 1, 0, -1)))


@SETTINGS
@given(net=networks(), fmt=st.sampled_from(HUMAN), lang=st.sampled_from(LANGS), data=st.data())
def test_numbers_in_the_teachers_notation(net, fmt, lang, data):
    args, sizes, activations, output = net
    numbers = st.integers(-9, 9).map(lambda n: n / 10)
    values = {"x": data.draw(st.lists(numbers, min_size=sizes[0], max_size=sizes[0]))}
    for l in range(1, len(sizes)):
        values[f"W{l}"] = [data.draw(st.lists(numbers, min_size=sizes[l - 1], max_size=sizes[l - 1]))
                           for _ in range(sizes[l])]
        values[f"b{l}"] = data.draw(st.lists(numbers, min_size=sizes[l], max_size=sizes[l]))
    hot = data.draw(st.integers(0, sizes[-1] - 1))
    values["t"] = [1.0 if i == hot else 0.0 for i in range(sizes[-1])]
    view = _run(*args, "--at", json.dumps(values), "--format", fmt, "--lang", lang)
    _no_code_names(view, fmt)
    if fmt == "text":
        hidden = [l for l, fn in enumerate(activations, 1) if fn == "sigmoid"]
        for l in hidden:
            assert f"a{str(l).translate(SUB)} = σ(y{str(l).translate(SUB)})" in view, view
        y_last = f"y{str(len(sizes) - 1).translate(SUB)}"
        written = {"sigmoid": f"σ({y_last})", "identity": y_last}.get(output, f"{output}({y_last})")
        # its numbers follow "=" or, where rounded, "≈" (tests/test_rounded_values.py)
        assert f"z = {written} = " in view or f"z = {written} ≈ " in view, view


@SETTINGS
@given(activation=st.sampled_from(["sigmoid", "tanh", "relu"]), fmt=st.sampled_from(HUMAN),
       lang=st.sampled_from(LANGS), steps=st.booleans())
def test_one_layer_in_the_teachers_notation(activation, fmt, lang, steps):
    args = ["backprop", "--activation", activation] + ([] if steps else ["--no-steps"])
    view = _run(*args, "--format", fmt, "--lang", lang)
    _no_code_names(view, fmt)
    if fmt in ("text", "latex"):
        _delta_defined_first(view, fmt, [0])
    if fmt == "markdown" and steps:
        box = view[view.index("> **"):]
        for gradient in (r"\frac{\partial L}{\partial W} = \delta x^{\top}", r"\frac{\partial L}{\partial b} = \delta",
                         r"\frac{\partial L}{\partial x} = W^{\top} \delta", r"\delta = "):
            assert gradient in box, box


def test_the_one_layer_cross_entropy_writes_ln():
    for lang in LANGS:
        latex = _run("backprop", "--loss", "ce", "--format", "latex", "--lang", lang)
        assert r"\ln z_{i}" in latex and r"\log" not in latex
        assert "tᵢ ln zᵢ" in _run("backprop", "--loss", "ce", "--format", "text", "--lang", lang)


def test_json_keeps_its_data():
    """The views changed, the records did not: expressions in SymPy's syntax (log), steps with d(x) = dx."""
    record = json.loads(_run("backprop", "--layers", "2,3,2", "--output", "softmax", "--loss", "ce",
                             "--format", "json"))
    assert record["forward"]["L"] == "-t.T*log(z)"
    text = json.dumps(record)
    assert '"rule": "identity"' in text


# ---------------------------------------------------------------- matrix: the work, then the result

MATRIX = [
    ("x.T*A*x", "x", ["x=n,1", "A=n,n"]),
    ("tr(X.T*A*X)", "X", ["X=n,m", "A=n,n"]),
    ("log(det(X))", "X", ["X=n,n"]),
    ("norm2(A*x - b)**2", "x", ["A=m,n", "x=n,1", "b=m,1"]),
    ("trace(expm(X))", "X", ["X=n,n"]),
    ("sum(sin(x))", "x", ["x=n,1"]),
    ("a.T*X*b", "X", ["a=m,1", "X=m,n", "b=n,1"]),
    ("tr(A*X*B*X.T)", "X", ["A=n,n", "X=n,m", "B=m,m"]),
    ("sigmoid(W*x)", "x", ["W=m,n", "x=n,1"]),
]


def _matrix(expr, wrt, shapes, fmt, lang) -> str:
    return _run("matrix", expr, wrt, *[a for s in shapes for a in ("--shape", s)], "--format", fmt, "--lang", lang)


def _order_marks(fmt: str, wrt: str) -> tuple[re.Pattern, re.Pattern]:
    """(a differential step's claim, the first statement of the result ∂f/∂X = …) in the view's notation."""
    if fmt in ("text", "rich"):
        return re.compile(r"\bd\(.*\) = "), re.compile(rf"∂f/∂{wrt} = |⇒|  →  ")
    if fmt in ("latex", "markdown"):
        return (re.compile(r"\\mathrm\{d\}\\left\("),
                re.compile(rf"\\frac\{{\\partial (?:f|\{{f\}})\}}\{{\\partial (?:{wrt}|\{{{wrt}\}})\}} ?&?=|\\Rightarrow"))
    return (re.compile(r'<mi mathvariant="normal">d</mi><mrow><mo>\(</mo>'),
            re.compile(r"<mo>⇒</mo>|class=\"result\""))


@settings(max_examples=20, deadline=None)
@given(case=st.sampled_from(MATRIX), fmt=st.sampled_from(HUMAN), lang=st.sampled_from(LANGS))
def test_matrix_result_after_the_work(case, fmt, lang):
    expr, wrt, shapes = case
    view = _matrix(expr, wrt, shapes, fmt, lang)
    work, result = _order_marks(fmt, wrt)
    last_work = max(m.start() for m in work.finditer(view))
    first_result = min(m.start() for m in result.finditer(view))
    assert last_work < first_result, view
    # no step that only restates the differential of a variable
    if fmt in ("text", "rich"):
        assert not re.search(rf"d\({wrt}\) = d{wrt}\b", view), view
    if fmt in ("latex", "markdown"):
        assert rf"\mathrm{{d}}\left({wrt}\right) = \mathrm{{d}}{wrt}" not in view, view
    if fmt != "html":
        assert not re.search(r"\\log\b|operatorname\{log\}|\blog\(", view), view


def test_matrix_read_off_plan_then_terms_then_their_sum():
    """As a teacher says it: first what is done (write each term of df in the form gᵀdx), then each term,
    then the sum that closes; the differential's transpose bracketed, (dx)ᵀ."""
    view = _matrix("x.T*A*x", "x", ["x=n,1", "A=n,n"], "text", "en")
    lines = [line.strip() for line in view.splitlines()]
    plan = next(i for i, line in enumerate(lines) if line.startswith("2. df = (dx)ᵀAx + xᵀA·dx"))
    assert lines[plan + 1].startswith("To read the gradient off df, write each term in the form gᵀ·dx"), view
    terms = [i for i, line in enumerate(lines) if line.startswith(("3. (dx)ᵀAx contributes Ax", "4. xᵀA·dx contributes Aᵀx"))]
    # (a term's row says in words what it contributes; the row that closes is the equality it reads off)
    total = next(i for i, line in enumerate(lines) if line.startswith("5. ∂f/∂x = (A + Aᵀ)x"))
    assert len(terms) == 2 and plan < min(terms) and max(terms) < total, view
    assert lines[total + 1].startswith("The terms' parts added give ∂f/∂x = Ax + Aᵀx = (A + Aᵀ)x"), view
    record = json.loads(_matrix("x.T*A*x", "x", ["x=n,1", "A=n,n"], "json", "en"))
    assert len(record["steps"][1]["substeps"]) == 2  # JSON's tree is as it was: the terms under their sum
