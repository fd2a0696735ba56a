"""HTML: a self-contained page (no scripts, no network) with the mathematics in MathML, which
browsers render natively."""

from __future__ import annotations

import html

import sympy

from ..core.messages import LANGUAGE, message, rule_label
from . import show
from .markup import closed, heading_held, labelled, tidy_lines, with_math
from .markup import sentence as as_sentence
from .notation import is_ordinary, mathml, nabla_mathml, stated, truncated
from .order import differentiated, final_result, gradient_written, hessian_written, shown_result, shown_step

STYLE = """
body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
section { border-top: 1px solid #ddd; padding-top: .5rem; }
ul.steps, ul.steps ul { list-style: none; padding-left: 1.4rem; border-left: 2px solid #e4e4e4; }
li { margin: .4rem 0; }
.rule { font-weight: 600; color: #06775f; margin-right: .5rem; }
.why { color: #555; font-size: .92rem; }
.held { color: #8a5a00; }
.note { background: #fff4e5; border-left: 4px solid #d9822b; padding: .6rem 1rem; }
.result { background: #eefbf0; border-left: 4px solid #2a9d4a; padding: .6rem 1rem; font-size: 1.1rem; }
math { font-size: 1.05em; font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", "DejaVu Math TeX Gyre",
       math; }
"""

# The page's fonts by language. Hangul shows as boxes when no font in the stack (or the browser's
# fallback) has it: a Korean page names the Korean fonts of each system, Linux first.
FONTS = {"ko": '"Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", "Nanum Gothic", '
               "sans-serif"}
DEFAULT_FONTS = "system-ui, sans-serif"


def style(lang: str) -> str:
    return STYLE + f"body {{ font-family: {FONTS.get(lang, DEFAULT_FONTS)}; }}\n"


def _m(expr) -> str:
    return mathml(expr)


def math(expr, display: bool = False) -> str:
    block = ' display="block"' if display else ""
    return f"<math{block}>{_m(expr)}</math>"


def _d(var) -> str:
    return f"<mfrac><mi>d</mi><mrow><mi>d</mi>{_m(var)}</mrow></mfrac>"


def _name(result) -> str:
    """The function's name in MathML: f, or the name the input's definition gave it."""
    name = getattr(result, "name", None)
    return _m(sympy.Symbol(name)) if name else "<mi>f</mi>"


def _partial(var, result=None) -> str:
    f = _name(result)
    if result is not None and is_ordinary(result, [var]):
        return f"<mfrac><mrow><mi>d</mi>{f}</mrow><mrow><mi>d</mi>{_m(var)}</mrow></mfrac>"
    return f"<mfrac><mrow><mo>∂</mo>{f}</mrow><mrow><mo>∂</mo>{_m(var)}</mrow></mfrac>"


def _defined(result) -> str:
    """'y = ' before the function in a heading, where the input named it."""
    if getattr(result, "name", None) is None:
        return ""
    params = ", ".join(html.escape(sympy.sstr(p)) for p in result.params)
    return html.escape(f"{result.name}({params}) = " if params else f"{result.name} = ")


def _step(step) -> str:
    ending = closed(step, lambda e: math(truncated(e)), html.escape)
    # a step with substeps states its result in the closing item under them, once they have derived it
    result = f"<mo>=</mo>{_m(truncated(step.result))}" if ending is None else ""
    claim = f"<math>{_m(step.operator)}<mrow><mo>[</mo>{_m(truncated(step.expr))}<mo>]</mo></mrow>{result}</math>"
    label, why = labelled(step, lambda e: math(truncated(e)), html.escape)
    inner = "".join(_step(s) for s in step.substeps)
    if ending is not None:
        inner += f'<li class="closing">{ending}</li>'
    children = f"<ul>{inner}</ul>" if inner else ""
    return (f'<li><span class="rule">{html.escape(label)}</span>{claim}'
            + (f'<div class="why">{why}</div>' if why else "") + f"{children}</li>")


