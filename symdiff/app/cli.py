"""The command line: a thin Typer layer over `symdiff.api`.

It reads options, calls the API (through `symdiff.app.batch` for many lines), picks a renderer and sets
the exit code. SymPy is imported only inside commands, so `symdiff --help` stays fast.
"""

from __future__ import annotations

import functools
import math
import os
import re
import sys
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from ..core.errors import Words, os_reason
from ..core.limits import DEFAULT_LIMITS
from . import options
from .environment import Environment, current as current_environment, using
from .output import (
    Format,
    Output,
    Summary,
    configure_streams,
    progress_bar,
    render_failure,
    render_input,
    stream_failure,
)
from .status import ExitStatus, run_status, verdict_status


def _literal_help(command, mode: str | None = None) -> None:
    """Escape the Rich markup in a command's help, once: Typer's help screens read `[plot]` in
    `pip install 'symdiff[plot]'` or `H[i][j]` as style tags and drop them. Help is written as it
    should read; this makes Rich print it so. `mode`: the markup mode the help is written in (by
    default the command's own)."""
    mode = mode if mode is not None else getattr(command, "rich_markup_mode", None)
    if getattr(command, "_help_is_literal", False) or mode != "rich":
        return
    from rich.markup import escape

    for holder in (command, *command.params):
        for name in ("help", "short_help", "epilog"):
            text = getattr(holder, name, None)
            if isinstance(text, str):
                setattr(holder, name, escape(text))
    command._help_is_literal = True


# Options as other tools and textbooks spell them, and what symdiff calls them: "No such option" then
# names the right one, where spelling distance (Click's guess) would not find it (--at → --from).
SPELLED_ELSEWHERE: dict[str, tuple[str, ...]] = {
    "--at": ("--from",), "--start": ("--from",), "--x0": ("--from",), "--initial": ("--from",),
    "--point": ("--at", "--from"), "--where": ("--at",),
    "--learning-rate": ("--lr",), "--eta": ("--lr",), "--alpha": ("--lr",), "--step-size": ("--lr",),
    "--rate": ("--lr",),
    "--iterations": ("--steps",), "--iters": ("--steps",), "--epochs": ("--steps",), "--max-iter": ("--steps",),
    "--tolerance": ("--tol",), "--eps": ("--tol",),
    "--var": ("--vars",), "--variables": ("--vars",), "--wrt": ("--vars",),
    "--language": ("--lang",), "--korean": ("--lang ko",),
    "--latex": ("--format latex",), "--json": ("--format json",), "--markdown": ("--format markdown",),
    "--md": ("--format markdown",), "--html": ("--format html",), "--text": ("--format text",),
    "--quiet": ("--no-steps",), "--answer-only": ("--no-steps",), "--result-only": ("--no-steps",),
}


CLOSE_SPELLING = 0.6
"""How alike an unknown option and a real one must be to be named as the one meant (difflib's
ratio of the names without their dashes)."""


def close_options(given: str, known) -> list[str]:
    """The options in `known` that `given` is a near spelling of: alike letter by letter, or a
    start of one (--form, --formats). Click compares the names with their dashes, so two dashes
    alone made --bogus "close" to --jobs; without them it is close to nothing."""
    import difflib

    word = given.lstrip("-").lower()
    if not word:
        return []
    scored = []
    for option in known:
        name = option.lstrip("-").lower()
        ratio = difflib.SequenceMatcher(None, word, name).ratio()
        if ratio >= CLOSE_SPELLING or (len(word) >= 2 and (name.startswith(word) or word.startswith(name))):
            scored.append((-ratio, option))
    return [option for _, option in sorted(scored)[:3]]


def name_the_option_meant(exc: Exception, command, ctx) -> None:
    """Give an unknown option's error the options of `command` it may mean: a known other spelling
    (SPELLED_ELSEWHERE), else the close ones, else none (duck-typed: Typer vendors Click's
    NoSuchOption in some versions and not in others)."""
    given = getattr(exc, "option_name", None) or ""
    if not hasattr(exc, "possibilities") or not given.startswith("-"):
        return
    known = {opt for param in command.get_params(ctx) for opt in getattr(param, "opts", ())
             if opt.startswith("--")}
    meant = SPELLED_ELSEWHERE.get(given, ())
    exc.possibilities = [opt for opt in meant if opt.split()[0] in known] or close_options(given, known)


def _panels_allowed(stream: str) -> bool:
    """Whether Typer may draw on `stream` ("stdout" for help, "stderr" for usage errors) in Rich
    panels: only on a terminal without NO_COLOR. Elsewhere box art and colour codes are noise in a
    file, a pipe or a screen reader, as for every other output (see `Output`)."""
    env = current_environment()
    return getattr(env, f"{stream}_isatty") and not env.no_color


class PanelsOnATerminal:
    """Help and usage errors in Rich panels on a terminal, and as Click's plain text elsewhere.

    Typer draws them in panels whenever Rich is installed, whatever the stream is. Its own switch
    for plain text is `rich_markup_mode=None`, read by the command when it writes help (stdout)
    and by `main` when it writes a usage error (stderr). The mode is therefore decided at that
    moment, from the environment the command runs in, not once when the app is built (Typer's
    test runner builds it before it swaps the streams)."""

    _writing_help = False

    @property
    def rich_markup_mode(self):
        return self.markup_mode_on("stdout" if self._writing_help else "stderr")

    def markup_mode_on(self, stream: str):
        return self._wanted_markup_mode if _panels_allowed(stream) else None

    @rich_markup_mode.setter
    def rich_markup_mode(self, mode) -> None:
        self._wanted_markup_mode = mode

    def format_help(self, ctx, formatter) -> None:
        self._writing_help = True
        try:
            return super().format_help(ctx, formatter)
        finally:
            self._writing_help = False

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.callback = _show_help
        return option

    def format_epilog(self, ctx, formatter) -> None:
        """Click's plain help re-wraps every paragraph; an example is a command line to copy, so it
        is kept whole (Click's \\b marker), however long it is."""
        if self.epilog:
            paragraphs = [f"\b\n{p}" if p.startswith(" ") else p for p in self.epilog.split("\n\n")]
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text("\n\n".join(paragraphs))


def _show_help(ctx, param, value) -> None:
    """--help: the help written to the environment's stdout. (Click's own writer goes around a stream
    whose encoding is ASCII and writes UTF-8 to it; ours spells the math in ASCII there.)"""
    if value and not ctx.resilient_parsing:
        _write_help(ctx)
        ctx.exit()


def _write_help(ctx) -> None:
    text = ctx.get_help()  # (Rich's screen prints itself and returns "")
    stdout = current_environment().stdout
    if text and stdout is not None:
        stdout.write(text + "\n")
        stdout.flush()


class HelpCommand(PanelsOnATerminal, TyperCommand):
    """A command whose help prints as written (see `_literal_help`), and whose unknown options are
    answered with the option meant (see `SPELLED_ELSEWHERE`)."""

    def format_help(self, ctx, formatter) -> None:
        _literal_help(self, self.markup_mode_on("stdout"))
        return super().format_help(ctx, formatter)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except _BadValue as exc:
            if exc.lang == "en":
                raise
            # said as every other usage error in that language is, not in Click's English frame
            said = _said_bad_value(exc)
            from ..core.messages import language

            with language(exc.lang):
                _usage_lines(ctx)
            raise said from None

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        try:
            args = points_joined(args)
        except RepeatedOption as exc:
            ctx.fail(str(exc))
        given = list(args)  # Click's parser empties the list it is given
        try:
            return super().parse_args(ctx, args)
        except Exception as exc:
            _shorten_echo(exc)
            name_the_option_meant(exc, self, ctx)
            if _korean_asked(given) and (said := _click_error_in_korean(exc, given)) is not None:
                raise said from None
            _say_how_shapes_are_given(exc, given)
            raise


# A word of the command line echoed in a usage error is cut past this many characters: a 5000-dash
# option filled the screen.
ECHO_WORD = 60
_LONG_WORD = re.compile(r"\S{%d,}" % (ECHO_WORD + 1))


def short_echo(text: str) -> str:
    """`text` with each run of over ECHO_WORD characters without a space cut to its start and an ellipsis."""
    return _LONG_WORD.sub(lambda m: f"{m.group()[:ECHO_WORD - 20]}…", text)


def _shorten_echo(exc) -> None:
    """Click's usage error with what it echoes of the command line cut (see `short_echo`)."""
    for name in ("message", "option_name"):
        value = getattr(exc, name, None)
        if isinstance(value, str) and _LONG_WORD.search(value):
            try:
                setattr(exc, name, short_echo(value))
            except AttributeError:
                pass


def _korean_asked(args: list[str]) -> bool:
    """Whether the command line asks for Korean: Click fails before --lang is a parameter's value."""
    end = args.index("--") if "--" in args else len(args)
    words = args[:end]
    return "--lang=ko" in words or any(a == "--lang" and b == "ko" for a, b in zip(words, words[1:]))


# A word of the command line that reads as a matrix shape (A=n,n, x=n,1)
_SHAPE_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*=[^,=\s]+,[^,=\s]+")


def _extra_arguments(exc) -> str | None:
    """The words Click's "Got unexpected extra argument(s) (…)" names, as it wrote them; None for any
    other error."""
    message = str(getattr(exc, "message", ""))
    if type(exc).__name__ != "UsageError" or not message.startswith("Got unexpected extra argument"):
        return None
    named = re.search(r"\(([^()]*)\)\s*$", message)
    return named[1] if named else ""


def _extra_shapes(exc, given: list[str]) -> tuple[str, str] | None:
    """For `--shape x=n,1 A=n,n` unquoted (Click reads A=n,n as an extra argument): the extra words,
    and the command line's shapes quoted together as one --shape would take them; else None."""
    extra = _extra_arguments(exc)
    if extra is None or "--shape" not in given:
        return None
    words = extra.split()
    if not words or not all(_SHAPE_WORD.fullmatch(w) for w in words):
        return None
    shapes = [w for w in given if _SHAPE_WORD.fullmatch(w)]
    return " ".join(words), f'--shape "{" ".join(shapes)}"'


def _say_how_shapes_are_given(exc, given: list[str]) -> None:
    """Shapes given after one --shape unquoted: the error says how several are given."""
    from ..core.messages import message

    found = _extra_shapes(exc, given)
    if found is not None:
        exc.message = message("error.usage.extra_shapes", arguments=found[0], option="--shape", example=found[1])


