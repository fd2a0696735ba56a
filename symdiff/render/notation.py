"""How expressions look in each output: SymPy `str` syntax (text, JSON: reads back into symdiff),
one-line Unicode math (the terminal: 6·x·y⁴), LaTeX, and presentation MathML (HTML pages)."""

from __future__ import annotations

import contextlib
import re

import sympy
from sympy.printing.latex import LatexPrinter as _SympyLatexPrinter
from sympy.printing.mathml import MathMLPresentationPrinter as _SympyMathMLPrinter
from sympy.printing.precedence import PRECEDENCE, precedence
from sympy.printing.str import StrPrinter

from ..core.formula import Grouped, LogBase, log_to_base, root_beside_power, superscript
from ..core.memo import SORT_TERMS_MAX, STRICT_EQUALITY, Memo, ordered_terms, prints_negative
from ..core.messages import NaturalLogStr, natural_log
from ..core.nodes import atoms, free_symbols
from ..core.parsing import sympy_name
from ..features.approx import decimal as _approx_decimal

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


# SymPy sorts the terms of a sum before printing, and for a sum of thousands of distinct
# variables that sort is quadratic (20 000 terms: two minutes). Past SORT_TERMS_MAX terms, sums
# print in SymPy's internal order instead; below, in SymPy's order, remembered (core/memo.py).


class _BigSums:
    """Terms in SymPy's order (stored order past SORT_TERMS_MAX), with a positive term first where
    one exists, as a textbook writes a sum: 2y − x², 1 − cos x, not −x² + 2y, −cos x + 1. (JSON's
    printers, whose expressions are data, keep SymPy's order: `positive_first` False.)"""

    positive_first = True

    def _as_ordered_terms(self, expr, order=None):
        if len(expr.args) > SORT_TERMS_MAX:
            terms = list(expr.args)
        elif (order or self.order) is None and expr.is_Add:
            terms = list(ordered_terms(expr))
        else:
            terms = super()._as_ordered_terms(expr, order=order)
        return self._positive_first(terms)

    def _positive_first(self, terms: list) -> list:
        if self.positive_first and terms and prints_negative(terms[0]) and not _descending_polynomial(terms):
            first = next((i for i, t in enumerate(terms) if not prints_negative(t)), None)
            if first is not None:
                terms = [terms[first], *terms[:first], *terms[first + 1:]]
        return terms


def _descending_polynomial(terms: list) -> bool:
    """Whether `terms` are a polynomial's in one variable, three or more in descending powers: a
    textbook keeps their order with a minus in front, −24x² + 28x + 15, where 28x − 24x² + 15 reads as
    terms out of order (two terms read better positive first: 1 − x², not −x² + 1)."""
    if len(terms) < 3:
        return False
    free = set().union(*(t.free_symbols for t in terms))
    if len(free) != 1:
        return False
    var = next(iter(free))
    degrees = []
    for t in terms:
        coefficient, rest = t.as_coeff_Mul()
        if not coefficient.is_Rational or not (rest == 1 or rest == var or (rest.is_Pow and rest.base == var
                                                                              and rest.exp.is_Integer and rest.exp > 0)):
            return False
        degrees.append(0 if rest == 1 else 1 if rest == var else int(rest.exp))
    return all(a > b for a, b in zip(degrees, degrees[1:]))


class _EachNodeOnce:
    """Prints each distinct subexpression once: a gradient's n partials of an n-term sum repeat the
    same terms (k·wⱼ) n times over, a million of them at n = 1000. The texts are remembered while
    the printer's settings stay as they were, at most NODE_TEXTS of them and none longer than
    NODE_TEXT_LONGEST characters (the memo starts again empty when full, as core/memo.py's does).

    A subexpression prints the same wherever it is nested, except for what the call passes in
    (`exp=` for sin²(x), `rational=`: such calls are not remembered) and at the top level, where
    StrPrinter writes floats with their trailing zeros: the top level is not remembered either."""

    _node_texts: dict | None = None
    _node_settings: tuple | None = None  # the settings, and for PlainPrinter whether log is written ln

    def _print(self, expr, **kwargs):
        if self._print_level == 0:  # a new expression: doprint has set the settings it prints with
            state = (self._settings, self._natural_log() if hasattr(self, "_natural_log") else None)
            if self._node_settings != state:
                self._node_texts, self._node_settings = {}, (dict(self._settings), state[1])
            return super()._print(expr, **kwargs)
        if kwargs or not STRICT_EQUALITY or not isinstance(expr, sympy.Basic) or self._node_texts is None:
            return super()._print(expr, **kwargs)
        texts = self._node_texts
        key = (type(expr), expr)
        try:
            return texts[key]
        except KeyError:
            pass
        except TypeError:  # unhashable
            return super()._print(expr)
        text = super()._print(expr)
        if len(text) <= NODE_TEXT_LONGEST:
            if len(texts) >= NODE_TEXTS:
                texts.clear()
            texts[key] = text
        return text


NODE_TEXTS = 100_000
NODE_TEXT_LONGEST = 20_000


def _term_piece(printer, term, compute):
    """What an Add printer writes for one of its terms (sign and text), remembered beside the
    node texts: in a sum past SORT_TERMS_MAX terms, a term's sign test (could_extract_minus_sign
    builds -term) costs more than its remembered text."""
    pieces = printer.__dict__.setdefault("_term_pieces", {})
    if pieces.get(None) is not printer._node_texts:  # the node texts were reset: so are these
        pieces.clear()
        pieces[None] = printer._node_texts
    key = (type(term), term)
    try:
        return pieces[key]
    except KeyError:
        pass
    piece = compute(term)
    if len(piece[1]) <= NODE_TEXT_LONGEST:
        if len(pieces) >= NODE_TEXTS:
            pieces.clear()
            pieces[None] = printer._node_texts
        pieces[key] = piece
    return piece


class _StrTermsOnce:
    """StrPrinter's _print_Add (SymPy 1.12–1.14), with each term's piece remembered, for big sums."""

    def _print_Add(self, expr, order=None):
        if order is not None or len(expr.args) <= SORT_TERMS_MAX or self._node_texts is None:
            return super()._print_Add(expr, order=order)
        prec = precedence(expr)

        def piece(term):
            t = self._print(term)
            if t.startswith('-') and not term.is_Add:
                sign, t = "-", t[1:]
            else:
                sign = "+"
            return sign, "(%s)" % t if precedence(term) < prec or term.is_Add else t

        out = []
        for term in self._as_ordered_terms(expr, order=order):
            out.extend(_term_piece(self, term, piece))
        sign = out.pop(0)
        return ("" if sign == "+" else sign) + " ".join(out)


class _LatexTermsOnce:
    """LatexPrinter's _print_Add (SymPy 1.12–1.14), with each term's piece remembered, for big sums."""

    def _print_Add(self, expr, order=None):
        if order is not None or len(expr.args) <= SORT_TERMS_MAX or self._node_texts is None:
            return super()._print_Add(expr, order=order)

        def text(term):
            term_tex = self._print(term)
            return r"\left(%s\right)" % term_tex if self._needs_add_brackets(term) else term_tex

        def piece(term):
            if term.could_extract_minus_sign():
                return " - ", text(-term)
            return " + ", text(term)

        terms = self._as_ordered_terms(expr, order=order)
        out = [text(terms[0])] if terms else []
        for term in terms[1:]:
            out.extend(_term_piece(self, term, piece))
        return "".join(out)


def _with_log_base(found, piece):
    """A product, as `log_to_base` found it, with each (ln a/ln b)ᵐ as one factor, `piece(a, b)`ᵐ."""
    rest, pairs = found
    logs = [sympy.Pow(piece(arg, base), m, evaluate=False) if m != 1 else piece(arg, base) for arg, base, m in pairs]
    factors = rest + logs
    return sympy.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]


class _LogTo(sympy.Function):
    """log(a, b) in SymPy's syntax, as the text view writes it (it reads back)."""

    nargs = 2

    def _sympystr(self, printer):
        return f"log({printer._print(self.args[0])}, {printer._print(self.args[1])})"


class _LogBaseText:
    """log(a, b) as SymPy's syntax writes it (the text view's results read back)."""

    def _print_Mul(self, expr):
        if (found := log_to_base(expr)) is not None:
            return self._print(_with_log_base(found, _LogTo))
        return super()._print_Mul(expr)


class PlainPrinter(_StrTermsOnce, _EachNodeOnce, _LogBaseText, NaturalLogStr, _BigSums, StrPrinter):
    pass


# --- function application as a textbook sets it: sin x, sin 2x, ln x, sin² x, but sin(x²), ln(x + 1),
# y(x); parentheses grow (\left, \right) only around content taller than a line of text

# The inverse functions' names in the human views (SymPy's, asin, are a programming language's).
ARC_NAMES = {**{f"a{f}": f"arc{f}" for f in "sin cos tan cot sec csc".split()},
             **{f"a{f}": f"ar{f}" for f in "sinh cosh tanh coth sech csch".split()}}

