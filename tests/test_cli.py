"""The CLI, through typer's CliRunner: output, JSON contracts, errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from tutor.cli import app
from tutor.errors import EXIT_CURRICULUM, EXIT_NOT_FOUND, EXIT_STATE, EXIT_STORE

runner = CliRunner()


@pytest.fixture
def tutor(small_curriculum: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TUTOR_CURRICULUM", str(small_curriculum))

    def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), input=input)

    return run


def doc(result) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    return data  # type: ignore[no-any-return]


def test_goal_plan_next_flow(tutor) -> None:  # type: ignore[no-untyped-def]
    assert tutor("goal", "Fractions").exit_code == 0
    assert tutor("know", "adding").exit_code == 0
    plan = doc(tutor("plan", "--json"))
    assert plan["goals"] == ["fractions"]
    assert [t["id"] for t in plan["topics"]] == ["multiplying", "subtracting", "dividing", "fractions"]
    assert {"id", "title", "minutes", "stage"} <= set(plan["topics"][0])
    assert plan["total_minutes"] == 40
    nxt = doc(tutor("next", "--json"))
    assert [i["id"] for i in nxt["items"]] == ["multiplying", "subtracting"]
    assert all(set(i) == {"id", "title", "reason"} and i["reason"] for i in nxt["items"])
    text = tutor("plan")
    assert "4 topics in 3 stages" in text.stdout and "Stage 3" in text.stdout


def test_global_json_flag_works_before_the_command(tutor) -> None:  # type: ignore[no-untyped-def]
    data = doc(tutor("--json", "show", "dividing"))
    assert data["id"] == "dividing"


def test_show_json_contract(tutor) -> None:  # type: ignore[no-untyped-def]
    data = doc(tutor("show", "Dividing", "--json"))
    for key in ("id", "title", "level", "depth", "unlocks", "tags", "prerequisites", "leads_to",
                "chain", "ancestor_count", "question_count", "core_idea"):  # fmt: skip
        assert key in data
    assert data["depth"] == 3 and data["unlocks"] == 1 and data["ancestor_count"] == 4
    assert data["chain"][0] == {"id": "counting", "title": "Counting"}
    assert data["chain"][-1]["id"] == "dividing"
    assert data["prerequisites"] == ["multiplying", "subtracting"]
    assert data["leads_to"] == ["fractions"] and data["question_count"] == 5


def test_show_text_page(tutor) -> None:  # type: ignore[no-untyped-def]
    out = tutor("show", "dividing").stdout
    assert "Depth 3" in out and "Unlocks 1 downstream topic" in out
    assert "Longest path: 4 steps · 4 total prerequisite topics" in out
    assert "Prerequisite chain" in out and "Leads to (1)" in out


def test_plan_formats(tutor) -> None:  # type: ignore[no-untyped-def]
    tutor("goal", "dividing")
    csv_out = tutor("plan", "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "order,stage,id,title,minutes,level"
    assert csv_out[1].startswith("1,1,counting,Counting,10,")
    md = tutor("plan", "--format", "md").stdout
    assert md.startswith("# Study plan: Dividing")
    assert "| 1 | Counting | `counting` | 10 | not started |" in md
    assert doc(tutor("plan", "--format", "json"))["goals"] == ["dividing"]
    bad = tutor("plan", "--format", "pdf")
    assert bad.exit_code == 2 and "Error: --format must be one of" in bad.stderr


def test_plan_with_goal_option_does_not_save_it(tutor) -> None:  # type: ignore[no-untyped-def]
    data = doc(tutor("plan", "--goal", "geometry", "--json"))
    assert [t["id"] for t in data["topics"]] == ["counting", "geometry"]
    assert doc(tutor("goal", "--json"))["goals"] == []


def test_no_goal_is_a_state_error(tutor) -> None:  # type: ignore[no-untyped-def]
    for cmd in ("plan", "next"):
        result = tutor(cmd)
        assert result.exit_code == EXIT_STATE
        assert result.stderr.startswith("Error: no goal set")


def test_unknown_topic_suggests_the_closest(tutor) -> None:  # type: ignore[no-untyped-def]
    result = tutor("show", "fractons and more")
    assert result.exit_code == EXIT_NOT_FOUND
    assert "Fractions (fractions)" in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_fuzzy_title_is_accepted(tutor) -> None:  # type: ignore[no-untyped-def]
    assert doc(tutor("show", "adding numbrs", "--json"))["id"] == "adding"


def test_know_and_unknow(tutor) -> None:  # type: ignore[no-untyped-def]
    tutor("goal", "fractions")
    tutor("know", "dividing")
    assert doc(tutor("plan", "--json"))["topics"] == [
        {"id": "fractions", "title": "Fractions", "minutes": 10, "stage": 1,
         "state": "not started", "mastery": None}]
    tutor("unknow", "counting")
    assert [t["id"] for t in doc(tutor("plan", "--json"))["topics"]] == ["counting", "fractions"]


def test_goal_clear(tutor) -> None:  # type: ignore[no-untyped-def]
    tutor("goal", "fractions", "geometry")
    assert [g["id"] for g in doc(tutor("goal", "--json"))["goals"]] == ["fractions", "geometry"]
    tutor("goal", "--clear", "geometry")
    assert [g["id"] for g in doc(tutor("goal", "--json"))["goals"]] == ["fractions"]
    tutor("goal", "--clear")
    assert doc(tutor("goal", "--json"))["goals"] == []


def test_learners_are_separate(tutor) -> None:  # type: ignore[no-untyped-def]
    assert tutor("learner", "add", "ada").exit_code == 0
    tutor("--learner", "ada", "goal", "geometry")
    assert doc(tutor("goal", "--json"))["goals"] == []
    assert tutor("learner", "use", "ada").exit_code == 0
    assert doc(tutor("goal", "--json"))["goals"][0]["id"] == "geometry"
    listed = doc(tutor("learner", "list", "--json"))
    assert listed["current"] == "ada" and {x["name"] for x in listed["learners"]} == {"ada", "default"}


def test_unknown_learner(tutor) -> None:  # type: ignore[no-untyped-def]
    result = tutor("--learner", "zed", "status")
    assert result.exit_code == EXIT_NOT_FOUND
    assert "no learner named 'zed'" in result.stderr


def test_overview_without_and_with_a_goal(tutor) -> None:  # type: ignore[no-untyped-def]
    first = tutor()
    assert first.exit_code == 0 and "no goal yet" in first.stdout and "tutor goal" in first.stdout
    tutor("goal", "fractions")
    second = tutor()
    assert "6 topics to go" in second.stdout and "tutor study counting" in second.stdout


def test_status(tutor) -> None:  # type: ignore[no-untyped-def]
    tutor("goal", "fractions")
    tutor("know", "adding")
    data = doc(tutor("status", "--json"))
    assert data["known_count"] == 2 and data["goals"][0]["remaining"] == 4


def test_topics_search_and_filters(tutor) -> None:  # type: ignore[no-untyped-def]
    assert doc(tutor("topics", "--json"))["count"] == 8
    found = doc(tutor("topics", "fraction", "--json"))["items"]
    assert found[0]["id"] == "fractions"
    assert doc(tutor("topics", "--level", "graduate", "--json"))["count"] == 0
    assert tutor("topics", "--level", "nope").exit_code == 2


def test_where(tutor, tutor_home: Path) -> None:  # type: ignore[no-untyped-def]
    data = doc(tutor("where", "--json"))
    assert data["home"] == str(tutor_home) and data["database"] == str(tutor_home / "tutor.db")
    assert data["cache"] == os.environ["TUTOR_CACHE_DIR"]


def test_missing_curriculum_path(tutor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = tutor("--curriculum", str(tmp_path / "nowhere"), "topics")
    assert result.exit_code == EXIT_CURRICULUM
    assert result.stderr.startswith("Error: curriculum folder not found")


def test_broken_curriculum(tutor, small_curriculum: Path) -> None:  # type: ignore[no-untyped-def]
    (small_curriculum / "topics" / "main" / "adding.md").write_text("---\nid: [\n---\n")
    result = tutor("topics")
    assert result.exit_code == EXIT_CURRICULUM and "run `tutor curriculum validate" in result.stderr
    validate = tutor("curriculum", "validate")
    assert validate.exit_code == EXIT_CURRICULUM
    assert "topics/main/adding.md: front matter: malformed YAML" in validate.stdout
    data = json.loads(tutor("curriculum", "validate", "--json").stdout)
    assert data["ok"] is False and data["problems"][0]["file"] == "topics/main/adding.md"


def test_validate_clean(tutor) -> None:  # type: ignore[no-untyped-def]
    result = tutor("curriculum", "validate")
    assert result.exit_code == 0 and "8 topics" in result.stderr


def test_unwritable_home(tutor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TUTOR_HOME", str(blocker / "home"))
    result = tutor("goal", "fractions")
    assert result.exit_code == EXIT_STORE and result.stderr.startswith("Error: cannot create")
    assert tutor("show", "fractions").exit_code == 0  # reading needs no state


def test_corrupt_database_is_not_overwritten(tutor, tutor_home: Path) -> None:  # type: ignore[no-untyped-def]
    db = tutor_home / "tutor.db"
    db.write_bytes(b"precious bytes" * 1000)
    result = tutor("status")
    assert result.exit_code == EXIT_STORE and "left untouched" in result.stderr
    assert db.read_bytes() == b"precious bytes" * 1000


def test_bad_now(tutor) -> None:  # type: ignore[no-untyped-def]
    result = tutor("--now", "yesterday", "status")
    assert result.exit_code == 2 and "not an ISO date" in result.stderr


def test_python_m_tutor_help() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "tutor", "--help"], capture_output=True,
                            text=True, env=env, timeout=60)  # fmt: skip
    assert result.returncode == 0 and "Usage: tutor" in result.stdout


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["show", "x"], "show"),
        (["-l", "ann", "--json", "next"], "next"),
        (["--curriculum", "show", "plan"], "plan"),  # an option's value is not the command
        (["--learner=ann", "curriculum", "lint"], "curriculum"),
        (["--help"], None),
        ([], None),
        (["--", "show"], None),
    ],
)
def test_a_run_builds_only_the_command_it_was_asked_for(argv: list[str], command: str | None) -> None:
    from tutor.cli import make_app, requested_command

    assert requested_command(argv) == command
    if command:
        names = {c.name for c in make_app(command).registered_commands} | {
            g.name for g in make_app(command).registered_groups
        }
        assert command in names and len(names) < 12
