"""Issue 16, the reviewing teacher's most important finding: the line that states the function shows
it as the student typed it, its terms and factors in their order (cosh(x·y) + sinh²(x), not SymPy's
sinh²(x) + cosh(x·y)), in every human format and both languages. The JSON records keep the form read
(CONTRACT), and what cannot be had cheaply and surely prints as before."""

from __future__ import annotations

import json
import re

import pytest
from helpers import invoke
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from symdiff.render.notation import in_order, latex, mathml, mathml_as_typed, plain, stated, unicode
from symdiff.scalar.parsing import TYPED_LONGEST, as_typed, parse, parse_input, typed_form

# Each function name prints once in every notation (log as ln), so its place in a line says where
# its term or factor stands.
NAMES = {"sinh": "sinh", "cosh": "cosh", "sec": "sec", "csc": "csc", "cot": "cot", "log": "ln"}
ARGS = ["x", "x*y", "y", "2*x + y"]
SHAPES = ["{f}({a})", "3*{f}({a})", "{f}({a})^2", "-{f}({a})"]

term = st.builds(lambda shape, f, a: (f, shape.format(f=f, a=a)),
                 st.sampled_from(SHAPES), st.sampled_from(sorted(NAMES)), st.sampled_from(ARGS))
pieces = st.lists(term, min_size=2, max_size=4, unique_by=lambda t: t[0]).flatmap(st.permutations)

FORMATS = ["text", "rich", "markdown", "latex", "html"]


def _function_line(out: str, fmt: str) -> str:
    """The line of a partial's output that states the function (LaTeX sets a long one on a display
    line of its own)."""
    first = {"text": r"^f = .*$", "rich": r"f = .*?─", "markdown": r"^### .*$",
             "latex": r"^(\\noindent \$|\\intertext\{\$|&)f = .*$", "html": r"<h2>.*?</h2>"}[fmt]
    return re.search(first, out, re.M).group(0)


def _order(line: str, names) -> list[str]:
    # the names as the line has them, left to right (csc never inside sec, nor cosh inside sinh)
    found = {f: line.find(NAMES[f]) for f in names}
    assert all(at >= 0 for at in found.values()), (line, found)
    return sorted(names, key=found.get)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces, st.sampled_from([" + ", " - ", "*"]), st.sampled_from(FORMATS), st.sampled_from(["en", "ko"]),
       st.sampled_from([("partial", "x"), ("grad", "--var", "x")]))
@example([("cosh", "cosh(2*x + y)"), ("cot", "3*cot(x*y)"), ("sinh", "3*sinh(x*y)")], " + ", "latex", "en",
         ("partial", "x"))
def test_the_function_line_keeps_the_typed_order(terms, joiner, fmt, lang, command):
    text = joiner.join(t for _, t in terms)
    out = invoke(command[0], text, *command[1:], "--format", fmt, "--lang", lang, width="200")
    assert out.exit_code == 0, out.output
    typed = [f for f, _ in terms]
    assert _order(_function_line(out.output, fmt), typed) == typed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces, st.sampled_from([" + ", "*"]))
def test_every_printer_keeps_the_typed_order_of_a_sum_or_product(terms, joiner):
    text = joiner.join(t for _, t in terms)
    f = parse(text)
    typed = [name for name, _ in terms]

    class Result:
        input, expr = text, f

    for printer in (unicode, latex, mathml):
        assert _order(stated(Result, printer), typed) == typed, printer
    # the form read is what JSON writes: the typed tree is the same function
    assert typed_form(text, f) is not None


def test_the_issue_examples(run):
    cases = [
        (["partial", "cosh(x*y) + sinh(x)**2", "x", "--lang", "ko", "--format", "markdown"],
         r"### $f = \cosh(x y) + \sinh^{2} x$"),
        (["partial", "sin(x)/(1+cos(x))", "x"], "f = sin(x)/(1 + cos(x))"),
        (["partial", "sec(x)*csc(x)", "x"], "f = sec(x)·csc(x)"),
        (["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--steps", "2"], "f = (x − 1)² + 3·y²"),
        (["implicit", "exp(y) + x*y = e"], "given implicitly by the equation eʸ + x·y = e"),
        (["implicit", "exp(y) + x*y = e", "--lang", "ko"], "좌변 eʸ + x·y를 x에 대하여 미분합니다"),
        (["check", "y**2 + x**2", "x", "2*x"], "Question: ∂/∂x [y² + x²]"),
        (["tangent", "y**2 + x", "--at", "x=1,y=2", "--format", "markdown"],
         r"surface $z = f\left(x, y\right) = y^{2} + x$"),
        (["partial", "f(x) = x + x**2", "x"], "f(x) = x + x²"),
        (["jacobian", "y + x; sec(x)*csc(y)"], "f2 = sec(x)·csc(y)"),
        (["jacobian", "y + x; sec(x)*csc(y)", "--format", "latex"],
         r"$f_{2} = \sec x \csc y$, $J_{21} = \frac{\partial f_{2}}{\partial x}$"),
    ]
    for args, shown in cases:
        out = run(*args)
        assert shown in out.output, (args, out.output)


