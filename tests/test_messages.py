"""Issue 20, "Messages": what symdiff says is specific, consistent and checkable by hand.

- `check` names an exponent that was not lowered, calls a derivative by another variable
  `wrong_variable`, and gives its counterexample at simple rational points with exact values;
- `--check` says what it compared, where, how closely, and how accurate the difference quotient
  itself was;
- `matrix` with a symbol that has no `--shape` is a usage error (exit 2) whichever symbol it is;
- the Hessian's mixed partials are named by the order they are taken in, shown in both orders, and
  zero entries are not left out;
- δ is δ wherever output is Unicode, and descent says why it stopped in one sentence.

Each in English and Korean.
"""

from __future__ import annotations

import json
import re

import pytest
import sympy
from helpers import cli_args
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff.api import check
from symdiff.app.cli import app
from symdiff.features.answers import SIMPLE
from symdiff.render.ascii import ascii_math
from symdiff.scalar.parsing import parse, symbol

x, y, z = symbol("x"), symbol("y"), symbol("z")

PROPERTY = settings(max_examples=25, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


# Wide enough that no message the tests read is wrapped.
WIDE = 200


@pytest.fixture
def run(run):
    return lambda *args, input=None: run(*args, input=input, width=WIDE)


def _text(expr: sympy.Expr) -> str:
    return sympy.sstr(expr)


def _long_decimals(text: str) -> list[str]:
    """Decimals with more than 6 significant digits: floats printed in full (0.47942553860420301)."""
    return [d for d in re.findall(r"\d*\.\d+", text) if len(d.replace(".", "").lstrip("0")) > 6]


# --- 1. check: diagnoses and counterexamples

_coefficient = st.integers(-6, 6).filter(bool)


@PROPERTY
@given(_coefficient, st.integers(2, 9), st.sampled_from(["x", "(2*x + 1)", "sin(x)", "(x**2 + 3)"]))
def test_an_exponent_that_was_not_lowered_is_named(c, n, base):
    """c·u^n answered with c·n·u^n (times u' for a chain): the power rule brought n down but left
    the exponent where it was."""
    u = parse(base)
    f = c * u**n
    answer = c * n * u**n * sympy.diff(u, x)
    note(f"check({_text(f)!r}, 'x', {_text(answer)!r})")
    v = check(_text(f), "x", _text(answer))
    assert v.verdict == "wrong"
    assert v.diagnosis is not None and v.diagnosis.kind == "exponent_not_lowered", v.diagnosis
    # it says what the exponent should have become
    assert f"from {n} to {n - 1}" in v.diagnosis.message
    assert _text(u**(n - 1)) in v.diagnosis.message


def test_the_issue_example_of_an_exponent_not_lowered(run):
    result = run("check", "x^3", "x", "3x^3", "--format", "json")
    record = json.loads(result.stdout)
    assert result.exit_code == 1
    assert record["diagnosis"]["kind"] == "exponent_not_lowered"
    assert record["diagnosis"]["message"] == ("the power rule lowers the exponent by one, from 3 to 2, so "
                                              "x**3 gives 3*x**2, not 3*x**3")
    ko = json.loads(run("check", "x^3", "x", "3x^3", "--format", "json", "--lang", "ko").stdout)
    assert ko["diagnosis"]["kind"] == "exponent_not_lowered"
    assert "3에서 2로" in ko["diagnosis"]["message"] and "3*x**2" in ko["diagnosis"]["message"]
    text = run("check", "x^3", "x", "3x^3").stdout
    assert "Likely mistake (exponent not lowered)" in text


@PROPERTY
@given(st.lists(st.tuples(_coefficient, st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=3),
       st.sampled_from([(x, y), (y, x)]))
def test_the_derivative_by_another_variable_is_wrong_variable(terms, order):
    """An answer that is ∂f/∂other where ∂f/∂var was asked for is `wrong_variable`, also when f does
    not contain var at all (then it is also the "total derivative", which named it before)."""
    var, other = order
    f = sympy.Add(*(c * x**i * y**j for c, i, j in terms))
    answer = sympy.diff(f, other)
    if other not in f.free_symbols or sympy.expand(answer - sympy.diff(f, var)) == 0:
        return  # no derivative by another variable, or the same one: not this mistake
    v = check(_text(f), var.name, _text(answer))
    note((_text(f), var.name, _text(answer)))
    assert v.verdict == "wrong"
    assert v.diagnosis is not None and v.diagnosis.kind == "wrong_variable", v.diagnosis


def test_the_issue_example_of_a_wrong_variable(run):
    record = json.loads(run("check", "x^2", "y", "2x", "--format", "json").stdout)
    assert record["diagnosis"]["kind"] == "wrong_variable"
    assert record["diagnosis"]["message"] == ("this is the derivative with respect to x; the question asks for the "
                                              "derivative with respect to y")
    # a partial that also differentiated what it should hold constant keeps its name
    record = json.loads(run("check", "x**2*y", "x", "2*x*y + x**2", "--format", "json").stdout)
    assert record["diagnosis"]["kind"] == "not_held_constant"


_SIMPLE_TEXT = {str(v) for v in SIMPLE}


@PROPERTY
@given(st.lists(st.tuples(_coefficient, st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=3),
       st.integers(1, 5), st.sampled_from(["plus", "times", "sin"]))
def test_a_counterexample_is_at_simple_rationals_with_exact_values(terms, k, shape):
    """The point is made of simple rationals (1/2, 3, -2, …) and both sides are given exactly (a
    decimal only beside an exact value that is not a fraction), never as a 17-digit float."""
    f = sympy.Add(*(c * x**i * y**j for c, i, j in terms)) + sympy.sin(x)
    g = sympy.diff(f, x)
    answer = {"plus": g + k * y, "times": g * (1 + sympy.Rational(1, k + 1)), "sin": g + sympy.sin(k * x)}[shape]
    v = check(_text(f), "x", _text(answer))
    assert v.verdict == "wrong"
    c = v.counterexample
    exact = c["exact"]
    assert set(exact["at"].values()) <= _SIMPLE_TEXT
    point = {symbol(name): parse(value) for name, value in exact["at"].items()}
    assert point == {symbol(name): sympy.Rational(value) for name, value in c["at"].items()}
    # the exact values are the values there, read back and compared exactly
    assert sympy.simplify(parse(exact["answer"]) - answer.xreplace(point)) == 0
    assert sympy.simplify(parse(exact["correct"]) - g.xreplace(point)) == 0
    from symdiff.render.text import render_check

    shown = render_check(v, steps=False)
    note(shown)
    assert not _long_decimals(shown)
    at = exact["at"]  # one formula, as every point is written: x = 1/2, (x, y) = (1/2, 3)
    where = (f"{', '.join(at)} = {', '.join(at.values())}" if len(at) == 1
             else f"({', '.join(at)}) = ({', '.join(at.values())})")
    # the exact value (SymPy text in the record) as the view writes it (3·cos(1/2)/2), which reads back
    m = re.search(rf"at {re.escape(where)} the answer is (.+?)(?: ≈ | but )", shown)
    assert m and sympy.simplify(parse(ascii_math(m.group(1))) - parse(exact["answer"])) == 0, shown


def test_the_issue_example_counterexample_is_at_one_half_and_three(run):
    out = run("check", "3*x**2*y**4", "x", "6*x*y**3").stdout
    assert "Wrong: at (x, y) = (1/2, 3) the answer is 81 but the partial derivative is 243" in out
    out = run("check", "sin(x**2)", "x", "cos(x**2)").stdout
    assert "the answer is cos(9) ≈ −0.91113 but the derivative is 6·cos(9) ≈ −5.46678" in out
    ko = run("check", "3*x**2*y**4", "x", "6*x*y**3", "--lang", "ko").stdout
    assert "오답: (x, y) = (1/2, 3)에서 제출한 답의 값은 81이지만 올바른 편도함수의 값은 243입니다" in ko


# --- 2. --check says what it compared, where, how closely, and how accurate the difference was

_trig = st.sampled_from(["sin", "cos", "exp"])


@st.composite
def smooth_functions(draw) -> sympy.Expr:
    """Sums of c·x^i·y^j·g(k·x) with g = sin, cos or exp: smooth everywhere, so every point is usable."""
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        c, i, j, k = draw(_coefficient), draw(st.integers(0, 3)), draw(st.integers(0, 2)), draw(st.integers(1, 2))
        g = getattr(sympy, draw(_trig))
        terms.append(c * x**i * y**j * g(k * x))
    return sympy.Add(*terms)


def _central_difference(f: sympy.Expr, var: sympy.Symbol, point: dict, h: sympy.Rational) -> sympy.Float:
    """(f(x + h) - f(x - h)) / 2h at `point`, with 60 digits: an oracle independent of mpmath.diff."""
    plus = f.xreplace({**point, var: point[var] + h})
    minus = f.xreplace({**point, var: point[var] - h})
    return sympy.N((plus - minus) / (2 * h), 60)


@PROPERTY
@given(smooth_functions())
def test_check_reports_the_difference_at_the_point_it_names(f):
    """The line names the derivative and the point, and the relative difference it reports is the
    difference between the symbolic derivative and a central difference there, recomputed here.
    Richardson's estimate of the central difference's own error is close to it: for a smooth f the
    difference is the step's truncation error (so the derivative is right), never 0.0e+00."""
    from symdiff.api import partial

    r = partial(_text(f), "x", check=True)
    c = r.check
    note(c.to_dict())
    assert c.status == "agree" and c.points == 3 and c.derivative == "∂f/∂x"
    point = {symbol(k): sympy.Rational(str(v)) for k, v in c.at.items()}
    assert all(len(str(v).split(".")[-1]) <= 3 for v in c.at.values())  # short decimals, printed as used
    h = sympy.Rational(str(c.step))
    d = _central_difference(f, x, point, h)
    exact = sympy.N(sympy.diff(f, x).xreplace(point), 60)
    reference = float(abs(exact - d) / (1 + abs(d)))
    if reference > 1e-20:  # the truncation error, well above 30-digit rounding
        assert c.max_error >= reference / 1.01 and c.error_estimate == pytest.approx(reference, rel=0.1)
    line = [line for line in r_text(r).splitlines() if line.startswith("Check:")][0]
    assert "0.0e+00" not in line and "∂f/∂x" in line
    # the text view writes a negative coordinate with the minus sign, −0.318
    names, values = ", ".join(c.at), ", ".join(f"{v:g}".replace("-", "−") for v in c.at.values())
    where = f"{names} = {values}" if len(c.at) == 1 else f"({names}) = ({values})"
    assert f"(at {where})" in line and "h = 1e-8 and h/2" in line


def r_text(result) -> str:
    from symdiff.render.text import render

    return render(result, steps=False)


@pytest.mark.parametrize("command, count, label", [
    (["grad", "sin(x)*y"], 2, "∂f/∂"),
    (["hessian", "sin(x)*y**3"], 3, "∂²f/∂"),
    (["jacobian", "x*y; sin(x)"], 4, "∂f"),
])
def test_check_on_several_derivatives_names_the_worst(run, command, count, label):
    result = run(*command, "--check", "--format", "json")
    check = json.loads(result.stdout)["check"]
    assert check["status"] == "agree" and check["derivatives"] == count and check["points"] == 3 * count
    assert check["derivative"].startswith(label) and set(check["at"]) <= {"x", "y"}
    assert 0 < check["max_error"] < 1e-9 and 0 < check["error_estimate"] < 1e-9
    text = run(*command, "--check", "--format", "text").stdout
    assert f"Check: {count} derivatives agree with central finite differences at {3 * count} random points" in text
    assert check["derivative"] in text and "0.0e+00" not in text
    ko = run(*command, "--check", "--format", "text", "--lang", "ko").stdout
    assert f"검산: 도함수 {count}개가 모두 중심 차분과 일치" in ko and "리처드슨" in ko


def test_a_disagreement_names_the_derivative_and_the_point(run, monkeypatch):
    import symdiff.scalar.rules

    monkeypatch.setitem(symdiff.scalar.rules.TrigRule.table, sympy.sin, lambda u: -sympy.cos(u))
    result = run("partial", "sin(x)", "x", "--check")
    assert result.exit_code == 1
    assert re.search(r"Check: ∂f/∂x DISAGREES with central finite differences at x = -?\d\.\d+: they give ",
                     result.stderr), result.stderr


# --- 3. matrix: a symbol without --shape is a usage error, whichever symbol it is

_MATRIX_CASES = [
    ("x.T*A*x", "x", {"x": "n,1", "A": "n,n"}),
    ("A*x + b", "x", {"A": "m,n", "x": "n,1", "b": "m,1"}),
    ("trace(A*B) + log(det(A))", "A", {"A": "n,n", "B": "n,n"}),
    ("sigmoid(W*x + b).T*u", "W", {"W": "m,n", "x": "n,1", "b": "m,1", "u": "m,1"}),
    ("x.T*eye(n)*x + norm2(y)**2", "x", {"x": "n,1", "y": "n,1"}),
]


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_MATRIX_CASES), st.data())
def test_a_missing_shape_is_a_usage_error_whichever_symbol_lacks_it(case, data):
    expr, wrt, shapes = case
    missing = data.draw(st.lists(st.sampled_from(sorted(shapes)), min_size=1, unique=True))
    given_shapes = [f"{name}={shape}" for name, shape in shapes.items() if name not in missing]
    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": None})
    args = ["matrix", expr, wrt, *(a for s in given_shapes for a in ("--shape", s))]
    result = runner.invoke(app, cli_args(args), catch_exceptions=False)
    note(result.stderr)
    assert result.exit_code == 2 and result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("usage error: ")
    for name in missing:  # each name, and the option that declares it
        assert f"--shape {name}=ROWS,COLS" in first
    # the option it shows is the fix: with it added, the command works
    fixed = runner.invoke(app, cli_args(args + [a for name in missing for a in ("--shape", f"{name}={shapes[name]}")]),
                          catch_exceptions=False)
    assert fixed.exit_code == 0, fixed.stderr


def test_a_missing_shape_in_a_batch_line_exits_2_after_every_line(run):
    lines = "x.T*A*x\nB*x\nnorm2(x)**2\n"
    result = run("matrix", "-", "x", "--shape", "x=n,1", "--shape", "A=n,n", "--format", "json", input=lines)
    assert result.exit_code == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("result") for r in records] == ["(A + A.T)*x", None, "2*x"]
    assert records[1]["error"]["message"] == "B has no shape: add --shape B=ROWS,COLS (a scalar is --shape B=1,1)"
    assert "line 2: B has no shape: add --shape B=ROWS,COLS" in result.stderr


