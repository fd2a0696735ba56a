"""The terminal view: a Rich panel per derivation with the step tree, Unicode math and colour.

Every piece of math is a `Text` (never markup), so `[` in an expression is never read as a style.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from ..messages import explain, message
from .notation import derivative_symbol, unicode

RULE_STYLE = "bold cyan"
MATH_STYLE = "bold"
RESULT_STYLE = "bold green"


def _label(step) -> Text:
    label = Text(no_wrap=False)
    label.append(step.rule.replace("_", " "), RULE_STYLE)
    label.append("  ")
    label.append(f"d/d{unicode(step.var)} [{unicode(step.expr)}] = ", MATH_STYLE)
    label.append(unicode(step.result), RESULT_STYLE)
    label.append("\n")
    label.append(explain(step, unicode), "italic dim")
    return label


def _tree(step, tree: Tree) -> None:
    node = tree.add(_label(step))
    for sub in step.substeps:
        _tree(sub, node)


def render_partial(result, console: Console, *, steps: bool = True, line: int | None = None) -> None:
    symbol = derivative_symbol(result.wrt, printer=unicode)
    answer = Text()
    answer.append(f"{symbol} = ", MATH_STYLE)
    answer.append(unicode(result.result), RESULT_STYLE)
    if result.value is not None:
        point = ", ".join(f"{unicode(k)} = {unicode(v)}" for k, v in result.point.items())
        answer.append(f"\nat {point}: ", MATH_STYLE)
        answer.append(f"{result.value:g}", RESULT_STYLE)
    if not steps:
        console.print(answer)
        return
    parts = []
    for n, d in enumerate(result.derivations):
        head = Text()
        if n == 0:
            head.append(f"∂f/∂{unicode(d.var)}", "bold magenta")
        else:
            head.append(message("heading", unicode, var=d.var, expr=d.expr), "bold magenta")
        if d.held:
            head.append("  " + message("heading.held", unicode, held=d.held), "yellow")
        tree = Tree(head, guide_style="dim")
        _tree(d.step, tree)
        parts.append(tree)
        if d.result != d.step.result:
            parts.append(Text(f"simplified: {unicode(d.result)}", "dim"))
    parts.append(Text())
    parts.append(answer)
    title = Text(f"f = {unicode(result.expr)}", MATH_STYLE)
    if line is not None:
        title = Text(f"line {line}: ", "dim") + title
    console.print(Panel(Group(*parts), title=title, title_align="left", expand=False))


def render_error(console: Console, text: str | None, error, *, line: int | None = None) -> None:
    from .text import render_error as plain_error

    console.print(Text(plain_error(text, error, line=line), "red"))
