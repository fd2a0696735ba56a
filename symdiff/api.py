"""The Python API: what the command line does, as functions that return plain data.

    >>> from symdiff import partial
    >>> partial("3*x**2*y**4", "x").result
    6*x*y**4
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import itertools
import re

import sympy
from sympy.core.parameters import distribute

from .core.errors import DomainError, ParseError, SymdiffError, UsageError, Words, spelled
from .core.limits import DEFAULT_LIMITS, room_for_depth
from .core.nodes import count_nodes, free_symbols
from .core.notebook import Notebook
from .scalar.check import Agreement, check_derivative, derivative_label, real_nowhere
from .scalar.coerce import (InputTypeError, plain_arguments, to_count, to_expr, to_float, to_names, to_number, to_point,
                            to_symbol)
from .scalar.implicit import dependent, differentiate_side, no_real_point
from .scalar.implicit import solve as solve_for_derivative
from .scalar.notes import Note, answer_notes, input_notes, merge, point_notes, result_notes, variable_notes
from .scalar.numeric import describe, missing_value, value_at
from .scalar.parsing import Definition, parse, parse_input, parse_variable, settled, split_top_level, symbol
from .scalar.roots import exactly_at, real_constant
from .scalar.rules import derive, derive_ours, names_of
from .scalar.smoothness import derivative_at, derivative_value, kinks, require_differentiable
from .scalar.sparse import TermIndex
from .scalar.steps import Step
from .scalar.tidy import textbook

if TYPE_CHECKING:
    from .features.answers import Verdict
    from .features.extrema import SecondDerivativeTest


def _conditions(derivations, raws=None) -> list:
    """The conditions each answer holds under (notes.result_notes), from the rules' own results `raws`
    (default: each derivation's step's)."""
    raws = raws if raws is not None else [d.step.result for d in derivations]
    # a derivative with other variables held constant is a partial derivative, and its notes say so
    return [replace(note, partial=True) if d.held else note
            for d, raw in zip(derivations, raws) for note in result_notes(d.expr, d.var, raw, d.result)]


@dataclass
class Derivation:
    """One differentiation: d(expr)/d(var), its step tree, and its result in textbook form."""

    expr: sympy.Expr
    var: sympy.Symbol
    step: Step | None  # None where steps were not asked for (the rest of a big gradient)
    result: sympy.Expr
    # the function's variables where expr lacks some (--vars x,y for x²): they are held constant too
    others: frozenset = frozenset()
    # the derivation whose result this one differentiates (a Hessian's first partial): the views write
    # the expression differentiated as that one's answer is written, one ∂f/∂x for the reader
    of: Derivation | None = field(default=None, repr=False, compare=False)

    @property
    def held(self) -> list[sympy.Symbol]:
        """The other variables, held constant while differentiating by `var`."""
        return sorted((s for s in self.expr.free_symbols | self.others if s != self.var), key=lambda s: s.name)


@dataclass
class PartialResult(Notebook):
    """∂f/∂wrt[0]…∂wrt[-1] of `expr`: one derivation per variable, in order."""

    expr: sympy.Expr
    wrt: tuple[sympy.Symbol, ...]
    derivations: tuple[Derivation, ...]
    input: str | None = None
    point: dict[sympy.Symbol, sympy.Expr] | None = None
    value: float | None = None
    check: Agreement | None = None
    shared: "Shared | None" = None  # the result with common subexpressions named (large results, --cse)
    warnings: list[Note] = field(default_factory=list)  # see symdiff.scalar.notes
    name: str | None = None  # the function's name when the input defined it (f(x) = …, y = …)
    params: tuple[sympy.Symbol, ...] = ()  # its variables, as the definition lists them
    # declared variables f lacks (--vars x,y for x²): f is still a function of them, so ∂, not d
    variables: tuple[sympy.Symbol, ...] = ()
    command: str = field(default="partial", repr=False)

    @property
    def result(self) -> sympy.Expr:
        return self.derivations[-1].result if self.derivations else self.expr

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(d.step for d in self.derivations)

    def to_dict(self, *, steps: bool = True) -> dict:
        from .render.json import record

        return record(self, steps=steps)

    @property
    def written(self) -> sympy.Expr:
        """The result as the human views write it: with its repeated parts named (`shared`) where they are."""
        return self.result if self.shared is None else self.shared.reduced

    @property
    def exact_value(self) -> sympy.Expr | None:
        """The value at the point exactly, where a textbook writes it and the decimal hides it (−1/π for
        −0.31831): the point's values exact, the result there short and not a plain integer, and equal
        to the decimal `value`. None otherwise."""
        if self.point is None or self.value is None:
            return None
        exact = exact_at(self.result, self.point, self.value)
        return None if exact is None or exact.is_Integer else exact

    def _repr_latex_(self) -> str:
        from .render.notation import derivative_latex, is_ordinary, latex

        # a notebook is a document: the same notation as the LaTeX view (d/dx for one variable, sin x)
        left = derivative_latex(self.expr, self.wrt, is_ordinary(self, self.wrt))
        return f"$\\displaystyle {left} = {latex(self.result)}$"


def bounded(expr: sympy.Expr, what: str | None = None) -> sympy.Expr:
    """`expr`, or a `limit` error if printing it would be unreasonable. Nodes are counted as printed
    (a shared part once per appearance), stopping at the limit: the count itself stays cheap even
    for results that share parts exponentially often."""
    limit = DEFAULT_LIMITS.max_result_nodes
    what = Words("error.what.result") if what is None else what
    if count_nodes(expr, limit) > limit:
        raise SymdiffError(Words("error.print.too_large", what=what, limit=f"{limit:,}"), type="limit")
    return expr


def _fresh_prefix(taken: set[str]) -> str:
    """The prefix of the names given to shared parts: c_0, c_1, … unless f has a name so spelt (then
    s_, t_, cse_, cse1_, cse2_, …: f's variables are finitely many)."""
    prefixes = itertools.chain(("c_", "s_", "t_", "cse_"), (f"cse{k}_" for k in itertools.count(1)))
    # c0 is typeset as c_0 is (c₀): a name that is the prefix's letters and then a digit takes it too.
    for p in prefixes:
        clash = re.compile(f"{re.escape(p)}|{re.escape(p[:-1])}[0-9]")
        if not any(clash.match(name) for name in taken):
            return p


# Results with more nodes than this (as printed) are also shown with their common subexpressions
# named: x*sin(x + x*sin(x + …)) differentiates to a result that repeats its inner parts many times.
CSE_AUTO_NODES = 400


@dataclass
class Shared:
    """expr = reduced, where each name in `replacements` stands for its expression (in order)."""

    replacements: list[tuple[sympy.Symbol, sympy.Expr]]
    reduced: sympy.Expr


def common_subexpressions(expr: sympy.Expr, when: bool | None = None) -> Shared | None:
    """`expr` with repeated parts named c_0, c_1… (SymPy's cse); None when not asked for (`when`
    False) or, with `when` None, when the result is small. Names avoid the expression's own."""
    if when is False:
        return None
    if when is None:
        if count_nodes(expr, CSE_AUTO_NODES) <= CSE_AUTO_NODES:
            return None
    taken = {s.name for s in free_symbols([expr])}
    prefix = _fresh_prefix(taken)
    names = (symbol(f"{prefix}{k}") for k in range(10**9))
    replacements, (reduced,) = sympy.cse(expr, symbols=names, order="none")
    if not replacements:
        return None
    return Shared(replacements, reduced)


@dataclass
class SharedSums:
    """A vector's entries written with names for the big sums they share (`replacements`, in order)."""

    replacements: list[tuple[sympy.Symbol, sympy.Expr]]
    reduced: list[sympy.Expr]


# A sum is named across a gradient's partials when it has at least this many terms and more than
# CSE_AUTO_NODES nodes, and two or more partials hold it.
SHARED_SUM_TERMS = 32


def shared_sums(entries: Sequence[sympy.Expr], when: bool | None = None,
                taken: Iterable[str] | None = None) -> SharedSums | None:
    """`entries` with the big sums that two or more of them hold named c_0, c_1…: each partial of
    g(Σ cᵢwᵢ) holds the whole inner sum, which the output would otherwise write n times. None when
    `when` is False or no big sum is shared. Names avoid the entries' own (or `taken`, the names of
    the function they come from); parts are looked at once."""
    if when is False or len(entries) < 2:
        return None
    holders: dict[sympy.Expr, int] = {}
    for entry in entries:
        seen: set = set()
        stack = [entry]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            if (node.is_Add and len(node.args) >= SHARED_SUM_TERMS
                    and count_nodes(node, CSE_AUTO_NODES) > CSE_AUTO_NODES):
                holders[node] = holders.get(node, 0) + 1
                continue  # a big sum is named whole: what it holds is not looked at
            stack.extend(node.args)
    shared = [e for e, k in holders.items() if k >= 2]
    if not shared:
        return None
    if taken is None:
        taken = {s.name for s in free_symbols(entries)}
    prefix = _fresh_prefix(taken)
    names = {e: symbol(f"{prefix}{k}") for k, e in enumerate(shared)}
    return SharedSums([(n, e) for e, n in names.items()], [e.xreplace(names) for e in entries])


def read(expr: str | sympy.Expr, variables: Iterable[str] = ()) -> Definition | None:
    """A string as people paste it (`f(x) = …`, `y = …`, `d/dx …`), read; None for a SymPy object."""
    return parse_input(expr, variables) if isinstance(expr, str) else None


def operator_variables(given: Definition | None, wrt: tuple[sympy.Symbol, ...],
                       partial: bool = True) -> tuple[sympy.Symbol, ...]:
    """The variables to differentiate by, given a derivative operator written in front of the input
    (d/dx x^2): it asks for d/dx, which must be what the command does."""
    if given is None or given.operator is None:
        return wrt
    op, shown = given.operator, given.operator_text
    if not partial:
        raise ParseError(f"'{shown}' asks for one derivative, by {op.name}, but this command differentiates by "
                         f"every variable: give just the expression, or use symdiff partial", given.column)
    if not wrt:
        return (op,)
    if wrt != (op,):
        asked = ", ".join(v.name for v in wrt)
        raise ParseError(f"the input asks for '{shown}' (by {op.name}), but the variable to differentiate by is "
                         f"{asked}: give just the expression, or differentiate by {op.name}", given.column)
    return wrt


def not_by_its_name(given: Definition | None, symbols: Iterable[sympy.Symbol], source: str | None) -> None:
    """Refuse to differentiate a definition by the name it defines: `y = x^2` by y, or `x = 1` by x,
    read as a definition, would answer ∂y/∂y = 0 without a word, where the writer most often meant
    an equation."""
    if given is None or not given.name or given.operator is not None:
        return
    if symbol(given.name) in set(symbols):
        command = f"symdiff implicit \"{source.strip()}\"" if source else "symdiff implicit"
        raise ParseError(Words("error.definition.variable", name=given.name, command=command), given.column)


def not_declared(given: Definition | None, symbols: Iterable[sympy.Symbol]) -> None:
    """Refuse a variable the definition does not declare: f(y) = x·y by x. As declared, x is a constant of
    f, so ∂f/∂x is no derivative of f; the answer y, given without a word, taught the opposite."""
    if given is None or not given.params:
        return
    for var in symbols:
        if var not in given.params:
            names = ", ".join(p.name for p in given.params)
            raise ParseError(Words("error.definition.undeclared", var=var.name, function=f"{given.name}({names})",
                                   fixed=f"{given.name}({names}, {var.name})"), given.column)


def answer(step: Step, f: sympy.Expr, var: sympy.Symbol) -> sympy.Expr:
    """The raw answer of a derivation of f, before its textbook form: the step tree's result, or,
    where f holds parts kept as typed (sin(x + π), √(x²)), the derivative of f as SymPy evaluates it.
    The steps differentiate what was typed; the answer is the one the evaluated f has (sign(x) for
    √(x²), where the typed steps end in x/|x|), so typing a function differently never changes it."""
    plain = settled(f)
    return step.result if plain is f else derive_ours(plain, var, results_only=True).result


def default_variable(expr: sympy.Expr) -> sympy.Symbol:
    """The one variable of `expr`, when there is exactly one."""
    free = sorted(expr.free_symbols, key=lambda s: s.name)
    if len(free) == 1:
        return free[0]
    if not free:
        raise UsageError(Words("error.variable.none"))
    raise UsageError(Words("error.variable.which", names=", ".join(s.name for s in free)))


def _named(step, given):
    """`step`, the whole function's, told the function's name where its explanation names the function
    (logarithmic differentiation's "let f = xˣ", as the heading's f = xˣ)."""
    from .scalar.rules import GeneralPowerRule

    if isinstance(step, GeneralPowerRule):
        step.named = given.name if given is not None and given.name else "f"
    return step


def _own_name(given) -> tuple[str, ...]:
    """The name a definition gives the function (u in u(x) = sin x²), which no rule's piece may take."""
    return (given.name,) if given is not None and given.name else ()


@room_for_depth()
@plain_arguments
def partial(expr: str | sympy.Expr, *wrt: str | sympy.Symbol, at: str | Mapping | None = None,
            variables: Sequence[str] = (), check: bool = False, cse: bool | None = None) -> PartialResult:
    """∂/∂wrt of `expr`, with every step; several variables differentiate in turn.

    `at` ("x=1,y=2" or a mapping) also evaluates the result there. `variables` names symbols that
    would otherwise be constants (`e`). Raises `SymdiffError` (a `ParseError`, `DomainError`...)
    with a contract error type.
    """
    variables = to_names(variables, "variables")
    names = [to_symbol(v).name if not isinstance(v, str) else v for v in wrt] + variables
    source = expr if isinstance(expr, str) else None
    given = read(expr, names)
    f = given.expr if given is not None else to_expr(expr, names)
    symbols = operator_variables(given, tuple(to_symbol(v) for v in wrt))
    if not symbols and given is not None and len(given.params) == 1:
        symbols = given.params  # f(x) = …: by x
    not_by_its_name(given, symbols, source)
    not_declared(given, symbols)
    symbols = symbols or (default_variable(f),)
    derivations = []
    current = f
    # a declared variable f lacks (--vars x,y for x²) still makes f a function of several variables
    others = {*symbols, *(to_symbol(v) for v in variables), *(given.params if given is not None else ())}
    variables_of_f = frozenset(others)  # one set for every derivation: a copy each is quadratic memory
    for var in symbols:
        step = derive(current, var, others=others, taken=_own_name(given))
        if current is f:  # (a second derivative's step is of ∂f/∂x, not of f)
            _named(step, given)
        result = textbook(bounded(answer(step, current, var), f"∂/∂{var}"))
        derivations.append(Derivation(current, var, step, result, variables_of_f))
        current = result
    out = PartialResult(f, symbols, tuple(derivations), input=source)
    out.variables = tuple(sorted(others - set(symbols), key=natural_key))
    out.warnings = merge(input_notes([f], symbols, names, text=source), _conditions(derivations))
    if given is not None:
        out.name, out.params = given.name, given.params
    out.shared = common_subexpressions(out.result, cse)
    if at is not None:
        point, notes = _point(at, names, [f], source)
        out.point, out.warnings = point, merge(out.warnings, notes)
        # Where f is not smooth the formula may say a number where there is no derivative (sign(0) for
        # d|x|/dx): symdiff.scalar.smoothness decides there from the definition.
        out.value = derivative_value(f, symbols, [d.result for d in derivations], point, out.name or "f")
    if check:
        out.check = check_derivative(f, symbols, out.result)
    return out


# ---------------------------------------------------------------------------------------------
# The gradient and its family

# Step trees are built for this many partials (the first ones, or those asked for by name); the
# rest get results only, so a gradient by 5000 parameters stays fast and readable.
STEPS_SHOWN = 6


def natural_key(s: sympy.Symbol):
    """w2 before w10: names sorted with their numbers read as numbers."""
    import re

    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", s.name)]


def ordered_variables(exprs: Sequence[sympy.Expr], variables: Sequence[str] | None) -> tuple[sympy.Symbol, ...]:
    if variables:
        return tuple(to_symbol(v) for v in variables)
    free = set().union(*(e.free_symbols for e in exprs))
    if not free:
        raise SymdiffError("the expression has no variables: every derivative is 0", type="unsupported")
    return tuple(sorted(free, key=natural_key))


def _steps_for(variables: Sequence[sympy.Symbol], steps: bool | Sequence[str],
               exprs: Sequence[sympy.Expr] = ()) -> set[sympy.Symbol]:
    if steps is True:
        return set(variables[:STEPS_SHOWN])
    if not steps:
        return set()
    if not isinstance(steps, (bool, str, Sequence)) or isinstance(steps, sympy.Basic):
        raise InputTypeError(f"steps must be True, False or the names of the partials to show, not "
                             f"{type(steps).__name__}")
    wanted = {to_symbol(v) for v in to_names(steps, "steps")}
    unknown = wanted - set(variables)
    if unknown:
        error = UsageError(Words("error.variable.unknown", option=spelled("--var", "steps="),
                                 names=", ".join(sorted(s.name for s in unknown)),
                                 variables=", ".join(v.name for v in variables[:10]) + ("…" if len(variables) > 10 else "")))
        error.notes = tuple(variable_notes(exprs, sorted(unknown, key=lambda s: s.name)))
        raise error
    return wanted


def _point(at, names, exprs: Sequence[sympy.Expr], text: str | None = None) -> tuple[dict, list[Note]]:
    """The point `at`, where each of `exprs` must be defined (a domain error, not a value,
    outside), and the notes on names it gives that the expressions lack (`--at x=1,z=2` for x²).
    `text`: the input they were read from, whose form as typed must be real there too."""
    point = to_point(at, names)
    for f in exprs:
        require_defined(f, point, text)
    return point, point_notes(exprs, [s.name for s in point])


def _typed_parts_real(f: sympy.Expr, point: dict, text: str | None, name: str) -> None:
    """descend's start: f as typed must be real there in every part (√x·√x at x = -1); the run says
    the rest (f itself undefined, or past the float range) in its own words."""
    from .scalar.parsing import typed_form

    typed = typed_form(text, f) if text is not None else None
    if typed is None or typed == f:
        return
    try:
        value_at(_numbers_computed(typed), point, name)
    except DomainError as exc:
        if str(getattr(exc.message, "key", "")).startswith("error.value.part."):
            raise


def require_defined(f: sympy.Expr, point: dict, text: str | None = None, what=None) -> None:
    """A domain error unless f is real at point in every part, as read and, given the input `text`,
    as typed: the parser computes some products and sums as it reads (√x·√x is x, ln(x) − ln(x) is
    0), which leaves no part of f that is not real for x < 0."""
    from .scalar.parsing import typed_form

    what = Words("error.what.function") if what is None else what
    value_at(f, point, what)
    typed = typed_form(text, f) if text is not None else None
    if typed is not None and typed != f:
        value_at(_numbers_computed(typed), point, what)


def _numbers_computed(typed: sympy.Expr) -> sympy.Expr:
    """The typed tree with its parts without variables computed (-(1/2) is -1/2) and the rest kept as
    typed: at a point, x − 1/2 is then the number 0, where (−1)·2⁻¹ + 0.5 left unevaluated is no
    number to a step function."""
    from .scalar.parsing import evaluated_form

    numbers = {node: evaluated_form(node) for node in sympy.preorder_traversal(typed)
               if node.args and not node.free_symbols}
    with sympy.evaluate(False):
        return typed.xreplace(numbers)


def exact_at(expr: sympy.Expr, point: dict, value: float) -> sympy.Expr | None:
    """expr at point exactly, where a textbook writes it and a decimal would hide it (−1/π for −0.31831,
    √2/2 for 0.707107): the point's values exact, the value there short and equal to the decimal
    `value` (a kink or a limit found otherwise is not what the formula gives). None otherwise."""
    if count_nodes(expr, 400) > 400 or any(not v.is_number or v.has(sympy.Float) for v in point.values()):
        return None
    try:
        exact = textbook(exactly_at(expr, point))
    except (TypeError, ValueError, ArithmeticError):  # noqa: BLE001 - no exact value, the decimal stays
        return None
    if not exact.is_number or exact.has(sympy.Float) or count_nodes(exact, 12) > 12:
        return None
    near = exact.evalf(30)
    if not near.is_real or abs(float(near) - value) > 1e-9 * (1 + abs(value)):
        return None
    return exact


def _unless_integers(values: list | None) -> list | None:
    """None where every value is a whole number: its decimal says it exactly already."""
    return None if values is None or all(v.is_Integer for v in values) else values


# Past this many entries a matrix at a point is shown by its decimals alone: each exact entry is a
# SymPy evaluation, and a page of cos 1 entries is no easier to read than their decimals.
_EXACT_MATRIX_MAX = 36


def exact_matrix(matrix: list[list[sympy.Expr]], point: dict | None, values: list[list[float]] | None
                 ) -> list[list[sympy.Expr]] | None:
    """H or J at the point exactly, entry by entry (cos 1 for 0.540302, see `exact_at`), as ∇f's
    exact value is: where every entry has an exact form and one is not a whole number. None otherwise."""
    if point is None or values is None or sum(len(row) for row in matrix) > _EXACT_MATRIX_MAX:
        return None
    exact = [[exact_at(e, point, v) for e, v in zip(row, vrow)] for row, vrow in zip(matrix, values)]
    flat = [e for row in exact for e in row]
    return None if any(e is None for e in flat) or all(e.is_Integer for e in flat) else exact


def _gradient_at(f: sympy.Expr, partials: Sequence[Derivation], point: dict, name: str = "f",
                 kinked: Sequence[sympy.Expr] | None = None) -> list[float]:
    """∇f at point: each partial where it exists (else a domain error naming the point), and only
    where f is differentiable there, since a gradient, a stationary point and a tangent plane all
    presume it (symdiff.scalar.smoothness). `kinked`: f's parts at a kink there, when known."""
    if kinked is None:
        kinked = kinks([f], point)
    values = [derivative_value(f, (d.var,), (d.result,), point, name, kinked) for d in partials]
    require_differentiable(f, [d.var for d in partials], point, name, kinked)
    return values


# Past this many entries a worked-out |∇f| or ∇f·u no longer fits a line: the values alone are shown.
_WORKED_MAX = 6


@dataclass
class GradientResult(Notebook):
    """∇f: every first partial (with steps for some), the assembled vector, and with a point its
    value, length and the directions of steepest ascent and descent."""

    expr: sympy.Expr
    vars: tuple[sympy.Symbol, ...]
    partials: tuple[Derivation, ...]
    input: str | None = None
    point: dict | None = None
    value: list[float] | None = None
    check: Agreement | None = None
    direction: list[sympy.Expr] | None = None  # the unit vector u of --dir
    given_direction: list[sympy.Expr] | None = None  # --dir as given, which u is made from
    directional: sympy.Expr | None = None  # ∇f·u
    directional_value: float | None = None  # ∇f·u at the point
    warnings: list[Note] = field(default_factory=list)  # see symdiff.scalar.notes
    name: str | None = None  # as in PartialResult
    params: tuple[sympy.Symbol, ...] = ()
    command: str = field(default="grad", repr=False)
    # The partials with the big sums they share named once (see shared_sums), for the output: `gradient`
    # stays the partials themselves.
    shared: SharedSums | None = None

    @property
    def gradient(self) -> list[sympy.Expr]:
        return [d.result for d in self.partials]

    @property
    def written(self) -> list[sympy.Expr]:
        """The partials as the human views write them: with the big sums they share named (`shared`)."""
        return self.gradient if self.shared is None else self.shared.reduced

    @property
    def norm(self) -> float | None:
        return None if self.value is None else sum(v * v for v in self.value) ** 0.5

    @property
    def exact_norm(self) -> sympy.Expr | None:
        """|∇f| at the point exactly where the decimal hides a surd a textbook writes (96·√2 for
        135.765): when every partial is a rational number there and the norm is not. None otherwise."""
        if self.point is None or self.value is None or len(self.partials) > 50:
            return None
        if not all(isinstance(v, sympy.Rational) for v in self.point.values()):
            return None
        entries = [exactly_at(g, self.point) for g in self.gradient]
        if not all(isinstance(e, sympy.Rational) for e in entries):
            return None
        exact = sympy.sqrt(sympy.Add(*[e * e for e in entries]))
        return None if isinstance(exact, sympy.Rational) else exact

    @property
    def exact_partials(self) -> list[sympy.Expr | None] | None:
        """Each partial's exact value at the point (2·cos(2) + 4), None for one that has none there
        (see `exact_at`); None without a point. Computed once: every view asks."""
        if self.point is None or self.value is None or len(self.partials) > 50:
            return None
        made = self.__dict__.get("_exact_partials")
        if made is None or made[0] != (self.point, self.value):
            exact = [exact_at(g, self.point, v) for g, v in zip(self.gradient, self.value)]
            made = self.__dict__["_exact_partials"] = ((self.point, self.value), exact)
        return made[1]

    @property
    def _exact_entries(self) -> list[sympy.Expr] | None:
        entries = self.exact_partials
        return None if entries is None or any(e is None for e in entries) else entries

    @property
    def exact_value(self) -> list[sympy.Expr] | None:
        """∇f at the point exactly, where an entry is not a whole number (see `exact_at`). None otherwise."""
        return _unless_integers(self._exact_entries)

    @property
    def _rational_entries(self) -> list[sympy.Expr] | None:
        # Directions are written exactly only from rational entries (surds then, as |∇f| is): from
        # cos(2) + 1 they would be longer than a line, and no textbook writes them so.
        entries = self._exact_entries
        return entries if entries is not None and all(e.is_Rational for e in entries) else None

    @property
    def exact_ascent(self) -> list[sympy.Expr] | None:
        """∇f/|∇f| exactly (√2/2 for 0.707107), where ∇f is rational there and not 0."""
        entries = self._rational_entries
        if entries is None or not self.norm:
            return None
        length = sympy.sqrt(sympy.Add(*[e * e for e in entries]))
        unit = [textbook(e / length) for e in entries]
        if any(count_nodes(u, 20) > 20 for u in unit):
            return None
        return _unless_integers(unit)

    @property
    def exact_descent(self) -> list[sympy.Expr] | None:
        return None if self.exact_ascent is None else [-u for u in self.exact_ascent]

    @property
    def exact_directional_value(self) -> sympy.Expr | None:
        """∇f·u at the point exactly (28/5 for 5.6), where ∇f is rational there."""
        entries = self._rational_entries
        if entries is None or self.direction is None or self.directional_value is None \
                or any(u.has(sympy.Float) for u in self.direction):
            return None
        exact = textbook(sympy.Add(*(u * e for u, e in zip(self.direction, entries))))
        return None if exact.is_Integer or count_nodes(exact, 20) > 20 else exact

    @property
    def worked_norm(self) -> tuple[list[sympy.Expr], sympy.Expr] | None:
        """∇f's entries at the point and |∇f| exactly, for a document to work |∇f| out as a textbook
        does (√(4² + 13²) = √185); None where the entries are not rational or too many for a line."""
        entries = self._rational_entries
        if entries is None or len(entries) > _WORKED_MAX:
            return None
        return entries, sympy.sqrt(sympy.Add(*[e * e for e in entries]))

    @property
    def worked_dot(self) -> list[tuple[sympy.Expr, sympy.Expr]] | None:
        """The pairs (∂f/∂xᵢ at the point, uᵢ) whose products sum to D_u f there, for the dot product
        written out; None where the numbers are not exact or too many for a line."""
        worked = self.worked_norm
        if worked is None or self.direction is None or any(u.has(sympy.Float) for u in self.direction):
            return None
        return list(zip(worked[0], self.direction))

    @property
    def ascent(self) -> list[float] | None:
        """The unit vector of steepest ascent ∇f/|∇f| (None at a stationary point)."""
        if not self.norm:
            return None
        return [v / self.norm for v in self.value]

    @property
    def descent(self) -> list[float] | None:
        # 0.0 - v, not -v: a component 0 of ∇f is 0 in the descent direction, not -0
        return None if self.ascent is None else [0.0 - v for v in self.ascent]

    @property
    def steps_omitted(self) -> int:
        return sum(1 for d in self.partials if d.step is None)

    def to_dict(self, *, steps: bool = True) -> dict:
        from .render.json import record

        return record(self, steps=steps)


def parse_direction(direction: str | Sequence, n: int) -> list[sympy.Expr]:
    """'3,4' → the unit vector (3/5, 4/5), exactly."""
    vector = read_direction(direction, n)
    length = sympy.sqrt(sum(c**2 for c in vector))
    return [textbook(c / length) for c in vector]


def read_direction(direction: str | Sequence, n: int) -> list[sympy.Expr]:
    """'3,4' → (3, 4), the direction as given (a usage error if it is not n numbers or is 0)."""
    if isinstance(direction, str):
        parts = [p for _, p in split_top_level(direction, ",")]
    elif isinstance(direction, Sequence) and not isinstance(direction, sympy.Basic):
        parts = list(direction)
    else:
        raise InputTypeError(f"a direction must be text such as \"3,4\" or a list of numbers, not "
                             f"{type(direction).__name__}")
    if len(parts) != n:
        raise UsageError(Words("error.direction.size" + (".one" if len(parts) == 1 else "")
                               + (".single" if n == 1 else ""), option=spelled("--dir", "direction="),
                               got=len(parts), want=n))
    vector = [to_number(p, spelled("--dir", "direction=")) for p in parts]
    length = sympy.sqrt(sum(c**2 for c in vector))
    if length == 0:
        raise UsageError(Words("error.direction.zero", option=spelled("--dir", "direction=")))
    return vector


@room_for_depth()
@plain_arguments
def gradient(expr: str | sympy.Expr, *, vars: Sequence[str] | None = None, at: str | Mapping | None = None,
             variables: Sequence[str] = (), steps: bool | Sequence[str] = True,
             check: bool = False, direction: str | Sequence | None = None,
             cse: bool | None = None) -> GradientResult:
    """∇f = (∂f/∂x_1, …, ∂f/∂x_n). `vars` fixes the variables and their order (default: the free
    symbols in natural order); `steps` is True (trees for the first STEPS_SHOWN partials), False,
    or the names of the partials to show. Big sums that several partials hold are also named once
    (`shared`) unless `cse` is False."""
    vars, variables = to_names(vars), to_names(variables, "variables")
    names = vars + variables
    source = expr if isinstance(expr, str) else None
    given = read(expr, names)
    operator_variables(given, (), partial=False)
    f = given.expr if given is not None else to_expr(expr, names)
    # f(x, y) = …: the definition's variables, in its order (a name it does not list is a parameter).
    symbols = ordered_variables([f], vars or (given.params if given is not None and given.params else None))
    not_by_its_name(given, symbols, source)
    with_steps = _steps_for(symbols, steps, [f])
    variables_of_f = frozenset(symbols)  # one set for every partial: a copy each is quadratic memory
    index = TermIndex(settled(f))
    partials, raws = [], []
    for var in symbols:
        if var in with_steps:
            # f and the symbols are symdiff's: read or checked above
            step = _named(derive_ours(f, var, others=variables_of_f, taken=_own_name(given)), given)
            raw = answer(step, f, var)
        else:
            step, raw = None, index.derivative(var)
        raws.append(raw)
        partials.append(Derivation(f, var, step, textbook(bounded(raw, f"∂f/∂{var}")), variables_of_f))
    out = GradientResult(f, symbols, tuple(partials), input=source)
    out.shared = shared_sums([d.result for d in partials], cse, taken=names_of(f))
    out.warnings = merge(input_notes([f], symbols if vars else (), names, text=source),
                         _conditions(partials, raws))
    if given is not None:
        out.name, out.params = given.name, given.params
    if at is not None:
        out.point, notes = _point(at, names, [f], source)
        out.warnings = merge(out.warnings, notes)
        out.value = _gradient_at(f, partials, out.point, out.name or "f")
    if direction is not None:
        out.given_direction = read_direction(direction, len(symbols))
        out.direction = parse_direction(out.given_direction, len(symbols))
        out.directional = textbook(sympy.Add(*(u * g for u, g in zip(out.direction, out.gradient))))
        if out.value is not None:
            out.directional_value = sum(float(u) * v for u, v in zip(out.direction, out.value))
    if check:
        out.check = _check_all(((sub, (d.var,), d.result) for d, sub in
                                ((d, sympy.Add(*index.terms_with(d.var))) for d in partials)), f, symbols)
    return out


# The most variables for which a Hessian's zero entries are checked one by one (each against f whole);
# past it they follow from the term index (no term holds both variables) and are not counted.
ZEROS_CHECKED = 6


def _check_all(claims, whole: sympy.Expr | None = None, symbols=()) -> Agreement:
    """--check of several derivatives, each of `f` (the terms of the whole function that hold its
    variables, or the whole), by `wrt`: one Agreement. Where `whole`, the function itself, is real at no
    random point, no derivative is checked (its terms may be real where it is not)."""
    claims = list(claims)
    if whole is not None and claims and real_nowhere(whole, symbols):
        gaps = tuple({"derivative": derivative_label(wrt, name[0] if name else "f"), "reason": "not_real",
                      "step": None} for _, wrt, _, *name in claims)
        return Agreement("unchecked", derivative=gaps[0]["derivative"], reason="not_real", derivatives=0, gaps=gaps)
    total = None
    for f, wrt, result, *name in claims:
        agreement = check_derivative(f, wrt, result, name=name[0] if name else "f")
        if agreement.status == "disagree":
            agreement.counterexample["derivative"] = "∂" + "∂".join(w.name for w in wrt)
            return agreement
        total = agreement if total is None else total.combine(agreement)
    if total is not None and total.status == "unchecked" and not total.gaps:
        # one derivative of a gradient, Hessian or Jacobian, named in the record's `unchecked` as any is
        total = replace(total, gaps=total._own_gaps())
    return total or Agreement("unchecked")


@dataclass
class HessianResult(Notebook):
    """The matrix of second partials, symmetric; each mixed pair computed in both orders."""

    expr: sympy.Expr
    vars: tuple[sympy.Symbol, ...]
    gradient: GradientResult
    entries: dict[tuple[int, int], sympy.Expr]  # i <= j: ∂²f/∂x_j∂x_i = ∂/∂x_j of ∂f/∂x_i, nonzero only
    schwarz: dict[tuple[int, int], bool]  # i < j: do ∂²f/∂x_j∂x_i and ∂²f/∂x_i∂x_j agree?
    # (i, j), either order: the steps of ∂/∂x_j of ∂f/∂x_i, for the partials whose steps are shown
    second_steps: dict[tuple[int, int], Step] = field(default_factory=dict)
    input: str | None = None
    point: dict | None = None
    value: list[list[float]] | None = None
    check: Agreement | None = None
    warnings: list[Note] = field(default_factory=list)  # see symdiff.scalar.notes
    name: str | None = None  # as in PartialResult
    params: tuple[sympy.Symbol, ...] = ()
    command: str = field(default="hessian", repr=False)
    # i < j: the other order, ∂²f/∂x_i∂x_j = ∂/∂x_i of ∂f/∂x_j, nonzero only
    swapped: dict[tuple[int, int], sympy.Expr] = field(default_factory=dict)
    # with a point: the second-derivative test there (symdiff.features.extrema); None where not taken
    test: "SecondDerivativeTest | None" = None

    def entry(self, i: int, j: int) -> sympy.Expr:
        return self.entries.get((min(i, j), max(i, j)), sympy.S.Zero)

    def second_derivation(self, i: int, j: int) -> Derivation:
        """∂/∂x_j of ∂f/∂x_i as a derivation: its steps (`second_steps`) and the form the second
        partials list it in, which a view shows the steps' result tidied into where they differ."""
        made = self.__dict__.setdefault("_second_derivations", {})
        if (i, j) not in made:  # one object each: the views' rearranged copies are kept by its id
            listed = self.entries.get((i, j)) if i <= j else self.swapped.get((j, i))
            step = self.second_steps[(i, j)]
            made[(i, j)] = Derivation(step.expr, self.vars[j], step, sympy.S.Zero if listed is None else listed,
                                      frozenset(self.vars), of=self.gradient.partials[i])
        return made[(i, j)]

    def second_partials(self, every: bool = True) -> list[tuple[tuple[int, int], sympy.Expr]]:
        """((first, then), ∂/∂x_then of ∂f/∂x_first) for every second partial, each mixed pair in
        both orders (∂²f/∂y∂x, then ∂²f/∂x∂y), zeros included; with `every` False, only the pairs
        where either order is not 0 (a Hessian of thousands of variables is mostly zeros)."""
        n = len(self.vars)
        keys = [(i, j) for i in range(n) for j in range(i, n)] if every else sorted({*self.entries, *self.swapped})
        out = []
        for i, j in keys:
            out.append(((i, j), self.entries.get((i, j), sympy.S.Zero)))
            if i != j:
                out.append(((j, i), self.swapped.get((i, j), sympy.S.Zero)))
        return out

    @property
    def mixed_pairs(self) -> int:
        """How many pairs of distinct variables there are: each pair's mixed partials agree or not."""
        n = len(self.vars)
        return n * (n - 1) // 2

    @property
    def matrix(self) -> list[list[sympy.Expr]]:
        n = len(self.vars)
        return [[self.entry(i, j) for j in range(n)] for i in range(n)]

    @property
    def exact_value(self) -> list[list[sympy.Expr]] | None:
        """The matrix at the point exactly, where an entry is not a whole number (see `exact_matrix`)."""
        return exact_matrix(self.matrix, self.point, self.value)

    def to_dict(self, *, steps: bool = True) -> dict:
        from .render.json import record

        return record(self, steps=steps)


@room_for_depth()
@plain_arguments
def hessian(expr: str | sympy.Expr, *, vars: Sequence[str] | None = None, at: str | Mapping | None = None,
            variables: Sequence[str] = (), steps: bool | Sequence[str] = True,
            check: bool = False) -> HessianResult:
    """H[i][j] = ∂²f/∂x_i∂x_j, from the terms that contain both variables."""
    vars, variables = to_names(vars), to_names(variables, "variables")
    names = vars + variables
    grad = gradient(expr, vars=vars, variables=variables, steps=steps)
    f, symbols = grad.expr, grad.vars
    index = TermIndex(settled(f))
    entries, schwarz, swapped, conditions = {}, {}, {}, []
    for (i, j), (ij, ji) in index.second_derivatives(symbols).items():
        value = textbook(bounded(ij, Words("error.what.second_partial")))
        # second partials of a function of several variables: partial derivatives, as the first are
        conditions.extend(replace(n, partial=True) if len(symbols) > 1 else n
                          for n in result_notes(f, symbols[j], ij, value))
        if value != 0:
            entries[(i, j)] = value
        if i != j:
            schwarz[(i, j)] = _same(ij, ji)
            # the other order, shown beside it (tidied again only where it is not plainly the same)
            other = value if ij == ji else textbook(bounded(ji, Words("error.what.second_partial")))
            if other != 0:
                swapped[(i, j)] = other
    # Steps for every second partial that involves a variable whose steps are shown, each mixed pair
    # in both orders: ∂²f/∂x∂y = ∂/∂x of ∂f/∂y needs ∂f/∂y's own steps too, so they are taken as well.
    second_steps = {}
    shown = {k for k, d in enumerate(grad.partials) if d.step is not None}
    pairs = _second_pairs(len(symbols), shown, {*entries, *swapped})
    for i in sorted({i for i, _ in pairs} - shown):
        grad.partials[i].step = derive_ours(f, symbols[i], others=frozenset(symbols),
                                            taken=(grad.name,) if grad.name else ())
    for i, j in pairs:
        # the first partial as its box shows it: a reader who sees ∂f/∂x = … there and another ∂f/∂x
        # in the heading of its derivative sees two answers (where the forms differ, the tidy one was
        # chosen as the simpler to go on with, as a textbook goes on from its answer)
        first = grad.partials[i].result
        second_steps[(i, j)] = derive(first, symbols[j], others=symbols, taken=(grad.name,) if grad.name else ())
    out = HessianResult(f, symbols, grad, entries, schwarz, second_steps, input=grad.input,
                        warnings=merge(grad.warnings, conditions), name=grad.name, params=grad.params,
                        swapped=swapped)
    if at is not None:
        out.point, notes = _point(at, names, [f], grad.input)
        out.warnings = merge(out.warnings, notes)
        kinked = kinks([f], out.point)  # once: the values and the test both ask
        out.value = _hessian_at(f, grad, entries, out.point, grad.name or "f", kinked)
        out.test = None if kinked else _test_at(out)
        if out.test is None:  # said, not left out silently: a reader looks for the verdict on the point
            out.warnings = merge(out.warnings, [_test_skipped(len(out.vars), kinked)])
    if check:
        claims = [(sympy.Add(*_terms_with_both(index, symbols[i], symbols[j])), (symbols[i], symbols[j]), e)
                  for (i, j), e in entries.items()]
        if len(symbols) <= ZEROS_CHECKED:
            # the entries that are 0 because no term holds both variables are claims too: each is compared
            # with f's own central differences (a term of both would show), so "agree" covers the matrix
            claims += [(f, (symbols[i], symbols[j]), sympy.S.Zero) for i in range(len(symbols))
                       for j in range(i, len(symbols)) if (i, j) not in entries]
        elif not claims:  # a linear f of many variables: a few of its zeros, rather than no check at all
            claims = [(f, (v, v), sympy.S.Zero) for v in symbols[:3]]
        out.check = _check_all(claims, f, symbols)
    return out


def _second_pairs(n: int, shown: set[int], nonzero: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """(i, j), ∂/∂x_j of ∂f/∂x_i, for the second partials with x_i or x_j among the variables whose steps
    are shown. A Hessian small enough to list whole lists its zeros too; a bigger one lists only the
    pairs not 0 in either order (`nonzero`, keyed i <= j), so only they get steps."""
    small = n <= _HESSIAN_LISTED
    return [(i, j) for i in range(n) for j in range(n)
            if (i in shown or j in shown) and (small or (min(i, j), max(i, j)) in nonzero)]


# A Hessian of at most this many variables lists every second partial, zeros included (render.text.INLINE_MAX).
_HESSIAN_LISTED = 6


def _hessian_at(f: sympy.Expr, grad: GradientResult, entries: dict, point: dict, name: str,
                kinked: list) -> list[list[float]]:
    """The Hessian's value at point, each second partial where it exists (symdiff.scalar.smoothness). Where
    f is not smooth (`kinked`: its parts at a kink there), each first partial must exist too, and both
    orders of a mixed pair must agree (the matrix is shown once, as symmetric)."""
    symbols, firsts = grad.vars, [d.result for d in grad.partials]
    n = len(symbols)
    if kinked:
        for k, v in enumerate(symbols):
            derivative_at(f, (v,), (firsts[k],), point, name, kinked)
    cache = {}
    for (i, j), e in entries.items():
        cache[(i, j)] = derivative_value(f, (symbols[i], symbols[j]), (firsts[i], e), point, name, kinked)
        if i != j and kinked:
            other = derive(firsts[j], symbols[i]).result
            swapped = derivative_value(f, (symbols[j], symbols[i]), (firsts[j], other), point, name, kinked)
            if abs(swapped - cache[(i, j)]) > 1e-9 * (1 + abs(swapped)):
                raise DomainError(f"the mixed partials ∂²{name}/∂{symbols[j]}∂{symbols[i]} = {cache[(i, j)]:g} "
                                  f"and ∂²{name}/∂{symbols[i]}∂{symbols[j]} = {swapped:g} differ at "
                                  f"{describe(point)}: the Hessian is not symmetric there")
    return [[cache.get((min(i, j), max(i, j)), 0.0) for j in range(n)] for i in range(n)]


def _test_skipped(n: int, kinked: list) -> Note:
    """Why the second-derivative test was not taken at the point."""
    from .features.extrema import MOST_VARIABLES

    if kinked:
        return Note("test_skipped", "note.test_skipped.kink", {"parts": list(kinked[:3])})
    if n > MOST_VARIABLES:
        return Note("test_skipped", "note.test_skipped.size", {"n": n, "most": MOST_VARIABLES})
    return Note("test_skipped", "note.test_skipped.inexact", {})


def _test_at(result: HessianResult):
    """The second-derivative test at the point, where f has no kink there (at one, its formulas need
    not give the derivatives' values: the caller leaves the test out)."""
    from .features.extrema import second_derivative_test

    return second_derivative_test([d.result for d in result.gradient.partials], result.matrix, result.point,
                                  settled(result.expr))


def _terms_with_both(index: TermIndex, a: sympy.Symbol, b: sympy.Symbol) -> list[sympy.Expr]:
    return [t for t in index.terms_with(a) if b in t.free_symbols]


def _same(a: sympy.Expr, b: sympy.Expr) -> bool:
    if a == b or sympy.expand(a - b) == 0:
        return True
    return check_derivative(a, (), b).status == "agree"


@dataclass
class JacobianResult(Notebook):
    """The m×n Jacobian of f_1…f_m by x_1…x_n: entry (i, j) = ∂f_i/∂x_j, each with its steps."""

    functions: tuple[sympy.Expr, ...]
    vars: tuple[sympy.Symbol, ...]
    entries: tuple[tuple[Derivation, ...], ...]
    input: str | None = None
    point: dict | None = None
    value: list[list[float]] | None = None
    check: Agreement | None = None
    warnings: list[Note] = field(default_factory=list)  # see symdiff.scalar.notes
    names: tuple[str | None, ...] | None = None  # each function's name where the input defined it
    command: str = field(default="jacobian", repr=False)

    @property
    def matrix(self) -> list[list[sympy.Expr]]:
        return [[d.result for d in row] for row in self.entries]

    @property
    def exact_value(self) -> list[list[sympy.Expr]] | None:
        """The matrix at the point exactly, where an entry is not a whole number (see `exact_matrix`)."""
        return exact_matrix(self.matrix, self.point, self.value)

    def to_dict(self, *, steps: bool = True) -> dict:
        from .render.json import record

        return record(self, steps=steps)


def split_functions(text: str) -> list[str]:
    """'x*y; x + y; sin(x)' → the three functions (';' inside parentheses does not split)."""
    return [part for _, part in split_top_level(text, ";")]


@room_for_depth()
@plain_arguments
def jacobian(functions: str | Sequence[str | sympy.Expr], *, vars: Sequence[str] | None = None,
             at: str | Mapping | None = None, variables: Sequence[str] = (), steps: bool = True,
             check: bool = False) -> JacobianResult:
    vars, variables = to_names(vars), to_names(variables, "variables")
    names = vars + variables
    source = functions if isinstance(functions, str) else None
    if isinstance(functions, str):
        items = split_functions(functions)
    elif isinstance(functions, Sequence):
        items = list(functions)
    else:
        raise InputTypeError(f"functions must be text such as \"x*y; x + y\" or a list of expressions, "
                             f"not {type(functions).__name__}")
    exprs, defined, starts = [], [], []
    offset = 0
    for item in items:
        if isinstance(item, str) and not item.strip():
            raise ParseError("an empty function between ';'", offset + 1)
        try:
            given = read(item.strip() if isinstance(item, str) else item, names)
            operator_variables(given, (), partial=False)
            exprs.append(given.expr if given is not None else to_expr(item, names))
            defined.append(given)
            starts.append(offset + len(item) - len(item.lstrip()) if isinstance(item, str) else None)
        except ParseError as exc:
            if getattr(exc.message, "key", None) == "error.comma":  # "x*y, x + y": a list as Python writes it
                exc.message = Words("error.comma.functions", option=spelled("--vars x,y", 'vars="x,y"'))
            if isinstance(item, str) and exc.column is not None:
                lead = len(item) - len(item.lstrip())
                raise type(exc)(exc.message, exc.column + offset + lead) from None
            raise
        offset += (len(item) + 1) if isinstance(item, str) else 0
    params = {g.params for g in defined if g is not None and g.params}
    # u(x, y) = …; v(x, y) = …: the variables the definitions agree on, in their order.
    symbols = ordered_variables(exprs, vars or (next(iter(params)) if len(params) == 1 else None))
    for given, start, item in zip(defined, starts, items):
        try:
            not_by_its_name(given, symbols, item.strip() if isinstance(item, str) else None)
        except ParseError as exc:  # its column in the whole text, as every other error's
            raise ParseError(exc.message, None if start is None else exc.column + start) from None
    rows, raw_rows = [], []
    variables_of_f = frozenset(symbols)
    own_names = tuple(g.name for g in defined if g is not None and g.name)  # u and v of u(x, y) = …; v(x, y) = …
    for f in exprs:
        row = []
        raw_rows.append([])
        for var in symbols:
            step = derive(f, var, others=variables_of_f, taken=own_names)
            raw = answer(step, f, var)
            raw_rows[-1].append(raw)
            row.append(Derivation(f, var, step if steps else None, textbook(bounded(raw, f"∂/∂{var}")),
                                  variables_of_f))
        rows.append(tuple(row))
    out = JacobianResult(tuple(exprs), symbols, tuple(rows), input=source)
    out.warnings = merge(input_notes(exprs, symbols if vars else (), names, text=source),
                         *(_conditions(row, raws) for row, raws in zip(rows, raw_rows)))
    if any(g is not None and g.name is not None for g in defined):
        out.names = tuple(g.name if g is not None else None for g in defined)
    if at is not None:
        point, notes = _point(at, names, exprs, source)
        out.point, out.warnings = point, merge(out.warnings, notes)
        out.value = [_gradient_at(f, row, point, f"f{i + 1}") for i, (f, row) in enumerate(zip(exprs, rows))]
    if check:
        out.check = _check_all((d.expr, (d.var,), d.result, (out.names or ())[i:i + 1] and out.names[i] or f"f{i + 1}")
                               for i, row in enumerate(rows) for d in row)
    return out


# ---------------------------------------------------------------------------------------------
# Answers, implicit differentiation, directional derivatives, tangents


@room_for_depth()
def _as_typed(text: str | None, variables):
    """The answer as typed, for the views; None where it cannot be built (the verdict does not need it)."""
    from .scalar.parsing import as_typed

    if text is None:
        return None
    try:
        return as_typed(text, variables)
    except (SymdiffError, ValueError, TypeError, AttributeError, RecursionError):
        return None


@plain_arguments
def check(expr: str | sympy.Expr, wrt: str | Sequence[str], answer: str | sympy.Expr, *,
          variables: Sequence[str] = ()) -> "Verdict":
    """Is `answer` the derivative of `expr` by `wrt` (one variable, or several in turn)? 'right'
    only with a proof, 'wrong' with a point where the two provably differ, 'inconclusive' when
    neither was found. An unreadable expression or answer gives the verdict 'unreadable' with the
    parse error."""
    from .features.answers import Verdict, compare, diagnose

    variables = to_names(variables, "variables")
    source = expr if isinstance(expr, str) else None
    answer_text = answer if isinstance(answer, str) else None
    # The variables as one text ("x", or "x,y" for ∂²/∂y∂x), so that an error points into it.
    if isinstance(wrt, sympy.Symbol):
        wrt_text = wrt.name
    elif isinstance(wrt, str) or (isinstance(wrt, Sequence) and all(isinstance(w, str) for w in wrt)):
        wrt_text = wrt if isinstance(wrt, str) else ",".join(wrt)
    else:
        wrt_text = ",".join(to_names(wrt, "wrt"))
    wrt = []
    for offset, part in split_top_level(wrt_text, ","):
        try:
            wrt.append(parse_variable(part).name)
        except ParseError as exc:
            # a variable that does not read is most often the answer or f given in its place
            error = ParseError(Words("error.in.variable.order", error=exc.message),
                               None if exc.column is None else offset + exc.column)
            return Verdict(None, (), None, None, "unreadable", error=error, input=source, answer_text=answer_text,
                           unreadable_part="var", wrt_text=wrt_text)
    names = wrt + variables
    try:
        result = partial(expr, *wrt, variables=variables)
    except SymdiffError as exc:
        return Verdict(None, (), None, None, "unreadable", error=exc, input=source, answer_text=answer_text,
                       unreadable_part="expr", wrt_text=wrt_text, warnings=list(exc.notes))
    f, symbols = result.expr, result.wrt
    if result.name is None:  # the question is d/dx [xˣ], with no f: logarithmic differentiation lets y = xˣ
        for d in result.derivations:
            d.step.named = None
    try:
        given = to_expr(answer, names)
    except SymdiffError as exc:
        exc.message = Words("error.in.answer", error=exc.message)
        return Verdict(f, symbols, None, result.result, "unreadable", error=exc, input=source,
                       answer_text=answer_text, steps=result.steps, warnings=result.warnings,
                       unreadable_part="answer", wrt_text=wrt_text)
    verdict = Verdict(f, symbols, given, result.result, "right", input=source, answer_text=answer_text,
                      steps=result.steps, wrt_text=wrt_text, answer_typed=_as_typed(answer_text, names),
                      warnings=merge(result.warnings, input_notes([given], (), names), answer_notes(given, f, symbols)))
    from .scalar.parsing import typed_form  # f and the answer as typed: √x·√x is real only for x ≥ 0

    typed_f, typed_answer = typed_form(source, f), verdict.answer_typed
    comparison = compare(result.result, given, f if typed_f is None else _numbers_computed(typed_f),
                         b_typed=None if typed_answer is None else _numbers_computed(typed_answer))
    verdict.method, verdict.points = comparison.method, comparison.points
    if comparison.narrower is not None and comparison.equal is not False:
        # Equal where the answer is real is not equal: a teacher marks it right only there.
        verdict.warnings = merge(verdict.warnings, [Note("answer_domain", "note.answer_domain", comparison.narrower)])
        verdict.verdict = "inconclusive"
        return verdict
    if comparison.convention is not None:
        verdict.warnings = merge(verdict.warnings, [Note("answer_convention", "note.answer_convention",
                                                         comparison.convention)])
    if comparison.equal:
        return verdict
    if comparison.equal is None:
        # equal at every point tried, but that is not a proof; or no point tried where f is real and
        # defined, so no real derivative to compare with: undecided either way (the answer was read)
        verdict.verdict = "inconclusive"
        verdict.real_nowhere = comparison.points == 0 and not comparison.undecided
        return verdict
    verdict.verdict = "wrong"
    verdict.counterexample = comparison.counterexample
    last = result.derivations[-1]
    verdict.diagnosis = diagnose(last.step, last.var, last.expr, given, f)
    return verdict


@dataclass
class ImplicitResult(Notebook):
    """dy/dx from an equation left = right, the textbook way: with y = y(x), both sides differentiated
    by x (`derivatives`, step trees whose y is the function y(x)), the dy/dx terms collected and
    solved for (`solution`); then checked with F = left − right: dy/dx = −F_x/F_y. `sides` holds each
    side's partial derivatives by x and by y, of which F_x and F_y are made."""

    equation: str
    lhs: sympy.Expr
    rhs: sympy.Expr
    dx: sympy.Symbol
    dy: sympy.Symbol
    sides: tuple[tuple[Derivation, Derivation], tuple[Derivation, Derivation]]  # (∂/∂x, ∂/∂y) per side
    fx: sympy.Expr  # ∂(lhs - rhs)/∂x
    fy: sympy.Expr  # ∂(lhs - rhs)/∂y
    result: sympy.Expr
    input: str | None = None
    point: dict | None = None
    value: float | None = None
    on_curve: bool | None = None
    residual: float | None = None
    vertical: bool = False  # F_y = 0 at the point (on the curve): the tangent is vertical, dy/dx undefined
    singular: bool = False  # F_x = F_y = 0 there: no single tangent, dy/dx undefined
    check: Agreement | None = None
    warnings: list[Note] = field(default_factory=list)  # see symdiff.scalar.notes
    function: sympy.Expr | None = None  # y(x), as the derivation writes y
    derivatives: tuple = ()  # d/dx of each side with y = y(x) (symdiff.scalar.implicit.SideDerivative)
    solution: object = None  # collected, factored, solved (symdiff.scalar.implicit.Solution)
    command: str = field(default="implicit", repr=False)

    @property
    def F(self) -> sympy.Expr:
        """F(x, y) = left − right, whose partials check the result."""
        return self.lhs - self.rhs

    @property
    def dydx(self) -> sympy.Expr:
        """dy/dx, as the derivation writes it."""
        from .scalar.implicit import DependentDerivative

        return DependentDerivative(self.function, self.dx, evaluate=False)

    def to_dict(self, *, steps: bool = True) -> dict:
        from .render.json import record

        return record(self, steps=steps)


@room_for_depth()
@plain_arguments
def implicit(equation: str, dx: str = "x", dy: str = "y", *, at: str | Mapping | None = None,
             variables: Sequence[str] = ()) -> ImplicitResult:
    """dy/dx by implicit differentiation: with y = y(x), differentiate both sides by x (the chain rule
    gives every y-term a factor dy/dx), collect the dy/dx terms, factor and solve; the result is
    −F_x/F_y for F = lhs − rhs, which the views show as a check."""
    if not isinstance(equation, str):
        raise InputTypeError(f"the equation must be text such as \"x**2 + y**2 = 25\", not {type(equation).__name__}")
    x, y = to_symbol(dx), to_symbol(dy)
    if x == y:  # dx/dx = 1 whatever the equation: the derivation would contradict itself
        raise UsageError(Words("error.implicit.same", name=x.name))
    names = [x.name, y.name, *to_names(variables, "variables")]
    parts = split_top_level(equation, "=")
    if len(parts) != 2:
        raise ParseError(Words("error.implicit.equals"),
                         parts[2][0] if len(parts) > 2 else len(equation) + 1)
    sides = []
    for offset, text in parts:
        if not text.strip():
            raise ParseError(Words("error.implicit.side.empty"), offset + 1)
        try:
            sides.append(parse(text, names))
        except ParseError as exc:
            raise type(exc)(exc.message, None if exc.column is None else exc.column + offset) from None
    lhs, rhs = sides
    derivations = []
    for side in (lhs, rhs):
        pair = []
        for var in (x, y):
            step = derive(side, var)
            pair.append(Derivation(side, var, step, textbook(answer(step, side, var))))
        derivations.append(tuple(pair))
    fx = textbook(derivations[0][0].result - derivations[1][0].result)
    fy = textbook(derivations[0][1].result - derivations[1][1].result)
    notes = input_notes([lhs - rhs], (x, y), names)
    constants = tuple(sorted((lhs - rhs).free_symbols - {x, y}, key=natural_key))
    if constants:
        # x and y are the coordinates and every other letter a constant, said in every view: a reader
        # of x^2 + λy^2 = 1 could take λ for a second unknown
        notes.append(Note("implicit_constants", "note.implicit_constants" + ("" if len(constants) > 1 else ".one"),
                          {"x": x, "y": y, "names": constants}))
    if fy == 0:  # often because y is not in the equation at all (3xy = 1): the notes say so
        error = DomainError(Words("error.implicit.fy.zero", partial=f"∂F/∂{y.name}", x=x.name, y=y.name))
        error.notes = tuple(notes)
        raise error
    if (reason := no_real_point(lhs - rhs, x, y)) is not None:
        shown = equation.strip()  # the equation as given, shortened: it can be 2,000,000 characters long
        shown = shown if len(shown) <= 80 else shown[:77] + "…"
        error = DomainError(Words("error.implicit.no_point", x=x.name, y=y.name, equation=shown, reason=reason))
        error.notes = tuple(notes)
        raise error
    out = ImplicitResult(equation, lhs, rhs, x, y, tuple(derivations), fx, fy, textbook(-fx / fy), input=equation)
    out.warnings = notes
    y_of_x = dependent(y, x)
    out.function = y_of_x
    out.derivatives = tuple(differentiate_side(side, expr.xreplace({y: y_of_x}), x, y_of_x)
                            for side, expr in (("left", lhs), ("right", rhs)))
    out.solution = solve_for_derivative(*out.derivatives)
    if at is not None:
        point = to_point(at, names)
        out.point = point
        for (_, text), side in zip(parts, (lhs, rhs)):  # each side as read and as typed: ln x − ln x too
            if side.free_symbols <= set(point):
                require_defined(side, point, text, Words("error.what.equation"))
        residual = value_at(lhs - rhs, point, Words("error.what.equation"))
        out.residual, out.on_curve = residual, abs(residual) <= 1e-9 * (1 + abs(value_at(lhs, point, Words("error.what.equation"))))
        if out.on_curve:  # off the curve a textbook gives no slope: the views say F's value there instead
            _slope_at(out, point)
    return out


def _slope_at(out: ImplicitResult, point: dict) -> None:
    """dy/dx at a point of the curve; where F_y = 0 there the tangent is vertical, a textbook answer
    (`vertical`), not an error. The implicit function theorem needs F differentiable at the point."""
    F, x, y = out.lhs - out.rhs, out.dx, out.dy
    kinked = kinks([F], point)
    slope_x, slope_y = (derivative_value(F, (v,), (d,), point, "F", kinked) for v, d in ((x, out.fx), (y, out.fy)))
    require_differentiable(F, (x, y), point, "F", kinked)
    if slope_y == 0:  # with F_x = 0 too a singular point (the folium's node), with no one tangent
        out.vertical, out.singular = slope_x != 0, slope_x == 0
        return
    out.value = value_at(out.result, point) if not kinked else -slope_x / slope_y


@dataclass
class TangentResult(Notebook):
    """The tangent line (one variable), plane (two) or hyperplane of f at a point:
    L(x) = f(a) + ∇f(a)·(x - a), the linear approximation of f near a."""

    expr: sympy.Expr
    vars: tuple[sympy.Symbol, ...]
    point: dict
    value: sympy.Expr  # f(a), exact
    gradient: list[sympy.Expr]  # ∇f(a), exact
    tangent: sympy.Expr  # f(a) + Σ ∂_i f(a) (x_i - a_i), kept in that form
    expanded: sympy.Expr
    partials: tuple[Derivation, ...] = ()
    input: str | None = None
    warnings: list[Note] = field(default_factory=list)  # see symdiff.scalar.notes
    command: str = field(default="tangent", repr=False)
    name: str | None = None  # the name the input gave f (y = …, g(x) = …), which the views use throughout

    def to_dict(self, *, steps: bool = True) -> dict:
        from .render.json import record

        return record(self, steps=steps)

    @property
    def dependent(self) -> sympy.Symbol:
        """The name a textbook gives the graph's height: y over a line, z over a plane, w beyond;
        the next free letter where f already has that name as a variable."""
        taken = {v.name for v in self.expr.free_symbols} | {v.name for v in self.vars}
        first = {1: "y", 2: "z"}.get(len(self.vars), "w")
        order = ("y", "z", "w", "u", "v")
        names = itertools.chain(order[order.index(first):], ("h", "L"), (f"{first}_{k}" for k in itertools.count(1)))
        return sympy.Symbol(next(name for name in names if name not in taken))

    @property
    def point_slope(self) -> tuple[sympy.Expr, sympy.Expr]:
        """The tangent through its point, as a textbook first writes it: y − f(a) = f′(a)(x − a)
        (z − f(a) = f_x(a)(x − a) + f_y(a)(y − b) for a plane); the sides, each kept in that form."""
        with distribute(False):
            # Each term stays as written, (y − 2) too: evaluated, it merged into the sum (z − 2 = y + 2(x − 1) − 2).
            shifted = {v: sympy.Add(v, -self.point[v], evaluate=False) if self.point[v] != 0 else v
                       for v in self.vars}
            terms = [shifted[v] if m == 1 else sympy.Mul(m, shifted[v], evaluate=False)
                     for m, v in zip(self.gradient, self.vars) if m != 0]
            right = terms[0] if len(terms) == 1 else sympy.Add(*terms, evaluate=False) if terms else sympy.S.Zero
        return self.dependent - self.value, right

    @property
    def forms(self) -> list[tuple[sympy.Expr, sympy.Expr]]:
        """The tangent's equations in the order a textbook gives them: through the point, then solved
        for the height (y = mx + c); one where the two are the same (y = x at 0)."""
        through, solved = self.point_slope, (self.dependent, self.expanded)
        return [solved] if not through[1].free_symbols or through == solved else [through, solved]


def _exact_at(expr: sympy.Expr, point: dict, what: str, exact: sympy.Expr | None = None) -> sympy.Expr:
    """expr at point, exactly; `exact` when that value is already known (a derivative at a kink)."""
    if exact is None:
        value_at(expr, point, what)  # a clear domain error where it is undefined or not real
        exact = exactly_at(expr, point)
    exact = real_constant(exact)  # a known value too: ∛(-1) from a limit is the real root, -1
    return sympy.nsimplify(exact) if exact.is_Float else textbook(exact)


def _refuse_absent(point: dict, grad) -> None:
    """A coordinate f does not have would print in the point and then name an axis of the tangent
    itself ((1, 2, 3, 2) with z both a coordinate and the height): the command line needs fixing."""
    absent = sorted(s.name for s in point if s not in grad.expr.free_symbols and s not in grad.vars)
    if absent:
        raise UsageError(Words("error.tangent.absent", option=spelled("--at", "at="), names=", ".join(absent),
                               f=grad.name or "f", variables=", ".join(v.name for v in grad.vars)))


@room_for_depth()
@plain_arguments
def tangent(expr: str | sympy.Expr, *, at: str | Mapping, vars: Sequence[str] | None = None,
            variables: Sequence[str] = (), steps: bool = True) -> TangentResult:
    grad = gradient(expr, vars=vars, variables=variables, steps=steps)
    vars, variables = to_names(vars), to_names(variables, "variables")
    names = vars + variables
    point, notes = _point(at, names, [grad.expr], grad.input)
    _refuse_absent(point, grad)
    missing = [v.name for v in grad.vars if v not in point]
    if missing:
        error = missing_value(missing, [grad.expr], point)
        error.notes = tuple(merge(error.notes, grad.warnings))  # --vars y for x^2 + xy: y is inside xy
        raise error
    fa = _exact_at(grad.expr, point, Words("error.what.function"))
    # A tangent plane needs f differentiable at the point, not only formulas that have a value there.
    name = grad.name or "f"
    kinked = kinks([grad.expr], point)
    slopes = [_exact_at(d.result, point, f"∂{name}/∂{d.var}",
                        derivative_at(grad.expr, (d.var,), (d.result,), point, name, kinked=kinked))
              for d in grad.partials]
    require_differentiable(grad.expr, grad.vars, point, name, kinked)
    with distribute(False):
        line = sympy.Add(fa, *(m * (v - point[v]) for m, v in zip(slopes, grad.vars) if m != 0))
    return TangentResult(grad.expr, grad.vars, point, fa, slopes, line, sympy.expand(line),
                         grad.partials, input=grad.input,
                         warnings=merge(grad.warnings, notes), name=grad.name)


@room_for_depth()
@plain_arguments
def descend(expr: str | sympy.Expr, *, start: str | Mapping, lr: float = 0.1, steps: int = 100,
            tol: float = 1e-8, vars: Sequence[str] | None = None, variables: Sequence[str] = (),
            at: str | Mapping | None = None):
    """Gradient descent w ← w − lr·∇f from `start` ("x=3,y=2"), on the symbolic gradient.

    `at` ("x=2,y=3" or a mapping) holds names of f fixed at values: the data of a loss in w, b. The
    gradient is taken by the other variables (or `vars`), with the data held constant, and the run
    puts the data's values in.

    Raises ValueError for lr ≤ 0, tol < 0 or steps outside 1–10000 (before f is read), a usage
    error (`UsageError`, or `MissingValue` for a variable without a value) when `start` names
    something that is not a variable of f, leaves one out, or f has a name that is not among its
    variables, and DomainError where f has no gradient on the way."""
    from .features.descent import check_settings
    from .features.descent import descend as run

    lr, tol, steps = to_float(lr, "lr"), to_float(tol, "tol"), to_count(steps, "steps")
    check_settings(lr, tol, steps)
    data = data_point(expr, at, to_names(vars), to_names(variables, "variables"))
    if start is None:  # to_point lets None through (no point) for the commands where --at is optional
        raise InputTypeError("descend needs a start: text such as \"x=3,y=2\" or a mapping such as "
                             "{\"x\": 3, \"y\": 2}, not None")
    start = named_start(expr, start, to_names(vars), to_names(variables, "variables"), data)
    point = to_point(start, to_names(vars) + to_names(variables, "variables"))
    grad = gradient(expr, vars=vars or start_order(expr, data, variables, point), variables=variables, steps=False)
    vars, variables = to_names(vars), to_names(variables, "variables")
    both = sorted(s.name for s in point if s in data)
    if both:
        raise UsageError(both_given(both))
    if grad.expr.free_symbols <= set(point) | set(data):  # else run() says what is missing
        _typed_parts_real(grad.expr, {**point, **data}, grad.input, grad.name or "f")
    held = [e.xreplace(data) for e in (grad.expr, *grad.gradient)]
    result = run(held[0], held[1:], grad.vars, point, lr=lr, steps=steps, tol=tol, name=grad.name or "f")
    # the run computes with the data's values; the result states f and ∇f with the data as names
    result.expr, result.gradient, result.data = grad.expr, list(grad.gradient), data
    result.input = grad.input
    result.warnings = grad.warnings
    return result


def data_point(expr, at, vars: Sequence[str], variables: Sequence[str]) -> dict:
    """The names `at` holds fixed, with their values: each a name of f, none a variable to descend in,
    and each a finite number."""
    if at is None:
        return {}
    names = list(vars) + list(variables)
    data = to_point(at, names)
    given = read(expr, names)
    f = given.expr if given is not None else to_expr(expr, names)
    option = spelled("--at", "at=")
    for s, value in data.items():
        if s.name in vars:
            raise UsageError(f"{s.name} is given both as data to hold fixed ({option}) and as a variable to "
                             f"descend in ({spelled('--vars', 'vars=')}): give it in one of them")
        if s not in f.free_symbols:
            raise UsageError(f"{given.name if given is not None and given.name else 'f'} has no {s.name} to hold "
                             f"fixed ({option}); its names: {', '.join(sorted(x.name for x in f.free_symbols))}")
        if not value.is_number or not value.is_finite or not value.is_extended_real:
            raise UsageError(f"the value of {s.name} ({option}) must be a finite real number")
    return data


def both_given(names: Sequence[str]) -> str:
    return (f"{', '.join(names)} is given both a start ({spelled('--from', 'start=')}) and a value to hold "
            f"fixed ({spelled('--at', 'at=')}): a name is either descended in or data, so give it in one of them")


def named_start(expr, start, vars: Sequence[str], variables: Sequence[str], data: dict):
    """`start` as "x=3" where it is one number ("3", "-1/2") and f descends in one variable x: a
    starting point on a line needs no name. Anything else is returned as it is, for to_point to read
    or refuse."""
    if not isinstance(start, str) or "=" in start or "," in start:
        return start
    from .scalar.parsing import parse_input

    try:
        number = parse_input(start, ()).expr
        if not number.is_number:
            return start
        names = list(vars) or descended(expr, data, variables)
        if names is None:
            given = read(expr, [s.name for s in data] + list(variables))
            f = given.expr if given is not None else to_expr(expr, [s.name for s in data] + list(variables))
            names = [s.name for s in ordered_variables([f], given.params if given is not None and given.params
                                                       else None) if s not in data]
    except SymdiffError:
        return start  # f or the number cannot be read: the run says which, as before
    return f"{names[0]}={start.strip()}" if len(names) == 1 else start


def start_order(expr, data: dict, variables: Sequence[str], point: Mapping) -> list[str] | None:
    """The variables in the order the start gives them (w=0,b=0 descends in (w, b)): a reader who typed
    w first reads the first coordinate of every iterate as w, and sorting by name would swap them.
    A definition's parameters, f(b, w) = …, state an order of their own and keep it; a start that does
    not name exactly f's variables falls back to the usual order, for check_start to report."""
    names = [s.name for s in data] + list(to_names(variables, "variables"))
    given = read(expr, names)
    if given is not None and given.params:
        return descended(expr, data, variables)
    f = given.expr if given is not None else to_expr(expr, names)
    if set(point) != f.free_symbols - set(data):
        return descended(expr, data, variables)
    return [s.name for s in point]


def descended(expr, data: dict, variables: Sequence[str]) -> list[str] | None:
    """The variables descent moves when `vars` does not say: f's (or its definition's) other than the data."""
    if not data:
        return None
    names = [s.name for s in data] + list(to_names(variables, "variables"))
    given = read(expr, names)
    f = given.expr if given is not None else to_expr(expr, names)
    order = ordered_variables([f], given.params if given is not None and given.params else None)
    return [s.name for s in order if s not in data] or None


__all__ = ["Derivation", "DomainError", "GradientResult", "HessianResult", "JacobianResult", "ParseError",
           "ImplicitResult", "PartialResult", "SymdiffError", "TangentResult", "check", "gradient", "hessian",
           "descend", "implicit", "jacobian", "partial", "tangent"]
