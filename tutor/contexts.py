"""The declared context of each template in `prompts/`: code and templates cannot drift apart
(a test checks every variable a template uses against these fields)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from tutor.model import Curriculum


@dataclass(frozen=True)
class TopicPage:
    """`topic.txt.j2` and `topic.md.j2`: what `tutor show` prints."""

    id: str
    title: str
    level: str
    depth: int
    unlocks: int
    tags: list[str]
    minutes: int
    core_idea: str
    explainer: str
    question_count: int
    chain: list[dict[str, str]]
    longest_path: int
    ancestor_count: int
    prerequisites: list[dict[str, str]]
    leads_to: list[dict[str, str]]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PlanPage:
    """`plan.txt.j2` and `plan.md.j2`: a study plan."""

    learner: str
    curriculum: str
    goals: list[dict[str, str]]
    known_goals: list[str]
    stages: list[list[dict[str, Any]]]  # items: id, title, minutes, stage, level, number
    topic_count: int
    total_minutes: int
    total_time: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def topic_page(curriculum: Curriculum, topic_id: str) -> TopicPage:
    topic = curriculum.topic(topic_id)
    chain = curriculum.chain(topic_id)

    def ref(tid: str) -> dict[str, str]:
        return {"id": tid, "title": curriculum.title_of(tid)}

    dependents = curriculum.dependents_of(topic_id)
    return TopicPage(
        id=topic.id,
        title=topic.title,
        level=topic.level,
        depth=curriculum.depth_of(topic_id),
        unlocks=len(dependents),
        tags=list(topic.tags),
        minutes=topic.minutes,
        core_idea=topic.core_idea,
        explainer=topic.explainer,
        question_count=len(topic.questions),
        chain=[ref(t) for t in chain],
        longest_path=len(chain),
        ancestor_count=curriculum.ancestor_count(curriculum.index[topic_id]),
        prerequisites=[ref(t) for t in curriculum.prerequisites_of(topic_id)],
        leads_to=[ref(t) for t in dependents],
    )


def topic_json(page: TopicPage) -> dict[str, Any]:
    """The `tutor show --json` contract (keys are stable; scripts rely on them)."""
    return {
        "id": page.id,
        "title": page.title,
        "level": page.level,
        "depth": page.depth,
        "unlocks": page.unlocks,
        "tags": page.tags,
        "minutes": page.minutes,
        "prerequisites": [p["id"] for p in page.prerequisites],
        "leads_to": [d["id"] for d in page.leads_to],
        "chain": page.chain,
        "longest_path": page.longest_path,
        "ancestor_count": page.ancestor_count,
        "question_count": page.question_count,
        "core_idea": page.core_idea,
        "explainer": page.explainer,
    }
