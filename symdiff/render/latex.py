"""LaTeX: a derivation as an `align*` block (amsmath), one line per step, each justified by its
rule, ready to paste into a document."""

from __future__ import annotations

import re

import sympy

from ..core.messages import message, rule_label
from . import show
from .fit import LINE_WIDTH, fit_rows, width
from .markup import closed, heading_held, labelled, tidy_lines
from .markup import sentence as as_sentence
from .notation import abbreviated, bmatrix, column, function_name, is_ordinary, latex, nabla_latex, stated
from .order import differentiated, final_result, gradient_written, hessian_written, shown_result, shown_step

brief = abbreviated(latex)

# Characters of the explanations' words that mean something to TeX, and Unicode mathematics that
# pdfLaTeX cannot set in text mode (written as LaTeX math instead): one table for every renderer.
_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "_": r"\_", "^": r"\^{}", "#": r"\#", "%": r"\%",
    "&": r"\&", "$": r"\$", "~": r"\~{}", "…": r"\dots{}",
    # The control pictures an echoed input shows its control characters as (␤ for a line break, ␛):
    # pdflatex has no glyph for them. One glyph each, so a caret under the input keeps its column:
    # ¶ for a line break, • for any other.
    **{chr(0x2400 + c): r"\textbullet{}" for c in range(0x27)},
    **{ch: r"\P{}" for ch in "\u240a\u240b\u240c\u240d\u2424"},
}
_TEXT_MATH = {
    "·": r"\cdot", "σ": r"\sigma", "√": r"\surd", "∂": r"\partial", "ᵀ": r"^{\top}", "×": r"\times",
    "²": r"^{2}", "<": "<", ">": ">", "|": "|", "δ": r"\delta", "η": r"\eta", "Σ": r"\Sigma", "⊙": r"\odot", "⊘": r"\oslash",
    "½": r"\frac{1}{2}", "‖": r"\|", "≠": r"\neq", "≤": r"\leq", "≥": r"\geq", "≈": r"\approx",
    "⟨": r"\langle", "⟩": r"\rangle", "∘⁻¹": r"^{\circ -1}", "⁻¹": r"^{-1}", "′": "'", "″": "''", "∘": r"\circ",
    "−": "-", "→": r"\to", "←": r"\leftarrow", "⇒": r"\Rightarrow", "𝟏": r"\mathbf{1}", "∇": r"\nabla",
    "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "ε": r"\varepsilon", "∞": r"\infty", "∈": r"\in",
}
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
# an exponent of several superscripts (the check's 10⁻⁹) as one: ⁻¹ then ⁰ of 10⁻¹⁰ would set two exponents
_SUPERSCRIPT_RUN = "[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]{2,}"
_SPECIAL = re.compile(_SUPERSCRIPT_RUN + "|" + "|".join(
    re.escape(k) for k in sorted({*_TEXT_ESCAPES, *_TEXT_MATH}, key=len, reverse=True)) + "|[₀-₉]+")


def _escape_one(m) -> str:
    ch = m.group()
    if ch in _TEXT_ESCAPES:
        return _TEXT_ESCAPES[ch]
    if ch in _TEXT_MATH:
        return f"${_TEXT_MATH[ch]}$"
    if re.fullmatch(_SUPERSCRIPT_RUN, ch):
        return "$^{" + ch.translate(_SUPERSCRIPTS) + "}$"
    return "$_{" + ch.translate(_SUBSCRIPTS) + "}$"


def escape_text(text: str) -> str:
    """Words for LaTeX's text mode: TeX's special characters escaped, Unicode mathematics as math."""
    return join_math(_SPECIAL.sub(_escape_one, text))


_DOLLAR = r"(?<!\\)\$"
# Two formulas with only spaces between them ("$x$ $>$"), and a relation a formula ends or is followed
# by, with the number or letter after it ("$x >$ 0", "$x$ = 0"): one formula, "$x > 0$".
_ADJACENT = re.compile(_DOLLAR + r"(\s*)" + _DOLLAR)
_RELATION_AFTER = re.compile(r"([<>=]|\\neq|\\leq|\\geq|\\to|\\leftarrow|\\approx)" + _DOLLAR
                             + r"(\s*)(-?[0-9]+(?:\.[0-9]+)?|[A-Za-z])(?![A-Za-z0-9])")
_EQUALS_AFTER = re.compile(_DOLLAR + r"(\s*)=(\s*)(-?[0-9]+(?:\.[0-9]+)?|[A-Za-z])(?![A-Za-z0-9(])")


def join_math(tex: str) -> str:
    """A condition or formula that was written as several math pieces ($x$ $>$ 0), as one ($x > 0$)."""
    tex = _ADJACENT.sub(lambda m: m.group(1) or " ", tex)
    tex = _EQUALS_AFTER.sub(lambda m: f"{m.group(1)}={m.group(2)}{m.group(3)}$", tex)
    return _RELATION_AFTER.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}$", tex)


