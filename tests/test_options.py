"""Options are validated before any work: a bad value is a usage error (exit 2) naming the option,
never a run that fails later (exit 1) or quietly does something else (exit 0)."""

from __future__ import annotations

import math
import os
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symdiff.api import descend
from symdiff.app.cli import app
from symdiff.core.errors import ParseError
from symdiff.matrix.parse import parse_matrix, parse_shapes
from symdiff.scalar.parsing import parse_variable

PROPERTY = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def usage_error(result, option: str) -> str:
    """The error's words, unwrapped from Typer's panel, after checking it is a usage error about `option`."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    words = " ".join(re.sub(r"[╭╮╰╯│─]", " ", result.stderr).split())
    assert f"Invalid value for '{option}'" in words, words
    return words


QUADRATIC = ("descend", "(x-1)**2 + 3*y**2")
START = ("--from", "x=3,y=2")


# --- descend: --lr, --tol, --from

bad_rates = st.one_of(st.sampled_from(["nan", "inf", "-inf", "0", "-1", "1e400", "-0.0", "NaN"]),
                      st.floats(max_value=0).map(repr))


@PROPERTY
@given(bad_rates)
def test_descend_refuses_a_learning_rate_that_is_not_a_positive_number(run, lr):
    words = usage_error(run(*QUADRATIC, *START, "--lr", lr, "--steps", "3"), "--lr")
    assert "learning rate" in words


@PROPERTY
@given(st.one_of(st.sampled_from(["nan", "-1", "inf", "-inf", "1e400"]),
                 st.floats(max_value=0, exclude_max=True).map(repr)))
def test_descend_refuses_a_tolerance_that_is_not_a_number_from_0(run, tol):
    words = usage_error(run(*QUADRATIC, *START, "--tol", tol, "--steps", "3"), "--tol")
    assert "tolerance" in words


def test_descend_tolerance_may_be_0_but_not_below(run):
    result = run(*QUADRATIC, *START, "--tol", "0", "--steps", "3", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"step": 3' in result.stdout  # 0 never stops early: every step is taken
    usage_error(run(*QUADRATIC, *START, "--tol", "-1e-300", "--steps", "3"), "--tol")


huge = st.one_of(
    st.sampled_from(["1e400", "10**400", "exp(1000)", "E**710", "-1e400", "2**1100"]),
    st.builds(lambda m, e, sign: f"{sign}{m}e{e}", st.integers(1, 9), st.integers(309, 3000),
              st.sampled_from(["", "-"])),
)


@PROPERTY
@given(huge)
def test_descend_refuses_a_starting_value_beyond_floating_point(run, value):
    words = usage_error(run(*QUADRATIC, "--from", f"x={value},y=1", "--steps", "3"), "--from")
    assert "value of x" in words


def _unknown_name(name: str) -> bool:
    try:
        return parse_variable(name).name not in ("x", "y")
    except ParseError:
        return False


@PROPERTY
@given(st.from_regex(r"[a-zA-Z][a-z0-9]{0,3}", fullmatch=True).filter(_unknown_name))
def test_descend_refuses_a_starting_value_for_a_variable_f_does_not_have(run, name):
    words = usage_error(run(*QUADRATIC, "--from", f"x=3,y=2,{name}=1", "--steps", "3"), "--from")
    assert f"f has no variable {name}" in words


def test_descend_refuses_a_starting_point_without_every_variable(run):
    words = usage_error(run(*QUADRATIC, "--from", "x=3", "--steps", "3"), "--from")
    assert "no starting value for y" in words
    # An f that cannot be read is its own error, with its column, whatever --from says.
    result = run("descend", "(x-1", "--from", "x=3,z=1", "--steps", "3")
    assert result.exit_code == 1
    assert "never closed" in result.stderr


def test_descend_from_follows_declared_vars(run):
    result = run("descend", "(e-1)**2", "--vars", "e", "--from", "e=3", "--steps", "3", "--format", "json")
    assert result.exit_code == 0, result.stderr
    usage_error(run("descend", "(e-1)**2", "--vars", "e", "--from", "e=3,x=1", "--steps", "3"), "--from")


@pytest.mark.parametrize("kwargs", [{"lr": math.nan}, {"lr": math.inf}, {"lr": 0.0}, {"lr": -1.0},
                                    {"tol": math.nan}, {"tol": -1.0}, {"tol": math.inf},
                                    {"start": "x=1e400"}])
def test_the_descent_run_refuses_bad_numbers_with_a_value_error(kwargs):
    arguments = {"start": "x=1", "lr": 0.1, "tol": 1e-8, **kwargs}
    with pytest.raises(ValueError):
        descend("x**2", steps=3, **arguments)


# --- matrix --shape

SHAPES = ["1,1", "n,1", "m,1", "1,n", "n,n", "m,n", "3,1", "2,2"]


@PROPERTY
@given(st.sampled_from(SHAPES), st.sampled_from(SHAPES), st.booleans())
def test_matrix_refuses_two_different_shapes_for_one_name(run, first, second, one_option):
    assume(first != second)
    declarations = (["--shape", f"x={first} x={second}"] if one_option
                    else ["--shape", f"x={first}", "--shape", f"x={second}"])
    words = usage_error(run("matrix", "sum(x)", "x", *declarations), "--shape")
    assert "x is declared twice with different shapes" in words


def test_matrix_shapes_may_repeat_but_not_conflict(run):
    result = run("matrix", "x.T*x", "x", "--shape", "x=n,1", "--shape", "x=n", "--no-steps")
    assert result.exit_code == 0, result.stderr
    assert parse_shapes(["x=n,1", "x=n"]) == {"x": ("n", 1)}
    with pytest.raises(ParseError, match="declared twice"):
        parse_shapes(["x=n,1 A=n,n", "x=m"])


non_ascii_digits = st.characters(categories=["Nd"]).filter(lambda ch: not ch.isascii())


@PROPERTY
@given(non_ascii_digits, st.sampled_from(["x={d},1", "x=n,{d}", "x=1{d},1", "x={d}"]))
def test_matrix_refuses_sizes_in_digits_other_than_0_to_9(run, digit, template):
    words = usage_error(run("matrix", "sum(x)", "x", "--shape", template.format(d=digit)), "--shape")
    assert "0-9" in words and unicodedata.name(digit) in words


@PROPERTY
@given(non_ascii_digits, st.sampled_from(["eye({d})*x", "ones({d}, 1).T*x", "{d}*x", "x*1{d}", "x**{d}"]))
def test_matrix_expressions_read_only_the_digits_0_to_9(digit, template):
    source = template.format(d=digit)
    with pytest.raises(ParseError) as error:
        parse_matrix(source, {"x": (3, 1)})
    assert "0-9" in error.value.message
    assert error.value.column == source.index(digit) + 1


@PROPERTY
@given(st.from_regex(r"_[A-Za-z0-9_]{0,6}", fullmatch=True),
       st.sampled_from(["x={n},1", "x=3,{n}", "x={n}", "{n}=3,1"]))
def test_matrix_names_and_sizes_start_with_a_letter(run, name, template):
    """As in scalar expressions, _n and __init__ are Python's names, not mathematics' (issue 15:
    --shape x=_n,1 was accepted)."""
    words = usage_error(run("matrix", "sum(x)", "x", "--shape", template.format(n=name)), "--shape")
    assert "letter" in words
    with pytest.raises(ParseError, match="letter"):
        parse_matrix(f"{name}.T*x", {"x": (3, 1)})
    with pytest.raises(ParseError, match="letter"):
        parse_matrix(f"eye({name})*x", {"x": (3, 1)})


# --- --plot: refused before the work starts

def _matplotlib_formats() -> set[str]:
    pytest.importorskip("matplotlib")
    from matplotlib.backend_bases import FigureCanvasBase

    return set(FigureCanvasBase.get_supported_filetypes())


PLOTTING = {
    "descend": ("descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--steps", "3"),
    "grad": ("grad", "x**2*y", "--at", "x=1,y=2"),
}


def bad_plot_paths(tmp_path) -> dict[str, str]:
    os.mkfifo(tmp_path / "pipe.png")
    paths = {
        "a directory": str(tmp_path),
        "a directory with a slash": str(tmp_path) + os.sep,
        "an empty path": "",
        "a missing directory": str(tmp_path / "missing" / "plot.png"),
        "no extension": str(tmp_path / "plot"),
        "a pipe": str(tmp_path / "pipe.png"),
    }
    if os.path.exists("/dev/full"):
        paths["/dev/full"] = "/dev/full"
        os.symlink("/dev/full", tmp_path / "full.png")
        paths["a link to /dev/full"] = str(tmp_path / "full.png")
    return paths


@pytest.mark.parametrize("command", sorted(PLOTTING))
def test_plot_refuses_paths_it_cannot_write(run, tmp_path, command):
    _matplotlib_formats()
    for what, path in bad_plot_paths(tmp_path).items():
        result = run(*PLOTTING[command], "--plot", path)
        assert result.exit_code == 2, (what, result.exit_code, result.stderr)
        usage_error(result, "--plot")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["pipe.png"] + (["full.png"] if os.path.exists("/dev/full") else []))


@pytest.mark.parametrize("command", sorted(PLOTTING))
def test_plot_follows_a_symbolic_link_before_the_work(run, tmp_path, command):
    """A dangling link into a missing directory, and a link loop, were found out only when the
    picture was saved, after the work (issue 15)."""
    _matplotlib_formats()
    links = {"dangling.png": tmp_path / "missing" / "plot.png", "loop.png": tmp_path / "loop.png",
             "to-a-directory.png": tmp_path}
    for name, target in links.items():
        os.symlink(target, tmp_path / name)
    for name, words in [("dangling.png", "does not exist"), ("loop.png", "cannot be followed"),
                        ("to-a-directory.png", "directory")]:
        result = run(*PLOTTING[command], "--plot", str(tmp_path / name))
        assert words in usage_error(result, "--plot"), name
        assert result.stdout == "", name  # refused before any work was shown
    os.symlink(tmp_path / "drawn.png", tmp_path / "fine.png")  # dangling, into a directory that exists
    result = run(*PLOTTING[command], "--plot", str(tmp_path / "fine.png"), "--no-steps")
    assert result.exit_code in (0, 1), result.stderr
    assert (tmp_path / "drawn.png").read_bytes()[:4] == b"\x89PNG"


@PROPERTY
@given(st.from_regex(r"[A-Za-z0-9]{1,6}", fullmatch=True))
def test_plot_refuses_extensions_matplotlib_cannot_write(run, tmp_path, extension):
    assume(extension.lower() not in _matplotlib_formats())
    path = tmp_path / f"plot.{extension}"
    words = usage_error(run(*PLOTTING["descend"], "--plot", str(path)), "--plot")
    assert "extensions matplotlib writes" in words and ".png" in words
    assert not path.exists()


def test_plot_extensions_are_what_matplotlib_can_write_here(run, tmp_path, monkeypatch):
    _matplotlib_formats()
    path = tmp_path / "field.PNG"  # matplotlib reads extensions in either case
    result = run(*PLOTTING["grad"], "--plot", str(path), "--no-steps")
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes()[:4] == b"\x89PNG"
    # .pgf is listed by matplotlib but runs a TeX system: with none on the PATH it cannot be written.
    monkeypatch.setenv("PATH", str(tmp_path))
    words = usage_error(run(*PLOTTING["descend"], "--plot", str(tmp_path / "plot.pgf")), "--plot")
    assert "cannot write .pgf" in words


@settings(PROPERTY, max_examples=12)
@given(st.integers(3, 7), st.sampled_from(["grad", "descend"]), st.booleans())
def test_plot_of_a_function_of_three_or_more_variables_is_a_usage_error_before_the_work(run, tmp_path, n, command,
                                                                                      declared):
    """It was the line's error (exit 1) after the work (issue 15)."""
    _matplotlib_formats()
    names = [f"w{i}" for i in range(n)]
    f = " + ".join(f"{v}**2" for v in names)
    point = ",".join(f"{v}=1" for v in names)
    args = ["grad", f, "--at", point] if command == "grad" else ["descend", f, "--from", point, "--steps", "3"]
    path = tmp_path / f"{command}{n}.png"
    result = run(*args, *(["--vars", ",".join(names)] if declared else []), "--plot", str(path))
    words = usage_error(result, "--plot")
    assert f"one or two variables; f has {n}" in words
    assert result.stdout == "" and not path.exists()


