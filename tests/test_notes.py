"""Notes (JSON `warnings`) on inputs that are read without error but may not say what was meant.

A derivative by a variable that does not occur in f is 0 without a word unless something says so:
`partial "x^2 y" X` (names are case-sensitive), `partial "3 xy" x` (`xy` is one name). `I` and `i`
are real variables here, not SymPy's imaginary unit. The answer stays; a note names the reason and
the fix, in JSON and on stderr, and the exit code does not change."""

from __future__ import annotations

import json

import pytest
import sympy
from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symdiff import api
from symdiff.app.records import process_record
from symdiff.core.errors import ParseError, UsageError
from symdiff.core.messages import language
from symdiff.scalar.parsing import parse, parse_variable, symbol

# derandomize: the same examples on every run; database=None: no files.
PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
CLI_PROPERTY = settings(PROPERTY, max_examples=20)


def kinds(result) -> list[str]:
    return [note.kind for note in result.warnings]


# --- generated names

def _is_variable(name: str) -> bool:
    try:
        return parse_variable(name).name == name
    except ParseError:
        return False


def _is_one_name(name: str) -> bool:
    """The parser reads `name` alone as that one variable (not a constant, function or product)."""
    try:
        return parse(name) == symbol(name)
    except ParseError:
        return False


VARIABLES = st.from_regex(r"[a-zA-Z][a-zA-Z0-9]{0,2}", fullmatch=True).filter(_is_variable)
# 2 {n} spaced: a name of letters glued to a number (2xy) is refused (tests/test_glued_names.py)
TEMPLATES = st.sampled_from(["{n}", "3*{n}^2", "sin({n}) + {n}", "-{n}/(1 + {n}^2)", "2 {n}", "exp(2*{n})",
                             "{n}^3 - {n}"])


@st.composite
def longer_names(draw):
    """(v, a longer name with v glued inside it: xy, x2, yx, ax1…)."""
    var = draw(VARIABLES)
    prefix = draw(st.from_regex(r"[a-zA-Z0-9]{0,2}", fullmatch=True))
    suffix = draw(st.from_regex(r"[a-zA-Z0-9]{0,2}", fullmatch=True))
    name = prefix + var + suffix
    assume(name != var and name[0].isalpha() and _is_one_name(name))
    return var, name


@PROPERTY
@given(longer_names(), TEMPLATES)
def test_a_variable_only_inside_a_longer_name_is_noted(names, template):
    var, name = names
    result = api.partial(template.format(n=name), var)
    assert result.result == 0
    assert kinds(result) == ["variable_inside_name"]
    message = result.warnings[0].message
    assert f"{var} occurs only inside the name {name}" in message


@PROPERTY
@given(VARIABLES, st.lists(VARIABLES, min_size=1, max_size=3), TEMPLATES)
def test_a_variable_that_does_not_occur_is_noted(var, others, template):
    others = [n for n in others if var not in n and n not in ("I", "i")]
    assume(others and all(_is_one_name(n) for n in others))
    lone = {n for n in others if len(n) == 1}
    assume(not any(n.isalpha() and set(n) & lone for n in others if len(n) > 1))  # A + AA is refused
    expr = " + ".join(template.format(n=n) for n in others)
    result = api.partial(expr, var)
    assert result.result == 0
    assert kinds(result) == ["variable_absent"]
    message = result.warnings[0].message
    assert message.startswith(f"{var} does not occur in ")
    same_but_case = sorted({n for n in others if n.lower() == var.lower()})
    assert ("did you mean" in message) == bool(same_but_case)
    for n in same_but_case:
        assert n in message


@PROPERTY
@given(VARIABLES, st.from_regex(r"[a-zA-Z0-9]{1,3}", fullmatch=True), TEMPLATES)
def test_a_subscripted_name_is_not_glued_but_is_suggested(var, subscript, template):
    name = f"{var}_{subscript}"
    assume(var not in subscript and _is_one_name(name))
    result = api.partial(template.format(n=name), var)
    assert result.result == 0
    assert kinds(result) == ["variable_absent"]
    assert f"did you mean {name}?" in result.warnings[0].message


