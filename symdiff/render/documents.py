"""Markdown, LaTeX and HTML documents of the results that are more than a derivation: a checked
answer, a tangent, a run of gradient descent and a worksheet.

Each is written once, as a list of blocks built with a `Document`; the three formats differ only in
how a `Document` sets a heading, a sentence, a formula, a table and a tree of steps. Their content is
the text view's, with every expression typeset (no SymPy syntax in a document)."""

from __future__ import annotations

import html
import re
from string import Formatter
from typing import Callable

import sympy

from ..core.messages import CATALOGUES, message, plural, rule_label
from ..core.written import power_of_ten
from ..core.written import Formula, Number
from .markup import sentence, tidy_lines, with_math
from .notation import (decimal, gradient_by, is_ordinary, latex, latex_as_typed, mathml, mathml_as_typed, nabla_latex,
                       nabla_mathml, stated)
from .order import check_shown, shown_answer, shown_exercise, typed_entries


# A braced letter, {x}, or a braced number that no script follows, {3}, {2.41207 \times 10^{6}}.
_UNBRACED = re.compile(r"(?<![_^\\A-Za-z])\{(?:(-?[\d.]+(?: \\times 10\^\{-?\d+\})?)\}(?![_^])|([A-Za-z])\})")


class Document:
    """Blocks of one format. Markup is the format's own: LaTeX for Markdown and LaTeX, MathML for
    HTML. `words(render_text)` escapes a sentence and typesets the markup its printer is given."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    # --- mathematics (markup in the format's math language)
    def expr(self, expr) -> str:
        return latex(expr)

    def expr_as_typed(self, expr) -> str:
        """`expr` as the person typed it (scalar.parsing.as_typed): nothing reordered or evaluated."""
        return latex_as_typed(expr)

    def stated(self, result) -> str:
        """The function `result` is about, as the person typed it (notation.stated)."""
        return stated(result, latex)

    def number(self, text: str) -> str:
        """A decimal as printed (6.12998e-06), as a textbook sets it (6.12998 × 10⁻⁶)."""
        mantissa, power = power_of_ten(text)
        return text if power is None else rf"{mantissa} \times 10^{{{power}}}"

    def nabla(self, markup: str) -> str:
        return rf"\nabla {markup}"

    def equals(self, *sides: str) -> str:
        return " = ".join(sides)

    def approx(self, left: str, right: str) -> str:
        return rf"{left} \approx {right}"

    def tuple(self, items: list[str]) -> str:
        """(x, y); a point of one variable is its coordinate."""
        return items[0] if len(items) == 1 else r"\left(" + ", ".join(items) + r"\right)"

    def norm(self, markup: str, vector: bool = False) -> str:
        """|a|, or ‖v‖ for a vector's length (written with no | a Markdown table would split at)."""
        if vector:
            return rf"\left\lVert {markup} \right\rVert"
        return rf"\left\lvert {markup} \right\rvert"

    def operator(self, wrt, ordinary: bool) -> str:
        """∂/∂x (or d/dx for a function of one variable), ∂²/∂y∂x for several."""
        wrt = list(wrt)
        d = "d" if ordinary else r"\partial"
        if len(wrt) == 1:
            return rf"\frac{{{d}}}{{{d} {latex(wrt[0])}}}"
        return rf"\frac{{{d}^{{{len(wrt)}}}}}{{" + " ".join(f"{d} {latex(v)}" for v in reversed(wrt)) + "}"

    def applied(self, operator: str, markup: str) -> str:
        return rf"{operator}\left[{markup}\right]"

    def formula(self, tex: str, mml: str) -> str:
        """A formula written out in both languages (the general form of a rule)."""
        return tex

    def listing(self, items: list[str]) -> str:
        return r",\ ".join(items)

    def derivative(self, f: str, var) -> str:
        """∂f/∂x: the partial derivative of the function named `f` by `var`."""
        from .latex import derivative_symbol

        return derivative_symbol([var], latex(sympy.Symbol(f)))

    def mtext(self, text: str) -> str:
        """Words inside a formula (a table's cell)."""
        return rf"\text{{{self.escape(text)}}}"

    # --- words
    def inline(self, markup: str) -> str:
        return f"${markup}$"

    def escape(self, text: str) -> str:
        raise NotImplementedError

    def words(self, render_text) -> str:
        return with_math(render_text, lambda value: self.inline(self.typeset(value)), self.escape)

    def typeset(self, value) -> str:
        """A value of a sentence as markup: a formula the words state (`written.Formula`: |f′(x)|,
        η < 2/f″(3) ≈ 0.0185) and a number in it set as the format sets them; markup as it is."""
        if isinstance(value, Formula):
            # a value's group needs its braces only before a script (x_{1}_{k} is no TeX); ‖ as \Vert,
            # since Markdown reads \| as an escaped |
            tex = _UNBRACED.sub(lambda m: m.group(1) or m.group(2), value.latex(self.typeset))
            return re.sub(r"\\\|(?=[A-Za-z])", r"\\Vert ", tex).replace(r"\|", r"\Vert")
        if isinstance(value, Number):
            return self.number(value)
        return self.expr(value) if isinstance(value, sympy.Basic) else value

    def say(self, key: str, words: dict | None = None, readings: dict | None = None, **math) -> str:
        """A catalogue sentence: `math` values are markup, each typeset where it stands; `words` values
        are words, escaped with the sentence. `readings` gives how a markup value is read aloud
        (`korean.reading` of what it shows), for the particle its slot takes."""
        readings = readings or {}
        if any(spec and name in math and name not in readings
               for _, name, spec, _ in Formatter().parse(CATALOGUES["ko"][key])):
            # a particle is chosen by how its value is read aloud, and markup has no reading of its own
            raise ValueError(f"message {key!r}: a particle after typeset markup needs the value's reading")
        # the printer goes to the catalogue too: the mathematics it writes itself (⟦0⟧) is typeset as well
        sentence = self.words(lambda p: message(key, p, readings=readings, **(words or {}),
                                                **{k: p(v) for k, v in math.items()}))
        return re.sub(r":  +", ": ", sentence)  # the text view's column alignment ("answer:   …")

    def text(self, text: str) -> str:
        return self.escape(text)

    # --- blocks
    def heading(self, words: str, level: int = 3) -> None:
        raise NotImplementedError

    def paragraph(self, words: str, stop: bool = True) -> None:
        raise NotImplementedError

    def display(self, markup: str) -> None:
        raise NotImplementedError

    def numbered(self, words: list[str]) -> None:
        raise NotImplementedError

    def answer(self, number: int, markup: str) -> None:
        """A numbered formula set large: a worksheet's answer."""
        raise NotImplementedError

    def result(self, left: str, right: str) -> None:
        """The final result, left = right, marked as every command's final result is in the format."""
        raise NotImplementedError

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        """Cells are math markup, or `Words`; the first column and the last are numbers, set right."""
        raise NotImplementedError

    def steps(self, step) -> None:
        raise NotImplementedError

    def within_item(self, start: int, indent: int) -> None:
        """Set the blocks from `start` on inside the numbered item before them (a format whose lists
        end at an unindented line indents them by `indent`)."""

    def derivation(self, d, result) -> None:
        raise NotImplementedError

    def code(self, lines: list[str]) -> None:
        raise NotImplementedError

    def render(self) -> str:
        return "\n".join(self.blocks).rstrip() + "\n"


