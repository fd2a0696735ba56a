"""Usage errors and --help as a teacher and a script read them (issue 16): plain text off a terminal,
hints only for options that are close, option names said with the right Korean particle, and help
that describes only the options the command has."""

from __future__ import annotations

import re

import pytest
import typer.main

from symdiff.app.cli import app
from symdiff.app.environment import Environment, using

BOX = re.compile(r"[\u2500-\u257f]")
ANSI = re.compile(r"\x1b\[")


def click_app():
    return typer.main.get_command(app)


COMMANDS = sorted(click_app().commands)


def inside(env: Environment, run, *args, **kwargs):
    with using(env):
        return run(*args, **kwargs)


TERMINAL = Environment(stdout_isatty=True, stderr_isatty=True)


# --- 1. help and usage errors: Rich panels on a terminal only

# A wrong value for an option each command has, and an option no command has.
WRONG_USE = [("--format", "nonsense"), ("--no-such-option",)]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("help_option", ["--help", "-h"])
def test_help_off_a_terminal_is_plain_text(run, name, help_option):
    result = run(name, help_option)
    assert result.exit_code == 0
    assert not BOX.search(result.stdout) and not ANSI.search(result.stdout), result.stdout
    assert result.stdout.startswith(f"Usage: symdiff {name} ")


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("wrong", WRONG_USE)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_usage_errors_off_a_terminal_are_plain_text(run, name, wrong, lang):
    result = run(name, *wrong, "--lang", lang)
    assert result.exit_code == 2
    said = result.stdout + result.stderr
    assert not BOX.search(said) and not ANSI.search(said), said
    assert result.stderr.strip()


@pytest.mark.parametrize("env", [Environment(stdout_isatty=True, stderr_isatty=True, no_color=True),
                                 Environment(stdout_isatty=False, stderr_isatty=True),
                                 Environment(stdout_isatty=True, stderr_isatty=False)])
def test_no_color_or_a_redirected_stream_gets_plain_text_there(run, env):
    help_screen = inside(env, run, "descend", "--help").stdout
    error = inside(env, run, "descend", "x**4", "--from", "3").stderr
    assert bool(BOX.search(help_screen)) == (env.stdout_isatty and not env.no_color)
    assert bool(BOX.search(error)) == (env.stderr_isatty and not env.no_color)
    assert "Invalid value for '--from'" in error


def test_a_terminal_gets_rich_panels_that_still_read_whole(run):
    help_screen = inside(TERMINAL, run, "backprop", "--help").stdout
    assert "─ Options " in help_screen
    assert "--activation" in help_screen and "--layers" in help_screen
    error = inside(TERMINAL, run, "descend", "x**4", "--from", "3").stderr
    assert "─ Error " in error and "expected name=value, found '3'" in error


def test_bare_symdiff_prints_the_help_on_stdout_in_both_forms(run):
    for result in (run(), inside(TERMINAL, run)):
        assert result.exit_code == 2
        assert "Usage: symdiff" in result.stdout and "partial" in result.stdout


def test_examples_in_plain_help_are_whole_lines_to_copy(run):
    command = click_app().commands["backprop"]
    shown = run("backprop", "--help", width=60).stdout.splitlines()
    examples = [p.strip() for p in command.epilog.split("\n\n") if p.startswith(" ")]
    for example in examples:
        assert any(line.strip() == example for line in shown), example
