"""backprop --layers (issue 17): every layer's gradients against finite differences of the composed loss,
δ_L for the cross-entropy pairs, the line-by-line cancellation, the CLI's refusals, JSON and the views."""

from __future__ import annotations

import json
import random
from pathlib import Path

import mpmath
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symdiff
from symdiff.core.errors import ParseError
from symdiff.matrix import expr as E
from symdiff.matrix.deep import NetworkResult, check_network, deep_backprop
from symdiff.matrix.network import HIDDEN_ACTIVATIONS, PAIRS
from symdiff.matrix.numeric import Evaluator, random_matrix
from symdiff.matrix.printing import text

LAYERS_ARGS = ["backprop", "--layers", "3,2,2", "--activation", "sigmoid", "--output", "softmax", "--loss", "ce",
               "--format", "markdown"]


# --- every layer's gradients agree with finite differences of the whole composed loss

def _assert_checked(result: NetworkResult):
    assert result.check is not None and result.check.status == "agree", {k: c.max_error for k, c in result.checks.items()}
    depth = result.network.depth
    assert set(result.checks) == {f"{p}{l}" for l in range(1, depth + 1) for p in "Wb"} | {"x"}


@pytest.mark.parametrize("pair", sorted(PAIRS))
@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_every_pair_and_activation_agrees_with_finite_differences(pair, hidden):
    output, loss = pair
    _assert_checked(deep_backprop("3,2,2", hidden, output, loss, check=True))


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_named_sizes_get_small_numbers_and_agree(pair):
    _assert_checked(deep_backprop("n,h,k,m", "tanh,relu", *pair, check=True))


sizes = st.one_of(st.integers(1, 3).map(str), st.sampled_from(["n", "h", "k", "m"]))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(2, 4), data=st.data())
def test_small_networks_agree_with_finite_differences(depth, data):
    layer_sizes = [data.draw(sizes) for _ in range(depth + 1)]
    hidden = [data.draw(st.sampled_from(HIDDEN_ACTIVATIONS)) for _ in range(depth - 1)]
    if data.draw(st.booleans()):
        hidden = hidden[:1]
    output, loss = data.draw(st.sampled_from(sorted(PAIRS)))
    seed = data.draw(st.integers(0, 5))
    result = deep_backprop(",".join(layer_sizes), ",".join(hidden), output, loss, check=True, seed=seed)
    _assert_checked(result)
    assert [layer.index for layer in result.layers] == list(range(depth, 0, -1))


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu"])
def test_the_check_catches_a_hidden_delta_without_its_derivative(hidden):
    # δ_1 without σ′(y_1): the mistake a student makes; the check must see it
    result = deep_backprop("3,2,2", hidden, "identity", "mse")
    first = result.layer(1)
    first.delta = E.mul(E.transpose(E.Sym("W2", result.shapes["W2"])), result.layer(2).delta_sym)
    agreement, checks = check_network(result)
    assert not agreement.ok
    assert not checks["W1"].ok and checks["W2"].ok


def test_the_check_catches_a_wrong_output_delta():
    result = deep_backprop("2,2,3", "relu", "softmax", "ce")
    out = result.layer(2)
    out.delta_lines[-2].value = E.sub(E.Sym("z", result.shapes["z"]), E.Sym("t", result.shapes["t"]))
    out.delta = out.delta_lines[-2].value
    assert not check_network(result)[0].ok


# --- δ of the output layer

@pytest.mark.parametrize("output", ["softmax", "sigmoid"])
def test_cross_entropy_gives_z_minus_t(output):
    result = deep_backprop("4,3,2", "relu", output, "ce")
    assert text(result.layer(2).delta) == "z - t"
    assert result.assumption == ("sum_t" if output == "softmax" else "")


def test_mse_with_identity_output_gives_z_minus_t_and_sigmoid_adds_its_derivative():
    assert text(deep_backprop("2,2", output="identity", loss="mse").layer(1).delta) == "z - t"
    assert text(deep_backprop("2,2", output="sigmoid", loss="mse").layer(1).delta) == \
        "hadamard(hadamard(z, ones(2, 1) - z), z - t)"


