"""JSON records, one per input line (JSON Lines); docs/reference.md lists every key."""

from __future__ import annotations

import dataclasses
import functools
import json
import re

import sympy

from ..core.errors import SURROGATE, whole_characters
from ..core.limits import room_for_depth
from ..core.nodes import distinct
from ..core.parsing import LINE_BREAKS
from ..core.messages import explain
from . import show
from .notation import unicode as prose
from .notation import sympy_latex as latex
from .notation import sympy_text as plain

# Past this many variables a Hessian is given by its nonzero entries only: a dense 5000×5000
# matrix of strings would be 25 million of them.
DENSE_HESSIAN_MAX = 500


# A step tree that prints more nodes than this is left out of JSON, with `steps_omitted` saying why: a
# 40-deep composition prints megabytes of steps (each step repeats its part of the result).
JSON_STEP_NODES = 200_000


def _omitted(steps) -> str | None:
    from ..scalar.steps import printed_size

    total = 0
    for step in steps:
        total += printed_size(step, JSON_STEP_NODES - total)
        if total > JSON_STEP_NODES:
            return (f"the steps would print more than {JSON_STEP_NODES:,} terms and factors; the result is "
                    "complete, and the text view shows the steps abbreviated")
    return None


def _steps(step) -> dict:
    # the expressions in str syntax, to be read back; the explanation is prose, its mathematics written
    # as every human view writes it (3·x², not 3*x**2 beside a formula's xⁿ)
    return step.to_dict(lambda s, _: explain(s, prose), plain)


def _matrix_latex(rows) -> str:
    return r"\begin{bmatrix}" + r" \\ ".join(" & ".join(latex(e) for e in row) for row in rows) \
        + r"\end{bmatrix}"


def _head(result, line: int | None) -> dict:
    out: dict = {"command": result.command}
    if result.input is not None:
        out["input"] = result.input
    if line is not None:
        out["line"] = line
    return out


def _named(out: dict, result) -> dict:
    """`name` (and `params`) where the input defined the function (y = …, f(x, y) = …); records of
    plain expressions stay as they were."""
    if getattr(result, "name", None) is not None:
        out["name"] = result.name
        if result.params:
            out["params"] = [plain(p) for p in result.params]
    return out


def _tail(out: dict, result) -> dict:
    if getattr(result, "value", None) is not None:
        out["value"] = result.value
        out["at"] = {plain(k): plain(v) for k, v in result.point.items()}
    if getattr(result, "check", None) is not None:
        out["check"] = result.check.to_dict()
    return out


def partial_record(result, *, steps: bool = True, line: int | None = None) -> dict:
    out = _head(result, line)
    out["expr"] = plain(result.expr)
    _named(out, result)
    out.update({
        "wrt": [plain(v) for v in result.wrt],
        "result": plain(result.result),
        "latex": latex(result.result),
    })
    # Which variables each differentiation held constant: the heart of a partial derivative.
    out["held_constant"] = [[plain(s) for s in d.held] for d in result.derivations]
    if steps:
        reason = _omitted([d.step for d in result.derivations])
        if reason is None:
            out["steps"] = [_steps(d.step) for d in result.derivations]
        else:
            out["steps"] = []
            out["steps_omitted"] = reason
    if result.shared is not None:
        out["cse"] = {"replacements": [[plain(n), plain(e)] for n, e in result.shared.replacements],
                      "result": plain(result.shared.reduced)}
    return _tail(out, result)


def _partial_entry(d, steps: bool, written=None) -> dict:
    """`written`: the result as the record writes it (with the gradient's shared sums named)."""
    written = d.result if written is None else written
    entry = {"var": plain(d.var), "result": plain(written), "latex": latex(written)}
    if steps and d.step is not None:
        reason = _omitted([d.step])
        if reason is None:
            entry["steps"] = [_steps(d.step)]
        else:
            entry["steps"] = []
            entry["steps_omitted"] = reason
    return entry


