"""Plain text: no colour, no box art; expressions in SymPy `str` syntax, so they paste back in."""

from __future__ import annotations

from ..errors import caret_lines
from ..messages import explain, message, rule_label
from .notation import abbreviated, derivative_symbol, plain

brief = abbreviated(plain)
MAX_INDENT = 40

# Human output shows whole matrices and vectors inline up to this many entries per line.
INLINE_MAX = 6


def _point(point) -> str:
    return ", ".join(f"{plain(k)}={plain(v)}" for k, v in point.items())


def _num(v: float) -> str:
    return f"{v:.6g}"


def _vector(values, fmt=plain) -> str:
    return "[" + ", ".join(fmt(v) for v in values) + "]ᵀ"


def tree_lines(step, prefix: str = "1.", indent: str = "  ") -> list[str]:
    lines = [f"{indent}{prefix} d/d{plain(step.var)} [{brief(step.expr)}] = {brief(step.result)}"
             f"   ({rule_label(step.rule)})"]
    # past a few levels, deeper steps keep one indentation (their number still shows the depth):
    # a 40-deep composition would otherwise indent its last steps by thousands of spaces
    pad = (indent + " " * (len(prefix) + 1))[:MAX_INDENT]
    lines.append(f"{pad}{explain(step, brief)}")
    for i, sub in enumerate(step.substeps, 1):
        lines.extend(tree_lines(sub, f"{prefix}{i}.", pad))
    return lines


def _derivation(d, head: str) -> list[str]:
    if d.held:
        head += ", " + message("heading.held", plain, held=d.held)
    lines = ["", head + ":"]
    lines.extend(tree_lines(d.step))
    if d.result != d.step.result:
        lines.append(f"  {message('simplified')}: {plain(d.result)}")
    return lines


def check_lines(check) -> list[str]:
    if check is None:
        return []
    if getattr(check, "kind", "") == "matrix":
        from .matrix import check_lines as matrix_check_lines

        return matrix_check_lines(check)
    if check.status == "agree":
        return [f"check: agrees with central finite differences at {check.points} random points "
                f"(largest relative error {check.max_error:.1e})"]
    if check.status == "unchecked":
        return ["check: not checked (no random point found where the function is real and defined)"]
    c = check.counterexample
    where = ", ".join(f"{k}={v}" for k, v in c["at"].items())
    return [f"check: DISAGREES at {where}: finite differences give {_num(c['finite_difference'])}, "
            f"the result gives {_num(c['result'])}"]


def _header(result, line: int | None, text: str) -> list[str]:
    lines = []
    if line is not None:
        lines.append(f"line {line}: {result.input if result.input is not None else text}")
    return lines


def _shared_lines(shared, symbol: str) -> list[str]:
    if shared is None:
        return []
    lines = [f"with its repeated parts named: {symbol} = {plain(shared.reduced)}", "  where"]
    lines.extend(f"    {plain(name)} = {plain(e)}" for name, e in shared.replacements)
    return lines


def render_partial(result, *, steps: bool = True, line: int | None = None) -> str:
    symbol = derivative_symbol(result.wrt)
    if not steps and result.shared is not None:
        return "\n".join([plain(result.result)] + _shared_lines(result.shared, symbol))
    if not steps:
        out = plain(result.result)
        if result.value is not None:
            out += f" = {_num(result.value)} at {_point(result.point)}"
        return "\n".join([out] + check_lines(result.check))
    lines = _header(result, line, plain(result.expr))
    lines.append(f"f = {plain(result.expr)}")
    for n, d in enumerate(result.derivations):
        head = message("heading", plain, var=d.var, expr=d.expr) if n else f"∂f/∂{plain(d.var)}"
        lines.extend(_derivation(d, head))
    lines.append("")
    lines.append(f"{symbol} = {plain(result.result)}")
    lines.extend(_shared_lines(result.shared, symbol))
    if result.value is not None:
        lines.append(f"at {_point(result.point)}: {symbol} = {_num(result.value)}")
    lines.extend(check_lines(result.check))
    return "\n".join(lines)


