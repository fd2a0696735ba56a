"""Functions of deep learning that SymPy lacks: sigmoid, softplus and relu.

They are real SymPy functions (so `sympy.diff`, `subs` and `evalf` work on them, and `str` prints a
name the symdiff parser reads back), defined by their usual formulas.
"""

from __future__ import annotations

import sympy
from sympy import Function, Heaviside, Max, Number, exp, log


class sigmoid(Function):
    """σ(x) = 1/(1 + e^(−x))."""

    nargs = 1

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

    def _eval_evalf(self, prec):
        return self.rewrite(exp)._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        # SymPy passes `exp` for a power of a function (σ(x)²); without it, printing one fails.
        tex = r"\sigma\left(%s\right)" % printer._print(self.args[0])
        return tex if exp is None else r"\left(%s\right)^{%s}" % (tex, exp)


class softplus(Function):
    """softplus(x) = ln(1 + e^x), a smooth relu."""

    nargs = 1

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

    def _eval_evalf(self, prec):
        return self.rewrite(exp)._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        # SymPy passes `exp` for a power of a function (σ(x)²); without it, printing one fails.
        tex = r"\operatorname{softplus}\left(%s\right)" % printer._print(self.args[0])
        return tex if exp is None else r"\left(%s\right)^{%s}" % (tex, exp)


class relu(Function):
    """relu(x) = max(0, x). Not differentiable at 0: its derivative formula Heaviside(x, 0) takes
    relu'(0) = 0, as PyTorch does, but a value at 0 is refused (`symdiff.scalar.smoothness`)."""

    nargs = 1

    @classmethod
    def eval(cls, arg):
        if isinstance(arg, Number):
            return Max(0, arg)

    def fdiff(self, argindex=1):
        # Heaviside's second argument is its value at 0: the subgradient convention relu'(0) = 0.
        return Heaviside(self.args[0], 0)

    def _eval_rewrite_as_Max(self, arg, **kwargs):
        return Max(0, arg)

    def _eval_evalf(self, prec):
        return self.rewrite(Max)._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        # SymPy passes `exp` for a power of a function (σ(x)²); without it, printing one fails.
        tex = r"\operatorname{relu}\left(%s\right)" % printer._print(self.args[0])
        return tex if exp is None else r"\left(%s\right)^{%s}" % (tex, exp)
