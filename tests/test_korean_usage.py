"""Korean usage errors: whole sentences that say what is missing, the usage line and where help is
(as Click writes them in English), and no echo of the input when no column points into it."""

from __future__ import annotations

import re

import pytest
from helpers import invoke
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize("args", [["partial", "x^2", "x", "--bogus"], ["jacobian", "x", "--nope"],
                                  ["descend", "x^2 + y^2", "--from", "3"]])
def test_a_korean_usage_error_has_the_usage_line_and_the_help_hint(args):
    english = invoke(*args).output
    korean = invoke(*args, "--lang", "ko").output
    usage = next(line for line in english.splitlines() if line.startswith("Usage: "))
    assert f"사용법: {usage.removeprefix('Usage: ')}" in korean.splitlines()
    assert f"도움말은 'symdiff {args[0]} -h'로 볼 수 있습니다." in korean.splitlines()


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10 ** 6), st.sampled_from(["--from", "--at"]))
def test_a_pair_without_a_name_says_the_name_is_missing(n, option):
    # (one number is the start of f of one variable: a pair is missing its name only with two)
    command = ["descend", "x^2 + y^2"] if option == "--from" else ["grad", "x^2"]
    out = invoke(*command, option, str(n), "--lang", "ko").output
    assert f"이름 없이 '{n}'만 있습니다." in out and f"x={n}처럼" in out and " 수가 있습니다" not in out, out


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["x", "y", "theta", "w_1", "lr"]))
def test_a_pair_without_a_value_says_the_value_is_missing(name):
    out = invoke("descend", "x^2", "--from", name, "--lang", "ko").output
    assert f"값 없이 '{name}'만 있습니다." in out and f"{name}=3처럼" in out, out


def test_a_missing_value_is_a_sentence_without_arithmetic_and_without_an_empty_caret():
    for lang, said in (("ko", "y의 값이 없습니다. --at 옵션에 y의 값을 추가해야 합니다."),
                       ("en", "no value given for y (add it to --at)")):
        result = invoke("tangent", "x^2*y", "--at", "x=1", "--lang", lang)
        lines = result.output.splitlines()
        assert lines[-1].endswith(said) and "더해야" not in result.output, result.output
        assert "  x^2*y" not in lines  # no column: nothing to put a caret under, so no echo


def test_an_error_with_a_column_keeps_its_caret():
    out = invoke("partial", "x^^2", "x", "--lang", "ko").output.splitlines()
    assert "  x^^2" in out and any(line.strip() == "^" for line in out)


# --- --plot's path and --shape's placeholders: Korean, without English words

def _plot_paths(tmp_path):
    """A path of each kind --plot cannot write to, built under `tmp_path`."""
    (tmp_path / "dir").mkdir()
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling.png").symlink_to(tmp_path / "missing" / "p.png")
    (tmp_path / "to_dir.png").symlink_to(tmp_path / "dir")
    return {"no directory": str(tmp_path / "missing" / "p.png"), "a directory": str(tmp_path / "dir"),
            "no file name": str(tmp_path / "dir") + "/", "an extension": str(tmp_path / "p.xyz"),
            "a device": "/dev/null", "a link loop": str(tmp_path / "loop"),
            "a dangling link": str(tmp_path / "dangling.png"), "a link to a directory": str(tmp_path / "to_dir.png")}


def _english_left(line: str) -> list[str]:
    """The English words of `line` beyond the paths (shortened with … where long), file extensions,
    options and names it quotes."""
    line = re.sub(r"\S*[/…]\S*|--\w+|\.\w+|matplotlib", " ", line)
    return re.findall(r"[A-Za-z]{3,}", line)


@pytest.mark.parametrize("kind", ["no directory", "a directory", "no file name", "an extension", "a device",
                                  "a link loop", "a dangling link", "a link to a directory"])
@pytest.mark.parametrize("command", [["grad", "x^2 + y^2", "--at", "x=1,y=2"], ["descend", "x^2", "--from", "x=1"]],
                         ids=["grad", "descend"])
def test_a_plot_path_that_cannot_be_written_is_refused_in_korean(tmp_path, kind, command):
    """`--plot /nonexistent/dir/p.png --lang ko` said "Error: Invalid value for '--plot': the directory
    /nonexistent/dir does not exist", Click's English and symdiff's."""
    pytest.importorskip("matplotlib")
    path = _plot_paths(tmp_path)[kind]
    english = invoke(*command, "--plot", path)
    assert english.exit_code == 2 and "Invalid value for '--plot'" in english.output, english.output
    korean = invoke(*command, "--plot", path, "--lang", "ko")
    assert korean.exit_code == 2, korean.output
    [said] = [line for line in korean.output.splitlines() if line.startswith("사용법 오류: --plot 옵션의 값이")]
    assert _english_left(said) == [], said
    assert said.endswith("."), said
    assert "Error" not in korean.output and "Usage" not in korean.output, korean.output


shape_names = st.lists(st.sampled_from(["A", "B", "W", "M1", "Q_2"]), min_size=1, max_size=3, unique=True)


@settings(max_examples=12, deadline=None)
@given(shape_names)
def test_a_missing_shape_is_asked_for_in_korean_placeholders(names):
    """`--shape A=ROWS,COLS` in a Korean sentence: its placeholders are words, said as 행,열."""
    text = "x.T*" + "*".join(names) + "*x"
    out = invoke("matrix", text, "x", "--shape", "x=n,1", "--lang", "ko").output
    assert all(f"--shape {name}=행,열" in out for name in names), out
    assert not re.search(r"ROWS|COLS|NAME", out), out
    english = invoke("matrix", text, "x", "--shape", "x=n,1").output
    assert all(f"--shape {name}=ROWS,COLS" in english for name in names), english


@settings(max_examples=12, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(["1", "n", "m", "3"]), min_size=3, max_size=4).map(lambda s: "x=" + ",".join(s)),
                 st.sampled_from(["x", "bad", "=n,1", "x:n,1", "x n,1", "1=2,2"])))
def test_a_bad_shape_is_refused_in_korean_placeholders(shape):
    out = invoke("matrix", "x.T*x", "x", "--shape", shape, "--lang", "ko").output
    assert "사용법 오류: --shape 옵션의 값이 잘못되었습니다." in out, out
    assert not re.search(r"ROWS|COLS|NAME", out) and "행,열" in out, out


@pytest.mark.parametrize("args", [["backprop", "--layers", "4,은닉,2"], ["backprop", "--inputs", "은닉"],
                                  ["matrix", "x.T*x", "x", "--shape", "x=은닉,1"]])
def test_a_size_named_in_hangul_is_refused_in_korean_naming_the_letter(args):
    out = invoke(*args, "--lang", "ko").output
    assert "'은'" in out and "글자는 이 이름에 쓸 수 없습니다" in out, out


def test_the_help_of_shape_says_one_size_is_a_column():
    out = invoke("matrix", "--help").output
    assert "x=n, is the same n×1" in " ".join(out.split()), out
