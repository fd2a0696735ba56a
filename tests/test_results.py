"""The Python API's result objects directly: `to_dict()` of every result class is the command
line's JSON record, `_repr_latex_` is what a notebook shows, the small records (checks, notes,
diagnoses, errors, steps) have the contract's fields; every branch of the Unicode printers (scalar
and matrix); and the matrix engine's read-off (gradients and Jacobians off a differential), each
claim checked numerically."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import mpmath
import pytest
import sympy
from helpers import balanced_latex, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.api import check, descend, gradient, hessian, implicit, jacobian, partial, tangent
from symdiff.core.errors import DomainError, ParseError, SymdiffError
from symdiff.core.messages import explain, language
from symdiff.features.answers import Diagnosis
from symdiff.features.practice import practice
from symdiff.matrix import expr as E
from symdiff.matrix import matrix_derivative
from symdiff.matrix import printing as matrix_printing
from symdiff.matrix.differential import MatrixUnsupported, inner
from symdiff.matrix.numeric import Evaluator, NumericDomainError, draws, max_abs, sizes_for
from symdiff.matrix.readoff import gradient_terms
from symdiff.matrix.readoff import jacobian as read_jacobian
from symdiff.matrix.readoff import pull
from symdiff.render.notation import derivative_latex, latex, truncated, unicode
from symdiff.scalar.check import Agreement
from symdiff.scalar.notes import Note
from symdiff.scalar.parsing import parse, symbol
from symdiff.scalar.rules import derive

x, y = symbol("x"), symbol("y")


# ---------------------------------------------------------------- to_dict() is the JSON record

def _cli_record(args, *flags):
    return json.loads(invoke(*args, "--format", "json", *flags).stdout)


# (what the API returns, the same question on the command line, part of the record worked out by hand)
RESULTS = [
    (lambda: partial("3*x**2*y**4", "x"), ["partial", "3*x**2*y**4", "x"],
     {"wrt": ["x"], "result": "6*x*y**4", "latex": "6 x y^{4}", "held_constant": [["y"]]}),
    (lambda: partial("x**2*y**3", "x", "y", at="x=1,y=2", check=True),
     ["partial", "x**2*y**3", "x", "y", "--at", "x=1,y=2", "--check"],
     {"result": "6*x*y**2", "held_constant": [["y"], ["x"]], "value": 24.0, "at": {"x": "1", "y": "2"}}),
    (lambda: partial("f(x) = x*ln(x)", "x"), ["partial", "f(x) = x*ln(x)", "x"],  # a named function
     {"expr": "x*log(x)", "name": "f", "params": ["x"], "result": "log(x) + 1", "held_constant": [[]]}),
    (lambda: partial("x + z", "y"), ["partial", "x + z", "y"],  # with a note: y is not in f
     {"result": "0", "held_constant": [["x", "z"]]}),
    (lambda: gradient("x**2*y + sin(y)", at="x=1,y=2", direction="3,4"),
     ["grad", "x**2*y + sin(y)", "--at", "x=1,y=2", "--dir", "3,4"],
     {"vars": ["x", "y"], "gradient": ["2*x*y", "x**2 + cos(y)"]}),
    (lambda: hessian("x**3*y + y**2", at="x=1,y=2"), ["hessian", "x**3*y + y**2", "--at", "x=1,y=2"],
     {"hessian": [["6*x*y", "3*x**2"], ["3*x**2", "2"]], "value": [[12.0, 3.0], [3.0, 2.0]]}),
    (lambda: jacobian("x*y; x + sin(y)"), ["jacobian", "x*y; x + sin(y)"],
     {"functions": ["x*y", "x + sin(y)"], "jacobian": [["y", "x"], ["1", "cos(y)"]]}),
    (lambda: implicit("x**2 + y**2 = 1", at="x=0.6,y=0.8"), ["implicit", "x**2 + y**2 = 1", "--at", "x=0.6,y=0.8"],
     {"result": "-x/y", "F_x": "2*x", "F_y": "2*y", "on_curve": True, "value": -0.75}),
    (lambda: tangent("x**2 + y**2", at="x=1,y=2"), ["tangent", "x**2 + y**2", "--at", "x=1,y=2"],
     {"value": 5.0, "gradient": [2.0, 4.0], "exact": {"value": "5", "gradient": ["2", "4"]},
      "expanded": "2*x + 4*y - 5"}),
    (lambda: descend("(x-1)**2 + 3*y**2", start="x=3,y=2", steps=5),
     ["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--steps", "5"],
     {"gradient_expr": ["2*x - 2", "6*y"], "lr": 0.1, "start": [3.0, 2.0]}),
    (lambda: practice(["chain"], count=2, seed=1), ["practice", "--rules", "chain", "--count", "2", "--seed", "1"],
     {"rules": ["chain"], "seed": 1, "count": 2}),
    (lambda: matrix_derivative("x.T*A*x", "x", {"x": ("n", 1), "A": ("n", "n")}, check=True),
     ["matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n", "--check"],
     {"result": "(A + A.T)*x", "kind": "scalar_by_vector", "layout": "mixed", "shape": ["n", 1]}),
]
RESULT_IDS = [f"{i}-{args[0]}" for i, (_, args, _) in enumerate(RESULTS)]


def _without_steps(record):
    """A record with every `steps` list removed, at any depth."""
    if isinstance(record, dict):
        return {k: _without_steps(v) for k, v in record.items() if k != "steps"}
    if isinstance(record, list):
        return [_without_steps(v) for v in record]
    return record


@pytest.mark.parametrize("make, args, by_hand", RESULTS, ids=RESULT_IDS)
def test_to_dict_is_the_command_lines_json_record(make, args, by_hand):
    result = make()
    record = result.to_dict()
    assert {key: record.get(key) for key in by_hand} == by_hand
    # Only JSON's own types: the record survives a round trip unchanged.
    assert json.loads(json.dumps(record)) == record
    assert record == _cli_record(args)
    assert record["command"] == result.command == args[0]


# MatrixResult.to_dict takes no `steps` (its record always has them).
@pytest.mark.parametrize("make, args, by_hand", [case for case in RESULTS if case[1][0] != "matrix"],
                         ids=[i for i, case in zip(RESULT_IDS, RESULTS) if case[1][0] != "matrix"])
def test_to_dict_without_steps_is_the_no_steps_record(make, args, by_hand):
    result = make()
    record = result.to_dict(steps=False)
    assert record == _cli_record(args, "--no-steps")
    # Part of the full record, less its steps (a Jacobian's or tangent's per-entry list goes too).
    full = _without_steps(result.to_dict())
    assert all(full[key] == value for key, value in record.items()), set(full) - set(record)


def test_to_dict_of_a_matrix_result_in_another_language():
    result = matrix_derivative("log(det(X))", "X", {"X": ("n", "n")})
    english, korean = result.to_dict(), result.to_dict(lang="ko")
    assert _without_steps(english) == _without_steps(korean)
    assert english["steps"] != korean["steps"]
    assert korean == _cli_record(["matrix", "log(det(X))", "X", "--shape", "X=n,n", "--lang", "ko"])


def test_the_notes_of_a_result_are_in_its_record():
    record = partial("x + z", "y").to_dict()
    assert [w["kind"] for w in record["warnings"]] == ["variable_absent"]
    assert "warnings" not in partial("x + z", "x").to_dict()


# ---------------------------------------------------------------- _repr_latex_ (notebooks)

@pytest.mark.parametrize("expr, wrt, shown", [
    ("3*x**2*y**4", ["x"], r"$\displaystyle \frac{\partial}{\partial x} \left(3 x^{2} y^{4}\right) = 6 x y^{4}$"),
    ("x**2*y**3", ["x", "y"],
     r"$\displaystyle \frac{\partial^{2}}{\partial y \partial x} \left(x^{2} y^{3}\right) = 6 x y^{2}$"),
    # a function of one variable: d/dx, as the documents write it; functions as a textbook sets them
    ("x**3", ["x", "x"], r"$\displaystyle \frac{d^{2}}{d x^{2}} \left(x^{3}\right) = 6 x$"),
    ("sin(theta)", ["theta"], r"$\displaystyle \frac{d}{d \theta} \left(\sin \theta\right) = \cos \theta$"),
    ("x*sin(y)", ["y"], r"$\displaystyle \frac{\partial}{\partial y} \left(x \sin y\right) = x \cos y$"),
])
def test_repr_latex_is_the_derivative_as_an_equation(expr, wrt, shown):
    result = partial(expr, *wrt)
    assert result._repr_latex_() == shown
    assert balanced_latex(shown)


def test_repr_latex_shows_the_tidied_result_whatever_the_language():
    result = partial("sin(x)*cos(x)", "x")
    with language("ko"):
        assert result._repr_latex_() == partial("sin(x)*cos(x)", "x")._repr_latex_()
    assert result._repr_latex_().endswith(f"= {latex(result.result)}$")
    assert derivative_latex(result.expr, result.wrt, ordinary=True) in result._repr_latex_()


# ---------------------------------------------------------------- the small records

def test_agreement_to_dict():
    assert Agreement("agree", 5, 1e-12).to_dict() == {"status": "agree", "points": 5, "max_error": 1e-12}
    assert Agreement("unchecked").to_dict() == {"status": "unchecked", "points": 0, "max_error": 0.0}
    located = Agreement("agree", 3, 1e-12, error_estimate=1e-14, at={"x": 0.5}, derivative="∂f/∂x", step=1e-8)
    assert located.to_dict() == {"status": "agree", "points": 3, "max_error": 1e-12, "error_estimate": 1e-14,
                                 "at": {"x": 0.5}, "derivative": "∂f/∂x", "step": 1e-8, "derivatives": 1}
    where = {"at": {"x": 0.5}, "claimed": 1.0, "numeric": 2.0}
    assert Agreement("disagree", 1, 0.5, where).to_dict() == {"status": "disagree", "points": 1, "max_error": 0.5,
                                                              "counterexample": where}


def test_a_wrong_check_carries_its_counterexample_into_the_record():
    record = partial("x**2", "x", check=True).to_dict()
    assert record["check"]["status"] == "agree" and record["check"]["points"] > 0
    assert "counterexample" not in record["check"]


def test_note_to_dict_is_kind_and_message_in_the_current_language():
    [note] = partial("x + z", "y").warnings
    assert isinstance(note, Note)
    assert note.to_dict() == {"kind": "variable_absent", "message": note.message}
    assert "y" in note.message
    with language("ko"):
        korean = note.to_dict()
    assert korean["kind"] == "variable_absent" and korean["message"] != note.message


def test_diagnosis_to_dict_names_the_mistake():
    verdict = check("sin(x**2)", "x", "cos(x**2)")
    assert verdict.verdict == "wrong" and isinstance(verdict.diagnosis, Diagnosis)
    assert verdict.diagnosis.to_dict() == {"kind": verdict.diagnosis.kind, "message": verdict.diagnosis.message}
    assert verdict.diagnosis.kind == "missing_chain_factor"
    assert "the factor 2*x (the derivative of x**2) is missing" in verdict.diagnosis.message
    record = _cli_record(["check", "sin(x**2)", "x", "cos(x**2)"])
    assert record["diagnosis"] == verdict.diagnosis.to_dict()


@pytest.mark.parametrize("error, expected", [
    (SymdiffError("too big", type="limit"), {"type": "limit", "message": "too big"}),
    (ParseError("expected an operand", 4), {"type": "syntax", "message": "expected an operand", "column": 4}),
    (DomainError("log(0) is undefined", 1), {"type": "domain", "message": "log(0) is undefined", "column": 1}),
    (SymdiffError("plain"), {"type": "internal", "message": "plain"}),
])
def test_error_to_dict_and_repr(error, expected):
    assert error.to_dict() == expected
    assert repr(error) == (f"{type(error).__name__}({expected['type']!r}, {expected['message']!r}, "
                           f"column={expected.get('column')})")


def test_an_unknown_error_type_is_refused():
    with pytest.raises(ValueError, match="unknown error type 'oops'"):
        SymdiffError("x", type="oops")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("args", [["3*x**2*y**4", "y"], ["x**3*sin(x)/(x**2 + 1)", "x"], ["exp(x*y)*y**2", "x"]])
def test_json_explanations_write_their_mathematics_in_one_notation(args, lang):
    """The expressions of a JSON step are str syntax, to be read back; its explanation is prose, whose
    mathematics every value of it writes as the human views do: no 3*x**2 beside a formula's xⁿ."""
    record = json.loads(invoke("partial", *args, "--format", "json", "--lang", lang).stdout)

    def flatten(r):
        yield r
        for s in r["substeps"]:
            yield from flatten(s)

    said = [s["explanation"] for tree in record["steps"] for s in flatten(tree)]
    assert said and all("*" not in text and "^" not in text for text in said), said
    assert any("·" in text or any(c in text for c in "²³⁴") for text in said), said


