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


# Options shared by every command, declared once.
FileOpt = Annotated[
    Optional[str],
    typer.Option("--file", metavar="PATH",
                 help="Read one expression per line from PATH (- for standard input). Blank lines and lines "
                      "starting with # are skipped."),
]
FormatOpt = Annotated[
    Optional[Format],
    typer.Option("--format", case_sensitive=False,
                 help="rich (a terminal's default), text (the default when piped or NO_COLOR is set), or json "
                      "(one JSON object per input line).", show_default=False),
]
NoStepsOpt = Annotated[bool, typer.Option("--no-steps", help="Print only the results.")]
AtOpt = Annotated[Optional[str], typer.Option("--at", metavar="x=1,y=2", help="Also evaluate at this point.")]
CheckOpt = Annotated[
    bool,
    typer.Option("--check", help="Compare every result with central finite differences at random points; "
                                 "a disagreement is an error (exit 1)."),
]
OrderVarsOpt = Annotated[
    Optional[str],
    typer.Option("--vars", metavar="x,y", help="The variables and their order (default: every variable, "
                                               "sorted by name, w2 before w10)."),
]
StepVarOpt = Annotated[
    Optional[list[str]],
    typer.Option("--var", metavar="NAME",
                 help=f"Show the steps of this partial (repeatable). Default: the first {6} partials."),
]


def _names(text: str | None) -> list[str]:
    return [v.strip() for v in text.split(",") if v.strip()] if text else []


def _validate(names: list[str], at: str | None) -> None:
    """Usage errors come first, before any line is read: they would fail every line alike."""
    from .errors import ParseError
    from .parsing import parse_point, parse_variable

    try:
        for name in names:
            parse_variable(name)
        if at is not None:
            parse_point(at, names)
    except ParseError as exc:
        raise _usage(exc.message) from None


def _source(args: list[str], file: str | None) -> tuple[str | None, str | None, list[str]]:
    """(source to read lines from, single expression, remaining positional arguments)."""
    if file is not None:
        return file, None, args
    if args and args[0] == "-":
        return "-", None, args[1:]
    if args:
        return None, args[0], args[1:]
    raise _usage("give an expression (or --file PATH, or - for standard input)")


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
    file: FileOpt = None,
    format: FormatOpt = None,
    no_steps: NoStepsOpt = False,
    at: AtOpt = None,
    vars: Annotated[
        Optional[str],
        typer.Option("--vars", metavar="x,y",
                     help="Declare the variables (so e can be a variable instead of Euler's number)."),
    ] = None,
    check: CheckOpt = False,
) -> None:
    """∂f/∂VAR with every rule shown: constant, sum, product, chain... Other variables are held constant.

    Several VARs differentiate in turn: `x y` is ∂²f/∂y∂x. With one variable in EXPR, VAR may be left out.
    """
    out = Output(format)
    source, expression, var_args = _source(list(args or []), file)
    declared = _names(vars)
    _validate(declared + var_args, at)

    from .api import partial as partial_api

    def compute(text: str):
        return partial_api(text, *var_args, at=at, variables=declared, check=check)

    raise typer.Exit(_run(out, compute, source, expression, steps=not no_steps))


def _expression_command(command: str, expr: str | None, file, format, no_steps, at, vars, check, var) -> None:
    out = Output(format)
    source, expression, rest = _source([expr] if expr is not None else [], file)
    order = _names(vars)
    _validate(order + list(var or []), at)

    from . import api

    function = {"grad": api.gradient, "hessian": api.hessian}[command]
    steps = list(var) if var else (not no_steps)

    def compute(text: str):
        return function(text, vars=order or None, at=at, steps=steps, check=check)

    raise typer.Exit(_run(out, compute, source, expression, steps=not no_steps))


