"""Pictures, with matplotlib (the optional `plot` extra): the path of gradient descent over the
contours of f, and the gradient field around a point (the notes' "compass").

Drawing is not differentiation: the worker that differentiates (under --timeout) hands back a
`Picture` (the expressions and the numbers a figure needs; it pickles), and the command line's own
process draws it, so a slow picture never times out an answer (see `symdiff.app.cli._run`)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from ..core.errors import SymdiffError, Words

INSTALL = Words("error.plot.install", command='pip install "symdiff[plot]"')

FIELD_GRID = 161  # samples per side for the contours
ARROWS = 11  # arrows per side of the gradient field
CURVE_SAMPLES = 401
LEVELS = 10  # about this many contour levels: fewer, and labelled ones, read better than many
TITLE_NODES = 40  # a longer f is shortened with … in the title
TITLE_WIDTH = {"en": 90, "ko": 52}  # characters of the title's words on a line (a Hangul syllable is wider)
# Fonts with Hangul, in the order they are tried; any other installed font with Hangul comes after.
HANGUL_FONTS = ("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Noto Sans KR", "Source Han Sans KR",
                "Malgun Gothic", "Apple SD Gothic Neo", "AppleGothic", "UnDotum", "Baekmuk Gulim")

# YlGnBu without its darkest blues, low values bluer: dark arrows and labels read on every band.
CMAP_RANGE = (0.62, 0.06)
ACCENT = "#d62728"
PATH_COLOR = "#e8590c"


@dataclass
class Picture:
    """What a figure needs, without the derivation: f, ∇f, and the point (grad) or the iterates (descend)."""

    kind: str  # "field" (grad --at) or "descent"
    expr: object  # sympy.Expr
    vars: tuple
    gradient: tuple  # ∇f's components (sympy.Expr)
    point: tuple[float, ...] = ()  # field: the point
    slope: tuple[float, ...] = ()  # field: ∇f at the point
    path: tuple[tuple[float, ...], ...] = ()  # descent: the iterates
    values: tuple[float, ...] = ()  # descent: f at each iterate
    lr: float = 0.0
    caption: str = ""  # descent: why it stopped, in `lang`
    lang: str = "en"  # the language of the picture's words (its title and legend)


def picture(result) -> Picture:
    """The picture of a `grad` (with --at) or `descend` result; `unsupported` for what cannot be drawn."""
    from ..core.language import LANGUAGE

    n = len(result.vars)
    lang = LANGUAGE.get()
    if result.command == "descend":
        if n not in (1, 2):
            raise SymdiffError(Words("error.plot.variables", option="--plot"), type="unsupported")
        data = result.data  # the function drawn is f with its data put in: the one descent ran on
        return Picture("descent", result.expr.xreplace(data), tuple(result.vars),
                       tuple(g.xreplace(data) for g in result.gradient),
                       path=tuple(tuple(it.point) for it in result.iterations),
                       values=tuple(it.value for it in result.iterations), lr=result.lr, caption=result.reason,
                       lang=lang)
    if n not in (1, 2) or result.point is None:
        raise SymdiffError(Words("error.plot.grad", option="--plot", at_option="--at"), type="unsupported")
    return Picture("field", result.expr, tuple(result.vars), tuple(result.gradient),
                   point=tuple(float(result.point[v]) for v in result.vars),
                   slope=tuple(float(v) for v in result.value), lang=lang)


def draw(pic: Picture, path: str):
    """Draw `pic` into the file `path` (the format from its extension): for two variables, contours
    of f with the gradient field around the point, or with the path of descent; for one, the curve
    with its tangent and ∇f, or with the iterates. The figure, for a caller to inspect."""
    fig = _figure((7.2, 6.2) if len(pic.vars) == 2 else (7.2, 5.2))
    ax = fig.subplots()
    {("field", 1): _tangent, ("field", 2): _field,
     ("descent", 1): _descent_curve, ("descent", 2): _descent_contours}[pic.kind, len(pic.vars)](fig, ax, pic)
    fig.savefig(path)
    return fig


def _figure(size):
    # A figure of its own on the Agg canvas, not pyplot's: files only, no screen, no global state
    # (a caller's pyplot backend is left alone, and nothing has to be closed).
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise SymdiffError(INSTALL, type="unsupported") from None
    fig = Figure(figsize=size, dpi=120, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def path_problem(path: str) -> Words | None:
    """Why a picture could not be written to `path`, or None if it can: asked before any work,
    so that a long run is not lost to a typo in --plot."""
    import importlib.util
    import os

    if importlib.util.find_spec("matplotlib") is None:
        return INSTALL
    if os.path.isdir(path):
        return Words("error.plot.directory", path=path, example=os.path.join(path, "plot.png"))
    if not os.path.basename(path):
        return Words("error.plot.no_name", path=repr(path))
    given = path
    if os.path.islink(path):
        # The picture goes where the link points: a dangling link into a missing directory, or a
        # loop, was found out only when the picture was saved, after the work.
        try:
            os.path.realpath(path, strict=True)
        except FileNotFoundError:
            pass
        except OSError as exc:
            import errno

            if exc.errno == errno.ELOOP:
                return Words("error.plot.link_loop", path=given)
            return Words("error.plot.link_broken", path=given, reason=exc.strerror or str(exc))
        path = os.path.realpath(path)
        if os.path.isdir(path):
            return Words("error.plot.link_directory", path=given, target=path)
    if os.path.exists(path):
        # A device or pipe (/dev/full) opens for writing and then fails, or never ends: only
        # regular files are overwritten.
        if not os.path.isfile(path):
            return Words("error.plot.not_regular", path=path)
        if not os.access(path, os.W_OK):
            return Words("error.plot.read_only", path=path)
    else:
        parent = os.path.dirname(path) or "."
        if not os.path.isdir(parent):
            if given != path:
                return Words("error.plot.link_no_directory", path=given, target=path, directory=parent)
            return Words("error.plot.no_directory", directory=parent)
        if not os.access(parent, os.W_OK | os.X_OK):
            return Words("error.plot.no_permission", directory=parent)
    extension = os.path.splitext(given)[1][1:].lower()
    written = _formats()
    if extension not in written:
        return Words("error.plot.extension", path=given, extensions=", ".join("." + e for e in sorted(written)))
    return _format_problem(extension)


def _formats() -> dict[str, str]:
    from matplotlib.backend_bases import FigureCanvasBase

    return FigureCanvasBase.get_supported_filetypes()


def _format_problem(extension: str) -> Words | None:
    """Some formats are listed but need more than matplotlib (.pgf runs a TeX system, .avif needs a
    Pillow built with it): drawing a one-letter figure in memory finds out."""
    import io

    from matplotlib.figure import Figure

    figure = Figure(figsize=(1, 1))
    figure.text(0.5, 0.5, "f")
    try:
        figure.savefig(io.BytesIO(), format=extension)
    except Exception as exc:  # noqa: BLE001 - whatever the writer lacks, say it now rather than after the work
        return Words("error.plot.format", extension=extension, reason=str(exc))
    return None


# ---------------------------------------------------------------- numbers


@functools.cache
def _unary():
    import numpy as np
    import sympy

    from ..scalar.functions import relu, sigmoid, softplus

    def real(f):
        # Functions of a real argument only: a complex argument has no value here.
        return lambda z: np.where(z.imag == 0, f(z.real), np.nan)

    return {
        sympy.sin: np.sin, sympy.cos: np.cos, sympy.tan: np.tan,
        sympy.cot: lambda z: 1 / np.tan(z), sympy.sec: lambda z: 1 / np.cos(z), sympy.csc: lambda z: 1 / np.sin(z),
        sympy.asin: np.arcsin, sympy.acos: np.arccos, sympy.atan: np.arctan,
        sympy.acot: lambda z: np.arctan(1 / z), sympy.asec: lambda z: np.arccos(1 / z),
        sympy.acsc: lambda z: np.arcsin(1 / z),
        sympy.sinh: np.sinh, sympy.cosh: np.cosh, sympy.tanh: np.tanh,
        sympy.coth: lambda z: 1 / np.tanh(z), sympy.sech: lambda z: 1 / np.cosh(z),
        sympy.csch: lambda z: 1 / np.sinh(z),
        sympy.asinh: np.arcsinh, sympy.acosh: np.arccosh, sympy.atanh: np.arctanh,
        sympy.acoth: lambda z: np.arctanh(1 / z), sympy.asech: lambda z: np.arccosh(1 / z),
        sympy.acsch: lambda z: np.arcsinh(1 / z),
        sympy.exp: np.exp, sympy.log: np.log, sympy.Abs: np.abs,
        sympy.sign: lambda z: np.where(z == 0, 0, z / np.where(z == 0, 1, np.abs(z))),
        sigmoid: lambda z: 1 / (1 + np.exp(-z)),
        softplus: lambda z: np.log1p(np.exp(z)),
        relu: real(lambda x: np.maximum(x, 0)),
        sympy.DiracDelta: real(lambda x: np.where(x == 0, np.nan, 0.0)),
    }


def _values(expr, symbols, grids):
    """`expr` at every point of `grids` (one array per symbol): real floats, nan where f is undefined
    or not real, also where a part of it is not real ((√x)² at x = -1, though SymPy's value is -1).
    Node by node with numpy, in complex arithmetic as SymPy evaluates; no code is generated, so nothing is ever eval'd. A node numpy has no function
    for is evaluated point by point with SymPy, as `descend` evaluates f."""
    import numpy as np

    unary = _unary()
    shape = np.shape(grids[0])
    env = {s: np.asarray(g, dtype=complex) for s, g in zip(symbols, grids)}
    done: dict = {}
    stack = [(expr, False)]
    unreal = np.zeros(shape, dtype=bool)  # where a part has no real value, though f may have one
    with np.errstate(all="ignore"):
        # Iterative, and each shared subexpression once: a deep expression must not exhaust
        # Python's recursion limit in this process, which has no worker's larger one.
        while stack:
            node, ready = stack.pop()
            if node in done:
                continue
            if node.args and not ready and _numpy_can(node, unary):
                stack.append((node, True))
                stack.extend((a, False) for a in node.args)
                continue
            done[node] = _node(node, [done[a] for a in node.args] if ready else None, env, unary, symbols, shape)
            if node.args and not (node.is_Add or node.is_Mul):
                # (√x)² at x = -1 is -1 through √-1 = i, acos(x)^y·… through acos(1.3): as `descend`
                # and every value at a point, no real value where a part has none
                part = np.broadcast_to(np.asarray(done[node], dtype=complex), shape)
                unreal |= np.abs(part.imag) > 1e-12 * np.maximum(1.0, np.abs(part.real))
        z = np.broadcast_to(np.asarray(done[expr], dtype=complex), shape)
        ok = np.isfinite(z) & (np.abs(z.imag) <= 1e-12 * np.maximum(1.0, np.abs(z.real))) & ~unreal
        return np.where(ok, z.real, np.nan)


def _numpy_can(node, unary) -> bool:
    import sympy

    return node.is_Add or node.is_Mul or node.is_Pow or node.func in unary or \
        isinstance(node, (sympy.Max, sympy.Min, sympy.Heaviside))


def _node(node, args, env, unary, symbols, shape):
    import numpy as np
    import sympy

    if args is None:  # a leaf, or a node numpy cannot do
        if node.is_Symbol:
            return env.get(node, np.nan)
        if node.is_number:
            try:
                return complex(sympy.N(node, 17))
            except (TypeError, ValueError, OverflowError, ArithmeticError):
                return np.nan
        return _pointwise(node, env, symbols, shape)
    if node.is_Add:
        return sum(args[1:], args[0])
    if node.is_Mul:
        out = args[0]
        for a in args[1:]:
            out = out * a
        return out
    if node.is_Pow:
        # A real base is real: -8 - 0j (from -1 * 8) must not take the other side of the cut.
        base = np.asarray(args[0], dtype=complex)
        from ..scalar.roots import odd_exponent

        if odd_exponent(node.exp):  # ∛(-8) = -2, as every value at a point reads an odd root
            real = base.imag == 0
            sign = np.sign(base.real) ** int(node.exp.p % 2)
            rooted = sign * np.power(np.abs(base.real), float(node.exp)) + 0j
            return np.where(real, rooted, np.power(base, args[1]))
        return np.power(np.where(base.imag == 0, base.real + 0j, base), args[1])
    if isinstance(node, (sympy.Max, sympy.Min)):
        pick = np.maximum if isinstance(node, sympy.Max) else np.minimum
        real = [np.where(np.imag(a) == 0, np.real(a), np.nan) for a in args]
        out = real[0]
        for a in real[1:]:
            out = pick(out, a)
        return out
    if isinstance(node, sympy.Heaviside):
        x = args[0]
        at_zero = args[1] if len(args) > 1 else 0.5
        return np.where(np.imag(x) != 0, np.nan, np.where(np.real(x) > 0, 1.0, np.where(np.real(x) < 0, 0.0,
                                                                                         at_zero)))
    z = np.asarray(args[0], dtype=complex)
    out = np.array(unary[node.func](z), dtype=complex)
    # On a branch cut (a real argument, a complex value: acos(1.3)) numpy and mpmath take opposite
    # sides; take mpmath's, which is SymPy's, so that the picture is of the f that was printed.
    z = np.broadcast_to(z, out.shape)
    cut = (z.imag == 0) & (out.imag != 0)
    if cut.any():
        exact = _branches()[node.func]
        out[cut] = [complex(exact(float(v))) for v in z.real[cut]]
    return out


@functools.cache
def _branches():
    """For each function: its value at a real number as SymPy computes it (through mpmath)."""
    import mpmath
    import sympy

    by_mpmath = {sympy.log: mpmath.log, sympy.asin: mpmath.asin, sympy.acos: mpmath.acos,
                 sympy.atanh: mpmath.atanh, sympy.acosh: mpmath.acosh, sympy.acot: mpmath.acot,
                 sympy.asec: mpmath.asec, sympy.acsc: mpmath.acsc, sympy.acoth: mpmath.acoth,
                 sympy.asech: mpmath.asech, sympy.acsch: mpmath.acsch}
    out = {}
    for func in _unary():
        if func in by_mpmath:
            out[func] = lambda v, f=by_mpmath[func]: f(mpmath.mpf(v))
        else:  # any other function with complex values at real points: SymPy itself
            out[func] = lambda v, func=func: _sympy_value(func, v)
    return out


def _sympy_value(func, v: float) -> complex:
    import sympy

    try:
        return complex(sympy.N(func(sympy.Float(v, 17)), 17))
    except (TypeError, ValueError, ArithmeticError):
        return complex("nan")


def _pointwise(node, env, symbols, shape):
    import numpy as np

    from .descent import _evaluator

    value = _evaluator(node, symbols)
    flat = [np.broadcast_to(env[s], shape).ravel().real for s in symbols]
    out = [value([g[k] for g in flat]) for k in range(flat[0].size)]
    return np.array([np.nan if v is None else v for v in out], dtype=complex).reshape(shape)


# ---------------------------------------------------------------- words


@functools.cache
def hangul_font() -> str | None:
    """The family of an installed font that has Hangul, for matplotlib; None if there is none (its
    default fonts have none: Korean words would be drawn as empty boxes)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    def has_hangul(path: str) -> bool:
        try:
            return FT2Font(path).get_char_index(ord("한")) != 0
        except (OSError, RuntimeError, ValueError):
            return False

    files: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        files.setdefault(entry.name, entry.fname)
    named = [name for name in HANGUL_FONTS if name in files]
    others = sorted(set(files) - set(named))
    return next((name for name in (*named, *others) if has_hangul(files[name])), None)


@dataclass
class Lettering:
    """How a picture's words are set: in its language, in a font that has its letters. A Korean picture
    where no font has Hangul gets its mathematics alone (f = 3, η = 0.1), never boxes for letters."""

    lang: str
    family: tuple[str, ...] | None  # None: matplotlib's default font
    worded: bool

    def say(self, key: str, fallback: str | None, **values) -> str | None:
        """The catalogue's words for `key`, or `fallback` (mathematics only) where they cannot be set."""
        if not self.worded:
            return fallback
        from ..core.messages import message

        return message(key, lang=self.lang, **values)

    def legend(self, size: float) -> dict:
        return {"size": size, **({"family": list(self.family)} if self.family else {})}


def lettering(pic: Picture) -> Lettering:
    if pic.lang == "en":
        return Lettering("en", None, True)
    font = hangul_font()
    if font is None:
        return Lettering(pic.lang, None, False)
    # DejaVu Sans after it, for what a Hangul font may lack (∇, η, ′, superscript digits)
    return Lettering(pic.lang, (font, "DejaVu Sans"), True)


# ---------------------------------------------------------------- figures


def _title(pic: Picture, ax, second: str | None, letters: Lettering) -> None:
    """f in mathtext (as a textbook sets it), and what the picture shows below it."""
    from ..render.notation import truncated, unicode

    names = ", ".join(v.name for v in pic.vars)
    shown = truncated(pic.expr, TITLE_NODES)
    try:
        from matplotlib.mathtext import MathTextParser

        from ..render.notation import latex

        text = f"$f({names}) = {latex(shown)}$"
        MathTextParser("path").parse(text)
    except Exception:  # noqa: BLE001 - what mathtext cannot set is shown as plain text
        text = f"f({names}) = {unicode(shown)}"
    if second:
        import textwrap

        text += "\n" + textwrap.fill(second, TITLE_WIDTH.get(letters.lang, TITLE_WIDTH["en"]), break_long_words=False)
    ax.set_title(text, fontsize=10, **({"fontfamily": list(letters.family)} if letters.family else {}))


def _axis_labels(ax, pic: Picture, y: str | None = None) -> None:
    from ..render.notation import unicode

    ax.set_xlabel(f"{unicode(pic.vars[0])}")
    ax.set_ylabel(y if y is not None else f"{unicode(pic.vars[1])}", rotation=0 if y is None else 90,
                  labelpad=10 if y is None else 4)


def _num(v: float) -> str:
    # only an exact 0 is 0 (and -0.0 has no sign): where descent stopped, 7.662e−36 is a value, not 0
    if v == 0:
        v = 0.0
    return f"{v:.4g}".replace("-", "−")


def _vector(vs) -> str:
    return "(" + ", ".join(_num(v) for v in vs) + ")"


def _mesh(window, n):
    import numpy as np

    x0, x1, y0, y1 = window
    return np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))


