"""Help that teaches (issue 20): help screens print what the code says, each command lists the formats
it writes, the top-level help gives one sentence per command, `symdiff rules` explains the rules, and
shell completion works."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import sympy
import typer.main
from helpers import agree, check_tree

from symdiff.app.cli import app
from symdiff.app.environment import Environment, using
from symdiff.app.output import COMMAND_FORMATS, Format
from symdiff.core.messages import CATALOGUES, rule_heading, rule_label
from symdiff.render.notation import unicode
from symdiff.scalar.parsing import parse
from symdiff.scalar.rules import derive
from symdiff.features.rulebook import LISTED
from symdiff.scalar.steps import RULE_EXAMPLES, RULE_NAMES


def click_app():
    """The app as Click sees it, built afresh: its texts are the code's own, not yet escaped for Rich."""
    return typer.main.get_command(app)


COMMANDS = list(click_app().commands)


def words(text: str) -> str:
    return " ".join(text.split())


def screen(text: str) -> str:
    """A help screen as it reads: box drawing gone, whitespace collapsed (so wrapped text is whole,
    a word broken at its hyphen too)."""
    return words(re.sub(r"(\w-)\n\s*(?=\w)", r"\1", re.sub(r"[│╭╮╰╯─]", " ", text)))


def test_every_command_is_covered():
    assert {"partial", "grad", "hessian", "jacobian", "check", "implicit", "tangent", "descend", "practice",
            "matrix", "backprop", "rules"} <= set(COMMANDS)
    assert set(COMMANDS) == set(COMMAND_FORMATS)


# --- help prints every text as written: Rich markup must not eat [plot] or H[i][j]

@pytest.mark.parametrize("name", COMMANDS)
def test_help_shows_every_text_whole(run, name):
    command = click_app().commands[name]
    result = run(name, "--help")
    assert result.exit_code == 0
    shown = screen(result.stdout)
    texts = [command.help, command.epilog, *(p.help for p in command.params if getattr(p, "help", None))]
    for text in filter(None, texts):
        for paragraph in re.split(r"\n\s*\n", text):
            assert words(paragraph) in shown, (name, paragraph)


def test_top_level_help_shows_its_text_whole(run):
    group = click_app()
    shown = screen(run("--help").stdout)
    for paragraph in re.split(r"\n\s*\n", group.help):
        assert words(paragraph) in shown
    for param in group.params:
        if getattr(param, "help", None):
            assert words(param.help) in shown


@pytest.mark.parametrize("name", ["descend", "grad"])
def test_plot_help_names_the_extra(run, name):
    assert "pip install 'symdiff[plot]'" in screen(run(name, "--help").stdout)


def test_brackets_in_the_hessian_docstring_survive(run):
    assert "H[i][j] = ∂²f/∂x_i∂x_j" in screen(run("hessian", "--help").stdout)


# --- --format lists what the command writes, from the table that validation uses

def format_option(name: str):
    return next(p for p in click_app().commands[name].params if "--format" in getattr(p, "opts", ()))


# (serve writes no result, and has no --format)
WRITERS = [name for name in COMMANDS if COMMAND_FORMATS[name]]


@pytest.mark.parametrize("name", WRITERS)
def test_format_help_lists_only_the_accepted_formats(run, name):
    accepted = [f.value for f in COMMAND_FORMATS[name]]
    option = format_option(name)
    assert list(option.type.choices) == accepted
    names = "|".join(f.value for f in Format)
    assert re.findall(rf"\b({names}) \(", option.help) == accepted  # each with what it is
    shown = screen(run(name, "--help").stdout)
    assert "--format FORMAT " + words(option.help) in shown
    refused = [f.value for f in Format if f.value not in accepted]
    for fmt in refused:
        assert not re.search(rf"\b{fmt}\b", option.help), (name, fmt)


@pytest.mark.parametrize("name, fmt", [(name, f.value) for name in WRITERS for f in Format
                                       if f not in COMMAND_FORMATS[name]])
def test_refused_formats_are_usage_errors(run, name, fmt):
    result = run(name, "--format", fmt)
    assert result.exit_code == 2
    listed = ", ".join(f"'{f.value}'" for f in COMMAND_FORMATS[name])
    assert f"'{fmt}' is not one of {listed}" in screen(result.stderr)


