"""Reading matrix expressions (`symdiff.matrix.parse`): shape checks, errors, limits, syntaxes, round trips.

Shape errors must come before any differentiation, name the offending sub-expression, both shapes
and the column where it starts; results print in a canonical syntax that reads back; MATLAB-style
input means the same as canonical input.
"""

from __future__ import annotations

import random

import mpmath
import pytest
from helpers import balanced_latex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import symdiff.matrix.api as api
from symdiff.core.errors import SymdiffError
from symdiff.matrix import expr as E
from symdiff.matrix.api import LAYOUTS, matrix_derivative
from symdiff.matrix.differential import MATRIX_RULES
from symdiff.matrix.numeric import Evaluator, NumericDomainError, draws, max_abs, sizes_for
from symdiff.matrix.parse import MAX_DEPTH, MAX_LENGTH, MAX_POWER, parse_matrix, parse_shape, parse_shapes
from symdiff.matrix.printing import latex, text, unicode

SHAPES = {"x": ("n", 1), "y": ("n", 1), "z": ("m", 1), "A": ("n", "n"), "C": ("n", "n"), "B": ("m", "n"),
          "s": (1, 1), "t": (1, 1)}
SMALL = {"x": (3, 1), "A": (3, 3), "B": (3, 2), "C": (2, 3), "y": ("n", 1), "s": (1, 1)}


def same_value(a: E.Node, b: E.Node, shapes: dict, points: int = 2) -> bool | None:
    """a and b agree at random matrices; None if no point was in the domain of both."""
    symbols = {name: tuple(shapes[name]) for name in sorted(a.symbols() | b.symbols())}
    sizes = sizes_for([E.Sym(n, sh) for n, sh in symbols.items()] + [a, b])
    compared = 0
    for draw in draws(symbols, sizes, None, random.Random(7), count=4 * points):
        with mpmath.workdps(60):  # 60 digits: ill-conditioned matrices lose many
            try:
                va, vb = Evaluator(draw.values, sizes).ev(a), Evaluator(draw.values, sizes).ev(b)
            except (NumericDomainError, ZeroDivisionError, ValueError):
                continue
            if (va.rows, va.cols) != (vb.rows, vb.cols) or max_abs(va - vb) > mpmath.mpf("1e-20") * (1 + max_abs(vb)):
                return False
        compared += 1
        if compared >= points:
            break
    return True if compared else None


def assert_reads_back(node: E.Node, shapes: dict) -> None:
    """text(node) parses back to node: structurally, or (for a product regrouped around a 1×1 part, see
    test_products_with_a_scalar_inside_round_trip) to an equal value whose text is then stable."""
    written = text(node)
    back = parse_matrix(written, shapes)
    assert back.shape == node.shape, written
    if back != node:
        agreed = same_value(back, node, shapes)
        assume(agreed is not None)  # undefined everywhere, such as norm2(zeros(m, m)): nothing to compare
        assert agreed, (written, text(back))
        again = text(back)
        assert text(parse_matrix(again, shapes)) == again
    else:
        assert text(back) == written


def divides_by_zero(node: E.Node) -> bool:
    """node has a factor 1/0 (a power of a literal 0 with a negative exponent): see
    test_division_by_zero_as_a_power."""
    return any(isinstance(n, E.Power) and isinstance(n.base, E.Num) and n.base.value == 0 and n.exponent < 0
               or isinstance(n, E.Call) and n.fn == "hadamard_power" and E.is_zero(n.args[0]) and n.exponent < 0
               for n in node.walk())


def parse(source: str, shapes=None) -> E.Node:
    return parse_matrix(source, SHAPES if shapes is None else shapes)


def error_of(source: str, shapes=None) -> SymdiffError:
    with pytest.raises(SymdiffError) as info:
        parse(source, shapes)
    error = info.value
    assert error.type in ("syntax", "unknown_function", "unsupported", "limit", "domain")
    assert error.column is not None and 1 <= error.column <= len(source) + 1, error
    return error


# ---------------------------------------------------------------- shapes are checked while parsing

def test_product_that_does_not_conform():
    error = error_of("A*x", {"A": (3, 2), "x": (3, 1)})
    assert error.type == "unsupported"
    assert "A*x" in error.message and "(3×2)·(3×1) do not conform" in error.message
    assert "2 columns" in error.message and "3 rows" in error.message
    assert error.column == 1
    assert error.to_dict() == {"type": "unsupported", "message": error.message, "column": 1}


