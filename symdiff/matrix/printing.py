"""Printing matrix expressions: the canonical text syntax (reads back), Unicode and LaTeX.

`text` writes the contract's canonical syntax (`x.T*A*x`, `hadamard(u, v)`, `inv(X)`), which the
matrix parser reads back; `unicode` writes what a textbook shows (xᵀAx, u ⊙ v, X⁻¹); `latex` the
same in LaTeX for notes.
"""

from __future__ import annotations

import re
from fractions import Fraction

from .expr import Add, Call, Differential, Ident, Mul, Node, Num, Ones, Power, Sym, Transpose, Zero, is_scalar
from .table import entrywise_quotient, lookup

# precedence: higher binds tighter
ADD, MUL, UNARY, POSTFIX, ATOM = 10, 20, 25, 30, 40
# A differential in a human view binds like a product, not like a name: (dx)ᵀ is the transpose of dx,
# where dxᵀ reads as d(xᵀ); juxtaposed in a product it needs no brackets (xᵀA·dx). The canonical text
# keeps dx.T, which the parser reads back as the differential's transpose.
DIFFERENTIAL = UNARY

_SUPERSCRIPT = str.maketrans("0123456789-/()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁄⁽⁾")  # ⁄: the fraction slash, in every font
_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta", "lambda", "mu", "sigma", "tau", "phi",
          "omega", "Sigma", "Lambda", "Omega", "Theta", "Phi", "Gamma", "Delta"}


