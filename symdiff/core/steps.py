"""The step tree both engines build: one application of one rule to one expression.

In the manner of SymPy's `manualintegrate`, a rule is a small data class that holds what it needs and
computes its own `result` from its substeps' results; the tree *is* the explanation, and renderers only
walk it. The scalar engine's rules (`symdiff.scalar.rules`) hold SymPy expressions and claim
d(expr)/d(var) = result; the matrix engine's (`symdiff.matrix.differential`) hold matrix expressions and
claim d(expr) = result, a differential in d(var). What a step is beyond that is the same for both, and
lives here: its substeps, walking the tree, its record in JSON, and where its words are in the message
catalogue (`symdiff.core.messages.explain` looks them up).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, ClassVar, Iterator

# The names of each rule class's fields that may hold substeps (all but expr and var), by class.
_FIELDS: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True)
class Factor:
    """An expression shown as a factor of a product in an explanation: parenthesised if a sum."""

    expr: Any


@dataclass(eq=False)
class Step:
    """d(expr) by var = result, by the rule named `rule`."""

    expr: Any
    var: Any

    rule: ClassVar[str] = ""
    # Names the explanation must not give a rule's pieces: the function's own (u in u(x) = sin x²,
    # whose chain rule would otherwise call sin's argument u too). Set on every node by derive_ours.
    reserved: ClassVar[frozenset] = frozenset()

    def eval(self) -> Any:
        """The result, built from the substeps' results (never by differentiating expr whole, except
        in the rules that say so)."""
        raise NotImplementedError

    @cached_property
    def result(self) -> Any:
        return self.eval()

    @property
    def substeps(self) -> tuple["Step", ...]:
        """The steps this one is built from: the fields that hold a step or a tuple of steps, in the
        order the class declares them (a field left None holds none)."""
        names = _FIELDS.get(type(self))
        if names is None:
            names = _FIELDS[type(self)] = tuple(f.name for f in dataclasses.fields(self)
                                                if f.name not in ("expr", "var"))
        out: list[Step] = []
        for name in names:
            value = getattr(self, name)
            if isinstance(value, Step):
                out.append(value)
            elif isinstance(value, tuple) and value and isinstance(value[0], Step):
                out.extend(value)
        return tuple(out)

    @property
    def message(self) -> str:
        """The key of this step's explanation in the message catalogue (`symdiff.core.messages`)."""
        return self.rule

    def params(self) -> dict[str, Any]:
        """Values the explanation refers to, beyond expr, var and result."""
        return {}

    def values(self, lang: str) -> dict[str, Any]:
        """Everything the explanation's words in `lang` refer to, not yet printed: the renderer's
        printer prints only those the words use."""
        return {"expr": self.expr, "var": self.var, "result": self.result, **self.params()}

    def walk(self) -> Iterator["Step"]:
        """This step and every step below it, depth first, parents before children."""
        stack = [self]
        while stack:
            step = stack.pop()
            yield step
            stack.extend(reversed(step.substeps))

    def to_dict(self, explain: Callable[["Step", Callable], str], printer: Callable = str) -> dict:
        """The contract's STEP object. `explain(step, printer)` gives the explanation text."""
        return {
            "rule": self.rule,
            "expr": printer(self.expr),
            "var": printer(self.var),
            "result": printer(self.result),
            "explanation": explain(self, printer),
            "substeps": [s.to_dict(explain, printer) for s in self.substeps],
        }
