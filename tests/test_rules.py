"""Each rule on its own: which rule the dispatcher picks, what it computes, what it says."""

from __future__ import annotations

import pytest
import sympy
from helpers import agree, check_tree

from symdiff.core.messages import explain
from symdiff.scalar.parsing import parse, symbol
from symdiff.scalar.rules import ChainRule, ConstantRule, PowerRule, UnknownRule, derive
from symdiff.scalar.steps import RULE_NAMES

x, y = symbol("x"), symbol("y")


def rules_in(step):
    return [s.rule for s in step.walk()]


# (input, root rule, words the root's explanation must contain)
CASES = [
    ("7", "constant", ["constant rule", "d/dx c = 0", "c = 7"]),
    ("y**4", "constant", ["y held constant"]),
    ("x", "identity", ["d/dx x = 1"]),
    ("x + x**2", "sum", ["sum rule: the derivative of a sum is the sum of the derivatives", "two terms"]),
    ("x - x**2", "sum", ["difference rule: the derivative of a difference is the difference of the derivatives"]),
    ("x - x**2 + sin(x)", "sum", ["sum and difference rule", "three terms", "with its sign"]),
    ("3*x**2", "constant_multiple", ["constant multiple rule", "3 is a constant factor"]),
    ("3*x**2*y**4", "constant_multiple", ["y held constant", "3*y**4"]),
    ("x**5", "power", ["power rule", "n = 5"]),
    ("x**y", "power", ["n = y"]),
    ("x*sin(x)", "product", ["product rule", "g = x", "h = sin(x)", "x*cos(x)"]),
    ("x*sin(x)*exp(x)", "product", ["three factors"]),
    ("sin(x)/x", "quotient", ["quotient rule", "g = sin(x)", "h = x", "(cos(x)*x - sin(x)*1)/x**2"]),
    ("sin(x**2)", "chain", ["chain rule", "u = x²", "d/dx sin(u) = cos(u)·du/dx", "cos(x**2)*2*x"]),
    ("exp(x)", "exp", ["d/dx eˣ = eˣ"]),
    ("2**x", "exp", ["a = 2", "ln(a)"]),
    ("log(x)", "log", ["log rule", "1/x"]),
    ("log(x, 2)", "log", ["log_b", "b = 2"]),
    ("log2(x)", "log", ["b = 2"]),
    ("log10(x)", "log", ["b = 10"]),
    ("sin(x)", "trig", ["trigonometric rule", "cos(x)"]),
    ("cos(x)", "trig", ["−sin(x)"]),
    ("tan(x)", "trig", ["sec²(x)"]),
    ("cot(x)", "trig", ["−csc²(x)"]),
    ("sec(x)", "trig", ["sec(x)·tan(x)"]),
    ("csc(x)", "trig", ["−csc(x)·cot(x)"]),
    ("asin(x)", "inverse_trig", ["inverse trigonometric rule", "1/√(1 − x²)"]),
    ("acos(x)", "inverse_trig", ["−1/√(1 − x²)"]),
    ("atan(x)", "inverse_trig", ["1/(x² + 1)"]),
    ("acot(x)", "inverse_trig", ["−1/(x² + 1)"]),
    ("asec(x)", "inverse_trig", ["|x|"]),
    ("acsc(x)", "inverse_trig", ["|x|"]),
    ("atan2(y, x)", "inverse_trig", ["atan2 rule", "(h·g′ − g·h′)/(g² + h²)", "g = y, h = x"]),
    ("atan2(x**2, x + 1)", "inverse_trig", ["g = x², h = x + 1"]),
    ("sinh(x)", "hyperbolic", ["hyperbolic rule", "cosh(x)"]),
    ("cosh(x)", "hyperbolic", ["sinh(x)"]),
    ("tanh(x)", "hyperbolic", ["sech²(x)"]),
    ("coth(x)", "hyperbolic", ["−csch²(x)"]),
    ("sech(x)", "hyperbolic", ["−sech(x)·tanh(x)"]),
    ("csch(x)", "hyperbolic", ["−csch(x)·coth(x)"]),
    ("asinh(x)", "inverse_hyperbolic", ["inverse hyperbolic rule", "1/√(x² + 1)"]),
    ("acosh(x)", "inverse_hyperbolic", ["for x > 1"]),
    ("atanh(x)", "inverse_hyperbolic", ["1/(1 − x²)"]),
    ("acoth(x)", "inverse_hyperbolic", ["1/(1 − x²)"]),
    ("asech(x)", "inverse_hyperbolic", ["√(1 − x²)"]),
    ("acsch(x)", "inverse_hyperbolic", ["√(x² + 1)"]),
    # logarithmic differentiation as OpenStax §3.9 does xˣ: ln of both sides, then solved for the derivative
    ("x**x", "general_power", ["logarithmic differentiation", "let y = xˣ", "for x > 0", "ln(y) = x·ln(x)",
                               "(1/y)·dy/dx = d/dx [x·ln(x)]", "dy/dx = y·(ln(x) + 1) = xˣ·(ln(x) + 1)"]),
    ("Abs(x)", "abs", ["d/dx |x| = x/|x|", "|x| = x for x > 0 (derivative 1)", "|x| = −x for x < 0 (derivative −1)",
                      "at x = 0 there is no derivative"]),
    ("relu(x)", "piecewise", ["relu′(0) = H(0) = 0", "kink"]),
    ("sign(x)", "piecewise", ["jumps from −1 to 1", "2·δ(x)", "Dirac delta"]),
    ("Heaviside(x, 0)", "piecewise", ["jumps by 1", "δ(x)", "Dirac delta"]),
    ("sigmoid(x)", "special", ["σ(x)·(1 − σ(x))"]),
    ("softplus(x)", "special", ["sigmoid"]),
    ("sqrt(x)", "rewrite", ["root as a power", "√x = x¹⁄²"]),
    ("cbrt(x)", "rewrite", ["∛x = x¹⁄³"]),
    ("root(x, 5)", "rewrite", ["⁵√x = x¹⁄⁵"]),
    ("1/x**2", "rewrite", ["reciprocal", "1/x² = x⁻²"]),
    ("sinc(x)", "rewrite", ["sinc(x) = sin(x)/x for x ≠ 0", "its derivative is 0"]),
]


