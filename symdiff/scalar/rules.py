"""The rules engine: one small data class per differentiation rule, and the dispatcher that picks
the rule for each node and recurses (`derive`).

Each rule computes its `result` from its own fields and its substeps' results (the fields that hold
steps, `symdiff.core.steps`), so every node of the tree is a claim that can be checked on its own:
d(expr)/d(var) == result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, ClassVar, Iterable

import sympy
from sympy import Abs, Add, Mul, Pow, S

from ..core.formula import Grouped, Minus, Operator, Over, Plus, Times, log_power, log_to_base
from ..core.memo import SORT_TERMS_MAX, Memo, ordered_terms, prints_negative
from ..core.steps import Factor
from .coerce import to_expr, to_symbol
from .functions import relu, sigmoid, softplus
from .parsing import symbol
from .steps import Step

# ---------------------------------------------------------------------------------------------
# Basic rules


@dataclass(eq=False)
class ConstantRule(Step):
    rule: ClassVar[str] = "constant"

    def eval(self):
        return S.Zero

    @property
    def message(self):
        return "constant.held" if self.params()["held"] else "constant"

    def params(self):
        held = sorted((s for s in self.expr.free_symbols if s != self.var), key=lambda s: s.name)
        return {"held": held}


@dataclass(eq=False)
class IdentityRule(Step):
    rule: ClassVar[str] = "identity"

    def eval(self):
        return S.One


@dataclass(eq=False)
class SumRule(Step):
    terms: tuple[Step, ...] = ()
    rule: ClassVar[str] = "sum"

    def eval(self):
        return Add(*(t.result for t in self.terms))

    def __post_init__(self):
        # x² − y is a difference as it is read: a textbook names the rule for what the reader sees.
        # Decided here, on the terms as derived: a printer writes a positive term first (−x + 2 as
        # 2 − x), so one positive term among negative ones reads as a difference
        self.difference = any(prints_negative(t.expr) for t in self.terms)
        self.mixed = sum(not prints_negative(t.expr) for t in self.terms) >= 2

    def read_in_order(self, terms) -> None:
        """Name the rule for `terms` as a view writes them, in order: a minus before the first term is its
        sign, not a subtraction (−2x⁴ + x², typed so, is a sum); after it, − subtracts and + adds."""
        signs = [prints_negative(t) for t in terms[1:]]
        self.difference = any(signs)
        self.mixed = self.difference and not all(signs)

    @property
    def message(self):
        if not self.difference:
            return "sum"
        return "sum.both" if self.mixed else "sum.difference"

    def params(self):
        return {"count": len(self.terms)}


@dataclass(eq=False)
class ConstantMultipleRule(Step):
    constant: sympy.Expr = S.One
    other: Step | None = None
    rule: ClassVar[str] = "constant_multiple"

    def eval(self):
        if self.other.result == 1:  # c·1 is c as the line wrote it: 5·(x² + x), not 5·x² + 5·x
            return self.constant
        return self.constant * self.other.result

    @property
    def message(self):
        values = self.params()
        if not values["held"]:
            return "constant_multiple"
        # the factor is the held variables themselves (y in x²·y): the words name it once
        return "constant_multiple.held.itself" if self.constant == Mul(*values["held"]) else "constant_multiple.held"

    def params(self):
        held = sorted((s for s in self.constant.free_symbols if s != self.var), key=lambda s: s.name)
        return {"constant": Factor(self.constant), "other": Factor(self.other.expr), "held": held}


@dataclass(eq=False)
class PowerRule(Step):
    """var**n with n free of var."""

    exponent: sympy.Expr = S.One
    rule: ClassVar[str] = "power"

    def eval(self):
        return self.exponent * self.var ** (self.exponent - 1)

    def params(self):
        return {"n": self.exponent, "n_minus_1": self.exponent - 1}


@dataclass(eq=False)
class RewriteRule(Step):
    """The expression is read in another form first (√x as x^(1/2), 1/x² as x^(−2), sinc x as
    sin x/x). A root or a reciprocal of the variable is differentiated in the same step, by the power
    rule, with no substep: SymPy holds √x and x^(1/2) as one expression, so a power-rule substep
    would repeat the line d/dx √x above it unchanged (a rewrite must change what the reader sees)."""

    kind: str = "power"
    rewritten: sympy.Expr = S.One
    substep: Step | None = None
    rule: ClassVar[str] = "rewrite"

    def eval(self):
        if self.substep is None:  # the power rule, in this step
            n = self.rewritten.as_base_exp()[1]
            return n * self.var ** (n - 1)
        return self.substep.result

    @property
    def message(self):
        return f"rewrite.{self.kind}"

    def params(self):
        base, exponent = self.rewritten.as_base_exp()
        return {"base": base, "exponent": exponent, "rewritten": self.rewritten}


@dataclass(eq=False)
class ProductRule(Step):
    factors: tuple[Step, ...] = ()
    rule: ClassVar[str] = "product"

    def eval(self):
        exprs = [f.expr for f in self.factors]
        return Add(*(
            Mul(*exprs[:i], f.result, *exprs[i + 1:]) for i, f in enumerate(self.factors)
        ))

    @property
    def message(self):
        return "product" if len(self.factors) == 2 else "product.many"

    def params(self):
        exprs = [f.expr for f in self.factors]
        return {"g": exprs[0], "h": Mul(*exprs[1:]), "count": len(exprs), "assembled": self.assembled}

    @property
    def assembled(self) -> Plus:
        """g′·h + g·h′ with the pieces filled in (for n factors, the n products), as written."""
        exprs = [f.expr for f in self.factors]
        return Plus(*(Times(*exprs[:i], f.result, *exprs[i + 1:]) for i, f in enumerate(self.factors)))


@dataclass(eq=False)
class QuotientRule(Step):
    numerator: Step | None = None
    denominator: Step | None = None
    rule: ClassVar[str] = "quotient"

    def eval(self):
        f, g = self.numerator, self.denominator
        return (f.result * g.expr - f.expr * g.result) / g.expr ** 2

    def params(self):
        return {"g": self.numerator.expr, "h": self.denominator.expr, "assembled": self.assembled}

    @property
    def assembled(self) -> Over:
        """(g′·h − g·h′)/h² with the pieces filled in, as written."""
        g, h = self.numerator, self.denominator
        return Over(Minus(Times(g.result, h.expr), Times(g.expr, h.result)), Pow(h.expr, 2, evaluate=False))


@dataclass(eq=False)
class ChainRule(Step):
    """f(g(var)) = (f ∘ g)(var): outer is d f(u)/du, inner is d g(var)/d var."""

    u: sympy.Symbol | None = None
    outer: Step | None = None
    inner: Step | None = None
    rule: ClassVar[str] = "chain"

    def eval(self):
        # one product of all the factors: SymPy multiplies a number into a sum when a product has just
        # the two (2·(1 − x²) is 2 − 2·x²), and −2·x·(2 − 2·x²) is then not the −4·x·(1 − x²) a textbook
        # writes; among three or more factors the numbers are gathered in front and the sum kept whole
        gathered = Mul(*self._outer_factors, *Mul.make_args(self.inner.result))
        if gathered.is_Add and not self.inner.result.is_Add:
            # a number times one sum, 2·s·3, is multiplied out as a whole: kept as f′(u)·u′ instead, the
            # sum stays whole (6·s), as a gradient of g(Σ cᵢwᵢ) needs it once, not n sums of n terms
            return _substituted(sympy.Tuple(self.outer.result, self.u, self.inner.expr)) * self.inner.result
        return gathered

    @property
    def message(self):
        # the inner function is y = y(x) itself (y², sin y): implicit differentiation's chain rule
        return "chain.dependent" if self.inner.rule == "dependent" else "chain"

    def params(self):
        return {"u": self.u, "inner": self.inner.expr, "outer": self.outer.expr,
                "outer_result": Factor(self.outer.result), "du": Operator(self.var, self.partial, self.u),
                "assembled": self.assembled}

    @property
    def assembled(self) -> Times:
        """The outer derivative at u = inner, times the inner derivative, as written: f′(u) with the
        inner function put back for u as a unit, 2·(x² + 1)·2·x, not multiplied out as the result's
        2·x² + 2 is (the reader checks it against f′(u) on the line above)."""
        return numbers_first(_written_at(self.outer.result, self.u, self.inner.expr), self.inner.result)

    @property
    def outer_at_inner(self) -> sympy.Expr:
        """f′(u) at u = inner."""
        return Mul(*self._outer_factors)

    @property
    def _outer_factors(self) -> list:
        """f′(u)'s factors at u = inner, each by itself: a number is not yet multiplied into a sum."""
        return [_substituted(sympy.Tuple(f, self.u, self.inner.expr)) for f in Mul.make_args(self.outer.result)]


