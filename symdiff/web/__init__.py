"""`symdiff serve`: the derivations in a browser, offline (the `web` extra: Starlette and uvicorn)."""

from __future__ import annotations


def create_app(*args, **kwargs):
    from .app import create_app as create

    return create(*args, **kwargs)
