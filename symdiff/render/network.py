"""Every view of `backprop --layers` (matrix/deep.py): text, JSON, Rich, LaTeX, Markdown, HTML.

The layers are shown as they are worked, from the output back: each Jacobian, δ_l by the chain rule and
its simplification line by line, then ∂L/∂W_l and ∂L/∂b_l with their shapes.
"""

from __future__ import annotations

from ..core.written import Formula, shape_mathml

import html as _html
import re

from ..matrix import expr as E
from ..core.messages import LANGUAGE, message, rule_label
from ..matrix.api import explain_step, step_dict
from ..matrix.folding import canonical
from ..matrix.messages import matrix_message as mm
from ..matrix.printing import ATOM, DIFFERENTIAL, LatexPrinter, MathMLPrinter, UnicodePrinter, text
from .matrix import _latex_text, _named, read_claim, _shape, board, differential_of, is_plan, naming, check_lines, html_shapes, latex_shapes, numbered, say_in
from .markup import callout, stopped, with_math
from .notation import tex_label

_INDEXED = re.compile(r"([A-Za-z]+?)(\d+)")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_GREEK = {"delta": "δ"}


def _title(network) -> str:
    """The heading of a network's derivation: backprop through its layers (one layer: singular)."""
    return mm("deep.title.one" if network.depth == 1 else "deep.title", depth=str(network.depth))


def _unicode_name(name: str) -> str:
    """W12 → W₁₂, delta2 → δ₂: the network's symbols as a textbook writes them."""
    m = _INDEXED.fullmatch(name)
    base, sub = (m.group(1), m.group(2)) if m else (name, "")
    return _GREEK.get(base, base) + sub.translate(_SUB)


def _indexed(node: E.Sym) -> E.Sym:
    m = _INDEXED.fullmatch(node.name)
    return E.Sym(f"{m.group(1)}_{m.group(2)}", node.shape) if m else node


class _SquareWritten:
    """A ⊙ square written as the product it is, a₁ ⊙ a₁, not a₁∘²: the textbook's tanh′ = 𝟏 − a ⊙ a needs
    no notation of its own, and the Hadamard power is met nowhere else in backprop (its ⊘ is a division)."""

    def form_hadamard_power(self, node, entry, mark: str):
        if node.exponent == 2:
            base = node.args[0]
            return self.p(E.Call("hadamard", (base, base), None, node.shape))
        return super().form_hadamard_power(node, entry, mark)


# a product's dot between two factors of a stated formula (not the blank of ⟨·, ·⟩)
_PRODUCT_DOT = re.compile(r"(?<=[^\s,⟨(])·(?=[^\s,⟩)])")
# sum(P) of a general formula, P one letter or its differential
_SUM_OF_ENTRIES = re.compile(r"\bsum\((d?[A-Za-z])\)")


class _Juxtaposed:
    """The formulas the explanations state with their products juxtaposed, as the rows print them
    (δ₂ᵀdW₂a₁): "δ₂ᵀ·dW₂·a₁" beside "δ₂a₁ᵀ" wrote one product two ways in one line. A factor that is a
    derivative, ∂L/∂z, is set apart by a space in the text view, where it has no fraction bar. A sum is
    written Σᵢⱼ Pᵢⱼ or 𝟏ᵀv, never in code's sum(·)."""

    def p_Formula(self, node):
        text = _PRODUCT_DOT.sub(lambda m: " " if node.text[m.end():m.end() + 1] == "∂" else "", node.text)
        # a rule's sum of entries, d sum(P) = sum(dP), as the legend's sums are written: Σᵢⱼ Pᵢⱼ
        text = _SUM_OF_ENTRIES.sub(lambda m: f"Σᵢⱼ {m[1]}ᵢⱼ" if len(m[1]) == 1 else f"Σᵢⱼ ({m[1]})ᵢⱼ", text)
        return super().p_Formula(Formula(text, **node.nodes))

    def form_named(self, node, entry, mark: str):
        """The sum of a column's entries as a textbook writes it, 𝟏ᵀv: sum(v) is code's notation."""
        (arg, *rest) = node.args
        if node.fn == "sum" and not rest and arg.shape[1] == 1:
            return self.p(E.mul(E.Ones((1, arg.shape[0])), arg))
        return super().form_named(node, entry, mark)