def _click_error_in_korean(exc, given: list[str] = ()) -> typer.Exit | None:
    """Click's own usage errors (English only) as usage errors in Korean, each named by its kind
    (duck-typed, as Typer may vendor Click), and symdiff's own option errors (_BadValue) said again in
    Korean; None for an error with no Korean words here (Click then says it in English)."""
    from ..core.messages import language

    kind = type(exc).__name__
    if kind == "MissingParameter":
        return _missing_in_korean(exc)
    option = getattr(exc, "option_name", None)
    if kind == "NoSuchOption":
        meant = ", ".join(getattr(exc, "possibilities", None) or ())
        words = (Words("error.usage.no_such_option.meant", option=option, meant=meant) if meant
                 else Words("error.usage.no_such_option", option=option))
    elif kind == "BadOptionUsage" and "requires an argument" in str(getattr(exc, "message", "")):
        words = Words("error.usage.needs_value", option=option)
    elif isinstance(exc, _BadValue):  # words of symdiff's own, said before --lang was read
        exc.lang = "ko"
        said = _said_bad_value(exc)
        with language("ko"):
            _usage_lines(getattr(exc, "ctx", None))
        return said
    elif kind == "BadParameter":
        words = _bad_value_in_korean(exc)
    elif (shapes := _extra_shapes(exc, list(given))) is not None:
        words = Words("error.usage.extra_shapes", arguments=shapes[0], option="--shape", example=shapes[1])
    elif (arguments := _extra_arguments(exc)) is not None:
        words = Words("error.usage.extra_arguments", arguments=arguments)
    else:
        return None
    if words is None:
        return None
    with language("ko"):
        said = _usage(words)
        _usage_lines(getattr(exc, "ctx", None))
        return said


def _usage_lines(ctx) -> None:
    """The command's usage line and where its help is, as Click writes them under its English errors:
    a Korean error is no less in need of them."""
    from ..core.errors import Words, localized

    if ctx is None:
        return
    usage = ctx.get_usage().partition(" ")[2].strip()
    stderr = current_environment().stderr
    stderr.write(f"{localized(Words('error.usage.line', usage=usage))}\n")
    if ctx.help_option_names:
        command = f"{ctx.command_path} {ctx.help_option_names[0]}"
        stderr.write(f"{localized(Words('error.usage.help_hint', command=command))}\n")


def _said_bad_value(exc) -> typer.Exit:
    """An option's value refused in symdiff's own words (_BadValue), as a usage error in its language."""
    from ..core.messages import language

    with language(exc.lang):
        return _usage(Words("error.option.invalid", option=_option_named(exc.param_hint), reason=exc.words))


def _option_named(hint: str) -> str:
    """An option as the Korean messages name it: bare, followed by 옵션 (Click quotes it: '--from')."""
    return hint.strip("'")


def _bad_value_in_korean(exc) -> Words | None:
    """An option's value refused by its type: the choices it takes, or the range of numbers."""
    param = getattr(exc, "param", None)
    option = max(getattr(param, "opts", None) or [""], key=len)
    kind = getattr(param, "type", None)
    if option and hasattr(kind, "choices"):
        return Words("error.option.choice", option=option, choices=", ".join(map(str, kind.choices)))
    if option and isinstance(kind, options.Number):
        if kind.high is None:
            return Words("error.option.positive" if kind.low_open else "error.option.nonnegative", option=option)
        return Words("error.option.range", option=option, low=options.shown(kind.low), high=options.shown(kind.high),
                     kind=Words(f"error.option.kind.{'whole' if kind.integer else 'number'}"))
    return None


def _missing_in_korean(exc) -> typer.Exit:
    """Click's "Missing option '--from'." (English only) as a usage error in Korean."""
    from ..core.errors import Words
    from ..core.messages import language

    param = getattr(exc, "param", None)
    option = getattr(param, "param_type_name", "option") == "option"
    names = getattr(param, "opts", None) or [getattr(param, "name", "") or ""]
    name = max(names, key=len) if option else (getattr(param, "human_readable_name", "") or names[0]).upper()
    with language("ko"):
        return _usage(Words("error.usage.missing", what=Words(f"error.usage.missing.{'option' if option else 'argument'}"),
                            name=name))


# Options that give a point, name=value pairs: given more than once, their values are one point.
POINT_OPTIONS = ("--at", "--from")


class RepeatedOption(Exception):
    """A point option given twice with values that cannot be one point (a JSON file twice)."""


def points_joined(args: list[str]) -> list[str]:
    """`args` with a point option given more than once (`--at x=1 --at y=2`) given once, its values
    joined (`--at x=1,y=2`): Click keeps only the last, and x=1 was dropped without a word. A name
    given twice is then the point's own error. Values that are not name=value pairs (backprop's
    JSON file) cannot be joined: RepeatedOption."""
    end = args.index("--") if "--" in args else len(args)
    found: dict[str, list[tuple[int, int, str]]] = {}  # option -> (start, length, value)
    i = 0
    while i < end:
        name, eq, value = args[i].partition("=")
        if name in POINT_OPTIONS:
            if eq:
                found.setdefault(name, []).append((i, 1, value))
            elif i + 1 < end:
                found.setdefault(name, []).append((i, 2, args[i + 1]))
                i += 1
        i += 1
    repeated = {name: uses for name, uses in found.items() if len(uses) > 1}
    if not repeated:
        return args
    drop: set[int] = set()
    first: dict[int, tuple[str, str]] = {}
    for name, uses in repeated.items():
        values = [value for _, _, value in uses]
        if not all("=" in v and not v.lstrip().startswith(("{", "[")) for v in values):
            raise RepeatedOption(f"{name} is given {len(values)} times: give it once")
        first[uses[0][0]] = (name, ",".join(v.strip().strip(",") for v in values))
        for start, length, _ in uses:
            drop.update(range(start, start + length))
    out = []
    for i, arg in enumerate(args):
        if i in first:
            out += list(first[i])
        elif i not in drop:
            out.append(arg)
    return out


class HelpGroup(PanelsOnATerminal, TyperGroup):
    """The app: its own help, and the one-line descriptions of its commands, print as written."""

    def format_help(self, ctx, formatter) -> None:
        for command in (self, *self.commands.values()):
            _literal_help(command, self.markup_mode_on("stdout"))
        return super().format_help(ctx, formatter)

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            # The help on stdout, as `symdiff --help` and Typer's Rich screen put it (Click's plain
            # text would put it on stderr); exit 2, since nothing was asked.
            _write_help(ctx)
            ctx.exit(ExitStatus.USAGE)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except Exception as exc:
            if type(exc).__name__ == "UsageError" and args and _korean_asked(list(args)):
                from ..core.messages import language

                with language("ko"):
                    raise _usage(Words("error.usage.no_such_command", command=args[0])) from None
            raise


