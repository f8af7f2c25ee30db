"""Planner and loader speed on a synthetic 100,000-topic curriculum, against networkx.

Builds a random DAG (N topics, about 2.5 prerequisites each), imports it into a curriculum folder
with `tutor curriculum import`'s code, then measures in one run, side by side:

- import (repair + write files), full validation + compile, and loading from the compiled cache;
- a plan for the deepest topic, `next` (the frontier) and `show` (the topic page figures);
- the same plan the naive networkx way (ancestors + topological sort of the subgraph view);
- peak memory of the process.

    python bench/scale.py [--topics 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutor.importers import ImportOptions, RawGraph, RawTopic, repair, write_curriculum  # noqa: E402
from tutor.loader import load_curriculum, read_curriculum  # noqa: E402
from tutor.planner import frontier, known_topics, plan_for_goals  # noqa: E402
from tutor.progress import topic_page  # noqa: E402


def synthetic(n: int, seed: int) -> RawGraph:
    rng = random.Random(seed)
    topics = [RawTopic(f"t{i:06d}", f"Topic number {i}", minutes=rng.randint(5, 90)) for i in range(n)]
    edges = []
    for i in range(1, n):
        k = min(i, rng.choice((1, 2, 2, 3, 3, 4)))
        window = min(i, 2000)
        for p in rng.sample(range(i - window, i), k):
            edges.append((f"t{p:06d}", f"t{i:06d}"))
    return RawGraph(topics, edges, source="synthetic")


def timed(fn, repeat: int = 1):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def naive_plan(curriculum, goal: str, known: set[str]) -> list[str]:  # type: ignore[no-untyped-def]
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(t.id for t in curriculum.topics)
    graph.add_edges_from((p, t.id) for t in curriculum.topics for p in t.prerequisites)
    needed = (nx.ancestors(graph, goal) | {goal}) - known
    return list(nx.lexicographical_topological_sort(graph.subgraph(needed)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--topics", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, cache = Path(tmp) / "curriculum", Path(tmp) / "cache"
        raw = synthetic(args.topics, args.seed)
        t_import, (topics, report) = timed(lambda: repair(raw, ImportOptions()))
        t_write, _ = timed(lambda: write_curriculum(topics, root, name="synthetic", source="bench"))
        print(f"synthetic DAG: {report.topics_written} topics, {report.edges_written} edges")
        print(f"import: repair {t_import:.2f} s, write files {t_write:.2f} s")
        t_validate, (c, problems) = timed(lambda: read_curriculum(root))
        assert c is not None, problems[:3]
        print(f"validate + compile from files: {t_validate:.2f} s")
        timed(lambda: load_curriculum(root, cache))  # builds the cache
        t_load, c = timed(lambda: load_curriculum(root, cache), args.repeat)
        print(f"load from compiled cache: {t_load * 1000:.0f} ms (median of {args.repeat}; target <= 1000 ms)")

        deepest = max(range(len(c)), key=lambda i: (c.depth[i], c.topics[i].id))
        goal = c.topics[deepest].id
        rng = random.Random(args.seed)
        claims = {c.topics[i].id: True for i in rng.sample(range(len(c)), 50)}
        known = known_topics(c, claims)
        t_plan, plan = timed(lambda: plan_for_goals(c, [goal], known), args.repeat)
        t_next, _ = timed(lambda: frontier(c, plan, 5), args.repeat)
        t_show, page = timed(lambda: topic_page(c, goal), args.repeat)
        # the first page after a load also reads the content file (one topic's content)
        firsts = []
        for _ in range(args.repeat):
            fresh = load_curriculum(root, cache)
            firsts.append(timed(lambda: topic_page(fresh, goal))[0])  # noqa: B023
        t_show_first = statistics.median(firsts)
        t_naive, naive = timed(lambda: naive_plan(c, goal, known), max(1, args.repeat // 2))
        assert set(naive) == set(plan.ids())
        print(f"deepest topic {goal}: depth {c.depth[deepest]}, {page.ancestor_count} ancestors, "
              f"plan of {len(plan.items)} topics in {len(plan.stages)} stages")
        print(f"plan: {t_plan * 1000:.1f} ms (target <= 100 ms); naive networkx: {t_naive * 1000:.1f} ms "
              f"(x{t_naive / t_plan:.1f} slower)")
        print(f"next: {t_next * 1000:.1f} ms, show: {t_show * 1000:.1f} ms, first show after a load "
              f"(reads the content file): {t_show_first * 1000:.1f} ms (target <= 50 ms each)")
        # what a tutor command costs: a fresh process that loads the compiled curriculum,
        # plans for the deepest topic, ranks `next` and builds its page
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, str(root), str(cache), goal],
            capture_output=True, text=True, check=True,
        )
        print(f"peak memory of a command (load, plan, next, show): {child.stdout.strip()} MB "
              "(target <= 500 MB)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this whole run (generate, import, validate, compile, all queries): "
          f"{peak:.0f} MB")


_CHILD = """
import resource, sys
from pathlib import Path
sys.path.insert(0, %r)
from tutor.loader import load_curriculum
from tutor.planner import frontier, known_topics, plan_for_goals
from tutor.progress import topic_page
root, cache, goal = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
c = load_curriculum(root, cache)
plan = plan_for_goals(c, [goal], known_topics(c, {}))
frontier(c, plan, 5)
topic_page(c, goal)
try:  # this process's own high-water mark (ru_maxrss would include the parent's, kept by exec)
    hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
    print(round(int(hwm.split()[1]) / 1024))
except (OSError, StopIteration):
    print(round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
""" % str(Path(__file__).resolve().parent.parent)


if __name__ == "__main__":
    main()
