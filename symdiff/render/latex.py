"""LaTeX: a derivation as an `align*` block (amsmath), one line per step, each justified by its
rule, ready to paste into a document."""

from __future__ import annotations

import sympy

from ..core.messages import message, rule_label
from . import show
from .markup import heading_held, labelled
from .notation import abbreviated, function_name, is_ordinary, latex

brief = abbreviated(latex)

# Characters of the explanations' words that mean something to TeX, or that pdfLaTeX cannot set
# in text mode.
_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "_": r"\_", "^": r"\^{}", "#": r"\#", "%": r"\%",
    "&": r"\&", "$": r"\$", "~": r"\~{}", "·": r"$\cdot$", "σ": r"$\sigma$", "√": r"$\surd$",
    "…": r"\dots{}", "−": "-", "∂": r"$\partial$", "ᵀ": r"$^{T}$", "×": r"$\times$", "²": r"$^{2}$",
    "<": r"$<$", ">": r"$>$", "|": r"$|$", "∇": r"$\nabla$", "η": r"$\eta$", "←": r"$\leftarrow$",
    "≈": r"$\approx$", "δ": r"$\delta$", "⊙": r"$\odot$", "≤": r"$\le$", "≥": r"$\ge$", "→": r"$\to$",
}


def escape_text(text: str) -> str:
    return "".join(_TEXT_ESCAPES.get(ch, ch) for ch in text)


def _math(expr) -> str:
    return f"${brief(expr)}$"


def _d(var) -> str:
    return rf"\frac{{d}}{{d{latex(var)}}}"


def _step_lines(step, depth: int, lines: list[str]) -> None:
    indent = r"\quad " * depth
    label, why = labelled(step, _math, escape_text)
    lines.append(
        rf"&{indent}{latex(step.operator)}\left[{brief(step.expr)}\right] = {brief(step.result)}"
        rf" && \text{{{escape_text(label)}{': ' + why if why else ''}}}"
    )
    for sub in step.substeps:
        _step_lines(sub, depth + 1, lines)


def derivative_symbol(wrt, f: str = "f", ordinary: bool = False) -> str:
    """∂f/∂x, or ∂²f/∂y∂x for several variables in turn; with `ordinary`, dy/dx and d²y/dx²."""
    wrt = list(wrt)
    if len(wrt) == 1:
        return _partial_symbol(wrt[0], f, ordinary)
    if ordinary:
        return rf"\frac{{d^{{{len(wrt)}}} {f}}}{{d {latex(wrt[0])}^{{{len(wrt)}}}}}"
    den = " ".join(r"\partial " + latex(v) for v in reversed(wrt))
    return r"\frac{\partial^{" + str(len(wrt)) + r"} " + f + "}{" + den + "}"


def result_symbol(result, wrt) -> str:
    """The derivative's symbol for `result`'s function: ∂f/∂x, or dy/dx for y = … of one variable."""
    return derivative_symbol(wrt, function_name(result, latex), is_ordinary(result, wrt))


def _partial_symbol(var, f: str = "f", ordinary: bool = False) -> str:
    if ordinary:
        return rf"\frac{{d {f}}}{{d {latex(var)}}}"
    return rf"\frac{{\partial {f}}}{{\partial {latex(var)}}}"


def _derivation_block(d, title: str, result=None, f: str | None = None) -> list[str]:
    """One derivation; `result` (or `f`, a row's name in a Jacobian) names the function."""
    lines = [rf"% {title}"]
    held = f" ({heading_held(d.held, _math, escape_text)})" if d.held else ""
    head = f or (function_name(result, latex) if result is not None else "f")
    symbol = result_symbol(result, [d.var]) if result is not None else _partial_symbol(d.var, head)
    lines.append(rf"\noindent ${head} = {latex(d.expr)}$, ${symbol}${held}:")
    body: list[str] = []
    _step_lines(d.step, 0, body)
    if d.result != d.step.result:
        body.append(rf"&= {latex(d.result)} && \text{{{escape_text(message('simplified'))}}}")
    body.append(rf"&\Rightarrow\ {symbol} = {latex(d.result)}")
    lines.append(r"\begin{align*}")
    lines.append(" \\\\\n".join(body))
    lines.append(r"\end{align*}")
    return lines