app = typer.Typer(
    name="symdiff",
    cls=HelpGroup,
    help=(
        "Symbolic differentiation that shows every rule it used.\n\n"
        "Examples:\n\n"
        "  symdiff partial \"3*x**2*y**4\" x\n\n"
        "  symdiff partial \"x**2*y**3\" x y --at x=1,y=2\n\n"
        "  symdiff partial --file examples.txt x --format json\n\n"
        "  symdiff grad \"3*x**2*y**4\" --at x=1,y=2\n\n"
        "  symdiff matrix \"x.T*A*x\" x --shape x=n,1 --shape A=n,n\n\n"
        "  symdiff backprop --activation sigmoid --loss ce\n\n"
        "  symdiff rules chain\n\n"
        "Shell completion: symdiff --install-completion (then restart the shell)."
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        Output(Format.text).write(f"symdiff {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Symbolic differentiation that shows every rule it used."""
    from ..core.errors import SURFACE
    from ..core.language import LANGUAGE

    # English until a command's --lang says otherwise (`_output`), and as before once the command is
    # done: one process may run many commands (a test suite, a notebook calling the app).
    token = LANGUAGE.set("en")
    ctx.call_on_close(lambda: LANGUAGE.reset(token))
    # errors name options (--at), not the Python API's arguments (at=), while a command runs
    surface = SURFACE.set("cli")
    ctx.call_on_close(lambda: SURFACE.reset(surface))


def _usage(message: str, text: str | None = None, column: int | None = None) -> typer.Exit:
    """A usage error (exit 2); with `text`, the input with a caret under `column`."""
    from ..core.errors import Words, localized

    stderr = current_environment().stderr
    stderr.write(f"{localized(Words('error.usage'))}: {short_echo(localized(message))}\n")
    if text is not None:
        from ..core.errors import caret_lines

        stderr.write("".join(f"{line}\n" for line in caret_lines(text, column)))
    return typer.Exit(ExitStatus.USAGE)


# What may follow the minus of an expression: an operand (a name, a number, a bracket, |x|, \frac, √x)
# or a space. A token `--…` is never an expression: `--formt` stays an unknown option.
_EXPRESSION_AFTER_MINUS = re.compile(r"-[\w.(\[{|\\√∛∜\s]")


def _option_arities(params) -> dict[str, int]:
    """How many values each option name takes (0 for a flag), as Click reads them. (Typer may bring
    its own copy of Click, so options are known by their type name, not their class.)"""
    arities = {}
    for param in params:
        if param.param_type_name == "option":
            count = 0 if (param.is_flag or param.count) else param.nargs
            for name in (*param.opts, *param.secondary_opts):
                arities[name] = count
    return arities


def _option_length(args: list[str], i: int, arities: dict[str, int]) -> int | None:
    """How many tokens the option at args[i] spans with its values, as Click would read it; None if
    args[i] is no option of the command."""
    arg = args[i]
    name, equals, _ = arg.partition("=")
    if name in arities:
        return 1 + max(arities[name] - bool(equals), 0)
    if arg.startswith("--"):
        return None
    # A cluster of short options (-h, or -ab for flags -a and -b); a short option that takes a value
    # takes the rest of the token, or the next token.
    for k, ch in enumerate(arg[1:], 1):
        count = arities.get("-" + ch)
        if count is None:
            return None
        if count:
            return 1 if k < len(arg) - 1 else 1 + count
    return 1


def expressions_as_arguments(args: list[str], params) -> list[str]:
    """`args` where every token that Click would refuse as an unknown option but that reads as an
    expression (`-x^2`, `-5/(x-3)^2`, `-sin(x)`) is an argument.

    Answers and losses often start with a minus, and Click reads `-x^2` as the options -x, -^, -2.
    Real options keep their meaning wherever they are, `--` still ends the options, and an unknown
    `--long` option stays an error. The arguments are moved after a `--`, in their order, so Click
    itself still does all the parsing (and every command line that worked before reads the same)."""
    arities = _option_arities(params)
    options: list[str] = []
    arguments: list[str] = []
    moved = False
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            arguments.extend(args[i + 1:])
            break
        if not arg.startswith("-") or arg == "-":
            arguments.append(arg)
            i += 1
            continue
        length = _option_length(args, i, arities)
        if length is not None:
            if i + length > len(args) and moved:
                # Click would take the `--` added below for its value.
                raise MissingValue(arg.partition("=")[0])
            options.extend(args[i:i + length])
            i += length
            continue
        if _EXPRESSION_AFTER_MINUS.match(arg):
            arguments.append(arg)
            moved = True
        else:
            options.append(arg)  # Click reports it as an unknown option
        i += 1
    return [*options, "--", *arguments] if moved else args


class MissingValue(Exception):
    """An option at the end of the command line without its value."""


class ExpressionCommand(HelpCommand):
    """A command whose arguments are expressions: `symdiff partial -x^2 x` needs no `--`."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        try:
            args = expressions_as_arguments(args, self.get_params(ctx))
        except MissingValue as exc:
            if _korean_asked(args):
                from ..core.messages import language

                with language("ko"):
                    raise _usage(Words("error.usage.needs_value", option=str(exc))) from None
            ctx.fail(f"Option '{exc}' requires an argument.")
        return super().parse_args(ctx, args)


class _BadValue(typer.BadParameter):
    """Click's "Invalid value for" frame, in the output language: its message is said in that language
    too, so under --lang ko the whole line is Korean. The language is the one at the raise: Click
    words the error after the command, outside its language."""

    def __init__(self, message, param_hint: str):
        from ..core.errors import localized
        from ..core.language import LANGUAGE

        self.lang = LANGUAGE.get()
        self.words = message  # said again in Korean where the command line asks for it before --lang is read
        super().__init__(short_echo(localized(message, self.lang)), param_hint=param_hint)

    def format_message(self) -> str:
        from ..core.errors import localized
        from ..core.messages import message

        if self.lang == "en":
            return super().format_message()
        return message("error.option.invalid", lang=self.lang, option=_option_named(self.param_hint),
                       reason=localized(self.words, self.lang))


def _bad(option: str, message) -> typer.BadParameter:
    """A usage error (exit 2) about one option, named the way Click names its own; a catalogue
    message (`Words`) in the output language."""
    return _BadValue(message, param_hint=f"'{option}'")


def _plot_path(path: str | None) -> str | None:
    """--plot is checked while the options are read: a path that cannot be written fails now, not
    after the work it was to show."""
    if path is not None:
        from ..features.plot import path_problem

        problem = path_problem(path)
        if problem is not None:  # said again in Korean where the command line asks for it
            raise _bad("--plot", problem)
    return path


def _file_option(what: str = "one expression"):
    return typer.Option("--file", metavar="PATH",
                        help=f"Read {what} per line from PATH (- for standard input). Blank lines and lines "
                             "starting with # are skipped.")


# Options most commands share; a command that words one differently declares its own.
FileOpt = Annotated[Optional[str], _file_option()]


@functools.cache
def _format_option(command: str):
    """`--format` for `command`: a choice of the formats it writes (one table, `COMMAND_FORMATS`, for
    what Click accepts and what the help lists). Cached: Typer reads a signature twice."""
    from .output import COMMAND_FORMATS, format_help

    choices = Enum(f"{command.title()}Format", {f.value: f.value for f in COMMAND_FORMATS[command]}, type=str)
    return Annotated[Optional[choices], typer.Option("--format", metavar="FORMAT", case_sensitive=False,
                                                     help=format_help(command), show_default=False)]


NoStepsOpt = Annotated[bool, typer.Option("--no-steps", help="Print only the results.")]
StandaloneOpt = Annotated[
    bool,
    typer.Option("--standalone", help="With --format latex: a complete document around the results, for pdflatex "
                                      "(English) or lualatex with a Korean font (--lang ko)."),
]
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
DescendVarsOpt = Annotated[
    Optional[str],
    typer.Option("--vars", metavar="x,y", help="The variables and their order (default: the order of --from, "
                                               "so --from w=0,b=0 descends in (w, b))."),
]
_STEPS_SHOWN = 6  # symdiff.api.STEPS_SHOWN, without importing SymPy for --help
StepVarOpt = Annotated[
    Optional[list[str]],
    typer.Option("--var", metavar="NAME",
                 help=f"Show the steps of this partial (repeatable). Default: the first {_STEPS_SHOWN} partials."),
]


class Lang(str, Enum):
    en = "en"
    ko = "ko"


LangOpt = Annotated[
    Lang,
    typer.Option("--lang", case_sensitive=False,
                 help="The language of everything the output says, explanations, headings and verdicts alike "
                      "and errors that cannot read the input (JSON keys, the values scripts match on and JSON's "
                      "error messages stay English): en or ko "
                      "(한국어)."),
]
TimeoutOpt = Annotated[
    float,
    typer.Option("--timeout", metavar="SECONDS", click_type=options.TIMEOUT,
                 help="The time limit for one input (one line of --file or -), 0.1 to 86400 seconds "
                      "(one day); an input over it gets a timeout error and the others go on."),
]
# A command that runs once (no --file, no lines) has one limit for the whole run.
RunTimeoutOpt = Annotated[
    float,
    typer.Option("--timeout", metavar="SECONDS", click_type=options.TIMEOUT,
                 help="The time limit of the whole run (0.1 to 86400 seconds, one day)."),
]
JobsOpt = Annotated[
    int,
    typer.Option("--jobs", metavar="N", click_type=options.JOBS,
                 help=f"Worker processes (0: one per core; at most {options.MAX_JOBS}). Results are still "
                      f"written in input order."),
]
_MIN_MEMORY = 128  # symdiff.app.workers.MIN_MEMORY_MB, without importing the workers for --help

MemoryOpt = Annotated[
    int,
    typer.Option("--memory", metavar="MiB", click_type=options.MEMORY,
                 help=f"The memory limit of each worker process: 0 (none), or at least {_MIN_MEMORY} MiB "
                      f"and at most {options.MAX_MEMORY_MB} (1 TiB); a worker starts as a copy of symdiff, and a limit it "
                      "cannot start in is refused, naming the minimum."),
]


class Limits:
    """--timeout, --jobs and --memory, passed on to the worker pool."""

    def __init__(self, timeout: float, jobs: int, memory: int):
        self.timeout, self.jobs, self.memory = timeout, jobs, memory


def _names(text: str | None) -> list[str]:
    """--vars as names; given but naming none ("", ",") is a usage error, not every variable."""
    if text is None:
        return []
    names = [v.strip() for v in text.split(",") if v.strip()]
    if not names:
        raise _bad("--vars", Words("error.option.vars_empty"))
    return names


def _argument_order(expression: str | None, var_args: list[str], file: str | None) -> None:
    """A VAR that is no variable name, where the arguments were likely given in the wrong order
    (`partial x "x**2*y"`) or an expression was given beside --file: said so, with the error."""
    from ..core.errors import ParseError
    from ..scalar.parsing import parse_variable

    def is_name(text: str) -> bool:
        try:
            parse_variable(text)
        except ParseError:
            return False
        return True

    bad = next((v for v in var_args if not is_name(v)), None)
    if bad is None:
        return
    if file is not None:
        raise _usage(Words("error.partial.file_order", text=bad, option="--file"), bad, 1)
    if expression is not None and is_name(expression):
        raise _usage(Words("error.partial.order", text=bad), bad, 1)


def _validate(names: list[str], at: str | None) -> None:
    """Usage errors come first, before any line is read: they would fail every line alike."""
    from ..core.errors import ParseError
    from ..scalar.parsing import parse_point, parse_variable

    for name in names:
        try:
            parse_variable(name)
        except ParseError as exc:  # the argument as given, with a caret where it goes wrong
            raise _usage(exc.message, name, exc.column) from None
    if at is not None:
        try:
            parse_point(at, names)
        except ParseError as exc:
            raise _usage(exc.message, f"--at {at}", None if exc.column is None else exc.column + len("--at ")) \
                from None


def _direction(direction: str, names: list[str]) -> None:
    """--dir is numbers, not all 0: a usage error before any line, since it would fail every line
    alike. (How many components f needs depends on f, so that stays each line's own error.)"""
    from ..core.errors import SymdiffError
    from ..scalar.coerce import to_number
    from ..scalar.parsing import split_top_level

    try:
        vector = [to_number(part, "a component", names) for _, part in split_top_level(direction, ",")]
    except SymdiffError as exc:
        raise _bad("--dir", Words("error.option.dir", error=exc.message, option="--dir", example="3,4")) from None
    if all(c == 0 for c in vector):
        raise _bad("--dir", Words("error.option.dir.zero"))


def _plottable(expr: str, order: list[str], data: tuple[str, ...] = ()) -> None:
    """--plot draws a function of one or two variables: one of three is a usage error before the
    work, as the other --plot problems are (it was the line's error, exit 1, after the work). Names
    held fixed as `data` (descend --at) are numbers in the picture, not variables."""
    from ..core.errors import SymdiffError
    from ..scalar.parsing import parse_input

    if order:
        names = order
    else:
        try:
            given = parse_input(expr, order)
        except SymdiffError:
            return  # f cannot be read: the run reports that, with its column
        names = [s.name for s in given.params] or sorted(s.name for s in given.expr.free_symbols)
        names = [n for n in names if n not in data]
    if len(names) > 2:
        raise _bad("--plot", Words("error.option.plot.variables", count=len(names),
                                   names=f"{', '.join(names[:6])}{', …' if len(names) > 6 else ''}"))


def _source(args: list[str], file: str | None) -> tuple[str | None, str | None, list[str]]:
    """(source to read lines from, single expression, remaining positional arguments)."""
    if file is not None:
        return file, None, args
    if args and args[0] == "-":
        return "-", None, args[1:]
    if args:
        return None, args[0], args[1:]
    raise _usage(Words("error.usage.no_input", file_option="--file"))


@app.command(
    short_help="∂f/∂VAR with every rule shown, other variables held constant.",
    cls=ExpressionCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff partial \"3*x**2*y**4\" x          (hold y constant, differentiate by x)\n\n"
        "  symdiff partial \"x**2*y**3\" x y          (first by x, then by y)\n\n"
        "  symdiff partial \"sin(x)/x\" x --at x=pi --format json\n\n"
        "  symdiff partial --file exprs.txt x       (one expression per line; - reads stdin)\n\n"
        "  symdiff partial \"-x**2\" x                (an expression may start with -; -- still ends the options)"
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
    format: _format_option("partial") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: NoStepsOpt = False,
    at: AtOpt = None,
    vars: Annotated[
        Optional[str],
        typer.Option("--vars", metavar="x,y",
                     help="Declare the variables (so e can be a variable instead of Euler's number)."),
    ] = None,
    check: CheckOpt = False,
    cse: Annotated[
        Optional[bool],
        typer.Option("--cse/--no-cse", help="Also show the result with its repeated parts named (default: "
                                            "only for large results).", show_default=False),
    ] = None,
    timeout: TimeoutOpt = 10.0,
    jobs: JobsOpt = 1,
    memory: MemoryOpt = 1024,
) -> None:
    """∂f/∂VAR with every rule shown: constant, sum, product, chain... Other variables are held constant.

    Several VARs differentiate in turn: x y is ∂²f/∂y∂x. With one variable in EXPR, VAR may be left out.
    """
    out = _output(format, lang, "partial", standalone)
    source, expression, var_args = _source(list(args or []), file)
    declared = _names(vars)
    _argument_order(expression, var_args, file)
    _validate(declared + var_args, at)

    from ..api import partial as partial_api

    def compute(text: str):
        return partial_api(text, *var_args, at=at, variables=declared, check=check, cse=cse)

    raise typer.Exit(_run(out, compute, source, expression, steps=not no_steps,
                          limits=Limits(timeout, jobs, memory)))


def _output(format, lang, command: str, standalone: bool) -> Output:
    """The command's Output; --standalone only where it means something (a LaTeX output)."""
    from ..core.language import LANGUAGE

    LANGUAGE.set(lang.value)  # a usage error found from here on is said in it too (--standalone's first)
    if standalone and getattr(format, "value", format) != "latex":
        raise _bad("--standalone", Words("error.option.standalone", format_option="--format latex"))
    out = Output(format, lang.value, command)
    out.standalone = standalone
    LANGUAGE.set(out.lang)
    return out


def _expression_command(command: str, expr: str | None, file, format, lang, no_steps, at, vars, check, var,
                        limits: Limits, direction: str | None = None, plot: str | None = None,
                        standalone: bool = False) -> None:
    out = _output(format, lang, command, standalone)
    if direction is not None:  # (after _output: its error is said in the output's language)
        _direction(direction, _names(vars))
    source, expression, rest = _source([expr] if expr is not None else [], file)
    order = _names(vars)
    _validate(order + list(var or []), at)

    from .. import api

    function = {"grad": api.gradient, "hessian": api.hessian}[command]
    steps = list(var) if var else (not no_steps)

    extra = {"direction": direction} if direction is not None else {}
    if plot is not None:
        if at is None:
            raise _usage(Words("error.usage.plot_needs_at", plot_option="--plot", at_option="--at"))
        if source is not None:
            # Every line would draw over the same file.
            raise _bad("--plot", Words("error.option.plot.one", file_option="--file"))
        _plottable(expression, order)

    def compute(text: str):
        return function(text, vars=order or None, at=at, steps=steps, check=check, **extra)

    raise typer.Exit(_run(out, compute, source, expression, steps=not no_steps, limits=limits, plot=plot))


@app.command(
    short_help="The gradient ∇f: every first partial, with its steps.",
    cls=ExpressionCommand,
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
    format: _format_option("grad") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: NoStepsOpt = False,
    at: AtOpt = None,
    vars: OrderVarsOpt = None,
    check: CheckOpt = False,
    var: StepVarOpt = None,
    direction: Annotated[
        Optional[str],
        typer.Option("--dir", metavar="3,4", help="Also the directional derivative ∇f·𝐮 along this direction "
                                                  "(made a unit vector 𝐮)."),
    ] = None,
    plot: Annotated[
        Optional[str],
        typer.Option("--plot", metavar="PATH.png", callback=_plot_path,
                     help="With --at: draw the gradient field over the contours of f (two variables), or "
                          "the curve, its tangent and ∇f (one); needs pip install 'symdiff[plot]'."),
    ] = None,
    timeout: TimeoutOpt = 10.0,
    jobs: JobsOpt = 1,
    memory: MemoryOpt = 1024,
) -> None:
    """The gradient ∇f: every first partial, with its steps.

    ∇f points where f rises fastest; -∇f is where gradient descent steps. With --at it is evaluated,
    with its length and the unit directions of steepest ascent and descent.
    """
    _expression_command("grad", expr, file, format, lang, no_steps, at, vars, check, var,
                        Limits(timeout, jobs, memory), direction, plot, standalone)


@app.command(
    short_help="The Hessian: every second partial, mixed ones in both orders.",
    cls=ExpressionCommand,
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
    format: _format_option("hessian") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: NoStepsOpt = False,
    at: AtOpt = None,
    vars: OrderVarsOpt = None,
    check: CheckOpt = False,
    var: Annotated[Optional[list[str]], typer.Option(
        "--var", metavar="NAME", help="Show the steps of the partials by this variable (repeatable). Default: the "
                                      "first 6 variables.")] = None,
    timeout: TimeoutOpt = 10.0,
    jobs: JobsOpt = 1,
    memory: MemoryOpt = 1024,
) -> None:
    """The Hessian: the matrix of second partials H[i][j] = ∂²f/∂x_i∂x_j.

    Each mixed partial is taken in both orders and the output says whether they agree (Schwarz).
    """
    _expression_command("hessian", expr, file, format, lang, no_steps, at, vars, check, var,
                        Limits(timeout, jobs, memory), standalone=standalone)


@app.command(
    short_help="The m×n Jacobian of several functions, entry by entry.",
    cls=ExpressionCommand,
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
    file: Annotated[Optional[str], _file_option("one 'f1; f2; ...'")] = None,
    format: _format_option("jacobian") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: NoStepsOpt = False,
    at: AtOpt = None,
    vars: OrderVarsOpt = None,
    check: CheckOpt = False,
    timeout: TimeoutOpt = 10.0,
    jobs: JobsOpt = 1,
    memory: MemoryOpt = 1024,
) -> None:
    """The m×n Jacobian of f_1…f_m by x_1…x_n: entry (i, j) = ∂f_i/∂x_j, each with its steps."""
    out = _output(format, lang, "jacobian", standalone)
    exprs = list(exprs or [])
    source, expression, rest = _source(exprs[:1], file)
    if rest or (expression is not None and len(exprs) > 1):
        expression = "; ".join(exprs)
    elif source is not None and len(exprs) > (0 if file is not None else 1):
        raise _usage(Words("error.usage.functions_from_input", file_option="--file"))
    order = _names(vars)
    _validate(order, at)

    from ..api import jacobian as jacobian_api

    def compute(text: str):
        return jacobian_api(text, vars=order or None, at=at, steps=not no_steps, check=check)

    raise typer.Exit(_run(out, compute, source, expression, steps=not no_steps,
                          limits=Limits(timeout, jobs, memory)))


@app.command(
    "check",
    short_help="Checks an answer (a derivative) and names the likely mistake.",
    cls=ExpressionCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff check \"3*x**2*y**4\" x \"6*x*y**3\"      (wrong: says where, and the likely mistake)\n\n"
        "  symdiff check \"sin(x**2)\" x \"2*x*cos(x**2)\"   (right)\n\n"
        "  symdiff check --file answers.jsonl --format json   (lines {\"expr\", \"var\", \"answer\"}, or a CSV "
        "with columns expr,var,answer)"
    ),
)
def check_command(
    args: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="EXPR VAR ANSWER", help="The function, the variable (x, or x,y for ∂²/∂y∂x) "
                                                      "and the answer to check.", show_default=False),
    ] = None,
    file: Annotated[
        Optional[str],
        typer.Option("--file", metavar="PATH", help="Grade many answers: JSON Lines {\"expr\", \"var\", "
                                                    "\"answer\"} or CSV with columns expr,var,answer (- for stdin)."),
    ] = None,
    format: _format_option("check") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: Annotated[bool, typer.Option("--no-steps", help="Leave out the derivative's steps.")] = False,
    timeout: TimeoutOpt = 10.0,
    jobs: JobsOpt = 1,
    memory: MemoryOpt = 1024,
) -> None:
    """Is ANSWER the derivative of EXPR with respect to VAR? Right or wrong, how that was decided, and
    for a wrong answer a point where it differs and the likely mistake. Right needs a proof; an answer that agrees
    at every point tried but could not be proved equal is inconclusive. Exit 0 right, 1 wrong,
    2 unreadable, 3 inconclusive (--file: 1 if any answer is wrong or unreadable, else 3 if any is
    inconclusive)."""
    out = _output(format, lang, "check", standalone)
    args = list(args or [])
    if file is None and len(args) != 3:
        raise _usage(Words("error.usage.check_arguments", file_option="--file"))

    def compute(text: str):
        from ..core.errors import SymdiffError
        from ..features.answers import Verdict, grade_record

        problem = getattr(text, "problem", None)  # a line the reader could not make a record of
        if problem is not None:
            return Verdict(None, (), None, None, "unreadable",
                           error=SymdiffError(problem, getattr(text, "column", None), type="syntax"), input=str(text))
        return grade_record(text)

    if file is None:
        from ..features.answers import answer_record
        from .batch import Arguments

        raise typer.Exit(_run(out, compute, None, Arguments(answer_record(*args)), steps=not no_steps,
                              limits=Limits(timeout, jobs, memory), single_status=verdict_status, graded=True))
    raise typer.Exit(_run(out, compute, file, None, steps=not no_steps, limits=Limits(timeout, jobs, memory),
                          reader=_answer_records, ok_label="right", line_limit=_RECORD_LINE_LIMIT, graded=True))


# A record holds two expressions (and the variable), each up to the parser's limit, and JSON may
# spell every character as a 6-character \u escape.
_RECORD_LINE_LIMIT = 16 * DEFAULT_LIMITS.max_length


def _answer_records(lines):
    from .batch import answer_records

    return answer_records(lines, _RECORD_LINE_LIMIT)


@app.command(
    short_help="dy/dx by implicit differentiation of an equation.",
    cls=ExpressionCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff implicit \"x**2 + y**2 = 25\" --at x=3,y=4\n\n"
        "  symdiff implicit \"x*y + sin(y) = x\" --dx x --dy y --format json"
    ),
)
def implicit(
    equation: Annotated[Optional[str], typer.Argument(metavar="EQUATION", help="An equation in x and y, like "
                                                      "\"x**2 + y**2 = 25\" (- reads standard input).",
                                                      show_default=False)] = None,
    dx: Annotated[str, typer.Option("--dx", metavar="X", help="The independent variable.")] = "x",
    dy: Annotated[str, typer.Option("--dy", metavar="Y", help="The dependent variable, y = y(x).")] = "y",
    file: Annotated[Optional[str], _file_option("one equation")] = None,
    format: _format_option("implicit") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: NoStepsOpt = False,
    at: Annotated[Optional[str], typer.Option("--at", metavar="x=3,y=4", help="Also dy/dx at this point, and "
                                              "whether the point is on the curve.")] = None,
    timeout: TimeoutOpt = 10.0,
    jobs: JobsOpt = 1,
    memory: MemoryOpt = 1024,
) -> None:
    """dy/dx by implicit differentiation, as a textbook does it: with y = y(x), differentiate both sides
    by x term by term (the chain rule gives every y-term a factor dy/dx), collect the dy/dx terms,
    factor and solve; then check with F = left - right: dy/dx = -F_x/F_y."""
    out = _output(format, lang, "implicit", standalone)
    if dx == dy:
        raise _bad("--dy", Words("error.option.dy", dx_option="--dx", dx=dx))
    source, expression, _ = _source([equation] if equation is not None else [], file)
    _validate([dx, dy], at)

    from ..api import implicit as implicit_api

    def compute(text: str):
        return implicit_api(text, dx, dy, at=at)

    raise typer.Exit(_run(out, compute, source, expression, steps=not no_steps,
                          limits=Limits(timeout, jobs, memory)))


