"""Notes on an input that is read without error but may not say what its writer meant.

A derivative by a variable that does not occur in f is 0, which is right and almost never what was
asked: `partial "x^2 y" X` (names are case-sensitive), `partial "3xy" x` (`xy` is one name). And `I`
or `i`, the imaginary unit in SymPy's syntax, is an ordinary real variable here. The answer stands;
a note says why it may surprise (JSON `warnings`, a line on stderr in the human formats). The same
slips in a checked answer (`6xy^2`) or a point (`--at x=1,y=2` for `3xy`) get the same kinds of note;
where the slip makes the input fail (a value the point lacks), the notes go with the error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import re
from collections import Counter

import sympy
from sympy.polys.polyerrors import BasePolynomialError

from ..core.formula import log_to_base
from ..core.nodes import atoms, count_nodes, free_symbols, preorder

# Names that SymPy reads as the imaginary unit (I) and that users of Python-like syntax may mean so.
IMAGINARY_NAMES = ("I", "i")

# An expression up to this many nodes is named in a note; a larger one is called f.
SHOWN_NODES = 40


@dataclass
class Note:
    """A note of `kind` (variable_absent, variable_inside_name, imaginary_unit, zero_base, cancelled_factor,
    positive_base, root_domain, root_zero, sign_undefined, log_domain); its words are the
    message catalogue's `key` with `values` filled in, then each of the `hints` keys after a `;`."""

    kind: str
    key: str
    values: dict = field(default_factory=dict)
    hints: tuple[str, ...] = ()
    # said of a partial derivative (f has other variables, held constant): "the partial derivative
    # holds only where …", 편도함수 (a Korean teacher's word for it), where the catalogue has that variant
    partial: bool = False

    @property
    def message(self) -> str:
        """The note, in the current language (see `symdiff.core.messages.language`), its expressions
        in SymPy syntax (JSON's `warnings`)."""
        return self.words(sympy.sstr)

    def words(self, printer, capital: bool = False) -> str:
        """The note with its expressions printed by `printer` (a human view's notation); with `capital`,
        as a sentence of its own (a capital only where it begins with a word, not with x/|x|)."""
        from ..core.messages import EN, joined, message

        first = f"{self.key}.partial" if self.partial and f"{self.key}.partial" in EN else self.key
        return joined(*(message(key, printer, capital=capital and n == 0, **self.values)
                        for n, key in enumerate((first, *self.hints))))

    def to_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message}


# A note on the mathematics, where the derivative holds (a domain, a point with no derivative, a factor
# cancelled), is a caveat: a document sets it apart as one (주의, a warning callout). A note on how the
# input was read or on what was not done (a name read as one, a test not taken) is a plain remark (참고).
CAVEATS = frozenset({"zero_base", "cancelled_factor", "positive_base", "root_domain", "root_zero",
                     "sign_undefined", "log_domain", "answer_domain", "answer_convention"})


def label_key(note) -> str:
    """The catalogue's label for `note`: "caution" for a caveat, "note" for a remark."""
    return "caution" if getattr(note, "kind", None) in CAVEATS else "note"


# A loss with thousands of parameters has no glued product to warn of that is worth a walk over them.
GLUED_NAMES_MAX = 200


def _free(exprs: Iterable[sympy.Expr]) -> set[sympy.Symbol]:
    return free_symbols(exprs)


def _shown(exprs: Sequence[sympy.Expr]):
    """The expression to name in a note: itself when there is one and it is small, else f."""
    if len(exprs) == 1:
        for n, _ in enumerate(sympy.preorder_traversal(exprs[0]), 1):
            if n > SHOWN_NODES:
                break
        else:
            return exprs[0]
    return "f"


def _inside(var: str, name: str) -> bool:
    """Whether `var` is glued into the longer `name` (xy, x2, yx, xy_1 for x), so that the name may
    have been meant as a product. A part set off by `_` is a subscript and deliberate (x_1, a_x)."""
    return name != var and any(var in part and part != var for part in name.split("_"))


