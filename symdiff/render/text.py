"""Plain text: the terminal's view without colour or box art. It is read by people (piped into a
file, or under NO_COLOR), so its mathematics is the Rich view's Unicode (6·x·y⁴, π, |x|); machines
read `--format json`, whose expressions are SymPy syntax that pastes back in."""

from __future__ import annotations

import re

import sympy

from ..core.errors import caret_lines, localized, one_line
from ..core.messages import LANGUAGE, closing, message, named_explanation, natural_log_text, opening, plural, rule_heading, rule_label, step_label
from . import bare_without_steps, show
from .notation import (abbreviated, derivative_symbol, function_head, function_name, is_ordinary, nabla_named, plain,
                       unicode)
from .markup import sentence, stopped, text_tidy_lines
from .notation import approximately, point_formula, related, stated, unicode_as_typed
from .order import differentiated, check_shown, final_result, gradient_written, hessian_written, shown_answer, shown_exercise, shown_result, shown_step, typed_entries
from .worked import BOLD_U
from ..features.approx import relation_of
from .entries import entries, unicode_entry, unicode_partial
from ..core.written import unicode_number
from .notation import decimal


def _num(value) -> str:
    """A value as the text view writes it: six significant digits, a power of ten raised (8.97882×10¹⁴)."""
    return unicode_number(decimal(value))

# Claims and explanations alike, huge step expressions cut short (see notation.abbreviated).
brief = spoken = abbreviated(unicode)
MAX_INDENT = 40

# Human output shows whole matrices and vectors inline up to this many entries per line.
INLINE_MAX = 6


def _point(point) -> str:
    return unicode(point_formula(point))


def _at(point) -> str:
    """The words "at (x, y) = (1, 2)" ("at x = 1"), in the current language."""
    return message("at", point=_point(point), capital=True)


def _vector(values, fmt=unicode) -> str:
    # one entry is a number, not a 1×1 vector: ∇f of a function of one variable is f′ (notation.column)
    return fmt(values[0]) if len(values) == 1 else "[" + ", ".join(fmt(v) for v in values) + "]ᵀ"


# a name's gloss, "(연쇄 법칙)": a tag is in parentheses already (as step_label leaves it out)
_GLOSS_IN_TAG = re.compile(r"\s*\([^()]*\)$")


def tree_lines(step, prefix: str = "1.", indent: str = "  ", claim=unicode) -> list[str]:
    """A step tree in the order a teacher writes it: a line for each step's claim (printed by `claim`:
    Unicode, as the terminal's) and one for its explanation (Unicode); a step with
    substeps names the derivative and its pieces first, then its substeps, then a closing line that
    puts their results together."""
    shown = brief if claim is unicode else abbreviated(claim)
    ending = closing(step, spoken, capital=True)
    # A leaf that is its rule's formula itself (d/dx [sin(x)] = cos(x)) has nothing to explain but
    # which rule it is: the tag names that rule in full, "(trigonometric rule)", and no line under it
    # repeats the claim ("Trigonometric rule: d/dx sin(x) = cos(x)" read the same line twice). Every
    # other step keeps its explanation under a tag that abbreviates the rule's name.
    name, rest = named_explanation(step, spoken, opening=True) if not step.substeps else (None, None)
    itself = name is not None and not rest
    tag = _GLOSS_IN_TAG.sub("", name) if itself else step_label(step)
    lines = [f"{indent}{prefix} {_claim(step, claim, shown, ending is None)}   ({tag})"]
    # past a few levels, deeper steps keep one indentation (their number still shows the depth):
    # a 40-deep composition would otherwise indent its last steps by thousands of spaces
    pad = (indent + " " * (len(prefix) + 1))[:MAX_INDENT]
    if not itself:
        lines.append(f"{pad}{opening(step, spoken, capital=True)}")
    for i, sub in enumerate(step.substeps, 1):
        lines.extend(tree_lines(sub, f"{prefix}{i}.", pad, claim))
    if ending is not None:
        lines.append(f"{pad}{ending}")
    return lines


def _claim(step, claim, shown, with_result: bool) -> str:
    """d/dx [expr], and its result where the line states it (a step whose closing line does not)."""
    taken = f"{claim(step.operator)} [{shown(step.expr)}]"
    return f"{taken} = {shown(step.result)}" if with_result else taken


def _derivation(d, head: str) -> list[str]:
    if d.held:
        head = message("heading.with_held", head=head, held=message("heading.held", unicode, held=d.held))
    lines = ["", head + ":"]
    lines.extend(tree_lines(shown_step(d)))
    return lines + _tidied(d)


def _tidied(d) -> list[str]:
    """The line that takes the steps' result to the form the answer is given in, where they differ."""
    return text_tidy_lines(d.step.result, d.result, shown_step(d).result, shown_result(d))


def _begins(words: str) -> str:
    """Words that begin a sentence ("the derivative" in "The derivative is 2·x"), with a capital."""
    return words[:1].upper() + words[1:]


def check_lines(check) -> list[str]:
    if check is None:
        return []
    if getattr(check, "kind", "") == "matrix":
        from .matrix import check_lines as matrix_check_lines

        return matrix_check_lines(check)
    gaps = getattr(check, "gaps", ())
    if check.status == "unchecked" and not gaps:
        reason = getattr(check, "reason", None)
        key = f"check.unchecked.{reason}" if reason in ("unresolved", "not_computed") else "check.unchecked"
        return [message(key, capital=True, derivative=check.derivative or "", h=_small(check.step or 0.0))]
    derivative = check.derivative or ""
    if check.status in ("agree", "unchecked"):
        lines = []
        if check.at is not None:  # the derivatives that were checked, then each one that could not be
            key = "check.agree.many" if check.derivatives > 1 else "check.agree.one" if check.points == 1 else "check.agree"
            lines.append(message(key, capital=True, derivative=derivative, count=check.derivatives, points=check.points,
                                 error=_small(check.max_error), at=_coordinates(check.at),
                                 estimate=_small(check.error_estimate), h=_small(check.step), digits=check.digits))
        return lines + _gap_lines(gaps)
    from ..features.approx import distinct

    c = check.counterexample
    # They disagree: their decimals must show it.
    expected, actual = distinct(c["finite_difference"], c["result"]) or (repr(c["finite_difference"]), repr(c["result"]))
    return [message("check.disagree", capital=True, derivative=derivative, at=_coordinates(c["at"]), expected=expected,
                    actual=actual)]


