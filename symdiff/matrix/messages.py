"""The matrix rules' explanations, added to the one message catalogue per language.

A matrix step's explanation is looked up as a scalar step's is (`symdiff.core.messages.explain`), its
values printed by the matrix printer the renderer chooses (canonical text, Unicode or LaTeX); the
other words here (`matrix_message`) take values already printed.
"""

from __future__ import annotations

from ..core.messages import EN, KO, LABELS, message

_EN = {
    "matrix.constant": "{expr} does not depend on {var}, so {zero}",
    "matrix.identity": "the differential of {var} itself is {dvar}",
    # a differential met a second time in one derivation is referred to, as a teacher does, not worked out again
    "matrix.again": "{rule_name}: as above, {found}",
    # the tag of that row where a view shows tags alone (LaTeX's align)
    "matrix.again.tag": "{rule}, as above",
    "matrix.sum": "sum and difference rule: {formula}, term by term",
    # the terms without the variable by name, as a teacher says it ("b does not depend on x, so db = 0"),
    # not counted ("the terms without x (1 of 2)")
    "matrix.sum.some": "sum and difference rule: {formula}, term by term; {constants} does not depend on {var}, "
                       "so {zeros}",
    "matrix.sum.some.many": "sum and difference rule: {formula}, term by term; {constants} and {last} do not "
                            "depend on {var}, so {zeros}",
    "matrix.linear": "linear rule: {constant} does not depend on {var}, so it stays in place and only "
                     "{inner} is differentiated",
    "matrix.linear.sides": "linear rule: {left} and {right} do not depend on {var}, so they stay in place, "
                           "{left} on the left and {right} on the right, and only {inner} is differentiated",
    "matrix.product": "product rule: {formula}; differentiate one factor at a time ({count:words} factors "
                      "depend on {var}), keeping every factor in its place (matrices do not commute)",
    # xᵀAx: the rule over three factors leaves two terms because dA = 0, which is said, not left to the reader
    "matrix.product.some": "product rule: {formula}, over the {total:words} factors {factors}; {constants} does "
                           "not depend on {var}, so {zeros}, and {count:words} terms are left, each with one factor "
                           "differentiated and every factor in its place (matrices do not commute)",
    "matrix.product.some.many": "product rule: {formula}, over the {total:words} factors {factors}; {constants} "
                                "do not depend on {var}, so {zeros}, and {count:words} terms are left, each with "
                                "one factor differentiated and every factor in its place (matrices do not commute)",
    "matrix.transpose": "transpose rule: {formula}",
    "matrix.power.scalar": "power rule: {formula} with {n_is} ({s} is a scalar)",
    "matrix.power.matrix": "matrix power rule: {formula}, {n} terms, because {A} and {dA} need "
                           "not commute",
    "matrix.trace": "trace rule: the trace is linear, so {formula}",
    "matrix.trace.analytic": "trace of an analytic matrix function: {fn_of} is a power series in {U} with "
                             "{u_is}; {dU} and {U} need not commute, but under the trace each term's factors "
                             "can be cycled, so {formula} with {fn_prime_is} "
                             "(Matrix Cookbook §2.7); as found above, {d_found}",
    "matrix.trace.analytic.variable": "trace of an analytic matrix function: {fn_of} is a power series in {U} "
                                      "with {u_is}; {dU} and {U} need not commute, but under the trace each term's "
                                      "factors can be cycled, so {formula} with {fn_prime_is} (Matrix Cookbook §2.7)",
    "matrix.entries": "sum of entries is linear: {formula}",
    # a label's capital would fall on diag, a function's name: the rule is named in words
    "matrix.diag": "diagonal rule: the function diag is linear, so {formula}",
    "matrix.det": "determinant rule (Jacobi's formula): {formula}",
    "matrix.det.log": "log-determinant rule: {formula}",
    "matrix.inverse": "inverse rule: from {inverse_is}, {formula}",
    "matrix.softmax": "softmax rule: with {s_is}, {ds}, so {formula}",
    "matrix.norm": "norm rule: {formula} (Euclidean or Frobenius norm; {nonzero})",
    "matrix.norm.squared": "squared norm rule: {square} (Euclidean or Frobenius norm), so {formula}",
    "matrix.norm.1": "1-norm rule: {formula} (where no entry is 0)",
    "matrix.hadamard": "product rule for the element-wise product: {formula}",
    "matrix.elementwise": "element-wise rule: {fn_of} is worked out entry by entry of {U}, so {formula} with "
                          "{fn_prime_is}",
    "matrix.chain": "chain rule, element-wise: {formula} with {u_is} and {fn_prime_is}; as found above, "
                    "{d_found}",
    "matrix.read_off": "{df}; moving every factor to the other side of the inner product ({moves}), {term}; so "
                       "{gives_is}, of the shape of {var}",
    "matrix.moves.hadamard": "{moves}; a factor that multiplies entry by entry crosses over unchanged, {hadamard}",
    "matrix.moves.hadamard.alone": "a factor that multiplies entry by entry crosses over unchanged, {hadamard}",
    # a term's row: what it gives in words, not "term ⇒ part" (⇒ reads "implies")
    "matrix.read_off.contributes": "{term} contributes {part}",
    "matrix.read_off.term": "{term}, moving every factor to the other side of the inner product ({moves})",
    "matrix.read_off.lines": "{df}; to read the gradient off it, write it in the form {form}: {lines}; so "
                             "{gives_is}, of the shape of {var}",
    # a df of several terms: the plan first (its row states df), then each term, then the sum closes
    "matrix.read_off.plan": "to read the gradient off {d_f}, write each term in the form {form}, read off its part "
                            "of the gradient, and add the parts",
    "matrix.read_off.terms": "the terms' parts added give {gives_is}, of the shape of {var}",
    "matrix.read_off.term.lines": "{lines}; so this term's part of the gradient is {part}",
    "matrix.identity.scalar_trace": "a scalar is its own trace, so {eq}",
    "matrix.identity.cyclic": "by the cyclic property of the trace, {cyclic}, {eq}",
    "matrix.identity.trace_transpose": "a matrix and its transpose have the same trace, so {eq}",
    "matrix.identity.scalar_transpose": "a scalar equals its transpose, so {eq}",
    "matrix.identity.one_by_one_trace": "the trace of a ⟦1×1⟧ matrix is its one entry, so {eq}",
    # the sentence has just said "write it in the form gᵀ·dx": the line says how, not the form again
    "matrix.identity.row_transpose": "writing the factor in front as a transpose, {eq}",
    "matrix.identity.already": "it is in that form already, {eq}, with {gt_is}",
    "matrix.read_off.jacobian": "read the Jacobian off the differential: {formula} gives {gives}, whose entry ⟦(i, j)⟧ is {entry}",
    "matrix.read_off.jacobian.term": "{term}, by the vector chain rule ({moves})",
    # a ⊙ (W·dx) to diag(a)W: the identity that brings the diagonal matrix in is said before J holds it
    "matrix.read_off.jacobian.diagonal": "an element-wise product is a product with a diagonal matrix, {diagonal}, "
                                         "so {lines}; read the Jacobian off it: {formula} gives {gives}, whose entry "
                                         "⟦(i, j)⟧ is {entry}",
    "matrix.read_off.jacobian.term.diagonal": "an element-wise product is a product with a diagonal matrix, "
                                              "{diagonal}, so {lines}; this term's part of the Jacobian is {part}",
    "matrix.read_off.scalar": "with {var} a scalar, the derivative is the differential with {dvar_one}",
    "matrix.layout.numerator": "numerator layout: the transpose, {result}",
    "matrix.layout.denominator": "denominator layout: the transpose, {result}",
    # what is differentiated by what, then the layout: its name and what it means
    "matrix.kind.line": "{kind}; {name}: {why}",
    # what the mixed layout means for this derivative alone: a Jacobian's "m×n" beside a scalar's gradient
    # named sizes the input did not have, or had for a matrix of its own (A = m×n)
    "matrix.layout.why.mixed.scalar": "a scalar's derivative has the shape of the variable it is taken with respect to",
    "matrix.layout.why.mixed.vector": "a vector's derivative with respect to a vector is its Jacobian, a row for each "
                                      "entry of the vector and a column for each entry of the variable",
    "matrix.layout.why.mixed.by_scalar": "a derivative with respect to a scalar has the shape of what is differentiated",
    "matrix.layout.why.numerator": "every derivative has the rows of what is differentiated",
    "matrix.layout.why.denominator": "every derivative has the rows of the variable it is taken with respect to",
    "matrix.heading": "d/d{var} of {expr}",
    "matrix.shapes": "shapes",
    "matrix.shape": "shape",
    "matrix.title": "matrix",
    "matrix.layout.name": "{layout} layout",
    "matrix.layout.name.mixed": "mixed layout",
    "matrix.layout.name.mixed.scalar": "mixed layout",
    "matrix.layout.name.mixed.vector": "mixed layout",
    "matrix.layout.name.mixed.by_scalar": "mixed layout",
    "matrix.layout.name.denominator": "denominator layout",
    "matrix.layout.name.numerator": "numerator layout",
    "matrix.result": "∂f/∂{var}",
    "matrix.differential": "differential",
    "matrix.kind.scalar_by_scalar": "scalar by scalar",
    "matrix.kind.scalar_by_vector": "scalar by vector",
    "matrix.kind.scalar_by_matrix": "scalar by matrix",
    "matrix.kind.vector_by_scalar": "vector by scalar",
    "matrix.kind.vector_by_vector": "vector by vector (Jacobian)",
    "matrix.kind.matrix_by_scalar": "matrix by scalar",
    # a student reads "to within rounding error" and the tolerance, not 5.5e-37 (JSON keeps the number)
    "matrix.check": "check: agrees with central finite differences at {points} random points, to within rounding "
                    "error (relative difference below {tolerance})",
    "matrix.check.one": "check: agrees with central finite differences at one random point, to within rounding "
                        "error (relative difference below {tolerance})",
    "matrix.check.failed": "check: DISAGREES with central finite differences (largest relative difference {error}, "
                           "where agreement means below {tolerance})",
    "matrix.check.none": "check: no random point was in the domain, so nothing was checked",
    "matrix.check.unresolved": "check: not checked: at every random point tried, f changes too fast for a central "
                               "difference to settle (two step sizes gave different differences)",
}