# Functions a textbook writes by an operator name, and so may apply to a bare argument without brackets.
OPERATOR_NAMES = frozenset(
    "sin cos tan cot sec csc sinh cosh tanh coth sech csch asin acos atan acot asec acsc "
    "asinh acosh atanh acoth asech acsch log sign LogBase".split())


def operator_applied(expr) -> bool:
    """Whether `expr` is a function set under an operator name, or a whole power of one (sin² x; a root
    or another power of it is set otherwise)."""
    if expr.is_Pow:
        if not (expr.exp.is_Integer and expr.exp.is_positive):
            return False
        expr = expr.base
    return type(expr).__name__ in OPERATOR_NAMES and not isinstance(expr, sympy.core.function.AppliedUndef)


def bare_argument(arg) -> bool:
    """An argument that cannot be misread without brackets: a symbol, a positive number, a symbol
    times a whole number, or an absolute value (sin x, ln 2, cos 2x, sin 2π, ln|x|). A power keeps them: sin x² could be sin²x."""
    def letter(a):
        return (a.is_Symbol and a != ELLIPSIS) or isinstance(a, sympy.NumberSymbol)
    if letter(arg) or (arg.is_Number and (arg.is_Integer or arg.is_Float) and arg.is_positive):
        return True
    if isinstance(arg, sympy.Abs):  # ln|x|: its bars bracket it already
        return True
    return (arg.is_Mul and len(arg.args) == 2 and arg.args[0].is_Integer and arg.args[0].is_positive
            and letter(arg.args[1]))


def unfoldable(factors) -> frozenset:
    """The functions among side-by-side `factors` that are followed by a factor which would read as
    part of a bare argument (sin x y would be sin xy): they keep their brackets. After a function only
    another operator name (sin x cos x) leaves the argument unambiguous."""
    blocked = frozenset(before.base if before.is_Pow else before
                        for before, after in zip(factors, factors[1:])
                        if not (operator_applied(after) or getattr(after, "sets_apart", False)))
    applied = frozenset(f.base if f.is_Pow else f for f in factors if operator_applied(f))
    # one product in one style: sin(x) cos(x) x, not sin x cos(x) x (issue 16)
    return blocked | applied if blocked & applied else blocked


def _unfoldable_factors(printer, expr) -> frozenset:
    """`unfoldable` for a product as SymPy's printers set it: numerator over denominator, each in order."""
    from sympy.simplify import fraction

    blocked: frozenset = frozenset()
    if not any(isinstance(b, sympy.Function) or type(b).__name__ in OPERATOR_NAMES
               for b in (f.base if f.is_Pow else f for f in expr.args)):
        return blocked  # the common case, decided without splitting the product (big sums print many)
    for part in fraction(expr, exact=True):
        if part.is_Mul:
            blocked |= unfoldable(list(part.args) if printer.order in ("old", "none") else part.as_ordered_factors())
    return blocked


class _TextbookApplication:
    """What the LaTeX and MathML printers share: when an operator name may drop its brackets."""

    textbook_names = True
    _unfoldable: tuple = ()

    def _folds(self, fn) -> bool:
        # an absolute value's bars end it whatever follows: ln|x|(3x² − 1) cannot be misread
        return (self.textbook_names and operator_applied(fn) and len(fn.args) >= 1 and bare_argument(fn.args[0])
                and (isinstance(fn.args[0], sympy.Abs) or not any(fn in block for block in self._unfoldable[-1:])))

    def side_by_side(self, factors):
        """A context for printing `factors` side by side (a product, a formula's g′h): a function
        followed by a factor its bare argument would run into keeps its brackets."""
        return self._keeping_brackets(unfoldable(list(factors)))

    @contextlib.contextmanager
    def _keeping_brackets(self, blocked: frozenset):
        self._unfoldable = (*self._unfoldable, blocked)
        try:
            yield
        finally:
            self._unfoldable = self._unfoldable[:-1]

    def _print_Mul(self, expr, *args, **kwargs):
        if not self.textbook_names:
            return super()._print_Mul(expr, *args, **kwargs)
        with self._keeping_brackets(_unfoldable_factors(self, expr)):
            return super()._print_Mul(expr, *args, **kwargs)


LONG_ARGUMENT = 80  # characters of LaTeX
_TALL = re.compile(r"\\(?:frac|dfrac|tfrac|begin|sum|prod|int|left|binom)\b")


def _typed_sum(expr) -> bool:
    return isinstance(expr, InOrder) and expr.args[0].is_Add


def _typed_terms(total):
    """The terms of a sum with those of each typed sum in it in its place, at any depth."""
    for term in total.args:
        if _typed_sum(term):
            yield from _typed_terms(term.args[0])
        else:
            yield term


def _negated_typed_sum(expr) -> bool:
    """−(a + b) with the sum as typed (InOrder), which SymPy's LaTeX does not bracket: it brackets what
    follows a sign only where that is a sum itself, and −(x² − 1) would be set − x² − 1, another number."""
    # (a product with no typed factor is passed over before its sign is looked at: a big sum has thousands)
    return (expr.is_Mul and any(isinstance(a, InOrder) for a in expr.args) and expr.could_extract_minus_sign()
            and _typed_sum(-expr))


class LatexPrinter(_TextbookApplication, _BigSums, _SympyLatexPrinter):
    follows_language = True  # documents write ln (the text view's ln(x)); JSON's latex keeps SymPy's log
    textbook_names = True  # sgn x, sin x, y(x), as a textbook writes them (JSON's latex keeps SymPy's style)

    def __init__(self, settings=None):
        # one matrix environment in every document: bmatrix, as teachers' notes write a matrix
        textbook = {"mat_str": "bmatrix", "mat_delim": ""} if self.textbook_names else {}
        super().__init__({**textbook, **(settings or {})})

    def _print_Pow(self, expr, *args, **kwargs):
        if type(expr) is not sympy.Pow:  # a power kept as typed (parsing.TypedPow), ((x²)⁻¹): SymPy sets a
            # negative power as a fraction through as_numer_denom, which a kept power answers with itself
            base, exp = expr.args
            if exp.is_Integer and exp < 0:
                denominator = base if exp == -1 else sympy.Pow(base, -exp, evaluate=False)
                return rf"\frac{{1}}{{{self._print(denominator)}}}"
            expr = sympy.Pow(base, exp, evaluate=False)
        base, exp = expr.args[0], rational_exponent(expr.args[1])
        if exp is not None and exp is not expr.args[1]:  # 1/3 as typed: SymPy sets a Rational's root
            expr = sympy.Pow(base, exp, evaluate=False)
        split = root_beside_power(expr)
        if split is not None and exp.is_positive:  # x\sqrt{x}, as the text view writes x·√x
            whole = self._print(split[0] if split[1] == 1 else sympy.Pow(split[0], split[1], evaluate=False))
            return rf"{whole} \sqrt{{{self._print(split[0])}}}"
        if exp is not None and exp.p > 1 and written_as_root(exp, base):  # ∛(x²) as the text view writes it
            radicand = self._print(sympy.Pow(base, exp.p, evaluate=False))
            return rf"\sqrt{{{radicand}}}" if exp.q == 2 else rf"\sqrt[{exp.q}]{{{radicand}}}"
        return super()._print_Pow(expr, *args, **kwargs)

    def fenced(self, tex: str) -> str:
        r"""`tex` in parentheses that grow only around something taller than a line: ln(x + 1), but
        ln\left(\frac{1}{x}\right)."""
        # a long argument keeps \left…\right too: the line breaker (fit.py) stacks only such a pair
        return rf"\left({tex}\right)" if _TALL.search(tex) or len(tex) > LONG_ARGUMENT else f"({tex})"

    def apply_function(self, head: str, fn, args: list[str]) -> str:
        r"""`head` (\sin, \sin^{2}, \log_{10}) applied to the printed `args` of `fn`."""
        if self._folds(fn) and len(args) == 1:
            return f"{head} {args[0]}"
        return head + self.fenced(", ".join(args))

    def _print_Function(self, expr, exp=None):
        if not self.textbook_names:
            return super()._print_Function(expr, exp)
        if isinstance(expr, sympy.core.function.AppliedUndef):  # y(x), f(x, y): a named function
            return self._print_Symbol(sympy.Symbol(expr.func.__name__)) + (f"^{{{exp}}}" if exp else "") \
                + self.fenced(", ".join(self._print(a) for a in expr.args))
        if exp is not None and not str(exp).isdigit():  # (sin x)^x: only whole powers go on the name
            return self.fenced(self._print_Function(expr)) + f"^{{{exp}}}"
        text = super()._print_Function(expr, exp)
        start = text.find(r"{\left(")
        if start < 0 or not text.endswith(r" \right)}"):
            return text  # a function with its own notation (|x|, e^{x}, θ(x))
        return self.apply_function(text[:start], expr, [self._print(a) for a in expr.args])

    def _print_tuple(self, expr):
        if not self.textbook_names or len(expr) < 2:
            return super()._print_tuple(expr)
        # a point as a textbook writes it, (1, -1): SymPy's \left( 1, \  -1\right) is spaced by a
        # control space after each comma, an oddity in a heading a teacher pastes
        return self.fenced(", ".join(self._print(item) for item in expr))

    def _print_sign(self, expr, exp=None):
        # as SymPy's generic function printing writes it, under the name the output uses
        name = "sgn" if self.textbook_names else "sign"
        power = f"^{{{exp}}}" if exp is not None else ""
        if self.textbook_names:
            return self.apply_function(rf"\operatorname{{{name}}}{power}", expr, [self._print(expr.args[0])])
        return rf"\operatorname{{{name}}}{power}{{\left({self._print(expr.args[0])} \right)}}"

    def _print_log(self, expr, exp=None):
        if not self.textbook_names:
            return super()._print_log(expr, exp)
        head = r"\ln" if self._settings["ln_notation"] else r"\log"
        if exp is not None and not str(exp).isdigit():
            return self.fenced(self._print_log(expr)) + f"^{{{exp}}}"
        return self.apply_function(head + (f"^{{{exp}}}" if exp else ""), expr, [self._print(expr.args[0])])

    def doprint(self, expr):
        self._settings["ln_notation"] = self.follows_language
        return super().doprint(expr)

    def _print_Mul(self, expr):
        if self.textbook_names and (found := log_to_base(expr)) is not None:
            return self._print(_with_log_base(found, LogBase))
        if _negated_typed_sum(expr):
            return r"- \left(%s\right)" % self._print(-expr)
        return super()._print_Mul(expr)

    def _print_Add(self, expr, order=None):
        if self._settings.get("order") == "none" and any(_typed_sum(t) for t in expr.args):
            # a typed sum inside a typed sum is its terms in place, as the text view writes it: x − (a) + b
            # rather than x + - (a) + b, where SymPy sees no sign on the inner sum
            expr = sympy.Add(*_typed_terms(expr), evaluate=False)
        if any(map(_negated_typed_sum, expr.args)):
            expr = sympy.Add(*(sympy.Mul(-1, Grouped(-t), evaluate=False) if _negated_typed_sum(t) else t
                               for t in expr.args), evaluate=False)
        return super()._print_Add(expr, order=order)

    def _print_Symbol(self, expr, style="plain"):
        if expr.name == "…":
            return r"\ldots"
        if misread_name(expr.name):
            return r"\mathit{" + expr.name.replace("_", r"\_") + "}"
        return _as_one_name(super()._print_Symbol(expr, style=style))