def _gap_lines(gaps) -> list[str]:
    """A line for each reason some derivatives of a gradient, Hessian or Jacobian went unchecked, naming
    them ("∂f/∂x, ∂f/∂z"): an agreement of the others says nothing of these."""
    grouped: dict[tuple, list[str]] = {}
    for gap in gaps:
        grouped.setdefault((gap["reason"], gap.get("step")), []).append(gap["derivative"])
    lines = []
    for (reason, step), names in grouped.items():
        key = {"unresolved": "check.unchecked.unresolved.named", "not_computed": "check.unchecked.not_computed.named"}.get(
            reason, "check.unchecked.named")
        lines.append(message(key, capital=True, derivative=", ".join(names), h=_small(step or 0.0)))
    return lines


def _small(v: float) -> str:
    """2.3e-17 (not 2.3e-17 written as 0.0e+00 or 2.3e-017); 0 is 0."""
    if v == 0:
        return "0"
    mantissa, _, exponent = f"{v:.1e}".partition("e")
    return f"{mantissa.removesuffix('.0')}e{int(exponent)}"


# A point with more coordinates than this is shown with its first ones and "…".
COORDINATES_MAX = 6


def _coordinates(at: dict) -> str:
    """A random point as every point is written (`point_formula`): x = 0.5, (x, y) = (0.5, 1.2)."""
    items = list(at.items())[:COORDINATES_MAX]
    more = ", …" if len(at) > COORDINATES_MAX else ""
    names, values = ", ".join(unicode(sympy.Symbol(k)) for k, _ in items) + more, ", ".join(unicode_number(f"{v:g}") for _, v in items) + more
    return f"{names} = {values}" if len(at) == 1 else f"({names}) = ({values})"


def _header(result, line: int | None, text: str) -> list[str]:
    lines = []
    if line is not None:
        lines.append(f"{message('line', line=line)}: {one_line(result.input if result.input is not None else text)}")
    return lines


def _d(result, var) -> str:
    """∂f/∂x for one variable, named and written as the result's function is (dy/dx for y = …)."""
    return derivative_symbol([var], function_name(result, unicode), unicode, ordinary=is_ordinary(result, [var]))


def _second(result, names, i: int, j: int) -> str:
    """∂²f/∂x_i∂x_j (∂²f/∂x² on the diagonal) with the result's function name."""
    f = function_name(result, unicode)
    return f"∂²{f}/∂{names[i]}²" if i == j else f"∂²{f}/∂{names[i]}∂{names[j]}"


def _shared_lines(shared, symbol: str) -> list[str]:
    if shared is None:
        return []
    lines = [f"{message('shared')}: {symbol} = {unicode(shared.reduced)}", "  " + message("shared.where")]
    lines.extend(f"    {unicode(name)} = {unicode(e)}" for name, e in shared.replacements)
    return lines


@bare_without_steps
def render_partial(result, *, steps: bool = True, line: int | None = None) -> str:
    symbol = derivative_symbol(result.wrt, function_name(result, unicode), unicode, ordinary=is_ordinary(result, result.wrt))
    # Without steps, one input is its bare result (to paste on); in a batch each result says which
    # line it answers, or a failed line would leave the rest unmatched.
    where = f"{message('line', line=line)}: {symbol} = " if line is not None else ""
    if not steps and result.shared is not None:
        return "\n".join([where + unicode(result.result)] + _shared_lines(result.shared, symbol))
    if not steps:
        out = where + unicode(final_result(result))
        if result.value is not None:
            out = message("value_at", expr=out, value=related(result.value, result.exact_value), point=_point(result.point))
        return "\n".join([out] + check_lines(result.check))
    lines = _header(result, line, unicode(result.expr))
    lines.append(f"{function_head(result, unicode)} = {stated(result)}")
    for n, d in enumerate(result.derivations):
        head = message("heading", unicode, var=d.var, expr=d.expr) if n else _d(result, d.var)
        lines.extend(_derivation(d, head))
    lines.append("")
    lines.append(f"{symbol} = {unicode(final_result(result))}")
    lines.extend(_shared_lines(result.shared, symbol))
    if result.value is not None:
        lines.append(f"{_at(result.point)}: {symbol} {approximately(result.exact_value, result.value, unicode)}")
    lines.extend(check_lines(result.check))
    return "\n".join(lines)


def _norm_text(result) -> str:
    """|∇f| after its name, relation first: = 96·√2 ≈ 135.765 where it is a surd at the point (see
    GradientResult.exact_norm), after its working √(a² + b²) where the entries are exact; ≈ 4.04239 where
    only a rounded decimal is known."""
    from .worked import norm_exact, norm_root, unicode_spelling

    root = norm_root(result, unicode_spelling())
    if root is None:
        return approximately(getattr(result, "exact_norm", None), result.norm, unicode)
    return f"= {root} {approximately(norm_exact(result), result.norm, unicode)}"


def vector_approximately(exact, values, printer=unicode, number=_num) -> str:
    """A vector at a point after its name, relation first, after its exact form where there is one:
    = [√2/2, √2/2]ᵀ ≈ [0.707107, 0.707107]ᵀ, = [3/5, 4/5]ᵀ = [0.6, 0.8]ᵀ, ≈ [0.989515, 0.144433]ᵀ. It is
    "=" only where every entry is."""
    from ..features.approx import relation

    # the relation is judged on the decimals as printed (8.97882e+14), before their power is raised
    judged = relation([decimal(v) for v in values], values, exact)
    last = f"{judged} {_vector([number(v) for v in values], str)}"
    return last if exact is None else f"= {_vector(exact, printer)} {last}"