@dataclass(eq=False)
class DependentChain(Step):
    """d/dx f(y) where y = y(x) is implicit differentiation's dependent variable: f′(y)·dy/dx in one
    step, as a textbook writes d/dx y² = 2y·dy/dx. The inner function is y itself, so no u = y is
    named and dy/dx needs no step of its own."""

    outer_result: sympy.Expr | None = None  # f′(y), the outer derivative at y
    dy: sympy.Expr | None = None  # dy/dx
    rule: ClassVar[str] = "chain"

    def eval(self):
        return self.outer_result * self.dy

    @property
    def message(self):
        return "chain.dependent"


def numbers_first(outer: sympy.Expr, inner: sympy.Expr) -> sympy.Expr:
    """outer·inner, the pieces put together, with the numbers leading as a textbook writes a product:
    3·sec²(3·x), 2·e²ˣ, -2·sin(2·x) rather than sec²(3·x)·3, e²ˣ·2, -sin(2·x)·2. Only an inner
    derivative that is a number moves; any other keeps its place after the outer one (the line above
    wrote f′(u)·du/dx in that order). The value is the product either way: nothing is evaluated."""
    lead = outer.args[0] if isinstance(outer, Mul) and isinstance(outer.args[0], sympy.Number) else None
    # a piece 1 or -1 (d/dx (x + 1)) says nothing in front, and a fraction's own coefficient
    # (1/(2·√(3·x))) is no factor to set a number beside
    if not isinstance(inner, sympy.Integer) or abs(inner) == 1 or (lead is not None and not lead.is_Integer):
        return Times(outer, inner)
    numbers, rest = [inner], [outer]
    if lead is not None:  # -sin(2·x), 3·(2·x + 1)²: the outer's own number leads, then the piece
        numbers, rest = [lead, inner], list(outer.args[1:])
    if any(r.is_Pow and r.exp.is_negative for r in rest):  # 5·1/(5·x) reads as 5/(5·x) run together
        return Times(outer, inner)
    if lead is not None and any(_numbered_product(r) for r in rest):
        # the inner function put back for u is a product with a number of its own (u = 3·x): moving the
        # numbers in front ran them together, 2·3·3·x; kept in the order f′(u)·u′, with u one unit
        return Times(lead, *(Grouped(r) if _numbered_product(r) else r for r in rest), inner)
    negative = sum(n.is_negative for n in numbers) % 2 == 1
    shown = [abs(n) for n in numbers[:-1] if abs(n) != 1] + [abs(numbers[-1])]
    body = Times(*shown, *rest)
    return Mul(S.NegativeOne, body, evaluate=False) if negative else body