def _math(expr) -> str:
    return f"${brief(expr)}$"


def _d(var) -> str:
    return rf"\frac{{d}}{{d{latex(var)}}}"


def _step_lines(step, depth: int, lines: list[str], concluded: bool = False) -> None:
    """A step as a textbook writes it: its rule and reasons as a sentence (indented by its depth in
    the tree), then the claim d/dx [expr] = result on lines of its own, broken to fit. With `concluded`,
    the caller's next row states the result (⇒ df/dx = …): a step with substeps then ends with its
    closing sentence, which says the result too, and no claim row, so the result is written once more,
    not twice."""
    label, why = labelled(step, _math, escape_text)
    claim = rf"{latex(step.operator)}\left[{brief(step.expr)}\right]"
    ending = closed(step, _math, escape_text)
    if ending is None and not why:
        # a leaf that is its rule's own formula (d/dx eˣ = eˣ): the rule named beside its line, as a
        # textbook tags one, instead of a sentence of the name alone ("Exponential rule.")
        tag = rf"\qquad \text{{({escape_text(label[:1].lower() + label[1:])})}}"
        rows = fit_rows(claim, brief(step.result), LINE_WIDTH - 10 * depth - width(tag), _indent(depth))
        lines += [*rows[:-1], rows[-1] + tag]
        return
    lines += explained(join_math(f"{escape_text(label)}{': ' + why if why else ''}"), depth)
    if ending is None:
        lines += fit_rows(claim, brief(step.result), LINE_WIDTH - 10 * depth, _indent(depth))
        return
    # a step with substeps: the derivative it takes, its substeps, then the closing sentence and the
    # claim with its result, once the substeps have derived the parts
    lines += fit_rows("", claim, LINE_WIDTH - 10 * depth, _indent(depth))
    for sub in step.substeps:
        _step_lines(sub, depth + 1, lines)
    lines += explained(join_math(ending), depth, _substituted(step))
    if not concluded:
        lines += fit_rows(claim, brief(step.result), LINE_WIDTH - 10 * depth, _indent(depth))


def _substituted(step) -> tuple[str, str] | None:
    """A substitution's closing sentence, for a substituted form too wide to be said inside it: the
    words, then "assembled = result" (None for a step whose closing is no such substitution)."""
    from ..core.language import LANGUAGE
    from ..core.messages import substituted_forms

    words = closed(step, _math, escape_text, display=True)
    if words is None:
        return None
    values = step.values(LANGUAGE.get())
    return as_sentence(words, stop=False), f"{brief(substituted_forms(step))} = {brief(values['result'])}"


def _indent(depth: int) -> str:
    return r"\quad " * depth


# A formula in a sentence wider than this goes to a display line of its own: TeX breaks inline math
# only at its top-level signs, and a fraction or a parenthesis not at all.
_INLINE_WIDTH = 0.45 * LINE_WIDTH
_PIECES = re.compile(r"(?<!\\)\$(.*?)(?<!\\)\$", re.S)


def explained(sentence: str, depth: int = 0, instead: tuple[str, str] | None = None) -> list[str]:
    """A sentence (text with $…$ math) as rows of an align*: an \\intertext paragraph indented by
    `depth`, each formula too wide to sit in a line of text displayed on a row of its own after it. Each
    is a paragraph: it starts with a capital and ends with a full stop.

    A paragraph is a whole sentence, never a piece of one: a sentence cut around its display left
    "입니다." or ", which gives" standing alone. So the words come first and the displays after them:
    a wide formula that ends its sentence is announced ("…, so" then the display; Korean "…이므로
    다음과 같습니다."); one the sentence goes on after is numbered, named by its number in the words, and
    displayed with it, unless the caller has a sentence of its own for the case: `instead`, (words,
    formula), written in its place."""
    sentence = as_sentence(sentence)
    # (the room a sentence has is the line less its indentation: a formula near the limit in a deep
    # step's sentence ran 0.3 pt past the margin)
    inline_width = _INLINE_WIDTH * (LINE_WIDTH - 10 * depth) / LINE_WIDTH
    wide = [m for m in _PIECES.finditer(sentence) if width(m.group(1)) > inline_width]
    if not wide:
        return [_intertext(sentence, depth)]
    room = LINE_WIDTH - 10 * depth - 20
    lead = _indent(depth) + r"\qquad "
    tails = [sentence[m.end():(wide[i + 1].start() if i + 1 < len(wide) else len(sentence))]
             for i, m in enumerate(wide)]
    if all(_ENDING.fullmatch(tail) for tail in tails):
        words = sentence[:wide[0].start()].rstrip()
        if _KOREAN_ENDING.fullmatch(tails[-1]):
            words = f"{words} {message('display.follows')}".strip()
        rows = [_intertext(words, depth)] if words else []
        for m in wide:
            rows += fit_rows("", m.group(1), room, lead)
        return rows
    if instead is not None:
        return [_intertext(instead[0], depth), *fit_rows("", instead[1], room, lead)]
    return _numbered(sentence, wide, depth, room, lead)


