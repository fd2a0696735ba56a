"""Every view of a matrix-calculus result (`symdiff matrix`): text, JSON, Rich, LaTeX, Markdown, HTML.

Renderers only read the result: the step tree of differentials, the read-off and the layout.
"""

from __future__ import annotations

import re

from ..core.written import Formula, shape_mathml

import html as _html

from ..core.messages import LANGUAGE, _capitalized, message, named_explanation, rule_label
from ..matrix.api import MatrixResult, explain_step, step_dict
from ..matrix.folding import canonical
from ..matrix.messages import matrix_message
from ..matrix.printing import latex, latex_data, mathml, text, unicode
from . import bare_without_steps
from .markup import begun, callout, stopped, with_math
from .notation import tex_label


def _shape(shape) -> str:
    return f"{shape[0]}×{shape[1]}"


def _shapes_line(result) -> str:
    return ", ".join(f"{name} {_shape(shape)}" for name, shape in result.shapes.items())


def _kind_line(result, printer=str) -> str:
    return stopped(message("matrix.kind.line", printer, kind=message(f"matrix.kind.{result.kind}", printer,
                                                                    capital=True),
                           name=message(_name_key(result), printer),
                           why=message(_why_key(result), printer)))


def _name_key(result) -> str:
    """The catalogue key of the layout's name: Korean has no settled name for the mixed layout and says it
    in words, by the layout it follows for this kind of derivative (a gradient's is not a Jacobian's)."""
    if result.layout != "mixed":
        return f"matrix.layout.name.{result.layout}"
    return "matrix.layout.name." + _why_key(result).removeprefix("matrix.layout.why.")


def _why_key(result) -> str:
    """The catalogue key of what the layout means for this derivative (the mixed layout's rule has a
    part for each kind; only the one that applies is said)."""
    if result.layout != "mixed":
        return f"matrix.layout.why.{result.layout}"
    if result.kind.startswith("scalar_by_"):
        return "matrix.layout.why.mixed.scalar"
    return "matrix.layout.why.mixed.vector" if result.kind == "vector_by_vector" else "matrix.layout.why.mixed.by_scalar"


def _kind_words(result, wrap, escape) -> str:
    """The kind line in a document, its sizes (m×n) set as math."""
    return with_math(lambda printer: _kind_line(result, printer), wrap, escape)


def _defined(result, say, steps: bool = True) -> list[str]:
    """The sentences that define σ (and relu's step) and the notation ⊙, 𝟏, ⟨·, ·⟩ where what the view
    prints uses them, before the steps: a teacher read d(σ(Wx + b)) = σ(U) ⊙ (𝟏 − σ(U)) ⊙ (W·dx) with
    none of them said (as backprop's derivations say them)."""
    from .network import _notation

    printed = [unicode(result.expr), unicode(result.derivative)]
    if steps:
        printed += [line for shown in board(result.steps) for line in _tree_lines(shown, "1.", "")]
    printed = " ".join(printed)
    return bp_named(["sigmoid", "relu"], say, printed) + _notation(result, say, printed)


def is_plan(step) -> bool:
    """Whether a row is a read-off's plan (`ReadOff.plan`): its claim is df = …, what it plans to read."""
    return getattr(step, "key", None) == "matrix.read_off.plan"


def differential_of(step):
    """df of a read-off's plan, d and the name of what is differentiated (f, L)."""
    from ..matrix.expr import Differential
    from ..matrix.stated import _function

    return Differential(_function(step))


def naming(printer, named: dict):
    """`printer` that writes each quantity of `named` by its name: once named, a quantity is written by
    its name, never again in full."""
    if not named:
        return printer

    class Named(type(printer)):
        def p(self, node):
            return super().p(named.get(node, node))

    out = Named()
    out.__dict__.update(printer.__dict__)
    out.named = named
    return out


def derived(step, printer):
    """`printer` for what a row derives (its result, and a read-off's df): the arguments a chain rule above
    has named (U = Wx + b) by their names (`MatrixStep.names`); the expression differentiated is the
    problem's own, and keeps its full form."""
    return naming(printer, getattr(step, "names", None) or {})


_TERM_READ_OFFS = ("matrix.read_off.term", "matrix.read_off.jacobian.term")