@PROPERTY
@given(st.sampled_from(["I", "i"]), st.sampled_from(["x", "y", "w0"]), TEMPLATES, TEMPLATES)
def test_I_and_i_are_noted_as_real_variables(name, var, first, second):
    expr = f"{first.format(n=name)} + {second.format(n=var)}"
    result = api.partial(expr, var)
    assert kinds(result) == ["imaginary_unit"]
    assert result.warnings[0].message.startswith(f"{name} is read as a real variable, not the imaginary unit")
    gradient = api.gradient(expr)
    assert kinds(gradient) == ["imaginary_unit"]


def test_a_variable_that_occurs_gets_no_note():
    for expr, var in [("x^2 y", "x"), ("x + x1 + x2", "x"), ("x*y*x_1", "y"), ("3*x**2*y**4", "y"),
                      ("t + theta", "t")]:
        assert api.partial(expr, var).warnings == []
    assert api.partial("i^2", "i").warnings == []  # differentiated by it: a variable by intent
    assert api.gradient("x^2 + y").warnings == []


_LETTERS = st.sampled_from("abcduvwxyz")


@settings(max_examples=40, deadline=None)
@given(_LETTERS, _LETTERS, st.booleans())
def test_a_variable_also_glued_into_a_name_is_refused(var, other, before):
    """x + xy by x would be 1: xy one name, held constant, where a reader sees x times y. Refused with
    the product to write (issue 16; it was a note); declared with --vars, the name is one by intent."""
    assume(var != other)
    glued = var + other if before else other + var
    with pytest.raises(ParseError) as caught:
        api.partial(f"{var}^2 + 3*{glued}", var)
    assert "*".join(glued) in str(caught.value) and caught.value.column == len(f"{var}^2 + 3*") + 1
    assert api.partial(f"{var}^2 + 3*{glued}", var, variables=[glued]).warnings == []


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["1", "x", "(x + 1)", "sin(x)", "3.5"]), st.sampled_from(["2", "3", "10", "0.5"]),
       st.sampled_from(["x", "m", "y", "(x - 1)", "w"]), st.sampled_from(["", " ", "*"]))
def test_a_number_divided_with_a_factor_glued_to_it_is_noted(numerator, number, factor, joint):
    """1/2m as a loss's 1/(2m) is read (1/2)·m: said when the factor is glued to the number; 1/2 x (the
    way ½x is typed) and 1/2*x are written as read."""
    text = f"{numerator}/{number}{joint}{factor}"
    notes = [n for n in api.partial(text, "x").warnings if n.kind == "division_order"]
    if joint:
        assert notes == [], (text, notes)
    else:
        assert len(notes) == 1 and f"{numerator}/({number}*{factor})" in notes[0].message, (text, notes)


# --- the issue's examples, and every command that differentiates by a named variable

def test_the_issue_examples():
    absent = api.partial("x^2 y", "X")
    assert absent.result == 0 and kinds(absent) == ["variable_absent"]
    assert absent.warnings[0].message == ("X does not occur in x**2*y, so the partial derivative with respect to X "
                                          "is 0; did you mean x?")
    glued = api.partial("3 xy", "x")
    assert glued.result == 0 and kinds(glued) == ["variable_inside_name"]
    assert glued.warnings[0].message.endswith("for a product write x*y")
    assert kinds(api.partial("I*x", "x")) == ["imaginary_unit"]


@pytest.mark.parametrize("call, kind", [
    (lambda: api.gradient("x^2", vars=["x", "z"]), "variable_absent"),
    (lambda: api.hessian("x^2*y", vars=["x", "y", "t"]), "variable_absent"),
    (lambda: api.jacobian("x*y; x + y", vars=["x", "y", "z"]), "variable_absent"),
    (lambda: api.gradient("xy^2", vars=["x", "y"]), "variable_inside_name"),
    (lambda: api.implicit("X^2 + y^2 = 1"), "variable_absent"),
    (lambda: api.tangent("x^2", at="x=1,z=2", vars=["x", "z"]), "variable_absent"),
    (lambda: api.check("3 xy", "x", "3y"), "variable_inside_name"),
    (lambda: api.check("x^2", "x", "2x + I"), "imaginary_unit"),
    (lambda: api.jacobian("x*I; x"), "imaginary_unit"),
])
def test_every_command_notes(call, kind):
    assert kind in kinds(call())


def test_notes_are_worded_in_korean():
    with language("ko"):
        message = api.partial("3 xy", "x").warnings[0].message
    assert "xy" in message and "x*y" in message and "안에만" in message


# --- through the command line: JSON `warnings`, a line on stderr, the same exit code

