"""The rule book a teacher would sign: it lists rules, says its conventions as mathematics, names each
rule once, and keeps the command hint out of the list; its worked example ends as every other
derivation does (markup.tidy_lines)."""

from __future__ import annotations

import re

import pytest

from helpers import invoke
from symdiff.api import partial
from symdiff.core.messages import language, rule_heading
from symdiff.features.rulebook import RuleBook
from symdiff.render import show
from symdiff.features.rulebook import LISTED
from symdiff.scalar.parsing import parse
from symdiff.scalar.steps import RULE_EXAMPLES, RULE_NAMES
import sympy

LANGS = ["en", "ko"]
BOOK_FORMATS = ["text", "markdown"]


def _book(lang: str, fmt: str, *args: str) -> str:
    result = invoke("rules", *args, "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", BOOK_FORMATS)
def test_no_sentence_of_the_book_is_about_the_program(lang, fmt):
    # the tool is named once: the usage hint, the book's last line, after the list
    lines = [line for line in _book(lang, fmt).splitlines() if line.strip()]
    hint = lines[-1]
    assert re.search(r'`?symdiff rules ("[^"]+"|\S+)`?$', hint), hint
    about = [line for line in lines[:-1] if re.search(r"symdiff|sympy", line, re.I)]
    assert not about, about


@pytest.mark.parametrize("lang", LANGS)
def test_the_hint_is_a_usage_line_apart_from_the_rules(lang):
    text = _book(lang, "text")
    *body, last = text.rstrip("\n").split("\n")
    assert body[-1] == "", body[-2:]  # a blank line between the last rule and the hint
    assert {"en": "Worked example of one rule, step by step (here the chain rule): symdiff rules chain",
            "ko": '한 법칙의 예를 단계별로 푼 풀이(여기서는 연쇄 법칙): symdiff rules "연쇄 법칙"'}[lang] == last
    # the caption names no option and says nothing of the program before its command
    label = last.partition(": ")[0]
    assert not re.search(r"--|symdiff|command|run", label, re.I), label
    # the hint's command runs and works the rule through
    command = last.partition(": ")[2].split(" ", 2)[2].strip('"')
    assert _book(lang, "text", command).startswith(rule_heading("chain", lang)[:1].upper())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", BOOK_FORMATS)
def test_relu_convention_said_as_mathematics(lang, fmt):
    book = re.sub(r"[$]|\\left|\\right", "", _book(lang, fmt)).replace("'", "′")
    book = re.sub(r"\\operatorname\{(\w+)\}", r"\1", book)
    said = {"en": "; at 0 we take relu′(0) = 0", "ko": "0에서는 relu′(0) = 0으로 둡니다."}[lang]
    assert said in book, book


def _tags(text: str) -> list[str]:
    """The tags of a worked example's steps: "(log)" after each line, the first step's first (the
    log rule's example ln(x² + 1) is worked by the chain rule, with the log rule a step inside it)."""
    return re.findall(r"^ +[0-9.]+\. .*\(([^()]*)\)$", text, re.M)


def _normal(name: str) -> str:
    return re.sub(r"\s*\([^()]*\)$", "", name).strip().lower().removesuffix(" rule")


