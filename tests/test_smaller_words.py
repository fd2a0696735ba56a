"""Smaller findings of a teacher's reading (words-42, item 5), each as a kind over generated inputs:
a one-variable derivative's Markdown says its title once; a number's fractional power that is no
unit fraction stays a power (e^(3/2), not √(e³)); a chain rule's substitution keeps the inner function
u = k·x as one unit (2·(3·x)·3, not 2·3·3·x); a constant factor k·(sum) stays as taken out."""

from __future__ import annotations

import re

import sympy
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.render.notation import latex, mathml, unicode

SETTINGS = settings(max_examples=15, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
LANGS = st.sampled_from(["en", "ko"])


@SETTINGS
@given(st.sampled_from(["x^3", "sin(x)*x", "exp(2*x)", "ln(x^2 + 1)", "x/(x + 1)"]), LANGS)
def test_a_one_variable_derivative_is_headed_once_in_markdown(f, lang):
    out = invoke("partial", f, "x", "--format", "markdown", "--lang", lang).stdout
    assert out.startswith("### ") and not re.search(r"^#### ", out, re.M), out
    # a partial that holds a variable keeps the heading that says so
    held = invoke("partial", f"{f}*y", "x", "--format", "markdown", "--lang", lang).stdout
    assert re.search(r"^#### .*(holding|상수)", held, re.M), held


@SETTINGS
@given(st.sampled_from([sympy.E, sympy.Integer(2), sympy.Integer(5)]), st.integers(2, 7), st.sampled_from([2, 3]))
def test_a_numbers_fractional_power_stays_a_power(base, p, q):
    exponent = sympy.Rational(p, q)
    if exponent.q == 1 or exponent.p == 1:
        return
    power = sympy.Pow(base, exponent, evaluate=False) if base is not sympy.E else sympy.exp(exponent, evaluate=False)
    assert "√" not in unicode(power), unicode(power)
    assert r"\sqrt" not in latex(power) and "msqrt" not in mathml(power) and "mroot" not in mathml(power)
    # a unit fraction is the root it is (√e), and a letter's power stays a root (√(x³))
    assert "√" in unicode(sympy.sqrt(base)) and unicode(sympy.Symbol("x") ** sympy.Rational(3, 2)) != ""


@SETTINGS
@given(st.integers(2, 9), st.integers(2, 5), st.sampled_from(["", "*sin(x)", "*exp(x)"]), LANGS)
def test_a_chain_substitution_keeps_the_inner_function_whole(k, n, times, lang):
    out = invoke("partial", f"({k}*x)^{n}{times}", "x", "--lang", lang).stdout
    said = [line for line in out.splitlines() if "Substituting the pieces" in line or "대입하면" in line]
    inner = [line for line in said if f"({k}·x)" in line]
    assert inner, out
    assert not any(re.search(rf"\b{n}·{k}·{k}·x\b", line) for line in said), said


@SETTINGS
@given(st.integers(2, 9), st.integers(1, 5), LANGS)
def test_a_constant_factor_times_a_sum_is_kept(k, a, lang):
    out = invoke("partial", f"{k}*(x^2 + {a}*x)*y", "y", "--lang", lang).stdout
    kept = f"{k}·(x² + {a if a != 1 else ''}{'·' if a != 1 else ''}x)"
    # the step's product is the constant as taken out; the answer never the number multiplied in
    # (5·x² + 5·x); tidied, it may be factored further (5·x·(x + 2))
    assert re.search(rf"(Multiplying by the constant factor: |상수 인수를 곱하면 ){re.escape(kept)}", out), out
    assert f"∂f/∂y = {k}·x² + " not in out, out
    record = invoke("partial", f"{k}*(x^2 + {a}*x)*y", "y", "--format", "json").stdout
    assert f'"result": "{k}*x**2 + ' not in record, record
