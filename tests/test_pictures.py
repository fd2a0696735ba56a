"""Pictures: `--plot` (drawn outside the time limit, and announced), plots that read like a
textbook figure (inspected through matplotlib's objects, not by file size), and HTML pages set the
way a textbook sets mathematics (minus signs, a space before a function name, the shape beside the
result, Korean fonts)."""

from __future__ import annotations

import html.parser
import itertools
import os
import re
import time

import pytest
import sympy
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from test_invariant import expressions, parse

from symdiff import gradient, partial
from symdiff.api import descend
from symdiff.app.cli import app
from symdiff.core.errors import DomainError
from symdiff.core.messages import language
from symdiff.render import html as render_html

PROPERTY = settings(deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


# --- grad --plot: announced, and drawn outside the per-expression time limit

@pytest.mark.parametrize("args", [
    ["grad", "x**2 + 3*y**2", "--at", "x=1,y=1"],
    ["grad", "x**3 - 3*x", "--at", "x=1.5"],
    ["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2"],
], ids=["grad", "grad-one-variable", "descend"])
@pytest.mark.parametrize("lang, said", [("en", "plot written to {path}"), ("ko", "그림을 {path}에 저장했습니다.")])
def test_plot_says_which_file_it_wrote(run, tmp_path, args, lang, said):
    pytest.importorskip("matplotlib")
    path = tmp_path / "picture.png"
    result = run(*args, "--plot", str(path), "--no-steps", "--lang", lang, "--timeout", "120")
    assert result.exit_code == 0, result.stderr
    assert said.format(path=path) in result.stderr.splitlines()
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("args", [
    ["grad", "x**2 + 3*y**2", "--at", "x=1,y=1"],
    ["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--steps", "5"],
], ids=["grad", "descend"])
def test_drawing_does_not_count_against_the_timeout(run, tmp_path, monkeypatch, args):
    """Differentiating is instant; drawing takes longer than --timeout (saving sleeps past it).
    The answer and the picture both arrive, and the picture is drawn by this process, not by the
    worker the limit is for."""
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    real_savefig = Figure.savefig
    drawn_by = []

    path = tmp_path / "slow.png"

    def slow_savefig(self, fname, *a, **kw):
        if str(fname) == str(path):  # (--plot's check of the format draws into memory first)
            drawn_by.append(os.getpid())
            time.sleep(3)  # longer than --timeout 2
        return real_savefig(self, fname, *a, **kw)

    monkeypatch.setattr(Figure, "savefig", slow_savefig)
    result = run(*args, "--plot", str(path), "--no-steps", "--timeout", "2")
    assert result.exit_code == 0, result.stderr
    assert "timeout" not in result.stderr
    assert path.exists() and f"plot written to {path}" in result.stderr
    assert drawn_by == [os.getpid()]


def test_plot_of_three_variables_is_refused(run, tmp_path):
    pytest.importorskip("matplotlib")
    path = tmp_path / "no.png"
    result = run("grad", "x*y*z", "--at", "x=1,y=1,z=1", "--plot", str(path), "--timeout", "120")
    # A usage error, before the work (issue 15: it was exit 1, after the work).
    assert result.exit_code == 2 and "one or two variables" in result.stderr
    assert not path.exists() and "plot written" not in result.stderr


# --- the figures: equal units, contours filling the axes, labels apart, arrows along ∇f

x, y = sympy.symbols("x y")  # the tests' own symbols: lambdify (tests only) keys them by name


def _numeric(expr):
    return sympy.lambdify((x, y), expr.xreplace({s: sympy.Symbol(s.name) for s in expr.free_symbols}), "numpy")


def _drawn(result, tmp_path):
    from symdiff.features.plot import draw, picture

    fig = draw(picture(result), str(tmp_path / "figure.png"))
    return fig, fig.axes[0], fig.canvas.get_renderer()


def _contour_sets(ax):
    from matplotlib.contour import ContourSet

    return [c for c in ax.collections if isinstance(c, ContourSet)]


def _assert_equal_units(ax):
    """One unit across is as many pixels as one unit up: the only way ∇f looks perpendicular."""
    box = ax.get_window_extent()
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert box.width / (x1 - x0) == pytest.approx(box.height / (y1 - y0), rel=0.01)


def _assert_contours_fill_the_axes(ax, f):
    filled = [c for c in _contour_sets(ax) if c.filled]
    assert len(filled) == 1
    cs = filled[0]
    extent = cs.get_datalim(ax.transData)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert (extent.x0, extent.x1, extent.y0, extent.y1) == pytest.approx((x0, x1, y0, y1), rel=1e-6, abs=1e-9)
    # Every value in the axes gets a colour: the levels reach the data's ends, or the ends are open.
    import numpy as np

    X, Y = np.meshgrid(np.linspace(x0, x1, 60), np.linspace(y0, y1, 60))
    with np.errstate(all="ignore"):
        Z = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape)
    Z = Z[np.isfinite(Z)]
    assert cs.levels[0] <= Z.min() + 1e-9 or cs.extend in ("min", "both")
    assert cs.levels[-1] >= Z.max() - 1e-9 or cs.extend in ("max", "both")
    assert 4 <= len(cs.levels) <= 16  # few enough to label
    assert cs.colorbar is not None


