"""A gradient's partials with the point's values put in, before they are computed, as a teacher
works ∇f at a point: ∂f/∂x(1, 2) = 2·cos(1·2) + 2·1·2 = 2·cos(2) + 4 ≈ 3.16771. Each partial is
written as the views wrote it above (its terms and factors in that order), with each variable
replaced by its value and nothing multiplied out; every human view prints the same tree."""

from __future__ import annotations

import sympy

from ..core.nodes import count_nodes
from .notation import InOrder, LatexPrinter, MathMLPrinter, PointValue, _textbook_functions, as_ratios

# Past these a substitution is no easier to follow than the value it gives: a partial of more nodes
# than fit a line, or a gradient of more entries than the views list inline, shows its values alone.
SUBSTITUTED_NODES = 40
SUBSTITUTED_ENTRIES = 6


def substituted(expr, point: dict):
    """`expr` (a partial as a view writes it, an InOrder where arranged) with each variable of `point`
    replaced by a PointValue, its terms and factors in the order printed, nothing evaluated; an
    InOrder that every printer prints in that order."""
    from .order import _default_order

    def build(node, keep: bool):
        if isinstance(node, InOrder):
            return build(node.args[0], True)
        if node in point:
            return PointValue(point[node])
        if node.is_Atom:
            return node
        args = list(node.args) if keep or not (node.is_Add or node.is_Mul) else _default_order(node)
        return node.func(*(build(a, keep) for a in args), evaluate=False)

    with sympy.evaluate(False):  # sign(x) as x/|x|, as every view writes the partial (notation.displayed)
        return InOrder(build(_textbook_functions(as_ratios(expr)), False))


def substituted_partials(result) -> list | None:
    """For each of a gradient's partials at its point: the partial with the values put in (None where
    that is its value already: a constant, or one variable), in the order of `result.vars`. None
    where the gradient is not worked out at a point so: no point, shared sums named (the names hide
    what is put in), too many entries, or a partial too long to follow."""
    from .order import gradient_written

    if getattr(result, "point", None) is None or getattr(result, "value", None) is None \
            or getattr(result, "shared", None) is not None or len(result.vars) > SUBSTITUTED_ENTRIES:
        return None
    entries = gradient_written(result)
    if any(count_nodes(e, SUBSTITUTED_NODES) > SUBSTITUTED_NODES for e in entries):
        return None
    point = dict(result.point)
    # a constant is its value, and a lone variable its value put in: nothing to work out before either
    return [substituted(e, point) if e.free_symbols & point.keys() and not e.is_Symbol else None for e in entries]


def point_values(result) -> list:
    """The point's values in the order of the function's variables: the (1, 2) of ∂f/∂x(1, 2)."""
    return [result.point[v] for v in result.vars]


class _LatexSubstituted(LatexPrinter):
    """Numbers side by side need a dot between them (2 · 1 · 2, not 2 1 2); a negative value after a
    minus sign keeps its brackets (1 − (−2))."""

    def _needs_add_brackets(self, expr) -> bool:
        return (isinstance(expr, PointValue) and expr.number.is_negative) or super()._needs_add_brackets(expr)


class _MathMLSubstituted(MathMLPrinter):
    """As `_LatexSubstituted`: a product of values is set with a visible dot."""

    def mathml_tag(self, e):
        return "·" if getattr(e, "is_Mul", False) else super().mathml_tag(e)


_latex_printer = _LatexSubstituted({"inv_trig_style": "full", "mul_symbol": "dot"})
_mathml_printer = _MathMLSubstituted({"mul_symbol": "dot"})


def latex_substituted(tree) -> str:
    return _latex_printer.doprint(tree)


def mathml_substituted(tree) -> str:
    return _mathml_printer.doprint(tree)