# What may follow a wide formula to the end of its clause without being a fragment once the formula is
# displayed: punctuation, or the copula that ends a Korean sentence (said as "다음과 같습니다" instead).
_KOREAN_ENDING = re.compile(r"\s*(?:입니다|이다)\.?\s*")
_ENDING = re.compile(r"\s*[.,;:]?\s*|" + _KOREAN_ENDING.pattern)


def _numbered(sentence: str, wide: list, depth: int, room: float, lead: str) -> list[str]:
    """The sentence with each wide formula named by its number, "(1)" (Korean "식 (1)", its particle
    the one after the number read aloud), then the formulas displayed, each tagged with its number."""
    from ..core import korean

    words, displays, start = "", [], 0
    for n, m in enumerate(wide, 1):
        name = escape_text(message("display.numbered", number=n))
        tail = sentence[m.end():]
        after = next((p for pair in korean.PARTICLES.values() for p in sorted(pair, key=len, reverse=True)
                      if tail.startswith(p)), None)
        words += sentence[start:m.start()] + name
        start = m.end()
        if after is not None:  # the particle the formula took, for the name said in its place
            pair = next(pair for pair in korean.PARTICLES.values() if after in pair)
            words += korean.particle(str(n), "/".join(pair))
            start += len(after)
        # (room for the tag beside the formula's last row)
        rows = fit_rows("", m.group(1), room - 30, lead)
        rows[-1] += rf" \tag*{{({n})}}"
        displays += rows
    words += sentence[start:]
    return [_intertext(words, depth), *displays]


def _intertext(text: str, depth: int) -> str:
    text = as_sentence(text, stop=False)  # a paragraph of its own: a label too starts with a capital
    return rf"\intertext{{\leftskip={depth}em\relax {text}}}" if depth else rf"\intertext{{{text}}}"


def align(rows: list[str]) -> list[str]:
    r"""An align* of rows: a formula row (starting with &) ends with \\ when another row follows; an
    \intertext row does not (it is set after the \\ before it)."""
    if not rows:
        return []
    # sentences before the first formula are paragraphs before the align*: amsmath sets an \intertext
    # that opens one after an empty first line, a gap as high as a line of formula
    lead: list[str] = []
    opening = r"\intertext{"
    while rows and rows[0].startswith(opening) and not rows[0].startswith(opening + r"\leftskip") \
            and any(row.startswith("&") for row in rows[1:]):
        lead.append(r"\noindent " + rows[0][len(opening):-1])
        rows = rows[1:]
    out: list[str] = []
    for row in rows:
        if out and not out[-1].startswith(r"\intertext"):
            out[-1] += r" \\"
        out.append(row)
    # each sentence a paragraph of its own, set apart as `paragraph` sets one; the last one's paragraph
    # holds the display
    lead = [row for line in lead[:-1] for row in set_apart(line)] + lead[-1:]
    return [*lead, r"\begin{align*}", *out, r"\end{align*}"]


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


def source_comment(result, wrt, f: str | None = None) -> str:
    """The derivation's name in a comment of the LaTeX source, in the notation its heading uses:
    ∂f/∂x (∂²f/∂y∂x for x then y) for a partial derivative (d/dx there said "ordinary derivative"
    of x·y), df/dx for a function of one variable."""
    from .notation import derivative_symbol as written, unicode

    wrt, f = list(wrt), f or function_name(result, unicode)
    if len(wrt) == 2 and wrt[0] == wrt[1] and not is_ordinary(result, wrt[:1]):  # ∂²f/∂x², as the headings say
        return f"% ∂²{f}/∂{unicode(wrt[0])}²"
    return "% " + written(wrt, f, unicode, ordinary=hasattr(result, "expr") and is_ordinary(result, wrt))


