"""Backpropagation through x → y = Wx + b → z = σ(y) → L, by the vector chain rule.

Every piece comes from the matrix engine (so each has its own differential steps): ∂L/∂z (the
loss's gradient), ∂z/∂y (the activation's Jacobian, diagonal because σ acts entry by entry),
∂y/∂x = W and ∂y/∂b = I. The chain rule multiplies the Jacobians: ∂L/∂y = ∂L/∂z · ∂z/∂y, whose
transpose is δ; then ∂L/∂W = δxᵀ, ∂L/∂b = δ, ∂L/∂x = Wᵀδ. `check=True` compares those with central
finite differences of the whole composed loss.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.arguments import plain_arguments
from ..core.errors import InputTypeError, ParseError, UsageError, Words
from . import expr as E
from ..core.notebook import Notebook
from .api import MatrixResult, matrix_derivative
from .expr import Node
from .folding import fold_delta, hadamard_of_diag
from .network import LOSS_TEXT, parse_size  # parse_size: the one-layer form's sizes, as the CLI reads them
from .parse import parse_matrix, to_shapes
from .unitsize import general_sizes, to_one

ACTIVATIONS = ("sigmoid", "tanh", "relu")
LOSSES = ("mse", "ce")

# the one-layer form's losses: its cross-entropy is the binary one (with a sigmoid)
_LOSS_TEXT = {"mse": LOSS_TEXT["mse"], "ce": LOSS_TEXT["binary"]}


@dataclass
class DeltaLine:
    """One line of δ's derivation: its value and the message key that says why."""

    value: Node
    key: str


def sigmoid_ce_lines(jac: Node, dl_dz: Node, z: E.Sym, t: E.Sym) -> list[DeltaLine]:
    """(∂z/∂y)ᵀ·∂L/∂z of a sigmoid output with binary cross-entropy, to z − t line by line:
    diag(g)·v = g ⊙ v, then z ⊙ (1 − z) cancels against each of (1 − z)∘⁻¹ and z∘⁻¹, then like terms.
    [] when the Jacobian is not diag(z ⊙ (1 − z)) (nothing to show line by line)."""
    from .table import lookup

    diagonal = lookup(jac.fn).diagonal if isinstance(jac, E.Call) else None
    g = diagonal(jac) if diagonal is not None else None
    if g is None:
        return []
    v = dl_dz
    one = E.Ones(z.shape)
    # built as nodes, not by E.call, so the factors stay in the order a teacher writes them
    entrywise = E.Call("hadamard", (g, v), None, z.shape)
    cancelled = E.sub(E.Call("hadamard", (E.sub(one, t), z), None, z.shape),
                      E.Call("hadamard", (t, E.sub(one, z)), None, z.shape))
    return [DeltaLine(entrywise, "deep.sigmoid.entrywise"), DeltaLine(cancelled, "deep.sigmoid.cancel"),
            DeltaLine(E.sub(z, t), "deep.sigmoid.collect")]


@dataclass
class Stage:
    """One factor of the chain: its symbol, its Jacobian or gradient, and the engine's derivation."""

    name: str  # "dL/dz", "dz/dy", ...
    value: Node
    derivation: MatrixResult | None = None
    note: str = ""


@dataclass(eq=False)
class BackpropResult(Notebook):
    command = "backprop"
    inputs: object
    outputs: object
    activation: str
    loss: str
    shapes: dict
    forward: list[tuple[str, Node]]
    stages: list[Stage]
    delta_chain: Node  # (∂z/∂y)ᵀ·∂L/∂z as the chain rule gives it
    delta: Node  # the same, simplified
    gradients: dict[str, Node]
    check: object = None
    checks: dict = field(default_factory=dict)
    delta_lines: list[DeltaLine] = field(default_factory=list)  # from the chain to δ, line by line

    @property
    def input(self) -> str:
        return f"{self.activation}, {self.loss}"

    def to_dict(self, *, steps: bool = True) -> dict:
        """The JSON record of `backprop` (docs/reference.md, `backprop`)."""
        from ..render.matrix import bp_record

        return bp_record(self, steps=steps)


def _sized(*sizes) -> bool:
    """Whether every size is a number (3 or "3"), as --layers needs, not a name such as n."""
    return all(not isinstance(s, bool) and (isinstance(s, int) or (isinstance(s, str) and s.isdigit()))
               for s in sizes)


def check_network(activation: str, loss: str) -> None:
    """A ParseError unless `activation` and `loss` are known and go together."""
    if activation not in ACTIVATIONS:
        from .network import output_hint

        raise ParseError(f"unknown activation {activation!r}; choose from {', '.join(ACTIVATIONS)}."
                         + output_hint(activation))
    if loss not in LOSSES:
        raise ParseError(Words("error.backprop.loss", loss=repr(loss), choices=", ".join(LOSSES)))
    # the choice of options, not the engine's knowledge of sigmoid (app/cli.py checks the same)
    if loss == "ce" and activation != "sigmoid":
        raise ParseError(Words("error.backprop.activation.ce", sigmoid="--activation sigmoid", ce="--loss ce"))