def test_the_issue_example_of_a_missing_shape(run):
    for args in (["--shape", "x=n,1"], ["--shape", "A=n,n"]):
        result = run("matrix", "x.T*A*x", "x", *args)
        assert result.exit_code == 2
    result = run("matrix", "x.T*A*x", "x", "--shape", "x=n,1")
    assert result.stderr == ("usage error: A has no shape: add --shape A=ROWS,COLS (a scalar is --shape A=1,1)\n"
                             "  x.T*A*x\n      ^\n")


# --- 4. Hessian: mixed partials named by their order, both orders shown, zeros kept

@st.composite
def functions_of(draw, names=("x", "y", "z")) -> tuple[sympy.Expr, list[sympy.Symbol]]:
    """A sum of c·u^i·v^j·g(w) over 2 or 3 variables, with some second partials 0."""
    variables = [symbol(n) for n in names[:draw(st.integers(2, 3))]]
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        u, v, w = (draw(st.sampled_from(variables)) for _ in range(3))
        c, i, j = draw(_coefficient), draw(st.integers(0, 3)), draw(st.integers(0, 2))
        g = draw(st.sampled_from([lambda a: 1, sympy.sin, sympy.exp]))
        terms.append(c * u**i * v**j * g(w))
    f = sympy.Add(*terms) + sum(variables)  # every variable occurs
    return f, variables


