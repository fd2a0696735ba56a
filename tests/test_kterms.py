"""Issue 16, a reviewing teacher's findings on words: an extreme value is stated with its verdict (극솟값
f(1, 1) = −1을 갖습니다), `check` tells the submitted answer (제출한 답) from the derivative (올바른 도함수),
and the errors of matrix, descend and backprop are said in the language asked for."""

from __future__ import annotations

import json
import re

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke

HUMAN_FORMATS = ("text", "rich", "latex", "markdown", "html")
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
nonzero = st.integers(1, 5)
small = st.integers(-3, 3)


# --- extreme values: a(x − p)² + b(y − q)² + c has a local minimum c at (p, q) for a, b > 0, a maximum for
# a, b < 0; the sentence names the value and JSON carries it


def _bowl(a, b, p, q, c):
    return f"{a}*(x - ({p}))**2 + {b}*(y - ({q}))**2 + ({c})"


@SETTINGS
@given(nonzero, nonzero, small, small, small, st.sampled_from([1, -1]), st.sampled_from(["en", "ko"]))
def test_an_extremum_states_its_value(a, b, p, q, c, sign, lang):
    args = ["hessian", _bowl(sign * a, sign * b, p, q, c), "--at", f"x={p},y={q}", "--lang", lang]
    text = invoke(*args, "--format", "text").stdout
    value = f"f({p}, {q}) = {c}".replace("-", "−")  # the text view's minus sign
    point = f"({p}, {q})".replace("-", "−")
    if lang == "en":
        kind = "minimum" if sign > 0 else "maximum"
        assert f"has a local {kind} value {value} at {point}" in text, text
    else:
        kind = "극솟값" if sign > 0 else "극댓값"
        assert f"{point}에서 {kind} {value}" in text and text.rstrip().endswith("갖습니다."), text
    record = json.loads(invoke(*args, "--format", "json").stdout)["second_derivative_test"]
    assert sympy.Integer(record["value"]) == c


def test_the_teachers_extremum_in_every_view():
    args = ["hessian", "x**3 - 3*x*y + y**3", "--at", "x=1,y=1"]
    assert "극솟값 f(1, 1) = −1을 갖습니다." in invoke(*args, "--lang", "ko", "--format", "text").stdout
    for fmt in HUMAN_FORMATS:
        for lang, said in (("en", "local minimum value"), ("ko", "극솟값")):
            out = invoke(*args, "--lang", lang, "--format", fmt).stdout
            assert said in out and "극소입니다" not in out, (fmt, lang)


def test_a_saddle_has_no_value():
    record = json.loads(invoke("hessian", "x*y", "--at", "x=0,y=0", "--format", "json").stdout)
    assert record["second_derivative_test"]["classification"] == "saddle_point"
    assert "value" not in record["second_derivative_test"]


# --- check: 제출한 답 is the student's, 올바른 도함수 the tool's


@SETTINGS
@given(st.integers(2, 6), st.integers(1, 4))
def test_check_names_the_submitted_answer_and_the_correct_derivative(n, wrong):
    out = invoke("check", f"x**{n}", "x", f"{n + wrong}*x**{n - 1}", "--lang", "ko", "--format", "text").stdout
    assert "제출한 답: " in out and "제출한 답의 값은" in out and "올바른 도함수의 값은" in out, out
    assert not re.search(r"(?<![오정])(?<!제출한 )답(?:은|의|:)", out), out  # 오답, 정답: the verdicts


def test_a_condition_speaks_of_the_derivative():
    for lang, said, not_said in (("ko", "도함수는 x > 0인 곳에서만", "답은"), ("en", "the derivative holds only", "answer holds")):
        result = invoke("partial", "x**x", "x", "--lang", lang, "--format", "text")
        assert said in result.stderr and not_said not in result.stderr, result.stderr


# --- errors in the language asked for


