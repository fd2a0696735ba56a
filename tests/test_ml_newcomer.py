"""Issue 16, what a newcomer ML student tripped over: `descend --at` holds data fixed; in a function of
several variables every derivative is a partial ∂, even where one variable drops out of f; the Python
API's errors name its own arguments; `practice` sets exercises a textbook would."""

from __future__ import annotations

import re

import pytest
import sympy
from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_invariant import expressions

from symdiff import api
from symdiff.core.errors import SymdiffError

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
CLI_PROPERTY = settings(PROPERTY, max_examples=12)
HUMAN = ["text", "rich", "markdown", "latex", "html"]

# An ordinary derivative, as each human format writes it: d/dx, df/dx, \frac{d}{d x}, MathML's <mi>d</mi>.
ORDINARY = re.compile(r"\bd[a-zA-Z₀-₉]*/d[a-z]|\\frac\{d\w*\}\{d |\\frac\{d\^|<mi>d</mi>")


def _read(text: str) -> sympy.Expr:
    try:
        return api.partial(text, "x").expr
    except SymdiffError:
        assume(False)


# --- 2. in a function of several variables, every derivative is ∂ ----------------------------

def _partial_nodes(step, var) -> list:
    """The nodes that differentiate by the function's own variable (a chain's d/du is a function of u alone)."""
    return [node for node in step.walk() if node.var == var]


@PROPERTY
@given(expressions, st.sampled_from(["x,y", "x,z", "y,x,z"]))
def test_every_step_of_a_gradient_by_several_variables_is_partial(text, order):
    # x alone, or x and y, in f: the gradient is still by every variable given, so each is ∂
    _read(text)
    try:
        grad = api.gradient(text, vars=order.split(","))
    except SymdiffError:
        assume(False)
    for d in grad.partials:
        nodes = _partial_nodes(d.step, d.var)
        assert nodes and all(node.partial for node in nodes), (text, d.var)
        # a parameter of f (y beside --vars x,z) is held constant too, as before
        wanted = ({s.name for s in grad.expr.free_symbols} | set(order.split(","))) - {d.var.name}
        assert {s.name for s in d.held} == wanted


@PROPERTY
@given(expressions)
def test_a_function_of_one_variable_keeps_d(text):
    f = _read(text)
    assume(f.free_symbols == {sympy.Symbol("x")} or {s.name for s in f.free_symbols} == {"x"})
    grad = api.gradient(text)
    assert not any(node.partial for node in grad.partials[0].step.walk())


@pytest.mark.parametrize("fmt", HUMAN)
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("args", [
    ("grad", "x**2", "--vars", "x,y"),           # y drops out
    ("grad", "x*y*z", "--vars", "x,z"),          # y a parameter
    ("grad", "sin(x) + 0*y", "--vars", "x,y"),
    ("hessian", "x**3", "--vars", "x,y"),
    ("jacobian", "x; x**2", "--vars", "x,y"),
    ("partial", "x**2", "x", "--vars", "x,y"),
])
def test_no_ordinary_derivative_in_a_function_of_several_variables(run, fmt, lang, args):
    result = run(*args, "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    body = "\n".join(line for line in result.stdout.splitlines() if not line.startswith("%"))  # LaTeX comments
    assert not ORDINARY.search(body), ORDINARY.search(body)
    assert "∂" in body or r"\partial" in body


@pytest.mark.parametrize("fmt", HUMAN)
def test_a_function_of_one_variable_still_writes_d(run, fmt):
    result = run("grad", "x**2", "--format", fmt)
    assert ORDINARY.search(result.stdout)


def test_the_partial_of_x_squared_holds_the_declared_variable_constant(run):
    result = run("grad", "x**2", "--vars", "x,y", "--format", "text")
    assert "∂f/∂x, holding y constant:" in result.stdout
    assert "df/dx" not in result.stdout and "d/dx" not in result.stdout
