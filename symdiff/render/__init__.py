"""Renderers: pure functions of results, one module per format."""

# Commands whose results come from the matrix engine; every format renders them in render/matrix.py.
MATRIX_COMMANDS = ("matrix", "backprop")


def matrix_view(name: str):
    """render/matrix.py's `name` view, imported on first use: it pulls in the matrix engine, which a
    scalar answer need not load."""
    def view(result, *args, **kwargs):
        from . import matrix

        return matrix.view(result, name)(result, *args, **kwargs)

    return view
