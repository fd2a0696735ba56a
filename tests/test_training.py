"""The numbers of backprop --layers: symdiff.matrix.training.

A 2-2-2 network worked by hand in plain Python (math.exp, explicit loops) pins the formulas; central
finite differences of the loss pin every gradient on generated networks; each kind of bad --at input
has its test, and random JSON never gets past load_values as anything but values or a clean error.
"""

from __future__ import annotations

import json
import math
import os
import random

import mpmath
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symdiff.core.errors import LimitError, MissingValue, SymdiffError, UsageError
from symdiff.matrix import training as T
from symdiff.matrix.network import HIDDEN_ACTIVATIONS, PAIRS, parse_network

HAND_VALUES = {
    "x": [1.0, -2.0],
    "t": [0.0, 1.0],
    "W1": [[0.5, -0.25], [0.75, 0.1]],
    "b1": [0.1, -0.2],
    "W2": [[0.3, -0.6], [-0.4, 0.9]],
    "b2": [0.05, -0.05],
}


def _hand_2_2_2(v: dict, lr: float):
    """sigmoid hidden layer, softmax output, categorical cross-entropy, by hand."""
    x, t, W1, b1, W2, b2 = (v[k] for k in ("x", "t", "W1", "b1", "W2", "b2"))
    y1 = [W1[i][0] * x[0] + W1[i][1] * x[1] + b1[i] for i in range(2)]
    a1 = [1 / (1 + math.exp(-y1[i])) for i in range(2)]
    y2 = [W2[i][0] * a1[0] + W2[i][1] * a1[1] + b2[i] for i in range(2)]
    e = [math.exp(y2[i]) for i in range(2)]
    z = [e[i] / (e[0] + e[1]) for i in range(2)]
    loss = -(t[0] * math.log(z[0]) + t[1] * math.log(z[1]))
    d2 = [z[i] - t[i] for i in range(2)]  # t sums to 1
    d1 = [(W2[0][i] * d2[0] + W2[1][i] * d2[1]) * a1[i] * (1 - a1[i]) for i in range(2)]
    gW2 = [[d2[i] * a1[j] for j in range(2)] for i in range(2)]
    gW1 = [[d1[i] * x[j] for j in range(2)] for i in range(2)]
    gx = [W1[0][j] * d1[0] + W1[1][j] * d1[1] for j in range(2)]
    new = {
        "x": x, "t": t,
        "W1": [[W1[i][j] - lr * gW1[i][j] for j in range(2)] for i in range(2)],
        "b1": [b1[i] - lr * d1[i] for i in range(2)],
        "W2": [[W2[i][j] - lr * gW2[i][j] for j in range(2)] for i in range(2)],
        "b2": [b2[i] - lr * d2[i] for i in range(2)],
    }
    return {"y1": y1, "a1": a1, "z": z, "loss": loss, "d1": d1, "d2": d2, "gW1": gW1, "gW2": gW2, "gx": gx,
            "new": new}


def _close(a, b, tol=1e-12):
    assert abs(float(a) - float(b)) <= tol * (1 + abs(float(b))), (a, b)


def _close_vector(m, v, tol=1e-12):
    assert m.rows == len(v) and m.cols == 1
    for i, b in enumerate(v):
        _close(m[i, 0], b, tol)


def _close_rows(m, rows, tol=1e-12):
    assert (m.rows, m.cols) == (len(rows), len(rows[0]))
    for i, row in enumerate(rows):
        for j, b in enumerate(row):
            _close(m[i, j], b, tol)


def test_2_2_2_softmax_ce_by_hand():
    lr = 0.5
    hand = _hand_2_2_2(HAND_VALUES, lr)
    p = T.train_step("2,2,2", HAND_VALUES, activation="sigmoid", output="softmax", loss="ce", lr=lr)
    _close_vector(p.ys[0], hand["y1"])
    _close_vector(p.activations[1], hand["a1"])
    _close_vector(p.output, hand["z"])
    _close(p.loss, hand["loss"])
    _close_vector(p.deltas[1], hand["d2"])
    _close_vector(p.deltas[0], hand["d1"])
    _close_rows(p.grad_W[1], hand["gW2"])
    _close_rows(p.grad_W[0], hand["gW1"])
    _close_vector(p.grad_b[1], hand["d2"])
    _close_vector(p.grad_b[0], hand["d1"])
    _close_vector(p.grad_x, hand["gx"])
    new = hand["new"]
    for name in ("W1", "W2"):
        _close_rows(p.update.weights[name], new[name])
    for name in ("b1", "b2"):
        _close_vector(p.update.weights[name], new[name])
    after = _hand_2_2_2(new, 0)["loss"]
    _close(p.update.loss_after, after)
    assert p.update.went_down == (after < hand["loss"]) is True
    assert p.notes == []