class Words(str):
    """A table cell that is words, escaped already ("… 5단계 생략 …", "not defined"): set as text, since
    words inside a formula (\\text{…}) leave Korean in the mathematics and out of the sentence's font."""


def _cell(cell: str, inline: Callable[[str], str]) -> str:
    if not cell:
        return ""
    return cell if isinstance(cell, Words) else inline(cell)


class MarkdownDocument(Document):
    def escape(self, text: str) -> str:
        from .markdown import _escape

        return _escape(text)

    def heading(self, words: str, level: int = 3) -> None:
        # a heading starts with a capital as LaTeX's does (the catalogue's English is lower-case)
        self.blocks += ["#" * level + " " + sentence(words, stop=False), ""]

    def paragraph(self, words: str, stop: bool = True) -> None:
        # a sentence as LaTeX's paragraph writes it: a capital and a full stop (the catalogue's English
        # is lower-case and unstopped, for the lines it is set inside)
        self.blocks += [sentence(words, stop), ""]

    def display(self, markup: str) -> None:
        self.blocks += [f"$${markup}$$", ""]

    def numbered(self, words: list[str]) -> None:
        self.blocks += [f"{n}. {w}" for n, w in enumerate(words, 1)] + [""]

    def answer(self, number: int, markup: str) -> None:
        self.blocks += [f"{number}. $${markup}$$", ""]

    def within_item(self, start: int, indent: int) -> None:
        # a line at the margin ends a Markdown list: indented, bullets and displays stay in the item
        pad = " " * indent
        self.blocks[start:] = ["\n".join(pad + line if line else line for line in block.split("\n"))
                               for block in self.blocks[start:]]

    def result(self, left: str, right: str) -> None:
        from .markup import callout

        self.blocks += callout(self.escape(message("document.result")), f"{left} = {right}")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        def line(cells):
            return "| " + " | ".join(cells) + " |"

        align = ["---:" if c in (0, len(header) - 1) else ":---" for c in range(len(header))]
        self.blocks += [line(f"${h}$" for h in header), line(align)]
        self.blocks += [line(_cell(c, self.inline) for c in row) for row in rows] + [""]

    def steps(self, step) -> None:
        from .markdown import _step_list

        self.blocks += _step_list(step) + [""]

    def derivation(self, d, result) -> None:
        from .latex import result_symbol
        from .markdown import _derivation

        self.blocks += _derivation(d, f"${result_symbol(result, [d.var])}$")

    def code(self, lines: list[str]) -> None:
        # a fence longer than any run of backticks in the input: the input cannot close it
        fence = "`" * max(3, 1 + max((len(r) for r in re.findall("`+", "\n".join(lines))), default=0))
        self.blocks += [fence, *lines, fence, ""]