def substituted_lines(result) -> list[tuple[str, str]]:
    """(∂f/∂x(1, 2), = 2·cos(1·2) + 2·1·2 = 2·cos(2) + 4 ≈ 3.16771) for each partial at the point: the
    values put in, then the exact value and its decimal, each after its relation. Empty where the
    gradient is not worked out so (render.substituted)."""
    from .substituted import point_values, substituted_partials

    trees = substituted_partials(result)
    if trees is None:
        return []
    at = "(" + ", ".join(unicode(v) for v in point_values(result)) + ")"
    out = []
    for d, tree, value, exact in zip(result.partials, trees, result.value, result.exact_partials):
        exact = None if exact is not None and exact.is_Integer else exact  # its decimal says it: = 4, not = 4 = 4
        put_in = "" if tree is None else f"= {unicode(tree)} "
        out.append((_d(result, d.var) + at, put_in + approximately(exact, value, unicode)))
    return out


def _gradient_point_lines(result) -> list[str]:
    lines = [f"{_at(result.point)}:", *(f"  {name} {value}" for name, value in substituted_lines(result)),
             f"  ∇{function_name(result, unicode)} {vector_approximately(result.exact_value, result.value)}",
             "  " + message("grad.norm", capital=True, norm=_norm_text(result), f=function_name(result, unicode))]
    if result.ascent is None:
        lines.append("  " + message("grad.stationary", capital=True, f=function_name(result, unicode)))
    else:
        lines.append("  " + message("grad.ascent", capital=True, u=vector_approximately(result.exact_ascent, result.ascent),
                                    f=function_name(result, unicode)))
        lines.append("  " + message("grad.descent", capital=True, u=vector_approximately(result.exact_descent, result.descent),
                                    f=function_name(result, unicode)))
    return lines


def _directional_values(result, printer=unicode) -> dict:
    """D_u f and |∇f|, which it is at most, each after its relation: where they differ, printed so that
    they do (134.4, and 135.765 — never 135.765 beside 135.765); D_u f after its exact form where there
    is one (= 28/5 = 5.6, = 1/3 ≈ 0.333333)."""
    value, norm = directional_decimals(result)
    worked = _dot_text(result)
    return {"value": worked + approximately(result.exact_directional_value, result.directional_value, printer, value),
            "norm": norm_again(result, norm)}


def norm_again(result, decimal: str | None = None) -> str:
    """|∇f| said again after it was worked out, relation first, with the exact value it was shown as
    (= √2 ≈ 1.41421)."""
    from .worked import norm_exact

    exact = norm_exact(result) if result.worked_norm is not None else getattr(result, "exact_norm", None)
    return approximately(exact, result.norm, unicode, decimal)


def directional_decimals(result) -> tuple[str, str]:
    """D_u f and |∇f| at the point as decimals that differ where the numbers do."""
    from ..features.approx import distinct

    a, b = result.directional_value, result.norm
    # u along ∇f makes them equal but for float rounding: then they print alike, as they are.
    apart = abs(a - b) > 1e-9 * max(abs(a), abs(b))
    return (distinct(a, b) if apart else None) or (_num(a), _num(b))


def _dot_text(result) -> str:
    """`∇f·u = 4·(3/5) + 13·(4/5) = ` before D_u f's value, where its numbers are exact."""
    from .worked import dot_product, unicode_spelling

    worked = dot_product(result, unicode_spelling())
    return "" if worked is None else f"= ∇{function_name(result, unicode)}·{BOLD_U['unicode']} = {worked} "


def directional_worked(result, spell) -> str:
    """D_u f as ∇f·u written out in the variables' order, then simplified: the reader sees each product."""
    from .worked import dot_terms

    written, simplified = dot_terms(result, spell), spell.expr(result.directional)
    return simplified if written is None or written == simplified else written + spell.equals + simplified


def render_grad(result, *, steps: bool = True, line: int | None = None) -> str:
    nabla = nabla_named(result, function_name(result, unicode), unicode)
    lines = _header(result, line, unicode(result.expr))
    lines.append(f"{function_head(result, unicode)} = {stated(result)}")
    if steps:
        for d in result.partials:
            if d.step is not None:
                lines.extend(_derivation(d, _d(result, d.var)))
                lines.append(f"  {_d(result, d.var)} = {unicode(shown_result(d))}")
        omitted = grad_steps_omitted(result, steps)
        if omitted:
            lines += ["", omitted[0], f"{omitted[1]}: {omitted[2]}"]
    lines.append("")
    shared, entries = result.shared, gradient_written(result)
    if len(result.vars) <= INLINE_MAX:
        # Without the steps nothing above names the entries: the definition says which is which.
        # One variable: ∇f is df/dx, said so whether or not the steps named it.
        named = "" if steps and len(result.vars) > 1 else _vector([_d(result, v) for v in result.vars], str) + " = "
        lines.append(f"{nabla} = {named}{_vector(entries)}")
    else:
        lines.append(f"{nabla}:")
        lines.extend(f"  {_d(result, d.var)} = {unicode(e)}" for d, e in zip(result.partials, entries))
    if shared is not None:  # the big sums the partials share, written once
        lines.append("  " + message("shared.where"))
        lines.extend(f"    {unicode(name)} = {unicode(e)}" for name, e in shared.replacements)
    if result.value is not None:
        lines.extend(_gradient_point_lines(result))
    if result.direction is not None:  # u on its own line, then D_u f, then its value: nothing reads as u = D_u f
        from .worked import unicode_spelling, unit_direction

        f, u = function_name(result, unicode), BOLD_U["unicode"]
        lines.append(message("grad.directional", capital=True, u=u, readings={"u": DIRECTION}))
        lines.append(f"  {u} = {unit_direction(result, unicode_spelling())}")
        lines.append(f"  D_{u} {f} = ∇{f}·{u} = {directional_worked(result, unicode_spelling())}")
        if result.directional_value is not None:
            lines.append("  " + message("grad.directional.at", capital=True, point=_point(result.point),
                                        **_directional_values(result), f=f))
    lines.extend(check_lines(result.check))
    return "\n".join(lines)