_KO = {
    "matrix.constant": "{expr:은/는} {var}에 의존하지 않으므로 {zero}입니다.",
    "matrix.identity": "{var} 자신의 미분은 {dvar}입니다.",
    "matrix.again": "{rule_name}: 앞에서 구한 대로 {found}입니다.",
    "matrix.again.tag": "{rule}, 앞에서 구한 결과",
    "matrix.sum": "합·차의 미분법: {formula}이므로 항별로 미분합니다.",
    "matrix.sum.some": "합·차의 미분법: {formula}이므로 항별로 미분합니다. {constants:은/는} {var}에 의존하지 "
                       "않으므로 {zeros}입니다.",
    "matrix.sum.some.many": "합·차의 미분법: {formula}이므로 항별로 미분합니다. {constants:과/와} {last:은/는} "
                            "{var}에 의존하지 않으므로 {zeros}입니다.",
    "matrix.linear": "선형성: {constant:은/는} {var}에 의존하지 않으므로 제자리에 두고 {inner}만 미분합니다.",
    "matrix.linear.sides": "선형성: {left:과/와} {right:은/는} {var}에 의존하지 않으므로 {left:은/는} 왼쪽에, "
                           "{right:은/는} 오른쪽에 그대로 두고 {inner}만 미분합니다.",
    "matrix.product": "곱의 미분법: {formula}입니다. {var}에 의존하는 {count:개의} 인수를 하나씩 미분하되, "
                      "행렬의 곱은 교환법칙이 성립하지 않으므로 인수의 순서를 지킵니다.",
    "matrix.product.some": "곱의 미분법: {formula}입니다. {total:개의} 인수 {factors} 중 {constants:은/는} {var}에 "
                           "의존하지 않으므로 {zeros}이고, 나머지 {count:개의} 인수를 하나씩 미분한 {count:개의} 항이 "
                           "남습니다. 행렬의 곱은 교환법칙이 성립하지 않으므로 인수의 순서를 지킵니다.",
    "matrix.product.some.many": "곱의 미분법: {formula}입니다. {total:개의} 인수 {factors} 중 {constants:은/는} "
                                "{var}에 의존하지 않으므로 {zeros}이고, 나머지 {count:개의} 인수를 하나씩 미분한 "
                                "{count:개의} 항이 남습니다. 행렬의 곱은 교환법칙이 성립하지 않으므로 인수의 순서를 "
                                "지킵니다.",
    "matrix.transpose": "전치의 미분: {formula}입니다.",
    "matrix.power.scalar": "거듭제곱의 미분법: {formula}에서 {n_is}입니다 ({s:은/는} 스칼라).",
    "matrix.power.matrix": "행렬 거듭제곱의 미분: {A:과/와} {dA:은/는} 교환되지 않으므로 {formula}이고, "
                           "항은 {n}개입니다.",
    "matrix.trace": "대각합(trace)의 미분: 대각합은 선형이므로 {formula}입니다.",
    "matrix.trace.analytic": "해석적 행렬 함수의 대각합: {fn_of:은/는} {u_is}의 멱급수입니다. {U:과/와} {dU:은/는} "
                             "교환되지 않을 수 있지만 대각합 안에서는 각 항의 인수를 순환시킬 수 있으므로 "
                             "{formula}이고 {fn_prime_is}입니다 "
                             "(Matrix Cookbook §2.7). 위에서 구한 대로 {d_found}입니다.",
    "matrix.trace.analytic.variable": "해석적 행렬 함수의 대각합: {fn_of:은/는} {u_is}의 멱급수입니다. {U:과/와} "
                                      "{dU:은/는} 교환되지 않을 수 있지만 대각합 안에서는 각 항의 인수를 순환시킬 수 "
                                      "있으므로 {formula}이고 {fn_prime_is}입니다 (Matrix Cookbook §2.7).",
    "matrix.entries": "원소의 합은 선형이므로 {formula}입니다.",
    "matrix.diag": "diag는 선형이므로 {formula}입니다.",
    "matrix.det": "행렬식의 미분 (야코비 공식): {formula}입니다.",
    "matrix.det.log": "로그 행렬식의 미분: {formula}입니다.",
    "matrix.inverse": "역행렬의 미분: {inverse_is}에서 {formula}입니다.",
    "matrix.softmax": "소프트맥스 함수의 미분: {s_is}에 대해 {ds}이므로 {formula}입니다.",
    "matrix.norm": "노름의 미분: {formula}입니다 (유클리드 또는 프로베니우스 노름, {nonzero}).",
    "matrix.norm.squared": "노름의 제곱의 미분: {square:이므로/이므로} {formula}입니다 (유클리드 또는 프로베니우스 노름).",
    "matrix.norm.1": "1-노름의 미분: 0인 원소가 없을 때 {formula}입니다.",
    "matrix.hadamard": "아다마르 곱(원소별 곱)의 곱의 미분법: {formula}입니다.",
    "matrix.elementwise": "원소별 미분: {fn_of:은/는} {U}의 원소마다 따로 계산되므로 {formula}이고, "
                          "{fn_prime_is}입니다.",
    "matrix.chain": "원소별 합성함수의 미분법(연쇄 법칙): {u_is:이라/라} 두면 {formula}이고, "
                    "{fn_prime_is}입니다. 위에서 구한 대로 {d_found}입니다.",
    "matrix.read_off": "{df}입니다. 내적의 반대편으로 인수를 옮기면({moves}) {term}이므로 {gives_is}이고, "
                       "{var:과/와} 크기가 같습니다.",
    "matrix.moves.hadamard": "{moves}; 원소별로 곱하는 인수는 그대로 건너갑니다: {hadamard}",
    "matrix.moves.hadamard.alone": "원소별로 곱하는 인수는 그대로 건너갑니다: {hadamard}",
    # as a Korean textbook says it ("…항에서 Ax가 기여합니다" read as a translation)
    "matrix.read_off.contributes": "{term} 항에서 그래디언트에 {part:이/가} 더해집니다",
    "matrix.read_off.term": "내적의 반대편으로 인수를 옮기면 {term}입니다 ({moves}).",
    "matrix.read_off.lines": "{df}입니다. 이것을 {form} 꼴로 고쳐 써서 그래디언트를 읽어 냅니다. {lines}입니다. "
                             "따라서 {gives_is}이고, {var:과/와} 크기가 같습니다.",
    "matrix.read_off.plan": "{d_f}의 각 항을 {form} 꼴로 고쳐 써서 항마다 그래디언트를 읽어 낸 다음, 모두 더하여 "
                            "그래디언트를 구합니다.",
    "matrix.read_off.terms": "각 항에서 읽어 낸 그래디언트를 더하면 {gives_is}이고, {var:과/와} 크기가 같습니다.",
    "matrix.read_off.term.lines": "{lines}입니다. 따라서 이 항에서 읽어 낸 그래디언트는 {part}입니다.",
    "matrix.identity.scalar_trace": "스칼라는 그 대각합과 같으므로 {eq}",
    "matrix.identity.cyclic": "대각합의 순환 성질 {cyclic}에 따라 {eq}",
    "matrix.identity.trace_transpose": "행렬과 그 전치행렬의 대각합은 같으므로 {eq}",
    "matrix.identity.scalar_transpose": "스칼라는 그 전치와 같으므로 {eq}",
    "matrix.identity.one_by_one_trace": "⟦1×1⟧ 행렬의 대각합은 그 성분이므로 {eq}",
    "matrix.identity.row_transpose": "앞의 인수를 전치 꼴로 쓰면 {eq}",
    "matrix.identity.already": "{eq:은/는} 이미 그 꼴이고 {gt_is}",
    "matrix.read_off.jacobian": "미분에서 야코비 행렬을 읽어 냅니다: {formula}이면 {gives}이고, ⟦(i, j)⟧ 성분은 {entry}입니다.",
    "matrix.read_off.jacobian.term": "벡터의 합성함수의 미분법에 따라 {term}입니다 ({moves}).",
    "matrix.read_off.jacobian.diagonal": "원소별 곱은 대각 행렬과의 곱으로 쓸 수 있으므로 ({diagonal}) {lines}입니다. "
                                         "여기서 야코비 행렬을 읽어 냅니다: {formula}이면 {gives}이고, ⟦(i, j)⟧ 성분은 "
                                         "{entry}입니다.",
    "matrix.read_off.jacobian.term.diagonal": "원소별 곱은 대각 행렬과의 곱으로 쓸 수 있으므로 ({diagonal}) "
                                              "{lines}입니다. 따라서 이 항에서 읽어 낸 야코비 행렬은 {part}입니다.",
    "matrix.read_off.scalar": "{var:이/가} 스칼라이므로 미분에 {dvar_one:을/를} 넣은 것이 도함수입니다.",
    "matrix.layout.numerator": "분자 표기법에서는 이것을 전치한 {result:을/를} 도함수로 씁니다.",
    "matrix.layout.denominator": "분모 표기법에서는 이것을 전치한 {result:을/를} 도함수로 씁니다.",
    # a sentence, not "스칼라를 벡터로; 혼합 레이아웃: …" (issue 16, a Korean teacher); the layout's
    # name then opens the sentence that says what it means here
    "matrix.kind.line": "{kind}. {name}에 따라 {why}",
    "matrix.layout.why.mixed.scalar": "스칼라의 도함수는 미분하는 변수와 크기가 같습니다.",
    "matrix.layout.why.mixed.vector": "벡터를 벡터로 미분한 도함수는 야코비 행렬로, 행은 벡터의 성분마다, 열은 변수의 "
                                      "성분마다 하나씩입니다.",
    "matrix.layout.why.mixed.by_scalar": "스칼라로 미분한 도함수는 미분되는 쪽과 크기가 같습니다.",
    "matrix.layout.why.numerator": "도함수의 행은 미분되는 쪽을 따릅니다.",
    "matrix.layout.why.denominator": "도함수의 행은 미분하는 변수를 따릅니다.",
    "matrix.heading": "{expr}의 {var}에 대한 미분",
    "matrix.shapes": "크기",
    "matrix.shape": "크기",
    "matrix.title": "행렬 미분",
    # Korean ML texts name the layouts 분자 표기법 (numerator layout) and 분모 표기법 (denominator layout);
    # the mixed layout has no settled Korean name (a coined 혼합 표기법 reads as a term the reader should
    # know), so it is said in words, by the two layouts it takes from
    "matrix.layout.name": "{layout} 표기법",
    "matrix.layout.name.mixed": "그래디언트는 분모 표기법, 야코비 행렬은 분자 표기법으로 쓰는 관례",
    "matrix.layout.name.mixed.scalar": "그래디언트를 분모 표기법으로 쓰는 관례",
    "matrix.layout.name.mixed.vector": "야코비 행렬을 분자 표기법으로 쓰는 관례",
    "matrix.layout.name.mixed.by_scalar": "스칼라로 미분한 도함수를 분자 표기법으로 쓰는 관례",
    "matrix.layout.name.denominator": "분모 표기법",
    "matrix.layout.name.numerator": "분자 표기법",
    "matrix.result": "∂f/∂{var}",
    "matrix.differential": "미분",
    "matrix.kind.scalar_by_scalar": "스칼라 함수를 스칼라로 미분합니다",
    "matrix.kind.scalar_by_vector": "스칼라 함수를 벡터로 미분합니다",
    "matrix.kind.scalar_by_matrix": "스칼라 함수를 행렬로 미분합니다",
    "matrix.kind.vector_by_scalar": "벡터 함수를 스칼라로 미분합니다",
    "matrix.kind.vector_by_vector": "벡터 함수를 벡터로 미분하여 야코비 행렬을 구합니다",
    "matrix.kind.matrix_by_scalar": "행렬 함수를 스칼라로 미분합니다",
    "matrix.check": "검산: 무작위로 고른 점 {points}개에서 반올림 오차 범위 안에서 중심 차분과 일치합니다 "
                    "(상대 차이 {tolerance} 미만).",
    "matrix.check.one": "검산: 무작위로 고른 점 1개에서 반올림 오차 범위 안에서 중심 차분과 일치합니다 "
                        "(상대 차이 {tolerance} 미만).",
    "matrix.check.failed": "검산: 중심 차분과 일치하지 않습니다 (최대 상대 차이 {error}, 일치하려면 {tolerance} "
                           "미만이어야 합니다).",
    "matrix.check.none": "검산: 정의역 안의 무작위 점이 없어 검산하지 못했습니다.",
    "matrix.check.unresolved": "검산: 하지 못했습니다. 무작위로 고른 모든 점에서 f가 너무 빠르게 변해서 중심 차분이 "
                               "정해지지 않습니다 (두 간격의 차분이 서로 다릅니다).",
}

