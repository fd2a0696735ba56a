"""A teacher reads a derivation line by line and gets each line from the one before in their head.
Over generated functions (numbers times powers of sums, as textbooks set them), in the lines the views
print: each closing line's pieces put together equal its result, which is the step's derivative; the
tidy lines go from the steps' result to the answer one equal line at a time; a sum's closing that is
more than its terms' results side by side writes them first ("1 − 6·(x + 1), which gives −6x − 5");
and no line multiplies out a number times a sum that a later line then takes out again (the old
"2·d/dx[…]" multiplied into 2A + 6B, then "Taking out the common factor 2·x³·…")."""

from __future__ import annotations

import sympy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from symdiff.api import partial
from symdiff.core.formula import _Written
from symdiff.core.messages import closing
from symdiff.render.markup import tidy_lines
from symdiff.render.notation import InOrder, Kept, unicode
from symdiff.render.order import _evaluated, showing, shown_result, shown_step

SUMS = ["x + 1", "x**3 - x", "2*x - 3", "x**2 + 1", "1 - x**2"]
OTHERS = ["x", "x**2", "sin(x)", "exp(x)"]
COEFFICIENTS = [-6, -3, -2, 2, 3, 5]


@st.composite
def factors(draw):
    kind = draw(st.sampled_from(["power", "other"]))
    if kind == "power":
        return f"({draw(st.sampled_from(SUMS))})**{draw(st.integers(1, 3))}"
    return draw(st.sampled_from(OTHERS))


@st.composite
def terms(draw):
    c = draw(st.sampled_from(COEFFICIENTS))
    body = "*".join(draw(st.lists(factors(), min_size=1, max_size=2)))
    return f"{c}*{body}"


functions = st.one_of(
    terms(),
    st.lists(st.one_of(terms(), st.sampled_from(OTHERS)), min_size=2, max_size=3).map(" + ".join),
    st.tuples(st.sampled_from(COEFFICIENTS), st.lists(st.one_of(terms(), st.sampled_from(OTHERS)), min_size=2,
                                                      max_size=2)).map(lambda t: f"{t[0]}*({' + '.join(t[1])})"),
)


def _value(e):
    return _evaluated(e)


def _same(a, b) -> bool:
    difference = _value(a) - _value(b)
    return sympy.expand(difference) == 0 or sympy.simplify(difference) == 0


def _unwrapped(e):
    while isinstance(e, InOrder):
        e = e.args[0]  # a Kept writes its first argument
    return e


def _is_sum(e) -> bool:
    e = _unwrapped(e)
    return e.is_Add or isinstance(e, _Written) and _value(e).is_Add and type(e).__name__ in ("Plus", "Terms")


def _factors(e) -> list:
    e = _unwrapped(e)
    if e.is_Mul or isinstance(e, _Written) and type(e).__name__ in ("Times", "Product"):
        return [f for a in e.args for f in _factors(a)]
    return [e]


def _products_of_sums(e, top: bool = False) -> list[tuple]:
    """Each written product in `e` (with `top`, `e` itself) of one sum and other factors with a number
    other than ±1 among them: (the number, the other factors' value, the sum's terms' values)."""
    out = []
    for node in [_unwrapped(e)] if top else sympy.preorder_traversal(e):
        if isinstance(node, InOrder) or not (node.is_Mul or isinstance(node, _Written)):
            continue
        fs = _factors(node)
        sums = [f for f in fs if _is_sum(f)]
        if len(sums) != 1 or len(fs) < 2:
            continue
        others = sympy.Mul(*(_value(f) for f in fs if f is not sums[0]))
        number = others.as_coeff_Mul()[0]
        if number.is_Rational and abs(number) != 1:
            out.append((number, others, [_value(t) for t in sympy.Add.make_args(_value(sums[0]))]))
    return out


def _top_terms(e) -> set:
    e = _unwrapped(e)
    if not _is_sum(e):
        return set()
    return {_value(t) for t in e.args}


def _lines(twin) -> list[tuple]:
    """(step, what the line puts together, the line's result) for each closing, in reading order."""
    out = []
    for sub in twin.substeps:
        out.extend(_lines(sub))
    if not twin.substeps:
        return out
    if twin.rule == "sum":
        before = sympy.Add(*(s.result for s in twin.substeps if _value(s.result) != 0), evaluate=False)
    elif twin.rule == "constant_multiple":  # the opening wrote c·d/dx[…]: the line above is c times its result
        before = sympy.Mul(twin.constant, InOrder(twin.other.result), evaluate=False)
    elif getattr(twin, "assembled", None) is not None:
        before = twin.assembled
    else:
        return out
    out.append((twin, before, twin.result))
    return out


def _above(step, root) -> set:
    """ids of `step` and the steps it is part of."""
    path: list = []

    def walk(node, trail):
        if node is step:
            path.extend(trail + [node])
            return True
        return any(walk(s, trail + [node]) for s in node.substeps)

    walk(root, [])
    return {id(n) for n in path}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(functions)