def test_step_to_dict_is_the_contracts_step_object():
    step = derive(parse("sin(x**2)"), x)
    record = step.to_dict(explain)
    assert set(record) == {"rule", "expr", "var", "result", "explanation", "substeps"}
    assert record["rule"] == "chain" and record["expr"] == "sin(x**2)" and record["var"] == "x"
    assert record["result"] == "2*x*cos(x**2)"
    assert [s["rule"] for s in record["substeps"]] == [s.rule for s in step.substeps]

    def flatten(r):
        yield r
        for s in r["substeps"]:
            yield from flatten(s)

    assert len(list(flatten(record))) == len(list(step.walk()))
    # another printer prints every expression of the tree
    assert step.to_dict(explain, unicode)["expr"] == "sin(x²)"


# ---------------------------------------------------------------- the Unicode printer, branch by branch

@pytest.mark.parametrize("text, shown", [
    ("sqrt(x)", "√x"),  # a square root of an atom
    ("sqrt(x + 1)", "√(x + 1)"),  # ... of anything else
    ("sqrt(2)", "√2"),
    ("1/x", "1/x"),  # a reciprocal
    ("1/(x + 1)", "1/(x + 1)"),
    ("x^2", "x²"),  # an integer power: a superscript
    ("x^-2", "1/x²"),  # a negative power of a variable: a fraction, as a textbook writes it
    ("(x + 1)^-2", "1/(x + 1)²"),
    ("-sin(x)/cos(x)^2", "−sin(x)/cos²(x)"),
    ("log(3)^-2", "1/(ln 3)²"),
    ("2^(-x)", "2⁻ˣ"),  # ... but a number's negative power is notation: 2⁻ˣ, e⁻ˣ
    ("exp(-x)", "e⁻ˣ"),
    ("(x + 1)^2", "(x + 1)²"),
    ("sin(x)^3", "sin³(x)"),  # a trigonometric function's power raised on its name
    ("ln(3)^2", "(ln 3)²"),  # any other call bracketed whole: ln(3)² would read as ln(3²)
    ("ln(x + 1)^2", "(ln(x + 1))²"),
    ("x^(1/3)", "∛x"),  # a fractional power has no raised form: a root has
    ("x^(2/3)", "∛(x²)"),
    ("x^(3/2)", "x·√x"),  # a half-integer power of a letter as a textbook writes it, not √(x³)
    ("x^(5/2)", "x²·√x"),
    ("x^(1/5)", "⁵√x"),
    ("x^(-1/2)", "1/√x"),
    ("x^(-3/2)", "1/(x·√x)"),
    ("(x^2 + 1)^(3/2)", "√((x² + 1)³)"),  # a sum is written once, under the root
    ("x^(1/x)", "x^(1/x)"),  # a root only for a number's index: ˣ√x reads as a root of index x
    ("x^(y/2)", "x^(y/2)"),
    ("x^(y - 1/2)", "x^(y − 1/2)"),  # a sum with a fraction in it: no root of x^(2y - 1) it never was
    ("2^(-x*y)", "2⁻ˣʸ"),
    ("x^(w0*w1)", "x^(w0·w1)"),  # longer names raised side by side would run together
    ("exp(2*x*y)", "e²ˣʸ"),  # e as any other base: its exponent raised where it has a raised form
    ("exp(w0*w1)", "exp(w0·w1)"),  # longer names raised side by side would run together
    ("exp(3*x + 1)", "e³ˣ⁺¹"),  # 4 raised characters, short enough
    ("exp(x + y + z + 1)", "exp(x + y + z + 1)"),  # 7 of them: exp(…)
    ("x^y", "xʸ"),
    ("x^(-y)", "1/xʸ"),
    ("x^(y + 1)", "xʸ⁺¹"),
    ("(x + 1)^y", "(x + 1)ʸ"),
    ("2^x", "2ˣ"),
    ("2^(sin(x))", "2ˢⁱⁿ⁽ˣ⁾"),
    ("x^(y^2)", "x^(y²)"),  # an exponent with a superscript in it cannot be raised again: a caret
    ("x^pi", "x^π"),  # nor one with a letter that has no raised form; never pow(x, π)
    ("abs(x)", "|x|"),
    ("abs(x - 1)", "|x − 1|"),
    ("e", "e"),
    ("pi", "π"),
    ("exp(x)", "eˣ"),
    ("exp(2*x)", "e²ˣ"),
    ("2^(x*y)", "2ˣʸ"),  # single letters raised side by side, as 2^{xy} is written
    ("exp(x*y)", "eˣʸ"),  # as 2ˣʸ, and as LaTeX writes e^{xy}
    ("exp(x/2)", "exp(x/2)"),
    ("exp(x^2 + 1)", "exp(x² + 1)"),  # a longer power of e: exp(…), no caret
    ("ln(x)", "ln(x)"),
    ("sigmoid(x)", "σ(x)"),
    ("theta", "θ"),
    ("2*x*y", "2·x·y"),
    ("softplus(x)", "softplus(x)"),
])
def test_unicode_printer(text, shown):
    assert unicode(parse(text)) == shown


