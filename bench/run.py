"""symdiff benchmarks: every figure is a ratio against a baseline measured in the same run.

    python -m bench [--quick] [--markdown] [--cap SECONDS] [--no-symengine] [--json PATH]
    python bench/run.py ...        (the same)
    python -m bench --only cold|batch|grad|swell [--runs 7] [--lines 2000] [--api-lines 700] [--json PATH]

Without --only: the speed table of issue 18 (bench/speed.py), symdiff against SymEngine and bare SymPy
on dense and softmax losses, deep nesting, a 20 000-parameter loss, 2000 varied lines and a cold start;
--markdown prints it as the README's performance table, --quick runs it at tiny sizes (a smoke test).

The earlier parts, one at a time with --only:
(a) cold start: the median wall time of a fresh process running `symdiff partial "3*x**2*y**4" x`
    against `python -c "import sympy; print(sympy.diff(...))"` of the same expression, and
    `symdiff --help` and `symdiff --version` against `python -c "import sympy"`.
(b) batch: about 2000 lines (examples.txt repeated) through `symdiff partial --file ... x --format
    json` in a subprocess, and about 700 of them through `symdiff.partial` in this process, each
    against a bare loop of `sympy.parse_expr` + `sympy.diff` + `str` over the same lines.
(c) grad: `symdiff grad` / `symdiff hessian` on losses with 100, 1000 and 5000 parameters against
    the bare loop `[sympy.diff(f, w) for w in ws]` (bench/grad.py, which also runs on its own).
(d) swell: nested sines against sympy.diff + lambdify (bench/swell.py).

Standard library, SymPy and symdiff only (SymEngine too for the speed table, from the bench extra).
Nothing here asserts a timing; see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples.txt"
COLD_EXPR = "3*x**2*y**4"


def symdiff_command() -> list[str]:
    """The console script installed next to this interpreter (what users run), else `-m symdiff`."""
    for name in ("symdiff", "symdiff.exe"):
        script = Path(sys.executable).parent / name
        if script.exists():
            return [str(script)]
    return [sys.executable, "-m", "symdiff"]


def run_process(cmd: list[str], stdout=subprocess.DEVNULL) -> float:
    """Wall time of one run of `cmd`; a failing command stops the benchmark (a fast failure is no result)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()[-2000:]
        raise SystemExit(f"benchmark command failed with exit status {proc.returncode}: {cmd}\n{err}")
    return elapsed


