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

import contextlib

import re

import sympy
from sympy.printing.precedence import PRECEDENCE


def _atomic(expr) -> bool:
    """Printed as one symbol: an atom, or a name standing for a function (y for y(x))."""
    return expr.is_Atom or getattr(expr, "prints_as_name", False)


def _times(printer) -> str:
    return getattr(printer, "times", "*")


class Operator(sympy.Expr):
    """d/dx, or ∂/∂x when `partial`; with `of`, the derivative of that name: du/dx, ∂u/∂x."""

    sets_apart = True  # set as a fraction, which no bare function argument before it runs into (cos u du/dx)

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

    @property
    def read_as(self):
        """What the piece is read aloud as, for the Korean particle after it: its value."""
        return self.doit()


class _Joined(_Written):
    """Any number of parts joined by one operator, each parenthesised where it binds less tightly."""

    symbol = ""  # in `str` syntax (a Unicode printer's `times` replaces "*")
    latex_symbol = ""
    mathml_symbol = ""

    def _sympystr(self, printer):
        op = _times(printer) if self.symbol == "*" else self.symbol
        parts = [printer.parenthesize(a, self.precedence, strict=True) for a in self.args]
        if self.symbol == "*" and _is_unicode(printer):
            # on one line a fraction with a factor after it, 1/u·du/dx, reads as 1/(u·du/dx) as well
            # as (1/u)·du/dx: the bracket says which (a fraction last, x·1/x, has one reading)
            parts = [f"({p})" if i < len(parts) - 1 and _fraction_on_a_line(p) else p for i, p in enumerate(parts)]
        return op.join(parts)

    def _latex(self, printer):
        return self.latex_symbol.join(_latex_paren(printer, a, self.precedence, True) for a in self.args)

    def _mathml_presentation(self, printer):
        return _mathml_join(printer, self.args, self.mathml_symbol, self.precedence)


class Grouped(_Written):
    """One expression bracketed as a unit of a product: the inner function put back for u, 2·(3·x)·3,
    where 2·3·3·x lost the u = 3·x the line above named."""

    precedence = PRECEDENCE["Atom"]

    @staticmethod
    def value(*args):
        return args[0]

    def _sympystr(self, printer):
        return f"({printer._print(self.args[0])})"

    def _latex(self, printer):
        return rf"\left({printer._print(self.args[0])}\right)"

    def _mathml_presentation(self, printer):
        mrow = printer.dom.createElement("mrow")
        mrow.appendChild(printer._l_paren())
        mrow.appendChild(printer._print(self.args[0]))
        mrow.appendChild(printer._r_paren())
        return mrow


class Times(_Joined):
    """a·b·c, each factor parenthesised where it is a sum or negative."""

    precedence = PRECEDENCE["Mul"]
    symbol, latex_symbol, mathml_symbol = "*", r" \cdot ", "·"

    @staticmethod
    def value(*args):
        return sympy.Mul(*args)


class Product(Times):
    """a·b as a formula writes it: side by side in LaTeX and MathML (n x^{n-1}, g'h), with · in text.
    Only for factors that cannot run together into another reading (letters, powers, functions)."""

    latex_symbol, mathml_symbol = " ", "\u2062"

    def _side_by_side(self, printer):
        # a function set before a letter keeps its brackets (cos(u) v, not cos u v), as in a product
        if hasattr(printer, "side_by_side"):
            return printer.side_by_side(self.args)
        return contextlib.nullcontext()

    def _latex(self, printer):
        with self._side_by_side(printer):
            return super()._latex(printer)

    def _mathml_presentation(self, printer):
        with self._side_by_side(printer):
            return super()._mathml_presentation(printer)


class Plus(_Joined):
    """a + b + c, in that order."""

    precedence = PRECEDENCE["Add"]
    symbol, latex_symbol, mathml_symbol = " + ", " + ", "+"

    @staticmethod
    def value(*args):
        return sympy.Add(*args)