def _derivation_block(d, comment: str, result=None, f: str | None = None, source=None,
                      named: str | None = None, notes: list[str] = (), headed: bool = False) -> list[str]:
    """One derivation; `result` (or `f`, a row's name in a Jacobian) names the function, typed as
    `source` (a Jacobian) or `result` has it; `named` is what the heading calls the derivative where
    that is more than its symbol (a Jacobian's J₁₂ = ∂f₁/∂y). `notes` (rows, see `_taken`) follow the
    line that states the problem: a caution read before the problem belonged to nothing yet. `headed`:
    a part of a worked solution whose title has stated the function (a Hessian's first partials),
    headed by the derivative instead of the sentence that states the problem."""
    held = f" ({heading_held(d.held, _math, escape_text)})" if d.held else ""
    head = f or (function_name(result, latex) if result is not None else "f")
    symbol = result_symbol(result, [d.var]) if result is not None else _partial_symbol(d.var, head)
    named = named or symbol
    expr = stated(source or result, latex, d.expr)
    if headed:
        rows = list(notes)
        _concluded(d, rows)
        rows += fit_rows(rf"\Rightarrow\ {symbol}", latex(shown_result(d)))
        return [comment, *subheading(f"${named}${held}", 4), *align(rows)]
    # the words between the formulas come from the catalogue: a Korean document read "$f = xˣ$, $df/dx$:"
    if width(f"{head} = {expr}") <= _INLINE_WIDTH:
        rows = explained(_lead("derivation.of", held, function=f"{head} = {expr}", symbol=named))
    else:  # the function on a display line of its own, then what is derived from it
        rows = [*fit_rows(head, expr), _intertext(_lead("derivation.of.displayed", held, symbol=named), 0)]
    rows += notes
    _concluded(d, rows)
    rows += fit_rows(rf"\Rightarrow\ {symbol}", latex(shown_result(d)))
    return [comment, *align(rows)]


def _concluded(d, rows: list[str]) -> None:
    """A derivation's steps and the words that take their result to the answer's form, before the row
    ⇒ ∂f/∂x = … that states the answer. Where that row states the steps' result, the top step leaves its
    own claim row out (the result once, not twice); where the answer is given tidied, the top step's
    closing sentence keeps its aligned row under it ("Substituting the pieces: …" straight before
    "Simplified:" left the result it gave without its row)."""
    tidy: list[str] = []
    _tidied(d, tidy)
    _step_lines(shown_step(d), 0, rows, concluded=not tidy)
    rows += tidy


def _lead(key: str, held: str, **formulas: str) -> str:
    """The line that opens a derivation, its formulas (LaTeX) in math mode and `held` (LaTeX text
    already) after them."""
    from .markup import with_math

    words = with_math(lambda p: message(key, **{k: p(v) for k, v in formulas.items()}),
                      lambda tex: f"${tex}$", escape_text)
    return f"{words}{held}:"


def _tidied(d, rows: list[str]) -> None:
    """The words that take the steps' result to the form the answer is given in, where they differ:
    the row after them, ⇒ ∂f/∂x = …, states that form. The steps' result is not written again on
    their left ("Simplified: A = B" below a row that ended in A said A twice)."""
    lines = tidy_lines(d.step.result, d.result, shown_step(d).result, shown_result(d), brief)
    for i, line in enumerate(lines):
        rows.append(_intertext(f"{line.words(lambda e: f'${latex(e)}$', escape_text)}:", 0))
        if i < len(lines) - 1:  # each move a row of its own; the simplified form is the row after these
            rows += fit_rows("", latex(line.expr))


def tagged(items, after: list[list[str]] | None = None) -> list[str]:
    """Formulas lhs = rhs with their reasons, (lhs, rhs, tag) with the tag in LaTeX text, as align*
    rows: a short tag in a column of its own beside its formula, a longer one as a sentence above it;
    each formula broken to fit beside the widest short tag. The formulas align at their = signs when
    every one has a left side and none is too wide for that. `after[i]`: rows set under item i's formula
    (the steps that derive it)."""
    items = list(items)
    after = after or [[] for _ in items]
    tags = [width(rf"\text{{{tag}}}") for _, _, tag in items]
    beside = [w <= 0.3 * LINE_WIDTH for w in tags]
    room = LINE_WIDTH - max((w + 20 for w, b in zip(tags, beside) if b), default=0)
    left = max((width(lhs) for lhs, _, _ in items), default=0)
    aligned = all(lhs for lhs, _, _ in items) and left <= 0.4 * LINE_WIDTH
    rows: list[str] = []
    for (lhs, rhs, tag), short, under in zip(items, beside, after):
        formula = fit_rows(lhs, rhs, room - left if aligned else room, aligned=aligned)
        if short:
            rows += [formula[0] + rf" && \text{{{tag}}}", *formula[1:]]
        else:
            rows += [_intertext(tag, 0), *formula]
        rows += under
    return rows


def _equation(lhs: str, rhs: str) -> list[str]:
    """lhs = rhs displayed on its own, broken to fit."""
    return align(fit_rows(lhs, rhs, LINE_WIDTH - width(lhs), aligned=True))


# A matrix of more rows than this is not set as one (an align* row cannot break across pages).
MATRIX_ROWS = 20


def matrix_rows(name: str, matrix, symbols, entries: bool = True) -> list[str]:
    """name = [entries] as align* rows; a matrix too wide for the line is written with `symbols`
    (symbols[i][j], LaTeX) and its entries follow one a line, each broken to fit (unless `entries`
    is false: the document has listed them already); one too tall for a page, by its entries only."""
    values = [[latex(e) for e in row] for row in matrix]
    if len(values) > MATRIX_ROWS:  # taller than a page: its entries alone, one a row (rows break across pages)
        return [row for sym_row, value_row in zip(symbols, values) if entries
                for sym, value in zip(sym_row, value_row) for row in fit_rows(sym, value)]
    full = bmatrix(values)
    if width(f"{name} = {full}") <= LINE_WIDTH:
        return [f"{name} &= {full}"]
    rows = [f"{name} &= {bmatrix(symbols)}"]
    for sym_row, value_row in zip(symbols, values) if entries else ():
        for sym, value in zip(sym_row, value_row):
            rows += fit_rows(sym, value)
    return rows


