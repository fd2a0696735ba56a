"""The speed table of issue 18: symdiff against SymEngine and bare SymPy, timed in the same run.

    python -m bench [--quick] [--markdown] [--cap SECONDS] [--no-symengine] [--json PATH]

Every row runs symdiff as users do (a fresh process) and each reference as a fresh process too
(bench/refs.py: import the library, build the expression with its constructors, then the bare
loop), so both sides pay for start-up. The ratio is symdiff's CPU time over the reference's, each the
CPU of the whole process tree (`resource.getrusage(RUSAGE_CHILDREN)` around the run: the worker
processes symdiff forks count too): on a machine shared with other work, wall time measures the
neighbours as much as the program. Wall time and the load average are printed beside it.

Every run has a cap on its wall time (`--cap`, default 120 s): a run over it is killed and its row
says "over cap", with the CPU it had used by then (read from /proc) as a lower bound. A reference
loop that would take minutes is timed over a sample of its variables, evenly spread, and scaled up
linearly (each `diff` differentiates the whole loss, so each costs about the same); such rows say
"extrapolated". SymEngine comes from the bench extra (`pip install -e ".[bench]"`); without it the
rows say so and give the SymPy ratios only. Nothing here asserts a timing.
"""

from __future__ import annotations

import json
import math
import os
import platform
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

try:
    from bench import lines as lines_module
    from bench import workloads
    from bench.run import ensure_bytecode, symdiff_command
except ImportError:  # python bench/run.py: bench/ itself is first on sys.path
    import lines as lines_module
    import workloads
    from run import ensure_bytecode, symdiff_command

REFS = Path(__file__).resolve().parent / "refs.py"
# symdiff's per-expression limits are for users; the cap is the benchmark's own.
LIMITS = ("--timeout", "3600", "--memory", "0")
COLD_EXPR = "3*x**2*y**4"
IMPORT_SYMPY = "import sympy"
IMPORT_DIFF = f"import sympy; print(sympy.diff(sympy.sympify('{COLD_EXPR}'), sympy.Symbol('x')))"
# Bare sympy.diff of the nested sines runs for over a minute at depth 40 (bench/swell.py).
SYMPY_NESTING_MAX = 40
REPEAT_BELOW_S = 1.0  # a run shorter than this (CPU) is run 3 times and the median taken


@dataclass
class Run:
    status: str  # ok, over cap, refused, failed
    cpu_s: float | None
    wall_s: float
    detail: str = ""
    data: dict = field(default_factory=dict)


@dataclass
class Reference:
    label: str
    run: Run
    cpu_s: float | None  # the whole reference, scaled up when sampled
    note: str = ""


@dataclass
class Row:
    key: str
    work: str
    command: str
    goal: str
    symdiff: Run | None = None
    refs: list[Reference] = field(default_factory=list)
    load: float = 0.0
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Running a process: CPU of the whole tree, a cap on wall time


def proc_stats():
    """(pid, fields of /proc/PID/stat after the command name) for each process; Linux only."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        yield int(entry), stat[stat.rfind(b")") + 2:].split()


def _group_cpu_s(pgid: int) -> float | None:
    """CPU used so far by every process of the group (and the children they reaped); Linux only."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    try:
        stats = list(proc_stats())
    except OSError:
        return None
    for _, fields in stats:
        if int(fields[2]) == pgid:
            total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
    return total / tick


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], cap: float, stdout: Path | None = None) -> tuple[Run, int, str]:
    """Run `cmd` in its own process group; (Run, exit status, stderr). Over the cap, the group is killed."""
    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        cpu0, start = _children_cpu(), time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
        try:
            code = proc.wait(timeout=cap)
        except subprocess.TimeoutExpired:
            used = _group_cpu_s(proc.pid)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return Run("over cap", used, time.perf_counter() - start, f"killed after {cap:g} s"), -9, ""
        wall, cpu = time.perf_counter() - start, _children_cpu() - cpu0
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run("ok" if code == 0 else "failed", cpu, wall), code, stderr


def repeated(measure, repeat_below: float) -> Run:
    """One run; a short one twice more, keeping the median by CPU (start-up noise matters there)."""
    first = measure()
    if first.status != "ok" or first.cpu_s is None or first.cpu_s >= repeat_below:
        return first
    runs = sorted([first, measure(), measure()], key=lambda r: (r.status != "ok", r.cpu_s or 0))
    return runs[1] if all(r.status == "ok" for r in runs) else first


