"""A half-integer power of a letter as a textbook writes it, x√x, x²√x, 1/(x√x), never √(x³), in
every human view (one rule of the printers, notation.root_beside_power) and in the Korean reading that
chooses particles; and a complex fraction cleared by naming its multiplier. Over generated products
and quotients of √x, x^(k/2) and polynomials: no view prints the root of an odd power of a letter, and
every tidy line equals the line before it (numerically, at points where the roots are real)."""

from __future__ import annotations

import json
import re

import pytest
import sympy
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.core.korean import particle, reading
from symdiff.render.markup import tidy_lines
from symdiff.render.notation import latex, mathml, unicode
from symdiff.render.order import _evaluated
from symdiff.scalar.rules import derive
from symdiff.scalar.tidy import textbook

x = sympy.Symbol("x", positive=True)
half = sympy.Rational(1, 2)

# the practice generator's pieces: polynomials, √x and other half-integer powers of x
_PIECES = ["x**2 + 1", "3*x", "2*x - 5", "x**3 - x", "1 - x**2", "5*x + 2", "sqrt(x)", "x**(3/2)",
           "x**(5/2)", "x**(-3/2)", "sqrt(x**2 + 1)"]
_PIECE = st.sampled_from(_PIECES)

# the root of an odd power (3 and up) of a letter, in each notation's spelling
_ODD = "³⁵⁷⁹"
_TEXT_ROOT = re.compile(rf"√\(?[A-Za-zα-ω][{_ODD}]")
_TEX_ROOT = re.compile(r"\\sqrt\{[A-Za-z]\^\{[3579]\}\}")
_ML_ROOT = re.compile(r"<msqrt><msup><mi>[^<]+</mi><mn>[3579]</mn></msup></msqrt>")


def _no_root_of_an_odd_power(doc: str):
    for pattern in (_TEXT_ROOT, _TEX_ROOT, _ML_ROOT):
        assert not pattern.search(doc), (pattern.pattern, doc)


@pytest.mark.parametrize("power, text, tex", [
    (x ** sympy.Rational(3, 2), "x·√x", r"x \sqrt{x}"),
    (x ** sympy.Rational(5, 2), "x²·√x", r"x^{2} \sqrt{x}"),
    (x ** sympy.Rational(-3, 2), "1/(x·√x)", r"\frac{1}{x \sqrt{x}}"),
    (3 * x ** sympy.Rational(-5, 2) / 2, "3/(2·x²·√x)", r"\frac{3}{2 x^{2} \sqrt{x}}"),
    (6 * x ** sympy.Rational(3, 2) * (x**2 + 1) ** 2, "6·x·√x·(x² + 1)²", r"6 x \sqrt{x} \left(x^{2} + 1\right)^{2}"),
    (x ** sympy.Rational(3, 2) / (x + 1), "x·√x/(x + 1)", r"\frac{x \sqrt{x}}{x + 1}"),
])
def test_a_half_integer_power_of_a_letter_is_a_power_beside_a_root(power, text, tex):
    assert unicode(power) == text
    assert latex(power) == tex
    assert "<msqrt><mi>x</mi></msqrt>" in mathml(power)
    _no_root_of_an_odd_power(mathml(power))


def test_a_sum_keeps_one_copy_of_itself_under_the_root():
    # (x² + 1)·√(x² + 1) would write the sum twice for the reader to compare
    assert unicode((x**2 + 1) ** sympy.Rational(3, 2)) == "√((x² + 1)³)"


@pytest.mark.parametrize("power, said, particle_", [
    (x ** sympy.Rational(3, 2), "엑스 루트 엑스", "를"),
    (x ** sympy.Rational(5, 2), "엑스 제곱 루트 엑스", "를"),
    (2 * x ** sympy.Rational(3, 2), "이 엑스 루트 엑스", "를"),
])
def test_the_korean_reading_reads_the_printed_form(power, said, particle_):
    assert str(reading(power)) == said
    assert particle(power, "을/를") == particle_


_SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SLOW
@given(first=_PIECE, second=_PIECE, quotient=st.booleans(), fmt=st.sampled_from(["text", "markdown", "html"]),
       lang=st.sampled_from(["en", "ko"]))