# Printing is most of the cost of a record with steps, and the same expressions come back (within
# a record and across a batch): each printer remembers its short answers (see symdiff.core.memo).
MEMO_SIZE = 4096
MEMO_LONGEST = 2000  # characters

def _remembered(printer):
    """`printer.doprint` with a memo for each way of writing the natural logarithm (log, ln)."""
    memos: dict[bool, Memo] = {}

    def show(expr) -> str:
        ln = natural_log()
        if ln not in memos:
            memos[ln] = Memo(printer.doprint, MEMO_SIZE, MEMO_LONGEST)
        return memos[ln](expr)

    return show


_plain = _remembered(PlainPrinter())






class _SympyStr(_StrTermsOnce, _EachNodeOnce, _BigSums, StrPrinter):
    positive_first = False

    def _print_Symbol(self, expr):
        return sympy_name(super()._print_Symbol(expr))


class _SympyLatex(_LatexTermsOnce, _EachNodeOnce, LatexPrinter):
    positive_first = False
    follows_language = False
    textbook_names = False

    def _print_Heaviside(self, expr, exp=None):
        # SymPy sets the unit step as \theta(x), which reads as the variable theta (θ·θ(x) for
        # theta*Heaviside(x)); H(x), as the other views write it
        return super()._print_Heaviside(expr, exp).replace(r"\theta\left(", r"H\left(", 1)


# JSON's expression values are data, the same in every language (its prose follows --lang).
sympy_text = Memo(_SympyStr().doprint, MEMO_SIZE, MEMO_LONGEST)
sympy_latex = Memo(_SympyLatex().doprint, MEMO_SIZE, MEMO_LONGEST)


def plain(expr) -> str:
    return _plain(expr)


def point_formula(point: dict):
    """A point as a sentence names it, one formula in every notation: x = 1 for one variable,
    (x, y) = (1, 2) for several (issue 16: "x=1, y=2" reads as two separate equations)."""
    from ..core.formula import Equation

    def basic(value, name: bool = False):
        if isinstance(value, sympy.Basic):
            return value
        return sympy.Symbol(value) if name else sympy.Float(value)  # never a string sympified

    names, values = [basic(k, True) for k in point], [basic(v) for v in point.values()]
    if len(names) == 1:
        return Equation(names[0], values[0])
    return Equation(sympy.Tuple(*names), sympy.Tuple(*values))


# e to a longer power is written exp(…), as textbooks do: a long run of small letters is hard to read,
# and a caret is no notation of a human view.
# Counted in raised characters: e³ˣ⁺¹ is 4 of them.
EXP_RAISED_LONGEST = 5


def _atomic(expr) -> bool:
    """Printed as one symbol: an atom, or a name standing for a function (implicit differentiation's
    y for y(x)), which x² and √x need no brackets around."""
    return expr.is_Atom or getattr(expr, "prints_as_name", False)


_ROOT_SIGNS = {2: "√", 3: "∛", 4: "∜"}


def written_as_root(exp, base=None) -> bool:
    """Whether a power x^exp prints as a root, the one rule of every view: a unit fraction (√x, ∛x,
    ⁵√x) or a square or cube root of a power (∛(x²), √(x³)); any other fraction stays a power (x³⁵⁄⁶,
    not ⁶√(x³⁵)), as a textbook writes it. (A negative power is 1 over the positive one.) A number's
    power (e, 2) is a root only of a unit fraction (√e, ∛2): e^(3/2), not √(e³), which hides the e."""
    exp = abs(exp) if exp.is_Rational else exp
    if base is not None and base.is_number and exp.is_Rational and exp.p != 1:
        return False
    return exp.is_Rational and exp.q != 1 and (exp.p == 1 or exp.q in (2, 3))


def rational_exponent(exp):
    """The exponent as a Rational, also as typed (2/3 kept as 2·3⁻¹ by the parser), or None."""
    if exp.is_Rational:
        return exp
    if exp.is_number and (exp.is_Mul or exp.is_Pow):
        value = exp.doit()
        return value if value.is_Rational else None
    return None