def _as_product(var: str, name: str) -> str | None:
    """`name` with `var` split out of it as a factor (xy → x*y, x2 → x*2, xy_1 → x*y_1), where the
    other factors are single letters or numbers; None for a word (theta is not t*he*t*a), and None for
    an indexed name (x0, x12, x_1: the usual names of a vector's entries, never meant as x*0)."""
    if re.fullmatch(re.escape(var) + r"_?\d+", name):
        return None
    parts = []
    for part in name.split("_"):
        if var in part and part != var:
            pieces = part.split(var)
            glued = [p for p in (q for k, piece in enumerate(pieces) for q in ((var, piece) if k else (piece,))) if p]
            if not all(p == var or len(p) == 1 or p.isdigit() for p in glued):
                return None
            part = "*".join(glued)
        parts.append(part)
    return "_".join(parts)


def _similar(var: str, names: Iterable[str]) -> list[str]:
    """Names the writer may have meant by `var`: the same but for case (X for x), or `var` with a
    subscript (x_1 for x)."""
    return sorted(n for n in names if n != var and (n.lower() == var.lower() or n.startswith(var + "_")))


def variable_notes(exprs: Sequence[sympy.Expr], variables: Iterable[sympy.Symbol],
                   free: set[sympy.Symbol] | None = None) -> list[Note]:
    """A note for each variable to differentiate by that does not occur in any of `exprs` (whose
    free symbols are `free`, when already known)."""
    notes = []
    for var in dict.fromkeys(variables):
        if free is None:
            free = _free(exprs)
        if var in free:
            continue
        names = {s.name for s in free}
        containing = sorted(n for n in names if _inside(var.name, n))
        if containing:
            key = "note.variable_inside_name" + (".one" if len(containing) == 1 else "")
            fix = _as_product(var.name, containing[0])
            notes.append(Note("variable_inside_name", key, {"var": var, "names": containing, "fix": fix},
                              ("note.product",) if fix else ()))
            continue
        similar = _similar(var.name, names)
        notes.append(Note("variable_absent", "note.variable_absent", {
            "var": var, "expr": _shown(exprs), "similar": similar}, ("note.similar",) if similar else ()))
    return notes


def imaginary_notes(exprs: Sequence[sympy.Expr], named: Iterable[str] = (),
                    free: set[sympy.Symbol] | None = None) -> list[Note]:
    """A note for I or i in `exprs`, unless the user named it as a variable (`partial "i^2" i`)."""
    names = {s.name for s in (_free(exprs) if free is None else free)} - set(named)
    return [Note("imaginary_unit", "note.imaginary_unit", {"name": name})
            for name in IMAGINARY_NAMES if name in names]


def zero_base_notes(exprs: Sequence[sympy.Expr]) -> list[Note]:
    """A note for each 0**u with a variable exponent: its derivative 0 holds only where u > 0 (see
    `symdiff.scalar.rules.ExpRule`)."""
    found = dict.fromkeys(p for e in exprs for p in atoms(e, sympy.Pow) if p.base is sympy.S.Zero and p.exp.free_symbols)
    return [Note("zero_base", "note.zero_base", {"expr": p, "exponent": p.exp}) for p in found]


# Conditions are looked for in results up to this many nodes: factoring a denominator costs more with
# size, and a gradient of thousands of partials has only small ones worth reading for a condition.
CONDITION_NODES = 400


def result_notes(f: sympy.Expr, var: sympy.Symbol, raw: sympy.Expr, answer: sympy.Expr) -> list[Note]:
    """The conditions the answer holds under that its printed form does not show: a factor the steps
    divide by (in the rules' result) that the textbook form cancelled, x − 1 in (x² − 1)/(x − 1);
    a base that logarithmic differentiation takes the logarithm of (xˣ, for x > 0); and sign(u), which is
    u/|u| and has no derivative behind it at u = 0; and ln u, defined only where u > 0 (ln|u|: u ≠ 0),
    where its derivative u′/u is a formula with values on both sides of 0."""
    if count_nodes(raw, CONDITION_NODES) > CONDITION_NODES or count_nodes(f, CONDITION_NODES) > CONDITION_NODES \
            or var not in f.free_symbols:  # a 0 for a variable f lacks has its own note
        return []
    # (f's own denominators are not compared: ∂²/∂x² x/(y + 1) = 0 drops y + 1 by differentiating, not by
    # cancelling, and the rules' result says what the steps divided by)
    return cancelled_notes([raw], answer, f) + positive_base_notes(f, var) + root_notes(f, var) + log_notes(f, var) \
        + sign_notes(answer)


