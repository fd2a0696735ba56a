"""The matrix function table and the rule classes (`symdiff.matrix.table`, `.differential`).

A function is described once, so a function registered here, in a test, is read, differentiated,
evaluated and printed without any other module knowing it; the formulas the explanations show are
the rule classes' own, read back and compared with what the rules compute.
"""

from __future__ import annotations

import ast
import pathlib
import random
import re
from dataclasses import dataclass
from typing import ClassVar

import mpmath
import pytest

from symdiff.core.errors import SymdiffError
from symdiff.matrix import differential as D
from symdiff.matrix import expr as E
from symdiff.matrix import matrix_derivative
from symdiff.matrix.api import explain_step
from symdiff.matrix.messages import matrix_message  # noqa: F401  (registers the matrix messages)
from symdiff.matrix.numeric import Evaluator, draws, max_abs, sizes_for
from symdiff.matrix.parse import parse_matrix, undeclared
from symdiff.matrix.printing import latex, mathml, text, unicode
from symdiff.matrix.table import CONSTANTS, FUNCTIONS, MatrixFunction, SizedConstant, elementwise, lookup, parser_names

SHAPES = {"A": ("n", "n"), "B": ("n", "n"), "dA": ("n", "n"), "dB": ("n", "n"), "x": ("n", 1), "s": (1, 1)}


def close(left: E.Node, right: E.Node, points: int = 3) -> bool:
    sizes = sizes_for([left, right], {"n": 3})
    seen = 0
    for draw in draws(SHAPES, sizes, None, random.Random(7), count=points):
        a, b = Evaluator(draw.values, sizes)(left), Evaluator(draw.values, sizes)(right)
        if (a.rows, a.cols) != (b.rows, b.cols) or max_abs(a - b) > mpmath.mpf("1e-12") * (1 + max_abs(a)):
            return False
        seen += 1
    return seen == points


A, B = E.Sym("A", SHAPES["A"]), E.Sym("B", SHAPES["B"])
IDENTITIES = [
    (D.TransposeRule, "A'"), (D.TraceRule, "trace(A)"), (D.EntriesRule, "sum(A)"), (D.DiagRule, "diag(A)"),
    (D.DetRule, "det(A)"), (D.LogDetRule, "logdet(A)"), (D.InverseRule, "inv(A)"),
    (D.HadamardRule, "hadamard(A, B)"),
]


@pytest.mark.parametrize("rule, lhs", IDENTITIES, ids=[r.__name__ for r, _ in IDENTITIES])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_formula_an_explanation_shows_is_what_its_rule_computes(rule, lhs, lang):
    node = parse_matrix(lhs, SHAPES)
    # the substeps' results are dA and dB themselves, so the step's result is the identity's right side
    subs = (D.IdentityRule(A, A), D.IdentityRule(B, B)) if rule is D.HadamardRule else (D.IdentityRule(A, A),)
    step = rule(node, A, *subs)
    assert close(step.result, parse_matrix(rule.identity, SHAPES)), (rule.identity, text(step.result))
    assert rule.identity in explain_step(step, text, lang)


def test_the_rules_a_step_names_are_the_documented_ones():
    rules = {cls.rule for cls in vars(D).values() if isinstance(cls, type) and issubclass(cls, D.MatrixStep)}
    assert rules - {""} == set(D.MATRIX_RULES)
    assert {fn.rule for fn in FUNCTIONS.values() if fn.rule} <= set(D.CALL_RULES)


@pytest.mark.parametrize("name", sorted(n for n, fn in FUNCTIONS.items() if fn.scalar))
def test_an_element_wise_functions_derivative_is_the_slope_of_its_values(name):
    fn = lookup(name)
    s = E.Sym("s", (1, 1))
    slope = E.substitute(fn.derivative(s), {})
    with mpmath.workdps(60):
        for v in ("0.7", "-0.4", "1.9"):
            v = mpmath.mpf(v)
            h = mpmath.mpf("1e-20")
            expected = (fn.scalar(v + h) - fn.scalar(v - h)) / (2 * h) if v > 0 or name != "log" else None
            if expected is None:
                continue
            got = Evaluator({"s": mpmath.matrix([[v]])}, {})(slope)[0, 0]
            assert abs(got - expected) < mpmath.mpf("1e-15"), (name, v, got, expected)
    assert set(fn.words) >= {"en", "ko"} and all(len(w) == 2 for w in fn.words.values())


