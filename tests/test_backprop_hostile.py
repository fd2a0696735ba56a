"""What an attacker gave `backprop --layers … --at … --lr …`, the one-layer Python API and its values:
each kind of bad value is a symdiff error that says what is wrong, never numpy's or Python's own
exception; a FIFO with no writer does not hang; the notes and the Rich view say what the numbers mean.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symdiff
from symdiff.core.errors import InputTypeError, LimitError, ParseError, SymdiffError, UsageError
from symdiff.matrix import training as T
from symdiff.matrix.network import parse_network

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

NET = parse_network("2,2,2", output="sigmoid", loss="mse")
GOOD = {"x": [1, 2], "t": [0, 1], "W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0, 0], "W2": [[0.1, 0.2], [0.3, 0.4]],
        "b2": [0, 0]}


class StrangeEq:
    """What a numpy array does to `value == []`: its == does not give a bool."""

    def __eq__(self, other):
        raise ValueError("operands could not be broadcast together")

    __hash__ = object.__hash__


class ArrayLike(StrangeEq):
    def tolist(self):
        return [1.0, 2.0]


strange = st.one_of(
    st.builds(StrangeEq), st.builds(ArrayLike),
    st.integers(min_value=2**1024, max_value=10**500).map(lambda n: n * 1),  # past a float
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(), st.fractions().map(lambda f: f * 10**400),
    st.tuples(st.integers(-3, 3), st.integers(-3, 3)),
    st.floats(), st.booleans(), st.none(), st.text(max_size=3),
)
places = st.sampled_from(["x", "x[0]", "W1", "W1[0]", "W1[0][1]", "t[1]", "lr"])


def _put(value, place: str):
    values = json.loads(json.dumps(GOOD))
    if place == "lr":
        return values, value
    name, *index = place.replace("]", "").split("[")
    if not index:
        values[name] = value
    elif len(index) == 1:
        values[name][int(index[0])] = value
    else:
        values[name][int(index[0])][int(index[1])] = value
    return values, 0.1


@PROPERTY
@given(strange, places)
def test_any_python_value_is_a_symdiff_error_or_a_result(value, place):
    values, lr = _put(value, place)
    try:
        symdiff.backprop(layers="2,2,2", at=values, lr=lr)
    except SymdiffError as exc:
        assert isinstance(exc, (UsageError, InputTypeError, LimitError)) and exc.message
        assert "Traceback" not in exc.message


def test_a_numpy_array_says_it_is_not_a_list():
    numpy = pytest.importorskip("numpy")
    with pytest.raises(InputTypeError) as info:
        symdiff.backprop(layers="2,2,2", at=dict(GOOD, x=numpy.array([1.0, 2.0])))
    assert "numpy.ndarray" in info.value.message and ".tolist()" in info.value.message


def test_an_int_too_big_for_a_float_is_a_limit_not_an_overflow():
    with pytest.raises(LimitError):
        symdiff.backprop(layers="2,2,2", at=GOOD, lr=10**400)
    with pytest.raises(LimitError):
        symdiff.backprop(layers="2,2,2", at=GOOD, lr=Fraction(10**400))


@PROPERTY
@given(st.lists(st.integers(-8, 8), min_size=2, max_size=2), st.sampled_from([tuple, Decimal, Fraction]))
def test_tuples_decimals_and_fractions_read_as_lists_and_numbers(entries, kind):
    if kind is tuple:
        given_x, expected = tuple(entries), entries
    else:
        given_x = [kind(e) / 4 if kind is Fraction else kind(e) / Decimal(4) for e in entries]
        expected = [e / 4 for e in entries]
    values, _ = T.load_values(dict(GOOD, x=given_x), NET)
    assert [float(values["x"][i, 0]) for i in range(2)] == expected
    if kind is not tuple:
        assert T.check_lr(kind(1) / 10) == 0.1


# ---------------------------------------------------------------- the words of load_values


@PROPERTY
@given(st.sampled_from(sorted(GOOD)))
def test_a_name_given_twice_is_refused_by_name(name):
    text = json.dumps(GOOD)[:-1] + f', "{name}": {json.dumps(GOOD[name])}}}'
    with pytest.raises(UsageError) as info:
        T.load_values(text, NET)
    assert f"'{name}' twice" in info.value.message


@PROPERTY
@given(st.lists(st.floats(-1, 1), min_size=1, max_size=6), st.sampled_from(["W1", "W2"]))
def test_a_flat_list_for_a_matrix_says_matrix_and_shape(flat, name):
    with pytest.raises(UsageError) as info:
        T.load_values(dict(GOOD, **{name: flat}), NET)
    message = info.value.message
    assert "mixes" not in message and "2×2" in message and "flat list" in message and "list of rows" in message


@PROPERTY
@given(st.floats(1e12, 1e13, exclude_min=True))
def test_an_entry_past_the_limit_shows_digits_that_differ_from_it(value):
    with pytest.raises(LimitError) as info:
        T.load_values(dict(GOOD, x=[1, value]), NET)
    shown = info.value.message.split(" is ", 1)[1].split(";")[0]
    assert float(shown) == value and float(shown) > T.MAX_MAGNITUDE


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e400"])
@pytest.mark.parametrize("where,name", [(0, "x[1]"), (1, "x[2]")])
def test_every_non_finite_entry_is_named(text, where, name):
    x = ["1", "1"]
    x[where] = text
    source = json.dumps(GOOD).replace('"x": [1, 2]', '"x": [' + ", ".join(x) + "]")
    with pytest.raises(UsageError) as info:
        T.load_values(source, NET)
    assert name in info.value.message and "finite" in info.value.message


# ---------------------------------------------------------------- reading --at


def _load_in_a_thread(source):
    out: list = []

    def run():
        try:
            out.append(T.load_values(source, NET))
        except SymdiffError as exc:
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(600)
    assert not thread.is_alive(), "load_values hung"
    return out[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_with_no_writer_is_empty_input_not_a_hang(tmp_path):
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    got = _load_in_a_thread(str(fifo))
    assert isinstance(got, UsageError) and "empty" in got.message


def test_an_empty_file_and_dash_say_what_to_do(tmp_path):
    empty = tmp_path / "e.json"
    empty.write_text("  \n")
    assert "empty" in _load_in_a_thread(str(empty)).message
    dash = _load_in_a_thread("-")
    assert isinstance(dash, UsageError) and "/dev/stdin" in dash.message


@pytest.mark.skipif(not os.path.exists("/dev/stdin"), reason="no /dev/stdin")
def test_a_pipe_with_a_writer_is_read():
    done = subprocess.run([sys.executable, "-m", "symdiff", "backprop", "--layers", "2,2,2",
                           "--at", "/dev/stdin", "--format", "json", "--no-steps"],
                          input=json.dumps(GOOD), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["numeric"]["loss"] > 0


# ---------------------------------------------------------------- the learning rate and the notes


@PROPERTY
@given(st.floats(5e-324, 2.2250738585072014e-308, exclude_max=True))
def test_a_subnormal_learning_rate_is_refused(lr):
    with pytest.raises(LimitError) as info:
        T.check_lr(lr)
    assert "2.23e-308" in info.value.message
    assert T.check_lr(2.2250738585072014e-308) > 0


def _saturated(activation: str, depth: int):
    """Outputs so saturated that the gradient is about e⁻¹⁰⁰: no step changes the loss in 30 digits."""
    sizes = ",".join(["1"] * (depth + 1))
    network = parse_network(sizes, activation=activation, output="sigmoid", loss="mse")
    raw = {"x": [1], "t": [0]}
    for l in range(1, depth + 1):
        raw[f"W{l}"], raw[f"b{l}"] = [[1]], [100 if l == depth else 0]
    values, _ = T.load_values(raw, network)
    return T.numeric_pass(network, values, lr=0.1)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity"])
@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_halving_helps_without_a_corner_blames_precision_not_relu(activation, depth, lang):
    p = _saturated(activation, depth)
    [note] = [n for n in p.notes if n.kind == "loss_up_none"]
    assert not note.variant and "relu" not in note.message(lang)


def test_no_halving_helps_at_a_relu_corner_names_it():
    network = parse_network("1,1,1", activation="relu", output="sigmoid", loss="mse")
    values, _ = T.load_values({"x": [1], "t": [0], "W1": [[1]], "b1": [-1], "W2": [[1]], "b2": [100]}, network)
    p = T.numeric_pass(network, values, lr=0.1)
    kinds = [n.kind for n in p.notes]
    assert "corner" in kinds
    [note] = [n for n in p.notes if n.kind == "loss_up_none"]
    assert note.variant == "corner" and "relu" in note.message("en") and "y1" in note.message("en")


@PROPERTY
@given(st.lists(st.floats(-3, 3), min_size=2, max_size=2), st.sampled_from(["sigmoid", "softmax"]),
       st.sampled_from(["en", "ko"]))
def test_cross_entropy_targets_outside_0_1_are_noted(t, output, lang):
    network = parse_network("2,2", output=output, loss="ce")
    values, _ = T.load_values({"x": [1, 2], "t": t, "W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0, 0]}, network)
    p = T.numeric_pass(network, values, lr=0.1)
    outside = [i for i, v in enumerate(t) if not 0 <= v <= 1]
    notes = [n for n in p.notes if n.kind == "t_outside_unit"]
    assert bool(notes) == bool(outside)
    if notes:
        assert "[0, 1]" in notes[0].message(lang)
        assert all(f"t[{i + 1}]" in notes[0].message(lang) for i in outside)
        assert {"kind": "t_outside_unit", "message": notes[0].message(lang)} in p.record(lang)["notes"]
    mse = parse_network("2,2", output=output, loss="mse")
    assert not [n for n in T.numeric_pass(mse, values).notes if n.kind == "t_outside_unit"]


# ---------------------------------------------------------------- the Rich view


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 12), st.integers(40, 200), st.sampled_from(["en", "ko"]))
def test_rich_says_when_a_matrix_is_cut(width, columns, lang):
    from rich.console import Console

    from symdiff.render.training import rich_renderable

    network = parse_network(f"{width},{width}", output="identity", loss="mse")
    raw = {"x": [0.123456 * (i + 1) for i in range(width)], "t": [0] * width,
           "W1": [[-0.654321 * (i - j) for j in range(width)] for i in range(width)], "b1": [0] * width}
    values, _ = T.load_values(raw, network)
    p = T.numeric_pass(network, values, lr=0.1)
    console = Console(file=io.StringIO(), width=columns, color_system=None)
    console.print(rich_renderable(p, lang))
    before = console.file.getvalue().split("∂L/∂x")[0]  # the table, and the line after it if any
    flat = " ".join(before.split())
    said = "wider than this terminal" in flat or "터미널보다 넓어" in flat  # the notice, in either language
    assert (before.count("…") - said > 0) == said


# ---------------------------------------------------------------- the one-layer Python API


@PROPERTY
@given(st.sampled_from(["x", "y", "z", "t", "W", "b", "L", "a", "W1", "b2", "y3", "a1", "delta", "0", "10000",
                        "", "n m", "-1"]), st.booleans())
def test_one_layer_sizes_are_read_as_the_cli_reads_them(size, as_inputs):
    with pytest.raises(ParseError):
        symdiff.backprop(**({"inputs": size} if as_inputs else {"outputs": size}))


def test_one_layer_sizes_still_read_numbers_and_names():
    r = symdiff.backprop(inputs=" n ", outputs="3")
    assert (r.inputs, r.outputs) == ("n", 3)


@PROPERTY
@given(st.sampled_from(["inputs", "outputs"]), st.one_of(st.integers(1, 9), st.sampled_from(["k", "h"])))
def test_inputs_and_outputs_are_refused_with_layers(which, size):
    with pytest.raises(UsageError) as info:
        symdiff.backprop(layers="2,2,2", **{which: size})
    assert "one-layer" in info.value.message


@PROPERTY
@given(st.one_of(st.text(max_size=3), st.floats(), st.booleans(), st.none(),
                 st.integers(max_value=-1), st.integers(min_value=2**32)), st.booleans())
def test_a_seed_is_an_int_from_0_to_2_32(seed, deep):
    with pytest.raises((InputTypeError, ValueError)) as info:
        symdiff.backprop(seed=seed, **({"layers": "2,2"} if deep else {}))
    assert isinstance(info.value, SymdiffError) and "seed" in info.value.message
    assert symdiff.backprop(seed=2**32 - 1).inputs == "n"


_NUMBER_NAMES = ["nan", "inf", "infinity", "oo", "zoo", "pi", "e", "i"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_NUMBER_NAMES).flatmap(
           lambda name: st.tuples(*(st.sampled_from([c.lower(), c.upper()]) for c in name)).map("".join)),
       st.integers(0, 2))
def test_a_size_that_reads_as_a_number_is_refused_in_every_place(name, where):
    """`--layers 2,3,nan` printed "W₂ nan×3": a size named like a number or constant is refused, in the
    network's sizes, a matrix shape and a size inside the expression alike, in any case."""
    from symdiff.matrix.network import parse_size
    from symdiff.matrix.parse import parse_matrix, parse_shape

    sizes = ["2", "3", "4"]
    sizes[where] = name
    with pytest.raises(ParseError) as caught:
        parse_network(",".join(sizes))
    assert repr(name) in str(caught.value) and "number or constant" in str(caught.value)
    with pytest.raises(ParseError, match="number or constant"):
        parse_size(name, "--inputs")
    with pytest.raises(ParseError, match="number or constant"):
        parse_shape(f"x={name},1")
    with pytest.raises(ParseError, match="number or constant"):
        parse_matrix(f"eye({name})*x", {"x": (3, 1)})