# Functions whose power a textbook raises on the name (sin²(x)); any other call is bracketed whole.
_RAISED_NAMES = {"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "sech", "csch"}


def _negative(exp) -> bool:
    return bool(exp.as_coeff_Mul()[0] < 0)


def _number_base(base) -> bool:
    """2⁻ˣ, e⁻ˣ: a positive number to a negative variable power is notation a textbook keeps."""
    return bool(base.is_Rational and base > 0) or base in (sympy.E, sympy.pi)


def _bare_argument(arg) -> bool:
    """An argument a function name may stand before without brackets: ln 3, ln x."""
    return bool(arg.is_Symbol or (arg.is_Integer and arg >= 0) or arg in (sympy.E, sympy.pi))


def _one_character(factor) -> bool:
    # implicit differentiation's y(x) is printed as its name y: one character, as a symbol y is
    named = factor.is_Symbol or getattr(factor, "prints_as_name", False)
    return bool((named and len(factor.name) == 1) or (factor.is_Integer and (0 < factor < 10 or factor == -1)))


class _Unicode(_BigSums, StrPrinter):
    """StrPrinter with x² for integer powers, √ for square roots and · for products."""

    times = "·"  # between the factors of a product written out (symdiff.core.formula.Times)

    def doprint(self, expr):
        # the minus sign a reader sees (−x − 1), set once the whole is printed: the pieces keep SymPy's
        # hyphen-minus, which the raised forms (x⁻¹) and the checks on a piece's text are written for
        return super().doprint(expr).replace("-", MINUS)

    def _print_Pow(self, expr, rational=False, e_root=False):
        base, exp = expr.base, expr.exp
        if base is sympy.E and not e_root:  # as exp(…) is written: eˣ, exp(x·y)
            return self._print_exp(sympy.exp(exp, evaluate=False))
        if exp is sympy.S.Half:
            return f"√({self._print(base)})" if not (_atomic(base)) else f"√{self._print(base)}"
        split = root_beside_power(expr)
        if split is not None and exp.is_positive:  # x·√x, x²·√x (see root_beside_power)
            return self._beside_root(*split)
        if _negative(exp) and not rational and (e_root or not (_number_base(base) and not exp.is_Number)):
            return self._reciprocal(base, exp)
        if exp.is_Integer:
            return self._integer_power(base, exp)
        value = rational_exponent(exp)
        if value is not None and not written_as_root(value, base):  # x³⁵⁄⁶: no root of index 6 of x³⁵
            raised = superscript(self._print(value), fraction=True)
            if raised is not None:
                return self._raised_base(base) + raised
        if value is not None and written_as_root(value, base):
            # a root only for a number's index (√, ∛, ⁵√), as LaTeX's \sqrt[n]: x^(1/x) is no ˣ√x and
            # x^(y/2) no √(xʸ), which a reader takes for a root of a number index
            return self._root(base, sympy.Integer(value.p), self._root_sign(sympy.Integer(value.q)))
        raised = self._raised(exp)
        if raised is not None:  # xʸ, 2ˢⁱⁿ⁽ˣ⁾: a caret is no notation a reader knows
            return self._raised_base(base) + raised
        # nothing raises it (x^π, 2^(x²)): the caret is how a textbook set in one line writes a power
        # (pow(x, π) is a programming call, exp(π·ln(x)) would hide the power a power-rule step
        # differentiates); an exponent of more than one symbol is bracketed, as x^(y - 1/2) must be
        power = self._print(exp)
        return f"{self._raised_base(base)}^{power if _atomic(exp) else f'({power})'}"

    def _beside_root(self, base, k: int) -> str:
        whole = self.parenthesize(base, PRECEDENCE["Mul"]) if k == 1 else self._integer_power(base, sympy.Integer(k))
        return f"{whole}{self.times}{self._print(sympy.sqrt(base))}"

    def _reciprocal(self, base, exp) -> str:
        """1/x², 1/(x + 1)², 1/√x: a textbook writes a negative power of a variable as a fraction."""
        below = sympy.Pow(base, -exp, evaluate=False)
        if root_beside_power(below) is not None:  # 1/(x·√x): a product below the bar is bracketed
            return f"1/({self._print(below)})"
        if exp == -1:
            return f"1/{self.parenthesize(base, PRECEDENCE['Pow'])}"
        return f"1/{self.parenthesize(sympy.Pow(base, -exp, evaluate=False), PRECEDENCE['Pow'], strict=True)}"

    def _integer_power(self, base, exp) -> str:
        sup = str(exp).translate(_SUPERSCRIPT)
        call = self._call(base)
        if call is not None and call[0] in _RAISED_NAMES:  # sin²(x), as a textbook writes (sin x)²
            return call[0] + sup + f"({call[1]})"
        if call is not None and call[2]:  # (ln 3)², not ln(3)², which reads as ln of 3²
            return f"({call[0]} {call[1]})" + sup
        return self._raised_base(base) + sup

    def _raised_base(self, base) -> str:
        b = self.parenthesize(base, PRECEDENCE["Pow"], strict=False)
        if isinstance(base, sympy.Abs):  # |x|², its bars bracket it
            return b
        if not _atomic(base) or (base.is_Rational and base < 0):
            b = f"({self._print(base)})" if not b.startswith("(") else b
        if "^" in b and not b.startswith("("):  # (2^(x²))³, not 2^(x²)³
            b = f"({b})"
        return b

    def _call(self, base):
        """(name, argument, whether the argument needs no brackets) of a call printed name(arg)."""
        if not (base.is_Function and len(base.args) == 1):
            return None
        text, arg = self._print(base), self._print(base.args[0])
        name = text[:-len(arg) - 2]
        if not (text.endswith(f"({arg})") and name.isascii() and name.isalpha() and len(name) > 1):
            return None
        return name, arg, _bare_argument(base.args[0])

    def _root_sign(self, index):
        if index in _ROOT_SIGNS:
            return _ROOT_SIGNS[index]
        raised = self._raised(index)
        return None if raised is None else raised + "√"

    def _root(self, base, power, sign: str) -> str:
        """∛x, ∛(x²), ⁵√(x + 1), ˣ√x: a fractional power has no raised form, a root has."""
        if power == 1 and _atomic(base) and not (base.is_Rational and base < 0):
            return sign + self._print(base)
        radicand = base if power == 1 else sympy.Pow(base, power, evaluate=False)
        return f"{sign}({self._print(radicand)})"

    def _raised(self, exp, juxtaposed: bool = True) -> str | None:
        """The exponent in superscript characters, or None where one has no raised form; a product of
        single letters is raised juxtaposed (2ˣʸ, as 2^{xy} is written) unless `juxtaposed` is False."""
        while isinstance(exp, InOrder):  # a typed exponent is raised as any other (eˣʸ, not exp(x·y))
            exp = exp.args[0]
        if isinstance(exp, PointValue):  # e⁻¹ at x = −1: the value raised as the number it is
            exp = exp.number
        elif any(isinstance(a, PointValue) for a in sympy.preorder_traversal(exp)):
            return None  # values side by side raised would run together: e¹² for e to 1·2
        # a name of more than one character raised reads as a power: eᶻ¹ is e to z¹, not e to z1
        if any(len(self._print(s)) > 1 for s in exp.free_symbols):
            return None
        text = self._print(exp)
        if juxtaposed and exp.is_Mul and all(_one_character(f) for f in exp.args):
            text = text.replace(self.times, "")
        return superscript(text)

    def _print_Mul(self, expr):
        if (found := log_to_base(expr)) is not None:
            return self._print(_with_log_base(found, LogBase))
        product = _one_coefficient(_denominator_factors(expr))
        if not product.is_Mul:  # typed -1/3: a number alone
            return self._print(product)
        text = super()._print_Mul(product).replace("*", "·")
        # a lone factor below the bar is not bracketed by SymPy, since a power binds tighter than "/";
        # x·√x, which a power x^(3/2) prints as (root_beside_power), is a product and needs them
        below = [sympy.Pow(f.base, -f.exp) for f in product.args
                 if root_beside_power(f) is not None and f.exp.is_negative]
        if len(below) == 1:
            lone = "/" + self._print(below[0])
            if text.endswith(lone):
                text = f"{text[:-len(lone)]}/({lone[1:]})"
        return text

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_Exp1(self, expr):
        return "e"

    def _print_Pi(self, expr):
        return "π"

    def _print_exp(self, expr):
        arg = expr.args[0]
        if isinstance(arg, PointValue):  # e⁻¹, not exp((-1)): the value raised as the number it is
            return self._print_exp(sympy.exp(arg.number, evaluate=False))
        if arg.is_Rational and not arg.is_Integer:  # √e, 1/∛(e²): a root, as for any other base
            return self._print_Pow(sympy.Pow(sympy.E, arg, evaluate=False), e_root=True)
        text = self._print(arg)
        # One rule, as for any other base (2ˣʸ) and as LaTeX's e^{xy}: raised where the exponent has a
        # raised form (a product of single letters juxtaposed: eˣʸ, e²ˣʸ) short enough to read, else
        # exp(…). e to a function is exp(sin(x)): raised brackets (eˢⁱⁿ⁽ˣ⁾) are too small to read.
        raised = self._raised(arg) if "(" not in text else None
        fits = raised is not None and len(raised) <= EXP_RAISED_LONGEST
        return f"e{raised}" if fits else f"exp({text})"

    def _print_log(self, expr):
        if len(expr.args) == 2:  # log(x, 2) as typed, unevaluated
            return self._print(LogBase(*expr.args))
        if isinstance(expr.args[0], sympy.Abs):  # ln|x|, as the documents set it
            return f"ln{self._print(expr.args[0])}"
        return f"ln({self._print(expr.args[0])})"

    def _print_sigmoid(self, expr):
        return f"σ({self._print(expr.args[0])})"

    def _print_Function(self, expr):
        # arcsin x, arsinh x: as the documents' LaTeX (inv_trig_style "full") names them; asin is a
        # programming language's name
        name = ARC_NAMES.get(type(expr).__name__)
        if name is not None:
            return f"{name}({self.stringify(expr.args, ', ')})"
        return super()._print_Function(expr)

    def _print_Symbol(self, expr):
        return _GREEK.get(expr.name, expr.name)


def _one_coefficient(expr):
    """A typed product's numbers as one coefficient where one is a sign: `-x**3/3` is held as
    −1·3⁻¹·x³, which the printer would set as -1·x³/3."""
    def number(f):  # as typed, 1/3 is held as 3^(-1)
        return f.is_Number or (f.is_Pow and f.base.is_Integer and f.exp == -1)
    numbers = [f for f in expr.args if number(f)]
    if len(numbers) < 2 or not any(f.is_Number and f.is_negative for f in numbers):
        return expr
    rest = [f for f in expr.args if not number(f)]
    coefficient = sympy.Mul(*numbers)
    return sympy.Mul(coefficient, *rest, evaluate=False) if rest else coefficient


def _denominator_factors(expr):
    """A product with 1/(b·c) among its factors, as an answer typed `a/(b*c)` is kept, with b and c
    as factors of its denominator instead: SymPy's printer brackets such a denominator twice,
    a/((b·c)). Its factors stay in their order. (A denominator with a number other than a positive
    integer in it, typed x/(-2*y) or x/(2/3*y), is left as it is: the printer would set its sign or
    fraction among the factors.)"""
    split = [f for f in expr.args if f.is_Pow and f.exp == -1 and f.base.is_Mul
             and not any(g.is_Number and not (g.is_Integer and g > 0) for g in f.base.args)]
    if not split:
        return expr
    factors = []
    for f in expr.args:
        factors.extend([_reciprocal(g) for g in f.base.args] if f in split else [f])
    return sympy.Mul(*factors, evaluate=False)


def _reciprocal(g):
    """1/g as SymPy's printer sets it in a denominator: 1/x² as x^(-2), not (x²)^(-1)."""
    return sympy.Pow(g.base, -g.exp, evaluate=False) if g.is_Pow else sympy.Pow(g, -1, evaluate=False)


class UnicodePrinter(_EachNodeOnce, _Unicode):
    """The terminal's printer, printing each distinct subexpression once: a record's stated formulas
    (g′·h + g·h′ with the pieces filled in) repeat the parts its steps printed."""


_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η",
    "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω",
}

