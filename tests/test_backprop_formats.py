"""`backprop --layers` in every document format says the same derivation (renderers read the same tree):

1. every step and sub-step the Markdown lists under a row (its rule's name in bold) is in the LaTeX and the HTML
   of the same run, as many times: the LaTeX once had the rows alone, so the softmax's ∂z/∂y₂ = diag(z) − zzᵀ
   was stated with no derivation of it;
2. a Korean document's bold words (headings, rule names) are set in a bold Hangul face: the Korean font stack
   had a regular face only, and lualatex set the headings' Hangul regular.
"""

from __future__ import annotations

import html
import json
import re
import zlib
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.render import latex as render_latex
from test_latex_documents import _compile, _engine_ready
from test_teacher_backprop import networks

GENERATED = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGS = ("en", "ko")
SOFTMAX = ["backprop", "--layers", "4,3,2", "--activation", "relu", "--output", "softmax", "--loss", "ce"]
FIXED = [SOFTMAX, ["backprop", "--layers", "n,h,m", "--activation", "tanh", "--output", "sigmoid", "--loss", "ce"],
         ["backprop", "--layers", "3,2,2,2", "--activation", "sigmoid,identity", "--output", "identity"]]
variants = st.one_of(st.sampled_from(FIXED), networks().map(lambda drawn: drawn[0]))


def _out(args, lang: str, fmt: str) -> str:
    result = invoke(*args, "--lang", lang, "--format", fmt, width="200")
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


# ---------------------------------------------------------------- 1. the same steps in every document

def _markdown_titles(view: str) -> Counter:
    """The rule names of the steps listed under the rows (nested items "  - **name**: …")."""
    return Counter(re.findall(r"^ +- \*\*(.+?)\*\*:", view, re.M))


def _latex_titles(view: str) -> Counter:
    return Counter(re.findall(r"\\textbf\{(.+?)\}:", view))


def _html_titles(view: str) -> Counter:
    return Counter(re.findall(r'<span class="rule">(.+?)</span>', view))


def test_the_title_readers_can_fail():
    markdown = "- $x$ — note\n  - **Linearity**: $a$ — why\n    - **Entrywise rule**: $b$\n> **Layer 2.**\n"
    assert _markdown_titles(markdown) == Counter({"Linearity": 1, "Entrywise rule": 1})
    assert _latex_titles(r"\intertext{\leftskip=1em\relax \textbf{Linearity}: $a$}") == Counter({"Linearity": 1})
    assert _latex_titles(r"\intertext{Linearity: $a$}") == Counter()


@GENERATED
@given(variants, st.sampled_from(LANGS))
def test_every_step_of_the_markdown_is_in_the_latex_and_html(args, lang):
    titles = _markdown_titles(_out(args, lang, "markdown"))
    assert titles, args  # ∂L/∂z and each Jacobian are derived by the engine's steps
    latex = _latex_titles(_out(args, lang, "latex"))
    assert latex == Counter({render_latex.escape_text(t): n for t, n in titles.items()}), (args, titles, latex)
    page = _html_titles(_out(args, lang, "html"))
    assert page == Counter({html.escape(t): n for t, n in titles.items()}), (args, titles, page)


@pytest.mark.parametrize("lang", LANGS)
def test_the_softmax_jacobian_is_derived_in_latex(lang):
    """The brief's example: the softmax's Jacobian and its read-off under ∂z/∂y₂, as the Markdown has them."""
    view = _out(SOFTMAX, lang, "latex")
    rule = {"en": "Softmax rule", "ko": "소프트맥스 함수의 미분"}[lang]
    assert re.search(r"\\intertext\{\\leftskip=1em\\relax \\textbf\{" + rule + r"\}: \$\\mathrm\{d\}z = "
                     r"\\left\(\\operatorname\{diag\}\\left\(z\\right\) - z z\^\{\\top\}\\right\)", view), view


# ---------------------------------------------------------------- 2. bold Hangul