def _numbered_product(expr) -> bool:
    """A product that begins with a number, 3·x: beside other numbers it would run into them."""
    return isinstance(expr, Mul) and bool(expr.args) and expr.args[0].is_Number


def _written_at(outer_result: sympy.Expr, u: sympy.Symbol, inner: sympy.Expr) -> sympy.Expr:
    """f′(u) at u = inner as a teacher writes it: each u replaced by the inner function and nothing
    evaluated, so a coefficient is not distributed over a sum (SymPy's 2·(x² + 1) is 2·x² + 2).
    Each node is rebuilt unevaluated by itself: under SymPy's global `evaluate(False)` the deep
    compositions' later steps rebuilt their big inner functions from scratch (a 30-deep exp/sin
    rendered 5 times slower)."""
    if outer_result == u:
        return inner
    if not outer_result.args or not outer_result.has(u):
        return outer_result
    args = [_written_at(a, u, inner) for a in outer_result.args]
    try:
        return outer_result.func(*args, evaluate=False)
    except TypeError:  # a class that is never evaluated on construction takes no such flag
        return outer_result.func(*args)


def _substitute(key: sympy.Tuple) -> sympy.Expr:
    outer_result, u, inner = key.args
    coefficient, rest = outer_result.as_coeff_Mul()
    if rest == u and coefficient is not S.One and _is_big_sum(inner):
        # k·u at u = a big sum stays k·(sum): SymPy would multiply the sum out, and each partial of
        # a gradient of g(s) then multiplies it out again by ∂s/∂wᵢ (n sums of n terms for the dense
        # loss (Σ cᵢwᵢ − 3)²). Kept whole, every partial shares the one sum, as 2*(x + 1) is kept
        # whole where it is read.
        return Mul._from_args((coefficient, inner))
    return _real_parts_dropped(outer_result.xreplace({u: inner}), outer_result)


def _real_parts_dropped(substituted: sympy.Expr, before: sympy.Expr) -> sympy.Expr:
    """`substituted` without the re(z)/im(z) that SymPy wrote while evaluating it (|2^(xˣ)| becomes
    2^re(xˣ), since SymPy cannot tell that xˣ is real). Every z there is a piece of the user's real
    function, so it is real wherever the function is defined: re(z) = z and im(z) = 0. Left in, they
    are not what a teacher writes, and not something the parser reads back."""
    parts = (sympy.re, sympy.im)
    # Only |u| evaluates to them, and `before` (f′(u), small) says whether there is one: asking the
    # substituted result would walk every big sum it holds, for every partial.
    if not before.has(sympy.Abs) or before.has(*parts) or not substituted.has(*parts):
        return substituted
    return substituted.replace(lambda e: isinstance(e, sympy.re), lambda e: e.args[0]).replace(
        lambda e: isinstance(e, sympy.im), lambda e: S.Zero)


