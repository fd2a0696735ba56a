"""Every LaTeX document fits the page and compiles (issue 16): a corpus of generated expressions over
every command that writes LaTeX, in English (pdflatex) and Korean (lualatex with a Korean font),
with and without --at, compiled, and the log read for overfull lines."""

from __future__ import annotations

import random
import re
import shutil
import subprocess

import pytest
import test_invariant as generated
from helpers import invoke
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from symdiff import partial
from symdiff.core.errors import SymdiffError
from symdiff.render import latex as render_latex
from symdiff.render.fit import LINE_WIDTH, fit, fit_rows, width

_PIECES = ["x", "y", "x*y", "x**2 + 1", "sin(x)", "exp(x*y)", "log(1 + x**2)", "sqrt(x**2 + y**2)", "atan(x/y)",
           "cos(x + y)", "(x - y)**3", "sigmoid(x*y)", "tanh(x - 2*y)"]


def _generated(count: int, seed: int) -> list[str]:
    """Expressions in x and y built from the pieces by sums, products, quotients and composition:
    long enough that their steps and results overrun a line."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        a, b, c, d = rng.sample(_PIECES, 4)
        out.append(rng.choice([f"({a})*({b}) + ({c})/({d})", f"exp({a})*({b}) - ({c})*({d})",
                               f"(({a}) + ({b}))/(({c}) + 2) + ({d})**2", f"sin(({a})*({b})) + ({c})*({d})"]))
    return out


_MATRIX_PIECES = ["trace(X*A)", "norm2(X*b)**2", "log(det(X))", "trace(inv(X)*A)", "b.T*X.T*A*X*b",
                  "trace(X.T*A*X*B)", "sum(exp(X*b))", "norm2(tanh(X*b) - c)**2"]

AT = '{"x": [1, 2], "t": [0, 1], "W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0.1, -0.1], ' \
     '"W2": [[0.5, -0.2], [0.1, 0.3]], "b2": [0, 0.2]}'


def _wide_values(sizes, seed: int = 1) -> str:
    """--at for a network whose weight matrices have more columns than a line holds at full size."""
    import json

    rng = random.Random(seed)
    values = {"x": [round(rng.uniform(-1, 1), 3) for _ in range(sizes[0])], "t": [0] * (sizes[-1] - 1) + [1]}
    for layer in range(1, len(sizes)):
        values[f"W{layer}"] = [[round(rng.uniform(-1, 1), 4) for _ in range(sizes[layer - 1])]
                               for _ in range(sizes[layer])]
        values[f"b{layer}"] = [round(rng.uniform(-1, 1), 3) for _ in range(sizes[layer])]
    return json.dumps(values)


def _corpus() -> list[list[str]]:
    exprs = _generated(4, 16)
    runs = [["partial", "exp(sin(x**2))/x + relu(x) + sigmoid(x)", "x"],
            ["partial", "sqrt(x**2+y**2+z**2)/(1+exp(-x*y*z))", "x", "y"],
            ["grad", "(w0*x1 + w1*x2 + b - t)**2 + exp(w0*w1*b)*cos(w0+w1+b)", "--vars", "w0,w1,b",
             "--at", "w0=1,w1=2,b=0.5,x1=1,x2=2,t=3"],
            ["grad", "x**2*y + sin(y)", "--at", "x=1,y=2", "--dir", "1,1"],
            ["hessian", "log(1+exp(a*x+b*y+c*z))", "--vars", "x,y,z"],
            ["jacobian", "exp(x*y*z)*cos(x+y)/(1+z**2); atan(x/y) + sqrt(x**2+y**2+z**2)", "--at", "x=1,y=2,z=3"],
            ["matrix", "log(det(X.T*A*X)) + trace(X*B*X.T*C)", "X", "--shape", "X=n,n", "--shape", "A=n,n",
             "--shape", "B=n,n", "--shape", "C=n,n"],
            ["matrix", "trace(inv(X)*A) + norm2(X*b)**2", "X", "--shape", "X=n,n", "--shape", "A=n,n",
             "--shape", "b=n,1"],
            ["backprop", "--loss", "ce"],
            ["backprop", "--activation", "tanh", "--inputs", "3", "--outputs", "2"],
            ["backprop", "--layers", "2,2,2", "--activation", "relu", "--output", "sigmoid", "--loss", "ce",
             "--at", AT, "--lr", "0.1"],
            ["backprop", "--layers", "n,h,m", "--activation", "tanh", "--output", "softmax", "--loss", "ce"],
            ["backprop", "--layers", "8,4,3", "--output", "softmax", "--loss", "ce", "--at", _wide_values([8, 4, 3]),
             "--lr", "0.1"]]
    shapes = [a for name in "XAB" for a in ("--shape", f"{name}=n,n")] + ["--shape", "b=n,1", "--shape", "c=n,1"]
    rng = random.Random(18)
    for _ in range(3):  # matrix expressions from the pieces, by sums and products with a scalar
        a, b, c = rng.sample(_MATRIX_PIECES, 3)
        runs.append(["matrix", f"{a} + {b}*{c}", "X", *shapes])
    for activation, loss in (("sigmoid", "mse"), ("relu", "mse"), ("sigmoid", "ce")):
        runs.append(["backprop", "--activation", activation, "--loss", loss])
    runs += [["practice", "--rules", rules, "--count", "3", "--seed", "16"]
             for rules in ("chain,product", "quotient,trig", "exp,log,chain")]
    # (check's diagnosis of a wrong answer to a generated expression can take minutes: fixed ones here)
    runs += [["check", "sin(x**2)**3", "x", "6*x*sin(x**2)**2*cos(x**2)"],
             ["check", "(x**2 + 1)*(9*x**2 + 1)/sqrt(x) + atan(x*y)*exp(x**3*y**2)", "x", "2*x"],
             ["check", "x**2*y + exp(x*y)", "x", "2*x*y + y*exp(x*y)"]]
    # (120 steps: a table taller than a page, which must break across pages)
    runs.append(["descend", "(x - 1)**2 + 3*(y + 2)**2 + x*y/4", "--from", "x=3,y=2", "--lr", "0.02", "--steps", "120"])
    runs += [["implicit", eq, "--at", "x=3,y=3"] for eq in ("x**3 + y**3 = 6*x*y", "exp(x*y) + sin(x + y)**2 = x*y**3")]
    for n, e in enumerate(exprs):
        runs.append(["tangent", e, "--at", "x=1,y=2"])
        at = ["--at", "x=1,y=2"] if n % 2 else []
        runs += [["partial", e, "x", *at], ["grad", e, *at], ["hessian", e, *at],
                 ["jacobian", f"{e}; {exprs[(n + 1) % len(exprs)]}", *at]]
    return runs


def _engine_ready(lang: str) -> str | None:
    """Why `lang`'s document cannot be compiled here, or None."""
    engine = render_latex.engine(lang)
    if shutil.which(engine) is None:
        return f"{engine} is not installed (Debian: apt-get install texlive-latex-base)"
    if lang == "ko":
        probe = subprocess.run(["kpsewhich", "luaotfload.sty"], capture_output=True, text=True)
        if not probe.stdout.strip():
            return "luaotfload is not installed (Debian: apt-get install texlive-luatex)"
        fonts = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True) \
            if shutil.which("fc-list") else None
        if fonts is None or not any(name in fonts.stdout for name in render_latex.KOREAN_FONTS):
            return ("no Korean font of the document's stack is installed (" + ", ".join(render_latex.KOREAN_FONTS)
                    + "; Debian: apt-get install fonts-nanum)")
    return None