@CLI_PROPERTY
@given(longer_names(), TEMPLATES)
def test_the_command_line_notes_a_glued_variable_in_json(names, template):
    var, name = names
    result = invoke("partial", template.format(n=name), var, "--format", "json", "--no-steps")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["result"] == "0"
    assert [w["kind"] for w in record["warnings"]] == ["variable_inside_name"]
    assert f"inside the name {name}" in record["warnings"][0]["message"]
    assert result.stderr == ""  # JSON carries it


@CLI_PROPERTY
@given(longer_names(), TEMPLATES, st.sampled_from(["text", "rich", "markdown"]))
def test_the_command_line_notes_a_glued_variable_on_stderr(names, template, fmt):
    var, name = names
    result = invoke("partial", template.format(n=name), var, "--format", fmt)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"note: {var} occurs only inside the name {name}")
    assert "note" not in result.stdout


def test_the_command_line_examples(run):
    result = run("partial", "x^2 y", "X")
    assert result.exit_code == 0
    assert result.stderr == ("note: X does not occur in x²·y, so the partial derivative with respect to X is 0; "
                             "did you mean x?\n")
    result = run("partial", "3 xy", "x", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["warnings"][0]["kind"] == "variable_inside_name"
    result = run("grad", "I*x + y", "--format", "text")
    assert result.exit_code == 0
    assert result.stderr.startswith("note: I is read as a real variable, not the imaginary unit")
    result = run("partial", "3 xy", "x", "--lang", "ko")
    assert result.stderr.startswith("참고: x는 이름 xy 안에만 있습니다")
    result = run("check", "3 xy", "x", "3y")
    assert result.exit_code == 1  # wrong, as before; the note explains why
    assert "x occurs only inside the name xy" in result.stderr
    # A record without notes has no `warnings` key: the records of 0.2 stay as they were.
    assert "warnings" not in json.loads(run("partial", "x^2 y", "x", "--format", "json").stdout)


def test_a_batch_notes_each_line_with_its_number(run, tmp_path):
    path = tmp_path / "exprs.txt"
    path.write_text("x^2\n3 xy\n# comment\nI*x\n")
    result = run("partial", "--file", str(path), "x", "--no-steps")
    assert result.exit_code == 0
    assert "line 2: note: x occurs only inside the name xy" in result.stderr
    assert "line 4: note: I is read as a real variable" in result.stderr
    assert "line 1" not in result.stderr
    records = [json.loads(line) for line in
               run("partial", "--file", str(path), "x", "--format", "json", "--jobs", "2").stdout.splitlines()]
    assert ["warnings" in r for r in records] == [False, True, True]


def test_process_record_carries_warnings():
    record = process_record({"expr": "x^2 y", "wrt": ["X"]})
    assert record["warnings"][0]["kind"] == "variable_absent"
    assert "warnings" not in process_record({"expr": "x^2 y", "wrt": ["x"]})


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(["z", "X", "t", "w1", "theta"]))
def test_a_point_naming_a_variable_f_lacks_is_noted_in_every_command(extra):
    """`--at x=1,y=2,z=3` for a function of x and y gave its answer with no word about z
    (docs/reference.md: variable_absent also covers a point's names)."""
    from symdiff import api

    results = [api.partial("x^2*y", "x", at=f"x=1,y=2,{extra}=3"), api.gradient("x^2*y", at=f"x=1,y=2,{extra}=3"),
               api.hessian("x^2*y", at=f"x=1,y=2,{extra}=3"), api.jacobian(["x^2*y"], at=f"x=1,y=2,{extra}=3")]
    # tangent refuses it instead: its point names the tangent's own axes (test_tangent_refuses_…)
    for result in results:
        notes = [n for n in result.warnings if n.kind == "variable_absent"]
        assert notes and extra in notes[0].message, (type(result).__name__, result.warnings)
        assert not [n for n in api.gradient("x^2*y", at="x=1,y=2").warnings if n.kind == "variable_absent"]


# --- conditions an answer holds under (issue 16: a result that cancels a factor must say so)

