"""The terminal view: a Rich panel per result with step trees, tables and Unicode math.

Every piece of math is a `Text` (never markup), so `[` in an expression is never read as a style.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..core.messages import closing, message, named_explanation, rule_label, step_label
from . import show
from .notation import (abbreviated, derivative_symbol, function_head, function_name, is_ordinary, nabla_named, stated,
                       unicode)
from .markup import stopped, tidy_line, tidy_lines
from .order import differentiated, final_result, gradient_written, hessian_written, shown_result, shown_step
from .notation import approximately
from .text import _num  # −6, 8.97882×10¹⁴: as the text view writes a value
from .text import DIRECTION, INLINE_MAX, _norm_text, substituted_lines, vector_approximately, check_lines, jacobian_names, schwarz_line, second_partial_lines
from .text import grad_steps_omitted, second_steps_omitted
from ..features.approx import relation_of
from .entries import entries, unicode_entry, unicode_partial

brief = abbreviated(unicode)

RULE_STYLE = "bold cyan"
MATH_STYLE = "bold"
RESULT_STYLE = "bold green"
HEAD_STYLE = "bold magenta"


def _label(step) -> Text:
    """The step's rule, d/dx [expr] (= its result, where no closing line under its substeps states
    it) and the words before its substeps."""
    name, why = named_explanation(step, brief, opening=True, capital=True)
    label = Text()
    label.append(name or step_label(step, capital=True), RULE_STYLE)
    label.append("  ")
    label.append(f"{unicode(step.operator)} [{brief(step.expr)}]", MATH_STYLE)
    if not step.substeps:
        label.append(" = ", MATH_STYLE)
        label.append(brief(step.result), RESULT_STYLE)
    if why:
        label.append("\n")
        label.append(why, "italic dim")
    return label


def _add(step, tree: Tree) -> None:
    # the closing words are the node's last child: the result, under the substeps that derive its parts
    ending = closing(step, brief, capital=True)
    node = tree.add(_label(step))
    for sub in step.substeps:
        _add(sub, node)
    if ending is not None:
        node.add(Text(ending, "italic"))


def step_tree(step, head: Text) -> Tree:
    tree = Tree(head, guide_style="dim")
    _add(step, tree)
    return tree


def _derivation(d, head_text: str) -> list:
    head = Text(head_text, HEAD_STYLE)
    if d.held:
        head.append("  " + message("heading.held", unicode, held=d.held), "yellow")
    return [step_tree(shown_step(d), head), *_tidied(d)]


def _tidied(d) -> list:
    """The line that takes the steps' result to the form the answer is given in, where they differ."""
    return [Text(tidy_line(line.words(unicode), unicode(line.expr)), "dim")
            for line in tidy_lines(d.step.result, d.result, shown_step(d).result, shown_result(d), unicode)]


def _equation(left: str, right: str) -> Text:
    t = Text()
    t.append(f"{left} = ", MATH_STYLE)
    t.append(right, RESULT_STYLE)
    return t


def _valued(left: str, right: str) -> Text:
    """left = right where `right` begins with its own relation (= 4, ≈ 4.04239: see notation.approximately)."""
    relation, _, value = right.partition(" ")
    t = Text()
    t.append(f"{left} {relation} ", MATH_STYLE)
    t.append(value, RESULT_STYLE)
    return t


def _point(point) -> str:
    from .notation import point_formula

    return unicode(point_formula(point))


def _at(point) -> str:
    return message("at", point=_point(point), capital=True)


def _vector(values, fmt=None) -> str:
    from .text import _vector as vector

    return vector(values, fmt or _num)


def _directional_values(result) -> dict:
    from .text import _directional_values as values

    return values(result, unicode)


def _check(result) -> list:
    check = getattr(result, "check", None)
    lines = check_lines(check)
    style = "red bold" if check is not None and check.status == "disagree" else "dim"
    return [Text(line, style) for line in lines]


def _panel(console: Console, parts: list, title: str, line: int | None, notes: list | None = None) -> None:
    """The result's panel, opening with its `notes` (see `render`)."""
    if notes:
        parts = [*notes, Text(), *parts]
    head = Text(title, MATH_STYLE)
    if line is not None:
        head = Text(f"{message('line', line=line)}: ", "dim") + head
    console.print(Panel(Group(*parts), title=head, title_align="left", expand=False))


def _taking_notes(view):
    """Marks a view that opens its panel with the result's notes, passed to it as `notes` (see `render`)."""
    view.takes_notes = True
    return view