def _gradient_point_lines(result) -> list[str]:
    lines = [f"at {_point(result.point)}:", f"  ∇f = {_vector(result.value, _num)}",
             f"  |∇f| = {_num(result.norm)}"]
    if result.ascent is None:
        lines.append("  ∇f = 0: a stationary point (a minimum, a maximum or a saddle); no direction of "
                     "steepest ascent")
    else:
        lines.append(f"  steepest ascent: along ∇f/|∇f| = {_vector(result.ascent, _num)}, where f rises "
                     f"fastest, at rate |∇f| = {_num(result.norm)}")
        lines.append(f"  steepest descent: along -∇f/|∇f| = {_vector(result.descent, _num)}, where f falls "
                     "fastest (the direction gradient descent steps in)")
    return lines


def render_grad(result, *, steps: bool = True, line: int | None = None) -> str:
    lines = _header(result, line, plain(result.expr))
    lines.append(f"f = {plain(result.expr)}")
    if steps:
        for d in result.partials:
            if d.step is not None:
                lines.extend(_derivation(d, f"∂f/∂{plain(d.var)}"))
                lines.append(f"  ∂f/∂{plain(d.var)} = {plain(d.result)}")
        if result.steps_omitted:
            lines.append("")
            lines.append(f"(steps for the other {result.steps_omitted} partials are not shown; "
                         "--var NAME shows the steps for NAME)")
    lines.append("")
    if len(result.vars) <= INLINE_MAX:
        lines.append(f"∇f = {_vector(result.gradient)}")
    else:
        lines.append("∇f:")
        lines.extend(f"  ∂f/∂{plain(d.var)} = {plain(d.result)}" for d in result.partials)
    if result.value is not None:
        lines.extend(_gradient_point_lines(result))
    if result.direction is not None:
        u = _vector(result.direction)
        lines.append(f"directional derivative along u = {u} (--dir, made a unit vector): "
                     f"D_u f = ∇f·u = {plain(result.directional)}")
        if result.directional_value is not None:
            lines.append(f"  at {_point(result.point)}: ∇f·u = {_num(result.directional_value)}; it is largest "
                         f"along ∇f itself, where it equals |∇f| = {_num(result.norm)}")
    lines.extend(check_lines(result.check))
    return "\n".join(lines)


def _matrix_lines(rows, fmt=plain, indent: str = "  ") -> list[str]:
    cells = [[fmt(e) for e in row] for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))] if cells else []
    return [indent + "[" + ", ".join(c.ljust(w) for c, w in zip(row, widths)) + "]" for row in cells]


def render_hessian(result, *, steps: bool = True, line: int | None = None) -> str:
    names = [plain(v) for v in result.vars]
    lines = _header(result, line, plain(result.expr))
    lines.append(f"f = {plain(result.expr)}")
    if steps:
        for d in result.gradient.partials:
            if d.step is not None:
                lines.extend(_derivation(d, f"∂f/∂{plain(d.var)}"))
        for (i, j), step in sorted(result.second_steps.items()):
            lines.append("")
            name = f"∂²f/∂{names[i]}²" if i == j else f"∂²f/∂{names[j]}∂{names[i]}"
            lines.append(f"{name}: ∂/∂{names[j]} of ∂f/∂{names[i]} = {plain(step.expr)}:")
            lines.extend(tree_lines(step))
    lines.append("")
    lines.append("second partials:" if result.entries else "every second partial is 0")
    for (i, j), e in sorted(result.entries.items()):
        name = f"∂²f/∂{names[i]}²" if i == j else f"∂²f/∂{names[i]}∂{names[j]}"
        lines.append(f"  {name} = {plain(e)}")
    if result.schwarz:
        bad = [(i, j) for (i, j), same in result.schwarz.items() if not same]
        if bad:
            lines.append("mixed partials that differ by order: "
                         + ", ".join(f"{names[i]},{names[j]}" for i, j in bad))
        else:
            lines.append(f"the mixed partials agree in either order for all {len(result.schwarz)} pair{'s' if len(result.schwarz) != 1 else ''} "
                         "(Schwarz's theorem), so H is symmetric")
    if len(result.vars) <= INLINE_MAX:
        lines.append("")
        lines.append(f"H (rows and columns {', '.join(names)}):")
        lines.extend(_matrix_lines(result.matrix))
    if result.value is not None:
        lines.append("")
        lines.append(f"at {_point(result.point)}:")
        if len(result.vars) <= INLINE_MAX:
            lines.extend(_matrix_lines(result.value, _num))
        else:
            lines.extend(f"  H[{names[i]},{names[j]}] = {_num(result.value[i][j])}" for (i, j) in sorted(result.entries))
    lines.extend(check_lines(result.check))
    return "\n".join(lines)