@pytest.mark.parametrize("expr, shown", [
    (sympy.Pow(sympy.Integer(-2), 3, evaluate=False), "(−2)³"),  # a negative base is bracketed
    (sympy.Pow(sympy.Rational(-1, 2), 2, evaluate=False), "(−1/2)²"),
    (sympy.Pow(x, -1, evaluate=False), "1/x"),
    (sympy.Pow(sympy.Abs(x), 3, evaluate=False), "|x|³"),  # its bars bracket it
    (sympy.Pow(sympy.E, x * sympy.Symbol("y"), evaluate=False), "eˣʸ"),
    (sympy.Symbol("…"), "…"),
])
def test_unicode_printer_of_unevaluated_forms(expr, shown):
    assert unicode(expr) == shown


def test_truncated_expressions_print_an_ellipsis_in_latex_and_unicode():
    cut = truncated(parse("sin(cos(tan(x + 1)))"), 3)
    assert latex(cut) == r"\sin(\cos(\ldots))"
    assert unicode(cut) == "sin(cos(…))"


# ---------------------------------------------------------------- the matrix printers, node by node

X, A = E.Sym("X", ("n", "n")), E.Sym("A", ("n", "n"))
xv, a, b = E.Sym("x", ("n", 1)), E.Sym("a", ("n", 1)), E.Sym("b", ("n", 1))
s = E.Sym("s", (1, 1))
dX, dx = E.Differential(X), E.Differential(xv)