class _Unicode(_Juxtaposed, _SquareWritten, UnicodePrinter):
    def p_Sym(self, node):
        return _unicode_name(node.name), ATOM

    def p_Differential(self, node):
        return "d" + _unicode_name(node.of.name), DIFFERENTIAL


class _Latex(_Juxtaposed, _SquareWritten, LatexPrinter):
    def p_Sym(self, node):
        return super().p_Sym(_indexed(node))

    def p_Differential(self, node):
        return super().p_Differential(E.Differential(_indexed(node.of)))


class _MathML(_Juxtaposed, _SquareWritten, MathMLPrinter):
    def p_Sym(self, node):
        return super().p_Sym(_indexed(node))

    def p_Differential(self, node):
        return super().p_Differential(E.Differential(_indexed(node.of)))


unicode = _Unicode()
latex = _Latex()
mathml = _MathML()
for _printer in (unicode, latex, mathml):
    _printer.follows_language = True
latex_data = _Latex()  # JSON's LaTeX values: the same in every language


def _label(name: str) -> str:
    """A stage's name (∂a1/∂y1) as shown: ∂a₁/∂y₁."""
    return _INDEXED.sub(lambda m: _unicode_name(m.group(0)), name)


def _forward(result) -> list[tuple]:
    """(name, shape, value) of each step of the forward pass, the loss as a textbook states it (a sum over
    the output's components: `symdiff.matrix.stated.loss`), not in the vector form the engine works with."""
    from ..matrix import stated

    net = result.network
    return [(name, node.shape, stated.loss(net.loss, net.output) if name == "L" else node)
            for name, node in result.forward]


def _network_line(result, printer) -> str:
    parts = [f"x ({result.network.sizes[0]})"]
    for name, shape, value in _forward(result):
        parts.append(f"{printer(E.Sym(name, shape))} = {printer(value)}")
    return " → ".join(parts)


def _sizes(result) -> str:
    return ", ".join(f"{_unicode_name(name)} {_shape(shape)}" for name, shape in result.shapes.items()
                     if not name.startswith("delta"))


def _fn_name(fn: str) -> str:
    """An activation as its formulas print it (σ for sigmoid), so the words and the formula agree."""
    from ..matrix.table import FUNCTIONS

    return FUNCTIONS[fn].unicode_name if fn in FUNCTIONS else fn  # identity is no function of the table


def _note(result, layer, key, say) -> str:
    """The explanation of one row: the network's symbols and the formulas it states (`symdiff.matrix.stated`)
    as values, which `say` typesets in its view's notation."""
    from ..matrix import stated
    from ..matrix.deep import a_name

    l = layer.index
    net = result.network

    def sym(name: str):
        return E.Sym(name, result.shapes[name])

    names = {"delta": f"delta{l}", "W": f"W{l}", "b": f"b{l}", "a": a_name(net, l - 1), "y": f"y{l}",
             "a_l": a_name(net, l)}
    numbers = {"l": str(l), "fn": _fn_name(layer.activation), "rows": str(layer.shapes["W"][0]),
               "cols": str(layer.shapes["W"][1])}
    if l < net.depth and not key.startswith(("deep.grad_", "deep.differential")):
        names.update({"delta_next": f"delta{l + 1}", "W": f"W{l + 1}", "a": a_name(net, l), "y_next": f"y{l + 1}"})
        numbers["next"] = str(l + 1)
    if key.startswith(("deep.grad_", "deep.differential")):
        numbers["prev"] = str(l - 1)
    values = {k: sym(v) for k, v in names.items()}
    written = {k: unicode(v) for k, v in values.items()} | numbers
    jacobian = layer.jacobians[0].value
    # the activation's derivative entry by entry: what its diagonal Jacobian, diag(g), has on the diagonal
    written["entrywise"] = unicode(jacobian.args[0] if isinstance(jacobian, E.Call) and jacobian.fn == "diag"
                                   else jacobian)
    # the activation's name is set as math (σ), as the formulas beside it write it
    slots = stated.generic(stated.layer(key, written), _letters(result))
    return say(key, {**values, **numbers, "fn": f"⟦{numbers['fn']}⟧", **slots})