@app.command(
    short_help="The tangent line or plane at a point (linear approximation).",
    cls=ExpressionCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff tangent \"x**2 + y**2\" --at x=1,y=2      (the tangent plane z = ...)\n\n"
        "  symdiff tangent \"sin(x)\" --at x=0               (the tangent line)"
    ),
)
def tangent(
    expr: Annotated[Optional[str], typer.Argument(metavar="EXPR", help="The function (- reads standard input).",
                                                  show_default=False)] = None,
    at: Annotated[str, typer.Option("--at", metavar="x=1,y=2", help="The point of tangency: a value for every "
                                    "variable of f.", show_default=False)] = ...,
    file: Annotated[Optional[str], _file_option("one function")] = None,
    format: _format_option("tangent") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: Annotated[bool, typer.Option("--no-steps", help="Leave out the partials' steps.")] = False,
    vars: OrderVarsOpt = None,
    timeout: TimeoutOpt = 10.0,
    jobs: JobsOpt = 1,
    memory: MemoryOpt = 1024,
) -> None:
    """The tangent line at x = a, y = f(a) + f′(a)(x - a), or plane at (x, y) = (a, b), z = f(a, b) +
    f_x(a, b)(x - a) + f_y(a, b)(y - b): the linear approximation of f there."""
    out = _output(format, lang, "tangent", standalone)
    source, expression, _ = _source([expr] if expr is not None else [], file)
    order = _names(vars)
    _validate(order, at)

    from ..api import tangent as tangent_api

    def compute(text: str):
        return tangent_api(text, at=at, vars=order or None, steps=not no_steps)

    raise typer.Exit(_run(out, compute, source, expression, steps=not no_steps,
                          limits=Limits(timeout, jobs, memory)))