def _is_big_sum(expr: sympy.Expr) -> bool:
    return isinstance(expr, Add) and len(expr.args) >= INDEX_TERMS_MIN


# Every partial of a gradient of g(s) rebuilds g′(s) for the same inner s (n partials of
# (Σ cᵢwᵢ − 3)² multiply the n-term sum out n times): a pure function of its key, so remembered.
# The memo keys by strict equality (core/memo.py); a few entries suffice, as the partials come in turn.
_substituted = Memo(_substitute, size=64, largest=0, measure=lambda _: 0)


@dataclass(eq=False)
class GeneralPowerRule(Step):
    """f**g with both depending on var, by logarithmic differentiation: y = f**g, ln y = g*ln f for
    f > 0, y'/y = (g*ln f)', so (f**g)' = f**g * (g*ln f)'. The substep is d(g*ln f)/d(var)."""

    base: sympy.Expr = S.One
    exponent: sympy.Expr = S.One
    substep: Step | None = None
    rule: ClassVar[str] = "general_power"
    # The name the explanation gives f**g (let y = xˣ): the function's own where the step is the whole
    # function (f, or g in g(x) = xˣ), set by the API; None for a part of one, which is called y.
    named: ClassVar[str | None] = None

    def eval(self):
        return self.expr * self.substep.result

    @property
    def message(self):
        # a base positive for every value (x² + 1) needs no condition for its logarithm
        return "general_power.positive" if self.base.is_positive else "general_power"

    def params(self):
        return {"f": self.base, "g": self.exponent, "base": self.base, "log_form": self.substep.expr}


@dataclass(eq=False)
class UnknownRule(Step):
    """No symdiff rule covers this expression: the result is SymPy's, and says so."""

    rule: ClassVar[str] = "unknown"

    def eval(self):
        return sympy.diff(self.expr, self.var)


# ---------------------------------------------------------------------------------------------
# Rules for named functions f(var), each from a table of derivatives f'(u)

@dataclass(eq=False)
class FunctionRule(Step):
    """f(var) for a named f: the result is f' from the table, at var."""

    table: ClassVar[dict[type, Callable[[sympy.Expr], sympy.Expr]]] = {}

    @property
    def function(self) -> str:
        return FUNCTION_NAMES.get(type(self.expr), type(self.expr).__name__)

    def eval(self):
        return self.table[type(self.expr)](self.var)

    @property
    def message(self):
        return f"{self.rule}.{self.function}"


def _sqrt1m(u):
    return sympy.sqrt(1 - u**2)


@dataclass(eq=False)
class TrigRule(FunctionRule):
    rule: ClassVar[str] = "trig"
    table: ClassVar = {
        sympy.sin: sympy.cos,
        sympy.cos: lambda u: -sympy.sin(u),
        sympy.tan: lambda u: sympy.sec(u) ** 2,
        sympy.cot: lambda u: -sympy.csc(u) ** 2,
        sympy.sec: lambda u: sympy.sec(u) * sympy.tan(u),
        sympy.csc: lambda u: -sympy.csc(u) * sympy.cot(u),
    }


@dataclass(eq=False)
class InverseTrigRule(FunctionRule):
    rule: ClassVar[str] = "inverse_trig"
    table: ClassVar = {
        sympy.asin: lambda u: 1 / _sqrt1m(u),
        sympy.acos: lambda u: -1 / _sqrt1m(u),
        sympy.atan: lambda u: 1 / (1 + u**2),
        sympy.acot: lambda u: -1 / (1 + u**2),
        sympy.asec: lambda u: 1 / (Abs(u) * sympy.sqrt(u**2 - 1)),
        sympy.acsc: lambda u: -1 / (Abs(u) * sympy.sqrt(u**2 - 1)),
    }


@dataclass(eq=False)
class HyperbolicRule(FunctionRule):
    rule: ClassVar[str] = "hyperbolic"
    table: ClassVar = {
        sympy.sinh: sympy.cosh,
        sympy.cosh: sympy.sinh,
        sympy.tanh: lambda u: sympy.sech(u) ** 2,
        sympy.coth: lambda u: -sympy.csch(u) ** 2,
        sympy.sech: lambda u: -sympy.sech(u) * sympy.tanh(u),
        sympy.csch: lambda u: -sympy.csch(u) * sympy.coth(u),
    }


@dataclass(eq=False)
class InverseHyperbolicRule(FunctionRule):
    rule: ClassVar[str] = "inverse_hyperbolic"
    table: ClassVar = {
        sympy.asinh: lambda u: 1 / sympy.sqrt(u**2 + 1),
        # As two roots, not √(u²−1): the two differ for u < −1, where acosh is complex.
        sympy.acosh: lambda u: 1 / (sympy.sqrt(u - 1) * sympy.sqrt(u + 1)),
        sympy.atanh: lambda u: 1 / (1 - u**2),
        sympy.acoth: lambda u: 1 / (1 - u**2),
        sympy.asech: lambda u: -1 / (u * _sqrt1m(u)),
        sympy.acsch: lambda u: -1 / (Abs(u) * sympy.sqrt(u**2 + 1)),
    }


