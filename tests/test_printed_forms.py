"""Issue 16, a reviewing teacher's findings: every printed form is the one a textbook prints, in every
human format and both languages, while JSON's `result` strings stay SymPy's (the contract)."""

from __future__ import annotations

import json
import re

import pytest
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HUMAN = ["text", "rich", "markdown", "latex", "html"]
LANGS = ["en", "ko"]
SETTINGS = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run(fmt: str, *args: str, lang: str = "en") -> str:
    result = invoke(*args, "--format", fmt, "--lang", lang, width="200")
    assert result.exit_code == 0, result.output
    return result.output  # with the notes, which a terminal view writes to standard error


# --- 1. d/dx |u| = u′·u/|u|, never sign or sgn

_INSIDE = st.sampled_from(["x", "x^2 - 1", "3*x + 2", "x^3 - x", "sin(x)", "x*y - 1", "exp(x) - 2"])
_OUTSIDE = st.sampled_from(["{}", "sin({})", "({})^3", "exp({})", "x*{}", "sqrt({} + 1)"])


@pytest.mark.parametrize("fmt", HUMAN)
@SETTINGS
@given(inside=_INSIDE, outside=_OUTSIDE, lang=st.sampled_from(LANGS))
def test_abs_inside_a_chain_is_written_as_a_ratio(fmt, inside, outside, lang):
    text = outside.format(f"abs({inside})")
    doc = _run(fmt, "partial", text, "x", lang=lang)
    # no sign(u) or sgn (the rule's words may say "the sign of x", as a teacher does)
    assert "sign(" not in doc and "sgn" not in doc and "\\operatorname{sign}" not in doc, doc
    record = json.loads(invoke("partial", text, "x", "--format", "json").stdout)
    if "sign(" in record["result"]:  # the data keeps what reads back; the views, the condition u ≠ 0
        assert {"text": "≠", "rich": "≠", "markdown": r"\neq", "latex": r"\neq", "html": "≠"}[fmt] in doc, doc


@pytest.mark.parametrize("lang, words", [("en", "d/dx [|x|] = x/|x|"), ("ko", "d/dx [|x|] = x/|x|")])
def test_abs_rule_and_answer_read_as_a_textbook_writes_them(lang, words):
    doc = _run("text", "partial", "abs(x)", "x", lang=lang)
    # the step's line states the formula; the words under it add only its caution (said once)
    assert words in doc and "= x/|x|\n" in doc and "x ≠ 0" in doc, doc
    assert "d/dx |x| = x/|x|" not in doc, doc
    assert "sign(" not in doc and "sgn" not in doc, doc


# --- 6. a rewrite's power rule shows the exponent law back to the root or fraction: ½u^(−½) = 1/(2√u)

_ROOTS_AND_RECIPROCALS = st.tuples(
    st.sampled_from(["x", "x^2 + 1", "sin(x)", "3*x - 1"]),
    st.sampled_from(["1/2", "1/3", "-1", "-2", "-1/2", "2/3", "-3/4", "5/2", "1/5"]),
).map(lambda t: f"({t[0]})^({t[1]})")


@SETTINGS
@given(text=_ROOTS_AND_RECIPROCALS, lang=st.sampled_from(LANGS))
def test_a_rewrites_power_rule_ends_in_the_printed_result(text, lang):
    import sympy

    from symdiff.core.formula import Power
    from symdiff.core.messages import explain
    from symdiff.render.notation import latex, mathml, unicode
    from symdiff.scalar.parsing import parse, symbol
    from symdiff.scalar.rules import derive

    rewrites = [s for s in derive(parse(text), symbol("x")).walk()
                if s.rule == "rewrite" and s.message in ("rewrite.root", "rewrite.reciprocal") and not s.substeps]
    assert rewrites, text
    for step in rewrites:
        exponent = step.rewritten.as_base_exp()[1]
        lowered = Power(step.var, exponent - 1)  # n·xⁿ⁻¹ with n put in, before the law turns it back
        for printer in (unicode, latex, mathml):
            words = explain(step, printer, lang)
            assert printer(lowered) in words and printer(step.result) in words, (printer, words)
            # the sentence ends in the result as its line prints it (MathML closes the formula's mrow after it)
            assert printer is mathml or words.rstrip(".").removesuffix("입니다").endswith(printer(step.result)), words
        assert sympy.simplify(exponent * step.var ** (exponent - 1) - step.result) == 0