def test_grad_plot_refuses_a_batch(run, tmp_path):
    _matplotlib_formats()
    lines = tmp_path / "functions.txt"
    lines.write_text("x**2*y\nx*y**2\n")
    path = tmp_path / "field.png"
    usage_error(run("grad", "--file", str(lines), "--at", "x=1,y=2", "--plot", str(path)), "--plot")
    usage_error(run("grad", "-", "--at", "x=1,y=2", "--plot", str(path), input=lines.read_text()), "--plot")
    assert not path.exists()



# --- every numeric option of every command: a value out of its range, nan, inf, a number past the
# float range or in other digits is a usage error naming the option and the range, before any work
# (issue 15: --timeout inf and 1e308 were tracebacks, --timeout nan disabled the limit, --memory
# 10**20 was an OverflowError in setrlimit, --jobs 100000 forked until the machine stopped)

INVOCATIONS = {
    "partial": ("partial", "x**2", "x"),
    "grad": ("grad", "x*y"),
    "hessian": ("hessian", "x*y"),
    "jacobian": ("jacobian", "x*y"),
    "check": ("check", "x**2", "x", "2*x"),
    "implicit": ("implicit", "x**2 + y**2 = 25"),
    "tangent": ("tangent", "x**2", "--at", "x=1"),
    "descend": ("descend", "x**2", "--from", "x=1", "--steps", "3"),
    "matrix": ("matrix", "x.T*x", "x", "--shape", "x=n,1"),
    "practice": ("practice", "--rules", "chain", "--count", "1"),
}
# option: (commands, words of the range that the message must name, lowest, highest, whole numbers)
NUMERIC_OPTIONS = {
    "--timeout": (sorted(set(INVOCATIONS) - {"practice"}), "from 0.1 to 86400", 0.1, 86_400, False),
    "--jobs": (sorted(set(INVOCATIONS) - {"practice", "descend"}), "from 0 (one per core) to 64", 0, 64, True),
    "--memory": (sorted(set(INVOCATIONS) - {"practice"}), "from 0 (no limit) to 1048576", 0, 1 << 20, True),
    "--lr": (["descend"], "a positive number", 0, None, False),
    "--tol": (["descend"], "a number ≥ 0", 0, None, False),
    "--steps": (["descend"], "from 1 to 10000", 1, 10_000, True),
    "--count": (["practice"], "from 1 to 200", 1, 200, True),
    "--seed": (["practice"], "from 0 to 4294967295", 0, (1 << 32) - 1, True),
}


