"""Issue 16, "explanations a teacher would sign": the words of the scalar derivation steps, over
generated expressions, in every human format and both languages.

- A constant-multiple step states its formula on its own expression, as its claim line shows it
  (∂/∂x [x²·y] = y·∂/∂x x², never [y·x²] as if that were what the user typed); in Korean a factor that
  is the held variable itself is named once (no "y를 상수로 보면 y는").
- A sum is the sum rule (합의 미분법), a difference the difference rule (차의 미분법), both signs the sum
  and difference rule (합·차의 미분법), in the opening and the closing line; JSON's rule stays `sum`.
- English explanation sentences begin with a capital; mathematics that begins one stays as written.
- e to a power is written e^… (eˣ, e^(x²), e^{x²}), never exp(…), so a chain rule's eᵘ and its
  substituted function read as one.
- A point is one formula, (x, y) = (1, 2) or x = 1; values at it are written in the textbook's factor
  order, sec(1)·tan(1).
"""

from __future__ import annotations

import json
import re

from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symdiff.scalar.rules import derive

HUMAN_FORMATS = ("text", "rich", "latex", "markdown", "html")
LANGS = ("en", "ko")
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# factors of a product, some free of x (constant in ∂/∂x), in the order the user types them
_FACTORS = ["x^2", "x", "sin(x)", "exp(x^2)", "y", "y^3", "3", "2", "cos(y)", "x^3", "exp(y)", "z"]
products = st.lists(st.sampled_from(_FACTORS), min_size=2, max_size=4).map("*".join)
terms = st.one_of(products, st.sampled_from(_FACTORS))
sums = st.tuples(terms, st.sampled_from([" + ", " - "]), terms).map("".join)
# e to exponents with and without a raised form, inside other functions and products
exponents = st.sampled_from(["x", "x^2", "-x^2", "sin(x)", "x*y", "2*x + 1", "x/y", "x^3*y^2*z", "sqrt(x)", "pi*x"])
exponentials = st.tuples(st.sampled_from(["exp({})", "y*exp({})", "exp({})^2 + x", "sin(exp({}))", "x*exp({})"]),
                         exponents).map(lambda t: t[0].format(t[1]))


def _run(*args, fmt: str = "text", lang: str = "en") -> str:
    result = invoke(*args, "--format", fmt, "--lang", lang, width="200")
    assume(result.exit_code == 0 and result.stdout.strip())  # generated input can be refused rightly
    return result.stdout


# --- 1. a constant-multiple step keeps its own expression --------------------------------------------

_CLAIM = re.compile(r"^\s*[\d.]+ ∂/∂x \[(.*)\]   \((?:constant multiple rule|상수배의 미분법)\)$")
_STATED = re.compile(r"∂/∂x \[(.*?)\] = ")


@SETTINGS
@given(products, st.sampled_from(LANGS))
def test_a_constant_multiple_formula_states_the_steps_own_expression(f, lang):
    lines = _run("partial", f, "x", lang=lang).splitlines()
    found = 0
    for claim, words in zip(lines, lines[1:]):
        m = _CLAIM.match(claim)
        if m is None:
            continue
        stated = _STATED.search(words)
        assert stated is not None, words
        assert stated.group(1) == m.group(1), (claim, words)  # not the factor moved to the front
        found += 1
    assume(found)


def test_the_teachers_constant_multiple_example():
    out = invoke("partial", "x^2*y", "x", "--format", "text").stdout
    assert "∂/∂x [x²·y] = y·∂/∂x x²" in out and "[y·x²]" not in out
    ko = invoke("partial", "x^2*y", "x", "--format", "text", "--lang", "ko").stdout
    assert "y를 상수로 보므로 상수 인수로 앞에 꺼내면 ∂/∂x [x²·y] = y·∂/∂x x²입니다." in ko


_SAID_TWICE = re.compile(r"(\S+)[을를] 상수로 보면 \1[은는] ")


@SETTINGS
@given(products, st.sampled_from(HUMAN_FORMATS))
def test_korean_names_a_held_factor_once(f, fmt):
    out = _run("grad", f, fmt=fmt, lang="ko")
    assert not _SAID_TWICE.search(out), _SAID_TWICE.search(out).group(0)