@pytest.mark.parametrize("fmt, law", [("text", "(1/2)·u⁻¹⁄² = 1/(2·√u)"),  # one reading on a line
                                      ("markdown", r"\frac{1}{2} u^{- \frac{1}{2}} = \frac{1}{2 \sqrt{u}}"),
                                      ("latex", r"\frac{1}{2} u^{- \frac{1}{2}} = \frac{1}{2 \sqrt{u}}")])
@pytest.mark.parametrize("lang", LANGS)
def test_the_teachers_root_example(fmt, law, lang):
    assert law in _run(fmt, "partial", "sqrt(x^2+1)", "x", lang=lang)


# --- 5. a tidy step that uses an identity names it

_ARGUMENTS = st.sampled_from(["x", "2*x", "x^2 + 1", "3*x - 1"])
_USING = {"en": "simplified using", "ko": "이용하여 정리하면"}
_IDENTITY_SHAPES = st.sampled_from(["x*(sin({u})^2 + cos({u})^2)", "x*log(exp({u}))", "x*(1 + tan({u})^2)",
                                    "x*(cosh({u})^2 - sinh({u})^2)"])


@pytest.mark.parametrize("fmt", HUMAN)
@SETTINGS
@given(u=_ARGUMENTS, shape=_IDENTITY_SHAPES, lang=st.sampled_from(LANGS))
def test_a_tidy_step_names_the_identity_it_uses(fmt, u, shape, lang):
    doc = _run(fmt, "partial", shape.format(u=u), "x", lang=lang)
    using = _USING[lang]
    assert using.lower() in doc.lower(), doc
    # the identity is mathematics of the view, next to the words: a formula with = before the colon
    line = next(line for line in doc.splitlines() if using.lower() in line.lower())
    assert "=" in line.lower().split(using.lower())[0 if lang == "ko" else 1], line


@SETTINGS
@given(u=_ARGUMENTS, shape=_IDENTITY_SHAPES)
def test_each_named_identity_is_one(u, shape):
    import sympy

    from symdiff import api
    from symdiff.scalar.tidy import identities_used

    d = api.partial(shape.format(u=u), "x").derivations[0]
    found = identities_used(d.step.result, d.result)
    assert found, (d.step.result, d.result)
    for identity in found:
        left, right = (a.doit() for a in identity.args)
        assert sympy.simplify((left - right).rewrite(sympy.exp)) == 0, identity


_TRIG_PRODUCTS = st.builds(lambda f, g, k, n: f"{f}({k}*x)*{g}({k}*x)*x^{n}",
                           st.sampled_from(["sin", "cos", "tan", "sec"]), st.sampled_from(["sin", "cos", "tan", "sec"]),
                           st.integers(1, 3), st.integers(0, 2))


@SETTINGS
@given(text=_TRIG_PRODUCTS)
def test_the_named_identities_are_the_ones_that_take_the_result_to_its_tidy_form(text):
    """A review found sin x·cos x·x's double-angle tidy form credited to sin²x + cos²x = 1. Whatever is
    named must be true and must, used as a rewrite with algebra alone, take the raw result to the tidy
    one; and no Pythagorean identity is named where the tidy form has sin 2u or cos 2u that the raw lacks."""
    import sympy

    from symdiff import api
    from symdiff.scalar.tidy import _agree, identities_used

    d = api.partial(text, "x").derivations[0]
    raw, tidy = d.step.result, d.result
    found = identities_used(raw, tidy)
    swaps = {}
    for identity in found:
        left, right = (a.doit() for a in identity.args)
        assert sympy.simplify((left - right).rewrite(sympy.exp)) == 0, identity
        if not left.is_Add:  # a named function written otherwise: sin 2x = 2 sin x cos x, tan x = sin x/cos x
            swaps[left] = right
    if swaps:
        assert _agree(raw.subs(swaps), tidy.subs(swaps)), (text, found)
    doubled = {n for n in sympy.preorder_traversal(tidy) if isinstance(n, (sympy.sin, sympy.cos))
               and n.args[0].as_coeff_Mul()[0] % 2 == 0} - set(sympy.preorder_traversal(raw))
    if doubled:
        assert not any(str(i.args[1].doit()) == "1" and "sin" in str(i.args[0]) for i in found), (text, found)


