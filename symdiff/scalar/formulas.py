"""The formula each rule states in its explanation (d/dx xⁿ = n·xⁿ⁻¹, (g/h)′ = (g′·h − g·h′)/h², …),
built from the pieces of `symdiff.core.formula`, so that every renderer typesets it whole in its own
notation. The catalogue (`symdiff.core.messages`) names the slot, `{formula}`; the words around it
stay in the catalogue.

The pieces are named so that no name means two things in one explanation: a rule's pieces (g and h
for a product's factors, a for a base, n for an exponent) are renamed where the function itself
has a variable of that name.
"""

from __future__ import annotations

import sympy

from ..core.formula import (Operator, Applied, Equation, LogBase, Minus, Over, Ratio, Plus, Power, Prime, Product, Root,
                            Times, root_beside_power)


def _names(step, wanted: tuple[str, ...], spares: tuple[str, ...]) -> list[sympy.Symbol]:
    """Symbols for a rule's pieces: `wanted`, or the spares for those the expression already uses."""
    # `reserved` (the whole function's names) is looked in, never copied: a loss of 3000 variables has
    # one constant step per term, and a copy in each made the steps quadratic in the variables
    own, reserved = {s.name for s in step.expr.free_symbols} | {step.var.name}, getattr(step, "reserved", frozenset())

    def taken(name: str) -> bool:
        return name in own or name in reserved

    free = [n for n in spares if not taken(n) and n not in wanted]
    if len(wanted) > 1 and any(taken(n) for n in wanted) and len(free) >= len(wanted):
        # a pair renamed as a pair (p and q for g and h), not one of each ("g = x, p = sin x")
        return [sympy.Symbol(n) for n in free[:len(wanted)]]
    out = []
    for name in wanted:
        out.append(sympy.Symbol(free.pop(0) if taken(name) else name))
    return out


def _d(step):
    return step.operator


def _power(step) -> dict:
    (n,) = _names(step, ("n",), ("k", "m", "p"))
    x = step.var
    return {"formula": Equation(Applied(_d(step), Power(x, n)), Product(n, Power(x, n - 1))),
            "n_is": Equation(n, step.exponent)}


def _product(step) -> dict:
    g, h = _names(step, ("g", "h"), ("p", "q", "r", "s"))
    return {"formula": Equation(Prime(Product(g, h)), Plus(Product(Prime(g), h), Product(g, Prime(h)))),
            "g_name": g, "h_name": h,
            "g_is": Equation(g, step.params()["g"]), "h_is": Equation(h, step.params()["h"])}


def _quotient(step) -> dict:
    g, h = _names(step, ("g", "h"), ("p", "q", "r", "s"))
    values = step.params()
    return {"formula": Equation(Prime(Over(g, h)),
                                Over(Minus(Product(Prime(g), h), Product(g, Prime(h))), Power(h, 2))),
            "g_is": Equation(g, values["g"]), "h_is": Equation(h, values["h"])}


def _chain(step) -> dict:
    if step.message == "chain.dependent":  # d/dx y² = 2y·dy/dx: the outer derivative at y, times dy/dx
        from .implicit import as_function

        y = sympy.Symbol(step.dy.expr.name)
        return {"let": Equation(y, as_function(y, step.var)),
                "formula": Equation(Applied(_d(step), step.expr), Product(step.outer_result, step.dy))}
    values = step.params()
    return {"let": Equation(step.u, step.inner.expr),
            "formula": Equation(Applied(_d(step), step.outer.expr),
                                Product(values["outer_result"].expr, values["du"]))}


def _rewrite(step) -> dict:
    base, exponent = step.rewritten.as_base_exp()
    # 1/x² = x⁻²: the reciprocal as it is read, then the power the rule takes
    if step.kind == "reciprocal":
        written = Over(1, base if exponent == -1 else Power(base, -exponent))  # 1/x = x⁻¹, not 1/x¹
    elif step.kind == "root" and exponent.is_Rational and root_beside_power(sympy.Pow(base, exponent)):
        # x·√x = x³⁄², 1/(x·√x) = x⁻³⁄²: the root as every view writes it (never √(x³))
        written = sympy.Pow(base, exponent)
    elif step.kind == "root" and exponent.is_Rational:
        p, q = exponent.p, exponent.q
        radicand = base if abs(p) == 1 else Power(base, abs(p))
        written = Root(radicand, q) if p > 0 else Over(1, Root(radicand, q))
    else:
        written = step.expr
    out = {"formula": Equation(written, Power(base, exponent))}
    if step.substep is None:  # the power rule, in the same step
        out.update(_power(_AsPower(step, exponent)))
        out["power"] = out.pop("formula")
        out["formula"] = Equation(written, Power(base, exponent))
        out["applied"] = _power_law(step, base, exponent)
    return out


def _power_law(step, base, exponent) -> Equation:
    """d/dx x^(1/2) = 1/2·x^(−1/2) = 1/(2·√x): the rule applied, then the exponent law back to the root
    or fraction the result is printed as, in one line, as a textbook writes it (nothing skipped)."""
    return Equation(Applied(_d(step), Power(base, exponent)), Product(exponent, Power(base, exponent - 1)),
                    step.result)


class _AsPower:
    """A rewrite step seen as the power rule it applies (for `_power`'s names and formula)."""

    def __init__(self, step, exponent):
        self.expr, self.var, self.operator, self.exponent = step.expr, step.var, step.operator, exponent


