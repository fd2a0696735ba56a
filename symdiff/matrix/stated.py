"""The formulas the backprop explanations state, as slots of their sentences (`symdiff.matrix.messages`):
each a `Formula` in the network's own symbols (δ₂ = ∂L/∂y₂, ∂L/∂W₂ = δ₂a₁ᵀ), which each renderer
typesets in its own notation (`symdiff.core.written`)."""

from __future__ import annotations

import re

from ..core.written import Formula

# The same in every layer and network
_FIXED = {
    "transposed": "(∂z/∂y)ᵀ",
    "diagonal": "diag(g)·v = g ⊙ v",
    "cancel_diag": "diag(z)(t ⊘ z) = z ⊙ t ⊘ z = t",
    "cancel_sum": "zᵀ(t ⊘ z) = Σᵢ zᵢ·tᵢ/zᵢ = 𝟏ᵀt",
    "sums_to_one": "𝟏ᵀt = 1",
    "diag_g": "diag(g)",
    "g_is": "g = z ⊙ (𝟏 − z)",
    "cancel_z": "z ⊙ (𝟏 − z) ⊘ (𝟏 − z) = z",
    "cancel_one": "z ⊙ (𝟏 − z) ⊘ z = 𝟏 − z",
    "collected": "z − t ⊙ z − t + t ⊙ z",
    "result_any": "δ = z − t",
    "general": "δ = (𝟏ᵀt)z − t",
    "read": "dL = ⟨G, dX⟩",
    "read_gives": "∂L/∂X = G",
}


def fixed() -> dict[str, Formula]:
    return {k: Formula(v) for k, v in _FIXED.items()}


# The letters of the formulas a layer's explanation states that are no symbol of the network (G a gradient, X
# what it is the gradient by, g and v columns): renamed as the rules' letters are, away from the network's own
# (dL = ⟨G, dX⟩ beside the input x read X as x)
_GENERIC = {"diagonal": "gv", "diag_g": "g", "read": "GX", "read_gives": "GX"}


def problem_letters(shapes: dict) -> dict[str, str]:
    """`letters` of a problem whose symbols have `shapes` (a network's, with its loss L): its names and the
    names of its sizes."""
    names = set(shapes) | {str(size) for shape in shapes.values() for size in shape if isinstance(size, str)}
    return letters(names)


def generic(slots: dict, mapping: dict[str, str], keys: dict[str, str] = _GENERIC) -> dict:
    """`slots` with the letters `keys` names in each of its formulas renamed by `mapping`, and only those:
    the network's own symbols in the same formula (the loss L of dL) keep their names."""
    out = dict(slots)
    for key, chars in keys.items():
        if isinstance(out.get(key), Formula):
            only = {c: mapping[c] for c in chars if c in mapping}
            out[key] = Formula(rename(out[key].text, only), **out[key].nodes)
    return out


def assumption(delta: str) -> dict[str, Formula]:
    """The slots of the note on 𝟏ᵀt = 1, δ the output layer's by its own name (δ₂)."""
    return fixed() | {"result_any": Formula(f"{delta} = z − t"), "general": Formula(f"{delta} = (𝟏ᵀt)z − t")}


