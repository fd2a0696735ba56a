"""symdiff serve's API through Starlette's TestClient: the same records as the command line's
--format json, its errors as JSON with the contract's types, and its limits. (The page in a real
browser: test_web_browser.py; load on a real server: test_web_load.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("starlette", reason="the web extra is not installed: pip install 'symdiff[web]'")
pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx (the test extra)")

from helpers import invoke  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402
from test_hostile import CANARY, INJECTION, MALFORMED, RESOURCE, UNICODE  # noqa: E402

from symdiff.web import app as web_app  # noqa: E402
from symdiff.web.app import create_app  # noqa: E402
from symdiff.web.runner import COMMANDS, FIELDS, Limits  # noqa: E402

ERROR_TYPES = {"syntax", "unknown_function", "unsupported", "limit", "timeout", "domain", "internal"}
# Generous: a limit that guards against a hang, not a speed requirement.
LIMITS = Limits(timeout=60.0, memory_mb=1024)


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(LIMITS, jobs=2), raise_server_exceptions=False) as c:
        yield c


def cli_record(*args: str) -> dict:
    result = invoke(*args, "--format", "json")
    return json.loads(result.stdout.strip().splitlines()[0])


def no_traceback(response) -> None:
    assert "Traceback" not in response.text and 'File "' not in response.text


# --- parity with the command line -------------------------------------------------------------

ATOMS = st.sampled_from(["x", "y", "2", "3", "x**2", "sin(x)", "exp(y)", "log(x)", "cos(x*y)", "sqrt(x)"])
EXPRS = st.recursive(ATOMS, lambda inner: st.builds(lambda a, op, b: f"({a}){op}({b})", inner,
                                                    st.sampled_from(["+", "-", "*", "/"]), inner), max_leaves=4)


@settings(max_examples=12, deadline=None)
@given(expr=EXPRS, var=st.sampled_from(["x", "y"]))
def test_partial_is_the_command_lines_record(client, expr, var):
    response = client.get("/api/partial", params={"expr": expr, "var": var})
    assert response.json() == cli_record("partial", expr, var)
    assert response.status_code == (200 if "error" not in response.json() else 422)


@settings(max_examples=6, deadline=None)
@given(expr=EXPRS, command=st.sampled_from(["grad", "hessian"]))
def test_grad_and_hessian_are_the_command_lines_records(client, expr, command):
    response = client.get(f"/api/{command}", params={"expr": expr, "vars": "x,y", "at": "x=1,y=2"})
    assert response.json() == cli_record(command, expr, "--vars", "x,y", "--at", "x=1,y=2")


@pytest.mark.parametrize("path, params, args", [
    ("jacobian", {"expr": "x*y; x + y"}, ["jacobian", "x*y; x + y"]),
    ("check", {"expr": "3*x**2*y**4", "var": "x", "answer": "6*x*y**3"}, ["check", "3*x**2*y**4", "x", "6*x*y**3"]),
    ("implicit", {"expr": "x**2 + y**2 = 25", "at": "x=3,y=4"}, ["implicit", "x**2 + y**2 = 25", "--at", "x=3,y=4"]),
    ("matrix", {"expr": "x.T*A*x", "wrt": "x", "shape": "x=n,1 A=n,n"},
     ["matrix", "x.T*A*x", "x", "--shape", "x=n,1 A=n,n"]),
    ("backprop", {"layers": "4,3,2", "activation": "relu"}, ["backprop", "--layers", "4,3,2", "--activation", "relu"]),
    ("partial", {"expr": "x**2*y", "var": "x", "lang": "ko"}, ["partial", "x**2*y", "x", "--lang", "ko"]),
    ("partial", {"expr": "x**3", "var": ["x", "x"], "steps": "false"}, ["partial", "x**3", "x", "x", "--no-steps"]),
])
def test_every_command_is_the_command_lines_record(client, path, params, args):
    assert client.get(f"/api/{path}", params=params).json() == cli_record(*args)


def test_a_post_body_is_the_same_request_as_a_query(client):
    query = client.get("/api/partial", params={"expr": "x*sin(x)", "var": "x"}).json()
    body = client.post("/api/partial", json={"expr": "x*sin(x)", "var": "x"}).json()
    assert query == body


@pytest.mark.parametrize("fmt, media, args", [
    ("markdown", "text/markdown", ["--format", "markdown"]), ("latex", "text/x-tex", ["--format", "latex"])])
def test_documents_are_the_command_lines(client, fmt, media, args):
    response = client.get("/api/partial", params={"expr": "x*sin(x)", "var": "x", "format": fmt})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert response.text == invoke("partial", "x*sin(x)", "x", *args).stdout


def test_html_is_the_command_lines_section(client):
    response = client.get("/api/grad", params={"expr": "x**2*y", "format": "html"})
    page = invoke("grad", "x**2*y", "--format", "html").stdout
    assert response.text.startswith("<section>") and response.text.strip() in page


# --- errors ------------------------------------------------------------------------------------

def test_a_syntax_error_is_the_record_with_its_column(client):
    for fmt in ("json", "html", "markdown"):
        response = client.get("/api/partial", params={"expr": "3*x**", "var": "x", "format": fmt})
        assert response.status_code == 422
        assert response.json() == {"input": "3*x**", "error": {"type": "syntax", "message": "expected an operand "
                                                                                  "after '**'", "column": 6}}


@pytest.mark.parametrize("path, params, status, type", [
    ("partial", {"expr": "x**2", "var": "x", "at": "x="}, 400, "syntax"),  # the command line's usage error
    ("partial", {"var": "x"}, 400, "syntax"),
    ("partial", {"expr": "-", "var": "x"}, 400, "syntax"),  # not standard input
    ("nothing", {"expr": "x"}, 404, "unsupported"),
    ("partial", {"expr": "x", "format": "pdf"}, 400, "syntax"),
    ("matrix", {"expr": "x", "wrt": "x", "shape": "x=n,1", "layout": "sideways"}, 400, "syntax"),
    ("check", {"expr": "x**2", "var": "x"}, 400, "syntax"),
])
def test_bad_requests_are_json_errors(client, path, params, status, type):
    response = client.get(f"/api/{path}", params=params)
    assert response.status_code == status
    assert response.json()["error"]["type"] == type and response.json()["error"]["message"]
    no_traceback(response)


def test_a_page_that_is_not_there_is_a_json_error(client):
    response = client.get("/nowhere")
    assert response.status_code == 404 and response.json()["error"]["type"] == "unsupported"
    assert client.delete("/api/partial").status_code == 405


def test_a_body_that_is_not_a_json_object_is_a_syntax_error(client):
    for body in (b"{", b"[1, 2]", b"\xff\xfe"):
        response = client.post("/api/partial", content=body)
        assert response.status_code == 400 and response.json()["error"]["type"] == "syntax"
    response = client.post("/api/partial", json={"expr": 5, "var": "x"})
    assert response.status_code == 400 and response.json()["error"]["type"] == "syntax"


def test_query_strings_and_bodies_have_a_size_limit(client):
    long = "x+" * (web_app.MAX_QUERY // 2)
    response = client.get("/api/partial", params={"expr": long + "x", "var": "x"})
    assert response.status_code == 413 and response.json()["error"]["type"] == "limit"
    response = client.post("/api/partial", content=b'{"expr": "' + b"x" * web_app.MAX_BODY + b'"}')
    assert response.status_code == 413 and response.json()["error"]["type"] == "limit"


def test_a_body_without_its_length_is_still_bounded(client):
    def chunks():
        for _ in range(web_app.MAX_BODY // 65536 + 2):
            yield b"x" * 65536

    response = client.post("/api/partial", content=chunks())
    assert response.status_code == 413 and response.json()["error"]["type"] == "limit"


def test_a_server_error_shows_no_traceback(client, monkeypatch):
    from symdiff.web import runner

    def broken(*args):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(runner, "answer", broken)
    response = client.get("/api/partial", params={"expr": "x", "var": "x"})
    assert response.status_code == 500 and response.json()["error"]["type"] == "internal"
    assert "secret detail" not in response.text
    no_traceback(response)


def test_a_timeout_is_the_timeout_error_and_the_server_goes_on():
    with TestClient(create_app(Limits(timeout=1.0, memory_mb=1024), jobs=1)) as short:
        # a hostile expression that runs until it is killed: its own timeout or limit error
        response = short.post("/api/partial", json={"expr": "exp(exp(exp(10*E)))+1", "var": "x"})
        assert response.status_code == 422
        assert response.json()["error"]["type"] in ("timeout", "limit")
        assert short.get("/api/partial", params={"expr": "x**2", "var": "x"}).json()["result"] == "2*x"


@pytest.mark.parametrize("text", INJECTION + MALFORMED + UNICODE + RESOURCE)
def test_hostile_inputs_are_a_result_or_a_typed_error(client, text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    response = client.post("/api/partial", json={"expr": text, "var": "x", "steps": "false"})
    record = response.json()
    assert isinstance(record, dict)
    if response.status_code == 200:
        assert "result" in record
    else:
        assert response.status_code in (400, 413, 422) and record["error"]["type"] in ERROR_TYPES
    no_traceback(response)
    assert not (tmp_path / CANARY).exists()


# --- the preview -------------------------------------------------------------------------------

def test_the_preview_shows_the_expression_as_read(client):
    read = client.get("/api/preview", params={"command": "partial", "expr": "x^2*sin(x)"}).json()
    assert read["ok"] and read["mathml"].startswith("<math") and "<msup>" in read["mathml"]
    assert "\\sin" in read["latex"]


@settings(max_examples=10, deadline=None)
@given(prefix=st.sampled_from(["x + ", "sin(x) * ", "", "y; "]), bad=st.sampled_from(["**", "(", "x)", "2 3"]))
def test_the_preview_marks_the_column_of_a_parse_error(client, prefix, bad):
    from symdiff.core.errors import SymdiffError
    from symdiff.scalar.parsing import parse_input

    text = prefix + bad
    command = "jacobian" if ";" in text else "partial"
    read = client.get("/api/preview", params={"command": command, "expr": text}).json()
    try:
        for part in text.split(";"):
            parse_input(part)
    except SymdiffError as exc:
        assert not read["ok"] and read["error"]["type"] == exc.type
        assert 1 <= read["error"]["column"] <= len(text) + 1
        # the marked column is where the error is in the whole box, not in its part
        assert text[read["error"]["column"] - 1:].strip().startswith(text[len(text) - len(part):][exc.column - 1:].strip()[:1])
    else:
        assert read["ok"]


# --- the page ----------------------------------------------------------------------------------

OFF_ORIGIN = re.compile(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import|"""
                        r"""fetch\(\s*["'`](?:https?:)?//|import\s.*from\s*["'](?:https?:)?//""", re.I)


