"""Textbook form for final results: 6*x*y**4, not 3*y**4*(2*x).

Step results stay exactly as their rules computed them (that is what makes each step checkable);
only the answer a derivation ends with is tidied here. `sympy.simplify` is deliberately not used:
it costs tens of milliseconds a result, imports half of SymPy, and rewrites sin(x)*cos(x) with
double-angle formulas no reader of the steps above would expect.

Two kinds of change: rewrites that are always simpler and equal on the reals (sign(u)/|u| → 1/u,
sin/cos → tan, sin² + cos² → 1, (x**5)**(1/3) → x**(5/3)), applied to every result; then a few
candidate forms (common factor out, one denominator, numerator multiplied out, factored), of which
`count_ops` picks one only when it is clearly shorter than the form the rules produced.
"""

from __future__ import annotations

import sympy

from ..core.formula import log_to_base
from ..core.memo import Memo, prints_negative
from ..core.nodes import BIG_SUM, count_nodes, degree_as_written, distinct, free_symbols, preorder
from .parsing import settled


def _nodes(expr: sympy.Expr) -> int:
    return count_nodes(expr)


def operations(expr: sympy.Expr) -> int:
    """The operations a reader sees, counted nearly as `sympy.count_ops` counts them (+, −, ·, /,
    powers, functions), in one walk: count_ops costs milliseconds a call. It differs on count_ops'
    quirks (exp(-u) is a division there), so it only judges the rewrites and screens candidates."""
    n = 0
    stack = [expr]
    while stack:
        node = stack.pop()
        if node.is_Atom:
            if node.is_Rational and not node.is_Integer:
                n += 1  # 1/2: a division
            continue
        args = node.args
        if node.is_Add:
            # x - 2*y is one subtraction: the sign its term counts (below) is taken back, and only a
            # sum of negative terms keeps one (-x - y).
            signed = sum(1 for a in args if a.is_Mul and a.args[0].is_Rational and a.args[0].p < 0)
            negative = signed + sum(1 for a in args if a.is_Number and a.is_negative)
            n += len(args) - 1 - signed + (negative == len(args))
        elif node.is_Mul:
            above = below = 0
            for a in args:
                if a.is_Rational:
                    above += a.p not in (1, -1)
                    below += a.q != 1
                    n += a.p < 0  # the sign
                    continue
                if a.is_Pow and a.exp.is_negative:
                    below += 1
                    n += a.exp != -1  # x**(-2): a power as well
                    stack.append(a.base)
                    if not a.exp.is_Integer:
                        stack.append(-a.exp)
                    continue
                above += 1
                stack.append(a)
            n += max(above - 1, 0) + max(below - 1, 0) + (below > 0)
            continue
        elif node.is_Pow:
            n += 1  # x**2, sqrt(x), or 1/x alone
            if node.exp.is_negative and node.exp.is_Number:
                if node.exp != -1:
                    n += 1
                stack.append(node.base)
                continue
        else:
            n += 1  # sin(x), Abs(x), ...
        stack.extend(args)
    return n


def _score(expr: sympy.Expr) -> tuple[int, int]:
    # Printed length would be the natural tie-break, but printing sorts terms (slow for big sums).
    # A fraction inside a sum counts as one more operation: a textbook clears it, (x² + 1)/2 and
    # (ln x + 2)/(2√x) rather than x²/2 + 1/2 and (ln x/2 + 1)/√x; and so (2x ln x + 1)e²ˣ/x rather
    # than (2 ln x + 1/x)e²ˣ. So does a fraction under a root: x/(|y|√(y² − x²)), not x/(y²√(1 − x²/y²)).
    # A polynomial cofactor left half multiplied out counts two more: a textbook multiplies it out,
    # y(x²y² + 4xy + 2)e^{xy}, not y(xy(xy + 1) + 3xy + 2)e^{xy}, unless that is longer still.
    # A sec, csc, tan or cot below a fraction bar counts one more: a textbook writes 1/sec x as cos x,
    # so sin x + sec x tan x rather than (sec² x + 1)/csc x.
    # A logarithm to a base is one function to its reader (log₂ x), though SymPy holds it as ln x/ln 2:
    # so x·log₂ x differentiates to log₂ x + 1/ln 2, as a textbook leaves it, not (ln x + 1)/ln 2.
    return (sympy.count_ops(expr) + _fractions(expr) + 2 * _half_expanded(expr) + _ratios_below(expr)
            - 2 * _logs_to_a_base(expr), _nodes(expr))


def _logs_to_a_base(expr: sympy.Expr) -> int:
    return sum(len(found[1]) for node in preorder(expr) if node.is_Mul and (found := log_to_base(node)))


def _ratios_below(expr: sympy.Expr) -> int:
    return sum(1 for node in preorder(expr)
               if node.is_Pow and node.exp.is_negative and type(node.base) in _IN_SINES)


def _fractions_in_sums(expr: sympy.Expr, roots: bool = False) -> int:
    """The rational coefficients in sums; with `roots`, the roots of fractions (√(1 − x²/y²)) too."""
    count = 0
    for node in preorder(expr):
        if node.is_Add:
            for term in node.args:
                c = term.as_coeff_Mul()[0]
                count += c.is_Rational and not c.is_Integer
        elif roots and node.is_Pow:
            count += _is_root_of_fractions(node)
    return count


def _sum_factors(product: sympy.Mul):
    for factor in product.args:
        if factor.is_Pow and factor.exp.is_positive:
            factor = factor.base
        if factor.is_Add:
            yield factor


def _has_a_denominator(term: sympy.Expr) -> bool:
    return any(f.is_Pow and f.exp.is_negative for f in sympy.Mul.make_args(term))


def _fractions_in_factors(expr: sympy.Expr) -> int:
    """The terms with a denominator (1/x, ln x/x) in sums that are factors of a product: a textbook
    puts (2 ln x + 1/x)·e²ˣ over one denominator. A big sum's count is worked out once: every partial
    of g(Σ exp(z_j)) holds the same sum, and a walk of it for each made a gradient quadratic."""
    count = 0
    stack = [expr]
    while stack:
        node = stack.pop()
        if len(node.args) >= BIG_SUM:
            count += _big_sum_fractions(node)
            continue
        count += _own_fractions(node)
        stack.extend(node.args)
    return count


def _own_fractions(node: sympy.Expr) -> int:
    """The terms with a denominator in the sums that are factors of `node`, if it is a product."""
    if not node.is_Mul or any(_variable_power(f) for f in node.args):
        # x^{sin x}(cos x ln x + sin x/x) is the form logarithmic differentiation gives, which a textbook keeps
        return 0
    return sum(_has_a_denominator(term) for total in _sum_factors(node) for term in total.args)


def _complex_fraction(expr: sympy.Expr) -> bool:
    """A fraction inside a fraction (번분수): a product with a denominator and a sum beside it with a term
    that has one, (x/(1 + x²) − arctan x)/x²."""
    return any(node.is_Mul and _has_a_denominator(node) and _own_fractions(node) for node in preorder(expr))


# A textbook never leaves a complex fraction: a form without one is taken where it is at most this many
# operations longer, (x − (1 + x²) arctan x)/(x²(1 + x²)) for (x/(1 + x²) − arctan x)/x² (read-12).
COMPLEX_FRACTION_SLACK = 6


def _variable_power(factor: sympy.Expr) -> bool:
    """A variable to a variable power, x^{sin x}: not e^u, not x², not 2^x."""
    return factor.is_Pow and not factor.base.is_number and not factor.exp.is_number


def _fractions_in_a_big_node(node: sympy.Expr) -> int:
    return _own_fractions(node) + sum(_fractions_in_factors(arg) for arg in node.args)


_big_sum_fractions = Memo(_fractions_in_a_big_node, size=256, largest=1, measure=lambda count: 1)


def _fractions(expr: sympy.Expr) -> int:
    return _fractions_in_sums(expr, roots=True) + _fractions_in_factors(expr)


# Results with at most this many nodes (2*w0, 8*w1 - 4) are left as they are: nothing shorter
# exists, and a gradient has thousands of them.
TINY = 7


# Results bigger than this are left as they are too: nobody reads a 5000-term partial for its form,
# and scoring candidates (count_ops) would cost more than the whole derivative.
HUGE = 3_000


def _has_denominator(expr: sympy.Expr) -> bool:
    return _DENOMINATOR in _kinds(expr)