def layer(key: str, n: dict[str, str]) -> dict[str, Formula]:
    """The formulas of a layer's explanation `key`, `n` the symbols' Unicode names (delta, y, W, b, a, a_l,
    fn, rows, cols, and for a hidden layer's chain rule delta_next, y_next) and `entrywise`, the activation's
    derivative entry by entry as its diagonal Jacobian writes it (a₁ ⊙ (𝟏 − a₁))."""
    d, y, W, b, a = n["delta"], n["y"], n["W"], n["b"], n["a"]
    out = fixed()
    # the output layer's δ and y by their own names (δ₂, y₂), never a bare δ or y for the same quantity
    out.update(result=Formula(f"{d} = z − t"), result_any=Formula(f"{d} = z − t"),
               general=Formula(f"{d} = (𝟏ᵀt)z − t"), transposed=Formula(f"(∂z/∂{y})ᵀ"), jacobian=Formula(f"∂z/∂{y}"),
               symmetric=Formula(f"(∂z/∂{y})ᵀ = ∂z/∂{y}"))
    if key == "deep.da_dy.written":
        # what is written with a_l, and why (the forward pass has computed it); a_l by its name alone, as every
        # line after the forward pass writes it, not as σ(y_l) again
        out["derivative"] = Formula(f"{n['fn']}′({y}) = {n['entrywise']}")
        out["written"] = Formula(n["a_l"])
    elif key.startswith("deep.chain.output"):
        out["chain"] = Formula(f"{d} = ∂L/∂{y} = (∂z/∂{y})ᵀ·∂L/∂z")
    elif key == "deep.chain.hidden":
        dn = n["delta_next"]
        out["back"] = Formula(f"∂L/∂{a} = (∂{n['y_next']}/∂{a})ᵀ{dn} = {W}ᵀ{dn}")
        out["chain"] = Formula(f"{d} = ∂L/∂{y} = (∂{a}/∂{y})ᵀ·∂L/∂{a}")  # δ defined where the words first use it
    elif key == "deep.hidden.simplified":
        out["hidden_delta"] = Formula(f"{d} = {n['fn']}′({y}) ⊙ ({W}ᵀ{n['delta_next']})")
    elif key.startswith("deep.differential"):
        out.update(meaning=Formula(f"dL = {d}ᵀd{y}"), delta_is=Formula(f"{d} = ∂L/∂{y}"),
                   dy=Formula(f"d{y} = d{W}·{a} + d{b} + {W}·d{a}"), last=Formula(f"⟨{W}ᵀ{d}, d{a}⟩"),
                   carried=Formula(f"∂L/∂{a} = {W}ᵀ{d}"))
    elif key == "deep.grad_W":
        rows, cols = n["rows"], n["cols"]
        out.update(term=Formula(f"{d}ᵀ·d{W}·{a} = ⟨{d}{a}ᵀ, d{W}⟩"), gradient=Formula(f"∂L/∂{W} = {d}{a}ᵀ"),
                   size=Formula(f"({rows}×1)(1×{cols}) = {rows}×{cols}"))
    elif key == "deep.grad_b":
        out.update(term=Formula(f"{d}ᵀ·d{b} = ⟨{d}, d{b}⟩"), gradient=Formula(f"∂L/∂{b} = {d}"),
                   size=Formula(f"{n['rows']}×1"))
    elif key == "deep.grad_x":
        rows, cols = n["rows"], n["cols"]
        out.update(term=Formula(f"{d}ᵀ·{W}·dx = ⟨{W}ᵀ{d}, dx⟩"), gradient=Formula(f"∂L/∂x = {W}ᵀ{d}"),
                   size=Formula(f"({cols}×{rows})({rows}×1) = {cols}×1"))
    return out


# The loss as a textbook states it, a sum over the output's components, where the engine works with its vector
# form (−tᵀ log z, sums of ⊙ products); and ∂L/∂z component by component beside the vector form with ⊘.
_MSE = "½‖z − t‖² = ½Σᵢ (zᵢ − tᵢ)²"
# (loss, output function) → the loss, and ∂L/∂z by components, for cross-entropy's two kinds
_CROSS_ENTROPY = {("ce", "softmax"): ("−Σᵢ tᵢ ln zᵢ", "∂L/∂zᵢ = −tᵢ/zᵢ"),
                  ("ce", "sigmoid"): ("−Σᵢ [tᵢ ln zᵢ + (1 − tᵢ) ln(1 − zᵢ)]",
                                      # its terms in the order of the vector the row states, (𝟏 − t) ⊘ (𝟏 − z) − t ⊘ z
                                      "∂L/∂zᵢ = (1 − tᵢ)/(1 − zᵢ) − tᵢ/zᵢ")}


def loss(kind: str, output: str) -> Formula:
    """The right side of L = …: `kind` mse or ce, `output` the output layer's function (ln, as every
    human view writes the natural logarithm)."""
    written, _ = _CROSS_ENTROPY.get((kind, output), (_MSE, ""))
    return Formula(written)


def symbols(kind: str, output: str, depth: int | None = None) -> tuple[str, dict]:
    """The sentence, with its slots, that says what each symbol of the forward pass is, where the loss is
    stated: t above all, which the loss is the first to write (a one-hot target for softmax, 0/1 labels for a
    sigmoid, the values z should take for squared error). `depth` None: the one-layer form (W, b, y); a
    network of layers names layer l's (Wₗ, bₗ, yₗ, aₗ), or layer 1's where it is the only one."""
    target = "mse" if kind == "mse" else f"ce.{output}"
    slots = {name: Formula(name) for name in ("x", "z", "t", "L", "W", "b", "y")}
    key = "backprop.symbols"
    if depth == 1:
        slots.update(W=Formula("W₁"), b=Formula("b₁"), y=Formula("y₁"))
    elif depth is not None:
        key = "deep.symbols"
        slots.update(W=Formula("Wₗ"), b=Formula("bₗ"), y=Formula("yₗ"), a=Formula("aₗ"))
    from ..core.messages import CATALOGUES, EN, LANGUAGE

    words = CATALOGUES.get(LANGUAGE.get(), EN)
    # the target's words as written, ⟦z⟧ marked: the view's printer sets the z in them as it sets the slots
    return key, {**slots, "target": words[f"backprop.target.{target}"], "loss": words[f"deep.loss.{target}"]}


