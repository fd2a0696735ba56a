"""How expressions look in each output: SymPy `str` syntax (text, JSON: reads back into symdiff),
one-line Unicode math (the terminal: 6·x·y⁴), and LaTeX."""

from __future__ import annotations

import sympy
from sympy.printing.latex import LatexPrinter as _SympyLatexPrinter
from sympy.printing.str import StrPrinter

from ..memo import Memo

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


# SymPy sorts the terms of a sum before printing, and for a sum of thousands of distinct
# variables that sort is quadratic (20 000 terms: two minutes). Past this many terms, sums print in
# SymPy's internal order instead.
SORT_TERMS_MAX = 200


class _BigSums:
    def _as_ordered_terms(self, expr, order=None):
        if len(expr.args) > SORT_TERMS_MAX:
            return list(expr.args)
        return super()._as_ordered_terms(expr, order=order)


class PlainPrinter(_BigSums, StrPrinter):
    pass


class LatexPrinter(_BigSums, _SympyLatexPrinter):
    pass


# Printing is most of the cost of a record with steps, and the same expressions come back (within
# a record and across a batch): each printer remembers its short answers (see symdiff.memo).
MEMO_SIZE = 4096
MEMO_LONGEST = 2000  # characters

_plain_printer = PlainPrinter()
_plain = Memo(_plain_printer.doprint, MEMO_SIZE, MEMO_LONGEST)


def plain(expr) -> str:
    return _plain(expr)


class UnicodePrinter(_BigSums, StrPrinter):
    """StrPrinter with x² for integer powers, √ for square roots and · for products."""

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.base, expr.exp
        if exp is sympy.S.Half:
            return f"√({self._print(base)})" if not (base.is_Atom) else f"√{self._print(base)}"
        if exp == -1 and not rational:
            return f"1/{self.parenthesize(base, sympy.printing.precedence.PRECEDENCE['Pow'])}"
        if exp.is_Integer:
            b = self.parenthesize(base, sympy.printing.precedence.PRECEDENCE["Pow"], strict=False)
            if not base.is_Atom or (base.is_Rational and base < 0):
                b = f"({self._print(base)})" if not b.startswith("(") else b
            return b + str(exp).translate(_SUPERSCRIPT)
        b = self.parenthesize(base, sympy.printing.precedence.PRECEDENCE["Pow"], strict=False)
        e = self._print(exp)
        if not exp.is_Atom or (exp.is_Rational and not exp.is_Integer) or exp.is_negative:
            e = f"({e})"
        return f"{b}^{e}"

    def _print_Mul(self, expr):
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
        return f"e^{text}" if arg.is_Atom else f"e^({text})"

    def _print_log(self, expr):
        return f"ln({self._print(expr.args[0])})"

    def _print_sigmoid(self, expr):
        return f"σ({self._print(expr.args[0])})"

    def _print_Symbol(self, expr):
        return _GREEK.get(expr.name, expr.name)


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


_latex_printer = LatexPrinter()
_latex = Memo(_latex_printer.doprint, MEMO_SIZE, MEMO_LONGEST)


def latex(expr) -> str:
    return _latex(expr)


def derivative_latex(expr, wrt) -> str:
    """∂^n f/∂x…∂y in LaTeX, with f spelled out."""
    wrt = list(wrt)
    n = len(wrt)
    den = " ".join(f"\\partial {sympy.latex(v)}" for v in reversed(wrt))
    num = "\\partial" if n == 1 else f"\\partial^{{{n}}}"
    return f"\\frac{{{num}}}{{{den}}} \\left({sympy.latex(expr)}\\right)"


def derivative_symbol(wrt, f: str = "f", printer=plain) -> str:
    """∂f/∂x, ∂²f/∂y∂x, in one line."""
    wrt = list(wrt)
    n = len(wrt)
    sup = "" if n == 1 else str(n).translate(_SUPERSCRIPT)
    den = "".join(f"∂{printer(v)}" for v in reversed(wrt))
    return f"∂{sup}{f}/{den}"
