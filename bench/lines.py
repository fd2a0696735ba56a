"""Varied textbook lines in x, y, z for the batch rows of the speed table, the same for a given seed.

    python bench/lines.py [N] [--seed S]      # print N lines (default 2000)

A line is a sum, product, quotient or composition of textbook pieces: polynomials in x, y, z,
trigonometric functions, exp, log and sqrt of polynomials, powers of sums; random small integers make
almost every line new to SymPy's cache (and to symdiff's memo). Every line holds x, the variable the
batch differentiates by. The text is plain SymPy syntax with integers only, so the reference loop's
`parse_expr` reads the same expression symdiff does (`check_same` makes sure).
"""

from __future__ import annotations

import argparse
import random

VARS = ("x", "y", "z")
FUNCS = ("sin", "cos", "tan", "exp", "log", "sqrt")


def _monomial(rng: random.Random, with_x: bool = False) -> str:
    c = rng.randint(1, 12)
    factors = [] if c == 1 else [str(c)]
    names = ["x"] if with_x else []
    names += [v for v in VARS if v not in names and rng.random() < 0.4]
    if not names:
        names = [rng.choice(VARS)]
    for v in names:
        p = rng.choice((1, 1, 2, 3, 4))
        factors.append(v if p == 1 else f"{v}**{p}")
    return "*".join(factors)


def polynomial(rng: random.Random, terms: int | None = None) -> str:
    k = terms or rng.randint(1, 3)
    parts = [_monomial(rng, with_x=i == 0) for i in range(k)]
    if rng.random() < 0.5:
        parts.append(str(rng.randint(1, 9)))
    text = parts[0]
    for p in parts[1:]:
        text += rng.choice((" + ", " - ")) + p
    return text


def _positive(rng: random.Random) -> str:
    """A polynomial plus a constant, positive for real x, y, z: a safe denominator or log argument."""
    if rng.random() < 0.5:
        return f"({_monomial(rng, with_x=True)})**2 + {rng.randint(1, 9)}"
    return f"x**2 + {rng.choice(VARS)}**2 + {rng.randint(1, 9)}"


def chain(rng: random.Random) -> str:
    f = rng.choice(FUNCS)
    if f in ("log", "sqrt"):
        return f"{f}({_positive(rng)})"
    if f == "exp" and rng.random() < 0.5:
        return f"exp(-({polynomial(rng, 1)})**2/{rng.randint(2, 9)})"
    return f"{f}({polynomial(rng)})"


def piece(rng: random.Random) -> str:
    """One textbook factor: a polynomial, a function of one, or a power of a sum."""
    kind = rng.random()
    if kind < 0.35:
        return f"({polynomial(rng)})"
    if kind < 0.85:
        return chain(rng)
    return f"({polynomial(rng, 2)})**{rng.randint(2, 5)}"


def line(rng: random.Random) -> str:
    kind = rng.choice(("polynomial", "product", "quotient", "chain", "nested", "sum"))
    if kind == "polynomial":
        return polynomial(rng, rng.randint(2, 5))
    if kind == "product":
        return f"{piece(rng)}*{piece(rng)}"
    if kind == "quotient":
        return f"{piece(rng)}/({_positive(rng)})"
    if kind == "chain":
        return chain(rng)
    if kind == "nested":  # a composition two deep: sin(exp(x*y)), log(cos(x) + 2)
        outer = rng.choice(("sin", "cos", "exp", "log", "sqrt"))
        inner = chain(rng)
        if outer in ("log", "sqrt"):
            return f"{outer}({inner}**2 + {rng.randint(1, 9)})"
        return f"{outer}({inner})"
    return f"{piece(rng)} + {piece(rng)}*{rng.choice(VARS)}"


def generate(n: int, seed: int = 18) -> list[str]:
    """n lines, each holding x; the same n and seed give the same lines."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        text = line(rng)
        if "x" in text.replace("exp", ""):
            out.append(text)
    return out


def check_same(lines: list[str]) -> None:
    """SymPy's parse_expr (real symbols, as in the reference loop) reads each line as symdiff does."""
    import sympy

    import symdiff
    from symdiff.scalar.parsing import settled

    namespace = {v: sympy.Symbol(v, real=True) for v in VARS}
    for text in lines:
        # symdiff keeps a power of a power as typed, (11x³)²; the function it stands for is SymPy's
        ours, theirs = settled(symdiff.parse(text)), sympy.parse_expr(text, local_dict=dict(namespace))
        if ours != theirs:
            raise SystemExit(f"bench: the reference reads {text!r} as {theirs}, symdiff as {ours}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/lines.py", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=2000)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args(argv)
    print("\n".join(generate(args.n, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
