"""Building a content-free curriculum straight from a prerequisite graph (rows of topics and
edges), as real-world graphs come: with dangling references, self-loops and duplicate ids.
What was repaired is reported, never silently dropped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tutor.errors import CurriculumError
from tutor.loader import DEFAULT_LEVELS, find_cycles
from tutor.model import Curriculum, CurriculumInfo, Topic


@dataclass
class GraphReport:
    duplicate_ids: list[str] = field(default_factory=list)
    empty_titles: list[str] = field(default_factory=list)
    dangling_edges: list[tuple[str, str]] = field(default_factory=list)
    self_loops: list[str] = field(default_factory=list)
    duplicate_edges: list[tuple[str, str]] = field(default_factory=list)


def curriculum_from_edges(
    topics: Iterable[Mapping[str, str]],
    edges: Iterable[Mapping[str, str]],
    *,
    name: str = "graph",
    level: str = DEFAULT_LEVELS[0],
) -> tuple[Curriculum, GraphReport]:
    """`topics`: rows with `id` and `title`; `edges`: rows with `prerequisite_id` and
    `topic_id`. Dangling edges, self-loops, repeated edges and repeated ids are dropped and
    reported; a cycle is an error naming its path."""
    report = GraphReport()
    titles: dict[str, str] = {}
    for row in topics:
        tid = row["id"]
        if tid in titles:
            report.duplicate_ids.append(tid)
            continue
        title = (row.get("title") or "").strip()
        if not title:
            report.empty_titles.append(tid)
            title = tid
        titles[tid] = title
    prereqs: dict[str, list[str]] = {tid: [] for tid in titles}
    seen: set[tuple[str, str]] = set()
    for row in edges:
        pre, post = row["prerequisite_id"], row["topic_id"]
        if pre not in titles or post not in titles:
            report.dangling_edges.append((pre, post))
        elif pre == post:
            report.self_loops.append(pre)
        elif (pre, post) in seen:
            report.duplicate_edges.append((pre, post))
        else:
            seen.add((pre, post))
            prereqs[post].append(pre)
    cycles = find_cycles(prereqs, limit=1)
    if cycles:
        raise CurriculumError("the graph has a cycle: " + " -> ".join(cycles[0] + [cycles[0][0]]))
    info = CurriculumInfo(name=name, version="", levels=DEFAULT_LEVELS, require_content=False)
    built = Curriculum.build(
        info,
        root="",
        topics=(Topic(id=tid, title=titles[tid], level=level, prerequisites=tuple(ps), minutes=0)
                for tid, ps in prereqs.items()),  # fmt: skip
    )
    return built, report
