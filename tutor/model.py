"""The compiled curriculum: topics, their prerequisite DAG and derived figures.

A `Curriculum` is built once from validated topics and never changed. Graph figures are computed
over integer indices (not networkx) so that planning stays fast on very large graphs; the per-topic
figures that every page needs (depth, longest-chain parent, dependents) are computed up front,
ancestor sets on demand.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

QUESTION_KINDS = ("numeric", "choice", "text", "expression")


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: str
    prompt: str
    answer: str | tuple[str, ...]
    choices: tuple[str, ...] = ()
    params: tuple[tuple[str, int, int], ...] = ()  # (name, low, high), inclusive
    where: str | None = None
    hint: str | None = None
    explanation: str | None = None
    tolerance: float | None = None

    @property
    def templated(self) -> bool:
        return bool(self.params)


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: str
    level: str
    prerequisites: tuple[str, ...]
    minutes: int
    tags: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    core_idea: str = ""
    explainer: str = ""
    path: str = ""  # relative to the curriculum root
    area: str = ""
    source_id: str = ""  # the id in the graph it was imported from, when it differs

    @property
    def has_content(self) -> bool:
        return bool(self.explainer.strip()) and bool(self.questions)


@dataclass(frozen=True, slots=True)
class CurriculumInfo:
    name: str
    version: str
    levels: tuple[str, ...]
    license: str = ""
    description: str = ""
    require_content: bool = True


@dataclass(eq=False)
class Curriculum:
    """An immutable, validated curriculum. Build it with `Curriculum.build`."""

    info: CurriculumInfo
    root: str
    topics: tuple[Topic, ...]
    index: dict[str, int] = field(repr=False)
    prereqs: tuple[tuple[int, ...], ...] = field(repr=False)  # in the order the topic lists them
    dependents: tuple[tuple[int, ...], ...] = field(repr=False)  # sorted by index
    topo: tuple[int, ...] = field(repr=False)  # a deterministic topological order
    depth: tuple[int, ...] = field(repr=False)
    chain_parent: tuple[int, ...] = field(repr=False)  # -1 for topics without prerequisites

    @classmethod
    def build(cls, info: CurriculumInfo, root: str, topics: Iterable[Topic]) -> Curriculum:
        """Derive the graph figures. Topics must already be valid: unique ids, known
        prerequisites, no cycles (the validator guarantees it)."""
        ordered = tuple(sorted(topics, key=lambda t: t.id))
        index = {t.id: i for i, t in enumerate(ordered)}
        prereqs = tuple(tuple(index[p] for p in t.prerequisites) for t in ordered)
        deps: list[list[int]] = [[] for _ in ordered]
        for i, ps in enumerate(prereqs):
            for p in ps:
                deps[p].append(i)
        dependents = tuple(tuple(sorted(d)) for d in deps)
        topo = _topological_order(prereqs, dependents)
        depth = [0] * len(ordered)
        parent = [-1] * len(ordered)
        for i in topo:
            best = -1
            for p in prereqs[i]:  # listed order: the first of equally deep prerequisites wins
                if best < 0 or depth[p] > depth[best]:
                    best = p
            if best >= 0:
                depth[i] = depth[best] + 1
                parent[i] = best
        return cls(
            info=info,
            root=root,
            topics=ordered,
            index=index,
            prereqs=prereqs,
            dependents=dependents,
            topo=tuple(topo),
            depth=tuple(depth),
            chain_parent=tuple(parent),
        )

    @functools.cached_property
    def topo_position(self) -> list[int]:
        """Position of each topic in `topo`."""
        position = [0] * len(self.topo)
        for n, i in enumerate(self.topo):
            position[i] = n
        return position

    @functools.cached_property
    def titles_folded(self) -> dict[str, int]:
        """Case- and space-folded title -> topic index."""
        return {fold_title(t.title): i for i, t in enumerate(self.topics)}

    # --- look-ups -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.topics)

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self.index

    def topic(self, topic_id: str) -> Topic:
        return self.topics[self.index[topic_id]]

    def ids(self, indices: Iterable[int]) -> list[str]:
        return [self.topics[i].id for i in indices]

    @property
    def edge_count(self) -> int:
        return sum(len(p) for p in self.prereqs)

    # --- derived figures ------------------------------------------------------------------
    def depth_of(self, topic_id: str) -> int:
        return self.depth[self.index[topic_id]]

    def prerequisites_of(self, topic_id: str) -> list[str]:
        return self.ids(self.prereqs[self.index[topic_id]])

    def dependents_of(self, topic_id: str) -> list[str]:
        return self.ids(self.dependents[self.index[topic_id]])

    def chain(self, topic_id: str) -> list[str]:
        """The longest prerequisite chain ending at the topic, root first, the topic last.

        Ties between equally deep prerequisites go to the one the topic lists first."""
        out = []
        i = self.index[topic_id]
        while i >= 0:
            out.append(i)
            i = self.chain_parent[i]
        out.reverse()
        return self.ids(out)

    def ancestor_indices(self, starts: Iterable[int]) -> set[int]:
        """All strict ancestors of the given topics (the starts themselves excluded unless one
        is an ancestor of another)."""
        seen: set[int] = set()
        stack = [p for s in starts for p in self.prereqs[s]]
        prereqs = self.prereqs
        while stack:
            i = stack.pop()
            if i in seen:
                continue
            seen.add(i)
            stack.extend(prereqs[i])
        return seen

    def descendant_indices(self, starts: Iterable[int]) -> set[int]:
        seen: set[int] = set()
        stack = [d for s in starts for d in self.dependents[s]]
        dependents = self.dependents
        while stack:
            i = stack.pop()
            if i in seen:
                continue
            seen.add(i)
            stack.extend(dependents[i])
        return seen

    def ancestors(self, topic_id: str) -> set[str]:
        return set(self.ids(self.ancestor_indices([self.index[topic_id]])))

    def level_rank(self, level: str) -> int:
        return self.info.levels.index(level) if level in self.info.levels else len(self.info.levels)


def _topological_order(
    prereqs: Sequence[Sequence[int]], dependents: Sequence[Sequence[int]]
) -> list[int]:
    """Kahn's algorithm, smallest index first among the ready topics: deterministic."""
    remaining = [len(p) for p in prereqs]
    ready = [i for i, n in enumerate(remaining) if n == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for d in dependents[i]:
            remaining[d] -= 1
            if remaining[d] == 0:
                heapq.heappush(ready, d)
    if len(order) != len(prereqs):
        raise ValueError("the prerequisite graph has a cycle")
    return order


def fold_title(title: str) -> str:
    return " ".join(title.casefold().split())