class Terms(_Written):
    """a + b − c: a sum whose terms keep the order given (the order they were moved in), a term with
    a minus sign written after a minus."""

    precedence = PRECEDENCE["Add"]

    @staticmethod
    def value(*args):
        return sympy.Add(*args)

    @property
    def read_as(self):
        """Read aloud, it ends as its last term does (SymPy's order of the sum may differ)."""
        if not self.args:
            return sympy.S.Zero
        last = self.args[-1]
        return -last if last.could_extract_minus_sign() else last

    def _signed(self):
        """(sign, the term without it) for each term; the first keeps its sign."""
        out = []
        for i, term in enumerate(self.args):
            if i and term.could_extract_minus_sign():
                out.append(("-", -term))
            else:
                out.append(("+", term))
        return out

    def _sympystr(self, printer):
        if not self.args:
            return printer._print(sympy.S.Zero)
        parts = []
        for i, (sign, term) in enumerate(self._signed()):
            text = printer.parenthesize(term, self.precedence, strict=i == 0)
            parts.append(text if not i else f" {sign} {text}")
        return "".join(parts)

    def _latex(self, printer):
        if not self.args:
            return "0"
        parts = []
        for i, (sign, term) in enumerate(self._signed()):
            text = _latex_paren(printer, term, self.precedence, i == 0)
            parts.append(text if not i else f" {sign} {text}")
        return "".join(parts)

    def _mathml_presentation(self, printer):
        mrow = printer.dom.createElement("mrow")
        if not self.args:
            mrow.appendChild(printer._print(sympy.S.Zero))
            return mrow
        for i, (sign, term) in enumerate(self._signed()):
            if i:
                mo = printer.dom.createElement("mo")
                mo.appendChild(printer.dom.createTextNode(sign))
                mrow.appendChild(mo)
            mrow.appendChild(_mathml_paren(printer, term, self.precedence, i == 0))
        return mrow


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

    def _sympystr(self, printer):
        a, b = self.args
        if isinstance(a, sympy.Mul) and a.args and a.args[0].is_Number and a.args[0].is_negative:
            # a minus in front, -x/|x|³, as SymPy writes a negative fraction, not (-x)/|x|³
            return "-" + Over(-a, b)._sympystr(printer)
        if isinstance(b, sympy.Expr) and b.is_commutative and sympy.fraction(b)[1] != 1:
            # a denominator that is a fraction itself, 1/(y² + 1), is bracketed: 1/1/(y² + 1) reads as
            # (1/1)/(y² + 1)
            return f"{printer.parenthesize(a, self.precedence, strict=True)}/({printer._print(b)})"
        return super()._sympystr(printer)

    def _latex(self, printer):
        a, b = self.args
        return rf"\frac{{{printer._print(a)}}}{{{printer._print(b)}}}"

    def _mathml_presentation(self, printer):
        frac = printer.dom.createElement("mfrac")
        for a in self.args:
            frac.appendChild(printer._print(a))
        return frac


class Ratio(Over):
    """a/b as a factor, (1/y)·dy/dx: a bar in a document, and bracketed in a line of text, where
    1/y·dy/dx would read as 1/(y·dy/dx)."""

    def _sympystr(self, printer):
        return f"({super()._sympystr(printer)})"


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


# --- a rule's formula, as an explanation states it: d/dx xⁿ = n·xⁿ⁻¹, (g/h)′ = (g′·h − g·h′)/h²
#
# Each formula is one value of its explanation (one slot), so a document typesets it whole, as one
# piece of mathematics. In `str` syntax (JSON's explanations, which read as text) a formula is printed
# in Unicode, as the terminal shows it: `d/dx x**n = n*x**(n - 1)` is no way to state a rule.

# Only true superscript characters: the Canadian syllabics ᐟ and ᐧ that stood in for a raised / and ·
# are missing from many fonts. A raised fraction is written with the fraction slash ⁄ (U+2044), the
# character Unicode composes fractions with (¹⁄₂), and only where the power itself is the point (the
# rewrite √x = x¹⁄²); elsewhere a fractional power is a root (∛x) and e to a product exp(x·y).
_SUPERSCRIPTS = dict(zip(
    "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ"))
FRACTION_SLASH = "⁄"


