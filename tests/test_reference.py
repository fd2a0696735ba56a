"""The README and docs/reference.md say what the code does (issue 20): every option of every command
in a README table and in the reference, every JSON key a command writes documented (and every key
documented written), every rule name, error type, exit status and diagnosis listed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer.main
from helpers import cli_args
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from symdiff.app.cli import ExitStatus, app
from symdiff.core.errors import ERROR_TYPES
from symdiff.core.messages import EN
from symdiff.matrix.differential import MATRIX_RULES
from symdiff.scalar.implicit import DependentRule
from symdiff.scalar.steps import RULE_NAMES

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
REFERENCE = ROOT / "docs" / "reference.md"
COMMANDS = typer.main.get_command(app).commands


# --- reading Markdown as a browser would (markdown-it, with GitHub's tables)

def tables(path: Path) -> list[dict]:
    """Every table: its section (the nearest h2 and h3 headings) and its body rows as lists of cells
    (raw Markdown)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))
    found, h2, h3, heading, table, row, cell = [], None, None, None, None, None, False
    for t in tokens:
        if t.type == "heading_open":
            heading = t.tag
        elif t.type == "inline" and heading:
            if heading == "h2":
                h2, h3 = t.content, None
            elif heading == "h3":
                h3 = t.content
            heading = None
        elif t.type == "table_open":
            table = {"h2": h2, "h3": h3, "rows": []}
        elif t.type == "table_close":
            found.append(table)
            table = None
        elif t.type == "tbody_open":
            table["body"] = True
        elif t.type == "tr_open" and table is not None and table.get("body"):
            row = []
        elif t.type == "tr_close" and row is not None:
            table["rows"].append(row)
            row = None
        elif t.type == "td_open":
            cell = True
        elif t.type == "inline" and cell and row is not None:
            row.append(t.content)
            cell = False
    return found