def _pdf_fonts(pdf: bytes) -> set[str]:
    """The base fonts a PDF embeds, its compressed object streams read too."""
    texts = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            texts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass
    return {name.decode() for t in texts for name in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([^\s/\]>]+)", t)}


def test_a_korean_heading_is_set_in_a_bold_hangul_face(tmp_path):
    why = _engine_ready("ko")
    if why:
        pytest.skip(why)
    fonts = {}
    for weight, body in (("regular", "가나다"), ("bold", r"\section*{가나다}")):
        folder = tmp_path / weight
        folder.mkdir()
        _compile(folder, render_latex.document(body + "\n", "ko"), "ko")
        # the Hangul face: the one font that is not Latin Modern
        fonts[weight] = {f for f in _pdf_fonts((folder / "doc.pdf").read_bytes()) if not f.startswith("LMRoman")}
    assert len(fonts["regular"]) == 1 and len(fonts["bold"]) == 1, fonts
    assert fonts["bold"] != fonts["regular"], fonts


# ---------------------------------------------------------------- 3. one letter, one meaning

# The general formulas a run states (the legend, the rules, the read-offs), each with the role of each letter it
# captures: a letter is a matrix, a column, a divisor… throughout one run, and never one of the network's own.
ROLES = (
    (r"\((\w) ⊙ (\w)\)ᵢ = \w", ("column", "column")),  # the legend's ⊙
    (r"(?:division|나눗셈으로), \((\w) ⊘ (\w)\)ᵢ", ("column", "column")),  # the legend's ⊘
    (r"⟨(\w), (\w)⟩ = Σᵢⱼ", ("matrix", "matrix")),  # the legend's inner product
    (r"⟨(\w), (\w)⟩ = \wᵀ·?\w", ("column", "column")),  # … of columns
    (r"(\w)ᵀ·?(\w) = ⟨\w, \w⟩", ("column", "column")),  # a read-off's move of a dot product
    (r"⟨(\w), (\w) ⊘ (\w)⟩ = ", ("matrix", "matrix", "divisor")),  # … of a division
    (r"⟨(\w), (\w) ⊙ (\w)⟩ = ", ("matrix", "factor", "matrix")),  # … of an entrywise product
    (r"d\w = ⟨(\w), d(\w)⟩ (?:giving|이면)", ("gradient", "matrix")),  # each gradient read off its term
    (r"(\w) = softmax\((\w)\)", ("softmax", "column")),
    (r"d\((\w) \+ (\w)\) = d", ("matrix", "matrix")),  # the sum rule
    (r"d\((\w)(\w)\) = \(d", ("matrix", "matrix")),  # the product rule
    (r"diag\((\w)\)·?(\w) = \w ⊙ \w", ("column", "column")),
    (r"(?:relu′|σ)\((\w)\)", ("scalar",)),  # relu′(s), σ(s) = 1/(1 + e⁻ˢ)
)
# the network's own letters, in either case (A beside a₁ reads as a₁, X beside x as x)
NETWORK = set("xXwWbByYaAzZtTlL")