@pytest.mark.parametrize("text, rule, words", CASES, ids=[c[0] for c in CASES])
def test_rule(text, rule, words):
    expr = parse(text)
    step = derive(expr, x)
    assert step.rule == rule
    text_explained = explain(step)
    for w in words:
        assert w in text_explained, f"{w!r} not in {text_explained!r}"
    check_tree(step)
    ok, reason = agree(step.result, sympy.diff(expr, x), domain=expr)
    assert ok, reason


def test_every_contract_rule_is_exercised():
    used = {r for text, _, _ in CASES for r in rules_in(derive(parse(text), x))}
    used |= {"unknown"} if derive(sympy.besselj(0, x), x).rule == "unknown" else set()
    assert used == set(RULE_NAMES)


def test_unknown_falls_back_to_sympy_and_says_so():
    expr = sympy.besselj(0, x)
    step = derive(expr, x)
    assert isinstance(step, UnknownRule)
    assert step.result == sympy.diff(expr, x)
    assert "SymPy's own" in explain(step)


def test_chain_layers_each_get_a_fresh_variable():
    step = derive(parse("exp(sin(cos(x**2)))"), x)
    chains = [s for s in step.walk() if isinstance(s, ChainRule)]
    assert len(chains) == 3
    assert len({c.u for c in chains}) == 3
    assert [c.u.name for c in chains] == ["u", "v", "w"]
    check_tree(step)


def test_fresh_variable_avoids_the_expression_names():
    step = derive(parse("sin(u + v*x)"), x)
    assert isinstance(step, ChainRule)
    assert step.u.name not in ("u", "v", "x")
    check_tree(step)


def test_partial_holds_the_other_variable_constant():
    step = derive(parse("3*x**2*y**4"), x)
    assert step.rule == "constant_multiple"
    assert step.constant == 3 * y**4
    assert step.substeps[0].rule == "power"
    assert step.result == 6 * x * y**4


def test_constant_term_in_a_sum_names_the_held_variable():
    step = derive(parse("x**2 + y**3"), x)
    constant = [s for s in step.substeps if isinstance(s, ConstantRule)]
    assert len(constant) == 1
    assert constant[0].params()["held"] == [y]
    assert "y held constant" in explain(constant[0])


def test_power_rule_result_is_built_by_the_rule_not_by_sympy():
    step = PowerRule(x**7, x, exponent=sympy.Integer(7))
    assert step.result == 7 * x**6


def test_explanations_use_the_printer_given():
    step = derive(parse("3*x**2"), x)
    assert "x²" in explain(step, lambda e: sympy.sstr(e).replace("**2", "²"))


# --- the checker itself must be able to fail (otherwise every invariant test passes vacuously)

def test_checker_rejects_a_wrong_step():
    step = derive(parse("sin(x**2)"), x)
    assert step.result == 2 * x * sympy.cos(x**2)  # cached before the injection: only the inner node is wrong
    step.inner.__dict__["result"] = 3 * x  # inject a wrong inner derivative
    with pytest.raises(AssertionError, match="rule power"):
        check_tree(step)