def _first_line(text: str) -> str:
    return next((t.strip() for t in text.splitlines() if t.strip()), "")


# ---------------------------------------------------------------------------------------------
# The symdiff side


class Symdiff:
    def __init__(self, command: list[str], cap: float, workdir: Path, repeat_below: float):
        self.command, self.cap, self.workdir, self.repeat_below = command, cap, workdir, repeat_below

    def grad(self, text: str, n: int) -> Run:
        loss = self.workdir / "loss.txt"
        loss.write_text(text + "\n", encoding="utf-8")
        out = self.workdir / "grad.json"

        def once() -> Run:
            r, code, stderr = run([*self.command, "grad", "--no-steps", "--format", "json", "--file", str(loss),
                                   *LIMITS], self.cap, out)
            if r.status == "over cap":
                return r
            records = [json.loads(t) for t in out.read_text(encoding="utf-8").splitlines() if t.strip()]
            error = next((rec["error"] for rec in records if "error" in rec), None)
            if error:
                return Run("refused", r.cpu_s, r.wall_s, f"{error['type']}: {error['message']}")
            if code != 0 or len(records) != 1 or len(records[0].get("gradient") or []) != n:
                return Run("failed", r.cpu_s, r.wall_s, f"exit {code}: {_first_line(stderr)}")
            r.data = {"output_bytes": out.stat().st_size}
            return r

        return repeated(once, self.repeat_below)

    def api_gradient(self, text: str, n: int) -> Run:
        """The engine without the CLI: symdiff.parse + symdiff.gradient(f, steps=False) in a fresh process."""
        loss = self.workdir / "loss.txt"
        loss.write_text(text + "\n", encoding="utf-8")
        # The API refuses a text over the parser's length limit too: parse with one that admits it.
        code = ("import sys, symdiff\nfrom symdiff.core.limits import Limits\n"
                "text = open(sys.argv[1]).read().strip()\n"
                "f = symdiff.parse(text, limits=Limits(max_length=len(text)))\n"
                "r = symdiff.gradient(f, steps=False)\n"
                "assert len(r.gradient) == int(sys.argv[2]), len(r.gradient)\n")
        r, status, stderr = run([sys.executable, "-c", code, str(loss), str(n)], self.cap)
        if r.status == "failed":
            r.detail = f"exit {status}: {stderr.strip().splitlines()[-1] if stderr.strip() else ''}"
        return r

    def nesting(self, depth: int) -> Run:
        cmd = [*self.command, "partial", workloads.nesting_text(depth), "x", "--no-steps", "--at", "x=0.1", *LIMITS]

        def once() -> Run:
            r, code, stderr = run(cmd, self.cap)
            if r.status == "failed":
                # A refusal is an error message naming the limit (exit 1); anything else is a failure.
                message = _first_line(stderr).removeprefix("error: ")
                r.status, r.detail = ("refused" if "limit" in message else "failed"), message
            return r

        return repeated(once, self.repeat_below)

    def batch(self, path: Path, steps: bool) -> Run:
        cmd = [*self.command, "partial", "--file", str(path), "x", "--format", "json", "--jobs", "1"]
        r, code, stderr = run(cmd if steps else [*cmd, "--no-steps"], self.cap)
        if r.status == "over cap":
            return r
        summary = re.search(r"symdiff: (\d+) lines?: (\d+) succeeded", stderr)
        if code != 0 or not summary or summary.group(1) != summary.group(2):
            r.status, r.detail = "failed", f"exit {code}: {_first_line(stderr)}"
        return r


# ---------------------------------------------------------------------------------------------
# The references


