"""Streams and files: a byte-order mark, lines over the length limit read with a bound, and standard
streams that are closed, full or cannot hold Unicode (exit 4, one line on stderr, no traceback)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff.app.batch import Lines, Overlong, iter_lines
from symdiff.app.cli import app
from symdiff.render.ascii import ascii_math

BOM = "\ufeff".encode("utf-8")
# derandomize: the same examples on every run, so the suite is deterministic; database=None: no files.
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
# A generous bound for one short command under load; nothing here asserts a timing.
LONG = 300


def symdiff(*args, stdin=None, stdout=subprocess.PIPE, env=None, shell_redirect=""):
    """symdiff in a fresh interpreter, with real standard streams. `shell_redirect` (such as `>&-`)
    is applied by a shell, to start it with a stream closed."""
    command = [sys.executable, "-m", "symdiff", *args]
    if shell_redirect:
        command = ["sh", "-c", f'exec "$0" "$@" {shell_redirect}', *command]
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(command, input=stdin, stdout=stdout, stderr=subprocess.PIPE, env=environment,
                          timeout=LONG)


def one_error_line(stderr: bytes, *words: str) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert all(w in lines[0] for w in words), lines[0]
    return lines[0]


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- the byte-order mark

EXPRESSIONS = ["x**2", "sin(x)", "3*x + 1", "exp(2*x)", "", "# a comment", "  x**3  "]


@settings(PROPERTY, max_examples=15)  # each example runs the command twice
@given(st.lists(st.sampled_from(EXPRESSIONS), min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_a_bom_at_the_start_of_a_file_changes_nothing(tmp_path_factory, lines, end):
    # Notepad and Excel write one; the records (inputs, line numbers, results) must not see it.
    work = tmp_path_factory.mktemp("bom")
    body = end.join(lines).encode("utf-8") + end.encode()
    plain, marked = work / "plain.txt", work / "marked.txt"
    plain.write_bytes(body)
    marked.write_bytes(BOM + body)
    runner = CliRunner()
    without = runner.invoke(app, ["partial", "--file", str(plain), "x", "--format", "json"])
    with_bom = runner.invoke(app, ["partial", "--file", str(marked), "x", "--format", "json"])
    assert with_bom.exit_code == without.exit_code
    assert with_bom.stdout == without.stdout
    assert "\ufeff" not in with_bom.stdout


def test_a_bom_on_standard_input_is_dropped():
    done = symdiff("partial", "-", "x", "--format", "json", stdin=BOM + b"x**2\nsin(x)\n")
    assert done.returncode == 0, done.stderr
    records = json_lines(done.stdout.decode())
    assert [r["input"] for r in records] == ["x**2", "sin(x)"]
    assert [r["result"] for r in records] == ["2*x", "cos(x)"]


def test_a_bom_on_standard_input_for_a_file_dash(run):
    result = run("partial", "--file", "-", "x", "--format", "json", input=BOM + b"x**2\n")
    assert result.exit_code == 0
    assert json_lines(result.stdout)[0]["result"] == "2*x"


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_an_excel_csv_with_a_bom_is_read(run, tmp_path, end):
    # Excel's "CSV UTF-8" writes a BOM first: the header must still be expr,var,answer.
    path = tmp_path / "answers.csv"
    path.write_bytes(BOM + end.join(["expr,var,answer", "x**2,x,2*x", "sin(x),x,-cos(x)", ""]).encode())
    result = run("check", "--file", str(path), "--format", "json")
    records = json_lines(result.stdout)
    assert [r["verdict"] for r in records] == ["right", "wrong"]
    assert [r["line"] for r in records] == [2, 3]
    assert result.exit_code == 1


def test_json_lines_answers_with_a_bom_are_read(run, tmp_path):
    path = tmp_path / "answers.jsonl"
    rows = [{"expr": "x**2", "var": "x", "answer": "2*x"}, {"expr": "x**3", "var": "x", "answer": "3*x"}]
    path.write_bytes(BOM + "".join(json.dumps(r) + "\n" for r in rows).encode())
    result = run("check", "--file", str(path), "--format", "json")
    assert [r["verdict"] for r in json_lines(result.stdout)] == ["right", "wrong"]
    assert "2 lines" in result.stderr


def test_an_over_long_row_in_a_check_csv_costs_only_that_row(run, tmp_path):
    path = tmp_path / "answers.csv"
    huge = "x+" * 2_000_000 + "x"  # past the record limit (16 x 200 000 characters)
    wide = "x" + " " * 150_000  # a field over the csv module's default limit, an expression under ours
    path.write_text(f"expr,var,answer\nx**2,x,2*x\n{huge},x,1\n{wide},x,1\nsin(x),x,cos(x)\n")
    result = run("check", "--file", str(path), "--format", "json")
    records = json_lines(result.stdout)
    assert [r["line"] for r in records] == [2, 3, 4, 5]
    assert records[1]["error"]["type"] == "limit" and f"{len(huge) + 4} characters" in records[1]["error"]["message"]
    assert [records[i]["verdict"] for i in (0, 2, 3)] == ["right", "right", "right"]


# --- reading with a bound

def read(text: str, limit: int, skip_limit: int = 10_000) -> tuple[list, str | None]:
    lines = Lines(io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8-sig"), limit, skip_limit)
    return list(lines), lines.failure


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, 30), st.sampled_from("x+é²")), min_size=1, max_size=8),
       st.integers(1, 20), st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_every_line_is_kept_or_reported_with_its_length(pieces, limit, bom, end):
    texts = [ch * n for n, ch in pieces]
    items, failure = read(("\ufeff" if bom else "") + end.join(texts) + end, limit)
    assert failure is None
    assert [number for number, _ in items] == list(range(1, len(texts) + 1))
    for text, (_, got) in zip(texts, items):
        if len(text) <= limit:
            assert got.rstrip("\n") == text
        else:
            assert isinstance(got, Overlong)
            assert (got.length, got.head, got.ended) == (len(text), text[:min(1000, limit + 1)], True)
            assert got.error().type == "limit" and f"{len(text)} characters" in got.error().message


def test_a_line_with_no_end_past_the_skip_limit_ends_the_input():
    items, failure = read("x**2\n" + "0" * 5000 + "\nsin(x)\n" + "\0" * 50_000, 100, skip_limit=20_000)
    assert [n for n, _ in items] == [1, 2, 3, 4]
    assert isinstance(items[1][1], Overlong) and items[1][1].ended
    last = items[3][1]
    assert isinstance(last, Overlong) and not last.ended and "more than" in last.error().message
    assert failure is not None and "line 4" in failure and "20000" in failure


def test_a_read_error_ends_the_input_after_the_lines_read():
    class Failing(io.StringIO):
        def readline(self, size=-1):
            line = super().readline(size)
            if not line:
                raise OSError(5, "Input/output error")
            return line

    lines = Lines(Failing("x\ny\n"), 100, 1000)
    assert [t for _, t in iter_lines(lines)] == ["x", "y"]
    assert lines.failure == "Input/output error"


def peak_rss_kib(*args) -> int:
    """The largest resident size of symdiff or any of its workers, from a fresh parent (so no other
    test's child counts)."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=%d)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n" % LONG)
    done = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "symdiff", *args],
                          capture_output=True, text=True, timeout=LONG + 60)
    return int(done.stdout.split()[-1])


