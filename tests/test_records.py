"""Scale-out: one record in, the CLI's record out; and the Dask recipe from the README."""

from __future__ import annotations

import json

import pytest
from helpers import cli_args
from typer.testing import CliRunner

from symdiff.app.cli import app
from symdiff.app.records import process_record

LINES = ["3*x**2*y**4", "sin(x)/x", "3*x**", "exp(x**2)*log(x, 2)", "f(x)", "sigmoid(2x) + relu(x)"]


def cli_records(lines, *args):
    result = CliRunner().invoke(app, cli_args(["partial", "-", "x", "--format", "json", *args]),
                                input="\n".join(lines) + "\n")
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_record_matches_the_command_line():
    expected = cli_records(LINES)
    got = [process_record({"expr": text, "wrt": ["x"], "line": k}) for k, text in enumerate(LINES, 1)]
    assert got == expected


def test_records_for_other_commands_and_bad_records():
    record = process_record({"command": "grad", "expr": "x*y", "at": "x=1,y=2"})
    assert record["gradient"] == ["y", "x"] and record["value"] == [2.0, 1.0]
    assert process_record({"command": "jacobian", "expr": "x*y; x"})["jacobian"] == [["y", "x"], ["1", "0"]]
    assert process_record({"command": "nope", "expr": "x"})["error"]["type"] == "syntax"
    assert process_record({"wrt": ["x"]})["error"]["type"] == "syntax"


def test_dask_bag_recipe_matches_the_command_line(tmp_path):
    db = pytest.importorskip("dask.bag", reason='Dask is optional: pip install "symdiff[dask]"')
    source = tmp_path / "exprs.jsonl"
    source.write_text("".join(json.dumps({"expr": t, "wrt": ["x"], "line": k}) + "\n"
                              for k, t in enumerate(LINES, 1)), encoding="utf-8")
    bag = db.read_text(str(source)).map(json.loads).map(process_record).map(json.dumps)
    out = tmp_path / "out"
    bag.to_textfiles(str(out / "*.jsonl"), scheduler="processes", num_workers=2)
    lines = [line for path in sorted(out.glob("*.jsonl")) for line in path.read_text().splitlines()]
    assert [json.loads(line) for line in lines] == cli_records(LINES)
