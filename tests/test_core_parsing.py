"""What the two parsers share (`symdiff.core.parsing`, `symdiff.core.limits`): tokens that know their
column, one cursor, the error classes, the nesting limit, and a column on every error that puts the
caret under the text."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff import parse
from symdiff.core import parsing as core
from symdiff.core.errors import ERROR_TYPES, LimitError, ParseError, SymdiffError, UnsupportedError, caret_lines
from symdiff.core.limits import DEFAULT_LIMITS, Limits
from symdiff.matrix import parse as matrix
from symdiff.matrix.differential import MatrixUnsupported
from symdiff.matrix.parse import ShapeError, parse_matrix
from symdiff.scalar import parsing as scalar

SHAPES = {"x": ("n", 1), "A": ("n", "n"), "s": (1, 1)}
PARSERS = {"scalar": lambda text: parse(text), "matrix": lambda text: parse_matrix(text, SHAPES)}


@pytest.mark.parametrize("tokenize, text, words, columns", [
    (scalar.tokenize, "x + sin(y)*2.5", ["x", "sin", "y", "2.5"], [1, 5, 9, 12]),
    (matrix.tokenize, "x.T*A*x + 2.5", ["x", "A", "x", "2.5"], [1, 5, 7, 11]),
])
def test_both_grammars_tokens_are_the_shared_token_and_know_their_column(tokenize, text, words, columns):
    tokens = tokenize(text)
    assert all(isinstance(tok, core.Token) for tok in tokens)
    named = [tok for tok in tokens if tok.kind in ("name", "num", "number")]
    assert [(tok.value, tok.column) for tok in named] == list(zip(words, columns))
    assert tokens[-1].column == len(text) + 1  # the end token stands just past the text


def test_both_parsers_are_readers_over_their_limits():
    assert issubclass(scalar._Parser, core.Reader) and issubclass(matrix._Parser, core.Reader)
    assert isinstance(matrix.LIMITS, Limits)
    assert (matrix.MAX_LENGTH, matrix.MAX_DEPTH, matrix.MAX_POWER, matrix.MAX_DIGITS) == (
        matrix.LIMITS.max_length, matrix.LIMITS.max_depth, matrix.LIMITS.max_matrix_power,
        matrix.LIMITS.max_literal_digits)
    assert matrix.LIMITS.max_length < DEFAULT_LIMITS.max_length


@pytest.mark.parametrize("which, text, cls, kind", [
    ("scalar", "1/0", core.InputDomainError, "domain"),
    ("matrix", "x/0", core.InputDomainError, "domain"),
    ("scalar", "2 + foo(x)", core.UnknownFunction, "unknown_function"),
    ("matrix", "2*foo(x)", core.UnknownFunction, "unknown_function"),
    ("matrix", "A*s*x + x.T", ShapeError, "unsupported"),
])
def test_both_parsers_raise_the_shared_error_classes(which, text, cls, kind):
    with pytest.raises(cls) as info:
        PARSERS[which](text)
    assert info.value.type == kind and 1 <= info.value.column <= len(text)


def test_what_symdiff_does_not_handle_is_one_error_type_in_both_engines():
    assert issubclass(ShapeError, UnsupportedError) and issubclass(MatrixUnsupported, UnsupportedError)
    assert UnsupportedError("no").to_dict() == {"type": "unsupported", "message": "no"}


@pytest.mark.parametrize("which", ["scalar", "matrix"])
def test_nesting_past_the_limit_is_a_limit_error_under_the_next_token(which):
    limit = {"scalar": DEFAULT_LIMITS, "matrix": matrix.LIMITS}[which].max_depth
    deep = "(" * (limit + 1) + "x" + ")" * (limit + 1)
    with pytest.raises(LimitError) as info:
        PARSERS[which](deep)
    error = info.value
    assert str(limit) in error.message and "nest" in error.message
    assert deep[error.column - 1] in "(x"
    PARSERS[which]("(" * (limit - 2) + "x" + ")" * (limit - 2))


def test_a_reader_counts_levels_against_its_limits():
    tokens = scalar.tokenize("x y")
    reader = core.Reader("x y", tokens, Limits(max_depth=2))
    reader.nest()
    reader.nest()
    assert reader.advance().value == "x" and reader.peek().value == "y"
    with pytest.raises(LimitError) as info:
        reader.nest()
    assert (info.value.message, info.value.column) == ("nesting deeper than the limit of 2", 3)


PIECES = ["x", "A", "s", "y", "+", "-", "*", "/", "^", "**", "(", ")", ".T", "'", ".*", "2", "0", "1.5", ",",
          "exp(", "trace(", "sin(", "foo(", "inv(", "é", "٣", " ", "|", "\t"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.sampled_from(sorted(PARSERS)))
def test_every_parse_error_has_a_contract_type_and_a_column_in_the_text(text, which):
    try:
        PARSERS[which](text)
    except SymdiffError as error:
        assert error.type in ERROR_TYPES and error.type != "internal", error
        if error.column is not None:
            assert 1 <= error.column <= len(text) + 1, (text, error)
            if isinstance(error, ParseError) and text.strip():
                caret = caret_lines(text, error.column)[-1]
                assert caret.endswith("^") and len(caret) - 2 == error.column, (text, caret)


# --- the parentheses are counted before any token is made

_WRAPPERS = st.sampled_from(["(", "( ", "sin(", "-(", "2*(", "x + (", "(x)*(", "exp(-", "(("])


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_WRAPPERS, min_size=1, max_size=160), st.sampled_from(["x", "y^2", "1"]))
def test_counting_parentheses_first_refuses_exactly_what_the_parser_refuses(monkeypatch, wrappers, core_text):
    text = "".join(wrappers) + core_text + ")" * sum(w.count("(") for w in wrappers)

    def outcome():
        try:
            return str(scalar.parse(text))
        except SymdiffError as exc:
            return (exc.type, exc.message, exc.column)

    with_scan = outcome()
    with monkeypatch.context() as patch:  # the fixture outlives each example: undo per example
        patch.setattr(scalar, "refuse_deep_parentheses", lambda *args, **kwargs: None)
        without = outcome()
    assert with_scan == without


def test_a_megabyte_of_open_parentheses_is_refused_before_it_is_tokenized(monkeypatch):
    def tokenize(*args, **kwargs):
        raise AssertionError("tokenized")

    monkeypatch.setattr(scalar, "tokenize", tokenize)
    with pytest.raises(LimitError) as caught:
        scalar.parse("(" * 1_000_000, limits=Limits(max_length=2_000_000))
    assert caught.value.column == DEFAULT_LIMITS.max_depth + 2


# --- the line ends of str.splitlines other than \n and \r

_BREAKS = sorted({c for c in map(chr, range(0x3000)) if len(f"a{c}b".splitlines()) == 2} - set("\n\r"))


def test_the_refused_line_breaks_are_those_of_splitlines():
    from symdiff.core.parsing import LINE_BREAKS

    assert LINE_BREAKS == set(_BREAKS)


@given(ch=st.sampled_from(_BREAKS), left=st.sampled_from(["x^2", "sin(x)", "3*x"]),
       right=st.sampled_from(["+x", "y", "cos(x)"]), lang=st.sampled_from(["en", "ko"]))
@settings(max_examples=30, deadline=None)
def test_a_line_break_inside_an_expression_is_named_at_its_column(ch, left, right, lang):
    from symdiff.core.messages import language
    from symdiff.scalar.parsing import parse

    text = left + ch + right
    with language(lang), pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.column == len(left) + 1
    assert f"U+{ord(ch):04X}" in str(caught.value.message)


@given(ch=st.sampled_from(_BREAKS))
@settings(max_examples=10, deadline=None)
def test_a_line_break_inside_a_matrix_expression_is_named_too(ch):
    from symdiff.matrix.parse import tokenize

    with pytest.raises(ParseError) as caught:
        tokenize(f"x.T{ch}*A")
    assert caught.value.column == 4 and f"U+{ord(ch):04X}" in str(caught.value.message)


@pytest.mark.parametrize("ch", ["\u2028", "\x85"])
def test_a_line_break_in_a_batch_file_fails_that_line_alone(run, tmp_path, ch):
    path = tmp_path / "exprs.txt"
    path.write_text(f"x^2\nx^3{ch}sin(x)\ncos(x)\n", encoding="utf-8", newline="")
    result = run("partial", "--file", str(path), "x", "--format", "json", "--no-steps")
    # (splitlines, as a JSON Lines reader may: the echoed input's U+2028 is escaped in the record)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3]
    assert records[1]["error"]["type"] == "syntax" and records[1]["error"]["column"] == 4
    assert "result" in records[0] and "result" in records[2]
