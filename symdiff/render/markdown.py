"""Markdown with $…$ and $$…$$ math, for notes (Obsidian) and worksheets."""

from __future__ import annotations

import sympy

from ..core.messages import message, plural, rule_heading, rule_label
from . import show
from .markup import callout, closed, heading_held, labelled, sentence, tidy_line, tidy_lines, with_math
from .notation import abbreviated, column, function_head, function_name, latex, nabla_latex, stated
from .order import differentiated, final_result, gradient_written, hessian_written, shown_result, shown_step
from .notation import decimal as _num

brief = abbreviated(latex)


# --- derivations for notes (Obsidian): $…$ inline, $$…$$ display, steps as a nested list

def _escape(text: str) -> str:
    # Markdown would read * and _ as emphasis, [ as the start of a link and < as the start of HTML;
    # the words of an explanation (and an input they echo) mean them literally.
    return (text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[")
            .replace("<", "&lt;"))


def _inline(expr) -> str:
    return f"${brief(expr)}$"


def _step_list(step, depth: int = 0) -> list[str]:
    pad = "  " * depth
    label, why = labelled(step, _inline, _escape)
    ending = closed(step, _inline, _escape)
    # a step with substeps states its result in the closing item under them, once they have derived it
    result = f" = {brief(step.result)}" if ending is None else ""
    lines = [f"{pad}- **{_escape(label)}**: "
             rf"${latex(step.operator)}\left[{brief(step.expr)}\right]{result}$"
             + (f" — {why}" if why else "")]
    for sub in step.substeps:
        lines.extend(_step_list(sub, depth + 1))
    if ending is not None:
        lines.append(f"{pad}  - {ending}")
    return lines


def _derivation(d, heading: str, stated: str | None = None, lead: str | None = None) -> list[str]:
    """One derivation under its heading, `lead` (what it differentiates) first where given; with
    `stated` (its symbol, ∂f/∂x), closed by the equation it derived, where the document's result
    gathers several (a gradient, a Hessian) and no box states this one."""
    held = f" ({heading_held(d.held, _inline, _escape)})" if d.held else ""
    lines = ([f"#### {heading}{held}", ""] if heading is not None else []) + ([lead, ""] if lead else [])
    lines.extend(_step_list(shown_step(d)))
    lines += _tidied(d) + [""]
    if stated is not None:
        lines += [f"$${stated} = {latex(shown_result(d))}$$", ""]
    return lines


def _tidied(d) -> list[str]:
    """The tidy form, as text and LaTeX show it, where the answer is given otherwise than the steps end."""
    # each form alone: the line above ends in the one before it, and "A = B" said A twice
    return ["- " + tidy_line(f"**{line.words(_inline, _escape)}**", f"${brief(line.expr)}$")
            for line in tidy_lines(d.step.result, d.result, shown_step(d).result, shown_result(d), brief)]


def _result(label: str, body: str, shared=None) -> list[str]:
    lines = callout(_escape(label), body)[:-1]
    if shared is not None:  # the result's repeated parts, named once (as in the text view)
        lines.append(f"> {message('shared.where')}")
        lines += [f"> $${latex(name)} = {latex(e)}$$" for name, e in shared.replacements]
    return [*lines, ""]


def _heading(symbol: str, f: str) -> str:
    return "### " + message("document.heading", symbol=symbol, f=f)


def _second_partials(result, steps: bool) -> list[str]:
    """Each second partial's steps (both orders of a mixed pair), the list of them, and whether the
    mixed ones agree (Schwarz)."""
    from .latex import _partial_symbol, second_symbol
    from .markup import with_math
    from .text import schwarz_line, second_partial_lines, second_steps_omitted

    f = function_name(result, latex)
    names = [latex(v) for v in result.vars]

    def symbol(first: int, then: int) -> str:
        return second_symbol(f, names, first, then)

    def words(render_text) -> str:
        return with_math(render_text, lambda tex: f"${tex}$", _escape)

    lines: list[str] = []
    if steps:  # each part of the worked solution as a first partial's: its heading, steps and result
        for (i, j), step in sorted(result.second_steps.items()):
            second = result.second_derivation(i, j)
            inner = f"{_partial_symbol(result.vars[i], f)} = {latex(differentiated(second))}"
            lead = words(lambda p: message("hessian.second.lead", capital=True, inner=p(inner), var=p(names[j])))
            lines += _derivation(second, f"${symbol(i, j)}$", stated=symbol(i, j), lead=lead)
    listed = second_partial_lines(result, latex, symbol, steps)
    if listed:
        lines += ["#### " + _escape(message("hessian.entries", capital=True)).rstrip(":"), ""]
        lines += [f"- ${name} = {value}$" for name, value in listed] + [""]
    omitted = second_steps_omitted(result, steps)
    if omitted:
        lines += [_escape(omitted), ""]
    if result.mixed_pairs:
        lines += [words(lambda p: schwarz_line(result, names, symbol=lambda a, b: p(symbol(a, b)), letter=p)), ""]
    return lines


def _tex_approximately(exact, value: float) -> str:
    from ..features.approx import decimal

    return decimal(value) if exact is None else rf"{latex(exact)} \approx {decimal(value)}"


def _directional(result) -> list[str]:
    """grad --dir: u, D_u f = ∇f·u and its value at the point, one item each."""
    if result.direction is None:
        return []
    from .latex import result_symbol
    from .markup import directional_at, tex_point_notation, with_math
    from .text import DIRECTION
    from .worked import latex_spelling, unit_direction

    f = function_name(result, latex)

    from .text import directional_worked
    from .worked import BOLD_U

    u = BOLD_U["latex"]
    heading = with_math(lambda p: message("grad.directional", u=p(u), readings={"u": DIRECTION}),
                        lambda tex: f"${tex}$", _escape)
    lines = [heading, "",
             rf"- ${u} = {unit_direction(result, latex_spelling())}$",
             rf"- $D_{{{u}}} {f} = \nabla {f} \cdot {u} = {directional_worked(result, latex_spelling())}$"]
    at = directional_at(result, tex_point_notation(lambda tex: f"${tex}$", result_symbol), _escape)
    if at is not None:
        lines.append(f"- {at}")
    return lines + [""]


def _at_point(result) -> list[str]:
    """--at: the values at the point, a heading and a list, as the text view gives them."""
    from .latex import result_symbol
    from .markup import at_point, tex_point_notation

    sentences = at_point(result, tex_point_notation(lambda tex: f"${tex}$", result_symbol), _escape)
    if not sentences:
        return []
    if len(sentences) == 1:
        return [sentences[0], ""]
    return [sentences[0], ""] + [f"- {s}" for s in sentences[1:]] + [""]


def _partial_heading(result, wrt) -> str:
    """A derivation's heading: the derivative it finds, ∂f/∂x (∂²f/∂y∂x for the second of x then y), as
    grad's headings name theirs. Not d/dx [f] = its first step's own words, which the step says
    right under it."""
    from .latex import result_symbol

    return f"${result_symbol(result, wrt)}$"


def _head(result) -> str:
    return f"{function_head(result, latex)} = {stated(result, latex)}"


def render_partial(result, *, steps: bool = True) -> str:
    from .latex import result_symbol

    symbol = result_symbol(result, result.wrt)
    lines = [_heading(f"${symbol}$", f"${_head(result)}$"), ""]
    if steps:
        # one derivative of a function of one variable: the title already names it, and a heading under
        # it that said df/dx again read as the title twice
        alone = len(result.derivations) == 1 and not result.derivations[0].held
        for n, d in enumerate(result.derivations):
            lines += _derivation(d, None if alone else _partial_heading(result, result.wrt[:n + 1]))
    lines += _result(message("document.result"), f"{symbol} = {latex(final_result(result, result.written))}",
                     result.shared)
    lines += _at_point(result)
    return "\n".join(lines)


def render_grad(result, *, steps: bool = True) -> str:
    from .latex import result_symbol
    from .text import grad_steps_omitted

    nabla = nabla_latex(result, function_name(result, latex))
    lines = [_heading(f"${nabla}$", f"${_head(result)}$"), ""]
    if steps:
        for d in result.partials:
            if d.step is not None:
                symbol = result_symbol(result, [d.var])
                lines += _derivation(d, f"${symbol}$", stated=symbol)
    omitted = grad_steps_omitted(result, steps)
    if omitted:
        lines += [_escape(omitted[0]), "", f"{_escape(omitted[1])}: `{omitted[2]}`", ""]
    # Without the steps nothing above names the entries: the definition says which is which (and for
    # one variable, that ∇f is df/dx).
    named = "" if steps and len(result.vars) > 1 else column([result_symbol(result, [v]) for v in result.vars]) + " = "
    lines += _result(message("document.gradient"),
                     rf"{nabla} = {named}{column([latex(e) for e in gradient_written(result)])}", result.shared)
    lines += _at_point(result)
    lines += _directional(result)
    return "\n".join(lines)


def _matrix_document(name: str, title: str, derivations, more: list[str], label: str, matrix,
                     after: list[str] = (), heading: str | None = None, symbol: bool = False,
                     result=None) -> str:
    """A Hessian's or Jacobian's page: its entries' derivations, `more`, and the matrix; the heading
    names the matrix by `heading` (words) where given, else by its symbol."""
    # a title given as a list (a Jacobian's functions) is one formula each, separated by commas in the words
    title = ", ".join(f"${t}$" for t in title) if isinstance(title, list) else f"${title}$"
    words = (_escape(heading) + (f" ${name}$" if symbol else "")) if heading else f"${name}$"
    lines = [_heading(words, title), ""]
    from .latex import result_symbol

    for d in derivations:
        closing = None
        if isinstance(d, tuple):  # a Jacobian's entry, named J₁₂ = ∂f₁/∂y, closed by ∂f₁/∂y = …
            heading, d, closing = d
        else:
            heading = _partial_heading(result, [d.var]) if d.step is not None else None
            # a Hessian's first partial, stated as an equation: its second partials differentiate it
            closing = result_symbol(result, [d.var])
        if d.step is not None:
            lines += _derivation(d, heading, stated=closing)
    lines += more
    rows = r" \\ ".join(" & ".join(latex(e) for e in row) for row in matrix)
    lines += _result(message(label), rf"{name} = \begin{{bmatrix}} {rows} \end{{bmatrix}}")
    lines += after
    return "\n".join(lines)


def render_hessian(result, *, steps: bool = True) -> str:
    return _matrix_document("H", _defined_head(result), result.gradient.partials if steps else (),
                            _second_partials(result, steps), "document.hessian", hessian_written(result, steps),
                            _at_point(result) + _test(result),
                            heading=message("document.hessian"), result=result)


def _test(result) -> list[str]:
    """The second-derivative test at the point: its heading, then a list of its sentences."""
    from .extrema import sentences, tex

    said = sentences(result, tex(lambda formula: f"${formula}$", _escape))
    return [said[0], ""] + [f"- {s}" for s in said[1:]] + [""] if said else []


def _defined_head(result) -> str:
    """f(x, y) = …: the function with the variables it is a function of, named as the input named it."""
    params = getattr(result, "params", ()) or result.vars
    name = function_name(result, latex)
    return f"{name}({', '.join(latex(p) for p in params)}) = {stated(result, latex)}"


def render_jacobian(result, *, steps: bool = True) -> str:
    # the heading names J and its functions, as a Hessian's names H's f: "Jacobian $J$ of $f_1 = x y$, …"
    from .text import jacobian_names

    from .entries import entries, latex_entry, latex_partial

    names = [latex(sympy.Symbol(n)) if n.isalnum() else n for n in jacobian_names(result, latex)]
    named = [(f"${latex_entry(result, i, j, names[i - 1], latex(d.var))}$", d, latex_partial(names[i - 1], latex(d.var)))
             for i, j, d in entries(result)]
    return _matrix_document("J", [f"{n} = {stated(result, latex, f)}" for n, f in zip(names, result.functions)],
                            named if steps else (), [],
                            "document.jacobian", result.matrix, _at_point(result),
                            heading=message("document.jacobian"), symbol=True,
                            result=result)


def render_implicit(result, *, steps: bool = True) -> str:
    """The derivation of `symdiff.render.implicit`: sentences, step lists and displayed equations."""
    from ..core.formula import Equation
    from .implicit import Chain, Say, outline, typed_sides
    from .markup import with_math

    def words(key: str, values: dict) -> str:
        return with_math(lambda p: message(key, p, **values), lambda e: f"${brief(e)}$", _escape)

    o = outline(result, steps)
    equation = latex(Equation(*typed_sides(result)))
    lines = [_heading(f"${latex(result.dydx)}$", f"${equation}$"), ""]
    for item in o.steps:
        if isinstance(item, Say):
            lines += [sentence(words(item.key, item.values)), ""]
        elif isinstance(item, Chain):
            lines += ["$$" + " = ".join(latex(side) for side in item.sides) + "$$", ""]
        else:
            lines += _step_list(item.step) + [""]
    lines += _result(message("document.result"), " = ".join(latex(side) for side in o.result.sides))
    if o.condition is not None:
        lines += [sentence(words(o.condition.key, o.condition.values), stop=False), ""]
    if o.on_curve is not None:
        lines += [sentence(words(o.on_curve.key, o.on_curve.values)), ""]
    if o.no_value is not None:
        lines += [sentence(words(o.no_value.key, o.no_value.values)), ""]
    return "\n".join(lines)


def render_rules(book, *, steps: bool = True, line: int | None = None) -> str:
    """The rule book for notes: a heading per rule, its statement, and its example in math (worked
    through as a nested list when one rule was asked for, as the text view works it)."""
    def said(key: str, **formulas) -> str:
        # the words escaped, the formulas set as math after (escaping would break their LaTeX)
        marks = {name: f"\x00{n}\x00" for n, name in enumerate(formulas)}
        text = _escape(message(key, capital=True, **marks))
        for name, mark in marks.items():
            text = text.replace(mark, formulas[name])
        return text

    lines = [] if book.worked else [_escape(message("rules.head", capital=True)), ""]
    for name, d in zip(book.rules, book.examples):
        # the rule's name as the steps give it, as the text view heads it: a heading names the rule, and
        # `symdiff rules` takes that name as well as the contract's key
        title = sentence(rule_heading(name), stop=False)
        question = rf"{latex(d.step.operator)}\left[{brief(d.expr)}\right]"  # ∂/∂x with another variable held
        equation = f"${question} = {brief(shown_result(d))}$"
        statement = with_math(lambda p, name=name: message(f"statement.{name}", p, capital=True),
                              lambda formula: f"${formula.latex(latex)}$", _escape)
        lines += [f"### {_escape(title)}", "", statement, ""]
        if not (book.worked and steps):
            lines += [said("rules.example", equation=equation), ""]
            continue
        lines += [said("rules.worked", question=f"${question}$"), ""]
        step = shown_step(d)
        lines.extend(_step_list(step))
        lines.extend(_tidied(d))  # the lines every other derivation shows: the factoring, then "Simplified"
        lines += ["", f"$${question} = {brief(shown_result(d))}$$", ""]
    if not book.worked:  # the command after its label, as code: never inside a sentence
        label, _, command = message("rules.hint", capital=True).partition(": ")
        lines.append(f"{_escape(label)}: `{command}`" if command else _escape(label))
    return "\n".join(lines).rstrip("\n")


def views(fmt: str) -> dict:
    """The Markdown of each scalar result class that has one (see symdiff.render)."""
    from . import documents
    from . import results as r

    return {r.PartialResult: render_partial, r.GradientResult: render_grad, r.HessianResult: render_hessian,
            r.JacobianResult: render_jacobian, **documents.views(fmt),
            r.ImplicitResult: render_implicit, r.RuleBook: render_rules}


def render(result, *, steps: bool = True) -> str:
    """The document with the result's notes after its heading, before the derivation, as the HTML page
    has them (a note above the heading read as belonging to what came before it in a note file)."""
    from .markup import check_sentences

    body, warnings = show("markdown", result, steps=steps), _warnings(result)
    checked = check_sentences(result)
    if checked:  # after the answer, as the text view has it
        body = body.rstrip("\n") + "\n\n" + "\n\n".join(_escape(c) for c in checked) + "\n"
    if not warnings:
        return body
    first, newline, rest = body.partition("\n")
    if first.startswith("#") and newline:
        return first + "\n\n" + warnings + rest.lstrip("\n")
    return warnings + body


def _warnings(result) -> str:
    """A result's notes as quotes before its derivation, each opening with its bold title, as the
    result's quote does (`markup.set_off`): a caution for a caveat, a note for a remark."""
    from .markup import labelled_notes, set_off

    def title(caveat: bool) -> str:
        # a caveat on where the derivative holds warns (주의); a remark on the input notes (참고)
        return set_off(_escape(message("document.warning" if caveat else "document.note")))

    return "".join(f"> {title(caveat)} {words}\n\n"
                   for caveat, words in labelled_notes(result, lambda e: f"${latex(e)}$", _escape))
