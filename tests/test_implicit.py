"""Issue 16, "Implicit differentiation": `symdiff implicit` derives dy/dx as OpenStax Calculus §3.8 does.
y is a function of x, y = y(x); both sides are differentiated with respect to x term by term (the chain rule for a
term in y, d/dx y² = 2y·dy/dx; the product rule for x·y); the dy/dx terms are collected on the left and
the rest on the right; dy/dx is factored out and solved for; then F = left − right and −F_x/F_y check
it. Every step is an honest claim, every human format and both languages show the same derivation,
and no operator is left without its operand."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
import sympy
import test_invariant as generated
from helpers import agree, check_tree, invoke
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st
from test_slots import _assert_clean

from symdiff.api import implicit
from symdiff.core.errors import DomainError, ParseError, SymdiffError
from symdiff.render.implicit import Chain, Say, Tree, outline
from symdiff.scalar.implicit import DependentDerivative, DependentFunction, DependentRule, to_symbols
from symdiff.scalar.parsing import parse, symbol
from symdiff.scalar.rules import ChainRule, DependentChain, ProductRule

x, y = symbol("x"), symbol("y")
HUMAN = ["text", "rich", "markdown", "latex", "html"]
LANGS = ["en", "ko"]


def _minus_fx_over_fy(equation: str) -> sympy.Expr:
    lhs, rhs = (parse(side, ["x", "y"]) for side in equation.split("="))
    F = lhs - rhs
    return -sympy.diff(F, x) / sympy.diff(F, y)


def _rules(step) -> list[str]:
    return [node.rule for node in step.walk()]


def _check_derivation(r) -> None:
    """Every node honest; the collected equation, the factor and the quotient those of F_x, F_y."""
    for side in r.derivatives:
        check_tree(side.step)
        # y = y(x) is never let as a chain's u (u = y): d/dx f(y) is one chain step naming y = y(x)
        assert not any(isinstance(n, ChainRule) and n.inner.rule == "dependent" for n in side.step.walk())
        # the terms split off the side's derivative add up to it again
        p = sympy.Symbol("p")  # dy/dx, as a number at each point compared
        split = sympy.Add(*(c * p for c in side.coefficients), *side.others)
        whole = side.result.xreplace({r.dydx: p})
        assert agree(to_symbols(split, r.function, r.dy), to_symbols(whole, r.function, r.dy))[0]
    s = r.solution
    assert agree(to_symbols(s.coefficient, r.function, r.dy), r.fy)[0]
    assert agree(to_symbols(s.rest, r.function, r.dy), -r.fx)[0]
    assert agree(to_symbols(s.quotient, r.function, r.dy), r.result)[0]
    assert agree(r.result, -r.fx / r.fy)[0]


# --- the textbook's examples, step by step

def test_circle():
    r = implicit("x^2 + y^2 = 25", at="x=3,y=4")
    assert r.result == -x / y and r.value == -0.75 and r.on_curve
    left, right = r.derivatives
    # d/dx y² = 2y·dy/dx is one chain step whose inner function is y = y(x) itself: no u = y, no substeps
    assert _rules(left.step) == ["sum", "power", "chain"]
    chain = left.step.terms[1]
    assert isinstance(chain, DependentChain) and chain.message == "chain.dependent" and not chain.substeps
    assert isinstance(chain.dy, DependentDerivative)
    assert chain.result == 2 * r.function * r.dydx  # d/dx y² = 2y·dy/dx
    assert right.step.rule == "constant" and right.result == 0
    assert r.solution.left == (2 * r.function,) and r.solution.right == (-2 * x,)
    _check_derivation(r)


def test_folium_of_descartes():
    r = implicit("x^3 + y^3 = 6*x*y", at="x=3,y=3")
    left, right = r.derivatives
    assert _rules(right.step) == ["constant_multiple", "product", "identity", "dependent"]
    Y, d = r.function, r.dydx
    assert left.result == 3 * x**2 + 3 * Y**2 * d and right.result == 6 * x * d + 6 * Y
    # the dy/dx terms on the left, the others on the right, in the order they were met
    assert r.solution.left == (3 * Y**2, -6 * x) and r.solution.right == (6 * Y, -3 * x**2)
    assert agree(r.result, (2 * y - x**2) / (y**2 - 2 * x))[0] and r.value == -1
    _check_derivation(r)


def test_xy_equals_one():
    r = implicit("x*y = 1")
    product = r.derivatives[0].step
    assert isinstance(product, ProductRule) and product.result == x * r.dydx + r.function  # y + x·dy/dx
    assert r.result == -y / x
    _check_derivation(r)


def test_sin_of_a_sum():
    r = implicit("sin(x + y) = y")
    left = r.derivatives[0]
    assert left.step.rule == "chain" and left.step.message == "chain"  # the inner function is x + y, not y
    assert _rules(left.step.inner) == ["sum", "identity", "dependent"]
    # cos(x + y)·(1 + dy/dx) multiplied out: the dy/dx term and the other one
    assert left.coefficients == (sympy.cos(x + r.function),) and left.others == (sympy.cos(x + r.function),)
    assert agree(r.result, sympy.cos(x + y) / (1 - sympy.cos(x + y)))[0]
    _check_derivation(r)


def test_exponential_of_a_product():
    r = implicit("e^(x*y) = x")
    left = r.derivatives[0]
    assert _rules(left.step) == ["chain", "exp", "product", "identity", "dependent"]  # u = x·y: a true chain
    assert agree(r.result, (1 - y * sympy.exp(x * y)) / (x * sympy.exp(x * y)))[0]
    _check_derivation(r)


@pytest.mark.parametrize("equation", ["x^2 + y^2 = 25", "x^3 + y^3 = 6*x*y", "x*y = 1", "sin(x + y) = y",
                                      "e^(x*y) = x", "sqrt(y) + x = 3", "y = x^2", "ln(y) = x*y"])
def test_each_equation_agrees_with_minus_fx_over_fy(equation):
    r = implicit(equation)
    assert agree(r.result, _minus_fx_over_fy(equation))[0]
    _check_derivation(r)


def test_a_dependent_variable_of_another_name_keeps_the_chain_variables_apart():
    r = implicit("u^2 + x*u = 1", dy="u")
    assert isinstance(r.function, DependentFunction) and r.function.name == "u"
    us = {node.u for node in r.derivatives[0].step.walk() if isinstance(node, ChainRule)}
    assert all(u.name != "u" for u in us), us
    # u² is d/dx u² = 2u·du/dx in one step, its inner function u = u(x) itself
    assert any(isinstance(node, DependentChain) for node in r.derivatives[0].step.walk())
    r = implicit("sin(u^2) + x = 1", dy="u")
    us = {node.u for node in r.derivatives[0].step.walk() if isinstance(node, ChainRule)}
    assert us and all(u.name != "u" for u in us), us
    _check_derivation(r)


def test_a_parameter_is_a_constant_and_every_step_writes_d_dx():
    r = implicit("x^2 + a*y^2 = 1")
    assert all(not node.partial for side in r.derivatives for node in side.step.walk())
    text = _run("text", "x^2 + a*y^2 = 1", "en")
    claims = [line for line in text.splitlines() if re.match(r"\s*(\d+\.)+ ", line)]
    assert claims and not any("∂" in line for line in claims), claims
    assert agree(r.result, -x / (symbol("a") * y))[0]
    _check_derivation(r)


def test_the_honesty_check_catches_a_wrong_step():
    """The check that every step is honest can fail: a chain step that forgets dy/dx is caught."""
    r = implicit("x^2 + y^2 = 25")
    chain = r.derivatives[0].step.terms[1]
    broken = dataclasses.replace(chain, dy=sympy.S.One)  # d/dx y = 1: the mistake of treating y as x
    with pytest.raises(AssertionError):
        check_tree(broken)


def test_errors_stay_clear():
    with pytest.raises(ParseError, match="exactly one '='"):
        implicit("x + y")
    vertical = implicit("x^2 + y^2 = 25", at="x=5,y=0")  # a textbook answer, not an error
    assert vertical.vertical and vertical.on_curve and vertical.value is None
    with pytest.raises(DomainError, match="does not define y"):
        implicit("x^2 = 4")


# --- generated equations

equations = st.tuples(generated.expressions, generated.expressions)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(equations)
def test_generated_equations_give_minus_fx_over_fy_with_honest_steps(sides):
    lhs, rhs = sides
    assume("y" in lhs + rhs)
    try:
        r = implicit(f"{lhs} = {rhs}")
    except SymdiffError as exc:  # no y left in F, a side with no derivative: refused, clearly
        assert exc.type in ("domain", "limit", "syntax"), exc
        reject()
    F = r.lhs - r.rhs
    ok, reason = agree(r.result, -sympy.diff(F, x) / sympy.diff(F, y), domain=F)
    assert ok, reason
    _check_derivation(r)


# --- every format, both languages

def _run(fmt: str, equation: str, lang: str, *more: str, exit_code: int = 0) -> str:
    result = invoke("implicit", equation, "--format", fmt, "--lang", lang, *more, width="100")
    assert result.exit_code == exit_code, result.output
    return result.stdout


# An operator with no operand: d/dx or ∂/∂x followed by +, =, ), or the end (the old `= ∂/∂x + (∂/∂y)·dy/dx`).
BARE = {
    "text": re.compile(r"(?<![\w/])[d∂]/[d∂]\w+\s*(?:[+=)·]|$)", re.M),
    "rich": re.compile(r"(?<![\w/])[d∂]/[d∂]\w+\s*(?:[+=)·│]|$)", re.M),
    "markdown": re.compile(r"\\frac\{(?:d|\\partial)\}\{(?:d|\\partial) \w+\}\s*(?:[+=)&$]|\\right|\\cdot)"),
    "latex": re.compile(r"\\frac\{(?:d|\\partial)\}\{(?:d|\\partial) \w+\}\s*(?:[+=)&$]|\\right|\\cdot)"),
    "html": re.compile(r"<mfrac><mrow><m[io]>(?:d|∂|&#8706;)</m[io]></mrow><mrow><m[io]>(?:d|∂|&#8706;)</m[io]>"
                       r"<mi>\w+</mi></mrow></mfrac>(?:<mo>[+=·)]|</math>|</mrow>)"),
}


@pytest.mark.parametrize("fmt", HUMAN)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("equation", ["x^2 + y^2 = 25", "x^3 + y^3 = 6*x*y", "sin(x + y) = y"])
def test_every_human_format_shows_the_derivation_without_bare_operators(fmt, lang, equation):
    doc = _run(fmt, equation, lang, "--at", "x=1,y=1", exit_code=1)  # (1, 1) is on none of them: no dy/dx there
    assert not BARE[fmt].search(doc), BARE[fmt].search(doc).group()
    assert "F_x/F_y" not in doc or fmt in ("text", "rich")  # the documents typeset F_x as a subscript
    _assert_clean(fmt, doc)
    # the same derivation everywhere: the outline's sentences, in this language, in order
    said = [message_words(item, lang) for item in outline(implicit(equation, at="x=1,y=1")).steps
            if isinstance(item, Say)]
    # a sentence's first word has its capital in the human views (issue 16): found whatever its case
    found = [_plain_words(doc).lower().find(words.lower()) for words in said]
    assert -1 not in found and found == sorted(found), (said, found)
    note = {"en": "not on the curve", "ko": "곡선 위의 점이 아닙니다"}[lang]
    assert note in doc


def message_words(item: Say, lang: str) -> str:
    """A sentence's longest run of words between its pieces of mathematics: what every format writes alike."""
    from symdiff.core.messages import language, message

    with language(lang):
        text = message(item.key, lambda e: "\x00", **item.values)
    return max((chunk.strip(" ,:.") for chunk in text.split("\x00")), key=len)


