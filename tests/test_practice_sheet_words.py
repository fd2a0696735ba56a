"""A worksheet a teacher would sign: an answer with a root states where it holds (x > 0, as partial's
cautions do); the answers' steps stay inside their numbered items in Markdown (a bullet at the margin
ended the list, and note apps numbered every answer 1.); the closing line is a teacher's note on making
the sheet again, with no word of the program (seed, option) in it."""

from __future__ import annotations

import re

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.features.practice import practice

LANGS = ["en", "ko"]
RULE_SETS = [["quotient"], ["product", "chain"], ["rewrite", "quotient"], ["chain"], ["product"]]


def _even_root_of_x(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    # √x, x^(3/4), and an even root in a denominator (1/√x): each defined only where x > 0 (or ≥ 0)
    return any(p.exp.is_Rational and (0 < p.exp < 1 or (p.exp < 0 and not p.exp.is_integer)) and p.exp.q % 2 == 0
               and x in p.base.free_symbols and not p.base.is_positive for p in expr.atoms(sympy.Pow))


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(RULE_SETS), st.integers(0, 2**16))
def test_an_answer_with_a_root_says_where_it_holds(rules, seed):
    for e in practice(rules, count=4, seed=seed).exercises:
        kinds = {note.kind for note in e.notes}
        assert _even_root_of_x(e.expr, e.var) == ("root_domain" in kinds), (e.expr, kinds)


@pytest.mark.parametrize("lang, said", [("en", "  2. 7·(1 − 3·x²)/(2·√x·(x² + 1)²), for x > 0\n"),
                                        ("ko", "  2. 7·(1 − 3·x²)/(2·√x·(x² + 1)²) (단, x > 0)\n")])
def test_the_teachers_sheet_states_x_positive(lang, said):
    # quotient, seed 1: its second exercise is 7√x/(x² + 1); an answer key writes the condition with the answer
    text = invoke("practice", "--rules", "quotient", "--count", "2", "--seed", "1", "--lang", lang).stdout
    assert said in text and not re.search("Caution|주의", text), text[-500:]
    markdown = invoke("practice", "--rules", "quotient", "--count", "2", "--seed", "1", "--lang", lang,
                      "--format", "markdown").stdout
    answer = markdown.split("## ")[-1].split("\n2. ")[-1]
    assert {"en": "(for $x > 0$)", "ko": "(단, $x > 0$)"}[lang] in answer.split("\n   - ")[0], answer[:300]


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(RULE_SETS), st.integers(0, 2**16), st.sampled_from(LANGS))
def test_every_answer_carries_its_conditions_on_its_own_line(rules, seed, lang):
    from symdiff.core.messages import language
    from symdiff.render.notation import unicode

    sheet = practice(rules, count=3, seed=seed)
    text = invoke("practice", "--rules", ",".join(rules), "--count", "3", "--seed", str(seed), "--lang", lang).stdout
    lines = text.splitlines()
    for e in sheet.exercises:
        answer_line = next(line for line in lines if line.startswith(f"  {e.number}. ") and "d/dx" not in line)
        with language(lang):
            for c in e.conditions:
                assert c.printed(unicode) in answer_line, (answer_line, e.expr)
        if not e.conditions:
            assert "for " not in answer_line and "(단," not in answer_line, answer_line
    # the conditions are not said again after the steps
    assert not re.search(r"^\s+(Caution|주의): ", text, re.M), text


ORDERS = [["power", "chain"], ["chain", "power"], ["product", "chain"], ["chain", "product"], ["quotient", "power"],
          ["power", "quotient"], ["chain", "product", "power"], ["power", "product", "chain"]]


@settings(max_examples=16, deadline=None)
@given(st.sampled_from(ORDERS), st.sampled_from(LANGS), st.sampled_from(["text", "markdown"]), st.integers(0, 50))
def test_the_heading_names_the_rules_in_the_order_asked(rules, lang, fmt, seed):
    from symdiff.core.messages import rule_label

    out = invoke("practice", "--rules", ",".join(rules), "--count", "1", "--seed", str(seed), "--lang", lang,
                 "--format", fmt).stdout
    head = out.splitlines()[0]
    assert head.lstrip("# ").startswith({"en": f"Worksheet {seed} · ", "ko": f"문제지 {seed} · "}[lang]), head
    names = [rule_label(r, lang) for r in rules]
    places = [head.index(n) for n in names]
    assert places == sorted(places), (rules, head)


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(RULE_SETS), st.integers(0, 2**16), st.sampled_from(LANGS), st.integers(2, 4))
def test_markdown_answers_stay_one_numbered_list(rules, seed, lang, count):
    sheet = invoke("practice", "--rules", ",".join(rules), "--count", str(count), "--seed", str(seed),
                   "--lang", lang, "--format", "markdown").stdout
    answers = sheet.split("\n## ")[-1].splitlines()[1:]
    items = [n for n, line in enumerate(answers) if re.match(r"\d+\. ", line)]
    assert [int(answers[n].split(".")[0]) for n in items] == list(range(1, len(items) + 1))
    # between the first answer and the last one's end, every line is blank, an item, or indented under one
    last = max(n for n, line in enumerate(answers) if line.startswith("   ")) if len(items) else 0
    for line in answers[items[0]:last + 1]:
        assert not line or re.match(r"\d+\. |   ", line), line


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "html"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_closing_line_is_a_teachers_note_without_the_programs_words(lang, fmt):
    sheet = invoke("practice", "--rules", "product,chain", "--count", "3", "--seed", "3", "--lang", lang,
                   "--format", fmt).stdout
    closing = [line for line in sheet.splitlines() if "3" in line and ("worksheet" in line or "문제지" in line)]
    assert closing, sheet[-300:]
    for line in closing:
        assert not re.search(r"seed|시드|--|symdiff|option|옵션", line, re.I), line
