"""Korean usage errors: whole sentences that say what is missing, the usage line and where help is
(as Click writes them in English), and no echo of the input when no column points into it."""

from __future__ import annotations

import pytest
from helpers import invoke
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize("args", [["partial", "x^2", "x", "--bogus"], ["jacobian", "x", "--nope"],
                                  ["descend", "x^2 + y^2", "--from", "3"]])
def test_a_korean_usage_error_has_the_usage_line_and_the_help_hint(args):
    english = invoke(*args).output
    korean = invoke(*args, "--lang", "ko").output
    usage = next(line for line in english.splitlines() if line.startswith("Usage: "))
    assert f"사용법: {usage.removeprefix('Usage: ')}" in korean.splitlines()
    assert f"도움말은 'symdiff {args[0]} -h'로 볼 수 있습니다." in korean.splitlines()


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10 ** 6), st.sampled_from(["--from", "--at"]))
def test_a_pair_without_a_name_says_the_name_is_missing(n, option):
    # (one number is the start of f of one variable: a pair is missing its name only with two)
    command = ["descend", "x^2 + y^2"] if option == "--from" else ["grad", "x^2"]
    out = invoke(*command, option, str(n), "--lang", "ko").output
    assert f"이름 없이 '{n}'만 있습니다." in out and f"x={n}처럼" in out and " 수가 있습니다" not in out, out


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["x", "y", "theta", "w_1", "lr"]))
def test_a_pair_without_a_value_says_the_value_is_missing(name):
    out = invoke("descend", "x^2", "--from", name, "--lang", "ko").output
    assert f"값 없이 '{name}'만 있습니다." in out and f"{name}=3처럼" in out, out


def test_a_missing_value_is_a_sentence_without_arithmetic_and_without_an_empty_caret():
    for lang, said in (("ko", "y의 값이 없습니다. --at 옵션에 y의 값을 추가해야 합니다."),
                       ("en", "no value given for y (add it to --at)")):
        result = invoke("tangent", "x^2*y", "--at", "x=1", "--lang", lang)
        lines = result.output.splitlines()
        assert lines[-1].endswith(said) and "더해야" not in result.output, result.output
        assert "  x^2*y" not in lines  # no column: nothing to put a caret under, so no echo


def test_an_error_with_a_column_keeps_its_caret():
    out = invoke("partial", "x^^2", "x", "--lang", "ko").output.splitlines()
    assert "  x^^2" in out and any(line.strip() == "^" for line in out)