def _derivation(d, result=None, symbol: str | None = None, stated: bool | str = False,
                lead: str | None = None) -> str:
    """One derivation under its heading; with `stated`, closed by the equation it derived (∂f/∂x = …,
    or `stated`'s own left side, a Jacobian entry's ∂f₁/∂x under J₁₁ = ∂f₁/∂x), where the document's
    result gathers several (a gradient, a Jacobian) and no box states this one."""
    held = f' <span class="held">({heading_held(d.held, lambda e: math(e), html.escape)})</span>' if d.held else ""
    name = symbol or _partial(d.var, result)
    left = stated if isinstance(stated, str) else name
    closing = f'<p><math display="block">{left}<mo>=</mo>{_m(shown_result(d))}</math></p>' if stated else ""
    return (f"<h3><math>{name}</math>{held}</h3>" + (f"<p>{lead}</p>" if lead else "")
            + f'<ul class="steps">{_step(shown_step(d))}{_tidied(d)}</ul>{closing}')


def _tidied(d) -> str:
    """The item that takes the steps' result to the form the answer is given in, where they differ."""
    # each form alone: the item above ends in the one before it, and "A = B" said A twice
    return "".join(f'<li><span class="rule">{line.words(math, html.escape)}</span><math>{_m(line.expr)}</math></li>'
                   for line in tidy_lines(d.step.result, d.result, shown_step(d).result, shown_result(d), _m))


def _result(left: str, expr_or_markup) -> str:
    right = expr_or_markup if isinstance(expr_or_markup, str) else _m(expr_or_markup)
    return f'<p class="result"><math display="block">{left}<mo>=</mo>{right}</math></p>'


def _column(entries: list[str]) -> str:
    """MathML cells as a column vector; a single one alone (see notation.column)."""
    return entries[0] if len(entries) == 1 else _rows([[e] for e in entries])


def _matrix(rows) -> str:
    body = "".join("<mtr>" + "".join(f"<mtd>{_m(e)}</mtd>" for e in row) + "</mtr>" for row in rows)
    return f"<mrow><mo>[</mo><mtable>{body}</mtable><mo>]</mo></mrow>"


def _second(result, first: int, then: int) -> str:
    """∂²f/∂y∂x (∂/∂y of ∂f/∂x), or ∂²f/∂x², in MathML."""
    f, names = _name(result), [_m(v) for v in result.vars]
    top = f"<mrow><msup><mo>∂</mo><mn>2</mn></msup>{f}</mrow>"
    if first == then:
        return f"<mfrac>{top}<mrow><mo>∂</mo><msup>{names[first]}<mn>2</mn></msup></mrow></mfrac>"
    return f"<mfrac>{top}<mrow><mo>∂</mo>{names[then]}<mo>∂</mo>{names[first]}</mrow></mfrac>"


def _second_partials(result, steps: bool) -> list[str]:
    """As the other formats show a Hessian: each second partial's steps (both orders of a mixed
    pair), the list of second partials, and whether the mixed ones agree (Schwarz)."""
    from .text import schwarz_line, second_partial_lines, second_steps_omitted

    def words(render_text) -> str:
        return with_math(render_text, lambda markup: f"<math>{markup}</math>", html.escape)

    parts = []
    if steps:
        for (i, j), step in sorted(result.second_steps.items()):
            second = result.second_derivation(i, j)
            inner = f"{_partial(result.vars[i], result)}<mo>=</mo>{_m(differentiated(second))}"
            # each part of the worked solution as a first partial's: its heading, steps and result
            lead = words(lambda p: message("hessian.second.lead", capital=True, inner=p(inner),
                                           var=p(_m(result.vars[j]))))
            parts.append(_derivation(second, result, _second(result, i, j), stated=True, lead=lead))
    listed = second_partial_lines(result, _m, lambda first, then: _second(result, first, then), steps)
    if listed:
        items = "".join(f"<li><math>{name}<mo>=</mo>{value}</math></li>" for name, value in listed)
        parts.append(f"<h3>{html.escape(message('hessian.entries', capital=True).rstrip(':'))}</h3><ul>{items}</ul>")
    omitted = second_steps_omitted(result, steps)
    if omitted:
        parts.append(f"<p>{html.escape(omitted)}</p>")
    if result.mixed_pairs:
        names = [_m(v) for v in result.vars]
        line = words(lambda p: schwarz_line(result, [p(n) for n in names],
                                            symbol=lambda a, b: p(_second(result, a, b)),
                                            letter=lambda c: p(f"<mi>{c}</mi>")))
        parts.append(f"<p>{line}</p>")
    return parts


def _point(point) -> str:
    from .notation import point_formula

    return _m(point_formula(point))


