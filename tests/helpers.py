"""An independent oracle for the tests: numeric comparison of expressions on the reals.

It deliberately shares no code with symdiff's own evaluation (`symdiff.scalar.numeric`), so a bug there
cannot hide a bug in the rules.
"""

from __future__ import annotations

import functools
import random

import mpmath
import sympy

from symdiff.scalar.functions import relu, sigmoid, softplus

_REPLACEMENTS = {
    sigmoid: lambda a: 1 / (1 + sympy.exp(-a)),
    softplus: lambda a: sympy.log(1 + sympy.exp(a)),
    relu: lambda a: sympy.Max(0, a),
}


def _plain(expr: sympy.Expr) -> sympy.Expr:
    for func, formula in _REPLACEMENTS.items():
        expr = expr.replace(func, formula)
    return expr


def _heaviside(x, h0=0.5):
    return mpmath.mpf(h0) if x == 0 else (mpmath.mpf(1) if mpmath.re(x) > 0 else mpmath.mpf(0))


def _atan2(y, x):
    # atan2 is defined for real arguments only (mpmath's fails on complex ones with an AttributeError).
    if mpmath.im(y) or mpmath.im(x):
        raise ValueError("atan2 of a complex number")
    return mpmath.atan2(mpmath.re(y), mpmath.re(x))


_MPMATH = {
    "atan2": _atan2,
    "Heaviside": _heaviside,
    "DiracDelta": lambda x, k=0: mpmath.inf if x == 0 else mpmath.mpf(0),
    "sign": lambda x: mpmath.sign(x),
    "Max": lambda *a: max(a, key=lambda v: mpmath.re(v)),
    # mpmath's own, so that lambdify does not print acot(u) as atan(1/u), which for u = 0**x is
    # atan(zoo**x): a printer KeyError, not a number.
    **{name: getattr(mpmath, name) for name in ("acot", "asec", "acsc", "acoth", "asech", "acsch")},
}


class _Compiled:
    """expr compiled once (into mpmath, 30 digits) and evaluated at many points."""

    def __init__(self, expr: sympy.Expr, symbols):
        self.symbols = symbols
        if expr.has(sympy.zoo, sympy.nan, sympy.oo):
            self.fn = None  # undefined everywhere
        else:
            self.fn = sympy.lambdify(symbols, _plain(expr), modules=[_MPMATH, "mpmath"])

    def __call__(self, point: dict) -> complex | None:
        if self.fn is None:
            return None
        try:
            with mpmath.workdps(30):
                v = self.fn(*(mpmath.mpf(point[s]) for s in self.symbols))
            c = complex(v)
        except (ZeroDivisionError, ValueError, TypeError, OverflowError, ArithmeticError):
            return None
        if c != c or abs(c) == float("inf") or abs(c) > 1e12:
            return None
        return c


def value(expr: sympy.Expr, point: dict) -> complex | None:
    """expr at point as a complex number, or None where it is undefined there."""
    symbols = sorted(point, key=lambda s: s.name)
    return _Compiled(expr, symbols)(point)


def real_value(expr: sympy.Expr, point: dict) -> complex | None:
    """`value`, with each odd root (x^(p/q), q odd) as the real root, as symdiff reads it: written out
    here as sign(x)^p·|x|^(p/q), independently of symdiff's own code."""
    def odd(e):
        return e.is_Pow and e.exp.is_Rational and not e.exp.is_Integer and e.exp.q % 2 == 1
    return value(expr.replace(odd, lambda e: sympy.sign(e.base) ** e.exp.p * sympy.Abs(e.base) ** e.exp), point)


def sample_points(symbols, n: int = 10, seed: int = 0) -> list[dict]:
    """n points of mixed signs, n with every coordinate positive (where x**y and log(x*y) are
    real), and n farther out (where tanh(x - 3) changes sign), all away from 0 and ±1, where many
    of the functions here are singular or kinked."""
    rng = random.Random(seed)
    symbols = sorted(symbols, key=lambda s: s.name)
    mixed = [{s: rng.choice([-1, 1]) * rng.uniform(0.15, 2.4) for s in symbols} for _ in range(n)]
    positive = [{s: rng.uniform(0.15, 2.4) for s in symbols} for _ in range(n)]
    wide = [{s: rng.choice([-1, 1]) * rng.uniform(2.5, 9.0) for s in symbols} for _ in range(n)]
    wider = [{s: rng.uniform(-25.0, 25.0) for s in symbols} for _ in range(n)]
    return mixed + positive + wide + wider