# f′ of each element-wise function, in words, is in its entry of the function table
# (`symdiff.matrix.table`), beside the code that builds it.

_EN.update({
    "matrix.elementwise.scalar": "{fn} of a scalar: {formula} with {fn_prime_is}",
    "matrix.chain.scalar": "chain rule: {formula} with {u_is} and {fn_prime_is}; as found above, {d_found}",
    "matrix.chain.scalar.log": "chain rule: {formula} with {u_is} and {fn_prime_is}, where the logarithm needs "
                               "{positive}; with {d_found} as found above, {cancel}",
    "rule.linear": "linear", "rule.transpose": "transpose", "rule.trace": "trace", "rule.det": "determinant",
    "rule.inverse": "inverse", "rule.elementwise": "element-wise", "rule.hadamard": "Hadamard product",
    "rule.norm": "norm", "rule.diag": "diagonal", "rule.read_off": "read off", "rule.softmax": "softmax rule",
    "rule.entries": "sum of entries", "rule.logdet": "log-determinant",
})
_KO.update({
    "matrix.elementwise.scalar": "스칼라의 {fn}: {formula}이고, {fn_prime_is}입니다.",
    "matrix.chain.scalar": "합성함수의 미분법(연쇄 법칙): {u_is:이라/라} 두면 {formula}이고, "
                           "{fn_prime_is}입니다. 위에서 구한 대로 {d_found}입니다.",
    "matrix.chain.scalar.log": "합성함수의 미분법(연쇄 법칙): {u_is:이라/라} 두면 {formula}이고, {fn_prime_is}입니다. "
                               "로그가 정의되려면 {positive:이어야/여야} 합니다. 위에서 구한 {d_found:을/를} 넣으면 "
                               "{cancel}입니다.",
    "rule.linear": "선형성", "rule.transpose": "전치의 미분", "rule.trace": "대각합의 미분", "rule.det": "행렬식의 미분",
    "rule.inverse": "역행렬의 미분", "rule.elementwise": "원소별 미분", "rule.hadamard": "아다마르 곱의 미분",
    "rule.norm": "노름의 미분", "rule.diag": "대각 행렬", "rule.read_off": "도함수 읽어 내기",
    "rule.softmax": "소프트맥스 함수의 미분", "rule.entries": "원소의 합의 미분", "rule.logdet": "로그 행렬식의 미분",
})