def _starting_point(expr: str, start: str, order: list[str], at: str | None = None) -> None:
    """--from gives every variable of f a finite value, and names nothing else: a name f does not
    have is a typo the run would otherwise ignore, or it leaves out a variable. --at holds data fixed:
    names of f that are not descended in."""
    from ..core.errors import SymdiffError
    from ..api import both_given, data_point, descended, ordered_variables
    from ..features.descent import check_start
    from ..scalar.parsing import parse_input, parse_point

    try:
        data = data_point(expr, at, order, ())
    except SymdiffError as exc:
        if exc.usage or exc.type not in ("syntax", "limit", "unknown_function"):
            raise _bad("--at", exc.message) from None
        try:  # the point cannot be read, or f cannot: blame the point only if it is the point
            parse_point(at, order)
        except SymdiffError:
            raise _bad("--at", exc.message) from None
        return  # f cannot be read: the run reports that, with its column

    try:
        point = parse_point(start, order)
    except SymdiffError as exc:
        raise _bad("--from", exc.message) from None
    for name, value in point.items():
        try:
            finite = math.isfinite(float(value))
        except (TypeError, ValueError, OverflowError):
            finite = False
        if not finite:
            raise _bad("--from", Words("error.option.from.range", name=name))
    try:
        given = parse_input(expr, order)
    except SymdiffError:
        return  # f cannot be read: the run reports that, with its column
    f = given.expr
    try:  # the variables descent moves, as the gradient takes them: --vars, a definition's, or f's own
        symbols = ordered_variables([f], order or descended(expr, data, ()) or given.params or None)
    except SymdiffError:
        return  # nothing to descend on, or a --vars name that cannot be read: the run says so
    both = sorted(s.name for s in point if s in data)
    if both:
        raise _bad("--from", both_given(both))
    try:
        check_start(f.xreplace(data), symbols, point, given.name or "f")
    except SymdiffError as exc:
        from ..core.errors import localized

        raise _bad(exc.option, localized(exc.message) + "".join(f"\n{note.message}" for note in exc.notes)) from None


def _named_start(expr: str, start: str, order: list[str], at: str | None) -> str:
    """--from 3 as x=3 where f descends in one variable x (see `api.named_start`)."""
    from ..core.errors import SymdiffError
    from ..api import data_point, named_start

    try:
        return named_start(expr, start, order, (), data_point(expr, at, order, ()))
    except SymdiffError:
        return start  # --at cannot be read: _starting_point says so


def _data_names(at: str | None, order: list[str]) -> tuple[str, ...]:
    """The names --at holds fixed (already read without error by `_starting_point`)."""
    from ..scalar.parsing import parse_point

    return tuple(s.name for s in parse_point(at, order)) if at is not None else ()


def _one_function() -> str:
    """The one function standard input holds (blank and # lines aside): descent runs on one f, so
    `-` means what it means elsewhere, and more than one function is a usage error."""
    from .batch import Lines, Unread, Unreadable, iter_lines, open_source

    try:
        stream = open_source("-")
    except Unreadable as exc:
        raise stream_failure(Words("error.stream.read", source=_source_name("-"), reason=_why(exc))) from None
    lines = Lines(stream, DEFAULT_LIMITS.max_length, DEFAULT_LIMITS.max_skipped_line)
    found = []
    for number, text in iter_lines(lines):
        if isinstance(text, Unread):
            raise _usage(Words("error.usage.stdin_line", number=number, error=text.error().message))
        found.append((number, text))
        if len(found) > 1:
            raise _usage(Words("error.usage.descend_one_function", first=found[0][0], second=number))
    if lines.failure is not None:
        raise stream_failure(Words("error.stream.read", source=_source_name("-"), reason=lines.failure))
    if not found:
        raise _usage(Words("error.usage.descend_no_function"))
    return found[0][1]


@app.command(
    short_help="Gradient descent on f, iterate by iterate, until |∇f| is small.",
    cls=ExpressionCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff descend \"(x-1)**2 + 3*y**2\" --from x=3,y=2 --lr 0.1 --steps 40\n\n"
        "  symdiff descend \"(x-1)**2 + 3*y**2\" --from x=3,y=2 --lr 0.1 --plot path.png\n\n"
        "  symdiff descend \"(w*x + b - y)**2\" --from w=0,b=0 --at x=2,y=3   (x, y data: held fixed)\n\n"
        "  symdiff descend \"x**4\" --from x=2 --lr 0.5            (too large: diverges, and says so)"
    ),
)
def descend(
    expr: Annotated[Optional[str], typer.Argument(metavar="EXPR", help="The function to minimise (- reads it from "
                                                  "standard input).", show_default=False)] = None,
    start: Annotated[str, typer.Option("--from", metavar="x=3,y=2",
                                       help="The starting point: a value for every variable of f.",
                                       show_default=False)] = ...,
    lr: Annotated[float, typer.Option("--lr", metavar="η", click_type=options.LEARNING_RATE,
                                      help="The learning rate (step size): a number > 0.")] = 0.1,
    steps: Annotated[int, typer.Option("--steps", click_type=options.whole(1, 10_000),
                                       help="The most steps to take (1 to 10000).")] = 100,
    tol: Annotated[float, typer.Option("--tol", click_type=options.TOLERANCE,
                                       help="Stop when |∇f| falls below this (0: never).")] = 1e-8,
    plot: Annotated[Optional[str], typer.Option("--plot", metavar="PATH.png", callback=_plot_path,
                                                help="Draw the contours (or curve) of f with the path; needs "
                                                     "pip install 'symdiff[plot]'.")] = None,
    vars: DescendVarsOpt = None,
    at: Annotated[Optional[str], typer.Option("--at", metavar="x=2,y=3",
                                              help="Data: names of f held fixed at these values, not descended "
                                                   "in (a loss in w, b with data x, y).")] = None,
    format: _format_option("descend") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: Annotated[bool, typer.Option("--no-steps", help="Show only the first and last 5 iterates of a longer run.")] = False,
    timeout: RunTimeoutOpt = 60.0,
    memory: MemoryOpt = 1024,
) -> None:
    """Gradient descent (x, y) ← (x, y) - η∇f(x, y), in f's own variables: a table of iterates (k, point, f, ∇f, |∇f|), stopping at --tol,
    and a clear message if it diverges or cycles (exit 1), with a smaller learning rate only if a run
    with it worked."""
    if expr is None:
        raise _usage(Words("error.usage.descend_arguments", from_option="--from"))
    out = _output(format, lang, "descend", standalone)
    if expr == "-":
        expr = _one_function()
    order = _names(vars)
    _validate(order, at)
    start = _named_start(expr, start, order, at)
    _starting_point(expr, start, order, at)
    if plot is not None:
        _plottable(expr, order, _data_names(at, order))

    from ..api import descend as descend_api

    def compute(text: str):
        return descend_api(text, start=start, lr=lr, steps=steps, tol=tol, vars=order or None, at=at)

    raise typer.Exit(_run(out, compute, None, expr, steps=not no_steps, limits=Limits(timeout, 1, memory),
                          plot=plot))


