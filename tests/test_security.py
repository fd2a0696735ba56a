"""No path from data to `eval`.

Two guards. The first reads the package's source (ast) and fails on any call that can run text as
Python code: `eval`, `exec`, `compile`, `__import__`, SymPy's `sympify`/`S(...)`/`parse_expr`/
`parse_latex`/`lambdify`/`nsimplify` and `subs` (each sympifies strings, which is `eval`),
`evalf(subs=...)`, `getattr` on a module with a computed name, and pickle/marshal loads. The few
calls that remain are in ALLOWED, each with the reason it cannot see user text; an entry that no
longer matches a call fails too, so the list cannot rot.

The second runs: hostile payloads go into every string (and mapping) argument of every public
function and of `process_record`, with `builtins.eval`/`exec` replaced by tripwires and a canary
file that a payload would create if it ran.
"""

from __future__ import annotations

import ast
import builtins
import fractions
import json
from pathlib import Path

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import symdiff
from symdiff import api
from symdiff.app.records import process_record
from symdiff.core.errors import SymdiffError
from symdiff.matrix import matrix_derivative
from symdiff.matrix.backprop import backprop
from symdiff.scalar.coerce import InputTypeError
from symdiff.scalar.parsing import parse_variable

PACKAGE = Path(symdiff.__file__).parent

# Callees that run or may run text as code, by bare name (`eval(...)`) and as attributes
# (`sympy.sympify(...)`). `eval` as a method (`step.eval()`, the rules' own) is not the builtin.
BY_NAME = {"eval", "exec", "compile", "__import__", "sympify", "parse_expr", "parse_latex", "lambdify",
           "nsimplify", "S", "execfile"}
BY_ATTRIBUTE = {"sympify", "parse_expr", "parse_latex", "lambdify", "nsimplify", "subs", "S",
                "implemented_function"}
UNPICKLERS = {"pickle", "marshal", "dill", "cloudpickle", "shelve", "jsonpickle", "yaml"}
MODULES = {"sympy", "builtins", "math", "mpmath", "os", "sys", "importlib"}

# (module path, enclosing function, callee) -> why the call never sees user text.
ALLOWED = {
    ("api.py", "_exact_at", "nsimplify"):
        "its argument is a SymPy Float computed from an already parsed expression, never a string",
    ("features/descent.py", "_exact_point", "nsimplify"):
        "its argument is sympy.Float(c, 30) of a coordinate Newton's method computed (an mpmath number), never a string",
    ("features/extrema.py", "_exact", "nsimplify"):
        "its argument is a Hessian entry or gradient component at a point, a SymPy Float (is_Float checked "
        "beside the call), never a string",
}


def _literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def dangerous_calls(source: str) -> list[tuple[int, str, str]]:
    """(line, enclosing function, callee) for every call in `source` that could run text as code."""
    tree = ast.parse(source)
    found: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, scope: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scope = node.name
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in modules:
                if module.split(".")[0] in UNPICKLERS:
                    found.append((node.lineno, scope, f"import {module}"))
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.name in BY_NAME - {"S", "eval", "exec", "compile"}:
                        found.append((node.lineno, scope, f"import {alias.name}"))
        if isinstance(node, ast.Call):
            callee = node.func
            name = None
            if isinstance(callee, ast.Name) and callee.id in BY_NAME:
                name = callee.id
            elif isinstance(callee, ast.Attribute):
                owner = callee.value.id if isinstance(callee.value, ast.Name) else None
                if callee.attr in BY_ATTRIBUTE:
                    name = callee.attr
                elif callee.attr in {"eval", "exec", "compile"} and owner == "builtins":
                    name = callee.attr
                elif callee.attr in {"load", "loads", "Unpickler"} and owner in UNPICKLERS:
                    name = f"{owner}.{callee.attr}"
                elif callee.attr == "evalf" and any(k.arg == "subs" for k in node.keywords):
                    name = "evalf(subs=)"
            if isinstance(callee, ast.Name) and callee.id == "getattr" and len(node.args) >= 2:
                owner = node.args[0]
                if isinstance(owner, ast.Name) and owner.id in MODULES and not _literal(node.args[1]):
                    name = "getattr"
            if name == "S" and all(_literal(a) for a in node.args) and not node.keywords:
                name = None  # S(1), S.Half: constants
            if name is not None:
                found.append((node.lineno, scope, name))
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(tree, "<module>")
    return found