def _plain_words(doc: str) -> str:
    doc = re.sub(r"<[^>]+>", " ", doc)
    return re.sub(r"\s+", " ", doc.replace("\\noindent", " ").replace("│", " "))


@pytest.mark.parametrize("lang", LANGS)
def test_the_steps_in_words(lang):
    text = _run("text", "x^3 + y^3 = 6*x*y", lang)
    words = {
        "en": ["y is a function of x, y = y(x), given implicitly by the equation x³ + y³ = 6·x·y",
               "Chain rule: the inner function is y = y(x), a function of x, so d/dx y³ = 3·y²·dy/dx",
               "y stands for y(x), a function of x, so d/dx y = dy/dx",
               # the pieces named before the substeps derive them, substituted after them
               "Product rule: (g·h)′ = g′·h + g·h′ with g = x, h = y\n",
               "Substituting the pieces: 1·y + x·dy/dx, which gives y + x·dy/dx\n",
               "The derivatives of the two sides are equal:\n  3·x² + 3·y²·dy/dx = 6·y + 6·x·dy/dx",
               "Collect the terms with dy/dx on the left side and the other terms on the right side:\n"
               "  3·y²·dy/dx − 6·x·dy/dx = 6·y − 3·x²",
               "Factor out dy/dx:\n  (3·y² − 6·x)·dy/dx = 6·y − 3·x²",
               "Divide both sides by 3·y² − 6·x, the coefficient of dy/dx:",
               "Check with partial derivatives. For F(x, y) = x³ + y³ − 6·x·y, the left side minus the right side, "
               "the formula dy/dx = −F_x/F_y gives the same result:",
               "  F_x = ∂F/∂x = 3·x² − 6·y", "  F_y = ∂F/∂y = 3·y² − 6·x",
               "dy/dx = (6·y − 3·x²)/(3·y² − 6·x) = (2·y − x²)/(y² − 2·x)"],
        "ko": ["y는 방정식 x³ + y³ = 6·x·y로 정해지는 x의 함수 y = y(x)입니다. 음함수의 미분법에 따라 양변을 x에 대하여 "
               "항별로 미분하고, y가 들어 있는 항에는 합성함수의 미분법(연쇄 법칙)을 씁니다",
               "좌변 x³ + y³을 x에 대하여 미분합니다:", "우변 6·x·y를 x에 대하여 미분합니다:",
               "합성함수의 미분법(연쇄 법칙): 속함수 y = y(x)는 x의 함수이므로 d/dx y³ = 3·y²·dy/dx입니다",
               "y는 x의 함수 y(x)이므로 d/dx y = dy/dx입니다", "(음함수의 미분법)", "(곱의 미분법)",
               "dy/dx가 있는 항은 좌변으로, 나머지 항은 우변으로 모읍니다:", "dy/dx를 묶어 냅니다:",
               "양변을 dy/dx의 계수 3·y² − 6·x로 나눕니다:",
               "편미분으로 검산합니다. 좌변에서 우변을 뺀 F(x, y) = x³ + y³ − 6·x·y에 대해 공식 dy/dx = −F_x/F_y로 "
               "구해도 결과가 같습니다:", "위에서 음함수의 미분법으로 구한 dy/dx와 같습니다"],
    }[lang]
    for w in words:
        assert w in text, (w, text)