def test_json_keeps_the_form_read(run):
    out = run("partial", "cosh(x*y) + sinh(x)**2", "x", "--format", "json")
    record = json.loads(out.output)
    assert record["expr"] == plain(parse("cosh(x*y) + sinh(x)**2")) == "sinh(x)**2 + cosh(x*y)"


@pytest.mark.parametrize("text", [
    "d/dx x + x^2",  # an operator in front: not an expression alone
    " + ".join(f"w{i}*x" for i in range(TYPED_LONGEST // 5)),  # too long to parse twice
])
def test_without_a_sure_typed_form_the_form_read_prints(text):
    f = parse_input(text).expr
    assert typed_form(text, f) is None

    class Result:
        input, expr = text, f

    assert stated(Result, unicode) == unicode(f)


def test_a_typed_form_of_another_expression_is_not_used():
    # `stated` asked for a derivative (not the function) prints it as it is
    f = parse("x^3 + x")
    assert typed_form("x^3 + x", parse("3*x^2 + 1")) is None
    assert in_order("x^3 + x", parse("3*x^2 + 1")) == parse("3*x^2 + 1")


def test_mathml_as_typed_keeps_factors_in_order():
    # SymPy's MathML sorts a product's factors whatever the order asked (check's answer echo too)
    printed = re.sub("<[^>]+>", " ", mathml_as_typed(as_typed("sec(x)*csc(x) + y", ["x", "y"])))
    assert printed.index("sec") < printed.index("csc") < printed.index("y")


monomial = st.builds(lambda c, xs: "*".join([str(c), *xs]), st.integers(2, 9),
                     st.lists(st.sampled_from(["x", "y", "z", "sin(x)", "x^2"]), min_size=1, max_size=3))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(monomial, min_size=2, max_size=4), st.lists(st.sampled_from([" + ", " - "]), min_size=3, max_size=3))
def test_a_subtracted_term_keeps_its_number(terms, signs):
    """a − 3·x·y is read as a + (−1)·(3·x·y); each printer writes the term as typed, − 3·x·y, never
    − 1·3·x·y (the text view did)."""
    text = terms[0] + "".join(sign + t for sign, t in zip(signs, terms[1:]))
    f = parse(text)

    class Result:
        input, expr = text, f

    line = stated(Result, unicode)
    assert not re.search(r"(^|[-−] )1·", line), (text, line)
    for t in terms:  # each typed coefficient is printed, in its term
        assert t.split("*")[0] + "·" in line, (text, line)


# A polynomial typed in any order of its powers: its first step states it in that order too (the printers
# keep a descending polynomial's order, −24x² + 28x + 15; a typed x − x³/3 + 2 must not become it).
MONOMIALS = st.lists(st.tuples(st.sampled_from(["", "2*", "3*", "1/3*"]), st.integers(0, 4), st.sampled_from("+-")),
                     min_size=3, max_size=4, unique_by=lambda m: m[1])


def _polynomial(monomials) -> str:
    out = ""
    for i, (c, k, sign) in enumerate(monomials):
        body = (c.rstrip("*") or "1") if k == 0 else f"{c}x" + (f"**{k}" if k > 1 else "")
        out += ("-" if sign == "-" else "") + body if i == 0 else f" {sign} {body}"
    return out


@settings(max_examples=25, deadline=None)
@given(monomials=MONOMIALS)
@example(monomials=[("", 1, "+"), ("1/3*", 3, "-"), ("2*", 0, "+")])
def test_a_typed_polynomials_first_step_keeps_its_order(monomials):
    typed = _polynomial(monomials)
    lines = invoke("partial", typed, "x", "--format", "text").stdout.splitlines()
    f = lines[0].removeprefix("f = ")
    header = next(line for line in lines if line.lstrip().startswith("1. "))
    assert f"[{f}]" in header, (typed, lines[0], header)
