"""The message catalogue: every explanation a step can give, by key, per language.

Rules name a key (`Step.message`) and the values it refers to (`Step.params()`); the words live
here, so a new language is a new table and no rule changes. Values are formatted with the printer
the renderer chooses (SymPy `str` syntax for text and JSON, Unicode math for the terminal).
"""

from __future__ import annotations

import contextlib
import contextvars
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
    "simplified": "simplified",
}

# Korean, with the terms a Korean calculus textbook uses: 편미분 (partial derivative), 기울기
# (gradient), 연쇄 법칙 (chain rule), 곱의 법칙 (product rule), 몫의 법칙 (quotient rule),
# 상수배 법칙 (constant multiple rule), 합의 법칙 (sum rule), 거듭제곱 법칙 (power rule).
KO: dict[str, str] = {
    "constant": "{expr}에는 {var}가 없으므로 미분하면 0",
    "constant.held": "{held}을(를) 상수로 보므로 {expr}는 {var}에 의존하지 않고, 미분하면 0",
    "identity": "d/d{var} {var} = 1",
    "sum": "합의 법칙: {count}개의 항을 각각 미분하여 더한다",
    "constant_multiple": "상수배 법칙: {constant}는 상수 인수이므로 "
                         "d/d{var} [{constant}·{other}] = {constant} · d/d{var} [{other}]",
    "constant_multiple.held": "상수배 법칙: {held}을(를) 상수로 보면 {constant}는 상수 인수이므로 "
                              "d/d{var} [{constant}·{other}] = {constant} · d/d{var} [{other}]",
    "power": "거듭제곱 법칙: d/d{var} {var}^n = n·{var}^(n-1), 여기서 n = {n}",
    "rewrite.root": "근호를 거듭제곱으로 바꿔 쓴다: {expr} = {base}^({exponent})",
    "rewrite.reciprocal": "역수를 거듭제곱으로 바꿔 쓴다: {expr} = {base}^({exponent})",
    "product": "곱의 법칙: (f·g)' = f'·g + f·g', 여기서 f = {f}, g = {g}",
    "product.many": "{count}개 인수의 곱의 법칙: 인수를 하나씩 미분하고 나머지는 그대로 두어 {count}개의 곱을 더한다",
    "quotient": "몫의 법칙: (f/g)' = (f'·g - f·g')/g^2, 여기서 f = {f}, g = {g}",
    "chain": "연쇄 법칙: {u} = {inner}라 두면 d/d{var} f({u}) = f'({u}) · d{u}/d{var}, 여기서 f({u}) = {outer}",
    "general_power": "일반 거듭제곱: 밑과 지수가 모두 {var}에 의존하므로 {f}^({g}) = e^({log_form})로 쓴다 "
                     "(로그 미분법): d/d{var} {expr} = {expr} · d/d{var} [{log_form}]",
    "exp.e": "지수함수의 미분: d/d{var} e^{var} = e^{var}",
    "exp.base": "지수함수의 미분: d/d{var} a^{var} = a^{var}·ln(a), 여기서 a = {base}",
    "log.e": "자연로그의 미분: d/d{var} ln({var}) = 1/{var}",
    "log.base": "로그함수의 미분: d/d{var} log_b({var}) = 1/({var}·ln(b)), 여기서 b = {base}",
    "abs.abs": "절댓값의 미분: d/d{var} |{var}| = sign({var}) = {var}/|{var}|, {var} = 0에서는 미분 불가능",
    "special.sigmoid": "시그모이드의 미분: σ'({var}) = σ({var})·(1 - σ({var}))",
    "special.softplus": "소프트플러스의 미분: d/d{var} ln(1 + e^{var}) = σ({var}) (시그모이드)",
    "piecewise.relu": "ReLU의 미분: relu({var}) = max(0, {var})의 기울기는 {var} > 0에서 1, {var} < 0에서 0; "
                      "{var} = 0에서는 꺾여서 미분 불가능하며, symdiff는 PyTorch처럼 relu'(0) = 0으로 두고 "
                      "Heaviside({var}, 0)로 쓴다",
    "piecewise.sign": "부호함수는 0의 양쪽에서 상수(-1 또는 1)이므로 도함수가 0; 0에서는 불연속이며 "
                      "SymPy는 2·DiracDelta({var})로 쓴다",
    "piecewise.Heaviside": "헤비사이드 함수는 0의 양쪽에서 상수이므로 도함수가 0; 0에서는 불연속이며 "
                           "SymPy는 DiracDelta({var})로 쓴다",
    "unknown": "{expr}에 맞는 symdiff 규칙이 없다: 이 결과는 단계별 유도가 아니라 SymPy가 계산한 것",
    "function": "{family}: d/d{var} {expr} = {result}",
    "function.acosh": "{family}: d/d{var} {expr} = {result}, {var} > 1에서 1/√({var}^2 - 1)",
    "heading": "{expr}의 {var}에 대한 편미분",
    "heading.held": "{held}을(를) 상수로 고정",
    "result": "∂f/∂{var}",
    "simplified": "정리하면",
}

