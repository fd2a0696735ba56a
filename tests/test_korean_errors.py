"""Errors under --lang ko: every parse, limit and usage error a user gets for an expression, a variable or a
point is said wholly in Korean (input and code as typed, in quotes), with the same caret; English and
JSON say what they always said."""

from __future__ import annotations

import json
import re

import pytest
import test_invariant as generated
from helpers import invoke
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from test_hostile import INJECTION, MALFORMED, RESOURCE
from test_parsing import HOSTILE

from symdiff.core.error_words import EN as ERRORS_EN
from symdiff.core.error_words import KO as ERRORS_KO
from symdiff.core.errors import SymdiffError, Words, caret_lines, localized
from symdiff.core.messages import language
from symdiff.render.text import render_error
from symdiff.scalar.parsing import FUNCTIONS, parse_input, parse_point, parse_variable

# One input for each kind of message the parser has (the issue's x^^2 first).
KINDS = [
    "x^^2", "sin(x", "x)", "(x]", "foo(x)", "sinx", "xsin(x)", "х", "x!", "x < 1", "'x'", "_x", "np.exp(x)",
    "é", "x\u0301", "\x07", "x_{+}", "log_{+}(x)", "\\", "\\foo x", "\\log_{2 x", "\\log_ x", "\\operatorname x",
    "\\operatorname{1x}", "\\frac", "\\frac x", "\\int x", "", "x +", "* x", "2 3", "x²⁺", "x^(1/10**200)",
    "1/0", "0^(-1)", "root(x, 0)", "log(x, 1)", "log(-1)", "zoo", "1e999999", "9**9**9", "x**100000",
    "(" * 300 + "x" + ")" * 300, "x" * 300, "x = 1 = 2", "(x = 1)", "f(x) =", "y = y + 1", "x^2 + y^2 = 25",
    "e(x, y) = x*y", "sin(x) = x", "f(x, x) = x", "x(x) = 1", "d/dx", "d/dx x^2 = 1", "x d/dx x", "∂x",
    "gamma(x)", "erf", "log2x", "logten(x)", "sin^-1 x", "sin^x x", "sin^1.5 x", "sin", "log(x, 2, 3)",
    "root(x)", "|x", "x,", "sin 2(x+1)", "x 2", "exp(10**6)", "d^2/dx^2 x^3",
]


def _english_words(said: str, text: str) -> list[str]:
    """The English words of a Korean error, outside what is quoted or typed: the input's own names,
    commands and code (sin(x), log(x, base), symdiff partial …), Unicode character names (in capitals)
    and the names of the tools symdiff is written with."""
    rest = re.sub(r"'[^']*'", " ", said)  # quoted input and code
    rest = re.sub(r"symdiff (partial|implicit)( \"[^\"]*\"[^)]*)?", " ", rest)  # a command to type
    rest = re.sub(r"[\w.]+\([^()]*\)", " ", rest)  # code: log(x, base), sin(2(x+1))
    rest = re.sub(r"\\\w+", " ", rest)  # LaTeX commands
    rest = re.sub(r"--\w+(=\S+)?( [\w=,]+)?", " ", rest)  # an option and its value
    rest = re.sub(r"\b[a-z_]+=(\{[^}]*\}|\[[^\]]*\]|\"[^\"]*\")?", " ", rest)  # a Python API argument: shapes={…}
    typed = set(re.findall(r"[A-Za-z]+", text))
    allowed = typed | set(FUNCTIONS) | {"SymPy", "LaTeX", "ASCII", "symdiff", "pi", "e", "E", "f", "x", "y", "a",
                                        "name", "base", "ROWS", "COLS", "NAME"}
    return [w for w in re.findall(r"[A-Za-z]+", rest) if w not in allowed and not w.isupper() and len(w) > 1]


def _error(text: str) -> SymdiffError | None:
    try:
        parse_input(text)
    except SymdiffError as exc:
        return exc
    return None