def _directional(result) -> str:
    """grad --dir: u, D_u f = ∇f·u and its value at the point, each on a line of its own."""
    if result.direction is None:
        return ""
    from ..features.approx import decimal

    from .markup import directional_at
    from .worked import mathml_spelling, unit_direction

    from .text import directional_worked
    from .worked import BOLD_U

    f, u = _name(result), BOLD_U["mathml"]
    d_u = f"<msub><mi>D</mi>{u}</msub>{f}"
    rows = [f"<math>{u}<mo>=</mo>{unit_direction(result, mathml_spelling())}</math>",
            f"<math>{d_u}<mo>=</mo><mo>∇</mo>{f}<mo>·</mo>{u}<mo>=</mo>"
            f"{directional_worked(result, mathml_spelling())}</math>"]
    at = directional_at(result, _point_notation(), html.escape)
    if at is not None:
        rows.append(at)
    items = "".join(f"<li>{row}</li>" for row in rows)
    from .text import DIRECTION

    heading = with_math(lambda p: message("grad.directional", u=p(u), readings={"u": DIRECTION}),
                        lambda markup: f"<math>{markup}</math>", html.escape)
    return f"<p>{heading}</p><ul>{items}</ul>"


def _at_point(result) -> str:
    """--at: the values at the point, a paragraph and a list, as the text view gives them."""
    from .markup import at_point

    sentences = at_point(result, _point_notation(), html.escape)
    if not sentences:
        return ""
    items = "".join(f"<li>{s}</li>" for s in sentences[1:])
    return f"<p>{sentences[0]}</p>" + (f"<ul>{items}</ul>" if items else "")


def _point_notation():
    from .markup import PointNotation
    from .substituted import mathml_substituted
    from .worked import mathml_spelling

    nabla = lambda f: f"<mrow><mo>∇</mo>{f}</mrow>"  # noqa: E731
    norm = lambda f: f"<mrow><mo>|</mo>{nabla(f)}<mo>|</mo></mrow>"  # noqa: E731
    return PointNotation(
        wrap=lambda markup: f"<math>{markup}</math>", name=_name, number=_number,
        point=_point, vector=_column, matrix=_rows, nabla=nabla, norm=norm,
        unit=lambda f, minus: ("<mo>−</mo>" if minus else "") + f"<mfrac>{nabla(f)}{norm(f)}</mfrac>",
        equals=lambda a, b: f"{a}<mo>=</mo>{b}", letter=lambda c: f"<mi>{c}</mi>",
        symbol=lambda result: _partial(result.wrt[0], result) if len(result.wrt) == 1 else _m(sympy.Symbol("f")),
        expr=_m, approx=lambda a, b: f"{a}<mo>≈</mo>{b}", spelling=mathml_spelling(),
        directional=lambda f: f'<msub><mi>D</mi><mi mathvariant="bold">u</mi></msub>{f}',
        dotted=lambda f: f'<mo>∇</mo>{f}<mo>·</mo><mi mathvariant="bold">u</mi>',
        partial_at=lambda result, var, values: _partial(var, result)
        + "<mrow><mo>(</mo>" + "<mo>,</mo>".join(_m(v) for v in values) + "<mo>)</mo></mrow>",
        put_in=mathml_substituted)


def _number(text: str) -> str:
    if text.startswith("-"):  # a minus sign, as MathMLPrinter sets it
        return f"<mrow><mo>−</mo><mn>{html.escape(text[1:])}</mn></mrow>"
    return f"<mn>{html.escape(text)}</mn>"


def _rows(rows) -> str:
    body = "".join("<mtr>" + "".join(f"<mtd>{e}</mtd>" for e in row) + "</mtr>" for row in rows)
    return f"<mrow><mo>[</mo><mtable>{body}</mtable><mo>]</mo></mrow>"


def _title(line: int | None) -> str:
    return html.escape(f"{message('line', line=line)}: " if line is not None else "")


def _section(parts: list[str]) -> str:
    return "<section>" + "".join(parts) + "</section>\n"


