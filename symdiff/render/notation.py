"""How expressions look in each output: SymPy `str` syntax (text, JSON: reads back into symdiff),
one-line Unicode math (the terminal: 6·x·y⁴), LaTeX, and presentation MathML (HTML pages)."""

from __future__ import annotations

import re

import sympy
from sympy.printing.latex import LatexPrinter as _SympyLatexPrinter
from sympy.printing.mathml import MathMLPresentationPrinter as _SympyMathMLPrinter
from sympy.printing.precedence import precedence
from sympy.printing.str import StrPrinter

from ..core.formula import LogBase, superscript
from ..core.memo import SORT_TERMS_MAX, STRICT_EQUALITY, Memo, ordered_terms, prints_negative
from ..core.messages import NaturalLogStr, natural_log
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
        if self.positive_first and terms and prints_negative(terms[0]):
            first = next((i for i, t in enumerate(terms) if not prints_negative(t)), None)
            if first is not None:
                terms = [terms[first], *terms[:first], *terms[first + 1:]]
        return terms


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


def log_to_base(expr):
    """`expr` as (the other factors, a, b) where it is their product times ln(a)/ln(b) for an integer base b ≥ 2: how SymPy holds
    log(a, b), which a textbook writes log_b a (log₁₀ x, not ln x/ln 10); None for any other
    expression. (Korean school mathematics reads log without a base as log₁₀, so the base is written.)"""
    if not isinstance(expr, sympy.Mul):
        return None
    logs, bases, rest = [], [], []
    for factor in expr.args:
        if isinstance(factor, sympy.log) and not factor.args[0].is_number:
            logs.append(factor.args[0])
        elif (factor.is_Pow and factor.exp == -1 and isinstance(factor.base, sympy.log)
              and factor.base.args[0].is_Integer and factor.base.args[0] > 1):
            bases.append(factor.base.args[0])
        else:
            rest.append(factor)
    if len(logs) != 1 or len(bases) != 1:
        return None
    return rest, logs[0], bases[0]


def _with_log_base(expr, piece):
    """`expr` (a match of `log_to_base`) with ln(a)/ln(b) as one factor, `piece(a, b)`."""
    rest, arg, base = log_to_base(expr)
    return sympy.Mul(*rest, piece(arg, base), evaluate=False) if rest else piece(arg, base)


class _LogTo(sympy.Function):
    """log(a, b) in SymPy's syntax, as the text view writes it (it reads back)."""

    nargs = 2

    def _sympystr(self, printer):
        return f"log({printer._print(self.args[0])}, {printer._print(self.args[1])})"


class _LogBaseText:
    """log(a, b) as SymPy's syntax writes it (the text view's results read back)."""

    def _print_Mul(self, expr):
        if log_to_base(expr) is not None:
            return self._print(_with_log_base(expr, _LogTo))
        return super()._print_Mul(expr)


class PlainPrinter(_StrTermsOnce, _EachNodeOnce, _LogBaseText, NaturalLogStr, _BigSums, StrPrinter):
    pass


class LatexPrinter(_BigSums, _SympyLatexPrinter):
    follows_language = True  # \ln where the output's language writes ln (`natural_log`)
    textbook_names = True  # sgn x, as a textbook writes the sign function (JSON's latex keeps SymPy's sign)

    def _print_sign(self, expr, exp=None):
        # as SymPy's generic function printing writes it, under the name the output uses
        name = "sgn" if self.textbook_names else "sign"
        power = f"^{{{exp}}}" if exp is not None else ""
        return rf"\operatorname{{{name}}}{power}{{\left({self._print(expr.args[0])} \right)}}"

    def doprint(self, expr):
        self._settings["ln_notation"] = self.follows_language and natural_log()
        return super().doprint(expr)

    def _print_Mul(self, expr):
        if self.textbook_names and log_to_base(expr) is not None:
            return self._print(_with_log_base(expr, LogBase))
        return super()._print_Mul(expr)

    def _print_Symbol(self, expr, style="plain"):
        if expr.name == "…":
            return r"\ldots"
        if misread_name(expr.name):
            return r"\mathit{" + expr.name.replace("_", r"\_") + "}"
        return super()._print_Symbol(expr, style=style)


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


class _SympyLatex(_LatexTermsOnce, _EachNodeOnce, LatexPrinter):
    positive_first = False
    follows_language = False
    textbook_names = False


