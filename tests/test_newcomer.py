"""The first hour (issue 20): the stumbles a newcomer met, each fixed as a kind and kept fixed.

1 notes wherever variables are given; 2 an unreadable `check` argument shown with a caret, exit 2;
3 batch results named by their lines; 4 decimals that never contradict; 5 `grad --dir` laid out;
6 `descend`: the failing step shown, its reason once in a terminal, `-` read; 7 one convention for
numbers at a point; 8 help that says what the code does; 9 usage errors are exit 2; 11 HTML Hessians.
(10, README examples that run, is tests/test_readme_examples.py.)"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from helpers import GENEROUS_TIMEOUT, invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symdiff import api

PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
CLI_PROPERTY = settings(PROPERTY, max_examples=15)


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def kinds(notes) -> list[str]:
    return [n["kind"] for n in notes]


# --- 1. the same notes wherever variables are given -------------------------------------------

def test_check_refuses_an_answer_that_glues_f_s_variables_to_a_number(run):
    # The issue's case: 6xy^2 reads as 6·x·y² to a teacher but would be 6·(xy)²: unreadable, with the
    # product to write (it was graded wrong with a note, issue 16).
    result = run("check", "x**2*y**3", "x,y", "6xy^2", "--format", "text")
    assert result.exit_code == 2
    assert "6*x*y" in result.stdout and "--vars xy" in result.stdout  # the verdict, with a caret
    (record,) = json_lines(run("check", "x**2*y**3", "x,y", "6xy^2", "--format", "json").stdout)
    assert record["verdict"] == "unreadable" and "6*x*y" in json.dumps(record)


def test_check_notes_a_name_in_the_answer_that_f_lacks(run):
    (record,) = json_lines(run("check", "x^2", "x", "2X", "--format", "json").stdout)
    assert kinds(record["warnings"]) == ["variable_absent"]
    assert "did you mean x?" in record["warnings"][0]["message"]
    # A right answer with only f's names has no note; I in the answer is the imaginary-unit note's.
    assert "warnings" not in json_lines(run("check", "x^2 y", "x", "2 x y", "--format", "json").stdout)[0]
    (record,) = json_lines(run("check", "x^2", "x", "2 x i", "--format", "json").stdout)
    assert kinds(record["warnings"]) == ["imaginary_unit"]


@PROPERTY
@given(st.sampled_from("xyzt"), st.sampled_from("abcuvw"), st.integers(1, 5))
def test_any_answer_with_a_glued_name_is_refused_with_the_product(v, w, k):
    """Whatever the letters and the exponent: an answer that glues f's variables to a number is
    unreadable, with the product to write instead."""
    verdict = api.check(f"{v}^{k + 1}*{w}^2", v, f"{k + 1}{v}{w}^2*{v}^{k - 1}" if k > 1 else f"2{v}{w}^2")
    assert verdict.verdict == "unreadable" and f"{v}*{w}" in str(verdict.error)


@PROPERTY
@given(st.sampled_from("xyzt"), st.sampled_from("abcuvw"), st.integers(1, 5))
def test_any_answer_with_a_spaced_glued_name_gets_the_product_note(v, w, k):
    """A name spaced from its number (2 xw) is a name: the answer is graded, with the note."""
    verdict = api.check(f"{v}^{k + 1}*{w}^2", v, f"{k + 1} {v}{w}^2")
    notes = [n for n in verdict.warnings if n.kind == "variable_inside_name"]
    assert notes and f"{v}*{w}" in notes[0].message, [n.message for n in verdict.warnings]


@pytest.mark.parametrize("args, kind", [
    (["grad", "3 xy", "--var", "x"], "variable_inside_name"),
    (["hessian", "x*y", "--var", "z"], "variable_absent"),
    (["tangent", "3 xy", "--at", "x=1,y=2"], "variable_inside_name"),
    (["partial", "x^2", "x", "--at", "X=1"], "variable_absent"),
    (["jacobian", "3 xy; x", "--at", "x=1,y=2"], "variable_inside_name"),
    (["implicit", "3 xy = 1"], "variable_inside_name"),
])
def test_a_failure_carries_the_notes_that_explain_it(run, args, kind):
    """Every command that takes variables: where the slip makes the input fail, the note goes with the
    failure, in JSON `warnings` and on stderr."""
    result = run(*args, "--format", "json")
    (record,) = json_lines(result.stdout)
    assert "error" in record and kind in kinds(record["warnings"]), record
    text = run(*args, "--format", "text")
    assert "note: " in text.stderr


@pytest.mark.parametrize("args, kind", [
    (["grad", "3 xy", "--vars", "x,y"], "variable_inside_name"),
    (["hessian", "3 xy", "--vars", "x,y"], "variable_inside_name"),
    (["jacobian", "3 xy; x", "--vars", "x,y"], "variable_inside_name"),
    (["tangent", "z^2 + 3 xy", "--at", "x=1,y=2,z=3", "--vars", "x,y,z"], "variable_inside_name"),
    (["implicit", "x^2 + Y^2 = 1"], "variable_absent"),
    (["descend", "x^2 + 3 xy", "--vars", "x,xy,y", "--from", "x=1,xy=1,y=1", "--steps", "2"], "variable_inside_name"),
])
def test_commands_that_take_variables_note_them(run, args, kind):
    result = run(*args, "--format", "json")
    (record,) = json_lines(result.stdout)
    assert kind in kinds(record.get("warnings", [])), (args, record)


def test_descend_from_names_inside_a_longer_name_are_explained(run):
    result = run("descend", "3 xy", "--from", "x=1,y=1")
    assert result.exit_code == 2
    assert "occurs in f only inside the name xy" in " ".join(result.stderr.split())


# --- 2. an unreadable check argument: shown as given, with a caret; exit 2 ---------------------

@pytest.mark.parametrize("var, column", [("x y", 3), ("x,y z", 5), (" 2x", 2), ("", 1), ("x^2", 2)])
def test_an_unreadable_check_variable_is_shown_with_a_caret(run, var, column):
    result = run("check", "x^2", var, "2x", "--format", "text")
    assert result.exit_code == 2  # unreadable, as the exit code table says
    out = result.stdout
    assert '"expr"' not in out + result.stderr  # no internal record as context
    assert f"  {var}\n  {' ' * (column - 1)}^" in out, out
    (record,) = json_lines(run("check", "x^2", var, "2x", "--format", "json").stdout)
    assert record["verdict"] == "unreadable" and record["error"]["column"] == column
    assert record["error"]["message"].startswith("the variable:")


@PROPERTY
@given(st.from_regex(r"[a-w]{1,3}", fullmatch=True), st.sampled_from([" ", "^", "+", "*", " 2", "(", "/"]),
       st.from_regex(r"[a-z0-9]{0,2}", fullmatch=True))
def test_the_caret_points_where_a_variable_stops_being_a_name(name, junk, rest):
    """Whatever follows a name in VAR: the verdict is unreadable and the column points past the name,
    at what is not part of it."""
    from symdiff.core.errors import ParseError
    from symdiff.scalar.parsing import parse_variable

    try:
        assume(parse_variable(name).name == name)  # not a function's name (ln) or a constant (pi)
    except ParseError:
        assume(False)
    assume(junk.strip() or rest)  # "x " is x
    text = name + junk + rest
    verdict = api.check("x^2", text, "2x")
    assert verdict.verdict == "unreadable" and verdict.unreadable_text == text
    column = verdict.error.column
    assert len(name) < column <= len(text) and not text[column - 1].isspace(), (text, column)


@pytest.mark.parametrize("args, text, column", [
    (["x^", "x", "2x"], "x^", 3),
    (["x^2", "x", "2x+"], "2x+", 4),
])
def test_an_unreadable_expression_or_answer_is_shown_with_a_caret(run, args, text, column):
    result = run("check", *args, "--format", "text")
    assert result.exit_code == 2
    assert f"  {text}\n  {' ' * (column - 1)}^" in result.stdout


def test_usage_errors_about_an_argument_show_it_with_a_caret(run):
    result = run("partial", "x^2", "x y")
    assert result.exit_code == 2
    assert "usage error: 'x y' is not a variable name\n  x y\n    ^" in result.stderr


# --- 3. batch results name their lines ---------------------------------------------------------

LINES = st.lists(st.sampled_from(["x^2", "sin(x", "x*y", "x^", "cos(x)", "# note", "", "exp(2x)"]),
                 min_size=2, max_size=6)


@CLI_PROPERTY
@given(LINES, st.sampled_from(["text", "rich", "markdown"]))
def test_every_batch_result_names_its_line(lines, fmt):
    """Whichever lines fail: each result in the output names the input line it answers."""
    result = invoke("partial", "-", "x", "--no-steps", "--format", fmt, input="\n".join(lines) + "\n")
    good = [n for n, t in enumerate(lines, 1) if t in ("x^2", "x*y", "cos(x)", "exp(2x)")]
    named = [int(n) for n in re.findall(r"line (\d+)", result.stdout)]
    assert named == good, (lines, result.stdout)


@pytest.mark.parametrize("command, lines", [
    (["grad", "-"], "x^2\nx^\ny*x\n"),
    (["hessian", "-"], "x^2\nx^\ny*x\n"),
    (["jacobian", "-"], "x^2\nx^\ny*x\n"),
    (["tangent", "-", "--at", "x=1,y=1"], "x^2*y\nx^\ny*x\n"),  # one point for all: f of x and y each
    (["implicit", "-"], "x^2 + y^2 = 1\nx^ = 1\nx*y = 1\n"),
    (["matrix", "-", "x", "--shape", "x=n,1"], "x.T*x\nx.T*\nsum(x)\n"),
    (["check", "--file", "-"], '{"expr": "x^2", "var": "x", "answer": "2x"}\nnot json\n'
                               '{"expr": "x^3", "var": "x", "answer": "3x"}\n'),
])
@pytest.mark.parametrize("fmt", ["text", "rich"])
@pytest.mark.parametrize("steps", [[], ["--no-steps"]])
def test_every_command_that_batches_names_each_result(run, command, lines, fmt, steps):
    result = run(*command, *steps, "--format", fmt, input=lines)
    # Line 2 fails (on stderr), except in check, where an unreadable record is a verdict like any other.
    expected = ["1", "2", "3"] if command[0] == "check" else ["1", "3"]
    assert re.findall(r"line (\d+):", result.stdout) == expected, result.stdout


# --- 4. decimals that tell different values apart ---------------------------------------------

@PROPERTY
@given(st.floats(allow_nan=False, allow_infinity=False, width=64),
       st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_distinct_values_print_differently(a, b):
    from symdiff.features.approx import distinct

    shown = distinct(a, b)
    if a == b:
        assert shown is None
    else:
        assert shown is not None and shown[0] != shown[1]
        assert float(shown[0]) != float(shown[1])


@pytest.mark.parametrize("k", [1, 3, 7, 10, 12, 15, 20, 40])
def test_a_counterexample_never_reads_as_equal_values(run, k):
    """The issue's `2x + 0.0000001`, and every size of slip: the answer's value and the derivative's
    never print the same."""
    out = run("check", "x^2", "x", f"2x + 10^-{k}", "--format", "text").stdout
    (line,) = [line for line in out.splitlines() if line.startswith("Wrong:")]
    answer, correct = re.match(r"Wrong: at x = 1/2 the answer is (.*) but the derivative is (.*)", line).groups()
    shown = [part.rsplit("≈", 1)[-1].strip() for part in (answer, correct)]
    assert shown[0] != shown[1], line


def test_the_issue_s_counterexample(run):
    out = run("check", "x^2", "x", "2x + 0.0000001", "--format", "text").stdout
    assert "the answer is 10000001/10000000 ≈ 1.0000001 but the derivative is 1" in out


def test_a_failed_descent_names_values_that_differ():
    # "f rose from 1 to 1" cannot be: the digits show the rise.
    from symdiff.features.descent import _apart

    assert _apart(1.0, 1.0000001) == ("1", "1.0000001")


# --- 5. the directional derivative, laid out -------------------------------------------------

DIR = ["grad", "3*x**2*y**4", "--at", "x=1,y=2", "--dir", "3,4", "--no-steps"]


@pytest.mark.parametrize("fmt", ["text", "rich"])
def test_directional_derivative_lines(run, fmt):
    out = run(*DIR, "--format", fmt).stdout
    lines = [line.strip(" │") for line in out.splitlines()]
    u = next(i for i, line in enumerate(lines) if line.startswith("𝐮 = "))
    # the given direction over its length, then the unit vector (issue 16: worked out, as a textbook does)
    assert lines[u] in ("𝐮 = [3, 4]ᵀ/√(3² + 4²) = [3/5, 4/5]ᵀ",)
    # the dot product written out in the variables' order, then simplified (issue 16)
    assert lines[u + 1] == "D_𝐮 f = ∇f·𝐮 = (3/5)·6·x·y⁴ + (4/5)·12·x²·y³ = 6·x·y³·(8·x + 3·y)/5", lines[u + 1]
    # the dot product at the point written out, then exact, the decimal beside (issue 16)
    assert lines[u + 2].startswith("At (x, y)") and "D_𝐮 f = ∇f·𝐮 = 96·(3/5) + 96·(4/5) = 672/5 = 134.4" in lines[u + 2]


@pytest.mark.parametrize("fmt, parts", [
    ("latex", [r"&\mathbf{u} = \frac{1}{\sqrt{3^{2} + 4^{2}}} \begin{bmatrix} 3 \\ 4 \end{bmatrix} = \begin{bmatrix} \frac{3}{5} \\ \frac{4}{5} \end{bmatrix}",
               r"&D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u} = \frac{3}{5} \cdot 6 x y^{4} + \frac{4}{5} \cdot 12 x^{2} y^{3} = ",
               r"$D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u} = 96 \cdot \frac{3}{5} + 96 \cdot \frac{4}{5} = \frac{672}{5} = 134.4$"]),
    ("markdown", [r"- $\mathbf{u} = \frac{1}{\sqrt{3^{2} + 4^{2}}} \begin{bmatrix}", r"- $D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u} = \frac{3}{5} \cdot 6 x y^{4} + ",
                  r"$D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u} = 96 \cdot \frac{3}{5} + 96 \cdot \frac{4}{5} = \frac{672}{5} = 134.4$"]),
    ("html", ['<math><mi mathvariant="bold">u</mi><mo>=</mo>', '<msub><mi>D</mi><mi mathvariant="bold">u</mi></msub><mi>f</mi><mo>=</mo><mo>∇</mo>',
              "<mn>134.4</mn>"]),
])
def test_directional_derivative_in_the_document_formats(run, fmt, parts):
    out = run(*DIR, "--format", fmt).stdout
    positions = [out.index(part) for part in parts]
    assert positions == sorted(positions), out


# --- 6. descend --------------------------------------------------------------------------------

def test_descend_shows_the_step_that_diverged(run):
    out = run("descend", "x**4", "--from", "x=2", "--lr", "0.5", "--format", "text").stdout
    assert "diverged at step 2" in out
    assert re.search(r"^\s+2\s+5474", out, re.M), out
    (record,) = json_lines(run("descend", "x**4", "--from", "x=2", "--lr", "0.5", "--format", "json").stdout)
    assert record["iterations"][-1]["step"] == 2


def test_descend_shows_where_it_left_the_domain(run):
    out = run("descend", "log(x)", "--from", "x=1", "--lr", "2", "--format", "text").stdout
    assert re.search(r"^\s+1\s+−1\s+Not defined", out, re.M), out  # the text view's minus sign
    assert "at x = −1" in out


def _in_a_terminal(args: list[str]) -> str:
    """Run symdiff with stdout and stderr on one pseudo-terminal, as a person sees it."""
    import pty
    import select

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen([sys.executable, "-m", "symdiff", *args], stdin=subprocess.DEVNULL,
                               stdout=slave, stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 600)
        if not ready:
            break
        try:
            data = os.read(master, 1 << 16)
        except OSError:
            break
        if not data:
            break
        out += data
    process.wait()
    os.close(master)
    return out.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_failed_descent_says_why_once_in_a_terminal():
    screen = _in_a_terminal(["descend", "x**4", "--from", "x=2", "--lr", "0.5", "--timeout", GENEROUS_TIMEOUT])
    assert screen.count("diverged at step 2") == 1, screen


def test_a_failed_descent_says_why_on_stderr_when_stdout_goes_elsewhere(run):
    result = run("descend", "x**4", "--from", "x=2", "--lr", "0.5", "--format", "json")
    assert result.exit_code == 1 and "diverged at step 2" in result.stderr


def test_descend_reads_its_function_from_standard_input(run):
    result = run("descend", "-", "--from", "x=1", "--steps", "3", "--format", "json", input="# f\n(x - 2)^2\n")
    (record,) = json_lines(result.stdout)
    assert record["expr"] == "(x - 2)**2" and result.exit_code == 0
    for stdin in ("x^2\nx^3\n", "\n# nothing\n"):
        result = run("descend", "-", "--from", "x=1", input=stdin)
        assert result.exit_code == 2 and "usage error: " in result.stderr
        assert "operand" not in result.stderr


def test_descend_refuses_a_name_vars_leaves_without_a_value(run):
    result = run("descend", "x^2 + wz", "--from", "x=1", "--vars", "x")
    assert result.exit_code == 2 and "--vars" in result.stderr


# --- 7. numbers at a point: one convention -----------------------------------------------------

AT_COMMANDS = [
    ["partial", "x^2 y", "x", "--at", "x=1,y=1/2"],
    ["grad", "x^2 y", "--at", "x=1,y=1/2", "--dir", "1,1"],
    ["hessian", "x^2 y", "--at", "x=1,y=1/2"],
    ["jacobian", "x^2 y; x + y", "--at", "x=1,y=1/2"],
    ["implicit", "x^2 + y = 3/2", "--at", "x=1,y=1/2"],
    ["tangent", "x^2 y", "--at", "x=1,y=1/2"],
]
VALUE_KEYS = {"value", "norm", "ascent", "descent", "gradient"}


def _numbers(value) -> bool:
    if isinstance(value, list):
        return all(_numbers(v) for v in value)
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


@pytest.mark.parametrize("args", AT_COMMANDS, ids=lambda a: a[0])
def test_values_at_a_point_are_numbers_and_the_point_is_exact(run, args):
    (record,) = json_lines(run(*args, "--format", "json", "--no-steps").stdout)
    assert record["at"] == {"x": "1", "y": "1/2"}, record  # the point as given, exactly
    point_values = {k: v for k, v in record.items() if k in VALUE_KEYS}
    if record["command"] in ("grad", "hessian", "jacobian", "partial"):
        point_values.pop("gradient", None)  # ∇f as expressions, not at the point
    assert point_values and all(_numbers(v) for v in point_values.values()), point_values
    if "directional" in record:
        assert _numbers(record["directional"]["value"])


def test_tangent_gives_exact_values_beside_the_numbers(run):
    (record,) = json_lines(run("tangent", "sin(x) y", "--at", "x=pi/2,y=1/2", "--format", "json").stdout)
    assert record["value"] == 0.5 and record["gradient"] == [0.0, 1.0]
    assert record["exact"] == {"value": "1/2", "gradient": ["0", "1"]}


def test_the_reference_states_the_convention():
    from pathlib import Path

    text = " ".join((Path(__file__).parent.parent / "docs" / "reference.md").read_text(encoding="utf-8").split())
    assert "A value computed at a point is a JSON number" in text
    assert "numbers at a point are JSON numbers;" not in text


# --- 8. help that says what the code does ------------------------------------------------------

def _help(run, command: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", run(command, "--help", width=200).stdout).split())


def test_descend_help_has_no_batch_and_marks_from_required(run):
    text = _help(run, "descend")
    assert "batch" not in text
    assert re.search(r"(?:^|\s)(?:\* )?--from .*?\[required\]", text)
    assert "- reads it from standard input" in text


def test_tangent_help_marks_at_required(run):
    assert re.search(r"(?:^|\s)(?:\* )?--at .*?\[required\]", _help(run, "tangent"))


def test_step_var_help_states_how_many_partials_are_shown():
    from symdiff import api
    from symdiff.app.cli import _STEPS_SHOWN

    assert _STEPS_SHOWN == api.STEPS_SHOWN


def test_memory_help_states_its_real_range(run):
    from symdiff.app import workers
    from symdiff.app.cli import _MIN_MEMORY

    assert _MIN_MEMORY == workers.MIN_MEMORY_MB
    for command in ("partial", "descend", "matrix"):
        text = _help(run, command)
        assert "[x>=0]" not in text.split("--memory", 1)[1].split("--help")[0]
        assert "at least 128 MiB" in text
    result = run("partial", "x", "x", "--memory", "-1")
    assert result.exit_code == 2


def test_no_help_shows_markdown_backticks_and_lang_says_what_it_changes(run):
    for command in ("partial", "grad", "hessian", "jacobian", "check", "implicit", "tangent", "descend",
                    "practice", "rules", "matrix", "backprop"):
        text = _help(run, command)
        assert "`" not in text, command
        assert "The language of everything the output says" in text, command


def test_file_help_says_what_each_line_holds(run):
    assert "Read one 'f1; f2; ...' per line" in _help(run, "jacobian")
    assert "Read one equation per line" in _help(run, "implicit")


# --- 9. usage errors are exit 2 everywhere -----------------------------------------------------

@pytest.mark.parametrize("args", [
    ["partial", "x^2 + y^2"],  # VAR missing where f has two variables
    ["partial"],  # EXPR missing
    ["grad", "x*y", "--var", "z"],
    ["hessian", "x*y", "--var", "z"],
    ["partial", "x^2", "x", "--at", "y=1"],
    ["grad", "x*y", "--at", "x=1"],
    ["tangent", "x*y", "--at", "x=1"],
    ["implicit", "x^2 + y^2 = 1", "--at", "x=1"],
    ["jacobian", "x*y", "--at", "x=1"],
    ["grad", "x*y", "--dir", "1,2,3"],
    ["grad", "x*y", "--dir", "0,0"],
    ["practice", "--rules", "chian"],
    ["practice", "--rules", "constant"],
    ["tangent", "x^2"],
    ["descend", "x^2"],
])
def test_a_command_line_that_needs_fixing_exits_2(run, args):
    result = run(*args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)


def test_a_batch_with_a_usage_error_works_on_every_line(run):
    result = run("grad", "-", "--var", "y", "--format", "json", input="x*y\nx^2\ny^3\n")
    assert result.exit_code == 2
    records = json_lines(result.stdout)
    assert ["error" in r for r in records] == [False, True, False]


def test_practice_suggests_the_rule_meant_and_says_why_constant_cannot_be(run):
    result = run("practice", "--rules", "chian")
    assert "did you mean chain?" in result.stderr and result.stderr.startswith("usage error: ")
    result = run("practice", "--rules", "constant")
    assert "constant cannot be practised" in result.stderr and "unknown rule" not in result.stderr
    assert run("practice", "--rules", "Constant-Multiple,chain", "--count", "1").exit_code == 0


def test_bare_symdiff_prints_its_help_and_exits_2(run):
    result = run()
    assert result.exit_code == 2 and "Usage: symdiff" in result.stdout


# --- 11. the HTML Hessian shows what the other formats show ------------------------------------

def test_html_hessian_has_second_partials_their_steps_and_schwarz(run):
    html = run("hessian", "x**3*y", "--format", "html").stdout
    # Both orders of the mixed pair and the diagonal, each with its steps (an <h3> and a step list).
    # (and one more heading over the list of second partials)
    assert html.count("<h3>") == 2 + 4 + 1
    second = "<mrow><msup><mo>∂</mo><mn>2</mn></msup><mi>f</mi></mrow>"
    assert html.count(second) >= 12  # four headings, four results under their steps, four listed entries
    assert "<h3>Second partials</h3>" in html and "Schwarz" in html
    text = run("hessian", "x**3*y", "--format", "text").stdout
    assert text.count(" = ") and "Schwarz" in text
    no_steps = run("hessian", "x**3*y", "--format", "html", "--no-steps").stdout
    assert no_steps.count("<h3>") == 1 and "<h3>Second partials</h3>" in no_steps


@pytest.mark.parametrize("name", ["x", "y", "theta", "w2"])
def test_a_point_split_at_a_space_says_to_use_commas(name):
    result = invoke("partial", f"w*{name}", "w", "--at", "w=1", f"{name}=2")
    assert result.exit_code == 2
    assert f"'{name}=2' is not a variable name (it looks like a value for a point: separate the values of --at " \
           "with commas" in result.stderr


# --- the gradient without its steps still says which entry is which ---------------------------

@CLI_PROPERTY
@given(names=st.lists(st.sampled_from(["x", "y", "b", "w1", "w2", "x1", "t", "z"]), min_size=2, max_size=6,
                      unique=True),
       fmt=st.sampled_from(["text", "rich", "markdown"]))
def test_a_gradient_without_steps_names_each_entry_in_order(names, fmt):
    expr = " + ".join(f"{k + 2}*{v}^{k + 2}" for k, v in enumerate(names))
    result = invoke("grad", expr, "--no-steps", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    line = next(row for row in result.stdout.splitlines() if "∇f" in row or r"\nabla f =" in row)
    order = sorted(names, key=lambda n: (n.rstrip("0123456789"), int(n[len(n.rstrip("0123456789")):] or 0)))
    if fmt == "markdown":
        symbols = [rf"\frac{{\partial f}}{{\partial {n[0]}{'_{' + n[1:] + '}' if n[1:] else ''}}}" for n in order]
    else:
        symbols = [f"∂f/∂{n}" for n in order]
    found = [line.find(s) for s in symbols]
    assert all(i >= 0 for i in found) and found == sorted(found), (line, symbols)
