"""descend as a teacher and a newcomer read it (issue 16): the variables in the order the start gives
them, the update rule and the points written with the problem's own names, every value shown as
computed, a tolerance of 0 worded as what it does, and advice that states the rule that chose the rate."""

from __future__ import annotations

import json
import math
import re

import pytest
import sympy
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff.api import descend
from symdiff.app.cli import app
from symdiff.core.written import unicode_number
from symdiff.core.messages import language
from symdiff.render.notation import unicode

PROPERTY = settings(max_examples=12, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
HUMAN = ("text", "markdown", "latex", "html")

names = st.lists(st.sampled_from(["w", "b", "x", "y", "theta", "a1"]), min_size=1, max_size=3, unique=True)
starts = st.integers(-6, 6)


def _run(*args: str):
    return CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"}).invoke(app, list(args), catch_exceptions=False)


def _bowl(variables: list[str]) -> str:
    """A sum of squares with a different centre and weight per variable: a convex quadratic."""
    return " + ".join(f"{k + 1}*({v} - {k})**2" for k, v in enumerate(variables))


@PROPERTY
@given(names, st.data())
def test_the_variables_follow_the_order_of_the_start(variables, data):
    order = data.draw(st.permutations(variables))
    # never at the centre k of its square, so every coordinate moves on the first step
    start = ",".join(f"{v}={variables.index(v) + data.draw(starts.filter(bool))}" for v in order)
    r = descend(_bowl(variables), start=start, steps=3)
    assert [s.name for s in r.vars] == list(order)
    record = json.loads(_run("descend", _bowl(variables), "--from", start, "--steps", "3", "--format", "json").stdout)
    assert record["vars"] == list(order)
    # each coordinate is the variable named at its place: one step of the bowl moves v from s by −η·2(k+1)(s − k)
    for k, v in enumerate(variables):
        s = float(dict(p.split("=") for p in start.split(","))[v])
        assert math.isclose(r.iterations[1].point[order.index(v)], s - 0.1 * 2 * (k + 1) * (s - k), abs_tol=1e-12)


def test_the_issue_example_descends_in_w_then_b():
    r = descend("(w*x + b - y)**2", start="w=0,b=0", at="x=2,y=3")
    assert [s.name for s in r.vars] == ["w", "b"] and r.final.point[0] > r.final.point[1]
    # --vars and a definition's parameters state an order of their own
    assert [s.name for s in descend("(w*x + b - y)**2", start="w=0,b=0", at="x=2,y=3", vars="b,w").vars] == ["b", "w"]
    assert [s.name for s in descend("f(b, w) = (2*w + b - 3)**2", start="w=0,b=0").vars] == ["b", "w"]


@PROPERTY
@given(names, st.data(), st.sampled_from(HUMAN), st.sampled_from(["en", "ko"]))
def test_the_rule_and_the_points_are_written_with_the_variables(variables, data, fmt, lang):
    start = ",".join(f"{v}={data.draw(starts)}" for v in variables)
    out = _run("descend", _bowl(variables), "--from", start, "--steps", "2", "--format", fmt, "--lang", lang).stdout
    if fmt == "text":
        shown = [unicode(sympy.Symbol(v)) for v in variables]  # theta is θ
        point = "(" + ", ".join(shown) + ")"
        rule = (f"{shown[0]} ← {shown[0]} − ηf′({shown[0]})" if len(variables) == 1
                else f"{point} ← {point} − η∇f{point}")
        assert rule in out
        values = dict(p.split("=") for p in start.split(","))
        # a negative start is written with the minus sign, as every value of the view
        assert ", ".join(f"{n} = {values[v].replace('-', '−')}" for n, v in zip(shown, variables)) in out
        final = [line for line in out.splitlines() if line.startswith(("Final point", "최종 점"))]
        assert len(final) == 1 and all(f"{n} = " in final[0] for n in shown)
    assert "w ← w" not in out and "leftarrow w" not in out and "<mi>w</mi><mo>←</mo>" not in out or "w" in variables
    assert "[" + ", ".join(["0"] * len(variables)) + "]ᵀ" not in out


@PROPERTY
@given(st.integers(1, 5), st.integers(-5, 5).filter(bool), st.integers(-5, 5))
def test_a_value_left_by_rounding_is_shown_as_the_value_it_is(x, y, w0):
    # the least-squares line through one point: η = 1/(2(x² + 1)) lands next to a zero of f in one
    # step, where f is about 1e-31 (rounding, ≈ 0); JSON keeps the number as computed
    # (tests/test_small_numbers.py reads them out of every format)
    args = ["descend", "(w*x + b - y)**2", "--from", f"w={w0},b=0", "--at", f"x={x},y={y}",
            "--lr", repr(1 / (2 * (x * x + 1))), "--steps", "3"]
    record = json.loads(_run(*args, "--format", "json").stdout)
    out = _run(*args, "--format", "text").stdout
    first = record["iterations"][0]
    floors = [1e-12 * (abs(first["value"]) or 1.0), 1e-12 * (first["grad_norm"] or 1.0)]
    for it in record["iterations"]:
        row = next(line for line in out.splitlines() if re.match(rf"\s+{it['step']}\s", line))
        assert all(unicode_number(f"{v:.6g}") in row for v in it["point"])
        # rounding noise next to the run's scale reads ≈ 0 (DescentResult.negligible), the rest as JSON has it
        for v, floor in [(it["value"], floors[0])] + [(g, floors[1]) for g in it["gradient"]]:
            assert ("≈ 0" in row) if v and abs(v) < floor else unicode_number(f"{v:.6g}") in row
    r = descend("(w*x + b - y)**2", start=f"w={w0},b=0", at=f"x={x},y={y}", lr=1 / (2 * (x * x + 1)), steps=3)
    assert [it["value"] for it in record["iterations"]] == [it.value for it in r.iterations]


@PROPERTY
@given(st.integers(1, 6), starts.filter(bool), st.integers(1, 8), st.sampled_from(HUMAN), st.sampled_from(["en", "ko"]))
def test_a_tolerance_of_0_is_worded_as_running_every_step(a, x0, steps, fmt, lang):
    out = _run("descend", f"{a}*(x - 7)**2", "--from", f"x={x0}", "--tol", "0", "--lr", "0.01", "--steps",
               str(steps), "--format", fmt, "--lang", lang).stdout
    assert "meeting --tol 0" not in out and "허용 오차 0보다" not in out and "below tol (0)" not in out
    # a sentence, no option flag, and one step is "the one step", never "all 1 steps"
    assert "--" not in out.replace("-{}-", "--").split("\n")[-3:][0] or fmt == "html"
    said = "the one step allowed was taken" if steps == 1 else f"all {steps} steps were taken"
    assert said in out or ("한 단계를 반복했습니다" if steps == 1 else f"{steps}단계를 모두 반복했습니다") in out
    # a document sets the 0 as mathematics ($0$, <math>…0…</math>): read without the markup
    plain = re.sub(r"<[^>]+>|\$", "", out)
    assert "with a tolerance of 0, the descent never stops early" in plain or "허용 오차가 0이므로" in plain


def test_a_zero_gradient_with_tol_0_has_converged_not_stuck():
    r = descend("x**2 + y**2", start="x=0,y=0", tol=0)
    assert r.converged and not r.failed and r.reason == "∇f is exactly 0 there, a critical point"


@PROPERTY
@given(st.integers(1, 5), st.integers(1, 3), st.sampled_from([2, 4]), st.floats(1.2, 8))
def test_advice_states_the_curvature_rule_and_keeps_to_it(a, x0, power, factor):
    f = f"{a}*x**{power}"
    curvature = a * power * (power - 1) * x0 ** (power - 2)
    lr = factor * 2 / curvature  # past the quadratic model's limit 2/f″
    r = descend(f, start=f"x={x0}", lr=lr)
    if r.suggested_lr is None:
        return
    assert r.suggested_lr < 2 / curvature and r.suggested_lr * 2 >= 2 / curvature
    # the curvature at the point it was taken, and "≈" for a bound that is rounded
    bound = f"2/f″({x0})"
    sign = "=" if float(f"{2 / curvature:.3g}") == 2 / curvature else "≈"
    assert f"f″({x0}) = {curvature}" in r.reason and f"η < {bound} {sign} " in r.reason
    # the rule's mathematics and what the rate did; never how the rate was searched for
    assert "too large for how sharply f curves" in r.reason and "η/2" not in r.reason, r.reason
    with language("ko"):
        assert f"η < {bound} {sign} " in r.reason and "한 단계가 너무 큽니다" in r.reason
        assert "η/2" not in r.reason and "반으로" not in r.reason


def test_several_variables_name_the_largest_eigenvalue_of_the_hessian():
    r = descend("9*x**2 + 10*y**2", start="x=1,y=1", lr=0.2)
    assert r.suggested_lr == 0.05 and "at the start (1, 1)" in r.reason
    assert "the largest eigenvalue of its Hessian is λ = 20" in r.reason and "η < 2/λ = 0.1" in r.reason


def test_without_upward_curvature_the_advice_names_no_rule():
    # f″(0.5) = 12·0.25 − 6 < 0: f is no bowl at the start, so no limit 2/f″ can be read there
    r = descend("x**4 - 3*x**2", start="x=0.5", lr=2)
    assert r.suggested_lr == 0.125 and "2/f″" not in r.reason
    assert "try a smaller learning rate, such as 0.125: from the same start it" in r.reason
    assert "halving" not in r.reason and "η/2" not in r.reason


# --- the teacher's review of descend (issue 16): one variable is f′(x), not a gradient; divergence
# names the size that grew; the curvature names its point; every formula of a document is mathematics

TEACHER = settings(max_examples=24, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow])
# (number) or \left(number\right) that no function name or prime comes before: a 1-vector, not f″(3)
_WRAPPED = re.compile(r"(?<![\w′″'])(?:\(|\\left\()\s*-?\d[\d.]*(?:e[+-]?\d+)?(?: \\times 10\^\{-?\d+\})?"
                      r"\s*(?:\)|\\right\))")