@pytest.mark.parametrize("fmt", ["markdown", "latex", "html"])
@SETTINGS
@given(text=st.sampled_from(["log(abs(x))", "log(abs(x^2 - 1))", "abs(x)*x", "log(abs(sin(x)))"]),
       lang=st.sampled_from(LANGS))
def test_a_simplified_line_never_reads_a_formula_equal_to_itself(fmt, text, lang):
    """sign(x)/|x| prints as 1/x: its simplified line read "1/x = 1/x", a step that did nothing."""
    import re

    doc = _run(fmt, "partial", text, "x", lang=lang)
    for line in doc.splitlines():
        for left, right in re.findall(r"\$([^$=]+) = ([^$=]+)\$", line):
            assert left.strip() != right.strip(), line
        for left, right in re.findall(r"<math>((?:(?!<mo>=</mo>).)+)<mo>=</mo>((?:(?!<mo>=</mo>).)+)</math>", line):
            assert left != right, line


def test_no_identity_is_named_where_none_is_used():
    from symdiff import api
    from symdiff.scalar.tidy import identities_used

    for text in ("x^2*sin(x)", "(x^2 + 1)/(x - 1)", "tan(x)", "sin(x)^2"):
        d = api.partial(text, "x").derivations[0]
        assert identities_used(d.step.result, d.result) == [], text


# --- 2. answers fully factored: no sum that is a factor keeps a common factor (4x³(x² − 1)²(5x² − 2))

def _sums_with_content(expr) -> list:
    import sympy

    found = []
    for node in sympy.preorder_traversal(expr):
        if node.is_Mul:
            for factor in node.args:
                base = factor.as_base_exp()[0]
                if base.is_Add and sympy.factor_terms(base).is_Mul:
                    found.append(base)
    return found


@SETTINGS
@given(rules=st.sampled_from(["chain,product", "chain", "product", "quotient", "chain,quotient"]),
       seed=st.integers(min_value=0, max_value=40))
def test_practice_answers_are_fully_factored(rules, seed):
    from symdiff.features.practice import practice

    for exercise in practice(rules.split(","), count=4, seed=seed).exercises:
        assert not _sums_with_content(exercise.answer), (exercise.expr, exercise.answer)


_POLYNOMIAL_FACTORS = st.tuples(st.sampled_from(["x^2 - 1", "2*x + 3", "x^3 + 1", "1 - x^2"]),
                                st.integers(min_value=2, max_value=4), st.integers(min_value=1, max_value=5),
                                st.integers(min_value=1, max_value=3))


@SETTINGS
@given(parts=_POLYNOMIAL_FACTORS, lang=st.sampled_from(LANGS))
def test_a_product_of_powers_is_answered_factored(parts, lang):
    inner, power, outer, coefficient = parts
    text = f"{coefficient}*x^{outer}*({inner})^{power}"
    from symdiff import api

    assert not _sums_with_content(api.partial(text, "x").result), text


@pytest.mark.parametrize("lang", LANGS)
def test_the_teachers_practice_example(lang):
    doc = _run("text", "practice", "--rules", "chain,product", "--count", "5", "--seed", "3", "--no-steps",
               lang=lang)
    # the answer as partial writes it for the same exercise (render.order.shown_answer)
    assert "4·x³·(x² − 1)²·(5·x² − 2)" in doc and "(10·x² − 4)" not in doc, doc


# --- 3. one rule for a fractional power in every view: a root for a unit fraction or a denominator of
# 2 or 3 (√(x³), ∛(x²)), a raised fraction otherwise (x³⁵⁄⁶), the same in steps and results

