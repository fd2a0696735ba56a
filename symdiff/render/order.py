"""The order a person reads a derivation in: a sum's terms as typed, a rule's result in the order of
its formula (issue 16).

SymPy stores and prints a sum or product in its own order, so the product rule's 2·x·sin(x) + x²·cos(x)
came back as x²·cos(x) + 2·x·sin(x), and the terms of x³ + sin(x) + eˣ were derived eˣ before sin(x).
`shown` copies a step tree for the human views: the same steps with the same results, each expression
and result only rearranged (terms and factors permuted, never otherwise rewritten: a shown result
rebuilds to the step's own) and a sum's terms in the order typed. JSON keeps the tree as derived.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
from contextvars import ContextVar

import sympy
from sympy import Add, Mul, Pow, S

from ..core.formula import _Written
from ..core.memo import ordered_terms, prints_negative
from ..core.nodes import count_nodes
from ..scalar.rules import CHAIN_LETTERS
from .notation import InOrder, Kept, _descending_polynomial, _typed_tree

# Past this many nodes an expression is shown as SymPy orders it: arranging costs a walk and a rebuild
# of each node, and a big loss's steps are read for their rules, not proofread term by term.
ARRANGED_NODES = 400


def _evaluated(expr):
    """`expr` rebuilt with SymPy's evaluation (an arranged or typed tree compares equal to what it
    stands for)."""
    if expr.is_Atom or not expr.args:
        return expr
    # _arranged evaluates a model's parts at every level it descends, the same subtrees again and again:
    # quadratic in the depth (a 40-deep composition spent half its rendering here). Keyed by identity,
    # not equality: SymPy 1.12 has 2.0·x == 2·x, whose evaluations print differently. The entry holds
    # the node itself, so its id is not reused while it is remembered.
    kept = _EVALUATED.get(id(expr))
    if kept is not None and kept[0] is expr:
        return kept[1]
    if isinstance(expr, Kept):
        value = expr.value
    elif isinstance(expr, InOrder):
        value = _evaluated(expr.args[0])
    elif isinstance(expr, _Written):
        value = _evaluated(expr.doit())
    else:
        value = expr.func(*map(_evaluated, expr.args))
    if len(_EVALUATED) >= _EVALUATED_MOST:
        _EVALUATED.clear()
    _EVALUATED[id(expr)] = (expr, value)
    return value


_EVALUATED: dict[int, tuple] = {}
_EVALUATED_MOST = 20_000


def _bare(expr):
    """`expr` without its InOrder wrappers, for a model to match against: a Kept c·(a + b) stays, the
    model's part that a result's multiplied-out sum is matched to (`_arranged`)."""
    if isinstance(expr, Kept):
        return expr
    if isinstance(expr, InOrder):
        return _bare(expr.args[0])
    if expr.is_Atom or not expr.args:
        return expr
    args = [_bare(a) for a in expr.args]
    if all(a is b for a, b in zip(args, expr.args)):
        return expr
    return _rebuilt(expr, args)


def _rebuilt(expr, args):
    try:
        return expr.func(*args, evaluate=False)
    except TypeError:  # a class that is never evaluated on construction takes no such flag
        return expr.func(*args)


def _parts(model, kind) -> list:
    """The terms (kind Add) or factors (Mul) of `model`, a nested unevaluated sum or product read flat."""
    if model is None:
        return []
    if not isinstance(model, kind):
        return [model]
    out = []
    for arg in model.args:
        out.extend(_parts(arg, kind) if isinstance(arg, kind) else [arg])
    return out


def _default_order(expr) -> list:
    """The order the human printers give `expr`'s terms or factors, a product's as a textbook writes
    its functions (`_textbook_factors`)."""
    if expr.is_Mul:
        return _textbook_factors(_printers_factors(expr))
    if expr.is_Add:
        terms = list(ordered_terms(expr))
        # a positive term first, as the printers put it (and, as they do, not in a descending polynomial)
        if terms and prints_negative(terms[0]) and not _descending_polynomial(terms):
            first = next((i for i, t in enumerate(terms) if not prints_negative(t)), None)
            if first is not None:
                terms = [terms[first], *terms[:first], *terms[first + 1:]]
        return terms
    return list(expr.args)


def _printers_factors(expr) -> list:
    # SymPy's own order splits −2 into −1 and 2, which would print as −1·2
    coefficient, rest = expr.as_coeff_Mul()
    factors = list(rest.as_ordered_factors()) if rest.is_Mul else [rest]
    return factors if coefficient == 1 else [coefficient, *factors]


# A function a textbook writes before its partner at the same argument, where SymPy's sort puts it
# after: sec x tan x and −csc x cot x (the derivatives of sec and csc), sech x tanh x, csch x coth x.
_LEADS = {sympy.sec: sympy.tan, sympy.csc: sympy.cot, sympy.sech: sympy.tanh, sympy.csch: sympy.coth}


def factor_rank(f) -> int:
    """Where a textbook writes a factor of a product: its number; then constants and powers of numbers
    (π, √2, 2ˣ); symbols and their powers with a numeric exponent (x², √x); other powers (x^(y−1));
    eˣ; other functions (sin x, ln x, and their powers); sums, in brackets; and the logarithm of a number
    after everything, as the log rule's 1/(x ln a) sets it: 2x·eˣ·sin x·(x + 1), y·x^(y−1), 2ˣ ln 2,
    2x/((x² + 1) ln 10). (Before a sum, ln 10 would keep its brackets: ln(10)(x² + 1).)"""
    while isinstance(f, InOrder):
        f = f.args[0]
    if f.is_Number:
        return 0
    base, exp = f.as_base_exp() if f.is_Pow else (f, S.One)
    while isinstance(base, InOrder):
        base = base.args[0]
    if base.is_Add:
        return 6
    if isinstance(base, sympy.log) and base.args[0].is_Number and exp in (1, -1):
        return 7
    if isinstance(base, sympy.exp) or base is S.Exp1 and not exp.is_Number:
        return 4
    if base.is_Number or base.is_NumberSymbol:
        # a power of a number leads with a digit, as a coefficient does: after a letter it would run
        # into it (x 2ˣ reads as x₂ˣ in LaTeX), so it comes first with the constants, 2ˣ·x·ln 2
        return 1
    if base.is_Symbol:
        return 2 if exp.is_Number else 3
    return 5


# The first rank (`factor_rank`) whose factors a result writes in its rule's order: x^(y−1), eˣ, sin x, sums.
_FUNCTION_LIKE = 3


def factor_ranks(factors: list) -> list[int]:
    """Each factor's `factor_rank` in its product, where a sum in none of the other factors' letters is
    a coefficient and comes with the constants: −(1 − t)·ln(1 − p), (a + b)·sin x; a sum that shares
    them is part of the function and comes last, eˣ·(x + 2)."""
    ranks = [factor_rank(f) for f in factors]
    if ranks.count(6) and len(factors) > 1:
        letters = [f.free_symbols for f in factors]
        for i, rank in enumerate(ranks):
            others = set().union(*(letters[j] for j in range(len(factors)) if j != i))
            if rank == 6 and others and not letters[i] & others:
                ranks[i] = 1
    return ranks


def _textbook_factors(factors: list, key=None) -> list:
    """`factors` in a textbook's order (`factor_rank`), each rank in its given order (or `key`'s, a
    function of a factor's place), and each sec (csc, sech, csch), or a power of it, just before its
    partner at the same argument (`_LEADS`): 2·sec²(x)·tan(x), not 2·tan(x)·sec²(x)."""
    return [factors[i] for i in _textbook_places(factors, key)]


def _textbook_places(factors: list, key=None) -> list[int]:
    """The places of `factors` in the order `_textbook_factors` gives them."""
    ranks = factor_ranks(factors)
    out = sorted(range(len(factors)), key=lambda i: (ranks[i], key(i) if key else 0, i))
    if ranks.count(5) < 2:
        return out
    for i in list(out):
        base = factors[i].as_base_exp()[0]
        partner = _LEADS.get(type(base))
        if partner is None:
            continue
        at = next((k for k, j in enumerate(out) if isinstance(factors[j].as_base_exp()[0], partner)
                   and factors[j].as_base_exp()[0].args == base.args), None)
        if at is not None and at < out.index(i):
            out.remove(i)
            out.insert(at, i)
    return out


def _textbook_differs(expr) -> bool:
    """Whether a product in `expr` is written otherwise than SymPy's sort would print it."""
    for node in sympy.preorder_traversal(expr):
        if node.is_Mul:
            factors = _printers_factors(node)
            ranks = factor_ranks(factors)
            if ranks != sorted(ranks) or ranks.count(5) > 1 and _textbook_factors(factors) != factors:
                return True
    return False