def _compile(tmp_path, source: str, lang: str) -> str:
    (tmp_path / "doc.tex").write_text(source, encoding="utf-8")
    proc = subprocess.run([render_latex.engine(lang), "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900)
    log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == 0, log[-3000:]
    return log


def _overfull(log: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"Overfull \\hbox[^\n]*\n[^\n]*", log)]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_latex_document_compiles_and_fits(run, tmp_path, lang):
    why = _engine_ready(lang)
    if why:
        pytest.skip(why)
    body = []
    for args in _corpus():
        result = run(*args, "--format", "latex", "--lang", lang)
        # (1: a wrong answer's verdict, or a run that stopped short, is a document too)
        assert result.exit_code in (0, 1) and result.stdout.strip(), (args, result.stdout, result.stderr)
        body.append(f"% symdiff {' '.join(args)}\n{result.stdout}")
    source = "\n".join(body)
    # a condition or formula is one piece of math, never several side by side ($x$ $>$ 0)
    assert not re.search(r"(?<!\\)\$[ ]+\$(?:[<>=]|\\neq|\\leq|\\geq)", source)
    log = _compile(tmp_path, render_latex.document(source, lang), lang)
    assert not _overfull(log), _overfull(log)[:5]
    assert "Overfull \\vbox" not in log  # nothing runs off the bottom of a page (a long table)
    assert "Missing character" not in log  # every Korean letter was set in a Korean font


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_standalone_is_a_complete_document(run, tmp_path, lang):
    result = run("partial", "sin(x**2)*y", "x", "--format", "latex", "--standalone", "--lang", lang)
    assert result.exit_code == 0
    source = result.stdout
    assert source.startswith(f"% Compile with {render_latex.engine(lang)}")
    assert "\\documentclass" in source and source.rstrip().endswith("\\end{document}")
    why = _engine_ready(lang)
    if why:
        pytest.skip(why)
    assert not _overfull(_compile(tmp_path, source, lang))


@pytest.mark.parametrize("args", [["check", "x**2", "x", "2*x"], ["tangent", "x**2*y", "--at", "x=1,y=2"],
                                  ["descend", "(x-1)**2 + y**2", "--from", "x=3,y=2", "--steps", "5"],
                                  ["practice", "--rules", "chain", "--count", "1"], ["implicit", "x**2 + y**2 = 25"]])
def test_every_latex_command_has_a_standalone_document(run, args):
    result = run(*args, "--format", "latex", "--standalone")
    assert result.exit_code == 0
    assert result.stdout.startswith("% Compile with pdflatex") and result.stdout.rstrip().endswith("\\end{document}")


def test_standalone_needs_latex(run):
    result = run("grad", "x*y", "--standalone", "--format", "markdown")
    assert result.exit_code == 2
    assert "--format latex" in result.stdout + result.stderr


# --- the breaking itself, without TeX

@pytest.mark.parametrize("seed", range(4))
def test_long_formulas_break_at_top_level_signs(seed):
    for expr in _generated(3, seed):
        result = partial(expr, "x")
        tex = render_latex.latex(result.result)
        rows = fit_rows(r"\frac{\partial f}{\partial x}", tex)
        assert all(width(row) <= LINE_WIDTH + 1 for row in rows), rows
        # nothing is lost or added but the line breaks and their indentation
        joined = re.sub(r"\\begin\{aligned\}|\\end\{aligned\}|\\qquad|\\\\|&|\s", "", "".join(rows))
        assert joined == re.sub(r"\s", "", r"\frac{\partial f}{\partial x}=" + tex)


# The text width of `document()`'s page (letter paper, 2 cm margins) is 500 pt; LINE_WIDTH leaves room
# for the estimate's error, and a formula that cannot be stacked further may use some of it.
PAGE_WIDTH = 480.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(generated.expressions, min_size=3, max_size=4), st.sampled_from([" * ", " + ", " / "]))
# a fraction whose numerator is a product of sums nested four deep: stacking alone left rows of 500 pt
@example(["atan2(x, x)", "root(x/(x+2)^(x*y), 4)", "log(log(x,3),3)"], " * ")
def test_generated_derivations_fit_the_page(texts, op):
    try:
        result = partial(op.join(f"({t})" for t in texts), "x")
    except SymdiffError:
        assume(False)
    for line in render_latex.render(result).splitlines():
        if line.startswith("&") or "&=" in line:
            formula = line.removesuffix(r" \\").split("&&")[0].replace("&", "")
            assert width(formula) <= PAGE_WIDTH, line


