"""The message catalogue: every explanation a step can give, by key, per language.

Rules name a key (`Step.message`) and the values it refers to (`Step.params()`); the words live
here, so a new language is a new table and no rule changes. Values are formatted with the printer
the renderer chooses (SymPy `str` syntax for JSON, Unicode math for text and the terminal).
"""

from __future__ import annotations

import contextlib
import functools
import numbers
import re
import string
from typing import Callable

import sympy
from sympy.printing.str import StrPrinter

from . import error_words, korean
from .language import LANGUAGE
from .formula import Equation, Times
from .steps import Factor, Step

_FAMILY = {
    "trig": "trigonometric rule",
    "inverse_trig": "inverse trigonometric rule",
    "hyperbolic": "hyperbolic rule",
    "inverse_hyperbolic": "inverse hyperbolic rule",
}

EN: dict[str, str] = {
    "constant": "constant rule: {formula} for a constant {c}, here {c_is}",
    "constant.held": "constant rule: with {held} held constant, {formula} for a constant {c}, here {c_is}",
    "identity": "identity rule: {formula}",
    # the rule book's sum and difference rule, named by what the expression has, as a textbook says
    # it: the derivative of a sum is the sum of the derivatives, of a difference the difference
    "sum": "sum rule: the derivative of a sum is the sum of the derivatives, so differentiate each of the "
           "{count:words} terms and add the results",
    # the steps below differentiate each term with its sign (d/dx [−sin x]), so their results are added:
    # "subtract" after −cos x would subtract the minus twice (a teacher's reading)
    "sum.difference": "difference rule: the derivative of a difference is the difference of the derivatives, so "
                      "differentiate each of the {count:words} terms, a subtracted one with its minus sign, and "
                      "add the results",
    "sum.both": "sum and difference rule: differentiate each of the {count:words} terms with its sign and add the "
                "results",
    "constant_multiple": "constant multiple rule: {constant} is a constant factor, so {formula}",
    "constant_multiple.held": "constant multiple rule: with {held} held constant, {constant} is a constant "
                              "factor, so {formula}",
    "constant_multiple.held.itself": "constant multiple rule: with {held} held constant, {constant} is a constant "
                                     "factor, so {formula}",
    "power": "power rule: {formula} with {n_is}",
    "rewrite.root": "rewrite the root as a power: {formula}; then by the power rule, {power} with {n_is}, "
                    "so {applied}",
    "rewrite.reciprocal": "rewrite the reciprocal as a power: {formula}; then by the power rule, {power} "
                          "with {n_is}, so {applied}",
    "rewrite.sinc": "rewrite sinc as the quotient it is: {formula} for {var_ne_0} (at {var_is_0}, "
                    "sinc is 1 and its derivative is 0; the formula below is undefined there, its limit is 0)",
    # A rule that names pieces, derives them in its substeps and substitutes them is explained in two
    # parts (`SPLIT`): the views write the first on the step's head line and the closing one under its
    # substeps; its whole explanation (JSON, `explain`) is both, joined.
    "product.pieces": "product rule: {formula} with {g_is}, {h_is}",
    "product.many": "product rule for {count:words} factors: differentiate one factor at a time, keep the "
                    "others as they are, and add the {count:words} products: {assembled}",
    "product.many.pieces": "product rule for {count:words} factors: differentiate one factor at a time, keep the "
                           "others as they are, and add the {count:words} products",
    "quotient.pieces": "quotient rule: {formula} with {g_is}, {h_is}",
    "chain.pieces": "chain rule: let {let}; then {formula}",
    "substituted": "substituting the pieces: {assembled}",
    "substituted.simplified": "substituting the pieces: {assembled}, which gives {result}",
    # the same, where the substituted form is too wide for a line of text: the words first, then the
    # display "assembled = result" (a sentence split around a display left ", which gives" on its own)
    "substituted.simplified.display": "substituting the pieces and simplifying gives",
    # The closing line of the other rules with substeps: the result, once the substeps have given its parts.
    "sum.closing": "adding the results: {result}",
    # the terms' results as the lines above gave them, where adding them is more than writing them side
    # by side (1 − 6·(x + 1) collected to −6x − 5): the reader sees both
    "sum.closing.simplified": "adding the results: {added}, which gives {result}",
    # a difference's results are subtracted ("adding the results" of x² − y said otherwise)
    "sum.difference.closing": "adding the results, each with its sign: {result}",
    "sum.difference.closing.simplified": "adding the results, each with its sign: {added}, which gives {result}",
    "sum.both.closing": "adding the results, each with its sign: {result}",
    "sum.both.closing.simplified": "adding the results, each with its sign: {added}, which gives {result}",
    "constant_multiple.closing": "multiplying by the constant factor: {result}",
    # the factor times the substep's result as the line above gave it (3·y⁴·2·x), then the tidy result
    # (6·x·y⁴): the reader sees where the 6 comes from, as a teacher writes 3y⁴ · 2x = 6xy⁴
    "constant_multiple.closing.simplified": "multiplying by the constant factor: {product}, which gives {result}",
    "closing": "so the derivative is {result}",
    "chain.dependent": "chain rule: the inner function is {let}, a function of {var}, so {formula}",
    "dependent": "{y} stands for {function}, a function of {var}, so {formula}",
    # f^g with x in base and exponent, as OpenStax §3.9 does xˣ: the condition where ln f needs it, then
    # the substep's derivative of g·ln f, then the closing solves for the derivative
    "general_power.pieces": "logarithmic differentiation: let {let}; for {base_gt_0}, where {ln_base} is defined, "
                            "take the natural log of both sides: {logged}; differentiate both sides with respect to "
                            "{var}, the left side by the chain rule: {differentiated}",
    "general_power.positive.pieces": "logarithmic differentiation: let {let}; as {base_gt_0} for every {var}, take "
                                     "the natural log of both sides: {logged}; differentiate both sides with respect "
                                     "to {var}, the left side by the chain rule: {differentiated}",
    "general_power.closing": "multiplying both sides by {y} and putting back {let}: {solved}",
    "exp.e": "exponential rule: {formula}",
    "exp.base": "exponential rule: {formula} with {a_is}",
    "exp.zero": "{zero_power} is 0 for {var_gt_0} (1 at {var_is_0}, undefined for {var_lt_0}), a constant where it "
                "is differentiable, so {formula} for {var_gt_0} (ln 0 is not a number, so the rule for {general} "
                "does not apply)",
    "log.e": "log rule: {formula}",  # one name for the rule, ln or logₐ (the rule book's)
    "log.base": "log rule: {formula} with {b_is}",
    "inverse_trig.atan2": "atan2 rule: {angle} is the angle of the point {point}, and {formula} with {f_is}, "
                          "{g_is}",
    # the cases a textbook splits |x| into say why x/|x| and why not at 0 (a bare formula said neither)
    "abs.abs": "absolute value rule: {right} for {var_gt_0} (derivative {one}) and {left} for {var_lt_0} "
               "(derivative {minus_one}), so {formula}, the sign of {var}, for {var_ne_0}; at {var_is_0} there is "
               "no derivative",
    # `.itself`: the words under a leaf whose formula is its own line (d/dx [|x|] = x/|x|), without
    # the formula that line states; only what the line does not say is left
    "abs.abs.itself": "absolute value rule: {right} for {var_gt_0} (derivative {one}) and {left} for {var_lt_0} "
                      "(derivative {minus_one}), so the derivative is {result}, the sign of {var}, for {var_ne_0}; "
                      "at {var_is_0} there is none",
    "special.sigmoid": "sigmoid rule: {formula}",
    "special.softplus": "softplus rule: {formula}, the sigmoid",
    "piecewise.relu": "relu rule: relu({var}) = max(0, {var}) has slope 1 for {var_gt_0} and 0 for {var_lt_0}; "
                      "at {var_is_0} it has a kink and no derivative: the derivative is written with the unit step "
                      "H, which takes relu′(0) = H(0) = 0 (as PyTorch does), but a value asked for at the kink "
                      "is refused",
    # the jump at 0 said as a teacher says it: its height times the Dirac delta, not SymPy's name
    "piecewise.sign": "the sign function is constant (−1 or 1) on each side of 0, so its derivative is 0 there; at 0 "
                      "it jumps from −1 to 1, a jump of 2, so its derivative is 2·δ({var}), twice the Dirac "
                      "delta (a generalized function, not a number)",
    "piecewise.Heaviside": "the unit step H is constant on each side of 0 (0 before, 1 after), so its "
                           "derivative is 0 there; at 0 it jumps by 1, so its derivative is the Dirac delta "
                           "δ({var}) (a generalized function, not a number)",
    "unknown": "no symdiff rule covers {expr}: this result is SymPy's own, not derived step by step",
    "function": "{family}: {formula}",
    "function.acosh": "{family}: {formula}, which is {simpler} for {var_gt_1}",
    "function.acosh.itself": "{family}: the result is {simpler} for {var_gt_1}",
    # Headings the renderers use.
    "heading": "∂/∂{var} of {expr}",
    # A document's formula too wide for its sentence, displayed under it: the words it ends with
    # ("…, so" and the display; "…이므로 다음과 같습니다."), and its name where the sentence goes on.
    "display.follows": "",
    "display.numbered": "({number})",
    "heading.held": "holding {held} constant",
    # the line a LaTeX derivation opens with: the function, then what is derived from it ("…, ∂f/∂x:")
    "derivation.of": "{function}, {symbol}",
    # the same under a function too wide for it, displayed above
    "derivation.of.displayed": "{symbol}",
    "heading.with_held": "{head}, {held}",
    "result": "∂f/∂{var}",
    "simplified": "simplified",
    # the line before "simplified" where the simplification is a factoring: the factor every term has
    "simplified.factor": "taking out the common factor {factor}",
    # the lines a student could not do in their head between the steps' sum and the simplified form
    "simplified.factor.inner": "factoring {sum} as {product}",
    "simplified.denominator": "bringing the terms over one denominator",
    # a fraction whose numerator holds fractions, cleared by their common denominator {factor}
    "simplified.multiply": "multiplying numerator and denominator by {factor}",
    "simplified.collect": "collecting the bracket",
    # a tidy line as a line of notes: English labels its mathematics, Korean says it as a sentence
    "simplified.line": "{label}: {math}",
    "simplified.using": "simplified using {identity}",
    "simplified.using.two": "simplified using {identity} and {other}",
}

# Korean, in the words of a Korean 미적분 textbook: 편미분, 합·차의 미분법, 상수배의 미분법, 곱의 미분법,
# 몫의 미분법, 합성함수의 미분법(연쇄 법칙), 그래디언트(기울기 벡터; 기울기 alone is a slope). Sentences
# end in one polite register (-ㅂ니다/-습니다). A particle after a value is written as a format spec,
# `{var:을/를}`: `message` appends the one that follows the value read aloud (symdiff.core.korean), so
# x takes 를 (엑스), 3 takes 을 (삼) and x³ takes 을 (엑스 세제곱).
KO: dict[str, str] = {
    "constant": "상수의 미분: 상수 {c}에 대하여 {formula}이고, 여기서 {c_is}입니다.",
    "constant.held": "상수의 미분: {held:을/를} 상수로 보면 상수 {c}에 대하여 {formula}이고, 여기서 {c_is}입니다.",
    "sum": "합의 미분법: 합의 도함수는 도함수의 합이므로 {count:개의} 항을 각각 미분하여 더합니다.",
    "sum.difference": "차의 미분법: 차의 도함수는 도함수의 차이므로 {count:개의} 항을 각각 부호와 함께 미분하여 "
                      "더합니다.",
    "sum.both": "합·차의 미분법: {count:개의} 항을 각각 부호와 함께 미분하여 더합니다.",
    "identity": "항등함수의 미분: {formula}입니다.",
    "constant_multiple": "상수배의 미분법: {constant:은/는} 상수 인수이므로 {formula}입니다.",
    "constant_multiple.held": "상수배의 미분법: {held:을/를} 상수로 보면 {constant:은/는} 상수 인수이므로 {formula}입니다.",
    # the factor is the held variable itself: "y를 상수로 보면 y는 상수 인수" would say it twice
    "constant_multiple.held.itself": "상수배의 미분법: {held:을/를} 상수로 보므로 상수 인수로 앞에 꺼내면 {formula}입니다.",
    "power": "거듭제곱의 미분법: {formula}에서 {n_is}입니다.",
    "rewrite.root": "거듭제곱 꼴로 고쳐 쓰기: 근호를 지수로 나타내면 {formula}입니다. 거듭제곱의 미분법에 따라 "
                    "{power}에서 {n_is}이므로 {applied}입니다.",
    "rewrite.reciprocal": "거듭제곱 꼴로 고쳐 쓰기: 역수를 음의 지수로 나타내면 {formula}입니다. 거듭제곱의 미분법에 "
                          "따라 {power}에서 {n_is}이므로 {applied}입니다.",
    "rewrite.sinc": "몫의 꼴로 고쳐 쓰기: {var_ne_0}에서 {formula}입니다 ({var_is_0}에서 sinc의 값은 1, "
                    "도함수는 0입니다. 아래 식은 그 점에서 정의되지 않지만 극한값은 0입니다).",
    "product.pieces": "곱의 미분법: {g_is}, {h_is:이라/라} 두면 {formula}입니다.",
    "product.many.pieces": "{count:개의} 인수의 곱의 미분법: 인수를 하나씩 미분하고 나머지는 그대로 두어 얻은 "
                           "{count:개의} 곱을 더합니다.",
    "quotient.pieces": "몫의 미분법: {g_is}, {h_is:이라/라} 두면 {formula}입니다.",
    "chain.pieces": "합성함수의 미분법(연쇄 법칙): {let:이라/라} 두면 {formula}입니다.",
    "substituted": "대입하면 {assembled}입니다.",
    "substituted.simplified": "대입하면 {assembled}이고, 계산하면 {result}입니다.",
    "substituted.simplified.display": "대입하여 계산하면 다음과 같습니다.",
    "display.follows": "다음과 같습니다.",
    "display.numbered": "식 ({number})",
    "sum.closing": "각 항을 미분한 결과를 더하면 {result}입니다.",
    "sum.closing.simplified": "각 항을 미분한 결과를 더하면 {added}이고, 계산하면 {result}입니다.",
    "sum.difference.closing": "각 항을 부호와 함께 미분한 결과를 더하면 {result}입니다.",
    "sum.difference.closing.simplified": "각 항을 부호와 함께 미분한 결과를 더하면 {added}이고, 계산하면 {result}입니다.",
    "sum.both.closing": "각 항을 부호와 함께 미분한 결과를 더하면 {result}입니다.",
    "sum.both.closing.simplified": "각 항을 부호와 함께 미분한 결과를 더하면 {added}이고, 계산하면 {result}입니다.",
    "constant_multiple.closing": "상수 인수를 곱하면 {result}입니다.",
    "constant_multiple.closing.simplified": "상수 인수를 곱하면 {product}이고, 계산하면 {result}입니다.",
    "closing": "따라서 도함수는 {result}입니다.",
    "chain.dependent": "합성함수의 미분법(연쇄 법칙): 속함수 {let:은/는} {var}의 함수이므로 {formula}입니다.",
    "dependent": "{y:은/는} {var}의 함수 {function}이므로 {formula}입니다.",
    # 진수 조건: the condition a textbook states for a logarithm's argument, where ln f needs it
    "general_power.pieces": "로그 미분법: {let:이라/라} 두고, 진수 조건 {base_gt_0}에서 양변에 자연로그를 취하면 "
                            "{logged}입니다. 양변을 {var}에 대하여 미분하면, 좌변은 합성함수의 미분법에 따라 "
                            "{differentiated}입니다.",
    "general_power.positive.pieces": "로그 미분법: {let:이라/라} 두면, 모든 {var}에 대하여 {base_gt_0}이므로 양변에 "
                                     "자연로그를 취하면 {logged}입니다. 양변을 {var}에 대하여 미분하면, 좌변은 "
                                     "합성함수의 미분법에 따라 {differentiated}입니다.",
    "general_power.closing": "양변에 {y:을/를} 곱하고 {let:을/를} 다시 대입하면 {solved}입니다.",
    "exp.e": "지수함수의 미분: {formula}입니다.",
    "exp.base": "지수함수의 미분: {formula}에서 {a_is}입니다.",
    "exp.zero": "{zero_power}의 값은 {var_gt_0}에서 0이고 ({var_is_0}에서 1, {var_lt_0}에서 정의되지 않음) 미분 가능한 "
                "곳에서는 상수이므로 {var_gt_0}에서 {formula}입니다 (ln 0은 수가 아니므로 {general}의 미분 공식은 "
                "쓸 수 없습니다).",
    "log.e": "로그함수의 미분: {formula}입니다.",
    "log.base": "로그함수의 미분: {formula}에서 {b_is}입니다.",
    "inverse_trig.atan2": "atan2의 미분: {angle:은/는} 점 {point}의 각이고, {f_is}, {g_is:이라/라} 두면 {formula}입니다.",
    "abs.abs": "절댓값의 미분: {var_gt_0}에서는 {right}이므로 도함수가 {one}이고, {var_lt_0}에서는 {left}이므로 "
               "도함수가 {minus_one}입니다. 따라서 {var_ne_0}에서 {formula}({var}의 부호){:이고/고}, {var_is_0}에서는 "
               "미분할 수 없습니다.",
    "abs.abs.itself": "절댓값의 미분: {var_gt_0}에서는 {right}이므로 도함수가 {one}이고, {var_lt_0}에서는 {left}이므로 "
                      "도함수가 {minus_one}입니다. 따라서 {var_ne_0}에서 도함수는 {result}({var}의 부호){:이고/고}, "
                      "{var_is_0}에서는 미분할 수 없습니다.",
    "special.sigmoid": "시그모이드 함수의 미분: {formula}입니다.",
    "special.softplus": "소프트플러스 함수의 미분: {formula}이며, σ는 시그모이드 함수입니다.",
    "piecewise.relu": "ReLU의 미분: relu({var}) = max(0, {var})의 기울기는 {var_gt_0}에서 1, {var_lt_0}에서 0입니다. "
                      "{var_is_0}에서는 그래프가 꺾여 미분할 수 없습니다. 도함수는 단위 계단 함수 H로 쓰며 "
                      "PyTorch처럼 relu′(0) = H(0) = 0으로 두지만, 꺾인 점에서의 값은 구하지 않습니다.",
    "piecewise.sign": "부호함수는 0의 양쪽에서 상수(−1 또는 1)이므로 도함수가 0입니다. 0에서는 −1에서 1로 "
                      "2만큼 뛰므로 도함수는 디랙 델타의 두 배인 2·δ({var})입니다. δ는 보통의 함수가 아니라 "
                      "일반화 함수입니다.",
    "piecewise.Heaviside": "단위 계단 함수 H는 0의 양쪽에서 상수(왼쪽에서 0, 오른쪽에서 1)이므로 도함수가 "
                           "0입니다. 0에서는 1만큼 뛰므로 도함수는 디랙 델타 δ({var})입니다. δ는 보통의 함수가 "
                           "아니라 일반화 함수입니다.",
    "unknown": "{expr}에 맞는 symdiff 법칙이 없습니다: 이 결과는 단계별로 유도한 것이 아니라 SymPy가 계산한 것입니다.",
    "function": "{family}: {formula}입니다.",
    "function.acosh": "{family}: {formula}이며, {var_gt_1}에서 {simpler:과/와} 같습니다.",
    "function.acosh.itself": "{family}: {var_gt_1}에서 {simpler:과/와} 같습니다.",
    "heading": "{expr}의 {var}에 대한 편미분",
    "heading.held": "{held:을/를} 상수로 고정",
    "derivation.of": "{function}의 {symbol}",
    "derivation.of.displayed": "위 함수의 {symbol}",
    # in parentheses: after a comma, "∂f/∂w_1, w_2, x_1를 상수로 고정" would read w_1 into the list
    "heading.with_held": "{head} ({held})",
    "result": "∂f/∂{var}",
    "simplified": "정리하면",
    "simplified.factor": "공통인수 {factor:을/를} 묶어 내면",
    "simplified.factor.inner": "{sum:을/를} {product:으로/로} 인수분해하면",
    "simplified.denominator": "통분하면",
    "simplified.multiply": "분자와 분모에 {factor:을/를} 곱하면",
    "simplified.collect": "괄호 안의 동류항을 모으면",
    "simplified.line": "{label} {math}입니다.",
    "simplified.using": "{identity:을/를} 이용하여 정리하면",
    "simplified.using.two": "{identity:과/와} {other:을/를} 이용하여 정리하면",
}

_FAMILY_KO = {
    "trig": "삼각함수의 미분",
    "inverse_trig": "역삼각함수의 미분",
    "hyperbolic": "쌍곡선함수의 미분",
    "inverse_hyperbolic": "역쌍곡선함수의 미분",
}

