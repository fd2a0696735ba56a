"""Where a derivative holds is part of the answer: a student who saves stdout (`> notes.md`, a handout)
keeps it. Every human view writes each note of the JSON record into the document itself (the text and
Rich views after the result, Markdown, LaTeX and HTML before the derivation); stderr still carries them,
one line each (CONTRACT, "Additions for version 0.3"); where stdout and stderr are one place (a
terminal, 2>&1) a note is written once, in the document."""

from __future__ import annotations

import io
import json
import re

import pytest
from helpers import cli_args, invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_slots import _assert_clean

from symdiff import api
from symdiff.core.messages import language, message

LANGS = ["en", "ko"]
HUMAN = ["text", "rich", "markdown", "latex", "html"]
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WIDTH = "400"  # Rich wraps a note to the console: wide enough that no word of one is split (a cancelled
# factor's note names the part of f that divides and the derivative's formula)

# The kinds that say where the derivative holds (the mathematics of the answer, not of the input).
DOMAIN_KINDS = {"sign_undefined", "cancelled_factor", "positive_base", "zero_base"}

# --- inputs whose derivatives hold only somewhere: a kink, a cancelled factor, a base that must be positive,
# beside functions that restrict f's own domain (ln, √, 1/p, ∛), all of polynomials

coefficients = st.lists(st.integers(-3, 3), min_size=2, max_size=3).filter(lambda cs: any(cs[1:]))


def _polynomial(cs, var: str) -> str:
    terms = {0: "{c}", 1: "{c}*{v}"}
    return "(" + " + ".join(terms.get(k, "{c}*{v}^{k}").format(c=f"({c})" if c < 0 else c, v=var, k=k)
                            for k, c in enumerate(cs) if c) + ")"


@st.composite
def noted(draw, var: str = "x"):
    """An expression in `var` (and maybe y) whose derivative by `var` carries at least one domain note."""
    p = _polynomial(draw(coefficients), var)
    a = draw(st.integers(1, 3))
    kink = draw(st.sampled_from([f"abs({p})", f"abs({var} - {a})", f"abs({var})^3", f"{p}*abs({var})"]))
    cancelled = f"({var}^2 - {a * a})/({var} - {a})"
    power = draw(st.sampled_from([f"{var}^{var}", f"({var} + {a})^({var})"]))
    restricted = draw(st.sampled_from([f"ln({p})", f"sqrt({p})", f"1/{p}", f"{p}^(1/3)", p, f"sin({p})"]))
    one = draw(st.sampled_from([kink, cancelled, power]))
    op = draw(st.sampled_from(["+", "-", "*"]))
    return f"{one} {op} {restricted}" if draw(st.booleans()) else f"{restricted} {op} {one}"


@st.composite
def commands(draw):
    """A command line over a noted input: partial (with steps: a bare answer has no document), or grad."""
    if draw(st.booleans()):
        return ["partial", draw(noted("x")), "x"]
    return ["grad", f"{draw(noted('x'))} + {draw(noted('y'))}"]


def _api_result(args):
    return api.partial(args[1], args[2]) if args[0] == "partial" else api.gradient(args[1])


def _record(args, lang):
    result = invoke(*args, "--format", "json", "--lang", lang)
    assume(result.exit_code == 0)  # √(−x²) is real nowhere: a domain error, with no derivation to note
    return json.loads(result.stdout)


def _domain_notes(args, lang):
    """The record's notes (assumed to include a domain note) and the result's Note objects, in order."""
    warnings = _record(args, lang).get("warnings", [])
    assume(any(w["kind"] in DOMAIN_KINDS for w in warnings))
    with language(lang):
        notes = _api_result(args).warnings
    assert [n.kind for n in notes] == [w["kind"] for w in warnings]
    return warnings, notes


def _stderr_words(stderr: str, lang: str) -> list[str]:
    """The notes on stderr, one a line, each as its words (the contract's `note: …` lines)."""
    with language(lang):
        prefix = f"{message('note')}: "
    lines = stderr.splitlines()
    assert all(line.startswith(prefix) for line in lines), stderr
    return [line[len(prefix):] for line in lines]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _prose_and_math(note, fmt: str, lang: str) -> tuple[list[str], list[str]]:
    """The note's words in `lang` between its formulas (as a placeholder printer splits them) and its
    formulas typeset as `fmt` writes mathematics."""
    from symdiff.render import html as render_html
    from symdiff.render.notation import latex, unicode

    typeset = {"markdown": lambda e: f"${latex(e)}$", "latex": lambda e: f"${latex(e)}$", "html": render_html.math,
               "text": unicode, "rich": unicode}[fmt]
    formulas = []

    def printer(expr):
        formulas.append(typeset(expr))
        return "\x00"

    # a condition (x ≠ 0) is one formula where the documents typeset it; in Unicode two sides and a sign
    printer.typesets = fmt not in ("text", "rich")
    with language(lang):
        words = note.words(printer)
    # the first word may be capitalised as the sentence's start: compared from its second letter
    prose = [part.strip() for part in words.split("\x00")]
    prose = [part[1:] if n == 0 else part for n, part in enumerate(prose)]
    return [part for part in prose if len(part) > 3], formulas


