"""The teacher's review of `matrix` and `backprop` (against a textbook and the Matrix Cookbook), each finding a
kind, over generated problems in both languages and every human format: a rule's general formula is written in
letters the problem does not use; a step names its rule once; the loss is stated as a sum over components; an
element-wise quotient is written t ⊘ z with its components beside it, never z∘⁻¹."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.core.language import LANGUAGE
from symdiff.core.messages import CATALOGUES
from symdiff.core.written import Formula
from symdiff.matrix import matrix_derivative
from symdiff.matrix.messages import matrix_message  # noqa: F401  (registers the matrix messages)
from test_wording import HUMAN_FORMATS, LANGS, commands, layered, matrix_commands, single

# (expression, wrt, shapes) with placeholders: {M}, {N} constant matrices, {X} a square variable, {v} a column,
# {s} a scalar, {n} a size. A problem fills them with the very letters the rules' formulas are written in.
TEMPLATES = [
    ("norm({M}*{v})", "v", "{M}=m,{n} {v}={n},1"),
    ("{v}.T*{M}*{v}", "v", "{v}={n},1 {M}={n},{n}"),
    ("trace({M}*{X}*{N})", "X", "{M}={n},{n} {X}={n},{n} {N}={n},{n}"),
    ("log(det({X})) + trace({M}*{X})", "X", "{X}={n},{n} {M}={n},{n}"),
    ("trace(inv({X})*{M})", "X", "{X}={n},{n} {M}={n},{n}"),
    ("{s}*sum(log({X}))", "X", "{s}=1,1 {X}={n},{n}"),
    ("trace({X}*{X}*{X})", "X", "{X}={n},{n}"),
    ("sum(hadamard({M}, {X}))", "X", "{M}={n},{n} {X}={n},{n}"),
    ("sum(exp({M}*{v}))", "v", "{M}=m,{n} {v}={n},1"),
    ("softmax({M}*{v})", "v", "{M}={n},{n} {v}={n},1"),
    ("sigmoid({M}*{v}) + {M}.T*{M}*{v}", "v", "{M}={n},{n} {v}={n},1"),
    ("tanh({s})*{s}", "s", "{s}=1,1"),
]
UPPER = "ABXYUGJMCLPQ"
# each example runs the command line: fewer than test_wording's, since every test here draws a format too
GENERATED = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LOWER = "xsugvt"


@st.composite
def clashing(draw):
    """(expression, wrt, shapes) whose symbols are named by the rules' own letters."""
    template, wrt, shapes = draw(st.sampled_from(TEMPLATES))
    big = draw(st.lists(st.sampled_from(UPPER), min_size=3, max_size=3, unique=True))
    small = draw(st.lists(st.sampled_from(LOWER), min_size=2, max_size=2, unique=True))
    names = {"M": big[0], "N": big[1], "X": big[2], "v": small[0], "s": small[1],
             "n": draw(st.sampled_from("nkm"))}
    fill = lambda text: text.format(**names)  # noqa: E731
    return fill(template), names[wrt], fill(shapes)


def _problem_names(expr: str, shapes: str) -> set[str]:
    names = {part.split("=")[0] for part in shapes.split()}
    sizes = {size for part in shapes.split() for size in part.split("=")[1].split(",") if not size.isdigit()}
    return names | sizes


_LETTER = re.compile(r"(?<![A-Za-z{])d?([A-Za-z])(?![A-Za-z}])")


def _letters(formula_text: str) -> set[str]:
    """The single letters a formula is written in (not those of a word, tr or sign, nor an expression slot)."""
    return set(_LETTER.findall(formula_text))


# --- 1. a rule's letters are not the problem's


