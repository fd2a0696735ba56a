"""A rule's pieces never take the function's own name: for u(x) = sin(x²) the chain rule's inner
function is not called u as well, nor are a product's factors g and h in g(t) = t²·cos t (a teacher's
review found all three). The definitions and bodies are generated; every view in both languages."""

from __future__ import annotations

import re

import pytest
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_NAMES = st.sampled_from(["u", "v", "w", "g", "h", "p", "q", "y"])
_BODIES = st.sampled_from([
    "sin({x}^2)", "{x}^2*cos({x})", "sin({x})/{x}", "exp(3*{x})*{x}", "(1 + {x}^2)^3", "{x}*sin({x})",
    "log({x}^2 + 1)/({x} + 2)", "sqrt(sin({x}))", "atan2({x}, {x}^2 + 1)",
])
_VARIABLES = st.sampled_from(["x", "t"])


def _defining(name: str, text: str, fmt: str) -> list[str]:
    """Where the output gives `name` a meaning as a piece: let name = …, name = … in a 'with' list,
    $name = …$ before 라 두면/이라 두면, and the like."""
    plain = {"markdown": r"\$?", "latex": r"\$?", "html": "", "text": "", "rich": ""}[fmt]
    patterns = [rf"(?<![\w\\]){name}{plain} = ", rf"<mi>{name}</mi><mo>=</mo>"]
    return [line for line in text.splitlines()
            if any(re.search(p, line) for p in patterns) and not _is_the_definition(line, name)]


def _is_the_definition(line: str, name: str) -> bool:
    # the function itself: its heading u(x) = …, its result du/dx = …, and its values at a point
    return bool(re.search(rf"{name}\s*\\?\(|{name}\\left\(|d{name}|d {name}|<mi>{name}</mi><mo>\(</mo>|<mi>{name}</mi><mo>&#8289;</mo>", line))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@SETTINGS
@given(name=_NAMES, body=_BODIES, x=_VARIABLES, lang=st.sampled_from(["en", "ko"]))
def test_no_piece_takes_the_functions_own_name(fmt, name, body, x, lang):
    text = f"{name}({x}) = {body.format(x=x)}"
    result = invoke("partial", text, "--format", fmt, "--lang", lang, width="200")
    assert result.exit_code == 0, result.output
    assert not _defining(name, result.stdout, fmt), (text, _defining(name, result.stdout, fmt))


def test_the_review_examples():
    for text, name in (("u(x) = sin(x**2)", "u"), ("g(t) = t**2*cos(t)", "g"), ("h(x) = x*sin(x)", "h")):
        out = invoke("partial", text, "--format", "text").stdout
        assert not re.search(rf"let {name} =|with {name} =|, {name} =", out), out


def test_a_renamed_pair_is_renamed_together():
    out = invoke("partial", "h(x) = x*sin(x)", "--format", "text").stdout
    assert "(p·q)′ = p′·q + p·q′ with p = x, q = sin(x)" in out, out


@SETTINGS
@given(letter=st.sampled_from(["c", "k", "g", "h", "n", "a"]), lang=st.sampled_from(["en", "ko"]))
def test_no_piece_takes_the_name_of_another_variable_of_f(letter, lang):
    """A reviewer's `partial "a*b + c + sin(g)" a` said "∂/∂a c = 0 for a constant c, here c = sin(g)"
    while c was a variable of f: a rule's letters avoid every name of the function, not only of its part."""
    others = [v for v in ("c", "g", "h", "k", "n") if v != letter]
    text = f"x^3*{letter} + sin(x)*cos(x)*{others[0]} + {others[1]} + sin({others[2]})"
    out = invoke("partial", text, "x", "--format", "text", "--lang", lang).stdout
    for name in (letter, *others[:3]):
        assert not re.search(rf"(?<![\w.]){name} = (?!{name}\b)", out), (text, name, out)
