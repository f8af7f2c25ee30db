"""Derived figures: depth, chain, ancestors, dependents."""

from __future__ import annotations

from pathlib import Path

from conftest import write_curriculum

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