def test_agree_detects_a_difference():
    ok, _ = agree(sympy.sin(x), sympy.cos(x))
    assert not ok
    ok, _ = agree(x**2, x**2 + 1e-3)
    assert not ok


def test_finite_difference_oracle_catches_a_wrong_step():
    from helpers import agree_with_finite_differences

    expr = sympy.sin(x) * y
    assert agree_with_finite_differences(expr, x, y * sympy.cos(x))[0]
    assert not agree_with_finite_differences(expr, x, y * sympy.sin(x))[0]


def test_where_sympy_leaves_a_derivative_the_tree_is_checked_numerically():
    # SymPy cannot differentiate sign(x**(x*y)) by y (it does not know x**(x*y) is real).
    expr = parse("x**(x*y)*y*sign(x**(x*y))")
    assert sympy.diff(expr, y).has(sympy.Derivative)
    check_tree(derive(expr, y))


def test_several_held_variables_are_named_in_order():
    # Symbols do not sort by themselves (x < y is a relation): this once crashed.
    step = derive(parse("x*y*z*w"), x)
    assert "w, y, z held constant" in explain(step)
    step = derive(parse("y*z + 1"), x)
    assert "y, z held constant" in explain(step)


def test_a_long_list_of_held_variables_is_cut_short():
    step = derive(parse(" + ".join(f"w{i}" for i in range(30))), x)
    text = explain(step)
    assert "(30 in all) held constant" in text
    assert len(text) < 300


def test_atan2_rule_differentiates_both_arguments():
    # Polar coordinates: θ = atan2(y, x) has ∂θ/∂x = -y/(x² + y²) and ∂θ/∂y = x/(x² + y²).
    theta = parse("atan2(y, x)")
    assert sympy.simplify(derive(theta, x).result + y / (x**2 + y**2)) == 0
    assert sympy.simplify(derive(theta, y).result - x / (x**2 + y**2)) == 0
    step = derive(parse("atan2(sin(x), x**2)"), x)
    assert [s.rule for s in step.substeps] == ["trig", "power"]
    check_tree(step)


def test_sinc_is_the_quotient_sin_x_over_x_with_its_value_at_zero_explained():
    step = derive(parse("sinc(x)"), x)
    assert step.rule == "rewrite" and step.substeps[0].rule == "quotient"
    # sinc'(x) → 0 as x → 0, where sinc is smooth: the formula's limit is the derivative there.
    assert sympy.limit(step.result, x, 0) == 0
    chained = derive(parse("sinc(x**2)"), x)
    assert chained.rule == "chain"
    check_tree(chained)


# ---------------------------------------------------------------------------------------------
# results_only (a partial whose steps are not shown): a big sum's step lists only the terms that
# contain the variable, and the result is the full tree's, to the last node.

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_invariant import expressions  # noqa: E402
from test_invariant import parse as parse_or_reject  # noqa: E402

from symdiff.scalar.rules import INDEX_TERMS_MIN, SumRule, derive_ours  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.lists(expressions, min_size=1, max_size=4), st.integers(min_value=0, max_value=3))
def test_results_only_gives_the_full_trees_result(parts, wrap):
    # A sum of at least INDEX_TERMS_MIN terms (the generated ones among terms in other variables),
    # inside a chain as in a softmax or a dense loss.
    terms = [parse_or_reject(p) for p in parts] + [symbol(f"w{i}") * (i + 2) for i in range(INDEX_TERMS_MIN)]
    inner = sympy.Add(*terms)
    expr = [inner, inner**2, sympy.log(inner), sympy.exp(symbol("x")) / inner][wrap]
    for var in (symbol("x"), symbol("w3"), symbol("y")):
        try:
            full = derive(expr, var)
        except Exception as exc:  # a refusal must be the same refusal
            with pytest.raises(type(exc)):
                derive_ours(expr, var, results_only=True)
            continue
        short = derive_ours(expr, var, results_only=True)
        assert sympy.srepr(short.result) == sympy.srepr(full.result)


def test_results_only_skips_the_terms_free_of_the_variable():
    expr = sympy.Add(*(symbol(f"w{i}") * (i % 7 + 1) for i in range(1, 101))) - 3
    step = derive_ours(expr ** 2, symbol("w5"), results_only=True)
    sums = [s for s in step.walk() if isinstance(s, SumRule)]
    assert len(sums) == 1 and [t.expr for t in sums[0].terms] == [6 * symbol("w5")]
    assert step.result == derive(expr ** 2, "w5").result
    # With every step shown, every term has its step.
    full = [s for s in derive(expr ** 2, "w5").walk() if isinstance(s, SumRule)]
    assert len(full[0].terms) == 101