EN.update(_EN)
KO.update(_KO)
LABELS.update({"matrix.heading", "matrix.shapes", "matrix.shape", "matrix.title", "matrix.result",
               "matrix.differential", "backprop.title", "deep.title", "deep.title.one", "deep.forward", "training.heading",
               "training.forward", "training.backward", "training.loss", "training.output", "training.layer",
               "training.delta", "training.grad_W", "training.grad_b", "training.grad_x", "training.weights",
               "training.biases", "training.gradient", "training.sizes", "training.step", "training.loss_change",
               "training.back", "training.slope", "training.hidden_delta"})
# an identity's clause is placed into a read-off's sentence (`stated.Lines`), not said alone
LABELS.update(k for k in EN if k.startswith("matrix.identity."))
# a term's read-off row states its claim in words where the other rows write a formula: a claim, not a sentence
LABELS.add("matrix.read_off.contributes")
# the moves' words are a clause inside a read-off's brackets, as the identities' are, not a sentence
LABELS.update({"matrix.moves.hadamard", "matrix.moves.hadamard.alone"})


def matrix_message(key: str, lang: str | None = None, readings: dict | None = None, capital: bool = False,
                   **values: str) -> str:
    """`readings`: how each value is read aloud (`symdiff.core.korean`), for the particles after it;
    `capital`: the words begin a line of a human view (a capital where they begin with a word)."""
    return message(key, str, lang, readings, capital=capital, **values)