_WRAPPED_MML = re.compile(r"(?<!<mo>[′″]</mo>)<mo>\(</mo>(?:<mrow><mo>−</mo>)?<mn>[^<]*</mn>(?:</mrow>)?<mo>\)</mo>")
# Unicode mathematics that a document must set as mathematics, never leave in its words
MATH_CHARACTERS = "″′η∇≈‖<>≤ₖ|…"


@st.composite
def one_variable_runs(draw):
    """a·(x − c)ᵖ + d·x² from a start, with any learning rate from timid to far too large: runs that
    converge, stop, cycle and diverge."""
    a, c, d = draw(st.integers(1, 5)), draw(st.integers(-2, 2)), draw(st.integers(0, 2))
    power = draw(st.sampled_from([2, 4]))
    name = draw(st.sampled_from(["x", "w", "theta"]))
    f = f"{a}*({name} - {c})**{power}" + (f" + {d}*{name}**2" if d else "")
    lr = draw(st.sampled_from(["0.01", "0.1", "0.3", "1", "2"]))
    return f, f"{name}={draw(starts)}", lr


def _outside_math(out: str, fmt: str) -> str:
    """The words of a document: its mathematics, tables and markup taken out."""
    if fmt == "markdown":
        out = "\n".join(line for line in out.splitlines() if not line.startswith("|"))
        return re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", out, flags=re.S)
    if fmt == "latex":
        out = re.sub(r"\\begin\{tabular\}.*?\\end\{tabular\}", " ", out, flags=re.S)
        return re.sub(r"\\\[.*?\\\]|\$[^$]*\$", " ", out, flags=re.S)
    out = re.sub(r"<style>.*?</style>|<math.*?</math>|<table>.*?</table>", " ", out, flags=re.S)
    return re.sub(r"<[^>]*>", " ", out)