_FRACTIONS = st.tuples(st.integers(min_value=-7, max_value=7).filter(lambda p: p != 0),
                       st.integers(min_value=2, max_value=6))
_RADICANDS = st.sampled_from(["x", "x^2 + 1", "sin(x)", "3*x - 1", "x*y"])


@SETTINGS
@given(fraction=_FRACTIONS, radicand=_RADICANDS, factor=st.sampled_from(["1", "x", "exp(x)", "(x + 2)"]))
def test_a_fractional_power_prints_by_one_rule_in_every_notation(fraction, radicand, factor):
    import sympy

    from symdiff.render.notation import latex, mathml, unicode, written_as_root
    from symdiff.scalar.parsing import parse

    power = sympy.Rational(*fraction)
    if power.q == 1:
        return
    expr = parse(f"{factor}*({radicand})^({power.p}/{power.q})")
    root = written_as_root(power)
    assert root == (abs(power.p) == 1 or power.q in (2, 3))
    text, tex, ml = unicode(expr), latex(expr), mathml(expr)
    assert any(sign in text for sign in "√∛∜") == root and ("⁄" in text) == (not root), text
    assert (r"\sqrt" in tex) == root and (r"}{%d}}" % power.q in tex) == (not root), tex
    assert ("msqrt" in ml or "mroot" in ml) == root, ml


@pytest.mark.parametrize("text, shown, tex", [
    ("x^(2/3)", "2/(3·∛x)", r"\frac{2}{3 \sqrt[3]{x}}"),
    ("cbrt(x)*x", "4·∛x/3", r"\frac{4 \sqrt[3]{x}}{3}"),
    ("(x^2+1)^(1/3)", "2·x/(3·∛((x² + 1)²))", r"\frac{2 x}{3 \sqrt[3]{\left(x^{2} + 1\right)^{2}}}"),
])
def test_the_teachers_root_examples_read_alike(text, shown, tex):
    assert f"df/dx = {shown}" in _run("text", "partial", text, "x")
    markdown = _run("markdown", "partial", text, "x")
    assert tex in markdown and r"\right)^{\frac{2}{3}}" not in markdown, markdown
    heading = next(line for line in markdown.splitlines() if line.startswith("### "))
    assert r"\frac{1}{3}}" not in heading and r"\frac{2}{3}}" not in heading, heading


# --- the minus sign a reader sees: − in the text and Rich views, never the hyphen-minus

# a hyphen-minus where a minus is meant: not inside a word (well-defined, x-axis) and not an option's --
_HYPHEN_MINUS = re.compile(r"(?<![\w-])-(?!-)|(?<=[\s(\[=,])-(?=\w)")
_TERMS = st.sampled_from(["x", "x^2", "sin(x*y)", "exp(-x)", "1/x", "y^3/sqrt(26)", "3*x*cos(x*z)", "2",
                          "x^(-1/2)", "-y", "log(x^2 + 1)", "(x - 1)^2"])
_SIGNED = st.lists(st.tuples(st.sampled_from(["+", "-"]), _TERMS), min_size=1, max_size=3)


def _from(terms) -> str:
    return " ".join(f"{sign} {t}" for sign, t in terms)


@SETTINGS
@given(terms=_SIGNED, lang=st.sampled_from(LANGS), fmt=st.sampled_from(["text", "rich"]),
       command=st.sampled_from(["partial", "grad"]))
def test_the_terminal_views_write_every_minus_as_a_minus_sign(terms, lang, fmt, command):
    # "−(√26/26)·y³ - 3·x·cos(x·z)" mixed the two on one line
    text = _from(terms)
    args = (command, text, "x") if command == "partial" else (command, text, "--at", "x=-1,y=2,z=-3")
    out = _run(fmt, *args, lang=lang)
    assert not _HYPHEN_MINUS.search(out), (_HYPHEN_MINUS.search(out), out)
    # the data keeps SymPy's syntax, which reads back (the contract)
    record = json.loads(invoke(*args, "--format", "json").stdout)
    assert "−" not in json.dumps(record.get("result", record.get("gradient")), ensure_ascii=False)