def assert_korean(text: str) -> None:
    error = _error(text)
    if error is None:
        return
    with language("ko"):
        shown = render_error(text, error)
    head, *caret = shown.split("\n")
    assert head.startswith("오류: ")
    assert caret == caret_lines(text, error.column)  # the input and its caret, as in English
    said = head[len("오류: "):]
    assert re.search("[가-힣]", said), said
    assert _english_words(said, text) == [], (text, said)
    with language("en"):
        english = render_error(text, error)
    assert english.startswith("error: ") and english.split("\n", 1)[0][len("error: "):] == error.message


@pytest.mark.parametrize("text", KINDS + HOSTILE + INJECTION + MALFORMED + RESOURCE[:13] + RESOURCE[14:],
                         ids=lambda t: repr(t[:40]))
def test_every_parse_error_is_korean_under_ko(text):
    assert_korean(text)


# Generated bad input: a valid expression broken where a student's typing breaks one.
BREAKS = ["^^", "(", ")", "]", "|", ",", "!", "'", "х", "é", "=", "\\", "\\foo", "**", "+", "∂", "_", "{", "¹"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated.expressions, st.sampled_from(BREAKS), st.integers(0, 200), st.booleans())
@example("x**2", "^^", 1, False)
def test_generated_bad_input_is_korean_under_ko(expr, piece, at, cut):
    text = expr[: at % (len(expr) + 1)] + ("" if cut else piece + expr[at % (len(expr) + 1):])
    assert_korean(text if cut else text)


def test_the_catalogue_has_every_error_in_both_languages_and_english_is_as_before():
    assert set(ERRORS_EN) == set(ERRORS_KO)
    words = Words("error.operand.after.found", op="^", found="^")
    assert words == "expected an operand after '^', found '^'" and localized(words, "en") == words
    assert localized(words, "ko") == "'^' 기호 뒤에 피연산자가 있어야 하는데 '^' 기호가 있습니다."
    nested = Words("error.point.value", name="y", error=Words("error.empty"))
    assert nested == "in the value of y: empty expression"
    assert localized(nested, "ko") == "y의 값을 읽을 수 없습니다. 식이 비어 있습니다."


def test_variables_and_points_are_korean_under_ko():
    for bad, read in [("x y", parse_variable), ("2x", parse_variable), ("pi", parse_variable),
                      ("x=1,x=2", parse_point), ("x=(", parse_point), ("x", parse_point), ("x=y", parse_point)]:
        with pytest.raises(SymdiffError) as caught:
            read(bad)
        said = localized(caught.value.message, "ko")
        assert re.search("[가-힣]", said) and _english_words(said, bad) == [], (bad, said)


def test_the_issue_example_on_the_command_line():
    ko = invoke("partial", "x^^2", "x", "--lang", "ko")
    assert ko.exit_code == 1
    assert ko.stderr.startswith("오류: '^' 기호 뒤에 피연산자가 있어야 하는데 '^' 기호가 있습니다.\n  x^^2\n    ^\n")
    en = invoke("partial", "x^^2", "x")
    assert en.stderr.startswith("error: expected an operand after '^', found '^'\n  x^^2\n    ^\n")
    # JSON keeps the contract's type and the English message, in either language
    record = json.loads(invoke("partial", "x^^2", "x", "--lang", "ko", "--format", "json").stdout)
    assert record["error"] == {"type": "syntax", "message": "expected an operand after '^', found '^'", "column": 3}
    # a usage error (the variable, the point) and an unreadable answer, in Korean too
    usage = invoke("partial", "x^2", "2x", "--lang", "ko")
    assert usage.exit_code == 2 and usage.stderr.startswith("사용법 오류: '2x' 부분은 변수 이름이 아닙니다.\n  2x\n  ^")
    point = invoke("grad", "x*y", "--at", "x=1,x=2", "--lang", "ko")
    assert point.exit_code == 2 and "사용법 오류: x의 값이 두 번 주어졌습니다" in point.stderr
    answer = invoke("check", "sin(x)", "x", "cos(x", "--lang", "ko").stdout
    assert answer.startswith("읽을 수 없음: 제출한 답에 오류가 있습니다. 4번째 글자인 '(' 기호가 닫히지 않았습니다.\n  cos(x\n     ^")
    batch = invoke("partial", "-", "x", "--lang", "ko", input="x^2\nsin(x\n")
    assert "2번째 줄: 4번째 글자인 '(' 기호가 닫히지 않았습니다" in batch.stderr