@app.command(
    short_help="Exercises that use exactly the rules asked for, with answers.",
    cls=HelpCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff practice --rules chain,product --count 10 --seed 7\n\n"
        "  symdiff practice --rules quotient,trig --format markdown > worksheet.md\n\n"
        "Rules: power product quotient chain exp log trig inverse_trig hyperbolic inverse_hyperbolic "
        "general_power abs special piecewise constant_multiple rewrite (symdiff rules explains each)"
    ),
)
def practice(
    rules: Annotated[str, typer.Option("--rules", metavar="chain,product",
                                       help="The rules every exercise must use (and no others but the basic "
                                            "ones: constant, sum, constant multiple, power, and rewriting 1/x as "
                                            "x^(-1) or √x as x^(1/2)).")],
    count: Annotated[int, typer.Option("--count", click_type=options.whole(1, 200),
                                       help="How many exercises (1 to 200).")] = 10,
    seed: Annotated[int, typer.Option("--seed", click_type=options.SEED,
                                      help=f"The same seed gives the same exercises (0 to {options.MAX_SEED}).")] = 0,
    format: _format_option("practice") = None,
    no_steps: Annotated[bool, typer.Option("--no-steps", help="Answers without their worked steps.")] = False,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
) -> None:
    """Exercises that use exactly the rules asked for, with answers and worked steps in a separate
    section, reproducible from --seed."""
    from ..core.errors import SymdiffError
    from ..features.practice import practice as practice_api

    out = _output(format, lang, "practice", standalone)  # first: the errors below are said in its language
    try:
        result = practice_api(rules.split(","), count=count, seed=seed)
    except SymdiffError as exc:
        if exc.type == "syntax":  # a rule --rules cannot take
            raise _usage(exc.message) from None
        _said_error(exc.message)
        raise typer.Exit(ExitStatus.FAILED) from None
    rendered = render_input(out, lambda _: result, None, "practice", not no_steps)
    with _standalone(out):  # (its HTML is the worksheet's section alone, as before)
        out.write(rendered.stdout)
    if result.shortfall:  # the exercises found are printed; the exit status says they are fewer
        _said_error(result.shortfall)
        raise typer.Exit(ExitStatus.FAILED)


def _said_error(message: str) -> None:
    """An error line on stderr in the language asked for (a catalogue message in its words)."""
    from ..core.errors import localized
    from ..core.messages import message as say

    current_environment().stderr.write(f"{say('error')}: {localized(message)}\n")


class Layout(str, Enum):
    mixed = "mixed"
    denominator = "denominator"
    numerator = "numerator"


def _complete_rule(incomplete: str) -> list[str]:
    from ..scalar.steps import RULE_NAMES

    return [name for name in RULE_NAMES if name.startswith(incomplete)]


@app.command(
    short_help="Every rule with an example, or one rule worked through.",
    cls=HelpCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff rules                       (every rule: its name, one line, an example)\n\n"
        "  symdiff rules chain                 (the chain rule, worked through on an example)\n\n"
        "  symdiff rules chain --lang ko\n\n"
        "  symdiff rules --format json"
    ),
)
def rules(
    name: Annotated[Optional[str], typer.Argument(metavar="RULE", autocompletion=_complete_rule,
                                                  help="The rule to explain (chain, product, quotient…). "
                                                       "Default: every rule, one line each.",
                                                  show_default=False)] = None,
    format: _format_option("rules") = None,
    lang: LangOpt = Lang.en,
    no_steps: Annotated[bool, typer.Option("--no-steps", help="Only the example's result, not its steps.")] = False,
) -> None:
    """The rules that name symdiff's steps: each stated in one line with an example, or one rule
    worked through step by step on its example."""
    from ..core.errors import SymdiffError
    from ..features.rulebook import rulebook

    out = Output(format, lang.value, "rules")
    try:
        book = rulebook(name)
    except SymdiffError as exc:
        raise _usage(exc.message) from None
    out.write(render_input(out, lambda _: book, None, "rules", not no_steps).stdout)


@app.command(
    short_help="The derivative of a matrix expression by a vector or matrix.",
    cls=ExpressionCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff matrix \"x.T*A*x\" x --shape x=n,1 --shape A=n,n        (→ (A + A.T)*x)\n\n"
        "  symdiff matrix \"log(det(X))\" X --shape X=n,n                 (→ inv(X).T)\n\n"
        "  symdiff matrix \"norm2(A*x - b)**2\" x --shape A=m,n --shape x=n,1 --shape b=m,1 --check\n\n"
        "  symdiff matrix \"sigmoid(W*x + b)\" x --shape \"W=m,n x=n,1 b=m,1\"   (a Jacobian, m×n)\n\n"
        "Syntax: * matrix product (a 1×1 factor acts as a scalar), + -, / by a scalar, X.T or X' transpose, "
        "X**k, trace det inv logdet norm2 norm1 sum diag, element-wise exp log sin cos tanh sigmoid relu abs "
        "sqrt, hadamard(u, v) or u .* v, ./, .^, I or eye(n), ones(m, n)."
    ),
)
def matrix(
    expr: Annotated[Optional[str], typer.Argument(metavar="EXPR", help="The matrix expression (- reads standard "
                                                  "input, one per line).", show_default=False)] = None,
    wrt: Annotated[Optional[str], typer.Argument(metavar="WRT", help="The vector or matrix to differentiate by.",
                                                 show_default=False)] = None,
    shape: Annotated[
        Optional[list[str]],
        typer.Option("--shape", metavar="NAME=R,C",
                     help="The shape of a symbol, in numbers or size names: x=n,1 (a column vector; one size, "
                          "x=n, is the same n×1 column), A=m,n, s=1,1 (a scalar). Repeat it, or give several at "
                          "once: --shape \"x=n,1 A=n,n\"."),
    ] = None,
    layout: Annotated[
        Layout,
        typer.Option("--layout", case_sensitive=False,
                     help="mixed: a scalar's derivative has the shape of what you differentiate by, a vector's "
                          "by a vector is the m×n Jacobian. denominator / numerator: one convention throughout."),
    ] = Layout.mixed,
    file: FileOpt = None,
    format: _format_option("matrix") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: NoStepsOpt = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Compare the result with central finite differences on random matrices of "
                                     "the declared shapes (sizes named by letters get small numbers)."),
    ] = False,
    timeout: TimeoutOpt = 10.0,
    jobs: JobsOpt = 1,
    memory: MemoryOpt = 1024,
) -> None:
    """The derivative of a matrix expression by a vector or matrix, read off its differential.

    Each step is a differential rule (d(XY) = (dX)Y + X(dY), d tr X = tr dX, d X⁻¹ = −X⁻¹ dX X⁻¹, d f(X) = f′(X) ⊙ dX).

    The gradient is then read off df = tr(Gᵀ dX). Shape errors are caught before anything is differentiated.
    """
    out = _output(format, lang, "matrix", standalone)
    if file is not None:
        expression_args = [a for a in (expr, wrt) if a is not None]
        if len(expression_args) != 1:
            raise _usage(Words("error.usage.matrix_file", file_option="--file"))
        source, expression, variable = file, None, expression_args[0]
    else:
        if expr is None or wrt is None:
            raise _usage(Words("error.usage.matrix_arguments",
                               example='symdiff matrix "x.T*A*x" x --shape x=n,1 --shape A=n,n'))
        source, expression, variable = ("-", None, wrt) if expr == "-" else (None, expr, wrt)

    from ..core.errors import ParseError
    from ..matrix.parse import missing_shape_message, parse_shapes, undeclared

    try:
        shapes = parse_shapes(shape or [])
    except ParseError as exc:
        raise _bad("--shape", exc.message) from None
    # Every name without a shape, before any work: what the command line lacks is a usage error,
    # whichever name it is (in a batch, a line's own names are known only when it is read).
    names, column = undeclared(expression, shapes) if expression is not None else ([], None)
    missing = ([] if variable in shapes else [variable]) + [n for n in names if n != variable]
    if missing:
        raise _usage(missing_shape_message(missing), expression if names else None, column)

    def compute(text: str):
        from ..matrix import matrix_derivative

        return matrix_derivative(text, variable, shapes, layout=layout.value, check=check)

    raise typer.Exit(_run(out, compute, source, expression, steps=not no_steps,
                          limits=Limits(timeout, jobs, memory)))


class Loss(str, Enum):
    mse = "mse"
    ce = "ce"


def _named_option(message: str) -> str:
    """network.py's "unknown activation 'x'; …" with the option it came from in front (in the output
    language: the prefix makes it a plain string, which no longer knows its catalogue key)."""
    from ..core.errors import localized

    for option in ("activation", "output", "loss"):
        if message.startswith(f"unknown {option} "):
            return f"--{option}: {localized(message)}"
    return message


