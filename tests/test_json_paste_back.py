"""JSON's expression strings paste back into SymPy as symdiff's own expressions (README, JSON), with the
record's `symbols`, whatever the variables are called: names SymPy reads otherwise on its own (I, S,
N, O, Q, beta, gamma, zeta), Python keywords (lambda, in, True) and the names of the code SymPy's
reader writes (Symbol, Integer, Float)."""

from __future__ import annotations

import json

import pytest
import sympy
from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import symdiff
from symdiff.core.errors import LimitError
from symdiff.render.json import record

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Every name here is a variable to symdiff; each means something else to SymPy or to Python.
UNUSUAL = ["lambda", "I", "S", "N", "O", "Q", "beta", "gamma", "zeta", "Symbol", "Integer", "Float",
           "Function", "Rational", "Lambda", "oo", "nan", "in", "if", "True", "None", "sigma"]
ORDINARY = ["x", "y", "w0"]
names = st.sampled_from(UNUSUAL + ORDINARY)

leaves = st.one_of(names, st.integers(1, 5).map(str))
expressions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda p: f"({p[0]}) + ({p[1]})"),
        st.tuples(inner, inner).map(lambda p: f"({p[0]})*({p[1]})"),
        st.tuples(inner, st.integers(2, 3)).map(lambda p: f"({p[0]})^{p[1]}"),
        inner.map(lambda a: f"sin({a})"),
        inner.map(lambda a: f"exp({a})"),
        inner.map(lambda a: f"log(({a})^2 + 1)"),
        inner.map(lambda a: f"sqrt(({a})^2 + 1)"),
        st.tuples(inner, inner).map(lambda p: f"({p[0]})/(({p[1]})^2 + 1)"),
    ),
    max_leaves=6,
)


def pasted(rec: dict, text: str) -> sympy.Expr:
    """The README's recipe: each string read by SymPy with the record's `symbols` as locals."""
    names = {k: sympy.Symbol(v, real=True) for k, v in rec["symbols"].items()}
    return sympy.sympify(text, locals=names)


def same(back: sympy.Expr, ours: sympy.Expr) -> bool:
    if {s.name for s in back.free_symbols} != {s.name for s in ours.free_symbols}:
        return False  # a name SymPy took as its own (I as the imaginary unit) is gone from free_symbols
    return back == ours or sympy.simplify(back - ours) == 0


def _steps(tree):
    yield tree
    for sub in tree["substeps"]:
        yield from _steps(sub)


@SETTINGS
@given(text=expressions, var=names, data=st.data())
def test_a_partial_record_pastes_back_whatever_the_names(text, var, data):
    try:
        result = symdiff.partial(f"({text})*{var}", var)  # var occurs, so the derivative is not always 0
    except LimitError:  # exp(exp(2³)) has more digits than a value may: refused, rightly, and not the point here
        assume(False)
    rec = json.loads(json.dumps(record(result)))
    assert same(pasted(rec, rec["expr"]), result.expr)
    assert same(pasted(rec, rec["result"]), result.result)
    # and each step, so that its claim d(expr)/d(var) = result can be checked in SymPy
    steps = list(_steps(rec["steps"][0]))
    step = data.draw(st.sampled_from(steps))
    expr, result_ = pasted(rec, step["expr"]), pasted(rec, step["result"])
    by = pasted(rec, step["var"])
    assert sympy.simplify(sympy.diff(expr, by) - result_) == 0


@SETTINGS
@given(text=expressions)
def test_a_gradient_record_pastes_back_whatever_the_names(text):
    try:
        result = symdiff.gradient(f"({text})*x + y")
    except LimitError:  # a generated constant too large to hold: refused, rightly
        assume(False)
    rec = json.loads(json.dumps(record(result)))
    assert set(rec["symbols"].values()) >= {v.name for v in result.vars}
    for written, ours in zip(rec["gradient"], result.gradient):
        assert same(pasted(rec, written), ours)
    assert [pasted(rec, v) for v in rec["vars"]] == list(result.vars)


@pytest.mark.parametrize("name", ["lambda", "in", "True", "Symbol", "Integer", "Float"])
def test_a_name_sympy_cannot_read_is_written_with_an_underscore(name):
    out = invoke("partial", "--format", "json", "-", "x", input=f"{name}**2*x + 2\n")
    assert out.exit_code == 0, out.output
    rec = json.loads(out.stdout)
    assert rec["expr"] == f"{name}_**2*x + 2" and rec["result"] == f"{name}_**2"
    assert rec["held_constant"] == [[f"{name}_"]]
    assert rec["symbols"] == {f"{name}_": name, "x": "x"}
    assert pasted(rec, rec["result"]) == sympy.Symbol(name, real=True) ** 2


@pytest.mark.parametrize("name", ["I", "S", "N", "beta", "gamma", "zeta", "Q", "O"])
def test_a_name_sympy_reads_otherwise_is_written_as_it_is(name):
    """Graders match on these values: only `symbols` is new."""
    out = invoke("partial", "--format", "json", "-", "x", input=f"{name}**2*x\n")
    assert out.exit_code == 0, out.output
    rec = json.loads(out.stdout)
    assert rec["result"] == f"{name}**2" and rec["symbols"] == {name: name, "x": "x"}
    assert pasted(rec, rec["result"]) == sympy.Symbol(name, real=True) ** 2
    assert _bare(rec["result"]) != sympy.Symbol(name, real=True) ** 2  # why the recipe has locals


def _bare(text: str):
    """sympify without the record's symbols: SymPy's own reading, or None where it cannot read it (S**2)."""
    try:
        return sympy.sympify(text)
    except (sympy.SympifyError, TypeError):
        return None


def test_ordinary_records_keep_their_values_and_list_names_in_natural_order():
    out = invoke("grad", "w10*w2 + sin(w1)", "--format", "json")
    rec = json.loads(out.stdout)
    assert rec["gradient"] == ["cos(w1)", "w10", "w2"]
    assert list(rec["symbols"]) == ["w1", "w2", "w10"]


@pytest.mark.parametrize("name", ["lambda", "in", "if", "True"])
def test_a_written_alias_reads_back_in_symdiff_as_its_variable(name):
    """The contract: every JSON string reads back in symdiff's parser. lambda_ (JSON's spelling of the
    variable lambda, for SymPy's sake) is read as lambda; lambda_ typed with no variable lambda behind
    it is the same variable, since a typed name may not end in an underscore."""
    from symdiff.scalar.parsing import parse

    assert parse(f"{name}_**2*x + 3*{name}_", [name, "x"]) == parse(f"{name}**2*x + 3*{name}", [name, "x"])