# Markers in `_kinds`, beside the classes of the nodes.
_DENOMINATOR, _POWER_OF_POWER = "a power with a negative number for exponent", "a power of a power"
_HIGH_POWER_OF_A_SUM = "a sum to an integer power above _EXPANDED_POWER_TOTAL"
_ROOT_OF_FRACTIONS = "a root of a sum with a fraction in it"
_SAME_BASE = "a product of two powers of one number"
_RATIO_BELOW = "a sec, csc, tan or cot to a negative power"


def _kinds(expr: sympy.Expr) -> set:
    """The classes of the nodes of `expr`, and the markers above where such nodes are in it. A big
    sum's are worked out once: each partial of g(Σ exp(z_j)) holds the same 1000-term sum, and a walk
    of it for every partial made a gradient quadratic in its size."""
    found: set = set()
    for node in distinct([expr], stop=_is_big):
        if _is_big(node):
            found |= _big_sum_kinds(node)
            continue
        found.add(type(node))
        if node.is_Pow:
            if node.exp.is_number and node.exp.is_negative:
                found.add(_DENOMINATOR)
                if type(node.base) in _FLIPPED:
                    found.add(_RATIO_BELOW)
            if node.base.is_Pow:
                found.add(_POWER_OF_POWER)
            if node.base.is_Add and node.exp.is_Integer and abs(node.exp) > _EXPANDED_POWER_TOTAL:
                found.add(_HIGH_POWER_OF_A_SUM)
            if _is_root_of_fractions(node):
                found.add(_ROOT_OF_FRACTIONS)
        elif node.is_Mul and _powers_of_one_number(node):
            found.add(_SAME_BASE)
    return found


def _powers_of_one_number(product: sympy.Mul) -> bool:
    """Whether two factors are powers of one number (3^{x − x³}·3^{x³ − x}): SymPy keeps such powers
    apart when their exponents are not numbers, and a product of reciprocals then reads as an answer."""
    bases = [f.base for f in product.args if f.is_Pow and f.base.is_Number and not f.exp.is_Number]
    return len(bases) != len(set(bases))


def _is_big(node: sympy.Expr) -> bool:
    return len(node.args) >= BIG_SUM


def _kinds_of_a_big_sum(total: sympy.Expr) -> frozenset:
    found = {type(total)}
    for term in total.args:
        found |= _kinds(term)
    return frozenset(found)


_big_sum_kinds = Memo(_kinds_of_a_big_sum, size=256, largest=10**6)


def _shares_a_factor(expr: sympy.Expr) -> bool:
    """Whether factor_terms could pull something out: the terms of a sum share a factor, or a
    numeric gcd, or are all negative."""
    if not expr.is_Add:
        return any(_shares_a_factor(a) for a in expr.args if a.is_Add)
    coefficients, factor_sets = [], []
    for term in expr.args:
        c, rest = term.as_coeff_Mul()
        coefficients.append(c)
        # whole factors, not bases: 2x·sin x + x²·cos x is the product rule's textbook answer, which
        # x(2 sin x + x cos x) would hide (sharing x by base factored every such answer)
        factor_sets.append(set(sympy.Mul.make_args(rest)))
    if all(c.is_negative for c in coefficients):
        return True
    if all(c.is_Rational for c in coefficients) and sympy.igcd(*[c.p for c in coefficients]) > 1 \
            and len({c.q for c in coefficients}) == 1:
        return True
    return bool(set.intersection(*factor_sets) - {sympy.S.One})


def _candidates(expr: sympy.Expr):
    common = None
    if _shares_a_factor(expr):
        common = sympy.factor_terms(expr)
        yield common
        if common.is_Mul and _fractions_in_factors(common):
            yield sympy.together(common)
    if expr.is_Mul and _fractions_in_factors(expr):
        yield sympy.together(expr)
    # factor and cancel multiply a high power of a sum out and take it apart again: (x + y)^99 is 100
    # terms with 29-digit coefficients and seconds of work (an implicit derivative of (x + y)^200 = x
    # ran out of time), to give back what they were given.
    big_power = _HIGH_POWER_OF_A_SUM in _kinds(expr)
    small = not big_power and count_nodes(expr, _FACTORED_NODES) <= _FACTORED_NODES
    if small and _fractions_in_sums(expr):
        # fractions cleared out of the sums: (x² + 1)(9x² + 1)/(2√x) for (x²/2 + 1/2)(9x² + 1)/√x
        yield sympy.factor(expr)
    elif small and (_repeats_a_function_in_a_product(expr)
                    or common is not None and _repeats_a_function_in_a_product(common)):
        # the terms of one function value collected, as the losses of ML come out by hand:
        # x(σ − t) for −x(t(1 − σ) + (t − 1)σ), −(e^{z₂} + e^{z₃})/Σ for (−e^{z₁}e^{z₂} − e^{z₁}e^{z₃})e^{−z₁}/Σ
        yield sympy.factor(sympy.expand(expr))
    elif small and _factored_polynomial(expr):
        # a product rule over powers of sums, as a textbook finishes it: the common factors pulled out,
        # what is left multiplied out: 12(2x − 5)(x⁴ + 2)²(7x⁴ − 15x³ + 2) for
        # 12(2x − 5)(x⁴ + 2)²(x⁴ + 3x³(2x − 5) + 2), x(x³ − 1)²(11x³ − 2) (factor would split x³ − 1)
        common = sympy.factor_terms(expr) if common is None else common
        if common.is_Mul:
            yield sympy.Mul(*(sympy.expand(f) if f.is_Add else f for f in common.args))
    if small and _is_polynomial_sum(expr) and any(t.is_Mul and any(f.is_Add for f in t.args) for t in expr.args) \
            and not any(f.is_Pow and f.base.is_Add for t in expr.args for f in sympy.Mul.make_args(t)):
        # a product rule over polynomial factors, multiplied out as a textbook finishes it: 3x² + 4x − 5
        # for (x − 2)(x + 1) + (x − 2)(x + 3) + (x + 1)(x + 3) (read-12); the measure keeps a shorter form.
        # Powers of sums keep their common factors pulled out (below): −4x(1 − x²)²(2x² + 1), not
        # −8x⁷ + 12x⁵ − 4x with no line to show it (read-13)
        yield sympy.expand(expr)
    repeated = _functions_in_several_terms(expr) if small and expr.is_Add else []
    if repeated:
        # the terms of each function value collected, as a textbook finishes a second derivative:
        # 4x cos x + (2 − x²) sin x, not 4x cos x − x² sin x + 2 sin x
        yield sympy.collect(expr, repeated)
    if expr.is_Add and any(_content_in_a_factor(t) for t in expr.args):
        # each term's own common factor pulled out: 2x(wx + b − y) + w/50, not w/50 + x(2b + 2wx − 2y)
        yield sympy.Add(*(sympy.factor_terms(t) if _content_in_a_factor(t) else t for t in expr.args))
    for form in (expr, common) if small else ():
        if form is not None and _half_expanded(form):
            # a polynomial beside an exponential or a sine, multiplied out and its common monomial pulled
            # out: y(x²y² + 4xy + 2)e^{xy}, not y(xy(xy + 1) + 3xy + 2)e^{xy}
            yield sympy.factor_terms(_polynomials_expanded(form))
    kinds = _kinds(expr)
    if kinds & _HYPERBOLIC_RATIOS.keys() and any(a.is_Add for a in preorder(expr)):
        # in sinh and cosh over one denominator, where cosh² − sinh² = 1 can cancel: sinh·tanh + sech is cosh
        yield rewritten(sympy.together(expr.replace(lambda n: type(n) in _HYPERBOLIC_RATIOS,
                                                    lambda n: _HYPERBOLIC_RATIOS[type(n)](n.args[0]))))
    if small and len(kinds & _CIRCULAR) > 1 and _only_in_trig(expr) and _rational_in_trig(expr):
        yield from _trig_candidates(expr)
    if _DENOMINATOR not in kinds:
        return
    if _ROOT_OF_FRACTIONS in kinds:
        # a candidate, not a rewrite: √(1 − x²/y²)/y is shorter than |y|√(y² − x²)/y², and the measure
        # decides as for any other form
        yield rewritten(expr, check=False, node_rewrite=_clear_root_node)
    together = sympy.together(expr) if expr.is_Add else expr
    if together is not expr:
        yield together
    symbols = free_symbols([expr])  # gathered once: is_rational_function() would gather them again
    if symbols and not big_power and _is_rational_function(expr, symbols):
        # A rational function the way a textbook prints it: numerator multiplied out, denominator
        # factored: (x**2 - 2*x - 1)/(x - 1)**2.
        numerator, denominator = sympy.fraction(sympy.cancel(expr))
        denominator = sympy.factor(denominator)
        yield sympy.expand(numerator) / denominator
        # factor(expr) would cancel again: the cancelled parts are factored instead.
        yield sympy.factor(numerator) / denominator
        return
    # Over one denominator that is not a polynomial (2*sqrt(x)), the numerator multiplied out:
    # (15*x**4 + 12*x**2 + 1)/(2*sqrt(x)) for a product rule's three terms.
    numerator, denominator = sympy.fraction(together)
    if denominator is not sympy.S.One and numerator.is_Add and _expands_mildly(numerator):
        expanded = sympy.expand(numerator)
        if expanded != numerator:
            yield expanded / denominator