class References:
    def __init__(self, cap: float, symengine: bool, repeat_below: float):
        self.cap, self.symengine, self.repeat_below = cap, symengine, repeat_below

    def _ref(self, label: str, spec: dict) -> Reference:
        def once() -> Run:
            r, code, stderr = run([sys.executable, str(REFS), json.dumps(spec)], self.cap, out)
            if r.status == "ok":
                r.data = json.loads(out.read_text(encoding="utf-8"))
            elif r.status == "failed":
                r.detail = f"exit {code}: {stderr.strip().splitlines()[-1] if stderr.strip() else ''}"
            return r

        with tempfile.TemporaryDirectory(prefix="symdiff-bench-ref-") as tmp:
            out = Path(tmp) / "ref.json"
            r = repeated(once, self.repeat_below)
        if r.status != "ok":
            return Reference(label, r, None)
        timed, total = r.data["timed"], r.data["total"]
        if timed >= total:
            return Reference(label, r, r.cpu_s)
        # The process as run, plus the loop's untimed share at the sampled rate.
        estimate = r.cpu_s + r.data["loop_cpu_s"] * (total / timed - 1)
        return Reference(label, r, estimate, f"extrapolated from {timed} of {total}")

    def gradient(self, lib: str, family: str, n: int, sample: int | None = None) -> Reference | None:
        if lib == "symengine" and not self.symengine:
            return None
        label = "SymEngine loop" if lib == "symengine" else "bare SymPy loop"
        return self._ref(label, {"lib": lib, "work": "gradient", "family": family, "n": n, "sample": sample})

    def nesting(self, lib: str, depth: int) -> Reference | None:
        if lib == "symengine" and not self.symengine:
            return None
        label = "SymEngine diff + value" if lib == "symengine" else "bare SymPy diff + value"
        return self._ref(label, {"lib": lib, "work": "nesting", "depth": depth, "at": "0.1"})

    def lines(self, path: Path) -> Reference:
        return self._ref("parse_expr + diff + str loop", {"lib": "sympy", "work": "lines", "file": str(path)})


# ---------------------------------------------------------------------------------------------
# The table


SIZES = {
    # dense n, softmax n, nesting depths, separable n, batch lines, cold-start rounds, samples of the
    # reference loops that would take minutes whole: {(lib, family, n): variables timed}
    "full": {"dense": (100, 1000), "softmax": (100, 1000), "nesting": (80, 160), "separable": 20_000,
             "lines": 2000, "cold_runs": 5,
             "samples": {("sympy", "dense", 1000): 20, ("sympy", "softmax", 1000): 10,
                         ("sympy", "separable", 20_000): 10, ("symengine", "separable", 20_000): 200}},
    "quick": {"dense": (4, 8), "softmax": (4, 8), "nesting": (3, 6), "separable": 30, "lines": 12,
              "cold_runs": 1,
              "samples": {("sympy", "separable", 30): 10, ("symengine", "separable", 30): 10}},
}


def plan(sizes: dict) -> list[Row]:
    """The rows, in the issue's order (their runs happen in `measure`)."""
    d1, d2 = sizes["dense"]
    s1, s2 = sizes["softmax"]
    n1, n2 = sizes["nesting"]
    sep, k = sizes["separable"], sizes["lines"]
    grad = "`grad --no-steps --format json --file`"
    rows = [
        Row(f"dense-{d1}", f"dense loss (Σ cᵢwᵢ − 3)², n = {d1}", grad, "≤ 3× SymEngine"),
        Row(f"dense-{d2}", f"dense loss (Σ cᵢwᵢ − 3)², n = {d2}", grad, "≤ 3× SymEngine, shared inner sum kept"),
        Row(f"softmax-{s1}", f"softmax cross-entropy −log(exp(z₁)/Σ exp(z_j)), n = {s1}", grad, "–"),
        Row(f"softmax-{s2}", f"softmax cross-entropy, n = {s2}", grad, "≤ 3× SymEngine"),
        Row(f"nesting-{n1}", f"nesting x·sin(x + x·sin(x + …)), depth {n1}",
            "`partial --no-steps --at x=0.1`", "≤ 3× SymEngine, linear in depth"),
        Row(f"nesting-{n2}", f"nesting, depth {n2}", "`partial --no-steps --at x=0.1`",
            "accepted, ≤ 3× SymEngine"),
        Row(f"separable-{sep}", f"separable loss, {sep} parameters, from a file", grad,
            "accepted, ≤ 30 s end to end"),
        Row(f"separable-{sep}-api", f"the same through the API (`symdiff.gradient`, fresh process)",
            "`symdiff.parse` + `symdiff.gradient(f, steps=False)`", "–"),
        Row(f"lines-{k}-steps", f"{k} varied lines, steps + JSON",
            "`partial --file F x --format json --jobs 1`", "≤ 1.0× the loop"),
        Row(f"lines-{k}-nosteps", f"{k} varied lines, `--no-steps`",
            "the same with `--no-steps`", "≤ 0.3× the loop"),
        Row("cold", f"cold start, `symdiff partial \"{COLD_EXPR}\" x`", "one fresh process",
            "≤ 1.3× import sympy + diff"),
    ]
    return rows