def test_t_not_summing_to_one_uses_the_general_form():
    values = dict(HAND_VALUES, t=[0.5, 1.0])
    p = T.train_step("2,2,2", values, output="softmax", loss="ce")
    z = p.output
    _close_vector(p.deltas[1], [z[0, 0] * 1.5 - 0.5, z[1, 0] * 1.5 - 1.0])
    assert [n.kind for n in p.notes] == ["t_not_normalised"]
    assert "1.5" in p.notes[0].message("en") and "(1ᵀt)z − t" in p.notes[0].message("en")
    assert "합이 1이 아니므로" in p.notes[0].message("ko")
    _finite_differences(p.network, p.values, p)  # the general form is the loss's true gradient


# ---------------------------------------------------------------- finite differences


H = mpmath.mpf("1e-9")


def _finite_differences(network, values, p):
    """Every entry of every W_l, b_l and x: the central difference of the loss against the pass."""
    targets = [("x", p.grad_x)]
    for l in range(1, network.depth + 1):
        targets += [(f"W{l}", p.grad_W[l - 1]), (f"b{l}", p.grad_b[l - 1])]
    with mpmath.workdps(T.DPS):
        for name, gradient in targets:
            m = values[name]
            for i in range(m.rows):
                for j in range(m.cols):
                    plus, minus = dict(values), dict(values)
                    plus[name], minus[name] = m.copy(), m.copy()
                    plus[name][i, j] += H
                    minus[name][i, j] -= H
                    fd = (T.loss_of(network, plus) - T.loss_of(network, minus)) / (2 * H)
                    assert abs(fd - gradient[i, j]) <= mpmath.mpf("1e-9") * (1 + abs(fd)), \
                        (name, i, j, fd, gradient[i, j], network)


@st.composite
def networks(draw):
    depth = draw(st.integers(2, 4))
    sizes = [draw(st.integers(1, 3)) for _ in range(depth + 1)]
    activations = [draw(st.sampled_from(HIDDEN_ACTIVATIONS)) for _ in range(depth - 1)]
    output, loss = draw(st.sampled_from(sorted(PAIRS)))
    # symbolic sizes: one name per distinct number, so a name used twice is bound twice from the values
    written = [f"s{n}" if draw(st.booleans()) else str(n) for n in sizes] if draw(st.booleans()) else sizes
    written = [f"s{n}" if f"s{n}" in written else w for n, w in zip(sizes, written)]
    network = parse_network(",".join(map(str, written)), ",".join(activations), output, loss)
    rng = random.Random(draw(st.integers(0, 2**32)))
    values = {"x": [rng.uniform(-1, 1) for _ in range(sizes[0])]}
    if loss == "ce" and output == "sigmoid":
        values["t"] = [rng.uniform(0, 1) for _ in range(sizes[-1])]
    elif loss == "ce" and draw(st.booleans()):  # a one-hot target, then any
        hot = rng.randrange(sizes[-1])
        values["t"] = [float(i == hot) for i in range(sizes[-1])]
    else:
        values["t"] = [rng.uniform(-1, 1) for _ in range(sizes[-1])]
    for l in range(1, depth + 1):
        values[f"W{l}"] = [[rng.uniform(-1.5, 1.5) for _ in range(sizes[l - 1])] for _ in range(sizes[l])]
        values[f"b{l}"] = [rng.uniform(-1, 1) for _ in range(sizes[l])]
    return network, values


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_gradients_agree_with_finite_differences(case):
    network, raw = case
    values, sizes = T.load_values(raw, network)
    assert sizes == {d: int(d[1:]) for d in network.sizes if isinstance(d, str)}
    p = T.numeric_pass(network, values)
    _finite_differences(network, values, p)


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_a_pass_as_plain_data_is_json_and_holds_the_gradients(case):
    # The Python API's answer to "give me the numbers": plain lists and floats, as the JSON record has.
    network, raw = case
    values, _ = T.load_values(raw, network)
    p = T.numeric_pass(network, values)
    data = p.to_dict()
    assert json.loads(json.dumps(data)) == data
    for entry in data["gradients"]:
        W = p.grad_W[entry["layer"] - 1]
        assert entry["W"] == [[float(W[i, j]) for j in range(W.cols)] for i in range(W.rows)]


