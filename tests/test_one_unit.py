"""Backprop with a layer of one unit (issue 16): derived as the layer of m units is, then m = 1.

The matrix engine reads a 1×1 node as a scalar, which gave a one-output network δ₁ = −(1 − z)(t/z − …)z
with no cancellation lines, |z − t|·sign(z − t) for z − t, and δ₁W₁ᵀ, δ₂(W₂ᵀ ⊙ …) for W₁ᵀδ₁, … ⊙ (W₂ᵀδ₂).
Here every formula of a network with 1s among its sizes is compared with the same network where each 1
is a size name (the general case), printed and the name read as 1; and the numbers still agree with
finite differences."""

from __future__ import annotations

import json
import random
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.matrix import training as T
from symdiff.matrix.backprop import backprop
from symdiff.matrix.deep import deep_backprop
from symdiff.matrix.network import HIDDEN_ACTIVATIONS, PAIRS, parse_network
from symdiff.matrix.printing import text
from test_training import _finite_differences

NAMES = ("uu", "vv", "ww", "qq", "rr")


def _general(sizes: list) -> tuple[list, re.Pattern]:
    """`sizes` with each 1 a size name of its own, and a pattern that finds those names."""
    names = iter(NAMES)
    general = [next(names) if s == 1 else s for s in sizes]
    used = [g for g in general if isinstance(g, str)]
    return general, re.compile(r"\b(" + "|".join(used) + r")\b")


def _formulas(result) -> list[str]:
    """Every formula of a network's walkthrough: forward pass, ∂L/∂z, each layer's Jacobians, the chain,
    δ's lines, δ, the differential and the gradients, and every step of the engine's derivations."""
    out = [text(node) for _, node in result.forward]
    stages = [result.loss_gradient]
    for layer in result.layers:
        out += [text(layer.delta_chain), *(text(d.value) for d in layer.delta_lines), text(layer.delta),
                text(layer.differential_of), text(layer.differential)]
        stages += [*layer.jacobians, *layer.gradients.values()]
    for stage in stages:
        out.append(text(stage.value))
        for step in stage.derivation.steps:
            out += [text(s.expr) + " = " + text(s.result) for s in step.walk()]
    return out


def _one(texts: list[str], names: re.Pattern) -> list[str]:
    return [names.sub("1", t) for t in texts]


@st.composite
def sizes_with_a_one(draw):
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=4))
    # the output layer of one unit half the time, and a one somewhere always
    if draw(st.booleans()):
        sizes[-1] = 1
    elif 1 not in sizes:
        sizes[draw(st.integers(0, len(sizes) - 1))] = 1
    return sizes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sizes_with_a_one(), st.sampled_from(sorted(PAIRS)), st.sampled_from(HIDDEN_ACTIVATIONS))
def test_every_formula_is_the_general_one_with_one_for_its_size(sizes, pair, hidden):
    output, loss = pair
    general, names = _general(sizes)
    one = deep_backprop(",".join(map(str, sizes)), hidden, output, loss, check=True)
    many = deep_backprop(",".join(map(str, general)), hidden, output, loss)
    assert _formulas(one) == _one(_formulas(many), names)
    assert [d.key for layer in one.layers for d in layer.delta_lines] == \
        [d.key for layer in many.layers for d in layer.delta_lines]
    assert one.assumption == many.assumption
    # the shapes are the numbers, not the names the derivation used
    assert all(isinstance(d, int) for shape in one.shapes.values() for d in shape)
    assert one.check.ok, {k: c.max_error for k, c in one.checks.items()}


@pytest.mark.parametrize("pair", sorted(PAIRS))
@pytest.mark.parametrize("layers", ["2,1", "2,3,1", "3,1,2", "1,1"])
def test_the_output_delta_and_the_summary_have_the_form_of_many_outputs(layers, pair):
    output, loss = pair
    result = deep_backprop(layers, "sigmoid", output, loss, check=True)
    reference = deep_backprop(layers.rsplit(",", 1)[0] + ",m", "sigmoid", output, loss)
    top, ref, size = result.layers[0], reference.layers[0], layers.rsplit(",", 1)[1]
    assert text(top.delta) == re.sub(r"\bm\b", size, text(ref.delta))
    assert [text(d.value) for d in top.delta_lines] == [re.sub(r"\bm\b", size, text(d.value)) for d in ref.delta_lines]
    assert text(result.layers[-1].gradients["x"].value) == "W1.T*delta1"
    for layer in result.layers[1:]:  # a hidden δ is σ′ ⊙ (W_{l+1}ᵀδ_{l+1}), in the chain rule's order, the transpose kept
        assert re.fullmatch(rf"hadamard\(.+, W{layer.index + 1}\.T\*delta{layer.index + 1}\)", text(layer.delta)), \
            text(layer.delta)
    assert result.check.ok


