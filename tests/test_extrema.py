"""Issue 16, the teacher's review of `hessian --at`, `tangent` and trivial steps: at a critical point the
second-derivative test classifies it (D = f_xx·f_yy − f_xy², the leading principal minors, the signs of
H's eigenvalues where they leave it open), elsewhere it says the test does not apply; a tangent names
every letter before it uses it; a leaf that is its rule's formula is said once, and the constant rule
names its c."""

from __future__ import annotations

import json
import re

import pytest
import sympy
from helpers import invoke
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from symdiff import hessian, tangent

from symdiff.core.messages import explain, language
from symdiff.features.extrema import INCONCLUSIVE, MAXIMUM, MINIMUM, SADDLE
from symdiff.render.notation import unicode
from symdiff.render.text import render_tangent, tree_lines
from symdiff.scalar.parsing import parse, symbol
from symdiff.scalar.rules import derive

NAMES = ("x", "y", "z")
WORDS = {"en": {MINIMUM: "local minimum", MAXIMUM: "local maximum", SADDLE: "saddle point",
                INCONCLUSIVE: "inconclusive"},
         "ko": {MINIMUM: "극솟값", MAXIMUM: "극댓값", SADDLE: "안장점입니다", INCONCLUSIVE: "판정 불가"}}


def _expected(matrix: sympy.Matrix) -> str:
    """The classification a textbook reads off the eigenvalues of H, found here independently."""
    import mpmath

    with mpmath.workdps(50):  # a symmetric matrix's eigenvalues, numerically (no cube roots of complex numbers)
        eigenvalues, _ = mpmath.eigsy(mpmath.matrix(matrix.tolist()))
        eigenvalues = [e for e in eigenvalues]
        positive = sum(1 for e in eigenvalues if e > 1e-30)
        negative = sum(1 for e in eigenvalues if e < -1e-30)
    if positive and negative:
        return SADDLE
    if positive == len(eigenvalues):
        return MINIMUM
    if negative == len(eigenvalues):
        return MAXIMUM
    return INCONCLUSIVE


@st.composite
def quadratics(draw):
    """½(x − p)ᵀA(x − p) for a symmetric integer A of size 1 to 3 and an integer point p: its Hessian is A
    everywhere and its only critical point p (a whole line or plane of them where A is singular)."""
    n = draw(st.integers(1, 3))
    entries = {(i, j): draw(st.integers(-3, 3)) for i in range(n) for j in range(i, n)}
    matrix = sympy.Matrix(n, n, lambda i, j: entries[(min(i, j), max(i, j))])
    point = [draw(st.integers(-2, 2)) for _ in range(n)]
    shifted = sympy.Matrix([sympy.Symbol(NAMES[i]) - point[i] for i in range(n)])
    f = sympy.expand((shifted.T * matrix * shifted)[0] / 2)
    return f, matrix, point


def _at(point) -> str:
    return ",".join(f"{NAMES[i]}={v}" for i, v in enumerate(point))


@settings(max_examples=60, deadline=None)
@given(quadratics())
@example((sympy.Symbol("x") ** 2 + sympy.Symbol("y") ** 2, sympy.Matrix([[2, 0], [0, 2]]), [0, 0]))
@example((sympy.Symbol("x") ** 2 - sympy.Symbol("y") ** 2, sympy.Matrix([[2, 0], [0, -2]]), [0, 0]))
@example((sympy.Symbol("x") ** 2 / 2 + sympy.Symbol("x") * sympy.Symbol("y") + sympy.Symbol("y") ** 2 / 2,
          sympy.Matrix([[1, 1], [1, 1]]), [0, 0]))  # positive semidefinite: D = 0
def test_the_classification_of_a_generated_quadratic_is_right(case):
    f, matrix, point = case
    variables = [NAMES[i] for i in range(matrix.rows)]
    assume(any(sympy.Symbol(v) in f.free_symbols for v in variables) or f == 0)
    assume(all(sympy.Symbol(v) in f.free_symbols for v in variables))  # --vars of a variable f lacks warns
    result = hessian(sympy.sstr(f), vars=variables, at=_at(point))
    test = result.test
    assert test is not None and test.critical
    assert test.classification == _expected(matrix), (f, matrix)
    # the minors are H's: D_k is the determinant of its top-left k×k block
    assert test.minors == [matrix[:k, :k].det() for k in range(1, matrix.rows + 1)]
    record = json.loads(json.dumps(result.to_dict(steps=False)))["second_derivative_test"]
    assert record["critical"] is True and record["classification"] == test.classification
    assert record["gradient"] == ["0"] * matrix.rows


