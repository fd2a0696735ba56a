"""The Unicode views (text and Rich) write powers as a textbook does (issue 16): a negative power of a
variable, a sum or a call is a fraction (1/(x + 1)², not (x + 1)⁻²), a fractional power a root (∛(x²)),
e to a product eˣʸ as 2ˣʸ (exp(…) where the exponent has no short raised form); only true superscript characters (none of the Canadian syllabics ᐟ ᐧ that
many fonts lack), a caret only where no superscript can raise the exponent (x^π, 2^(x²)); a power of a call is (ln 3)² or sin²(x), never ln(3)². `check` echoes
the answer as it was typed, with the form it was read as beside it."""

from __future__ import annotations

import re

import pytest
import sympy
import test_invariant as generated
from helpers import agree, invoke
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from test_slots import SETTINGS, _caret_powers_removed
from test_text_view import assert_textbook

from symdiff.core.errors import SymdiffError
from symdiff.render.ascii import ascii_math
from symdiff.render.notation import unicode, unicode_as_typed
from symdiff.scalar.parsing import as_typed, parse

LANGS = ["en", "ko"]

_SYLLABICS = re.compile("[\u1400-\u167f]")
# A rewrite step states the negative power it rewrites a reciprocal as (1/x² = x⁻²): that is its point.
_REWRITE = re.compile(r"1/\S+ = \S+⁻\S*")
# and the power rule it applies goes back through the lowered power to the printed result: d/du u⁻¹ =
# (-1)·u⁻² = -1/u² (a wrapped terminal line may break it anywhere before the second =)
_EXPONENT_LAW = re.compile(r"(?:so|이므로) [d∂]/[d∂]\S+ [^=]+=[^=]+=")


def assert_unicode_textbook(doc: str, *, matrix: bool = False) -> None:
    """No makeshift superscript, no caret but a power's that nothing can raise (x^π), and no negative
    superscript on a variable, a sum, a call or an absolute value: only a number (2⁻ˣ, e⁻ˣ) keeps one
    (and a matrix its inverse X⁻¹)."""
    assert not _SYLLABICS.search(doc), doc
    assert "^" not in _caret_powers_removed(doc) and "**" not in doc and "Abs(" not in doc, doc
    assert "pow(" not in doc, doc
    if matrix:
        return
    doc = _EXPONENT_LAW.sub("", _REWRITE.sub("", doc))
    for m in re.finditer("⁻", doc):
        before = doc[:m.start()]
        last = before[-1:]
        e_or_pi = last in "eπ" and not before[-2:-1].isalnum()
        assert not (last in ")|" or (last.isalpha() and last.isascii() and not e_or_pi)), (before[-30:], doc)


# --------------------------------------------------------------------------- the printer itself

_BASES = st.sampled_from(["x", "y", "x + 1", "x - y", "sin(x)", "ln(x)", "ln(3)", "abs(x - 1)", "2", "e", "x*y"])
_EXPONENTS = st.sampled_from(["2", "3", "-1", "-2", "-3", "1/2", "-1/2", "1/3", "2/3", "-2/3", "3/2", "5/7",
                              "y", "-y", "x*y", "-x*y", "y/2", "1/y", "x - y", "pi", "y^2", "sin(x)"])


@SETTINGS
@given(base=_BASES, exponent=_EXPONENTS, other=generated.expressions)
@example(base="x + 1", exponent="-2", other="x")
@example(base="ln(3)", exponent="2", other="x")
@example(base="e", exponent="x*y", other="x")
@example(base="x", exponent="1/3", other="x")
def test_every_power_prints_in_true_superscripts_or_as_a_fraction_or_root(base, exponent, other):
    try:
        expr = parse(f"({base})^({exponent}) * ({other})")
    except SymdiffError:  # refused rightly (a negative base to a fractional power is not real)
        assume(False)
    shown = unicode(expr)
    assert_unicode_textbook(shown)
    assert ascii_math(shown).isascii()


@pytest.mark.parametrize("text, shown", [
    ("1/(x + 1)^2", "1/(x + 1)²"),
    ("2/x^3", "2/x³"),
    ("-sin(x)/cos(x)^2", "−sin(x)/cos²(x)"),
    ("(x + 1)^-2", "1/(x + 1)²"),
    ("x^(1/3)", "∛x"),
    ("x^(2/3)", "∛(x²)"),
    ("x^(1/4)", "∜x"),
    ("exp(x*y)", "eˣʸ"),
    ("ln(3)^2", "(ln 3)²"),
    ("x*ln(3)^2", "x·(ln 3)²"),
    ("asin(x)", "arcsin(x)"),  # an inverse function by its name, never sin⁻¹, as the documents name it
    ("1/sin(x)^2", "1/sin²(x)"),
])
def test_the_teachers_examples(text, shown):
    assert unicode(parse(text)) == shown


