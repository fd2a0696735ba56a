"""Issue 16, a teacher's form: a substitution line whose result differs from it, even by the order of
its factors alone, goes on to that result ("which gives 2·x·cos(x²)", "이고, 계산하면 …"), so no form
changes between the last step and the answer without a step. In both languages and every human view."""

from __future__ import annotations

import re

from helpers import invoke
from hypothesis import example, given, settings
from hypothesis import strategies as st

OUTER = ["sin({})", "cos({})", "exp({})", "tan({})"]
INNER = ["x^2", "x^3", "3*x^2", "x^2 + 1"]
FORMATS = ["text", "rich", "markdown", "latex", "html"]
GOES_ON = {"en": "which gives", "ko": "계산하면"}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(OUTER), st.sampled_from(INNER), st.sampled_from(FORMATS), st.sampled_from(["en", "ko"]))
@example("sin({})", "x^2", "markdown", "ko")
def test_a_reordering_substitution_states_its_result(outer, inner, fmt, lang):
    # f(p)′·p′ with p′ a product (2·x): the printers put the number first, 2·x·cos(x²)
    text = outer.format(inner)
    out = invoke("partial", text, "x", "--format", fmt, "--lang", lang).output
    assert GOES_ON[lang] in out, out


def test_the_issues_korean_markdown_example():
    out = invoke("partial", "u(x) = sin(x**2)", "x", "--lang", "ko", "--format", "markdown").output
    assert "대입하면 $\\cos(x^{2}) \\cdot 2 x$이고, 계산하면 $2 x \\cos(x^{2})$입니다." in out


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(OUTER), st.sampled_from(INNER), st.sampled_from(["en", "ko"]))
def test_the_text_views_last_line_is_the_answer(outer, inner, lang):
    out = invoke("partial", outer.format(inner), "x", "--format", "text", "--lang", lang).output
    answer = re.search(r"^df/dx = (.*)$", out, re.MULTILINE)[1]
    last = [line for line in out.splitlines() if "Substituting" in line or "대입하면" in line][-1]
    # the outermost substitution ends at the answer as it is printed
    assert last.rstrip().removesuffix("입니다.").endswith(answer), (last, answer)
