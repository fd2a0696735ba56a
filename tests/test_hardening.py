"""Loose ends of an attacker's and a newcomer's reviews: errors in symdiff's words, never Python's
text or an internal record; a wrong answer found fast and a timeout never taken for "wrong"; the
API refusing hostile values with symdiff's errors; hints where a newcomer types the wrong thing."""

from __future__ import annotations

import re

import pytest
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.core.error_words import EN, KO
from symdiff.core.errors import Words, localized, reason_words

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What Python and SymPy say when a computation fails: their words name their internals.
PYTHON_TEXTS = st.sampled_from([
    "too many digits in integer", "Exceeds the limit (4300 digits) for integer string conversion",
    "division by zero", "math range error", "maximum recursion depth exceeded", "cannot convert",
    "Cannot convert complex to float", "int too large to convert to float",
])
EXCEPTIONS = st.sampled_from([ValueError, ZeroDivisionError, OverflowError, TypeError, ArithmeticError,
                              RecursionError, MemoryError])


@SETTINGS
@given(kind=EXCEPTIONS, text=PYTHON_TEXTS, lang=st.sampled_from(["en", "ko"]))
def test_a_failed_computation_is_explained_in_symdiffs_words(kind, text, lang):
    reason = reason_words(kind(text))
    said = localized(Words("error.value.evaluate", what=Words("error.what.function"), point="x=2", reason=reason),
                     lang)
    assert text not in said and kind.__name__ not in said, said
    assert reason.key.startswith("error.reason.") and reason.key in EN and reason.key in KO
    if lang == "ko":
        assert said.endswith("니다."), said  # polite register, each sentence


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("expr", ["x^x^x^x^x^x^x^x", "x^x^x^x^x^x^x"])
def test_a_value_too_large_says_so_without_pythons_text(expr, lang):
    result = invoke("partial", expr, "x", "--at", "x=2", "--no-steps", "--lang", lang)
    assert result.exit_code == 1
    assert "digits in integer" not in result.stderr and "Exceeds" not in result.stderr, result.stderr
    assert localized(reason_words(OverflowError()), lang) in result.stderr, result.stderr
