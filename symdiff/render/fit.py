"""Long LaTeX formulas broken to fit the page, the way a textbook breaks them: after a top-level
relation or + / − sign, continuing on the next line indented; a parenthesis, fraction or root too
wide even for a line of its own gets its content stacked in an `aligned` block (amsmath, no other
package: CI's TeX is texlive-latex-base).

TeX cannot break display math, and nothing in texlive-latex-base measures it before it is set
(breqn is in texlive-latex-extra), so the widths here are estimates in points at 10 pt, made on the
generous side: a formula this module calls narrow enough does not overrun the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LINE_WIDTH = 420.0
"""The width a display line may take, in points: the `document()` page (article, 2 cm margins on
A4 or letter paper) less room for the estimate's error."""

_TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|[{}^_&]|\s+|.", re.S)

_RELATIONS = {"=", "<", ">", r"\approx", r"\Rightarrow", r"\leftarrow", r"\to", r"\leq", r"\geq", r"\neq",
              r"\le", r"\ge", r"\in", r"\equiv", r"\mapsto", r"\rightarrow"}
_BINARY = {"+", "-", r"\cdot", r"\odot", r"\times", r"\pm", r"\mp", r"\circ"}
_FUNCTIONS = {"sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "det", "sinh", "cosh", "tanh",
              "arcsin", "arccos", "arctan", "asin", "acos", "atan", "max", "min", "lim", "sgn", "tr", "diag"}
_SPACES = {r"\quad": 10.0, r"\qquad": 20.0, r"\,": 1.7, r"\;": 2.8, r"\:": 2.2, r"\ ": 3.3, r"\!": -1.7,
           "~": 3.3}
_TEXTUAL = {r"\text", r"\mathrm", r"\operatorname", r"\mathbf", r"\textbf", r"\mathit", r"\textrm"}
_MATRICES = {"matrix", "bmatrix", "pmatrix", "vmatrix", "Bmatrix", "Vmatrix", "smallmatrix"}


@dataclass
class Group:
    """A braced group, a \\left…\\right pair or a \\begin…\\end environment, kept verbatim."""

    open: str
    items: list = field(default_factory=list)
    close: str = ""
    name: str = ""  # an environment's name (bmatrix, aligned, …)
    # Width by scale, measured once: breaking a long formula measures the same groups again for every
    # piece it tries (a deep derivation's LaTeX took minutes). A Group is not changed once parsed:
    # `shrink` puts a new one in its place.
    widths: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def kind(self) -> str:
        if self.open == "{":
            return "brace"
        return "lr" if self.open.startswith(r"\left") else "env"

    def __str__(self) -> str:
        return self.open + "".join(map(str, self.items)) + self.close


def parse(tex: str) -> list:
    """The formula as tokens and nested Groups; str() of the items gives `tex` back exactly."""
    tokens = _TOKEN.findall(tex)
    pos = 0

    def read(until) -> list:
        nonlocal pos
        items: list = []
        while pos < len(tokens):
            tok = tokens[pos]
            if until(tok):
                return items
            pos += 1
            if tok == "{":
                group = Group("{", read(lambda t: t == "}"))
                if pos < len(tokens):
                    group.close = tokens[pos]
                    pos += 1
                items.append(group)
            elif tok == r"\left" and pos < len(tokens):
                opener = tok + tokens[pos]
                pos += 1
                group = Group(opener, read(lambda t: t == r"\right"))
                if pos < len(tokens):
                    group.close = tokens[pos] + (tokens[pos + 1] if pos + 1 < len(tokens) else "")
                    pos += 2
                items.append(group)
            elif tok == r"\begin" and pos < len(tokens) and tokens[pos] == "{":
                name = ""
                start = pos
                while pos < len(tokens) and tokens[pos] != "}":
                    name += tokens[pos] if tokens[pos] != "{" else ""
                    pos += 1
                pos += 1
                opener = tok + "".join(tokens[start:pos])
                inner = read(lambda t: t == r"\end")
                end = pos
                while pos < len(tokens) and tokens[pos] != "}":
                    pos += 1
                pos += 1
                items.append(Group(opener, inner, "".join(tokens[end:pos]), name))
            else:
                items.append(tok)
        return items

    return read(lambda t: False)


