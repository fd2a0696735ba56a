"""Batches: reading expressions one per line, and turning each into a result or an error without
letting one line stop the others."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, TextIO

from ..core.errors import SymdiffError, Words, os_reason, whole_characters
from ..core.limits import DEFAULT_LIMITS
from ..core.parsing import trimmed

# An input echoed back in a report (JSON `input`) is cut to this many characters.
ECHO_LIMIT = 1_000


class Arguments(str):
    """An input symdiff made of the command line's arguments (check's EXPR VAR ANSWER as a JSON
    record): JSON keeps it as `input`, but a human error does not echo it, as nobody typed it."""


@dataclass
class Outcome:
    """What became of one input: a result or an error, never both."""

    line: int | None
    text: str | None
    result: Any = None
    error: SymdiffError | None = None
    length: int | None = None  # the input's length, when `text` is only its start (an over-long line)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def typed(self) -> str | None:
        """The input as a human error echoes it: what was typed, not a record symdiff made."""
        return None if isinstance(self.text, Arguments) else self.echo

    @property
    def recorded(self) -> str | None:
        """The input as a JSON record gives it: whole up to the length of an expression, so a grader
        can join the record to its line (a failing 1400-character line was cut at 1000); an input over
        that limit, refused for its length, is its start and length."""
        text = self.text
        if self.length is None and (text is None or len(text) <= DEFAULT_LIMITS.max_length):
            return text
        return self.echo

    @property
    def echo(self) -> str | None:
        length = len(self.text or "") if self.length is None else self.length
        if self.text is None or length <= ECHO_LIMIT:
            return self.text
        return self.text[:ECHO_LIMIT] + f"… ({length} characters)"


@dataclass(frozen=True)
class Overlong:
    """A line over the length limit, read past without being kept: its first characters (for the
    report) and its length."""

    head: str
    length: int
    limit: int
    ended: bool = True  # False: reading stopped inside it, so `length` is only a lower bound

    def error(self) -> SymdiffError:
        key = "error.line.overlong" if self.ended else "error.line.overlong.more"
        return SymdiffError(Words(key, length=self.length, limit=self.limit), type="limit")


# What surrogateescape decodes a byte that is not UTF-8 to (open_source): U+DC80 … U+DCFF.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
# A line as a report echoes it: each lone surrogate (a byte that was not UTF-8) a U+FFFD.
shown = whole_characters


@dataclass(frozen=True)
class Undecodable:
    """A line holding bytes that are not UTF-8 (each kept as a surrogate by surrogateescape): reported
    in its place as a `syntax` error at the first such byte, so that one Latin-1 `é` costs its own
    line and no other. `text` is the line as read."""

    text: str

    @property
    def shown(self) -> str:
        """The line as a report echoes it: each undecodable byte a U+FFFD, the columns unchanged."""
        return shown(self.text)

    def error(self) -> SymdiffError:
        bad = _NOT_UTF8.search(self.text)  # made only for a text that holds one (`undecodable`)
        column = bad.start() + 1
        return SymdiffError(Words("error.batch.not_utf8", byte=f"{ord(bad.group()) - 0xDC00:02X}", column=column),
                            column, type="syntax")


def undecodable(text: str) -> bool:
    return _NOT_UTF8.search(text) is not None


# A UTF-16 byte-order mark (FF FE or FE FF) as surrogateescape reads it: two bytes that are not UTF-8.
UTF16_MARKS = ("\udcff\udcfe", "\udcfe\udcff")


class Lines:
    """The lines of a text stream as (line number, text), each read with a bound, so memory stays
    flat whatever the input: a line over `limit` characters becomes an `Overlong` and the rest of it
    is read past in chunks. A line that goes on past `skip_limit` characters with no line end (an
    endless stream such as /dev/zero) is reported once and ends the input; so does a read error.
    Either way `failure` then says why the input was not read to its end. A line's bytes that are not
    UTF-8 stay in its text as surrogates (see `Undecodable`): the line is reported, not the input."""

    CHUNK = 1 << 16

    def __init__(self, stream: TextIO, limit: int, skip_limit: int):
        self.stream, self.limit, self.skip_limit = stream, limit, skip_limit
        self.failure: str | None = None

    def __iter__(self) -> Iterator[tuple[int, str | Overlong]]:
        number = 0
        while True:
            # TextIOWrapper.readline(n) reads at most n characters: the bound that keeps a 400 MB
            # line from being held whole.
            raw = self._read(self.limit + 1)
            if not raw:
                return
            number += 1
            if number == 1 and raw.startswith(UTF16_MARKS):
                # a UTF-16 file (Windows Notepad's "Unicode"): every line would be NUL bytes and noise;
                # the whole input is unread, and why is said once
                self.failure = Words("error.stream.utf16")
                return
            if raw.endswith("\n") or len(raw) <= self.limit:
                yield number, raw
                continue
            length, ended = len(raw), False
            while not ended and length <= self.skip_limit:
                rest = self._read(self.CHUNK)
                ended = not rest or rest.endswith("\n")
                length += len(rest) - rest.endswith("\n")
            yield number, Overlong(shown(raw[:ECHO_LIMIT]), length, self.limit, ended)
            if not ended:
                self.failure = Words("error.stream.endless", number=number, limit=self.skip_limit)
                return

    def _read(self, size: int) -> str:
        if self.failure is not None:
            return ""
        try:
            return self.stream.readline(size)
        except OSError as exc:  # the input went away mid-read: stop, and say so after the lines read
            self.failure = os_reason(exc)
            return ""


Unread = Overlong | Undecodable  # a line reported in its place, never worked on


def iter_lines(lines: Iterable[tuple[int, str | Overlong]]) -> Iterator[tuple[int, str | Unread]]:
    """(line number, text) for each line that holds an expression: blank and `#` lines are skipped,
    but still counted, so numbers match the file. An over-long line stays an `Overlong`; a line with
    bytes that are not UTF-8 becomes an `Undecodable` (a comment is skipped whatever its bytes)."""
    for number, raw in lines:
        if isinstance(raw, Overlong):
            yield number, raw
            continue
        text = trimmed(raw)
        if text and not text.startswith("#"):
            yield number, Undecodable(text) if undecodable(text) else text


class Refused(str):
    """A line's text that the reader could not turn into an input, with why (`problem`): it is
    reported in its place, with its line number, like any other input that fails."""

    problem: str
    column: int | None = None  # where in the line, if the reader knows (a byte that is not UTF-8)

    def __new__(cls, text: str, problem: str, column: int | None = None):
        out = super().__new__(cls, text)
        out.problem, out.column = problem, column
        return out

    def __reduce__(self):  # to a worker process and back, problem and column included
        return Refused, (str(self), self.problem, self.column)


ANSWER_COLUMNS = ("expr", "var", "answer")
_EXAMPLE_RECORD = '{"expr", "var", "answer"}'


def answer_records(lines: Iterable[tuple[int, str | Overlong]], field_limit: int
                   ) -> Iterator[tuple[int, str | Unread]]:
    """(line, JSON text) for each answer of `check --file`, every line processed or reported.

    The format is decided by the first line that is not blank, a `#` comment or a line reported in
    its place (over-long, or not UTF-8: it cannot be a header), and said in every
    error that depends on it: a line starting with `{` makes the input JSON Lines; a CSV header that
    names the columns expr, var and answer (in any order and case; other columns are ignored) makes
    it a CSV. A first line that is neither is reported, and the input is read as JSON Lines (so a
    CSV without its header gets an error on every line rather than losing its first row). In JSON
    Lines, a line that does not start with `{` is reported; in a CSV, a row whose number of fields
    differs from the header's (an unquoted comma in log(x, 2)) or whose quotes do not close."""
    import csv
    import json

    items = iter_lines(lines)
    first = None
    for number, text in items:
        if not isinstance(text, Unread):
            first = number, text
            break
        yield number, text
    if first is None:
        return
    number, text = first
    header = None if text.startswith("{") else _csv_header(text)
    if isinstance(header, str) or header is None:
        if isinstance(header, str):
            yield number, Refused(text, header)
        else:
            yield first
        for number, text in items:
            if not isinstance(text, Unread) and not text.startswith("{"):
                text = Refused(text, Words("error.batch.json_lines", example=_EXAMPLE_RECORD, line=first[0]))
            yield number, text
        return
    # The csv module refuses fields over 128 KiB; a line is already bounded by the caller's limit.
    csv.field_size_limit(max(csv.field_size_limit(), field_limit))
    for number, text in items:
        if not isinstance(text, Unread):
            try:
                fields = next(csv.reader([text], strict=True))
            except csv.Error as exc:
                yield number, Refused(text, Words("error.batch.csv_row", reason=str(exc)))
                continue
            if len(fields) != len(header):
                yield number, Refused(text, Words("error.batch.csv_fields", row_count=len(fields),
                                                  row_fields=_fields(len(fields)), header_count=len(header),
                                                  header_fields=_fields(len(header)), line=first[0]))
                continue
            text = json.dumps({name: field for name, field in zip(header, fields) if name in ANSWER_COLUMNS})
        yield number, text