@app.command(
    short_help="Backpropagation through a layer or a network (--layers).",
    cls=HelpCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff backprop                                   (sigmoid, squared error, sizes n and m)\n\n"
        "  symdiff backprop --loss ce                         (sigmoid + cross-entropy: δ = z − t)\n\n"
        "  symdiff backprop --activation tanh --inputs 3 --outputs 2 --check\n\n"
        "  symdiff backprop --format markdown --lang ko\n\n"
        "  symdiff backprop --layers 4,3,2 --activation relu --output softmax --loss ce\n\n"
        "  symdiff backprop --layers n,h,m --activation tanh --output sigmoid --loss ce --check"
    ),
)
def backprop(
    activation: Annotated[Optional[str], typer.Option(
        "--activation", metavar="A[,A…]",
        help="σ in z = σ(y): sigmoid, tanh or relu. With --layers, the hidden layers' activation (sigmoid, "
             "tanh, relu or identity): one for all or one per hidden layer, comma-separated (default "
             "sigmoid). For a softmax output use --layers … --output softmax.")] = None,
    loss: Annotated[Loss, typer.Option("--loss", case_sensitive=False,
                                       help="mse: L = ½‖z − t‖²; ce: cross-entropy, binary −Σᵢ [tᵢ ln zᵢ + (1 − tᵢ) ln(1 − zᵢ)] "
                                            "with a sigmoid output, or with --layers … --output softmax "
                                            "categorical −Σᵢ tᵢ ln zᵢ.")] = Loss.mse,
    inputs: Annotated[str, typer.Option("--inputs", metavar="N", help="The size of x: a number or a name.")] = "n",
    outputs: Annotated[str, typer.Option("--outputs", metavar="M",
                                         help="The size of y, z and t: a number or a name.")] = "m",
    layers: Annotated[Optional[str], typer.Option(
        "--layers", metavar="N0,N1,…,NL",
        help="A network of several layers: the sizes from the input's to the output's, numbers or names "
             "(4,3,2 or n,h,m).")] = None,
    output: Annotated[Optional[str], typer.Option(
        "--output", metavar="O",
        help="With --layers, the output layer's function: identity, sigmoid or softmax (default sigmoid).")] = None,
    at: Annotated[Optional[str], typer.Option(
        "--at", metavar="FILE.json|JSON",
        help="With --layers, numbers for x, t and every W1, b1, …: a JSON file or JSON text such as "
             "'{\"x\": [1, 2], \"t\": [0, 1], \"W1\": [[0.1, 0.2], [0.3, 0.4]], …}'. Each δ and gradient is "
             "then also shown as numbers.")] = None,
    lr: Annotated[Optional[float], typer.Option(
        "--lr", metavar="η", click_type=options.LEARNING_RATE,
        help="With --at, one gradient descent step W ← W − η·∂L/∂W (and b likewise), with the loss before "
             "and after it.")] = None,
    format: _format_option("backprop") = None,
    lang: LangOpt = Lang.en,
    standalone: StandaloneOpt = False,
    no_steps: NoStepsOpt = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Compare ∂L/∂W, ∂L/∂b and ∂L/∂x with central finite differences of the "
                                     "composed loss on random matrices."),
    ] = False,
    # a wide network's --check evaluates the whole loss at 60 digits many times: minutes for 400×400
    timeout: RunTimeoutOpt = 120.0,
    memory: MemoryOpt = 1024,
) -> None:
    """Backpropagation through x → y = Wx + b → z = σ(y) → L, by the vector chain rule.

    Each Jacobian is shown with its shape, then their product δ = ∂L/∂y, then ∂L/∂W = δxᵀ, ∂L/∂b = δ and ∂L/∂x = Wᵀδ.
    """
    from ..core.errors import ParseError
    from ..matrix.backprop import check_network, parse_size

    out = _output(format, lang, "backprop", standalone)
    given_activation, activation = activation, activation or "sigmoid"
    if layers is None and (at is not None or lr is not None) and output is None \
            and all(v.strip().isdigit() for v in (inputs, outputs)) and activation.strip().lower() == "sigmoid":
        # numbers for the one-layer network of given sizes: the network --layers n,m, whose output layer's
        # function is this one's activation (its W and b are read as W1 and b1)
        layers, output, given_activation = f"{inputs.strip()},{outputs.strip()}", "sigmoid", None
        inputs, outputs = "n", "m"
    if layers is not None:
        from ..matrix.network import parse_network

        if (inputs, outputs) != ("n", "m"):
            raise _usage(Words("error.usage.layers_and_sizes", inputs_option="--inputs", outputs_option="--outputs",
                               layers_option="--layers", example="--layers 4,3,2"))

        try:
            network = parse_network(layers, activation, "sigmoid" if output is None else output, loss.value)
        except ParseError as exc:
            raise _usage(_named_option(exc.message)) from None
        if given_activation is not None and not network.activations:
            # 3,2 has no hidden layer: --activation would be dropped without a word, and the output be σ
            raise _usage(Words("error.usage.no_hidden_layer", layers=layers.strip(), activation=activation.strip(),
                               activation_option="--activation", layers_option="--layers", output_option="--output",
                               one_layer=f"--inputs 3 --outputs 2 --activation {activation.strip()}"))
        values = _network_values(network, at, lr)

        def compute_network(_text: str):
            from ..matrix.deep import deep_backprop

            return deep_backprop(network, check=check, at=values, lr=lr)

        raise typer.Exit(_run(out, compute_network, None, "backprop", steps=not no_steps,
                              limits=Limits(timeout, 1, memory)))
    for option, given in (("--at", at), ("--lr", lr)):
        if given is not None:
            raise _usage(Words("error.usage.network_numbers", option=option, layers_option="--layers", example="--layers 3,2"))
    if output is not None:
        raise _usage(Words("error.usage.network_output", output_option="--output", layers_option="--layers",
                           example="--layers 4,3,2 --output " + output.strip()))
    from ..matrix.backprop import ACTIVATIONS
    from ..matrix.network import output_hint

    if activation.strip().lower() not in ACTIVATIONS:  # as the one-layer form has always said it
        choices = ", ".join(repr(a) for a in ACTIVATIONS)
        if output_hint(activation):  # an output function given as an activation: where it goes
            name = activation.strip().lower()
            raise _bad("--activation", Words("error.option.activation.output", given=repr(activation), choices=choices,
                                             name=name, example=f"--layers … --output {name}"))
        raise _bad("--activation", Words("error.option.activation", given=repr(activation), choices=choices))
    try:
        sizes = [parse_size(value, name) for name, value in (("--inputs", inputs), ("--outputs", outputs))]
        check_network(activation.strip().lower(), loss.value)
    except ParseError as exc:
        raise _usage(_named_option(exc.message)) from None

    def compute(_text: str):
        from ..matrix.backprop import backprop as backprop_api

        return backprop_api(sizes[0], sizes[1], activation.strip().lower(), loss.value, check=check)

    raise typer.Exit(_run(out, compute, None, "backprop", steps=not no_steps, limits=Limits(timeout, 1, memory)))


def _network_values(network, at: str | None, lr: float | None):
    """--at read and --lr checked before any work, so that a wrong value is a usage error (exit 2)
    and a file that cannot be read exit 4, as for every other input."""
    from ..core.errors import SymdiffError
    from ..matrix.training import ValuesFileError, check_lr, load_values

    if lr is not None and at is None:
        raise _usage(Words("error.usage.lr_without_values", lr_option="--lr", at_option="--at FILE.json"))
    if at is None:
        return None
    try:
        if lr is not None:
            check_lr(lr)
        return load_values(at, network)
    except ValuesFileError as exc:
        from ..core.errors import localized
        from ..core.messages import message

        current_environment().stderr.write(f"{message('error')}: {localized(exc.message)}\n")
        raise typer.Exit(ExitStatus.IO) from None
    except SymdiffError as exc:
        said = exc.message
        raise _usage(said if said.startswith("--") else Words("error.values.at", option="--at", message=said)) from None


@app.command(
    short_help="The derivations on a local web page, and a JSON API.",
    cls=HelpCommand,
    epilog=(
        "Examples:\n\n"
        "  symdiff serve                 (then open http://127.0.0.1:8000)\n\n"
        "  symdiff serve --port 8080 --open"
    ),
)
def serve(
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS", help="The address to listen on: this computer "
                                                                        "only, unless you name another.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=0, max=65535,
                                      help="The port to listen on, 0 to 65535 (0: any free port).")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in the browser.")] = False,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SECONDS", click_type=options.TIMEOUT,
        help="The time limit for one request's expression, 0.1 to 86400 seconds; a request over it gets a "
             "timeout error and the others go on.")] = 10.0,
    jobs: Annotated[int, typer.Option(
        "--jobs", metavar="N", click_type=options.JOBS,
        help=f"Requests worked on at once, each in its own worker process (0: one per core; at most "
             f"{options.MAX_JOBS}); the others wait their turn.")] = 0,
    memory: MemoryOpt = 1024,
) -> None:
    """A page that shows each derivation as you type, and /api/COMMAND, which answers with the
    command's JSON record. Everything is served from this computer: no network is needed (pip install
    "symdiff[web]")."""
    try:
        import uvicorn

        from ..web.app import create_app
        from ..web.runner import Limits as WebLimits
    except ImportError as exc:
        current_environment().stderr.write(
            f"error: symdiff serve needs the web extra ({exc.name or exc} is missing): "
            "pip install \"symdiff[web]\"\n")
        raise typer.Exit(ExitStatus.USAGE) from None
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    current_environment().stdout.write(f"{url}\n")
    current_environment().stdout.flush()
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, (url,)).start()
    # h11 refuses a request line past its buffer with a bare 400; a larger buffer lets the app's own
    # limit (symdiff.web.app.MAX_QUERY) answer first, with a JSON error
    uvicorn.run(create_app(WebLimits(timeout, memory), jobs=jobs or None), host=host, port=port,
                log_level="warning", h11_max_incomplete_event_size=64 * 1024)


def _run(out: Output, compute, source: str | None, expression: str | None, *, steps: bool,
         limits: Limits, reader=None, ok_label: str = "succeeded", single_status=None,
         line_limit: int = DEFAULT_LIMITS.max_file_length, plot: str | None = None,
         graded: bool = False) -> ExitStatus:
    """Every input through the worker pool, outputs in order, a summary after a batch.
    `reader(lines)` turns a file's numbered lines into (line, text) items (default: one expression
    per line; `line_limit` characters at most); `single_status(error_type)` gives the exit status of
    a single input (default: 0 or 1). With `plot`, a worker returns each result's picture and this
    process draws it: drawing is not differentiation, and does not count against --timeout. `graded`:
    the inputs are answers (check), which a timeout leaves unjudged, not wrong."""
    from contextlib import closing

    from .status import NOT_JUDGED

    items, lines = _inputs(source, expression, reader, line_limit)
    if source is None and expression is not None and out.env.local_files and _names_a_file(expression):
        compute = _file_hinted(compute, expression)
    results = _rendered(out, compute, items, steps, limits, plot, graded)
    summary = Summary(ok_label, out.lang)
    # closing: whatever ends the loop (Ctrl-C, SIGTERM, a closed stdout), the workers end with it.
    with _page(out, single=source is None) as start, progress_bar(out, source) as advance, closing(results):
        for rendered in results:
            start(rendered)
            _write(out, rendered, summary, plot)
            advance()
    if source is not None:
        out.error(summary.text())
    if lines is not None and lines.failure is not None:
        raise stream_failure(Words("error.stream.read", source=_source_name(source), reason=lines.failure))
    return run_status(summary, single=source is None, single_status=single_status,
                      not_judged=NOT_JUDGED if graded else ("inconclusive",))


_DATA_FILE = re.compile(r"[\w~./\\-]+\.(txt|csv|jsonl|json)", re.IGNORECASE)


def _names_a_file(expression: str) -> bool:
    """Whether the expression argument is a file's name (`symdiff grad losses.txt`): a newcomer's way of
    asking for --file."""
    text = expression.strip()
    if _DATA_FILE.fullmatch(text):
        return True
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):  # a name too long for the system, a NUL byte
        return False


def _file_hinted(compute, name: str):
    """`compute`, whose syntax errors add that the file is read with --file (the caret stays where it was)."""
    from ..core.errors import ParseError, Words

    def hinted(text: str):
        try:
            return compute(text)
        except ParseError as exc:
            exc.message = Words("error.file.hint", error=exc.message, option=f"--file {name.strip()}")
            exc.args = (exc.message,)
            raise

    return hinted