def _second_name(first: sympy.Symbol, then: sympy.Symbol) -> str:
    return f"∂²f/∂{first}²" if first == then else f"∂²f/∂{then}∂{first}"


def _listed(text: str, heading: str) -> dict[str, str]:
    lines = text.splitlines()
    start = lines.index(heading) + 1
    out = {}
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        name, _, value = line.strip().partition(" = ")
        out[name] = value
    return out


@PROPERTY
@given(functions_of())
def test_hessian_text_names_each_second_partial_by_its_order_and_keeps_zeros(case):
    from symdiff.api import hessian
    from symdiff.render.text import render

    f, variables = case
    text = render(hessian(_text(f), vars=[v.name for v in variables]))
    note(text)
    # every step is labelled ∂²f/∂{by}∂{of} and differentiates ∂f/∂{of} by {by}
    steps = re.findall(r"^(∂²f/∂\S+), differentiating ∂f/∂(\w+) = (.+) with respect to (\w+):$", text, re.M)
    assert len(steps) == len(variables) ** 2
    for name, of, expr, by in steps:
        assert name == _second_name(symbol(of), symbol(by))
        assert sympy.expand(parse(ascii_math(expr)) - sympy.diff(f, symbol(of))) == 0  # Unicode, read back
    # the summary lists every second partial, zeros included, each mixed pair in both orders, with
    # the labels the steps use and the values the labels say
    listed = _listed(text, "Second partials, the entries of the Hessian matrix H:")
    expected = {_second_name(a, b): sympy.diff(f, a, b) for a in variables for b in variables}
    assert set(listed) == set(expected) == {name for name, *_ in steps}
    for name, value in listed.items():
        assert sympy.expand(parse(ascii_math(value)) - expected[name]) == 0, name
    assert "0" in listed.values() or all(e != 0 for e in expected.values())
    # each second partial's block ends with its equation, the value the list gives it
    blocks = re.split(r"^(?=∂²f/\S+, differentiating)", text, flags=re.M)[1:]
    for block in blocks:
        name = block.split(",", 1)[0]
        last = block.split("\n\n")[0].rstrip("\n").splitlines()[-1]
        assert last == f"  {name} = {listed[name]}", (name, last)
    # H is named the Hessian matrix before any sentence uses the letter
    assert text.index("Hessian matrix H") < min(m.start() for m in re.finditer(r"\bH\b", text))
    pairs = len(variables) * (len(variables) - 1) // 2
    if pairs == 1:
        assert "By Schwarz's (Clairaut's) theorem the two mixed partials ∂²f/∂y∂x and ∂²f/∂x∂y agree, so the Hessian H is symmetric" in text
    else:
        assert f"By Schwarz's (Clairaut's) theorem the mixed partials agree in either order, as they do here for all {pairs} pairs" in text
    assert "all 1 pair" not in text


