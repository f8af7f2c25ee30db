"""Knowledge semantics, plans, stages and the frontier."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_curriculum

from tutor.loader import load_curriculum
from tutor.model import Curriculum
from tutor.planner import frontier, known_topics, plan_for_goals


@pytest.fixture
def small(small_curriculum: Path) -> Curriculum:
    return load_curriculum(small_curriculum)


def test_knowing_a_topic_implies_its_ancestors(small: Curriculum) -> None:
    assert known_topics(small, {"multiplying": True}) == {"multiplying", "adding", "counting"}


def test_denying_a_topic_removes_it_alone(small: Curriculum) -> None:
    known = known_topics(small, {"multiplying": True, "counting": False})
    assert known == {"multiplying", "adding"}


def test_evidence_outranks_claims(small: Curriculum) -> None:
    known = known_topics(small, {"multiplying": True, "dividing": False},
                         mastered=["dividing"], failed=["adding"])  # fmt: skip
    assert "dividing" in known  # mastered, whatever was claimed
    assert "adding" not in known  # failed, although implied by a claim
    assert "subtracting" in known  # implied by the mastered topic


def test_unknown_ids_are_ignored(small: Curriculum) -> None:
    assert known_topics(small, {"gone-topic": True}) == set()


def test_plan_is_the_unknown_part_of_the_goal_closure(small: Curriculum) -> None:
    plan = plan_for_goals(small, ["fractions"], known_topics(small, {"adding": True}))
    assert plan.ids() == ["multiplying", "subtracting", "dividing", "fractions"]
    assert [i.stage for i in plan.items] == [1, 1, 2, 3]
    assert plan.total_minutes == 40
    assert [[i.id for i in s] for s in plan.stages] == [
        ["multiplying", "subtracting"], ["dividing"], ["fractions"]]


def test_plan_for_several_goals_has_no_duplicates(small: Curriculum) -> None:
    plan = plan_for_goals(small, ["fractions", "geometry"], set())
    assert len(plan.ids()) == len(set(plan.ids())) == 7
    assert "art" not in plan.ids()


def test_plan_when_everything_is_known(small: Curriculum) -> None:
    plan = plan_for_goals(small, ["adding"], {"adding", "counting"})
    assert plan.items == () and plan.known_goals == ("adding",)


def test_frontier_ranks_the_critical_path_first_with_reasons(small: Curriculum) -> None:
    plan = plan_for_goals(small, ["fractions", "geometry"], {"counting"})
    items = frontier(small, plan)
    assert [i.id for i in items] == ["adding", "subtracting", "geometry"]
    assert items[0].remaining_chain == 4
    assert "longest remaining chain to Fractions" in items[0].reason
    assert "leads to 3 plan topics" in items[0].reason
    assert items[2].reason.startswith("a goal")
    assert all(i.reason for i in items)


def test_frontier_topics_have_all_prerequisites_known(small: Curriculum) -> None:
    known = known_topics(small, {"adding": True})
    plan = plan_for_goals(small, ["fractions"], known)
    for item in frontier(small, plan, limit=None):
        assert set(small.prerequisites_of(item.id)) <= known


def test_plan_is_deterministic_across_file_orders(tmp_path: Path) -> None:
    graph = {f"t{n:02d}": ([f"t{n - 1:02d}"] if n % 3 else []) for n in range(30)}
    a = load_curriculum(write_curriculum(tmp_path / "a", graph))
    b = load_curriculum(write_curriculum(tmp_path / "b", dict(reversed(graph.items()))))
    goals = ["t29", "t14", "t05"]
    assert plan_for_goals(a, goals, set()) == plan_for_goals(b, goals, set())