def read_claim(step, printer, math=lambda m: m, words=lambda w: w) -> str:
    """A read-off's claim: ∂f/∂x = G where it reads the derivative off (an equality), and "(dx)ᵀAᵀ(Ax − b)
    contributes Aᵀ(Ax − b)" in words where one term gives its part (no ⇒, which a reader takes for
    "implies"). `printer` prints the formulas, `math` makes math of them and `words` sets the words."""
    named = derived(step, printer)
    if step.key not in _TERM_READ_OFFS:
        from ..matrix.stated import _function

        return math(named(Formula("∂{f}/∂{x} = {g}", f=_function(step), x=step.var, g=step.result)))
    said = message("matrix.read_off.contributes", lambda n: "\x02" + named(n) + "\x03",
                   term=step.expr, part=step.result)
    out = []
    for i, piece in enumerate(re.split("[\x02\x03]", said)):
        if piece:
            out.append(math(piece) if i % 2 else words(piece))
    return "".join(out)


def _claim(step, printer) -> str:
    named = derived(step, printer)
    if is_plan(step):
        return f"{printer(differential_of(step))} = {named(step.expr)}"
    if step.rule == "read_off":
        return read_claim(step, printer)
    return f"d({printer(step.expr)}) = {named(step.result)}"


def _heading(wrap, escape, symbol: str, f: str) -> str:
    """A document's heading, as the scalar documents name theirs: "∂f/∂x of f = xᵀAx" (`document.heading`),
    `symbol` and `f` markup of the format, `wrap` making math of markup and `escape` the words."""
    words = escape(message("document.heading", symbol="\x00", f="\x01"))
    return words.replace("\x00", wrap(symbol)).replace("\x01", wrap(f))


def _latex_text_md(s: str) -> str:
    from .markdown import _escape

    return _escape(s)


def check_lines(check) -> list[str]:
    if check is None:
        return []
    if check.points == 0 and check.ok:
        key = "matrix.check.unresolved" if check.unresolved else "matrix.check.none"
        return [stopped(matrix_message(key, capital=True))]
    from ..core.check import TOLERANCE

    key = "matrix.check.failed" if not check.ok else "matrix.check.one" if check.points == 1 else "matrix.check"
    return [stopped(matrix_message(key, capital=True, points=str(check.points), error=readable(check.max_error),
                                   tolerance=readable(TOLERANCE)))]


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def readable(v: float) -> str:
    """A relative difference as a student reads it: 0.35, 3.2 × 10⁻⁴, 10⁻⁹ (never 3.2e-04); ∞ where the
    shapes differed."""
    import math

    if math.isinf(v) or math.isnan(v):
        return "∞"
    if v == 0 or v >= 0.01:
        return f"{v:.2g}"
    mantissa, _, exponent = f"{v:.1e}".partition("e")
    power = f"10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    mantissa = mantissa.removesuffix(".0")
    return power if mantissa == "1" else f"{mantissa} × {power}"


def _symbol(result, printer) -> str:
    return f"∂f/∂{printer(result.wrt)}"


# ---------------------------------------------------------------- text


# The text view is read by people: its matrices are written as the terminal writes them (xᵀAx, not
# x.T*A*x); JSON's records keep the syntax that reads back.

def board(steps, top: bool = True) -> list[tuple]:
    """(step, its shown substeps as pairs again) in the order a teacher writes them on the board: the
    differential's steps, then each term's read-off, then the read-off that adds the terms up to the
    result, never the result before the work that gives it; a df of several terms is read off as a teacher
    says it, the plan first (write each term in the form gᵀdx), then each term, then their sum. A substep
    d(x) = dx only restates the differential of a variable and is left out (JSON keeps every step)."""
    out: list[tuple] = []
    for step in steps:
        if not top and step.rule == "identity" and not step.substeps:
            continue
        if step.rule == "read_off" and step.substeps:
            if getattr(step, "plan", None) is not None:
                out.append((step.plan, []))
            out += board(step.substeps, top)
            out.append((step, []))
        elif _inside_first(step):
            # d σ(U) = σ′(U) ⊙ dU needs dU: a teacher works dU out first, then uses it, never "dU is worked
            # out below"
            out += board(step.substeps, False)
            out.append((step, []))
        else:
            out.append((step, board(step.substeps, False)))
    return out


def _inside_first(step) -> bool:
    """Whether a step's words use the differential of its inner argument (a chain rule's dU, the analytic
    trace's), which its substeps derive: those rows come before it."""
    return bool(step.substeps) and (step.rule == "chain" or step.message == "matrix.trace.analytic")