def root_beside_power(expr) -> tuple | None:
    """(base, k) where `expr` is a letter to the power ±(k + 1/2), k ≥ 1, which every human view writes
    as a textbook does, xᵏ√x: x·√x for x^(3/2), x²·√x for x^(5/2), 1/(x·√x) for x^(−3/2), never
    √(x³). The sign is the power's own (`expr.exp`). Only a letter (a symbol, or a name such as y for
    y(x)): a sum keeps one copy of itself, √((x² + 1)³), since (x² + 1)·√(x² + 1) writes the sum twice
    for the reader to compare, and a textbook keeps such a power whole ((x² + 1)^{3/2} in OpenStax);
    the radical form is kept there because it is how every view writes any other square root."""
    if not isinstance(expr, sympy.Pow):  # a power kept as typed too (scalar.parsing.TypedPow)
        return None
    exp = expr.exp
    if not exp.is_Rational and exp.is_number and (exp.is_Mul or exp.is_Pow):  # 5/2 as typed, 5·2⁻¹
        exp = exp.doit()
    if not exp.is_Rational or exp.q != 2 or abs(exp.p) < 3:
        return None
    base = expr.base
    if not (base.is_Symbol or getattr(base, "prints_as_name", False)):
        return None
    return base, (abs(exp.p) - 1) // 2


def superscript(text: str, fraction: bool = False) -> str | None:
    """`text` raised (n - 1 → ⁿ⁻¹), or None where a character has no superscript form (q, π, √, /, ·, or
    a superscript already: x^(y²) must not read as x^y·2). With `fraction`, a / is the fraction slash."""
    # 2·x raised is ²ˣ, as 2x is written; w0·w1 keeps its dot, and so has no raised form (ʷ⁰ʷ¹ is a guess)
    text = re.sub(r"(?<![A-Za-z_\d])(\d+)·(?=[a-zA-Z])", r"\1", text)
    out = []
    for ch in text:
        if ch == " ":
            continue
        if fraction and ch == "/":
            out.append(FRACTION_SLASH)
            continue
        if ch not in _SUPERSCRIPTS:
            return None
        out.append(_SUPERSCRIPTS[ch])
    return "".join(out)


def _fraction_on_a_line(printed: str) -> bool:
    """Whether `printed` has a / outside every bracket (1/u, du/dx; not (x + 1)/(x - 1)'s whole)."""
    depth = 0
    for ch in printed:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "/" and depth == 0:
            return True
    return False


def _is_unicode(printer) -> bool:
    return getattr(printer, "times", None) is not None


def _unicode(expr) -> str:
    from ..render.notation import unicode  # the terminal's printer: the core keeps no printer of its own

    return unicode(expr)


class _Stated(_Written):
    """A piece of a stated formula: in `str` syntax it is printed as Unicode text (see above)."""

    def _sympystr(self, printer):
        if not _is_unicode(printer):
            return _unicode(self)
        return self._unicode(printer)


class _Relation(_Stated):
    """a R b R c, each side as given, for one relation R: its sign in Unicode, LaTeX and MathML."""

    precedence = PRECEDENCE["Relational"]
    signs = ("=", "=", "=")

    @staticmethod
    def value(*args):
        return args[-1]

    def _unicode(self, printer):
        return f" {self.signs[0]} ".join(printer._print(a) for a in self.args)

    def _latex(self, printer):
        return f" {self.signs[1]} ".join(printer._print(a) for a in self.args)

    def _mathml_presentation(self, printer):
        return _mathml_join(printer, self.args, self.signs[2], self.precedence)


class Equation(_Relation):
    """a = b = c, each side as given."""

    @property
    def read_as(self):
        # read to its last side as printed: a side in an order of its own (an InOrder, u = x² + t)
        # ends where that order ends, which its value, SymPy's x² + t read t + x², would not; a side kept
        # as typed, (√x)², is read as printed, not as its value x
        last = self.args[-1]
        return last.read_as if hasattr(last, "read_as") else last


class Approximately(Equation):
    """a ≈ b: b a rounded decimal of a (F(1, 2) ≈ 6.31706), which "=" would claim it is."""

    signs = ("≈", r"\approx", "≈")


class Unequal(_Relation):
    """a ≠ b: a condition under which a result holds (y ≠ 0 beside dy/dx = −x/y)."""

    signs = ("≠", r"\neq", "≠")