@dataclass(eq=False)
class Atan2Rule(Step):
    """atan2(f, g), the angle of the point (g, f): d atan2(f, g) = (g·f' - f·g')/(f² + g²), with f' and
    g' the substeps (its two arguments may both depend on var, so the rule holds its own chain rule)."""

    first: Step | None = None  # f, the y coordinate
    second: Step | None = None  # g, the x coordinate
    rule: ClassVar[str] = "inverse_trig"

    def eval(self):
        f, g = self.first, self.second
        return (g.expr * f.result - f.expr * g.result) / (f.expr**2 + g.expr**2)

    @property
    def message(self):
        return "inverse_trig.atan2"

    def params(self):
        return {"f": self.first.expr, "g": self.second.expr}


@dataclass(eq=False)
class ExpRule(FunctionRule):
    """e**var, or a**var for a constant a (a Pow, not an exp).

    A base of 0 is its own case: for real x, 0**x is 0 for x > 0, 1 at x = 0 (SymPy's 0**0) and
    undefined for x < 0 (a division by 0). It is differentiable only on x > 0, where it is the
    constant 0, so its derivative is 0 there; the formula a**x·ln(a) would give 0·(−∞), which is
    no number. At x = 0 and below there is no derivative: a value asked for there is a `domain`
    error (`symdiff.scalar.smoothness`). A base of 1 never gets here (SymPy reads 1**x as 1). A negative
    base (−2)**x is not real for most real x, and its derivative holds ln(−2) = ln 2 + iπ: `derive`
    refuses it as not real."""

    rule: ClassVar[str] = "exp"

    @property
    def base(self):
        return S.Exp1 if isinstance(self.expr, sympy.exp) else self.expr.base

    def eval(self):
        if self.base is S.Exp1:
            return sympy.exp(self.var)
        if self.base.is_zero:
            return S.Zero
        return self.base**self.var * sympy.log(self.base)

    @property
    def message(self):
        if self.base.is_zero:
            return "exp.zero"
        return "exp.e" if self.base is S.Exp1 else "exp.base"

    def params(self):
        return {"base": self.base}


@dataclass(eq=False)
class LogRule(FunctionRule):
    """ln(var), or log_b(var) = ln(var)/ln(b), which SymPy stores as a product."""

    base: sympy.Expr = S.Exp1
    rule: ClassVar[str] = "log"

    def eval(self):
        if self.base is S.Exp1:
            return 1 / self.var
        return 1 / (self.var * sympy.log(self.base))

    @property
    def message(self):
        return "log.e" if self.base is S.Exp1 else "log.base"

    def params(self):
        return {"base": self.base}


@dataclass(eq=False)
class AbsRule(FunctionRule):
    rule: ClassVar[str] = "abs"
    table: ClassVar = {Abs: sympy.sign}


@dataclass(eq=False)
class SpecialRule(FunctionRule):
    rule: ClassVar[str] = "special"
    table: ClassVar = {
        sigmoid: lambda u: sigmoid(u) * (1 - sigmoid(u)),
        softplus: sigmoid,
    }


@dataclass(eq=False)
class PiecewiseRule(FunctionRule):
    """relu, sign, Heaviside: constant on each side of 0, with a kink or jump at 0."""

    rule: ClassVar[str] = "piecewise"
    table: ClassVar = {
        relu: lambda u: sympy.Heaviside(u, 0),
        # SymPy's distributional derivatives: 0 away from 0, a delta at 0.
        sympy.sign: lambda u: 2 * sympy.DiracDelta(u),
        sympy.Heaviside: sympy.DiracDelta,
    }


FUNCTION_RULES: dict[type, type[FunctionRule]] = {}
for _rule in (TrigRule, InverseTrigRule, HyperbolicRule, InverseHyperbolicRule, AbsRule, SpecialRule,
              PiecewiseRule):
    for _func in _rule.table:
        FUNCTION_RULES[_func] = _rule
FUNCTION_RULES[sympy.exp] = ExpRule
FUNCTION_RULES[sympy.log] = LogRule

FUNCTION_NAMES = {sympy.Abs: "abs", sympy.Heaviside: "Heaviside"}


# ---------------------------------------------------------------------------------------------
# The dispatcher


# The inner functions' names, given out in this order, then u_1, u_2, … (render.order reads them so too)
CHAIN_LETTERS = ("u", "v", "w")


