"""A teacher's reading of `symdiff matrix` (and backprop, which shares its rules and renderer): the sum rule
names the terms without the variable ("b does not depend on x, so db = 0"), never counts them; every rule's
name is a label with a capital in English, in every view, as `symdiff partial` writes its rules; --check says
"to within rounding error" with its tolerance, never a number like 5.5e-37; a Jacobian read off an element-wise
product shows a ⊙ v = diag(a)v before J = diag(a)W."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from symdiff.app.cli import app

SIGMOID = ["sigmoid(W*x + b)", "x", "--shape", "W=m,n", "--shape", "x=n,1", "--shape", "b=m,1"]
LEAST_SQUARES = ["(A*x - b).T*(A*x - b)", "x", "--shape", "A=m,n", "--shape", "x=n,1", "--shape", "b=m,1"]
QUADRATIC = ["x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"]
LOGDET = ["log(det(X))", "X", "--shape", "X=n,n"]
NORM = ["norm2(A*x - b)**2", "x", "--shape", "A=m,n", "--shape", "x=n,1", "--shape", "b=m,1"]
# the matrix examples of `symdiff matrix --help` and the README, and element-wise functions beside sigmoid
EXAMPLES = [SIGMOID, LEAST_SQUARES, QUADRATIC, LOGDET, NORM,
            ["tanh(W*x)", "x", "--shape", "W=m,n", "--shape", "x=n,1"],
            ["relu(W*x + b)", "x", "--shape", "W=m,n", "--shape", "x=n,1", "--shape", "b=m,1"],
            ["exp(x)", "x", "--shape", "x=n,1"],
            ["hadamard(A*x, x)", "x", "--shape", "A=n,n", "--shape", "x=n,1"]]
FORMATS = ["text", "markdown", "html", "latex"]


def _run(*args) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


# ---------------------------------------------------------------- the sum rule names its constant terms

@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("example", EXAMPLES[:5], ids=lambda e: e[0])
def test_no_count_of_terms_in_any_view(example, lang):
    for fmt in ("text", "markdown"):
        out = _run("matrix", *example, "--format", fmt, "--lang", lang)
        assert not re.search(r"\(\d+ of \d+\)|\d+개 항 중", out), out


@pytest.mark.parametrize("lang, words", [
    ("en", "b does not depend on x, so db = 0."),
    ("ko", "b는 x에 의존하지 않으므로 db = 0입니다."),
])
def test_one_constant_term_is_named(lang, words):
    assert words in _run("matrix", *SIGMOID, "--format", "text", "--lang", lang)


@pytest.mark.parametrize("lang, words", [
    ("en", "b and c do not depend on x, so db = dc = 0."),
    ("ko", "b와 c는 x에 의존하지 않으므로 db = dc = 0입니다."),
])
def test_several_constant_terms_are_named_together(lang, words):
    out = _run("matrix", "A*x + b - c", "x", "--shape", "A=m,n", "--shape", "x=n,1", "--shape", "b=m,1",
               "--shape", "c=m,1", "--lang", lang, "--format", "text")
    assert words in out, out


def test_backprop_layers_name_their_bias_and_target():
    out = _run("backprop", "--layers", "3,2", "--format", "text")
    assert "t does not depend on z, so dt = 0." in out
    assert "of 2)" not in out


# ---------------------------------------------------------------- rule names as labels, capitalised

def _labels(out: str, fmt: str) -> list[str]:
    if fmt == "text":  # a step's line: its number, its claim, its rule's name in brackets
        return re.findall(r"^\s+\d+(?:\.\d+)*\. .*   \((.+)\)$", out, re.M)
    if fmt == "markdown":
        return re.findall(r"^\s*- \*\*([^*]+)\*\*", out, re.M)
    if fmt == "html":
        return re.findall(r'<span class="rule">([^<]+)</span>', out)
    return re.findall(r"&& \\text\{([^}$]+)\}", out)  # the result's tag is its shape, $m \times n$


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", [SIGMOID, LEAST_SQUARES], ids=lambda e: e[0])
def test_every_rule_label_has_a_capital(example, fmt):
    out = _run("matrix", *example, "--format", fmt)
    labels = _labels(out, fmt)
    assert labels, out
    assert all(label[:1].isupper() for label in labels), labels


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_backprop_rule_labels_have_a_capital(fmt):
    out = _run("backprop", "--layers", "3,2", "--output", "softmax", "--loss", "ce", "--format", fmt)
    found = {"text": re.findall(r"· \(([^)]+)\)", out), "markdown": re.findall(r"- \*\*([^*]+)\*\*", out),
             "html": re.findall(r'<span class="rule">([^<]+)</span>', out)}[fmt]
    assert found, out
    assert all(label[:1].isupper() for label in found), found
    assert any(label in ("Softmax rule", "Read off", "Element-wise rule") for label in found), found


def test_korean_labels_are_unchanged():
    out = _run("matrix", *LEAST_SQUARES, "--format", "markdown", "--lang", "ko")
    assert "**곱의 미분법**" in out and "**합·차의 미분법**" in out


# ---------------------------------------------------------------- --check in words a student reads

@pytest.mark.parametrize("lang, words", [
    ("en", "Check: agrees with central finite differences at 3 random points, to within rounding error "
           "(relative difference below 10⁻⁹)."),
    ("ko", "검산: 무작위로 고른 점 3개에서 반올림 오차 범위 안에서 중심 차분과 일치합니다 (상대 차이 10⁻⁹ 미만)."),
])
@pytest.mark.parametrize("command", [["matrix", *NORM], ["backprop"], ["backprop", "--layers", "3,2"]],
                         ids=lambda c: " ".join(c[:3]))
def test_the_check_sentence_has_no_e_notation(command, lang, words):
    for fmt in ("text", "markdown"):
        out = _run(*command, "--check", "--format", fmt, "--lang", lang)
        assert words in out, out
        assert not re.search(r"\d\.?\d*e-\d", out), out


def test_json_keeps_the_number():
    record = json.loads(_run("matrix", *NORM, "--check", "--format", "json"))
    assert record["check"]["ok"] and 0 <= record["check"]["max_error"] < 1e-9


def test_a_latex_check_sets_its_tolerance_as_math():
    out = _run("backprop", "--layers", "3,2", "--check", "--format", "latex")
    assert "10$^{-9}$" in out and "⁻" not in out


def test_a_disagreement_reads_as_a_number_a_student_reads():
    from symdiff.matrix.numeric import Agreement
    from symdiff.render.matrix import check_lines, readable

    assert [readable(v) for v in (0.35, 3.2e-4, 1e-9, float("inf"))] == ["0.35", "3.2 × 10⁻⁴", "10⁻⁹", "∞"]
    line = check_lines(Agreement(3, 3.2e-4))[0]
    assert "3.2 × 10⁻⁴" in line and "10⁻⁹" in line and "e-" not in line


# ---------------------------------------------------------------- a ⊙ v = diag(a)v before J = diag(a)W

DIAGONAL = [SIGMOID, EXAMPLES[5], EXAMPLES[6], EXAMPLES[7], EXAMPLES[8],
            ["V*sigmoid(W*x)", "x", "--shape", "V=k,m", "--shape", "W=m,n", "--shape", "x=n,1"]]


def _shapes(example) -> dict:
    return dict(tuple(s.split("=")) for s in example[3::2]) | {}


def _result(example):
    from symdiff.matrix.api import matrix_derivative

    shapes = {name: tuple(size.split(",")) for name, size in _shapes(example).items()}
    return matrix_derivative(example[0], example[1], shapes)


def _diagonal_steps(result):
    return [s for top in result.steps for s in top.walk() if getattr(s, "diagonal", None) is not None]


@pytest.mark.parametrize("example", DIAGONAL, ids=lambda e: e[0])
def test_every_diagonal_jacobian_shows_the_identity(example):
    result = _result(example)
    assert _diagonal_steps(result), example
    for lang, identity in (("en", "g ⊙ u = diag(g)·u"), ("ko", "g ⊙ u = diag(g)·u")):
        for fmt in ("text", "markdown", "html"):
            out = _run("matrix", *example, "--format", fmt, "--lang", lang)
            if fmt == "text":
                assert identity in out, out
                words = {"en": "An element-wise product is a product with a diagonal matrix",
                         "ko": "원소별 곱은 대각 행렬과의 곱으로 쓸 수 있으므로"}[lang]
                assert words in out, out
            # every Jacobian with a diag in it: the identity that brings diag in is said on its row or before
            lines = out.splitlines()
            for i, line in enumerate(lines):
                if fmt == "text" and "→" in line and "diag(" in line.split("→")[-1]:
                    assert identity in "\n".join(lines[:i + 2]), out


@pytest.mark.parametrize("example", DIAGONAL, ids=lambda e: e[0])
def test_the_diagonal_lines_are_equal(example):
    """Each line of a ⊙ (W·dx) = diag(a)(W·dx) = (diag(a)W)·dx is the same matrix, at random points."""
    from test_matrix_engine import numeric_points

    from symdiff.matrix import expr as E

    result = _result(example)
    shapes = {name: tuple(int(s) if s.isdigit() else s for s in size.split(","))
              for name, size in _shapes(example).items()}
    for step in _diagonal_steps(result):
        grouped = E.Mul(E.Num(1).value, (), (step.result, E.Differential(result.wrt)))
        assert numeric_points(step.expr, step.diagonal, result.shapes, result.wrt.name)
        assert numeric_points(step.diagonal, grouped, result.shapes, result.wrt.name)
    assert shapes


def test_a_jacobian_without_an_element_wise_product_has_no_diagonal_line():
    out = _run("matrix", "A*x", "x", "--shape", "A=m,n", "--shape", "x=n,1", "--format", "text")
    assert "diagonal matrix" not in out