def _matrix_lines(rows, fmt=unicode, indent: str = "  ") -> list[str]:
    cells = [[fmt(e) for e in row] for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))] if cells else []
    return [indent + "[" + ", ".join(c.ljust(w) for c, w in zip(row, widths)) + "]" for row in cells]


def matrix_at_lines(result, letter: str) -> list[str]:
    """H or J at the point: its exact entries where they say more than decimals (cos(1) for
    0.540302), as ∇f's are written, then its decimals after the relation they have."""
    relation = relation_of(result.value, result.exact_value)
    decimals = _matrix_lines(result.value, _num)
    if result.exact_value is None:
        return [f"{_at(result.point)}: {letter} {relation}", *decimals]
    return [f"{_at(result.point)}: {letter} =", *_matrix_lines(result.exact_value), f"  {relation}", *decimals]


def second_partial_lines(result, printer=unicode, symbol=None, steps: bool = False) -> list[tuple[str, str]]:
    """(∂²f/∂y∂x, its value) for the second partials a view lists: all of them, each mixed pair in
    both orders, for a Hessian small enough to show whole; else those that are not 0. With `steps`,
    a whole Hessian lists only the partials derived above it (`--var x`), H giving the others."""
    names = [printer(v) for v in result.vars]
    symbol = symbol or (lambda first, then: _second(result, names, then, first))

    def written(key, e):
        # a partial derived above is listed as its steps (or their tidy line) left it, terms in that order
        if not steps or key not in result.second_steps:
            return e
        d = result.second_derivation(*key)
        return shown_result(d) if d.result == e else e

    return [(symbol(first, then), printer(written((first, then), e))) for (first, then), e in _listed(result, steps)]


def _listed(result, steps: bool) -> list:
    every = len(result.vars) <= INLINE_MAX
    listed = result.second_partials(every)
    if steps and every and result.second_steps:
        return [(key, e) for key, e in listed if key in result.second_steps]
    return listed


def grad_steps_omitted(result, steps: bool) -> tuple[str, str, str] | None:
    """(the sentence that steps were left out, the hint's label, the option that shows them) where a
    gradient's steps show only some partials: every view says so, and names the option apart from the
    sentence, for each view to set as its own code."""
    count = getattr(result, "steps_omitted", 0)
    if not (steps and count):
        return None
    return (plural("grad.omitted", count, capital=True), message("grad.omitted.hint", capital=True),
            f"--var {message('grad.omitted.name')}")


def second_steps_omitted(result, steps: bool) -> str | None:
    """The line saying how many second partials are listed in H alone, without their steps; None if none."""
    every = len(result.vars) <= INLINE_MAX
    count = len(result.second_partials(every)) - len(_listed(result, steps))
    return plural("hessian.omitted", count) if count else None


# The names the gradient's and Hessian's sentences give the unit direction and the matrix.
DIRECTION, _H = sympy.Symbol("u"), sympy.Symbol("H")


def schwarz_line(result, names, short: bool = False, symbol=None, letter=lambda c: c) -> str | None:
    """Whether each mixed pair agrees in either order (Schwarz), in words; None with no pairs.
    `names` are the variables as the view prints them, `symbol(first, then)` a second partial,
    `letter("H")` the matrix's name (math in a document, as every symbol in its sentences is)."""
    if not result.mixed_pairs:
        return None
    bad = [(i, j) for (i, j), same in sorted(result.schwarz.items()) if not same]
    if bad:
        return message("hessian.differ", capital=True, pairs=", ".join(f"{names[i]},{names[j]}" for i, j in bad))
    key = "hessian.symmetric" + (".short" if short else "")
    if result.mixed_pairs == 1:
        symbol = symbol or (lambda first, then: _second(result, names, then, first))
        # A Korean particle follows the symbol read aloud, whatever notation prints it (LaTeX's \frac…)
        said = [plain(v) for v in result.vars]
        readings = {"first": _second(result, said, 1, 0), "second": _second(result, said, 0, 1), "H": _H}
        return stopped(message(key + ".one", capital=True, readings=readings, first=symbol(0, 1), second=symbol(1, 0),
                               H=letter("H")))
    # a sentence, in every view: Markdown and text left it without its full stop where LaTeX had one
    return stopped(message(key + (".two" if result.mixed_pairs == 2 else ""), capital=True, count=result.mixed_pairs,
                           H=letter("H"), readings={"H": _H}))


def render_hessian(result, *, steps: bool = True, line: int | None = None) -> str:
    names = [unicode(v) for v in result.vars]
    lines = _header(result, line, unicode(result.expr))
    lines.append(f"{function_head(result, unicode)} = {stated(result)}")
    if steps:
        for d in result.gradient.partials:
            if d.step is not None:
                lines.extend(_derivation(d, _d(result, d.var)))
                lines.append(f"  {_d(result, d.var)} = {unicode(shown_result(d))}")
        for (i, j), step in sorted(result.second_steps.items()):
            second = result.second_derivation(i, j)
            lines.append("")
            lines.append(message("hessian.second", capital=True, name=_second(result, names, j, i), by=names[j], of=names[i],
                                 expr=unicode(differentiated(second)), f=function_name(result, unicode)))
            lines.extend(tree_lines(shown_step(second)))
            lines.extend(_tidied(second))
            # each second partial ends with its equation, as each first partial and every document's does
            lines.append(f"  {_second(result, names, j, i)} = {unicode(shown_result(second))}")
    lines.append("")
    listed = second_partial_lines(result, steps=steps)
    if listed:
        small = len(result.vars) <= INLINE_MAX
        lines.append(message("hessian.entries.named", capital=True) if small else message("hessian.nonzero.named", capital=True) + ":")
        lines.extend(f"  {name} = {value}" for name, value in listed)
    omitted = second_steps_omitted(result, steps)
    if omitted:
        lines.append(omitted)
    if len(result.vars) > INLINE_MAX:
        lines.append(message("hessian.others.zero" if listed else "hessian.zero", capital=True))
    agreement = schwarz_line(result, names)
    if agreement:
        lines.append(agreement)
    if len(result.vars) <= INLINE_MAX:
        lines.append("")
        lines.append(message("hessian.matrix", capital=True, names=", ".join(names)))
        lines.extend(_matrix_lines(hessian_written(result, steps)))
    if result.value is not None:
        lines.append("")
        if len(result.vars) <= INLINE_MAX:
            lines.extend(matrix_at_lines(result, "H"))
        else:
            lines.append(f"{_at(result.point)}:")
            lines.extend(f"  H[{names[i]},{names[j]}] {related(result.value[i][j])}" for (i, j) in sorted(result.entries))
        lines.extend(_test_lines(result))
    lines.extend(check_lines(result.check))
    return "\n".join(lines)