# The examples whose step names the case of the rule it applies (relu for the piecewise rule, the root
# rewritten as a power for rewriting first, a sum's example the sum rule of the book's sum and difference
# rule), as tests/test_rule_names.py's CASES allows.
CASE_EXAMPLES = {"piecewise", "rewrite", "sum"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rule", [r for r in RULE_NAMES if r not in CASE_EXAMPLES])
def test_a_rule_has_one_label_in_the_book_and_its_steps(rule, lang):
    text = _book(lang, "text", rule)
    heading = text.splitlines()[0]
    assert _normal(heading) in {_normal(t) for t in _tags(text)}, (heading, _tags(text))
    listed = _book(lang, "text")
    assert listed.count(f"\n{heading}\n") == (rule in LISTED)


@pytest.mark.parametrize("lang", LANGS)
def test_ln_is_named_as_the_book_names_the_log_rule(lang):
    # "Log rule" in the book and "natural log rule" in the steps read as two rules
    steps = invoke("partial", "ln(x**2)", "x", "--lang", lang).stdout
    label = {"en": r"\(log( rule)?\)", "ko": r"\(로그함수의 미분\)"}[lang]
    assert re.search(label, steps) and "natural log rule" not in steps.lower() and "자연로그의 미분" not in steps
    assert f"\n{rule_heading('log', lang)[:1].upper()}{rule_heading('log', lang)[1:]}\n" in _book(lang, "text")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("expr", ["x**2*exp(x)", "(x**2 + 1)/(x - 1)"])
def test_worked_example_ends_as_every_derivation_does(expr, lang):
    # the same tidy lines as `partial`'s Markdown (the factoring, then "Simplified"/"정리하면 …입니다"),
    # not a label of the book's own
    d = partial(expr, "x").derivations[0]
    assert d.result != d.step.result  # the case: a tidy form after the steps
    with language(lang):
        book = show("markdown", RuleBook(("product",), (d,), worked=True))
        alone = show("markdown", partial(expr, "x"))
    top = [line for line in alone.splitlines() if line.startswith("- ")]  # the root step, then the tidy lines
    tidy = top[1:]
    assert tidy, alone
    assert all(line in book.splitlines() for line in tidy), (tidy, book)
    if lang == "ko":
        assert re.search(r"^- \*\*정리하면\*\* .*입니다\.$", book, re.M), book


@pytest.mark.parametrize("lang", LANGS)
def test_the_list_is_of_rules_only(lang):
    # the fallback for a function with no rule (the Dirac delta) is no rule a student learns
    book = _book(lang, "text")
    assert rule_heading("unknown", lang) not in book and "δ" not in book
    assert _book(lang, "text", "unknown").startswith(_capital(rule_heading("unknown", lang)) + "\n")


def _capital(heading: str) -> str:
    return heading[:1].upper() + heading[1:]


@pytest.mark.parametrize("rule", LISTED)
def test_each_example_is_an_ordinary_derivative_of_x_alone(rule):
    # an example under d/dx holds no other variable: ∂/∂x [y²] read beside d/dx c = 0 confuses
    expr = parse(RULE_EXAMPLES[rule])
    assert {s.name for s in expr.free_symbols} <= {"x"}, expr
    line = next(line for line in _book("en", "text").split(f"\n{_capital(rule_heading(rule, 'en'))}\n")[1].splitlines()
                if line.strip().startswith("Example:"))
    assert "d/dx [" in line and "∂" not in line, line


# every function the family rules differentiate, by the name the statements write it
FAMILIES = {
    "hyperbolic": {"sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh, "coth": sympy.coth,
                   "sech": sympy.sech, "csch": sympy.csch},
    "inverse_trig": {"arcsin": sympy.asin, "arccos": sympy.acos, "arctan": sympy.atan, "arccot": sympy.acot,
                     "arcsec": sympy.asec, "arccsc": sympy.acsc},
    "inverse_hyperbolic": {"arsinh": sympy.asinh, "arcosh": sympy.acosh, "artanh": sympy.atanh,
                           "arcoth": sympy.acoth, "arsech": sympy.asech, "arcsch": sympy.acsch},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("family", FAMILIES)
def test_each_function_of_a_family_is_stated_with_its_sign(family, lang):
    # "the other three alike" hid that coth′, sech′ and csch′ are negative: each is written out, and its
    # leading sign is the one SymPy's derivative leads with
    from symdiff.core.messages import CATALOGUES

    statement = CATALOGUES[lang][f"statement.{family}"].replace("⟦", "").replace("⟧", "")
    x = sympy.Symbol("x")
    for name, function in FAMILIES[family].items():
        found = re.search(rf"(?<![a-z]){name}′(?:\(x\))? = (−?)", statement)
        assert found, (name, statement)
        slope = sympy.diff(function(x), x)
        # at x = 1/2 every hyperbolic function is positive, so sech′ = −sech tanh's sign is its leading one;
        # an inverse's derivative is written as SymPy leads it (1/(1 − x²) for arcoth, −1/(x√(1 − x²)))
        negative = slope.subs(x, sympy.Rational(1, 2)) < 0 if family == "hyperbolic" else slope.could_extract_minus_sign()
        assert (found.group(1) == "−") == bool(negative), (name, slope)
