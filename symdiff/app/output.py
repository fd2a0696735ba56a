"""Output: the formats, where results go, and how one input becomes its rendered text.

Rendering happens in the worker processes (see `symdiff.app.workers`), so `render` returns strings; the
command line only writes them, in order.
"""

from __future__ import annotations

import os
import sys
from enum import Enum

from ..core.errors import SHOWN, Words, os_reason
from .environment import Environment, current


class Format(str, Enum):
    rich = "rich"
    text = "text"
    json = "json"
    latex = "latex"
    markdown = "markdown"
    html = "html"


# The formats each command writes: `--format` accepts these and no others, and its help lists them.
_PLAIN = (Format.rich, Format.text, Format.json)
COMMAND_FORMATS: dict[str, tuple[Format, ...]] = {
    **{command: tuple(Format) for command in ("partial", "grad", "hessian", "jacobian", "matrix", "backprop",
                                              "check", "implicit", "tangent", "descend", "practice")},
    "rules": (*_PLAIN, Format.markdown),  # a rule book is a note, as a derivation is
    "serve": (),  # writes no result: it serves every format over HTTP
}

_FORMAT_HELP = {
    Format.rich: "rich (a terminal's default)",
    Format.text: "text (the default when piped or NO_COLOR is set)",
    Format.json: "json (one JSON object per input line)",
    Format.latex: "latex (align* blocks)",
    Format.markdown: "markdown (for notes, with $…$ math)",
    Format.html: "html (a self-contained page with MathML)",
}


def visible(text: str) -> str:
    """`text` with every character that would act rather than show replaced by a visible one (see
    core.errors.SHOWN; the output's own newlines stay)."""
    return text.translate(SHOWN)


# The commands that read many inputs, one a line (--file, or - for standard input): their JSON is one
# object per input line; the others' is one object for the run.
READS_LINES = frozenset({"partial", "grad", "hessian", "jacobian", "check", "implicit", "tangent", "matrix"})


def format_help(command: str) -> str:
    """The help of `--format` for `command`: the formats it accepts, and only those."""
    names = [_FORMAT_HELP[f] for f in COMMAND_FORMATS[command]]
    if command not in READS_LINES:
        names = ["json (one JSON object)" if f is Format.json else name
                 for f, name in zip(COMMAND_FORMATS[command], names)]
    return ", ".join(names[:-1]) + " or " + names[-1] + "."



def stream_failure(message: str, env: Environment | None = None):
    """The exit for a stream that cannot be used (exit 4), its reason on one line of stderr."""
    import typer

    from .status import ExitStatus

    from ..core.errors import localized
    from ..core.language import LANGUAGE

    stderr = (env or current()).stderr
    if stderr is not None:
        # the catalogue's words in the run's language; English needs no catalogue (its words are the
        # message itself), so an English run's parent process never loads it
        said = f"error: {message}" if LANGUAGE.get() == "en" else f"{_label()}: {localized(message)}"
        try:
            said.encode(getattr(stderr, "encoding", None) or "utf-8")
        except (UnicodeEncodeError, LookupError):
            # a stream that cannot hold the language's letters (an ASCII terminal): English, which it can
            said = f"error: {message}"
        stderr.write(said + "\n")
        stderr.flush()
    return typer.Exit(ExitStatus.IO)


def _label() -> str:
    from ..core.messages import message

    return message("error")


def configure_streams() -> None:
    """Give stdout and stderr, when their encoding cannot hold Unicode math, an `errors=` handler
    that writes it in ASCII: everything written there (help screens too) then degrades to ASCII
    instead of failing. What has no ASCII spelling becomes ? on stdout (results never get that far:
    `Output.write` refuses them first) and a \\u escape on stderr."""
    from ..render.ascii import ESCAPE, REPLACE, holds_unicode

    for stream, errors in ((sys.stdout, REPLACE), (sys.stderr, ESCAPE)):
        if stream is not None and hasattr(stream, "reconfigure") and not holds_unicode(stream.encoding):
            stream.reconfigure(errors=errors)


# The narrowest console rich output is laid out for; a narrower terminal wraps its lines.
MIN_WIDTH = 40