def test_the_page_and_its_files_load_nothing_from_elsewhere(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    files = [page.text]
    static = Path(web_app.__file__).parent / "static"
    for path in static.iterdir():
        response = client.get(f"/static/{path.name}")
        assert response.status_code == 200
        files.append(response.text)
    assert sorted(re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)) == \
        sorted(f"/static/{p.name}" for p in static.iterdir())
    for text in files:
        assert not OFF_ORIGIN.search(text), OFF_ORIGIN.search(text).group(0)


def test_the_page_names_korean_fonts_and_has_both_languages_labels(client):
    page = client.get("/").text
    assert "Noto Sans CJK KR" in page and "Nanum Gothic" in page and "Malgun Gothic" in page
    labels = json.loads(re.search(r'<script type="application/json" id="labels">(.*?)</script>', page, re.S).group(1))
    assert labels["ko"]["web.copy.markdown"] != labels["en"]["web.copy.markdown"]
    assert set(labels["ko"]) == set(labels["en"])


def test_serve_without_the_web_extra_names_the_install_command(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if it were not installed
    result = invoke("serve", "--port", "0")
    assert result.exit_code == 2
    assert 'pip install "symdiff[web]"' in result.stderr


def test_an_expression_that_names_a_file_on_the_server_says_nothing_of_it(client, tmp_path):
    there = tmp_path / "notes.dat"
    there.write_text("x**2\n")
    said = [client.get("/api/partial", params={"expr": str(path), "var": "x"}).json()
            for path in (there, tmp_path / "absent.dat")]
    assert said[0]["error"]["type"] == said[1]["error"]["type"]
    assert "--file" not in said[0]["error"]["message"]
    assert said[0]["error"]["message"].replace("notes", "absent") == said[1]["error"]["message"]


OPTION_LIKE = st.sampled_from(["--help", "-h", "--file=/etc/passwd", "--format=text", "--plot=/tmp/p.png", "-",
                               "--", "--version", "--at=x=1", "x --file y", "--lang=zz"])


@settings(max_examples=20, deadline=None)
@given(field=st.sampled_from(["expr", "var", "vars", "at", "answer"]), value=OPTION_LIKE,
       command=st.sampled_from(["partial", "grad", "check"]))
def test_no_field_is_ever_read_as_an_option(client, field, value, command):
    params = {"expr": "x**2", "var": "x", "answer": "2*x", field: value}
    reads = ("expr", *FIELDS[command])
    params = {k: v for k, v in params.items() if k in reads}
    response = client.get(f"/api/{command}", params=params)
    assert response.headers["content-type"].startswith("application/json")
    record = response.json()
    if response.status_code == 200:
        assert record["command"] == command
    else:
        assert response.status_code in (400, 422) and record["error"]["type"] in ERROR_TYPES
    assert "Usage:" not in response.text and "root:" not in response.text


FIELD_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)