def test_a_held_factor_that_is_more_than_the_variable_is_still_named():
    ko = invoke("partial", "x^2*y", "y", "--format", "text", "--lang", "ko").stdout
    assert "x를 상수로 보면 x²은 상수 인수이므로" in ko  # x² is not x: both are said


# --- 2. the sum rule, the difference rule ----------------------------------------------------------
# Named by what the expression has, as a textbook says it: the derivative of a sum is the sum of the
# derivatives (sum rule, 합의 미분법), of a difference the difference (difference rule, 차의 미분법); with
# both signs, the sum and difference rule (합·차의 미분법), the rule book's one entry. The closing line
# adds, subtracts, or does both. JSON's rule stays the contract's `sum`.

# terms with no sign inside them: the printed claim's top-level signs are the expression's own
_SIGNLESS = ["x^2", "x", "sin(x)", "3*x", "x*y", "y", "5", "x^3", "exp(x)", "2*x^4", "cos(x)*y"]
signed_sums = st.lists(st.tuples(st.sampled_from(["+", "-"]), st.sampled_from(_SIGNLESS)), min_size=2, max_size=4,
                       unique_by=lambda t: t[1]).map(lambda ts: " ".join(f"{sign} {term}" for sign, term in ts))
_WORDS = {"en": {"sum": ("(sum rule)", "Sum rule: the derivative of a sum is the sum of the derivatives", "Adding the results"),
                 "difference": ("(difference rule)", "Difference rule: the derivative of a difference is the difference "
                                "of the derivatives", "Adding the results, each with its sign"),
                 "both": ("(sum and difference rule)", "Sum and difference rule:", "Adding the results, each with its sign")},
          "ko": {"sum": ("(합의 미분법)", "합의 미분법: 합의 도함수는 도함수의 합이므로", "각 항을 미분한 결과를 더하면"),
                 "difference": ("(차의 미분법)", "차의 미분법: 차의 도함수는 도함수의 차이므로", "각 항을 부호와 함께 미분한 결과를 더하면"),
                 "both": ("(합·차의 미분법)", "합·차의 미분법:", "각 항을 부호와 함께 미분한 결과를 더하면")}}


def _kind(claim: str) -> str:
    """sum, difference or both, read off the printed expression: a minus before the first term is its
    sign (−2x⁴ + x² is a sum), one between terms subtracts."""
    minus = " − " in claim
    return "both" if minus and " + " in claim else "difference" if minus else "sum"


@SETTINGS
@given(signed_sums, st.sampled_from(LANGS))
def test_a_sum_is_named_by_what_it_has(f, lang):
    assume(derive(f, "x").rule == "sum")
    out = _run("partial", f, "x", lang=lang)
    head = next(line for line in out.splitlines() if line.startswith("  1. "))
    claim = re.match(r"  1\. \S+ \[(.*)\]   \(", head).group(1)
    tag, opening, closing = _WORDS[lang][_kind(claim)]
    assert head.endswith(tag), (f, head)
    assert opening in out and closing in out, (f, out)
    others = {k: w for k, w in _WORDS[lang].items() if k != _kind(claim)}
    assert not any(w[0] in out for w in others.values()), (f, out)
    record = json.loads(invoke("partial", f, "x", "--format", "json").stdout)
    assert record["steps"][0]["rule"] == "sum"  # the contract's rule name


@SETTINGS
@given(sums, st.sampled_from(["latex", "markdown", "html", "rich"]))
def test_every_view_names_a_sum_or_a_difference_so(f, fmt):
    step = derive(f, "x")
    assume(step.rule == "sum")
    en, ko = _run("partial", f, "x", fmt=fmt), _run("partial", f, "x", fmt=fmt, lang="ko")
    kind = step.message.removeprefix("sum.") if step.message != "sum" else "sum"
    name = {"sum": ("um rule", "합의 미분법"), "difference": ("ifference rule", "차의 미분법"),
            "both": ("um and difference rule", "합·차의 미분법")}[kind]
    assert name[0] in en
    # LaTeX's text sets the middle dot as the math \cdot, as it does every · of a sentence
    assert (name[1].replace("·", "$\\cdot$") if fmt == "latex" else name[1]) in ko