def sigmoid() -> dict[str, Formula]:
    """The slots of the sentence that names σ before the derivation uses it: what σ is, and σ′ in σ."""
    return {"sigma": Formula("σ"), "definition": Formula("σ(s) = 1/(1 + e⁻ˢ)"),
            "derivative": Formula("σ′ = σ(1 − σ)")}


def relu() -> dict[str, Formula]:
    """The slots of the sentence that defines step, relu's derivative, before a formula writes it: step is
    no function a student has met, and relu has no derivative at 0 (the engine and PyTorch take 0)."""
    return {"step": Formula("H(s)"), "derivative": Formula("relu′(s)"), "positive": Formula("s > 0"),
            "negative": Formula("s < 0"), "at_zero": Formula("relu′(0) = 0")}


# an activation whose derivative the formulas write with a name of its own → (catalogue key, its slots)
NAMED_DERIVATIVES = {"sigmoid": ("backprop.sigmoid", sigmoid), "relu": ("backprop.relu", relu)}


def loss_gradient(kind: str, output: str) -> dict[str, Formula]:
    """The slots of ∂L/∂z's explanation: its components ({} for squared error, whose gradient z − t has no
    quotient); what ⊘ means is said before the first row (`render.network._notation`)."""
    if (kind, output) not in _CROSS_ENTROPY:
        return {}
    return {"componentwise": Formula(_CROSS_ENTROPY[kind, output][1])}


# backprop without --layers: one layer, y = Wx + b, z = σ(y), written with m outputs and n inputs
_SINGLE = {
    "backprop.dy_dx": {"affine": "y = Wx + b"},
    "backprop.dy_db": {"affine": "y = Wx + b"},
    "backprop.chain": {"chain": "δ = ∂L/∂y = (∂z/∂y)ᵀ·∂L/∂z", "size": "({m}×{m})({m}×1) = {m}×1"},
    "backprop.grad_W": {"entry": "yᵢ = Σⱼ Wᵢⱼ·xⱼ + bᵢ", "entry_gradient": "∂L/∂Wᵢⱼ = δᵢ·xⱼ",
                        "gradient": "∂L/∂W = δxᵀ", "size": "({m}×1)(1×{n}) = {m}×{n}"},
    "backprop.grad_b": {"jacobian": "∂y/∂b = I", "gradient": "∂L/∂b = δ"},
    "backprop.grad_x": {"jacobian": "∂y/∂x = W", "gradient": "∂L/∂x = Wᵀδ"},
}


def single(key: str, m="m", n="n") -> dict[str, Formula]:
    """The slots of a one-layer note; its shape arithmetic in the sizes the rows print (2×3 when given,
    m×n when not), so that a note and the shape beside it agree."""
    out = fixed()
    out["result"] = Formula("δ = z − t")
    out.update({k: Formula(v.format(m=m, n=n)) for k, v in _SINGLE.get(key, {}).items()})
    return out


# ---------------------------------------------------------------- the matrix rules' formulas

_RULES = {
    "matrix.sum": "d(A + B) = dA + dB",
    "matrix.sum.some": "d(A + B) = dA + dB",
    "matrix.sum.some.many": "d(A + B) = dA + dB",
    "matrix.product": "d(XY) = (dX)Y + X(dY)",
    "matrix.product.some": "d(XY) = (dX)Y + X(dY)",
    "matrix.product.some.many": "d(XY) = (dX)Y + X(dY)",
    "matrix.power.scalar": "d(sⁿ) = n·sⁿ⁻¹·ds",
    "matrix.power.matrix": "d(Aⁿ) = Σᵢ Aⁱ·dA·Aⁿ⁻¹⁻ⁱ",
    "matrix.norm": "d‖A‖ = ⟨A, dA⟩/‖A‖",
    "matrix.norm.squared": "d(‖A‖²) = d⟨A, A⟩ = 2⟨A, dA⟩",
    "matrix.norm.1": "d‖A‖₁ = ⟨sign(A), dA⟩",
}
# the left side of the rules whose right side is the step's `identity` (differential.py)
_LEFT = {"matrix.transpose": "d(Aᵀ)", "matrix.trace": "d tr(A)", "matrix.entries": "d sum(A)",
         "matrix.diag": "d diag(A)", "matrix.det": "d det(A)", "matrix.det.log": "d ln det(A)",
         "matrix.inverse": "d(A⁻¹)", "matrix.softmax": "d softmax(u)", "matrix.hadamard": "d(A ⊙ B)"}