def _roles(view: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for pattern, roles in ROLES:
        for m in re.finditer(pattern, view):
            for letter, role in zip(m.groups(), roles):
                out.setdefault(letter, set()).add(role)
    return out


def _collisions(view: str, sizes) -> list[str]:
    """Each letter of a general formula with two roles, or that is a letter of the network's (its sizes'
    names too)."""
    taken = NETWORK | {c for size in sizes if isinstance(size, str) for c in (size.lower(), size.upper())}
    roles = _roles(view)
    return sorted([f"{letter}: {' and '.join(sorted(r))}" for letter, r in roles.items() if len(r) > 1]
                  + [f"{letter}: the network's" for letter in roles if letter in taken])


def test_the_letter_checks_can_fail():
    old = ("⊘ is the entrywise division, (u ⊘ v)ᵢ = uᵢ/vᵢ. ⟨A, B⟩ = Σᵢⱼ AᵢⱼBᵢⱼ is the inner product\n"
           "(aᵀ·u = ⟨a, u⟩; ⟨A, M ⊘ G⟩ = ⟨A ⊘ G, M⟩) … With s = softmax(A) = exp(A)/sum(exp(A)) … "
           "dL = ⟨G, dX⟩ giving ∂L/∂X = G … H(s) is relu's derivative relu′(s)")
    assert _collisions(old, [4, 3]) == ["A: column and matrix", "A: the network's", "B: the network's",
                                        "G: divisor and gradient", "X: the network's", "a: the network's",
                                        "s: scalar and softmax"]
    assert _collisions("⟨P, Q⟩ = Σᵢⱼ PᵢⱼQᵢⱼ … d(P + Q) = dP + dQ", ["n", "p"]) == ["P: the network's"]


names = st.lists(st.sampled_from(["n", "m", "h", "k", "p", "q", "u", "v", "d", "g", "c", "e"]), min_size=2,
                 max_size=4, unique=True)


@st.composite
def lettered(draw):
    """A generated network, its sizes all names or all numbers: a size's name is a letter the rules avoid too."""
    args, sizes, activations, output = draw(networks())
    if draw(st.booleans()):
        sizes = draw(names.filter(lambda n: len(n) == len(sizes)) | st.just(["n", "u", "v", "p"][:len(sizes)]))
        args = [*args[:2], ",".join(sizes), *args[3:]]
    return args, sizes


@GENERATED
@given(st.one_of(st.sampled_from([(args, args[2].split(",")) for args in FIXED]), lettered()),
       st.sampled_from(LANGS))
def test_no_letter_means_two_things_in_one_run(drawn, lang):
    args, sizes = drawn
    view = _out(args, lang, "text")
    assert _collisions(view, sizes) == [], (args, view)
    assert "sum(" not in view, view  # code's notation: a sum is Σᵢ or 𝟏ᵀ(·)


@GENERATED
@given(variants, st.sampled_from(LANGS))
def test_one_product_notation_in_every_formula(args, lang):
    """The rows juxtapose (δ₂ᵀdW₂a₁): no formula a line states beside them writes a product with a dot."""
    markdown = _out(args, lang, "markdown")
    math = re.findall(r"\$\$?([^$]+)\$\$?", markdown)
    assert not [m for m in math if r"\cdot" in m], (args, [m for m in math if r"\cdot" in m])
    page = _out(args, lang, "html")
    assert "<mo>·</mo>" not in page and "<mo>⋅</mo>" not in page, args


# ---------------------------------------------------------------- 4. leftovers

def test_the_particle_reader_reads_a_subscript_letter():
    from symdiff.core import korean

    assert korean.name("bₗ") == "비 엘" and korean.text("Wₗ") == "더블유 엘"
    # 엘 ends in ㄹ: 은, 과, and 로 (not 으로) after it; a subscript digit as before
    assert [korean.particle(name, spec) for name, spec in (("bₗ", "은/는"), ("Wₗ", "과/와"), ("aₗ", "으로/로"),
                                                           ("b₂", "은/는"), ("yᵢ", "이/가"))] == ["은", "과", "로",
                                                                                                  "는", "가"]


@GENERATED
@given(variants, st.sampled_from(("text", "markdown", "latex", "html")))
def test_the_korean_symbols_sentence_names_each_symbol_first(args, fmt):
    view = _out(args, "ko", fmt)
    plain = re.sub(r"[${}\\]|_|<[^>]+>|mathbf|operatorname", "", view)
    assert re.search(r"여기서 x는 입력, W(?:ₗ|l|₁|1)과 b(?:ₗ|l|₁|1)[은는] ", plain), (args, view[:600])


@GENERATED
@given(variants, st.sampled_from(LANGS), st.sampled_from(("text", "markdown", "latex", "html", "rich")))
def test_the_results_alone_still_say_what_each_symbol_is(args, lang, fmt):
    view = invoke(*args, "--lang", lang, "--format", fmt, "--no-steps", width="200").stdout
    said = {"en": r"Here .*x.* is the input", "ko": r"여기서 .*x.*[는은] 입력"}[lang]
    assert re.search(said, view), (args, view[:400])
    assert view.count({"en": "is the input", "ko": "입력,"}[lang]) == 1, view


AT = '{"x": [1, 2], "t": [0, 1], "W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0, 0]}'


def _english_words(text: str) -> list[str]:
    """Latin words of three letters or more: none belongs in a Korean message (options are slots, --lr)."""
    return re.findall(r"(?<![-\w])[A-Za-z]{3,}", re.sub(r"--\w+|symdiff \w+|-h\b", "", text))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.floats(1.01e6, 1e300).map(lambda v: ["--lr", f"{v:g}"]),
                 st.floats(1e-320, 2e-308).filter(lambda v: 0 < v < 2.2e-308).map(lambda v: ["--lr", repr(v)]),
                 st.floats(1.01e12, 1e300).map(lambda v: ["--at-x", f"{v:g}"]),
                 st.integers(10 ** 12 + 1, 10 ** 40).map(lambda v: ["--at-x", str(v)])))