def test_the_teachers_difference():
    out = invoke("partial", "x^2 - y", "x", "--format", "text").stdout
    assert "(difference rule)" in out and "Difference rule: the derivative of a difference is the difference of the " \
        "derivatives" in out and "Adding the results, each with its sign: 2·x" in out
    # the subtracted term is differentiated with its sign (d/dx [−y]), so nothing is subtracted twice
    assert "Subtracting" not in out
    out = invoke("partial", "x^2 + y", "x", "--format", "text").stdout
    assert "(sum rule)" in out and "Sum rule:" in out and "Adding the results" in out
    ko = invoke("partial", "x^3 - 6*x + 1", "x", "--format", "text", "--lang", "ko").stdout
    assert "(합·차의 미분법)" in ko and "각 항을 부호와 함께 미분한 결과를 더하면 3·x² − 6입니다." in ko


# --- 3. English sentences begin with a capital -------------------------------------------------------

# A line of the text view that begins with a word written lower-case: the first word of a sentence.
# Mathematics begins with a symbol, a single letter (y is a function of x) or a name and a bracket (sin(x)).
# A step number ends in a full stop (1.2.); a number without one is mathematics (3 is a constant factor).
_LOWER_WORD = re.compile(r"^[\s│├└─┬╭╰]*(?:\d+(?:\.\d+)*\.\s+)?([a-z][a-z]+)(?=[ ,:;])")


@SETTINGS
@given(st.one_of(products, sums, exponentials), st.sampled_from(["text", "rich"]),
       st.sampled_from([("partial", "x"), ("grad",), ("grad", "--at", "x=1,y=2,z=3"), ("hessian",)]))
def test_english_sentences_begin_with_a_capital(f, fmt, command):
    out = _run(command[0], f, *command[1:], fmt=fmt)
    for line in out.splitlines():
        m = _LOWER_WORD.match(line)
        assert m is None, line


@SETTINGS
@given(st.one_of(products, sums), st.sampled_from(["markdown", "html"]))
def test_a_documents_rule_names_and_closing_lines_begin_with_a_capital(f, fmt):
    out = _run("partial", f, "x", fmt=fmt)
    assert not re.search(r'- \*\*[a-z]|class="rule">[a-z]|class="closing">[a-z]|^\s*- [a-z]{2,} ', out, re.M), out


def test_implicit_differentiates_with_respect_to_x():
    for equation in ("x^2 + y^2 = 25", "x^2*y + y^3 = x"):
        out = invoke("implicit", equation, "--format", "text").stdout
        # "divide both sides by x² + 3·y²" is right; differentiating "by x" is not
        assert "with respect to x" in out and not re.search(r"differentiat\w* (?:both sides )?by x\b", out)
        assert "The left side," in out
        ko = invoke("implicit", equation, "--format", "text", "--lang", "ko").stdout
        assert "x에 대하여 미분" in ko and "x에 대해 미분" not in ko


# --- 4. e to a power ----------------------------------------------------------------------------------

# The documents typeset every power of e as one (e^{x^2}). The text and terminal views raise what they
# can (eˣ, e²ˣ) and write exp(x²) where nothing raises the exponent: a caret is no notation of a human
# view (issue 16), and exp(…) is the textbooks' own one-line form of e to a long power.
@SETTINGS
@given(exponentials, st.sampled_from(["markdown", "latex", "html"]), st.sampled_from(LANGS))
def test_no_document_writes_exp(f, fmt, lang):
    out = _run("partial", f, "x", fmt=fmt, lang=lang)
    shown = out if fmt != "html" else re.sub(r"<style>.*?</style>", "", out, flags=re.S)
    assert "exp(" not in shown and r"\exp" not in shown and "<mi>exp</mi>" not in shown, shown