def test_no_call_in_the_package_can_run_text_as_code():
    offending, used = [], set()
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for line, scope, callee in dangerous_calls(path.read_text(encoding="utf-8")):
            key = (relative, scope, callee)
            if key in ALLOWED:
                used.add(key)
            else:
                offending.append(f"{relative}:{line} in {scope}: {callee}")
    assert not offending, "calls that can run text as code:\n" + "\n".join(offending)
    assert used == set(ALLOWED), f"allow-list entries that match no call any more: {set(ALLOWED) - used}"


@pytest.mark.parametrize("snippet, callee", [
    ("sympy.sympify(text)", "sympify"),
    ("from sympy import sympify\nsympify(t)", "sympify"),
    ("eval(t)", "eval"),
    ("exec(t)", "exec"),
    ("builtins.eval(t)", "eval"),
    ("__import__(t)", "__import__"),
    ("sympy.S(t)", "S"),
    ("S(t)", "S"),
    ("e.subs({x: t})", "subs"),
    ("e.evalf(subs={x: t})", "evalf(subs=)"),
    ("sympy.lambdify(x, t)", "lambdify"),
    ("sympy.nsimplify(t)", "nsimplify"),
    ("parse_expr(t)", "parse_expr"),
    ("pickle.loads(b)", "pickle.loads"),
    ("import marshal", "import marshal"),
    ("getattr(sympy, name)(x)", "getattr"),
])
def test_the_scanner_sees_each_kind_of_call(snippet, callee):
    assert callee in [c for _, _, c in dangerous_calls(snippet)]


@pytest.mark.parametrize("snippet", ["sympy.S(1)", "sympy.S.Half", "step.eval()", "getattr(sympy, 'sin')",
                                     "expr.xreplace({x: y})"])
def test_the_scanner_lets_safe_calls_pass(snippet):
    assert dangerous_calls(snippet) == []


# ---------------------------------------------------------------------------------------------
# Hostile payloads through every public entry point


def payloads(canary: Path) -> list[str]:
    target = str(canary)
    return [
        f"__import__('pathlib').Path({target!r}).write_text('ran') or 1",
        f"__import__('os').system('touch {target}') or 1",
        f"open({target!r}, 'w').write('ran')",
        f"exec(\"open({target!r}, 'w').write('ran')\")",
        f"(lambda: __import__('pathlib').Path({target!r}).touch())()",
        f"x.__class__.__mro__[-1].__subclasses__()",
        f"Symbol('x').__class__.__init__.__globals__['__builtins__']['eval']('1')",
        "().__class__.__bases__[0].__subclasses__()",
        "x if __import__('os') else 1",
    ]


def test_every_payload_carries_a_marker(tmp_path):
    assert all(_from_text(p) for p in payloads(tmp_path / "CANARY"))


# Every payload carries one of these; Python's own uses of exec (imports, dataclasses building
# __init__) carry none.
MARKERS = ("CANARY", "__import__", "__subclasses__", "__globals__", "open(")


def _from_text(code) -> bool:
    """Code made from a payload's text: what sympify would run."""
    if isinstance(code, bytes):
        code = code.decode("utf-8", "replace")
    if not isinstance(code, str):
        code = " ".join(str(c) for c in getattr(code, "co_consts", ()))
    return any(marker in code for marker in MARKERS)