# The letters the rules' general formulas are written in, each with one role: A and B a rule's matrices, X and
# Y a product's factors, U an element-wise function's argument, s a scalar, n an exponent, G a gradient, D a
# divisor, K an entrywise factor, J a Jacobian, u and v columns, p a softmax's value, M, C, L, g and a in the
# read-off's moves. (A letter with two roles reads as one thing: G was the divisor of ⟨A, M ⊘ G⟩ and the factor
# of ⟨A, G ⊙ M⟩ beside the gradient of ⟨G, dX⟩, s a softmax's column beside relu′(s)'s scalar.) Where the
# problem uses one of them (a symbol, or a size: A ∈ ℝⁿˣⁿ beside Aⁿ), the rule takes a spare letter instead, so
# that a rule's A is never the problem's A. The spares are read aloud ending in a vowel in Korean (피, 큐, 브이,
# …), so a particle written after a letter in a table's words stays right whichever is chosen; n's spares have
# a superscript for sⁿ⁻¹. H is no spare: it is the unit step, relu′ = H.
_CANONICAL = "ABXYUGDKJMCLsuvpgan"
_SPARES = {"upper": "PQRSVZEF", "lower": "wqrhkc", "n": "krw"}
_PAIRS = ("AB", "XY")
_SPARE_PAIRS = ("PQ", "RS", "VZ", "EF")
_SUPER = dict(zip("nkprw", "ⁿᵏᵖʳʷ"))
# a run of letters outside a slot ({u}): a letter, a differential (dA), or a product of capitals (XY)
_RUN = re.compile(r"(?<![A-Za-z{])[A-Za-z]+(?![A-Za-z}])")
# a name read as one letter: b, b_2, b2 (a layer's), W_hidden
_NAMED = re.compile(r"([A-Za-z])(?:_?\d+|_\w+)?")


def letters(used) -> dict[str, str]:
    """Canonical letter → the letter a rule writes instead, for each canonical letter the problem uses.
    A letter is used in either case and under any subscript: d(A + B) = dA + dB beside the vector b (or b₂)
    reads as if B were b, and d(XY) beside x as if X were x."""
    used = {c for name in used for c in _base(name)}
    taken = used | set(_CANONICAL)
    out = {}
    # a rule's two letters move together, to two that read as a pair (d(P + Q), d(RS)), not d(RY)
    for pair in _PAIRS:
        if used & set(pair):
            spare = next((p for p in _SPARE_PAIRS if not taken & set(p)), None)
            if spare is not None:
                out.update(zip(pair, spare))
                taken |= set(spare)
    for c in _CANONICAL:
        if c not in used or c in out:
            continue
        pool = _SPARES["n" if c == "n" else "upper" if c.isupper() else "lower"]
        spare = next((p for p in pool if p not in taken), None)
        if spare is not None:
            out[c] = spare
            taken.add(spare)
    return out


def _base(name: str) -> set[str]:
    """The letter a problem's name is read as, in both cases (b_2 → b, B), or none for a longer name."""
    match = _NAMED.fullmatch(name)
    return {match[1].lower(), match[1].upper()} if match else set()


def rename(text: str, mapping: dict[str, str]) -> str:
    """`text` (a formula, or a function's derivative in words) with its single letters renamed; a letter
    inside a word (tr, sign, each) or a slot ({u}) is not one."""
    if not mapping:
        return text
    text = _RUN.sub(lambda m: _renamed(m[0], mapping), text)
    for c, spare in mapping.items():
        if c in _SUPER and spare in _SUPER:
            text = text.replace(_SUPER[c], _SUPER[spare])
    return text


def _renamed(run: str, mapping: dict[str, str]) -> str:
    """A run of letters with its letters renamed where it is a letter, dX, or XY; a word (tr, sign, each)
    as it is."""
    if len(run) == 1 or run.isupper():
        return "".join(mapping.get(c, c) for c in run)
    if len(run) == 2 and run[0] == "d":
        return "d" + mapping.get(run[1], run[1])
    return run


