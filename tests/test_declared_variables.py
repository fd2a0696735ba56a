"""f(y) = x·y by x answered y without a word, though f was declared a function of y alone: as declared,
x is a constant of f. Differentiating by a variable the declaration leaves out is refused, naming the
variable, the function as declared and the declaration that would make it a variable (EN and KO);
a declared variable is differentiated as before."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.api import partial
from symdiff.core.errors import ParseError
from symdiff.core.messages import language
from symdiff.scalar.parsing import parse, symbol

NAMES = ["x", "y", "z", "t", "a"]


@st.composite
def declarations(draw):
    """f(params) = a product of powers over every name used, and a name to differentiate by."""
    used = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=4, unique=True))
    params = draw(st.lists(st.sampled_from(used), min_size=1, max_size=len(used) - 1, unique=True))
    powers = [draw(st.integers(1, 3)) for _ in used]
    body = "*".join(f"{n}^{p}" for n, p in zip(used, powers))
    by = draw(st.sampled_from(used))
    return params, body, by


@settings(max_examples=40, deadline=None)
@given(declarations())
def test_a_variable_left_out_of_the_declaration_is_refused(case):
    params, body, by = case
    text = f"f({', '.join(params)}) = {body}"
    if by in params:
        result = partial(text, by)
        assert sympy.simplify(result.result - sympy.diff(parse(body), symbol(by))) == 0
        return
    with pytest.raises(ParseError) as caught:
        partial(text, by)
    said = str(caught.value.message)
    assert f"{by} is not a variable of f({', '.join(params)})" in said, said
    assert f"declare f({', '.join(params)}, {by}) = …" in said, said


@pytest.mark.parametrize("lang, said", [
    ("en", "x is not a variable of f(y): as declared, x is a constant in it; to differentiate by x, declare f(y, x) = …"),
    ("ko", "x는 f(y)의 변수가 아닙니다. 선언한 대로라면 x는 이 함수의 상수입니다. x에 대해 미분하려면 f(y, x) = …처럼 "
           "선언합니다."),
])
def test_the_teachers_declaration(lang, said):
    result = invoke("partial", "f(y) = x*y", "x", "--lang", lang)
    assert result.exit_code != 0 and result.stdout == ""
    assert said in result.stderr, result.stderr
    with language(lang):
        assert str(partial("f(y) = x*y", "y").result) == "x"
