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
from symdiff.scalar.steps import RULE_NAMES

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
    assert {"en": "Each rule applied step by step to its example, for instance the chain rule: symdiff rules chain",
            "ko": '법칙마다 예에 단계별로 적용한 풀이(예를 들어 연쇄 법칙): symdiff rules "연쇄 법칙"'}[lang] == last
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
# rewritten as a power for rewriting first), as tests/test_rule_names.py's CASES allows.
CASE_EXAMPLES = {"piecewise", "rewrite"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rule", [r for r in RULE_NAMES if r not in CASE_EXAMPLES])
def test_a_rule_has_one_label_in_the_book_and_its_steps(rule, lang):
    text = _book(lang, "text", rule)
    heading = text.splitlines()[0]
    assert _normal(heading) in {_normal(t) for t in _tags(text)}, (heading, _tags(text))
    listed = _book(lang, "text")
    assert listed.count(f"\n{heading}\n") == 1


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