def _frac_text(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def _is_row(node: Ones) -> bool:
    return node.dims[0] == 1 and node.dims[1] != 1


class _Printer:
    style = "text"
    quotient_mark = " ⊘ "
    # The canonical text reads back, so it keeps the hyphen-minus; a human view sets the minus sign (−),
    # as the formulas its sentences state are set (`symdiff.matrix.stated`), so one line has one minus.
    minus = "-"
    # A human view writes the natural logarithm ln in every language, as the scalar engine's views do (a
    # Korean reader takes log without a base as base 10); the canonical text is data and keeps log.
    follows_language = False

    def function_name(self, name: str) -> str:
        return natural_log_name(name) if self.follows_language else name

    def __call__(self, node: Node) -> str:
        return self.p(node)[0]

    def p_Formula(self, node):
        """A formula an explanation states (`symdiff.core.written`), in this printer's notation."""
        if self.style == "latex":
            return node.latex(self), ATOM
        if self.style == "mathml":
            return node.mathml(lambda n: self.p(n)[0]), ATOM
        return node.unicode(self), ATOM

    # each p_* returns (string, precedence)
    def p(self, node: Node) -> tuple[str, int]:
        return getattr(self, "p_" + type(node).__name__)(node)

    def wrap(self, node: Node, min_prec: int) -> str:
        s, prec = self.p(node)
        return s if prec >= min_prec else self.paren(s)

    def paren(self, s: str) -> str:
        return f"({s})"

    def infix_arg(self, node: Node, entry) -> str:
        """An associative function needs no parentheses around itself: a ⊙ b ⊙ c."""
        if isinstance(node, Call) and node.fn == entry.name and entry.associative:
            return self.p(node)[0]
        return self.wrap(node, MUL + 1)

    def p_Add(self, node: Add):
        # the canonical text reads back, and the parser keeps a typed (P + Q)ᵀ whole: a sum of transposes
        # is written there as it stands, so that it parses back to the same tree
        grouped = _transposed_sum(node) if self.style != "text" else None
        if grouped is not None:
            # σ(y)ᵀ - tᵀ reads better as (σ(y) - t)ᵀ
            return self.p(grouped)
        parts: list[str] = []
        for i, t in enumerate(node.terms):
            negative = isinstance(t, Mul) and t.coeff < 0 or isinstance(t, Num) and t.value < 0
            body = self.wrap(_negated(t) if negative else t, MUL)
            if i == 0:
                parts.append((self.minus if negative else "") + body)
            else:
                parts.append((f" {self.minus} " if negative else " + ") + body)
        return "".join(parts), ADD

    def p_Mul(self, node: Mul):
        coeff = node.coeff
        sign = self.minus if coeff < 0 else ""
        coeff = abs(coeff)
        numer, denom = [], []
        for f in node.scalars:
            if isinstance(f, Power) and f.exponent < 0:
                denom.append(Power(f.base, -f.exponent) if f.exponent != -1 else f.base)
            else:
                numer.append(f)
        body = self.product(coeff.numerator, numer + list(node.chain), node)
        if coeff.denominator != 1 or denom:
            body = self.divide(body, coeff.denominator, denom)
            return sign + body, MUL if not sign else UNARY
        return sign + body, MUL if not sign else UNARY

    def p_Transpose(self, node: Transpose):
        if isinstance(node.arg, Call):
            # a function with a transposed form of its own: A⁻ᵀ rather than (A⁻¹)ᵀ
            entry = lookup(node.arg.fn)
            mark = entry.marks.get(self.style + ".T")
            if mark:
                return getattr(self, "form_" + entry.form)(node.arg, entry, mark)
        return self.plain_transpose(node)

    def plain_transpose(self, node: Transpose):
        return self.wrap(node.arg, POSTFIX) + self.transpose_mark(node.arg), POSTFIX

    def p_Num(self, node: Num):
        v = node.value
        if v < 0:
            return self.minus + self.p(Num(-v))[0], UNARY
        if v.denominator == 1:
            return str(v.numerator), ATOM
        return self.fraction(str(v.numerator), str(v.denominator)), MUL

    # A function is printed in the form its table entry names (`symdiff.matrix.table`), with that
    # form's marks for this printer's style.
    def p_Call(self, node: Call):
        quotient = entrywise_quotient(node) if self.follows_language else None
        if quotient is not None:
            # a reader's t ⊘ z, not the engine's z∘⁻¹ ⊙ t (the canonical text and JSON keep the latter)
            top, bottom = (self.wrap(part, MUL + 1) for part in quotient)
            return f"{top}{self.quotient_mark}{bottom}", MUL
        entry = lookup(node.fn)
        return getattr(self, "form_" + entry.form)(node, entry, entry.marks.get(self.style, ""))

    def form_superscript(self, node: Call, entry, mark: str):
        return self.wrap(node.args[0], ATOM) + mark, POSTFIX

    def form_infix(self, node: Call, entry, mark: str):
        return f"{self.infix_arg(node.args[0], entry)}{mark}{self.infix_arg(node.args[1], entry)}", MUL


def _transposed_sum(node: Add) -> Node | None:
    from .expr import add, scale, split_coeff

    inner = []
    for t in node.terms:
        c, rest = split_coeff(t)
        if not isinstance(rest, Transpose):
            return None
        inner.append(scale(c, rest.arg))
    return Transpose(add(*inner))


def _negated(node: Node) -> Node:
    if isinstance(node, Num):
        return Num(-node.value)
    return Mul(-node.coeff, node.scalars, node.chain) if node.coeff != -1 else (
        Mul(Fraction(1), node.scalars, node.chain) if len(node.factors) > 1 else node.factors[0])


class TextPrinter(_Printer):
    style = "text"

    def p_Sym(self, node):
        return node.name, ATOM

    def p_Differential(self, node):
        return "d" + node.of.name, ATOM

    def p_Ident(self, node):
        return f"eye({node.n})", ATOM

    def p_Zero(self, node):
        return f"zeros({node.dims[0]}, {node.dims[1]})", ATOM

    def p_Ones(self, node):
        return f"ones({node.dims[0]}, {node.dims[1]})", ATOM

    def transpose_mark(self, arg):
        return ".T"

    def product(self, numerator: int, factors: list[Node], node: Node) -> str:
        parts = [str(numerator)] if numerator != 1 or not factors else []
        parts += [self.factor(f) for f in factors]
        return "*".join(parts)

    def factor(self, f: Node) -> str:
        if isinstance(f, Mul) and is_scalar(f.shape):
            return self.paren(self(f))
        return self.wrap(f, POSTFIX if isinstance(f, Num) else MUL + 1)

    def divide(self, body: str, denominator: int, denom: list[Node]) -> str:
        parts = ([str(denominator)] if denominator != 1 else []) + [self.factor(d) for d in denom]
        below = parts[0] if len(parts) == 1 else self.paren("*".join(parts))
        if len(parts) == 1 and isinstance(denom[0] if denom else None, Mul):
            below = self.paren(parts[0])
        return f"{body}/{below}"

    def fraction(self, n: str, d: str) -> str:
        return f"{n}/{d}"

    def p_Power(self, node: Power):
        e = node.exponent
        exp = _frac_text(e)
        if e.denominator != 1 or e < 0:
            exp = f"({exp})"
        return self.wrap(node.base, ATOM if not isinstance(node.base, Sym) else POSTFIX) + "**" + exp, POSTFIX

    def p_Call(self, node: Call):
        args = ", ".join(self(a) for a in node.args)
        if node.exponent is not None:  # hadamard_power(X, k)
            args += ", " + _frac_text(node.exponent)
        return f"{node.fn}({args})", ATOM


_GREEK_UNICODE = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eta": "η", "theta": "θ",
                  "lambda": "λ", "mu": "μ", "sigma": "σ", "tau": "τ", "phi": "φ", "omega": "ω", "Sigma": "Σ",
                  "Lambda": "Λ", "Omega": "Ω", "Theta": "Θ", "Phi": "Φ", "Gamma": "Γ", "Delta": "Δ"}


