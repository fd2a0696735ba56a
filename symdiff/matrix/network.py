"""A feed-forward network as `backprop --layers` describes it: sizes, activations, output, loss.

Layer l (1 ≤ l ≤ L) computes y_l = W_l a_{l−1} + b_l and a_l = σ_l(y_l), with a_0 = x the input and
a_L = z the output; the loss L compares z with the target t. Hidden layers (1 … L−1) use the hidden
activations, the last layer the output function. The losses pair with outputs as in Goodfellow,
Bengio and Courville, *Deep Learning* (2016), §6.2.2: binary cross-entropy with a sigmoid output,
categorical cross-entropy with a softmax output; squared error with any output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.errors import ParseError, Words
from ..core.parsing import char_name
from .parse import foreign_letter, number_name

HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")
OUTPUTS = ("identity", "sigmoid", "softmax")
LOSSES = ("mse", "ce")

# Each kind of loss in the matrix engine's syntax ({m}: the output's size), for both backprop forms
LOSS_TEXT = {
    "mse": "norm2(z - t)**2/2",
    "binary": "-sum(hadamard(t, log(z)) + hadamard(ones({m}, 1) - t, log(ones({m}, 1) - z)))",
    "categorical": "-t.T*log(z)",
}
_MSE_NAME = "squared error ½‖z − t‖²"

# (output, loss) → the loss's name; a pair not here is refused
PAIRS = {
    ("identity", "mse"): _MSE_NAME,
    ("sigmoid", "mse"): _MSE_NAME,
    ("softmax", "mse"): _MSE_NAME,
    ("sigmoid", "ce"): "binary cross-entropy −Σᵢ [tᵢ ln zᵢ + (1 − tᵢ) ln(1 − zᵢ)]",
    ("softmax", "ce"): "categorical cross-entropy −Σᵢ tᵢ ln zᵢ",
}

MAX_LAYERS = 16


def output_hint(activation: str) -> str:
    """For an output function given as an activation (softmax couples a layer's entries, so it is never a
    hidden activation): where it goes instead. "" for any other name."""
    name = activation.strip().lower()
    if name in OUTPUTS and name not in HIDDEN_ACTIVATIONS:
        return f" {name} is a network's output function: use --layers … --output {name}"
    return ""

# which cross-entropy an output's ce loss is (PAIRS refuses the other outputs)
_CROSS_ENTROPY = {"sigmoid": "binary", "softmax": "categorical"}

# Names the network uses for its own symbols (x, t, z, L, W1, b1, y1, a1, δ1, ...): a size can't be one.
_RESERVED = re.compile(r"(x|y|z|t|W|b|L|a|delta|[Wbya]\d+|delta\d+)")


@dataclass(frozen=True)
class Network:
    """sizes = (N0, N1, …, NL): N0 the input's size, NL the output's; each an int or a name.
    activations = (σ_1, …, σ_{L−1}), one per hidden layer; output = σ_L; loss ∈ LOSSES."""

    sizes: tuple
    activations: tuple
    output: str
    loss: str

    @property
    def depth(self) -> int:
        """L, the number of layers with weights."""
        return len(self.sizes) - 1

    def activation(self, layer: int) -> str:
        """σ_l for 1 ≤ l ≤ L."""
        return self.output if layer == self.depth else self.activations[layer - 1]

    @property
    def loss_name(self) -> str:
        return PAIRS[(self.output, self.loss)]

    @property
    def cross_entropy(self) -> str | None:
        """"binary" (sigmoid output) or "categorical" (softmax output) for the ce loss, else None."""
        return _CROSS_ENTROPY[self.output] if self.loss == "ce" else None

    @property
    def loss_text(self) -> str:
        """L in the matrix engine's syntax."""
        return LOSS_TEXT[self.cross_entropy or "mse"].format(m=self.sizes[-1])