def test_no_view_prints_the_root_of_an_odd_power_of_a_letter(first, second, quotient, fmt, lang):
    text = f"({first})/({second})" if quotient else f"({first})*({second})"
    result = invoke("partial", text, "x", "--format", fmt, "--lang", lang, width="200")
    assert result.exit_code == 0, result.output
    _no_root_of_an_odd_power(result.output)
    # the data keeps SymPy's string (the contract): x**(3/2) reads back
    record = json.loads(invoke("partial", text, "x", "--format", "json").stdout)
    assert "·" not in record["result"] and "√" not in record["result"]


_POINTS = [sympy.Rational(1, 3), sympy.Rational(7, 5), 3]


def _at(expr, point):
    # the derivation's own x (the steps make a real one) as well as this module's
    return expr.subs({s: point for s in expr.free_symbols})


def _close(a, b) -> bool:
    return all(abs(complex(sympy.N(_at(a, p) - _at(b, p), 30))) < 1e-12 for p in _POINTS)


@settings(max_examples=40, deadline=None)
@given(first=_PIECE, second=_PIECE, c=st.integers(1, 7), quotient=st.booleans())
def test_every_tidy_line_equals_the_line_before_it(first, second, c, quotient):
    p, q = (sympy.sympify(s, locals={"x": x}) for s in (first, second))
    f = c * p / q if quotient else c * p * q
    if not f.has(x):
        return
    raw = derive(f, x).result
    tidy = textbook(raw)
    before = raw
    for line in tidy_lines(raw, tidy):
        shown = _evaluated(line.expr)  # as printed (an InOrder tree), evaluated
        assert _close(shown, before), (f, line.key, unicode(line.expr), unicode(before))
        before = shown
        if line.key == "simplified.multiply":  # the multiplier named is the inner fractions' denominator
            factor = dict(line.slots)["factor"]
            assert sympy.fraction(sympy.together(factor))[1] == 1 and factor != 1, factor
        _no_root_of_an_odd_power(unicode(line.expr))


# an exponent that is not a number: a quotient or product with a variable somewhere in it
_VARIABLE_EXPONENT = st.builds(
    lambda num, den, k: num / den * k,
    st.sampled_from([sympy.S.One, x, sympy.sin(x), x + 1, sympy.Symbol("y"), 2 * sympy.Symbol("y")]),
    st.sampled_from([x, sympy.Symbol("y"), x + 1, sympy.cos(x), 2 * x, sympy.Integer(2), sympy.Integer(3)]),
    st.sampled_from([1, -1, 2]),
).filter(lambda e: not e.is_number)
_BASE = st.sampled_from([x, x + 1, sympy.Integer(2), sympy.sin(x)])
_ROOT_SIGNS = re.compile("[√∛∜]")


@settings(max_examples=60, deadline=None)
@given(base=_BASE, exp=_VARIABLE_EXPONENT)
def test_a_power_with_a_variable_in_its_exponent_is_never_a_root(base, exp):
    # x^(1/x) was ˣ√x and x^(sin(x)/x) ˣ√(xˢⁱⁿ⁽ˣ⁾): a root sign reads as a root of a number index
    power = sympy.Pow(base, exp, evaluate=False)
    assert not _ROOT_SIGNS.search(unicode(power)), (power, unicode(power))
    assert r"\sqrt" not in latex(power), (power, latex(power))
    assert "msqrt" not in mathml(power) and "mroot" not in mathml(power), (power, mathml(power))


@settings(max_examples=40, deadline=None)
@given(p=st.integers(-7, 7).filter(bool), q=st.integers(2, 9), base=st.sampled_from([x, x + 1]))
def test_a_number_exponent_is_a_root_exactly_where_every_view_writes_one(p, q, base):
    from symdiff.render.notation import written_as_root

    exp = sympy.Rational(p, q)
    if exp.q == 1:
        return
    power = sympy.Pow(base, exp, evaluate=False)
    text, tex, ml = unicode(power), latex(power), mathml(power)
    root = written_as_root(exp)
    assert bool(_ROOT_SIGNS.search(text)) == root, (power, text)
    assert (r"\sqrt" in tex) == root, (power, tex)
    assert ("msqrt" in ml or "mroot" in ml) == root, (power, ml)
    if root and exp.q in (2, 3, 4) and "·" not in text:  # one sign of its index: √, ∛, ∜
        assert "√∛∜"[exp.q - 2] in text, (power, text)
