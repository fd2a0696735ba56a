"""Implicit differentiation as every human view shows it: one outline of sentences, step trees and
equations, which each format (text, the terminal, Markdown, LaTeX, HTML) writes in its own notation,
so that all of them show the same derivation in the same order.

The outline follows OpenStax Calculus §3.8: y is a function of x; both sides are differentiated by x,
term by term (a step tree each); the derivatives are equal; the dy/dx terms are collected on the left
and the rest on the right; dy/dx is factored out and solved for; then, as a check, F = left − right
and dy/dx = −F_x/F_y.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from ..core.formula import _Joined, Approximately, Equation, Operator, Over, Terms, Times, Unequal
from ..core.messages import message
from ..scalar.implicit import dependent
from ..scalar.parsing import split_top_level
from .notation import in_order
from .order import difference, shown


@dataclass
class Say:
    """A sentence of the catalogue, `key`, with its values (expressions, or words already in the
    output's language)."""

    key: str
    values: dict = field(default_factory=dict)


@dataclass
class Tree:
    """A step tree, under the sentence before it."""

    step: object


@dataclass
class Chain:
    """a = b = c, displayed on a line of its own; a side written as the one before it is left out (a
    step must change what the reader sees)."""

    sides: tuple

    def __post_init__(self):
        from .notation import latex, unicode

        def looks(side) -> tuple:
            # as a reader sees it: the quotient dy/dx was solved as and the tidied result can differ as
            # objects and print alike, and a line A = A says nothing
            return sympy.sstr(side), unicode(side), latex(side)

        kept = [self.sides[0]]
        for side in self.sides[1:]:
            if not set(looks(side)) & set(looks(kept[-1])):
                kept.append(side)
        self.sides = tuple(kept)


@dataclass
class Outline:
    steps: list  # Say, Tree and Chain, in order (empty without steps)
    result: Chain  # dy/dx = …
    point: dict | None = None
    value: float | None = None
    residual: float | None = None  # left − right at the point, where it is not on the curve
    exact: object = None  # dy/dx at the point when that is a plain fraction (−3/4, not −0.75)
    condition: Say | None = None  # "(where y ≠ 0)": the denominator of dy/dx, which it holds only off
    no_value: Say | None = None  # why the point has no dy/dx: off the curve, or a vertical tangent there
    on_curve: Say | None = None  # the point is on the curve (3² + 4² = 25), and dy/dx there: one sentence

    def shown(self) -> tuple[str, object]:
        """dy/dx at the point as written after it: its relation and then the exact fraction, or the decimal
        (a string), "≈" where that was rounded (−cos 1/3 ≈ −0.180101), "=" where it is the value."""
        from ..features.approx import EQUALS, relation
        from .notation import decimal

        if self.exact is not None:
            return EQUALS, self.exact
        shown = decimal(self.value)
        return relation(shown, self.value), shown


F = sympy.Symbol("F")


def _sum(terms):
    """The terms as one sum in their order; a single term as itself (no brackets around x in −y/x)."""
    return terms[0] if len(terms) == 1 else Terms(*terms)


def _times(c, d):
    """c·dy/dx as a term is written: dy/dx alone for 1, −dy/dx for −1."""
    return d if c == 1 else -d if c == -1 else sympy.Mul(c, d)


def typed_sides(r, y=None) -> tuple:
    """The equation's sides as typed (exp(y) + x·y, not SymPy's x·y + eʸ), with y written as `y`
    (the function y(x) of the derivation) where given; a side as read where its typed form cannot
    be had."""
    sides = split_top_level(r.input or "", "=")
    if len(sides) != 2:
        return r.lhs, r.rhs
    typed = [in_order(text, e) for (_, text), e in zip(sides, (r.lhs, r.rhs))]
    if y is None:
        return tuple(typed)
    with sympy.evaluate(False):  # y(x) put in keeps the order typed
        return tuple(t.xreplace({r.dy: y}) for t in typed)


def outline(r, steps: bool = True) -> Outline:
    x, y, d = r.dx, r.dy, r.dydx
    out: list = []
    if steps:
        out.append(Say("implicit.function", {"y": y, "x": x, "function": Equation(y, sympy.Function(y.name)(x)),
                                             "equation": Equation(*typed_sides(r))}))
        derived = []  # each side's derivative as its steps show it
        for side, typed in zip(r.derivatives, typed_sides(r, dependent(y, x))):
            out.append(Say("implicit.side", {"side": message(f"implicit.{side.side}"), "expr": typed, "x": x}))
            twin = shown(side.step, typed) if side.step is not None else side
            out.append(Tree(twin))
            derived.append(twin.result)
        out.append(Say("implicit.equal"))
        out.append(Chain(tuple(derived)))
        s = r.solution
        collected = _sum([_times(c, d) for c in s.left])
        right = _sum(s.right) if s.right else sympy.S.Zero
        if s.moved:
            out.append(Say("implicit.collect", {"dydx": d}))
            out.append(Chain((collected, right)))
        if len(s.left) > 1:
            out.append(Say("implicit.factor", {"dydx": d}))
            out.append(Chain((Times(Terms(*s.left), d), right)))
        if s.coefficient != 1:
            out.append(Say("implicit.solve", {"dydx": d, "coefficient": _sum(s.left)}))
            out.append(Chain((d, Over(right, _sum(s.left)), r.result)))
        fx, fy = sympy.Symbol(f"F_{x.name}"), sympy.Symbol(f"F_{y.name}")
        out.append(Say("implicit.check", {"definition": Equation(sympy.Function("F")(x, y), difference(r.F, *typed_sides(r))),
                                          "formula": Equation(d, -Over(fx, fy))}))
        out.append(Chain((fx, Operator(x, True, F), r.fx)))
        out.append(Chain((fy, Operator(y, True, F), r.fy)))
        out.append(Chain((d, -Over(fx, fy), -Over(r.fx, r.fy), r.result)))
        out.append(Say("implicit.agree", {"dydx": d}))
    residual = r.residual if r.point is not None and not r.on_curve else None
    exact = None
    if r.value is not None:
        at = r.result.xreplace(dict(r.point))
        exact = at if at.is_Rational and len(str(at)) <= 12 else None
    o = Outline(out, Chain((d, r.result)), r.point, r.value, residual, exact, condition(r.result), no_value(r))
    o.on_curve = on_curve(r, o)
    return o


def on_curve(r, o: Outline) -> Say | None:
    """The sentence a textbook ends with at a point on the curve: that it is on it, shown by putting the
    point into the equation as typed (3² + 4² = 25), and dy/dx there (= −3/4, or ≈ its decimal)."""
    if o.value is None:
        return None
    from .substituted import substituted

    point = {k: v for k, v in r.point.items()}
    left, right = typed_sides(r)
    check = Equation(substituted(left, point), substituted(right, point))
    relation, value = o.shown()
    value = value if isinstance(value, sympy.Basic) else sympy.Float(value)
    slope = Equation(r.dydx, value) if relation == "=" else Approximately(r.dydx, value)
    return _at_point(r, "implicit.on_curve", {"check": check, "slope": slope})


def _coordinates(r) -> sympy.Tuple:
    """The point as a textbook writes it, (x, y): a constant's value is no coordinate of it."""
    return sympy.Tuple(*(r.point[k] for k in (r.dx, r.dy) if k in r.point))


class _Listed(_Joined):
    """r = 3, a = 2: the constants' values, in the order given."""

    precedence = 0
    symbol, latex_symbol, mathml_symbol = ", ", ", ", ","


def _at_point(r, key: str, values: dict) -> Say:
    """The sentence `key` about the point (x, y), with the constants' values said before it where the
    equation has any ("with r = 3, the point (1, 1) …")."""
    # a name the equation does not hold is no constant of the curve (its value changes nothing)
    held = (r.lhs - r.rhs).free_symbols
    constants = [Equation(k, v) for k, v in r.point.items() if k not in (r.dx, r.dy) and k in held]
    if not constants:
        return Say(key, {"point": _coordinates(r), **values})
    listed = constants[0] if len(constants) == 1 else _Listed(*constants)
    return Say(key + ".with", {"constants": listed, "point": _coordinates(r), **values})


def no_value(r) -> Say | None:
    """The one sentence a textbook gives instead of a slope at the point: off the curve, F's value there
    (which is not 0); on it with F_y = 0, that the tangent is vertical."""
    if r.point is None or (r.on_curve and not (r.vertical or r.singular)):
        return None
    x, y = r.dx, r.dy
    if r.vertical or r.singular:
        fy = Equation(*([sympy.Symbol(f"F_{x.name}")] if r.singular else []), sympy.Symbol(f"F_{y.name}"), sympy.S.Zero)
        return _at_point(r, "implicit.vertical" if r.vertical else "implicit.singular", {"fy": fy, "dydx": r.dydx})
    exact = (r.lhs - r.rhs).xreplace(dict(r.point))
    # a rational is exact already; else the decimal is rounded, and says so
    stated = Equation if exact.is_Rational else Approximately
    exact = exact if exact.is_Rational else sympy.Float(f"{r.residual:.6g}")
    value = Unequal(stated(sympy.Function("F")(*_coordinates(r)[:2]), exact), sympy.S.Zero)
    return _at_point(r, "implicit.off_curve", {"value": value, "dydx": r.dydx})


def condition(result) -> Say | None:
    """The condition a textbook states beside a solved dy/dx: its denominator is not 0, (단, y ≠ 0);
    None where the denominator is a number. A numeric factor of it says nothing, and is left out."""
    denominator = sympy.fraction(sympy.together(result))[1]
    # y² ≠ 0 is y ≠ 0: each factor's base, once
    unknown = sympy.Mul(*{f.as_base_exp()[0] for f in sympy.Mul.make_args(denominator.as_coeff_Mul()[1])})
    if unknown.is_number:
        return None
    return Say("implicit.where", {"condition": Unequal(unknown, sympy.Integer(0))})