def _denominator_factors(expr: sympy.Expr) -> dict:
    """The irreducible polynomial factors of the denominators in `expr` (bases of negative powers),
    each up to its sign (x − 1 and 1 − x are one), with the factor as first found."""
    found: dict = {}
    for power in sorted(atoms(expr, sympy.Pow), key=sympy.default_sort_key):
        if not (power.exp.is_number and power.exp.is_negative and power.base.free_symbols):
            continue
        base = power.base
        if not base.is_polynomial(*base.free_symbols):
            continue
        try:
            factors = sympy.factor_list(base)[1]
        except BasePolynomialError:  # x²/π² + 1: coefficients factor_list does not take
            continue
        for factor, _ in factors:
            # a factor that is never 0 (1 + x²) excludes no point
            if factor.free_symbols and not (factor.is_positive or factor.is_negative):
                key = factor if not factor.could_extract_minus_sign() else -factor
                found.setdefault(key, factor)
    return found


def cancelled_notes(before: Sequence[sympy.Expr], answer: sympy.Expr, f: sympy.Expr | None = None) -> list[Note]:
    """A note for each polynomial factor divided by in `before` that `answer` no longer divides by: the
    answer has a value where the factor is 0, and the steps that derived it have none. Said of the
    mathematics, as a teacher says it: where `f` itself divides by the factor, f is undefined there
    (x/y divides by y) although the formula is defined; otherwise differentiating brought the division in
    (the 1/x of ln x in x·ln x), and the derivative's unsimplified form is undefined there."""
    kept = _denominator_factors(answer)
    gone: dict = {}
    for expr in before:
        for key, factor in _denominator_factors(expr).items():
            if key not in kept:
                gone.setdefault(key, (factor, expr))
    notes = []
    for key, (factor, expr) in gone.items():
        condition = _nonzero(factor)
        values = {"factor": factor, "condition": condition, "zero": _zero(condition), "answer": answer}
        piece = _dividing(f, key) if f is not None else None
        if piece is not None:
            notes.append(Note("cancelled_factor", "note.cancelled", {**values, "piece": piece}))
        else:
            notes.append(Note("cancelled_factor", "note.cancelled.derived",
                              {**values, "piece": _dividing(expr, key) or expr}))
    return notes


def _dividing(expr: sympy.Expr, key: sympy.Expr):
    """The smallest part of `expr` that divides by the factor `key` (x/y in arctan(x/y), 1/(x − 1) in a sum),
    None if no part does."""
    for sub in sympy.postorder_traversal(expr):
        if isinstance(sub, (sympy.Mul, sympy.Pow)) and sub.free_symbols and key in _denominator_factors(sub):
            if isinstance(sub, sympy.Pow) and sub.base == key and sub.exp == -1:
                continue  # 1/y alone: the product it stands in (x/y) says what divides
            return sub
    return None


def _zero(condition):
    """factor = 0 as `_nonzero` writes factor ≠ 0: where the factor vanishes."""
    from ..core.messages import Condition

    zero = Condition(condition.lhs, "is", 0)
    zero.rhs = condition.rhs
    return zero


def _nonzero(factor: sympy.Expr):
    """factor ≠ 0, as x ≠ 1 where the factor is linear in its one variable."""
    from ..core.messages import Condition

    for s in sorted(factor.free_symbols, key=lambda s: s.name):
        polynomial = sympy.Poly(factor, s)
        a, b = polynomial.all_coeffs() if polynomial.degree() == 1 else (None, None)
        if a is not None and a.is_number:
            return Condition(s, "ne", -b / a)  # x ≠ y for x − y
    return Condition(factor, "ne", 0)


def positive_base_notes(f: sympy.Expr, var: sympy.Symbol) -> list[Note]:
    """A note for each f(x)**g(x) with both depending on `var`: logarithmic differentiation takes ln f,
    which needs f > 0 (unless f is positive wherever it is defined, as x² + 1 is)."""
    notes = []
    for power in sorted(atoms(f, sympy.Pow), key=sympy.default_sort_key):
        base, exponent = power.base, power.exp
        if var in base.free_symbols and var in exponent.free_symbols and not base.is_positive:
            notes.append(Note("positive_base", "note.positive_base",
                              {"power": power, "ln_base": sympy.log(base), "base": base}))
    return notes