def _letters(result) -> dict[str, str]:
    """The letters the run's general formulas write instead of the canonical ones its symbols use
    (`stated.letters`), for the rules and the legend alike."""
    from ..matrix import stated
    from ..matrix.deep import context_names

    return stated.problem_letters(context_names(result.shapes))


def say_unicode(key: str, values: dict) -> str:
    """An explanation in the terminal's notation (text and Rich)."""
    return stopped(message(key, unicode, capital=True, **values))


say_latex, say_markdown, say_html = say_in("latex", latex), say_in("markdown", latex), say_in("html", mathml)


def derivation(row_label: str, result):
    """The engine's steps behind a row (∂L/∂z or a Jacobian), or []. The gradients' steps, the same tree of
    linearity and sums for every parameter, are in the JSON (`derivations`); the views write the layer's
    differential once and read every gradient off it."""
    for stage in [result.loss_gradient] + [s for layer in result.layers for s in layer.jacobians]:
        if _label(stage.name) == row_label and stage.derivation is not None:
            return stage.derivation.steps
    return []


def names(result) -> dict:
    """Each quantity the forward pass names (y₁ = W₁x + b₁, z = softmax(y₂)) → its name: once named, a
    quantity is written by its name, never again in full. A layer whose function is the identity names
    no new quantity (a₁ = y₁ would rename y₁ everywhere)."""
    shapes = result.shapes
    return {definition: E.Sym(name, shapes[name]) for name, definition in result.forward[:-1]
            if not isinstance(definition, E.Sym)}


def step_lines(steps, printer, depth: int = 0, say=None, math=None, words=None) -> list[tuple[int, str, str, str]]:
    """(depth, rule, claim, why) for each engine step, the symbols printed as the view prints them; `say`
    explains a step in the view's notation (default: the terminal's). A document's claim is one formula,
    d(…) = … typeset whole by `printer` (LaTeX or MathML) and put in `math`, not d and brackets in words.
    The last read-off gives the row's own value, which the row states: its claim is "" (the words say how
    it is read off), so that a Jacobian is not written out a third time. `words` escapes the words of a
    document's claim (Markdown's by default)."""
    say = say or _explained(printer, lambda words: words)
    shown = board(steps)
    lines = _shown_lines(shown, printer, depth, say, math, words)
    if shown and shown[-1][0].rule == "read_off":  # board shows a read-off after its terms, with no substeps
        lines[-1] = lines[-1][:2] + ("",) + lines[-1][3:]
    return lines


def _shown_lines(shown: list, printer, depth: int, say, math, words=None) -> list[tuple[int, str, str, str]]:
    out = []
    for step, subs in shown:
        name, why = say(step)
        out.append((depth, name, _step_claim(step, printer, math, words), why))
        out += _shown_lines(subs, printer, depth + 1, say, math, words)
    return out


def _step_claim(step, printer, math=None, words=None) -> str:
    e, r = printer(step.expr), printer(step.result)
    if is_plan(step):  # df = …, the differential the plan reads the gradient off
        return math(f"{printer(differential_of(step))}{_equals(printer)}{e}") if math else \
            f"{printer(differential_of(step))} = {e}"
    name = getattr(printer, "named", {}).get(step.expr)
    if name is not None and step.rule != "read_off":  # dz, as a named quantity's differential is written
        return math(f"{printer(E.Differential(name))}{_equals(printer)}{r}") if math else \
            f"{printer(E.Differential(name))} = {r}"
    if step.rule == "read_off":
        if math is None:
            return read_claim(step, printer)
        from .markdown import _escape

        return read_claim(step, printer, math, words or (_html.escape if isinstance(printer, MathMLPrinter) else _escape))
    if math is None:
        return f"d({e}) = {r}"
    if isinstance(printer, MathMLPrinter):
        body = f'<mi mathvariant="normal">d</mi><mrow><mo>(</mo>{e}<mo>)</mo></mrow><mo>=</mo>{r}'
    else:
        body = rf"\mathrm{{d}}\left({e}\right) = {r}"
    return math(body)


