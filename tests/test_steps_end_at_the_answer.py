"""Issue 16, a teacher's form: every result a view states is the form its steps end in, or a visible
tidy line ("Simplified"/"정리하면") takes the steps' form to it. Here the second partials of a Hessian
and the derivative a check states; a Hessian's second partial differentiates the first partial as its
answer states it, so that a reader sees one ∂f/∂x."""

from __future__ import annotations

import re

from helpers import invoke
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symdiff.api import hessian

TERMS = ["x**3*y", "exp(x*y)", "x*y**2", "sin(x*y)", "x**2", "y*log(x)", "x*exp(y)"]
TIDY = {"en": "Simplified", "ko": "정리하면"}
_SECTION = re.compile(r"^(∂²f/∂\S+), differentiating ∂f/∂\S+ = .* with respect to \S+:$")
_LISTED = re.compile(r"^  (∂²f/∂\S+) = (.*)$")


def _sections(out: str) -> tuple[dict, dict]:
    """Each second partial's derivation, as lines, and the value the list of second partials gives it."""
    sections, listed, name = {}, {}, None
    for line in out.splitlines():
        head, value = _SECTION.match(line), _LISTED.match(line)
        if head:
            name = head[1]
            sections[name] = []
        elif value and name is None:
            listed[value[1]] = value[2]
        elif not line.strip():
            name = None
        elif name is not None:
            sections[name].append(line)
    return sections, listed


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(TERMS), min_size=2, max_size=3, unique=True))
@example(["x**3*y", "exp(x*y)"])
def test_each_second_partial_ends_at_the_value_listed(terms):
    out = invoke("hessian", " + ".join(terms), "--vars", "x,y", "--format", "text").output
    sections, listed = _sections(out)
    assert sections and set(sections) <= set(listed), out
    matrix = out[out.index("H (rows"):]
    for name in ("∂²f/∂x²", "∂²f/∂y∂x", "∂²f/∂y²"):  # H writes each as the list does (∂f/∂x's order)
        assert listed[name] in matrix, (listed[name], matrix)
    for name, lines in sections.items():
        # each second partial closes with its own equation, as a worked solution does
        assert lines[-1].strip() == f"{name} = {listed[name]}", (name, lines[-1], listed[name])
        lines = lines[:-1]
        last = lines[-1]
        if last.lstrip().startswith("Simplified"):
            assert last.endswith(": " + listed[name]), (name, last, listed[name])
        else:  # the steps' own end: a closing "…: …, which gives …", or a one-step claim "1. … = …   (rule)"
            ends = re.escape(listed[name])
            assert (re.search(r"(:|gives) " + ends + "$", last)
                    or re.match(r"^  1\. .* = " + ends + r"   \(", lines[0])), (name, lines, listed[name])


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(TERMS), min_size=2, max_size=3, unique=True),
       st.sampled_from(["markdown", "latex", "html", "rich"]), st.sampled_from(["en", "ko"]))
@example(["x**3*y", "exp(x*y)"], "markdown", "ko")
def test_every_view_tidies_a_second_partial_where_text_does(terms, fmt, lang):
    text = " + ".join(terms)
    tidied = sum(line.lstrip().startswith(TIDY[lang]) for line in
                 invoke("hessian", text, "--vars", "x,y", "--format", "text", "--lang", lang).output.splitlines())
    out = invoke("hessian", text, "--vars", "x,y", "--format", fmt, "--lang", lang).output
    assert out.count(TIDY[lang]) == tidied, out


def test_the_issues_hessian():
    r = hessian("x**3*y + exp(x*y)")
    x, y = r.vars
    # ∂f/∂x as a textbook leaves it, 3x²y + y·e^{xy} (only y would come out of the sum): its second
    # partials need no product rule for y·(3x² + e^{xy})
    assert r.second_steps[(0, 0)].rule == "sum"
    out = invoke("hessian", "x**3*y + exp(x*y)", "--lang", "ko", "--format", "markdown").output
    assert r"- **정리하면** $3 x^{2} + e^{x y} \left(x y + 1\right)$입니다." in out
    assert r"상수 인수를 곱하면 $y \left(6 x + y e^{x y}\right)$" not in out


FUNCTIONS = ["exp(x)*sin(x)", "exp(x)*cos(x)", "x*exp(x)", "exp(2*x)*sin(x)", "x**2*exp(x)"]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(FUNCTIONS), st.sampled_from(["text", "markdown", "latex", "html"]),
       st.sampled_from(["en", "ko"]))
@example("exp(x)*sin(x)", "latex", "en")
def test_a_checks_steps_reach_the_derivative_it_states(f, fmt, lang):
    out = invoke("check", f, "x", "exp(x)", "--format", fmt, "--lang", lang).output
    plain = invoke("partial", f, "x", "--format", fmt, "--lang", lang).output
    # a check says the derivative in partial's tidy form: it tidies its steps as partial does
    assert (TIDY[lang] in out) == (TIDY[lang] in plain), out


def test_the_issues_check():
    out = invoke("check", "exp(x)*sin(x)", "x", "exp(x)*cos(x)", "--format", "latex").output
    # the words, then the equation displayed (inline, a long one ran past the margin)
    said = re.search(r"Simplified:\s*(?:\\smallskip\s*)?\\\[\s*(.*?)\s*\\\]", out, re.S)
    # the tidy form alone: the steps' closing line above ends in e^x sin x + e^x cos x
    assert said and said[1] == r"e^{x} \left(\sin x + \cos x\right)", out