@pytest.mark.parametrize("fmt", ["markdown", "latex", "html"])
def test_documents_typeset_dy_dx_and_the_partials(fmt):
    doc = _run(fmt, "x^2 + y^2 = 25", "en")
    if fmt == "html":
        assert "<mfrac><mrow><mi>d</mi><mi>y</mi></mrow><mrow><mi>d</mi><mi>x</mi></mrow></mfrac>" in doc
        assert "<msub><mi>F</mi><mi>x</mi></msub>" in doc and "<mi>f</mi>" not in doc  # F(x, y), not f(x, y)
    else:
        assert r"2 y \frac{d y}{d x}" in doc and r"\frac{\partial F}{\partial x}" in doc and "F_{x}" in doc
        assert re.search(r"\\frac\{d y\}\{d x\} &?= - \\frac\{x\}\{y\}", doc)


def test_json_keeps_its_fields_and_adds_the_textbook_steps():
    record = json.loads(_run("json", "x^3 + y^3 = 6*x*y", "en", "--at", "x=3,y=3"))
    for key in ("command", "equation", "dx", "dy", "result", "latex", "F_x", "F_y", "steps", "value", "at",
                "on_curve"):
        assert key in record
    assert record["F"] == "x**3 - 6*x*y + y**3"
    steps = record["steps"]
    assert [s["step"] for s in steps] == ["differentiate", "differentiate", "collect", "solve"]
    left = steps[0]
    assert [p["var"] for p in left["partials"]] == ["x", "y"]  # as before: ∂/∂x and ∂/∂y of the side
    assert left["result"] == "3*x**2 + 3*y**2*dy/dx"
    tree = left["steps"][0]
    assert tree["rule"] == "sum" and tree["substeps"][1]["rule"] == "chain"
    # d/dx y³ in one chain step, y = y(x) its inner function
    assert tree["substeps"][1] == {**tree["substeps"][1], "expr": "y**3", "result": "3*y**2*dy/dx", "substeps": []}
    assert steps[2]["equation"] == "3*y**2*dy/dx - 6*x*dy/dx = 6*y - 3*x**2"
    assert steps[2]["factored"] == "(3*y**2 - 6*x)*dy/dx = 6*y - 3*x**2"
    assert steps[3]["quotient"] == "(6*y - 3*x**2)/(3*y**2 - 6*x)"
    assert record["value"] == -1 and record["on_curve"] is True


