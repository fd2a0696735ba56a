"""The lines between the steps' sum and the simplified form (render.markup.tidy_lines, built from
scalar.factored.moves): a teacher asked for every move a student cannot do in their head (a factor
inside a factor, the common factor, one denominator, the bracket collected), each equal to the line
before it, the factoring line in the order of the sum above it, sums written the textbook way."""

from __future__ import annotations

import pytest
import sympy
from helpers import invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from symdiff.render.markup import tidy_lines
from symdiff.render.notation import unicode
from symdiff.render.order import _evaluated
from symdiff.scalar.factored import moves
from symdiff.scalar.rules import derive
from symdiff.scalar.tidy import textbook

x = sympy.Symbol("x", real=True)
# the practice generator's polynomials, and roots of them: what a product or quotient rule is set on
polynomials = st.sampled_from([x**2 + 1, 3 * x, 2 * x - 5, x**3 - x, x**2, 4 * x**2 + 3 * x, 1 - x**2,
                               5 * x + 2, x**4 + 2, x])
exponents = st.sampled_from([1, 2, 3, sympy.Rational(1, 2)])


def _function(draw_p, draw_q, a, b, c, quotient: bool):
    return c * draw_p**a / draw_q**b if quotient else c * draw_p**a * draw_q**b


@settings(max_examples=40, deadline=None)
@given(polynomials, polynomials, exponents, exponents, st.integers(1, 7), st.booleans())
def test_every_line_equals_the_sum_it_comes_from(p, q, a, b, c, quotient):
    f = _function(p, q, a, b, c, quotient)
    if not f.has(x):
        return
    raw = derive(f, x).result
    tidy = textbook(raw)
    lines = tidy_lines(raw, tidy)
    if not lines:
        return
    assert lines[-1].expr == tidy  # the simplified form ends them
    for line in lines:
        shown = _evaluated(line.expr)  # as printed (an InOrder tree), evaluated
        assert sympy.simplify(shown - raw) == 0, (f, line.key, unicode(line.expr))
        assert "**" not in unicode(line.expr)


@settings(max_examples=40, deadline=None)
@given(polynomials, polynomials, st.integers(1, 3), st.integers(1, 3), st.integers(1, 7), st.permutations([0, 1]))
def test_the_factoring_line_keeps_the_order_of_the_sum_above_it(p, q, a, b, c, order):
    raw = derive(c * p**a * q**b, x).result
    if not isinstance(raw, sympy.Add):
        return
    terms = [sympy.Add.make_args(raw)[i] for i in order] if len(raw.args) == 2 else list(raw.args)
    previous = terms
    for move in moves(raw, textbook(raw), tuple(terms)):
        if move.key == "simplified.factor.inner":
            previous = list(move.expr.args)
            assert [sympy.expand(t) for t in previous] == [sympy.expand(t) for t in terms]
        if move.key == "simplified.factor":
            factor = dict(move.slots)["factor"]
            bracket = move.expr.args[-1]
            # each term of the bracket times the factor is the term above it, in the same place; a
            # term left a sum with nothing in front is its terms, in place
            rebuilt, i = [], 0
            for term in previous:
                share = sympy.expand(term / factor)
                k = len(sympy.Add.make_args(share)) if sympy.expand(term / factor - bracket.args[i]) != 0 else 1
                rebuilt.append(sympy.expand(sympy.Add(*bracket.args[i:i + k])))
                i += k
                assert rebuilt[-1] == share
            assert i == len(bracket.args)


def _answer(out: str, number: int) -> list[str]:
    """The lines after the steps of answer `number` in a text practice set, up to the next answer."""
    block = out.split(f"\n  {number}. ", 2)[-1].split(f"\n  {number + 1}. ")[0]
    return [line.strip() for line in block.splitlines() if line.startswith("     ") and not line.startswith("      ")]


def test_the_teachers_practice_set():
    out = invoke("practice", "--rules", "product,chain", "--count", "4", "--seed", "3", "--format", "text").stdout
    said = _answer(out, 2)
    assert said[-4:] == [
        # the constant multiple kept 2·(…): the moves work inside its bracket, never multiplying it out
        "Factoring x³ − x as x·(x² − 1): 2·(x³·(x² − 1)³ + 3·x³·(x² − 1)²·(3·x² − 1))",
        "Taking out the common factor x³·(x² − 1)²: 2·x³·(x² − 1)²·(x² − 1 + 3·(3·x² − 1))",
        "Collecting the bracket: 2·x³·(x² − 1)²·(10·x² − 4)",
        # in the collected line's order, as partial writes it too (render.order.shown_answer)
        "Simplified: 4·x³·(x² − 1)²·(5·x² − 2)"]
    # no needless brackets: (1 - x²) is a plain term of the bracket
    assert not any("((1 − x²)" in line for line in _answer(out, 3))
    # a sum of fractions is brought over one denominator before it is simplified
    # (its last line is √x's caution, x > 0, as partial gives it)
    worked = [line for line in _answer(out, 4) if not line.startswith("Caution")]
    assert worked[-2].startswith("Bringing the terms over one denominator: ")