def read_examples(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


# ---------------------------------------------------------------------------------------------
# (a) cold start


# The goal's baseline for the cold `partial`: load SymPy and differentiate the same expression.
COLD_DIFF = f"import sympy; print(sympy.diff(sympy.sympify('{COLD_EXPR}'), sympy.Symbol('x')))"


def ensure_bytecode() -> bool:
    """Compile symdiff's modules to .pyc files if they are missing or stale; True if that was needed.

    A regular `pip install` does this, and an editable install writes them on its first run, unless
    PYTHONDONTWRITEBYTECODE is set: then every run would compile symdiff from source (~40 ms of
    each cold start) while SymPy, Typer and Rich load from the .pyc files pip wrote, and the
    warm-up round could not help. Compiling once makes both sides load bytecode."""
    import compileall
    import importlib.util

    import symdiff

    package = Path(symdiff.__file__).resolve().parent

    def stale(source: Path) -> bool:
        # Missing, or older than its source: a module edited since (in a worktree with
        # PYTHONDONTWRITEBYTECODE set) would otherwise compile on every run of every row.
        compiled = Path(importlib.util.cache_from_source(str(source)))
        return not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime

    missing = any(stale(f) for f in package.rglob("*.py"))
    if missing:
        compileall.compile_dir(str(package), quiet=1)
    return missing


def cold_start(symdiff: list[str], runs: int) -> list[dict]:
    commands = {
        "baseline": [sys.executable, "-c", "import sympy"],
        "diff": [sys.executable, "-c", COLD_DIFF],
        "interpreter": [sys.executable, "-c", "pass"],
        "partial": [*symdiff, "partial", COLD_EXPR, "x"],
        "help": [*symdiff, "--help"],
        "version": [*symdiff, "--version"],
    }
    samples: dict[str, list[float]] = defaultdict(list)
    # Interleaved rounds, so that drift in the machine's load hits every command alike; round 0 is
    # the warm-up (file-system cache, .pyc files) and is thrown away.
    for round_ in range(runs + 1):
        for name, cmd in commands.items():
            elapsed = run_process(cmd)
            if round_:
                samples[name].append(elapsed)
    rows = []
    for name, label, against in (
            ("partial", f'cold: symdiff partial "{COLD_EXPR}" x', "diff"),
            ("partial", f'(info) the same against import sympy', "baseline"),
            ("help", "cold: symdiff --help", "baseline"), ("version", "cold: symdiff --version", "baseline")):
        t = statistics.median(samples[name])
        base = statistics.median(samples[against])
        rows.append({"name": label, "symdiff_s": t, "baseline_s": base, "ratio": t / base,
                     "baseline": f'python -c "{COLD_DIFF}"' if against == "diff" else 'python -c "import sympy"',
                     "samples_s": samples[name], "baseline_samples_s": samples[against]})
    rows.append({"name": "(info) python -c pass", "symdiff_s": None,
                 "baseline_s": statistics.median(samples["interpreter"]), "ratio": None,
                 "baseline": "interpreter start-up alone", "samples_s": samples["interpreter"]})
    return rows


# ---------------------------------------------------------------------------------------------
# (b) batch


def prepare_batch(symdiff: list[str], examples: Path, target_lines: int, workdir: Path):
    """The repeated input file, the matching SymPy-syntax expressions (from symdiff's own JSON
    `expr`, so the baseline differentiates the very same expressions) and their SymPy namespace."""
    inputs = read_examples(examples)
    proc = subprocess.run([*symdiff, "partial", "--file", str(examples), "x", "--format", "json"],
                          capture_output=True)
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]
    if proc.returncode != 0 or len(records) != len(inputs) or any("error" in r for r in records):
        raise SystemExit(f"{examples}: not every line succeeds (exit status {proc.returncode}); "
                         f"run bench/check_examples.py")
    exprs = [r["expr"] for r in records]

    repeat = max(1, round(target_lines / len(inputs)))
    batch_inputs = inputs * repeat
    batch_exprs = exprs * repeat
    batch_file = workdir / "batch.txt"
    batch_file.write_text("\n".join(batch_inputs) + "\n", encoding="utf-8")
    return inputs, exprs, batch_inputs, batch_exprs, batch_file


