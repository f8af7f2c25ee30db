"""The learner store: migrations, learners, goals, claims, attempts, damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from tutor.errors import StoreError, UnknownLearnerError, UsageError
from tutor.store import SCHEMA_VERSION, LearnerStore, open_database

EXPECTED_SCHEMA = {
    "learners": ["id", "name", "created"],
    "settings": ["key", "value"],
    "goals": ["learner_id", "topic_id", "created"],
    "claims": ["learner_id", "topic_id", "known", "created"],
    "attempts": ["id", "learner_id", "topic_id", "question_id", "params", "answer", "correct",
                 "hint_used", "seconds", "mode", "created", "session_id", "skipped"],
    "sessions": ["id", "learner_id", "topic_id", "mode", "seed", "started", "ended", "asked",
                 "correct", "passed", "mastery"],
}  # fmt: skip


@pytest.fixture
def store() -> LearnerStore:
    return LearnerStore(sqlite_utils.Database(memory=True))


def test_a_blank_database_migrates_to_the_exact_schema(store: LearnerStore) -> None:
    assert store.schema_version == SCHEMA_VERSION
    tables = {t.name: [c.name for c in t.columns] for t in store.db.tables}
    assert tables == EXPECTED_SCHEMA
    assert "attempts_learner_topic" in {i.name for i in store.db["attempts"].indexes}
    assert "sessions_learner_topic" in {i.name for i in store.db["sessions"].indexes}


def test_a_version_1_database_migrates_and_keeps_its_data(tmp_path: Path) -> None:
    from tutor.store import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO learners (name, created) VALUES ('ada', 'then')")
    conn.execute("INSERT INTO attempts (learner_id, topic_id, question_id, answer, correct, created)"
                 " VALUES (1, 't', 'q', '3', 1, 'then')")  # fmt: skip
    conn.close()
    store = LearnerStore(open_database(path))
    assert store.schema_version == SCHEMA_VERSION
    (row,) = store.attempts(store.learner("ada"))
    assert row["answer"] == "3" and row["skipped"] == 0 and row["session_id"] is None


def test_migrating_twice_changes_nothing(store: LearnerStore) -> None:
    before = store.db.conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    store.migrate()
    assert store.db.conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this tutor"):
        LearnerStore(open_database(path))


def test_default_learner_is_created_on_first_use(store: LearnerStore) -> None:
    assert store.learners() == []
    assert store.learner().name == "default"
    assert [x.name for x in store.learners()] == ["default"]


def test_learners_add_use_and_unknown(store: LearnerStore) -> None:
    store.add_learner("Ada")
    with pytest.raises(UsageError, match="already exists"):
        store.add_learner("Ada")
    with pytest.raises(UsageError):
        store.add_learner("  ")
    store.use_learner("Ada")
    assert store.learner().name == "Ada"
    with pytest.raises(UnknownLearnerError, match="no learner named 'Bob'"):
        store.learner("Bob")


def test_goals_and_claims_are_per_learner(store: LearnerStore) -> None:
    ada, bob = store.add_learner("Ada"), store.add_learner("Bob")
    assert store.add_goals(ada, ["x", "y", "x"]) == ["x", "y"]
    assert store.goals(ada) == ["x", "y"] and store.goals(bob) == []
    assert store.remove_goals(ada, ["x"]) == 1 and store.goals(ada) == ["y"]
    store.set_claims(ada, ["a", "b"], True)
    store.set_claims(ada, ["b"], False)
    assert store.claims(ada) == {"a": True, "b": False} and store.claims(bob) == {}
    assert store.clear_claims(ada, ["a"]) == 1


def test_attempts_are_recorded_with_everything(store: LearnerStore) -> None:
    learner = store.learner()
    store.record_attempt(learner, "t", "q", answer="1/2", correct=True, params={"a": 3},
                         hint_used=True, seconds=4.5, mode="diagnostic")  # fmt: skip
    (row,) = store.attempts(learner, "t")
    assert row["answer"] == "1/2" and row["correct"] == 1 and row["hint_used"] == 1
    assert row["params"] == '{"a": 3}' and row["seconds"] == 4.5 and row["mode"] == "diagnostic"


def test_a_file_that_is_not_a_database_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a usable tutor database"):
        LearnerStore(open_database(path))
    assert path.read_bytes() == before


def test_data_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "tutor.db"
    store = LearnerStore(open_database(path))
    store.add_goals(store.learner(), ["g"])
    store.db.conn.close()
    again = LearnerStore(open_database(path))
    assert again.goals(again.learner()) == ["g"]
