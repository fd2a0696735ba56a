"""The text view is a human view: every command's whole output, in both languages, writes its
mathematics as the Rich view does (6·x·y⁴, π, e, |x|, √x, ln), never in Python's syntax; only JSON
keeps SymPy syntax, which pastes back in."""

from __future__ import annotations

import json
import re

import pytest
import test_invariant as generated
from helpers import invoke
from hypothesis import assume, given
from hypothesis import strategies as st
from test_slots import _RAISABLE, SETTINGS

from symdiff.core.formula import superscript
from symdiff.render.notation import EXP_RAISED_LONGEST

LANGS = ["en", "ko"]

# Python's spellings that a textbook never writes: ** and * for powers and products, Abs( for |x|,
# sqrt( for √, pi and E for π and e, log( for ln (a base is written as a subscript: log₃).
_PYTHON = [("**", re.compile(r"\*\*")), ("*", re.compile(r"\*")), ("Abs(", re.compile(r"Abs\(")),
           ("sqrt(", re.compile(r"\bsqrt\(")), ("pi", re.compile(r"\bpi\b")), ("E", re.compile(r"\bE\b")),
           ("log(", re.compile(r"\blog\("))]


def _argument(doc: str, start: int) -> str:
    """The text inside the parentheses that open at doc[start]."""
    depth = 0
    for i in range(start, len(doc)):
        depth += {"(": 1, ")": -1}.get(doc[i], 0)
        if depth == 0:
            return doc[start + 1:i]
    return doc[start + 1:]


def assert_textbook(doc: str, *, raised: bool = False, typed: tuple[str, ...] = (), matrix: bool = False) -> None:
    """No Python notation in `doc` (what the user typed, echoed in a batch's line headings, aside);
    exp(…) only where the Rich view writes it too: an exponent too long or with no raised form; with
    `raised`, no caret (every exponent of the input has a raised form). The matrix engine's
    element-wise functions keep their names, log(Z) among them, in the Rich view too: with `matrix`,
    log( is one of them."""
    doc = "\n".join(line for line in doc.splitlines() if line.partition(": ")[2] not in typed)
    for name, pattern in _PYTHON:
        if not (matrix and name == "log("):
            assert not pattern.search(doc), (name, doc)
    for m in re.finditer(r"\bexp\(", doc):
        arg = _argument(doc, m.end() - 1)
        # one rule: exp(…) only where the exponent has no raised form (single letters and numbers
        # juxtaposed, as in eˣʸ) or a longer one
        single = re.fullmatch(r"-?\d*[a-zA-Z]?(·[a-zA-Z])*", arg)
        raised = superscript(arg.replace("·", "") if single else arg)
        assert raised is None or len(raised) > EXP_RAISED_LONGEST, (arg, doc)
    if raised:
        assert "^" not in doc, doc


def _text(*args, lang: str = "en", generated_text: bool = True) -> str:
    result = invoke(*args, "--format", "text", "--lang", lang, width="100")
    if generated_text:  # generated text can be refused rightly (1/(x - x), a limit, no real value)
        assume(result.exit_code in (0, 1) and result.stdout.strip())
    else:  # (check's verdict wrong exits 1)
        assert result.exit_code in ((0, 1) if args[0] == "check" else (0,)), result.output
    return result.output  # stdout and stderr: a note on stderr is read by people too


# Each command with what it takes besides the expression, and its variations (--at, --no-steps, --dir).
_COMMANDS = [
    ("partial", "x"), ("partial", "x", "--no-steps"), ("partial", "x", "y"), ("partial", "x", "--at", "x=1/2,y=2"),
    ("grad",), ("grad", "--no-steps"), ("grad", "--at", "x=1/2,y=2", "--dir", "3,4"), ("grad", "--cse"),
    ("hessian",), ("hessian", "--at", "x=1/2,y=2"), ("tangent", "--at", "x=1/2,y=2"), ("check-self",),
    ("jacobian-with-x",), ("descend", "--from", "x=1/2,y=2", "--steps", "3"),
]


def _invoke_command(command: tuple, text: str, lang: str) -> str:
    name, *rest = command
    if name == "check-self":  # f offered as its own derivative: wrong, with a counterexample's exact values
        return _text("check", text, "x", text, lang=lang)
    if name == "jacobian-with-x":
        return _text("jacobian", f"{text}; x*y", lang=lang)
    return _text(name, text, *rest, lang=lang)


@SETTINGS
@given(text=generated.expressions, command=st.sampled_from(_COMMANDS), lang=st.sampled_from(LANGS))
def test_every_command_writes_its_whole_text_output_in_textbook_notation(text, command, lang):
    assert_textbook(_invoke_command(command, text, lang))


