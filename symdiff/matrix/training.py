"""The numbers of backprop: one forward pass, every δ_l and gradient, and one gradient descent step.

`symdiff backprop --layers … --at FILE.json [--lr η]` derives the network symbolically
(`symdiff.matrix.backprop`) and, with values, works the same formulas on numbers here:

    y_l = W_l a_{l−1} + b_l,  a_l = σ_l(y_l),  a_0 = x,  z = a_L
    δ_L = ∂L/∂y_L,  δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ σ_l′(y_l)
    ∂L/∂W_l = δ_l a_{l−1}ᵀ,  ∂L/∂b_l = δ_l,  ∂L/∂x = W_1ᵀ δ_1
    W_l ← W_l − η ∂L/∂W_l,  b_l ← b_l − η ∂L/∂b_l

The activations' values and derivatives are the matrix engine's (`symdiff.matrix.table`), evaluated
by its `Evaluator`, so the numbers and the derivation cannot disagree about σ or σ′. mpmath does not
overflow, and the losses are computed from y_L (log-sum-exp, softplus), so a large y_L gives a large
loss rather than log(0).
"""

from __future__ import annotations

import decimal
import json
import math
import numbers
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import mpmath

from ..core.errors import InputTypeError, LimitError, MissingValue, UsageError, Words
from ..core.parsing import keys_once
from . import expr as E
from .network import Network, parse_network
from .numeric import Evaluator
from .table import lookup

DPS = 30
"""Digits the pass works at: far past what is printed, cheap enough for thousands of entries."""

MAX_BYTES = 1_000_000
"""Bytes of a values file or inline text: a network a person works by hand is a few hundred."""
MAX_ENTRIES = 5_000
"""Numbers in x, t and every W_l, b_l together (a 2-layer network of width 50): mpmath takes about a
second per 10⁴ entries for a pass and a step, and each halving of η is one more."""
MAX_DIGITS = 100
"""Characters of one number as written in the JSON (Python refuses to read an int of 4300 digits)."""
MAX_MAGNITUDE = 1e12
"""Largest |entry|: past it, a few layers take the values past what a float (the JSON record) holds."""
MAX_SIZE = 9999
"""Largest size a named size may be bound to, as a numeric --layers size."""
MAX_LR = 1e6
MAX_HALVINGS = 30
"""How many times η is halved looking for a step that lowers the loss (η/2³⁰ ≈ 10⁻⁹ η)."""
FLOAT_LIMIT = mpmath.mpf("1e300")
SUM_TOLERANCE = mpmath.mpf("1e-12")


class ValuesFileError(UsageError):
    """The values file cannot be read (not there, a directory, not allowed, not UTF-8). A usage error;
    `unreadable` lets the CLI give it the exit status of input that could not be read (4)."""

    unreadable = True


# ---------------------------------------------------------------- reading the values


def value_names(network: Network) -> list[str]:
    """The names the values must have, in the order a person writes them."""
    names = ["x", "t"]
    for layer in range(1, network.depth + 1):
        names += [f"W{layer}", f"b{layer}"]
    return names


def _expected_shapes(network: Network) -> dict[str, tuple]:
    sizes = network.sizes
    out = {"x": (sizes[0], 1), "t": (sizes[-1], 1)}
    for layer in range(1, network.depth + 1):
        out[f"W{layer}"] = (sizes[layer], sizes[layer - 1])
        out[f"b{layer}"] = (sizes[layer], 1)
    return out


def _dims(shape: tuple) -> str:
    return f"{shape[0]}×{shape[1]}"


class _Refused(Exception):
    """A number the JSON reader refuses while reading (NaN, Infinity, a thousand digits)."""

    def __init__(self, error):
        self.error = error


def _constant(text: str):
    # a float, so that the entry's check names where it is (x[2] is nan)
    return float(text)


_no_duplicates = keys_once(lambda key: _Refused(UsageError(Words("error.values.twice", option="--at", name=str(key)))))


def _int(text: str):
    if len(text) > MAX_DIGITS:
        raise _Refused(LimitError(Words("error.values.digits", option="--at", count=len(text), limit=MAX_DIGITS)))
    return int(text)


def _float(text: str):
    if len(text) > MAX_DIGITS:
        raise _Refused(LimitError(Words("error.values.characters", option="--at", count=len(text),
                                        limit=MAX_DIGITS)))
    return float(text)