def test_without_steps_only_the_result():
    text = _run("text", "x^2 + y^2 = 25", "en", "--no-steps", "--at", "x=3,y=4")
    assert text.strip().splitlines() == ["dy/dx = −x/y (where y ≠ 0)",
                                         "The point (3, 4) is on the curve (3² + 4² = 25), and there dy/dx = −3/4."]
    assert outline(implicit("x^2 + y^2 = 25"), steps=False).steps == []


def test_the_outline_is_sentences_trees_and_equations():
    items = outline(implicit("x^2 + y^2 = 25")).steps
    assert {type(i) for i in items} == {Say, Tree, Chain}
    assert [i.key for i in items if isinstance(i, Say)] == [
        "implicit.function", "implicit.side", "implicit.side", "implicit.equal", "implicit.collect",
        "implicit.solve", "implicit.check", "implicit.agree"]
    # one dy/dx term: nothing to factor out; dy/dx = 2x alone: nothing to divide
    keys = [i.key for i in outline(implicit("y = x^2")).steps if isinstance(i, Say)]
    assert "implicit.factor" not in keys and "implicit.solve" not in keys


def test_the_dependent_variable_differs_from_the_independent_one(run):
    # --dy x with --dx x printed dx/dx = -1 (the attacker's finding): a usage error now
    result = run("implicit", "x**2 + y**2 = 25", "--dy", "x")
    assert result.exit_code == 2 and "must differ from --dx" in result.stdout + result.stderr
    from symdiff.core.errors import UsageError

    with pytest.raises(UsageError):
        implicit("x**2 + y**2 = 25", "x", "x")


# --- an equation no real point satisfies defines no curve: refused, not answered with a formula

_POSITIVE_EVEN_TERMS = st.lists(st.tuples(st.integers(1, 9), st.integers(0, 3), st.integers(0, 3)),
                                min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(_POSITIVE_EVEN_TERMS, st.integers(1, 20), st.booleans())
def test_a_sum_of_even_powers_equal_to_a_number_of_the_other_sign_is_refused(terms, k, negated):
    assume(any(i or j for _, i, j in terms))
    left = " + ".join(f"{c}*x^{2 * i}*y^{2 * j}" for c, i, j in terms)
    equation = f"-({left}) = {k}" if negated else f"{left} = -{k}"
    if not any(j for _, _, j in terms):  # no y: refused earlier, as not defining y at all
        with pytest.raises(DomainError):
            implicit(equation)
        return
    with pytest.raises(DomainError, match="no real point"):
        implicit(equation)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.integers(0, 4), st.sampled_from(["x", "2*x + 1", "sin(x)"]))