def _one_variable_polynomial(terms: list) -> bool:
    free = set().union(*(t.free_symbols for t in terms))
    if len(free) != 1:
        return False
    var = next(iter(free))
    return all(t.is_polynomial(var) and len(Add.make_args(t)) == 1 for t in terms)


def _expanded_from(default: list, values: list, place: dict) -> None:
    """Place each term that matches no term of the model where the model term it was multiplied out
    of stands: (1·(1 − cos x) − x·sin x) simplifies to 1 − cos x − x·sin x, not −x·sin x + 1 − cos x
    (the one matched term first). A polynomial in one variable is left in descending powers, as a
    textbook collects it: 7x + 4, not 4 + 7x (its 4 from the steps' 4(x + 1), first)."""
    if _one_variable_polynomial(default):
        return
    expansions = [set(Add.make_args(sympy.expand(v))) for v in values]
    for i, part in enumerate(default):
        if i in place:
            continue
        j = next((j for j, terms in enumerate(expansions) if part in terms), None)
        if j is not None:
            place[i] = (j, None)


def _arranged(expr, model, factors: bool = True) -> tuple[sympy.Basic, bool]:
    """`expr` as an unevaluated tree whose every sum and product is in an explicit order: `model`'s
    where a term (with `factors`, also a factor) of it evaluates to one of `expr`'s, else the
    printers'; and whether that differs from the printers' order anywhere."""
    if expr.is_Atom or not expr.args:
        return expr, False
    if isinstance(model, Kept):
        if model.value == expr:  # a piece kept as its rule wrote it, 10·(5x + 2) for 50x + 20
            return model, True
        model = _bare(model.args[0])
    given, model = model, _matching(expr, model)
    if model is None:  # a part no rule wrote, a sum of f as typed in the answer: (w·x + b − y), σ(w·x + b)
        model = _TYPED_PARTS.get().get(expr)
    if not (expr.is_Add or expr.is_Mul):
        if model is not None and model.func == expr.func and len(model.args) == len(expr.args):
            pairs = [_arranged(a, m, factors) for a, m in zip(expr.args, model.args)]
        else:
            pairs = [_arranged(a, None, factors) for a in expr.args]
        if all(a is b for (a, _), b in zip(pairs, expr.args)):
            return expr, False
        held = [_held(a, expr) for a, _ in pairs]
        if expr.is_Pow and pairs[1][0].could_extract_minus_sign():
            # a negative exponent is left bare, its sign where the printers look for it: they set
            # the power as a denominator, 1/sin(x)^cos(x), not sin(x)^(−cos(x))
            held[1] = pairs[1][0]
        return _rebuilt(expr, held), any(changed for _, changed in pairs)
    default = _default_order(expr)
    models = _parts(model, type(expr))
    if expr.is_Add:
        default = _grouped(default, models)
    elif any(isinstance(m, Kept) and m.value not in default for m in models):
        # a number times a kept product, 3·(4·(2x − 5)·(x⁴ + 2)³), which SymPy holds as 3·(8x − 20)·(x⁴ + 2)³
        gathered = _gathered(models, expr)
        if gathered is not None:
            return gathered, True
    values = [_evaluated(m) for m in models]
    place: dict[int, tuple[int, object]] = {}
    for i, part in enumerate(default):
        j = next((j for j, v in enumerate(values) if v == part and j not in {p for p, _ in place.values()}), None)
        if j is not None:
            place[i] = (j, models[j])
    if expr.is_Mul and given is not None and given.is_Add:
        _factored_out(default, given, place)
    whole = len(place) == len(default)  # every term is one of the model's: its order is the reader's
    if expr.is_Add and not whole:
        _expanded_from(default, values, place)
    # matched parts in the model's order, the others after them in the printers'. A product whose
    # number the model does not write first keeps the printers' order: its number leads, and the
    # rest in the model's order would read as a new product (−2·exp(−x²)·x for exp(−x²)·(−2·x))
    order = sorted(range(len(default)), key=lambda i: (i not in place, place.get(i, (i,))[0], i))
    if expr.is_Mul and (not factors or default[0].is_Number and not (models and models[0].is_Number and 0 in place)):
        order = _typed_factors(default, place)
    if expr.is_Add and not whole and prints_negative(default[order[0]]) and not prints_negative(default[0]):
        # a simplified sum leads with a positive term, as the printers put it: p − t, not −t + p
        first = next(k for k, i in enumerate(order) if not prints_negative(default[i]))
        order = [order[first], *order[:first], *order[first + 1:]]
    pairs = [_arranged(default[i], place.get(i, (None, None))[1], factors) for i in order]
    if any(isinstance(a, Kept) for a, _ in pairs):
        if expr.is_Mul:
            gathered = _gathered([a for a, _ in pairs], expr)
            if gathered is not None:
                return gathered, True
        # a kept piece that is a factor after others is multiplied out; one that is a negative term after
        # others is written after its minus, 1 − 6·(x + 1) (a Kept alone would hide its sign from the
        # printers, which read each term's)
        pairs = [_arranged(a.value, None, factors) if isinstance(a, Kept) and expr.is_Mul
                 else (_minus_kept(a), c) if isinstance(a, Kept) and k and _kept_number(a) < 0
                 else (a, c) for k, (a, c) in enumerate(pairs)]
    changed = order != list(range(len(default))) or any(c for _, c in pairs) \
        or expr.is_Mul and default != _printers_factors(expr)
    return expr.func(*(_held(a, expr) for a, _ in pairs), evaluate=False), changed