def test_the_reviewing_teachers_conditions():
    cancelled = api.partial("(x**2 - 1)/(x - 1)", "x")
    assert cancelled.result == 1 and kinds(cancelled) == ["cancelled_factor"]
    assert cancelled.warnings[0].message.endswith("is valid only where x ≠ 1")
    power = api.partial("x**x", "x")
    assert kinds(power) == ["positive_base"] and "x > 0" in power.warnings[0].message
    root = api.partial("sqrt(x**2)", "x")
    assert str(root.result) == "sign(x)" and kinds(root) == ["sign_undefined"]
    assert "x/Abs(x)" in root.warnings[0].message and "x ≠ 0" in root.warnings[0].message
    # the same sign(x), from |x| itself, says the same
    assert [n.message for n in api.partial("abs(x)", "x").warnings] == [n.message for n in root.warnings]
    with language("ko"):
        for result in (cancelled, power, root):
            for note in result.warnings:
                assert note.message.endswith("성립합니다."), note.message


def test_a_condition_every_partial_finds_is_noted_once():
    result = api.gradient("(x**2 - y**2)/(x - y)")
    assert kinds(result) == ["cancelled_factor"] and result.warnings[0].message.endswith("only where x ≠ y")
    # the second partials too: x(x + y) has first partials with x − y in no denominator either
    second = api.hessian("(x**3 - x*y**2)/(x - y)")
    assert kinds(second) == ["cancelled_factor"], second.warnings


def test_no_condition_where_nothing_is_cancelled_or_a_factor_cannot_vanish():
    assert api.partial("(x**2 + 1)/(x - 1)", "x").warnings == []
    assert api.partial("x/(x**2 + 1)", "x").warnings == []  # x² + 1 is never 0
    assert api.partial("(x**2 + 1)**x", "x").warnings == []  # a base that is always positive
    assert api.partial("x*abs(x)", "x").warnings == []  # 2|x|: no sign left


_ROOTS = st.integers(-4, 4)


@PROPERTY
@given(_ROOTS, _ROOTS, st.sampled_from(["x", "2*x", "x^2"]), st.integers(1, 3))
def test_a_cancelled_factor_that_can_vanish_is_always_noted(a, b, other, scale):
    # f = (x − a)·g/(x − a), written multiplied out so that the parser keeps the quotient; g may vanish too.
    # (Not a = 0: SymPy cancels x²/x as it builds the quotient, before any rule sees it.)
    assume(a != 0)
    numerator = sympy.expand(scale * (symbol("x") - a) * (parse(other) - b))
    text = f"({sympy.sstr(numerator)})/({scale}*x - {scale * a})"
    result = api.partial(text, "x")
    reference = sympy.diff(parse(text), symbol("x"))
    assert sympy.simplify(result.result - reference) == 0  # honest
    notes = [n for n in result.warnings if n.kind == "cancelled_factor"]
    assert len(notes) == 1, (text, result.result, kinds(result))
    assert notes[0].message.endswith(f"is valid only where x ≠ {a}"), notes[0].message


@PROPERTY
@given(st.sampled_from(["x", "x + 1", "sin(x)", "x*y", "x^2 - 2"]), st.sampled_from(["x", "2*x", "y*x", "x^2"]))
def test_a_general_power_notes_its_base_and_an_absolute_value_its_kink(base, exponent):
    power = api.partial(f"({base})^({exponent})", "x")
    noted = [n for n in power.warnings if n.kind == "positive_base"]
    assert len(noted) == 1 and f"{sympy.sstr(parse(base))} > 0" in noted[0].message, power.warnings
    kink = api.partial(f"abs({base})*{exponent}", "x")
    assert kink.result.has(sympy.sign) == any(n.kind == "sign_undefined" for n in kink.warnings), \
        (kink.result, kink.warnings)


@pytest.mark.parametrize("fmt", ["text", "rich", "markdown", "latex", "html"])
@pytest.mark.parametrize("lang, words", [("en", "is valid only where"), ("ko", "성립합니다")])
def test_a_condition_reaches_every_human_format(fmt, lang, words):
    result = invoke("partial", "(x^2 - 1)/(x - 1)", "x", "--format", fmt, "--lang", lang, width="200")
    assert result.exit_code == 0
    # on stderr in every format; each view also writes it into itself (a saved file has no stderr)
    assert words in result.stderr
    assert words in result.stdout


def test_a_denominator_factor_cannot_take_is_passed_over():
    # factor_list refuses x²/π² + 1 (from atan2(x, π)); the gradient is given, without a condition
    # (its roots have notes of their own: real only where atan2(x, π) ≥ 0)
    assert {n.kind for n in api.gradient("x + root(root(atan2(x, pi), 4), 4)").warnings} <= {"root_domain"}
    # a factor with π in it is still noted where it cancels
    assert kinds(api.partial("(x**2 - pi**2)/(x - pi)", "x")) == ["cancelled_factor"]


