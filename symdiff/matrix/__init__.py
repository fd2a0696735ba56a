"""Matrix calculus: derivatives by vectors and matrices, read off differentials, in any layout."""

from .api import LAYOUTS, MatrixResult, check_result, check_steps, matrix_derivative

__all__ = ["LAYOUTS", "MatrixResult", "check_result", "check_steps", "matrix_derivative"]
