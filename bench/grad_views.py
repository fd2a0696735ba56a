"""The human views of a big gradient against its JSON: `symdiff grad` with steps on a loss of n parameters.

    python bench/grad_views.py [--sizes 300,1000,3000] [--formats text,markdown] [--family separable]
                               [--tree PATH ...] [--json PATH]

For each n, one subprocess `symdiff grad --format F --file LOSS` (steps shown, as a user asks for them)
for F = json and each human format, and the bare SymPy loop `[sympy.diff(f, w) for w in ws]` timed in
this process on the same loss (real symbols, parse not timed; past n = 1000 on a sample of the
variables, scaled up, as in bench/grad.py). The ratios printed: each format's CPU time over JSON's
(the cost of the view beyond the record: the steps are the same trees), and each over the bare loop.
CPU time is the process's and its worker's (getrusage inside the process, after the batch), so that a
loaded machine moves the ratios less than wall time; the wall time is printed beside it.

`--tree PATH` (repeatable) runs symdiff from that source tree instead of the installed one (PYTHONPATH),
to compare two versions in one run: `git archive COMMIT | tar -x -C /tmp/before`, then
`--tree /tmp/before --tree .`.

Families: `separable` (c·w_i − d)² (bench/grad.py's), `data` (w_i·x_i − y_i)² with x_i and y_i
variables too (3n variables). Standard library, SymPy and symdiff only. Nothing here asserts a
timing; each view's output is checked to end with the last partial.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # python bench/grad_views.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.grad import baseline_expr, separable, time_gradient_loop  # noqa: E402
from bench.run import print_table, write_json  # noqa: E402

SIZES = (300, 1000, 3000)
FORMATS = ("text", "markdown")
LIMITS = ("--timeout", "3600", "--memory", "0")
# Past this many variables the bare loop (quadratic: each diff walks all of f) is timed on a sample.
WHOLE_LOOP_MAX, SAMPLE = 1000, 200


def data_family(n: int, rng: random.Random) -> tuple[list[str], str]:
    terms = [f"(w{i}*x{i} - y{i})**2" for i in range(n)]
    return terms, " + ".join(terms)


FAMILIES = {"separable": separable, "data": data_family}


def names_of(family: str, n: int) -> list[str]:
    if family == "separable":
        return [f"w{i}" for i in range(n)]
    return [f"{c}{i}" for i in range(n) for c in "wxy"]


def run(tree: str | None, fmt: str, loss: Path, out: Path) -> tuple[float, float]:
    """(CPU seconds of symdiff and its workers, wall seconds) of one `symdiff grad` run."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(Path(tree).resolve())
    cmd = [sys.executable, "-c", _MEASURED, str(out) + ".cpu", "grad", "--format", fmt, "--file", str(loss), *LIMITS]
    with open(out, "wb") as stdout, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        # run outside the repository: `python -c` puts the working directory first on sys.path,
        # which would import the checkout's symdiff whatever --tree says
        proc = subprocess.run(cmd, stdout=stdout, stderr=err, env=env, cwd=out.parent)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"symdiff grad --format {fmt} failed:\n{err.read().decode('utf-8', 'replace')[-2000:]}")
    return float(Path(str(out) + ".cpu").read_text()), wall


# symdiff's CLI with its CPU time written to a file: its own and its reaped worker's, read inside the
# process once the batch is over (a wait4 around the process missed the worker's, ended at exit).
_MEASURED = """
import resource, sys
from symdiff.app.cli import main
path = sys.argv[1]
sys.argv = ["symdiff"] + sys.argv[2:]
try:
    main()
except SystemExit as end:
    code = end.code
else:
    code = 0
used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
open(path, "w").write(str(sum(u.ru_utime + u.ru_stime for u in used)))
sys.exit(code)
"""


def bare_loop(terms: list[str], names: list[str], rng: random.Random) -> tuple[float, str]:
    """CPU seconds of [sympy.diff(f, w) for w in ws] (scaled up from a sample past WHOLE_LOOP_MAX)."""
    from sympy.core.cache import clear_cache

    clear_cache()
    f, namespace, _ = baseline_expr(terms, names)
    timed = names if len(names) <= WHOLE_LOOP_MAX else rng.sample(names, SAMPLE)
    start = time.process_time()
    time_gradient_loop(f, [namespace[s] for s in timed])
    seconds = time.process_time() - start
    note = "" if timed is names else f" (from {len(timed)} of {len(names)})"
    return seconds * len(names) / len(timed), note


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--family", choices=sorted(FAMILIES), default="separable")
    parser.add_argument("--tree", action="append", default=None, help="a symdiff source tree (repeatable)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = [f for f in args.formats.split(",") if f != "json"]
    trees = args.tree or [None]

    rows, figures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in sizes:
            rng = random.Random(f"{args.seed}-{args.family}-{n}")
            terms, text = FAMILIES[args.family](n, rng)
            names = names_of(args.family, n)
            loss = work / "loss.txt"
            loss.write_text(text + "\n", encoding="utf-8")
            bare, note = bare_loop(terms, names, rng)
            for tree in trees:
                where = "" if tree is None else f" [{tree}]"
                json_cpu, json_wall = run(tree, "json", loss, work / "out.json")
                rows.append({"name": f"n={n} json{where}", "symdiff_s": json_cpu, "baseline_s": bare,
                             "ratio": json_cpu / bare})
                entry = {"n": n, "family": args.family, "tree": tree, "bare_cpu_s": bare, "bare_note": note,
                         "json_cpu_s": json_cpu, "json_wall_s": json_wall, "views": {}}
                for fmt in formats:
                    out = work / f"out.{fmt}"
                    cpu, wall = run(tree, fmt, loss, out)
                    shown = out.read_text(encoding="utf-8")
                    if str(n - 1) not in shown.rsplit("∇", 1)[-1]:  # w2999 (text), w_{2999} (LaTeX)
                        raise SystemExit(f"the {fmt} view does not show the last partial, ∂f/∂{names[-1]}")
                    rows.append({"name": f"n={n} {fmt}{where}: {cpu / json_cpu:.2f}x json", "symdiff_s": cpu,
                                 "baseline_s": bare, "ratio": cpu / bare})
                    entry["views"][fmt] = {"cpu_s": cpu, "wall_s": wall, "over_json": cpu / json_cpu}
                    print(f"n={n}{where} {fmt}: {cpu:.1f} s CPU ({wall:.1f} s wall), json {json_cpu:.1f} s CPU "
                          f"({json_wall:.1f} s wall): {cpu / json_cpu:.2f}x json; bare sympy.diff loop "
                          f"{bare:.1f} s{note}", flush=True)
                figures.append(entry)
    print()
    print(f"symdiff grad --format F (steps shown), {args.family} loss: CPU time against the bare "
          "[sympy.diff(f, w) for w in ws] loop of the same run")
    print_table(rows, headers=("run", "symdiff CPU", "sympy.diff loop", "ratio"))
    if args.json:
        write_json(args.json, {"family": args.family, "figures": figures})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