@GENERATED
@given(clashing(), st.sampled_from(LANGS))
def test_no_rule_formula_uses_a_letter_of_the_problem(case, lang):
    expr, wrt, shapes = case
    result = matrix_derivative(expr, wrt, {p.split("=")[0]: tuple(p.split("=")[1].split(",")) for p in shapes.split()})
    used = _problem_names(expr, shapes)
    token = LANGUAGE.set(lang)
    try:
        for top in result.steps:
            for step in top.walk():
                values = step.values(lang)
                formulas = [v.text for v in values.values() if isinstance(v, Formula)]
                words = [values["derivative"]] if isinstance(values.get("derivative"), str) else []
                for text in formulas + words:
                    clash = _letters(text) & used - {"f", "I"}
                    assert not clash, (expr, step.message, text, clash)
    finally:
        LANGUAGE.reset(token)


def _differentials(out: str, fmt: str, name: str) -> bool:
    """Whether `out` writes d`name` (the differential of a symbol) in the notation of `fmt`."""
    if fmt == "html":
        return f'<mi mathvariant="normal">d</mi><mi>{name}</mi>' in out
    if fmt in ("latex", "markdown"):
        return re.search(r"\\mathrm\{d\}\s*\{?" + name + r"(?![A-Za-z0-9_])", out) is not None
    return re.search(r"(?<![A-Za-z])d" + name + r"(?![A-Za-z0-9_])", out) is not None


