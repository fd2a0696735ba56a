"""Issue 41, a teacher's findings on backprop and matrix derivations: every symbol of the forward pass (t above
all) is introduced where the loss is stated, the loss is named, ⊘ is defined before a row writes it, y is the
pre-activation and never a label, a matrix rule's letters never share a letter (in either case) with the
problem's own symbols, a differential met twice in one derivation is worked out once, and the Korean read-off
row reads as a textbook's."""

from __future__ import annotations

import json
import re

import pytest
from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.matrix import differential as D
from symdiff.matrix.api import matrix_derivative
from symdiff.matrix.numeric import check_differential, sizes_for
from symdiff.matrix.stated import letters

SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# (arguments, the loss's name in EN and KO, a word the target's words hold in EN and KO)
BACKPROP = [
    (["--loss", "ce"], ("binary cross-entropy", "이진 교차 엔트로피"), ("0 or 1", "0 또는 1")),
    (["--loss", "mse"], ("squared error", "제곱 오차"), ("should take", "가져야 할")),
    (["--layers", "3,4,2", "--activation", "tanh", "--output", "softmax", "--loss", "ce"],
     ("categorical cross-entropy", "범주형 교차 엔트로피"), ("one-hot", "원-핫")),
    (["--layers", "3,2", "--output", "sigmoid", "--loss", "ce"],
     ("binary cross-entropy", "이진 교차 엔트로피"), ("0 or 1", "0 또는 1")),
    (["--layers", "2,3,2", "--activation", "relu", "--output", "identity", "--loss", "mse"],
     ("squared error", "제곱 오차"), ("should take", "가져야 할")),
]
VIEWS = [("en", "text"), ("en", "markdown"), ("ko", "markdown"), ("ko", "text"), ("en", "html"), ("en", "latex")]


def _run(*args) -> str:
    result = invoke(*args, width="200")
    assert result.exit_code == 0, result.output
    return result.stdout


def _first(view: str, pattern: str) -> int:
    found = re.search(pattern, view)
    return found.start() if found else len(view)


_DIVISION = {"text": "⊘", "markdown": r"\\oslash", "latex": r"\\oslash", "html": "⊘"}
# the first row: a derivative's ∂ in each notation (the title and forward pass write none)
_ROW = r"∂|\\partial"


@pytest.mark.parametrize("lang, fmt", VIEWS)
@pytest.mark.parametrize("case", BACKPROP, ids=lambda c: " ".join(c[0]))
def test_the_symbols_and_the_loss_are_said_where_the_loss_is_stated(case, lang, fmt):
    args, loss, target = case
    i = 0 if lang == "en" else 1
    view = _run("backprop", *args, "--lang", lang, "--format", fmt)
    at = view.index(loss[i])
    # one sentence says what t is and names the loss, after the forward pass that states the loss and before
    # any row uses a symbol
    opening = view.rfind("Here" if lang == "en" else "여기서", 0, at)
    assert opening >= 0 and target[i] in view[opening:at], view[:at + 100]
    first_row = _first(view, _ROW)
    assert at < first_row, view[:first_row]
    # ⊘, where a row writes it, is defined before the first row, not in the note after its formula
    if re.search(_DIVISION[fmt], view):
        definition = view.index("entrywise division" if lang == "en" else "원소별 나눗셈")
        assert definition < first_row and definition < _first(view, _DIVISION[fmt]) + 200, view[:first_row]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("case", BACKPROP, ids=lambda c: " ".join(c[0]))
def test_y_is_the_pre_activation_and_t_the_label(case, lang):
    args = case[0]
    view = _run("backprop", *args, "--lang", lang)
    pre = "pre-activation" if lang == "en" else "활성화 함수에 넣기 전의 값"
    assert pre in view, view
    # a label is t's, never y's
    label = "label" if lang == "en" else "레이블"
    for line in view.splitlines():
        if label in line:
            assert not re.search(r"\by[₀-₉ₗ]?\b[^.;,]*" + label, line.split("t the target")[0]), line


# ---------------------------------------------------------------- the rules' letters

# expressions over problems whose letters a rule's formulas would otherwise use (A, B, X, Y, U in either case,
# a subscripted name), each with its variable and shapes
MATRIX = [
    ("(A*x - b).T*(A*x - b)", "x", ["A=m,n", "x=n,1", "b=m,1"]),
    ("x.T*A*x", "x", ["x=n,1", "A=n,n"]),
    ("y.T*X*y + b.T*y", "y", ["y=n,1", "X=n,n", "b=n,1"]),
    ("a.T*(B*a + u)", "a", ["a=n,1", "B=n,n", "u=n,1"]),
    ("trace(X.T*A*X)", "X", ["X=n,n", "A=n,n"]),
    ("norm(A*x - b)", "x", ["A=m,n", "x=n,1", "b=m,1"]),
    ("(W*x + b).T*(W*x + b)", "W", ["W=m,n", "x=n,1", "b=m,1"]),
]
# the general formulas' pieces: d(P + Q), d(RS), (dR)S, d(Pᵀ), d‖P‖
_RULE_LETTERS = re.compile(r"d\(([A-Z])(?: \+ |)([A-Z])?\)|d\(([A-Z])ᵀ\)|d‖([A-Z])‖")