_CIRCULAR = frozenset({sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc})
_IN_SINES = {sympy.tan: lambda u: sympy.sin(u) / sympy.cos(u), sympy.cot: lambda u: sympy.cos(u) / sympy.sin(u),
             sympy.sec: lambda u: 1 / sympy.cos(u), sympy.csc: lambda u: 1 / sympy.sin(u)}
_BELOW = {sympy.cos: sympy.sec, sympy.sin: sympy.csc}


def _trig_mix(expr: sympy.Expr) -> bool:
    """A mix of trigonometric functions alone, where of two forms as long the one of fewer nodes reads
    as a textbook's: sin x + sec x tan x, not (sec² x + 1) sin x."""
    return len(_kinds(expr) & _CIRCULAR) > 1 and _only_in_trig(expr)


def _only_in_trig(expr: sympy.Expr) -> bool:
    """Whether every variable of `expr` is inside a sine, secant, ...: a mix of them alone. Beside a
    polynomial the quotient rule's form stays, (2x cos x + (x² + 1) sin x)/cos² x."""
    return not expr.replace(lambda n: type(n) in _CIRCULAR, lambda n: sympy.S.One).free_symbols


def _rational_in_trig(expr: sympy.Expr) -> bool:
    """Whether `expr` is a rational function of its sines, cosines, ...: no root, |·| or sign of a part
    with a variable. SymPy's trigsimp on a root of a trigonometric ratio, ∛(tan³ u) in sines and cosines,
    searches for minutes (futrig's factoring of every candidate), and sin² + cos² = 1 is for the
    rational case anyway."""
    for node in preorder(expr):
        if node.is_Pow and not node.exp.is_Integer and node.base.free_symbols:
            return False
        if isinstance(node, (sympy.Abs, sympy.sign)) and node.free_symbols:
            return False
    return True


def _trig_candidates(expr: sympy.Expr):
    """A mix of sec, csc, tan and cot as a textbook finishes it: written in sines and cosines, over one
    denominator, where sin² + cos² = 1 can cancel ((sec x − tan x)(sec x + tan x)/sec x is cos x); then
    back in tan and sec where those read shorter (sin x/cos² x as sec x tan x, 1 + 1/cos² x as 1 + sec² x).
    The measure decides, as for every candidate: a form the rules wrote stays unless this is shorter."""
    in_sines = expr.replace(lambda n: type(n) in _IN_SINES, lambda n: _IN_SINES[type(n)](n.args[0]))
    simplest = sympy.trigsimp(sympy.factor(sympy.together(in_sines)))
    reciprocal = simplest.replace(
        lambda n: n.is_Pow and type(n.base) in _BELOW and n.exp.is_Integer and n.exp < 0,
        lambda n: _BELOW[type(n.base)](n.base.args[0]) ** -n.exp)
    # sec² x before 1/cos² x: of two forms as short, the first offered stays
    # multiplied out first: sin x + sec x tan x, where sin·sec² cancels to a product of two, before (1 + sec² x) sin x
    if reciprocal.is_Mul:
        expanded = rewritten(sympy.expand(reciprocal))
        yield sympy.factor_terms(expanded)  # 3(sin x + sec x tan x), its number out again
        yield expanded
    yield rewritten(reciprocal)
    yield rewritten(simplest)


def _functions_in_several_terms(total: sympy.Add) -> list:
    """The function values (sin x, e^{2x}, ln x) that are a factor of two or more terms of the sum."""
    seen: dict = {}
    for term in total.args:
        for factor in {f.base if f.is_Pow else f for f in sympy.Mul.make_args(term)}:
            if isinstance(factor, sympy.Function) and not isinstance(factor, sympy.Abs):
                seen[factor] = seen.get(factor, 0) + 1
    return [f for f, n in seen.items() if n > 1]


_HYPERBOLIC_RATIOS = {
    sympy.tanh: lambda u: sympy.sinh(u) / sympy.cosh(u), sympy.coth: lambda u: sympy.cosh(u) / sympy.sinh(u),
    sympy.sech: lambda u: 1 / sympy.cosh(u), sympy.csch: lambda u: 1 / sympy.sinh(u),
}


def _content_in_a_factor(term: sympy.Expr) -> bool:
    """Whether a product has a sum whose terms share a number (x(2b + 2wx − 2y)): SymPy multiplies a
    number into a sum beside one other factor, 2·x·(…) survives only as three factors."""
    if not term.is_Mul:
        return False
    for factor in term.args:
        if factor.is_Add:
            coefficients = [t.as_coeff_Mul()[0] for t in factor.args]
            if all(c.is_Integer for c in coefficients) and sympy.igcd(*[int(c) for c in coefficients]) > 1:
                return True
    return False


def _is_polynomial_sum(node: sympy.Expr) -> bool:
    """A sum of products of symbols and rational numbers, to positive integer powers."""
    if not node.is_Add:
        return False
    for part in preorder(node):
        if part.is_Pow:
            if not (part.exp.is_Integer and part.exp > 0):
                return False
        elif not (part.is_Add or part.is_Mul or part.is_Symbol or part.is_Rational):
            return False
    return True


def _nested_sum(total: sympy.Add) -> bool:
    """Whether a term of the sum holds a sum of its own: xy(xy + 1) + 3xy + 2, half multiplied out."""
    return any(f.is_Add or (f.is_Pow and f.base.is_Add) for t in total.args for f in sympy.Mul.make_args(t))


def _half_expanded(expr: sympy.Expr) -> int:
    """How many polynomial sums, half multiplied out, are factors beside a function value (an
    exponential, a sine): a textbook multiplies such a cofactor out."""
    count = 0
    for node in preorder(expr):
        if node.is_Mul and any(isinstance(a, sympy.Function) or (a.is_Pow and isinstance(a.base, sympy.Function))
                               for a in node.args):
            count += sum(1 for a in node.args if _half_multiplied_polynomial(a))
    return count


def _half_multiplied_polynomial(factor: sympy.Expr) -> bool:
    """A polynomial sum half multiplied out, of a degree that multiplies out mildly."""
    return _is_polynomial_sum(factor) and _nested_sum(factor) and degree_as_written(factor) <= _EXPANDED_POWER_TOTAL


def _polynomials_expanded(expr: sympy.Expr) -> sympy.Expr:
    return expr.replace(lambda n: _is_polynomial_sum(n) and _nested_sum(n), sympy.expand)


def _is_rational_function(expr: sympy.Expr, symbols: set) -> bool:
    """expr.is_rational_function(*symbols), without sympifying every symbol again (a loss with 1000
    parameters, for each of its 1000 partials). A product is one when each factor is (as SymPy
    decides it): the small factors are asked first, so that exp(z_j) answers before a 1000-term sum
    is looked at."""
    if expr in (sympy.S.NaN, sympy.S.Infinity, sympy.S.NegativeInfinity, sympy.S.ComplexInfinity):
        return False
    if expr.is_Mul:
        factors = sorted(expr.args, key=lambda f: count_nodes(f, _FACTORED_NODES))
        return all(_is_rational_function(f, symbols) for f in factors)
    return expr._eval_is_rational_function(symbols)


# factor() over many generators is slow: only small results with a fraction in a sum are factored.
_FACTORED_NODES = 120

# Multiplying out before factoring is tried only where no power of a sum is higher than this: ((x + y)^60
# multiplied out is 61 terms with 18-digit coefficients, and factor takes seconds to undo it).
_EXPANDED_BEFORE_FACTOR = 6


