"""Element-wise tan and softmax(x) in the matrix engine (issue 17): each is one entry of
`symdiff.matrix.table` (softmax also one rule class), checked by finite differences step by step."""

from __future__ import annotations

import random

import mpmath
import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from test_matrix_engine import SHAPES, assert_steps_honest, expression_of, numeric_points, precise_check

from symdiff.core.errors import SymdiffError
from symdiff.matrix import differential as D
from symdiff.matrix import expr as E
from symdiff.matrix.api import directional, explain_step, matrix_derivative
from symdiff.matrix.messages import matrix_message  # noqa: F401  (registers the matrix messages)
from symdiff.matrix.numeric import Evaluator, draws, max_abs, sizes_for
from symdiff.matrix.parse import parse_matrix
from symdiff.matrix.printing import latex, mathml, text, unicode
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


def _honest_by_some_symbol(data, source: str) -> None:
    """Every step of the derivative of a random expression by one of its symbols is honest."""
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
    assert "tan′(U) = 1 + tan(U)∘², sec² of each entry" in en.output
    assert "∂f/∂x = tan(x)∘² + 𝟏" in en.output
    ko = run(*args, "--lang", "ko")
    assert ko.exit_code == 0, ko.output
    assert "tan′(U) = 1 + tan(U)∘², 각 원소의 sec²" in ko.output


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
    _honest_by_some_symbol(data, source)


# ---------------------------------------------------------------- softmax

COLUMN = {"A": V, "dA": V, "x": V, "t": V, "W": ("m", "n")}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_softmax_formula_shown_is_what_the_rule_computes(lang):
    a = E.Sym("A", V)
    step = D.SoftmaxRule(parse_matrix("softmax(A)", COLUMN), a, D.IdentityRule(a, a))
    sizes = sizes_for([step.result], {"n": 4})
    # the rule's identity is written in its own letters, p = softmax(u): here u is A
    want = parse_matrix(D.SoftmaxRule.identity.replace("softmax(u)", "softmax(A)").replace("·du", "·dA"), COLUMN)
    for draw in draws({"A": V, "dA": V}, sizes, None, random.Random(3), count=3):
        got, expected = Evaluator(draw.values, sizes)(step.result), Evaluator(draw.values, sizes)(want)
        assert max_abs(got - expected) < mpmath.mpf("1e-12")
    # in p, once p = softmax(u) is named: the rule's own identity with its name put in
    said = explain_step(step, text, lang)
    assert "p = softmax(u)" in said and D.SoftmaxRule.identity.replace("softmax(u)", "p") in said
    assert "softmax(u)·softmax(u)" not in said


def test_softmax_jacobian_is_diag_s_minus_s_sT():
    result = matrix_derivative("softmax(x)", "x", {"x": V}, check=True)
    assert result.check.ok and result.check.points >= 2
    assert text(result.derivative) == "diag(softmax(x)) - softmax(x)*softmax(x).T"
    assert_steps_honest(result)


def test_softmax_value_is_stable_and_sums_to_one():
    node = parse_matrix("softmax(x)", {"x": V})
    with mpmath.workdps(30):
        big = mpmath.matrix([[1000], [999], [-5]])
        value = Evaluator({"x": big}, {"n": 3})(node)
        assert abs(sum(value[i, 0] for i in range(3)) - 1) < mpmath.mpf("1e-28")
        assert abs(value[0, 0] - 1 / (1 + mpmath.exp(-1) + mpmath.exp(-1005))) < mpmath.mpf("1e-28")


