"""Markdown with $…$ and $$…$$ math, for notes (Obsidian) and worksheets."""

from __future__ import annotations

from ..messages import explain
from .notation import latex


def _d(var) -> str:
    return rf"\frac{{d}}{{d{latex(var)}}}"


def _steps(step, depth: int = 0) -> list[str]:
    pad = "  " * depth
    lines = [f"{pad}- **{step.rule.replace('_', ' ')}**: "
             rf"${_d(step.var)}\left[{latex(step.expr)}\right] = {latex(step.result)}$ — "
             f"{explain(step, lambda e: '$' + latex(e) + '$')}"]
    for sub in step.substeps:
        lines.extend(_steps(sub, depth + 1))
    return lines


def render_practice(p, *, steps: bool = True) -> str:
    title = ", ".join(r.replace("_", " ") for r in p.rules)
    lines = [f"# Practice: {title}", "", f"{len(p.exercises)} exercises (seed {p.seed}).", "", "## Exercises", ""]
    for e in p.exercises:
        lines.append(rf"{e.number}. ${_d(e.var)}\left[{latex(e.expr)}\right]$")
    lines += ["", "## Answers", ""]
    for e in p.exercises:
        lines.append(f"{e.number}. $${_d(e.var)}\\left[{latex(e.expr)}\\right] = {latex(e.answer)}$$")
        if steps:
            lines.append("")
            lines.extend("   " + line for line in _steps(e.step))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
