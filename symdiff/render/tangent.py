"""A tangent as a textbook writes it, in every human view: the general formula with the point named by
letters f does not use (the tangent line at x = a is y = f(a) + f′(a)(x − a)), then those letters given
their values, f and its slopes there, and the tangent with the values put in, its terms in the
formula's order, then solved for the height."""

from __future__ import annotations

import re

import sympy

from .extrema import Notation

# The letters a textbook names a point with, in its order; a letter f already uses is skipped.
_LETTERS = ("a", "b", "c", "d", "p", "q", "r", "s")


def letters(t) -> list[sympy.Symbol]:
    """One letter for each coordinate of the point: a; (a, b); (a, b, c) … none of them a name f, its
    variables or the tangent's height already has."""
    taken = {s.name for s in t.expr.free_symbols} | {v.name for v in t.vars} | {t.dependent.name, "f", "e"}
    free = [c for c in _LETTERS if c not in taken]
    if len(free) < len(t.vars):  # past the usual letters: a₁, a₂, …
        free = [name for name in (f"a_{k}" for k in range(1, 2 * len(t.vars) + len(taken) + 2)) if name not in taken]
    return [sympy.Symbol(c) for c in free[:len(t.vars)]]


def graph(t) -> str:
    """What the tangent touches, as a textbook names it: the curve y = f(x), the surface z = f(x, y)."""
    from ..core.messages import message

    return message(f"tangent.graph.{len(t.vars) if len(t.vars) <= 2 else 'n'}")


def function_letter(t) -> str:
    """The one name a tangent's views give f throughout: the input's own (y for `y = √x`, whose slope is
    then y′; g for `g(x) = …`), else f."""
    return t.name or "f"


def curve(t, n: Notation, stated: str) -> str:
    """The graph as its heading names it: y = √x where the input named the height so (`y = √x`), else
    with f named too, y = f(x) = √x, so that the f(a) and f′(a) below have a definition."""
    height = n.expr(t.dependent)
    f = function_letter(t)
    if f == t.dependent.name:
        return height + n.rel("=") + stated
    return height + n.rel("=") + _applied(n, n.expr(sympy.Symbol(f)), t.vars) + n.rel("=") + stated


def _slope_name(n: Notation, f: str, var, one: bool) -> str:
    """f′ for a function of one variable, f_x for a partial derivative."""
    return n.prime(n.expr(sympy.Symbol(f)), 1) if one else n.expr(sympy.Symbol(f"{f}_{var.name}"))


def _applied(n: Notation, name: str, args) -> str:
    return name + n.paren(n.comma.join(n.expr(a) for a in args))


def _shift(n: Notation, var, at) -> str:
    """(x − a); x where the point is 0 (4·x, not 4·(x − 0)), (x + 1) where it is −1."""
    if at == 0:
        return n.expr(var)
    if isinstance(at, sympy.Expr) and at.could_extract_minus_sign():  # (z + 1) for z − (−1)
        return n.paren(n.expr(var) + n.rel("+") + n.expr(-at))
    return n.paren(n.expr(var) + n.rel("−") + n.expr(at))


def _joined(n: Notation, first: str | None, terms: list[tuple[bool, str]]) -> str:
    """first + term + term − term …, in the formula's order (a term marked negative after a minus sign)."""
    out = first
    for negative, term in terms:
        out = term if out is None else out + n.rel("−" if negative else "+") + term
    return out if out is not None else n.expr(sympy.S.Zero)


def _factor(n: Notation, value) -> str:
    """A slope before (x − a): in parentheses where it is a sum, or in the text view anything but a
    whole number or a letter ((√3/2)·(x − π/6); typeset, the fraction bar already holds it together)."""
    bracket = value.is_Add or (n.linear and not (value.is_Integer or value.is_Symbol))
    return n.paren(n.expr(value)) if bracket else n.expr(value)


def general(t, n: Notation, f: str = "f") -> str:
    """y = f(a) + f′(a)·(x − a); z = f(a, b) + f_x(a, b)·(x − a) + f_y(a, b)·(y − b)."""
    named = letters(t)
    one = len(t.vars) == 1
    terms = [(False, _applied(n, _slope_name(n, f, v, one), named) + n.juxtapose + _shift(n, v, c))
             for v, c in zip(t.vars, named)]
    return n.expr(t.dependent) + n.rel("=") + _joined(n, _applied(n, n.expr(sympy.Symbol(f)), named), terms)


