"""The Environment (symdiff.app.environment): a test builds the terminal, NO_COLOR, width and
encoding it means, and the output follows them; nothing patches sys.stdout or os.environ."""

from __future__ import annotations

import io
import re

import pytest
from helpers import cli_args
from typer.testing import CliRunner

from symdiff import partial
from symdiff.app.cli import app
from symdiff.app.environment import Environment, current, using
from symdiff.app.output import Format, Output, render_input

# Any ANSI control sequence; and one that sets a colour (SGR 30–37, 38, 40–47, 48, 90–97, 100–107).
ANSI = re.compile(r"\x1b\[")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")

# Long enough for a Rich panel to wrap at 50 columns, not at 200.
LONG = " + ".join(f"sin(x*y**{k})" for k in range(2, 9))


def terminal(**given) -> Environment:
    """A colour terminal on both streams, with what the test changes."""
    return Environment(**{"stdout_isatty": True, "stderr_isatty": True, "color_system": "256", "width": 100,
                          **given})


def shown(env: Environment, fmt: Format | None = None, expr: str = "3*x**2*y**4") -> str:
    out = Output(fmt, env=env)
    return render_input(out, lambda text: partial(text, "x"), None, expr, True).stdout


def test_a_colour_terminal_gets_rich_output_in_colour():
    out = Output(None, env=terminal())
    assert out.format is Format.rich and out.one_screen
    assert COLOUR.search(shown(terminal()))


def test_no_color_means_plain_text_and_no_ansi():
    env = terminal(no_color=True)
    assert Output(None, env=env).format is Format.text
    assert not ANSI.search(shown(env))


def test_no_color_with_rich_asked_for_keeps_the_layout_without_colour():
    text = shown(terminal(no_color=True), Format.rich)
    assert "╭" in text and not COLOUR.search(text)


@pytest.mark.parametrize("fmt", [None, Format.rich, Format.text])
def test_an_output_that_is_not_a_terminal_gets_no_ansi(fmt):
    env = terminal(stdout_isatty=False)
    assert not ANSI.search(shown(env, fmt))
    assert not Output(fmt, env=env).one_screen


def test_the_width_is_honoured():
    narrow = shown(terminal(width=50), Format.rich, LONG)
    wide = shown(terminal(width=200), Format.rich, LONG)
    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in narrow.splitlines()]
    assert max(map(len, plain)) <= 50
    assert max(len(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in wide.splitlines()) > 50
    assert len(narrow.splitlines()) > len(wide.splitlines())


def test_an_encoding_without_unicode_gets_ascii_math_and_text_for_rich():
    env = terminal(encoding="ascii")
    out = Output(None, env=env)
    assert out.ascii and out.format is Format.text
    out.write(shown(env, Format.text, "x**2*y"))
    assert env.stdout.getvalue().isascii() and "d/dx" in env.stdout.getvalue()


def test_results_and_errors_go_to_the_environments_streams():
    env = Environment()
    out = Output(Format.text, env=env)
    out.write("result\n")
    out.error("trouble")
    assert env.stdout.getvalue() == "result\n" and env.stderr.getvalue() == "trouble\n"


def test_one_screen_needs_both_streams_on_a_terminal():
    assert Output(Format.text, env=terminal()).one_screen
    assert not Output(Format.text, env=terminal(stderr_isatty=False)).one_screen


def test_the_command_line_runs_in_the_environment_it_is_given():
    env = Environment(stdin=io.StringIO("x**3\n"))
    runner = CliRunner()
    with using(env):
        assert current() is env
        result = runner.invoke(app, cli_args(["partial", "-", "x", "--format", "json"]), catch_exceptions=False)
        usage = runner.invoke(app, cli_args(["partial", "x", "x", "--at", "x=="]), catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout == ""  # nothing went to the process's streams
    assert '"result": "3*x**2"' in env.stdout.getvalue()
    assert "1 line: 1 succeeded" in env.stderr.getvalue()
    assert usage.exit_code == 2 and env.stderr.getvalue().count("usage error") == 1
    assert current() is not env


def test_a_closed_stdout_fails_before_any_work():
    import typer

    env = Environment(stdout=None)
    with pytest.raises(typer.Exit) as ended:
        Output(Format.text, env=env)
    assert ended.value.exit_code == 4
    assert env.stderr.getvalue() == "error: cannot write to standard output: it is closed\n"


def test_a_console_narrower_than_the_minimum_still_shows_the_answer():
    """COLUMNS=0..4 left Rich no room: the boxes were empty and the result lost (exit 0)."""
    from symdiff.app.output import MIN_WIDTH

    for width in (0, 1, 4, MIN_WIDTH - 1):
        env = Environment(stdout_isatty=True, width=width)
        out = Output(Format.rich, env=env)
        assert out.width == MIN_WIDTH
