"""What the commands show, assembled from the layers: a learner's view of a curriculum and the
data behind the topic and plan pages. Returns data; the CLI formats it."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from tutor.contexts import PlanPage, TopicPage, topic_json, topic_page  # noqa: F401 (re-exported)
from tutor.evidence import Evidence, Remediation, gather_evidence, remediation_for
from tutor.mastery import KNOWN, NOT_STARTED
from tutor.model import Curriculum
from tutor.planner import NextItem, Plan, frontier, known_topics, plan_for_goals
from tutor.render import format_minutes
from tutor.store import Learner, LearnerStore


@dataclass(frozen=True)
class LearnerView:
    learner: Learner
    goals: list[str]  # goal ids present in this curriculum
    stale_goals: list[str]  # stored goal ids this curriculum does not have
    claims: dict[str, bool]
    known: AbstractSet[str]
    plan: Plan
    evidence: Evidence

    def topic_state(self, topic_id: str) -> str:
        """not started, learning, mastered, or known (claimed, no evidence)."""
        m = self.evidence.mastery.get(topic_id)
        if m is not None:
            return m.state
        return KNOWN if topic_id in self.known else NOT_STARTED

    def remediations(self, curriculum: Curriculum) -> list[Remediation]:
        out = []
        for topic_id in self.evidence.needs_remediation():
            if topic_id in curriculum:
                r = remediation_for(curriculum, self.evidence, topic_id)
                if r is not None:
                    out.append(r)
        return out


def learner_view(
    curriculum: Curriculum, store: LearnerStore, learner: Learner, goals: list[str] | None = None
) -> LearnerView:
    stored = store.goals(learner) if goals is None else goals
    valid = [g for g in stored if g in curriculum]
    claims = store.claims(learner)
    claimed = known_topics(curriculum, claims)
    evidence = gather_evidence(curriculum, store.all_attempts(learner), store.sessions(learner),
                               claimed)  # fmt: skip
    known = known_topics(curriculum, claims, mastered=evidence.mastered(), failed=evidence.failed())
    return LearnerView(
        learner=learner,
        goals=valid,
        stale_goals=[g for g in stored if g not in curriculum],
        claims=claims,
        known=known,
        plan=plan_for_goals(curriculum, valid, known),
        evidence=evidence,
    )


def topic_states(view: LearnerView, topic_ids: list[str]) -> dict[str, dict[str, Any]]:
    """state (not started, learning, mastered, known) and mastery estimate per topic."""
    out = {}
    for t in topic_ids:
        m = view.evidence.mastery.get(t)
        out[t] = {"state": view.topic_state(t), "mastery": round(m.p, 3) if m else None}
    return out


def plan_page(curriculum: Curriculum, view: LearnerView) -> PlanPage:
    plan = view.plan
    number = {item.id: n for n, item in enumerate(plan.items, 1)}
    states = topic_states(view, plan.ids())
    return PlanPage(
        learner=view.learner.name,
        curriculum=curriculum.info.name,
        goals=[{"id": g, "title": curriculum.title_of(g)} for g in plan.goals],
        known_goals=[curriculum.title_of(g) for g in plan.known_goals],
        stages=[
            [{**i.as_dict(), **states[i.id], "level": i.level, "number": number[i.id]}
             for i in stage]
            for stage in plan.stages
        ],
        topic_count=len(plan.items),
        total_minutes=plan.total_minutes,
        total_time=format_minutes(plan.total_minutes),
    )


def plan_json(view: LearnerView) -> dict[str, Any]:
    """The `tutor plan --json` contract: `goals`, `topics` ({id, title, minutes, stage}, plus
    `state` and `mastery`), `total_minutes`."""
    plan = view.plan
    states = topic_states(view, plan.ids())
    return {
        "goals": list(plan.goals),
        "known_goals": list(plan.known_goals),
        "topics": [{**item.as_dict(), **states[item.id]} for item in plan.items],
        "stage_count": len(plan.stages),
        "total_minutes": plan.total_minutes,
    }


def next_items(curriculum: Curriculum, view: LearnerView, limit: int = 5) -> list[NextItem]:
    """Remediation first (a prerequisite to shore up after repeated failure), then the plan's
    frontier."""
    items: list[NextItem] = []
    seen: set[str] = set()
    for r in view.remediations(curriculum):
        if r.target_id in seen:
            continue
        seen.add(r.target_id)
        t = curriculum.topic(r.target_id)
        items.append(NextItem(id=t.id, title=t.title, reason=f"go back: {r.reason}",
                              minutes=t.minutes, leads_to=0, remaining_chain=0))  # fmt: skip
    stuck = {r.topic_id for r in view.remediations(curriculum)}
    for item in frontier(curriculum, view.plan, None if stuck else limit):
        if item.id in seen or item.id in stuck:
            continue
        items.append(item)
        if len(items) >= limit:
            break
    return items[:limit]