# ---------------------------------------------------------------- a function added in one place


@pytest.fixture
def cube(monkeypatch):
    """cube(U) = U^∘3 entry by entry: one table entry, nothing else."""
    entry = elementwise("cube", lambda v: v ** 3, lambda a: E.scale(3, E.hadamard_power(a, 2)),
                        {"en": ("3·U^∘2", "3·s²"), "ko": ("3·U^∘2", "3·s²")}, unicode="cube³")
    monkeypatch.setitem(FUNCTIONS, "cube", entry)
    return entry


def test_a_function_registered_in_one_place_is_read_differentiated_evaluated_and_printed(cube):
    shapes = {"x": ("n", 1), "A": ("n", "n")}
    node = parse_matrix("sum(cube(A*x))", shapes)
    inside = node.args[0]
    assert isinstance(inside, E.Call) and inside.fn == "cube" and inside.shape == ("n", 1)
    assert undeclared("cube(x) + q", shapes) == (["q"], 11)

    assert text(inside) == "cube(A*x)"
    assert unicode(inside) == "cube³(Ax)"
    assert latex(inside) == r"\operatorname{cube}\left(A x\right)"
    assert mathml(inside) == ("<mrow><mi>cube³</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>A</mi><mo>&#x2062;</mo>"
                              "<mi>x</mi><mo>)</mo></mrow></mrow>")
    assert parse_matrix(text(node), shapes) == node

    values = {"x": mpmath.matrix([[1], [2]]), "A": mpmath.matrix([[1, 0], [1, 1]])}
    assert Evaluator(values, {"n": 2})(node)[0, 0] == 1 + 27

    result = matrix_derivative("sum(cube(A*x))", "x", shapes, check=True)
    assert result.check.ok, result.check
    assert text(result.derivative) == "3*A.T*hadamard_power(A*x, 2)"
    chain = next(s for s in result.steps[0].walk() if s.rule == "chain")
    assert isinstance(chain, D.ChainRule) and chain.key == "matrix.elementwise.cube"
    assert "d cube³(U) = cube³′(U) ⊙ dU" in explain_step(chain, text, "en") and "3·U^∘2" in explain_step(chain, text)
    on_a_scalar = matrix_derivative("cube(s)", "s", {"s": (1, 1)}, check=True)
    assert on_a_scalar.check.ok and text(on_a_scalar.derivative) == "3*s**2"
    # the problem's own s: the rule's general formula is written in another letter (matrix.stated.letters)
    said = explain_step(on_a_scalar.steps[0], text, "en")
    assert re.search(r"3·([a-z])²", said) and "3·s²" not in said, said


def test_a_registered_function_is_gone_with_its_fixture():
    with pytest.raises(Exception, match="unknown matrix function 'cube'"):
        parse_matrix("cube(x)", {"x": ("n", 1)})


@dataclass(eq=False)
class _NegateRule(D._Unary):
    rule: ClassVar[str] = "linear"
    identity: ClassVar[str] = "−dA"

    def eval(self):
        return E.neg(self.d)


def test_a_function_with_a_new_differential_is_one_entry_and_one_rule_class(monkeypatch):
    monkeypatch.setitem(D.CALL_RULES, "negate", _NegateRule)
    monkeypatch.setitem(FUNCTIONS, "negate", MatrixFunction(
        "negate", simplify=lambda a: a.args[0] if isinstance(a, E.Call) and a.fn == "negate" else None,
        evaluate=lambda node, a: -a, rule="negate"))
    result = matrix_derivative("x.T*negate(A)*x", "A", {"x": ("n", 1), "A": ("n", "n")}, check=True)
    assert result.check.ok and text(result.derivative) == "-x*x.T"
    assert any(isinstance(s, _NegateRule) for s in result.steps[0].walk())
    assert close(_NegateRule(E.call("negate", A), A, D.IdentityRule(A, A)).result,
                 parse_matrix(_NegateRule.identity, SHAPES))
    assert text(E.call("negate", E.call("negate", A))) == "A"


# ---------------------------------------------------------------- every property a module asks about, in the table


