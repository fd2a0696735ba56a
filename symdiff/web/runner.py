"""One web request as one run of the command line: the same argument checks, worker pool, limits
and renderers as `symdiff COMMAND ... --format json`, so the server's answer is the command line's
record by construction rather than by a second implementation that could drift from it.

A request's fields become an argument list (every option as `--name=value`, then `--` before the
positional arguments, so no text a visitor typed is ever read as an option: `--file=/etc/passwd`
is an expression, and a wrong one). The app runs in this process with in-memory streams
(`symdiff.app.environment`), and the expression itself is worked on in a forked worker with the
time and memory limits, as on the command line.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# The commands the page and the API offer: those whose input is text typed into one box. (tangent,
# descend, practice and rules have their own options; the command line has them.)
COMMANDS = ("partial", "grad", "hessian", "jacobian", "matrix", "backprop", "check", "implicit")
FORMATS = ("json", "markdown", "latex", "html")
LANGS = ("en", "ko")
LAYOUTS = ("mixed", "denominator", "numerator")
LOSSES = ("mse", "ce")
# The options of each command a request may set, beyond expr, lang, format and steps. No option
# that names a file (--file, --plot, backprop's --at): the server reads and writes no file for a
# visitor.
FIELDS = {
    "partial": ("var", "vars", "at"),
    "grad": ("vars", "at"),
    "hessian": ("vars", "at"),
    "jacobian": ("vars", "at"),
    "matrix": ("wrt", "shape", "layout"),
    "backprop": ("layers", "activation", "output", "loss"),
    "check": ("var", "answer"),
    "implicit": ("dx", "dy", "at"),
}
# Error types of the contract and the HTTP status a request that failed with one gets.
STATUS = {"syntax": 422, "unknown_function": 422, "unsupported": 422, "domain": 422, "limit": 422,
          "timeout": 422, "internal": 500}


@dataclass(frozen=True)
class Limits:
    """The worker pool's limits for every request (the command line's --timeout and --memory)."""

    timeout: float = 10.0
    memory_mb: int = 1024


class BadRequest(ValueError):
    """A request the command line could not be asked: an unknown command, format or choice."""

    def __init__(self, message: str, status: int = 400, type: str = "syntax"):
        super().__init__(message)
        self.message, self.status, self.type = message, status, type


@dataclass
class Answer:
    """What a request gets: a JSON record (a result or an error object) or a document's text."""

    status: int
    record: dict | None = None
    text: str | None = None
    media_type: str = "application/json"
    headers: dict = field(default_factory=dict)


class Repeated(list):
    """A field a query string gives more than once (?var=x&var=y): its values, in order. A JSON body's
    list is a plain list."""


def one(query: Mapping, name: str) -> str | None:
    """A field that holds one string (expr, at, lang…): any other value is a 400 naming the field,
    as the last item of a list used in silence answered a question nobody asked."""
    value = query.get(name)
    if value is None:
        return None
    if isinstance(value, Repeated):
        raise BadRequest(f'"{name}" takes one value; the query gives it {len(value)} times')
    if not isinstance(value, str):
        kind = "one string, not a list" if isinstance(value, list) else "a string, not"
        raise BadRequest(f'"{name}" must be {kind} {json.dumps(value, default=repr)[:80]}')
    return value


def many(query: Mapping, name: str) -> list[str]:
    """A field that may be given several times (?var=x&var=y), or once with commas or spaces."""
    value = query.get(name)
    values = value if isinstance(value, list) else [] if value is None else [value]
    out: list[str] = []
    for v in values:
        if not isinstance(v, str):
            raise BadRequest(f'"{name}" must be a string or a list of strings')
        out.extend(part for part in re.split(r"[\s,]+", v) if part)
    return out


def choice(query: Mapping, name: str, choices: tuple[str, ...], default: str | None) -> str | None:
    value = one(query, name)
    if value in (None, ""):
        return default
    if value not in choices:
        raise BadRequest(f'"{name}" must be one of {", ".join(choices)}, not {value[:40]!r}')
    return value


