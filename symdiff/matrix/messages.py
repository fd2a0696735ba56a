"""The matrix rules' explanations, added to the one message catalogue per language.

A matrix step's explanation is looked up as a scalar step's is (`symdiff.core.messages.explain`), its
values printed by the matrix printer the renderer chooses (canonical text, Unicode or LaTeX); the
other words here (`matrix_message`) take values already printed.
"""

from __future__ import annotations

from ..core.messages import EN, KO, LABELS, message

_EN = {
    "matrix.constant": "{expr} does not depend on {var}, so d({expr}) = 0",
    "matrix.identity": "the differential of {var} itself is d{var}",
    "matrix.sum": "sum rule: d(A + B) = dA + dB, term by term",
    "matrix.sum.some": "sum rule: d(A + B) = dA + dB, term by term; the terms without {var} "
                       "({dropped} of {total}) have differential 0",
    "matrix.linear": "linear rule: {constant} does not depend on {var}, so it stays in place and only "
                     "{inner} is differentiated",
    "matrix.product": "product rule: d(XY) = dX·Y + X·dY; differentiate one factor at a time ({count} factors "
                      "depend on {var}), keeping every factor in its place (matrices do not commute)",
    "matrix.transpose": "transpose rule: d(Aᵀ) = {identity}",
    "matrix.power.scalar": "power rule: d(s^n) = n·s^(n−1)·ds with n = {n} (s is a scalar)",
    "matrix.power.matrix": "matrix power rule: d(A^n) = Σ A^i·dA·A^(n−1−i), {n} terms, because A and dA need "
                           "not commute",
    "matrix.trace": "trace rule: the trace is linear, so d tr(A) = {identity}",
    "matrix.trace.analytic": "trace of an analytic matrix function: {fn}(U) is a power series in U with "
                             "U = {inner}; dU and U need not commute, but under the trace each term's factors "
                             "can be cycled, so d tr {fn}(U) = tr({fn}′(U)·dU) with {fn}′(U) = {derivative} "
                             "(Matrix Cookbook §2.7); dU comes from the step below",
    "matrix.entries": "sum of entries is linear: d sum(A) = {identity}",
    "matrix.diag": "diag is linear: d diag(A) = {identity}",
    "matrix.det": "determinant rule (Jacobi's formula): d det(A) = {identity}",
    "matrix.det.log": "log-determinant rule: d log det(A) = {identity}",
    "matrix.inverse": "inverse rule: from A·A⁻¹ = I, d(A⁻¹) = {identity}",
    "matrix.softmax": "softmax rule: with s = softmax(A) = exp(A)/sum(exp(A)), ds = s ⊙ dA − s·(sᵀ·dA), so "
                      "d softmax(A) = {identity}",
    "matrix.norm": "norm rule: d‖A‖ = ⟨A, dA⟩/‖A‖ (Euclidean or Frobenius norm; ‖A‖ ≠ 0)",
    "matrix.norm.1": "1-norm rule: d‖A‖₁ = ⟨sign(A), dA⟩ (where no entry is 0)",
    "matrix.hadamard": "product rule for the element-wise product: d(A ⊙ B) = {identity}",
    "matrix.elementwise": "element-wise rule: {fn} acts on each entry, so d {fn}(U) = {fn}′(U) ⊙ dU with "
                          "{fn}′(U) = {derivative}",
    "matrix.chain": "chain rule, element-wise: d {fn}(U) = {fn}′(U) ⊙ dU with U = {inner} and "
                    "{fn}′(U) = {derivative}; dU comes from the step below",
    "matrix.read_off": "read the gradient off the differential: df = ⟨G, d{var}⟩ = tr(Gᵀ·d{var}) gives "
                       "∂f/∂{var} = G (the shape of {var})",
    "matrix.read_off.term": "{expr} = ⟨{result}, d{var}⟩, moving every factor to the other side of the "
                            "inner product (⟨A, B·M·C⟩ = ⟨Bᵀ·A·Cᵀ, M⟩, ⟨A, Mᵀ⟩ = ⟨Aᵀ, M⟩, tr(M) = ⟨I, M⟩)",
    "matrix.read_off.jacobian": "read the Jacobian off the differential: df = J·d{var} gives J = ∂f/∂{var}, "
                                "(i, j) = ∂f_i/∂{var}_j",
    "matrix.read_off.jacobian.term": "{expr} = ({result})·d{var}, by the vector chain rule "
                                     "(J(L·u) = L·J(u), J(g ⊙ u) = diag(g)·J(u))",
    "matrix.read_off.scalar": "with {var} a scalar, the derivative is the differential with d{var} = 1",
    "matrix.layout.numerator": "numerator layout: the transpose, {result}",
    "matrix.layout.denominator": "denominator layout: the transpose, {result}",
    "matrix.layout.mixed": "mixed layout: a scalar's derivative has the shape of what it is differentiated by; "
                           "a vector's derivative by a vector is the m×n Jacobian",
    "matrix.layout.numerator.note": "numerator layout: every derivative has the rows of what is differentiated",
    "matrix.layout.denominator.note": "denominator layout: every derivative has the rows of what it is "
                                      "differentiated by",
    "matrix.heading": "d/d{var} of {expr}",
    "matrix.shapes": "shapes",
    "matrix.shape": "shape",
    "matrix.title": "matrix",
    "matrix.layout.name": "{layout} layout",
    "matrix.layout.name.mixed": "mixed layout",
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
    "matrix.check": "check: agrees with central finite differences on random matrices at {points} points "
                    "(largest relative difference {error})",
    "matrix.check.failed": "check: DISAGREES with central finite differences (largest relative difference {error})",
    "matrix.check.none": "check: no random point was in the domain, so nothing was checked",
}

