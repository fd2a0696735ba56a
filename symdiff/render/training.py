"""Every human view of backprop's numbers (`symdiff.matrix.training.NumericPass`): plain text, Markdown,
LaTeX, HTML (MathML) and Rich. The JSON view is `NumericPass.record()`.

Each view is one function a renderer of `backprop --layers` calls with the pass and the language and
places after the derivation: `text_lines`, `markdown_lines`, `latex_lines`, `html_section`,
`rich_renderable`. They print the same items in the same order: the forward values and the loss; from
the output layer back each δ_l, ∂L/∂W_l and ∂L/∂b_l, then ∂L/∂x; the step (when --lr is given); notes.
"""

from __future__ import annotations

import html as _html

from ..matrix.messages import training_message as _msg
from ..matrix.training import NumericPass
from .notation import tex_label

DIGITS = 6


def _num(v, minus: str = "−") -> str:
    from ..matrix.training import loss_text

    # a loss too small for a float keeps its exponent (4.84131e−76235), not "0"
    return loss_text(v).replace("-", minus)


def _relation(value) -> str:
    """"=" before a number, vector or matrix whose every decimal shown is its value, "≈" where one was
    rounded (σ(0.5) ≈ 0.622459): a teacher reads "=" as exact."""
    from ..features.approx import relation_of

    return relation_of(value)


def _tex_relation(value) -> str:
    return "=" if _relation(value) == "=" else r"\approx"


def _rows(m) -> list[list]:
    return [[m[i, j] for j in range(m.cols)] for i in range(m.rows)]


def _is_vector(m) -> bool:
    return m.cols == 1


# ---------------------------------------------------------------- the items every view shows


def _items(p: NumericPass, lang: str) -> list[tuple]:
    """(kind, ...) in the order shown: ("heading" | "subheading" | "layer" | "line" | "note", words),
    ("equation", its left side in Unicode math, a matrix), ("loss", the word for it, the number)."""
    out: list[tuple] = [("heading", _msg("training.heading", lang))]
    if p.sizes:
        out.append(("line", _msg("training.sizes", lang,
                                 sizes=", ".join(f"{k} = {v}" for k, v in p.sizes.items()))))
    depth = p.network.depth
    out.append(("subheading", _msg("training.forward", lang)))
    for l in range(1, depth + 1):
        out.append(("equation", f"y{l} = W{l}·a{l - 1} + b{l}" if l > 1 else "y1 = W1·x + b1", p.ys[l - 1]))
        # the output is z and only z, as the derivation above names it (a second name, a_L, reads as another quantity)
        name = "z" if l == depth else f"a{l}"
        fn = p.network.activation(l)
        applied = f"y{l}" if fn == "identity" else f"{_math_name(fn)}(y{l})"  # as the forward pass above writes it
        out.append(("equation", f"{name} = {applied}", p.activations[l]))
    out.append(("loss", _msg("training.loss", lang), p.loss))
    out.append(("subheading", _msg("training.backward", lang)))
    for l in range(depth, 0, -1):
        out.append(("layer", _msg("training.layer", lang, layer=l)))
        out += [("equation", label, value) for label, value in _hidden_delta(p, l, lang)]
        out.append(("equation", _delta_label(p, l, lang), p.deltas[l - 1]))
        out.append(("equation", _msg("training.grad_W", lang, layer=l, previous=l - 1).replace("a0", "x"),
                    p.grad_W[l - 1]))
        out.append(("equation", _msg("training.grad_b", lang, layer=l), p.grad_b[l - 1]))
    out.append(("equation", _msg("training.grad_x", lang), p.grad_x))
    u = p.update
    if u is not None:
        out.append(("subheading", _msg("training.step", lang, lr=f"{u.lr:g}")))
        for l in range(depth, 0, -1):
            out.append(("equation", f"W{l} ← W{l} − η·∂L/∂W{l}", u.weights[f"W{l}"]))
            out.append(("equation", f"b{l} ← b{l} − η·∂L/∂b{l}", u.weights[f"b{l}"]))
        verdict = _msg("training.went_down" if u.went_down else "training.went_up", lang)
        change = _msg("training.loss_change", lang, before=_num(p.loss), after=_num(u.loss_after))
        out.append(("line", f"{change}: {verdict}"))
    for note in p.notes:
        out.append(("note", note.message(lang)))
    return out


