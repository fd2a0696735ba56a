"""The Python API: what the command line does, as functions that return plain data.

    >>> from symdiff import partial
    >>> partial("3*x**2*y**4", "x").result
    6*x*y**4
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import sympy

from .errors import DomainError, ParseError, SymdiffError
from .numeric import value_at
from .parsing import parse, parse_point, parse_variable
from .rules import derive
from .steps import Step
from .tidy import textbook


@dataclass
class Derivation:
    """One differentiation: d(expr)/d(var), its step tree, and its result in textbook form."""

    expr: sympy.Expr
    var: sympy.Symbol
    step: Step
    result: sympy.Expr

    @property
    def held(self) -> list[sympy.Symbol]:
        """The other variables, held constant while differentiating by `var`."""
        return sorted((s for s in self.expr.free_symbols if s != self.var), key=lambda s: s.name)


@dataclass
class PartialResult:
    """∂f/∂wrt[0]…∂wrt[-1] of `expr`: one derivation per variable, in order."""

    expr: sympy.Expr
    wrt: tuple[sympy.Symbol, ...]
    derivations: tuple[Derivation, ...]
    input: str | None = None
    point: dict[sympy.Symbol, sympy.Expr] | None = None
    value: float | None = None
    command: str = field(default="partial", repr=False)

    @property
    def result(self) -> sympy.Expr:
        return self.derivations[-1].result if self.derivations else self.expr

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(d.step for d in self.derivations)

    def to_dict(self, *, steps: bool = True) -> dict:
        from .render.json import partial_record

        return partial_record(self, steps=steps)

    def _repr_latex_(self) -> str:
        from .render.notation import derivative_latex

        return f"$\\displaystyle {derivative_latex(self.expr, self.wrt)} = {sympy.latex(self.result)}$"


def to_expr(expr: str | sympy.Expr, variables: Iterable[str] = ()) -> sympy.Expr:
    if isinstance(expr, str):
        return parse(expr, variables)
    if isinstance(expr, sympy.Basic):
        return expr
    if isinstance(expr, (int, float)):
        return sympy.nsimplify(expr)
    raise TypeError(f"expected an expression string or a SymPy expression, not {type(expr).__name__}")


def to_symbol(var: str | sympy.Symbol) -> sympy.Symbol:
    if isinstance(var, sympy.Symbol):
        return var
    return parse_variable(var)


def to_point(at: str | Mapping | None, variables: Iterable[str] = ()) -> dict[sympy.Symbol, sympy.Expr] | None:
    if at is None:
        return None
    if isinstance(at, str):
        return parse_point(at, variables)
    return {to_symbol(k): sympy.nsimplify(v) if isinstance(v, float) else sympy.sympify(v)
            for k, v in at.items()}


def default_variable(expr: sympy.Expr) -> sympy.Symbol:
    """The one variable of `expr`, when there is exactly one."""
    free = sorted(expr.free_symbols, key=lambda s: s.name)
    if len(free) == 1:
        return free[0]
    names = ", ".join(s.name for s in free) or "none"
    raise SymdiffError(f"name the variable to differentiate by (the expression's variables: {names})",
                       type="syntax")


def partial(expr: str | sympy.Expr, *wrt: str | sympy.Symbol, at: str | Mapping | None = None,
            variables: Sequence[str] = ()) -> PartialResult:
    """∂/∂wrt of `expr`, with every step; several variables differentiate in turn.

    `at` ("x=1,y=2" or a mapping) also evaluates the result there. `variables` names symbols that
    would otherwise be constants (`e`). Raises `SymdiffError` (a `ParseError`, `DomainError`...)
    with a contract error type.
    """
    names = [v.name if isinstance(v, sympy.Symbol) else str(v) for v in wrt] + list(variables)
    source = expr if isinstance(expr, str) else None
    f = to_expr(expr, names)
    symbols = tuple(to_symbol(v) for v in wrt) or (default_variable(f),)
    derivations = []
    current = f
    for var in symbols:
        step = derive(current, var)
        result = textbook(step.result)
        derivations.append(Derivation(current, var, step, result))
        current = result
    out = PartialResult(f, symbols, tuple(derivations), input=source)
    if at is not None:
        point = to_point(at, names)
        out.point = point
        value_at(f, point, "the function")  # a point outside f's domain is an error, not a value
        out.value = value_at(out.result, point)
    return out


__all__ = ["Derivation", "DomainError", "ParseError", "PartialResult", "SymdiffError", "partial"]
