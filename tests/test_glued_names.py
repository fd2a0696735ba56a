"""Glued names a student did not mean (issue 16; a reviewing teacher's and a newcomer's findings).

`x^2 + 2xy` read xy as one name held constant, so a pasted note said ∂f/∂x = 2x under a formula that
reads 2·x·y. A run of plain letters glued to a number, or sharing a letter with a one-letter variable
beside it, is now a syntax error with a caret and both spellings; every other name stays a name, and
LaTeX, Markdown and MathML set a name of several letters as one word (\\mathit{wx}, <mi>wx</mi>)."""

from __future__ import annotations

import json

import pytest
import sympy
from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symdiff import api
from symdiff.core.errors import ParseError
from symdiff.scalar.parsing import FUNCTIONS, GREEK_NAMES, UNSUPPORTED_FUNCTIONS

PROPERTY = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
CLI_PROPERTY = settings(PROPERTY, max_examples=8)

HUMAN = ("text", "rich", "markdown", "latex", "html")
LANGS = ("en", "ko")
# e is left out: 2e… is a number's exponent, and e alone is Euler's number
LETTERS = "abcdfghkmnpqrstuvwxyz"


def plain_name(name: str) -> bool:
    """A name the grammar could mean as a product: not a function, a Greek letter or a constant,
    and hiding no function (xsin), which has its own error."""
    words = set(FUNCTIONS) | set(UNSUPPORTED_FUNCTIONS)
    return (name not in words and name not in GREEK_NAMES and name != "pi"
            and not any(name.endswith(f) or name.startswith(f) for f in words if len(f) > 1))


names = st.text(alphabet=LETTERS, min_size=2, max_size=3).filter(plain_name)
coefficients = st.sampled_from(["2", "3", "12", "0.5", "7"])


def plain(result) -> sympy.Expr:
    """A result with the user's plain symbols (the API's carry assumptions), to compare with sympy's."""
    return sympy.sympify(str(result.result))


def refused(expr: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        api.partial(expr, "x")
    return caught.value


@PROPERTY
@given(name=names, coefficient=coefficients)
def test_a_name_glued_to_a_number_is_refused_at_the_name(name, coefficient):
    expr = f"x^2 + {coefficient}{name}"
    error = refused(expr)
    assert error.type == "syntax"
    assert error.column == expr.index(name, len("x^2 + ") + len(coefficient)) + 1
    assert f"{coefficient}*{'*'.join(name)}" in str(error)
    assert f"--vars {name}" in str(error)


@PROPERTY
@given(name=names, data=st.data())
def test_a_short_name_sharing_a_lone_letter_is_refused(name, data):
    alone = data.draw(st.sampled_from(sorted(set(name))))
    expr = f"{alone}^2 + {name}"
    error = refused(expr)
    assert error.column == expr.rindex(name) + 1
    assert "*".join(name) in str(error)


@PROPERTY
@given(name=names, data=st.data())
def test_declaring_the_name_reads_it_as_one(name, data):
    # --vars is the way to say one name was meant: then it is held constant, as before
    alone = data.draw(st.sampled_from(sorted(set(name))))
    result = api.partial(f"{alone}^2 + 2{name}", alone, variables=[alone, name])
    assert plain(result) == 2 * sympy.Symbol(alone)


legitimate = st.sampled_from(["lr", "theta", "w1", "x_1", "alpha", "sigma", "wx", "loss", "cost", "x_y"])


@PROPERTY
@given(name=legitimate, coefficient=coefficients, spaced=st.booleans())
def test_names_that_stand_alone_keep_working(name, coefficient, spaced):
    # a multi-letter name is refused after a number only when glued to it; these are not products
    glued = coefficient + (" " if spaced or name in ("lr", "wx", "loss", "cost") else "") + name
    expr = f"{glued}*b^2 + b"
    result = api.partial(expr, "b")
    n = sympy.Rational(coefficient)
    assert sympy.simplify(plain(result) - (2 * n * sympy.Symbol(name) * sympy.Symbol("b") + 1)) == 0


@pytest.mark.parametrize("expr", ["x^2 + 2xy", "x^2 + xy", "x + y + xy", "f(x) = 3xy + x"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_issue_s_examples_fail_in_every_format(expr, lang):
    for fmt in HUMAN:
        done = invoke("partial", expr, "x", "--lang", lang, "--format", fmt)
        assert done.exit_code == 1, (fmt, done.output)
        assert "x*y" in done.stderr and "^" in done.stderr.splitlines()[-1]
        assert "∂f/∂x" not in done.stdout and "partial f" not in done.stdout
    (record,) = [json.loads(line) for line in invoke("partial", expr, "x", "--lang", lang, "--format", "json")
                 .stdout.splitlines()]
    assert set(record) == {"input", "error"} and record["error"]["type"] == "syntax"
    assert expr[record["error"]["column"] - 1:].startswith("xy")


def test_grad_no_longer_differentiates_by_a_glued_product():
    done = invoke("grad", "x^2 + 2xy", "--format", "text")
    assert done.exit_code == 1 and "∂f/∂xy" not in done.stdout


def test_a_single_letter_after_a_number_is_still_a_factor():
    assert plain(api.partial("x^2y", "x")) == 2 * sympy.Symbol("x") * sympy.Symbol("y")
    spaced = api.partial("2 xy + z", "xy")  # spaced, beside no lone x or y: 2 times the name xy
    assert plain(spaced) == 2 and not spaced.warnings


multi = st.text(alphabet=LETTERS, min_size=2, max_size=4).filter(plain_name)


@CLI_PROPERTY
@given(name=multi)
def test_a_name_of_several_letters_is_one_word_in_every_document(name):
    assume(not set(name) & {"b"})
    expr = f"({name} + b)^2"
    for lang in LANGS:
        for fmt, shown in (("markdown", rf"\mathit{{{name}}}"), ("latex", rf"\mathit{{{name}}}"),
                           ("html", f"<mi>{name}</mi>")):
            done = invoke("grad", expr, "--lang", lang, "--format", fmt)
            assert done.exit_code == 0, done.output
            assert shown in done.stdout, (fmt, lang)
            # never the letters set side by side as a product
            assert f"{{{name}}}" in done.stdout or fmt == "html"
            assert f" {name} " not in done.stdout.replace(rf"\mathit{{{name}}}", "")


def test_the_newcomer_s_loss_shows_wx_as_one_name():
    done = invoke("grad", "(wx + b - y)^2", "--format", "markdown")
    assert r"\mathit{wx}" in done.stdout and r"\partial \mathit{wx}" in done.stdout
