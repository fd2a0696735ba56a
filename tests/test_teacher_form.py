"""A teacher's form findings: what a reader sees is mathematics and words, never SymPy's or a
program's spelling (Heaviside(x, 0), asin, log_b, constant_multiple), and never a command inside a
sentence; left-out steps are always said to be left out, with the option apart."""

from __future__ import annotations

import re

import pytest
import sympy
from helpers import invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from symdiff.core.messages import rule_heading, rule_label
from symdiff.features.rulebook import rule_name
from symdiff.render.notation import latex, mathml, unicode
from symdiff.scalar.parsing import parse
from symdiff.scalar.steps import RULE_NAMES

LANGS = ("en", "ko")
HUMAN = ("text", "rich", "markdown", "latex", "html")

INVERSE = ("asin", "acos", "atan", "acot", "asec", "acsc", "asinh", "acosh", "atanh", "acoth", "asech", "acsch")
ARGUMENTS = ("x", "x**2", "y/x", "x + 1", "2*x")
SYMPY_SPELLING = re.compile(r"\b(?:Heaviside|DiracDelta|a(?:sin|cos|tan|cot|sec|csc)h?\(|atan2|log_b)")


@given(st.sampled_from(INVERSE), st.sampled_from(ARGUMENTS), st.integers(1, 3))
def test_an_inverse_function_reads_as_the_documents_name_it(name, arg, power):
    expr = parse(f"{name}({arg})**{power}")
    shown = unicode(expr)
    assert not re.search(rf"(?<![a-z]){name}\(", shown), shown
    word = ("arc" if not name.endswith("h") else "ar") + name[1:]
    assert word in shown
    assert rf"\operatorname{{{name}}}" not in latex(expr)


@given(st.sampled_from(ARGUMENTS), st.integers(0, 6))
def test_the_step_and_the_delta_read_as_a_textbook_writes_them(arg, order):
    u = parse(arg)
    expr = sympy.Heaviside(u, 0) + (sympy.DiracDelta(u, order) if order else sympy.DiracDelta(u))
    for shown in (unicode(expr), latex(expr), mathml(expr)):
        assert "Heaviside" not in shown and "DiracDelta" not in shown.replace("diracdelta", "DiracDelta")
        assert "theta" not in shown.lower() and "Θ" not in shown and "&#x398;" not in shown
    words = unicode(expr)
    assert "H(" in words
    marks = {0: "δ(", 1: "δ′(", 2: "δ″(", 3: "δ‴("}.get(order, "δ⁽")
    assert marks in words


@given(st.sampled_from(ARGUMENTS), st.sampled_from([sympy.S.Zero, sympy.S.One]))
def test_steps_with_different_values_at_zero_each_show_their_value(arg, at_zero):
    # Heaviside(u) + Heaviside(u - 1) - Heaviside(u - 1, 0) read H(u) + H(u − 1) − H(u − 1): two jumps
    # that look as if they cancel
    u = parse(arg)
    expr = sympy.Heaviside(u) + sympy.Heaviside(u - 1) - sympy.Heaviside(u - 1, at_zero)
    words, tex = unicode(expr), latex(expr)
    assert f"{unicode(at_zero)})" in words and "1/2)" in words, words
    assert words.count("H(") == 3, words
    assert rf"{latex(at_zero)}\right)" in tex and r"\frac{1}{2}\right)" in tex, tex
    assert "Heaviside" not in mathml(expr)
    # one convention throughout is left unsaid, as the rule's note states it
    assert ", " not in unicode(sympy.Heaviside(u, at_zero) + sympy.Heaviside(u - 1, at_zero))


@pytest.mark.parametrize("lang", LANGS)
def test_the_rulebook_shows_no_programming_spelling(lang):
    out = invoke("rules", "--lang", lang, "--format", "text").stdout
    assert not SYMPY_SPELLING.search(out), SYMPY_SPELLING.search(out)
    # the contract's keys are JSON's; a reader sees the rules' names
    assert not any("_" in line for line in out.splitlines()), out
    first = out.splitlines()[0]
    assert "symdiff" not in first.replace("symdiff의", "").replace("symdiff's", ""), first
    if lang == "ko":
        assert "합성함수의 미분법(연쇄 법칙)" in out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rule", RULE_NAMES)
def test_a_rule_is_asked_for_by_the_name_shown(lang, rule):
    for shown in (rule_heading(rule, lang), rule_label(rule, lang)):
        assert rule_name(shown) == rule
        assert rule_name(shown.replace(" ", "")) == rule


def test_the_text_view_writes_arctan_as_the_documents_do():
    text = invoke("partial", "atan(y/x)", "x", "--format", "text").stdout
    md = invoke("partial", "atan(y/x)", "x", "--format", "markdown").stdout
    assert "f = arctan(y/x)" in text and r"\arctan" in md
    assert "atan(" not in text


OMITTED = {"en": "not shown", "ko": "생략했습니다"}