def _bad_values(option: str):
    _, _, low, high, whole = NUMERIC_OPTIONS[option]
    if whole:
        below = st.integers(max_value=low - 1)
        above = st.integers(min_value=high + 1)
    else:  # --lr must be above 0; --timeout and --tol may be their lowest value
        below = st.floats(max_value=low, exclude_max=option != "--lr")
        above = st.floats(min_value=high, exclude_min=True) if high is not None else st.nothing()
    texts = ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e400", "", " ", "1_0", "0x10", "ten",
             "10**2", "1e999999"] + (["1.5", "1e3", "2.0"] if whole else [])
    return st.one_of(below.map(repr), above.map(repr), st.sampled_from(texts),
                     st.characters(categories=["Nd"]).filter(lambda ch: not ch.isascii()))


_option_and_command = st.sampled_from(sorted(NUMERIC_OPTIONS)).flatmap(
    lambda option: st.tuples(st.just(option), st.sampled_from(NUMERIC_OPTIONS[option][0]), _bad_values(option)))


@settings(PROPERTY, max_examples=150)
@given(_option_and_command)
def test_every_numeric_option_refuses_values_outside_its_range_naming_it(run, case):
    option, command, value = case
    words = usage_error(run(*INVOCATIONS[command], f"{option}={value}"), option)
    assert NUMERIC_OPTIONS[option][1] in words, words
    assert "Traceback" not in words


