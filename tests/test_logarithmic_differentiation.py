"""f(x)^g(x), the rule `general_power`, explained as OpenStax §3.9 explains xˣ: logarithmic differentiation.

Let y = xˣ; ln y = x ln x, for x > 0 where ln x is defined; (1/y)·dy/dx = d/dx [x ln x] (the left side by
the chain rule, the right side the step's child); dy/dx = y(ln x + 1) = xˣ(ln x + 1). The tree stays as
it was (the node f^g with its derivative, its child d/dx [g ln f]): only the words changed, in every
human view and both languages. The name "general power rule" is OpenStax's for (uⁿ)′ = nuⁿ⁻¹u′, and the
old words wrote exp(x·ln x), which no view writes now.
"""

from __future__ import annotations

import io
import re

import pytest
import sympy
from helpers import check_tree, cli_args, invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_invariant import expressions
from test_invariant import parse as parse_or_reject

from symdiff import api
from symdiff.core.errors import DomainError
from symdiff.core.messages import closing, explain, language, opening
from symdiff.render.notation import unicode
from symdiff.scalar.parsing import parse, symbol
from symdiff.scalar.rules import GeneralPowerRule, derive

x, y = symbol("x"), symbol("y")

HUMAN = ["text", "rich", "markdown", "latex", "html"]
LANGS = ["en", "ko"]
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# bases and exponents that both vary with x: positive bases too (x² + 1 needs no condition)
BASES = ["x", "sin(x)", "x + 2", "x*y", "x^2 + 1", "log(x)", "2*x - 1"]
EXPONENTS = ["x", "cos(x)", "x*y", "x^2", "1/x", "sqrt(x)", "-x"]
powers = st.tuples(st.sampled_from(BASES), st.sampled_from(EXPONENTS)).map(lambda t: f"({t[0]})^({t[1]})")


def _general_power_steps(step):
    return [node for node in step.walk() if isinstance(node, GeneralPowerRule)]


# --- the tree: honest, its child d/dx [g ln f], over generated f^g -----------------------------------

@PROPERTY
@given(expressions, expressions)
def test_a_generated_power_is_differentiated_honestly_through_g_ln_f(base, exponent):
    expr = parse_or_reject(f"({base})^({exponent})")
    assume(isinstance(expr, sympy.Pow) and expr.base.has(x) and expr.exp.has(x))
    try:
        step = derive(expr, x)
    except DomainError:
        assume(False)
    assert isinstance(step, GeneralPowerRule) and step.expr == expr
    (child,) = step.substeps
    assert child.expr == expr.exp * sympy.log(expr.base)  # d/dx [g ln f], as the words say
    assert step.result == expr * child.result
    check_tree(step)


@PROPERTY
@given(powers, st.sampled_from(LANGS))
def test_the_words_take_ln_of_both_sides_and_solve_for_the_derivative(text, lang):
    f = parse(text)
    step = derive(f, x)
    with language(lang):
        head, end, whole = opening(step), closing(step), explain(step)
    name = "logarithmic differentiation" if lang == "en" else "로그 미분법"
    assert head.startswith(name) and name in whole
    # y, or another letter where the function has a y of its own (x^(x·y))
    y_ = "y" if "y" not in {s.name for s in f.free_symbols} else "w"
    d = "∂" if "y" in {s.name for s in f.free_symbols} else "d"
    assert f"{y_} = {unicode(f)}" in head, head
    assert f"ln({y_}) = " in head and f"(1/{y_})·{d}{y_}/{d}x = " in head, head
    assert f"{d}{y_}/{d}x = {y_}·" in end and end.index(f"{y_} = {unicode(f)}") < end.index(f"{d}{y_}/{d}x = "), end
    if f.base.is_positive:  # no condition to state
        assert "for every x" in head or "모든 x에 대하여" in head
    else:  # the condition, stated where ln f needs it: before the logarithm is taken
        # (SymPy's syntax, as JSON's explanations write a value: log, or ln where the language reads so)
        said = head.replace("log(", "ln(")
        condition = f"{sympy.sstr(f.base)} > 0".replace("log(", "ln(")
        assert condition in said, head
        assert said.index(condition) < said.index(f"ln({y_}) = ")
    for words in (head, end, whole):
        assert "exp(" not in words and "general power" not in words and "지수함수 꼴" not in words


# --- every human view, both languages -------------------------------------------------------------

_RESULT = {"text": "xˣ·(ln(x) + 1)", "rich": "xˣ·(ln(x) + 1)", "markdown": r"x^{x} \left(\ln x + 1\right)",
           "latex": r"x^{x} \left(\ln x + 1\right)", "html": None}


@pytest.mark.parametrize("fmt", HUMAN)
@pytest.mark.parametrize("lang", LANGS)
def test_every_view_names_logarithmic_differentiation_and_no_exponential_form(fmt, lang):
    result = invoke("partial", "x**x", "x", "--format", fmt, "--lang", lang, width="200")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert ("Logarithmic differentiation" in out) if lang == "en" else ("로그 미분법" in out)
    for old in ("General power", "general power", "지수함수 꼴", "exp(", "as an exponential", "e^{x",
                "&ExponentialE;"):
        assert old not in out, (old, out)
    assert "Abs(" not in out and (fmt == "markdown" or "**" not in out)  # (Markdown's bold is **)
    # let f = xˣ, by the function's own name (the heading's f = xˣ)
    assert re.search(r"f = x(ˣ|\^\{x\})|<mi>f</mi><mo>=</mo>", out), out