_unicode_printer = UnicodePrinter()
_unicode = Memo(_unicode_printer.doprint, MEMO_SIZE, MEMO_LONGEST)


def as_ratios(expr):
    """`expr` with each sign(u) of a variable u written u/|u|: a textbook writes d/dx |x| = x/|x|
    (x ≠ 0) and never sign or sgn. Only the human views do this; JSON keeps sign(u), which reads back."""
    if not isinstance(expr, sympy.Basic):
        return expr
    signs = [s for s in atoms(expr, sympy.sign) if s.args[0].free_symbols]
    if not signs:
        return expr
    return expr.xreplace({s: s.args[0] / sympy.Abs(s.args[0]) for s in signs})




class _Named(sympy.Function):
    """A function as a textbook names it, for the human views only (JSON keeps SymPy's own name,
    which reads back): `words` is its name in a line of text, `tex` in LaTeX."""

    words = tex = ""

    def _sympystr(self, printer, **_):
        return f"{self.words}({', '.join(printer._print(a) for a in self.args)})"

    def _latex(self, printer, exp=None, **_):
        name = self.tex if exp is None else f"{self.tex}^{{{exp}}}"
        return rf"{name}\left({', '.join(printer._print(a) for a in self.args)}\right)"

    def _mathml_presentation(self, printer, **_):
        return printer._print(sympy.Function(self.words)(*self.args))


class UnitStep(_Named):
    """H(u): SymPy's Heaviside(u, 0) carries its value at 0 as a second argument, which no textbook
    writes (symdiff's value at 0 is stated where the rule is)."""

    nargs = 1
    words, tex = "H", "H"


class UnitStepAt(_Named):
    """H(u, c), H with its value c at 0 written out: an expression whose steps take different values
    at 0 (Heaviside(x − 1) takes 1/2 there, Heaviside(x − 1, 0) takes 0), where H(u) for each would
    read as equal steps that cancel."""

    nargs = 2
    words, tex = "H", "H"


def _delta(order: int):
    """δ, δ′, δ″, δ⁽⁴⁾: DiracDelta(u, k), the k-th derivative of the delta, as a textbook writes it."""
    marks = ("", "′", "″", "‴")[order] if order <= 3 else f"⁽{superscript(str(order))}⁾"
    tex = r"\delta" + ("'" * order if order <= 3 else f"^{{({order})}}")
    return type(f"Delta{order}", (_Named,), {"nargs": 1, "words": "δ" + marks, "tex": tex})


_DELTAS: dict[int, type] = {}


def _textbook_functions(expr):
    """`expr` with Heaviside and DiracDelta written H(u), δ(u), δ′(u) (see `UnitStep`)."""
    if not isinstance(expr, sympy.Basic) or not expr.has(sympy.Heaviside, sympy.DiracDelta):
        return expr
    swap = {}
    steps = atoms(expr, sympy.Heaviside)
    # one convention throughout goes unsaid (the rule's note states it); mixed ones are each written
    mixed = len({h.args[1] if len(h.args) > 1 else None for h in steps}) > 1
    for h in steps:
        swap[h] = UnitStepAt(*h.args) if mixed and len(h.args) > 1 else UnitStep(h.args[0])
    for d in atoms(expr, sympy.DiracDelta):
        order = int(d.args[1]) if len(d.args) > 1 else 0
        swap[d] = _DELTAS.setdefault(order, _delta(order))(d.args[0])
    return expr.xreplace(swap)


def displayed(expr):
    """`expr` as every human view writes it, wherever it comes from (a step, a value at a point, a
    tangent line): sign(u) as u/|u| (`as_ratios`) and a product in the textbook's factor order,
    x·eˣ, y·cos(x·y), sec(1)·tan(1) as the steps write sec(x)·tan(x) (render.order). A tree arranged already is left as
    it is. A chain of equal forms (a substitution's a = b = c) is displayed form by form, each as
    it would be alone."""
    from ..core.formula import Equation

    if type(expr) is Equation:
        return Equation(*(displayed(side) for side in expr.args))
    expr = _textbook_functions(as_ratios(expr))
    if isinstance(expr, sympy.Basic) and not expr.is_Atom and not expr.has(InOrder):
        first = _number_first(expr)
        if first is not None:
            return first
        from .order import arranged

        expr = arranged(expr)
    return expr


def _number_first(expr):
    """A value such as 1 + cos(2), number first, as a teacher writes a number beside a function's
    value (SymPy puts the number last: cos(2) + 1); None for anything else, which keeps its order."""
    if not (expr.is_Add and len(expr.args) == 2) or expr.free_symbols:
        return None
    numbers = [a for a in expr.args if a.is_Rational and a.is_positive]
    values = [a for a in expr.args if a.is_Function]
    if len(numbers) != 1 or len(values) != 1:
        return None
    return InOrder(sympy.Add(numbers[0], values[0], evaluate=False))


def unicode(expr) -> str:
    return _unicode(displayed(expr))


class _AsTypedPrinter(_Unicode):
    """Terms and factors in the order of the expression, as a person typed them (check's answer)."""

    positive_first = False


def unicode_as_typed(expr) -> str:
    return _AsTypedPrinter({"order": "none"}).doprint(_textbook_functions(expr))


# Documents write inverse trigonometric functions as a textbook does, arcsin x rather than
# \operatorname{asin} (JSON's latex, which is data, keeps SymPy's default).
_latex = _remembered(LatexPrinter({"inv_trig_style": "full"}))


def latex(expr) -> str:
    return _latex(displayed(expr))


MINUS = "\u2212"  # the minus sign; SymPy writes the hyphen-minus "-"
APPLY_FUNCTION = "\u2061"  # invisible: says "sin applied to (x)", not "sin times (x)"
INVISIBLE_TIMES = ("&InvisibleTimes;", "\u2062")
THIN_SPACE = "0.1667em"  # TeX's \, : the space a textbook sets before a function name


# SymPy's printers set some names as other mathematics: x__2 as x², xdot as ẋ, Xprime as X′, xabs as |x|.
# A document would show what was never computed (a time derivative, a power, an absolute value), so
# such a name is set as it is spelt. Decorations (xhat, xbar, xvec) keep their accents.
_MISREAD_SUFFIXES = ("ddddot", "dddot", "ddot", "dot", "prime", "prm", "norm", "abs", "mag", "avg")


def _as_one_name(printed: str) -> str:
    """A name of several plain letters set upright in italics as one word (\\mathit{xy}, \\mathit{lr}_{1}):
    SymPy sets xy as x times y, so a pasted note would show 2xy for 2 times a name (issue 16)."""
    letters = re.fullmatch(r"([A-Za-z]{2,})((?:_\{[^{}]*\})?)", printed)
    return r"\mathit{" + letters[1] + "}" + letters[2] if letters else printed


def misread_name(name: str) -> bool:
    """Whether SymPy's LaTeX or MathML printer would set `name` as something other than a name."""
    if "__" in name or name.endswith("_") or "^" in name:
        return True
    base = re.sub(r"(_[A-Za-z0-9]*|\d+)$", "", name).lower()
    return any(base.endswith(suffix) and len(base) > len(suffix) for suffix in _MISREAD_SUFFIXES)


def _product(factors: list):
    """`factors` as one unevaluated product, in their order."""
    if not factors:
        return sympy.S.One
    return factors[0] if len(factors) == 1 else sympy.Mul(*factors, evaluate=False)