@pytest.mark.parametrize("option, value", [("--timeout", "inf"), ("--timeout", "1e308"), ("--timeout", "nan"),
                                           ("--timeout", "0"), ("--timeout", "-1"), ("--memory", "1e20"),
                                           ("--memory", str(10**20)), ("--jobs", "100000"), ("--jobs", "65")])
def test_the_issue_examples_of_numeric_options(run, option, value):
    words = usage_error(run("partial", "x**2", "x", option, value), option)
    assert NUMERIC_OPTIONS[option][1] in words


@pytest.mark.parametrize("option", sorted(NUMERIC_OPTIONS))
def test_the_ends_of_each_range_are_accepted(option):
    _, _, low, high, whole = NUMERIC_OPTIONS[option]
    number = next(p.type for p in _params(NUMERIC_OPTIONS[option][0][0]) if option in p.opts)
    for value in (low, high):
        if value is None or (option == "--lr" and value == low):
            continue
        assert number.convert(str(value), None, None) == value
    if option == "--lr":
        assert number.convert("5e-324", None, None) == 5e-324 and number.convert("1e308", None, None) == 1e308


def _params(command: str):
    import typer.main

    return typer.main.get_command(app).commands[command].params


def test_the_largest_values_run(run):
    for args in [("--timeout", "86400"), ("--memory", "0"), ("--memory", "1048576"), ("--jobs", "64"),
                 ("--jobs", "0")]:
        result = run("partial", "x**2", "x", "--no-steps", *args)
        assert result.exit_code == 0, (args, result.stderr)
    assert run("practice", "--rules", "chain", "--count", "1", "--seed", "4294967295").exit_code == 0


