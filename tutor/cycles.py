"""Finding cycles in a prerequisite graph, each reported as the path that closes it.

A depth-first search (in sorted order, so the result is deterministic) meets every cycle through
at least one *back edge*: an edge into a topic still on the search path. Each back edge gives a
cycle (the path from that topic to the edge's start, closed by the edge), and removing all back
edges leaves a DAG, which is how an import breaks cycles. Linear time, no recursion, so it
copes with 100,000-topic graphs and hundreds of cycles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cycle:
    path: tuple[str, ...]  # a, b, c: a is a prerequisite of b, b of c, and c (back edge) of a
    back_edge: tuple[str, str]  # (prerequisite, topic) that closes the cycle

    def __str__(self) -> str:
        return " -> ".join((*self.path, self.path[0]))


def find_cycles(prereqs: Mapping[str, Sequence[str]], limit: int | None = None) -> list[Cycle]:
    """Cycles of the graph given as topic -> prerequisites (unknown ids are ignored)."""
    dependents: dict[str, list[str]] = {t: [] for t in prereqs}
    for t, ps in prereqs.items():
        for p in ps:
            if p in dependents and p != t:
                dependents[p].append(t)
    for d in dependents.values():
        d.sort()
    state: dict[str, int] = {}  # 1 on the path, 2 done
    position: dict[str, int] = {}
    cycles: list[Cycle] = []
    for root in sorted(dependents):
        if root in state:
            continue
        path = [root]
        iters = [iter(dependents[root])]
        state[root], position[root] = 1, 0
        while path:
            node = path[-1]
            nxt = next(iters[-1], None)
            if nxt is None:
                state[node] = 2
                path.pop()
                iters.pop()
                continue
            s = state.get(nxt)
            if s is None:
                state[nxt], position[nxt] = 1, len(path)
                path.append(nxt)
                iters.append(iter(dependents[nxt]))
            elif s == 1:
                cycles.append(Cycle(tuple(path[position[nxt]:]), (node, nxt)))
                if limit is not None and len(cycles) >= limit:
                    return cycles
    return cycles