class LatexDocument(Document):
    def escape(self, text: str) -> str:
        from .latex import escape_text

        # TeX sets -- as a dash: an option's name keeps its two hyphens.
        return escape_text(text).replace("--", "-{}-")

    def heading(self, words: str, level: int = 3) -> None:
        from .latex import subheading

        self.blocks += subheading(words, level)

    def paragraph(self, words: str, stop: bool = True) -> None:
        from .latex import paragraph

        self.blocks += paragraph(words, stop)

    def display(self, markup: str) -> None:
        from .fit import fit

        self.blocks += [r"\[", fit(markup), r"\]", ""]

    def numbered(self, words: list[str]) -> None:
        self.blocks += [r"\begin{enumerate}", *(rf"\item {w}" for w in words), r"\end{enumerate}", ""]

    def answer(self, number: int, markup: str) -> None:
        from .fit import LINE_WIDTH, fit, width

        if width(markup) <= LINE_WIDTH - 20:
            self.blocks += [rf"\noindent {number}.\ $\displaystyle {markup}$", ""]
        else:  # too long for the numbered line: displayed below its number, broken to fit
            self.blocks += [rf"\noindent {number}.", r"\[", fit(markup), r"\]", ""]

    def result(self, left: str, right: str) -> None:
        from .latex import _equation

        # as partial's result below its derivations: an equation of its own, broken to fit
        self.blocks += [*_equation(left, right), ""]

    # A tabular never breaks across pages: a descent of a few hundred steps ran off the bottom of the
    # first. Pieces of TABLE_ROWS rows, each under its header, break between them as longtable would,
    # with no package the reader's own preamble might lack.
    TABLE_ROWS = 30

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        spec = "".join("r" if c in (0, len(header) - 1) else "l" for c in range(len(header)))
        head = " & ".join(f"${h}$" for h in header) + r" \\ \hline"
        body = [" & ".join(_cell(c, self.inline) for c in row) + r" \\" for row in rows]
        for start in range(0, max(len(body), 1), self.TABLE_ROWS):
            self.blocks += [r"\begin{center}", rf"\begin{{tabular}}{{{spec}}}", head,
                            *body[start:start + self.TABLE_ROWS], r"\end{tabular}", r"\end{center}", ""]

    def steps(self, step) -> None:
        from .latex import _step_lines, align

        body: list[str] = []
        _step_lines(step, 0, body)
        self.blocks += [*align(body), ""]

    def derivation(self, d, result) -> None:
        from .latex import _derivation_block, source_comment

        self.blocks += _derivation_block(d, source_comment(result, [d.var]), result) + [""]

    def code(self, lines: list[str]) -> None:
        # not verbatim, which the input could end (\end{verbatim}): each character escaped, each
        # space kept, so that the caret stays under its column
        self.blocks += [r"\noindent" + r"\\".join(r"\texttt{" + self.escape(line).replace(" ", "~") + "}"
                                               for line in lines), ""]