def test_softmax_cross_entropy_shows_the_jacobian_and_the_cancellation():
    result = deep_backprop("4,3,2", "relu", "softmax", "ce")
    layer = result.layer(2)
    assert text(layer.jacobians[0].value) == "diag(z) - z*z.T"
    assert [line.key for line in layer.delta_lines] == ["deep.softmax.expand", "deep.softmax.cancel",
                                                       "deep.softmax.assume"]
    assert text(layer.delta_lines[1].value) == "(ones(2, 1).T*t)*z - t"


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 4), st.integers(0, 10_000))
def test_each_line_of_the_cancellation_equals_the_chain_rule(m, seed):
    # every line but the last holds for any t (z without zero entries); the last needs 1ᵀt = 1
    result = deep_backprop(f"2,{m}", output="softmax", loss="ce")
    layer = result.layer(1)
    rng = random.Random(seed)
    z = random_matrix(rng, m, 1, 0)
    for i in range(m):
        z[i, 0] = abs(z[i, 0]) + mpmath.mpf("0.1")
    t = random_matrix(rng, m, 1, 1)
    ev = Evaluator({"z": z, "t": t}, {})
    chain = ev(layer.delta_chain)
    for line in layer.delta_lines[:-1]:
        assert mpmath.norm(ev(line.value) - chain) < mpmath.mpf(10) ** -12
    t = t / sum(t[i, 0] for i in range(m)) if abs(sum(t[i, 0] for i in range(m))) > 0.1 else None
    if t is not None:
        ev = Evaluator({"z": z, "t": t}, {})
        assert mpmath.norm(ev(layer.delta_lines[-1].value) - ev(layer.delta_chain)) < mpmath.mpf(10) ** -12


def test_hidden_delta_is_the_transposed_chain_times_the_derivative():
    result = deep_backprop("3,4,2", "tanh", "sigmoid", "ce")
    hidden = result.layer(1)
    assert text(hidden.delta_chain) == "diag(ones(4, 1) - hadamard_power(a1, 2))*W2.T*delta2"
    # the derivative first, then what came back, as the chain rule δ₁ = (∂a₁/∂y₁)ᵀ·∂L/∂a₁ writes them
    assert text(hidden.delta) == "hadamard(ones(4, 1) - hadamard_power(a1, 2), W2.T*delta2)"
    assert {k: text(s.value) for k, s in hidden.gradients.items()} == \
        {"W": "delta1*x.T", "b": "delta1", "x": "W1.T*delta1"}
    assert [s.name for s in hidden.jacobians] == ["∂a1/∂y1", "∂y2/∂a1"]
    assert text(hidden.jacobians[1].value) == "W2"


def test_gradients_have_the_shapes_of_their_parameters():
    result = deep_backprop("n,h,m", "relu", "softmax", "ce")
    for layer in result.layers:
        assert layer.gradients["W"].value.shape == layer.shapes["W"]
        assert layer.gradients["b"].value.shape == layer.shapes["b"]
    assert result.layer(1).gradients["x"].value.shape == ("n", 1)


# --- Python API

def test_the_api_takes_layers_and_keeps_the_one_layer_default():
    assert type(symdiff.backprop()).__name__ == "BackpropResult"
    result = symdiff.backprop(layers=[3, "h", 2], activation="relu", output="softmax", loss="ce")
    assert isinstance(result, NetworkResult) and result.numeric is None
    with pytest.raises(ParseError, match="layers"):
        symdiff.backprop(output="softmax")
    with pytest.raises(ParseError, match="the pairs that work"):
        symdiff.backprop(layers="3,2", output="identity", loss="ce")


@pytest.mark.parametrize("layers, error", [
    ("__import__('os').system('true'),2", ParseError), ([3, None], symdiff.InputTypeError),
    ([3, True], symdiff.InputTypeError), (3.5, symdiff.InputTypeError), ("3," * 20 + "2", ParseError),
])
def test_the_api_refuses_bad_layers_by_name(layers, error):
    with pytest.raises(error):
        symdiff.backprop(layers=layers)


# --- the command line

