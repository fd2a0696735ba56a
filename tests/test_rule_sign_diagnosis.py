"""A teacher's finding (P3): the quotient rule's numerator written with a plus, (g′h + gh′)/h², was
named "the sign of d/dx [x − 1] is wrong: it is 1, not −1", a flipped h′ that gives the same answer.
The quotient rule's minus is the slip a teacher names; and the product rule written with a minus
(g′h − gh′, the quotient rule's numerator carried over) is named alike, unless the flipped piece's own
derivative carries a minus (d/dx cos x = −sin x), where the dropped minus is the likelier slip.

Over generated quotients and products of polynomial, trigonometric and exponential pieces in x, bare,
times a constant, or inside a chain.
"""

from __future__ import annotations

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.api import check
from symdiff.core.messages import language
from symdiff.scalar.parsing import symbol

x = symbol("x")

# Numerators: not constant (g′ = 0 makes a plus and a reversed order the same answer).
NUMERATORS = st.sampled_from([x, x ** 2 + 1, x ** 3 - 2 * x, sympy.sin(x), sympy.exp(x), x * sympy.sin(x),
                              sympy.exp(2 * x) + x, sympy.cos(x) + x ** 2, 3 * x + 2])
# Denominators: sums, so that SymPy never cancels them against a numerator or folds them into a power.
DENOMINATORS = st.sampled_from([x - 1, x ** 2 + 1, x + 2, sympy.cos(x) + 2, sympy.exp(x) + 1, x ** 3 + 4,
                                sympy.sin(x) + 3, 2 * x - 5])
# Around the quotient or product: none, a constant factor, or the outer function of a chain.
OUTER = st.sampled_from(["bare", "constant", "sin", "exp"])


def _around(outer: str, inner: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """f with `inner` inside, and the factor by which a wrong d(inner) enters the derivative."""
    if outer == "constant":
        return 3 * inner, sympy.Integer(3)
    if outer == "sin":
        return sympy.sin(inner), sympy.cos(inner)
    if outer == "exp":
        return sympy.exp(inner), sympy.exp(inner)
    return inner, sympy.Integer(1)


def _grade(f, answer):
    verdicts = {}
    for lang in ("en", "ko"):
        with language(lang):
            v = check(sympy.sstr(f), "x", sympy.sstr(answer))
            verdicts[lang] = (v.verdict, v.diagnosis and v.diagnosis.kind, v.diagnosis and v.diagnosis.message)
            diagnosis = v.diagnosis
    return verdicts, diagnosis


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=NUMERATORS, h=DENOMINATORS, outer=OUTER)
def test_a_plus_in_the_quotient_rule_is_named_above_a_flipped_sub_derivative(g, h, outer):
    f, factor = _around(outer, g / h)
    dg, dh = sympy.diff(g, x), sympy.diff(h, x)
    added = factor * (dg * h + g * dh) / h ** 2
    verdicts, diagnosis = _grade(f, added)
    for lang, (verdict, kind, words) in verdicts.items():
        assert verdict == "wrong", (f, lang)
        assert kind == "quotient_rule_sign", (f, lang, words)
        assert ("adds the two terms" in words) if lang == "en" else ("두 항을 빼지 않고 더했습니다" in words)
    # the words name this quotient's pieces
    assert (diagnosis.values["g_is"].args[1], diagnosis.values["h_is"].args[1]) == (g, h)
    # the right answer still passes, and the reversed order keeps its own name
    assert check(sympy.sstr(f), "x", sympy.sstr(sympy.diff(f, x))).verdict == "right"
    reversed_order = factor * (g * dh - dg * h) / h ** 2
    v = check(sympy.sstr(f), "x", sympy.sstr(reversed_order))
    assert v.verdict == "wrong" and v.diagnosis.kind == "quotient_rule_order", (f, v.diagnosis)


# Factors whose derivatives carry no minus of their own: flipping one is no likely slip of its own.
PLAIN_FACTORS = st.sampled_from([x, x ** 2 + 1, x - 1, x ** 3 + 2 * x, sympy.sin(x), sympy.exp(x), x + 3,
                                 sympy.exp(2 * x) + x])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=PLAIN_FACTORS, h=PLAIN_FACTORS, outer=OUTER, which=st.booleans())
def test_a_minus_in_the_product_rule_is_named(g, h, outer, which):
    if sympy.simplify(g - h) == 0:
        h = h + 5  # a square is the power rule's, not the product rule's
    f, factor = _around(outer, g * h)
    dg, dh = sympy.diff(g, x), sympy.diff(h, x)
    subtracted = factor * ((dg * h - g * dh) if which else (g * dh - dg * h))
    for lang, (verdict, kind, words) in _grade(f, subtracted)[0].items():
        assert verdict == "wrong", (f, lang)
        assert kind == "product_rule_sign", (f, subtracted, lang, words)
        assert ("subtracts one from the other" in words) if lang == "en" else ("다른 항을 뺐습니다" in words)
    assert check(sympy.sstr(f), "x", sympy.sstr(sympy.diff(f, x))).verdict == "right"


@pytest.mark.parametrize("lang, words", [
    ("en", "Likely mistake (quotient rule sign): the quotient rule's numerator is a difference, g′·h − g·h′, "
           "with g = x² + 1, h = x − 1; the answer adds the two terms"),
    ("ko", "예상되는 실수 (몫의 미분법에서 분자의 부호): 몫의 미분법에서 g = x² + 1, h = x − 1이라 두면 분자는 두 항의 "
           "차 g′·h − g·h′입니다. 제출한 답은 두 항을 빼지 않고 더했습니다."),
])
def test_the_teachers_quotient_example(run, lang, words):
    out = run("check", "(x^2+1)/(x-1)", "x", "(2*x*(x-1)+(x^2+1))/(x-1)^2", "--lang", lang).stdout
    assert words in out
    assert "sign error" not in out and "부호 오류" not in out


def test_the_teachers_product_example_names_the_product_rule():
    v = check("(x^2+1)*(x-1)", "x", "2*x*(x-1)-(x^2+1)")
    assert v.verdict == "wrong" and v.diagnosis.kind == "product_rule_sign"


@pytest.mark.parametrize("expr, answer", [
    ("x*cos(x)", "cos(x) + x*sin(x)"),  # d/dx cos x = sin x, the classic slip, not a product rule minus
    ("exp(x)*cos(x)", "exp(x)*cos(x) + exp(x)*sin(x)"),
])
def test_a_dropped_minus_of_a_factors_own_derivative_stays_a_sign_error(expr, answer):
    v = check(expr, "x", answer)
    assert v.verdict == "wrong" and v.diagnosis.kind == "sign_error", v.diagnosis
    assert "sin(x)" in v.diagnosis.message