@pytest.fixture
def tripwires(monkeypatch, tmp_path):
    """builtins.eval/exec record every call while a payload is tried (SymPy's sympify goes through
    them), and the canary file must not appear."""
    calls: list[str] = []
    real_eval, real_exec = builtins.eval, builtins.exec

    def spy(name, real):
        def tripwire(*args, **kwargs):
            if _from_text(args[0]):
                calls.append(f"{name}({str(args[0])[:80]!r})")
            return real(*args, **kwargs)
        return tripwire

    monkeypatch.setattr(builtins, "eval", spy("eval", real_eval))
    monkeypatch.setattr(builtins, "exec", spy("exec", real_exec))
    canary = tmp_path / "CANARY"
    yield calls, canary
    assert not canary.exists(), "a payload ran: the canary file was written"


def entry_points(p: str):
    """(name, thunk) for every public way a string reaches symdiff, with the payload `p` in it."""
    return [
        ("partial expr", lambda: api.partial(p, "x")),
        ("partial wrt", lambda: api.partial("x**2", p)),
        ("partial at text", lambda: api.partial("x**2", "x", at=f"x={p}")),
        ("partial at value", lambda: api.partial("x**2", "x", at={"x": p})),
        ("partial at key", lambda: api.partial("x**2", "x", at={p: 1})),
        ("partial variables", lambda: api.partial("x**2", "x", variables=[p])),
        ("gradient expr", lambda: api.gradient(p)),
        ("gradient at value", lambda: api.gradient("x*y", at={"x": p, "y": 1})),
        ("gradient vars", lambda: api.gradient("x*y", vars=[p, "y"])),
        ("gradient vars text", lambda: api.gradient("x*y", vars=p)),
        ("gradient steps", lambda: api.gradient("x*y", steps=[p])),
        ("gradient direction", lambda: api.gradient("x*y", at="x=1,y=1", direction=[p, 1])),
        ("hessian at value", lambda: api.hessian("x*y", at={"x": p, "y": 1})),
        ("jacobian list", lambda: api.jacobian([p, "x"])),
        ("jacobian at value", lambda: api.jacobian("x*y; x", at={"x": p, "y": 1})),
        ("tangent at value", lambda: api.tangent("x*y", at={"x": p, "y": 1})),
        ("implicit equation", lambda: api.implicit(f"{p} = 1")),
        ("implicit at value", lambda: api.implicit("x**2 + y**2 = 25", at={"x": p, "y": 4})),
        ("implicit dx", lambda: api.implicit("x**2 + y**2 = 25", dx=p)),
        ("descend start value", lambda: api.descend("x**2", start={"x": p})),
        ("descend start text", lambda: api.descend("x**2", start=f"x={p}")),
        ("check answer", lambda: api.check("x**2", "x", p)),
        ("check wrt", lambda: api.check("x**2", [p], "2*x")),
        ("derive expr", lambda: symdiff.derive(p, "x")),
        ("derive var", lambda: symdiff.derive("x**2", p)),
        ("parse", lambda: symdiff.parse(p)),
        ("matrix expr", lambda: symdiff.matrix_derivative(p, "x", {"x": ("n", 1)})),
        ("matrix wrt", lambda: symdiff.matrix_derivative("x.T*x", p, {"x": ("n", 1)})),
        ("matrix shapes", lambda: symdiff.matrix_derivative("x.T*x", "x", [f"x={p}"])),
        ("backprop sizes", lambda: symdiff.backprop(inputs=p, outputs="m")),
        ("backprop activation", lambda: symdiff.backprop(activation=p)),
        ("record expr", lambda: process_record({"expr": p, "wrt": ["x"]})),
        ("record at", lambda: process_record({"expr": "x**2", "wrt": ["x"], "at": {"x": p}})),
        ("record at text", lambda: process_record({"expr": "x**2", "wrt": ["x"], "at": f"x={p}"})),
        ("record wrt", lambda: process_record({"expr": "x**2", "wrt": [p]})),
        ("record vars", lambda: process_record({"command": "grad", "expr": "x*y", "vars": [p, "y"]})),
        ("record command", lambda: process_record({"command": p, "expr": "x"})),
        ("record variables", lambda: process_record({"expr": "x**2", "wrt": "x", "variables": [p]})),
    ]