def _read_text(source) -> tuple[str, bool]:
    """(the JSON text, whether it was given inline)."""
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="replace")
    if isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        if len(source.encode("utf-8", errors="replace")) > MAX_BYTES:
            raise LimitError(f"--at text is over {MAX_BYTES} bytes; a network's values fit in far less")
        return source, True
    if not isinstance(source, (str, os.PathLike)):
        raise InputTypeError(f"values are a JSON file's path, JSON text or a mapping of names to lists, "
                             f"not {type(source).__name__}")
    path = os.fspath(source)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not path.strip():
        raise UsageError("--at needs a JSON file or JSON text such as "
                         "'{\"x\": [1, 2], \"t\": [0, 1], \"W1\": [[1, 0], [0, 1]], \"b1\": [0, 0]}'")
    if path.strip() == "-":
        raise UsageError("--at - would be standard input, which --at does not read: give a JSON file, JSON text, "
                         "or from a pipe --at /dev/stdin")
    try:
        data = _read_file(path)
    except FileNotFoundError:
        raise ValuesFileError(Words("error.values.no_file", option="--at", path=repr(path))) from None
    except IsADirectoryError:
        raise ValuesFileError(Words("error.values.directory", option="--at", path=repr(path))) from None
    except PermissionError:
        raise ValuesFileError(f"--at: {path!r} cannot be read (permission denied)") from None
    except OSError as exc:
        raise ValuesFileError(f"--at: {path!r} cannot be read ({exc.strerror or exc})") from None
    # Read, but holding no values or not text: bad values, a usage error (exit 2) as for a file that is
    # not JSON; only a file that cannot be read at all is input that could not be read (exit 4).
    if not data.strip():
        raise UsageError(Words("error.values.empty_file", option="--at", path=repr(path)))
    if len(data) > MAX_BYTES:
        raise LimitError(f"--at file {path!r} is over {MAX_BYTES} bytes; a network's values fit in far less")
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError as exc:
        raise UsageError(f"--at file {path!r} is not UTF-8 text (byte {exc.start + 1})") from None


def _read_file(path: str) -> bytes:
    """Up to MAX_BYTES + 1 bytes of the file. Opened without blocking, so that a FIFO nobody writes to
    reads as empty instead of waiting forever; then read blocking, so that a pipe with a writer
    (/dev/stdin) is read to its end."""
    import fcntl
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise IsADirectoryError(path)
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _parse_json(text: str, inline: bool, where: str):
    try:
        return json.loads(text, parse_constant=_constant, parse_int=_int, parse_float=_float,
                          object_pairs_hook=_no_duplicates)
    except _Refused as refused:
        raise refused.error from None
    except json.JSONDecodeError as exc:
        error = UsageError(Words("error.values.json", where=where, reason=exc.msg, line=exc.lineno, column=exc.colno),
                           column=exc.pos + 1 if inline and "\n" not in text else None)
        raise error from None
    except RecursionError:
        raise LimitError(Words("error.values.deep", where=where)) from None


def _shown(value) -> str:
    """A value as JSON, cut short (a mapping from Python may hold what JSON cannot write)."""
    try:
        text = json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _number(value, name: str, where: str) -> mpmath.mpf:
    # bool is an int to Python, never a weight to a person; Decimal is a number to a person, not to numbers.Real
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, decimal.Decimal)):
        raise UsageError(Words("error.values.not_number", name=name, at=where, value=_shown(value)))
    try:
        if isinstance(value, numbers.Integral):
            value = int(value)
            if abs(value) > MAX_MAGNITUDE:
                raise LimitError(Words("error.values.over", name=name, at=where, limit=f"{MAX_MAGNITUDE:g}"))
            return mpmath.mpf(value)
        value = float(value)
    except OverflowError:  # Fraction(10**400), Decimal('1e400') is inf rather
        raise LimitError(Words("error.values.over", name=name, at=where, limit=f"{MAX_MAGNITUDE:g}")) from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise UsageError(Words("error.values.unreadable", name=name, at=where, value=_shown(value),
                               reason=str(exc))) from None
    if not math.isfinite(value):
        raise UsageError(Words("error.values.not_finite", name=name, at=where, value=str(value)))
    if abs(value) > MAX_MAGNITUDE:  # repr: the shortest digits that tell it from the limit
        raise LimitError(Words("error.values.too_large", name=name, at=where, value=repr(value),
                               limit=f"{MAX_MAGNITUDE:g}"))
    return mpmath.mpf(value)


def _listed(value):
    """A list or tuple as a list (a tuple is a list to a person writing Python); None for anything else."""
    return list(value) if isinstance(value, (list, tuple)) else None