@pytest.fixture
def double(monkeypatch):
    """double(U) = 2U entry by entry, its differential by the existing element-wise rule."""
    entry = elementwise("double", lambda v: 2 * v,
                        lambda a: E.num(2) if E.is_scalar(a.shape) else E.scale(2, E.Ones(a.shape)),
                        {"en": ("2·𝟏", "2"), "ko": ("2·𝟏", "2")}, exact=lambda v: 2 * v, unicode="dbl",
                        latex=r"\operatorname{dbl}", step_name="twice")
    monkeypatch.setitem(FUNCTIONS, "double", entry)
    return entry


def test_double_is_read_printed_evaluated_and_differentiated_from_its_entry(double):
    shapes = {"x": ("n", 1), "A": ("n", "n")}
    node = parse_matrix("double(A*x)'", shapes)
    assert text(node) == "double(A*x).T" and parse_matrix(text(node), shapes) == node
    assert unicode(node) == "dbl(Ax)ᵀ"
    assert latex(node) == r"\operatorname{dbl}\left(A x\right)^{\top}"
    assert mathml(node.arg) == ("<mrow><mi>dbl</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>A</mi><mo>&#x2062;</mo>"
                                "<mi>x</mi><mo>)</mo></mrow></mrow>")
    assert parse_matrix("double(3)", shapes) == E.num(6)
    values = {"x": mpmath.matrix([[1], [2]]), "A": mpmath.matrix([[1, 0], [1, 1]])}
    assert Evaluator(values, {"n": 2})(node).tolist() == [[2, 6]]

    result = matrix_derivative("x.T*double(A*x)", "x", shapes, check=True)
    assert result.check.ok and text(result.derivative) == "2*A.T*x + double(A*x)"
    chain = next(s for s in result.steps[0].walk() if s.rule == "chain")
    assert chain.key == "matrix.elementwise.twice" and "dbl′(U) = 2·𝟏" in explain_step(chain, text, "en")

    for bad, words in (("double + x", "double is a function: write double(...)"),
                       ("double(x, x)", "double takes one argument")):
        with pytest.raises(SymdiffError, match=re.escape(words)):
            parse_matrix(bad, shapes)
    assert undeclared("double(x) + q", shapes) == (["q"], 13)


def test_a_function_spelling_an_operator_is_read_as_that_operator(monkeypatch):
    monkeypatch.setitem(FUNCTIONS, "hdiv", MatrixFunction("hdiv", arity=2, takes="two arguments: hdiv(u, v)",
                                                          operator="./"))
    shapes = {"x": ("n", 1), "y": ("n", 1), "A": ("n", "n")}
    assert parse_matrix("hdiv(x, y)", shapes) == parse_matrix("x ./ y", shapes)
    # as with the operator, a bare I takes the size of its neighbour and a scalar divides every entry
    assert parse_matrix("hdiv(I, A)", shapes) == parse_matrix("I ./ A", shapes) != parse_matrix("I ./ 2", shapes)
    assert parse_matrix("hdiv(x, 2)", shapes) == parse_matrix("x/2", shapes)
    for bad, error, words in (("hdiv(x)", "syntax", "hdiv takes two arguments: hdiv(u, v)"),
                              ("hdiv(x, A)", "unsupported", "n×1 and n×n differ"),
                              ("hdiv(x, 0*y)", "domain", "division by zero")):
        with pytest.raises(SymdiffError, match=re.escape(words)) as raised:
            parse_matrix(bad, shapes)
        assert raised.value.type == error


@dataclass(eq=False)
class _LinearCall(D._Unary):
    """d f(A) = f(dA), for a linear f."""

    rule: ClassVar[str] = "linear"

    def eval(self):
        return E.call(self.expr.fn, self.d)


def _diagonal_matrix(node, a):
    return mpmath.diag([a[i, 0] for i in range(a.rows)])