def _try(thunk):
    try:
        return thunk()
    except (SymdiffError, TypeError, ValueError) as exc:  # refused: that is the point
        return exc


def test_hostile_payloads_never_reach_eval(tripwires):
    calls, canary = tripwires
    tried = 0
    for payload in payloads(canary):
        for name, thunk in entry_points(payload):
            before = len(calls)
            _try(thunk)
            assert len(calls) == before, f"{name} with {payload!r} called {calls[before:]}"
            tried += 1
    assert tried == len(payloads(canary)) * len(entry_points(""))


def test_the_tripwire_would_see_sympify(tripwires):
    """The guard above can fail: SymPy's own sympify of a string trips it."""
    calls, canary = tripwires
    sympy.sympify("__import__('math').pi")  # harmless, but it is Python being run
    assert calls


def test_process_record_reports_a_hostile_value_as_an_error_record(tripwires):
    calls, canary = tripwires
    payload = f"__import__('pathlib').Path({str(canary)!r}).write_text('ran') or 1"
    out = process_record({"expr": "x**2", "wrt": ["x"], "at": {"x": payload}})
    assert out["error"]["type"] == "syntax"
    assert "value of x" in out["error"]["message"]
    assert not calls


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from("_()[]{}.,'\"=+-*/ abcdefghijklmnopqrstuvwxyz0123456789"),
               max_size=40))
def test_any_text_as_a_value_is_parsed_not_run(text):
    calls: list[str] = []
    real_eval = builtins.eval
    builtins.eval = lambda *a, **k: (_from_text(a[0]) and calls.append("eval")) or real_eval(*a, **k)
    try:
        _try(lambda: api.partial("x**2", "x", at={"x": text}))
        _try(lambda: process_record({"expr": "x**2", "wrt": ["x"], "at": {"x": text}}))
    finally:
        builtins.eval = real_eval
    assert not calls


# ---------------------------------------------------------------------------------------------
# Wrong types are clear errors, not AttributeErrors from inside


@pytest.mark.parametrize("call", [
    lambda: api.partial("x", None),
    lambda: api.partial("x", 5),
    lambda: api.partial(True, "x"),
    lambda: api.partial(["x"], "x"),
    lambda: api.partial(sympy.Eq(sympy.Symbol("x"), 1), "x"),
    lambda: api.gradient("x*y", at=[1, 2]),
    lambda: api.gradient("x*y", vars=5),
    lambda: api.partial("x**2", "x", at={"x": None}),
    lambda: api.partial("x**2", "x", at={"x": True}),
    lambda: api.partial("x**2", "x", at={None: 1}),
    lambda: api.jacobian(5),
    lambda: api.implicit(5),
    lambda: symdiff.derive("x**2", 3),
    lambda: symdiff.derive(object(), "x"),
])
def test_wrong_types_raise_type_errors_with_a_message(call):
    with pytest.raises(TypeError) as info:
        call()
    assert isinstance(info.value, InputTypeError)
    assert str(info.value)


def test_a_record_with_wrong_types_is_an_error_record():
    out = process_record({"expr": "x**2", "wrt": [5]})
    assert out["error"]["type"] == "syntax" and "variable" in out["error"]["message"]
    out = process_record({"expr": "x**2", "wrt": ["x"], "at": [1]})
    assert out["error"]["type"] == "syntax" and "point" in out["error"]["message"]


# Issue 15, the attacker's second pass: records that are not objects, fields of the wrong type.
RECORD_ATTACKS = [None, 1, [1], "x", 1.5, True, {"expr": "x", "wrt": 5}, {"expr": "x", "wrt": {"x": 1}},
                  {"expr": "x", "steps": "no"}, {"expr": "x", "line": "abc"}, {"expr": "x", "line": True},
                  {"expr": "x", "line": 0}, {"expr": "x", "command": ["partial"]},
                  {"expr": "x", "command": "hessian", "steps": 5}, {"expr": "x", "command": "grad", "vars": 5},
                  {"expr": "x", "variables": [None]}, {"expr": "x", "var": 3}]


