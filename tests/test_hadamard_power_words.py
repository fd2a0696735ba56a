"""An element-wise power's rule is written as a power (d(U∘ᵏ) = k·U∘⁽ᵏ⁻¹⁾ ⊙ dU), never as a function named
(·)^∘k, which the text views printed as is and the LaTeX views as an invalid double superscript."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from symdiff.core.korean import particle, reading
from symdiff.core.written import Formula

FORMATS = ("text", "markdown", "html", "latex")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("problem", [("sum(x .^ 3)", "x", "x=n,1"), ("sum((W*x) .^ 2)", "W", "x=n,1", "W=m,n")])
def test_the_power_is_written_as_a_power(run, problem, fmt, lang):
    expr, var, *shapes = problem
    shape_args = [a for s in shapes for a in ("--shape", s)]
    result = run("matrix", expr, var, *shape_args, "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "(·)" not in out and "\\cdot\\right)^" not in out and "^^" not in out
    assert "<mo>^</mo>" not in out
    # the rule's formula, in each notation (the LaTeX view's rows name their rules without the words)
    if fmt != "latex":
        assert {"text": "d(U∘ᵏ) = k·U∘⁽ᵏ⁻¹⁾ ⊙ dU", "markdown": r"U^{\circ (k-1)}",
                "html": "<mo>∘</mo><mo>(</mo><mi>k</mi>"}[fmt] in out


_LETTERS = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"


@settings(max_examples=60, deadline=None)
@given(base=st.sampled_from("xyzUAW"), exponent=st.sampled_from(_LETTERS))
def test_a_letter_exponent_is_read_as_a_power(base, exponent):
    """xᵏ is read 엑스의 케이제곱: its last word 곱 ends in a consonant, so 은, not the 는 of 엑스 alone."""
    said = reading(Formula(base + exponent))
    assert said.endswith("제곱"), said
    assert particle(Formula(base + exponent), "은/는") == "은"
    assert particle(Formula(base + "∘" + exponent), "이/가") == "이"