# A formula in these explanations is a slot ({chain}, {gradient}, …), built in `symdiff.matrix.stated`, so
# that each renderer typesets it in its own notation; the words around it are here.
EN.update({
    "backprop.title": "Backpropagation",
    "backprop.sigmoid": "{sigma} is the sigmoid, {definition}, whose derivative is {derivative}",
    "backprop.relu": "{step} is relu's derivative {derivative}: 1 where {positive}, 0 where {negative}; relu is "
                     "not differentiable at 0, where {at_zero} is taken by convention",
    "backprop.dl_dz": "the loss's gradient with respect to the output ⟦z⟧ (the shape of ⟦z⟧)",
    "backprop.dz_dy": "the activation's Jacobian: diagonal, because it acts on each entry alone",
    "backprop.dl_dz.ce": "the loss's gradient with respect to the output ⟦z⟧ (the shape of ⟦z⟧); component by component, "
                         "{componentwise}",
    "backprop.dy_dx": "the Jacobian of the affine map {affine} with respect to ⟦x⟧: ⟦W⟧ itself",
    "backprop.dy_db": "the Jacobian of the affine map {affine} with respect to ⟦b⟧: the identity",
    "backprop.chain": "vector chain rule, gradients written as columns: {chain}, {size}; the Jacobian's transpose "
                      "carries the gradient back from ⟦z⟧ to ⟦y⟧",
    "backprop.simplified": "{diagonal}, so ⟦δ⟧ is an entrywise (Hadamard) product",
    "backprop.simplified.expanded": "{diagonal}, so ⟦δ⟧ is an entrywise (Hadamard) product; multiplied out, "
                                    "like terms collect",
    "backprop.grad_W": "{entry}, so {entry_gradient}: {gradient}, {size}, the shape of ⟦W⟧",
    "backprop.grad_b": "{jacobian}, so {gradient}",
    "backprop.grad_x": "{jacobian}, so {gradient} (what flows back to the previous layer)",
})
KO.update({
    "backprop.title": "역전파",
    "backprop.sigmoid": "{sigma:은/는} 시그모이드 함수 {definition:이고/고}, 그 도함수는 {derivative}입니다.",
    "backprop.relu": "{step:은/는} relu의 도함수 {derivative}입니다: {positive:이면/면} 1, {negative:이면/면} 0입니다. "
                     "relu는 0에서 미분 가능하지 않으므로 관례에 따라 {at_zero:으로/로} 둡니다.",
    "backprop.dl_dz": "출력 ⟦z⟧에 대한 손실의 그래디언트이며, ⟦z⟧와 크기가 같습니다.",
    "backprop.dz_dy": "활성화 함수의 야코비 행렬입니다. 활성화 함수는 원소마다 따로 작용하므로 대각 행렬입니다.",
    "backprop.dl_dz.ce": "출력 ⟦z⟧에 대한 손실의 그래디언트이며, ⟦z⟧와 크기가 같습니다. 성분별로 쓰면 {componentwise}입니다.",
    "backprop.dy_dx": "아핀 변환 {affine:을/를} ⟦x⟧로 미분한 야코비 행렬은 ⟦W⟧입니다.",
    "backprop.dy_db": "아핀 변환 {affine:을/를} ⟦b⟧로 미분한 야코비 행렬은 단위 행렬 ⟦I⟧입니다.",
    "backprop.chain": "벡터의 합성함수의 미분법(연쇄 법칙): 그래디언트를 열벡터로 쓰면 {chain}이고, {size}입니다. "
                      "야코비 행렬의 전치가 그래디언트를 ⟦z⟧에서 ⟦y⟧로 되돌려 보냅니다.",
    "backprop.simplified": "{diagonal:이므로/이므로} ⟦δ⟧는 원소별 곱(아다마르 곱)입니다.",
    "backprop.simplified.expanded": "{diagonal:이므로/이므로} ⟦δ⟧는 원소별 곱(아다마르 곱)이고, 전개하여 동류항을 "
                                    "모읍니다.",
    "backprop.grad_W": "{entry}이므로 {entry_gradient}이고 {gradient}입니다. {size:으로/로} ⟦W⟧와 크기가 같습니다.",
    "backprop.grad_b": "{jacobian}이므로 {gradient}입니다.",
    "backprop.grad_x": "{jacobian}이므로 {gradient}입니다 (이전 층으로 전달되는 그래디언트).",
})