def second_symbol(f: str, names: list[str], first: int, then: int) -> str:
    """∂²f/∂y∂x (∂/∂y of ∂f/∂x) or ∂²f/∂x², in LaTeX."""
    if first == then:
        return rf"\frac{{\partial^{{2}} {f}}}{{\partial {names[first]}^{{2}}}}"
    return rf"\frac{{\partial^{{2}} {f}}}{{\partial {names[then]} \partial {names[first]}}}"


def _hessian(result, steps: bool, notes: list[str]) -> list[str]:
    """A worked solution, as the Markdown and HTML are laid out: headed by f, then a part for each first
    partial and each second partial (both orders of a mixed pair), the second partials listed, whether
    the mixed ones agree (Schwarz), and H under a heading of its own; the first derivation takes `notes`
    (see `_taken`). Six pages of bare derivations with no headings read as one block."""
    from .markup import with_math
    from .text import schwarz_line, second_partial_lines, second_steps_omitted

    f = function_name(result, latex)
    names = [latex(v) for v in result.vars]

    def symbol(first: int, then: int) -> str:
        return second_symbol(f, names, first, then)

    def words(render_text) -> str:
        return with_math(render_text, lambda tex: f"${tex}$", escape_text)

    # the title states f where it fits in a heading; a wider f is displayed under a title that names it
    params = getattr(result, "params", ()) or result.vars
    named = f"{f}({', '.join(latex(p) for p in params)})"
    expr = stated(result, latex)
    wide = width(f"{named} = {expr}") > _INLINE_WIDTH
    title = escape_text(message("document.heading", symbol=message("document.hessian"), f="\x00"))
    lines: list[str] = subheading(title.replace("\x00", f"${named}$" if wide else f"${named} = {expr}$"), 3)
    if wide:
        lines += align(fit_rows(named, expr))
    if steps:
        for d in result.gradient.partials:
            if d.step is not None:
                lines += _derivation_block(d, source_comment(result, [d.var]), result, notes=_taken(notes),
                                           headed=True)
        for (i, j), step in sorted(result.second_steps.items()):
            lines.append(source_comment(result, [result.vars[i], result.vars[j]]))
            second = result.second_derivation(i, j)
            held = f" ({heading_held(second.held, _math, escape_text)})" if second.held else ""
            lines += subheading(f"${symbol(i, j)}${held}", 4)
            inner = f"{_partial_symbol(result.vars[i], f)} = {latex(differentiated(second))}"
            rows = explained(words(lambda p: message("hessian.second.lead", inner=p(inner), var=p(names[j]))))
            _concluded(second, rows)
            rows += fit_rows(rf"\Rightarrow\ {symbol(i, j)}", latex(shown_result(second)))
            lines += align(rows)
    listed = second_partial_lines(result, latex, symbol, steps)
    if listed:
        lines += subheading(escape_text(message("hessian.entries")), 4)
        rows = []
        for name, value in listed:
            rows += fit_rows(name, value)
        lines += align(rows)
    omitted = second_steps_omitted(result, steps)
    if omitted:
        lines += paragraph(escape_text(omitted))
    if result.mixed_pairs:
        lines += paragraph(words(lambda p: schwarz_line(result, names, symbol=lambda a, b: p(symbol(a, b)), letter=p)))
    n = len(names)
    lines += subheading(escape_text(message("document.hessian")), 4)
    lines += align(matrix_rows("H", hessian_written(result, steps), [[symbol(j, i) for j in range(n)] for i in range(n)],
                               entries=not listed))
    return lines


def point_latex(point) -> str:
    from .notation import point_formula

    return latex(point_formula(point))


def _directional(result) -> list[str]:
    """grad --dir: u on a line of its own, then D_u f = ∇f·u, then its value at the point."""
    if result.direction is None:
        return []
    from .markup import directional_at, tex_point_notation, with_math
    from .worked import latex_spelling, unit_direction

    f = function_name(result, latex)
    # TeX sets -- as a dash: the option's name keeps its two hyphens.
    from .text import DIRECTION

    from .text import directional_worked
    from .worked import BOLD_U

    u = BOLD_U["latex"]
    words = with_math(lambda p: message("grad.directional", u=p(u), readings={"u": DIRECTION}),
                      lambda tex: f"${tex}$", lambda text: escape_text(text).replace("--", "-{}-"))
    rows = [_intertext(words, 0), rf"&{u} = {unit_direction(result, latex_spelling())}",
            *fit_rows(rf"D_{{{u}}} {f}", rf"\nabla {f} \cdot {u} = {directional_worked(result, latex_spelling())}")]
    at = directional_at(result, tex_point_notation(lambda tex: f"${tex}$", result_symbol), escape_text)
    if at is not None:
        rows.append(_intertext(as_sentence(at), 0))
    return align(rows)