# JSON's expression values are data, the same in every language (its prose follows --lang).
sympy_text = Memo(_SympyStr().doprint, MEMO_SIZE, MEMO_LONGEST)
sympy_latex = Memo(_SympyLatex().doprint, MEMO_SIZE, MEMO_LONGEST)


def plain(expr) -> str:
    return _plain(expr)


# e to a longer power is written exp(…), as textbooks do: a long run of small letters is hard to read.
EXP_RAISED_LONGEST = 5


def _atomic(expr) -> bool:
    """Printed as one symbol: an atom, or a name standing for a function (implicit differentiation's
    y for y(x)), which x² and √x need no brackets around."""
    return expr.is_Atom or getattr(expr, "prints_as_name", False)


def _delimited(expr) -> bool:
    """Needs no brackets under an exponent: atomic, or |u|, whose bars delimit it (|x|³ as typed)."""
    return _atomic(expr) or isinstance(expr, sympy.Abs)


class _Unicode(_BigSums, StrPrinter):
    """StrPrinter with x² for integer powers, √ for square roots and · for products."""

    times = "·"  # between the factors of a product written out (symdiff.core.formula.Times)

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.base, expr.exp
        if exp is sympy.S.Half:
            return f"√({self._print(base)})" if not (_atomic(base)) else f"√{self._print(base)}"
        if exp == -sympy.S.Half and not rational:
            return f"1/{self._print(sympy.sqrt(base))}"
        if exp == -1 and not rational:
            return f"1/{self.parenthesize(base, sympy.printing.precedence.PRECEDENCE['Pow'])}"
        if exp.is_Integer:
            b = self.parenthesize(base, sympy.printing.precedence.PRECEDENCE["Pow"], strict=False)
            if not _delimited(base) or (base.is_Rational and base < 0):
                b = f"({self._print(base)})" if not b.startswith("(") else b
            return b + str(exp).translate(_SUPERSCRIPT)
        b = self.parenthesize(base, sympy.printing.precedence.PRECEDENCE["Pow"], strict=False)
        e = self._print(exp)
        raised = superscript(e)
        if raised is not None:  # xʸ, x⁻¹ᐟ², 2ˢⁱⁿ⁽ˣ⁾: a caret is no notation a reader knows
            if not _delimited(base) or (base.is_Rational and base < 0):
                b = f"({self._print(base)})" if not b.startswith("(") else b
            return b + raised
        if not exp.is_Atom or (exp.is_Rational and not exp.is_Integer) or exp.is_negative:
            e = f"({e})"
        return f"{b}^{e}"

    def _print_Mul(self, expr):
        if log_to_base(expr) is not None:
            return self._print(_with_log_base(expr, LogBase))
        return super()._print_Mul(expr).replace("*", "·")

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_Exp1(self, expr):
        return "e"

    def _print_Pi(self, expr):
        return "π"

    def _print_exp(self, expr):
        arg = expr.args[0]
        text = self._print(arg)
        raised = superscript(text) if len(text) <= EXP_RAISED_LONGEST else None
        return f"e{raised}" if raised is not None else f"exp({text})"

    def _print_log(self, expr):
        return f"ln({self._print(expr.args[0])})"

    def _print_sigmoid(self, expr):
        return f"σ({self._print(expr.args[0])})"

    def _print_Symbol(self, expr):
        return _GREEK.get(expr.name, expr.name)


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


def unicode(expr) -> str:
    return _unicode(expr)


# Documents write inverse trigonometric functions as a textbook does, arcsin x rather than
# \operatorname{asin} (JSON's latex, which is data, keeps SymPy's default).
_latex = _remembered(LatexPrinter({"inv_trig_style": "full"}))


def latex(expr) -> str:
    return _latex(expr)


MINUS = "\u2212"  # the minus sign; SymPy writes the hyphen-minus "-"
APPLY_FUNCTION = "\u2061"  # invisible: says "sin applied to (x)", not "sin times (x)"
INVISIBLE_TIMES = ("&InvisibleTimes;", "\u2062")
THIN_SPACE = "0.1667em"  # TeX's \, : the space a textbook sets before a function name


