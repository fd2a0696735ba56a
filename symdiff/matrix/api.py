"""The matrix-calculus API: `matrix_derivative("x.T*A*x", "x", {"x": ("n", 1), "A": ("n", "n")})`.

The pipeline: parse with shapes (shape errors before anything else) → the differential as a step
tree (`differential`) → the gradient or Jacobian read off it (`readoff`) → factored (`simplify`) →
arranged in the requested layout → optionally checked on random matrices (`numeric`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.arguments import plain_arguments
from ..core.errors import ParseError, SymdiffError, Words
from ..core.messages import explain
from . import expr as E
from ..core.notebook import Notebook
from .differential import MatrixStep, MatrixUnsupported, ReadOff, differential, inner
from .expr import Node, Sym, is_scalar
from . import messages  # noqa: F401  (the matrix rules' words, in the catalogue)
from .parse import MissingShape, parse_matrix, to_shapes
from .readoff import gradient_terms, jacobian
from .simplify import simplify

LAYOUTS = ("mixed", "denominator", "numerator")


def _kind_of(shape) -> str:
    if is_scalar(shape):
        return "scalar"
    if shape[0] == 1 or shape[1] == 1:
        return "vector"
    return "matrix"


def _entries(shape):
    return shape[0] if shape[1] == 1 else shape[1]


@dataclass(eq=False)
class MatrixResult(Notebook):
    command = "matrix"
    input: str
    expr: Node
    wrt: Sym
    shapes: dict
    kind: str
    layout: str
    steps: list[MatrixStep]
    derivative: Node
    natural: Node = field(repr=False)  # the mixed-layout derivative, before any layout transpose
    check: object = None

    @property
    def shape(self):
        return self.derivative.shape

    def to_dict(self, printer=None, lang: str | None = None) -> dict:
        from .printing import latex_data as latex
        from .printing import text

        printer = printer or text
        out = {
            "command": "matrix", "input": self.input, "expr": text(self.expr), "wrt": self.wrt.name,
            "shapes": {name: list(shape) for name, shape in self.shapes.items()},
            "kind": self.kind, "layout": self.layout,
            "result": text(self.derivative), "shape": list(self.shape), "latex": latex(self.derivative),
            "steps": [step_dict(s, text, lang) for s in self.steps],
        }
        if self.check is not None:
            out["check"] = self.check.to_dict()
        return out


def explain_step(step: MatrixStep, printer, lang: str | None = None, capital: bool = False) -> str:
    """A matrix step's words, with values printed by a matrix `printer` (`text`, `unicode`, `latex`);
    a Korean particle after a value follows the expression read aloud (`symdiff.core.korean`). With
    `capital`, a line of a human view: a capital where the words begin with a word."""
    return explain(step, printer, lang, capital)


def step_dict(step: MatrixStep, printer, lang: str | None = None) -> dict:
    """The contract's STEP object of a matrix step, its words in `lang`."""
    return step.to_dict(lambda s, p: explain(s, p, lang), printer)


@plain_arguments
def matrix_derivative(expression: str, wrt: str, shapes: dict | list | tuple, layout: str = "mixed",
                      check: bool = False, seed: int = 0, *, name: str = "f", context: dict | None = None) -> MatrixResult:
    """The derivative of a matrix expression by one of its symbols, with the steps that give it.
    `name`: what the read-off calls the expression (df, ∂f/∂x); a network's pieces have their own (dL, ∂a₁/∂y₁).
    `context`: the shapes of every symbol of the problem the expression is a piece of (a network's), whose
    letters its rules avoid too, so that one letter means one thing across the pieces."""
    from ..core.errors import InputTypeError

    for what, value in (("the expression", expression), ("wrt", wrt), ("layout", layout)):
        if not isinstance(value, str):
            raise InputTypeError(f"{what} must be a string, not {type(value).__name__}")
    if layout not in LAYOUTS:
        raise ParseError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InputTypeError(f"seed must be an int, not {type(seed).__name__}")
    shapes = to_shapes(shapes)
    wrt = wrt.strip()
    if wrt not in shapes:
        raise MissingShape([wrt], 1)
    node = parse_matrix(expression, shapes)
    var = Sym(wrt, shapes[wrt])
    used = {name: shapes[name] for name in sorted(node.symbols() | {wrt})}
    tree = differential(node, var)
    df = tree.result
    fk, xk = _kind_of(node.shape), _kind_of(var.shape)
    kind = f"{fk}_by_{xk}"
    steps = [tree]
    if xk == "scalar":
        natural = simplify(E.substitute(df, {E.Differential(var): E.ONE}))
        steps.append(ReadOff(df, var, natural, key="matrix.read_off.scalar"))
    elif fk == "scalar":
        parts = [ReadOff(t, var, simplify(g), key="matrix.read_off.term")
                 for t, g in gradient_terms(df)] if not E.is_zero(df) else []
        natural = simplify(E.add(*[p.result for p in parts])) if parts else None
        if natural is None or E.is_zero(natural):  # a df that only simplifies to 0 (sum(0)) too: x's shape
            natural = E.zero(var.shape)
        steps.append(ReadOff(df, var, natural, tuple(parts) if len(parts) > 1 else (),
                                key="matrix.read_off"))
    elif fk == "vector" and xk == "vector":
        n = _entries(var.shape)
        column_df = E.transpose(df) if df.shape[0] == 1 and df.shape[1] != 1 else df
        terms = column_df.terms if isinstance(column_df, E.Add) else (column_df,)
        parts = [ReadOff(t, var, simplify(jacobian(t, n)), key="matrix.read_off.jacobian.term")
                 for t in terms] if not E.is_zero(df) else []
        natural = simplify(E.add(*[p.result for p in parts])) if parts else None
        if natural is None or E.is_zero(natural):
            natural = E.zero((_entries(node.shape), n))
        steps.append(ReadOff(df, var, natural, tuple(parts) if len(parts) > 1 else (),
                                key="matrix.read_off.jacobian"))
    else:
        # a vector by a matrix, a matrix by a vector (third-order tensors), a matrix by a matrix (fourth)
        raise MatrixUnsupported(Words(f"error.matrix.tensor.{fk}_by_{xk}", f_shape=E.shape_str(node.shape),
                                      expr=expression.strip(), x_shape=E.shape_str(var.shape), wrt=wrt))
    derivative = natural
    transposed = (layout == "numerator" and fk == "scalar" and xk != "scalar") or (
        layout == "denominator" and fk != "scalar")
    if transposed and not is_scalar(natural.shape):
        derivative = E.transpose(natural)
        steps.append(ReadOff(natural, var, derivative, key=f"matrix.layout.{layout}"))
    _name_problem(steps, {**used, **to_shapes(context or {})})
    _name_function(steps, Sym(name, node.shape))
    _name_arguments(steps)
    result = MatrixResult(expression, node, var, used, kind, layout, steps, derivative, natural)
    if check:
        result.check = check_result(result, seed=seed)
    return result