def test_the_issue_example_of_the_hessian(run):
    text = run("hessian", "x**3*y", "--format", "text").stdout
    assert "∂²f/∂y∂x, differentiating ∂f/∂x = 3·x²·y with respect to y:" in text
    assert "∂²f/∂x∂y, differentiating ∂f/∂y = x³ with respect to x:" in text
    # each first partial is stated as an equation before its second partials differentiate it
    assert "\n  ∂f/∂x = 3·x²·y\n" in text and "\n  ∂f/∂y = x³\n" in text
    assert _listed(text, "Second partials, the entries of the Hessian matrix H:") == {"∂²f/∂x²": "6·x·y", "∂²f/∂y∂x": "3·x²", "∂²f/∂x∂y": "3·x²",
                                                  "∂²f/∂y²": "0"}
    ko = run("hessian", "x**3*y", "--format", "text", "--lang", "ko").stdout
    assert "슈바르츠 정리(클레로 정리)에 따라 두 혼합 편도함수 ∂²f/∂y∂x와 ∂²f/∂x∂y가 같으므로 헤세 행렬 H는 대칭 행렬입니다" in ko
    assert _listed(ko, "헤세 행렬 H의 성분인 이계 편도함수:")["∂²f/∂y²"] == "0"


@pytest.mark.parametrize("fmt, mixed, zero, agree", [
    ("rich", ("∂²f/∂y∂x = 3·x²", "∂²f/∂x∂y = 3·x²"), "∂²f/∂y² = 0", "∂²f/∂y∂x = ∂²f/∂x∂y (Schwarz's or Clairaut's theorem)"),
    ("markdown", (r"$\frac{\partial^{2} f}{\partial y \partial x} = 3 x^{2}$",
                  r"$\frac{\partial^{2} f}{\partial x \partial y} = 3 x^{2}$"),
     r"$\frac{\partial^{2} f}{\partial y^{2}} = 0$", "agree, so the Hessian $H$ is symmetric"),
    ("latex", (r"&\frac{\partial^{2} f}{\partial y \partial x} = 3 x^{2}",
               r"&\frac{\partial^{2} f}{\partial x \partial y} = 3 x^{2}"),
     r"&\frac{\partial^{2} f}{\partial y^{2}} = 0", "agree, so the Hessian $H$ is symmetric"),
])
def test_every_view_of_the_hessian_shows_both_orders_and_zeros(run, fmt, mixed, zero, agree):
    out = run("hessian", "x**3*y", "--format", fmt).stdout
    assert all(m in out for m in mixed) and zero in out and agree in out, out
    assert "all 1 pair" not in out
    if fmt != "rich":  # the documents show each second partial's steps, labelled as the text does
        assert out.count(r"\frac{\partial^{2} f}{\partial y \partial x}") >= 3  # heading, result, list
        assert r"ifferentiating $\frac{\partial f}{\partial x} = 3 x^{2} y$ with respect to $y$" in out  # D in a lead
    else:
        assert "∂²f/∂y∂x, differentiating ∂f/∂x = 3·x²·y with respect to y" in out
        assert "∂²f/∂x∂y, differentiating ∂f/∂y = x³ with respect to x" in out