def _tree_lines(shown: tuple, prefix: str, indent: str) -> list[str]:
    step, subs = shown
    name, why = _named(step, unicode)
    # the tag leaves out the gloss the explanation's head gives (연쇄 법칙), as the scalar tree's tag does:
    # "(합성함수의 미분법(연쇄 법칙))" nests brackets
    tag = re.sub(r"\s*\([^()]*\)$", "", name) if name else name
    lines = [f"{indent}{prefix} {_claim(step, unicode)}   ({tag})"]
    pad = indent + " " * (len(prefix) + 1)
    if why:
        lines.append(pad + why)
    for i, sub in enumerate(subs, 1):
        lines.extend(_tree_lines(sub, f"{prefix}{i}.", pad))
    return lines


@bare_without_steps
def render_text(result, *, steps: bool = True, line: int | None = None) -> str:
    if not steps:  # as partial's: bare alone, named by its line in a batch
        where = f"{message('line', line=line)}: {_symbol(result, unicode)} = " if line is not None else ""
        return "\n".join([where + unicode(result.derivative)] + check_lines(result.check))
    lines = [f"{message('line', line=line)}: {result.input}"] if line is not None else []
    lines.append(f"f = {unicode(result.expr)}   ({_shape(result.expr.shape)})")
    lines.append(f"{matrix_message('matrix.shapes', capital=True)}: {_shapes_line(result)}")
    lines.append(_kind_line(result))
    lines.extend(_defined(result, _say_text))
    lines.append("")
    for i, shown in enumerate(board(result.steps), 1):
        lines.extend(_tree_lines(shown, f"{i}.", "  "))
    lines.append("")
    lines.append(f"{_symbol(result, unicode)} = {unicode(result.derivative)}   ({_shape(result.shape)})")
    lines.extend(check_lines(result.check))
    return "\n".join(lines)


# ---------------------------------------------------------------- JSON


def record(result, *, steps: bool = True, line: int | None = None) -> dict:
    out = result.to_dict()
    if line is not None:
        out = {"command": out["command"], "input": out["input"], "line": line,
               **{k: v for k, v in out.items() if k not in ("command", "input")}}
    if not steps:
        out.pop("steps")
    return out


# ---------------------------------------------------------------- Rich


def render_rich(result, console, *, steps: bool = True, line: int | None = None) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text
    from rich.tree import Tree

    parts = []
    head = Text()
    head.append("f = ", "bold")
    head.append(unicode(result.expr), "bold")
    head.append(f"   ({_shape(result.expr.shape)})", "dim")
    parts.append(head)
    parts.append(Text(f"{matrix_message('matrix.shapes', capital=True)}: {_shapes_line(result)}", "dim"))
    parts.append(Text(_kind_line(result), "yellow"))
    parts.extend(Text(words) for words in _defined(result, _say_text, steps))
    if steps:
        for step, subs in board(result.steps):
            tree = Tree(_label(step, Text), guide_style="dim")
            _add(subs, tree, Text)
            parts.append(tree)
    answer = Text()
    answer.append(f"{_symbol(result, unicode)} = ", "bold")
    answer.append(unicode(result.derivative), "bold green")
    answer.append(f"   ({_shape(result.shape)})", "dim")
    parts.append(answer)
    for check_line in check_lines(result.check):
        parts.append(Text(check_line, "green" if result.check.ok else "bold red"))
    name = matrix_message("matrix.title")
    title = f"{message('line', line=line)}: {name}" if line is not None else name
    console.print(Panel(Group(*parts), title=title, title_align="left", expand=False))


def _label(step, Text):
    name, why = _named(step, unicode)
    label = Text()
    label.append(name, "bold cyan")
    label.append("  ")
    label.append(_claim(step, unicode), "bold")
    if why:
        label.append("\n")
        label.append(why, "italic dim")
    return label


def _add(shown: list, tree, Text) -> None:
    for sub, subs in shown:
        node = tree.add(_label(sub, Text))
        _add(subs, node, Text)


# ---------------------------------------------------------------- LaTeX


def _latex_text(s: str) -> str:
    from .latex import escape_text

    return escape_text(s)


def _latex_lines(shown: tuple, out: list) -> None:
    """(lhs, rhs, tag) of each step, for `latex.tagged`."""
    step, subs = shown
    tag = _latex_text(labelled(rule_label(step.rule)))
    if getattr(step, "earlier", None) is not None:  # worked out in a row above: the tag says so
        tag = _latex_text(labelled(matrix_message("matrix.again.tag", rule=rule_label(step.rule))))
    named = derived(step, latex)
    if is_plan(step):
        out.append((latex(differential_of(step)), named(step.expr), tag))
    elif step.rule == "read_off":
        out.append(("", read_claim(step, latex, words=lambda w: rf"\text{{{_latex_text(w)}}}"), tag))
    else:
        out.append((rf"\mathrm{{d}}\left({latex(step.expr)}\right)", named(step.result), tag))
    for sub in subs:
        _latex_lines(sub, out)


