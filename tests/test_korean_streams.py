"""Korean runs say their stream failures, skipped lines, batch summaries and descent kinks in Korean
(try-44: "error: cannot write to standard output: No space left on device", "the line has 2501
characters…", "(syntax 1)" and "gradient descent starts at x=0, where there is no gradient…" were
English under --lang ko). English stays as it was: scripts grep it.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import invoke
from test_streams import one_error_line, symdiff

HANGUL = re.compile("[가-힣]")
PROPERTY = settings(max_examples=8, deadline=None, derandomize=True, database=None)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("lang, words", [("ko", ["오류: 표준 출력에 쓸 수 없습니다", "장치에 남은 공간이 없습니다"]),
                                         ("en", ["error: cannot write to standard output", "No space left on device"])])
def test_a_full_disk_is_said_in_the_runs_language(lang, words):
    with open("/dev/full", "w") as full:
        done = symdiff("partial", "x^2", "x", "--lang", lang, stdout=full)
    assert done.returncode == 4
    one_error_line(done.stderr, *words)


def test_a_missing_file_is_said_in_korean(tmp_path):
    missing = tmp_path / "없는파일.txt"
    result = invoke("partial", "--file", str(missing), "x", "--lang", "ko")
    assert result.exit_code == 4
    assert "읽을 수 없습니다" in result.stderr and "그런 파일이 없습니다" in result.stderr, result.stderr


@PROPERTY
@given(st.integers(1, 3), st.integers(0, 3))
def test_batch_summaries_and_overlong_lines_are_korean(bad, good):
    lines = ["x^2"] * good + ["sin("] * bad + ["x" * 2_000_001]
    result = invoke("partial", "x", "--file", "-", "--lang", "ko", input="\n".join(lines) + "\n")
    errors = result.stderr.splitlines()
    summary = errors[-1]
    assert f"실패 {bad + 1}" in summary and "구문 오류" in summary and "한도 초과" in summary, summary
    assert not re.search(r"\b(syntax|limit)\b", summary), summary
    overlong = [e for e in errors if "2000001" in e]
    assert overlong and HANGUL.search(overlong[0]) and "characters" not in overlong[0], overlong


@PROPERTY
@given(st.integers(-3, 3), st.sampled_from(["ko", "en"]))
def test_a_descent_that_meets_a_kink_says_so_in_its_language(c, lang):
    result = invoke("descend", f"abs(x - ({c}))", "--from", f"x={c}", "--lang", lang)
    assert result.exit_code == 1
    said = [e for e in result.stderr.splitlines() if e.startswith(("오류", "error"))][0]
    if lang == "ko":
        assert said.startswith("오류: 경사 하강법의 시작점") and "gradient" not in said, said
    else:
        assert said.startswith("error: gradient descent starts at"), said


@PROPERTY
@given(st.text(alphabet=", \t", max_size=4), st.sampled_from(["grad", "hessian"]), st.sampled_from(["en", "ko"]))
def test_vars_that_name_no_variable_is_a_usage_error(text, command, lang):
    """try-44: `--vars ""` was taken as every variable, silently."""
    result = invoke(command, "x*y", "--vars", text, "--lang", lang)
    assert result.exit_code == 2, result.output
    assert "--vars" in result.output


@PROPERTY
@given(st.integers(0x80, 0xFF), st.integers(0, 2))
def test_a_graded_line_that_is_not_utf8_is_an_unreadable_verdict(byte, good):
    """try-45: check --file gave a line of bytes that are not UTF-8 no verdict (no "command", no
    "verdict": "unreadable"), and counted it as "syntax" in an otherwise Korean summary."""
    import json
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "answers.jsonl"
    right = b'{"expr": "x^2", "var": "x", "answer": "2*x"}\n'
    path.write_bytes(right * good + bytes([byte]) + b"\n")
    records = [json.loads(r) for r in invoke("check", "--file", str(path), "--format", "json").stdout.splitlines()]
    last = records[-1]
    assert last["command"] == "check" and last["verdict"] == "unreadable" and last["line"] == good + 1, last
    summary = invoke("check", "--file", str(path), "--lang", "ko").stderr.splitlines()[-1]
    assert "읽을 수 없음 1" in summary and "syntax" not in summary, summary
