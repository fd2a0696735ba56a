"""The errors symdiff reports, each with a contract error type.

Kept free of SymPy so the CLI can name and print errors without paying for the import.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

# The error types (docs/reference.md); graders match on these strings.
ERROR_TYPES = (
    "syntax",
    "unknown_function",
    "unsupported",
    "limit",
    "timeout",
    "domain",
    "internal",
)


# Who is reading an error: a Python caller, who wrote `at="x=1"`, or a person at the command line,
# who wrote `--at x=1`. An error names the spelling its reader used; the command line sets "cli"
# while a command runs (its worker processes are forked from it and inherit that).
SURFACE = ContextVar("symdiff_surface", default="api")


def spelled(option: str, argument: str) -> str:
    """`option` (--at x=1,y=2) at the command line, `argument` (at="x=1,y=2") in the Python API."""
    return option if SURFACE.get() == "cli" else argument


class Words(str):
    """An error message from the error catalogue (`symdiff.core.error_words`): the English text, as
    JSON and Python callers read it, that also knows its key and values, so a human view can say it
    in the language asked for (`localized`). A value may itself be `Words` (a reason inside a reason)."""

    key: str
    values: dict

    def __new__(cls, key: str, **values):
        from .error_words import EN

        self = super().__new__(cls, EN[key].format(**values))
        self.key, self.values = key, values
        return self

    def __reduce__(self):  # across worker processes, with its key and values
        return _words, (self.key, self.values)


def _words(key: str, values: dict) -> Words:
    return Words(key, **values)


def localized(text: str, lang: str | None = None) -> str:
    """An error message in `lang` (default: the current language of `symdiff.core.messages`): a
    catalogue message in that language's words, any other text as it is."""
    from .language import LANGUAGE

    lang = lang or LANGUAGE.get()
    if not isinstance(text, Words) or lang == "en":
        return str(text)
    from .messages import message  # SymPy's import, paid only for a language other than English

    values = {k: localized(v, lang) if isinstance(v, Words) else v for k, v in text.values.items()}
    return message(text.key, lang=lang, **values)


class SymdiffError(Exception):
    """An error about one input: a contract type, a message, and (for input text) a 1-based column.
    `usage`: the command line needs fixing, not the input (exit 2). `notes`: what may explain the
    error (`symdiff.scalar.notes.Note`s: `xy` is one name), reported with it."""

    type = "internal"
    usage = False
    notes: tuple = ()

    def __init__(self, message: str, column: int | None = None, *, type: str | None = None):
        super().__init__(message)
        self.message = message
        self.column = column
        if type is not None:
            if type not in ERROR_TYPES:
                raise ValueError(f"unknown error type {type!r}")
            self.type = type

    def to_dict(self) -> dict:
        out: dict = {"type": self.type, "message": self.message}
        if self.column is not None:
            out["column"] = self.column
        return out

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.type!r}, {self.message!r}, column={self.column})"


class ParseError(SymdiffError):
    """The text could not be read as an expression."""

    type = "syntax"


class LimitError(ParseError):
    """The input is over one of the limits in `symdiff.core.limits`."""

    type = "limit"


class UnsupportedError(SymdiffError):
    """A well-formed input that symdiff does not handle: shapes that do not fit, a derivative with no
    form symdiff can show."""

    type = "unsupported"


class DomainError(SymdiffError):
    """A value was asked for where the function is not defined (or not real), or not given."""

    type = "domain"


class UsageError(SymdiffError):
    """An input that the command line does not fit: a variable to differentiate by, a --var or a
    point that the expression does not have, or a value it needs that the command line does not
    give. The command line needs fixing (exit 2; in a batch, after every line)."""

    type = "syntax"
    usage = True


class MissingValue(DomainError):
    """A point (--at) without a value for a variable the expression has: a usage error."""

    usage = True


# Past this width an error report shows a window of the input around the column, not all of it:
# a megabyte line must not become a megabyte of stderr.
CARET_WINDOW = 100


