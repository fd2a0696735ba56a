"""One reference of the speed table, run as its own process: `python bench/refs.py '<json spec>'`.

The spec names the library ("sympy" or "symengine") and the work:
  {"work": "gradient", "family": "dense"|"softmax"|"separable", "n": N, "sample": K}
      build the loss with the library's constructors, then `[diff(f, v) for v in vars]` over K of the
      N variables, evenly spread (K = N: all of them)
  {"work": "nesting", "depth": D, "at": "0.1"}   diff of x*sin(x + …) D deep, then its value at x
  {"work": "lines", "file": PATH}   SymPy only: `str(diff(parse_expr(line), x))` for every line

It prints one JSON object: the CPU seconds (time.process_time) of the set-up and of the timed loop,
and how many of the N items the loop did; the harness times the whole process and scales the loop up
when it was sampled. Importing the library is part of the process, as it is of a symdiff run.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import workloads  # noqa: E402


def library(name: str):
    if name == "sympy":
        import sympy

        return sympy, lambda s: sympy.Symbol(s, real=True)
    import symengine

    return symengine, symengine.Symbol  # SymEngine's symbols carry no assumptions


def spread(items: list, k: int) -> list:
    """k of the items, evenly spread (all of them if k >= len(items))."""
    if k >= len(items):
        return items
    step = len(items) / k
    return [items[int(i * step)] for i in range(k)]


def gradient(lib, symbol, spec: dict) -> dict:
    _, build, names = workloads.GRADIENTS[spec["family"]]
    n = spec["n"]
    f = build(lib, symbol, n)
    timed = [symbol(v) for v in spread(names(n), spec.get("sample") or n)]
    start = time.process_time()
    partials = [lib.diff(f, v) for v in timed]
    loop = time.process_time() - start
    return {"loop_cpu_s": loop, "timed": len(timed), "total": n, "zero_partials": sum(p == 0 for p in partials)}


def nesting(lib, symbol, spec: dict) -> dict:
    x = symbol("x")
    f = workloads.nesting_build(lib, symbol, spec["depth"])
    start = time.process_time()
    value = float(lib.diff(f, x).subs({x: lib.Float(spec["at"])}))
    loop = time.process_time() - start
    return {"loop_cpu_s": loop, "timed": 1, "total": 1, "value": value}


def lines(lib, symbol, spec: dict) -> dict:
    from sympy import parse_expr

    texts = [t for t in Path(spec["file"]).read_text(encoding="utf-8").splitlines() if t.strip()]
    namespace = {v: symbol(v) for v in ("x", "y", "z")}
    x = namespace["x"]
    start = time.process_time()
    for text in texts:
        str(lib.diff(parse_expr(text, local_dict=dict(namespace)), x))
    loop = time.process_time() - start
    return {"loop_cpu_s": loop, "timed": len(texts), "total": len(texts)}


def main() -> int:
    spec = json.loads(sys.argv[1])
    started = time.process_time()
    lib, symbol = library(spec["lib"])
    result = {"nesting": nesting, "gradient": gradient, "lines": lines}[spec["work"]](lib, symbol, spec)
    result["process_cpu_s"] = time.process_time() - started
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