# --- products and fractions of nested parenthesized sums: no top-level sign to break at

def _nested(draw_leaf, depth: int, rng: random.Random):
    """A product of 2–3 factors, each a leaf or (when `depth` allows) a parenthesized sum of such
    products: the shape whose rows stacking alone could not bring to the page."""
    import sympy as sp

    def product(level: int):
        factors = [sum_(level - 1) if level > 0 and rng.random() < 0.5 else draw_leaf()
                   for _ in range(rng.randint(2, 3))]
        return sp.Mul(*factors, evaluate=False)

    def sum_(level: int):
        return sp.Add(*(product(level) if rng.random() < 0.5 else draw_leaf() for _ in range(rng.randint(2, 3))),
                      evaluate=False)

    top = product(depth)
    return top / product(max(depth - 2, 0)) if rng.random() < 0.5 else top


_LEAVES = ["x", "y", "x**2", "log(x)", "sin(x*y)", "atan(x/y)", "sqrt(x)", "exp(-x*y)", "(x + 2)**(-x*y)",
           "atan2(x, x)", "log(log(x, 3), 3)"]


def _products(seed: int, depth: int) -> str:
    import sympy as sp

    rng = random.Random(seed)
    leaves = [sp.sympify(leaf, locals={"atan2": sp.atan2}) for leaf in _LEAVES]
    return render_latex.latex(_nested(lambda: rng.choice(leaves), depth, rng))


