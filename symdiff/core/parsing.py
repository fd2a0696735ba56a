"""What the two parsers share: tokens, a cursor over them, errors placed at a column, the nesting limit.

The scalar grammar (`symdiff.scalar.parsing`) and the matrix grammar (`symdiff.matrix.parse`) differ and
stay two parsers. Both read the text as tokens that end in an end token, place every error at a
1-based column of the text (where `caret_lines` puts the caret), and refuse text nested deeper than
their `Limits.max_depth`.
"""

from __future__ import annotations

import keyword
import unicodedata
import re
from dataclasses import dataclass
from typing import ClassVar

from .errors import LimitError, ParseError, Words
from .limits import Limits


# Names SymPy's reader (sympify, parse_expr) cannot take back as a symbol even from its `locals`:
# Python's keywords (lambda), and the names of the code it writes around what it reads (Integer(2)
# for each number, Symbol('x') and Function('sigmoid') for a name it does not know). JSON writes such
# a variable with an underscore after it (lambda_), a name a variable is never given (a typed name
# may not end in _), so it cannot collide with another; the record's `symbols` maps it back, and
# the parser reads it back as the name it stands for, so JSON's strings still read back in symdiff.
SYMPY_RESERVED = frozenset(keyword.kwlist) | {"Symbol", "Function", "Integer", "Float", "Rational", "Number"}


def sympy_name(name: str) -> str:
    """`name` as JSON's SymPy syntax writes a variable of that name."""
    return name + "_" if name in SYMPY_RESERVED else name


def json_name(name: str) -> str:
    """The variable a name in JSON's SymPy syntax stands for (`sympy_name` undone): lambda_ is lambda."""
    return name[:-1] if name.endswith("_") and name[:-1] in SYMPY_RESERVED else name


class UnknownFunction(ParseError):
    """A call of a function the grammar does not know."""

    type = "unknown_function"


class InputDomainError(ParseError):
    """The text itself asks for a value that is not defined: a division by 0, log(0), a root of a
    negative number (reported at its column, like a syntax error)."""

    type = "domain"


def char_name(ch: str) -> str:
    """The Unicode name of a character, for messages about one that does not belong."""
    return unicodedata.name(ch, f"U+{ord(ch):04X}")


# Where Python's str.splitlines ends a line besides \n and \r: vertical tab, form feed, the file,
# group and record separators, NEL, and the line and paragraph separators. A batch ends its lines
# only at \n and \r (universal newlines, as a file is counted and numbered), so inside an expression
# these are refused by name: read as spaces, x^2<U+2028>sin(x) was the product x²·sin(x), one line
# where a writer saw two.
LINE_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Their names in Unicode's alias table, as unicodedata gives none for a control character.
_CONTROL_NAMES = {"\x0b": "LINE TABULATION", "\x0c": "FORM FEED", "\x1c": "FILE SEPARATOR",
                  "\x1d": "GROUP SEPARATOR", "\x1e": "RECORD SEPARATOR", "\x85": "NEXT LINE"}


# What both grammars read as a space: every Unicode space but the line breaks above.
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in LINE_BREAKS)


def trimmed(text: str) -> str:
    """text without the spaces around it, as the grammars would skip them. A line break character
    stays, so a batch line holding one is refused by name at its column, never read as blank (or as
    a comment, or with the character dropped), as it would be after str.strip()."""
    return text.strip(_SPACES)


def unexpected_character(ch: str) -> str:
    """The message for a character neither grammar reads: its Unicode name where the glyph alone
    does not say what it is (outside ASCII, or not printable), and what to do about a combining mark,
    which a terminal draws on the character before it (x + U+0301 shows as x́)."""
    if "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8, as the command line's arguments keep it
        return Words("error.character.not_utf8", byte=f"{ord(ch) - 0xDC00:02X}")
    if unicodedata.category(ch).startswith("M"):
        return Words("error.combining", code=f"{ord(ch):04X}", name=char_name(ch))
    if ch in LINE_BREAKS:
        name = unicodedata.name(ch, "") or _CONTROL_NAMES[ch]
        return Words("error.character.line_break", code=f"{ord(ch):04X}", name=" " + name if name else "")
    if ch.isascii() and ch.isprintable():
        return Words("error.character", ch=ch)
    shown = f"'{ch}' " if ch.isprintable() else ""
    name = unicodedata.name(ch, "")  # a control character has none: its code point alone
    return Words("error.character.named", shown=shown, code=f"{ord(ch):04X}", name=" " + name if name else "")