def _explained(math, escape):
    """(name, rest) of a step's explanation, with its values typeset by `math` and its words escaped by
    `escape`: the rule's name once, as the label, not again at the start of the sentence."""

    def say(step) -> tuple[str, str]:
        names: list[str] = []

        def render(printer) -> str:
            name, body = _named(step, printer)
            names.append(name)
            return body

        body = with_math(render, math, escape)
        return names[0], body

    return say


def rows(result, printer, say=say_unicode) -> list[tuple]:
    """("head", text) or (label, value, shape, note) rows, from ∂L/∂z down to the first layer's ∂L/∂x; the
    values printed by `printer`, the notes said by `say`."""
    from ..matrix import stated

    net = result.network
    components = stated.loss_gradient(net.loss, net.output)
    out: list[tuple] = [("∂L/∂z", printer(result.loss_gradient.value), _shape(result.loss_gradient.value.shape),
                         say("deep.dl_dz.ce" if components else "deep.dl_dz", components))]
    for layer in result.layers:
        l = layer.index
        out.append(("head", mm("deep.layer.output" if l == net.depth else "deep.layer.hidden", capital=True,
                               l=str(l))))
        for i, stage in enumerate(layer.jacobians):
            if i == 0:
                from ..matrix.deep import a_name

                a_l = E.Sym(a_name(net, l), layer.shapes["a"])
                key = {"identity": "deep.da_dy.identity", "softmax": "deep.da_dy.softmax"}.get(
                    layer.activation, "deep.da_dy.written" if E.depends_on(stage.value, a_l) else "deep.da_dy")
            else:
                key = "deep.dy_da"
            out.append((_label(stage.name), printer(stage.value), _shape(stage.value.shape),
                        _note(result, layer, key, say)))
        delta = f"delta{l}"
        chain_key = "deep.chain.output" if l == net.depth else "deep.chain.hidden"
        if layer.activation == "softmax":  # the Jacobian is first used transposed here: its symmetry is said here
            chain_key += ".softmax"
        out.append((f"{_label(delta)} = ∂L/∂{_label(f'y{l}')}", printer(layer.delta_chain), _shape(layer.delta.shape),
                    _note(result, layer, chain_key, say)))
        for line in layer.delta_lines:
            out.append((_label(delta), printer(line.value), _shape(line.value.shape),
                        _note(result, layer, line.key, say)))
        if layer.differential is not None:
            key = "deep.differential" if l == 1 else "deep.differential.hidden"
            out.append(("dL", f"{printer(layer.differential_of)}{_equals(printer)}{printer(layer.differential)}",
                        "1×1", _note(result, layer, key, say)))
        for name, stage in layer.gradients.items():
            out.append((_label(stage.name), printer(stage.value), _shape(stage.value.shape),
                        _note(result, layer, f"deep.grad_{name}", say)))
    return out


def _equals(printer) -> str:
    """= between two printed expressions of one row, in the printer's own notation."""
    return "<mo>=</mo>" if isinstance(printer, MathMLPrinter) else " = "


def _defined(result, say=say_unicode, steps: bool = True, substeps: bool = True) -> list[str]:
    """The sentences that define σ and step (relu′), under the forward pass, for the layers' functions, then
    the notation the rows use (`_notation`); without steps only what the δ rows write, as those are all that is
    printed of the derivation. `substeps`: the view shows the engine's steps under the rows (every view
    does)."""
    from .matrix import bp_named

    from ..matrix import stated

    net = result.network
    shown = None if steps else " ".join([unicode(layer.delta) for layer in result.layers] + _assumption(result))
    named = bp_named([net.activation(l) for l in range(1, net.depth + 1)], say, shown)
    # the symbols first, with the loss's name, under the forward pass that states the loss; without steps too,
    # where the results write x, W₁, δ₁ and L with nothing else to say what they are
    symbols = [say(*stated.symbols(net.loss, net.output, net.depth))]
    return symbols + named + _notation(result, say, shown if shown is not None else "\n".join(_body_lines(result, substeps)))


