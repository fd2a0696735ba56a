"""Numbers as the human views print them (a teacher's review): a value that is not 0 never prints as 0,
however small, and a rounded decimal follows ≈, never =."""

from __future__ import annotations

import json
import math
import re

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff.app.cli import app

# no shrinking: each example runs the CLI twice, and a failure is plain from the one found
PROPERTY = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                    phases=[Phase.explicit, Phase.generate], suppress_health_check=[HealthCheck.too_slow])

NUMBER = r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?"


def _run(*args: str) -> str:
    result = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"}).invoke(app, list(args), catch_exceptions=False)
    return result.stdout


def _as_text(out: str, fmt: str) -> str:
    """A document's numbers written as the text view writes them: 9.22337 × 10⁻¹³ as 9.22337e-13."""
    if fmt == "html":
        out = re.sub(r"<mo>×</mo><msup><mn>10</mn><mrow><mo>−</mo><mn>(\d+)</mn></mrow></msup>", r"e-\1", out)
        out = out.replace("<mo>−</mo>", "-").replace("</td>", " ").replace("<mo>,</mo>", ", ")
        return re.sub(r"<(?!/?tr>)[^>]+>", "", out)
    # the text view raises the power (9.22337×10⁻¹³), as a line of text writes it
    raised = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
    out = re.sub(r"×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "e" + m.group(1).translate(raised), out)
    out = re.sub(r"\s*\\times 10\^\{-(\d+)\}", r"e-\1", out)
    out = out.replace("−", "-")  # the text view's minus sign, read back as a number
    return re.sub(r"\s*\\times 10\^\{(\d+)\}", r"e\1", out)


def _rows(out: str, fmt: str) -> list[list[str]]:
    """The numbers of each table row, in order: k, the point, f, ∇f, |∇f|."""
    out = _as_text(out, fmt)
    if fmt == "html":
        return [re.findall(NUMBER, row) for row in re.findall(r"<tr>(.*?)</tr>", out)[1:]]
    if fmt == "text":
        lines = [line for line in out.splitlines() if re.match(r"\s+\d+\s+\S", line)]
        return [re.findall(NUMBER, line) for line in lines]
    cells = r"^\|\s*\$(\d+)\$" if fmt == "markdown" else r"^\$(\d+)\$ &"
    return [re.findall(NUMBER, line) for line in out.splitlines() if re.match(cells, line)]


def _agrees(shown: str, value: float, noise: float = 0.0) -> bool:
    """`shown` is `value` to its six significant digits, and 0 only where the value is 0 or, below
    `noise` (the run's rounding floor, DescentResult.negligible), ≈ 0."""
    if value == 0 or abs(value) < noise:
        return float(shown) == 0
    return float(shown) != 0 and math.isclose(float(shown), value, rel_tol=1e-5)


def _floors(iterations) -> tuple[float, float]:
    """The rounding floors of f and of ∇f (DescentResult.negligible): 1e-12 of their size at the start."""
    first = iterations[0]
    return tuple(1e-12 * (abs(v) or 1.0) for v in (first["value"], first["grad_norm"]))


# a(x − 1)² + a·y² with η = r/(2a): y and x − 1 shrink by the factor |1 − r| ≤ 0.4 each step, so
# after 30 steps y and ∇f are tiny (1e-12 down to 1e-40) but never 0
bowls = st.tuples(st.integers(1, 4), st.sampled_from([0.6, 0.7, 0.8, 1.2, 1.3, 1.4]), st.integers(-5, 5),
                  st.integers(-5, 5).filter(bool), st.integers(30, 50))


@PROPERTY
@given(bowls, st.sampled_from(["text", "markdown", "latex", "html"]), st.sampled_from(["en", "ko"]))
def test_a_small_iterate_is_never_printed_as_0(bowl, fmt, lang):
    a, r, x0, y0, steps = bowl
    args = ["descend", f"{a}*(x - 1)**2 + {a}*y**2", "--from", f"x={x0},y={y0}", "--lr", repr(r / (2 * a)), "--steps",
            str(steps), "--tol", "0"]
    record = json.loads(_run(*args, "--format", "json"))
    out = _run(*args, "--format", fmt, "--lang", lang)
    rows = _rows(out, fmt)
    iterations = record["iterations"]
    assert len(rows) == len(iterations)
    f_floor, slope_floor = _floors(iterations)
    for row, it in zip(rows, iterations):
        values = [it["step"], *it["point"], it["value"], *it["gradient"], it["grad_norm"]]
        # a gradient component beside a coordinate far below the start's size keeps its digits, as the
        # coordinate does (DescentResult.vanishing): the two are printed alike
        start = max(abs(c) for c in iterations[0]["point"]) or 1.0
        beside = [0.0 if 0 < abs(c) < 1e-6 * start else slope_floor for c in it["point"]]
        floors = [0.0] * (1 + len(it["point"])) + [f_floor] + beside + [slope_floor]
        assert len(row) == len(values), row
        assert all(_agrees(s, v, n) for s, v, n in zip(row, values, floors)), (row, values)
    assert any(0 < abs(it["point"][1]) < 1e-9 for it in iterations)  # the case the review found
    # the final point names y with its digits too
    final = _as_text(out, fmt)
    y_last = iterations[-1]["point"][1]
    assert f"{y_last:.6g}" in final


def test_the_reviews_example_keeps_y_31():
    out = _run("descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--lr", "0.1", "--steps", "40", "--lang", "ko",
               "--format", "text")
    row = next(line for line in out.splitlines() if line.strip().startswith("31 "))
    assert "(1.00198, 9.22337×10⁻¹³)" in row
    assert "y = 0이고" not in out and "x ≈ 1.00027, y ≈ 2.41785×10⁻¹⁶" in out


def test_an_exact_0_is_printed_as_0():
    # y starts at 0 and the gradient's y-part is 6y = 0: every y is exactly 0
    out = _run("descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=0", "--lr", "0.1", "--steps", "3", "--format", "text")
    assert "(2.6, 0)" in out and "(3.2, 0)" in out