@TEACHER
@given(one_variable_runs(), st.sampled_from(HUMAN), st.sampled_from(["en", "ko"]))
def test_one_variable_is_written_with_its_derivative_and_plain_numbers(run, fmt, lang):
    f, start, lr = run
    out = _run("descend", f, "--from", start, "--lr", lr, "--steps", "6", "--format", fmt, "--lang", lang).stdout
    for word in ("∇", "\\nabla", "gradient norm", "the gradient", "그래디언트", "‖", "\\Vert", "\\lVert"):
        assert word not in out, (word, out)
    assert not _WRAPPED.search(out) and not _WRAPPED_MML.search(out), out
    # the derivative is named as the table's column and as the size that decides convergence
    assert {"text": "|f′(", "markdown": r"\left\lvert f'\left(", "latex": r"\left\lvert f'\left(",
            "html": "<mo>|</mo><mrow><mi>f</mi><mo>′</mo>"}[fmt] in out


@TEACHER
@given(st.one_of(one_variable_runs(), st.tuples(st.sampled_from(["x**2 + 3*y**2", "x**4 + y**2", "(x - y)**2 + x**4"]),
                                                 st.sampled_from(["x=1,y=1", "x=2,y=-1", "x=-3,y=2"]),
                                                 st.sampled_from(["0.05", "0.4", "1"]))),
       st.sampled_from(["markdown", "latex", "html"]), st.sampled_from(["en", "ko"]))
