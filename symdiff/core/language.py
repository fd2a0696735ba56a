"""The language output is written in: an ambient setting, like a locale, so renderers need not pass it
through every call (`symdiff.core.messages.language` sets it for a block).

Free of SymPy, so the command line can say an error in the language asked for without importing it."""

from __future__ import annotations

import contextvars

LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("symdiff_language", default="en")