# How each contract rule is named in output (the JSON keeps the contract's names).
KO.update({
    "rule.constant": "상수의 미분", "rule.identity": "항등함수의 미분", "rule.sum": "합·차의 미분법",
    "rule.constant_multiple": "상수배의 미분법", "rule.power": "거듭제곱의 미분법", "rule.product": "곱의 미분법",
    "rule.quotient": "몫의 미분법", "rule.chain": "합성함수의 미분법", "rule.exp": "지수함수의 미분",
    "rule.log": "로그함수의 미분", "rule.trig": "삼각함수의 미분", "rule.inverse_trig": "역삼각함수의 미분",
    "rule.hyperbolic": "쌍곡선함수의 미분", "rule.inverse_hyperbolic": "역쌍곡선함수의 미분",
    "rule.general_power": "로그 미분법", "rule.abs": "절댓값의 미분", "rule.piecewise": "구간별 함수의 미분",
    "rule.rewrite": "고쳐 쓰기", "rule.special": "시그모이드 함수의 미분", "rule.unknown": "해당 법칙 없음",
    "rule.dependent": "음함수의 미분법",
    "document.heading": "{f}의 {symbol}",
    "document.result": "결과", "document.warning": "주의", "document.note": "참고", "document.gradient": "그래디언트(기울기 벡터)", "document.hessian": "헤세 행렬",
    "document.jacobian": "야코비 행렬", "document.descent": "경사 하강법",
})
EN.update({f"rule.{name}": name.replace("_", " ") for name in (k[5:] for k in KO if k.startswith("rule."))})
EN["rule.dependent"] = "dependent variable"  # implicit differentiation's y = y(x)
EN["rule.general_power"] = "logarithmic differentiation"  # OpenStax's "general power rule" is (uⁿ)′ = nuⁿ⁻¹u′
EN["rule.unknown"] = "no rule"  # the rule book's name for it: "unknown" read as an unknown function
EN.update({"document.heading": "{symbol} of {f}", "document.result": "Result", "document.warning": "Caution",
           "document.note": "Note",
           "document.gradient": "Gradient",
           "document.hessian": "Hessian", "document.jacobian": "Jacobian", "document.descent": "Gradient descent"})
# An HTML page's title, above its results: what the command shows (each result's heading says of what)
EN.update({"page.partial": "Partial derivatives", "page.derivative": "Derivative", "page.grad": "Gradients", "page.hessian": "Hessian matrix",
           "page.jacobian": "Jacobian matrix", "page.check": "Checked answers", "page.implicit": "Implicit differentiation",
           "page.tangent": "Tangent lines and planes", "page.descend": "Gradient descent",
           "page.matrix": "Matrix derivatives", "page.backprop": "Backpropagation", "page.practice": "Practice",
           "page.rules": "Rules of differentiation"})
KO.update({"page.partial": "편도함수", "page.derivative": "도함수", "page.grad": "그래디언트", "page.hessian": "헤세 행렬",
           "page.jacobian": "야코비 행렬", "page.check": "답 확인", "page.implicit": "음함수 미분",
           "page.tangent": "접선과 접평면", "page.descend": "경사 하강법", "page.matrix": "행렬 미분",
           "page.backprop": "역전파", "page.practice": "연습 문제", "page.rules": "미분법"})
# The labels of `symdiff serve`'s page (symdiff.web): its form and buttons.
EN.update({"web.title": "symdiff: derivatives step by step", "web.command": "Command", "web.expr": "Expression",
           "web.var": "Variables", "web.vars": "Variable order", "web.at": "At the point", "web.answer": "Answer to check",
           "web.wrt": "Differentiate by", "web.shape": "Shapes", "web.dx": "Independent variable",
           "web.dy": "Dependent variable", "web.layers": "Layers", "web.activation": "Activation",
           "web.lang": "Language", "web.read": "Read as", "web.copy.markdown": "Copy as Markdown (Obsidian)",
           "web.copy.latex": "Copy as LaTeX", "web.copied": "Copied", "web.link": "Copy link",
           "web.working": "Working…", "web.offline": "Runs on this computer, with no network."})
KO.update({"web.title": "symdiff: 단계별 미분", "web.command": "명령", "web.expr": "식",
           "web.var": "변수", "web.vars": "변수 순서", "web.at": "계산할 점", "web.answer": "확인할 답",
           "web.wrt": "미분할 변수", "web.shape": "크기", "web.dx": "독립변수",
           "web.dy": "종속변수", "web.layers": "층", "web.activation": "활성화 함수",
           "web.lang": "언어", "web.read": "읽은 식", "web.copy.markdown": "Markdown으로 복사 (Obsidian)",
           "web.copy.latex": "LaTeX으로 복사", "web.copied": "복사됨", "web.link": "링크 복사",
           "web.working": "계산 중…", "web.offline": "네트워크 없이 이 컴퓨터에서 실행"})