class HtmlDocument(Document):
    def expr(self, expr) -> str:
        return mathml(expr)

    def expr_as_typed(self, expr) -> str:
        return mathml_as_typed(expr)

    def stated(self, result) -> str:
        return stated(result, mathml)

    def number(self, text: str) -> str:
        from .html import _number

        mantissa, power = power_of_ten(text)
        if power is None:
            return _number(text)
        return f"<mrow>{_number(mantissa)}<mo>×</mo><msup><mn>10</mn>{_number(str(power))}</msup></mrow>"

    def nabla(self, markup: str) -> str:
        return f"<mo>∇</mo>{markup}"

    def equals(self, *sides: str) -> str:
        return "<mo>=</mo>".join(sides)

    def approx(self, left: str, right: str) -> str:
        return f"{left}<mo>≈</mo>{right}"

    def tuple(self, items: list[str]) -> str:
        return items[0] if len(items) == 1 else "<mrow><mo>(</mo>" + "<mo>,</mo>".join(items) + "<mo>)</mo></mrow>"

    def norm(self, markup: str, vector: bool = False) -> str:
        bar = "‖" if vector else "|"
        return f"<mrow><mo>{bar}</mo>{markup}<mo>{bar}</mo></mrow>"

    def operator(self, wrt, ordinary: bool) -> str:
        wrt = list(wrt)
        d = "<mi>d</mi>" if ordinary else "<mo>∂</mo>"
        top = d if len(wrt) == 1 else f"<msup>{d}<mn>{len(wrt)}</mn></msup>"
        return f"<mfrac>{top}<mrow>" + "".join(d + mathml(v) for v in reversed(wrt)) + "</mrow></mfrac>"

    def applied(self, operator: str, markup: str) -> str:
        return f"{operator}<mrow><mo>[</mo>{markup}<mo>]</mo></mrow>"

    def derivative(self, f: str, var) -> str:
        return f"<mfrac><mrow><mo>∂</mo>{mathml(sympy.Symbol(f))}</mrow><mrow><mo>∂</mo>{mathml(var)}</mrow></mfrac>"

    def formula(self, tex: str, mml: str) -> str:
        return mml

    def listing(self, items: list[str]) -> str:
        return "<mo>,</mo>".join(items)

    def mtext(self, text: str) -> str:
        return f"<mtext>{html.escape(text)}</mtext>"

    def inline(self, markup: str) -> str:
        return f"<math>{markup}</math>"

    def typeset(self, value) -> str:
        if isinstance(value, Formula):
            return value.mathml(self.typeset)
        return super().typeset(value)

    def escape(self, text: str) -> str:
        return html.escape(text)

    def heading(self, words: str, level: int = 3) -> None:
        self.blocks.append(f"<h{level}>{sentence(words, stop=False)}</h{level}>")

    def paragraph(self, words: str, stop: bool = True) -> None:
        self.blocks.append(f"<p>{sentence(words, stop)}</p>")

    def display(self, markup: str) -> None:
        self.blocks.append(f'<p><math display="block">{markup}</math></p>')

    def numbered(self, words: list[str]) -> None:
        self.blocks.append("<ol>" + "".join(f"<li>{w}</li>" for w in words) + "</ol>")

    def answer(self, number: int, markup: str) -> None:
        self.blocks.append(f'<p>{number}. <math display="block">{markup}</math></p>')

    def result(self, left: str, right: str) -> None:
        from .html import _result

        self.blocks.append(_result(left, right))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        def row(cells, tag):
            return "<tr>" + "".join(f"<{tag}>" + _cell(c, self.inline) + f"</{tag}>" for c in cells) + "</tr>"

        self.blocks.append("<table>" + row(header, "th") + "".join(row(r, "td") for r in rows) + "</table>")

    def steps(self, step) -> None:
        from .html import _step

        self.blocks.append(f'<ul class="steps">{_step(step)}</ul>')

    def derivation(self, d, result) -> None:
        from .html import _derivation

        self.blocks.append(_derivation(d, result))

    def code(self, lines: list[str]) -> None:
        self.blocks.append("<pre>" + html.escape("\n".join(lines)) + "</pre>")

    def render(self) -> str:
        return "".join(self.blocks)