def _unseen_tick_labels(fig):
    """Tick labels matplotlib keeps but does not draw: those of ticks outside the view."""
    out = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            slack = 1e-9 * max(1.0, abs(hi - lo))
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - slack <= tick.get_loc() <= hi + slack:
                    out |= {id(tick.label1), id(tick.label2)}
    return out


def _texts(fig, renderer):
    """Every piece of text drawn (titles, axis and tick labels, contour labels, legend, colour bar),
    and each legend's box, which hides what it covers."""
    from matplotlib.legend import Legend
    from matplotlib.text import Text

    unseen = _unseen_tick_labels(fig)
    out = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip() and id(t) not in unseen:
            owner = next((lg for lg in fig.findobj(Legend) if t in lg.get_texts()), None)
            out.append((t.get_text(), t.get_window_extent(renderer), owner))
    for legend in fig.findobj(Legend):
        out.append(("legend", legend.get_window_extent(renderer), legend))
    return out


def _assert_no_text_overlaps(fig, renderer):
    texts = _texts(fig, renderer)
    assert len(texts) > 10
    for (a, p, owner_a), (b, q, owner_b) in itertools.combinations(texts, 2):
        if owner_a is not None and owner_a is owner_b:
            continue  # a legend's own entries are inside its box
        overlap_x = min(p.x1, q.x1) - max(p.x0, q.x0)
        overlap_y = min(p.y1, q.y1) - max(p.y0, q.y0)
        assert overlap_x <= 1 or overlap_y <= 1, (a, b)


def _assert_labelled(ax, f_names="x, y"):
    title = ax.get_title()
    assert title.startswith(f"$f({f_names}) = ") and title.count("$") == 2  # f, set as mathematics
    assert ax.get_xlabel() == "x"


def _assert_arrows_are_the_gradient(ax, grad):
    import numpy as np
    from matplotlib.quiver import Quiver

    (q,) = [c for c in ax.collections if isinstance(c, Quiver)]
    assert q.angles == "xy"  # drawn in data units, which the equal aspect makes true on screen
    U, V = (np.ma.filled(np.ma.asarray(c, dtype=float), np.nan) for c in (q.U, q.V))
    gx, gy = (np.broadcast_to(np.asarray(g(q.X, q.Y), dtype=float), q.X.shape) for g in grad)
    norm = np.hypot(gx, gy)
    shown = np.hypot(U, V)
    ok = (norm > 1e-9 * norm.max()) & np.isfinite(norm)
    assert ok.sum() > 20
    # Parallel, pointing the same way: the cosine of the angle between is 1.
    cos = (gx * U + gy * V)[ok] / (norm * shown)[ok]
    assert cos == pytest.approx(np.ones(ok.sum()), abs=1e-9)
    # Inside the axes, and no longer than the spacing between them: no arrow crosses another.
    spacing = np.diff(np.unique(q.X)).min()
    assert np.nanmax(shown) <= spacing * 1.0001


NAMED_FIELDS = [("x**2 + 3*y**2", "x=1,y=1"), ("sin(x)*cos(y)", "x=1,y=0.5"),
                ("(x-1)**2 + (y+2)**2/4", "x=2,y=-1")]

quadratics = st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(-3, 3), st.integers(-3, 3),
                       st.integers(-2, 2), st.sampled_from(["", " + sin(x)", " + cos(x*y)", " + exp(x/4)"]),
                       st.integers(-4, 4), st.integers(-4, 4)).map(
    lambda t: (f"{t[0]}*(x - {t[2]})**2 + {t[1]}*(y - {t[3]})**2 + {t[4]}*x*y{t[5]}", f"x={t[6]},y={t[7]}"))


def _check_field(text, at, tmp_path):
    result = gradient(text, at=at, steps=False)
    fig, ax, renderer = _drawn(result, tmp_path)
    _assert_equal_units(ax)
    _assert_contours_fill_the_axes(ax, _numeric(result.expr))
    _assert_arrows_are_the_gradient(ax, [_numeric(g) for g in result.gradient])
    _assert_no_text_overlaps(fig, renderer)
    _assert_labelled(ax)
    assert ax.get_ylabel() == "y"


