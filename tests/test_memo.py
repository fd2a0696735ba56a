"""The memo behind printing and tidying: bounded, and never answers one expression with another's."""

import sympy

from symdiff.core.memo import STRICT_EQUALITY, Memo, ordered_terms
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


# JSON's printers print each distinct subexpression once (render/notation.py, _EachNodeOnce): with
# the texts of everything printed before remembered, each text must be the one a printer without
# the memo gives.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from sympy.printing.printer import Printer  # noqa: E402
from sympy.printing.str import StrPrinter  # noqa: E402
from test_invariant import expressions  # noqa: E402
from test_invariant import parse as parse_or_reject  # noqa: E402

from symdiff.core.messages import CATALOGUES, NATURAL_LOG_LANGUAGES, NaturalLogStr, language  # noqa: E402
from symdiff.core.errors import SymdiffError  # noqa: E402
from symdiff.render import notation  # noqa: E402

LANGUAGES_BY_LOG = [next(l for l in CATALOGUES if l not in NATURAL_LOG_LANGUAGES),
                    next(l for l in CATALOGUES if l in NATURAL_LOG_LANGUAGES), "en"]


class _SympyOrder(notation._BigSums):
    """SymPy's own term order, sorted afresh each time (notation._BigSums remembers it), past
    SORT_TERMS_MAX terms the internal order as notation's printers keep it; a positive term first
    as theirs do."""

    def _as_ordered_terms(self, expr, order=None):
        if len(expr.args) > notation.SORT_TERMS_MAX:
            return self._positive_first(list(expr.args))
        return self._positive_first(Printer._as_ordered_terms(self, expr, order=order))


class _BareText(_SympyOrder, StrPrinter):
    positive_first = False  # JSON's printers keep SymPy's order


class _BareLatex(_SympyOrder, notation.LatexPrinter):
    positive_first = False
    follows_language = False
    textbook_names = False  # JSON's latex: SymPy's own spellings (sign, log(x)/log(3))


_x, _y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
# What prints differently by context: floats at the top level and inside (StrPrinter keeps trailing
# zeros only at the top), powers of functions (sin^{2}), rational powers (sqrt), negated terms.
_TRICKY = [sympy.Float(2.0), sympy.Float(2.0) * _x, sympy.Float("0.50", 30) + _x, sympy.sin(_x) ** 2 + sympy.sin(_x),
           sympy.sqrt(_x) + 1 / sympy.sqrt(_x), sympy.log(_x) ** 3 * sympy.log(_x), -_x * _y + _x * _y ** 2,
           sympy.exp(_x) / (1 + sympy.exp(_x)) ** 2, sympy.Rational(1, 3) * _x ** sympy.Rational(2, 3)]


@settings(max_examples=60, deadline=None)
@given(st.lists(expressions, min_size=1, max_size=6))
def test_json_printers_print_each_node_as_without_the_memo(parts):
    exprs = [parse_or_reject(p) for p in parts]
    exprs += [sympy.Add(*exprs), sympy.Mul(*exprs), sympy.Float(1.5) * exprs[0]] + _TRICKY
    for expr in exprs + exprs[::-1]:
        assert notation.sympy_text(expr) == _BareText().doprint(expr)
        assert notation.sympy_latex(expr) == _BareLatex().doprint(expr)
    # The human views' printer too, in a language that writes log and in one that writes ln.
    for lang in LANGUAGES_BY_LOG:
        with language(lang):
            for expr in exprs + [sympy.log(e) + e for e in exprs] + exprs[::-1]:
                assert notation.plain(expr) == _BarePlain().doprint(expr)


class _BarePlain(_SympyOrder, notation._LogBaseText, NaturalLogStr, StrPrinter):
    pass


class _BareUnicode(_SympyOrder, notation._Unicode):
    pass


@settings(max_examples=40, deadline=None)
@given(st.lists(expressions, min_size=1, max_size=4))
def test_the_terminal_printer_prints_each_node_as_without_the_memo(parts):
    # The terminal's printer remembers node texts too (a step's stated formula repeats its parts).
    exprs = [parse_or_reject(p) for p in parts]
    exprs += [sympy.Add(*exprs), sympy.Mul(*exprs), sympy.Float(1.5) * exprs[0], sympy.exp(exprs[0]) / 2] + _TRICKY
    for expr in exprs + exprs[::-1]:
        # unicode() prints the tree as the human views arrange it (textbook factor order), so the
        # printer without the memo is handed that same tree
        assert notation.unicode(expr) == _BareUnicode().doprint(notation.displayed(expr))
        assert notation.UnicodePrinter().doprint(expr) == _BareUnicode().doprint(expr)


