"""Output for notes and pages: LaTeX, Markdown, HTML, Korean explanations; and gradient descent."""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from symdiff import gradient, hessian, jacobian, partial
from symdiff.api import descend
from symdiff.core.messages import EN, KO, language
from symdiff.render import html as render_html
from symdiff.render import latex as render_latex
from symdiff.render import markdown as render_markdown



# --- LaTeX: fragments that parse, and compile where TeX is installed

KNOWN_COMMANDS = {
    "frac", "left", "right", "partial", "begin", "end", "quad", "text", "Rightarrow", "noindent", "cdot",
    "sin", "cos", "tan", "cot", "sec", "csc", "log", "exp", "sqrt", "nabla", "sigma", "operatorname",
    "dots", "textbackslash", "surd", "times", "asin", "acos", "atan", "sinh", "cosh", "tanh", "pi",
    "operatorname", "mathrm", "theta", "theta", "operatorname", "ln",
    "intertext", "leftskip", "relax", "qquad",  # a step's reason as a sentence; a long line's continuation
    "tag",  # a differential worked out above, named again ("Sum, as above")
    "textbf", "par",  # a note's paragraph (xˣ·y is differentiated for x > 0)
    "smallskip",  # the space after a sentence set as a paragraph of its own
    "subsection", "subsubsection", "raggedright",  # a worked solution's parts (a Hessian's), headed
}


def _results():
    return [partial("3*x**2*y**4", "x"), partial("exp(sin(x**2))/x + relu(x) + sigmoid(x)", "x"),
            partial("x**x*y", "x", "y"), gradient("x**2*y + sin(y)"), hessian("x**3*y"),
            jacobian("x*y; x + y; sin(x)"), partial("theta**2*log(x, 2)", "theta")]


def _balanced(text: str) -> bool:
    depth = 0
    for m in re.finditer(r"\\\\|\\[{}]|[{}]", text):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@pytest.mark.parametrize("k", range(7))
def test_latex_fragments_parse(k):
    body = render_latex.render(_results()[k])
    assert _balanced(body)
    assert body.count(r"\begin{align*}") == body.count(r"\end{align*}") >= 1
    commands = set(re.findall(r"\\([A-Za-z]+)", body))
    assert commands <= KNOWN_COMMANDS, commands - KNOWN_COMMANDS
    # Every step line claims d/dvar [expr] = result, justified by the sentence before it (an \intertext,
    # or a paragraph before the align*), or by its rule's name beside it where the line is the rule's
    # formula itself. (A formula of that sentence too wide for a line of text comes between them, displayed.)
    lines = body.splitlines()
    for n, line in enumerate(lines):
        if re.match(r"&(\\quad )*\\frac\{(d|\\partial)\}\{", line) and r"\right] =" in line:
            tagged = re.search(r"\\qquad \\text\{\([^{}]+\)\}( \\\\)?$", line)
            assert tagged or any(before.startswith((r"\intertext{", r"\noindent ")) for before in lines[max(0, n - 4):n]), line


@pytest.mark.skipif(shutil.which("pdflatex") is None,
                    reason="pdflatex is not installed (Debian: apt-get install texlive-latex-base)")
def test_latex_compiles(tmp_path):
    body = "\n".join(render_latex.render(r) for r in _results())
    (tmp_path / "derivations.tex").write_text(render_latex.document(body), encoding="utf-8")
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "derivations.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert (tmp_path / "derivations.pdf").stat().st_size > 1000


# --- Markdown

def test_markdown_for_notes():
    text = render_markdown.render(partial("3*x**2*y**4", "x"))
    # a quote opening with its bold title, which every Markdown renders (not GitHub's and Obsidian's [!TIP])
    assert "> **Result.**\n" in text and "$$" in text and "[!" not in text
    assert re.search(r"^- \*\*Constant multiple rule\*\*", text, re.M)
    assert re.search(r"^  - \*\*Power rule\*\*", text, re.M)  # the steps nest
    assert text.count("$") % 2 == 0


# --- HTML

