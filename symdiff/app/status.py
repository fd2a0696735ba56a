"""What counts as a failure, and the exit status: the command line's policy, in one place.

Renderers only render. This module says which outcomes are failures (an error, an answer that is
not right, a descent that failed, a `--check` that disagreed), under which error type each counts
in a batch's summary, what a failure adds on stderr beside its rendered result, and the status a
run exits with (README, "Exit codes").
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    FAILED = 1  # at least one input failed; each failure was reported
    USAGE = 2
    INCONCLUSIVE = 3  # check: no input failed, but some answer was neither proved nor disproved
    IO = 4  # standard output could not be written, or the input could not be read


# `check` of one answer exits with its verdict; any other error type is a failure. An answer whose
# grading ran out of time was not judged: to a grader that is "inconclusive" (check it by hand), never
# "wrong", which would mark a right answer down.
_VERDICT_STATUS = {None: ExitStatus.OK, "wrong": ExitStatus.FAILED, "unreadable": ExitStatus.USAGE,
                   "inconclusive": ExitStatus.INCONCLUSIVE, "timeout": ExitStatus.INCONCLUSIVE}
# The error types of `check` that leave an answer unjudged, exiting 3 as an inconclusive verdict does.
NOT_JUDGED = ("inconclusive", "timeout")


def verdict_status(error_type: str | None) -> ExitStatus:
    """The exit status of `check` with one answer, by its error type (None: right)."""
    return _VERDICT_STATUS.get(error_type, ExitStatus.FAILED)


def classify(rendered, outcome, one_screen: bool) -> None:
    """Give `rendered` (one input's rendered output) the error type its outcome counts as (None: it
    succeeded), and add to its stderr what a failure says there. A result that states its own
    failure (a descent that diverged, a --check that disagreed) says it again on stderr only when
    stderr is not on the same screen as the results (`one_screen`): whoever reads stdout elsewhere
    still learns of it. Call it in the output's language (symdiff.core.messages.language)."""
    if not outcome.ok:
        rendered.error_type = outcome.error.type
        rendered.usage = getattr(outcome.error, "usage", False)
        return
    from ..core.messages import message

    result, line = outcome.result, outcome.line
    verdict = getattr(result, "verdict", "right")  # a graded answer counts as its verdict
    if verdict != "right":
        rendered.error_type = verdict
    if getattr(result, "failed", False):  # a descent that diverged or cycled
        rendered.error_type = "diverged" if result.diverged else "cycled"
        if not one_screen:
            rendered.stderr += message("descend.error", reason=result.reason) + "\n"
    if getattr(result, "on_curve", None) is False:  # implicit --at a point off the curve: no dy/dx there
        # the contract's domain error for a derivative with no value at the --at point (exit 1); the
        # record keeps its steps, and says why there is no value
        rendered.error_type = "domain"
        if not one_screen:
            from ..render.implicit import no_value
            from ..render.notation import unicode

            said = no_value(result)
            where = f"{message('line', line=line)}: " if line is not None else f"{message('error')}: "
            rendered.stderr += where + message(said.key, unicode, **said.values) + "\n"
    check = getattr(result, "check", None)
    if check is not None and not check.ok:
        from ..render.text import check_lines

        where = f"{message('line', line=line)}: " if line is not None else f"{message('error')}: "
        if not one_screen:
            rendered.stderr += where + check_lines(check)[0] + "\n"
        rendered.error_type = "check"


def run_status(summary, *, single: bool, single_status=None, not_judged=("inconclusive",)) -> ExitStatus:
    """The exit status of a run, from its summary (symdiff.app.output.Summary): a usage error first
    (every line was worked on, but the command line needs fixing); a single input by
    `single_status(its error type)` where the command has one; else 1 if an input failed, 3 if the
    only failures were answers `not_judged` (inconclusive, or for check also out of time), 0."""
    if summary.usage:
        return ExitStatus.USAGE
    if single and single_status is not None:
        return single_status(summary.last)
    inconclusive = sum(summary.failures.get(kind, 0) for kind in not_judged)
    if summary.failed > inconclusive:
        return ExitStatus.FAILED
    return ExitStatus.INCONCLUSIVE if inconclusive else ExitStatus.OK