def _matrix(rows, row_names, col_names, fmt=unicode) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    table.add_column("")
    for name in col_names:
        table.add_column(name)
    for name, row in zip(row_names, rows):
        table.add_row(Text(name, "bold"), *[Text(fmt(e)) for e in row])
    return table


def _matrix_at(result, letter: str, rows, cols) -> list:
    """H or J at the point: exactly where that says more (cos(1) for 0.540302), then its decimals."""
    relation = relation_of(result.value, result.exact_value)
    decimals = _matrix(result.value, rows, cols, _num)
    if result.exact_value is None:
        return [Text(f"{_at(result.point)}: {letter} {relation}", MATH_STYLE), decimals]
    return [Text(f"{_at(result.point)}: {letter} =", MATH_STYLE), _matrix(result.exact_value, rows, cols),
            Text(relation, MATH_STYLE), decimals]


def _d(result, var) -> str:
    """∂f/∂x (dy/dx for y = …) with the result's function name, in Unicode."""
    return derivative_symbol([var], function_name(result, unicode), unicode, is_ordinary(result, [var]))


@_taking_notes
def render_partial(result, console: Console, *, steps: bool = True, line: int | None = None,
                   notes: list | None = None) -> None:
    symbol = derivative_symbol(result.wrt, function_name(result, unicode), unicode,
                               is_ordinary(result, result.wrt))
    answer = _equation(symbol, unicode(final_result(result)))
    if result.value is not None:
        answer.append(f"\n{_at(result.point)}: ", MATH_STYLE)
        answer.append(_valued(symbol, approximately(result.exact_value, result.value, unicode)))
    if result.shared is not None:
        answer.append(f"\n{message('shared')}: {symbol} = ", "dim")
        answer.append(unicode(result.shared.reduced), RESULT_STYLE)
        for name, e in result.shared.replacements:
            answer.append(f"\n    {unicode(name)} = {unicode(e)}", "dim")
    if not steps:
        if line is not None:  # in a batch, which line this answers
            answer = Text(f"{message('line', line=line)}: ", "dim") + answer
        console.print(answer)
        for t in [*_check(result), *(notes or ())]:  # no panel to open with the notes: after the answer
            console.print(t)
        return
    parts = []
    for n, d in enumerate(result.derivations):
        head = message("heading", unicode, var=d.var, expr=d.expr) if n else _d(result, d.var)
        parts.extend(_derivation(d, head))
    parts += [Text(), answer, *_check(result)]
    _panel(console, parts, f"{function_head(result, unicode)} = {stated(result)}", line, notes)


@_taking_notes
def render_grad(result, console: Console, *, steps: bool = True, line: int | None = None,
                notes: list | None = None) -> None:
    f = function_name(result, unicode)
    nabla = f"∇{f}"
    parts = []
    if steps:
        for d in result.partials:
            if d.step is not None:
                parts.extend(_derivation(d, _d(result, d.var)))
                parts.append(_equation(f"  {_d(result, d.var)}", unicode(shown_result(d))))
        omitted = grad_steps_omitted(result, steps)
        if omitted:
            parts += [Text(omitted[0], "dim"), Text.assemble((f"{omitted[1]}: ", "dim"), (omitted[2], "bold"))]
        parts.append(Text())
    shared, entries = result.shared, gradient_written(result)
    if len(result.vars) <= INLINE_MAX:
        # Without the steps nothing above names the entries: the definition says which is which.
        # One variable: ∇f is df/dx, said so whether or not the steps named it.
        named = "" if steps and len(result.vars) > 1 else " = " + _vector([_d(result, v) for v in result.vars], str)
        parts.append(_equation(nabla_named(result, f, unicode) + named, _vector(entries, unicode)))
    else:
        parts.append(Text(nabla_named(result, f, unicode), HEAD_STYLE))
        parts.extend(_equation(f"  {_d(result, d.var)}", unicode(e)) for d, e in zip(result.partials, entries))
    if shared is not None:  # the big sums the partials share, written once
        parts.append(Text("  " + message("shared.where"), "dim"))
        parts.extend(_equation(f"    {unicode(name)}", unicode(e)) for name, e in shared.replacements)
    if result.value is not None:
        parts.append(Text(f"{_at(result.point)}:", MATH_STYLE))
        parts.extend(_valued(f"  {name}", value) for name, value in substituted_lines(result))
        parts.append(_valued(f"  {nabla}", vector_approximately(result.exact_value, result.value, unicode)))
        parts.append(_valued(f"  |{nabla}|", _norm_text(result)))
        if result.ascent is None:
            parts.append(Text("  " + message("grad.stationary.short", capital=True, f=f), "yellow"))
        else:
            ascent = vector_approximately(result.exact_ascent, result.ascent, unicode)
            descent = vector_approximately(result.exact_descent, result.descent, unicode)
            parts.append(Text("  " + message("grad.ascent.short", capital=True, u=ascent, f=f), "green"))
            parts.append(Text("  " + message("grad.descent.short", capital=True, u=descent, f=f), "cyan"))
    if result.direction is not None:  # u, then D_u f, then its value: each on its own line
        from .text import directional_worked
        from .worked import BOLD_U, unicode_spelling, unit_direction

        u = BOLD_U["unicode"]
        parts.append(Text(message("grad.directional", unicode, capital=True, u=u, readings={"u": DIRECTION}), MATH_STYLE))
        parts.append(_equation(f"  {u}", unit_direction(result, unicode_spelling())))
        parts.append(_equation(f"  D_{u} {f} = {nabla}·{u}", directional_worked(result, unicode_spelling())))
        if result.directional_value is not None:
            parts.append(Text("  " + message("grad.directional.short", capital=True, point=_point(result.point),
                                             **_directional_values(result), f=f),
                              "cyan"))
    parts.extend(_check(result))
    _panel(console, parts, f"{function_head(result, unicode)} = {stated(result)}", line, notes)