def _no_steps(*args: str, fmt: str = "text") -> str:
    out = invoke("backprop", *args, "--no-steps", "--format", fmt)
    assert out.exit_code == 0, out.stdout
    return out.stdout


def test_the_newcomers_commands():
    # the commands as a newcomer typed them
    ce = _no_steps("--layers", "2,1", "--output", "sigmoid", "--loss", "ce")
    assert "δ₁ = ∂L/∂y₁ = z − t" in ce and "∂L/∂x = W₁ᵀδ₁" in ce and "/z" not in ce
    record = json.loads(_no_steps("--layers", "2,1", "--output", "sigmoid", "--loss", "ce", fmt="json"))
    lines = record["layers"][0]["delta_lines"]
    assert len(lines) == 3 and lines[-1] == "z - t"
    mse = _no_steps("--layers", "2,1", "--output", "sigmoid", "--loss", "mse")
    assert "δ₁ = ∂L/∂y₁ = z ⊙ (𝟏 − z) ⊙ (z − t)" in mse and "abs" not in mse and "sign" not in mse
    deep = _no_steps("--layers", "2,3,1", "--output", "sigmoid", "--loss", "mse")
    assert "δ₁ = ∂L/∂y₁ = a₁ ⊙ (𝟏 − a₁) ⊙ (W₂ᵀδ₂)" in deep and "∂L/∂x = W₁ᵀδ₁" in deep
    assert "δ₂ = ∂L/∂y₂ = z − t" in _no_steps("--layers", "2,3,1", "--output", "sigmoid", "--loss", "ce")
    one_layer = _no_steps("--loss", "ce", "--outputs", "1")
    assert "δ = ∂L/∂y = z − t" in one_layer and "∂L/∂x = Wᵀδ" in one_layer


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "html", "json"])
@pytest.mark.parametrize("args", [
    ("--layers", "2,{}", "--output", "sigmoid", "--loss", "ce"),
    ("--layers", "2,{}", "--output", "sigmoid", "--loss", "mse"),
    ("--layers", "2,3,{}", "--output", "identity", "--loss", "mse", "--activation", "tanh"),
    ("--loss", "ce", "--outputs", "{}"),
    ("--loss", "mse", "--activation", "relu", "--inputs", "{}", "--outputs", "{}"),
], ids=["ce", "mse", "deep", "one-layer-ce", "one-layer-relu"])
def test_every_format_prints_the_general_summary_with_one_for_its_size(args, fmt):
    one = _no_steps(*(a.replace("{}", "1") for a in args), fmt=fmt)
    general = re.sub(r"\buu\b", "1", _no_steps(*(a.replace("{}", "uu") for a in args), fmt=fmt))
    if fmt == "json":  # the name read as 1 is the string "1" there
        general = general.replace('"1"', "1")
    assert one == general


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("loss", ["mse", "ce"])
def test_the_one_layer_form_with_one_output(activation, loss):
    if loss == "ce" and activation != "sigmoid":
        return
    one = backprop("n", 1, activation, loss, check=True)
    many = backprop("n", "m", activation, loss)
    assert text(one.delta) == re.sub(r"\bm\b", "1", text(many.delta))
    assert [text(d.value) for d in one.delta_lines] == [re.sub(r"\bm\b", "1", text(d.value)) for d in many.delta_lines]
    assert {k: text(v) for k, v in one.gradients.items()} == {"W": "delta*x.T", "b": "delta", "x": "W.T*delta"}
    assert one.outputs == 1 and one.shapes["z"] == (1, 1)
    assert one.check.ok


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(1, 3), min_size=1, max_size=3), st.sampled_from(sorted(PAIRS)),
       st.sampled_from(HIDDEN_ACTIVATIONS), st.randoms(use_true_random=False))
