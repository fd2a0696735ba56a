"""Gradient descent, w ← w − η∇f, run numerically on the symbolic gradient.

It stops when the gradient's length falls below `tol`, after `steps` steps, or when the iterates
run away: then it says the learning rate is too large for this function (and suggests a smaller
one) instead of printing inf or nan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import sympy

from .errors import DomainError, SymdiffError

# Values past this size (relative to the start) count as running away.
RUNAWAY = 1e12
MAX_STEPS = 10_000


@dataclass
class Iterate:
    step: int
    point: list[float]
    value: float
    gradient: list[float]
    grad_norm: float


@dataclass
class DescentResult:
    expr: sympy.Expr
    vars: tuple[sympy.Symbol, ...]
    gradient: list[sympy.Expr]
    lr: float
    start: list[float]
    iterations: list[Iterate]
    converged: bool
    stop: str  # why it stopped: "converged", "steps", "domain" or "runaway"
    diverged: bool = False
    stop_values: dict = field(default_factory=dict)
    input: str | None = None
    warnings: list = field(default_factory=list)  # symdiff.notes.Note
    command: str = field(default="descend", repr=False)

    @property
    def reason(self) -> str:
        """Why it stopped, in words, in the current language (see `symdiff.messages.language`)."""
        from .messages import message

        return message(f"descend.reason.{self.stop}", **self.stop_values)

    @property
    def final(self) -> Iterate:
        return self.iterations[-1]

    def to_dict(self, *, steps: bool = True) -> dict:
        from .render.json import record

        return record(self, steps=steps)


def _evaluator(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]):
    # Substitution and evalf rather than lambdify: no generated code is ever executed.
    def value(point: Sequence[float]) -> float | None:
        try:
            v = sympy.N(expr.xreplace({s: sympy.Float(x, 17) for s, x in zip(symbols, point)}), 17)
            if not v.is_number or v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
                return None
            c = complex(v)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, ArithmeticError):
            return None
        if abs(c.imag) > 1e-12 * max(1.0, abs(c.real)) or not math.isfinite(c.real):
            return None
        return c.real

    return value


def descend(f: sympy.Expr, gradient: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol],
            start: Mapping[sympy.Symbol, sympy.Expr], *, lr: float = 0.1, steps: int = 100,
            tol: float = 1e-8) -> DescentResult:
    # nan slips through every comparison (nan <= 0 is False) and inf turns the first step into nan.
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"the learning rate lr must be a positive number, not {lr!r}")
    if not (math.isfinite(tol) and tol >= 0):
        raise ValueError(f"the tolerance tol must be a number ≥ 0, not {tol!r}")
    if not 1 <= steps <= MAX_STEPS:
        raise SymdiffError(f"--steps must be between 1 and {MAX_STEPS}", type="limit")
    missing = [s.name for s in symbols if s not in start]
    if missing:
        raise DomainError(f"no starting value for {', '.join(missing)} (add it to --from)")
    for s in symbols:
        if not math.isfinite(float(start[s])):
            raise ValueError(f"the starting value of {s} is beyond the floating-point range")
    fv = _evaluator(f, symbols)
    gv = [_evaluator(g, symbols) for g in gradient]
    point = [float(start[s]) for s in symbols]

    def measure(k: int, w: list[float]) -> Iterate | None:
        value = fv(w)
        grad = [g(w) for g in gv]
        if value is None or any(g is None for g in grad):
            return None
        return Iterate(k, list(w), value, grad, math.sqrt(sum(g * g for g in grad)))

    first = measure(0, point)
    if first is None:
        raise DomainError("f or its gradient is not defined (or not real) at the starting point")
    iterations = [first]
    scale = RUNAWAY * (1 + abs(first.value) + first.grad_norm)
    converged, diverged, stop = False, False, "steps"
    current = first
    for k in range(1, steps + 1):
        if current.grad_norm < tol:
            converged, stop = True, "converged"
            break
        point = [w - lr * g for w, g in zip(current.point, current.gradient)]
        nxt = measure(k, point)
        if nxt is None or abs(nxt.value) > scale or nxt.grad_norm > scale or \
                any(not math.isfinite(w) or abs(w) > scale for w in point):
            diverged, stop = True, "domain" if nxt is None else "runaway"
            break
        iterations.append(nxt)
        current = nxt
    else:
        if current.grad_norm < tol:
            converged, stop = True, "converged"
    # The values the reason's words refer to (k is the step that diverged).
    values = {"steps": steps, "tol": f"{tol:g}", "k": k, "lr": f"{lr:g}", "smaller": f"{lr / 4:g}"}
    return DescentResult(f, tuple(symbols), list(gradient), lr, [float(start[s]) for s in symbols], iterations,
                         converged, stop, diverged, values)