def test_a_50_mb_line_is_read_past_with_flat_memory(tmp_path):
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("x**2\nx**3\nsin(x)\n")
    with big.open("w") as f:
        f.write("x**2\n")
        for _ in range(50):
            f.write("x+" * 500_000)
        f.write("x\nsin(x)\n")
    baseline = peak_rss_kib("partial", "--file", str(small), "x", "--format", "json")
    peak = peak_rss_kib("partial", "--file", str(big), "x", "--format", "json")
    # Holding the line once would cost 50 MB (decoding and stripping it, 200 MB); bounded reading
    # costs a few chunks of the 200 000-character limit.
    assert peak - baseline < 20 * 1024, (baseline, peak)

    done = symdiff("partial", "--file", str(big), "x", "--format", "json")
    records = json_lines(done.stdout.decode())
    assert [r["line"] for r in records] == [1, 2, 3]
    assert records[1]["error"]["type"] == "limit"
    assert "50000001 characters" in records[1]["error"]["message"]
    assert records[1]["input"].endswith("(50000001 characters)") and len(records[1]["input"]) < 1100
    assert records[2]["result"] == "cos(x)"
    assert done.returncode == 1


def _address_space(limit_bytes: int):
    def apply():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    return apply


def test_dev_zero_ends_with_a_clear_error():
    # Endless data with no line end: one `limit` record for line 1, then reading stops (exit 4).
    # The address-space cap only keeps a regression from taking the machine's memory with it.
    done = subprocess.run([sys.executable, "-m", "symdiff", "partial", "--file", "/dev/zero", "x", "--format", "json"],
                          capture_output=True, timeout=LONG, preexec_fn=_address_space(3 << 30))
    assert done.returncode == 4
    records = json_lines(done.stdout.decode())
    assert len(records) == 1 and records[0]["line"] == 1 and records[0]["error"]["type"] == "limit"
    stderr = done.stderr.decode()
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if line.startswith("error:")] == [
        "error: cannot read /dev/zero: line 1 goes on past 1073741824 characters with no line end "
        "(endless data?); reading stopped"]