def section_partial(result, *, steps: bool = True, line: int | None = None) -> str:
    parts = [f"<h2>{_title(line)}{_defined(result)}<math>{stated(result, mathml)}</math></h2>"]
    if steps:
        parts += [_derivation(d, None if n else result) for n, d in enumerate(result.derivations)]
    wrt = list(result.wrt)
    d = "<mi>d</mi>" if is_ordinary(result, wrt) else "<mo>∂</mo>"
    den = f"{d}<msup>{_m(wrt[0])}<mn>{len(wrt)}</mn></msup>" if d == "<mi>d</mi>" else \
        "".join(f"<mo>∂</mo>{_m(v)}" for v in reversed(wrt))
    left = _partial(wrt[0], result) if len(wrt) == 1 else \
        "<mfrac><mrow><msup>%s<mn>%d</mn></msup>%s</mrow><mrow>%s</mrow></mfrac>" % (d, len(wrt), _name(result), den)
    parts.append(_result(left, final_result(result, result.written)))
    parts.append(_where(result.shared))
    parts.append(_at_point(result))
    return _section(parts)


def _where(shared) -> str:
    """The names of a result's repeated parts, each defined once (the result above uses them)."""
    if shared is None:
        return ""
    rows = "".join(f'<math display="block">{_m(name)}<mo>=</mo>{_m(e)}</math>' for name, e in shared.replacements)
    return f"<p>{html.escape(message('shared.where'))}</p>{rows}"


def section_grad(result, *, steps: bool = True, line: int | None = None) -> str:
    # ∇f is math, as f is: a value given as MathML already is set as it is
    heading = with_math(lambda p: message("document.grad", expr=p(stated(result, mathml)), nabla=p(nabla_mathml(result, _name(result)))),
                        lambda v: f"<math>{v}</math>" if isinstance(v, str) else math(v), html.escape)
    parts = [f"<h2>{_title(line)}{heading}</h2>"]
    if steps:
        parts += [_derivation(d, result, stated=True) for d in result.partials if d.step is not None]
    from .text import grad_steps_omitted

    omitted = grad_steps_omitted(result, steps)
    if omitted:
        parts += [f"<p>{html.escape(omitted[0])}</p>",
                  f"<p>{html.escape(omitted[1])}: <code>{html.escape(omitted[2])}</code></p>"]
    nabla = nabla_mathml(result, _name(result))
    if len(result.vars) == 1:  # ∇f of a function of one variable is its derivative: no 1×1 vector
        parts.append(_result(f"{nabla}<mo>=</mo>{_partial(result.vars[0], result)}", gradient_written(result)[0]))
    else:
        parts.append(_result(nabla, _column([_m(e) for e in gradient_written(result)])))
    parts.append(_where(result.shared))
    parts.append(_at_point(result))
    parts.append(_directional(result))
    return _section(parts)


def section_hessian(result, *, steps: bool = True, line: int | None = None) -> str:
    params = getattr(result, "params", ()) or result.vars
    name = result.name or "f"
    defined = (f"<math>{_m(sympy.Symbol(name))}<mo>(</mo>"
               + "<mo>,</mo>".join(_m(p) for p in params) + f"<mo>)</mo><mo>=</mo>{stated(result, mathml)}</math>")
    words = html.escape(message("document.heading", symbol=message("document.hessian"), f="\x00"))
    parts = [f"<h2>{_title(line)}{words.replace(chr(0), defined)}</h2>"]
    if steps:
        parts += [_derivation(d, result, stated=True) for d in result.gradient.partials if d.step is not None]
    parts += _second_partials(result, steps)
    parts.append(_result("<mi>H</mi>", _matrix(hessian_written(result, steps))))
    parts.append(_at_point(result))
    parts.append(_test(result))
    return _section(parts)


def _test(result) -> str:
    """The second-derivative test at the point: a paragraph and a list, as the point's values."""
    from .extrema import mathml_notation, sentences

    said = sentences(result, mathml_notation(html.escape))
    if not said:
        return ""
    items = "".join(f"<li>{s}</li>" for s in said[1:])
    return f"<p>{said[0]}</p><ul>{items}</ul>"


def section_jacobian(result, *, steps: bool = True, line: int | None = None) -> str:
    from .text import jacobian_names

    # J and its functions, as a Hessian's heading names H's f: "Jacobian J of f₁ = x y, f₂ = x + y"
    functions = ", ".join(f"<math>{_m(sympy.Symbol(n))}<mo>=</mo>{stated(result, mathml, f)}</math>"
                          for n, f in zip(jacobian_names(result), result.functions))
    symbol = html.escape(message("document.jacobian")) + " <math><mi>J</mi></math>"
    words = html.escape(message("document.heading", symbol="\x00", f="\x01"))
    parts = [f"<h2>{_title(line)}" + words.replace("\x00", symbol).replace("\x01", functions) + "</h2>"]
    if steps:
        from .entries import entries, mathml_entry, mathml_partial

        names = [_m(sympy.Symbol(n)) for n in jacobian_names(result)]
        parts += [_derivation(d, symbol=mathml_entry(result, i, j, names[i - 1], _m(d.var)),
                              stated=mathml_partial(names[i - 1], _m(d.var)))
                  for i, j, d in entries(result) if d.step is not None]
    parts.append(_result("<mi>J</mi>", _matrix(result.matrix)))
    parts.append(_at_point(result))
    return _section(parts)