# The notation a row or step may use that no calculus course defines, said before the first row (⊘ too: defined
# in ∂L/∂z's note, it was defined after that row's formula had written it): (its mark in the text view, its sentence)
_NOTATION = (("⊙", "deep.notation.hadamard"), ("⊘", "deep.notation.division"), ("𝟏", "deep.notation.ones"),
             ("⟨", "deep.notation.inner"))


def _notation(result, say, shown: str) -> list[str]:
    """One line that defines ⊙, 𝟏 and ⟨·, ·⟩, each only where `shown` (the plain text of what the view
    prints of the derivation) uses it, before the first row does."""
    from ..core.written import Formula

    from ..matrix import stated

    slots = {"hadamard": Formula("(u ⊙ v)ᵢ = uᵢvᵢ"), "division": Formula("(u ⊘ v)ᵢ = uᵢ/vᵢ"),
             "inner": Formula("⟨A, B⟩ = Σᵢⱼ AᵢⱼBᵢⱼ"),
             "column": Formula("⟨u, v⟩ = uᵀv")}
    # in the letters the run's rules write (⟨P, Q⟩ where the network has a and b), so that the legend's A is
    # the rules' matrix, never a₁
    slots = stated.generic(slots, _letters(result), {"hadamard": "uv", "division": "uv", "inner": "AB",
                                                      "column": "uv"})
    said = [say(key, slots) for mark, key in _NOTATION if mark in shown]
    return [" ".join(said)] if said else []


def _assumption(result, say=say_unicode, steps: bool = False) -> list[str]:
    """The note on 𝟏ᵀt = 1 under the results, where the rows that assume it (`deep.softmax.assume`) are not
    shown: said once, in the row where the derivation uses it, when they are."""
    from ..matrix import stated

    delta = _label(f"delta{result.network.depth}")
    return [say("deep.assumption", stated.assumption(delta))] if result.assumption and not steps else []


# ---------------------------------------------------------------- text


def render_text(result, *, steps: bool = True, line: int | None = None) -> str:
    table = rows(result, unicode)
    if not steps:
        short = [f"{label} = {value}   ({shape})" for label, value, shape, _ in
                 [r for r in table if r[0] != "head" and (r[0].startswith("∂L/∂W") or r[0].startswith("∂L/∂b")
                                                          or r[0] == "∂L/∂x")]]
        # each δ is defined where it is first used, since the rows that defined it are left out
        deltas = [f"{_label(f'delta{layer.index}')} = ∂L/∂{_label(f'y{layer.index}')} = {unicode(layer.delta)}"
                  f"   ({_shape(layer.delta.shape)})" for layer in result.layers]
        return "\n".join(_defined(result, steps=False) + deltas + short + _assumption(result) + check_lines(result.check) + _numbers(result, "text"))
    lines = [_title(result.network), _network_line(result, unicode), *_defined(result),
             f"{mm('matrix.shapes', capital=True)}: {_sizes(result)}", ""]
    lines += _body_lines(result)
    lines += [""] + _assumption(result, steps=True) + check_lines(result.check) + _numbers(result, "text")
    return "\n".join(lines).rstrip() + "\n"


def _body_lines(result, substeps: bool = True) -> list[str]:
    """The text view's rows, each with its note, and with `substeps` the engine's steps under it."""
    table = rows(result, unicode)
    lines: list[str] = []
    steps_of = iter(numbered([row for row in table if row[0] != "head"]))
    named = naming(unicode, names(result))
    for row in table:
        if row[0] == "head":
            lines += ["", row[1]]
            continue
        number, indent, (label, value, shape, note) = next(steps_of)
        lines.append(f"{number} {label} = {value}   ({shape})")
        lines.append(f"{indent}{note}")
        for depth, rule, claim, why in step_lines(derivation(label, result), named) if substeps else ():
            pad = indent + "  " * depth
            if not claim:  # the row states what is read off: the words alone, after the rule's name
                lines.append(f"{pad}· ({rule}) {why}")
                continue
            lines.append(f"{pad}· {claim}   ({rule})")
            if why:
                lines.append(f"{pad}  {why}")
    return lines


