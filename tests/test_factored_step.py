"""Where the answer is a factoring of the sum the steps ended with, the views show the common factor
taken out before the simplified form (a reviewer: practice jumped from a sum to 3x⁴(4x + 3)(28x + 15))."""

from __future__ import annotations

import pytest
import sympy
from helpers import invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from symdiff.scalar.factored import common_factor

x = sympy.Symbol("x")
# factors a textbook takes out: powers of x and of a linear or quadratic sum
bases = st.sampled_from([x, x + 1, 2 * x - 5, x**2 + 1, 4 * x + 3])
exponents = st.integers(1, 3)
coefficients = st.integers(1, 12)


@settings(max_examples=60, deadline=None)
@given(bases, exponents, coefficients, coefficients, st.integers(0, 2), st.integers(0, 2), bases)
def test_the_factor_taken_out_is_honest_and_in_every_term(base, e, a, b, k, m, other):
    before = a * base**e * x**k + b * base**(e + 1) * other**m
    after = sympy.factor(before)
    found = common_factor(before, after)
    if found is None:
        return
    # the line equals the sum it takes the factor out of, and every term is a multiple of the factor
    assert sympy.expand(found.taken - before) == 0
    for term in sympy.Add.make_args(before):
        assert sympy.cancel(term / found.factor).is_polynomial(x)
    assert not found.factor.is_number


def test_a_number_alone_or_a_sum_with_nothing_to_collect_is_not_a_step():
    assert common_factor(2 * x + 4, sympy.factor(2 * x + 4)) is None  # 2(x + 2) is plain to see
    before = -2 * x**2 * sympy.cos(x) - 2 * x * sympy.sin(x)
    assert common_factor(before, sympy.factor(before)) is None  # −2x(x cos x + sin x) is the answer


def test_the_reviewers_case():
    before = 2 * (x**2 + 1) ** 2 + 8 * x**2 * (x**2 + 1)
    found = common_factor(before, sympy.factor(before))
    assert sympy.simplify(found.factor - 2 * (x**2 + 1)) == 0


LINE = {"en": "Taking out the common factor", "ko": "공통인수"}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["text", "rich", "markdown", "latex", "html"])
def test_every_view_shows_the_factor_before_the_simplified_form(fmt, lang):
    out = invoke("practice", "--rules", "product,chain", "--count", "3", "--seed", "1",
                 "--format", fmt, "--lang", lang).stdout
    assert LINE[lang] in out
    said, simplified = out.index(LINE[lang]), out.index("Simplified" if lang == "en" else "정리하면", out.index(LINE[lang]))
    assert said < simplified
    partial = invoke("partial", "x^4*(4*x+3)^3", "x", "--format", fmt, "--lang", lang).stdout
    assert LINE[lang] in partial


@settings(max_examples=10, deadline=None)
@given(st.integers(2, 5), st.integers(2, 4), st.integers(1, 6))
def test_a_product_of_powers_shows_its_factoring(n, m, c):
    # d/dx xⁿ(cx + 1)ᵐ ends in a sum of two terms sharing x^(n-1)(cx + 1)^(m-1): said before simplifying
    out = invoke("partial", f"x^{n}*({c}*x+1)^{m}", "x", "--format", "text").stdout
    assert "Taking out the common factor" in out
    assert out.index("Taking out the common factor") < out.index("Simplified")