def _general_power(step) -> dict:
    """Logarithmic differentiation as OpenStax §3.9 writes it for xˣ: let y = xˣ; ln y = x ln x (for
    x > 0, where ln x is defined); (1/y)·dy/dx = d/dx [x ln x], the left side by the chain rule; the
    substep derives the right side; then dy/dx = y·(…) = xˣ·(…)."""
    f = step.base
    log_form = step.substep.expr
    own = {s.name for s in step.expr.free_symbols} | {step.var.name}
    # the function's own name is reserved against other pieces, but this piece is the function itself
    (y,) = [sympy.Symbol(step.named)] if step.named and step.named not in own else \
        _names(step, ("y",), ("w", "v", "z", "Y"))
    dy = Operator(step.var, step.operator.partial, y)
    return {"y": y, "let": Equation(y, step.expr), "ln_base": sympy.log(f),
            "logged": Equation(sympy.log(y), log_form),
            "differentiated": Equation(Product(Ratio(1, y), dy), Applied(_d(step), log_form)),
            "solved": Equation(dy, Product(y, step.substep.result), step.result)}


def _exp(step) -> dict:
    x = step.var
    key = step.message
    if key == "exp.e":
        return {"formula": Equation(Applied(_d(step), sympy.exp(x)), sympy.exp(x))}
    (a,) = _names(step, ("a",), ("b", "c", "k"))
    if key == "exp.zero":
        return {"zero_power": Power(0, x), "formula": Equation(Applied(_d(step), Power(0, x)), 0),
                "general": Power(a, x)}
    return {"formula": Equation(Applied(_d(step), Power(a, x)), Product(Power(a, x), sympy.log(a))),
            "a_is": Equation(a, step.base)}


def _log(step) -> dict:
    x = step.var
    if step.message == "log.e":
        return {"formula": Equation(Applied(_d(step), sympy.log(x)), Over(1, x))}
    (b,) = _names(step, ("b",), ("a", "c", "k"))
    return {"formula": Equation(Applied(_d(step), LogBase(x, b)), Over(1, Product(x, sympy.log(b)))),
            "b_is": Equation(b, step.base)}


def _atan2(step) -> dict:
    # g and h, as the quotient rule names its pieces: f is the function's own name
    f, g = _names(step, ("g", "h"), ("p", "q", "r", "s"))
    return {"formula": Equation(Applied(_d(step), sympy.atan2(f, g)),
                                Over(Minus(Product(g, Prime(f)), Product(f, Prime(g))), Plus(Power(f, 2), Power(g, 2)))),
            "f_name": f, "g_name": g, "angle": sympy.atan2(f, g), "point": sympy.Tuple(g, f),
            "f_is": Equation(f, step.first.expr), "g_is": Equation(g, step.second.expr)}


def _function(step) -> dict:
    out = {"formula": Equation(Applied(_d(step), step.expr), step.result)}
    if step.message == "inverse_hyperbolic.acosh":
        x = step.var
        out["simpler"] = Over(1, sympy.sqrt(x**2 - 1))
    return out


def _special(step) -> dict:
    from .functions import sigmoid

    x = step.var
    if step.message == "special.sigmoid":
        return {"formula": Equation(Applied(_d(step), sigmoid(x)), Product(sigmoid(x), Minus(1, sigmoid(x))))}
    if step.message == "special.softplus":
        return {"formula": Equation(Applied(_d(step), sympy.log(Plus(1, sympy.exp(x)))), sigmoid(x))}
    return _function(step)


def _abs(step) -> dict:
    x = step.var
    # a textbook writes x/|x|, never sign(x) (the views print every sign(u) of a result so too)
    # the two cases a textbook splits |x| into, each a line with its own slope
    return {"formula": Equation(Applied(_d(step), sympy.Abs(x)), Over(x, sympy.Abs(x))),
            "right": Equation(sympy.Abs(x), x), "left": Equation(sympy.Abs(x), -x),
            # slopes stated as the formulas beside them are (−1, not the str syntax's -1)
            "one": Equation(sympy.Integer(1)), "minus_one": Equation(sympy.Integer(-1))}


def _identity(step) -> dict:
    return {"formula": Equation(Applied(_d(step), step.var), 1)}


def _constant(step) -> dict:
    # the rule at a letter the expression does not use, then that letter named: d/dx c = 0 with c = 3
    (c,) = _names(step, ("c",), ("k", "C", "a"))
    return {"formula": Equation(Applied(_d(step), c), 0), "c": c, "c_is": Equation(c, step.expr)}


def _constant_multiple(step) -> dict:
    # The left side is the step's own expression, as its claim line shows it (x²·y, not y·x²): the
    # factor comes out front on the right, the textbook's c·d/dx f, and nothing is silently reordered.
    c, other = step.constant, step.other.expr
    return {"formula": Equation(Applied(_d(step), step.expr), Times(c, Applied(_d(step), other)))}


def _dependent(step) -> dict:
    from .implicit import as_function

    y = sympy.Symbol(step.expr.name)
    return {"y": y, "function": as_function(y, step.var),
            "formula": Equation(Applied(_d(step), step.expr), step.result)}


_BY_RULE = {
    "dependent": _dependent,
    "constant": _constant, "identity": _identity, "constant_multiple": _constant_multiple, "power": _power, "product": _product,
    "quotient": _quotient, "chain": _chain, "rewrite": _rewrite, "general_power": _general_power,
    "exp": _exp, "log": _log, "abs": _abs, "special": _special,
    "trig": _function, "hyperbolic": _function, "inverse_hyperbolic": _function,
}


def stated(step) -> dict:
    """The formula slots of `step`'s explanation (empty for a rule that states none)."""
    if step.message == "inverse_trig.atan2":
        return _atan2(step)
    if step.message == "rewrite.sinc":
        return {"formula": Equation(step.expr, step.rewritten)}
    if step.rule == "inverse_trig":
        return _function(step)
    build = _BY_RULE.get(step.rule)
    return build(step) if build is not None else {}
