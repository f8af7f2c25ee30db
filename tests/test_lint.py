"""Lint, stats and graph drawing on planted problems."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_curriculum
from typer.testing import CliRunner

from tutor.analysis import is_look_alike, lint, stats, to_dot, to_mermaid
from tutor.cli import app
from tutor.loader import load_curriculum

GRAPH = {
    "counting": [], "adding": ["counting"], "adding-again": ["counting"], "sums": ["adding", "counting"],
    "level-1": [], "level-2": ["level-1"], "with-carry": ["adding"], "without-carry": ["adding"],
    "loner": [],
}  # fmt: skip
TITLES = {
    "adding": "Adding Whole Numbers", "adding-again": "Adding whole numbers!",
    "level-1": "Fractions Level 1", "level-2": "Fractions Level 2",
    "with-carry": "Addition with Carrying", "without-carry": "Addition without Carrying",
}  # fmt: skip


def test_lint_finds_planted_problems(tmp_path: Path) -> None:
    c = load_curriculum(write_curriculum(tmp_path / "c", GRAPH, titles=TITLES))
    report = lint(c)
    assert [(a, b) for a, b, _ in report.near_duplicates] == [("adding", "adding-again")]
    assert report.look_alikes == 2  # level 1/2 and with/without carrying are not flooded
    assert report.redundant_edges == [("counting", "sums", "adding")]
    assert report.isolated == ["loner"]
    assert report.bottlenecks[0] == ("counting", 5)


def test_look_alikes() -> None:
    assert is_look_alike("Counting to 10", "Counting to 20")
    assert is_look_alike("Two-Digit Addition with Regrouping", "Two-Digit Addition Without Regrouping")
    assert not is_look_alike("k-means", "k-means++")
    assert not is_look_alike("Tree (data structure)", "Trie (data structure)")


def test_level_inversion(tmp_path: Path) -> None:
    root = write_curriculum(tmp_path / "c", {"a": [], "b": ["a"]})
    path = root / "topics" / "main" / "a.md"
    path.write_text(path.read_text().replace("level: elementary", "level: graduate"))
    assert lint(load_curriculum(root)).level_inversions == [("a", "graduate", "b", "elementary")]


def test_stats_and_graph(tmp_path: Path) -> None:
    c = load_curriculum(write_curriculum(tmp_path / "c", GRAPH, titles=TITLES))
    s = stats(c)
    assert s["topics"] == 9 and s["edges"] == 7 and s["max_depth"] == 2
    assert s["depth_distribution"] == {"0": 3, "1": 3, "2": 3}
    assert s["deepest"][0]["id"] == "sums" and s["components"] == 3
    dot = to_dot(c, "sums")
    assert '"counting" -> "adding";' in dot and "loner" not in dot
    mermaid = to_mermaid(c)
    assert mermaid.startswith("flowchart LR") and mermaid.count("-->") == 7


def test_cli_lint_stats_graph(tmp_path: Path) -> None:
    root = write_curriculum(tmp_path / "c", GRAPH, titles=TITLES)
    runner = CliRunner()
    lint_out = json.loads(runner.invoke(app, ["-c", str(root), "curriculum", "lint", "--json"]).stdout)
    assert lint_out["isolated"] == ["loner"] and lint_out["look_alikes_hidden"] == 2
    s = json.loads(runner.invoke(app, ["-c", str(root), "curriculum", "stats", "--json"]).stdout)
    assert s["topics"] == 9
    g = runner.invoke(app, ["-c", str(root), "curriculum", "graph", "--goal", "sums", "--format", "mermaid"])
    assert g.exit_code == 0 and g.stdout.startswith("flowchart LR")
    assert runner.invoke(app, ["-c", str(root), "curriculum", "graph", "--format", "svg"]).exit_code == 2
