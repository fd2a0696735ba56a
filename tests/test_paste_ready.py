"""Documents and messages a teacher pastes unedited (issue 16): a tangent's point as a textbook writes it
and its answer marked as every final result is, a simplified line that reads as a sentence, a diverging
descent's message said once, and usage errors in the language asked for."""

from __future__ import annotations

import re

import pytest
import sympy
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LANGS = ["en", "ko"]
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])

x, y = sympy.symbols("x y")

coefficients = st.lists(st.integers(-5, 5), min_size=2, max_size=4).filter(lambda cs: any(cs[1:]))
points = st.integers(-4, 4)


def _polynomial(cs) -> str:
    return " + ".join(f"({c})*x^{k}" for k, c in enumerate(cs) if c) or "0"


def _tangent(text: str, at: str, fmt: str, lang: str) -> str:
    result = invoke("tangent", text, "--at", at, "--format", fmt, "--lang", lang, "--no-steps")
    assert result.exit_code == 0, result.output
    return result.stdout


# --- 1. tangent: the point (1, -1), and the answer marked as a result

def _heading_point(doc: str) -> str:
    """The last inline formula of the heading: the point on the graph."""
    heading = doc.splitlines()[0]
    return re.findall(r"\$([^$]+)\$", heading)[-1]


@pytest.mark.parametrize("fmt", ["latex", "markdown"])
@SETTINGS
@given(cs=coefficients, a=points, lang=st.sampled_from(LANGS))
def test_a_tangent_point_is_written_as_a_textbook_writes_it(fmt, cs, a, lang):
    text = _polynomial(cs)
    doc = _tangent(text, f"x={a}", fmt, lang)
    height = sum(c * a**k for k, c in enumerate(cs))
    assert _heading_point(doc) == f"({a}, {height})"
    assert r"\ " not in doc.splitlines()[0]


@pytest.mark.parametrize("lang", LANGS)
def test_a_point_of_fractions_and_of_three_coordinates(lang):
    plane = _tangent("x^2 + y^2", "x=1,y=-2", "latex", lang)
    assert _heading_point(plane) == "(1, -2, 5)"
    # a fraction is taller than a line: the parentheses grow with it, still with no control space
    halves = _heading_point(_tangent("x^2", "x=1/2", "markdown", lang))
    assert halves == r"\left(\frac{1}{2}, \frac{1}{4}\right)"


def _answer(text: str, a: int, b: int | None) -> sympy.Expr:
    """The tangent solved for its height, worked out here: f(P) + ∇f(P)·(X − P)."""
    f = sympy.sympify(text.replace("^", "**"))
    at = {x: a} if b is None else {x: a, y: b}
    return sympy.expand(f.subs(at) + sum(f.diff(v).subs(at) * (v - p) for v, p in at.items()))


@SETTINGS
@given(cs=coefficients, a=points, b=st.one_of(st.none(), points), lang=st.sampled_from(LANGS))
def test_the_tangent_is_the_result_in_every_document(cs, a, b, lang):
    text = _polynomial(cs) + ("" if b is None else " + x*y")
    at = f"x={a}" if b is None else f"x={a},y={b}"
    height = "y" if b is None else "z"
    answer = _answer(text, a, b)

    md = _tangent(text, at, "markdown", lang)
    callout = re.search(r"^> \*\*(.+)\.\*\*\n>\n> \$\$(.+)\$\$\n*\Z", md, re.M)
    assert callout, md
    assert callout[1] == {"en": "Result", "ko": "결과"}[lang]
    left, right = callout[2].split(" = ")
    assert left == height and _reads(right) == answer

    tex = _tangent(text, at, "latex", lang)
    last = tex.rstrip().rsplit(r"\begin{align*}", 1)[1]
    assert last.strip().startswith(f"{height} &= ") and last.strip().endswith(r"\end{align*}")
    assert _reads(last.strip().removeprefix(f"{height} &= ").removesuffix(r"\end{align*}")) == answer

    page = _tangent(text, at, "html", lang)
    assert page.count('class="result"') == 1
    result = re.search(r'<p class="result"><math display="block"><mi>(\w)</mi><mo>=</mo>', page)
    assert result and result[1] == height
    assert page.index('class="result"') > page.rindex("<p><math display=\"block\">")


def _reads(tex: str) -> sympy.Expr:
    """A polynomial's LaTeX as this test's inputs print (2 x y - 3 x + 1), read back."""
    plain = re.sub(r"(\d|[xy])\s+(?=[xy\d(])", r"\1*", tex.strip().replace(r"\left", "").replace(r"\right", ""))
    plain = re.sub(r"\^\{(\d+)\}|\^(\d)", lambda m: "**" + (m[1] or m[2]), plain)
    return sympy.expand(sympy.sympify(plain))