def write_json(path: Path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {path}")


def baseline_namespace(exprs: list[str]) -> dict:
    """Real symbols, as symdiff uses, and the three functions SymPy lacks."""
    import sympy

    from symdiff.scalar.functions import relu, sigmoid, softplus

    namespace = {"relu": relu, "sigmoid": sigmoid, "softplus": softplus}
    names = set()
    for text in exprs:
        names |= {s.name for s in sympy.parse_expr(text, local_dict=dict(namespace)).free_symbols}
    namespace.update({name: sympy.Symbol(name, real=True) for name in names})
    return namespace


def baseline_loop(exprs: list[str], namespace: dict, var) -> float:
    import sympy

    start = time.perf_counter()
    for text in exprs:
        str(sympy.diff(sympy.parse_expr(text, local_dict=namespace), var))
    return time.perf_counter() - start


def api_loop(inputs: list[str], per_input: dict[str, float] | None = None) -> float:
    from symdiff import partial

    clock = time.perf_counter
    start = clock()
    for text in inputs:
        t0 = clock()
        partial(text, "x")
        if per_input is not None:
            per_input[text] += clock() - t0
    return clock() - start


def batch(symdiff: list[str], examples: Path, target_lines: int, api_lines: int) -> tuple[list[dict], dict]:
    with tempfile.TemporaryDirectory(prefix="symdiff-bench-") as tmp:
        inputs, exprs, batch_inputs, batch_exprs, batch_file = prepare_batch(
            symdiff, examples, target_lines, Path(tmp))
        n = len(batch_inputs)
        # The in-process run takes whole repeats of the examples (the same mix of expressions),
        # fewer of them than the CLI run by default: at ~30 ms a line it would otherwise dominate
        # the suite's time, and its baseline is measured over exactly the same lines.
        api_repeat = min(n // len(inputs), max(1, round(api_lines / len(inputs))))
        api_inputs, api_exprs = inputs * api_repeat, exprs * api_repeat
        m = len(api_inputs)

        namespace = baseline_namespace(exprs)
        x = namespace["x"]
        # Warm-up, untimed: first calls import SymPy's lazily loaded modules (simplify, polys...).
        baseline_loop(exprs, namespace, x)
        api_loop(inputs)

        base = baseline_loop(batch_exprs, namespace, x)
        api_base = base if m == n else baseline_loop(api_exprs, namespace, x)
        per_input: dict[str, float] = defaultdict(float)
        api = api_loop(api_inputs, per_input)
        with open(os.devnull, "wb") as devnull:
            cli = run_process([*symdiff, "partial", "--file", str(batch_file), "x", "--format", "json"],
                              stdout=devnull)

    baseline_label = "sympy parse_expr + diff + str, in-process loop"
    rows = [
        {"name": f"batch: symdiff partial --file ({n} lines) --format json", "symdiff_s": cli,
         "baseline_s": base, "ratio": cli / base, "baseline": baseline_label, "lines": n},
        {"name": f"batch: symdiff.partial() in-process ({m} lines)", "symdiff_s": api,
         "baseline_s": api_base, "ratio": api / api_base, "baseline": baseline_label, "lines": m},
    ]
    total = sum(per_input.values())
    slowest = sorted(per_input.items(), key=lambda kv: kv[1], reverse=True)[:8]
    info = {
        "unique_inputs": len(inputs),
        "cli_repeat": n // len(inputs),
        "api_repeat": api_repeat,
        "cli_ms_per_line": 1000 * cli / n,
        "api_ms_per_line": 1000 * api / m,
        "baseline_ms_per_line": 1000 * base / n,
        "cli_over_api_per_line": (cli / n) / (api / m),
        "slowest_inputs": [{"input": text, "share": t / total, "ms_per_call": 1000 * t / api_repeat}
                           for text, t in slowest],
    }
    return rows, info


# ---------------------------------------------------------------------------------------------
# Report


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 10:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.1f} s" if seconds < 100 else f"{seconds:.0f} s"


def fmt_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "-"
    return f"{ratio:.2f}x" if ratio >= 0.1 else f"{ratio:.2g}x"  # 0.047x, 0.00031x


def print_table(rows: list[dict], headers=("benchmark", "symdiff", "baseline", "ratio")) -> None:
    """One row a benchmark; a row's `goal` (a ratio) is printed after its ratio."""
    table = [(r["name"], fmt_time(r["symdiff_s"]), fmt_time(r["baseline_s"]),
              fmt_ratio(r["ratio"]) + (f" (goal <= {r['goal']}x)" if "goal" in r else "")) for r in rows]
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths)))
    print(line)
    print("-" * len(line))
    for row in table:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))


def _grad_module():
    """bench/grad.py, whether this file runs as `python -m bench` or as `python bench/run.py`."""
    try:
        from bench import grad
    except ImportError:  # python bench/run.py: bench/ itself is first on sys.path
        import grad
    return grad


def _swell_module():
    try:
        from bench import swell
    except ImportError:
        import swell
    return swell


