"""--lang: every human line of every command comes from the message catalogue, so with --lang ko no
English prose is left; JSON keeps its keys and contract names in English."""

from __future__ import annotations

import json
import re
import string

import pytest

from symdiff.api import check, descend
from symdiff.core.messages import EN, KO, language, message

# --- the catalogues

def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_english_key_has_a_korean_message_and_back():
    assert set(EN) - set(KO) == set()
    assert set(KO) - set(EN) == set()
    assert all(KO.values())
    # English needs no words before a displayed formula where Korean ends its sentence (다음과 같습니다)
    assert [k for k, v in EN.items() if not v] in ([], ["display.follows"])


def test_korean_messages_use_only_values_english_gives():
    # A Korean message may leave a value out ("1쌍" needs no count) but never asks for one more.
    assert {k: v for k, v in KO.items() if not _fields(v) <= _fields(EN[k])} == {}


# --- no English prose left with --lang ko

def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{\w*(?::[^}]*)?\}", " ", text))}


# Words of the English catalogue's prose that the Korean catalogue does not use too (names such as
# SymPy, Heaviside or NAME appear in both).
ENGLISH = set().union(*map(_words, EN.values())) - set().union(*map(_words, KO.values()))


def _prose(text: str, fmt: str) -> str:
    """The human words of an output: no markup, LaTeX commands or HTML tags, and for JSON only the
    values that are prose (explanations, diagnoses, stop reasons)."""
    if fmt == "json":
        found: list[str] = []

        def walk(node, key=None):
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, k)
            elif isinstance(node, list):
                for v in node:
                    walk(v, key)
            elif isinstance(node, str) and key in ("explanation", "message", "reason"):
                found.append(node)

        for line in text.splitlines():
            if line.strip():
                walk(json.loads(line))
        return "\n".join(found)
    text = re.sub(r"<style>.*?</style>|<title>.*?</title>|<h1>.*?</h1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    return re.sub(r"\\[A-Za-z]+", " ", text)


def _english(text: str, fmt: str) -> set[str]:
    return _words(_prose(text, fmt)) & ENGLISH


ALL = ["text", "rich", "json"]
DOCUMENTS = ALL + ["markdown", "latex", "html"]
CASES = [
    (["partial", "3*x**2*y**4", "x", "--at", "x=1,y=2", "--check"], DOCUMENTS),
    (["partial", "x**2*y**3", "x", "y", "--cse"], DOCUMENTS),
    (["partial", "x*(a+b+c+d+e1+f+g+h+i+j)", "x"], ["text"]),  # a list of held variables cut short
    (["grad", "x**2*y + sin(y)", "--at", "x=1,y=2", "--dir", "3,4", "--check"], DOCUMENTS),
    (["grad", "x**2 + y**2", "--at", "x=0,y=0"], ALL),
    (["grad", "a*b*c*d*e1*f*g*h", "--at", "a=1,b=1,c=1,d=1,e1=1,f=1,g=1,h=1"], ALL),
    (["hessian", "x**3*y", "--at", "x=1,y=2", "--check"], DOCUMENTS),
    (["hessian", "a*b*c*d*e1*f*g", "--no-steps"], ALL),
    (["jacobian", "x*y; x + y; sin(x)", "--at", "x=1,y=2", "--check"], DOCUMENTS),
    (["check", "sin(x**2)", "x", "cos(x**2)"], DOCUMENTS),
    (["check", "x**2*y", "x", "2*x*y + x**2"], DOCUMENTS),
    (["check", "x/(x+1)", "x", "(x - (x+1))/(x+1)**2"], DOCUMENTS),
    (["check", "sin(x**2)", "x", "2*x*cos(x**2)"], DOCUMENTS),
    (["check", "abs(x)", "x", "x/abs(x)"], DOCUMENTS),
    (["check", "sqrt(x + 2*sqrt(x - 1))", "x", "1/(2*sqrt(x - 1))"], DOCUMENTS),  # inconclusive
    (["check", "x**2", "x", "2*x + 10**-40"], DOCUMENTS),  # wrong by a hair
    (["implicit", "x**2 + y**2 = 25", "--at", "x=1,y=1"], DOCUMENTS),
    (["implicit", "x**3 + y**3 = 6*x*y", "--at", "x=3,y=3"], DOCUMENTS),
    (["tangent", "x**2 + y**2", "--at", "x=1,y=2"], DOCUMENTS),
    (["tangent", "sin(x)", "--at", "x=0"], DOCUMENTS),
    (["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--steps", "40"], DOCUMENTS),
    (["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--steps", "400", "--no-steps"], DOCUMENTS),
    (["descend", "x**4", "--from", "x=2", "--lr", "0.5"], DOCUMENTS),
    (["descend", "x**4", "--from", "x=2", "--lr", "0.125"], DOCUMENTS),  # a cycle
    (["descend", "x**2 + 10*y**2", "--from", "x=1,y=1", "--lr", "0.125", "--steps", "20"], DOCUMENTS),  # f rises
    (["descend", "x**2 + 10*y**2", "--from", "x=1,y=1", "--lr", "0.125", "--steps", "3"], DOCUMENTS),  # uphill
    (["descend", "x**4", "--from", "x=2", "--lr", "0.125", "--steps", "1"], DOCUMENTS),  # no progress
    (["descend", "log(x)", "--from", "x=2", "--lr", "5", "--steps", "1000"], DOCUMENTS),  # no learning rate to suggest
    (["descend", "log(x)", "--from", "x=2", "--lr", "5"], DOCUMENTS),
    (["practice", "--rules", "chain,product", "--count", "2", "--seed", "7"], DOCUMENTS),
]


@pytest.mark.parametrize("args, fmt", [(args, fmt) for args, formats in CASES for fmt in formats],
                         ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_korean_output_has_no_english_prose(run, args, fmt):
    ko = run(*args, "--format", fmt, "--lang", "ko")
    assert ko.exit_code in (0, 1, 3), ko.output
    assert _english(ko.stdout, fmt) == set()
    if ko.stderr:  # a divergence or a disagreement: worded too
        assert _english(ko.stderr, "text") == set()
    if fmt == "text":
        # The check is live: the same output in English is caught by it.
        assert _english(run(*args, "--format", fmt).stdout, fmt)


def test_batch_summaries_are_korean(run, tmp_path):
    exprs = tmp_path / "exprs.txt"
    exprs.write_text("x**2*y\n3*x**\nsin(x)\n")
    result = run("partial", "--file", str(exprs), "x", "--lang", "ko")
    assert result.stderr.splitlines()[-1] == "symdiff: 3줄: 성공 2, 실패 1 (구문 오류 1)"
    assert "1번째 줄: x**2*y" in result.stdout
    answers = tmp_path / "answers.jsonl"
    answers.write_text('{"expr": "sin(x**2)", "var": "x", "answer": "cos(x**2)"}\n'
                       '{"expr": "x**2", "var": "x", "answer": "2*x"}\n')
    result = run("check", "--file", str(answers), "--lang", "ko")
    assert result.stderr.splitlines()[-1] == "symdiff: 2줄: 정답 1, 오답 1"
    result = run("check", "--file", str(answers))
    assert result.stderr.splitlines()[-1] == "symdiff: 2 lines: 1 right, 1 wrong"


# --- the Korean words themselves

def test_korean_gradient_uses_textbook_terms(run):
    out = run("grad", "x**2*y + sin(y)", "--at", "x=1,y=2", "--dir", "3,4", "--lang", "ko").stdout
    assert "(x, y) = (1, 2)에서:" in out
    assert "  최대 증가 방향: f가 가장 빠르게 증가하는 방향은 ∇f/|∇f| ≈ [0.989515, 0.144433]ᵀ입니다." in out
    assert "경사 하강법은 이 방향으로 나아갑니다" in out
    assert "  그래디언트(기울기 벡터)의 크기는 |∇f| ≈ 4.04239이고, 이것이 f가 가장 빠르게 증가하는 방향으로의 변화율입니다." in out
    assert "방향의 방향도함수" in out
    html = run("grad", "x**2*y", "--format", "html", "--lang", "ko").stdout
    assert "의 그래디언트(기울기 벡터) <math><mo>∇</mo><mi>f</mi></math></h2>" in html and " of" not in html


def test_korean_check_names_the_mistake(run):
    out = run("check", "sin(x**2)", "x", "cos(x**2)", "--lang", "ko").stdout
    assert "예상되는 실수 (합성함수의 미분법에서 속함수의 도함수 누락): 합성함수의 미분법에서는 속함수의 도함수를 곱해야 합니다" in out
    assert "올바른 도함수는 2·x·cos(x²)입니다" in out
    record = json.loads(run("check", "sin(x**2)", "x", "cos(x**2)", "--lang", "ko", "--format", "json").stdout)
    assert record["verdict"] == "wrong" and record["diagnosis"]["kind"] == "missing_chain_factor"
    assert record["diagnosis"]["message"].startswith("합성함수의 미분법에서는")
    right = run("check", "sin(x**2)", "x", "2*x*cos(x**2)", "--lang", "ko", "--format", "rich").stdout
    assert "답 확인" in right and "정답입니다. 제출한 답을 정리하면 올바른 도함수와 같습니다" in right


def test_korean_implicit_tangent_and_practice(run):
    out = run("implicit", "x**2 + y**2 = 25", "--at", "x=3,y=4", "--lang", "ko").stdout
    assert "y는 방정식 x² + y² = 25로 정해지는 x의 함수 y = y(x)입니다. 음함수의 미분법에 따라" in out
    assert "좌변 x² + y²을 x에 대하여 미분합니다:" in out
    assert "합성함수의 미분법(연쇄 법칙): 속함수 y = y(x)는 x의 함수이므로 d/dx y² = 2·y·dy/dx입니다" in out
    assert "dy/dx가 있는 항은 좌변으로, 나머지 항은 우변으로 모읍니다:\n  2·y·dy/dx = −2·x" in out
    assert "양변을 dy/dx의 계수 2·y로 나눕니다:\n  dy/dx = −2·x/(2·y) = −x/y" in out
    assert "  dy/dx = −F_x/F_y = −2·x/(2·y) = −x/y" in out
    assert "음함수 미분" in run("implicit", "x*y = 1", "--lang", "ko", "--format", "rich").stdout
    assert ("(x, y) = (a, b)에서의 접평면은 f의 선형 근사 z = f(a, b) + f_x(a, b)·(x − a) + f_y(a, b)·(y − b)입니다. "
            "여기서 f_x = ∂f/∂x, f_y = ∂f/∂y는 f의 편도함수입니다.\na = 1, b = 2일 때:\n  f(1, 2) = 1² + 2² = 5\n  f_x(1, 2) = 2·1 = 2\n  f_y(1, 2) = 2·2 = 4\n"
            "  z = 5 + 2·(x − 1) + 4·(y − 2)\n  z = 2·x + 4·y − 5") in \
        run("tangent", "x**2 + y**2", "--at", "x=1,y=2", "--lang", "ko").stdout
    sheet = run("practice", "--rules", "chain,product", "--count", "2", "--format", "markdown", "--lang", "ko").stdout
    # headed as a teacher heads a worksheet, the rules in the order asked; how to have it again, quietly, last
    assert sheet.startswith("# 문제지 0 · 합성함수의 미분법, 곱의 미분법\n\n문제는 모두 2개입니다.\n\n## 문제\n")
    assert sheet.rstrip().endswith("같은 법칙으로 0번 문제지를 다시 만들면 이 문제가 이 순서대로 나옵니다.")


def test_korean_descent_says_why_it_stopped(run):
    result = run("descend", "x**4", "--from", "x=2", "--lr", "0.5", "--lang", "ko")
    assert result.exit_code == 1
    assert "시작점 x = 2에서 경사 하강법을 반복합니다. 갱신 규칙은 x ← x − ηf′(x)이고, 학습률은 η = 0.5입니다." in result.stdout
    assert "경사 하강법이 2단계에서 발산했습니다: |xₖ|의 값이 시작할 때의 2에서 2단계의 5474까지 한없이 커졌습니다. " \
           "학습률 0.5는 이 함수에 너무 큽니다.\n" \
           "학습률을 0.03125로 줄이기를 권합니다. 시작점에서 f가 휘는 정도(f″(2) = 48)에 비해 한 단계가 너무 큽니다. " \
           "이만큼 휘는 이차함수에서 경사 하강법은 η < 2/f″(2) ≈ 0.0417일 때만 수렴합니다. 같은 시작점에서 학습률 " \
           "0.03125로 다시 계산하면 100단계 동안 f가 16에서 0.00143636으로 줄어듭니다.\n" \
           in result.stdout
    assert result.stderr.startswith("오류: 경사 하강법이 2단계에서 발산했습니다")
    record = json.loads(run("descend", "x**4", "--from", "x=2", "--lr", "0.5", "--lang", "ko",
                            "--format", "json").stdout)
    assert record["final"]["diverged"] is True and record["final"]["reason"].startswith("2단계에서")


def test_python_api_words_are_english_unless_asked():
    r = descend("x**4", start="x=2", lr=0.5)
    assert r.reason == "diverged at step 2: |xₖ| grew without bound, from 2 at the start to 5474 at step 2; the " \
                       "learning rate 0.5 is too large for this function; try a learning rate of 0.03125: the step is " \
                       "too large for how sharply f curves at the start, where f″(2) = 48; gradient descent on a " \
                       "quadratic that curves this much converges only for η < 2/f″(2) ≈ 0.0417; with 0.03125, " \
                       "descent from the same start lowers f from 16 to 0.00143636 in 100 steps"
    v = check("sin(x**2)", "x", "cos(x**2)")
    assert v.diagnosis.message.startswith("the chain rule needs the inner derivative")
    with language("ko"):
        assert r.reason.startswith("2단계에서 발산했습니다")
        assert v.diagnosis.message.startswith("합성함수의 미분법에서는")
    assert message("summary.right", lang="ko") == "정답"


@pytest.mark.parametrize("expr, answer, kind", [
    ("sin(x**2)", "cos(x**2)", "missing_chain_factor"),
    ("2**x", "x*2**(x-1)", "power_rule_on_exponential"),
    ("x**2*sin(x)", "2*x*cos(x)", "product_factor_by_factor"),
    ("x/(x+1)", "(x - (x+1))/(x+1)**2", "quotient_rule_order"),
    ("x/(x+1)", "((x+1) + x)/(x+1)**2", "quotient_rule_sign"),
    ("x**2*sin(x)", "2*x*sin(x) - x**2*cos(x)", "product_rule_sign"),
    ("x**2+y", "2*x+y", "constant_not_dropped"),
    ("x**3", "-3*x**2", "sign_error"),
    ("x**2*y", "2*x*y + x**2", "not_held_constant"),
    ("x**2*y*z", "2*x*y*z + x**2*z + x**2*y", "not_held_constant"),
    ("x**2*y", "x**2", "wrong_variable"),
])
def test_every_diagnosis_is_worded_in_korean(expr, answer, kind):
    diagnosis = check(expr, "x", answer).diagnosis
    assert diagnosis.kind == kind
    with language("ko"):
        assert _words(diagnosis.message) & ENGLISH == set()
        assert _words(message(f"mistake.{kind}")) & ENGLISH == set()
    assert _words(diagnosis.message) & ENGLISH  # and in English by default
