"""Documents set mathematics as a textbook does (issue 16): an operator name applied to a bare
argument without brackets (sin x, ln 2, cos 2x, sin² x) but with them wherever the argument could be
misread (sin(x²), ln(x + 1), sin(x) y), plain brackets unless the content is tall, y(x) for an applied
function, ln for the natural logarithm, one matrix environment (bmatrix) in every document, and for a
function of one variable df/dx and no 1×1 vector."""

from __future__ import annotations

import re

import pytest
import sympy
import test_invariant as generated
from helpers import agree, invoke
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from symdiff.core.errors import SymdiffError
from symdiff.render.notation import latex, mathml
from symdiff.scalar.functions import sigmoid
from symdiff.scalar.parsing import parse

x, y, z = sympy.symbols("x y z")

# An operator name as the LaTeX printer writes it, with its power (\sin^{2}); a space after it means its
# argument follows bare, a bracket that it is bracketed.
_OPERATOR = (r"\\(?:sin|cos|tan|cot|sec|csc|sinh|cosh|tanh|coth|sech|csch|arc[a-z]+|ln|log(?:_\{[^{}]*\})?"
             r"|operatorname\{(?:sgn|ar[a-z]+)\})(?:\^\{\d+\})?")
_FOLDED_TEX = re.compile(_OPERATOR + r" ")
_FOLDED_MATHML = re.compile(r"<mo>&#8289;</mo><mspace ")
_BRACKETED_LETTER = re.compile(r"\\left\(\s*(?:[A-Za-z]|\\[A-Za-z]+)\s*\\right\)")


def _read_back(tex: str):
    """The expression symdiff's own LaTeX reader takes `tex` for: it reads \\sin x y as sin(xy), as a
    student would, so a bracket wrongly left out changes what comes back."""
    try:
        return parse(tex)
    except SymdiffError:
        assume(False)  # a notation the reader does not take (\operatorname{atan}_{2}, |x|)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(generated.expressions)
@example("sin(x)*y")
@example("sin(x)*x**2 + cos(x)*exp(x)")
@example("sin(x**2)*cos(2*x)")
@example("log(x)**2 + sin(x)**x")
@example("sin(x)/(y*cos(x)) + log(x + 1, 10)")
def test_latex_reads_back_as_the_expression(text):
    expr = generated.parse(text)
    tex = latex(expr)
    back = _read_back(tex)
    assert back == expr or agree(back, expr), (text, tex, back)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(generated.expressions)
@example("sin(x)*y + cos(2*x)")
@example("sin(x)**2*tan(y)")
def test_no_grown_brackets_around_a_letter_and_the_same_decisions_in_mathml(text):
    expr = generated.parse(text)
    tex, markup = latex(expr), mathml(expr)
    assert " \\right)}" not in tex, tex  # SymPy's own function style, \sin{\left(x \right)}
    assert not _BRACKETED_LETTER.search(tex), tex
    assert len(_FOLDED_TEX.findall(tex)) == len(_FOLDED_MATHML.findall(markup)), (tex, markup)


# a bare argument: a letter, a Greek one or π (a command that is no operator name), a number, 2 x
_BARE_ARGUMENT = (r"(?:\d+ )?(?:[A-Za-z](?:_\{[^{}]*\})?|\\(?!" + _OPERATOR[2:] + r")[A-Za-z]+|\d+(?:\.\d+)?)")
# What may follow a bare argument without running into it: the end of a group, an operator or
# relation, a fraction, or another operator name.
_AFTER_BARE = re.compile(r"$|[}),&=+\-]| [+\-=]| \\cdot| \\right| \\frac|\\right|\\\\| " + _OPERATOR)
_FACTORS = ["y", "sigmoid(x)", "abs(y)", "exp(x)", "relu(x)", "x**2", "atan2(x, y)", "sqrt(y)", "cos(x)", "1/y"]


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(generated.expressions, st.sampled_from(_FACTORS), st.sampled_from(["sin(x)", "log(y)", "sin(x)**2", "tanh(3*x)"]))
@example("x", "sigmoid(x)", "sin(x)")
@example("x", "abs(y)", "log(y)")
def test_a_bare_argument_is_never_followed_by_what_would_join_it(text, factor, function):
    expr = generated.parse(f"({text})*({factor})*{function}")
    tex = latex(expr)
    for m in re.finditer(_OPERATOR + " " + _BARE_ARGUMENT, tex):
        assert _AFTER_BARE.match(tex, m.end()), (tex, tex[m.start():m.end() + 20])