def _test_lines(result) -> list[str]:
    """The second-derivative test at the point: its heading, then one indented line per sentence."""
    from .extrema import TEXT, sentences

    said = sentences(result, TEXT)
    return ["", said[0], *(f"  {s}" for s in said[1:])] if said else []


def jacobian_names(result, printer=unicode) -> list[str]:
    """f1, f2, … for the rows of a Jacobian, or the names the input's definitions gave them."""
    given = result.names or (None,) * len(result.functions)
    return [printer(sympy.Symbol(name)) if name else f"f{i}" for i, name in enumerate(given, 1)]


def render_jacobian(result, *, steps: bool = True, line: int | None = None) -> str:
    lines = _header(result, line, "; ".join(unicode(f) for f in result.functions))
    rows = jacobian_names(result)
    for name, f in zip(rows, result.functions):
        lines.append(f"{name} = {stated(result, unicode, f)}")
    if steps:
        for i, j, d in entries(result):
            if d.step is not None:
                lines.extend(_derivation(d, unicode_entry(result, i, j, rows[i - 1], unicode(d.var))))
                # closed by the equation it derived, as a partial's derivation is
                lines.append(f"  {unicode_partial(rows[i - 1], unicode(d.var))} = {unicode(shown_result(d))}")
    lines.append("")
    m = len(result.functions)
    lines.append(message("jacobian.matrix", capital=True, m=m, n=len(result.vars), names=", ".join(unicode(v) for v in result.vars),
                         rows=", ".join(rows) if result.names else f"f1…f{m}"))
    lines.extend(_matrix_lines(result.matrix))
    if result.value is not None:
        lines.extend(matrix_at_lines(result, "J"))
    lines.extend(check_lines(result.check))
    return "\n".join(lines)


_DECIMAL = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?")


def _beside(other: str, sign: str, size: str, written) -> str:
    """other + size or other − size, as the text view writes a value a hair from a known one."""
    return f"{written(other)} {sign} {unicode_number(size)}"


def counterexample_values(c: dict, written=lambda text: text, beside=_beside,
                          decimal=lambda text: text) -> tuple[str, str]:
    """The answer's and the derivative's values at a counterexample, as a student checks them by
    hand: exact (3/8), with a decimal where the exact value is not a plain number (sin(1/2) ≈
    0.479426). The two differ, so their decimals have as many digits as it takes to differ
    (10000001/10000000 ≈ 1.0000001, not ≈ 1 beside 1), or are left out where no float tells them
    apart. `written` writes an exact value (kept as SymPy text in the record) the way the view does;
    `beside(other, sign, size, written)` a value that differs from the other side's by a decimal
    `size`, signed as a reader writes it (1 − 1.5×10⁻³⁰, never 1 + (-1.5e-30)); `decimal(text)` a
    decimal the way the view writes it (the text view's minus is −: cos(9) ≈ −0.91113)."""
    from ..features.approx import distinct

    sides = ("answer", "correct")
    exact = {side: natural_log_text((c.get("exact") or {}).get(side)) for side in sides}
    approx = {side: c[side] for side in sides}
    floats = [side for side in sides if isinstance(approx[side], float)]
    shown = dict(zip(floats, distinct(*(approx[side] for side in floats)) or [None] * len(floats)))
    if len(floats) == 1:
        shown = {floats[0]: _num(approx[floats[0]])}
    out = []
    for side in sides:
        if approx[side] is None:
            out.append(message("check.undefined", capital=True))
        elif exact[side] is None:  # too long to help: a decimal, marked as one
            other = exact[sides[1 - sides.index(side)]]
            if side in floats and shown.get(side) is None and other is not None and "difference" in c:
                # Too close for a float: the other side's exact value and the difference tell them apart.
                difference = c["difference"]
                if _DECIMAL.fullmatch(difference):
                    # the answer is the derivative plus the difference, the derivative the answer minus it
                    below = difference.startswith("-") == (side == "answer")
                    out.append(beside(other, "−" if below else "+", difference.lstrip("+-"), written))
                else:
                    sign = "+" if side == "answer" else "−"
                    out.append(f"{written(other)} {sign} ({written(difference)})")
                continue
            value = decimal(shown.get(side) or (repr(approx[side]) if side in floats else str(approx[side])))
            out.append(f"≈ {value}" if side in floats else value)
        elif side not in floats or (_is_rational(exact[side]) and len(exact[side]) <= 12) or shown.get(side) is None:
            out.append(written(exact[side]))
        else:
            out.append(f"{written(exact[side])} ≈ {decimal(shown[side])}")
    return out[0], out[1]


def _written(text: str) -> str:
    """A value the check kept as SymPy text (sqrt(2)*exp(1/2)/2), in this view's Unicode (√2·√e/2);
    numbers (3/8, -1.16582, 1.0e-40) as they are."""
    if _DECIMAL.fullmatch(text):  # −1.50664×10⁻³⁰, as the text view writes a number
        return unicode_number(text).replace("-", "−")
    if re.fullmatch(r"[-+\d./e ]*", text):
        return text.replace("-", "−")
    from ..core.errors import SymdiffError
    from ..scalar.parsing import parse

    try:
        return unicode(parse(text))
    except SymdiffError:
        return text


