"""`symdiff matrix` and `symdiff backprop` through Typer's CliRunner, with a fixed console width."""

from __future__ import annotations

import json
import re

import pytest

from symdiff.matrix.parse import parse_matrix
from symdiff.render.latex import document

QUADRATIC = ("matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n")


def test_quadratic_form_text(run):
    result = run(*QUADRATIC)
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out
    # each step names its rule once: the name its explanation begins with, as the label
    # the rule's letters are neither x nor A in either case: d(XY) beside x read as if X were x
    assert "d(xᵀAx) = (dx)ᵀAx + xᵀA·dx   (Product rule)\n     d(RS) = (dR)S + R(dS)," in out
    assert "d(xᵀ) = (dx)ᵀ   (Transpose rule)" in out
    assert "∂f/∂x = (A + Aᵀ)x   (n×1)" in out
    assert "Scalar by vector" in out


def test_json_follows_the_contract(run):
    result = run(*QUADRATIC, "--format", "json", "--check")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["command"] == "matrix"
    assert record["result"] == "(A + A.T)*x"
    assert record["shapes"] == {"A": ["n", "n"], "x": ["n", 1]}
    assert record["kind"] == "scalar_by_vector"
    assert record["layout"] == "mixed"
    assert record["shape"] == ["n", 1]
    assert record["check"]["ok"] is True and record["check"]["points"] > 0
    assert {"rule", "expr", "var", "result", "explanation", "substeps"} <= set(record["steps"][0])
    # the result reads back, with the same shapes
    shapes = {k: tuple(v) for k, v in record["shapes"].items()}
    assert str(parse_matrix(record["result"], shapes)) == record["result"]


@pytest.mark.parametrize("layout, expected, shape", [
    ("mixed", "A", ["m", "n"]), ("numerator", "A", ["m", "n"]), ("denominator", "A.T", ["n", "m"]),
])
def test_jacobian_layouts(run, layout, expected, shape):
    result = run("matrix", "A*x", "x", "--shape", "A=m,n x=n,1", "--layout", layout, "--format", "json")
    record = json.loads(result.stdout)
    assert (record["result"], record["shape"], record["layout"]) == (expected, shape, layout)


@pytest.mark.parametrize("layout, expected", [
    ("mixed", "a*b.T"), ("denominator", "a*b.T"), ("numerator", "b*a.T"),
])
def test_gradient_layouts(run, layout, expected):
    result = run("matrix", "a.T*X*b", "X", "--shape", "a=m,1", "--shape", "X=m,n", "--shape", "b=n,1",
                 "--layout", layout, "--no-steps", "--format", "json")
    assert json.loads(result.stdout)["result"] == expected


def test_shape_error_names_the_subexpression_and_both_shapes(run):
    result = run("matrix", "x.T*A*x + B*x", "x", "--shape", "x=3,1", "--shape", "A=3,3", "--shape", "B=3,2")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "B*x: (3×2)·(3×1) do not conform" in result.stderr
    lines = result.stderr.splitlines()
    caret = lines.index("  x.T*A*x + B*x") + 1
    assert lines[caret] == "  " + " " * len("x.T*A*x + ") + "^"


def test_shape_error_in_json_is_a_record(run):
    result = run("matrix", "trace(B)", "B", "--shape", "B=3,2", "--format", "json")
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record["error"]["type"] == "unsupported"
    assert "square" in record["error"]["message"]


def test_missing_shape_is_a_usage_error(run):
    result = run("matrix", "x.T*x", "x")
    assert result.exit_code == 2
    assert "--shape x=ROWS,COLS" in result.stderr


def test_undeclared_symbol_says_how_to_declare_it(run):
    # a usage error like a missing shape for WRT: the command line lacks an option (issue 20)
    result = run("matrix", "x.T*A*x", "x", "--shape", "x=n,1")
    assert result.exit_code == 2
    assert "--shape A=ROWS,COLS" in result.stderr


def test_tensor_derivative_is_refused_clearly(run):
    result = run("matrix", "W*x", "W", "--shape", "W=m,n x=n,1")
    assert result.exit_code == 1
    assert "third-order tensor" in result.stderr


@pytest.mark.parametrize("expression, wrt, shapes, order", [
    ("W*x", "W", "W=m,n x=n,1", "3계"), ("A*B", "A", "A=n,n B=n,n", "4계"), ("A", "x", "A=n,n x=n,1", "3계")])