def step(step, values: dict, lang: str) -> dict:
    """The formula slots of a matrix step's explanation (`symdiff.matrix.differential`), in letters the
    problem does not use (`letters`)."""
    mapping = letters(getattr(step, "problem_names", ()))
    out = _step(step, values, lang)
    for name, value in out.items():
        if isinstance(value, Formula):
            out[name] = Formula(rename(value.text, mapping), **value.nodes)
    for kind in ("hadamard", "division"):
        identity = rename(_MOVE[kind], mapping)
        if isinstance(out.get("moves"), Formula) and identity in out["moves"].text:
            entries = Formula(rename(_ENTRIES[_columns(step.expr)], mapping)) if kind == "division" else None
            out["moves"] = Moves(out["moves"].text, identity, lang, kind, entries)
    lines = step.lines() if hasattr(step, "lines") else None
    if lines:
        out["lines"] = Lines(step.expr, lines, {k: out[k] for k in ("form", "cyclic", "gt_is")}, lang)
    if "derivative" in values and isinstance(values["derivative"], str):
        out["derivative"] = rename(values["derivative"], mapping)
    if isinstance(out.get("fn_prime_is"), str):
        out["fn_prime_is"] = rename(out["fn_prime_is"], mapping)
    if "fn_prime" in out and "derivative" in values:
        out["fn_prime_is"] = _equal_to(out["fn_prime"], out.get("derivative", values["derivative"]))
    return out


# the moves across the inner product that read a gradient off a term the identities of `readoff.rearranged`
# do not reach (dX inside a function: the adjoint of each operation)
_MOVES = Formula("⟨A, B·M·C⟩ = ⟨Bᵀ·A·Cᵀ, M⟩, ⟨A, Mᵀ⟩ = ⟨Aᵀ, M⟩, tr(M) = ⟨I, M⟩")


# the move across the inner product each operation between the term's root and its differential needs
_MOVE = {"mul": "⟨A, B·M·C⟩ = ⟨Bᵀ·A·Cᵀ, M⟩", "dot": "uᵀ·v = ⟨u, v⟩", "transpose": "⟨A, Mᵀ⟩ = ⟨Aᵀ, M⟩",
         "trace": "tr(M) = ⟨I, M⟩", "sum": "sum(M) = ⟨𝟏, M⟩", "hadamard": "⟨A, K ⊙ M⟩ = ⟨K ⊙ A, M⟩",
         # dz ⊘ z: a division entry by entry, whose divisor crosses over as a factor ⊙ would (−tᵀ(dz ⊘ z) =
         # ⟨−t ⊘ z, dz⟩); the product's identity, cited there, is not the one a reader sees used
         "division": "⟨A, M ⊘ D⟩ = ⟨A ⊘ D, M⟩"}
# why a divisor crosses over: what ⊘ is, entry by entry (of a column, or of a matrix)
_ENTRIES = {1: "(M ⊘ D)ᵢ = Mᵢ/Dᵢ", 2: "(M ⊘ D)ᵢⱼ = Mᵢⱼ/Dᵢⱼ"}


# the table's rule of a function → its move (sum's rule is "entries": the sum of a matrix's entries)
_RULE_MOVE = {"trace": "trace", "entries": "sum", "hadamard": "hadamard"}


def moves(term) -> Formula:
    """The identities that carry `term`'s factors to the other side of the inner product, only those its
    path to the differential passes (a dot product with t needs no trace); all of them where the path
    passes an operation with a move of its own that is not listed."""
    from . import expr as E
    from .table import lookup

    used, node = [], term
    while not isinstance(node, E.Differential):
        holders = [c for c in node.children if E.contains_differential(c)]
        if len(holders) != 1:
            return _MOVES
        if isinstance(node, E.Mul) and len(node.factors) > 1:
            dot = node.shape == (1, 1) and len(node.chain) == 2 and node.chain[0].shape[0] == 1
            used.append(_MOVE["dot" if dot else "mul"])
        elif isinstance(node, E.Transpose):
            used.append(_MOVE["transpose"])
        elif isinstance(node, E.Call) and _is_division(node, holders[0]):
            used.append(_MOVE["division"])
        elif isinstance(node, E.Call) and _RULE_MOVE.get(lookup(node.fn).rule):
            used.append(_MOVE[_RULE_MOVE[lookup(node.fn).rule]])
        elif not isinstance(node, (E.Mul, E.Add)):
            return _MOVES
        node = holders[0]
    return Formula(", ".join(dict.fromkeys(used))) if used else _MOVES


