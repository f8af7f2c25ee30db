"""Learner progress in SQLite: learners, goals, knowledge claims and every attempt.

`LearnerStore` is handed its `sqlite_utils.Database` (tests pass an in-memory one). The schema
changes only through the ordered `MIGRATIONS`; `PRAGMA user_version` records how many have run.
Every write is its own transaction, so a crash loses at most the write in flight.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tutor.errors import StoreError, UnknownLearnerError

DEFAULT_LEARNER = "default"


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the migration's transaction; run statements one by one.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _m1_initial(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE learners (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE TABLE goals (
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            topic_id TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (learner_id, topic_id)
        );
        CREATE TABLE claims (
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            topic_id TEXT NOT NULL,
            known INTEGER NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (learner_id, topic_id)
        );
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            topic_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            params TEXT,
            answer TEXT,
            correct INTEGER NOT NULL,
            hint_used INTEGER NOT NULL DEFAULT 0,
            seconds REAL,
            mode TEXT NOT NULL DEFAULT 'study',
            created TEXT NOT NULL
        );
        CREATE INDEX attempts_learner_topic ON attempts (learner_id, topic_id, created);
        """
    )


def _m2_sessions(conn: sqlite3.Connection) -> None:
    """Study sessions (checks), and which session and whether skipped for each attempt."""
    _run_script(
        conn,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id),
            topic_id TEXT NOT NULL,
            mode TEXT NOT NULL,
            seed INTEGER,
            started TEXT NOT NULL,
            ended TEXT,
            asked INTEGER NOT NULL DEFAULT 0,
            correct INTEGER NOT NULL DEFAULT 0,
            passed INTEGER,
            mastery REAL
        );
        CREATE INDEX sessions_learner_topic ON sessions (learner_id, topic_id, started);
        ALTER TABLE attempts ADD COLUMN session_id INTEGER REFERENCES sessions(id);
        ALTER TABLE attempts ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0
        """,
    )


# Ordered; never edit one that has shipped, append a new one instead.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m1_initial, _m2_sessions]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class Learner:
    id: int
    name: str
    created: str


def now_iso(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def open_database(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the learner database at `path`.

    A file that is not a SQLite database is reported, never overwritten. The connection is
    wrapped in a sqlite_utils Database when `LearnerStore.db` is first used, not before: importing
    sqlite_utils costs more than a whole `tutor next` should."""
    try:
        conn = sqlite3.connect(str(path), timeout=10, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} is not a usable tutor database ({exc}); it was left untouched — "
            "move it aside or set TUTOR_HOME to use another folder"
        ) from exc
    return conn