def _minus_kept(kept):
    """−(c·(a + b)) for a Kept −c·(a + b): the same value, its minus where a sum's printer reads a sign."""
    factors = _parts(kept.args[0], Mul)
    positive = Mul(-factors[0], *factors[1:], evaluate=False) if factors[0] != -1 else Mul(*factors[1:], evaluate=False)
    return Mul(S.NegativeOne, Kept(positive, -kept.value), evaluate=False)


def _kept_number(kept) -> sympy.Expr:
    """The number a Kept's c·(a + b) leads with."""
    return _parts(kept.args[0], Mul)[0]


def _grouped(default: list, models: list) -> list:
    """A sum's terms (`default`) with the terms of each c·(a + b) kept among `models` taken
    back into one: SymPy's evaluation spreads 2·(x + 1) into its parent's sum, cos x + 2x + 2, which is
    shown cos x + 2·(x + 1) after the line above that gave 2·(x + 1)."""
    out = list(default)
    for m in models:
        if not isinstance(m, Kept) or not m.value.is_Add:
            continue
        spots = []
        for t in m.value.args:
            spot = next((i for i, d in enumerate(out) if d == t and i not in spots), None)
            if spot is None:
                break
            spots.append(spot)
        else:
            first = min(spots)
            out = [m.value if i == first else d for i, d in enumerate(out) if i == first or i not in spots]
    return out


def _gathered(factors: list, value) -> Kept | None:
    """A product whose `factors` (a model's or an arranged product's) hold a number and a sum (or a
    kept one), as a textbook writes it: the numbers multiplied into one in front, then the other
    factors in their order, 10·sin(x)·(5x + 2) and 10·(5x + 2)·(x⁴ + 2)³, standing for `value`,
    SymPy's product of the same (where it multiplied the number into the sum: (50x + 20)·sin(x)).
    Factors that are powers of one base are multiplied as SymPy multiplies them: 12·(2x − 3) times
    27·(2x − 3)⁴ is 324·(2x − 3)⁵, not 324·(2x − 3)·(2x − 3)⁴. None where there is no number but 1,
    or where the two are not equal (each taken apart by sympy.factor_terms, which only pulls out
    numbers and common factors)."""
    flat = []
    for f in factors:
        flat.extend(_parts(f.args[0], Mul) if isinstance(f, Kept) else _parts(_bare(f), Mul))
    bare = [_bare(f) for f in flat]
    number = Mul(*(b for b in bare if b.is_Number))
    if number == 1 or not number.is_Rational or not any(b.is_Add for b in bare) \
            and not any(isinstance(f, Kept) for f in factors):
        return None
    bases = [_evaluated(b).as_base_exp()[0] for b in bare if not b.is_Number]
    if len(set(bases)) < len(bases):
        more, rest = Mul(*(_evaluated(b) for b in bare if not b.is_Number)).as_coeff_Mul()
        number, flat = number * more, _textbook_factors(list(Mul.make_args(rest)))
        bare = [explicit(f) for f in flat]
        if number == 1:
            return None
    others = [InOrder(b) if b.is_Add else _held(b, S.One) for b in bare if not b.is_Number]
    written = Mul(number, *others, evaluate=False)
    try:
        if sympy.factor_terms(_evaluated(written)) != sympy.factor_terms(value):
            return None
    except _UNBUILT:
        return None
    return Kept(written, value)


