"""`--check` on a gradient, Hessian or Jacobian says "agree" only when every derivative was checked.

try-44: `grad "sin(10**12*x)+y" --check` said the gradient agrees with central differences, from ∂f/∂y
alone; no point could judge ∂f/∂x. A combination with a derivative left unchecked is now `unchecked`,
names that derivative and why (JSON `unchecked`), and keeps the agreement of the others; every format
that shows the result shows the check.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import symdiff
from symdiff.core.messages import language
from symdiff.render.text import check_lines
from helpers import invoke

NAMES = ("x", "y", "z")
# a term no step can resolve (it is real everywhere), a term every point resolves
FAST, SLOW = "sin({k}*10^12*{v})", "{v}^{n}"

PROPERTY = settings(max_examples=12, deadline=None, derandomize=True, database=None)


@st.composite
def sums(draw):
    """f as a sum of one term in each variable, some of them too fast to check; the fast variables."""
    count = draw(st.integers(2, 3))
    fast = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    terms = [(FAST if quick else SLOW).format(k=draw(st.integers(1, 9)), n=draw(st.integers(1, 3)), v=v)
             for v, quick in zip(NAMES, fast)]
    return " + ".join(terms), {v for v, quick in zip(NAMES, fast) if quick}, NAMES[:count]


def _labels(gaps) -> set[str]:
    return {g["derivative"] for g in gaps}


@PROPERTY
@given(sums())
def test_a_gradient_agrees_only_if_every_partial_was_checked(case):
    text, fast, names = case
    check = symdiff.gradient(text, check=True).check
    assert _labels(check.gaps) == {f"∂f/∂{v}" for v in fast}, (text, check)
    assert check.status == ("agree" if not fast else "unchecked"), (text, check)
    assert check.derivatives == len(names) - len(fast), (text, check)
    record = check.to_dict()
    assert {g["derivative"] for g in record.get("unchecked", [])} == {f"∂f/∂{v}" for v in fast}
    for lang in ("en", "ko"):
        with language(lang):
            said = "\n".join(check_lines(check))
        for v in fast:  # each one left unchecked is named, never folded into an agreement
            assert f"∂f/∂{v}" in said, (lang, said)
        if fast and len(fast) < len(names):
            assert ("agree" in said) if lang == "en" else ("일치합니다" in said), said


@PROPERTY
@given(sums())
def test_a_hessian_and_a_jacobian_follow_the_same_rule(case):
    text, fast, names = case
    hessian = symdiff.hessian(text, check=True).check
    assert {g["derivative"] for g in hessian.gaps} == {f"∂²f/∂{v}²" for v in fast}, (text, hessian)
    assert hessian.status == ("agree" if not fast else "unchecked")
    rows = f"{text}; {names[0]}*{names[1]}"
    jacobian = symdiff.jacobian(rows, check=True).check
    assert {g["derivative"] for g in jacobian.gaps} == {f"∂f1/∂{v}" for v in fast}, (rows, jacobian)
    assert jacobian.status == ("agree" if not fast else "unchecked")


def test_nothing_checked_keeps_the_single_reason():
    check = symdiff.gradient("sin(10^12*x) + sin(3*10^12*y)", check=True).check
    assert check.status == "unchecked" and check.reason == "unresolved" and check.at is None
    assert _labels(check.gaps) == {"∂f/∂x", "∂f/∂y"}
    assert "agree" not in "\n".join(check_lines(check))


def test_every_format_shows_the_check():
    for fmt in ("text", "markdown", "latex", "html"):
        out = invoke("grad", "sin(10^12*x) + y", "--check", "--format", fmt)
        assert out.exit_code == 0, out.output
        assert "not checked" in out.output and "agrees" in out.output, (fmt, out.output)
    out = invoke("grad", "sin(10^12*x) + y", "--check", "--format", "json")
    record = json.loads(out.stdout)["check"]
    assert record["status"] == "unchecked" and record["unchecked"] == [{"derivative": "∂f/∂x", "reason": "unresolved"}]
    assert record["derivative"] == "∂f/∂y" and record["derivatives"] == 1