def test_practice_writes_its_markdown_worksheet(run):
    result = run("practice", "--rules", "chain", "--count", "1", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Worksheet 0 · chain rule")


# --- the top-level help: one whole sentence per command

def in_a_terminal(run, *args, **kwargs):
    """`run` as if stdout and stderr were a terminal: Typer's Rich panels (without colour, since
    Rich itself still sees the test's streams)."""
    with using(Environment(stdout_isatty=True, stderr_isatty=True)):
        return run(*args, **kwargs)


def command_rows(out: str) -> list[str]:
    """The rows of the top-level help's command list, Rich's panel or Click's plain list alike."""
    if "─ Commands " in out:
        panel = out[out.index("─ Commands "):].splitlines()[1:]
        return [line.strip("│ ").strip() for line in panel if line.startswith("│")]
    listed = out[out.index("\nCommands:\n"):].splitlines()[2:]
    return [line.strip() for line in listed if line.strip()]


@pytest.mark.parametrize("terminal", [False, True])
@pytest.mark.parametrize("width", [80, 100])
def test_top_level_help_gives_one_sentence_per_command(run, width, terminal):
    out = (in_a_terminal if terminal else lambda run, *a, **k: run(*a, **k))(run, "--help", width=width).stdout
    assert ("─ Commands " in out) is terminal
    rows = command_rows(out)
    described = {}
    for row in rows:
        name, _, text = row.partition(" ")
        assert name in COMMANDS, f"a description runs onto a second line: {row!r}"
        described[name] = text.strip()
    assert list(described) == COMMANDS
    for name, text in described.items():
        assert text == click_app().commands[name].short_help
        assert text.endswith(".") and not re.search(r"[.?!]\s", text), text  # one sentence, whole


# --- symdiff rules

def _unmarked(statement: str) -> str:
    """A statement as text and JSON give it: its formulas (⟦…⟧, typeset in documents) as written."""
    return statement.replace("⟦", "").replace("⟧", "")


def test_rules_lists_every_rule_with_its_statement_and_example(run):
    result = run("rules")
    assert result.exit_code == 0
    out = result.stdout
    # each rule under its name, as the steps name it; the contract's key (constant_multiple) is JSON's
    def heading(name: str) -> str:  # a heading, with a capital: "Constant rule"
        label = rule_heading(name, "en")
        return label[:1].upper() + label[1:]

    positions = [out.index(f"\n{heading(name)}\n") for name in LISTED]
    assert positions == sorted(positions)
    for name in LISTED:
        block = out[out.index(f"\n{heading(name)}\n"):].split("\n\n")[0]
        # its first word capitalised where it is a word; its formulas (⟦…⟧, typeset in documents) as written
        statement = CATALOGUES["en"][f"statement.{name}"].replace("⟦", "").replace("⟧", "")
        assert statement in block or statement[:1].upper() + statement[1:] in block, block
        # d/dx, or ∂/∂x where the example holds another variable constant (the steps' own operator)
        example = parse(RULE_EXAMPLES[name])
        operator = "∂/∂x" if example.free_symbols - {sympy.Symbol("x", real=True), sympy.Symbol("x")} else "d/dx"
        assert re.search(rf"Example: {operator} \[{re.escape(unicode(example))}\] = ", block), block


@pytest.mark.parametrize("name", RULE_NAMES)
def test_each_example_shows_its_rule_and_is_right(name):
    step = derive(RULE_EXAMPLES[name], "x")
    # the rule itself, or (log: ln(x² + 1), not the bare ln x its statement already gives) the outer
    # derivative the chain rule takes at the top
    assert step.rule == name or (step.rule == "chain" and step.substeps[0].rule == name)
    if name != "unknown":  # SymPy's DiracDelta(x, 1) has no value to compare
        check_tree(step)


@pytest.mark.parametrize("lang, words_", [("en", ["Chain rule: let u = x²", "(chain rule)", "Worked example"]),
                                          ("ko", ["합성함수의 미분법(연쇄 법칙): u = x²이라 두면", "합성함수의 미분법(연쇄 법칙)\n", "풀이 예"])])
def test_one_rule_is_worked_through_in_either_language(run, lang, words_):
    result = run("rules", "chain", "--lang", lang)
    assert result.exit_code == 0
    out = result.stdout
    assert _unmarked(CATALOGUES[lang]["statement.chain"]) in out
    for w in words_:
        assert w in out
    assert "1.1. d/du [sin(u)] = cos(u)" in out
    assert out.rstrip().endswith("d/dx [sin(x²)] = 2·x·cos(x²)")


def test_rule_names_are_read_as_people_write_them(run):
    for spelling in ("Constant-Multiple", "constant multiple", "constant_multiple"):
        assert run("rules", spelling).stdout.startswith("Constant multiple rule\n")
    assert run("rules", "연쇄 법칙", "--lang", "ko").stdout.startswith("합성함수의 미분법(연쇄 법칙)\n")


def test_an_unknown_rule_is_a_usage_error_naming_the_rules(run):
    result = run("rules", "chian")
    assert result.exit_code == 2
    assert "did you mean chain?" in result.stderr
    for name in RULE_NAMES:
        assert name in result.stderr
    assert result.stdout == ""


def test_rules_json(run):
    every = json.loads(run("rules", "--format", "json").stdout)
    assert every["command"] == "rules"
    assert [r["name"] for r in every["rules"]] == list(LISTED)
    for r in every["rules"]:
        assert r["statement"] == _unmarked(CATALOGUES["en"][f"statement.{r['name']}"])
        assert r["label"] == rule_label(r["name"], "en")
        assert "steps" not in r["example"]
    one = json.loads(run("rules", "quotient", "--format", "json", "--lang", "ko").stdout)
    [rule] = one["rules"]
    assert rule["label"] == "몫의 미분법" and rule["statement"] == _unmarked(CATALOGUES["ko"]["statement.quotient"])
    example = rule["example"]
    assert example["steps"][0]["rule"] == "quotient"
    assert agree(parse(example["result"]), derive(example["expr"], "x").result)[0]


def test_every_language_states_every_rule():
    for table in CATALOGUES.values():
        for name in RULE_NAMES:
            assert table[f"statement.{name}"].strip()


# --- shell completion

def test_completion_script_for_a_named_shell(run, monkeypatch):
    # Typer's switch for naming the shell rather than detecting it (read when the app is built).
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    for shell, marker in (("bash", "complete -o default -F _symdiff_completion symdiff"),
                          ("zsh", "compdef _symdiff_completion symdiff"), ("fish", "complete --command symdiff")):
        result = run("--show-completion", shell)
        assert result.exit_code == 0, result.stderr
        assert marker in result.stdout and "_SYMDIFF_COMPLETE" in result.stdout


def symdiff_process(*args, env=None, shell=False):
    command = [sys.executable, "-m", "symdiff", *args]
    if shell:  # run from bash, so that Typer detects the shell as a user's would be
        command = ["bash", "-c", " ".join(command) + "; true"]
    return subprocess.run(command, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_show_completion_detects_the_shell():
    done = symdiff_process("--show-completion", shell=True)
    assert "complete -o default -F _symdiff_completion symdiff" in done.stdout, done.stderr


@pytest.mark.parametrize("words_, cword, expected", [
    ("symdiff gr", 1, {"grad"}),
    ("symdiff rules --format ", 3, {"rich", "text", "json", "markdown"}),
    ("symdiff rules ch", 2, {"chain"}),
    ("symdiff partial x x --fo", 4, {"--format"}),
])
def test_completion_completes(words_, cword, expected):
    done = symdiff_process(env={"_SYMDIFF_COMPLETE": "complete_bash", "COMP_WORDS": words_,
                                "COMP_CWORD": str(cword)})
    assert set(done.stdout.split()) == expected, done.stderr


def test_help_lists_the_completion_options(run):
    shown = screen(run("--help").stdout)
    assert "--install-completion" in shown and "--show-completion" in shown


def test_practice_help_lists_the_rules_it_takes():
    from symdiff.features.practice import ASKABLE

    epilog = click_app().commands["practice"].epilog
    listed = re.search(r"Rules: ([\w ]+?) \(symdiff rules", epilog).group(1).split()
    assert sorted(listed) == sorted(ASKABLE)
