"""log_b u as a textbook differentiates it (a Korean 미적분 textbook uses log₂ and log₁₀ throughout): one
function whose derivative is 1/(u ln b)·u′, a factor h = log₂ x in a product rule, never ln u times a
constant 1/ln b that the reader never wrote, and named log_b u in every line and note, though SymPy holds
it as ln u/ln b."""

from __future__ import annotations

import re

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import check_tree, invoke
from symdiff import api
from symdiff.core.formula import log_to_base
from symdiff.render.notation import unicode
from symdiff.scalar.rules import ConstantMultipleRule, LogRule

PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

BASES = st.sampled_from([2, 3, 10])
INNER = st.sampled_from(["x", "x^2 + 1", "2*x + 3", "x^3 + x + 1", "exp(x) + 1"])
# how log_b u sits in f: times a power, over one, squared, beside a second logarithm, in a sum
SETTINGS = st.sampled_from(["x*{L}", "x^2*{L}", "{L}/x", "{L}^2", "3*{L}", "exp(x)*{L}", "{L}*sin(x)",
                            "{L}/(x^2 + 1)", "{L} + x^2", "sqrt(x)*{L}", "{L}*log(x + 4, {b})"])
# (a second logarithm to the same base: to another base, which of the two has which base is not known once
# SymPy holds f as ln u·ln v/(ln b·ln c), and f is written with ln; see the last test)
SUBSCRIPT = {2: "₂", 3: "₃", 10: "₁₀"}


def _ln_over_ln(text: str) -> bool:
    """ln u/ln b written out where log_b u is meant."""
    return re.search(r"ln\((?:[^()]|\([^()]*\))*\)/ln\(", text) is not None


@PROPERTY
@given(SETTINGS, INNER, BASES)
def test_a_logarithm_to_a_base_is_differentiated_as_written(setting, inner, base):
    text = setting.format(L=f"log({inner}, {base})", b=base)
    result = api.partial(text, "x")
    (step,) = result.steps
    check_tree(step)
    b = sympy.Integer(base)
    for node in step.walk():
        # the change of base is never a hidden constant factor 1/ln b
        if isinstance(node, ConstantMultipleRule):
            assert not node.constant.has(sympy.log(b)), (text, node.constant)
    # log_b u has its own step, the log rule to base b (d/du log_b u = 1/(u ln b))
    assert any(isinstance(node, LogRule) and node.base == b for node in step.walk()), text
    # and every line that shows it names it log_b
    for node in step.walk():
        assert not _ln_over_ln(unicode(node.expr)), (text, unicode(node.expr))
    shown = invoke("partial", text, "x").stdout
    assert f"log{SUBSCRIPT[base]}(" in shown.splitlines()[0] and not _ln_over_ln(shown), (text, shown)


@PROPERTY
@given(SETTINGS, BASES)
def test_a_domain_note_names_the_logarithm_the_reader_wrote(setting, base):
    text = setting.format(L=f"log(x - 1, {base})", b=base)
    named = {unicode(n.values["log"]) for n in api.partial(text, "x").warnings if n.kind == "log_domain"}
    assert f"log{SUBSCRIPT[base]}(x − 1)" in named and not any(n.startswith("ln") for n in named), (text, named)


def test_a_bare_ln_beside_the_same_logarithm_to_a_base_is_named_ln():
    # ln x·√x + log₁₀ x: "ln x is defined only where x > 0" is the note, true of both
    (note,) = [n for n in api.partial("log(x)*sqrt(x) + log(x, 10)", "x").warnings if n.kind == "log_domain"]
    assert unicode(note.values["log"]) == "ln(x)"


def test_x_log2_x_ends_as_a_textbook_leaves_it():
    # y = x log₂ x, y′ = log₂ x + x·1/(x ln 2) = log₂ x + 1/ln 2, not (ln x + 1)/ln 2
    assert unicode(api.partial("x*log(x, 2)", "x").result) == "log₂(x) + 1/ln(2)"


def test_logarithms_share_a_base_power_only_where_the_pairing_is_not_a_guess():
    x, y = sympy.symbols("x y")
    ln = sympy.log
    assert log_to_base(ln(x) ** 2 / ln(2) ** 2) == ([], [(x, 2, 2)])
    assert log_to_base(ln(x) * ln(y) / ln(2) ** 2) == ([], [(x, 2, 1), (y, 2, 1)])
    rest, pairs = log_to_base(ln(x) ** 2 / (ln(2) * ln(3)))
    assert rest == [] and sorted(b for _, b, _ in pairs) == [2, 3]
    # 2 ln x/(x (ln 2)²) is 2 log₂ x/(x ln 2): a power of 1/ln 2 left over stays a factor
    rest, pairs = log_to_base(2 * ln(x) / (x * ln(2) ** 2))
    assert pairs == [(x, 2, 1)] and sympy.Mul(*rest) == 2 / (x * ln(2))
    # ln x·ln y/ln 2 is log₂ x·ln y or ln x·log₂ y, ln x·ln y/(ln 2·ln 3) log₂ x·log₃ y or log₃ x·log₂ y:
    # which one the reader wrote is not known
    assert log_to_base(ln(x) * ln(y) / ln(2)) is None
    assert log_to_base(ln(x) * ln(y) / (ln(2) * ln(3))) is None
    assert unicode(ln(x) ** 2 / ln(2) ** 2) == "(log₂(x))²"
