"""A teacher's second reading, each finding a kind, over generated inputs in both languages and every
human format: a Jacobian's derivations name their entry (J₁₂ = ∂f₁/∂y) and its value at a point is
written exactly before its decimals (cos 1 ≈ 0.540302), as ∇f's is."""

from __future__ import annotations

import math
import re

import pytest

import sympy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.api import hessian, jacobian
from test_wording import HUMAN_FORMATS, LANGS

GENERATED = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = ["x*y", "sin(x*y)", "x + y", "exp(x)*y", "x**2", "cos(y)", "x/y", "y"]


def _entry_marks(fmt: str, i: int, j: int, m: int, n: int) -> str:
    index = f"{i}{j}" if m < 10 and n < 10 else f"{i},{j}"
    if fmt in ("text", "rich"):
        return "J" + index.translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
    if fmt == "html":
        return f"<msub><mi>J</mi><mn>{index}</mn></msub>"
    return f"J_{{{index}}}"


@GENERATED
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=3), st.sampled_from(HUMAN_FORMATS),
       st.sampled_from(LANGS))
@example(["x*y", "sin(x*y)"], "markdown", "en")
@example(["x*y", "sin(x*y)"], "latex", "ko")
def test_every_jacobian_entry_is_named(functions, fmt, lang):
    """Each derivation is headed by the entry it computes, in every format and language."""
    result = jacobian("; ".join(functions), vars=["x", "y"])
    out = invoke("jacobian", "; ".join(functions), "--vars", "x,y", "--format", fmt, "--lang", lang, width=200)
    assert out.exit_code == 0, out.output
    for i, row in enumerate(result.entries, 1):
        for j, d in enumerate(row, 1):
            if d.step is not None:
                assert _entry_marks(fmt, i, j, len(functions), 2) in out.output, (i, j, out.output)


def test_the_entry_names_the_function_and_variable():
    out = invoke("jacobian", "x*y; sin(x*y)", "--format", "text").output
    assert "J₂₁ = ∂f2/∂x, holding y constant:" in out
    md = invoke("jacobian", "x*y; sin(x*y)", "--format", "markdown", "--lang", "ko").output
    assert r"#### $J_{21} = \frac{\partial f_{2}}{\partial x}$ ($y$를 상수로 고정)" in md


def test_ten_rows_part_their_indices():
    functions = "; ".join(f"x**{k}" for k in range(1, 11))
    out = invoke("jacobian", functions, "--vars", "x", "--format", "text").output
    assert "J₁₀,₁ = ∂f10/∂x" in out and "J₁,₁ = ∂f1/∂x" in out


POINT_PIECES = ["x*y", "sin(x*y)", "x + y", "exp(x)*y", "x**2", "cos(y)", "x/y", "log(x + y)"]


@GENERATED
@given(st.lists(st.sampled_from(POINT_PIECES), min_size=1, max_size=3),
       st.integers(1, 3), st.integers(1, 3))
def test_exact_matrix_agrees_with_its_decimals(functions, x, y):
    """J and H at a point exactly: each entry equals its decimal, and the exact form is kept only
    where some entry is not a whole number (a whole number's decimal is the number)."""
    at = {"x": x, "y": y}
    for result in (jacobian("; ".join(functions), vars=["x", "y"], at=at),
                   hessian(" + ".join(functions), vars=["x", "y"], at=at)):
        exact = result.exact_value
        if exact is None:
            continue
        assert not all(e.is_Integer for row in exact for e in row)
        for row, values in zip(exact, result.value):
            for e, v in zip(row, values):
                assert math.isclose(float(e), v, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HUMAN_FORMATS), st.sampled_from(LANGS), st.sampled_from(["jacobian", "hessian"]))
def test_matrix_at_a_point_is_written_exactly_first(fmt, lang, command):
    """cos 1 before 0.540302, in every view: a teacher keeps the exact value the decimal rounds."""
    expr = "x*y; sin(x*y)" if command == "jacobian" else "sin(x*y)"
    out = invoke(command, expr, "--at", "x=1,y=1", "--format", fmt, "--lang", lang, width=200).output
    exact = {"text": "cos(1)", "rich": "cos(1)", "markdown": r"\cos 1", "latex": r"\cos 1",
             "html": "<mi>cos</mi><mo>&#8289;</mo><mspace width=\"0.1667em\"/><mn>1</mn>"}[fmt]
    decimal = "0.540302" if command == "jacobian" else "0.841471"
    assert decimal in out
    assert exact in out[:out.index(decimal)], out


def test_whole_number_matrices_stay_decimal_only():
    result = jacobian("x*y; x + y", at={"x": 1, "y": 2})
    assert result.exact_value is None
    out = invoke("jacobian", "x*y; x + y", "--at", "x=1,y=2", "--format", "text").output
    assert "J =\n" in out and "≈" not in out


# ---- a leaf that is its rule's formula itself is not stated twice in the text view

LEAF_PIECES = ["x", "sin(x)", "x^3", "5", "exp(x)", "ln(x)", "sec(x)", "sqrt(x)", "atan(x)", "sin(x^2)", "x*y",
               "cosh(2*x)", "2^x", "x*exp(x)"]