@pytest.mark.parametrize("text, at", NAMED_FIELDS)
def test_gradient_field_reads_like_a_textbook_figure(tmp_path, text, at):
    pytest.importorskip("matplotlib")
    _check_field(text, at, tmp_path)


def test_gradient_fields_over_generated_functions(tmp_path):
    pytest.importorskip("matplotlib")

    @settings(PROPERTY, max_examples=8)
    @given(quadratics)
    def check(case):
        _check_field(*case, tmp_path)

    check()


def test_gradient_of_one_variable_draws_curve_tangent_and_arrow(tmp_path):
    pytest.importorskip("matplotlib")
    import numpy as np
    from matplotlib.text import Annotation

    @settings(PROPERTY, max_examples=6)
    @given(st.integers(-3, 3), st.integers(-3, 3), st.sampled_from([-1.5, -0.5, 0.75, 2]))
    def check(a, b, x0):
        result = gradient(f"x**3 + {a}*x**2 + {b}*x", at=f"x={x0}", steps=False)
        f = sympy.lambdify(x, result.expr.xreplace({result.vars[0]: x}))
        slope = result.value[0]
        fig, ax, renderer = _drawn(result, tmp_path)
        lines = [(np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)) for line in ax.lines]
        assert any(len(xs) > 50 and np.allclose(ys, f(xs)) for xs, ys in lines)  # the curve
        assert any(len(xs) > 1 and np.allclose(ys, f(x0) + slope * (xs - x0)) for xs, ys in lines)  # the tangent
        arrows = [t for t in ax.texts if isinstance(t, Annotation)]
        if slope == 0:
            assert arrows == []  # a stationary point: ∇f = 0 has no direction
        else:
            (arrow,) = arrows
            assert np.sign(arrow.xy[0] - arrow.xyann[0]) == np.sign(slope)  # ∇f points the way f rises
        assert ax.get_ylim()[0] <= f(x0) <= ax.get_ylim()[1]
        _assert_no_text_overlaps(fig, renderer)
        _assert_labelled(ax, "x")

    check()


@pytest.mark.parametrize("text, start, lr", [("(x-1)**2 + 3*y**2", "x=3,y=2", 0.1),
                                             ("(1-x)**2 + 5*(y-x**2)**2", "x=-1,y=1", 0.02),
                                             ("x**2 + x*y + y**2 - 3*x", "x=0,y=0", 0.2)])
def test_descent_path_over_the_contours(tmp_path, text, start, lr):
    pytest.importorskip("matplotlib")
    import numpy as np

    result = descend(text, start=start, lr=lr, steps=200)
    fig, ax, renderer = _drawn(result, tmp_path)
    _assert_equal_units(ax)
    _assert_contours_fill_the_axes(ax, _numeric(result.expr))
    points = np.array([it.point for it in result.iterations])
    path = [line for line in ax.lines if len(line.get_xdata()) == len(points)]
    assert any(np.allclose(np.c_[line.get_xdata(), line.get_ydata()], points) for line in path)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert (x0 <= points[:, 0]).all() and (points[:, 0] <= x1).all()
    assert (y0 <= points[:, 1]).all() and (points[:, 1] <= y1).all()
    _assert_no_text_overlaps(fig, renderer)
    _assert_labelled(ax)


def test_picture_values_are_the_values_descend_computes():
    """The plot evaluates f on whole grids with numpy (fast, and outside any worker); at every
    point it must give what SymPy gives, nan exactly where SymPy has no real value, including
    where a real f passes through complex values (acos(x) for x > 1)."""
    pytest.importorskip("matplotlib")
    import numpy as np
    from test_invariant import x as px
    from test_invariant import y as py

    from symdiff.features.descent import _evaluator
    from symdiff.features.plot import _values

    points = [(-1.7, -0.8), (-0.3, 0.45), (0.4, 1.9), (1.3, -0.8), (2.6, 0.45), (0.4, -0.8), (-2.2, 1.1)]
    X, Y = np.array(points).T
    seen = {"both": 0, "neither": 0}

    @settings(PROPERTY, max_examples=150)
    @given(st.one_of(st.just("-y*acos(x)**(y - 1)/(sqrt(1 - x**2)*acos(x)**y)"), expressions))
    def check(text):
        f = parse(text)
        for e in [f, *gradient(f, vars=["x", "y"], steps=False).gradient]:
            got = _values(e, (px, py), [X, Y])
            want = _evaluator(e, (px, py))
            for value, p in zip(got, points):
                expected = want(list(p))
                if expected is None:
                    assert not np.isfinite(value), (e, p, value)
                    seen["neither"] += 1
                else:
                    assert value == pytest.approx(expected, rel=1e-6, abs=1e-9), (e, p)
                    seen["both"] += 1

    check()
    assert seen["both"] > 1000 and seen["neither"] > 100  # both kinds of point were met


