"""Issue 16, "Documents drop content": what the text view says at a point (--at: a partial's value; ∇f, J,
|∇f| and the directions of steepest ascent and descent; H there) and every step of a Hessian (the first
partials' and each second partial's) are in every format, Markdown, LaTeX and HTML too."""

from __future__ import annotations

import re

import pytest
from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_slots import _RAISABLE

FORMATS = ["rich", "markdown", "latex", "html"]
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def _out(*args, generated=False) -> str:
    result = invoke(*args, width="200")
    if generated:
        assume(result.exit_code == 0)
    assert result.exit_code == 0, result.output
    return result.stdout


def _point_numbers(command: list[str], point: str) -> list[str]:
    """The values at the point, as the text view prints them (unsigned: a document sets its own minus)."""
    from symdiff import api

    name, expr, *wrt = command
    if name == "partial":
        values = [api.partial(expr, *wrt, at=point).value]
    elif name == "grad":
        g = api.gradient(expr, at=point)
        values = [*g.value, g.norm, *(g.ascent or ()), *(g.descent or ())]
    elif name == "jacobian":
        values = [v for row in api.jacobian(expr, at=point).value for v in row]
    else:
        values = [v for row in api.hessian(expr, at=point).value for v in row]
    return [f"{abs(v):.6g}" for v in values]


def _assert_carried(command: list[str], point: str, lang: str = "en") -> None:
    numbers = _point_numbers(command, point)
    for fmt in ["text", *FORMATS]:
        doc = _out(*command, "--at", point, "--format", fmt, "--no-steps", "--lang", lang)
        found = set(_NUMBER.findall(doc))
        missing = [n for n in numbers if n not in found]
        assert not missing, (fmt, missing, doc)


@pytest.mark.parametrize("command, point", [
    (["grad", "x^2*y + sin(y)"], "x=1,y=2"),
    (["grad", "x^2 + y^2"], "x=0,y=0"),  # a stationary point
    (["partial", "x^2*y", "x"], "x=1,y=2"),
    (["hessian", "x^3*y^2 + exp(x*y)"], "x=1,y=-2"),
    (["jacobian", "x**2*y; 5*x + sin(y)"], "x=1,y=0"),  # the teacher's example (issue 16)
    (["jacobian", "x*y; x + y; exp(x - y)"], "x=2,y=-1"),
])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_values_at_the_point_in_every_format(command, point, lang):
    _assert_carried(command, point, lang)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=_RAISABLE, command=st.sampled_from(["grad", "hessian", "jacobian"]), x=st.integers(1, 3),
       y=st.integers(1, 3))
def test_values_at_generated_points_in_every_format(text, command, x, y):
    if command == "jacobian":  # a second function in both variables: J is 2×2
        text = f"{text}; x^2*y - 3*y"
    probe = invoke(command, text, "--at", f"x={x},y={y}", "--format", "text", "--no-steps", width="200")
    assume(probe.exit_code == 0)
    _assert_carried([command, text], f"x={x},y={y}")


def _steps(fmt: str, doc: str) -> int:
    if fmt == "text":
        return len(re.findall(r"^\s*(?:\d+\.)+ ", doc, re.M))
    if fmt == "markdown":
        return len(re.findall(r"^\s*- \*\*", doc, re.M))
    if fmt == "latex":
        claim = r"^&(\\quad )*\\frac\{(?:d|\\partial)\}\{(?:[^{}]|\{[^{}]*\})*\}\\left\["
        # a step with substeps writes its claim twice: alone above them (a row ending at its ]) and
        # with its result under them
        heads = len(re.findall(claim + r".*\\right\]( \\\\)?$", doc, re.M))
        # ...but a derivation's top step writes it once, above its substeps: the ⇒ row after them states
        # its result
        tops = len(re.findall(r"^&\\frac\{(?:d|\\partial)\}\{(?:[^{}]|\{[^{}]*\})*\}\\left\[.*\\right\]( \\\\)?$", doc, re.M))
        return len(re.findall(claim, doc, re.M)) - heads + tops
    return doc.count('<span class="rule">')


@pytest.mark.parametrize("expr", ["x^2*y^3", "sin(x*y) + x/y", "exp(x)*y^2"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_hessian_steps_in_every_format(expr, lang):
    counts = {fmt: _steps(fmt, _out("hessian", expr, "--format", fmt, "--lang", lang))
              for fmt in ("text", "markdown", "latex", "html")}
    assert counts["text"] > 0 and len(set(counts.values())) == 1, counts


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["atan(x/y)", "x/(x*y + x)", "sqrt(x^2)*y", "(x + 1)^2 - x^2", "log(x*y)", "exp(x)*exp(y)",
                        "sin(x)^2 + cos(x)^2 + x*y"]), st.sampled_from(["en", "ko"]))
