"""The README's examples run, and say what the tool says (issue 20): a shown output that drifts from
the code (`delta*x.T` where the tool prints `δ*x.T`) fails here.

- A `console` block's `$ symdiff ...` lines are run; every line shown after one must appear in what it
  writes, in order. `...` in a shown line stands for text left out (a whole line of `...`: lines left
  out), so long outputs can be shown in part.
- A `sh` block's `symdiff ...` lines are run too (those that need the shell, a file the README does
  not provide, or that change the user's shell are left out): each must be a command line symdiff
  accepts, never a usage error or an internal one.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from helpers import invoke

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def blocks(kind: str) -> list[tuple[int, list[str]]]:
    """(line number, lines) of each fenced block of `kind` in the README."""
    found, current, start = [], None, 0
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if current is None and line.strip() == f"```{kind}":
            current, start = [], number
        elif current is not None and line.strip() == "```":
            found.append((start, current))
            current = None
        elif current is not None:
            current.append(line)
    return found


def console_examples() -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for every `$ symdiff` line of every console block."""
    examples = []
    for _, lines in blocks("console"):
        current = None  # a block without a `$` line (a sample summary) shows no command's output
        for line in lines:
            if line.startswith("$ "):
                current = (line[2:], [])
                examples.append(current)
            elif current is not None:
                current[1].append(line)
    return [(command, shown) for command, shown in examples if command.startswith("symdiff ")]


# Lines the shell, or a file the reader makes, would supply; or that change the user's shell.
NEEDS_THE_SHELL = re.compile(r"[$|<>`]|exprs\.txt|loss\.txt|answers\.jsonl|--install-completion|--show-completion")


def sh_examples() -> list[str]:
    commands = []
    for _, lines in blocks("sh"):
        for line in lines:
            line = re.sub(r"\s>\s*\S+", "", line.split(" #")[0])  # `> worksheet.md`: the output is not checked
            if line.startswith("symdiff ") and not NEEDS_THE_SHELL.search(line):
                commands.append(shlex.join(shlex.split(line)))
    return commands


def _run(command: str, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # --plot writes there; --file examples.txt reads the project's
    shutil.copy(ROOT / "examples.txt", tmp_path / "examples.txt")
    return invoke(*shlex.split(command)[1:])


def _appears(shown: list[str], written: list[str]) -> str | None:
    """None if every shown line appears in `written`, in order; else the first that does not."""
    at = 0
    for line in shown:
        line = line.rstrip()
        if not line.strip() or line.strip() == "...":
            continue
        pieces = [p for p in line.split("...")]
        for k in range(at, len(written)):
            candidate = written[k].rstrip()
            if len(pieces) == 1 and candidate == line:
                break
            if len(pieces) > 1 and candidate.startswith(pieces[0]) and _in_order(pieces[1:], candidate[len(pieces[0]):]):
                break
        else:
            return line
        at = k + 1
    return None


def _in_order(pieces: list[str], text: str) -> bool:
    for piece in pieces:
        found = text.find(piece)
        if found < 0:
            return False
        text = text[found + len(piece):]
    return True


def test_the_readme_has_examples_with_output():
    assert len(console_examples()) >= 4 and all(shown for _, shown in console_examples())
    assert len(sh_examples()) >= 20


@pytest.mark.parametrize("command, shown", console_examples(), ids=[c for c, _ in console_examples()])
def test_each_shown_output_is_what_the_tool_writes(command, shown, tmp_path, monkeypatch):
    result = _run(command, tmp_path, monkeypatch)
    written = (result.stdout + result.stderr).splitlines()
    missing = _appears(shown, written)
    assert missing is None, f"README shows {missing!r} for {command}; it writes:\n" + "\n".join(written)


@pytest.mark.parametrize("command", sh_examples())
def test_each_example_command_runs(command, tmp_path, monkeypatch):
    if "--plot" in command:
        pytest.importorskip("matplotlib")
    result = _run(command, tmp_path, monkeypatch)
    assert result.exit_code in (0, 1, 3), (command, result.exit_code, result.stderr)
    assert "internal error" not in result.stdout + result.stderr
