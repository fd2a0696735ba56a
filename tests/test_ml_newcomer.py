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


# --- 4. practice sets exercises a textbook would ------------------------------------------------

from symdiff.features import practice as practice_module  # noqa: E402
from symdiff.scalar.parsing import parse, symbol  # noqa: E402

INVERSE_TRIG = {"asin", "acos", "atan", "acot", "asec", "acsc"}
RULE_SETS = [["chain"], ["inverse_trig", "chain"], ["exp", "chain"], ["trig", "chain"], ["log", "chain"],
             ["inverse_trig", "exp", "chain"], ["general_power"], ["general_power", "exp"],
             ["hyperbolic", "chain", "product"], ["inverse_hyperbolic", "chain"], ["quotient", "trig", "chain"]]


def _functions(expr, names) -> int:
    return sum(1 for node in sympy.preorder_traversal(expr)
               if isinstance(node, sympy.Function) and type(node).__name__ in names)


def _depth(expr, x) -> int:
    """Nested layers counted apart from the module's own count: a function of x, or a power whose base
    is more than x or whose exponent holds x."""
    inner = max((_depth(a, x) for a in expr.args), default=0)
    layer = (isinstance(expr, sympy.Function) and expr.has(x)
             or isinstance(expr, sympy.Pow) and (expr.exp.has(x) or expr.base.has(x) and expr.base != x))
    return inner + layer


def _exponents(expr, x):
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.exp) and node.has(x):
            yield node.args[0]
        elif isinstance(node, sympy.Pow) and node.exp.has(x):
            yield node.exp


@PROPERTY
@given(st.sampled_from(RULE_SETS), st.integers(0, 10_000))
def test_every_exercise_is_of_a_textbook_kind(rules, seed):
    try:
        found = practice_module.practice(rules, count=6, seed=seed)
    except SymdiffError:
        assume(False)
    for e in found.exercises:
        assert _functions(e.expr, INVERSE_TRIG) <= 1, e.expr
        assert _depth(e.expr, e.var) <= 3, e.expr
        for exponent in _exponents(e.expr, e.var):
            assert not any(True for _ in _exponents(exponent, e.var)), e.expr  # no tower
        for n in e.expr.atoms(sympy.Rational):
            assert abs(n.p) <= 100 and n.q <= 12, e.expr


@pytest.mark.parametrize("text", ["asec(-acsc(x^2 - 1))", "3^(2^(3^x))", "acos(acot(x^2 + 1))", "e^(e^x)",
                                  "x^(x^x)", "sin(cos(tan(sin(x))))", "((x^2 + 1)^2 + 1)^(3)^(1/2) * 1234*x",
                                  # a reciprocal inside an inverse function, or the inverse function's own
                                  "7*atan(1/(x^4 + 2))", "3*acos(1/(x^3 - x))", "-7/asin(x^2 - 1)",
                                  "asinh(atanh(x))"])
def test_the_newcomer_s_exercises_are_not_set(text):
    expr = parse(text)
    assert not practice_module.textbook_kind(expr, symbol("x"))


@pytest.mark.parametrize("text", ["asin(x^2)", "exp(x^2 + 1)", "sin(cos(x^2 + 1))", "x^(sin(x))", "3*(2x - 5)^3",
                                  "2^(3x)*sin(x)", "acos(5x + 2)^3"])
def test_textbook_exercises_are_still_set(text):
    expr = parse(text)
    assert practice_module.textbook_kind(expr, symbol("x"))


@pytest.mark.parametrize("rules", ["inverse_trig,chain", "quotient,trig", "chain,product"])
def test_a_worksheet_s_answers_read_as_partial_writes_them(rules):
    """Each answer in the form `partial` gives the same derivative (1 + (5x + 2)², not (5x + 2)² + 1
    on the worksheet and the other from partial)."""
    sheet = invoke("practice", "--rules", rules, "--count", "6", "--seed", "1", "--no-steps").stdout
    questions = re.findall(r"^  \d+\. d/dx \[(.*)\]$", sheet, re.M)
    answers = re.findall(r"^  \d+\. (?!d/dx)(.*)$", sheet, re.M)
    assert len(questions) == len(answers) == 6, sheet
    for question, answer in zip(questions, answers):
        # an answer key's condition beside the answer (", for x > 0") is the sheet's, not partial's
        assert invoke("partial", question, "x", "--no-steps").stdout.strip() == answer.split(", for ")[0], question


@pytest.mark.parametrize("rules", [["inverse_trig", "chain"], ["exp", "chain"], ["chain", "product"]])
def test_the_constraints_still_leave_a_full_set(rules):
    for seed in range(4):
        assert len(practice_module.practice(rules, count=10, seed=seed).exercises) == 10


# --- 1. descend --at holds data fixed -----------------------------------------------------------

LOSS = "(w*x + b - y)**2"