@app.command(
    epilog=(
        "Examples:\n\n"
        "  symdiff grad \"3*x**2*y**4\"\n\n"
        "  symdiff grad \"x**2*y + sin(y)\" --at x=1,y=2        (value, length, steepest ascent and descent)\n\n"
        "  symdiff grad \"(w0*x - y)**2 + (w1 - 1)**2\" --vars w0,w1 --var w1\n\n"
        "  symdiff grad --file losses.txt --no-steps --format json"
    ),
)
def grad(
    expr: Annotated[Optional[str], typer.Argument(metavar="EXPR", help="The function (- reads standard input).",
                                                  show_default=False)] = None,
    file: FileOpt = None,
    format: FormatOpt = None,
    no_steps: NoStepsOpt = False,
    at: AtOpt = None,
    vars: OrderVarsOpt = None,
    check: CheckOpt = False,
    var: StepVarOpt = None,
) -> None:
    """The gradient ∇f: every first partial with its steps, collected into one vector.

    ∇f points where f rises fastest; -∇f is where gradient descent steps. With --at it is evaluated,
    with its length and the unit directions of steepest ascent and descent.
    """
    _expression_command("grad", expr, file, format, no_steps, at, vars, check, var)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  symdiff hessian \"x**3*y\"\n\n"
        "  symdiff hessian \"x**2 + x*y + y**2\" --at x=1,y=1 --format json"
    ),
)
def hessian(
    expr: Annotated[Optional[str], typer.Argument(metavar="EXPR", help="The function (- reads standard input).",
                                                  show_default=False)] = None,
    file: FileOpt = None,
    format: FormatOpt = None,
    no_steps: NoStepsOpt = False,
    at: AtOpt = None,
    vars: OrderVarsOpt = None,
    check: CheckOpt = False,
    var: StepVarOpt = None,
) -> None:
    """The Hessian: the matrix of second partials H[i][j] = ∂²f/∂x_i∂x_j.

    Each mixed partial is taken in both orders and the output says whether they agree (Schwarz).
    """
    _expression_command("hessian", expr, file, format, no_steps, at, vars, check, var)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  symdiff jacobian \"x*y; x + y; sin(x)\"\n\n"
        "  symdiff jacobian \"x*y\" \"x + y\" \"sin(x)\" --at x=1,y=2\n\n"
        "  symdiff jacobian --file maps.txt --format json   (one 'f1; f2; ...' per line)"
    ),
)
def jacobian(
    exprs: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="EXPR...", help="The functions: one argument with ';' between them, or "
                                              "several arguments (- reads standard input).", show_default=False),
    ] = None,
    file: FileOpt = None,
    format: FormatOpt = None,
    no_steps: NoStepsOpt = False,
    at: AtOpt = None,
    vars: OrderVarsOpt = None,
    check: CheckOpt = False,
) -> None:
    """The m×n Jacobian of f_1…f_m by x_1…x_n: entry (i, j) = ∂f_i/∂x_j, each with its steps."""
    out = Output(format)
    exprs = list(exprs or [])
    source, expression, rest = _source(exprs[:1], file)
    if rest or (expression is not None and len(exprs) > 1):
        expression = "; ".join(exprs)
    elif source is not None and len(exprs) > (0 if file is not None else 1):
        raise _usage("with --file or -, the functions come from the input, one 'f1; f2; ...' per line")
    order = _names(vars)
    _validate(order, at)

    from .api import jacobian as jacobian_api

    def compute(text: str):
        return jacobian_api(text, vars=order or None, at=at, steps=not no_steps, check=check)

    raise typer.Exit(_run(out, compute, source, expression, steps=not no_steps))


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
        if not _emit(out, outcome, steps=steps):
            failed += 1
    if source is not None and failed:
        out.error(f"{failed} of {total} line{'s' if total != 1 else ''} failed")
    return ExitStatus.FAILED if failed else ExitStatus.OK


def _emit(out: Output, outcome, *, steps: bool) -> bool:
    """Write one outcome; False if it failed (an error, or a --check that disagrees)."""
    from .render import json as render_json
    from .render import text as render_text

    if not outcome.ok:
        out.error(render_text.render_error(outcome.echo, outcome.error, line=outcome.line))
        if out.format is Format.json:
            out.write(render_json.dumps(render_json.error_record(outcome.echo, outcome.error, line=outcome.line)))
        return False
    result = outcome.result
    if out.format is Format.json:
        out.write(render_json.dumps(render_json.record(result, steps=steps, line=outcome.line)))
    elif out.format is Format.text:
        line = outcome.line if steps or result.command != "partial" else None
        out.write(render_text.render(result, steps=steps, line=line))
        if steps or result.command != "partial":
            out.write("")
    else:
        from .render import rich as render_rich

        render_rich.render(result, out.console, steps=steps, line=outcome.line)
    check = getattr(result, "check", None)
    if check is not None and not check.ok:
        where = f"line {outcome.line}: " if outcome.line is not None else "error: "
        out.error(where + render_text._check_lines(check)[0])
        return False
    return True


def main() -> None:
    app(prog_name="symdiff")