@settings(max_examples=20, deadline=None)
@given(quadratics(), st.integers(0, 2), st.sampled_from(["en", "ko"]))
def test_the_test_does_not_apply_where_the_gradient_is_not_zero(case, k, lang):
    f, matrix, point = case
    k = k % matrix.rows
    assume(any(matrix[k, j] for j in range(matrix.rows)))  # moved along x_k, ∇f is A·e_k ≠ 0
    assume(all(sympy.Symbol(NAMES[i]) in f.free_symbols for i in range(matrix.rows)))
    moved = [v + (1 if i == k else 0) for i, v in enumerate(point)]
    result = hessian(sympy.sstr(f), vars=list(NAMES[:matrix.rows]), at=_at(moved))
    assert result.test is not None and not result.test.critical and result.test.classification is None
    out = invoke("hessian", sympy.sstr(f), "--vars", ",".join(NAMES[:matrix.rows]), "--at", _at(moved),
                 "--format", "text", "--lang", lang, "--no-steps").stdout
    assert ("the second-derivative test does not apply" if lang == "en" else "적용할 수 없습니다") in out
    assert ("≠ 0" if matrix.rows == 1 else "≠ (" + ", ".join("0" * matrix.rows) + ")") in out


# One example of each classification and of each way to reach it, in every human format and language.
SHOWN = {
    ("x**3 - 3*x + y**2", "x=1,y=0"): (MINIMUM, ["D = det H = f_xx·f_yy − f_xy² = 6·2 − 0² = 12", "f_xx = 6 > 0"]),
    ("-x**2 - 3*y**2 + x*y", "x=0,y=0"): (MAXIMUM, ["(−2)·(−6) − 1² = 11", "f_xx = −2 < 0"]),
    ("x**2 - y**2", "x=0,y=0"): (SADDLE, ["D < 0"]),
    ("x**4 + y**4", "x=0,y=0"): (INCONCLUSIVE, ["D = 0"]),
    ("x**3 - 3*x", "x=-1"): (MAXIMUM, ["f′(−1) = 0", "f″(−1) = −6 < 0"]),
    ("x**2 + y**2 - z**2", "x=0,y=0,z=0"): (SADDLE, ["D₁ = 2, D₂ = 4, D₃ = −8"]),
    ("x*y + y*z", "x=0,y=0,z=0"): (SADDLE, ["D₁ = 0, D₂ = −1, D₃ = 0"]),
}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("case", SHOWN)
def test_the_text_view_shows_the_test_and_its_reasons(case, lang):
    classification, formulas = SHOWN[case]
    out = invoke("hessian", case[0], "--at", case[1], "--format", "text", "--lang", lang, "--no-steps").stdout
    assert ("is a critical point" if lang == "en" else "임계점입니다") in out
    assert WORDS[lang][classification] in out
    for formula in formulas:
        assert formula in out, (formula, out)
    # the test's lines reach one verdict: no other classification is named there
    part = out[out.lower().index("second-derivative test" if lang == "en" else "극값 판정"):]
    named = [k for k, w in WORDS[lang].items() if w in part]
    if classification == INCONCLUSIVE:  # it names what may be there: a minimum, a maximum or neither
        assert INCONCLUSIVE in named and SADDLE not in named, part
    else:
        assert named == [classification], part


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["rich", "markdown", "latex", "html"])
@pytest.mark.parametrize("case", list(SHOWN)[:4])
def test_every_document_states_the_classification(case, fmt, lang):
    classification, _ = SHOWN[case]
    out = invoke("hessian", case[0], "--at", case[1], "--format", fmt, "--lang", lang, "--no-steps",
                 width="200").stdout
    assert WORDS[lang][classification] in out
    assert ("critical point" if lang == "en" else "임계점") in out
    if fmt in ("markdown", "latex"):  # each formula whole: no relation sign in the words between $…$
        part = out[out.lower().index("second-derivative test" if lang == "en" else "극값 판정"):]
        words = re.sub(r"\$[^$]*\$", " ", part)
        assert not re.search(r"[=<>≠]\s*\d", words), words