_KO = {
    "matrix.constant": "{expr:은/는} {var}에 의존하지 않으므로 d({expr}) = 0입니다.",
    "matrix.identity": "{var} 자신의 미분은 d{var}입니다.",
    "matrix.sum": "합의 미분법: d(A + B) = dA + dB이므로 항별로 미분합니다.",
    "matrix.sum.some": "합의 미분법: d(A + B) = dA + dB이므로 항별로 미분합니다. {total}개 항 중 {dropped}개는 {var}에 "
                       "의존하지 않으므로 그 미분은 0입니다.",
    "matrix.linear": "선형성: {constant:은/는} {var}에 의존하지 않으므로 제자리에 두고 {inner}만 미분합니다.",
    "matrix.product": "곱의 미분법: d(XY) = dX·Y + X·dY입니다. 인수를 하나씩 미분하되 ({var}에 의존하는 인수 {count}개) "
                      "행렬의 곱은 교환법칙이 성립하지 않으므로 순서를 지킵니다.",
    "matrix.transpose": "전치의 미분: d(Aᵀ) = {identity}입니다.",
    "matrix.power.scalar": "거듭제곱의 미분법: d(sⁿ) = n·sⁿ⁻¹·ds에서 n = {n}입니다 (s는 스칼라).",
    "matrix.power.matrix": "행렬 거듭제곱의 미분: A와 dA는 교환되지 않으므로 d(Aⁿ) = Σ Aⁱ·dA·Aⁿ⁻¹⁻ⁱ이고, "
                           "항은 {n}개입니다.",
    "matrix.trace": "대각합(trace)의 미분: 대각합은 선형이므로 d tr(A) = {identity}입니다.",
    "matrix.trace.analytic": "해석적 행렬 함수의 대각합: {fn}(U)는 U = {inner}의 멱급수입니다. U와 dU는 "
                             "교환되지 않을 수 있지만 대각합 안에서는 각 항의 인수를 순환시킬 수 있으므로 "
                             "d tr {fn}(U) = tr({fn}′(U)·dU)이고 {fn}′(U) = {derivative}입니다 "
                             "(Matrix Cookbook §2.7). dU는 아래 단계에서 구합니다.",
    "matrix.entries": "원소의 합은 선형이므로 d sum(A) = {identity}입니다.",
    "matrix.diag": "diag는 선형이므로 d diag(A) = {identity}입니다.",
    "matrix.det": "행렬식의 미분 (야코비 공식): d det(A) = {identity}입니다.",
    "matrix.det.log": "로그 행렬식의 미분: d ln det(A) = {identity}입니다.",
    "matrix.inverse": "역행렬의 미분: A·A⁻¹ = I에서 d(A⁻¹) = {identity}입니다.",
    "matrix.softmax": "softmax의 미분: s = softmax(A) = exp(A)/sum(exp(A))라 하면 ds = s ⊙ dA − s·(sᵀ·dA)이므로 "
                      "d softmax(A) = {identity}입니다.",
    "matrix.norm": "노름의 미분: d‖A‖ = ⟨A, dA⟩/‖A‖입니다 (유클리드 또는 프로베니우스 노름, ‖A‖ ≠ 0).",
    "matrix.norm.1": "1-노름의 미분: 0인 원소가 없을 때 d‖A‖₁ = ⟨sign(A), dA⟩입니다.",
    "matrix.hadamard": "아다마르 곱(원소별 곱)의 곱의 미분법: d(A ⊙ B) = {identity}입니다.",
    "matrix.elementwise": "원소별 미분: {fn}(U)는 U의 원소마다 따로 계산되므로 d {fn}(U) = {fn}′(U) ⊙ dU이고, "
                          "{fn}′(U) = {derivative}입니다.",
    "matrix.chain": "원소별 합성함수의 미분법: U = {inner:이라/라} 두면 d {fn}(U) = {fn}′(U) ⊙ dU이고, "
                    "{fn}′(U) = {derivative}입니다. dU는 아래 단계에서 구합니다.",
    "matrix.read_off": "미분에서 그래디언트를 읽어 냅니다: df = ⟨G, d{var}⟩ = tr(Gᵀ·d{var})이면 ∂f/∂{var} = G입니다 "
                       "(G는 {var:과/와} 같은 크기).",
    "matrix.read_off.term": "내적의 반대편으로 인수를 옮기면 {expr} = ⟨{result}, d{var}⟩입니다 "
                            "(⟨A, B·M·C⟩ = ⟨Bᵀ·A·Cᵀ, M⟩, ⟨A, Mᵀ⟩ = ⟨Aᵀ, M⟩, tr(M) = ⟨I, M⟩).",
    "matrix.read_off.jacobian": "미분에서 야코비 행렬을 읽어 냅니다: df = J·d{var}이면 J = ∂f/∂{var}이고, "
                                "(i, j) 성분은 ∂f_i/∂{var}_j입니다.",
    "matrix.read_off.jacobian.term": "벡터의 합성함수의 미분법에 따라 {expr} = ({result})·d{var}입니다 "
                                     "(J(L·u) = L·J(u), J(g ⊙ u) = diag(g)·J(u)).",
    "matrix.read_off.scalar": "{var:이/가} 스칼라이므로 미분에 d{var} = 1을 넣은 것이 도함수입니다.",
    "matrix.layout.numerator": "분자 레이아웃: 전치하면 {result}입니다.",
    "matrix.layout.denominator": "분모 레이아웃: 전치하면 {result}입니다.",
    "matrix.layout.mixed": "혼합 레이아웃: 스칼라의 도함수는 미분하는 변수와 같은 크기이고, "
                           "벡터를 벡터로 미분하면 m×n 야코비 행렬입니다.",
    "matrix.layout.numerator.note": "분자 레이아웃: 도함수의 행은 미분되는 쪽을 따릅니다.",
    "matrix.layout.denominator.note": "분모 레이아웃: 도함수의 행은 미분하는 변수를 따릅니다.",
    "matrix.heading": "{expr}의 {var}에 대한 미분",
    "matrix.shapes": "크기",
    "matrix.shape": "크기",
    "matrix.title": "행렬 미분",
    "matrix.layout.name": "{layout} 레이아웃",
    "matrix.layout.name.mixed": "혼합 레이아웃",
    "matrix.layout.name.denominator": "분모 레이아웃",
    "matrix.layout.name.numerator": "분자 레이아웃",
    "matrix.result": "∂f/∂{var}",
    "matrix.differential": "미분",
    "matrix.kind.scalar_by_scalar": "스칼라를 스칼라로",
    "matrix.kind.scalar_by_vector": "스칼라를 벡터로",
    "matrix.kind.scalar_by_matrix": "스칼라를 행렬로",
    "matrix.kind.vector_by_scalar": "벡터를 스칼라로",
    "matrix.kind.vector_by_vector": "벡터를 벡터로 (야코비 행렬)",
    "matrix.kind.matrix_by_scalar": "행렬을 스칼라로",
    "matrix.check": "검산: 무작위 행렬로 점 {points}개에서 중심 차분과 일치합니다 (최대 상대 오차 {error}).",
    "matrix.check.failed": "검산: 중심 차분과 일치하지 않습니다 (최대 상대 오차 {error}).",
    "matrix.check.none": "검산: 정의역 안의 무작위 점이 없어 검산하지 못했습니다.",
}