def test_one_output_numbers_agree_with_finite_differences(hidden_sizes, pair, hidden, rng: random.Random):
    output, loss = pair
    sizes = [*hidden_sizes, 1]
    network = parse_network(",".join(map(str, sizes)), hidden, output, loss)
    raw = {"x": [rng.uniform(-1, 1) for _ in range(sizes[0])],
           "t": [rng.uniform(0, 1) if loss == "ce" else rng.uniform(-1, 1)]}
    for l in range(1, len(sizes)):
        raw[f"W{l}"] = [[rng.uniform(-1.5, 1.5) for _ in range(sizes[l - 1])] for _ in range(sizes[l])]
        raw[f"b{l}"] = [rng.uniform(-1, 1) for _ in range(sizes[l])]
    values, _ = T.load_values(raw, network)
    _finite_differences(network, values, T.numeric_pass(network, values))
    # and the walkthrough with these values is the general one
    result = deep_backprop(network, at=raw)
    assert text(result.layers[-1].gradients["x"].value) == "W1.T*delta1"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "json"])
@pytest.mark.parametrize("args", [
    ("--layers", "2,3,{}", "--output", "sigmoid", "--loss", "mse"),
    ("--layers", "{},2,{}", "--output", "softmax", "--loss", "ce", "--activation", "relu"),
    ("--loss", "ce", "--outputs", "{}"),
], ids=["deep-mse", "softmax-ones", "one-layer-ce"])
def test_every_step_and_its_words_are_the_general_ones(args, fmt, lang):
    # the engine's steps too: formulas, and words such as "σ of a scalar" for the element-wise rule
    one = invoke("backprop", *(a.replace("{}", "1") for a in args), "--format", fmt, "--lang", lang).stdout
    general = invoke("backprop", *(a.replace("{}", "uu") for a in args), "--format", fmt, "--lang", lang).stdout
    # a Korean particle may follow the name with no space: the name ends where ASCII letters do
    general = re.sub(r"(?<![A-Za-z0-9_])uu(?![A-Za-z0-9_])", "1", general)
    if fmt == "json":
        general = general.replace('"1"', "1")
    assert one == general


def _result_rows(out: str, fmt: str) -> list[str]:
    """The rows of a backprop view, one per quantity shown (δ, ∂L/∂W, …) in `fmt`."""
    if fmt == "markdown":
        return [line for line in out.splitlines() if line.startswith("- $")]
    if fmt == "latex":
        return [line for line in out.splitlines() if "&=" in line]
    if fmt == "html":
        return re.findall(r"<li>.*?</li>", out)
    if fmt == "rich":
        return [line for line in out.splitlines() if re.match(r"│ (δ|∂)", line)]
    return [line for line in out.splitlines() if re.match(r"\s*(\d+\. )?(δ|∂L)", line)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["sigmoid", "tanh", "relu"]), st.sampled_from(["mse", "ce"]), st.sampled_from(["en", "ko"]),
       st.sampled_from(["text", "rich", "markdown", "latex", "html"]))
def test_one_layer_no_steps_shows_only_the_results_in_every_format(activation, loss, lang, fmt):
    # the reviewer's command, backprop --loss ce --lang ko --format markdown --no-steps, printed the derivation
    args = ("--activation", activation, "--loss", loss, "--lang", lang, "--format", fmt)
    full = invoke("backprop", *args)
    assume(full.exit_code == 0)  # ce with tanh or relu is refused, with a hint, as before
    bare = _no_steps(*args[:-2], fmt=fmt)
    rows = _result_rows(bare, fmt)
    assert len(rows) == 4 and len(_result_rows(full.stdout, fmt)) > 4, (bare, full.stdout)
    for row, shape in zip(rows, ["m×1", "m×n", "m×1", "n×1"]):  # δ, then ∂L/∂W, ∂L/∂b, ∂L/∂x
        assert fmt == "text" or shape in row or shape.replace("×", r" \times ") in row, row
    # (well under the whole derivation, with room for the sentence that defines step where δ writes it)
    assert 'class="why"' not in bare and " — " not in bare and len(bare) < len(full.stdout) * 0.6