def _is_division(node, holder) -> bool:
    """Whether `node` is an entrywise division (dz ⊘ z, as the printers write u ⊙ v∘⁻¹) with the differential
    in its numerator, `holder` the child that holds the differential."""
    from .table import entrywise_quotient, is_hadamard_power

    quotient = entrywise_quotient(node)
    return quotient is not None and not is_hadamard_power(holder)


def _columns(term) -> int:
    """1 where the division a read-off moves is of columns (its entries have one index), else 2."""
    from . import expr as E

    from .table import is_hadamard

    divisions = [n for n in term.walk() if is_hadamard(n) and E.contains_differential(n)]
    return 1 if divisions and divisions[0].shape[1] == 1 else 2


def _step(step, values: dict, lang: str) -> dict:
    key, v = step.message, step.var
    out = {"zero": Formula("d({e}) = 0", e=step.expr), "dvar": Formula("d{v}", v=v),
           "dvar_one": Formula("d{v} = 1", v=v)}
    if key in _RULES:
        out["formula"] = Formula(_RULES[key])
    elif key == "matrix.softmax":
        # in p, once named: d softmax(u) = (diag(softmax(u)) − softmax(u)·softmax(u)ᵀ)·du said it three times
        out["formula"] = Formula("dp = " + values["identity"].replace("softmax(u)", "p"))
    elif key in _LEFT:
        out["formula"] = Formula(f"{_LEFT[key]} = {values['identity']}")
    fn = values.get("fn")
    written = values.get("written")
    if key in ("matrix.elementwise", "matrix.chain") and written:
        # a power is no function name: written as one, (·)^∘n(U) and (·)^∘n′(U) read as nothing a student
        # knows, and a printer given (·)^∘n prints a caret. A power is written as a power, its n stated.
        out.update(formula=Formula(written[0]), fn_of=Formula(written[1]),
                   fn_prime_is=re.search(r"⟦n = [^⟧]*⟧", values["derivative"]).group(0))
    elif key in ("matrix.elementwise", "matrix.chain"):
        out.update(formula=Formula(f"d {fn}(U) = {fn}′(U) ⊙ dU"), fn_prime=Formula(f"{fn}′(U)"),
                   fn_of=Formula(f"{fn}(U)"))
    elif key in ("matrix.elementwise.scalar", "matrix.chain.scalar", "matrix.chain.scalar.log"):
        out.update(formula=Formula(f"d {fn}(s) = {fn}′(s)·ds"), fn_prime=Formula(f"{fn}′(s)"))
    elif key.startswith("matrix.trace.analytic"):
        out.update(formula=Formula(f"d tr {fn}(U) = tr({fn}′(U)·dU)"), fn_prime=Formula(f"{fn}′(U)"),
                   fn_of=Formula(f"{fn}(U)"))
    if "inner" in values:
        out["u_is"] = Formula(("s" if ".scalar" in key else "U") + " = {u}", u=values["inner"])
    if getattr(step, "inner", None) is not None and (key.startswith(("matrix.chain", "matrix.trace.analytic"))):
        # dU, derived in the rows before this one (`render.matrix.board`): the words take its value from there
        out["d_found"] = Formula(("ds" if ".scalar" in key else "dU") + " = {r}", r=step.inner.result)
    if "n" in values:
        out["n_is"] = Formula(f"n = {values['n']}")
    # the letters the words name (U is computed entry by entry, A and dA need not commute)
    out.update({c: Formula(c) for c in "AUsG"}, dA=Formula("dA"), dU=Formula("dU"), d_s=Formula("ds"))
    # the softmax of a column u (as the engine takes it), its sum written 𝟏ᵀexp(u), not in code's sum(·)
    out.update(inverse_is=Formula("A·A⁻¹ = I"), s_is=Formula("p = softmax(u) = exp(u)/(𝟏ᵀexp(u))"),
               ds=Formula("dp = p ⊙ du − p·(pᵀ·du)"), nonzero=Formula("‖A‖ ≠ 0"),
               square=Formula("‖A‖² = ⟨A, A⟩"))
    if key.startswith("matrix.product.some"):
        out.update(_constant_factors(step))
    elif key.startswith("matrix.sum.some"):
        out.update(_constant_terms(step))
    f = _function(step)
    if key.startswith("matrix.read_off") and not key.startswith("matrix.read_off.jacobian"):
        vector = _vector_form(step)
        from .readoff import _transposed

        out.update(form=Formula("gᵀ·d{v}" if vector else "tr(Gᵀ·d{v})", v=v),
                   gt_is=Formula(("gᵀ" if vector else "Gᵀ") + " = {g}", g=_transposed(step.result)),
                   gives_is=Formula("∂{f}/∂{v} = {r}", f=f, v=v, r=step.result), part=Formula("{r}", r=step.result),
                   df=Formula("d{f} = {e}", f=f, e=step.expr), d_f=Formula("d{f}", f=f),
                   cyclic=Formula("tr(M·C) = tr(C·M)"))
        if step.parts:  # ∂f/∂x = Ax + Aᵀx = (A + Aᵀ)x: the parts added, then the gradient they make
            out["gives_is"] = _parts_added(step, f, v)
    if key == "matrix.read_off":
        out.update(term=Formula("d{f} = ⟨{r}, d{v}⟩", f=f, r=step.result, v=v), moves=moves(step.expr))
    elif key == "matrix.read_off.term":
        out.update(term=Formula("{e} = ⟨{r}, d{v}⟩", e=step.expr, r=step.result, v=v),
                   moves=moves(step.expr))
    elif key == "matrix.read_off.jacobian":
        out.update(formula=Formula("d{f} = J·d{v}", f=f, v=v), gives=Formula("J = ∂{f}/∂{v}", f=f, v=v),
                   entry=Formula(_entry(f, v), f=f, v=v))
    elif key == "matrix.read_off.jacobian.term":
        out.update(term=Formula("{e} = ({r})·d{v}", e=step.expr, r=step.result, v=v),
                   moves=Formula("J(L·u) = L·J(u), J(g ⊙ u) = diag(g)·J(u)"))
    elif key.startswith("matrix.read_off.jacobian") and key.endswith(".diagonal"):
        out.update(formula=Formula("d{f} = J·d{v}", f=f, v=v), entry=Formula(_entry(f, v), f=f, v=v),
                   **_diagonal_lines(step, f, v))
    return out