def test_a_documents_formulas_are_mathematics_and_its_words_are_words(run, fmt, lang):
    f, start, lr = run
    out = _run("descend", f, "--from", start, "--lr", lr, "--steps", "6", "--format", fmt, "--lang", lang).stdout
    words = _outside_math(out, fmt)
    assert not [c for c in MATH_CHARACTERS if c in words], (words, out)
    if fmt == "markdown":  # HTML's escaping is no Markdown: a < is mathematics, in $…$
        assert not re.search(r"&(lt|gt|amp);", out), out
    if fmt == "latex":  # no option flag (-{}-lr) in a document's sentence
        assert "-{}-" not in words


@TEACHER
@given(st.integers(1, 5), st.integers(1, 3),
       st.sampled_from([-1, 1]), st.sampled_from([4, 6]), st.floats(3, 10), st.sampled_from(["en", "ko"]))
def test_a_run_that_blows_up_says_the_size_of_its_iterates_grew(a, x0, sign, power, factor, lang):
    x0 = sign * x0
    curvature = a * power * (power - 1) * x0 ** (power - 2)
    lr = factor * 2 / curvature  # far past the quadratic model's limit 2/f″(x0)
    r = descend(f"{a}*x**{power}", start=f"x={x0}", lr=lr, steps=10)
    if r.stop != "runaway":  # it bounced into a cycle, or landed near 0
        return
    sizes = [abs(it.point[0]) for it in r.iterations]
    with language(lang):
        text = r.reason
    if r.stop_values["grew"] == "iterate":
        # true of the table: the size grew from the start to the last row, and the words say so
        assert sizes[-1] > 10 * sizes[0] and "|xₖ|" in text
        assert ("grew without bound" in text) if lang == "en" else ("한없이 커졌습니다" in text)
        assert "ran away" not in text and "반복점이 한없이" not in text
    if r.suggested_lr is not None and "f″" in text:  # the curvature is named with the point it was taken at
        assert f"f″({x0}) = {curvature:g}".replace("-", "−") in text


def test_several_variables_say_the_length_of_the_iterate_grew():
    r = descend("x**2 + 3*y**4", start="x=1,y=2", lr=0.5, steps=10)
    assert r.stop == "runaway" and "|(xₖ, yₖ)| grew without bound, from 2.23607 at the start" in r.reason
    out = _run("descend", "x**2 + 3*y**4", "--from", "x=1,y=2", "--lr", "0.5", "--format", "markdown").stdout
    assert r"$|\left(x_{k}, y_{k}\right)|$ grew without bound" in out


def test_a_size_that_hardly_moved_is_not_said_to_have_grown_without_bound():
    # f shot past the limit while the iterate moved from 1 to 1.5 (next to a pole): the words name f
    from symdiff.features.descent import Iterate, _grew

    first, nxt = Iterate(0, [1.0], 2.0, [3.0], 3.0), Iterate(1, [1.5], 1e20, [1e21], 1e21)
    assert _grew(first, nxt.point, 1, [first, nxt], nxt)["grew"] == "value"
    far = Iterate(1, [-4e6], 1e20, [1e21], 1e21)
    assert _grew(first, far.point, 1, [first, far], far) == {"grew": "iterate", "start": "1", "end": "4e+06",
                                                               "last": 1}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_teachers_example(lang):
    out = _run("descend", "x**4", "--from", "x=3", "--lr", "0.1", "--steps", "3", "--lang", lang).stdout
    assert "f′(x) = 4·x³" in out and "∇" not in out and not _WRAPPED.search(out)
    # the powers of ten raised (2.41207×10⁶, never 2.41207e+06), as the documents set them
    assert "  k  x                        f  f′(x)               |f′(x)|" in out
    assert "  0  3                       81  108                     108" in out
    assert "−2.41207×10⁶" in out and "e+" not in out
    assert "f″(3) = 108" in out and "η < 2/f″(3) ≈ 0.0185" in out and "--lr" not in out
    md = _run("descend", "x**4", "--from", "x=3", "--lr", "0.1", "--steps", "3", "--format", "markdown",
              "--lang", lang).stdout
    assert r"$f''\left(3\right) = 108$" in md and r"$\eta < \frac{2}{f''\left(3\right)} \approx 0.0185$" in md
    assert "&lt;" not in md


