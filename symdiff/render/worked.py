"""The gradient's numbers worked out as a textbook writes them, in every human view alike:
|∇f| = √(4² + 13²), u = [3, 4]ᵀ/√(3² + 4²) and ∇f·u = 4·(3/5) + 13·(4/5). A reader checks each by hand,
so a document shows the same working as the terminal, not only its value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy


@dataclass(frozen=True)
class Spelling:
    """How one notation (Unicode, LaTeX, MathML) writes the pieces of a worked computation."""

    expr: Callable[[sympy.Expr], str]
    typed: Callable[[sympy.Expr], str]  # keeps the order of a sum's terms: √(4² + 13²) follows ∇f's order
    times: str
    plus: str
    minus: str
    vector: Callable[[list[str]], str]
    scaled: Callable[[str, str], str]  # a vector divided by a length
    bracket: Callable[[str], str]
    equals: str = " = "
    negative: str = "-"  # a leading minus sign, −(3/5)·…; `minus` is the one between terms
    # Unicode's 4·3/5 reads as (4·3)/5: a fraction after the dot is bracketed there, not in a typeset \frac.
    bracket_fractions: bool = False


def _root(numbers: list[sympy.Expr]) -> sympy.Expr:
    """√(a² + b² + …) as written, unevaluated (a negative or fractional base is bracketed by its printer)."""
    squares = [sympy.Pow(n, 2, evaluate=False) for n in numbers]
    return sympy.Pow(sympy.Add(*squares, evaluate=False), sympy.Rational(1, 2), evaluate=False)


def norm_root(result, spell: Spelling) -> str | None:
    """√(4² + 13²), the length of ∇f at the point before it is computed; None where it is not worked out."""
    worked = result.worked_norm
    if worked is None or len(worked[0]) < 2:
        return None
    return spell.typed(_root(worked[0]))


def norm_exact(result) -> sympy.Expr | None:
    """|∇f| at the point exactly where it is not a whole number (√185, 5/2), for `≈ decimal` after it."""
    worked = result.worked_norm
    return None if worked is None or worked[1].is_Integer else worked[1]


def unit_direction(result, spell: Spelling) -> str:
    """u: the given direction over its length, then the unit vector (u alone where it was given so)."""
    unit = spell.vector([spell.expr(c) for c in result.direction])
    given = getattr(result, "given_direction", None)
    if given is None or len(given) < 2:
        return unit
    return spell.scaled(spell.vector([spell.expr(c) for c in given]), spell.typed(_root(given))) + spell.equals + unit


def dot_product(result, spell: Spelling) -> str | None:
    """∇f·u at the point as its sum of products, 4·(3/5) + 13·(4/5); None where it is not worked out."""
    pairs = result.worked_dot
    if pairs is None or len(pairs) < 2:
        return None
    out = ""
    for k, (g, u) in enumerate(pairs):
        if k and g.is_negative:
            out += spell.minus
            g = -g
        elif k:
            out += spell.plus
        first = spell.expr(g)
        if spell.bracket_fractions and not g.is_Integer:
            first = spell.bracket(first)
        out += first + spell.times + _factor(u, spell)
    return out


def _factor(u: sympy.Expr, spell: Spelling) -> str:
    """The second factor of a product: bracketed where negative (4·(−3/5)), and in Unicode where not whole."""
    text = spell.expr(u)
    plain_number = u.is_Integer and not u.is_negative
    return text if plain_number or (not u.is_negative and not spell.bracket_fractions) else spell.bracket(text)


def unicode_spelling() -> Spelling:
    from .notation import unicode, unicode_as_typed

    def vector(entries: list[str]) -> str:
        return entries[0] if len(entries) == 1 else "[" + ", ".join(entries) + "]ᵀ"

    return Spelling(expr=unicode, typed=unicode_as_typed, times="·", plus=" + ", minus=" − ", negative="−",
                    vector=vector, scaled=lambda v, length: f"{v}/{length}", bracket=lambda s: f"({s})", bracket_fractions=True)


def latex_spelling() -> Spelling:
    from .notation import column, latex, latex_as_typed

    return Spelling(expr=latex, typed=latex_as_typed, times=r" \cdot ", plus=" + ", minus=" - ", vector=column,
                    scaled=lambda v, length: rf"\frac{{1}}{{{length}}} {v}",
                    bracket=lambda s: rf"\left({s}\right)")


def mathml_spelling() -> Spelling:
    from .notation import mathml, mathml_as_typed

    def vector(entries: list[str]) -> str:
        from .html import _column
        return _column(entries)

    return Spelling(expr=mathml, typed=mathml_as_typed, times="<mo>·</mo>", plus="<mo>+</mo>", minus="<mo>−</mo>",
                    negative="<mo>−</mo>", vector=vector,
                    scaled=lambda v, length: f"<mfrac><mn>1</mn><mrow>{length}</mrow></mfrac>{v}",
                    bracket=lambda s: f"<mrow><mo>(</mo>{s}<mo>)</mo></mrow>", equals="<mo>=</mo>")


# The unit vector is bold, as textbooks set a vector: the chain rule's steps name their inner function u,
# and a plain u in D_u f read as that u.
BOLD_U = {"unicode": "𝐮", "latex": r"\mathbf{u}", "mathml": '<mi mathvariant="bold">u</mi>'}


def dot_terms(result, spell: Spelling) -> str | None:
    """∇f·u written out, each component of u times its entry of ∇f in the variables' order:
    (3/5)·(2·x·y + y·e^(x·y)) + (4/5)·(x² + x·e^(x·y)). None where there is nothing to write out
    (one variable, or only one component of u not 0: the product is then the simplified form)."""
    from ..render.order import gradient_written

    pairs = [(u, e) for u, e in zip(result.direction, gradient_written(result)) if u != 0 and e != 0]
    if len(pairs) < 2:
        return None
    out = ""
    for k, (u, entry) in enumerate(pairs):
        if u.is_negative:
            out += spell.minus if k else spell.negative
            u = -u
        elif k:
            out += spell.plus
        out += _component(u, entry, spell)
    return out


def _component(u: sympy.Expr, entry: sympy.Expr, spell: Spelling) -> str:
    """uᵢ times ∂f/∂xᵢ: a sum bracketed after its factor, a factor 1 left out."""
    from .notation import InOrder

    text = spell.expr(entry)
    # a partial kept in its typed order is wrapped (InOrder): its brackets are those of the sum inside
    # ("−(√26/26)·-y³ - 3·x·cos(x·z)" lost them)
    shown = entry.args[0] if isinstance(entry, InOrder) else entry
    if shown.is_Add or shown.could_extract_minus_sign():
        text = spell.bracket(text)
    if u == 1:
        return text
    factor = spell.expr(u)
    if spell.bracket_fractions and not u.is_Integer:
        factor = spell.bracket(factor)
    return factor + spell.times + text
