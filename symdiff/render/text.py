"""Plain text: no colour, no box art; expressions in SymPy `str` syntax, so they paste back in."""

from __future__ import annotations

from ..errors import caret_lines
from ..messages import explain, message
from .notation import derivative_symbol, plain


def _point(point) -> str:
    return ", ".join(f"{plain(k)}={plain(v)}" for k, v in point.items())


def _tree(step, prefix: str, indent: str, lines: list[str]) -> None:
    lines.append(f"{indent}{prefix} d/d{plain(step.var)} [{plain(step.expr)}] = {plain(step.result)}"
                 f"   ({step.rule.replace('_', ' ')})")
    pad = indent + " " * (len(prefix) + 1)
    lines.append(f"{pad}{explain(step, plain)}")
    for i, sub in enumerate(step.substeps, 1):
        _tree(sub, f"{prefix}{i}.", pad, lines)


def render_partial(result, *, steps: bool = True, line: int | None = None) -> str:
    symbol = derivative_symbol(result.wrt)
    if not steps:
        out = plain(result.result)
        if result.value is not None:
            out += f" = {result.value:g} at {_point(result.point)}"
        return out
    lines: list[str] = []
    if line is not None:
        lines.append(f"line {line}: {result.input if result.input is not None else plain(result.expr)}")
    lines.append(f"f = {plain(result.expr)}")
    for n, d in enumerate(result.derivations):
        head = message("heading", plain, var=d.var, expr=d.expr) if n else f"∂f/∂{plain(d.var)}"
        if d.held:
            head += ", " + message("heading.held", plain, held=d.held)
        lines.append("")
        lines.append(head + ":")
        _tree(d.step, "1.", "  ", lines)
        if d.result != d.step.result:
            lines.append(f"  simplified: {plain(d.result)}")
    lines.append("")
    lines.append(f"{symbol} = {plain(result.result)}")
    if result.value is not None:
        lines.append(f"at {_point(result.point)}: {symbol} = {result.value:g}")
    return "\n".join(lines)


def render_error(text: str | None, error, *, line: int | None = None) -> str:
    where = f"line {line}" if line is not None else "error"
    lines = [f"{where}: {error.message}"]
    if text is not None and error.column is not None:
        lines.extend(caret_lines(text, error.column))
    elif text is not None:
        lines.extend(caret_lines(text, None))
    return "\n".join(lines)