_FAMILY_KO = {
    "trig": "삼각함수의 미분",
    "inverse_trig": "역삼각함수의 미분",
    "hyperbolic": "쌍곡선함수의 미분",
    "inverse_hyperbolic": "역쌍곡선함수의 미분",
}

# How each contract rule is named in output (the JSON keeps the contract's names).
KO.update({
    "rule.constant": "상수", "rule.identity": "항등", "rule.sum": "합의 법칙",
    "rule.constant_multiple": "상수배 법칙", "rule.power": "거듭제곱 법칙", "rule.product": "곱의 법칙",
    "rule.quotient": "몫의 법칙", "rule.chain": "연쇄 법칙", "rule.exp": "지수함수", "rule.log": "로그함수",
    "rule.trig": "삼각함수", "rule.inverse_trig": "역삼각함수", "rule.hyperbolic": "쌍곡선함수",
    "rule.inverse_hyperbolic": "역쌍곡선함수", "rule.general_power": "로그 미분법", "rule.abs": "절댓값",
    "rule.piecewise": "구간별 함수", "rule.rewrite": "다시 쓰기", "rule.special": "특수 함수",
    "rule.unknown": "SymPy 계산",
    "document.heading": "{f}의 {symbol}",
    "document.result": "결과", "document.gradient": "기울기", "document.hessian": "헤세 행렬",
    "document.jacobian": "야코비 행렬",
})
EN.update({f"rule.{name}": name.replace("_", " ") for name in (k[5:] for k in KO if k.startswith("rule."))})
EN.update({"document.heading": "{symbol} of {f}", "document.result": "Result", "document.gradient": "Gradient",
           "document.hessian": "Hessian", "document.jacobian": "Jacobian"})

CATALOGUES = {"en": EN, "ko": KO}
FAMILIES = {"en": _FAMILY, "ko": _FAMILY_KO}
LANGUAGES = tuple(CATALOGUES)


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


# The language explanations are written in: an ambient setting, like a locale, so renderers need not
# pass it through every call. `with language("ko"): ...` or `LANGUAGE.set("ko")`.
LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("symdiff_language", default="en")


@contextlib.contextmanager
def language(lang: str):
    if lang not in CATALOGUES:
        raise ValueError(f"no messages in {lang!r}; choose from {', '.join(CATALOGUES)}")
    token = LANGUAGE.set(lang)
    try:
        yield
    finally:
        LANGUAGE.reset(token)


def message(key: str, printer: Callable = sympy.sstr, lang: str | None = None, **values) -> str:
    lang = lang or LANGUAGE.get()
    table = CATALOGUES.get(lang, EN)
    template = table.get(key) or EN[key]
    # Only the values the template uses are printed: printing is the costly part.
    used = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return template.format(**{k: _format_value(v, printer) for k, v in values.items() if k in used})


def explain(step: Step, printer: Callable = sympy.sstr, lang: str | None = None) -> str:
    """The explanation of one step, in `lang` (default: the current `language`), with values
    printed by `printer`."""
    lang = lang or LANGUAGE.get()
    table = CATALOGUES.get(lang, EN)
    key = step.message
    values = {"expr": step.expr, "var": step.var, "result": step.result, **step.params()}
    if key not in table and key not in EN:
        family, _, function = key.partition(".")
        values["family"] = FAMILIES.get(lang, _FAMILY).get(family, family)
        key = f"function.{function}" if f"function.{function}" in EN else "function"
    return message(key, printer, lang, **values)


def rule_label(rule: str, lang: str | None = None) -> str:
    """The name of a contract rule as the output shows it, in the current language."""
    table = CATALOGUES.get(lang or LANGUAGE.get(), EN)
    return table.get(f"rule.{rule}") or EN.get(f"rule.{rule}") or rule.replace("_", " ")