# The words around the mathematics: every human line a command prints, by key. A key ending in
# ".one" is the singular form `plural` picks for a count of 1.
EN.update({
    "line": "line {line}",
    "error": "error",
    "at": "at {point}",
    "value_at": "{expr} {value} at {point}",
    "list.more": "{shown}, … ({count} in all)",
    "shared": "with its repeated parts named",
    "shared.where": "where",
    # --check
    "check.agree": "check: {derivative} agrees with central finite differences at {points} random points; "
                   "largest relative difference {error} (at {at}), where the central difference itself is "
                   "accurate to about {estimate} (Richardson's estimate from steps h = {h} and h/2, {digits} digits)",
    "check.agree.one": "check: {derivative} agrees with central finite differences at {points} random point; "
                       "relative difference {error} (at {at}), where the central difference itself is "
                       "accurate to about {estimate} (Richardson's estimate from steps h = {h} and h/2, {digits} "
                       "digits)",
    "check.agree.many": "check: {count} derivatives agree with central finite differences at {points} random "
                        "points in all; largest relative difference {error} ({derivative} at {at}), where the central "
                        "difference itself is accurate to about {estimate} (Richardson's estimate from steps "
                        "h = {h} and h/2, {digits} digits)",
    "check.unchecked": "check: not checked (no random point found where the function is real and defined)",
    "check.unchecked.unresolved": "check: not checked: the function is real at the random points tried, but it "
                                  "changes too fast there for central finite differences to resolve "
                                  "{derivative}, even with a step of {h}",
    "check.unchecked.not_computed": "check: not checked: the function could not be computed at any random point "
                                    "tried",
    # one derivative of several that no point could judge (the others' agreement is said above it)
    "check.unchecked.unresolved.named": "check: {derivative} not checked: the function is real at the random points "
                                        "tried, but it changes too fast there for central finite differences to "
                                        "resolve it, even with a step of {h}",
    "check.unchecked.named": "check: {derivative} not checked (no random point found where the function is real "
                             "and defined)",
    "check.unchecked.not_computed.named": "check: {derivative} not checked: the function could not be computed at "
                                          "any random point tried",
    "check.disagree": "check: {derivative} DISAGREES with central finite differences at {at}: they give "
                      "{expected}, the result gives {actual}",
    # grad. A value at the point ({value}, {norm}, {u}, and value_at's) comes with its relation, "= 4" or
    # "≈ 4.04239": only the renderer knows whether the decimal it shows was rounded.
    "grad.omitted": "The steps for the other {count} partials are not shown.",
    "grad.omitted.one": "The steps for the other partial are not shown.",
    # a label: the option that shows them (--var and this name) follows it, apart from any sentence
    "grad.omitted.hint": "steps for one variable",
    "grad.omitted.name": "NAME",
    # ∇ taken by some of f's names only (--vars w,b of a loss in w, b, x, y)
    "grad.by": "{nabla} with respect to ({vars})",
    "grad.norm": "|∇{f}| {norm}, the length of ∇{f}: the rate at which {f} rises fastest there",
    "grad.stationary": "∇{f} = 0: a stationary point (a minimum, a maximum or a saddle); no direction of "
                       "steepest ascent",
    "grad.ascent": "steepest ascent: along ∇{f}/|∇{f}| {u}, where {f} rises fastest",
    "grad.descent": "steepest descent: along −∇{f}/|∇{f}| {u}, where {f} falls fastest (the direction gradient "
                    "descent steps in)",
    "grad.stationary.short": "∇{f} = 0: a stationary point (a minimum, a maximum or a saddle)",
    "grad.ascent.short": "steepest ascent ({f} rises fastest, at rate |∇{f}|): ∇{f}/|∇{f}| {u}",
    "grad.descent.short": "steepest descent (gradient descent steps this way): −∇{f}/|∇{f}| {u}",
    "grad.norm.doc": "the length of the gradient, the rate at which {f} rises fastest there: {formula}",
    "grad.stationary.doc": "{formula}: a stationary point (a minimum, a maximum or a saddle); no direction of "
                           "steepest ascent",
    "grad.ascent.doc": "steepest ascent, where {f} rises fastest: {formula}",
    "grad.descent.doc": "steepest descent, where {f} falls fastest (the direction gradient descent steps in): "
                        "{formula}",
    "grad.directional": "directional derivative along {u}, the given direction made a unit vector:",
    "grad.directional.at": "at {point}: D_𝐮 {f} {value}; it is largest along ∇{f} itself, where it equals "
                           "|∇{f}| {norm}",
    "grad.directional.short": "at {point}: D_𝐮 {f} {value} (largest along ∇{f}, where it is |∇{f}| {norm})",
    "grad.directional.at.doc": "at {point}: {formula}; it is largest along {nabla} itself, where it equals {norm}",
    # hessian
    # one colon, the one that opens the steps below (as "∂f/∂x, holding y constant:" does)
    "hessian.second": "{name}, differentiating ∂{f}/∂{of} = {expr} with respect to {by}:",
    # under a heading that names the second partial: what is differentiated, and by which variable
    "hessian.second.lead": "differentiating {inner} with respect to {var}:",
    "hessian.entries": "second partials:",
    "hessian.nonzero": "nonzero second partials",
    # the text views' list: the first place H is written, so it is named there (a document's heading names it)
    "hessian.entries.named": "second partials, the entries of the Hessian matrix H:",
    "hessian.nonzero.named": "nonzero second partials, entries of the Hessian matrix H",
    "hessian.zero": "every second partial is 0",
    "hessian.differ": "mixed partials that differ by order: {pairs}",
    "hessian.others.zero": "every other second partial is 0",
    "hessian.omitted": "(the steps of the other {count} second partials are not shown; H gives their values)",
    "hessian.omitted.one": "(the steps of the other second partial are not shown; H gives its value)",
    "hessian.symmetric": "by Schwarz's (Clairaut's) theorem the mixed partials agree in either order, as they do here for "
                         "all {count} pairs, so the Hessian {H} is symmetric",
    "hessian.symmetric.two": "by Schwarz's (Clairaut's) theorem the mixed partials agree in either order, as they do here "
                             "for both pairs, so the Hessian {H} is symmetric",
    "hessian.symmetric.one": "by Schwarz's (Clairaut's) theorem the two mixed partials {first} and {second} agree, so "
                             "the Hessian {H} is symmetric",
    "hessian.symmetric.short": "mixed partials agree in either order for all {count} pairs (Schwarz's or Clairaut's theorem): "
                               "the Hessian {H} is symmetric",
    "hessian.symmetric.short.two": "mixed partials agree in either order for both pairs (Schwarz's or Clairaut's theorem): "
                                   "the Hessian {H} is symmetric",
    "hessian.symmetric.short.one": "{first} = {second} (Schwarz's or Clairaut's theorem): the Hessian {H} is symmetric",
    "hessian.matrix": "H (rows and columns {names}):",
    # the second-derivative test at a point (symdiff.features.extrema)
    "extremum.heading": "second-derivative test at {P}:",
    "extremum.critical": "{formula}, so {P} is a critical point",
    "extremum.not_critical": "{formula}, so {P} is not a critical point, and the second-derivative test does "
                             "not apply there",
    "extremum.discriminant": "the discriminant is {formula}",
    "extremum.minors": "the leading principal minors of {H} are {minors}",
    "extremum.local_minimum.one": "{second}, so {f} has a local minimum value {value} at {P}",
    "extremum.local_maximum.one": "{second}, so {f} has a local maximum value {value} at {P}",
    "extremum.inconclusive.one": "{second}, so the test is inconclusive: {f} may have a local minimum, a local "
                                 "maximum or neither at {P}",
    "extremum.local_minimum.two": "{D} and {first}, so {f} has a local minimum value {value} at {P}",
    "extremum.local_maximum.two": "{D} and {first}, so {f} has a local maximum value {value} at {P}",
    "extremum.saddle_point.two": "{D}, so {P} is a saddle point of {f}",
    "extremum.inconclusive.two": "{D}, so the test is inconclusive: {f} may have a local minimum, a local maximum "
                                 "or neither at {P}",
    "extremum.local_minimum.many": "all are positive, so {H} is positive definite and {f} has a local minimum "
                                   "value {value} at {P}",
    "extremum.local_maximum.many": "their signs alternate, starting negative, so {H} is negative definite and {f} has a "
                             "local maximum value {value} at {P}",
    "extremum.saddle_point.many": "none is 0 and their signs are neither all positive nor alternating from "
                                  "negative, so {H} is indefinite and {P} is a saddle point of {f}",
    "extremum.eigenvalues": "a minor is 0, so the minors do not decide; the signs of the eigenvalues of {H} do: "
                            "{positive} positive, {negative} negative, {zero} zero",
    "extremum.local_minimum.eigen": "every eigenvalue is positive, so {f} has a local minimum value {value} at {P}",
    "extremum.local_maximum.eigen": "every eigenvalue is negative, so {f} has a local maximum value {value} at {P}",
    "extremum.saddle_point.eigen": "{H} has eigenvalues of both signs, so {P} is a saddle point of {f}",
    "extremum.inconclusive.eigen": "{H} has a zero eigenvalue and the others share one sign, so the test is "
                                   "inconclusive: {f} may have a local minimum, a local maximum or neither at {P}",
    # jacobian
    "jacobian.matrix": "J ({m}×{n}, rows {rows}, columns {names}):",
    "jacobian.matrix.short": "J ({m}×{n}), entry (i, j) = ∂f_i/∂x_j",
    # check
    "check.question": "question: {question}",
    "check.answer": "answer:   {answer}",
    "check.unreadable": "unreadable: {error}",
    "check.right.symbolic": "right: proved equal symbolically to {derivative}",
    "check.inconclusive": "inconclusive: not proved equal to {derivative}, but no difference found at {points} "
                          "points in exact arithmetic; agreeing at points is no proof, so check it by hand",
    "check.inconclusive.real_nowhere": "inconclusive: the function is real at none of the random points tried, so "
                                       "{derivative} has no real value to compare the answer with; check it by hand",
    "check.inconclusive.domain": "inconclusive: equal to {derivative} where the answer is real, but the answer is "
                                 "not real everywhere {derivative} is, so it is right only in part; check it by hand",
    "check.wrong": "wrong: at {at} the answer is {answer} but {derivative} is {correct}",
    "check.wrong.constant": "wrong: the answer is {answer} but {derivative} is {correct}",
    # the answer has no value there: said in words, not set as a value ($\text{undefined}$)
    "check.wrong.undefined": "wrong: at {at} the answer is undefined but {derivative} is {correct}",
    "check.wrong.constant.undefined": "wrong: the answer is undefined but {derivative} is {correct}",
    "check.undefined": "undefined",
    "check.difference": "the answer minus {derivative} there is {difference}, which is not ⟦0⟧",
    "check.correct": "{derivative} is {correct}",
    # What check's question asks for, named as a textbook names it (check.derivative.*; see
    # answers.Verdict.derivative_words).
    "check.derivative": "the derivative",
    "check.derivative.partial": "the partial derivative",
    "check.derivative.second": "the second derivative",
    "check.derivative.second.partial": "the second partial derivative",
    "check.derivative.higher": "the derivative of order {order}",
    "check.derivative.higher.partial": "the partial derivative of order {order}",
    # {message} has no colon of its own (a semicolon or a full stop instead): a second one on the line
    # read as a label inside the label
    "check.mistake": "likely mistake ({kind}): {message}",
    "check.steps": "the steps:",
    "check.inconclusive.precision": "inconclusive: not proved equal to {derivative}, and at no point tried could "
                                    "evaluation tell whether they differ, even at its highest precision; check it "
                                    "by hand",
    "mistake.missing_chain_factor": "missing chain factor",
    "mistake.power_rule_on_exponential": "power rule on exponential",
    "mistake.product_factor_by_factor": "product factor by factor",
    "mistake.quotient_rule_order": "quotient rule order",
    "mistake.quotient_rule_sign": "quotient rule sign",
    "mistake.product_rule_sign": "product rule sign",
    "mistake.constant_not_dropped": "constant not dropped",
    "mistake.sign_error": "sign error",
    "mistake.not_held_constant": "not held constant",
    "mistake.wrong_variable": "wrong variable",
    "mistake.exponent_not_lowered": "exponent not lowered",
    "mistake.held_power_differentiated": "power of a held variable differentiated",
    "mistake.constant_of_integration": "a constant of integration added",
    "diagnosis.missing_chain_factor": "the chain rule needs the inner derivative, {rule}; the factor "
                                      "{inner_result} (the derivative of {inner}) is missing",
    "diagnosis.exponent_not_lowered": "the power rule lowers the exponent by one, from {n} to {lowered}, so "
                                      "{expr} gives {result}, not {wrong}",
    "diagnosis.power_rule_on_exponential": "{expr} has the variable in the exponent, so the power rule does "
                                           "not apply; {claim}, not {wrong}",
    "diagnosis.product_factor_by_factor": "the derivative of a product is not the product of the derivatives; "
                                          "use {rule} on {expr}",
    "diagnosis.quotient_rule_order": "the quotient rule's numerator is {numerator} (in that order) with "
                                     "{g_is}, {h_is}; the answer has the opposite sign",
    "diagnosis.quotient_rule_sign": "the quotient rule's numerator is a difference, {numerator}, with {g_is}, "
                                    "{h_is}; the answer adds the two terms",
    "diagnosis.product_rule_sign": "the product rule adds its terms, {rule}; the answer subtracts one from the "
                                   "other",
    "diagnosis.constant_not_dropped": "{expr} does not depend on {var}, so its derivative is 0; it should not "
                                      "stay in the answer",
    "diagnosis.sign_error": "the sign of {derivative} is wrong; it is {result}, not {wrong}",
    "diagnosis.sign_error.whole": "the answer has the wrong sign",
    "diagnosis.not_held_constant": "a partial derivative holds {names} constant; the answer also "
                                   "differentiated {names} as if they changed with {var}",
    "diagnosis.not_held_constant.one": "a partial derivative holds {names} constant; the answer also "
                                       "differentiated {names} as if it changed with {var}",
    "diagnosis.wrong_variable": "this is the derivative with respect to {other}; the question asks for the "
                                "derivative with respect to {var}",
    "diagnosis.constant_of_integration": "a derivative takes no constant of integration {name} ({name} belongs to "
                                         "an indefinite integral)",
    "diagnosis.held_power_differentiated": "with {held} held constant in the partial derivative with respect to "
                                           "{var}, {power} is a constant factor and stays as it is; the answer has "
                                           "{wrong} in its place",
    # implicit
    "implicit.function": "here {y} is a function of {x}, {function}, given implicitly by the equation {equation}: "
                         "differentiate both sides with respect to {x}, term by term, with the chain rule wherever {y} occurs",
    "implicit.left": "left",
    "implicit.right": "right",
    "implicit.side": "the {side} side, {expr}, differentiated with respect to {x}:",
    "implicit.equal": "the derivatives of the two sides are equal:",
    "implicit.collect": "collect the terms with {dydx} on the left side and the other terms on the right side:",
    "implicit.factor": "factor out {dydx}:",
    "implicit.solve": "divide both sides by {coefficient}, the coefficient of {dydx}:",
    # two sentences, as in Korean: one line with two colons read as a label inside a label
    "implicit.check": "check with partial derivatives. For {definition}, the left side minus the right side, "
                      "the formula {formula} gives the same result:",
    "implicit.agree": "this is the same {dydx} that implicit differentiation gave above.",
    "implicit.where": "(where {condition})",
    # as a textbook says it: off the curve there is no tangent line, and the formula's value is no slope
    "implicit.off_curve": "the point {point} is not on the curve ({value}), so the curve has no tangent line there, "
                          "and the formula for {dydx} evaluated there is not a slope of the curve",
    # the point is (x, y); the constants' values are said apart from it ("with r = 3"), never folded into it
    "implicit.off_curve.with": "with {constants}, the point {point} is not on the curve ({value}), so the curve has no "
                               "tangent line there, and the formula for {dydx} evaluated there is not a slope of the curve",
    "implicit.on_curve.with": "with {constants}, the point {point} is on the curve ({check}), and there {slope}",
    "implicit.vertical.with": "with {constants}, at {point}, {fy}, so the tangent is vertical there and {dydx} is not defined",
    "implicit.singular.with": "with {constants}, at {point}, {fy}: a singular point of the curve, with no single tangent, "
                              "so {dydx} is not defined there",
    "implicit.on_curve": "the point {point} is on the curve ({check}), and there {slope}",
    "implicit.vertical": "at {point}, {fy}, so the tangent is vertical there and {dydx} is not defined",
    "implicit.singular": "at {point}, {fy}: a singular point of the curve, with no single tangent, so {dydx} is not defined there",
    # tangent
    "tangent.line": "tangent line",
    "tangent.plane": "tangent plane",
    "tangent.hyperplane": "tangent hyperplane",
    "tangent.point": "the {kind} to the {graph} {function} at {point}",
    "tangent.graph.1": "curve",
    "tangent.graph.2": "surface",
    "tangent.graph.n": "graph",
    "tangent.general": "the {kind} at {at} is {formula}, the linear approximation of {f} there",
    "tangent.general.partials": "the {kind} at {at} is {formula}, the linear approximation of {f} there, where "
                                "{partials} are the partial derivatives",
    "tangent.values": "with {values}:",
    # descend
    "descend.head": "gradient descent: {rule} with η = {lr}, from {start}",
    "descend.more": "… {count} more steps …",
    "descend.converged": "converged",
    "descend.stopped": "stopped",
    "descend.final": "final point {point}, where f {value}",
    "descend.data": "with {data} held fixed",
    # documents: the values arrive typeset (w ← w − η∇f, η = 0.1, f = 1.2)
    "descend.head.doc": "gradient descent: {rule} with {lr}, from {start}",
    "descend.final.doc": "final point {point}, where {value}",
    "tangent.point.doc": "{kind} to the {graph} {function} at {point}",
    "descend.reason.converged": "{size} fell below the tolerance {tol}",
    "descend.reason.converged.zero": "{slope} is exactly ⟦0⟧ there, a critical point",
    "descend.reason.converged.resolution": "{size} fell to {grad}, as near ⟦0⟧ as floating point can tell here: "
                                           "a further step no longer moves the point",
    "descend.reason.converged.noise": "{size} fell to {grad}, as near ⟦0⟧ as floating point can tell at this point: "
                                      "what is left of {slope} is rounding error, as each of its components changes "
                                      "sign when its coordinate moves {within} downhill, a few units in the last "
                                      "place of the point's coordinates",
    "descend.reason.unbounded": "{size} fell to {grad} at {at}, but ⟦f⟧ is still falling there: going on downhill "
                                "({away}), ⟦f⟧ keeps decreasing as far as floating point reaches, so ⟦f⟧ has no "
                                "minimum that way; the small {slope} is ⟦f⟧ flattening out, not a minimum",
    # steps used up while |∇f| shrank ever more slowly, because f flattens out for ever (−ln x, e⁻ˣ, 1/x)
    "descend.reason.unbounded.steps": "all {steps} steps were taken, and {size} is still shrinking, down to {grad} "
                                      "at {at}, but towards no minimum: going on downhill ({away}), ⟦f⟧ keeps "
                                      "decreasing as far as floating point reaches, so ⟦f⟧ has no minimum that way; "
                                      "{size} shrinks because ⟦f⟧ flattens out, and more steps only take the "
                                      "iterates further out",
    # a flat spot f falls on past, ever more steeply (x·|x| at 0): the run stalled, f has no minimum there
    "descend.reason.unbounded.past": "{size} fell to {grad} at {at}, but this is no minimum: {slope} is nearly ⟦0⟧ "
                                     "here, yet ⟦f⟧ goes on falling past this point, ever more steeply ({away}), as far as "
                                     "floating point reaches; the descent slowed down at a flat spot of ⟦f⟧, not at a "
                                     "minimum",
    "descend.reason.unbounded.past.zero": "{slope} is exactly ⟦0⟧ at {at}, but this is no minimum: ⟦f⟧ goes on "
                                          "falling past it, ever more steeply ({away}), as far as floating "
                                          "point reaches",
    # a tolerance so loose that |∇f| fell below it far from any critical point (or at the start)
    "descend.loose": "but {size} is still {loose_grad} there, not near ⟦0⟧: the tolerance {tol} is too loose to tell "
                     "whether a minimum, or any critical point, is near",
    "descend.critical.maximum": "but this is no minimum: {curve} is negative there, so ⟦f⟧ curves downwards and "
                                "the critical point the descent stopped at is a local maximum of ⟦f⟧",
    "descend.critical.maximum.hessian": "but this is no minimum: the Hessian there has the eigenvalues {curve}, all "
                                        "negative, so the critical point the descent stopped at is a local maximum "
                                        "of ⟦f⟧",
    "descend.critical.saddle.hessian": "but this is no minimum: the Hessian there has the eigenvalues {curve}, of both "
                                       "signs, so the critical point the descent stopped at is a saddle point of ⟦f⟧: "
                                       "⟦f⟧ still decreases in some directions from it",
    "descend.critical.flat.hessian": "but this is no minimum: the Hessian there has the eigenvalues {curve}, one of "
                                     "them negative, so ⟦f⟧ still decreases in some direction from it",
    # a degenerate critical point the run crawls towards, that f falls past (x⁴ − x³ towards 0)
    "descend.critical.inflection": "but this is no minimum: {critical_at} is a critical point with {curve}, where ⟦f⟧ "
                                   "keeps falling on the far side (an inflection point); descent only crawls "
                                   "towards it, ever more slowly",
    "descend.critical.inflection.zero": "but this is no minimum: it is a critical point with {curve}, where ⟦f⟧ keeps "
                                        "falling on the far side (an inflection point); the descent stopped only "
                                        "because it landed on it exactly",
    # the run never moved: its start is the critical point, and ∇f = 0 there leaves nothing to follow
    "descend.critical.inflection.start": "but this is no minimum: the start is a critical point with {curve}, where "
                                         "⟦f⟧ falls on one side (an inflection point); with {slope} = ⟦0⟧ there, "
                                         "gradient descent has nothing to follow and never moves: start elsewhere",
    "descend.critical.degenerate.hessian.start": "but this is no minimum: the start is a critical point where the "
                                                 "Hessian is singular, so the second-derivative test cannot decide, "
                                                 "and ⟦f⟧ falls just past it in some direction; with {slope} = ⟦0⟧ "
                                                 "there, gradient descent has nothing to follow and never moves: "
                                                 "start elsewhere",
    "descend.critical.degenerate.hessian.zero": "but this is no minimum: the Hessian is singular there, so the "
                                                "second-derivative test cannot decide, and ⟦f⟧ keeps falling just "
                                                "past it in the direction the descent went; the descent stopped only "
                                                "because it landed on it exactly",
    "descend.critical.degenerate.hessian": "but this is no minimum: {critical_at} is a critical point where the Hessian "
                                           "is singular, so the second-derivative test cannot decide, and ⟦f⟧ keeps "
                                           "falling just past it in the direction the descent goes; descent only "
                                           "crawls towards it, ever more slowly",
    "descend.reason.steps": "all {steps} steps were taken without {size} falling below the tolerance {tol}",
    "descend.reason.steps.slow": "all {steps} steps were taken, and {size} is still shrinking towards ⟦0⟧, ever more "
                                 "slowly: from {start} at step {last} to {end} at the end, too slowly to fall below "
                                 "the tolerance {tol} within these steps; ⟦f⟧ fell at every one of these steps, so this is slow "
                                 "convergence, not a failure: more steps take it further",
    # still shrinking, but towards a critical point that is no minimum (said after it): no "not a failure"
    "descend.reason.steps.crawl": "all {steps} steps were taken, and {size} is still shrinking towards ⟦0⟧, ever more "
                                  "slowly: from {start} at step {last} to {end} at the end",
    "descend.reason.steps.all": "all {steps} steps were taken (with a tolerance of ⟦0⟧, the descent never stops early)",
    "descend.reason.steps.one": "the one step allowed was taken without {size} falling below the tolerance {tol}",
    "descend.reason.steps.all.one": "the one step allowed was taken (with a tolerance of ⟦0⟧, the descent never stops early)",
    "descend.reason.domain": "diverged at step {k}: the iterates left the domain of ⟦f⟧ (at {at}, ⟦f⟧ or {slope} is not "
                             "defined, or not real); the learning rate {lr} is too large for this function",
    # f falls all the way to its domain's edge (√x towards 0⁺): the rate is not to blame
    "descend.reason.domain.edge": "stopped at step {k}: ⟦f⟧ fell at every step and keeps falling all the way to the "
                                  "edge of its domain ({boundary}), where the step left it (at {at}, ⟦f⟧ or {slope} is not "
                                  "defined, or not real): the lowest values of ⟦f⟧ along this path are approached at "
                                  "that edge, not at a minimum inside the domain, so a smaller learning rate only gets "
                                  "there more slowly",
    "descend.undefined": "not defined",
    "descend.reason.runaway": "diverged at step {k}: {iterate} grew without bound, from {start} at the start to "
                              "{end} at step {last}; the learning rate {lr} is too large for this function",
    "descend.reason.runaway.overflow": "diverged at step {k}: the step from the iterate with {iterate} = {end} overflowed "
                                       "past the floating-point range (about {edge}); the learning rate {lr} is too large for "
                                       "this function",
    # f fell at every step without bound: no rate is to blame, f has no minimum along the path
    "descend.reason.runaway.below": "diverged at step {k}: ⟦f⟧ fell at every step, from {start} at the start to {end} "
                                    "at step {last}: ⟦f⟧ has no lower bound along this path, so it has no minimum for "
                                    "gradient descent to find there, and a smaller learning rate only falls more slowly",
    "descend.reason.runaway.value": "diverged at step {k}: ⟦|f|⟧ grew without bound, from {start} at the start to "
                                    "{end} at step {last}; the learning rate {lr} is too large for this function",
    "descend.reason.runaway.slope": "diverged at step {k}: {size} grew without bound, from {start} at the start to "
                                    "{end} at step {last}; the learning rate {lr} is too large for this function",
    "descend.reason.runaway.range": "stopped at step {k}: ⟦f⟧ is {value}, near the edge of the floating-point range "
                                    "(about {edge}) that descent computes in, where running away cannot be told "
                                    "from a large value; the learning rate is not to blame: start nearer the "
                                    "minimum or rescale ⟦f⟧",
    "descend.reason.rising": "diverged at step {k}: ⟦f⟧ rose at each of the last {count} steps; the learning rate "
                             "{lr} is too large for this function",
    "descend.reason.uphill": "diverged: after {count} steps ⟦f⟧ is {end}, higher than {start} at the start; the "
                             "learning rate {lr} is too large for this function",
    "descend.reason.uphill.one": "diverged: after {count} step ⟦f⟧ is {end}, higher than {start} at the start; the "
                                 "learning rate {lr} is too large for this function",
    "descend.reason.cycle": "was caught in a cycle at step {k}: the iterates repeat every {period} steps with ⟦f⟧ near "
                            "{value} and never converge; the learning rate {lr} is too large for this function",
    "descend.reason.stuck": "made no progress by step {k}: over the last {count} steps ⟦f⟧ hardly fell and {size} did "
                            "not shrink; the learning rate {lr} is too large for this function",
    "descend.reason.stuck.one": "made no progress by step {k}: in {count} step ⟦f⟧ hardly fell and {size} did not "
                                "shrink; the learning rate {lr} is too large for this function",
    "descend.reason.stuck.frozen": "made no progress by step {k}: no step moved {point}, because {update} rounds "
                                   "back to {point} in floating point; the learning rate {lr} is too small for this "
                                   "function",
    "descend.reason.level": "did not converge by step {k}: {size} levels off near {grad} instead of going to ⟦0⟧ and ⟦f⟧ "
                            "hardly falls, as the iterates settle into an oscillation; the learning rate {lr} is too "
                            "large for this function",
    # η at or just under 2/f″ (2/λ) where a run creeps: why, and a rate well inside it that converged
    "descend.stability.at": "the learning rate {lr} is at the stability bound: near the final point {bound_curve}, and gradient "
                            "descent converges only for {bound_limit}; at the bound each step overshoots and the iterates swing "
                            "from side to side, shrinking only very slowly, which is why the run creeps; a rate well inside the "
                            "bound, such as {suggested}, converges from the same start in {trial} steps",
    "descend.stability.at.hessian": "the learning rate {lr} is at the stability bound: near the final point the largest eigenvalue of the "
                                    "Hessian is {bound_curve}, and gradient descent converges only for {bound_limit}; at the bound each "
                                    "step overshoots and the iterates swing from side to side, shrinking only very slowly, which is why "
                                    "the run creeps; a rate well inside the bound, such as {suggested}, converges from the same start in "
                                    "{trial} steps",
    "descend.stability.at.one": "the learning rate {lr} is at the stability bound: near the final point {bound_curve}, and gradient "
                                "descent converges only for {bound_limit}; at the bound each step overshoots and the iterates swing "
                                "from side to side, shrinking only very slowly, which is why the run creeps; a rate well inside the "
                                "bound, such as {suggested}, converges from the same start in {trial} step",
    "descend.stability.at.hessian.one": "the learning rate {lr} is at the stability bound: near the final point the largest eigenvalue of the "
                                        "Hessian is {bound_curve}, and gradient descent converges only for {bound_limit}; at the bound each "
                                        "step overshoots and the iterates swing from side to side, shrinking only very slowly, which is why "
                                        "the run creeps; a rate well inside the bound, such as {suggested}, converges from the same start in "
                                        "{trial} step",
    "descend.stability.under": "the learning rate {lr} is just under the stability bound: near the final point {bound_curve}, and "
                               "gradient descent converges only for {bound_limit}; so close to the bound each step overshoots and "
                               "the iterates swing from side to side, shrinking only slowly, which is why the run creeps; a rate "
                               "well inside the bound, such as {suggested}, converges from the same start in {trial} steps",
    "descend.stability.under.hessian": "the learning rate {lr} is just under the stability bound: near the final point the largest "
                                       "eigenvalue of the Hessian is {bound_curve}, and gradient descent converges only for {bound_limit}; "
                                       "so close to the bound each step overshoots and the iterates swing from side to side, shrinking only "
                                       "slowly, which is why the run creeps; a rate well inside the bound, such as {suggested}, converges "
                                       "from the same start in {trial} steps",
    "descend.stability.under.one": "the learning rate {lr} is just under the stability bound: near the final point {bound_curve}, and "
                                   "gradient descent converges only for {bound_limit}; so close to the bound each step overshoots and "
                                   "the iterates swing from side to side, shrinking only slowly, which is why the run creeps; a rate "
                                   "well inside the bound, such as {suggested}, converges from the same start in {trial} step",
    "descend.stability.under.hessian.one": "the learning rate {lr} is just under the stability bound: near the final point the largest "
                                           "eigenvalue of the Hessian is {bound_curve}, and gradient descent converges only for {bound_limit}; "
                                           "so close to the bound each step overshoots and the iterates swing from side to side, shrinking only "
                                           "slowly, which is why the run creeps; a rate well inside the bound, such as {suggested}, converges "
                                           "from the same start in {trial} step",
    # the advice states the rule that chose the rate, then what a run with it did (a fact, not the reason)
    "descend.advice.curvature.converges": "try a learning rate of {lr}: the step is too large for how sharply ⟦f⟧ "
                                          "curves at the start, where {curve}; gradient descent on a quadratic that "
                                          "curves this much converges only for {limit}; with {lr}, descent from the "
                                          "same start converges in {count} steps",
    "descend.advice.curvature.converges.one": "try a learning rate of {lr}: the step is too large for how sharply "
                                              "⟦f⟧ curves at the start, where {curve}; gradient descent on a "
                                              "quadratic that curves this much converges only for {limit}; with "
                                              "{lr}, descent from the same start converges in {count} step",
    "descend.advice.curvature.decreases": "try a learning rate of {lr}: the step is too large for how sharply ⟦f⟧ "
                                          "curves at the start, where {curve}; gradient descent on a quadratic that "
                                          "curves this much converges only for {limit}; with {lr}, descent from the "
                                          "same start lowers ⟦f⟧ from {start} to {end} in {count} steps",
    "descend.advice.curvature.decreases.one": "try a learning rate of {lr}: the step is too large for how sharply "
                                              "⟦f⟧ curves at the start, where {curve}; gradient descent on a "
                                              "quadratic that curves this much converges only for {limit}; with "
                                              "{lr}, descent from the same start lowers ⟦f⟧ from {start} to {end} in "
                                              "{count} step",
    "descend.advice.hessian.converges": "try a learning rate of {lr}: the step is too large for how sharply ⟦f⟧ "
                                        "curves at the start {origin}, where the largest eigenvalue of its Hessian "
                                        "is {curve}; gradient descent on a quadratic with this Hessian converges "
                                        "only for {limit}; with {lr}, descent from the same start converges in "
                                        "{count} steps",
    "descend.advice.hessian.converges.one": "try a learning rate of {lr}: the step is too large for how sharply ⟦f⟧ "
                                            "curves at the start {origin}, where the largest eigenvalue of its "
                                            "Hessian is {curve}; gradient descent on a quadratic with this Hessian "
                                            "converges only for {limit}; with {lr}, descent from the same start "
                                            "converges in {count} step",
    "descend.advice.hessian.decreases": "try a learning rate of {lr}: the step is too large for how sharply ⟦f⟧ "
                                        "curves at the start {origin}, where the largest eigenvalue of its Hessian "
                                        "is {curve}; gradient descent on a quadratic with this Hessian converges "
                                        "only for {limit}; with {lr}, descent from the same start lowers ⟦f⟧ from "
                                        "{start} to {end} in {count} steps",
    "descend.advice.hessian.decreases.one": "try a learning rate of {lr}: the step is too large for how sharply ⟦f⟧ "
                                            "curves at the start {origin}, where the largest eigenvalue of its "
                                            "Hessian is {curve}; gradient descent on a quadratic with this Hessian "
                                            "converges only for {limit}; with {lr}, descent from the same start "
                                            "lowers ⟦f⟧ from {start} to {end} in {count} step",
    "descend.advice.halving.converges": "try a smaller learning rate, such as {lr}: from the same start it converges "
                                        "in {count} steps",
    "descend.advice.halving.converges.one": "try a smaller learning rate, such as {lr}: from the same start it "
                                            "converges in {count} step",
    "descend.advice.halving.decreases": "try a smaller learning rate, such as {lr}: from the same start it lowers "
                                        "⟦f⟧ from {start} to {end} in {count} steps",
    "descend.advice.halving.decreases.one": "try a smaller learning rate, such as {lr}: from the same start it "
                                            "lowers ⟦f⟧ from {start} to {end} in {count} step",
    "descend.advice.none": "no smaller learning rate down to {lowest} gave a run of {steps} steps from the same "
                           "start that lowers ⟦f⟧ without diverging or cycling, so there is none to suggest",
    "descend.error": "error: gradient descent {reason}",
    "descend.failed": "gradient descent {reason}",
    "plot.written": "plot written to {path}",
    # the words on a picture (symdiff.features.plot): its title's second line and its legend
    "plot.field": "∇f points uphill, perpendicular to the level curves",
    "plot.tangent": "the gradient of a function of one variable is its slope, pointing uphill",
    "plot.descent": "gradient descent, η = {lr}: {caption}",
    "plot.label.level_curve": "level curve f = {value}",
    "plot.label.tangent": "tangent, slope {slope}",
    "plot.label.rises": "{gradient}: the way f rises",
    "plot.label.iterates": "iterates (step −η∇f), {count} steps",
    "plot.label.iterates.one": "iterates (step −η∇f), {count} step",
    "plot.label.iterates.curve": "iterates, {count} steps of −η f′",
    "plot.label.iterates.curve.one": "iterates, {count} step of −η f′",
    "plot.label.start": "start {point}",
    "plot.label.last": "last {point}",
    # practice
    # a worksheet headed as a teacher heads one: its number and the rules, in the order asked for
    "practice.head": "worksheet {seed} · {rules} ({count} exercises)",
    "practice.head.one": "worksheet {seed} · {rules} ({count} exercise)",
    "practice.rules": "{rules} rules",
    "practice.rules.one": "{rules} rule",
    "practice.exercises": "exercises:",
    "practice.answers": "answers:",
    "practice.title": "Worksheet {seed} · {rules}",
    # an answer key's condition beside its answer (√x's answer holds for x > 0)
    "practice.answer.condition": "{answer}, for {condition}",
    "practice.condition": "(for {condition})",
    "practice.count": "{count} exercises.",
    "practice.count.one": "{count} exercise.",
    # the sheet's last line, quietly, for whoever hands it out: how to have the same sheet again, in a
    # teacher's words (no seed, no option; the heading's number is the sheet's)
    "practice.seed": "the same sheet again: worksheet {seed} of these rules has these exercises in this order.",
    "practice.exercises.heading": "Exercises",
    "practice.answers.heading": "Answers",
    # panel titles of the terminal view
    "title.check": "check",
    "title.implicit": "implicit",
    "title.tangent": "tangent",
    "title.practice": "practice",
    "title.descend": "gradient descent",
    # documents
    # the heading of a gradient's document (HTML, LaTeX), naming what ∇f is as the Korean does
    "document.grad": "Gradient {nabla} of {expr}",
    # the summary after a batch (on stderr)
    "summary": "symdiff: {total} lines: {ok} {label}",
    "summary.one": "symdiff: {total} line: {ok} {label}",
    "summary.count": ", {count} {label}",
    "summary.failed": ", {count} failed ({kinds})",
    "summary.succeeded": "succeeded",
    "summary.right": "right",
    "summary.wrong": "wrong",
    "summary.unreadable": "unreadable",
    "summary.inconclusive": "inconclusive",
    # a failure's kind in the summary: the contract's error type, which a reader of English greps for
    "summary.kind.syntax": "syntax", "summary.kind.unknown_function": "unknown_function",
    "summary.kind.unsupported": "unsupported", "summary.kind.limit": "limit", "summary.kind.timeout": "timeout",
    "summary.kind.domain": "domain", "summary.kind.internal": "internal", "summary.kind.check": "check",
    "summary.kind.usage": "usage",
})

