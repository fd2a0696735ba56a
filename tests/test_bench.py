"""The benchmark harness runs end to end (`python -m bench --quick`): a smoke test of bench/, not of speed.

Nothing here looks at a time: the quick sizes are tiny and their ratios mean nothing. What must
hold is that every row of the speed table ran symdiff and each of its references to the end and
printed a ratio against each, so that a harness broken by a change of the CLI or of its output shows
up here rather than in the middle of a 15-minute run.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATIO = re.compile(r"^\d+(\.\d+)?×$")
WORKS = ("dense loss", "dense loss", "softmax cross-entropy", "softmax cross-entropy", "nesting", "nesting",
         "separable loss", "the same through the API", "12 varied lines, steps", "12 varied lines, `--no-steps`",
         "cold start")


def test_quick_bench_prints_a_ratio_against_every_reference_of_every_row():
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--markdown"], cwd=ROOT,
                          capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    header, rows = table[0], table[1:]
    columns = [c.strip() for c in header.strip("|").split("|")]
    assert len(rows) == len(WORKS), proc.stdout
    for row, work in zip(rows, WORKS):
        cells = dict(zip(columns, (c.strip() for c in row.strip("|").split("|"))))
        assert cells["work"].startswith(work), row
        references = cells["reference in the same run, CPU"].split("<br>")
        ratios = cells["ratio"].split("<br>")
        assert len(ratios) == len(references) >= 1, row
        assert all(RATIO.match(r) for r in ratios), row
    assert "load average" in proc.stdout


def test_rows_runs_only_the_rows_named_and_refuses_a_name_of_none():
    sys.path.insert(0, str(ROOT))
    from bench import speed

    rows = speed.plan(speed.SIZES["quick"])
    assert [r.key for r in speed.selected(rows, "dense-8,cold")] == ["dense-8", "cold"]
    assert [r.key for r in speed.selected(rows, "nesting")] == ["nesting-3", "nesting-6"]
    # Rows that share their references run together.
    assert [r.key for r in speed.selected(rows, "separable-30-api")] == ["separable-30", "separable-30-api"]
    assert speed.selected(rows, None) == rows
    try:
        speed.selected(rows, "dense-9")
    except SystemExit as e:
        assert "dense-9" in str(e) and "dense-8" in str(e)
    else:
        raise AssertionError("an unknown row was accepted")