# --------------------------------------------------------------------------- whole outputs

_COMMANDS = [("partial", "x"), ("partial", "x", "--no-steps"), ("grad",), ("hessian",), ("check-self",)]


def _output(command: tuple, text: str, lang: str, fmt: str) -> str:
    name, *rest = command
    args = ("check", text, "x", text) if name == "check-self" else (name, text, *rest)
    result = invoke(*args, "--format", fmt, "--lang", lang, width="100")
    assume(result.exit_code in (0, 1) and result.stdout.strip())  # generated text can be refused rightly
    return result.output


@SETTINGS
@given(text=generated.expressions, command=st.sampled_from(_COMMANDS), lang=st.sampled_from(LANGS),
       fmt=st.sampled_from(["text", "rich"]))
@example(text="(x + 1)^(-2)", command=("partial", "x"), lang="en", fmt="text")
@example(text="x^(2/3)*exp(x*y)", command=("grad",), lang="ko", fmt="rich")
def test_every_human_unicode_view_writes_powers_in_textbook_notation(text, command, lang, fmt):
    out = _output(command, text, lang, fmt)
    assert_unicode_textbook(out)
    if fmt == "text":
        assert_textbook(out)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("args", [("rules", "power"), ("rules",), ("practice", "--rules", "chain", "--seed", "7")])
def test_rules_and_worksheets_write_no_makeshift_superscript(args, lang):
    result = invoke(*args, "--format", "text", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert_unicode_textbook(result.stdout)


# --------------------------------------------------------------------------- check echoes the answer as typed

@pytest.mark.parametrize("answer, shown", [
    ("3*y*x^2 + 0*x", "3·y·x² + 0·x = 3·x²·y"),  # as typed, then as read
    ("3x^2 y", "3·x²·y"),  # typed as read: said once
    ("y*3*x^2", "y·3·x²"),  # only reordered: the read form would say nothing new
    ("x^2*y*3 - 0", "x²·y·3 + 0 = 3·x²·y"),
])
@pytest.mark.parametrize("lang", LANGS)
def test_check_echoes_the_answer_as_typed_and_as_read(answer, shown, lang):
    result = invoke("check", "x**3*y", "x", answer, "--format", "text", "--lang", lang)
    assert result.exit_code == 0, result.output
    line = result.stdout.splitlines()[1]
    assert line.split(":", 1)[1].strip() == shown, result.stdout


def test_a_wrong_answer_is_echoed_as_typed_in_the_rich_view_too():
    result = invoke("check", "x**3*y", "x", "y*3*x^3", "--format", "rich")
    assert "y·3·x³" in result.stdout and "= 3·x³·y" not in result.stdout, result.stdout


_FACTORS = ["3", "y", "x^2", "z", "w"]


@settings(max_examples=20, deadline=None)
@given(st.permutations(_FACTORS), st.booleans(), st.sampled_from(["text", "markdown", "latex", "html"]))
def test_a_reordered_answer_is_quoted_once_and_an_evaluated_one_beside_its_reading(order, plus_zero, fmt):
    """Every order of the same factors is the student's own way of writing the product: quoted as
    typed, once; a term symdiff drops (+ 0·x) makes the reading worth writing beside it."""
    answer = "*".join(order) + (" + 0*x" if plus_zero else "")
    result = invoke("check", "x**3*y*z*w", "x", answer, "--format", fmt)
    assert result.exit_code == 0, result.output
    said = re.split(r"\n|</p>", result.stdout.split("nswer:", 1)[1], maxsplit=1)[0]
    equals = "<mo>=</mo>" if fmt == "html" else "="  # MathML's own attributes hold "=" too
    assert (equals in said) == plus_zero, result.stdout


def test_an_answer_given_as_sympy_is_shown_as_read():
    from symdiff import check

    x, y = sympy.symbols("x y")
    verdict = check("x**3*y", "x", 3 * y * x**2)
    assert verdict.answer_typed is None and verdict.verdict == "right"


def test_json_keeps_the_answer_as_read():
    import json

    record = json.loads(invoke("check", "x**3*y", "x", "3*y*x^2 + 0*x", "--format", "json").stdout)
    assert record["answer"] == "3*x**2*y" and "answer_typed" not in record


@SETTINGS
@given(text=generated.expressions)
@example(text="(x) * (1/2) - (y) / (3)")
@example(text="log(x, 3)")
def test_the_answer_as_typed_is_the_answer(text):
    try:
        read = parse(text)
    except SymdiffError:
        assume(False)
    typed = as_typed(text)
    shown = unicode_as_typed(typed)
    assert_unicode_textbook(shown)
    same, why = agree(typed.doit(), read)
    assert same, (text, shown, unicode(read), why)