def _factored_polynomial(expr: sympy.Expr) -> bool:
    """Whether `expr` is a polynomial with rational coefficients written with a sum inside a product
    or a power (2x(x + 1), (x⁴ + 2)²: the derivative of a factored polynomial), of degree at most
    _EXPANDED_POWER_TOTAL: the shape in which factor finds the common factors a textbook pulls out."""
    grouped = False
    for node in preorder(expr):
        if node.is_Pow:
            if not (node.exp.is_Integer and node.exp > 0):
                return False
            grouped = grouped or node.base.is_Add
        elif node.is_Function or (node.is_Number and not node.is_Rational) or node.is_NumberSymbol:
            return False
        elif node.is_Mul and not grouped:
            grouped = any(a.is_Add for a in node.args)
    return grouped and degree_as_written(expr) <= _EXPANDED_POWER_TOTAL


_EXPANDED_POWER_TOTAL = 24


def _repeats_a_function_in_a_product(expr: sympy.Expr) -> bool:
    """Whether a sum that is a factor of a product holds one function value (σ(u), e^z) in two or more
    of its terms, x(t(1 − σ) + (t − 1)σ), or a product of such values with a sum: the shapes in which
    multiplying out and factoring collects its terms. No power of a sum above _EXPANDED_BEFORE_FACTOR."""
    found = False
    for node in preorder(expr):
        if node.is_Pow and node.base.is_Add and (not node.exp.is_Integer or abs(node.exp) > _EXPANDED_BEFORE_FACTOR):
            return False
        if found or not node.is_Mul:
            continue
        for total in (a for a in node.args if a.is_Add):
            seen: set = set()
            for term in total.args:
                values = {f for f in preorder(term)
                          if isinstance(f, sympy.Function) or (f.is_Pow and f.base is sympy.E)}
                # one value in two terms, or a term that is a product holding a sum of such values
                # of exponentials ((e^{z₁} + e^{z₂} + e^{z₃})e^{z₁} − e^{2z₁}: multiplied out, e^{2z₁} cancels)
                nested = (term.is_Mul and any(a.is_Add for a in term.args)
                          and any(isinstance(v, sympy.exp) for v in values))
                if values & seen or nested:
                    found = True
                    break
                seen |= values
    return found


# Multiplying out (x + 1)**9 gives ten terms for two: only low powers of sums are expanded, and only
# in numerators of moderate size.
_EXPANDED_POWER = 4
_EXPANDED_NODES = 300


def _expands_mildly(expr: sympy.Expr) -> bool:
    if count_nodes(expr, _EXPANDED_NODES) > _EXPANDED_NODES:
        return False
    return not any(a.is_Pow and a.base.is_Add and not (a.exp.is_Integer and 0 < a.exp <= _EXPANDED_POWER)
                   for a in preorder(expr))


# ---------------------------------------------------------------------------------------------
# Rewrites that are always simpler and equal wherever the result is defined (real symbols, SymPy's
# principal roots, as everywhere in symdiff): applied before the candidates are scored.


def _rewritable(expr: sympy.Expr) -> bool:
    """Whether `expr` has anything `_rewrite_node` changes: sign, sin with cos, a power of a power."""
    return _rewritable_kinds(_kinds(expr))


def _rewritable_kinds(kinds) -> bool:
    """`_rewritable` of an expression whose `_kinds` are these."""
    return _POWER_OF_POWER in kinds or _SAME_BASE in kinds or _RATIO_BELOW in kinds or sympy.sign in kinds or {sympy.sin, sympy.cos} <= kinds \
        or any({a, b} <= kinds for a, b, _ in _TRIG_PAIRS) or bool(kinds & _SQUARES) or bool(kinds & _HYPERBOLIC)


# a·b = c for two trigonometric functions of one argument: tan·cot = 1, tan·csc = sec, ... Each
# identity holds wherever the left side is defined (the right side is defined there too), so a product
# of the two cancels to c where the original expression is defined. None for c = 1.
_TRIG_PAIRS = (
    (sympy.tan, sympy.cot, None), (sympy.sin, sympy.csc, None), (sympy.cos, sympy.sec, None),
    (sympy.tan, sympy.csc, sympy.sec), (sympy.cot, sympy.sec, sympy.csc),
    (sympy.tan, sympy.cos, sympy.sin), (sympy.cot, sympy.sin, sympy.cos),
    (sympy.cos, sympy.csc, sympy.cot), (sympy.sin, sympy.sec, sympy.tan),
    # the hyperbolic ones alike: cosh·tanh = sinh, as the derivative of cosh·tanh written out has it
    (sympy.tanh, sympy.coth, None), (sympy.sinh, sympy.csch, None), (sympy.cosh, sympy.sech, None),
    (sympy.tanh, sympy.csch, sympy.sech), (sympy.coth, sympy.sech, sympy.csch),
    (sympy.tanh, sympy.cosh, sympy.sinh), (sympy.coth, sympy.sinh, sympy.cosh),
    (sympy.cosh, sympy.csch, sympy.coth), (sympy.sinh, sympy.sech, sympy.tanh),
)
_HYPERBOLIC = frozenset({sympy.sinh, sympy.cosh, sympy.tanh, sympy.coth, sympy.sech, sympy.csch})
_KINDS = (sympy.sign, sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc, *_HYPERBOLIC)

# sin/cos is tan, and sinh/cosh is tanh (with cot and coth for the inverse ratio).
_RATIOS = ((sympy.sin, sympy.cos, sympy.tan, sympy.cot), (sympy.sinh, sympy.cosh, sympy.tanh, sympy.coth))

# 1/cosh is sech and 1/sinh is csch: the hyperbolic rules state their results so (tanh′ = sech²), and
# a textbook follows them. (1/cos is left as it is: the trigonometric answers have always been written so.)
_RECIPROCALS = {sympy.cosh: sympy.sech, sympy.sinh: sympy.csch}


def _rewrite_node(node: sympy.Expr) -> sympy.Expr:
    if node.is_Mul:
        return _rewrite_product(node)
    if node.is_Pow:
        node = _denest(node)
        if node.is_Pow and type(node.base) in _RECIPROCALS and node.exp.is_Integer and node.exp < 0:
            return _RECIPROCALS[type(node.base)](node.base.args[0]) ** -node.exp
        if node.is_Pow and type(node.base) in _FLIPPED and node.exp.is_Integer and node.exp < 0:
            return _FLIPPED[type(node.base)](node.base.args[0]) ** -node.exp
        return node
    if node.is_Add:
        return _pythagoras(node)
    return node


def _clear_root_node(node: sympy.Expr) -> sympy.Expr:
    """The candidate form with every root of fractions cleared: |x/y| split and |y|·y⁻² cancelled
    beside it, so that x/(y²√(1 − x²/y²)) ends as x/(|y|√(y² − x²))."""
    if node.is_Pow:
        return _root_cleared(node)
    if node.is_Mul:
        return _absolutes_merged(node)
    if isinstance(node, sympy.Abs):
        return _quotient_apart(node)
    return node


def _is_root_of_fractions(power: sympy.Pow) -> bool:
    """√(1 − x²/y²), 1/√(x²/y² − 1), √((y² − x²)/y²): a root of a sum that has a term with a
    denominator, or of a quotient."""
    if not (power.exp.is_Rational and not power.exp.is_Integer):
        return False
    base = power.base
    if base.is_Add:
        return any(_has_a_denominator(t) for t in base.args)
    return base.is_Mul and _has_a_denominator(base)


def _root_cleared(power: sympy.Expr) -> sympy.Expr:
    """√(1 − x²/y²) → √(y² − x²)/|y|, as a textbook clears the fraction under a root: (n/d)**e is
    n**e/d**e wherever d > 0, and a d that is a positive number times even powers of real bases is
    positive wherever the sum is defined (each base is in a denominator of it); (b**2k)**e = |b|**(2ke).
    Any other denominator (1 + 1/x, which may be negative) is left under the root."""
    if not (power.is_Pow and _is_root_of_fractions(power)):
        return power
    numerator, denominator = sympy.fraction(sympy.together(power.base) if power.base.is_Add else power.base)
    outside = []
    for factor in sympy.Mul.make_args(denominator):
        base, k = factor.as_base_exp()
        if factor.is_Number and factor.is_positive:
            outside.append(factor ** -power.exp)
        elif k.is_Integer and k % 2 == 0 and k > 0 and base.is_extended_real:
            outside.append(sympy.Abs(base) ** (-k * power.exp))
        else:
            return power
    return numerator**power.exp * sympy.Mul(*outside)


