"""Which entry of a Jacobian a derivation is, in each notation: J₁₁ = ∂f₁/∂x.

A derivation headed only "∂/∂x [x y]" leaves the reader to find it in the matrix; a teacher names
the entry and the function it comes from. Indices run together (J₁₂) while both are single digits,
and are parted by a comma beyond (J₁₀,₂), as a textbook writes a_{10,2}."""

from __future__ import annotations

_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def entries(result):
    """(i, j, derivation) for each entry of a Jacobian, counted from 1, row by row."""
    for i, row in enumerate(result.entries, 1):
        for j, d in enumerate(row, 1):
            yield i, j, d


def _index(result, i: int, j: int) -> tuple[str, ...]:
    if len(result.entries) < 10 and len(result.vars) < 10:
        return (f"{i}{j}",)
    return (str(i), str(j))


def unicode_partial(name: str, var: str) -> str:
    """∂f1/∂y: the partial an entry is, which closes its derivation as ∂f/∂x closes a partial's."""
    return f"∂{name}/∂{var}"


def unicode_entry(result, i: int, j: int, name: str, var: str) -> str:
    """J₁₂ = ∂f1/∂y, the row's function named as the text view names it."""
    return f"J{','.join(part.translate(_SUBSCRIPT) for part in _index(result, i, j))} = {unicode_partial(name, var)}"


def latex_partial(name: str, var: str) -> str:
    """\\frac{\\partial f_{1}}{\\partial y}; `name` and `var` are LaTeX already."""
    return rf"\frac{{\partial {name}}}{{\partial {var}}}"


def latex_entry(result, i: int, j: int, name: str, var: str) -> str:
    """J_{12} = \\frac{\\partial f_{1}}{\\partial y}; `name` and `var` are LaTeX already."""
    return rf"J_{{{','.join(_index(result, i, j))}}} = {latex_partial(name, var)}"


def mathml_entry(result, i: int, j: int, name: str, var: str) -> str:
    """The same in MathML, without its <math>; `name` and `var` are MathML already."""
    parts = _index(result, i, j)
    sub = f"<mn>{parts[0]}</mn>" if len(parts) == 1 else f"<mrow><mn>{parts[0]}</mn><mo>,</mo><mn>{parts[1]}</mn></mrow>"
    return f"<msub><mi>J</mi>{sub}</msub><mo>=</mo>{mathml_partial(name, var)}"


def mathml_partial(name: str, var: str) -> str:
    """∂f₁/∂y in MathML, without its <math>; `name` and `var` are MathML already."""
    return f"<mfrac><mrow><mo>∂</mo>{name}</mrow><mrow><mo>∂</mo>{var}</mrow></mfrac>"
