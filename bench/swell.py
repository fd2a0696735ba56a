"""Expression swell: x*sin(x + x*sin(x + …)) nested D deep, differentiated and evaluated at x = 0.5.

    python bench/swell.py            # or: python -m bench --only swell

Rows (each a ratio against a baseline timed in the same run, as a fresh process):
- depth 30: `symdiff partial … x --at x=0.5` (every step shown, text) and the same with --no-steps,
  against `python -c` of `sympy.diff` + `lambdify(…)(0.5)` at the same depth. (SymPy's `evalf(subs=…)`
  of that result takes over a minute already at depth 15, so the baseline is given lambdify's help.)
- depth 40: the same symdiff commands against `python -c "import sympy"`; the issue's goal is under
  2 seconds of wall time here (bare `sympy.diff` at depth 40 runs for over a minute, so it is not run).
"""

from __future__ import annotations

import statistics
import sys

try:
    from bench.run import run_process, symdiff_command
except ImportError:  # python bench/swell.py
    from run import run_process, symdiff_command

GOAL_S = 2.0


def nested(depth: int) -> str:
    e = "x"
    for _ in range(depth):
        e = f"x*sin(x + {e})"
    return e


def _baseline(depth: int) -> str:
    return ("import sympy\nx = sympy.Symbol('x')\ne = x\n"
            f"for _ in range({depth}):\n    e = x*sympy.sin(x + e)\n"
            "d = sympy.diff(e, x)\nprint(sympy.lambdify(x, d, 'math')(0.5))\n")


def swell_benchmark(symdiff: list[str], runs: int = 3) -> list[dict]:
    commands = {
        "steps30": [*symdiff, "partial", nested(30), "x", "--at", "x=0.5"],
        "nosteps30": [*symdiff, "partial", nested(30), "x", "--at", "x=0.5", "--no-steps"],
        "diff30": [sys.executable, "-c", _baseline(30)],
        "steps40": [*symdiff, "partial", nested(40), "x", "--at", "x=0.5"],
        "nosteps40": [*symdiff, "partial", nested(40), "x", "--at", "x=0.5", "--no-steps"],
        "json40": [*symdiff, "partial", nested(40), "x", "--at", "x=0.5", "--format", "json"],
        "import": [sys.executable, "-c", "import sympy"],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(runs + 1):  # round 0 warms up
        for name, cmd in commands.items():
            elapsed = run_process(cmd)
            if round_:
                samples[name].append(elapsed)
    med = {name: statistics.median(s) for name, s in samples.items()}
    rows = []
    for name, label, against, base_label in (
            ("steps30", "swell: depth 30, steps + --at", "diff30", "sympy.diff + lambdify at depth 30"),
            ("nosteps30", "swell: depth 30, --no-steps --at", "diff30", "sympy.diff + lambdify at depth 30"),
            ("steps40", "swell: depth 40, steps + --at", "import", 'python -c "import sympy"'),
            ("nosteps40", "swell: depth 40, --no-steps --at", "import", 'python -c "import sympy"'),
            ("json40", "swell: depth 40, --format json --at", "import", 'python -c "import sympy"')):
        rows.append({"name": label, "symdiff_s": med[name], "baseline_s": med[against],
                     "ratio": med[name] / med[against], "baseline": base_label,
                     "goal_met": med[name] < GOAL_S if name.endswith("40") else None,
                     "samples_s": samples[name], "baseline_samples_s": samples[against]})
    return rows


def print_notes(rows: list[dict]) -> None:
    for r in rows:
        if r.get("goal_met") is not None:
            verdict = "met" if r["goal_met"] else "NOT met"
            print(f"{r['name']}: {r['symdiff_s']:.2f} s wall time, goal under {GOAL_S:.0f} s: {verdict}")


def main() -> int:
    try:
        from bench.run import print_table
    except ImportError:
        from run import print_table
    rows = swell_benchmark(symdiff_command())
    print_table(rows)
    print_notes(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