def _held(part, parent):
    """`part`, an arranged child of `parent`, kept in its order however the printers take `parent`
    apart: a sum in its InOrder (a printer splitting a fraction rebuilds, and so reorders, the sums it
    holds: (x − 1)² came out (−1 + x)²), a product too unless it is a term of a sum (whose printer
    reads each term's sign, which an InOrder would hide)."""
    if part.is_Add or part.is_Mul and not parent.is_Add:
        return InOrder(part)
    return part


def _bracket(factor):
    """(the sum, its exponent) that a power of a sum is up to a number: 10x² − 4 and (2 − 5x²) are
    5x² − 2's bracket, once its number is taken out or its sign turned; None for another factor."""
    base, exponent = factor.as_base_exp()
    if not base.is_Add:
        return None
    primitive = base.as_content_primitive()[1]
    return (-primitive if primitive.could_extract_minus_sign() else primitive), exponent


def _factored_out(factors: list, model, place: dict) -> None:
    """A sum of the model's terms with a factor taken out, 2·(cosh 2x − csc² 2x + sec² 2x) for
    2·sec²(2x) + 2·cosh(2x) − 2·csc²(2x): its model is the model's terms divided by that factor."""
    for i, part in enumerate(factors):
        if part.is_Add and i not in place:
            rest = Mul(*factors[:i], *factors[i + 1:])
            place[i] = (len(factors), Add(*(Mul(m, 1 / rest) for m in _parts(model, Add)), evaluate=False))


def _matching(expr, model):
    """The part of `model` written for `expr`: `model` itself where it is the same kind of node, else
    the term or factor of it that is (cos(x + t)·1 for cos(t + x))."""
    if model is None or model.func == expr.func:
        return model
    if expr.is_Add and model.is_Mul:
        negated = _negated_sum(model)
        if negated is not None and _evaluated(negated) == expr:
            return negated
    if model.is_Add or model.is_Mul:
        parts = [p for p in _parts(model, model.func) if p.func == expr.func]
        return next((p for p in parts if _evaluated(p) == expr), None)
    return None


def _negated_sum(model):
    """−(a + b), typed, as the sum SymPy makes of it, −a − b, each term in its typed order: the typed
    −(t·ln p + (1 − t)·ln(1 − p)) is the model of −t·ln p − (1 − t)·ln(1 − p)."""
    factors = _parts(model, Mul)
    if len(factors) != 2 or factors[0] != S.NegativeOne or not _bare(factors[1]).is_Add:
        return None
    return Add(*(Mul(S.NegativeOne, t, evaluate=False) for t in _parts(_bare(factors[1]), Add)), evaluate=False)


def explicit(expr):
    """`expr` as an unevaluated tree in the printers' order, to build a model from."""
    if not isinstance(expr, sympy.Basic) or count_nodes(expr, ARRANGED_NODES) > ARRANGED_NODES:
        return expr
    if any(isinstance(node, InOrder) for node in sympy.preorder_traversal(expr)):
        return _bare(expr)  # arranged already: explicit throughout
    try:
        return _arranged(expr, None)[0]
    except _UNBUILT:
        return expr


_UNBUILT = (TypeError, ValueError, AttributeError, RecursionError, ZeroDivisionError)


def arranged(expr, model=None, factors: bool = True):
    """`expr` printed with its terms in `model`'s order (an expression that evaluates to it or to a part
    of it, written in the order wanted: a rule's formula with its pieces, the function as typed), and
    with `factors` its factors too, as an InOrder; `expr` itself where that order is the printers' own,
    or `expr` too big. A rule's result keeps the printers' factors, the textbook's 2·x·sin(x) and
    x·cos(x) (the quotient rule's cos(x)·x is its formula's g′·h, not how a result is written)."""
    if not isinstance(expr, sympy.Basic) or count_nodes(expr, ARRANGED_NODES) > ARRANGED_NODES \
            or model is None and not _TYPED_PARTS.get() and not _textbook_differs(expr):
        return expr
    try:
        tree, changed = _arranged(expr, None if model is None else _bare(model), factors)
    except _UNBUILT:  # a node that will not be rebuilt unevaluated (a function's own checks)
        return expr  # is shown as SymPy orders it
    if not changed:
        return expr
    return InOrder(tree) if tree.is_Add or tree.is_Mul else tree


def _typed_parts(typed) -> dict:
    """Each node of the typed tree by what it evaluates to: where a step's expression appears in it."""
    out: dict = {}
    if typed is None:
        return out
    stack = [typed]
    while stack:
        node = stack.pop()
        if node.is_Atom:
            continue
        try:
            out.setdefault(_evaluated(node), node)
        except (TypeError, ValueError):
            continue
        stack.extend(node.args)
    return out


# The textbook's form of a function rule's formula, at u, where SymPy's evaluation reorders it:
# d/du arctan u = 1/(1 + u²), not 1/(u² + 1).
def _one_plus_square(u):
    return Pow(Add(S.One, Pow(u, 2, evaluate=False), evaluate=False), -1, evaluate=False)


def _minus_one_plus_square(u):
    return Mul(S.NegativeOne, _one_plus_square(u), evaluate=False)


def _one_minus_square(u):
    return Add(S.One, Mul(S.NegativeOne, Pow(u, 2, evaluate=False), evaluate=False), evaluate=False)


WRITTEN = {
    sympy.atan: _one_plus_square,
    sympy.acot: _minus_one_plus_square,
    sympy.asin: lambda u: Pow(_one_minus_square(u), -S.Half, evaluate=False),
    sympy.acos: lambda u: Mul(S.NegativeOne, Pow(_one_minus_square(u), -S.Half, evaluate=False), evaluate=False),
    sympy.atanh: lambda u: Pow(_one_minus_square(u), -1, evaluate=False),
    sympy.acoth: lambda u: Pow(_one_minus_square(u), -1, evaluate=False),
}