@pytest.mark.parametrize("source, column, fragment", [
    ("x.T*A*x + B*x", 11, "B*x: (3×2)·(3×1) do not conform"),
    ("exp(B*x)", 5, "B*x: (3×2)·(3×1) do not conform"),
    ("(x.T*A*x + B*x)", 12, "B*x: (3×2)·(3×1)"),
    ("sin(x.T*B)*x", 1, "sin(x.T*B)*x: (1×2)·(3×1) do not conform"),
    ("x + B", 1, "x + B: 3×1 and 3×2 cannot be added (the shapes differ)"),
    ("A*x - y", 1, "A*x - y: 3×1 and n×1 cannot be subtracted"),
    ("x.*B", 1, "3×1 and 3×2 differ, so the element-wise .* is not defined"),
    ("x./B", 1, "3×1 and 3×2 differ, so the element-wise ./ is not defined"),
    ("s + hadamard(x, B)", 14, "3×1 and 3×2 differ"),
    ("trace(B)", 1, "trace(B): trace needs a square matrix, and this one is 3×2"),
    ("A + det(B)", 5, "det(B): det needs a square matrix, and this one is 3×2"),
    ("inv(B)", 1, "inv(B): inv needs a square matrix"),
    ("logdet(C)", 1, "logdet(C): logdet needs a square matrix, and this one is 2×3"),
    ("tr(B)", 1, "tr(B): trace needs a square matrix"),
    ("B**2", 1, "B**2: only a square matrix has powers, and this one is 3×2"),
    ("x**2", 1, "x**2: only a square matrix has powers, and this one is 3×1"),
    ("x^2", 1, "only a square matrix has powers"),
    ("A**(1/2)", 2, "a matrix power must be a whole number, not 1/2"),
    ("x/x", 3, "x/x: dividing by a 3×1 matrix is not defined; use inv(...) or ./"),
    ("diag(B)", 1, "diag takes a column vector (to make a diagonal matrix) or a square matrix"),
    ("B + I", 1, "B + I: 3×2 and 3×3 cannot be added"),
])
def test_shape_errors(source, column, fragment):
    error = error_of(source, SMALL)
    assert error.type == "unsupported"
    assert fragment in error.message, error.message
    assert error.column == column


@pytest.mark.parametrize("source", ["I", "s*I", "I + I", "trace(I)", "inv(I)", "2*I"])
def test_identity_with_no_size(source):
    error = error_of(source, SMALL)
    assert error.type == "unsupported" and "eye(n)" in error.message and "size of I" in error.message


@pytest.mark.parametrize("source, expected", [
    ("I*B", "B"), ("B*I", "B"), ("x.T*I*x", "x.T*x"), ("A + I", "A + eye(3)"), ("2*I + A", "A + 2*eye(3)"),
    ("A*(I + A)", "A*(A + eye(3))"), ("I*x", "x"), ("A*(s*I)", "s*A"), ("hadamard(I, A)", "hadamard(A, eye(3))"),
])
def test_identity_takes_its_size_from_its_neighbours(source, expected):
    node = parse(source, SMALL)
    assert node == parse(expected, SMALL)
    assert all(not isinstance(n, E.Ident) or n.n == 3 for n in node.walk())


def test_undeclared_name_suggests_shape():
    error = error_of("q*x", SMALL)
    assert error.type == "syntax" and error.column == 1
    # the Python API's reader gives shapes as an argument (the command line's --shape: test_matrix_cli)
    assert "q has no shape" in error.message and 'shapes={"q": (ROWS, COLS)}' in error.message
    assert 'shapes={"q": (1, 1)}' in error.message
    assert error_of("x + qq", SMALL).column == 5


@pytest.mark.parametrize("source, column", [("foo(x)", 1), ("x + softplus(x)", 5), ("A*frob(A)", 3)])
def test_unknown_function(source, column):
    error = error_of(source, SMALL)
    assert error.type == "unknown_function" and error.column == column
    assert repr(source[column - 1:].split("(")[0]) in error.message