def _fields(n: int) -> str:
    return "field" if n == 1 else "fields"


def _csv_header(text: str) -> list[str] | str:
    """The column names of a CSV header line (lowercased), or why it is not one."""
    import csv

    why = Words("error.batch.not_header", example=_EXAMPLE_RECORD)
    try:
        names = [name.strip().lower() for name in next(csv.reader([text], strict=True))]
    except csv.Error:
        return why
    missing = [c for c in ANSWER_COLUMNS if c not in names]
    if missing:
        return why
    twice = [c for c in ANSWER_COLUMNS if names.count(c) > 1]
    if twice:
        return Words("error.batch.header_twice", names=", ".join(twice))
    return names


def run_one(compute: Callable[[str], Any], text: str, line: int | None = None) -> Outcome:
    """compute(text) as an Outcome: every failure becomes an error with a contract type."""
    try:
        return Outcome(line, text, result=compute(text))
    except SymdiffError as exc:
        return Outcome(line, text, error=exc)
    except RecursionError:
        return Outcome(line, text, error=SymdiffError("the expression is nested too deeply to differentiate",
                                                      type="limit"))
    except Exception as exc:  # noqa: BLE001 - one line's bug must not end the batch
        from .workers import out_of_memory_message, ran_out_of_memory, too_many_digits

        if ran_out_of_memory(exc):
            return Outcome(line, text, error=SymdiffError(out_of_memory_message(), type="limit"))
        if (digits := too_many_digits(exc)) is not None:
            return Outcome(line, text, error=SymdiffError(digits, type="limit"))
        return Outcome(line, text, error=SymdiffError(f"internal error: {type(exc).__name__}: {exc}",
                                                      type="internal"))


class Unreadable(Exception):
    """The input cannot be read at all (standard input closed)."""


def open_source(path: str) -> TextIO:
    """`-` is standard input; anything else a file, read as UTF-8."""
    # Undecodable bytes are kept apart (surrogateescape), so that their line's error names the byte
    # and its column (`Undecodable`), rather than the parser refusing a U+FFFD it never saw. utf-8-sig
    # drops the byte-order mark that Excel and Notepad write first (and reads a file without one as
    # plain UTF-8).
    if path == "-":
        from .environment import current

        stdin = current().stdin
        if stdin is None:  # started with standard input closed (<&-)
            raise Unreadable(Words("error.reason.os.closed"))
        if hasattr(stdin, "reconfigure"):
            try:
                # newline=None: universal newlines, as open() reads a file, so a line that ends in a
                # bare CR (an old Mac CSV) is one line whether it comes from --file or a pipe
                stdin.reconfigure(encoding="utf-8-sig", errors="surrogateescape", newline=None)
            except (ValueError, OSError):
                pass
        return stdin
    return open(path, encoding="utf-8-sig", errors="surrogateescape")
