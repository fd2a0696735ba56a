"""Issue 16, "textbook form": a product's factors in the order a teacher writes them. A substitution whose
result only reorders its line still writes the result (cos(x²)·2·x, which gives 2·x·cos(x²)), and a
chain above it substitutes that result (3·sin²(x²)·2·x·cos(x²)); sec comes before tan and csc before cot
(sec x tan x, −csc x cot x), in every human view. The shown steps are the derived ones, rearranged."""

from __future__ import annotations

import re

import pytest
import sympy
from helpers import invoke
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symdiff.core.messages import _unmarked, closing
from symdiff.render.notation import latex, unicode
from symdiff.render.order import _evaluated, shown
from symdiff.scalar.parsing import as_typed, parse
from symdiff.scalar.rules import derive

x = sympy.Symbol("x", real=True)


def _shown(text: str):
    f = parse(text)
    step = derive(f, x)
    return step, shown(step, as_typed(text, ["x"]))


def _chains(step):
    out = [step] if step.rule == "chain" else []
    for sub in step.substeps:
        out.extend(_chains(sub))
    return out


# an outer function of a chain whose inner function is sin/exp of a polynomial: its inner derivative
# is a chain's cos(p)·p′ or exp(p)·p′, a product that SymPy's sort would reorder
OUTER = ["({})^3", "exp({})", "log({})", "sqrt({})", "atan({})", "sin({})"]
MIDDLE = ["sin({})", "exp({})", "sinh({})"]
INNER = ["x^2", "x^3 + 1", "2*x + 1", "x^2 + x"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(OUTER), st.sampled_from(MIDDLE), st.sampled_from(INNER))
@example("({})^3", "sin({})", "x^2")
def test_an_inner_chain_states_the_result_the_line_above_uses(outer, middle, inner):
    text = outer.format(middle.format(inner))
    step, twin = _shown(text)
    top = twin if twin.rule == "chain" else next(c for c in _chains(twin) if c.inner.rule == "chain")
    piece = top.inner
    assert _evaluated(piece.result) == piece.shown_of.result
    for printer in (unicode, latex):
        words = closing(piece, printer, "en")
        # the reader is told what the line is written as whenever it reads otherwise, not for a dot
        differs = _unmarked(printer(piece.assembled)) != _unmarked(printer(piece.result))
        assert ("which gives" in words) == differs, words
        assert not differs or words.endswith(printer(piece.result)), (words, printer(piece.result))
    assert unicode(piece.result) in unicode(top.assembled)  # the line above takes the stated form
    assert sympy.simplify(_evaluated(top.assembled.doit()) - step.result if top.shown_of is step
                          else _evaluated(top.assembled.doit()) - top.shown_of.result) == 0


def test_the_issues_example_in_the_text_view():
    out = invoke("partial", "sin(x^2)^3", "x", "--format", "text").output
    assert "Substituting the pieces: cos(x²)·2·x, which gives 2·x·cos(x²)\n" in out
    assert "Substituting the pieces: 3·sin²(x²)·2·x·cos(x²), which gives 6·x·sin²(x²)·cos(x²)" in out


def test_a_chain_elsewhere_keeps_the_printers_factors():
    """Only a chain's inner derivative is the line's piece: a product rule's term is written as a
    result is (x·2·x·cos(x²), not x·cos(x²)·2·x), and so is the final answer."""
    out = invoke("partial", "x*sin(x^2)", "x", "--format", "text").output
    assert "x·2·x·cos(x²)" in out
    assert "df/dx = 2·x²·cos(x²) + sin(x²)" in out or "df/dx = sin(x²) + 2·x²·cos(x²)" in out


LEADS = {"sec": "tan", "csc": "cot", "sech": "tanh", "csch": "coth"}
ARGS = ["x", "2*x", "x^2", "x + 1"]
SHAPES = ["{f}({a})", "3*{f}({a})", "{f}({a})^2", "x*{f}({a})"]
FORMATS = ["text", "markdown", "latex"]


