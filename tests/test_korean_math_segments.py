"""A Markdown document keeps words and mathematics apart (the teacher's review of descend and check): every
number, relation and minus sign of a sentence is inside $…$ (학습률 $1$은, $81$에서 $0.756641$로, $0$이
아닙니다, never 학습률 1은), and no Korean word is inside it (no $\\text{… 21단계 생략 …}$ in a table).

Digits allowed in the words are counts of steps, which a textbook writes as prose with their counter noun
(5단계, 3번, 2개; "at step 5", "5 steps", "21 more steps"), and a numbered list's own numbers, which are Markdown's syntax,
not the content. Any other digit in the words is a value left out of the mathematics."""

from __future__ import annotations

import re

from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PROPERTY = settings(max_examples=18, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_DISPLAY = re.compile(r"\$\$(.*?)\$\$", re.S)
_INLINE = re.compile(r"\$([^$]*)\$")
# counts of steps with their counter noun, and a list's numbering at the start of a line
_ALLOWED = re.compile(r"\d+(?=\s?(단계|번|개))|(?<=\bstep )\d+|\d+(?= (more )?steps?\b)|^\d+(?=\. )", re.M)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def segments(markdown: str) -> tuple[list[str], str]:
    """The mathematics of a Markdown document ($$…$$ and $…$), and the words outside it."""
    maths = _DISPLAY.findall(markdown)
    words = _DISPLAY.sub(" ", markdown)
    maths += _INLINE.findall(words)
    return maths, _INLINE.sub(" ", words)


def misplaced(markdown: str) -> list[str]:
    """What stands on the wrong side of $: a number, '=' or '−' in the words, Hangul in the mathematics."""
    maths, words = segments(markdown)
    found = [f"Hangul in ${m}$" for m in maths if _HANGUL.search(m)]
    for line in words.splitlines():
        rest = _ALLOWED.sub("", line)
        if re.search(r"\d", rest) or "=" in rest or "−" in rest:
            found.append(line.strip())
    return found


def test_the_checker_finds_each_kind():
    assert misplaced("학습률 1은 이 함수에 너무 큽니다.")
    assert misplaced("그 점에서 (제출한 답 − 올바른 도함수)는 $1$입니다.")
    assert misplaced("시작점 x = 3입니다.")
    assert misplaced("| | $\\text{… 21단계 생략 …}$ | |")
    assert misplaced("$$\\text{정의되지 않음}$$")
    assert misplaced("The answer minus the derivative there is $1$, which is not 0.")
    # and passes what is right: counts of steps, a list's numbers, all else in $…$
    assert not misplaced("1. 정해진 $5$단계가 아니라 5단계를 모두 반복했지만 $f = 81$에서 3번 … 21단계 생략 …")
    assert not misplaced("Stopped: all 5 steps were taken; diverged at step 2, where $x \\approx 4.6 \\times 10^{6}$.")


_ONE = st.sampled_from(["x^4", "(x - 2)^2", "x^2 + 3*x", "x^4 - 3*x^2"])
_TWO = st.sampled_from(["(x-1)^2 + 3*y^2", "x^2 + x*y + 2*y^2", "(x - 2)^4 + y^2"])
_START = st.integers(-5, 5)
# converging (small), stopped at its steps, and diverging (1, 2)
_LR = st.sampled_from(["0.01", "0.1", "1", "2"])


def _descend(f: str, start: str, lr: str, steps: int, brief: bool, lang: str) -> str:
    args = ["descend", f, "--from", start, "--lr", lr, "--steps", str(steps)]
    return invoke(*args, *(["--no-steps"] if brief else []), "--format", "markdown", "--lang", lang).stdout


@PROPERTY
@given(_ONE, _START, _LR, st.sampled_from([1, 5, 30]), st.booleans(), st.sampled_from(["en", "ko"]))
def test_descend_of_one_variable(f, x0, lr, steps, brief, lang):
    out = _descend(f, f"x={x0}", lr, steps, brief, lang)
    assert out and not misplaced(out), misplaced(out)


@PROPERTY
@given(_TWO, _START, _START, _LR, st.sampled_from([1, 5, 30]), st.booleans(), st.sampled_from(["en", "ko"]))
def test_descend_of_two_variables(f, x0, y0, lr, steps, brief, lang):
    out = _descend(f, f"x={x0},y={y0}", lr, steps, brief, lang)
    assert out and not misplaced(out), misplaced(out)


@PROPERTY
@given(st.sampled_from([("x^2", "x", "2*x", "3*x"), ("x*sin(x)", "x", "sin(x) + x*cos(x)", "cos(x)"),
                        ("x^2*y^3", "y", "3*x^2*y^2", "3*x*y^2"), ("exp(2*x)", "x", "2*exp(2*x)", "exp(2*x)"),
                        # an answer with no value at the point: said in words, not $\\text{정의되지 않음}$
                        ("x^2", "x", "2*x", "asin(x^2 + 2)"), ("x^2", "x", "2*x", "log(-x^2 - 1)")]),
       st.booleans(), st.sampled_from(["en", "ko"]))
def test_check_right_and_wrong(case, right, lang):
    f, wrt, correct, wrong = case
    out = invoke("check", f, wrt, correct if right else wrong, "--format", "markdown", "--lang", lang).stdout
    assert out and not misplaced(out), misplaced(out)


def test_the_teachers_examples():
    out = _descend("x^4", "x=3", "1", 5, False, "ko")
    assert "학습률 $1$은 이 함수에 너무 큽니다." in out
    assert "$f$가 $81$에서 $0.756641$로 줄어듭니다." in out
    out = _descend("(x-1)^2 + 3*y^2", "x=3,y=2", "0.01", 30, True, "ko")
    assert "|  | … 21단계 생략 … |  |  |  |" in out
    out = invoke("check", "x^2", "x", "3*x", "--format", "markdown", "--lang", "ko").stdout
    assert "제출한 답의 값에서 올바른 도함수의 값을 뺀 차는 $\\frac{1}{2}$이므로 $0$이 아닙니다." in out
    out = invoke("check", "x^2", "x", "asin(x^2 + 2)", "--format", "markdown", "--lang", "ko").stdout
    assert "제출한 답의 값은 정의되지 않지만 올바른 도함수의 값은 $1$입니다." in out