def agree(a: sympy.Expr, b: sympy.Expr, *, domain: sympy.Expr | None = None, n: int = 10,
          min_points: int = 3, enough: int = 5, seed: int = 0) -> tuple[bool, str]:
    """Whether a == b at random real points where both are defined and `domain` (if given) is
    real: calculus here is over the reals, and outside that domain equal formulas may take
    different complex branches. Where `domain` is never real (asec(x) + asec(1/2)), points where it
    is merely defined are used. Returns (verdict, reason); with too few usable points it falls back
    to `simplify`."""
    symbols = (a.free_symbols | b.free_symbols | (domain.free_symbols if domain is not None else set()))
    if not symbols:
        symbols = {sympy.Symbol("unused")}
    order = sorted(symbols, key=lambda s: s.name)
    fa, fb = _Compiled(a, order), _Compiled(b, order)
    fd = _Compiled(domain, order) if domain is not None else None

    def points():
        yield from sample_points(symbols, n, seed)
        # Narrow domains (log(log(acsc(x))) is real only on 1 < x < 1.19) need a denser search.
        rng = random.Random(seed + 1)
        for _ in range(600):
            yield {s: rng.uniform(-3.0, 3.0) for s in order}

    used = one_sided = 0
    for real_only in (True, False):
        for point in points():
            if fd is not None:
                d = fd(point)
                if d is None or (real_only and abs(d.imag) > 1e-9 * max(1.0, abs(d.real))):
                    continue
            va, vb = fa(point), fb(point)
            if va is None or vb is None:
                one_sided += (va is None) != (vb is None)
                continue
            used += 1
            if abs(va - vb) > 1e-7 * (1 + max(abs(va), abs(vb))):
                return False, f"differ at {point}: {va} vs {vb}"
            if used >= enough:
                break
        if used >= min_points or fd is None:
            break
    if used >= min_points:
        return True, f"equal at {used} points"
    if used == 0 and one_sided == 0 and fa.fn is None and fb.fn is None:
        return True, "both undefined everywhere"
    diff = sympy.simplify(_plain(a) - _plain(b))
    if diff == 0 or sympy.simplify(diff.rewrite(sympy.exp)) == 0:
        return True, "simplify"
    return False, f"only {used} usable points and simplify gives {diff}"


def agree_with_finite_differences(expr: sympy.Expr, var, result: sympy.Expr, seed: int = 0, *,
                                  domain: sympy.Expr | None = None) -> tuple[bool, str]:
    """d(expr)/d(var) == result, with the derivative taken numerically (mpmath's finite
    differences) at real points: the oracle where SymPy itself leaves a Derivative unevaluated
    (d/dy sign(x**(x*y)), since SymPy cannot tell x**(x*y) is real). `var` is one symbol or a
    sequence of them for a mixed partial (d²/dx dy: (x, y)); with `domain`, only points where it
    is real are used, as in `agree`."""
    wrt = tuple(var) if isinstance(var, (tuple, list)) else (var,)
    domain_symbols = domain.free_symbols if domain is not None else set()
    order = sorted(expr.free_symbols | result.free_symbols | set(wrt) | domain_symbols, key=lambda s: s.name)
    f, g = _Compiled(expr, order), _Compiled(result, order)
    fd = _Compiled(domain, order) if domain is not None else None
    if f.fn is None:
        return False, "expr cannot be evaluated"
    orders = tuple(wrt.count(s) for s in order)
    used = 0
    for point in sample_points(order, 10, seed):
        fx, gx = f(point), g(point)
        if fx is None or gx is None or abs(fx.imag) > 1e-9 * max(1.0, abs(fx.real)):
            continue
        if fd is not None:
            d = fd(point)
            if d is None or abs(d.imag) > 1e-9 * max(1.0, abs(d.real)):
                continue
        try:
            with mpmath.workdps(30):
                numeric = complex(mpmath.diff(f.fn, tuple(mpmath.mpf(point[s]) for s in order), orders))
        except (ZeroDivisionError, ValueError, TypeError, OverflowError, ArithmeticError):
            continue
        used += 1
        if abs(numeric - gx) > 1e-6 * (1 + abs(numeric)):
            return False, f"differ at {point}: finite difference {numeric} vs {gx}"
        if used >= 5:
            break
    return used >= 3, f"equal to finite differences at {used} points"


def realness_probe(expr: sympy.Expr) -> sympy.Expr:
    """An expression that is real exactly where every part of `expr` is: |u| and relu(u) are
    replaced by u, since |log(x)**(1/4)| is real where log(x)**(1/4) is not, and there
    d|u|/dx = sign(u)·u' (calculus on the reals) is not the derivative."""
    return expr.replace(sympy.Abs, lambda a: a).replace(relu, lambda a: a)


def sympy_derivative(expr: sympy.Expr, var: sympy.Symbol) -> sympy.Expr:
    """d(expr)/d(var) by SymPy alone: symdiff's own functions (sigmoid, softplus, relu) are first
    written out in SymPy's, so that their derivatives in `symdiff.scalar.functions` are not the oracle."""
    return sympy.diff(_plain(expr), var)