def render_jacobian(result, *, steps: bool = True, line: int | None = None) -> str:
    lines = _header(result, line, "; ".join(plain(f) for f in result.functions))
    for i, f in enumerate(result.functions, 1):
        lines.append(f"f{i} = {plain(f)}")
    if steps:
        for i, row in enumerate(result.entries, 1):
            for d in row:
                if d.step is not None:
                    lines.extend(_derivation(d, f"∂f{i}/∂{plain(d.var)}"))
    lines.append("")
    lines.append(f"J ({len(result.functions)}×{len(result.vars)}, rows f1…f{len(result.functions)}, "
                 f"columns {', '.join(plain(v) for v in result.vars)}):")
    lines.extend(_matrix_lines(result.matrix))
    if result.value is not None:
        lines.append(f"at {_point(result.point)}:")
        lines.extend(_matrix_lines(result.value, _num))
    lines.extend(check_lines(result.check))
    return "\n".join(lines)


def render_check(v, *, steps: bool = True, line: int | None = None) -> str:
    question = f"d/d{','.join(plain(w) for w in v.wrt)} [{plain(v.expr)}]" if v.expr is not None else v.input
    answer = plain(v.answer) if v.answer is not None else v.answer_text
    lines = _header(v, line, v.input or "")
    if v.verdict == "unreadable":
        lines.append(f"unreadable: {v.error.message}")
        return "\n".join(lines)
    lines.append(f"question: {question}")
    lines.append(f"answer:   {answer}")
    if v.verdict == "right":
        how = "proved equal symbolically" if v.method == "symbolic" else \
            f"equal at {v.points} random points where the function is defined"
        lines.append(f"right: {how}")
        return "\n".join(lines)
    c = v.counterexample
    where = ", ".join(f"{k}={val}" for k, val in c["at"].items())
    lines.append(f"wrong: at {where} the answer is {c['answer']} but the derivative is {c['correct']}")
    lines.append(f"the derivative is {plain(v.correct)}")
    if v.diagnosis is not None:
        lines.append(f"likely mistake ({v.diagnosis.kind.replace('_', ' ')}): {v.diagnosis.message}")
    if steps:
        for step in v.steps:
            lines.append("")
            lines.append("the steps:")
            lines.extend(tree_lines(step))
    return "\n".join(lines)


def render_implicit(r, *, steps: bool = True, line: int | None = None) -> str:
    x, y = plain(r.dx), plain(r.dy)
    dydx = f"d{y}/d{x}"
    lines = _header(r, line, r.equation)
    lines.append(f"equation: {plain(r.lhs)} = {plain(r.rhs)}, with {y} a function of {x}")
    if steps:
        for side, pair in zip(("left", "right"), r.sides):
            lines.append("")
            lines.append(f"differentiate the {side} side by {x}; by the chain rule every {y}-term gets a factor "
                         f"{dydx}: d/d{x} [{plain(pair[0].expr)}] = ∂/∂{x} + (∂/∂{y})·{dydx}")
            for d in pair:
                lines.extend(_derivation(d, f"∂/∂{plain(d.var)} of the {side} side")[1:])
            lines.append(f"  = {plain(pair[0].result)} + ({plain(pair[1].result)})·{dydx}")
        lines.append("")
        lines.append(f"collect the {dydx} terms on one side: ({plain(r.fy)})·{dydx} = {plain(-r.fx)}")
        lines.append(f"solve: {dydx} = -F_{x}/F_{y} = {plain(r.result)}")
    lines.append("")
    lines.append(f"{dydx} = {plain(r.result)}")
    if r.value is not None:
        lines.append(f"at {_point(r.point)}: {dydx} = {_num(r.value)}")
        if not r.on_curve:
            lines.append(f"  note: this point is not on the curve (left - right = {_num(r.residual)})")
    return "\n".join(lines)