class Output:
    """Where and how results go, in an Environment (the process's unless given): stdout for
    results, stderr for errors, and whether stdout is a terminal (which decides the default format
    and whether there is colour).

    Results are rendered in worker processes, to strings; `console_for(file)` gives them a Rich
    console that renders exactly as this process's stdout would. When stdout's encoding cannot
    hold Unicode math (`ascii`), JSON is written with \\u escapes, HTML with character references,
    rich as text, and every other format in ASCII math (see `symdiff.render.ascii`)."""

    def __init__(self, fmt: Format | str | None, lang: str = "en", command: str = "",
                 env: Environment | None = None):
        from ..render.ascii import holds_unicode

        if fmt is not None:  # a command's own choice of formats (see COMMAND_FORMATS), by value
            fmt = Format(getattr(fmt, "value", fmt))

        self.env = env = env or current()
        if env.stdout is None:  # started with stdout closed (>&-): fail before doing any work
            raise stream_failure(Words("error.stream.closed"), env)
        self.encoding = env.encoding
        self.ascii = not holds_unicode(self.encoding)
        self.lang = lang
        self.command = command
        self.no_color = env.no_color
        self.is_terminal = env.stdout_isatty
        # Results and errors on one screen: a failure the result already states is not repeated on
        # stderr (which is for whoever reads stdout somewhere else). One place for both (2>&1, one
        # capture) is one screen too: a diverging descent's message was read twice, one after the other.
        self.one_screen = (self.is_terminal and env.stderr_isatty) or env.one_destination
        if fmt is None:
            fmt = Format.rich if self.is_terminal and not self.no_color else Format.text
        if fmt is Format.rich and self.ascii:
            # Rich lays out boxes by the width of the Unicode it was given; spelled in ASCII
            # afterwards, lines would overrun them. Plain text has no layout to break.
            fmt = Format.text
        self.format = fmt
        self.width = None
        self.color_system = None
        if fmt is Format.rich:
            from rich.console import Console

            probe = Console(file=env.stdout, width=env.width, no_color=self.no_color,
                            force_terminal=self.is_terminal, color_system=env.color_system)
            # COLUMNS=0 (or 1–4) left Rich no room: every line was cut to nothing and the answer lost
            self.width, self.color_system = max(probe.width, MIN_WIDTH), probe.color_system
        self.progress = None

    def console_for(self, file):
        from rich.console import Console

        return Console(file=file, width=self.width, no_color=self.no_color, highlight=False, emoji=False,
                       markup=False, force_terminal=self.is_terminal,
                       color_system=self.color_system if self.is_terminal else None)

    def write(self, text: str) -> None:
        if self.format in (Format.text, Format.markdown, Format.latex):
            text = visible(text)  # Rich's own Text strips control codes; JSON and HTML escape them
        else:
            from .batch import shown

            text = shown(text)  # a byte of the input that was not UTF-8, as every format shows it: U+FFFD
        if self.ascii:
            text = self._encodable(text)
        try:
            self.env.stdout.write(text)
            self.env.stdout.flush()
        except BrokenPipeError:
            # The reader has gone (`symdiff ... | head -1`): it asked for no more, so this is not an
            # error to report. End quietly, with the status of a process ended by SIGPIPE, as `cat` does.
            import signal

            import typer

            _discard(self.env.stdout)
            raise typer.Exit(128 + getattr(signal, "SIGPIPE", 13)) from None
        except OSError as exc:  # full disk, closed stdout: nothing more can be written
            _discard(self.env.stdout)
            raise stream_failure(Words("error.stream.write", reason=os_reason(exc)), self.env) from None

    def _encodable(self, text: str) -> str:
        from ..render.ascii import ascii_math, can_encode

        if self.format is Format.html:
            return text.encode("ascii", "xmlcharrefreplace").decode("ascii")
        text = ascii_math(text)  # JSON is ASCII already: unchanged
        if not can_encode(text, self.encoding):
            import unicodedata

            bad = next(ch for ch in text if not can_encode(ch, self.encoding))
            raise stream_failure(Words("error.stream.encoding", encoding=self.encoding, char=repr(bad),
                                       name=unicodedata.name(bad, "a character")), self.env)
        return text

    def error(self, text: str) -> None:
        text = visible(text)
        if self.progress is not None:
            from rich.text import Text

            self.progress.console.print(Text(text.rstrip("\n")))
        else:
            self.env.stderr.write(text if text.endswith("\n") else text + "\n")
            self.env.stderr.flush()