# (node, text, unicode, LaTeX, MathML (inside <mrow>))
MATRIX_FORMS = [
    (E.Ones(("n", 1)), "ones(n, 1)", "𝟏", r"\mathbf{1}", '<mn mathvariant="bold">1</mn>'),
    (E.zero(("n", "n")), "zeros(n, n)", "0", r"\mathbf{0}", "<mn>0</mn>"),
    (E.Ident("n"), "eye(n)", "I", "I", "<mi>I</mi>"),
    (E.neg(xv), "-x", "−x", "-x", "<mo>−</mo><mi>x</mi>"),
    (E.mul(E.num(Fraction(1, 2)), xv), "x/2", "x/2", r"\frac{x}{2}",
     "<mfrac><mrow><mi>x</mi></mrow><mrow><mn>2</mn></mrow></mfrac>"),
    (E.mul(E.num(Fraction(-2, 3)), X), "-2*X/3", "−2X/3", r"-\frac{2 X}{3}",
     "<mo>−</mo><mfrac><mrow><mn>2</mn><mo>&#x2062;</mo><mi>X</mi></mrow><mrow><mn>3</mn></mrow></mfrac>"),
    (E.transpose(E.call("inv", X)), "inv(X).T", "X⁻ᵀ", r"X^{-\top}",
     "<msup><mi>X</mi><mrow><mo>−</mo><mi>T</mi></mrow></msup>"),
    (E.call("inv", X), "inv(X)", "X⁻¹", "X^{-1}", "<msup><mi>X</mi><mrow><mo>−</mo><mn>1</mn></mrow></msup>"),
    (E.hadamard_power(xv, Fraction(1, 2)), "hadamard_power(x, 1/2)", "x∘¹⁄²", r"x^{\circ 1/2}",
     "<msup><mi>x</mi><mrow><mo>∘</mo><mn>1/2</mn></mrow></msup>"),
    (E.hadamard_power(xv, 3), "hadamard_power(x, 3)", "x∘³", r"x^{\circ 3}",
     "<msup><mi>x</mi><mrow><mo>∘</mo><mn>3</mn></mrow></msup>"),
    (E.power(X, 3), "X**3", "X³", "X^{3}", "<msup><mi>X</mi><mn>3</mn></msup>"),
    (E.power(s, Fraction(1, 2)), "s**(1/2)", "√s", "s^{1/2}", "<msup><mi>s</mi><mn>1/2</mn></msup>"),
    (E.mul(xv, E.power(s, -1)), "x/s", "x/s", r"\frac{x}{s}",
     "<mfrac><mrow><mi>x</mi></mrow><mrow><mi>s</mi></mrow></mfrac>"),
    (E.mul(E.num(Fraction(1, 2)), xv, E.power(s, -1)), "x/(2*s)", "x/(2·s)", r"\frac{x}{2 s}",
     "<mfrac><mrow><mi>x</mi></mrow><mrow><mn>2</mn><mi>s</mi></mrow></mfrac>"),
    (dX, "dX", "dX", r"\mathrm{d}X", '<mrow><mi mathvariant="normal">d</mi><mi>X</mi></mrow>'),
    (E.mul(xv, E.transpose(xv)), "x*x.T", "xxᵀ", r"x x^{\top}",
     "<mi>x</mi><mo>&#x2062;</mo><msup><mi>x</mi><mi>T</mi></msup>"),
    (E.call("hadamard", xv, a), "hadamard(a, x)", "a ⊙ x", r"a \odot x", "<mi>a</mi><mo>⊙</mo><mi>x</mi>"),
    (E.call("norm1", xv), "norm1(x)", "‖x‖₁", r"\left\lVert x \right\rVert_{1}", "<msub><mrow><mo>‖</mo><mi>x</mi><mo>‖</mo></mrow><mn>1</mn></msub>"),
    (E.call("sigmoid", xv), "sigmoid(x)", "σ(x)", r"\sigma\left(x\right)",
     "<mi>σ</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow>"),
]


