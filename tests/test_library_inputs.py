"""What the command line reads, parsed by the library so the Python API reads it alike: answer
records (`check`, symdiff.features.answers.grade_record) and layer sizes (`backprop`,
symdiff.matrix.backprop.parse_size)."""

from __future__ import annotations

import json

import pytest
import sympy
from helpers import invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from symdiff import grade_record, gradient
from symdiff.core.errors import ParseError
from symdiff.features.answers import answer_record
from symdiff.matrix.backprop import check_network, parse_size

# --- answer records


@pytest.mark.parametrize("expr, var, answer, verdict", [
    ("x**2", "x", "2*x", "right"),
    ("3*x**2*y**4", "x", "6*x*y**3", "wrong"),
    ("x**2*y**2", "x,y", "4*x*y", "right"),
    ("x**2", "x", "2*x+", "unreadable"),
])
def test_a_record_is_graded_as_the_command_line_grades_it(expr, var, answer, verdict):
    text = answer_record(expr, var, answer)
    assert json.loads(text) == {"expr": expr, "var": var, "answer": answer}
    assert grade_record(text).verdict == grade_record(json.loads(text)).verdict == verdict
    line = json.loads(invoke("check", expr, var, answer, "--format", "json").stdout)
    assert line["verdict"] == verdict


def test_var_may_be_a_list_of_names():
    assert grade_record({"expr": "x**2*y**2", "var": ["x", "y"], "answer": "4*x*y"}).verdict == "right"


FIELDS = st.one_of(st.sampled_from(["x**2", "2*x", "x", "sin(x)", "x,y", "(", ""]), st.integers(), st.none(),
                   st.lists(st.sampled_from(["x", "y", 1]), max_size=2), st.text(max_size=8))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["expr", "var", "answer", "other"]), FIELDS))
def test_any_record_gets_a_verdict_never_an_exception(record):
    verdict = grade_record(record)
    assert verdict.verdict in ("right", "wrong", "inconclusive", "unreadable")
    complete = all(isinstance(record.get(k), str) for k in ("expr", "answer")) and (
        isinstance(record.get("var"), str) or (isinstance(record.get("var"), list)
                                               and all(isinstance(v, str) for v in record["var"])))
    if not complete:  # the wrong shape: a syntax error that says what a record holds
        assert verdict.verdict == "unreadable" and verdict.error.type == "syntax"
        assert "not a record with expr, var and answer" in verdict.error.message
        # words a grader can act on, not Python's ('answer', 'NoneType' object is not subscriptable)
        missing = [k for k in ("expr", "var", "answer") if k not in record]
        if missing:
            assert f"the record has no {', '.join(missing)}" in verdict.error.message
        else:
            assert "must be a string" in verdict.error.message or "var must be a name" in verdict.error.message
    assert grade_record(json.dumps(record)).verdict == verdict.verdict


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=6).map(json.dumps))
def test_json_that_is_not_an_object_says_what_it_is(text):
    verdict = grade_record(text)
    value = json.loads(text)
    if not isinstance(value, dict):
        kind = {list: "a list", str: "a string", bool: "true or false", type(None): "null", int: "a number"}
        assert verdict.error.message.endswith(f"a record is a JSON object, and this is {kind[type(value)]}")


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"expr": "x"}', "null"])
def test_text_that_is_no_record_is_unreadable(text):
    verdict = grade_record(text)
    assert verdict.verdict == "unreadable" and verdict.input == text and verdict.error.type == "syntax"
    assert not any(word in verdict.error.message for word in ("subscriptable", "indices", "KeyError", "NoneType"))


# --- backprop sizes


def _is_number(v: str) -> bool:
    # a whole number may be written with a decimal point and zeros after it (3.0 is 3)
    whole, point, zeros = v.partition(".")
    return (whole.isascii() and whole.isdigit() and not whole.startswith("0") and len(whole) <= 4
            and (not point or set(zeros) <= {"0"}))


def _foreign_letter(v: str) -> str | None:
    """A name's first letter outside ASCII (ö, 은): refused, naming the letter."""
    return next((c for c in v if c.isalpha() and not c.isascii()), None) if v.isidentifier() else None


# the network's own symbols: x, t, z, L, W, b, y, a, δ and each layer's W1, b1, y1, a1, delta1, ...
NETWORK_NAMES = ("x", "y", "z", "t", "W", "b", "L", "a", "delta", "W1", "b2", "y10", "a3", "delta2")