@pytest.mark.parametrize("name", ["n", "hidden", "nan2", "pie", "ee", "N"])
def test_a_size_named_near_a_constant_is_still_a_name(name):
    from symdiff.matrix.network import parse_size
    from symdiff.matrix.parse import parse_shape

    assert parse_size(name) == name
    assert parse_shape(f"x={name},1") == ("x", (name, 1))
    assert parse_network(f"2,{name},1").sizes[1] == name


# ---------------------------------------------------------------- exit codes of --at files, and sizes as written

@pytest.mark.parametrize("content, status", [
    (b"", 2), (b"  \n\t\n", 2),  # read, and empty: no values, as a file of bad values (it exited 4)
    (b'{"x": "\xff"}', 2),  # read, and not UTF-8 text
    (b"{bad", 2),  # read, and not JSON
    (None, 4),  # not there: input that could not be read
    ("dir", 4),  # a directory
], ids=["empty", "blank", "not-utf8", "not-json", "missing", "directory"])
def test_an_at_file_of_bad_values_exits_2_and_one_that_cannot_be_read_4(tmp_path, content, status):
    """CONTRACT: 2 usage error; 4 input could not be read. An empty --at file exited 4 where a file of
    any other bad values exits 2."""
    from helpers import invoke

    path = tmp_path / "values.json"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    for lang in ("en", "ko"):
        result = invoke("backprop", "--layers", "2,2", "--at", str(path), "--lang", lang)
        assert result.exit_code == status, (lang, result.output)
        assert "Traceback" not in result.output


