"""Shared pieces of the document formats (LaTeX, Markdown, HTML): explanations whose words are
escaped for the format and whose mathematics is typeset in it."""

from __future__ import annotations

import re
from typing import Callable

from ..core.messages import explain, message, named_explanation, rule_label

_TOKEN = re.compile("\x00(\\d+)\x01")


def with_math(render_text: Callable[[Callable], str], math: Callable, escape: Callable[[str], str]) -> str:
    """`render_text(printer)` builds a sentence with `printer(expr)` for each value; here each value
    becomes `math(expr)` and everything else goes through `escape`. Values are passed through as
    tokens, so escaping never touches the mathematics."""
    parts: list[str] = []

    def printer(expr) -> str:
        parts.append(math(expr))
        return f"\x00{len(parts) - 1}\x01"

    return _TOKEN.sub(lambda m: parts[int(m.group(1))], escape(render_text(printer)))


def explanation(step, math: Callable, escape: Callable[[str], str]) -> str:
    return with_math(lambda printer: explain(step, printer), math, escape)


def labelled(step, math: Callable, escape: Callable[[str], str]) -> tuple[str, str]:
    """A step's label (the name its explanation begins with, else the rule's name), not yet escaped,
    and the rest of its explanation, so that a line names its rule once."""
    names: list = []

    def render(printer) -> str:
        name, body = named_explanation(step, printer)
        names.append(name)
        return body

    body = with_math(render, math, escape)
    return names[0] or rule_label(step.rule), body


def heading_held(held, math: Callable, escape: Callable[[str], str]) -> str:
    return with_math(lambda printer: message("heading.held", printer, held=held), math, escape)