def render_latex(result, *, steps: bool = True) -> str:
    from .latex import align, tagged

    wrt = latex(result.wrt)
    heading = _heading(lambda m: f"${m}$", _latex_text, rf"\frac{{\partial f}}{{\partial {wrt}}}",
                       f"f = {latex(result.expr)}")
    lines = [rf"\noindent\textbf{{{heading}}}", ""]
    from .latex import set_apart

    lines += [line for words in _defined(result, _say_latex, steps) for line in set_apart(rf"\noindent {words}")]
    if steps:
        body: list[str] = []
        for shown in board(result.steps):
            _latex_lines(shown, body)
        lines += align(tagged(body))
    tag = f"${_latex_shape(result.shape)}$, {_latex_text(matrix_message(_name_key(result)))}"
    lines += align(tagged([(rf"\frac{{\partial f}}{{\partial {wrt}}}", latex(result.derivative), tag)]))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- Markdown


def _named(step, printer) -> tuple[str, str]:
    """A document's label for a step and its explanation without the rule's name it begins with, so
    that a line names its rule once (as the scalar documents do, `markup.labelled`). Only a name
    that names the rule is taken ("원소별 합성함수의 미분법"), not the words of a sentence before a colon
    ("read the gradient off the differential: …")."""
    label = rule_label(step.rule)
    # the label is set apart, so the words after it are a sentence of their own
    name, why = named_explanation(step, printer, capital=True)
    if name is None or label.lower() not in name.lower():
        return labelled(label), stopped(begun(explain_step(step, printer, capital=True)))
    return labelled(name), stopped(begun(why))


def labelled(name: str) -> str:
    """A rule's name as a label, as `symdiff partial` sets its rules apart ("Product rule"): a capital in
    English in every view and command, the text view's tag and backprop's rows too (Korean has no case)."""
    return _capitalized(name, name, LANGUAGE.get() == "en")


def _md_steps(shown: tuple, depth: int, out: list[str]) -> None:
    step, subs = shown
    pad = "  " * depth
    named = derived(step, latex)
    if is_plan(step):
        claim = rf"${latex(differential_of(step))} = {named(step.expr)}$"
    elif step.rule == "read_off":
        claim = read_claim(step, latex, lambda m: f"${m}$", _latex_text_md)
    else:
        claim = rf"$\mathrm{{d}}\left({latex(step.expr)}\right) = {named(step.result)}$"
    name, why = _named(step, lambda n: f"${latex(n)}$")
    out.append(f"{pad}- **{name}**: {claim}" + (f" — {why.replace(chr(10), ' ')}" if why else ""))
    for sub in subs:
        _md_steps(sub, depth + 1, out)


def render_markdown(result, *, steps: bool = True) -> str:
    wrt = latex(result.wrt)
    lines = ["### " + _heading(lambda m: f"${m}$", _latex_text_md, rf"\frac{{\partial f}}{{\partial {wrt}}}",
                               f"f = {latex(result.expr)}"), "",
             f"{matrix_message('matrix.shapes', capital=True)}: " + ", ".join(
                 f"${latex_name(name)} \\in \\mathbb{{R}}^{{{_latex_shape(shape)}}}$"
                 for name, shape in result.shapes.items()),
             "", f"*{_kind_words(result, lambda f: f'${f.latex()}$', _latex_text_md)}*", ""]
    lines += [words for said in _defined(result, _say_markdown, steps) for words in (said, "")]
    if steps:
        for shown in board(result.steps):
            _md_steps(shown, 0, lines)
        lines.append("")
    lines += callout(_latex_text_md(message("document.result")),
                     rf"\frac{{\partial f}}{{\partial {wrt}}} = {latex(result.derivative)}")
    lines += [f"{line}" for line in check_lines(result.check)]
    return "\n".join(lines) + "\n"


def latex_name(name: str) -> str:
    from ..matrix.printing import _latex_name

    return _latex_name(name)


def _latex_shape(shape) -> str:
    return rf"{shape[0]} \times {shape[1]}"


# ---------------------------------------------------------------- HTML