# --- the gradient's length is |∇f| in every command; a coordinate and its gradient component vanish alike

@pytest.mark.parametrize("fmt", HUMAN)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_gradients_length_is_written_as_grad_writes_it(fmt, lang):
    out = _run("descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--format", fmt, "--lang", lang).stdout
    for other in ("‖∇", "\\Vert", "\\lVert", "\\|\\nabla", "<mo>‖</mo><mo>∇</mo>"):
        assert other not in out, (other, out)
    bar = {"text": "|∇f|", "markdown": "\\lvert \\nabla f", "latex": "\\lvert \\nabla f", "html": "<mo>|</mo>"}[fmt]
    assert bar in out
    grad = _run("grad", "(x-1)**2 + 3*y**2", "--at", "x=3,y=2", "--format", fmt, "--lang", lang).stdout
    assert "‖" not in grad and "\\Vert" not in grad and "\\lVert" not in grad


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([1, 2, 3, 5]), st.sampled_from([0.5, 2, 3, 7]), st.integers(-4, 4).filter(bool),
       st.integers(-4, 4).filter(bool))
def test_a_coordinate_and_its_gradient_component_are_printed_alike(a, b, x0, y0):
    r = descend(f"{a}*(x-1)**2 + {b}*y**2", start={"x": x0, "y": y0}, lr=0.05, steps=400)
    scale = max(abs(x0), abs(y0))
    assert any(0 < abs(it.point[1]) < 1e-6 * scale for it in r.iterations)  # the case the teacher found
    for it in r.iterations:
        slope = r.vanishing(it)
        # y keeps its digits however small (a value, not noise): so does ∂f/∂y = 2b·y beside it
        if 0 < abs(it.point[1]) < 1e-6 * scale:
            assert not slope[1], (it.step, it.point, it.gradient)
        # what is written ≈ 0 is noise next to the start's gradient
        assert all(not z or r.negligible(g, "slope") for g, z in zip(it.gradient, slope))


def test_the_teachers_row_shows_y_and_its_gradient_alike():
    out = _run("descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--lang", "ko", "--format", "text").stdout
    row = next(line for line in out.splitlines() if line.strip().startswith("31 "))
    assert "(1.00198, 9.22337×10⁻¹³)" in row and "(0.00396141, 5.53402×10⁻¹²)" in row, row


@pytest.mark.parametrize("fmt, inner", [("text", "w·x + b − y"), ("markdown", r"w x + b - y"),
                                        ("latex", r"w x + b - y")])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_gradient_reads_in_the_order_of_f_as_typed(fmt, inner, lang):
    """A teacher's reading: under f = (wx + b − y)², ∇f was written [2x(b + wx − y), …] in SymPy's
    order; `grad` writes ∂f/∂w = 2·x·(w·x + b − y), and descend's ∇f now reads the same."""
    args = ["descend", "(w*x + b - y)^2", "--from", "w=0,b=0", "--at", "x=2,y=3", "--format", fmt, "--lang", lang]
    out = CliRunner().invoke(app, args, catch_exceptions=False).stdout
    # ∇f by (w, b) only, as the data x, y are held fixed (∇f with respect to (w, b), \nabla_{(w, b)} f)
    gradient = next(line for line in out.splitlines()
                    if any(s in line for s in ("∇f =", "∇f with respect to (w, b) =", r"\nabla_{(w, b)} f =")))
    assert gradient.count(inner) == 2, gradient
    assert "b + w" not in gradient, gradient


@settings(max_examples=15, deadline=None, derandomize=True, database=None)
@given(a=st.integers(1, 4), c=st.integers(-5, 5), fmt=st.sampled_from(["text", "markdown"]))
def test_a_rounding_f_beside_a_point_that_is_not_its_decimals_prints_both_approximate(a, c, fmt):
    """A tester's finding: "w = 1.2, b = 0.6, where f ≈ 0" though the iterate is (1.2000000000000002,
    0.6000000000000001) and f = 1.97e-31: where f is rounding, a coordinate whose decimal is not the float
    itself is written ≈ as f is."""
    from symdiff.render.notation import decimal

    args = ["descend", f"(w*{a} + b - ({c}))^2", "--vars", "w,b", "--from", "w=0,b=0", "--format", fmt]
    r = descend(f"(w*{a} + b - ({c}))^2", start="w=0,b=0", vars="w,b")
    last = CliRunner().invoke(app, args, catch_exceptions=False).stdout.strip().splitlines()[-1]
    note(f"{r.final.point} f={r.final.value}: {last}")
    if r.negligible(r.final.value):
        for name, v in zip("wb", r.final.point):
            exact = float(decimal(v)) == v
            assert (f"{name} = " in last) == exact and (f"{name} ≈ " in last or f"{name} \\approx" in last) != exact, last