def test_a_polynomial_in_y_alone_with_no_real_root_is_refused(a, b, shift, other):
    # (y - s)² + b = 0 has no real root; multiplied by a, with x only in a fraction whose numerator is
    # what matters: refused either way.
    with pytest.raises(DomainError, match="no real point"):
        implicit(f"{a}*(y - {shift})^2 + {b} = 0")
    with pytest.raises(DomainError, match="no real point"):
        implicit(f"1/({other} - y) = 0")


@pytest.mark.parametrize("equation", ["x^2 + y^2 = 25", "y^2 = x", "x^3 + y^3 = 6*x*y", "y^2 - 1 = x^2",
                                      "(y - 1)^2 = 0", "x^2 + y^2 = 0"])
def test_equations_with_real_points_are_still_answered(equation):
    assert implicit(equation).result is not None


def test_the_command_line_names_the_equation_and_exits_with_a_failure():
    result = invoke("implicit", "x^2 + y^2 = -1", "--format", "json")
    assert result.exit_code != 0
    record = json.loads(result.stdout.splitlines()[0] if result.stdout.strip() else result.stderr.splitlines()[0])
    assert record["error"]["type"] == "domain" and "no real point" in record["error"]["message"]


@pytest.mark.parametrize("power", [41, 200, 3000])
def test_a_high_power_is_not_expanded_to_look_for_real_points(monkeypatch, power):
    from symdiff.scalar import implicit as module

    def expanded(*args, **kwargs):
        raise AssertionError("expanded")

    monkeypatch.setattr(module.sympy, "Poly", expanded)
    assert module.no_real_point(parse(f"(x + y)^{power} + y"), symbol("x"), symbol("y")) is None


# Issue 16 (the teacher's list, 5): a solved dy/dx states its condition as a textbook does, its
# denominator not 0: dy/dx = −x/y (단, y ≠ 0), in every human format and both languages.

_IMPLICIT_FORMATS = ("text", "rich", "markdown", "latex", "html")
_WHERE = {"en": "(where ", "ko": "(단, "}


def test_the_teachers_circle_states_y_not_zero():
    from helpers import invoke

    out = invoke("implicit", "x^2 + y^2 = 25", "--lang", "ko", "--format", "markdown").output
    assert "(단, $y \\neq 0$)" in out
    assert "dy/dx = −x/y (where y ≠ 0)" in invoke("implicit", "x^2 + y^2 = 25", "--format", "text").output


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["x^2", "x*y", "y^3", "sin(y)", "exp(x*y)", "3*x", "y^2*x"]),
       st.sampled_from(["y^2", "x^3", "x + y", "y", "cos(x)", "2"]),
       st.sampled_from(_IMPLICIT_FORMATS), st.sampled_from(["en", "ko"]))
def test_a_solved_derivative_states_its_denominator_not_zero(left, right, fmt, lang):
    from helpers import invoke

    from symdiff.render.implicit import condition

    try:
        r = implicit(f"{left} = {right}")
    except SymdiffError:
        return
    said = condition(r.result)
    denominator = sympy.fraction(sympy.together(r.result))[1]
    assert (said is None) == denominator.is_number, (left, right, r.result)
    out = invoke("implicit", f"{left} = {right}", "--format", fmt, "--lang", lang).output
    assert (_WHERE[lang] in out) == (said is not None), (left, right, fmt, out)
    if said is not None:
        # the condition names every factor of the denominator: where it holds, dy/dx is defined
        stated = said.values["condition"].args[0]
        assert set(sympy.Mul.make_args(stated)) >= {f.as_base_exp()[0] for f in
                                                    sympy.Mul.make_args(denominator.as_coeff_Mul()[1])}


# --- a point with no slope (issue 16): off the curve, or on it where the tangent is vertical

NO_VALUE = {  # what each language says, and the value line it must not print
    "off": {"en": "is not on the curve", "ko": "곡선 위의 점이 아닙니다"},
    "vertical": {"en": "the tangent is vertical there", "ko": "접선은 수직이고"},
}
VALUE_LINE = re.compile(r"(=\S*|\))(에서)?:\s*dy/dx = ")  # At (x, y) = (1, 1): dy/dx = -1 ((x, y) = (1, 1)에서: …)


