"""A tester's finding: one answer, two orders. `partial "(w*x + b - y)^2" w` wrote 2·x·(w·x + b − y)
with its steps and 2·x·(b + w·x − y) with --no-steps, and grad's ∂f/∂b came out 2·(b + w·x − y) under
∂f/∂w's 2·x·(w·x + b − y): SymPy multiplies the chain rule's 2·(w·x + b − y)·1 out into its own order.
Now an answer reads the same with and without its steps, and a typed sum keeps its order in every
entry that holds it."""

from __future__ import annotations

from helpers import invoke
from hypothesis import given, settings
from hypothesis import strategies as st

from symdiff.scalar.parsing import parse

# coefficients of w and b positive: a negative one (−2·b·x) makes SymPy take the sign into the bracket,
# 4·x·(2·b·x − 3·w) for −4·x·(3·w − 2·b·x), as a textbook may too
TERMS = ["w*x", "b", "-y", "3*w", "2*b*x"]
sums = st.lists(st.sampled_from(TERMS), min_size=2, max_size=4, unique=True).flatmap(st.permutations)


def _answer(out: str, symbol: str) -> str:
    """The last line that gives `symbol`'s value (the closing equation)."""
    lines = [l.strip() for l in out.splitlines() if l.strip().startswith(f"{symbol} = ")]
    return lines[-1][len(symbol) + 3:]


@settings(max_examples=15, deadline=None)
@given(sums, st.integers(2, 3), st.sampled_from(["w", "b"]))
def test_an_answer_reads_the_same_with_and_without_its_steps(terms, k, var):
    text = f"({' + '.join(terms)})^{k}".replace("+ -", "- ")
    stepped = invoke("partial", text, var, "--format", "text")
    bare = invoke("partial", text, var, "--format", "text", "--no-steps")
    assert stepped.exit_code == 0 and bare.exit_code == 0
    symbol = f"∂f/∂{var}"
    shown = _answer(stepped.output, symbol)
    assert bare.output.strip() == shown
    assert parse(shown.replace("·", "*").replace("²", "^2").replace("-", "-"), ["w", "x", "b", "y"]) is not None


def test_the_chain_rule_keeps_the_typed_sum_in_every_partial():
    out = invoke("grad", "(w*x + b - y)^2", "--vars", "w,b", "--format", "text").output
    gradient = [l for l in out.splitlines() if l.startswith("∇f = ")][-1]
    assert gradient == "∇f = [2·x·(w·x + b - y), 2·(w·x + b - y)]ᵀ"
    assert "which gives 2·w·x + 2·b - 2·y" in out  # multiplied out, in the sum's order
    bare = invoke("grad", "(w*x + b - y)^2", "--vars", "w,b", "--format", "text", "--no-steps").output
    assert "[2·x·(w·x + b - y), 2·(w·x + b - y)]ᵀ" in bare


@settings(max_examples=15, deadline=None)
@given(sums)
def test_a_gradient_keeps_the_typed_order_in_each_entry(terms):
    text = f"({' + '.join(terms)})^2".replace("+ -", "- ")
    out = invoke("grad", text, "--vars", "w,b", "--format", "text").output
    gradient = [l for l in out.splitlines() if l.startswith("∇f = ")][-1]
    typed = " + ".join(terms).replace("+ -", "- ").replace("*", "·")
    for entry in gradient[len("∇f = ["):-2].split(", "):
        if "(" not in entry:  # 0, or multiplied out (18·w − 6·y + 6·b): the tidy form's choice, not order's
            continue
        assert f"({typed})" in entry, (text, entry)
