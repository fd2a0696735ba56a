"""Arguments that start with a minus are expressions, not options (`symdiff partial -x^2 x`).

Click reads `-x^2` as the short options -x, -^, -2. Every command with expression arguments must
read such a token as an argument wherever it stands, while real options keep working in any
position, `--` still ends the options, and an unknown `--long` option stays a usage error."""

from __future__ import annotations

import functools
import json

import pytest
import typer.main
from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symdiff.app.cli import SPELLED_ELSEWHERE, app

# derandomize: the same examples on every run; database=None: no files.
PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


# --- generated expressions that start with a minus

NAMES = st.sampled_from(["x", "y", "w0", "theta", "xy", "x_1", "a", "t"])
NUMBERS = st.sampled_from(["1", "5", "2", ".5", "2.5", "10", "3"])


@st.composite
def operands(draw, depth=2):
    kind = draw(st.integers(0, 5 if depth else 1))
    if kind == 0:
        return draw(NAMES)
    if kind == 1:
        return draw(NUMBERS) + draw(st.sampled_from(["", "x", "*x", " y"]))
    if kind == 2:
        return f"{draw(st.sampled_from(['sin', 'cos', 'exp', 'log', 'sqrt']))}({draw(operands(depth - 1))})"
    if kind == 3:
        return f"({draw(operands(depth - 1))}{draw(st.sampled_from(['-', '+', '*', '/']))}{draw(operands(depth - 1))})"
    if kind == 4:
        return f"|{draw(operands(depth - 1))}|"
    return f"{draw(operands(depth - 1))}^{draw(st.sampled_from(['2', '3', '(-1)', '0.5']))}"


@st.composite
def negative_expressions(draw):
    """-x^2, -5/(x-3)^2, -sin(x), -2*x, -.5x, -(x+1)(x-1)…: a minus, then an expression."""
    head = draw(operands())
    tail = draw(st.lists(st.tuples(st.sampled_from(["-", "+", "*", "/", "^"]), operands(1)), max_size=2))
    return "-" + head + "".join(op + operand for op, operand in tail)


ISSUE_EXAMPLES = ["-x^2", "-5/(x-3)^2", "-sin(x)", "-2*x", "-x", "-1", "-.5x", "-(x+1)(x-1)", "-√x",
                  "-\\frac{1}{x}", "-θ^2", "- x"]
EXPRESSIONS = st.one_of(st.sampled_from(ISSUE_EXAMPLES), negative_expressions())
ARGUMENTS = st.one_of(EXPRESSIONS, st.sampled_from(["x", "y", "x,y", "x^2 + y", "3*x**2*y**4", "-"]))


# --- the parse, as Click reads it (no computation): each command's own options

@functools.cache
def _group():
    return typer.main.get_command(app)


def _command(name):
    group = _group()
    parent = group.make_context("symdiff", [name])  # the app's context settings (-h for help)
    return group.commands[name], parent


# Values for options (several start with a minus, as `--at x=-1` and `--lr -0.1` do).
VALUES = {
    "--format": ["json", "text"], "--lang": ["en", "ko"], "--at": ["x=-1", "x=-1,y=-2", "x=1"],
    "--vars": ["x,y", "x"], "--var": ["x"], "--dir": ["-3,4"], "--timeout": ["30"], "--jobs": ["1"],
    "--memory": ["0"], "--file": ["exprs.txt"], "--from": ["x=-1,y=2"], "--lr": ["-0.1", "0.1"],
    "--steps": ["5"], "--tol": ["-1e-3", "1e-6"], "--plot": ["-p.png"], "--shape": ["x=n,1", "A=n,n"],
    "--layout": ["mixed", "numerator"], "--dx": ["-x", "x"], "--dy": ["y"],
}

# Each command with expression arguments, and how many of them it takes (None: any number).
COMMANDS = {"partial": None, "grad": 1, "hessian": 1, "jacobian": None, "check": 3, "implicit": 1,
            "tangent": 1, "descend": 1, "matrix": 2}


def _options_of(param) -> list[list[str]]:
    """The ways to give one option (a flag, or a name and a value)."""
    out = []
    if param.param_type_name != "option":
        return out
    for name in (*param.opts, *param.secondary_opts):
        if param.is_flag or param.count:
            out.append([name])
        else:
            out.extend([[name, value] for value in VALUES.get(name, ["1"])])
            out.extend([[f"{name}={value}"] for value in VALUES.get(name, ["1"])[:1]])
    return out


def _options(command) -> list[list[str]]:
    """Each option of `command` as the tokens that give it."""
    return [o for param in command.params for o in _options_of(param)]


