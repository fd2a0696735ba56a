"""Issue 16, a teacher's form in the rules' results and the printers: a chain rule's number stays
outside the sum it multiplies (−4x(1 − x²), not −2x(2 − 2x²)); a reciprocal of a product is read as
the quotient it is written as, not split into reciprocal factors with no step; a polynomial of three
or more terms keeps its powers in descending order with a minus in front (−24x² + 28x + 15)."""

from __future__ import annotations

import sympy
from helpers import invoke
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symdiff.render.notation import latex, unicode
from symdiff.scalar.rules import derive

x = sympy.Symbol("x", real=True)
SUMS = [1 - x**2, x**2 + 1, 4 * x**2 + 3 * x, x**3 - x, 2 * x + 5, 3 - 2 * x]


def _walk(step):
    yield step
    for sub in step.substeps:
        yield from _walk(sub)


# with a derivative that is not a number: n·inner^(n−1)·(−2) is SymPy's own canonical −4·(1 − x²)·…
# only where something else stands beside the sum (a number alone times a sum is always multiplied out)
CURVED = [s for s in SUMS if not sympy.diff(s, x).is_number]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CURVED), st.integers(2, 5), st.integers(1, 4))
@example(1 - x**2, 2, 1)
def test_a_chains_number_stays_outside_its_sum(inner, n, k):
    f = k * inner**n
    step = derive(f, x)
    chain = next(s for s in _walk(step) if s.rule == "chain")
    assert sympy.expand(chain.result - sympy.diff(inner**n, x)) == 0  # honest
    # the sum is a factor of the result as typed, n·(inner)^(n−1)·inner′, its number in front
    assert chain.result.has(inner if n == 2 else inner ** (n - 1)), chain.result


def test_the_issues_chain_line():
    out = invoke("partial", "(1 - x^2)^2", "x", "--format", "markdown", "--lang", "ko").output
    assert r"계산하면 $- 4 x \left(1 - x^{2}\right)$입니다." in out, out
    assert r"2 - 2 x^{2}" not in out


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(SUMS), st.sampled_from(SUMS), st.integers(1, 5))
@example(2 * x + 5, 4 * x**2 + 3 * x, 5)
def test_a_reciprocal_of_a_product_is_a_quotient(first, second, k):
    if first == second:
        return
    f = k / (first * second)
    step = derive(f, x)
    rules = [s.rule for s in _walk(step)]
    assert "quotient" in rules, rules
    for s in _walk(step):  # no product rule among factors the reader was never shown
        if s.rule == "product":
            assert not any(isinstance(g.expr, sympy.Pow) and g.expr.exp.is_negative for g in s.substeps), s.expr
    assert sympy.simplify(step.result - sympy.diff(f, x)) == 0


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 30), st.integers(-30, 30).filter(bool), st.integers(-30, 30).filter(bool))
@example(24, 28, 15)
def test_a_polynomial_keeps_its_powers_descending(a, b, c):
    p = -a * x**2 + b * x + c
    for printer in (unicode, latex):
        text = printer(p)
        assert text.lstrip("-−").lstrip().startswith(str(a) if a != 1 else "x"), text
        assert text.endswith(f" {abs(c)}"), text  # the constant term last


def test_two_terms_still_read_positive_first():
    assert unicode(1 - x**2) == "1 − x²"
    assert latex(3 - 2 * x) == "3 - 2 x"