@pytest.mark.parametrize("args, words", [
    (["--layers", "3,2", "--output", "identity", "--loss", "ce"],
     ["--output sigmoid --loss ce", "--output softmax --loss ce", "--loss mse with any output"]),
    (["--layers", "3,2,2", "--output", "tanh"], ["--output", "identity, sigmoid, softmax"]),
    (["--layers", "4,3,3,2", "--activation", "relu,tanh,relu"], ["--activation", "2 hidden layers", "3 were given"]),
    (["--layers", "3,2,2", "--activation", "softmax"], ["--activation", "sigmoid, tanh, relu, identity"]),
    (["--output", "softmax"], ["--output", "--layers"]),
    (["--layers", "3"], ["--layers", "at least two sizes"]),
    (["--layers", "3,2", "--inputs", "4"], ["--inputs", "--layers 4,3,2"]),
    (["--layers", "3,0,2"], ["--layers 3,0,2", "size 2 of 3", "hidden layer 1's", "'0'", "from 1 to 9999"]),
    (["--activation", "identity"], ["--activation", "'sigmoid'", "'relu'"]),
])
def test_usage_errors_name_the_option(run, args, words):
    result = run("backprop", *args)
    assert result.exit_code == 2, result.stdout
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_json_layers_follow_the_contract(run):
    result = run("backprop", "--layers", "4,3,2", "--activation", "relu", "--output", "softmax", "--loss", "ce",
                 "--check", "--format", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["command"] == "backprop"
    assert record["network"] == {"sizes": [4, 3, 2], "activations": ["relu"], "output": "softmax", "loss": "ce"}
    assert [layer["index"] for layer in record["layers"]] == [2, 1]
    out, hidden = record["layers"]
    assert out["delta"] == "z - t" and out["gradients"] == {"W": "delta2*a1.T", "b": "delta2"}
    assert out["shapes"]["W"] == [2, 3] and hidden["shapes"]["W"] == [3, 4]
    assert hidden["delta"] == "hadamard(W2.T*delta2, step(y1))"
    assert hidden["gradients"] == {"W": "delta1*x.T", "b": "delta1", "x": "W1.T*delta1"}
    assert all(j["steps"] for layer in record["layers"] for j in layer["jacobians"])
    assert record["check"]["ok"] is True and record["assumption"] == "1.T*t = 1"
    bare = json.loads(run("backprop", "--layers", "4,3,2", "--format", "json", "--no-steps").stdout)
    assert not any("steps" in j for layer in bare["layers"] for j in layer["jacobians"])


def test_without_layers_the_one_layer_record_stays(run):
    record = json.loads(run("backprop", "--activation", "SIGMOID", "--loss", "ce", "--format", "json").stdout)
    assert "layers" not in record and record["delta"] == "z - t" and record["activation"] == "sigmoid"


@pytest.mark.parametrize("fmt", ["text", "rich", "html", "latex", "markdown", "json"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_format_and_language(run, fmt, lang):
    result = run("backprop", "--layers", "n,h,m", "--activation", "tanh", "--output", "sigmoid", "--loss", "mse",
                 "--check", "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    if fmt in ("text", "rich", "html"):
        assert "**" not in result.stdout
        # the engine's own rule words (d(s^n), tanh(U)^∘2) are the matrix command's; the walkthrough has none
        assert all("s^n" in line or "^∘" in line for line in result.stdout.splitlines() if "^" in line)
        assert "delta" not in result.stdout  # δ₁, δ₂ as the notes write them
    if lang == "ko" and fmt != "json":
        for word in ("역전파", "연쇄 법칙", "가중치", "편향", "손실", "은닉층", "출력층"):
            assert word in result.stdout


@pytest.mark.parametrize("printer", ["unicode", "mathml"])
def test_the_walkthrough_rows_have_no_code_powers(printer):
    from symdiff.render import network

    result = deep_backprop("n,h,k,m", "tanh,sigmoid", "softmax", "mse")
    for row in network.rows(result, getattr(network, printer)):
        assert not any("**" in cell or "^" in cell for cell in row), row


def test_help_shows_the_network_example(run):
    assert "--layers 4,3,2 --activation relu --output softmax --loss ce" in run("backprop", "--help").stdout


# --- numbers: --at values and one --lr step on the derived network

def _values_for(result: NetworkResult, rng: random.Random) -> dict:
    """JSON-ready values for x, t and every W_l, b_l of a network with numeric sizes; t one-hot for a
    softmax output (its δ_L = z − t assumes 1ᵀt = 1), between 0 and 1 otherwise."""
    net, shapes = result.network, result.shapes
    values = {}
    for name in ["x"] + [f"{k}{l}" for l in range(1, net.depth + 1) for k in "Wb"]:
        rows, cols = shapes[name]
        values[name] = [[round(rng.uniform(-1.5, 1.5), 3) for _ in range(cols)] for _ in range(rows)]
    m = shapes["t"][0]
    if net.cross_entropy == "categorical":
        hot = rng.randrange(m)
        values["t"] = [float(i == hot) for i in range(m)]
    else:
        values["t"] = [round(rng.uniform(0, 1), 3) for _ in range(m)]
    return values


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(1, 3), min_size=2, max_size=4), st.sampled_from(sorted(PAIRS)),
       st.sampled_from(HIDDEN_ACTIVATIONS), st.randoms(use_true_random=False))
def test_the_derived_deltas_and_gradients_evaluate_to_the_numbers_shown(sizes, pair, hidden, rng):
    # The symbolic δ_l and ∂L/∂W_l, ∂L/∂b_l, ∂L/∂x, evaluated on the forward values, must be the numbers
    # numeric_pass shows: the walkthrough and its numbers are one derivation, not two.
    output, loss = pair
    layers = ",".join(map(str, sizes))
    bare = deep_backprop(layers, hidden, output, loss)
    result = deep_backprop(layers, hidden, output, loss, at=_values_for(bare, rng))
    p = result.numeric
    env = {name: p.values[name] for name in p.values}
    depth = result.network.depth
    for l in range(1, depth + 1):
        env[f"y{l}"] = p.ys[l - 1]
        env["z" if l == depth else f"a{l}"] = p.activations[l]
        env[f"delta{l}"] = p.deltas[l - 1]
    evaluate = Evaluator(env, {})
    for layer in result.layers:
        l = layer.index
        claimed = {"delta": (layer.delta, p.deltas[l - 1]), "W": (layer.gradients["W"].value, p.grad_W[l - 1]),
                   "b": (layer.gradients["b"].value, p.grad_b[l - 1])}
        if l == 1:
            claimed["x"] = (layer.gradients["x"].value, p.grad_x)
        for what, (node, number) in claimed.items():
            got = evaluate(node)
            scale = 1 + max(abs(v) for v in number)
            assert max(abs(a - b) for a, b in zip(got, number)) <= mpmath.mpf("1e-20") * scale, (l, what, text(node))


def test_at_and_lr_show_the_numbers_and_one_step_in_every_format(tmp_path):
    from helpers import invoke

    values = {"x": [1, 2], "t": [0, 1], "W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0, 0],
              "W2": [[0.5, -0.5], [0.2, 0.1]], "b2": [0.1, -0.1]}
    path = tmp_path / "net.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    base = ["backprop", "--layers", "2,2,2", "--output", "softmax", "--loss", "ce", "--lr", "0.5"]
    record = json.loads(invoke(*base, "--at", str(path), "--format", "json").stdout)
    numeric = record["numeric"]
    assert numeric["update"]["lr"] == 0.5 and numeric["update"]["loss_after"] < numeric["loss"]
    assert [d["layer"] for d in numeric["deltas"]] == [2, 1]
    # δ₂ = z − t for the one-hot t
    assert numeric["deltas"][0]["delta"] == pytest.approx([z - t for z, t in zip(numeric["output"], values["t"])])
    inline = json.loads(invoke(*base, "--at", json.dumps(values), "--format", "json").stdout)
    assert inline["numeric"] == numeric
    for fmt, marks in (("text", ["δ₂ = ∂L/∂y₂", "W₁ ← W₁ − η·∂L/∂W₁"]), ("markdown", ["bmatrix"]),
                       ("latex", ["bmatrix"]), ("html", ["<math"])):
        for lang in ("en", "ko"):
            result = invoke(*base, "--at", str(path), "--format", fmt, "--lang", lang)
            assert result.exit_code == 0 and all(m in result.stdout for m in marks), (fmt, lang)
            assert ("손실" in result.stdout) == (lang == "ko")


@pytest.mark.parametrize("args, code, words", [
    (["--layers", "2,2", "--lr", "0.1"], 2, "--lr takes a step from numbers"),
    (["--at", '{"x": [1]}'], 2, "--at gives numbers to a network given by its sizes"),
    (["--lr", "0.1"], 2, "--lr gives numbers to a network"),
    (["--layers", "2,2", "--at", '{"x": [1, 2]}'], 2, "no value for t, W1, b1"),
    (["--layers", "2,2", "--at", "/no/such/values.json"], 4, "there is no file"),
    (["--layers", "2,2", "--at", '{"x": [1, 2],'], 2, "not JSON"),
    (["--layers", "2,2", "--at", '{"x": [1, 2], "t": [0, 1], "W1": [[1, 2, 3]], "b1": [0, 0]}'], 2,
     "W1 should be 2×2"),
    (["--layers", "2,2", "--at", '{"x": [1, 2], "t": [0, 1], "W1": [[1, 2], [3, 4]], "b1": [0, 0]}', "--lr", "0"],
     2, "positive number"),
])
def test_bad_values_and_rates_are_refused_before_any_work(args, code, words):
    from helpers import invoke

    result = invoke("backprop", *args)
    assert result.exit_code == code and words in result.stderr, result.stderr


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize("pair", [("softmax", "ce"), ("sigmoid", "ce"), ("identity", "mse")])
def test_the_check_reaches_the_deepest_network(hidden, pair):
    # 16 layers (the most --layers takes): random weights scaled to their layers' widths keep the output
    # off 0 and 1, where cross-entropy's check passed over every point (relu: "nothing was checked")
    result = deep_backprop(",".join(["3"] * 16 + ["2"]), hidden, *pair, check=True)
    assert result.check.ok and result.check.points >= 3, result.check


# --- sigmoid with binary cross-entropy: δ = z − t shown line by line, each line equal to the chain rule

@settings(max_examples=20, deadline=None)
@given(st.integers(2, 4), st.integers(0, 10_000), st.booleans())
def test_each_line_of_the_sigmoid_cancellation_equals_the_chain_rule(m, seed, one_layer):
    from symdiff.matrix.backprop import backprop

    result = backprop(3, m, "sigmoid", "ce") if one_layer else deep_backprop(f"2,{m}", output="sigmoid", loss="ce")
    lines = result.delta_lines if one_layer else result.layer(1).delta_lines
    chain_node = result.delta_chain if one_layer else result.layer(1).delta_chain
    assert [line.key for line in lines] == ["deep.sigmoid.entrywise", "deep.sigmoid.cancel", "deep.sigmoid.collect"]
    assert text(lines[-1].value) == "z - t"
    rng = random.Random(seed)
    z = random_matrix(rng, m, 1, 0)
    for i in range(m):  # strictly inside (0, 1), as a sigmoid's output is
        z[i, 0] = mpmath.mpf("0.05") + mpmath.mpf("0.9") * abs(mpmath.sin(z[i, 0]))
    t = random_matrix(rng, m, 1, 1)  # any t: this cancellation assumes nothing about it
    ev = Evaluator({"z": z, "t": t}, {})
    chain = ev(chain_node)
    for line in lines:
        assert mpmath.norm(ev(line.value) - chain) < mpmath.mpf(10) ** -12, text(line.value)


def test_the_sigmoid_cancellation_is_shown_in_every_view_and_language(run):
    # (LaTeX starts a sentence with a capital)
    words = {"en": ("ultiply out and cancel", "ollect like terms"), "ko": ("전개하여 약분합니다", "동류항을 정리하면")}
    for lang in ("en", "ko"):
        for args in (["backprop", "--loss", "ce"], ["backprop", "--layers", "3,2", "--output", "sigmoid",
                                                     "--loss", "ce"]):
            for fmt in ("text", "markdown", "latex", "html", "rich"):
                out = run(*args, "--format", fmt, "--lang", lang)
                assert out.exit_code == 0
                for w in words[lang]:
                    assert w in out.stdout, (args, fmt, lang)


# --- teacher's findings (issue 16/17 review): one differential per layer, columns, names, words

@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "html", "rich"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_each_layer_writes_its_differential_once_and_reads_every_gradient_off_it(run, fmt, lang):
    out = run("backprop", "--layers", "3,2,2", "--activation", "sigmoid", "--output", "softmax", "--loss", "ce",
              "--format", fmt, "--lang", lang)
    assert out.exit_code == 0
    # the engine's tree for δ_lᵀ(W_l a_{l−1} + b_l), once per gradient before, is not in a human view
    assert "(W₂a₁ + b₂))" not in out.stdout and "δ₂ᵀ(W₂a₁" not in out.stdout
    assert r"\delta_{2}^{\top} \left(W_{2}" not in out.stdout
    assert out.stdout.count("dW₂") + out.stdout.count(r"\mathrm{d}W_{2}") + out.stdout.count("<mi>W</mi><mi>2") >= 1
    words = {"en": "the differential, once for the layer", "ko": "이 층의 미분을 한 번에 씁니다"}[lang]
    if fmt != "rich":  # rich wraps the words
        assert out.stdout.lower().count(words) == 2  # LaTeX opens its sentences with a capital


def test_the_differential_is_in_json_and_the_gradient_steps_stay():
    record = deep_backprop("3,2,2", "sigmoid", "softmax", "ce").to_dict()
    assert [layer["differential"] for layer in record["layers"]] == [
        "delta2.T*dy2 = delta2.T*dW2*a1 + delta2.T*db2 + delta2.T*W2*da1",
        "delta1.T*dy1 = delta1.T*dW1*x + delta1.T*db1 + delta1.T*W1*dx"]
    assert all(d["steps"] for layer in record["layers"] for d in layer["derivations"])
    assert "steps" not in deep_backprop("3,2", "sigmoid", "sigmoid", "ce").to_dict(steps=False)["layers"][0][
        "derivations"][0]


def test_to_dict_is_the_json_record_of_both_forms(run):
    one = symdiff.backprop(3, 2, "sigmoid", "ce")
    assert one.to_dict() == json.loads(run("backprop", "--inputs", "3", "--outputs", "2", "--loss", "ce",
                                           "--format", "json").stdout)
    deep = symdiff.backprop(layers="3,2,2", output="softmax", loss="ce")
    assert deep.to_dict() == json.loads(run("backprop", "--layers", "3,2,2", "--output", "softmax", "--loss", "ce",
                                            "--format", "json").stdout)
    assert "NumericPass" in symdiff.backprop.__doc__ and "Raises" in symdiff.backprop.__doc__


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_words_use_columns_and_the_formulas_names(run, lang):
    out = run("backprop", "--layers", "3,2,2", "--activation", "sigmoid", "--output", "softmax", "--loss", "ce",
              "--lang", lang).stdout
    assert "∂L/∂a₁ = δ₂ᵀW₂" not in out and "∂L/∂z·∂z/∂y" not in out and "sigmoid′" not in out and "= sigmoid(" not in out
    assert "(∂z/∂y₂)ᵀ ∂L/∂z" in out and "W₂ᵀδ₂" in out and "σ′(y₁)" in out
    one = run("backprop", "--lang", lang).stdout
    assert "∂L/∂z·∂z/∂y" not in one and "(∂z/∂y)ᵀ·∂L/∂z" in one


def test_binary_cross_entropy_is_grouped_and_ln_in_both_languages(run):
    en = run("backprop", "--layers", "3,2", "--loss", "ce").stdout
    ko = run("backprop", "--layers", "3,2", "--loss", "ce", "--lang", "ko").stdout
    # stated as a sum over the components, ending the forward pass; ln, as the scalar engine's views write it
    for out in (en, ko):
        line = out.split("\n")[1]
        assert "L = −Σᵢ [tᵢ ln zᵢ + (1 − tᵢ) ln(1 − zᵢ)]" in line and "log" not in line
    assert all("−Σᵢ [" in name for pair, name in PAIRS.items() if pair == ("sigmoid", "ce"))


def test_the_one_layer_heading_is_in_the_language(run):
    ko = run("backprop", "--format", "markdown", "--lang", "ko").stdout
    assert ko.startswith("### 역전파:") and "backprop" not in ko
    assert run("backprop", "--format", "markdown").stdout.startswith("### Backpropagation:")


def test_relu_and_log_words_name_their_entry(run):
    for lang, words in (("en", "for each entry u, 1 where u > 0"), ("ko", "각 원소 u가 u > 0이면 1")):
        out = run("matrix", "sum(relu(x))", "x", "--shape", "x=3,1", "--lang", lang).stdout
        assert words in out and "a > 0" not in out, out


def test_loss_help_names_both_cross_entropies_and_softmax_points_to_output(run):
    help_text = " ".join(run("backprop", "--help").stdout.split())
    assert "categorical" in help_text and "binary" in help_text
    for args in (["backprop", "--activation", "softmax"],
                 ["backprop", "--layers", "3,2,2", "--activation", "softmax"]):
        out = run(*args)
        assert out.exit_code == 2 and "--output softmax" in " ".join((out.stdout + out.stderr).replace("│", "").split())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["2,3,2", "3,2", "2,2,3,2"]), st.integers(0, 10_000))
