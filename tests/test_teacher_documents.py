"""A reviewing teacher's reading of check's English and of the Markdown and LaTeX documents:

- check says a derivative is taken with respect to a variable, and that the exact difference is not 0;
- Markdown sets results and notes apart in a form every Markdown renders (no `> [!TIP]`), no heading says
  what the first step under it says, the rule book's headings name the rule, and every Korean line that is
  a sentence ends in its polite ending;
- LaTeX states the problem, then the caution, then the derivation, and no simplification follows a
  substitution sentence without the aligned row of its result;
- the rule book's worked example uses no name in two meanings.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from helpers import invoke
from rich.console import Console
from rich.text import Text

from symdiff.core.messages import CATALOGUES, explain, language, message
from symdiff.features.rulebook import rulebook
from symdiff.scalar.steps import RULE_NAMES

LANGS = ["en", "ko"]


def _out(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code in (0, 1), result.output  # check's verdict may be "wrong"
    return result.stdout


# --- check in English: with respect to x; the difference is not 0

# (expr, var, answer, diagnosis kind): a derivative with respect to another variable, a held power
# differentiated, and a chain factor missing (no variable named in its words)
WRONG = [("x^2", "y", "2x", "wrong_variable"), ("3*x**2*y**4", "x", "6*x*y**3", "held_power_differentiated"),
         ("sin(x**2)*y", "x", "cos(x**2)*y", "missing_chain_factor")]


@pytest.mark.parametrize("expr, var, answer, kind", WRONG)
@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "json"])
def test_check_takes_a_derivative_with_respect_to_a_variable(expr, var, answer, kind, fmt):
    out = _out("check", expr, var, answer, "--format", fmt)
    if fmt == "json":
        record = json.loads(out)
        assert record["diagnosis"]["kind"] == kind  # what scripts match on stays
        out = record["diagnosis"]["message"]
    else:
        assert re.search(r"which is not \$?0\$?", out), out
    assert "provably" not in out and not re.search(r"derivative by \$?[a-z]", out), out
    if kind != "missing_chain_factor":
        assert re.search(r"with respect to \$?[xy]\$?", out), out


@pytest.mark.parametrize("expr, var, answer, kind", WRONG)
def test_korean_check_says_the_same_in_korean(expr, var, answer, kind):
    out = _out("check", expr, var, answer, "--format", "text", "--lang", "ko")
    assert "이므로 0이 아닙니다." in out
    if kind == "wrong_variable":
        assert "x에 대한 도함수입니다" in out and "y에 대한 도함수를 묻습니다" in out


def test_the_help_of_check_says_with_respect_to():
    help_text = invoke("check", "--help", width="200").stdout
    assert "with respect to VAR" in help_text and "by VAR" not in help_text


# --- Markdown: quotes every Markdown renders, headings that are not their first step

MARKDOWN_COMMANDS = [
    ["partial", "x**2*sin(x)", "x"], ["partial", "sqrt(x)*y", "x"], ["partial", "x**2*y**3", "x", "y"],
    ["partial", "xy", "x"], ["partial", "x**2*exp(x)", "x"],
    ["grad", "x**2*y + sin(y)", "--at", "x=1,y=2"], ["hessian", "x**3*y"], ["jacobian", "x*y; x + y"],
    ["check", "3*x**2*y**4", "x", "6*x*y**3"], ["check", "x**2*exp(x)", "x", "2*x*exp(x)"],
    ["practice", "--rules", "chain,product", "--count", "3", "--seed", "7"],
    ["rules"], ["rules", "sum"], ["rules", "general_power"],
]
IDS = [" ".join(a) for a in MARKDOWN_COMMANDS]


def _markdown(args, lang) -> str:
    return _out(*args, "--format", "markdown", "--lang", lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("args", MARKDOWN_COMMANDS, ids=IDS)
def test_markdown_quotes_open_with_a_bold_title(args, lang):
    md = _markdown(args, lang)
    assert "[!" not in md, md
    with language(lang):
        notes = {message("document.warning"), message("document.note")}
    for first in re.findall(r"(?:\A|\n\n)(>[^\n]*)", md):
        title = re.match(r"> \*\*([^*]+)\.\*\*( .+)?$", first)
        assert title is not None, first
        assert title.group(2) is None or title.group(1) in notes, first


def _first_math(line: str) -> str | None:
    found = re.search(r"\$([^$]+)\$", line)
    return found.group(1) if found else None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("args", MARKDOWN_COMMANDS, ids=IDS)
def test_no_heading_says_what_its_first_step_says(args, lang):
    lines = _markdown(args, lang).splitlines()
    headings = [n for n, line in enumerate(lines) if line.startswith("#### ")]
    for n in headings:
        step = next((line for line in lines[n + 1:] if line.strip()), "")
        if not step.startswith("- "):
            continue
        heading, claim = _first_math(lines[n]), _first_math(step)
        assert heading != claim, (lines[n], step)
        # nor the operator applied to the function, which is the first step's claim written again
        assert not re.fullmatch(r"\\frac\{(d|\\partial)\}\{[^{}]+\}\\left\[.*\\right\]", heading or ""), lines[n]


@pytest.mark.parametrize("lang", LANGS)
def test_the_rule_books_headings_name_the_rule(lang):
    for args in (["rules"], ["rules", "sum"]):
        headings = [line for line in _markdown(args, lang).splitlines() if line.startswith("#")]
        assert headings and not any("`" in h or re.search(r"\(\w+\)$", h) for h in headings), headings
    assert _markdown(["rules", "sum"], lang).startswith({"en": "### Sum and difference rule\n",
                                                        "ko": "### 합·차의 미분법\n"}[lang])


# A Korean line that is a sentence ends in 합니다체's ending; a label (a rule's name, "예:", a quote's
# title, a line that introduces what follows it) is a noun phrase, never a clause left open (…하면:).
_POLITE = re.compile(r"(니다|니까)[.?]$")
_OPEN_CLAUSE = re.compile(r"(면|하고|하며|하여|이고)$")  # (참고, a noun, ends in 고 too)


def _tidy_labels() -> re.Pattern:
    """The words of the lines that take the steps' result to its tidy form ("정리하면", "공통인수 …을
    묶어 내면"): markup's tidy helper writes them as labels, rewritten in a change of its own (see
    test_a_korean_tidy_line_is_a_sentence)."""
    pieces = [re.sub(r"\\\{[^{}]*\\\}", ".+?", re.escape(text)) for key, text in CATALOGUES["ko"].items()
              if key == "simplified" or key.startswith("simplified.")]
    return re.compile("(?:" + "|".join(pieces) + ")")


def unfinished(md: str) -> list[str]:
    """The Korean lines of a Markdown document that are neither a sentence in 합니다체 nor a label."""
    tidy = _tidy_labels()
    text = re.sub(r"\$\$.*?\$\$", "∎", md, flags=re.S)
    found = []
    for line in text.splitlines():
        words = re.sub(r"\$[^$]*\$|`[^`]*`", "∎", line).strip()
        if not re.search(r"[가-힣]", words) or words.startswith("#"):
            continue
        words = re.sub(r"^(?:[-*>]|\d+\.)\s*", "", words)
        if re.fullmatch(r"\(단, ∎\)", words):  # an answer's condition, as a textbook writes it: (단, x > 0)
            continue
        titled = re.match(r"\*\*([^*]+)\*\*:?\s*(.*)$", words)
        if titled:  # a rule's name before its claim, or a quote's title: a label
            label, words = titled.group(1).rstrip(".:"), titled.group(2)
            if tidy.fullmatch(label):
                continue
            if _OPEN_CLAUSE.search(label):
                found.append(line)
                continue
            words = words.split(" — ", 1)[1] if " — " in words else ("" if words in ("", "∎") else words)
        if not words or not re.search(r"[가-힣]", words):
            continue
        label, colon, after = words.rpartition(":")
        if colon and after.strip() in ("", "∎"):  # "예: ∎", "이계 편도함수:": a label before what follows
            if not tidy.fullmatch(label.strip()) and _OPEN_CLAUSE.search(label.strip()):
                found.append(line)
            continue
        if not _POLITE.search(words):
            found.append(line)
    return found


@pytest.mark.parametrize("args", MARKDOWN_COMMANDS, ids=IDS)
def test_every_korean_markdown_sentence_ends_politely(args):
    assert unfinished(_markdown(args, "ko")) == []


def test_the_sentence_scan_is_live():
    assert unfinished("문제는 모두 3개입니다 (시드 7).\n")
    assert unfinished("- **대입하면**: $x$\n")
    assert unfinished("그 값은 $x$이고\n")
    assert not unfinished("> **결과.**\n>\n> $$x$$\n\n예: $x$\n\n- **곱의 미분법**: $x$ — $g = x$라 두면 됩니다.\n")


def test_a_korean_tidy_line_is_a_sentence():
    md = _markdown(["partial", "x**2*exp(x)", "x"], "ko")
    assert re.search(r"^- \*\*정리하면\*\* \$[^$]+\$입니다\.$", md, re.M), md
    assert "정리하면**:" not in md


# --- LaTeX: the problem, its caution, the derivation; a row under every substitution sentence

NOTED = [["partial", "sqrt(x)*y", "x"], ["grad", "sqrt(x)*y"], ["hessian", "sqrt(x)*y"],
         ["jacobian", "sqrt(x)*y; x + y"], ["partial", "(x**2 - 1)/(x - 1)", "x"]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("args", NOTED, ids=[" ".join(a) for a in NOTED])
def test_latex_states_the_problem_then_the_caution(args, lang):
    tex = _out(*args, "--format", "latex", "--lang", lang)
    with language(lang):
        caution = rf"\textbf{{{message('caution', capital=True)}:}}"
    assert tex.count(caution) == 1, tex
    lines = tex.splitlines()
    # the problem: the line that opens the derivation, or a worked solution's title (a Hessian's)
    statement = next(n for n, line in enumerate(lines) if line.startswith((r"\noindent ", r"\subsection*")))
    assert lines[statement].endswith((":", "}")) and caution not in lines[statement], lines[statement]
    where = next(n for n, line in enumerate(lines) if caution in line)
    derivation = next(n for n, line in enumerate(lines) if line.startswith((r"\begin{align*}", "&")))
    assert statement < where < derivation, tex


def _tidy_words(lang: str) -> tuple[str, ...]:
    """How the lines toward the tidy form begin, as LaTeX sets them: "Simplified", "Taking out …"."""
    with language(lang):
        texts = [text for key, text in CATALOGUES[lang].items() if key == "simplified" or key.startswith("simplified.")]
    return tuple(re.split(r"\{", text, maxsplit=1)[0].strip() for text in texts)


SIMPLIFIED = [["partial", "x**2*exp(x)", "x"], ["partial", "x**2*exp(x)*y", "x"],
              ["partial", "(x**2 - 1)/(x - 1)", "x"], ["partial", "x**3*exp(x)", "x"], ["grad", "x**2*exp(x)*y"]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("args", SIMPLIFIED, ids=[" ".join(a) for a in SIMPLIFIED])
def test_a_simplification_follows_the_aligned_row_of_the_result(args, lang):
    tex = _out(*args, "--format", "latex", "--lang", lang)
    starts = [rf"\intertext{{{words[:1].upper()}{words[1:]}" for words in _tidy_words(lang) if words]
    lines = tex.splitlines()
    tidy = [n for n, line in enumerate(lines) if line.startswith(tuple(starts))]
    assert tidy, tex  # each of these is given in a tidier form than its steps end with
    for n in tidy:
        before = lines[n - 1]
        # the row of a result, or a line toward the tidy form: never a sentence left without its row
        assert before.startswith("&") or before.startswith(tuple(starts)), (before, lines[n])


# --- the rule book: no name means two things in one example

_RAISED = str.maketrans("ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghijklmnoprstuvwxyz")


def _statement_letters(rule: str, lang: str) -> set[str]:
    formulas = re.findall(r"⟦(.*?)⟧", CATALOGUES[lang][f"statement.{rule}"])
    return {c for f in formulas for c in re.findall(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])", f.translate(_RAISED))}


@pytest.mark.parametrize("rule", RULE_NAMES)
def test_the_worked_example_gives_no_name_two_meanings(rule):
    """A name the example's inner steps define (the product rule's g = x inside logarithmic
    differentiation) is not a name of the rule's statement, where it stands for something else."""
    (example,) = rulebook(rule).examples
    root = example.step
    defined = {name for step in root.walk() if step is not root
               for name in re.findall(r"(?<![A-Za-z])([a-z]) = ", explain(step))} - {"x"}
    for lang in LANGS:
        assert not defined & _statement_letters(rule, lang), (rule, lang, defined)


def test_the_name_scan_is_live():
    # the statement's own letters, as it names them: the exponent is v, the base u
    assert {"u", "v"} <= _statement_letters("general_power", "en")
    (example,) = rulebook("general_power").examples
    assert any("g = x" in explain(step) for step in example.step.walk())


# --- Rich: a view takes the notes it opens its panel with as an argument

def test_a_rich_view_opens_its_panel_with_the_notes_it_is_given():
    from symdiff import api
    from symdiff.render import rich as render_rich

    result = api.partial("x**2", "x")

    def drawn(**kwargs) -> str:
        buffer = io.StringIO()
        render_rich.render_partial(result, Console(file=buffer, width=100, color_system=None), **kwargs)
        return buffer.getvalue()

    noted = drawn(notes=[Text("Caution: a note")])
    assert noted.index("Caution: a note") < noted.index("d/dx")
    assert "Caution" not in drawn()  # nothing carried over from the call before