def _matrix(value, name: str, vector: bool, shape: tuple | None = None) -> list[list]:
    """The rows of `value`: a vector as a flat list or a list of one-entry rows, a matrix as a list of
    rows. Entries are checked later, once the shape is known to be right."""
    example = Words("error.values.example.vector" if vector else "error.values.example.matrix")
    listed = _listed(value)
    if listed is None:
        # isinstance only: an object's own == (a numpy array's) is never asked
        if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
            raise InputTypeError(f"{name} is a {type(value).__module__}.{type(value).__name__}, not a list: "
                                 f"write it as {example} (its .tolist() may give one)")
        raise UsageError(Words("error.values.not_list", name=name, value=_shown(value), example=example))
    if not listed:
        raise UsageError(Words("error.values.empty", name=name, example=example))
    rows = [_listed(v) for v in listed]
    if vector and all(r is None for r in rows):
        return [[v] for v in listed]
    if all(r is None for r in rows):
        want = f" {_dims(shape)}" if shape is not None else ""
        raise UsageError(Words("error.values.flat", name=name, of_shape=want, count=len(listed)))
    if any(r is None for r in rows):
        raise UsageError(Words("error.values.mixed", name=name, example=example))
    width = len(rows[0])
    for i, row in enumerate(rows, 1):
        if not row:
            raise UsageError(Words("error.values.row.empty", row=i, name=name, example=example))
        if len(row) != width:
            raise UsageError(Words("error.values.row.length", row=i, name=name, length=len(row), width=width))
    return rows


class Values(NamedTuple):
    """What load_values read: the matrices by name, and the number each named size stands for."""

    values: dict
    sizes: dict


def _one_layer_names(data: dict, network) -> dict:
    """W and b, the one-layer network's own names (y = Wx + b), as W1 and b1: a network of one layer has
    no other layer to tell its weights from. Both names at once stay an error (an extra value)."""
    if network.depth != 1:
        return data
    out = dict(data)
    for plain, numbered in (("W", "W1"), ("b", "b1")):
        if plain in out and numbered not in out:
            out[numbered] = out.pop(plain)
    return out


def load_values(source, network: Network) -> Values:
    """x, t and every W_l, b_l for `network`, and the number each named size stands for.

    source: a JSON file's path, JSON text (starting with `{`), or an already read mapping. Vectors are
    flat lists or lists of one-entry rows, matrices lists of rows; numbers are JSON numbers (from
    Python, a tuple is a list and an int, float, Fraction or Decimal a number). A name given twice
    in JSON is refused; a FIFO is opened without blocking, so one with no writer reads as empty.
    Errors (all `SymdiffError`s, none a traceback): `MissingValue` (domain, a usage error) for a value
    the network needs, naming every one; `UsageError` (syntax, usage) for a name it does not have, a
    wrong shape (expected and got), an entry that is not a finite number, text that is not JSON (with
    its line and column); `ValuesFileError` (a `UsageError` with `unreadable`) for a file that cannot
    be read; `LimitError` (limit) past `MAX_BYTES`, `MAX_ENTRIES`, `MAX_DIGITS`, `MAX_MAGNITUDE`.
    """
    if isinstance(source, Mapping):
        data, where = dict(source), Words("error.values.where.mapping")
    else:
        text, inline = _read_text(source)
        where = (Words("error.values.where.text", option="--at") if inline
                 else Words("error.values.where.file", option="--at", path=repr(os.fspath(source))))
        data = _parse_json(text, inline, where)
    if not isinstance(data, dict):
        raise UsageError(Words("error.values.object", where=where,
                               example='{"x": [1, 2], "t": [0, 1], "W1": [[1, 0], [0, 1]], "b1": [0, 0]}'))
    data = _one_layer_names(data, network)
    data = _one_layer_names(data, network)
    needed = value_names(network)
    expected = _expected_shapes(network)
    for key in data:
        if not isinstance(key, str):
            raise InputTypeError(f"the values' names are strings such as \"x\" and \"W1\", not {_shown(key)} "
                                 f"({type(key).__name__})")
    missing = [n for n in needed if n not in data]
    extra = [str(n) for n in data if n not in needed]
    layers = ",".join(str(s) for s in network.sizes)
    if missing:
        # "w1" for W1, "B1" for b1, "X" for x: names are case-sensitive, and a wrong case is the usual slip
        cased = {n.lower(): n for n in needed}
        slips = None
        for key in data:
            if key not in needed and key.lower() in cased and cased[key.lower()] in missing:
                said = Words("error.values.slip", typed=repr(key), name=cased[key.lower()])
                slips = said if slips is None else Words("error.values.list", head=slips, tail=said)
        raise MissingValue(Words("error.values.missing" + (".case" if slips else ""), option="--at",
                                 missing=", ".join(missing), layers_option="--layers", layers=layers,
                                 needed=", ".join(needed), slips=slips or ""))
    if extra:
        raise UsageError(Words("error.values.extra", option="--at", extra=", ".join(repr(n) for n in extra[:10]),
                               layers_option="--layers", layers=layers, needed=", ".join(needed)))
    rows = {}
    count = 0
    for name in needed:
        rows[name] = _matrix(data[name], name, not name.startswith("W"), expected[name])
        count += len(rows[name]) * len(rows[name][0])
        if count > MAX_ENTRIES:
            raise LimitError(f"--at has over {MAX_ENTRIES} numbers; a network worked by hand has far fewer")
    sizes: dict[str, int] = {}
    bound_by: dict[str, str] = {}
    for name in needed:
        got = (len(rows[name]), len(rows[name][0]))
        want = expected[name]
        for axis, (dim, n) in enumerate(zip(want, got)):
            if isinstance(dim, str) and dim not in sizes:
                if n > MAX_SIZE:
                    raise LimitError(f"{name} makes {dim} = {n}; sizes are at most {MAX_SIZE}")
                sizes[dim], bound_by[dim] = n, name
        concrete = tuple(sizes[d] if isinstance(d, str) else d for d in want)
        if concrete != got:
            named = [d for d in want if isinstance(d, str)]
            why = None
            for d in dict.fromkeys(named):
                said = Words("error.values.size_from", size=d, n=sizes[d], name=bound_by[d])
                why = said if why is None else Words("error.values.list", head=why, tail=said)
            form = f"{_dims(want)} = {_dims(concrete)}" if named else _dims(concrete)
            raise UsageError(Words("error.values.shape" + (".why" if why else ""), name=name, form=form, why=why,
                                   got=_dims(got)))
    values = {}
    for name in needed:
        m = mpmath.matrix(len(rows[name]), len(rows[name][0]))
        vector = not name.startswith("W")
        for i, row in enumerate(rows[name]):
            for j, v in enumerate(row):
                where_entry = f"[{i + 1}]" if vector else f"[{i + 1}][{j + 1}]"
                m[i, j] = _number(v, name, where_entry)
        values[name] = m
    return Values(values, sizes)