def _second_symbol(f: str, names: list[str], first: int, then: int) -> str:
    """∂²f/∂y∂x for ∂/∂y of ∂f/∂x; ∂²f/∂x² for ∂/∂x of ∂f/∂x."""
    return f"∂²{f}/∂{names[first]}²" if first == then else f"∂²{f}/∂{names[then]}∂{names[first]}"


@_taking_notes
def render_hessian(result, console: Console, *, steps: bool = True, line: int | None = None,
                   notes: list | None = None) -> None:
    names = [unicode(v) for v in result.vars]
    f = function_name(result, unicode)
    parts = []
    if steps:
        for d in result.gradient.partials:
            if d.step is not None:
                parts.extend(_derivation(d, _d(result, d.var)))
                parts.append(_equation(f"  {_d(result, d.var)}", unicode(shown_result(d))))
        for (i, j), step in sorted(result.second_steps.items()):
            name = _second_symbol(f, names, i, j)
            second = result.second_derivation(i, j)
            # the first partial differentiated is written as its answer above is: one ∂f/∂x for the reader
            heading = message("hessian.second", capital=True, name=name, by=names[j], of=names[i], f=f,
                              expr=unicode(differentiated(second))).rstrip(":")
            parts.append(step_tree(shown_step(second), Text(heading, HEAD_STYLE)))
            parts.extend(_tidied(second))
        parts.append(Text())
    small = len(result.vars) <= INLINE_MAX
    listed = second_partial_lines(result, unicode, lambda first, then: _second_symbol(f, names, first, then), steps)
    if listed:
        parts.append(Text(message("hessian.entries.named", capital=True).rstrip(":") if small
                          else message("hessian.nonzero.named", capital=True), HEAD_STYLE))
        parts.extend(_equation(f"  {name}", value) for name, value in listed)
    omitted = second_steps_omitted(result, steps)
    if omitted:
        parts.append(Text(omitted, "dim"))
    if not small:
        parts.append(Text(message("hessian.others.zero" if listed else "hessian.zero", capital=True), "dim"))
    agreement = schwarz_line(result, names, short=True, symbol=lambda first, then: _second_symbol(f, names, first, then))
    if agreement:
        parts.append(Text(agreement, "red" if any(not same for same in result.schwarz.values()) else "dim"))
    if small:
        parts.append(Text("H", HEAD_STYLE))
        parts.append(_matrix(hessian_written(result, steps), names, names))
    if result.value is not None and len(result.vars) <= INLINE_MAX:
        parts.extend(_matrix_at(result, "H", names, names))
    parts.extend(_test(result))
    parts.extend(_check(result))
    _panel(console, parts, f"{function_head(result, unicode)} = {stated(result)}", line, notes)


def _test(result) -> list:
    """The second-derivative test at the point, its heading as the point's, its sentences as math."""
    from .extrema import TEXT, sentences

    said = sentences(result, TEXT)
    return [Text(said[0], MATH_STYLE), *(Text(f"  {s}") for s in said[1:])] if said else []