def _difference(c: dict) -> str:
    """The answer minus the derivative at the counterexample, as the documents write it: exact, then
    ≈ its decimal (8·sin(1/2) ≈ 3.83540); a decimal alone said "is 3.83540" of a value it rounded."""
    from .markup import exact_difference

    difference = exact_difference(c)
    if difference is None:
        return _written(c["difference"])
    if difference.is_Rational:
        return unicode(difference)
    given = _minus(c["difference"])
    return given if "≈" in given else f"{unicode(difference)} ≈ {given}"


def _minus(decimal: str) -> str:
    """A decimal with the text view's minus sign (−0.91113, as its formulas write −5·cos(9))."""
    return decimal.replace("-", "−")


def _is_rational(text: str) -> bool:
    return text.lstrip("-").replace("/", "", 1).isdigit()


def answer_as_typed(v) -> str:
    """The answer as the student typed it, in this view's notation, and beside it the form symdiff read
    it as where that differs (3·y·x² + 0·x = 3·x²·y): echoing only the read form hides what was typed."""
    if v.answer is None:
        return one_line(v.answer_text or "")
    read = unicode(v.answer)
    typed = unicode_as_typed(v.answer_typed) if v.answer_typed is not None else read
    return f"{typed} = {read}" if typed != read and v.read_differently else typed


def render_check(v, *, steps: bool = True, line: int | None = None) -> str:
    # as the steps below write it: ∂/∂x for a function of several variables, d/dx for one
    operator = unicode(v.steps[0].operator) if len(v.steps) == 1 else \
        derivative_symbol(v.wrt, "", unicode, ordinary=v.expr is not None and is_ordinary(v, v.wrt))
    question = f"{operator} [{stated(v)}]" if v.expr is not None else one_line(v.input or "")
    lines = _header(v, line, v.input or "")
    if v.verdict == "unreadable":
        lines.append(message("check.unreadable", capital=True, error=localized(v.error.message)))
        if v.unreadable_text is not None and v.error.column is not None:
            lines.extend(caret_lines(v.unreadable_text, v.error.column))
        return "\n".join(lines)
    lines.append(message("check.question", capital=True, question=question))
    lines.append(message("check.answer", capital=True, answer=answer_as_typed(v)))
    if v.verdict == "right":
        lines.append(message("check.right.symbolic", capital=True, derivative=v.derivative_words))
        return "\n".join(lines)
    if v.verdict == "inconclusive":
        lines.append(message(v.inconclusive_key, capital=True, points=v.points, derivative=v.derivative_words))
        lines.append(message("check.correct", correct=unicode(check_shown(v)[1]), derivative=_begins(v.derivative_words)))
        return "\n".join(lines)
    c = v.counterexample
    exact = c.get("exact") or {}
    at = exact.get("at") or c["at"]
    # one formula, as every point is written (point_formula): (x, y) = (1/2, 3)
    names, values = ", ".join(unicode(sympy.Symbol(k)) for k in at), ", ".join(_written(str(val)) for val in at.values())
    where = "" if not at else f"{names} = {values}" if len(at) == 1 else f"({names}) = ({values})"
    answer_value, correct_value = counterexample_values(c, _written, decimal=_minus)
    undefined = ".undefined" if c["answer"] is None else ""
    if where:
        lines.append(message("check.wrong" + undefined, capital=True, at=where, answer=answer_value,
                             correct=correct_value, derivative=v.derivative_words))
    else:  # f has no variable: its derivative is the same everywhere
        lines.append(message("check.wrong.constant" + undefined, capital=True, answer=answer_value,
                             correct=correct_value, derivative=v.derivative_words))
    if "difference" in c:
        lines.append(message("check.difference", capital=True, difference=_difference(c), derivative=v.derivative_words))
    lines.append(message("check.correct", correct=unicode(check_shown(v)[1]), derivative=_begins(v.derivative_words)))
    if v.diagnosis is not None:
        lines.append(message("check.mistake", capital=True, kind=message(f"mistake.{v.diagnosis.kind}"),
                             message=v.diagnosis.words(spoken)))
    if steps:
        shown_steps, correct = check_shown(v)
        for step in shown_steps:
            lines.append("")
            lines.append(message("check.steps", capital=True))
            lines.extend(tree_lines(step))
        if shown_steps and correct is not None and unicode(shown_steps[-1].result) != unicode(correct):
            # the derivative stated above is the tidy form: the steps are taken on to it
            lines += text_tidy_lines(v.steps[-1].result, v.correct, shown_steps[-1].result, correct)
    return "\n".join(lines)


def implicit_lines(r, steps: bool, claim, words) -> list[str]:
    """The implicit derivation's lines (see `symdiff.render.implicit`): claims (equations, step
    lines) printed by `claim`, the mathematics inside sentences by `words`."""
    from .implicit import Chain, Say, outline

    o = outline(r, steps)
    lines: list[str] = []
    for item in o.steps:
        if isinstance(item, Say):
            if lines and item.key != "implicit.agree":
                lines.append("")
            lines.append(message(item.key, words, capital=True, **item.values))
        elif isinstance(item, Chain):
            lines.append("  " + " = ".join(claim(side) for side in item.sides))
        else:
            lines.extend(tree_lines(item.step, claim=claim))
    if lines:
        lines.append("")
    where = "" if o.condition is None else " " + message(o.condition.key, words, **o.condition.values)
    lines.append(" = ".join(claim(side) for side in o.result.sides) + where)
    if o.on_curve is not None:
        lines.append(stopped(message(o.on_curve.key, words, capital=True, **o.on_curve.values)))
    if o.no_value is not None:
        lines.append(stopped(message(o.no_value.key, words, capital=True, **o.no_value.values)))
    return lines


def render_implicit(r, *, steps: bool = True, line: int | None = None) -> str:
    return "\n".join(_header(r, line, r.equation) + implicit_lines(r, steps, unicode, spoken))


def render_tangent(t, *, steps: bool = True, line: int | None = None) -> str:
    kind = message({1: "tangent.line", 2: "tangent.plane"}.get(len(t.vars), "tangent.hyperplane"))
    lines = _header(t, line, unicode(t.expr))
    from .extrema import TEXT
    from .tangent import curve, graph

    lines.append(message("tangent.point", capital=True, kind=kind, graph=graph(t), function=curve(t, TEXT, stated(t)),
                         point=unicode(sympy.Tuple(*t.point.values(), t.value))))
    if steps:
        for d in t.partials:
            if d.step is not None:
                lines.extend(_derivation(d, _d(t, d.var)))
        lines.append("")
    lines.extend(tangent_lines(t))
    return "\n".join(lines)


