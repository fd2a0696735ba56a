"""The Starlette application of `symdiff serve`: the page at `/`, its static files, the JSON API
under `/api/`, and the limits every request meets before any work is done."""

from __future__ import annotations

import functools
import json
import os
from importlib import resources

import anyio
from anyio import to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..core.errors import SURROGATE, whole_characters
from ..core.parsing import keys_once
from . import runner
from .preview import preview

# A query string longer than this is refused before it is read further: the page's links stay far
# below it, and a longer expression can be sent as a POST body.
MAX_QUERY = 16 * 1024
# A POST body: an expression of the parser's 200 000 characters fits, with room for JSON escapes.
MAX_BODY = 1024 * 1024
# A body must have arrived this many seconds after its request began: a client that sends one byte a
# minute (a slow-loris) would otherwise hold its connection, and a slot of --jobs' queue, for ever.
BODY_SECONDS = 30.0
PREVIEW_COMMANDS = runner.COMMANDS


class Utf8JSONResponse(JSONResponse):
    """A JSON response that is always UTF-8: a lone surrogate in a string (a byte that was not UTF-8,
    echoed from an input) is written as U+FFFD, where encoding it failed with HTTP 500."""

    def render(self, content) -> bytes:
        return whole_characters(json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))).encode("utf-8")


def _error(status: int, type: str, message: str, expr: str | None = None) -> Utf8JSONResponse:
    return Utf8JSONResponse({"input": expr, "error": {"type": type, "message": message}}, status_code=status)


def _whole_characters(data: dict) -> None:
    """Refuse a field (name or value) that holds a lone surrogate: no command line can be given one,
    so it is a bad request (400) naming the field, not an input error."""
    for key, value in data.items():
        for text in (key, *(value if isinstance(value, list) else [value])):
            if isinstance(text, str) and (half := SURROGATE.search(text)) is not None:
                raise runner.BadRequest(f"{json.dumps(key)[:40]} holds {json.dumps(half.group())}, half of a "
                                        "UTF-16 surrogate pair and no character; send whole characters")


class Limited:
    """ASGI middleware: a query string or a body over its limit is a 413 `limit` error, whatever the
    route; a body is counted as it arrives, so a huge one is never held in memory."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if len(scope.get("query_string", b"")) > MAX_QUERY:
            return await _error(413, "limit", f"the query string is over the limit of {MAX_QUERY} bytes; "
                                              "send a long expression as a POST body")(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return await _error(413, "limit", f"the body is over the limit of {MAX_BODY} bytes")(scope, receive, send)
        seen = 0
        deadline = anyio.current_time() + BODY_SECONDS
        whole = False

        async def bounded():
            nonlocal seen, whole
            if whole:  # after the body, receive() waits for a disconnect, which has no time limit
                return await receive()
            with anyio.move_on_after(deadline - anyio.current_time()) as waiting:
                message = await receive()
            if waiting.cancelled_caught:
                raise _SlowBody()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > MAX_BODY:
                    raise _TooLarge()
                whole = not message.get("more_body", False)
            return message

        try:
            await self.app(scope, bounded, send)
        except _TooLarge:
            await _error(413, "limit", f"the body is over the limit of {MAX_BODY} bytes")(scope, receive, send)
        except _SlowBody:
            await _error(408, "timeout", f"the body did not arrive within {BODY_SECONDS:g} s of the request"
                         )(scope, receive, send)


class _TooLarge(Exception):
    pass


class _SlowBody(Exception):
    pass


class _Repeated(ValueError):
    """A key given twice in a JSON body: {"expr": "x", "expr": "y"} was answered for y in silence."""


async def _fields(request: Request) -> dict:
    """The request's fields: the query string's, then a POST's JSON object over them."""
    fields: dict = {}
    for key, value in request.query_params.multi_items():
        fields.setdefault(key, runner.Repeated()).append(value)
    fields = {k: v[0] if len(v) == 1 else v for k, v in fields.items()}
    if request.method == "POST":
        body = await request.body()
        try:
            data = json.loads(body or b"{}", object_pairs_hook=keys_once(_Repeated))
        except _Repeated as repeated:
            raise runner.BadRequest(f"the field {repeated.args[0]!r} is given twice in the JSON body") from None
        except (ValueError, UnicodeDecodeError):
            raise runner.BadRequest("the body must be a JSON object such as {\"expr\": \"x**2\", \"var\": \"x\"}")
        except RecursionError:  # [[[…]]] 100 000 deep: no field is that deep
            raise runner.BadRequest("the JSON body is nested too deeply") from None
        if not isinstance(data, dict):
            raise runner.BadRequest("the body must be a JSON object such as {\"expr\": \"x**2\", \"var\": \"x\"}")
        _whole_characters(data)
        fields.update(data)
    return fields