def shown(step, typed=None, whole: bool = False):
    """A copy of `step`'s tree for the human views: each expression in the order of `typed` (the
    function as typed, scalar.parsing.typed_form) where it appears there, a sum's terms derived in that
    order, and each result in the order of its rule's formula filled in. Every copy has the same rule,
    variable and result as its step, only printed in that order. With `whole`, `typed` is the step's
    expression itself, as another line writes it, which a tree of its parts would not find: −2·(a + b)
    evaluated is −2a − 2b."""
    parts = _typed_parts(None if typed is None else _bare(typed))  # an InOrder side too
    if whole and typed is not None:
        parts[step.expr] = _bare(typed)
    twin = _shown(step, parts)
    _letters_in_order(twin)
    return twin


def _one_sum(model) -> tuple | None:
    """(the sum, the other factors) of a product with exactly one sum among its factors; else None."""
    if not isinstance(model, Mul):
        return None
    factors = _parts(model, Mul)
    sums = [i for i, f in enumerate(factors) if _bare(f).is_Add]
    if len(sums) != 1:
        return None
    return _bare(factors[sums[0]]), [f for k, f in enumerate(factors) if k != sums[0]]


def _letter_key(u) -> tuple:
    """Where a chain's letter comes in the order they are given out (scalar.rules._Context.fresh):
    u, v, w, then u_1, u_2, …"""
    name = u.name
    if name in CHAIN_LETTERS:
        return (0, CHAIN_LETTERS.index(name))
    tail = name.rpartition("_")[2]
    return (1, int(tail)) if tail.isdigit() else (2, name)


def _letters_in_order(twin) -> None:
    """The chains' letters given out again in the order the shown tree is read, outside in and first
    to last: the derivation names them in SymPy's order of a product's factors, and a product shown
    in the order typed read v, w in its first factor and u in its second. The same letters, each
    still used once; a renamed step's `renamed` maps its letters back to the derivation's."""
    chains = [t for t in twin.walk() if t.rule == "chain" and getattr(t, "u", None) is not None]
    letters = sorted((c.u for c in chains), key=_letter_key)
    mapping = {c.u: new for c, new in zip(chains, letters) if c.u != new}
    if not mapping:
        return
    back = {new: old for old, new in mapping.items()}
    with sympy.core.parameters.evaluate(False):  # each shown expression keeps its arrangement
        for node in twin.walk():
            changed = False
            # the instance's own values: a step's result is cached there (a property of the class)
            for name in ("expr", "var", "result", *_step_fields(node)):
                value = node.__dict__.get(name)
                if isinstance(value, sympy.Basic) and value.has(*mapping):
                    node.__dict__[name] = value.xreplace(mapping)
                    changed = True
            if changed:
                node.renamed = back


def _shown(step, typed: dict):
    subs = [_shown(s, typed) for s in step.substeps]
    if step.rule in ("sum", "product") and typed.get(step.expr) is not None:
        subs = _in_typed_order(subs, typed[step.expr], Add if step.rule == "sum" else Mul)
    twin = copy.copy(step)
    twin.__dict__.pop("result", None)
    twin.shown_of = step
    _replace_substeps(twin, step, subs)
    twin.expr = arranged(step.expr, _typed_model(typed, step.expr))
    try:
        model = _model(twin, step)
    except _UNBUILT:
        model = None
    kept = _kept(step, model)
    if kept is not None:
        twin.__dict__["result"] = kept
        return twin
    if step.result.is_Add and isinstance(model, Mul):
        model = _multiplied_out(model)
    twin.__dict__["result"] = arranged(step.result, model, factors=False)
    if step.rule == "sum":
        twin.added = _added(twin)
        twin.read_in_order(_written_terms(twin.expr))  # its name, for its terms as the claim writes them
    return twin


def _written_terms(expr) -> list:
    """A sum's terms in the order its line prints them: as typed (an InOrder), else the printer's, a
    positive term first (cos y − x, not −x + cos y)."""
    from .notation import InOrder, _unicode_printer

    if isinstance(expr, InOrder):
        inner = expr.args[0]
        return list(inner.args) if inner.is_Add else [inner]
    return _unicode_printer._as_ordered_terms(expr) if expr.is_Add else [expr]


def _added(twin):
    """A shown sum's terms' results written side by side, as the lines above gave them (a kept
    −6·(x + 1) after its minus): the closing line writes this before the sum collected, 1 − 6·(x + 1)
    before −6x − 5, where the two differ."""
    from ..core.formula import Terms

    terms = [s.result for s in twin.substeps if s.shown_of.result != 0]
    return Terms(*(_minus_kept(t) if k and isinstance(t, Kept) and _kept_number(t) < 0 else t
                   for k, t in enumerate(terms)))


def _kept(step, model) -> Kept | None:
    """A chain rule's (or a constant multiple's) number times a sum, 2·5·(5x + 2), as a textbook
    writes it, 10·(5x + 2), where SymPy multiplies the number into the sum as it builds the product
    (50x + 20): the line above would show it multiplied out only for the answer to factor it back.
    At every depth: the step above writes it as given here, and its own line follows from it."""
    if step.rule not in ("chain", "constant_multiple") or not step.result.is_Add or not isinstance(model, Mul) \
            or count_nodes(step.result, ARRANGED_NODES) > ARRANGED_NODES:
        return None
    return _gathered(_parts(model, Mul), step.result)


def _multiplied_out(model):
    """A product with one sum among its factors, as SymPy gives it when its other factors are a number:
    the chain rule's 2·(w·x + b − y)·1 is 2·w·x + 2·b − 2·y, its terms in the sum's order (SymPy's
    would be 2·b + 2·w·x − 2·y). `model` itself where it has no single sum to multiply out."""
    split = _one_sum(model)
    if split is None:
        return model
    total, others = split
    rest = [f for f in others if _evaluated(f) != 1]
    terms = [Mul(*rest, t, evaluate=False) if rest else t for t in _parts(total, Add)]
    return Add(*terms, evaluate=False)


