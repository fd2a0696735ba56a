"""Batch benchmark: what worker isolation costs on 10 000 lines, and whether memory stays flat.

    python bench/batch.py [--lines 10000] [--rss-lines 100000] [--rss-templates 5] [--seed 0] [--json PATH]
                          [--profile] [--profile-lines 2000]

The input: `--lines` realistic lines made from examples.txt, each example in turn with its integer
literals replaced by seeded random ones (exponents, log bases and root indices 2-9, other numbers
2-999), and, where that leaves no coefficient to vary, every `x` replaced by `(k*x)`; so almost every
line is new to SymPy's cache. Every line must differentiate by x without error. Timed in one run:

  (a) `symdiff partial --file F x --format json --jobs 1`   a subprocess, stdout to /dev/null, steps on
  (b) the same with `--jobs 2`
  (c) the same engine in this process, no workers: `symdiff.app.output.render_input(out, compute, line, text,
      steps=True)` as the worker calls it, its stdout written to /dev/null
  (d) the baseline: `sympy.parse_expr` + `sympy.diff` + `str` in this process, on the `expr` field
      symdiff printed for each line in (c) (SymPy syntax; fine here because the text is our own)

and reported: (a), (b), (c) against (d); the isolation cost (a)/(c) (goal: at most 1.3x); the parallel
speed-up (a)/(b); the start-up of a one-line run; and the peak memory of the symdiff process tree (the
CLI and its workers) for (a) and for one `--rss-lines` run. Full-mix lines cost ~6 ms each, so
100 000 of them would take ~10 minutes whatever the options (--no-steps skips only the rendering of
the steps, not building them): the memory run uses the --rss-templates cheapest example templates instead
(by their mean in-process time in (c); ~0.8 ms a line), with steps, as in (a), and
samples the tree's memory against the number of lines written, so the figure after 10 000 lines and
after 100 000 come from the same run.

Memory figures: the sum of VmRSS (and of Pss, which splits the pages the forked worker shares with
its parent) over the CLI process and its children, sampled from /proc every 0.2 s; and
`ru_maxrss` from os.wait4 (the largest single process of the tree, not a sum).

`--profile` additionally runs (a) on --profile-lines lines with the CLI's own process (the parent)
under cProfile (the forked workers switch it off), and prints where the parent's time goes; and runs
symdiff's WorkerPool in this process on the same lines with the worker timing its own `render_input` calls,
which measures the isolation cost per line within one run (immune to load drifting between runs).

Standard library, SymPy and symdiff only; Linux (fork, /proc). Nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):  # python bench/batch.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (  # noqa: E402
    baseline_namespace,
    ensure_bytecode,
    fmt_time,
    print_table,
    symdiff_command,
    write_json,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples.txt"
GOAL_ISOLATION = 1.3  # (a)/(c)
SAMPLE_INTERVAL_S = 0.2
STARTUP_RUNS = 3


def read_examples(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


# ---------------------------------------------------------------------------------------------
# The input: variants of the examples

# An integer literal on its own: not part of a name (log2, log10, w10) nor of a decimal (0.5).
_INT = re.compile(r"(?<![A-Za-z0-9_.])\d+(?![0-9.])")
# Right after these an integer is an exponent, a log base or a root index: kept small.
_SMALL_SLOT = re.compile(r"(\^|\*\*|\^\{|\^\(|\^\{-|,\s*)$")
# The variable x on its own (not the x of exp, \max...).
_X = re.compile(r"(?<![A-Za-z0-9_\\])x(?![A-Za-z0-9_])")


def variant(template: str, rng: random.Random, wide: int = 999) -> str:
    """`template` with new integer literals; if none of them is a coefficient (or there are none),
    every x also becomes (k*x)."""
    varied = False

    def number(m: re.Match) -> str:
        nonlocal varied
        if _SMALL_SLOT.search(template, 0, m.start()):
            return str(rng.randint(2, 9))
        varied = True
        return str(rng.randint(2, wide))

    text = _INT.sub(number, template)
    if not varied:
        text = _X.sub(lambda m: f"({rng.randint(2, wide)}*x)", text)
    return text


def generate(templates: list[str], n: int, rng: random.Random, wide: int = 999) -> list[tuple[int, str]]:
    """n (template index, line) pairs, cycling through the templates in order."""
    return [(i % len(templates), variant(templates[i % len(templates)], rng, wide)) for i in range(n)]


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# A symdiff process tree: wall time, CPU, memory


def _proc_children(pid: int) -> list[int]:
    from bench.speed import proc_stats

    return [child for child, fields in proc_stats() if int(fields[1]) == pid]


def _status_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, Pss) of one process in KiB; 0 where it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    rss = int(line.split()[1])
                    break
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1])
                    break
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


def _cpu_s(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class TreeSampler(threading.Thread):
    """Samples the memory of `pid` and its children, and `pid`'s own CPU time, until stopped.
    `progress()` (lines written so far) is recorded with every sample."""

    def __init__(self, pid: int, progress=lambda: None):
        super().__init__(daemon=True)
        self.pid, self.progress = pid, progress
        self.samples: list[dict] = []
        self.parent_cpu_s = 0.0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            cpu = _cpu_s(self.pid)
            if cpu is not None:
                self.parent_cpu_s = cpu
            pids = [self.pid, *_proc_children(self.pid)]
            sizes = [_status_kib(p) for p in pids]
            if sizes[0][0]:
                self.samples.append({"t": time.perf_counter(), "lines": self.progress(), "processes": len(pids),
                                     "rss_kib": sum(s[0] for s in sizes), "pss_kib": sum(s[1] for s in sizes),
                                     "parent_rss_kib": sizes[0][0]})
            self._halt.wait(SAMPLE_INTERVAL_S)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_symdiff(cmd: list[str], *, count_lines: bool = False) -> dict:
    """One run of `cmd`, stdout to /dev/null (or read here, counting lines, if `count_lines`).
    A failing run, or one where not every line succeeded, stops the benchmark."""
    counted = [0]
    with tempfile.TemporaryFile() as err, open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE if count_lines else devnull, stderr=err)
        sampler = TreeSampler(proc.pid, (lambda: counted[0]) if count_lines else (lambda: None))
        sampler.start()
        if count_lines:
            while chunk := proc.stdout.read1(1 << 20):
                counted[0] += chunk.count(b"\n")
            proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    summary = re.search(r"symdiff: (\d+) lines?: (\d+) succeeded", stderr)
    if proc.returncode != 0 or not summary or summary.group(1) != summary.group(2):
        raise SystemExit(f"benchmark command failed (exit status {proc.returncode}): {' '.join(cmd)}\n"
                         f"{stderr.strip()[-2000:]}")
    samples = sampler.samples
    return {
        "wall_s": elapsed, "lines": int(summary.group(1)),
        "tree_cpu_s": usage.ru_utime + usage.ru_stime,  # the CLI and every worker it waited for
        "parent_cpu_s": sampler.parent_cpu_s,  # sampled: misses the CLI's last ~0.2 s
        "maxrss_kib": usage.ru_maxrss,
        "peak_rss_sum_kib": max((s["rss_kib"] for s in samples), default=0),
        "peak_pss_sum_kib": max((s["pss_kib"] for s in samples), default=0),
        "peak_parent_rss_kib": max((s["parent_rss_kib"] for s in samples), default=0),
        "samples": samples,
        "stdout_lines": counted[0] if count_lines else None,
    }


def startup(command: list[str], workdir: Path) -> float:
    """Median wall time of a one-line batch: start-up, fork of the worker, its first line, exit."""
    one = workdir / "one.txt"
    write_lines(one, ["x"])
    cmd = [*command, "partial", "--file", str(one), "x", "--format", "json", "--jobs", "1"]
    return statistics.median(run_symdiff(cmd)["wall_s"] for _ in range(STARTUP_RUNS))


# ---------------------------------------------------------------------------------------------
# In this process: (c) and (d)


def engine():
    """(out, compute) exactly as `symdiff partial --format json ... x` builds them."""
    import symdiff.api
    import symdiff.app.cli

    out = symdiff.app.cli.Output(symdiff.app.cli.Format.json)
    return out, (lambda t: symdiff.api.partial(t, "x"))


def in_process(lines: list[tuple[int, str]], n_templates: int, keep: bool = True) -> dict:
    """(c): every line through `render_input` as the worker does it, stdout written to /dev/null."""
    from symdiff.app.output import render_input

    out, compute = engine()
    per_template = [0.0] * n_templates
    rendered: list[str] = []
    failures = []
    clock = time.perf_counter
    with open(os.devnull, "w", encoding="utf-8") as sink:
        cpu0, start = time.process_time(), clock()
        for number, (template, text) in enumerate(lines, 1):
            t0 = clock()
            r = render_input(out, compute, number, text, True)
            sink.write(r.stdout)
            sink.flush()
            per_template[template] += clock() - t0
            if r.error_type is not None:
                failures.append(r.stderr.strip())
            if keep:
                rendered.append(r.stdout)
        elapsed, cpu = clock() - start, time.process_time() - cpu0
    if failures:
        raise SystemExit(f"{len(failures)} generated lines do not differentiate by x, e.g.:\n"
                         + "\n".join(failures[:5]))
    return {"wall_s": elapsed, "cpu_s": cpu, "per_template_s": per_template, "rendered": rendered}


def baseline(exprs: list[str], namespace: dict) -> float:
    """(d): parse_expr + diff + str, bare."""
    import sympy

    x = namespace["x"]
    start = time.perf_counter()
    for text in exprs:
        str(sympy.diff(sympy.parse_expr(text, local_dict=namespace), x))
    return time.perf_counter() - start


def clear_sympy_cache() -> None:
    from sympy.core.cache import clear_cache

    clear_cache()
    gc.collect()


# ---------------------------------------------------------------------------------------------
# --profile: the CLI's parent process under cProfile

_PROFILE_WRAPPER = r"""
import cProfile, os, sys
prof = cProfile.Profile()
os.register_at_fork(after_in_child=prof.disable)  # profile the parent only, not the forked workers
sys.argv = ["symdiff", *sys.argv[2:]]
code = 0
prof.enable()
try:
    from symdiff.app.cli import main
    main()