@pytest.mark.parametrize("output,loss", sorted(PAIRS))
@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
def test_every_activation_and_pair_by_finite_differences(activation, output, loss):
    rng = random.Random(f"{activation}{output}{loss}")
    network = parse_network("3,2,2", activation, output, loss)
    raw = {"x": [rng.uniform(-1, 1) for _ in range(3)],
           "t": [0.3, 0.7] if loss == "ce" else [0.2, -0.4],
           "W1": [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(2)], "b1": [0.3, 0.2],
           "W2": [[rng.uniform(-1, 1) for _ in range(2)] for _ in range(2)], "b2": [0.1, -0.1]}
    values, _ = T.load_values(raw, network)
    _finite_differences(network, values, T.numeric_pass(network, values))


@settings(deadline=None, max_examples=40)
@given(networks())
def test_a_small_step_lowers_the_loss(case):
    network, raw = case
    values, _ = T.load_values(raw, network)
    p = T.numeric_pass(network, values)
    squared = sum(m[i, j] ** 2 for m in (*p.grad_W, *p.grad_b) for i in range(m.rows) for j in range(m.cols))
    assume(squared > 1e-8)
    stepped = T.numeric_pass(network, values, lr=1e-4)
    assert stepped.update.went_down, (network, raw)
    assert stepped.update.loss_after < stepped.loss
    assert not any(n.kind.startswith("loss_up") for n in stepped.notes)


def test_a_step_too_large_says_so_and_finds_a_smaller_one():
    network = parse_network("1,1", output="identity", loss="mse")
    values, _ = T.load_values({"x": [1], "t": [0], "W1": [[1]], "b1": [0]}, network)
    # L = ½(w + b)², gradient (1, 1) at w + b = 1: η = 2 overshoots to w + b = −3
    p = T.numeric_pass(network, values, lr=2)
    assert not p.update.went_down
    assert p.update.suggested_lr == 0.5  # η = 1 lands on w + b = −1, the same loss: not lower
    assert [n.kind for n in p.notes] == ["loss_up"]
    assert "0.5" in p.notes[0].message("en") and "too large" in p.notes[0].message("en")
    assert "학습률" in p.notes[0].message("ko")
    record = p.record()
    assert record["update"]["went_down"] is False and record["update"]["suggested_lr"] == 0.5
    assert record["notes"][0]["kind"] == "loss_up"


def test_a_zero_gradient_says_the_step_changes_nothing():
    network = parse_network("1,1,1", activation="relu", output="identity", loss="mse")
    values, _ = T.load_values({"x": [1], "t": [0], "W1": [[-1]], "b1": [0], "W2": [[1]], "b2": [0]}, network)
    p = T.numeric_pass(network, values, lr=0.1)
    assert not p.update.went_down and p.update.suggested_lr is None
    assert [n.kind for n in p.notes] == ["zero_gradient"]


def test_large_outputs_give_a_large_loss_not_log_zero():
    network = parse_network("1,2", output="sigmoid", loss="ce")
    values, _ = T.load_values({"x": [1], "t": [1, 0], "W1": [[-800], [800]], "b1": [0, 0]}, network)
    p = T.numeric_pass(network, values)
    _close(p.loss, 1600, 1e-9)
    network = parse_network("1,2", output="softmax", loss="ce")
    values, _ = T.load_values({"x": [1], "t": [1, 0], "W1": [[-800], [800]], "b1": [0, 0]}, network)
    p = T.numeric_pass(network, values)
    _close(p.loss, 1600, 1e-9)
    _close_vector(p.deltas[0], [-1, 1], 1e-9)