def _robust_range(values):
    """The range of `values`, but where a tail runs far beyond the middle 90% (near a pole), only
    a little past it: the levels go where most of the picture is."""
    import numpy as np

    lo, q05, q95, hi = np.percentile(values, [0, 5, 95, 100])
    width = q95 - q05
    return max(lo, q05 - width / 2), min(hi, q95 + width / 2)


def _levels(Z):
    """Contour levels over the values in the picture, and which ends are open (values past the
    levels take the end colours)."""
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    finite = Z[np.isfinite(Z)]
    if finite.size == 0:
        raise SymdiffError(Words("error.plot.no_values"), type="domain")
    lo, hi = _robust_range(finite)
    if hi - lo <= 1e-12 * max(1.0, abs(hi)):
        lo, hi = finite.min() - 1, finite.max() + 1  # f is constant here: one band
    levels = MaxNLocator(nbins=LEVELS).tick_values(lo, hi)
    below, above = finite.min() < levels[0], finite.max() > levels[-1]
    extend = {(False, False): "neither", (True, False): "min", (False, True): "max", (True, True): "both"}
    return levels, extend[below, above]


def _cmap():
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.colors import ListedColormap

    return ListedColormap(colormaps["YlGnBu"](np.linspace(*CMAP_RANGE, 256)), name="symdiff")