class _MathCounter(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.math = 0
        self.scripts = 0
        self.links = 0

    def handle_starttag(self, tag, attrs):
        self.math += tag == "math"
        self.scripts += tag == "script"
        self.links += tag == "link" or any(v and v.startswith("http") for _, v in attrs)


def test_html_page_is_self_contained_mathml():
    page = render_html.page(partial("exp(sin(x**2))/x", "x"))
    counter = _MathCounter()
    counter.feed(page)
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert counter.math > 10
    assert counter.scripts == 0 and counter.links == 0  # nothing to fetch


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _matrix_page():
    from symdiff.matrix import matrix_derivative

    return render_html.page(matrix_derivative("trace(inv(X)*A) + norm2(X*b)**2", "X",
                                              {"X": ("n", "n"), "A": ("n", "n"), "b": ("n", 1)}))


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
@pytest.mark.parametrize("make_page", [lambda: render_html.page(partial("exp(sin(x**2))/x*y", "x")), _matrix_page],
                         ids=["partial", "matrix"])
def test_html_renders_in_chromium(tmp_path, make_page):
    page = make_page()
    # Measure every <math> element once the page is laid out, and report through the title.
    probe = ("<script>addEventListener('load', () => { const boxes = [...document.querySelectorAll('math')]"
             ".map(m => m.getBoundingClientRect()); document.title = 'MATH ' + boxes.length + ' ' + "
             "boxes.filter(b => b.width > 2 && b.height > 2).length; });</script>")
    (tmp_path / "page.html").write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    (tmp_path / "plain.html").write_text(page, encoding="utf-8")
    common = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*common, "--dump-dom", (tmp_path / "page.html").as_uri()],
                         capture_output=True, text=True, timeout=900).stdout
    total, sized = map(int, re.search(r"<title>MATH (\d+) (\d+)</title>", dom).groups())
    assert total > 10 and sized == total
    shot = tmp_path / "shot.png"
    subprocess.run([*common, f"--screenshot={shot}", "--window-size=1000,800", (tmp_path / "plain.html").as_uri()],
                   capture_output=True, timeout=900)
    from matplotlib.image import imread

    pixels = imread(str(shot))
    assert pixels.std() > 0.01  # not blank


# --- Korean

def test_every_message_has_a_korean_version():
    assert set(KO) == set(EN)
    assert all(KO[k] for k in KO)


def test_korean_explanations_use_textbook_terms(run):
    out = run("partial", "x*sin(x**2)/(x+1) + 3*x", "x", "--lang", "ko").stdout
    for term in ("몫의 미분법", "곱의 미분법", "합성함수의 미분법(연쇄 법칙)", "합의 미분법", "상수배의 미분법"):
        assert term in out, term
    with language("ko"):
        text = render_markdown.render(partial("x*y", "x"))
    assert "상수로" in text


# --- gradient descent

@pytest.mark.parametrize("expr, start, minimum, lr", [
    ("(x-1)**2 + 3*y**2", "x=3,y=2", (1.0, 0.0), 0.1),
    ("x**2 + x*y + y**2 - 3*x", "x=0,y=0", (2.0, -1.0), 0.2),
    ("(w - 4)**2", "w=-10", (4.0,), 0.3),
])
def test_descent_converges_on_convex_quadratics(expr, start, minimum, lr):
    r = descend(expr, start=start, lr=lr, steps=2000, tol=1e-10)
    assert r.converged and not r.diverged
    assert r.final.point == pytest.approx(list(minimum), abs=1e-8)
    values = [it.value for it in r.iterations]
    assert all(b <= a + 1e-12 for a, b in zip(values, values[1:]))  # descent never goes up here


def test_descent_detects_divergence_instead_of_printing_inf(run):
    r = descend("(x-1)**2 + 3*y**2", start="x=3,y=2", lr=0.5, steps=500)
    assert r.diverged and not r.converged
    assert "too large" in r.reason and "try a learning rate of" in r.reason
    result = run("descend", "x**2", "--from", "x=1", "--lr", "1.5", "--format", "json")
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record["final"]["diverged"] is True
    assert "inf" not in result.stdout.lower() and "nan" not in result.stdout.lower()