def _typed_model(typed: dict, expr):
    """The typed part `expr` stands for: itself, or with its sign taken in (−(1 − t)·ln(1 − p), a
    term of the typed −(t·ln p + (1 − t)·ln(1 − p)), is (1 − t)·ln(1 − p) typed, negated)."""
    model = typed.get(expr)
    if model is None and expr.is_Mul and expr.could_extract_minus_sign():
        inner = typed.get(-expr)
        if inner is not None:
            model = Mul(S.NegativeOne, inner, evaluate=False)
    return model


def _in_typed_order(subs: list, typed, kind) -> list:
    """A sum's terms (a product's factors) in the order typed, each one found in `typed`."""
    places: dict = {}
    for j, part in enumerate(_parts(typed, kind)):
        places.setdefault(_evaluated(part), []).append(j)
    found = [places.get(s.shown_of.expr) for s in subs]
    order = [(spots.pop(0) if spots else len(subs), i) for i, spots in enumerate(found)]
    return [subs[i] for _, i in sorted(order)]


def _replace_substeps(twin, step, subs: list) -> None:
    """`twin`'s fields that hold substeps set to their copies among `subs` (a sum's in `subs`' order)."""
    copies = {id(t.shown_of): t for t in subs}
    for name in _step_fields(step):
        value = getattr(step, name)
        if isinstance(value, tuple) and value and hasattr(value[0], "substeps"):
            in_order = step.rule in ("sum", "product") and len(value) == len(subs)
            setattr(twin, name, tuple(subs) if in_order else tuple(copies[id(v)] for v in value))
        elif hasattr(value, "substeps") and id(value) in copies:
            setattr(twin, name, copies[id(value)])


def _step_fields(step) -> list[str]:
    return [f.name for f in dataclasses.fields(step) if f.name not in ("expr", "var")]


def _model(twin, step):
    """`step`'s result as its rule writes it, from the shown pieces: what the result is arranged after."""
    rule, subs = step.rule, twin.substeps
    if rule == "sum":
        return Add(*(explicit(s.result) for s in subs if s.shown_of.result != 0), evaluate=False)
    if rule == "product":
        exprs, results = [explicit(s.expr) for s in subs], [explicit(s.result) for s in subs]
        return Add(*(Mul(*exprs[:i], r, *exprs[i + 1:], evaluate=False) for i, r in enumerate(results)),
                   evaluate=False)
    if rule == "quotient":
        (g, dg), (h, dh) = ((explicit(s.expr), explicit(s.result)) for s in subs)
        return Mul(Add(Mul(dg, h, evaluate=False), Mul(S.NegativeOne, g, dh, evaluate=False), evaluate=False),
                   Pow(h, -2, evaluate=False), evaluate=False)
    if rule == "chain":
        from ..scalar.rules import _written_at

        return Mul(_written_at(explicit(twin.outer.result), twin.u, explicit(twin.inner.expr)),
                   explicit(twin.inner.result), evaluate=False)
    if rule == "constant_multiple":
        c, other = explicit(step.constant), explicit(twin.other.result)
        if isinstance(other, Kept):  # −1·2·(x + 1), kept: −2·(x + 1)
            return Mul(c, other, evaluate=False)
        # (not where dy/dx is a term: implicit differentiation gathers the dy/dx terms next, multiplied out)
        if c.is_Rational and abs(c) != 1 and len(_parts(_bare(other), Add)) > 1 \
                and not twin.other.shown_of.result.has(sympy.Derivative):
            # a number times the sum the line above gave stays c·(g′ + h′) (`_kept`), as the rule says it:
            # multiplied out, a tidy line would only take the number out again
            return Mul(c, other, evaluate=False)
        # −(g′ + h′), and a constant that is no number, are read multiplied out, as SymPy gives them
        return Add(*(Mul(c, t, evaluate=False) for t in _parts(other, Add)), evaluate=False)
    written = WRITTEN.get(type(step.expr))
    if written is not None and not step.substeps and step.expr.args == (step.var,):
        return written(step.var)
    return None


# The typed function's parts (`_typed_parts`) that a final answer's parts take their order from where no
# rule's formula gives one: 2·x·(w·x + b − y) for (w·x + b − y)², not 2·x·(b + w·x − y).
_TYPED_PARTS: ContextVar = ContextVar("typed_parts", default={})


# Where each sum of the typed function stands in it, in reading order: a final answer's powers of those
# sums are written in that order, (2x + 1)⁴·(x − 1)²·(16x − 7) for (2x + 1)⁵·(x − 1)³.
_TYPED_SUMS: ContextVar = ContextVar("typed_sums", default={})


def _typed_factors(default: list, place: dict) -> list:
    """A product's factors in the textbook's order (`_textbook_places`; `default` is in it), each rank
    in the order of the model's factors where they are its (3·(x³ − x)²·(3x² − 1) simplifies to the
    same, not 3·(3x² − 1)·(x³ − x)²), its powers of the typed function's sums in the order typed.
    Numbers, constants and symbols keep the printers' order, the alphabet's: 2·x·y, whichever the
    model wrote first (y·2·x, the constant y times ∂(x²)/∂x)."""
    at = _TYPED_SUMS.get()
    spots = [at.get(f.as_base_exp()[0]) for f in default]
    far = len(at) + len(default)

    ranks = factor_ranks(default)

    def key(i):
        if ranks[i] < _FUNCTION_LIKE:
            return (far, i)
        return (far if spots[i] is None else spots[i], place.get(i, (far,))[0])

    return _textbook_places(default, key)


def _answer(expr, model, typed):
    """A final answer arranged after `model`, its other parts after `typed` where they stand in it."""
    typed = None if typed is None else _bare(typed)
    sums: dict = {}
    for node in ([] if typed is None else sympy.preorder_traversal(typed)):
        if node.is_Add:
            sums.setdefault(_evaluated(node), len(sums))
    tokens = _TYPED_PARTS.set(_typed_parts(typed)), _TYPED_SUMS.set(sums)
    try:
        return arranged(expr, model, factors=False)
    finally:
        _TYPED_PARTS.reset(tokens[0])
        _TYPED_SUMS.reset(tokens[1])