_NAME = re.compile(r"(?<![a-z])(sech|csch|tanh|coth|sec|csc|tan|cot)(?![a-z])")
# where one product ends: a sum's sign, an equals sign, a list's comma, a sentence's words
_APART = re.compile(r"[+=,:;]|\s[-−]\s|which gives|[가-힣]+")


def _lead_then_partner(out: str, lead: str, partner: str) -> tuple[bool, bool]:
    """(whether some product writes lead then partner next to each other, whether some writes partner
    then lead) in `out`, read as the functions' names in each product in turn (every function in these
    inputs is of one argument)."""
    pairs = set()
    for line in out.replace(r"\left", "").replace(r"\right", "").splitlines():
        # a bracketed sum is a factor of its own: (1 − 2x·cot 2x)·csc 2x sets no cot before csc
        while True:
            bare = re.sub(r"\(([^()]*)\)", lambda m: ";" if re.search(r"[+−]|\s-\s", m[1]) else f"[{m[1]}]", line)
            if bare == line:
                break
            line = bare
        for piece in _APART.split(line):
            names = _NAME.findall(piece)
            pairs.update(zip(names, names[1:]))
    return (lead, partner) in pairs, (partner, lead) in pairs


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(LEADS)), st.sampled_from(ARGS), st.sampled_from(SHAPES), st.sampled_from(FORMATS),
       st.sampled_from(["en", "ko"]))
@example("sec", "x", "{f}({a})", "text", "en")
@example("csc", "x", "{f}({a})", "markdown", "ko")
def test_sec_before_tan_and_csc_before_cot(lead, arg, shape, fmt, lang):
    text = shape.format(f=lead, a=arg)
    out = invoke("partial", text, "x", "--format", fmt, "--lang", lang).output
    partner = LEADS[lead]
    ahead, behind = _lead_then_partner(out, lead, partner)
    assert ahead, out  # the derivative's product is written, as a textbook writes it
    assert not behind, out
    step, twin = _shown(text)
    assert _evaluated(twin.result) == step.result


def test_json_keeps_sympys_order():
    out = invoke("partial", "sec(x)", "x", "--format", "json").output
    assert '"result": "tan(x)*sec(x)"' in out


# factors and terms that each hold a chain (one, or one inside another), typed in any order
CHAINED = ["sin(x^2)", "exp(x^3)", "sqrt(x^2 + 1)", "log(x^2 + 1)", "sin(x^2)^3", "exp(sin(x))", "(x + 1)^5"]
LETTER = re.compile(r"\blet ([a-z](?:_\d+)?) = ")


def _preorder(step):
    yield step
    for sub in step.substeps:
        yield from _preorder(sub)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(CHAINED), min_size=2, max_size=3, unique=True).flatmap(st.permutations),
       st.sampled_from(["*", " + "]))
@example(["sin(x^2)^3", "exp(x^2)"], "*")
def test_chain_letters_go_in_reading_order(parts, joint):
    text = joint.join(parts)
    step, twin = _shown(text)
    letters = [t.u.name for t in _preorder(twin) if t.rule == "chain"]
    given_out = ["u", "v", "w"] + [f"u_{k}" for k in range(1, 10)]
    assert letters == given_out[:len(letters)]  # each once, outside in and first to last
    for node in _preorder(twin):  # the shown steps are the derived ones, their letters renamed
        back = getattr(node, "renamed", {})
        assert _evaluated(node.expr).xreplace(back) == node.shown_of.expr
        assert _evaluated(node.result).xreplace(back) == node.shown_of.result
    out = invoke("partial", text, "x", "--format", "text").output
    assert LETTER.findall(out) == letters


# --- backprop: δ's factors in the order of the chain rule its formula line states, (∂a/∂y)ᵀ·∂L/∂a
@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["sigmoid", "tanh", "relu"]), st.sampled_from(["3,2,2", "2,3,2,2", "n,h,m"]),
       st.sampled_from(["sigmoid", "identity"]), st.sampled_from(["en", "ko"]))