def _contours(fig, ax, pic: Picture, window):
    """Filled, labelled contours of f over exactly `window`, with a colour bar; the grid and values."""
    X, Y = _mesh(window, FIELD_GRID)
    Z = _values(pic.expr, pic.vars, [X, Y])
    levels, extend = _levels(Z)
    filled = ax.contourf(X, Y, Z, levels=levels, cmap=_cmap(), extend=extend)
    lines = ax.contour(X, Y, Z, levels=levels, colors="k", linewidths=0.5, alpha=0.55)
    # Every other level labelled, set into a gap in its line: labels that neither crowd nor overlap.
    # The levels are the locator's round numbers, its 0 computed as ±1e-16 or so: a label says the
    # round number (a computed value, by _num, is never shown as 0 unless it is 0).
    step = abs(levels[1] - levels[0]) if len(levels) > 1 else 0.0
    labels = ax.clabel(lines, levels=lines.levels[::2], inline=True, inline_spacing=6, fontsize=7,
                       fmt=lambda v: _num(0.0 if abs(v) <= 1e-9 * step else v))
    for label in labels:
        label.set_bbox({"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.6})
    bar = fig.colorbar(filled, ax=ax, shrink=0.8, pad=0.02)
    bar.set_label(f"f({', '.join(v.name for v in pic.vars)})")
    ax.set_xlim(window[0], window[1])
    ax.set_ylim(window[2], window[3])
    # One unit is as long across as up: only then does ∇f look perpendicular to the level curves.
    ax.set_aspect("equal", adjustable="box")
    return X, Y, Z, filled


def _field(fig, ax, pic: Picture) -> None:
    import numpy as np
    from matplotlib.lines import Line2D

    x0, y0 = pic.point
    r = max(2.0, 0.5 * max(abs(x0), abs(y0)))
    window = (x0 - r, x0 + r, y0 - r, y0 + r)
    X, Y, Z, _ = _contours(fig, ax, pic, window)

    # Arrows at the centres of an ARROWS × ARROWS grid, the longest as long as the spacing: inside
    # the axes, none over another, and length still saying where f changes fastest.
    spacing = 2 * r / ARROWS
    centres = np.linspace(-r + spacing / 2, r - spacing / 2, ARROWS)
    QX, QY = np.meshgrid(x0 + centres, y0 + centres)
    U, V = (_values(g, pic.vars, [QX, QY]) for g in pic.gradient)
    length = np.hypot(U, V)
    finite = length[np.isfinite(length)]
    longest = _robust_range(finite)[1] if finite.size else 0.0
    k = 0.9 * spacing / longest if longest > 0 else 0.0
    # Past the robust longest (near a pole), arrows keep their direction at the longest length.
    clip = np.where(length * k > 0.9 * spacing, 0.9 * spacing / np.where(length > 0, length * k, 1), 1.0)
    ax.quiver(QX, QY, U * k * clip, V * k * clip, angles="xy", scale_units="xy", scale=1, pivot="mid", color="#222222",
              width=0.0035, headwidth=4, headlength=4.5, alpha=0.85, zorder=3)

    # The point, the level curve through it, and ∇f there (a unit arrow: its direction is the news).
    f0 = _values(pic.expr, pic.vars, [np.array(x0), np.array(y0)])
    letters = lettering(pic)
    handles = []
    if np.isfinite(f0):
        ax.contour(X, Y, Z, levels=[float(f0)], colors=ACCENT, linewidths=1.6, linestyles="--", zorder=4)
        level = _num(float(f0))
        handles.append(Line2D([], [], color=ACCENT, lw=1.6, ls="--",
                              label=letters.say("plot.label.level_curve", f"f = {level}", value=level)))
    norm = math.hypot(*pic.slope)
    if norm > 0:
        ux, uy = (0.3 * r * s / norm for s in pic.slope)
        ax.annotate("", xy=(x0 + ux, y0 + uy), xytext=(x0, y0), zorder=6,
                    arrowprops={"arrowstyle": "-|>,head_width=0.35,head_length=0.7", "color": ACCENT, "lw": 2.4})
    ax.plot([x0], [y0], "o", color=ACCENT, markeredgecolor="white", markersize=7, zorder=7)
    handles.append(Line2D([], [], color=ACCENT, lw=2.4, marker="o", markeredgecolor="white",
                          label=f"∇f{_vector(pic.point)} = {_vector(pic.slope)}"))
    handles.append(Line2D([], [], color="#222222", lw=0, marker=r"$\rightarrow$", markersize=12, label="∇f"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, prop=letters.legend(8),
              frameon=False)
    _axis_labels(ax, pic)
    _title(pic, ax, letters.say("plot.field", None), letters)


def _curve_window(ax, xs, ys, must) -> None:
    """Limits around the curve (a pole's few extreme values left out) and the values in `must`."""
    import numpy as np

    finite = ys[np.isfinite(ys)]
    if finite.size == 0:
        raise SymdiffError(Words("error.plot.no_values"), type="domain")
    lo, hi = np.percentile(finite, [1, 99])
    lo, hi = min(lo, *must), max(hi, *must)
    pad = 0.08 * (hi - lo) if hi > lo else 1.0
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(lo - pad, hi + pad)


def _tangent(fig, ax, pic: Picture) -> None:
    import numpy as np

    x0, = pic.point
    slope, = pic.slope
    r = max(2.0, 0.5 * abs(x0))
    xs = np.linspace(x0 - r, x0 + r, CURVE_SAMPLES)
    ys = _values(pic.expr, pic.vars, [xs])
    f0 = float(_values(pic.expr, pic.vars, [np.array(x0)]))
    letters = lettering(pic)
    derivative = f"f′({_num(x0)}) = {_num(slope)}"
    ax.plot(xs, ys, color="#1f4e79", lw=2, label="f")
    _curve_window(ax, xs, ys, [f0])  # the curve decides the window; the tangent is drawn within it
    ax.plot(xs, f0 + slope * (xs - x0), "--", color="#555555", lw=1.2,
            label=letters.say("plot.label.tangent", derivative, slope=derivative))
    if slope:
        # ∇f is a vector along the x axis: it points the way f rises (its sign), its length is |f′|.
        bottom = ax.get_ylim()[0]
        dx = 0.3 * r * (1 if slope > 0 else -1)
        ax.annotate("", xy=(x0 + dx, bottom), xytext=(x0, bottom), annotation_clip=False, zorder=6,
                    arrowprops={"arrowstyle": "-|>,head_width=0.35,head_length=0.7", "color": ACCENT, "lw": 2.4})
        ax.plot([], [], color=ACCENT, lw=2.4,
                label=letters.say("plot.label.rises", f"∇f = {derivative}", gradient=f"∇f = {derivative}"))
    ax.axvline(x0, color="#999999", lw=0.8, ls=":")
    ax.plot([x0], [f0], "o", color=ACCENT, markeredgecolor="white", markersize=7, zorder=7)
    ax.grid(alpha=0.3)
    ax.legend(prop=letters.legend(8), loc="best")
    _axis_labels(ax, pic, y=f"f({pic.vars[0].name})")
    _title(pic, ax, letters.say("plot.tangent", None), letters)


def _window_around(points, pad: float = 0.2, least: float = 1.0):
    """A square window around `points` with a margin (square: with equal units, the axes stay the
    shape of the figure)."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    w = h = max(max(xs) - min(xs), max(ys) - min(ys), least)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    w, h = w * (1 + 2 * pad), h * (1 + 2 * pad)
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def _descent_contours(fig, ax, pic: Picture) -> None:
    from matplotlib.lines import Line2D

    window = _window_around(pic.path)
    _contours(fig, ax, pic, window)
    xs, ys = zip(*pic.path)
    ax.plot(xs, ys, "-", color=PATH_COLOR, lw=1.4, zorder=4)
    ax.plot(xs, ys, "o", color=PATH_COLOR, markersize=3, zorder=5)
    # Arrowheads on the steps long enough to carry one (each step is -η∇f).
    size = max(window[1] - window[0], window[3] - window[2])
    for (ax0, ay0), (ax1, ay1) in list(zip(pic.path, pic.path[1:]))[:30]:
        if math.hypot(ax1 - ax0, ay1 - ay0) > 0.04 * size:
            ax.annotate("", xy=(ax1, ay1), xytext=(ax0, ay0), zorder=5,
                        arrowprops={"arrowstyle": "-|>,head_width=0.25,head_length=0.5", "color": PATH_COLOR,
                                    "lw": 1.4, "shrinkA": 0, "shrinkB": 3})
    ax.plot([xs[0]], [ys[0]], "s", color="white", markeredgecolor=PATH_COLOR, markersize=7, zorder=6)
    ax.plot([xs[-1]], [ys[-1]], "*", color=ACCENT, markeredgecolor="white", markersize=13, zorder=6)
    letters, count = lettering(pic), len(pic.path) - 1
    handles = [Line2D([], [], color=PATH_COLOR, marker="o", markersize=3, lw=1.4,
                      label=_counted(letters, "plot.label.iterates", count, "−η∇f")),
               Line2D([], [], color="white", marker="s", markeredgecolor=PATH_COLOR, lw=0,
                      label=_end(letters, "start", 0, _vector(pic.path[0]))),
               Line2D([], [], color=ACCENT, marker="*", markeredgecolor="white", markersize=11, lw=0,
                      label=_end(letters, "last", count, _vector(pic.path[-1])))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, prop=letters.legend(8),
              frameon=False)
    _axis_labels(ax, pic)
    _title(pic, ax, _descent_title(pic, letters), letters)


def _counted(letters: Lettering, key: str, count: int, step: str) -> str:
    """The iterates' entry: how many steps, each `step`; as mathematics alone, the step and k's range."""
    return letters.say(key + (".one" if count == 1 else ""), f"{step},  k = 0, …, {count}", count=count)


def _end(letters: Lettering, which: str, k: int, point: str) -> str:
    """The start's or the last iterate's entry; as mathematics alone, its index k."""
    return letters.say(f"plot.label.{which}", f"k = {k}: {point}", point=point)


def _descent_title(pic: Picture, letters: Lettering) -> str:
    return letters.say("plot.descent", f"η = {pic.lr:g}", lr=f"{pic.lr:g}", caption=pic.caption)


def _descent_curve(fig, ax, pic: Picture) -> None:
    import numpy as np

    xs_path = [p[0] for p in pic.path]
    lo, hi, _, _ = _window_around([(x, 0.0) for x in xs_path], pad=0.25)
    xs = np.linspace(lo, hi, CURVE_SAMPLES)
    ys = _values(pic.expr, pic.vars, [xs])
    letters, count = lettering(pic), len(pic.path) - 1
    ax.plot(xs, ys, color="#1f4e79", lw=2, label="f")
    _curve_window(ax, xs, ys, pic.values)
    ax.plot(xs_path, pic.values, "o", color=PATH_COLOR, markersize=4, zorder=5,
            label=_counted(letters, "plot.label.iterates.curve", count, "−η f′"))
    size = hi - lo
    for (x0, v0), (x1, v1) in list(zip(zip(xs_path, pic.values), zip(xs_path[1:], pic.values[1:])))[:30]:
        if abs(x1 - x0) > 0.02 * size:
            ax.annotate("", xy=(x1, v1), xytext=(x0, v0), zorder=4,
                        arrowprops={"arrowstyle": "-|>,head_width=0.25,head_length=0.5", "color": PATH_COLOR,
                                    "lw": 1.2, "shrinkA": 2, "shrinkB": 3, "connectionstyle": "arc3,rad=-0.2"})
    ax.plot([xs_path[0]], [pic.values[0]], "s", color="white", markeredgecolor=PATH_COLOR, markersize=7,
            zorder=6, label=_end(letters, "start", 0, _num(xs_path[0])))
    ax.plot([xs_path[-1]], [pic.values[-1]], "*", color=ACCENT, markeredgecolor="white", markersize=13,
            zorder=6, label=_end(letters, "last", count, _num(xs_path[-1])))
    ax.grid(alpha=0.3)
    ax.legend(prop=letters.legend(8), loc="best")
    _axis_labels(ax, pic, y=f"f({pic.vars[0].name})")
    _title(pic, ax, _descent_title(pic, letters), letters)
