"""The second-derivative test at a point, as a textbook takes it after the Hessian: is the point
critical (∇f = 0)? If so, the signs of H's leading principal minors (D = f_xx·f_yy − f_xy² for two
variables, f″(a) for one) classify it; where they leave it open (det H = 0), the signs of H's
eigenvalues still tell a saddle point from a case the test cannot decide."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..scalar.roots import exactly_at

# Past this many variables the exact minors and eigenvalue signs cost more than a reader gains: the
# views list such a Hessian by its nonzero entries only, and the test is left out.
MOST_VARIABLES = 6

MINIMUM, MAXIMUM, SADDLE, INCONCLUSIVE = "local_minimum", "local_maximum", "saddle_point", "inconclusive"


@dataclass
class SecondDerivativeTest:
    """What the test finds at `point`. `gradient` is ∇f there, exact; the rest only at a critical
    point: `hessian` H there, `minors` its leading principal minors D₁…Dₙ, `eigenvalues` the count
    of H's positive, negative and zero eigenvalues (only where the minors leave the case open), and
    `classification` one of the names above, and `value` f at a local minimum or maximum (its
    extreme value, which a textbook states with the verdict)."""

    point: dict
    gradient: list[sympy.Expr]
    hessian: list[list[sympy.Expr]] | None = None
    minors: list[sympy.Expr] | None = None
    eigenvalues: tuple[int, int, int] | None = None
    classification: str | None = None
    value: sympy.Expr | None = None

    @property
    def critical(self) -> bool:
        return all(sign(g) == 0 for g in self.gradient)

    @property
    def signs(self) -> list[int]:
        return [sign(m) for m in self.minors or ()]

    def to_dict(self) -> dict:
        """The JSON record's `second_derivative_test`: exact values as SymPy strings."""
        out = {"critical": self.critical, "gradient": [sympy.sstr(g) for g in self.gradient],
               "classification": self.classification}
        if self.minors is not None:
            out["minors"] = [sympy.sstr(m) for m in self.minors]
        if self.eigenvalues is not None:
            out["eigenvalues"] = dict(zip(("positive", "negative", "zero"), self.eigenvalues))
        if self.value is not None:
            out["value"] = sympy.sstr(self.value)
        return out


def sign(value: sympy.Expr) -> int:
    """The sign of an exact real number: by SymPy's assumptions where they decide it, else by 50 digits
    (a value such as cos(1)² + sin(1)² − 1 that is 0 but not known to be is taken as 0 below 10⁻⁴⁰)."""
    if value.is_zero:
        return 0
    if value.is_positive:
        return 1
    if value.is_negative:
        return -1
    approx = sympy.N(value, 50)
    if not approx.is_real:
        raise ValueError(f"{value} is not a real number")
    return 0 if abs(approx) < sympy.Float("1e-40") else (1 if approx > 0 else -1)


def _exact(value: sympy.Expr) -> sympy.Expr | None:
    """A value at the point as an exact real number, or None where it is not one (undefined, complex)."""
    value = sympy.nsimplify(value) if value.is_Float else sympy.simplify(value)
    if not value.is_number or value.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        return None
    try:
        sign(value)
    except (ValueError, TypeError):
        return None
    return value


def leading_minors(matrix: sympy.Matrix) -> list[sympy.Expr]:
    """D_k = det of the top-left k×k block, k = 1…n."""
    return [sympy.simplify(matrix[:k, :k].det(method="berkowitz")) for k in range(1, matrix.rows + 1)]


def eigenvalue_signs(matrix: sympy.Matrix) -> tuple[int, int, int]:
    """How many eigenvalues of the symmetric `matrix` are positive, negative and zero. Its characteristic
    polynomial has only real roots, so Descartes' rule of signs counts them exactly: the sign changes of
    the coefficients of p(λ) count the positive roots, those of p(−λ) the negative ones."""
    lam = sympy.Symbol("lambda")
    poly = sympy.Poly(matrix.charpoly(lam).as_expr(), lam)
    coefficients = [sympy.simplify(c) for c in poly.all_coeffs()]
    n = len(coefficients) - 1
    zero = 0
    while zero < n and sign(coefficients[n - zero]) == 0:
        zero += 1

    def changes(cs) -> int:
        signs = [s for s in (sign(c) for c in cs) if s]
        return sum(1 for a, b in zip(signs, signs[1:]) if a != b)

    positive = changes(coefficients)
    negative = changes([c * (-1) ** (n - k) for k, c in enumerate(coefficients)])
    return positive, negative, zero


def classify(minors: list[sympy.Expr], matrix: sympy.Matrix) -> tuple[str, tuple[int, int, int] | None]:
    """The classification by the leading principal minors (Sylvester's criterion), and the eigenvalue
    signs where the minors cannot decide (det H = 0, or a zero minor before the last)."""
    signs = [sign(m) for m in minors]
    if all(s > 0 for s in signs):
        return MINIMUM, None
    if all(s == (-1) ** (k + 1) for k, s in enumerate(signs)):
        return MAXIMUM, None
    if len(signs) == 2 and signs[1] < 0:  # D < 0: a saddle, as a textbook reads it off D alone
        return SADDLE, None
    if all(signs):  # no zero minor, neither pattern: H is indefinite
        return SADDLE, None
    counts = eigenvalue_signs(matrix)
    positive, negative, _ = counts
    if positive and negative:
        return SADDLE, counts
    if not counts[2]:  # no zero eigenvalue: definite after all (a zero minor before the last)
        return (MINIMUM if positive else MAXIMUM), counts
    return INCONCLUSIVE, counts


def second_derivative_test(firsts: list[sympy.Expr], seconds: list[list[sympy.Expr]],
                           point: dict, f: sympy.Expr | None = None) -> SecondDerivativeTest | None:
    """The test at `point` from the first partials and the Hessian's formulas (exact, by substitution);
    None where the test is not taken: too many variables, or a value that is not an exact real number
    there (a kink: the views then show the Hessian's decimals alone). Given `f`, a minimum or maximum
    comes with its value."""
    if len(firsts) > MOST_VARIABLES:
        return None
    gradient = [_exact(exactly_at(g, point)) for g in firsts]
    if any(g is None for g in gradient):
        return None
    test = SecondDerivativeTest(point, gradient)
    if not test.critical:
        return test
    rows = [[_exact(exactly_at(e, point)) for e in row] for row in seconds]
    if any(e is None for row in rows for e in row):
        return None
    matrix = sympy.Matrix(rows)
    test.hessian, test.minors = rows, leading_minors(matrix)
    test.classification, test.eigenvalues = classify(test.minors, matrix)
    if f is not None and test.classification in (MINIMUM, MAXIMUM):
        test.value = _exact(exactly_at(f, point))
    return test


__all__ = ["INCONCLUSIVE", "MAXIMUM", "MINIMUM", "SADDLE", "SecondDerivativeTest", "second_derivative_test"]