def _math_name(fn: str) -> str:
    """An activation as the derivation's formulas write it (σ, not the code-like sigmoid)."""
    from ..matrix.table import FUNCTIONS

    return FUNCTIONS[fn].unicode_name if fn in FUNCTIONS else fn  # identity is no function of the table


def _hidden_delta(p: NumericPass, l: int, lang: str) -> list[tuple]:
    """For a hidden layer, the two factors of δ_l = σ′(y_l) ⊙ (W_{l+1}ᵀδ_{l+1}) as numbers, so that a
    student can check δ_l entry by entry; nothing for the output layer. The factors come in the order the
    derivation above writes δ_l, the chain rule's (∂a_l/∂y_l)ᵀ·∂L/∂a_l, so the two read alike."""
    if l == p.network.depth or not p.backs:
        return []
    back = [(_msg("training.back", lang, next=l + 1), p.backs[l - 1])]
    if p.network.activation(l) == "identity":  # δ_l = W_{l+1}ᵀδ_{l+1} itself: its slope is 1 everywhere
        return back
    return [(_msg("training.slope", lang, fn=_math_name(p.network.activation(l)), layer=l), p.slopes[l - 1])] + back


def _delta_label(p: NumericPass, l: int, lang: str) -> str:
    """δ_l = ∂L/∂y_l, and for a hidden layer with a slope the product its factors above make, so that the
    numbers state how δ_l is made in the derivation's order."""
    if l == p.network.depth or not p.backs or p.network.activation(l) == "identity":
        return _msg("training.delta", lang, layer=l)
    return _msg("training.hidden_delta", lang, layer=l, next=l + 1, fn=_math_name(p.network.activation(l)))


# ---------------------------------------------------------------- plain text


def text_block(value) -> list[str]:
    """A number, a vector written as a row with ᵀ, or a matrix in brackets over several lines:
    ⎡ 0.1  0.2 ⎤ / ⎣ 0.3  0.4 ⎦."""
    if not hasattr(value, "rows"):
        return [_num(value)]
    if _is_vector(value):
        return ["[" + ", ".join(_num(value[i, 0]) for i in range(value.rows)) + "]ᵀ"]
    cells = [[_num(v) for v in row] for row in _rows(value)]
    widths = [max(len(row[j]) for row in cells) for j in range(value.cols)]
    body = ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
    if len(body) == 1:
        return [f"[ {body[0]} ]"]
    marks = [("⎡", "⎤")] + [("⎢", "⎥")] * (len(body) - 2) + [("⎣", "⎦")]
    return [f"{left} {line} {right}" for (left, right), line in zip(marks, body)]


def _beside(label: str, block: list[str]) -> list[str]:
    """`label = ` before the block's middle line, the other lines indented under it."""
    middle = (len(block) - 1) // 2
    pad = " " * len(label)
    return [(label if i == middle else pad) + line for i, line in enumerate(block)]


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscripted(label: str) -> str:
    """W1 → W₁, δ2 → δ₂: a layer's number as the derivation above the numbers writes it."""
    import re

    return re.sub(r"(?<=[A-Za-zδ])[0-9]+", lambda m: m.group().translate(_SUBSCRIPTS), label)


def text_lines(p: NumericPass, lang: str = "en") -> list[str]:
    """Plain text (Unicode), one list entry per line."""
    lines: list[str] = []
    for item in _items(p, lang):
        kind = item[0]
        if kind == "heading":
            lines.append(item[1])
        elif kind == "subheading":
            lines.append(f"  {item[1]}")
        elif kind == "layer":
            lines.append(f"    {item[1]}")
        elif kind == "equation":
            lines += _beside(f"      {subscripted(item[1])} {_relation(item[2])} ", text_block(item[2]))
        elif kind == "loss":
            lines.append(f"      {item[1]} L {_relation(item[2])} {_num(item[2])}")
        elif kind == "note":
            lines.append(f"  note: {item[1]}" if lang == "en" else f"  참고: {item[1]}")
        else:
            lines.append(f"  {item[1]}")
    return lines