def root_notes(f: sympy.Expr, var: sympy.Symbol) -> list[Note]:
    """A note for each root u^r in f, 0 < r < 1, with u depending on `var`: its derivative r·u^(r-1)
    divides by a power of u, so there is none where u = 0 (∛x, √x: a vertical tangent; x^(2/3): a
    cusp), as |x| and xˣ have theirs. An even root (√x, x^(3/4)) is also real only where u ≥ 0, and one
    in a denominator (1/√x, u^(−3/4)) is defined only where u > 0 (those notes come after the others)."""
    roots, reciprocals = [], []
    for power in sorted(atoms(f, sympy.Pow), key=sympy.default_sort_key):
        base, exponent = power.base, power.exp
        if not (exponent.is_Rational and not exponent.is_integer and var in base.free_symbols) or base.is_positive:
            continue
        if isinstance(base, sympy.Pow) and (base.exp * exponent).is_integer:
            continue  # √(x²) is |x|, ∛(x³) is x: no root left (|x| has its own note)
        if 0 < exponent < 1 and not base.is_negative:
            even = exponent.q % 2 == 0 and not base.is_nonnegative
            roots.append(Note("root_domain" if even else "root_zero", "note.root_domain" if even else "note.root_zero",
                              {"power": power, "base": base}))
        elif exponent < 0 and exponent.q % 2 == 0 and not base.is_nonnegative:
            # an even root in a denominator (1/√x, x^(−3/4)) is defined only where u > 0: beside another
            # term's "x ≠ 0" (∛(x²)), a reader took x < 0 to be allowed (read-11)
            reciprocals.append(Note("root_domain", "note.root_domain.reciprocal", {"power": power, "base": base}))
    return roots + reciprocals


def log_notes(f: sympy.Expr, var: sympy.Symbol) -> list[Note]:
    """A note for each ln u in f with u depending on `var` and not positive everywhere (x² + 1 is): ln u
    is defined only where u > 0, and ln|u| (or ln u²) only where u ≠ 0, but the derivative's formula
    (1/x for ln x and for ln|x|) says nothing of it, so a textbook writes the condition beside it."""
    notes = []
    # log₂ x is named as written, though SymPy holds it as ln x/ln 2; ln x·√x + log₁₀ x names ln x
    bases, written, seen = {}, Counter(), Counter()
    for node in preorder(f):
        if isinstance(node, sympy.log):
            seen[node.args[0]] += 1
        elif node.is_Mul and (found := log_to_base(node)):
            for arg, base, m in found[1]:
                bases[arg] = base
                written[arg] += 1
    # (a power of one ln u may hold two bases, (ln x)²/(ln 2·ln 3): then it is written more often than seen)
    bases = {arg: base for arg, base in bases.items() if written[arg] >= seen[arg]}
    for log in sorted(atoms(f, sympy.log), key=sympy.default_sort_key):
        u = log.args[0]
        if var not in u.free_symbols or u.is_positive:
            continue
        named = log / sympy.log(bases[u]) if u in bases else log
        notes.append(Note("log_domain", "note.log_domain", {"log": named, "condition": _log_condition(u)}))
    return notes


def _log_condition(u: sympy.Expr):
    """Where ln u is defined: v ≠ 0 for u = |v| or an even power of v (or any u ≥ 0), else u > 0, solved
    for the variable where u is linear in its one variable (x − 1 > 0 as x > 1)."""
    inner, relation = u, "gt"
    if isinstance(u, sympy.Abs):
        inner, relation = u.args[0], "ne"
    elif isinstance(u, sympy.Pow) and u.exp.is_integer and u.exp.is_even and u.exp.is_positive:
        inner, relation = u.base, "ne"
    elif u.is_nonnegative:
        relation = "ne"
    return solved(inner, relation)


def solved(inner: sympy.Expr, relation: str):
    """The condition `inner` (relation) 0, solved for the variable where `inner` is linear in its one
    variable (2x − 5 > 0 as x > 5/2, 1 − x > 0 as x < 1), else as it stands."""
    from ..core.messages import Condition

    if len(inner.free_symbols) == 1:
        (s,) = inner.free_symbols
        if inner.is_polynomial(s) and sympy.degree(inner, s) == 1:
            a, b = sympy.Poly(inner, s).all_coeffs()
            if a.is_number and b.is_number:
                if relation == "gt" and a.is_negative:
                    relation = "lt"
                return Condition(s, relation, -b / a)
    return Condition(inner, relation, 0)