# --- the documents, each written once

class Markup(str):
    """A value typeset already, in the document's math language."""


def _beside(doc: Document):
    """other + size or other − size set in the document's math: a value a hair from a known one
    (1 − 1.50664 × 10⁻³⁰), which read back as one number was a 35-digit fraction."""
    def beside(other: str, sign: str, size: str, written) -> str:
        from ..core.written import Formula, Number
        from ..scalar.parsing import parse

        return Markup(doc.typeset(Formula(f"{{a}} {sign} {{b}}", a=parse(other), b=Number(size))))
    return beside


def _value(doc: Document, text: str) -> str:
    """A value the check computed, given as text ("3/8", "sin(1/2) ≈ 0.479426", "≈ 1.5"), typeset."""
    from ..core.errors import SymdiffError
    from ..scalar.parsing import parse

    def one(part: str) -> str:
        if re.fullmatch(r"-?(\d+\.\d*|\d*\.\d+|\d+)(e[-+]?\d+)?", part) and not part.lstrip("-").isdigit():
            return doc.number(part)  # a decimal stays one: read, 4.55565 would become 91113/20000
        try:
            return doc.expr(parse(part))
        except SymdiffError:
            return doc.mtext(part)

    if isinstance(text, Markup):
        return text
    exact, approx_sign, approximate = text.partition("≈")
    if not approx_sign:
        return one(text.strip())
    right = doc.number(approximate.strip())
    return doc.approx(one(exact.strip()), right) if exact.strip() else doc.approx("", right)


def _difference(doc: Document, c: dict) -> str:
    """The answer minus the derivative at the counterexample: exact where both values are known
    exactly (-5 cos 9 ≈ 4.55565), else as the check gave it."""
    from .markup import exact_difference

    given = _value(doc, c["difference"])
    difference = exact_difference(c)
    if difference is None:
        return given
    if difference.is_Rational:
        return doc.expr(difference)
    return given if "≈" in c["difference"] else doc.approx(doc.expr(difference), given)


def _answer_as_typed(doc: Document, v) -> str:
    """The answer as the student typed it and, where it differs, the form symdiff read it as
    (3 y x^{2} + 0 x = 3 x^{2} y): a worked solution quotes the student before it judges."""
    read = doc.expr(v.answer)
    if v.answer_typed is None:
        return read
    typed = doc.expr_as_typed(v.answer_typed)
    return doc.equals(typed, read) if typed != read and v.read_differently else typed


def check_document(doc: Document, v, steps: bool) -> None:
    from .text import counterexample_values

    if v.verdict == "unreadable":
        from ..core.errors import caret_lines, localized

        doc.paragraph(doc.text(message("check.unreadable", error=localized(v.error.message))))
        if v.unreadable_text is not None and v.error.column is not None:
            doc.code(caret_lines(v.unreadable_text, v.error.column))
        return
    # as the steps below write it: ∂/∂x for a function of several variables, d/dx for one
    operator = doc.expr(v.steps[0].operator) if len(v.steps) == 1 else doc.operator(v.wrt, is_ordinary(v, v.wrt))
    question = doc.applied(operator, doc.stated(v))
    doc.heading(doc.say("check.question", question=question))
    doc.paragraph(doc.say("check.answer", answer=_answer_as_typed(doc, v)), stop=False)
    named = {"derivative": v.derivative_words}
    shown_steps, shown_correct = check_shown(v)
    correct = doc.say("check.correct", named, correct=doc.expr(shown_correct)) if v.correct is not None else None
    if v.verdict == "right":
        doc.paragraph(doc.text(message("check.right.symbolic", **named)))
    elif v.verdict == "inconclusive":
        doc.paragraph(doc.text(message(v.inconclusive_key, points=v.points, **named)))
        doc.paragraph(correct)
    else:
        c = v.counterexample
        at = (c.get("exact") or {}).get("at") or c["at"]
        point = doc.listing([doc.equals(doc.expr(sympy.Symbol(k)), _value(doc, str(val))) for k, val in at.items()])
        answer_value, correct_value = counterexample_values(c, beside=_beside(doc))
        # an answer with no value there is said so in words: "정의되지 않음" set as a value was Korean
        # inside the mathematics ($\text{정의되지 않음}$이지만)
        undefined = ".undefined" if c["answer"] is None else ""
        values = {"correct": _value(doc, correct_value)}
        if not undefined:
            values["answer"] = _value(doc, answer_value)
        doc.paragraph(doc.say("check.wrong" + undefined, named, at=point, **values) if at
                      else doc.say("check.wrong.constant" + undefined, named, **values))
        if "difference" in c:
            doc.paragraph(doc.say("check.difference", named, difference=_difference(doc, c)))
        doc.paragraph(correct)
        if v.diagnosis is not None:
            doc.paragraph(doc.words(lambda p: message("check.mistake", kind=message(f"mistake.{v.diagnosis.kind}"),
                                                      message=v.diagnosis.words(lambda e: p(doc.expr(e))))))
    if steps and v.steps and v.verdict != "right":
        doc.heading(doc.text(message("check.steps").rstrip(":")), 4)
        for step in shown_steps:
            doc.steps(step)
        last = shown_steps[-1].result if shown_steps else None
        if last is not None and shown_correct is not None and doc.expr(last) != doc.expr(shown_correct):
            # the derivative stated above is the tidy form: the steps are taken on to it
            _simplified_to(doc, v.steps[-1].result, v.correct, shown_steps[-1].result, shown_correct)