def _shapes_mathml(result, printer=None) -> str:
    """A ∈ ℝⁿˣⁿ, x ∈ ℝⁿˣ¹, as the Markdown view writes them (a network's δ's are no symbols of it)."""
    from ..matrix.expr import Sym

    printer = printer or mathml
    return ", ".join(f"<math>{printer(Sym(name, shape))}<mo>∈</mo><msup><mi>ℝ</mi>"
                     f"{Formula(_shape(shape)).mathml()}</msup></math>" for name, shape in result.shapes.items()
                     if not name.startswith("delta"))


def html_shapes(result, printer) -> str:
    """The shapes' paragraph of a backprop page, as its text view states them before the rows."""
    return f"<p>{_html.escape(matrix_message('matrix.shapes', capital=True))}: {_shapes_mathml(result, printer)}</p>"


def _shape_mathml(shape) -> str:
    """The result's shape, inside the display math: after the result on its line, as a textbook
    notes it, not under it on a line of its own."""
    return f'<mspace width="2em"/><mtext>({_html.escape(_shape(shape))})</mtext>'


def render_html(result, *, steps: bool = True, line: int | None = None) -> str:
    def m(node) -> str:
        return f"<math>{mathml(node)}</math>"

    def item(shown: tuple) -> str:
        step, subs = shown
        named = derived(step, mathml)
        if is_plan(step):
            claim = f"<math>{mathml(differential_of(step))}<mo>=</mo>{named(step.expr)}</math>"
        elif step.rule == "read_off":
            claim = read_claim(step, mathml, lambda m: f"<math>{m}</math>", _html.escape)
        else:
            claim = (f"<math><mi mathvariant=\"normal\">d</mi><mrow><mo>(</mo>{mathml(step.expr)}<mo>)</mo></mrow>"
                     f"<mo>=</mo>{named(step.result)}</math>")
        names: list[str] = []

        def said(printer) -> str:
            name, body = _named(step, printer)
            names.append(name)
            return body

        why = with_math(said, lambda v: f"<math>{mathml(v)}</math>", _html.escape).replace(chr(10), " ")
        name = names[0]
        inner = "".join(item(s) for s in subs)
        children = f"<ul>{inner}</ul>" if inner else ""
        return (f'<li><span class="rule">{_html.escape(name)}</span>{claim}'
                f'<div class="why">{why}</div>{children}</li>')

    title = f"{message('line', line=line)}: " if line is not None else ""
    symbol = f"<mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo>{mathml(result.wrt)}</mrow></mfrac>"
    heading = _heading(lambda markup: f"<math>{markup}</math>", _html.escape, symbol,
                       f"<mi>f</mi><mo>=</mo>{mathml(result.expr)}")
    parts = [f"<section><h2>{_html.escape(title)}{heading}</h2>",
             f"<p>{_html.escape(matrix_message('matrix.shapes', capital=True))}: {_shapes_mathml(result)}</p>",
             f"<p><em>{_kind_words(result, lambda f: f'<math>{f.mathml()}</math>', _html.escape)}</em></p>"]
    parts += [f"<p>{words}</p>" for words in _defined(result, _say_html, steps)]
    if steps:
        parts.append('<ul class="steps">' + "".join(item(s) for s in board(result.steps)) + "</ul>")
    parts.append(f'<p class="result"><math display="block"><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo>'
                 f"{mathml(result.wrt)}</mrow></mfrac><mo>=</mo>{mathml(result.derivative)}"
                 f"{_shape_mathml(result.shape)}</math></p>")
    parts += [f"<p>{_html.escape(c)}</p>" for c in check_lines(result.check)]
    parts.append("</section>\n")
    return "".join(parts)


__all__ = ["render_text", "record", "render_rich", "render_latex", "render_markdown", "render_html",
           "check_lines", "step_dict"]


# ---------------------------------------------------------------- backprop


def _say_text(key: str, values: dict) -> str:
    return stopped(matrix_message(key, capital=True, **values))


def say_in(fmt: str, printer):
    """say(key, values): an explanation of the catalogue in `fmt` ("latex", "markdown", "html"), its
    words escaped for the format and its math printed by `printer` (LaTeX for the first two, MathML)."""

    def escape(text: str) -> str:
        if fmt == "markdown":
            from .markdown import _escape

            return _escape(text)
        return _latex_text(text) if fmt == "latex" else _html.escape(text)

    wrap = (lambda v: f"<math>{printer(v)}</math>") if fmt == "html" else (lambda v: f"${printer(v)}$")
    # a row's note is a sentence: a capital where it begins with a word, and a full stop
    return lambda key, values: stopped(with_math(lambda p: message(key, p, capital=True, **values), wrap, escape))


