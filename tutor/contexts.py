"""The declared context of each template in `prompts/`: code and templates cannot drift apart
(a test checks every variable a template uses against these fields)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


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