def test_the_tidy_step_is_in_every_format(text, lang):
    # text and LaTeX showed "simplified: …" where the steps' result is not yet the tidy one; Markdown
    # and HTML went straight to the result
    from symdiff import api
    from symdiff.core.messages import message

    from symdiff.render.notation import unicode
    from symdiff.render.order import shown_result, shown_step

    result = api.partial(text, "x")
    # (a result the printer writes as its tidy form already, x/|x| for sign(x), is not said again)
    tidy = [d for d in result.derivations
            if d.result != d.step.result and unicode(shown_step(d).result) != unicode(shown_result(d))]
    word = message("simplified", lang=lang)
    for fmt in ("text", "markdown", "latex", "html"):
        out = _out("partial", text, "x", "--format", fmt, "--lang", lang)
        # (LaTeX sets it as a paragraph of its own: "Simplified:")
        assert (word.lower() in out.lower()) == bool(tidy), (fmt, out[-400:])


@pytest.mark.parametrize("fn, tex", [("asin", r"\arcsin"), ("acos", r"\arccos"), ("atan", r"\arctan"),
                                     ("acot", r"\operatorname{arccot}")])
def test_documents_write_inverse_trigonometric_functions_as_a_textbook_does(fn, tex):
    out = _out("partial", f"{fn}(x)*y", "x", "--format", "markdown")
    assert tex in out and rf"\operatorname{{{fn}}}" not in out


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.integers(-3, 3).filter(bool), st.integers(-3, 3).filter(bool))
def test_the_gradients_length_is_exact_where_a_textbook_writes_a_surd(a, b, x, y):
    # |∇(a·x² + b·y²)| at (x, y) = 2·√(a²x² + b²y²): a surd unless a perfect square, then written
    # exactly beside the decimal in every view (96√2 ≈ 135.765 rather than 135.765 alone)
    import math

    import sympy

    from symdiff import api

    result = api.gradient(f"{a}*x^2 + {b}*y^2", at=f"x={x},y={y}")
    square = a * a * x * x + b * b * y * y
    if math.isqrt(square) ** 2 == square:
        assert result.exact_norm is None
        return
    assert result.exact_norm == 2 * sympy.sqrt(square)
    text = _out("grad", f"{a}*x^2 + {b}*y^2", "--at", f"x={x},y={y}", "--format", "text")
    from symdiff.render.notation import unicode

    # worked out first, as a textbook does (√(2² + 2²)), then 2·√2, as the terminal writes it
    root = "√(" + " + ".join(f"(−{-n})²" if n < 0 else f"{n}²" for n in (2 * a * x, 2 * b * y)) + ")"
    assert f"|∇f| = {root} = {unicode(result.exact_norm)} ≈ " in text
    markdown = _out("grad", f"{a}*x^2 + {b}*y^2", "--at", f"x={x},y={y}", "--format", "markdown")
    assert rf"\approx" in markdown


@pytest.mark.parametrize("fn", ["sin", "cos", "tan", "exp", "log", "atan", "sinh", "sqrt"])
def test_a_rule_at_its_bare_variable_is_not_stated_twice(fn):
    # - **natural log rule**: d/dx[ln x] = 1/x — d/dx ln x = 1/x said the same thing twice; a composite
    # (fn(x²)) keeps its explanation
    bare = _out("partial", f"{fn}(x)", "x", "--format", "markdown")
    step = [line for line in bare.splitlines() if line.startswith("- **")]
    assert step and all(" — " not in line for line in step if "rewrite" not in line.lower()), step
    composite = _out("partial", f"{fn}(x^2)", "x", "--format", "markdown")
    assert any(" — " in line for line in composite.splitlines() if line.lstrip().startswith("- **"))


@given(st.sampled_from(["sign(x)", "sign(x)^2", "sign(x^2 - 1)*x", "abs(x)*y"]))
@settings(max_examples=8, deadline=None)
def test_documents_write_sgn_and_json_keeps_sympys_latex(text):
    import json

    import sympy

    from symdiff import api

    markdown = _out("partial", text, "x", "--format", "markdown")
    assert r"\operatorname{sign}" not in markdown
    # a typed sign is stated as typed, sgn; a derivative's sign(u) is written u/|u|, as a textbook does
    assert (r"\operatorname{sgn}" in markdown) == text.startswith("sign"), markdown
    if text.startswith("abs"):
        assert r"\frac{x y}{\left|{x}\right|}" in markdown, markdown
    record = json.loads(_out("partial", text, "x", "--format", "json"))
    assert record["latex"] == sympy.latex(api.partial(text, "x").result)  # data: SymPy's own spelling
