"""Planning: pure functions over a `Curriculum` and what a learner knows. No I/O.

- `known_topics`: claims and evidence -> the set of known topic ids.
- `plan_for_goals`: the goals and their ancestors that are not known, prerequisite-first,
  grouped into stages (a topic's stage is one more than the latest stage among its
  prerequisites in the plan, so topics of one stage can be studied in parallel).
- `frontier`: the plan topics that can be started now, ranked, each with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import compress

from tutor.model import Curriculum


@dataclass(frozen=True, slots=True)
class PlanItem:
    id: str
    title: str
    minutes: int
    stage: int
    level: str

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "minutes": self.minutes, "stage": self.stage}


@dataclass(frozen=True, slots=True)
class Plan:
    goals: tuple[str, ...]
    items: tuple[PlanItem, ...]
    known_goals: tuple[str, ...]  # goals the learner already knows (nothing to plan for them)

    @property
    def total_minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def stages(self) -> list[list[PlanItem]]:
        out: list[list[PlanItem]] = []
        for item in self.items:
            while len(out) < item.stage:
                out.append([])
            out[item.stage - 1].append(item)
        return out

    def ids(self) -> list[str]:
        return [item.id for item in self.items]


@dataclass(frozen=True, slots=True)
class NextItem:
    id: str
    title: str
    reason: str
    minutes: int
    leads_to: int  # plan topics that depend on it, directly or not
    remaining_chain: int  # topics on the longest plan chain that starts here (itself included)

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "reason": self.reason}


class KnownTopics(frozenset[str]):
    """The ids of the topics a learner knows, as returned by `known_topics`; it also keeps the
    same set as a byte per topic of the curriculum it was computed on, so that planning on
    very large curricula does not have to look every id up again. Immutable, so the two never
    disagree."""

    __slots__ = ("mask", "curriculum")
    mask: bytearray
    curriculum: Curriculum

    def __new__(cls, ids: Iterable[str], mask: bytearray, curriculum: Curriculum) -> KnownTopics:
        self = super().__new__(cls, ids)
        self.mask = mask
        self.curriculum = curriculum
        return self


def known_topics(
    curriculum: Curriculum,
    claims: Mapping[str, bool],
    *,
    mastered: Iterable[str] = (),
    failed: Iterable[str] = (),
) -> KnownTopics:
    """The topics a learner knows.

    "I know X" implies X's ancestors; "I don't know X" removes X alone. Evidence outranks claims:
    a mastered topic is known (and so are its ancestors) whatever was claimed, a failed one is
    not. Ids the curriculum does not have are ignored.
    """
    index = curriculum.index
    mastered_idx = {index[t] for t in mastered if t in index}
    failed_idx = {index[t] for t in failed if t in index} - mastered_idx
    base = {index[t] for t, known in claims.items() if known and t in index} | mastered_idx
    mask = curriculum.ancestor_mask(base)
    for i in base:
        mask[i] = 1
    denied = {index[t] for t, known in claims.items() if not known and t in index}
    for i in (denied - mastered_idx) | failed_idx:
        mask[i] = 0
    return KnownTopics(compress(curriculum.id_list, mask), mask, curriculum)


def plan_for_goals(curriculum: Curriculum, goals: Iterable[str], known: Iterable[str]) -> Plan:
    """Every goal or ancestor of a goal that is not known, prerequisite-first, deterministic."""
    index = curriculum.index
    goal_list = list(dict.fromkeys(goals))
    goal_idx = [index[g] for g in goal_list]
    mark = curriculum.ancestor_mask(goal_idx)
    for g in goal_idx:
        mark[g] = 1
    n = len(mark)
    if not (isinstance(known, KnownTopics) and known.curriculum is curriculum):
        known = KnownTopics(known, _mask_of(curriculum, known), curriculum)
    known_mask = known.mask
    # needed = wanted and not known, byte by byte (as integers: one C-level pass)
    needed_bytes = (int.from_bytes(mark, "little") & ~int.from_bytes(known_mask, "little"))
    needed = set(compress(range(n), needed_bytes.to_bytes(n, "little")))
    stage = _stages(curriculum, needed)
    titles, ids, ranks = curriculum.titles, curriculum.id_list, curriculum.level_ranks
    items = sorted(needed, key=lambda i: (stage[i], ranks[i], titles[i].casefold(), ids[i]))
    minutes, levels = curriculum.minutes, curriculum.info.levels
    return Plan(
        goals=tuple(goal_list),
        items=tuple(
            PlanItem(ids[i], titles[i], minutes[i], stage[i],
                     levels[ranks[i]] if ranks[i] < len(levels) else curriculum.topics[i].level)
            for i in items
        ),  # fmt: skip
        known_goals=tuple(g for g in goal_list if known_mask[index[g]]),
    )


def _mask_of(curriculum: Curriculum, ids: Iterable[str]) -> bytearray:
    mask = bytearray(len(curriculum))
    index = curriculum.index
    for tid in ids:
        i = index.get(tid)
        if i is not None:
            mask[i] = 1
    return mask


def _stages(curriculum: Curriculum, needed: set[int]) -> dict[int, int]:
    stage: dict[int, int] = {}
    prereqs = curriculum.prereqs
    for i in _in_topological_order(curriculum, needed):
        stage[i] = 1 + max((stage[p] for p in prereqs[i] if p in needed), default=0)
    return stage


def _in_topological_order(curriculum: Curriculum, subset: set[int]) -> list[int]:
    # Topics are numbered in topological order.
    return sorted(subset)


def frontier(curriculum: Curriculum, plan: Plan, limit: int | None = 5) -> list[NextItem]:
    """Plan topics whose prerequisites are all known, best first.

    Ranked by the length of the longest plan chain that starts at the topic (starting the
    critical path first finishes the plan in the fewest stages), then by how many plan topics
    depend on it, then by id."""
    index = curriculum.index
    in_plan = {index[i.id] for i in plan.items}
    if not in_plan:
        return []
    height = _heights(curriculum, in_plan)
    ready = [index[item.id] for item in plan.items if item.stage == 1]
    dependents = curriculum.dependents
    direct = {i: sum(1 for d in dependents[i] if d in in_plan) for i in ready}
    ids = curriculum.id_list
    ready.sort(key=lambda i: (-height[i], -direct[i], ids[i]))
    chosen = ready if limit is None else ready[:limit]
    goal_idx = {index[g] for g in plan.goals}
    goal_titles = [curriculum.title_of(g) for g in plan.goals if index[g] in in_plan]
    out = []
    for rank, i in enumerate(chosen):
        below = _descendants_within(curriculum, i, in_plan)
        out.append(
            NextItem(
                id=ids[i],
                title=curriculum.titles[i],
                reason=_reason(rank, i, height[i], below, goal_idx, goal_titles, curriculum),
                minutes=curriculum.minutes[i],
                leads_to=len(below),
                remaining_chain=height[i],
            )
        )
    return out


def _reason(
    rank: int,
    i: int,
    height: int,
    below: set[int],
    goal_idx: set[int],
    goal_titles: list[str],
    curriculum: Curriculum,
) -> str:
    if i in goal_idx:
        return "a goal, and everything it needs is known"
    goals_reached = [curriculum.titles[g] for g in sorted(below & goal_idx)]
    toward = goals_reached[0] if goals_reached else (goal_titles[0] if goal_titles else "your goal")
    if len(goals_reached) > 1:
        toward += f" (and {len(goals_reached) - 1} more goal{'s' if len(goals_reached) > 2 else ''})"
    n = len(below)
    leads = f"leads to {n} plan topic{'s' if n != 1 else ''}"
    if rank == 0:
        return f"starts the longest remaining chain to {toward} ({height} topics); {leads}"
    return f"{leads} on the way to {toward}"


def _heights(curriculum: Curriculum, subset: set[int]) -> dict[int, int]:
    """For each topic in `subset`, the number of topics on the longest chain of `subset`
    topics that starts at it."""
    height: dict[int, int] = {}
    dependents = curriculum.dependents
    for i in reversed(_in_topological_order(curriculum, subset)):
        height[i] = 1 + max((height[d] for d in dependents[i] if d in subset), default=0)
    return height


def _descendants_within(curriculum: Curriculum, start: int, subset: set[int]) -> set[int]:
    seen: set[int] = set()
    stack = [d for d in curriculum.dependents[start] if d in subset]
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        stack.extend(d for d in curriculum.dependents[i] if d in subset)
    return seen
