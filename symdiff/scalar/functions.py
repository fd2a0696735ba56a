"""Functions of deep learning that SymPy lacks: sigmoid, softplus and relu.

They are real SymPy functions (so `sympy.diff`, `subs` and `evalf` work on them, and `str` prints a
name the symdiff parser reads back), defined by their usual formulas.
"""

from __future__ import annotations

import sympy
from sympy import Function, Heaviside, Max, Number, exp, log


class _Activation(Function):
    """What the three share: one argument, real where it is real, evaluated through the formula
    `_formula` rewrites them to, printed in LaTeX as `_latex_name`."""

    nargs = 1
    _formula = exp  # the rewrite target evalf goes through
    _latex_name = ""

    def _eval_evalf(self, prec):
        return self.rewrite(self._formula)._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        # SymPy passes `exp` for a power of a function (σ(x)²); without it, printing one fails.
        arg = printer._print(self.args[0])
        # a document's printer sets plain brackets around a flat argument (σ(x)); SymPy's grow
        tex = self._latex_name + (printer.fenced(arg) if hasattr(printer, "fenced") else r"\left(%s\right)" % arg)
        return tex if exp is None else r"\left(%s\right)^{%s}" % (tex, exp)


class sigmoid(_Activation):
    """σ(x) = 1/(1 + e^(−x))."""

    _latex_name = r"\sigma"

    @classmethod
    def eval(cls, arg):
        if arg.is_zero:
            return sympy.S.Half
        if isinstance(arg, sympy.Float):
            return 1 / (1 + exp(-arg))

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return 1 / (1 + exp(-arg))


class softplus(_Activation):
    """softplus(x) = ln(1 + e^x), a smooth relu."""

    _latex_name = r"\operatorname{softplus}"

    @classmethod
    def eval(cls, arg):
        if arg.is_zero:
            return log(2)
        if isinstance(arg, sympy.Float):
            return log(1 + exp(arg))

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return log(1 + exp(arg))

    _eval_rewrite_as_log = _eval_rewrite_as_exp


class relu(_Activation):
    """relu(x) = max(0, x). Not differentiable at 0: its derivative formula Heaviside(x, 0) takes
    relu'(0) = 0, as PyTorch does, but a value at 0 is refused (`symdiff.scalar.smoothness`)."""

    _formula = Max
    _latex_name = r"\operatorname{relu}"

    @classmethod
    def eval(cls, arg):
        if isinstance(arg, Number):
            return Max(0, arg)

    def fdiff(self, argindex=1):
        # Heaviside's second argument is its value at 0: the subgradient convention relu'(0) = 0.
        return Heaviside(self.args[0], 0)

    def _eval_rewrite_as_Max(self, arg, **kwargs):
        return Max(0, arg)
