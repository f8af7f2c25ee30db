"""Planning on the real prerequisite graphs in ../shared/data/external (not shipped with tutor):
import, then a plan and `next` for the deepest topic of each, against the naive networkx way.

    python bench/real_graphs.py [--data PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutor.importers import curriculum_from_graph, read_edges  # noqa: E402
from tutor.planner import frontier, plan_for_goals  # noqa: E402

NAMES = ["metacademy", "khan_academy", "princeton_courses", "exercism_elixir", "al_cpl"]


def best_of(fn, n: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "external")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"no data sets at {args.data}; nothing to measure")
        return
    import networkx as nx

    print(f"{'data set':<18} {'topics':>7} {'edges':>6} {'goal depth':>10} {'plan':>5} "
          f"{'import ms':>9} {'plan ms':>8} {'next ms':>8} {'networkx ms':>11}")  # fmt: skip
    for name in NAMES:
        folder = args.data / name
        start = time.perf_counter()
        c, _ = curriculum_from_graph(read_edges(folder / f"{name}.topics.csv", folder / f"{name}.edges.csv"))
        t_import = time.perf_counter() - start
        deepest = max(range(len(c)), key=lambda i: (c.depth[i], c.topics[i].id))
        goal = c.topics[deepest].id
        plan = plan_for_goals(c, [goal], set())
        t_plan = best_of(lambda: plan_for_goals(c, [goal], set()))  # noqa: B023
        t_next = best_of(lambda: frontier(c, plan))  # noqa: B023
        g = nx.DiGraph()
        g.add_nodes_from(t.id for t in c.topics)
        g.add_edges_from((p, t.id) for t in c.topics for p in t.prerequisites)
        t_nx = best_of(lambda: list(nx.lexicographical_topological_sort(  # noqa: B023
            g.subgraph(nx.ancestors(g, goal) | {goal}))))  # noqa: B023
        print(f"{name:<18} {len(c):>7} {c.edge_count:>6} {c.depth[deepest]:>10} {len(plan.items):>5} "
              f"{t_import * 1000:>9.1f} {t_plan * 1000:>8.2f} {t_next * 1000:>8.2f} {t_nx * 1000:>11.2f}")


if __name__ == "__main__":
    main()
