"""`symdiff rules`: every differentiation rule in one line, with an example, or one rule worked through.

Nothing here restates a rule: the names are `steps.RULE_NAMES`, the one-line statements and every
step's explanation come from the message catalogue, and each example is differentiated by the rules
themselves (`steps.RULE_EXAMPLES` only says which expression shows the rule).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..api import Derivation, partial
from ..core.errors import SymdiffError
from ..scalar.steps import RULE_EXAMPLES, RULE_NAMES


# The list a student reads: every rule but the fallback, which is no rule of differentiation (the Dirac
# delta's derivative is defined, not derived); `symdiff rules unknown` still shows it by name.
LISTED = tuple(n for n in RULE_NAMES if n != "unknown")


@dataclass
class RuleBook:
    """The rules asked for, each with its example differentiated; `worked` when one rule was asked
    for, so its example is shown step by step."""

    rules: tuple[str, ...]
    examples: tuple[Derivation, ...]
    worked: bool
    input: str | None = None
    command: str = field(default="rules", repr=False)


def rule_name(text: str) -> str:
    """The rule `text` names (`chain`, `Constant-Multiple`, `general power`); a `SymdiffError` of type
    syntax naming every rule otherwise."""
    name = "_".join(text.strip().lower().replace("-", " ").split())
    if name in RULE_NAMES:
        return name
    named = _labelled().get(_squeezed(text))
    if named is not None:  # as the views name it: 연쇄법칙, 합성함수의 미분법, "chain rule"
        return named
    close = difflib.get_close_matches(name, RULE_NAMES, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    raise SymdiffError(f"no rule named {text!r}; {hint}the rules are {', '.join(RULE_NAMES)}", type="syntax")


def rulebook(name: str | None = None) -> RuleBook:
    """Every rule (`name` None) or the one `name` names, each with its example differentiated by x."""
    names = LISTED if name is None else (rule_name(name),)
    examples = tuple(partial(RULE_EXAMPLES[n], "x").derivations[0] for n in names)
    for d in examples:  # the book asks d/dx [xˣ] and names no function f: logarithmic differentiation lets y = xˣ
        d.step.named = None
    return RuleBook(names, examples, worked=name is not None)


def _squeezed(text: str) -> str:
    return "".join(text.lower().replace("-", " ").replace("_", " ").split())


def _labelled() -> dict[str, str]:
    """Each rule by the names the views show it under, in every language: its label, the label
    without its gloss and the gloss alone (합성함수의 미분법(연쇄 법칙)), and in English with "rule"."""
    import re

    from ..core.messages import CATALOGUES, rule_heading, rule_label

    names = {}
    for rule in RULE_NAMES:
        for lang in CATALOGUES:
            label = rule_heading(rule, lang)
            pieces = [label, rule_label(rule, lang), *re.fullmatch(r"(.*?)(?:\((.*)\))?", label).groups()]
            for piece in filter(None, pieces):
                names.setdefault(_squeezed(piece), rule)
                names.setdefault(_squeezed(piece + " rule"), rule)
    return names