@dataclass
class _Context:
    """State shared by one derivation: the names already taken, so each chain gets a fresh u."""

    taken: set[str] = field(default_factory=set)
    candidates: list[str] = field(default_factory=lambda: list(CHAIN_LETTERS))
    counter: int = 0
    # Only the result will be kept (a partial whose steps are not shown): a sum's terms free of var,
    # which add 0, need no steps.
    results_only: bool = False
    # Steps whose results bring in constants of their own (ln a for a**x, SymPy's derivative for an
    # unknown node): the only places a result that is not a real number can come from, since every
    # other rule combines its substeps' results with parts of the input.
    suspects: list[Step] = field(default_factory=list)

    def watch(self, step: Step) -> Step:
        self.suspects.append(step)
        return step

    def fresh(self) -> sympy.Symbol:
        while True:
            if self.candidates:
                name = self.candidates.pop(0)
            else:
                self.counter += 1
                name = f"u_{self.counter}"
            if name not in self.taken:
                self.taken.add(name)
                return symbol(name)


def derive(expr: str | sympy.Expr, var: str | sympy.Symbol, *, others: Iterable[sympy.Symbol] = (),
           taken: tuple[str, ...] = ()) -> Step:
    """The step tree of d(expr)/d(var). `expr` is text (read by symdiff's parser) or a SymPy
    expression; `var` a name or a Symbol; `others` the function's other variables where it has some
    that `expr` does not show (∂/∂x of x² as a function of x and y). Raises `ParseError` for unreadable text,
    `InputTypeError` (a TypeError) for other types, and `DomainError` where a step's result is not
    a real number although the input is real ((-2)**x, whose derivative holds ln(-2))."""
    var = to_symbol(var)
    return derive_ours(to_expr(expr, (var.name,)), var, others=others, taken=taken)


def derive_ours(expr: sympy.Expr, var: sympy.Symbol, *, results_only: bool = False, taken: tuple[str, ...] = (),
                others: Iterable[sympy.Symbol] = ()) -> Step:
    """`derive` of an expression and a Symbol that are symdiff's already (`to_expr` and `to_symbol`
    gave them, or they are parts of such an expression): a gradient of n parameters asks n times,
    and checking the whole expression each time made it quadratic. With `results_only`, the tree
    is for its result alone: a sum's step lists only the terms that contain var. `taken` are more
    names a chain's u, or any rule's pieces, must not take (y, written for y(x) in implicit
    differentiation; the function's own name, u in u(x) = sin x²). `others`, as
    for `derive`: a variable of the function is held constant even where this expression lacks it."""
    ctx = _Context(taken={*_names(expr), var.name, *taken}, results_only=results_only)
    step = _derive(expr, var, ctx)
    _guard(ctx.suspects, expr)
    if not results_only:
        # every name of the function, not only of the step's own part: ∂/∂a of c in a·b + c + sin g must not
        # call sin g "a constant c" while c is a variable of f
        reserved = frozenset({*_names(expr), *taken})
        for node in step.walk():
            node.reserved = reserved
    # `others` as given (a gradient passes one frozenset for every partial): no copy per partial
    if any(v != var for v in _free(expr)) or any(v != var for v in others):  # a partial derivative
        for node in step.walk():
            # A chain rule's outer function f(u) is a function of u alone: d/du sin(u), not ∂/∂u.
            node.partial = node.var == var or bool(_free(node.expr) - {node.var})
    return step


# What no real result may contain: complex infinity, nan, ±oo and the imaginary unit.
NOT_NUMBERS = frozenset({S.ComplexInfinity, S.NaN, S.Infinity, S.NegativeInfinity, S.ImaginaryUnit})


def not_real(expr: sympy.Expr, clean: set) -> sympy.Expr | None:
    """A part of expr that is no real number (zoo, nan, oo, I, or a constant such as log(-2) or
    (-1)**(1/3) that is not real), or None. `clean` holds parts already found fine, so that the
    parts a derivative shares with its steps are looked at once."""
    stack = [(expr, False)]
    while stack:
        node, done = stack.pop()
        if done:
            clean.add(node)  # all of it looked at: fine
            continue
        if node in clean:
            continue
        if node in NOT_NUMBERS:
            return node
        if isinstance(node, (sympy.Function, Pow)) and node.is_number and node.is_extended_real is False:
            return node
        stack.append((node, True))
        stack.extend((a, False) for a in node.args)
    return None


def _guard(suspects: list[Step], expr: sympy.Expr) -> None:
    """Raise DomainError if a step's result is not a real number (unless the input was not): the
    step names the part of the input that is not real, or whose derivative is not finite."""
    clean: set = set()
    for step in suspects:
        if not_real(step.result, clean) is not None and not_real(expr, set()) is None:
            from ..core.errors import DomainError

            raise DomainError(f"the derivative of {sympy.sstr(step.expr)} by {step.var} is not a real number: "
                              f"{sympy.sstr(step.result)} (symdiff works over the real numbers)")