def width(tex_or_items, scale: float = 1.0) -> float:
    """An estimate, in points, of the width of math set in display style at 10 pt."""
    items = parse(tex_or_items) if isinstance(tex_or_items, str) else tex_or_items
    total = 0.0
    i = 0
    while i < len(items):
        item = items[i]
        i += 1
        if isinstance(item, Group):
            total += _group_width(item, scale)
            continue
        if item in ("^", "_"):
            if i < len(items):
                total += width([items[i]], scale * 0.7)
                i += 1
            continue
        if item in (r"\frac", r"\dfrac", r"\tfrac", r"\binom"):
            num = width([items[i]], scale * (0.7 if scale < 1 else 1)) if i < len(items) else 0
            den = width([items[i + 1]], scale * (0.7 if scale < 1 else 1)) if i + 1 < len(items) else 0
            i += 2
            total += max(num, den) + 2.4 * scale
            continue
        if item == r"\sqrt":
            if i < len(items) and items[i] == "[":
                while i < len(items) and items[i] != "]":
                    i += 1
                i += 1
            total += 10 * scale + (width([items[i]], scale) if i < len(items) else 0)
            i += 1
            continue
        if item in _TEXTUAL:
            if i < len(items):
                text = str(items[i])[1:-1] if isinstance(items[i], Group) else str(items[i])
                plain = re.sub(r"\$[^$]*\$", lambda m: "x" * max(1, len(m.group()) // 2), text)
                total += 5.2 * scale * len(re.sub(r"\\[A-Za-z]+|[{}\\]", "x", plain))
                i += 1
                if item == r"\operatorname":
                    total += 1.7 * scale
            continue
        if item == r"\hspace":
            if i < len(items):
                m = re.match(r"\{\*?([\d.]+)(em|pt|ex)\}", str(items[i]))
                if m:
                    total += float(m.group(1)) * {"em": 10, "pt": 1, "ex": 4.3}[m.group(2)]
                i += 1
            continue
        total += _token_width(item) * scale
    return total


def _token_width(tok: str) -> float:
    if tok.isspace() or tok in ("&", r"\\", "}", "{", r"\displaystyle", r"\limits", r"\nolimits"):
        return 0.0
    if tok in _SPACES:
        return _SPACES[tok]
    if tok in _RELATIONS:
        return 8.0 + 5.6 if len(tok) < 4 else 10.0 + 5.6
    if tok in _BINARY:
        return 7.8 + 4.4
    if tok.startswith("\\"):
        name = tok[1:]
        if name in _FUNCTIONS:
            return 5.0 * len(name) + 1.7
        if name in ("left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr"):
            return 0.0
        if name in ("partial", "nabla", "infty", "sum", "prod", "int"):
            return 8.0
        return 6.5 if len(name) > 1 else 4.0
    if tok in ",;":
        return 4.5
    if tok in "()[]|.':!/":
        return 3.9
    if tok.isdigit():
        return 5.0
    if tok.isalpha():
        if not tok.isascii():
            return 10.0  # a Korean syllable is a full em
        return 8.0 if tok.isupper() else 5.8
    return 7.0


def _group_width(group: Group, scale: float) -> float:
    known = group.widths.get(scale)
    if known is None:
        known = group.widths[scale] = _measure_group(group, scale)
    return known


def _measure_group(group: Group, scale: float) -> float:
    if group.kind == "brace":
        return width(group.items, scale)
    if group.kind == "lr":
        # a tall content takes tall (and wide) delimiters
        inner = width(group.items, scale)
        tall = any(isinstance(x, Group) and x.kind == "env" for x in group.items) or any(
            x in (r"\frac", r"\dfrac") for x in group.items)
        return inner + (9.0 if tall else 4.5) * scale * (0 if group.open == r"\left." else 1) + (
            9.0 if tall else 4.5) * scale * (0 if group.close == r"\right." else 1)
    rows = _rows(group.items)
    name = group.name
    if name in _MATRICES or name.startswith("array"):
        ncols = max((len(r) for r in rows), default=0)
        cols = [max((width(r[c], scale) if c < len(r) else 0) for r in rows) for c in range(ncols)]
        return sum(cols) + 12.0 * scale * max(ncols - 1, 0) + 12.0 * scale
    return max((sum(width(cell, scale) for cell in row) for row in rows), default=0.0)


def _rows(items: list) -> list[list[list]]:
    """An environment's top-level items as rows (split at \\\\) of cells (split at &)."""
    rows: list[list[list]] = [[[]]]
    for item in items:
        if item == r"\\":
            rows.append([[]])
        elif item == "&":
            rows[-1].append([])
        else:
            rows[-1][-1].append(item)
    return rows


# --- breaking


def _pieces(items: list) -> list[tuple[str, list]]:
    """The items split before each top-level relation or binary sign (a sign that starts the formula
    or follows another sign is unary, and stays with its operand): [(sign, operand items), …]."""
    pieces: list[tuple[str, list]] = [("", [])]
    last = None  # the last significant item
    for item in items:
        is_op = isinstance(item, str) and (item in _RELATIONS or item in _BINARY)
        if is_op and last is not None and not (isinstance(last, str) and (last in _RELATIONS or last in _BINARY)):
            pieces.append((item, []))
        else:
            pieces[-1][1].append(item)
        if not (isinstance(item, str) and item.isspace()):
            last = item
    return pieces


def _join(sign: str, items: list) -> str:
    body = "".join(map(str, items)).strip()
    return f"{sign} {body}" if sign else body


# A continuation line starts \qquad (20 pt) further right than the line it continues.
_CONTINUED = 20.0


def _stack(items: list, first: float, rest: float, resort: int = 0) -> list[str]:
    """`items` as lines, broken before top-level signs: the first line at most `first` points wide,
    the others (to be indented) `rest`; a piece too wide for a line of its own has its widest group
    stacked (see `shrink`). With `resort`, a piece that this leaves too wide is laid out by the last
    resorts (see `_resort`)."""
    return _layout(items, first, rest, resort)[0]


def _layout(items: list, first: float, rest: float, resort: int = 0, beside: bool = False) -> tuple[list[str], bool]:
    """`_stack`'s lines, and whether the first piece, stacked the ways of old, was wider than `first`.
    The last resorts touch only a piece the ways of old leave too wide, so a formula whose every line
    fits comes out as before (and is laid out once: a second pass for the few that do not made a
    deep derivation's LaTeX twice as slow)."""
    lines: list[str] = []
    current, current_width, overran = "", 0.0, False
    # (sign, operand, soft, resort): a soft sign is written only where its piece starts a line, as a
    # broken product's \cdot is; beside the factor before it the factors are juxtaposed, as they were.
    queue = [(sign, operand, False, resort) for sign, operand in _pieces(items)]
    while queue:
        sign, operand, soft, resort = queue.pop(0)
        room = first if not lines and not current else rest
        # A piece's width is its sign's and its operand's: the items are measured as parsed (their
        # groups remember their widths), not parsed again from the joined text.
        sign_width = width([sign]) if sign else 0.0
        piece_width = sign_width + width(operand)
        if piece_width > room:
            shrunk = _shrink(operand, room - sign_width)[0]
            if resort and sign_width + width(shrunk) > room:
                if not (lines or current):
                    if beside:  # it goes below the left side, where the ways of old have the room
                        return [_join(sign, shrunk)], True
                    overran = True
                factors = _factors(operand)
                hopeful = _hopeful(shrunk, factors, rest)
                if hopeful and len(factors) > 1:
                    queue[:0] = [(sign, factors[0], soft, resort - 1),
                                 *((r"\cdot", f, True, resort - 1) for f in factors[1:])]
                    continue
                if hopeful:
                    shrunk = _shrink(operand, room - sign_width, resort)[0]
            operand = shrunk
            piece_width = sign_width + width(operand)
        beside = piece_width - sign_width if soft else piece_width
        # Widths add up piece by piece (each piece starts at a sign, so nothing in one binds to the
        # other): measuring the whole line again for every piece made a long sum quadratic.
        if current and current_width + beside > (rest if lines else first):
            lines.append(current)
            current, current_width = _join(sign, operand), piece_width
        elif current:
            current = f"{current} {_join('' if soft else sign, operand)}"
            current_width += beside
        else:
            current, current_width = _join(sign, operand), piece_width
    if current:
        lines.append(current)
    return lines, overran


def _hopeful(shrunk: list, factors: list[list], room: float) -> bool:
    """Whether the last resorts may bring a piece that stacking leaves too wide (`shrunk`) into lines
    of `room`: when it (a product: its widest factor, as stacked) is less than three lines wide. One
    wider still is nested too deep for the breaks they make (x·sin(x + x·sin(…)) thirty deep), and
    trying cost a deep derivation's LaTeX half again the time."""
    if len(factors) > 1:
        return max(width(f) for f in _factors(shrunk)) <= 3 * room
    return width(shrunk) <= 3 * room


def _factors(items: list) -> list[list]:
    """A product's items split between its factors: at top-level spaces between an item that ends a
    factor (a group, a letter or digit, a symbol) and one that starts the next (not an exponent or a
    subscript); a space after a function name or sign joins, not separates."""
    factors: list[list] = [[]]
    last = None  # the last significant item
    pending: list = []  # spaces since it
    for item in items:
        if isinstance(item, str) and item.isspace():
            pending.append(item)
            continue
        if pending and last is not None and _ends_factor(last) and _starts_factor(item):
            factors.append([])
        else:
            factors[-1] += pending
        pending = []
        factors[-1].append(item)
        last = item
    factors[-1] += pending
    return factors


_TAKES_ARGUMENT = {r"\frac", r"\dfrac", r"\tfrac", r"\binom", r"\sqrt", r"\left", r"\right", r"\hspace",
                   r"\begin", r"\end", r"\partial", r"\nabla", r"\sum", r"\prod", r"\int", r"\lim",
                   r"\displaystyle", r"\limits", r"\nolimits", *_TEXTUAL}


def _ends_factor(item) -> bool:
    if isinstance(item, Group):
        return True
    if item in _RELATIONS or item in _BINARY or item in ("^", "_", "(", "[", "&", r"\\"):
        return False
    if item.startswith("\\"):
        return item not in _TAKES_ARGUMENT and item[1:] not in _FUNCTIONS and item not in _SPACES
    return True


def _starts_factor(item) -> bool:
    return isinstance(item, Group) or not (item in _RELATIONS or item in _BINARY or item in
                                           ("^", "_", "'", "!", ")", "]", "&", r"\\") or item in _SPACES)


# How many products, one inside another, a line may break between factors (the last resort, see
# `_resort`). Each level tries the ways of old first, so every level more costs a formula no layout
# fits (x·sin(x + x·sin(…)) thirty deep) another pass; three bring products of sums nested three deep
# (up to three lines wide) to the page.
_RESORTS = 3


def shrink(items: list, budget: float) -> list:
    """`items` with their widest parenthesis, fraction part or root stacked into lines, repeatedly,
    until they fit `budget` or nothing more can be stacked; as a last resort, with a product broken
    between its factors."""
    return _resort(items, budget)[0]


def _resort(items: list, budget: float) -> tuple[list, bool]:
    """`items` shrunk as ever when that fits `budget` (a formula that fits is laid out as before), else
    with the last resorts too: a product too wide for the room, which has no sign to break before, is
    broken between its factors. Tried from the outside in, so the outermost product that is too wide
    is the one broken, and what it holds gets a whole line's room (stacking ever deeper inside it left
    each level less room, to the last single letter)."""
    shrunk, changed = _shrink(items, budget)
    if width(shrunk) <= budget:
        return shrunk, changed
    return _shrink(items, budget, _RESORTS)


def _shrink(items: list, budget: float, resort: int = 0) -> tuple[list, bool]:
    """`shrink`, and whether it changed anything (comparing the texts made a deep formula quadratic);
    with `resort`, a group's content is broken between its factors when it has no sign to break at."""
    items, changed = list(items), False
    for _ in range(8):
        total = width(items)
        if total <= budget:
            break
        target = _widest_group(items)
        if target is None:
            break
        holder, index, group = target
        room = budget - (total - width([group]))
        inner = group.items
        signs = len(_pieces(inner)) > 1
        stackable = group.kind != "env" and width(inner) > room
        lines = _stack(inner, room - 12.0, room - 12.0 - _CONTINUED, resort) if stackable and (
            signs or (resort and len(_factors(inner)) > 1)) else []
        if len(lines) > 1:
            body = r"\begin{aligned}&" + r"\\&\qquad ".join(lines) + r"\end{aligned}"
            holder[index] = Group(group.open, parse(body), group.close, group.name)
            changed = True
            continue
        if resort and len(lines) == 1 and width(parse(lines[0])) < width(inner):
            # its pieces, stacked inside, came to fit beside one another: narrower, if on one line
            holder[index] = Group(group.open, parse(lines[0]), group.close, group.name)
            changed = True
            continue
        if stackable and signs:
            break
        # nothing to stack here (or a product the last resorts leave whole): try inside it (a fraction's
        # numerator within the parenthesis …)
        inner_shrunk, inner_changed = _shrink(inner, room, resort)
        if not inner_changed:
            break
        holder[index] = Group(group.open, inner_shrunk, group.close, group.name)
        changed = True
    return items, changed


def _widest_group(items: list):
    best = None
    for index, item in enumerate(items):
        if isinstance(item, Group):
            w = width([item])
            if best is None or w > best[0]:
                best = (w, items, index, item)
    return None if best is None else best[1:]


def fit_rows(lhs: str, rhs: str, budget: float = LINE_WIDTH, lead: str = "", aligned: bool = False) -> list[str]:
    """`lhs = rhs` as the rows of an align*, one row when it fits in `budget` points (besides `lead`,
    the row's indentation), else broken before top-level signs of `rhs` with the later rows indented.
    Rows start with & and `lead`. With `aligned`, the first row is `lhs &= …`, aligned at its = sign
    with its neighbours, and `budget` is the room right of the alignment point."""
    if aligned:
        head, first = "= ", (lambda body: f"{lhs} &= {body}")
    else:
        head = f"{lhs} = " if lhs else ""
        first = lambda body: f"&{lead}{head}{body}"  # noqa: E731
    if width(head + rhs) <= budget:
        return [first(rhs)]
    items = parse(rhs)
    rest = budget - _CONTINUED
    lines, overran = _layout(items, budget - width(head), rest, _RESORTS, beside=True)
    if overran or width(lines[0]) > budget - width(head):  # not even the first piece beside the left side
        lines = _stack(items, rest, rest, _RESORTS)
        return [f"{lhs} &=" if aligned else f"&{lead}{head.rstrip()}", *(rf"&{lead}\qquad {line}" for line in lines)]
    return [first(lines[0]), *(rf"&{lead}\qquad {line}" for line in lines[1:])]


def fit(tex: str, budget: float = LINE_WIDTH) -> str:
    """One formula made to fit `budget` points: unchanged when it fits, else its top level broken
    into an `aligned` block (for display or inline use)."""
    if width(tex) <= budget:
        return tex
    items = parse(tex)
    lines = _stack(items, budget, budget - _CONTINUED, _RESORTS)
    if len(lines) < 2:
        return "".join(map(str, shrink(items, budget)))
    return r"\begin{aligned}&" + r"\\&\qquad ".join(lines) + r"\end{aligned}"
