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
    error = inside(env, run, "descend", "x**4 + y**2", "--from", "3").stderr
    assert bool(BOX.search(help_screen)) == (env.stdout_isatty and not env.no_color)
    assert bool(BOX.search(error)) == (env.stderr_isatty and not env.no_color)
    assert "Invalid value for '--from'" in error


def test_a_terminal_gets_rich_panels_that_still_read_whole(run):
    help_screen = inside(TERMINAL, run, "backprop", "--help").stdout
    assert "─ Options " in help_screen
    assert "--activation" in help_screen and "--layers" in help_screen
    error = inside(TERMINAL, run, "descend", "x**4 + y**2", "--from", "3").stderr
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


def test_a_mistyped_command_is_a_plain_usage_error(run):
    result = run("partail", "x", "x")
    assert result.exit_code == 2 and not BOX.search(result.stderr) and "partail" in result.stderr


# --- 2. "Possible options" only for an option that is really close

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from symdiff.app.cli import CLOSE_SPELLING, SPELLED_ELSEWHERE, close_options  # noqa: E402


def long_options(name: str) -> set[str]:
    return {o for p in click_app().commands[name].params for o in p.opts if o.startswith("--")}


def is_close(given: str, option: str) -> bool:
    import difflib

    a, b = given.lstrip("-").lower(), option.lstrip("-").lower()
    return (difflib.SequenceMatcher(None, a, b).ratio() >= CLOSE_SPELLING
            or (len(a) >= 2 and (a.startswith(b) or b.startswith(a))))


def hinted(result) -> list[str]:
    """The options an unknown option's error names, in English or Korean."""
    found = re.search(r"Possible options?: ([^)]*)\)|비슷한 옵션은 (.*)입니다", result.stderr)
    if not found:
        return []
    return [o.strip() for o in (found[1] or found[2]).split(",")]


unknown = st.from_regex(r"--[a-z][a-z-]{0,11}", fullmatch=True)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(["partial", "descend", "backprop", "matrix"]), option=unknown,
       lang=st.sampled_from(["en", "ko"]))
def test_an_unknown_option_is_answered_with_close_options_only(name, option, lang):
    from helpers import invoke

    known = long_options(name)
    if option in known or option.rstrip("-") != option or option in SPELLED_ELSEWHERE:
        return  # a real option, Click's own prefix syntax, or a spelling of another tool's
    result = invoke(name, "x", option, "--lang", lang)
    if result.exit_code != 2 or "--" + option.lstrip("-") not in result.stderr:
        return  # read as something else (an option's value), not as an unknown option
    named = hinted(result)
    assert sorted(named) == sorted(close_options(option, known)), result.stderr
    assert all(o in known and is_close(option, o) for o in named), (option, named)
    assert bool(named) == any(is_close(option, o) for o in known)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_bogus_gets_no_hint_and_a_near_spelling_does(run, lang):
    far = run("partial", "x^2", "x", "--bogus", "--lang", lang)
    assert far.exit_code == 2 and hinted(far) == [] and "--jobs" not in far.stderr
    near = run("partial", "x^2", "x", "--formt", "--lang", lang)
    assert hinted(near) == ["--format"]
    start = run("partial", "x^2", "x", "--tim", "--lang", lang)
    assert hinted(start) == ["--timeout"]
    elsewhere = run("descend", "x^2", "--start", "x=1", "--lang", lang)
    assert hinted(elsewhere) == ["--from"]


# --- 3. a glued name is an error of the input (exit 1, like every other syntax error), said plainly

@pytest.mark.parametrize("expr", ["2xy", "3ab+1"])
def test_a_glued_name_is_a_syntax_error_of_the_input(run, expr):
    en = run("partial", expr, "x")
    ko = run("partial", expr, "x", "--lang", "ko")
    syntax = run("partial", "3*x**", "x", "--lang", "ko")
    assert en.exit_code == ko.exit_code == syntax.exit_code == 1
    assert en.stderr.startswith("error: ") and ko.stderr.startswith("오류: ") and syntax.stderr.startswith("오류: ")
    assert "is read as one variable named" in en.stderr and "would be" not in en.stderr
    assert "변수 하나의 이름으로 읽힙니다" in ko.stderr
    record = run("partial", expr, "x", "--format", "json").stdout
    assert '"type": "syntax"' in record


# --- 4. an option named in Korean: its particle follows how the name is read

from symdiff.core import korean  # noqa: E402
from symdiff.core.messages import message  # noqa: E402


def every_option() -> dict[str, set[str]]:
    return {name: {o for p in command.params for o in (*p.opts, *p.secondary_opts) if o.startswith("--")}
            for name, command in click_app().commands.items()}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_read_as_koreans_say_it(name):
    for option in every_option()[name]:
        said = korean.reading(option)
        assert "빼기" not in said and "마이너스" not in said, (option, said)  # the dashes are silent
        for word in option.lstrip("-").split("-"):
            # a word is in the table, or short enough to be an abbreviation read letter by letter
            assert word in korean.OPTION_WORDS or len(word) <= 3, (name, option, word)