# Characters of an input that would act on a terminal or a document instead of being shown: control
# characters (ESC starts a terminal's colour or cursor command; a bare CR ends a TeX comment line),
# line and paragraph separators, and the bidirectional overrides that reorder what a reader sees.
# Each is shown as one visible character (its Unicode control picture, ␛ ␍, or �), so that a caret
# under the input keeps its column. A whole output keeps its own newlines (`SHOWN`); an input echoed
# in a report shows its line breaks too (`ONE_LINE`: a JSON record's field can hold them, and echoed
# raw they would start lines of their own, a forged "line 2: … correct").
SHOWN = {**{c: 0x2400 + c for c in range(0x20) if c != 0x0A}, 0x7F: 0x2421,
         **{c: 0xFFFD for c in range(0x80, 0xA0)},
         **{c: 0xFFFD for c in (0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))},
         # the invisible ones (zero-width space and joiners, marks, the word joiner, a byte order mark):
         # echoed raw, a caret under one points at nothing
         **{c: 0xFFFD for c in (0x00AD, 0x180E, *range(0x200B, 0x2010), *range(0x2060, 0x2065), 0xFEFF)},
         # a lone surrogate: a byte that was not UTF-8 (surrogateescape) or half a character; written
         # out, it is that raw byte again, or an encoding error
         **{c: 0xFFFD for c in range(0xD800, 0xE000)}}
ONE_LINE = {**SHOWN, 0x0A: 0x2424, 0x85: 0x2424, 0x2028: 0x2424, 0x2029: 0x2424}
# Any lone surrogate: what a byte that is not UTF-8 is read as (surrogateescape), or half of a character
# (a JSON "\\udfff" escape). No UTF-8 text can hold one.
SURROGATE = re.compile("[\ud800-\udfff]")


def whole_characters(text: str) -> str:
    """`text` with each lone surrogate shown as U+FFFD, one character for one, so that a column still
    points where it did: as every output writes it (JSON lines, reports, the server's answers)."""
    return SURROGATE.sub("\ufffd", text) if SURROGATE.search(text) else text


def reason_words(exc: BaseException) -> Words:
    """Why a computation failed, in symdiff's words: Python's and SymPy's own texts ("too many
    digits in integer", "Exceeds the limit (4300 digits) for integer string conversion") name their
    internals, not what a reader can change."""
    text = str(exc)
    if isinstance(exc, ZeroDivisionError):
        return Words("error.reason.division")
    if isinstance(exc, (OverflowError, MemoryError)) or "digits" in text or "too large" in text:
        return Words("error.reason.too_large")
    if isinstance(exc, RecursionError):
        return Words("error.reason.nested")
    return Words("error.reason.other")


def os_reason(exc: BaseException) -> str:
    """Why an input or output stream failed: a known system error in symdiff's words (so in the
    language asked for), any other as the system says it."""
    import errno

    known = {errno.ENOSPC: "full", errno.ENOENT: "missing", errno.EACCES: "denied", errno.EPERM: "denied",
             errno.EISDIR: "directory", errno.EPIPE: "broken"}
    key = known.get(getattr(exc, "errno", None))
    if key is not None:
        return Words(f"error.reason.os.{key}")
    return getattr(exc, "strerror", None) or str(exc)


def one_line(text: str) -> str:
    """`text` (an input echoed in a report) on one line, every character that would act shown."""
    return text.translate(ONE_LINE)


def caret_lines(text: str, column: int | None) -> list[str]:
    """The input and a caret under `column` (1-based), for human error reports."""
    shown = text.replace("\t", " ").translate(ONE_LINE)
    col = None if column is None else max(1, min(column, len(shown) + 1))
    if len(shown) > CARET_WINDOW:
        start = 0 if col is None else max(0, col - 1 - CARET_WINDOW // 2)
        end = start + CARET_WINDOW
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(shown) else ""
        shown = prefix + shown[start:end] + suffix
        if col is not None:
            col = col - start + len(prefix)
    if col is None:
        return [f"  {shown}"]
    return [f"  {shown}", "  " + " " * (col - 1) + "^"]


class InputTypeError(SymdiffError, TypeError):
    """An argument of the wrong Python type (a list where a point was expected, None for a variable):
    a `TypeError` for Python callers, and a `syntax` error in a JSON record."""

    type = "syntax"