def test_hessian_json_has_the_steps_of_both_orders(run):
    record = json.loads(run("hessian", "x**3*y", "--format", "json").stdout)
    second = {tuple(s["vars"]): s["result"] for s in record["steps"]["second"]}
    assert second == {("x", "x"): "6*x*y", ("x", "y"): "3*x**2", ("y", "x"): "3*x**2", ("y", "y"): "0"}


def test_a_big_hessian_lists_the_nonzero_partials_in_both_orders(run):
    out = run("hessian", "a*b + c*d + e1*f + g", "--no-steps", "--format", "text").stdout
    listed = _listed(out, "Nonzero second partials, entries of the Hessian matrix H:")
    assert listed == {"∂²f/∂b∂a": "1", "∂²f/∂a∂b": "1", "∂²f/∂d∂c": "1", "∂²f/∂c∂d": "1",
                      "∂²f/∂f∂e1": "1", "∂²f/∂e1∂f": "1"}
    assert "Every other second partial is 0" in out
    assert "the mixed partials agree in either order, as they do here for all 21 pairs" in out


# --- 5. δ is δ in Unicode output; a failed descent says what happened in one sentence

# (cross-entropy needs outputs in (0, 1): sigmoid only)
@pytest.mark.parametrize("loss, activation", [("mse", "sigmoid"), ("mse", "tanh"), ("mse", "relu"), ("ce", "sigmoid")])
def test_backprop_text_calls_delta_one_name(run, loss, activation):
    for steps in ([], ["--no-steps"]):
        out = run("backprop", "--loss", loss, "--activation", activation, "--format", "text", *steps).stdout
        assert "δ" in out and not re.search(r"\bdelta\b", out), out
        assert "∂L/∂W = δxᵀ" in out and "∂L/∂x = Wᵀδ" in out
    # where the output cannot hold Unicode, the ASCII fallback spells it delta, and only there
    import subprocess
    import sys

    ascii_out = subprocess.run([sys.executable, "-m", "symdiff", "backprop", "--loss", loss, "--activation",
                                activation, "--format", "text"], capture_output=True, timeout=600,
                               env={"PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"}).stdout.decode("ascii")
    assert "dL/dW = delta x^T" in ascii_out and "δ" not in ascii_out


