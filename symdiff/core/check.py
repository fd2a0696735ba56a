"""How both engines judge a derivative against finite differences.

The scalar check (`symdiff.scalar.check`: a SymPy expression at random real points, 30 digits) and the
matrix check (`symdiff.matrix.numeric`: a differential on random matrices, 60 digits) gather different
evidence and report it differently (a scalar check that finds no point in the domain passes as
unchecked, a matrix one fails), but they measure and judge a difference the same way.
"""

from __future__ import annotations

TOLERANCE = 1e-9
"""The largest relative error a derivative may show and still agree."""


def relative_error(difference, reference):
    """|claimed − expected| / (1 + |expected|), from the two magnitudes: relative where the values
    are large, absolute near 0 (where a relative error would be 0/0). Floats or mpmath numbers."""
    return difference / (1 + reference)