def _page_html() -> str:
    """The page, with the derivations' style and the labels of both languages from the catalogue."""
    from string import Template

    from ..core.messages import EN, message
    from ..render.html import DEFAULT_FONTS, FONTS, STYLE

    keys = [k for k in EN if k.startswith("web.")]
    labels = {lang: {k: message(k, lang=lang) for k in keys} for lang in ("en", "ko")}
    text = resources.files(__package__).joinpath("templates/index.html").read_text(encoding="utf-8")
    # "</" cannot end the script element from inside the JSON
    return Template(text).substitute(derivation_style=STYLE, korean_fonts=FONTS["ko"], default_fonts=DEFAULT_FONTS,
                                     labels=json.dumps(labels, ensure_ascii=False).replace("</", "<\\/"))


def create_app(limits: runner.Limits | None = None, jobs: int | None = None) -> Starlette:
    """The app; `jobs` requests are worked on at once (each in its own worker process), the others
    wait their turn."""
    import anyio

    from ..app.workers import few_malloc_arenas

    # whatever serves the app (symdiff serve, another ASGI server, a test client), its request threads
    # must not grow the address space every worker is forked with
    few_malloc_arenas()
    limits = limits or runner.Limits()
    jobs = max(1, jobs or os.cpu_count() or 1)
    limiter = anyio.CapacityLimiter(jobs)
    page = _page_html()
    runner.warm()

    async def index(request: Request) -> Response:
        return HTMLResponse(page)

    async def api(request: Request) -> Response:
        command = request.path_params["command"]
        try:
            fields = await _fields(request)
            if command == "preview":
                return await _preview(fields)
            answer = await to_thread.run_sync(functools.partial(runner.answer, command, fields, limits),
                                              limiter=limiter)
        except runner.BadRequest as exc:
            return _error(exc.status, exc.type, exc.message)
        except ClientDisconnect:
            # the client went away before its body arrived: nothing to answer and nothing wrong here,
            # so no traceback in the log (as the 500 handler would print); the status is never read
            return Response(status_code=400)
        if answer.record is not None:
            return Utf8JSONResponse(answer.record, status_code=answer.status)
        return Response(answer.text, status_code=answer.status, media_type=answer.media_type)

    async def _preview(fields: dict) -> Response:
        command = runner.choice(fields, "command", PREVIEW_COMMANDS, "partial")
        lang = runner.choice(fields, "lang", runner.LANGS, "en")
        expr = runner.one(fields, "expr") or ""
        variables = runner.many(fields, "vars")
        out = await to_thread.run_sync(functools.partial(preview, command, expr, variables, lang, limits.timeout,
                                                         limits.memory_mb), limiter=limiter)
        return Utf8JSONResponse(out)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        type = "unsupported" if exc.status_code in (404, 405) else "syntax"
        return _error(exc.status_code, type, exc.detail)

    async def server_error(request: Request, exc: Exception) -> Response:
        # never a traceback to a visitor: the error's kind only (the server's log has the rest)
        return _error(500, "internal", f"internal error: {type(exc).__name__}")

    static = resources.files(__package__).joinpath("static")
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/api/{command}", api, methods=["GET", "POST"]),
            Mount("/static", StaticFiles(directory=str(static)), name="static"),
        ],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.add_middleware(Limited)
    return app