def test_tensor_derivative_is_refused_in_korean_under_lang_ko(run, expression, wrt, shapes, order):
    # (try-48: the refusal was English in a Korean run)
    result = run("matrix", expression, wrt, "--shape", shapes, "--lang", "ko")
    assert result.exit_code == 1 and f"{order} 텐서" in result.stderr, result.stderr
    assert not re.search(r"[A-Za-z]{4,}", result.stderr.replace("symdiff", "")), result.stderr


def test_batch_keeps_going_after_a_bad_line(run):
    lines = "x.T*A*x\nA*\n# comment\nnorm2(x)**2\nB*x\n"
    result = run("matrix", "-", "x", "--shape", "x=n,1", "--shape", "A=n,n", "--format", "json", input=lines)
    assert result.exit_code == 2  # B has no --shape: a usage error, after every line was worked on
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("line") for r in records] == [1, 2, 4, 5]
    assert records[0]["result"] == "(A + A.T)*x"
    assert records[1]["error"]["type"] == "syntax"
    assert records[2]["result"] == "2*x"
    assert "no shape" in records[3]["error"]["message"]
    assert records[3]["error"]["type"] == "syntax"
    # the README's summary line, as the last line of standard error
    assert result.stderr.splitlines()[-1] == "symdiff: 4 lines: 2 succeeded, 2 failed (syntax 2)"


def test_korean_explanations(run):
    result = run(*QUADRATIC, "--lang", "ko")
    assert "곱의 미분법" in result.stdout
    assert "전치" in result.stdout
    assert "product rule" not in result.stdout


@pytest.mark.parametrize("fmt", ["latex", "markdown", "html", "rich"])
def test_every_document_format(run, fmt):
    result = run("matrix", "log(det(X))", "X", "--shape", "X=n,n", "--format", fmt)
    assert result.exit_code == 0
    out = result.stdout
    if fmt == "latex":
        assert r"X^{-\top}" in out and out.count("{") == out.count("}")
    elif fmt == "markdown":
        assert "> **Result.**\n" in out and "$$" in out and "[!" not in out
    elif fmt == "html":
        assert "<math" in out and "<script" not in out
    else:
        assert "X⁻ᵀ" in out