def _discard(stdout) -> None:
    """Point stdout at the null device, so that the interpreter's last flush of what could not be
    written does not fail again (and print a second error) at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind stdout (a test's capture)
        pass


class Summary:
    """How a batch went: lines that succeeded, the failures by error type, the last input's error
    type, and whether any failure was the command line's (a usage error)."""

    def __init__(self, ok_label: str = "succeeded", lang: str = "en"):
        self.ok_label = ok_label
        self.lang = lang
        self.succeeded = 0
        self.failures: dict[str, int] = {}
        self.last: str | None = None
        self.usage = False

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def add(self, error_type: str | None, usage: bool = False) -> None:
        if error_type is None:
            self.succeeded += 1
        else:
            self.failures[error_type] = self.failures.get(error_type, 0) + 1
        self.last = error_type
        self.usage = self.usage or usage

    def _label(self, name: str) -> str:
        """A verdict in words; an error type in the summary's words for it (구문 오류 for syntax)."""
        from ..core.messages import EN, message

        return message(f"summary.{name}", lang=self.lang) if f"summary.{name}" in EN else self._kind(name)

    def _kind(self, kind: str) -> str:
        from ..core.messages import EN, message

        key = f"summary.kind.{kind}"
        return message(key, lang=self.lang) if key in EN else kind

    def text(self) -> str:
        from ..core.messages import message, plural

        total = self.succeeded + self.failed
        out = plural("summary", total, lang=self.lang, total=total, ok=self.succeeded,
                     label=self._label(self.ok_label))
        failures = sorted(self.failures.items(), key=lambda kv: -kv[1])
        if self.failed and self.ok_label != "succeeded":  # verdicts: right / wrong / unreadable
            out += "".join(message("summary.count", lang=self.lang, count=v, label=self._label(k))
                           for k, v in failures)
        elif self.failed:
            kinds = ", ".join(f"{self._kind(k)} {v}" for k, v in failures)
            out += message("summary.failed", lang=self.lang, count=self.failed, kinds=kinds)
        return out


