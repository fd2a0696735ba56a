"""Issue 16, a Korean teacher's review of `backprop --loss ce` (graded 4/3/4), as kinds over generated
networks, losses and languages: one minus sign (−) in the terminal's views, whether a formula comes from
the matrix printer or from a sentence; gradients "with respect to" a variable; 크기 for a shape in Korean;
continuation lines indented past their step's number however many steps there are; and the numbers' δ of
a hidden layer in the order the derivation writes it, σ′(y₁) ⊙ (W₂ᵀδ₂)."""

from __future__ import annotations

import json
import re

from pytest import approx

from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.matrix.network import HIDDEN_ACTIVATIONS
from test_teacher_backprop import OUTPUT_LOSS, networks

LANGS = ("en", "ko")
TERMINAL = ("text", "rich")
GENERATED = settings(max_examples=25, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def layered():
    """backprop --layers over small sizes, a hidden activation per layer, an output and a loss: the
    arguments of test_teacher_backprop's networks."""
    return networks().map(lambda drawn: drawn[0])


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


# --- 2. a gradient or a Jacobian is taken "with respect to" a variable (never "by" it); Korean says
# "에 대한" or "…로 미분한", which read naturally

BY = re.compile(r"(?:gradient|derivative|Jacobian|affine map|map) by\b|by (?:the output|this layer's output|⟦?[xb]⟧?:)")


@GENERATED
@given(commands)
def test_gradients_are_with_respect_to(args):
    out = _out(args, "en")
    assert not BY.search(out), BY.search(out)
    assert "gradient with respect to the output z" in out
    ko = _out(args, "ko")
    assert "출력 z에 대한 손실의 그래디언트" in ko


# --- 3. 크기 for a vector's or a matrix's shape (m×n 행렬의 크기), in every view of both commands' Korean

HUMAN = ("text", "rich", "latex", "markdown", "html")


@GENERATED
@given(commands, st.sampled_from(HUMAN))
def test_korean_shapes_are_크기(args, fmt):
    out = _out(args, "ko", fmt)
    assert "모양" not in out and "크기" in out, (args, fmt)


def test_every_korean_matrix_message_says_크기():
    import symdiff.matrix.messages  # noqa: F401  (adds the matrix and backprop words to the catalogue)
    from symdiff.core import messages
    assert not [key for key, words in messages.KO.items() if "모양" in words]


# --- 4. a step's continuation lines start past its number, from step 1 to the last (two digits and more)

NUMBERED = re.compile(r"^( *)(\d+)\. ")


def _steps_are_aligned(out: str) -> int:
    """The number of numbered steps; asserts each line under a step starts past the step's number and
    every step's formula starts in one column."""
    starts, current, count = set(), None, 0
    for line in out.splitlines():
        m = NUMBERED.match(line)
        if m:
            current, count = m.end(), count + 1
            starts.add(m.end())
        elif not line.strip() or not line.startswith(" "):
            current = None  # a blank line or a layer's heading ends the step
        elif current is not None:
            indent = len(line) - len(line.lstrip(" "))
            assert indent >= current, (current, line)
    assert len(starts) <= 1, starts
    return count


def test_the_teachers_steps_10_and_11_are_aligned():
    out = _out(["backprop", "--loss", "ce"], "ko")
    assert _steps_are_aligned(out) == 11
    assert "\n 10. ∂L/∂b = δ" in out and "\n     ∂y/∂b = I이므로" in out


def test_the_alignment_check_can_fail():
    import pytest

    with pytest.raises(AssertionError):
        _steps_are_aligned("  9. a = b\n     why\n  10. c = d\n     why")


@GENERATED
@given(layered(), st.sampled_from(LANGS))
def test_continuation_lines_pass_their_step_number(args, lang):
    assert _steps_are_aligned(_out(args, lang)) >= 1


def test_long_runs_are_aligned():
    out = _out(["backprop", "--layers", "2,3,3,2", "--activation", "tanh,relu", "--output", "softmax", "--loss", "ce"])
    assert _steps_are_aligned(out) >= 20


# --- 5. the numbers' δ of a hidden layer, in the derivation's order: σ′(y₁) ⊙ (W₂ᵀδ₂), its factors listed so

@st.composite
def trained(draw):
    """A network with at least one hidden layer and numbers for it (--at)."""
    sizes = draw(st.lists(st.integers(1, 3), min_size=3, max_size=4))
    sizes[-1] = max(sizes[-1], 2)
    activations = draw(st.lists(st.sampled_from(HIDDEN_ACTIVATIONS), min_size=len(sizes) - 2,
                                max_size=len(sizes) - 2))
    output, loss = draw(st.sampled_from(OUTPUT_LOSS))
    number = st.integers(-9, 9).map(lambda k: k / 10)
    values = {"x": draw(st.lists(number, min_size=sizes[0], max_size=sizes[0])),
              "t": [1.0] + [0.0] * (sizes[-1] - 1)}
    for l in range(1, len(sizes)):
        values[f"W{l}"] = [draw(st.lists(number, min_size=sizes[l - 1], max_size=sizes[l - 1]))
                           for _ in range(sizes[l])]
        values[f"b{l}"] = draw(st.lists(number, min_size=sizes[l], max_size=sizes[l]))
    return (["backprop", "--layers", ",".join(map(str, sizes)), "--activation", ",".join(activations),
             "--output", output, "--loss", loss, "--at", json.dumps(values), "--lr", "0.1"], activations)


SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _derivations_delta(out: str, l: int) -> str | None:
    """δ_l as the derivation's sentence states it: 'δ₁ = σ′(y₁) ⊙ (W₂ᵀδ₂)'."""
    d = f"δ{str(l).translate(SUB)}"
    m = re.search(rf"g ⊙ v(?::|이므로) ({d} = [^\n]*?\))(?:입니다|\.?\n|\.?$)", out)  # its full stop
    return m.group(1) if m else None


@GENERATED
@given(trained(), st.sampled_from(LANGS), st.sampled_from(("text", "rich")))
def test_the_numbers_write_delta_in_the_derivations_order(case, lang, fmt):
    args, activations = case
    heading = "주어진 값으로" if lang == "ko" else "With the values given"
    derivation = _out(args, lang).split(heading)[0]  # the terminal's panel would wrap its sentences
    numbers = _out(args, lang, fmt).split(heading)[1]
    for l, fn in enumerate(activations, 1):
        if fn == "identity":
            continue
        d, nxt = f"δ{str(l).translate(SUB)}", str(l + 1).translate(SUB)
        stated = _derivations_delta(derivation, l)
        assert stated is not None, derivation
        slope, back = f"′(y{str(l).translate(SUB)})", f"W{nxt}ᵀ·δ{nxt}"
        shown = re.search(rf"{d} = ∂L/∂y{str(l).translate(SUB)} = ([^\s=]+ ⊙ \([^)]*\))", numbers)
        assert shown is not None, numbers
        assert shown.group(1).replace("·", "") == stated.split(" = ", 1)[1], (shown.group(1), stated)
        # the factors' numbers are listed in that order too, the slope before what flows back
        assert numbers.index(slope) < numbers.index(back)


def test_the_teachers_training_run_states_delta_in_rule_order():
    values = {"x": [1, 2], "t": [0, 1], "W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0, 0], "W2": [[0.5, 0.6], [0.7, 0.8]],
              "b2": [0, 0]}
    args = ["backprop", "--layers", "2,2,2", "--at", json.dumps(values), "--lr", "0.1"]
    for lang in LANGS:
        out = _out(args, lang)
        # rounded decimals, so "≈" (tests/test_rounded_values.py)
        assert "δ₁ = ∂L/∂y₁ = σ′(y₁) ⊙ (W₂ᵀ·δ₂) ≈ [0.00905065, 0.0090389]ᵀ" in out
        assert "(W₂ᵀ·δ₂) ⊙ σ′" not in out and "(Wᵀδ) ⊙" not in out
        assert out.index("σ′(y₁) ≈ [") < out.index("W₂ᵀ·δ₂ ≈ [")
    # JSON's record has numbers and no label, so the order shown does not reach it
    record = json.loads(_out(args, fmt="json"))["numeric"]
    assert set(record) == {"loss", "output", "forward", "deltas", "gradients", "gradient_x", "update"}
    assert [d["layer"] for d in record["deltas"]] == [2, 1]
    assert record["deltas"][1]["delta"] == [approx(0.00905065, rel=1e-6), approx(0.0090389, rel=1e-6)]