@pytest.mark.parametrize("option, topic", [("--at", "은"), ("--from", "은"), ("--lr", "은"), ("--format", "은"),
                                           ("--file", "은"), ("--lang", "은"), ("--plot", "은"), ("--steps", "는"),
                                           ("--output", "은"), ("--vars", "는"), ("--no-steps", "는"),
                                           ("--dx", "는"), ("--layers", "는")])
def test_option_particles_as_a_teacher_reads_them(option, topic):
    assert korean.particle(option, "은/는") == topic
    assert korean.particle(f"'{option}'", "은/는") == topic


def test_korean_usage_messages_name_an_option_before_옵션():
    from symdiff.core.error_words import KO

    for key, template in KO.items():
        # a particle never follows an option's slot: `{x_option} 옵션은`, not `{x_option:은/는}`
        assert not re.search(r"\{\w*option\w*:", template), key


REQUIRED = sorted((name, max(p.opts, key=len)) for name, command in click_app().commands.items()
                  for p in command.params if p.required and p.param_type_name == "option")


@pytest.mark.parametrize("name, option", REQUIRED)
def test_a_missing_option_is_named_before_옵션(run, name, option):
    assert REQUIRED  # descend --from, tangent --at
    result = run(name, "x^2", "--lang", "ko")
    assert result.exit_code == 2
    assert result.stderr == f"사용법 오류: {option} 옵션이 필요합니다.\n"


@pytest.mark.parametrize("name", COMMANDS)
def test_an_unknown_option_is_said_in_korean(run, name):
    result = run(name, "--zzzz", "--lang", "ko")
    # The error's line, then the usage line and where help is (tests/test_korean_usage.py).
    assert result.exit_code == 2
    first, usage = result.stderr.splitlines()[:2]
    assert first == "사용법 오류: --zzzz 옵션은 이 명령에 없습니다." and usage.startswith(f"사용법: symdiff {name} ")


# --- 5. a quoted piece of input is named for what it is

@pytest.mark.parametrize("found, noun", [("3", "수"), ("-2.5", "수"), ("x", "이름"), ("theta", "이름"),
                                         ("+", "기호"), ("**", "기호"), ("3x", "부분"), ("x y", "부분")])
def test_a_quoted_piece_is_called_what_it_is(found, noun):
    said = message("error.point.pair", lang="ko", found=found)
    assert f"'{found}' {noun}" in said
    assert korean.token_noun(found) == noun


@settings(max_examples=30, deadline=None)
@given(st.one_of(st.integers(-10 ** 6, 10 ** 6).map(str), st.from_regex(r"[a-z][a-z0-9_]{0,5}", fullmatch=True),
                 st.sampled_from(list("+-*/^)(,=!") + ["**"])))
def test_no_number_or_name_is_called_a_symbol(found):
    for key in ("error.point.pair", "error.unexpected", "error.operand.found", "error.variable.not_name"):
        said = message(key, lang="ko", found=found, text=found, op="+")
        if found.lstrip("-").isdigit():
            assert f"'{found}' 수" in said and f"'{found}' 기호" not in said, said
        elif found[0].isalpha():
            assert f"'{found}' 이름" in said and f"'{found}' 기호" not in said, said
        else:
            assert f"'{found}' 기호" in said, said


def test_the_issue_example_reads_as_a_teacher_would_write_it(run):
    result = run("descend", "x**4 + y**2", "--from", "3", "--lang", "ko")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == ("사용법 오류: --from 옵션의 값이 잘못되었습니다. 값은 x=3처럼 이름=값 꼴로 "
                                             "써야 하는데 이름 없이 '3'만 있습니다.")


# --- 6. help describes only the options the command has

from symdiff.app.output import READS_LINES  # noqa: E402


def help_texts(command) -> list[str]:
    return [t for t in (command.help, command.epilog, *(getattr(p, "help", None) for p in command.params)) if t]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_names_only_the_commands_own_options(run, name):
    command = click_app().commands[name]
    own = every_option()[name] | {"--help"}
    for text in help_texts(command):
        for mentioned in re.findall(r"(?<![\w-])--[a-z][a-z-]*", text):
            assert mentioned in own, (name, mentioned, text)
    shown = run(name, "--help").stdout
    for mentioned in re.findall(r"(?<![\w-])--[a-z][a-z-]*", shown):
        assert mentioned in own, (name, mentioned)


def test_only_commands_that_read_lines_speak_of_lines():
    for name, command in click_app().commands.items():
        reads_lines = "--file" in every_option()[name]
        assert (name in READS_LINES) == reads_lines, name
        if not reads_lines:
            for text in help_texts(command):
                assert not re.search(r"per (input )?line|one line of|--file", text), (name, text)
