"""A batch is the same batch whatever ends its lines (\\n, \\r\\n or a bare \\r, as an old Mac CSV) and
whether it comes from --file or a pipe: `app.batch.open_source` reads both with universal newlines."""

import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symdiff.core.parsing import LINE_BREAKS

ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
EXPRESSIONS = st.sampled_from(["x^2", "sin(x)", "x*y", "exp(2*x)", "3*x^3 - x", "ln(x)", "x/(1 + x)"])


def _records(stdout: str) -> list[tuple[int, str]]:
    return [(r["line"], r["result"]) for r in map(json.loads, stdout.splitlines())]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.tuples(EXPRESSIONS, ENDINGS), min_size=1, max_size=5))
def test_file_and_stdin_split_lines_alike(run, tmp_path, lines):
    data = "".join(expr + end for expr, end in lines)
    path = tmp_path / "exprs.txt"
    path.write_bytes(data.encode())
    from_file = run("partial", "--file", str(path), "x", "--format", "json", "--no-steps")
    from_stdin = run("partial", "-", "x", "--format", "json", "--no-steps", input=data)
    assert from_file.exit_code == from_stdin.exit_code == 0, (from_file.stderr, from_stdin.stderr)
    numbered = _records(from_stdin.stdout)
    assert numbered == _records(from_file.stdout)
    # one record per line, numbered as the lines are, each the derivative of that line alone
    assert [n for n, _ in numbered] == list(range(1, len(lines) + 1))


def test_a_real_pipe_splits_at_a_bare_cr(tmp_path):
    """CliRunner's stdin is not the interpreter's: a real pipe, once."""
    done = subprocess.run([sys.executable, "-m", "symdiff", "partial", "-", "x", "--format", "json", "--no-steps"],
                          input=b"x^2\ry^3\n", capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert _records(done.stdout.decode()) == [(1, "2*x"), (2, "0")]


BREAKS = st.sampled_from(sorted(LINE_BREAKS))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.tuples(st.sampled_from(["", "#note", "x^2", "sin(x)"]), BREAKS,
                                st.sampled_from(["before", "after", "alone"])), min_size=1, max_size=5))
def test_a_line_break_character_is_reported_in_its_line_never_dropped(run, lines):
    """A line holding one of the characters str.splitlines breaks at (but a batch does not) is refused
    by name in its place: not skipped as blank or as a comment, not answered with the character lost."""
    texts = [(brk if where != "after" else "") + (expr if where != "alone" else "") + (brk if where == "after" else "")
             for expr, brk, where in lines]
    done = run("partial", "-", "x", "--format", "json", "--no-steps", input="\n".join(texts) + "\n")
    records = list(map(json.loads, done.stdout.splitlines()))
    # a comment is free text whatever it holds: only a line that begins with the break is not one
    expected = [n for n, text in enumerate(texts, 1) if not text.startswith("#")]
    assert [r["line"] for r in records] == expected
    assert all(r["error"]["type"] == "syntax" for r in records), records
    assert done.exit_code != 0 or not expected