def substituted(t, n: Notation) -> str:
    """The tangent with the values put in: y = 1/2 + (√3/2)·(x − π/6); z = 5 + 2·(x − 1) + 4·(y − 2);
    a slope of 0 leaves its term out, a negative one is subtracted (z = −3 − 4·(x − 2) − 3·y)."""
    return n.expr(t.dependent) + n.rel("=") + substituted_side(t, n)


def substituted_side(t, n: Notation) -> str:
    """The right side of `substituted`: 1/2 + (√3/2)·(x − π/6)."""
    first = None if t.value == 0 else n.expr(t.value)
    terms = []
    for m, v in zip(t.gradient, t.vars):
        if m == 0:
            continue
        negative = m.could_extract_minus_sign() and (first is not None or bool(terms))
        magnitude = -m if negative else m
        shift = _shift(n, v, t.point[v])
        terms.append((negative, shift if magnitude == 1 else _factor(n, magnitude) + n.juxtapose + shift))
    return _joined(n, first, terms)


def point_letters(t, n: Notation) -> str:
    """x = a, or (x, y) = (a, b): the letters the general formula gives the point."""
    named = letters(t)
    if len(named) == 1:
        return n.expr(t.vars[0]) + n.rel("=") + n.expr(named[0])
    return n.paren(n.comma.join(n.expr(v) for v in t.vars)) + n.rel("=") + n.paren(n.comma.join(map(n.expr, named)))


def letter_values(t, n: Notation) -> list[str]:
    """a = 1, b = 2."""
    return [n.expr(c) + n.rel("=") + n.expr(t.point[v]) for c, v in zip(letters(t), t.vars)]


def values(t, n: Notation, f: str = "f") -> list[str]:
    """f(1, 2) = 1·2 + 3 = 5, then f′(1) = … or f_x(1, 2) = 4, f_y(1, 2) = 1: the formula's pieces at
    the point, each with the point put in where that shows the working."""
    at = [t.point[v] for v in t.vars]
    one = len(t.vars) == 1
    # f(2) = 2³ = 8, as f′(2) = 3·2² = 12 is written: the substitution, then its value
    put_in = substitution(t, n, t.expr, t.value)
    out = [_applied(n, n.expr(sympy.Symbol(f)), at) + n.rel("=") + (put_in + n.rel("=") if put_in else "")
           + n.expr(t.value)]
    formulas = [d.result for d in t.partials] if len(t.partials) == len(t.vars) else [None] * len(t.vars)
    for v, m, formula in zip(t.vars, t.gradient, formulas):
        put_in = substitution(t, n, formula, m)
        out.append(_applied(n, _slope_name(n, f, v, one), at) + n.rel("=")
                   + (put_in + n.rel("=") if put_in else "") + n.expr(m))
    return out


def substitution(t, n: Notation, formula, value) -> str | None:
    """The derivative's formula with the point put in, before its value, as a textbook shows it:
    f′(4) = 1/(2√4) = 1/4. Only for a point of whole numbers 0 and up, which stand in the formula as
    they are (a negative or a fraction would need brackets the printers do not add to a name), for a
    short formula that is not a number already, and where it reads otherwise than the value."""
    if formula is None or not formula.free_symbols or sympy.count_ops(formula) > 12:
        return None
    if not all(t.point[v].is_Integer and t.point[v] >= 0 for v in formula.free_symbols & set(t.point)):
        return None
    # each coordinate as a name spelt as the number, so that no printer evaluates √4 or 2·1·2
    shown = n.expr(formula.xreplace({v: sympy.Symbol(str(t.point[v])) for v in formula.free_symbols & set(t.point)}))
    shown = re.sub(r"<mi>(\d+)</mi>", r"<mn>\1</mn>", shown)  # MathML: a number, not a name
    return None if shown == n.expr(value) else shown


def partial_names(t, n: Notation, f: str = "f") -> list[str]:
    """f_x, f_y: the partial derivatives the general formula names (none for one variable: f′)."""
    return [] if len(t.vars) == 1 else [_slope_name(n, f, v, False) for v in t.vars]


def partials_reading(t, f: str = "f"):
    """How the partial derivatives' names f_x, f_y are read aloud (에프 엑스, 에프 와이): the particle
    after them follows the last."""
    from ..core.korean import reading

    return reading([sympy.Symbol(f"{f}_{v.name}") for v in t.vars])


__all__ = ["curve", "partials_reading", "function_letter", "general", "letter_values", "letters", "partial_names", "point_letters", "substituted", "substituted_side", "values"]
