"""Practice sets: exercises that use exactly the rules asked for, reproducible from a seed.

Candidates are built from small templates (an outer function of the asked-for families, inner
polynomials, products, quotients, powers), and a candidate is kept only if its own step tree uses
every asked-for rule and nothing beyond them but the basic rules every derivative leans on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Sequence

import sympy

from ..core.errors import SymdiffError, Words
from ..core.notebook import Notebook
from ..scalar.notes import result_notes
from ..scalar.parsing import parse, settled, symbol
from ..scalar.rules import derive
from ..scalar.steps import RULE_NAMES, Step
from ..scalar.tidy import textbook

# Rules any exercise may use besides the ones asked for.
BASIC = frozenset({"constant", "identity", "sum", "constant_multiple", "power", "rewrite"})
ASKABLE = tuple(r for r in RULE_NAMES if r not in ("unknown", "constant", "identity", "sum"))

FAMILIES = {
    "trig": ["sin({})", "cos({})", "tan({})", "sec({})", "csc({})", "cot({})"],
    "inverse_trig": ["asin({})", "acos({})", "atan({})", "acot({})", "asec({})", "acsc({})"],
    "hyperbolic": ["sinh({})", "cosh({})", "tanh({})", "sech({})", "csch({})", "coth({})"],
    "inverse_hyperbolic": ["asinh({})", "acosh({})", "atanh({})", "acoth({})", "asech({})", "acsch({})"],
    "exp": ["exp({})", "2^({})", "3^({})", "e^({})"],
    "log": ["ln({})", "log({}, 2)", "log10({})", "log({}, 3)"],
    "abs": ["abs({})"],
    "special": ["sigmoid({})", "softplus({})"],
    "piecewise": ["relu({})"],
}
POLYNOMIALS = ["x^2 + 1", "3x", "2x - 5", "x^3 - x", "x^2", "4x^2 + 3x", "1 - x^2", "5x + 2", "x^4 + 2"]
POWERS = ["({})^2", "({})^3", "sqrt({})", "({})^(-1)"]
# What a textbook sets, and so what an exercise may be: nested functions at most LAYERS deep
# (sin(cos(x² + 1)) is two; a power of a sum, (x² + 1)³, is a layer too), at most one inverse
# trigonometric function (asec(acsc(x)) has no textbook meaning), no exponential in an exponent
# (3^(2^(3^x))), and small numbers: whole numbers up to COEFFICIENT, fractions over at most DENOMINATOR.
LAYERS = 3
COEFFICIENT = 100
DENOMINATOR = 12
INVERSE_TRIG = (sympy.asin, sympy.acos, sympy.atan, sympy.acot, sympy.asec, sympy.acsc)
INVERSE_HYPERBOLIC = (sympy.asinh, sympy.acosh, sympy.atanh, sympy.acoth, sympy.asech, sympy.acsch)
# Logarithmic differentiation (rule general_power) differentiates g·ln f: the product, log and chain
# steps inside it come with the rule.
IMPLIED = {"general_power": {"product", "log", "chain"}}


@dataclass
class Exercise:
    number: int
    expr: sympy.Expr
    var: sympy.Symbol
    step: Step
    answer: sympy.Expr
    rules: frozenset[str]
    # where the answer holds, as partial's cautions say it (7√x/(x² + 1): only where x > 0)
    notes: tuple = ()

    @property
    def conditions(self) -> list:
        """Where the answer holds, each once, as an answer key writes it beside the answer (x > 0)."""
        from ..scalar.notes import condition

        return list(dict.fromkeys(c for c in map(condition, self.notes) if c is not None))

    @property
    def remarks(self) -> list:
        """The notes the answer's conditions do not already say."""
        from ..scalar.notes import condition

        return [note for note in self.notes if condition(note) is None]