def test_a_diagonal_matrix_function_is_its_own_transpose_and_its_jacobian_is_read_off(monkeypatch):
    from symdiff.matrix.folding import hadamard_of_diag as _hadamard_of_diag
    from symdiff.matrix.readoff import jacobian

    monkeypatch.setitem(D.CALL_RULES, "linear_call", _LinearCall)
    monkeypatch.setitem(FUNCTIONS, "dg", MatrixFunction(
        "dg", shape=lambda s: (s[0], s[0]), evaluate=_diagonal_matrix, diagonal=lambda node: node.args[0],
        rule="linear_call"))
    shapes = {"x": ("n", 1), "y": ("n", 1)}
    x, y = E.Sym("x", shapes["x"]), E.Sym("y", shapes["y"])
    assert parse_matrix("dg(x)'", shapes) == E.call("dg", x) and text(parse_matrix("dg(x).T*y", shapes)) == "dg(x)*y"
    # dg(v)·r = dg(r)·v, so the Jacobian of dg(x)·y by x is dg(y)
    assert jacobian(E.mul(E.call("dg", E.Differential(x)), y), "n") == E.call("dg", y)
    result = matrix_derivative("dg(x)*y", "x", shapes, check=True)
    assert result.check.ok and text(result.derivative) == "dg(y)"
    # and backpropagation writes dg(g)·v as g ⊙ v
    assert _hadamard_of_diag(E.mul(E.num(3), E.call("dg", x), y)) == E.scale(3, E.call("hadamard", x, y))


def test_an_associative_bilinear_infix_function(monkeypatch):
    from symdiff.matrix.folding import expand as _expand

    monkeypatch.setitem(FUNCTIONS, "star", MatrixFunction(
        "star", arity=2, shape=lambda s, t: s, evaluate=lambda node, a, b: mpmath.matrix(
            [[a[i, j] * b[i, j] for j in range(a.cols)] for i in range(a.rows)]),
        rule="hadamard", bilinear=True, form="infix", associative=True,
        marks={"unicode": " ⋆ ", "latex": r" \star ", "mathml": "<mo>⋆</mo>"}))
    shapes = {"x": ("n", 1), "y": ("n", 1)}
    x, y = E.Sym("x", shapes["x"]), E.Sym("y", shapes["y"])
    node = parse_matrix("star(star(x, y), x + y)", shapes)
    assert unicode(node) == "x ⋆ y ⋆ (x + y)" and latex(node) == r"x \star y \star \left(x + y\right)"
    assert text(node) == "star(star(x, y), x + y)" and parse_matrix(text(node), shapes) == node
    assert _expand(E.call("star", E.add(x, y), x)) == E.add(E.call("star", x, x), E.call("star", y, x))
    result = matrix_derivative("sum(star(x, y))", "x", shapes, check=True)
    assert result.check.ok and text(result.derivative) == "y"


def test_a_constant_written_with_its_sizes(monkeypatch):
    monkeypatch.setitem(CONSTANTS, "col", SizedConstant("col", 1, lambda n: E.Ones((n, 1)), "one size: col(n)"))
    shapes = {"x": ("n", 1)}
    assert parse_matrix("x + col(n)", shapes) == parse_matrix("x + ones(n, 1)", shapes)
    assert undeclared("col(k) + q", shapes) == (["q"], 10)  # k is a size, not a matrix
    for bad, words in (("col + x", "col is a function: write col(...)"), ("col(n, n)", "col takes one size: col(n)")):
        with pytest.raises(SymdiffError, match=re.escape(words)):
            parse_matrix(bad, shapes)


_NAMES = set(parser_names()) | set(CONSTANTS)
# backprop's choice of activation for cross-entropy is an option check, not the engine's
_ALLOWED = {("backprop.py", "sigmoid")}


def _name_comparisons(path):
    """(line, string) for each comparison of a function's name with a string: `.fn == "diag"`,
    `name in ("eye", "zeros")`; the rule keys a differential dispatches on (`fn.rule == ...`) aside."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        if any(isinstance(s, ast.Attribute) and s.attr == "rule" for s in sides):
            continue
        strings = [c.value for s in sides for c in ast.walk(s)
                   if isinstance(c, ast.Constant) and isinstance(c.value, str)]
        on_fn = any(isinstance(s, ast.Attribute) and s.attr == "fn" for s in sides)
        for string in strings:
            if (on_fn or string in _NAMES) and (path.name, string) not in _ALLOWED:
                yield node.lineno, string


def test_no_module_but_the_table_branches_on_a_functions_name():
    import symdiff.matrix

    package = pathlib.Path(symdiff.matrix.__file__).parent
    found = {f"{path.name}:{line}: {string!r}" for path in sorted(package.glob("*.py")) if path.name != "table.py"
             for line, string in _name_comparisons(path)}
    assert not found, sorted(found)