@settings(max_examples=25, deadline=None)
@given(command=st.sampled_from(COMMANDS), name=FIELD_NAMES)
def test_a_field_the_command_does_not_read_is_named_not_dropped(client, command, name):
    reads = {"lang", "format", "steps", "command", *FIELDS[command]} | ({"expr"} if command != "backprop" else set())
    params = {"layers": "2,1"} if command == "backprop" else {"expr": "x**2", "var": "x", "answer": "2*x"}
    params = {k: v for k, v in params.items() if k in reads}
    params[name] = "x"
    response = client.get(f"/api/{command}", params=params)
    if name in reads:
        assert response.status_code != 400 or "reads no field" not in response.text
    else:
        assert response.status_code == 400
        message = response.json()["error"]["message"]
        assert repr(name) in message and FIELDS[command][0] in message
        assert "Traceback" not in response.text


# --- what a request's fields may hold -------------------------------------------------------------

# A request every endpoint answers, field by field (preview reads command, expr and vars).
BASE = {"partial": {"expr": "x**2*y", "var": "x", "vars": "x,y", "at": "x=1,y=2"},
        "grad": {"expr": "x**2*y", "vars": "x,y", "at": "x=1,y=2"},
        "hessian": {"expr": "x**2*y", "vars": "x,y", "at": "x=1,y=2"},
        "jacobian": {"expr": "x*y; x + y", "vars": "x,y", "at": "x=1,y=2"},
        "matrix": {"expr": "x.T*A*x", "wrt": "x", "shape": "x=n,1 A=n,n", "layout": "mixed"},
        "backprop": {"layers": "2,1", "activation": "relu", "output": "identity", "loss": "mse"},
        "check": {"expr": "x**2", "var": "x", "answer": "2*x"},
        "implicit": {"expr": "x**2 + y**2 = 25", "dx": "x", "dy": "y", "at": "x=3,y=4"},
        "preview": {"command": "partial", "expr": "x**2", "vars": "x"}}
