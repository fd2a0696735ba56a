"""Pieces of mathematics an explanation shows as written, not as SymPy would evaluate them: the
derivative operator (d/dx, or ∂/∂x under a partial derivative) and a rule's formula with its pieces
substituted, (g′·h − g·h′)/h², before anything is multiplied out or cancelled.

Each is a SymPy expression that keeps its parts as given (SymPy's own unevaluated Mul and Add reorder
their arguments when printed, and set 3·2x as "3 2 x" in LaTeX), with a print method for each
printer family, so that every renderer prints it in its own notation: `str` syntax for text and
JSON, Unicode through the terminal's printer (a StrPrinter whose `times` is "·"), LaTeX, and
presentation MathML. `doit()` gives the ordinary expression, which is how the tests compare it
with the step's result.
"""

from __future__ import annotations

import sympy
from sympy.printing.precedence import PRECEDENCE


def _times(printer) -> str:
    return getattr(printer, "times", "*")


class Operator(sympy.Expr):
    """d/dx, or ∂/∂x when `partial`; with `of`, the derivative of that name: du/dx, ∂u/∂x."""

    def __new__(cls, var, partial=False, of=None):
        args = (var, sympy.true if partial else sympy.false) + ((of,) if of is not None else ())
        return sympy.Basic.__new__(cls, *args)

    @property
    def var(self):
        return self.args[0]

    @property
    def partial(self) -> bool:
        return bool(self.args[1])

    @property
    def of(self):
        return self.args[2] if len(self.args) > 2 else None

    def _sympystr(self, printer):
        d = "∂" if self.partial else "d"
        top = printer._print(self.of) if self.of is not None else ""
        return f"{d}{top}/{d}{printer._print(self.var)}"

    def _latex(self, printer):
        d = r"\partial" if self.partial else "d"
        top = f"{d} {printer._print(self.of)}" if self.of is not None else d
        return rf"\frac{{{top}}}{{{d} {printer._print(self.var)}}}"

    def _mathml_presentation(self, printer):
        dom = printer.dom

        def d():
            el = dom.createElement("mo" if self.partial else "mi")
            el.appendChild(dom.createTextNode("∂" if self.partial else "d"))
            return el

        frac = dom.createElement("mfrac")
        top = dom.createElement("mrow")
        top.appendChild(d())
        if self.of is not None:
            top.appendChild(printer._print(self.of))
        bottom = dom.createElement("mrow")
        bottom.appendChild(d())
        bottom.appendChild(printer._print(self.var))
        frac.appendChild(top)
        frac.appendChild(bottom)
        return frac


class _Written(sympy.Expr):
    """Parts kept in the order and grouping given; printed joined by the class's operator."""

    def __new__(cls, *args, evaluate=False):
        return sympy.Basic.__new__(cls, *map(sympy.sympify, args))

    def doit(self, **hints):
        return self.value(*(a.doit(**hints) if isinstance(a, sympy.Basic) else a for a in self.args))


class _Joined(_Written):
    """Any number of parts joined by one operator, each parenthesised where it binds less tightly."""

    symbol = ""  # in `str` syntax (a Unicode printer's `times` replaces "*")
    latex_symbol = ""
    mathml_symbol = ""

    def _sympystr(self, printer):
        op = _times(printer) if self.symbol == "*" else self.symbol
        return op.join(printer.parenthesize(a, self.precedence, strict=True) for a in self.args)

    def _latex(self, printer):
        return self.latex_symbol.join(_latex_paren(printer, a, self.precedence, True) for a in self.args)

    def _mathml_presentation(self, printer):
        return _mathml_join(printer, self.args, self.mathml_symbol, self.precedence)


class Times(_Joined):
    """a·b·c, each factor parenthesised where it is a sum or negative."""

    precedence = PRECEDENCE["Mul"]
    symbol, latex_symbol, mathml_symbol = "*", r" \cdot ", "·"

    @staticmethod
    def value(*args):
        return sympy.Mul(*args)


class Plus(_Joined):
    """a + b + c, in that order."""

    precedence = PRECEDENCE["Add"]
    symbol, latex_symbol, mathml_symbol = " + ", " + ", "+"

    @staticmethod
    def value(*args):
        return sympy.Add(*args)


class _Binary(_Written):
    """a op b, the second part parenthesised also where it binds as tightly (a − (b − c), a/(b·c))."""

    symbol = ""

    def _sympystr(self, printer):
        a, b = self.args
        return f"{printer.parenthesize(a, self.precedence, strict=True)}{self.symbol}{printer.parenthesize(b, self.precedence)}"


class Minus(_Binary):
    """a − b, b parenthesised unless it is a product or a power."""

    precedence = PRECEDENCE["Add"]
    symbol = " - "

    @staticmethod
    def value(a, b):
        return a - b

    def _latex(self, printer):
        a, b = self.args
        return f"{_latex_paren(printer, a, self.precedence, True)} - {_latex_paren(printer, b, self.precedence, False)}"

    def _mathml_presentation(self, printer):
        return _mathml_join(printer, self.args, "-", self.precedence, strict_last=False)


class Over(_Binary):
    """a/b as a fraction (a bar in LaTeX and MathML)."""

    precedence = PRECEDENCE["Mul"]
    symbol = "/"

    @staticmethod
    def value(a, b):
        return a / b

    def _latex(self, printer):
        a, b = self.args
        return rf"\frac{{{printer._print(a)}}}{{{printer._print(b)}}}"

    def _mathml_presentation(self, printer):
        frac = printer.dom.createElement("mfrac")
        for a in self.args:
            frac.appendChild(printer._print(a))
        return frac


def _mathml_join(printer, args, op: str, level, strict_last: bool = True):
    mrow = printer.dom.createElement("mrow")
    for i, a in enumerate(args):
        if i:
            mo = printer.dom.createElement("mo")
            mo.appendChild(printer.dom.createTextNode(op))
            mrow.appendChild(mo)
        strict = strict_last or i < len(args) - 1
        mrow.appendChild(_mathml_paren(printer, a, level, strict))
    return mrow


def _mathml_paren(printer, item, level, strict: bool):
    from sympy.printing.precedence import precedence

    prec = precedence(item)
    if prec < level or (not strict and prec <= level):
        mrow = printer.dom.createElement("mrow")
        mrow.appendChild(printer._l_paren())
        mrow.appendChild(printer._print(item))
        mrow.appendChild(printer._r_paren())
        return mrow
    return printer._print(item)


def _latex_paren(printer, item, level, strict: bool) -> str:
    # By the precedence of `str` syntax, where a negative product binds like a sum: LaTeX's own
    # would write 2x · −sin x.
    from sympy.printing.precedence import precedence

    prec = precedence(item)
    if prec < level or (not strict and prec <= level):
        return rf"\left({printer._print(item)}\right)"
    return printer._print(item)