@pytest.mark.parametrize("node, text, uni, tex, mml", MATRIX_FORMS, ids=[f[1] for f in MATRIX_FORMS])
def test_matrix_printers(node, text, uni, tex, mml):
    assert matrix_printing.text(node) == text
    assert matrix_printing.unicode(node) == uni
    assert matrix_printing.latex(node) == tex and balanced_latex(tex)
    assert matrix_printing.mathml(node) == f"<mrow>{mml}</mrow>"


# ---------------------------------------------------------------- matrix read-off, checked numerically

SHAPES = {"X": ("n", "n"), "A": ("n", "n"), "x": ("n", 1), "a": ("n", 1), "b": ("n", 1), "s": (1, 1)}


def assert_same_value(left: E.Node, right: E.Node, wrt: str, points: int = 3) -> None:
    """left == right at random matrices and a random direction d<wrt> (the differential)."""
    assert left.shape == right.shape or E.is_scalar(left.shape) and E.is_scalar(right.shape), (left, right)
    symbols = {name: SHAPES[name] for name in sorted(left.symbols() | right.symbols() | {wrt})}
    sizes = sizes_for([E.Sym(n, sh) for n, sh in symbols.items()])
    compared = 0
    for draw in draws(symbols, sizes, wrt, random.Random(5), count=4 * points):
        with mpmath.workdps(30):
            try:
                u, v = Evaluator(draw.values, sizes).ev(left), Evaluator(draw.values, sizes).ev(right)
            except (NumericDomainError, ZeroDivisionError, ValueError):
                continue
            assert max_abs(u - v) <= mpmath.mpf("1e-20") * (1 + max_abs(v)), \
                f"{matrix_printing.text(left)} != {matrix_printing.text(right)}"
        compared += 1
        if compared == points:
            return
    raise AssertionError(f"no point in the domain of {matrix_printing.text(left)}")