def render_tangent(t, *, steps: bool = True, line: int | None = None) -> str:
    kind = {1: "tangent line", 2: "tangent plane"}.get(len(t.vars), "tangent hyperplane")
    lines = _header(t, line, plain(t.expr))
    lines.append(f"f = {plain(t.expr)} at {_point(t.point)}")
    if steps:
        for d in t.partials:
            if d.step is not None:
                lines.extend(_derivation(d, f"∂f/∂{plain(d.var)}"))
        lines.append("")
    lines.append(f"f(a) = {plain(t.value)}")
    lines.append(f"∇f(a) = {_vector(t.gradient)}")
    lines.append(f"{kind} (the linear approximation L = f(a) + ∇f(a)·(x - a)):")
    lines.append(f"  L = {plain(t.tangent)}")
    lines.append(f"    = {plain(t.expanded)}")
    return "\n".join(lines)


def render_practice(p, *, steps: bool = True, line: int | None = None) -> str:
    lines = [f"practice: {', '.join(p.rules)} ({len(p.exercises)} exercises, seed {p.seed})", "", "exercises:"]
    for e in p.exercises:
        lines.append(f"  {e.number}. d/d{plain(e.var)} [{plain(e.expr)}]")
    lines += ["", "answers:"]
    for e in p.exercises:
        lines.append(f"  {e.number}. {plain(e.answer)}")
        if steps:
            lines.extend(tree_lines(e.step, f"{e.number}.1", "     "))
    return "\n".join(lines)


def render_descend(r, *, steps: bool = True, line: int | None = None) -> str:
    names = [plain(v) for v in r.vars]
    lines = _header(r, line, plain(r.expr))
    lines.append(f"f = {plain(r.expr)}")
    lines.append(f"∇f = {_vector(r.gradient)}")
    lines.append(f"gradient descent: w ← w - η∇f with η = {r.lr:g}, from {_vector(r.start, _num)}")
    lines.append("")
    rows = [["k", "(" + ", ".join(names) + ")", "f", "∇f", "|∇f|"]]
    shown = r.iterations if steps or len(r.iterations) <= 12 else r.iterations[:5] + r.iterations[-5:]
    for it in shown:
        rows.append([str(it.step), "(" + ", ".join(_num(v) for v in it.point) + ")", _num(it.value),
                     "(" + ", ".join(_num(g) for g in it.gradient) + ")", _num(it.grad_norm)])
    widths = [max(len(row[c]) for row in rows) for c in range(5)]
    for k, row in enumerate(rows):
        lines.append("  " + "  ".join(cell.rjust(w) if c in (0, 2, 4) else cell.ljust(w)
                                      for c, (cell, w) in enumerate(zip(row, widths))).rstrip())
        if not steps and k == 5 and len(r.iterations) > 12:
            lines.append(f"  … {len(r.iterations) - 10} more steps …")
    lines.append("")
    status = "converged" if r.converged else ("DIVERGED" if r.diverged else "stopped")
    lines.append(f"{status}: {r.reason}")
    lines.append(f"final point {_vector(r.final.point, _num)}, f = {_num(r.final.value)}")
    return "\n".join(lines)


_RENDERERS = {"descend": render_descend, "partial": render_partial, "grad": render_grad, "hessian": render_hessian,
              "jacobian": render_jacobian, "check": render_check, "implicit": render_implicit,
              "tangent": render_tangent, "practice": render_practice}


def render(result, *, steps: bool = True, line: int | None = None) -> str:
    if result.command in ("matrix", "backprop"):
        from . import matrix

        return matrix.view(result, "text")(result, steps=steps, line=line)
    return _RENDERERS[result.command](result, steps=steps, line=line)


def render_error(text: str | None, error, *, line: int | None = None) -> str:
    where = f"line {line}" if line is not None else "error"
    lines = [f"{where}: {error.message}"]
    if text is not None:
        lines.extend(caret_lines(text, error.column))
    return "\n".join(lines)