@SETTINGS
@given(text=_RAISABLE, command=st.sampled_from(_COMMANDS), lang=st.sampled_from(LANGS))
def test_every_power_is_raised_where_it_has_a_raised_form(text, command, lang):
    assert_textbook(_invoke_command(command, text, lang), raised=True)


@SETTINGS
@given(lines=st.lists(generated.expressions, min_size=1, max_size=3), steps=st.booleans(),
       lang=st.sampled_from(LANGS))
def test_a_batch_writes_each_line_in_textbook_notation(lines, steps, lang):
    result = invoke("partial", "-", "x", *([] if steps else ["--no-steps"]), "--format", "text", "--lang", lang,
                    input="\n".join(lines) + "\n")
    assume(result.stdout.strip())
    assert_textbook(result.stdout, typed=tuple(lines))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("args", [
    ("practice", "--rules", "chain,product,quotient", "--count", "6", "--seed", "7"),
    ("practice", "--rules", "chain,exp,log", "--count", "4", "--seed", "3", "--no-steps"),
    ("rules",), ("rules", "chain"), ("rules", "general_power"), ("rules", "abs"),
    ("implicit", "x**2 + y**2 = 25", "--at", "x=3,y=4"), ("implicit", "exp(x*y) = x + y"),
    ("check", "exp(x)*sqrt(x)", "x", "exp(x)/(2*sqrt(x))"), ("check", "sin(x**2)", "x", "cos(x**2)"),
    ("check", "abs(x)**3", "x", "3*x**2"), ("tangent", "exp(x)*pi", "--at", "x=1"),
    ("matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"),
    ("matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n", "--no-steps"),
    ("backprop",), ("backprop", "--no-steps"), ("backprop", "--loss", "ce"),
    ("backprop", "--layers", "2,3,1", "--activation", "tanh"),
])
def test_the_other_commands_write_textbook_notation(args, lang):
    assert_textbook(_text(*args, lang=lang, generated_text=False), matrix=args[0] in ("matrix", "backprop"))


def test_a_note_on_stderr_writes_its_expression_as_the_view_does():
    result = invoke("partial", "y**2*pi", "x", "--format", "text")
    assert "x does not occur in π·y²" in result.stderr
    # JSON's warning keeps SymPy's syntax, as all of its expressions do
    record = json.loads(invoke("partial", "y**2*pi", "x", "--format", "json").stdout)
    assert record["warnings"][0]["message"].startswith("x does not occur in pi*y**2")


@pytest.mark.parametrize("args, text, json_result", [
    (("partial", "3*x**2*y**4", "x"), "∂f/∂x = 6·x·y⁴", "6*x*y**4"),
    # --no-steps writes the answer as the steps' closing line does
    (("partial", "abs(x)*exp(x)", "x", "--no-steps"), "(x/|x| + |x|)·eˣ", "(Abs(x) + sign(x))*exp(x)"),
    (("grad", "x**2*y + sin(y)", "--at", "x=1,y=2"), "∇f = [2·x·y, x² + cos(y)]ᵀ", ["2*x*y", "x**2 + cos(y)"]),
])
def test_text_is_the_rich_notation_and_json_pastes_back(args, text, json_result):
    assert text in _text(*args, generated_text=False)
    record = json.loads(invoke(*args, "--format", "json").stdout)
    assert record.get("result", record.get("gradient")) == json_result


@pytest.mark.parametrize("unicode_text, ascii_text", [
    ("eˣ", "e^x"), ("x·eˣʸ", "x*e^(xy)"), ("2ˣʸ·y", "2^(xy)*y"), ("x⁻¹⁄²", "x^(-1/2)"), ("e²ˣ", "e^(2x)"),
    ("∛x", "root(x, 3)"), ("∛(x²)·y", "root(x^2, 3)*y"), ("⁵√(x + 1)", "root(x + 1, 5)"), ("ˣ√x", "root(x, x)"),
])
def test_an_output_without_unicode_spells_every_raised_power(unicode_text, ascii_text):
    # the text view now writes eˣ: where the output cannot hold it, it must not become the product ex
    from symdiff.render.ascii import ascii_math

    assert ascii_math(unicode_text) == ascii_text


def test_the_text_view_in_ascii_reads_as_math():
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "symdiff", "partial", "exp(x)*2^(x*y)", "x", "--no-steps"],
                          capture_output=True, timeout=600, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert done.stdout.decode("ascii").strip() == "2^(xy)*e^x*(1 + y*ln(2))"  # eˣ before a sum; the bracket in its steps' order