def test_every_gradient_read_off_the_layers_differential_gives_it_back(layers, seed):
    # dL written once per layer must equal Σ ⟨∂L/∂X, dX⟩ over the gradients read off it (and, on a later
    # layer, ⟨W_lᵀδ_l, da_{l−1}⟩, what the chain carries back): a wrong term or a wrong read-off shows here
    result = deep_backprop(layers, "tanh", "sigmoid", "ce")
    rng = random.Random(seed)
    sizes = dict(zip(result.shapes, result.shapes.values()))
    values = {}
    for name, (rows, cols) in sizes.items():
        values[name] = random_matrix(rng, rows, cols, 0)
        values["d" + name] = random_matrix(rng, rows, cols, 0)
    ev = Evaluator(values, {})

    def inner(g, d):
        a, b = ev(g), ev(d)
        return sum(a[i, j] * b[i, j] for i in range(a.rows) for j in range(a.cols))

    for layer in result.layers:
        l = layer.index
        prev = "x" if l == 1 else f"a{l - 1}"
        claimed = inner(layer.gradients["W"].value, E.Differential(E.Sym(f"W{l}", sizes[f"W{l}"]))) \
            + inner(layer.gradients["b"].value, E.Differential(E.Sym(f"b{l}", sizes[f"b{l}"])))
        back = layer.gradients["x"].value if l == 1 else E.mul(E.transpose(E.Sym(f"W{l}", sizes[f"W{l}"])),
                                                               layer.delta_sym)
        claimed += inner(back, E.Differential(E.Sym(prev, sizes[prev])))
        assert abs(ev(layer.differential)[0, 0] - claimed) < mpmath.mpf(10) ** -12
        # and dL = δ_lᵀdy_l with dy_l = dW_l a_{l−1} + db_l + W_l da_{l−1}
        dy = values[f"dW{l}"] * values[prev] + values[f"db{l}"] + values[f"W{l}"] * values["d" + prev]
        assert abs((values[f"delta{l}"].T * dy)[0, 0] - claimed) < mpmath.mpf(10) ** -12


