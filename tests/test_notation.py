"""Printing inside steps: large expressions are abbreviated, never the final result."""

from __future__ import annotations

import json

import sympy
from helpers import GENEROUS_TIMEOUT
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff.api import partial
from symdiff.app.cli import app
from symdiff.render.notation import ELLIPSIS, STEP_EXPR_NODES, abbreviated, plain, truncated
from symdiff.scalar.parsing import parse


def nested(depth: int) -> str:
    e = "x"
    for _ in range(depth):
        e = f"x*sin(x + {e})"
    return e


def size(expr) -> int:
    return sum(1 for _ in sympy.preorder_traversal(expr))


def test_small_expressions_are_untouched():
    for text in ("3*x**2*y**4", "sin(x)/x + exp(-x**2)", nested(3)):
        expr = parse(text)
        assert truncated(expr) is expr
        assert abbreviated(plain)(expr) == plain(expr)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=6, max_value=40))
def test_large_expressions_are_cut_to_the_limit(depth):
    # symdiff's own tree (sympy.diff takes minutes at depth 40: the swell the abbreviation is for)
    expr = partial(nested(depth), "x").derivations[0].step.result
    cut = truncated(expr)
    assert size(cut) <= STEP_EXPR_NODES
    if size(expr) > STEP_EXPR_NODES:
        assert cut.has(ELLIPSIS)
        assert type(cut) is type(expr)  # the top of the tree is kept


def test_depth_40_text_view_is_abbreviated_and_the_result_whole():
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": None, "TERM": "dumb"})
    # Depth 40 takes seconds, more on a busy machine: the default 10 s limit is not the test's subject.
    result = runner.invoke(app, ["partial", nested(40), "x", "--at", "x=0.5", "--timeout", GENEROUS_TIMEOUT],
                           catch_exceptions=False)
    assert result.exit_code == 0
    out = result.stdout
    assert "…" in out
    assert len(out) < 500_000
    final = next(line for line in out.splitlines() if line.startswith("df/dx = "))
    assert "…" not in final
    assert "At x = 1/2: df/dx ≈ 1.59433" in out


def test_depth_40_json_omits_the_steps_and_keeps_the_result():
    runner = CliRunner()
    result = runner.invoke(app, ["partial", nested(40), "x", "--at", "x=0.5", "--format", "json",
                                 "--timeout", GENEROUS_TIMEOUT], catch_exceptions=False)
    record = json.loads(result.stdout)
    assert record["steps"] == [] and "steps_omitted" in record
    x = sympy.Symbol("x", real=True)
    # exact .subs would build ever-larger exact numbers here; evaluate in floats
    value = sympy.lambdify(x, parse(record["result"]), "math")(0.5)
    assert abs(value - record["value"]) < 1e-9


_STEP_ARGS = st.recursive(
    st.sampled_from(["x", "theta", "x - 1", "2*theta", "y"]),
    lambda inner: st.one_of(st.builds(lambda u: f"Heaviside({u})", inner),
                            st.builds(lambda u, v: f"({u})*({v})", inner, inner),
                            st.builds(lambda u, v: f"({u}) - ({v})", inner, inner)),
    max_leaves=4)


@settings(max_examples=40, deadline=None)
@given(_STEP_ARGS)
def test_json_latex_never_sets_the_unit_step_as_theta(text):
    # SymPy's LaTeX writes Heaviside(x) as \theta(x): beside a variable theta, θ·θ(x) reads as a
    # product of two thetas. JSON's latex writes H(x), as every other view does, and \theta only
    # for the variable.
    record = json.loads(invoke_json(text))
    result, tex = sympy.parse_expr(record["result"]), record["latex"]  # symdiff's own output, read back
    assert (r"\theta" in tex) == (sympy.Symbol("theta") in result.free_symbols), (text, tex)
    assert (r"H\left(" in tex) == result.has(sympy.Heaviside), (text, tex)


def invoke_json(text: str) -> str:
    result = CliRunner().invoke(app, ["partial", text, "x", "--format", "json",
                                      "--timeout", str(GENEROUS_TIMEOUT)])
    return result.stdout