def test_json_adds_the_test_only_with_a_point():
    without = json.loads(invoke("hessian", "x**2 + y**2", "--format", "json").stdout)
    assert "second_derivative_test" not in without
    record = json.loads(invoke("hessian", "x**3 - 3*x + y**2", "--at", "x=2,y=0", "--format", "json").stdout)
    assert record["second_derivative_test"] == {"critical": False, "gradient": ["9", "0"], "classification": None}
    saddle = json.loads(invoke("hessian", "x*y + y*z", "--at", "x=0,y=0,z=0", "--format", "json").stdout)
    assert saddle["second_derivative_test"]["eigenvalues"] == {"positive": 1, "negative": 1, "zero": 1}
    assert saddle["second_derivative_test"]["classification"] == SADDLE
    assert saddle["hessian"] == [["0", "1", "0"], ["1", "0", "1"], ["0", "1", "0"]]  # the record's keys unchanged


# --- the tangent defines every letter before it uses it

_LETTER = re.compile(r"(?<![\w_])([a-z])(?![\w(])")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(coefficients=st.lists(st.integers(-3, 3), min_size=3, max_size=3), point=st.lists(st.integers(-2, 2),
       min_size=3, max_size=3), n=st.integers(1, 3), lang=st.sampled_from(["en", "ko"]),
       names=st.sampled_from([("x", "y", "z"), ("a", "b", "c"), ("p", "x", "a")]))
def test_a_tangent_names_each_letter_before_using_it(coefficients, point, n, lang, names):
    symbols = [sympy.Symbol(v) for v in names[:n]]
    f = sum((c * s ** 2 + s for c, s in zip(coefficients, symbols)), sympy.S.Zero) + sympy.prod(symbols)
    at = ",".join(f"{s}={v}" for s, v in zip(symbols, point))
    t = tangent(sympy.sstr(f), at=at, vars=[s.name for s in symbols])
    with language(lang):
        out = render_tangent(t, steps=False)
    general, given_line, *values = out.split("\n")[1:]
    # the point's letters are introduced (x = a; (x, y) = (a, b)) and none is a variable of f
    introduced = re.search(r"(?:at|^)\s*(\(?[^()]*?\)?) = (\(?[a-z_0-9, ]+\)?)(?: is|에서의)", general)
    assert introduced, general
    letters = re.findall(r"[a-z](?:_\d+)?", introduced.group(2))
    assert len(letters) == n and not set(letters) & ({s.name for s in symbols} | {t.dependent.name})
    # each letter gets its value on the next line, before any formula uses the point
    assert given_line == ("With " if lang == "en" else "") + ", ".join(
        f"{c} = {str(v).replace('-', '−')}" for c, v in zip(letters, point)) + (":" if lang == "en" else "일 때:")
    # the formula with the values put in is the tangent, f(a) first
    height, right = values[-2 if len(values) > n + 2 else -1].strip().split(" = ", 1)
    assert height == t.dependent.name
    assert sympy.expand(parse(right.replace("·", "*")) - t.expanded) == 0


# --- trivial leaves: said once, and the constant rule names its c

@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["x", "y", "3", "y**2", "2*x", "x*y", "pi", "sin(y)", "-7", "c", "c*x"]),
                min_size=1, max_size=4), st.sampled_from(["en", "ko"]))
def test_trivial_leaves_say_their_rule_once(terms, lang):
    expr = parse(" + ".join(terms))
    x = symbol("x")
    assume(expr.has(x))
    step = derive(expr, x)
    with language(lang):
        lines = tree_lines(step)
    for node in step.walk():
        if node.rule == "identity":
            # the claim's line is the whole leaf: no second line restating ∂/∂x x = 1
            assert not any(re.fullmatch(r"\s*(?:identity rule: )?[∂d]/[∂d]x x = 1(?:입니다\.)?", line) for line in lines)
        if node.rule == "constant":
            with language(lang):
                said = explain(node, sympy.sstr)
            named = re.search(r"for a constant (\w)|상수 (\w)에 대하여", said)
            assert named is not None, said
            letter = named.group(1) or named.group(2)
            assert sympy.Symbol(letter) not in node.expr.free_symbols and letter != "x"
            assert f"{letter} = {unicode(node.expr)}" in said and f" {letter} = 0" in said, said
            assert "so its derivative is 0" not in said and "미분하면 0입니다" not in said