@dataclass
class PracticeSet(Notebook):
    rules: tuple[str, ...]
    seed: int
    exercises: tuple[Exercise, ...]
    input: str | None = None  # like every result; a practice set is made, not read
    shortfall: str | None = None  # fewer exercises than asked for: the ones found are kept, and this says so
    # the rules in the order they were asked for, as a heading names them (`rules` is sorted, JSON's)
    asked: tuple[str, ...] = ()
    command: str = field(default="practice", repr=False)

    def to_dict(self, *, steps: bool = True) -> dict:
        from ..render.json import record

        return record(self, steps=steps)

    @property
    def named_rules(self) -> str:
        """The rules as the sheet's heading names them, in the order asked for ("power and chain rules",
        "거듭제곱의 미분법, 합성함수의 미분법")."""
        from ..core.messages import LANGUAGE, message, rule_label

        labels = [rule_label(r) for r in self.asked or self.rules]
        listed = ", ".join(labels) if LANGUAGE.get() != "en" or len(labels) < 2 else \
            f"{', '.join(labels[:-1])} and {labels[-1]}"
        return message("practice.rules.one" if len(labels) == 1 else "practice.rules", rules=listed)


def _unit(rng: random.Random, wanted: set[str], depth: int) -> str:
    """A piece that depends on x, using the asked-for function families."""
    families = sorted(f for f in wanted if f in FAMILIES)
    chain = "chain" in wanted
    if chain and depth > 0 and rng.random() < 0.8:
        nested = families and rng.random() < 0.35  # sin(cos(x)); powers of powers only make big numbers
        inner = _unit(rng, wanted, depth - 1) if nested else rng.choice(POLYNOMIALS)
    else:
        inner = "x"
    if families and rng.random() < 0.85:
        return rng.choice(FAMILIES[rng.choice(families)]).format(inner)
    if inner != "x":
        return rng.choice(POWERS).format(inner)
    return rng.choice(["x", "x^2", "x^3", "2x", "x^2 + 1", "sqrt(x)"])


def _candidate(rng: random.Random, wanted: set[str]) -> str:
    parts = [_unit(rng, wanted, 2)]
    if "product" in wanted:
        parts.append(_unit(rng, wanted, 1))
    text = " * ".join(f"({p})" for p in parts)
    if "quotient" in wanted:
        text = f"({text}) / ({_unit(rng, wanted, 1)})"
    if "general_power" in wanted:
        text = f"({_unit(rng, wanted - {'general_power'}, 1)})^({text})" if rng.random() < 0.5 else f"x^({text})"
    if rng.random() < 0.3:
        text = f"{rng.choice([2, 3, 5, 7])}*({text})"
    return text


# Rules that are in every derivative's reach, so an exercise cannot be said to practise them.
UNASKABLE = {
    "constant": "basic", "identity": "basic", "sum": "basic",
    "unknown": "it names the steps SymPy takes where no rule covers an expression: there is no rule to practise",
}


def _rule(text: str) -> str:
    """The askable rule `text` names (`chain`, `Constant-Multiple`); a syntax error that says why
    not, or which rule was meant (`chian`: did you mean chain?), otherwise."""
    import difflib

    name = "_".join(text.strip().lower().replace("-", " ").split())
    if name in ASKABLE:
        return name
    choose = f"choose from {', '.join(ASKABLE)}"
    if name in UNASKABLE:
        why = UNASKABLE[name]
        if why == "basic":
            why = ("constant, identity and sum are the basic rules every exercise may use besides the ones asked "
                   "for, so no exercise can practise them on their own")
        raise SymdiffError(f"{name} cannot be practised: {why}; {choose}", type="syntax")
    close = difflib.get_close_matches(name, ASKABLE, n=1)
    rules = ", ".join(ASKABLE)
    raise SymdiffError(Words("error.practice.rule.meant", rule=text.strip(), meant=close[0], rules=rules) if close
                       else Words("error.practice.rule.unknown", rule=text.strip(), rules=rules), type="syntax")