class MathMLPrinter(_TextbookApplication, _BigSums, _SympyMathMLPrinter):
    """SymPy's presentation MathML, set the way a textbook sets it: a minus sign (−) where SymPy
    writes a hyphen (-), function application marked as such, and a thin space between a factor and
    the function name after it (x sin(x), not xsin(x)): browsers put no space around an invisible
    times, so a textbook's space has to be written out."""

    def _print_Mul(self, expr):
        if (found := log_to_base(expr)) is not None:
            return self._print(_with_log_base(found, LogBase))
        if self._settings.get("order") == "none" and self.textbook_names:
            with self._keeping_brackets(_unfoldable_factors(self, expr)):
                return self._mul_in_order(expr)
        return super()._print_Mul(expr)

    def _mul_in_order(self, expr):
        """A product arranged in order (InOrder, render.order) set in that order: SymPy's MathML sorts
        a product's factors and rebuilds its fraction, so x^(y−1)·y came out after y·x^(y−1) was
        arranged, in the HTML view only."""
        factors = list(expr.args)
        mrow = self.dom.createElement("mrow")
        if factors[0].is_Number and factors[0].is_negative:
            sign = self.dom.createElement("mo")
            sign.appendChild(self.dom.createTextNode("-"))
            mrow.appendChild(sign)
            factors[0] = -factors[0]
            if factors[0] == 1 and len(factors) > 1:
                factors = factors[1:]
        below = [f for f in factors if f.is_Pow and f.exp.is_Number and f.exp.is_negative]
        above = [f for f in factors if f not in below]
        below = [sympy.Pow(f.base, -f.exp, evaluate=False) if f.exp != -1 else f.base for f in below]
        if above and above[0].is_Rational and not above[0].is_Integer:  # ln x/(2x), not (1/2)·ln x/x
            number = above.pop(0)
            above = above if number.p == 1 else [sympy.Integer(number.p), *above]
            below = [sympy.Integer(number.q), *below]
        if below:
            frac = self.dom.createElement("mfrac")
            frac.appendChild(self._print(_product(above)))
            frac.appendChild(self._print(_product(below)))
            mrow.appendChild(frac)
            return mrow
        for k, factor in enumerate(above):
            if k:
                times = self.dom.createElement("mo")
                times.appendChild(self.dom.createTextNode(self.mathml_tag(expr)))
                mrow.appendChild(times)
            mrow.appendChild(self.parenthesize(factor, PRECEDENCE["Mul"]))
        return mrow

    def doprint(self, expr):
        self._settings["ln_notation"] = True  # as the LaTeX documents and the text view write it
        root = self._print(expr)
        self._typeset(root)
        return root.toxml().encode("ascii", "xmlcharrefreplace").decode()

    def _print_Symbol(self, sym, style="plain"):
        if misread_name(sym.name):
            node = self.dom.createElement("mi")
            node.appendChild(self.dom.createTextNode(sym.name))
            return node
        return super()._print_Symbol(sym, style=style)

    def apply_function(self, head, fn, args: list):
        """`head` (sin, sin², log₁₀) applied to `fn`'s printed `args`: sin x where the LaTeX printer
        drops the brackets, sin(x²) where it keeps them."""
        mrow = self.dom.createElement("mrow")
        mrow.appendChild(head)
        if self._folds(fn) and len(args) == 1:
            mo = self.dom.createElement("mo")
            mo.appendChild(self.dom.createTextNode(APPLY_FUNCTION))
            mrow.appendChild(mo)
            space = self.dom.createElement("mspace")  # TeX's thin space after an operator name:
            space.setAttribute("width", THIN_SPACE)   # browsers set none around ⁡, so sin x would touch
            mrow.appendChild(space)
            mrow.appendChild(args[0])
            return mrow
        fenced = self.dom.createElement("mrow")
        fenced.appendChild(self._l_paren())
        for i, arg in enumerate(args):
            if i:
                fenced.appendChild(self._comma())
            fenced.appendChild(arg)
        fenced.appendChild(self._r_paren())
        mrow.appendChild(fenced)
        return mrow

    def _print_Function(self, e, exponent=None):
        head = self.dom.createElement("mi")
        name = "ln" if self.mathml_tag(e) == "log" and self._settings["ln_notation"] else self.mathml_tag(e)
        head.appendChild(self.dom.createTextNode(name))
        if exponent is not None:  # sin² x: a whole power of a function goes on its name
            raised = self.dom.createElement("msup")
            raised.appendChild(head)
            raised.appendChild(exponent)
            head = raised
        return self.apply_function(head, e, [self._print(a) for a in e.args])

    def _print_Pow(self, e):
        base, exp, value = e.base, e.exp, rational_exponent(e.exp)
        if value is not None and value is not exp:  # 1/3 as typed: SymPy sets a Rational's root
            e, exp = sympy.Pow(base, value, evaluate=False), value
        if value is not None and value.p < -1 and written_as_root(value, base):  # 1/√(x³), the root below the bar
            frac = self.dom.createElement("mfrac")
            frac.appendChild(self._print(sympy.S.One))
            frac.appendChild(self._print(sympy.Pow(base, -value, evaluate=False)))
            return frac
        split = root_beside_power(e)
        if split is not None and value.p > 0:  # x√x, as the text view writes x·√x
            mrow = self.dom.createElement("mrow")
            mrow.appendChild(self._print(split[0] if split[1] == 1 else sympy.Pow(split[0], split[1])))
            times = self.dom.createElement("mo")
            times.appendChild(self.dom.createTextNode(INVISIBLE_TIMES[0]))
            mrow.appendChild(times)
            mrow.appendChild(self._print(sympy.sqrt(split[0])))
            return mrow
        if value is not None and value.p > 1 and written_as_root(value, base):  # ∛(x²) as the text view writes it
            root = self.dom.createElement("msqrt" if value.q == 2 else "mroot")
            root.appendChild(self._print(sympy.Pow(base, value.p, evaluate=False)))
            if value.q != 2:
                root.appendChild(self._print(sympy.Integer(value.q)))
            return root
        if not (isinstance(base, sympy.Function) and operator_applied(base)):
            return super()._print_Pow(e)
        if exp.is_Integer and exp.is_positive:  # sin² x
            return self._print_Function(base, self._print(exp))
        if exp.is_Rational and abs(exp.p) == 1 and exp.q != 1:  # a root, which holds its radicand together
            return super()._print_Pow(e)
        if exp.is_Rational and exp.is_negative:  # 1/sin² x, as the LaTeX printer writes it
            frac = self.dom.createElement("mfrac")
            frac.appendChild(self._print(sympy.S.One))
            frac.appendChild(self._print(sympy.Pow(base, -exp)))
            return frac
        fenced = self.dom.createElement("mrow")  # (sin x)ˣ: any other power goes on the whole
        fenced.appendChild(self._l_paren())
        fenced.appendChild(self._print(base))
        fenced.appendChild(self._r_paren())
        raised = self.dom.createElement("msup")
        raised.appendChild(fenced)
        raised.appendChild(self._print(exp))
        return raised

    def _print_AppliedUndef(self, e):
        # SymPy's MathML lowercases a function's name (F(x, y) as f(x, y)): a named function keeps its case
        mrow = self.dom.createElement("mrow")
        mrow.appendChild(self._print(sympy.Symbol(e.func.__name__)))
        mrow.appendChild(self._paren_comma_separated(*e.args))
        return mrow

    def _typeset(self, node) -> None:
        # Iterative: a deeply nested expression must not exhaust Python's recursion limit here.
        stack = [node]
        while stack:
            node = stack.pop()
            if node.nodeType != node.ELEMENT_NODE:
                continue
            if node.tagName in ("mo", "mn"):
                for text in node.childNodes:
                    text.data = text.data.replace("-", MINUS)
            elif node.tagName == "mrow":
                self._space_products(node)
                if _application(node) is not None and _text(node.childNodes[1]) != APPLY_FUNCTION:
                    mo = self.dom.createElement("mo")
                    mo.appendChild(self.dom.createTextNode(APPLY_FUNCTION))
                    node.insertBefore(mo, node.childNodes[1])
            stack.extend(node.childNodes)

    def _space_products(self, mrow) -> None:
        for times in [c for c in mrow.childNodes if _is_invisible_times(c)]:
            factor = times.nextSibling
            if factor is not None and _starts_with_function_name(factor):
                space = self.dom.createElement("mspace")
                space.setAttribute("width", THIN_SPACE)
                mrow.insertBefore(space, factor)


def _text(node) -> str:
    import html

    return html.unescape("".join(c.data for c in node.childNodes if c.nodeType == c.TEXT_NODE))


def _is_invisible_times(node) -> bool:
    return node.nodeType == node.ELEMENT_NODE and node.tagName == "mo" and \
        "".join(c.data for c in node.childNodes) in INVISIBLE_TIMES


def _application(mrow):
    """The name of a function applied to arguments, `<mrow><mi>sin</mi><mrow><mo>(</mo>…`, or None."""
    kids = [c for c in mrow.childNodes if c.nodeType == c.ELEMENT_NODE]
    if len(kids) < 2:
        return None
    head = kids[0]
    if head.tagName == "msup":  # sin² x: the name under its power
        head = next((c for c in head.childNodes if c.nodeType == c.ELEMENT_NODE), None)
    if head is None or head.tagName != "mi":
        return None
    if kids[1].tagName == "mo" and _text(kids[1]) == APPLY_FUNCTION:
        return _text(head)  # sin x, applied without brackets
    if len(kids) == 2 and kids[1].tagName == "mrow":
        first = next((c for c in kids[1].childNodes if c.nodeType == c.ELEMENT_NODE), None)
        if first is not None and first.tagName == "mo" and _text(first) == "(":
            return _text(head)
    return None


def _starts_with_function_name(node) -> bool:
    """Whether a factor begins with a named function (sin(x), sin²(x)); a one-letter name (f(x),
    Θ(x)) is set like a variable, without the space."""
    while node is not None and node.nodeType == node.ELEMENT_NODE:
        if node.tagName == "mrow":
            name = _application(node)
            if name is not None:
                return len(name) > 1
        elif node.tagName not in ("msup", "msub", "msubsup"):
            return False
        node = next((c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE), None)
    return False


