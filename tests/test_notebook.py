"""A notebook shows every result as its derivation (issue 16: "Jupyter shows only `partial` results as
math"): `_repr_html_` is the HTML view's section, MathML inside, styled only within its own element."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symdiff
from symdiff.api import check, descend, implicit, tangent
from symdiff.features.practice import practice

RESULTS = {
    "partial": lambda: symdiff.partial("3*x**2*y**4", "x"),
    "gradient": lambda: symdiff.gradient("x**2*y + sin(y)"),
    "hessian": lambda: symdiff.hessian("x**3*y"),
    "jacobian": lambda: symdiff.jacobian(["x*y", "x + y"]),
    "matrix": lambda: symdiff.matrix_derivative("x.T*A*x", "x", shapes={"x": ("n", 1), "A": ("n", "n")}),
    "backprop": lambda: symdiff.backprop(loss="ce"),
    "network": lambda: symdiff.backprop(layers="2,3,2"),
    "check": lambda: check("sin(x**2)", "x", "cos(x**2)"),
    "tangent": lambda: tangent("x**2 + y**2", at="x=1,y=2"),
    "descend": lambda: descend("(x-1)**2", start="x=3", lr=0.1, steps=5),
    "practice": lambda: practice(["chain"], count=2, seed=1),
    "implicit": lambda: implicit("x**2 + y**2 = 25"),
}


@pytest.mark.parametrize("name", RESULTS)
def test_every_result_shows_itself_in_a_notebook(name):
    shown = RESULTS[name]()._repr_html_()
    assert shown.startswith('<div class="symdiff"><style>') and shown.endswith("</div>")
    style = re.search(r"<style>(.*?)</style>", shown, re.S).group(1)
    # every rule is scoped: a notebook's own page keeps its look
    assert all(rule.strip().startswith(".symdiff") for rule in style.split("}") if rule.strip())
    assert "<math" in shown or "<pre>" in shown
    assert "**" not in re.sub(r"<pre>.*?</pre>", "", shown, flags=re.S)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["x**2*y + sin(x*y)", "exp(x)/(1 + y**2)", "x*y*z"]))
def test_print_shows_a_results_derivation_not_its_fields(text):
    # print(partial(...)) showed PartialResult(expr=…, derivations=(Derivation(… step=ConstantMultipleRule(…
    from symdiff import check, descend, gradient, hessian, jacobian, partial, tangent
    from symdiff.render.text import render as render_text

    results = [partial(text, "x"), gradient(text), hessian(text), jacobian(f"{text}; x + y"),
               check(text, "x", "2*x"), tangent(text, at="x=1,y=2" + (",z=1" if "z" in text else "")),
               descend("(x - 1)**2 + y**2", start="x=3,y=2", steps=3)]
    for result in results:
        shown = str(result)
        assert shown == render_text(result)
        assert not shown.startswith(type(result).__name__ + "(") and "**" not in shown, shown[:200]