def test_descent_json_follows_the_contract(run):
    record = json.loads(run("descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--lr", "0.1", "--steps",
                            "40", "--format", "json").stdout)
    assert record["command"] == "descend" and record["vars"] == ["x", "y"] and record["lr"] == 0.1
    assert record["start"] == [3.0, 2.0]
    first = record["iterations"][0]
    assert first == {"step": 0, "point": [3.0, 2.0], "value": 16.0, "gradient": [4.0, 12.0],
                     "grad_norm": pytest.approx(12.6491, rel=1e-4)}
    assert set(record["final"]) >= {"point", "value", "converged", "reason"}


PLOTS = [
    # (command, file, the axes' labels, the title's first and second lines, descend's arguments)
    (["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2"], "path.png", ("x", "y"),
     r"$f(x, y) = 3 y^{2} + \left(x - 1\right)^{2}$", "gradient descent, η = 0.1: |∇f| fell below the tolerance 1×10⁻⁸",
     {"start": "x=3,y=2"}),
    (["descend", "x**4 - x", "--from", "x=1.5", "--lr", "0.05"], "curve.png", ("x", "f(x)"),
     "$f(x) = x^{4} - x$", "gradient descent, η = 0.05: |f′(x)| fell below the tolerance 1×10⁻⁸",
     {"start": "x=1.5", "lr": 0.05}),
    (["grad", "x**2*y + sin(y)", "--at", "x=1,y=2"], "field.png", ("x", "y"),
     r"$f(x, y) = x^{2} y + \sin y$", "∇f points uphill, perpendicular to the level curves", None),
]


@pytest.mark.parametrize("args, name, labels, title, subtitle, descent", PLOTS, ids=[p[1] for p in PLOTS])
def test_plots_are_written(run, tmp_path, monkeypatch, args, name, labels, title, subtitle, descent):
    pytest.importorskip("matplotlib")
    import matplotlib.image
    from matplotlib.contour import ContourSet
    from matplotlib.quiver import Quiver

    from symdiff.features import plot

    # The command line draws in its own process: keep the figure it saved, to inspect its parts.
    figures, real_draw = [], plot.draw
    monkeypatch.setattr(plot, "draw", lambda pic, path: figures.append(real_draw(pic, path)) or figures[-1])
    path = tmp_path / name
    result = run(*args, "--plot", str(path), "--no-steps")
    assert result.exit_code == 0, result.stderr
    [fig] = figures

    # The file is the figure: a PNG of the figure's size in pixels, and not a blank one.
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = matplotlib.image.imread(path)
    width, height = fig.get_size_inches() * fig.dpi
    assert image.shape[:2] == (round(height), round(width))
    assert len({tuple(p) for p in image[::8, ::8].reshape(-1, image.shape[2]).tolist()}) > 50

    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == labels
    assert ax.get_title() == f"{title}\n{subtitle}"
    two_variables = labels == ("x", "y")
    # One unit across as long as one up, where ∇f must look perpendicular to the level curves.
    assert (ax.get_aspect() == 1.0) is two_variables
    contours = [c for c in ax.collections if isinstance(c, ContourSet)]
    if two_variables:  # filled, labelled contours with a colour bar
        filled = [c for c in contours if c.filled]
        assert len(filled) == 1 and 4 <= len(filled[0].levels) <= 16 and filled[0].colorbar is not None
        assert any(c.labelTexts for c in contours if not c.filled)  # level values on the lines
        assert len(fig.axes) == 2  # the axes and the colour bar
    else:
        assert contours == [] and len(fig.axes) == 1
    arrows = [c for c in ax.collections if isinstance(c, Quiver)]
    if name == "field.png":
        assert len(arrows) == 1 and arrows[0].N == plot.ARROWS**2
    else:
        assert arrows == []
    if descent is not None:  # the path through every iterate, as descend computes them
        xs = [it.point[0] for it in descend(args[1], **descent).iterations]
        assert any(list(line.get_xdata()) == pytest.approx(xs) for line in ax.lines)