def _simplified_to(doc: Document, raw, tidy, shown_raw, shown) -> None:
    """The steps' last result taken on to the tidy form stated above: the words ("Simplified", or the
    identity it takes), then `shown` displayed, where LaTeX breaks a long one to fit the page (inline,
    a long equation ran 40 pt past the margin). The steps' result is not its left side: the closing
    line above ends in it, and "A = B" said A twice. Where the tidy form takes a common factor out, that
    form comes first, with its own words; so do the others a student could not do in their head
    (markup.tidy_lines)."""
    for line in tidy_lines(raw, tidy, shown_raw, shown, doc.expr):
        doc.paragraph(line.words(lambda x: doc.inline(doc.expr(x)), doc.escape) + ":", stop=False)
        doc.display(doc.expr(line.expr))


def tangent_document(doc: Document, t) -> None:
    from . import tangent

    # the heading names the tangent and its point on the graph, (a, f(a)), as a textbook's exercise does:
    # "Tangent plane to the surface z = x²y at (1, 2, 2)", "곡선 y = √x 위의 점 (4, 2)에서의 접선의 방정식"
    kind = message({1: "tangent.line", 2: "tangent.plane"}.get(len(t.vars), "tangent.hyperplane"))
    point = doc.expr(sympy.Tuple(*t.point.values(), t.value))
    notation = _tangent_notation(doc)
    f = tangent.function_letter(t)
    doc.heading(doc.say("tangent.point.doc", {"kind": kind[:1].upper() + kind[1:], "graph": tangent.graph(t)},
                        function=tangent.curve(t, notation, doc.stated(t)), point=point))
    for d in t.partials:
        if d.step is not None:
            doc.derivation(d, t)
    partials = tangent.partial_names(t, notation, f)
    # f_x = ∂f/∂x, …: each name defined by what it stands for, read as its name (에프 와이는)
    defined = [doc.equals(name, doc.derivative(f, v)) for name, v in zip(partials, t.vars)]
    doc.paragraph(doc.say("tangent.general.partials" if partials else "tangent.general", {"kind": kind},
                          {"partials": tangent.partials_reading(t, f)},
                          at=tangent.point_letters(t, notation), formula=tangent.general(t, notation, f),
                          f=doc.expr(sympy.Symbol(f)), partials=doc.listing(defined)))
    doc.paragraph(doc.say("tangent.values", values=doc.listing(tangent.letter_values(t, notation))), stop=False)
    for value in tangent.values(t, notation, f):
        doc.display(value)
    # the tangent solved for the height is the answer; where it reads as the values put in, that is
    height, through = doc.expr(t.dependent), tangent.substituted_side(t, notation)
    solved = doc.expr(t.expanded)
    if solved != through:
        doc.display(doc.equals(height, through))
    doc.result(height, solved)


def _tangent_notation(doc: Document):
    """The tangent's formulas in the document's math: MathML for HTML, LaTeX otherwise."""
    from .extrema import mathml_notation, tex

    if isinstance(doc, HtmlDocument):
        return mathml_notation(doc.escape)
    return tex(doc.inline, doc.escape)