def _descend_cases():
    # (args, what happened): runaway, domain, rising f, uphill, cycle, no progress, levelling off
    return [
        (["x**4", "--from", "x=2", "--lr", "0.5"], "diverged at step 2"),
        # f falls all the way to the edge of its domain (x → 0⁺): said, with no rate to blame
        (["log(x)", "--from", "x=2", "--lr", "5"], "stopped at step 1: f fell at every step"),
        (["x**2 + 10*y**2", "--from", "x=1,y=1", "--lr", "0.125", "--steps", "20"], "diverged at step"),
        (["x**2 + 10*y**2", "--from", "x=1,y=1", "--lr", "0.125", "--steps", "3"], "diverged: after 3 steps"),
        (["x**4", "--from", "x=2", "--lr", "0.125"], "was caught in a cycle at step 2"),
        (["x**4", "--from", "x=2", "--lr", "0.125", "--steps", "1"], "made no progress by step 1"),
        (["9*x**2 + 10*y**2", "--from", "x=1,y=1", "--lr", "0.1", "--steps", "400"], "did not converge by step 60"),
    ]


@pytest.mark.parametrize("args, what", _descend_cases())
def test_a_failed_descent_says_what_happened_once(run, args, what):
    result = run("descend", *args, "--format", "text")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    said = [line for line in lines if line.startswith("Gradient descent ") and not line.startswith("Gradient descent:")]
    assert len(said) == 1 and said[0].startswith(f"Gradient descent {what}"), said
    # no status word repeated by the reason after it (DIVERGED: diverged …, CYCLED: caught …)
    assert not re.search(r"^(DIVERGED|CYCLED|diverged|cycled|stopped):", result.stdout, re.M)
    assert not re.search(r"\b(\w+)\W+\1\b", said[0].lower().split(":")[0])
    # (after any note on f's domain: ln x holds only where x > 0)
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")][0].startswith(
        f"error: gradient descent {what}"), result.stderr
    ko = run("descend", *args, "--format", "text", "--lang", "ko").stdout
    assert len([line for line in ko.splitlines() if line.startswith("경사 하강법이 ")]) == 1
    assert "발산: " not in ko and "순환: " not in ko


def test_every_diagnosis_kind_is_worded_in_both_languages_and_documented():
    from pathlib import Path

    from symdiff.core.messages import EN, KO

    kinds = {key.split(".", 1)[1] for key in EN if key.startswith("mistake.")}
    assert {"exponent_not_lowered", "wrong_variable", "not_held_constant"} <= kinds
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for kind in kinds:
        assert f"mistake.{kind}" in KO and f"diagnosis.{kind}" in EN and f"diagnosis.{kind}" in KO
        assert f"`{kind}`" in readme, kind