# f′ of each element-wise function, in words, is in its entry of the function table
# (`symdiff.matrix.table`), beside the code that builds it.

_EN.update({
    "matrix.elementwise.scalar": "{fn} of a scalar: d {fn}(s) = {fn}′(s)·ds with {fn}′(s) = {derivative}",
    "matrix.chain.scalar": "chain rule: d {fn}(s) = {fn}′(s)·ds with s = {inner} and {fn}′(s) = {derivative}; "
                           "ds comes from the step below",
    "rule.linear": "linear", "rule.transpose": "transpose", "rule.trace": "trace", "rule.det": "determinant",
    "rule.inverse": "inverse", "rule.elementwise": "element-wise", "rule.hadamard": "Hadamard product",
    "rule.norm": "norm", "rule.diag": "diag", "rule.read_off": "read off", "rule.softmax": "softmax rule",
    "rule.entries": "sum of entries", "rule.logdet": "log-determinant",
})
_KO.update({
    "matrix.elementwise.scalar": "스칼라의 {fn}: d {fn}(s) = {fn}′(s)·ds이고, {fn}′(s) = {derivative}입니다.",
    "matrix.chain.scalar": "합성함수의 미분법: s = {inner:이라/라} 두면 d {fn}(s) = {fn}′(s)·ds이고, "
                           "{fn}′(s) = {derivative}입니다. ds는 아래 단계에서 구합니다.",
    "rule.linear": "선형성", "rule.transpose": "전치의 미분", "rule.trace": "대각합의 미분", "rule.det": "행렬식의 미분",
    "rule.inverse": "역행렬의 미분", "rule.elementwise": "원소별 미분", "rule.hadamard": "아다마르 곱의 미분",
    "rule.norm": "노름의 미분", "rule.diag": "대각 행렬", "rule.read_off": "도함수 읽어 내기",
    "rule.softmax": "softmax의 미분", "rule.entries": "원소의 합의 미분", "rule.logdet": "로그 행렬식의 미분",
})

