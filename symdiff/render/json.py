"""JSON records of ../shared/CONTRACT.md, one per input line (JSON Lines)."""

from __future__ import annotations

import json

import sympy

from ..messages import explain
from .notation import plain


def partial_record(result, *, steps: bool = True, line: int | None = None) -> dict:
    record: dict = {"command": "partial"}
    if result.input is not None:
        record["input"] = result.input
    if line is not None:
        record["line"] = line
    record.update({
        "expr": plain(result.expr),
        "wrt": [plain(v) for v in result.wrt],
        "result": plain(result.result),
        "latex": sympy.latex(result.result),
    })
    # Which variables each differentiation held constant: the heart of a partial derivative.
    record["held_constant"] = [[plain(s) for s in d.held] for d in result.derivations]
    if steps:
        record["steps"] = [d.step.to_dict(explain, plain) for d in result.derivations]
    if result.value is not None:
        record["value"] = result.value
        record["at"] = {plain(k): plain(v) for k, v in result.point.items()}
    return record


def error_record(text: str | None, error, *, line: int | None = None) -> dict:
    record: dict = {}
    if text is not None:
        record["input"] = text
    if line is not None:
        record["line"] = line
    record["error"] = error.to_dict()
    return record


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)