def test_the_limits_of_lr_and_at_are_said_in_korean(extra):
    if extra[0] == "--at-x":
        args = ["--at", AT.replace('"x": [1, 2]', f'"x": [{extra[1]}, 2]')]
    else:
        args = ["--at", AT, *extra]
    result = invoke("backprop", "--layers", "2,2", *args, "--lang", "ko")
    assert result.exit_code != 0 and "오류" in result.stderr, (extra, result.output)
    assert _english_words(result.stderr) == [], (extra, result.stderr)
    english = invoke("backprop", "--layers", "2,2", *args)
    assert _english_words(english.stderr), english.stderr  # the check reads English where there is some


@pytest.mark.parametrize("lang", LANGS)
def test_a_step_that_overshoots_says_so(lang):
    """η = 1e5 jumps the weights from 0.4 to 29256: the loss after it underflows a float, and the view said
    "loss 0.224913 → 0: the loss went down"."""
    view = invoke("backprop", "--layers", "2,2", "--at", AT, "--lr", "1e5", "--lang", lang, "--format", "text").stdout
    assert not re.search(r"→ 0\b", view), view
    assert {"en": "it overshoots", "ko": "훌쩍 지나쳐"}[lang] in view, view
    record = json.loads(invoke("backprop", "--layers", "2,2", "--at", AT, "--lr", "1e5", "--format", "json").stdout)
    assert [n["kind"] for n in record["numeric"]["notes"]] == ["overshoot"], record["numeric"]["notes"]
    calm = json.loads(invoke("backprop", "--layers", "2,2", "--at", AT, "--lr", "0.5", "--format", "json").stdout)
    assert "notes" not in calm["numeric"], calm["numeric"]


@pytest.mark.parametrize("fmt", ("text", "markdown", "latex", "html", "json"))
@pytest.mark.parametrize("lang", LANGS)
def test_relu_is_explained_with_the_unit_step(fmt, lang):
    view = invoke("partial", "relu(x)", "x", "--lang", lang, "--format", fmt).stdout
    if fmt == "json":  # the result is data in SymPy's syntax, Heaviside(x, 0); the explanation is words
        view = json.loads(view)["steps"][0]["explanation"]
    assert "Heaviside" not in view and "H(0) = 0" in view, view


def test_the_help_writes_the_minus_it_writes_elsewhere():
    """Help is Unicode already (δ, σ, ½‖z − t‖²): its example's δ = z − t takes the same minus."""
    view = invoke("backprop", "--help", width="200").stdout
    assert "z − t" in view and not re.search(r"\w - \w", view), view