@pytest.mark.parametrize("record", RECORD_ATTACKS)
def test_a_record_of_the_wrong_shape_is_a_syntax_error_record(record):
    out = process_record(record)
    assert set(out) <= {"input", "line", "error"}, out
    assert out["error"]["type"] == "syntax" and out["error"]["message"]
    json.dumps(out)


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                  max_size=3), max_leaves=6)
_FIELDS = ("expr", "wrt", "var", "vars", "variables", "at", "steps", "line", "command")
_records = st.one_of(
    _json,
    st.fixed_dictionaries({}, optional={
        **{key: _json for key in _FIELDS},
        "expr": st.sampled_from(["x**2*y", "x", "x*y; x"]) | _json,
        "command": st.sampled_from(["partial", "grad", "hessian", "jacobian"]) | _json,
        "wrt": st.sampled_from(["x", ["x"], ["x", "y"]]) | _json,
        "steps": st.booleans() | _json,
        "line": st.integers(1, 10) | _json,
    }),
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_records)
def test_any_json_value_as_a_record_is_a_record_never_an_exception(record):
    out = process_record(record)
    json.dumps(out)
    if "error" in out:
        assert out["error"]["type"] not in ("internal", "timeout"), (record, out)
        assert out["error"]["message"]
    else:
        assert out["command"] in ("partial", "grad", "hessian", "jacobian")


# SymPy objects that are not real expressions, symbols whose names do not read back, and numeric
# settings of the wrong type: each a TypeError or a SymdiffError with a message, never an
# AttributeError or IndexError from inside, and never a silent answer (d/dx of a Lambda was 0).
_x = sympy.Symbol("x")
_lambda = sympy.Lambda(_x, _x**2)


@pytest.mark.parametrize("call", [
    lambda: api.partial(_lambda, "x"),
    lambda: api.partial(_x + _lambda, "x"),
    lambda: api.partial("x**2", "x", at={"x": _lambda}),
    lambda: api.gradient(_lambda),
    lambda: api.partial(sympy.Symbol(""), "x"),
    lambda: api.partial("x", sympy.Symbol("")),
    lambda: api.partial(sympy.Symbol("x y") * _x, "x"),
    lambda: api.partial(sympy.Symbol("sin") * _x, "x"),
    lambda: api.partial(sympy.Symbol("__class__") * _x, "x"),
    lambda: api.gradient(sympy.Symbol("") ** 2),
    lambda: api.gradient("x*y", direction=5),
    lambda: api.gradient("x*y", steps=5),
    lambda: api.descend("x**2", start="x=1", lr=True),
    lambda: api.descend("x**2", start="x=1", lr="0.1"),
    lambda: api.descend("x**2", start="x=1", steps=True),
    lambda: api.descend("x**2", start="x=1", steps=1.5),
    lambda: api.descend("x**2", start="x=1", lr=10**400),
    lambda: matrix_derivative("x.T*x", "x", [1]),
    lambda: matrix_derivative("x.T*x", "x", None),
    lambda: matrix_derivative("x.T*x", 5, {"x": (3, 1)}),
    lambda: matrix_derivative(None, "x", {"x": (3, 1)}),
])
def test_objects_that_are_not_expressions_or_settings_are_refused_with_a_message(call):
    with pytest.raises((TypeError, SymdiffError, ValueError)) as info:
        call()
    assert type(info.value) not in (AttributeError, IndexError, KeyError)
    assert str(info.value)


