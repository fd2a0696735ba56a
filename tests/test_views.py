"""Renderers dispatch on the result's type (symdiff.render): every result class has a view in each
format its command offers, and each engine's views are imported only for that engine's results."""

import importlib
import io
import inspect
import pkgutil
import subprocess
import sys
from dataclasses import dataclass

import pytest

import symdiff
from symdiff.app.output import COMMAND_FORMATS
from symdiff.render import FORMATS, NoView, is_bare, show, view_for


def _result_classes() -> dict[str, list[type]]:
    """Every class in the package that says which command it answers (its `command`), by that
    command: read from the code, so a new result class is found here without a list to update.
    A command may have more than one (backprop: one layer, and a network of layers)."""
    found: dict[str, list[type]] = {}
    for info in pkgutil.walk_packages(symdiff.__path__, "symdiff."):
        if info.name.endswith("__main__"):  # runs the command line
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            command = getattr(cls, "command", None)
            if cls.__module__ == module.__name__ and isinstance(command, str):
                found.setdefault(command, []).append(cls)
    return found


RESULTS = _result_classes()


def test_every_command_has_one_result_class_and_every_result_class_a_command():
    # serve writes no result of its own (it serves the other commands' over HTTP), and offers no format
    assert set(RESULTS) == set(COMMAND_FORMATS) - {"serve"} and COMMAND_FORMATS["serve"] == ()


def test_the_formats_are_the_renderers():
    from symdiff.app.output import Format

    assert {f.value for f in Format} == set(FORMATS)


@pytest.mark.parametrize("command, fmt", [(c, f.value) for c, formats in COMMAND_FORMATS.items() for f in formats])
def test_every_result_class_has_a_view_in_every_format_it_is_offered_in(command, fmt):
    for cls in RESULTS[command]:
        assert callable(view_for(fmt, cls))


def test_a_subclass_is_shown_as_its_base_class():
    from symdiff import partial
    from symdiff.api import PartialResult
    from symdiff.render import text

    base = partial("x**2*y", "x")

    @dataclass(eq=False)
    class Annotated(PartialResult):
        note: str = ""

    derived = Annotated(**{k: getattr(base, k) for k in base.__dataclass_fields__}, note="mine")
    assert text.render(derived) == text.render(base)


def test_a_result_without_a_view_is_refused_by_name():
    class Stranger:
        command = "partial"  # a command's name is not what chooses the view

    for fmt in FORMATS:
        with pytest.raises(NoView, match="Stranger"):
            show(fmt, Stranger())


def test_the_formats_a_command_does_not_offer_have_no_view():
    for command, formats in COMMAND_FORMATS.items():
        if command == "serve":  # no result class: nothing to render
            continue
        for fmt in set(FORMATS) - {f.value for f in formats}:
            for cls in RESULTS[command]:
                with pytest.raises(NoView):
                    view_for(fmt, cls)


def test_only_partial_and_matrix_without_steps_are_bare_results():
    from symdiff import gradient, matrix_derivative, partial

    assert is_bare(partial("x**2", "x"), steps=False)
    assert not is_bare(partial("x**2", "x"), steps=True)
    assert is_bare(matrix_derivative("x.T*x", "x", ["x=n,1"]), steps=False)
    assert not is_bare(gradient("x**2*y"), steps=False)


_SHOW_ALL = """
import io, sys
from rich.console import Console
from symdiff.render import html, json, latex, markdown, rich, text
for result in results:
    for render in (text.render, json.record, latex.render, markdown.render, html.section):
        render(result)
    rich.render(result, Console(file=io.StringIO()))
print('symdiff.api' in sys.modules, any(m.startswith('symdiff.matrix') for m in sys.modules))
"""


def _loaded(setup: str) -> str:
    """Whether the scalar engine and the matrix engine were imported, after `setup` made `results`
    and each was shown in every format."""
    done = subprocess.run([sys.executable, "-c", setup + _SHOW_ALL], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_scalar_answer_in_every_format_does_not_import_the_matrix_engine():
    setup = "from symdiff import partial, gradient, hessian, jacobian\n" \
            "results = [partial('x**2*y', 'x'), gradient('x*y'), hessian('x**2*y'), jacobian('x*y; x')]\n"
    assert _loaded(setup) == "True False"


def test_a_matrix_result_in_every_format_does_not_import_the_scalar_engine():
    setup = "from symdiff.matrix import matrix_derivative\nfrom symdiff.matrix.backprop import backprop\n" \
            "results = [matrix_derivative('x.T*A*x', 'x', ['x=n,1', 'A=n,n']), backprop()]\n"
    assert _loaded(setup) == "False True"


@pytest.mark.parametrize("fmt", ["text", "rich", "markdown", "latex", "html", "json"])
@pytest.mark.parametrize("steps", [False, True])
def test_a_gradient_that_shares_one_big_sum_grows_linearly_in_every_format(fmt, steps):
    # Each partial of (Σ iwᵢ − 3)² is 2i·(the sum): every view names the sum once (as the text and JSON
    # views did), so doubling n about doubles the output instead of quadrupling it.
    from symdiff.api import gradient

    def size(n: int) -> int:
        loss = "(" + " + ".join(f"{i}*w{i}" for i in range(1, n + 1)) + " - 3)^2"
        result = gradient(loss, steps=steps)
        if fmt != "rich":
            return len(show(fmt, result, steps=steps))
        from rich.console import Console

        console = Console(width=100, record=True, file=io.StringIO())
        show(fmt, result, console, steps=steps)
        return len(console.export_text())

    small, big = size(160), size(320)
    assert big < 2.6 * small, (small, big)