_mathml_printer = None


def mathml(expr) -> str:
    """Presentation MathML (the inside of a <math> element)."""
    global _mathml_printer
    if _mathml_printer is None:
        _mathml_printer = MathMLPrinter()
    return _mathml_printer.doprint(displayed(expr))


class _LatexAsTyped(LatexPrinter):
    positive_first = False

    def _print_Mul(self, expr):
        # a number typed after a factor keeps its dot (y·3·x³ set as y 3 x³ reads as y3x³); elsewhere
        # the product is set as a textbook sets it, 6xy³
        if not any(a.is_Number for a in expr.args[1:]):
            return super()._print_Mul(expr)
        plain = self._settings["mul_symbol_latex"]
        self._settings["mul_symbol_latex"] = self._settings["mul_symbol_latex_numbers"]
        try:
            return super()._print_Mul(expr)
        finally:
            self._settings["mul_symbol_latex"] = plain


class _MathMLAsTyped(MathMLPrinter):
    """SymPy's MathML sorts a product's factors unless its order is "old", which sorts sums: "old"
    here, and a sum's terms kept as they stand."""

    positive_first = False

    def _as_ordered_terms(self, expr, order=None):
        return list(sympy.Add.make_args(expr))


def latex_as_typed(expr) -> str:
    """`expr` (scalar.parsing.as_typed) in the documents' LaTeX, its terms and factors in the order
    typed."""
    return _LatexAsTyped({"order": "none", "inv_trig_style": "full"}).doprint(_textbook_functions(expr))


def mathml_as_typed(expr) -> str:
    """`expr` (scalar.parsing.as_typed) in the pages' MathML, its terms and factors in the order typed."""
    return _MathMLAsTyped({"order": "old"}).doprint(_textbook_functions(expr))


_AS_TYPED = {unicode: unicode_as_typed, latex: latex_as_typed, mathml: mathml_as_typed}


def stated(result, printer=unicode, expr=None) -> str:
    """The function `result` is about (or `expr`, when that is it) as the person typed it: the first
    line of a derivation reads as the input did, cosh(x·y) + sinh²(x), not SymPy's order. Anything
    else, and a function whose typed form cannot be had (see scalar.parsing.typed_form), prints as
    `printer` prints it."""
    expr = result.expr if expr is None else expr
    typed = _AS_TYPED.get(printer)
    tree = _typed_tree(getattr(result, "input", None), expr) if typed is not None else None
    return printer(expr) if tree is None else typed(tree)


class InOrder(sympy.Expr):
    """An expression as typed (scalar.parsing.typed_form) inside a formula of the catalogue, such as
    an implicit equation's sides: every printer prints it in its own notation without reordering."""

    is_commutative = True  # a factor of a product, split into numerator and denominator as any other
    wraps_for_printing = True  # mathematics that reads a formula (scalar.between) reads what it holds

    def __new__(cls, tree):
        return sympy.Basic.__new__(cls, tree)

    def doit(self, **hints):
        return self.args[0].doit(**hints)

    @property
    def read_as(self):
        """What is read last (for a Korean particle): the term typed last, not the one SymPy's order
        puts last (core.korean orders a sum as the printers do)."""
        node = self.args[0]
        while (node.is_Add or node.is_Mul and not any(f.is_Pow and f.exp.is_negative for f in node.args)) \
                and len(node.args) > 1:
            node = node.args[-1]
        return node

    @property
    def precedence(self) -> int:
        # bracketed as what it holds is: (x + t)² and 2·(1 + u²) keep their brackets
        from sympy.printing.precedence import precedence

        return precedence(self.args[0])

    def _in_order(self, printer) -> str:
        settings, first = printer._settings, printer.__dict__.get("positive_first")
        order, texts = settings.get("order"), printer.__dict__.get("_node_texts")
        settings["order"], printer.positive_first = "none", False
        if texts is not None:  # a node remembered as printed in SymPy's order would print so here
            printer._node_texts = None
        try:
            return printer._print(self.args[0])
        finally:
            settings["order"] = order
            if texts is not None:
                printer._node_texts = texts
            if first is None:
                del printer.positive_first
            else:
                printer.positive_first = first

    _sympystr = _latex = _mathml_presentation = _in_order


class Kept(InOrder):
    """A number times a sum as a rule wrote it, c·(a + b), standing for `value`, the sum SymPy makes of
    it (10·(5x + 2) for 50x + 20, 10·sin(x)·(5x + 2) for (50x + 20)·sin(x)): printed as written, and
    read back (render.order) as `value`. Made only where the two are equal (render.order._gathered)."""

    def __new__(cls, tree, value):
        return sympy.Basic.__new__(cls, tree, value)

    @property
    def value(self):
        return self.args[1]


class PointValue(sympy.Dummy):
    """A point's value put in for a variable (x = −1 in x·y is (−1)·2), kept apart from the numbers
    around it: SymPy would multiply 1·2 out, and its printers would write a product of numbers as one
    (2·(−1) as −2). Each printer writes the number as it writes any number, bracketed where a
    product or a power needs it: a negative value as a sum is, a fraction or surd as a product is."""

    def __new__(cls, number):
        value = super().__new__(cls, "value")
        # a point's values are SymPy numbers already (parsed from --at): nothing here reads text
        value.number = sympy.Integer(number) if isinstance(number, int) else number
        if not isinstance(value.number, sympy.Expr):
            raise TypeError(f"a point's value must be a SymPy number, not {type(number).__name__}")
        return value

    @property
    def precedence(self) -> int:
        n = self.number
        if n.is_negative:
            return PRECEDENCE["Add"]
        plain = n.is_Integer or n.is_Float or (n.is_Atom and not n.is_Rational)  # 2, 0.5, π; not 1/2
        return PRECEDENCE["Atom"] if plain else PRECEDENCE["Mul"] - 1

    def could_extract_minus_sign(self):
        return False  # −(−2) is a minus before the value, not 2

    def _number(self, printer, *args, **kwargs):
        return printer._print(self.number)

    _sympystr = _latex = _mathml_presentation = _number


def in_order(result_input: str | None, expr):
    """`expr` as typed in `result_input`, an InOrder; `expr` itself where that cannot be had."""
    tree = _typed_tree(result_input, expr)
    return expr if tree is None else InOrder(tree)


def _typed_tree(text, expr):
    from ..scalar.parsing import typed_form  # the parser loads with the first result shown

    try:
        return typed_form(text, expr)
    except TypeError:  # an unhashable expr (a matrix) has no typed form here
        return None


def bmatrix(rows) -> str:
    """Rows of LaTeX cells as a bmatrix (amsmath)."""
    return r"\begin{bmatrix} " + r" \\ ".join(" & ".join(row) for row in rows) + r" \end{bmatrix}"


def column(entries: list[str]) -> str:
    """LaTeX cells as a column vector; a single one alone: the gradient of a function of one variable is
    its derivative f′, a number at a point, and a textbook writes no 1×1 vector for it (nor for its u)."""
    return entries[0] if len(entries) == 1 else bmatrix([[e] for e in entries])


def derivative_latex(expr, wrt, ordinary: bool = False) -> str:
    """∂^n f/∂x…∂y in LaTeX, with f spelled out as the documents write it; with `ordinary` (a function
    of one variable), d^n/dx^n."""
    wrt = list(wrt)
    n = len(wrt)
    power = "" if n == 1 else f"^{{{n}}}"
    if ordinary:
        num, den = f"d{power}", f"d {latex(wrt[0])}{power}"
    else:
        num, den = f"\\partial{power}", " ".join(f"\\partial {latex(v)}" for v in reversed(wrt))
    return f"\\frac{{{num}}}{{{den}}} \\left({latex(expr)}\\right)"


# A value at a point as every human view prints it: six significant digits (135.765).
decimal = _approx_decimal


def approximately(exact, value: float, printer, shown: str | None = None) -> str:
    """What follows a name at a point, its relation first: the decimal of `value` (or `shown`, where it
    needs more digits) after its exact form where there is one, each with the relation it has, so that no
    caller writes "=" before a number it did not check: = 4, ≈ 4.04239, = 96√2 ≈ 135.765, = 28/5 = 5.6."""
    last = related(value, exact, shown)
    return last if exact is None else f"= {printer(exact)} {last}"


def related(value: float, exact=None, shown: str | None = None) -> str:
    """The decimal alone after its relation, = 5.6 or ≈ 0.333333, judged by the exact value where known."""
    from ..features.approx import relation

    from ..core.written import unicode_number

    shown = decimal(value) if shown is None else shown
    return f"{relation(shown, value, exact)} {unicode_number(shown)}"


def derivative_symbol(wrt, f: str = "f", printer=plain, ordinary: bool = False) -> str:
    """∂f/∂x, ∂²f/∂y∂x, in one line; with `ordinary`, dy/dx and d²y/dx²."""
    wrt = list(wrt)
    n = len(wrt)
    sup = "" if n == 1 else str(n).translate(_SUPERSCRIPT)
    if ordinary:
        return f"d{sup}{f}/d{printer(wrt[0])}{sup}"
    den = "".join(f"∂{printer(v)}" for v in reversed(wrt))
    return f"∂{sup}{f}/{den}"


