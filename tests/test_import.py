"""Importing graphs: real data sets, planted problems, round trips, and the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import EXTERNAL
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tutor.cli import app
from tutor.errors import EXIT_CHECK_FAILED, EXIT_CURRICULUM, EXIT_STATE
from tutor.importers import (
    ImportOptions,
    RawGraph,
    RawTopic,
    export_edges,
    read_edges,
    read_learning_graph,
    read_metacademy,
    repair,
    write_curriculum,
)
from tutor.loader import load_curriculum, read_curriculum

runner = CliRunner()
needs_data = pytest.mark.skipif(not EXTERNAL.is_dir(), reason=f"external data sets not present at {EXTERNAL}")


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


@needs_data
@pytest.mark.parametrize(
    ("name", "topics", "edges", "dangling", "self_loops", "duplicate_ids", "empty_titles"),
    [
        ("metacademy", 487, 1208, 0, 0, 0, 1),
        ("khan_academy", 1838, 1431, 14, 0, 0, 0),
        ("princeton_courses", 2705, 2194, 75, 3, 2, 2),
        ("exercism_elixir", 194, 1215, 0, 0, 0, 0),
        ("al_cpl", 545, 1933, 0, 0, 0, 0),
    ],
)
def test_real_edge_lists(name: str, topics: int, edges: int, dangling: int, self_loops: int,
                         duplicate_ids: int, empty_titles: int, tmp_path: Path) -> None:  # fmt: skip
    folder = EXTERNAL / name
    raw = read_edges(folder / f"{name}.topics.csv", folder / f"{name}.edges.csv")
    written, report = repair(raw)
    assert report.fatal == []
    assert (report.topics_written, len(report.dangling_edges), len(report.self_loops),
            len(report.duplicate_ids), len(report.empty_titles)) == (
        topics, dangling, self_loops, duplicate_ids, empty_titles)  # fmt: skip
    assert report.edges_written == edges
    write_curriculum(written, tmp_path / "out", name=name, source=raw.source)
    curriculum, problems = read_curriculum(tmp_path / "out")
    assert curriculum is not None, [str(p) for p in problems[:5]]
    assert len(curriculum) == topics and curriculum.edge_count == edges


@needs_data
def test_metacademy_fixture_matches_its_edge_list() -> None:
    raw = read_metacademy(EXTERNAL / "metacademy" / "raw" / "dev_utils" / "graph_data.json")
    topics, report = repair(raw)
    assert report.topics_written == 487 and report.edges_written == 1208
    by_id = {t.source_id or t.id: t for t in topics}
    assert by_id["gp_classification_laplace"].minutes > 0  # learn_time in hours -> minutes
    normalised = read_edges(EXTERNAL / "metacademy" / "metacademy.topics.csv",
                            EXTERNAL / "metacademy" / "metacademy.edges.csv")  # fmt: skip
    assert sorted(raw.edges) == sorted(normalised.edges)


def test_learning_graph_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lg.csv", ["ConceptID", "ConceptLabel", "Dependencies"], [
        ["1", "Counting", ""], ["2", "Addition", "1"], ["3", "Multiplication", "1|2"],
        ["4", "Ghost child", "99"],
    ])  # fmt: skip
    raw = read_learning_graph(path)
    topics, report = repair(raw)
    assert {t.title for t in topics} == {"Counting", "Addition", "Multiplication", "Ghost child"}
    assert report.dangling_edges == [("99", "4")]
    assert sorted(t.prerequisites for t in topics if t.title == "Multiplication") == [("1", "2")]


def test_planted_cycles_are_reported_as_paths_and_fatal_by_default() -> None:
    topics = [RawTopic(x, x.upper()) for x in "abcdefg"]
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "d"), ("f", "g")]
    _, report = repair(RawGraph(topics, edges))
    assert report.cycles == ["a -> b -> c -> a", "d -> e -> d"]
    assert report.fatal and "--break-cycles" in report.fatal[0]
    written, report = repair(RawGraph(topics, edges), ImportOptions(break_cycles=True))
    assert report.fatal == [] and len(report.removed_edges) == 2
    from tutor.importers import curriculum_from_graph

    curriculum, _ = curriculum_from_graph(RawGraph(topics, edges), ImportOptions(break_cycles=True))
    assert len(curriculum) == 7  # a DAG now


def test_hundreds_of_cycles() -> None:
    topics = [RawTopic(f"t{i}", f"T {i}") for i in range(600)]
    edges = [(f"t{i}", f"t{i + 1}") for i in range(0, 600, 2)] + [(f"t{i + 1}", f"t{i}") for i in range(0, 600, 2)]
    _, report = repair(RawGraph(topics, edges), ImportOptions(break_cycles=True))
    assert len(report.cycles) == 300 and all(" -> " in c for c in report.cycles)


def test_strict_makes_every_problem_fatal() -> None:
    raw = RawGraph([RawTopic("a", "A"), RawTopic("b", "")], [("a", "b"), ("x", "a")])
    assert repair(raw)[1].fatal == []
    assert repair(raw, ImportOptions(strict=True))[1].fatal


def test_ids_become_slugs_and_titles_stay_unique() -> None:
    raw = RawGraph([RawTopic("Big_Topic", "Same"), RawTopic("big-topic", "same"), RawTopic("x", "")], [])
    topics, report = repair(raw)
    assert sorted(t.id for t in topics) == ["big-topic", "big-topic-2", "x"]
    assert {t.title for t in topics} == {"Same (Big_Topic)", "same (big-topic)", "x"}
    assert report.empty_titles == ["x"]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_import_then_export_round_trips_an_edge_list(tmp_path_factory: pytest.TempPathFactory,
                                                      data: st.DataObject) -> None:  # fmt: skip
    n = data.draw(st.integers(1, 25))
    ids = data.draw(st.lists(st.from_regex(r"[A-Za-z][A-Za-z0-9_:. -]{0,12}", fullmatch=True),
                             min_size=n, max_size=n, unique_by=lambda s: s.casefold()))  # fmt: skip
    ids = list(dict.fromkeys(ids))
    titles = [f"Title {i}" for i in range(len(ids))]
    edges = sorted({(ids[a], ids[b]) for a, b in data.draw(
        st.lists(st.tuples(st.integers(0, len(ids) - 1), st.integers(0, len(ids) - 1)), max_size=40))
        if a < b})  # fmt: skip
    tmp = tmp_path_factory.mktemp("rt")
    write_csv(tmp / "t.csv", ["id", "title"], [[i, t] for i, t in zip(ids, titles, strict=True)])
    write_csv(tmp / "e.csv", ["prerequisite_id", "topic_id"], [list(e) for e in edges])
    topics, report = repair(read_edges(tmp / "t.csv", tmp / "e.csv"))
    assert report.fatal == []
    write_curriculum(topics, tmp / "cur", name="rt", source="test")
    out = tmp / "export"
    export_edges(load_curriculum(tmp / "cur"), out)
    again = read_edges(out / "topics.csv", out / "edges.csv")
    assert sorted((t.id, t.title) for t in again.topics) == sorted(zip(ids, titles, strict=True))
    assert sorted(again.edges) == edges


def test_cli_import_plan_and_study_on_a_content_free_curriculum(tmp_path: Path) -> None:
    t = write_csv(tmp_path / "t.csv", ["id", "title"], [["a", "Alpha"], ["b", "Beta"], ["c", "Gamma"]])
    e = write_csv(tmp_path / "e.csv", ["prerequisite_id", "topic_id"], [["a", "b"], ["b", "c"], ["zz", "c"]])
    out = tmp_path / "cur"
    result = runner.invoke(app, ["curriculum", "import", str(t), str(e), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["topics_written"] == 3 and data["dangling_edges"] == [["zz", "c"]]
    assert "Edges naming a topic that does not exist: dropped (1)" in (out / "IMPORT-REPORT.md").read_text()
    again = runner.invoke(app, ["curriculum", "import", str(t), str(e), "--out", str(out)])
    assert again.exit_code == 2 and "not empty" in again.stderr  # never overwrites
    plan = json.loads(runner.invoke(app, ["--curriculum", str(out), "plan", "--goal", "Gamma", "--json"]).stdout)
    assert [x["id"] for x in plan["topics"]] == ["a", "b", "c"]
    assert runner.invoke(app, ["--curriculum", str(out), "curriculum", "validate"]).exit_code == 0
    study = runner.invoke(app, ["--curriculum", str(out), "study", "a", "--answers", "-"], input="")
    assert study.exit_code == EXIT_STATE and "nothing to study" in study.stderr
    assert EXIT_CHECK_FAILED != EXIT_STATE


def test_cli_import_cycle_is_fatal(tmp_path: Path) -> None:
    t = write_csv(tmp_path / "t.csv", ["id", "title"], [["a", "A"], ["b", "B"]])
    e = write_csv(tmp_path / "e.csv", ["prerequisite_id", "topic_id"], [["a", "b"], ["b", "a"]])
    result = runner.invoke(app, ["curriculum", "import", str(t), str(e), "--out", str(tmp_path / "o")])
    assert result.exit_code == EXIT_CURRICULUM and "a -> b -> a" in result.stdout
    assert not (tmp_path / "o").exists()
    ok = runner.invoke(app, ["curriculum", "import", str(t), str(e), "--out", str(tmp_path / "o"),
                             "--break-cycles"])  # fmt: skip
    assert ok.exit_code == 0


def test_cli_import_bad_input(tmp_path: Path) -> None:
    bad = write_csv(tmp_path / "x.csv", ["name"], [["a"]])
    result = runner.invoke(app, ["curriculum", "import", str(bad), str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "missing column(s) id, title" in result.stderr
    result = runner.invoke(app, ["curriculum", "import", str(bad), "--from", "edges", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "takes a topics CSV then an edges CSV" in result.stderr
    result = runner.invoke(app, ["curriculum", "import", str(bad), "--from", "nope"])
    assert result.exit_code == 2


def test_ids_that_yaml_would_misread_are_quoted(tmp_path: Path) -> None:
    # "on"/"no" are booleans to YAML 1.1 and "2020-01-01" a date: they must come back as ids
    (tmp_path / "t.csv").write_text("id,title\non,On\nno,No\n2020-01-01,A date\n", encoding="utf-8")
    (tmp_path / "e.csv").write_text("prerequisite_id,topic_id\non,no\nno,2020-01-01\n", encoding="utf-8")
    out = tmp_path / "cur"
    r = runner.invoke(app, ["curriculum", "import", str(tmp_path / "t.csv"), str(tmp_path / "e.csv"),
                            "--from", "edges", "--out", str(out)])  # fmt: skip
    assert r.exit_code == 0, r.output
    c = load_curriculum(out)
    assert c.chain("2020-01-01") == ["on", "no", "2020-01-01"]