_say_latex, _say_markdown, _say_html = say_in("latex", latex), say_in("markdown", latex), say_in("html", mathml)


def _bp_rows(result, printer, say=_say_text):
    """(label, value, shape, note) for each line of the worked chain rule; the notes, with the formulas they
    state (`symdiff.matrix.stated`), said by `say` in the view's notation."""
    from ..matrix import stated

    def note(key: str, **values) -> str:
        m, n = result.shapes["W"]
        return say(key, {**stated.single(key, m, n), **values})

    rows = []
    for stage in result.stages:
        key = {"∂L/∂z": "backprop.dl_dz", "∂z/∂y": "backprop.dz_dy", "∂y/∂x": "backprop.dy_dx",
               "∂y/∂b": "backprop.dy_db"}[stage.name]
        components = stated.loss_gradient(result.loss, result.activation) if key == "backprop.dl_dz" else {}
        key += ".ce" if components else ""
        rows.append((stage.name, printer(stage.value), _shape(stage.value.shape), note(key, **components)))
    rows.append(("δ = ∂L/∂y", printer(result.delta_chain), _shape(result.delta.shape), note("backprop.chain")))
    for line in result.delta_lines:
        rows.append(("δ", printer(line.value), _shape(line.value.shape), note(line.key, delta="δ")))
    for name, g in result.gradients.items():
        rows.append((f"∂L/∂{name}", printer(g), _shape(g.shape), note(f"backprop.grad_{name}")))
    return rows


def _bp_results(rows: list) -> list:
    """The rows --no-steps keeps: δ in its last form and the gradients (the last three rows), the
    explanations emptied, as --layers keeps only its results."""
    deltas = [row for row in rows if row[0] == "δ"] or [row for row in rows if row[0].startswith("δ")]
    # δ is defined where it is first used, since the rows that defined it above are left out
    return [("δ = ∂L/∂y", value, shape, "") for _, value, shape, _ in deltas[-1:]] + [
        (label, value, shape, "") for label, value, shape, _ in rows[-3:]]


def _bp_forward(result, printer) -> tuple[str, str, str]:
    """y, z and L printed, L as a textbook states the loss (`symdiff.matrix.stated.loss`), not in the
    vector form the engine works with."""
    from ..matrix import stated

    (_, y), (_, z), _ = result.forward
    return printer(y), printer(z), printer(stated.loss(result.loss, result.activation))


def _bp_network(result, printer) -> str:
    y, z, L = _bp_forward(result, printer)
    return f"x → y = {y} → z = {z} → L = {L}"


def _bp_sizes(result) -> str:
    return ", ".join(f"{name} {_shape(shape)}" for name, shape in result.shapes.items())


def bp_named(activations, say=_say_text, shown: str | None = None) -> list[str]:
    """The sentences that define σ and step (relu′), under the forward pass that first writes them, for
    the network's `activations`; with `shown` (the plain text of the rows printed, as --no-steps has
    them), only a name that text writes."""
    from ..matrix import stated

    out = []
    for activation in dict.fromkeys(activations):
        if activation not in stated.NAMED_DERIVATIVES:
            continue
        key, slots = stated.NAMED_DERIVATIVES[activation]
        values = slots()
        name = next(iter(values.values())).unicode().split("(")[0]
        if shown is None or name in shown:
            out.append(say(key, values))
    return out


def _bp_named(result, say=_say_text, steps: bool = True) -> list[str]:
    """σ's definition and the notation (⊙, 𝟏, ⟨·, ·⟩) the printed rows use, before the first row: a
    teacher found ∂L/∂z = (𝟏 − t) ⊘ (𝟏 − z) − t ⊘ z with neither ⊙ nor 𝟏 ever said (as the network's
    derivation says them, `network._notation`)."""
    from .network import _notation

    from ..matrix import stated

    rows = _bp_rows(result, unicode)
    shown = None if steps else " ".join(value for _, value, _, _ in _bp_results(rows))
    printed = shown if shown is not None else " ".join(f"{value} {note}" for _, value, _, note in rows)
    # the symbols first, under the forward pass that states the loss; without steps too, where the results
    # write x, W, δ and L with nothing else to say what they are
    symbols = [say(*stated.symbols(result.loss, "sigmoid"))]
    return symbols + bp_named([result.activation], say, shown) + _notation(result, say, printed)


