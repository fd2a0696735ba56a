"""How the human views are set, whatever the derivation (the teacher's review of the Korean views):
one colon to a line (a label inside a label read as two headings: `∂²f/∂x²: ∂/∂x of ∂f/∂x = …:`),
∂ in the LaTeX source's comments for a partial derivative, every rule tag of the text view explained
on the line below it, and one name for each rule in every view of a language."""

from __future__ import annotations

import html
import re

from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FORMATS = ("text", "markdown", "latex", "html")
_two_variables = st.sampled_from(["x^2*y + y^3", "x*sin(y)", "exp(x*y)", "x/(y + 1)", "log(x^2 + y^2)",
                                  "x^3*y - 2*y^2", "sqrt(x^2 + y^2)", "tan(3*x)*y"])


def _commands(f: str):
    yield ("hessian", f, "--at", "x=1,y=2")
    yield ("grad", f, "--at", "x=1,y=2", "--dir", "3,4")
    yield ("partial", f, "x", "y")
    yield ("jacobian", f"{f}; x + y")
    yield ("implicit", f"{f} = 1")
    for answer in ("2*x", "x^3", "-x", "0"):  # wrong answers, each with its diagnosis
        yield ("check", f, "x", answer)


def _lines(out: str, fmt: str) -> list[str]:
    """The lines a reader reads: an HTML page's text by block (no style sheet, each formula one
    token), a LaTeX source without its comments."""
    if fmt == "html":
        out = re.sub(r"<style.*?</style>", " ", out, flags=re.S)
        out = re.sub(r"<math.*?</math>", " M ", out, flags=re.S)
        out = re.sub(r"</(p|li|h\d|div|td|th)>|<br>|<(ul|li|p|tr)[^>]*>", "\n", out)
        out = html.unescape(re.sub(r"<[^>]+>", " ", out))
    if fmt == "latex":
        out = "\n".join(line for line in out.splitlines() if not line.lstrip().startswith("%"))
    # a Markdown table's alignment row (| ---: | :--- |) is no sentence
    return [line for line in out.splitlines() if not re.fullmatch(r"[|\-: ]*", line)]


def _outside_parentheses(line: str) -> str:
    before = None
    while before != line:
        before, line = line, re.sub(r"\([^()]*\)", " ", line)
    return line


def colon_faults(line: str) -> bool:
    """Two colons in one line outside parentheses (one in "(rows and columns: x, y)" is the
    parenthesis's own), or a colon before another mark (::, : :, :.)."""
    return bool(re.search(r":\s*[:.;,]", line)) or _outside_parentheses(line).count(":") > 1


def test_the_colon_check_can_fail():
    assert colon_faults("∂²f/∂x²: ∂/∂x of ∂f/∂x = 2·x·y:")
    assert colon_faults("∂²f/∂x²: ∂f/∂x = 2·x·y의 x에 대한 편미분:")
    assert colon_faults("Likely mistake (product): the derivative is not …: use (g·h)′ = g′·h + g·h′")
    assert colon_faults("H :: x") and colon_faults("H: : x")
    assert not colon_faults("H (행과 열의 순서: x, y):") and not colon_faults("Power rule: d/dx xⁿ = n·xⁿ⁻¹")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_two_variables, st.integers(0, 8), st.sampled_from(FORMATS), st.sampled_from(["en", "ko"]))
def test_no_line_has_two_colons(f, which, fmt, lang):
    args = list(_commands(f))[which]
    out = invoke(*args, "--format", fmt, "--lang", lang).output
    faults = [line for line in _lines(out, fmt) if colon_faults(line)]
    assert not faults, (args, fmt, lang, faults)


def test_the_hessian_headings_have_one_colon():
    for lang, heading in (("en", "∂²f/∂y∂x, differentiating ∂f/∂x = 2·x·y with respect to y:"),
                          ("ko", "∂²f/∂y∂x (∂f/∂x = 2·x·y의 y에 대한 편미분):")):
        for fmt in FORMATS:
            out = invoke("hessian", "x^2*y + y^3", "--format", fmt, "--lang", lang).output
            assert not [line for line in _lines(out, fmt) if colon_faults(line)], (fmt, lang)
        assert heading in invoke("hessian", "x^2*y + y^3", "--format", "text", "--lang", lang).output


# ---- the LaTeX source's comments name each derivation as its heading does