# ---------------------------------------------------------------- the record


def test_record_has_the_contracts_keys():
    p = T.train_step("2,2,2", json.dumps(HAND_VALUES), output="softmax", loss="ce", lr=0.1)
    record = p.record()
    assert {"loss", "deltas", "gradients", "update"} <= set(record)
    assert {"lr", "loss_after", "went_down"} <= set(record["update"])
    assert [d["layer"] for d in record["deltas"]] == [2, 1]  # from the output layer back
    assert [g["layer"] for g in record["gradients"]] == [2, 1]
    assert set(record["gradients"][0]) == {"layer", "W", "b"}
    assert record["update"]["lr"] == 0.1
    json.dumps(record, allow_nan=False)  # plain JSON floats
    assert all(isinstance(v, float) for g in record["gradients"] for row in g["W"] for v in row)
    assert T.train_step("2,2,2", HAND_VALUES, output="softmax", loss="ce").record()["update"] is None


def test_a_pass_survives_pickling():  # worker processes send results back pickled
    import pickle

    p = T.train_step("2,2,2", HAND_VALUES, output="softmax", loss="ce", lr=100)
    q = pickle.loads(pickle.dumps(p))
    assert q.record() == p.record() and q.grad_W[0] == p.grad_W[0]
    assert isinstance(q.update.weights["W1"], mpmath.matrix)


def test_named_sizes_are_bound_from_the_values():
    p = T.train_step("n,h,n", {"x": [1, 2], "t": [1, 0], "W1": [[1, 2], [3, 4], [5, 6]], "b1": [0, 0, 0],
                               "W2": [[1, 0, 0], [0, 1, 0]], "b2": [0, 0]}, output="identity", loss="mse")
    assert p.sizes == {"n": 2, "h": 3}
    assert p.record()["sizes"] == {"n": 2, "h": 3}


# ---------------------------------------------------------------- load_values errors


NET = parse_network("2,2", output="sigmoid", loss="mse")
GOOD = {"x": [1, 2], "t": [0, 1], "W1": [[1, 0], [0, 1]], "b1": [0, 0]}


def _error(source, network=NET):
    with pytest.raises(SymdiffError) as info:
        T.load_values(source, network)
    return info.value


def test_good_values_in_every_form(tmp_path):
    path = tmp_path / "v.json"
    path.write_text(json.dumps(GOOD))
    column = dict(GOOD, x=[[1], [2]])
    for source in (GOOD, json.dumps(GOOD), str(path), path, column, json.dumps(column)):
        values, sizes = T.load_values(source, NET)
        assert values["x"].rows == 2 and values["x"].cols == 1 and values["x"][1, 0] == 2
        assert sizes == {}


def test_missing_names_are_listed():
    e = _error({"x": [1, 2], "W1": [[1, 0], [0, 1]]})
    assert isinstance(e, MissingValue) and e.usage and e.type == "domain"
    assert "t, b1" in e.message and "x, t, W1, b1" in e.message


@settings(deadline=None, max_examples=40)
@given(st.sets(st.sampled_from(sorted(GOOD)), min_size=1))
def test_a_name_in_the_wrong_case_is_named_as_the_likely_slip(recased):
    values = {(k.swapcase() if k in recased else k): v for k, v in GOOD.items()}
    e = _error(values)
    assert isinstance(e, MissingValue)
    for name in sorted(recased):
        assert f"{name.swapcase()!r} for {name}" in e.message, e.message


def test_an_extra_name_is_refused():
    e = _error(dict(GOOD, W2=[[1]]))
    assert isinstance(e, UsageError) and "'W2'" in e.message and "x, t, W1, b1" in e.message


def test_a_wrong_shape_says_expected_and_got():
    e = _error(dict(GOOD, W1=[[1, 0], [0, 1], [1, 1]]))
    assert isinstance(e, UsageError) and "W1 should be 2×2" in e.message and "it is 3×2" in e.message
    e = _error(dict(GOOD, x=[[1, 2]]))
    assert "x should be 2×1" in e.message and "1×2" in e.message