@settings(max_examples=6, deadline=None)
@given(st.integers(7, 9), st.sampled_from(LANGS), st.sampled_from(HUMAN))
def test_left_out_steps_are_said_to_be_left_out(n, lang, fmt):
    names = [f"v{i}" for i in range(n)]
    out = invoke("grad", "*".join(names), "--vars", ",".join(names), "--lang", lang, "--format", fmt,
                 width="200").stdout
    sentence = next(s for s in re.split(r"\n|</?p>", out) if OMITTED[lang] in s)
    # the option is named apart from the sentence, and the count agrees with its noun
    assert "--" not in sentence and "-{}-" not in sentence, sentence
    assert "1 partials" not in sentence
    assert "--var" in out or "-{}-var" in out


def _run_together(tex: str) -> list[tuple[str, str]]:
    """Pairs of lines of words set one after the other with no paragraph break: TeX runs them into one
    paragraph."""
    lines = tex.splitlines()
    return [(a, b) for a, b in zip(lines, lines[1:]) if a.startswith("\\noindent") and b.startswith("\\noindent")]


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(2, 4), min_size=2, max_size=4), st.sampled_from(("relu", "sigmoid", "tanh")),
       st.sampled_from((("softmax", "ce"), ("sigmoid", "ce"), ("sigmoid", "mse"), ("identity", "mse"))),
       st.sampled_from(LANGS), st.booleans())
def test_latex_backprop_sets_each_line_of_words_apart(layers, activation, output_loss, lang, network):
    output, loss = output_loss
    args = (["--layers", ",".join(map(str, layers)), "--output", output] if network
            else ["--inputs", str(layers[0]), "--outputs", str(layers[-1])])
    if not network and output_loss == ("softmax", "ce"):
        loss = "mse"
    out = invoke("backprop", *args, "--activation", activation, "--loss", loss, "--lang", lang,
                 "--format", "latex").stdout
    assert _run_together(out) == []


# --- numbers: a power of ten as a textbook writes it; rounding noise as ≈ 0

E_NOTATION = re.compile(r"\d[eE][+-]?\d")


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: v != 0))
def test_a_decimal_never_reads_as_a_program_prints_it(value):
    from symdiff.render.notation import related
    from symdiff.render.text import _num

    for shown in (_num(value), related(value)):
        assert not E_NOTATION.search(shown), shown
    mantissa, _, power = _num(value).replace("−", "-").partition("×10")  # the text view's minus sign
    assert float(mantissa) * 10 ** int(power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")) or 0) \
        == pytest.approx(value, rel=1e-5)


@settings(max_examples=8, deadline=None)
@given(st.integers(2, 9), st.sampled_from(LANGS), st.sampled_from(("text", "rich")))
def test_a_run_that_grows_reads_in_powers_of_ten(start, lang, fmt):
    out = invoke("descend", "x**4", "--from", f"x={start}", "--lr", "0.5", "--lang", lang, "--format", fmt)
    assert not E_NOTATION.search(out.stdout + out.stderr), out.stdout


NOISY = ("(w*x + b - y)**2", "--from", "w=0,b=0", "--at")


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 5), st.integers(-5, 5), st.sampled_from(LANGS), st.sampled_from(HUMAN))
def test_rounding_noise_reads_as_zero(x, y, lang, fmt):
    """lr = 1/(2(x² + 1)) lands on the line's least squares point in one step (f = 0 there, ∇f = 0)."""
    from symdiff.api import descend

    lr = 1 / (2 * (x * x + 1))
    args = [*NOISY, f"x={x},y={y}", "--lr", repr(lr), "--no-steps", "--lang", lang, "--format", fmt]
    out = invoke("descend", *args, width="200").stdout
    r = descend(NOISY[0], start={"w": 0, "b": 0}, at={"x": x, "y": y}, lr=lr)
    tiny = [v for it in r.iterations for v in (it.value, *it.gradient, it.grad_norm) if v and abs(v) < 1e-12]
    if tiny:
        assert "≈ 0" in out or r"\approx 0" in out or "<mo>≈</mo><mn>0</mn>" in out
    # no noise shown as a value: the scale here is at least 1, so no power below 10⁻¹² is a value
    raised = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
    powers = [int(p.translate(raised)) for p in re.findall(r"10⁻([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", out)]
    powers += [int(p) for p in re.findall(r"10\^\{-(\d+)\}", out)]
    powers += [int(p) for p in re.findall(r"<mn>10</mn><mrow><mo>−</mo><mn>(\d+)</mn>", out)]
    assert all(p < 12 for p in powers), out


def test_an_exact_zero_is_zero_and_a_small_true_value_next_to_a_small_scale_stays():
    from symdiff.api import descend

    r = descend("x**2", start={"x": 1e-7}, lr=0.25)
    assert not r.negligible(0.0)
    assert not any(r.negligible(it.value) for it in r.iterations)  # 1e-14 is f's own scale: no noise
    assert r.negligible(1e-27) and not r.negligible(1e-25)
    noisy = descend("(w*x + b - y)**2", start={"w": 0, "b": 0}, at={"x": 2, "y": 3})
    assert noisy.negligible(1.97215e-31) and not noisy.negligible(1e-10)