EN.update(_EN)
KO.update(_KO)
LABELS.update({"matrix.heading", "matrix.shapes", "matrix.shape", "matrix.title", "matrix.result",
               "matrix.differential", "backprop.title", "deep.title", "deep.forward", "training.heading",
               "training.forward", "training.backward", "training.loss", "training.output", "training.layer",
               "training.delta", "training.grad_W", "training.grad_b", "training.grad_x", "training.weights",
               "training.biases", "training.gradient", "training.sizes", "training.step", "training.loss_change",
               "training.back", "training.slope", "training.hidden_delta"})


def matrix_message(key: str, lang: str | None = None, readings: dict | None = None, **values: str) -> str:
    """`readings`: how each value is read aloud (`symdiff.core.korean`), for the particles after it."""
    return message(key, str, lang, readings, **values)

EN.update({
    "backprop.title": "backprop",
    "backprop.dl_dz": "the loss's gradient by the output z (the shape of z)",
    "backprop.dz_dy": "the activation's Jacobian: diagonal, because it acts on each entry alone",
    "backprop.dy_dx": "the affine map's Jacobian by x: W itself",
    "backprop.dy_db": "the affine map's Jacobian by b: the identity",
    "backprop.chain": "vector chain rule, gradients written as columns: δ = ∂L/∂y = (∂z/∂y)ᵀ·∂L/∂z, "
                      "(m×m)(m×1) = m×1; the Jacobian's transpose carries the gradient back from z to y",
    "backprop.simplified": "δ simplified: diag(g)·v = g ⊙ v, then ⊙ multiplied out and like terms collected",
    "backprop.grad_W": "y_i = Σ_j W_ij·x_j + b_i, so ∂L/∂W_ij = δ_i·x_j: ∂L/∂W = δxᵀ, (m×1)(1×n) = m×n, the shape "
                       "of W",
    "backprop.grad_b": "∂y/∂b = I, so ∂L/∂b = δ",
    "backprop.grad_x": "∂y/∂x = W, so ∂L/∂x = Wᵀδ (what flows back to the previous layer)",
})
KO.update({
    "backprop.title": "역전파",
    "backprop.dl_dz": "출력 z에 대한 손실의 그래디언트입니다 (z와 같은 크기).",
    "backprop.dz_dy": "활성화 함수의 야코비 행렬: 원소별로 작용하므로 대각 행렬입니다.",
    "backprop.dy_dx": "아핀 변환 y = Wx + b를 x로 미분한 야코비 행렬은 W입니다.",
    "backprop.dy_db": "아핀 변환 y = Wx + b를 b로 미분한 야코비 행렬은 단위 행렬 I입니다.",
    "backprop.chain": "벡터의 합성함수의 미분법(연쇄 법칙): 그래디언트를 열벡터로 쓰면 "
                      "δ = ∂L/∂y = (∂z/∂y)ᵀ·∂L/∂z이고, (m×m)(m×1) = m×1입니다. 야코비 행렬의 전치가 그래디언트를 z에서 "
                      "y로 되돌려 보냅니다.",
    "backprop.simplified": "δ를 정리하면: diag(g)·v = g ⊙ v로 쓰고 아다마르 곱을 전개하여 동류항을 모읍니다.",
    "backprop.grad_W": "y_i = Σ_j W_ij·x_j + b_i이므로 ∂L/∂W_ij = δ_i·x_j이고 ∂L/∂W = δxᵀ입니다. "
                       "(m×1)(1×n) = m×n으로 W의 크기와 같습니다.",
    "backprop.grad_b": "∂y/∂b = I이므로 ∂L/∂b = δ입니다.",
    "backprop.grad_x": "∂y/∂x = W이므로 ∂L/∂x = Wᵀδ입니다 (이전 층으로 전달되는 그래디언트).",
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
    "training.note.t_not_normalised": "t does not sum to 1 (its sum is {total}), so δ = z·(1ᵀt) − t rather "
                                      "than z − t",
    "training.note.loss_up": "the step with η = {lr} did not lower the loss: η is too large here; η = {suggested} "
                             "does (halving η until the loss goes down)",
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
    "training.hidden_delta": "δ{layer} = (W{next}ᵀ·δ{next}) ⊙ {fn}′(y{layer})",
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
    "training.note.t_not_normalised": "t의 합이 1이 아니므로 (합은 {total}) δ = z − t가 아니라 z·(1ᵀt) − t입니다.",
    "training.note.loss_up": "학습률 η = {lr}인 한 단계로는 손실이 줄지 않았습니다. 여기서는 η가 너무 큽니다. "
                             "η를 반씩 줄여 보면 η = {suggested}에서 손실이 줄어듭니다.",
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
    "training.hidden_delta": "δ{layer} = (W{next}ᵀ·δ{next}) ⊙ {fn}′(y{layer})",
    "training.cut": "일부 행렬이 터미널보다 넓어 잘렸습니다 (…). 모든 숫자는 text 또는 json 형식의 출력에서 볼 수 "
                    "있습니다.",
})


