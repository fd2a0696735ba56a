"""Reviewers' defects in backprop's explanations (teachers comparing it with OpenStax Calculus and Korean
미적분 textbooks), as kinds over generated networks, views and languages:

1. a quantity the forward pass names (z = softmax(y₂), a₁ = σ(y₁), y₂ = W₂a₁ + b₂) is written by its name
   in every later line, never in full again;
2. an English line of words is a sentence: a capital first (a formula may begin it) and a full stop;
3. softmax's Jacobian is stated once, on its row, and referred to by its name after;
4. the move ⟨A, K ⊙ M⟩ = ⟨K ⊙ A, M⟩ is said in words before its formula.
The same kinds in `matrix`, whose read-off and rules share the words."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke
from test_teacher_backprop import networks

GENERATED = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGS = ("en", "ko")

SOFTMAX = ["backprop", "--layers", "4,3,2", "--activation", "relu", "--output", "softmax", "--loss", "ce"]
SIGMOID = ["backprop", "--layers", "3,2,2", "--activation", "sigmoid", "--output", "sigmoid", "--loss", "ce"]


def _out(args, lang="en", fmt="text") -> str:
    result = invoke(*args, "--lang", lang, "--format", fmt, width="200")
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


# ---------------------------------------------------------------- 1. a named quantity keeps its name

# what a forward pass names, written in full: an activation of some y (softmax(y₂), σ(y₁), tanh(y₁), relu(y₁))
# or an affine map (W₂a₁ + b₂); in Unicode (text) and in LaTeX (Markdown, LaTeX)
IN_FULL = re.compile(r"(?:softmax|σ|tanh|relu)\(y|W[₀-₉]+(?:a[₀-₉]+|x) \+ b"
                     r"|\\operatorname\{softmax\}\\left\(y|\\sigma\\left\(y|W_\{\d+\} (?:a_\{\d+\}|x) \+ b")


def _after_forward(view: str, fmt: str) -> str:
    """The view after the line that names every quantity (the forward pass)."""
    marker = {"text": "→ L =", "markdown": "$L = ", "latex": r"\to L ="}[fmt]
    return view.split(marker, 1)[1].split("\n", 1)[1]


def test_the_named_check_can_fail():
    for full in ("d(softmax(y₂)) = (diag(softmax(y₂)) − softmax(y₂)softmax(y₂)ᵀ)dy₂", "d(W₂a₁ + b₂) = W₂da₁",
                 "written with a₁ = σ(y₁)", r"\operatorname{softmax}\left(y_{2}\right)", r"W_{2} a_{1} + b_{2}"):
        assert IN_FULL.search(full), full
    for named in ("dz = (diag(z) − zzᵀ)dy₂", "dy₂ = W₂da₁", "σ′(y₁) ⊙ (W₂ᵀδ₂)", "d σ(U) = σ′(U) ⊙ dU",
                  "dy₂ = dW₂a₁ + db₂ + W₂da₁"):
        assert not IN_FULL.search(named), named


@GENERATED
@given(networks(), st.sampled_from(LANGS), st.sampled_from(("text", "markdown", "latex")))
def test_a_named_quantity_is_not_written_in_full_again(drawn, lang, fmt):
    args = drawn[0]
    later = _after_forward(_out(args, lang, fmt), fmt)
    found = IN_FULL.search(later)
    assert found is None, (args, later[max(0, found.start() - 200):found.end() + 100])


# ---------------------------------------------------------------- 2. sentences

# an English word of two letters or more that begins a line, lower-case; a formula (diag(g)·v, ln(U) is,
# df = …, yᵢ = …) is no word: a word is followed by punctuation, or by a space and no sign
LOWER_WORD = re.compile(r"^[a-z][a-z'’-]+(?=[,;:.]|\s(?![=+−⊙⊘·]))")


def _explanations(view: str) -> list[str]:
    """The lines of words in the text view: the note under each numbered row, the words under each step of
    a derivation (· claim (rule), then its words; or · (rule) words), and the sentences before the rows."""
    lines = view.splitlines()
    out = []
    for i, line in enumerate(lines):
        body = line.strip()
        if re.match(r"^\d+(\.\d+)*\. ", body) and i + 1 < len(lines):
            out.append(lines[i + 1].strip())  # the note under a row (backprop) or a step (matrix)
        elif body.startswith("· ("):
            out.append(body.split(") ", 1)[1])  # a read-off's words after its rule's name
        elif body.startswith("· ") and i + 1 < len(lines) and not lines[i + 1].strip().startswith("·"):
            out.append(lines[i + 1].strip())
    return [line for line in out if line and not re.match(r"^(\d+(\.\d+)*\.|·) ", line)]


def test_the_sentence_checks_can_fail():
    assert LOWER_WORD.match("the loss's gradient with respect to the output z")
    assert LOWER_WORD.match("read off the term δ₂ᵀ·db₂")
    for formula in ("diag(g)·v = g ⊙ v: δ₁ = σ′(y₁) ⊙ (W₂ᵀδ₂).", "ln(U) is worked out", "dL = −tᵀ(dz ⊘ z)",
                    "yᵢ = Σⱼ Wᵢⱼ·xⱼ + bᵢ", "d σ(U) = σ′(U) ⊙ dU", "df = dxᵀAx + xᵀA·dx; to read", "−tᵀ does not depend on z"):
        assert not LOWER_WORD.match(formula), formula


def _sentences_in(view: str, args) -> None:
    said = _explanations(view)
    assert said, view
    for line in said:
        assert not LOWER_WORD.match(line), (args, line)
        assert line.endswith((".", ":")), (args, line)


@GENERATED
@given(networks())
def test_every_english_line_of_a_network_is_a_sentence(drawn):
    args = drawn[0]
    _sentences_in(_out(args), args)


@GENERATED
@given(st.sampled_from([("sigmoid", "mse"), ("sigmoid", "ce"), ("tanh", "mse"), ("relu", "mse")]),
       st.sampled_from(["n", "3"]), st.sampled_from(["m", "2"]))
def test_every_english_line_of_one_layer_is_a_sentence(pair, n, m):
    args = ["backprop", "--activation", pair[0], "--loss", pair[1], "--inputs", n, "--outputs", m]
    view = _out(args)
    _sentences_in(view, args)
    assert "\nShapes: " in view


MATRIX = [("x.T*A*x", "x", "x=n,1 A=n,n"), ("log(det(X))", "X", "X=n,n"),
          ("sigmoid(W*x + b)", "x", "W=m,n x=n,1 b=m,1"), ("-t.T*log(softmax(y))", "y", "t=m,1 y=m,1"),
          ("norm2(A*x - b)**2", "x", "A=m,n x=n,1 b=m,1"), ("sum(hadamard(u, exp(v)))", "v", "u=n,1 v=n,1")]


@GENERATED
@given(st.sampled_from(MATRIX))
def test_every_english_line_of_matrix_is_a_sentence(case):
    expr, var, shapes = case
    args = ["matrix", expr, var, "--shape", shapes]
    view = _out(args)
    _sentences_in(view, args)
    kind = view.splitlines()[2]  # scalar by vector; mixed layout: …
    assert kind[0].isupper() and kind.endswith("."), kind


def test_the_documents_notes_are_sentences():
    for fmt in ("markdown", "latex", "html"):
        view = html.unescape(_out(SOFTMAX, "en", fmt))
        assert "Softmax's Jacobian" in view and "softmax's Jacobian" not in view, fmt
        assert "Multiply out" in view and "Read off the term" in view, fmt


# ---------------------------------------------------------------- 3. softmax's Jacobian once

def _row(view: str, number: int) -> str:
    """The lines of the text view's numbered row `number`, up to the next row."""
    return re.search(rf"(?ms)^\s*{number}\. .*?(?=^\s*{number + 1}\. )", view).group(0)