def grad_record(result, *, steps: bool = True, line: int | None = None) -> dict:
    out = _head(result, line)
    shared = getattr(result, "shared", None)
    written = shared.reduced if shared is not None else [None] * len(result.partials)
    partials = [_partial_entry(d, steps, w) for d, w in zip(result.partials, written)]
    out["expr"] = plain(result.expr)
    _named(out, result)
    out.update({
        "vars": [plain(v) for v in result.vars],
        "partials": partials,
        # Each partial is printed once; the vector reuses those strings (printing is the cost here).
        "gradient": [p["result"] for p in partials],
        "latex": r"\begin{bmatrix}" + r" \\ ".join(p["latex"] for p in partials) + r"\end{bmatrix}",
    })
    if shared is not None:
        # The big sums several partials hold, written once: results and gradient use these names.
        out["cse"] = {"replacements": [[plain(n), plain(e)] for n, e in shared.replacements]}
    if steps and result.steps_omitted:
        out["steps_omitted"] = result.steps_omitted
    if result.value is not None:
        out["norm"] = result.norm
        out["ascent"] = result.ascent
        out["descent"] = result.descent
        _worked_at(out, result)
    if result.direction is not None:
        out["directional"] = {"direction": [float(u) for u in result.direction],
                              "expr": plain(result.directional)}
        if result.directional_value is not None:
            out["directional"]["value"] = result.directional_value
    return _tail(out, result)


def _worked_at(out: dict, result) -> None:
    """A gradient's values worked out as the human views show them, strings as every expression in a
    record is (values at the point stay numbers, under `value`): `exact`, each partial's exact value
    there, and `substituted`, each partial with the point's values put in, before it is computed
    (2*(cos(1*2) + 2*1)); null for an entry that has none."""
    from .substituted import substituted_partials

    exact = result.exact_partials
    if exact is not None and any(e is not None for e in exact):
        out["exact"] = {"gradient": [None if e is None else plain(e) for e in exact]}
    trees = substituted_partials(result)
    if trees is not None and any(t is not None for t in trees):
        out["substituted"] = [None if t is None else plain(t) for t in trees]


def hessian_record(result, *, steps: bool = True, line: int | None = None) -> dict:
    out = _head(result, line)
    names = [plain(v) for v in result.vars]
    out["expr"] = plain(result.expr)
    _named(out, result)
    out.update({"vars": names, "gradient": [plain(e) for e in result.gradient.gradient]})
    if len(result.vars) <= DENSE_HESSIAN_MAX:
        out["hessian"] = [[plain(e) for e in row] for row in result.matrix]
        out["latex"] = _matrix_latex(result.matrix)
    else:
        out["hessian"] = None
    out["nonzero"] = [[names[i], names[j], plain(e)] for (i, j), e in sorted(result.entries.items())]
    disagree = [[names[i], names[j]] for (i, j), same in sorted(result.schwarz.items()) if not same]
    out["schwarz"] = {"pairs": len(result.schwarz), "agree": not disagree, "disagree": disagree}
    if steps:
        out["steps"] = {
            "partials": [_partial_entry(d, True) for d in result.gradient.partials if d.step is not None],
            "second": [{"vars": [names[i], names[j]], "result": plain(s.result), "steps": [_steps(s)]}
                       for (i, j), s in sorted(result.second_steps.items())],
        }
    out = _tail(out, result)
    if result.test is not None:
        out["second_derivative_test"] = result.test.to_dict()
    return out


def jacobian_record(result, *, steps: bool = True, line: int | None = None) -> dict:
    out = _head(result, line)
    if result.names is not None:
        out["names"] = list(result.names)  # null for a function given without a name
    out.update({
        "functions": [plain(f) for f in result.functions],
        "vars": [plain(v) for v in result.vars],
        "jacobian": [[plain(e) for e in row] for row in result.matrix],
        "latex": _matrix_latex(result.matrix),
    })
    if steps:
        out["entries"] = [[_partial_entry(d, True) for d in row] for row in result.entries]
    return _tail(out, result)


def check_record(v, *, steps: bool = True, line: int | None = None) -> dict:
    out = _head(v, line)
    out.update({
        "expr": plain(v.expr) if v.expr is not None else None,
        "wrt": [plain(w) for w in v.wrt],
        "answer": plain(v.answer) if v.answer is not None else v.answer_text,
        "correct": plain(v.correct) if v.correct is not None else None,
        "verdict": v.verdict,
    })
    if v.method is not None:
        out["method"] = v.method
        out["points"] = v.points
    if v.counterexample is not None:
        out["counterexample"] = v.counterexample
    if v.diagnosis is not None:
        out["diagnosis"] = v.diagnosis.to_dict()
    if v.error is not None:
        out["error"] = v.error.to_dict()
    if steps and v.steps:
        out["steps"] = [_steps(s) for s in v.steps]
    return out


