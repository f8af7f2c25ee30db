"""Planner invariants on random DAGs (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.model import Curriculum, CurriculumInfo, Topic
from tutor.planner import frontier, known_topics, plan_for_goals


@st.composite
def dags(draw: st.DrawFn) -> Curriculum:
    n = draw(st.integers(min_value=1, max_value=40))
    names = [f"t{i:03d}" for i in draw(st.permutations(range(n)))]
    topics = []
    for i in range(n):
        # edges only from earlier to later positions: acyclic by construction
        prereqs = draw(st.lists(st.integers(0, max(i - 1, 0)), max_size=4, unique=True)) if i else []
        topics.append(Topic(id=names[i], title=f"Topic {names[i]}", level="x",
                            prerequisites=tuple(names[p] for p in prereqs),
                            minutes=draw(st.integers(1, 60))))  # fmt: skip
    return Curriculum.build(CurriculumInfo("t", "1", ("x",)), "", topics)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Curriculum, list[str], dict[str, bool]]:
    c = draw(dags())
    ids = [t.id for t in c.topics]
    goals = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4))
    claims = draw(st.dictionaries(st.sampled_from(ids), st.booleans(), max_size=10))
    return c, goals, claims


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_plan_invariants(scenario: tuple[Curriculum, list[str], dict[str, bool]]) -> None:
    c, goals, claims = scenario
    known = known_topics(c, claims)
    plan = plan_for_goals(c, goals, known)
    ids = plan.ids()
    closure = set(goals)
    for g in goals:
        closure |= c.ancestors(g)

    assert len(ids) == len(set(ids)), "no duplicates"
    assert set(ids) == closure - known, "exactly the unknown part of the goals' closure"
    position = {t: n for n, t in enumerate(ids)}
    stage = {i.id: i.stage for i in plan.items}
    for t in ids:
        for p in c.prerequisites_of(t):
            if p in position:
                assert position[p] < position[t], "prerequisites first"
                assert stage[p] < stage[t], "a stage only holds topics that can run in parallel"
    assert plan == plan_for_goals(c, list(goals), set(known)), "deterministic"
    assert plan.total_minutes == sum(c.topic(t).minutes for t in ids)

    ready = frontier(c, plan, limit=None)
    assert {i.id for i in ready} == {t for t in ids if not set(c.prerequisites_of(t)) & set(ids)}


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_known_topics_follow_the_claims(scenario: tuple[Curriculum, list[str], dict[str, bool]]) -> None:
    c, _, claims = scenario
    known = known_topics(c, claims)
    for t, k in claims.items():
        if not k:
            assert t not in known
    for t in known:
        assert claims.get(t) is not False
    for t, k in claims.items():
        if k:
            assert c.ancestors(t) - {x for x, v in claims.items() if not v} <= known
