"""NumPy's spellings typed into `symdiff matrix` (W@x, np.dot(W, x), np.transpose(W), W.transpose(),
np.sum(...)): the error names symdiff's spelling, which then parses to the same thing, with the caret on
the character that could not be read, in English and in Korean."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_korean_errors import _english_words

from symdiff.core.errors import SymdiffError, localized
from symdiff.matrix.parse import parse_matrix

SHAPES = {"W": ("m", "n"), "V": ("m", "n"), "x": ("n", 1), "y": ("n", 1), "b": ("m", 1), "A": ("n", "n")}
MATRICES = st.sampled_from(["W", "V"])
VECTORS = st.sampled_from(["x", "y"])
SPACE = st.sampled_from(["", " "])


def _spellings():
    """(NumPy's spelling, symdiff's, the 1-based column of the unreadable character) for W and x."""
    def at(w, x, s1, s2):
        return f"{w}{s1}@{s2}{x}", f"{w}*{x}", len(w) + len(s1) + 1

    def dot(module, w, x, s):
        return f"{module}.dot({w},{s}{x})", f"{w}*{x}", len(module) + 1

    def transpose(module, w):
        return f"{module}.transpose({w})*{w}", f"{w}.T", len(module) + 1

    def method(w):
        return f"{w}.transpose()", f"{w}.T", len(w) + 1

    modules = st.sampled_from(["np", "numpy"])
    return st.one_of(st.builds(at, MATRICES, VECTORS, SPACE, SPACE),
                     st.builds(dot, modules, MATRICES, VECTORS, SPACE),
                     st.builds(transpose, modules, MATRICES), st.builds(method, MATRICES))


def _error(text: str) -> SymdiffError:
    with pytest.raises(SymdiffError) as caught:
        parse_matrix(text, SHAPES)
    return caught.value


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_spellings(), st.sampled_from(["", " + b", "b + "]))
def test_numpy_spelling_gets_symdiffs_spelling_that_parses(spelling, around):
    numpy, ours, column = spelling
    text = around + numpy if around.endswith(" ") else numpy + around
    error = _error(text)
    assert error.message.endswith(f"write {ours}"), error.message
    assert error.column == column + (len(around) if around.endswith(" ") else 0), (text, error.column)
    if "transpose" in numpy:  # W.T, as said, is a matrix the rest of the expression can use
        parse_matrix(f"{ours}*b", SHAPES)
    else:
        parse_matrix(ours, SHAPES)
    said = localized(error.message, "ko")
    assert re.search("[가-힣]", said) and said.endswith("쓰면 됩니다.") and f"{ours} 꼴로" in said, said
    assert set(_english_words(said, text)) <= {"NumPy"}, said


@pytest.mark.parametrize("text, hint", [
    ("W@x + b", "write W*x"), ("W.T @ b", "write W.T*b"), ("np.dot(W, x)", "write W*x"),
    ("np.transpose(W)", "write W.T"), ("W.transpose()", "write W.T"), ("W.dot(x)", "write W*x"),
    ("np.sum(W*x)", "write sum(…) without 'np.'"), ("(W*x)@b", "write A*B"),
])
def test_the_reviewers_examples(text, hint):
    assert _error(text).message.endswith(hint)


def test_the_cli_shows_the_hint_in_korean_with_the_caret():
    from helpers import invoke

    out = invoke("matrix", "W@x + b", "x", "--shape", "W=m,n", "--shape", "x=n,1", "--shape", "b=m,1",
                 "--lang", "ko").stderr
    assert "W*x 꼴로 쓰면 됩니다." in out and "\n  W@x + b\n   ^" in out, out