class progress_bar:
    """A Rich progress bar on stderr for a batch, when stderr is a terminal and stdout is not (so
    the bar and the results do not fight over one screen). No thread: it is refreshed by hand, as
    worker processes are forked while it runs."""

    def __init__(self, out: Output, source: str | None):
        self.out, self.source = out, source
        self.progress = None

    def __enter__(self):
        env = self.out.env
        if self.source is None or not env.stderr_isatty or env.stdout_isatty:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from ..core.limits import DEFAULT_LIMITS
        from .batch import Lines, iter_lines, open_source

        total = None
        # Only a regular file is counted first: a pipe cannot be read twice, and a device such as
        # /dev/zero never ends. Bounded reading, as for the batch itself.
        if self.source != "-" and os.path.isfile(self.source):
            with open_source(self.source) as f:
                lines = Lines(f, DEFAULT_LIMITS.max_length, DEFAULT_LIMITS.max_skipped_line)
                total = sum(1 for _ in iter_lines(lines))
        self.progress = Progress(TextColumn("symdiff"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=Console(file=env.stderr), auto_refresh=False, transient=True,
                                 redirect_stdout=False, redirect_stderr=False)
        self.task = self.progress.add_task("lines", total=total)
        self.progress.start()
        self.out.progress = self.progress
        self.last = 0.0

        def advance():
            import time

            self.progress.advance(self.task)
            now = time.monotonic()
            if now - self.last > 0.1:
                self.progress.refresh()
                self.last = now

        return advance

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()
            self.out.progress = None
        return False


def render_failure(out: Output, line, text, error, length: int | None = None):
    from .batch import Outcome

    return render_input(out, None, line, text, True, Outcome(line, text, error=error, length=length))


def render_input(out: Output, compute, line, text, steps: bool, outcome=None, picture=None):
    """One input's output as strings (this runs in a worker process); with `picture(result)`, also
    what the parent process is to draw (see `symdiff.features.plot`)."""
    from ..core.errors import SymdiffError
    from ..core.messages import language
    from .batch import Outcome, run_one
    from .status import classify

    if outcome is None:
        outcome = run_one(compute, text, line)
    drawing = None
    if picture is not None and outcome.ok:
        try:
            drawing = picture(outcome.result)
        except SymdiffError as exc:  # this result cannot be drawn (three variables, no point)
            outcome = Outcome(line, text, error=exc)
    with language(out.lang):
        rendered = render_outcome(out, outcome, line, text, steps)
        classify(rendered, outcome, out.one_screen)
    rendered.picture = drawing
    return rendered


def render_outcome(out: Output, outcome, line, text, steps: bool):
    """One outcome (a result or an error) as the output's format writes it, with its notes; what
    counts as a failure is symdiff.app.status's to say."""
    # Each format imports its renderer only when used: a single answer's run pays for one of them.
    from ..render import carries_notes
    from ..render import text as render_text
    from .workers import Rendered

    rendered = Rendered(line, text)
    if not outcome.ok:
        rendered.stderr = render_text.render_error(outcome.typed, outcome.error, line=outcome.line) + "\n"
        if outcome.error.notes:  # what may explain the error (`xy` is one name)
            rendered.stderr += render_text.note_lines(outcome.error.notes, line=outcome.line)
        from ..render import json as render_json

        rendered.error = render_json.error_record(outcome.recorded, outcome.error, line=outcome.line)
        if out.format is Format.json:
            rendered.stdout = render_json.dumps(rendered.error, ascii=out.ascii) + "\n"
        elif out.command in VERDICT_RECORDS and out.format in VERDICT_RECORDS[out.command]:
            _unjudged_record(out, rendered, outcome)
        return rendered
    result = outcome.result
    rendered.stdout = _WRITERS[out.format](out, result, outcome.line, text, steps)
    if out.format is Format.html:
        from ..render.html import page_title

        rendered.title = page_title(result)
    notes = getattr(result, "warnings", None)
    # JSON carries them in the record. The human formats write them on stderr as well, one line each (the
    # contract: graders read them there), unless stderr is the screen the document with them is on.
    if notes and out.format is not Format.json \
            and not (out.one_screen and carries_notes(out.format.value, result, steps)):
        rendered.stderr = render_text.note_lines(notes, line=outcome.line)
    return rendered


# The commands whose human output has a record for every input line (check: a verdict on each answer),
# and the formats that write it: a line that could not be answered (out of time, out of memory) gets its
# record on stdout too, where a grader reads one verdict per answer, not only its error on stderr.
VERDICT_RECORDS = {"check": (Format.text, Format.rich, Format.markdown)}


def _unjudged_record(out: Output, rendered, outcome) -> None:
    """The stdout record of a line that failed (its error, as stderr says it); stderr keeps it only when
    it is not the screen stdout is on (said once there)."""
    from ..core.errors import localized
    from ..core.messages import message

    if out.format is Format.markdown:
        head = f"**{message('line', line=outcome.line)}**\n\n" if outcome.line is not None else ""
        rendered.stdout = f"{head}{localized(outcome.error.message)}\n\n"
    else:
        rendered.stdout = rendered.stderr + "\n"
    if out.one_screen:
        rendered.stderr = ""


def _json(out: Output, result, line, text, steps: bool) -> str:
    from ..render import json as render_json

    return render_json.dumps(render_json.record(result, steps=steps, line=line), ascii=out.ascii) + "\n"


def _latex(out: Output, result, line, text, steps: bool) -> str:
    from ..core.messages import message
    from ..render import latex as render_latex

    head = f"% {message('line', line=line)}: {text}\n" if line is not None else ""
    return head + render_latex.render(result, steps=steps) + "\n"


def _markdown(out: Output, result, line, text, steps: bool) -> str:
    from ..core.messages import message
    from ..render import markdown as render_markdown

    # A batch's results are told apart by their input lines, as in every human format.
    head = f"**{message('line', line=line)}**\n\n" if line is not None else ""
    return head + render_markdown.render(result, steps=steps) + "\n"


def _html(out: Output, result, line, text, steps: bool) -> str:
    from ..render import html as render_html

    return render_html.section(result, steps=steps, line=line)


def _text(out: Output, result, line, text, steps: bool) -> str:
    from ..render import is_bare
    from ..render import text as render_text

    return render_text.render(result, steps=steps, line=line) + ("\n" if is_bare(result, steps) else "\n\n")


def _rich(out: Output, result, line, text, steps: bool) -> str:
    import io

    from ..render import rich as render_rich

    buffer = io.StringIO()
    render_rich.render(result, out.console_for(buffer), steps=steps, line=line)
    return buffer.getvalue()


# How each format writes one result into a stream of them.
_WRITERS = {Format.json: _json, Format.latex: _latex, Format.markdown: _markdown, Format.html: _html,
            Format.text: _text, Format.rich: _rich}