MAX_SEED = 2**32 - 1


class SeedError(UsageError, ValueError):
    """A seed out of range: a ValueError for Python callers, a usage error in a record."""


def check_seed(seed) -> int:
    """The seed of the check's random points: an int from 0 to 2³² − 1, as the CLI's --seed."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InputTypeError(f"seed must be an int from 0 to {MAX_SEED}, not {type(seed).__name__}")
    if not 0 <= seed <= MAX_SEED:
        raise SeedError(f"seed must be an int from 0 to {MAX_SEED}, not {seed}")
    return seed


@plain_arguments
def backprop(inputs="n", outputs="m", activation: str = "sigmoid", loss: str = "mse",
             check: bool = False, seed: int = 0, *, layers=None, output: str | None = None, at=None,
             lr: float | None = None):
    """Backpropagation by the vector chain rule, every piece derived by the matrix engine.

    Without `layers`: one layer x → y = Wx + b → z = σ(y) → L.
        inputs, outputs (int | str): the sizes of x and of y, z, t: a number or a name ("n").
        activation (str): "sigmoid", "tanh" or "relu"; loss (str): "mse" or "ce" (binary
        cross-entropy, with sigmoid only). Returns a BackpropResult.
    With `layers` (str "4,3,2" or a list/tuple of int | str sizes): a network of several layers.
        activation (str): the hidden layers' activation ("sigmoid", "tanh", "relu", "identity"),
        one for all or comma-separated one per hidden layer; output (str): "identity", "sigmoid"
        or "softmax"; loss: "mse", or "ce" (binary with sigmoid, categorical with softmax).
        at: values of x, t, W1, b1, … (a JSON file's path, JSON text or a mapping); lr (float):
        η > 0 for one gradient descent step (needs `at`). Returns a NetworkResult
        (symdiff.matrix.deep), whose `.numeric` (with `at`) is a NumericPass
        (symdiff.matrix.training): `.numeric.record(lang)` gives the numbers as JSON.
    check (bool): compare every gradient with central finite differences of the composed loss
    (`.check`, `.checks`); seed (int, 0 to 2³² − 1): the check's random points.

    Both results have `.to_dict(steps=True)`, the JSON record of docs/reference.md.
    Raises ParseError for an unknown activation, output or loss, a pair that does not go together,
    or a bad size (a name the network uses itself, such as x or W, as the CLI refuses it);
    InputTypeError for arguments of the wrong type; SeedError (a UsageError and a ValueError) for a
    seed out of range; UsageError for inputs or outputs given with layers; UsageError, MissingValue,
    LimitError or DomainError for bad values or η (`at`, `lr`).
    """
    seed = check_seed(seed)
    if layers is not None:
        from .deep import deep_backprop

        if (inputs, outputs) != ("n", "m"):
            raise UsageError("inputs and outputs are the sizes of the one-layer form; with layers=, the first "
                             "size is the input's and the last the output's, such as layers=\"4,3,2\"")

        if isinstance(layers, (list, tuple)):
            for size in layers:
                if isinstance(size, bool) or not isinstance(size, (int, str)):
                    raise InputTypeError(f"a size in layers must be an int or a str, not {type(size).__name__}")
            layers = ",".join(str(size) for size in layers)
        for what, value in (("layers", layers), ("activation", activation), ("output", output or "sigmoid"),
                            ("loss", loss)):
            if not isinstance(value, str):
                raise InputTypeError(f"{what} must be a string, not {type(value).__name__}")
        return deep_backprop(layers, activation, output or "sigmoid", loss, check=check, seed=seed, at=at, lr=lr)
    if (at is not None or lr is not None) and _sized(inputs, outputs) and output is None \
            and activation == "sigmoid":
        # numbers for the one-layer network of given sizes: it is the network --layers n,m, whose output
        # layer's function is this one's activation
        return backprop(layers=f"{inputs},{outputs}", output=activation, loss=loss, check=check, seed=seed,
                        at=at, lr=lr)
    if at is not None or lr is not None:
        raise ParseError("values and a learning rate are for a network given by its sizes: add layers=, such as "
                         "layers=\"3,2\" for this one layer")
    if output is not None:
        raise ParseError("output chooses the output layer of a network: give the network's sizes with layers=, "
                         "such as layers=\"4,3,2\"")
    check_network(activation, loss)
    # a name is read as the CLI reads --inputs: never one of the network's own symbols (x, W, ...)
    inputs, outputs = (parse_size(v, what) if isinstance(v, str) else v
                       for what, v in (("inputs", inputs), ("outputs", outputs)))
    # Checked as the shapes of x and y: a float, None or True is a TypeError, 0 or _n a ParseError.
    n, m = to_shapes({"x": (inputs, 1), "y": (outputs, 1)}).values()
    n, m = n[0], m[0]
    general, names = general_sizes((n, m))
    if not names:
        result = _derive(n, m, activation, loss)
    else:
        # one input or one output: derived as for sizes n and m, then set to 1 (see symdiff.matrix.unitsize)
        result = to_one(_derive(*general, activation, loss), names)
        result.inputs, result.outputs = n, m
    if check:
        result.check, result.checks = check_backprop(result, seed)
    return result


def _derive(n, m, activation: str, loss: str) -> BackpropResult:
    """The stages, δ and the gradients of the one-layer form, symbolically."""
    shapes = {"x": (n, 1), "W": (m, n), "b": (m, 1), "y": (m, 1), "z": (m, 1), "t": (m, 1)}
    loss_text = _LOSS_TEXT[loss].format(m=m)
    y_def = parse_matrix("W*x + b", shapes)
    z_def = parse_matrix(f"{activation}(y)", shapes)
    l_def = parse_matrix(loss_text, shapes)
    forward = [("y", y_def), ("z", z_def), ("L", l_def)]

    # each piece's read-off names what it differentiates as the network does (dL, ∂z/∂y), never f
    # each piece's rules write their letters away from every symbol of the layer (`stated.letters`)
    context = {**shapes, "L": (1, 1)}
    dl_dz = matrix_derivative(loss_text, "z", shapes, name="L", context=context)
    dz_dy = matrix_derivative(f"{activation}(y)", "y", shapes, name="z", context=context)
    dy_dx = matrix_derivative("W*x + b", "x", shapes, name="y", context=context)
    dy_db = matrix_derivative("W*x + b", "b", shapes, name="y", context=context)
    z_of_y = {E.call(activation, E.Sym("y", shapes["y"])): E.Sym("z", shapes["z"])}
    jz = E.substitute(dz_dy.derivative, z_of_y)
    stages = [
        Stage("∂L/∂z", dl_dz.derivative, dl_dz, "gradient of the loss (the shape of z)"),
        Stage("∂z/∂y", jz, dz_dy, "Jacobian of the activation: diagonal, because it acts entry by entry"),
        Stage("∂y/∂x", dy_dx.derivative, dy_dx, "Jacobian of the affine map"),
        Stage("∂y/∂b", dy_db.derivative, dy_db, "Jacobian of the affine map"),
    ]
    # the vector chain rule: ∂L/∂y (a row, numerator layout) = ∂L/∂z · ∂z/∂y; δ is its transpose
    chain = E.transpose(E.mul(E.transpose(dl_dz.derivative), jz))
    lines = sigmoid_ce_lines(jz, dl_dz.derivative, E.Sym("z", shapes["z"]), E.Sym("t", shapes["t"])) \
        if loss == "ce" else []
    if not lines:
        folded = fold_delta(chain)
        # the words say only the work done: the ⊙ form, and the multiplying out only where fold_delta took it
        key = "backprop.simplified" if folded == hadamard_of_diag(chain) else "backprop.simplified.expanded"
        lines = [DeltaLine(folded, key)] if folded != chain else []
    delta = lines[-1].value if lines else chain
    x = E.Sym("x", shapes["x"])
    W = E.Sym("W", shapes["W"])
    d = E.Sym("delta", shapes["y"])
    gradients = {"W": E.mul(d, E.transpose(x)), "b": d, "x": E.mul(E.transpose(W), d)}
    return BackpropResult(n, m, activation, loss, shapes, forward, stages, chain, delta, gradients,
                          delta_lines=lines)


def composed_loss(result: BackpropResult) -> Node:
    """L as a function of W, b and x."""
    shapes = result.shapes
    loss = parse_matrix(_LOSS_TEXT[result.loss].format(m=result.outputs), shapes)
    z = E.call(result.activation, parse_matrix("W*x + b", shapes))
    return E.substitute(loss, {E.Sym("z", shapes["z"]): z})


def check_backprop(result: BackpropResult, seed: int = 0):
    """∂L/∂W, ∂L/∂b and ∂L/∂x (with δ written out in W, b, x) against finite differences of the composed
    loss, and δ's simplified form against the chain-rule product."""
    from .differential import inner
    from .numeric import Agreement, check_differential, sizes_for

    shapes = {k: v for k, v in result.shapes.items() if k not in ("y", "z")}
    y = parse_matrix("W*x + b", shapes)
    z = E.call(result.activation, y)
    subs = {E.Sym("y", result.shapes["y"]): y, E.Sym("z", result.shapes["z"]): z}
    delta = E.substitute(E.substitute(result.delta, {E.Sym("z", result.shapes["z"]): E.call(result.activation,
                                      E.Sym("y", result.shapes["y"]))}), subs)
    loss = composed_loss(result)
    sizes = sizes_for([loss])
    checks = {}
    for name, grad in result.gradients.items():
        wrt = E.Sym(name, shapes[name])
        claimed = E.substitute(grad, {E.Sym("delta", result.shapes["y"]): delta})
        checks[name] = check_differential(loss, inner(claimed, E.Differential(wrt)), wrt, shapes, sizes, seed)
    worst = max(c.max_error for c in checks.values())
    points = min(c.points for c in checks.values())
    return Agreement(points, worst), checks


__all__ = ["backprop", "BackpropResult", "ACTIVATIONS", "LOSSES", "composed_loss"]
