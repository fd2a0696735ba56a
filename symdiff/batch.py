"""Batches: reading expressions one per line, and turning each into a result or an error without
letting one line stop the others."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, TextIO

from .errors import SymdiffError

# An input echoed back in a report (JSON `input`) is cut to this many characters.
ECHO_LIMIT = 1_000


@dataclass
class Outcome:
    """What became of one input: a result or an error, never both."""

    line: int | None
    text: str | None
    result: Any = None
    error: SymdiffError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def echo(self) -> str | None:
        if self.text is None or len(self.text) <= ECHO_LIMIT:
            return self.text
        return self.text[:ECHO_LIMIT] + f"… ({len(self.text)} characters)"


def iter_lines(stream: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line that holds an expression: blank and `#` lines are skipped,
    but still counted, so numbers match the file."""
    for number, raw in enumerate(stream, 1):
        text = raw.strip()
        if text and not text.startswith("#"):
            yield number, text


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
        from .workers import out_of_memory_message, ran_out_of_memory

        if ran_out_of_memory(exc):
            return Outcome(line, text, error=SymdiffError(out_of_memory_message(), type="limit"))
        return Outcome(line, text, error=SymdiffError(f"internal error: {type(exc).__name__}: {exc}",
                                                      type="internal"))


def open_source(path: str) -> TextIO:
    """`-` is standard input; anything else a file, read as UTF-8."""
    # Undecodable bytes become U+FFFD, which the parser refuses with a column: one bad byte costs
    # one line, not the batch.
    if path == "-":
        stdin = sys.stdin
        if hasattr(stdin, "reconfigure"):
            try:
                stdin.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass
        return stdin
    return open(path, encoding="utf-8", errors="replace")