KO.update({
    "line": "{line}번째 줄",
    "error": "오류",
    "at": "{point}에서",
    "value_at": "{point}에서 {expr} {value}",
    "list.more": "{shown}, … (모두 {count}개)",
    "shared": "반복되는 부분에 이름을 붙이면",
    "shared.where": "여기서",
    "check.agree": "검산: 무작위로 고른 점 {points}개에서 {derivative:이/가} 중심 차분과 일치합니다. 최대 상대 차이는 "
                   "{error}({at}에서){:이고/고}, 그 점에서 중심 차분 자체의 정확도는 약 {estimate}입니다 (간격 h = {h}, h/2로 "
                   "구한 리처드슨 추정, {digits}자리).",
    "check.agree.one": "검산: 무작위로 고른 점 {points}개에서 {derivative:이/가} 중심 차분과 일치합니다. 상대 차이는 "
                       "{error}({at}에서){:이고/고}, 그 점에서 중심 차분 자체의 정확도는 약 {estimate}입니다 (간격 h = {h}, "
                       "h/2로 구한 리처드슨 추정, {digits}자리).",
    "check.agree.many": "검산: 도함수 {count}개가 모두 중심 차분과 일치합니다 (무작위로 고른 점은 모두 {points}개). 최대 "
                        "상대 차이는 {error}({at}에서 {derivative}){:이고/고}, 그 점에서 중심 차분 자체의 정확도는 약 "
                        "{estimate}입니다 (간격 h = {h}, h/2로 구한 리처드슨 추정, {digits}자리).",
    "check.unchecked": "검산: 하지 못했습니다 (함수가 실수 값으로 정의되는 무작위 점을 찾지 못했습니다).",
    "check.unchecked.unresolved": "검산: 하지 못했습니다. 무작위로 고른 점에서 함수는 실수 값이지만 너무 빠르게 변해서, "
                                  "간격을 {h}까지 줄여도 중심 차분으로 {derivative:을/를} 가려낼 수 없습니다.",
    "check.unchecked.not_computed": "검산: 하지 못했습니다. 무작위로 고른 어느 점에서도 함수의 값을 계산할 수 없었습니다.",
    "check.unchecked.unresolved.named": "검산: {derivative:은/는} 검산하지 못했습니다. 무작위로 고른 점에서 함수는 실수 "
                                        "값이지만 너무 빠르게 변해서, 간격을 {h}까지 줄여도 중심 차분으로 가려낼 수 "
                                        "없습니다.",
    "check.unchecked.named": "검산: {derivative:은/는} 검산하지 못했습니다. 함수가 실수 값으로 정의되는 무작위 점을 "
                             "찾지 못했습니다.",
    "check.unchecked.not_computed.named": "검산: {derivative:은/는} 검산하지 못했습니다. 무작위로 고른 어느 점에서도 "
                                          "함수의 값을 계산할 수 없었습니다.",
    "check.disagree": "검산: {at}에서 {derivative:이/가} 중심 차분과 일치하지 않습니다! 중심 차분으로는 {expected}, "
                      "계산 결과는 {actual}입니다.",
    # An option's name stays out of the sentence: it follows it, as what to type.
    "grad.omitted": "나머지 편도함수 {count}개의 풀이는 생략했습니다.",
    "grad.omitted.one": "나머지 편도함수 1개의 풀이는 생략했습니다.",
    "grad.omitted.hint": "한 변수의 풀이",
    "grad.omitted.name": "이름",
    "grad.by": "{vars}에 대한 그래디언트 {nabla}",
    "grad.norm": "그래디언트(기울기 벡터)의 크기는 |∇{f}| {norm}이고, 이것이 {f:이/가} 가장 빠르게 증가하는 방향으로의 "
                 "변화율입니다.",
    "grad.stationary": "∇{f} = 0: 임계점(극소, 극대 또는 안장점)이므로 가장 가파르게 증가하는 방향이 없습니다.",
    "grad.ascent": "최대 증가 방향: {f:이/가} 가장 빠르게 증가하는 방향은 ∇{f}/|∇{f}| {u}입니다.",
    "grad.descent": "최대 감소 방향: {f:이/가} 가장 빠르게 감소하는 방향은 −∇{f}/|∇{f}| {u}이며, 경사 하강법은 "
                    "이 방향으로 나아갑니다.",
    "grad.stationary.short": "∇{f} = 0이므로 임계점(극소, 극대 또는 안장점)입니다.",
    "grad.ascent.short": "{f:이/가} 가장 빠르게 증가하는 방향은 ∇{f}/|∇{f}| {u}이고, 그 변화율은 |∇{f}|입니다.",
    "grad.descent.short": "{f:이/가} 가장 빠르게 감소하는 방향(경사 하강법이 나아가는 방향)은 −∇{f}/|∇{f}| {u}입니다.",
    "grad.norm.doc": "그래디언트의 크기는 {formula}이고, 이것이 {f:이/가} 가장 빠르게 증가하는 방향으로의 변화율입니다.",
    "grad.stationary.doc": "{formula}: 임계점(극소, 극대 또는 안장점)이므로 가장 가파르게 증가하는 방향이 없습니다.",
    "grad.ascent.doc": "{f:이/가} 가장 빠르게 증가하는 방향(최대 증가 방향)은 {formula}입니다.",
    "grad.descent.doc": "{f:이/가} 가장 빠르게 감소하는 방향(최대 감소 방향)은 {formula}이며, 경사 하강법은 이 방향으로 "
                        "나아갑니다.",
    "grad.directional": "{u} 방향의 방향도함수 ({u:은/는} 주어진 방향을 크기 1로 맞춘 단위벡터):",
    "grad.directional.at": "{point}에서 D_𝐮 {f} {value}입니다. 방향도함수는 ∇{f} 방향일 때 가장 크며 그 값은 "
                           "|∇{f}| {norm}입니다.",
    "grad.directional.short": "{point}에서 D_𝐮 {f} {value}입니다 (∇{f} 방향일 때 가장 크며, 그 값은 |∇{f}| "
                              "{norm}입니다).",
    "grad.directional.at.doc": "{point}에서 {formula}입니다. 방향도함수는 {nabla} 방향일 때 가장 크며 그 값은 {norm}입니다.",
    "hessian.second": "{name} (∂{f}/∂{of} = {expr}의 {by}에 대한 편미분):",
    "hessian.second.lead": "{inner}의 {var}에 대한 편도함수를 구하면 다음과 같습니다.",
    "hessian.entries": "이계 편도함수:",
    "hessian.nonzero": "0이 아닌 이계 편도함수",
    "hessian.entries.named": "헤세 행렬 H의 성분인 이계 편도함수:",
    "hessian.nonzero.named": "헤세 행렬 H의 성분 중 0이 아닌 이계 편도함수",
    "hessian.zero": "모든 이계 편도함수가 0입니다.",
    "hessian.differ": "미분 순서에 따라 값이 다른 혼합 편도함수가 있습니다: {pairs}",
    "hessian.others.zero": "나머지 이계 편도함수는 모두 0입니다.",
    "hessian.omitted": "(나머지 이계 편도함수 {count}개의 풀이는 생략했습니다. 그 값은 H에 있습니다.)",
    "hessian.omitted.one": "(나머지 이계 편도함수 1개의 풀이는 생략했습니다. 그 값은 H에 있습니다.)",
    "hessian.symmetric": "슈바르츠 정리(클레로 정리)에 따라 혼합 편도함수 {count}쌍이 모두 미분 순서에 관계없이 같으므로 "
                         "헤세 행렬 {H:은/는} 대칭 행렬입니다.",
    "hessian.symmetric.two": "슈바르츠 정리(클레로 정리)에 따라 혼합 편도함수 2쌍이 모두 미분 순서에 관계없이 같으므로 "
                             "헤세 행렬 {H:은/는} 대칭 행렬입니다.",
    "hessian.symmetric.one": "슈바르츠 정리(클레로 정리)에 따라 두 혼합 편도함수 {first:과/와} {second:이/가} 같으므로 "
                             "헤세 행렬 {H:은/는} 대칭 행렬입니다.",
    "hessian.symmetric.short": "혼합 편도함수 {count}쌍이 모두 미분 순서에 관계없이 같으므로 헤세 행렬 {H:은/는} 대칭 행렬입니다 "
                               "(슈바르츠 정리(클레로 정리)).",
    "hessian.symmetric.short.two": "혼합 편도함수 2쌍이 모두 미분 순서에 관계없이 같으므로 헤세 행렬 {H:은/는} 대칭 행렬입니다 "
                                   "(슈바르츠 정리(클레로 정리)).",
    "hessian.symmetric.short.one": "{first} = {second}이므로 헤세 행렬 {H:은/는} 대칭 행렬입니다 (슈바르츠 정리(클레로 정리)).",
    "hessian.matrix": "H (행과 열의 순서: {names}):",
    "extremum.heading": "{P}에서의 극값 판정 (이계도함수 판정법):",
    "extremum.critical": "{formula}이므로 {P:은/는} 임계점입니다.",
    "extremum.not_critical": "{formula}이므로 {P:은/는} 임계점이 아닙니다. 따라서 이계도함수 판정법을 적용할 수 "
                             "없습니다.",
    "extremum.discriminant": "판별식은 {formula}입니다.",
    "extremum.minors": "{H}의 선행 주소행렬식은 {minors}입니다.",
    "extremum.local_minimum.one": "{second}이므로 {f:은/는} {P}에서 극솟값 {value:을/를} 갖습니다.",
    "extremum.local_maximum.one": "{second}이므로 {f:은/는} {P}에서 극댓값 {value:을/를} 갖습니다.",
    "extremum.inconclusive.one": "{second}이므로 이 판정법으로는 {P}에서 극값을 판정할 수 없습니다 (판정 불가).",
    "extremum.local_minimum.two": "{D}이고 {first}이므로 {f:은/는} {P}에서 극솟값 {value:을/를} 갖습니다.",
    "extremum.local_maximum.two": "{D}이고 {first}이므로 {f:은/는} {P}에서 극댓값 {value:을/를} 갖습니다.",
    "extremum.saddle_point.two": "{D}이므로 {P:은/는} {f}의 안장점입니다.",
    "extremum.inconclusive.two": "{D}이므로 이 판정법으로는 {P}에서 극값을 판정할 수 없습니다 (판정 불가).",
    "extremum.local_minimum.many": "모두 양수이므로 {H:은/는} 양의 정부호 행렬이고, {f:은/는} {P}에서 극솟값 "
                                   "{value:을/를} 갖습니다.",
    "extremum.local_maximum.many": "부호가 음수부터 번갈아 바뀌므로 {H:은/는} 음의 정부호 행렬이고, {f:은/는} {P}에서 "
                             "극댓값 {value:을/를} 갖습니다.",
    "extremum.saddle_point.many": "0인 것이 없고 부호가 모두 양수도, 음수부터 번갈아 바뀌는 것도 아니므로 {H:은/는} "
                                  "부정부호 행렬이고, {P:은/는} {f}의 안장점입니다.",
    "extremum.eigenvalues": "0인 소행렬식이 있어 소행렬식으로는 판정할 수 없으므로 {H}의 고윳값의 부호를 봅니다. "
                            "양수가 {positive}개, 음수가 {negative}개, 0이 {zero}개입니다.",
    "extremum.local_minimum.eigen": "고윳값이 모두 양수이므로 {f:은/는} {P}에서 극솟값 {value:을/를} 갖습니다.",
    "extremum.local_maximum.eigen": "고윳값이 모두 음수이므로 {f:은/는} {P}에서 극댓값 {value:을/를} 갖습니다.",
    "extremum.saddle_point.eigen": "{H}의 고윳값 중에 양수와 음수가 모두 있으므로 {P:은/는} {f}의 안장점입니다.",
    "extremum.inconclusive.eigen": "{H}의 고윳값에 0이 있고 나머지의 부호가 모두 같으므로 이 판정법으로는 {P}에서 "
                                   "극값을 판정할 수 없습니다 (판정 불가).",
    "jacobian.matrix": "J ({m}×{n}, 행 {rows}, 열 {names}):",
    "jacobian.matrix.short": "{m}×{n} 행렬 J의 (i, j) 성분은 ∂f_i/∂x_j입니다.",
    "check.question": "문제: {question}",
    "check.answer": "제출한 답: {answer}",
    "check.unreadable": "읽을 수 없음: {error}",
    "check.right.symbolic": "정답입니다. 제출한 답을 정리하면 올바른 {derivative:과/와} 같습니다.",
    "check.inconclusive": "판정 불가: 제출한 답이 올바른 {derivative:과/와} 같음을 증명하지 못했지만, 점 {points}개에서 정확한 계산으로 차이를 "
                          "찾지 못했습니다. 몇 개의 점에서 같다는 것은 증명이 아니므로 직접 확인해야 합니다.",
    "check.inconclusive.real_nowhere": "판정 불가: 무작위로 고른 어느 점에서도 함수가 실수 값이 아니어서 답과 비교할 실수 "
                                       "{derivative:이/가} 없습니다. 직접 확인해야 합니다.",
    "check.inconclusive.domain": "판정 불가: 제출한 답은 실수인 곳에서는 올바른 {derivative:과/와} 같지만, "
                                 "{derivative:이/가} 실수인 모든 곳에서 실수는 아니므로 일부에서만 맞습니다. 직접 "
                                 "확인해야 합니다.",
    "check.wrong": "오답: {at}에서 제출한 답의 값은 {answer}이지만 올바른 {derivative}의 값은 {correct}입니다.",
    "check.wrong.constant": "오답: 제출한 답의 값은 {answer}이지만 올바른 {derivative}의 값은 {correct}입니다.",
    "check.wrong.undefined": "오답: {at}에서 제출한 답의 값은 정의되지 않지만 올바른 {derivative}의 값은 {correct}입니다.",
    "check.wrong.constant.undefined": "오답: 제출한 답의 값은 정의되지 않지만 올바른 {derivative}의 값은 {correct}입니다.",
    "check.undefined": "정의되지 않음",
    "check.difference": "그 점에서 제출한 답의 값에서 올바른 {derivative}의 값을 뺀 차는 {difference}이므로 ⟦0⟧이 아닙니다.",
    "check.correct": "올바른 {derivative:은/는} {correct}입니다.",
    "check.derivative": "도함수",
    "check.derivative.partial": "편도함수",
    "check.derivative.second": "이계도함수",
    "check.derivative.second.partial": "이계 편도함수",
    "check.derivative.higher": "{order}계 도함수",
    "check.derivative.higher.partial": "{order}계 편도함수",
    "check.mistake": "예상되는 실수 ({kind}): {message}",
    "check.steps": "풀이:",
    "check.inconclusive.precision": "판정 불가: 제출한 답이 올바른 {derivative:과/와} 같음을 증명하지 못했고, 시도한 "
                                    "어느 점에서도 가장 높은 정밀도로 계산해 차이가 있는지 가려내지 못했습니다. 직접 "
                                    "확인해야 합니다.",
    "mistake.missing_chain_factor": "합성함수의 미분법에서 속함수의 도함수 누락",
    "mistake.power_rule_on_exponential": "지수함수에 거듭제곱의 미분법 적용",
    "mistake.product_factor_by_factor": "인수별 도함수의 곱",
    "mistake.quotient_rule_order": "몫의 미분법에서 분자의 순서",
    "mistake.quotient_rule_sign": "몫의 미분법에서 분자의 부호",
    "mistake.product_rule_sign": "곱의 미분법에서 두 항의 부호",
    "mistake.constant_not_dropped": "상수항을 남김",
    "mistake.sign_error": "부호 오류",
    "mistake.not_held_constant": "다른 변수를 상수로 보지 않음",
    "mistake.wrong_variable": "다른 변수로 미분",
    "mistake.exponent_not_lowered": "지수를 1 줄이지 않음",
    "mistake.held_power_differentiated": "상수로 보는 변수의 거듭제곱을 미분함",
    "mistake.constant_of_integration": "도함수에 적분상수를 붙임",
    "diagnosis.missing_chain_factor": "합성함수의 미분법에서는 속함수의 도함수를 곱해야 합니다. {rule}이므로 "
                                      "인수 {inner_result}({inner}의 도함수){:이/가} 빠졌습니다.",
    "diagnosis.exponent_not_lowered": "거듭제곱의 미분법에서는 지수가 {n}에서 {lowered:으로/로} 1만큼 줄어듭니다. "
                                      "{expr}의 도함수는 {wrong:이/가} 아니라 {result}입니다.",
    "diagnosis.power_rule_on_exponential": "{expr:은/는} 지수에 변수가 있으므로 거듭제곱의 미분법을 쓸 수 없습니다. "
                                           "도함수는 {wrong:이/가} 아니라 {claim}입니다.",
    "diagnosis.product_factor_by_factor": "곱의 도함수는 도함수의 곱이 아닙니다. {expr:은/는} 곱의 미분법 "
                                          "{rule}에 따라 미분해야 합니다.",
    "diagnosis.quotient_rule_order": "몫의 미분법에서 분자는 이 순서대로 {numerator}입니다 ({g_is}, {h_is}). "
                                     "제출한 답은 부호가 반대입니다.",
    "diagnosis.quotient_rule_sign": "몫의 미분법에서 {g_is}, {h_is:이라/라} 두면 분자는 두 항의 차 {numerator}입니다. "
                                    "제출한 답은 두 항을 빼지 않고 더했습니다.",
    "diagnosis.product_rule_sign": "곱의 미분법에 따라 {rule}이므로 두 항은 더해야 합니다. 그런데 제출한 답은 "
                                   "한 항에서 다른 항을 뺐습니다.",
    "diagnosis.constant_not_dropped": "{expr:은/는} {var}에 의존하지 않으므로 도함수가 0입니다. 제출한 답에 남아 있으면 안 "
                                      "됩니다.",
    "diagnosis.sign_error": "{derivative}의 부호가 틀렸습니다. {wrong:이/가} 아니라 {result}입니다.",
    "diagnosis.sign_error.whole": "제출한 답의 부호가 틀렸습니다.",
    "diagnosis.not_held_constant": "편미분에서는 {names:을/를} 상수로 봅니다. 그런데 제출한 답에서는 {names}도 "
                                   "{var}에 따라 변하는 것처럼 미분했습니다.",
    "diagnosis.not_held_constant.one": "편미분에서는 {names:을/를} 상수로 봅니다. 그런데 제출한 답에서는 "
                                       "{names}도 {var}에 따라 변하는 것처럼 미분했습니다.",
    "diagnosis.wrong_variable": "이것은 {other}에 대한 도함수입니다. 문제는 {var}에 대한 도함수를 묻습니다.",
    "diagnosis.constant_of_integration": "도함수에는 적분상수 {name:을/를} 붙이지 않습니다 ({name:은/는} 부정적분에서 "
                                         "붙습니다).",
    "diagnosis.held_power_differentiated": "{var}에 대한 편미분에서는 "
                                           "{held:을/를} 상수로 보므로 {power:은/는} 상수 인수로 그대로 남아야 합니다. "
                                           "그런데 제출한 답에는 그 자리에 {wrong:이/가} 있습니다.",
    "implicit.function": "{y:은/는} 방정식 {equation:으로/로} 정해지는 {x}의 함수 {function}입니다. 음함수의 미분법에 "
                         "따라 양변을 {x}에 대하여 항별로 미분하고, {y:이/가} 들어 있는 항에는 합성함수의 미분법(연쇄 "
                         "법칙)을 씁니다.",
    "implicit.left": "좌변",
    "implicit.right": "우변",
    "implicit.side": "{side} {expr:을/를} {x}에 대하여 미분합니다:",
    "implicit.equal": "양변의 도함수는 같습니다:",
    "implicit.collect": "{dydx:이/가} 있는 항은 좌변으로, 나머지 항은 우변으로 모읍니다:",
    "implicit.factor": "{dydx:을/를} 묶어 냅니다:",
    "implicit.solve": "양변을 {dydx}의 계수 {coefficient:으로/로} 나눕니다:",
    "implicit.check": "편미분으로 검산합니다. 좌변에서 우변을 뺀 {definition}에 대해 공식 {formula:으로/로} 구해도 "
                      "결과가 같습니다:",
    "implicit.agree": "위에서 음함수의 미분법으로 구한 {dydx:과/와} 같습니다.",
    "implicit.where": "(단, {condition})",
    "implicit.off_curve": "점 {point:은/는} 곡선 위의 점이 아닙니다({value}). 따라서 이 점에서 곡선의 접선은 없고, "
                          "{dydx}의 식에 이 점을 대입한 값은 곡선의 기울기가 아닙니다.",
    "implicit.off_curve.with": "{constants}일 때 점 {point:은/는} 곡선 위의 점이 아닙니다({value}). 따라서 이 점에서 "
                               "곡선의 접선은 없고, {dydx}의 식에 이 점을 대입한 값은 곡선의 기울기가 아닙니다.",
    "implicit.on_curve.with": "{constants}일 때 점 {point:은/는} 곡선 위의 점이고({check}), 이 점에서 {slope}입니다.",
    "implicit.vertical.with": "{constants}일 때 {point}에서 {fy}이므로 접선은 수직이고 {dydx:은/는} 정의되지 않습니다.",
    "implicit.singular.with": "{constants}일 때 {point}에서 {fy}이므로 이 점은 곡선의 특이점이고, 접선이 하나로 정해지지 "
                              "않아 {dydx:은/는} 정의되지 않습니다.",
    "implicit.on_curve": "점 {point:은/는} 곡선 위의 점이고({check}), 이 점에서 {slope}입니다.",
    "implicit.vertical": "{point}에서 {fy}이므로 접선은 수직이고 {dydx:은/는} 정의되지 않습니다.",
    "implicit.singular": "{point}에서 {fy}이므로 이 점은 곡선의 특이점이고, 접선이 하나로 정해지지 않아 {dydx:은/는} 정의되지 않습니다.",
    "tangent.line": "접선",
    "tangent.plane": "접평면",
    "tangent.hyperplane": "접초평면",
    "tangent.point": "{graph} {function} 위의 점 {point}에서의 {kind}의 방정식",
    "tangent.graph.1": "곡선",
    "tangent.graph.2": "곡면",
    "tangent.graph.n": "그래프",
    # (the remark that the tangent is f's linear approximation goes before the ending: in parentheses after
    # "입니다" it stood outside its sentence)
    "tangent.general": "{at}에서의 {kind:은/는} {f}의 선형 근사 {formula}입니다.",
    "tangent.general.partials": "{at}에서의 {kind:은/는} {f}의 선형 근사 {formula}입니다. 여기서 {partials:은/는} "
                                "{f}의 편도함수입니다.",
    "tangent.values": "{values}일 때:",
    "descend.head": "시작점 {start}에서 경사 하강법을 반복합니다. 갱신 규칙은 {rule}이고, 학습률은 η = {lr}입니다.",
    "descend.more": "… {count}단계 생략 …",
    "descend.converged": "수렴",
    "descend.stopped": "중단",
    "descend.final": "최종 점은 {point}이고, 그 점에서 f {value}입니다.",
    "descend.data": "고정한 값은 {data}입니다.",
    "descend.head.doc": "시작점 {start}에서 경사 하강법을 반복합니다. 갱신 규칙은 {rule}이고, 학습률은 {lr}입니다.",
    "descend.final.doc": "최종 점은 {point}이고, 그 점에서 {value}입니다.",
    "tangent.point.doc": "{graph} {function} 위의 점 {point}에서의 {kind}의 방정식",
    "descend.reason.converged": "{size}의 값이 허용 오차 {tol}보다 작아졌습니다.",
    "descend.reason.converged.zero": "{slope}의 값이 정확히 ⟦0⟧인 임계점에 도달했습니다.",
    "descend.reason.converged.resolution": "{size}의 값이 {grad}까지 작아져 부동소수점으로 ⟦0⟧과 더 구별할 수 없습니다. "
                                           "한 단계를 더 가도 점이 움직이지 않습니다.",
    "descend.reason.converged.noise": "{size}의 값이 {grad}까지 작아져 이 점에서 부동소수점으로 ⟦0⟧과 더 구별할 수 없습니다. "
                                      "각 좌표를 내려가는 쪽으로 {within}만큼, 곧 좌표의 마지막 자릿수 몇 단위만 옮겨도 "
                                      "{slope}의 해당 성분의 부호가 바뀌므로, 남은 값은 반올림 오차입니다.",
    "descend.reason.unbounded": "{size}의 값이 {at}에서 {grad}까지 작아졌지만, ⟦f⟧는 그 점에서도 계속 줄어들고 있습니다. "
                                "내려가는 쪽({away})으로 부동소수점이 닿는 데까지 ⟦f⟧가 계속 작아지므로, 그쪽으로는 "
                                "⟦f⟧의 최솟값이 없습니다. 작아진 {slope:은/는} 최솟값이 아니라 ⟦f⟧가 평평해지는 모습입니다.",
    "descend.reason.unbounded.steps": "정해진 {steps}단계를 모두 반복했고 {size}의 값은 {at}에서 {grad}까지 계속 "
                                      "작아지고 있지만, 최솟값을 향하는 것이 아닙니다. 내려가는 쪽({away})으로 "
                                      "부동소수점이 닿는 데까지 ⟦f⟧가 계속 작아지므로 그쪽으로는 ⟦f⟧의 최솟값이 "
                                      "없습니다. {size}의 값이 작아지는 것은 ⟦f⟧가 평평해지기 때문이며, 단계를 늘리면 "
                                      "반복점이 더 멀리 갈 뿐입니다.",
    "descend.reason.unbounded.past": "{size}의 값이 {at}에서 {grad}까지 작아졌지만, 이 점은 극소점이 아닙니다. 이 근처에서 "
                                     "{slope:은/는} ⟦0⟧에 가깝지만, ⟦f⟧는 이 점을 지나서도 {away}인 쪽으로 "
                                     "점점 더 가파르게 부동소수점이 닿는 데까지 계속 줄어듭니다. 경사 하강법은 최솟값이 아니라 ⟦f⟧의 평평한 "
                                     "곳에서 느려졌습니다.",
    "descend.reason.unbounded.past.zero": "{at}에서 {slope:은/는} 정확히 ⟦0⟧이지만, 이 점은 극소점이 아닙니다. ⟦f⟧는 이 점을 "
                                          "지나 {away}인 쪽으로 점점 더 가파르게 부동소수점이 닿는 데까지 계속 줄어듭니다.",
    "descend.loose": "그러나 그 점에서 {size}의 값은 아직 {loose_grad:으로/로} ⟦0⟧에 가깝지 않아서, 허용 오차 "
                     "{tol:으로/로}는 극소점이나 임계점이 가까이 있는지 알 수 없습니다.",
    "descend.critical.maximum": "그러나 이 점은 극소점이 아닙니다. 그 점에서 {curve:은/는} 음수이므로 ⟦f⟧는 그 근처에서 "
                                "위로 볼록하고, 경사 하강법이 멈춘 임계점은 ⟦f⟧의 극대점입니다.",
    "descend.critical.maximum.hessian": "그러나 이 점은 극소점이 아닙니다. 그 점에서 헤세 행렬의 고윳값 {curve:은/는} 모두 "
                                        "음수이므로, 경사 하강법이 멈춘 임계점은 ⟦f⟧의 극대점입니다.",
    "descend.critical.saddle.hessian": "그러나 이 점은 극소점이 아닙니다. 그 점에서 헤세 행렬의 고윳값 {curve:은/는} 양수와 "
                                       "음수가 섞여 있으므로, 경사 하강법이 멈춘 임계점은 ⟦f⟧의 안장점입니다. 이 점에서 "
                                       "⟦f⟧가 줄어드는 방향이 아직 있습니다.",
    "descend.critical.flat.hessian": "그러나 이 점은 극소점이 아닙니다. 그 점에서 헤세 행렬의 고윳값 {curve} 가운데 음수가 "
                                     "있으므로, 이 점에서 ⟦f⟧가 줄어드는 방향이 아직 있습니다.",
    "descend.critical.inflection": "그러나 이 점은 극소점이 아닙니다. {critical_at:은/는} {curve}인 임계점이며, 그 점을 "
                                   "지나면 ⟦f⟧의 값이 계속 줄어드는 변곡점입니다. 경사 하강법은 이 점을 향해 점점 더 "
                                   "느리게 다가갈 뿐입니다.",
    "descend.critical.inflection.zero": "그러나 이 점은 극소점이 아닙니다. 이 점은 {curve}인 임계점이며, 그 점을 지나면 "
                                        "⟦f⟧의 값이 계속 줄어드는 변곡점입니다. 경사 하강법은 이 점에 정확히 도달했기 "
                                        "때문에 멈췄을 뿐입니다.",
    "descend.critical.inflection.start": "그러나 이 점은 극소점이 아닙니다. 시작점이 {curve}인 임계점이며, 한쪽으로 "
                                         "지나면 ⟦f⟧의 값이 줄어드는 변곡점입니다. 그 점에서 {slope:이/가} ⟦0⟧이므로 "
                                         "경사 하강법은 따라갈 방향이 없어 움직이지 않습니다. 다른 시작점을 골라야 합니다.",
    "descend.critical.degenerate.hessian.start": "그러나 이 점은 극소점이 아닙니다. 시작점이 헤세 행렬이 특이 행렬인 "
                                                 "임계점이어서 이계도함수 판정법으로 판정할 수 없고, 어떤 방향으로 "
                                                 "지나면 ⟦f⟧의 값이 줄어듭니다. 그 점에서 {slope:이/가} ⟦0⟧이므로 경사 "
                                                 "하강법은 따라갈 방향이 없어 움직이지 않습니다. 다른 시작점을 "
                                                 "골라야 합니다.",
    "descend.critical.degenerate.hessian.zero": "그러나 이 점은 극소점이 아닙니다. 이 점에서 헤세 행렬이 특이 행렬이어서 "
                                                "이계도함수 판정법으로 판정할 수 없고, 경사 하강법이 온 방향으로 그 점을 "
                                                "지나면 ⟦f⟧의 값이 계속 줄어듭니다. 경사 하강법은 이 점에 정확히 "
                                                "도달했기 때문에 멈췄을 뿐입니다.",
    "descend.critical.degenerate.hessian": "그러나 이 점은 극소점이 아닙니다. {critical_at:은/는} 헤세 행렬이 특이 행렬이어서 "
                                           "이계도함수 판정법으로 판정할 수 없는 임계점이며, 경사 하강법이 가는 방향으로 그 "
                                           "점을 지나면 ⟦f⟧의 값이 계속 줄어듭니다. 경사 하강법은 이 점을 향해 점점 더 "
                                           "느리게 다가갈 뿐입니다.",
    "descend.reason.steps": "정해진 {steps}단계를 모두 반복했지만 {size}의 값이 허용 오차 {tol}보다 작아지지 않았습니다.",
    "descend.reason.steps.slow": "정해진 {steps}단계를 모두 반복했고, {size}의 값은 {last}단계의 {start}에서 마지막의 "
                                 "{end}까지 점점 더 느리게 ⟦0⟧을 향해 줄어들고 있습니다. 이 단계 안에 허용 오차 {tol}보다 "
                                 "작아지기에는 너무 느립니다. 그동안 ⟦f⟧도 매 단계 줄었으므로 실패가 아니라 느린 수렴이며, "
                                 "단계를 늘리면 더 나아갑니다.",
    "descend.reason.steps.crawl": "정해진 {steps}단계를 모두 반복했고, {size}의 값은 {last}단계의 {start}에서 마지막의 "
                                  "{end}까지 점점 더 느리게 ⟦0⟧을 향해 줄어들고 있습니다.",
    "descend.reason.steps.all": "허용 오차가 ⟦0⟧이므로 정해진 {steps}단계를 모두 반복했습니다.",
    "descend.reason.steps.one": "정해진 한 단계를 반복했지만 {size}의 값이 허용 오차 {tol}보다 작아지지 않았습니다.",
    "descend.reason.steps.all.one": "허용 오차가 ⟦0⟧이므로 정해진 한 단계를 반복했습니다.",
    "descend.reason.domain": "{k}단계에서 발산했습니다: 반복점이 ⟦f⟧의 정의역을 벗어났습니다 ({at}에서 ⟦f⟧ 또는 {slope}의 값이 정의되지 않거나 실수가 아닙니다). 학습률 "
                             "{lr:은/는} 이 함수에 너무 큽니다.",
    "descend.reason.domain.edge": "{k}단계에서 멈췄습니다: ⟦f⟧는 매 단계 줄었고 정의역의 경계({boundary})까지 계속 "
                                  "줄어듭니다. 그 경계를 넘은 점({at})에서는 ⟦f⟧ 또는 {slope}의 값이 정의되지 않거나 "
                                  "실수가 아닙니다. 이 경로에서 ⟦f⟧의 가장 작은 값은 정의역 안의 최솟값이 아니라 그 "
                                  "경계에 다가갈 때 나타나므로, 학습률을 줄여도 더 천천히 경계에 다가갈 뿐입니다.",
    "descend.undefined": "정의되지 않음",
    "descend.reason.runaway": "{k}단계에서 발산했습니다: {iterate}의 값이 시작할 때의 {start}에서 {last}단계의 {end}까지 한없이 커졌습니다. 학습률 "
                              "{lr:은/는} 이 함수에 너무 큽니다.",
    "descend.reason.runaway.overflow": "{k}단계에서 발산했습니다: {iterate} = {end}인 반복점에서 내디딘 단계가 부동소수점 "
                                       "범위(약 {edge})를 넘었습니다. 학습률 {lr:은/는} 이 함수에 너무 큽니다.",
    "descend.reason.runaway.below": "{k}단계에서 발산했습니다: ⟦f⟧의 값이 매 단계 줄어 시작할 때의 {start}에서 {last}단계의 "
                                    "{end}까지 내려갔습니다. 이 경로에서 ⟦f⟧는 아래로 유계가 아니므로 경사 하강법이 찾을 "
                                    "최솟값이 없고, 학습률을 줄여도 더 천천히 내려갈 뿐입니다.",
    "descend.reason.runaway.value": "{k}단계에서 발산했습니다: ⟦|f|⟧의 값이 시작할 때의 {start}에서 {last}단계의 {end}까지 한없이 커졌습니다. 학습률 "
                                    "{lr:은/는} 이 함수에 너무 큽니다.",
    "descend.reason.runaway.slope": "{k}단계에서 발산했습니다: {size}의 값이 시작할 때의 {start}에서 {last}단계의 {end}까지 한없이 커졌습니다. 학습률 "
                                    "{lr:은/는} 이 함수에 너무 큽니다.",
    "descend.reason.runaway.range": "{k}단계에서 멈췄습니다: ⟦f⟧의 값 {value:이/가} 계산에 쓰는 부동소수점 범위(약 "
                                    "{edge})의 끝에 가까워, 발산과 큰 값을 구별할 수 없습니다. 학습률 때문이 "
                                    "아닙니다: 최솟값에 더 가까운 점에서 시작하거나 ⟦f⟧의 크기를 줄여야 합니다.",
    "descend.reason.rising": "{k}단계에서 발산했습니다: 최근 {count}단계 동안 ⟦f⟧가 매번 커졌습니다. 학습률 {lr:은/는} "
                             "이 함수에 너무 큽니다.",
    "descend.reason.uphill": "발산했습니다: {count}단계 뒤 ⟦f⟧의 값 {end:은/는} 시작할 때의 값 {start}보다 큽니다. "
                             "학습률 {lr:은/는} 이 함수에 너무 큽니다.",
    "descend.reason.uphill.one": "발산했습니다: {count}단계 뒤 ⟦f⟧의 값 {end:은/는} 시작할 때의 값 {start}보다 큽니다. "
                                 "학습률 {lr:은/는} 이 함수에 너무 큽니다.",
    "descend.reason.cycle": "{k}단계에서 순환에 빠졌습니다: 반복점이 {period}단계마다 되풀이되고 ⟦f⟧는 {value} 근처에 "
                            "머물러 수렴하지 않습니다. 학습률 {lr:은/는} 이 함수에 너무 큽니다.",
    "descend.reason.stuck": "{k}단계까지 나아지지 않았습니다: 최근 {count}단계 동안 ⟦f⟧는 거의 줄지 않았고 {size}의 값도 작아지지 않았습니다. 학습률 {lr:은/는} 이 "
                            "함수에 너무 큽니다.",
    "descend.reason.stuck.one": "{k}단계까지 나아지지 않았습니다: {count}단계 동안 ⟦f⟧는 거의 줄지 않았고 {size}의 값도 작아지지 않았습니다. 학습률 {lr:은/는} 이 "
                                "함수에 너무 큽니다.",
    "descend.reason.stuck.frozen": "{k}단계까지 나아지지 않았습니다: {update}의 값이 부동소수점에서 반올림되어 원래 점과 같아지므로 어느 단계도 점을 움직이지 못했습니다. "
                                   "학습률 {lr:은/는} 이 함수에 너무 작습니다.",
    "descend.reason.level": "{k}단계까지 수렴하지 않았습니다: 반복점이 진동하면서 {size}의 값이 ⟦0⟧으로 가지 않고 {grad} 근처에 머물며 ⟦f⟧도 거의 줄지 않습니다. 학습률 "
                            "{lr:은/는} 이 함수에 너무 큽니다.",
    "descend.stability.at": "학습률 {lr:은/는} 안정성 한계에 있습니다. 최종 점 근처에서 {bound_curve}이고, 경사 하강법은 {bound_limit}일 때만 수렴합니다. 한계에서는 매 단계가 "
                            "최솟값을 지나쳐 반복점이 양쪽을 오가며 아주 느리게 줄어들므로 경사 하강법이 느리게 나아갑니다. 한계보다 충분히 작은 학습률, 예를 들어 {suggested:으로/로} 같은 "
                            "시작점에서 다시 계산하면 {trial}단계 만에 수렴합니다.",
    "descend.stability.at.hessian": "학습률 {lr:은/는} 안정성 한계에 있습니다. 최종 점 근처에서 헤세 행렬의 가장 큰 고윳값은 {bound_curve}이고, 경사 하강법은 {bound_limit}일 때만 "
                                    "수렴합니다. 한계에서는 매 단계가 최솟값을 지나쳐 반복점이 양쪽을 오가며 아주 느리게 줄어들므로 경사 하강법이 느리게 나아갑니다. 한계보다 충분히 작은 학습률, 예를 들어 "
                                    "{suggested:으로/로} 같은 시작점에서 다시 계산하면 {trial}단계 만에 수렴합니다.",
    "descend.stability.at.one": "학습률 {lr:은/는} 안정성 한계에 있습니다. 최종 점 근처에서 {bound_curve}이고, 경사 하강법은 {bound_limit}일 때만 수렴합니다. 한계에서는 매 단계가 "
                                "최솟값을 지나쳐 반복점이 양쪽을 오가며 아주 느리게 줄어들므로 경사 하강법이 느리게 나아갑니다. 한계보다 충분히 작은 학습률, 예를 들어 {suggested:으로/로} 같은 "
                                "시작점에서 다시 계산하면 {trial}단계 만에 수렴합니다.",
    "descend.stability.at.hessian.one": "학습률 {lr:은/는} 안정성 한계에 있습니다. 최종 점 근처에서 헤세 행렬의 가장 큰 고윳값은 {bound_curve}이고, 경사 하강법은 {bound_limit}일 때만 "
                                        "수렴합니다. 한계에서는 매 단계가 최솟값을 지나쳐 반복점이 양쪽을 오가며 아주 느리게 줄어들므로 경사 하강법이 느리게 나아갑니다. 한계보다 충분히 작은 학습률, 예를 들어 "
                                        "{suggested:으로/로} 같은 시작점에서 다시 계산하면 {trial}단계 만에 수렴합니다.",
    "descend.stability.under": "학습률 {lr:은/는} 안정성 한계 바로 아래에 있습니다. 최종 점 근처에서 {bound_curve}이고, 경사 하강법은 {bound_limit}일 때만 수렴합니다. 한계에 이렇게 "
                               "가까우면 매 단계가 최솟값을 지나쳐 반복점이 양쪽을 오가며 느리게 줄어들므로 경사 하강법이 느리게 나아갑니다. 한계보다 충분히 작은 학습률, 예를 들어 "
                               "{suggested:으로/로} 같은 시작점에서 다시 계산하면 {trial}단계 만에 수렴합니다.",
    "descend.stability.under.hessian": "학습률 {lr:은/는} 안정성 한계 바로 아래에 있습니다. 최종 점 근처에서 헤세 행렬의 가장 큰 고윳값은 {bound_curve}이고, 경사 하강법은 {bound_limit}일 "
                                       "때만 수렴합니다. 한계에 이렇게 가까우면 매 단계가 최솟값을 지나쳐 반복점이 양쪽을 오가며 느리게 줄어들므로 경사 하강법이 느리게 나아갑니다. 한계보다 충분히 작은 학습률, 예를 "
                                       "들어 {suggested:으로/로} 같은 시작점에서 다시 계산하면 {trial}단계 만에 수렴합니다.",
    "descend.stability.under.one": "학습률 {lr:은/는} 안정성 한계 바로 아래에 있습니다. 최종 점 근처에서 {bound_curve}이고, 경사 하강법은 {bound_limit}일 때만 수렴합니다. 한계에 이렇게 "
                                   "가까우면 매 단계가 최솟값을 지나쳐 반복점이 양쪽을 오가며 느리게 줄어들므로 경사 하강법이 느리게 나아갑니다. 한계보다 충분히 작은 학습률, 예를 들어 "
                                   "{suggested:으로/로} 같은 시작점에서 다시 계산하면 {trial}단계 만에 수렴합니다.",
    "descend.stability.under.hessian.one": "학습률 {lr:은/는} 안정성 한계 바로 아래에 있습니다. 최종 점 근처에서 헤세 행렬의 가장 큰 고윳값은 {bound_curve}이고, 경사 하강법은 {bound_limit}일 "
                                           "때만 수렴합니다. 한계에 이렇게 가까우면 매 단계가 최솟값을 지나쳐 반복점이 양쪽을 오가며 느리게 줄어들므로 경사 하강법이 느리게 나아갑니다. 한계보다 충분히 작은 학습률, 예를 "
                                           "들어 {suggested:으로/로} 같은 시작점에서 다시 계산하면 {trial}단계 만에 수렴합니다.",
    "descend.advice.curvature.converges": "학습률을 {lr:으로/로} 줄이기를 권합니다. 시작점에서 ⟦f⟧가 휘는 정도({curve})에 비해 한 단계가 너무 큽니다. 이만큼 "
                                          "휘는 이차함수에서 경사 하강법은 {limit}일 때만 수렴합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 계산하면 "
                                          "{count}단계 만에 수렴합니다.",
    "descend.advice.curvature.converges.one": "학습률을 {lr:으로/로} 줄이기를 권합니다. 시작점에서 ⟦f⟧가 휘는 정도({curve})에 비해 한 단계가 너무 큽니다. "
                                              "이만큼 휘는 이차함수에서 경사 하강법은 {limit}일 때만 수렴합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 "
                                              "계산하면 {count}단계 만에 수렴합니다.",
    "descend.advice.curvature.decreases": "학습률을 {lr:으로/로} 줄이기를 권합니다. 시작점에서 ⟦f⟧가 휘는 정도({curve})에 비해 한 단계가 너무 큽니다. 이만큼 "
                                          "휘는 이차함수에서 경사 하강법은 {limit}일 때만 수렴합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 계산하면 "
                                          "{count}단계 동안 ⟦f⟧가 {start}에서 {end:으로/로} 줄어듭니다.",
    "descend.advice.curvature.decreases.one": "학습률을 {lr:으로/로} 줄이기를 권합니다. 시작점에서 ⟦f⟧가 휘는 정도({curve})에 비해 한 단계가 너무 큽니다. "
                                              "이만큼 휘는 이차함수에서 경사 하강법은 {limit}일 때만 수렴합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 "
                                              "계산하면 {count}단계 동안 ⟦f⟧가 {start}에서 {end:으로/로} 줄어듭니다.",
    "descend.advice.hessian.converges": "학습률을 {lr:으로/로} 줄이기를 권합니다. 시작점 {origin}에서 ⟦f⟧가 휘는 정도(헤세 행렬의 가장 큰 고윳값 "
                                        "{curve})에 비해 한 단계가 너무 큽니다. 이 헤세 행렬을 가진 이차함수에서 경사 하강법은 {limit}일 때만 수렴합니다. 같은 "
                                        "시작점에서 학습률 {lr:으로/로} 다시 계산하면 {count}단계 만에 수렴합니다.",
    "descend.advice.hessian.converges.one": "학습률을 {lr:으로/로} 줄이기를 권합니다. 시작점 {origin}에서 ⟦f⟧가 휘는 정도(헤세 행렬의 가장 큰 고윳값 "
                                            "{curve})에 비해 한 단계가 너무 큽니다. 이 헤세 행렬을 가진 이차함수에서 경사 하강법은 {limit}일 때만 "
                                            "수렴합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 계산하면 {count}단계 만에 수렴합니다.",
    "descend.advice.hessian.decreases": "학습률을 {lr:으로/로} 줄이기를 권합니다. 시작점 {origin}에서 ⟦f⟧가 휘는 정도(헤세 행렬의 가장 큰 고윳값 "
                                        "{curve})에 비해 한 단계가 너무 큽니다. 이 헤세 행렬을 가진 이차함수에서 경사 하강법은 {limit}일 때만 수렴합니다. 같은 "
                                        "시작점에서 학습률 {lr:으로/로} 다시 계산하면 {count}단계 동안 ⟦f⟧가 {start}에서 {end:으로/로} 줄어듭니다.",
    "descend.advice.hessian.decreases.one": "학습률을 {lr:으로/로} 줄이기를 권합니다. 시작점 {origin}에서 ⟦f⟧가 휘는 정도(헤세 행렬의 가장 큰 고윳값 "
                                            "{curve})에 비해 한 단계가 너무 큽니다. 이 헤세 행렬을 가진 이차함수에서 경사 하강법은 {limit}일 때만 "
                                            "수렴합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 계산하면 {count}단계 동안 ⟦f⟧가 {start}에서 "
                                            "{end:으로/로} 줄어듭니다.",
    "descend.advice.halving.converges": "더 작은 학습률, 예를 들어 {lr:을/를} 권합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 계산하면 {count}단계 만에 "
                                        "수렴합니다.",
    "descend.advice.halving.converges.one": "더 작은 학습률, 예를 들어 {lr:을/를} 권합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 계산하면 {count}단계 "
                                            "만에 수렴합니다.",
    "descend.advice.halving.decreases": "더 작은 학습률, 예를 들어 {lr:을/를} 권합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 계산하면 {count}단계 동안 "
                                        "⟦f⟧가 {start}에서 {end:으로/로} 줄어듭니다.",
    "descend.advice.halving.decreases.one": "더 작은 학습률, 예를 들어 {lr:을/를} 권합니다. 같은 시작점에서 학습률 {lr:으로/로} 다시 계산하면 {count}단계 "
                                            "동안 ⟦f⟧가 {start}에서 {end:으로/로} 줄어듭니다.",
    "descend.advice.none": "학습률을 {lowest}까지 줄여 가며 같은 시작점에서 {steps}단계씩 다시 계산했지만, 발산하거나 "
                           "순환하지 않고 ⟦f⟧를 줄이는 학습률이 없으므로 제안할 학습률이 없습니다.",
    "descend.error": "오류: 경사 하강법이 {reason}",
    "descend.failed": "경사 하강법이 {reason}",
    "plot.written": "그림을 {path}에 저장했습니다.",
    "plot.field": "∇f는 함숫값이 커지는 쪽을 가리키며 등고선에 수직입니다.",
    "plot.tangent": "일변수 함수의 그래디언트(기울기 벡터)는 미분계수 f′(x) 하나이며, 함숫값이 커지는 쪽을 가리킵니다.",
    "plot.descent": "경사 하강법(η = {lr}): {caption}",
    "plot.label.level_curve": "등고선 f = {value}",
    "plot.label.tangent": "접선, 기울기 {slope}",
    "plot.label.rises": "{gradient}: f가 커지는 방향",
    "plot.label.iterates": "반복점(한 단계 −η∇f), {count}단계",
    "plot.label.iterates.one": "반복점(한 단계 −η∇f), {count}단계",
    "plot.label.iterates.curve": "반복점, −η f′만큼 {count}단계",
    "plot.label.iterates.curve.one": "반복점, −η f′만큼 {count}단계",
    "plot.label.start": "시작점 {point}",
    "plot.label.last": "마지막 점 {point}",
    "practice.head": "문제지 {seed} · {rules} ({count}문제)",
    "practice.head.one": "문제지 {seed} · {rules} ({count}문제)",
    "practice.rules": "{rules}",
    "practice.rules.one": "{rules}",
    "practice.exercises": "문제:",
    "practice.answers": "정답:",
    "practice.title": "문제지 {seed} · {rules}",
    "practice.answer.condition": "{answer} (단, {condition})",
    "practice.condition": "(단, {condition})",
    "practice.count": "문제는 모두 {count}개입니다.",
    "practice.count.one": "문제는 {count}개입니다.",
    "practice.seed": "같은 법칙으로 {seed}번 문제지를 다시 만들면 이 문제가 이 순서대로 나옵니다.",
    "practice.exercises.heading": "문제",
    "practice.answers.heading": "정답과 풀이",
    "title.check": "답 확인",
    "title.implicit": "음함수 미분",
    "title.tangent": "접선",
    "title.practice": "연습 문제",
    "title.descend": "경사 하강법",
    "document.grad": "{expr}의 그래디언트(기울기 벡터) {nabla}",
    "summary": "symdiff: {total}줄: {label} {ok}",
    "summary.one": "symdiff: {total}줄: {label} {ok}",
    "summary.count": ", {label} {count}",
    "summary.failed": ", 실패 {count} ({kinds})",
    "summary.succeeded": "성공",
    "summary.right": "정답",
    "summary.wrong": "오답",
    "summary.kind.syntax": "구문 오류", "summary.kind.unknown_function": "알 수 없는 함수",
    "summary.kind.unsupported": "지원하지 않는 식", "summary.kind.limit": "한도 초과", "summary.kind.timeout": "시간 초과",
    "summary.kind.domain": "정의역 밖", "summary.kind.internal": "내부 오류", "summary.kind.check": "검산 불일치",
    "summary.kind.usage": "사용법 오류",
    "summary.unreadable": "읽을 수 없음",
    "summary.inconclusive": "판정 불가",
})

