"""The second-derivative test's sentences (symdiff.features.extrema), for every human view: each formula
is whole in the view's notation (D = f_xx·f_yy − f_xy² = 6·2 − 0² = 12 > 0 is one formula in a
document, never a letter in math and the rest in words)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy

from ..core.messages import message
from .markup import with_math
from .notation import function_name, latex, mathml, plain, unicode


@dataclass
class Notation:
    """How a view writes the test's formulas: `expr` an exact value or symbol, `rel` a relation sign
    (=, >, <, ≠) with its spacing, `times` a product's dot, `paren` and `square`, `prime(f, k)` f′ or
    f″, `comma` between a tuple's items; `wrap` makes math of a formula, `escape` readies the words."""

    expr: Callable
    rel: Callable[[str], str]
    times: str
    paren: Callable[[str], str]
    square: Callable[[str], str]
    prime: Callable[[str, int], str]
    comma: str
    nabla: Callable[[str], str]
    wrap: Callable[[str], str] = lambda s: s
    escape: Callable[[str], str] = lambda s: s
    name_printer: Callable = plain
    det: str = "det H"
    juxtapose: str = " "  # a factor before a bracket, 2(x − 1): no dot where the view typesets
    linear: bool = False  # written on one line (the text view): a fraction needs parentheses as a factor
    minor: Callable[[int], str] | None = None  # D₁, D₂, … (by `expr` of the symbol D_k where None)


# The text view writes a difference with the minus sign, as its sums are written (x³ − 3·x).
TEXT = Notation(expr=unicode, rel=lambda r: f" {r} ", times="·", paren=lambda s: f"({s})",
                square=lambda s: f"{s}²", prime=lambda f, k: f + "′″"[k - 1], comma=", ", nabla=lambda f: f"∇{f}",
                name_printer=unicode, linear=True, juxtapose="·", minor=lambda k: f"D{'₀₁₂₃₄₅₆₇₈₉'[k]}")

_TEX_RELATIONS = {"=": "=", ">": ">", "<": "<", "≠": r"\neq", "−": "-", "+": "+"}


def tex(wrap: Callable[[str], str], escape: Callable[[str], str]) -> Notation:
    return Notation(expr=latex, rel=lambda r: f" {_TEX_RELATIONS[r]} ", times=r" \cdot ",
                    paren=lambda s: rf"\left({s}\right)", square=lambda s: f"{{{s}}}^{{2}}",
                    prime=lambda f, k: f + "'" * k, comma=", ", nabla=lambda f: rf"\nabla {f}",
                    wrap=wrap, escape=escape, name_printer=latex, det=r"\det H")


_ML_RELATIONS = {"=": "=", ">": "&gt;", "<": "&lt;", "≠": "≠", "−": "−", "+": "+"}


def mathml_notation(escape: Callable[[str], str]) -> Notation:
    return Notation(expr=mathml, rel=lambda r: f"<mo>{_ML_RELATIONS[r]}</mo>", times="<mo>·</mo>",
                    paren=lambda s: f"<mo>(</mo>{s}<mo>)</mo>",
                    square=lambda s: f"<msup><mrow>{s}</mrow><mn>2</mn></msup>",
                    prime=lambda f, k: f"<msup>{f}<mo>{'′' * k}</mo></msup>", comma="<mo>,</mo>",
                    nabla=lambda f: f"<mo>∇</mo>{f}", wrap=lambda s: f"<math>{s}</math>", escape=escape,
                    name_printer=mathml, juxtapose="<mo>&InvisibleTimes;</mo>",
                    det="<mi>det</mi><mo>&#8289;</mo><mi>H</mi>")


def _sign(value: int) -> str:
    return ">" if value > 0 else "<" if value < 0 else "="


def _compared(n: Notation, value, sign: int) -> str:
    """"= 6 > 0", "= −2 < 0", or "= 0" once where the value is 0."""
    said = n.rel("=") + n.expr(value)
    return said if sign == 0 else said + n.rel(_sign(sign)) + n.expr(sympy.S.Zero)


