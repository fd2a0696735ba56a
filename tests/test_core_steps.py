"""The step both engines build on (`symdiff.core.steps`) and its explanation (`symdiff.core.messages.explain`).

The scalar rules and the matrix rules are data classes over one base: their substeps are the fields
that hold steps, one walk visits every node (so the honest-step checks, which walk, see every node),
one `to_dict` writes the contract's STEP object, and one lookup finds the words.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import ClassVar

import pytest
import sympy
from helpers import check_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff import Step as PublicStep
from symdiff import derive, explain
from symdiff.core import steps as core
from symdiff.core.messages import language
from symdiff.matrix import differential as D
from symdiff.matrix import matrix_derivative
from symdiff.matrix.api import check_steps, step_dict
from symdiff.matrix.printing import latex as matrix_latex
from symdiff.matrix.printing import text as matrix_text
from symdiff.matrix.printing import unicode as matrix_unicode
from symdiff.render.notation import plain
from symdiff.scalar import rules as R
from symdiff.scalar.steps import RULE_NAMES

MATRIX_SHAPES = {"x": ("n", 1), "y": ("n", 1), "A": ("n", "n"), "X": ("n", "n"), "s": (1, 1)}
# Between them, every differential rule of the matrix engine (test_every_matrix_rule_is_exercised).
MATRIX_CASES = [
    ("x.T*A*x + 3", "x"), ("trace(A*X) + sum(X) + s**2", "X"), ("det(X) + logdet(X)", "X"),
    ("trace(inv(X)*A)", "X"), ("norm(x) + norm1(x)", "x"), ("sum(hadamard(x, exp(A*x)))", "x"),
    ("sum(tanh(x))", "x"), ("trace(X**3)", "X"), ("sum(diag(X)) + trace(X.T*A)", "X"), ("x*s", "s"),
    ("x.T*(A + A.T)*y", "x"), ("trace(A)", "x"), ("y.T*softmax(x)", "x"),
]


def _rule_classes(module):
    return [cls for cls in vars(module).values() if inspect.isclass(cls) and issubclass(cls, core.Step)]


def _held_steps(step):
    """The steps a rule holds, found by looking through all its attributes, whatever they are called
    and however they are held (alone, in a tuple or list, in a dict): independent of `substeps`."""
    out = []
    for name, value in vars(step).items():
        if name == "result":
            continue
        items = value.values() if isinstance(value, dict) else value if isinstance(value, (tuple, list)) else (value,)
        out.extend(v for v in items if isinstance(v, core.Step))
    return out


def _preorder(step):
    yield step
    for sub in step.substeps:
        yield from _preorder(sub)


def _assert_walk_is_the_tree(root):
    walked = list(root.walk())
    assert [id(s) for s in walked] == [id(s) for s in _preorder(root)]
    for step in walked:
        assert {id(s) for s in step.substeps} == {id(s) for s in _held_steps(step)}, (step.rule, step)


def _flatten(record):
    yield record
    for sub in record["substeps"]:
        yield from _flatten(sub)


# ---------------------------------------------------------------- one base


def test_both_engines_rules_are_the_shared_step():
    scalar, matrix = _rule_classes(R), _rule_classes(D)
    assert R.ChainRule in scalar and D.ChainRule in matrix and D.MatrixStep in matrix
    assert all(issubclass(cls, PublicStep) for cls in scalar)
    assert not any(issubclass(cls, PublicStep) for cls in matrix)  # `symdiff.Step` is the scalar engine's
    for cls in scalar + matrix:
        for name in ("walk", "to_dict", "result"):
            assert getattr(cls, name) is getattr(core.Step, name), (cls, name)
    assert {cls.rule for cls in scalar} <= set(RULE_NAMES)


def test_a_rules_substeps_are_the_fields_that_hold_steps_in_their_order():
    @dataclass(eq=False)
    class Toy(core.Step):
        first: core.Step | None = None
        count: int = 0
        label: tuple = ("a", "b")
        many: tuple = ()
        last: core.Step | None = None
        rule: ClassVar[str] = "toy"

    a, b, c, d = (core.Step(name, "x") for name in "abcd")
    assert Toy("e", "x", a, 2, ("p",), (b, c), d).substeps == (a, b, c, d)
    assert Toy("e", "x", None, 2, ("p",), (), d).substeps == (d,)  # None and an empty tuple hold none
    assert Toy("e", "x").substeps == ()
    toy = Toy("e", "x", a, many=(b, Toy("f", "x", c)), last=d)
    assert [s.expr for s in toy.walk()] == ["e", "a", "b", "f", "c", "d"]


leaves = st.sampled_from(["x", "x", "y", "2", "pi"])
expressions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"({t[0]}) {t[1]} ({t[2]})"),
        st.tuples(st.sampled_from(["sin", "exp", "log", "sqrt", "atan", "abs", "relu"]), inner)
        .map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(inner, st.sampled_from(["2", "-1", "1/2", "x"])).map(lambda t: f"({t[0]})^({t[1]})"),
        st.tuples(inner, inner).map(lambda t: f"atan2({t[0]}, {t[1]})"),
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_a_scalar_walk_visits_every_step_and_every_step_is_honest(text):
    from symdiff.core.errors import SymdiffError

    try:
        step = derive(text, "x")
    except SymdiffError as exc:  # 1/(x - x), (-2)^x: refused, rightly (test_invariant.py says why)
        assert exc.type == "domain", exc
        return
    _assert_walk_is_the_tree(step)
    check_tree(step)  # the invariant, on every node the shared walk yields
    record = step.to_dict(explain, plain)
    assert [(r["rule"], r["expr"]) for r in _flatten(record)] == [(s.rule, plain(s.expr)) for s in step.walk()]


@pytest.mark.parametrize("source, wrt", MATRIX_CASES)
def test_a_matrix_walk_visits_every_step_and_every_step_is_honest(source, wrt):
    result = matrix_derivative(source, wrt, MATRIX_SHAPES)
    for root in result.steps:
        _assert_walk_is_the_tree(root)
    checks = check_steps(result)
    assert len(checks) == len(list(result.steps[0].walk()))
    for step, agreement in checks:
        assert agreement.points > 0 and agreement.ok, (step.rule, matrix_text(step.expr), agreement)


def test_every_matrix_rule_is_exercised():
    seen = {s.rule for source, wrt in MATRIX_CASES for s in matrix_derivative(source, wrt, MATRIX_SHAPES).steps[0].walk()}
    assert seen == set(D.MATRIX_RULES) - {"read_off"}


# ---------------------------------------------------------------- one record, one lookup


def test_both_engines_write_the_same_step_record():
    scalar = derive("x*sin(x^2)", "x").to_dict(explain, plain)
    result = matrix_derivative("x.T*A*x", "x", MATRIX_SHAPES)
    matrix = result.to_dict()["steps"][0]
    keys = ["rule", "expr", "var", "result", "explanation", "substeps"]
    assert all(list(r) == keys for r in (*_flatten(scalar), *_flatten(matrix)))
    tree = result.steps[0]
    assert matrix == tree.to_dict(explain, matrix_text) == step_dict(tree, matrix_text)
    assert [r["var"] for r in _flatten(matrix)] == ["x"] * len(list(tree.walk()))
    assert scalar["substeps"][1]["substeps"][0]["var"] == "u"  # the chain rule's own variable


def test_the_words_of_a_step_print_its_values_with_the_renderers_printer():
    tree = matrix_derivative("x.T*A*x", "X", {**MATRIX_SHAPES, "A": ("n", "n"), "X": ("n", "n")}).steps[0]
    assert tree.rule == "constant"
    shown = {printer: explain(tree, printer, "en") for printer in (matrix_text, matrix_unicode, matrix_latex)}
    assert shown[matrix_text].startswith("x.T*A*x does not depend on X")
    assert shown[matrix_unicode].startswith("xᵀAx does not depend on X")
    assert shown[matrix_latex].startswith(matrix_latex(tree.expr) + " does not depend on X")
    linear = next(s for s in matrix_derivative("x.T*A*x", "A", MATRIX_SHAPES).steps[0].walk() if s.rule == "linear")
    assert "xᵀ" in explain(linear, matrix_unicode, "en") and "x.T" not in explain(linear, matrix_unicode, "en")
    with language("ko"):
        assert explain(linear, matrix_text) == explain(linear, matrix_text, "ko") != explain(linear, matrix_text, "en")


def test_a_steps_words_are_found_by_its_key_in_either_engine():
    scalar = derive("2^x", "x")
    assert scalar.message == "exp.base" and explain(scalar).startswith("exponential rule: d/dx aˣ")
    X = D.E.Sym("X", ("n", "n"))
    entries = D.EntriesRule(D.E.call("sum", X), X, D.IdentityRule(X, X))
    assert entries.rule == "linear" and entries.message == "matrix.entries"
    assert explain(entries, matrix_text, "en") == "sum of entries is linear: d sum(A) = sum(dA)"
    scalar_values = scalar.values("en")
    assert set(scalar_values) == {"expr", "var", "result", "d", "base", "formula", "a_is"} and scalar_values["base"] == 2
    assert entries.values("en")["identity"] == "sum(dA)" and entries.values("en")["expr"] == entries.expr


def test_a_step_whose_key_is_not_in_the_catalogue_falls_back_to_its_family():
    step = R.TrigRule(sympy.sin(sympy.Symbol("x")), sympy.Symbol("x"))
    assert step.message == "trig.sin" and explain(step) == "trigonometric rule: d/dx sin(x) = cos(x)"
