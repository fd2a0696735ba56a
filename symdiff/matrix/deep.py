"""Backpropagation through a network of many layers (`backprop --layers N0,N1,…,NL`).

Layer l computes y_l = W_l a_{l−1} + b_l and a_l = σ_l(y_l), with a_0 = x and a_L = z. Every piece
comes from the matrix engine with its own differential steps: ∂L/∂z, each layer's Jacobian ∂a_l/∂y_l,
∂y_{l+1}/∂a_l = W_{l+1}, and each layer's gradients, read off dL = δ_lᵀ·d(W_l a_{l−1} + b_l). The chain
rule runs from the output back: δ_L = (∂z/∂y_L)ᵀ·∂L/∂z, δ_l = (∂a_l/∂y_l)ᵀ·W_{l+1}ᵀ·δ_{l+1}.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from . import expr as E
from ..core.notebook import Notebook
from .api import matrix_derivative
from .backprop import DeltaLine, Stage, sigmoid_ce_lines
from .expr import Node
from .folding import expand, fold_delta
from .network import Network, parse_network
from .parse import parse_matrix, to_shapes
from .unitsize import general_sizes, to_one

def a_name(network: Network, l: int) -> str:
    """a_l's symbol: x for the input, z for the output."""
    return "x" if l == 0 else "z" if l == network.depth else f"a{l}"


@dataclass(eq=False)
class LayerResult:
    index: int
    shapes: dict
    activation: str
    jacobians: list[Stage]  # ∂a_l/∂y_l, and for a hidden layer ∂y_{l+1}/∂a_l
    delta_chain: Node
    delta_lines: list[DeltaLine]  # after the chain: the simplification, line by line
    delta: Node
    gradients: dict[str, Stage]  # "W", "b" (and "x" on the first layer)
    # dL = δ_lᵀ dy_l, and the same written out term by term (δ_lᵀ dW_l a_{l−1} + δ_lᵀ db_l + δ_lᵀ W_l da_{l−1}):
    # the differential a teacher writes once per layer, every gradient read off its own term
    differential_of: Node | None = None
    differential: Node | None = None

    @property
    def delta_sym(self) -> E.Sym:
        return E.Sym(f"delta{self.index}", self.shapes["y"])


@dataclass(eq=False)
class NetworkResult(Notebook):
    command = "backprop"
    network: Network
    shapes: dict
    forward: list[tuple[str, Node]]  # (name, definition): y1, a1, …, z, L
    loss_gradient: Stage  # ∂L/∂z
    layers: list[LayerResult]  # from the output layer back
    assumption: str = ""  # "sum_t" when δ_L = z − t needs 1ᵀt = 1
    check: object = None
    checks: dict = field(default_factory=dict)
    numeric: object = None  # the numbers of a network with values (matrix/training.py)

    @property
    def input(self) -> str:
        net = self.network
        return f"--layers {','.join(str(s) for s in net.sizes)} --activation {','.join(net.activations) or '-'} " \
               f"--output {net.output} --loss {net.loss}"

    def layer(self, l: int) -> LayerResult:
        return next(layer for layer in self.layers if layer.index == l)

    def to_dict(self, *, steps: bool = True) -> dict:
        """The JSON record of `backprop --layers` (docs/reference.md, `backprop`)."""
        from ..render.network import record

        return record(self, steps=steps)


def _shapes(network: Network) -> dict:
    sizes = network.sizes
    raw = {"x": (sizes[0], 1)}
    for l in range(1, network.depth + 1):
        raw.update({f"W{l}": (sizes[l], sizes[l - 1]), f"b{l}": (sizes[l], 1), f"y{l}": (sizes[l], 1),
                    f"delta{l}": (sizes[l], 1)})
        raw[a_name(network, l)] = (sizes[l], 1)
    raw["t"] = (sizes[-1], 1)
    return to_shapes(raw)


def context_names(shapes: dict) -> dict:
    """The network's symbols and the loss L, whose letters every rule and legend of its run writes around."""
    return {**shapes, "L": (1, 1)}


def _activation_text(fn: str, y: str) -> str:
    return y if fn == "identity" else f"{fn}({y})"


