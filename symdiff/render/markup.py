"""Shared pieces of the document formats (LaTeX, Markdown, HTML): explanations whose words are
escaped for the format and whose mathematics is typeset in it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import sympy

from ..core.messages import LANGUAGE, closing, explain, message, named_explanation, rule_label, step_label
from .notation import decimal as _num

_TOKEN = re.compile("\x00(\\d+)\x01")


def with_math(render_text: Callable[[Callable], str], math: Callable, escape: Callable[[str], str]) -> str:
    """`render_text(printer)` builds a sentence with `printer(expr)` for each value; here each value
    becomes `math(expr)` and everything else goes through `escape`. Values are passed through as
    tokens, so escaping never touches the mathematics."""
    parts: list[str] = []
    tokens: dict[str, str] = {}

    def printer(expr) -> str:
        # the same mathematics is the same token, so words that compare what they print (a closing
        # line that states the result only where it reads otherwise) compare the mathematics
        typeset = math(expr)
        if typeset not in tokens:
            parts.append(typeset)
            tokens[typeset] = f"\x00{len(parts) - 1}\x01"
        return tokens[typeset]

    printer.typesets = True  # a condition (x = 0) is handed over whole, to be one formula
    printer.typeset = math  # the mathematics itself, for words that compare how two values read
    return _TOKEN.sub(lambda m: parts[int(m.group(1))], escape(render_text(printer)))


# A sentence ends with one of these already; a colon introduces the formula displayed after it.
ENDED = (".", ":", "?", "!", "。")


def sentence(text: str, stop: bool = True) -> str:
    """`text` as a sentence of its own paragraph: a capital first letter and a full stop. The catalogue
    writes its English lower-case and unstopped, since most of it is set inside other lines (a rule's
    explanation after its claim in the text view); Korean sentences end with their full stop already."""
    body = text.rstrip()
    if not body:
        return text
    if body[0].islower() and body[0].isascii():
        body = body[0].upper() + body[1:]
    return stopped(body) if stop else body


# An English word that begins a line: two letters or more, or the article a, then punctuation or a space not
# followed by a sign. A formula is no word: ln(U), df = …, dL = …, d σ(U), a₁ ⊙ …, a + b.
_FIRST_WORD = re.compile(r"(?:[a-z][a-z'’-]+|a(?= [a-z]))(?=[,;:.]|\s(?![=+−\-⊙⊘·<>≤≥]))")


def begun(text: str) -> str:
    """`text` with a capital where it begins with an English word: for words whose template begins with a
    slot that holds words (a read-off's lines, "writing the factor in front …"), where `message`'s capital,
    which reads the template, cannot tell."""
    if LANGUAGE.get() != "en":  # Korean has no case, and a Latin word there is a formula's name
        return text
    return text[:1].upper() + text[1:] if _FIRST_WORD.match(text) else text


def stopped(text: str) -> str:
    """`text` with its full stop: a line of words in a human view is a sentence, formulas and all. The
    first letter is left alone, since only the catalogue's template knows whether a word or a formula
    begins it (`message(..., capital=True)`): ln(U) … takes no capital."""
    body = text.rstrip()
    return body if not body or body.endswith(ENDED) else body + "."


def explanation(step, math: Callable, escape: Callable[[str], str]) -> str:
    return with_math(lambda printer: explain(step, printer), math, escape)


def labelled(step, math: Callable, escape: Callable[[str], str]) -> tuple[str, str]:
    """A step's label (the name its explanation begins with, else the rule's name), not yet escaped,
    and the rest of the words before its substeps (`messages.opening`), so that a line names its rule
    once."""
    names: list = []

    def render(printer) -> str:
        name, body = named_explanation(step, printer, opening=True)
        names.append(name)
        return body

    body = with_math(render, math, escape)
    # the label is a name set apart (**Power rule**): a capital, as a heading's; the words after it
    # continue the line, lower-case
    return sentence(names[0], stop=False) if names[0] else step_label(step, capital=True), body


def closed(step, math: Callable, escape: Callable[[str], str], display: bool = False) -> str | None:
    """The closing words under a step's substeps (`messages.closing`), escaped, with their mathematics
    typeset; None for a step without substeps (and, with `display`, for one whose closing has no words
    for its formula displayed after them)."""
    if not step.substeps:
        return None
    words = with_math(lambda printer: closing(step, printer, display=display, capital=True) or "", math, escape)
    return words or None


def set_off(title: str) -> str:
    """A Markdown quote's opening words, "**Result.**", "**주의.**": a bold title every Markdown renders (a
    `> [!TIP]` callout is GitHub's and Obsidian's alone, and shows its marker as text elsewhere).
    `title` is Markdown already."""
    return f"**{stopped(title)}**"


def callout(title: str, math: str) -> list[str]:
    """A Markdown result that stands out: a quote that opens with its title in bold (`set_off`), then
    the result displayed. `title` is Markdown already, `math` is display LaTeX."""
    return [f"> {set_off(title)}", ">", f"> $${math}$$", ""]


def note_sentences(result, math: Callable, escape: Callable[[str], str]) -> list[str]:
    """The notes a result carries (JSON's `warnings`), each a sentence in a document's notation. A
    document is read without the terminal's stderr, so what may make its answer look wrong goes in it.

    Every kind, not only the mathematical ones (where the derivative holds: a cancelled factor, a sign
    with no derivative at 0, a base that must be positive): a note on the input (a variable f lacks, `xy`
    read as one name, `I` read as a variable, `1/2x` read as x/2) explains an answer, often 0, that is
    right for what was read and wrong for what was meant, and a handout without it passes that answer on
    unexplained. One rule for all kinds also keeps a terminal honest: where stdout and stderr share a
    screen the document's notes are the only ones written, so a kind left out would be lost there."""
    return [sentence(with_math(lambda printer, note=note: _note_text(note, printer), math, escape))
            for note in getattr(result, "warnings", None) or ()]


def labelled_notes(result, math: Callable, escape: Callable[[str], str]) -> list[tuple[bool, str]]:
    """(whether it is a caveat, its sentence) for each of `note_sentences`: a caveat on where the
    derivative holds is set apart as a warning (주의), a remark on the input as a note (참고)."""
    from ..scalar.notes import label_key

    notes = getattr(result, "warnings", None) or ()
    return [(label_key(note) == "caution", words) for note, words in zip(notes, note_sentences(result, math, escape))]


def check_sentences(result) -> list[str]:
    """A partial, grad, hessian or jacobian result's `--check` lines as plain sentences, for a document to
    set after its answer as the text view does (a matrix or backprop document sets its own)."""
    from ..scalar.check import Agreement
    from .text import check_lines

    check = getattr(result, "check", None)
    return [stopped(line) for line in check_lines(check)] if isinstance(check, Agreement) else []


def _note_text(note, printer: Callable) -> str:
    words = getattr(note, "words", None)
    return words(printer) if words is not None else note.message


def simplified(raw, tidy, math: Callable, escape: Callable[[str], str] = str) -> str:
    """The words before a textbook form: "simplified", or, where it takes an identity to get there,
    "simplified using sin²x + cos²x = 1" (a tidy step must not hide the mathematics it does)."""
    from ..scalar.tidy import identities_used

    return simplified_line(identities_used(raw, tidy), tidy).words(math, escape)


@dataclass(frozen=True)
class TidyLine:
    """One line between the steps' result and the form the answer is given in: its words (a message
    key and its slots) and its mathematics, for each view to print in its own notation."""

    key: str
    slots: tuple  # (name, expression) pairs
    expr: object

    def words(self, math: Callable, escape: Callable[[str], str] = str) -> str:
        """"Taking out the common factor 2x", "Simplified": the words before the line's mathematics."""
        return with_math(lambda printer: message(self.key, printer, capital=True, **dict(self.slots)), math, escape)


def simplified_line(found: list, expr) -> TidyLine:
    """The last tidy line: "Simplified", or "simplified using …" naming the identities `found`
    (`scalar.tidy.identities_used`) that the tidy form takes (a tidy step must not hide its mathematics)."""
    if not found:
        return TidyLine("simplified", (), expr)
    return TidyLine("simplified.using" if len(found) == 1 else "simplified.using.two",
                    (("identity", found[0]), ("other", found[-1])), expr)


def tidy_lines(raw, tidy, shown_raw=None, shown_tidy=None, printer: Callable | None = None) -> list[TidyLine]:
    """The lines that take the steps' result `raw` to its tidy form `tidy`, the last one the simplified
    form: the moves a student could not do in their head (scalar.factored.moves: a factor inside a
    factor, the common factor, one denominator, the bracket collected), each checked equal to the one
    before it, then "Simplified" (or the identities it takes). `shown_raw` and `shown_tidy` are the two
    as the view arranges them (the sum's terms in the order the reader saw); with `printer`, nothing is
    said where the two print alike (sign(x)/|x| is printed 1/x: "1/x = 1/x" reads as a step that did
    nothing), and no move is said that prints as the line after it. The one decision every view prints."""
    shown_raw = raw if shown_raw is None else shown_raw
    shown_tidy = tidy if shown_tidy is None else shown_tidy
    if raw == tidy:
        return []
    if printer is not None and printer(shown_raw) == printer(shown_tidy):
        return []
    moves, found = _planned(_as_written(shown_raw, raw), tidy, _reading_terms(shown_raw))
    last = simplified_line(found, shown_tidy)
    lines = [TidyLine(m.key, m.slots, _reading(m.expr, m.kept)) for m in moves]
    if printer is not None:  # a collected bracket that is the answer already is said once, as simplified
        printed = [printer(line.expr) for line in lines] + [printer(shown_tidy)]
        lines = [line for i, line in enumerate(lines) if printed[i] != printed[i + 1]]
    return [*lines, last]


def _as_written(shown, raw):
    """The steps' result as its line wrote it, for the moves to start from: a kept c·(a + b) is that
    number times the sum (the moves then work inside the bracket, 2·(x³(x² − 1)³ + …)), where from
    SymPy's multiplied-out `raw` they would take the number out again; `raw` itself otherwise."""
    from .notation import Kept
    from .order import _bare, _evaluated, _parts

    if not isinstance(shown, Kept):
        return raw
    factors = [_bare(f) for f in _parts(_bare(shown.args[0]), sympy.Mul)]
    if sum(f.is_Add for f in factors) != 1:
        return raw
    return sympy.Mul(*(_evaluated(f) for f in factors), evaluate=False)


def tidy_line(label: str, math: str) -> str:
    """A tidy line's words and its printed mathematics as a line of notes: "Simplified: 4·x·(x² + 1)" in
    English, a sentence in Korean ("정리하면 4·x·(x² + 1)입니다."), as every other line of a Korean page is."""
    return message("simplified.line", label=label, math=math)


def text_tidy_lines(raw, tidy, shown_raw=None, shown_tidy=None, indent: str = "  ") -> list[str]:
    """`tidy_lines` as the text views write them: "Taking out the common factor …: …"."""
    from .notation import unicode

    return [indent + tidy_line(line.words(unicode), unicode(line.expr))
            for line in tidy_lines(raw, tidy, shown_raw, shown_tidy, unicode)]


# Each derivation's moves are worked out once however many views print them (the text and Rich views
# of one run, a document's two passes): expand and simplify cost more than printing. Keyed by the
# expressions themselves (SymPy caches their hashes); cleared when full.
_PLANS: dict = {}
_PLANS_MOST = 512


def _planned(raw, tidy, order) -> tuple:
    from ..scalar.factored import moves
    from ..scalar.tidy import identities_used

    key = (raw, tidy, order)
    plan = _PLANS.get(key)
    if plan is None:
        if len(_PLANS) >= _PLANS_MOST:
            _PLANS.clear()
        plan = _PLANS[key] = (moves(raw, tidy, order), identities_used(raw, tidy))
    return plan


def _reading_terms(shown):
    """The terms of the sum in the steps' result, in the order the view printed them (a tuple of
    evaluated terms), or None."""
    from .notation import InOrder, Kept
    from .order import _bare, _default_order, _evaluated

    arranged = isinstance(shown, InOrder)
    node = _bare(shown.args[0]) if isinstance(shown, Kept) else _bare(shown)
    if isinstance(node, sympy.Mul):
        sums = [f for f in node.args if isinstance(_bare(f), sympy.Add)]
        node = _bare(sums[0]) if len(sums) == 1 else node
    if not isinstance(node, sympy.Add):
        return None
    try:
        terms = node.args if arranged else _default_order(_evaluated(node))
        return tuple(_evaluated(t) for t in terms)
    except (TypeError, ValueError, AttributeError):
        return None


def _reading(expr, kept: tuple):
    """`expr` as the views print it: the sums in `kept` (by identity) in their own order, the products
    in it with their last factor last, every other sum and product in the printers' order (x + 1 and
    7x + 3, as a textbook writes them: an InOrder alone would print an inner x + 1 as SymPy stores it,
    1 + x)."""
    from .notation import InOrder
    from .order import _default_order, _held

    ids = {id(k) for k in kept}

    def build(node):
        if node.is_Atom or not node.args:
            return node
        if isinstance(node, (sympy.Add, sympy.Mul)):
            args = _default_order(node)
            if id(node) in ids and node.is_Add:
                args = list(node.args)
            elif id(node) in ids:  # a product kept: its sum last, where the line before had its bracket
                last = next((a for a in reversed(node.args) if a.is_Add), None)
                args = [a for a in args if a is not last] + ([last] if last is not None else [])
            return node.func(*(_held(build(a), node) for a in args), evaluate=False)
        if isinstance(node, sympy.Pow):
            base = build(node.base)
            return sympy.Pow(InOrder(base) if base.is_Add or base.is_Mul else base, node.exp, evaluate=False)
        return node

    try:
        tree = build(expr)
    except (TypeError, ValueError, AttributeError, RecursionError):
        return expr
    return InOrder(tree) if tree.is_Add or tree.is_Mul else tree


def heading_held(held, math: Callable, escape: Callable[[str], str]) -> str:
    return with_math(lambda printer: message("heading.held", printer, held=held), math, escape)


# --- the values at a point (--at): what the text view prints after the result, in a document's notation

class PointNotation:
    """How a document writes the pieces of the values at a point: `wrap` makes math of markup
    ($…$, <math>…</math>); the others give markup in the format's math (LaTeX or MathML)."""

    def __init__(self, wrap, name, number, point, vector, matrix, nabla, norm, unit, equals, symbol,
                 letter=lambda c: c, expr=None, approx=None, spelling=None,
                 directional=None, dotted=None, partial_at=None, put_in=None):
        self.wrap, self.name, self.number, self.point, self.letter = wrap, name, number, point, letter
        self.vector, self.matrix, self.nabla, self.norm, self.unit = vector, matrix, nabla, norm, unit
        self.equals, self.symbol = equals, symbol
        self.expr, self.approx = expr, approx  # an exact value, and "a ≈ b" (both optional)
        self.spelling = spelling  # worked numbers (render/worked.py), optional
        self.directional, self.dotted = directional, dotted  # D_u f and ∇f·u, for grad --dir
        # ∂f/∂x(1, 2) from (result, variable, the point's values), and a partial with the values put
        # in (render.substituted), for a gradient worked out at its point (optional)
        self.partial_at, self.put_in = partial_at, put_in


def _related(n: PointNotation, left: str, right: str, relation: str) -> str:
    from ..features.approx import EQUALS

    return (n.equals if relation == EQUALS else n.approx)(left, right)


def valued(n: PointNotation, left: str, value: float, exact=None, shown: str | None = None) -> str:
    """left = its exact form where there is one, then its decimal (`shown` where it needs more digits)
    after the relation it has: = where the decimal is the value, ≈ where it was rounded. 28/5 = 5.6,
    2 cos 1 ≈ 1.0806, |∇f| ≈ 4.04239; no caller writes "=" before a number it did not check."""
    from ..features.approx import relation

    shown = _num(value) if shown is None else shown
    if exact is not None and n.expr is not None:
        left = n.equals(left, n.expr(exact))
    return _related(n, left, n.number(shown), relation(shown, value, exact))


def _norm_formula(result, n: PointNotation, left: str) -> str:
    """|∇f| and its value: √(4² + 13²) = √185 ≈ 13.6015 where the entries are exact (the working, then the
    exact value where it is not whole), 96√2 ≈ 135.765 where only the value is a surd, else the decimal,
    each after the relation it has."""
    from .worked import norm_exact, norm_root

    root = None if n.spelling is None else norm_root(result, n.spelling)
    if root is not None:
        return valued(n, n.equals(left, root), result.norm, norm_exact(result))
    return valued(n, left, result.norm, getattr(result, "exact_norm", None))


def norm_again(result, n: PointNotation, left: str, decimal: str | None = None) -> str:
    """|∇f| said again after it was worked out: its exact value where one was shown (√2 ≈ 1.41421), so
    that the prose does not trade the exact value it just computed for a decimal."""
    from .worked import norm_exact

    exact = norm_exact(result) if n.spelling is not None and result.worked_norm is not None \
        else getattr(result, "exact_norm", None)
    return valued(n, left, result.norm, exact, decimal)


def directional_at(result, n: PointNotation, escape: Callable[[str], str]) -> str | None:
    """grad --dir at the point, as the text view says it: D_u f = ∇f·u with its products summed, its
    value, and that it is largest along ∇f, where it equals |∇f|. None without a point."""
    from .text import directional_decimals
    from .worked import dot_product

    if result.directional_value is None:
        return None
    f = n.name(result)
    value, norm_decimal = directional_decimals(result)
    norm = norm_again(result, n, n.norm(f), norm_decimal)
    dot = None if n.spelling is None else dot_product(result, n.spelling)
    left = n.equals(n.directional(f), n.dotted(f))
    if dot is not None:
        left = n.equals(left, dot)
    formula = valued(n, left, result.directional_value, result.exact_directional_value, value)
    return with_math(lambda p: message("grad.directional.at.doc", point=p(n.point(result.point)), formula=p(formula),
                                       nabla=p(n.nabla(f)), norm=p(norm)),
                     n.wrap, escape)


def _vector_formula(n: PointNotation, left: str, exact, values) -> str:
    """A vector at the point: [√2/2, √2/2] ≈ [0.707107, 0.707107] where its exact form says more; "="
    before its decimals only where every entry is exact."""
    from ..features.approx import relation

    shown = [_num(v) for v in values]
    if exact is not None and n.expr is not None:
        left = n.equals(left, n.vector([n.expr(e) for e in exact]))
    return _related(n, left, n.vector([n.number(d) for d in shown]), relation(shown, values, exact))


def matrix_formula(n: PointNotation, left: str, values, exact=None) -> str:
    """A matrix at the point (H, J): its exact entries where they say more (cos 1 for 0.540302), as
    ∇f's are, then its decimals; "=" only where every entry's decimal is the entry."""
    from ..features.approx import relation_of

    if exact is not None and n.expr is not None:
        left = n.equals(left, n.matrix([[n.expr(e) for e in row] for row in exact]))
    return _related(n, left, n.matrix([[n.number(_num(v)) for v in row] for row in values]),
                    relation_of(values, exact))


_MATRIX_LETTERS = {"HessianResult": "H", "JacobianResult": "J"}


def at_point(result, n: PointNotation, escape: Callable[[str], str]) -> list[str]:
    """The sentences about the point of `--at`: a heading "at x = 1, y = 2:" and one sentence for each
    value there (a partial's value; ∇f, |∇f| and the directions of steepest ascent and descent; H; J).
    Empty without a point."""
    from sympy import Symbol

    if getattr(result, "point", None) is None or getattr(result, "value", None) is None:
        return []

    def words(key: str, **values) -> str:
        return with_math(lambda p: message(key, **{k: p(v) for k, v in values.items()},
                                           readings={"f": Symbol(getattr(result, "name", None) or "f")}),
                         n.wrap, escape)

    at = words("at", point=n.point(result.point)) + ":"
    kind = type(result).__name__
    if kind == "PartialResult":
        return [at + " " + n.wrap(valued(n, n.symbol(result), result.value, result.exact_value))]
    if kind in _MATRIX_LETTERS:
        return [at, n.wrap(matrix_formula(n, n.letter(_MATRIX_LETTERS[kind]), result.value, result.exact_value))]
    f = n.name(result)
    out = [at, *_substituted_formulas(result, n),
           n.wrap(_vector_formula(n, n.nabla(f), result.exact_value, result.value)),
           words("grad.norm.doc", f=f, formula=_norm_formula(result, n, n.norm(f)))]
    if result.ascent is None:
        out.append(words("grad.stationary.doc", formula=n.equals(n.nabla(f), n.number("0"))))
    else:
        ascent = _vector_formula(n, n.unit(f, False), result.exact_ascent, result.ascent)
        descent = _vector_formula(n, n.unit(f, True), result.exact_descent, result.descent)
        out.append(words("grad.ascent.doc", f=f, formula=ascent))
        out.append(words("grad.descent.doc", f=f, formula=descent))
    return out


def _substituted_formulas(result, n: PointNotation) -> list[str]:
    """Each partial at the point as a teacher works it, ∂f/∂x(1, 2) = 2·cos(1·2) + 2·1·2 = 2 cos 2 + 4
    ≈ 3.16771, before ∇f gathers the values (render.substituted); none where it is not worked so."""
    from .substituted import point_values, substituted_partials

    trees = substituted_partials(result) if n.put_in is not None and n.partial_at is not None else None
    if trees is None:
        return []
    values = point_values(result)
    out = []
    for d, tree, value, exact in zip(result.partials, trees, result.value, result.exact_partials):
        left = n.partial_at(result, d.var, values)
        if tree is not None:
            left = n.equals(left, n.put_in(tree))
        # a whole number's decimal says it: = 4, not = 4 = 4
        out.append(n.wrap(valued(n, left, value, None if exact is not None and exact.is_Integer else exact)))
    return out


def tex_point_notation(wrap, result_symbol) -> PointNotation:
    from .notation import bmatrix, column, function_name, latex, point_formula
    from .substituted import latex_substituted
    from .worked import latex_spelling

    return PointNotation(
        wrap=wrap, name=lambda result: function_name(result, latex), number=lambda text: text,
        point=lambda point: latex(point_formula(point)),
        vector=column, matrix=bmatrix,
        nabla=lambda f: rf"\nabla {f}", norm=lambda f: rf"\left|\nabla {f}\right|",
        unit=lambda f, minus: ("-" if minus else "") + rf"\frac{{\nabla {f}}}{{\left|\nabla {f}\right|}}",
        equals=lambda a, b: f"{a} = {b}", symbol=lambda result: result_symbol(result, result.wrt),
        expr=latex, approx=lambda a, b: rf"{a} \approx {b}", spelling=latex_spelling(),
        directional=lambda f: rf"D_{{\mathbf{{u}}}} {f}", dotted=lambda f: rf"\nabla {f} \cdot \mathbf{{u}}",
        partial_at=lambda result, var, values: result_symbol(result, [var])
        + r"\left(" + ", ".join(latex(v) for v in values) + r"\right)",
        put_in=latex_substituted)


def exact_difference(c: dict):
    """The answer minus the derivative at a check's counterexample `c`, exactly (-5 cos 9), where both
    values are known exactly; None where not. Every view writes it before the check's decimal, after
    ≈ unless it is a rational number, whose decimal is not shown."""
    from ..core.errors import SymdiffError
    from ..scalar.parsing import parse

    exact = c.get("exact") or {}
    try:
        return parse(exact["answer"]) - parse(exact["correct"])
    except (KeyError, TypeError, SymdiffError):
        return None