def _derive(expr: sympy.Expr, var: sympy.Symbol, ctx: _Context) -> Step:
    if not _has(expr, var):
        return ConstantRule(expr, var)
    if expr == var:
        return IdentityRule(expr, var)
    if isinstance(expr, Add):
        if ctx.results_only and len(expr.args) >= INDEX_TERMS_MIN:
            # Each partial of a big sum visits only its own terms: softmax over n classes holds a sum
            # of n exponentials in every partial.
            terms = tuple(expr.args[i] for i in _terms_by_symbol(expr).get(var, ()))
            return SumRule(expr, var, terms=tuple(_derive(t, var, ctx) for t in terms))
        # In the order they are printed (SymPy's sort is quadratic for big sums: those keep theirs).
        terms = ordered_terms(expr) if len(expr.args) <= SORT_TERMS_MAX else expr.args
        return SumRule(expr, var, terms=tuple(_derive(t, var, ctx) for t in terms))
    if isinstance(expr, Mul):
        return _derive_mul(expr, var, ctx)
    if isinstance(expr, Pow):
        return _derive_pow(expr, var, ctx)
    if isinstance(expr, sympy.atan2):
        y, x = expr.args
        return Atan2Rule(expr, var, first=_derive(y, var, ctx), second=_derive(x, var, ctx))
    if isinstance(expr, sympy.sinc):
        (arg,) = expr.args
        if arg != var:
            return _chain(expr, arg, var, ctx)
        # sinc x = sin(x)/x for x ≠ 0: the quotient rule, with the explanation noting sinc'(0) = 0.
        quotient = sympy.sin(var) / var
        return RewriteRule(expr, var, kind="sinc", rewritten=quotient, substep=_derive(quotient, var, ctx))
    # by func, not type: a function kept as typed (parsing.TypedExp) has the rule of the one it stands for
    if expr.func in FUNCTION_RULES and len(expr.args) == 1:
        (arg,) = expr.args
        if arg == var:
            return FUNCTION_RULES[expr.func](expr, var)
        return _chain(expr, arg, var, ctx)
    if isinstance(expr, sympy.Heaviside) and expr.args[0] != var and not expr.args[1].has(var):
        return _chain(expr, expr.args[0], var, ctx)
    if isinstance(expr, sympy.Heaviside) and expr.args[0] == var and not expr.args[1].has(var):
        return PiecewiseRule(expr, var)
    if getattr(expr, "implicit_reading", False) and expr.args == (var,):
        from .implicit import DependentRule  # y = y(x), in implicit differentiation

        return DependentRule(expr, var)
    return ctx.watch(UnknownRule(expr, var))


INDEX_TERMS_MIN = 32

# The names a fresh u must avoid: every partial of a gradient asks for the same f's.
_names = Memo(lambda expr: frozenset(s.name for s in expr.free_symbols), size=256, largest=10**6)
_free = Memo(lambda expr: expr.free_symbols, size=256, largest=10**6)


def names_of(expr: sympy.Expr) -> frozenset[str]:
    """The names of expr's free symbols (remembered: every partial of a gradient asks for f's)."""
    return _names(expr)

# The symbols each part contains, for `has`: a gradient of g(s) asks for every partial whether g(s)
# and s contain the variable, and SymPy walks the whole of s each time.
_symbols = Memo(lambda expr: frozenset(expr.atoms(sympy.Symbol)), size=1024, largest=10**6)


def _has(expr: sympy.Expr, var: sympy.Symbol) -> bool:
    """expr.has(var), for a Symbol var: breadth first, as `has` walks, each distinct part once, and a
    big sum answered from the symbols remembered for it (every partial of g(Σ exp(z_j)) asks whether
    g's parts contain z_j, and SymPy walks the whole sum each time). Only big sums are remembered:
    remembering every part of a deep nesting would cost depth²."""
    if expr.is_Atom:
        return expr == var
    queue, seen = [expr], {id(expr)}
    for node in queue:  # grows as it goes
        if node.is_Symbol:
            if node == var:
                return True
            continue
        if _is_big_sum(node):
            if var in _symbols(node):
                return True
            continue
        for a in node.args:
            if id(a) not in seen:
                seen.add(id(a))
                queue.append(a)
    return False


def _index_terms(expr: Add) -> dict[sympy.Symbol, tuple[int, ...]]:
    """{symbol: the positions of the terms it occurs in}. By atoms, not free symbols, so that a term
    is listed exactly where `term.has(symbol)` holds (a bound variable counts there too)."""
    index: dict[sympy.Symbol, list[int]] = {}
    for i, term in enumerate(expr.args):
        for s in term.atoms(sympy.Symbol):
            index.setdefault(s, []).append(i)
    return {s: tuple(positions) for s, positions in index.items()}