def real_diff(expr: sympy.Expr, *variables) -> sympy.Expr:
    """SymPy's derivative, on the reals: 0**u (0 where u > 0, undefined where u < 0) has the
    derivative 0 where it is differentiable, where SymPy's formula 0**u·log(0) gives nan."""
    flat = expr.replace(lambda e: isinstance(e, sympy.Pow) and e.base.is_zero, lambda e: sympy.S.Zero)
    return sympy.diff(flat, *variables)


# Concrete functions that stand in for an unknown function of x (implicit differentiation's y = y(x)):
# a claim d/dx F(x, y(x)) = G(x, y(x), y′(x)) that holds for every y holds for each of these. Positive,
# so that √y and ln y stay real; unlike one another, so that a wrong claim cannot pass by chance.
STAND_INS = (lambda x: 2 + sympy.sin(x) + x**2 / 5, lambda x: sympy.exp(x / 3) + sympy.Rational(1, 2),
             lambda x: 3 + x * sympy.cos(x) / 4)


def _stand_in(expr: sympy.Expr, var, which) -> sympy.Expr:
    """`expr` with each unknown function of `var` (y(x)) replaced by a concrete one, its derivatives taken."""
    from sympy.core.function import AppliedUndef

    functions = {f for f in expr.atoms(AppliedUndef) if f.args == (var,)}
    return expr.xreplace({f: which(var) for f in functions}).doit() if functions else expr


def check_tree(step) -> None:
    """Assert the invariant on every node: d(expr)/d(var) == result on the reals. A node of an implicit
    derivation (y as the function y(x)) is checked with y replaced by each of a few concrete functions."""
    from sympy.core.function import AppliedUndef

    for node in step.walk():
        if node.expr.has(AppliedUndef) or node.result.has(AppliedUndef):
            for which in STAND_INS:
                expr, result = _stand_in(node.expr, node.var, which), _stand_in(node.result, node.var, which)
                ok, reason = agree(real_diff(expr, node.var), result, domain=realness_probe(expr))
                assert ok, (f"rule {node.rule}: d/d{node.var} [{node.expr}] vs the step's {node.result}, with y "
                            f"= {which(node.var)} ({reason})")
            continue
        expected = real_diff(node.expr, node.var)
        if expected.has(sympy.Derivative):
            ok, reason = agree_with_finite_differences(node.expr, node.var, node.result)
            assert ok, f"rule {node.rule}: d/d{node.var} [{node.expr}] vs the step's {node.result} ({reason})"
            continue
        ok, reason = agree(expected, node.result, domain=realness_probe(node.expr))
        assert ok, (f"rule {node.rule}: d/d{node.var} [{node.expr}] should be {expected}, "
                    f"the step says {node.result} ({reason})")


# A test's time limit for one line: no test may depend on how busy the machine is, and the CLI's
# default (10 s) is a limit for users, not a measure of a test's work. Speed belongs in bench/.
GENEROUS_TIMEOUT = "600"


@functools.cache
def _commands_with_a_timeout() -> frozenset[str]:
    import typer.main

    from symdiff.app.cli import app

    group = typer.main.get_command(app)
    return frozenset(name for name, command in group.commands.items()
                     if any("--timeout" in param.opts for param in command.params))


def cli_args(args) -> list[str]:
    """`args` for CliRunner with a generous --timeout for a command that takes one, unless the
    test sets its own."""
    args = list(args)
    if (args and args[0] in _commands_with_a_timeout()
            and not any(a == "--timeout" or a.startswith("--timeout=") for a in args)):
        return [args[0], "--timeout", GENEROUS_TIMEOUT, *args[1:]]
    return args


# The command line's width in the tests: wrapped output is the same on every machine.
CLI_WIDTH = "100"


def invoke(*args, input=None, env=None, width=CLI_WIDTH):
    """symdiff's command line, run in this process with Typer's CliRunner: `width` columns, no
    colour, a dumb terminal, and a generous --timeout (cli_args). For tests with hypothesis, which
    takes no function-scoped fixture; the others use the `run` fixture (conftest.py)."""
    from typer.testing import CliRunner

    from symdiff.app.cli import app

    runner = CliRunner(env={"COLUMNS": str(width), "NO_COLOR": None, "TERM": "dumb"})
    return runner.invoke(app, cli_args(args), input=input, env=env, catch_exceptions=False)


__all__ = ["agree", "check_tree", "cli_args", "invoke", "real_diff", "sample_points", "value"]


def balanced_latex(s: str) -> bool:
    """Braces balance (escaped ones aside) and every \\left has its \\right."""
    depth = 0
    for ch in s.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0 and s.count(r"\left") == s.count(r"\right")
