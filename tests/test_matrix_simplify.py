"""Results a reader would simplify (issue 17, "the matrix engine under it"), over generated inputs:
traces of analytic matrix functions, a matrix against its inverse or its powers in a product,
scalars under a trace, and the softmax cross-entropy folded to softmax(x)·1ᵀt − t. Each result is
compared with the form a text prints (structurally) and with finite differences, step by step."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, Phase, assume, given, note, settings
from hypothesis import strategies as st
from test_matrix_engine import SHAPES, assert_steps_honest, expression_of, numeric_points, precise_check

from symdiff.core.errors import SymdiffError
from symdiff.matrix import expr as E
from symdiff.matrix.api import directional, explain_step, matrix_derivative
from symdiff.matrix.parse import parse_matrix
from symdiff.matrix.printing import text
from symdiff.matrix.simplify import simplify

# each example is checked by finite differences at every step: shrinking a failure would take minutes
PROPERTY = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

SIZES = st.sampled_from([2, 3, "n", "k"])
COEFFS = st.sampled_from([1, 2, -1, 3, -2])
MATRIX_NAMES = st.sampled_from(["X", "Y", "M", "P"])
VECTOR_NAMES = st.sampled_from([("x", "t"), ("z", "y"), ("a", "b"), ("u", "v")])


def _checked(source: str, wrt: str, shapes: dict):
    """The derivative, which must agree with finite differences (overall and at every step)."""
    case = f"matrix_derivative({source!r}, {wrt!r}, {shapes!r})"
    result = matrix_derivative(source, wrt, shapes, check=True)
    assert result.check.points > 0, case
    if not result.check.ok:
        assert precise_check(result.expr, directional(result), result.wrt, result.shapes), \
            (case, text(result.derivative))
    assert_steps_honest(result)
    return result


def _expect(result, expected: str | E.Node, shapes: dict) -> None:
    want = simplify(parse_matrix(expected, shapes)) if isinstance(expected, str) else expected
    assert result.derivative == want, f"{result.input}: {text(result.derivative)} is not {text(want)}"
    assert numeric_points(result.derivative, want, shapes) > 0


def _scaled(c: int, source: str) -> str:
    return source if c == 1 else f"{c}*{source}"


# ---------------------------------------------------------------- 1. tr F(X), F analytic

DERIVATIVES = {"expm": "expm", "sinm": "cosm", "cosm": "-sinm"}


@PROPERTY
@given(fn=st.sampled_from(sorted(DERIVATIVES)), var=MATRIX_NAMES, size=SIZES, c=COEFFS, outer=COEFFS,
       transposed=st.booleans())
def test_trace_of_an_analytic_function(fn, var, size, c, outer, transposed):
    """∂ tr F(U)/∂X = f(U)ᵀ·(dU/dX) (the Matrix Cookbook, §2.7): U = c·X or c·Xᵀ."""
    shapes = {var: (size, size)}
    u = _scaled(c, f"{var}.T" if transposed else var)
    result = _checked(_scaled(outer, f"trace({fn}({u}))"), var, shapes)
    f = DERIVATIVES[fn]
    # tr(f(U)·c·dX) = ⟨c·f(U)ᵀ, dX⟩; with U = c·Xᵀ, tr(f(U)·c·dXᵀ) = ⟨c·f(U), dX⟩
    g = f"({f}({u}))" if transposed else f"({f}({u})).T"
    _expect(result, f"{outer * c}*{g}", shapes)
    assert any(step.key == "matrix.trace.analytic" for step in result.steps[0].walk())


@pytest.mark.parametrize("fn, expected", [("expm", "expm(X).T"), ("sinm", "cosm(X).T"), ("cosm", "-sinm(X).T")])
def test_the_issues_traces(fn, expected):
    result = _checked(f"trace({fn}(X))", "X", {"X": ("n", "n")})
    assert text(result.derivative) == expected


@pytest.mark.parametrize("lang, words", [("en", "under the trace each term's factors can be cycled"),
                                         ("ko", "대각합 안에서는 각 항의 인수를 순환시킬 수 있으므로")])
def test_the_trace_rule_explains_itself(lang, words):
    result = matrix_derivative("trace(sinm(2*X))", "X", {"X": ("n", "n")})
    said = explain_step(result.steps[0], text, lang)
    assert words in said and "sinm′(U) = cosm(2*X)" in said and "U = 2*X" in said


@pytest.mark.parametrize("source", ["trace(A*expm(X))", "trace(expm(X)*expm(X))", "sum(expm(X))", "det(sinm(X))"])
def test_an_analytic_function_outside_a_bare_trace_is_still_refused(source):
    with pytest.raises(SymdiffError) as info:
        matrix_derivative(source, "X", {"X": ("n", "n"), "A": ("n", "n")})
    assert info.value.type == "unsupported" and "commute" in info.value.message


# ---------------------------------------------------------------- 2. a matrix against its inverse and powers


@PROPERTY
@given(var=MATRIX_NAMES, size=SIZES, k=st.integers(1, 5), c=COEFFS, transposed=st.booleans())
def test_det_of_a_power(var, size, k, c, transposed):
    """∂ det(c·X^k)/∂X = k·det(c·X^k)·X⁻ᵀ (the Matrix Cookbook, eq. 53), one term, not k."""
    shapes = {var: (size, size)}
    base = f"{var}.T" if transposed else var
    inner = _scaled(c, f"{base}**{k}" if k > 1 else base)
    result = _checked(f"det({inner})", var, shapes)
    _expect(result, f"{k}*det({inner})*inv({var}).T", shapes)


@PROPERTY
@given(var=MATRIX_NAMES, size=SIZES, p=st.integers(1, 3), c=COEFFS, transposed=st.booleans())
def test_det_of_an_inverse(var, size, p, c, transposed):
    """∂ det(X⁻¹)^p/∂X = −p·det(X⁻¹)^p·X⁻ᵀ: X·X⁻¹ cancels in the differential."""
    shapes = {var: (size, size)}
    inner = f"inv({_scaled(c, f'{var}.T' if transposed else var)})"
    source = f"det({inner})" + (f"**{p}" if p > 1 else "")
    result = _checked(source, var, shapes)
    _expect(result, f"-{p}*({source})*inv({var}).T", shapes)


INVERSES = ["inv({v})", "inv({v}.T).T", "inv({v}).T.T"]


@PROPERTY
@given(var=MATRIX_NAMES, size=SIZES, a=st.integers(0, 4), b=st.integers(0, 4), transposed=st.booleans(),
       form=st.sampled_from(INVERSES), c=COEFFS)
def test_a_matrix_and_its_inverse_in_a_product(var, size, a, b, transposed, form, c):
    """A·X^a·(X⁻¹)^b·B is A·X^(a−b)·B (or A·(X⁻¹)^(b−a)·B), in any transposed form; 0 is A·B."""
    shapes = {var: (size, size), "A": (size, size), "B": (size, size)}
    t = ".T" if transposed else ""
    x = f"({var}{t})"
    xinv = f"({form.format(v=var)}{t})"
    parts = [f"{x}**{a}"] * (a > 0) + [f"{xinv}**{b}"] * (b > 0)
    got = parse_matrix("*".join(["A", *parts, _scaled(c, "B")]), shapes)
    if a == b:
        want_source = _scaled(c, "A*B")
    elif a > b:
        want_source = _scaled(c, f"A*{x}**{a - b}*B")
    else:
        want_source = _scaled(c, f"A*{xinv}**{b - a}*B")
    want = parse_matrix(want_source, shapes)
    note(f"{text(got)} vs {text(want)}")
    assert got == want
    # the value: the product as written, its factors never multiplied by the constructors
    raw = E.Mul(Fraction(c), (), tuple(parse_matrix(f, shapes) for f in ["A", *parts, "B"]))
    assert numeric_points(raw, want, shapes) > 0


def test_cancelling_leaves_a_scalar_where_the_chain_becomes_one():
    shapes = {"X": ("n", "n"), "x": ("n", 1), "y": ("n", 1)}
    assert parse_matrix("x.T*X*inv(X)*y", shapes) == parse_matrix("x.T*y", shapes)
    assert parse_matrix("X*inv(X)", shapes) == E.Ident("n")
    assert parse_matrix("inv(X).T*X.T", shapes) == E.Ident("n")


SCALARS = ["trace({a})", "x.T*x", "det({b})", "2*trace({b})", "x.T*{a}*x"]
MATRICES = ["{a}", "{a}*{b}", "{b}.T", "{a}*{a}"]


@PROPERTY
@given(s=st.sampled_from(SCALARS), m=st.sampled_from(MATRICES), names=st.sampled_from([("A", "B"), ("P", "Q")]),
       size=SIZES, wrap=st.sampled_from(["trace", "sum"]))
def test_scalars_come_out_of_a_trace(s, m, names, size, wrap):
    """tr(s·M) = s·tr(M) and sum(s·M) = s·sum(M): tr(tr(A)·A) = tr(A)²."""
    a, b = names
    shapes = {a: (size, size), b: (size, size), "x": (size, 1)}
    scalar, matrix = s.format(a=a, b=b), m.format(a=a, b=b)
    inside = parse_matrix(f"{wrap}(({scalar})*{matrix})", shapes)
    outside = parse_matrix(f"({scalar})*{wrap}({matrix})", shapes)
    assert inside == outside, (text(inside), text(outside))
    _checked(f"{wrap}(({scalar})*{matrix})", a, shapes)


def test_the_issues_trace_of_trace():
    result = _checked("trace(trace(A)*A)", "A", {"A": ("n", "n")})
    assert text(result.derivative) == "2*trace(A)*eye(n)"
    assert text(parse_matrix("trace(trace(A)*A)", {"A": ("n", "n")})) == "trace(A)**2"


def test_the_issues_determinants():
    assert text(_checked("det(X**5)", "X", {"X": ("n", "n")}).derivative) == "5*det(X**5)*inv(X).T"
    assert text(_checked("det(inv(X))", "X", {"X": ("n", "n")}).derivative) == "-det(inv(X))*inv(X).T"


# ---------------------------------------------------------------- 3. softmax folded

SOFTMAXES = ["softmax({x})", "exp({x})/sum(exp({x}))", "exp({x})*(1/sum(exp({x})))", "(1/sum(exp({x})))*exp({x})"]


@PROPERTY
@given(names=VECTOR_NAMES, size=SIZES, c=COEFFS, form=st.sampled_from(SOFTMAXES), row_first=st.booleans())
def test_softmax_cross_entropy(names, size, c, form, row_first):
    """∂(−c·tᵀ log softmax(x))/∂x = c·(softmax(x)·1ᵀt − t), written softmax or exp(x)/sum(exp(x))."""
    x, t = names
    shapes = {x: (size, 1), t: (size, 1)}
    s = form.format(x=x)
    loss = f"{t}.T*log({s})" if row_first else f"log({s}).T*{t}"
    result = _checked(f"{-c}*{loss}", x, shapes)
    fold = parse_matrix(f"softmax({x})*ones(1, {size})*{t}", shapes)
    want = E.sub(E.scale(c, fold), E.scale(c, E.Sym(t, (size, 1))))
    _expect(result, want, shapes)


@PROPERTY
@given(names=VECTOR_NAMES, size=SIZES, c=COEFFS, form=st.sampled_from(SOFTMAXES))
def test_log_softmax_jacobian(names, size, c, form):
    """∂ c·log softmax(x)/∂x = c·(I − 1·softmax(x)ᵀ): diag(s^∘−1)·(diag(s) − s·sᵀ) cancels."""
    x, _ = names
    shapes = {x: (size, 1)}
    result = _checked(_scaled(c, f"log({form.format(x=x)})"), x, shapes)
    rank_one = parse_matrix(f"ones({size}, 1)*softmax({x}).T", shapes)
    _expect(result, E.sub(E.scale(c, E.Ident(size)), E.scale(c, rank_one)), shapes)


@PROPERTY
@given(names=VECTOR_NAMES, size=SIZES, form=st.sampled_from(SOFTMAXES))
def test_exp_over_its_sum_is_softmax(names, size, form):
    x, _ = names
    shapes = {x: (size, 1)}
    assert parse_matrix(form.format(x=x), shapes) == parse_matrix(f"softmax({x})", shapes)


def test_exp_over_another_sum_is_not_softmax():
    shapes = {"x": ("n", 1), "y": ("n", 1)}
    assert "softmax" not in text(parse_matrix("exp(x)/sum(exp(y))", shapes))
    assert "softmax" not in text(parse_matrix("exp(x)/sum(x)", shapes))


def test_the_issues_softmax_examples():
    shapes = {"x": ("n", 1), "t": ("n", 1)}
    for source in ("-t.T*log(softmax(x))", "-t.T*log(exp(x)/sum(exp(x)))"):
        assert text(_checked(source, "x", shapes).derivative) == "softmax(x)*ones(1, n)*t - t"


def test_softmax_of_a_product_keeps_the_fold():
    shapes = {"x": ("n", 1), "t": ("m", 1), "W": ("m", "n")}
    result = _checked("-t.T*log(softmax(W*x))", "x", shapes)
    assert text(result.derivative) == "W.T*(softmax(W*x)*ones(1, m)*t - t)"


# ---------------------------------------------------------------- 4. implicit products

_STAR = re.compile(r"(?<![.*])\*(?!\*)\s*(?=[A-Za-z(])")


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_an_implicit_product_is_the_product(data):
    """Every * before a name or "(" left out (2 A x, x' A x, (A + B) (A - B)) reads as the same tree."""
    shape = data.draw(st.sampled_from([(1, 1), ("n", 1), ("m", "n"), ("n", "n")]))
    source = data.draw(expression_of(shape, 3))
    try:
        want = parse_matrix(source, SHAPES)
    except SymdiffError as error:
        assume(error.type != "domain")
        raise
    implicit = _STAR.sub(" ", source)
    assume(implicit != source)
    note(implicit)
    assert parse_matrix(implicit, SHAPES) == want


@pytest.mark.parametrize("source, wrt, expected", [
    ("2 A x", "x", "2*A"), ("x^T A x", "x", "(A + A.T)*x"), ("x' A x", "x", "(A + A.T)*x"),
    ("1/2 x'x", "x", "x"), ("trace(A) x", "x", "trace(A)*eye(n)"), ("A (x + y)", "x", "A"),
])
def test_the_issues_implicit_products(source, wrt, expected):
    shapes = {"x": ("n", 1), "y": ("n", 1), "A": ("n", "n")}
    assert text(_checked(source, wrt, shapes).derivative) == expected


@pytest.mark.parametrize("source, column, fragment", [
    ("x 2", 3, "a number cannot follow an operand without an operator; write '*2'"),
    ("A(x)", 1, "A is a declared matrix, not a function; for a product write 'A*(…)' or 'A (…)'"),
    ("A x x", 1, "do not conform"),
])
def test_an_implicit_product_keeps_the_errors(source, column, fragment):
    with pytest.raises(SymdiffError) as info:
        parse_matrix(source, {"x": ("n", 1), "A": ("n", "n")})
    assert fragment in info.value.message and info.value.column == column, info.value


@pytest.mark.parametrize("fn, scalar", [("expm", "exp"), ("sinm", "sin"), ("cosm", "cos")])
def test_an_analytic_function_of_a_1x1_matrix_is_the_scalar_one(fn, scalar):
    shapes = {"s": (1, 1)}
    assert parse_matrix(f"{fn}(2*s)", shapes) == parse_matrix(f"{scalar}(2*s)", shapes)
    _checked(f"trace({fn}(s))", "s", shapes)


def test_a_row_of_ones_prints_transposed():
    """The folded softmax gradient s·1ᵀt: a bare 𝟏 would read as a column, and s·𝟏·t does not conform."""
    from symdiff.matrix.printing import latex, mathml, unicode

    shapes = {"x": ("n", 1), "t": ("n", 1)}
    d = _checked("-t.T*log(softmax(x))", "x", shapes).derivative
    assert unicode(d) == "softmax(x)𝟏ᵀt − t"
    assert latex(d) == r"\operatorname{softmax}\left(x\right) \mathbf{1}^{\top} t - t"
    assert '<msup><mn mathvariant="bold">1</mn><mi>T</mi></msup>' in mathml(d)
    column = E.Ones(("n", 1))
    assert (unicode(column), latex(column)) == ("𝟏", r"\mathbf{1}")