def _rows_of(tex: str, indent: int) -> list[str]:
    return fit_rows(r"\frac{\partial f}{\partial x}", tex, LINE_WIDTH - 10 * indent, r"\quad " * indent)


def _bare(tex: str) -> str:
    """`tex` without what breaking adds: line breaks, their indentation, and a broken product's \\cdot."""
    return re.sub(r"\\begin\{aligned\}|\\end\{aligned\}|\\qquad|\\quad|\\cdot|\\\\|&|\s", "", tex)


def _balanced(row: str) -> bool:
    """Braces, \\left/\\right and aligned blocks open and close in order, each within its row."""
    depth = []
    for tok in re.findall(r"\\begin\{aligned\}|\\end\{aligned\}|\\left|\\right|(?<!\\)[{}]", row):
        opener = {"}": "{", r"\right": r"\left", r"\end{aligned}": r"\begin{aligned}"}.get(tok)
        if opener is None:
            depth.append(tok)
        elif not depth or depth.pop() != opener:
            return False
    return not depth


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.integers(0, 10**6), st.integers(1, 3), st.integers(0, 3))
def test_generated_products_of_nested_sums_fit_the_page(seed, depth, indent):
    tex = _products(seed, depth)
    # (up to three lines' worth: wider still, sums nested three deep inside products inside products
    # can need more breaks than the last resort makes; see render/fit.py's _RESORTS)
    assume(width(tex) <= 3 * LINE_WIDTH)
    rows = _rows_of(tex, indent)
    for row in rows:
        assert width(row.replace("&", "")) <= PAGE_WIDTH, row
        assert _balanced(row), row
    # nothing lost or added but the breaks: the rows read as the formula
    assert _bare("".join(rows)) == _bare(r"\frac{\partial f}{\partial x}=" + tex)


def test_a_product_too_wide_breaks_between_its_factors():
    # the numerator of this derivative is a product of parenthesized sums: no sign at its top level
    # (set as a textbook sets functions, ln x rather than \log{\left(x \right)}, it fits a whole line:
    # it is given the room of a step indented 60 pt, where it does not)
    room = LINE_WIDTH - 60
    result = partial("atan2(x, x) * root(x/(x+2)^(x*y), 4) * log(log(x,3),3)", "x")
    rows = fit_rows(r"\frac{\partial f}{\partial x}", render_latex.latex(result.result), room)
    assert any(r"\\&\qquad \cdot " in row for row in rows), rows  # a continuation line of the product
    assert all(width(row.replace("&", "")) <= room for row in rows), rows
    assert max(row.count(r"\begin{aligned}") for row in rows) == 1  # not aligned inside aligned