@pytest.mark.parametrize("source, column, fragment", [
    ("x +", 4, "expected an operand after '+'"),
    ("(x", 1, "never closed"),
    ("trace(A", 6, "never closed"),
    ("x)", 2, "unexpected ')'"),
    ("", 1, "empty"),
    ("x @ y", 3, "unexpected character '@'"),
    ("x 2", 3, "a number cannot follow an operand without an operator; write '*2'"),
    ("x' x 3", 6, "a number cannot follow an operand without an operator; write '*3'"),
    ("x**s", 4, "an exponent must be a number"),
    ("trace + x", 1, "trace is a function: write trace(...)"),
    ("trace(A, A)", 1, "trace takes one argument"),
    ("hadamard(x)", 1, "hadamard takes two arguments"),
    ("hadamard_power(x, s)", 1, "hadamard_power takes a matrix and a number"),
    ("eye(n, m)", 1, "eye takes one size"),
    ("eye(0)", 5, "a size must be a positive whole number"),
    ("zeros(3)", 1, "zeros takes two sizes"),
    ("2**3**2", 5, "unexpected '**'"),
])
def test_syntax_errors(source, column, fragment):
    error = error_of(source, SMALL)
    assert error.type == "syntax", error
    assert fragment in error.message, error.message
    assert error.column == column