def numbered(rows: list) -> list[tuple[str, str, tuple]]:
    """(number, indent, row) for each row: the numbers right-aligned in a column as wide as the last one's
    ("  9." over " 10."), so that every step's formula and each line under it start past its number in
    one column, however many steps there are (a fixed indent fell one short from step 10 on)."""
    field = max(4, len(str(len(rows))) + 2)
    return [(f"{i}.".rjust(field), " " * (field + 1), row) for i, row in enumerate(rows, 1)]


def bp_text(result, *, steps: bool = True, line: int | None = None) -> str:
    text = unicode  # as the terminal writes it: Wx + b, σ(y), δ (the ASCII fallback spells what cannot be shown)
    rows = _bp_rows(result, text)
    if not steps:
        return "\n".join(_bp_named(result, steps=False) + [f"{label} = {value}   ({shape})" for label, value, shape, _ in _bp_results(rows)]
                         + check_lines(result.check))
    lines = [_bp_network(result, text), *_bp_named(result),
             f"{matrix_message('matrix.shapes', capital=True)}: {_bp_sizes(result)}", ""]
    for number, indent, (label, value, shape, note) in numbered(rows):
        lines.append(f"{number} {label} = {value}   ({shape})")
        lines.append(f"{indent}{note}")
    lines.extend([""] + check_lines(result.check))
    return "\n".join(lines).rstrip() + "\n"


def bp_record(result, *, steps: bool = True, line: int | None = None) -> dict:
    out = {"command": "backprop", "inputs": result.inputs, "outputs": result.outputs,
           "activation": result.activation, "loss": result.loss,
           "shapes": {k: list(v) for k, v in result.shapes.items()},
           "forward": {name: text(node) for name, node in result.forward}}
    if line is not None:
        out["line"] = line
    out["jacobians"] = [{"name": s.name, "result": text(s.value), "shape": list(s.value.shape),
                         **({"steps": [step_dict(st, text) for st in s.derivation.steps]} if steps and s.derivation
                            else {})} for s in result.stages]
    out["delta"] = text(canonical(result.delta))  # ⊙ in its normal form, the views' order aside
    out["delta_chain"] = text(result.delta_chain)
    out["delta_lines"] = [text(canonical(line.value)) for line in result.delta_lines]
    out["gradients"] = {f"L_{k}": text(v) for k, v in result.gradients.items()}
    out["latex"] = {f"L_{k}": latex_data(v) for k, v in result.gradients.items()}
    if result.check is not None:
        out["check"] = result.check.to_dict()
    return out


def bp_rich(result, console, *, steps: bool = True, line: int | None = None) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold magenta", box=None, pad_edge=False)
    for col in ("", "", matrix_message("matrix.shape"), ""):
        table.add_column(col, no_wrap=False)
    rows = _bp_rows(result, unicode)
    for label, value, shape, note in rows if steps else _bp_results(rows):
        table.add_row(Text(label, "bold cyan"), Text(value, "bold green"), Text(shape, "dim"),
                      Text(note, "italic dim"))
    parts = [Text(_bp_network(result, unicode), "bold"),
             *(Text(words) for words in _bp_named(result, steps=steps)),
             Text(f"{matrix_message('matrix.shapes', capital=True)}: {_bp_sizes(result)}", "dim"), table]
    for c in check_lines(result.check):
        parts.append(Text(c, "green" if result.check.ok else "bold red"))
    console.print(Panel(Group(*parts), title=matrix_message("backprop.title"), title_align="left", expand=False))


def bp_latex(result, *, steps: bool = True) -> str:
    from .latex import align, tagged

    rows = _bp_rows(result, latex, _say_latex)
    if not steps:
        times = r" \times "
        rows = [(label, value, shape, f"${shape.replace('×', times)}$") for label, value, shape, _ in
                _bp_results(rows)]
    else:  # each row's shape after its formula, as the text and Markdown views write it
        rows = [(label, rf"{value} \quad ({_tex_times(shape)})", note) for label, value, shape, note in rows]
    rows = [(tex_label(label), value, note) for label, value, *_, note in rows]
    y, z, L = _bp_forward(result, latex)
    statement = rf"\[x \to y = {y} \to z = {z} \to L = {L}\]"
    from .latex import set_apart

    sigmoid = [line for words in _bp_named(result, _say_latex, steps) for line in set_apart(rf"\noindent {words}")]
    # --no-steps keeps the results alone, as text's
    shapes = set_apart(latex_shapes(result.shapes)) if steps else []
    return "\n".join([statement] + sigmoid + shapes + align(tagged(rows))) + "\n"