@example("sigmoid", "3,2,2", "sigmoid", "en")
def test_a_hidden_delta_is_written_in_the_chain_rules_order(activation, layers, output, lang):
    out = invoke("backprop", "--layers", layers, "--activation", activation, "--output", output,
                 "--format", "text", "--lang", lang).output
    hidden = re.findall(r"^\s+\d+\. (δ([₀-₉])) = ([^∂\n]*⊙[^\n]*?) {3}\(", out, re.MULTILINE)
    depth = chr(ord("₀") + len(layers.split(",")) - 1)
    hidden = [h for h in hidden if h[1] != depth]  # the output layer's δ has its own lines
    assert hidden  # every network here has a hidden layer, whose δ is folded into a ⊙ product
    for name, layer, written in hidden:
        # the activation's derivative first, then what came back from the next layer
        following = chr(ord(layer) + 1)
        assert written.endswith(f"(W{following}ᵀδ{following})"), out
    assert "diag(g)v = g ⊙ v" in out and "v ⊙ g" not in out


# --- every product in a textbook's order: number, constants, x and its numeric powers, other powers,
# eˣ, other functions, sums last; a power of a number (2ˣ) with the constants (render.order.factor_rank)
RANKED = {
    "3": 0, "pi": 1, "2^x": 1, "x": 2, "x^2": 2, "sqrt(x)": 2, "y": 2, "x^y": 3, "exp(x)": 4, "exp(2*x)": 4,
    "sin(x)": 5, "log(x)": 5, "cos(x)^2": 5, "atan(x)": 5, "(x + 1)": 6, "(x^2 + 1)^3": 6,
}


def _products(expr, inside: bool = False):
    """Each product in `expr` with its factors in the order the printers set them: an arranged one's
    as it stands, any other in SymPy's order (`_default_order` is what `arranged` gives it)."""
    from symdiff.render.notation import InOrder
    from symdiff.render.order import _printers_factors

    if isinstance(expr, InOrder):
        yield from _products(expr.args[0], True)
        return
    if expr.is_Atom or not expr.args:
        return
    if expr.is_Mul:
        yield list(expr.args) if inside else _printers_factors(expr)
    for arg in expr.args:
        yield from _products(arg, inside)


def _results(twin):
    yield twin
    for sub in twin.substeps:
        yield from _results(sub)


def _ranked(factors) -> bool:
    from symdiff.render.order import factor_ranks

    ranks = factor_ranks(factors)
    return ranks == sorted(ranks)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(RANKED)), min_size=2, max_size=4, unique=True).flatmap(st.permutations))
@example(["x^y"])
@example(["exp(x)", "sin(x)"])
@example(["sin(x)", "cos(x)^2", "x"])
def test_every_result_writes_its_products_in_the_textbooks_order(factors):
    from symdiff.render.notation import displayed
    from symdiff.render.order import factor_rank

    text = "*".join(factors)
    if len(factors) == 1:
        text = factors[0]
    f = parse(text, ["x", "y"])
    step = derive(f, x)
    twin = shown(step, as_typed(text, ["x", "y"]))
    assert [factor_rank(parse(t, ["x", "y"])) for t in RANKED] == list(RANKED.values())
    for node in _results(twin):
        # (a) honest: the shown result is the derived one, only rearranged
        back = getattr(node, "renamed", {})
        assert _evaluated(node.result).xreplace(back) == node.shown_of.result
        # (b) in order: as the views print it (displayed), every product ranked
        for product in _products(displayed(node.result)):
            assert _ranked(product), (text, product)
    for product in _products(displayed(step.result)):
        assert _ranked(product), (text, product)


@pytest.mark.parametrize(("args", "wanted", "unwanted"), [
    (["partial", "x**y", "x", "--format", "markdown"], [r"= y x^{y - 1}$$"], [r"x^{y - 1} y"]),
    (["partial", "exp(x)*sin(x)", "x"], ["df/dx = eˣ·(sin(x) + cos(x))"], ["(sin(x) + cos(x))·eˣ"]),
    (["jacobian", "x*y; sin(x*y)"], ["[y·cos(x·y), x·cos(x·y)]", "cos(x·y)·y, which gives y·cos(x·y)"],
     ["[cos(x·y)·y"]),
    (["partial", "exp(x)*x", "x", "--lang", "ko"], ["계산하면 x·eˣ + eˣ입니다", "df/dx = x·eˣ + eˣ"], ["계산하면 eˣ·x"]),
    # a power of a number leads, as a number does: x 2^{x} would read as x₂ˣ
    (["partial", "2**x*x", "x", "--format", "latex"], [r"which gives $2^{x} x \ln 2 + 2^{x}$"], [r"x 2^{x}"]),
])
def test_the_issues_examples(args, wanted, unwanted):
    out = invoke(*args).output
    for w in wanted:
        assert w in out, (w, out)
    for u in unwanted:
        assert u not in out, (u, out)