# Notes on inputs that are read without error but may not say what was meant (symdiff.scalar.notes).
EN.update({
    "note": "note",
    "caution": "caution",  # a note on where the derivative holds (see scalar.notes.CAVEATS)
    "note.variable_absent": "{var} does not occur in {expr}, so the partial derivative with respect to {var} is 0",
    "note.implicit_constants": "{x} and {y} are the coordinates of the curve, and the other letters, {names}, are "
                               "constants, held fixed as {x} varies",
    "note.implicit_constants.one": "{x} and {y} are the coordinates of the curve, and the other letter, {names}, is "
                                   "a constant, held fixed as {x} varies",
    "note.similar": "did you mean {similar}?",
    "note.variable_inside_name": "{var} occurs only inside the names {names}: a run of letters, digits and _ is "
                                 "one name, so the partial derivative with respect to {var} is 0",
    "note.variable_inside_name.one": "{var} occurs only inside the name {names}: a run of letters, digits and _ "
                                     "is one name, so the partial derivative with respect to {var} is 0",
    "note.variable_also_inside_name": "{var} also occurs inside {names}: a run of letters, digits and _ is one "
                                      "name, held constant, so that {var} adds nothing to the partial "
                                      "derivative with respect to {var}",
    "note.product": "for a product write {fix}",
    "note.division_order": "{written} is read as written, left to right: {read}; for a division by the whole "
                           "product write {meant}",
    "note.imaginary_unit": "{name} is read as a real variable, not the imaginary unit (symdiff works over the "
                           "real numbers)",
    "note.answer_inside_name": "{name} in the answer is a single name (letters, digits and _ run together "
                               "make one name), and {expr} has no variable {name}",
    "note.answer_absent": "{name} in the answer does not occur in {expr} (its variables: {names}), so no "
                          "derivative of it has {name}",
    "note.point_inside_name": "{var} in {option} occurs in f only inside the name {names}: a run of letters, "
                              "digits and _ is one name",
    "note.point_absent": "{var} in {option} does not occur in {expr}",
    # e given a value in a point while f reads e as Euler's number: the value is not used, and saying "e does
    # not occur" was false (a reviewer)
    "note.point_constant": "{var} in {option} is not a variable of {expr}: there {var} is Euler's number, a constant, "
                           "so the value given for it is not used",
    "note.declare": "to make {var} a variable, declare it: {declare}",
    "note.test_skipped.size": "the second-derivative test is not taken: for {n} variables (more than {most}) the "
                              "exact signs of H's {n} leading principal minors cost more than they tell, so the "
                              "point is not classified",
    "note.test_skipped.kink": "the second-derivative test is not taken: the point is on a kink of {parts}, where "
                              "symdiff finds H's values from the definition alone and does not classify the point",
    "note.test_skipped.inexact": "the second-derivative test is not taken: a partial derivative at the point has no "
                                 "exact real value that symdiff can find, and the test needs exact signs",
    "note.answer_domain": "at {at} the answer has no real value, but the derivative is {correct}: the answer equals "
                          "the derivative at most where it is real, so it is right only there",
    "note.zero_base": "{expr} is 0 only where {exponent_gt_0} (1 where it is 0, undefined below): its derivative 0 "
                      "holds only there",
    # what is undefined where, said of the function and the formula (not of the program's steps)
    # "although the formula is defined there" was false where the formula too divides by 0 (−x/(x² + y²) at
    # (0, 0)); as a textbook does, only the condition is said
    "note.cancelled": "the function is undefined where {zero} ({piece} divides by {factor}), so the derivative "
                      "{answer} is valid only where {condition}",
    "note.cancelled.derived": "differentiating gives {piece}, which divides by {factor} and is undefined where {zero}, "
                              "so the simplified formula {answer} is valid only where {condition}",
    "note.cancelled.formulas": "the function is undefined where {zero} ({piece} divides by {factor}), so the "
                               "derivatives are valid only where {condition}",
    "note.cancelled.derived.formulas": "differentiating gives {piece}, which divides by {factor} and is undefined "
                                       "where {zero}, so the simplified formulas are valid only where {condition}",
    # logarithmic differentiation takes ln of the base (the step says so where it does)
    # logarithmic differentiation takes ln of the power itself (no y the derivation never defined)
    "note.positive_base": "logarithmic differentiation takes the natural log of {power}, which needs {base_gt_0}: "
                          "the derivative holds only where {base_gt_0}",
    "note.sign": "{ratio} has no value where {u_is_0}, and there the slopes from the left and from the right do "
                 "not agree, so there is no derivative there: the derivative holds only where {u_ne_0}",
    "note.root_zero": "{power} has no derivative where {base_is_0}, so the derivative holds only where {base_ne_0}",
    "note.root_domain.reciprocal": "{power} is defined only where {base_gt_0}, so the derivative holds only where "
                                   "{base_gt_0}",
    # ln|x| → 1/x: the formula has values on both sides of 0, and for ln x on the side where ln x has none
    "note.log_domain": "{log} is defined only where {condition}, so the derivative holds only where {condition}",
    "note.root_domain": "{power} is real only where {base_ge_0} and has no derivative where {base_is_0}, so the "
                        "derivative holds only where {base_gt_0}",
    "note.answer_convention": "the answer equals the derivative except where {where}, where the step {step} jumps "
                              "and its value is a convention: symdiff takes {correct}, the answer {answer}",
})
KO.update({
    "note": "참고",
    "caution": "주의",
    "note.variable_absent": "{expr}에 {var:이/가} 없으므로 {var}에 대한 편도함수는 0입니다.",
    "note.implicit_constants": "곡선의 좌표는 {x:과/와} {y}이고, 다른 문자 {names:은/는} {x:이/가} 변해도 바뀌지 않는 "
                               "상수입니다.",
    "note.implicit_constants.one": "곡선의 좌표는 {x:과/와} {y}이고, 다른 문자 {names:은/는} {x:이/가} 변해도 바뀌지 "
                                   "않는 상수입니다.",
    "note.similar": "{similar:을/를} 뜻한 것입니까?",
    "note.variable_inside_name": "{var:은/는} 이름 {names} 안에만 있습니다: 문자, 숫자, _가 이어진 것은 하나의 "
                                 "이름이므로 {var}에 대한 편도함수는 0입니다.",
    "note.variable_inside_name.one": "{var:은/는} 이름 {names} 안에만 있습니다: 문자, 숫자, _가 이어진 것은 하나의 "
                                     "이름이므로 {var}에 대한 편도함수는 0입니다.",
    "note.variable_also_inside_name": "{var:은/는} 이름 {names} 안에도 있습니다: 문자, 숫자, _가 이어진 것은 "
                                      "하나의 이름이고 상수로 보므로, 그 안의 {var:은/는} {var}에 대한 편도함수에 "
                                      "더해지지 않습니다.",
    "note.product": "곱을 뜻한다면 {fix:으로/로} 써야 합니다.",
    "note.division_order": "{written:은/는} 쓴 순서대로, 왼쪽부터 {read:으로/로} 읽습니다. 곱 전체로 나누려면 "
                           "{meant:으로/로} 써야 합니다.",
    "note.imaginary_unit": "{name:은/는} 허수 단위가 아니라 실수 변수로 읽습니다 (symdiff는 실수 범위에서 계산합니다).",
    "note.answer_inside_name": "제출한 답의 {name:은/는} 하나의 이름이며 (문자, 숫자, _가 이어진 것은 하나의 이름), "
                               "{expr}에는 변수 {name:이/가} 없습니다.",
    "note.answer_absent": "제출한 답의 {name:은/는} {expr}에 없으므로 (변수: {names}) 그 도함수에도 {name:은/는} 없습니다.",
    "note.point_inside_name": "{option}의 {var:은/는} f에서 이름 {names} 안에만 있습니다: 문자, 숫자, _가 이어진 것은 "
                              "하나의 이름입니다.",
    "note.point_absent": "{option}의 {var:은/는} {expr}에 없습니다.",
    "note.point_constant": "{option}의 {var:은/는} {expr}의 변수가 아닙니다. 이 식에서 {var:은/는} 상수인 자연상수이므로 "
                           "주어진 값은 쓰이지 않습니다.",
    "note.declare": "{var:을/를} 변수로 쓰려면 {declare} 옵션으로 선언합니다.",
    "note.test_skipped.size": "이계도함수 판정법은 적용하지 않습니다. 변수가 {n}개({most}개 초과)이면 H의 선행 주소행렬식 "
                              "{n}개의 부호를 정확히 구하는 비용이 너무 크므로 이 점을 분류하지 않습니다.",
    "note.test_skipped.kink": "이계도함수 판정법은 적용하지 않습니다. 이 점은 {parts}의 꺾인 점이므로 H의 값은 정의로만 "
                              "구하고 이 점을 분류하지 않습니다.",
    "note.test_skipped.inexact": "이계도함수 판정법은 적용하지 않습니다. 이 점에서 편도함수의 정확한 실숫값을 구할 수 없는데, "
                                 "판정법에는 정확한 부호가 필요합니다.",
    "note.answer_domain": "{at}에서 제출한 답은 실수 값이 없지만 도함수의 값은 {correct}입니다. 답은 실수인 곳에서만 "
                          "도함수와 같을 수 있으므로 그곳에서만 맞습니다.",
    "note.answer_convention": "제출한 답은 {where}인 곳을 빼면 도함수와 같습니다. 그곳에서 계단함수 {step}의 값은 "
                              "관례로 정하는 것으로, symdiff는 {correct:을/를}, 제출한 답은 {answer:을/를} 택합니다.",
})

