"""Both engines judge a derivative against finite differences alike (`symdiff.core.check`): the same
relative error, |claimed − expected| / (1 + |expected|), against the same tolerance."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st
import sympy

from symdiff.core import check as core
from symdiff.matrix import expr as E
from symdiff.matrix import numeric
from symdiff.scalar import check as scalar

x = sympy.Symbol("x", real=True)
s = E.Sym("s", (1, 1))


def test_both_engines_judge_by_the_shared_tolerance():
    assert scalar.TOLERANCE is core.TOLERANCE is numeric.TOLERANCE == 1e-9
    assert core.relative_error(3.0, 0.0) == 3.0 and core.relative_error(3.0, 2.0) == 1.0


@pytest.mark.parametrize("off", [Fraction(6, 10**9), Fraction(9, 10**9), Fraction(12, 10**9), Fraction(30, 10**9)])
def test_a_scalar_derivative_off_by_a_constant_is_judged_by_the_relative_error(off):
    # f = 5x: the central difference is 5 (to 30 digits) everywhere, so the error is off/(1 + 5) at every point
    got = scalar.check_derivative(5 * x, [x], 5 + sympy.Rational(off.numerator, off.denominator))
    assert got.max_error == pytest.approx(float(off) / 6, rel=1e-9)
    assert got.status == ("agree" if off / 6 <= Fraction(1, 10**9) else "disagree")


@pytest.mark.parametrize("off", [Fraction(5, 10**10), Fraction(9, 10**10), Fraction(11, 10**10), Fraction(3, 10**9)])
def test_a_matrix_differential_off_by_a_constant_is_judged_by_the_relative_error(off):
    # f = 0: its difference is exactly 0, so a claimed differential of `off` is off by off/(1 + 0)
    got = numeric.check_differential(E.Num(Fraction(0)), E.Num(off), s, {"s": (1, 1)}, {})
    assert got.points == 3 and got.max_error == pytest.approx(float(off), rel=1e-9)
    assert got.ok is (off <= Fraction(1, 10**9))


# A fast oscillation makes the first step's truncation error (ωh)²/6 pass the tolerance although the
# derivative is right; the step must shrink until Richardson's estimate trusts the difference.
x_ = sympy.Symbol("x", real=True)


@given(st.integers(min_value=3, max_value=7), st.integers(min_value=1, max_value=9), st.sampled_from([sympy.sin, sympy.cos]))
@settings(max_examples=25, deadline=None)
def test_a_right_derivative_of_a_fast_oscillation_agrees(power, digit, fn):
    f = fn(digit * 10**power * x_) * x_
    verdict = scalar.check_derivative(f, [x_], sympy.diff(f, x_), seed=power * 10 + digit)
    assert verdict.status == "agree", verdict.to_dict()


@given(st.integers(min_value=3, max_value=6), st.integers(min_value=1, max_value=9))
@settings(max_examples=20, deadline=None)
def test_a_wrong_derivative_of_a_fast_oscillation_still_disagrees(power, digit):
    f = sympy.sin(digit * 10**power * x_)
    wrong = sympy.diff(f, x_) * (1 + sympy.Rational(1, 10**6))
    verdict = scalar.check_derivative(f, [x_], wrong, seed=power)
    assert verdict.status == "disagree", verdict.to_dict()


@given(st.integers(min_value=0, max_value=50), st.booleans())
@settings(max_examples=30, deadline=None)
def test_a_pole_at_a_sample_point_is_not_a_disagreement(seed, as_float):
    # the check's own first point, so the pole is where it evaluates (a decimal pole as typed is a
    # Float, a hair off the point's mpf: the difference quotient there is huge, not undefined)
    text = scalar._coordinate(random.Random(seed), 0)
    pole = sympy.Float(text, 30) if as_float else sympy.Rational(text)
    f = 1 / (x_ - pole)
    assert scalar.check_derivative(f, [x_], sympy.diff(f, x_), seed=seed).status == "agree"


def test_the_check_line_names_the_digits_its_step_was_taken_with():
    """sin(10⁶x) needs h = 1e-12, taken with 30 + 2·2·2 digits; the line said "30 digits" whatever the
    step. The digits printed are those of the step printed, and the coarse step keeps 30."""
    from symdiff.scalar.check import DIGITS, REFINE, STEPS, check_derivative

    x = sympy.Symbol("x")
    for f, k in [(sympy.sin(x), 0), (sympy.sin(10**6 * x), 2)]:
        agreement = check_derivative(f, [x], sympy.diff(f, x))
        assert agreement.status == "agree"
        assert agreement.step == pytest.approx(float(STEPS[1]) / REFINE**k)
        assert agreement.digits == DIGITS + 4 * k
