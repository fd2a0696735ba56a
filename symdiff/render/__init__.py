"""Renderers: pure functions of results, one module per format.

Every format is one generic function of the result's type (`functools.singledispatch`): a view is
registered for the class of result it shows, and nothing reads a command's name to choose one.

Views are registered on first use, engine by engine, from a module's `views(format)` table
({result class: view}): the matrix engine's results have all their views in render/matrix.py,
every other result its view of a format in that format's module. Those tables import the result
classes, and so their engine: read only at an engine's first result, a scalar answer never loads
the matrix engine, nor a matrix result the scalar one.
"""

from __future__ import annotations

import functools
import importlib

# The formats, each named as its module here.
FORMATS = ("rich", "text", "json", "latex", "markdown", "html")

# The packages whose results have all their views in one module (every other result: the format's own).
_ENGINE_VIEWS = {"symdiff.matrix": "matrix"}


class NoView(ValueError):
    """A result asked for in a format that has no view of it."""


def _views_module(fmt: str, cls: type) -> str:
    """The module whose `views(fmt)` has the view of `cls`."""
    for package, module in _ENGINE_VIEWS.items():
        if cls.__module__ == package or cls.__module__.startswith(package + "."):
            return module
    return fmt


def _no_view(result, *args, **kwargs):
    raise NoView(f"no view of {type(result).__name__}")


_GENERICS = {fmt: functools.singledispatch(_no_view) for fmt in FORMATS}
_LOADED: set[tuple[str, str]] = set()


def view_for(fmt: str, cls: type):
    """The view of results of class `cls` in format `fmt` (a function of the result and that
    format's arguments); NoView if the format has none."""
    generic = _GENERICS[fmt]
    module = _views_module(fmt, cls)
    if (module, fmt) not in _LOADED:
        for klass, view in importlib.import_module(f"{__name__}.{module}").views(fmt).items():
            generic.register(klass, view)
        _LOADED.add((module, fmt))
    found = generic.dispatch(cls)
    if found is generic.registry[object]:
        raise NoView(f"no {fmt} view of {cls.__name__}")
    return found


def show(fmt: str, result, *args, **kwargs):
    """`result` in format `fmt`: its view called with the format's arguments."""
    view = view_for(fmt, type(result))
    if fmt == "json":  # data: the step tree as derived
        return view(result, *args, **kwargs)
    from .order import showing  # the human views show steps in the order typed (issue 16)

    with showing(result):
        return view(result, *args, **kwargs)


def bare_without_steps(view):
    """Marks a text view whose output without steps is bare results to paste on (one newline
    after each in a stream of results, not a blank line)."""
    view.bare_without_steps = True
    return view


def is_bare(result, steps: bool) -> bool:
    """Whether `result`'s text view, with `steps`, is bare results (see `bare_without_steps`)."""
    return not steps and getattr(view_for("text", type(result)), "bare_without_steps", False)


def carries_notes(fmt: str, result, steps: bool) -> bool:
    """Whether `result`'s view in `fmt` writes its notes (JSON's `warnings`) into the document itself,
    so that stdout saved to a file keeps them (see `markup.note_sentences` for which notes). JSON has
    them as data; a bare text answer stays a line to paste on, its notes on stderr only."""
    return fmt != "json" and not (fmt == "text" and is_bare(result, steps))