# `symdiff rules`: each rule in one line (its general form; the steps say how it applied).
EN.update({
    "statement.constant": "⟦d/dx c = 0⟧ for any ⟦c⟧ without ⟦x⟧ in it (other variables are held constant)",
    "statement.identity": "⟦d/dx x = 1⟧",
    "statement.sum": "⟦(f ± g)′ = f′ ± g′⟧: differentiate term by term and add or subtract as the signs say",
    "statement.constant_multiple": "⟦(cf)′ = cf′⟧ for a constant factor ⟦c⟧",
    "statement.power": "⟦d/dx xⁿ = nxⁿ⁻¹⟧ for a constant exponent ⟦n⟧",
    "statement.product": "⟦(gh)′ = g′h + gh′⟧",
    "statement.quotient": "⟦(g/h)′ = (g′h − gh′)/h²⟧",
    "statement.chain": "⟦d/dx f(g(x)) = f′(g(x)) g′(x)⟧: the outer derivative at the inner function, times the "
                       "inner derivative",
    "statement.exp": "⟦d/dx eˣ = eˣ⟧, and ⟦d/dx aˣ = aˣ ln a⟧ for a base ⟦a > 0⟧",
    "statement.log": "⟦d/dx ln x = 1/x⟧, and ⟦d/dx logₐ x = 1/(x ln a)⟧ for a base ⟦a > 0⟧, ⟦a ≠ 1⟧",
    "statement.trig": "⟦sin′ = cos⟧, ⟦cos′ = −sin⟧, ⟦tan′ = sec²⟧, ⟦cot′ = −csc²⟧, ⟦sec′ = sec tan⟧, ⟦csc′ = −csc cot⟧",
    # each of the six written out: "the other three likewise" hid their signs from a student
    "statement.inverse_trig": "⟦arcsin′(x) = 1/√(1 − x²)⟧, ⟦arccos′(x) = −1/√(1 − x²)⟧, ⟦arctan′(x) = 1/(1 + x²)⟧, "
                              "⟦arccot′(x) = −1/(1 + x²)⟧, ⟦arcsec′(x) = 1/(|x|√(x² − 1))⟧, "
                              "⟦arccsc′(x) = −1/(|x|√(x² − 1))⟧; the angle ⟦θ⟧ of the point ⟦(x, y)⟧ has "
                              "⟦dθ = (x dy − y dx)/(x² + y²)⟧",
    "statement.hyperbolic": "⟦sinh′ = cosh⟧, ⟦cosh′ = sinh⟧, ⟦tanh′ = sech²⟧, ⟦coth′ = −csch²⟧, "
                            "⟦sech′ = −sech tanh⟧, ⟦csch′ = −csch coth⟧",
    "statement.inverse_hyperbolic": "⟦arsinh′(x) = 1/√(x² + 1)⟧, ⟦arcosh′(x) = 1/√(x² − 1)⟧, ⟦artanh′(x) = 1/(1 − x²)⟧ "
                                    "for ⟦|x| < 1⟧, ⟦arcoth′(x) = 1/(1 − x²)⟧ for ⟦|x| > 1⟧, "
                                    "⟦arsech′(x) = −1/(x√(1 − x²))⟧, ⟦arcsch′(x) = −1/(|x|√(1 + x²))⟧",
    # u and v, not f and g: the worked example's product rule names its factors g and h
    "statement.general_power": "⟦(uᵛ)′ = uᵛ(v′ ln u + v u′/u)⟧ for ⟦uᵛ⟧ with ⟦x⟧ in base and exponent, by logarithmic "
                               "differentiation: let ⟦y = uᵛ⟧, take ⟦ln y = v ln u⟧, differentiate both sides and "
                               "multiply by ⟦y⟧; ⟦ln u⟧ needs ⟦u > 0⟧, so the derivative holds only where ⟦u > 0⟧",
    "statement.abs": "⟦d/dx |x| = x/|x|⟧ (⟦x ≠ 0⟧), not defined at ⟦x = 0⟧",
    "statement.piecewise": "⟦relu′(x) = 1⟧ for ⟦x > 0⟧ and ⟦relu′(x) = 0⟧ for ⟦x < 0⟧; sign and the unit step "
                           "⟦H⟧ are constant on each side of ⟦0⟧, so their derivatives are ⟦0⟧ for ⟦x ≠ 0⟧; at ⟦0⟧ "
                           "we take ⟦relu′(0) = 0⟧",
    "statement.rewrite": "rewrite first, then apply a rule: ⟦√x = x¹⁄²⟧, ⟦1/x² = x⁻²⟧, ⟦sinc(x) = sin(x)/x⟧",
    "statement.special": "the sigmoid: ⟦σ′(x) = σ(x)(1 − σ(x))⟧; and ⟦softplus′ = σ⟧",
    # what the entry is: the Dirac delta is a generalized function, whose derivative is defined, not derived
    "statement.unknown": "the Dirac delta ⟦δ⟧ is not an ordinary function but a generalized function; none of the "
                         "differentiation rules applies to it, and its derivative ⟦δ′⟧ is defined directly",
    "rules.head": "The differentiation rules, each with an example:",
    # a caption after the table, as a textbook points to its worked examples: the command after the colon
    # (Markdown sets it as code), never inside the sentence
    "rules.hint": "worked example of one rule, step by step (here the chain rule): symdiff rules chain",
    # the rule book's headings: each rule by the name its steps give it (the contract's key is JSON's)
    "title.rule.constant": "constant rule", "title.rule.identity": "identity rule",
    "title.rule.sum": "sum and difference rule",
    "title.rule.constant_multiple": "constant multiple rule", "title.rule.power": "power rule",
    "title.rule.product": "product rule", "title.rule.quotient": "quotient rule", "title.rule.chain": "chain rule",
    "title.rule.exp": "exponential rule", "title.rule.log": "log rule", "title.rule.trig": "trigonometric rule",
    "title.rule.inverse_trig": "inverse trigonometric rule", "title.rule.hyperbolic": "hyperbolic rule",
    "title.rule.inverse_hyperbolic": "inverse hyperbolic rule", "title.rule.general_power": "logarithmic differentiation",
    "title.rule.abs": "absolute value rule", "title.rule.piecewise": "piecewise rule",
    "title.rule.rewrite": "rewriting first", "title.rule.special": "sigmoid rule",
    "title.rule.unknown": "no rule",
    "rules.example": "example: {equation}",
    "rules.worked": "worked example: {question}",
    "title.rules": "rules",
})
KO.update({
    "statement.constant": "⟦x⟧가 없는 식 ⟦c⟧에 대해 ⟦d/dx c = 0⟧입니다. 다른 변수는 상수로 봅니다.",
    "statement.identity": "⟦d/dx x = 1⟧입니다.",
    "statement.sum": "⟦(f ± g)′ = f′ ± g′⟧: 항마다 미분하여 부호대로 더합니다.",
    "statement.constant_multiple": "상수 인수 ⟦c⟧에 대해 ⟦(cf)′ = cf′⟧입니다.",
    "statement.power": "상수 지수 ⟦n⟧에 대해 ⟦d/dx xⁿ = nxⁿ⁻¹⟧입니다.",
    "statement.product": "⟦(gh)′ = g′h + gh′⟧입니다.",
    "statement.quotient": "⟦(g/h)′ = (g′h − gh′)/h²⟧입니다.",
    "statement.chain": "⟦d/dx f(g(x)) = f′(g(x)) g′(x)⟧: 겉함수의 도함수에 속함수를 넣고 속함수의 도함수를 곱합니다.",
    "statement.exp": "⟦d/dx eˣ = eˣ⟧이고, ⟦a > 0⟧일 때 ⟦d/dx aˣ = aˣ ln a⟧입니다.",
    "statement.log": "⟦d/dx ln x = 1/x⟧이고, ⟦a > 0⟧, ⟦a ≠ 1⟧일 때 ⟦d/dx logₐ x = 1/(x ln a)⟧입니다.",
    "statement.trig": "⟦sin′ = cos⟧, ⟦cos′ = −sin⟧, ⟦tan′ = sec²⟧, ⟦cot′ = −csc²⟧, ⟦sec′ = sec tan⟧, ⟦csc′ = −csc cot⟧입니다.",
    "statement.inverse_trig": "⟦arcsin′(x) = 1/√(1 − x²)⟧, ⟦arccos′(x) = −1/√(1 − x²)⟧, ⟦arctan′(x) = 1/(1 + x²)⟧, "
                              "⟦arccot′(x) = −1/(1 + x²)⟧, ⟦arcsec′(x) = 1/(|x|√(x² − 1))⟧, "
                              "⟦arccsc′(x) = −1/(|x|√(x² − 1))⟧입니다. 점 ⟦(x, y)⟧의 각 ⟦θ⟧에 대해서는 "
                              "⟦dθ = (x dy − y dx)/(x² + y²)⟧입니다.",
    "statement.hyperbolic": "⟦sinh′ = cosh⟧, ⟦cosh′ = sinh⟧, ⟦tanh′ = sech²⟧, ⟦coth′ = −csch²⟧, "
                            "⟦sech′ = −sech tanh⟧, ⟦csch′ = −csch coth⟧입니다.",
    "statement.inverse_hyperbolic": "⟦arsinh′(x) = 1/√(x² + 1)⟧, ⟦arcosh′(x) = 1/√(x² − 1)⟧이고, ⟦|x| < 1⟧에서 "
                                    "⟦artanh′(x) = 1/(1 − x²)⟧, ⟦|x| > 1⟧에서 ⟦arcoth′(x) = 1/(1 − x²)⟧이며, "
                                    "⟦arsech′(x) = −1/(x√(1 − x²))⟧, ⟦arcsch′(x) = −1/(|x|√(1 + x²))⟧입니다.",
    "statement.general_power": "밑과 지수에 모두 ⟦x⟧가 있는 ⟦uᵛ⟧ 꼴의 함수는 로그 미분법으로 미분하면 "
                               "⟦(uᵛ)′ = uᵛ(v′ ln u + v u′/u)⟧입니다. ⟦y = uᵛ⟧이라 두고 양변에 자연로그를 취해 "
                               "⟦ln y = v ln u⟧를 미분한 뒤 양변에 ⟦y⟧를 곱합니다. 진수 조건 ⟦u > 0⟧이 필요하므로 "
                               "도함수는 ⟦u > 0⟧인 곳에서만 성립합니다.",
    "statement.abs": "⟦d/dx |x| = x/|x|⟧ (⟦x ≠ 0⟧)이며, ⟦x = 0⟧에서는 미분할 수 없습니다.",
    "statement.piecewise": "⟦x > 0⟧에서 ⟦relu′(x) = 1⟧, ⟦x < 0⟧에서 ⟦relu′(x) = 0⟧입니다. 부호함수 sign과 "
                           "단위 계단 함수 ⟦H⟧는 ⟦0⟧의 양쪽에서 각각 상수이므로 ⟦x ≠ 0⟧에서 도함수가 ⟦0⟧입니다. "
                           "⟦0⟧에서는 ⟦relu′(0) = 0⟧으로 둡니다.",
    "statement.rewrite": "⟦√x = x¹⁄²⟧, ⟦1/x² = x⁻²⟧, ⟦sinc(x) = sin(x)/x⟧처럼 먼저 고쳐 쓰고 법칙을 적용합니다.",
    "statement.special": "시그모이드 함수: ⟦σ′(x) = σ(x)(1 − σ(x))⟧; 소프트플러스 함수의 도함수는 ⟦σ⟧입니다.",
    "statement.unknown": "디랙 델타 함수 ⟦δ⟧는 보통의 함수가 아닌 일반화된 함수이므로 미분법을 적용하지 않습니다. "
                         "그 도함수 ⟦δ′⟧는 정의로 정합니다.",
    "rules.head": "미분법을 하나씩 예와 함께 정리했습니다.",
    # a heading names the rule with its gloss, as the steps' explanations open (the tags go without it)
    "title.rule.chain": "합성함수의 미분법(연쇄 법칙)",
    # the others as the steps' tags name them (every key in both catalogues)
    "title.rule.constant": "상수의 미분", "title.rule.identity": "항등함수의 미분", "title.rule.sum": "합·차의 미분법",
    "title.rule.constant_multiple": "상수배의 미분법", "title.rule.power": "거듭제곱의 미분법",
    "title.rule.product": "곱의 미분법", "title.rule.quotient": "몫의 미분법", "title.rule.exp": "지수함수의 미분",
    "title.rule.log": "로그함수의 미분", "title.rule.trig": "삼각함수의 미분", "title.rule.inverse_trig": "역삼각함수의 미분",
    "title.rule.hyperbolic": "쌍곡선함수의 미분", "title.rule.inverse_hyperbolic": "역쌍곡선함수의 미분",
    "title.rule.general_power": "로그 미분법", "title.rule.abs": "절댓값의 미분",
    "title.rule.piecewise": "구간별 함수의 미분", "title.rule.rewrite": "고쳐 쓰기",
    "title.rule.special": "시그모이드 함수의 미분", "title.rule.unknown": "해당 법칙 없음",
    "rules.hint": "한 법칙의 예를 단계별로 푼 풀이(여기서는 연쇄 법칙): symdiff rules \"연쇄 법칙\"",
    "rules.example": "예: {equation}",
    "rules.worked": "풀이 예: {question}",
    "title.rules": "미분법",
    "note.zero_base": "{expr:은/는} {exponent_gt_0}인 곳에서만 0입니다 (0인 곳에서 1, 음수인 곳에서 정의되지 않음): "
                      "도함수 0은 그곳에서만 성립합니다.",
    "note.cancelled": "{zero}에서는 {piece}의 분모 {factor:이/가} 0이 되므로 함수가 정의되지 않습니다. 따라서 도함수 "
                      "{answer:은/는} {condition}일 때만 성립합니다.",
    "note.cancelled.derived": "미분하면 {piece:이/가} 나오는데, 이 식은 {zero}에서 분모 {factor:이/가} 0이 되어 정의되지 "
                              "않습니다. 따라서 정리한 식 {answer:은/는} {condition}일 때만 성립합니다.",
    "note.cancelled.formulas": "{zero}에서는 {piece}의 분모 {factor:이/가} 0이 되므로 함수가 정의되지 않습니다. 따라서 "
                               "도함수들은 {condition}일 때만 성립합니다.",
    "note.cancelled.derived.formulas": "미분하면 {piece:이/가} 나오는데, 이 식은 {zero}에서 분모 {factor:이/가} 0이 되어 "
                                       "정의되지 않습니다. 따라서 정리한 식들은 {condition}일 때만 성립합니다.",
    "note.positive_base": "로그 미분법은 {power}에 자연로그를 취하므로 진수 조건 {base_gt_0:이/가} 필요하고, "
                          "도함수는 {base_gt_0}인 곳에서만 성립합니다.",
    "note.sign": "{ratio:은/는} {u_is_0}인 곳에서 값이 없고, 그곳에서 좌미분계수와 우미분계수가 같지 않아 미분할 수 "
                 "없으므로, 도함수는 {u_ne_0}인 곳에서만 성립합니다.",
    "note.root_zero": "{power:은/는} {base_is_0}인 곳에서 미분할 수 없으므로, 도함수는 {base_ne_0}인 곳에서만 성립합니다.",
    "note.root_domain.reciprocal": "{power:은/는} {base_gt_0}인 곳에서만 정의되므로, 도함수는 {base_gt_0}인 곳에서만 "
                                   "성립합니다.",
    "note.log_domain": "{log:은/는} {condition}인 곳에서만 정의되므로, 도함수는 {condition}인 곳에서만 성립합니다.",
    "note.root_domain": "{power:은/는} {base_ge_0}인 곳에서만 실수이고 {base_is_0}인 곳에서는 미분할 수 없으므로, 도함수는 "
                        "{base_gt_0}인 곳에서만 성립합니다.",
})

