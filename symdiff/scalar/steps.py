"""The step tree: what a derivation is made of.

A `Step` is one application of one rule to one expression, in the manner of SymPy's
`manualintegrate`: concrete rules (in `symdiff.scalar.rules`) are small data classes that hold what they
need and compute their own `result` from their substeps' results. The tree *is* the explanation;
renderers only walk it. The matrix engine's steps share the same base (`symdiff.core.steps`).

The invariant, checked by the tests over generated expressions: for every node,
d(expr)/d(var) == result.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import ClassVar

import sympy

from ..core import steps as core
from ..core.formula import Operator
from ..core.nodes import count_nodes

# The rule names of the JSON records (docs/reference.md): every step names one.
RULE_NAMES = (
    "constant", "identity", "sum", "constant_multiple", "power", "product", "quotient", "chain",
    "exp", "log", "trig", "inverse_trig", "hyperbolic", "inverse_hyperbolic", "general_power", "abs",
    "piecewise", "rewrite", "special", "unknown",
)

# An expression in x whose derivative starts with each rule: `symdiff rules` works it through.
RULE_EXAMPLES = {
    # a function of x alone: an ordinary derivative's example holds no other variable (∂/∂x [y²] under d/dx)
    "constant": "pi^2", "identity": "x", "sum": "x^2 + x", "constant_multiple": "3x^2", "power": "x^3",
    "product": "x sin(x)", "quotient": "sin(x)/x", "chain": "sin(x^2)", "exp": "2^x",
    # ln x alone is the rule's statement, not an example of using it
    "log": "ln(x^2 + 1)",
    "trig": "tan(x)", "inverse_trig": "atan(x)", "hyperbolic": "cosh(x)", "inverse_hyperbolic": "asinh(x)",
    "general_power": "x^x", "abs": "abs(x)", "piecewise": "relu(x)", "rewrite": "sqrt(x)",
    "special": "sigmoid(x)", "unknown": "DiracDelta(x)",
}


@dataclass(eq=False)
class Step(core.Step):
    """d(expr)/d(var) = result, by the rule named `rule`: expr and result are SymPy expressions, var a
    Symbol. Walking, substeps, records and explanations are the shared step's (`symdiff.core.steps`)."""

    rule: ClassVar[str] = "unknown"
    # Whether this step is part of a partial derivative (the function has other variables, held
    # constant): its operator is then ∂/∂x, not d/dx. `derive` sets it on every node of a tree.
    partial: ClassVar[bool] = False

    @property
    def operator(self) -> Operator:
        """d/dx, or ∂/∂x in a partial derivative: the operator its line and explanation write."""
        return Operator(self.var, self.partial)

    @functools.cached_property
    def between(self) -> list:
        """The forms a rule that substitutes its pieces passes through to its result, where it takes
        more than one move a reader sees at a glance (`symdiff.scalar.between`); else none."""
        from .between import forms_between

        assembled = getattr(self, "assembled", None)
        return forms_between(assembled, self.result) if assembled is not None else []

    def values(self, lang: str) -> dict:
        from .formulas import stated

        return {**super().values(lang), "d": self.operator, **stated(self)}


def printed_size(step: Step, budget: int) -> int:
    """Nodes in every expr and result of the tree, as printed (shared parts counted each time they
    appear), counting stops just past `budget`: cheap even for trees that print megabytes."""
    total = 0
    for node in step.walk():
        for expr in (node.expr, node.result):
            total += count_nodes(expr, budget - total)
            if total > budget:
                return total
    return total
