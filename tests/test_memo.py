"""The memo behind printing and tidying: bounded, and never answers one expression with another's."""

import sympy

from symdiff.core.memo import STRICT_EQUALITY, Memo
from symdiff.render.notation import latex, plain, unicode
from symdiff.scalar.tidy import _textbook_uncached, textbook


def test_memo_is_bounded_and_skips_large_answers():
    calls = []

    def fn(expr):
        calls.append(expr)
        return str(expr) * (100 if expr == sympy.Symbol("big") else 1)

    memo = Memo(fn, size=3, largest=10)
    x = sympy.Symbol("x")
    assert memo(x) == memo(x) == "x"
    assert len(calls) == (1 if STRICT_EQUALITY else 2)
    memo(sympy.Symbol("big"))
    memo(sympy.Symbol("big"))
    assert len(memo.table) <= 3
    assert all(len(v) <= 10 for v in memo.table.values())
    for k in range(10):
        memo(sympy.Symbol(f"z{k}"))
    assert len(memo.table) <= 3


def test_printing_is_unchanged_by_the_memo():
    x = sympy.Symbol("x", real=True)
    for expr in [2 * x, sympy.Float(2.0) * x, sympy.Float("0.5", 3) * x, sympy.Float("0.5", 30) * x,
                 sympy.Rational(1, 2) * x, sympy.Symbol("x") ** 2, x**2, sympy.S.true, sympy.Integer(1)]:
        for _ in range(2):
            assert plain(expr) == sympy.sstr(expr)
            assert latex(expr) == sympy.latex(expr)
            assert isinstance(unicode(expr), str)
    assert plain(True) == "True" and plain(1) == "1"
    assert plain([x, 2]) == "[x, 2]"  # unhashable: printed, not remembered


def test_textbook_memo_gives_the_uncached_answer():
    x, y = sympy.symbols("x y", real=True)
    for expr in [3 * y**4 * (2 * x), (x**2 + 1) / (x - 1) - 2 * x**2 / (x - 1) ** 2, x * sympy.sin(x) + x * sympy.cos(x)]:
        assert textbook(expr) == _textbook_uncached(expr)
        assert textbook(expr) == _textbook_uncached(expr)