# A document's parts by level, as backprop's LaTeX heads its layers: starred, so that a fragment pasted
# into a reader's own document adds nothing to its numbering or table of contents.
_SECTIONS = {1: "section", 2: "subsection", 3: "subsection", 4: "subsubsection"}


def subheading(words: str, level: int = 3) -> list[str]:
    """A heading of its own line, set as one (it read as the first line of the paragraph below it)."""
    title = as_sentence(words, stop=False).rstrip().removesuffix(":")
    # ragged right: a heading with long mathematics breaks between its words and at the formula's
    # operators instead of stretching one line past the margin (the tangent plane to a long surface)
    return [rf"\{_SECTIONS.get(level, 'paragraph')}*{{\raggedright {title}}}", ""]


def set_apart(line: str) -> list[str]:
    """A line already set (\\noindent and its words) as a paragraph of its own: one line after
    another with no blank line between is one paragraph in TeX, and ran "…둡니다. 손실: … 크기: …"
    together."""
    return [line, r"\smallskip", ""]


def paragraph(words: str, stop: bool = True) -> list[str]:
    """A paragraph with a little space after it: unindented paragraphs with none ran together into one
    block (a check's question, answer, verdict…). A label (the steps' "Steps") takes `stop=False`."""
    return [r"\noindent " + as_sentence(words, stop), r"\smallskip", ""]


def _at_point(result) -> list[str]:
    """--at: the values at the point, as the text view gives them: a partial's value is one sentence;
    several values (∇f and its length, H, J) are a part headed by the point, one paragraph each."""
    from .markup import at_point, tex_point_notation

    said = at_point(result, tex_point_notation(lambda tex: f"${tex}$", result_symbol), escape_text)
    if len(said) < 2:
        return [line for s in said for line in paragraph(s)]
    return subheading(said[0], 4) + [line for s in said[1:] for line in paragraph(s)]