# ---------------------------------------------------------------- the pass


def _activate(name: str, y: mpmath.matrix) -> mpmath.matrix:
    if name == "identity":
        return y.copy()
    return lookup(name).evaluate(None, y)


def _entrywise(name: str) -> bool:
    """Whether σ acts entry by entry, so that its Jacobian is diag(σ′(y)): the table gives such a
    function its f′ (softmax, which mixes the entries, has none)."""
    return name == "identity" or lookup(name).derivative is not None


def _derivative(name: str, y: mpmath.matrix) -> mpmath.matrix:
    """σ′(y) entry by entry, from the engine's own f′ node (relu′(0) = step(0) = 0)."""
    if name == "identity":
        return mpmath.ones(y.rows, 1)
    node = lookup(name).derivative(E.Sym("y", (y.rows, 1)))
    return Evaluator({"y": y}, {})(node)


def _softplus(v):
    """log(1 + eᵛ), which stays accurate for v far below 0 and cannot overflow in mpmath."""
    return mpmath.log1p(mpmath.exp(v)) if v < 0 else v + mpmath.log1p(mpmath.exp(-v))


def _column(m: mpmath.matrix) -> list:
    return [m[i, 0] for i in range(m.rows)]


def _loss(network: Network, y: mpmath.matrix, z: mpmath.matrix, t: mpmath.matrix):
    if network.loss == "mse":
        return sum(((zi - ti) ** 2 for zi, ti in zip(_column(z), _column(t))), mpmath.mpf(0)) / 2
    if network.cross_entropy == "binary":  # −t log σ(y) − (1 − t) log(1 − σ(y)) = t·softplus(−y) + (1 − t)·softplus(y)
        return sum((ti * _softplus(-yi) + (1 - ti) * _softplus(yi) for yi, ti in zip(_column(y), _column(t))),
                   mpmath.mpf(0))
    # −log z_i = log Σ_j exp(y_j) − y_i = (top − y_i) + log(1 + Σ_{j≠k} exp(y_j − top)), k the largest:
    # log1p keeps a loss of 4e-32 (a confident right answer) from rounding to 0 as log(1 + 4e-32) would
    ys = _column(y)
    k = max(range(len(ys)), key=lambda i: ys[i])
    rest = mpmath.log1p(sum((mpmath.exp(v - ys[k]) for i, v in enumerate(ys) if i != k), mpmath.mpf(0)))
    return sum((ti * (ys[k] - yi + rest) for yi, ti in zip(ys, _column(t))), mpmath.mpf(0))