def test_matrix_latex_compiles(run, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed (apt install texlive-latex-base)")
    body = run(*QUADRATIC, "--format", "latex").stdout + run("backprop", "--format", "latex").stdout
    tex = tmp_path / "m.tex"
    tex.write_text(document(body), encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tmp_path,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:]


# --- backprop

def test_backprop_text(run):
    result = run("backprop", "--check")
    assert result.exit_code == 0
    out = result.stdout
    # the loss as a textbook states it (the JSON's forward keeps the engine's norm2(z - t)**2/2)
    assert "x → y = Wx + b → z = σ(y) → L = ½‖z − t‖² = ½Σᵢ (zᵢ − tᵢ)²" in out
    assert "∂z/∂y = diag(z ⊙ (𝟏 − z))   (m×m)" in out  # the minus sign, as the sentences set it
    assert "∂L/∂W = δxᵀ   (m×n)" in out  # δ, as the labels call it (issue 20)
    assert "Check: agrees" in out


@pytest.mark.parametrize("activation, loss, delta", [
    ("sigmoid", "mse", "hadamard(hadamard(z, ones(m, 1) - z), z - t)"),
    ("sigmoid", "ce", "z - t"),
    ("tanh", "mse", "hadamard(ones(m, 1) - hadamard_power(z, 2), z - t)"),
    ("relu", "mse", "hadamard(step(y), z - t)"),
])
def test_backprop_delta_and_check(run, activation, loss, delta):
    result = run("backprop", "--activation", activation, "--loss", loss, "--check", "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["delta"] == delta
    assert record["gradients"] == {"L_W": "delta*x.T", "L_b": "delta", "L_x": "W.T*delta"}
    assert record["check"]["ok"] is True


@pytest.mark.parametrize("n, m", [("2", "3"), ("4", "1"), ("1", "1")])
def test_backprop_numeric_sizes(run, n, m):
    result = run("backprop", "--inputs", n, "--outputs", m, "--activation", "tanh", "--check", "--format", "json")
    record = json.loads(result.stdout)
    assert record["shapes"]["W"] == [int(m), int(n)]
    assert record["check"]["ok"] is True


def test_backprop_usage_errors(run):
    assert run("backprop", "--loss", "ce", "--activation", "tanh").exit_code == 2
    bad = run("backprop", "--inputs", "0")
    assert bad.exit_code == 2 and "--inputs" in bad.stderr


# --- hostile input: refused within limits, never executed

HOSTILE = [
    ("__import__('os').system('touch CANARY')", "syntax"),
    ("x.__class__.__mro__", "syntax"),
    ("eval(x)", "unknown_function"),
    ("x" * 1_000_000, "limit"),
    ("(" * 5000 + "x" + ")" * 5000, "limit"),
    ("exp(" * 200 + "x" + ")" * 200, "limit"),
    ("-" * 5000 + "x.T*x", "limit"),
    ("A**1000000", "limit"),
    ("x.T*x*(2**5000)**5000", "limit"),
    ("x.T*x*" + "9" * 5000, "limit"),
]


def test_hostile_lines_are_refused_and_the_batch_goes_on(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = "\n".join(text for text, _ in HOSTILE) + "\nx.T*A*x\n"
    result = run("matrix", "-", "x", "--shape", "x=n,1 A=n,n", "--format", "json", input=lines)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["error"]["type"] for r in records[:-1]] == [kind for _, kind in HOSTILE]
    assert records[-1]["result"] == "(A + A.T)*x"
    assert not (tmp_path / "CANARY").exists()
    assert len(result.stderr) < 20_000  # a megabyte line is not echoed back whole


# --- Korean: no English prose left in any format

def _words(text: str) -> set[str]:
    import re

    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{\w*\}", " ", text))}


def _matrix_english() -> set[str]:
    from symdiff.core.messages import EN, KO
    from symdiff.matrix import messages  # noqa: F401  (registers the matrix messages)

    keys = [k for k in EN if k.startswith(("matrix.", "backprop.", "rule."))]
    words = set().union(*(_words(EN[k]) for k in keys)) - set().union(*(_words(KO[k]) for k in keys))
    # names of the canonical syntax (hadamard(u, v), norm2(x), trace(X)) are mathematics, not prose
    return words - {"hadamard", "norm", "trace", "diag", "sigmoid", "ones", "zeros"}


def _prose(text: str) -> str:
    import re

    text = re.sub(r"<style>.*?</style>|<title>.*?</title>|<h1>.*?</h1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    return re.sub(r"\\[A-Za-z]+", " ", text)


@pytest.mark.parametrize("fmt", ["text", "rich", "latex", "markdown", "html"])
@pytest.mark.parametrize("args", [
    QUADRATIC + ("--check",),
    ("matrix", "sigmoid(W*x + b)", "x", "--shape", "W=m,n x=n,1 b=m,1", "--layout", "denominator"),
    ("matrix", "log(det(X)) + trace(X)", "X", "--shape", "X=n,n"),
    ("backprop", "--check"),
], ids=["quadratic", "jacobian", "logdet", "backprop"])
def test_korean_leaves_no_english(run, fmt, args):
    english = _matrix_english()
    # the check can fail ("layout" is no longer one: Korean keeps "mixed layout" as a gloss)
    assert {"rule", "product", "numerator", "transpose"} <= english
    out = run(*args, "--lang", "ko", "--format", fmt).stdout
    assert _words(_prose(out)) & english == set()
    out_en = run(*args, "--format", fmt).stdout
    assert _words(_prose(out_en)) & english


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("extra", [["A=n,n"], ["A=n,n", "b=m,1"], ["W=3,2", "B_2=k,1", "v=1,n"]])
def test_shapes_after_one_unquoted_shape_say_how_several_are_given(run, lang, extra):
    # --shape x=n,1 A=n,n unquoted: Click reads A=n,n as an extra argument; the error says so and
    # gives the command line's shapes quoted together, which the option takes
    result = run("matrix", "x.T*A*x", "x", "--shape", "x=n,1", *extra, "--lang", lang)
    assert result.exit_code == 2 and result.stdout == ""
    quoted = '--shape "' + " ".join(["x=n,1", *extra]) + '"'
    assert " ".join(extra) in result.stderr and quoted in result.stderr, result.stderr
    assert ("따옴표로 묶어" in result.stderr) if lang == "ko" else ("repeat the option" in result.stderr)
    if extra == ["A=n,n"]:  # the example it gives is a command line that works
        fixed = run("matrix", "x.T*A*x", "x", "--shape", "x=n,1 A=n,n", "--lang", lang)
        assert fixed.exit_code == 0 and "(A + Aᵀ)x" in fixed.stdout


def test_an_extra_word_that_is_no_shape_keeps_clicks_error(run):
    result = run("matrix", "x.T*A*x", "x", "--shape", "x=n,1", "A=n,n", "oops")
    assert result.exit_code == 2 and "oops" in result.stderr and "quote them together" not in result.stderr