@pytest.mark.parametrize("args, said", [
    (["grad", "x*y", "--at", "x=1"], "사용법 오류: y의 값이 없습니다. --at 옵션에 y의 값을 추가해야 합니다."),
    (["grad", "x*y", "--vars", "x,x"], "사용법 오류: --vars 옵션에 x 변수가 두 번 있습니다."),
    (["grad", "x*y", "--at", "x=1,y=1", "--var", "z"], "사용법 오류: --var 옵션의 z 변수는 식의 변수(x, y)가 아닙니다"),
    (["partial", "x^2", "x", "--at", "x=1,x=2"], "사용법 오류: x의 값이 두 번 주어졌습니다"),
    (["partial", "x^2", "x y"], "사용법 오류: 'x y' 부분은 변수 이름이 아닙니다"),
])
def test_usage_errors_are_korean_under_ko(args, said):
    ko = invoke(*args, "--lang", "ko")
    assert ko.exit_code == 2 and said in ko.stderr, ko.stderr
    first = ko.stderr.split("\n", 1)[0]
    assert _english_words(first.split(": ", 1)[1], " ".join(args)) == [], first
    assert invoke(*args).stderr.startswith("usage error: ")


# The matrix parser's errors: what is not about shapes (a product of mismatched shapes says its shapes in English).
MATRIX_BAD = ["x.T*A*", "x.T*A*x)", "(x.T*A*x", "foo(x)", "A(x)", "", "x y", "B*x", "_x", "x.T*A*x,", "trace", "٣*x",
              "(" * 300 + "x" + ")" * 300, "x" * 20000, "1" * 400 + "*x", "1e99999*x", "x.T*A*x + é",
              # sizes, powers and square-only functions (their messages were English f-strings)
              "x^2", "A^0.5", "A^1000", "A^(x)", "0^(-1)*x", "det(x)", "eye(0)*x", "eye(nan)*x", "eye(n x"]


@pytest.mark.parametrize("text", MATRIX_BAD, ids=lambda t: repr(t[:30]))
def test_matrix_parse_errors_are_korean_under_ko(text):
    from symdiff.matrix.parse import parse_matrix

    with pytest.raises(SymdiffError) as caught:
        parse_matrix(text, {"x": ("n", 1), "A": ("n", "n")})
    error = caught.value
    said = localized(error.message, "ko")
    assert re.search("[가-힣]", said) and _english_words(said, text) == [], (text, said)
    assert localized(error.message, "en") == error.message



# --- values and derivatives at a point where there are none: a kink, a vertical tangent, a pole, a
# logarithm of a negative number (the errors a student meets most, once past the typing)

ROUGH = ["abs({u})", "sqrt({u})", "cbrt({u})", "1/({u})", "log({u})", "abs({u})^3 + abs({u})", "relu({u})"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ROUGH), st.integers(-3, 3), st.integers(1, 4), st.integers(-2, 2),
       st.sampled_from(["partial", "grad", "tangent"]))
@example("abs({u})", 0, 1, 0, "partial")
@example("abs({u})", 0, 1, 0, "grad")
def test_errors_at_a_point_are_korean_under_ko(rough, a, k, b, command):
    u = f"{k}*x - {k * a}" if a else f"{k}*x"
    text = rough.format(u=u) + f" + {b}*y^2" if b else rough.format(u=u)
    args = [command, text, "x"] if command == "partial" else [command, text]
    at = f"x={a},y=1"
    ko = invoke(*args, "--at", at, "--lang", "ko", width="200")
    en = invoke(*args, "--at", at, width="200")
    assert ko.exit_code == en.exit_code
    if ko.exit_code == 0:  # |u|³ is smooth at its kink, 1/u away from its pole: nothing to say
        return
    assert ko.exit_code == 1, ko.output
    said = ko.stderr.splitlines()[0]
    assert said.startswith("오류: ") and said.endswith("."), said
    assert _english_words(said.removeprefix("오류: "), text) == [], said
    assert "Abs(" not in said and "**" not in said, said  # the expressions as a person writes them
    assert en.stderr.startswith("error: ") and not re.search(r"[가-힣]", en.stderr), en.stderr


