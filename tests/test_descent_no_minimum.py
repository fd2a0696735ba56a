"""Gradient descent on a function with no minimum never calls the run slow convergence or plain
convergence (try-44).

- f that flattens out for ever (−a·ln x, −a·√x, a·e^(−bx), a/x, a·arctan x): |f′| shrinks ever more
  slowly as the iterates run off, which read "slow convergence, not a failure"; now `unbounded`,
  naming the way f keeps falling.
- a linear f (a·x + b·y + c): |∇f| never changes, so no escape was seen and the run "took all its steps";
  now a `runaway` with no lower bound.
- a start that is itself a degenerate critical point f falls past (x^(k+1) − a·x^k, k odd, at 0; x⁴ − x³ + y²
  and x²y at the origin): "Converged" with nothing more; now the verdict names it and says to start
  elsewhere. x⁴ + y⁴ at the origin (a minimum) keeps its plain convergence.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from symdiff.api import descend

PROPERTY = settings(max_examples=15, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

FLATTENING = ["-{a}*log(x)", "-{a}*sqrt(x)", "{a}*exp(-{b}*x)", "{a}/x", "{a}*atan(x)"]


@PROPERTY
@given(st.sampled_from(FLATTENING), st.integers(1, 4), st.integers(1, 3), st.integers(1, 4),
       st.sampled_from([0.05, 0.1, 0.5]), st.sampled_from([100, 300]))
def test_a_function_that_flattens_out_for_ever_is_never_slow_convergence(form, a, b, x0, lr, steps):
    text = form.format(a=a, b=b)
    r = descend(text, start=f"x={x0}", lr=lr, steps=steps)
    note(f"{text} from {x0}, η = {lr}: {r.stop_key}: {r.reason}")
    assert not r.converged
    assert r.stop_key != "descend.reason.steps.slow", r.reason
    # the run's direction and f's: the iterates go where f keeps falling, and the words say which way
    if r.stop == "unbounded":
        assert ("→ ∞" in r.reason or "→ −∞" in r.reason) and "no minimum" in r.reason, r.reason
    else:
        assert r.stop in ("runaway", "steps"), (r.stop, r.reason)


@PROPERTY
@given(st.integers(-5, 5), st.integers(-5, 5), st.integers(-5, 5), st.integers(-3, 3), st.integers(-3, 3))
def test_a_linear_function_has_no_lower_bound(a, b, c, x0, y0):
    if (a, b) == (0, 0):
        return
    r = descend(f"{a}*x + {b}*y + {c}", start=f"x={x0},y={y0}", lr=0.1, steps=100, vars=["x", "y"])
    note(r.reason)
    assert r.stop == "runaway" and r.stop_values.get("below"), (r.stop, r.reason)
    assert "no lower bound" in r.reason and r.suggested_lr is None


@PROPERTY
@given(st.sampled_from([3, 5, 7]), st.integers(1, 5), st.sampled_from([1, -1]))
def test_a_start_at_an_inflection_point_is_no_minimum(k, a, sign):
    text = f"x**{k + 1} - ({sign * a})*x**{k}"
    r = descend(text, start="x=0")
    note(r.reason)
    assert r.stop_values.get("critical") == "inflection", (text, r.reason)
    assert "start elsewhere" in r.reason and "no minimum" in r.reason


@pytest.mark.parametrize("text, critical", [("x**4 - x**3 + y**2", "degenerate"), ("x**2*y", "degenerate"),
                                            ("x**4 + y**4", None), ("x**2 + y**4", None)])
def test_a_start_at_a_degenerate_critical_point(text, critical):
    r = descend(text, start="x=0,y=0")
    assert r.converged and r.stop_values.get("critical") == critical, (text, r.reason)
    assert ("start elsewhere" in r.reason) == (critical is not None)


def test_a_start_that_f_falls_past_for_ever_says_so():
    """x³ + y² at the origin: f′ = 0, and f falls for ever along −x: no minimum, and not converged."""
    r = descend("x**3 + y**2", start="x=0,y=0")
    assert not r.converged and r.stop == "unbounded" and r.stop_values.get("past"), r.reason
    assert "x → −∞" in r.reason


def test_a_run_that_blew_up_is_not_said_to_have_made_no_progress():
    """x²y + y⁴ from (1, 1): f fell to −8·10⁴ in 44 steps, then one step threw it to 1.3·10⁹."""
    r = descend("x**2*y + y**4", start="x=1,y=1", steps=2000)
    assert r.stop != "stuck" and "made no progress" not in r.reason, r.reason
    assert r.stop == "runaway", r.reason


@pytest.mark.parametrize("text, start", [("x**4 - x**3", "x=0"), ("-(x - 1)**2", "x=1"), ("x**2*y", "x=0,y=0")])
def test_the_json_reason_keeps_the_contract_words_and_says_no_minimum(text, start):
    from symdiff.render.json import record

    r = descend(text, start=start)
    reason = record(r)["final"]["reason"]
    assert reason.startswith("gradient norm below tol (1e-08); but this is no minimum: "), reason
    assert record(descend("x**2", start="x=1"))["final"]["reason"] == "gradient norm below tol (1e-08)"