@pytest.mark.parametrize("expr, tex", [
    (sympy.sin(x), r"\sin x"),
    (sympy.sin(2 * x), r"\sin 2 x"),
    (sympy.log(2), r"\ln 2"),
    (sympy.sin(x) ** 2, r"\sin^{2} x"),
    (sympy.sin(x ** 2), r"\sin(x^{2})"),
    (sympy.sin(x) ** 2 * sympy.cos(x), r"\sin^{2} x \cos x"),
    (sympy.log(x + 1), r"\ln(x + 1)"),
    (sympy.log(1 + 1 / x), r"\ln\left(1 + \frac{1}{x}\right)"),
    (sympy.sin(x) * sympy.Abs(x), r"\sin(x) \left|{x}\right|"),  # sin x |x| would read as sin(x|x|)
    (sympy.sin(x) ** x, r"(\sin x)^{x}"),
    (sympy.sin(x) * sigmoid(x), r"\sin(x) \sigma(x)"),
    (sympy.cos(x) / sympy.sin(x) ** 2, r"\frac{\cos x}{\sin^{2} x}"),
    (sympy.asin(x), r"\arcsin x"),
    (sympy.log(x, 10), r"\log_{10} x"),
    (sympy.Function("y")(x), "y(x)"),
    (sympy.Function("F")(x, y), "F(x, y)"),
    (sympy.Matrix([[x, sympy.sin(x)]]), r"\begin{bmatrix}x & \sin x\end{bmatrix}"),
])
def test_textbook_forms(expr, tex):
    assert latex(expr) == tex


def test_json_latex_keeps_sympys_style():
    from symdiff.render.notation import sympy_latex

    assert sympy_latex(sympy.sin(x) * sympy.log(x)) == r"\log{\left(x \right)} \sin{\left(x \right)}"


# --- one matrix environment in every document

_ENVIRONMENT = re.compile(r"\\begin\{(\w*matrix|array)\}")
_DOCUMENTS = [
    ("grad", "x**2*y + sin(y)", "--at", "x=1,y=2", "--dir", "3,4"),
    ("hessian", "x**3*y"),
    ("jacobian", "x*y; x + y; sin(x)"),
    ("tangent", "x**2 + y**2", "--at", "x=1,y=2"),
    ("descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--steps", "3"),
    ("matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"),
    ("backprop", "--loss", "mse"),
]


@pytest.mark.parametrize("fmt", ["latex", "markdown"])
@pytest.mark.parametrize("args", _DOCUMENTS, ids=lambda a: a[0])
def test_every_document_writes_matrices_as_bmatrix(args, fmt):
    out = invoke(*args, "--format", fmt).stdout
    assert set(_ENVIRONMENT.findall(out)) <= {"bmatrix"}, out
    assert r"\left[\begin" not in out


def test_a_standalone_document_takes_a_matrix_of_more_than_ten_columns():
    out = invoke("jacobian", " + ".join(f"x{i}" for i in range(12)), "--format", "latex", "--standalone").stdout
    assert r"\setcounter{MaxMatrixCols}" in out and out.index("MaxMatrixCols") < out.index(r"\begin{document}")


# --- a function of one variable: df/dx, and its gradient is no 1×1 vector

_VECTORS = {"text": "]ᵀ", "latex": r"\begin{bmatrix}", "markdown": r"\begin{bmatrix}", "html": "<mtable"}
_ORDINARY = {"text": "df/dx", "latex": r"\frac{d f}{d x}", "markdown": r"\frac{d f}{d x}",
             "html": "<mfrac><mrow><mi>d</mi><mi>f</mi></mrow><mrow><mi>d</mi><mi>x</mi></mrow></mfrac>"}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", list(_VECTORS))
@pytest.mark.parametrize("extra", [(), ("--no-steps",), ("--at", "x=2", "--dir", "1")], ids=["steps", "bare", "at"])
def test_the_gradient_of_a_function_of_one_variable_is_its_derivative(fmt, lang, extra):
    out = invoke("grad", "x**3 - 3*x", "--format", fmt, "--lang", lang, *extra).stdout
    assert _VECTORS[fmt] not in out, out
    assert _ORDINARY[fmt] in out and "∂" not in out and r"\partial" not in out, out


def test_a_gradient_of_several_variables_is_still_a_vector():
    for fmt, vector in _VECTORS.items():
        assert vector in invoke("grad", "x*y", "--format", fmt).stdout


@pytest.mark.parametrize("args, shown", [
    (("x**3", "x", "x"), r"\frac{d^{2}}{d x^{2}} \left(x^{3}\right)"),
    (("x*y", "y"), r"\frac{\partial}{\partial y} \left(x y\right)"),
])
def test_a_notebook_writes_d_for_one_variable(args, shown):
    from symdiff import partial

    assert shown in partial(*args)._repr_latex_()