def practice(rules: Sequence[str], *, count: int = 10, seed: int = 0, attempts: int = 4000) -> PracticeSet:
    """`count` different exercises whose step trees use every rule in `rules` and no other rule but
    the basic ones (constant, identity, sum, constant multiple, power, rewrite) and those a rule
    brings with it (IMPLIED). Fewer than `count` found: the set has them and says so in
    `shortfall`; none found: SymdiffError (type "unsupported")."""
    wanted = {_rule(r) for r in rules if r.strip()}
    if not wanted:
        raise SymdiffError(Words("error.practice.rule.none"), type="syntax")
    allowed = wanted | BASIC | set().union(*(IMPLIED.get(r, set()) for r in wanted))
    rng = random.Random(seed)
    x = symbol("x")
    found: list[Exercise] = []
    seen: set[sympy.Expr] = set()
    for _ in range(attempts):
        if len(found) == count:
            break
        try:
            # An exercise is the function its pieces make, evaluated: the generator writes u^2 with
            # u = x^2 as (x^2)^2, and the worksheet asks for x⁴ (a student types only what they mean).
            expr = settled(parse(_candidate(rng, wanted)))
        except SymdiffError:
            continue
        if expr in seen or not expr.has(x) or not textbook_kind(expr, x):
            continue
        step = derive(expr, x)
        used = frozenset(_rules_used(step))
        if not (wanted <= used <= allowed) or not real_on_an_interval((expr, step.result), x):
            continue
        seen.add(expr)
        answer = textbook(step.result)
        found.append(Exercise(len(found) + 1, expr, x, step, answer, used, tuple(result_notes(expr, x, step.result, answer))))
    shortfall = None
    if len(found) < count:
        shortfall = Words("error.practice.shortfall.one" if len(found) == 1 else "error.practice.shortfall",
                          found=len(found), count=count, rules=", ".join(sorted(wanted)))
        if not found:
            raise SymdiffError(shortfall, type="unsupported")
    asked = tuple(dict.fromkeys(_rule(r) for r in rules if r.strip()))
    return PracticeSet(tuple(sorted(wanted)), seed, tuple(found), shortfall=shortfall, asked=asked)


# Points to look for an interval on, the positive side first (ln, √ and arcosh live there): −3 … 3 in
# steps of 1/7, so that an interval of width 2/7 anywhere in it is found.
_SAMPLES = [sympy.Rational(k, 7) for k in (*range(1, 22), *range(0, -22, -1))]
_RUN = 3


def real_on_an_interval(exprs: Sequence[sympy.Expr], x: sympy.Symbol) -> bool:
    """Whether every one of `exprs` (a function and its derivative) is real and finite at _RUN
    neighbouring sample points: an exercise must have a derivative somewhere. arccos(x⁴ + 2) is real
    nowhere and arcsin(x² + 1) only at 0, and a worksheet that sets them asks for nothing (a tester
    found both in `practice --rules inverse_trig,chain`)."""
    run = 0
    for point in _SAMPLES:
        run = run + 1 if all(_real_at(e, x, point) for e in exprs) else 0
        if run == _RUN:
            return True
    return False


def _real_at(expr: sympy.Expr, x: sympy.Symbol, point: sympy.Rational) -> bool:
    try:
        value = sympy.N(expr.xreplace({x: point}), 15)
    except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError):
        return False
    return bool(value.is_number and value.is_extended_real and value.is_finite)