def descend_document(doc: Document, r, steps: bool) -> None:
    f = doc.expr(sympy.Symbol("f"))
    # named as every document's heading names what it shows: "Gradient descent of f = …"
    doc.heading(doc.say("document.heading", {"symbol": message("document.descent")},
                        f=doc.equals(f, doc.stated(r))))
    # one variable: f′(x), a number at each point, not a 1×1 gradient vector
    slope = doc.typeset(r.formulas["slope"])
    entries = typed_entries(r.gradient, r.expr)  # in the order of f as typed, as `grad` writes them
    # ∇f by the descended variables only, where f has other names (data): ∇_(w,b) f
    stated_slope = slope if r.single or gradient_by(r) is None else doc.formula(nabla_latex(r, "f"),
                                                                                  nabla_mathml(r, "<mi>f</mi>"))
    doc.display(doc.equals(stated_slope, doc.expr(entries[0] if r.single else sympy.Matrix(entries))))
    if r.data:  # the data the run put in: named in f and ∇f above, numbers in every iterate
        data = doc.listing([doc.equals(doc.expr(k), doc.expr(v)) for k, v in r.data.items()])
        doc.paragraph(doc.say("descend.data", data=data))
    names = [doc.expr(v) for v in r.vars]
    eta = doc.equals(doc.expr(sympy.Symbol("eta")), doc.number(f"{r.lr:g}"))
    doc.paragraph(doc.say("descend.head.doc", lr=eta, start=_named_point(doc, names, r.start),
                          rule=_update_rule(doc, names)))
    # |∇f| as `grad` writes the gradient's length (\lvert: no | a Markdown table would split at)
    header = [doc.expr(sympy.Symbol("k")), doc.tuple(names), f, slope, doc.norm(slope)]
    # every value as computed (see text.render_descend): a small one is no 0
    its = r.iterations
    shown = its if steps or len(its) <= 12 else its[:5] + its[-5:]
    rows = []
    for k, it in enumerate(shown):
        slope = r.vanishing(it)  # a tiny coordinate and its gradient component are printed alike
        rows.append([doc.number(str(it.step)), doc.tuple([doc.number(decimal(v)) for v in it.point]),
                     _iterate_number(doc, r, it.value),
                     doc.tuple([_about_zero(doc) if z else doc.number(decimal(g)) for g, z in zip(it.gradient, slope)]),
                     _iterate_number(doc, r, it.grad_norm, "slope")])
        if not steps and k == 4 and len(r.iterations) > 12:
            rows.append(["", Words(doc.text(message("descend.more", count=len(r.iterations) - 10))), "", "", ""])
    if r.outside is not None:
        rows.append([doc.number(str(r.stop_values["k"])), doc.tuple([doc.number(decimal(v)) for v in r.outside]),
                     Words(doc.text(message("descend.undefined"))), "", ""])
    doc.table(header, rows)
    # the words' formulas (|xₖ|, f″(3) = 108, η < 2/f″(3)) typeset, never left in the words
    if r.failed:
        doc.paragraph(doc.words(lambda p: message("descend.failed", reason=r.cause_in(p))))
        if r.advice is not None:
            doc.paragraph(doc.words(r.advice_in))
    else:
        head = doc.text(f"{message('descend.converged' if r.converged else 'descend.stopped')}: ")
        doc.paragraph(head + doc.words(r.cause_in))
    last = its[-1].value
    value = doc.approx(f, doc.number("0")) if r.negligible(last) else _valued(doc, f, last)
    # f ≈ 0 is rounding at a point that is not exactly its decimals (1.2000000000000002): both are approximate
    doc.paragraph(doc.say("descend.final.doc", point=_named_point(doc, names, its[-1].point, r.negligible(last)),
                          value=value))


def _iterate_number(doc: Document, r, value: float, kind: str = "value") -> str:
    """A value of the run's table, rounding noise as ≈ 0 (see DescentResult.negligible)."""
    return _about_zero(doc) if r.negligible(value, kind) else doc.number(decimal(value))


def _about_zero(doc: Document) -> str:
    return doc.approx("", doc.number("0")).strip()