def _parse(name: str, args: list[str]):
    """What Click makes of `args`: the parameters, or the usage error's message."""
    command, parent = _command(name)
    try:
        return command.make_context(name, list(args), parent=parent).params
    except Exception as exc:  # a UsageError of the Click that Typer uses
        if not hasattr(exc, "format_message"):  # a usage error symdiff printed itself (Korean), then Exit(2)
            return ("error", type(exc).__name__, f"exit {int(getattr(exc, 'exit_code', 0))}")
        return ("error", type(exc).__name__, exc.format_message())


@st.composite
def command_lines(draw):
    """(command, arguments, options, the arguments and options interleaved at random)."""
    name = draw(st.sampled_from(sorted(COMMANDS)))
    command, _ = _command(name)
    count = COMMANDS[name] or draw(st.integers(1, 3))
    arguments = [draw(EXPRESSIONS)] + [draw(ARGUMENTS) for _ in range(count - 1)]
    # each option once: given twice, the later one wins, and interleaving changes which is later
    by_param = {tuple(o): p.name for p in command.params for o in _options_of(p)}
    options = draw(st.lists(st.sampled_from(_options(command)), max_size=4, unique_by=lambda o: by_param[tuple(o)]))
    # Interleave: each option goes before one of the arguments, or after the last.
    places = [draw(st.integers(0, len(arguments))) for _ in options]
    line = []
    for k, argument in enumerate([*arguments, None]):
        for option, place in zip(options, places):
            if place == k:
                line.extend(option)
        if argument is not None:
            line.append(argument)
    return name, arguments, [t for o in options for t in o], line


@PROPERTY
@given(command_lines())
def test_an_expression_that_starts_with_a_minus_is_an_argument_anywhere(case):
    name, arguments, options, line = case
    expected = _parse(name, [*options, "--", *arguments])
    assert not (isinstance(expected, tuple) and "No such option" in expected[2]), expected
    assert _parse(name, line) == expected, line


# Options a command cannot run without (its help marks them required).
REQUIRED = {"descend": ["--from", "x=1"], "tangent": ["--at", "x=1"]}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_issue_example_reads_as_with_double_dash(name):
    count = COMMANDS[name] or 2
    required = REQUIRED.get(name, [])
    for expr in ISSUE_EXAMPLES:
        arguments = [expr] * count
        params = _parse(name, [*arguments, *required, "--format", "json"])
        assert params == _parse(name, [*required, "--format", "json", "--", *arguments])
        assert isinstance(params, dict), params


# --- unknown options stay errors; -h stays help

OPTION_NAMES = {name for command in COMMANDS for option in _options(_command(command)[0]) for name in
                [option[0].partition("=")[0]]}


@PROPERTY
@given(name=st.sampled_from(sorted(COMMANDS)),
       option=st.from_regex(r"--[a-z][a-z-]{0,10}", fullmatch=True).filter(lambda o: o not in OPTION_NAMES),
       expr=EXPRESSIONS)
def test_an_unknown_long_option_is_still_a_usage_error(name, option, expr):
    count = COMMANDS[name] or 1
    for line in ([expr, *["x"] * (count - 1), option], [option, expr, *["x"] * (count - 1)],
                 [expr, option, "json", *["x"] * (count - 1)]):
        parsed = _parse(name, line)
        assert isinstance(parsed, tuple) and parsed[1] == "NoSuchOption", (line, parsed)
        assert option in parsed[2]


@PROPERTY
@given(name=st.sampled_from(sorted(COMMANDS)), spelled=st.sampled_from(sorted(SPELLED_ELSEWHERE)),
       expr=EXPRESSIONS)
def test_an_option_spelled_as_elsewhere_is_answered_with_the_option_meant(name, spelled, expr):
    known = {option[0].partition("=")[0] for option in _options(_command(name)[0])}
    assume(spelled not in known)  # --at is partial's own
    count = COMMANDS[name] or 1
    parsed = _parse(name, [expr, *["x"] * (count - 1), spelled, "1"])
    assert isinstance(parsed, tuple) and parsed[1] == "NoSuchOption", parsed
    meant = [opt for opt in SPELLED_ELSEWHERE[spelled] if opt.split()[0] in known]
    if meant:  # named, and nothing else offered beside it
        assert parsed[2].endswith(f"(Possible options: {', '.join(sorted(meant))})") or \
            parsed[2].endswith(f"Did you mean {meant[0]}?"), parsed[2]
    for opt in SPELLED_ELSEWHERE[spelled]:
        if opt.split()[0] not in known:  # never an option this command does not have
            assert opt not in parsed[2].partition(spelled)[2]


@PROPERTY
@given(values=st.lists(st.integers(-5, 5), min_size=2, max_size=4), cuts=st.lists(st.booleans(), min_size=3, max_size=3),
       equals=st.booleans())