def test_a_named_size_used_twice_must_agree():
    network = parse_network("n,h,n", output="identity", loss="mse")
    values = {"x": [1, 2], "t": [1, 0, 0], "W1": [[1, 2]], "b1": [0], "W2": [[1], [2]], "b2": [0, 0]}
    e = _error(values, network)
    assert isinstance(e, UsageError)
    assert "t should be n×1 = 2×1 (n = 2 from x), but it is 3×1" in e.message


def test_ragged_and_empty_and_mixed_matrices():
    assert "row 2 of W1 has 1 entries" in _error(dict(GOOD, W1=[[1, 0], [0]])).message
    assert "empty list" in _error(dict(GOOD, b1=[])).message
    assert "mixes numbers and lists" in _error(dict(GOOD, W1=[[1, 0], 2])).message
    assert "list of rows" in _error(dict(GOOD, W1=[1, 0, 0, 1])).message
    assert "row 1 of W1 is empty" in _error(dict(GOOD, W1=[[], []])).message


@pytest.mark.parametrize("bad,word", [(True, "true"), ("1", '"1"'), (None, "null"), ({"a": 1}, '{"a": 1}')])
def test_entries_that_are_not_numbers(bad, word):
    e = _error(dict(GOOD, W1=[[1, bad], [0, 1]]))
    assert isinstance(e, UsageError) and f"W1[1][2] is {word}, not a number" in e.message


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_numbers_are_refused(text):
    e = _error('{"x": [1, %s], "t": [0, 1], "W1": [[1, 0], [0, 1]], "b1": [0, 0]}' % text)
    assert isinstance(e, UsageError) and "finite" in e.message
    e = _error(dict(GOOD, x=[1, float(text)]))
    assert "finite" in e.message


def test_python_values_that_are_not_json():
    from fractions import Fraction

    from symdiff.core.errors import InputTypeError

    assert isinstance(_error(dict(GOOD, x=[10**400, 0])), LimitError)
    assert "not a number" in _error(dict(GOOD, x=[object(), 0])).message
    assert "write it as" in _error(dict(GOOD, x=object())).message
    for source in (5, None, [GOOD]):
        assert isinstance(_error(source), InputTypeError)
    values, _ = T.load_values(dict(GOOD, x=[Fraction(1, 4), 0]), NET)
    assert values["x"][0, 0] == mpmath.mpf(0.25)


def test_a_missing_file(tmp_path):
    e = _error(str(tmp_path / "nope.json"))
    assert isinstance(e, T.ValuesFileError) and e.unreadable and e.usage and "no file" in e.message


def test_a_directory_and_bytes_that_are_not_utf8(tmp_path):
    assert "directory" in _error(str(tmp_path)).message
    path = tmp_path / "v.json"
    path.write_bytes(b'{"x": "\xff"}')
    assert "not UTF-8" in _error(str(path)).message


def test_text_that_is_not_json_gives_line_and_column(tmp_path):
    path = tmp_path / "v.json"
    path.write_text('{"x": [1, 2],\n "t": [0 1]}')
    e = _error(str(path))
    assert isinstance(e, UsageError) and "not JSON" in e.message and "line 2, column 10" in e.message
    e = _error('{"x": [1, 2], }')
    assert "line 1, column 15" in e.message and e.column == 15
    assert "JSON object" in _error("[1, 2]").message
    assert "needs a JSON file" in _error("  ").message