def _quotient_apart(absolute: sympy.Abs) -> sympy.Expr:
    """|x/y| → |x|/|y| (real factors): the root cleared beside it then cancels with |y|."""
    u = absolute.args[0]
    if not (u.is_Mul and _has_a_denominator(u) and all(f.as_base_exp()[0].is_extended_real for f in u.args)):
        return absolute
    return sympy.Mul(*(sympy.Abs(f) for f in u.args))


# c·a(u)² + c·b(u)² = c (sin² + cos² = 1), and c·a(u)² − c·b(u)² = c (cosh² − sinh² = 1)
_SQUARED = ((sympy.sin, sympy.cos, 1), (sympy.cosh, sympy.sinh, -1))


# f(u)² with a constant beside it, as one square: (kind → partner, other, sign) says that
# rest·f(u)² + partner·rest = sign·rest·other(u)². 1 + tan² = sec², 1 + cot² = csc², and back: sec² − 1 =
# tan², csc² − 1 = cot²; 1 − tanh² = sech² (tanh′ = sech², as the hyperbolic rule states it), 1 − sech² =
# tanh², coth² − 1 = csch², csch² + 1 = coth², sinh² + 1 = cosh², cosh² − 1 = sinh² (each side defined where
# the other is).
_ONE_SQUARE = {
    sympy.tan: (1, sympy.sec, 1), sympy.cot: (1, sympy.csc, 1), sympy.sec: (-1, sympy.tan, 1),
    sympy.csc: (-1, sympy.cot, 1), sympy.tanh: (-1, sympy.sech, -1), sympy.sech: (-1, sympy.tanh, -1),
    sympy.coth: (-1, sympy.csch, 1), sympy.csch: (1, sympy.coth, 1), sympy.sinh: (1, sympy.cosh, 1),
    sympy.cosh: (-1, sympy.sinh, 1),
}
_SQUARES = frozenset(_ONE_SQUARE)


def _pythagoras(total: sympy.Add) -> sympy.Expr:
    """c·sin(u)**2 + c·cos(u)**2 → c, c·tan(u)**2 + c → c·sec(u)**2, c·sec(u)**2 − c → c·tan(u)**2
    (and so for cot and csc), for every u (the derivative of tan, written out, has them)."""
    return _one_plus_tan(_sine_cosine(total))


def _one_plus_tan(total: sympy.Expr) -> sympy.Expr:
    if not total.is_Add:
        return total
    terms = list(total.args)
    for i, term in enumerate(terms):
        if term is None:
            continue
        for factor in sympy.Mul.make_args(term):
            if not (factor.is_Pow and factor.exp == 2):
                continue
            kind = type(factor.base)
            if kind not in _ONE_SQUARE:
                continue
            rest = term / factor
            sign, other, result_sign = _ONE_SQUARE[kind]
            partner = sign * rest
            j = next((k for k, t in enumerate(terms) if k != i and t is not None and t == partner), None)
            if j is None:
                continue
            new = result_sign * rest * other(factor.base.args[0]) ** 2
            # csc·tan² is a new product: tan·csc = sec may apply in it
            terms[i], terms[j] = (_rewrite_product(new) if new.is_Mul else new), None
            break
    if all(t is not None for t in terms):
        return total
    return sympy.Add(*(t for t in terms if t is not None))


def _sine_cosine(total: sympy.Add) -> sympy.Expr:
    kinds = {kind for pair in _SQUARED for kind in pair[:2]}
    seen: dict = {}
    for i, term in enumerate(total.args):
        for factor in sympy.Mul.make_args(term):
            if factor.is_Pow and factor.exp == 2 and type(factor.base) in kinds:
                seen.setdefault((type(factor.base), factor.base.args[0], term / factor), i)
    used: set = set()
    ones = []
    for (kind, u, rest), i in seen.items():
        j = next((seen.get((second, u, sign * rest)) for first, second, sign in _SQUARED if kind is first), None)
        if j is None or i in used or j in used or i == j:
            continue
        used |= {i, j}
        ones.append(rest)
    if not used:
        return total
    return sympy.Add(*(t for k, t in enumerate(total.args) if k not in used), *ones)


def _denest(power: sympy.Pow) -> sympy.Expr:
    """(x**5)**(-1/3) → x**(-5/3). For b SymPy knows is real and an odd p, b**p is negative exactly where b is, so
    (b**p)**q (q not an integer) is real exactly where b**(p*q) is (b ≥ 0), and there they are equal;
    an even p would not do ((x**2)**(1/3) is |x|**(2/3), real for negative x too), nor a p*q that
    is an integer ((x**3)**(1/3) is not real for x < 0, x is)."""
    inner, q = power.base, power.exp
    if not inner.is_Pow:
        return power
    b, p = inner.base, inner.exp
    if not (p.is_Integer and p % 2 and q.is_Rational and not q.is_Integer and b.is_extended_real):
        return power
    pq = p * q
    return b**pq if not pq.is_Integer else power


def _exponents(product: sympy.Mul) -> dict:
    """Each base of a product with its total exponent (x·x²·y⁻¹ → {x: 3, y: -1})."""
    powers: dict = {}
    for factor in product.args:
        base, exp = factor.as_base_exp()
        powers[base] = powers.get(base, 0) + exp
    return powers


def _rewrite_product(product: sympy.Mul) -> sympy.Expr:
    """In one product: sign(u)/|u| → 1/u and sign(u)·|u|**n → u**n for an odd n (u·u**(n-1), the
    even power of |u| being that of u); sign(u)·u → |u|; sin(u)/cos(u) → tan(u) and cos(u)/sin(u) → cot(u)
    (equal where both sides are defined: sign(u)/|u| and 1/u are undefined at u = 0 alike). The sign
    rewrites need a u SymPy knows is real."""
    powers = _exponents(product)
    changed = False
    for base, exp in list(powers.items()):
        if not isinstance(base, sympy.sign) or exp != 1:
            continue
        u = base.args[0]
        if not u.is_extended_real:
            continue  # a complex u (the log of a negative sine) has sign(u)/|u| = conj(u)/|u|**2, not 1/u
        absolute = sympy.Abs(u)
        n = powers.get(absolute)
        if n is not None and n.is_Integer and n % 2:
            del powers[base], powers[absolute]
            powers[u] = powers.get(u, 0) + n
            changed = True
        elif powers.get(u) == 1:
            del powers[base], powers[u]
            powers[absolute] = powers.get(absolute, 0) + 1
            changed = True
    for base, exp in list(powers.items()):
        kind = next((r for r in _RATIOS if isinstance(base, r[0])), None)
        if kind is None or base not in powers or not exp.is_Integer:
            continue
        _, cos, tan, cot = kind
        cosine = cos(base.args[0])
        c = powers.get(cosine)
        if c is None or not c.is_Integer or not _tan_is_simpler(exp, c):
            continue
        m = min(abs(exp), abs(c))
        ratio = tan(base.args[0]) if exp > 0 else cot(base.args[0])
        powers[base], powers[cosine] = exp - m * sympy.sign(exp), c - m * sympy.sign(c)
        powers[ratio] = powers.get(ratio, 0) + m
        changed = True
    changed = _reciprocals(powers) or changed
    changed = _cancel_trig_pairs(powers) or changed
    # b^u·b^v = b^{u+v} for a positive number b; joined only when the exponent comes out shorter than
    # the two (b^u·b^{−u} = 1), so an answer never reads longer for it
    changed = changed or (_powers_of_one_number(product) and _joining_shortens(product, powers))
    if not changed:
        return product
    return sympy.Mul(*(b**e for b, e in powers.items()))


def _joining_shortens(product: sympy.Mul, powers: dict) -> bool:
    apart = sum(operations(f.exp) + 1 for f in product.args if f.is_Pow and f.base.is_Number)
    joined = sum(operations(e) + 1 for b, e in powers.items() if b.is_Number and not e.is_Number)
    return joined < apart


# 1/tan is cot, 1/sec is cos, ...: a textbook never leaves a ratio below a fraction bar. (Equal wherever
# the left side is defined; the right side is defined there too.)
_FLIPPED = {sympy.tan: sympy.cot, sympy.cot: sympy.tan, sympy.sec: sympy.cos, sympy.csc: sympy.sin}