def _numbers(result, fmt: str) -> list:
    """The numeric pass of a network given values (--at), in the view of `fmt`, after the derivation."""
    if result.numeric is None:
        return []
    from . import training

    lang = LANGUAGE.get()
    if fmt == "text":
        return [""] + training.text_lines(result.numeric, lang)
    if fmt == "markdown":
        return [""] + training.markdown_lines(result.numeric, lang)
    if fmt == "latex":
        return training.latex_lines(result.numeric, lang)
    if fmt == "html":
        return [training.html_section(result.numeric, lang)]
    return [training.rich_renderable(result.numeric, lang)]


# ---------------------------------------------------------------- JSON


def _stage(stage, steps: bool) -> dict:
    out = {"name": stage.name, "result": text(stage.value), "shape": list(stage.value.shape),
           "latex": latex_data(stage.value)}
    if steps and stage.derivation is not None:
        out["steps"] = [step_dict(s, text) for s in stage.derivation.steps]
    return out


def record(result, *, steps: bool = True, line: int | None = None) -> dict:
    net = result.network
    out = {"command": "backprop"}
    if line is not None:
        out["line"] = line
    out.update({
        "network": {"sizes": list(net.sizes), "activations": list(net.activations), "output": net.output,
                    "loss": net.loss},
        "shapes": {k: list(v) for k, v in result.shapes.items()},
        "forward": {name: text(node) for name, node in result.forward},
        "loss_gradient": _stage(result.loss_gradient, steps),
        "layers": [{
            "index": layer.index,
            "kind": "output" if layer.index == net.depth else "hidden",
            "activation": layer.activation,
            "shapes": {k: list(v) for k, v in layer.shapes.items()},
            "delta": text(canonical(layer.delta)),
            "delta_chain": text(layer.delta_chain),
            "delta_lines": [text(canonical(d.value)) for d in layer.delta_lines],
            "gradients": {name: text(stage.value) for name, stage in layer.gradients.items()},
            "latex": {name: latex_data(stage.value) for name, stage in layer.gradients.items()},
            "jacobians": [_stage(s, steps) for s in layer.jacobians],
            "derivations": [_stage(s, steps) for s in layer.gradients.values()],
            "differential": f"{text(layer.differential_of)} = {text(layer.differential)}",
        } for layer in result.layers],
    })
    if result.assumption:
        out["assumption"] = "1.T*t = 1"
    if result.check is not None:
        out["check"] = {**result.check.to_dict(), "gradients": {
            k: {key: v for key, v in c.to_dict().items() if key != "points"} for k, c in result.checks.items()}}
    if result.numeric is not None:
        out["numeric"] = result.numeric.record(LANGUAGE.get())
    return out


# ---------------------------------------------------------------- Rich


def render_rich(result, console, *, steps: bool = True, line: int | None = None) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    parts = [Text(_network_line(result, unicode), "bold"), *(Text(words) for words in _defined(result, steps=steps)),
             Text(f"{mm('matrix.shapes', capital=True)}: {_sizes(result)}", "dim")]
    table = None
    named = naming(unicode, names(result))
    for row in rows(result, unicode):
        if row[0] == "head" or table is None:
            if table is not None:
                parts.append(table)
            table = Table(show_header=False, box=None, pad_edge=False)
            for _ in range(4):
                table.add_column(no_wrap=False, overflow="fold")  # a long word is broken, never cut off by …
            if row[0] == "head":
                parts.append(Text(row[1], "bold magenta"))
                continue
        label, value, shape, note = row
        table.add_row(Text(label, "bold cyan"), Text(value, "bold green"), Text(shape, "dim"),
                      Text(note, "italic dim") if steps else Text(""))
        # the engine's steps under the row, as every other view lists them: the rule, its claim, why
        for depth, rule, claim, why in step_lines(derivation(label, result), named) if steps else ():
            table.add_row(Text(f"{'  ' * (depth + 1)}· {rule}", "cyan"), Text(claim, "green"), Text(""),
                          Text(why, "dim"))
    parts.append(table)
    for c in _assumption(result, steps=steps):
        parts.append(Text(c, "yellow"))
    for c in check_lines(result.check):
        parts.append(Text(c, "green" if result.check.ok else "bold red"))
    title = _title(result.network)
    console.print(Panel(Group(*parts), title=title, title_align="left", expand=False))
    for renderable in _numbers(result, "rich"):
        console.print(renderable)