def _no_slope_everywhere(equation: str, point: str, kind: str, lang: str, fmt: str, shown: str) -> None:
    result = invoke("implicit", equation, "--at", point, "--format", fmt, "--lang", lang, width="100")
    # off the curve dy/dx has no value at the point asked for: the contract's domain failure (exit 1);
    # a vertical tangent is an answer (exit 0)
    assert result.exit_code == (1 if kind == "off" else 0), result.output
    doc = result.stdout
    assert NO_VALUE[kind][lang] in doc and shown in doc, doc[-600:]
    if fmt in ("text", "rich"):  # no "At (x, y) = (1, 1): dy/dx = …" before or after the sentence
        assert not VALUE_LINE.search(doc), doc[-600:]
    _assert_clean(fmt, doc)


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 6), st.integers(-6, 6), st.integers(-6, 6), st.sampled_from(LANGS), st.sampled_from(HUMAN))
def test_a_point_off_the_curve_gets_no_slope_only_F_there(r, a, b, lang, fmt):
    # implicit "x^2 + y^2 = 25" --at x=1,y=1 printed dy/dx = -1 and only then that (1, 1) is off the curve
    assume(a * a + b * b != r * r and b != 0)
    equation = f"x^2 + y^2 = {r * r}"
    residual = a * a + b * b - r * r
    res = implicit(equation, at=f"x={a},y={b}")
    assert res.value is None and not res.on_curve and res.residual == residual
    sa, sb, sr = (str(n).replace("-", "−") for n in (a, b, residual))  # as the view writes a number
    shown = {"text": f"F({sa}, {sb}) = {sr}", "rich": f"F({sa}, {sb}) = {sr}"}.get(fmt, "F")
    _no_slope_everywhere(equation, f"x={a},y={b}", "off", lang, fmt, shown)
    record = json.loads(invoke("implicit", equation, "--at", f"x={a},y={b}", "--format", "json").stdout)
    assert "value" not in record and record["on_curve"] is False and record["residual"] == residual
    assert record["at"] == {"x": str(a), "y": str(b)} and record["result"] == "-x/y"


@settings(max_examples=15, deadline=None)
@given(st.integers(-3, 3).filter(bool), st.integers(-3, 3), st.integers(-3, 3), st.sampled_from(LANGS),
       st.sampled_from(HUMAN))
def test_a_vertical_tangent_is_an_answer_not_an_error(k, m, x0, lang, fmt):
    # y² + k·x² + m·x = c through (x0, 0): F_y = 2y = 0 there; F_x = 2k·x0 + m ≠ 0, so the tangent is vertical
    assume(2 * k * x0 + m != 0)
    c = k * x0 * x0 + m * x0
    equation = f"y^2 + {k}*x^2 + {m}*x = {c}"
    res = implicit(equation, at=f"x={x0},y=0")
    assert res.on_curve and res.vertical and not res.singular and res.value is None
    sx = str(x0).replace("-", "−")  # as the view writes a number
    shown = {"text": f"At ({sx}, 0), F_y = 0", "rich": f"({sx}, 0)"}.get(fmt, "F") if lang == "en" else \
        {"text": f"({sx}, 0)에서 F_y = 0이므로", "rich": f"({sx}, 0)에서"}.get(fmt, "F")
    _no_slope_everywhere(equation, f"x={x0},y=0", "vertical", lang, fmt, shown)
    record = json.loads(invoke("implicit", equation, "--at", f"x={x0},y=0", "--format", "json").stdout)
    assert "value" not in record and record["on_curve"] is True and record["vertical"] is True
    assert sympy.simplify(parse(record["result"], ["x", "y"]) - _minus_fx_over_fy(equation)) == 0


def test_the_teachers_vertical_tangent_in_korean_markdown():
    result = invoke("implicit", "x**2 + y**2 = 25", "--at", "x=5,y=0", "--lang", "ko", "--format", "markdown")
    assert result.exit_code == 0 and not result.stderr.strip(), result.output
    assert "$(5, 0)$에서 $F_{y} = 0$이므로 접선은 수직이고" in result.stdout
    assert "dy/dx" not in result.stdout and "$$\\frac{d y}{d x} = - \\frac{x}{y}$$" in result.stdout


def test_a_singular_point_is_not_called_vertical():
    res = implicit("x^3 + y^3 = 6*x*y", at="x=0,y=0")  # the folium's node: F_x = F_y = 0
    assert res.singular and not res.vertical and res.value is None
    text = invoke("implicit", "x^3 + y^3 = 6*x*y", "--at", "x=0,y=0", "--format", "text").stdout
    assert "F_x = F_y = 0: a singular point" in text and "vertical" not in text


@pytest.mark.parametrize("fmt", ["text", "markdown", "rich", "latex", "html"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("equation", ["x^2 + y^2 = 25", "exp(y) + x*y = e", "sin(x*y) = x"])
def test_the_teachers_equations_name_y_of_x_as_the_inner_function(fmt, lang, equation):
    out = _plain_words(_run(fmt, equation, lang))
    assert not re.search(r"u\s*=\s*y(?![\w(])", out), out  # no "u = y" substitution
    if "sin" not in equation:  # y² and eʸ: their chain's inner function is y = y(x), as the opening says
        assert re.sub(r"\s|&#8289;|\\left|\\right", "", out).count("y=y(x)") >= 2, out


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["x**2 + y**2 = 25", "x*y = 1", "y**3 + x*y = 2", "exp(y) = x", "sin(x*y) = x"]),
       st.sampled_from(["en", "ko"]))
def test_the_latex_derivation_is_headed_as_the_markdown_is(equation, lang):
    md = invoke("implicit", equation, "--lang", lang, "--format", "markdown").stdout.splitlines()[0]
    tex = invoke("implicit", equation, "--lang", lang, "--format", "latex").stdout.splitlines()[0]
    assert md.startswith("### ") and tex == rf"\noindent\textbf{{{md[4:]}}}", (md, tex)