# The words a yes-or-no field (steps) reads, besides a JSON body's true and false.
SWITCH_WORDS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False, "on": True,
                "off": False}


def switch(query: Mapping, name: str, default: bool) -> bool:
    """A yes-or-no field: true or false in JSON, or one of SWITCH_WORDS; any other word is a 400 that
    lists them ("banana" read as true showed steps nobody asked for)."""
    value = query.get(name)
    if isinstance(value, bool):
        return value
    accepted = f"true or false (or one of the words {', '.join(SWITCH_WORDS)})"
    if value is not None and not isinstance(value, (str, Repeated)):
        raise BadRequest(f'"{name}" must be {accepted}, not {json.dumps(value, default=repr)[:80]}')
    value = one(query, name)
    if value is None or not value.strip():
        return default
    word = SWITCH_WORDS.get(value.strip().lower())
    if word is None:
        raise BadRequest(f'"{name}" must be {accepted}, not {value[:40]!r}')
    return word


# Fields every command reads; all but backprop read expr too.
COMMON_FIELDS = ("lang", "format", "steps")
# The page's own field, in its shared links: accepted everywhere, never offered in a message.
PAGE_FIELD = "command"


def _no_unknown_fields(command: str, query: Mapping) -> None:
    """A misspelt field (vra=x) would be dropped without a word and the answer would differ from the
    one asked for: name it, with the fields this command reads."""
    reads = (*(() if command == "backprop" else ("expr",)), *FIELDS[command], *COMMON_FIELDS)
    unknown = sorted(str(k)[:40] for k in query if k not in reads and k != PAGE_FIELD)
    if unknown:
        raise BadRequest(f"{command} reads no field {', '.join(map(repr, unknown[:5]))}; "
                         f"its fields are {', '.join(reads)}")


def arguments(command: str, query: Mapping, limits: Limits, fmt: str) -> list[str]:
    """The command line that answers `query` (a mapping of field to a string or a list of them)."""
    if command not in COMMANDS:
        raise BadRequest(f"unknown command {command[:40]!r}; choose from {', '.join(COMMANDS)}", 404,
                         "unsupported")
    _no_unknown_fields(command, query)
    lang = choice(query, "lang", LANGS, "en")
    args = [command, f"--format={fmt}", f"--lang={lang}", f"--timeout={limits.timeout:g}",
            f"--memory={limits.memory_mb}"]
    if command != "backprop":
        args.append("--jobs=1")
    if not switch(query, "steps", True):
        args.append("--no-steps")
    fields = FIELDS[command]
    expr = one(query, "expr") or ""
    if command != "backprop":
        if not expr.strip():
            raise BadRequest("there is no expression: give one as expr")
        if expr.strip() == "-":  # the command line's "read standard input"
            raise BadRequest("'-' is not an expression")
    if "vars" in fields and (names := many(query, "vars")):  # a list, as the preview reads it, or x,y
        args.append(f"--vars={','.join(names)}")
    for name in ("at", "dx", "dy", "layers", "activation", "output"):
        if name in fields and (value := one(query, name)) not in (None, ""):
            args.append(f"--{name}={value}")
    if "layout" in fields:
        args.append(f"--layout={choice(query, 'layout', LAYOUTS, 'mixed')}")
    if "loss" in fields:
        args.append(f"--loss={choice(query, 'loss', LOSSES, 'mse')}")
    if "shape" in fields:
        shapes = query.get("shape")
        for shape in shapes if isinstance(shapes, list) else [] if shapes is None else [shapes]:
            if not isinstance(shape, str):
                raise BadRequest('"shape" must be a string such as "x=n,1 A=n,n"')
            args.append(f"--shape={shape}")
    if command == "backprop":
        return args
    args.append("--")
    if command == "partial":
        return args + [expr, *many(query, "var")]
    if command == "check":
        var, answer = one(query, "var") or "", one(query, "answer") or ""
        if not var.strip() or not answer.strip():
            raise BadRequest("check needs var (the variable) and answer (the derivative to check)")
        return args + [expr, var, answer]
    if command == "matrix":
        wrt = one(query, "wrt") or ""
        return args[:-1] + ["--", expr, wrt] if wrt.strip() else args[:-1] + ["--", expr]
    return args + [expr]


