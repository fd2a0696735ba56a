"""A particle after a parenthetical remark follows the word the remark is about, as it is read aloud:
인수 3(3·x의 도함수)이, not 가 (the remark's last word, 도함수, is not what the particle belongs to)."""

from __future__ import annotations

import re
import string

import pytest
import sympy
from helpers import invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from symdiff.core import korean
from symdiff.core.messages import KO, _format_value, _ln_str, message
from test_korean import expected, values

PAIRS = {"이/가": ("이", "가"), "이고/고": ("이고", "고"), "을/를": ("을", "를"), "은/는": ("은", "는")}
# A value, a remark in words on it, and a particle glued after the remark: the particle must be chosen.
# ({function}(…)은 is a call, read 생략은 whatever the function.)
HARD_CODED = re.compile(r"\{\w+\}\([^()]*[가-힣][^()]*\)(?:이|가|을|를|은|는|과|와|으로|로|이고|이며|이면)(?![가-힣])")
REMARKED = re.compile(r"\{(\w+)\}\(([^()]*)\)\{:([^}]+)\}")


def test_no_particle_after_a_remark_on_a_value_is_hard_coded():
    assert {k: t for k, t in KO.items() if HARD_CODED.search(t)} == {}


def test_the_catalogue_has_remarks_with_a_chosen_particle():
    # the property below is about something: the catalogue's remarks after a value
    assert {k for k, t in KO.items() if REMARKED.search(t)} >= {"diagnosis.missing_chain_factor", "check.agree"}


def _fields(template):
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


@pytest.mark.parametrize("key", sorted(k for k, t in KO.items() if REMARKED.search(t)))
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_particle_after_a_remark_follows_the_value_before_it(key, data):
    template = KO[key]
    drawn = {name: data.draw(values, label=name) for name in _fields(template)}
    text = message(key, lang="ko", **{name: value for name, (value, _) in drawn.items()})
    for match in REMARKED.finditer(template):
        name, spec = match.group(1), match.group(3)
        value, ends = drawn[name]
        shown = _format_value(value, _ln_str, "ko")
        remark = _format_remark(match.group(2), drawn)
        assert f"{shown}({remark}){expected(ends, PAIRS[spec])}" in text, (key, text)


def _format_remark(remark: str, drawn: dict) -> str:
    return "".join(literal + (_format_value(drawn[name][0], _ln_str, "ko") if name else "")
                   for literal, name, _, _ in string.Formatter().parse(remark))


remarks = st.sampled_from(["3·x의 도함수", "x = 1에서", "x ≠ 0", "근삿값", "속함수 x²의 도함수"])


@settings(max_examples=40, deadline=None)
@given(values, remarks, st.sampled_from(["", " "]), st.sampled_from(sorted(PAIRS)))
def test_a_printed_value_that_ends_in_a_remark_takes_the_particle_of_the_value(value_ends, remark, space, spec):
    value, ends = value_ends
    printed = f"{_format_value(value, _ln_str, 'ko')}{space}({remark})"
    if korean.before_remark(printed) is None:  # a remark without words needs its space: x (x ≠ 0)
        assert not space and not re.search("[가-힣]", remark)
        return
    assert korean.particle(printed, spec) == expected(ends, PAIRS[spec]), printed


@pytest.mark.parametrize("printed, spec, right", [
    ("sin(x)", "을/를", "를"), ("3·(x + 1)", "을/를", "을"), ("(x + 1)", "은/는", "은"), ("f(2)", "이/가", "가"),
    ("3(3·x의 도함수)", "이/가", "이"), ("x/|x| (x ≠ 0)", "이/가", "가"), ("2 − (y)", "을/를", "를"),
])
def test_mathematics_in_brackets_is_read_with_the_rest(printed, spec, right):
    assert korean.particle(printed, spec) == right


@pytest.mark.parametrize("inner, factor, right", [("3*x", "3", "이"), ("2*x", "2", "가"), ("5*x", "5", "가"),
                                                   ("6*x", "6", "이"), ("x^2", "2·x", "가"), ("x^3", "3·x²", "이")])
def test_the_missing_chain_factor_takes_its_particle_from_the_factor(inner, factor, right):
    out = invoke("check", f"exp({inner})", "x", f"exp({inner})", "--lang", "ko").output
    assert f"인수 {factor}(" in out and f"의 도함수){right} 빠졌습니다." in out, out


@pytest.mark.parametrize("fmt", ["markdown", "latex", "html"])
@pytest.mark.parametrize("inner, right", [("3*x", "이"), ("2*x", "가"), ("x^2", "가"), ("x^3", "이"), ("6*x", "이")])
def test_every_document_chooses_the_factors_particle_as_the_text_view_does(inner, right, fmt):
    # A document sets the factor and the remark's inner function in math of their own ($2 x$($x^{2}$의 도함수));
    # the particle still follows the factor (it read x² once, the remark's value, which ended last).
    out = invoke("check", f"exp({inner})", "x", f"exp({inner})", "--lang", "ko", "--format", fmt).output
    assert f"의 도함수){right} 빠졌습니다" in out, out
