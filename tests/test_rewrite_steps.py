"""Issue 16: "a rewrite step must change something the reader sees".

`partial "1/x" x` wrote the rewrite 1/x¹ = x⁻¹, and a root's power-rule substep repeated the line
d/dx ∛x of the rewrite above it (SymPy holds ∛x and x^(1/3) as one expression). Over generated
expressions: no step has a substep whose line (expression and result) prints as its own does, and each
rewrite's two sides print differently, in every human notation; the teacher's examples are cases.
"""

from __future__ import annotations

import pytest
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_invariant import expressions
from test_invariant import parse as parse_or_reject

from symdiff.core.errors import DomainError
from symdiff.render.notation import latex, mathml, plain, unicode
from symdiff.scalar.formulas import stated
from symdiff.scalar.parsing import symbol
from symdiff.scalar.rules import derive

x = symbol("x")
PRINTERS = (plain, unicode, latex, mathml)

_powers = st.tuples(st.sampled_from(["x", "x^2 + 1", "sin(x)", "x*y"]),
                    st.sampled_from(["1/2", "1/3", "-1", "-2", "-1/2", "2/3", "3/4"]),
                    st.sampled_from(["", "3*", "log(x)*", "y + "])).map(lambda t: f"{t[2]}({t[0]})^({t[1]})")


def _tree(text):
    try:
        return derive(parse_or_reject(text), x)
    except DomainError:
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(_powers, expressions, st.sampled_from(["1/x", "x^(1/3)", "cbrt(x)", "sqrt(x)", "1/x^2", "sinc(x)"])))
def test_no_step_repeats_its_parents_line_and_every_rewrite_changes_what_is_printed(text):
    tree = _tree(text)
    if tree is None:
        return
    for step in tree.walk():
        for sub in step.substeps:
            assert not (sub.expr == step.expr and sub.var == step.var and sub.result == step.result), \
                (text, step.rule, sub.rule, step.expr)
        if step.rule == "rewrite":
            lhs, rhs = stated(step)["formula"].args
            for printer in PRINTERS:
                assert printer(lhs) != printer(rhs), (text, printer, lhs)
            if step.substep is None:  # the power rule in the same step: honest by itself
                n = step.rewritten.as_base_exp()[1]
                assert step.result == n * step.var ** (n - 1)


@pytest.mark.parametrize("text, shown, absent", [
    ("1/x", "1/x = x⁻¹", "x¹"),
    ("x^(1/3)", "∛x = x¹⁄³", "1.1."),
    ("cbrt(x)", "∛x = x¹⁄³", "1.1."),
])
def test_the_teachers_examples(text, shown, absent):
    result = invoke("partial", text, "x")
    assert result.exit_code == 0, result.output
    assert shown in result.stdout and absent not in result.stdout, result.stdout
    assert result.stdout.count("d/dx [") == 1, result.stdout