_NOT_NUMBERS = [sympy.nan, sympy.oo, -sympy.oo, sympy.zoo, sympy.I]
_PLACES = [lambda b: b, lambda b: _x + b, lambda b: b * _x, lambda b: sympy.sin(b * _x), lambda b: _x ** 2 * b + 1]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.sampled_from(_NOT_NUMBERS), st.sampled_from(_PLACES))
def test_an_expression_holding_something_that_is_not_a_real_number_is_refused(bad, place):
    """partial(sympy.nan, "x") was 0, and partial(x + oo, "x") was 0: not an answer, a wrong one."""
    expr = place(bad)
    assume(expr.has(bad))  # sin(nan*x) may collapse to nan, still refused
    with pytest.raises(SymdiffError) as info:
        api.partial(expr, "x")
    assert info.value.type == "domain"
    assert "not a number" in info.value.message or "imaginary" in info.value.message
    with pytest.raises(SymdiffError):
        api.partial("x**2", "x", at={"x": bad})


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.text(max_size=6))
def test_a_sympy_symbol_of_any_name_is_a_variable_or_a_clear_error(name):
    s = sympy.Symbol(name)
    try:  # a name the command line takes as a variable (limit and erf too, which are declared then)
        expected = parse_variable(name)
    except SymdiffError:
        expected = None
    try:
        result = api.partial(s**2, s).result
    except SymdiffError as exc:
        assert exc.message
        return
    assert expected is not None and expected.is_Symbol, (name, result)
    assert result == 2 * expected


@pytest.mark.parametrize("size", [1.5, None, True, False, [3], 3.0, object()])
def test_a_matrix_size_of_the_wrong_type_is_a_type_error(size):
    for call in (lambda: matrix_derivative("x.T*x", "x", {"x": (size, 1)}),
                 lambda: matrix_derivative("x.T*x", "x", {"x": (2, size)}),
                 lambda: backprop(size, 2)):
        with pytest.raises(TypeError, match="size"):
            call()


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.one_of(st.integers(-5, 20_000), st.text(max_size=4), st.floats(), st.none(), st.booleans()))
def test_a_matrix_size_is_a_size_or_a_clear_error(size):
    try:
        result = matrix_derivative("x.T*x", "x", {"x": (size, 1)})
    except (TypeError, SymdiffError) as exc:
        assert str(exc)
        return
    assert isinstance(size, (int, str)) and not isinstance(size, bool)
    assert result.shape == (size if isinstance(size, int) else size.strip(), 1)


@pytest.mark.parametrize("value, expected", [
    (0.1, sympy.Rational(1, 10)), (2, 2), (fractions.Fraction(1, 3), sympy.Rational(1, 3)),
    ("pi/2", sympy.pi / 2), (sympy.pi, sympy.pi),
])
def test_point_values_of_every_number_type_are_exact(value, expected):
    assert api.partial("x**2", "x", at={"x": value}).point[symdiff.parse("x")] == expected


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_a_point_value_that_is_not_finite_is_refused(value):
    with pytest.raises(SymdiffError):
        api.partial("x**2", "x", at={"x": value})


# ---------------------------------------------------------------------------------------------
# SymPy objects from the user's own code


_names = st.sampled_from(["x", "y", "z", "w0", "theta", "x_1"])


@settings(max_examples=60, deadline=None, derandomize=True)
@given(_names, _names, st.integers(1, 5), st.sampled_from(["sin", "exp", "pow", "mul", "log"]))
def test_sympy_objects_differentiate_by_the_variables_they_contain(a, b, n, shape):
    """The user's plain Symbols (no assumptions) are symdiff's variables of the same name."""
    x, y = sympy.Symbol(a), sympy.Symbol(b)
    f = {"sin": sympy.sin(x**n) * y, "exp": sympy.exp(n * x) + y, "pow": x**n * y**2,
         "mul": n * x * y, "log": sympy.log(x**2 + n) * y}[shape]
    expected = sympy.diff(f, x)
    for var in (a, x, sympy.Symbol(a, positive=True)):
        got = api.partial(f, var).result
        plain = got.xreplace({s: sympy.Symbol(s.name) for s in got.free_symbols})
        assert sympy.simplify(plain - expected) == 0
    assert api.partial(f, x).result != 0
    grad = api.gradient(f, at={x: 1, y: 2})
    assert {s.name for s in grad.vars} == {a, b}