# (df, the gradient G it reads off, as text): each term of df is ⟨part, dX⟩
GRADIENTS = [
    (E.call("trace", E.mul(A, dX)), "A.T"),  # a product: everything around dX moves across
    (E.mul(E.transpose(a), dX, b), "a*b.T"),  # factors on both sides
    (E.mul(s, E.call("trace", dX)), "s*eye(n)"),  # a scalar factor
    (E.call("sum", E.call("hadamard", dX, A)), "A"),  # ⟨1, A ⊙ dX⟩ = ⟨A, dX⟩, dX on either side
    (E.call("sum", E.call("hadamard", A, dX)), "A"),
    # a hadamard product built by hand, dX first (the normal form puts it last)
    (E.call("sum", E.Call("hadamard", (dX, A), None, ("n", "n"))), "A"),
    (E.call("sum", dX), "ones(n, n)"),
    (E.mul(E.transpose(a), E.add(dX, E.transpose(dX)), b), "a*b.T + b*a.T"),  # a sum inside a term
    (E.call("trace", E.mul(E.transpose(dX), A)), "A"),  # a transpose
    (E.call("trace", E.call("diag", dx)), "ones(n, 1)"),  # diag of a vector
    (E.add(E.call("trace", E.mul(A, dX)), E.mul(E.transpose(a), dX, b)), "A.T + a*b.T"),
]


