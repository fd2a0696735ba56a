"""Issue 16, a reviewing teacher's and a newcomer's findings on backprop: every name a formula writes for
an activation's derivative (σ, step) is defined before its first use, with steps and without, in every
human view and both languages, over generated networks of one layer and of several."""

from __future__ import annotations

import json
import re

from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.matrix.network import HIDDEN_ACTIVATIONS

HUMAN = ["text", "rich", "markdown", "latex", "html"]
SETTINGS = settings(max_examples=14, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
OUTPUT_LOSS = [("identity", "mse"), ("sigmoid", "mse"), ("softmax", "mse"), ("sigmoid", "ce"), ("softmax", "ce")]
# relu's derivative, the Heaviside step H, written as a function in any notation: H(, H\left(, <mi>H</mi>
STEP = re.compile(r"\bH\(|\bH\\left\(|<mi>H</mi>")
RELU_DEFINED = {"en": "relu's derivative", "ko": "relu의 도함수"}


@st.composite
def backprops(draw):
    """A one-layer network (--inputs/--outputs) or a --layers one, with its activations."""
    if draw(st.booleans()):
        activation = draw(st.sampled_from(["sigmoid", "tanh", "relu"]))
        n, m = draw(st.integers(1, 4)), draw(st.integers(1, 4))
        return ["backprop", "--inputs", str(n), "--outputs", str(m), "--activation", activation], [activation]
    sizes = draw(st.lists(st.integers(1, 3), min_size=3, max_size=4))
    sizes[-1] = max(sizes[-1], 2)
    activations = draw(st.lists(st.sampled_from(HIDDEN_ACTIVATIONS), min_size=len(sizes) - 2,
                                max_size=len(sizes) - 2))
    output, loss = draw(st.sampled_from(OUTPUT_LOSS))
    return (["backprop", "--layers", ",".join(map(str, sizes)), "--activation", ",".join(activations),
             "--output", output, "--loss", loss], activations)


@SETTINGS
@given(net=backprops(), fmt=st.sampled_from(HUMAN), lang=st.sampled_from(["en", "ko"]), steps=st.booleans())
def test_step_is_defined_before_it_is_used(net, fmt, lang, steps):
    args, activations = net
    result = invoke(*args, "--format", fmt, "--lang", lang, *([] if steps else ["--no-steps"]), width="200")
    assert result.exit_code == 0, result.output
    view = result.stdout
    defined = view.find(RELU_DEFINED[lang])
    used = STEP.search(view)
    if used is None:
        assert defined < 0, view
        return
    assert "relu" in activations, view
    assert defined >= 0, f"step is written but never defined:\n{view}"
    # the definition opens with H(s) itself, so nothing before it writes H
    assert used.start() < defined and not STEP.search(view, used.end(), defined), view
    assert "0" in view[defined:defined + 400], "relu′(0) is not said"


def test_the_newcomers_no_steps_line_defines_step():
    result = invoke("backprop", "--activation", "relu", "--inputs", "3", "--outputs", "2", "--lang", "ko",
                    "--no-steps")
    # after the sentence that names the symbols (x, W, b, y, z, t, L), which comes first even with --no-steps
    names, first, second, third = result.stdout.splitlines()[:4]
    assert names.startswith("여기서 x는 입력")
    assert first.startswith("H(s)는 relu의 도함수 relu′(s)입니다") and "관례에 따라 relu′(0) = 0으로 둡니다" in first
    assert second.startswith("⊙ 기호는 원소별 곱")  # the δ line writes ⊙: said before it
    assert third.startswith("δ = ∂L/∂y = H(y) ⊙ (z − t)")


@SETTINGS
@given(n=st.integers(1, 5), m=st.integers(1, 5), activation=st.sampled_from(["sigmoid", "tanh", "relu"]),
       fmt=st.sampled_from(["text", "markdown"]), lang=st.sampled_from(["en", "ko"]))
def test_one_layer_sizes_its_products_as_its_rows_do(n, m, activation, fmt, lang):
    result = invoke("backprop", "--inputs", str(n), "--outputs", str(m), "--activation", activation,
                    "--format", fmt, "--lang", lang, width="300")
    view = result.stdout.replace(r"\times ", "×").replace(r"\left(", "(").replace(r"\right)", ")")
    assert f"({m}×{m})({m}×1) = {m}×1" in view and f"({m}×1)(1×{n}) = {m}×{n}" in view, view
    assert "m×" not in view and "×n" not in view, view


@given(activation=st.sampled_from(["sigmoid", "tanh", "relu"]), loss=st.sampled_from(["mse", "ce"]),
       size=st.integers(2, 4))  # one unit is the m-unit derivation with m = 1 put in afterwards (unitsize)
@settings(max_examples=10, deadline=None)
def test_delta_words_claim_only_the_work_done(activation, loss, size):
    """'multiplied out, like terms collect' only where δ's line is more than diag(g)·v = g ⊙ v."""
    from symdiff.matrix.backprop import backprop
    from symdiff.matrix.folding import hadamard_of_diag

    if loss == "ce" and activation != "sigmoid":
        return
    result = backprop(inputs=size, outputs=size, activation=activation, loss=loss)
    folded = [line for line in result.delta_lines if line.key.startswith("backprop.simplified")]
    for line in folded:
        just_folded = line.value == hadamard_of_diag(result.delta_chain)
        assert line.key == ("backprop.simplified" if just_folded else "backprop.simplified.expanded")


@SETTINGS
@given(net=backprops(), fmt=st.sampled_from(HUMAN), lang=st.sampled_from(["en", "ko"]))
def test_a_layered_derivation_names_only_what_it_uses(net, fmt, lang):
    """The ∂L/∂z read-off names only the moves its term needs (a dot product with t needs no trace); an
    indexed name's entry is (y₂)ⱼ, not y₂ⱼ; the general δ has one form; LaTeX sets a shape after its
    formula, not at the head of the sentence above it."""
    args, _ = net
    result = invoke(*args, "--format", fmt, "--lang", lang, width="200")
    view = result.stdout
    if "--layers" in args and "ce" in args and "softmax" in args:
        assert "tr(M) = ⟨I, M⟩" not in view and r"\operatorname{tr}\left(M\right) = \langle I, M\rangle" not in view
    assert not re.search(r"\{[a-zW]_\{\d+\}\}_\{[ij]\}", view), view
    assert "z·(𝟏ᵀt)" not in view and r"z\cdot\left(\mathbf{1}^{\top}t\right)" not in view, view
    if fmt == "latex":
        assert not re.search(r"\\intertext\{\$\d+ \\times \d+\$;", view), view


SQUARED = [("norm2(A*x - b)**2", "x"), ("norm2(X)^2", "X"), ("norm2(A*X - B)^2", "X"), ("norm2(x)^2 + 3", "x"),
           ("norm2(X'*x)^2", "x"), ("2*norm2(A*x)^2", "x")]


@settings(max_examples=12, deadline=None)
@given(case=st.sampled_from(SQUARED), lang=st.sampled_from(["en", "ko"]), fmt=st.sampled_from(["text", "json"]))
def test_a_squared_norm_needs_no_nonzero_norm(case, lang, fmt):
    """‖P‖² has its own rule, 2⟨P, dP⟩: going through d‖P‖ = ⟨P, dP⟩/‖P‖ adds ‖P‖ ≠ 0, never needed."""
    expr, var = case
    result = invoke("matrix", expr, var, "--shape", "A=m,n", "--shape", "x=n,1", "--shape", "b=m,1",
                    "--shape", "X=n,n", "--shape", "B=m,n", "--check", "--lang", lang, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "≠ 0" not in result.stdout and "/‖" not in result.stdout, result.stdout
    assert "⟨P, dP⟩" in result.stdout or "⟨A, dA⟩" in result.stdout, result.stdout


@settings(max_examples=10, deadline=None)
@given(n=st.integers(1, 3), m=st.integers(1, 3), data=st.data())
def test_one_layer_numbers_take_its_own_names(n, m, data):
    """A newcomer's one layer (--inputs/--outputs, W and b) gets the numbers of --layers n,m with W1 and b1;
    --layers n,m takes W and b too."""
    numbers = st.integers(-9, 9).map(lambda k: k / 10)
    W = [data.draw(st.lists(numbers, min_size=n, max_size=n)) for _ in range(m)]
    plain = {"x": data.draw(st.lists(numbers, min_size=n, max_size=n)), "t": [0.5] * m, "W": W,
             "b": data.draw(st.lists(numbers, min_size=m, max_size=m))}
    numbered = {"x": plain["x"], "t": plain["t"], "W1": W, "b1": plain["b"]}
    own = invoke("backprop", "--inputs", str(n), "--outputs", str(m), "--no-steps", "--at", json.dumps(plain))
    layered = invoke("backprop", "--layers", f"{n},{m}", "--no-steps", "--at", json.dumps(numbered))
    layered_plain = invoke("backprop", "--layers", f"{n},{m}", "--no-steps", "--at", json.dumps(plain))
    assert own.exit_code == layered.exit_code == layered_plain.exit_code == 0, own.output + layered_plain.output
    assert own.stdout == layered.stdout == layered_plain.stdout
    both = invoke("backprop", "--layers", f"{n},{m}", "--at", json.dumps({**plain, "W1": W}))
    assert both.exit_code == 2, both.output


@settings(max_examples=12, deadline=None)
@given(scalar=st.sampled_from(["1", "2", "lam"]), op=st.sampled_from(["+", "-"]), first=st.booleans(),
       lang=st.sampled_from(["en", "ko"]))
def test_a_scalar_added_to_a_vector_points_to_ones(scalar, op, first, lang):
    """symdiff does not broadcast; the error says how to write the scalar in every entry, ones(m,1)."""
    terms = [scalar, "X*w"] if first else ["X*w", scalar]
    result = invoke("matrix", f"sum({terms[0]} {op} {terms[1]})", "w", "--shape", "X=m,n w=n,1 lam=1,1",
                    "--lang", lang)
    assert result.exit_code == 1, result.output  # a shape error, as before the hint
    ones = "ones(m,1)" if scalar == "1" else f"{scalar}*ones(m,1)"
    assert ones in result.output, result.output
    assert "을(를)" not in result.output
    fixed = invoke("matrix", f"sum({ones} {op} X*w)", "w", "--shape", "X=m,n w=n,1 lam=1,1", "--no-steps")
    assert fixed.exit_code == 0, fixed.output


@settings(max_examples=12, deadline=None)
@given(name=st.sampled_from(["lam", "reg", "c"]), k=st.integers(2, 9))  # mu, alpha print as μ, α: one letter
def test_a_number_before_a_longer_name_takes_a_dot(name, k):
    """k·lam·w, not klam·w (one name); a single letter stays juxtaposed (2cw)."""
    result = invoke("matrix", f"{k}*{name}*w'*w", "w", "--shape", f"{name}=1,1 w=n,1", "--no-steps")
    assert result.exit_code == 0, result.output
    shown = result.stdout.strip()
    assert f"{2 * k}{name}" not in shown if len(name) > 1 else f"{2 * k}{name}w" in shown, shown
    if len(name) > 1:
        assert f"{2 * k}·{name}·w" in shown, shown