def second_symbol(f: str, names: list[str], first: int, then: int) -> str:
    """∂²f/∂y∂x (∂/∂y of ∂f/∂x) or ∂²f/∂x², in LaTeX."""
    if first == then:
        return rf"\frac{{\partial^{{2}} {f}}}{{\partial {names[first]}^{{2}}}}"
    return rf"\frac{{\partial^{{2}} {f}}}{{\partial {names[then]} \partial {names[first]}}}"


def _hessian(result, steps: bool) -> list[str]:
    """The first partials' derivations, then each second partial's (both orders of a mixed pair),
    the list of second partials, whether the mixed ones agree (Schwarz), and H."""
    from .markup import with_math
    from .text import schwarz_line, second_partial_lines

    f = function_name(result, latex)
    names = [latex(v) for v in result.vars]

    def symbol(first: int, then: int) -> str:
        return second_symbol(f, names, first, then)

    def words(render_text) -> str:
        return with_math(render_text, lambda tex: f"${tex}$", escape_text)

    lines: list[str] = []
    if steps:
        for d in result.gradient.partials:
            if d.step is not None:
                lines += _derivation_block(d, f"d/d{d.var}", result)
        for (i, j), step in sorted(result.second_steps.items()):
            lines.append(f"% d/d{result.vars[j]} of d/d{result.vars[i]}")
            lines.append(r"\noindent " + words(lambda p: message(
                "hessian.second.doc", name=p(symbol(i, j)), inner=p(_partial_symbol(result.vars[i], f)),
                var=p(names[j]))))
            body: list[str] = []
            _step_lines(step, 0, body)
            body.append(rf"&\Rightarrow\ {symbol(i, j)} = {latex(step.result)}")
            lines += [r"\begin{align*}", " \\\\\n".join(body), r"\end{align*}"]
    listed = second_partial_lines(result, latex, symbol)
    if listed:
        lines.append(r"\noindent " + escape_text(message("hessian.entries")))
        lines += [r"\begin{align*}", " \\\\\n".join(f"{name} &= {value}" for name, value in listed),
                  r"\end{align*}"]
    if result.mixed_pairs:
        lines.append(r"\noindent " + words(lambda p: schwarz_line(result, names, symbol=lambda a, b: p(symbol(a, b)))))
    rows = r" \\ ".join(" & ".join(latex(e) for e in row) for row in result.matrix)
    lines += [r"\begin{align*}", rf"H &= \begin{{bmatrix}} {rows} \end{{bmatrix}}", r"\end{align*}"]
    return lines


def point_latex(point) -> str:
    return r",\ ".join(f"{latex(k)} = {latex(v)}" for k, v in point.items())


def _directional(result) -> list[str]:
    """grad --dir: u on a line of its own, then D_u f = ∇f·u, then its value at the point."""
    if result.direction is None:
        return []
    from ..features.approx import decimal
    from .markup import with_math

    f = function_name(result, latex)
    u = r" \\ ".join(latex(c) for c in result.direction)
    body = [rf"u &= \begin{{bmatrix}} {u} \end{{bmatrix}}", rf"D_{{u}} {f} &= \nabla {f} \cdot u = {latex(result.directional)}"]
    if result.directional_value is not None:
        at = with_math(lambda p: message("at", point=p(point_latex(result.point))), lambda tex: f"${tex}$", escape_text)
        body.append(rf"D_{{u}} {f} &= {decimal(result.directional_value)} && \text{{{at}}}")
    # TeX sets -- as a dash: the option's name keeps its two hyphens.
    words = escape_text(message("grad.directional")).replace("--", "-{}-")
    return [r"\noindent " + words, r"\begin{align*}", " \\\\\n".join(body),
            r"\end{align*}"]


def _at_point(result) -> list[str]:
    """--at: the values at the point, one paragraph each, as the text view gives them."""
    from .markup import at_point, tex_point_notation

    out: list[str] = []
    for sentence in at_point(result, tex_point_notation(lambda tex: f"${tex}$", result_symbol), escape_text):
        out += [r"\noindent " + sentence, ""]
    return out


