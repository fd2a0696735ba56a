"""Check that examples.txt succeeds line by line and, together, uses every rule of the engine.

    python bench/check_examples.py [--file examples.txt] [--var x]

Runs `symdiff partial --file FILE VAR --format json` as a subprocess (the installed command, as a
user runs it), then walks every step tree. It checks:

  * the command exits 0 and every input line gives a result (no error records);
  * every contract rule name except `unknown` appears in some step tree;
  * the finer cases: each of the six functions of trig / inverse_trig / hyperbolic /
    inverse_hyperbolic, e^x and a^x, ln and log to bases 2, 10 and another, relu and sign, sigmoid and
    softplus, products of two and of three or more factors, a chain of three or more layers, and
    the rewrites (roots, reciprocals).

Prints the coverage and exits 1 if anything is missing. Not a pytest test: it is not collected.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # python bench/check_examples.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import symdiff_command  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

RULES = (
    "constant", "identity", "sum", "constant_multiple", "power", "product", "quotient", "chain",
    "exp", "log", "trig", "inverse_trig", "hyperbolic", "inverse_hyperbolic", "general_power", "abs",
    "piecewise", "rewrite", "special",
)  # the contract's rule names; `unknown` (no rule applied) need not appear

FUNCTIONS = {
    "trig": {"sin", "cos", "tan", "cot", "sec", "csc"},
    "inverse_trig": {"asin", "acos", "atan", "acot", "asec", "acsc"},
    "hyperbolic": {"sinh", "cosh", "tanh", "coth", "sech", "csch"},
    "inverse_hyperbolic": {"asinh", "acosh", "atanh", "acoth", "asech", "acsch"},
    "piecewise": {"relu", "sign"},
    "special": {"sigmoid", "softplus"},
    "abs": {"Abs"},
}


def walk(step: dict):
    yield step
    for sub in step["substeps"]:
        yield from walk(sub)


def chain_layers(step: dict) -> int:
    """Layers of function composition along the deepest path: sin(cos(tan(x))) has 3."""
    below = max((chain_layers(s) for s in step["substeps"]), default=0)
    if step["rule"] == "chain":
        return max(below, chain_layers(step["substeps"][1]) + 1, 2)
    return below


def head(expr: str) -> str:
    match = re.match(r"([A-Za-z_]\w*)\(", expr)
    return match.group(1) if match else ""


def features(step: dict) -> set[str]:
    """What one node shows, as `rule` and `rule:detail` strings."""
    rule, expr = step["rule"], step["expr"]
    out = {rule}
    if rule in FUNCTIONS:
        out.add(f"{rule}:{head(expr)}")
    elif rule == "exp":
        out.add("exp:e" if expr.startswith("exp(") else "exp:a^x")
    elif rule == "log":
        base = re.search(r"/log\(([^()]*)\)$", expr)
        out.add(f"log:base {base.group(1)}" if base else "log:ln")
    elif rule == "product":
        out.add("product:2" if len(step["substeps"]) == 2 else "product:3+")
    elif rule == "rewrite":
        power = re.search(r"\*\*\((-?\d+(?:/\d+)?)\)$", expr)
        if expr.startswith("sqrt("):
            out.add("rewrite:sqrt")
        elif power and "/" in power.group(1):
            out.add(f"rewrite:x^({power.group(1)})")
        elif power or expr.startswith("1/"):
            out.add("rewrite:reciprocal")
    elif rule == "general_power":
        out.add(f"general_power:{expr}")
    return out


WANTED = (
    [*RULES]
    + [f"{rule}:{f}" for rule, names in FUNCTIONS.items() for f in sorted(names)]
    + ["exp:e", "exp:a^x", "log:ln", "log:base 2", "log:base 10", "product:2", "product:3+",
       "chain:3+ layers", "rewrite:sqrt", "rewrite:x^(1/3)", "rewrite:reciprocal",
       "general_power:x**x", "general_power:x**sin(x)"]
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(ROOT / "examples.txt"))
    parser.add_argument("--var", default="x")
    args = parser.parse_args(argv)

    lines = [line.strip() for line in Path(args.file).read_text(encoding="utf-8").splitlines()]
    inputs = [line for line in lines if line and not line.startswith("#")]
    proc = subprocess.run([*symdiff_command(), "partial", "--file", args.file, args.var, "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8")
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    failures = [r for r in records if "error" in r]
    problems = []
    if proc.returncode != 0:
        problems.append(f"exit status {proc.returncode}: {proc.stderr.strip()}")
    if len(records) != len(inputs):
        problems.append(f"{len(inputs)} inputs but {len(records)} JSON records")
    for r in failures:
        problems.append(f"line {r.get('line')}: {r.get('input')!r}: {r['error']}")

    seen: Counter[str] = Counter()
    by_feature: dict[str, str] = {}
    layers = 0
    for r in records:
        for tree in r.get("steps", []):
            depth = chain_layers(tree)
            if depth >= 3:
                by_feature.setdefault("chain:3+ layers", r["input"])
            layers = max(layers, depth)
            for step in walk(tree):
                for feature in features(step):
                    seen[feature] += 1
                    by_feature.setdefault(feature, r["input"])
    if layers >= 3:
        seen["chain:3+ layers"] += 1
    # Any log with a base other than e, 2 and 10 (log(x, b)).
    other_bases = [f for f in seen if f.startswith("log:base ") and f not in ("log:base 2", "log:base 10")]
    wanted = [*WANTED, "log:base b (other)"]
    if other_bases:
        seen["log:base b (other)"] += 1
        by_feature["log:base b (other)"] = by_feature[other_bases[0]]

    print(f"{len(inputs)} inputs, {len(records) - len(failures)} succeeded, exit status {proc.returncode}")
    print(f"deepest chain: {layers} layers; 'unknown' nodes: {seen['unknown']}")
    width = max(map(len, wanted))
    missing = [f for f in wanted if not seen[f]]
    for feature in wanted:
        mark = "ok " if seen[feature] else "MISSING"
        first = by_feature.get(feature, "")
        print(f"  {mark:7} {feature:{width}}  {seen[feature]:4} nodes  e.g. {first}")
    covered = sum(1 for r in RULES if seen[r])
    print(f"rules covered: {covered}/{len(RULES)}; finer cases covered: "
          f"{len(wanted) - len(missing)}/{len(wanted)}")
    for problem in problems:
        print("PROBLEM:", problem)
    for feature in missing:
        print("MISSING:", feature)
    return 1 if problems or missing else 0


if __name__ == "__main__":
    sys.exit(main())