def _is_reserved(v: str) -> bool:
    return v in NETWORK_NAMES or (v[:1] in "Wbya" and v[1:].isdigit()) or (v[:5] == "delta" and v[5:].isdigit())


def _is_name(v: str) -> bool:
    return (v.isascii() and v[:1].isalpha() and all(c.isalnum() or c == "_" for c in v)
            and not _is_reserved(v))


@given(st.one_of(st.integers(-5, 12000).map(str), st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,5}", fullmatch=True),
                 st.sampled_from(NETWORK_NAMES), st.text(max_size=6)),
       st.sampled_from(["", " ", "\n"]))
def test_a_size_is_a_number_from_1_to_9999_or_a_name(text, pad):
    value = text.strip()
    if _is_number(value):
        assert parse_size(pad + text + pad, "--inputs") == int(value.partition(".")[0])
    elif _is_name(value):
        assert parse_size(pad + text + pad, "--inputs") == value
    else:
        with pytest.raises(ParseError) as refused:
            parse_size(pad + text + pad, "--inputs")
        if _is_reserved(value):
            assert refused.value.message.startswith(f"--inputs {value!r} is the name of one of the network's")
        elif (letter := _foreign_letter(value)) is not None:
            assert refused.value.message.startswith(f"--inputs {value!r} has the letter {letter!r}"), \
                refused.value.message
        else:
            assert refused.value.message.startswith("--inputs is a size") and repr(value) in refused.value.message


@pytest.mark.parametrize("activation, loss, ok", [("sigmoid", "ce", True), ("tanh", "mse", True),
                                                  ("relu", "ce", False), ("softmax", "mse", False),
                                                  ("sigmoid", "hinge", False)])
def test_a_network_is_checked_before_it_is_built(activation, loss, ok):
    if ok:
        check_network(activation, loss)
    else:
        with pytest.raises(ParseError):
            check_network(activation, loss)


def test_the_command_line_refuses_a_bad_size_as_a_usage_error():
    result = invoke("backprop", "--outputs", "W")
    assert result.exit_code == 2
    assert "usage error: --outputs 'W' is the name of one of the network's own symbols" in result.stderr


@pytest.mark.parametrize("x, y", [("float64", "int64"), ("float32", "int32"), ("float16", "uint8")])
def test_numpy_numbers_are_numbers(x, y):
    # what an ML student's arrays hand over: numpy's scalars, as exact as their float or int is
    import numpy as np

    r = gradient("x**2*y", at={"x": getattr(np, x)(1.5), "y": getattr(np, y)(2)})
    assert r.value == [6.0, 2.25]
    with pytest.raises(TypeError, match="not ndarray"):
        gradient("x**2*y", at={"x": np.array([1.5]), "y": 2})


# --- a SymPy object is held to the limits text is held to (the parser never sees it)

@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["exponent", "digits", "nesting"]), st.integers(1, 9), st.sampled_from(["partial", "check"]))
def test_a_sympy_object_over_a_limit_is_refused_as_text_would_be(kind, k, call):
    # x**(10**10)*y took 4 GB through the API while the same text was refused at once
    import sys

    from symdiff import check, partial
    from symdiff.core.errors import LimitError
    from symdiff.core.limits import DEFAULT_LIMITS

    x, y = sympy.symbols("x y")
    if kind == "exponent":
        expr = x ** (DEFAULT_LIMITS.max_exponent * (k + 1)) * y
    elif kind == "digits":
        expr = sympy.Integer(10) ** (DEFAULT_LIMITS.max_number_digits * k + 1) * x
    else:
        # past what the parser may build: four levels of a SymPy tree to each level of its nesting
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old, 20_000))
        try:
            expr = x
            for _ in range(4 * DEFAULT_LIMITS.max_depth + 10 * k):
                expr = sympy.sin(expr, evaluate=False)  # evaluated, each level inspects the ones below (10 s)
        finally:
            sys.setrecursionlimit(old)
    if call == "partial":
        with pytest.raises(LimitError):
            partial(expr, "x")
    else:  # check gives every input a verdict, never an exception
        verdict = check(expr, "x", "1")
        assert verdict.verdict == "unreadable" and verdict.error.type == "limit", verdict