# --- 2. a simplified form is a sentence: the label, then an equation with its left side

_LABEL = {"en": r"Simplified[^}]*:", "ko": r"[^}]*정리하면:"}
_ROW_WITHOUT_LEFT = re.compile(r"^&(\\quad )*\s*=|^\$\$\s*=|^> \$\$\s*=|^- \$?\s*=", re.M)

tidied = st.builds(lambda p, q, outer: outer.format(p=_polynomial(p), q=_polynomial(q)),
                   coefficients, coefficients,
                   st.sampled_from(["({p})*exp(x)", "({p})/({q})", "({p})*sin(x)*y", "x^2*({p})*log(x)"]))


@SETTINGS
@given(text=tidied, lang=st.sampled_from(LANGS), fmt=st.sampled_from(["latex", "markdown"]))
def test_a_simplified_line_has_its_expression_on_the_left(text, lang, fmt):
    result = invoke("partial", text, "x", "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    doc = result.stdout
    assert not _ROW_WITHOUT_LEFT.search(doc), doc
    if fmt == "latex":
        # the row under the label, and its continuation where the form is too wide for one line
        # (a left side too wide for one row is broken too, its last row ending in =)
        for block in re.findall(r"\\intertext\{" + _LABEL[lang] + r"\}\n((?:&.*\n?)+)", doc):
            rows = [row.rstrip(" \\") for row in block.splitlines()]
            joined = " ".join(rows)
            left, equals, right = joined.partition(" =")
            assert equals and left.strip("& "), block
            assert right.strip(), block


@pytest.mark.parametrize("lang", LANGS)
def test_the_simplified_row_reads_the_tidy_form_once(lang):
    tex = invoke("partial", "(x^2 - 1)/(x - 1)", "x", "--format", "latex", "--lang", lang).stdout
    label = {"en": "Simplified:", "ko": "정리하면:"}[lang]
    steps_end = r"\frac{2 x \left(x - 1\right) - x^{2} + 1}{\left(x - 1\right)^{2}}"
    # the steps' result is said where they end, in the closing sentence and its aligned row under it; after
    # the label only the tidy form, as the answer
    claim = r"&\frac{d}{d x}\left[\frac{x^{2} - 1}{x - 1}\right] = " + steps_end + r" \\"
    conclusion = rf"\intertext{{{label}}}" + "\n" + r"&\Rightarrow\ \frac{d f}{d x} = 1"
    # between them only the tidy lines (the numerator collected), each a sentence and its row
    assert claim in tex and conclusion in tex and tex.index(claim) < tex.index(conclusion), tex
    # not the label's left side: the sentence and its row, no third time
    assert tex.count(steps_end) == 2, tex


# --- 3. a diverging descent says so once where stdout and stderr are read together

def _descend_together(args: list[str]) -> tuple[int, str]:
    """The command line with stdout and stderr going to one place (2>&1, one capture of both)."""
    import io

    from typer.testing import CliRunner

    from helpers import cli_args
    from symdiff.app.cli import app
    from symdiff.app.environment import Environment, using

    both = io.StringIO()
    with using(Environment(stdout=both, stderr=both)):
        result = CliRunner().invoke(app, cli_args(args), catch_exceptions=False)
    return result.exit_code, both.getvalue()


_DIVERGED = {"en": "diverged at step", "ko": "단계에서 발산했습니다"}


@SETTINGS
@given(c=st.integers(1, 5), k=st.integers(2, 4), start=st.integers(1, 5), sign=st.sampled_from([-1, 1]),
       lang=st.sampled_from(LANGS), fmt=st.sampled_from(["text", "markdown", "latex", "html"]))
def test_a_diverging_descent_says_so_once(c, k, start, sign, lang, fmt):
    # on c·x², η = k/c multiplies x by 1 − 2k each step: |1 − 2k| ≥ 3 runs away
    args = ["descend", f"{c}*x^2", "--from", f"x={sign * start}", "--lr", str(k / c), "--steps", "30",
            "--format", fmt, "--lang", lang]
    status, said = _descend_together(args)
    assert status == 1
    assert said.count(_DIVERGED[lang]) == 1, said
    # where the report ends: after its table of iterates
    assert said.index(_DIVERGED[lang]) > said.index({"text": "|f′(x)|", "markdown": "| ---:", "latex": r"\end{tabular}",
                                                    "html": "</table>"}[fmt])


@pytest.mark.parametrize("lang", LANGS)
def test_a_report_read_elsewhere_still_leaves_the_failure_on_stderr(lang):
    result = invoke("descend", "x^4", "--from", "x=3", "--lr", "1", "--steps", "20", "--lang", lang)
    assert result.exit_code == 1
    assert result.stdout.count(_DIVERGED[lang]) == 1 and result.stderr.count(_DIVERGED[lang]) == 1


def test_one_destination_is_read_from_the_files_themselves(tmp_path):
    from symdiff.app.environment import Environment

    with open(tmp_path / "both", "w") as out, open(tmp_path / "both", "a") as err, \
            open(tmp_path / "other", "w") as other:
        assert Environment(stdout=out, stderr=err).one_destination  # 2>&1 opens one file twice
        assert not Environment(stdout=out, stderr=other).one_destination
    assert not Environment().one_destination  # two captures in memory


# --- 4. under --lang ko, a usage error is Korean: Click's own and symdiff's alike

_HANGUL = re.compile(r"[가-힣]")
# the words of Click's and symdiff's English usage errors, none of which a Korean sentence keeps
_ENGLISH = re.compile(r"\b(?:Usage|Error|Invalid value|No such|Missing|requires|give|must|not one of|"
                      r"draws|makes|the)\b")

MISTAKES = {
    "unknown option": ["partial", "x^2", "x", "--bogus"],
    "another tool's option": ["partial", "x^2", "x", "--latex"],
    "option without its value, last": ["tangent", "x^2", "--vars"],
    "a format it does not have": ["partial", "x^2", "x", "--format", "pdf"],
    "a learning rate that is no number": ["descend", "x^2", "--from", "x=1", "--lr", "abc"],
    "steps out of range": ["descend", "x^2", "--from", "x=1", "--steps", "0"],
    "a negative tolerance": ["descend", "x^2", "--from", "x=1", "--tol", "-1"],
    "a timeout out of range": ["grad", "x", "--timeout", "-1"],
    "too many jobs": ["partial", "x", "x", "--jobs", "1000"],
    "no such command": ["nosuch"],
    "no expression": ["partial"],
    "check without its answer": ["check", "x"],
    "descend without its start": ["descend", "x^2"],
    "descend without anything": ["descend"],
    "matrix without its variable": ["matrix", "x"],
    "an extra argument": ["tangent", "x", "--at", "x=1", "extra"],
    "a zero direction": ["grad", "x*y", "--dir", "0,0"],
    "standalone outside LaTeX": ["partial", "x", "x", "--standalone"],
    "an unknown activation": ["backprop", "--activation", "foo"],
    "a start beyond floating point": ["descend", "x", "--from", "x=1e999"],
    "a plot of three variables": ["grad", "x*y*z", "--at", "x=1,y=1,z=1", "--plot", "out.png"],
    "one variable twice": ["implicit", "x = y", "--dx", "x", "--dy", "x"],
    "a bad point": ["partial", "x^2", "x", "--at", "x=="],
}


def _said(args: list[str]) -> str:
    result = invoke(*args)
    assert result.exit_code == 2, (args, result.output)
    return result.stderr


@pytest.mark.parametrize("name", MISTAKES)
def test_a_usage_error_under_lang_ko_is_korean(name):
    korean = _said(MISTAKES[name] + ["--lang", "ko"])
    english = _said(MISTAKES[name])
    # the same mistake is found in either language: only the words differ
    assert _HANGUL.search(korean) and not _HANGUL.search(english)
    words = re.sub(r"--?[\w-]+|'[^']*'|\"[^\"]*\"|symdiff \w+.*", "", korean.split("\n  ")[0])
    assert not _ENGLISH.search(words), korean


@SETTINGS
@given(command=st.sampled_from(["partial", "grad", "hessian", "tangent", "descend", "implicit", "check"]),
       option=st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz-"), min_size=3, max_size=12),
       equals=st.booleans())
def test_any_unknown_option_is_refused_in_korean(command, option, equals):
    flag = "--" + option.strip("-")
    args = [command, "x^2", "--lang", "ko", f"{flag}=1" if equals else flag]
    result = invoke(*args)
    if result.exit_code == 0:  # a prefix Click completes, or an option the command has
        return
    assert result.exit_code == 2 and _HANGUL.search(result.stderr), (args, result.stderr)
    assert not re.search(r"\b(?:No such option|Usage:|Invalid value)", result.stderr), result.stderr


@pytest.mark.parametrize("option", ["--at", "--vars", "--format", "--timeout", "--jobs", "--memory", "--file"])
def test_an_option_without_its_value_is_said_in_korean(option):
    # (before --lang ko, the option would take --lang as its value)
    korean = invoke("grad", "x*y", "--lang", "ko", option).stderr
    assert korean == f"사용법 오류: {option} 옵션에는 값이 필요합니다.\n", korean
