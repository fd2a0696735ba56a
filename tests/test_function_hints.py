"""max(0, u), min(0, u) and sum(…) in a scalar expression: refused as before (type unsupported), with what
to type instead: relu(u), -relu(-u), symdiff matrix with the vector's shape; in English and Korean."""

from __future__ import annotations

import re

import pytest
import test_invariant as generated
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symdiff.core.errors import SymdiffError, localized
from symdiff.scalar.parsing import parse_input


def _reads(text: str) -> bool:
    try:
        parse_input(text)
    except SymdiffError:
        return False
    return True


def _refusal(text: str) -> SymdiffError:
    with pytest.raises(SymdiffError) as caught:
        parse_input(text)
    assert caught.value.type == "unsupported", caught.value
    return caught.value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated.expressions, st.sampled_from(["max", "Max", "min", "Min"]), st.booleans(), st.sampled_from(["", " "]))
def test_max_or_min_with_zero_names_relu(expr, name, zero_first, space):
    u = str(expr)
    assume(len(u) <= 30 and not u.startswith("-") and _reads(u))  # relu(u) is read where u is
    args = f"0,{space}{u}" if zero_first else f"{u},{space}0"
    error = _refusal(f"{name}({args})")
    spelled = re.search(r"write (.*?)( \(min|$)", error.message).group(1)
    if name.lower() == "max":
        assert spelled == f"relu({u})", error.message
    else:
        assert spelled.startswith("-relu(-") and u in spelled, error.message
    parse_input(spelled)  # what the hint says to type is read
    said = localized(error.message, "ko")
    assert f"{spelled} 꼴로 쓰면 됩니다" in said and said.endswith("."), said


@pytest.mark.parametrize("text", ["max(x, y)", "max(1, x)", "min(x)", "max(0, 0)"])
def test_other_max_and_min_are_refused_as_before(text):
    assert "relu" not in _refusal(text).message


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["z", "w", "v1"]), st.sampled_from(["log(sum(exp({v})))", "sum({v}**2)", "sum({v})/2"]))
def test_a_scalar_sum_names_symdiff_matrix(v, form):
    text = form.format(v=v)
    error = _refusal(text)
    command = f'symdiff matrix "{text}" {v} --shape {v}=n,1'
    assert error.message.endswith(command), error.message
    said = localized(error.message, "ko")
    assert said.startswith("여기서는 symdiff가 sum 함수를") and said.endswith(command), said
