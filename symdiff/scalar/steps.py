"""The step tree: what a derivation is made of.

A `Step` is one application of one rule to one expression, in the manner of SymPy's
`manualintegrate`: concrete rules (in `symdiff.scalar.rules`) are small data classes that hold what they
need and compute their own `result` from their substeps' results. The tree *is* the explanation;
renderers only walk it.

The invariant, checked by the tests over generated expressions: for every node,
d(expr)/d(var) == result.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, Iterator

import sympy

# The rule names of the JSON records (docs/reference.md): every step names one.
RULE_NAMES = (
    "constant", "identity", "sum", "constant_multiple", "power", "product", "quotient", "chain",
    "exp", "log", "trig", "inverse_trig", "hyperbolic", "inverse_hyperbolic", "general_power", "abs",
    "piecewise", "rewrite", "special", "unknown",
)

# An expression in x whose derivative starts with each rule: `symdiff rules` works it through.
RULE_EXAMPLES = {
    "constant": "y^2", "identity": "x", "sum": "x^2 + x", "constant_multiple": "3x^2", "power": "x^3",
    "product": "x sin(x)", "quotient": "sin(x)/x", "chain": "sin(x^2)", "exp": "2^x", "log": "ln(x)",
    "trig": "tan(x)", "inverse_trig": "atan(x)", "hyperbolic": "cosh(x)", "inverse_hyperbolic": "asinh(x)",
    "general_power": "x^x", "abs": "abs(x)", "piecewise": "relu(x)", "rewrite": "sqrt(x)",
    "special": "sigmoid(x)", "unknown": "DiracDelta(x)",
}


@dataclass(frozen=True)
class Factor:
    """An expression shown as a factor of a product in an explanation: parenthesised if a sum."""

    expr: sympy.Expr


@dataclass(eq=False)
class Step:
    """d(expr)/d(var) = result, by the rule named `rule`."""

    expr: sympy.Expr
    var: sympy.Symbol

    rule: ClassVar[str] = "unknown"

    def eval(self) -> sympy.Expr:
        """The derivative, built from the substeps' results (never from `sympy.diff`, except in
        the rules that say so)."""
        raise NotImplementedError

    @cached_property
    def result(self) -> sympy.Expr:
        return self.eval()

    @property
    def substeps(self) -> tuple["Step", ...]:
        return ()

    @property
    def message(self) -> str:
        """The key of this step's explanation in the message catalogue (`symdiff.core.messages`)."""
        return self.rule

    def params(self) -> dict[str, Any]:
        """Values the explanation refers to, beyond expr, var and result."""
        return {}

    def walk(self) -> Iterator["Step"]:
        """This step and every step below it, depth first, parents before children."""
        stack = [self]
        while stack:
            step = stack.pop()
            yield step
            stack.extend(reversed(step.substeps))

    def to_dict(self, explain, printer=sympy.sstr) -> dict:
        """The contract's STEP object. `explain(step)` gives the explanation text."""
        return {
            "rule": self.rule,
            "expr": printer(self.expr),
            "var": printer(self.var),
            "result": printer(self.result),
            "explanation": explain(self, printer),
            "substeps": [s.to_dict(explain, printer) for s in self.substeps],
        }


def printed_size(step: Step, budget: int) -> int:
    """Nodes in every expr and result of the tree, as printed (shared parts counted each time they
    appear), counting stops just past `budget`: cheap even for trees that print megabytes."""
    total = 0
    for node in step.walk():
        for expr in (node.expr, node.result):
            for _ in sympy.preorder_traversal(expr):
                total += 1
                if total > budget:
                    return total
    return total
