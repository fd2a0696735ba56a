"""Element-wise tan and softmax(x) in the matrix engine (issue 17): each is one entry of
`symdiff.matrix.table` (softmax also one rule class), checked by finite differences step by step."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from test_matrix_engine import SHAPES, assert_steps_honest, expression_of, numeric_points, precise_check

from symdiff.core.errors import SymdiffError
from symdiff.matrix import expr as E
from symdiff.matrix.api import directional, matrix_derivative
from symdiff.matrix.parse import parse_matrix
from symdiff.matrix.printing import latex, text
from symdiff.matrix.table import lookup

V = ("n", 1)
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _honest(source: str, wrt: str, shapes: dict) -> None:
    result = matrix_derivative(source, wrt, shapes, check=True)
    assume(result.check.points > 0)
    if not result.check.ok:
        assert precise_check(result.expr, directional(result), result.wrt, result.shapes), \
            (source, wrt, text(result.derivative))
    assert_steps_honest(result, require_all=False)


# ---------------------------------------------------------------- tan


def test_tan_gradient_is_sec_squared():
    result = matrix_derivative("sum(tan(x))", "x", {"x": V}, check=True)
    assert result.check.ok and result.check.points >= 2
    want = parse_matrix("ones(n, 1) + tan(x).^2", {"x": V})
    assert numeric_points(result.derivative, want, {"x": V}) > 0
    assert_steps_honest(result)


def test_tan_words_in_both_languages(run):
    args = ("matrix", "sum(tan(x))", "x", "--shape", "x=n,1")
    en = run(*args)
    assert en.exit_code == 0, en.output
    assert "tan′(U) = 1 + tan(U)^∘2, sec² of each entry" in en.output
    assert "∂f/∂x = hadamard_power(tan(x), 2) + ones(n, 1)" in en.output
    ko = run(*args, "--lang", "ko")
    assert ko.exit_code == 0, ko.output
    assert "tan′(U) = 1 + tan(U)^∘2, 각 원소의 sec²" in ko.output


def test_tan_printed_forms():
    node = parse_matrix("tan(x)", {"x": V})
    assert text(node) == "tan(x)"
    assert latex(node) == r"\tan\left(x\right)"


@PROPERTY
@given(st.data())
def test_tan_composed_with_the_other_functions_is_honest(data):
    shape = data.draw(st.sampled_from([(1, 1), ("n", 1), ("m", 1), ("n", "n")]))
    inner_text = data.draw(expression_of(shape, data.draw(st.integers(1, 3))))
    outer = data.draw(st.sampled_from(["sum(tan({}))", "tan({})", "sum(tan({}).*exp({}))"]))
    source = outer.format(inner_text, inner_text)
    try:
        node = parse_matrix(source, SHAPES)
    except SymdiffError as error:
        assume(error.type != "domain")
        raise
    names = sorted(name for name in node.symbols()
                   if E.is_scalar(node.shape) or E.is_scalar(SHAPES[name]) or (1 in node.shape and 1 in SHAPES[name]))
    assume(names)
    wrt = data.draw(st.sampled_from(names))
    note(f"matrix_derivative({source!r}, {wrt!r})")
    try:
        _honest(source, wrt, SHAPES)
    except SymdiffError as error:  # the engine's known gap: a Jacobian read off through a matrix
        assert error.type == "unsupported" and not E.is_scalar(node.shape), error