class _Matrix(list):
    """An mpmath matrix as its rows, for pickling (mpmath's matrix class cannot be pickled)."""


def _to_state(value):
    if isinstance(value, mpmath.matrix):
        return _Matrix(value.tolist())
    if isinstance(value, list):
        return [_to_state(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_state(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_to_state(v) for v in value)
    return value


def _from_state(value):
    if isinstance(value, _Matrix):
        return mpmath.matrix(list(value))
    if isinstance(value, list):
        return [_from_state(v) for v in value]
    if isinstance(value, dict):
        return {k: _from_state(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_from_state(v) for v in value)
    return value


class _Picklable:
    """Worker processes send results back pickled."""

    def __getstate__(self):
        return {k: _to_state(v) for k, v in self.__dict__.items()}

    def __setstate__(self, state):
        self.__dict__.update({k: _from_state(v) for k, v in state.items()})


@dataclass
class Forward(_Picklable):
    ys: list  # y_1 … y_L
    activations: list  # a_0 = x, a_1 … a_L = z
    loss: object


def forward(network: Network, values: dict) -> Forward:
    """y_l, a_l and the loss for the values (x, t, W_l, b_l)."""
    with mpmath.workdps(DPS):
        a = values["x"]
        ys, activations = [], [a]
        for layer in range(1, network.depth + 1):
            y = values[f"W{layer}"] * a + values[f"b{layer}"]
            a = _activate(network.activation(layer), y)
            ys.append(y)
            activations.append(a)
        return Forward(ys, activations, _loss(network, ys[-1], a, values["t"]))


def loss_of(network: Network, values: dict):
    """The loss alone: what finite differences and the step's line search call."""
    return forward(network, values).loss


@dataclass
class Note:
    kind: str  # "t_not_normalised", "t_outside_unit", "loss_up", "loss_up_none", "zero_gradient", "corner",
    # "overshoot"
    values: dict = field(default_factory=dict)
    variant: str = ""  # another wording of the same kind (loss_up_none at a corner: "corner")

    def message(self, lang: str | None = None) -> str:
        from .messages import training_message

        key = f"training.note.{self.kind}" + (f".{self.variant}" if self.variant else "")
        return training_message(key, lang, **self.values)


@dataclass
class Update(_Picklable):
    lr: float
    weights: dict  # "W1", "b1", … after the step
    loss_after: object
    went_down: bool
    tried: list = field(default_factory=list)  # (η, loss) for each halving tried, in order
    suggested_lr: float | None = None  # the first halving that lowers the loss, when lr does not


@dataclass
class NumericPass(_Picklable):
    network: Network
    sizes: dict  # each named size → its number
    values: dict  # x, t, W_l, b_l
    ys: list  # y_1 … y_L
    activations: list  # a_0 = x … a_L = z
    loss: object
    deltas: list  # δ_1 … δ_L
    grad_W: list  # ∂L/∂W_1 … ∂L/∂W_L
    grad_b: list
    grad_x: object
    update: Update | None = None
    notes: list = field(default_factory=list)
    # for each hidden layer l (index l − 1): W_{l+1}ᵀδ_{l+1} and σ_l′(y_l), whose ⊙ is δ_l
    backs: list = field(default_factory=list)
    slopes: list = field(default_factory=list)

    @property
    def output(self):
        return self.activations[-1]

    def to_dict(self, lang: str = "en") -> dict:
        """Plain Python data, as every result's `to_dict` gives: the `numeric` value of the JSON record."""
        return self.record(lang)

    def record(self, lang: str = "en") -> dict:
        """The `"numeric"` value of backprop's JSON record: lists from the output layer back, numbers as
        floats."""
        depth = self.network.depth
        out = {
            "loss": float(self.loss),
            "output": _vector(self.output),
            "forward": [{"layer": l, "y": _vector(self.ys[l - 1]), "a": _vector(self.activations[l])}
                        for l in range(depth, 0, -1)],
            "deltas": [{"layer": l, "delta": _vector(self.deltas[l - 1])} for l in range(depth, 0, -1)],
            "gradients": [{"layer": l, "W": _rows(self.grad_W[l - 1]), "b": _vector(self.grad_b[l - 1])}
                          for l in range(depth, 0, -1)],
            "gradient_x": _vector(self.grad_x),
            "update": None,
        }
        if self.sizes:
            out["sizes"] = dict(self.sizes)
        if self.update is not None:
            u = self.update
            out["update"] = {
                "lr": u.lr, "loss_after": float(u.loss_after), "went_down": u.went_down,
                "weights": [{"layer": l, "W": _rows(u.weights[f"W{l}"]), "b": _vector(u.weights[f"b{l}"])}
                            for l in range(depth, 0, -1)],
            }
            if not u.went_down:
                out["update"]["suggested_lr"] = u.suggested_lr
                out["update"]["tried"] = [{"lr": lr, "loss_after": float(v)} for lr, v in u.tried]
        if self.notes:
            out["notes"] = [{"kind": n.kind, "message": n.message(lang)} for n in self.notes]
        return out


def _vector(m: mpmath.matrix) -> list[float]:
    return [float(m[i, 0]) for i in range(m.rows)]


def _rows(m: mpmath.matrix) -> list[list[float]]:
    return [[float(m[i, j]) for j in range(m.cols)] for i in range(m.rows)]


def _hadamard(a: mpmath.matrix, b: mpmath.matrix) -> mpmath.matrix:
    out = mpmath.matrix(a.rows, a.cols)
    for i in range(a.rows):
        for j in range(a.cols):
            out[i, j] = a[i, j] * b[i, j]
    return out


def _subscript(number: int) -> str:
    """δ₂ as the derivation writes it: a note's words name δ by its layer."""
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _output_delta(network: Network, y, z, t) -> tuple[mpmath.matrix, list[Note]]:
    """δ_L = ∂L/∂y_L."""
    if network.cross_entropy == "binary":
        return z - t, []
    if network.cross_entropy == "categorical":  # softmax: (diag(z) − zzᵀ)(−t ⊘ z) = z·(1ᵀt) − t, which is z − t when 1ᵀt = 1
        total = sum(_column(t), mpmath.mpf(0))
        notes = [] if abs(total - 1) <= SUM_TOLERANCE else [Note("t_not_normalised", {"total": _short(total),
                                                                              "layer": _subscript(network.depth)})]
        return z * total - t, notes
    gradient = z - t  # ∂L/∂z of ½‖z − t‖²
    if not _entrywise(network.output):  # softmax: its Jacobian diag(z) − zzᵀ is symmetric, δ = z ⊙ g − z·(zᵀg)
        inner = sum((zi * gi for zi, gi in zip(_column(z), _column(gradient))), mpmath.mpf(0))
        return _hadamard(z, gradient) - z * inner, []
    return _hadamard(gradient, _derivative(network.output, y)), []


def _short(v) -> str:
    text = mpmath.nstr(v, 6)
    return text[:-2] if text.endswith(".0") else text  # 0, not 0.0: a corner at 0 reads as a whole number


MIN_LR = sys.float_info.min
"""Smallest η: the smallest normal float (2.2e-308); below it a float keeps fewer digits than it shows."""


def check_lr(lr) -> float:
    """η as a float: a UsageError unless a finite number > 0, a LimitError past MAX_LR or below MIN_LR.
    An int, float, Fraction or Decimal (an int too large for a float is past MAX_LR, not an OverflowError)."""
    if isinstance(lr, bool) or not isinstance(lr, (numbers.Real, decimal.Decimal)):
        raise UsageError(Words("error.lr.not_number", option="--lr", value=_shown(lr)))
    if isinstance(lr, numbers.Integral) and abs(int(lr)) > MAX_LR:
        raise LimitError(Words("error.lr.over.huge", option="--lr", limit=f"{MAX_LR:g}"))
    try:
        rate = float(lr)
    except OverflowError:  # Fraction(10**400)
        raise LimitError(Words("error.lr.over.huge", option="--lr", limit=f"{MAX_LR:g}")) from None
    except (TypeError, ValueError, ArithmeticError):
        raise UsageError(Words("error.lr.not_number", option="--lr", value=_shown(lr))) from None
    if not math.isfinite(rate):
        raise UsageError(Words("error.lr.not_finite", option="--lr", value=str(rate)))
    if rate <= 0:
        raise UsageError(Words("error.lr.not_positive", option="--lr", value=f"{rate:g}"))
    if rate > MAX_LR:
        raise LimitError(Words("error.lr.over", option="--lr", value=f"{rate:g}", limit=f"{MAX_LR:g}"))
    if rate < MIN_LR:
        raise LimitError(Words("error.lr.under", option="--lr", value=str(lr), limit=f"{MIN_LR:.3g}"))
    return rate


def _fits_floats(p: NumericPass) -> None:
    from ..core.errors import DomainError

    def check(what: str, m) -> None:
        entries = [m] if isinstance(m, mpmath.mpf) else [m[i, j] for i in range(m.rows) for j in range(m.cols)]
        if any(abs(v) > FLOAT_LIMIT for v in entries):
            raise DomainError(f"{what} grows past 1e300, more than a float holds: give smaller values")

    check("the loss", p.loss)
    for l in range(1, p.network.depth + 1):
        check(f"y{l}", p.ys[l - 1])
        check(f"δ{l}", p.deltas[l - 1])
        check(f"∂L/∂W{l}", p.grad_W[l - 1])
    check("∂L/∂x", p.grad_x)


def _minus(m: mpmath.matrix, g: mpmath.matrix, eta) -> mpmath.matrix:
    # entry by entry: mpmath's own matrix − scalar·matrix is several times slower
    return mpmath.matrix([[a - eta * b for a, b in zip(row, grow)] for row, grow in zip(m.tolist(), g.tolist())])


def _stepped(network: Network, values: dict, p: NumericPass, lr) -> dict:
    out = dict(values)
    with mpmath.workdps(DPS):
        eta = mpmath.mpf(lr)
        for l in range(1, network.depth + 1):
            out[f"W{l}"] = _minus(values[f"W{l}"], p.grad_W[l - 1], eta)
            out[f"b{l}"] = _minus(values[f"b{l}"], p.grad_b[l - 1], eta)
    return out


# A step that moves some parameter by more than this many times its own largest entry (or 1, for small
# weights) has left the region where the gradient describes the loss: it overshoots.
OVERSHOOT = 10


def _overshoot(network: Network, values: dict, p: NumericPass, lr: float) -> list[Note]:
    """A note where the step is far larger than the weights it moves (η = 1e5 on weights of size 0.5): the
    loss after it is no sign of descent. Its loss may even look like 0, every output saturated on its target,
    which said "loss → 0: the loss went down" of a step that jumped across the whole loss surface."""
    def largest(m) -> mpmath.mpf:
        return max((abs(m[i, j]) for i in range(m.rows) for j in range(m.cols)), default=mpmath.mpf(0))

    with mpmath.workdps(DPS):
        eta = mpmath.mpf(lr)
        moves = [(eta * largest(g), largest(values[name]))
                 for l in range(1, network.depth + 1)
                 for name, g in ((f"W{l}", p.grad_W[l - 1]), (f"b{l}", p.grad_b[l - 1]))]
        change, size = max(moves, key=lambda m: m[0] / max(m[1], 1))
        if change <= OVERSHOOT * max(size, 1):
            return []
    return [Note("overshoot", {"lr": f"{lr:g}", "change": loss_text(change), "size": loss_text(size)})]


def loss_text(value) -> str:
    """A number as the numeric pass shows it, 6 significant digits; one too small for a float (a loss of
    4.8e-76235 after a huge step) keeps its exponent rather than reading 0."""
    if value != 0 and float(value) == 0:
        return mpmath.nstr(value, 6)
    text = f"{float(value):.6g}"
    return "0" if text in ("-0", "0") else text


def _step(network: Network, values: dict, p: NumericPass, lr: float) -> Update:
    weights = _stepped(network, values, p, lr)
    after = loss_of(network, weights)
    update = Update(lr, {k: v for k, v in weights.items() if k not in ("x", "t")}, after, after < p.loss)
    p.notes += _overshoot(network, values, p, lr)
    if update.went_down:
        return update
    zero = all(m[i, j] == 0 for m in (*p.grad_W, *p.grad_b) for i in range(m.rows) for j in range(m.cols))
    if zero:
        p.notes.append(Note("zero_gradient"))
        return update
    eta = lr
    for _ in range(MAX_HALVINGS):
        eta /= 2
        tried = loss_of(network, _stepped(network, values, p, eta))
        update.tried.append((eta, tried))
        if tried < p.loss:
            update.suggested_lr = eta
            break
    if update.suggested_lr is not None:
        p.notes.append(Note("loss_up", {"lr": f"{lr:g}", "suggested": f"{update.suggested_lr:g}"}))
    else:
        # a corner is named only where some σ′ has one at these values (the corner notes say where)
        corners = [n for n in p.notes if n.kind == "corner"]
        values = {"lr": f"{lr:g}", "halvings": MAX_HALVINGS, "smallest": f"{eta:g}"}
        if corners:
            values.update(fn=corners[0].values["fn"], layer=corners[0].values["layer"])
        p.notes.append(Note("loss_up_none", values, "corner" if corners else ""))
    return update


CORNER_STEP = mpmath.mpf("1e-20")


def _corners(fn: str, layer: int, y: mpmath.matrix, slope: mpmath.matrix) -> list[Note]:
    """A note for each entry of y_l where σ′ jumps (relu at 0): σ′ just left and right of it differ, so
    the derivative does not exist there and the numbers use the value the table gives (relu′(0) = 0,
    as PyTorch does). Found from σ′ itself, not from σ's name."""
    if fn == "identity":
        return []
    left = _derivative(fn, y - mpmath.ones(y.rows, 1) * CORNER_STEP)
    right = _derivative(fn, y + mpmath.ones(y.rows, 1) * CORNER_STEP)
    return [Note("corner", {"fn": fn, "layer": layer, "entry": i + 1, "value": _short(y[i, 0]),
                            "left": _short(left[i, 0]), "right": _short(right[i, 0]), "used": _short(slope[i, 0])})
            for i in range(y.rows) if abs(right[i, 0] - left[i, 0]) > mpmath.mpf("1e-6")]


def _targets_outside_unit(network: Network, t: mpmath.matrix) -> list[Note]:
    """Cross-entropy compares probabilities: a target outside [0, 1] makes a loss that can be negative
    and fall without the fit getting better."""
    if network.loss != "ce":
        return []
    outside = [f"t[{i + 1}] = {_short(t[i, 0])}" for i in range(t.rows) if not 0 <= t[i, 0] <= 1]
    return [Note("t_outside_unit", {"entries": ", ".join(outside)})] if outside else []


def numeric_pass(network: Network, values: dict, lr=None, sizes: dict | None = None) -> NumericPass:
    """Forward values, every δ_l and gradient, and with `lr` one gradient descent step.

    values: `load_values`'s first result (mpmath column vectors x, t, b_l; matrices W_l).
    lr: η > 0, or None for no step. A step that does not lower the loss is kept (it is what η does)
    with a note, and η is halved up to MAX_HALVINGS times to find one that does.
    """
    if lr is not None:
        lr = check_lr(lr)
    with mpmath.workdps(DPS):
        f = forward(network, values)
        depth = network.depth
        deltas = [None] * depth
        delta, notes = _output_delta(network, f.ys[-1], f.activations[-1], values["t"])
        deltas[-1] = delta
        backs, slopes = [None] * (depth - 1), [None] * (depth - 1)
        for l in range(depth - 1, 0, -1):
            backs[l - 1] = values[f"W{l + 1}"].T * deltas[l]
            slopes[l - 1] = _derivative(network.activation(l), f.ys[l - 1])
            deltas[l - 1] = _hadamard(backs[l - 1], slopes[l - 1])
            notes += _corners(network.activation(l), l, f.ys[l - 1], slopes[l - 1])
        grad_W = [deltas[l - 1] * f.activations[l - 1].T for l in range(1, depth + 1)]
        grad_b = [d.copy() for d in deltas]
        grad_x = values["W1"].T * deltas[0]
    notes += _targets_outside_unit(network, values["t"])
    p = NumericPass(network, dict(sizes or {}), values, f.ys, f.activations, f.loss, deltas, grad_W, grad_b,
                    grad_x, notes=list(notes), backs=backs, slopes=slopes)
    _fits_floats(p)
    if lr is not None:
        p.update = _step(network, values, p, lr)
        if p.update.loss_after > FLOAT_LIMIT:
            from ..core.errors import DomainError

            raise DomainError(f"after the step with --lr {lr:g} the loss grows past 1e300, more than a float "
                              f"holds: take a smaller --lr")
    return p


def train_step(layers: str, values, activation: str = "sigmoid", output: str = "sigmoid", loss: str = "mse",
               lr=None) -> NumericPass:
    """`symdiff backprop --layers LAYERS --at VALUES [--lr η]`'s numbers from Python.

    values: a JSON file's path, JSON text, or a mapping of names to (nested) lists of numbers.

    >>> p = train_step("2,2", {"x": [1, 2], "t": [0, 1], "W1": [[0.1, 0], [0, 0.1]], "b1": [0, 0]},
    ...                output="softmax", loss="ce", lr=0.5)
    >>> p.update.went_down
    True
    """
    network = parse_network(layers, activation, output, loss)
    numbers, sizes = load_values(values, network)
    return numeric_pass(network, numbers, lr, sizes)


__all__ = ["load_values", "numeric_pass", "train_step", "forward", "loss_of", "value_names", "NumericPass",
           "Update", "Note", "Forward", "ValuesFileError", "MAX_BYTES", "MAX_ENTRIES", "MAX_HALVINGS"]