def _comments(*args) -> list[str]:
    out = invoke(*args, "--format", "latex").output
    return [line[2:] for line in out.splitlines() if line.startswith("% ") and not line.startswith("% Compile")]


@settings(max_examples=20, deadline=None)
@given(_two_variables, st.sampled_from(["x", "y"]))
def test_a_partial_derivative_is_commented_with_a_partial_sign(f, var):
    comments = _comments("partial", f, var)
    assert comments and all(c.startswith("∂") for c in comments), comments
    for c in _comments("grad", f) + _comments("hessian", f):
        assert c.startswith("∂") and "d/d" not in c, c


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["x^2", "sin(x)", "exp(2*x)", "x*ln(x)", "sqrt(x + 1)"]))
def test_a_function_of_one_variable_keeps_d(f):
    assert _comments("partial", f, "x") == ["df/dx"]
    assert _comments("partial", f, "x", "x") == ["df/dx", "d²f/dx²"]


def test_the_teachers_latex_example():
    assert _comments("partial", "x*y", "x") == ["∂f/∂x"]
    assert _comments("partial", "x*y", "x", "y") == ["∂f/∂x", "∂²f/∂y∂x"]
    assert _comments("hessian", "x^2*y") == ["∂f/∂x", "∂f/∂y", "∂²f/∂x²", "∂²f/∂y∂x", "∂²f/∂x∂y", "∂²f/∂y²"]


# ---- every rule tag of the text view is explained under it, by the name every view gives the rule

FUNCTIONS = ("sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "acot", "sinh", "cosh", "tanh",
             "coth", "sech", "asinh", "atanh", "exp", "ln", "log2", "sqrt", "cbrt", "abs", "sigmoid", "softplus", "relu")
ARGUMENTS = ("x", "3*x", "x^2 + 1", "2*x - 1", "x*y")
_STEP = re.compile(r"^(\s*)(\d+(?:\.\d+)*\.) (.*)   \((.+)\)$")
_GLOSS = re.compile(r"\s*\([^()]*\)$")


def _norm(name: str) -> str:
    """A name as a tag gives it: no gloss ("(연쇄 법칙)"), no "rule" (the tag's parentheses say it)."""
    return _GLOSS.sub("", name).strip().casefold().removesuffix(" rule")


def tags_and_explanations(text: str) -> list[tuple[str, str | None]]:
    """(tag, the explanation line under it or None) for each step line of a text view: the explanation
    is the next line, indented under the step's claim (a sibling step, the parent's closing line or
    the end come at another indentation)."""
    lines = text.splitlines()
    found = []
    for i, line in enumerate(lines):
        m = _STEP.match(line)
        if not m:
            continue
        pad = len(m.group(1)) + len(m.group(2)) + 1
        after = lines[i + 1] if i + 1 < len(lines) else ""
        under = (after.startswith(" " * pad) and not after[pad:pad + 1].isspace() and after.strip()
                 and not _STEP.match(after))
        found.append((m.group(4), after.strip() if under else None))
    return found


def document_names(out: str, fmt: str) -> set[str]:
    """The rules a document names; not the label of a tidy step ("Simplified", "정리하면"), which
    names no rule and has no tag in the text view."""
    if fmt == "markdown":
        found = set(re.findall(r"^\s*- \*\*(.+?)\*\*", out, flags=re.M))
    else:
        found = {html.unescape(n) for n in re.findall(r'<span class="rule">(.*?)</span>', out)}
    return {n for n in found if not n.casefold().startswith("simplified") and not n.endswith("정리하면")}


def test_the_tag_check_can_fail():
    unexplained = ("df/dx:\n  1. d/dx [sec(x)] = sec(x)·tan(x)   (trig)\n\ndf/dx = sec(x)·tan(x)")
    assert tags_and_explanations(unexplained) == [("trig", None)]
    sibling = ("  1. d/dx [a + b]   (sum)\n     Sum rule: …\n     1.1. d/dx [a] = 1   (identity)\n"
               "     1.2. d/dx [b] = 1   (identity)\n     Adding the results: 2")
    assert tags_and_explanations(sibling) == [("sum", "Sum rule: …"), ("identity", None), ("identity", None)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FUNCTIONS), st.sampled_from(ARGUMENTS), st.sampled_from(["en", "ko"]))