def test_limits(tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"x": [' + "0, " * (T.MAX_BYTES // 3) + "0]}")
    assert isinstance(_error(str(path)), LimitError)
    if os.path.exists("/dev/zero"):  # endless data is read only up to the limit
        assert isinstance(_error("/dev/zero"), SymdiffError)
    assert isinstance(_error('{"x": [' + "0, " * (T.MAX_BYTES // 3) + "0]}"), LimitError)
    wide = parse_network("9999,3", output="identity", loss="mse")
    e = _error({"x": [0] * 9999, "t": [0] * 3, "W1": [[0] * 9999] * 3, "b1": [0] * 3}, wide)
    assert isinstance(e, LimitError) and "numbers" in e.message
    e = _error('{"x": [1%s, 2], "t": [0, 1], "W1": [[1, 0], [0, 1]], "b1": [0, 0]}' % ("0" * 5000))
    assert isinstance(e, LimitError) and "digits" in e.message
    assert isinstance(_error(dict(GOOD, x=[1e13, 0])), LimitError)
    assert isinstance(_error("[" * 100_000 + "]" * 100_000), LimitError)
    named = parse_network("n,2", output="identity", loss="mse")
    e = _error({"x": [0] * 10_000, "t": [0, 0], "W1": [[0], [0]], "b1": [0, 0]}, named)
    assert isinstance(e, LimitError)  # the entries' limit, before a size of 10000 is bound


@pytest.mark.parametrize("lr,kind", [(0, UsageError), (-0.1, UsageError), (float("nan"), UsageError),
                                     (float("inf"), UsageError), (True, UsageError), ("0.1", UsageError),
                                     (1e9, LimitError)])
def test_bad_learning_rates(lr, kind):
    values, _ = T.load_values(GOOD, NET)
    with pytest.raises(kind):
        T.numeric_pass(NET, values, lr=lr)


def test_values_past_a_float_are_a_domain_error():
    network = parse_network(",".join(["1"] * 13), activation="identity", output="identity", loss="mse")
    raw = {"x": [1e12], "t": [0]}  # y12 = 1e156, L = ½·1e312
    for l in range(1, 13):
        raw[f"W{l}"], raw[f"b{l}"] = [[1e12]], [0]
    values, _ = T.load_values(raw, network)
    with pytest.raises(SymdiffError) as info:
        T.numeric_pass(network, values)
    assert info.value.type == "domain" and "1e300" in info.value.message


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=30)
_names = st.sampled_from(["x", "t", "W1", "b1", "W2", "b2", "W3", "y"])


@settings(deadline=None, max_examples=200)
@given(st.dictionaries(_names, _json, max_size=6), st.booleans())
def test_random_json_gives_values_or_a_clean_error(data, as_text):
    network = parse_network("2,n,1", output="sigmoid", loss="ce")
    try:
        source = json.dumps(data) if as_text else data
    except ValueError:
        return
    try:
        values, sizes = T.load_values(source, network)
    except SymdiffError as exc:
        assert exc.message and exc.type in ("syntax", "domain", "limit")
        return
    assert set(values) == {"x", "t", "W1", "b1", "W2", "b2"} and set(sizes) == {"n"}
    T.numeric_pass(network, values, lr=0.1, sizes=sizes).record()


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=60))
def test_random_text_gives_values_or_a_clean_error(text):
    try:
        T.load_values("{" + text, NET)
    except SymdiffError as exc:
        assert exc.message


# ---------------------------------------------------------------- the human views


def _views(p, lang):
    from rich.console import Console

    from symdiff.render import training as R

    console = Console(width=120, record=True, file=__import__("io").StringIO())
    console.print(R.rich_renderable(p, lang))
    return {"text": "\n".join(R.text_lines(p, lang)), "markdown": "\n".join(R.markdown_lines(p, lang)),
            "latex": "\n".join(R.latex_lines(p, lang)), "html": R.html_section(p, lang),
            "rich": console.export_text()}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_view_shows_every_number(lang):
    import xml.etree.ElementTree as ET

    from symdiff.render.training import _num

    p = T.train_step("2,2,2", HAND_VALUES, output="softmax", loss="ce", lr=0.5)
    views = _views(p, lang)
    shown = [p.loss, p.update.loss_after, p.grad_x[0, 0]]
    for l in range(1, 3):
        shown += [p.deltas[l - 1][1, 0], p.grad_W[l - 1][1, 0]]
    for name, view in views.items():
        minus = "-" if name in ("latex", "markdown") else "−"
        for v in shown:
            assert _num(v, minus) in view, (name, v)
    ET.fromstring(views["html"])  # well-formed: MathML in a section
    for tex in (views["latex"], views["markdown"]):
        assert tex.count("{") == tex.count("}") and r"\begin{bmatrix}" in tex
    words = ("학습률", "손실", "경사 하강법 한 단계") if lang == "ko" else ("learning rate", "loss", "gradient descent")
    for view in views.values():
        for word in words:
            assert word in view


def test_text_matrices_are_bracketed_blocks():
    from symdiff.render.training import text_block

    m = mpmath.matrix([[1, -2.5], [30, 4], [5, 6]])
    assert text_block(m) == ["⎡  1  −2.5 ⎤", "⎢ 30     4 ⎥", "⎣  5     6 ⎦"]
    assert text_block(mpmath.matrix([[1, 2]])) == ["[ 1  2 ]"]
    assert text_block(mpmath.matrix([[1], [-2]])) == ["[1, −2]ᵀ"]


def test_the_views_say_when_the_loss_did_not_go_down():
    network = parse_network("1,1", output="identity", loss="mse")
    values, _ = T.load_values({"x": [1], "t": [0], "W1": [[1]], "b1": [0]}, network)
    p = T.numeric_pass(network, values, lr=2)
    for lang, words in (("en", "did not go down"), ("ko", "줄지 않았습니다")):
        for view in _views(p, lang).values():
            assert words in view


@settings(deadline=None, max_examples=25)
@given(networks(), st.sampled_from([None, 1e-3, 0.5, 1e3]), st.sampled_from(["en", "ko"]))
def test_every_view_of_a_generated_network(case, lr, lang):
    network, raw = case
    p = T.train_step(",".join(map(str, network.sizes)), raw, ",".join(network.activations) or "sigmoid",
                     network.output, network.loss, lr=lr)
    json.dumps(p.record(lang), allow_nan=False)
    views = _views(p, lang)
    for view in views.values():
        assert view.strip()
    if lr is not None:
        went = "went down" if lang == "en" else "줄었습니다"
        assert (went in views["text"]) == p.update.went_down


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 4), st.integers(0, 3), st.randoms(use_true_random=False))
def test_a_relu_input_exactly_at_its_corner_is_named_in_a_note(width, corner, rng):
    # y₁'s entry `corner` is exactly 0 (its row of W1 is orthogonal to x and b is 0): relu′ does not exist
    # there, and the numbers take relu′(0) = 0; every other entry is away from 0 and gets no note
    corner = corner % width
    x = [1, 1]
    W1 = [[round(rng.uniform(0.5, 2), 2), round(rng.uniform(0.5, 2), 2)] for _ in range(width)]
    W1[corner] = [1.5, -1.5]
    values = {"x": x, "t": [0, 1], "W1": W1, "b1": [0] * width, "W2": [[1] * width, [-1] * width], "b2": [0, 0]}
    p = T.train_step(f"2,{width},2", values, activation="relu", output="softmax", loss="ce")
    corners = [n for n in p.notes if n.kind == "corner"]
    assert [n.values["entry"] for n in corners] == [corner + 1]
    assert corners[0].values["left"] == "0" and corners[0].values["right"] == "1" and corners[0].values["used"] == "0"
    assert "PyTorch" in corners[0].message("en") and "PyTorch" in corners[0].message("ko")