@pytest.mark.parametrize("df, expected", GRADIENTS, ids=[g[1] for g in GRADIENTS])
def test_gradient_read_off_a_differential(df, expected):
    wrt = next(iter(n for n in ("X", "x") if E.Differential(E.Sym(n, SHAPES[n])) in _parts(df)))
    terms = gradient_terms(df)
    assert [t for t, _ in terms] == list(df.terms if isinstance(df, E.Add) else (df,))
    for term, part in terms:
        assert_same_value(term, inner(part, E.Differential(E.Sym(wrt, SHAPES[wrt]))), wrt)
    assert matrix_printing.text(E.add(*[p for _, p in terms])) == expected


def _parts(node: E.Node):
    yield node
    for child in getattr(node, "terms", ()) or getattr(node, "factors", ()) or getattr(node, "args", ()):
        yield from _parts(child)
    if isinstance(node, E.Transpose):
        yield from _parts(node.arg)


@pytest.mark.parametrize("df, words", [
    (E.mul(E.transpose(a), dX, dX, b), "the differential is not linear in dX here"),
    (E.call("trace", E.call("inv", dX)), "cannot read a gradient off inv(dX)"),
])
def test_gradient_read_off_refuses_what_is_not_linear_in_dX(df, words):
    with pytest.raises(MatrixUnsupported, match=words.replace("(", r"\(").replace(")", r"\)")):
        gradient_terms(df)


def test_gradient_read_off_of_a_term_without_dX_is_nothing():
    assert pull(E.transpose(a), E.ONE) == []


# (df, its Jacobian J by x (n entries), as text): df = J·dx
JACOBIANS = [
    (dx, "eye(n)"),
    (E.transpose(dx), "eye(n)"),  # a row is read as its column
    (E.mul(A, dx), "A"),
    (E.mul(E.transpose(dx), A), "A.T"),
    (E.mul(s, dx), "s*eye(n)"),  # a scalar factor
    (E.call("hadamard", dx, a), "diag(a)"),
    (E.call("hadamard", a, dx), "diag(a)"),
    (E.Call("hadamard", (dx, a), None, ("n", 1)), "diag(a)"),  # built by hand, dx first
    (E.mul(E.mul(E.transpose(a), dx), b), "b*a.T"),  # dx inside a scalar factor: (aᵀdx)·b
    (E.mul(a, E.transpose(dx), b), "a*b.T"),  # through a row: a·(dxᵀb) = a·bᵀ·dx
    (E.mul(A, E.add(dx, E.mul(X, dx))), "A + A*X"),  # a sum inside a product
    (E.mul(E.call("diag", dx), b), "diag(b)"),  # diag(dx)·b = diag(b)·dx
    (E.call("diag", E.mul(dx, E.transpose(a))), "diag(a)"),  # the diagonal of an outer product
    (E.call("diag", E.transpose(E.mul(dx, E.transpose(a)))), "diag(a)"),
    (E.call("diag", E.add(E.mul(dx, E.transpose(a)), E.mul(b, E.transpose(dx)))), "diag(a) + diag(b)"),
    # diag of a transposed sum, built by hand (E.call and E.transpose would take the transpose out)
    (E.Call("diag", (E.Transpose(E.add(E.mul(dx, E.transpose(a)), E.mul(b, E.transpose(dx)))),), None, ("n", 1)),
     "diag(a) + diag(b)"),
    (E.mul(E.transpose(a), dx), "a.T"),  # a scalar df: the row Gᵀ
]