@PROPERTY
@given(st.integers(-5, 5).filter(bool), st.integers(-5, 5), st.integers(-3, 3), st.integers(-3, 3))
def test_descent_with_data_is_descent_on_f_with_the_data_put_in(x, y, w0, b0):
    held = api.descend(LOSS, start=f"w={w0},b={b0}", at=f"x={x},y={y}", steps=8, lr=0.01)
    written = api.descend(f"(w*{x} + b - ({y}))**2", start=f"w={w0},b={b0}", steps=8, lr=0.01)
    assert [s.name for s in held.vars] == ["w", "b"]  # the data are not descended in; the order is --from's
    assert [it.point for it in held.iterations] == [it.point for it in written.iterations]
    # f and ∇f are stated with the data as names, by the variables descended in only
    assert {s.name for s in held.expr.free_symbols} == {"b", "w", "x", "y"}
    assert {s.name: v for s, v in held.data.items()} == {"x": x, "y": y}
    assert len(held.gradient) == 2 and all("x" in {s.name for s in g.free_symbols} for g in held.gradient[1:])


@pytest.mark.parametrize("fmt", ["text", "rich", "markdown", "latex", "html"])
@pytest.mark.parametrize("lang, words", [("en", "held fixed"), ("ko", "고정한 값은")])
def test_the_held_data_are_said_in_every_format(run, fmt, lang, words):
    result = run("descend", LOSS, "--from", "w=0,b=0", "--at", "x=2,y=3", "--steps", "3", "--format", fmt,
                 "--lang", lang)
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if words in line)
    assert "x" in line and "2" in line and "y" in line and "3" in line
    if fmt in ("text", "rich"):
        assert ("With x = 2, y = 3 held fixed" if lang == "en" else "고정한 값은 x = 2, y = 3입니다.") in line


def test_the_record_gives_the_data_as_other_commands_give_a_point(run):
    import json

    (record,) = [json.loads(line) for line in run("descend", LOSS, "--from", "w=0,b=0", "--at", "x=2,y=3",
                                                  "--format", "json").stdout.splitlines()]
    assert record["at"] == {"x": "2", "y": "3"} and record["vars"] == ["w", "b"]  # --from's order
    assert record["gradient_expr"] == ["2*x*(b + w*x - y)", "2*(b + w*x - y)"]
    assert record["final"]["converged"] and abs(record["final"]["value"]) < 1e-12
    (plain,) = [json.loads(line) for line in run("descend", "(w - 1)**2", "--from", "w=0", "--format", "json")
                .stdout.splitlines()]
    assert "at" not in plain  # additive: only with --at


@pytest.mark.parametrize("args, option, words", [
    (["--from", "w=0,b=0"], "--from", "held fixed with --at"),
    (["--from", "w=0,b=0", "--vars", "w,b"], "--vars", "hold each fixed at a value with --at"),
    (["--from", "w=0,b=0", "--at", "x=2,q=1"], "--at", "f has no q to hold fixed"),
    (["--from", "w=0,b=0,x=1", "--at", "x=2,y=3"], "--from", "x is given both a start (--from) and a value"),
    (["--from", "w=0,b=0", "--at", "x=2,y=3,w=1", "--vars", "w,b"], "--at", "w is given both as data"),
])
def test_a_name_without_a_role_says_how_to_give_it(run, args, option, words):
    result = run("descend", LOSS, *args, "--format", "text")
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())
    assert words in said and option in said


def test_the_api_says_at_where_the_command_line_says_minus_minus_at():
    with pytest.raises(SymdiffError) as caught:
        api.descend(LOSS, start="w=0,b=0", vars="w,b")
    assert 'at= (such as at="x=2,y=3")' in caught.value.message and "--" not in caught.value.message


# --- 3. an API error names the API's argument, the command line's the option ---------------------

API_ERRORS = [
    (lambda: api.partial("x*y", "x", at="x=1"), "at=", "--at"),
    (lambda: api.gradient("x*y", at="x=1"), "at=", "--at"),
    (lambda: api.tangent("x*y", at="x=1"), "at=", "--at"),
    (lambda: api.gradient("x*y", vars=["x", "x"]), "vars=", "--vars"),
    (lambda: api.gradient("x*y", direction="1,2,3"), "direction=", "--dir"),
    (lambda: api.gradient("x*y", direction="0,0"), "direction=", "--dir"),
    (lambda: api.gradient("x*y", steps=["q"]), "steps=", "--var"),
]


@pytest.mark.parametrize("call, argument, option", API_ERRORS)
def test_an_api_error_names_the_api_argument(call, argument, option):
    with pytest.raises(SymdiffError) as caught:
        call()
    assert argument in caught.value.message and option not in caught.value.message


@pytest.mark.parametrize("args, option", [
    (["partial", "x*y", "x", "--at", "x=1"], "--at"), (["grad", "x*y", "--vars", "x,x"], "--vars"),
    (["grad", "x*y", "--dir", "1,2,3"], "--dir"), (["grad", "x*y", "--var", "q"], "--var"),
])
def test_the_command_line_still_names_the_option(run, args, option):
    result = run(*args, "--format", "text")
    assert result.exit_code in (1, 2) and option in result.output
    assert f"{option.lstrip('-')}=" not in result.output.replace(f"{option} ", "")


@PROPERTY
@given(st.lists(st.sampled_from("xyzw"), min_size=1, max_size=3, unique=True), st.sampled_from("xyzw"))
def test_a_missing_value_at_a_point_names_at_equals(names, missing):
    assume(missing not in names)
    point = ",".join(f"{n}=1" for n in names)
    with pytest.raises(SymdiffError) as caught:
        api.gradient("*".join(names + [missing]), at=point)
    assert f"no value given for {missing} (add it to at=)" in caught.value.message