# The numbers of `backprop --layers … --at` (symdiff.matrix.training and symdiff.render.training)
EN.update({
    "training.heading": "With the values given",
    "training.forward": "forward pass",
    "training.backward": "backward pass, from the output layer back",
    "training.loss": "loss",
    "training.output": "output z",
    "training.layer": "layer {layer}",
    "training.delta": "δ{layer} = ∂L/∂y{layer}",
    "training.grad_W": "∂L/∂W{layer} = δ{layer}·a{previous}ᵀ",
    "training.grad_b": "∂L/∂b{layer} = δ{layer}",
    "training.grad_x": "∂L/∂x = W1ᵀ·δ1",
    "training.weights": "weights",
    "training.biases": "biases",
    "training.gradient": "gradient",
    "training.sizes": "sizes: {sizes}",
    "training.step": "one gradient descent step with learning rate η = {lr}: W ← W − η·∂L/∂W, b ← b − η·∂L/∂b",
    "training.loss_change": "loss {before} → {after}",
    "training.went_down": "the loss went down",
    "training.went_up": "the loss did not go down",
    "training.note.t_not_normalised": "t does not sum to 1 (its sum is {total}), so δ{layer} = (1ᵀt)z − t rather "
                                      "than z − t",
    "training.note.loss_up": "the step with η = {lr} did not lower the loss: η is too large here; η = {suggested} "
                             "does (halving η until the loss goes down)",
    "training.note.overshoot": "the step with η = {lr} moves a weight by up to {change}, far more than the weights' "
                               "own size ({size}): it overshoots, jumping past where the gradient describes the "
                               "loss, so the loss after it says nothing about descent; a learning rate is "
                               "usually between 0.001 and 1",
    "training.note.loss_up_none": "the step with η = {lr} did not lower the loss, and neither did {halvings} "
                                  "halvings of η (down to {smallest}): the decrease is below the precision of these "
                                  "numbers (30 digits)",
    "training.note.loss_up_none.corner": "the step with η = {lr} did not lower the loss, and neither did "
                                         "{halvings} halvings of η (down to {smallest}): the loss has a corner "
                                         "here, where {fn}′ jumps in y{layer} (see the note on it), so no step "
                                         "along this gradient need lower it",
    "training.note.t_outside_unit": "t has entries outside [0, 1] ({entries}): cross-entropy compares "
                                    "probabilities, so its targets must lie in [0, 1]; with these the loss can be "
                                    "negative, and a lower loss is not a better fit",
    "training.note.zero_gradient": "every gradient is 0 here, so the step changes nothing and the loss stays the "
                                   "same",
    "training.note.corner": "entry {entry} of y{layer} is {value}, a corner of {fn}: {fn}′ is {left} just left of it "
                            "and {right} just right, so the derivative does not exist there; these numbers take "
                            "{fn}′ = {used} there, as PyTorch does",
    "training.back": "W{next}ᵀ·δ{next}",
    "training.slope": "{fn}′(y{layer})",
    "training.hidden_delta": "δ{layer} = ∂L/∂y{layer} = {fn}′(y{layer}) ⊙ (W{next}ᵀ·δ{next})",
    "training.cut": "some matrices are wider than this terminal and are cut short (…): --format text or "
                    "--format json shows every number",
})
KO.update({
    "training.heading": "주어진 값으로 계산한 결과",
    "training.forward": "순전파",
    "training.backward": "역전파 (출력층부터 거꾸로)",
    "training.loss": "손실",
    "training.output": "출력 z",
    "training.layer": "{layer}층",
    "training.delta": "δ{layer} = ∂L/∂y{layer}",
    "training.grad_W": "∂L/∂W{layer} = δ{layer}·a{previous}ᵀ",
    "training.grad_b": "∂L/∂b{layer} = δ{layer}",
    "training.grad_x": "∂L/∂x = W1ᵀ·δ1",
    "training.weights": "가중치",
    "training.biases": "편향",
    "training.gradient": "그래디언트",
    "training.sizes": "크기: {sizes}",
    "training.step": "학습률 η = {lr:으로/로} 경사 하강법 한 단계: W ← W − η·∂L/∂W, b ← b − η·∂L/∂b",
    "training.loss_change": "손실 {before} → {after}",
    "training.went_down": "손실이 줄었습니다.",
    "training.went_up": "손실이 줄지 않았습니다.",
    "training.note.t_not_normalised": "t의 합이 1이 아니므로 (합은 {total}) δ{layer} = z − t가 아니라 (1ᵀt)z − t입니다.",
    "training.note.loss_up": "학습률 η = {lr}인 한 단계로는 손실이 줄지 않았습니다. 여기서는 η가 너무 큽니다. "
                             "η를 반씩 줄여 보면 η = {suggested}에서 손실이 줄어듭니다.",
    "training.note.overshoot": "학습률 η = {lr}인 한 단계는 가중치를 최대 {change}만큼 옮기는데, 이는 가중치 자체의 "
                               "크기({size})보다 훨씬 큽니다. 그래디언트가 손실을 나타내는 범위를 훌쩍 지나쳐 버리므로 "
                               "이 단계 뒤의 손실로는 경사 하강에 대해 아무것도 알 수 없습니다. 학습률은 "
                               "보통 0.001과 1 사이입니다.",
    "training.note.loss_up_none": "학습률 η = {lr}인 한 단계로는 손실이 줄지 않았고, η를 {halvings}번 반으로 줄여도 "
                                  "({smallest}까지) 줄지 않았습니다. 감소량이 이 계산의 정밀도(30자리)보다 작습니다.",
    "training.note.loss_up_none.corner": "학습률 η = {lr}인 한 단계로는 손실이 줄지 않았고, η를 {halvings}번 반으로 "
                                         "줄여도 ({smallest}까지) 줄지 않았습니다. y{layer}에서 {fn}의 도함수가 "
                                         "건너뛰어 손실이 여기서 꺾여 있으므로 (그에 관한 참고가 있습니다) 이 "
                                         "그래디언트를 따르는 단계가 손실을 줄인다는 보장이 없습니다.",
    "training.note.t_outside_unit": "t에 [0, 1] 밖의 원소가 있습니다 ({entries}). 교차 엔트로피는 확률을 비교하므로 "
                                    "목표값은 [0, 1] 안에 있어야 합니다. 이런 값으로는 손실이 음수가 될 수 있고, "
                                    "손실이 줄어도 더 잘 맞는 것이 아닙니다.",
    "training.note.zero_gradient": "여기서는 그래디언트가 모두 0이므로 한 단계를 밟아도 아무것도 바뀌지 않고 손실도 "
                                   "그대로입니다.",
    "training.note.corner": "y{layer}의 {entry}번째 원소가 {value:이고/고}, 여기는 {fn}의 꺾인 점입니다. {fn}의 "
                            "도함수는 바로 왼쪽에서 {left}, 바로 오른쪽에서 {right:이므로/이므로} 미분계수가 없습니다. "
                            "이 계산은 PyTorch처럼 그곳의 도함숫값을 {used:으로/로} 둡니다.",
    "training.back": "W{next}ᵀ·δ{next}",
    "training.slope": "{fn}′(y{layer})",
    "training.hidden_delta": "δ{layer} = ∂L/∂y{layer} = {fn}′(y{layer}) ⊙ (W{next}ᵀ·δ{next})",
    "training.cut": "일부 행렬이 터미널보다 넓어 잘렸습니다 (…). 모든 숫자는 text 또는 json 형식의 출력에서 볼 수 "
                    "있습니다.",
})


def training_message(key: str, lang: str | None = None, **values) -> str:
    """The words of the numeric pass; values arrive printed (numbers as text)."""
    return message(key, str, lang, None, **values)


