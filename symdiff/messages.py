"""The message catalogue: every explanation a step can give, by key, per language.

Rules name a key (`Step.message`) and the values it refers to (`Step.params()`); the words live
here, so a new language is a new table and no rule changes. Values are formatted with the printer
the renderer chooses (SymPy `str` syntax for text and JSON, Unicode math for the terminal).
"""

from __future__ import annotations

import string
from typing import Callable

import sympy

from .steps import Factor, Step

_FAMILY = {
    "trig": "trigonometric rule",
    "inverse_trig": "inverse trigonometric rule",
    "hyperbolic": "hyperbolic rule",
    "inverse_hyperbolic": "inverse hyperbolic rule",
}

EN: dict[str, str] = {
    "constant": "{expr} does not contain {var}, so its derivative is 0",
    "constant.held": "{expr} does not depend on {var} ({held} held constant), so its derivative is 0",
    "identity": "d/d{var} {var} = 1",
    "sum": "sum rule: differentiate each of the {count} terms and add the results",
    "constant_multiple": "constant multiple rule: {constant} is a constant factor, so "
                         "d/d{var} [{constant}·{other}] = {constant} · d/d{var} [{other}]",
    "constant_multiple.held": "constant multiple rule: with {held} held constant, {constant} is a constant "
                              "factor, so d/d{var} [{constant}·{other}] = {constant} · d/d{var} [{other}]",
    "power": "power rule: d/d{var} {var}^n = n·{var}^(n-1) with n = {n}",
    "rewrite.root": "rewrite the root as a power: {expr} = {base}^({exponent})",
    "rewrite.reciprocal": "rewrite the reciprocal as a power: {expr} = {base}^({exponent})",
    "product": "product rule: (f·g)' = f'·g + f·g' with f = {f}, g = {g}",
    "product.many": "product rule for {count} factors: differentiate one factor at a time, keep the "
                    "others as they are, and add the {count} products",
    "quotient": "quotient rule: (f/g)' = (f'·g - f·g')/g^2 with f = {f}, g = {g}",
    "chain": "chain rule: let {u} = {inner}; then d/d{var} f({u}) = f'({u}) · d{u}/d{var} with f({u}) = {outer}",
    "general_power": "general power rule: base and exponent both depend on {var}, so write "
                     "{f}^({g}) = e^({log_form}) (logarithmic differentiation): "
                     "d/d{var} {expr} = {expr} · d/d{var} [{log_form}]",
    "exp.e": "exponential rule: d/d{var} e^{var} = e^{var}",
    "exp.base": "exponential rule: d/d{var} a^{var} = a^{var}·ln(a) with a = {base}",
    "log.e": "natural log rule: d/d{var} ln({var}) = 1/{var}",
    "log.base": "log rule: d/d{var} log_b({var}) = 1/({var}·ln(b)) with b = {base}",
    "abs.abs": "absolute value rule: d/d{var} |{var}| = sign({var}) = {var}/|{var}|, "
               "which is not defined at {var} = 0",
    "special.sigmoid": "sigmoid rule: σ'({var}) = σ({var})·(1 - σ({var}))",
    "special.softplus": "softplus rule: d/d{var} ln(1 + e^{var}) = σ({var}), the sigmoid",
    "piecewise.relu": "relu rule: relu({var}) = max(0, {var}) has slope 1 for {var} > 0 and 0 for {var} < 0; "
                      "at {var} = 0 it has a kink and no derivative, and symdiff takes relu'(0) = 0 "
                      "(as PyTorch does), written Heaviside({var}, 0)",
    "piecewise.sign": "sign is constant (-1 or 1) on each side of 0, so its derivative is 0 there; at 0 "
                      "it jumps, which SymPy writes as 2·DiracDelta({var})",
    "piecewise.Heaviside": "Heaviside is constant on each side of 0, so its derivative is 0 there; "
                           "at 0 it jumps, which SymPy writes as DiracDelta({var})",
    "unknown": "no symdiff rule covers {expr}: this result is SymPy's own, not derived step by step",
    "function": "{family}: d/d{var} {expr} = {result}",
    "function.acosh": "{family}: d/d{var} {expr} = {result}, which is 1/√({var}^2 - 1) for {var} > 1",
    # Headings the renderers use.
    "heading": "∂/∂{var} of {expr}",
    "heading.held": "holding {held} constant",
    "result": "∂f/∂{var}",
}

CATALOGUES = {"en": EN}


# An explanation names at most this many held variables (a loss can hold thousands constant).
LIST_MAX = 8


def _format_value(value, printer: Callable) -> str:
    if isinstance(value, (list, tuple)):
        shown = ", ".join(_format_value(v, printer) for v in value[:LIST_MAX])
        return shown if len(value) <= LIST_MAX else f"{shown}, … ({len(value)} in all)"
    if isinstance(value, Factor):
        text = printer(value.expr)
        return f"({text})" if isinstance(value.expr, sympy.Add) else text
    if isinstance(value, sympy.Basic):
        return printer(value)
    return str(value)


def message(key: str, printer: Callable = sympy.sstr, lang: str = "en", **values) -> str:
    table = CATALOGUES.get(lang, EN)
    template = table.get(key) or EN[key]
    # Only the values the template uses are printed: printing is the costly part.
    used = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return template.format(**{k: _format_value(v, printer) for k, v in values.items() if k in used})


def explain(step: Step, printer: Callable = sympy.sstr, lang: str = "en") -> str:
    """The explanation of one step, in `lang`, with values printed by `printer`."""
    table = CATALOGUES.get(lang, EN)
    key = step.message
    values = {"expr": step.expr, "var": step.var, "result": step.result, **step.params()}
    if key not in table and key not in EN:
        family, _, function = key.partition(".")
        values["family"] = _FAMILY.get(family, family)
        key = f"function.{function}" if f"function.{function}" in EN else "function"
    return message(key, printer, lang, **values)
