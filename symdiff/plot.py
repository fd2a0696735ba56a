"""Pictures, with matplotlib (the optional `plot` extra): the path of gradient descent over the
contours of f, and the gradient field around a point (the notes' "compass")."""

from __future__ import annotations

import math

from .errors import SymdiffError

INSTALL = 'plotting needs matplotlib: pip install "symdiff[plot]"'


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only: no screen is needed
        import matplotlib.pyplot as plt
    except ImportError as exc:
        from .workers import ran_out_of_memory

        if ran_out_of_memory(exc):  # installed, but a worker's --memory cannot hold it
            raise
        raise SymdiffError(INSTALL, type="unsupported") from None
    return plt


def _grid(fv, xs, ys):
    rows = []
    for y in ys:
        row = []
        for x in xs:
            v = fv([x, y])
            row.append(v if v is not None else math.nan)
        rows.append(row)
    return rows


def _span(values, pad=0.25):
    lo, hi = min(values), max(values)
    width = (hi - lo) or 1.0
    return lo - pad * width, hi + pad * width


def descent_plot(result, path: str, resolution: int = 60) -> None:
    """Contours of f with the path and -∇f arrows (two variables), or the curve and the path (one)."""
    from .descent import _evaluator

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 5.5), dpi=110)
    points = [it.point for it in result.iterations]
    fv = _evaluator(result.expr, result.vars)
    names = [v.name for v in result.vars]
    if len(result.vars) == 1:
        lo, hi = _span([p[0] for p in points], 0.5)
        xs = [lo + (hi - lo) * k / 300 for k in range(301)]
        ys = [fv([x]) for x in xs]
        ax.plot(xs, [y if y is not None else math.nan for y in ys], color="#355c7d", label="f")
        ax.plot([p[0] for p in points], [it.value for it in result.iterations], "o-", color="#e84a5f",
                markersize=3, label="iterates")
        ax.set_xlabel(names[0])
        ax.set_ylabel("f")
    elif len(result.vars) == 2:
        xlo, xhi = _span([p[0] for p in points])
        ylo, yhi = _span([p[1] for p in points])
        xs = [xlo + (xhi - xlo) * k / (resolution - 1) for k in range(resolution)]
        ys = [ylo + (yhi - ylo) * k / (resolution - 1) for k in range(resolution)]
        contour = ax.contour(xs, ys, _grid(fv, xs, ys), levels=25, cmap="viridis", linewidths=0.8)
        ax.clabel(contour, inline=True, fontsize=6)
        ax.plot([p[0] for p in points], [p[1] for p in points], "o-", color="#e84a5f", markersize=3,
                label="iterates")
        # The step each iterate takes: along -∇f, scaled by the learning rate.
        ax.quiver([it.point[0] for it in result.iterations], [it.point[1] for it in result.iterations],
                  [-result.lr * it.gradient[0] for it in result.iterations],
                  [-result.lr * it.gradient[1] for it in result.iterations],
                  angles="xy", scale_units="xy", scale=1, color="#f8b195", width=0.004, label="-η∇f")
        ax.set_xlabel(names[0])
        ax.set_ylabel(names[1])
        ax.set_aspect("equal", adjustable="datalim")
    else:
        raise SymdiffError("--plot draws one or two variables", type="unsupported")
    ax.set_title(f"gradient descent, η = {result.lr:g}: {result.reason}", fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def gradient_field_plot(result, path: str, resolution: int = 15) -> None:
    """The gradient field (arrows) over the contours of f, with the point marked."""
    from .descent import _evaluator

    if len(result.vars) != 2 or result.point is None:
        raise SymdiffError("--plot for grad needs two variables and --at", type="unsupported")
    plt = _pyplot()
    fv = _evaluator(result.expr, result.vars)
    gv = [_evaluator(g, result.vars) for g in result.gradient]
    x0, y0 = (float(result.point[v]) for v in result.vars)
    r = max(1.0, 0.5 * (abs(x0) + abs(y0)))
    xs = [x0 - r + 2 * r * k / 59 for k in range(60)]
    ys = [y0 - r + 2 * r * k / 59 for k in range(60)]
    fig, ax = plt.subplots(figsize=(6.5, 5.5), dpi=110)
    contour = ax.contour(xs, ys, _grid(fv, xs, ys), levels=20, cmap="viridis", linewidths=0.8)
    ax.clabel(contour, inline=True, fontsize=6)
    qx = [x0 - r + 2 * r * k / (resolution - 1) for k in range(resolution)]
    qy = [y0 - r + 2 * r * k / (resolution - 1) for k in range(resolution)]
    X, Y, U, V = [], [], [], []
    for y in qy:
        for x in qx:
            g = [gi([x, y]) for gi in gv]
            if None not in g:
                X.append(x), Y.append(y), U.append(g[0]), V.append(g[1])
    ax.quiver(X, Y, U, V, color="#6c5b7b", alpha=0.7, label="∇f")
    ax.plot([x0], [y0], "o", color="#e84a5f", label="the point")
    if result.value is not None and result.norm:
        ax.quiver([x0], [y0], [result.value[0]], [result.value[1]], color="#e84a5f", label="∇f there")
    ax.set_xlabel(result.vars[0].name)
    ax.set_ylabel(result.vars[1].name)
    ax.set_title("the gradient points uphill, across the contours", fontsize=9)
    ax.legend(fontsize=8)
    ax.set_aspect("equal", adjustable="datalim")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