@PROPERTY
@given(sizes=st.lists(st.integers(1, 9999), min_size=2, max_size=4), points=st.lists(
    st.sampled_from(["", ".", ".0", ".00"]), min_size=4, max_size=4))
def test_a_whole_number_size_with_a_decimal_point_is_that_number(sizes, points):
    """`--layers 2,3.0,1` was refused: 3.0 is the whole number 3."""
    written = ",".join(f"{s}{p}" for s, p in zip(sizes, points))
    assert parse_network(written).sizes == tuple(sizes)
    from symdiff.matrix.parse import parse_shape

    assert parse_shape(f"A={sizes[0]}{points[0]},{sizes[1]}{points[1]}") == ("A", (sizes[0], sizes[1]))


@PROPERTY
@given(letter=st.sampled_from("은닉가힣хАαβж漢字"), tail=st.sampled_from(["", "닉", "1", "_h", "x"]),
       where=st.integers(0, 2))
def test_a_size_named_with_a_letter_a_name_cannot_have_is_refused_naming_that_letter(letter, tail, where):
    """`--layers 4,은닉,2` said "a name starting with a letter", and 은 is a letter: the refusal names the
    letter a size's name cannot have and what names are made of."""
    name = letter + tail
    sizes = ["4", "h", "2"]
    sizes[where] = name
    with pytest.raises(ParseError) as info:
        parse_network(",".join(sizes))
    said = str(info.value.message)
    assert repr(letter) in said and "ASCII letters" in said, said
    from symdiff.matrix.parse import parse_shape

    with pytest.raises(ParseError) as info:
        parse_shape(f"x={name},1")
    assert repr(letter) in str(info.value.message) and "ASCII letters" in str(info.value.message)