def test_the_issue_example():
    x = sympy.Symbol("x")
    assert api.partial(x**2, "x").result == 2 * symdiff.parse("x")


# --- what an input echoes cannot act on a terminal or a document (the attacker's findings)

def test_control_characters_in_an_echoed_input_are_shown_not_obeyed(run):
    esc = '{"expr": "x**2", "var": "x", "answer": "2*x \\u001b[31mRIGHT\\u001b[0m"}\n'
    result = run("check", "--file", "-", input=esc)
    assert "\x1b" not in result.stdout + result.stderr and "␛[31mRIGHT" in result.stdout + result.stderr
    assert "(U+001B)" in result.stdout + result.stderr
    # a bare CR would end the LaTeX comment that names the line: what follows would be live TeX
    # (a real process: the test runner's stdin would read the CR as a line break)
    import subprocess
    import sys

    cr = b'{"expr": "x**2", "var": "x",\r"answer": "\\begin{input}{/etc/hostname}"}\n'
    tex = subprocess.run([sys.executable, "-m", "symdiff", "check", "--file", "-", "--format", "latex", "--standalone"],
                         input=cr, capture_output=True, timeout=600).stdout.decode()
    # a bare CR ends a line, as in a file (universal newlines): two lines, each echoed inside a comment
    assert "\r" not in tex and "% line 1:" in tex and "% line 2:" in tex
    assert all(line.startswith("%") for line in tex.splitlines() if "begin{input}" in line), tex


def test_a_function_name_must_be_a_name(run):
    import sympy

    from symdiff import partial
    from symdiff.core.errors import ParseError

    x = sympy.Symbol("x")
    assert str(partial(sympy.Function("f")(x) ** 2, "x").result) == "2*f(x)*Derivative(f(x), x)"
    for name in ("<script>alert(1)</script>", "}\\input{/etc/passwd}\\iffalse{"):
        with pytest.raises(ParseError, match="is not a name symdiff can read"):
            partial(sympy.Function(name)(x) ** 2, "x")


# --- names that printers would set as other mathematics (a forged document, not code)

_BASES = st.sampled_from(["x", "y", "X", "s", "w", "theta", "loss"])
_SUFFIXES = st.sampled_from(["dot", "ddot", "dddot", "prime", "prm", "norm", "mag", "avg"])


@settings(max_examples=40, deadline=None)
@given(_BASES, _SUFFIXES, st.sampled_from(["", "1", "_2"]), st.sampled_from(["latex", "markdown", "html"]))
def test_a_name_is_set_as_it_is_spelt(base, suffix, tail, fmt):
    # xdot was set as ẋ (a time derivative), Xprime as X′, xnorm as ‖x‖: a document showed a derivative
    # or a norm that was never computed
    from helpers import invoke

    name = base + suffix + tail
    result = invoke("partial", f"3*{name}*y", "y", "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for forged in (r"\dot{", r"\ddot{", r"\dddot{", "'", r"\left\|", r"\overline{", "&#775;", "&#8242;", "‖"):
        assert forged not in out.replace("&#39;", ""), (name, forged)


@settings(max_examples=40, deadline=None)
@given(_BASES, st.sampled_from(["__2", "__", "_", "__i", "_1__2"]))
def test_a_name_a_printer_would_raise_or_hide_is_refused(base, tail):
    # x__2 was set as x² and x_ as x in LaTeX and MathML (x__2 held constant read as x² held constant)
    from symdiff.core.errors import ParseError
    from symdiff.scalar.parsing import parse

    with pytest.raises(ParseError) as info:
        parse(f"3*{base}{tail} + y")
    assert info.value.column == 3 and "cannot be a name" in info.value.message