def test_a_product_keeps_one_bracket_style():
    """The typed f keeps its factors' order (a user's product, as a sum keeps its terms), but a function
    that must keep its brackets there (cos(x) before x) makes every function of that product keep them."""
    out = invoke("partial", "sin(x)*cos(x)*x", "x", "--format", "latex").output
    assert r"f = \sin(x) \cos(x) x" in out
    assert r"\sin x \cos(x)" not in out


def test_which_gives_keeps_the_order_of_the_line_it_simplifies():
    out = invoke("practice", "--rules", "chain,product", "--seed", "3", "--count", "2", "--format", "markdown").output
    # the chain's 3(x³ − x)²·(3x² − 1) only reorders: nothing to simplify, no "which gives"
    assert r"3 \left(x^{3} - x\right)^{2} \cdot \left(3 x^{2} - 1\right)$" + "\n" in out, out
    assert r"3 \left(3 x^{2} - 1\right) \left(x^{3} - x\right)^{2}" not in out, out
    # g′h + gh′ keeps its terms' order where it simplifies
    assert r"which gives $\left(x^{3} - x\right)^{3} + 3 x \left(x^{3} - x\right)^{2} \left(3 x^{2} - 1\right)$" in out, out
    assert r"which gives $12 x^{3} \left(5 x + 2\right)^{2}" not in out, out


def test_json_keeps_sympys_product_order():
    out = invoke("partial", "x**y", "x", "--format", "json").output
    assert '"result": "x**(y - 1)*y"' in out, out
    base = invoke("partial", "exp(x)*sin(x)", "x", "--format", "json").output
    assert '"result": "(sin(x) + cos(x))*exp(x)"' in base, base


# --- the logarithm of a number last, and ln|u| without brackets ------------------------------------

INSIDE = st.sampled_from(["x**2 + 1", "sin(x)", "x", "x**3 - x", "exp(x) + 2", "sqrt(x) + 3"])
BASES = st.sampled_from(["2", "3", "10"])


@settings(max_examples=15, deadline=None)
@given(inside=INSIDE, base=BASES)
def test_the_logarithm_of_a_base_is_the_last_factor(inside, base):
    # the log rule's 1/(u ln a): before a sum ln 10 would keep its brackets, ln(10)(x² + 1)
    latex = invoke("partial", f"log({inside}, {base})", "x", "--format", "latex", "--no-steps").stdout
    result = latex.split(r"\frac{d f}{d x} =")[-1]
    assert rf"\ln({base})" not in result and rf"\ln {base}" in result
    denominator = result.split(r"\ln " + base)[-1]
    assert denominator.lstrip().startswith("}"), result  # nothing after ln a in its denominator
    text = invoke("partial", f"log({inside}, {base})", "x", "--format", "text", "--no-steps").stdout
    assert f"ln({base}))" in text.splitlines()[-1] or text.splitlines()[-1].endswith(f"ln({base})"), text


@settings(max_examples=15, deadline=None)
@given(inside=INSIDE, power=st.sampled_from(["", "**2"]))
def test_a_logarithm_of_an_absolute_value_is_set_without_brackets(inside, power):
    typed = f"log(abs({inside})){power}"
    markdown = invoke("partial", typed, "x", "--format", "markdown").stdout
    text = invoke("partial", typed, "x", "--format", "text").stdout
    html = invoke("partial", typed, "x", "--format", "html").stdout
    assert r"\ln\left(\left|" not in markdown and r"\ln \left|" in markdown
    assert "ln(|" not in text and "ln|" in text
    assert "<mo>(</mo><mrow><mo>|</mo>" not in html
