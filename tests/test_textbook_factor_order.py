"""Issue 16, "textbook form": a product's factors in the order a teacher writes them. A chain whose inner
function is itself a chain substitutes the inner derivative as the line above wrote it, one piece after
the outer derivative (3·sin²(x²)·cos(x²)·2·x under cos(x²)·2·x); sec comes before tan and csc before cot
(sec x tan x, −csc x cot x), in every human view. The shown steps are the derived ones, rearranged."""

from __future__ import annotations

import re

import sympy
from helpers import invoke
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symdiff.render.notation import unicode
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
def test_an_inner_chain_is_substituted_as_its_line_wrote_it(outer, middle, inner):
    text = outer.format(middle.format(inner))
    step, twin = _shown(text)
    top = twin if twin.rule == "chain" else next(c for c in _chains(twin) if c.inner.rule == "chain")
    piece = top.inner
    assert piece.rule == "chain" and piece.only_reordered  # cos(p)·p′, exp(p)·p′: nothing to simplify
    # the shown piece is the inner step's own result, only written as its line writes it
    assert _evaluated(piece.result) == piece.shown_of.result
    line, above = unicode(top.assembled), unicode(piece.assembled)
    assert line.endswith("·" + above), (line, above)
    assert sympy.simplify(_evaluated(top.assembled.doit()) - step.result if top.shown_of is step
                          else _evaluated(top.assembled.doit()) - top.shown_of.result) == 0


def test_the_issues_example_in_the_text_view():
    out = invoke("partial", "sin(x^2)^3", "x", "--format", "text").output
    assert "Substituting the pieces: cos(x²)·2·x\n" in out
    assert "Substituting the pieces: 3·sin²(x²)·cos(x²)·2·x, which gives 6·x·sin²(x²)·cos(x²)" in out


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
    assert "diag(g)·v = g ⊙ v" in out and "v ⊙ g" not in out