# Issue 16 (the teacher's list, 8): an error said in Korean is whole sentences in the polite register,
# each with its full stop: "오류: '+' 기호 뒤에 피연산자가 있어야 하는데 '*' 기호가 있습니다."
# the last sentence ends in a polite verb, a bracketed aside after it allowed: "… 씁니다 (f(x) = …)."
_STOPPED = re.compile(r"(니다|니까\?)(\s*\(.*\))?[.?]?$")


def test_the_teachers_error_is_a_full_sentence():
    result = invoke("partial", "x +* 2", "x", "--lang", "ko")
    assert result.stderr.startswith("오류: '+' 기호 뒤에 피연산자가 있어야 하는데 '*' 기호가 있습니다.\n")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.sampled_from(MALFORMED), st.text("x+*/^()2.,=|!' sin", max_size=12)))
def test_every_korean_error_ends_with_a_full_stop(text):
    try:
        parse_input(text)
    except SymdiffError as exc:
        with language("ko"):
            said = localized(exc.message)
        assert said.rstrip().endswith((".", "?")) and _STOPPED.search(said.rstrip()), said


# --- check --file: a record that cannot be graded is said in Korean too (a grader's batch under --lang ko)

_FIELDS = st.sampled_from(["expr", "var", "answer"])
_VALUES = st.one_of(st.sampled_from(['"x**2"', '"x"', '"2*x"']), st.sampled_from(["3", "null", "true", "[1]", "{}"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(_FIELDS, _VALUES), min_size=0, max_size=4), st.sampled_from(["json", "csv", "junk"]))
def test_unreadable_records_are_korean_under_ko(tmp_path_factory, pairs, shape):
    if shape == "json":
        line = "{" + ", ".join(f'"{k}": {v}' for k, v in pairs) + "}"
        text = line + "\n" + '{"expr": "x**2", "var": "x", "answer": "2*x"}\n'
    elif shape == "csv":
        names = [k for k, _ in pairs] or ["expr"]
        text = ",".join(names) + "\n" + ",".join("x" for _ in range(len(names) + len(pairs) % 2)) + "\n"
    else:
        text = '{"expr": "x", "var": "x", "answer": "1"}\n' + "".join(v for _, v in pairs) + "\n"
    path = tmp_path_factory.mktemp("records") / "answers.txt"
    path.write_text(text, encoding="utf-8")
    ko = invoke("check", "--file", str(path), "--lang", "ko", width="300")
    unreadable = [line.split(": ", 1)[1] for line in ko.output.splitlines() if line.startswith("읽을 수 없음: ")]
    if shape == "junk" and pairs:  # a line that is no JSON object after a JSON line: always refused
        assert unreadable, ko.output
    for said in unreadable:
        assert _english_words(said, text + " expr var answer JSON Lines CSV") == [], said  # field names are code
        assert said.endswith("."), said


# --- implicit's and practice's errors, which were said in English under --lang ko (the reviewers'
# `implicit "x**2 + y**2" --lang ko`, `practice --rules exp,log --count 2 --lang ko`)

@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated.expressions, st.sampled_from(["none", "two", "left", "right"]))
def test_implicit_equation_errors_are_korean_under_ko(expr, shape):
    text = str(expr).replace("=", "")
    equation = {"none": text, "two": f"{text} = y = 1", "left": f" = {text}", "right": f"{text} = "}[shape]
    en, ko = invoke("implicit", equation), invoke("implicit", equation, "--lang", "ko")
    assert en.exit_code == ko.exit_code == 1, (equation, en.stderr)
    said_en, said_ko = en.stderr.split("\n", 1)[0], ko.stderr.split("\n", 1)[0]
    expected = "error: one side of the equation is empty" if shape in ("left", "right") else \
        "error: an equation needs exactly one '=' (like x**2 + y**2 = 25)"
    assert said_en == expected, said_en
    assert said_ko.startswith("오류: ") and said_ko.endswith("."), said_ko
    assert _english_words(said_ko.split(": ", 1)[1], equation) == [], said_ko
    assert en.stderr.split("\n", 1)[1] == ko.stderr.split("\n", 1)[1]  # the same input and caret
    record = json.loads(invoke("implicit", equation, "--lang", "ko", "--format", "json").stdout)
    assert record["error"]["message"] == expected.removeprefix("error: ")


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 199), st.integers(1, 200), st.lists(st.sampled_from(["exp", "log", "chain", "product"]),
                                                           min_size=1, max_size=3, unique=True))
