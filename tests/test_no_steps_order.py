"""A tester's finding: one answer, two orders. `partial "(w*x + b - y)^2" w` wrote 2·x·(w·x + b − y)
with its steps and 2·x·(b + w·x − y) with --no-steps, and grad's ∂f/∂b came out 2·(b + w·x − y) under
∂f/∂w's 2·x·(w·x + b − y): SymPy multiplies the chain rule's 2·(w·x + b − y)·1 out into its own order.
Now an answer reads the same with and without its steps, and a typed sum keeps its order in every
entry that holds it."""

from __future__ import annotations

import re

import pytest
from helpers import invoke
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from symdiff.scalar.parsing import parse

# terms with no common factor, so that the answer's bracket is the typed sum itself (3·w + w·x would be
# factored, w·(x + 3)), and w and b with positive coefficients (a negative one is taken into the
# bracket, 4·x·(2·b·x − 3·w) for −4·x·(3·w − 2·b·x), as a textbook may too)
TERMS = ["w*x", "b", "-y", "5", "2*z"]
sums = st.lists(st.sampled_from(TERMS), min_size=2, max_size=4, unique=True).flatmap(st.permutations)


def _answer(out: str, symbol: str) -> str:
    """The last line that gives `symbol`'s value (the closing equation)."""
    # a function of one variable is written df/db, not ∂f/∂b ((5 + b)² has only b)
    names = (symbol, symbol.replace("∂", "d"))
    lines = [l.strip() for l in out.splitlines() if l.startswith(tuple(f"{n} = " for n in names))]
    return lines[-1][len(symbol) + 3:]


@settings(max_examples=15, deadline=None)
@given(sums, st.integers(2, 3), st.sampled_from(["w", "b"]))
def test_a_typed_sum_reads_the_same_with_and_without_the_steps(terms, k, var):
    """The same answer, and the typed sum in it in the order typed, in both. (The other sums may
    differ: the steps' order of an inner derivative, 3 + x, is not worked out for a bare answer.)"""
    assume(any(var in t for t in terms))  # else 0, with a note that var does not occur
    text = f"({' + '.join(terms)})^{k}".replace("+ -", "- ")
    typed = text[1:text.index(")")].replace("*", "·").replace("-", "−")  # as the text view writes it
    stepped = invoke("partial", text, var, "--format", "text")
    bare = invoke("partial", text, var, "--format", "text", "--no-steps")
    assert stepped.exit_code == 0 and bare.exit_code == 0
    shown, answer = _answer(stepped.output, f"∂f/∂{var}"), bare.output.strip()
    names = ["w", "x", "b", "y", "z"]
    assert parse(shown, names) == parse(answer, names)
    for printed in (shown, answer):
        assert "(" not in printed or f"({typed})" in printed, (text, printed)


def test_the_chain_rule_keeps_the_typed_sum_in_every_partial():
    out = invoke("grad", "(w*x + b - y)^2", "--vars", "w,b", "--format", "text").output
    gradient = [l for l in out.splitlines() if l.startswith("∇f") and " = [" in l][-1]
    assert gradient == "∇f with respect to (w, b) = [2·x·(w·x + b − y), 2·(w·x + b − y)]ᵀ"
    # the last chain rule keeps 2·(w·x + b − y), not multiplied out only to be factored back
    assert "which gives 2·(w·x + b − y)\n" in out and "Simplified: 2·(w·x + b − y)" not in out
    bare = invoke("grad", "(w*x + b - y)^2", "--vars", "w,b", "--format", "text", "--no-steps").output
    assert "[2·x·(w·x + b − y), 2·(w·x + b − y)]ᵀ" in bare


@settings(max_examples=15, deadline=None)
@given(sums)
def test_a_gradient_keeps_the_typed_order_in_each_entry(terms):
    text = f"({' + '.join(terms)})^2".replace("+ -", "- ")
    out = invoke("grad", text, "--vars", "w,b", "--format", "text").output
    gradient = [l for l in out.splitlines() if l.startswith("∇f") and " = [" in l][-1]
    typed = " + ".join(terms).replace("+ -", "− ").replace("-", "−").replace("*", "·")
    for entry in gradient[gradient.index(" = [") + len(" = ["):-2].split(", "):
        if "(" not in entry:  # 0, or multiplied out (18·w − 6·y + 6·b): the tidy form's choice, not order's
            continue
        assert f"({typed})" in entry, (text, entry)