def _bare(text: str) -> str:
    """A formula with its spacing and brackets gone: ∂/∂x [sin(x)] and ∂/∂x sin(x) read alike."""
    return "".join(c for c in text if c not in " []()")


def repeated_claims(text: str) -> list[str]:
    """Explanation lines that only restate the step line above them (a rule's name, then the claim)."""
    from test_view_forms import tags_and_explanations, _STEP  # noqa: F401  (the text view's step lines)

    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines[:-1]):
        m = _STEP.match(line)
        if not m:
            continue
        below = lines[i + 1].strip()
        name, colon, rest = below.partition(": ")
        rest = rest.removesuffix("입니다.")
        if colon and _bare(rest) == _bare(m.group(3)):
            out.append(below)
    return out


def test_the_repeat_check_can_fail():
    said_twice = ("  1. d/dx [x + 1]   (sum)\n     Sum rule: …\n     1.1. d/dx [x] = 1   (identity)\n"
                  "          Identity rule: d/dx x = 1\n     Adding the results: 1")
    assert repeated_claims(said_twice) == ["Identity rule: d/dx x = 1"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LEAF_PIECES), min_size=1, max_size=4), st.sampled_from(LANGS),
       st.sampled_from(["partial", "grad"]))
@example(["x", "sin(x)"], "en", "partial")
def test_no_leaf_says_its_claim_twice(pieces, lang, command):
    expr = " + ".join(pieces)
    args = (command, expr, "x") if command == "partial" else (command, expr, "--vars", "x,y")
    out = invoke(*args, "--format", "text", "--lang", lang, width=300).output
    assert repeated_claims(out) == [], out


# ---- the rule book: headings in readers' words, statements' mathematics typeset in documents

from symdiff.scalar.steps import RULE_NAMES  # noqa: E402


@pytest.mark.parametrize("lang", LANGS)
def test_rule_book_headings_are_readers_words(lang):
    md = invoke("rules", "--format", "markdown", "--lang", lang).stdout
    from symdiff.core.messages import rule_heading

    from symdiff.features.rulebook import LISTED  # every rule but the Dirac delta's "no rule"

    headings = [line for line in md.splitlines() if line.startswith("### ")]
    assert len(headings) == len(LISTED) == len(RULE_NAMES) - 1
    for line, name in zip(headings, LISTED):
        # the rule's name alone, as the text view heads it: a heading names the rule, not the command's key
        heading = rule_heading(name, lang)
        assert line == f"### {heading[:1].upper()}{heading[1:]}", line
        assert "`" not in line and "_" not in line, line
    if lang == "en":
        assert "### Constant rule" in headings and "### Chain rule" in headings
    text = invoke("rules", "--format", "text", "--lang", lang).stdout
    assert "\nconstant\n" not in text and "`" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_rule_book_statements_are_mathematics(lang):
    """No formula of a statement is left as plain words in Markdown: outside $…$ there is no =, ′,
    no d/dx and no superscript; the text view keeps them in Unicode."""
    md = invoke("rules", "--format", "markdown", "--lang", lang).stdout
    for block in md.split("### ")[1:]:
        statement = block.split("\n\n")[1]
        words = re.sub(r"\$[^$]*\$", "", statement)
        assert not re.search(r"[=′ⁿˣ²√]|d/dx", words), statement
        assert statement.count("$") % 2 == 0 and "⟦" not in statement
    text = invoke("rules", "--format", "text", "--lang", lang).stdout
    assert "d/dx xⁿ = nxⁿ⁻¹" in text and "$" not in text and "⟦" not in text


def test_rule_book_json_keeps_the_contract():
    import json

    data = json.loads(invoke("rules", "--format", "json").stdout)
    power = next(r for r in data["rules"] if r["name"] == "power")
    assert power["statement"] == "d/dx xⁿ = nxⁿ⁻¹ for a constant exponent n" and "⟦" not in json.dumps(data)


# ---- a caveat warns (주의), a remark notes (참고), alike in both languages and every document

from symdiff.scalar.notes import CAVEATS  # noqa: E402

NOTED = [("sqrt(x)*X", "x", True), ("abs(x)", "x", True), ("x**2", "y", False), ("x*I", "x", False),
         ("x**x", "x", True), ("x**(1/3)", "x", True), ("(x**2 - 1)/(x - 1)", "x", True)]
CALLOUT = {True: {"en": "> **Caution.** ", "ko": "> **주의.** "},
           False: {"en": "> **Note.** ", "ko": "> **참고.** "}}
LABEL = {True: {"en": "Caution:", "ko": "주의:"}, False: {"en": "Note:", "ko": "참고:"}}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("expr", "var", "caveat"), NOTED)
def test_a_caveat_warns_and_a_remark_notes(expr, var, caveat, lang):
    from symdiff.api import partial

    kinds = {note.kind for note in partial(expr, var).warnings}
    assert kinds, expr
    assert caveat == bool(kinds & CAVEATS), kinds
    md = invoke("partial", expr, var, "--format", "markdown", "--lang", lang).stdout
    assert CALLOUT[caveat][lang] in md and CALLOUT[not caveat][lang] not in md, md
    for fmt in ("html", "latex", "text"):
        out = invoke("partial", expr, var, "--format", fmt, "--lang", lang).stdout
        assert LABEL[caveat][lang] in out and LABEL[not caveat][lang] not in out, (fmt, out)
