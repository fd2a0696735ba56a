"""Issue 16, a Korean teacher's review of `backprop --loss ce` (graded 4/3/4), as kinds over generated
networks, losses and languages: one minus sign (−) in the terminal's views, whether a formula comes from
the matrix printer or from a sentence; gradients "with respect to" a variable; 크기 for a shape in Korean;
continuation lines indented past their step's number however many steps there are; and the numbers' δ of
a hidden layer in the order the derivation writes it, σ′(y₁) ⊙ (W₂ᵀδ₂)."""

from __future__ import annotations

import json
import re

from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.matrix.network import HIDDEN_ACTIVATIONS

LANGS = ("en", "ko")
TERMINAL = ("text", "rich")
GENERATED = settings(max_examples=25, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
OUTPUT_LOSS = [("identity", "mse"), ("sigmoid", "mse"), ("softmax", "mse"), ("sigmoid", "ce"), ("softmax", "ce")]


@st.composite
def layered(draw):
    """backprop --layers over small sizes, a hidden activation per layer, an output and a loss."""
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=4))
    sizes[-1] = max(sizes[-1], 2)  # a softmax of one entry is the constant 1
    activations = draw(st.lists(st.sampled_from(HIDDEN_ACTIVATIONS), min_size=len(sizes) - 2,
                                max_size=len(sizes) - 2))
    output, loss = draw(st.sampled_from(OUTPUT_LOSS))
    args = ["backprop", "--layers", ",".join(map(str, sizes)), "--output", output, "--loss", loss]
    return args + (["--activation", ",".join(activations)] if activations else [])


single = st.builds(lambda pair, n, m: ["backprop", "--activation", pair[0], "--loss", pair[1], "--inputs", n,
                                       "--outputs", m],
                   st.sampled_from([("sigmoid", "mse"), ("sigmoid", "ce"), ("tanh", "mse"), ("relu", "mse")]),
                   st.sampled_from(["n", "2", "3"]), st.sampled_from(["m", "1", "2"]))
commands = st.one_of(layered(), single)


def _out(args, lang="en", fmt="text") -> str:
    result = invoke(*args, "--lang", lang, "--format", fmt, width="120")
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


# --- 1. one minus sign: an ASCII hyphen written as a minus, before what it negates or between spaces.
# An option's dashes (--format) and a hyphenated word (cross-entropy, element-wise, 원-핫) are no minus.
ASCII_MINUS = re.compile(r"(?:^|[\s(=,⟨\[{|])-(?=[\s\d(A-Za-z∇δσ𝟏⟨‖])")


def test_the_minus_check_can_fail():
    for minus in ("(𝟏 - t) ⊘ z", "d(-tᵀln(z))", "⟨-(t ⊘ z), dz⟩", "= -t", "z - t"):
        assert ASCII_MINUS.search(minus), minus
    for word in ("cross-entropy", "--format text", "원-핫 벡터", "element-wise", "1-norm", "z − t"):
        assert not ASCII_MINUS.search(word), word


def test_the_teachers_ce_run_has_one_minus():
    for args in (["backprop", "--loss", "ce"], ["backprop", "--layers", "3,4,2", "--output", "softmax", "--loss", "ce"]):
        for lang in LANGS:
            for fmt in TERMINAL:
                out = _out(args, lang, fmt)
                assert not ASCII_MINUS.search(out), (args, lang, fmt, ASCII_MINUS.search(out))
                assert "−" in out


@GENERATED
@given(commands, st.sampled_from(LANGS), st.sampled_from(TERMINAL))
def test_no_ascii_minus_in_the_terminals_views(args, lang, fmt):
    out = _out(args, lang, fmt)
    found = ASCII_MINUS.search(out)
    assert not found, out[max(0, found.start() - 60):found.end() + 60]


def test_json_keeps_the_canonical_hyphen():
    record = json.loads(_out(["backprop", "--loss", "ce"], fmt="json"))
    formulas = [record["delta"], record["delta_chain"], *record["delta_lines"], *record["gradients"].values(),
                *(j["result"] for j in record["jacobians"])]
    assert record["delta"] == "z - t" and not [f for f in formulas if "−" in f], formulas