@dataclass(frozen=True)
class Token:
    """One token: its kind and its canonical text. Each grammar's token also knows its `column`."""

    kind: str
    value: str


class Reader:
    """A parser's cursor over the tokens of `text`, with the depth of nesting so far."""

    # The error catalogue's key for the nesting limit's error, with {limit}.
    too_deep: ClassVar[str] = "error.limit.depth"

    def __init__(self, text: str, tokens: list, limits: Limits):
        self.text = text
        self.tokens = tokens
        self.limits = limits
        self.pos = 0
        self.depth = 0

    def peek(self):
        return self.tokens[self.pos]

    def advance(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def error(self, message: str, column: int, type: type = ParseError) -> ParseError:
        return type(message, column)

    def nest(self) -> None:
        """One level deeper (parentheses, an argument, a sign): past the limit, a `limit` error at the
        next token. The grammar steps back out with `self.depth -= 1`."""
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise LimitError(Words(self.too_deep, limit=self.limits.max_depth), self.peek().column)


_PARENTHESES = re.compile(r"[()]")
_SPACE = re.compile(r"\s*")


def refuse_deep_parentheses(text: str, limits: Limits, too_deep: str = Reader.too_deep) -> None:
    """The nesting limit, checked on the parentheses before any token is made: 2,000,000 characters
    of `((((` would otherwise be 2,000,000 tokens (seconds and hundreds of MiB) before the parser's
    own check fires at level 101. Each parenthesis is a level the parser counts too, so this refuses
    nothing the parser would read; the column is where the parser would put it (the token after the
    parenthesis one past the limit)."""
    if text.count("(") <= limits.max_depth:
        return
    depth = 0
    for match in _PARENTHESES.finditer(text):
        if match.group() == "(":
            depth += 1
            if depth > limits.max_depth:
                raise LimitError(Words(too_deep, limit=limits.max_depth), _SPACE.match(text, match.end()).end() + 1)
        elif depth:  # a stray ')' is the parser's to report
            depth -= 1


def keys_once(twice):
    """A `json.loads` object_pairs_hook that refuses a key given twice: JSON keeps the last of two
    silently, so a second "expr" (or "W1") would replace what a reader of the text sees first.
    `twice(key)` is the exception raised."""
    def hook(pairs: list) -> dict:
        out: dict = {}
        for key, value in pairs:
            if key in out:
                raise twice(key)
            out[key] = value
        return out

    return hook



def closest_name(name: str, known) -> str:
    """The name in `known` that `name` most likely misspells, or "" when none is close: the same
    letters in another case (Sin), a close match by difflib's ratio (sigmiod), or one slip of a
    finger (sni, cso, exq: a short name has too few letters for a ratio; two-letter names are too
    many words' neighbours for any slip but a swap, nl for ln)."""
    import difflib

    ordered = sorted(known, key=lambda f: (not f.islower(), f))  # abs over Abs: the lower-case spelling
    lower = {}
    for f in ordered:
        lower.setdefault(f.lower(), f)
    if name.lower() in lower:
        return lower[name.lower()]
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    if close:
        return close[0]
    slips = [f for f in ordered if _one_slip(name.lower(), f.lower(), swaps_only=len(name) < 3)]
    return slips[0] if slips else ""


def _one_slip(typed: str, known: str, swaps_only: bool) -> bool:
    """Whether `typed` is `known` with two neighbouring letters swapped or (unless `swaps_only`) one
    letter added, dropped or changed."""
    if typed == known:
        return False
    if len(typed) == len(known):
        wrong = [i for i, (a, b) in enumerate(zip(typed, known)) if a != b]
        if len(wrong) == 2 and wrong[1] == wrong[0] + 1 and typed[wrong[0]] == known[wrong[1]] \
                and typed[wrong[1]] == known[wrong[0]]:
            return True
        return not swaps_only and len(wrong) == 1
    if swaps_only or abs(len(typed) - len(known)) != 1:
        return False
    longer, shorter = (typed, known) if len(typed) > len(known) else (known, typed)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))
