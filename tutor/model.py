"""The compiled curriculum: topics, their prerequisite DAG and derived figures.

A `Curriculum` is built once from validated topics and never changed. Graph figures are computed
over integer indices (not networkx) so that planning stays fast on very large graphs. Topics are
numbered in a deterministic topological order (every prerequisite has a smaller index than its
dependents), so reachability is one pass over a byte mask in index order. The per-topic figures
that every page needs (depth, longest-chain parent, dependents, total prerequisites) are computed
up front, ancestor sets on demand.
"""

from __future__ import annotations

import functools
import heapq
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
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


CONTENT_FIELDS = ("questions", "core_idea", "explainer")
_CONTENT_AT = tuple(TOPIC_FIELDS.index(f) for f in CONTENT_FIELDS)


class TopicTable(Sequence[Topic]):
    """The topics of a curriculum, stored as plain tuples and turned into `Topic` objects on
    first access: a 100,000-topic curriculum unpickles from the cache several times faster than
    as objects, and planning touches only the topics it shows.

    A table read from the compiled cache may come without the topics' content (questions, core
    idea, explainer): `content` then supplies it, for every topic at once, the first time a
    topic object or a content column is asked for. Planning and listing never need it."""

    __slots__ = ("_rows", "_objects", "_content", "_blobs")

    def __init__(self, rows: tuple[tuple[Any, ...], ...],
                 objects: list[Topic | None] | None = None,
                 content: Callable[[], Sequence[bytes]] | None = None) -> None:  # fmt: skip
        self._rows = rows
        self._objects: list[Topic | None] = objects or [None] * len(rows)
        self._content = content  # gives each topic's content fields, pickled, by index
        self._blobs: Sequence[bytes] | None = None

    @classmethod
    def of(cls, topics: Sequence[Topic]) -> TopicTable:
        rows = tuple(tuple(getattr(t, f) for f in TOPIC_FIELDS) for t in topics)
        return cls(rows, list(topics))

    def _row(self, i: int) -> tuple[Any, ...]:
        row = self._rows[i]
        if self._content is None:
            return row
        if self._blobs is None:
            self._blobs = self._content()
        full = list(row)
        for k, value in zip(_CONTENT_AT, pickle.loads(self._blobs[i]), strict=True):
            full[k] = value
        return tuple(full)

    def _full_rows(self) -> tuple[tuple[Any, ...], ...]:
        if self._content is not None:
            self._rows = tuple(self._row(i) for i in range(len(self._rows)))
            self._content = self._blobs = None
        return self._rows

    def without_content(
        self, content: Callable[[], Sequence[bytes]]
    ) -> tuple[TopicTable, list[bytes]]:
        """A copy that gets its content from `content`, and the content to keep there: one
        pickle per topic, so that showing one topic unpickles only that one."""
        rows = self._full_rows()
        light = tuple(tuple(None if k in _CONTENT_AT else v for k, v in enumerate(r)) for r in rows)
        blobs = [pickle.dumps(tuple(r[k] for k in _CONTENT_AT), pickle.HIGHEST_PROTOCOL)
                 for r in rows]  # fmt: skip
        return TopicTable(light, content=content), blobs

    @property
    def content_source(self) -> Callable[[], Sequence[bytes]] | None:
        """Where the content will come from, or None when the rows already hold it."""
        return self._content

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
            t = self._objects[i] = Topic(*self._row(i))
        return t

    def column(self, name: str) -> list[Any]:
        k = TOPIC_FIELDS.index(name)
        rows = self._full_rows() if name in CONTENT_FIELDS else self._rows
        return [r[k] for r in rows]

    def __reduce__(self) -> tuple[Any, ...]:
        return (TopicTable, (self._rows, None, self._content))