def parse_size(text: str, name: str = "a size") -> int | str:
    """A layer's size as written: a number from 1 to 9999, or a name starting with a letter (n,
    hidden) that is none of the network's symbols; a ParseError that names it as `name` otherwise."""
    value = text.strip()
    whole = re.fullmatch(r"([1-9][0-9]{0,3})(?:\.0*)?", value)  # 3.0 is the whole number 3
    if whole:
        return int(whole[1])
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", value) and not _RESERVED.fullmatch(value) and not number_name(value):
        return value
    if (letter := foreign_letter(value)) is not None:
        raise ParseError(Words("error.network.size.letter", name=name, value=repr(value), letter=repr(letter),
                               char=char_name(letter)))
    if _RESERVED.fullmatch(value):
        raise ParseError(Words("error.network.size.reserved", name=name, value=repr(value)))
    if number_name(value):
        raise ParseError(Words("error.network.size.number", name=name, value=repr(value)))
    raise ParseError(Words("error.network.size", name=name, value=repr(value)))


def _layer_size(text: str, index: int, layers: str) -> int | str:
    """Size `index` of `--layers` (0 the input's), or a ParseError that names the option, the whole
    value, which size (counted from 1) and whose layer it is: "--layers size 0" read as a size of 0."""
    try:
        return parse_size(text)
    except ParseError as exc:
        count = len(layers.split(","))
        role = (Words("error.network.role.input") if index == 0 else Words("error.network.role.output")
                if index == count - 1 else Words("error.network.role.hidden", k=index))
        key = getattr(exc.message, "key", None)
        kind = {"error.network.size.reserved": ".reserved", "error.network.size.number": ".number",
                "error.network.size.letter": ".letter"}.get(key, "")
        letter = exc.message.values.get("letter") if kind == ".letter" else None
        extra = {"letter": letter, "char": exc.message.values["char"]} if letter else {}
        raise ParseError(Words("error.network.layers.size" + kind, option="--layers",
                               layers=layers.strip(), n=index + 1, count=count, role=role,
                               value=repr(text.strip()), **extra)) from None


def check_pair(output: str, loss: str) -> None:
    """A ParseError unless `output` and `loss` are known and go together, naming the pairs that do."""
    if output not in OUTPUTS:
        raise ParseError(Words("error.backprop.output", output=repr(output), choices=", ".join(OUTPUTS)))
    if loss not in LOSSES:
        raise ParseError(Words("error.backprop.loss", loss=repr(loss), choices=", ".join(LOSSES)))
    if (output, loss) not in PAIRS:
        raise ParseError(Words("error.backprop.pair", loss=f"--loss {loss}", output=f"--output {output}",
                               binary="--output sigmoid --loss ce", categorical="--output softmax --loss ce",
                               mse="--loss mse"))


def parse_network(layers: str, activation: str = "sigmoid", output: str = "sigmoid", loss: str = "mse") -> Network:
    """The network of `--layers N0,N1,…,NL --activation A[,A…] --output O --loss L`.

    layers: comma-separated sizes, at least two (input and output), at most MAX_LAYERS + 1.
    activation: one hidden activation for every hidden layer, or one per hidden layer (L − 1 of them);
    with one layer there is no hidden layer and it is not used.
    Raises ParseError naming the option and the value that is wrong.
    """
    parts = [p for p in layers.split(",")]
    if len(parts) < 2:
        raise ParseError(Words("error.network.layers.few", option="--layers", got=repr(layers.strip())))
    if len(parts) > MAX_LAYERS + 1:
        raise ParseError(Words("error.network.layers.many", option="--layers", most=MAX_LAYERS + 1, layers=MAX_LAYERS,
                               got=len(parts)))
    sizes = tuple(_layer_size(p, i, layers) for i, p in enumerate(parts))
    hidden = len(sizes) - 2
    names = [a.strip().lower() for a in activation.split(",")]
    for a in names:
        if a not in HIDDEN_ACTIVATIONS:
            raise ParseError(f"unknown activation {a!r}; choose from {', '.join(HIDDEN_ACTIVATIONS)}."
                             + output_hint(a))
    if len(names) == 1:
        names = names * hidden
    elif len(names) != hidden:
        raise ParseError(Words("error.network.activations.count" + (".one" if hidden == 1 else ""),
                               option="--activation", layers_option="--layers", layers=layers.strip(),
                               hidden=hidden, given=len(names)))
    output, loss = output.strip().lower(), loss.strip().lower()
    check_pair(output, loss)
    return Network(sizes, tuple(names), output, loss)


__all__ = ["Network", "LOSS_TEXT", "parse_network", "parse_size", "check_pair", "HIDDEN_ACTIVATIONS", "OUTPUTS", "LOSSES",
           "PAIRS", "MAX_LAYERS", "output_hint"]
