"""From a learner's answers to what they know: mastery per topic, failed checks, remediation.

Evidence outranks claims: a mastered topic is known whatever was claimed; a topic whose latest
check failed is not known, even if the learner said they know it.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from tutor.mastery import BKT, DEFAULT_MODEL, TopicMastery, topic_mastery
from tutor.model import Curriculum

FAILS_BEFORE_REMEDIATION = 2


@dataclass(frozen=True)
class Evidence:
    mastery: dict[str, TopicMastery]  # topics with answers
    failed_in_a_row: dict[str, int]  # checks failed since the last passed one
    claimed: AbstractSet[str]  # topics known by claim (directly or implied), before evidence
    model: BKT = field(default=DEFAULT_MODEL)

    def mastered(self) -> set[str]:
        return {t for t, m in self.mastery.items() if m.p >= self.model.threshold}

    def failed(self) -> set[str]:
        """Topics whose latest check failed (and are not mastered since)."""
        return {t for t, n in self.failed_in_a_row.items() if n > 0} - self.mastered()

    def of(self, topic_id: str) -> TopicMastery:
        if topic_id in self.mastery:
            return self.mastery[topic_id]
        return topic_mastery(topic_id, [], claimed=topic_id in self.claimed, model=self.model)

    def needs_remediation(self) -> list[str]:
        return sorted(t for t in self.failed() if self.failed_in_a_row[t] >= FAILS_BEFORE_REMEDIATION)


def guess_rate(curriculum: Curriculum, topic_id: str, question_id: str) -> float | None:
    """The chance of answering right by guessing: 1/choices for a choice question."""
    if topic_id not in curriculum:
        return None
    for q in curriculum.topic(topic_id).questions:
        if q.id == question_id:
            return 1 / len(q.choices) if q.kind == "choice" and q.choices else None
    return None


def gather_evidence(
    curriculum: Curriculum,
    attempts_by_topic: Mapping[str, list[dict[str, Any]]],
    sessions: list[dict[str, Any]],
    claimed: AbstractSet[str],
    model: BKT = DEFAULT_MODEL,
) -> Evidence:
    mastery = {}
    for topic_id, attempts in attempts_by_topic.items():
        rows = [{**a, "guess": guess_rate(curriculum, topic_id, a["question_id"])} for a in attempts]
        mastery[topic_id] = topic_mastery(topic_id, rows, claimed=topic_id in claimed, model=model)
    failed_in_a_row: dict[str, int] = {}
    for s in sessions:  # oldest first
        if s["mode"] != "study" or s["passed"] is None:
            continue
        t = s["topic_id"]
        failed_in_a_row[t] = 0 if s["passed"] else failed_in_a_row.get(t, 0) + 1
    return Evidence(mastery, failed_in_a_row, claimed, model)


@dataclass(frozen=True)
class Remediation:
    topic_id: str  # the topic the learner is stuck on
    target_id: str  # the prerequisite most likely missing
    reason: str
    ranking: list[tuple[str, float, int]]  # (prerequisite, mastery, answers), weakest first

    def as_dict(self) -> dict[str, Any]:
        return {"topic": self.topic_id, "prerequisite": self.target_id, "reason": self.reason}


def remediation_for(curriculum: Curriculum, evidence: Evidence, topic_id: str) -> Remediation | None:
    """The prerequisite of `topic_id` most likely missing: the weakest by estimated mastery;
    with equal estimates, the one with the least evidence (never checked first)."""
    prereqs = curriculum.prerequisites_of(topic_id)
    if not prereqs:
        return None
    ranked = sorted(
        (evidence.of(p) for p in prereqs),
        key=lambda m: (round(m.p, 6), m.answers, curriculum.depth_of(m.topic_id), m.topic_id),
    )
    weakest = ranked[0]
    if weakest.p >= evidence.model.threshold:
        return None  # every prerequisite is mastered: the gap is in the topic itself
    title = curriculum.title_of(weakest.topic_id)
    stuck = curriculum.title_of(topic_id)
    fails = evidence.failed_in_a_row.get(topic_id, 0)
    if weakest.answers == 0:
        said = " although you said you know it" if weakest.topic_id in evidence.claimed else ""
        why = f"{title} was never checked{said}"
    else:
        why = (f"{title} is the weakest prerequisite: estimated mastery {weakest.p:.0%} "
               f"from {weakest.answers} answer{'s' if weakest.answers != 1 else ''}")  # fmt: skip
    reason = f"{stuck} failed {fails} checks in a row; {why}"
    return Remediation(
        topic_id=topic_id,
        target_id=weakest.topic_id,
        reason=reason,
        ranking=[(m.topic_id, m.p, m.answers) for m in ranked],
    )