def _diagonal_lines(step, f, v) -> dict:
    """The slots of a Jacobian read off through an element-wise product: the identity a ⊙ v = diag(a)·v,
    the term rewritten with it and then grouped as (J)·dx, and J; in the names a chain rule above gave
    (U = Wx + b), as the row's claim writes them."""
    from . import expr as E
    from .printing import unicode
    from .readoff import renamed

    names = getattr(step, "names", None) or {}
    d = E.Differential(v)
    term, diagonal, J = (renamed(n, names) for n in (step.expr, step.diagonal, step.result))
    grouped = E.Mul(E.Num(1).value, (), (J, d))
    if unicode(grouped) == unicode(diagonal):  # g ⊙ dx = diag(g)·dx: grouped already
        lines = Formula("{t} = {m}", t=term, m=diagonal)
    else:
        lines = Formula("{t} = {m} = {g}", t=term, m=diagonal, g=grouped)
    return {"lines": lines, "diagonal": Formula("g ⊙ u = diag(g)·u"),
            "gives": Formula("J = ∂{f}/∂{v} = {r}", f=f, v=v, r=J), "part": Formula("{r}", r=J)}


def _parts_added(step, f, v) -> Formula:
    """∂f/∂x = the terms' parts added as read off (Ax + Aᵀx), then the gradient they make, (A + Aᵀ)x; the
    sum alone where the two print alike."""
    from . import expr as E
    from .printing import unicode

    added = E.Add(tuple(p.result for p in step.parts))
    if unicode(added) == unicode(step.result):
        return Formula("∂{f}/∂{v} = {s}", f=f, v=v, s=added)
    return Formula("∂{f}/∂{v} = {s} = {r}", f=f, v=v, s=added, r=step.result)


def _constant_factors(step) -> dict:
    """The slots that say which factors of a product are constant: their list, d of each = 0, and the
    factors the rule is applied to (xᵀ, A, x)."""
    from . import expr as E

    def listed(nodes, name):
        return Formula(", ".join(f"{{{name}{i}}}" for i in range(len(nodes))),
                       **{f"{name}{i}": n for i, n in enumerate(nodes)})

    constants = step.constants
    zero = " = ".join(f"d{{c{i}}}" if isinstance(c, (E.Sym, E.Ident)) else f"d({{c{i}}})"
                      for i, c in enumerate(constants))
    return {"constants": listed(constants, "c"), "factors": listed(list(step.expr.factors), "f"),
            "zeros": Formula(zero + " = 0", **{f"c{i}": c for i, c in enumerate(constants)})}


