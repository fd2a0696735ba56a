"""The read-off as a textbook writes it (issue 16): df, then each line that rearranges a term into the form
gᵀdx or tr(Gᵀ·dX) with the identity it uses, then ∂f/∂X = G. Every line is an equation the reader can check,
so each is checked here at random matrices, over the generated expressions of test_matrix_engine."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, note
from test_matrix_engine import PROPERTY, SHAPES, numeric_points_retrying, random_case

from symdiff.core.errors import SymdiffError
from symdiff.core.messages import language
from symdiff.matrix import expr as E
from symdiff.matrix.api import explain_step, matrix_derivative
from symdiff.matrix.printing import unicode
from symdiff.matrix.readoff import ALREADY, ROW_TRANSPOSE

V, SQ = ("n", 1), ("n", "n")


def _read_off_steps(result):
    for step in result.steps:
        if step.rule == "read_off":
            yield step
            yield from step.substeps


def _honest_lines(step, shapes, wrt) -> bool:
    """Asserts every line equals the term and the last writes G = the step's result, at random matrices
    in their domain; whether every one of these was in it (inv(zzᵀ) never is)."""
    lines = step.lines()
    checked = 0
    for _, line in lines:
        assert line.shape == step.expr.shape or E.is_scalar(line.shape)
        checked += numeric_points_retrying(step.expr, line, shapes, wrt=wrt) > 0
    identity, last = lines[-1]
    d = E.Differential(step.var)
    if identity in (ROW_TRANSPOSE, ALREADY):  # the last line states G itself: (G)ᵀdx or tr(GᵀdX)
        inside = last.args[0] if isinstance(last, E.Call) else last
        g = inside.chain[0]
        assert inside.chain[1] == d
        checked += numeric_points_retrying(E.transpose(g), step.result, shapes) > 0
        checked -= 1
    return checked == len(lines)


def test_random_read_offs_every_line_is_an_equation_that_holds():
    stats = Counter()

    @PROPERTY
    @given(random_case())
    def run(case):
        source, wrt = case
        note(f"matrix_derivative({source!r}, {wrt!r})")
        try:
            result = matrix_derivative(source, wrt, SHAPES)
        except SymdiffError:
            return
        if result.kind.split("_by_")[0] != "scalar" or E.is_scalar(SHAPES[wrt]):
            return
        for step in _read_off_steps(result):
            if step.key not in ("matrix.read_off", "matrix.read_off.term") or step.substeps:
                continue
            stats["terms"] += 1
            lines = step.lines()
            if lines:
                stats["rearranged"] += 1
                stats["lines"] += len(lines)
                stats["checked"] += _honest_lines(step, SHAPES, wrt)
                # the words name each identity in the order the lines use them
                words = explain_step(step, unicode)
                assert [unicode(n) in words for _, n in lines] == [True] * len(lines)

    run()
    # the rule fires on most terms (a term with dX inside a function keeps the adjoint's words)
    assert stats["rearranged"] >= 0.3 * stats["terms"] > 0, stats
    assert stats["checked"] >= 0.95 * stats["rearranged"], stats


# the brief's examples and the Matrix Cookbook's, with the identities in the order a textbook uses them
EXAMPLES = [
    ("x.T*A*x", "x", {"x": V, "A": SQ}, [["scalar_transpose", "row_transpose"], ["row_transpose"]]),
    ("norm2(A*x - b)**2", "x", {"x": V, "A": ("m", "n"), "b": ("m", 1)}, [["row_transpose"]]),
    ("a.T*X*b", "X", {"X": ("m", "n"), "a": ("m", 1), "b": V}, [["scalar_trace", "cyclic", "row_transpose"]]),
    ("trace(A*X.T*B)", "X", {"X": ("m", "n"), "A": ("p", "n"), "B": ("m", "p")},
     [["cyclic", "trace_transpose", "cyclic", "row_transpose"]]),
    ("log(det(X))", "X", {"X": SQ}, [["already"]]),
    ("trace(x*x.T*A)", "x", {"x": V, "A": SQ},
     [["cyclic", "one_by_one_trace", "row_transpose"],
      ["cyclic", "one_by_one_trace", "scalar_transpose", "row_transpose"]]),
]


@pytest.mark.parametrize("expression, wrt, shapes, identities", EXAMPLES)
def test_examples_rearrange_with_the_identities_in_order(expression, wrt, shapes, identities):
    result = matrix_derivative(expression, wrt, shapes)
    steps = [s for s in _read_off_steps(result) if s.lines()]
    assert [[k for k, _ in s.lines()] for s in steps] == identities
    for step in steps:
        assert _honest_lines(step, result.shapes, wrt)


@pytest.mark.parametrize("lang, said", [
    ("en", ["write each term in the form gᵀ·dx", "a scalar equals its transpose, so "
            "(dx)ᵀAx = xᵀAᵀdx; writing the factor in front as a transpose, xᵀAᵀdx = (Ax)ᵀdx; so this term's part of the "
            "gradient is Ax", "the terms' parts added give ∂f/∂x = Ax + Aᵀx = (A + Aᵀ)x"]),
    ("ko", ["df의 각 항을 gᵀ·dx 꼴로 고쳐 써서", "스칼라는 그 전치와 같으므로 (dx)ᵀAx = xᵀAᵀdx이고, "
            "앞의 인수를 전치 꼴로 쓰면 xᵀAᵀdx = (Ax)ᵀdx입니다. 따라서 이 항에서 읽어 낸 그래디언트는 Ax입니다.",
            "각 항에서 읽어 낸 그래디언트를 더하면 ∂f/∂x = Ax + Aᵀx = (A + Aᵀ)x이고"]),
])
def test_the_read_off_says_the_plan_then_the_lines_then_the_sum(lang, said):
    """As a teacher says it (the board's order): write each term in the form gᵀdx, read each term off, add."""
    from symdiff.render.matrix import board

    result = matrix_derivative("x.T*A*x", "x", {"x": V, "A": SQ})
    rows = [step for step, _ in board(result.steps) if step.rule == "read_off"]
    assert [s.message for s in rows] == ["matrix.read_off.plan", "matrix.read_off.term.lines",
                                         "matrix.read_off.term.lines", "matrix.read_off.terms"]
    with language(lang):
        words = " ".join(explain_step(s, unicode) for s in rows)
    positions = [words.find(s) for s in said]
    assert -1 not in positions and positions == sorted(positions), (words, positions)


def test_a_term_inside_a_function_keeps_the_adjoint_words():
    result = matrix_derivative("sum(exp(x))", "x", {"x": V})
    (step,) = [s for s in _read_off_steps(result)]
    assert step.lines() is None and "inner product" in explain_step(step, unicode)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_lines_are_set_as_math_in_documents(run, fmt, lang):
    out = run("matrix", "a.T*X*b", "X", "--shape", "X=m,n", "--shape", "a=m,1", "--shape", "b=n,1",
                  "--format", fmt, "--lang", lang).stdout
    words = re.sub(r"\$[^$]*\$|<math.*?</math>", "", out, flags=re.S)
    assert "tr(" not in words and "ᵀ" not in words and "dX" not in words, words
