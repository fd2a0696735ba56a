"""Issue 16, a reviewing teacher: a document shows everything the terminal shows, worked out as a
textbook works it. grad --at --dir gives |∇f| = √(a² + b²) = …, u made a unit vector from the given
direction, and D_u f = ∇f·u with its products summed, in every human format and both languages; and
every second partial a Hessian lists comes with its derivation, also when --var chooses a variable."""

from __future__ import annotations

import re

import pytest
from helpers import invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

FORMATS = ["text", "rich", "markdown", "latex", "html"]
LANGS = ["en", "ko"]


def _out(*args) -> str:
    result = invoke(*args, width="250")
    assert result.exit_code == 0, result.output
    return result.stdout


def _square(n: int, fmt: str) -> str:
    """n² as the format writes it, a negative base bracketed."""
    if fmt in ("text", "rich"):
        return f"(−{-n})²" if n < 0 else f"{n}²"  # the text views' minus sign
    if fmt == "html":
        base = f"<mrow><mo>(</mo><mn>&#8722;{-n}</mn><mo>)</mo></mrow>" if n < 0 else f"<mn>{n}</mn>"
        return f"<msup>{base}<mn>2</mn></msup>"
    return rf"\left({n}\right)^{{2}}" if n < 0 else f"{n}^{{2}}"


def _root(numbers: list[int], fmt: str) -> str:
    squares = [_square(n, fmt) for n in numbers]
    if fmt in ("text", "rich"):
        return "√(" + " + ".join(squares) + ")"
    if fmt == "html":
        return "<msqrt><mrow>" + "<mo>+</mo>".join(squares) + "</mrow></msqrt>"
    return r"\sqrt{" + " + ".join(squares) + "}"


def _first_product(g: int, fmt: str) -> str:
    """The first product of ∇f·u written out: ∂f/∂x at the point, then the dot."""
    number = f"<mn>&#8722;{-g}</mn>" if g < 0 else f"<mn>{g}</mn>"
    signed = f"{g}".replace("-", "−")  # the text views' minus sign
    return {"text": f"{signed}·", "rich": f"{signed}·", "html": f"{number}<mo>·</mo>"}.get(fmt, rf"{g} \cdot ")


def _check_gradient_document(out: str, fmt: str, gradient: list[int], direction: list[int], du: str, norm: str):
    assert _root(gradient, fmt) in out, "|∇f| worked out"
    assert _root(direction, fmt) in out, "u made a unit vector from the given direction"
    assert _first_product(gradient[0], fmt) in out, "∇f·u's products"
    assert du in out, "D_u f's value"
    # |∇f| (the rate of steepest ascent, said once with it) is also the largest D_u f: in every view
    assert out.count(norm) >= 2, out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_teachers_example_is_worked_out_in_every_format(fmt, lang):
    out = _out("grad", "x^2*y + y^3", "--at", "x=1,y=2", "--dir", "3,4", "--format", fmt, "--lang", lang)
    _check_gradient_document(out, fmt, [4, 13], [3, 4], "12.8", "13.6015")
    assert "185" in out and "64" in out


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.integers(-3, 3).filter(bool), b=st.integers(-2, 2), c=st.integers(-3, 3),
       x=st.integers(-2, 2), y=st.integers(-2, 2),
       d=st.tuples(st.integers(-4, 4), st.integers(-4, 4)).filter(any),
       fmt=st.sampled_from(FORMATS), lang=st.sampled_from(LANGS))
def test_every_document_works_out_the_length_and_the_directional_derivative(a, b, c, x, y, d, fmt, lang):
    from symdiff import api
    from symdiff.render.text import directional_decimals

    expr = f"{a}*x^2*y + {b}*y^3 + {c}*x"
    gradient = [2 * a * x * y + c, a * x * x + 3 * b * y * y]
    assume(any(gradient))
    point, direction = f"x={x},y={y}", f"{d[0]},{d[1]}"
    result = api.gradient(expr, at=point, direction=direction)
    du, norm = directional_decimals(result)
    out = _out("grad", expr, "--at", point, "--dir", direction, "--format", fmt, "--lang", lang, "--no-steps")
    _check_gradient_document(out, fmt, gradient, list(d), du.lstrip("-"), norm)


def _derivations(out: str, fmt: str) -> int:
    """How many second partials the output derives, each under its own heading."""
    if fmt == "latex":
        return out.count(r"\Rightarrow\ \frac{\partial^{2}")
    if fmt == "html":
        return out.count("<h3><math><mfrac><mrow><msup><mo>∂</mo><mn>2</mn>")
    pattern = {"text": r"^∂²\S+(?:, differentiating ∂| \(∂)", "rich": r"∂²\S+, differentiating ∂|∂²\S+ \(∂\S+ = ",
               "markdown": r"^#### \$\\frac\{\\partial\^\{2\}"}[fmt]
    return len(re.findall(pattern, out, re.M))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(powers=st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(0, 2)),
       chosen=st.sampled_from(["x", "y"]), fmt=st.sampled_from(FORMATS), lang=st.sampled_from(LANGS))