def test_the_factoring_line_reads_the_sum_in_its_order():
    out = invoke("partial", "x^4*(x+1)^3", "x", "--format", "text").stdout
    line = next(line for line in out.splitlines() if "Taking out the common factor" in line)
    # the sum above is 4x³(x + 1)³ + 3x⁴(x + 1)²: 4(x + 1) first, then 3x; x + 1 as a textbook writes it
    assert line.strip().endswith(": x³·(x + 1)²·(4·(x + 1) + 3·x)"), line
    # and the answer is collected the textbook way, descending powers (it was x³·(x + 1)²·(4 + 7·x))
    assert out.rstrip().endswith("df/dx = x³·(x + 1)²·(7·x + 4)")


def test_a_sum_of_fractions_is_brought_over_one_denominator_in_korean():
    out = invoke("partial", "sqrt(x)*(x**2+1)**3", "x", "--lang", "ko", "--format", "markdown").stdout
    assert "통분하면" in out and "분모를 통분하면" not in out, out
    assert out.index("통분하면") < out.index("정리하면", out.index("통분하면"))


@pytest.mark.parametrize("lang, words", [("en", "Multiplying numerator and denominator by 2·√x: "),
                                         ("ko", "분자와 분모에 2·√x를 곱하면 ")])
def test_a_complex_fraction_is_cleared_by_naming_its_multiplier(lang, words):
    # d/dx 7√x/(x² + 1): the quotient rule leaves fractions inside the numerator; a textbook multiplies
    # numerator and denominator by their common denominator, 2√x, and says so
    out = invoke("practice", "--rules", "quotient", "--count", "2", "--seed", "1", "--lang", lang,
                 "--format", "text").stdout
    line = next(line.strip() for line in out.splitlines() if words in line)
    assert line.startswith(words) and "(x² + 1 − 4·x²)/(2·√x·(x² + 1)²)" in line, line
    assert "Bringing the terms" not in out and "통분하면" not in out, out


def test_a_line_that_would_not_be_equal_is_not_shown():
    # an answer that is not the sum's value: no line may claim to get there
    before = 2 * (x**3 - x) ** 3 + 6 * x * (x**3 - x) ** 2 * (3 * x**2 - 1)
    assert moves(before, sympy.factor(before) + 1) == ()


# a power with a variable in its exponent, above or below the bar: e^(−x²) is 1/e^(x²) to SymPy
transcendental = st.sampled_from([sympy.exp(-x**2), sympy.exp(-x), sympy.exp(x**2 / 2), 2**(-x), x**(-x),
                                  sympy.exp(-3 * x**3), sympy.sin(x)**(-x)])


@settings(max_examples=40, deadline=None)
@given(polynomials, transcendental, exponents, st.booleans())
def test_a_variable_exponent_leaves_every_line_honest(p, g, a, quotient):
    """x·e^(−x²) crashed every view with steps: a denominator's e^(x²) has no rational power to compare."""
    f = p**a / g if quotient else p**a * g
    raw = derive(f, x).result
    tidy = textbook(raw)
    for line in tidy_lines(raw, tidy):
        # at points where every form is real (simplify cannot always prove sin(x)^x's forms equal)
        for point in (sympy.Rational(3, 10), sympy.Rational(7, 10), sympy.Rational(13, 10)):
            difference = complex(sympy.N((line.expr - raw).doit().subs(x, point), 30))
            assert abs(difference) < 1e-20, (f, line, point)


def test_x_times_e_to_minus_x_squared_in_every_view():
    for fmt in ("text", "markdown", "latex", "html"):
        result = invoke("partial", "x*exp(-x**2)", "x", "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        assert "internal error" not in result.output


# --- the Pythagorean identity named where f's sine is squared and its cosine is not (read-12: the
# quotient rule of sin x/(1 + cos x) ended "Simplified: 1/(1 + cos x)", hiding sin²x + cos²x = 1). Of 2x the
# tidy takes the half angle too (sec² x: three identities, more than the sentence names), so 2x is not drawn.

@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["x", "x^2", "3*x + 1", "exp(x)"]), st.sampled_from(["sin({u})/(1 + cos({u}))",
                                                                         "cos({u})/(1 - sin({u}))",
                                                                         "sin({u})/(1 - cos({u}))"]))
def test_a_quotient_that_cancels_by_the_pythagorean_identity_names_it(u, form):
    text = form.format(u=u)
    out = invoke("partial", text, "x").stdout
    assert "Simplified using sin²(" in out and ") = 1:" in out, (text, out)