def _log(row: Row) -> None:
    parts = [f"{row.key}: symdiff {fmt_run(row.symdiff)}"]
    parts += [f"{ref.label} {fmt_ref(ref)} -> {fmt_ratio(row.symdiff, ref)}" for ref in row.refs]
    print(f"[load {row.load:.2f}] " + " | ".join(parts), file=sys.stderr, flush=True)


def selected(rows: list[Row], names: str | None) -> list[Row]:
    """The rows `--rows` names: by key (dense-1000) or by family, the key's first word (dense)."""
    if not names:
        return rows
    wanted = {n.strip() for n in names.split(",") if n.strip()}
    chosen = [row for row in rows if row.key in wanted or row.key.split("-")[0] in wanted]
    # The separable rows share their references, and so do the two batch rows: they run together.
    paired = {row.key.split("-")[0] for row in chosen} & {"separable", "lines"}
    chosen = [row for row in rows if row in chosen or row.key.split("-")[0] in paired]
    unknown = wanted - {row.key for row in rows} - {row.key.split("-")[0] for row in rows}
    if unknown or not chosen:
        keys = ", ".join(row.key for row in rows)
        raise SystemExit(f"bench: --rows names no row: {', '.join(sorted(unknown)) or names} (rows: {keys})")
    return chosen


def measure(rows: list[Row], sizes: dict, command: list[str], cap: float, symengine: bool,
            repeat_below: float, workdir: Path) -> None:
    """Run every row given: symdiff first, then its references, one after the other (nothing in parallel)."""
    sd = Symdiff(command, cap, workdir, repeat_below)
    refs = References(cap, symengine, repeat_below)
    samples = sizes["samples"]
    by_key = {row.key: row for row in rows}

    def grad_row(row: Row, family: str, n: int) -> None:
        text, _, _ = workloads.GRADIENTS[family]
        row.load = os.getloadavg()[0]
        row.symdiff = sd.grad(text(n), n)
        for lib in ("symengine", "sympy"):
            ref = refs.gradient(lib, family, n, samples.get((lib, family, n)))
            if ref:
                row.refs.append(ref)

    for family in ("dense", "softmax"):
        for n in sizes[family]:
            if f"{family}-{n}" not in by_key:
                continue
            grad_row(by_key[f"{family}-{n}"], family, n)
            _log(by_key[f"{family}-{n}"])

    for depth in sizes["nesting"]:
        if f"nesting-{depth}" not in by_key:
            continue
        row = by_key[f"nesting-{depth}"]
        row.load = os.getloadavg()[0]
        row.symdiff = sd.nesting(depth)
        ref = refs.nesting("symengine", depth)
        if ref:
            row.refs.append(ref)
        if depth <= SYMPY_NESTING_MAX:
            row.refs.append(refs.nesting("sympy", depth))
        else:
            row.notes.append(f"nesting, depth {depth}: bare SymPy not run (its diff alone takes over a minute "
                             f"at depth {SYMPY_NESTING_MAX})")
        _log(row)

    sep = sizes["separable"]
    if f"separable-{sep}" in by_key:
        row, api = by_key[f"separable-{sep}"], by_key[f"separable-{sep}-api"]
        grad_row(row, "separable", sep)
        api.load = os.getloadavg()[0]
        api.symdiff = sd.api_gradient(workloads.separable_text(sep), sep)
        api.refs = row.refs  # the same references: one loop each serves both rows
        _log(row)
        _log(api)

    k = sizes["lines"]
    if f"lines-{k}-steps" in by_key:
        _lines_rows(by_key, k, sd, refs, workdir)

    if "cold" in by_key:
        cold = by_key["cold"]
        cold.load = os.getloadavg()[0]
        cold.symdiff, cold.refs = cold_start(command, cap, sizes["cold_runs"])
        _log(cold)


def _lines_rows(by_key: dict, k: int, sd: Symdiff, refs: References, workdir: Path) -> None:
    path = workdir / "lines.txt"
    texts = lines_module.generate(k)
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    steps, nosteps = by_key[f"lines-{k}-steps"], by_key[f"lines-{k}-nosteps"]
    steps.load = os.getloadavg()[0]
    steps.symdiff = sd.batch(path, steps=True)
    nosteps.load = os.getloadavg()[0]
    nosteps.symdiff = sd.batch(path, steps=False)
    loop = refs.lines(path)
    steps.refs = nosteps.refs = [loop]
    _log(steps)
    _log(nosteps)


