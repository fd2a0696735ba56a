"""Gradients and Hessians at scale: `symdiff grad` / `symdiff hessian` on losses with n parameters.

    python bench/grad.py [--sizes 100,1000,5000] [--sample 200] [--seed 0] [--json PATH] [--profile]
    python -m bench --only grad ...      (the same rows, inside the suite's table)

For each n, one subprocess `symdiff grad --no-steps --format json --file LOSS` (the loss on one
line of a temporary file) against the bare SymPy loop `[sympy.diff(f, w) for w in ws]` timed in this
process, f being `sympy.parse_expr` of the same text with the same (real) symbols; parse time is not
timed. Two families of loss:

  separable   (1*w0 - 1)**2 + (2*w1 - 2)**2 + ... : every term holds one parameter.
  linear+L2   sum_i (x_i*w_i + b - y_i)**2 + 0.01*w_i**2 with numeric x_i, y_i: the shared bias b
              is in every term, so symdiff's term index gives ∂f/∂b all n of them (timed on its own
              in an extra row, in-process).

Where the bare loop would take minutes (it is quadratic in n) it is timed on a random sample of the
variables and scaled up linearly; those rows say "extrapolated". The Hessian rows do the same with a
sample of rows of `[[sympy.diff(f, wi, wj) for wj in ws] for wi in ws]`.

Standard library, SymPy and symdiff only. Nothing here asserts a timing; see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # python bench/grad.py (or bench/run.py importing this file directly)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import print_table, symdiff_command, write_json  # noqa: E402

SIZES = (100, 1000, 5000)
HESSIAN_SIZES = (100, 1000)
GOAL_N, GOAL_RATIO = 1000, 0.10
# Options of every symdiff run: the benchmark measures time, so the per-expression limits of the
# worker pool (default --timeout 10 s, --memory 1024 MiB) are lifted; the notes under the table say
# which runs would fail under the defaults (peak memory, wall time).
LIMIT_OPTIONS = ("--timeout", "3600", "--memory", "0")
DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT_S = 1024, 10.0
# A CLI run shorter than this is repeated (3 runs, median): start-up noise matters at that size.
REPEAT_BELOW_S = 2.0


# ---------------------------------------------------------------------------------------------
# Losses: the text symdiff reads, and its top-level terms (the baseline parses those one by one and
# adds them in one go, because Python's compiler overflows its recursion limit on a flat sum of 10 000
# terms; the sum is the same expression, checked against parse_expr of the whole text and against
# symdiff.parse at the smallest n).


def separable(n: int, rng: random.Random) -> tuple[list[str], str]:
    terms = [f"({i % 7 + 1}*w{i} - {i % 9 + 1})**2" for i in range(n)]
    return terms, " + ".join(terms)


def linear_l2(n: int, rng: random.Random) -> tuple[list[str], str]:
    """Squared error of y ≈ x*w + b, one weight per data point, plus 0.01*w**2 (L2). Written
    without spaces: at n = 5000 the line is about 190 000 characters, under symdiff's 200 000."""
    terms = []
    for i in range(n):
        x = rng.choice((-1, 1)) * rng.randint(5, 200) / 100
        y = rng.randint(-200, 200) / 100
        terms.append(f"({x:.2f}*w{i}+b{'-' if y >= 0 else '+'}{abs(y):.2f})**2")
        terms.append(f"0.01*w{i}**2")
    return terms, "+".join(terms)


FAMILIES = {"separable": separable, "linear+L2": linear_l2}


def variables(family: str, n: int) -> list[str]:
    """The gradient's variables in symdiff's order (natural sort: b, w0, w1, ..., w10, ...)."""
    return (["b"] if family == "linear+L2" else []) + [f"w{i}" for i in range(n)]


def baseline_expr(terms: list[str], names: list[str]):
    import sympy
    from sympy.parsing.sympy_parser import parse_expr, rationalize, standard_transformations

    # Real symbols, as symdiff uses; `rationalize` reads 0.37 as 37/100, as symdiff does.
    namespace = {name: sympy.Symbol(name, real=True) for name in names}
    transformations = standard_transformations + (rationalize,)
    f = sympy.Add(*(parse_expr(t, local_dict=namespace, transformations=transformations) for t in terms))
    return f, namespace, transformations