# The caveats of a partial derivative: the same words, of the partial derivative (편도함수), which is
# what a reader of ∂f/∂x is told holds only where x ≠ 0 (symdiff.scalar.notes.Note.partial).
for _key in ("note.zero_base", "note.cancelled", "note.cancelled.derived", "note.cancelled.formulas",
             "note.cancelled.derived.formulas", "note.positive_base", "note.sign", "note.root_zero",
             "note.log_domain", "note.root_domain", "note.root_domain.reciprocal"):
    EN[f"{_key}.partial"] = EN[_key].replace("the derivatives", "the partial derivatives").replace(
        "the derivative", "the partial derivative")
    KO[f"{_key}.partial"] = KO[_key].replace("도함수", "편도함수")

# The errors a user gets for input that cannot be read (symdiff.core.errors.Words).
EN.update(error_words.EN)
KO.update(error_words.KO)

# The keys whose text is not a sentence: headings, labels, table captions, and words placed into other
# lines (a rule's or a mistake's name). Every other Korean message is one or more full sentences in one
# polite register (합니다체: ~입니다, ~합니다), as a Korean textbook writes them; tests/test_korean.py
# holds the catalogue to it. Headings are noun phrases ("y를 상수로 고정", "이계 편도함수:").
LABEL_PREFIXES = ("rule.", "mistake.", "error.usage.missing.", "error.option.kind.", "title.", "page.", "web.", "summary", "document.", "tangent.", "matrix.kind.",
                  "matrix.layout.name", "deep.loss", "deep.layer.", "error.latex.what.",
                  "error.what.", "error.kind.", "check.derivative", "error.network.role.",
                  # pieces of backprop's --at errors: a place, an example, a list, a slip (not sentences)
                  "error.values.where.", "error.values.example.", "error.values.list", "error.values.slip",
                  "error.values.size_from", "plot.label.", "error.shape.declare", "error.stream.stdin")
LABELS = {
    "heading", "heading.held", "derivation.of", "derivation.of.displayed", "display.numbered", "heading.with_held", "result", "simplified", "simplified.factor", "simplified.factor.inner", "simplified.denominator", "simplified.multiply", "simplified.collect", "simplified.using", "simplified.using.two", "line", "error", "at", "value_at", "list.more",
    "error.usage", "error.digits.about", "error.digits.huge", "shared", "shared.where", "grad.directional", "grad.by", "hessian.second",
    "hessian.second.lead", "hessian.entries", "hessian.nonzero", "hessian.entries.named", "hessian.nonzero.named", "hessian.matrix", "extremum.heading", "jacobian.matrix",
    "check.question", "check.answer", "check.unreadable", "check.undefined", "check.mistake", "check.steps",
    "descend.more", "descend.converged", "descend.stopped", "descend.undefined",
    "implicit.where",
    "note", "caution", "grad.omitted.hint", "grad.omitted.name", "rules.head", "rules.hint", "rules.example", "rules.worked", "practice.head", "practice.head.one",
    "practice.exercises", "practice.answers", "practice.title", "practice.exercises.heading", "practice.rules",
    "practice.rules.one", "practice.answer.condition", "practice.condition",
    "practice.answers.heading",
}


def is_label(key: str) -> bool:
    """Whether `key`'s text is a heading or label rather than a sentence (see LABELS)."""
    return key in LABELS or key.startswith(LABEL_PREFIXES)


CATALOGUES = {"en": EN, "ko": KO}
FAMILIES = {"en": _FAMILY, "ko": _FAMILY_KO}
LANGUAGES = tuple(CATALOGUES)


# An explanation names at most this many held variables (a loss can hold thousands constant).
LIST_MAX = 8


def _format_value(value, printer: Callable, lang: str = "en") -> str:
    """A value as the words show it: an expression of either engine by `printer`; text, numbers and
    other Python values (a count, a matrix power's exponent) as they are."""
    if isinstance(value, (list, tuple)):
        shown = ", ".join(_format_value(v, printer, lang) for v in value[:LIST_MAX])
        if len(value) <= LIST_MAX:
            return shown
        return CATALOGUES.get(lang, EN)["list.more"].format(shown=shown, count=len(value))
    if isinstance(value, Factor):
        text = printer(value.expr)
        return f"({text})" if isinstance(value.expr, sympy.Add) else text
    if isinstance(value, Condition):
        return value.printed(printer)
    if hasattr(value, "said"):  # words with their own slots, placed into a message (matrix.stated.Lines)
        return value.said(printer)
    if isinstance(value, sympy.Basic):
        return printer(value)
    if isinstance(value, str) and "⟦" in value:  # words with their formulas marked (matrix.table's)
        return _with_formulas(value, printer, lang)
    if type(value).__module__ == "builtins" or isinstance(value, numbers.Number):
        return str(value)
    return printer(value)  # a matrix expression (the printer the renderer passes is the matrix engine's)


# The language explanations are written in is `LANGUAGE` (symdiff.core.language): `with language("ko"): ...`
# or `LANGUAGE.set("ko")`.


# Korean school mathematics reads log without a base as the common (base-10) logarithm, so Korean
# output writes the natural logarithm ln; English keeps SymPy's log.
NATURAL_LOG_LANGUAGES = ("ko",)


def natural_log(lang: str | None = None) -> bool:
    """Whether the natural logarithm is written ln (not log) in `lang` (default: the current one)."""
    return (lang or LANGUAGE.get()) in NATURAL_LOG_LANGUAGES


def natural_log_text(text: str | None) -> str | None:
    """Text already printed in SymPy's syntax (a value kept as data), as the current language writes
    it: log( becomes ln( where `natural_log()` says so."""
    return re.sub(r"\blog\(", "ln(", text) if text and natural_log() else text


class NaturalLogStr:
    """A mix-in for SymPy's StrPrinter: log(x) is printed ln(x) where `natural_log()` says so."""

    def _natural_log(self) -> bool:
        return natural_log()

    def _print_log(self, expr):
        if self._natural_log():
            return f"ln({self._print(expr.args[0])})"
        return self._print_Function(expr)