def cold_start(command: list[str], cap: float, rounds: int) -> tuple[Run, list[Reference]]:
    """Median of `rounds` interleaved rounds after one warm-up round (file cache, .pyc files)."""
    commands = {"symdiff": [*command, "partial", COLD_EXPR, "x"],
                "import": [sys.executable, "-c", IMPORT_SYMPY],
                "diff": [sys.executable, "-c", IMPORT_DIFF]}
    samples: dict[str, list[Run]] = {name: [] for name in commands}
    for round_ in range(rounds + 1):
        for name, cmd in commands.items():
            r, _, stderr = run(cmd, cap)
            if r.status != "ok":
                r.detail = r.detail or _first_line(stderr)
                return r, []
            if round_:
                samples[name].append(r)

    def median(runs: list[Run]) -> Run:
        return Run("ok", statistics.median(r.cpu_s for r in runs), statistics.median(r.wall_s for r in runs))

    refs = []
    for name, label in (("import", '`python -c "import sympy"`'), ("diff", "import sympy + one diff")):
        r = median(samples[name])
        refs.append(Reference(label, r, r.cpu_s))
    return median(samples["symdiff"]), refs


# ---------------------------------------------------------------------------------------------
# Formatting


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    if seconds < 1:
        return f"{seconds:.2f} s"
    return f"{seconds:.1f} s" if seconds < 100 else f"{seconds:.0f} s"


def fmt_run(r: Run | None) -> str:
    if r is None:
        return "not run"
    if r.status == "ok":
        return f"{fmt_s(r.cpu_s)} ({fmt_s(r.wall_s)} wall)"
    if r.status == "over cap":
        used = f", {fmt_s(r.cpu_s)} CPU by then" if r.cpu_s is not None else ""
        return f"over cap ({r.detail}{used})"
    return f"{r.status}: {r.detail}"


def fmt_ref(ref: Reference) -> str:
    if ref.run.status != "ok":
        return fmt_run(ref.run)
    return fmt_s(ref.cpu_s) + (f" ({ref.note})" if ref.note else "")


def ratio(r: Run | None, ref: Reference) -> float | None:
    if r is None or r.status != "ok" or ref.cpu_s is None or not ref.cpu_s:
        return None
    return r.cpu_s / ref.cpu_s


def fmt_ratio(r: Run | None, ref: Reference) -> str:
    value = ratio(r, ref)
    if value is not None:
        if value < 0.1:  # two significant digits, never in exponent notation: 0.047×, 0.0015×
            text = f"{value:.2g}"
            return (f"{value:.{1 - math.floor(math.log10(value))}f}" if "e" in text else text) + "×"
        return f"{value:.2f}×" if value < 10 else f"{value:.0f}×"
    if r is not None and r.status == "over cap" and r.cpu_s and ref.cpu_s:
        bound = r.cpu_s / ref.cpu_s  # CPU used by the time it was killed: a lower bound
        return f"over cap (> {bound:.3g}×)"
    if r is not None and r.status == "ok" and ref.run.status == "over cap" and ref.run.cpu_s:
        return f"< {r.cpu_s / ref.run.cpu_s:.3g}× (reference over cap)"
    return r.status if r is not None and r.status != "ok" else "–"


def machine() -> dict:
    model = platform.processor() or platform.machine()
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                model = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cpus": os.cpu_count(), "system": f"{platform.system()} {platform.machine()}",
            "python": platform.python_version()}


def versions(symengine: bool) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("symdiff", "sympy", "symengine"):
        try:
            out[name] = version(name) if name != "symengine" or symengine else None
        except PackageNotFoundError:
            out[name] = None
    return out