def latex_shapes(shapes: dict, escape=None) -> str:
    """The shapes' line, each symbol in ℝ^{m×n}: a reader of a document checks every row's shape against
    it, as a reader of the terminal's views can (LaTeX; with `escape`, Markdown's words)."""
    from ..matrix import expr as E
    from .network import latex as network_latex

    named = [(network_latex(E.Sym(name, shape)), rf"{shape[0]} \times {shape[1]}") for name, shape in shapes.items()
             if not name.startswith("delta")]
    if escape is not None:
        listed = ", ".join(rf"${name} \in \mathbb{{R}}^{{{size}}}$" for name, size in named)
        return f"{escape(matrix_message('matrix.shapes', capital=True))}: {listed}"
    # \mathbb needs amssymb, which the document's preamble (amsmath alone) does not load
    listed = ", ".join(rf"${name}$ (${size}$)" for name, size in named)
    return rf"\noindent {_latex_text(matrix_message('matrix.shapes', capital=True))}: {listed}"


def bp_markdown(result, *, steps: bool = True) -> str:
    y, z, L = _bp_forward(result, latex)
    lines = [f"### {matrix_message('backprop.title')}: $y = {y}$, $z = {z}$, $L = {L}$", ""]
    lines += [words for said in _bp_named(result, _say_markdown, steps) for words in (said, "")]
    if steps:  # the shapes every row's is checked against, as the text view and --layers state them
        lines += [latex_shapes(result.shapes, _latex_text_md), ""]
    rows = _bp_rows(result, latex, _say_markdown)
    for label, value, shape, note in rows if steps else _bp_results(rows):
        lines.append(f"- ${tex_label(label)} = {value}$ $({_tex_times(shape)})$" + (f" — {note}" if note else ""))
    if not steps:
        return "\n".join(lines + [""] + check_lines(result.check)) + "\n"
    # δ first, then every gradient read off it, as the multi-layer summary has them
    summary = ", \\quad ".join([rf"\delta = {latex(result.delta)}"] + [
        f"{tex_label(f'∂L/∂{name}')} = {latex(g)}" for name, g in result.gradients.items()])
    lines += [""] + callout(_latex_text_md(message("document.result")), summary)
    lines += check_lines(result.check)
    return "\n".join(lines) + "\n"


def bp_html(result, *, steps: bool = True, line: int | None = None) -> str:
    plain, shown = _bp_rows(result, text), _bp_rows(result, mathml, _say_html)
    if not steps:
        plain, shown = _bp_results(plain), _bp_results(shown)
    items = "".join(f"<li><math>{Formula(label).mathml()}<mo>=</mo>{mathml_value}</math> <math>{shape_mathml(shape)}</math>"
                    + (f"<div class=\"why\">{note}</div>" if note else "") + "</li>"
                    for (label, _, shape, _), (_, mathml_value, _, note) in zip(plain, shown))
    checks = "".join(f"<p>{_html.escape(c)}</p>" for c in check_lines(result.check))
    y, z, L = _bp_forward(result, mathml)
    chain = (f"<math><mi>x</mi><mo>→</mo><mi>y</mi><mo>=</mo>{y}<mo>→</mo><mi>z</mi><mo>=</mo>{z}"
             f"<mo>→</mo><mi>L</mi><mo>=</mo>{L}</math>")
    sigmoid = "".join(f"<p>{words}</p>" for words in _bp_named(result, _say_html, steps))
    sigmoid += html_shapes(result, mathml) if steps else ""
    return (f"<section><h2>{chain}</h2>{sigmoid}"
            f'<ul class="steps">{items}</ul>{checks}</section>\n')


_MATRIX_VIEWS = {"text": render_text, "json": record, "rich": render_rich, "latex": render_latex,
                 "markdown": render_markdown, "html": render_html}
_BACKPROP_VIEWS = {"text": bp_text, "json": bp_record, "rich": bp_rich, "latex": bp_latex,
                   "markdown": bp_markdown, "html": bp_html}


def views(fmt: str) -> dict:
    """The view in `fmt` of each matrix-engine result class (see symdiff.render)."""
    from ..matrix.backprop import BackpropResult
    from ..matrix.deep import NetworkResult
    from .network import VIEWS

    return {MatrixResult: _MATRIX_VIEWS[fmt], BackpropResult: _BACKPROP_VIEWS[fmt], NetworkResult: VIEWS[fmt]}


def _tex_times(shape: str) -> str:
    """m×n as LaTeX writes it in a row's shape (m \\times n)."""
    return shape.replace("×", r" \times ")