def check_same_expression(f, text: str, namespace: dict, transformations) -> None:
    import sympy
    from sympy.parsing.sympy_parser import parse_expr

    import symdiff

    whole = parse_expr(text, local_dict=dict(namespace), transformations=transformations)
    ours = symdiff.parse(text)
    if not (f == whole == ours):
        raise SystemExit(f"the baseline does not differentiate symdiff's expression:\n  {sympy.sstr(f)[:300]}\n"
                         f"  {sympy.sstr(ours)[:300]}")


# ---------------------------------------------------------------------------------------------
# symdiff, as a subprocess


def run_cli(cmd: list[str], stdout_path: str) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB; the process and the workers it waited for)."""
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip()[-2000:]
            raise SystemExit(f"benchmark command failed with exit status {code}: {' '.join(cmd[:3])} ...\n"
                             f"{message}")
    return elapsed, usage.ru_maxrss


def symdiff_run(command: list[str], kind: str, text: str, workdir: Path) -> dict:
    """`symdiff KIND --no-steps --format json --file LOSS`: the first run's JSON is kept for the
    checks (a file instead of /dev/null: running a minute-long case twice to check it is no
    option); short runs are repeated with output to /dev/null and the median is taken."""
    loss = workdir / "loss.txt"
    loss.write_text(text + "\n", encoding="utf-8")
    cmd = [*command, kind, "--no-steps", "--format", "json", "--file", str(loss), *LIMIT_OPTIONS]
    out = workdir / "out.json"
    elapsed, rss = run_cli(cmd, str(out))
    samples = [elapsed]
    if elapsed < REPEAT_BELOW_S:
        for _ in range(2):
            t, r = run_cli(cmd, os.devnull)
            samples.append(t)
            rss = max(rss, r)
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(lines) != 1:
        raise SystemExit(f"symdiff {kind}: expected one JSON record, got {len(lines)}")
    record = json.loads(lines[0])
    if "error" in record:
        raise SystemExit(f"symdiff {kind} failed on the loss: {record['error']}")
    return {"seconds": statistics.median(samples), "samples_s": samples, "peak_rss_kib": rss,
            "record": record, "output_bytes": out.stat().st_size}


def check_gradient(record: dict, names: list[str], f, namespace: dict, sample: list[str]) -> None:
    """The gradient has one entry per variable, in order, and a few of them agree with SymPy."""
    import sympy

    gradient = record.get("gradient") or []
    if len(gradient) != len(names) or record.get("vars") != names:
        raise SystemExit(f"symdiff grad: expected {len(names)} partials in order, got {len(gradient)}")
    position = {name: k for k, name in enumerate(names)}
    for name in sample[:5]:
        ours = sympy.parse_expr(gradient[position[name]], local_dict=dict(namespace))
        if sympy.expand(ours - sympy.diff(f, namespace[name])) != 0:
            raise SystemExit(f"symdiff grad: ∂f/∂{name} = {gradient[position[name]]} disagrees with SymPy")


def check_hessian(record: dict, names: list[str]) -> None:
    """A separable loss has a diagonal Hessian: n nonzero entries, all on the diagonal."""
    n = len(names)
    nonzero = record.get("nonzero") or []
    if record.get("vars") != names or len(nonzero) != n or any(i != j for i, j, _ in nonzero):
        raise SystemExit(f"symdiff hessian: expected {n} nonzero entries on the diagonal, got {len(nonzero)}")
    matrix = record.get("hessian")  # dense only up to 500 variables
    if matrix is not None and (len(matrix) != n or any(len(row) != n for row in matrix)):
        raise SystemExit(f"symdiff hessian: expected a {n}x{n} matrix")


# ---------------------------------------------------------------------------------------------
# The bare SymPy loops, in this process


def time_gradient_loop(f, symbols: list) -> float:
    import sympy

    start = time.perf_counter()
    [sympy.diff(f, w) for w in symbols]
    return time.perf_counter() - start


def time_hessian_loop(f, rows: list, columns: list) -> float:
    import sympy

    start = time.perf_counter()
    [[sympy.diff(f, wi, wj) for wj in columns] for wi in rows]
    return time.perf_counter() - start


def gradient_sample_size(family: str, n: int, sample: int) -> int:
    """How many variables the bare loop is timed on (n: all of them). Each sympy.diff(f, w) costs
    time linear in n, so the loop is quadratic: the whole loop up to n = 1000 for the separable loss
    (~30 s there), `sample` variables past it; the linear+L2 loss (two terms a parameter, b in
    every term) is ~3x dearer a call, so its sample shrinks as 1/n."""
    if family == "separable":
        return n if n <= 1000 else min(n, sample)
    return n if n <= 200 else max(20, min(n, 200_000 // n))


def hessian_sample(n: int) -> tuple[int, int]:
    """(rows, columns) of the Hessian loop timed: 50 whole rows at n = 100. At n = 1000 one entry
    costs about what one gradient entry does (10-30 ms: it differentiates all of f by wi first), so a
    single row takes 10-30 s and 50 rows 10 minutes: 5 random rows, 100 random columns of each (in
    order, so that consecutive entries of a row share SymPy's cache as in the whole loop)."""
    if n <= 200:
        return min(n, 50), n
    return 5, 100


# ---------------------------------------------------------------------------------------------


def gradient_rows(command: list[str], sizes, sample: int, seed: int, workdir: Path) -> tuple[list[dict], list[dict]]:
    import sympy
    from sympy.core.cache import clear_cache

    import symdiff

    rows, b_rows = [], []
    for family, build in FAMILIES.items():
        for n in sizes:
            rng = random.Random(f"{seed}-{family}-{n}")
            terms, text = build(n, rng)
            names = variables(family, n)
            clear_cache()
            f, namespace, transformations = baseline_expr(terms, names)
            if n == min(sizes):
                check_same_expression(f, text, namespace, transformations)

            weights = [name for name in names if name != "b"]
            k = gradient_sample_size(family, n, sample)
            if k >= len(weights):
                timed = names
            else:
                timed = sorted(rng.sample(weights, k), key=lambda s: int(s[1:]))
            base = time_gradient_loop(f, [namespace[s] for s in timed])
            sampled = k < len(weights)
            estimate = base * len(weights) / k if sampled else base
            if not sampled:
                label = ""
            elif family == "separable":
                label = f" (baseline extrapolated from {k} of {n})"
            else:  # b is not in the sample; its own time is added below where it is measured
                label = f" (baseline extrapolated from {k} of {n} weights; ∂f/∂b not timed)"

            b_row = None
            if family != "separable" and n <= 1000:
                # ∂f/∂b on its own, in-process on both sides: symdiff's gradient restricted to b
                # (term index over the parsed f, the partial by the rules engine, the textbook form)
                # against sympy.diff(f, b). Past n = 1000 it is left out for time (sympy takes ~20 s).
                # SymPy's cache would otherwise hand back the ∂f/∂b the loop above computed.
                b = namespace["b"]
                clear_cache()
                t0 = time.perf_counter()
                ours = symdiff.gradient(f, vars=["b"], steps=False)
                sym_b = time.perf_counter() - t0
                clear_cache()
                t0 = time.perf_counter()
                theirs = sympy.diff(f, b)
                base_b = time.perf_counter() - t0
                if sympy.expand(ours.gradient[0] - theirs) != 0:
                    raise SystemExit("symdiff's ∂f/∂b disagrees with SymPy")
                if sampled:  # b was not in the sampled loop: add its measured time
                    estimate += base_b
                    label = f" (baseline extrapolated from {k} of {n} weights, plus ∂f/∂b)"
                b_row = {"name": f"  ∂f/∂b alone, in-process, n={n} (b in all {n} terms)", "symdiff_s": sym_b,
                         "baseline_s": base_b, "ratio": sym_b / base_b, "family": family, "n": n,
                         "baseline": "sympy.diff(f, b), in-process",
                         "symdiff": 'symdiff.gradient(f, vars=["b"], steps=False), f already parsed'}

            run = symdiff_run(command, "grad", text, workdir)
            check_gradient(run["record"], names, f, namespace, timed if sampled else weights[::max(1, n // 5)])
            params = f"n={n}" if family == "separable" else f"n={n} weights + b"
            goal = "  <- goal <= 0.10x" if family == "separable" and n == GOAL_N else ""
            rows.append({
                "name": f"grad: {family}, {params}{label}{goal}", "symdiff_s": run["seconds"],
                "baseline_s": estimate, "ratio": run["seconds"] / estimate, "family": family, "n": n,
                "parameters": len(names), "characters": len(text), "terms": len(terms),
                "baseline": "[sympy.diff(f, w) for w in ws], in-process, parse not timed",
                "baseline_timed_variables": len(timed), "baseline_measured_s": base,
                "extrapolated": sampled, "symdiff_samples_s": run["samples_s"],
                "symdiff_peak_rss_mib": run["peak_rss_kib"] / 1024, "output_bytes": run["output_bytes"],
            })
            if b_row:
                b_rows.append(b_row)
            del f
    return rows, b_rows


def hessian_rows(command: list[str], sizes, seed: int, workdir: Path) -> list[dict]:
    from sympy.core.cache import clear_cache

    rows = []
    for n in sizes:
        rng = random.Random(f"{seed}-hessian-{n}")
        terms, text = separable(n, rng)
        names = variables("separable", n)
        clear_cache()
        f, namespace, _ = baseline_expr(terms, names)
        symbols = [namespace[s] for s in names]
        r, c = hessian_sample(n)
        rows_timed = sorted(rng.sample(range(n), r))
        cols_timed = list(range(n)) if c >= n else sorted(rng.sample(range(n), c))
        base = time_hessian_loop(f, [symbols[i] for i in rows_timed], [symbols[j] for j in cols_timed])
        estimate = base * (n * n) / (r * len(cols_timed))
        if c >= n:
            label = f" (baseline extrapolated from {r} of {n} rows)" if r < n else ""
        else:
            label = f" (baseline extrapolated from {r}x{len(cols_timed)} of {n}x{n} entries)"
        run = symdiff_run(command, "hessian", text, workdir)
        check_hessian(run["record"], names)
        rows.append({
            "name": f"hessian: separable, n={n}{label}", "symdiff_s": run["seconds"], "baseline_s": estimate,
            "ratio": run["seconds"] / estimate, "family": "separable", "n": n, "characters": len(text),
            "baseline": "[[sympy.diff(f, wi, wj) for wj in ws] for wi in ws], in-process, parse not timed",
            "baseline_timed_entries": r * len(cols_timed), "baseline_measured_s": base,
            "extrapolated": r * len(cols_timed) < n * n, "symdiff_samples_s": run["samples_s"],
            "symdiff_peak_rss_mib": run["peak_rss_kib"] / 1024, "output_bytes": run["output_bytes"],
        })
        del f
    return rows


def grad_benchmark(command: list[str], sizes=SIZES, hessian_sizes=HESSIAN_SIZES, sample: int = 200,
                   seed: int = 0) -> tuple[list[dict], dict]:
    """The rows of the table (gradient rows, the ∂f/∂b rows, Hessian rows) and extra figures."""
    import sympy

    sympy.diff(sympy.Symbol("x") ** 2, sympy.Symbol("x"))  # warm-up: SymPy's lazily imported modules
    with tempfile.TemporaryDirectory(prefix="symdiff-bench-grad-") as tmp:
        grad, b_rows = gradient_rows(command, sizes, sample, seed, Path(tmp))
        hess = hessian_rows(command, hessian_sizes, seed, Path(tmp))
    goal = next((r for r in grad if r["family"] == "separable" and r["n"] == GOAL_N), None)
    info = {
        "goal": None if goal is None else {"n": GOAL_N, "target_ratio": GOAL_RATIO, "ratio": goal["ratio"],
                                           "met": goal["ratio"] <= GOAL_RATIO},
        "peak_rss_mib": {r["name"]: r["symdiff_peak_rss_mib"] for r in grad + hess},
        "default_memory_mib": DEFAULT_MEMORY_MIB, "default_timeout_s": DEFAULT_TIMEOUT_S,
    }
    return grad + b_rows + hess, info


def print_notes(rows: list[dict], info: dict) -> None:
    goal = info.get("goal")
    if goal:
        verdict = "met" if goal["met"] else "NOT met"
        print(f"goal: symdiff grad at n={goal['n']} (separable) at most {goal['target_ratio']:.2f}x the bare "
              f"loop: {verdict} ({goal['ratio']:.3f}x, {1 / goal['ratio']:.1f} times faster)")
    print("symdiff times are whole CLI runs (start-up, parsing, the term index, tidying every partial, "
          "JSON with LaTeX); baselines\nare the bare SymPy loops in-process, without parsing. "
          "'extrapolated' rows time a random sample of the loop and scale it up linearly.")
    runs = [r for r in rows if "symdiff_peak_rss_mib" in r]
    print("peak memory of each symdiff run (MiB): " + "; ".join(
        f"{r['name'].split(':')[0]} {r['family']} n={r['n']}: {r['symdiff_peak_rss_mib']:.0f}" for r in runs))
    for r in runs:
        name = r["name"].split(" (")[0].split("  <-")[0]
        if r["symdiff_peak_rss_mib"] > info["default_memory_mib"]:
            print(f"  {name} needs more than the default --memory {info['default_memory_mib']} MiB: it fails "
                  f"with symdiff's default limits (this benchmark passes --memory 0)")
        if r["symdiff_s"] > info["default_timeout_s"]:
            print(f"  {name} takes longer than the default --timeout {info['default_timeout_s']:g} s: it fails "
                  f"with symdiff's default limits (this benchmark passes --timeout 3600)")


def tree_state() -> str | None:
    """The commit measured, and whether symdiff's files had uncommitted changes (None without git)."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "symdiff"], cwd=root, capture_output=True,
                               text=True)
    except OSError:
        return None
    if head.returncode != 0:
        return None
    changed = len([line for line in dirty.stdout.splitlines() if line.strip()])
    return head.stdout.strip() + (f" + uncommitted changes in {changed} symdiff/ files" if changed else "")


# ---------------------------------------------------------------------------------------------
# --profile: where symdiff's time goes at the largest n, in-process


def profile(sizes, seed: int, top: int = 12) -> None:
    import cProfile
    import pstats

    import symdiff

    n = max(sizes)
    for family, build in FAMILIES.items():
        _, text = build(n, random.Random(f"{seed}-{family}-{n}"))
        symdiff.gradient("(w0 - 1)**2 + (b*w1 - 2)**2", steps=False)  # warm-up
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        result = symdiff.gradient(text, steps=False)
        profiler.disable()
        elapsed = time.perf_counter() - start
        t0 = time.perf_counter()
        json.dumps(result.to_dict(steps=False))
        render = time.perf_counter() - t0
        print(f"\nprofile: symdiff.gradient(text, steps=False), {family}, n={n}: {elapsed:.1f} s under cProfile; "
              f"then rendering the JSON record (to_dict + dumps, not profiled): {render:.1f} s")
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/grad.py", description="symdiff grad/hessian at scale "
                                     "against bare SymPy loops (ratios to baselines measured in the same run).")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="parameter counts of the gradient rows (default 100,1000,5000)")
    parser.add_argument("--hessian-sizes", default=",".join(map(str, HESSIAN_SIZES)),
                        help="parameter counts of the Hessian rows (default 100,1000; empty: none)")
    parser.add_argument("--sample", type=int, default=200, help="variables the separable bare loop is timed "
                        "on past n=1000, then extrapolated (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="for the data of the linear+L2 loss and the samples")
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the figures to PATH as JSON")
    parser.add_argument("--profile", action="store_true", help="also profile symdiff.gradient in-process at the "
                        "largest n (adds a few minutes)")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        hessian_sizes = [int(s) for s in args.hessian_sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes and --hessian-sizes take comma-separated integers")
    if not sizes or min(sizes + hessian_sizes) < 2 or args.sample < 1:
        parser.error("sizes must be at least 2, --sample at least 1")

    import sympy

    import symdiff

    started = time.perf_counter()
    command = symdiff_command()
    print(f"symdiff {symdiff.__version__}, SymPy {sympy.__version__}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
    tree = tree_state()
    print(f"symdiff command: {' '.join(command)}" + (f" (tree: {tree})" if tree else "") + "\n")
    rows, info = grad_benchmark(command, sizes, hessian_sizes, args.sample, args.seed)
    print_table(rows)
    print("\nratio = symdiff time / baseline time (lower is better; 1.00x = as fast as the baseline).")
    print_notes(rows, info)
    elapsed = time.perf_counter() - started
    print(f"\ntotal benchmark time: {elapsed:.0f} s")
    if args.profile:
        profile(sizes, args.seed)

    if args.json:
        payload = {
            "symdiff": symdiff.__version__, "sympy": sympy.__version__, "python": platform.python_version(),
            "platform": platform.platform(), "cpu_count": os.cpu_count(), "command": command, "tree": tree,
            "limit_options": list(LIMIT_OPTIONS), "sizes": sizes, "hessian_sizes": hessian_sizes,
            "sample": args.sample, "seed": args.seed, "results": rows, "grad": info, "elapsed_s": elapsed,
        }
        write_json(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