def _block(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def render_partial(result, *, steps: bool = True) -> str:
    lines: list[str] = []
    if steps:
        for n, d in enumerate(result.derivations):
            # the later differentiations are of a derivative, not of the function itself
            lines += _derivation_block(d, f"d/d{d.var}", None if n else result)
    sym = result_symbol(result, result.wrt)
    lines += [r"\begin{align*}", rf"{sym} &= {latex(result.result)}", r"\end{align*}"]
    return _block(lines + _at_point(result))


def render_grad(result, *, steps: bool = True) -> str:
    lines: list[str] = []
    if steps:
        for d in result.partials:
            if d.step is not None:
                lines += _derivation_block(d, f"d/d{d.var}", result)
    column = r" \\ ".join(latex(e) for e in result.gradient)
    lines += [r"\begin{align*}", rf"\nabla {function_name(result, latex)} &= \begin{{bmatrix}} {column} "
              r"\end{bmatrix}", r"\end{align*}"]
    return _block(lines + _at_point(result) + _directional(result))


def render_hessian(result, *, steps: bool = True) -> str:
    return _block(_hessian(result, steps) + _at_point(result))


def render_jacobian(result, *, steps: bool = True) -> str:
    lines: list[str] = []
    if steps:
        names = result.names or (None,) * len(result.entries)
        for i, (name, row) in enumerate(zip(names, result.entries), 1):
            for d in row:
                if d.step is not None:
                    lines += _derivation_block(d, f"d {name or f'f{i}'}/d{d.var}",
                                               f=latex(sympy.Symbol(name)) if name else None)
    rows = r" \\ ".join(" & ".join(latex(e) for e in row) for row in result.matrix)
    lines += [r"\begin{align*}", rf"J &= \begin{{bmatrix}} {rows} \end{{bmatrix}}", r"\end{align*}"]
    return _block(lines)


def render_implicit(result, *, steps: bool = True) -> str:
    """The derivation of `symdiff.render.implicit`: sentences, step trees and equations in align*."""
    from ..features.approx import decimal
    from .implicit import Chain, Say, outline
    from .markup import with_math

    def words(key: str, values: dict) -> str:
        return with_math(lambda p: message(key, p, **values), _math, escape_text)

    def align(rows: list[str]) -> list[str]:
        return [r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}"]

    def chain(sides) -> str:
        first, *rest = (latex(side) for side in sides)
        return f"{first} &= " + " = ".join(rest)

    o = outline(result, steps)
    lines: list[str] = []
    for item in o.steps:
        if isinstance(item, Say):  # a paragraph of its own: a blank line ends it
            lines += [r"\noindent " + words(item.key, item.values), ""]
        elif isinstance(item, Chain):
            lines += align([chain(item.sides)])
        else:
            body: list[str] = []
            _step_lines(item.step, 0, body)
            lines += align(body)
    lines += align([chain(o.result.sides)])
    if o.value is not None:
        at = with_math(lambda p: message("at", point=p(point_latex(o.point))), lambda tex: f"${tex}$", escape_text)
        lines += [r"\noindent " + f"{at}: ${latex(result.dydx)} = {decimal(o.value)}$", ""]
        if o.residual is not None:
            lines += [r"\noindent " + escape_text(message("implicit.off_curve", residual=decimal(o.residual))), ""]
    return _block(lines)


def views(fmt: str) -> dict:
    """The LaTeX of each scalar result class that has one (see symdiff.render)."""
    from . import documents
    from . import results as r

    return {r.PartialResult: render_partial, r.GradientResult: render_grad, r.HessianResult: render_hessian,
            r.JacobianResult: render_jacobian, **documents.views(fmt),
            r.ImplicitResult: render_implicit}


def render(result, *, steps: bool = True) -> str:
    """The LaTeX of a partial, grad, hessian, jacobian, matrix or backprop result."""
    return show("latex", result, steps=steps)


def document(body: str) -> str:
    """A standalone document around fragments, for compiling."""
    return ("\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage[margin=2cm]{geometry}\n"
            "\\begin{document}\n" + body + "\\end{document}\n")