@given(st.floats(20, 200), st.integers(2, 5))
def test_a_confident_right_answer_has_a_tiny_loss_not_zero(margin, m):
    # softmax cross-entropy of a right answer by margin M is log(1 + (m − 1)·e^(−M)) > 0, however small
    values = {"x": [1], "t": [1] + [0] * (m - 1), "W1": [[margin]] + [[0]] * (m - 1), "b1": [0] * m}
    p = T.train_step(f"1,{m}", values, output="softmax", loss="ce")
    expected = mpmath.log1p((m - 1) * mpmath.exp(-mpmath.mpf(margin)))
    assert p.loss > 0 and abs(p.loss - expected) <= expected * mpmath.mpf("1e-12")


@pytest.mark.parametrize("view", ["markdown_lines", "latex_lines"])
def test_documents_write_the_numbers_derivatives_as_fractions(view):
    # \partial L/\partial W_{2} (a slash in display math) → \frac{\partial L}{\partial W_{2}}
    from symdiff.render import training as views

    p = T.train_step("2,2,2", HAND_VALUES, activation="sigmoid", output="softmax", loss="ce", lr=0.5)
    text = "\n".join(getattr(views, view)(p, "en"))
    assert r"\frac{\partial L}{\partial W_{2}}" in text and r"\partial L/" not in text