class _LnStrPrinter(NaturalLogStr, StrPrinter):
    def _natural_log(self) -> bool:
        return True


_ln_str = _LnStrPrinter().doprint  # `sympy.sstr` in a message of a language that writes ln
# The printers that write SymPy's syntax, whose text a particle follows as it stands (no view's order)
_SYNTAX_PRINTERS = (sympy.sstr, _ln_str, str)


@contextlib.contextmanager
def language(lang: str):
    if lang not in CATALOGUES:
        raise ValueError(f"no messages in {lang!r}; choose from {', '.join(CATALOGUES)}")
    token = LANGUAGE.set(lang)
    try:
        yield
    finally:
        LANGUAGE.reset(token)


def _reading(value, printer: Callable = sympy.sstr):
    """What a particle after `value` follows: as printed, a long list ends in its count (… 12개)."""
    if isinstance(value, (list, tuple)) and len(value) > LIST_MAX:
        return korean.Reading(f"{len(value)}개")
    if isinstance(value, sympy.Expr) and not value.is_Atom and printer not in _SYNTAX_PRINTERS:
        # read as every human view prints it: |x|·√(x² − 1) ends in √(x² − 1) (…일을), though SymPy's own
        # order puts |x| last (…엑스를); SymPy's syntax (x**(5/2)) is read as it stands
        from ..render.notation import displayed

        return displayed(value)
    return value


def message(key: str, printer: Callable = sympy.sstr, lang: str | None = None,
            readings: dict | None = None, capital: bool = False, **values) -> str:
    """The catalogue's text for `key` with `values` printed by `printer`. A placeholder written with a
    particle, `{var:을/를}`, gets the particle that follows the value read aloud in Korean
    (`symdiff.core.korean`); `readings` gives the reading of a value that arrives already printed.
    With `capital`, the text begins a sentence of a human view (see `_fill`)."""
    lang = lang or LANGUAGE.get()
    table = CATALOGUES.get(lang, EN)
    return _fill(table.get(key) or EN[key], key, printer, lang, readings, values, capital)


def _capitalized(text: str, template: str, capital: bool) -> str:
    """`text` with a capital first letter where `capital` asks for one and the template begins with
    a word: the catalogue writes its English lower-case, since much of it is set inside other lines
    (JSON's explanations keep it so), and a human view's line that begins a sentence asks for the
    capital. Mathematics that begins a sentence (x² …, d/dx, asin′(x) = …, y is a function of x) stays
    as it is, and Korean has no case."""
    # {family} is words too ("trigonometric rule: …"): the one slot a sentence begins with that holds words
    if capital and (template.startswith("{family}") or _begins_with_a_word(template)):
        return text[:1].upper() + text[1:]
    return text


def _begins_with_a_word(template: str) -> bool:
    """Whether `template` begins with an English word ("second-derivative", "a") rather than mathematics
    (a name like x or atan2, asin′(x), d/dx, fᵍ, or a slot): only a word takes a capital."""
    first = template.split(maxsplit=1)[0].rstrip(",:;.") if template.strip() else ""
    word = first.replace("-", "").replace("'", "")
    return word.isascii() and word.isalpha() and word[:1].islower() and (len(word) > 1 or word == "a")


def _fill(template: str, key: str, printer: Callable, lang: str, readings: dict | None, values: dict,
          capital: bool = False) -> str:
    if printer is sympy.sstr and natural_log(lang):
        printer = _ln_str
    out: list[str] = []
    printed: dict[str, str] = {}  # only the values the template uses are printed: the costly part
    ends: dict[int, tuple] = {}  # where each value's text ends, and the value: what a particle alone may follow
    for literal, name, spec, _ in _parsed(template):
        out.append(_with_formulas(literal, printer, lang))
        if name is None:
            continue
        if name == "":  # {:이/가}, a particle alone, after a remark the catalogue writes: 3(3·x의 도함수)이
            out.append(korean.particle(_before_particle("".join(out), ends, readings, printer), spec))
            continue
        value = values[name] if name in values else _condition(name, values)
        if spec == korean.COUNT_SPEC:  # a count before its noun: 두 항, 5개의 항
            out.append(korean.counted(int(value)))
            continue
        if spec == WORDS_SPEC:  # a small count in words, as a textbook writes it: each of the two terms
            out.append(_NUMBER_WORDS.get(int(value), str(value)))
            continue
        if spec in korean.NOUN_SPECS:  # what a quoted piece of input is: '3' 수가, 'x' 이름이
            out.append(korean.noun(value, spec))
            continue
        if name not in printed:
            printed[name] = _format_value(value, printer, lang)
        out.append(printed[name])
        if spec:
            if not korean.is_particle_spec(spec):
                raise ValueError(f"message {key!r}: {{{name}:{spec}}} is not a particle")
            said = readings[name] if readings and name in readings else _reading(value, printer)
            out.append(korean.particle(said, spec))
        else:
            ends[len("".join(out))] = (name, value)
    return _capitalized("".join(out), template, capital and lang == "en")


# An English count before its noun in words up to nine (each of the two terms, the 12 terms), as a
# message writes it, {count:words}; the Korean counterpart is korean.COUNT_SPEC.
WORDS_SPEC = "words"
_NUMBER_WORDS = dict(enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")))


def _before_particle(text: str, ends: dict, readings: dict | None, printer: Callable = sympy.sstr):
    """What a particle alone at the end of `text` follows: the word before the remark or quote that ends it,
    the value put in there if one ends there (read from the value, not its printed form: $2 x$ is read
    2x, whatever a remark after it holds), else the catalogue's own word."""
    before = korean.without_remark(text).rstrip("'’\"”")  # a quote is not read: '3'이
    if len(before) in ends:
        name, value = ends[len(before)]
        return readings[name] if readings and name in readings else _reading(value, printer)
    words = before.split()
    return korean.Reading(korean.text(words[-1])) if words else korean.Reading("")


# Mathematics the catalogue writes itself, ⟦z⟧, ⟦m×1⟧: a formula as a slot would be (`written.Formula`), so a
# document typesets it as mathematics and the text view writes it as it is, without the brackets.
_WRITTEN = re.compile("⟦([^⟧]*)⟧")


def _with_formulas(literal: str, printer: Callable, lang: str) -> str:
    if "⟦" not in literal:
        return literal
    from .written import Formula

    return _WRITTEN.sub(lambda m: _format_value(Formula(m.group(1)), printer, lang), literal)


# A condition on a value, `{var_is_0}` (x = 0), `{var_gt_0}`, `{var_lt_0}`, `{var_ne_0}`: one slot, so
# that a document typesets it as one formula ($x = 0$), never a variable in math and the rest in words.
_CONDITION = re.compile(r"(\w+)_(is|gt|lt|ne|ge)_(\d+)")
_RELATIONS = {"is": ("=", sympy.Eq), "gt": (">", sympy.StrictGreaterThan), "lt": ("<", sympy.StrictLessThan),
              "ne": ("≠", sympy.Ne), "ge": ("≥", sympy.GreaterThan)}


class Condition:
    """`lhs op n`, printed whole by a printer that typesets formulas (see `markup.with_math`), and by any
    other as its two sides around the sign (SymPy's own string printer writes Eq(x, 0))."""

    def __init__(self, lhs, relation: str, rhs: int = 0):
        self.lhs, self.rhs, (self.sign, self.relation) = lhs, rhs, _RELATIONS[relation]

    def __eq__(self, other) -> bool:
        # two notes with one condition are one note (each partial of a gradient may find the same)
        return isinstance(other, Condition) and (self.lhs, self.sign, self.rhs) == (other.lhs, other.sign, other.rhs)

    def __hash__(self) -> int:
        return hash((self.lhs, self.sign, self.rhs))

    def printed(self, printer: Callable) -> str:
        # rhs: a number, or an expression (x ≠ 1/2 for a cancelled 2x − 1)
        rhs = self.rhs if isinstance(self.rhs, sympy.Basic) else sympy.Integer(self.rhs)
        if getattr(printer, "typesets", False):
            return printer(self.relation(self.lhs, rhs, evaluate=False))
        return f"{printer(self.lhs)} {self.sign} {printer(rhs)}"


def _condition(name: str, values: dict) -> Condition:
    match = _CONDITION.fullmatch(name)
    if match is None or match.group(1) not in values:
        raise KeyError(name)
    return Condition(values[match.group(1)], match.group(2), int(match.group(3)))


@functools.lru_cache(maxsize=1024)
def _parsed(template: str) -> tuple:
    return tuple(string.Formatter().parse(template))


def joined(*parts: str) -> str:
    """Clauses of one line: after a sentence that ends with its full stop (Korean), the next one follows
    it; otherwise a semicolon joins them."""
    out = parts[0]
    for part in parts[1:]:
        out += (" " if out.endswith((".", "?", ".)")) else "; ") + part
    return out


# The rules explained in two parts, each by the key of its words before the substeps; its closing words
# are "substituted" (or "substituted.simplified"), and its whole explanation is the two joined.
SPLIT = {"product": "product.pieces", "product.many": "product.many.pieces", "quotient": "quotient.pieces",
         "chain": "chain.pieces"}
for _table in (EN, KO):
    for _key, _pieces in SPLIT.items():
        _table.setdefault(_key, joined(_table[_pieces], _table["substituted"]))
# The rules explained in two parts that end in a closing of their own (`{rule}.closing`), not in the
# pieces substituted: logarithmic differentiation solves its equation for the derivative.
OPENED = {"general_power": "general_power.pieces", "general_power.positive": "general_power.positive.pieces"}
for _table in (EN, KO):
    for _key, _pieces in OPENED.items():
        _table.setdefault(_key, joined(_table[_pieces], _table["general_power.closing"]))


def plural(key: str, count: int, printer: Callable = sympy.sstr, lang: str | None = None, capital: bool = False,
           **values) -> str:
    """`message(key)` with `count`, or its singular form `key.one` when the count is 1."""
    if count == 1 and f"{key}.one" in EN:
        key = f"{key}.one"
    return message(key, printer, lang, capital=capital, count=count, **values)


def explain(step: Step, printer: Callable = sympy.sstr, lang: str | None = None, capital: bool = False) -> str:
    """The explanation of one step of either engine, in `lang` (default: the current `language`),
    with values printed by `printer`; with `capital`, as a sentence of its own (see `_fill`)."""
    lang = lang or LANGUAGE.get()
    key, template, values = _explanation_template(step, lang)
    return _fill(template, key, printer, lang, None, values, capital)


# The values an explanation's name may hold ("product rule for 3 factors", "trigonometric rule"): a
# template that begins "<name>: " with no other value before the colon is a name and its explanation.
# rule_name: a matrix step that refers to one worked out above takes that one's name (`matrix.differential.Again`)
_NAME_VALUES = {"count", "family", "rule_name"}
_NAME_LONGEST = 40  # characters of template: past that, the words before a colon are a sentence


def _explanation_template(step: Step, lang: str, opening: bool = False) -> tuple[str, str, dict]:
    table = CATALOGUES.get(lang, EN)
    key = step.message
    values = step.values(lang)
    if key not in table and key not in EN:
        family, _, function = key.partition(".")
        values["family"] = FAMILIES.get(lang, _FAMILY).get(family, family)
        key = f"function.{function}" if f"function.{function}" in EN else "function"
    if opening and step.substeps and (key in SPLIT or key in OPENED):
        key = SPLIT.get(key) or OPENED[key]
    elif opening and f"{key}.itself" in EN and not step.substeps and _states_itself(step):
        key = f"{key}.itself"  # the views write the step's line above these words: its formula is said there
    return key, table.get(key) or EN[key], values


def opening(step: Step, printer: Callable = sympy.sstr, lang: str | None = None, capital: bool = False) -> str:
    """The words a view writes on a step's head line, before its substeps: the whole explanation, but
    for a rule that substitutes its pieces only the naming of the pieces and the formula (`closing`
    has the rest)."""
    lang = lang or LANGUAGE.get()
    key, template, values = _explanation_template(step, lang, opening=True)
    return _fill(template, key, printer, lang, None, values, capital)


# a product's marks and a printer's spacing: the line 3(x³ − x)²·(3x² − 1) and its result
# 3(x³ − x)²(3x² − 1) differ only in the dot that shows where a piece was put in, the same line twice
_MARKS = re.compile(r"\\cdot|\\,|·|(?<!\*)\*(?!\*)|&#183;|&InvisibleTimes;|&#8290;|<mo>\s*</mo>|</?mrow>"
                    r"|<mspace[^>]*/>|\s")


def _unmarked(printed: str) -> str:
    return _MARKS.sub("", _MARKS.sub("", printed))  # twice: a dot's <mo></mo> is left by the first


def closing(step: Step, printer: Callable = sympy.sstr, lang: str | None = None,
            display: bool = False, capital: bool = False) -> str | None:
    """The words a view writes under a step's substeps, once they have derived its parts: the pieces
    substituted into the formula and, where that is written otherwise, the result; the result alone for
    the other rules with substeps (a sum's terms added). None for a step without substeps, whose head
    line states its result. With `display`, the words that introduce "assembled = result" displayed
    after them (a document's substitution too wide for its sentence), or None where the closing is no
    such substitution."""
    if not step.substeps:
        return None
    lang = lang or LANGUAGE.get()
    key = step.message

    def alike(a, b) -> bool:
        # printed, not compared as SymPy objects: what matters is whether the reader would see the same
        # line twice (a document's printer hands out tokens; `printer` as it stands when asked)
        plain = getattr(printer, "typeset", printer)
        return _unmarked(plain(a)) == _unmarked(plain(b))

    values = step.values(lang)
    if key in SPLIT:
        if printer is sympy.sstr and natural_log(lang):
            printer = _ln_str
        # the substituted form is the result evaluated: said once where it prints the same
        same = alike(values["assembled"], values["result"])
        values = {"assembled": printer(substituted_forms(step) if not same else values["assembled"]),
                  "result": printer(values["result"])}
        # a result that only reorders the line is still shown: the reader who sees cos(x²)·2·x and then
        # 2·x·cos(x²) used above, or as the answer, needs the step that turned one into the other
        key = "substituted" if same else "substituted.simplified"
        if display:
            return None if same else message(f"{key}.display", printer, lang, capital=capital)
    elif display:
        return None
    else:
        # a case's own closing (a difference's "subtracting the results"), else its rule's
        rule_key = f"{key}.closing" if f"{key}.closing" in EN else f"{key.partition('.')[0]}.closing"
        key = rule_key if rule_key in EN else "closing"
        added = getattr(step, "added", None)  # a shown sum's terms' results side by side (render.order)
        if key.startswith("sum.") and added is not None:
            if not alike(added, values["result"]):
                key, values = f"{key}.simplified", {**values, "added": added}
        elif key == "constant_multiple.closing" and _multiplied_out(step):
            product = _times_constant(step.constant, step.other.result)
            if not alike(product, values["result"]):
                key, values = "constant_multiple.closing.simplified", {**values, "product": product}
    return _fill(CATALOGUES.get(lang, EN).get(key) or EN[key], key, printer, lang, None, values, capital)


def _multiplied_out(step: Step) -> bool:
    """Whether multiplying the constant factor in does more than set the factors side by side
    (3·y⁴ times 2·x is 6·x·y⁴; y times (a sum) is only (the sum)·y, which needs no second line)."""
    def factors(*exprs):
        # by value (a shown tree's result may be a written form, (typed sum)·y); a factor ±1 is no work
        found = [f for e in exprs for f in sympy.Mul.make_args(e.doit()) if abs(f) is not sympy.S.One]
        return sorted(map(sympy.sstr, found))
    if abs(step.constant) is sympy.S.One:  # −1·(2·x) is only a sign: the result says it
        return False
    return factors(step.constant, step.other.result) != factors(step.result)


def _times_constant(constant, result):
    """c·(the substep's result) as written, nothing evaluated; a negative c as a minus in front,
    −3·2·x, not (−3)·2·x (the idiom of scalar.rules.numbers_first)."""
    if constant.could_extract_minus_sign():
        return sympy.Mul(sympy.S.NegativeOne, Times(-constant, result), evaluate=False)
    return Times(constant, result)


def substituted_forms(step: Step):
    """The pieces substituted into a rule's formula as its closing line writes them: where the result
    is more than one move away, the forms in between follow, each after an "=" (steps' `between`)."""
    assembled = step.values(LANGUAGE.get())["assembled"] if not hasattr(step, "assembled") else step.assembled
    between = getattr(step, "between", None) or []
    return Equation(assembled, *between) if between else assembled


def named_explanation(step: Step, printer: Callable = sympy.sstr, lang: str | None = None,
                      opening: bool = False, capital: bool = False) -> tuple[str | None, str]:
    """The explanation of one step split into the rule's name as it begins ("power rule",
    "합성함수의 미분법(연쇄 법칙)") and the rest, for views that show the name once, as the step's
    label; (None, the whole explanation) where it begins with no name. With `opening`, the words
    before the substeps only (see `opening`)."""
    lang = lang or LANGUAGE.get()
    key, template, values = _explanation_template(step, lang, opening)
    head, rest = _name_and_rest(template)
    if head is None:
        return None, _fill(template, key, printer, lang, None, values, capital)
    name = _fill(head, key, sympy.sstr, lang, None, values)
    if capital and lang == "en":  # a name is words, whatever value begins it ("trigonometric rule")
        name = _capitalized(name, name, True)
    if _FORMULA_ALONE.fullmatch(rest.strip()) and _states_itself(step):
        return name, ""  # d/dx ln(x) = 1/x — d/dx ln x = 1/x: the formula would repeat the line
    # with `capital`, the rest too: a view that sets the name apart starts the rest a sentence of its own
    return name, _fill(rest, key, printer, lang, None, values, capital)


def _name_and_rest(template: str) -> tuple[str | None, str]:
    """An explanation template split at the colon after the rule's name, (None, template) where it
    begins with no name: a short head whose only slots are the ones a name may hold."""
    head, colon, rest = template.partition(": ")
    names = {name for _, name, _, _ in _parsed(head) if name is not None}
    if not colon or len(head) > _NAME_LONGEST or not names <= _NAME_VALUES:
        return None, template
    return head, rest


# The rest of an explanation that is its formula alone, as a sentence of either language ("{formula}",
# Korean "{formula}입니다").
_FORMULA_ALONE = re.compile(r"\{formula\}(입니다\.)?")


def _states_itself(step: Step) -> bool:
    """Whether the step is its rule's formula at the bare variable (ln x, sin u, eˣ), where the
    formula, written in the step's own variable, is the step's claim again."""
    expr, var = getattr(step, "expr", None), getattr(step, "var", None)
    return var is not None and expr is not None and (
        expr == var or (getattr(expr, "is_Function", False) and tuple(expr.args) == (var,)))


def step_label(step: Step, lang: str | None = None, capital: bool = False) -> str:
    """The name of `step`'s rule as the output shows it: the name its explanation begins with, the
    one the documents print ("natural log rule", "소프트플러스 함수의 미분"), so that a view's tag and
    another view's heading never name one rule twice (the text view's "(로그함수의 미분)" beside the
    Markdown's "자연로그의 미분", "(시그모이드 함수의 미분)" for softplus); without its gloss
    ("(연쇄 법칙)"). One scheme for every tag, the rule's full name: "(power rule)" beside "(identity
    rule)", never "(power)" beside it (a leaf's tag, with no explanation under it, names its rule in full).
    An explanation that begins with no name: the catalogue's heading, else the contract rule's label."""
    lang = lang or LANGUAGE.get()
    # the name alone: filling the whole explanation to read its name printed every formula in it, for
    # every step of the text view's tree
    key, template, values = _explanation_template(step, lang, opening=True)
    head, _ = _name_and_rest(template)
    name = _fill(head, key, sympy.sstr, lang, None, values) if head is not None else None
    if name:
        label = _GLOSS.sub("", name)
    else:
        table = CATALOGUES.get(lang, EN)
        key = f"rule.{step.message}"
        label = table.get(key) or EN.get(key) or rule_heading(step.rule, lang)
    return _capitalized(label, label, capital and lang == "en")


# A name's gloss in parentheses at its end, "합성함수의 미분법(연쇄 법칙)": another name for the same rule.
_GLOSS = re.compile(r"\s*\([^()]*\)$")


def rule_label(rule: str, lang: str | None = None) -> str:
    """The name of a contract rule as the output shows it, in the current language."""
    table = CATALOGUES.get(lang or LANGUAGE.get(), EN)
    return table.get(f"rule.{rule}") or EN.get(f"rule.{rule}") or rule.replace("_", " ")


def rule_heading(rule: str, lang: str | None = None) -> str:
    """A rule's name as a heading gives it: its label with the gloss a textbook adds (합성함수의
    미분법(연쇄 법칙)), which a step's tag leaves out."""
    table = CATALOGUES.get(lang or LANGUAGE.get(), EN)
    return table.get(f"title.rule.{rule}") or rule_label(rule, lang)