@pytest.mark.parametrize("lang", ["en"])
def test_broken_products_compile_without_overfull_lines(tmp_path, lang):
    why = _engine_ready(lang)
    if why:
        pytest.skip(why)
    rows = []
    texts = (_products(seed, 2 + seed % 2) for seed in range(100))
    for n, tex in enumerate([tex for tex in texts if LINE_WIDTH < width(tex) <= 3 * LINE_WIDTH][:16]):
        rows += _rows_of(tex, n % 4)
    assert any(r"\cdot" in row for row in rows)  # the corpus does break products
    log = _compile(tmp_path, render_latex.document("\n".join(render_latex.align(rows)), lang), lang)
    assert not _overfull(log), _overfull(log)[:5]


def test_a_short_formula_is_left_alone():
    assert fit("x^{2} + 1") == "x^{2} + 1"
    assert fit_rows("f", "x^{2} + 1") == ["&f = x^{2} + 1"]


def test_inline_conditions_are_one_formula():
    from symdiff.render.latex import join_math

    assert join_math("slope 1 for $x$ $>$ 0 and 0 for $x$ $<$ 0; at $x$ = 0 it") == \
        "slope 1 for $x > 0$ and 0 for $x < 0$; at $x = 0$ it"
    assert join_math(r"costs \$5 and $y$ = f(x)") == r"costs \$5 and $y$ = f(x)"


# --- one LaTeX spelling of backprop's labels (notation.tex_label), for every renderer

@pytest.mark.parametrize("label, tex", [
    ("∂L/∂W₂", r"\frac{\partial L}{\partial W_{2}}"),
    ("δ₂ = ∂L/∂y₂", r"\delta_{2} = \frac{\partial L}{\partial y_{2}}"),
    ("δ = ∂L/∂y", r"\delta = \frac{\partial L}{\partial y}"),  # one space after a bare δ
    ("W2 ← W2 − η·∂L/∂W2", r"W_{2} \leftarrow W_{2} - \eta \cdot \frac{\partial L}{\partial W_{2}}"),
    ("W₂ᵀ·δ₂", r"W_{2}^{\top} \cdot \delta_{2}"),
    ("relu′(y1)", r"\operatorname{relu}'(y_{1})"),
    ("dL", r"\mathrm{d}L"),
])
def test_labels_in_latex(label, tex):
    from symdiff.render.notation import tex_label

    assert tex_label(label) == tex


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["δ", "W", "b", "y", "a", "η", "L"]), min_size=1, max_size=3),
       st.integers(0, 12))
def test_generated_labels_have_no_unicode_or_double_spaces(names, index):
    from symdiff.render.notation import tex_label

    sub = "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(index)) if index else ""
    name = names[0] + sub
    for label in (name, f"{name} = ∂L/∂{name}", f"{name}ᵀ·{name}", f"{name} ← {name} − η·∂L/∂{name}"):
        tex = tex_label(label)
        assert tex.isascii() and "  " not in tex, (label, tex)
        assert re.fullmatch(r"(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*", tex), tex  # braces balance


def _dense_loss(n: int) -> str:
    return "(" + " + ".join(f"{i}*w{i}" for i in range(1, n + 1)) + " - 3)^2"


@pytest.mark.parametrize("n", [150, 240])
def test_a_big_gradient_names_its_shared_sum_once_and_runs_across_pages(run, tmp_path, n):
    # Every partial of (Σ iwᵢ − 3)² holds the whole sum: written n times it made a document of n² terms
    # (and an align* taller than a page). Named once, as the text view does; the entries one a row.
    result = run("grad", _dense_loss(n), "--no-steps", "--format", "latex", "--standalone")
    assert result.exit_code == 0, result.stderr
    body = result.stdout.split(r"\end{align*}", 1)
    assert f"{n} w_{{{n}}}" not in body[0]  # the gradient itself: names only
    assert body[1].count(f"{n} w_{{{n}}}") == 1  # the where-row
    assert r"\begin{bmatrix}" not in body[0]
    why = _engine_ready("en")
    if why:
        pytest.skip(why)
    log = _compile(tmp_path, result.stdout, "en")
    assert not _overfull(log) and "Overfull \\vbox" not in log