def condition(note: Note):
    """Where the answer a caveat qualifies holds, as an answer key writes it beside the answer (x > 5/2
    for √(2x − 5)); None for a note that states no such condition."""
    values = note.values
    if note.kind in ("cancelled_factor", "log_domain"):
        return values["condition"]
    if note.kind in ("root_domain", "positive_base"):
        return solved(values["base"], "gt")
    if note.kind == "root_zero":
        return solved(values["base"], "ne")
    if note.kind == "sign_undefined":
        return solved(values["u"], "ne")
    return None


def sign_notes(answer: sympy.Expr) -> list[Note]:
    """A note for each sign(u) in the answer: it stands for u/|u| (the derivative of |u|), which has no
    value at u = 0 (SymPy's sign(0) = 0 is not a derivative there)."""
    return [Note("sign_undefined", "note.sign",
                 {"sign": s, "ratio": s.args[0] / sympy.Abs(s.args[0]), "u": s.args[0]})
            for s in sorted(atoms(answer, sympy.sign), key=sympy.default_sort_key)
            if s.args[0].free_symbols and not _joins_at_zero(answer, s.args[0])]


def _joins_at_zero(answer: sympy.Expr, u: sympy.Expr) -> bool:
    """Whether the answer's two sides, u > 0 and u < 0, meet at u = 0 with one finite value, for u a
    variable: then f′ has a limit there, f (continuous) has that derivative at 0, and "no derivative
    at x = 0" would be false (|x|³, x·|x|: f′(0) = 0). A sum or product u keeps its caveat."""
    if not u.is_Symbol:
        return False
    values = []
    for side in (1, -1):
        branch = answer.xreplace({sympy.sign(u): side, sympy.Abs(u): side * u})
        try:
            at_zero = sympy.cancel(branch).xreplace({u: sympy.S.Zero})
        except (TypeError, ValueError, ZeroDivisionError, sympy.PolynomialError):
            return False
        if not at_zero.is_finite or at_zero.has(sympy.nan, sympy.zoo):
            return False
        values.append(at_zero)
    return sympy.simplify(values[0] - values[1]) == 0


# `1/2x`: a number after a slash with a name or a bracket glued to it, the product written without *
# (1/2 x, with a space, is how ½x is typed, and gets no note).
_DIVIDED_BY_A_PRODUCT = re.compile(r"((?:[A-Za-z_0-9.]*\([^()]*\)|[A-Za-z_0-9.]+)\s*)?/\s*(\d+(?:\.\d+)?)([A-Za-z_]\w*|\([^()]*\))")


def division_notes(text: str | None) -> list[Note]:
    """A note where the text divides by a number with a factor glued to it (1/2x): it is read as
    written, left to right, (1/2)·x, where the writer of 1/2m in a loss meant 1/(2m)."""
    if not text or len(text) > DIVISION_TEXT_MAX:
        return []
    found = _DIVIDED_BY_A_PRODUCT.search(text)
    if found is None:
        return []
    numerator, number, factor = (found.group(1) or "").strip() or "1", found.group(2), found.group(3)
    return [Note("division_order", "note.division_order",
                 {"written": found.group(0).strip(), "read": f"({numerator}/{number})*{factor}",
                  "meant": f"{numerator}/({number}*{factor})"})]


# Longer text is data (a grader's batch line), read the same; the note is for people typing by hand.
DIVISION_TEXT_MAX = 2000


def input_notes(exprs: Sequence[sympy.Expr], variables: Iterable[sympy.Symbol] = (),
                named: Iterable[str] = (), text: str | None = None) -> list[Note]:
    """Every note on differentiating `exprs` by `variables`; `named` are the names the user gave as
    variables (those are variables by intent, whatever SymPy would make of them)."""
    free = _free(exprs)  # once: a loss with thousands of parameters is a long walk
    return (variable_notes(exprs, variables, free) + glued_notes(variables, named, free)
            + imaginary_notes(exprs, named, free) + zero_base_notes(exprs) + division_notes(text))


def glued_notes(variables: Iterable[sympy.Symbol], named: Iterable[str], free: set[sympy.Symbol]) -> list[Note]:
    """A note for each variable that occurs on its own and also glued into a name of letters (x and
    xy in xy + x): the name is held constant, so its x adds nothing to ∂f/∂x, silently unless said.
    Names with digits (x1, x2 beside x) and names the user declared are variables by intent."""
    names = {s.name for s in free} - set(named)
    notes = []
    for var in dict.fromkeys(variables):
        if var not in free or len(names) > GLUED_NAMES_MAX:
            continue
        glued = sorted(n for n in names if n.isalpha() and _inside(var.name, n) and _as_product(var.name, n))
        if glued:
            notes.append(Note("variable_inside_name", "note.variable_also_inside_name",
                              {"var": var, "names": glued, "fix": _as_product(var.name, glued[0])},
                              ("note.product",)))
    return notes