# --- an iterate that exact arithmetic reaches is shown exactly

@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(case=st.one_of(
    # (f, start, data, η, the minimum value it lands on in one step): a(x − p)² + c with η = 1/(2a) lands on
    # p; so does the least-squares line through one point (x, y) with η = 1/(2(x² + 1))
    st.builds(lambda a, p, c, x0: (f"{a}*(x - {p})^2 + {c}", f"x={x0}", (), 1 / (2 * a), c),
              st.sampled_from([1, 2, 4, 5, 10]), st.sampled_from(["1/2", "3/5", "(-1.25)", "2"]), st.integers(-3, 3),
              st.sampled_from(["0", "1.5", "-2"])),
    st.builds(lambda a, p, q: (f"{a}*(x - {p})^2 + {a}*(y - {q})^2", "x=0,y=0", (), 1 / (2 * a), 0),
              st.sampled_from([1, 2, 5]), st.sampled_from(["0.3", "1"]), st.sampled_from(["(-0.7)", "2"])),
    st.builds(lambda x, y: ("(w*x + b - y)^2", "w=0,b=0", ("--at", f"x={x},y={y}"), 1 / (2 * (x * x + 1)), 0),
              st.sampled_from([0, 1, 2, 3, 7]), st.integers(-5, 5).filter(bool))),
    fmt=st.sampled_from(["text", "markdown"]))
def test_an_iterate_that_lands_exactly_is_shown_exactly(case, fmt):
    """A tester's finding: (w x + b − y)² with x = 2, y = 3 from (0, 0) with η = 0.1 lands in one step
    exactly on (1.2, 0.6), where f = 0 and ∇f = 0; the floats made f 4.4e-16 and the table said "≈ 0",
    "(≈ 0, ≈ 0)", and "w ≈ 1.2". Where exact arithmetic reaches the iterate, its values are shown as
    they are (0, and the point with "="), and JSON has them rounded once."""
    expr, start, data, lr, lowest = case
    args = ["descend", expr, "--from", start, *data, "--lr", repr(lr), "--steps", "3"]
    record = json.loads(_run(*args, "--format", "json").stdout)
    landed = record["iterations"][1]
    note(f"{expr} from {start} {data}: {landed}")
    assert landed["value"] == lowest and all(g == 0 for g in landed["gradient"]), landed
    assert record["final"]["converged"], record["final"]
    out = _run(*args, "--format", fmt).stdout
    assert "≈" not in out and r"\approx" not in out, out


# --- ∇f by some of f's names only is the gradient with respect to them

@settings(max_examples=20, deadline=None, derandomize=True, database=None)
@given(names=st.permutations(["w", "b", "x", "y"]), taken=st.integers(1, 4), fmt=st.sampled_from(["text", "latex"]),
       lang=st.sampled_from(["en", "ko"]))
def test_a_gradient_by_some_names_only_says_by_which(names, taken, fmt, lang):
    """A tester's finding: `grad --vars w,b` of (w x + b − y)² said "∇f = […]", though it is the gradient
    with respect to (w, b) only. Where --vars leaves a name of f out, ∇ carries the variables it is taken
    by (∇f with respect to (w, b); w, b에 대한 그래디언트; \\nabla_{(w, b)} f); where it takes them all, plain ∇f."""
    variables = names[:taken]
    args = ["grad", "(w*x + b - y)^2", "--vars", ",".join(variables), "--no-steps", "--format", fmt, "--lang", lang]
    out = _run(*args).stdout
    listed = ", ".join(variables)
    partial = taken < 4
    if fmt == "latex":
        assert (rf"\nabla_{{({listed})}} f" in out) == partial and (r"\nabla f" in out) != partial, out
    elif lang == "en":
        assert (f"∇f with respect to ({listed}) =" in out) == partial and ("\n∇f =" in out) != partial, out
    else:
        assert (f"{listed}에 대한 그래디언트 ∇f =" in out) == partial and ("\n∇f =" in out) != partial, out