def test_every_listed_second_partial_has_its_derivation(powers, chosen, fmt, lang):
    from symdiff import api

    p, q, r = powers
    expr = f"x^{p}*y^{q}*z^{r} + x*y" if r else f"x^{p}*y^{q} + x*y"
    result = api.hessian(expr, steps=[chosen])
    n = len(result.vars)
    k = [v.name for v in result.vars].index(chosen)
    # every pair with the chosen variable, in both orders, and nothing else
    assert set(result.second_steps) == {(i, j) for i in range(n) for j in range(n) if k in (i, j)}
    assert all(result.gradient.partials[i].step is not None for i, _ in result.second_steps)
    out = _out("hessian", expr, "--var", chosen, "--format", fmt, "--lang", lang)
    assert _derivations(out, fmt) == 2 * n - 1


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_hessian_with_a_variable_derives_both_mixed_partials(fmt, lang):
    out = _out("hessian", "x^2*y^3", "--var", "x", "--format", fmt, "--lang", lang)
    assert _derivations(out, fmt) == 3  # ∂²f/∂x², ∂²f/∂y∂x and ∂²f/∂x∂y, each with its steps
    plain = re.sub(r"<[^>]+>", "", out)
    assert "3·x²·y²" in plain or r"3 x^{2} y^{2}" in out or "3x2y2" in plain.replace("&InvisibleTimes;", "")


# --- D_u f written out as ∇f·u before it is simplified; u, the unit vector, bold (issue 16) --------------

def _sstr_spelling():
    """A spelling SymPy reads back, to check that the written-out sum is D_u f."""
    import sympy
    from symdiff.render.worked import Spelling

    return Spelling(expr=sympy.sstr, typed=sympy.sstr, times="*", plus=" + ", minus=" - ", vector=str,
                    scaled=lambda v, n: v, bracket=lambda s: f"({s})", bracket_fractions=True)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.integers(-3, 3).filter(bool), b=st.integers(-2, 2), c=st.integers(-3, 3),
       d=st.tuples(st.integers(-4, 4), st.integers(-4, 4), st.integers(-4, 4)).filter(any))
def test_the_dot_product_is_written_out_in_the_variables_order(a, b, c, d):
    import sympy
    from symdiff import api
    from symdiff.render.worked import dot_terms

    result = api.gradient(f"{a}*x^2*y + {b}*y^3*z + {c}*sin(x*z)", vars=["x", "y", "z"], steps=False,
                          direction=",".join(map(str, d)))
    written = dot_terms(result, _sstr_spelling())
    if sum(1 for u in d if u) < 2:
        return  # one component: the product is the simplified form, nothing to write out
    if written is None:  # only when a partial is 0 where u is not
        assert sum(1 for u, e in zip(result.direction, result.written) if u and e) < 2
        return
    names = {str(v): v for v in result.vars}  # symdiff's own symbols, with their assumptions
    difference = sympy.sympify(written, locals=names) - result.directional
    assert sympy.expand(difference) == 0, written
    # the products stand in the variables' order: u's first component leads where it is not 0
    first = next(u for u, e in zip(result.direction, result.written) if u and e)
    assert written.lstrip("-(").startswith(sympy.sstr(abs(first)).split("/")[0]), written


_BOLD = {"text": "D_𝐮 f = ∇f·𝐮 = ", "rich": "D_𝐮 f = ∇f·𝐮 = ",
         "markdown": r"D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u} = ",
         "latex": r"D_{\mathbf{u}} f = \nabla f \cdot \mathbf{u} = ",
         "html": '<msub><mi>D</mi><mi mathvariant="bold">u</mi></msub><mi>f</mi><mo>=</mo><mo>∇</mo><mi>f</mi><mo>·</mo>'
                 '<mi mathvariant="bold">u</mi>'}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_unit_vector_is_bold_where_the_chain_rule_has_a_u(fmt, lang):
    out = _out("grad", "x**2*y + exp(x*y)", "--at", "x=1,y=0", "--dir", "3,4", "--format", fmt, "--lang", lang)
    assert _BOLD[fmt] in out, out
    for plain in ("D_u ", "D_{u}", r"\cdot u ", "<mi>D</mi><mi>u</mi>", "·u "):
        assert plain not in out, plain
    # the written-out products, then the simplified sum
    written = {"text": "(3/5)·(2·x·y + y·eˣʸ) + (4/5)·(x² + x·eˣʸ) = ", "rich": "(3/5)·(2·x·y + y·eˣʸ) + (4/5)·(x² + x·eˣʸ) = ",
               "markdown": r"\frac{3}{5} \cdot \left(2 x y + y e^{x y}\right) + \frac{4}{5} \cdot \left(x^{2} + x e^{x y}\right) = ",
               "latex": r"\frac{3}{5} \cdot \left(2 x y + y e^{x y}\right) + \frac{4}{5} \cdot \left(x^{2} + x e^{x y}\right) = ",
               "html": "<mfrac><mn>3</mn><mn>5</mn></mfrac><mo>·</mo>"}[fmt]
    assert written in out, out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.integers(1, 3), b=st.integers(1, 3), x=st.integers(-2, 2).filter(bool), y=st.integers(-2, 2).filter(bool))
def test_the_length_is_said_again_with_its_exact_value(a, b, x, y):
    """|∇f| worked out as √8 is not said as 2.82843 alone in the next sentences (the largest D_u f)."""
    import sympy
    from symdiff.render.notation import unicode

    exact = sympy.sqrt((2 * a * x) ** 2 + (2 * b * y) ** 2)
    assume(not exact.is_Integer)
    out = _out("grad", f"{a}*x^2 + {b}*y^2", "--at", f"x={x},y={y}", "--dir", "1,1", "--format", "text", "--no-steps")
    said = f"|∇f| = {unicode(exact)} ≈ "
    # the largest D_u f, after the length worked out to that value (said once to be the rate of ascent)
    assert "the rate at which f rises fastest there" in out and f"where it equals {said}" in out, out