def textbook_kind(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    """Whether `expr` is an exercise a textbook would set (see LAYERS)."""
    return (_layers(expr, x) <= LAYERS and _count(expr, INVERSE_TRIG + INVERSE_HYPERBOLIC) <= 1
            and _plain_inverse(expr, x) and not _tower(expr, x) and _nice_numbers(expr) and not _collapses(expr)
            and not _needless_abs(expr))


def _needless_abs(expr: sympy.Expr) -> bool:
    """An absolute value of what is never negative, which a textbook does not set (try-48): ||x||, |√x|,
    |√(4x² + 3x)|, |x²|, |eˣ|."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Abs):
            (u,) = node.args
            even_root = u.is_Pow and u.exp.is_Rational and u.exp.q % 2 == 0
            if isinstance(u, sympy.Abs) or even_root or u.is_nonnegative:
                return True
    return False


def _plain_inverse(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    """Whether an inverse function is set as a textbook sets one: of a polynomial (arctan(5x + 2), not
    arctan(1/(x⁴ + 2)), which nests a reciprocal in it), and not itself below a fraction bar
    (−7/arcsin(x² − 1), a reciprocal of it). A tester read both as two inverses in one exercise, and
    their answers came out in forms no textbook prints."""
    inverses = INVERSE_TRIG + INVERSE_HYPERBOLIC
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, inverses) and not node.args[0].is_polynomial(x):
            return False
        if node.is_Pow and node.exp.is_negative and node.base.has(*inverses):
            return False
    return True


_CIRCULAR = (sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc)
_RATIOS = (sympy.tan, sympy.cot, sympy.sec, sympy.csc)


def _collapses(expr: sympy.Expr) -> bool:
    """Whether the function simplifies before it is differentiated: a ratio below a fraction bar
    (x/sec x is x cos x), or trigonometric factors that cancel in sines and cosines (tan x/sec x is
    sin x, sec x/cos x is 1/cos² x). A textbook sets the simpler function instead."""
    if any(node.is_Pow and node.exp.is_negative and isinstance(node.base, _RATIOS)
           for node in sympy.preorder_traversal(expr)):
        return True
    if _count(expr, _CIRCULAR) < 2:
        return False
    in_sines = expr.replace(lambda n: isinstance(n, _RATIOS), _in_sines)
    return _count(sympy.cancel(sympy.together(in_sines)), _CIRCULAR) < _count(expr, _CIRCULAR)


def _in_sines(ratio: sympy.Expr) -> sympy.Expr:
    u = ratio.args[0]
    return {sympy.tan: sympy.sin(u) / sympy.cos(u), sympy.cot: sympy.cos(u) / sympy.sin(u),
            sympy.sec: 1 / sympy.cos(u), sympy.csc: 1 / sympy.sin(u)}[type(ratio)]


def _is_layer(node: sympy.Expr, x: sympy.Symbol) -> bool:
    """A function applied to something: sin(u), eᵘ, 2ᵘ, uⁿ of a sum or function; x² and 3x are not."""
    if isinstance(node, sympy.Pow):
        return node.exp.has(x) or (node.base.has(x) and node.base != x)
    return isinstance(node, sympy.Function) and node.has(x)


def _layers(expr: sympy.Expr, x: sympy.Symbol) -> int:
    inner = max((_layers(a, x) for a in expr.args), default=0)
    return inner + 1 if _is_layer(expr, x) else inner


def _count(expr: sympy.Expr, kinds: tuple) -> int:
    return sum(1 for node in sympy.preorder_traversal(expr) if isinstance(node, kinds))


def _exponential(node: sympy.Expr, x: sympy.Symbol) -> bool:
    return isinstance(node, sympy.exp) and node.has(x) or isinstance(node, sympy.Pow) and node.exp.has(x)


def _tower(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    """An exponential with another one in its exponent (2^(3^x), e^(e^x), x^(x^x))."""
    for node in sympy.preorder_traversal(expr):
        if _exponential(node, x):
            exponent = node.args[0] if isinstance(node, sympy.exp) else node.exp
            if any(_exponential(inner, x) for inner in sympy.preorder_traversal(exponent)):
                return True
    return False


def _nice_numbers(expr: sympy.Expr) -> bool:
    return all(abs(n.p) <= COEFFICIENT and n.q <= DENOMINATOR for n in expr.atoms(sympy.Rational))


def _rules_used(step):
    """The rules a derivation uses: a root or reciprocal rewritten as a power uses the power rule in
    the same step (it has no power-rule substep), as it did when that was a substep of its own."""
    for s in step.walk():
        yield s.rule
        if s.rule == "rewrite" and s.substep is None:
            yield "power"