class UnicodePrinter(_Printer):
    style = "unicode"
    quotient_mark = " ⊘ "
    minus = "−"

    def p_Sym(self, node):
        return _GREEK_UNICODE.get(node.name, node.name), ATOM

    def p_Differential(self, node):
        return "d" + node.of.name, DIFFERENTIAL

    def p_Ident(self, node):
        return "I", ATOM

    def p_Zero(self, node):
        return "0", ATOM

    def p_Ones(self, node):
        # the row of ones is 𝟏ᵀ: a bare 𝟏 reads as a column, and s·𝟏·t would not conform
        return ("𝟏ᵀ", POSTFIX) if _is_row(node) else ("𝟏", ATOM)

    def transpose_mark(self, arg):
        return "ᵀ"

    def product(self, numerator: int, factors: list[Node], node: Node) -> str:
        parts = [str(numerator)] if numerator != 1 or not factors else []
        for f in factors:
            s = self.paren(self(f)) if isinstance(f, Mul) and is_scalar(f.shape) else self.wrap(f, MUL + 1)
            if parts and _needs_dot(parts[-1], s):
                parts.append("·")
            parts.append(s)
        return "".join(parts)

    def divide(self, body: str, denominator: int, denom: list[Node]) -> str:
        parts = ([str(denominator)] if denominator != 1 else []) + [self.wrap(d, MUL + 1) for d in denom]
        below = "·".join(parts)
        if len(parts) > 1 or (denom and isinstance(denom[0], Mul)):
            below = self.paren(below)
        return f"{body}/{below}"

    def fraction(self, n: str, d: str) -> str:
        return f"{n}/{d}"

    def p_Power(self, node: Power):
        p, q = node.exponent.numerator, node.exponent.denominator
        if q > 1:  # √s, ∛(s²), 1/√s: a fractional power has no raised form, a root has
            sign = {2: "√", 3: "∛", 4: "∜"}.get(q) or str(q).translate(_SUPERSCRIPT) + "√"
            if abs(p) == 1:
                root = sign + (self(node.base) if isinstance(node.base, Sym) else self.paren(self(node.base)))
            else:
                root = sign + self.paren(self.wrap(node.base, ATOM) + str(abs(p)).translate(_SUPERSCRIPT))
            return (root, ATOM) if p > 0 else (f"1/{root}", MUL)
        if p < 0 and is_scalar(node.base.shape):  # 1/s², as for any scalar; X⁻¹ of a matrix is notation
            return f"1/{self.wrap(node.base, ATOM)}{str(-p).translate(_SUPERSCRIPT) if p != -1 else ''}", MUL
        e = _frac_text(node.exponent)
        return self.wrap(node.base, ATOM) + e.translate(_SUPERSCRIPT), POSTFIX

    def form_named(self, node: Call, entry, mark: str):
        return f"{self.function_name(entry.unicode_name)}({', '.join(self(a) for a in node.args)})", ATOM

    def form_hadamard_power(self, node: Call, entry, mark: str):
        return self.wrap(node.args[0], ATOM) + "∘" + _frac_text(node.exponent).translate(_SUPERSCRIPT), POSTFIX

    def form_norm(self, node: Call, entry, mark: str):
        return f"‖{self(node.args[0])}‖{mark}", ATOM