def _update_rule(doc: Document, names: list[str]) -> str:
    """(w, b) ← (w, b) − η∇f(w, b), or x ← x − ηf′(x): in the problem's own variables, since a
    generic w may be one of them."""
    arrow, minus = doc.formula(r" \leftarrow ", "<mo>←</mo>"), doc.formula(" - ", "<mo>−</mo>")
    eta = doc.expr(sympy.Symbol("eta"))
    point = doc.tuple(names)
    args = point if len(names) > 1 else (doc.formula(r"\left(", "<mrow><mo>(</mo>") + point
                                         + doc.formula(r"\right)", "<mo>)</mo></mrow>"))
    slope = (doc.formula(" f'", "<msup><mi>f</mi><mo>′</mo></msup>") if len(names) == 1
             else doc.formula(r" \nabla f", "<mo>∇</mo><mi>f</mi>"))
    return point + arrow + point + minus + eta + slope + args


def _named_point(doc: Document, names: list[str], values, strict: bool = False) -> str:
    """w = 1.2, b = 0.6: each coordinate named, so no reader has to guess the order. `strict` as in
    text._named: "=" only for a decimal that is the float itself."""
    return doc.listing([doc.approx(n, doc.number(decimal(v))) if strict and float(decimal(v)) != v
                        else _valued(doc, n, v) for n, v in zip(names, values)])


def _valued(doc: Document, left: str, value: float) -> str:
    """left = value where its decimal is the value (x = 0.8), left ≈ value where it was rounded."""
    from ..features.approx import EQUALS, relation

    shown = decimal(value)
    return (doc.equals if relation(shown, value) == EQUALS else doc.approx)(left, doc.number(shown))


def practice_document(doc: Document, p, steps: bool) -> None:
    # a worksheet, a file of its own: its title above its two parts
    doc.heading(doc.text(message("practice.title", capital=True, rules=p.named_rules, seed=p.seed)), 1)
    doc.paragraph(doc.text(plural("practice.count", len(p.exercises))))
    doc.heading(doc.text(message("practice.exercises.heading")), 2)

    def question(e) -> str:
        return doc.applied(doc.operator([e.var], True), doc.expr(e.expr))

    doc.numbered([doc.inline(question(e)) for e in p.exercises])
    doc.heading(doc.text(message("practice.answers.heading")), 2)
    from ..scalar.notes import CAVEATS

    for e in p.exercises:
        doc.answer(e.number, doc.equals(question(e), doc.expr(shown_answer(e))))
        start = len(doc.blocks)
        if e.conditions:  # where the answer holds, under it before its steps, as an answer key has it
            doc.paragraph(doc.words(lambda printer, e=e: message("practice.condition", printer, condition=e.conditions)),
                          stop=False)
        if steps:
            doc.steps(shown_exercise(e))
            if e.answer != e.step.result:  # the answer above is the tidy form: say where it comes from
                _simplified_to(doc, e.step.result, e.answer, shown_exercise(e).result, shown_answer(e))
        for note in e.remarks:  # what the conditions beside the answer do not say
            label = doc.text(message("caution" if note.kind in CAVEATS else "note", capital=True))
            doc.paragraph(f"{label}: " + doc.words(lambda printer, note=note: note.words(printer, capital=True)))
        # the steps, the tidying and the notes belong to the answer's numbered item: one list, not a list
        # broken by each answer's bullets
        doc.within_item(start, len(f"{e.number}. "))
    doc.paragraph(doc.text(message("practice.seed", capital=True, seed=p.seed)), stop=False)


_DOCUMENTS = {"markdown": MarkdownDocument, "latex": LatexDocument, "html": HtmlDocument}


def _view(fmt: str, write):
    def view(result, *, steps: bool = True, line: int | None = None) -> str:
        doc = _DOCUMENTS[fmt]()
        write(doc, result, steps)
        body = doc.render()
        if fmt == "html":
            from .html import _section, _title

            return _section([f"<h2>{_title(line)}</h2>" if line is not None else "", body])
        return body

    return view


def views(fmt: str) -> dict:
    """The document views of the feature results (registered by each document format's `views()`)."""
    from . import results as r

    return {r.Verdict: _view(fmt, check_document),
            r.TangentResult: _view(fmt, lambda doc, t, steps: tangent_document(doc, t)),
            r.DescentResult: _view(fmt, descend_document),
            r.PracticeSet: _view(fmt, practice_document)}

