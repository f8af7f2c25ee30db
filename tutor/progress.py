"""What the commands show, assembled from the layers: a learner's view of a curriculum and the
data behind the topic and plan pages. Returns data; the CLI formats it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tutor.contexts import PlanPage, TopicPage
from tutor.model import Curriculum
from tutor.planner import Plan, frontier, known_topics, plan_for_goals
from tutor.render import format_minutes
from tutor.store import Learner, LearnerStore


@dataclass(frozen=True)
class LearnerView:
    learner: Learner
    goals: list[str]  # goal ids present in this curriculum
    stale_goals: list[str]  # stored goal ids this curriculum does not have
    claims: dict[str, bool]
    known: set[str]
    plan: Plan

    def topic_state(self, topic_id: str) -> str:
        return "known" if topic_id in self.known else "not started"


def learner_view(
    curriculum: Curriculum, store: LearnerStore, learner: Learner, goals: list[str] | None = None
) -> LearnerView:
    stored = store.goals(learner) if goals is None else goals
    valid = [g for g in stored if g in curriculum]
    claims = store.claims(learner)
    known = known_topics(curriculum, claims)
    return LearnerView(
        learner=learner,
        goals=valid,
        stale_goals=[g for g in stored if g not in curriculum],
        claims=claims,
        known=known,
        plan=plan_for_goals(curriculum, valid, known),
    )


def topic_page(curriculum: Curriculum, topic_id: str) -> TopicPage:
    topic = curriculum.topic(topic_id)
    chain = curriculum.chain(topic_id)

    def ref(tid: str) -> dict[str, str]:
        return {"id": tid, "title": curriculum.topic(tid).title}

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
        ancestor_count=len(curriculum.ancestor_indices([curriculum.index[topic_id]])),
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


def plan_page(curriculum: Curriculum, plan: Plan, learner: str) -> PlanPage:
    number = {item.id: n for n, item in enumerate(plan.items, 1)}
    return PlanPage(
        learner=learner,
        curriculum=curriculum.info.name,
        goals=[{"id": g, "title": curriculum.topic(g).title} for g in plan.goals],
        known_goals=[curriculum.topic(g).title for g in plan.known_goals],
        stages=[
            [{**i.as_dict(), "level": i.level, "number": number[i.id]} for i in stage]
            for stage in plan.stages
        ],
        topic_count=len(plan.items),
        total_minutes=plan.total_minutes,
        total_time=format_minutes(plan.total_minutes),
    )


def plan_json(plan: Plan) -> dict[str, Any]:
    """The `tutor plan --json` contract."""
    return {
        "goals": list(plan.goals),
        "known_goals": list(plan.known_goals),
        "topics": [item.as_dict() for item in plan.items],
        "stage_count": len(plan.stages),
        "total_minutes": plan.total_minutes,
    }


def next_items(curriculum: Curriculum, view: LearnerView, limit: int = 5) -> list[Any]:
    return frontier(curriculum, view.plan, limit)
