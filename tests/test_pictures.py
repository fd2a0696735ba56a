"""Pictures: `--plot` (drawn outside the time limit, and announced), plots that read like a
textbook figure (inspected through matplotlib's objects, not by file size), and HTML pages set the
way a textbook sets mathematics (minus signs, a space before a function name, the shape beside the
result, Korean fonts)."""

from __future__ import annotations

import html.parser
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff import gradient, partial
from symdiff.messages import language
from symdiff.render import html as render_html
from test_invariant import expressions, parse

PROPERTY = settings(deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


# --- HTML: a minus sign, a space before a function name, the shape beside the result, Korean fonts

class _Tree(html.parser.HTMLParser):
    """Elements as (tag, attrs, children); text as str. Enough of a DOM for MathML checks."""

    VOID = {"mspace", "meta", "br", "link", "img", "mprescripts", "none"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = ("root", {}, [])
        self.stack = [self.root]
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = (tag, dict(attrs), [])
        self.stack[-1][2].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1][2].append((tag, dict(attrs), []))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack[-1][0] != tag:
            self.stack.pop()
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1][2].append(data)


def _all(node, tag):
    if isinstance(node, str):
        return
    if node[0] == tag:
        yield node
    for child in node[2]:
        yield from _all(child, tag)


def _text(node) -> str:
    return node if isinstance(node, str) else "".join(_text(c) for c in node[2])


def _leaves(node):
    """The token elements of MathML in reading order: (tag, text, attrs)."""
    if isinstance(node, str):
        return
    if node[0] in ("mi", "mn", "mo", "mtext", "mspace"):
        yield node[0], _text(node), node[1]
        return
    if node[0] in ("mfrac", "msqrt", "mroot"):  # drawn apart from what precedes: a bar, a radical
        yield node[0], "", node[1]
    for child in node[2]:
        yield from _leaves(child)


def _maths(page: str):
    return list(_all(_Tree(page).root, "math"))


def _assert_textbook_mathml(page: str):
    maths = _maths(page)
    assert maths
    for m in maths:
        leaves = list(_leaves(m))
        for tag, text, _ in leaves:
            if tag in ("mo", "mn"):
                assert "-" not in text, (text, _text(m))  # U+2212 MINUS SIGN, not the hyphen
        for i, (tag, text, _) in enumerate(leaves):
            # A named function right after an invisible times (x⁢sin) is set joined: "xsin".
            if tag == "mi" and len(text) > 1 and i + 1 < len(leaves) and leaves[i + 1][1] in ("\u2061", "("):
                before = leaves[i - 1] if i else None
                assert before is None or before[1] != "\u2062", ("joined", _text(m))
                if before is not None and before[0] == "mspace":
                    assert float(before[2]["width"].removesuffix("em")) > 0.1


@pytest.mark.parametrize("text", ["x*sin(x) - 2*y**3", "-3*x*y + x*sin(x)", "sin(x)*cos(y) - x*log(y)",
                                  "2*x*sin(x)**2 - exp(-x)", "-x*atan(x) + y*sigmoid(x - 1)"])
def test_html_sets_minus_signs_and_function_names_apart(text):
    page = render_html.page(gradient(text))
    _assert_textbook_mathml(page)
    assert "\u2212" in "".join(_text(m) for m in _maths(page))  # the minus signs are there
    assert "\u2061" in "".join(_text(m) for m in _maths(page))  # sin⁡(x): function application


def test_html_mathml_of_generated_expressions():
    @settings(PROPERTY, max_examples=150)
    @given(expressions, st.sampled_from(["x", "y"]))
    def check(text, var):
        f = parse(text)
        _assert_textbook_mathml(render_html.page(partial(f, var)))

    check()


def _matrix_page():
    from symdiff.matrix import matrix_derivative

    return render_html.page(matrix_derivative("x.T*A*x", "x", {"x": ("n", 1), "A": ("n", "n")}))