def _softmax_ce_lines(jac: Node, dl_dz: Node, z: E.Sym, t: E.Sym) -> list[DeltaLine]:
    """(diag(z) − zzᵀ)·(−z∘⁻¹ ⊙ t) multiplied out, then diag(z)(z∘⁻¹ ⊙ t) = t and zᵀ(z∘⁻¹ ⊙ t) = 1ᵀt."""
    chain = E.mul(E.transpose(jac), dl_dz)
    # 1ᵀ kept as a transpose node: the printers write a row of ones as 1 otherwise, and 1ᵀt is the point
    total = E.mul(E.Transpose(E.Ones(t.shape)), t)
    return [DeltaLine(expand(chain), "deep.softmax.expand"),
            DeltaLine(E.sub(E.mul(z, total), t), "deep.softmax.cancel"),
            DeltaLine(E.sub(z, t), "deep.softmax.assume")]


# The output/loss pairs whose δ_L is worked by hand, by the options chosen (not the engine's knowledge of a
# function): softmax with cross-entropy cancels to z − t only under 1ᵀt = 1, which no rewrite can assume;
# sigmoid with binary cross-entropy cancels to z − t always, shown line by line as a teacher does.
_CANCELLATIONS = {("softmax", "ce"): _softmax_ce_lines, ("sigmoid", "ce"): sigmoid_ce_lines}
_ASSUMPTIONS = {("softmax", "ce"): "sum_t"}


def deep_backprop(layers, activation: str = "sigmoid", output: str = "sigmoid", loss: str = "mse",
                  check: bool = False, seed: int = 0, *, at=None, lr=None) -> NetworkResult:
    """The walkthrough of `backprop --layers`: `layers` is "4,3,2" or a Network already parsed.

    at: values for x, t and every W_l, b_l (a JSON file's path, JSON text or a mapping; see
    `symdiff.matrix.training.load_values`), read before the derivation so that a bad value costs
    nothing; the result's `numeric` then holds the forward pass, every δ_l and gradient as numbers,
    and with `lr` (η > 0) one gradient descent step W_l ← W_l − η ∂L/∂W_l with the loss after it.
    Raises ParseError for a bad network, and load_values' and numeric_pass' errors (UsageError,
    MissingValue, LimitError, DomainError) for bad values or η; `lr` without `at` is a UsageError.
    """
    network = layers if isinstance(layers, Network) else parse_network(layers, activation, output, loss)
    values = sizes = None
    if at is not None:
        from .training import Values, load_values

        values, sizes = at if isinstance(at, Values) else load_values(at, network)
    elif lr is not None:
        from ..core.errors import UsageError

        raise UsageError("a learning rate needs values to take a step from: give x, t and every W and b with --at")
    general, names = general_sizes(network.sizes)
    if not names:
        result = _derive(network)
    else:
        # a layer of one unit: derived as the layer of m units, then m = 1 (see symdiff.matrix.unitsize)
        result = to_one(_derive(dataclasses.replace(network, sizes=general)), names)
        result.network, result.shapes = network, _shapes(network)
    if check:
        result.check, result.checks = check_network(result, seed)
    if values is not None:
        from .training import numeric_pass

        result.numeric = numeric_pass(network, values, lr=lr, sizes=sizes)
    return result