def codes(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def options_in(cell: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--?[a-z][a-z-]*", cell))


def command_options(command) -> set[str]:
    names = {name for p in command.params if p.param_type_name == "option"
             for name in (*p.opts, *p.secondary_opts)}
    return names | {"-h", "--help"}


# --- README

def test_readme_tables_are_whole():
    """A table cut by a blank line renders its second half as a paragraph of pipes."""
    tokens = MarkdownIt("commonmark").enable("table").parse(README.read_text(encoding="utf-8"))
    broken = [t.content.splitlines()[0] for t in tokens if t.type == "inline" and t.content.startswith("|")]
    assert broken == []


def test_readme_tables_name_every_option_of_every_command():
    documented = set()
    for table in tables(README):
        for row in table["rows"]:
            documented |= options_in(row[0])
    group = typer.main.get_command(app)
    wanted = command_options(group) | {o for c in COMMANDS.values() for o in command_options(c)}
    assert sorted(wanted - documented - {"-h", "--help"}) == []


def test_readme_stands_alone():
    text = README.read_text(encoding="utf-8")
    for outside in ("DESIGN.md", "CONTRACT.md", "../shared"):
        assert outside not in text
    assert "(docs/reference.md)" in text
    assert "--install-completion" in text


def test_sources_name_no_files_outside_the_project():
    for path in (ROOT / "symdiff").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "CONTRACT.md" not in text and "DESIGN.md" not in text, path


# --- the reference: commands and options

REF_TABLES = tables(REFERENCE)


def section(h2: str, h3: str) -> list[list[str]]:
    matches = [t["rows"] for t in REF_TABLES if t["h2"] == h2 and t["h3"] == h3]
    assert len(matches) == 1, f"one table under {h2} / {h3}"
    return matches[0]


def command_section(name: str) -> list[list[str]]:
    heads = [t["h3"] for t in REF_TABLES if t["h2"] == "Commands"
             and re.fullmatch(rf"`symdiff {name}( [^`]*)?`", t["h3"] or "")]
    assert len(heads) == 1, f"the reference has a section for symdiff {name}"
    return section("Commands", heads[0])


def test_reference_documents_every_command():
    heads = {re.match(r"`symdiff ?([^\s`]*)", t["h3"]).group(1) for t in REF_TABLES
             if t["h2"] == "Commands" and t["h3"]}
    assert heads == {"", *COMMANDS}


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_reference_documents_every_option_and_argument(name):
    command = COMMANDS[name] if name else typer.main.get_command(app)
    rows = command_section(name) if name else section("Commands", "`symdiff`")
    documented = set().union(*(options_in(row[0]) for row in rows))
    assert documented == command_options(command) - ({"-h", "--help"} if name else set())
    arguments = [p.metavar or p.name.upper() for p in command.params if p.param_type_name == "argument"]
    first_cells = [" ".join(codes(row[0])) for row in rows]
    for metavar in arguments:
        assert metavar in first_cells, (name, metavar)


# --- the reference: JSON records, checked against what the commands write

def key_table(h3: str) -> dict[str, str | None]:
    """documented key → the shared object its value is (STEP, PARTIAL…), or None."""
    out = {}
    for row in section("JSON records", h3):
        [key] = codes(row[0])
        ref = re.search(r"\[([A-Z]+)\]\(#", row[1])
        out[key] = ref.group(1) if ref else None
    return out


OBJECTS = {re.match(r"(\w+) object", t["h3"]).group(1): key_table(t["h3"]) for t in REF_TABLES
           if t["h2"] == "JSON records" and t["h3"] and t["h3"].endswith(" object")}
COMMON = key_table("Every record")
FAILURE = key_table("A failure")
# serve answers with the other commands' records and writes none of its own
RECORDS = {name: {**COMMON, **key_table(f"`{name}`")} for name in COMMANDS if name != "serve"}


def _pattern(key: str) -> re.Pattern:
    return re.compile(re.escape(key).replace(r"\*", r"[^.]+") + r"\Z")


class Coverage:
    """Validates records against the tables: every key written is documented, and records which
    documented keys were seen and which values enumerated keys took."""

    def __init__(self):
        self.undocumented: set[str] = set()
        self.seen: dict[str, set[str]] = {}
        self.values: dict[tuple[str, str], set] = {}

    def record(self, record: dict) -> None:
        if "command" in record:
            self.validate(record, record["command"], RECORDS[record["command"]])
        else:
            self.validate(record, "failure", FAILURE)

    def validate(self, value: dict, where: str, table: dict, prefix: str = "") -> None:
        for key, v in value.items():
            path = prefix + key
            documented = next((k for k in table if _pattern(k).match(path)), None)
            if documented is None:
                self.undocumented.add(f"{where}: {path}")
                continue
            self.seen.setdefault(where, set()).add(documented)
            if not isinstance(v, (dict, list)):
                self.values.setdefault((where, documented), set()).add(v)
            for d in _dicts(v):
                if table[documented]:
                    self.validate(d, table[documented], OBJECTS[table[documented]])
                else:
                    self.validate(d, where, table, path + ".")


def _dicts(value):
    if isinstance(value, dict):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _dicts(v)


# Inputs that between them make every command write every key the reference lists.
SAMPLES = [
    ["partial", "3*x**2*y**4", "x", "--at", "x=1,y=2", "--check"],
    ["partial", "f(x, y) = sin(x^2)^2*cos(x^2)*y", "x", "--cse"],
    ["partial", "x^2 y", "X"],
    ["partial", "3 xy", "x"],
    ["partial", "I*x", "x"],
    # the conditions an answer holds under: a cancelled factor, a general power's base, sign(x), 0^x
    ["partial", "(x^2 - 1)/(x - 1)", "x"],
    ["partial", "x^x", "x"],
    ["partial", "x^(1/3)", "x"],
    ["partial", "sqrt(x)", "x"],
    ["partial", "abs(x)", "x"],
    ["partial", "log(x)", "x"],  # log_domain
    ["grad", "sin(10^12*x) + y", "--check"],  # a derivative no point can judge beside one that agrees
    ["partial", "0^x", "x"],
    ["partial", "1/2x", "x"],
    ["partial", "sqrt(-1 - x^2)", "x", "--check"],
    ["partial", "3*x**", "x"],
    ["grad", "x**2*y + sin(y)", "--at", "x=1,y=2", "--dir", "3,4", "--check"],
    ["grad", "g(x, y) = x*y"],
    ["grad", "a + b + c + d + e1 + f + g + h"],
    # A big sum every partial holds, named once (cse)
    ["grad", "(" + " + ".join(f"{i % 7 + 2}*w{i}" for i in range(150)) + " - 3)**2", "--no-steps"],
    ["hessian", "h(x, y) = x**3*y", "--at", "x=1,y=2", "--check"],
    ["hessian", "x*y + y*z", "--at", "x=0,y=0,z=0"],  # a critical point where the minors need the eigenvalues
    ["hessian", "x**2 + y**2 + 1", "--at", "x=0,y=0"],  # a local minimum, with its value
    ["hessian", "abs(x)**3 + y**2", "--at", "x=0,y=0"],  # at a kink: no test, and test_skipped says why
    ["jacobian", "u = x*y; x + y; sin(x)", "--at", "x=1,y=2", "--check"],
    ["check", "x^2", "x", "2x"],
    ["check", "sin(x^2)", "x", "cos(x^2)"],
    ["check", "sqrt(x + 2*sqrt(x - 1))", "x", "1/(2*sqrt(x - 1))"],
    ["check", "x^2", "x", "2*exp(log(x))"],  # right only where the answer is real: answer_domain
    ["check", "x^2", "x", "2x +"],
    ["implicit", "x**2 + y**2 = 25", "--at", "x=3,y=4"],
    ["implicit", "x**2 + y**2 = 25", "--at", "x=1,y=1"],  # off the curve: residual, no value
    ["implicit", "x**2 + y**2 = 25", "--at", "x=5,y=0"],  # vertical
    ["implicit", "x**3 + y**3 = 6*x*y", "--at", "x=0,y=0"],  # singular
    ["implicit", "x**2 + a*y**2 = 1"],  # a letter besides x and y: implicit_constants
    ["tangent", "x**2 + y**2", "--at", "x=1,y=2"],
    ["tangent", "3 xy", "--at", "x=1,y=2"],  # a failure with the notes that explain it
    ["descend", "(x-1)**2 + 3*y**2", "--from", "x=3,y=2", "--steps", "3"],
    ["descend", "(w*x + b - y)**2", "--from", "w=0,b=0", "--at", "x=2,y=3", "--steps", "3"],  # data: at
    ["practice", "--rules", "chain", "--count", "2"],
    ["rules"],
    ["rules", "chain"],
    ["matrix", "x.T*A*x", "x", "--shape", "x=n,1", "--shape", "A=n,n", "--check"],
    ["matrix", "sum(sin(10^30*x))", "x", "--shape", "x=n,1", "--check"],  # check.unresolved
    ["backprop", "--check"],
    ["backprop", "--layers", "3,2,2", "--output", "softmax", "--loss", "ce", "--check"],
    ["backprop", "--layers", "2,h,2", "--output", "softmax", "--loss", "ce", "--lr", "0.5", "--at",
     '{"x": [1, 2], "t": [0.5, 1], "W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0, 0], "W2": [[0.5, -0.5], [0.2, 0.1]], '
     '"b2": [0.1, -0.1]}'],  # a named size, t that does not sum to 1
    ["backprop", "--layers", "1,1", "--output", "identity", "--lr", "1000", "--at",
     '{"x": [3], "t": [0], "W1": [[2]], "b1": [1]}'],  # a step too large: the loss goes up, a smaller η
]
BATCHES = [  # standard input: `line`, and a failure among results
    (["partial", "-", "x"], "x^2\n3*x**\n"),
    (["check", "--file", "-"], '{"expr": "x^2", "var": "x", "answer": "2x"}\nnot a record\n'),
    (["matrix", "-", "x", "--shape", "x=n,1"], "x.T*x\n"),
]


def _in_process_records() -> list[dict]:
    """Records of states no short input reaches from the command line, written by the same code:
    a `--check` that disagrees (the real comparison, given a wrong derivative) and steps left out
    for size (the real size limit, lowered)."""
    import sympy

    from symdiff import api
    from symdiff.render import json as render_json
    from symdiff.scalar.check import check_derivative

    x = sympy.Symbol("x")
    records = []
    partial = api.partial("x^3", "x", check=True)
    partial.check = check_derivative(x**3, [x], 2 * x**2)
    assert partial.check.status == "disagree"
    records.append(render_json.record(partial))
    limit = render_json.JSON_STEP_NODES
    try:
        render_json.JSON_STEP_NODES = 3
        records.append(render_json.record(api.partial("sin(x^2)", "x")))
        records.append(render_json.record(api.gradient("sin(x^2)*y")))
    finally:
        render_json.JSON_STEP_NODES = limit
    return [json.loads(json.dumps(r)) for r in records]


@pytest.fixture(scope="module")
def coverage():
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": None, "TERM": "dumb"})
    seen = Coverage()
    runs = [(args, None) for args in SAMPLES] + BATCHES
    for args, stdin in runs:
        result = runner.invoke(app, cli_args([*args, "--format", "json"]), input=stdin, catch_exceptions=False)
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        assert lines, (args, result.stderr)
        for line in lines:
            seen.record(json.loads(line))
    for record in _in_process_records():
        seen.record(record)
    return seen


def test_every_key_written_is_documented(coverage):
    assert sorted(coverage.undocumented) == []


@pytest.mark.parametrize("where", [*RECORDS, "failure", *OBJECTS])
def test_every_key_documented_is_written(coverage, where):
    table = FAILURE if where == "failure" else OBJECTS.get(where) or RECORDS[where]
    common = set() if where in OBJECTS or where == "failure" else set(COMMON)
    missing = set(table) - common - coverage.seen.get(where, set())
    assert sorted(missing) == []


def test_every_common_key_is_written(coverage):
    seen = set().union(*(coverage.seen.get(name, set()) for name in COMMANDS))
    assert sorted(set(COMMON) - seen) == []


def values(h3: str) -> list[str]:
    return [codes(row[0])[0] for row in section("Values", h3)]


def test_values_written_are_the_documented_ones(coverage):
    step_rules = set(values("Rule names")) | set(values("Matrix step rules")) | set(values("Implicit step rules"))
    assert coverage.values[("STEP", "rule")] <= step_rules
    assert coverage.values[("ERROR", "type")] <= set(values("Error types"))
    # Each of these is written by the samples in every documented value, and in no other.
    assert coverage.values[("check", "verdict")] == set(values("Verdicts"))
    assert coverage.values[("CHECK", "status")] == set(values("Check statuses"))
    # partial writes most kinds; check (answer_domain), hessian (test_skipped) and implicit
    # (implicit_constants) write their own
    written = set().union(*(v for (where, key), v in coverage.values.items() if key == "warnings.kind"))
    assert written == set(values("Warnings"))
    assert coverage.values[("partial", "warnings.kind")] >= set(values("Warnings")) - {
        "answer_domain", "test_skipped", "implicit_constants"}
    assert coverage.values[("check", "diagnosis.kind")] <= set(values("Diagnoses"))


# --- the reference: names from the code

def test_rule_names_are_the_code_s():
    assert values("Rule names") == list(RULE_NAMES)
    assert values("Matrix step rules") == list(MATRIX_RULES)
    assert values("Implicit step rules") == [DependentRule.rule]


def test_error_types_are_the_code_s():
    assert values("Error types") == list(ERROR_TYPES)


def test_exit_codes_are_the_code_s():
    assert values("Exit codes") == [str(int(s)) for s in ExitStatus] + ["128+N"]


def test_diagnoses_are_the_catalogue_s():
    kinds = [key.removeprefix("mistake.") for key in EN if key.startswith("mistake.")]
    assert sorted(values("Diagnoses")) == sorted(kinds)


def test_the_formats_in_the_reference_are_the_commands_own():
    from symdiff.app.output import COMMAND_FORMATS

    for name in RECORDS:  # serve writes no format of its own: it answers with the others'
        head = next(t for t in REFERENCE.read_text(encoding="utf-8").split("\n### ")
                    if re.match(rf"`symdiff {name}( |`)", t))
        listed = re.search(r"Formats: ((?:`\w+`(?:, | \(|,? and | or )?)+)", " ".join(head.split()))
        assert listed, name
        assert codes(listed.group(1)) == [f.value for f in COMMAND_FORMATS[name]], name