# backprop --layers (matrix/deep.py); {l}, {next}, {prev} are layer numbers, {rows} and {cols} sizes, {delta},
# {W}, {y}, … the network's symbols, the other values formulas (`symdiff.matrix.stated`)
EN.update({
    "deep.title": "Backpropagation through a network of {depth} layers",
    "deep.title.one": "Backpropagation through a network of one layer",
    "deep.forward": "forward pass",
    "deep.layer.output": "layer {l}: the output layer",
    "deep.layer.hidden": "layer {l}: a hidden layer",
    "deep.loss": "loss: {name}",
    "deep.dl_dz": "the loss's gradient with respect to the output ⟦z⟧ (the shape of ⟦z⟧)",
    "deep.dl_dz.ce": "the loss's gradient with respect to the output ⟦z⟧ (the shape of ⟦z⟧); component by component, "
                     "{componentwise}",
    "deep.da_dy": "the activation's Jacobian: diagonal, because {fn} acts on each entry alone",
    "deep.da_dy.written": "the activation's Jacobian: diagonal, because {fn} acts on each entry alone; "
                          "{derivative} is written with {written}, already computed in the forward pass",
    "deep.da_dy.identity": "the identity's Jacobian is ⟦I⟧",
    # the row states the Jacobian and the forward pass z = softmax(y): the words say only why it is not diagonal
    "deep.da_dy.softmax": "softmax's Jacobian, written with ⟦z⟧: not diagonal, since every entry of ⟦z⟧ depends on "
                          "every entry of {y} through the sum in the denominator",
    "deep.dy_da": "the Jacobian of the next layer's affine map with respect to this layer's output: {W} itself, the way "
                  "back from layer {next}",
    "deep.chain.output": "chain rule, gradients written as columns: {chain}; the Jacobian's transpose carries the "
                         "gradient back from ⟦z⟧ to {y}",
    # softmax's Jacobian is used untransposed in the row (−(diag(z) − zzᵀ)(t ⊘ z)): its symmetry is why, said
    # where the transpose is first written
    "deep.chain.output.softmax": "chain rule, gradients written as columns: {chain}; the Jacobian's transpose "
                                 "carries the gradient back from ⟦z⟧ to {y}, and this Jacobian is symmetric, "
                                 "{symmetric}, so it is written as it stands",
    "deep.chain.hidden": "chain rule, gradients written as columns: {back} carries {delta_next} back from layer "
                         "{next}, then {chain}",
    # what the fold does, and no more: it writes diag(g)v as g ⊙ v (a reader found no expansion to see)
    "deep.simplified": "simplified by writing {diagonal}",
    "deep.hidden.simplified": "{diagonal}: {hidden_delta}",
    # the Jacobian by its name: its formula is stated once, on its own row
    "deep.softmax.expand": "multiply out, one term of {jacobian} at a time",
    "deep.softmax.cancel": "cancel: {cancel_diag}, and {cancel_sum}",
    "deep.softmax.assume": "assume {sums_to_one} (⟦t⟧ one-hot, or a probability distribution): then {result}",
    "deep.sigmoid.entrywise": "the Jacobian is diagonal, {diag_g} with {g_is}, and {diagonal}: multiply entry by "
                              "entry",
    "deep.sigmoid.cancel": "multiply out and cancel: {cancel_z} and {cancel_one} (no entry of ⟦z⟧ is 0 or 1)",
    "deep.sigmoid.collect": "multiply out to {collected}, then collect like terms: {result}",
    "deep.assumption": "{result_any} of softmax with cross-entropy assumes {sums_to_one}, as a one-hot target or a "
                       "probability distribution has; without it, {general}",
    "deep.differential": "the differential, once for the layer: {meaning} is what {delta_is} means (gradients as "
                         "columns), and {dy} by the sum and product rules; each gradient is read off its own term, "
                         "{read} giving {read_gives}",
    "deep.differential.hidden": "the differential, once for the layer: {meaning} is what {delta_is} means "
                                "(gradients as columns), and {dy} by the sum and product rules; each gradient is "
                                "read off its own term, {read} giving {read_gives}. The last term, {last}, carries "
                                "{carried} back to layer {prev}",
    "deep.grad_W": "read off the term {term}: {gradient}, {size}, the shape of {W}",
    "deep.grad_b": "read off the term {term}: {gradient}, {size}, the shape of {b}",
    "deep.grad_x": "read off the term {term}: {gradient}, {size}, what would flow back to a layer before ⟦x⟧",
})
KO.update({
    "deep.title": "{depth}개 층으로 된 신경망의 역전파",
    "deep.title.one": "1개 층으로 된 신경망의 역전파",
    "deep.forward": "순전파",
    "deep.layer.output": "{l}층: 출력층",
    "deep.layer.hidden": "{l}층: 은닉층",
    "deep.loss": "손실: {name}",
    "deep.dl_dz": "출력 ⟦z⟧에 대한 손실의 그래디언트이며, ⟦z⟧와 크기가 같습니다.",
    "deep.dl_dz.ce": "출력 ⟦z⟧에 대한 손실의 그래디언트이며, ⟦z⟧와 크기가 같습니다. 성분별로 쓰면 {componentwise}입니다.",
    "deep.da_dy": "활성화 함수의 야코비 행렬입니다: {fn} 함수는 원소마다 따로 작용하므로 대각 행렬입니다.",
    "deep.da_dy.written": "활성화 함수의 야코비 행렬입니다: {fn} 함수는 원소마다 따로 작용하므로 대각 행렬입니다. "
                          "{derivative:은/는} 순전파에서 이미 계산한 {written:을/를} 써서 나타냈습니다.",
    "deep.da_dy.identity": "항등 함수의 야코비 행렬은 단위 행렬 ⟦I⟧입니다.",
    "deep.da_dy.softmax": "소프트맥스 함수의 야코비 행렬을 ⟦z⟧로 나타냈습니다: 분모의 합을 통해 ⟦z⟧의 모든 "
                          "원소가 {y}의 모든 원소에 의존하므로 대각 행렬이 아닙니다.",
    "deep.dy_da": "다음 층의 아핀 변환을 이 층의 출력으로 미분한 야코비 행렬은 {W}입니다. {next}층의 그래디언트는 이 "
                  "행렬을 거쳐 돌아옵니다.",
    "deep.chain.output": "합성함수의 미분법(연쇄 법칙): 그래디언트를 열벡터로 쓰면 {chain}입니다. 야코비 행렬의 "
                         "전치가 그래디언트를 ⟦z⟧에서 {y:으로/로} 되돌려 보냅니다.",
    "deep.chain.output.softmax": "합성함수의 미분법(연쇄 법칙): 그래디언트를 열벡터로 쓰면 {chain}입니다. 야코비 "
                                 "행렬의 전치가 그래디언트를 ⟦z⟧에서 {y:으로/로} 되돌려 보냅니다. 소프트맥스 함수의 "
                                 "야코비 행렬은 대칭 행렬이므로 {symmetric}이고, 전치 없이 그대로 씁니다.",
    "deep.chain.hidden": "합성함수의 미분법(연쇄 법칙): 그래디언트를 열벡터로 쓰면, 야코비 행렬의 전치가 {next}층의 "
                         "{delta_next:을/를} 거슬러 보내어 {back}이고, {chain}입니다.",
    "deep.simplified": "{diagonal:으로/로} 써서 정리합니다.",
    "deep.hidden.simplified": "{diagonal}이므로 {hidden_delta}입니다.",
    "deep.softmax.expand": "{jacobian}의 항을 하나씩 곱하여 전개합니다.",
    "deep.softmax.cancel": "약분합니다: {cancel_diag}이고, {cancel_sum}입니다.",
    "deep.softmax.assume": "{sums_to_one:이라/라}고 가정하면 (⟦t⟧가 원-핫 벡터이거나 확률 분포일 때) {result}입니다.",
    "deep.sigmoid.entrywise": "야코비 행렬은 대각 행렬 {diag_g} ({g_is})이고 {diagonal}이므로 원소끼리 곱합니다.",
    "deep.sigmoid.cancel": "전개하여 약분합니다: {cancel_z}이고 {cancel_one}입니다 (⟦z⟧의 원소는 0도 1도 아닙니다).",
    "deep.sigmoid.collect": "전개하면 {collected}이고, 동류항을 정리하면 {result}입니다.",
    "deep.assumption": "소프트맥스 함수와 교차 엔트로피의 {result_any:은/는} {sums_to_one:을/를} 가정합니다. 원-핫 목표나 확률 "
                       "분포는 이를 만족하며, 그렇지 않으면 {general}입니다.",
    "deep.differential": "이 층의 미분을 한 번에 씁니다: {delta_is}의 뜻이 {meaning}이고 (그래디언트는 열벡터), 합과 "
                         "곱의 미분법으로 {dy}입니다. 각 그래디언트는 자기 항에서 읽어 냅니다: {read}이면 "
                         "{read_gives}입니다.",
    "deep.differential.hidden": "이 층의 미분을 한 번에 씁니다: {delta_is}의 뜻이 {meaning}이고 (그래디언트는 열벡터), "
                                "합과 곱의 미분법으로 {dy}입니다. 각 그래디언트는 자기 항에서 읽어 냅니다: {read}이면 "
                                "{read_gives}입니다. 마지막 항 {last}에서 읽어 낸 {carried:이/가} {prev}층으로 "
                                "전달됩니다.",
    "deep.grad_W": "{term} 항에서 읽어 내면 가중치의 그래디언트는 {gradient}이고, {size:으로/로} {W:과/와} 크기가 "
                   "같습니다.",
    "deep.grad_b": "{term} 항에서 읽어 내면 편향의 그래디언트는 {gradient}이고, {size:으로/로} {b:과/와} 크기가 같습니다.",
    "deep.grad_x": "{term} 항에서 읽어 내면 {gradient}이고, {size}입니다. ⟦x⟧ 앞에 층이 있다면 이 그래디언트가 그리로 "
                   "전달됩니다.",
})
# the loss's name; its formula, a sum over the output's components, ends the forward pass (stated.loss)
EN.update({"deep.loss.mse": "squared error", "deep.loss.ce.sigmoid": "binary cross-entropy",
           "deep.loss.ce.softmax": "categorical cross-entropy"})