def training_message(key: str, lang: str | None = None, **values) -> str:
    """The words of the numeric pass; values arrive printed (numbers as text)."""
    return message(key, str, lang, None, **values)


# backprop --layers (matrix/deep.py); {l}, {next}, {prev} are layer numbers, the other values printed
EN.update({
    "deep.title": "backprop through {depth} layers, from the output layer back",
    "deep.forward": "forward pass",
    "deep.layer.output": "layer {l}: the output layer",
    "deep.layer.hidden": "layer {l}: a hidden layer",
    "deep.loss": "loss: {name}",
    "deep.dl_dz": "the loss's gradient by the output z (the shape of z)",
    "deep.da_dy": "the activation's Jacobian: diagonal, because {fn} acts on each entry alone",
    "deep.da_dy.written": "the activation's Jacobian: diagonal, because {fn} acts on each entry alone; written "
                          "with {a_l} = {fn}({y})",
    "deep.da_dy.identity": "the identity's Jacobian is I",
    "deep.da_dy.softmax": "softmax's Jacobian diag(z) − zzᵀ, written with z = softmax({y}): not diagonal, since "
                          "every entry of z depends on every entry of {y} through the sum in the denominator",
    "deep.dy_da": "the next layer's affine map by this layer's output: {W} itself, the way back from layer {next}",
    "deep.chain.output": "chain rule, gradients written as columns: {delta} = ∂L/∂{y} = (∂z/∂{y})ᵀ·∂L/∂z; the "
                         "Jacobian's transpose carries the gradient back from z to {y}",
    "deep.chain.hidden": "chain rule, gradients written as columns: ∂L/∂{a} = (∂{y_next}/∂{a})ᵀ{delta_next} = "
                         "{W}ᵀ{delta_next} carries {delta_next} back from layer {next}, then {delta} = "
                         "(∂{a}/∂{y})ᵀ·∂L/∂{a}",
    "deep.simplified": "simplified: diag(g)·v = g ⊙ v, then ⊙ multiplied out and like terms collected",
    "deep.hidden.simplified": "diag(g)·v = v ⊙ g: {delta} = ({W}ᵀ{delta_next}) ⊙ {fn}′({y})",
    "deep.softmax.expand": "multiply out, one term of diag(z) − zzᵀ at a time (the matrix is symmetric, so "
                           "(∂z/∂y)ᵀ is the same matrix)",
    "deep.softmax.cancel": "cancel: diag(z)(z∘⁻¹ ⊙ t) = z ⊙ z∘⁻¹ ⊙ t = t, and zᵀ(z∘⁻¹ ⊙ t) = Σ z_i·t_i/z_i = 1ᵀt",
    "deep.softmax.assume": "assume 1ᵀt = 1 (t one-hot, or a probability distribution): then {delta} = z − t",
    "deep.sigmoid.entrywise": "the Jacobian is diagonal, diag(g) with g = z ⊙ (1 − z), and diag(g)·v = g ⊙ v: "
                              "multiply entry by entry",
    "deep.sigmoid.cancel": "multiply out and cancel: z ⊙ (1 − z) ⊙ (1 − z)∘⁻¹ = z and z ⊙ (1 − z) ⊙ z∘⁻¹ = 1 − z "
                           "(no entry of z is 0 or 1)",
    "deep.sigmoid.collect": "collect like terms: z − t ⊙ z − t + t ⊙ z, so {delta} = z − t",
    "deep.assumption": "δ = z − t of softmax with cross-entropy assumes 1ᵀt = 1, as a one-hot target or a "
                       "probability distribution has; without it, δ = z·(1ᵀt) − t",
    "deep.differential": "the differential, once for the layer: dL = {delta}ᵀd{y} is what {delta} = ∂L/∂{y} means "
                         "(gradients as columns), and d{y} = d{W}·{a} + d{b} + {W}·d{a} by the sum and product "
                         "rules; each gradient is read off its own term, dL = ⟨G, dX⟩ giving ∂L/∂X = G",
    "deep.differential.hidden": "the differential, once for the layer: dL = {delta}ᵀd{y} is what {delta} = ∂L/∂{y} "
                                "means (gradients as columns), and d{y} = d{W}·{a} + d{b} + {W}·d{a} by the sum "
                                "and product rules; each gradient is read off its own term, dL = ⟨G, dX⟩ giving "
                                "∂L/∂X = G. The last term, ⟨{W}ᵀ{delta}, d{a}⟩, carries ∂L/∂{a} = {W}ᵀ{delta} "
                                "back to layer {prev}",
    "deep.grad_W": "read off the term {delta}ᵀ·d{W}·{a} = ⟨{delta}{a}ᵀ, d{W}⟩: ∂L/∂{W} = {delta}{a}ᵀ, "
                   "({rows}×1)(1×{cols}) = {rows}×{cols}, the shape of {W}",
    "deep.grad_b": "read off the term {delta}ᵀ·d{b} = ⟨{delta}, d{b}⟩: ∂L/∂{b} = {delta}, {rows}×1, the shape of {b}",
    "deep.grad_x": "read off the term {delta}ᵀ·{W}·dx = ⟨{W}ᵀ{delta}, dx⟩: ∂L/∂x = {W}ᵀ{delta}, "
                   "({cols}×{rows})({rows}×1) = {cols}×1, what would flow back to a layer before x",
})
KO.update({
    "deep.title": "{depth}개 층의 역전파 (출력층에서 입력 쪽으로)",
    "deep.forward": "순전파",
    "deep.layer.output": "{l}층: 출력층",
    "deep.layer.hidden": "{l}층: 은닉층",
    "deep.loss": "손실: {name}",
    "deep.dl_dz": "출력 z에 대한 손실의 그래디언트입니다 (z와 같은 크기).",
    "deep.da_dy": "활성화 함수의 야코비 행렬입니다: {fn} 함수는 원소마다 따로 작용하므로 대각 행렬입니다.",
    "deep.da_dy.written": "활성화 함수의 야코비 행렬입니다: {fn} 함수는 원소마다 따로 작용하므로 대각 행렬입니다. "
                          "{a_l} = {fn}({y})로 나타냈습니다.",
    "deep.da_dy.identity": "항등 함수의 야코비 행렬은 단위 행렬 I입니다.",
    "deep.da_dy.softmax": "softmax의 야코비 행렬 diag(z) − zzᵀ입니다 (z = softmax({y})): 분모의 합을 통해 z의 모든 "
                          "원소가 {y}의 모든 원소에 의존하므로 대각 행렬이 아닙니다.",
    "deep.dy_da": "다음 층의 아핀 변환을 이 층의 출력으로 미분한 야코비 행렬은 {W}입니다. {next}층의 그래디언트는 이 "
                  "행렬을 거쳐 돌아옵니다.",
    "deep.chain.output": "합성함수의 미분법(연쇄 법칙): 그래디언트를 열벡터로 쓰면 {delta} = ∂L/∂{y} = "
                         "(∂z/∂{y})ᵀ·∂L/∂z입니다. 야코비 행렬의 전치가 그래디언트를 z에서 {y:으로/로} 되돌려 보냅니다.",
    "deep.chain.hidden": "합성함수의 미분법(연쇄 법칙): 그래디언트를 열벡터로 쓰면, 야코비 행렬의 전치가 {next}층의 "
                         "{delta_next:을/를} 거슬러 보내어 ∂L/∂{a} = (∂{y_next}/∂{a})ᵀ{delta_next} = "
                         "{W}ᵀ{delta_next}이고, {delta} = (∂{a}/∂{y})ᵀ·∂L/∂{a}입니다.",
    "deep.simplified": "정리합니다: diag(g)·v = g ⊙ v로 쓰고 아다마르 곱을 전개하여 동류항을 모읍니다.",
    "deep.hidden.simplified": "diag(g)·v = v ⊙ g이므로 {delta} = ({W}ᵀ{delta_next}) ⊙ {fn}′({y})입니다.",
    "deep.softmax.expand": "diag(z) − zzᵀ의 항을 하나씩 곱하여 전개합니다 (이 행렬은 대칭이므로 (∂z/∂y)ᵀ도 같은 "
                           "행렬입니다).",
    "deep.softmax.cancel": "약분합니다: diag(z)(z∘⁻¹ ⊙ t) = z ⊙ z∘⁻¹ ⊙ t = t이고, "
                           "zᵀ(z∘⁻¹ ⊙ t) = Σ z_i·t_i/z_i = 1ᵀt입니다.",
    "deep.softmax.assume": "1ᵀt = 1이라고 가정하면 (t가 원-핫 벡터이거나 확률 분포일 때) {delta} = z − t입니다.",
    "deep.sigmoid.entrywise": "야코비 행렬은 대각 행렬 diag(g) (g = z ⊙ (1 − z))이고 diag(g)·v = g ⊙ v이므로 "
                              "원소끼리 곱합니다.",
    "deep.sigmoid.cancel": "전개하여 약분합니다: z ⊙ (1 − z) ⊙ (1 − z)∘⁻¹ = z이고 z ⊙ (1 − z) ⊙ z∘⁻¹ = 1 − z입니다 "
                           "(z의 원소는 0도 1도 아닙니다).",
    "deep.sigmoid.collect": "동류항을 모으면 z − t ⊙ z − t + t ⊙ z이므로 {delta} = z − t입니다.",
    "deep.assumption": "softmax와 교차 엔트로피의 δ = z − t는 1ᵀt = 1을 가정합니다. 원-핫 목표나 확률 분포는 이를 "
                       "만족하며, 그렇지 않으면 δ = z·(1ᵀt) − t입니다.",
    "deep.differential": "이 층의 미분을 한 번에 씁니다: {delta} = ∂L/∂{y}의 뜻이 dL = {delta}ᵀd{y}이고 "
                         "(그래디언트는 열벡터), 합과 곱의 미분법으로 d{y} = d{W}·{a} + d{b} + {W}·d{a}입니다. "
                         "각 그래디언트는 자기 항에서 읽어 냅니다: dL = ⟨G, dX⟩이면 ∂L/∂X = G입니다.",
    "deep.differential.hidden": "이 층의 미분을 한 번에 씁니다: {delta} = ∂L/∂{y}의 뜻이 dL = {delta}ᵀd{y}이고 "
                                "(그래디언트는 열벡터), 합과 곱의 미분법으로 d{y} = d{W}·{a} + d{b} + {W}·d{a}입니다. "
                                "각 그래디언트는 자기 항에서 읽어 냅니다: dL = ⟨G, dX⟩이면 ∂L/∂X = G입니다. "
                                "마지막 항 ⟨{W}ᵀ{delta}, d{a}⟩에서 읽어 낸 ∂L/∂{a} = {W}ᵀ{delta:이/가} {prev}층으로 전달됩니다.",
    "deep.grad_W": "{delta}ᵀ·d{W}·{a} = ⟨{delta}{a}ᵀ, d{W}⟩ 항에서 읽어 내면 가중치의 그래디언트는 "
                   "∂L/∂{W} = {delta}{a}ᵀ이고, ({rows}×1)(1×{cols}) = {rows}×{cols:으로/로} {W}의 크기와 같습니다.",
    "deep.grad_b": "{delta}ᵀ·d{b} = ⟨{delta}, d{b}⟩ 항에서 읽어 내면 편향의 그래디언트는 ∂L/∂{b} = {delta}이고, "
                   "{rows}×1로 {b}의 크기와 같습니다.",
    "deep.grad_x": "{delta}ᵀ·{W}·dx = ⟨{W}ᵀ{delta}, dx⟩ 항에서 읽어 내면 ∂L/∂x = {W}ᵀ{delta}이고, "
                   "({cols}×{rows})({rows}×1) = {cols}×1입니다. x 앞에 층이 있다면 이 그래디언트가 그리로 전달됩니다.",
})
EN.update({"deep.loss.mse": "squared error ½‖z − t‖²",
           "deep.loss.ce.sigmoid": "binary cross-entropy −Σ [t log z + (1 − t) log(1 − z)]",
           "deep.loss.ce.softmax": "categorical cross-entropy −tᵀ log z"})
KO.update({"deep.loss.mse": "제곱 오차 ½‖z − t‖²",
           "deep.loss.ce.sigmoid": "이진 교차 엔트로피 −Σ [t ln z + (1 − t) ln(1 − z)]",
           "deep.loss.ce.softmax": "범주형 교차 엔트로피 −tᵀ ln z"})
