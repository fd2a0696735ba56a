"""One rule, one name: the rule book's heading, a step's tag and the name every explanation of the rule
opens with are the same words, in each language and in the matrix catalogue too. A reviewer found the
sum rule named two ways in Korean (합의 미분법 in the steps, 합·차의 미분법 in the rule book)."""

from __future__ import annotations

import re

import pytest

from symdiff.core.messages import _GLOSS, CATALOGUES, _name_and_rest, rule_heading, rule_label
import symdiff.matrix.messages  # noqa: F401  (the matrix catalogue joins the one table)
from symdiff.scalar.steps import RULE_NAMES

# Explanations that name the one case of their rule they apply, not the rule again: atan2, relu, the
# sigmoid's sibling softplus, what a rewriting rewrites, a product of many factors, the element-wise
# matrix chain rule and a matrix's power. ln is not one: a teacher read "Log rule" in the rule book and
# "Natural log rule" in the steps as two rules.
CASES = {"inverse_trig.atan2", "piecewise.relu", "special.softplus", "rewrite.root",
         "rewrite.reciprocal", "rewrite.sinc", "product.many", "product.many.pieces", "matrix.chain",
         "matrix.power.matrix", "sum", "sum.difference"}  # a sum and a difference: the sum and difference rule's cases


def _normal(name: str) -> str:
    return _GLOSS.sub("", name).strip().lower().removesuffix(" rule")


def names_of(rule: str, lang: str) -> dict[str, str]:
    """Every name the catalogue gives `rule` in `lang`, by where it is given."""
    names = {"title": rule_heading(rule, lang)}
    if lang != "en":  # English labels are the contract's keys, as `practice --rules` takes them
        names["label"] = rule_label(rule, lang)
    for key, template in CATALOGUES[lang].items():
        own = key.removeprefix("matrix.")
        if (own == rule or own.startswith(rule + ".")) and not re.search(r"\.closing(\.|$)", key) and key not in CASES:
            head, _ = _name_and_rest(template)
            if head is not None:
                names[key] = head
    return names


def test_the_scan_reads_every_catalogue():
    # guards the test below: the names come from steps' explanations and the matrix catalogue alike
    found = names_of("sum", "ko")
    assert {"title", "label", "sum.both", "matrix.sum"} <= set(found)
    assert set(names_of("chain", "en")) >= {"title", "chain.pieces", "matrix.chain.scalar"}


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
@pytest.mark.parametrize("rule", RULE_NAMES)
def test_a_rule_has_one_name(rule, lang):
    names = names_of(rule, lang)
    assert len({_normal(n) for n in names.values()}) == 1, names


def test_two_names_for_one_rule_are_found():
    # the check is live: the catalogue as the reviewers found it fails it
    names = names_of("sum", "ko") | {"sum": "합의 미분법: {count:개의} 항을 각각 미분하여 더합니다."}
    names["sum"] = _name_and_rest(names["sum"])[0]
    assert len({_normal(n) for n in names.values()}) == 2


def test_the_textbook_name_is_the_one():
    assert rule_heading("sum", "ko") == rule_label("sum", "ko") == "합·차의 미분법"
    assert re.match("합·차의 미분법: ", CATALOGUES["ko"]["sum.both"])
    # its cases, as a textbook names them
    assert re.match("합의 미분법: ", CATALOGUES["ko"]["sum"]) and re.match("차의 미분법: ", CATALOGUES["ko"]["sum.difference"])
    assert rule_heading("sum", "en") == "sum and difference rule"