def tangent_lines(t) -> list[str]:
    """The general formula with the point named by letters, their values, the pieces at the point, and the
    tangent with them put in (then solved for the height, where that reads otherwise)."""
    from .extrema import TEXT
    from .tangent import (function_letter, general, letter_values, partial_names, partials_reading, point_letters,
                          substituted, values)

    kind = message({1: "tangent.line", 2: "tangent.plane"}.get(len(t.vars), "tangent.hyperplane"))
    f = function_letter(t)
    partials = partial_names(t, TEXT, f)
    key = "tangent.general.partials" if partials else "tangent.general"
    defined = [f"{name} = {derivative_symbol([v], unicode(sympy.Symbol(f)), unicode)}" for name, v in zip(partials, t.vars)]
    lines = [message(key, capital=True, readings={"partials": partials_reading(t, f)}, kind=kind,
                     at=point_letters(t, TEXT), formula=general(t, TEXT, f), f=unicode(sympy.Symbol(f)),
                     partials=", ".join(defined)),
             message("tangent.values", capital=True, values=", ".join(letter_values(t, TEXT)))]
    lines += [f"  {v}" for v in values(t, TEXT, f)]
    through, solved = substituted(t, TEXT), f"{unicode(t.dependent)} = {unicode(t.expanded)}"
    lines += [f"  {through}"] + ([f"  {solved}"] if solved != through else [])
    return lines


def render_practice(p, *, steps: bool = True, line: int | None = None) -> str:
    lines = [plural("practice.head", len(p.exercises), capital=True, rules=p.named_rules, seed=p.seed), "",
             message("practice.exercises", capital=True)]
    for e in p.exercises:
        lines.append(f"  {e.number}. d/d{unicode(e.var)} [{unicode(e.expr)}]")
    lines += ["", message("practice.answers", capital=True)]
    for e in p.exercises:
        answer = unicode(shown_answer(e))
        if e.conditions:  # as an answer key writes it: the answer and where it holds, on one line
            answer = message("practice.answer.condition", unicode, answer=answer, condition=e.conditions)
        lines.append(f"  {e.number}. {answer}")
        if steps:
            lines.extend(tree_lines(shown_exercise(e), f"{e.number}.1.", "     "))
            if e.answer != e.step.result:  # the answer above is the tidy form: say where it comes from
                lines += text_tidy_lines(e.step.result, e.answer, shown_exercise(e).result, shown_answer(e), "     ")
        lines += [f"     {_note_label(note)}: {_note_words(note, capital=True)}" for note in e.remarks]
    lines += ["", message("practice.seed", capital=True, seed=p.seed)]
    return "\n".join(lines)


def render_descend(r, *, steps: bool = True, line: int | None = None) -> str:
    names = [unicode(v) for v in r.vars]
    lines = _header(r, line, unicode(r.expr))
    lines.append(f"f = {stated(r)}")
    slope = _unicode_formula(r.formulas["slope"])
    # ∇f by the descended variables only, where f has other names (data): ∇f with respect to (w, b)
    stated_slope = slope if r.single else nabla_named(r, "f", unicode)
    lines.append(f"{stated_slope} = {_vector(typed_entries(r.gradient, r.expr))}")
    if r.data:  # the data the run put in: named in f and ∇f above, numbers in every iterate
        lines.append(message("descend.data", capital=True, data=", ".join(f"{unicode(k)} = {unicode(v)}" for k, v in r.data.items())))
    lines.append(message("descend.head", capital=True, rule=_update_rule(names), lr=unicode_number(f"{r.lr:g}"), start=_named(names, r.start)))
    lines.append("")
    rows = [["k", _cell(names), "f", slope, _unicode_formula(r.formulas["size"])]]
    # Every value as computed, to six significant digits: a small one (y = 9.22337e-13) is no 0, and
    # JSON holds the same numbers; only an exact 0 prints as 0.
    its = r.iterations
    shown = its if steps or len(its) <= 12 else its[:5] + its[-5:]
    for it in shown:
        slope = r.vanishing(it)  # a tiny coordinate and its gradient component are printed alike
        rows.append([str(it.step), _cell([_num(v) for v in it.point]),
                     _iterate_num(r, it.value), _cell(["≈ 0" if z else _num(g) for g, z in zip(it.gradient, slope)]),
                     _iterate_num(r, it.grad_norm, "slope")])
    if r.outside is not None:  # the step that left f's domain: where it landed, and that f has no value there
        rows.append([str(r.stop_values["k"]), _cell([_num(v) for v in r.outside]),
                     message("descend.undefined", capital=True), "", ""])
    widths = [max(len(row[c]) for row in rows) for c in range(5)]
    for k, row in enumerate(rows):
        lines.append("  " + "  ".join(cell.rjust(w) if c in (0, 2, 4) else cell.ljust(w)
                                      for c, (cell, w) in enumerate(zip(row, widths))).rstrip())
        if not steps and k == 5 and len(r.iterations) > 12:
            lines.append("  " + message("descend.more", capital=True, count=len(r.iterations) - 10))
    lines.append("")
    if r.failed:  # one sentence that says what happened and why, then what to try
        lines.append(message("descend.failed", capital=True, reason=r.cause))
        if r.advice_text:
            lines.append(sentence(r.advice_text, stop=False))
    else:
        lines.append(f"{message('descend.converged' if r.converged else 'descend.stopped', capital=True)}: {r.cause}")
    last = its[-1].value
    value = "≈ 0" if r.negligible(last) else related(last)
    # f ≈ 0 is rounding at a point that is not exactly its decimals (1.2000000000000002): both are approximate
    lines.append(message("descend.final", capital=True, point=_named(names, its[-1].point, r.negligible(last)),
                         value=value))
    return "\n".join(lines)