def difference(expr, left, right):
    """`expr`, left − right (an implicit equation's F), with its terms in the order typed: the left
    side's, then the right side's with their signs changed (x³ + y³ − 6xy for x³ + y³ = 6xy)."""
    negated = [Mul(S.NegativeOne, t, evaluate=False) for t in _parts(_bare(right), Add) if _evaluated(t) != 0]
    return arranged(expr, Add(*_parts(_bare(left), Add), *negated, evaluate=False))


# The input of the result a view is showing (set by render.show): the function's typed form, that each
# of its derivations' steps are shown in the order of, is read from it; and the copies made, by derivation.
_SHOWING: ContextVar = ContextVar("showing", default=(None, {}))


@contextlib.contextmanager
def showing(result):
    token = _SHOWING.set((getattr(result, "input", None), {}))
    try:
        yield
    finally:
        _SHOWING.reset(token)


def _shown_derivation(d) -> tuple:
    text, made = _SHOWING.get()
    if id(d) not in made:
        # a derivation of another's result (a Hessian's of ∂f/∂x) in the order that result is written
        of = getattr(d, "of", None)
        whole = of is not None and of.result == d.expr
        typed = explicit(shown_result(of)) if whole else _typed_tree(text, d.expr)
        twin = shown(d.step, typed, whole)
        # the tidy form is the textbook's: its terms follow the steps, its factors the printers'
        if _written_value(twin.result) == d.result and _primitive_sums(twin.result):
            # as its last step wrote it (c·(a + b) kept, _kept), nothing tidied after; each kept part now
            # standing for the answer's own (2·sin(x)·(x + y), not the steps' (2x + 2y)·sin(x)), which a
            # Hessian's heading arranges the partial it differentiates after
            answer = _standing_for_itself(twin.result)
        elif _polynomial_multiplied_out(d.step.result, d.result):
            answer = d.result  # a polynomial multiplied out, by descending powers as SymPy and a textbook write it
        else:
            answer = _answer(d.result, explicit(twin.result), typed)
            answer = _in_line_order(answer, _tidied_from(d.step.result, d.result, twin.result), typed)
        made[id(d)] = (d, twin, answer)  # d kept: its id stays its own
    return made[id(d)][1:]


def _polynomial_multiplied_out(raw, expr) -> bool:
    """`expr` a sum of monomials in one variable (3x² + 2x + 2) that the tidy multiplied out of the steps'
    products of sums (the product rule over polynomials, scalar.tidy): following the steps' order would
    write 2 + 3x² + 2x. (A sum the steps wrote term by term keeps the order typed: 2 + 3x² for 3 + 2x + x³.)"""
    if not expr.is_Add or len(expr.free_symbols) != 1:
        return False
    (x,) = expr.free_symbols

    def products_of_sums(total):
        return any(f.is_Add or f.is_Pow and f.base.is_Add for t in Add.make_args(total) for f in Mul.make_args(t))

    return expr.is_polynomial(x) and not products_of_sums(expr) and products_of_sums(raw)


def _tidied_from(raw, tidy, shown_raw):
    """The last of the tidy lines (render.markup.tidy_lines) before a tidy answer, where that is a
    product as the answer is, as the views print it; else None."""
    if raw == tidy or not tidy.is_Mul:
        return None
    from .markup import _as_written, _planned, _reading, _reading_terms

    try:
        moves = _planned(_as_written(shown_raw, raw), tidy, _reading_terms(shown_raw))[0]
    except _UNBUILT:
        return None
    if not moves or not moves[-1].expr.is_Mul:
        return None
    return _bare(_reading(moves[-1].expr, moves[-1].kept))


def _in_line_order(answer, line, typed):
    """`answer`, a product, with its functions and brackets in the order `line` (the tidy line before
    it) has them: 2·x³·(x² − 1)²·(10x² − 4) is simplified to 4·x³·(x² − 1)²·(5x² − 2), not to
    4·x³·(5x² − 2)·(x² − 1)², a reordering no line explains. Each factor keeps its own arrangement;
    the powers of the typed function's sums keep their order among themselves (the order typed)."""
    if line is None or isinstance(answer, Kept):
        return answer
    node = answer.args[0] if isinstance(answer, InOrder) else answer
    if not node.is_Mul:
        return answer
    factors = list(node.args) if isinstance(answer, InOrder) else [explicit(f) for f in _default_order(node)]
    values = [_evaluated(f) for f in factors]
    marks = [(_evaluated(f), _bracket(_evaluated(f))) for f in _parts(line, Mul)]

    def at(v):
        return next((k for k, (w, b) in enumerate(marks) if w == v or b is not None and b == _bracket(v)), None)

    spots = [i for i, v in enumerate(values) if factor_rank(v) >= _FUNCTION_LIKE and at(v) is not None]
    typed = set() if typed is None else {_evaluated(n) for n in sympy.preorder_traversal(_bare(typed)) if n.is_Add}
    wanted = sorted(spots, key=lambda i: at(values[i]))
    kept_typed = iter([i for i in spots if values[i].as_base_exp()[0] in typed])
    wanted = [next(kept_typed) if values[i].as_base_exp()[0] in typed else i for i in wanted]
    if wanted == spots:
        return answer
    order = list(range(len(factors)))
    for slot, i in zip(spots, wanted):
        order[slot] = i
    return InOrder(Mul(*(_held(factors[i], S.One) for i in order), evaluate=False))


def _written_value(expr):
    """`expr`, a shown result, evaluated as it is printed: a Kept as what it writes (10·(5x + 2)), not as
    the sum it stands for."""
    if not isinstance(expr, sympy.Basic) or not expr.has(Kept):
        return None
    return _evaluated(expr.replace(lambda e: isinstance(e, Kept), lambda e: e.args[0]))


