"""A sum as typed (InOrder: the lines that clear a denominator, an implicit equation's sides) keeps its
brackets behind a minus sign in LaTeX as in the text view: −(x² − 1) + x², not − x² − 1 + x², which is
another number (read-12 found the Markdown of x/√(1 − x²) showing a numerator of −1 that then became 1).
Checked over generated expressions by the signs and brackets each view writes, in order."""

from __future__ import annotations

import re

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.render.notation import InOrder, latex, unicode

PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

x, y = sympy.symbols("x y", real=True)
LEAVES = st.sampled_from([x, y, x**2, y**3, sympy.Integer(3), 2 * x])  # (no function: \\sin x has no bracket)


def _typed_sum(terms):
    return InOrder(sympy.Add(*terms, evaluate=False))


def _negated(e):
    return sympy.Mul(-1, e, evaluate=False)


EXPRS = st.recursive(
    LEAVES,
    # (a negated sum, never a negated negation: the lines hold no −(−u))
    lambda inner: st.lists(inner, min_size=2, max_size=3).map(_typed_sum).flatmap(
        lambda total: st.sampled_from([total, _negated(total)])),
    max_leaves=8,
)


def _signs_and_brackets(text: str) -> list[str]:
    text = text.replace(r"\left(", "(").replace(r"\right)", ")").replace("−", "-")
    text = re.sub(r"\^\{[^{}]*\}|[⁰¹²³⁴⁵⁶⁷⁸⁹]", "", text)  # exponents hold no sign here
    return re.findall(r"[-+()]", text)


@PROPERTY
@given(st.lists(EXPRS, min_size=2, max_size=3), st.lists(st.booleans(), min_size=3, max_size=3))
def test_latex_writes_the_signs_and_brackets_the_text_view_writes(terms, negate):
    expr = _typed_sum([_negated(t) if flip and not t.could_extract_minus_sign() else t
                       for t, flip in zip(terms, negate)])
    assert _signs_and_brackets(latex(expr)) == _signs_and_brackets(unicode(expr)), (latex(expr), unicode(expr))


def test_a_negated_typed_sum_is_bracketed_alone_and_inside_a_sum():
    inner = _typed_sum([x**2, -1])
    assert latex(_negated(inner)) == r"- \left(x^{2} - 1\right)"
    assert latex(_typed_sum([_negated(inner), x**2])) == r"- \left(x^{2} - 1\right) + x^{2}"
    # a typed sum that is a positive term needs no bracket
    assert latex(_typed_sum([x**3, inner])) == "x^{3} + x^{2} - 1"