def test_softmaxs_jacobian_is_stated_once_and_referred_to_after():
    for lang in LANGS:
        view = _out(SOFTMAX, lang)
        jacobian = _row(view, 2)
        # the row states it; its differential dz = J·dy₂ is the work; the read-off refers to it by J = ∂z/∂y₂
        assert jacobian.count("diag(z) − zzᵀ") == 2, jacobian
        # the rule in its own letters, p = softmax(u), named once (the network's own letters are other)
        assert "softmax(u)softmax(u)" not in view and "dp = (diag(p) − ppᵀ)du" in view
        assert "⇒  diag" not in view
        assert "diag(z) − zzᵀ" not in _row(view, 4)  # multiply out: by the name ∂z/∂y₂
        assert "∂z/∂y₂" in _row(view, 4)


def test_a_read_off_that_gives_its_row_states_no_claim():
    view = _out(SOFTMAX)
    assert "⇒" not in view  # every read-off gives its row's value, which the row states
    assert "· (Read off) Read the Jacobian off the differential: dz = Jdy₂ gives J = ∂z/∂y₂" in view


# ---------------------------------------------------------------- 4. the entrywise move in words first

# (identity the read-off cites, the operation its line uses, the words before the identity in each language)
ENTRYWISE_MOVES = {
    "⟨A, K ⊙ M⟩": ("⊙", {"en": "a factor that multiplies entry by entry crosses over unchanged",
                         "ko": "원소별로 곱하는 인수는 그대로 건너갑니다"}),
    # a division is cited as one, with what ⊘ is entry by entry, not as the product's identity
    "⟨A, M ⊘ D⟩": ("⊘", {"en": "(M ⊘ D)ᵢ = Mᵢ/Dᵢ, so a factor that divides entry by entry crosses over unchanged",
                         "ko": "(M ⊘ D)ᵢ = Mᵢ/Dᵢ이므로 원소별로 나누는 인수는 그대로 건너갑니다"}),
}
# a network's every symbol and its loss: the letters its rules avoid (`stated.letters`)
SOFTMAX_NAMES = ("x", "W1", "b1", "y1", "a1", "delta1", "W2", "b2", "y2", "z", "delta2", "t", "L")