@pytest.mark.parametrize("depth", [8, 12])  # the count per character is what grows; 16 only prints longer (minutes)
def test_a_deep_derivation_measures_each_group_a_bounded_number_of_times(monkeypatch, depth):
    # Work, not time: breaking a deep derivation's lines measured the same groups again for every piece
    # it tried and compared whole texts to see whether a group had shrunk (depth 30 took 47 s; the
    # groups were measured ~13 times per character of output). Now about once per group and scale.
    from symdiff.render import fit as fit_module

    measured = []
    original = fit_module._measure_group
    monkeypatch.setattr(fit_module, "_measure_group", lambda g, s: measured.append(1) or original(g, s))
    text = "x"
    for _ in range(depth):
        text = f"x*sin(x + {text})"
    out = render_latex.render_partial(partial(text, "x"))
    assert r"\begin{aligned}" in out  # lines were broken: the subject of the count
    assert len(measured) <= 0.6 * len(out), (len(measured), len(out))


# --- each part of a document on its own: a check's question, answer, verdict… as paragraphs with space
# between them, the steps and the point's values under headings (issue 16: they ran on as one block)

_HEADING = re.compile(r"^\\(?:sub)*section\*\{(.*)\}$")


def _assert_laid_out(source: str, headings: list[str]) -> None:
    lines = [line for line in source.splitlines() if line.strip()]
    for before, after in zip(lines, lines[1:]):
        # two paragraphs of prose with nothing between them read as one block
        assert not (before.startswith(r"\noindent ") and after.startswith(r"\noindent ")), (before, after)
    found = [m.group(1) for m in map(_HEADING.match, source.splitlines()) if m]
    for words in headings:
        assert any(words in h for h in found), (words, found)


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 5), st.integers(2, 4), st.sampled_from(["en", "ko"]), st.booleans())
def test_a_checks_parts_are_laid_out(a, n, lang, right):
    answer = f"{a * n}*x^{n - 1}*y" if right else f"{a * n}*x^{n}*y"
    out = invoke("check", f"{a}*x^{n}*y", "x", answer, "--format", "latex", "--lang", lang).stdout
    question = {"en": "Question", "ko": "문제"}[lang]
    _assert_laid_out(out, [question] + ([] if right else [{"en": "The steps", "ko": "풀이"}[lang]]))


@settings(max_examples=15, deadline=None)
@given(st.integers(-2, 2), st.integers(-2, 2), st.integers(1, 3), st.sampled_from(["en", "ko"]),
       st.sampled_from(["hessian", "grad", "jacobian"]))
def test_the_values_at_a_point_are_laid_out(a, b, k, lang, command):
    f = f"x^3 - {k}*x*y + y^3" if command != "jacobian" else f"x^3 - {k}*x*y; y^3"
    out = invoke(command, f, "--at", f"x={a},y={b}", "--format", "latex", "--lang", lang).stdout
    at = {"en": "At $", "ko": f"$(x, y) = ({a}, {b})$"}[lang]
    test = [{"en": "Second-derivative test", "ko": "극값 판정"}[lang]] if command == "hessian" else []
    _assert_laid_out(out, [at] + test)


def test_the_teachers_hessian_at_a_point_compiles_with_its_parts(tmp_path):
    if _engine_ready("en"):
        pytest.skip(_engine_ready("en"))
    out = invoke("hessian", "x**3 - 3*x*y + y**3", "--at", "x=1,y=1", "--format", "latex", "--standalone").stdout
    _assert_laid_out(out, ["At $(x, y) = (1, 1)$", "Second-derivative test"])
    _compile(tmp_path, out, "en")