def _iterate_num(r, value: float, kind: str = "value") -> str:
    """A value of the run's table: rounding noise next to the run's scale (DescentResult.negligible) is
    ≈ 0, never the noise's own decimal; an exact 0 is 0."""
    return "≈ 0" if r.negligible(value, kind) else _num(value)


def _cell(items: list[str]) -> str:
    """(x, y), (0.8, 0.4): a point or vector of several; one variable's value is a number, not "(3)"."""
    return items[0] if len(items) == 1 else "(" + ", ".join(items) + ")"


def _unicode_formula(formula) -> str:
    from ..features.descent import _unicode

    return _unicode(formula)


def _update_rule(names: list[str]) -> str:
    """The update written in the problem's own variables: w ← w − η∇f would reuse w, which may be one
    of them (a loss in w, b), for the whole point."""
    if len(names) == 1:
        return f"{names[0]} ← {names[0]} − ηf′({names[0]})"
    point = "(" + ", ".join(names) + ")"
    return f"{point} ← {point} − η∇f{point}"


def _named(names: list[str], values, strict: bool = False) -> str:
    """A point with its coordinates named (w = 1.2, b ≈ 0.612346), so no reader has to guess the order.
    `strict`: "=" only where the decimal reads back as the float itself, not within a few units of its
    last place (beside an f that is rounding, 1.2000000000000002 is w ≈ 1.2)."""
    return ", ".join(f"{n} {related(v)}" if not strict or float(decimal(v)) == v else f"{n} ≈ {unicode_number(decimal(v))}"
                     for n, v in zip(names, values))


def render_rules(book, *, steps: bool = True, line: int | None = None) -> str:
    lines = [] if book.worked else [message("rules.head", capital=True), ""]
    for name, d in zip(book.rules, book.examples):
        # the contract's key (constant_multiple) is JSON's, not a reader's: the name the steps give the rule
        lines.append(sentence(rule_heading(name), stop=False))
        lines.append("  " + message(f"statement.{name}", capital=True))
        # the steps' own operator: ∂/∂x where the example holds another variable constant (d/dx [y²] = 0
        # read as an ordinary derivative contradicts implicit's d/dx [y²] = 2y·dy/dx)
        question = f"{unicode(d.step.operator)} [{unicode(d.expr)}]"
        equation = f"{question} = {unicode(shown_result(d))}"
        if not (book.worked and steps):
            lines += ["  " + message("rules.example", capital=True, equation=equation), ""]
            continue
        lines += ["", message("rules.worked", capital=True, question=question)]
        lines.extend(tree_lines(shown_step(d)))
        if d.result != d.step.result:
            lines += text_tidy_lines(d.step.result, d.result, shown_step(d).result, shown_result(d))
        lines += ["", equation]
    if not book.worked:  # the command on a line of its own, after a label, never inside a sentence
        lines.append(message("rules.hint", capital=True))
    return "\n".join(lines).rstrip("\n")


def views(fmt: str) -> dict:
    """The text view of each scalar result class (see symdiff.render)."""
    from . import results as r

    return {r.PartialResult: render_partial, r.GradientResult: render_grad, r.HessianResult: render_hessian,
            r.JacobianResult: render_jacobian, r.Verdict: render_check, r.ImplicitResult: render_implicit,
            r.TangentResult: render_tangent, r.PracticeSet: render_practice, r.DescentResult: render_descend,
            r.RuleBook: render_rules}


def render(result, *, steps: bool = True, line: int | None = None) -> str:
    """The text view of `result`, with its notes before its derivation (see `document_notes`)."""
    from . import carries_notes

    body = show("text", result, steps=steps, line=line)
    notes = document_notes(result) if carries_notes("text", result, steps) else []
    if not notes:
        return body
    # after the heading paragraph (the function, and a batch's line), before the derivation
    head, blank, rest = body.partition("\n\n")
    if not blank:  # one paragraph: nothing before which the notes would still follow the heading
        return "\n".join([body, "", *notes])
    return "\n".join([head, "", *notes, "", rest])


def document_notes(result) -> list[str]:
    """A result's notes as lines of the view itself, "Note: …" each: after the function's heading and
    before its derivation, as the documents set them, since a condition (the derivative holds only where
    x > 0) comes before the conclusion that depends on it; in the view, so that stdout saved as a handout
    keeps them.
    Which notes: see `markup.note_sentences`."""
    from .markup import ENDED

    from ..scalar.notes import label_key

    lines = []
    for note in getattr(result, "warnings", None) or ():
        words = _note_words(note, capital=True)
        label = sentence(message(label_key(note)), stop=False)  # Caution: a caveat; Note: a remark
        lines.append(f"{label}: {words if words.endswith(ENDED) else words + '.'}")
    return lines


def note_lines(notes, *, line: int | None = None) -> str:
    """The notes on one input, one line each (for stderr), in the current language."""
    from ..core.messages import message

    where = f"{message('line', line=line)}: " if line is not None else ""
    return "".join(f"{where}{message('note')}: {_note_words(note)}\n" for note in notes)


def _note_label(note) -> str:
    """Caution (where the derivative holds) or Note, as a document's callout names it."""
    from ..scalar.notes import CAVEATS

    return message("caution" if note.kind in CAVEATS else "note", capital=True)


def _note_words(note, capital: bool = False) -> str:
    """A note as people read it (y², not y**2); a note with no expressions in it has only its message."""
    words = getattr(note, "words", None)
    return words(unicode, capital=capital) if words is not None else note.message


def render_error(text: str | None, error, *, line: int | None = None) -> str:
    """An error for stderr, in the current language; the input and its caret as they are."""
    where = (message("line", line=line) if line is not None
             else message("error.usage") if getattr(error, "usage", False) else message("error"))
    lines = [f"{where}: {localized(error.message)}"]
    # Without a column an echo points at nothing, and repeats the argument just typed; a file's line
    # is still shown, as the reader has not seen it.
    if text is not None and (error.column is not None or line is not None):
        lines.extend(caret_lines(text, error.column))
    return "\n".join(lines)