def test_every_tag_is_explained_by_the_name_every_view_gives(function, argument, lang):
    f = f"{function}({argument})"
    text = invoke("partial", f, "x", "--format", "text", "--lang", lang).output
    found = tags_and_explanations(text)
    assert found, text
    for tag, explanation in found:
        # a leaf that is its rule's formula itself is tagged with the rule's full name and has no line
        # repeating its claim; every other step is explained under its tag
        assert explanation is not None or (lang == "ko" or tag.endswith(" rule")), (f, tag, text)
    named = {_norm(e.split(": ", 1)[0]) for _, e in found if e and ": " in e}
    for fmt in ("markdown", "html"):
        names = document_names(invoke("partial", f, "x", "--format", fmt, "--lang", lang).output, fmt)
        # one name for each rule: the tags are the documents' names, and each explanation begins with one
        assert {_norm(tag) for tag, _ in found} == {_norm(n) for n in names}, (f, fmt, lang)
        assert {_norm(n) for n in names} <= named | {_norm(tag) for tag, e in found if not e or ": " not in e}, (f, fmt)
    # 합·차's dot is set as mathematics in LaTeX, the one name with a symbol
    latex = invoke("partial", f, "x", "--format", "latex", "--lang", lang).output.replace(r"$\cdot$", "·")
    # a sentence's name (in an \intertext, or a paragraph before the align*), or a leaf's tag beside its line
    heads = {_norm(h) for h in re.findall(r"(?:\\intertext\{(?:\\leftskip=\S+\\relax )?|\\noindent )([^:$.]+)[:.]", latex)}
    heads |= {_norm(h) for h in re.findall(r"\\text\{\(((?:[^()]|\([^()]*\))+)\)\}", latex)}
    assert {_norm(tag) for tag, _ in found} <= heads, (f, lang)


def test_the_teachers_examples_of_tags():
    text = invoke("partial", "sec(x)", "x").output
    # the rule named in full, its formula (the line itself) not said again under it
    assert "(trigonometric rule)\n" in text and "Trigonometric rule: d/dx sec(x) = sec(x)·tan(x)" not in text
    ko = invoke("partial", "ln(x) + x", "x", "--lang", "ko").output
    # ln is named as the rule book names the rule (logₐ and ln alike), in the text and in Markdown
    assert "(로그함수의 미분)" in ko and "자연로그의 미분" not in ko
    assert "**로그함수의 미분**" in invoke("partial", "ln(x) + x", "x", "--lang", "ko", "--format", "markdown").output
    # softplus is not the sigmoid, whatever the two share
    assert "(소프트플러스 함수의 미분)" in invoke("partial", "softplus(x)", "x", "--lang", "ko").output


# ---- the pieces put together: a number leads, as a textbook writes 3·sec²(3x)

# (an outer derivative that is a fraction, 1/(1 + u²), keeps the number after it: 8·1/… runs together)
OUTERS = ("tan", "sin", "cos", "exp", "sinh", "cosh", "sec", "csc")


def _substituted(text: str) -> list[str]:
    return [line.split("Substituting the pieces: ", 1)[1].split(", which gives")[0]
            for line in text.splitlines() if "Substituting the pieces: " in line]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(OUTERS), st.integers(2, 9), st.sampled_from(["x", "x + 1", "x - 2"]), st.booleans())
def test_a_number_from_the_inner_derivative_leads_the_pieces(outer, k, tail, negative):
    import sympy

    from symdiff.scalar.parsing import parse
    from symdiff.scalar.rules import derive

    inner = f"{'-' if negative else ''}{k}*({tail})"
    text = f"{outer}({inner})"
    lines = _substituted(invoke("partial", text, "x", "--format", "text").output)
    assert lines, text
    line = lines[-1]
    # the number is the line's first factor (after its sign), never its last
    assert re.match(rf"[-−]?{k}·", line), (text, line)  # the text view's minus sign
    assert not re.search(rf"·\(?[-−]?{k}\)?$", line), (text, line)
    # and the line is still the derivative: the step's own result, whatever order the line writes
    x = sympy.Symbol("x", real=True)
    step = derive(parse(text), x)
    assert sympy.simplify(step.assembled.doit() - step.result) == 0


def test_the_teachers_factor_order_examples():
    assert _substituted(invoke("partial", "tan(3*x)", "x").output) == ["3·sec²(3·x)"]
    assert _substituted(invoke("partial", "exp(2*x)", "x").output) == ["2·e²ˣ"]
    # a piece that is no number keeps its place after f′(u), as the chain's line wrote it
    assert _substituted(invoke("partial", "sin(x^2)", "x").output) == ["cos(x²)·2·x"]
