"""The command line: a thin Typer layer over `symdiff.api`.

It reads options, calls the API (through `symdiff.batch` for many lines), picks a renderer and sets
the exit code. SymPy is imported only inside commands, so `symdiff --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from enum import Enum, IntEnum
from typing import Annotated, Optional

import typer

from . import __version__


class ExitStatus(IntEnum):
    OK = 0
    FAILED = 1  # at least one input failed; each failure was reported
    USAGE = 2


class Format(str, Enum):
    rich = "rich"
    text = "text"
    json = "json"


app = typer.Typer(
    name="symdiff",
    help=(
        "Symbolic differentiation that shows every rule it used.\n\n"
        "Examples:\n\n"
        "  symdiff partial \"3*x**2*y**4\" x\n\n"
        "  symdiff partial \"x**2*y**3\" x y --at x=1,y=2\n\n"
        "  symdiff partial --file examples.txt x --format json"
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"symdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Symbolic differentiation that shows every rule it used."""


class Output:
    """Where and how results go: stdout for results, stderr for errors, and whether stdout is a
    terminal (which decides the default format and whether there is colour)."""

    def __init__(self, fmt: Format | None):
        self.no_color = bool(os.environ.get("NO_COLOR"))
        self.is_terminal = sys.stdout.isatty()
        if fmt is None:
            fmt = Format.rich if self.is_terminal and not self.no_color else Format.text
        self.format = fmt
        self._console = None

    @property
    def console(self):
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=sys.stdout, no_color=self.no_color, highlight=False,
                                    emoji=False, markup=False)
        return self._console

    def write(self, text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def error(self, text: str) -> None:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()


def _usage(message: str) -> typer.Exit:
    sys.stderr.write(f"usage error: {message}\n")
    return typer.Exit(ExitStatus.USAGE)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  symdiff partial \"3*x**2*y**4\" x          (hold y constant, differentiate by x)\n\n"
        "  symdiff partial \"x**2*y**3\" x y          (first by x, then by y)\n\n"
        "  symdiff partial \"sin(x)/x\" x --at x=pi --format json\n\n"
        "  symdiff partial --file exprs.txt x       (one expression per line; - reads stdin)\n\n"
        "  symdiff partial -- \"-x**2\" x             (-- before an expression that starts with -)"
    ),
)
def partial(
    args: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="EXPR VAR...",
            help="The expression, then the variables to differentiate by, in turn. With --file, only "
                 "the variables. An EXPR of - reads expressions from standard input, one per line.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Optional[str],
        typer.Option("--file", metavar="PATH",
                     help="Read one expression per line from PATH (- for standard input). Blank lines and "
                          "lines starting with # are skipped."),
    ] = None,
    format: Annotated[
        Optional[Format],
        typer.Option("--format", case_sensitive=False,
                     help="rich (a terminal's default), text (the default when piped or NO_COLOR is set), "
                          "or json (one JSON object per input line).", show_default=False),
    ] = None,
    no_steps: Annotated[bool, typer.Option("--no-steps", help="Print only the results.")] = False,
    at: Annotated[
        Optional[str],
        typer.Option("--at", metavar="x=1,y=2", help="Also evaluate the result at this point."),
    ] = None,
    vars: Annotated[
        Optional[str],
        typer.Option("--vars", metavar="x,y",
                     help="Declare the variables (so e can be a variable instead of Euler's number)."),
    ] = None,
) -> None:
    """∂f/∂VAR with every rule shown: constant, sum, product, chain... Other variables are held constant.

    Several VARs differentiate in turn: `x y` is ∂²f/∂y∂x. With one variable in EXPR, VAR may be left out.
    """
    out = Output(format)
    args = list(args or [])
    if file is not None:
        source, expression, var_args = file, None, args
    elif args and args[0] == "-":
        source, expression, var_args = "-", None, args[1:]
    elif args:
        source, expression, var_args = None, args[0], args[1:]
    else:
        raise _usage("give an expression (or --file PATH, or - for standard input)")

    # Usage errors come first, before any line is read: they would fail every line alike.
    from .errors import ParseError
    from .parsing import parse_point, parse_variable

    declared = [v.strip() for v in vars.split(",") if v.strip()] if vars else []
    try:
        for name in declared + var_args:
            parse_variable(name)
        if at is not None:
            parse_point(at, declared + var_args)
    except ParseError as exc:
        raise _usage(exc.message) from None

    from .api import partial as partial_api

    def compute(text: str):
        return partial_api(text, *var_args, at=at, variables=declared)

    status = _run(out, compute, source, expression, steps=not no_steps)
    raise typer.Exit(status)


def _run(out: Output, compute, source: str | None, expression: str | None, *, steps: bool) -> ExitStatus:
    from .batch import open_source, run_batch, run_one

    if source is None:
        outcomes = iter([run_one(compute, expression)])
    else:
        try:
            stream = open_source(source)
        except OSError as exc:
            raise _usage(f"cannot read {source}: {exc.strerror or exc}") from None
        outcomes = run_batch(compute, stream)

    failed = total = 0
    for outcome in outcomes:
        total += 1
        if not outcome.ok:
            failed += 1
        _emit(out, outcome, steps=steps)
    if source is not None and failed:
        out.error(f"{failed} of {total} line{'s' if total != 1 else ''} failed")
    return ExitStatus.FAILED if failed else ExitStatus.OK


def _emit(out: Output, outcome, *, steps: bool) -> None:
    from .render import json as render_json
    from .render import text as render_text

    if not outcome.ok:
        out.error(render_text.render_error(outcome.echo, outcome.error, line=outcome.line))
        if out.format is Format.json:
            out.write(render_json.dumps(render_json.error_record(outcome.echo, outcome.error, line=outcome.line)))
        return
    result = outcome.result
    if out.format is Format.json:
        out.write(render_json.dumps(render_json.partial_record(result, steps=steps, line=outcome.line)))
    elif out.format is Format.text:
        out.write(render_text.render_partial(result, steps=steps, line=outcome.line if steps else None))
        if steps:
            out.write("")
    else:
        from .render import rich as render_rich

        render_rich.render_partial(result, out.console, steps=steps, line=outcome.line)


def main() -> None:
    app(prog_name="symdiff")