class LearnerStore:
    """Learner progress over one SQLite database: a sqlite_utils `Database` (tests pass an
    in-memory one) or a plain `sqlite3.Connection` (the CLI, to start fast)."""

    def __init__(self, db: Any, *, now: datetime | None = None) -> None:
        if isinstance(db, sqlite3.Connection):
            self.conn = db
            self._db = None
        else:
            self._db = db
            self.conn = db.conn
        self.conn.isolation_level = None  # transactions are explicit: see transaction()
        self.now = now
        self.migrate()

    @property
    def db(self) -> Any:
        """The database as a sqlite_utils `Database` (for introspection and bulk work)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # --- schema ---------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        try:
            version = self.schema_version
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the learner database has schema {version}, newer than this tutor "
                    f"understands ({SCHEMA_VERSION}); upgrade tutor"
                )
            for number in range(version, SCHEMA_VERSION):
                with self.transaction():
                    MIGRATIONS[number](self.conn)
                    self.conn.execute(f"PRAGMA user_version = {number + 1}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot use the learner database: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; rolled back on any error."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write the learner database: {exc}") from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError(f"cannot write the learner database: {exc}") from exc

    def _now(self) -> str:
        return now_iso(self.now)

    # --- learners -------------------------------------------------------------------------
    def learners(self) -> list[Learner]:
        rows = self.conn.execute("SELECT id, name, created FROM learners ORDER BY name").fetchall()
        return [Learner(*row) for row in rows]

    def find_learner(self, name: str) -> Learner | None:
        row = self.conn.execute(
            "SELECT id, name, created FROM learners WHERE name = ?", (name,)
        ).fetchone()
        return Learner(*row) if row else None

    def add_learner(self, name: str) -> Learner:
        from tutor.errors import UsageError

        name = name.strip()
        if not name or len(name) > 80 or any(ch in name for ch in "\n\r\t"):
            raise UsageError("a learner name is 1-80 characters on one line")
        if self.find_learner(name):
            raise UsageError(f"a learner named {name!r} already exists")
        with self.transaction() as conn:
            conn.execute("INSERT INTO learners (name, created) VALUES (?, ?)", (name, self._now()))
        learner = self.find_learner(name)
        assert learner is not None
        return learner

    def current_learner_name(self) -> str:
        row = self.conn.execute("SELECT value FROM settings WHERE key = 'learner'").fetchone()
        return str(row[0]) if row and row[0] else DEFAULT_LEARNER

    def use_learner(self, name: str) -> Learner:
        learner = self.learner(name)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES ('learner', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (learner.name,),
            )
        return learner

    def learner(self, name: str | None = None) -> Learner:
        """The named learner, or the current one. The default learner is created on first use;
        any other name must have been added."""
        name = name or self.current_learner_name()
        learner = self.find_learner(name)
        if learner:
            return learner
        if name == DEFAULT_LEARNER:
            return self.add_learner(DEFAULT_LEARNER)
        known = ", ".join(learner.name for learner in self.learners()) or "none yet"
        raise UnknownLearnerError(
            f"no learner named {name!r} (learners: {known}); add one with `tutor learner add {name}`"
        )

    # --- goals ----------------------------------------------------------------------------
    def goals(self, learner: Learner) -> list[str]:
        rows = self.conn.execute(
            "SELECT topic_id FROM goals WHERE learner_id = ? ORDER BY created, rowid", (learner.id,)
        ).fetchall()
        return [r[0] for r in rows]

    def add_goals(self, learner: Learner, topic_ids: list[str]) -> list[str]:
        """Add goals; returns those that were new."""
        added = []
        with self.transaction() as conn:
            for topic_id in topic_ids:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO goals (learner_id, topic_id, created) VALUES (?, ?, ?)",
                    (learner.id, topic_id, self._now()),
                )
                if cur.rowcount:
                    added.append(topic_id)
        return added

    def remove_goals(self, learner: Learner, topic_ids: list[str] | None = None) -> int:
        """Remove the given goals, or all of them when `topic_ids` is None."""
        with self.transaction() as conn:
            if topic_ids is None:
                return conn.execute("DELETE FROM goals WHERE learner_id = ?", (learner.id,)).rowcount
            return sum(
                conn.execute(
                    "DELETE FROM goals WHERE learner_id = ? AND topic_id = ?", (learner.id, t)
                ).rowcount
                for t in topic_ids
            )

    # --- knowledge claims -----------------------------------------------------------------
    def claims(self, learner: Learner) -> dict[str, bool]:
        """topic id -> True ("I know this") or False ("I do not know this")."""
        rows = self.conn.execute(
            "SELECT topic_id, known FROM claims WHERE learner_id = ? ORDER BY topic_id",
            (learner.id,),
        ).fetchall()
        return {r[0]: bool(r[1]) for r in rows}

    def set_claims(self, learner: Learner, topic_ids: list[str], known: bool) -> None:
        with self.transaction() as conn:
            for topic_id in topic_ids:
                conn.execute(
                    "INSERT INTO claims (learner_id, topic_id, known, created) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(learner_id, topic_id) DO UPDATE SET known = excluded.known, "
                    "created = excluded.created",
                    (learner.id, topic_id, int(known), self._now()),
                )

    def clear_claims(self, learner: Learner, topic_ids: list[str]) -> int:
        with self.transaction() as conn:
            return sum(
                conn.execute(
                    "DELETE FROM claims WHERE learner_id = ? AND topic_id = ?", (learner.id, t)
                ).rowcount
                for t in topic_ids
            )

    # --- attempts -------------------------------------------------------------------------
    def record_attempt(
        self,
        learner: Learner,
        topic_id: str,
        question_id: str,
        *,
        answer: str,
        correct: bool,
        params: dict[str, int] | None = None,
        hint_used: bool = False,
        seconds: float | None = None,
        mode: str = "study",
        session_id: int | None = None,
        skipped: bool = False,
    ) -> int:
        """Save one answer, in its own transaction (a crash loses at most the next one)."""
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO attempts (learner_id, topic_id, question_id, params, answer, correct, "
                "hint_used, seconds, mode, created, session_id, skipped) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    learner.id, topic_id, question_id, json.dumps(params or {}, sort_keys=True),
                    answer, int(correct), int(hint_used), seconds, mode, self._now(), session_id,
                    int(skipped),
                ),  # fmt: skip
            )
            if session_id is not None:
                conn.execute(
                    "UPDATE sessions SET asked = asked + 1, correct = correct + ? WHERE id = ?",
                    (int(correct), session_id),
                )
            return int(cur.lastrowid or 0)

    def all_attempts(self, learner: Learner) -> dict[str, list[dict[str, Any]]]:
        """Every attempt of a learner, by topic, oldest first."""
        out: dict[str, list[dict[str, Any]]] = {}
        for row in self.attempts(learner):
            out.setdefault(row["topic_id"], []).append(row)
        return out

    # --- sessions -------------------------------------------------------------------------
    def start_session(self, learner: Learner, topic_id: str, mode: str = "study",
                      seed: int | None = None) -> int:  # fmt: skip
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO sessions (learner_id, topic_id, mode, seed, started) "
                "VALUES (?, ?, ?, ?, ?)",
                (learner.id, topic_id, mode, seed, self._now()),
            )
            return int(cur.lastrowid or 0)

    def end_session(self, session_id: int, *, passed: bool | None, mastery: float) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE sessions SET ended = ?, passed = ?, mastery = ? WHERE id = ?",
                (self._now(), None if passed is None else int(passed), mastery, session_id),
            )

    def sessions(self, learner: Learner, topic_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM sessions WHERE learner_id = ?"
        args: list[Any] = [learner.id]
        if topic_id is not None:
            sql += " AND topic_id = ?"
            args.append(topic_id)
        cur = self.conn.execute(sql + " ORDER BY started, id", args)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def attempts(self, learner: Learner, topic_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM attempts WHERE learner_id = ?"
        args: list[Any] = [learner.id]
        if topic_id is not None:
            sql += " AND topic_id = ?"
            args.append(topic_id)
        sql += " ORDER BY created, id"
        cur = self.conn.execute(sql, args)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