def answer_notes(answer: sympy.Expr, f: sympy.Expr, variables: Iterable[sympy.Symbol] = ()) -> list[Note]:
    """A note for each name in a derivative offered as the answer (`check`) that f does not have: a
    derivative has no variables f lacks, so such a name is a slip. Glued from f's variables (`6xy^2`
    for 6·x·y²), it says how to write the product; else it names f's variables (and any that look
    alike: X for x). I and i are left to the imaginary-unit note."""
    known = f.free_symbols | set(variables)
    names = {s.name for s in known}
    notes = []
    for name in sorted(s.name for s in answer.free_symbols - known if s.name not in IMAGINARY_NAMES):
        glued = sorted(v for v in names if _inside(v, name))
        if glued:
            fix = _as_product(glued[0], name)
            notes.append(Note("variable_inside_name", "note.answer_inside_name",
                              {"name": name, "expr": _shown([f]), "fix": fix}, ("note.product",) if fix else ()))
            continue
        similar = sorted(n for n in names if n.lower() == name.lower() or name.startswith(n + "_"))
        notes.append(Note("variable_absent", "note.answer_absent",
                          {"name": name, "expr": _shown([f]), "names": sorted(names) or ["none"], "similar": similar},
                          ("note.similar",) if similar else ()))
    return notes


def point_notes(exprs: Sequence[sympy.Expr], given: Iterable[str], option: str = "--at") -> list[Note]:
    """A note for each name a point gives (`option` x=1,y=2) that the expressions do not have: the
    likely reason a value they need is missing (`--at x=1,y=2` for `3xy`, whose one variable is xy)."""
    free = _free(exprs)
    names = {s.name for s in free}
    notes = []
    for var in dict.fromkeys(given):
        if var in names:
            continue
        if var == "e" and any(e.has(sympy.E) or e.has(sympy.exp) for e in exprs):  # exp(x) is eˣ
            given_names = ",".join(dict.fromkeys(given))
            notes.append(Note("variable_absent", "note.point_constant",
                              {"var": var, "option": option, "expr": _shown(exprs), "declare": f"--vars {given_names}"},
                              ("note.declare",)))
            continue
        containing = sorted(n for n in names if _inside(var, n))
        if containing:
            fix = _as_product(var, containing[0])
            notes.append(Note("variable_inside_name", "note.point_inside_name",
                              {"var": var, "option": option, "names": containing, "fix": fix},
                              ("note.product",) if fix else ()))
            continue
        similar = _similar(var, names)
        notes.append(Note("variable_absent", "note.point_absent",
                          {"var": var, "option": option, "expr": _shown(exprs), "similar": similar},
                          ("note.similar",) if similar else ()))
    return notes


def merge(*lists: Iterable[Note]) -> list[Note]:
    """The notes of several lists, each once, in order."""
    out: list[Note] = []
    for notes in lists:
        for n in notes:
            if n in out:
                continue
            same = next((i for i, o in enumerate(out) if _one_cancellation(o, n)), None)
            if same is None:
                out.append(n)
            else:  # each partial's own formula: one note of the formulas, not one note per formula
                values = {k: v for k, v in n.values.items() if k != "answer"}
                out[same] = Note(n.kind, n.key.removesuffix(".formulas") + ".formulas", values, n.hints)
    return out


def _one_cancellation(a: Note, b: Note) -> bool:
    """Whether `a` and `b` note one cancelled factor, of one part of f, for two formulas (a gradient's partials)."""
    if a.kind != "cancelled_factor" or b.kind != "cancelled_factor":
        return False
    if a.key.removesuffix(".formulas") != b.key.removesuffix(".formulas"):
        return False
    def rest(n):
        return {k: v for k, v in n.values.items() if k != "answer"}
    return rest(a) == rest(b)


__all__ = ["IMAGINARY_NAMES", "Note", "answer_notes", "cancelled_notes", "imaginary_notes", "input_notes", "merge",
           "log_notes", "point_notes", "positive_base_notes", "result_notes", "root_notes", "sign_notes", "variable_notes", "zero_base_notes"]