def _constant_terms(step) -> dict:
    """The slots that name a sum's terms without the variable: b (one), or b, c and the last one d, their
    differentials equal to 0 in one line, db = dc = dd = 0."""
    from . import expr as E

    constants = step.constants
    zero = " = ".join(f"d{{c{i}}}" if isinstance(c, (E.Sym, E.Ident)) else f"d({{c{i}}})"
                      for i, c in enumerate(constants))
    first = constants if len(constants) == 1 else constants[:-1]
    out = {"constants": Formula(", ".join(f"{{c{i}}}" for i in range(len(first))),
                                **{f"c{i}": c for i, c in enumerate(first)}),
           "zeros": Formula(zero + " = 0", **{f"c{i}": c for i, c in enumerate(constants)})}
    if len(constants) > 1:
        out["last"] = Formula("{c}", c=constants[-1])
    return out


def _entry(f, v) -> str:
    """∂fᵢ/∂xⱼ, a name with an index of its own in parentheses, (y₂)ⱼ: y₂ⱼ reads as one index."""
    def indexed(slot, node):
        return f"({{{slot}}})" if any(ch.isdigit() for ch in getattr(node, "name", "")) else f"{{{slot}}}"

    return f"∂{indexed('f', f)}ᵢ/∂{indexed('v', v)}ⱼ"


def _function(step):
    """What a read-off differentiates, by the name the problem gives it (L for a loss, f by default)."""
    from . import expr as E

    return getattr(step, "function", None) or E.Sym("f", (1, 1))


def _equal_to(fn_prime: Formula, derivative):
    """f′(U) = its derivative, one formula: the derivative's words (`table`) begin with their formula, ⟦…⟧,
    which the equation takes in; a derivative that is an expression is a slot of it."""
    if not isinstance(derivative, str):
        return Formula(fn_prime.text + " = {d}", d=derivative, **fn_prime.nodes)
    head, rest = (derivative[1:].split("⟧", 1) if derivative.startswith("⟦") else (None, derivative))
    if head is None:
        return f"⟦{fn_prime.text}⟧ = {rest}"
    return f"⟦{fn_prime.text} = {head}⟧{rest}"


def _vector_form(step) -> bool:
    """Whether the read-off is written gᵀdx (else tr(Gᵀ·dX)): as its lines write it, which a layer of one
    unit keeps from its general size; by the shape of what it differentiates by where it has none."""
    from .table import is_trace

    if getattr(step, "vector", None) is not None:  # a read-off's plan, written as its terms' lines are
        return step.vector
    for s in (step, *step.substeps):
        lines = s.lines() if hasattr(s, "lines") else None
        if lines:
            return not is_trace(lines[-1][1])
    return step.var.shape[1] == 1


class Moves:
    """The moves across the inner product with ⟨A, K ⊙ M⟩ = ⟨K ⊙ A, M⟩ (`kind` "hadamard") or ⟨A, M ⊘ D⟩ =
    ⟨A ⊘ D, M⟩ ("division", with `entries`, what ⊘ is entry by entry) among them, said in words before its
    formula: a calculus student has not met an inner product of matrices with an entrywise factor in it."""

    def __init__(self, text: str, identity: str, lang: str, kind: str = "hadamard", entries: Formula | None = None):
        others = [p for p in text.split(identity) if p.strip(", ")]
        self.others = ", ".join(p.strip(", ") for p in others)
        self.identity, self.lang, self.kind, self.entries = identity, lang, kind, entries

    def said(self, printer) -> str:
        from ..core.messages import message

        key = f"matrix.moves.{self.kind}" + ("" if self.others else ".alone")
        extra = {"entries": self.entries} if self.entries is not None else {}
        return message(key, printer, self.lang, moves=Formula(self.others), **{self.kind: Formula(self.identity)},
                       **extra)


class Lines:
    """A read-off's lines (`readoff.rearranged`) as one value of its sentence: each line a clause that
    names the identity it uses, then the equation it gives, typeset by the renderer's printer."""

    def __init__(self, term, lines, slots: dict, lang: str):
        self.term, self.lines, self.slots, self.lang = term, lines, slots, lang

    def said(self, printer) -> str:
        from ..core.messages import message

        clauses, before = [], self.term
        for identity, now in self.lines:
            eq = Formula("{b}", b=now) if identity == "already" else Formula("{a} = {b}", a=before, b=now)
            clauses.append(message(f"matrix.identity.{identity}", printer, self.lang, eq=eq, **self.slots))
            before = now
        return ("이고, " if self.lang == "ko" else "; ").join(clauses)