# ---------------------------------------------------------------- LaTeX and Markdown

def latex_value(value) -> str:
    """A number, or a bmatrix (a vector as a column)."""
    if not hasattr(value, "rows"):
        return _num(value, "-")
    rows = r" \\ ".join(" & ".join(_num(v, "-") for v in row) for row in _rows(value))
    return r"\begin{bmatrix} " + rows + r" \end{bmatrix}"


def _tex_words(text: str) -> str:
    from .latex import escape_text

    return escape_text(text)


def _fitted(label: str, value: str, relation: str = "=") -> str:
    """label = value within the line: the value below its label when both do not fit side by side,
    and a matrix too wide even for a line of its own set in smaller type (numbers cannot be broken)."""
    from .fit import LINE_WIDTH, fit, width

    if width(value) > LINE_WIDTH - 20:
        value = rf"\text{{\scriptsize ${value}$}}"
    return fit(f"{label} {relation} {value}")


def latex_lines(p: NumericPass, lang: str = "en") -> list[str]:
    """LaTeX (amsmath): words as paragraphs, each value as a displayed equation."""
    from .latex import set_apart

    lines: list[str] = []
    for item in _items(p, lang):
        kind = item[0]
        if kind == "heading":
            lines.append(rf"\paragraph{{{_tex_words(item[1])}}}")
        elif kind in ("subheading", "layer"):  # a paragraph of its own, as each line of words is
            lines += [rf"\noindent\textbf{{{_tex_words(item[1])}}}", ""]
        elif kind == "equation":
            lines.append(rf"\[ {_fitted(tex_label(item[1]), latex_value(item[2]), _tex_relation(item[2]))} \]")
        elif kind == "loss":
            lines.append(rf"\[ \text{{{_tex_words(item[1])}}}\ L {_tex_relation(item[2])} {latex_value(item[2])} \]")
        else:
            lines += set_apart(rf"\noindent {_tex_words(item[1])}")
    return lines


def markdown_lines(p: NumericPass, lang: str = "en") -> list[str]:
    """Markdown with $$…$$ math (pastes into an Obsidian note)."""
    lines: list[str] = []
    for item in _items(p, lang):
        kind = item[0]
        if kind == "heading":
            lines += [f"### {item[1]}", ""]
        elif kind == "subheading":
            lines += [f"**{item[1]}**", ""]
        elif kind == "layer":
            lines += [f"*{item[1]}*", ""]
        elif kind == "equation":
            lines += [f"$${tex_label(item[1])} {_tex_relation(item[2])} {latex_value(item[2])}$$", ""]
        elif kind == "loss":
            lines += [f"$$\\text{{{item[1]}}}\\ L {_tex_relation(item[2])} {latex_value(item[2])}$$", ""]
        elif kind == "note":
            lines += [f"> {item[1]}", ""]
        else:
            lines += [item[1], ""]
    return lines


# ---------------------------------------------------------------- HTML (MathML)


def _mi(label: str) -> str:
    return f"<mtext>{_html.escape(subscripted(label))}</mtext>"  # a₁, W₂ as the derivation above writes them


def mathml_value(value) -> str:
    if not hasattr(value, "rows"):
        return f"<mn>{_html.escape(_num(value))}</mn>"
    body = "".join("<mtr>" + "".join(f"<mtd><mn>{_html.escape(_num(v))}</mn></mtd>" for v in row) + "</mtr>"
                   for row in _rows(value))
    return f"<mrow><mo>[</mo><mtable>{body}</mtable><mo>]</mo></mrow>"


