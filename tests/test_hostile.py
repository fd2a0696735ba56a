"""Hostile input, by category, through the real command line in one batch: nothing executes,
nothing hangs, every line gets a result or an error, in order. Then fuzzing of the batch path."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from helpers import cli_args
from typer.testing import CliRunner

from symdiff.app.cli import app
from symdiff.app.records import process_record

CANARY = "CANARY"

INJECTION = [
    f"__import__('os').system('touch {CANARY}')",
    f"eval(\"open('{CANARY}','w')\")",
    f"exec('open(\"{CANARY}\",\"w\")')",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__.__init__.__globals__",
    "lambda: __import__('os')",
    "(lambda x: x)(1)",
    f"open('{CANARY}', 'w')",
    "import os",  # reads as the product import*os: harmless, and says nothing about os
    f"os.system('touch {CANARY}')",
    f"$(touch {CANARY})",
    f"`touch {CANARY}`",
    "globals()['__builtins__']",
    "Symbol('x').func",
    f"sympify(\"open('{CANARY}','w')\")",
    "ｅｖａｌ('1')",  # fullwidth letters that NFKC would turn into eval
    "𝐞𝐯𝐚𝐥('1')",  # mathematical bold
    "x; import os",
    "{{7*7}}",  # harmless: 49, and not a template
    "'x' + 'y'",
    "x if x else y",  # a product of four variables: harmless
    "[x for x in ()]",
]

RESOURCE = [
    "x**(10**10**10)",
    "9**9**9",
    "factorial(10**8)",
    "exp(exp(exp(10*E)))+1",
    "1" * 100_000,
    "(" * 5000 + "x" + ")" * 5000,
    "+".join(["x"] * 20_000),
    " + ".join(f"w{i}" for i in range(20_000)),
    "x**100000",
    "(2x)^9999",
    "((2x)^9999)^9999*((3x)^9999)^9999",
    "sin(x)" + "*sin(x)" * 3000,
    "x" * 1_000_000,
    "1e999999",
    "exp(10**6)",
    "cosh(10**10)",
    "√" * 5000 + "x",
]

MALFORMED = ["3*x**", "(", ")", "x++", "**x", "sin()", "log(x,)", ",,,", "|x", r"\frac{1}", r"\sqrt{}",
             "x)(", "2 3", "sin^-1 x", "x==1", "x!", "f(x)", "gamma(x)", r"\unknown x", "#not a comment"]

UNICODE = ["х*y", "ο + 1", "ｘ", "x\u200by", "x\u0301", "\u202ex", "😀", "𝑥", "x\x00", "x\ufeff",
           "\u00a0x\u00a0", "x²³⁴⁵⁶⁷⁸⁹", "x⁻⁻¹", "θ₁₂", "ⅹ"]

CORPUS = [("injection", t) for t in INJECTION] + [("resource", t) for t in RESOURCE] + \
         [("malformed", t) for t in MALFORMED] + [("unicode", t) for t in UNICODE]

# A guard against lines that would run on, not a measure of speed: generous, so that on a busy
# machine a line the limits refuse is still refused (not timed out), and the test never asserts how
# long the run took.
TIMEOUT = 60.0


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    path = work / "corpus.txt"
    # One expression per line, in the file's own order; line numbers are 1-based.
    path.write_text("\n".join(t for _, t in CORPUS) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "symdiff", "partial", "--file", str(path), "x", "--format", "json",
         "--timeout", str(TIMEOUT), "--jobs", "2"],
        cwd=work, capture_output=True, text=True, timeout=TIMEOUT * len(CORPUS) + 600,
    )
    return proc, work


def test_nothing_executes(corpus_run):
    proc, work = corpus_run
    assert not (work / CANARY).exists()
    assert list(work.iterdir()) == [work / "corpus.txt"]


def test_nothing_hangs(corpus_run):
    # The run ended by itself, before the fixture's limit (the sum of the per-line limits), and
    # accounted for every line that is not a comment.
    proc, _ = corpus_run
    lines = sum(1 for _, t in CORPUS if t.strip() and not t.lstrip().startswith("#"))
    assert proc.stderr.splitlines()[-1].startswith(f"symdiff: {lines} lines: ")


def test_every_line_gets_a_result_or_an_error_in_order(corpus_run):
    proc, _ = corpus_run
    assert proc.returncode == 1
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    commented = {k for k, (_, t) in enumerate(CORPUS, 1) if t.lstrip().startswith("#") or not t.strip()}
    assert [r["line"] for r in records] == [k for k in range(1, len(CORPUS) + 1) if k not in commented]
    for r in records:
        assert ("error" in r) != ("result" in r)
        if "error" in r:
            assert r["error"]["type"] in ("syntax", "unknown_function", "unsupported", "limit", "timeout",
                                          "domain")
            assert r["error"]["message"]
    assert "Traceback" not in proc.stderr
    assert "symdiff: " in proc.stderr.splitlines()[-1]  # the summary


@pytest.mark.parametrize("category", ["injection", "malformed", "unicode"])
def test_injection_malformed_and_unicode_lines_are_refused_or_harmless(corpus_run, category):
    proc, _ = corpus_run
    records = {r["line"]: r for r in map(json.loads, proc.stdout.splitlines())}
    harmless = {"import os", "x if x else y", "{{7*7}}", "\u00a0x\u00a0", "x²³⁴⁵⁶⁷⁸⁹", "θ₁₂"}
    for k, (cat, text) in enumerate(CORPUS, 1):
        if cat != category or k not in records:
            continue
        r = records[k]
        if text in harmless:
            continue
        assert "error" in r, (text, r)
        assert r["error"]["type"] in ("syntax", "unknown_function", "unsupported", "limit", "domain"), (text, r)
        assert r["error"].get("column") is not None, (text, r)


def test_resource_attacks_say_which_limit(corpus_run):
    proc, _ = corpus_run
    records = {r["line"]: r for r in map(json.loads, proc.stdout.splitlines())}
    for k, (cat, text) in enumerate(CORPUS, 1):
        if cat != "resource" or "error" not in records[k]:
            continue
        error = records[k]["error"]
        if error["type"] == "limit":
            assert "limit" in error["message"] or "more than" in error["message"], error
        else:
            assert error["type"] in ("timeout", "unsupported"), (text[:40], error)


# --- fuzzing the batch path

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
lines = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=LINE_BREAKS),
                max_size=40)
TOKENS = ["x", "y", "2", "0", "(", ")", "+", "-", "*", "/", "**", "^", "sin", "log", "|", ",", " ",
          r"\frac", "{", "}", "√", "²", "e", "pi", ".", "1e5", "_"]
token_lines = st.lists(st.sampled_from(TOKENS), max_size=15).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(lines, token_lines), min_size=1, max_size=8))
def test_fuzzed_batches_never_crash(batch):
    runner = CliRunner()
    text = "\n".join(batch) + "\n"
    result = runner.invoke(app, ["partial", "-", "x", "--format", "json", "--timeout", "5"], input=text)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.stdout + result.stderr
    expected = [k for k, line in enumerate(batch, 1) if line.strip() and not line.strip().startswith("#")]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in records] == expected
    for r in records:
        assert ("error" in r) != ("result" in r)
        if "error" in r:
            assert r["error"]["type"] != "internal", r


# --- huge and tiny literals in every position (issue 15: `partial "1e310^2" x` was an internal
# OverflowError, and 2^1e-400 ran SymPy out of memory looking for a polynomial of degree 10^400)

HUGE_LITERALS = st.one_of(
    st.builds(lambda m, e: f"{m}e{e}", st.sampled_from(["1", "9", "1.5", "0.1", "12345"]),
              st.integers(300, 1000) | st.integers(-1000, -300)),
    st.integers(300, 999).map(lambda n: "9" * n),
    st.sampled_from(["10^400", "2^1e310", "1e310^2", "(1/3)^1e400", "2^1e-400", "1e-400^1e-400"]),
)
HUGE_TEMPLATES = ["{h}^2", "2^{h}", "{h}^x", "x^{h}", "{h}^{h}", "sin({h})*x", "exp({h})", "log({h})*x",
                  "sqrt({h})*x", "{h}*x", "x/{h}", "x + {h}", "({h})^(1/2)", "pi^{h}", "E^{h}*x", "x^(1/{h})",
                  "atan2({h}, x)", "log(x, {h})", "root(x, {h})", "({h}*x)^2", "(2*x)^{h}", "x^2^{h}",
                  "sigmoid({h}*x)", "-{h}^2", "(-{h})^3", "{h}^-2", "0.5^{h}", "(1/3)^{h}", "cbrt({h})*x",
                  "x^x^{h}", "{h}x", "cosh({h}*x)", "f(x) = {h}*x", "d/dx x^{h}", "root(2, {h})*x"]


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(HUGE_TEMPLATES), HUGE_LITERALS), min_size=1, max_size=6),
       st.sampled_from([[], ["--at", "x=2"]]))
def test_huge_literals_anywhere_are_a_result_or_an_error_with_its_column(cases, at):
    batch = [template.format(h=h) for template, h in cases]
    check_huge_batch(batch, at)


def check_huge_batch(batch: list[str], at: list[str]) -> None:
    result = CliRunner().invoke(app, ["partial", "-", "x", "--format", "json", "--timeout", "600", *at],
                                input="\n".join(batch) + "\n")
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.stdout + result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in records] == list(range(1, len(batch) + 1))
    for text, r in zip(batch, records):
        if "error" not in r:
            continue
        error = r["error"]
        assert error["type"] in ("syntax", "limit", "domain"), (text, error)
        if error["type"] != "domain" or not at:  # a value at --at has no column in f
            assert error.get("column") is not None, (text, error)


@pytest.mark.parametrize("text", ["1e310^2", "1e400^2", "1e600^2", "9" * 400 + "^2", "(1e310)^(1/2)",
                                  "x^2^1e-400", "2^1e-400*x", "root(2, 1e60)*x"])
def test_the_issue_examples_of_huge_literals(text):
    check_huge_batch([text], [])
    check_huge_batch([text], ["--at", "x=2"])


HUGE_OPTION_VALUES = ["1e310", "9" * 400, "1e-400", "-1e310", "2^1e310", "10^400", "1e999999", "2^1e-400"]
HUGE_IN_OPTIONS = [
    ["partial", "x**2", "x", "--at", "x={h}"],
    ["grad", "x*y", "--at", "x={h},y=1"],
    ["grad", "x*y", "--at", "x=1,y=1", "--dir", "{h},1"],
    ["hessian", "x**3*y", "--at", "x={h},y=1"],
    ["jacobian", "x*y; x + y", "--at", "x={h},y=1"],
    ["tangent", "x**2", "--at", "x={h}"],
    ["implicit", "x**2 + y**2 = 25", "--at", "x={h},y=1"],
    ["check", "x**2", "x", "2*x*{h}"],
    ["descend", "x**2", "--from", "x={h}", "--steps", "3"],
    ["descend", "x**2", "--from", "x=1", "--lr", "{h}", "--steps", "3"],
    ["descend", "x**2", "--from", "x=1", "--tol", "{h}", "--steps", "3"],
    ["matrix", "x.T*x", "x", "--shape", "x={h},1"],
    ["backprop", "--inputs", "{h}"],
    ["practice", "--rules", "chain", "--count", "1", "--seed", "{h}"],
    ["partial", "x", "x", "--timeout", "{h}"],
    ["partial", "x", "x", "--memory", "{h}"],
    ["partial", "x", "x", "--jobs", "{h}"],
]


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HUGE_IN_OPTIONS), st.sampled_from(HUGE_OPTION_VALUES))
def test_huge_literals_in_option_values_are_a_result_or_a_clear_error(args, h):
    if "--timeout" not in args and args[0] not in ("backprop", "practice"):
        args = [args[0], "--timeout", "600", *args[1:]]
    result = CliRunner().invoke(app, [a.format(h=h) for a in args])
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), (args, h, result.exit_code, output[-2000:])
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception


# --- found by an attacker's review (session 24)

def test_a_name_with_many_digits_reads_in_korean():
    """Korean particles read a name aloud: a long run of digits is read digit by digit; a name past
    the length limit is refused as a limit, never an internal error."""
    name = "w" + "1" * 190
    out = CliRunner().invoke(app, cli_args(["partial", f"x*{name}", "x", "--lang", "ko", "--format", "json"]))
    assert out.exit_code == 0, out.output
    assert "internal" not in out.output
    out = CliRunner().invoke(app, cli_args(["partial", f"x*w{'1' * 5000}", "x", "--lang", "ko", "--format", "json"]))
    assert json.loads(out.stdout)["error"]["type"] == "limit"


def test_a_result_with_a_coefficient_past_4300_digits_is_a_limit_error():
    out = CliRunner().invoke(app, cli_args(["partial", "x^10000", *["x"] * 1200, "--no-steps", "--format", "json"]))
    record = json.loads(out.stdout.splitlines()[0])
    assert record["error"]["type"] == "limit", record


@pytest.mark.parametrize("value", [Decimal("1e-5000000"), Decimal("1e+5000"), Fraction(1, 10**2000000), 10**5000,
                                   Decimal("1." + "1" * 2000)],
                         ids=["tiny-decimal", "huge-decimal", "tiny-fraction", "huge-int", "long-decimal"])
def test_exact_numbers_past_the_digit_limit_are_refused_like_typed_ones(value):
    from symdiff.api import descend, partial
    from symdiff.core.errors import LimitError

    with pytest.raises(LimitError):
        partial("x**2", "x", at={"x": value})
    with pytest.raises(LimitError):
        descend("x**2", start={"x": value})
    assert process_record({"expr": "x^2", "wrt": ["x"], "at": {"x": value}})["error"]["type"] == "limit"


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.integers(31, 900), st.sampled_from(["abs(x - 1)", "relu(x - 1)", "sign(x - 1)", "Heaviside(x - 1)"]),
       st.sampled_from([1, -1]))
def test_a_point_just_beside_a_kink_keeps_its_side(exponent, f, side):
    """1 ± 10^-k is not 1: the derivative there is the one of its side (sign(x-1) = ±1), not the
    value at the kink that 30-digit floats made of it."""
    from symdiff.api import partial

    point = f"x=1{'+' if side > 0 else '-'}10^-{exponent}"
    slope = {"abs(x - 1)": side, "relu(x - 1)": 1 if side > 0 else 0, "sign(x - 1)": 0,
             "Heaviside(x - 1)": 0}[f]
    assert partial(f, "x", at=point).value == slope


@pytest.mark.parametrize("args", [["hessian", "x^2*y", "--vars", "x,x,y"], ["grad", "x^2", "--vars", "x,x"],
                                  ["jacobian", "x^2", "--vars", "x,x"],
                                  ["tangent", "x^2*y", "--vars", "x,y,x", "--at", "x=1,y=1"],
                                  ["descend", "x^2", "--vars", "x,x", "--from", "x=1"]])
def test_a_variable_listed_twice_is_a_usage_error(args):
    out = CliRunner().invoke(app, cli_args(args))
    assert out.exit_code == 2, out.output
    assert "names x twice" in out.output


# --- a JSON record's field may hold line breaks and escape codes: echoed, they must not forge lines

_ACTING = st.text(alphabet=st.sampled_from(["\n", "\r", "\x1b", "\x0b", "\x0c", "\x85", "\u2028", "\x00", "\x7f"]),
                  min_size=1, max_size=4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(["answer", "expr", "var"]), before=_ACTING, after=_ACTING)
def test_a_record_field_with_line_breaks_is_echoed_on_its_own_lines_only(tmp_path_factory, field, before, after):
    # The attacker's record: an answer "3x\n\nline 2: x**3\ncorrect: …" printed a forged second result.
    record = {"expr": "x**3", "var": "x", "answer": "3*x**2"}
    record[field] = f"{record[field]}{before}line 2: x**3{after}correct: proved equal symbolically."
    path = tmp_path_factory.mktemp("forge") / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, cli_args(["check", "--file", str(path), "--format", "text"]))
    out = result.stdout
    assert result.exit_code == 1
    assert [line for line in out.splitlines() if line.startswith("line ")] == [out.splitlines()[0]]
    assert not any(line.startswith("correct") for line in out.splitlines()), out
    assert not any(ch in out for ch in "\r\x1b\x0b\x0c\x85\u2028\x00\x7f"), repr(out)


def test_a_record_with_line_breaks_and_escapes_makes_a_latex_document_that_compiles(tmp_path):
    import shutil

    record = {"expr": "x**3", "var": "x", "answer": "3x\n\nline 2: x**3\x1b[31m\ncorrect: yes\r\n\n"}
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, cli_args(["check", "--file", str(path), "--format", "latex", "--standalone"]))
    assert result.exit_code == 1 and "\\end{document}" in result.stdout
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed (Debian: apt-get install texlive-latex-base)")
    (tmp_path / "doc.tex").write_text(result.stdout, encoding="utf-8")
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:]
