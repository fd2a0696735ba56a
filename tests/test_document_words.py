"""A teacher's review: what a reader must know is in the document, and a derivation's words do not
name command-line options (a saved document has no command line to refer to).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff.app.cli import app
from symdiff.core.messages import CATALOGUES

FLAG = re.compile(r"(?<![\w-])--[a-z]")

# Keys that speak to the person at the terminal about the run, not about the mathematics: errors,
# help, and advice on which option to change next. Everything else may end up in a saved document.
RUN_ADVICE_PREFIXES = ("error", "help", "descend.advice.", "descend.reason.")
RUN_ADVICE = {"grad.omitted", "training.cut"}


def _is_run_advice(key: str) -> bool:
    return key in RUN_ADVICE or key.startswith(RUN_ADVICE_PREFIXES)


DERIVATION_KEYS = sorted((lang, key) for lang, catalogue in CATALOGUES.items()
                         for key in catalogue if not _is_run_advice(key))


def test_the_catalogue_split_leaves_derivation_words_to_check():
    # Guards the test below against an exemption list that swallows the whole catalogue.
    assert len(DERIVATION_KEYS) > 200
    assert ("en", "grad.directional") in DERIVATION_KEYS


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DERIVATION_KEYS))
def test_no_derivation_message_names_an_option(lang_key):
    lang, key = lang_key
    assert not FLAG.search(CATALOGUES[lang][key]), (lang, key, CATALOGUES[lang][key])


def test_every_derivation_message_is_checked_once():
    offenders = [(lang, key) for lang, key in DERIVATION_KEYS if FLAG.search(CATALOGUES[lang][key])]
    assert offenders == []


runner = CliRunner()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "html"])
def test_the_directional_derivative_says_the_given_direction(lang, fmt):
    result = runner.invoke(app, ["grad", "x*y*z", "--at", "x=1,y=2,z=3", "--dir", "1,1,1",
                                 "--format", fmt, "--lang", lang])
    assert result.exit_code == 0, result.output
    assert "--dir" not in result.stdout
    assert ("given direction" if lang == "en" else "주어진 방향") in result.stdout


# --- notes reach the document: a student who saves stdout keeps the warning with the answer

# the notes of `noted_inputs` are remarks on the input, not caveats on the mathematics: a note callout (참고)
MARKERS = {"markdown": {"en": "> **Note.** ", "ko": "> **참고.** "},
           "latex": {"en": r"\textbf{Note:}", "ko": r"\textbf{참고:}"},
           "html": {"en": '<p class="note"><strong>Note:</strong>', "ko": '<p class="note"><strong>참고:</strong>'}}
# Where the derivation begins in each format: the notes come before it.
DERIVATION_STARTS = {"markdown": ("\n- ", "> **Result.**", "> **결과.**", "$$"), "latex": (r"\begin{align*}", r"\intertext"),
                     "html": ('<ul class="steps">', '<p class="result">', "<table>")}
# Words only the note has, in each language.
NOTE_WORDS = {"en": ("occur", "name"), "ko": ("이름", "없")}

letters = st.sampled_from("abcdefghjkmnpqrstuvwxz")


@st.composite
def noted_inputs(draw):
    """A command whose input carries a note: a variable glued into a longer name (xy, 2*xy, yx, x2;
    2xy itself is refused, test_glued_names), or a variable the expression does not have."""
    var, other = draw(st.lists(letters, min_size=2, max_size=2, unique=True))
    if draw(st.booleans()):
        name = draw(st.sampled_from([var + other, other + var, var + "2"]))
        expr = draw(st.sampled_from(["{n}", "2*{n}", "{n}^2 + 1", "sin({n})"])).format(n=name)
    else:
        expr = draw(st.sampled_from(["{o}^2", "3*{o}", "exp({o})"])).format(o=other)
    command = draw(st.sampled_from(["partial", "grad", "check"]))
    if command == "partial":
        return ["partial", expr, var]
    if command == "grad":
        return ["grad", expr, "--vars", var]
    return ["check", expr, var, "0"]


def _document(args, fmt, lang):
    result = runner.invoke(app, [*args, "--format", fmt, "--lang", lang])
    assert result.exit_code in (0, 1), result.output  # check's verdict may be "wrong"
    return result.stdout, result.stderr


def _first(text: str, needles) -> int:
    found = [text.index(n) for n in needles if n in text]
    return min(found) if found else len(text)


@settings(max_examples=40, deadline=None)
@given(noted_inputs(), st.sampled_from(sorted(MARKERS)), st.sampled_from(["en", "ko"]))
def test_every_note_is_in_the_document_before_the_derivation(args, fmt, lang):
    stdout, stderr = _document(args, fmt, lang)
    notes = runner.invoke(app, [*args, "--format", "json", "--lang", lang]).stdout.count('"kind": "')
    assert notes >= 1
    marker = MARKERS[fmt][lang]
    assert stdout.count(marker) == notes == stderr.count("\n")  # each note in the document and on stderr
    first = stdout.index(marker)
    assert first < _first(stdout, DERIVATION_STARTS[fmt])
    block = stdout[first:first + 400]
    assert any(word in block for word in NOTE_WORDS[lang]), block


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["x*y", "x^2*y + sin(y)", "exp(x)*y"]), st.sampled_from(sorted(MARKERS)),
       st.sampled_from(["en", "ko"]))
def test_a_derivation_without_notes_has_no_warning(expr, fmt, lang):
    stdout, stderr = _document(["partial", expr, "x"], fmt, lang)
    assert stderr == ""
    assert MARKERS[fmt][lang] not in stdout and "**Caution.**" not in stdout and "**주의.**" not in stdout
    assert 'class="note"' not in stdout


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_reviewed_example_warns_in_markdown(lang):
    stdout, stderr = _document(["partial", "xy", "x"], "markdown", lang)
    heading, _, rest = stdout.partition("\n\n")  # the note under the document's heading, as in HTML
    assert heading.startswith("### ") and rest.startswith(MARKERS["markdown"][lang]), stdout
    assert "x\\*y" in rest.split("\n\n")[0]  # the fix the note suggests, escaped for Markdown
    assert stderr  # the terminal still sees it


# --- a condition on a variable is one formula ($x = 0$), never $x$ = 0

from symdiff.core.messages import Condition, message  # noqa: E402

# A slot in math followed or preceded by a relation in words: $x$ = 0, x</math> > 0, ≠ $x$.
SPLIT_CONDITION = re.compile(r"\$ ?[=<>≠] ?[\w$]|</math> ?(=|≠|&lt;|&gt;)|(=|≠|&lt;|&gt;) ?<math>|[=<>≠] \$\w+\$")
CONDITIONED = ["abs({u})", "relu({u})", "0**{u}", "sinc({u})", "acosh({u})"]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(CONDITIONED), letters, st.sampled_from(sorted(MARKERS)), st.sampled_from(["en", "ko"]))
def test_a_condition_is_one_formula_in_every_document(template, var, fmt, lang):
    stdout, _ = _document(["partial", template.format(u=var), var], fmt, lang)
    prose = re.sub(r"\\begin\{align\*\}.*?\\end\{align\*\}", "", stdout, flags=re.S)
    prose = re.sub(r"<math[^>]*>.*?</math>", "<math>…</math>", prose.partition("</style>")[2] or prose)
    prose = re.sub(r"\$\$.*?\$\$", "", prose, flags=re.S)
    assert not SPLIT_CONDITION.search(prose), SPLIT_CONDITION.search(prose)


@given(letters, st.sampled_from(["is", "gt", "lt", "ne"]), st.integers(0, 3))
def test_a_condition_reads_the_same_in_plain_views(var, relation, rhs):
    import sympy

    sign = {"is": "=", "gt": ">", "lt": "<", "ne": "≠"}[relation]
    assert Condition(sympy.Symbol(var), relation, rhs).printed(sympy.sstr) == f"{var} {sign} {rhs}"


@pytest.mark.parametrize("lang,fmt,expected", [
    ("ko", "markdown", "$x = 0$에서는 미분할 수 없습니다"), ("en", "markdown", "at $x = 0$ there is none"),
    ("ko", "latex", "$x = 0$에서는"), ("en", "html", "<math><mrow><mi>x</mi><mo>=</mo><mn>0</mn></mrow></math>"),
    ("ko", "text", "x = 0에서는 미분할 수 없습니다")])
def test_the_reviewed_abs_example(lang, fmt, expected):
    stdout, _ = _document(["partial", "abs(x)", "x"], fmt, lang)
    assert expected in stdout


def test_json_explanations_keep_their_words():
    import json

    out = runner.invoke(app, ["partial", "abs(x)", "x", "--format", "json"]).stdout
    assert "so d/dx |x| = x/|x|, the sign of x, for x ≠ 0; at x = 0 there is no derivative" in \
        json.dumps(json.loads(out), ensure_ascii=False)
    assert message("abs.abs", formula="f", var="x", right="R", left="L", one=1, minus_one=-1) == \
        "absolute value rule: R for x > 0 (derivative 1) and L for x < 0 (derivative -1), so f, the sign of x, " \
        "for x ≠ 0; at x = 0 there is no derivative"


# --- check names what it asks for: the (partial, second partial) derivative

DERIVATIVE_NAMES = {
    ("second", "partial"): {"en": "the second partial derivative", "ko": "이계 편도함수"},
    ("first", "partial"): {"en": "the partial derivative", "ko": "편도함수"},
    ("first", "ordinary"): {"en": "the derivative", "ko": "도함수"},
}
TWO_VARIABLE = ["{x}^2*{y}", "sin({x})*{y}^3", "exp({x}*{y})", "{x}*{y} + {y}^2"]
ONE_VARIABLE = ["{x}^3", "sin({x})", "exp(2*{x})"]


@st.composite
def check_questions(draw):
    x, y = draw(st.lists(letters, min_size=2, max_size=2, unique=True))
    kind = draw(st.sampled_from(sorted(DERIVATIVE_NAMES)))
    expr = draw(st.sampled_from(ONE_VARIABLE if kind[1] == "ordinary" else TWO_VARIABLE)).format(x=x, y=y)
    wrt = f"{x},{y}" if kind[0] == "second" else x
    answer = draw(st.sampled_from(["0", "1", x]))  # right or wrong: every verdict names it
    return ["check", expr, wrt, answer], kind


@settings(max_examples=30, deadline=None)
@given(check_questions(), st.sampled_from(["text", *sorted(MARKERS)]), st.sampled_from(["en", "ko"]))
def test_check_names_the_derivative_it_asks_for(question, fmt, lang):
    args, kind = question
    stdout, _ = _document(args, fmt, lang)
    name = DERIVATIVE_NAMES[kind][lang]
    others = [words[lang] for k, words in DERIVATIVE_NAMES.items() if k != kind and words[lang] not in name]
    prose = stdout.replace(name, "")
    assert name in stdout
    assert not any(other in prose for other in others), (name, others)


@pytest.mark.parametrize("lang,expected", [("ko", "올바른 이계 편도함수"), ("en", "the second partial derivative")])
def test_the_reviewed_check_example(lang, expected):
    stdout, _ = _document(["check", "x**2*y", "x,y", "2*y"], "text", lang)
    assert expected in stdout