# ---------------------------------------------------------------- LaTeX


def render_latex(result, *, steps: bool = True) -> str:
    from .fit import fit
    from .latex import align, set_apart, tagged

    arrow = r" \to "
    chain = arrow.join(["x"] + [f"{latex(E.Sym(n, shape))} = {latex(v)}" for n, shape, v in _forward(result)])
    out = [rf"\section*{{{_latex_text(_title(result.network))}}}", rf"\[{fit(chain)}\]"]
    out += [line for words in _defined(result, say_latex, steps) for line in set_apart(rf"\noindent {words}")]
    # the shapes, as the text and Markdown views state them before the rows (the loss is named with the symbols)
    if steps:  # --no-steps keeps the results alone, as the text view's does
        out += set_apart(latex_shapes(result.shapes))
    body: list[str] = []
    under: list[list[str]] = []
    for row in rows(result, latex, say_latex):
        if row[0] == "head":
            if body:
                out += align(tagged(body, under))
                body, under = [], []
            out.append(rf"\subsection*{{{_latex_text(row[1])}}}")
            continue
        label, value, shape, note = row
        size = shape.replace("×", r" \times ")
        # the shape after the formula, as Markdown has it: a sentence above it opened with 2 × 1; before
        if steps:
            body.append((tex_label(label), rf"{value} \quad ({size})", note))
        else:
            body.append((tex_label(label), value, f"${size}$"))
        under.append(_latex_steps(label, result) if steps else [])
    if body:
        out += align(tagged(body, under))
    out += _assumption(result, say_latex, steps) + [_latex_text(c) for c in check_lines(result.check)]
    out += _numbers(result, "latex")
    return "\n".join(out) + "\n"


def _latex_steps(label: str, result) -> list[str]:
    """The engine's steps under a row, as Markdown and HTML list them: each an indented paragraph between
    the rows of the align*, its rule's name in bold, then its claim and why."""
    from .latex import _intertext

    from .fit import LINE_WIDTH, fit

    named = naming(latex, names(result))
    out = []
    # a claim beside its rule's name, indented: one that is wider is broken at its top-level signs (an inline
    # \left(…\right) cannot break, and a binary cross-entropy's ran past the margin)
    room = 0.7 * LINE_WIDTH
    for depth, rule, claim, why in step_lines(derivation(label, result), named, 0,
                                              _explained(lambda n: f"${named(n)}$", _latex_text),
                                              lambda f: f"${fit(f, room)}$", _latex_text):
        said = rf"{claim} \textemdash{{}} {why}" if claim and why else claim or why
        out.append(_intertext(rf"\textbf{{{_latex_text(rule)}}}: {said}", depth + 1))
    return out


# ---------------------------------------------------------------- Markdown


def _dollars(node) -> str:
    return f"${latex(node)}$"



