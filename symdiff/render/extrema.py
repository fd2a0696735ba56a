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


# The text view writes a difference with the ASCII minus, as its sums are written (x³ - 3·x).
TEXT = Notation(expr=unicode, rel=lambda r: f" {'-' if r == '−' else r} ", times="·", paren=lambda s: f"({s})",
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
                    paren=lambda s: f"<mo>(</mo>{s}<mo>)</mo>", square=lambda s: f"<msup><mrow>{s}</mrow><mn>2</mn></msup>",
                    prime=lambda f, k: f"<msup>{f}<mo>{'′' * k}</mo></msup>", comma="<mo>,</mo>",
                    nabla=lambda f: f"<mo>∇</mo>{f}", wrap=lambda s: f"<math>{s}</math>", escape=escape,
                    name_printer=mathml, juxtapose="<mo>&InvisibleTimes;</mo>", det="<mi>det</mi><mo>&#8289;</mo><mi>H</mi>")


def _sign(value: int) -> str:
    return ">" if value > 0 else "<" if value < 0 else "="


def _compared(n: Notation, value, sign: int) -> str:
    """"= 6 > 0", "= −2 < 0", or "= 0" once where the value is 0."""
    said = n.rel("=") + n.expr(value)
    return said if sign == 0 else said + n.rel(_sign(sign)) + n.expr(sympy.S.Zero)


def sentences(result, n: Notation) -> list[str]:
    """The heading and the sentences of the test at the point; empty where it was not taken."""
    test = getattr(result, "test", None)
    if test is None:
        return []
    fname = function_name(result, plain)
    f = n.name_printer(sympy.Symbol(fname))
    names = list(result.vars)
    values = [test.point[v] for v in names]
    one = len(names) == 1
    point = (n.expr(names[0]) + n.rel("=") + n.expr(values[0]) if one
             else n.paren(n.comma.join(n.expr(v) for v in values)))
    at = n.paren(n.comma.join(n.expr(v) for v in values))
    readings = {"f": sympy.Symbol(fname), "P": values, "H": sympy.Symbol("H")}

    def number(v) -> str:  # a factor of a product: a negative one in parentheses, 6·(−2)
        return n.paren(n.expr(v)) if v.could_extract_minus_sign() or v.is_Add else n.expr(v)

    def say(key: str, **formulas) -> str:
        return with_math(lambda p: message(key, readings=readings, P=p(point), f=p(f), H=p(n.expr(sympy.Symbol("H"))),
                                           **{k: p(v) if isinstance(v, str) else v for k, v in formulas.items()}),
                         n.wrap, n.escape)

    def sub(i: int, j: int) -> str:  # f_xy, as a textbook names a second partial in the test
        return n.expr(sympy.Symbol(f"{fname}_{names[i].name}{names[j].name}"))

    out = [say("extremum.heading")]
    zero = n.paren(n.comma.join(n.expr(sympy.S.Zero) for _ in names))
    if one:
        slope = n.prime(f, 1) + n.paren(n.expr(values[0])) + n.rel("=") + n.expr(test.gradient[0])
        if not test.critical:
            return out + [say("extremum.not_critical", formula=slope + n.rel("≠") + n.expr(sympy.S.Zero))]
        out.append(say("extremum.critical", formula=slope))
        second = n.prime(f, 2) + at + _compared(n, test.minors[0], test.signs[0])
        return out + [say(f"extremum.{test.classification}.one", second=second)]
    vector = n.paren(n.comma.join(n.expr(g) for g in test.gradient))
    gradient = n.nabla(f) + at + n.rel("=") + vector
    if not test.critical:
        return out + [say("extremum.not_critical", formula=gradient + n.rel("≠") + zero)]
    out.append(say("extremum.critical", formula=gradient))
    H, minors, signs = test.hessian, test.minors, test.signs
    if len(names) == 2:
        D = n.expr(sympy.Symbol("D"))
        formula = (D + n.rel("=") + n.det + n.rel("=") + sub(0, 0) + n.times + sub(1, 1) + n.rel("−") + n.square(sub(0, 1))
                   + n.rel("=") + number(H[0][0]) + n.times + number(H[1][1]) + n.rel("−") + n.square(number(H[0][1]))
                   + n.rel("=") + n.expr(minors[1]))
        out.append(say("extremum.discriminant", formula=formula))
        D_sign = D + n.rel(_sign(signs[1])) + n.expr(sympy.S.Zero)
        first = sub(0, 0) + _compared(n, minors[0], signs[0])
        return out + [say(f"extremum.{test.classification}.two", D=D_sign, first=first)]
    minor = n.minor or (lambda k: n.expr(sympy.Symbol(f"D_{k}")))
    listed = [minor(k) + n.rel("=") + n.expr(m) for k, m in enumerate(minors, 1)]
    out.append(with_math(lambda p: message("extremum.minors", readings=readings, H=p(n.expr(sympy.Symbol("H"))),
                                           minors=", ".join(p(m) for m in listed)), n.wrap, n.escape))
    if test.eigenvalues is None:
        return out + [say(f"extremum.{test.classification}.many")]
    positive, negative, zeros = test.eigenvalues
    out.append(say("extremum.eigenvalues", positive=positive, negative=negative, zero=zeros))
    return out + [say(f"extremum.{test.classification}.eigen")]


__all__ = ["TEXT", "Notation", "mathml_notation", "sentences", "tex"]