def test_shape_errors_come_before_differentiation(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("differentiated an ill-shaped expression")

    monkeypatch.setattr(api, "differential", refuse)
    with pytest.raises(SymdiffError) as info:
        matrix_derivative("x.T*A*x + B*x", "x", SMALL)
    assert info.value.type == "unsupported" and "(3×2)·(3×1) do not conform" in info.value.message
    assert info.value.column == 11
    with pytest.raises(SymdiffError) as info:
        matrix_derivative("foo(x)", "x", SMALL)
    assert info.value.type == "unknown_function"


# ---------------------------------------------------------------- limits

def test_limit_matrix_power():
    assert parse(f"A**{MAX_POWER}") == E.Power(E.Sym("A", SHAPES["A"]), MAX_POWER)
    error = error_of(f"A**{MAX_POWER + 1}")
    assert error.type == "limit" and str(MAX_POWER) in error.message
    assert error_of(f"A**-{MAX_POWER + 1}").type == "limit"


def test_limit_matrix_power_by_repeated_products():
    source = "*".join(["A"] * (MAX_POWER + 1))
    assert error_of(source).type == "limit"


def test_limit_nesting():
    assert parse("(" * 40 + "x" + ")" * 40) == parse("x")
    assert parse("exp(" * 40 + "x" + ")" * 40).shape == SHAPES["x"]
    for source in ("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1), "-" * (MAX_DEPTH + 1) + "x",
                   "exp(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1)):
        error = error_of(source)
        assert error.type == "limit" and "nested" in error.message


def test_limit_length_and_numbers():
    error = error_of("x" + " + x" * (MAX_LENGTH // 4))
    assert error.type == "limit" and error.column == 1 and str(MAX_LENGTH) in error.message
    assert error_of("1" * 101 + "*x").type == "limit"
    assert error_of("s**20000").type == "limit"
    assert error_of("10**5000").type == "limit"


@pytest.mark.parametrize("declaration, kind", [
    ("x=0,1", "syntax"), ("x", "syntax"), ("x=1,2,3", "syntax"), ("I=3,3", "syntax"), ("3x=1,1", "syntax"),
    ("x=-1,1", "syntax"), ("x=1.5,1", "syntax"), ("x=20000,1", "limit"),
])
def test_bad_shape_declarations(declaration, kind):
    with pytest.raises(SymdiffError) as info:
        parse_shape(declaration)
    assert info.value.type == kind


def test_shape_declarations():
    assert parse_shape("x=n") == ("x", ("n", 1))
    assert parse_shape("A = m , 3") == ("A", ("m", 3))
    assert parse_shapes(["x=n,1 A=n,n", "s=1,1;B=m,n"]) == {"x": ("n", 1), "A": ("n", "n"), "s": (1, 1),
                                                           "B": ("m", "n")}


# ---------------------------------------------------------------- MATLAB-style and Unicode input

EQUIVALENT = [
    ("x'*A*x", "x.T*A*x"),
    ("(A*x)'", "x.T*A.T"),
    ("A''", "A"),
    ("x.*y", "hadamard(x, y)"),
    ("x./y", "hadamard(x, hadamard_power(y, -1))"),
    ("1 ./x", "hadamard_power(x, -1)"),
    ("x.^2", "hadamard_power(x, 2)"),
    ("x.^0.5", "hadamard_power(x, 1/2)"),
    ("sqrt(x)", "hadamard_power(x, 1/2)"),
    ("tr(A)", "trace(A)"),
    ("A^2", "A**2"),
    ("A*A", "A**2"),
    ("A^-1", "inv(A)"),
    ("A^(-2)", "inv(A)**2"),
    ("A + I", "A + eye(n)"),
    ("x'*I*x", "x.T*x"),
    ("eye(n)*x", "x"),
    ("ln(x)", "log(x)"),
    ("norm(x - y)", "norm2(x - y)"),
    ("x/2", "x/2"),
    ("2.*x", "2*x"),
    ("s.*x", "s*x"),
    ("xᵀ·A·x", "x.T*A*x"),
    ("x ⊙ y", "hadamard(x, y)"),
    ("A⁻¹", "inv(A)"),
    ("x − y", "x - y"),
    ("A × A", "A**2"),
]


@pytest.mark.parametrize("matlab, canonical", EQUIVALENT)
def test_matlab_style_means_the_same(matlab, canonical):
    a, b = parse(matlab), parse(canonical)
    assert a == b, f"{a} != {b}"
    assert text(a) == text(b)
    wrt = "x" if "x" in a.symbols() else "A"
    if E.is_scalar(a.shape) or 1 in a.shape and wrt == "x":
        ra, rb = matrix_derivative(matlab, wrt, SHAPES), matrix_derivative(canonical, wrt, SHAPES)
        assert ra.derivative == rb.derivative and ra.expr == rb.expr


def test_matlab_elementwise_reciprocal_without_spaces():
    assert parse("1./x") == parse("hadamard_power(x, -1)")


# ---------------------------------------------------------------- round trips

def test_products_with_a_scalar_inside_round_trip():
    node = parse("z.T*(z*z.T)*z")
    assert parse(text(node)) == node


@pytest.mark.parametrize("source, column, fragment", [
    ("x/0", 3, "x/0: division by zero"),
    ("1/0", 3, "1/0: division by zero"),
    ("x./0", 4, "x./0: division by zero"),
    ("s/(s - s)", 3, "s/(s - s): division by zero ((s - s) is 0)"),
    ("0.5*s/(s - s)", 7, "division by zero ((s - s) is 0)"),
    ("x./(x - x)", 4, "division by zero ((x - x) is 0)"),
])
def test_division_by_zero(source, column, fragment):
    error = error_of(source)
    assert error.type == "domain" and fragment in error.message and error.column == column


@pytest.mark.parametrize("source", ["0**-1", "(s - s).^-1", "hadamard_power(s - s, -1)", "0.5*s*(s - s)**-1",
                                    "inv(A - A)"])
def test_division_by_zero_as_a_power(source):
    assert error_of(source).type == "domain"


def test_reciprocal_of_a_scaled_product_round_trips():
    node = parse("0.5/(x.T*x)")
    assert parse(text(node)) == node, (text(node), text(parse(text(node))))


def test_products_with_a_scalar_inside_are_equal_in_value():
    node = parse("z.T*(z*z.T)*z")
    assert text(node) == "(z.T*z)**2"
    assert same_value(parse(text(node)), node, SHAPES)
    assert not same_value(parse("z.T*z*z.T*z"), parse("2*z.T*z*z.T*z"), SHAPES)  # the comparison can fail

@pytest.mark.parametrize("source", [
    "x.T*A*x", "(A + A.T)*x", "-inv(A).T*x*y.T*inv(A).T", "(x - y)/norm2(x - y)", "(x.T*x)*A", "A**3*x",
    "hadamard(sigmoid(A*x), ones(n, 1) - sigmoid(A*x))", "hadamard_power(x, -1/2)", "s**(1/2)*x",
    "x/(x.T*y)", "x*ones(1, n)", "zeros(n, 1) + x", "diag(x)*A", "diag(A)", "-x", "x - 2*y", "x/3 - y/s",
    "trace(A)*eye(n)", "det(A)*inv(A).T", "(inv(A)*A)**2", "exp(s)**2", "(-s)**(1/2)", "(x.T*y)**(-1)*x",
    "relu(x) + abs(y) + sign(x)", "cos(A) - sin(A)", "tanh(B*x)", "sum(exp(A))*x", "logdet(A) + norm1(x)",
    "expm(A)*x", "pinv(B)*z",
])
def test_canonical_text_round_trips(source):
    node = parse(source)
    written = text(node)
    assert parse(written) == node, written
    assert text(parse(written)) == written
    assert str(node) == written
    assert balanced_latex(latex(node))
    assert unicode(node)


@st.composite
def syntax_pair(draw, shape, depth=3):
    """The same random expression of the given shape as (canonical text, MATLAB-style text)."""
    names = [n for n, sh in SHAPES.items() if sh == shape]
    transposed = [n for n, sh in SHAPES.items() if (sh[1], sh[0]) == shape and sh[0] != sh[1]]
    leaves = [(n, n) for n in names] + [(n + ".T", n + "'") for n in transposed]
    if shape == (1, 1):
        leaves += [("2", "2"), ("0.5", "0.5")]
    if leaves and (depth <= 0 or draw(st.integers(0, 2)) == 0):
        return draw(st.sampled_from(leaves))
    if depth <= 0:  # m×m has no symbol of its own: z*z' keeps the nesting bounded
        return "(z)*(z.T)", "(z)*(z')"
    d = max(depth - 1, 0)
    r, c = shape
    ops = ["add", "sub", "prod", "transpose", "hadamard", "divide", "hpow", "log", "fn"]
    if r == c and shape != (1, 1):
        ops += ["power", "inv"]
    if shape == (1, 1):
        ops += ["trace", "norm"]
    op = draw(st.sampled_from(ops))

    def sub(sh):
        return draw(syntax_pair(sh, d))

    if op in ("add", "sub"):
        (a1, a2), (b1, b2) = sub(shape), sub(shape)
        sign = "+" if op == "add" else "-"
        return f"({a1} {sign} {b1})", f"({a2} {sign} {b2})"
    if op == "prod":
        k = draw(st.sampled_from(["n", "m", 1]))
        (a1, a2), (b1, b2) = sub((r, k)), sub((k, c))
        return f"({a1})*({b1})", f"({a2})*({b2})"
    if op == "transpose":
        a1, a2 = sub((c, r))
        return f"({a1}).T", f"({a2})'"
    if op == "hadamard":
        (a1, a2), (b1, b2) = sub(shape), sub(shape)
        return f"hadamard({a1}, {b1})", f"({a2}).*({b2})"
    if op == "divide":
        (a1, a2), (b1, b2) = sub(shape), sub(shape)
        return f"hadamard({a1}, hadamard_power({b1}, -1))", f"({a2})./({b2})"
    if op == "hpow":
        a1, a2 = sub(shape)
        k = draw(st.sampled_from(["2", "3", "-1"]))
        return f"hadamard_power({a1}, {k})", f"({a2}).^{k}"
    if op == "log":
        a1, a2 = sub(shape)
        return f"log({a1})", f"ln({a2})"
    if op == "fn":
        fn = draw(st.sampled_from(["exp", "sin", "tanh", "sigmoid", "abs", "relu"]))
        a1, a2 = sub(shape)
        return f"{fn}({a1})", f"{fn}({a2})"
    if op == "power":
        a1, a2 = sub(shape)
        k = draw(st.sampled_from(["2", "3"]))
        return f"({a1})**{k}", f"({a2})^{k}"
    if op == "inv":
        a1, a2 = sub(shape)
        return f"inv({a1})", f"({a2})^-1"
    if op == "trace":
        k = draw(st.sampled_from(["n", "m"]))
        a1, a2 = sub((k, k))
        return f"trace({a1})", f"tr({a2})"
    assert op == "norm"
    a1, a2 = sub((draw(st.sampled_from(["n", "m", 1])), draw(st.sampled_from(["n", "m", 1]))))
    return f"norm2({a1})", f"norm({a2})"


SHAPE_CHOICES = [(1, 1), ("n", 1), ("m", 1), (1, "n"), ("n", "n"), ("m", "n"), ("n", "m")]


PROPERTY = settings(max_examples=500, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.sampled_from(SHAPE_CHOICES).flatmap(lambda shape: st.tuples(st.just(shape), syntax_pair(shape))))
def test_random_expressions_both_syntaxes_and_round_trip(case):
    shape, (canonical, matlab) = case
    try:
        node = parse(canonical)
    except SymdiffError as error:  # x./(x - x) is refused; so is its MATLAB spelling
        assert error.type == "domain", error
        assert error_of(matlab).type == "domain"
        assume(False)
    assert node.shape == shape or not node.symbols()
    assume(not divides_by_zero(node))  # 0**-1 is accepted (see test_division_by_zero_as_a_power)
    try:
        other = parse(matlab)
    except SymdiffError as error:  # (z - z)./(z - z) is refused; hadamard(z - z, ...) is simply 0
        assert error.type == "domain", error
        assume(False)
    assert other == node, (canonical, matlab)
    assert_reads_back(node, SHAPES)
    assert balanced_latex(latex(node)), latex(node)


@settings(PROPERTY, max_examples=300)
@given(st.sampled_from([(1, 1), ("n", 1)]).flatmap(lambda shape: st.tuples(st.just(shape), syntax_pair(shape))),
       st.sampled_from(["x", "y", "A", "B", "s"]), st.sampled_from(LAYOUTS))
def test_random_results_round_trip(case, wrt, layout):
    """Every result's canonical text reads back, with the same shapes, to the same tree; its LaTeX balances."""
    shape, (canonical, matlab) = case
    try:
        result = matrix_derivative(matlab, wrt, SHAPES, layout=layout)
    except SymdiffError as error:
        assume(error.type != "domain")  # a division by zero
        assert error.type == "unsupported" and shape != (1, 1)  # a Jacobian that needs a tensor on the way
        return
    assume(not divides_by_zero(result.expr))
    record = result.to_dict()
    assert record["result"] == text(result.derivative)
    assert_reads_back(result.derivative, result.shapes)
    assert tuple(record["shape"]) == result.shape
    assert balanced_latex(record["latex"]), record["latex"]
    assert record["expr"] == text(result.expr)
    assert_reads_back(result.expr, result.shapes)
    stack = list(record["steps"])
    while stack:
        step = stack.pop()
        assert set(step) == {"rule", "expr", "var", "result", "explanation", "substeps"}
        assert step["rule"] in MATRIX_RULES and step["var"] == wrt
        assert step["explanation"] and "{" not in step["explanation"], step["explanation"]
        stack.extend(step["substeps"])


@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4))
def test_a_product_that_does_not_conform_counts_columns_and_rows_in_words(m, k, n):
    from symdiff.matrix.parse import parse_matrix

    assume(k != n and (m, k) != (1, 1))  # a 1×1 matrix multiplies as a scalar
    with pytest.raises(SymdiffError) as refused:
        parse_matrix("A*B", {"A": (m, k), "B": (n, 2)})
    columns = "1 column" if k == 1 else f"{k} columns"
    rows = "1 row" if n == 1 else f"{n} rows"
    assert f"(the left has {columns}, the right {rows})" in refused.value.message


@given(st.integers(0, 999), st.integers(0, 99), st.integers(-12, 12), st.sampled_from(["e", "E"]),
       st.booleans(), st.sampled_from(["{n}*x.T*x", "x.T*x + {n}", "{n} A x", "A*x*{n}"]))
def test_a_number_in_scientific_notation_is_that_number(whole, frac, exponent, e, declare_e, template):
    # 1e-3*x'x with a declared e was read as e - 3*x'x (a wrong derivative, exit 0); without --shape e it
    # was "e has no shape". It is the number 1/1000, as in scalar expressions.
    from fractions import Fraction

    from symdiff.matrix.parse import parse_matrix

    literal = f"{whole}.{frac:02d}{e}{exponent}"
    value = Fraction(f"{whole}.{frac:02d}") * Fraction(10) ** exponent
    shapes = {"x": ("n", 1), "A": ("n", "n"), **({"e": (1, 1)} if declare_e else {})}
    written = parse_matrix(template.format(n=literal), shapes)
    exact = parse_matrix(template.format(n=f"({value.numerator}/{value.denominator})"), shapes)
    assert written == exact