def _speed_module():
    try:
        from bench import speed
    except ImportError:
        import speed
    return speed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="symdiff benchmarks (ratios to "
                                     "baselines measured in the same run). Without --only: the speed table "
                                     "(bench/speed.py).")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per cold-start command (default 7, "
                        "after 1 warm-up)")
    parser.add_argument("--lines", type=int, default=2000, help="approximate batch size of the CLI run and "
                        "its baseline (default 2000)")
    parser.add_argument("--api-lines", type=int, default=700, help="approximate batch size of the in-process "
                        "run and its baseline (default 700)")
    parser.add_argument("--examples", type=Path, default=EXAMPLES, help="the expressions (default examples.txt)")
    parser.add_argument("--only", choices=("cold", "batch", "grad", "swell"), help="run one of the earlier "
                        "parts instead of the speed table")
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the figures to PATH as JSON")
    table = parser.add_argument_group("the speed table (without --only)")
    table.add_argument("--quick", action="store_true", help="tiny sizes, one run each: a smoke test of the "
                       "harness (its ratios mean little)")
    table.add_argument("--markdown", action="store_true", help="print the table as the README's performance "
                       "table (Markdown)")
    table.add_argument("--cap", type=float, metavar="SECONDS", help="the most wall time of one run; a run "
                       "over it is killed and reported as over cap (default 120; 600 with --quick)")
    table.add_argument("--no-symengine", action="store_true", help="leave SymEngine out even if installed")
    table.add_argument("--rows", metavar="NAMES", help="run only these rows, comma-separated: a family "
                       "(dense, softmax, nesting, separable, lines, cold) or one row (dense-1000)")
    args = parser.parse_args(argv)
    speed_options = args.quick or args.markdown or args.cap is not None or args.no_symengine or args.rows
    if args.only and speed_options:
        parser.error("--quick, --markdown, --cap, --no-symengine and --rows are options of the speed table, "
                     "not of --only")
    if args.cap is not None and args.cap <= 0:
        parser.error("--cap must be positive")
    if not args.only:
        return _speed_module().main(args)
    if min(args.runs, args.lines, args.api_lines) < 1:
        parser.error("--runs, --lines and --api-lines must be at least 1")

    import sympy

    import symdiff

    started = time.perf_counter()
    command = symdiff_command()
    print(f"symdiff {symdiff.__version__}, SymPy {sympy.__version__}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"symdiff command: {' '.join(command)}\n")

    if ensure_bytecode():
        print("compiled symdiff's modules to .pyc files (missing: PYTHONDONTWRITEBYTECODE is set?), as pip "
              "install does\n")
    rows: list[dict] = []
    info: dict = {}
    if args.only == "cold":
        rows += cold_start(command, args.runs)
    if args.only == "batch":
        batch_rows, info = batch(command, args.examples, args.lines, args.api_lines)
        rows += batch_rows
    grad_info: dict = {}
    if args.only == "grad":
        grad = _grad_module()
        grad_rows, grad_info = grad.grad_benchmark(command)
        rows += grad_rows

    swell_rows: list[dict] = []
    if args.only == "swell":
        swell_rows = _swell_module().swell_benchmark(command)
        rows += swell_rows

    print_table(rows)
    if swell_rows:
        _swell_module().print_notes(swell_rows)
    print("\nratio = symdiff time / baseline time (lower is better; 1.00x = as fast as the baseline).")
    if info:
        print(f"batch: {info['unique_inputs']} example lines, x {info['cli_repeat']} for the CLI run and "
              f"x {info['api_repeat']} in-process; per line: CLI {info['cli_ms_per_line']:.1f} ms, "
              f"in-process {info['api_ms_per_line']:.1f} ms, baseline {info['baseline_ms_per_line']:.2f} ms "
              f"(CLI / in-process = {info['cli_over_api_per_line']:.2f}x)")
        print("slowest inputs (share of in-process batch time, ms per call):")
        for s in info["slowest_inputs"]:
            print(f"  {100 * s['share']:5.1f}%  {s['ms_per_call']:7.1f} ms  {s['input']}")
    if grad_info:
        _grad_module().print_notes(rows, grad_info)
    elapsed = time.perf_counter() - started
    print(f"\ntotal benchmark time: {elapsed:.0f} s")

    if args.json:
        payload = {
            "symdiff": symdiff.__version__, "sympy": sympy.__version__, "python": platform.python_version(),
            "platform": platform.platform(), "cpu_count": os.cpu_count(), "command": command,
            "runs": args.runs, "lines": args.lines, "api_lines": args.api_lines, "results": rows, "batch": info,
            "grad": grad_info, "elapsed_s": elapsed,
        }
        write_json(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
