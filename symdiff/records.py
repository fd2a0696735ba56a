"""One JSON record in, one JSON record out: the unit of work for scaling out.

`process_record({"expr": "3*x**2*y**4", "wrt": ["x"]})` returns exactly the object
`symdiff partial "3*x**2*y**4" x --format json` writes, so a data-parallel framework can map it over
millions of records and the output matches the command line's line for line:

    import json
    import dask.bag as db
    from symdiff.records import process_record

    (db.read_text("exprs-*.jsonl").map(json.loads).map(process_record).map(json.dumps)
       .to_textfiles("results-*.jsonl"))

Unlike the command line, nothing here runs in a separate process with time and memory limits:
the framework's workers are the isolation (set their memory limits there).
"""

from __future__ import annotations

from typing import Any

from .batch import run_one
from .render import json as render_json

COMMANDS = ("partial", "grad", "hessian", "jacobian")


def _compute(record: dict[str, Any]):
    from . import api

    command = record.get("command", "partial")
    steps = record.get("steps", True)
    at = record.get("at")
    if command == "partial":
        wrt = record.get("wrt", record.get("var", ()))
        wrt = [wrt] if isinstance(wrt, str) else list(wrt)
        return lambda text: api.partial(text, *wrt, at=at, variables=record.get("variables", ()))
    if command in ("grad", "hessian"):
        function = api.gradient if command == "grad" else api.hessian
        return lambda text: function(text, vars=record.get("vars"), at=at, steps=steps)
    if command == "jacobian":
        return lambda text: api.jacobian(text, vars=record.get("vars"), at=at, steps=steps)
    raise ValueError(f"unknown command {command!r}; choose from {', '.join(COMMANDS)}")


def process_record(record: dict[str, Any]) -> dict[str, Any]:
    """The result record for one input record {"command"?, "expr", "wrt"/"vars"?, "at"?, "steps"?,
    "line"?}: a result or an error object, never an exception."""
    from .errors import SymdiffError

    line = record.get("line")
    expr = record.get("expr")
    try:
        compute = _compute(record)
        if not isinstance(expr, str):
            raise ValueError("the record has no \"expr\" string")
    except ValueError as exc:
        return render_json.error_record(expr if isinstance(expr, str) else None,
                                        SymdiffError(str(exc), type="syntax"), line=line)
    outcome = run_one(compute, expr, line)
    if not outcome.ok:
        return render_json.error_record(outcome.echo, outcome.error, line=line)
    return render_json.record(outcome.result, steps=record.get("steps", True), line=line)
