"""The invariant, mechanically, over generated expressions: for every node of every step tree,
d(expr)/d(var) == result; and the final (tidied) answer equals `sympy.diff` of the parsed input."""

from __future__ import annotations

import pytest
import sympy
from helpers import agree, agree_with_finite_differences, check_tree, real_diff, realness_probe
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from symdiff.api import partial
from symdiff.core.errors import DomainError, ParseError
from symdiff.scalar.parsing import parse as _parse
from symdiff.scalar.parsing import symbol
from symdiff.scalar.rules import derive

FUNCTIONS = [
    "sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "acot", "asec", "acsc",
    "sinh", "cosh", "tanh", "coth", "sech", "csch", "asinh", "acosh", "atanh", "acoth", "asech",
    "acsch", "exp", "log", "ln", "log2", "log10", "sqrt", "cbrt", "abs", "sigmoid", "softplus", "relu",
    "sinc",
]

leaves = st.sampled_from(["x", "x", "x", "y", "2", "3", "1/2", "pi", "e", "7"])


def _combine(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/"]), children).map(
        lambda t: f"({t[0]}) {t[1]} ({t[2]})")
    power = st.tuples(children, st.sampled_from(["2", "3", "-1", "-2", "1/2", "1/3", "y"])).map(
        lambda t: f"({t[0]})^({t[1]})")
    exponential = st.tuples(st.sampled_from(["2", "e", "y"]), children).map(lambda t: f"{t[0]}^({t[1]})")
    call = st.tuples(st.sampled_from(FUNCTIONS), children).map(lambda t: f"{t[0]}({t[1]})")
    log_base = children.map(lambda c: f"log({c}, 3)")
    # atan2(f, g): both arguments may depend on the variable (the rule carries its own chain rule).
    angle = st.tuples(children, children).map(lambda t: f"atan2({t[0]}, {t[1]})")
    root = children.map(lambda c: f"root({c}, 4)")
    general = st.sampled_from([f"({b})^({e})" for b in ("x", "sin(x)", "x + 2") for e in ("x", "cos(x)", "x*y")])
    return st.one_of(binary, binary, power, exponential, call, call, log_base, root, general, angle)


expressions = st.recursive(leaves, _combine, max_leaves=7)

x, y = symbol("x"), symbol("y")


def parse(text):
    """Generated text can be legitimately refused (1/(x - x) divides by zero): skip those."""
    try:
        return _parse(text)
    except ParseError as exc:
        assert exc.type in ("domain", "limit"), exc
        reject()


def refused_rightly(derivatives, exc: DomainError):
    """derive refuses only a derivative that is not real (a negative base to a power with the
    variable in it, (-5)**y): SymPy's own derivative then holds the imaginary unit."""
    assert exc.type == "domain" and "not a real number" in exc.message, exc
    assert any(d.has(sympy.I) for d in derivatives), (derivatives, exc.message)
    reject()


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions, st.sampled_from([x, x, y]))
def test_every_step_is_honest(text, var):
    expr = parse(text)
    try:
        step = derive(expr, var)
    except DomainError as exc:
        refused_rightly([sympy.diff(expr, var)], exc)
    check_tree(step)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_final_result_equals_sympy_diff(text):
    expr = parse(text)
    try:
        result = partial(expr, x)
    except DomainError as exc:
        refused_rightly([sympy.diff(expr, x)], exc)
    ok, reason = agree(result.result, real_diff(expr, x), domain=realness_probe(expr))
    assert ok, f"{text}: symdiff {result.result} vs sympy {real_diff(expr, x)} ({reason})"
    # The tidied answer and the raw tree result are the same function.
    ok, reason = agree(result.result, result.derivations[0].step.result, domain=realness_probe(expr))
    assert ok, reason


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_second_partials_chain_through_the_tidied_result(text):
    expr = parse(text)
    try:
        result = partial(expr, x, y)
    except DomainError as exc:
        refused_rightly([sympy.diff(expr, x), sympy.diff(expr, x, y)], exc)
    for d in result.derivations:
        check_tree(d.step)
    assert_second_partial(text, expr, result.result)


def assert_second_partial(text, expr, result):
    expected = real_diff(expr, x, y)
    if expected.has(sympy.Derivative):
        # SymPy gave up on a part (d/dy sign(x**(x*y))): the mixed partial of f itself, taken by
        # finite differences where f is real, is the oracle.
        ok, reason = agree_with_finite_differences(expr, (x, y), result, domain=realness_probe(expr))
        assert ok, f"{text}: {result} ({reason})"
        return
    ok, reason = agree(result, expected, domain=realness_probe(expr))
    assert ok, f"{text}: {result} vs {expected} ({reason})"


# Generated expressions rarely reach SymPy's unevaluated Derivative (none in 400 examples): these do,
# through d/dy sign(u) or d/dy DiracDelta(u) for a u SymPy cannot tell is real.
@pytest.mark.parametrize("text", ["abs(x^(x*y))", "abs(x^y)", "abs(y^x)", "abs(sin(x)^(x*y))", "sign(x^(x*y))"])
def test_second_partials_where_sympy_leaves_a_derivative(text):
    expr = parse(text)
    assert sympy.diff(expr, x, y).has(sympy.Derivative)  # still the case this test is for
    result = partial(expr, x, y)
    for d in result.derivations:
        check_tree(d.step)
    assert_second_partial(text, expr, result.result)


@settings(max_examples=300, deadline=None)
@given(expressions)
def test_printed_results_read_back(text):
    # Every expression symdiff prints (str syntax) is one its parser reads, as the contract promises.
    expr = parse(text)
    try:
        step = derive(expr, x)
    except DomainError as exc:
        refused_rightly([sympy.diff(expr, x)], exc)
    seen = set()
    for node in step.walk():  # chain-rule subtrees too: their dummies (u, v, w, u_1) are names like any
        for e in (node.expr, node.result):
            if e in seen:  # a chain rule's result reappears in its parent: read each once
                continue
            seen.add(e)
            again = _parse(sympy.sstr(e))  # strict: a printed expression is never refused
            assert sympy.simplify(again - e) == 0 or agree(again, e)[0], (e, again)


# |u| at a u SymPy cannot tell is real (u = 2^(xˣ), e^(x sin(x)ʸ)) evaluates to 2^re(xˣ): the printed
# result then held re(…), which the parser refuses (found by the explore profile on asec(2^(x^x))).
_COMPLEX_LOOKING = st.sampled_from(["x^x", "x^y", "sin(x)^x", "(x+2)^(x*y)", "x^(1/3)^x"])
_MAGNITUDE_RULES = st.sampled_from(["asec", "acsc", "acsch"])
_POSITIVE = st.sampled_from(["2^({})", "exp({})", "3^(2*{})", "exp({})+1"])


@settings(max_examples=60, deadline=None)
@given(_MAGNITUDE_RULES, _POSITIVE, _COMPLEX_LOOKING)
def test_a_magnitude_of_a_complex_looking_piece_prints_without_re_or_im(outer, positive, piece):
    text = f"{outer}({positive.format(piece)})"
    expr = parse(text)
    step = derive(expr, x)
    for node in step.walk():
        for e in (node.expr, node.result):
            assert not e.has(sympy.re, sympy.im), (text, e)
            _parse(sympy.sstr(e))  # reads back
    check_tree(step)