def _derive(network: Network) -> NetworkResult:
    """Every stage of the walkthrough, symbolically (no check, no numbers)."""
    shapes = _shapes(network)
    depth = network.depth
    sym = {name: E.Sym(name, shape) for name, shape in shapes.items()}
    z, t = sym["z"], sym["t"]

    forward = []
    for l in range(1, depth + 1):
        forward.append((f"y{l}", parse_matrix(f"W{l}*{a_name(network, l - 1)} + b{l}", shapes)))
        forward.append((a_name(network, l), parse_matrix(_activation_text(network.activation(l), f"y{l}"), shapes)))
    loss_text = network.loss_text
    forward.append(("L", parse_matrix(loss_text, shapes)))

    # each piece's read-off names what it differentiates as the network does (dL, ∂a₁/∂y₁), never f
    # every piece's rules write their letters away from every symbol of the network (`stated.letters`): the
    # legend's ⟨A, B⟩ and a read-off's moves are one run's, and A beside a₁ reads as a₁
    context = context_names(shapes)
    dl_dz = matrix_derivative(loss_text, "z", shapes, name="L", context=context)
    loss_gradient = Stage("∂L/∂z", dl_dz.derivative, dl_dz, "deep.dl_dz")
    results: list[LayerResult] = []
    assumption = ""
    upstream = None  # δ_{l+1}'s layer, for a hidden layer
    for l in range(depth, 0, -1):
        fn = network.activation(l)
        a, y = a_name(network, l), f"y{l}"
        act = matrix_derivative(_activation_text(fn, y), y, shapes, name=a, context=context)
        # the Jacobian in a_l where σ′ is written with σ itself (σ(1 − σ), 1 − tanh²)
        jac = E.substitute(act.derivative, {E.call(fn, sym[y]): sym[a]}) if fn != "identity" else act.derivative
        jacobians = [Stage(f"∂{a}/∂{y}", jac, act, "deep.da_dy")]
        if l == depth:
            chain = E.transpose(E.mul(E.transpose(dl_dz.derivative), jac))
            cancel = _CANCELLATIONS.get((network.output, network.loss))
            # a softmax of one entry is the constant 1: its Jacobian is 0 and there is nothing to cancel
            lines = cancel(jac, dl_dz.derivative, z, t) if cancel is not None and not E.is_zero(jac) else []
            if lines:
                assumption = _ASSUMPTIONS.get((network.output, network.loss), "")
            else:
                folded = fold_delta(chain)
                lines = [DeltaLine(folded, "deep.simplified")] if folded != chain else []
        else:
            nxt = f"W{l + 1}"
            # numerator layout: a Jacobian even when layer l + 1 has one unit (mixed would give the gradient Wᵀ)
            back = matrix_derivative(f"{nxt}*{a} + b{l + 1}", a, shapes, layout="numerator", name=f"y{l + 1}",
                                     context=context)
            jacobians.append(Stage(f"∂y{l + 1}/∂{a}", back.derivative, back, "deep.dy_da"))
            # ∂L/∂a_l = ∂L/∂y_{l+1}·∂y_{l+1}/∂a_l = δ_{l+1}ᵀW_{l+1} (a row); δ_l is (that·∂a_l/∂y_l)ᵀ
            row = E.mul(E.transpose(upstream.delta_sym), back.derivative, jac)
            chain = E.transpose(row)
            folded = fold_delta(chain)
            lines = [DeltaLine(folded, "deep.hidden.simplified")] if folded != chain else []
        delta = lines[-1].value if lines else chain
        layer_shapes = {"W": shapes[f"W{l}"], "b": shapes[f"b{l}"], "y": shapes[y], "a": shapes[a],
                        "a_prev": shapes[a_name(network, l - 1)]}
        affine = f"delta{l}.T*(W{l}*{a_name(network, l - 1)} + b{l})"
        grads = {}
        for name, wrt in (("W", f"W{l}"), ("b", f"b{l}")) + ((("x", "x"),) if l == 1 else ()):
            derivation = matrix_derivative(affine, wrt, shapes, name="L", context=context)
            grads[name] = Stage(f"∂L/∂{wrt}", derivation.derivative, derivation, f"deep.grad_{name}")
        # each gradient's own derivation gives its term of the differential; the term in da_{l−1} of a later
        # layer is what carries the gradient on to layer l − 1 (no gradient of its own is read off there)
        terms = [_differential_term(grads[name].derivation) for name in ("W", "b")]
        back = grads["x"].derivation if l == 1 else matrix_derivative(affine, a_name(network, l - 1), shapes,
                                                                       name="L", context=context)
        terms.append(_differential_term(back))
        upstream = LayerResult(l, layer_shapes, fn, jacobians, chain, lines, delta, grads,
                               E.mul(E.transpose(sym[f"delta{l}"]), E.Differential(sym[y])), E.Add(tuple(terms)))
        results.append(upstream)
    return NetworkResult(network, shapes, forward, loss_gradient, results, assumption)