def test_a_practice_shortfall_is_korean_and_english_is_as_before(found, count, rules):
    words = Words("error.practice.shortfall.one" if found == 1 else "error.practice.shortfall",
                  found=found, count=count, rules=", ".join(rules))
    plural = "" if found == 1 else "s"
    assert words == (f"found only {found} exercise{plural} of the {count} asked for that use exactly "
                     f"{', '.join(rules)}; these rules may not combine on their own that often (add another rule, "
                     f"such as a function family, or ask for fewer)")
    said = localized(words, "ko")
    assert said.endswith("니다).") and f"{count}문제 중" in said and f"'{', '.join(rules)}'" in said, said
    assert _english_words(said, ", ".join(rules)) == [], said


def test_the_reviewers_practice_and_implicit_commands():
    ko = invoke("practice", "--rules", "exp,log", "--count", "2", "--lang", "ko")
    assert ko.exit_code == 1 and ko.stderr.startswith("오류: 요청한 2문제 중 규칙 'exp, log'만"), ko.stderr
    assert invoke("practice", "--rules", "exp,log", "--count", "2").stderr.startswith(
        "error: found only 0 exercises of the 2 asked for that use exactly exp, log;")
    implicit = invoke("implicit", "x**2 = 3", "--lang", "ko").stderr
    assert implicit.startswith("오류: ∂F/∂y가 어디서나 0이므로 이 방정식은 y를 x의 함수로 정하지 않습니다."), implicit


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_regex(r"[a-z]{3,9}", fullmatch=True))
def test_an_unknown_practice_rule_is_korean_under_ko(rule):
    from symdiff.features.practice import ASKABLE

    assume(rule not in ASKABLE and rule not in ("constant", "identity", "sum", "basic"))
    en, ko = invoke("practice", "--rules", rule), invoke("practice", "--rules", rule, "--lang", "ko")
    assert en.exit_code == ko.exit_code == 2
    assert en.stderr.startswith(f"usage error: unknown rule {rule}; ") or "cannot be practised" in en.stderr
    if "unknown rule" in en.stderr:
        assert ko.stderr.startswith(f"사용법 오류: '{rule}' 규칙은 알 수 없습니다.") and ko.stderr.endswith(".\n"), ko.stderr
    none = invoke("practice", "--rules", ",", "--lang", "ko").stderr
    assert none == "사용법 오류: 규칙을 하나 이상 주어야 합니다(예: chain,product).\n", none


# --- Click's own usage errors under --lang ko (issue 16, a newcomer): "Missing option '--from'." was
# English; every command's missing required option or argument is said in Korean

def _required():
    import typer

    from symdiff.app.cli import app

    command = typer.main.get_command(app)
    return sorted((name, max(p.opts, key=len)) for name, sub in command.commands.items()
                  for p in sub.params if p.required)


REQUIRED = _required()
# An English sentence: two English words in a row, outside option names and quoted input
ENGLISH = re.compile(r"\b[A-Za-z]{3,}\s+[A-Za-z]{3,}\b")


def _without_names(text: str) -> str:
    return re.sub(r"--[\w-]+|'[^']*'|\"[^\"]*\"", "", text)


def test_the_commands_with_required_options_are_found():
    assert ("descend", "--from") in REQUIRED and len(REQUIRED) >= 3


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(REQUIRED), st.sampled_from([["--lang", "ko"], ["--lang=ko"]]),
       st.sampled_from(["text", "json", "markdown"]))