# ---------------------------------------------------------------------------------------------
# The chain rule remembers f′(u) at u = inner (every partial of g(s) asks for the same one): the
# memo must answer only for the same outer derivative, the same u and the same inner expression.

from symdiff.scalar import rules as rules_module  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(st.lists(expressions, min_size=2, max_size=4), st.sampled_from([2, 3, 2.0, sympy.Rational(1, 2)]))
def test_remembered_outer_derivative_is_the_substitution_itself(parts, n):
    inners = [parse_or_reject(p) for p in parts]
    u, v = symbol("u"), symbol("v")
    # Asked in turn, as a gradient's partials ask, and again after the others have been remembered.
    for _ in range(2):
        for inner in inners:
            for outer in (n * u ** (n - 1), sympy.cos(u), n * v):
                for name in (u, v):
                    got = rules_module._substituted(sympy.Tuple(outer, name, inner))
                    assert sympy.srepr(got) == sympy.srepr(outer.xreplace({name: inner}))


def test_chain_rule_with_a_float_exponent_is_not_answered_from_the_integer_one():
    s = symbol("w1") + 2 * symbol("w2")
    exact = derive(s ** 2, "w1").result
    floating = derive(s ** 2.0, "w1").result
    assert exact == 2 * symbol("w1") + 4 * symbol("w2")
    assert floating.has(sympy.Float) and not exact.has(sympy.Float)
    assert derive(s ** 2, "w1").result == exact  # and the integer one again after the float one
    check_tree(derive(s ** 2.0, "w2"))


# --- `has` in linear time (issue 18: each partial of −log(exp(z₁)/Σ exp(z_j)) walked the whole sum)

def _softmax(n):
    return parse("-log(exp(z1)/(" + "+".join(f"exp(z{j})" for j in range(1, n + 1)) + "))")


@settings(max_examples=100, deadline=None)
@given(expressions, st.integers(min_value=1, max_value=3 * INDEX_TERMS_MIN), st.sampled_from(["x", "y", "z5", "w"]))
def test_has_is_sympys(text, n, name):
    f = parse_or_reject(text)
    var = symbol(name)
    big = sympy.Add(*(sympy.exp(symbol(f"z{j}")) for j in range(1, n + 1)))
    for expr in (f, f * big, sympy.log(f / big), derive(f, sympy.Symbol("x", real=True)).result,
                 sympy.Integral(f, (var, 0, 1)), _softmax(n)):
        assert rules_module._has(expr, var) == expr.has(var)


def test_a_softmax_partial_walks_its_sum_once(monkeypatch):
    # The example: 1000 partials of the same 1000-term sum. The sum's symbols are gathered
    # once; SymPy's has() is not asked again for any part that holds the sum.
    f = _softmax(1000)
    calls = []
    real_has = sympy.Basic.has

    def has(self, *patterns):
        if any(rules_module._is_big_sum(node) for node in sympy.preorder_traversal(self)):
            calls.append(self)
        return real_has(self, *patterns)

    derive_ours(f, symbol("z2"), results_only=True)
    monkeypatch.setattr(sympy.Basic, "has", has)
    results = {j: derive_ours(f, symbol(f"z{j}"), results_only=True).result for j in (3, 500, 1000)}
    monkeypatch.undo()
    assert calls == []
    point = {symbol(f"z{j}"): sympy.Rational(j, 1000) for j in range(1, 1001)}
    for j, result in results.items():
        expected = sympy.diff(f, symbol(f"z{j}")).xreplace(point)
        assert abs(sympy.N(result.xreplace(point) - expected, 30)) < 1e-25


# --- ∂ for the variable of a partial derivative, d for a function of one variable

from test_invariant import expressions as _generated_expressions  # noqa: E402
from symdiff.core.errors import SymdiffError  # noqa: E402

@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_generated_expressions)
def test_in_a_partial_derivative_only_steps_by_the_variable_or_with_held_names_write_the_partial(text):
    # The chain rule's outer function f(u) is a function of u alone: a teacher writes d/du sin(u),
    # and ∂/∂x for every step by x (a teacher's finding: ∂/∂u [sin(u)] under ∂f/∂x).
    x, y = symbol("x"), symbol("y")
    try:
        expr = parse(text) * (y + 1)  # a held variable: this is a partial derivative
    except SymdiffError:
        return
    if not {x, y} <= expr.free_symbols:  # (log(1, 3)·(y + 1) is 0)
        return
    step = derive(expr, x)
    for node in step.walk():
        others = node.expr.free_symbols - {node.var}
        assert node.operator.partial == (node.var == x or bool(others)), (node.var, node.expr)


# f^g by logarithmic differentiation, in every view: tests/test_logarithmic_differentiation.py