def _readable(doc: str, fmt: str) -> str:
    import html

    return _squeezed(html.unescape(doc) if fmt == "html" else doc)


def _assert_notes_in(doc: str, fmt: str, lang: str, notes, stderr_words) -> None:
    if fmt in ("text", "rich"):
        # "Caution:" before a caveat on where the derivative holds, "Note:" before a remark (주의, 참고)
        with language(lang):
            labels = [message(key, capital=True) for key in ("note", "caution")]
        labels = [label[:1].upper() + label[1:] for label in labels]
        squeezed = _squeezed(doc)
        for words in stderr_words:
            # the same words as stderr's, as a sentence of the document: "Note: …", capital and full stop
            assert any(f"{label}: {words[:1].upper()}{words[1:]}" in squeezed or f"{label}: {words}" in squeezed
                       for label in labels), (words, doc)
        assert sum(squeezed.count(f"{label}: ") for label in labels) == len(notes), doc
    else:
        # Markdown: a quote opening with a bold "Caution." for a caveat, "Note." for a remark
        with language(lang):
            quoted = tuple(f"> **{message(key)}.** " for key in ("document.warning", "document.note"))
            bold = tuple(rf"\textbf{{{message(key, capital=True)}:}}" for key in ("caution", "note"))
        markers = {"markdown": quoted, "latex": bold, "html": ('<p class="note">',)}[fmt]
        assert sum(doc.count(marker) for marker in markers) == len(notes), doc
    readable = _readable(doc, fmt)
    for note in notes:
        prose, formulas = _prose_and_math(note, fmt, lang)
        for part in prose:
            assert _readable(part, fmt) in readable, (part, doc)
        for formula in formulas:
            assert _readable(formula, fmt) in readable, (formula, doc)


@pytest.mark.parametrize("fmt", HUMAN)
@SETTINGS
@given(args=commands(), lang=st.sampled_from(LANGS))
def test_every_domain_note_is_in_the_document_and_on_stderr(fmt, args, lang):
    warnings, notes = _domain_notes(args, lang)
    result = invoke(*args, "--format", fmt, "--lang", lang, width=WIDTH)
    assert result.exit_code == 0, result.output
    words = _stderr_words(result.stderr, lang)
    assert len(words) == len(warnings)  # the contract: each note on stderr, one line each
    _assert_notes_in(result.stdout, fmt, lang, notes, words)
    _assert_clean(fmt, result.stdout)  # no **, no Python caret, no Abs( in the notes either


def _together(args) -> tuple[int, str]:
    """The command line with stdout and stderr going to one place (a terminal's screen, 2>&1)."""
    from typer.testing import CliRunner

    from symdiff.app.cli import app
    from symdiff.app.environment import Environment, using

    both = io.StringIO()
    with using(Environment(stdout=both, stderr=both, width=int(WIDTH))):
        result = CliRunner().invoke(app, cli_args(args), catch_exceptions=False)
    return result.exit_code, both.getvalue()


@pytest.mark.parametrize("fmt", HUMAN)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(args=commands(), lang=st.sampled_from(LANGS))
def test_on_one_screen_a_note_is_written_once(fmt, args, lang):
    warnings, notes = _domain_notes(args, lang)
    status, said = _together([*args, "--format", fmt, "--lang", lang])
    assert status == 0, said
    readable = _readable(said, fmt)
    for note in notes:
        prose, _ = _prose_and_math(note, fmt, lang)
        longest = max(prose, key=len)
        # as often as the notes have these words (two kinks of a gradient share theirs), no more
        assert readable.count(_readable(longest, fmt)) == sum(longest in " ".join(_prose_and_math(n, fmt, lang)[0])
                                                               for n in notes), said


# --- a batch: each note stays with its own line's derivation

@pytest.mark.parametrize("fmt", ["text", "rich", "markdown", "latex"])
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(noted("x"), st.sampled_from(["x^2 + 1", "sin(x)", "exp(2*x)"])),
                      min_size=2, max_size=3), lang=st.sampled_from(LANGS))