@dataclass
class Ran:
    exit: int
    stdout: str
    stderr: str
    seen: list


def run(args: list[str]) -> Ran:
    """The command line run in this process on in-memory streams (call it from a worker thread: it
    blocks until the expression's worker process answers or is killed at the time limit)."""
    from ..app.cli import _app_for
    from ..app.environment import Environment, using

    import click
    import typer

    # Typer vendors its own Click: its exceptions are not click's classes
    usage_errors = (click.ClickException, *(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"))
    exits = (click.exceptions.Exit, typer.Exit)
    aborts = (click.Abort, typer.Abort)
    stdout, stderr, seen = io.StringIO(), io.StringIO(), []
    env = Environment(stdin=io.StringIO(), stdout=stdout, stderr=stderr, seen=seen.append, local_files=False)
    code = 0
    with using(env):
        try:
            # not standalone: Click would print its own usage errors (a --shape declared twice with
            # different shapes) to the server's log, and the client got "the request could not be run"
            returned = _app_for(args)(args=args, prog_name="symdiff", standalone_mode=False)
            code = returned if isinstance(returned, int) else 0
        except usage_errors as exc:
            stderr.write(f"error: {exc.format_message()}\n")
            code = exc.exit_code
        except exits as exc:
            code = exc.exit_code
        except aborts:
            code = 1
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Ran(code, stdout.getvalue(), stderr.getvalue(), seen)


def _usage_message(stderr: str, lang: str) -> str:
    """A usage error's message without its 'usage error:' label and caret lines."""
    from ..core.messages import message

    first = stderr.strip().splitlines()[0] if stderr.strip() else "the request could not be run"
    for label in {message("error.usage", lang=lang), message("error.usage", lang="en"), "Error", "error"}:
        if first.startswith(label + ":"):
            return first[len(label) + 1:].strip()
    return first


_BODY = re.compile(r"<body>\s*(?:<h1>.*?</h1>)?\s*(.*)</body>", re.S)


def answer(command: str, query: Mapping, limits: Limits) -> Answer:
    """The answer to one request, never an exception for a request's content."""
    fmt = choice(query, "format", FORMATS, "json")
    args = arguments(command, query, limits, fmt)
    ran = run(args)
    expr = one(query, "expr")
    errors = [r.error for r in ran.seen if getattr(r, "error", None)]
    if errors:
        record = errors[0]
        return Answer(STATUS.get(record["error"]["type"], 422), record)
    if not ran.seen:  # refused before any input was read: the request's options (a bad --at)
        if ran.exit == 2 or ran.stderr:
            message = _usage_message(ran.stderr, choice(query, "lang", LANGS, "en"))
            return Answer(400, {"input": expr, "error": {"type": "syntax", "message": message}})
        return Answer(500, {"input": expr, "error": {"type": "internal", "message": "no answer was made"}})
    if fmt == "json":
        first = ran.stdout.strip().splitlines()[0]
        return Answer(200, json.loads(first))
    if fmt == "html":
        found = _BODY.search(ran.stdout)
        return Answer(200, text=found.group(1) if found else ran.stdout, media_type="text/html; charset=utf-8")
    media = "text/markdown; charset=utf-8" if fmt == "markdown" else "text/x-tex; charset=utf-8"
    return Answer(200, text=ran.stdout, media_type=media)


def warm() -> None:
    """Import the engine and the renderers in the server's own process, once: each request's worker is
    forked from it and then starts with them loaded, instead of importing them anew (about half of a
    small request's time)."""
    from .. import api
    from ..render import html, json as render_json, latex, markdown

    for result in (api.partial("x*sin(x)", "x", at="x=1"), api.gradient("x**2*y", at="x=1,y=2")):
        render_json.record(result, steps=True)
        html.section(result)
        markdown.render(result)
        latex.render(result)