def _reciprocals(powers: dict) -> bool:
    """cosh(u)**-n → sech(u)**n, sinh(u)**-n → csch(u)**n, tan(u)**-n → cot(u)**n (and so for cot, sec
    and csc) in `powers` (base → exponent)."""
    changed = False
    for base, exp in list(powers.items()):
        other = _RECIPROCALS.get(type(base)) or _FLIPPED.get(type(base))
        if other is None or not (exp.is_Integer and exp < 0):
            continue
        del powers[base]
        flipped = other(base.args[0])
        powers[flipped] = powers.get(flipped, 0) - exp
        changed = True
    return changed


def _cancel_trig_pairs(powers: dict) -> bool:
    """tan(u)**a·cot(u)**b → tan(u)**(a-m)·cot(u)**(b-m) for m = min(a, b) (a, b of one sign), and so
    for each pair of _TRIG_PAIRS, in `powers` (base → exponent). Whether anything changed."""
    changed = False
    for f, g, product in _TRIG_PAIRS:
        for base, a in list(powers.items()):
            if not isinstance(base, f) or not a.is_Integer:
                continue
            other = g(base.args[0])
            b = powers.get(other)
            if b is None or not b.is_Integer or a == 0 or b == 0 or (a > 0) != (b > 0):
                continue
            s = 1 if a > 0 else -1
            m = min(abs(a), abs(b))
            powers[base], powers[other] = a - s * m, b - s * m
            if product is not None:
                c = product(base.args[0])
                powers[c] = powers.get(c, 0) + s * m
            changed = True
    return changed


def _absolutes_merged(product: sympy.Mul) -> sympy.Expr:
    """u**a·|u|**b → |u|**(a+b) for a real u, an even a (u**a is |u|**a) and a b of the other sign:
    y⁻²·|y| = 1/|y|, the |y| a cleared root brings out cancelled against the y² it came from. (Of one
    sign SymPy would write |u|⁻³ back as |u|/u⁴.)"""
    powers = _exponents(product)
    changed = False
    for base, b in list(powers.items()):
        if not isinstance(base, sympy.Abs):
            continue
        u = base.args[0]
        a = powers.get(u)
        if a is None or not (a.is_Integer and a % 2 == 0 and b.is_Number and a * b < 0 and u.is_extended_real):
            continue
        del powers[u]
        powers[base] = a + b
        changed = True
    return sympy.Mul(*(b**e for b, e in powers.items())) if changed else product


_U, _OTHER = sympy.Dummy("u"), sympy.Dummy("a")


def _tan_is_simpler(s: sympy.Integer, c: sympy.Integer) -> bool:
    """Whether sin(u)**s·cos(u)**c (opposite signs) is simpler with tan or cot: sin(u)**2/cos(u) as
    tan(u)·sin(u) is, sin(u)/cos(u)**3 as tan(u)/cos(u)**2 is not. Decided on a stand-in u (and a
    stand-in for the product's other factors), not on the product: that would walk u at every level
    of a nesting."""
    if s == 0 or c == 0 or (s > 0) == (c > 0):
        return False
    if abs(c if s > 0 else s) > abs(s if s > 0 else c):
        return False  # tan x/cos x mixes two ways of writing a quotient: sin x/cos² x reads as a textbook
    m = min(abs(s), abs(c))
    ratio = sympy.tan(_U) if s > 0 else sympy.cot(_U)
    before = _OTHER * sympy.sin(_U) ** s * sympy.cos(_U) ** c
    after = _OTHER * ratio**m * sympy.sin(_U) ** (s - m * sympy.sign(s)) * sympy.cos(_U) ** (c - m * sympy.sign(c))
    return operations(after) < operations(before)


def rewritten(expr: sympy.Expr, check: bool = True, node_rewrite=_rewrite_node) -> sympy.Expr:
    """`expr` with `_rewrite_node` applied to every node, children first (an explicit stack: a
    nesting 160 deep is deeper than Python's recursion allows). `check` False: the caller knows
    `expr` is `_rewritable`."""
    if check and not _rewritable(expr):
        return expr
    done: dict = {}
    stack = [(expr, False)]
    while stack:
        node, children_done = stack.pop()
        if node in done:
            continue
        if node.is_Atom:
            done[node] = node
            continue
        if not children_done:
            stack.append((node, True))
            stack.extend((a, False) for a in node.args if a not in done)
            continue
        args = tuple(done[a] for a in node.args)
        rebuilt = node if args == node.args else node.func(*args)
        done[node] = node_rewrite(rebuilt)
    return done[expr]


def _nodes_past(expr: sympy.Expr, limit: int) -> int:
    """The number of nodes, counted only up to limit + 1."""
    return count_nodes(expr, limit)


def textbook(expr: sympy.Expr) -> sympy.Expr:
    """The simplest of a few equal forms of `expr`, keeping `expr` unless another is clearly simpler.
    The parts of the input kept as typed (sin(x + π), √(x²)) are evaluated first: a derivation
    starts from the function as typed and simplifies at the end."""
    return _textbook(settled(expr))


def _abs_node(node: sympy.Expr) -> sympy.Expr:
    """In one product, uⁿ/|u| as u^(n−2)·|u| (n ≥ 2, since u² = |u|²) and uⁿ·sign(u) as u^(n−1)·|u|
    (n ≥ 1): x³/|x| + 2x|x| is 3x|x|, which a textbook writes and which, unlike x³/|x|, has its value
    at 0 (read-11: d/dx |x|³). Not a `_rewrite_node` rule: a candidate form keeps sign(u)·u² there."""
    if not node.is_Mul:
        return node
    factors = list(node.args)
    for i, f in enumerate(factors):
        # 1/|u| (n ≥ 2 takes u² = |u|²) or sign(u) (n ≥ 1 takes u·sign(u) = |u|)
        if f.is_Pow and isinstance(f.base, sympy.Abs) and f.exp == -1:
            u, least, spent = f.base.args[0], 2, 2
        elif isinstance(f, sympy.sign):
            u, least, spent = f.args[0], 1, 1
        else:
            continue
        for j, g in enumerate(factors):
            base, n = g.as_base_exp()
            if j != i and base == u and n.is_Integer and n >= least:
                factors[i], factors[j] = sympy.Abs(u), u ** (n - spent)
                return sympy.Mul(*factors)
    return node


def signs_flipped(expr: sympy.Expr) -> sympy.Expr:
    """−cos x/(cos x − 1) as cos x/(1 − cos x), (−x² − 2y)/(y² − 2x) as (x² + 2y)/(2x − y²): a quotient
    whose numerator is printed with a leading minus, over a sum (to an odd power) with a negative term,
    has the signs of both flipped, as a textbook writes it. Equal everywhere: (−a)/(−b) = a/b."""
    if not expr.is_Mul:
        return expr
    factors = list(expr.args)
    below = next((i for i, f in enumerate(factors)
                  if f.is_Pow and f.base.is_Add and f.exp.is_Integer and f.exp < 0 and f.exp % 2
                  and any(prints_negative(t) for t in f.base.args)), None)
    if below is None:
        return _minus_taken_into_a_sum(expr, factors)
    above = [i for i, f in enumerate(factors) if not (f.is_Pow and f.exp.is_negative)]
    coefficient = [i for i in above if factors[i].is_Number]
    sums = [i for i in above if factors[i].is_Add]
    if coefficient and factors[coefficient[0]].is_negative:
        flip = coefficient[0]
    elif not coefficient and len(sums) == 1 and prints_negative(factors[sums[0]]):
        flip = sums[0]  # (-x**2 - 2*y)/(...): the sum is the numerator's sign
    elif (not coefficient or factors[coefficient[0]].is_positive) and len(sums) == 1 \
            and _is_difference(factors[sums[0]]) \
            and _constant_term(factors[below].base) < 0:
        # (t − p)/(p(p − 1)) as (p − t)/(p(1 − p)): a difference of variables reads as well either way
        # round, and the denominator then has its constant positive, the complement 1 − p as a loss has it
        flip = sums[0]
    else:
        return expr
    factors[flip] = -factors[flip]
    factors[below] = sympy.Pow(-factors[below].base, factors[below].exp)
    return sympy.Mul(*factors)