def html_section(p: NumericPass, lang: str = "en") -> str:
    """A <section> with each value as a MathML matrix."""
    parts = ['<section class="numeric">']
    for item in _items(p, lang):
        kind, words = item[0], _html.escape(item[1])
        if kind == "heading":
            parts.append(f"<h2>{words}</h2>")
        elif kind == "subheading":
            parts.append(f"<h3>{words}</h3>")
        elif kind == "layer":
            parts.append(f"<h4>{words}</h4>")
        elif kind in ("equation", "loss"):
            left = _mi(item[1] + (" L" if kind == "loss" else ""))
            parts.append(f'<p><math display="block">{left}<mo>{_relation(item[2])}</mo>{mathml_value(item[2])}</math></p>')
        elif kind == "note":
            parts.append(f'<p class="held">{words}</p>')
        else:
            parts.append(f"<p>{words}</p>")
    parts.append("</section>")
    return "\n".join(parts)


# ---------------------------------------------------------------- Rich


def rich_renderable(p: NumericPass, lang: str = "en"):
    """A Rich Group: the loss, a table of each layer's δ and gradients (output layer first) and, with a
    step, the new weights; words as Text, never markup."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    def cell(value) -> Text:
        return Text("\n".join(text_block(value)))

    depth = p.network.depth
    parts: list = [Text(_msg("training.heading", lang), style="bold magenta")]
    if p.sizes:
        parts.append(Text(_msg("training.sizes", lang, sizes=", ".join(f"{k} = {v}" for k, v in p.sizes.items()))))
    parts.append(Text(f"{_msg('training.loss', lang)} L {_relation(p.loss)} {_num(p.loss)}", style="bold"))
    u = p.update
    if u is not None:  # the table below shows the step's new weights
        parts.append(Text(_msg("training.step", lang, lr=f"{u.lr:g}")))
    # one row per matrix, not one column: a wide matrix wrapped inside a narrow cell no longer reads as one
    table = Table(title=_msg("training.backward", lang), show_header=False, box=box.SIMPLE_HEAD)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column(no_wrap=True)
    for l in range(depth, 0, -1):
        table.add_row(Text(_msg("training.layer", lang, layer=l), style="bold magenta"), Text(""))
        for label, value in _hidden_delta(p, l, lang):
            table.add_row(subscripted(label), cell(value))
        table.add_row(subscripted(_delta_label(p, l, lang)), cell(p.deltas[l - 1]))
        table.add_row(subscripted(_msg("training.grad_W", lang, layer=l, previous=l - 1).replace("a0", "x")),
                      cell(p.grad_W[l - 1]))
        table.add_row(subscripted(_msg("training.grad_b", lang, layer=l)), cell(p.grad_b[l - 1]))
        if p.update is not None:
            table.add_row(subscripted(f"W{l} ← W{l} − η·∂L/∂W{l}"), cell(p.update.weights[f"W{l}"]))
            table.add_row(subscripted(f"b{l} ← b{l} − η·∂L/∂b{l}"), cell(p.update.weights[f"b{l}"]))
        if l > 1:
            table.add_section()
    parts.append(_SaysWhenCut(table, _msg("training.cut", lang)))
    parts.append(Text(f"{subscripted(_msg('training.grad_x', lang))} {_relation(p.grad_x)} " + " ".join(text_block(p.grad_x))))
    if u is not None:
        verdict = _msg("training.went_down" if u.went_down else "training.went_up", lang)
        change = _msg("training.loss_change", lang, before=_num(p.loss), after=_num(u.loss_after))
        parts.append(Text(f"{change}: {verdict}", style="bold green" if u.went_down else "bold red"))
    for note in p.notes:
        parts.append(Text(note.message(lang), style="yellow"))
    return Group(*parts)


class _SaysWhenCut:
    """The table, and after it one line when the console is too narrow for it: its cells do not wrap
    (a wrapped matrix no longer reads as one), so Rich cuts them with …, and the reader must know that
    numbers are missing and where to find them all."""

    def __init__(self, table, words: str):
        self.table, self.words = table, words

    def __rich_console__(self, console, options):
        from rich.measure import Measurement
        from rich.text import Text

        yield self.table
        wide = options.update_width(10**6)  # Measurement.get clamps to the width it is given
        if Measurement.get(console, wide, self.table).maximum > options.max_width:
            yield Text(self.words, style="yellow")


__all__ = ["text_lines", "markdown_lines", "latex_lines", "html_section", "rich_renderable", "text_block",
           "latex_value", "mathml_value"]