def _network_letters(args) -> dict:
    from symdiff.matrix.deep import context_names, deep_backprop
    from symdiff.matrix.stated import problem_letters

    options = dict(zip(args[1::2], args[2::2]))
    result = deep_backprop(options["--layers"], options.get("--activation", "sigmoid"), options["--output"],
                           options["--loss"])
    return problem_letters(context_names(result.shapes))


def test_the_entrywise_move_is_said_in_words_before_its_formula():
    from symdiff.matrix.stated import letters, rename

    # (the identity, the names of the problem it is cited in): a rule's letters are none of the problem's, in
    # either case (a, and the size m, take A's and M's places)
    cases = {(*SOFTMAX,): ("⟨A, M ⊘ D⟩", SOFTMAX_NAMES),
             ("matrix", "-t.T*log(softmax(y))", "y", "--shape", "t=m,1 y=m,1"): ("⟨A, M ⊘ D⟩", ("t", "y", "m")),
             ("matrix", "a.T*(b .* x)", "x", "--shape", "a=n,1 b=n,1 x=n,1"): ("⟨A, K ⊙ M⟩", ("a", "b", "x", "n"))}
    for args, (identity, names) in cases.items():
        mapping = letters(names)
        cited = rename(identity, mapping)
        for lang in LANGS:
            view = _out(list(args), lang)
            line = next(line for line in view.splitlines() if cited in line)
            # the formula before the words in the rule's letters too, the words (a factor …) as they are
            formula, so, words = ENTRYWISE_MOVES[identity][1][lang].rpartition(", so " if lang == "en" else "이므로 ")
            assert rename(formula, mapping) + so + words in line.split(cited)[0], line


@GENERATED
@given(networks(), st.sampled_from(LANGS))
def test_a_read_off_cites_the_entrywise_identity_its_line_uses(drawn, lang):
    """⟨A, G ⊙ M⟩ = ⟨G ⊙ A, M⟩ was cited for −tᵀ(dz ⊘ z), a division (a teacher's finding): each entrywise
    identity a read-off cites, in the run's letters, is of an operation its differential has."""
    from symdiff.matrix.stated import rename

    mapping = _network_letters(drawn[0])
    for line in _out(drawn[0], lang).splitlines():
        for identity, (operation, _) in ENTRYWISE_MOVES.items():
            cited = rename(identity, mapping)
            if cited in line:
                differential = line.split("(read off)" if lang == "en" else "(도함수 읽어 내기)")[-1].split(";")[0]
                assert operation in differential.split("입니다.")[0], (drawn[0], line)


def test_begun_capitalises_a_word_and_leaves_a_formula():
    from symdiff.render.markup import begun, stopped

    assert begun("writing the factor in front as a transpose, xᵀA·dx = (Aᵀx)ᵀdx") .startswith("Writing")
    assert begun("a scalar equals its transpose") == "A scalar equals its transpose"
    for formula in ("df = dxᵀAx + xᵀA·dx; to read the gradient off it", "ln(U) is worked out", "dL = −tᵀ(dz ⊘ z)", "d σ(U) = σ′(U) ⊙ dU", "a₁ ⊙ (𝟏 − a₁)", "a + b",
                    "x is", "\x000\x01 does not depend on x"):
        assert begun(formula) == formula, formula
    from symdiff.core.messages import language

    with language("ko"):
        assert begun("df는 tr(Gᵀ·dX) 꼴입니다") == "df는 tr(Gᵀ·dX) 꼴입니다"
    assert stopped("so ∂L/∂b = δ") == "so ∂L/∂b = δ." and stopped("입니다.") == "입니다."
    assert stopped("Shapes:") == "Shapes:"
