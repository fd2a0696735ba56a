"""How a notebook (Jupyter, VS Code) shows a result: its derivation as HTML with MathML, which the
notebook's browser sets natively, steps included (a result is shown for its steps)."""

from __future__ import annotations


class Notebook:
    """A mixin for result classes: `_repr_html_` is the result's derivation in HTML, `str()` its
    text view (what `print(result)` shows in a script: the derivation, not the record's fields)."""

    def __str__(self) -> str:
        from ..render.text import render as render_text
        from .limits import room_for_depth

        with room_for_depth():
            return render_text(self)

    def _repr_html_(self) -> str:
        from ..render.notebook import html_of
        from .limits import room_for_depth

        with room_for_depth():  # a deep result is printed by recursion, as it was derived
            return html_of(self)