def print_table(rows: list[Row]) -> None:
    headers = ("row", "symdiff CPU (wall)", "reference", "reference CPU", "ratio", "goal", "load")
    table = []
    for row in rows:
        refs = row.refs or [None]
        for i, ref in enumerate(refs):
            table.append((row.work if i == 0 else "", fmt_run(row.symdiff) if i == 0 else "",
                          ref.label if ref else "–", fmt_ref(ref) if ref else "–",
                          fmt_ratio(row.symdiff, ref) if ref else "–",
                          row.goal if i == 0 else "", f"{row.load:.2f}" if i == 0 else ""))
    widths = [max(len(h), *(len(t[i]) for t in table)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("-" * (sum(widths) + 2 * (len(widths) - 1)))
    for t in table:
        print("  ".join(c.ljust(w) for c, w in zip(t, widths)).rstrip())
    for row in rows:
        for note in row.notes:
            print(f"note ({row.key}): {note}")


def markdown(rows: list[Row], meta: dict) -> str:
    load = meta["load"]
    m = meta["machine"]
    v = meta["versions"]
    engine = f"SymEngine {v['symengine']}" if v.get("symengine") else f"SymEngine {meta['symengine_absent']}"
    elapsed = meta["elapsed_s"]
    took = f"{elapsed:.0f} s" if elapsed < 120 else f"{elapsed / 60:.0f} minutes"
    lines = [
        f"Measured with `{meta['command']}` on {m['cpu']} ({m['cpus']} CPUs, {m['system']}), Python "
        f"{m['python']}, SymPy {v['sympy']}, {engine}, symdiff {v['symdiff']}; load average "
        f"{load['start']:.1f} at the start, {load['end']:.1f} at the end (highest {load['max']:.1f}); "
        f"{took} in all. Times are CPU seconds of the whole process tree "
        f"(wall time in brackets); every reference is a fresh process timed in the same run; a ratio "
        f"is symdiff's CPU time over the reference's (lower is better).",
        "",
        "| work | command | symdiff, CPU (wall) | reference in the same run, CPU | ratio | goal | load |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        refs = [f"{ref.label}: {fmt_ref(ref)}" for ref in row.refs] or ["–"]
        ratios = [fmt_ratio(row.symdiff, ref) for ref in row.refs] or ["–"]
        lines.append(f"| {row.work} | {row.command} | {fmt_run(row.symdiff)} | {'<br>'.join(refs)} | "
                     f"{'<br>'.join(ratios)} | {row.goal} | {row.load:.1f} |")
    notes = [note for row in rows for note in row.notes]
    if notes:
        lines += [""] + [f"- {note}" for note in notes]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def symengine_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("symengine") is not None


def main(args) -> int:
    sizes = SIZES["quick" if args.quick else "full"]
    cap = args.cap if args.cap is not None else (600.0 if args.quick else 120.0)
    symengine = symengine_available() and not args.no_symengine
    command = symdiff_command()
    started = time.perf_counter()
    loads = [os.getloadavg()[0]]
    info = machine()
    print(f"{info['cpu']}, {info['cpus']} CPUs; load average {loads[0]:.2f}; cap {cap:g} s a run; "
          f"symdiff command: {' '.join(command)}", file=sys.stderr)
    absent = "left out (--no-symengine)" if args.no_symengine else "not installed (pip install -e '.[bench]')"
    if not symengine:
        print(f"SymEngine {absent}: the rows give the bare SymPy ratios only", file=sys.stderr)
    ensure_bytecode()
    # The references build the expressions themselves: make sure they are the ones symdiff reads.
    workloads.check_same()
    texts = lines_module.generate(sizes["lines"])
    lines_module.check_same(texts[:200])

    rows = selected(plan(sizes), args.rows)
    with tempfile.TemporaryDirectory(prefix="symdiff-bench-speed-") as tmp:
        measure(rows, sizes, command, cap, symengine, 0.0 if args.quick else REPEAT_BELOW_S, Path(tmp))
    loads += [row.load for row in rows] + [os.getloadavg()[0]]
    meta = {
        "command": "python -m bench" + (" --quick" if args.quick else "") +
                   (f" --cap {args.cap:g}" if args.cap is not None else "") +
                   (" --no-symengine" if args.no_symengine else "") +
                   (f" --rows {args.rows}" if args.rows else ""),
        "machine": info, "versions": versions(symengine), "cap_s": cap, "symengine_absent": absent,
        "load": {"start": loads[0], "end": loads[-1], "max": max(loads), "min": min(loads),
                 "all": os.getloadavg()},
        "elapsed_s": time.perf_counter() - started,
    }
    if args.markdown:
        print(markdown(rows, meta))
    else:
        print_table(rows)
        print(f"\nratio = symdiff CPU / reference CPU (whole process trees; lower is better). Load average "
              f"{meta['load']['start']:.2f} -> {meta['load']['end']:.2f} (max {meta['load']['max']:.2f}); "
              f"{meta['elapsed_s']:.0f} s in all.")
    if args.json:
        payload = dict(meta, rows=[dict(asdict(row), ratios=[ratio(row.symdiff, ref) for ref in row.refs])
                                   for row in rows])
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}", file=sys.stderr)  # stdout is the table alone
    return 0
