"""The product rule over polynomial factors ends as a textbook ends it (read-12): (x + 1)(x − 2)(x + 3)
differentiates to 3x² + 4x − 5, not (x − 2)(x + 1) + (x − 2)(x + 3) + (x + 1)(x + 3); the terms by
descending powers (3x² + 2x + 2, not 2 + 3x² + 2x), and a shorter factored form is kept where there is one
((x + 1)(3x + 1) for x(x + 1)²). A sum typed term by term keeps the order typed (2 + 3x² for 3 + 2x + x³)."""

from __future__ import annotations

import re

import sympy
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff import api

PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

LINEAR = st.tuples(st.integers(1, 3), st.integers(-5, 5).filter(bool)).map(lambda ab: f"({ab[0]}*x + {ab[1]})")
QUADRATIC = st.integers(1, 4).map(lambda c: f"(x^2 + {c})")
FACTORS = st.lists(st.one_of(LINEAR, QUADRATIC), min_size=2, max_size=3, unique=True)


def _degrees(printed: str) -> list[int]:
    """The degree of each term of a printed sum of monomials, in the order printed."""
    out = []
    for term in re.split(r" [+−] ", printed.lstrip("−")):
        power = re.search(r"x([²³⁴⁵⁶⁷⁸⁹])", term)
        out.append("²³⁴⁵⁶⁷⁸⁹".index(power.group(1)) + 2 if power else 1 if "x" in term else 0)
    return out


@PROPERTY
@given(FACTORS)
def test_a_product_of_polynomials_differentiates_to_a_polynomial_in_textbook_form(factors):
    text = "*".join(factors)
    result = api.partial(text, "x")
    x = next(iter(result.expr.free_symbols))
    note(f"{text}: {result.result}")
    assert sympy.expand(result.result - sympy.diff(result.expr, x)) == 0
    answer = result.result
    # no sum of products of sums is left: multiplied out, or one product of factors
    sums_of_products = answer.is_Add and any(f.is_Add or f.is_Pow and f.base.is_Add
                                             for t in answer.args for f in sympy.Mul.make_args(t))
    assert not sums_of_products, (text, answer)
    if answer.is_Add:
        printed = invoke("partial", text, "x").stdout.strip().splitlines()[-1].split(" = ", 1)[1]
        degrees = _degrees(printed)
        assert degrees == sorted(degrees, reverse=True), (text, printed)


def test_the_read12_example_and_a_typed_sum():
    assert invoke("partial", "(x+1)*(x-2)*(x+3)", "x").stdout.strip().endswith("df/dx = 3·x² + 4·x − 5")
    assert invoke("partial", "3 + 2*x + x^3", "x").stdout.strip().endswith("df/dx = 2 + 3·x²")
    assert invoke("partial", "x*(x+1)^2", "x").stdout.strip().endswith("df/dx = (x + 1)·(3·x + 1)")


def test_a_product_rule_over_powers_of_sums_keeps_its_common_factor():
    # read-13: −8x⁷ + 12x⁵ − 4x with no line to show it, where the common factor pulled out was wanted
    out = invoke("partial", "(x^2+1)*(1-x^2)^3", "x").stdout.strip().splitlines()[-1]
    assert "(1 − x²)²" in out and "x⁷" not in out, out