def test_a_factor_differentiated_away_is_no_condition():
    # ∂²/∂x² x/(y + 1) = 0: y + 1 went by differentiating, not by a cancelling the steps do not show
    assert api.hessian("x/(y + 1)").warnings == []


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["x**2*y", "sin(x) + y", "x*y**3", "exp(x)*y"]), st.sampled_from(["z", "w", "t"]),
       st.integers(-3, 3), st.sampled_from(["en", "ko"]))
def test_tangent_refuses_a_coordinate_f_does_not_have(text, extra, value, lang):
    # z=3 for x²y was printed in the point (1, 2, 3, 2) and z then named the plane's height
    from typer.testing import CliRunner

    from symdiff.app.cli import app

    out = CliRunner().invoke(app, ["tangent", text, "--at", f"x=1,y=2,{extra}={value}", "--lang", lang,
                                   "--format", "markdown"])
    assert out.exit_code == 2, out.output
    assert "(1, 2, " not in out.output and extra in out.output
    assert ("접점의 좌표" if lang == "ko" else "point of tangency") in out.output
    with pytest.raises(UsageError):
        api.tangent(text, at=f"x=1,y=2,{extra}={value}")  # the API refuses it too


@PROPERTY
@given(VARIABLES, st.lists(st.integers(0, 99), min_size=1, max_size=3, unique=True))
def test_an_indexed_name_is_never_offered_as_a_product(var, indices):
    """x0 + x1 by x: the names are a vector's entries, so the note offers no x*0."""
    names = [f"{var}{i}" for i in indices]
    result = api.partial(" + ".join(names), var)
    assert kinds(result) == ["variable_inside_name"]
    assert "for a product" not in result.warnings[0].message and "*" not in result.warnings[0].message


# ---- a cancelled factor said of the mathematics: what is undefined where, not what the steps did

@pytest.mark.parametrize("lang, said", [
    # (not "although the formula is defined there": −x/(x² + y²) is not, at (0, 0))
    ("en", "The function is undefined where y = 0 (x/y divides by y), so the partial derivative −x/(x² + y²) is valid "
           "only where y ≠ 0."),
    ("ko", "y = 0에서는 x/y의 분모 y가 0이 되므로 함수가 정의되지 않습니다. 따라서 편도함수 −x/(x² + y²)는 y ≠ 0일 때만 "
           "성립합니다."),
])
def test_a_cancelled_factor_is_said_of_the_function_and_the_formula(lang, said):
    out = invoke("partial", "atan(x/y)", "y", "--lang", lang).stdout
    assert said in out, out
    assert "steps" not in out.split("\n\n")[1] and "풀이 과정" not in out


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["markdown", "latex", "html"])
def test_a_cancelled_factor_note_in_every_document(lang, fmt):
    out = invoke("partial", "(x**2 - 1)/(x - 1)", "x", "--lang", lang, "--format", fmt).stdout
    words = {"en": ("The function is undefined where", "so the derivative", "is valid only where"),
             "ko": ("0이 되므로 함수가 정의되지 않습니다", "따라서 도함수", "일 때만 성립합니다")}[lang]
    assert all(w in out for w in words), out
    assert "cancels" not in out and "약분되었으므로" not in out


def test_a_division_differentiating_brings_in_is_said_as_such():
    from symdiff.scalar.notes import cancelled_notes

    x = symbol("x")
    # no part of f divides by x: ln x's derivative 1/x does, and the simplified formula hides it
    raw = sympy.Add(sympy.log(x), sympy.Mul(x, sympy.Pow(x, -1), evaluate=False), evaluate=False)
    notes = cancelled_notes([raw], sympy.log(x) + 1, x * sympy.log(x))
    assert [n.key for n in notes] == ["note.cancelled.derived"]
    with language("en"):
        assert notes[0].message.startswith("differentiating gives x/x, which divides by x")


def test_a_gradient_notes_one_cancelled_factor_for_its_different_formulas():
    result = api.gradient("(x**2*y - y**3)/(x - y)")
    noted = [n for n in result.warnings if n.kind == "cancelled_factor"]
    assert len(noted) == 1 and noted[0].key == "note.cancelled.formulas", result.warnings
    assert noted[0].message.endswith("so the derivatives are valid only where x ≠ y")