KO.update({"deep.loss.mse": "제곱 오차", "deep.loss.ce.sigmoid": "이진 교차 엔트로피",
           "deep.loss.ce.softmax": "범주형 교차 엔트로피"})
# every symbol of the forward pass said where the loss is stated, before a row uses it: t above all, which a
# teacher found used and never introduced; y is the pre-activation here, never a label (stated.symbols)
EN.update({"backprop.symbols": "here {x} is the input, {W} and {b} the weights and biases, {y} the pre-activation, "
                               "{z} the output and {t} the target vector ({target}); the loss {L} is the {loss}",
           "deep.symbols": "here {x} is the input, {W} and {b} layer ⟦l⟧'s weights and biases, {y} its "
                           "pre-activation and {a} its activation, {z} the network's output and {t} the target "
                           "vector ({target}); the loss {L} is the {loss}",
           "backprop.target.mse": "the values ⟦z⟧ should take",
           "backprop.target.ce.sigmoid": "a label for each entry, 0 or 1",
           "backprop.target.ce.softmax": "one-hot: 1 at the true class and 0 elsewhere"})
KO.update({"backprop.symbols": "여기서 {x:은/는} 입력, {W:과/와} {b:은/는} 가중치와 편향, {y:은/는} 활성화 함수에 "
                               "넣기 전의 값, {z:은/는} 출력, {t:은/는} 정답 벡터({target})이고, 손실 {L:은/는} "
                               "{loss}입니다.",
           # the names first, as the one-layer sentence has them: bₗ is read 비 엘 (`korean.name`), so 은 follows
           "deep.symbols": "여기서 {x:은/는} 입력, {W:과/와} {b:은/는} ⟦l⟧층의 가중치와 편향, {y:은/는} 그 층의 "
                           "활성화 함수에 넣기 전의 값, {a:은/는} 그 층의 활성화 값, {z:은/는} 신경망의 출력, "
                           "{t:은/는} 정답 벡터({target})이고, 손실 {L:은/는} {loss}입니다.",
           "backprop.target.mse": "⟦z⟧가 가져야 할 값",
           "backprop.target.ce.sigmoid": "각 원소가 0 또는 1인 레이블",
           "backprop.target.ce.softmax": "원-핫 벡터: 정답 클래스의 원소만 1이고 나머지는 0"})
# what t is, words placed into the symbols' sentence; the tag of a row that refers to one above
LABELS.update({"backprop.target.mse", "backprop.target.ce.sigmoid", "backprop.target.ce.softmax", "matrix.again.tag"})
# the read-off's move for an entrywise division (dz ⊘ z), a clause inside its brackets as the product's is:
# what ⊘ is entry by entry, then the identity that uses it (`stated.Moves`)
EN.update({"matrix.moves.division": "{moves}; {entries}, so a factor that divides entry by entry crosses over "
                                    "unchanged, {division}",
           "matrix.moves.division.alone": "{entries}, so a factor that divides entry by entry crosses over "
                                          "unchanged, {division}"})
KO.update({"matrix.moves.division": "{moves}; {entries:이므로/이므로} 원소별로 나누는 인수는 그대로 건너갑니다: "
                                    "{division}",
           "matrix.moves.division.alone": "{entries:이므로/이므로} 원소별로 나누는 인수는 그대로 건너갑니다: "
                                          "{division}"})
LABELS.update({"matrix.moves.division", "matrix.moves.division.alone"})
# the notation backprop's rows use that a calculus course has not defined, each said once under the forward pass
# where the rows use it (render.network._notation); the Korean names the sign as a 기호, which takes the particle
EN.update({"deep.notation.hadamard": "⟦⊙⟧ is the entrywise (Hadamard) product, {hadamard}",
           "deep.notation.ones": "⟦𝟏⟧ is the vector whose entries are all 1",
           "deep.notation.division": "⟦⊘⟧ is the entrywise division, {division}",
           "deep.notation.inner": "{inner} is the inner product; for columns, {column}"})
KO.update({"deep.notation.hadamard": "⟦⊙⟧ 기호는 원소별 곱(아다마르 곱)으로, {hadamard}입니다.",
           "deep.notation.ones": "⟦𝟏⟧ 기호는 모든 원소가 1인 벡터입니다.",
           "deep.notation.division": "⟦⊘⟧ 기호는 원소별 나눗셈으로, {division}입니다.",
           "deep.notation.inner": "{inner:은/는} 내적이며, 열벡터끼리는 {column}입니다."})