@example("x - 3*(x+1)**2")
@example("2*x*(x**3-x)**3")
@example("(3*x)**2*sin(x)")
@example("sin(x) + (x+1)**2")
def test_each_line_follows_from_the_line_before(text):
    result = partial(text, "x")
    (d,) = result.derivations
    with showing(result):
        twin, answer = shown_step(d), shown_result(d)
        closings = _lines(twin)
        tidy = [line.expr for line in tidy_lines(d.step.result, d.result, twin.result, answer, unicode)]
        for step, before, after in closings:
            # the pieces put together are the line's result, which is the step's derivative
            assert _same(before, after), (text, unicode(before), unicode(after))
            assert sympy.simplify(_value(after) - sympy.diff(_value(step.expr), step.var)) == 0, text
            if step.rule == "sum":
                side_by_side = " + ".join(unicode(s.result) for s in step.substeps if _value(s.result) != 0)
                words = closing(step, unicode)
                # a collected sum writes its terms' results first, then what they give
                assert side_by_side.replace("+ −", "− ") == unicode(after) or "which gives" in words, \
                    (text, side_by_side, words)
            if step.rule == "constant_multiple":
                # numbers that multiply together (3 times 2·x is 6·x) are written first, then what they give
                words = closing(step, unicode)
                numbers = [abs(sympy.sympify(_value(e)).as_coeff_Mul()[0]) for e in (step.constant, step.other.result)]
                if all(n != 1 and n.is_Rational for n in numbers):
                    assert "which gives" in words, (text, words)
        chain = [twin.result, *tidy, answer] if tidy else [twin.result, answer]
        for a, b in zip(chain, chain[1:]):
            assert _same(a, b), (text, unicode(a), unicode(b))
        assert _same(answer, sympy.diff(result.expr, d.var))

        # every line in reading order, each with the step it belongs to (the tidy lines: the root's)
        seq = [(step, e) for step, before, after in closings for e in (before, after)]
        seq += [(twin, e) for e in [*tidy, answer]]
        for i, (step_i, line_i) in enumerate(seq):
            for number, others, parts in _products_of_sums(line_i):
                if len(parts) < 2:
                    continue
                spread = {_value(sympy.Mul(others, p)) for p in parts}
                for j in range(i + 1, len(seq)):
                    step_j, line_j = seq[j]
                    if not spread <= _top_terms(line_j):
                        continue
                    # line j multiplied number·(sum) out: no later line of its own steps takes it out again
                    above = _above(step_j, twin)
                    for step_k, line_k in seq[j + 1:]:
                        if id(step_k) not in above:
                            continue
                        # taken out again: the line is that number (or a multiple) times a sum
                        for again, _, _ in _products_of_sums(line_k, top=True):
                            assert not (again / number).is_Integer, \
                                (text, unicode(line_i), unicode(line_j), unicode(line_k))


def test_a_constant_factor_is_multiplied_in_where_the_reader_sees_it():
    # a teacher writes 3y⁴ · 2x = 6xy⁴: the 6 comes from somewhere the line shows
    out = partial("3*x**2*y**4", "x")
    words = closing(out.derivations[0].step, unicode, "en")
    assert words == "multiplying by the constant factor: 3·y⁴·2·x, which gives 6·x·y⁴"
    out = partial("-3*x**2", "x")
    assert closing(out.derivations[0].step, unicode, "en") == \
        "multiplying by the constant factor: −3·2·x, which gives −6·x"
    # nothing multiplies: the result alone
    assert closing(partial("5*sin(x)", "x").derivations[0].step, unicode, "en") == \
        "multiplying by the constant factor: 5·cos(x)"


def test_a_negative_multiple_of_a_sum_is_added_as_written():
    out = partial("x - 3*(x+1)**2", "x")
    with showing(out):
        words = closing(shown_step(out.derivations[0]), unicode, "en")
    assert words == "adding the results, each with its sign: 1 − 6·(x + 1), which gives −6·x − 5"


def test_a_constant_multiple_of_a_sum_is_kept_and_tidied_inside_its_bracket():
    r = partial("2*x*(x**3-x)**3", "x")
    (d,) = r.derivations
    with showing(r):
        twin = shown_step(d)
        assert unicode(twin.result) == "2·((x³ − x)³ + 3·x·(x³ − x)²·(3·x² − 1))"
        lines = [unicode(line.expr) for line in tidy_lines(d.step.result, d.result, twin.result, shown_result(d),
                                                          unicode)]
        answer = unicode(shown_result(d))
    assert lines[0] == "2·(x³·(x² − 1)³ + 3·x³·(x² − 1)²·(3·x² − 1))"
    assert lines[-2] == "2·x³·(x² − 1)²·(10·x² − 4)"
    # the answer in the collected line's order: only the number gathered
    assert answer == lines[-1] == "4·x³·(x² − 1)²·(5·x² − 2)"