def _block(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def render_partial(result, *, steps: bool = True, notes: list[str] | None = None) -> str:
    notes = list(notes or ())
    lines: list[str] = []
    if steps:
        for n, d in enumerate(result.derivations):
            # the later differentiations are of a derivative, not of the function itself
            lines += _derivation_block(d, source_comment(result, result.wrt[:n + 1]), None if n else result,
                                       notes=_taken(notes))
    # one derivation ends with its result already (⇒ ∂f/∂x = …): it is not written twice
    if not (steps and len(result.derivations) == 1 and result.shared is None):
        lines += _equation(result_symbol(result, result.wrt), latex(final_result(result, result.written)))
    return _unplaced(notes) + _block(lines + _where(result.shared) + _at_point(result))


def _where(shared) -> list[str]:
    """The names of a result's repeated parts (`Shared`, `SharedSums`), each defined on a row: the
    result above is written with them, as the text view writes it, so it is not the same sum many
    times over (a document the size of the gradient of (Σ cᵢwᵢ − 3)² squared)."""
    if shared is None:
        return []
    rows = [_intertext(escape_text(message("shared.where")), 0)]
    for name, e in shared.replacements:
        rows += fit_rows(latex(name), latex(e), aligned=True)
    return align(rows)


def render_grad(result, *, steps: bool = True, notes: list[str] | None = None) -> str:
    notes = list(notes or ())
    from .markup import with_math

    f = function_name(result, latex)
    # headed as the HTML is: the words say what ∇f is before its partials are derived (of f alone where
    # the function is wider than a line: a 150-term loss is no heading)
    expr = stated(result, latex)
    expr = expr if width(expr) <= _INLINE_WIDTH else f
    heading = with_math(lambda p: message("document.grad", expr=p(expr), nabla=p(nabla_latex(result, f))),
                        lambda tex: f"${tex}$", escape_text)
    lines: list[str] = [rf"\noindent\textbf{{{heading}}}", ""]
    if steps:
        for d in result.partials:
            if d.step is not None:
                lines += _derivation_block(d, source_comment(result, [d.var]), result, notes=_taken(notes))
    lines += _grad_omitted(result, steps)
    if len(result.vars) == 1:  # ∇f of a function of one variable is its derivative: no 1×1 vector
        lines += align(fit_rows(rf"{nabla_latex(result, f)} = {result_symbol(result, result.vars)}", latex(gradient_written(result)[0])))
    else:
        lines += align(matrix_rows(nabla_latex(result, f), [[e] for e in gradient_written(result)],
                                   [[result_symbol(result, [v])] for v in result.vars]))
    return _unplaced(notes) + _block(lines + _where(result.shared) + _at_point(result) + _directional(result))


def _grad_omitted(result, steps: bool) -> list[str]:
    """That some partials' steps were left out, and the option that shows them set as code (TeX
    would join its two hyphens into a dash)."""
    from .text import grad_steps_omitted

    omitted = grad_steps_omitted(result, steps)
    if not omitted:
        return []
    option = r"\texttt{" + escape_text(omitted[2]).replace("--", "-{}-") + "}"
    return paragraph(escape_text(omitted[0])) + paragraph(f"{escape_text(omitted[1])}: {option}", stop=False)


def render_hessian(result, *, steps: bool = True, notes: list[str] | None = None) -> str:
    notes = list(notes or ())
    body = _hessian(result, steps, notes)
    return _unplaced(notes) + _block(body + _at_point(result) + _test(result))


def _test(result) -> list[str]:
    """The second-derivative test at the point: a part headed by the test, one paragraph per sentence."""
    from .extrema import sentences, tex

    said = sentences(result, tex(lambda formula: f"${formula}$", escape_text))
    if not said:
        return []
    return subheading(said[0], 4) + [line for s in said[1:] for line in paragraph(s)]


def render_jacobian(result, *, steps: bool = True, notes: list[str] | None = None) -> str:
    from .entries import entries, latex_entry

    notes = list(notes or ())
    lines: list[str] = []
    given = result.names or (None,) * len(result.entries)
    names = [latex(sympy.Symbol(name)) if name else f"f_{{{i}}}" for i, name in enumerate(given, 1)]
    if steps:
        for i, j, d in entries(result):
            if d.step is not None:
                lines += _derivation_block(d, source_comment(result, [d.var], given[i - 1] or f"f{i}"),
                                           f=names[i - 1], source=result,
                                           named=latex_entry(result, i, j, names[i - 1], latex(d.var)),
                                           notes=_taken(notes))
    symbols = [[_partial_symbol(v, name) for v in result.vars] for name in names]
    return _unplaced(notes) + _block(lines + align(matrix_rows("J", result.matrix, symbols)) + _at_point(result))


def render_implicit(result, *, steps: bool = True) -> str:
    """The derivation of `symdiff.render.implicit`: sentences, step trees and equations in align*."""
    from ..features.approx import decimal
    from .implicit import Chain, Say, outline
    from .markup import with_math

    def words(key: str, values: dict) -> str:
        return with_math(lambda p: message(key, p, **values), _math, escape_text)

    def chain(sides) -> str:
        first, *rest = (latex(side) for side in sides)
        return f"{first} &= " + " = ".join(rest)

    from ..core.formula import Equation
    from .implicit import typed_sides

    o = outline(result, steps)
    # headed as the Markdown is ("dy/dx of x² + y² = 25") and as the matrix LaTeX heads its derivation
    heading = message("document.heading", symbol=f"${latex(result.dydx)}$",
                      f=f"${latex(Equation(*typed_sides(result)))}$")
    lines: list[str] = [rf"\noindent\textbf{{{heading}}}", ""]
    for item in o.steps:
        if isinstance(item, Say):  # a paragraph of its own: a blank line ends it
            lines += [r"\noindent " + as_sentence(words(item.key, item.values)), ""]
        elif isinstance(item, Chain):
            lines += align([chain(item.sides)])
        else:
            body: list[str] = []
            _step_lines(item.step, 0, body)
            lines += align(body)
    lines += align([chain(o.result.sides)])
    if o.condition is not None:
        lines += [r"\noindent " + as_sentence(words(o.condition.key, o.condition.values), stop=False), ""]
    if o.on_curve is not None:
        lines += [r"\noindent " + as_sentence(words(o.on_curve.key, o.on_curve.values)), ""]
    if o.no_value is not None:
        lines += [r"\noindent " + as_sentence(words(o.no_value.key, o.no_value.values)), ""]
    return _block(lines)


def views(fmt: str) -> dict:
    """The LaTeX of each scalar result class that has one (see symdiff.render)."""
    from . import documents
    from . import results as r

    return {r.PartialResult: render_partial, r.GradientResult: render_grad, r.HessianResult: render_hessian,
            r.JacobianResult: render_jacobian, **documents.views(fmt),
            r.ImplicitResult: render_implicit}


def render(result, *, steps: bool = True) -> str:
    """The LaTeX of a partial, grad, hessian, jacobian, matrix or backprop result, with its notes: after
    the line that states the problem where a derivation states one (the views that take `notes`),
    else before the result."""
    from . import view_for

    from .markup import check_sentences

    notes = _notes(result)
    # --check's sentences after the answer, as the text view has them, each a paragraph of its own
    checked = "".join(f"\n{escape_text(c)}\n" for c in check_sentences(result))
    if view_for("latex", type(result)) in _PLACING_NOTES:
        return _after(show("latex", result, steps=steps, notes=notes), checked)
    return _after(_unplaced(notes) + show("latex", result, steps=steps), checked)


def _after(body: str, text: str) -> str:
    return body.rstrip("\n") + "\n" + text if text else body


def _notes(result) -> list[str]:
    """A result's notes, each opening with a bold "Caution:" or "Note:", as LaTeX text."""
    from .markup import labelled_notes

    def label(caveat: bool) -> str:  # a caveat on where the derivative holds, or a remark
        return escape_text(as_sentence(message("caution" if caveat else "note"), stop=False))

    return [f"\\textbf{{{label(caveat)}:}} {words}"
            for caveat, words in labelled_notes(result, lambda e: f"${latex(e)}$", escape_text)]


def _taken(notes: list[str]) -> list[str]:
    """`notes` as rows of the first derivation that asks for them, which empties the list: one
    result's notes are said once, under the first problem it states."""
    rows = [_intertext(note, 0) for note in notes]
    notes.clear()
    return rows


def _unplaced(notes: list[str]) -> str:
    """The notes no derivation took (no steps, or none shown), as paragraphs before the result."""
    return "".join(f"\\noindent{note}\\par\n\n" for note in notes)


_PLACING_NOTES = (render_partial, render_grad, render_hessian, render_jacobian)


# Explanations carry formulas TeX cannot break inside: let their paragraphs' lines stretch rather
# than run into the margin.
_PARAGRAPHS = "\\tolerance=1000\n\\setlength{\\emergencystretch}{3em}\n"

# Korean text needs a Korean font, which neither pdfLaTeX's fonts nor texlive-latex-base have: the
# Korean document is for LuaLaTeX (texlive-luatex's luaotfload, no fontspec), Latin Modern for Latin
# letters with Hangul from the first Korean font of the stack that is installed. Bold text (headings,
# rule names) takes the font's bold face, or where it has none the regular face emboldened (fontspec's
# AutoFakeBold, which is not installed): with the regular face a Korean heading was not bold.
KOREAN_FONTS = ("Noto Serif CJK KR", "NanumMyeongjo", "UnBatang", "Baekmuk Batang")
_KOREAN = r"""\directlua{
  local found, bold = {}, {}
  for _, name in ipairs({%s}) do
    if luaotfload.aux.resolve_fontname(name) then
      table.insert(found, name .. ":mode=node;")
      if luaotfload.aux.resolve_fontname(name .. " Bold") then
        table.insert(bold, name .. "/B:mode=node;")
      else
        table.insert(bold, name .. ":mode=node;embolden=2;")
      end
    end
  end
  luaotfload.add_fallback("hangul", found)
  luaotfload.add_fallback("hangulbold", bold)
}
\DeclareFontFamily{TU}{lmrhangul}{}
\DeclareFontShape{TU}{lmrhangul}{m}{n}{<-> "[lmroman10-regular.otf]:mode=node;fallback=hangul"}{}
\DeclareFontShape{TU}{lmrhangul}{m}{it}{<-> "[lmroman10-italic.otf]:mode=node;fallback=hangul"}{}
\DeclareFontShape{TU}{lmrhangul}{bx}{n}{<-> "[lmroman10-bold.otf]:mode=node;fallback=hangulbold"}{}
\DeclareFontShape{TU}{lmrhangul}{b}{n}{<->ssub * lmrhangul/bx/n}{}
\renewcommand{\rmdefault}{lmrhangul}
""" % ", ".join(f'"{name}"' for name in KOREAN_FONTS)


def engine(lang: str = "en") -> str:
    """The TeX engine that compiles `document(…, lang)`."""
    return "lualatex" if lang == "ko" else "pdflatex"


def document(body: str, lang: str = "en") -> str:
    """A complete document around fragments, for compiling: with pdflatex in English, with lualatex
    (and a Korean font) in Korean, as its first line says."""
    if lang == "ko":
        head = ("% Compile with lualatex (texlive-luatex) and a Korean font installed: one of "
                + ", ".join(KOREAN_FONTS) + ".\n")
    else:
        head = "% Compile with pdflatex (texlive-latex-base).\n"
    # \allowdisplaybreaks: a long derivation or gradient is one align*, which may then run across pages.
    # MaxMatrixCols: amsmath's bmatrix holds 10 columns unless told; a Jacobian may have more.
    return (head + "\\documentclass{article}\n\\usepackage{amsmath}\n\\allowdisplaybreaks\n"
            "\\setcounter{MaxMatrixCols}{100}\n"
            "\\usepackage[margin=2cm]{geometry}\n"
            + (_KOREAN if lang == "ko" else "") + _PARAGRAPHS + "\\begin{document}\n" + body
            + "\\end{document}\n")


def document_start(lang: str = "en") -> str:
    return document("", lang).removesuffix("\\end{document}\n")


def document_end() -> str:
    return "\\end{document}\n"