def test_a_point_given_in_several_at_options_is_one_point(values, cuts, equals):
    # Click keeps the last of a repeated option: --at x=1 --at y=2 lost x=1 without a word.
    names = ["x", "y", "z", "w"][:len(values)]
    pairs = [f"{n}={v}" for n, v in zip(names, values)]
    groups, current = [], [pairs[0]]
    for pair, cut in zip(pairs[1:], cuts):
        if cut:
            groups.append(current)
            current = []
        current.append(pair)
    groups.append(current)
    split = [a for g in groups for a in ([f"--at={','.join(g)}"] if equals else ["--at", ",".join(g)])]
    expr = "*".join(names)
    assert _parse("grad", [expr, *split]) == _parse("grad", [expr, "--at", ",".join(pairs)])


def test_a_name_given_in_two_at_options_is_an_error_and_a_file_twice_too(run):
    result = run("partial", "x^2", "x", "--at", "x=1", "--at", "x=2")
    assert result.exit_code == 2 and "x is given twice" in result.stderr
    result = run("backprop", "--layers", "2,2", "--at", "a.json", "--at", "b.json")
    assert result.exit_code == 2 and "--at is given 2 times" in result.stderr
    result = run("descend", "x^2 + y^2", "--from", "x=1", "--from", "y=2", "--steps", "1", "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_descend_at_names_from_and_learning_rate_names_lr(run):
    result = run("descend", "x^2", "--at", "x=1")
    assert result.exit_code == 2 and "--from" in result.stderr
    result = run("descend", "x^2", "--from", "x=1", "--learning-rate", "0.1")
    assert result.exit_code == 2 and "--lr" in result.stderr


def test_an_unknown_long_option_exits_2_through_the_command_line(run):
    result = run("partial", "-x^2", "x", "--formt", "json")
    assert result.exit_code == 2
    assert "No such option: --formt" in result.stderr


def test_h_is_still_help(run):
    result = run("partial", "-x^2", "x", "-h")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_an_option_missing_its_value_says_so(run):
    result = run("partial", "-x^2", "x", "--at")
    assert result.exit_code == 2
    assert "'--at' requires an argument" in result.stderr


# --- through the whole command line: the issue's examples, and generated ones

def test_partial_of_an_expression_with_a_leading_minus(run):
    result = run("partial", "-x^2", "x")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run("partial", "--", "-x^2", "x").stdout
    assert result.stdout.rstrip().endswith("df/dx = −2·x")


def test_check_an_answer_with_a_leading_minus(run):
    result = run("check", "(x+2)/(x-3)", "x", "-5/(x-3)^2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "right"


def test_option_values_that_start_with_a_minus(run):
    result = run("grad", "-x^2-y^2", "--at", "x=-1,y=2", "--no-steps", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["value"] == [2.0, -4.0]
    result = run("descend", "-x^2", "--from", "x=1", "--lr", "-0.1", "--steps", "2")
    assert result.exit_code == 2 and "positive number, not -0.1" in result.stderr  # the value reached --lr


@pytest.mark.parametrize("args", [
    ["grad", "-x^2*y"], ["hessian", "-x^3*y"], ["jacobian", "-x*y", "-x+y"], ["implicit", "-x^2+y^2=-25+2x^2"],
    ["tangent", "-x^2", "--at", "x=-1"], ["descend", "-cos(x)", "--from", "x=1", "--steps", "3"],
    ["matrix", "-x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"],
    ["check", "-x^2", "x", "-2x"],
])
def test_every_expression_command_takes_a_leading_minus(run, args):
    name, *rest = args
    positional = [a for a in rest if not a.startswith("--") and a not in ("x=-1", "x=1", "3", "x=n,1", "A=n,n")]
    options = [a for a in rest if a not in positional]
    result = run(name, *rest, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run(name, *options, "--format", "json", "--", *positional).stdout


POLYNOMIALS = st.builds(lambda c, n, tail: f"-{c}x^{n}{tail}", st.sampled_from(["", "2", ".5", "3*"]),
                        st.integers(1, 5), st.sampled_from(["", "+y", "-3x*y", "+sin(x)", "/(x-3)^2"]))


@settings(PROPERTY, max_examples=15)
@given(expr=st.one_of(POLYNOMIALS, st.sampled_from(ISSUE_EXAMPLES[:8])), before=st.booleans())
def test_partial_answers_the_same_with_or_without_double_dash(expr, before):
    options = ["--no-steps", "--format", "json", "--at", "x=-1,y=2"]
    line = [*options, expr, "x"] if before else [expr, options[0], "x", *options[1:]]
    result = invoke("partial", *line)
    reference = invoke("partial", *options, "--", expr, "x")
    assert (result.exit_code, result.stdout, result.stderr) == \
        (reference.exit_code, reference.stdout, reference.stderr)
    assert result.exit_code in (0, 1)  # an answer or a domain error, never a usage error
