"""Planning on real prerequisite graphs from public projects (../shared/data/external).

These data sets are not shipped with tutor; on a clone without them the tests skip."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXTERNAL

from tutor.importers import curriculum_from_graph, read_edges
from tutor.model import Curriculum
from tutor.planner import frontier, known_topics, plan_for_goals

pytestmark = pytest.mark.skipif(
    not EXTERNAL.is_dir(), reason=f"external data sets not present at {EXTERNAL}"
)


def load(name: str) -> tuple[Curriculum, object]:
    folder = EXTERNAL / name
    raw = read_edges(folder / f"{name}.topics.csv", folder / f"{name}.edges.csv")
    c, report = curriculum_from_graph(raw, name=name)
    return c, report


def sid(c: Curriculum, source_id: str) -> str:
    """The tutor id of a topic imported with `source_id`."""
    return next(t.id for t in c.topics if (t.source_id or t.id) == source_id)


def check_plan(c: Curriculum, goal: str, known: set[str]) -> list[str]:
    plan = plan_for_goals(c, [goal], known)
    ids = plan.ids()
    position = {t: n for n, t in enumerate(ids)}
    for t in ids:
        for p in c.prerequisites_of(t):
            assert p in known or position[p] < position[t]
    assert set(ids) == (c.ancestors(goal) | {goal}) - known
    return ids


def test_metacademy_gp_classification_laplace() -> None:
    c, report = load("metacademy")
    assert len(c) == 487 and c.edge_count == 1208
    assert report.empty_titles == ["least_mean_squares"]  # type: ignore[attr-defined]
    goal = sid(c, "gp_classification_laplace")
    ids = check_plan(c, goal, set())
    assert len(ids) == 83  # its 82 ancestors and itself
    assert ids[-1] == goal
    assert max(c.depth) == 17  # the longest path, in edges


def test_metacademy_plan_shrinks_with_knowledge() -> None:
    c, _ = load("metacademy")
    goal = sid(c, "gp_classification_laplace")
    known = known_topics(c, {sid(c, "gaussian_processes"): True})
    full = check_plan(c, goal, set())
    less = check_plan(c, goal, known)
    assert len(less) < len(full)
    plan = plan_for_goals(c, [goal], known)
    assert all(i.reason for i in frontier(c, plan))


@pytest.mark.parametrize(
    ("name", "topics", "dangling", "self_loops"),
    [
        ("khan_academy", 1838, 14, 0),
        ("princeton_courses", 2705, 75, 3),
        ("exercism_elixir", 194, 0, 0),
        ("al_cpl", 545, 0, 0),
    ],
)
def test_messy_graphs_are_repaired_and_planned(name: str, topics: int, dangling: int,
                                               self_loops: int) -> None:  # fmt: skip
    c, report = load(name)
    assert len(c) == topics
    assert len(report.dangling_edges) == dangling  # type: ignore[attr-defined]
    assert len(report.self_loops) == self_loops  # type: ignore[attr-defined]
    deepest = max(range(len(c)), key=lambda i: (c.depth[i], c.topics[i].id))
    goal = c.topics[deepest].id
    ids = check_plan(c, goal, set())
    assert len(ids) == len(c.ancestors(goal)) + 1
    assert len(c.chain(goal)) == c.depth[deepest] + 1
