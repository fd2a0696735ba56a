"""A result in a notebook: the HTML view's section, styled inside its own element only (a notebook
page is not ours to restyle), or the text view in <pre> for a result with no HTML view."""

from __future__ import annotations

import html

from . import NoView

# The page's style (render/html.py STYLE) narrowed to the result's own element.
STYLE = """
.symdiff ul.steps, .symdiff ul.steps ul { list-style: none; padding-left: 1.4rem; border-left: 2px solid #e4e4e4; }
.symdiff li { margin: .4rem 0; }
.symdiff .rule { font-weight: 600; color: #06775f; margin-right: .5rem; }
.symdiff .why { color: #555; font-size: .92rem; }
.symdiff .held { color: #8a5a00; }
.symdiff .result { background: #eefbf0; border-left: 4px solid #2a9d4a; padding: .6rem 1rem; font-size: 1.1rem; }
"""


def html_of(result) -> str:
    """`result` as one self-contained <div class="symdiff">: its section of the HTML page."""
    from .html import section
    from .text import render as render_text

    try:
        body = section(result)
    except NoView:
        body = f"<pre>{html.escape(render_text(result))}</pre>"
    return f'<div class="symdiff"><style>{STYLE}</style>{body}</div>'