_terms_by_symbol = Memo(_index_terms, size=64, largest=10**6,
                        measure=lambda index: sum(len(p) for p in index.values()))


def _chain(expr: sympy.Expr, inner: sympy.Expr, var: sympy.Symbol, ctx: _Context) -> Step:
    if getattr(inner, "implicit_reading", False) and inner.args == (var,):
        return _dependent_chain(expr, inner, var, ctx)
    u = ctx.fresh()
    outer = expr.xreplace({inner: u})
    return ChainRule(expr, var, u=u, outer=_derive(outer, u, ctx), inner=_derive(inner, var, ctx))


def _dependent_chain(expr: sympy.Expr, y: sympy.Expr, var: sympy.Symbol, ctx: _Context) -> Step:
    """f(y) for y = y(x): the outer derivative taken by y itself (a stand-in symbol, put back after),
    so no u is named for the inner function y."""
    from .implicit import DependentRule

    stand_in = sympy.Dummy(y.name)
    outer = _derive(expr.xreplace({y: stand_in}), stand_in, ctx)
    return DependentChain(expr, var, outer_result=_substituted(sympy.Tuple(outer.result, stand_in, y)),
                          dy=DependentRule(y, var).result)


def _factor_kept(factors: list) -> sympy.Expr:
    """The constant factors as one factor, a number times a sum kept as written (5·(x² + x)): SymPy's
    Mul multiplies the number into the sum, and the constant a textbook takes out is lost."""
    # (−1 is a sign, not a factor taken out: −(1 − t) reads as t − 1, as SymPy writes it)
    if len(factors) == 2 and any(f.is_Number and abs(f) != 1 for f in factors) and any(f.is_Add for f in factors):
        return Mul(*factors, evaluate=False)
    return Mul(*factors)


def _derive_mul(expr: Mul, var: sympy.Symbol, ctx: _Context) -> Step:
    factors = expr.as_ordered_factors()  # in the order they are printed
    # log(g, b) arrives as ln g·(1/ln b): each is differentiated as the one function the reader wrote
    # (h = log₂ x in a product rule), not as ln g times a constant 1/ln b that the reader never saw
    written = log_to_base(expr)
    if written is not None:
        rest, pairs = written
        if not rest and len(pairs) == 1 and pairs[0][2] == 1:
            ((arg, base, _),) = pairs
            if arg == var:
                return ctx.watch(LogRule(expr, var, base=base))
            return _chain(expr, arg, var, ctx)
        # the logarithms last, where the printer puts them (a 1/ln b left over is not one of expr's factors)
        factors = [f for f in factors if f in rest] + [f for f in rest if f not in factors] \
            + [log_power(*pair) for pair in pairs]
    constant = [f for f in factors if not _has(f, var)]
    varying = [f for f in factors if _has(f, var)]

    if constant:
        rest = varying[0] if len(varying) == 1 else Mul(*varying)
        return ConstantMultipleRule(expr, var, constant=_factor_kept(constant), other=_derive(rest, var, ctx))

    numerator = [f for f in varying if not _is_reciprocal(f)]
    denominator = [1 / f for f in varying if _is_reciprocal(f)]
    # 1/((2x − 5)(4x² + 3x)) is read as the quotient it is written as: as a product of 1/(2x − 5) and
    # 1/(4x² + 3x) its factors would be ones the reader never saw, split with no step to say so
    if denominator and (numerator or len(denominator) > 1):
        return QuotientRule(expr, var, numerator=_derive(Mul(*numerator), var, ctx),
                            denominator=_derive(Mul(*denominator), var, ctx))
    return ProductRule(expr, var, factors=tuple(_derive(f, var, ctx) for f in varying))


def _is_reciprocal(factor: sympy.Expr) -> bool:
    return isinstance(factor, Pow) and factor.exp.is_number and factor.exp.is_negative


def _derive_pow(expr: Pow, var: sympy.Symbol, ctx: _Context) -> Step:
    base, exponent = expr.base, expr.exp
    if not exponent.has(var):
        if base != var:
            return _chain(expr, base, var, ctx)
        if exponent.is_Rational and not exponent.is_Integer:
            return RewriteRule(expr, var, kind="root", rewritten=expr)
        if exponent.is_number and exponent.is_negative:
            return RewriteRule(expr, var, kind="reciprocal", rewritten=expr)
        return PowerRule(expr, var, exponent=exponent)
    if not base.has(var):
        if exponent == var:
            return ctx.watch(ExpRule(expr, var))
        return _chain(expr, exponent, var, ctx)
    log_form = exponent * sympy.log(base)
    return GeneralPowerRule(expr, var, base=base, exponent=exponent, substep=_derive(log_form, var, ctx))