# --- at a point: a sentence that says whether the point is on the curve, shown by putting it in

ON_CURVE = {
    ("en", "text"): "The point (3, 4) is on the curve (3² + 4² = 25), and there dy/dx = −3/4.",
    ("ko", "text"): "점 (3, 4)는 곡선 위의 점이고(3² + 4² = 25), 이 점에서 dy/dx = −3/4입니다.",
    ("en", "markdown"): r"The point $(3, 4)$ is on the curve ($3^{2} + 4^{2} = 25$), and there "
                        r"$\frac{d y}{d x} = - \frac{3}{4}$.",
    ("ko", "markdown"): r"점 $(3, 4)$는 곡선 위의 점이고($3^{2} + 4^{2} = 25$), 이 점에서 "
                        r"$\frac{d y}{d x} = - \frac{3}{4}$입니다.",
    ("en", "latex"): r"\noindent The point $(3, 4)$ is on the curve ($3^{2} + 4^{2} = 25$), and there "
                     r"$\frac{d y}{d x} = - \frac{3}{4}$.",
    ("ko", "latex"): r"\noindent 점 $(3, 4)$는 곡선 위의 점이고($3^{2} + 4^{2} = 25$), 이 점에서 "
                     r"$\frac{d y}{d x} = - \frac{3}{4}$입니다.",
}


@pytest.mark.parametrize("lang, fmt", sorted(ON_CURVE))
def test_a_point_on_the_curve_is_said_to_be_on_it_in_a_sentence(lang, fmt):
    # "(x, y) = (3, 4)에서: dy/dx = -3/4." was a fragment that never said the point is on the curve
    out = invoke("implicit", "x^2 + y^2 = 25", "--at", "x=3,y=4", "--lang", lang, "--format", fmt).stdout
    assert ON_CURVE[lang, fmt] in out, out[-500:]
    assert not VALUE_LINE.search(out) and "에서: " not in out


@pytest.mark.parametrize("lang", LANGS)
def test_a_point_on_the_curve_in_html_and_rich(lang):
    html = invoke("implicit", "x*y = 6", "--at", "x=2,y=3", "--lang", lang, "--format", "html").stdout
    said = {"en": ("The point", "is on the curve", "and there"), "ko": ("점", "곡선 위의 점이고", "이 점에서")}[lang]
    assert all(w in html for w in said), html[-800:]
    rich = invoke("implicit", "x*y = 6", "--at", "x=2,y=3", "--lang", lang, "--format", "rich", width="200").stdout
    assert {"en": "The point (2, 3) is on the curve (2·3 = 6), and there dy/dx = −3/2.",
            "ko": "점 (2, 3)은 곡선 위의 점이고(2·3 = 6), 이 점에서 dy/dx = −3/2입니다."}[lang] in rich, rich


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([(3, 4), (-3, 4), (5, 0), (0, -5), (4, -3)]), st.sampled_from(LANGS))
def test_the_check_puts_the_point_into_the_equation_as_typed(point, lang):
    a, b = point
    assume(b != 0)  # y = 0: a vertical tangent, said otherwise
    out = invoke("implicit", "x^2 + y^2 = 25", "--at", f"x={a},y={b}", "--lang", lang).stdout
    square = lambda n: f"{n}²" if n >= 0 else f"(−{-n})²"  # noqa: E731
    assert f"({square(a)} + {square(b)} = 25)" in out, out[-300:]


@pytest.mark.parametrize("lang, said", [
    ("en", "so the curve has no tangent line there, and the formula for dy/dx evaluated there is not a slope of "
           "the curve."),
    ("ko", "따라서 이 점에서 곡선의 접선은 없고, dy/dx의 식에 이 점을 대입한 값은 곡선의 기울기가 아닙니다."),
])
def test_off_the_curve_the_formula_gives_no_tangent_slope(lang, said):
    result = invoke("implicit", "x^2 + y^2 = 25", "--at", "x=1,y=1", "--lang", lang)
    assert result.exit_code == 1 and said in result.stdout, result.stdout[-400:]
    assert "곡선 위의 점이고" not in result.stdout and "is on the curve" not in result.stdout


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 6), st.integers(-6, 6), st.integers(1, 6), st.sampled_from(LANGS), st.sampled_from(["r", "a", "k"]))
def test_the_point_is_x_and_y_and_the_constants_are_said_apart(x0, y0, c, lang, name):
    # --at x=1,y=1,r=3 printed the point (1, 1, 3): a constant's value is no coordinate
    equation = f"x^2 + y^2 = {name}^2"
    text = invoke("implicit", equation, "--at", f"x={x0},y={y0},{name}={c}", "--lang", lang).stdout
    last = text.rstrip().splitlines()[-1]
    said = {"en": f"ith {name} = {c}, ", "ko": f"{name} = {c}일 때 "}[lang]
    point = f"({x0}, {y0})".replace("-", "−")  # the text view's minus sign
    assert said in last and point in last, last
    assert not re.search(rf"\({x0}, {y0}, ".replace("-", "−"), text), last


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(equations, st.sampled_from(["text", "markdown"]))
def test_no_line_states_a_thing_equal_to_itself(sides, fmt):
    # sin(x·y) = x + k printed dy/dx = A = A when solving gave the quotient the tidied result prints as
    lhs, rhs = sides
    assume("y" in lhs + rhs)
    result = invoke("implicit", f"{lhs} = {rhs}", "--format", fmt)
    assume(result.exit_code == 0)
    for line in result.stdout.splitlines():
        sides_ = [side.strip(" $") for side in line.split(" = ")]
        assert all(a != b for a, b in zip(sides_, sides_[1:])), line