# SymPy's printers set some names as other mathematics: x__2 as x², xdot as ẋ, Xprime as X′, xabs as |x|.
# A document would show what was never computed (a time derivative, a power, an absolute value), so
# such a name is set as it is spelt. Decorations (xhat, xbar, xvec) keep their accents.
_MISREAD_SUFFIXES = ("ddddot", "dddot", "ddot", "dot", "prime", "prm", "norm", "abs", "mag", "avg")


def misread_name(name: str) -> bool:
    """Whether SymPy's LaTeX or MathML printer would set `name` as something other than a name."""
    if "__" in name or name.endswith("_") or "^" in name:
        return True
    base = re.sub(r"(_[A-Za-z0-9]*|\d+)$", "", name).lower()
    return any(base.endswith(suffix) and len(base) > len(suffix) for suffix in _MISREAD_SUFFIXES)


class MathMLPrinter(_BigSums, _SympyMathMLPrinter):
    """SymPy's presentation MathML, set the way a textbook sets it: a minus sign (−) where SymPy
    writes a hyphen (-), function application marked as such, and a thin space between a factor and
    the function name after it (x sin(x), not xsin(x)): browsers put no space around an invisible
    times, so a textbook's space has to be written out."""

    def _print_Mul(self, expr):
        if log_to_base(expr) is not None:
            return self._print(_with_log_base(expr, LogBase))
        return super()._print_Mul(expr)

    def doprint(self, expr):
        self._settings["ln_notation"] = natural_log()
        root = self._print(expr)
        self._typeset(root)
        return root.toxml().encode("ascii", "xmlcharrefreplace").decode()

    def _print_Symbol(self, sym, style="plain"):
        if misread_name(sym.name):
            node = self.dom.createElement("mi")
            node.appendChild(self.dom.createTextNode(sym.name))
            return node
        return super()._print_Symbol(sym, style=style)

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
                if _application(node) is not None:
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
    if len(kids) == 2 and kids[0].tagName == "mi" and kids[1].tagName == "mrow":
        first = next((c for c in kids[1].childNodes if c.nodeType == c.ELEMENT_NODE), None)
        if first is not None and first.tagName == "mo" and _text(first) == "(":
            return _text(kids[0])
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
    return _mathml_printer.doprint(expr)


def bmatrix(rows) -> str:
    """Rows of LaTeX cells as a bmatrix (amsmath)."""
    return r"\begin{bmatrix} " + r" \\ ".join(" & ".join(row) for row in rows) + r" \end{bmatrix}"


def derivative_latex(expr, wrt) -> str:
    """∂^n f/∂x…∂y in LaTeX, with f spelled out."""
    wrt = list(wrt)
    n = len(wrt)
    den = " ".join(f"\\partial {sympy.latex(v)}" for v in reversed(wrt))
    num = "\\partial" if n == 1 else f"\\partial^{{{n}}}"
    return f"\\frac{{{num}}}{{{den}}} \\left({sympy.latex(expr)}\\right)"


# A value at a point as every human view prints it: six significant digits (135.765).
decimal = _approx_decimal


def approximately(exact, value: float, printer) -> str:
    """The decimal of `value`, after its exact form where there is one: 96√2 ≈ 135.765, −1/π ≈ −0.31831."""
    return decimal(value) if exact is None else f"{printer(exact)} ≈ {decimal(value)}"


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


def function_head(result, printer=plain) -> str:
    """The left side of the function's definition: f, y, or g(x, y) with the variables it listed."""
    params = getattr(result, "params", ())
    name = function_name(result, printer)
    return f"{name}({', '.join(printer(p) for p in params)})" if params else name


def is_ordinary(result, wrt) -> bool:
    """df/dx rather than ∂f/∂x: for a function of one variable, by that variable, as a textbook writes
    it (∂ says that other variables are held constant, and there are none). The variables are the
    definition's (g(x) = …) or f's free symbols."""
    params = getattr(result, "params", ())
    variables = set(params) if params else result.expr.free_symbols
    return len(variables) == 1 and set(wrt) == variables


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


def _cut(expr, depth: int) -> tuple:
    if not expr.args:
        return expr, 1
    if depth == 0:
        return ELLIPSIS, 1
    args, total = [], 1
    for a in expr.args:
        cut, n = _cut(a, depth - 1)
        args.append(cut)
        total += n
    try:
        return expr.func(*args, evaluate=False), total
    except TypeError:
        return expr.func(*args), total


def _cut_to(expr, limit: int):
    for depth in range(16, 0, -1):
        cut, n = _cut(expr, depth)
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