COMMON = {"lang": "en", "format": "json", "steps": "true"}
HALVES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


def utf8_json(response) -> dict:
    return json.loads(response.content.decode("utf-8"))  # strict: a response is always UTF-8


@settings(max_examples=60, deadline=None)
@given(data=st.data(), path=st.sampled_from([*COMMANDS, "preview"]), half=HALVES, where=st.sampled_from(["value", "key"]))
def test_a_lone_surrogate_in_any_field_is_a_bad_request_never_a_500(client, data, path, half, where):
    body = {**BASE[path], **({} if path == "preview" else COMMON)}
    field = data.draw(st.sampled_from(sorted(body)))
    at = data.draw(st.integers(0, len(body[field])))
    if where == "value":
        body[field] = body[field][:at] + half + body[field][at:]
    else:
        body[field[:at] + half + field[at:]] = body.pop(field)
    # json.dumps spells the surrogate as a \u escape: the body itself is ASCII, as a client sends it
    response = client.post(f"/api/{path}", content=json.dumps(body), headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    record = utf8_json(response)
    assert record["error"]["type"] == "syntax"
    assert f"\\u{ord(half):04x}" in record["error"]["message"] and "surrogate" in record["error"]["message"]
    no_traceback(response)


def test_a_record_that_echoes_a_byte_that_was_not_utf8_is_sent_as_utf8():
    from symdiff.web.app import Utf8JSONResponse

    response = Utf8JSONResponse({"input": "x\udcff", "error": {"type": "syntax", "message": "at \ud800"}})
    assert json.loads(response.body.decode("utf-8")) == {"input": "x\ufffd",
                                                         "error": {"type": "syntax", "message": "at \ufffd"}}


@pytest.mark.parametrize("path, body, field", [
    ("partial", {"expr": ["x", "y^2"], "var": "x"}, "expr"),
    ("partial", {"expr": "x*y", "var": "x", "at": ["x=1", "y=2"]}, "at"),
    ("check", {"expr": "x**2", "var": ["x", "y"], "answer": "2*x"}, "var"),
    ("check", {"expr": "x**2", "var": "x", "answer": ["2*x"]}, "answer"),
    ("matrix", {"expr": "x.T*x", "wrt": ["x"], "shape": "x=n,1"}, "wrt"),
    ("grad", {"expr": "x*y", "lang": ["ko"]}, "lang"),
    ("grad", {"expr": "x*y", "format": []}, "format"),
])
def test_a_list_where_one_string_is_read_is_a_bad_request_naming_the_field(client, path, body, field):
    # the last item was used in silence: {"expr": ["x", "y^2"]} answered for y^2
    response = client.post(f"/api/{path}", json=body)
    assert response.status_code == 400
    message = utf8_json(response)["error"]["message"]
    assert message.startswith(f'"{field}" must be one string, not a list')


def test_a_query_that_gives_a_one_value_field_twice_is_a_bad_request(client):
    response = client.get("/api/partial?expr=x**2&expr=y&var=x")
    assert response.status_code == 400 and '"expr" takes one value' in response.json()["error"]["message"]
    # fields that take several still do, repeated or as a JSON list
    twice = client.get("/api/partial?expr=x*y**2&var=x&var=y").json()
    assert twice == client.post("/api/partial", json={"expr": "x*y**2", "var": ["x", "y"]}).json()
    assert twice == cli_record("partial", "x*y**2", "x", "y")


def test_vars_may_be_a_list_as_the_preview_reads_it(client):
    record = client.post("/api/grad", json={"expr": "x**2*y", "vars": ["y", "x"]}).json()
    assert record == cli_record("grad", "x**2*y", "--vars", "y,x")


@pytest.mark.parametrize("given_, shown", [(False, False), (True, True), ("false", False), ("OFF", False),
                                           ("0", False), ("no", False), ("true", True), ("Yes", True), ("1", True),
                                           ("on", True), ("", True)])
def test_steps_reads_json_booleans_and_the_words_for_them(client, given_, shown):
    record = client.post("/api/partial", json={"expr": "x**3", "var": "x", "steps": given_}).json()
    assert record == cli_record("partial", "x**3", "x", *([] if shown else ["--no-steps"]))


@pytest.mark.parametrize("value", ["banana", "ture", "maybe", 1, 0, {"a": 1}, ["false"]])
def test_steps_refuses_a_word_it_does_not_know_naming_the_ones_it_does(client, value):
    response = client.post("/api/partial", json={"expr": "x**3", "var": "x", "steps": value})
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message.startswith('"steps" must be true or false')
    assert all(word in message for word in ("true", "false", "yes", "no", "on", "off", "1", "0"))


@pytest.mark.parametrize("path", ["partial", "grad", "matrix"])
@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_a_deeply_nested_body_is_a_bad_request_never_a_500(client, path, depth):
    """A tester's finding: {"expr": [[[…100 000 deep…]]]} was HTTP 500, a RecursionError."""
    body = '{"expr": ' + "[" * depth + "]" * depth + ', "var": "x"}'
    response = client.post(f"/api/{path}", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert utf8_json(response)["error"]["type"] == "syntax"


@pytest.mark.parametrize("key", ["expr", "var", "lang"])
def test_a_key_given_twice_in_the_body_is_a_bad_request(client, key):
    """{"expr": "x", "var": "x", "expr": "y"} was answered for y in silence (a repeated query field
    is a 400 already)."""
    fields = [("expr", "x**2"), ("var", "x"), ("lang", "en"), (key, "y" if key != "lang" else "ko")]
    body = "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in fields) + "}"
    response = client.post("/api/partial", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert key in utf8_json(response)["error"]["message"]


@settings(max_examples=8, deadline=None)
@given(name=st.sampled_from(["A", "x", "W"]), first=st.sampled_from(["n,n", "3,3", "n,1"]),
       second=st.sampled_from(["m,m", "2,2", "k,1"]), as_query=st.booleans())
def test_a_shape_declared_twice_differently_is_named(client, name, first, second, as_query):
    """A body with a repeated shape in its list ({"shape": ["A=n,n", "A=m,m"]}) got "the request could
    not be run": Click's own usage error went to the server's log, not to the client."""
    fields = {"expr": "x.T*A*x", "wrt": "x", "shape": ["x=n,1", "A=n,n", f"{name}={first}", f"{name}={second}"]}
    if name == "A" and first == "n,n":
        fields["shape"][2] = f"{name}=p,p"  # (two different shapes, whatever the draw)
    response = (client.get("/api/matrix", params=fields) if as_query
                else client.post("/api/matrix", json=fields))
    assert response.status_code == 400, response.text
    message = utf8_json(response)["error"]["message"]
    assert f"{name} is declared twice" in message and "shape" in message


def test_a_client_gone_before_its_body_is_no_traceback(caplog):
    """A client that disconnects while its body is read (ClientDisconnect) printed a traceback."""
    import anyio

    app = create_app(LIMITS, jobs=1)
    sent = []

    async def receive():
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/partial", "raw_path": b"/api/partial",
             "query_string": b"", "headers": [(b"content-type", b"application/json")], "root_path": "",
             "scheme": "http", "server": ("test", 80), "client": ("test", 1), "http_version": "1.1",
             "asgi": {"version": "3.0"}}
    with caplog.at_level("DEBUG"):
        anyio.run(app, scope, receive, send)
    assert not any(r.exc_info for r in caplog.records), [r.getMessage() for r in caplog.records]
    assert sent and sent[0]["status"] != 500


@pytest.mark.parametrize("first", [b"", b'{"expr": "x'])
def test_a_body_that_stops_arriving_is_a_timeout_not_a_held_connection(first, monkeypatch):
    """A client that sends part of a body, or none, and then nothing (a slow-loris) held its connection
    for ever; the body now has BODY_SECONDS from the request's start. The stalled receive below never
    returns, so only the limit can end the request."""
    import anyio

    monkeypatch.setattr(web_app, "BODY_SECONDS", 0.2)
    sent = []

    async def receive():
        if not sent and first:
            sent.append("part")
            return {"type": "http.request", "body": first, "more_body": True}
        await anyio.sleep_forever()

    async def send(message):
        sent.append(message)

    async def inner(scope, receive, send):  # reads the whole body, as the routes do
        while (await receive()).get("more_body"):
            pass

    scope = {"type": "http", "method": "POST", "path": "/api/partial", "headers": [], "query_string": b""}

    async def main():
        with anyio.fail_after(GENEROUS_SECONDS):
            await web_app.Limited(inner)(scope, receive, send)

    anyio.run(main)
    start = next(m for m in sent if isinstance(m, dict) and m["type"] == "http.response.start")
    body = json.loads(b"".join(m.get("body", b"") for m in sent if isinstance(m, dict)
                                and m["type"] == "http.response.body"))
    assert start["status"] == 408 and body["error"]["type"] == "timeout"


# Only a bound on a hang: the test above ends in about 0.2 s on any machine that runs at all.
GENEROUS_SECONDS = 600


def test_a_whole_body_is_read_however_long_the_answer_then_takes(monkeypatch):
    """The limit is on the body's arrival: once it is whole, receive() waits for a disconnect with no
    limit, so a long answer is not cut off as a slow body."""
    import anyio

    monkeypatch.setattr(web_app, "BODY_SECONDS", 0.05)
    messages = [{"type": "http.request", "body": b"{}", "more_body": False}]
    sent = []

    async def receive():
        if messages:
            return messages.pop()
        await anyio.sleep(0.3)
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    async def inner(scope, receive, send):
        await receive()
        assert (await receive())["type"] == "http.disconnect"
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    scope = {"type": "http", "method": "POST", "path": "/api/partial", "headers": [], "query_string": b""}
    anyio.run(web_app.Limited(inner), scope, receive, send)
    assert sent[0]["status"] == 200