# The function a result is about is called f, unless the input named it (y = x^3, g(x, y) = …).

def function_name(result, printer=plain) -> str:
    """f, or the name the input's definition gave the function (printed: θ for theta in Unicode)."""
    name = getattr(result, "name", None)
    return printer(sympy.Symbol(name)) if name else "f"


def gradient_by(result) -> tuple | None:
    """The variables ∇f is taken by where they leave out some of f's names (`--vars w,b` on a loss in w, b,
    x, y; descend's data held fixed by --at): the gradient with respect to (w, b) only, which a textbook
    writes ∇_(w,b) f. None where it is by every name of f, or by the parameters a definition g(x, y) = …
    declared (its other names are constants)."""
    if getattr(result, "params", ()):
        return None
    taken = tuple(result.vars)
    return taken if free_symbols([result.expr]) - set(taken) else None


def nabla_named(result, f: str, printer=plain) -> str:
    """∇f in words and Unicode, as a line of text writes it: ∇f, or "∇f with respect to (w, b)" (the
    letters w, b have no Unicode subscript), "w, b에 대한 그래디언트 ∇f" in Korean."""
    from ..core.messages import message

    by = gradient_by(result)
    if by is None:
        return f"∇{f}"
    return message("grad.by", nabla=f"∇{f}", vars=", ".join(printer(v) for v in by))


def nabla_latex(result, f: str) -> str:
    """\\nabla f, or \\nabla_{(w, b)} f where ∇ is taken by some of f's names only (`gradient_by`)."""
    by = gradient_by(result)
    if by is None:
        return rf"\nabla {f}"
    return rf"\nabla_{{({', '.join(latex(v) for v in by)})}} {f}"


def nabla_mathml(result, f: str) -> str:
    """<mo>∇</mo>f, or ∇ with the subscript (w, b) where it is taken by some of f's names only."""
    by = gradient_by(result)
    if by is None:
        return f"<mo>∇</mo>{f}"
    names = "<mo>,</mo>".join(mathml(v) for v in by)
    return f"<msub><mo>∇</mo><mrow><mo>(</mo>{names}<mo>)</mo></mrow></msub>{f}"


def function_head(result, printer=plain) -> str:
    """The left side of the function's definition: f, y, or g(x, y) with the variables it listed."""
    params = getattr(result, "params", ())
    name = function_name(result, printer)
    return f"{name}({', '.join(printer(p) for p in params)})" if params else name


def is_ordinary(result, wrt) -> bool:
    """df/dx rather than ∂f/∂x: for a function of one variable, by that variable, as a textbook writes
    it (∂ says that other variables are held constant, and there are none). The variables are the
    definition's (g(x) = …) or f's free symbols, with any it was given that f lacks (`--vars x,y` for
    x²: ∂f/∂y = 0 says f is a function of y too, so ∂f/∂x is a partial derivative as well)."""
    params = getattr(result, "params", ())
    if params:
        variables = set(params)
    else:
        declared = _declared(result)
        # a gradient's views ask once per partial: two variables settle it, with no walk of a
        # 1000-term f (nor a set of its 3000 variables) each time
        if any(v != declared[0] for v in declared[1:]):
            return False
        variables = free_symbols([result.expr]) | set(declared)
    return len(variables) == 1 and set(wrt) == variables


def _declared(result) -> tuple:
    """The variables a result was taken by or declared with: a gradient's, or partial's --vars."""
    return tuple(getattr(result, "vars", None) or ()) + tuple(getattr(result, "variables", None) or ())


# A step of a deeply nested derivative can hold a result of millions of terms when printed (depth 40
# of x*sin(x + x*sin(…)) prints 3 MB of steps). Human views show each expression in a step only down
# to the depth that keeps it under this many nodes, with … for what is cut; the final result is
# printed whole (and with its common subexpressions named).
STEP_EXPR_NODES = 300
# Past this size an expression inside a step is printed with its sums in stored order (sorting terms
# costs more than everything else, and an expression this large is read for its shape, not its order).
SORTED_NODES = 100
ELLIPSIS = sympy.Symbol("…")


def _nodes(expr, limit: int) -> int:
    """Nodes of `expr` as printed, counting no further than limit + 1."""
    n = 0
    for n, _ in enumerate(sympy.preorder_traversal(expr), 1):
        if n > limit:
            break
    return n


def _cut(expr, depth: int, budget: int) -> tuple:
    """`expr` cut below `depth`, and its nodes; past `budget` nodes it stops (None, more than budget):
    a sum of 3000 terms is over at every depth, and walking and rebuilding it whole 16 times made
    each of its steps slow."""
    if not expr.args:
        return expr, 1
    if depth == 0:
        return ELLIPSIS, 1
    args, total = [], 1
    for a in expr.args:
        if total > budget:
            return None, total
        cut, n = _cut(a, depth - 1, budget - total)
        args.append(cut)
        total += n
    if total > budget:
        return None, total
    try:
        return expr.func(*args, evaluate=False), total
    except TypeError:
        return expr.func(*args), total


def _cut_to(expr, limit: int):
    for depth in range(16, 0, -1):
        cut, n = _cut(expr, depth, limit)
        if n <= limit:
            return cut
    return ELLIPSIS


def truncated(expr, limit: int = STEP_EXPR_NODES):
    """`expr`, or its top part with deeper subexpressions replaced by … to stay under `limit` nodes."""
    if not isinstance(expr, sympy.Basic) or _nodes(expr, limit) <= limit:
        return expr
    return _cut_to(expr, limit)


def _unsorted(printer):
    """The same printer, with sums in stored order: sorting terms is most of the cost of printing,
    and a truncated expression has no textbook order to keep."""
    cls = {plain: PlainPrinter, unicode: UnicodePrinter, latex: LatexPrinter}.get(printer)
    if cls is None:
        return printer
    return cls({"order": "none"}).doprint


def abbreviated(printer):
    """`printer`, for expressions shown inside steps: large ones are truncated first."""
    fast = _unsorted(printer)

    def show(expr) -> str:
        if not isinstance(expr, sympy.Basic):
            return printer(expr)
        n = _nodes(expr, STEP_EXPR_NODES)  # one count decides both: sorted or not, whole or cut
        if n <= SORTED_NODES:
            return printer(expr)
        return fast(expr if n <= STEP_EXPR_NODES else _cut_to(expr, STEP_EXPR_NODES))

    return show


# --- labels: the names of backprop's rows and of a network's numbers (∂L/∂W₂, δ₂ = ∂L/∂y₂,
# W2 ← W2 − η·∂L/∂W2), written in Unicode by the engine, in LaTeX

_LABEL_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_LABEL_TOKEN = re.compile(r"∂([^\s/·()=←]+)/∂([^\s/·()=←]+)|([A-Za-zδησ]+)(\d*)|(.)", re.S)
_LABEL_GREEK = {"δ": r"\delta", "η": r"\eta", "σ": r"\sigma", "delta": r"\delta"}
_LABEL_FUNCTIONS = {"sigmoid", "tanh", "relu", "identity", "softmax", "step", "diag", "sum"}
_LABEL_SIGNS = {"ᵀ": r"^{\top}", "·": r" \cdot ", "−": "-", "←": r" \leftarrow ", "′": "'", "→": r" \to ",
                "×": r" \times ", "⊙": r" \odot "}


def tex_label(label: str) -> str:
    """A row's label in LaTeX: ∂L/∂W₂ as a fraction (a slash in display math is not how a textbook
    writes a derivative), W2 and δ₂ subscripted, η, ←, ᵀ and · as math, dL as a differential, an
    activation's name upright."""
    label = label.translate(_LABEL_SUBSCRIPTS).strip()
    if label == "dL":
        return r"\mathrm{d}L"
    pieces: list[str] = []
    for m in _LABEL_TOKEN.finditer(label):
        top, bottom, name, index, other = m.groups()
        if top is not None:
            pieces.append(rf"\frac{{\partial {tex_label(top)}}}{{\partial {tex_label(bottom)}}}")
        elif name is not None:
            if name in _LABEL_FUNCTIONS:
                base = rf"\operatorname{{{name}}}"
            elif name in _LABEL_GREEK:
                base = _LABEL_GREEK[name]
            elif name[0] in _LABEL_GREEK:  # δx: a Greek letter then a name
                base = _LABEL_GREEK[name[0]] + " " + name[1:]
            else:
                base = name
            pieces.append(f"{base}_{{{index}}}" if index else base)
        elif other.isspace():
            pieces.append(" ")
        else:
            pieces.append(_LABEL_SIGNS.get(other, other))
    out = ""
    for piece in pieces:
        # a control word must not run into the letters after it (\delta x, not \deltax)
        if re.search(r"\\[A-Za-z]+$", out) and piece[:1].isalpha():
            out += " "
        out += piece
    return re.sub(r" {2,}", " ", out).strip()