class _Words:
    """The pieces every sentence of the test uses, in one view's notation: the point, f, its second
    partials f_xy, and `say`, a catalogue sentence with its formulas typeset whole."""

    def __init__(self, result, n: Notation):
        self.n, self.test, self.names = n, result.test, list(result.vars)
        self.fname = function_name(result, plain)
        self.f = n.name_printer(sympy.Symbol(self.fname))
        self.values = [self.test.point[v] for v in self.names]
        self.at = n.paren(n.comma.join(n.expr(v) for v in self.values))
        # the point as the sentences name it: x = 1 for one variable, (1, 0) for more
        self.point = (n.expr(self.names[0]) + n.rel("=") + n.expr(self.values[0]) if len(self.names) == 1
                      else self.at)
        self.readings = {"f": sympy.Symbol(self.fname), "P": self.values, "H": sympy.Symbol("H"),
                         "value": self.test.value}
        # a minimum's or maximum's value as a textbook states it: f(1, 1) = −1
        self.value = (n.expr(sympy.Symbol(self.fname)) + self.at + n.rel("=") + n.expr(self.test.value)
                      if self.test.value is not None else None)

    def say(self, key: str, **formulas) -> str:
        n = self.n
        if self.value is not None:
            formulas.setdefault("value", self.value)
        return with_math(lambda p: message(key, readings=self.readings, capital=True, P=p(self.point), f=p(self.f),
                                           H=p(n.expr(sympy.Symbol("H"))),
                                           **{k: p(v) if isinstance(v, str) else v for k, v in formulas.items()}),
                         n.wrap, n.escape)

    def sub(self, i: int, j: int) -> str:
        """f_xy, as a textbook names a second partial in the test."""
        return self.n.expr(sympy.Symbol(f"{self.fname}_{self.names[i].name}{self.names[j].name}"))

    def factor(self, value) -> str:
        """A factor of a product: a negative one in parentheses, 6·(−2)."""
        n = self.n
        return n.paren(n.expr(value)) if value.could_extract_minus_sign() or value.is_Add else n.expr(value)


def sentences(result, n: Notation) -> list[str]:
    """The heading and the sentences of the test at the point; empty where it was not taken."""
    if getattr(result, "test", None) is None:
        return []
    w = _Words(result, n)
    test, zero = w.test, n.expr(sympy.S.Zero)
    if len(w.names) == 1:
        gradient, origin = n.prime(w.f, 1) + w.at + n.rel("=") + n.expr(test.gradient[0]), zero
    else:
        gradient = n.nabla(w.f) + w.at + n.rel("=") + n.paren(n.comma.join(n.expr(g) for g in test.gradient))
        origin = n.paren(n.comma.join(zero for _ in w.names))
    out = [w.say("extremum.heading")]
    if not test.critical:
        return out + [w.say("extremum.not_critical", formula=gradient + n.rel("≠") + origin)]
    out.append(w.say("extremum.critical", formula=gradient))
    by_size = {1: _one, 2: _two}.get(len(w.names), _many)
    return out + by_size(w)


def _one(w: _Words) -> list[str]:
    """f″(a) > 0, < 0 or = 0."""
    n, test = w.n, w.test
    second = n.prime(w.f, 2) + w.at + _compared(n, test.minors[0], test.signs[0])
    return [w.say(f"extremum.{test.classification}.one", second=second)]


def _two(w: _Words) -> list[str]:
    """D = det H = f_xx·f_yy − f_xy² with the values put in, then D's sign and f_xx's."""
    n, test = w.n, w.test
    H, minors, signs = test.hessian, test.minors, test.signs
    D = n.expr(sympy.Symbol("D"))
    letters = w.sub(0, 0) + n.times + w.sub(1, 1) + n.rel("−") + n.square(w.sub(0, 1))
    numbers = w.factor(H[0][0]) + n.times + w.factor(H[1][1]) + n.rel("−") + n.square(w.factor(H[0][1]))
    formula = D + n.rel("=") + n.det + n.rel("=") + letters + n.rel("=") + numbers + n.rel("=") + n.expr(minors[1])
    D_sign = D + n.rel(_sign(signs[1])) + n.expr(sympy.S.Zero)
    first = w.sub(0, 0) + _compared(n, minors[0], signs[0])
    return [w.say("extremum.discriminant", formula=formula),
            w.say(f"extremum.{test.classification}.two", D=D_sign, first=first)]


def _many(w: _Words) -> list[str]:
    """D₁ … Dₙ, then their signs' verdict, or the eigenvalues' where a minor is 0."""
    n, test = w.n, w.test
    minor = n.minor or (lambda k: n.expr(sympy.Symbol(f"D_{k}")))
    listed = [minor(k) + n.rel("=") + n.expr(m) for k, m in enumerate(test.minors, 1)]
    out = [with_math(lambda p: message("extremum.minors", readings=w.readings, H=p(n.expr(sympy.Symbol("H"))),
                                       minors=", ".join(p(m) for m in listed)), n.wrap, n.escape)]
    if test.eigenvalues is None:
        return out + [w.say(f"extremum.{test.classification}.many")]
    positive, negative, zeros = test.eigenvalues
    out.append(w.say("extremum.eigenvalues", positive=positive, negative=negative, zero=zeros))
    return out + [w.say(f"extremum.{test.classification}.eigen")]


__all__ = ["TEXT", "Notation", "mathml_notation", "sentences", "tex"]
