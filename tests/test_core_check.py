"""Both engines judge a derivative against finite differences alike (`symdiff.core.check`): the same
relative error, |claimed − expected| / (1 + |expected|), against the same tolerance."""

from __future__ import annotations

from fractions import Fraction

import pytest
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
