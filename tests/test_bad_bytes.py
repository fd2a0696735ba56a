"""Bytes that are not UTF-8 cost their own line and no other, and nothing symdiff writes is invalid
UTF-8: a batch of good lines and lines of random bytes gets a record for every good line and a
`syntax` error naming the line, the byte and its column for every bad one; a bad byte in an argument
is echoed as U+FFFD, in JSON and in a human error alike."""

from __future__ import annotations

import json
import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke
from symdiff.render.json import dumps

SETTINGS = dict(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])

GOOD = ["x^2", "sin(x)", "exp(2x)", "x^3 + 1", "log(x)*x"]


def _undecodable(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


# A line of random bytes with at least one that is not UTF-8: no line end in it (a reader splits at
# \n, \r and \r\n), and not a comment, which is skipped whatever it holds.
BAD_LINES = st.binary(min_size=1, max_size=40).map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" ")).filter(
    lambda b: _undecodable(b) and not b.strip().startswith(b"#"))
LINES = st.lists(st.one_of(st.sampled_from(GOOD).map(str.encode), BAD_LINES), min_size=1, max_size=8)


def _first_bad(line: bytes) -> tuple[int, int]:
    """The first byte of `line` that is not UTF-8 and its column in the line as read (characters
    from its first one that is not white space), by Python's strict decoder."""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = line[:exc.start].decode("utf-8")
        return line[exc.start], len(before.lstrip()) + 1
    raise AssertionError("the line is UTF-8")


def _records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]  # strict: must be UTF-8


@settings(**SETTINGS)
@given(lines=LINES, from_file=st.booleans(), command=st.sampled_from(["partial", "grad"]))
def test_every_good_line_has_its_record_and_each_bad_one_an_error(lines, from_file, command):
    # a first line of ASCII: a byte-order mark the random bytes could start with is dropped there
    data = b"# generated\n" + b"\n".join(lines) + b"\n"
    args = [command, "--format", "json", "--no-steps"]
    with tempfile.TemporaryDirectory() as folder:
        if from_file:
            path = os.path.join(folder, "lines.txt")
            with open(path, "wb") as f:
                f.write(data)
            result = invoke(*args, "--file", path, *(["x"] if command == "partial" else []))
        else:
            result = invoke(*args[:1], "-", *(["x"] if command == "partial" else []), *args[1:], input=data)
    records = _records(result.stdout_bytes)
    assert [r["line"] for r in records] == list(range(2, len(lines) + 2))
    bad = 0
    for line, record in zip(lines, records):
        if _undecodable(line):
            bad += 1
            byte, column = _first_bad(line)
            assert record["error"]["type"] == "syntax" and record["error"]["column"] == column
            assert f"byte 0x{byte:02X} at column {column}" in record["error"]["message"]
            assert "\ufffd" in record["input"]
            assert f"line {record['line']}: the byte 0x{byte:02X}" in result.stderr
        else:
            assert "result" in record or "gradient" in record, record
            assert record["input"] == line.decode()
    assert result.exit_code == (1 if bad else 0), result.stderr
    counted = f"{len(lines)} line{'s' if len(lines) > 1 else ''}: {len(lines) - bad} succeeded"
    assert counted + (f", {bad} failed (syntax {bad})" if bad else "") in result.stderr


@settings(**SETTINGS)
@given(byte=st.integers(0x80, 0xFF), where=st.sampled_from(["expr", "var", "answer"]),
       fmt=st.sampled_from(["json", "text"]))
def test_a_bad_byte_in_an_argument_is_echoed_as_a_replacement_character(byte, where, fmt):
    bad = b"x" + bytes([byte])
    text = bad.decode("utf-8", "surrogateescape")  # how Python gives the command line such an argument
    args = {"expr": ["check", text, "x", "1"], "var": ["check", "x", text, "1"],
            "answer": ["check", "x^2", "x", "2" + text]}[where]
    result = invoke(*args, "--format", fmt)
    out = result.stdout_bytes.decode("utf-8") + result.stderr_bytes.decode("utf-8")
    assert "\\udc" not in out  # neither the raw byte (the strict decode above) nor its escape
    assert f"byte 0x{byte:02X}" in out
    if fmt == "text" or where != "var":  # a JSON record echoes the expression and the answer, not the variable
        assert "\ufffd" in out
    if fmt == "json":
        (record,) = _records(result.stdout_bytes)
        assert record["error"]["type"] == "syntax" or record.get("verdict") == "unreadable"
    assert result.exit_code in (1, 2)


@given(text=st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF) | st.sampled_from("x^2(")),
       ascii=st.booleans())
def test_a_json_line_is_always_valid_utf8(text, ascii):
    line = dumps({"input": text, "error": {"type": "syntax", "message": f"at {text}"}}, ascii=ascii)
    back = json.loads(line.encode("utf-8").decode("utf-8"))
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in back["input"] + back["error"]["message"])
    assert back["input"] == "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    assert line.isascii() or not ascii


def test_graded_answers_lose_only_their_bad_lines_in_json_lines_and_csv():
    jsonl = (b'{"expr": "x^2", "var": "x", "answer": "2x"}\n{"expr": "x^2", "var": "x", "answer": "2x\xe9"}\n'
             b'{"expr": "x^3", "var": "x", "answer": "3x^2"}\n')
    csv = b"\xffnote\nexpr,var,answer\nx^2,x,2x\nx^2,x,\xe92x\nx^3,x,3x^2\n"
    for data, good, bad in ((jsonl, [1, 3], [2]), (csv, [3, 5], [1, 4])):  # the CSV's header is line 2
        result = invoke("check", "--file", "-", "--format", "json", input=data)
        records = {r["line"]: r for r in _records(result.stdout_bytes)}
        assert sorted(records) == sorted(good + bad)
        assert all(records[line]["verdict"] == "right" for line in good)
        for line in bad:
            byte, column = _first_bad(data.split(b"\n")[line - 1])
            error = records[line]["error"]
            assert error["column"] == column and f"byte 0x{byte:02X} at column {column}" in error["message"]
        assert result.exit_code == 1


def test_descend_names_the_bad_line_of_its_one_function():
    result = invoke("descend", "-", "--from", "1", input=b"x^2 + \xe9\n")
    assert result.exit_code == 2
    assert "line 1 of standard input: the byte 0xE9 at column 7" in result.stderr


@settings(max_examples=10, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(["x^2", "sin(x)", "x*y + 1", "exp(2*x)"]), min_size=1, max_size=4),
       st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"]), st.sampled_from(["en", "ko"]))
def test_a_utf16_file_is_named_as_utf16_not_latin1(lines, encoding, lang):
    """try-44: a Notepad "Unicode" file was reported line by line as bytes that are not UTF-8
    ("is the text Latin-1?") and NUL characters. With its byte-order mark it is named once, exit 4."""
    import codecs

    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "lines.txt")
        with open(path, "wb") as f:
            f.write(bom + ("\n".join(lines) + "\n").encode(encoding))
        result = invoke("partial", "x", "--file", path, "--lang", lang)
    assert result.exit_code == 4, result.output
    assert "UTF-16" in result.stderr and "Latin-1" not in result.stderr and "U+0000" not in result.stderr
