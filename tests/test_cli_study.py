"""`tutor study` from the outside: typed input, answers files, JSON, exit codes, a killed session."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, write_curriculum
from typer.testing import CliRunner

import tutor.cli.study as study_cli
from tutor.cli import app
from tutor.errors import EXIT_CHECK_FAILED, EXIT_USAGE

runner = CliRunner()
GRAPH = {"a": [], "b": [], "goal": ["a", "b"]}


@pytest.fixture
def curriculum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_curriculum(tmp_path / "c", GRAPH)
    monkeypatch.setenv("TUTOR_CURRICULUM", str(root))
    return root


def answers_for(topic: str, seed: int, count: int = 5, wrong: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    """The right answers of a seeded session, found by a dry run in JSON mode."""
    result = runner.invoke(app, ["--learner", "dry", "study", topic, "--seed", str(seed), "--json",
                                 "--count", str(count), "--answers", "-"], input="\n" * count)  # fmt: skip
    questions = json.loads(result.stdout)["questions"]
    return "".join("-999\n" if n in wrong else q["expected"].split(") ", 1)[-1] + "\n"
                   for n, q in enumerate(questions))  # fmt: skip


@pytest.fixture(autouse=True)
def dry_learner(curriculum: Path) -> None:
    runner.invoke(app, ["learner", "add", "dry"])


def test_answers_file_passes_and_exits_0(curriculum: Path, tmp_path: Path) -> None:
    path = tmp_path / "answers.txt"
    path.write_text(answers_for("a", 5))
    result = runner.invoke(app, ["study", "a", "--seed", "5", "--answers", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Correct.") == 5
    assert "Check passed: A is mastered." in result.stdout
    status = json.loads(runner.invoke(app, ["plan", "--goal", "goal", "--json"]).stdout)
    assert [t["id"] for t in status["topics"]] == ["b", "goal"]


def test_failed_check_exits_1_with_feedback_in_words(curriculum: Path) -> None:
    result = runner.invoke(app, ["study", "a", "--seed", "5", "--answers", "-"],
                           input="-999\nnot a number\n:skip\n\n:hint -5\n")  # fmt: skip
    assert result.exit_code == EXIT_CHECK_FAILED
    assert result.stdout.count("Incorrect") == 4 and "Skipped. The answer:" in result.stdout
    assert "(that is not a number)" in result.stdout
    assert "Check not passed yet" in result.stdout


def test_json_result(curriculum: Path) -> None:
    result = runner.invoke(app, ["study", "a", "--seed", "9", "--json", "--answers", "-"],
                           input=answers_for("a", 9, wrong={1}))  # fmt: skip
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["topic"] == "a" and data["asked"] == 5
    assert data["correct"] == 4 and [q["correct"] for q in data["questions"]][1] is False
    assert {"question_id", "prompt", "params", "answer", "expected", "correct", "explanation"} <= set(
        data["questions"][0])
    assert result.exit_code == (0 if data["passed"] else 1)


def test_json_lines_name_the_questions(curriculum: Path) -> None:
    lines = "\n".join(json.dumps({"question": f"q{n}", "answer": str(3 + n), "params": {"a": 3}})
                      for n in range(1, 6))  # fmt: skip
    result = runner.invoke(app, ["study", "a", "--json", "--answers", "-"], input=lines)
    data = json.loads(result.stdout)
    assert [q["question_id"] for q in data["questions"]] == ["q1", "q2", "q3", "q4", "q5"]
    assert data["correct"] == 5 and result.exit_code == 0


def test_no_terminal_and_no_answers_never_prompts(curriculum: Path) -> None:
    result = runner.invoke(app, ["study", "a"])
    assert result.exit_code == EXIT_USAGE and "stdin is not a terminal" in result.stderr


def test_typed_session_at_a_terminal(curriculum: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(study_cli, "is_interactive", lambda: True)
    typed = "\n" + "?\n" + answers_for("a", 11)  # Enter after the explainer, a hint, the answers
    result = runner.invoke(app, ["study", "a", "--seed", "11"], input=typed)
    assert result.exit_code == 0, result.output
    assert "Core idea." in result.stdout and "Question 1 of 5" in result.stdout
    assert "Correct. (with a hint)" in result.stdout and "No hint for this one." in result.stdout


def test_quitting_keeps_the_answers(curriculum: Path, monkeypatch: pytest.MonkeyPatch,
                                    tutor_home: Path) -> None:  # fmt: skip
    monkeypatch.setattr(study_cli, "is_interactive", lambda: True)
    right = answers_for("a", 12).splitlines()
    result = runner.invoke(app, ["study", "a", "--seed", "12"], input=f"\n{right[0]}\n:quit\n")
    assert result.exit_code == EXIT_CHECK_FAILED
    assert "Stopped after 1 question; your answers are saved." in result.stdout
    rows = sqlite3.connect(tutor_home / "tutor.db").execute(
        "SELECT count(*) FROM attempts a JOIN learners l ON l.id = a.learner_id "
        "WHERE l.name = 'default'").fetchone()  # fmt: skip
    assert rows == (1,)


def test_study_without_topic_takes_the_top_of_next(curriculum: Path) -> None:
    runner.invoke(app, ["goal", "goal"])
    result = runner.invoke(app, ["study", "--answers", "-", "--seed", "1"], input="\n" * 5)
    assert "Studying A:" in result.stderr or "Studying B:" in result.stderr


def test_remediation_is_named_after_two_failures(curriculum: Path) -> None:
    for seed in (1, 2):
        result = runner.invoke(app, ["study", "goal", "--seed", str(seed), "--answers", "-",
                                     "--no-probe"], input="-999\n" * 5)  # fmt: skip
    assert "Go back to A first" in result.stdout or "Go back to B first" in result.stdout
    runner.invoke(app, ["goal", "goal"])
    items = json.loads(runner.invoke(app, ["next", "--json"]).stdout)["items"]
    assert items[0]["reason"].startswith("go back: Goal failed 2 checks in a row")


def read_until(fd: int, marker: bytes, timeout: float = 30.0) -> bytes:
    buf = b""
    end = time.monotonic() + timeout
    while marker not in buf:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError(f"timed out waiting for {marker!r}; got {buf[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return buf


@pytest.mark.slow
def test_killing_a_session_loses_at_most_the_question_on_screen(curriculum: Path, tutor_home: Path) -> None:
    right = answers_for("a", 21).splitlines()
    env = {**os.environ, "PYTHONPATH": str(REPO), "TUTOR_CURRICULUM": str(curriculum),
           "TUTOR_HOME": str(tutor_home)}  # fmt: skip
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "study", "a", "--seed", "21"],
                            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)  # fmt: skip
    os.close(slave)
    try:
        read_until(master, b"ready for the questions")
        os.write(master, b"\n")
        for n in range(2):
            read_until(master, f"Question {n + 1} of 5".encode())
            os.write(master, right[n].encode() + b"\n")
        read_until(master, b"Question 3 of 5")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    rows = sqlite3.connect(tutor_home / "tutor.db").execute(
        "SELECT a.correct FROM attempts a JOIN learners l ON l.id = a.learner_id "
        "WHERE l.name = 'default' ORDER BY a.id").fetchall()  # fmt: skip
    assert rows == [(1,), (1,)]


def test_now_sets_the_recorded_time(curriculum: Path, tutor_home: Path) -> None:
    runner.invoke(app, ["--now", "2026-01-02T03:04:05", "study", "a", "--answers", "-"],
                  input="1\n" * 5)  # fmt: skip
    times = {r[0] for r in sqlite3.connect(tutor_home / "tutor.db").execute(
        "SELECT a.created FROM attempts a JOIN learners l ON l.id = a.learner_id "
        "WHERE l.name = 'default'")}  # fmt: skip
    assert times == {"2026-01-02T03:04:05+00:00"}
