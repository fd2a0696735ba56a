"""A file's name given as the expression (`symdiff grad losses.txt`): the syntax error adds that the file is
read with --file, in English and Korean, the caret where it was; an expression that names no file is told
nothing about files."""

from __future__ import annotations

import json

from helpers import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

STEMS = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
EXTENSIONS = st.sampled_from(["txt", "csv", "jsonl", "json", "TXT"])
COMMANDS = st.sampled_from([("grad",), ("partial",), ("hessian",)])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEMS, EXTENSIONS, COMMANDS, st.sampled_from(["", "data/", "./"]))
def test_a_data_file_name_gets_the_file_option(stem, extension, command, folder):
    name = f"{folder}{stem}.{extension}"
    plain = json.loads(invoke(*command, name, "--format", "json").stdout)["error"]
    typed = json.loads(invoke(*command, "x.y", "--format", "json").stdout)["error"]
    assert plain["message"].endswith(f"; to read expressions from the file, use --file {name}"), plain
    assert plain["column"] == (1 if folder == "./" else name.index(".", len(folder)) + 1), plain
    assert "--file" not in typed["message"]
    ko = invoke(*command, name, "--lang", "ko").stderr
    assert f"파일에서 식을 읽으려면 --file {name} 옵션을 쓰면 됩니다." in ko and "use --file" not in ko, ko


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEMS, st.sampled_from(["dat", "log", "in"]))
def test_an_existing_file_of_any_name_gets_the_file_option(tmp_path_factory, stem, extension):
    path = tmp_path_factory.mktemp("losses") / f"{stem}.{extension}"
    path.write_text("x**2\n")
    said = invoke("grad", str(path)).stderr
    assert f"use --file {path}" in said, said
    assert f"--file {path}.{extension}" not in invoke("grad", f"{path}.{extension}").stderr


def test_the_reviewers_command():
    said = invoke("grad", "losses.txt").stderr
    assert said.startswith("error: unexpected character '.'; to read expressions from the file, use --file "
                           "losses.txt\n  losses.txt\n        ^"), said
