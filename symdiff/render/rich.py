"""The terminal view: a Rich panel per result with step trees, tables and Unicode math.

Every piece of math is a `Text` (never markup), so `[` in an expression is never read as a style.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..messages import explain, message, rule_label
from .notation import abbreviated, derivative_symbol, unicode

brief = abbreviated(unicode)
from .text import INLINE_MAX, check_lines

RULE_STYLE = "bold cyan"
MATH_STYLE = "bold"
RESULT_STYLE = "bold green"
HEAD_STYLE = "bold magenta"


def _num(v: float) -> str:
    return f"{v:.6g}"


def _label(step) -> Text:
    label = Text()
    label.append(rule_label(step.rule), RULE_STYLE)
    label.append("  ")
    label.append(f"d/d{unicode(step.var)} [{brief(step.expr)}] = ", MATH_STYLE)
    label.append(brief(step.result), RESULT_STYLE)
    label.append("\n")
    label.append(explain(step, brief), "italic dim")
    return label


def _add(step, tree: Tree) -> None:
    node = tree.add(_label(step))
    for sub in step.substeps:
        _add(sub, node)


def step_tree(step, head: Text) -> Tree:
    tree = Tree(head, guide_style="dim")
    _add(step, tree)
    return tree


def _derivation(d, head_text: str) -> list:
    head = Text(head_text, HEAD_STYLE)
    if d.held:
        head.append("  " + message("heading.held", unicode, held=d.held), "yellow")
    parts = [step_tree(d.step, head)]
    if d.result != d.step.result:
        parts.append(Text(f"{message('simplified')}: {unicode(d.result)}", "dim"))
    return parts


def _equation(left: str, right: str) -> Text:
    t = Text()
    t.append(f"{left} = ", MATH_STYLE)
    t.append(right, RESULT_STYLE)
    return t


def _point(point) -> str:
    return ", ".join(f"{unicode(k)} = {unicode(v)}" for k, v in point.items())


def _check(result) -> list:
    lines = check_lines(getattr(result, "check", None))
    style = "red bold" if lines and "DISAGREES" in lines[0] else "dim"
    return [Text(line, style) for line in lines]


def _panel(console: Console, parts: list, title: str, line: int | None) -> None:
    head = Text(title, MATH_STYLE)
    if line is not None:
        head = Text(f"line {line}: ", "dim") + head
    console.print(Panel(Group(*parts), title=head, title_align="left", expand=False))


def _matrix(rows, row_names, col_names, fmt=unicode) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    table.add_column("")
    for name in col_names:
        table.add_column(name)
    for name, row in zip(row_names, rows):
        table.add_row(Text(name, "bold"), *[Text(fmt(e)) for e in row])
    return table


def render_partial(result, console: Console, *, steps: bool = True, line: int | None = None) -> None:
    symbol = derivative_symbol(result.wrt, printer=unicode)
    answer = _equation(symbol, unicode(result.result))
    if result.value is not None:
        answer.append(f"\nat {_point(result.point)}: ", MATH_STYLE)
        answer.append(_num(result.value), RESULT_STYLE)
    if result.shared is not None:
        answer.append(f"\nwith its repeated parts named: {symbol} = ", "dim")
        answer.append(unicode(result.shared.reduced), RESULT_STYLE)
        for name, e in result.shared.replacements:
            answer.append(f"\n    {unicode(name)} = {unicode(e)}", "dim")
    if not steps:
        console.print(answer)
        for t in _check(result):
            console.print(t)
        return
    parts = []
    for n, d in enumerate(result.derivations):
        head = message("heading", unicode, var=d.var, expr=d.expr) if n else f"∂f/∂{unicode(d.var)}"
        parts.extend(_derivation(d, head))
    parts += [Text(), answer, *_check(result)]
    _panel(console, parts, f"f = {unicode(result.expr)}", line)


def render_grad(result, console: Console, *, steps: bool = True, line: int | None = None) -> None:
    parts = []
    if steps:
        for d in result.partials:
            if d.step is not None:
                parts.extend(_derivation(d, f"∂f/∂{unicode(d.var)}"))
                parts.append(_equation(f"  ∂f/∂{unicode(d.var)}", unicode(d.result)))
        if result.steps_omitted:
            parts.append(Text(f"(steps for the other {result.steps_omitted} partials are not shown; "
                              "--var NAME shows the steps for NAME)", "dim"))
        parts.append(Text())
    if len(result.vars) <= INLINE_MAX:
        parts.append(_equation("∇f", "[" + ", ".join(unicode(e) for e in result.gradient) + "]ᵀ"))
    else:
        parts.append(Text("∇f", HEAD_STYLE))
        parts.extend(_equation(f"  ∂f/∂{unicode(d.var)}", unicode(d.result)) for d in result.partials)
    if result.value is not None:
        parts.append(Text(f"at {_point(result.point)}:", MATH_STYLE))
        parts.append(_equation("  ∇f", "[" + ", ".join(_num(v) for v in result.value) + "]ᵀ"))
        parts.append(_equation("  |∇f|", _num(result.norm)))
        if result.ascent is None:
            parts.append(Text("  ∇f = 0: a stationary point (a minimum, a maximum or a saddle)", "yellow"))
        else:
            parts.append(Text("  steepest ascent (f rises fastest): ∇f/|∇f| = ["
                              + ", ".join(_num(v) for v in result.ascent) + "]ᵀ", "green"))
            parts.append(Text("  steepest descent (gradient descent steps this way): -∇f/|∇f| = ["
                              + ", ".join(_num(v) for v in result.descent) + "]ᵀ", "cyan"))
    if result.direction is not None:
        parts.append(_equation("D_u f = ∇f·u, u = [" + ", ".join(unicode(u) for u in result.direction) + "]ᵀ",
                               unicode(result.directional)))
        if result.directional_value is not None:
            parts.append(Text(f"  at the point: ∇f·u = {_num(result.directional_value)} (largest along ∇f, "
                              f"where it is |∇f| = {_num(result.norm)})", "cyan"))
    parts.extend(_check(result))
    _panel(console, parts, f"f = {unicode(result.expr)}", line)


def render_hessian(result, console: Console, *, steps: bool = True, line: int | None = None) -> None:
    names = [unicode(v) for v in result.vars]
    parts = []
    if steps:
        for d in result.gradient.partials:
            if d.step is not None:
                parts.extend(_derivation(d, f"∂f/∂{unicode(d.var)}"))
        for (i, j), step in sorted(result.second_steps.items()):
            name = f"∂²f/∂{names[i]}²" if i == j else f"∂²f/∂{names[j]}∂{names[i]}"
            parts.append(step_tree(step, Text(f"{name} = ∂/∂{names[j]} of ∂f/∂{names[i]}", HEAD_STYLE)))
        parts.append(Text())
    if len(result.vars) <= INLINE_MAX:
        parts.append(Text("H", HEAD_STYLE))
        parts.append(_matrix(result.matrix, names, names))
    else:
        parts.append(Text("nonzero second partials", HEAD_STYLE))
        for (i, j), e in sorted(result.entries.items()):
            parts.append(_equation(f"  ∂²f/∂{names[i]}∂{names[j]}", unicode(e)))
    bad = [(i, j) for (i, j), same in result.schwarz.items() if not same]
    if result.schwarz:
        parts.append(Text(f"mixed partials agree in either order for all {len(result.schwarz)} pair{'s' if len(result.schwarz) != 1 else ''} "
                          "(Schwarz's theorem): H is symmetric" if not bad else
                          "mixed partials that differ by order: "
                          + ", ".join(f"{names[i]},{names[j]}" for i, j in bad), "dim" if not bad else "red"))
    if result.value is not None and len(result.vars) <= INLINE_MAX:
        parts.append(Text(f"at {_point(result.point)}:", MATH_STYLE))
        parts.append(_matrix(result.value, names, names, _num))
    parts.extend(_check(result))
    _panel(console, parts, f"f = {unicode(result.expr)}", line)


def render_jacobian(result, console: Console, *, steps: bool = True, line: int | None = None) -> None:
    parts = []
    rows = [f"f{i}" for i in range(1, len(result.functions) + 1)]
    for name, f in zip(rows, result.functions):
        parts.append(_equation(name, unicode(f)))
    if steps:
        for name, row in zip(rows, result.entries):
            for d in row:
                if d.step is not None:
                    parts.extend(_derivation(d, f"∂{name}/∂{unicode(d.var)}"))
    parts.append(Text(f"J ({len(result.functions)}×{len(result.vars)}), entry (i, j) = ∂f_i/∂x_j", HEAD_STYLE))
    cols = [unicode(v) for v in result.vars]
    parts.append(_matrix(result.matrix, rows, cols))
    if result.value is not None:
        parts.append(Text(f"at {_point(result.point)}:", MATH_STYLE))
        parts.append(_matrix(result.value, rows, cols, _num))
    parts.extend(_check(result))
    _panel(console, parts, "Jacobian", line)


def _via_text(title: str):
    """Commands whose terminal view is their text view in a panel (still no markup, no guessing)."""
    def render_panel(result, console: Console, *, steps: bool = True, line: int | None = None) -> None:
        from . import text

        body = text.render(result, steps=steps, line=None)
        style = {"right": "green", "wrong": "red", "unreadable": "yellow"}.get(getattr(result, "verdict", ""), "")
        _panel(console, [Text(body, style)], title, line)

    return render_panel


_RENDERERS = {"partial": render_partial, "grad": render_grad, "hessian": render_hessian,
              "jacobian": render_jacobian, "check": _via_text("check"), "implicit": _via_text("implicit"),
              "tangent": _via_text("tangent"), "practice": _via_text("practice"),
              "descend": _via_text("gradient descent")}


def render(result, console: Console, *, steps: bool = True, line: int | None = None) -> None:
    if result.command in ("matrix", "backprop"):
        from . import matrix

        return matrix.view(result, "rich")(result, console, steps=steps, line=line)
    _RENDERERS[result.command](result, console, steps=steps, line=line)