class Applied(_Stated):
    """An operator applied to an operand, d/dx xⁿ; the operand in brackets unless it is a single
    symbol, power or function value."""

    precedence = PRECEDENCE["Mul"]

    @staticmethod
    def value(op, operand):
        return sympy.diff(operand, op.var) if op.of is None else op

    def _bare(self) -> bool:
        operand = self.args[1]
        return _atomic(operand) or (isinstance(operand, (sympy.Pow, Power)) and _atomic(operand.args[0])) \
            or isinstance(operand, (sympy.Function, sympy.Abs, LogBase))

    def _unicode(self, printer):
        op, operand = self.args
        inner = printer._print(operand)
        return f"{printer._print(op)} {inner}" if self._bare() else f"{printer._print(op)} [{inner}]"

    def _latex(self, printer):
        op, operand = self.args
        inner = printer._print(operand)
        return f"{printer._print(op)} {inner}" if self._bare() else rf"{printer._print(op)}\left[{inner}\right]"

    def _mathml_presentation(self, printer):
        op, operand = self.args
        mrow = printer.dom.createElement("mrow")
        mrow.appendChild(printer._print(op))
        if self._bare():
            mrow.appendChild(printer._print(operand))
            return mrow
        for part in ("[", operand, "]"):
            if isinstance(part, str):
                mo = printer.dom.createElement("mo")
                mo.appendChild(printer.dom.createTextNode(part))
                mrow.appendChild(mo)
            else:
                mrow.appendChild(printer._print(part))
        return mrow


class Prime(_Stated):
    """f′, the derivative of a named piece; (g·h)′ of a product or quotient of pieces."""

    precedence = PRECEDENCE["Pow"]

    @staticmethod
    def value(f):
        return f

    def _unicode(self, printer):
        return printer.parenthesize(self.args[0], self.precedence, strict=True) + "′"

    def _latex(self, printer):
        return _latex_paren(printer, self.args[0], self.precedence, True) + "'"

    def _mathml_presentation(self, printer):
        sup = printer.dom.createElement("msup")
        sup.appendChild(_mathml_paren(printer, self.args[0], self.precedence, True))
        mo = printer.dom.createElement("mo")
        mo.appendChild(printer.dom.createTextNode("′"))
        sup.appendChild(mo)
        return sup


class Power(_Stated):
    """base^exponent written as a power, never as the root or fraction SymPy would print (√x = x^(1/2)
    is the point of a rewrite step)."""

    precedence = PRECEDENCE["Pow"]

    @staticmethod
    def value(base, exponent):
        return sympy.Pow(base, exponent)

    def _unicode(self, printer):
        base, exponent = self.args
        if base is sympy.E:  # as the terminal writes e to a power: eˣ, or exp(x·ln(x))
            return printer._print(sympy.exp(exponent, evaluate=False))
        b = printer.parenthesize(base, self.precedence, strict=True)
        if not (_atomic(base) and not (base.is_Rational and base < 0)):
            b = b if b.startswith("(") else f"({b})"
        raised = superscript(printer._print(exponent), fraction=exponent.is_Rational)
        if raised is None:  # no raised form (x^π): the view's own notation, which has no caret
            return printer._print(sympy.Pow(base, exponent, evaluate=False))
        return b + raised

    def _latex(self, printer):
        base, exponent = self.args
        return f"{_latex_paren(printer, base, self.precedence, True)}^{{{printer._print(exponent)}}}"

    def _mathml_presentation(self, printer):
        sup = printer.dom.createElement("msup")
        sup.appendChild(_mathml_paren(printer, self.args[0], self.precedence, True))
        sup.appendChild(printer._print(self.args[1]))
        return sup


def log_to_base(expr):
    """`expr` as (the other factors, [(a, b, m), …]) where it is their product times each (ln a/ln b)ᵐ for
    an integer base b ≥ 2: how SymPy holds log(a, b), which a textbook writes log_b a (log₁₀ x, not
    ln x/ln 10); None where no logarithm has a base, or where which one has which base is a guess
    (ln x·ln y/ln 2 may be log₂ x·ln y or ln x·log₂ y). Logarithms share a power of 1/ln b
    ((ln x)²/(ln 2)² is (log₂ x)², ln x·ln y/(ln 2)² is log₂ x·log₂ y), and a power of 1/ln b left over
    stays a factor (2 ln x/(x (ln 2)²) is 2 log₂ x/(x ln 2)). (Korean school mathematics reads log
    without a base as log₁₀, so the base is written.)"""
    if not isinstance(expr, sympy.Mul):
        return None
    logs, bases, rest = [], [], []
    for factor in expr.args:
        power, m = (factor.base, factor.exp) if factor.is_Pow else (factor, sympy.S.One)
        if isinstance(power, sympy.log) and not power.args[0].is_number and m.is_Integer and m > 0:
            logs.append((power.args[0], int(m)))
        elif (isinstance(power, sympy.log) and m.is_Integer and m < 0
              and power.args[0].is_Integer and power.args[0] > 1):
            bases.append([power.args[0], int(-m)])
        else:
            rest.append(factor)
    if not logs or sum(m for _, m in logs) > sum(k for _, k in bases):
        return None
    if len({b for b, _ in bases}) > 1 and len({a for a, _ in logs}) > 1:
        return None  # ln x·ln y/(ln 2·ln 3): log₂ x·log₃ y or log₃ x·log₂ y
    pairs = []
    for arg, m in logs:
        # one base for the whole power where one has enough: (ln x)²/(ln 2)² is (log₂ x)², not
        # log₂ x·ln x/ln 2; else a base for each logarithm: (ln x)²/(ln 2·ln 3) is log₂ x·log₃ x
        base = max((b for b in bases if b[1] >= m), key=lambda b: b[1], default=None)
        if base is not None:
            base[1] -= m
            pairs.append((arg, base[0], m))
            continue
        for _ in range(m):
            base = max(bases, key=lambda b: b[1])
            base[1] -= 1
            pairs.append((arg, base[0], 1))
    rest.extend(sympy.log(b) ** -k for b, k in bases if k)
    return rest, pairs


