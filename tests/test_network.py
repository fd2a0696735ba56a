"""The network spec of `backprop --layers`: sizes, activations per hidden layer, output/loss pairs."""

import pytest
from helpers import invoke
from hypothesis import given
from hypothesis import strategies as st

from symdiff.core.errors import ParseError
from symdiff.matrix.network import HIDDEN_ACTIVATIONS, LOSSES, OUTPUTS, PAIRS, parse_network

sizes = st.lists(st.one_of(st.integers(1, 50).map(str), st.sampled_from(["n", "h", "m", "k2"])), min_size=2,
                 max_size=6)


@given(sizes, st.sampled_from(HIDDEN_ACTIVATIONS), st.sampled_from(OUTPUTS), st.sampled_from(LOSSES))
def test_one_activation_serves_every_hidden_layer_and_pairs_follow_the_table(layers, act, output, loss):
    text = ",".join(layers)
    if (output, loss) not in PAIRS:
        with pytest.raises(ParseError) as refused:
            parse_network(text, act, output, loss)
        assert "--output softmax --loss ce" in refused.value.message
        return
    net = parse_network(text, act, output, loss)
    assert net.depth == len(layers) - 1
    assert net.activations == (act,) * (len(layers) - 2)
    assert [net.activation(layer) for layer in range(1, net.depth + 1)] == [act] * (net.depth - 1) + [output]
    assert net.sizes == tuple(int(s) if s.isdigit() else s for s in layers)


@given(st.lists(st.sampled_from(HIDDEN_ACTIVATIONS), min_size=1, max_size=5), st.integers(0, 5))
def test_one_activation_per_hidden_layer_or_a_clear_refusal(acts, hidden):
    layers = ",".join(["3"] * (hidden + 2))
    if len(acts) in (1, hidden):
        net = parse_network(layers, ",".join(acts), "identity", "mse")
        assert net.activations == (tuple(acts) if len(acts) == hidden else tuple(acts) * hidden)
    else:
        with pytest.raises(ParseError) as refused:
            parse_network(layers, ",".join(acts), "identity", "mse")
        assert f"has {hidden} hidden layer" in refused.value.message


@pytest.mark.parametrize("layers, words", [("4", "at least two sizes"), ("", "at least two sizes"),
                                           (",".join(["2"] * 18), "at most 17 sizes"),
                                           ("4,W1,2", "network's own symbols"), ("4,0,2", "from 1 to 9999")])
def test_bad_layers_are_named(layers, words):
    with pytest.raises(ParseError) as refused:
        parse_network(layers)
    assert words in refused.value.message


@pytest.mark.parametrize("fmt", ["text", "rich", "markdown", "latex", "html"])
@pytest.mark.parametrize("sizes, title", [("2,3", "Backpropagation through a network of one layer"),
                                          ("2,3,2", "Backpropagation through a network of 2 layers"),
                                          ("n,h,h,m", "Backpropagation through a network of 3 layers")])
def test_the_title_counts_layers_in_good_english(run, fmt, sizes, title):
    out = run("backprop", "--layers", sizes, "--format", fmt).stdout
    assert title in out and "1 layers" not in out


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "identity"])
@pytest.mark.parametrize("layers", ["3,2", "n,m", "5, 1"])
def test_an_activation_given_to_a_network_without_hidden_layers_is_refused(activation, layers):
    """--layers 3,2 has no hidden layer, so --activation had nothing to set: a tanh asked for was dropped
    without a word and the output was a sigmoid (the newcomer's review). Refused, naming --output and
    the one-layer form; without --activation the network is as before."""
    refused = invoke("backprop", "--layers", layers, "--activation", activation, "--no-steps")
    assert refused.exit_code == 2 and "--output" in refused.output and "--inputs" in refused.output, refused.output
    assert invoke("backprop", "--layers", layers, "--no-steps").exit_code == 0


@given(good=st.lists(st.integers(1, 50), min_size=1, max_size=5), at=st.integers(0, 5),
       bad=st.sampled_from(["0", "-1", "00", "10000", "", "1.5", "x", "W1"]), lang=st.sampled_from(["en", "ko"]))
def test_a_bad_layer_size_names_the_option_the_value_and_its_layer(good, at, bad, lang):
    # "--layers 0,3" said "--layers size 0 is a size: …": the size's index read as a size
    from symdiff.core.errors import localized

    parts = [str(n) for n in good]
    at = min(at, len(parts))
    parts.insert(at, bad)
    layers = ",".join(parts)
    with pytest.raises(ParseError) as refused:
        parse_network(layers)
    words = localized(refused.value.message, lang)
    assert words.startswith(f"--layers {layers}: ") and repr(bad) in words
    role = ("input", "입력층") if at == 0 else ("output", "출력층") if at == len(parts) - 1 else \
        (f"hidden layer {at}'s", f"은닉층 {at}")
    assert role[lang == "ko"] in words
    assert (f"size {at + 1} of {len(parts)}" if lang == "en" else f"{len(parts)}개 중 {at + 1}번째") in words
