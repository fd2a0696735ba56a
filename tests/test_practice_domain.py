"""A tester's finding: `practice --rules inverse_trig,chain` set d/dx arccos(x⁴ + 2), whose function is
real nowhere (and arcsin(x² + 1) only at 0), and inverse_hyperbolic sets gave artanh(arsech(x⁴ + 2)).
Every exercise's function and derivative must be real on some interval: found here independently of
the generator, on a fine grid with mpmath."""

from __future__ import annotations

import mpmath
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symdiff.features.practice import practice

GRID = [mpmath.mpf(k) / 50 for k in range(-200, 201)]


def _real(f, t) -> bool:
    try:
        v = f(t)
    except (ValueError, ZeroDivisionError, TypeError, OverflowError):
        return False
    return isinstance(v, mpmath.mpf) and mpmath.isfinite(v) or (
        isinstance(v, mpmath.mpc) and abs(v.imag) < 1e-20 * max(1, abs(v.real)) and mpmath.isfinite(v.real))


def _real_somewhere(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    f = sympy.lambdify(x, expr, modules=["mpmath", {"Heaviside": lambda *a: mpmath.mpf(0)}])
    flags = [_real(f, t) for t in GRID]
    return any(a and b for a, b in zip(flags, flags[1:]))  # two neighbours: an interval, not a point


@settings(max_examples=12, deadline=None)
@example(['inverse_trig', 'chain'], 3)  # the tester's: arccos(x⁴ + 2) was its 14th exercise, of 20
@given(st.sampled_from([["inverse_trig", "chain"], ["inverse_hyperbolic", "chain"], ["inverse_trig"],
                        ["inverse_hyperbolic", "quotient"]]),
       st.integers(0, 2**32 - 1))
def test_every_exercise_has_a_derivative_somewhere(rules, seed):
    for exercise in practice(rules, count=20 if seed == 3 else 6, seed=seed).exercises:
        x = exercise.var
        with mpmath.workdps(20):
            assert _real_somewhere(exercise.expr, x), exercise.expr
            assert _real_somewhere(exercise.step.result, x), exercise.expr


@settings(max_examples=10, deadline=None)
@example(["abs", "chain"], 12345)  # the tester's: 3·||x||, |√x|³, |√(4x² + 3x)|
@given(st.sampled_from([["abs", "chain"], ["abs"], ["abs", "product"], ["abs", "quotient"]]), st.integers(0, 2**32 - 1))
def test_no_exercise_takes_the_absolute_value_of_what_is_never_negative(rules, seed):
    for exercise in practice(rules, count=12, seed=seed).exercises:
        for node in sympy.preorder_traversal(exercise.expr):
            if isinstance(node, sympy.Abs):
                (u,) = node.args
                assert not isinstance(u, sympy.Abs) and u.is_nonnegative is not True, exercise.expr
                assert not (u.is_Pow and u.exp.is_Rational and u.exp.q % 2 == 0), exercise.expr