def _name_problem(steps, shapes: dict) -> None:
    """Tell every step the problem's names, its symbols and its sizes, so that its rule's general formula
    is written in other letters (`symdiff.matrix.stated.letters`)."""
    names = frozenset(shapes) | {str(size) for shape in shapes.values() for size in shape if isinstance(size, str)}
    for top in steps:
        for step in top.walk():
            step.problem_names = names


def _name_function(steps, function: Sym) -> None:
    """Tell every read-off the name of what it differentiates, which its words write (df = …, ∂f/∂x)."""
    for top in steps:
        for step in top.walk():
            if step.rule == "read_off":
                step.function = function


def _name_arguments(steps) -> None:
    """Tell each step the arguments a chain rule at or before it names (U = Wx + b in d σ(U) = σ′(U) ⊙ dU), so
    that the human views write what it derives with the name its words introduced, σ(U), not σ(Wx + b) again.
    Two arguments that would take one letter are both left unnamed."""
    from .stated import letters

    order = [step for top in steps for step in top.walk()]
    # a chain met again (`differential.Again`) names nothing: the one worked out above did
    chains = [(i, step) for i, step in enumerate(order) if step.rule == "chain" and not hasattr(step, "earlier")
              and not isinstance(step.arg, Sym)]
    letter_of = {}
    for _, step in chains:
        letter = "s" if step.on_a_scalar else "U"
        letter_of[step.arg] = letters(getattr(step, "problem_names", ())).get(letter, letter)
    if len(set(letter_of.values())) != len(letter_of):
        return
    # every row after the chain's own: its substeps (shown before it, `render.matrix.board`) derive dU from
    # U's own expression, and its own row writes what it derives in full, since its words then define U
    sizes = {at: sum(1 for _ in chain.walk()) for at, chain in chains}
    for i, step in enumerate(order):
        named = {}
        for at, chain in chains:
            if i >= at + sizes[at]:
                named[chain.arg] = Sym(letter_of[chain.arg], chain.arg.shape)
        if named:
            step.names = named


def directional(result: MatrixResult) -> Node:
    """What the result claims df is, in the direction d<wrt>: ⟨G, dX⟩, J·dx or D·dx."""
    dX = E.Differential(result.wrt)
    G = result.natural
    fk = _kind_of(result.expr.shape)
    xk = _kind_of(result.wrt.shape)
    if xk == "scalar":
        return E.mul(G, dX)
    if fk == "scalar":
        return inner(G, dX)
    column = dX if dX.shape[1] == 1 else E.transpose(dX)
    claimed = E.mul(G, column)
    return claimed if result.expr.shape[1] == 1 else E.transpose(claimed)


def check_result(result: MatrixResult, seed: int = 0, points: int = 3):
    """Compare the result (as a directional derivative) with central finite differences."""
    from .numeric import check_differential, sizes_for

    sizes = sizes_for([result.expr, result.wrt])
    return check_differential(result.expr, directional(result), result.wrt, result.shapes, sizes, seed, points)


def check_steps(result: MatrixResult, seed: int = 0, points: int = 2) -> list[tuple[MatrixStep, object]]:
    """Every differential step's claim d(expr) = result, checked numerically."""
    from .numeric import check_differential, sizes_for

    sizes = sizes_for([result.expr, result.wrt])
    out = []
    for step in result.steps[0].walk():
        out.append((step, check_differential(step.expr, step.result, result.wrt, result.shapes, sizes, seed,
                                              points)))
    return out


__all__ = ["matrix_derivative", "MatrixResult", "LAYOUTS", "SymdiffError", "check_result", "check_steps"]