def _is_difference(total: sympy.Add) -> bool:
    """Whether the sum has terms of both signs and no constant term (t − p, x² − 2y: not 3 − x)."""
    signs = {prints_negative(t) for t in total.args}
    return signs == {True, False} and _constant_term(total) == 0


def _constant_term(total: sympy.Add) -> sympy.Expr:
    constant = total.as_coeff_Add()[0]
    return constant if constant.is_Rational else sympy.S.Zero


def _minus_taken_into_a_sum(expr: sympy.Mul, factors: list) -> sympy.Expr:
    """−x(t − σ) as x(σ − t): a product with a negative coefficient and one sum with a negative term
    takes the minus into the sum (no sum below a fraction bar: `signs_flipped` does those)."""
    coefficient = factors[0] if factors[0].is_Number else None
    sums = [i for i, f in enumerate(factors) if f.is_Add]
    # (a number times a sum alone SymPy multiplies out: −3(x − 1) would become 3 − 3x)
    if (coefficient is None or not coefficient.is_negative or len(sums) != 1 or len(factors) < 3
            or not any(prints_negative(t) for t in factors[sums[0]].args)
            or any(f.is_Pow and f.base.is_Add for f in factors)):
        return expr
    flipped = [-f if i == sums[0] else f for i, f in enumerate(factors[1:], 1)]
    return sympy.Mul(-coefficient, *flipped)


def _textbook_uncached(expr: sympy.Expr) -> sympy.Expr:
    nodes = count_nodes(expr, HUGE)  # past HUGE, no need to count on
    if nodes > HUGE:
        return expr
    kinds = _kinds(expr)  # (a big sum's, once: see _kinds)
    if sympy.sign in kinds or {sympy.Abs, _DENOMINATOR} <= kinds:
        cancelled = rewritten(expr, check=False, node_rewrite=_abs_node)
        if cancelled != expr:
            expr, kinds, nodes = cancelled, _kinds(cancelled), count_nodes(cancelled, HUGE)
    # Candidates are rewritten again only where the result had something to rewrite: factor_terms
    # and together bring no sign, sine or tangent that was not there.
    again = _rewritable_kinds(kinds)
    if again:
        expr = rewritten(expr, check=False)
    if nodes <= TINY:
        return signs_flipped(expr)
    best, best_key, best_ops, best_complex = expr, None, None, None
    for candidate in _candidates(expr):
        # factor_terms and together make new products, where tan·cot may meet again
        if again:
            candidate = rewritten(candidate)
        # A quick count first: a candidate it finds longer is not scored by count_ops (milliseconds a
        # call), which decides among the rest as it always has.
        best_ops = best_ops if best_ops is not None else operations(expr)
        # (A candidate with fewer fractions in sums is scored anyway: its extra products are paid for
        # by the fractions it clears, which the quick count does not see.)
        if operations(candidate) >= best_ops + 2 and _fractions(candidate) >= _fractions(best):
            continue
        if _monomial_taken_out(expr, candidate):
            continue
        complex_fraction = _complex_fraction(candidate)
        best_complex = _complex_fraction(best) if best_complex is None else best_complex
        if complex_fraction and not best_complex:
            continue  # a fraction without one inside is not made a complex fraction, however much shorter
        # Scored only when there is something to compare: most results have no candidate at all.
        best_key = best_key or _score(expr)
        key = _score(candidate)
        # Only a clear gain (two operations fewer, or fewer operations and shorter) beats the form
        # the rules produced, which reads like the steps above it; or, no longer, a form with fewer
        # fractions inside sums (the fractions are counted in the operations already).
        if key[0] <= best_key[0] - 2 or (key[0] < best_key[0] and key[1] < best_key[1]) \
                or (key[0] <= best_key[0] and _fractions(candidate) < _fractions(best)) \
                or (key[0] <= best_key[0] + COMPLEX_FRACTION_SLACK and not complex_fraction and best_complex) \
                or (key[0] <= best_key[0] and key[1] < best_key[1] and _trig_mix(candidate)):
            best, best_key, best_ops, best_complex = candidate, key, operations(candidate), complex_fraction
    final = _contents_out(_cofactors_multiplied_out(best))
    if final is not best:
        # a content pulled out of a sum may meet its reciprocal: x·cosh² + sinh·cosh over cosh is
        # cosh·(x·cosh + sinh)·sech, where cosh·sech = 1
        final = rewritten(final)
    return signs_flipped(final)


def _is_monomial_factor(factor: sympy.Expr) -> bool:
    """A whole number, a symbol, or a symbol to a positive power: a factor a reader multiplies back in
    by eye (3, y, x², √x), with no denominator (taking out 1/2 clears fractions, which a textbook does)."""
    if factor.is_Integer or factor.is_Symbol:
        return True
    return factor.is_Pow and factor.base.is_Symbol and factor.exp.is_Rational and factor.exp.is_positive


def _monomial_taken_out(expr: sympy.Expr, form: sympy.Expr) -> bool:
    """Whether `form` is the sum `expr` with only a monomial taken out of its terms and nothing
    combined or cancelled inside the bracket: y(3x² + eˣʸ) for 3x²y + yeˣʸ. A textbook keeps the
    sum the steps produced: it is no simpler for a student, and a partial beside it whose terms share
    no such factor (x³ + xeˣʸ) would read in another form. A power of a sum taken out, or terms that
    combine once the factor is out, are not this and stay candidates."""
    if not (expr.is_Add and form.is_Mul) or _is_big(expr):
        return False
    monomial, rest = [], []
    for factor in form.args:
        (monomial if _is_monomial_factor(factor) else rest).append(factor)
    if not monomial or len(rest) != 1 or not rest[0].is_Add:
        return False
    m = sympy.Mul(*monomial)
    if not m.free_symbols:
        # a number alone: SymPy multiplies 2·(w·x + b − y) out as it builds it, so the chain rule's own
        # form 2(w·x + b − y), which a textbook keeps, is only ever this candidate
        return False
    return {m * term for term in rest[0].args} == set(expr.args)


def _cofactors_multiplied_out(expr: sympy.Expr) -> sympy.Expr:
    """A product's polynomial factors that are half multiplied out, multiplied out, where that is no
    longer: 10x(2x⁴ + x² + 2)/√(x⁴ + 2), not 10x(x⁴ + x²(x² + 1) + 2)/√(x⁴ + 2), as a textbook finishes
    a product rule over a root (beside an exponential or a sine, `_half_expanded` does it)."""
    if not expr.is_Mul:
        return expr
    factors = [sympy.expand(f) if _half_multiplied_polynomial(f) else f for f in expr.args]
    if all(new is old for new, old in zip(factors, expr.args)):
        return expr
    out = sympy.Mul(*factors)
    return out if operations(out) <= operations(expr) else expr


def _contents_out(expr: sympy.Expr) -> sympy.Expr:
    """2x³(x² − 1)²(10x² − 4) as 4x³(x² − 1)²(5x² − 2): each sum that is a factor of a product (or a
    power of one) gives up its common numeric factor, and its common variables, to the product, as a
    textbook factors an answer fully (SymPy's factor_terms; nothing is expanded)."""
    if expr.is_Add and not _is_big(expr):
        # each term's sums too: x(2wx − 2y) + 2λw as 2x(wx − y) + 2λw, the common number pulled out
        terms = [_contents_out(t) if t.is_Mul else t for t in expr.args]
        return expr if all(new is old for new, old in zip(terms, expr.args)) else sympy.Add(*terms)
    if not expr.is_Mul:
        return expr
    factors = [_content_out(f) for f in expr.args]
    if all(new is old for new, old in zip(factors, expr.args)):
        return expr
    return sympy.Mul(*factors)


def _content_out(factor: sympy.Expr) -> sympy.Expr:
    base, exponent = factor.as_base_exp()
    if not (base.is_Add and exponent.is_Integer) or _is_big(base):  # a softmax's sum is not walked again
        return factor
    pulled = sympy.factor_terms(base)
    if pulled == base or not pulled.is_Mul:
        return factor
    return pulled ** exponent


# factor, cancel and together are not cached by SymPy, and a batch tidies the same results again.
# Huge results are not kept (and are returned as they are anyway).
_textbook = Memo(_textbook_uncached, size=2048, largest=HUGE, measure=lambda e: _nodes_past(e, HUGE))


# --- the identities a tidy step uses, named in its sentence ("simplified using sin²x + cos²x = 1")