def _needs_dot(left: str, right: str) -> bool:
    """Juxtapose single letters and numbers (2Ax); a dot between longer names (W1·x, not W1x)."""
    import re

    end = re.search(r"[A-Za-z0-9_]+$", left)
    start = re.match(r"[A-Za-z0-9_]+", right)
    if not (end and start):
        return False
    last, first = end.group(), start.group()
    if last.isdigit() and not first[:1].isdigit():
        return len(first) > 1  # 2A, but 2·lam: 2lam reads as one name
    return len(last) > 1 or len(first) > 1


class LatexPrinter(_Printer):
    style = "latex"
    quotient_mark = r" \oslash "

    def paren(self, s: str) -> str:
        return rf"\left({s}\right)"

    def p_Sym(self, node):
        return _latex_name(node.name), ATOM

    def p_Differential(self, node):
        return r"\mathrm{d}" + _latex_name(node.of.name), DIFFERENTIAL

    def p_Ident(self, node):
        return "I", ATOM

    def p_Zero(self, node):
        return r"\mathbf{0}", ATOM

    def p_Ones(self, node):
        return (r"\mathbf{1}^{\top}", POSTFIX) if _is_row(node) else (r"\mathbf{1}", ATOM)

    def transpose_mark(self, arg):
        return r"^{\top}"

    def product(self, numerator: int, factors: list[Node], node: Node) -> str:
        parts = [str(numerator)] if numerator != 1 or not factors else []
        for f in factors:
            s = self.paren(self(f)) if isinstance(f, Mul) and is_scalar(f.shape) else self.wrap(f, MUL + 1)
            if parts and parts[-1][-1:].isdigit() and s[:1].isdigit():
                parts.append(r" \cdot ")
            elif parts:
                parts.append(" ")
            parts.append(s)
        return "".join(parts)

    def divide(self, body: str, denominator: int, denom: list[Node]) -> str:
        parts = ([str(denominator)] if denominator != 1 else []) + [self.wrap(d, MUL + 1) for d in denom]
        return rf"\frac{{{body}}}{{{' '.join(parts)}}}"

    def fraction(self, n: str, d: str) -> str:
        return rf"\frac{{{n}}}{{{d}}}"

    def p_Power(self, node: Power):
        e = node.exponent
        exp = _frac_text(e) if e.denominator == 1 else rf"{e.numerator}/{e.denominator}"
        return f"{self.wrap(node.base, ATOM)}^{{{exp}}}", POSTFIX

    def form_named(self, node: Call, entry, mark: str):
        return rf"{self.function_name(entry.latex_name)}{self.paren(', '.join(self(a) for a in node.args))}", ATOM

    def form_hadamard_power(self, node: Call, entry, mark: str):
        return rf"{self.wrap(node.args[0], ATOM)}^{{\circ {_frac_text(node.exponent)}}}", POSTFIX

    def form_norm(self, node: Call, entry, mark: str):
        return rf"\left\lVert {self(node.args[0])} \right\rVert{mark}", ATOM


def _latex_name(name: str) -> str:
    base, _, sub = name.partition("_")
    base = "\\" + base if base in _GREEK else (base if len(base) == 1 else rf"\mathrm{{{base}}}")
    return f"{base}_{{{sub}}}" if sub else base


def natural_log_name(name: str) -> str:
    """log, log det, \\log\\det with ln for log: as every human view writes them."""
    return re.sub(r"^(\\?)log\b", r"\1ln", name)


# The canonical text is data (JSON, and what the parser reads back): it keeps log in every language.
text = TextPrinter()
unicode = UnicodePrinter()
unicode.follows_language = True
latex = LatexPrinter()
latex.follows_language = True
latex_data = LatexPrinter()  # JSON's LaTeX values: the same in every language


def _mi(name: str) -> str:
    import html

    base, _, sub = name.partition("_")
    greek = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eta": "η", "theta": "θ",
             "lambda": "λ", "mu": "μ", "sigma": "σ", "tau": "τ", "phi": "φ", "omega": "ω", "Sigma": "Σ"}
    shown = f"<mi>{html.escape(greek.get(base, base))}</mi>"
    return f"<msub>{shown}<mi>{html.escape(sub)}</mi></msub>" if sub else shown