def test_in_a_batch_each_note_follows_its_own_line(fmt, lines, lang):
    from symdiff.core.errors import SymdiffError

    for text in lines:  # a line real nowhere (√(−3·x²)) fails alone, with no derivation to note
        try:
            api.partial(text, "x")
        except SymdiffError:
            assume(False)
    result = invoke("partial", "--file", "-", "x", "--format", fmt, "--lang", lang, input="\n".join(lines) + "\n",
                    width=WIDTH)
    assert result.exit_code == 0, result.output
    doc = result.stdout
    with language(lang):
        heads = [message("line", line=k) for k in range(1, len(lines) + 1)]
    starts = [doc.index(head) for head in heads] + [len(doc)]
    for k, text in enumerate(lines):
        with language(lang):
            notes = api.partial(text, "x").warnings
        part = doc[starts[k]:starts[k + 1]]
        stderr_lines = [line for line in result.stderr.splitlines() if line.startswith(heads[k] + ":")]
        assert len(stderr_lines) == len(notes), result.stderr
        words = [line[len(heads[k]) + 2:] for line in stderr_lines]
        _assert_notes_in(part, fmt, lang, notes, _stderr_words("\n".join(words), lang))


# --- concrete cases

@pytest.mark.parametrize("lang, said", [
    # a point with no derivative is a caveat: 주의, not the 참고 of a remark on the input
    # (and why: the slopes from the two sides differ, read-12; "not defined, so no derivative" is no reason,
    # as x·|x| shows, whose formula 2x²/|x| has no value at 0 either)
    ("en", "Caution: x/|x| has no value where x = 0, and there the slopes from the left and from the right do not "
           "agree, so there is no derivative there: the derivative holds only where x ≠ 0."),
    ("ko", "주의: x/|x|는 x = 0인 곳에서 값이 없고, 그곳에서 좌미분계수와 우미분계수가 같지 않아 미분할 수 없으므로, "
           "도함수는 x ≠ 0인 곳에서만 성립합니다."),
])
def test_the_teachers_example_in_the_text_view(lang, said):
    result = invoke("partial", "abs(x)", "x", "--format", "text", "--lang", lang)
    lines = result.stdout.rstrip("\n").splitlines()
    # after the heading, before the derivation and the result it qualifies (a condition before the
    # conclusion), set off by blank lines; a mathematical first word keeps its case
    assert lines[:4] == ["f = |x|", "", said, ""] and lines[-1] == "df/dx = x/|x|", result.stdout
    assert result.stderr.count("\n") == 1


def test_the_teachers_example_in_markdown():
    result = invoke("partial", "abs(x)", "x", "--format", "markdown")
    assert "> **Caution.** $\\frac{x}{\\left|{x}\\right|}$ has no value where $x = 0$" in result.stdout
    assert "holds only where $x \\neq 0$." in result.stdout
    assert result.stderr.startswith("note: x/|x| has no value where x = 0")


@pytest.mark.parametrize("lang", LANGS)
def test_a_bare_answer_stays_one_line_and_keeps_its_note_on_stderr(lang):
    # `--no-steps` text is an answer to paste on: its note goes to stderr, even on one screen, where
    # it is then the only place the note is written
    result = invoke("partial", "abs(x)", "x", "--format", "text", "--no-steps", "--lang", lang)
    assert result.stdout == "x/|x|\n"
    assert result.stderr.count("\n") == 1 and "x ≠ 0" in result.stderr
    status, said = _together(["partial", "abs(x)", "x", "--format", "text", "--no-steps", "--lang", lang])
    assert said.startswith("x/|x|\n") and said.count("x ≠ 0") == 1, said


@pytest.mark.parametrize("fmt", HUMAN)
def test_an_input_note_is_in_the_document_too(fmt):
    # one rule for every kind: on one screen stderr is silent, so a kind left out would be lost
    status, said = _together(["partial", "x^2*y", "X", "--format", fmt])
    assert status == 0
    assert said.count("did you mean") == 1, said


def test_a_result_without_notes_adds_nothing():
    result = invoke("partial", "x^2*sin(x)", "x", "--format", "text")
    assert "Note" not in result.stdout and result.stderr == ""


@pytest.mark.parametrize("args", [["check", "abs(x)", "x", "sign(x)"], ["tangent", "abs(x - 1) + x^2", "--at", "x=3"]])
def test_a_check_and_a_tangent_carry_their_notes(args):
    result = invoke(*args, "--format", "text")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stdout.splitlines() if line.startswith("Caution: ")]
    assert len(notes) == result.stderr.count("\n") == 1 and notes[0].endswith("≠ 0."), result.stdout