def test_grad_dir_is_numbers_not_all_0_before_any_work(run):
    for value, words in [("nan,1", "must be a number"), ("x,1", "must be a number"), ("0,0", "zero vector"),
                         ("(1", "never closed"), ("", "empty")]:
        assert words in usage_error(run("grad", "x*y", "--at", "x=1,y=1", "--dir", value), "--dir")


# A definition names its variables; --from is checked against them as for an expression.
definitions = st.sampled_from(["f(x, y) = (x-1)**2 + 3*y**2", "g(x, y) = x**2 + y**2 + x*y"])


@PROPERTY
@given(definitions, st.from_regex(r"[a-wz][a-z0-9]{0,3}", fullmatch=True).filter(_unknown_name))
def test_descend_checks_from_against_a_definitions_variables(run, definition, name):
    fname = definition[0]
    words = usage_error(run("descend", definition, "--from", f"x=3,y=2,{name}=1", "--steps", "3"), "--from")
    assert f"{fname} has no variable {name}" in words
    words = usage_error(run("descend", definition, "--from", "x=3", "--steps", "3"), "--from")
    assert "no starting value for y" in words


@PROPERTY
@given(st.sampled_from(["a", "b", "k", "c1"]))
def test_descend_refuses_a_value_for_a_definitions_constant(run, constant):
    """f(x) = a·x² holds a constant: a value for it in --from is not silently dropped."""
    words = usage_error(run("descend", f"f(x) = {constant}*x**2", "--from", f"x=1,{constant}=2", "--steps", "3"),
                        "--from")
    assert f"{constant} in f is a constant" in words
    words = usage_error(run("descend", f"f(x) = {constant}*x**2", "--from", "x=1", "--steps", "3"), "--vars")
    assert f"f also has {constant}" in words


@PROPERTY
@given(st.integers(4301, 20000), st.sampled_from([("practice", "--rules", "chain", "--seed"),
                                                   ("descend", "x**2", "--from", "x=1", "--steps"),
                                                   ("partial", "x", "x", "--jobs")]))
def test_a_whole_number_past_python_int_limit_is_a_usage_error(run, digits, args):
    """int() refuses strings of over 4300 digits: the option says its range, with no traceback."""
    words = usage_error(run(*args, "1" * digits), args[-1])
    assert "Traceback" not in words


def test_api_descend_checks_the_start_like_the_command_line():
    import pytest

    from symdiff.api import descend
    from symdiff.core.errors import MissingValue, UsageError

    with pytest.raises(UsageError, match="f has no variable z"):
        descend("x**2 + y**2", start="x=1,y=1,z=3")
    with pytest.raises(UsageError, match="a in f is a constant"):
        descend("f(x) = a*x**2", start="x=1,a=2")
    with pytest.raises(UsageError, match="f also has a"):
        descend("a*x**2", start="x=1", vars="x")
    with pytest.raises(MissingValue, match="no starting value for y"):
        descend("x**2 + y**2", start="x=1")
    # settings are checked before f is read: a bad lr is a ValueError even for an f with a typo
    for kwargs in ({"lr": 0}, {"tol": -1}, {"steps": 0}, {"steps": 10001}):
        with pytest.raises(ValueError):
            descend("x**", start="x=1", **kwargs)