# Each identity a tidy step may use, as a rewrite that removes one side of it: two expressions that
# agree as rational functions of their remaining functions, once rewritten, follow from each other by
# that identity and algebra alone. Naming an identity is then a fact checked, not a guess from which
# squares came or went (the guess called sin 2x's double-angle formulas sin²x + cos²x = 1).

def _even_power_of(kind):
    def found(node) -> bool:
        return node.is_Pow and isinstance(node.base, kind) and node.exp.is_Integer and node.exp % 2 == 0
    return found


def _doubled(node) -> bool:
    """sin 2u or cos 2u: a sine or cosine whose argument has an even number in front."""
    if not isinstance(node, (sympy.sin, sympy.cos)):
        return False
    number, _ = node.args[0].as_coeff_Mul()
    return number.is_Integer and number % 2 == 0


def _half(node):
    number, rest = node.args[0].as_coeff_Mul()
    return number / 2 * rest


def _pythagorean(expr, rest, square_of, sign):
    """`rest`²k → (1 ± `square_of`²)ᵏ (or over it): cos²u = 1 − sin²u, sec²u = 1 + tan²u, …"""
    return expr.replace(_even_power_of(rest),
                        lambda node: (1 + sign * square_of(node.base.args[0]) ** 2) ** (node.exp // 2))


_IN_SIN_COS = {sympy.tan: lambda u: sympy.sin(u) / sympy.cos(u), sympy.cot: lambda u: sympy.cos(u) / sympy.sin(u),
                sympy.sec: lambda u: 1 / sympy.cos(u), sympy.csc: lambda u: 1 / sympy.sin(u),
                sympy.tanh: lambda u: sympy.sinh(u) / sympy.cosh(u), sympy.coth: lambda u: sympy.cosh(u) / sympy.sinh(u),
                sympy.sech: lambda u: 1 / sympy.cosh(u), sympy.csch: lambda u: 1 / sympy.sinh(u)}


def _in_sin_cos(expr):
    return expr.replace(lambda node: type(node) in _IN_SIN_COS, lambda node: _IN_SIN_COS[type(node)](node.args[0]))


def _double_angle(expr):
    def half_angle(node):
        u = _half(node)
        return 2 * sympy.sin(u) * sympy.cos(u) if isinstance(node, sympy.sin) else sympy.cos(u) ** 2 - sympy.sin(u) ** 2
    return expr.replace(_doubled, half_angle)


def _log_of_exp(node) -> bool:
    return isinstance(node, sympy.log) and len(node.args) == 1 and (
        isinstance(node.args[0], sympy.exp) or node.args[0].is_Pow and node.args[0].base is sympy.E)


def _without_log_of_exp(expr):
    return expr.replace(_log_of_exp, lambda node: node.args[0].exp if node.args[0].is_Pow else node.args[0].args[0])


def _named_pythagorean(first, second, join):
    """sin²u + cos²u = 1 (join Plus) or cosh²u − sinh²u = 1 (join Minus), for each u it was used at."""
    from ..core.formula import Equation, Minus, Plus

    def equations(exprs):
        us = sorted({node.base.args[0] for e in exprs for node in distinct([e])
                     if _even_power_of((first, second))(node)}, key=sympy.default_sort_key)
        return [Equation((Plus if join == "+" else Minus)(first(u) ** 2, second(u) ** 2), 1) for u in us]
    return equations


def _named_one_plus(base, square):
    """1 + tan²u = sec²u, 1 + cot²u = csc²u."""
    from ..core.formula import Equation, Plus

    def equations(exprs):
        us = sorted({node.base.args[0] for e in exprs for node in distinct([e])
                     if _even_power_of((base, square))(node)}, key=sympy.default_sort_key)
        return [Equation(Plus(1, base(u) ** 2), square(u) ** 2) for u in us]
    return equations


def _named_reciprocals(exprs):
    """tan u = sin u / cos u, sec u = 1 / cos u, … for each such function present."""
    from ..core.formula import Equation

    nodes = sorted({node for e in exprs for node in distinct([e]) if type(node) in _IN_SIN_COS},
                   key=sympy.default_sort_key)
    return [Equation(node, _IN_SIN_COS[type(node)](node.args[0])) for node in nodes]


def _named_double_angle(exprs):
    from ..core.formula import Equation, Minus

    nodes = sorted({node for e in exprs for node in distinct([e]) if _doubled(node)}, key=sympy.default_sort_key)
    said = []
    for node in nodes:
        u = _half(node)
        said.append(Equation(node, 2 * sympy.sin(u) * sympy.cos(u) if isinstance(node, sympy.sin)
                             else Minus(sympy.cos(u) ** 2, sympy.sin(u) ** 2)))
    return said


def _named_log_of_exp(exprs):
    from ..core.formula import Equation

    nodes = sorted({node for e in exprs for node in distinct([e]) if _log_of_exp(node)}, key=sympy.default_sort_key)
    return [Equation(sympy.log(node.args[0], evaluate=False), _without_log_of_exp(node)) for node in nodes]


# (rewrite, the identities it stands for as named in the sentence), simplest first
_IDENTITIES = (
    (lambda e: _pythagorean(e, sympy.cos, sympy.sin, -1), _named_pythagorean(sympy.sin, sympy.cos, "+")),
    # the same identity read the other way, where f's sine is squared and its cosine is not:
    # (cos x(1 + cos x) + sin² x)/(1 + cos x)² = 1/(1 + cos x) (read-12)
    (lambda e: _pythagorean(e, sympy.sin, sympy.cos, -1), _named_pythagorean(sympy.sin, sympy.cos, "+")),
    (lambda e: _pythagorean(e, sympy.cosh, sympy.sinh, 1), _named_pythagorean(sympy.cosh, sympy.sinh, "-")),
    (lambda e: _pythagorean(e, sympy.sec, sympy.tan, 1), _named_one_plus(sympy.tan, sympy.sec)),
    (lambda e: _pythagorean(e, sympy.csc, sympy.cot, 1), _named_one_plus(sympy.cot, sympy.csc)),
    (_without_log_of_exp, _named_log_of_exp),
    (_double_angle, _named_double_angle),
    (_in_sin_cos, _named_reciprocals),
)

# Past this size the check is not tried (a rational cancellation of a large trigonometric result costs
# more than its sentence is worth): the step then says "simplified", and claims no identity.
_IDENTITY_NODES = 200


def _agree(a, b) -> bool:
    """Whether `a` and `b` are one rational function of the functions in them: algebra alone, no identity.
    Each function application stands in as a symbol of its own while cancelling: cancel would otherwise
    take ln eᵘ = u itself (for a real u), an identity to be named, not algebra."""
    try:
        # powsimp: e⁻ᵘ·eᵘ = 1 and x·√x = x^(3/2) are algebra (exponent laws), which cancel alone misses
        difference = sympy.expand(sympy.powsimp(a - b), trig=False, log=False)
        standing = {f: sympy.Dummy() for f in difference.atoms(sympy.Function)}
        return sympy.cancel(difference.xreplace(standing)) == 0
    except (sympy.PolynomialError, TypeError, ValueError, RecursionError, ZeroDivisionError):
        return False


def identities_used(raw: sympy.Expr, tidy: sympy.Expr) -> list:
    """The identities by which `tidy` follows from `raw` (the step tree's result and its textbook form),
    as formulas to name: sin²u + cos²u = 1, cosh²u − sinh²u = 1, 1 + tan²u = sec²u, 1 + cot²u = csc²u,
    ln eᵘ = u, the double-angle formulas, tan u = sin u / cos u and the other quotients. The fewest (up to
    two kinds) whose rewrites make the two agree by algebra alone (see `_agree`): none where algebra
    alone does it, and none where no such choice is found, so no sentence names an identity it did not
    use. At most two formulas are named, as the sentence has room for."""
    if raw == tidy or count_nodes(raw, _IDENTITY_NODES) + count_nodes(tidy, _IDENTITY_NODES) > _IDENTITY_NODES:
        return []
    if _agree(raw, tidy):
        return []
    from itertools import combinations

    for size in (1, 2):
        for chosen in combinations(_IDENTITIES, size):
            a, b = raw, tidy
            for rewrite, _ in chosen:
                a, b = rewrite(a), rewrite(b)
            if _agree(a, b):
                named = [e for _, names in chosen for e in names([raw, tidy])]
                return named if 0 < len(named) <= 2 else []
    return []