def test_backprop_takes_a_time_limit_and_a_memory_limit():
    # a wide network's --check runs for minutes: --timeout ends it as for every other command, and the
    # out-of-memory message names an option backprop has
    from helpers import invoke

    result = invoke("backprop", "--layers", "300,300", "--check", "--no-steps", "--timeout", "0.5")
    assert result.exit_code == 1 and "no result within the time limit of 0.5 s (--timeout)" in result.stderr
    assert invoke("backprop", "--memory", "0", "--no-steps").exit_code == 0


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_time_limit_and_a_memory_limit_are_said_in_the_language_asked(lang):
    """Korean output said "오류: no result within the time limit of 0.5 s (--timeout)" and "--memory 5 is
    too small: …": both come from the catalogue now (check's own timeout words were already there)."""
    from helpers import invoke

    from symdiff.core.errors import Words, localized

    result = invoke("backprop", "--layers", "300,300", "--check", "--no-steps", "--timeout", "0.5", "--lang", lang)
    assert result.exit_code == 1
    assert localized(Words("error.timeout", seconds="0.5", option="--timeout"), lang) in result.stderr, result.stderr
    result = invoke("partial", "x", "x", "--memory", "5", "--lang", lang)
    assert result.exit_code == 2 and "--memory 5" in result.stderr
    assert ("MiB가 필요합니다" in result.stderr) == (lang == "ko"), result.stderr