# --- a Korean picture: its title and legend in Korean, set in a font with Hangul, or mathematics alone

# Every kind of picture, and descents that stop for each kind of reason (their caption is in the title).
KOREAN_PICTURES = [
    lambda: gradient("x**2 + y**2", at="x=1,y=2", steps=False),
    lambda: gradient("x**3 - 3*x", at="x=1.5", steps=False),
    lambda: descend("(x-1)**2 + 3*y**2", start="x=3,y=2", lr=0.1, steps=40),
    lambda: descend("x**4 - x", start="x=1.5", lr=0.05, steps=200),
    lambda: descend("x**2 + y**2", start="x=3,y=2", lr=1.5, steps=40),  # diverges: a long caption
    lambda: descend("x**2", start="x=3", lr=0.01, steps=1),  # one step, not converged
]


def _words_drawn(result, tmp_path):
    """The texts of the picture of `result`, drawn in Korean, and the warnings drawing it gave."""
    import warnings

    from matplotlib.text import Text

    from symdiff.features.plot import draw, picture

    with language("ko"):
        pic = picture(result)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw(pic, str(tmp_path / "figure.png"))
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_text()]
    return texts, [str(w.message) for w in caught]


def _outside_math(text: str) -> str:
    return re.sub(r"\$[^$]*\$", "", text)


@pytest.mark.parametrize("case", range(len(KOREAN_PICTURES)))
def test_a_korean_picture_says_its_words_in_korean_in_a_font_with_hangul(tmp_path, case):
    """`grad ... --plot p.png --lang ko` titled the picture "∇f points uphill, perpendicular to the level
    curves" and labelled "level curve f = 5": English, because matplotlib's fonts have no Hangul."""
    pytest.importorskip("matplotlib")
    from symdiff.features.plot import hangul_font

    if hangul_font() is None:
        pytest.skip("no font with Hangul is installed (fc-list :lang=ko)")
    texts, warned = _words_drawn(KOREAN_PICTURES[case](), tmp_path)
    words = " ".join(_outside_math(t) for t in texts)
    assert re.search(r"[가-힣]", words), texts
    assert not re.findall(r"[A-Za-z]{2,}", words), texts  # f, x, y, η and ∇f are mathematics
    assert not [w for w in warned if "missing from font" in w], warned  # no empty boxes for letters


@pytest.mark.parametrize("case", range(len(KOREAN_PICTURES)))
def test_a_korean_picture_without_a_hangul_font_keeps_its_mathematics_alone(tmp_path, monkeypatch, case):
    pytest.importorskip("matplotlib")
    from symdiff.features import plot

    monkeypatch.setattr(plot, "hangul_font", lambda: None)
    result = KOREAN_PICTURES[case]()
    texts, warned = _words_drawn(result, tmp_path)
    words = " ".join(_outside_math(t) for t in texts)
    assert not re.search(r"[가-힣]", words) and not re.findall(r"[A-Za-z]{2,}", words), texts
    assert not [w for w in warned if "missing from font" in w], warned
    legend = [t.get_text() for legend in plot_legends(result, tmp_path, monkeypatch) for t in legend.get_texts()]
    assert legend and all("=" in t or t in ("f", "∇f") for t in legend), legend  # each still says something


def plot_legends(result, tmp_path, monkeypatch):
    from matplotlib.legend import Legend

    from symdiff.features.plot import draw, picture

    with language("ko"):
        fig = draw(picture(result), str(tmp_path / "again.png"))
    return fig.findobj(Legend)


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
        try:
            result = partial(f, var)
        except DomainError:
            reject()  # a derivative that is not real ((-5)**y): nothing to draw (tests/test_invariant.py)
        _assert_textbook_mathml(render_html.page(result))

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


_INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u200e", "\u2060", "\ufeff", "\u00ad"])


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["x^2 + 1", "sin(x)*y", "3*x*y^4"]), _INVISIBLE, st.integers(1, 6))
def test_an_invisible_character_is_shown_where_the_caret_points(expr, ch, at):
    # echoed raw, a zero-width space made the caret point at nothing between two visible characters
    from helpers import invoke

    text = expr[:at] + ch + expr[at:]
    result = invoke("partial", text, "x")
    assert result.exit_code == 1
    echo, caret = result.stderr.splitlines()[1:3]
    assert ch not in result.stderr
    assert echo[caret.index("^")] == "\ufffd", (echo, caret)
