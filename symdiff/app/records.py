"""One JSON record in, one JSON record out: the unit of work for scaling out.

`process_record({"expr": "3*x**2*y**4", "wrt": ["x"]})` returns exactly the object
`symdiff partial "3*x**2*y**4" x --format json` writes, so a data-parallel framework can map it over
millions of records and the output matches the command line's line for line:

    import json
    import dask.bag as db
    from symdiff.app.records import process_record

    (db.read_text("exprs-*.jsonl").map(json.loads).map(process_record).map(json.dumps)
       .to_textfiles("results-*.jsonl"))

Unlike the command line, nothing here runs in a separate process with time and memory limits:
the framework's workers are the isolation (set their memory limits there).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..core.arguments import plain
from ..render import json as render_json
from ..scalar.coerce import InputTypeError
from .batch import run_one

COMMANDS = ("partial", "grad", "hessian", "jacobian")


def _names_field(record: Mapping, key: str, *, names_only: bool = False) -> list[str] | str | bool | None:
    """A field that names variables: a string ("x" or "x,y"), a list of strings, or absent/null.
    (`steps` may also be true or false.) Anything else would be iterated or truth-tested into
    something the record did not say: {"wrt": 5} raised, {"steps": "no"} showed the steps."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) and not names_only:
        return value
    if isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return value
    allowed = "true, false or a list of variable names" if not names_only else \
        "a variable name or a list of them (such as [\"x\", \"y\"])"
    raise InputTypeError(f"\"{key}\" must be {allowed}, not {json.dumps(value, default=repr)[:80]}")


def _compute(record: Mapping[str, Any]):
    from .. import api

    command = record.get("command", "partial")
    if not isinstance(command, str) or command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}; choose from {', '.join(COMMANDS)}")
    steps = _names_field(record, "steps")
    steps = True if steps is None else steps
    if command in ("partial", "jacobian") and not isinstance(steps, bool):
        raise InputTypeError(f"\"steps\" must be true or false for {command}")
    at = record.get("at")
    vars_ = _names_field(record, "vars", names_only=True)
    variables = _names_field(record, "variables", names_only=True) or ()
    if command == "partial":
        wrt = _names_field(record, "wrt", names_only=True)
        if wrt is None:
            wrt = _names_field(record, "var", names_only=True)
        wrt = [wrt] if isinstance(wrt, str) else list(wrt or ())
        return lambda text: api.partial(text, *wrt, at=at, variables=variables), steps
    if command in ("grad", "hessian"):
        function = api.gradient if command == "grad" else api.hessian
        return lambda text: function(text, vars=vars_, at=at, steps=steps), steps
    return lambda text: api.jacobian(text, vars=vars_, at=at, steps=steps), steps


def process_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """The result record for one input record {"command"?, "expr", "wrt"/"vars"?, "at"?, "steps"?,
    "line"?}: a result or an error object (type `syntax` for a record of the wrong shape), never an
    exception."""
    from ..core.errors import SymdiffError

    try:
        record = plain(record)
    except InputTypeError as exc:
        return render_json.error_record(None, SymdiffError(exc.message, type="syntax"))
    if not isinstance(record, Mapping):
        return render_json.error_record(None, SymdiffError(
            f"a record must be a JSON object such as {{\"expr\": \"x**2\", \"wrt\": [\"x\"]}}, not "
            f"{json.dumps(record, default=repr)[:80]}", type="syntax"))
    line = record.get("line")
    expr = record.get("expr")
    try:
        if line is not None and (isinstance(line, bool) or not isinstance(line, int) or line < 1):
            line = None
            raise InputTypeError(f"\"line\" must be a line number (a whole number from 1), not "
                                 f"{json.dumps(record.get('line'), default=repr)[:80]}")
        compute, steps = _compute(record)
        if not isinstance(expr, str):
            raise ValueError("the record has no \"expr\" string")
    except (ValueError, SymdiffError) as exc:
        message = exc.message if isinstance(exc, SymdiffError) else str(exc)
        return render_json.error_record(expr if isinstance(expr, str) else None,
                                        SymdiffError(message, type="syntax"), line=line)
    outcome = run_one(compute, expr, line)
    if not outcome.ok:
        return render_json.error_record(outcome.recorded, outcome.error, line=line)
    return render_json.record(outcome.result, steps=steps, line=line)
