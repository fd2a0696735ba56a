"""A teacher's reading of `backprop --layers` (tanh, softmax and cross-entropy, in English and Korean), as kinds
over generated networks, views and both languages:

1. no notation is used before it is defined: a₁ ⊙ a₁, not a Hadamard square a₁∘² that nothing defines; ⊙, 𝟏
   and ⟨·, ·⟩ defined under the forward pass, before the first row uses them; ⊘ where ∂L/∂z first writes it;
2. 𝟏, the vector of ones, wherever a vector is meant (𝟏 − a₁ ⊙ a₁, tanh′(U) = 𝟏 − tanh(U) ⊙ tanh(U)); 1 only
   beside a scalar (σ′ = σ(1 − σ), 1 − tᵢ);
3. the title is a title, not a fragment ("… through 2 layers, from the output layer back");
4. a Jacobian written with a₁ says what is written with it, and why (the forward pass has computed a₁),
   with Korean particles chosen by what they follow.
(The read-off's identity for ⊘ is checked with the other read-off sentences, tests/test_backprop_sentences.py.)
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke
from test_teacher_backprop import networks

GENERATED = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGS = ("en", "ko")
# the teacher's own command, and one network of each hidden activation
READ = ["backprop", "--layers", "n,h,m", "--activation", "tanh", "--output", "softmax", "--loss", "ce"]
FIXED = [READ] + [["backprop", "--layers", "4,3,2", "--activation", a, "--output", o, "--loss", l]
                  for a, o, l in (("sigmoid", "sigmoid", "ce"), ("relu", "softmax", "mse"), ("identity", "identity",
                                                                                            "mse"))]
variants = st.one_of(st.sampled_from(FIXED), networks().map(lambda drawn: drawn[0]))


def _out(args, lang="en", fmt="text", *extra) -> str:
    result = invoke(*args, "--lang", lang, "--format", fmt, *extra, width="200")
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


# a Hadamard power in each view's notation: ∘² (text), ^{\circ 2} (LaTeX, Markdown), <mo>∘</mo> (MathML)
HADAMARD_POWER = {"text": "∘", "markdown": r"\circ", "latex": r"\circ", "html": "<mo>∘</mo>"}
# where each mark is defined: (the mark, the words that define it in each language)
DEFINED = {"⊙": {"en": "⊙ is the entrywise (Hadamard) product", "ko": "⊙ 기호는 원소별 곱(아다마르 곱)으로"},
           "𝟏": {"en": "𝟏 is the vector whose entries are all 1", "ko": "𝟏 기호는 모든 원소가 1인 벡터입니다"},
           # the legend's letters are the run's own, away from the network's (⟨P, Q⟩ beside W and b)
           "⟨": {"en": "is the inner product", "ko": "는 내적이며"},
           "⊘": {"en": "⊘ is the entrywise division", "ko": "⊘ 기호는 원소별 나눗셈으로"}}


# ---------------------------------------------------------------- 1. defined before it is used

def test_the_notation_checks_can_fail():
    before = "Backpropagation through 2 layers\nx (n) → …\n 10. ∂a₁/∂y₁ = diag(𝟏 − a₁∘²)   (h×h)\n"
    assert HADAMARD_POWER["text"] in before
    assert _first_use_undefined(before, "en") == ["𝟏"]
    assert _first_use_undefined("⊙ is the entrywise (Hadamard) product, (u ⊙ v)ᵢ = uᵢvᵢ.\n 1. a ⊙ b", "en") == []
    assert _vector_ones("tanh′(U) = 1 − tanh(U) ⊙ tanh(U)") and _vector_ones("σ(U) ⊙ (1 − σ(U))")
    assert not _vector_ones("σ′ = σ(1 − σ), (1 − tᵢ)/(1 − zᵢ), σ(s) = 1/(1 + e⁻ˢ)")


def _first_use_undefined(view: str, lang: str) -> list[str]:
    """The marks defined neither before nor where they are first used: not in the first line of `view` that
    uses them, nor in the note under it (a row's value, then its words)."""
    out = []
    lines = view.splitlines()
    for mark, words in DEFINED.items():
        first = next((i for i, line in enumerate(lines) if mark in line), None)
        if first is not None and words[lang] not in " ".join(lines[first:first + 2]):
            out.append(mark)
    return out


@GENERATED
@given(variants, st.sampled_from(LANGS), st.booleans())
def test_every_mark_is_defined_where_it_is_first_used(args, lang, steps):
    view = _out(args, lang, "text", *(() if steps else ("--no-steps",)))
    assert HADAMARD_POWER["text"] not in view, view
    assert _first_use_undefined(view, lang) == [], (args, view)


@GENERATED
@given(variants, st.sampled_from(LANGS), st.sampled_from(("markdown", "latex", "html")))
def test_no_document_writes_a_hadamard_square(args, lang, fmt):
    view = _out(args, lang, fmt)
    assert HADAMARD_POWER[fmt] not in view, (args, fmt)
    # the notation is said before the first row, in the document's own notation
    if fmt == "markdown" and r"\odot" in view:
        assert view.index(r"$\odot$") < view.index(r"\frac{\partial L}{\partial z}")


# ---------------------------------------------------------------- 2. 𝟏 where a vector is meant

# 1 ± something that is a scalar: a component (tᵢ), σ of a scalar, e⁻ˢ
SCALAR_AFTER_ONE = re.compile(r"e⁻ˢ|[a-zσ]ᵢ|σ\)|[a-z]+\(s\)")


def _vector_ones(view: str) -> list[str]:
    """Each 1 ± … in `view` (not 𝟏 ± …) whose other side is no scalar."""
    return [m.group(0) for m in re.finditer(r"(?<![𝟏\w/])1 [−+] (\S+)", view)
            if not SCALAR_AFTER_ONE.match(m.group(1))]


@GENERATED
@given(variants, st.sampled_from(LANGS))
def test_a_vector_of_ones_is_always_bold(args, lang):
    view = _out(args, lang)
    assert _vector_ones(view) == [], args


def test_the_element_wise_rules_write_the_vector_of_ones():
    view = _out(READ)
    assert "tanh′(U) = 𝟏 − tanh(U) ⊙ tanh(U)" in view and "diag(𝟏 − a₁ ⊙ a₁)" in view
    sigmoid = _out(FIXED[1])
    assert "σ′(U) = σ(U) ⊙ (𝟏 − σ(U))" in sigmoid and "σ′ = σ(1 − σ)" in sigmoid  # s a scalar: 1


# ---------------------------------------------------------------- 3. a title, not a fragment

TITLE = {"en": re.compile(r"Backpropagation through a network of (?:one layer|(\d+) layers)"),
         "ko": re.compile(r"(\d+)개 층으로 된 신경망의 역전파")}


@GENERATED
@given(variants, st.sampled_from(LANGS), st.sampled_from(("text", "markdown", "latex", "html")))
def test_the_title_is_a_title(args, lang, fmt):
    view = _out(args, lang, fmt)
    depth = len(args[args.index("--layers") + 1].split(",")) - 1
    title = {"text": lambda: view.splitlines()[0], "markdown": lambda: view.splitlines()[0].removeprefix("### "),
             "latex": lambda: re.search(r"\\section\*\{([^}]*)\}", view).group(1),
             "html": lambda: re.search(r"<h2>([^<]*)</h2>", view).group(1)}[fmt]()
    found = TITLE[lang].fullmatch(title)
    assert found is not None, title
    assert found.group(1) == (None if depth == 1 and lang == "en" else str(depth)), (title, depth)


# ---------------------------------------------------------------- 4. what is written with a₁, and why

def _written_note(view: str) -> list[str]:
    return [line.strip() for line in view.splitlines() if "written with" in line or "써서 나타냈습니다" in line]


@GENERATED
@given(variants, st.sampled_from(LANGS))
def test_a_jacobian_written_with_its_activation_says_what_and_why(args, lang):
    from symdiff.core.korean import particle

    view = _out(args, lang)
    why = "already computed in the forward pass" if lang == "en" else "순전파에서 이미 계산한"
    for note in _written_note(view):
        if "Softmax" in note or "소프트맥스" in note:  # its own sentence: why it is not diagonal
            continue
        # σ′(y₂) = z ⊙ (𝟏 − z) is written with z: the derivative, equal to a formula in the name, then why
        said = re.search(r"(\S+′\(y[₀-₉]+\) = .+?)(?: is written with |(은|는) 순전파에서 이미 계산한 )(\S+?)"
                         r"(?:, already|(을|를) 써서)", note)
        assert said is not None and why in note, note
        derivative, topic, name, object_ = said.groups()
        assert name in derivative, note  # written with it: the name is in the formula
        if lang == "ko":
            assert topic == particle(derivative, "은/는") and object_ == particle(name, "을/를"), note


def test_the_teachers_network_in_both_languages():
    en, ko = _out(READ), _out(READ, "ko")
    assert ("tanh′(y₁) = 𝟏 − a₁ ⊙ a₁ is written with a₁, already computed in the forward pass" in en)
    assert "tanh′(y₁) = 𝟏 − a₁ ⊙ a₁은 순전파에서 이미 계산한 a₁을 써서 나타냈습니다" in ko
    assert "\na₁로 나타냈습니다" not in ko and "; written with a₁." not in en