def test_the_teachers_equation_solves_without_repeating_itself():
    text = invoke("implicit", "sin(x*y) = x + k").stdout
    assert "  dy/dx = (1 − y·cos(x·y))/(x·cos(x·y))\n" in text


# --- x and y are the coordinates, every other letter a constant, and the output says so

@given(constants=st.lists(st.sampled_from(["λ", "a", "b", "k", "r", "theta"]), min_size=0, max_size=3, unique=True),
       shape=st.sampled_from(["x^2 + {c}*y^2 = 1", "{c}*x*y = y^3 + 1", "sin({c}*x) + y^2 = 2"]),
       lang=st.sampled_from(["en", "ko"]))
@settings(max_examples=25, deadline=None)
def test_the_other_letters_are_constants_and_a_note_says_so(constants, shape, lang):
    from symdiff.core.messages import language
    from symdiff.scalar.parsing import parse, symbol

    c = "*".join(constants) or "1"
    equation = shape.format(c=c)
    r = implicit(equation)
    left, right = (parse(side) for side in equation.split("="))
    x, y = symbol("x"), symbol("y")
    others = (left - right).free_symbols - {x, y}
    # each other letter held constant: dy/dx is -F_x/F_y with them fixed
    assert sympy.simplify(r.result + sympy.diff(left - right, x) / sympy.diff(left - right, y)) == 0
    notes = [w for w in r.warnings if w.kind == "implicit_constants"]
    if not others:
        assert not notes
        return
    (note,) = notes
    assert set(note.values["names"]) == others
    with language(lang):
        said = note.words(str)
    assert all(s.name in said for s in others) and "x" in said and "y" in said


def test_the_constants_note_is_in_the_no_steps_output(run):
    result = run("implicit", "x^2 + λ*y^2 = 1", "--no-steps")
    assert result.exit_code == 0
    assert "λ, is a constant" in result.output and "coordinates" in result.output


# --- equations that are no polynomial and have no real point (try-48: sin(y) = 2 answered dy/dx = 0)

_BOUNDED = {"sin": 1, "cos": 1, "tanh": 1}
_INNER = st.sampled_from(["y", "x + y", "x*y", "2*y - x", "y^3"])


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(_BOUNDED)), _INNER, st.integers(1, 5), st.integers(2, 9), st.booleans())
def test_a_bounded_function_equal_to_a_number_out_of_its_range_is_refused(name, inner, a, k, below):
    # a·sin(u) lies in [−a, a]: a·sin(u) = ±(a + k) has no real point, and a·sin(u) = a − 1 has many
    c = -(a + k) if below else a + k
    with pytest.raises(DomainError, match="no real point"):
        implicit(f"{a}*{name}({inner}) = {c}")
    assert implicit(f"{a}*{name}({inner}) = {a - 1}").result is not None


@settings(max_examples=30, deadline=None)
@given(_INNER, st.integers(0, 5), st.sampled_from(["exp({u})", "cosh({u})", "({u})^2 + exp(x)"]))
def test_a_positive_function_equal_to_a_negative_number_is_refused(inner, k, form):
    with pytest.raises(DomainError, match="no real point"):
        implicit(f"{form.format(u=inner)} = {-k - 1}" if "cosh" not in form else f"{form.format(u=inner)} = {-k}")


@pytest.mark.parametrize("equation", ["y = sqrt(-1 - x^2)", "sqrt(-1 - y^2) = x", "exp(x*y) = 0", "cosh(y) = 1/2",
                                      "sech(x*y) = 2"])
def test_an_equation_real_nowhere_or_of_a_positive_function_and_0_is_refused(equation):
    with pytest.raises(DomainError, match="no real point"):
        implicit(equation)


@pytest.mark.parametrize("equation", ["sin(y) = 1", "exp(y) = x", "sin(x*y) = x", "tanh(y) = x", "cos(x + y) = y"])
def test_equations_of_functions_with_real_points_are_still_answered(equation):
    assert implicit(equation).result is not None


def test_a_denominator_that_is_a_fraction_is_bracketed_in_text():
    # F_y = 1/(y² + 1) for arctan y: −F_x/F_y is −(−1)/(1/(y² + 1)), never 1/1/(y² + 1)
    out = invoke("implicit", "atan(y) = x").stdout
    assert "/(1/(y² + 1))" in out and not re.search(r"\d/1/\(", out), out
