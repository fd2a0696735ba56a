"""The caller's values made plain before the Python API looks at them.

A subclass of str, int or float brings methods of its own (a `__eq__` that raises, a `__len__` that
lies), which are the caller's code: symdiff's checks compare, hash and measure its arguments, and such
a method would fail or mislead inside them, as a RuntimeError from deep in the parser instead of
symdiff's error. Free of SymPy, so that both engines' APIs can use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import wraps

from .errors import InputTypeError


def _kind(value: object) -> str:
    return type(value).__name__


# How deep plain() follows lists, tuples and mappings (a point's values, jacobian's functions).
PLAIN_DEPTH = 4


def plain(value: object, depth: int = 0) -> object:
    """`value` with every str, int or float subclass made the built-in of the same value, in lists,
    tuples and mappings too: a subclass's own methods are the caller's code (a `__eq__` that raises,
    a `__len__` that lies), which symdiff's checks must not run. What cannot be read so is an
    `InputTypeError`."""
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if depth >= PLAIN_DEPTH or not isinstance(value, (list, tuple, Mapping)):
        return value
    try:
        if isinstance(value, Mapping):
            items = [(plain(k, depth + 1), plain(v, depth + 1)) for k, v in value.items()]
            mapping = dict(items)
            if len(mapping) != len(items):  # two keys its own __eq__ told apart, which are one
                raise InputTypeError(f"an argument of type {_kind(value)} names a key twice")
            return mapping
        return (list if isinstance(value, list) else tuple)(plain(v, depth + 1) for v in value)
    except InputTypeError:
        raise
    except Exception as exc:  # the caller's container ran code of its own, and it failed
        raise InputTypeError(f"an argument of type {_kind(value)} could not be read: reading it raised "
                             f"{_kind(exc)}") from None


def plain_arguments(function):
    """`function` with its arguments made `plain` first: the API's public functions."""

    @wraps(function)
    def called(*args, **kwargs):
        return function(*plain(args), **{k: plain(v) for k, v in kwargs.items()})

    return called