class MathMLPrinter(_Printer):
    """Presentation MathML, for the HTML page (browsers render it without scripts)."""

    style = "mathml"
    quotient_mark = "<mo>⊘</mo>"

    def __call__(self, node: Node) -> str:
        return f"<mrow>{self.p(node)[0]}</mrow>"

    def paren(self, s: str) -> str:
        return f"<mrow><mo>(</mo>{s}<mo>)</mo></mrow>"

    def p_Add(self, node: Add):
        s, prec = super().p_Add(node)
        return s.replace(" + ", "<mo>+</mo>").replace(" - ", "<mo>−</mo>").replace("-<", "<mo>−</mo><", 1) \
            if s.startswith("-<") else s.replace(" + ", "<mo>+</mo>").replace(" - ", "<mo>−</mo>"), prec

    def p_Mul(self, node: Mul):
        s, prec = super().p_Mul(node)
        return (("<mo>−</mo>" + s[1:]) if s.startswith("-") else s), prec

    def p_Num(self, node):
        v = node.value
        if v < 0:
            return "<mo>−</mo>" + self.p(Num(-v))[0], UNARY
        if v.denominator == 1:
            return f"<mn>{v.numerator}</mn>", ATOM
        return self.fraction(f"<mn>{v.numerator}</mn>", f"<mn>{v.denominator}</mn>"), MUL

    def p_Sym(self, node):
        return _mi(node.name), ATOM

    def p_Differential(self, node):
        return f"<mrow><mi mathvariant=\"normal\">d</mi>{_mi(node.of.name)}</mrow>", DIFFERENTIAL

    def p_Ident(self, node):
        return "<mi>I</mi>", ATOM

    def p_Zero(self, node):
        return "<mn>0</mn>", ATOM

    def p_Ones(self, node):
        one = "<mn mathvariant=\"bold\">1</mn>"
        return (f"<msup>{one}<mi>T</mi></msup>", POSTFIX) if _is_row(node) else (one, ATOM)

    def transpose_mark(self, arg):
        return ""

    def plain_transpose(self, node):
        return f"<msup>{self.wrap(node.arg, ATOM)}<mi>T</mi></msup>", POSTFIX

    def product(self, numerator: int, factors: list[Node], node: Node) -> str:
        parts = [f"<mn>{numerator}</mn>"] if numerator != 1 or not factors else []
        for f in factors:
            parts.append(self.paren(self.p(f)[0]) if isinstance(f, Mul) and is_scalar(f.shape)
                         else self.wrap(f, MUL + 1))
        return "<mo>&#x2062;</mo>".join(parts)

    def divide(self, body: str, denominator: int, denom: list[Node]) -> str:
        parts = ([f"<mn>{denominator}</mn>"] if denominator != 1 else []) + [self.wrap(d, MUL + 1) for d in denom]
        return f"<mfrac><mrow>{body}</mrow><mrow>{''.join(parts)}</mrow></mfrac>"

    def fraction(self, n: str, d: str) -> str:
        return f"<mfrac>{n}{d}</mfrac>"

    def p_Power(self, node: Power):
        e = node.exponent
        exp = f"<mn>{e.numerator}</mn>" if e.denominator == 1 and e > 0 else f"<mn>{_frac_text(e)}</mn>"
        return f"<msup>{self.wrap(node.base, ATOM)}{exp}</msup>", POSTFIX

    def form_superscript(self, node: Call, entry, mark: str):
        return f"<msup>{self.wrap(node.args[0], ATOM)}{mark}</msup>", POSTFIX

    def form_hadamard_power(self, node: Call, entry, mark: str):
        return (f"<msup>{self.wrap(node.args[0], ATOM)}<mrow><mo>∘</mo><mn>{_frac_text(node.exponent)}</mn>"
                f"</mrow></msup>"), POSTFIX

    def form_norm(self, node: Call, entry, mark: str):
        body = f"<mrow><mo>‖</mo>{self.p(node.args[0])[0]}<mo>‖</mo></mrow>"
        return (f"<msub>{body}{mark}</msub>" if mark else body), ATOM

    def form_named(self, node: Call, entry, mark: str):
        inner = "<mo>,</mo>".join(self.p(a)[0] for a in node.args)
        return f"<mi>{self.function_name(entry.unicode_name)}</mi><mo>&#x2061;</mo>{self.paren(inner)}", ATOM


mathml = MathMLPrinter()
mathml.follows_language = True
