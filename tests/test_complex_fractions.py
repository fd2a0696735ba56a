"""A quotient rule's answer is never left a fraction inside a fraction (번분수, a complex fraction), which a
textbook always clears (read-12): d/dx arctan(x)/x is (x − (x² + 1) arctan x)/(x²(x² + 1)), not
(x/(1 + x²) − arctan x)/x². Checked over generated quotients of the functions whose derivatives are
fractions, by the structure of the answer: no product with a denominator holds a sum with a term that
has one."""

from __future__ import annotations

import sympy
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from symdiff import api

PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

NUMERATORS = ["atan(x)", "acot(x)", "asin(x)", "acos(x)", "log(x)", "log(x^2 + 1)", "asinh(x)", "atan(2*x)"]
DENOMINATORS = ["x", "x^2 + 1", "x + 2", "x^3", "2*x - 1"]


def _has_a_denominator(term) -> bool:
    return any(f.is_Pow and f.exp.is_negative for f in sympy.Mul.make_args(term))


def _fraction_inside_a_fraction(expr) -> bool:
    for node in sympy.preorder_traversal(expr):
        if node.is_Mul and _has_a_denominator(node):
            for factor in node.args:
                base = factor.base if factor.is_Pow and factor.exp.is_positive else factor
                if base.is_Add and any(_has_a_denominator(t) for t in base.args):
                    return True
    return False


@PROPERTY
@given(st.sampled_from(NUMERATORS), st.sampled_from(DENOMINATORS))
def test_a_quotient_rule_answer_is_no_complex_fraction(numerator, denominator):
    text = f"{numerator}/({denominator})"
    result = api.partial(text, "x")
    note(f"{text}: {result.result}")
    assert not _fraction_inside_a_fraction(result.result), (text, result.result)
    # and it is the same function as the steps' result
    x = next(iter(result.result.free_symbols))
    for point in (sympy.Rational(1, 3), sympy.Rational(3, 7)):
        raw = result.derivations[0].step.result
        assert abs(sympy.N((result.result - raw).subs(x, point), 30)) < 1e-20, (text, point)


def test_the_read12_examples():
    x = sympy.Symbol("x", real=True)
    assert _fraction_inside_a_fraction((x / (1 + x**2) - sympy.atan(x)) / x**2)
    for text in ("atan(x)/x", "acsc(x)/(x^2 + 1)", "acot(x)/x"):
        assert not _fraction_inside_a_fraction(api.partial(text, "x").result), text