def test_the_teachers_chain_of_e():
    out = invoke("partial", "exp(x^2)*y", "x", "--format", "text").stdout
    assert "∂/∂x eᵘ = eᵘ·∂u/∂x" in out and "exp(x²)·2·x" in out and "^" not in out


# --- 5. a point, and the values at it ------------------------------------------------------------------

@SETTINGS
@given(products, st.integers(-3, 3), st.integers(-3, 3), st.sampled_from(LANGS),
       st.sampled_from([("grad",), ("hessian",), ("partial", "x")]))
def test_a_point_is_one_formula(f, a, b, lang, command):
    assume("z" not in f)
    out = _run(command[0], f, *command[1:], "--at", f"x={a},y={b}", lang=lang)
    assert f"(x, y) = ({a}, {b})".replace("-", "−") in out  # the text view's minus sign
    assert f"x={a}" not in out and f"x = {a}, y" not in out


def test_a_point_of_one_variable():
    out = invoke("partial", "x^2", "x", "--at", "x=1", "--format", "text").stdout
    assert "At x = 1: df/dx = 2" in out


@SETTINGS
@given(st.sampled_from(["sec({})", "2*sec({})", "csc({})", "sec({})^2", "sech({})"]),
       st.sampled_from(["x", "2*x", "x + 1"]), st.sampled_from(["1", "1/2", "2"]),
       st.sampled_from(["text", "markdown", "latex"]))
def test_values_at_a_point_keep_the_textbook_factor_order(f, arg, at, fmt):
    text = f.format(arg)
    for command in (("partial", text, "x", "--at", f"x={at}"), ("tangent", text, "--at", f"x={at}")):
        out = _run(*command, fmt=fmt)
        # the partner (tan, cot, tanh) is never written before the sec, csc or sech at the same argument
        assert not re.search(r"tan\(([^()]*)\)·sec\(\1\)|cot\(([^()]*)\)·csc\(\2\)|tanh\(([^()]*)\)·sech\(\3\)", out), out
        assert not re.search(r"\\tan\{?\\left\((.*?)\\right\)\}? \\sec|\\tan (\S+) \\sec \2|\\cot (\S+) \\csc \3", out), out


def test_the_teachers_secant():
    assert "sec(1)·tan(1)" in invoke("partial", "sec(x)", "x", "--at", "x=1", "--format", "text").stdout
    out = invoke("tangent", "sec(x)", "--at", "x=1", "--format", "text").stdout
    assert "f′(1) = sec(1)·tan(1)" in out and "tan(1)·sec(1)" not in out


# --- 4. one naming scheme for every rule tag -----------------------------------------------------------
# A step's tag is its rule's full name, the name its explanation opens with: "(power rule)" above
# "Power rule: …", beside a leaf's "(identity rule)"; never "(power)" beside "(identity rule)".

_TAGGED = re.compile(r"^( +)[\d.]+ .*   \(([^()]*(?:\([^()]*\))?[^()]*)\)$")
mixed = st.one_of(sums, products, exponentials, st.sampled_from(["sin(x^2)*x", "ln(x)/x", "abs(x)^3", "x^x",
                                                                 "sqrt(x^2 + 1)", "atan(x)*exp(x)"]))


@SETTINGS
@given(mixed, st.sampled_from(LANGS))
def test_every_tag_is_the_name_its_explanation_opens_with(f, lang):
    lines = _run("partial", f, "x", lang=lang).splitlines()
    tags = 0
    for line, below in zip(lines, lines[1:] + [""]):
        m = _TAGGED.match(line)
        if m is None:
            continue
        tags += 1
        tag = m.group(2)
        if lang == "en":
            assert tag.endswith(" rule") or tag in ("logarithmic differentiation",) or tag.startswith("rewrite"), line
        name = below.strip().partition(": ")[0] if ": " in below and not re.match(r"\s*[\d.]+ ", below) else None
        if name and not re.match(r"(Substituting|Adding|Subtracting|Multiplying|대입|각 항|상수 인수)", name):
            assert re.sub(r"\s*\([^()]*\)$", "", name).casefold() == tag.casefold(), (line, below)
    assume(tags)