except SystemExit as exc:
    code = exc.code
finally:
    prof.disable()
    prof.dump_stats(OUT)
sys.exit(code)
"""


def profile_parent(batch_file: Path, workdir: Path, top: int = 14) -> dict:
    import pstats

    stats_path = workdir / "parent.prof"
    wrapper = _PROFILE_WRAPPER.replace("OUT", repr(str(stats_path)))
    cmd = [sys.executable, "-c", wrapper, "-", "partial", "--file", str(batch_file), "x", "--format", "json",
           "--jobs", "1"]
    run = run_symdiff(cmd)
    stats = pstats.Stats(str(stats_path))
    total = stats.total_tt
    rows = []
    for (filename, lineno, func), (cc, nc, tt, ct, callers) in stats.stats.items():
        rows.append({"function": f"{Path(filename).name}:{lineno}({func})", "calls": nc, "tottime_s": tt,
                     "cumtime_s": ct})
    by_tottime = sorted(rows, key=lambda r: r["tottime_s"], reverse=True)[:top]
    return {"wall_s": run["wall_s"], "lines": run["lines"], "profiled_s": total,
            "parent_cpu_s": run["parent_cpu_s"], "tree_cpu_s": run["tree_cpu_s"], "top_tottime": by_tottime}


def pool_overhead(items: list[tuple[int, str]]) -> dict:
    """symdiff's WorkerPool in this process, as `_run` drives it (`--jobs 1`, default limits, each
    result written to /dev/null), with the worker timing its own `render_input` calls: wall time minus the
    time inside `render_input` is what isolation costs per line, measured within one run (so unlike
    (a) - (c), it does not depend on the machine's load staying the same between two runs)."""
    from symdiff.app.output import render_input
    from symdiff.app.workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, WorkerPool

    out, compute = engine()
    inside = [0.0, 0.0]
    with tempfile.TemporaryFile() as side:  # the worker's running totals come back through this file
        fd = side.fileno()

        def handle(line, text):
            t0, c0 = time.perf_counter(), time.process_time()
            r = render_input(out, compute, line, text, True)
            inside[0] += time.perf_counter() - t0
            inside[1] += time.process_time() - c0
            os.pwrite(fd, f"{inside[0]!r} {inside[1]!r}".ljust(64).encode(), 0)
            return r

        def failure(line, text, type, message):
            raise SystemExit(f"line {line}: {type}: {message}")

        clear_sympy_cache()
        pool = WorkerPool(handle, failure, jobs=1, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB)
        with open(os.devnull, "w", encoding="utf-8") as sink:
            start = time.perf_counter()
            for r in pool.map((number, text) for number, (_, text) in enumerate(items, 1)):
                sink.write(r.stdout)
                sink.flush()
            wall = time.perf_counter() - start
        inside_wall, inside_cpu = (float(v) for v in os.pread(fd, 64, 0).split())
    n = len(items)
    return {"lines": n, "wall_s": wall, "inside_render_s": inside_wall, "inside_render_cpu_s": inside_cpu,
            "overhead_ms_per_line": 1000 * (wall - inside_wall) / n}


# ---------------------------------------------------------------------------------------------
# The benchmark


def cheap_templates(templates: list[str], per_template_s: list[float], counts: list[int], k: int) -> list[int]:
    """The k cheapest templates by mean time in (c), in file order."""
    means = sorted((per_template_s[i] / counts[i], i) for i in range(len(templates)) if counts[i])
    return sorted(i for _, i in means[:max(1, k)])


def batch_benchmark(command: list[str], *, lines: int = 10_000, rss_lines: int = 100_000,
                    rss_templates: int = 5, seed: int = 0, examples: Path = EXAMPLES, profile: bool = False,
                    profile_lines: int = 2000, log=print) -> tuple[list[dict], dict]:
    templates = read_examples(examples)
    rng = random.Random(seed)
    items = generate(templates, lines, rng)
    texts = [t for _, t in items]
    counts = [0] * len(templates)
    for i, _ in items:
        counts[i] += 1

    with tempfile.TemporaryDirectory(prefix="symdiff-bench-batch-") as tmp:
        workdir = Path(tmp)
        batch_file = workdir / "batch.txt"
        write_lines(batch_file, texts)
        base_cmd = [*command, "partial", "--file", str(batch_file), "x", "--format", "json"]

        # Warm-up, untimed: the first calls import SymPy's lazily loaded modules (simplify, polys...).
        warm = in_process(list(enumerate(templates)), len(templates))
        warm_exprs = [json.loads(s)["expr"] for s in warm["rendered"]]
        namespace = baseline_namespace(warm_exprs)
        baseline(warm_exprs, namespace)

        log(f"(c) in-process, {lines} lines ...")
        clear_sympy_cache()
        c = in_process(items, len(templates))
        exprs = [json.loads(s)["expr"] for s in c.pop("rendered")]
        log(f"(d) baseline, {lines} lines ...")
        clear_sympy_cache()
        d = baseline(exprs, namespace)
        del exprs
        clear_sympy_cache()
        log(f"(a) --jobs 1, {lines} lines ...")
        a = run_symdiff([*base_cmd, "--jobs", "1"])
        log(f"(b) --jobs 2, {lines} lines ...")
        b = run_symdiff([*base_cmd, "--jobs", "2"])
        log("start-up (one-line batch) ...")
        start_s = startup(command, workdir)

        rss = None
        if rss_lines:
            chosen = cheap_templates(templates, c["per_template_s"], counts, rss_templates)
            rss_items = generate([templates[i] for i in chosen], rss_lines, random.Random(seed + 1), wide=99_999)
            rss_file = workdir / "rss.txt"
            write_lines(rss_file, [t for _, t in rss_items])
            del rss_items
            est_ms = 1000 * sum(c["per_template_s"][i] / counts[i] for i in chosen) / len(chosen)
            log(f"memory run: {rss_lines} lines of {len(chosen)} cheap templates (~{est_ms:.1f} ms a line "
                f"in-process) ...")
            rss = run_symdiff([*command, "partial", "--file", str(rss_file), "x", "--format", "json", "--jobs", "1"],
                              count_lines=True)
            rss["templates"] = [templates[i] for i in chosen]
            rss["est_in_process_ms_per_line"] = est_ms

        prof = None
        profile_started = time.perf_counter()
        if profile:
            pfile = workdir / "profile.txt"
            write_lines(pfile, texts[:profile_lines])
            log(f"profile of the CLI's parent process, {min(lines, profile_lines)} lines ...")
            prof = profile_parent(pfile, workdir)
            log(f"the worker pool in this process, {min(lines, profile_lines)} lines ...")
            prof["pool"] = pool_overhead(items[:profile_lines])
            prof["seconds"] = time.perf_counter() - profile_started

    n = lines
    label = "sympy parse_expr + diff + str, in-process loop"
    rows = [
        {"name": f"batch (a): symdiff partial --file ({n} lines) --format json --jobs 1", "symdiff_s": a["wall_s"],
         "baseline_s": d, "ratio": a["wall_s"] / d, "baseline": label, "lines": n},
        {"name": "batch (b): the same, --jobs 2", "symdiff_s": b["wall_s"],
         "baseline_s": d, "ratio": b["wall_s"] / d, "baseline": label, "lines": n},
        {"name": f"batch (c): render_input in-process, no workers ({n} lines)", "symdiff_s": c["wall_s"],
         "baseline_s": d, "ratio": c["wall_s"] / d, "baseline": label, "lines": n},
        {"name": "isolation cost (a)/(c)", "symdiff_s": a["wall_s"], "baseline_s": c["wall_s"],
         "ratio": a["wall_s"] / c["wall_s"], "baseline": "(c)", "goal": GOAL_ISOLATION},
        {"name": "parallel speed-up (a)/(b)", "symdiff_s": a["wall_s"], "baseline_s": b["wall_s"],
         "ratio": a["wall_s"] / b["wall_s"], "baseline": "(b)"},
    ]
    means = sorted(((c["per_template_s"][i] / counts[i], templates[i]) for i in range(len(templates))
                    if counts[i]), reverse=True)
    for run in (a, b):
        run.pop("samples")
    info = {
        "lines": n, "unique_lines": len(set(texts)), "templates": len(templates), "seed": seed,
        "a": a, "b": b, "c": c | {"per_template_s": None}, "d_s": d, "startup_s": start_s,
        "per_line_ms": {"a": 1000 * a["wall_s"] / n, "b": 1000 * b["wall_s"] / n, "c": 1000 * c["wall_s"] / n,
                        "d": 1000 * d / n},
        # (a) minus its start-up minus the same work in-process: what each line pays for isolation.
        "isolation_ms_per_line": 1000 * (a["wall_s"] - start_s - c["wall_s"]) / n,
        "worker_cpu_ms_per_line": 1000 * (a["tree_cpu_s"] - a["parent_cpu_s"]) / n,
        "slowest_templates": [{"template": t, "ms_per_line": 1000 * m} for m, t in means[:6]],
        "rss": None, "profile": prof,
    }
    if rss is not None:
        samples = rss.pop("samples")
        first = [s for s in samples if s["lines"] is not None and s["lines"] <= n]
        late = [s for s in samples if s["lines"] is not None and s["lines"] > rss_lines // 2]
        info["rss"] = rss | {
            "peak_rss_sum_first_kib": max((s["rss_kib"] for s in first), default=None),
            "peak_pss_sum_first_kib": max((s["pss_kib"] for s in first), default=None),
            "peak_rss_sum_second_half_kib": max((s["rss_kib"] for s in late), default=None),
            "last_sample": samples[-1] if samples else None,
            "curve": [{"lines": s["lines"], "rss_kib": s["rss_kib"], "pss_kib": s["pss_kib"]}
                      for s in samples[:: max(1, len(samples) // 20)]],
        }
    return rows, info


# ---------------------------------------------------------------------------------------------
# Report


def mib(kib: float | None) -> str:
    return "-" if kib is None else f"{kib / 1024:.0f} MiB"


def print_notes(rows: list[dict], info: dict) -> None:
    n, a, b = info["lines"], info["a"], info["b"]
    per = info["per_line_ms"]
    print(f"\nratio = time / the 'against' time (lower is better). {n} lines ({info['unique_lines']} distinct) "
          f"from {info['templates']} templates of examples.txt, seed {info['seed']}.")
    print(f"per line: (a) {per['a']:.2f} ms, (b) {per['b']:.2f} ms, (c) {per['c']:.2f} ms, (d) {per['d']:.2f} ms; "
          f"(c) used {info['c']['cpu_s']:.1f} s CPU for {info['c']['wall_s']:.1f} s wall.")
    print(f"(a): start-up of a one-line batch {fmt_time(info['startup_s'])} (median of {STARTUP_RUNS}); "
          f"isolation per line after start-up ((a) - start-up - (c)) / n = {info['isolation_ms_per_line']:.3f} ms; "
          f"CPU: CLI parent {a['parent_cpu_s']:.1f} s (sampled), worker {a['tree_cpu_s'] - a['parent_cpu_s']:.1f} s "
          f"= {info['worker_cpu_ms_per_line']:.2f} ms a line.")
    print(f"(b): {b['tree_cpu_s']:.1f} s CPU in the tree for {b['wall_s']:.1f} s wall "
          f"({b['tree_cpu_s'] / b['wall_s']:.2f} cores busy on average; {os.cpu_count()} CPUs).")
    print("slowest templates in (c), ms a line: " + "; ".join(
        f"{s['ms_per_line']:.1f} {s['template']}" for s in info["slowest_templates"]))
    print(f"\npeak memory of the symdiff process tree (CLI + workers), sampled from /proc every "
          f"{SAMPLE_INTERVAL_S} s; ru_maxrss from wait4 is the largest single process:")
    print(f"  (a) {n} lines: RSS sum {mib(a['peak_rss_sum_kib'])}, PSS sum {mib(a['peak_pss_sum_kib'])}, "
          f"CLI parent {mib(a['peak_parent_rss_kib'])}, ru_maxrss {mib(a['maxrss_kib'])}")
    print(f"  (b) {n} lines, 2 workers: RSS sum {mib(b['peak_rss_sum_kib'])}, "
          f"PSS sum {mib(b['peak_pss_sum_kib'])}, ru_maxrss {mib(b['maxrss_kib'])}")
    r = info["rss"]
    if r:
        print(f"  memory run, {r['lines']} lines, --jobs 1, steps on, {fmt_time(r['wall_s'])} "
              f"({1000 * (r['wall_s'] - info['startup_s']) / r['lines']:.2f} ms a line after start-up, "
              f"~{r['est_in_process_ms_per_line']:.2f} ms in-process):")
        print(f"    peak RSS sum over the first {n} lines {mib(r['peak_rss_sum_first_kib'])}, over the second half "
              f"{mib(r['peak_rss_sum_second_half_kib'])}, whole run {mib(r['peak_rss_sum_kib'])} "
              f"(PSS {mib(r['peak_pss_sum_kib'])}); CLI parent {mib(r['peak_parent_rss_kib'])}; "
              f"ru_maxrss {mib(r['maxrss_kib'])}")
        print(f"    its {len(r['templates'])} templates (the cheapest in (c); coefficients 2-99999): "
              + " | ".join(r["templates"]))
        print("    RSS sum (MiB) by lines written: " + ", ".join(
            f"{p['lines']}: {p['rss_kib'] / 1024:.0f}" for p in r["curve"]))
    p = info.get("profile")
    if p:
        print(f"\nprofile of the CLI's parent process over {p['lines']} lines ({fmt_time(p['wall_s'])} wall, "
              f"parent CPU {p['parent_cpu_s']:.2f} s sampled, tree CPU {p['tree_cpu_s']:.1f} s; "
              f"profiled time {p['profiled_s']:.2f} s), by own time:")
        for row in p["top_tottime"]:
            print(f"  {row['tottime_s']:7.3f} s own {row['cumtime_s']:7.3f} s cum {row['calls']:8d}  "
                  f"{row['function']}")
        q = p["pool"]
        print(f"WorkerPool in this process (--jobs 1, default limits), {q['lines']} lines: {q['wall_s']:.2f} s "
              f"wall, {q['inside_render_s']:.2f} s inside the worker's render_input calls "
              f"({q['inside_render_cpu_s']:.2f} s CPU): "
              f"isolation costs {q['overhead_ms_per_line']:.3f} ms a line "
              f"({100 * (q['wall_s'] / q['inside_render_s'] - 1):.1f}% here) on top of start-up.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/batch.py", description="Batch benchmark: worker "
                                     "isolation cost, parallel speed-up and memory of symdiff partial --file.")
    parser.add_argument("--lines", type=int, default=10_000, help="lines of the timed batch (default 10000)")
    parser.add_argument("--rss-lines", type=int, default=100_000, help="lines of the memory run (default "
                        "100000; 0 skips it)")
    parser.add_argument("--rss-templates", type=int, default=5, help="the memory run uses this many of the "
                        "cheapest templates (default 5: ~0.8 ms a line, ~1.5 minutes for 100000 lines)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--examples", type=Path, default=EXAMPLES, help="the templates (default examples.txt)")
    parser.add_argument("--profile", action="store_true", help="also profile the CLI's parent process")
    parser.add_argument("--profile-lines", type=int, default=2000, help="lines of the profiled run (default 2000)")
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the figures to PATH as JSON")
    args = parser.parse_args(argv)
    if args.lines < 1 or args.rss_lines < 0:
        parser.error("--lines must be at least 1 and --rss-lines at least 0")

    import sympy

    import symdiff

    started = time.perf_counter()
    command = symdiff_command()
    load0 = os.getloadavg()
    print(f"symdiff {symdiff.__version__}, SymPy {sympy.__version__}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, load average {load0[0]:.2f}")
    print(f"symdiff command: {' '.join(command)}")
    if ensure_bytecode():
        print("compiled symdiff's modules to .pyc files (missing: PYTHONDONTWRITEBYTECODE is set?), as pip "
              "install does")
    if load0[0] > 0.5:
        print(f"warning: the machine is busy (load average {load0[0]:.2f} before starting): runs made at different "
              f"times compete with different loads, so ratios between them, (a)/(c) most, can be off by 10-30%.")
    print()
    rows, info = batch_benchmark(command, lines=args.lines, rss_lines=args.rss_lines,
                                 rss_templates=args.rss_templates,
                                 seed=args.seed, examples=args.examples, profile=args.profile,
                                 profile_lines=args.profile_lines,
                                 log=lambda s: print(f"  {s}", file=sys.stderr, flush=True))
    print_table(rows, headers=("benchmark", "time", "against", "ratio"))
    print_notes(rows, info)
    elapsed = time.perf_counter() - started
    load1 = os.getloadavg()
    extra = f" ({info['profile']['seconds']:.0f} s of it for --profile)" if info.get("profile") else ""
    print(f"\ntotal benchmark time: {elapsed:.0f} s{extra}; load average {load0[0]:.2f} at the start, {load1[0]:.2f} "
          f"at the end (above 0 means other work shared the {os.cpu_count()} CPUs)")
    if args.json:
        payload = {"symdiff": symdiff.__version__, "sympy": sympy.__version__, "python": platform.python_version(),
                   "platform": platform.platform(), "cpu_count": os.cpu_count(), "command": command,
                   "load_average": [load0[0], load1[0]], "results": rows, "batch": info, "elapsed_s": elapsed}
        write_json(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
