"""The expressions of the speed table (issue 18): each as the text symdiff reads and as a library builds it.

The references (bench/refs.py) build every expression with their library's own constructors instead
of parsing the text: SymEngine's parser takes 10 s on the 20 000-parameter loss and SymPy's
`parse_expr` overflows Python's compiler on a flat sum that long, and parsing is not what the rows
compare. `check_same()` makes sure the built expression is the one symdiff parses from the text.

`lib` is the `sympy` or the `symengine` module (both have Symbol, Integer, Add, exp, log, sin);
`symbol` makes a variable: real, as symdiff's are, where the library has assumptions.
"""

from __future__ import annotations

# Coefficients cycle with the index so that every term differs but the text stays short.


def _c(i: int) -> int:
    return i % 7 + 1


def dense_vars(n: int) -> list[str]:
    return [f"w{i}" for i in range(1, n + 1)]


def dense_text(n: int) -> str:
    """(Σ cᵢwᵢ − 3)²: every partial holds the whole inner sum."""
    return "(" + "+".join(f"{_c(i)}*w{i}" for i in range(1, n + 1)) + "-3)**2"


def dense_build(lib, symbol, n: int):
    inner = lib.Add(*(lib.Integer(_c(i)) * symbol(f"w{i}") for i in range(1, n + 1)), lib.Integer(-3))
    return inner ** 2


def softmax_vars(n: int) -> list[str]:
    return [f"z{j}" for j in range(1, n + 1)]


def softmax_text(n: int) -> str:
    """−log(exp(z₁)/Σ exp(z_j)): the cross-entropy of class 1 under a softmax over n classes."""
    return "-log(exp(z1)/(" + "+".join(f"exp(z{j})" for j in range(1, n + 1)) + "))"


def softmax_build(lib, symbol, n: int):
    z = [symbol(name) for name in softmax_vars(n)]
    return -lib.log(lib.exp(z[0]) / lib.Add(*(lib.exp(zj) for zj in z)))


def separable_vars(n: int) -> list[str]:
    return [f"w{i}" for i in range(n)]


def separable_text(n: int) -> str:
    """Σ (cᵢwᵢ − dᵢ)², written without spaces (bench/grad.py's loss): 308 889 characters at n = 20 000."""
    return "+".join(f"({_c(i)}*w{i}-{i % 9 + 1})**2" for i in range(n))


def separable_build(lib, symbol, n: int):
    return lib.Add(*((lib.Integer(_c(i)) * symbol(f"w{i}") - lib.Integer(i % 9 + 1)) ** 2 for i in range(n)))


def nesting_text(depth: int) -> str:
    """x*sin(x + x*sin(x + …)), `depth` sines deep."""
    e = "x"
    for _ in range(depth):
        e = f"x*sin(x + {e})"
    return e


def nesting_build(lib, symbol, depth: int):
    x = symbol("x")
    e = x
    for _ in range(depth):
        e = x * lib.sin(x + e)
    return e


GRADIENTS = {
    "dense": (dense_text, dense_build, dense_vars),
    "softmax": (softmax_text, softmax_build, softmax_vars),
    "separable": (separable_text, separable_build, separable_vars),
}


def sympy_symbol(name: str):
    import sympy

    return sympy.Symbol(name, real=True)


def check_same(n: int = 6, depth: int = 5) -> None:
    """Each family, built with SymPy, equals symdiff's parse of its text (small sizes: a quick check)."""
    import sympy

    import symdiff

    cases = [(name, text(n), build(sympy, sympy_symbol, n)) for name, (text, build, _) in GRADIENTS.items()]
    cases.append(("nesting", nesting_text(depth), nesting_build(sympy, sympy_symbol, depth)))
    for name, text, built in cases:
        parsed = symdiff.parse(text)
        if parsed != built:
            raise SystemExit(f"bench: the {name} expression built for the references is not symdiff's:\n"
                             f"  built  {sympy.sstr(built)}\n  parsed {sympy.sstr(parsed)}")
