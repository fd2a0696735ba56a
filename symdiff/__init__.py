"""symdiff: symbolic differentiation that shows every rule it used.

    >>> from symdiff import partial
    >>> r = partial("3*x**2*y**4", "x")
    >>> r.result
    6*x*y**4

The names below are imported on first use, so `import symdiff` (and `symdiff --help`) does not pay
for importing SymPy.
"""

from __future__ import annotations

__version__ = "0.3.0.dev0"

_EXPORTS = {
    "partial": "symdiff.api",
    "gradient": "symdiff.api",
    "hessian": "symdiff.api",
    "jacobian": "symdiff.api",
    "check": "symdiff.api",
    "implicit": "symdiff.api",
    "tangent": "symdiff.api",
    "descend": "symdiff.api",
    "practice": "symdiff.features.practice",
    "GradientResult": "symdiff.api",
    "HessianResult": "symdiff.api",
    "JacobianResult": "symdiff.api",
    "PartialResult": "symdiff.api",
    "Derivation": "symdiff.api",
    "matrix_derivative": "symdiff.matrix",
    "backprop": "symdiff.matrix.backprop",
    "parse": "symdiff.scalar.parsing",
    "derive": "symdiff.scalar.rules",
    "explain": "symdiff.core.messages",
    "Step": "symdiff.scalar.steps",
    "Limits": "symdiff.core.limits",
    "SymdiffError": "symdiff.core.errors",
    "ParseError": "symdiff.core.errors",
    "DomainError": "symdiff.core.errors",
    "InputTypeError": "symdiff.core.errors",
    "process_record": "symdiff.app.records",
    "grade_record": "symdiff.features.answers",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'symdiff' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
