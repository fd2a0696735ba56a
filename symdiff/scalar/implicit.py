"""Implicit differentiation the textbook way (OpenStax Calculus §3.8): y is a function of x, y = y(x);
both sides of the equation are differentiated by x, term by term, with the chain rule wherever y
occurs; the dy/dx terms are collected on one side and the rest on the other; dy/dx is factored out
and solved for.

Inside the derivation y is a SymPy function of x, y(x), so every step is an ordinary claim
d(expr)/dx = result that SymPy can check (`sympy.diff` of y(x)² is 2·y(x)·y′(x)); it prints as y,
and its derivative as dy/dx, in every notation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import sympy
from sympy.core.function import AppliedUndef, UndefinedFunction

from ..core.errors import Words
from ..core.formula import Operator
from ..core.nodes import count_nodes, degree_as_written
from .functions import sigmoid
from .steps import Step


class DependentDerivative(sympy.Derivative):
    """dy/dx for the dependent variable y = y(x): a SymPy derivative, written as a textbook writes it."""

    implicit_reading = True

    @property
    def function(self):
        return self.expr

    @property
    def read_as(self):
        """Read aloud as dy/dx is (디와이 디엑스), for the Korean particle after it."""
        return sympy.Symbol(f"d{self.expr.name}/d{self.variables[0].name}")

    def _sympystr(self, printer):
        return f"d{self.expr.name}/d{printer._print(self.variables[0])}"

    def _latex(self, printer):
        return rf"\frac{{d {printer._print(sympy.Symbol(self.expr.name))}}}{{d {printer._print(self.variables[0])}}}"

    def _mathml_presentation(self, printer):
        dom = printer.dom
        frac = dom.createElement("mfrac")
        for part in (sympy.Symbol(self.expr.name), self.variables[0]):
            row = dom.createElement("mrow")
            d = dom.createElement("mi")
            d.appendChild(dom.createTextNode("d"))
            row.appendChild(d)
            row.appendChild(printer._print(part))
            frac.appendChild(row)
        return frac


class DependentFunction(AppliedUndef):
    """y(x), the dependent variable as a function of x, printed as its name y (a textbook writes y
    and means y(x)). Its derivative is a `DependentDerivative`."""

    implicit_reading = True
    prints_as_name = True

    @property
    def name(self) -> str:
        return type(self).__name__

    @property
    def read_as(self):
        return sympy.Symbol(self.name)

    def fdiff(self, argindex=1):
        return DependentDerivative(self, self.args[argindex - 1], evaluate=False)

    def _sympystr(self, printer):
        return printer._print(sympy.Symbol(self.name))

    def _latex(self, printer, exp=None):
        text = printer._print(sympy.Symbol(self.name))
        return f"{text}^{{{exp}}}" if exp is not None else text

    def _mathml_presentation(self, printer):
        return printer._print(sympy.Symbol(self.name))


def dependent(y: sympy.Symbol, x: sympy.Symbol) -> DependentFunction:
    """y as the function y(x)."""
    return UndefinedFunction(y.name, bases=(DependentFunction,), real=True)(x)


def as_function(y: sympy.Symbol, x: sympy.Symbol) -> sympy.Expr:
    """y(x) written out with its argument, as "y = y(x)" says it."""
    return sympy.Function(y.name)(x)


@dataclass(eq=False)
class DependentRule(Step):
    """d/dx y(x) = dy/dx: y is a function of x, and its derivative is what implicit differentiation
    solves for."""

    rule: ClassVar[str] = "dependent"

    def eval(self):
        return DependentDerivative(self.expr, self.var, evaluate=False)


# ---------------------------------------------------------------------------------------------
# The derivation


@dataclass
class SideDerivative:
    """d/dx of one side of the equation with y = y(x): its step tree, and its terms split into those
    with dy/dx (each as its coefficient) and the others."""

    side: str  # "left" or "right"
    expr: sympy.Expr  # the side, with y(x) for y
    var: sympy.Symbol
    step: Step
    coefficients: tuple[sympy.Expr, ...]  # of dy/dx, one for each term that has it
    others: tuple[sympy.Expr, ...]  # the terms without dy/dx

    @property
    def result(self) -> sympy.Expr:
        return self.step.result

    @property
    def operator(self) -> Operator:
        return Operator(self.var)


def split_terms(expr: sympy.Expr, d: sympy.Expr) -> tuple[tuple[sympy.Expr, ...], tuple[sympy.Expr, ...]]:
    """The terms of `expr` (multiplied out one level, as a student does: cos(x + y)·(1 + dy/dx) is
    cos(x + y) + cos(x + y)·dy/dx) as (the coefficients of d in the terms that have it, the terms
    that do not). The derivative of an equation is linear in d, so each term is c·d or free of d."""
    p = sympy.Dummy("p")
    expanded = sympy.expand(expr.xreplace({d: p}), deep=False, power_base=False, power_exp=False, log=False,
                            multinomial=False)
    with_d, without = [], []
    for term in sympy.Add.make_args(expanded):
        if term.has(p):
            coefficient, rest = term.diff(p), term.xreplace({p: 0})
            with_d.append(coefficient.xreplace({p: d}))
            if rest != 0:
                without.append(rest.xreplace({p: d}))
        elif term != 0:
            without.append(term)
    return tuple(with_d), tuple(without)


def differentiate_side(side: str, expr: sympy.Expr, x: sympy.Symbol, y_of_x: DependentFunction) -> SideDerivative:
    from .rules import derive_ours

    step = derive_ours(expr, x, taken=(y_of_x.name,))
    # d/dx, never ∂/∂x: y changes with x, and a parameter (a in x² + a·y² = 1) is a constant, not a
    # variable held still
    for node in step.walk():
        node.partial = False
    d = DependentDerivative(y_of_x, x, evaluate=False)
    coefficients, others = split_terms(step.result, d)
    return SideDerivative(side, expr, x, step, coefficients, others)


@dataclass
class Solution:
    """The steps after differentiating: the dy/dx terms collected on the left and the rest on the
    right, dy/dx factored out, and dy/dx solved for."""

    left: tuple[sympy.Expr, ...]  # the coefficients of dy/dx on the left, in order
    right: tuple[sympy.Expr, ...]  # the other terms, on the right, in order
    coefficient: sympy.Expr  # the sum of `left`
    rest: sympy.Expr  # the sum of `right`
    quotient: sympy.Expr  # rest/coefficient, as written
    moved: bool  # whether collecting moved any term (else the equation was collected already)


def solve(left: SideDerivative, right: SideDerivative) -> Solution:
    moved = bool(right.coefficients) or bool(left.others)
    coefficients = left.coefficients + tuple(-c for c in right.coefficients)
    others = right.others + tuple(-t for t in left.others)
    coefficient = sympy.Add(*coefficients)
    rest = sympy.Add(*others)
    return Solution(coefficients, others, coefficient, rest, sympy.Mul(rest, sympy.Pow(coefficient, -1)), moved)


def to_symbols(expr: sympy.Expr, y_of_x: DependentFunction, y: sympy.Symbol) -> sympy.Expr:
    """`expr` with y(x) written as the symbol y again (for the answer, which is in x and y)."""
    return expr.xreplace({y_of_x: y})


def _never_zero(F: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> Words | None:
    """Why F(x, y) is never 0 for real x, y, where that is quick to tell of a function that is no polynomial:
    F is real nowhere (y = √(−1 − x²)); SymPy knows its sign (eˣʸ, eʸ + 1, x² + eʸ); or F over all real x
    and y lies in an interval that leaves out 0 (sin y − 2 in [−3, −1], cos(x + y) − 3). The interval is
    SymPy's interval arithmetic (AccumBounds), which can only widen a range: an interval that leaves out
    0 is a proof, one that holds 0 proves nothing (and None is said)."""
    if count_nodes(F, _RANGE_NODES) > _RANGE_NODES:
        return None
    if F.is_extended_real is False:
        return Words("error.implicit.not_real")
    if F.is_positive or F.is_negative:
        return Words("error.implicit.sign." + ("positive" if F.is_positive else "negative"))
    everything = sympy.AccumBounds(-sympy.oo, sympy.oo)
    try:
        # (the functions of a real argument whose range AccumBounds does not know, by that range)
        values = F.replace(lambda n: type(n) in _RANGES and n.args[0].is_extended_real,
                           lambda n: sympy.AccumBounds(*_RANGES[type(n)]))
        values = values.xreplace({x: everything, y: everything})
    except (TypeError, ValueError, ArithmeticError, NotImplementedError):
        return None
    if not isinstance(values, sympy.AccumBounds):
        return None
    low, high = values.min, values.max
    if not (low.is_extended_real and high.is_extended_real) or not (low.is_positive or high.is_negative):
        return None
    return Words("error.implicit.range", low=_bound(low), high=_bound(high))


def _bound(value: sympy.Expr) -> str:
    """An end of a range as a reader writes it: −3, ∞, −π/2 (the minus sign, not a hyphen)."""
    return sympy.pretty(value, use_unicode=True).replace("-", "−") if value.is_infinite else \
        sympy.sstr(value).replace("-", "−").replace("pi", "π")


# (each real at every real argument: a function with no real value somewhere, such as √u or arcsin u, could
# pair with another that has none there either into a real value, and no range of its own says that)
_RANGES = {sympy.tanh: (-1, 1), sympy.atan: (-sympy.pi / 2, sympy.pi / 2), sigmoid: (0, 1),
           sympy.cosh: (1, sympy.oo), sympy.sech: (0, 1)}
# Beyond this many nodes, a function's range is not looked for (interval arithmetic over a long F).
_RANGE_NODES = 200

# Beyond this degree, counting a polynomial's real roots is no longer a quick test.
_MAX_DEGREE = 40


def no_real_point(F: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> Words | None:
    """Why F(x, y) = 0 has no real solution, for the kinds that are quick to tell (else None, which
    does not mean that it has one): a fraction whose numerator is a nonzero constant (1/(x − y) = 0);
    a polynomial in one of the variables with no real root (y² + 1 = 0); a polynomial of even powers
    only whose coefficients all have one sign (x² + y⁴ + 1 = 0). Implicit differentiation of such an
    equation produces a formula (−x/y for x² + y² = −1) that describes nothing."""
    numerator = sympy.fraction(sympy.together(F))[0]
    free = numerator.free_symbols & {x, y}
    if not free:
        return Words("error.implicit.constant", value=sympy.sstr(numerator)) if numerator.is_nonzero else None
    if not numerator.free_symbols - {x, y} and not numerator.is_polynomial(x, y):
        return _never_zero(F, x, y)
    if numerator.free_symbols - {x, y} or degree_as_written(numerator) > _MAX_DEGREE:
        return None
    poly = sympy.Poly(numerator, *sorted(free, key=sympy.default_sort_key))
    if not all(c.is_Rational for c in poly.coeffs()):
        return None
    if len(free) == 1 and poly.count_roots() == 0:
        (v,) = free
        return Words("error.implicit.no_root", var=v.name)
    terms = poly.terms()
    signs = {c > 0 for _, c in terms}
    if (all(e % 2 == 0 for monomial, _ in terms for e in monomial)
            and len(signs) == 1 and any(not any(m) for m, _ in terms)):
        return Words("error.implicit.even.positive" if signs.pop() else "error.implicit.even.negative")
    return None