@_taking_notes
def render_jacobian(result, console: Console, *, steps: bool = True, line: int | None = None,
                    notes: list | None = None) -> None:
    parts = []
    rows = jacobian_names(result, unicode)
    for name, f in zip(rows, result.functions):
        parts.append(_equation(name, stated(result, unicode, f)))
    if steps:
        for i, j, d in entries(result):
            if d.step is not None:
                parts.extend(_derivation(d, unicode_entry(result, i, j, rows[i - 1], unicode(d.var))))
                parts.append(_equation(f"  {unicode_partial(rows[i - 1], unicode(d.var))}", unicode(shown_result(d))))
    parts.append(Text(message("jacobian.matrix.short", capital=True, m=len(result.functions), n=len(result.vars)), HEAD_STYLE))
    cols = [unicode(v) for v in result.vars]
    parts.append(_matrix(result.matrix, rows, cols))
    if result.value is not None:
        parts.extend(_matrix_at(result, "J", rows, cols))
    parts.extend(_check(result))
    _panel(console, parts, message("document.jacobian"), line, notes)


@_taking_notes
def render_implicit(result, console: Console, *, steps: bool = True, line: int | None = None,
                    notes: list | None = None) -> None:
    """The derivation of `symdiff.render.implicit`: its sentences, each side's step tree under the
    sentence that names it, and its equations, in Unicode."""
    from .implicit import Chain, Say, outline

    o = outline(result, steps)
    parts: list = []
    for item in o.steps:
        if isinstance(item, Say):
            if parts and item.key != "implicit.agree":
                parts.append(Text())
            parts.append(Text(message(item.key, brief, capital=True, **item.values), HEAD_STYLE if item.key == "implicit.side" else ""))
        elif isinstance(item, Chain):
            parts.append(Text("  " + " = ".join(unicode(side) for side in item.sides), MATH_STYLE))
        else:  # the sentence before it heads the tree
            parts[-1] = step_tree(item.step, parts[-1])
    first, *rest = o.result.sides
    answer = _equation(unicode(first), " = ".join(unicode(side) for side in rest))
    if o.condition is not None:  # dy/dx = −x/y (where y ≠ 0), on its line as a textbook writes it
        answer.append(" " + message(o.condition.key, unicode, **o.condition.values), MATH_STYLE)
    if o.on_curve is not None:
        answer.append("\n" + stopped(message(o.on_curve.key, unicode, capital=True, **o.on_curve.values)), MATH_STYLE)
    if o.no_value is not None:
        answer.append("\n" + message(o.no_value.key, unicode, capital=True, **o.no_value.values), "yellow")
    if parts:
        parts.append(Text())
    _panel(console, parts + [answer], message("title.implicit"), line, notes)


def _via_text(title: str):
    """The terminal view of a result whose text view is shown in a panel titled by catalogue key
    `title` (still no markup, no guessing)."""

    @_taking_notes
    def view(result, console: Console, *, steps: bool = True, line: int | None = None,
             notes: list | None = None) -> None:
        body = show("text", result, steps=steps, line=None)  # its notes precede the panel, as every view's
        style = {"right": "green", "wrong": "red", "inconclusive": "yellow",
                 "unreadable": "yellow"}.get(getattr(result, "verdict", ""), "")
        _panel(console, [Text(body, style)], message(title), line, notes)

    return view


def views(fmt: str) -> dict:
    """The terminal view of each scalar result class (see symdiff.render)."""
    from . import results as r

    return {r.PartialResult: render_partial, r.GradientResult: render_grad, r.HessianResult: render_hessian,
            r.JacobianResult: render_jacobian, r.Verdict: _via_text("title.check"),
            r.ImplicitResult: render_implicit, r.TangentResult: _via_text("title.tangent"),
            r.PracticeSet: _via_text("title.practice"), r.DescentResult: _via_text("title.descend"),
            r.RuleBook: _via_text("title.rules")}


def render(result, console: Console, *, steps: bool = True, line: int | None = None) -> None:
    # at the top of the panel, as the text view and the documents set them: a condition before the
    # conclusion, and inside its own line's panel in a batch
    from .text import document_notes

    from . import view_for

    notes = [Text(note, "yellow") for note in document_notes(result)]
    if getattr(view_for("rich", type(result)), "takes_notes", False):
        show("rich", result, console, steps=steps, line=line, notes=notes)
        return
    show("rich", result, console, steps=steps, line=line)
    for note in notes:  # a view that draws no panel of ours: after it, rather than lost
        console.print(note)