def _standing_for_itself(expr):
    """`expr` with each Kept standing for what it writes, evaluated, in place of the steps' form."""
    if isinstance(expr, Kept):
        return Kept(expr.args[0], _evaluated(expr.args[0]))
    if expr.is_Atom or not expr.args:
        return expr
    args = [_standing_for_itself(a) for a in expr.args]
    return expr if all(a is b for a, b in zip(args, expr.args)) else _rebuilt(expr, args)


def _primitive_sums(expr) -> bool:
    """Whether every kept c·(a + b) in `expr` has a sum with no number to take out: −6·(3x − 3) is
    tidied once more, to 18 − 18x, as a teacher would."""
    for kept in sympy.preorder_traversal(expr):
        if isinstance(kept, Kept):
            for f in _parts(kept.args[0], Mul):
                if _bare(f).is_Add and _bare(f).as_content_primitive()[0] != 1:
                    return False
    return True


def shown_step(d):
    """`d`'s step tree as the human views show it (`shown`)."""
    return _shown_derivation(d)[0]


def differentiated(second):
    """The first partial a Hessian's second derivation differentiates, as the root of its shown tree
    writes it, which is arranged as the first partial's answer is: the answer, the heading that names
    it and the first step read alike."""
    return shown_step(second).expr


def shown_result(d):
    """`d`'s result in the order its steps' result is shown in (the same expression, rearranged);
    as SymPy orders it where the derivation has no steps."""
    if d.step is None:
        # no steps to follow, but the sums the student typed still read as typed (w·x + b − y)
        return _typed_answer(d)
    return _shown_derivation(d)[1]


def final_result(result, expr=None):
    """A partial derivative's result (or `expr`, the form a view writes it in) as its last
    derivation's steps show it (`shown_result`), whether the steps are shown or not: an answer reads
    the same with --no-steps (a copy of its step tree is the price, about 2× a bare text batch's time)."""
    expr = result.result if expr is None else expr
    last = result.derivations[-1] if getattr(result, "derivations", None) else None
    if last is None or last.result != expr:
        return expr
    return shown_result(last)


def _typed_answer(d):
    typed = _typed_tree(_SHOWING.get()[0], d.expr)
    return d.result if typed is None else _answer(d.result, None, typed)


def typed_entries(entries, whole) -> list:
    """Expressions derived from `whole` without steps to follow (descend's ∇f entries), with the sums of
    `whole` as typed in the order typed: 2·x·(w·x + b − y) under f = (w·x + b − y)², as `grad` writes
    ∂f/∂w, not SymPy's 2·x·(b + w·x − y)."""
    typed = _typed_tree(_SHOWING.get()[0], whole)
    return list(entries) if typed is None else [_answer(e, None, typed) for e in entries]


def gradient_written(result) -> list:
    """∇f's entries as the views write them (`written`), each partial whose steps are shown in the
    order they show it, so that ∇f and ∂f/∂x above it read alike; with --no-steps (no partial has
    steps) the partials the steps would show are written as they would, one answer either way."""
    partials = result.partials
    if all(d.step is None for d in partials):
        from ..api import STEPS_SHOWN

        partials = [_derived(d, result) if i < STEPS_SHOWN else d for i, d in enumerate(partials)]
    return [shown_result(d) if w == d.result else w for d, w in zip(partials, result.written)]


def _derived(d, result):
    """`d` with the step tree the steps' view derives for it (api.gradient), made once per view: its
    answer is written in that tree's order."""
    from ..scalar.rules import derive_ours

    _, made = _SHOWING.get()
    key = ("derived", id(d))
    if key not in made:
        step = derive_ours(d.expr, d.var, others=d.others, taken=(result.name,) if result.name else ())
        made[key] = (d, dataclasses.replace(d, step=step))  # d kept: its id stays its own
    return made[key][1]


def hessian_written(result, steps: bool = True) -> list[list]:
    """H as the views write it: an entry whose second partial is derived above in the order its steps
    (or their tidy line) left it, so that H and the list of second partials read alike."""
    matrix = result.matrix
    if not steps or not result.second_steps:
        return matrix
    out = []
    for r, row in enumerate(matrix):
        written = []
        for c, e in enumerate(row):
            key = (min(r, c), max(r, c))
            d = result.second_derivation(*key) if key in result.second_steps else None
            written.append(shown_result(d) if d is not None and d.result == e else e)
        out.append(written)
    return out


def check_shown(v) -> tuple[list, object]:
    """A check's steps and its correct derivative as the human views show them: the steps in the order
    of the function as typed, as `partial` shows them, and the correct derivative quoted in the order of
    the last step's result, so that check and partial write one derivative alike."""
    _, made = _SHOWING.get()
    if id(v) not in made:
        typed = _typed_tree(v.input, v.expr) if v.expr is not None else None
        model, steps = typed, []
        for step in v.steps:  # a second derivative's step derives the first's result, shown as shown
            twin = shown(step, model)
            steps.append(twin)
            model = explicit(twin.result)
        correct = v.correct
        if correct is not None and steps:
            correct = _answer(correct, model, typed)
        made[id(v)] = (v, steps, correct)
    return made[id(v)][1:]


def shown_answer(e):
    """A practice exercise's answer as `partial` writes the same derivative's (`shown_result`): its terms
    after the steps' result, so that an answer reads alike on the worksheet and from partial
    (1 + (5x + 2)² there, (5x + 2)² + 1 here, read as two answers)."""
    twin = shown_exercise(e)
    if e.answer == e.step.result and _bare(twin.result).is_Mul and not e.answer.is_Mul:
        return twin.result
    typed = explicit(e.expr)
    answer = _answer(e.answer, explicit(twin.result), typed)
    return _in_line_order(answer, _tidied_from(e.step.result, e.answer, twin.result), typed)


def shown_exercise(e):
    """A practice exercise's step tree as the human views show it (`shown`): the exercise's expression
    is its own typed form, so its results follow their rules' formulas as a partial's do."""
    _, made = _SHOWING.get()
    if id(e) not in made:
        made[id(e)] = (e, shown(e.step, explicit(e.expr)))
    return made[id(e)][1]
