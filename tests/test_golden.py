"""Issue 16, "How to know it is done": golden files for a fixed set of derivations, in both languages and
every format each command writes, reviewed line by line. A change to any of them shows in review as a
diff of reviewed text, not as a silent drift.

After an intended change of output: `SYMDIFF_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`, then
read `git diff tests/golden/derivations` line by line before committing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import invoke

GOLDEN = Path(__file__).parent / "golden" / "derivations"
UPDATE = os.environ.get("SYMDIFF_UPDATE_GOLDEN") == "1"

DOCUMENTS = ["text", "rich", "markdown", "latex", "html"]
TERMINAL = ["text", "rich"]

# name: (arguments, the human formats the command writes). JSON is one record for both languages.
CASES = {
    "partial-power": (["partial", "3*x**2*y**4", "x"], DOCUMENTS),
    "partial-chain": (["partial", "sin(x^2)^3", "x"], DOCUMENTS),
    "partial-quotient": (["partial", "(x^2 + 1)/(x - 1)", "x"], DOCUMENTS),
    "partial-product": (["partial", "x^2*exp(x)*y", "x"], DOCUMENTS),
    "partial-log-root": (["partial", "log(x)*sqrt(x) + log(x, 10)", "x"], DOCUMENTS),
    "partial-mixed": (["partial", "x**2*y**3", "x", "y", "--at", "x=1,y=2"], DOCUMENTS),
    "partial-held": (["partial", "sin(x**2)*y", "x"], DOCUMENTS),
    # issue 16: a cancelled factor's condition as a note; a loss's derivative in the textbook's form
    "partial-cancelled": (["partial", "(x^2 - 1)/(x - 1)", "x"], DOCUMENTS),
    "partial-loss": (["partial", "-(t*log(p) + (1 - t)*log(1 - p))", "p"], DOCUMENTS),
    "grad": (["grad", "x**2*y + sin(y)"], DOCUMENTS),
    "grad-at": (["grad", "x**2*y + sin(y)", "--at", "x=1,y=2"], DOCUMENTS),
    "hessian": (["hessian", "x**3*y"], DOCUMENTS),
    "hessian-at": (["hessian", "x**3 - 3*x + y**2", "--at", "x=1,y=0"], DOCUMENTS),
    "jacobian": (["jacobian", "x*y; x + y; sin(x)", "--at", "x=1,y=2"], DOCUMENTS),
    "matrix-quadratic": (["matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n"], DOCUMENTS),
    "matrix-logdet": (["matrix", "log(det(X))", "X", "--shape", "X=n,n"], DOCUMENTS),
    "backprop-mse": (["backprop", "--loss", "mse"], DOCUMENTS),
    "backprop-ce": (["backprop", "--loss", "ce"], DOCUMENTS),
    "backprop-softmax": (["backprop", "--layers", "3,2,2", "--activation", "sigmoid", "--output", "softmax",
                          "--loss", "ce"], DOCUMENTS),
    "backprop-layers": (["backprop", "--layers", "2,3,2", "--activation", "relu", "--output", "softmax",
                         "--loss", "ce"], DOCUMENTS),
    "implicit": (["implicit", "x^2 + y^2 = 25", "--at", "x=3,y=4"], DOCUMENTS),
    "implicit-folium": (["implicit", "x^3 + y^3 = 6*x*y", "--at", "x=3,y=3"], DOCUMENTS),
    "check-wrong": (["check", "3*x**2*y**4", "x", "6*x*y**3"], DOCUMENTS),
    "tangent": (["tangent", "x**2 + y**2", "--at", "x=1,y=2"], DOCUMENTS),
    "descend": (["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--lr", "0.1", "--steps", "5"],
                DOCUMENTS),
    "practice": (["practice", "--rules", "chain,product", "--count", "3", "--seed", "7"], DOCUMENTS),
}

WRONG = {"check-wrong"}  # a wrong answer is a failed input: exit status 1

EXTENSION = {"text": "txt", "rich": "rich.txt", "markdown": "md", "latex": "tex", "html": "html", "json": "jsonl"}


def _params():
    for name, (args, formats) in CASES.items():
        for fmt in formats:
            for lang in ("en", "ko"):
                yield pytest.param(name, args, fmt, lang, id=f"{name}-{fmt}-{lang}")
        yield pytest.param(name, args, "json", "en", id=f"{name}-json")


@pytest.mark.parametrize("name, args, fmt, lang", list(_params()))
def test_golden_derivation(name, args, fmt, lang):
    result = invoke(*args, "--format", fmt, "--lang", lang, width="100")
    assert result.exit_code == (1 if name in WRONG else 0), result.output
    path = GOLDEN / f"{name}.{lang}.{EXTENSION[fmt]}" if fmt != "json" else GOLDEN / f"{name}.{EXTENSION[fmt]}"
    if UPDATE:
        path.write_text(result.stdout, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with SYMDIFF_UPDATE_GOLDEN=1 and review it"
    assert result.stdout == path.read_text(encoding="utf-8")


def test_every_golden_file_has_its_case():
    """A file left behind by a renamed or dropped case is no longer checked: it must go."""
    expected = {f"{name}.{lang}.{EXTENSION[fmt]}" for name, (_, formats) in CASES.items()
                for fmt in formats for lang in ("en", "ko")}
    expected |= {f"{name}.{EXTENSION['json']}" for name in CASES}
    assert {p.name for p in GOLDEN.iterdir()} == expected