def implicit_record(r, *, steps: bool = True, line: int | None = None) -> dict:
    out = _head(r, line)
    dydx = plain(r.dydx)
    out.update({"equation": r.equation, "dx": plain(r.dx), "dy": plain(r.dy), "result": plain(r.result),
                "latex": latex(r.result), "F": plain(r.F), "F_x": plain(r.fx), "F_y": plain(r.fy)})
    if steps:
        from ..core.formula import Terms

        s = r.solution
        out["steps"] = [
            # `steps`: d/dx of the side with y = y(x), the textbook derivation; `partials`: its ∂/∂x and ∂/∂y
            {"step": "differentiate", "side": side.side, "expr": plain(pair[0].expr),
             "partials": [_partial_entry(d, True) for d in pair],
             "steps": [_steps(side.step)], "result": plain(side.result)}
            for side, pair in zip(r.derivatives, r.sides)
        ] + [
            {"step": "collect", "equation": f"{plain(Terms(*(c * r.dydx for c in s.left)))} = {plain(Terms(*s.right))}",
             "factored": f"({plain(Terms(*s.left))})*{dydx} = {plain(Terms(*s.right))}"},
            {"step": "solve", "quotient": f"({plain(Terms(*s.right))})/({plain(Terms(*s.left))})",
             "result": plain(r.result)},
        ]
    if r.point is not None:  # additive keys: no `value` where the point has no slope, and why
        out["on_curve"] = r.on_curve
        if not r.on_curve:
            out["residual"] = r.residual
        if r.vertical or r.singular:
            out["vertical" if r.vertical else "singular"] = True
        if r.value is None:  # the point as given, as `_tail` adds it beside a value
            out["at"] = {plain(k): plain(v) for k, v in r.point.items()}
    return _tail(out, r)


def tangent_record(t, *, steps: bool = True, line: int | None = None) -> dict:
    out = _head(t, line)
    from ..scalar.numeric import value_at

    # As in every record, values at the point are numbers; their exact forms, which the tangent is
    # written with, are strings under `exact` (as in check's counterexample).
    out.update({"expr": plain(t.expr), "vars": [plain(v) for v in t.vars],
                "at": {plain(k): plain(v) for k, v in t.point.items()}, "value": value_at(t.value, {}),
                "gradient": [value_at(g, {}) for g in t.gradient],
                "exact": {"value": plain(t.value), "gradient": [plain(g) for g in t.gradient]},
                "tangent": plain(t.tangent), "expanded": plain(t.expanded), "latex": latex(t.tangent)})
    if steps:
        out["partials"] = [_partial_entry(d, True) for d in t.partials]
    return out


def practice_record(p, *, steps: bool = True, line: int | None = None) -> dict:
    out = _head(p, line)
    out.update({"rules": list(p.rules), "seed": p.seed, "count": len(p.exercises)})
    out["exercises"] = []
    for e in p.exercises:
        item = {"number": e.number, "expr": plain(e.expr), "var": plain(e.var), "answer": plain(e.answer),
                "latex": latex(e.expr), "answer_latex": latex(e.answer), "rules": sorted(e.rules)}
        if steps:
            item["steps"] = [_steps(e.step)]
        out["exercises"].append(item)
    return out


def descend_record(r, *, steps: bool = True, line: int | None = None) -> dict:
    out = _head(r, line)
    out.update({"expr": plain(r.expr), "vars": [plain(v) for v in r.vars],
                "gradient_expr": [plain(g) for g in r.gradient], "lr": r.lr, "start": r.start})
    if r.data:  # only with --at, as in the other commands: the point as given, exact strings
        out["at"] = {plain(k): plain(v) for k, v in r.data.items()}
    out["iterations"] = [{"step": it.step, "point": it.point, "value": it.value, "gradient": it.gradient,
                          "grad_norm": it.grad_norm} for it in r.iterations]
    out["final"] = {"point": r.final.point, "value": r.final.value, "converged": r.converged,
                    "diverged": r.diverged, "cycled": r.cycled, "reason": _descend_reason(r), "stop": r.stop, "suggested_lr": r.suggested_lr}
    # a script must not read a saddle point or a maximum as a minimum found: absent at any other stop
    critical = r.stop_values.get("critical")
    if critical is not None:
        out["final"]["critical"] = critical
    return out


def _descend_reason(r) -> str:
    """The words of why a run stopped; a converged run keeps the contract's own wording, "gradient norm
    below tol (…)", which scripts match on (the human views name the norm, |∇f| or |f′(x)|); under
    --lang ko the reason is said in Korean, as every reason is."""
    from ..core.messages import LANGUAGE, joined

    if r.stop_key == "descend.reason.converged" and LANGUAGE.get() == "en":
        said = f"gradient norm below tol ({r.stop_values['tol']})"
        # a point that is no minimum says so after the contract's words, as the human views do
        critical = r.critical_in()
        return said if critical is None else joined(said, critical)
    return r.reason


