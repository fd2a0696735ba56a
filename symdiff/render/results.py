"""The scalar engine's result classes, which the formats' `views()` tables register their views for.

Importing this module loads the scalar engine: only a `views()` table does, at the first scalar
result shown (see symdiff.render).
"""

from ..api import GradientResult, HessianResult, ImplicitResult, JacobianResult, PartialResult, TangentResult
from ..features.answers import Verdict
from ..features.descent import DescentResult
from ..features.practice import PracticeSet
from ..features.rulebook import RuleBook

__all__ = ["GradientResult", "HessianResult", "ImplicitResult", "JacobianResult", "PartialResult", "TangentResult",
           "Verdict", "DescentResult", "PracticeSet", "RuleBook"]