def _differential_term(derivation) -> Node:
    """The differential the engine found before reading the gradient off (its first step's result)."""
    return next(step.result for step in derivation.steps if step.rule != "read_off")


def composed(result: NetworkResult) -> tuple[Node, dict]:
    """L as a function of x, t and every W_l, b_l, and the map from each y_l, a_l to its composed form."""
    network, sym = result.network, {n: E.Sym(n, s) for n, s in result.shapes.items()}
    values: dict[Node, Node] = {}
    for name, definition in result.forward[:-1]:
        values[sym[name]] = E.substitute(definition, values)
    return E.substitute(result.forward[-1][1], values), values


def check_network(result: NetworkResult, seed: int = 0):
    """Every ∂L/∂W_l, ∂L/∂b_l and ∂L/∂x, with each δ written out in the weights, against central finite
    differences of the whole composed loss. δ_L = z − t of softmax with cross-entropy assumes 1ᵀt = 1,
    which random targets do not satisfy: the form before that assumption, z·(1ᵀt) − t, is checked."""
    from .differential import inner
    from .numeric import Agreement, check_differential, sizes_for

    loss, values = composed(result)
    shapes = {n: s for n, s in result.shapes.items() if n[0] in "xtWb"}
    sizes = sizes_for([E.Sym(name, shape) for name, shape in result.shapes.items()])
    mapping = dict(values)
    accept = None
    if result.network.cross_entropy:  # log z, and for binary cross-entropy log(1 − z) too
        accept = _unsaturated(values[E.Sym("z", result.shapes["z"])],
                              both_ends=result.network.cross_entropy == "binary")
    checks = {}
    for layer in result.layers:  # from the output back, so δ_{l+1} is known when δ_l needs it
        delta = layer.delta_lines[-2].value if result.assumption and layer.index == result.network.depth \
            else layer.delta
        mapping[layer.delta_sym] = E.substitute(delta, mapping)
        for name, stage in layer.gradients.items():
            wrt = E.Sym("x" if name == "x" else f"{name}{layer.index}", shapes["x" if name == "x" else
                                                                             f"{name}{layer.index}"])
            claimed = E.substitute(stage.value, mapping)
            checks[wrt.name] = check_differential(loss, inner(claimed, E.Differential(wrt)), wrt, shapes, sizes,
                                                  seed, accept=accept, sample=_network_draws)
    worst = max(c.max_error for c in checks.values())
    points = min(c.points for c in checks.values())
    return Agreement(points, worst), checks


def _network_draws(symbols, sizes, wrt, rng, count):
    """Points for the check as a network is initialised (Glorot and Bengio 2010): each W_l's entries
    in (−1, 1)/√(columns), so that signals keep their size through many layers. The engine's usual
    square matrices (random + n·I) multiply a relu network's signal by about n per layer and saturate
    its output after a dozen layers, where no point is left to check."""
    import mpmath

    from .numeric import draws, random_matrix

    def matrix(name, rows, cols, style):
        m = random_matrix(rng, rows, cols, 0) if name[0] == "W" else random_matrix(rng, rows, cols, style)
        if name[0] == "W" and rows == cols and rows > 1:
            m = m - mpmath.eye(rows) * rows  # random_matrix's shift, taken back
        return m / mpmath.sqrt(cols) if name[0] == "W" else m

    return draws(symbols, sizes, wrt, rng, count, matrix=matrix)


def _unsaturated(z: Node, both_ends: bool):
    """For cross-entropy: a point where an output is within 1e-12 of 0 (log z), or for a sigmoid output of
    1 (log(1 − z)), is passed over. A deep network with random weights saturates easily, and the logs then
    lose the digits the difference quotient needs (the claim is not at fault there). A softmax of one
    entry is exactly 1, and log 1 loses nothing."""
    from .numeric import Evaluator

    def accept(values, sizes) -> bool:
        out = Evaluator(values, sizes)(z)
        return all(1e-12 < out[i, j] and (not both_ends or out[i, j] < 1 - 1e-12)
                   for i in range(out.rows) for j in range(out.cols))

    return accept


__all__ = ["deep_backprop", "NetworkResult", "LayerResult", "DeltaLine", "composed", "check_network"]