@pytest.mark.parametrize("df, expected", JACOBIANS, ids=[j[1] + f"-{i}" for i, j in enumerate(JACOBIANS)])
def test_jacobian_read_off_a_differential(df, expected):
    J = read_jacobian(df, "n")
    assert matrix_printing.text(J) == expected
    column = E.transpose(df) if df.shape[0] == 1 and df.shape[1] != 1 else df
    assert_same_value(column, E.mul(J, dx), "x")


@pytest.mark.parametrize("df, shape", [(a, ("n", "n")), (E.transpose(a), ("n", "n")), (s, (1, "n"))])
def test_jacobian_of_a_constant_is_zero(df, shape):
    J = read_jacobian(df, "n")
    assert E.is_zero(J) and J.shape == shape


@pytest.mark.parametrize("df, words", [
    (A, "A is a n×n matrix; its derivative by a vector is a third-order tensor"),
    (E.mul(E.call("hadamard", E.mul(dx, E.transpose(a)), A), b), "passes through the matrix"),
    (E.call("diag", E.call("hadamard", E.mul(dx, E.transpose(a)), A)), "cannot read a Jacobian off diag("),
    (E.call("diag", E.transpose(E.call("hadamard", E.mul(dx, E.transpose(a)), A))),
     "cannot read a Jacobian off diag(hadamard(A, dx*a.T))"),
    (E.call("exp", dx), "cannot read a Jacobian off exp(dx)"),
    (E.mul(dx, E.transpose(dx), a), "the differential is not linear in dX here"),
    (E.call("hadamard", dx, dx), "cannot read a Jacobian off hadamard_power(dx, 2)"),
])
def test_jacobian_read_off_refuses_what_needs_a_tensor(df, words):
    with pytest.raises(MatrixUnsupported) as info:
        read_jacobian(df, "n")
    assert words in str(info.value)


# --- a value at a point, exactly where a textbook writes it

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["sin(x)/x", "sqrt(x)", "log(x)*x", "x^3/3 - x", "exp(x)/x", "atan(x)", "x^(1/3)"]),
       st.sampled_from(["1", "2", "1/2", "pi", "pi/4", "3"]))
def test_an_exact_value_is_the_decimal_and_short(text, at):
    from symdiff.api import partial

    try:
        r = partial(text, "x", at=f"x={at}")
    except Exception:  # a point outside the domain: nothing to show
        return
    exact = r.exact_value
    if exact is None:
        return
    assert not exact.has(sympy.Float) and not exact.is_Integer
    assert abs(float(exact.evalf(30)) - r.value) <= 1e-9 * (1 + abs(r.value))


def test_minus_one_over_pi_is_shown_with_its_decimal():
    for fmt, shown in (("text", "−1/π ≈ −0.31831"), ("markdown", r"- \frac{1}{\pi} \approx -0.31831"),
                       ("latex", r"- \frac{1}{\pi} \approx -0.31831")):
        out = invoke("partial", "sin(x)/x", "x", "--at", "x=pi", "--format", fmt).stdout
        assert shown in out, out
    # the bare result a pipe reads stays the decimal alone
    assert invoke("partial", "sin(x)/x", "x", "--at", "x=pi", "--no-steps", "--format", "text").stdout.strip() == \
        "(x·cos(x) − sin(x))/x² ≈ −0.31831 at x = π"  # rounded: ≈