def log_power(arg, base, m: int = 1) -> sympy.Expr:
    """(log_b a)ᵐ held as written: (ln a/ln b)ᵐ, which SymPy would multiply out into (ln a)ᵐ/(ln b)ᵐ."""
    log = sympy.log(arg) / sympy.log(base)
    return log if m == 1 else sympy.Pow(log, m, evaluate=False)


class LogBase(_Stated):
    """log_b(x), the logarithm to a named base b."""

    @staticmethod
    def value(arg, base):
        return sympy.log(arg, base)

    def _unicode(self, printer):
        arg, base = self.args
        low = str(printer._print(base)).translate(str.maketrans("0123456789b", "₀₁₂₃₄₅₆₇₈₉b"))
        return f"log_{low}({printer._print(arg)})" if low == "b" else f"log{low}({printer._print(arg)})"

    def _latex(self, printer):
        arg, base = self.args
        head = rf"\log_{{{printer._print(base)}}}"
        if hasattr(printer, "apply_function"):  # a document's printer: log₁₀ x as a textbook sets it
            return printer.apply_function(head, self, [printer._print(arg)])
        return rf"{head}\left({printer._print(arg)}\right)"

    def _mathml_presentation(self, printer):
        dom = printer.dom
        mrow = dom.createElement("mrow")
        sub = dom.createElement("msub")
        mi = dom.createElement("mi")
        mi.appendChild(dom.createTextNode("log"))
        sub.appendChild(mi)
        sub.appendChild(printer._print(self.args[1]))
        if hasattr(printer, "apply_function"):  # log₁₀ x as a textbook sets it
            return printer.apply_function(sub, self, [printer._print(self.args[0])])
        mrow.appendChild(sub)
        fenced = dom.createElement("mrow")
        fenced.appendChild(printer._l_paren())
        fenced.appendChild(printer._print(self.args[0]))
        fenced.appendChild(printer._r_paren())
        mrow.appendChild(fenced)
        return mrow


class Root(_Stated):
    """The index-th root of a radicand as a radical sign: √x, ∛(x²), the form a rewrite starts from."""

    precedence = PRECEDENCE["Pow"]

    @staticmethod
    def value(radicand, index):
        return sympy.root(radicand, index)

    def _unicode(self, printer):
        radicand, index = self.args
        sign = {2: "√", 3: "∛", 4: "∜"}.get(int(index)) or (superscript(str(index)) or f"{index}") + "√"
        inner = printer._print(radicand)
        return f"{sign}{inner}" if radicand.is_Atom else f"{sign}({inner})"

    def _latex(self, printer):
        radicand, index = self.args
        inner = printer._print(radicand)
        return rf"\sqrt{{{inner}}}" if index == 2 else rf"\sqrt[{printer._print(index)}]{{{inner}}}"

    def _mathml_presentation(self, printer):
        radicand, index = self.args
        if index == 2:
            el = printer.dom.createElement("msqrt")
            el.appendChild(printer._print(radicand))
            return el
        el = printer.dom.createElement("mroot")
        el.appendChild(printer._print(radicand))
        el.appendChild(printer._print(index))
        return el