@GENERATED
@given(clashing(), st.sampled_from(LANGS), st.sampled_from(HUMAN_FORMATS))
def test_no_constant_of_the_problem_is_differentiated_by_a_rules_formula(case, lang, fmt):
    """A rule's d(A + B) = dA + dB, with A a constant of the problem, would show dA: no view shows the
    differential of a symbol the derivative is not taken by."""
    expr, wrt, shapes = case
    result = invoke("matrix", expr, wrt, "--shape", shapes, "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, result.output
    # the product rule says a constant factor's differential is 0 (dA = 0): that is the one dA a view may show
    shown = _STATED_ZERO[fmt].sub("", result.stdout)
    for name in _problem_names(expr, shapes) - {wrt}:
        assert not _differentials(shown, fmt, name), (expr, wrt, name)


_MARKUP_ZERO = re.compile(r"(?:\\mathrm\{d\}\s*\{?[A-Za-z]\w*\}? = )+0")
_STATED_ZERO = {"text": re.compile(r"(?:(?<![A-Za-z])d[A-Za-z]\w* = )+0"), "rich": re.compile(r"(?:(?<![A-Za-z])d[A-Za-z]\w* = )+0"),
                "markdown": _MARKUP_ZERO, "latex": _MARKUP_ZERO,
                "html": re.compile(r'(?:<mi mathvariant="normal">d</mi><mi>\w+</mi><mo>=</mo>)+<mn>0</mn>')}


def test_a_constant_factor_of_a_product_is_said_to_have_differential_zero():
    """xᵀAx: the product rule over the three factors xᵀ, A, x leaves two terms because dA = 0, which is said."""
    for lang, said in (("en", "over the three factors xᵀ, A, x; A does not depend on x, so dA = 0, and two terms "
                              "are left"),
                       ("ko", "세 인수 xᵀ, A, x 중 A는 x에 의존하지 않으므로 dA = 0이고, 나머지 두 인수를 하나씩 미분한 "
                              "두 항이 남습니다")):
        out = invoke("matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n", "--lang", lang,
                     "--format", "text").stdout
        assert said in out, out
    out = invoke("matrix", "x.T*A*B*x", "x", "--shape", "x=n,1", "--shape", "A=n,n", "--shape", "B=n,n",
                 "--format", "text").stdout
    assert "A, B do not depend on x, so dA = dB = 0" in out, out


def test_the_teachers_norm_example():
    out = invoke("matrix", "norm(A*x)", "x", "--shape", "A=m,n", "--shape", "x=n,1", "--format", "markdown").stdout
    assert r"\mathrm{d}\|A\|" not in out and r"\langle A, \mathrm{d}A\rangle" not in out
    assert r"\mathrm{d}\|P\| = \frac{\langle P, \mathrm{d}P\rangle}{\|P\|}" in out


# --- 2. a step names its rule once


def _heads(lang: str) -> set[str]:
    """The rule names the explanations begin with ("product rule: …", "곱의 미분법: …")."""
    out = set()
    for key, template in CATALOGUES[lang].items():
        if key.startswith("matrix.") and isinstance(template, str) and ": " in template:
            head = template.partition(": ")[0]
            if "{" not in head and len(head) < 40:
                out.add(head)
    return out


def _named_twice(out: str, fmt: str, heads: set[str]) -> list[str]:
    if fmt == "html":
        chunks = out.split("<li")
        return [c for c in chunks for h in heads
                if f'<span class="rule">{html.escape(h)}</span>' in c and f'<div class="why">{html.escape(h)}:' in c]
    if fmt in ("markdown", "latex"):
        return [line for line in out.splitlines() if " — " in line for h in heads
                if h in line.split(" — ")[0] and line.split(" — ", 1)[1].startswith(f"{h}:")]
    lines = out.splitlines()
    strip = " │├└─·╭╮╰╯|"
    return [b for a, b in zip(lines, lines[1:]) for h in heads
            if h in a and b.strip(strip).startswith(f"{h}:")]


@GENERATED
@given(st.one_of(commands, clashing().map(lambda c: ["matrix", c[0], c[1], "--shape", c[2]])),
       st.sampled_from(LANGS), st.sampled_from(HUMAN_FORMATS))
def test_every_step_names_its_rule_once(args, lang, fmt):
    result = invoke(*args, "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert _named_twice(result.stdout, fmt, _heads(lang)) == []


def test_the_teachers_softmax_example_names_each_rule_once():
    out = invoke("backprop", "--layers", "2,3,2", "--output", "softmax", "--loss", "ce", "--lang", "ko",
                 "--format", "markdown").stdout
    assert "**선형성**: " in out and "— 선형성:" not in out and "— 원소별 미분:" not in out
    assert _named_twice(out, "markdown", _heads("ko")) == []


# --- 3. the loss as a textbook states it

_SUM = {"text": "Σᵢ", "rich": "Σᵢ", "markdown": r"\sum_{i}", "latex": r"\sum_{i}",
        "html": "<msub><mo>∑</mo><mi>i</mi></msub>"}


def _statement(out: str, fmt: str) -> str:
    """The problem's statement: the forward pass that ends in L = …"""
    if fmt == "html":
        chain = next(m for m in re.findall(r"<math>.*?</math>", out, flags=re.S) if "<mo>→</mo>" in m)
        return chain.rsplit("<mo>→</mo>", 1)[1]
    return next(line for line in out.splitlines() if "L = " in line)


@GENERATED
@given(st.one_of(layered, single), st.sampled_from(LANGS), st.sampled_from(HUMAN_FORMATS))
def test_the_loss_is_stated_as_a_sum_over_components(args, lang, fmt):
    result = invoke(*args, "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, result.output
    statement = _statement(result.stdout, fmt)
    assert _SUM[fmt] in statement, statement
    assert not re.search(r"(?<![\\a-z])sum|operatorname\{sum\}|hadamard|⊙|odot", statement), statement
    assert ("‖" in statement or r"\|" in statement) == (args[args.index("--loss") + 1] == "mse")


def test_the_teachers_cross_entropy_example():
    out = invoke("backprop", "--lang", "ko", "--format", "markdown", "--loss", "ce").stdout
    assert r"$L = -\sum_{i} [t_{i} \ln z_{i} + \left(1 - t_{i}\right) \ln\left(1 - z_{i}\right)]$" in out
    assert r"\operatorname{sum}" not in out
    softmax = invoke("backprop", "--layers", "2,3,2", "--output", "softmax", "--loss", "ce", "--format", "text").stdout
    assert "L = −Σᵢ tᵢ ln zᵢ" in softmax  # ln in English too, as the scalar views write it


# --- 4. element-wise division written t ⊘ z, its components beside it

_RECIPROCAL = re.compile(r"∘⁻¹|\\circ -1|<mo>∘</mo><mn>-1</mn>")
# The component's left side: −tᵢ/zᵢ after softmax, (1 − tᵢ)/(1 − zᵢ) − tᵢ/zᵢ after a sigmoid (binary cross-entropy).
_COMPONENT = {"text": "∂L/∂zᵢ = ", "rich": "∂L/∂zᵢ", "markdown": r"\frac{\partial L}{\partial z_{i}} = ",
              "latex": r"\frac{\partial L}{\partial z_{i}} = ",
              "html": "<msub><mrow><mi>z</mi></mrow><mrow><mi>i</mi></mrow></msub></mrow></mfrac><mo>=</mo>"}


@GENERATED
@given(st.one_of(commands, st.sampled_from([["matrix", "sum(log(X))", "X", "--shape", "X=n,n"],
                                            ["matrix", "a.T*log(x)", "x", "--shape", "a=n,1 x=n,1"]])),
       st.sampled_from(LANGS), st.sampled_from(HUMAN_FORMATS))
def test_no_hadamard_inverse_is_shown(args, lang, fmt):
    result = invoke(*args, "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert not _RECIPROCAL.search(result.stdout), _RECIPROCAL.search(result.stdout)


@GENERATED
@given(st.one_of(layered, single).filter(lambda a: a[a.index("--loss") + 1] == "ce"),
       st.sampled_from(LANGS), st.sampled_from(HUMAN_FORMATS))
def test_cross_entropys_gradient_is_also_given_by_components(args, lang, fmt):
    out = invoke(*args, "--lang", lang, "--format", fmt).stdout
    assert _COMPONENT[fmt] in out
    assert "⊘" in out or r"\oslash" in out


def test_the_teachers_quotient_example():
    out = invoke("backprop", "--lang", "ko", "--format", "markdown", "--loss", "ce").stdout
    assert r"\left(\mathbf{1} - t\right) \oslash \left(\mathbf{1} - z\right) - t \oslash z" in out
    assert "circ -1" not in out


# --- 5. no English left in the Korean words: softmax is 소프트맥스 함수 there (its formulas keep softmax)


@GENERATED
@given(st.one_of(layered, matrix_commands), st.sampled_from(("latex", "markdown", "html")))
def test_korean_words_name_softmax_in_korean(args, fmt):
    from test_wording import prose

    out = invoke(*args, "--lang", "ko", "--format", fmt).stdout
    assert "softmax" not in prose(out, fmt), prose(out, fmt)


def test_the_teachers_softmax_example_says_소프트맥스_함수():
    out = invoke("backprop", "--layers", "2,3,2", "--output", "softmax", "--loss", "ce", "--lang", "ko").stdout
    assert "소프트맥스 함수의 야코비 행렬" in out and "(소프트맥스 함수의 미분)" in out and "softmax의" not in out


# --- 5. A·X·B: the factors that stay in place are named on their sides, not as a product AB the expression lacks


@GENERATED
@given(clashing(), st.sampled_from(LANGS))
@example(("trace(A*X*B)", "X", "A=n,n X=n,n B=n,n"), "ko")
@example(("trace(2*M*X*N*M)", "X", "M=n,n X=n,n N=n,n"), "en")
def test_constant_factors_on_both_sides_are_named_apart(case, lang):
    from symdiff.matrix import differential as D
    from symdiff.matrix import expr as E
    from symdiff.matrix.api import explain_step
    from symdiff.matrix.printing import text

    expr, wrt, shapes = case
    result = matrix_derivative(expr, wrt, {p.split("=")[0]: tuple(p.split("=")[1].split(",")) for p in shapes.split()})
    for step in (s for top in result.steps for s in top.walk() if isinstance(s, D.LinearRule)):
        factors, i = step.expr.factors, step.index
        if 0 < i < len(factors) - 1:
            words = explain_step(step, text, lang)
            product = text(E.mul(*factors[:i], *factors[i + 1:]))
            assert product not in words and text(factors[0]) in words and text(factors[-1]) in words, words


def test_the_trace_of_a_product_keeps_its_factors_apart():
    out = invoke("matrix", "trace(A*X*B)", "X", "--shape", "A=n,n X=n,n B=n,n", "--lang", "ko").stdout
    assert "A와 B는 X에 의존하지 않으므로 A는 왼쪽에, B는 오른쪽에 그대로 두고 X만 미분합니다." in out
    assert "A*B는" not in out


# --- the kind line says what the layout means for this derivative only

@GENERATED
@given(clashing(), st.sampled_from(LANGS))
def test_the_kind_line_of_a_scalar_function_never_speaks_of_a_jacobian(case, lang):
    """A review found "a vector's derivative … is the m×n Jacobian" under a scalar's gradient whose A was
    the user's own m×n matrix: the line now says only the part of the mixed layout that applies."""
    expr, wrt, shapes = case
    result = invoke("matrix", expr, wrt, "--shape", shapes, "--lang", lang, "--format", "text")
    assert result.exit_code == 0, result.output
    kind_line = result.stdout.splitlines()[2]
    scalar = "scalar by" in kind_line or "스칼라 함수를" in kind_line
    if scalar:
        assert "Jacobian" not in kind_line and "야코비" not in kind_line, kind_line
        assert "m×n" not in kind_line, kind_line


def test_a_read_off_already_in_form_says_what_g_is():
    out = invoke("matrix", "log(det(X))", "X", "--shape", "X=n,n", "--format", "text").stdout
    assert "with Gᵀ = X⁻¹" in out and "in the form tr(Gᵀ·dX) already" not in out, out
    ko = invoke("matrix", "log(det(X))", "X", "--shape", "X=n,n", "--lang", "ko", "--format", "text").stdout
    assert "Gᵀ = X⁻¹" in ko, ko


# ln of a scalar expression: the logarithm's domain is said, and 1/s is seen to cancel against ds
_LOG_OF = st.sampled_from([("det({X})", "{X}={n},{n}"), ("{v}.T*{v}", "{v}={n},1"),
                           ("{v}.T*{M}*{v}", "{v}={n},1 {M}={n},{n}"), ("trace({X}*{X}.T)", "{X}={n},{n}")])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_LOG_OF, st.sampled_from(["A", "X", "B"]), st.sampled_from(LANGS))
@example(("det({X})", "{X}={n},{n}"), "X", "ko")
def test_the_log_of_a_scalar_says_its_domain_and_shows_the_cancellation(inner, letter, lang):
    names = {"X": letter, "v": letter.lower(), "M": "C" if letter != "C" else "D", "n": "n"}
    expr, shapes = (t.format(**names) for t in inner)
    wrt = letter if "{X}" in inner[0] else letter.lower()
    args = ["matrix", f"log({expr})", wrt, *[a for s in shapes.split() for a in ("--shape", s)], "--lang", lang]
    result = matrix_derivative(f"log({expr})", wrt, {p.split("=")[0]: tuple(p.split("=")[1].split(",")) for p in shapes.split()})
    step = next(s for top in result.steps for s in top.walk() if s.rule == "chain")
    assert step.message == "matrix.chain.scalar.log"
    for fmt in ("text", "markdown", "html"):
        out = invoke(*args, "--format", fmt).stdout
        words = html.unescape(re.sub(r"<[^>]+>", "", out)) if fmt == "html" else out
        assert ">0" in words.replace(" ", ""), (fmt, out)
        assert ("1/" in words) if fmt == "text" else ("frac{1}" in out or "<mfrac><mrow><mn>1</mn>" in out), fmt
        assert ("연쇄 법칙" in out) == (lang == "ko") or fmt != "markdown"