def _source_name(source: str) -> str:
    return Words("error.stream.stdin") if source == "-" else source


def _why(exc: Exception) -> str:
    """An Unreadable's reason: the catalogue's words it carries, else its text."""
    reason = exc.args[0] if exc.args else str(exc)
    return reason if isinstance(reason, Words) else str(reason)


def _inputs(source: str | None, expression: str | None, reader, line_limit: int):
    """The (line, text) items to work on, and the Lines they are read from (None for the one
    expression of the command line)."""
    from .batch import Arguments, Lines, Undecodable, Unreadable, iter_lines, open_source, undecodable

    if source is None:
        # a byte the terminal's encoding gave that is not UTF-8: named as a file's would be
        if not isinstance(expression, Arguments) and undecodable(expression):
            expression = Undecodable(expression)
        return iter([(None, expression)]), None
    try:
        stream = open_source(source)
    except Unreadable as exc:
        raise stream_failure(Words("error.stream.read", source=_source_name(source), reason=_why(exc))) from None
    except OSError as exc:
        raise stream_failure(Words("error.stream.read", source=_source_name(source), reason=os_reason(exc))) from None
    lines = Lines(stream, line_limit, DEFAULT_LIMITS.max_skipped_line)
    return (reader or iter_lines)(lines), lines


def _rendered(out: Output, compute, items, steps: bool, limits: Limits, plot: str | None, graded: bool = False):
    """Each item's Rendered output, in input order: worked on in worker processes within `limits`
    where processes can be forked; with `plot`, with the picture this process is to draw."""
    from ..core.limits import file_lines
    from .batch import Overlong, Undecodable
    from .workers import MemoryLimitTooSmall, WorkerPool, fork_available, run_in_process

    picture = None
    if plot is not None:
        from ..features.plot import picture

    def handle(line, text):
        if isinstance(text, Overlong):
            return render_failure(out, line, text.head, text.error(), length=text.length)
        if isinstance(text, Undecodable):
            if graded:  # check's record of a line it cannot read: a verdict, "unreadable", as any such line
                from .batch import Refused

                error = text.error()
                return render_input(out, compute, line, Refused(text.shown, error.message, error.column), steps)
            return render_failure(out, line, text.shown, text.error())
        if line is None:  # typed on the command line
            return render_input(out, compute, line, text, steps, picture=picture)
        with file_lines():  # a line of a file may hold a loss with 100 000 parameters
            return render_input(out, compute, line, text, steps, picture=picture)

    def failure(line, text, type, message):
        from ..core.errors import SymdiffError, Words

        if graded and type == "timeout":  # a grader must not read it as "wrong"
            message = Words("error.timeout.check", seconds=f"{limits.timeout:g}", option="--timeout")
        return render_failure(out, line, text, SymdiffError(message, type=type))

    def warm():
        from ..core.messages import language

        with language(out.lang):
            _warm(out, steps)

    if not fork_available():  # Windows: no isolation, but the same output
        return run_in_process(handle, items)
    try:
        pool = WorkerPool(handle, failure, jobs=limits.jobs, timeout=limits.timeout, memory_mb=limits.memory or None,
                          warm=warm)
    except MemoryLimitTooSmall as exc:
        raise _usage(Words("error.memory.small", option="--memory", memory=exc.memory_mb,
                           minimum=exc.minimum)) from None
    return pool.map(items)


# A fixed, small derivation of each command that reads lines (never the user's input: a warm-up has
# no time limit of its own), worked and printed by each new worker before it takes a line.
_WARM_UPS = {
    "partial": lambda sd: sd.partial("x**2*sin(x)/(x + 1)", "x"),
    "grad": lambda sd: sd.gradient("x**2*sin(y)/(x + 1)"),
    "hessian": lambda sd: sd.hessian("x**2*sin(y)/(x + 1)"),
    "jacobian": lambda sd: sd.jacobian("x**2*sin(y); x/(y + 1)"),
    "check": lambda sd: sd.grade_record({"expr": "x**2*sin(x)", "var": "x", "answer": "2*x*sin(x) + x**2*cos(x)"}),
    "implicit": lambda sd: sd.implicit("x**2 + sin(y) = 1", "x", "y"),
    "tangent": lambda sd: sd.tangent("x**2*sin(y)", at="x=1,y=0"),
    "matrix": lambda sd: sd.matrix_derivative("x.T*A*x", "x", {"x": ("n", 1), "A": ("n", "n")}),
}


def _warm(out: Output, steps: bool) -> None:
    """Load and prime, in a new worker, what answering a line of `out.command` loads on its first call:
    the engine, the renderer of `out.format` only, and SymPy's printers it uses (0.1-0.2 s for a
    scalar command, about 1 s for the matrix engine), by answering a fixed derivation as a line is
    answered. The pool starts a line's time limit after this (`partial "x^2" x --timeout 0.1` timed
    out when the first line paid for it)."""
    import symdiff

    from .batch import Outcome
    from .output import render_outcome

    warm_up = _WARM_UPS.get(out.command)
    if warm_up is None:  # the commands that run once have no line to be ready for
        return
    render_outcome(out, Outcome(None, "", result=warm_up(symdiff)), None, "", steps)


@contextmanager
def _standalone(out: Output):
    """A --standalone LaTeX output is one document around every result (ended only if every result
    was written)."""
    if out.format is not Format.latex or not getattr(out, "standalone", False):
        yield
        return
    from ..render.latex import document_end, document_start

    out.write(document_start(out.lang))
    yield
    out.write(document_end())


@contextmanager
def _page(out: Output, *, single: bool = False):
    """An HTML output is one page around every result, a --standalone LaTeX output one document
    (ended only if every result was written). Yields `start(rendered)`, called before each output is
    written: the page opens at the first, so that a single input's result can title it (a derivative
    of a function of one variable is not a page of partial derivatives); a batch's lines differ, so
    its page keeps the command's title."""
    if out.format is Format.latex:
        with _standalone(out):
            yield lambda rendered: None
        return
    if out.format is not Format.html:
        yield lambda rendered: None
        return
    from ..core.messages import EN, language, message
    from ..render.html import page_end, page_start

    opened = []

    def start(rendered=None) -> None:
        if opened:
            return
        opened.append(True)
        key = f"page.{out.command}"
        with language(out.lang):
            title = message(key) if key in EN else f"symdiff {out.command}"
            out.write(page_start((single and getattr(rendered, "title", None)) or title))

    yield start
    start()  # no output at all (an empty file): the page still opens and closes
    out.write(page_end())


def _write(out: Output, rendered, summary: Summary, plot: str | None) -> None:
    """One input's output written, its picture drawn, and counted in `summary`."""
    if out.env.seen is not None:
        out.env.seen(rendered)
    if rendered.stdout:
        out.write(rendered.stdout)
    if rendered.stderr:
        out.error(rendered.stderr)
    error_type = rendered.error_type
    if rendered.picture is not None:
        error_type = _draw(out, rendered, plot) or error_type
    summary.add(error_type, rendered.usage)


def _draw(out: Output, rendered, path: str) -> str | None:
    """Draw a line's picture into `path` and say so; the error type if it could not be drawn."""
    from ..core.errors import SymdiffError
    from ..core.messages import message
    from ..features.plot import draw
    from ..render.text import render_error

    try:
        draw(rendered.picture, path)
    except SymdiffError as exc:
        out.error(render_error(rendered.text, exc, line=rendered.line))
        return exc.type
    except OSError as exc:  # the next line could not write there either
        raise _usage(Words("error.usage.plot_write", path=path, reason=exc.strerror or exc)) from None
    out.error(message("plot.written", lang=out.lang, path=path))
    return None


def _command_name(info) -> str:
    return info.name or info.callback.__name__.lower().replace("_", "-")


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command about to run, when the first argument names one.

    Typer turns every registered command into a Click command (signatures, annotations, a parameter
    object per option) before parsing anything: ~15 ms for ten commands, paid by every run. The
    one command that runs is built the same way, so its options, help and errors are unchanged;
    anything else (--help, --version, a mistyped command) gets the whole app."""
    import copy

    infos = [info for info in app.registered_commands if args and _command_name(info) == args[0]]
    if not infos:
        return app
    single = copy.copy(app)
    single.registered_commands = infos
    return single


def _defer(module: str, *classes: str) -> None:
    """Typer's help and error screens (typer.rich_utils) import rich.markdown (with markdown-it and
    Pygments, ~40 ms, half of `symdiff --help`) and rich.traceback (~13 ms more), only to render help
    in rich_markup_mode="markdown", which symdiff does not use, and to print tracebacks. A stand-in
    module defers each import to its first real use: then the real module replaces the stand-in, and
    its classes behave as rich's own."""
    import importlib
    import types

    if module in sys.modules:
        return

    def real():
        if isinstance(sys.modules.get(module), _Deferred):
            del sys.modules[module]
        return importlib.import_module(module)

    class _Deferred(types.ModuleType):
        def __getattr__(self, name):
            if name.startswith("__"):  # the import system probing (__path__, __spec__...)
                raise AttributeError(name)
            return getattr(real(), name)

    stand_in = _Deferred(module)
    for name in classes:
        def forward(cls_name):
            class _Meta(type):
                def __getattr__(cls, attr):  # classmethods such as Traceback.from_exception
                    return getattr(getattr(real(), cls_name), attr)

            class Forward(metaclass=_Meta):
                def __new__(cls, *args, **kwargs):
                    return getattr(real(), cls_name)(*args, **kwargs)

            Forward.__name__ = Forward.__qualname__ = cls_name
            return Forward

        setattr(stand_in, name, forward(name))
    sys.modules[module] = stand_in


def _defer_rich_markdown() -> None:
    _defer("rich.markdown", "Markdown")
    _defer("rich.traceback", "Traceback")


class _EndedBySignal(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, as Ctrl-C raises KeyboardInterrupt: a batch
    stops the same way (its workers ended, what was written kept) and the exit status is 128+N.
    Not an Exception, so no `except Exception` on the way swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _end_by_signal(signum, frame) -> None:
    raise _EndedBySignal(signum)


def main() -> None:
    import signal

    _defer_rich_markdown()
    configure_streams()
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):  # no SIGHUP on Windows
            signal.signal(getattr(signal, name), _end_by_signal)
    try:
        with using(Environment.from_process()):
            _app_for(sys.argv[1:])(prog_name="symdiff")
    except _EndedBySignal as ended:
        sys.exit(128 + ended.signum)
