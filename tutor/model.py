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
from typing import Any, overload

QUESTION_KINDS = ("numeric", "choice", "text", "expression")


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


TOPIC_FIELDS = ("id", "title", "level", "prerequisites", "minutes", "tags", "questions",
                "core_idea", "explainer", "path", "area", "source_id")  # fmt: skip


class TopicTable(Sequence[Topic]):
    """The topics of a curriculum, stored as plain tuples and turned into `Topic` objects on
    first access: a 100,000-topic curriculum unpickles from the cache several times faster than
    as objects, and planning touches only the topics it shows."""

    __slots__ = ("_rows", "_objects")

    def __init__(self, rows: tuple[tuple[Any, ...], ...],
                 objects: list[Topic | None] | None = None) -> None:  # fmt: skip
        self._rows = rows
        self._objects: list[Topic | None] = objects or [None] * len(rows)

    @classmethod
    def of(cls, topics: Sequence[Topic]) -> TopicTable:
        rows = tuple(tuple(getattr(t, f) for f in TOPIC_FIELDS) for t in topics)
        return cls(rows, list(topics))

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> Topic: ...
    @overload
    def __getitem__(self, i: slice) -> list[Topic]: ...
    def __getitem__(self, i: int | slice) -> Topic | list[Topic]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        t = self._objects[i]
        if t is None:
            t = self._objects[i] = Topic(*self._rows[i])
        return t

    def column(self, name: str) -> list[Any]:
        k = TOPIC_FIELDS.index(name)
        return [r[k] for r in self._rows]

    def __reduce__(self) -> tuple[Any, ...]:
        return (TopicTable, (self._rows,))


@dataclass(eq=False)
class Curriculum:
    """An immutable, validated curriculum. Build it with `Curriculum.build`."""

    info: CurriculumInfo
    root: str
    topics: TopicTable
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
            topics=TopicTable.of(ordered),
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
    def titles(self) -> list[str]:
        return self.topics.column("title")

    @functools.cached_property
    def level_ranks(self) -> list[int]:
        rank = {level: n for n, level in enumerate(self.info.levels)}
        missing = len(self.info.levels)
        return [rank.get(level, missing) for level in self.topics.column("level")]

    @functools.cached_property
    def minutes(self) -> list[int]:
        return self.topics.column("minutes")

    @functools.cached_property
    def titles_folded(self) -> dict[str, int]:
        """Case- and space-folded title -> topic index."""
        return {fold_title(title): i for i, title in enumerate(self.titles)}

    def __getstate__(self) -> dict[str, Any]:
        # the index and the cached views are rebuilt on load: smaller and faster to read
        keep = ("info", "root", "topics", "prereqs", "dependents", "topo", "depth", "chain_parent")
        return {k: self.__dict__[k] for k in keep}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.index = {tid: i for i, tid in enumerate(self.topics.column("id"))}

    # --- look-ups -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.topics)

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self.index

    def topic(self, topic_id: str) -> Topic:
        return self.topics[self.index[topic_id]]

    @functools.cached_property
    def id_list(self) -> list[str]:
        return self.topics.column("id")

    def ids(self, indices: Iterable[int]) -> list[str]:
        id_list = self.id_list
        return [id_list[i] for i in indices]

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
        return _reach(self.prereqs, starts)

    def descendant_indices(self, starts: Iterable[int]) -> set[int]:
        return _reach(self.dependents, starts)

    def ancestors(self, topic_id: str) -> set[str]:
        return set(self.ids(self.ancestor_indices([self.index[topic_id]])))

    def level_rank(self, level: str) -> int:
        return self.info.levels.index(level) if level in self.info.levels else len(self.info.levels)


def _reach(edges: Sequence[Sequence[int]], starts: Iterable[int]) -> set[int]:
    """Every index reachable from `starts` along `edges` (starts excluded unless reached)."""
    seen = bytearray(len(edges))
    out: list[int] = []
    stack = [j for s in starts for j in edges[s]]
    while stack:
        i = stack.pop()
        if seen[i]:
            continue
        seen[i] = 1
        out.append(i)
        stack.extend(edges[i])
    return set(out)


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