# --- standard streams: exit 4, one line, no traceback

def test_stdout_full():
    with open("/dev/full", "w") as full:
        done = symdiff("partial", "x**2", "x", stdout=full)
    assert done.returncode == 4
    one_error_line(done.stderr, "cannot write to standard output", "No space left on device")


def test_stdout_full_in_a_batch_stops_the_batch(tmp_path):
    path = tmp_path / "exprs.txt"
    path.write_text("".join(f"x**{i}\n" for i in range(1, 200)))
    with open("/dev/full", "w") as full:
        done = symdiff("partial", "--file", str(path), "x", stdout=full)
    assert done.returncode == 4
    one_error_line(done.stderr, "No space left on device")


@settings(PROPERTY, max_examples=6)
@given(st.sampled_from(["text", "json"]), st.sampled_from(["1", "2"]), st.integers(1, 3),
       st.sampled_from(["partial", "check"]))
def test_a_reader_that_goes_away_ends_the_batch_quietly(tmp_path_factory, format, jobs, wanted, command):
    """`symdiff partial --file big x | head -1`: the reader asked for no more, which is not an error
    to report (issue 15: it printed "error: cannot write to standard output: Broken pipe", exit 4).
    The status is that of a process ended by SIGPIPE (141), as `cat` would give, with no word on
    stderr."""
    path = tmp_path_factory.mktemp("pipe") / "big.txt"
    if command == "check":
        lines = [json.dumps({"expr": f"x**{i}", "var": "x", "answer": f"{i}*x**{i - 1}"}) for i in range(2, 2000)]
        args = ["check", "--file", str(path)]
    else:
        lines = [f"x**{i}*sin(x)" for i in range(2, 2000)]
        args = ["partial", "--file", str(path), "x"]
    path.write_text("\n".join(lines) + "\n")
    command_line = [sys.executable, "-m", "symdiff", *args, "--format", format, "--jobs", jobs, "--timeout", "600"]
    proc = subprocess.Popen(command_line, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    for _ in range(wanted):
        assert proc.stdout.readline()
    proc.stdout.close()
    try:
        stderr = proc.stderr.read()
        proc.wait(timeout=LONG)
    finally:
        proc.kill()
    assert proc.returncode == 141, (proc.returncode, stderr)
    assert stderr == b""


@pytest.mark.parametrize("args", [["partial", "x**2", "x"], ["partial", "-", "x"], ["--version"]])
def test_stdout_closed(args):
    done = symdiff(*args, stdin=b"x**2\n", stdout=None, shell_redirect=">&-")
    assert done.returncode == 4
    one_error_line(done.stderr, "cannot write to standard output")


@pytest.mark.parametrize("args", [["partial", "-", "x"], ["partial", "--file", "-", "x"], ["check", "--file", "-"]])
def test_stdin_closed(args):
    done = symdiff(*args, shell_redirect="<&-")
    assert done.returncode == 4
    one_error_line(done.stderr, "cannot read standard input", "closed")


def test_a_file_that_cannot_be_opened(run, tmp_path):
    result = run("partial", "--file", str(tmp_path / "missing.txt"), "x")
    assert result.exit_code == 4
    assert "cannot read" in result.stderr and "No such file" in result.stderr
    assert run("partial", "--file", str(tmp_path), "x").exit_code == 4  # a directory


# --- an encoding that cannot hold Unicode

ASCII = {"PYTHONIOENCODING": "ascii"}


@pytest.mark.parametrize("args, shown", [
    (["partial", "x**2*y**3", "x", "y"], ["d^2f/dydx = 6*x*y^2", "n*x^(n-1)"]),
    (["partial", "sqrt(x)*θ", "x", "--format", "rich"], ["df/dx = theta/(2*sqrt(x))"]),
    (["grad", "x**2*y", "--at", "x=1,y=2"], ["grad f = [2*x*y, x^2]^T", "|grad f|"]),
    (["jacobian", "x*y; x+y; sin(x)"], ["J (3x2"]),
    (["matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"], ["(A + A^T)x"]),
    (["descend", "(x-1)**2", "--from", "x=3", "--steps", "2"], ["x <- x - eta f'(x)"]),
])
def test_text_falls_back_to_ascii_math(args, shown):
    done = symdiff(*args, env=ASCII)
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii() and "Traceback" not in done.stderr.decode()
    out = done.stdout.decode()
    assert all(s in out for s in shown), out


@pytest.mark.parametrize("args", [
    ["partial", "x**2*θ + sqrt(x)", "x"],
    ["grad", "x**2*y + sin(y)", "--at", "x=1,y=2"],
    ["check", "x**2", "x", "2*x"],
    ["backprop"],
])
def test_json_stays_the_same_json_in_ascii(args):
    unicode = symdiff(*args, "--format", "json")
    ascii = symdiff(*args, "--format", "json", env=ASCII)
    assert ascii.returncode == unicode.returncode == 0
    assert ascii.stdout.isascii()
    assert json_lines(ascii.stdout.decode("ascii")) == json_lines(unicode.stdout.decode("utf-8"))
    assert b"\\u" in ascii.stdout  # the explanations' · and ∂ as escapes, not lost


def test_html_in_ascii_uses_character_references():
    done = symdiff("partial", "x**2*y", "x", "--format", "html", env=ASCII)  # two variables: ∂
    assert done.returncode == 0 and done.stdout.isascii()
    assert b"&#8706;" in done.stdout  # ∂


def test_output_with_no_ascii_spelling_is_exit_4():
    # Korean explanations have no ASCII spelling: no fallback is possible.
    done = symdiff("partial", "x**2", "x", "--lang", "ko", env=ASCII)
    assert done.returncode == 4
    assert done.stdout == b""
    one_error_line(done.stderr, "cannot write to standard output", "encoding (ascii)", "PYTHONIOENCODING=utf-8")


def test_help_in_ascii():
    done = symdiff("grad", "--help", env=ASCII)
    assert done.returncode == 0 and done.stdout.isascii()
    assert b"grad f points where f rises fastest" in done.stdout


SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@PROPERTY
@given(st.integers(-10**6, 10**6), st.sampled_from(["x", "θ", "(x + 1)", "y_1"]))
def test_ascii_math_spells_powers(n, base):
    spelled = ascii_math(base + str(n).translate(SUPERSCRIPT))
    assert spelled == ascii_math(base) + f"^{n}"
    assert spelled.isascii()


RENDERED = "∂·−²³⁴⁻¹√∇ᵀ…→←⊙‖′⟨⟩≠×∘ηθσδπΣ⁄⁽⁾₁½𝟏"


@PROPERTY
@given(st.text(alphabet=st.sampled_from("xy1 (+)*/" + RENDERED), max_size=40))
def test_ascii_math_spells_everything_the_renderers_write(text):
    spelled = ascii_math(text)
    assert spelled.isascii()
    assert ascii_math(spelled) == spelled


# --- check --file: the format is decided by the first record line, and every line is processed or
# reported with its number (issue 15: a first line that was not JSON was taken for a CSV header and
# dropped, and the JSON Lines after it were then misread as CSV rows)

ANSWERS = [("x**2", "x", "2*x"), ("sin(x)", "x", "cos(x)"), ("x*y", "y", "x"), ("log(x, 2)", "x", "1/(x*log(2))"),
           ("exp(3*x)", "x", "3*exp(3*x)")]
NOT_JSON = ["x**2,x,2*x", "expr var answer", "[1, 2]", '"x**2"', "x**2;x;2*x", "nan"]
NOT_A_ROW = ["log(x, 2),x,1/(x*log(2))", "x**2,x", "x**2,x,2*x,extra", '"x**2,x,2*x']


def _check_file(run, tmp_path, lines, name="answers.txt", end="\n", bom=False):
    path = tmp_path / name
    path.write_bytes((BOM if bom else b"") + (end.join(lines) + end).encode("utf-8"))
    result = run("check", "--file", str(path), "--format", "json", "--timeout", "600")
    assert "Traceback" not in result.stderr
    return result, {r["line"]: r for r in json_lines(result.stdout)}


def _expected_lines(lines, header: bool):
    numbered = [k for k, text in enumerate(lines, 1) if text.strip() and not text.strip().startswith("#")]
    return numbered[1:] if header else numbered


@settings(PROPERTY, max_examples=25)
@given(st.lists(st.one_of(st.sampled_from(ANSWERS).map(lambda a: ("good", a)),
                          st.sampled_from(NOT_JSON).map(lambda t: ("bad", t)),
                          st.sampled_from(["", "# a comment"]).map(lambda t: ("skip", t))), min_size=1, max_size=7),
       st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_json_lines_answers_every_line_processed_or_reported(tmp_path_factory, rows, bom, end):
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": None, "TERM": "dumb"})
    lines = [json.dumps(dict(zip(("expr", "var", "answer"), v))) if kind == "good" else v for kind, v in rows]
    if not any(kind == "good" for kind, _ in rows):
        lines.insert(0, json.dumps({"expr": "x", "var": "x", "answer": "1"}))
        rows.insert(0, ("good", ("x", "x", "1")))
    result = runner.invoke(app, ["check", "--file", str(_write(tmp_path_factory, lines, end, bom)), "--format", "json",
                  "--timeout", "600"])
    records = {r["line"]: r for r in json_lines(result.stdout)}
    assert sorted(records) == _expected_lines(lines, header=False)
    for k, (kind, _) in enumerate(rows, 1):
        if kind == "good":
            assert records[k]["verdict"] == "right", records[k]
        elif kind == "bad":
            assert records[k]["verdict"] == "unreadable" and records[k]["error"]["type"] == "syntax", records[k]
            assert "JSON" in records[k]["error"]["message"]
    assert result.exit_code == (1 if any(kind == "bad" for kind, _ in rows) else 0)


def _write(factory, lines, end, bom):
    path = factory.mktemp("answers") / "answers.txt"
    path.write_bytes((BOM if bom else b"") + (end.join(lines) + end).encode("utf-8"))
    return path


def _csv_row(answer):
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(answer)
    return out.getvalue()


@settings(PROPERTY, max_examples=25)
@given(st.permutations(["expr", "var", "answer", "student"]), st.sampled_from([str.lower, str.upper, str.title]),
       st.lists(st.one_of(st.sampled_from(ANSWERS).map(lambda a: ("good", a)),
                          st.sampled_from(NOT_A_ROW).map(lambda t: ("bad", t)),
                          st.sampled_from(["", "# a comment"]).map(lambda t: ("skip", t))), min_size=1, max_size=6),
       st.booleans())
def test_csv_answers_every_row_processed_or_reported(tmp_path_factory, columns, case, rows, bom):
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": None, "TERM": "dumb"})
    lines = [",".join(case(c) for c in columns)]
    for kind, value in rows:
        if kind == "good":
            fields = dict(zip(("expr", "var", "answer"), value), student="ann")
            lines.append(_csv_row([fields[c] for c in columns]))
        else:
            lines.append(value if kind == "skip" or "extra" not in value else value + ",more")
    result = runner.invoke(app, ["check", "--file", str(_write(tmp_path_factory, lines, "\r\n", bom)), "--format", "json",
                  "--timeout", "600"])
    records = {r["line"]: r for r in json_lines(result.stdout)}
    assert sorted(records) == _expected_lines(lines, header=True)
    for k, (kind, _) in enumerate(rows, 2):
        if kind == "good":
            assert records[k]["verdict"] == "right", records[k]
        elif kind == "bad":
            assert records[k].get("verdict", "unreadable") == "unreadable" and "error" in records[k], records[k]


def test_a_first_line_that_is_not_json_is_reported_and_the_json_lines_after_it_are_read(run, tmp_path):
    good = [json.dumps({"expr": e, "var": v, "answer": a}) for e, v, a in ANSWERS[:3]]
    result, records = _check_file(run, tmp_path, ["x**2,x,2*x", *good, "sin(x),x,cos(x)"])
    assert sorted(records) == [1, 2, 3, 4, 5]
    assert records[1]["verdict"] == "unreadable" and "nor a CSV header" in records[1]["error"]["message"]
    assert [records[k]["verdict"] for k in (2, 3, 4)] == ["right", "right", "right"]
    assert "this input is JSON Lines (decided by line 1)" in records[5]["error"]["message"]
    assert result.exit_code == 1


def test_a_csv_header_naming_a_column_twice_is_reported(run, tmp_path):
    result, records = _check_file(run, tmp_path, ["expr,expr,var,answer", "x,x,x,1"])
    assert "names expr twice" in records[1]["error"]["message"]
    assert records[2]["verdict"] == "unreadable"


def test_a_line_of_a_file_may_hold_a_loss_too_long_for_the_command_line(tmp_path):
    # Issue 18: a separable loss with 20 000 parameters is 309 000 characters; from a file it is read
    # (with the file-line bound) and differentiated, while an expression given any other way keeps the
    # 200 000-character limit, and a line past the file bound is still skipped with a limit error.
    from helpers import invoke

    from symdiff.api import partial
    from symdiff.core.errors import LimitError
    from symdiff.core.limits import DEFAULT_LIMITS, file_lines

    n = 17_000
    loss = "+".join(f"(w{i}-{i % 9 + 1})**2" for i in range(n))
    assert DEFAULT_LIMITS.max_length < len(loss) < DEFAULT_LIMITS.max_file_length
    path = tmp_path / "loss.txt"
    path.write_text(loss + "\n" + "x+" * (DEFAULT_LIMITS.max_file_length // 2) + "x\n", encoding="utf-8")
    result = invoke("partial", "--file", str(path), "w16999", "--no-steps", "--format", "json")
    first, second = (json.loads(t) for t in result.stdout.splitlines() if t.strip())
    assert first["result"] == "2*w16999 - 16"
    assert second["error"]["type"] == "limit" and "over the limit of 2000000" in second["error"]["message"]
    with pytest.raises(LimitError, match="over the limit of 200000"):
        partial(loss, "w0")
    with file_lines():
        assert partial(loss, "w0").result == partial("(w0-1)**2", "w0").result
    with pytest.raises(LimitError):
        partial(loss, "w0")  # the file bound ends with its block