def test_cross_entropy_of_softmax_has_the_right_gradient(run):
    """The issue's example: -tᵀ log softmax(x) has gradient softmax(x)·(1ᵀt) − t, printed so."""
    shapes = {"x": V, "t": V}
    result = matrix_derivative("-t.T*log(softmax(x))", "x", shapes, check=True)
    assert result.check.ok and result.check.points >= 2
    assert_steps_honest(result)
    want = parse_matrix("softmax(x)*(ones(1, n)*t) - t", shapes)
    assert numeric_points(result.derivative, want, shapes) > 0
    assert text(result.derivative) == "softmax(x)*ones(1, n)*t - t"
    out = run("matrix", "-t.T*log(softmax(x))", "x", "--shape", "x=n,1", "--shape", "t=n,1", "--lang", "ko")
    assert out.exit_code == 0, out.output
    # the rule named once, as the step's label, and its sentence after it
    assert "(소프트맥스 함수의 미분)\n" in out.output and "미분: p =" not in out.output
    assert "p = softmax(u) = exp(u)/(𝟏ᵀexp(u))에 대해" in out.output


def test_softmax_printed_forms_read_back():
    shapes = {"x": V, "W": ("m", "n")}
    node = parse_matrix("softmax(W*x)", shapes)
    assert text(node) == "softmax(W*x)"
    assert unicode(node) == "softmax(Wx)"
    assert latex(node) == r"\operatorname{softmax}\left(W x\right)"
    assert mathml(node).startswith("<mrow><mi>softmax</mi><mo>&#x2061;</mo>")
    assert parse_matrix(text(node), shapes) == node


def test_softmax_takes_a_column_vector(run):
    out = run("matrix", "softmax(A)", "A", "--shape", "A=n,n")
    assert out.exit_code == 1
    assert "softmax takes a column vector, not n×n" in out.output and "^" in out.output
    assert text(parse_matrix("softmax(s)", {"s": (1, 1)})) == "1"


SOFTMAX_OUTER = {V: ["softmax({})", "y.T*softmax({})", "-y.T*log(softmax({}))", "sum(exp(softmax({})))",
                     "softmax(tan({}))", "(softmax({})).^2"],
                 ("m", 1): ["z.T*softmax({})", "softmax({})"]}


@PROPERTY
@given(st.data())
def test_softmax_composed_with_the_other_functions_is_honest(data):
    shape = data.draw(st.sampled_from(sorted(SOFTMAX_OUTER, key=str)))
    inner_text = data.draw(expression_of(shape, data.draw(st.integers(1, 3))))
    source = data.draw(st.sampled_from(SOFTMAX_OUTER[shape])).format(inner_text)
    _honest_by_some_symbol(data, source)


# ---------------------------------------------------------------- x^T as people type it

QUADRATIC = {"x": V, "A": ("n", "n")}


@pytest.mark.parametrize("source", ["x^T*A*x", "x^T * A * x", "x ^ T*A*x", "x' * A * x", "(A.T*x)^T*x"])
def test_caret_T_and_prime_are_transposes(source):
    assert parse_matrix(source, QUADRATIC) == parse_matrix("x.T*A*x" if "A.T" not in source else "(A.T*x).T*x",
                                                           QUADRATIC)
    result = matrix_derivative(source, "x", QUADRATIC)
    assert text(result.derivative) == "(A + A.T)*x"


def test_caret_T_with_a_declared_T_is_the_exponent_error_with_a_hint(run):
    out = run("matrix", "x^T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n", "--shape", "T=1,1")
    assert out.exit_code == 1
    assert "an exponent must be a number" in out.output and "write x' or x.T" in out.output
    assert out.output.splitlines()[-1].strip() == "^" and out.output.splitlines()[-1].index("^") == 4


def test_caret_T_without_a_product_sign_is_an_implicit_product(run):
    out = run("matrix", "x^T A x", "x", "--shape", "x=n,1", "--shape", "A=n,n")
    assert out.exit_code == 0, out.output
    assert "∂f/∂x = (A + Aᵀ)x" in out.output


@PROPERTY
@given(st.data())
def test_caret_T_reads_as_the_transpose_in_random_expressions(data):
    source = data.draw(expression_of(data.draw(st.sampled_from([(1, 1), ("n", 1), ("m", "n")])), 3))
    assume(".T" in source or "'" in source)
    try:
        want = parse_matrix(source, SHAPES)
    except SymdiffError as error:
        assume(error.type != "domain")
        raise
    assert parse_matrix(source.replace(".T", "^T").replace("'", "^T"), SHAPES) == want
