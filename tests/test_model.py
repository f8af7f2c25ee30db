"""Derived figures: depth, chain, ancestors, dependents."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from conftest import write_curriculum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.loader import load_curriculum


def test_figures_on_the_small_curriculum(small_curriculum: Path) -> None:
    c = load_curriculum(small_curriculum)
    assert c.depth_of("counting") == 0
    assert c.depth_of("dividing") == 3
    assert c.chain("fractions") == ["counting", "adding", "multiplying", "dividing", "fractions"]
    assert c.ancestors("dividing") == {"counting", "adding", "subtracting", "multiplying"}
    assert c.prerequisites_of("dividing") == ["multiplying", "subtracting"]
    assert c.dependents_of("counting") == ["adding", "geometry", "subtracting"]
    assert c.ancestors("art") == set()


def test_chain_tie_break_follows_the_listed_order(tmp_path: Path) -> None:
    graph = {"root": [], "left": ["root"], "right": ["root"], "top": ["right", "left"]}
    c = load_curriculum(write_curriculum(tmp_path / "t", graph))
    assert c.chain("top") == ["root", "right", "top"]
    graph["top"] = ["left", "right"]
    c = load_curriculum(write_curriculum(tmp_path / "u", graph))
    assert c.chain("top") == ["root", "left", "top"]


def test_topological_order_puts_prerequisites_first(small_curriculum: Path) -> None:
    c = load_curriculum(small_curriculum)
    position = {c.topics[i].id: n for n, i in enumerate(c.topo)}
    for t in c.topics:
        for p in t.prerequisites:
            assert position[p] < position[t.id]


def test_topics_are_numbered_prerequisites_first(small_curriculum: Path) -> None:
    # The fast reachability passes rely on it.
    c = load_curriculum(small_curriculum)
    for i, ps in enumerate(c.prereqs):
        assert all(p < i for p in ps)
    for i, ds in enumerate(c.dependents):
        assert all(d > i for d in ds)


@st.composite
def dags(draw: st.DrawFn) -> dict[str, list[str]]:
    n = draw(st.integers(1, 30))
    names = [f"t{k:02d}" for k in range(n)]
    draw(st.randoms()).shuffle(names)  # ids in an order unrelated to the edges
    graph: dict[str, list[str]] = {}
    for k, name in enumerate(names):
        graph[name] = draw(st.lists(st.sampled_from(names[:k]), unique=True, max_size=4)) if k else []
    return graph


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=dags())
def test_reachability_and_counts_match_networkx(tmp_path: Path, graph: dict[str, list[str]]) -> None:
    import shutil

    folder = tmp_path / "g"
    shutil.rmtree(folder, ignore_errors=True)
    c = load_curriculum(write_curriculum(folder, graph))
    g = nx.DiGraph()
    g.add_nodes_from(graph)
    g.add_edges_from((p, t) for t, ps in graph.items() for p in ps)
    assert c.ancestor_counts is not None
    for tid in graph:
        i = c.index[tid]
        assert c.ancestors(tid) == nx.ancestors(g, tid)
        assert set(c.ids(c.descendant_indices([i]))) == nx.descendants(g, tid)
        assert c.ancestor_count(i) == len(nx.ancestors(g, tid))
        assert c.depth_of(tid) == nx.dag_longest_path_length(g.subgraph(nx.ancestors(g, tid) | {tid}))
    some = list(graph)[::3]
    expected = set().union(*(nx.ancestors(g, t) for t in some))
    assert set(c.ids(c.ancestor_indices([c.index[t] for t in some]))) == expected


def test_counts_fall_back_to_a_walk_when_the_bitsets_are_too_big(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tutor import model

    monkeypatch.setattr(model, "ANCESTOR_BITS_BUDGET", 0)
    graph = {"a": [], "b": ["a"], "c": ["b"], "d": ["b", "c"]}
    c = load_curriculum(write_curriculum(tmp_path / "t", graph))
    assert c.ancestor_counts is None
    assert [c.ancestor_count(c.index[t]) for t in "abcd"] == [0, 1, 2, 3]