def _problem_letters(expr: str, shapes: list[str]) -> set[str]:
    names = set(re.findall(r"[A-Za-z]\w*", expr)) - {"trace", "norm", "T"}
    names |= {s.split("=")[0] for s in shapes}
    return {n[0].lower() for n in names if len(n) == 1 or n[1:].isdigit()}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("case", MATRIX, ids=lambda c: c[0])
def test_no_rule_letter_is_a_letter_of_the_problem(case, lang):
    expr, wrt, shapes = case
    args = [a for s in shapes for a in ("--shape", s)]
    record = json.loads(_run("matrix", expr, wrt, *args, "--format", "json", "--lang", lang))
    used = _problem_letters(expr, shapes)

    def walk(steps):
        for step in steps:
            yield step
            yield from walk(step["substeps"])

    said = [s["explanation"] for s in walk(record["steps"]) if s["rule"] in ("sum", "product", "transpose", "norm")]
    assert said, record
    for words in said:
        for match in _RULE_LETTERS.finditer(words):
            rule = {c.lower() for c in match.groups() if c}
            assert not rule & used, (words, used)


@given(st.sets(st.sampled_from("ABXYUGabxyugPpQqRrSs"), max_size=8))
def test_letters_renamed_in_either_case_never_meet_the_problem(used):
    mapping = letters(used)
    folded = {c.lower() for c in used}
    partner = {"A": "B", "B": "A", "X": "Y", "Y": "X"}
    for canonical, spare in mapping.items():
        # renamed because the problem uses it, or its pair's other letter
        assert canonical.lower() in folded or partner.get(canonical, canonical).lower() in folded
        assert spare.lower() not in folded
    # a rule's two letters move together, to two letters still
    for pair in ("AB", "XY"):
        if set(pair) & set(mapping):
            assert set(pair) <= set(mapping) and mapping[pair[0]] != mapping[pair[1]]


def test_a_layers_subscripted_name_takes_its_letter():
    assert letters({"b2", "a1", "W2"}).get("B") not in (None, "B") and "A" in letters({"a_1"})


# ---------------------------------------------------------------- a differential worked out once

def _steps(result):
    for top in result.steps:
        yield from top.walk()


@pytest.mark.parametrize("case", MATRIX + [("(A*x - b).T*C*(A*x - b)", "x", ["A=m,n", "x=n,1", "b=m,1", "C=m,m"]),
                                           ("trace((X + A).T*(X + A))", "X", ["X=n,n", "A=n,n"])],
                         ids=lambda c: c[0])
def test_a_differential_met_again_is_referred_to_not_worked_out_twice(case):
    expr, wrt, shapes = case
    result = matrix_derivative(expr, wrt, {s.split("=")[0]: tuple(int(p) if p.isdigit() else p
                                                                  for p in s.split("=")[1].split(","))
                                           for s in shapes})
    worked = [s for s in _steps(result) if s.substeps and s.rule != "read_off"]
    exprs = [s.expr for s in worked]
    assert len(exprs) == len(set(exprs)), [str(e) for e in exprs]
    for step in _steps(result):
        if isinstance(step, D.Again):
            # it refers to one worked out before it in the tree's order, with the same result, and is honest
            order = list(_steps(result))
            assert order.index(step.earlier) < order.index(step)
            assert step.result == step.earlier.result and not step.substeps
            sizes = sizes_for([step.expr, result.wrt])
            assert check_differential(step.expr, step.result, result.wrt, result.shapes, sizes).ok


def test_least_squares_works_out_d_of_ax_minus_b_once():
    args = ["matrix", "(A*x - b).T*(A*x - b)", "x", "--shape", "A=m,n", "--shape", "x=n,1", "--shape", "b=m,1"]
    for lang, again in (("en", "As above, d(Ax − b) = A·dx."), ("ko", "앞에서 구한 대로 d(Ax − b) = A·dx입니다.")):
        view = _run(*args, "--lang", lang)
        assert view.count("d(Ax) = A·dx") == 1, view
        assert again in view, view
    record = json.loads(_run(*args, "--format", "json"))
    product = record["steps"][0]
    assert [s["rule"] for s in product["substeps"]] == ["transpose", "sum"]
    assert product["substeps"][1]["substeps"] == [] and "as above" in product["substeps"][1]["explanation"]


# ---------------------------------------------------------------- the Korean read-off row

def test_the_korean_read_off_row_reads_as_a_textbook():
    view = _run("matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n", "--lang", "ko")
    assert "(dx)ᵀAx 항에서 그래디언트에 Ax가 더해집니다" in view, view
    assert "xᵀA·dx 항에서 그래디언트에 Aᵀx가 더해집니다" in view, view
    assert "기여합니다" not in view
