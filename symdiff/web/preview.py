"""The live preview: the expression as symdiff read it (MathML for the page, LaTeX to copy), or the
parse error with its column. Parsing is bounded by the parser's limits, but building a SymPy
expression is not always cheap, so it runs in a worker process with the same limits as a
derivative."""

from __future__ import annotations

import json

from ..app.workers import Rendered, WorkerPool, fork_available, run_in_process


def _read(command: str, text: str, variables: list[str]) -> dict:
    """What the box holds, read as the command reads it (its parts for jacobian and implicit)."""
    from ..core.errors import SymdiffError
    from ..render.html import math
    from ..render.notation import latex
    from ..scalar.parsing import parse_input, split_top_level

    if command == "matrix":  # how it reads depends on the shapes: the derivation says
        return {"ok": True, "mathml": None, "latex": None}
    parts, joiner = [(0, text)], "<mo>;</mo>"
    if command == "jacobian":
        parts = split_top_level(text, ";")
    elif command == "implicit" and text.count("=") == 1:
        left, right = text.split("=")
        parts, joiner = [(0, left), (len(left) + 1, right)], "<mo>=</mo>"
    try:
        exprs = []
        for offset, part in parts:
            try:
                exprs.append(parse_input(part, variables).expr)
            except SymdiffError as exc:
                if exc.column is not None:
                    exc.column += offset
                raise
    except SymdiffError as exc:
        from ..core.errors import localized

        return {"ok": False, "error": {"type": exc.type, "message": localized(exc.message),
                                       "column": exc.column}}
    inner = joiner.join(math(e)[len("<math>"):-len("</math>")] for e in exprs)
    return {"ok": True, "mathml": f"<math display=\"block\">{inner}</math>",
            "latex": (" = " if joiner == "<mo>=</mo>" else "; ").join(latex(e) for e in exprs)}


def preview(command: str, text: str, variables: list[str], lang: str, timeout: float, memory_mb: int | None) -> dict:
    from ..core.messages import language

    def handle(line, text_):
        with language(lang):
            return Rendered(line, text_, stdout=json.dumps(_read(command, text_, variables)))

    def failure(line, text_, type, message):
        from ..core.errors import localized

        # the pool's words (a time limit) are the catalogue's, said in the page's language
        return Rendered(line, text_, stdout=json.dumps({"ok": False, "error": {
            "type": type, "message": localized(message, lang), "column": None}}))

    if not fork_available():
        rendered = next(run_in_process(handle, [(None, text)]))
    else:
        pool = WorkerPool(handle, failure, jobs=1, timeout=timeout, memory_mb=memory_mb or None)
        rendered = list(pool.map([(None, text)]))[0]
    return json.loads(rendered.stdout)