@pytest.mark.parametrize("text, var", [
    ("atan(2*x)", "x"), ("x^3 + sin(x) + exp(x)", "x"), ("(2*x+1)^5*(x-1)^3", "x"),
    ("(w*x + b - y)^2", "w"), ("(x+y+z+w+v)^40", "x"), ("x^2*exp(x)", "x"),
])
def test_the_testers_answers_read_alike_with_and_without_steps(text, var):
    stepped = invoke("partial", text, var, "--format", "text").output
    symbol = "df/dx" if text in ("atan(2*x)", "x^3 + sin(x) + exp(x)", "(2*x+1)^5*(x-1)^3", "x^2*exp(x)") else f"∂f/∂{var}"
    assert invoke("partial", text, var, "--format", "text", "--no-steps").output.strip() == _answer(stepped, symbol)


@pytest.mark.parametrize("text, var, answer", [
    ("(x+1)^2", "x", "2·(x + 1)"), ("(3*w - y + b)^2", "w", "6·(3·w − y + b)"), ("(w*x + b - y)^2", "b", "2·(w·x + b − y)"),
    ("-(x+1)^2", "x", "−2·(x + 1)"),  # a constant multiple above the chain keeps it too
])
def test_a_number_times_the_typed_sum_is_kept_as_the_chain_rule_writes_it(text, var, answer):
    """A teacher: ∂/∂b (w·x + b − y)² = 2·(w·x + b − y)·1 = 2·(w·x + b − y); symdiff showed
    2·w·x + 2·b − 2·y and then factored it back."""
    for steps in ([], ["--no-steps"]):
        out = invoke("partial", text, var, "--format", "text", *steps).output
        assert out.strip().endswith(answer), out


# Functions built as a student types them: numbers times sums, powers of sums, functions of them,
# sums and products of those (the nested chain rules whose c·(sum) the steps keep).
LEAVES = ["x", "y", "(5*x + 2)", "(x + y)", "(2*x - y + 1)", "(w*x + b - y)"]


def _grown(children):
    return st.one_of(
        st.builds("({})^2".format, children), st.builds("({})^3".format, children),
        st.builds("-({})^2".format, children), st.builds("3*({})^2".format, children),
        st.builds("sin({})".format, children), st.builds("exp({})".format, children),
        st.builds("{}*{}".format, children, children), st.builds("{} + {}".format, children, children),
        st.builds("{} - {}".format, children, children))


functions = st.recursive(st.sampled_from(LEAVES), _grown, max_leaves=4)


def _closing(out: str) -> str:
    """What the last line that states an answer (a partial's, or ∇f) says after its last "= "."""
    line = [l for l in out.splitlines() if " = " in l and (l.startswith("∇f") or l[:1] in "d∂")][-1]
    return line.rsplit(" = ", 1)[1]


@settings(max_examples=12, deadline=None)
@given(functions, st.sampled_from(["x", "y", "w"]))
def test_partial_without_steps_is_the_steps_closing_line(text, var):
    import json

    assume(re.search(rf"\b{var}\b", text))  # else 0, with a note that var does not occur
    stepped = invoke("partial", text, var, "--format", "text")
    assert stepped.exit_code == 0, stepped.output
    bare = invoke("partial", text, var, "--format", "text", "--no-steps").output.strip()
    assert bare == _closing(stepped.output), (text, stepped.output)
    results = [json.loads(invoke("partial", text, var, "--format", "json", *steps).output)["result"]
               for steps in ([], ["--no-steps"])]
    assert results[0] == results[1], text


@settings(max_examples=12, deadline=None)
@given(functions)
def test_grad_without_steps_is_the_steps_closing_line(text):
    import json

    stepped = invoke("grad", text, "--format", "text")
    assert stepped.exit_code == 0, stepped.output
    bare = invoke("grad", text, "--format", "text", "--no-steps").output
    assert _closing(bare) == _closing(stepped.output), (text, stepped.output, bare)
    vectors = [json.loads(invoke("grad", text, "--format", "json", *steps).output)["gradient"]
               for steps in ([], ["--no-steps"])]
    assert vectors[0] == vectors[1], text


@pytest.mark.parametrize("text, vector", [
    ("exp(x*y)*(x^2+y^2)", "[eˣʸ·(x²·y + y³ + 2·x), eˣʸ·(x³ + x·y² + 2·y)]ᵀ"),
    ("(w*x + b - y)^2 + w^2/100", "[2·(w·x + b − y), 2·x·(w·x + b − y) + w/50, 2·w·(w·x + b − y), 2·(y − b − w·x)]ᵀ"),
])
def test_the_testers_gradients_read_alike_with_and_without_steps(text, vector):
    """A tester: grad "exp(x*y)*(x^2+y^2)" wrote ∂f/∂x = eˣʸ·(x²·y + y³ + 2·x) with its steps and
    eˣʸ·(x²·y + 2·x + y³) with --no-steps."""
    for steps in ([], ["--no-steps"]):
        assert _closing(invoke("grad", text, "--format", "text", *steps).output) == vector