def test_json_printers_node_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(notation, "NODE_TEXTS", 5)
    monkeypatch.setattr(notation, "NODE_TEXT_LONGEST", 8)
    printer = notation._SympyStr()
    big = sympy.Add(*(sympy.Symbol(f"w{i}") * (i + 2) for i in range(50)))
    assert printer.doprint(big) == _BareText().doprint(big)
    assert 0 < len(printer._node_texts) <= 5
    assert all(len(t) <= 8 for t in printer._node_texts.values())


@settings(max_examples=15, deadline=None)
@given(st.lists(expressions, min_size=1, max_size=4), st.integers(min_value=-3, max_value=3))
def test_big_sums_print_each_term_as_without_the_memo(parts, k):
    # Past SORT_TERMS_MAX terms the sum printers remember each term's sign and text: negative terms,
    # terms in brackets (an unevaluated sum inside), floats; printed twice, the second time remembered.
    exprs = [parse_or_reject(p) for p in parts]
    n = notation.SORT_TERMS_MAX + 5
    ws = [sympy.Symbol(f"w{i}", real=True) for i in range(n)]
    terms = [(-1) ** i * (i % 5 + k) * ws[i] * exprs[i % len(exprs)] for i in range(n)]
    terms += [sympy.Add(_x, ws[0], evaluate=False) * 0 + sympy.Float(1.5) * ws[1] ** 2, -sympy.sin(ws[2])]
    big = sympy.Add(*terms)
    for expr in (big, big * 2, sympy.sin(big) + big, -big):
        for _ in range(2):
            assert notation.sympy_text(expr) == _BareText().doprint(expr)
            assert notation.sympy_latex(expr) == _BareLatex().doprint(expr)
            assert notation.plain(expr) == _BarePlain().doprint(expr)


# A record orders each sum's terms once (core/memo.py's ordered_terms): the rules engine orders a
# sum's steps, and the record's printers (str, plain, LaTeX) print the same sums in step after step.
# Only symdiff's own requests are counted: its modules and its printers (SymPy's sort_key and polys
# order and print sums for themselves).

_LINE = "(11*x - 7*x**2 + 4*x**2 + 7)/(x**2 + x**2 + 4) + sin(3*x*z**4 + 6*x**4)*(x*y - 2)"  # bench/lines.py's kind


def _sorts_of_one_record(text, monkeypatch):
    import os
    import sys
    from collections import Counter

    import symdiff
    from symdiff.api import partial
    from symdiff.render.json import dumps, record

    sorts: Counter = Counter()
    original = sympy.Expr.as_ordered_terms

    # symdiff's own code, by where the package is: not "/symdiff/" anywhere in a path (CI clones the
    # repository as symdiff/, with its virtual environment inside, so SymPy's files matched too)
    package = os.path.dirname(os.path.abspath(symdiff.__file__)) + os.sep

    def counted(self, order=None, data=False):
        caller = sys._getframe(1)
        if os.path.abspath(caller.f_code.co_filename).startswith(package) or (
                caller.f_code.co_name == "_as_ordered_terms" and isinstance(caller.f_locals.get("self"), notation._BigSums)):
            sorts[self] += 1
        return original(self, order=order, data=data)

    # The memo starts again empty when full (Memo): a record that straddles that moment orders a sum
    # twice. Measured from an empty memo.
    ordered_terms.clear()
    monkeypatch.setattr(sympy.Expr, "as_ordered_terms", counted)
    result = partial(text, "x")
    line = dumps(record(result, steps=True))
    monkeypatch.undo()
    return result, line, sorts


def test_a_record_orders_each_sum_once(monkeypatch):
    result, line, sorts = _sorts_of_one_record(_LINE, monkeypatch)
    assert sum(isinstance(e, sympy.Add) for e in sorts) >= 3  # the example has sums to print
    assert max(sorts.values()) == 1, {str(e): n for e, n in sorts.items() if n > 1}
    assert plain(result.result) == _BarePlain().doprint(result.result)


@settings(max_examples=40, deadline=None)
@given(st.lists(expressions, min_size=1, max_size=3))
def test_records_order_each_sum_once(parts):
    import pytest

    for p in parts:
        parse_or_reject(p)
    text = " + ".join(f"({p})" for p in parts) + " + x*(x + 1)"
    with pytest.MonkeyPatch.context() as monkeypatch:
        try:
            result, line, sorts = _sorts_of_one_record(text, monkeypatch)
        except SymdiffError:
            return  # refused (a domain or limit error): nothing printed
    assert max(sorts.values(), default=1) == 1
    for step in result.derivations[0].step.walk():
        for expr in (step.expr, step.result):
            assert notation.sympy_text(expr) == _BareText().doprint(expr)
            assert notation.plain(expr) == _BarePlain().doprint(expr)