def section_implicit(result, *, steps: bool = True, line: int | None = None) -> str:
    """The derivation of `symdiff.render.implicit`: paragraphs, step lists and displayed equations."""
    from ..features.approx import decimal
    from .implicit import Chain, Say, outline, typed_sides

    def words(key: str, values: dict) -> str:
        return with_math(lambda p: message(key, p, **values), lambda e: math(truncated(e)), html.escape)

    o = outline(result, steps)
    lhs, rhs = typed_sides(result)
    equation = f"{_m(lhs)}<mo>=</mo>{_m(rhs)}"
    parts = [f"<h2>{_title(line)}<math>{equation}</math></h2>"]
    for item in o.steps:
        if isinstance(item, Say):
            parts.append(f"<p>{as_sentence(words(item.key, item.values))}</p>")
        elif isinstance(item, Chain):
            parts.append('<p><math display="block">' + "<mo>=</mo>".join(_m(side) for side in item.sides)
                         + "</math></p>")
        else:
            parts.append(f'<ul class="steps">{_step(item.step)}</ul>')
    first, *rest = o.result.sides
    parts.append(_result(_m(first), "<mo>=</mo>".join(_m(side) for side in rest)))
    if o.condition is not None:
        parts.append(f"<p>{as_sentence(words(o.condition.key, o.condition.values), stop=False)}</p>")
    if o.on_curve is not None:
        parts.append(f"<p>{as_sentence(words(o.on_curve.key, o.on_curve.values))}</p>")
    if o.no_value is not None:
        parts.append(f"<p>{as_sentence(words(o.no_value.key, o.no_value.values))}</p>")
    return _section(parts)


def views(fmt: str) -> dict:
    """The HTML section of each scalar result class that has one (see symdiff.render)."""
    from . import documents
    from . import results as r

    return {r.PartialResult: section_partial, r.GradientResult: section_grad, r.HessianResult: section_hessian,
            r.JacobianResult: section_jacobian, **documents.views(fmt),
            r.ImplicitResult: section_implicit}


def section(result, *, steps: bool = True, line: int | None = None) -> str:
    """One result as a <section>."""
    from .markup import check_sentences

    shown = show("html", result, steps=steps, line=line)
    checked = "".join(f'<p class="check">{html.escape(c)}</p>' for c in check_sentences(result))
    if checked:  # after the answer, inside the result's section, as the text view has it
        head, found, tail = shown.rpartition("</section>")
        shown = head + checked + found + tail if found else shown + checked
    return _with_warnings(result, shown)


def _with_warnings(result, section_html: str) -> str:
    """`section_html` with the result's notes after its heading, before the derivation."""
    from .markup import labelled_notes

    def label(caveat: bool) -> str:
        return html.escape(as_sentence(message("caution" if caveat else "note"), stop=False))

    notes = "".join(f'<p class="note"><strong>{label(caveat)}:</strong> {words}</p>'
                    for caveat, words in labelled_notes(result, math, html.escape))
    if not notes:
        return section_html
    head, found, rest = section_html.partition("</h2>")
    return head + found + notes + rest if found else section_html.replace("<section>", "<section>" + notes, 1)


def page_start(title: str = "symdiff") -> str:
    lang = LANGUAGE.get()
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{style(lang)}</style></head><body>\n"
            f"<h1>{html.escape(title)}</h1>\n")


def page_end() -> str:
    return "</body></html>\n"


def page_title(result) -> str | None:
    """The title a page showing `result` takes where the command's own would mislabel it: a derivative
    of a function of one variable is 도함수 (Derivative), not 편도함수, as its heading writes d, not ∂."""
    if getattr(result, "command", None) == "partial" and is_ordinary(result, result.wrt):
        return message("page.derivative")
    return None


def page(result, *, steps: bool = True) -> str:
    return page_start(page_title(result) or "symdiff") + section(result, steps=steps) + page_end()