@dataclass(eq=False)
class Curriculum:
    """An immutable, validated curriculum. Build it with `Curriculum.build`."""

    info: CurriculumInfo
    root: str
    topics: TopicTable
    index: dict[str, int] = field(repr=False)
    prereqs: tuple[tuple[int, ...], ...] = field(repr=False)  # in the order the topic lists them
    dependents: tuple[tuple[int, ...], ...] = field(repr=False)  # sorted by index
    topo: Sequence[int] = field(repr=False)  # a deterministic topological order: range(n)
    depth: tuple[int, ...] = field(repr=False)
    chain_parent: tuple[int, ...] = field(repr=False)  # -1 for topics without prerequisites

    ancestor_counts: tuple[int, ...] | None = field(repr=False, default=None)  # None: too big

    @classmethod
    def build(cls, info: CurriculumInfo, root: str, topics: Iterable[Topic]) -> Curriculum:
        """Derive the graph figures. Topics must already be valid: unique ids, known
        prerequisites, no cycles (the validator guarantees it)."""
        by_id = tuple(sorted(topics, key=lambda t: t.id))
        position = {t.id: i for i, t in enumerate(by_id)}
        id_prereqs = [[position[p] for p in t.prerequisites] for t in by_id]
        order = _topological_order(id_prereqs, _dependents_of(id_prereqs))  # smallest id first
        renumber = [0] * len(order)
        for new, old in enumerate(order):
            renumber[old] = new
        ordered = tuple(by_id[i] for i in order)
        index = {t.id: i for i, t in enumerate(ordered)}
        prereqs = tuple(tuple(renumber[p] for p in id_prereqs[old]) for old in order)
        dependents = tuple(map(tuple, _dependents_of(prereqs)))  # ascending, like the indices
        depth = [0] * len(ordered)
        parent = [-1] * len(ordered)
        for i in range(len(ordered)):
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
            topo=range(len(ordered)),
            depth=tuple(depth),
            chain_parent=tuple(parent),
            ancestor_counts=_ancestor_counts(prereqs, dependents),
        )

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
        keep = ("info", "root", "topics", "prereqs", "dependents", "topo", "depth", "chain_parent",
                "ancestor_counts")
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

    def title_of(self, topic_id: str) -> str:
        """A topic's title (without building the topic or reading its content)."""
        return self.titles[self.index[topic_id]]

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
        """The topics that list this one as a prerequisite, by id."""
        return sorted(self.ids(self.dependents[self.index[topic_id]]))

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
        return set(compress(range(len(self.prereqs)), self.ancestor_mask(starts)))

    def descendant_indices(self, starts: Iterable[int]) -> set[int]:
        return set(compress(range(len(self.dependents)), self.descendant_mask(starts)))

    def ancestor_mask(self, starts: Iterable[int]) -> bytearray:
        """A byte per topic, 1 for the strict ancestors of `starts`."""
        return _sweep(self.prereqs, starts, toward_roots=True)

    def descendant_mask(self, starts: Iterable[int]) -> bytearray:
        """A byte per topic, 1 for the strict descendants of `starts`."""
        return _sweep(self.dependents, starts, toward_roots=False)

    def ancestor_count(self, i: int) -> int:
        """How many topics `i` needs first, directly or not."""
        if self.ancestor_counts is not None:
            return self.ancestor_counts[i]
        return self.ancestor_mask([i]).count(1)

    def ancestors(self, topic_id: str) -> set[str]:
        return set(self.ids(self.ancestor_indices([self.index[topic_id]])))

    def level_rank(self, level: str) -> int:
        return self.info.levels.index(level) if level in self.info.levels else len(self.info.levels)


def _sweep(
    edges: Sequence[Sequence[int]], starts: Iterable[int], *, toward_roots: bool
) -> bytearray:
    """Mark everything reachable from `starts` along `edges` (the starts themselves unless
    reached). Indices are topological, so edges toward the roots always lead to smaller
    indices: one scan away from the starts visits each topic after everything that can reach
    it, and each marked topic marks its neighbours before the scan gets to them."""
    n = len(edges)
    mark = bytearray(n)
    starts = list(starts)
    for s in starts:
        for j in edges[s]:
            mark[j] = 1
    if not starts:
        return mark
    if toward_roots:
        first = max(starts) - 1
        scan, view = range(first, -1, -1), memoryview(mark)[first::-1] if first >= 0 else None
    else:
        first = min(starts) + 1
        scan, view = range(first, n), memoryview(mark)[first:]
    if view is not None:
        for i in compress(scan, view):
            for j in edges[i]:
                mark[j] = 1
        view.release()
    return mark


def _dependents_of(prereqs: Sequence[Sequence[int]]) -> list[list[int]]:
    deps: list[list[int]] = [[] for _ in prereqs]
    for i, ps in enumerate(prereqs):
        for p in ps:
            deps[p].append(i)
    return deps


# Live ancestor bitsets above this many bytes make `_ancestor_counts` give up (the counts are
# then computed per topic on demand); typical graphs stay far below it.
ANCESTOR_BITS_BUDGET = 256 * 1024 * 1024


def _ancestor_counts(
    prereqs: Sequence[Sequence[int]], dependents: Sequence[Sequence[int]]
) -> tuple[int, ...] | None:
    """Every topic's number of ancestors, with one bitset per topic kept only until its last
    dependent has used it. Indices must be in topological order."""
    n = len(prereqs)
    remaining = [len(d) for d in dependents]
    bits = [0] * n
    counts = [0] * n
    live = 0
    for i in range(n):
        b = 0
        for p in prereqs[i]:
            b |= bits[p] | (1 << p)
            remaining[p] -= 1
            if remaining[p] == 0 and bits[p]:
                live -= (bits[p].bit_length() + 7) // 8
                bits[p] = 0
        counts[i] = b.bit_count()
        if remaining[i] and b:
            bits[i] = b
            live += (b.bit_length() + 7) // 8
            if live > ANCESTOR_BITS_BUDGET:
                return None
    return tuple(counts)


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