def _korean_only(said: str) -> None:
    assert re.search("[가-힣]", said), said
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"--\w+( \w+)?|'[^']*'|\w+\([^)]*\)", " ", said))
    assert words == [], said


@SETTINGS
@given(st.sampled_from(["n", "m", "3", "k"]), st.sampled_from(["*", "+", "-", " ⊙ "]))
def test_matrix_shape_errors_are_korean(size, op):
    args = ["matrix", f"x{op}A{op}x", "x", "--shape", f"x={size},1", "--shape", "A=2,5", "--lang"]
    ko, en = invoke(*args, "ko"), invoke(*args, "en")
    assert ko.exit_code == en.exit_code != 0
    _korean_only(ko.stderr.splitlines()[0].removeprefix("오류: "))
    assert not re.search("[가-힣]", en.stderr)


@SETTINGS
@given(st.lists(st.sampled_from(["x", "y", "t", "s"]), min_size=1, max_size=3, unique=True))
def test_a_missing_start_is_korean(data):
    loss = f"(w*{'*'.join(data)} - 1)**2"
    ko = invoke("descend", loss, "--from", "w=0", "--lang", "ko")
    assert ko.exit_code == 2
    said = " ".join(ko.stderr.split())
    assert "시작값이 없습니다" in said and "Invalid value" not in said, said
    en = invoke("descend", loss, "--from", "w=0")
    assert "no starting value for" in " ".join(en.stderr.split())


def test_the_teachers_backprop_errors_are_korean():
    for args in (["backprop", "--activation", "relu", "--loss", "ce"],
                 ["backprop", "--layers", "2,3", "--output", "identity", "--loss", "ce"]):
        ko = invoke(*args, "--lang", "ko")
        assert ko.exit_code == 2 and "교차 엔트로피" in ko.stderr and "cross-entropy" not in ko.stderr, ko.stderr
        assert "cross-entropy" in invoke(*args).stderr


@SETTINGS
@given(st.one_of(st.integers(1, 9).map(str), st.sampled_from(["x", "W1", "1.5", "-2", "n,", ""])),
       st.sampled_from(["identity", "relu", "foo"]))
def test_network_option_errors_are_korean(size, output):
    args = ["backprop", "--layers", f"2,{size}" if size != "" else "2", "--output", output, "--loss", "ce"]
    ko, en = invoke(*args, "--lang", "ko"), invoke(*args)
    assert ko.exit_code == en.exit_code == 2, (ko.stderr, en.stderr)
    said = ko.stderr.splitlines()[0].removeprefix("사용법 오류: ")
    assert re.search("[가-힣]", said) and not re.search(r"\b(needs|choose|does not|cross-entropy|unknown)\b", said), said
    assert not re.search("[가-힣]", en.stderr)


# --- x^x by the power rule, as if its exponent were a constant: x·x^(x−1), the classic mistake


@SETTINGS
@given(st.integers(1, 4), st.sampled_from(["x", "(x + 1)", "(2*x + 3)"]))
def test_the_power_rule_on_a_variable_exponent_is_diagnosed(k, base):
    f = f"{base}**({k}*x)"
    inner = {"x": "1", "(x + 1)": "1", "(2*x + 3)": "2"}[base]
    answer = f"{k}*x*{base}**({k}*x - 1)*{inner}"
    record = json.loads(invoke("check", f, "x", answer, "--format", "json").stdout)
    assert record["verdict"] == "wrong" and record["diagnosis"]["kind"] == "power_rule_on_exponential", record
    right = json.loads(invoke("check", f, "x", record["correct"], "--format", "json").stdout)
    assert right["verdict"] == "right" and "diagnosis" not in right


def test_the_teachers_x_to_the_x():
    for lang, said in (("en", "Likely mistake (power rule on exponential)"), ("ko", "예상되는 실수 (지수함수에")):
        assert said in invoke("check", "x**x", "x", "x*x**(x-1)", "--lang", lang, "--format", "text").stdout