@pytest.mark.parametrize("text, shape", [
    (("x.T*A*x", "x", {"x": ("n", 1), "A": ("n", "n")}), "(n×1)"),
    (("trace(inv(X)*A) + norm2(X*b)**2", "X", {"X": ("n", "n"), "A": ("n", "n"), "b": ("n", 1)}), "(n×n)"),
    (("sigmoid(W*x + b)", "x", {"W": ("m", "n"), "x": ("n", 1), "b": ("m", 1)}), "(m×n)"),
])
def test_html_matrix_shape_is_on_the_result_line(text, shape):
    from symdiff.matrix import matrix_derivative

    page = render_html.page(matrix_derivative(*text))
    (result,) = [p for p in _all(_Tree(page).root, "p") if p[1].get("class") == "result"]
    maths = list(_all(result, "math"))
    assert len(maths) == 1
    # Nothing of the paragraph outside its one <math>: the shape is set inside it, on its line.
    outside = "".join(c if isinstance(c, str) else "" for c in result[2])
    assert outside.strip() == ""
    assert shape in _text(maths[0])


KOREAN_FONTS = {"Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", "Nanum Gothic"}


def _body_fonts(page: str) -> list[str]:
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    stacks = re.findall(r"(?:^|\})\s*body\s*\{[^}]*?font-family:\s*([^;}]+)", style)
    assert stacks, style
    return [f.strip().strip('"') for f in stacks[-1].split(",")]  # the last rule wins


@pytest.mark.parametrize("command", [lambda: partial("x*sin(x) - 3*x*y", "x"), lambda: gradient("x**2*y"),
                                     lambda: None])
def test_korean_pages_name_korean_fonts(command):
    with language("ko"):
        result = command()
        page = render_html.page(result) if result is not None else render_html.page_start() + render_html.page_end()
    assert re.search(r'<html lang="ko"', page)
    fonts = _body_fonts(page)
    korean = [i for i, f in enumerate(fonts) if f in KOREAN_FONTS]
    assert korean and fonts[-1] in ("sans-serif", "serif")
    assert min(korean) == 0  # named before any generic or Latin-only font
    with language("en"):
        english = render_html.page(gradient("x**2*y"))
    assert '<html lang="en"' in english and not set(_body_fonts(english)) & KOREAN_FONTS


# --- the same, as Chromium lays the pages out

from test_documents import CHROMIUM, FLAGS  # noqa: E402


def _layout(tmp_path, page: str, script: str) -> str:
    import subprocess

    probe = f"<script>addEventListener('load', () => {{ {script} }});</script>"
    (tmp_path / "page.html").write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    common = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*common, "--dump-dom", (tmp_path / "page.html").as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    return re.search(r"<title>(.*?)</title>", dom).group(1)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_chromium_sets_x_sin_apart_and_the_shape_beside_the_result(tmp_path):
    page = render_html.page(partial("x*sin(x)", "x"))
    # The gap between the box of x and the box of sin in the heading f = x sin(x).
    gap = _layout(tmp_path, page, "const h = document.querySelector('h2 math'); "
                  "const mi = [...h.querySelectorAll('mi')]; const x = mi.find(m => m.textContent === 'x'); "
                  "const sin = mi.find(m => m.textContent === 'sin'); "
                  "document.title = String(sin.getBoundingClientRect().left - x.getBoundingClientRect().right);")
    assert float(gap) > 1.5  # pixels: a visible thin space, not "xsin"
    line = _layout(tmp_path, _matrix_page(), "const p = document.querySelector('p.result'); "
                   "const m = p.querySelector('math').getBoundingClientRect(); "
                   "const s = [...p.querySelectorAll('mtext')].pop().getBoundingClientRect(); "
                   "document.title = [m.top, m.bottom, s.top, s.bottom, s.left, m.left].join(' ');")
    m_top, m_bottom, s_top, s_bottom, s_left, m_left = map(float, line.split())
    assert m_top <= s_top and s_bottom <= m_bottom and s_left > m_left  # on the result's line, after it