@pytest.mark.parametrize("fmt", ["text", "rich"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_caution_comes_before_the_derivation_it_qualifies(fmt, lang):
    result = invoke("partial", "x**x", "x", "--format", fmt, "--lang", lang, width="200")
    out = result.stdout
    label = "Caution:" if lang == "en" else "주의:"
    assert out.count(label) == 1, out
    assert out.index(label) < out.index("df/dx"), out
    assert out.index("f = xˣ") < out.index(label)  # after the heading that says what f is


@pytest.mark.parametrize("lang", LANGS)
def test_latex_writes_the_result_once_in_the_derivation_and_once_as_the_answer(lang):
    out = invoke("partial", "x**x", "x", "--format", "latex", "--lang", lang).stdout
    # the closing sentence that solves for df/dx, and the ⇒ df/dx row: no third row d/dx [xˣ] = …
    assert out.count(_RESULT["latex"]) == 2, out
    assert r"\Rightarrow\ \frac{d f}{d x} = " + _RESULT["latex"] in out


@pytest.mark.parametrize("text", ["x*sin(x)", "sin(x^2)", "(x^2 - 1)/(x - 1)"])
def test_latex_ends_any_derivation_with_its_conclusion_not_a_repeated_claim(text):
    out = invoke("partial", text, "x", "--format", "latex").stdout
    rows = [r for r in out.splitlines() if r.startswith("&")]
    assert rows[-1].startswith(r"&\Rightarrow")
    # the row before ⇒ is no restatement of the whole step, d/dx [f] = …, which ⇒ df/dx = … says again;
    # where the answer is simplified from it, the step's closing sentence keeps that row under it
    claim = rows[0].removesuffix(r" \\").rstrip()  # the first row, d/dx [f], the step the derivation takes
    lines = out.splitlines()
    simplified = lines[lines.index(rows[-1]) - 1].startswith(r"\intertext{Simplified")
    # the tidy lines (a bracket collected, a factor taken out) may stand between that row and ⇒
    closing = [r for r in rows[1:-1] if r.startswith(claim + " =")]
    assert claim.startswith(r"&\frac{d}{d x}\left[") and bool(closing) == simplified, out


def _together(*args) -> str:
    """stdout and stderr on one screen (a terminal, 2>&1)."""
    from typer.testing import CliRunner

    from symdiff.app.cli import app
    from symdiff.app.environment import Environment, using

    both = io.StringIO()
    with using(Environment(stdout=both, stderr=both, stdout_isatty=True, stderr_isatty=True, width=200)):
        CliRunner().invoke(app, cli_args(args), catch_exceptions=False)
    return both.getvalue()


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_on_one_screen_the_caution_is_written_once_and_on_stderr_when_piped(fmt):
    said = _together("partial", "x**x", "x", "--format", fmt)
    assert said.count("the derivative holds only where") == 1, said
    assert "note:" not in said
    piped = invoke("partial", "x**x", "x", "--format", fmt)
    # the contract: human formats write each warning on stderr, for whoever reads stdout elsewhere
    assert piped.stderr.count("note: ") == 1 and "x > 0" in piped.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_the_json_record_keeps_its_rule_name_and_a_warning_without_exp(lang):
    import json

    record = json.loads(invoke("partial", "x**x", "x", "--format", "json", "--lang", lang).stdout)
    assert record["steps"][0]["rule"] == "general_power"
    assert record["steps"][0]["substeps"][0]["expr"] == "x*log(x)"
    (warning,) = record["warnings"]
    assert warning["kind"] == "positive_base" and "exp(" not in warning["message"]


def test_a_power_inside_another_function_is_called_y():
    step = api.partial("sin(x^x)", "x").derivations[0].step
    (power,) = _general_power_steps(step)
    assert "let y = xˣ" in explain(power)


def test_a_named_function_keeps_its_name():
    step = api.partial("g(x) = x^x", "x").derivations[0].step
    assert "let g = xˣ" in explain(step) and "dg/dx = g·" in explain(step)


# --- the rule book --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, name, caution", [("en", "Logarithmic differentiation", "holds only where u > 0"),
                                                 ("ko", "로그 미분법", "u > 0인 곳에서만 성립합니다")])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_rule_book_gives_the_formula_a_worked_example_and_the_caution(lang, name, caution, fmt):
    result = invoke("rules", "general_power", "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout.replace("$", "")  # Markdown's formulas as their text
    assert name in out and caution in out
    formula = "(uᵛ)′ = uᵛ(v′ ln u + v u′/u)" if fmt == "text" else r"\left(u^{v}\right)' = u^{v}"
    assert formula in out
    assert ("let y = x" if lang == "en" else "y = x") in out  # the worked example, as OpenStax names it
    assert "exp(" not in out and "General power" not in out and "지수함수 꼴" not in out


def test_the_rule_books_formula_is_the_derivative():
    f, g = sympy.Function("f")(x), sympy.Function("g")(x)
    stated = f**g * (sympy.diff(g, x) * sympy.log(f) + g * sympy.diff(f, x) / f)
    assert sympy.simplify(sympy.diff(f**g, x) - stated) == 0