def rules_record(book, *, steps: bool = True, line: int | None = None) -> dict:
    from ..core.messages import message, rule_label

    out = _head(book, line)
    out["rules"] = []
    for name, d in zip(book.rules, book.examples):
        example = {"expr": plain(d.expr), "var": plain(d.var), "result": plain(d.result)}
        if book.worked and steps:
            example["steps"] = [_steps(d.step)]
        out["rules"].append({"name": name, "label": rule_label(name), "statement": message(f"statement.{name}"),
                             "example": example})
    return out


def views(fmt: str) -> dict:
    """The JSON record of each scalar result class (see symdiff.render)."""
    from . import results as r

    return {r.PartialResult: partial_record, r.GradientResult: grad_record, r.HessianResult: hessian_record,
            r.JacobianResult: jacobian_record, r.Verdict: check_record, r.ImplicitResult: implicit_record,
            r.TangentResult: tangent_record, r.PracticeSet: practice_record, r.DescentResult: descend_record,
            r.RuleBook: rules_record}


@functools.cache
def _scalar_results() -> frozenset:
    return frozenset(views("json"))


def _parts(result) -> list:
    """The SymPy expressions `result` holds anywhere: its fields, its derivations and their step trees
    (a chain rule's u too), and what those hold."""
    found, seen, stack = [], set(), [result]
    while stack:
        item = stack.pop()
        if isinstance(item, sympy.Basic):
            found.append(item)
        elif isinstance(item, (str, int, float, bool, type)) or item is None or id(item) in seen:
            continue
        elif isinstance(item, (tuple, list, set, frozenset)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif dataclasses.is_dataclass(item):
            seen.add(id(item))
            stack.extend(getattr(item, f.name, None) for f in dataclasses.fields(item))
            stack.append(getattr(item, "__dict__", {}).get("result"))  # a step's result, where worked out
    return found


def symbols(result) -> dict[str, str]:
    """`symbols`: each name the record's expression strings use, mapped to the variable's own name.
    They differ only for a name SymPy's reader cannot take (lambda is written lambda_); with them,
    `sympy.sympify(s, locals={k: sympy.Symbol(v, real=True) for k, v in symbols.items()})` reads
    every string back as symdiff's expression, whatever the names (I, S, N, beta, gamma, zeta, …)
    mean to SymPy on their own."""
    names = {node for node in distinct(_parts(result)) if isinstance(node, sympy.Symbol)}
    return {plain(s): s.name for s in sorted(names, key=lambda s: _natural(plain(s)))}


def _natural(name: str) -> list:
    # each part a (kind, value) pair, so that a number and a word are never compared
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", name)]


@room_for_depth()
def record(result, *, steps: bool = True, line: int | None = None) -> dict:
    out = show("json", result, steps=steps, line=line)
    # a matrix or backprop result has no `symbols` (its I is the identity matrix), and asking must
    # not load the scalar engine for it
    if not type(result).__module__.startswith("symdiff.matrix") and type(result) in _scalar_results():
        out["symbols"] = symbols(result)
    warnings = getattr(result, "warnings", None)
    if warnings:  # only when there are some: a record without notes stays as it was
        out["warnings"] = [note.to_dict() for note in warnings]
    return out


def error_record(text: str | None, error, *, line: int | None = None) -> dict:
    out: dict = {}
    if text is not None:
        out["input"] = text
    if line is not None:
        out["line"] = line
    out["error"] = error.to_dict()
    if getattr(error, "notes", None):
        out["warnings"] = [note.to_dict() for note in error.notes]
    return out


def dumps(record: dict, ascii: bool = False) -> str:
    """One JSON line, always valid UTF-8: a lone surrogate in a string (a byte of the input that was
    not UTF-8) is written as U+FFFD, the replacement character, never as the raw byte or a `\\udcff`
    escape, which strict readers refuse. `ascii` (for an output that cannot hold Unicode) spells
    non-ASCII as \\u escapes. A line end of str.splitlines other than \\n and \\r (U+2028, U+0085: an
    input's, echoed) is escaped too, so that every reader of JSON Lines finds one record a line."""
    text = json.dumps(record, ensure_ascii=False)
    if SURROGATE.search(text) is not None:
        text = whole_characters(text)
        if ascii:  # the replaced text, re-spelled: each U+FFFD as \ufffd
            return json.dumps(json.loads(text), ensure_ascii=True)
    if ascii:
        return json.dumps(record, ensure_ascii=True)
    # (outside strings JSON has none of them, and inside one the \\u escape is the same string)
    return text.translate(_LINE_ENDS_ESCAPED)


_LINE_ENDS_ESCAPED = {ord(c): f"\\u{ord(c):04x}" for c in LINE_BREAKS}
