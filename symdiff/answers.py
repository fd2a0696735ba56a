"""Checking a student's answer: is it equal to the derivative, and if not, what went wrong?

Equality is decided soundly: symbolically where simplification settles it, otherwise numerically at
many random points where the function is real and defined, and the verdict says which. A wrong
answer is compared with variations of the step tree that make one classic mistake each (a chain
factor dropped, a sign flipped, the power rule applied to an exponential...) to name the mistake.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable, Iterator

import sympy

from . import rules
from .steps import Step

# Random points tried, and how many usable ones make "equal at N points".
ATTEMPTS = 200
POINTS = 12
TOLERANCE = 1e-9


@dataclass
class Comparison:
    equal: bool
    method: str  # "symbolic" or "numeric"
    points: int = 0
    counterexample: dict | None = None


def _evaluator(expr: sympy.Expr, order: list[sympy.Symbol]) -> Callable[[list[float]], complex | None]:
    def value(coords):
        try:
            point = {s: sympy.Float(c, 30) for s, c in zip(order, coords)}
            v = sympy.N(expr.xreplace(point), 30)
            if not v.is_number or v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
                return None
            c = complex(v)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, ArithmeticError):
            return None
        return None if c != c or abs(c) == float("inf") else c

    return value


def _real(c: complex | None) -> bool:
    return c is not None and abs(c.imag) <= 1e-12 * max(1.0, abs(c.real))


def _symbolically_zero(difference: sympy.Expr) -> bool:
    if difference == 0:
        return True
    if sympy.count_ops(difference) > 200:  # simplify can run for minutes on big expressions
        return False
    try:
        return sympy.simplify(difference) == 0
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        return False


def compare(a: sympy.Expr, b: sympy.Expr, domain: sympy.Expr, *, seed: int = 0,
            symbolic: bool = True) -> Comparison:
    """Are a and b equal wherever `domain` is real and defined? (Points where a and b are both
    undefined, like x = 1 in (x**2 - 1)/(x - 1) and x + 1, do not count against equality.)"""
    if symbolic and _symbolically_zero(sympy.expand(a - b)):
        return Comparison(True, "symbolic")
    order = sorted(a.free_symbols | b.free_symbols | domain.free_symbols, key=lambda s: s.name)
    fa, fb, fd = _evaluator(a, order), _evaluator(b, order), _evaluator(domain, order)
    rng = random.Random(seed)
    used = 0
    for attempt in range(ATTEMPTS):
        scale = (2.0, 5.0, 0.5)[attempt % 3]
        coords = [rng.uniform(-scale, scale) if attempt % 2 else rng.uniform(0.05, scale) for _ in order]
        if not _real(fd(coords)):
            continue
        va, vb = fa(coords), fb(coords)
        if va is None and vb is None:
            continue
        if va is None or vb is None or abs(va - vb) > TOLERANCE * (1 + max(abs(va), abs(vb))):
            at = {s.name: round(c, 6) for s, c in zip(order, coords)}
            return Comparison(False, "numeric", used + 1,
                              {"at": at, "answer": _show(vb), "correct": _show(va)})
        used += 1
        if used >= POINTS:
            break
    return Comparison(used > 0, "numeric", used)


def _show(c: complex | None):
    if c is None:
        return None
    return c.real if abs(c.imag) <= 1e-12 * max(1.0, abs(c.real)) else str(c)


# ---------------------------------------------------------------------------------------------
# Diagnosis: the step tree with one classic mistake made in it


def recompute(root: Step, overrides: dict[Step, sympy.Expr]) -> sympy.Expr:
    """The root's result if the nodes in `overrides` had given those results instead: each rule
    recomputes from its substeps, so a mistake propagates exactly as it would on paper."""
    saved: dict[Step, object] = {}

    def visit(step: Step) -> sympy.Expr:
        if step in overrides:
            return overrides[step]
        subs = [(sub, visit(sub)) for sub in step.substeps]
        if not any(sub in changed for sub, _ in subs):
            return step.result
        for sub, value in subs:
            saved.setdefault(sub, sub.__dict__.get("result"))
            sub.__dict__["result"] = value
        changed.add(step)
        return step.eval()

    changed: set[Step] = set(overrides)
    try:
        return visit(root)
    finally:
        for step, value in saved.items():
            if value is None:
                step.__dict__.pop("result", None)
            else:
                step.__dict__["result"] = value


@dataclass
class Diagnosis:
    """A named mistake; its words are the message catalogue's `key` with `values` filled in."""

    kind: str
    key: str
    values: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The explanation, in the current language (see `symdiff.messages.language`)."""
        from .messages import message

        return message(self.key, sympy.sstr, **self.values)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message}


def _mistakes(root: Step, var: sympy.Symbol, f: sympy.Expr) -> Iterator[tuple[Diagnosis, sympy.Expr]]:
    """(the mistake, what the answer would be) for each classic mistake this tree allows. Each
    mistake's words are a catalogue key and the values it names (printed when shown)."""
    for node in root.walk():
        if isinstance(node, rules.ChainRule):
            dropped = node.outer.result.xreplace({node.u: node.inner.expr})
            yield (Diagnosis("missing_chain_factor", "diagnosis.missing_chain_factor",
                             {"var": var, "expr": node.expr, "dropped": dropped,
                              "inner_result": node.inner.result, "inner": node.inner.expr}),
                   recompute(root, {node: dropped}))
        if isinstance(node, rules.ExpRule):
            base, v = node.base, node.var
            wrong = v * base ** (v - 1)
            yield (Diagnosis("power_rule_on_exponential", "diagnosis.power_rule_on_exponential",
                             {"expr": node.expr, "var": v, "result": node.result, "wrong": wrong}),
                   recompute(root, {node: wrong}))
        if isinstance(node, rules.ProductRule):
            wrong = sympy.Mul(*(f.result for f in node.factors))
            yield (Diagnosis("product_factor_by_factor", "diagnosis.product_factor_by_factor", {"expr": node.expr}),
                   recompute(root, {node: wrong}))
        if isinstance(node, rules.QuotientRule):
            f_, g = node.numerator, node.denominator
            wrong = (f_.expr * g.result - f_.result * g.expr) / g.expr ** 2
            yield (Diagnosis("quotient_rule_order", "diagnosis.quotient_rule_order", {"f": f_.expr, "g": g.expr}),
                   recompute(root, {node: wrong}))
        if isinstance(node, rules.ConstantRule) and node.expr != 0 and node is not root:
            yield (Diagnosis("constant_not_dropped", "diagnosis.constant_not_dropped", {"expr": node.expr, "var": var}),
                   recompute(root, {node: node.expr}))
        if node.result != 0 and not isinstance(node, rules.ConstantRule):
            yield (Diagnosis("sign_error", "diagnosis.sign_error",
                             {"var": node.var, "expr": node.expr, "result": node.result, "wrong": -node.result}),
                   recompute(root, {node: -node.result}))
    others = sorted((v for v in f.free_symbols if v != var), key=lambda v: v.name)
    if others:
        # Every name, however many (a catalogue list would stop at LIST_MAX).
        names = ", ".join(sympy.sstr(v) for v in others)
        # Treating the other variables as if they changed with var (dy/dx = 1): a total derivative.
        total = sum((sympy.diff(f, v) for v in [var, *others]), sympy.S.Zero)
        key = "diagnosis.not_held_constant" + ("" if len(others) > 1 else ".one")
        yield Diagnosis("not_held_constant", key, {"names": names, "var": var}), total
        for v in others:
            yield (Diagnosis("wrong_variable", "diagnosis.wrong_variable", {"other": v, "var": var}),
                   sympy.diff(f, v))
    yield Diagnosis("sign_error", "diagnosis.sign_error.whole"), -root.result


def diagnose(root: Step, var: sympy.Symbol, f: sympy.Expr, answer: sympy.Expr,
             domain: sympy.Expr) -> Diagnosis | None:
    seen: set = set()
    for mistake, wrong in _mistakes(root, var, f):
        if wrong in seen or wrong == root.result:
            continue
        seen.add(wrong)
        if compare(wrong, answer, domain, symbolic=False).equal:
            return mistake
    return None


@dataclass
class Verdict:
    """Is `answer` the derivative of `expr` by `wrt`?"""

    expr: sympy.Expr | None
    wrt: tuple[sympy.Symbol, ...]
    answer: sympy.Expr | None
    correct: sympy.Expr | None
    verdict: str  # "right", "wrong" or "unreadable"
    method: str | None = None
    points: int = 0
    counterexample: dict | None = None
    diagnosis: Diagnosis | None = None
    error: object = None  # the SymdiffError that made it unreadable
    input: str | None = None
    answer_text: str | None = None
    steps: tuple[Step, ...] = field(default_factory=tuple)
    warnings: list = field(default_factory=list)  # symdiff.notes.Note
    command: str = field(default="check", repr=False)


__all__ = ["Comparison", "Diagnosis", "Verdict", "compare", "diagnose", "recompute"]
