"""Values at a point are written exactly where the point and the direction are exact, with the decimal
beside (issue 16, the teacher's list, 2): √2/2 ≈ 0.707107 and 28/5 = 5.6, not 0.707107 and 5.6 alone. The
decimal follows "≈" where it is rounded and "=" where it is the value (tests/test_rounded_values.py)."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke

from symdiff.api import gradient

FORMATS = ("text", "rich", "markdown", "latex", "html")


def _shown(f, at, direction, fmt, lang="en"):
    result = invoke("grad", f, "--at", at, "--dir", direction, "--format", fmt, "--lang", lang, "--no-steps")
    assert result.exit_code == 0, result.output
    return result.output


def test_the_teachers_example_is_exact_beside_its_decimals():
    r = gradient("x^2*y + 3*y", at="x=1,y=2", direction="3,4")
    assert r.exact_ascent == [sympy.sqrt(2) / 2] * 2
    assert r.exact_directional_value == sympy.Rational(28, 5)
    markdown = _shown("x^2*y + 3*y", "x=1,y=2", "3,4", "markdown")
    assert r"\frac{28}{5} = 5.6" in markdown
    assert r"\frac{\sqrt{2}}{2} \\ \frac{\sqrt{2}}{2} \end{bmatrix} \approx \begin{bmatrix} 0.707107" in markdown


def test_a_whole_number_is_written_once():
    r = gradient("3*x + 4*y", at="x=1,y=1", direction="1,0")
    assert r.exact_value is None and r.exact_directional_value is None  # 3: its decimal is exact
    assert "≈" not in _shown("3*x + 4*y", "x=1,y=1", "1,0", "text").lower().split("directional")[1]


_polynomials = st.sampled_from(["x^2*y + 3*y", "x*y", "x^3 - y^2", "sin(x)*y", "exp(x)*y", "x/(y + 3)",
                                "sqrt(x^2 + y^2 + 1)", "log(x^2 + 1) + y"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_polynomials, st.integers(-3, 3), st.integers(-3, 3), st.integers(-4, 4), st.integers(-4, 4),
       st.sampled_from(FORMATS), st.sampled_from(["en", "ko"]))
def test_exact_values_at_a_point_equal_their_decimals(f, a, b, p, q, fmt, lang):
    if p == q == 0:
        return
    r = gradient(f, at=f"x={a},y={b}", direction=f"{p},{q}")
    for exact, decimals in ((r.exact_value, r.value), (r.exact_ascent, r.ascent), (r.exact_descent, r.descent)):
        if exact is not None:
            assert len(exact) == len(decimals)
            for e, d in zip(exact, decimals):
                assert abs(float(e) - d) <= 1e-9 * (1 + abs(d)), (f, a, b, e, d)
    if r.exact_directional_value is not None:
        assert abs(float(r.exact_directional_value) - r.directional_value) <= 1e-9 * (1 + abs(r.directional_value))
    # every exact form is written, followed by ≈ and its decimal where that is rounded, in every human format
    out = _shown(f, f"x={a},y={b}", f"{p},{q}", fmt, lang)
    approx = {"latex": r"\approx", "markdown": r"\approx"}.get(fmt, "≈")
    forms = (r.exact_value, r.exact_ascent, r.exact_descent,
             None if r.exact_directional_value is None else [r.exact_directional_value])
    written = sum(e is not None and any(_rounded(x) for x in e) for e in forms)
    # (|∇f|'s exact form is written so as well)
    assert out.count(approx) >= written, (f, a, b, p, q, fmt, out)


def _rounded(exact) -> bool:
    """Whether six significant digits round `exact` (1/3, √2/2), not write it (28/5 as 5.6)."""
    return not (exact.is_Rational and sympy.Rational(f"{float(exact):.6g}") == exact)


@pytest.mark.parametrize("direction", ["0.6,0.8", "3,4"])
def test_a_decimal_direction_reads_as_the_same_exact_direction(direction):
    # 0.6 is read as 3/5 everywhere in symdiff (a point's 0.3 is 3/10): D_u f is exact either way
    r = gradient("x^2*y + 3*y", at="x=1,y=2", direction=direction)
    assert r.exact_directional_value == sympy.Rational(28, 5)