@example(("descend", "--from"), ["--lang", "ko"], "text")
def test_a_missing_required_option_is_said_in_korean(required, lang, fmt):
    command, option = required
    result = invoke(command, *(["x^2"] if command in ("descend", "tangent") else []), *lang, "--format", fmt)
    assert result.exit_code == 2, result.output
    said = result.stderr
    assert "사용법 오류" in said and option in said and said.rstrip().endswith("니다."), said
    assert not ENGLISH.search(_without_names(said)), said


def test_the_english_sentence_check_can_fail():
    assert ENGLISH.search(_without_names("사용법 오류: Missing option '--from'."))
    assert not ENGLISH.search(_without_names("사용법 오류: --from 옵션이 필요합니다."))


def test_a_missing_option_stays_clicks_in_english():
    result = invoke("descend", "x^2")
    assert result.exit_code == 2 and "Missing option '--from'" in result.output


@pytest.mark.parametrize("args", [
    ["backprop", "--layers", "2,2", "--activation", "tanh"],  # the newcomer's example (issue 16)
    ["backprop", "--layers", "2,3,2", "--inputs", "4"],
    ["backprop", "--layers", "2,2", "--lr", "0.1"],
    ["partial", "3x(x+1)^2"],  # its hint is a sentence of its own: no "….)." twice over
])
def test_backprops_and_the_parsers_usage_errors_are_korean_sentences(args):
    said = invoke(*args, "--lang", "ko").stderr
    assert "오류" in said and not ENGLISH.search(_without_names(said)), said
    assert ".)." not in said and "..)" not in said, said


@pytest.mark.parametrize("shape", ["x=0,1", "x=Pi,1", "x=nan", "x=3,4,5", "I=3,3", "x", "x=\u0663,1", "x=20000,1",
                                   "_x=3,1", "=3,1"])
def test_a_bad_shape_is_korean_under_ko(shape):
    from symdiff.matrix.parse import parse_shape

    with pytest.raises(SymdiffError) as caught:
        parse_shape(shape)
    said = localized(caught.value.message, "ko")
    assert re.search("[가-힣]", said) and _english_words(said, shape) == [], (shape, said)
    assert localized(caught.value.message, "en") == caught.value.message


_VALUES = ['{"x": [1, 2], "t": [1, 0], "w1": [[1, 0], [0, 1]], "b1": [0, 0]}',
           '{"x": [1, 2], "t": [1, 0], "W1": [[1, 0], [0, 1]], "b1": [0, 0, 1]}',
           '{"x": [1, "a"], "t": [1, 0], "W1": [[1, 0], [0, 1]], "b1": [0, 0]}',
           '{"x": [1, 2], "x": [1], "t": [1, 0], "W1": [[1, 0], [0, 1]], "b1": [0, 0]}',
           '{"x": [1, 2], "t": [1, 0], "W1": [1, 0], "b1": [0, 0]}',
           '{"x": [1, 2], "t": [1, 0], "W1": [[1, 0], []], "b1": [0, 0]}',
           '{"x": [1, 2], "t": [1, 0], "W1": [[1, 0], [1]], "b1": [0, 0]}',
           '{"x": [1, 2], "t": [1, 0], "W1": [[1, 0], [0, 1]], "b1": [0, 0], "q": 1}',
           '{"x": [1, 2], "t": [1, 0], "W1": [[1, [0]], [0, 1]], "b1": [0, 0]}',
           '{"x": [1, 2', '[1]', '/no/such/values.json']


@pytest.mark.parametrize("values", _VALUES)
def test_backprop_values_errors_are_korean_under_ko(values):
    """--at's errors (a missing or extra name, a wrong shape, an entry that is no number, text that is
    not JSON, no such file) were English inside a Korean usage line."""
    said = invoke("backprop", "--layers", "2,2", "--at", values, "--lang", "ko").stderr
    first = said.splitlines()[0]
    assert "오류" in first and re.search("[가-힣]{2}", first.split(":", 1)[1]), said
    assert not ENGLISH.search(_without_names(first)), said
    english = invoke("backprop", "--layers", "2,2", "--at", values).stderr.splitlines()[0]
    assert not re.search("[가-힣]", english), english