def render_markdown(result, *, steps: bool = True) -> str:
    net = result.network
    forward = ", ".join(f"${latex(E.Sym(n, shape))} = {latex(v)}$" for n, shape, v in _forward(result))
    lines = [f"### {_title(net)}", "", f"{mm('deep.forward', capital=True)}: {forward}", ""]
    lines += [words for said in _defined(result, say_markdown, steps) for words in (said, "")]
    lines += [f"{mm('matrix.shapes', capital=True)}: " + ", ".join(
                  f"${latex(E.Sym(n, s))} \\in \\mathbb{{R}}^{{{s[0]} \\times {s[1]}}}$"
                  for n, s in result.shapes.items() if not n.startswith("delta")), ""]
    plain = [r for r in rows(result, unicode) if r[0] != "head"]
    notes = [r[3] for r in rows(result, latex, say_markdown) if r[0] != "head"]
    labels = [r[0] for r in plain]
    i = 0
    for row in rows(result, latex):
        if row[0] == "head":
            lines += ["", f"#### {row[1]}", ""]
            continue
        label, value, shape, _ = row
        lines.append(f"- ${tex_label(label)} = {value}$ $({_tex_times(shape)})$" + (f" — {notes[i]}" if steps else ""))
        if steps:
            from .markdown import _escape

            named = naming(latex, names(result))
            for depth, rule, claim, why in step_lines(derivation(labels[i], result), named, 0,
                                                      _explained(lambda n: f"${named(n)}$", _escape),
                                                      lambda f: f"${f}$"):
                said = f"{claim} — {why}" if claim and why else claim or why
                # the rule's name in bold, as every other command's Markdown names its rules
                lines.append(f"{'  ' * (depth + 1)}- **{rule}**: {said}")
        i += 1
    lines.append("")
    for layer in result.layers:
        l = layer.index
        grads = ", \\quad ".join(f"{tex_label(s.name)} = {latex(s.value)}" for s in layer.gradients.values())
        lines += callout(mm('deep.layer.output' if l == net.depth else 'deep.layer.hidden', capital=True, l=str(l)),
                         rf"\delta_{{{l}}} = {latex(layer.delta)}, \quad {grads}")
    lines += _assumption(result, say_markdown, steps) + check_lines(result.check) + _numbers(result, "markdown")
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- HTML


def _network_mathml(result) -> str:
    """x → y₁ = W₁x + b₁ → … → L, as one piece of MathML."""
    parts = [f"<mi>x</mi><mspace width=\"0.3em\"/><mtext>({_html.escape(str(result.network.sizes[0]))})</mtext>"]
    parts += [f"{mathml(E.Sym(name, shape))}<mo>=</mo>{mathml(value)}" for name, shape, value in _forward(result)]
    return "<math>" + "<mo>→</mo>".join(parts) + "</math>"


def _math(node) -> str:
    return f"<math>{mathml(node)}</math>"



def render_html(result, *, steps: bool = True, line: int | None = None) -> str:
    parts = [f"<section><h2>{_html.escape(_title(result.network))}</h2>",
             f"<p>{_network_mathml(result)}</p>", *(f"<p>{words}</p>" for words in _defined(result, say_html, steps))]
    parts += [html_shapes(result, mathml)] if steps else []
    items = []
    for plain, math in zip(rows(result, unicode), rows(result, mathml, say_html)):
        if plain[0] == "head":
            if items:
                parts.append('<ul class="steps">' + "".join(items) + "</ul>")
                items = []
            parts.append(f"<h3>{_html.escape(plain[1])}</h3>")
            continue
        label, _, shape, _ = plain
        why = f'<div class="why">{math[3]}</div>' if steps else ""
        named = naming(mathml, names(result))
        sub = "".join(f'<li style="margin-left:{depth}em"><span class="rule">{_html.escape(rule)}</span> '
                      f"{claim}<div class=\"why\">{why}</div></li>"
                      for depth, rule, claim, why in step_lines(derivation(label, result), named, 0,
                                                                _explained(lambda n: f"<math>{named(n)}</math>",
                                                                           _html.escape),
                                                                lambda f: f"<math>{f}</math>"))
        sub = f"<ul>{sub}</ul>" if sub and steps else ""
        items.append(f"<li><math>{Formula(label).mathml()}<mo>=</mo>{math[1]}</math> <math>{shape_mathml(shape)}</math>{why}{sub}"
                     "</li>")
    if items:
        parts.append('<ul class="steps">' + "".join(items) + "</ul>")
    parts += [f"<p>{c}</p>" for c in _assumption(result, say_html, steps)]
    parts += [f"<p>{_html.escape(c)}</p>" for c in check_lines(result.check)]
    parts += _numbers(result, "html")
    parts.append("</section>\n")
    return "".join(parts)


VIEWS = {"text": render_text, "json": record, "rich": render_rich, "latex": render_latex,
         "markdown": render_markdown, "html": render_html}

__all__ = ["VIEWS", "rows", "record"]


def _tex_times(shape: str) -> str:
    """m×n as LaTeX writes it in a row's shape (m \\times n)."""
    return shape.replace("×", r" \times ")
