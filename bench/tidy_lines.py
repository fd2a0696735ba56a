"""The cost of the lines between the steps' sum and the simplified form (render.markup.tidy_lines),
against bare `sympy.diff` of the same functions, in one process and one run.

    python bench/tidy_lines.py [--seeds N] [--views V]

The functions are practice exercises (product and chain, quotient, quotient and chain, product; seeds
0 … N−1) whose answer is a tidied form of their steps' result. Rows, each timed with SymPy's cache
cleared first, as a ratio to `sympy.diff` over the same functions:
- before: what each view did until the moves were planned once, for V views (text and Markdown of one
  run are two): `scalar.factored.common_factor` (two `expand`s) and the identities check, every view;
- after, V views, each working its plan out: `tidy_lines` for each view with nothing kept between
  them (what the views would cost without the plan kept: the moves do more than the one factor line);
- after, V views: `tidy_lines` for each view, its plan (moves and identities) worked out once a
  derivation and read back by the other views;
- after, one view: the same for a single view.
"""

from __future__ import annotations

import argparse
import time

import sympy
from sympy.core.cache import clear_cache


def derivations(seeds: int) -> list:
    from symdiff.features.practice import practice
    from symdiff.render.order import shown_exercise

    found, seen = [], set()
    for rules in (["product", "chain"], ["quotient"], ["quotient", "chain"], ["product"]):
        for seed in range(seeds):
            for e in practice(rules, count=4, seed=seed).exercises:
                if e.answer != e.step.result and e.expr not in seen:
                    seen.add(e.expr)
                    found.append((e.expr, e.var, e.step.result, e.answer, shown_exercise(e).result))
    return found


def _timed(work) -> float:
    clear_cache()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=6)
    parser.add_argument("--views", type=int, default=2)
    args = parser.parse_args()

    from symdiff.render import markup
    from symdiff.render.notation import unicode
    from symdiff.scalar.factored import common_factor
    from symdiff.scalar.tidy import identities_used

    found = derivations(args.seeds)

    def bare():
        for expr, var, *_ in found:
            sympy.diff(expr, var)

    def before():
        for _ in range(args.views):
            for _, _, raw, tidy, _ in found:
                common_factor(raw, tidy)
                identities_used(raw, tidy)

    def after(views, kept=True):
        def work():
            markup._PLANS.clear()
            for _ in range(views):
                if not kept:
                    markup._PLANS.clear()
                for _, _, raw, tidy, shown in found:
                    markup.tidy_lines(raw, tidy, shown, tidy, unicode)
        return work

    base = min(_timed(bare) for _ in range(3))
    rows = [(f"before, {args.views} views", min(_timed(before) for _ in range(3))),
            (f"after, {args.views} views, each working its plan out", min(_timed(after(args.views, False)) for _ in range(3))),
            (f"after, {args.views} views", min(_timed(after(args.views)) for _ in range(3))),
            ("after, 1 view", min(_timed(after(1)) for _ in range(3)))]
    print(f"{len(found)} derivations; sympy.diff of them all: {base * 1000:.1f} ms")
    print("| row | ms | ratio to sympy.diff |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.1f} | {seconds / base:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
