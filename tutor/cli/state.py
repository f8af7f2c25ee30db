"""Shared CLI plumbing: options declared once, the per-invocation state, output helpers."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from tutor.errors import UsageError

JSON_SCHEMA_VERSION = 1

JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (with a schema_version).")
]
LearnerOpt = Annotated[
    str | None,
    typer.Option("--learner", "-l", envvar="TUTOR_LEARNER", help="Act as this learner.",
                 show_envvar=True),
]  # fmt: skip
CurriculumOpt = Annotated[
    Path | None,
    typer.Option("--curriculum", "-c", envvar="TUTOR_CURRICULUM", show_envvar=True,
                 help="Curriculum folder to use instead of the bundled one."),
]  # fmt: skip
NowOpt = Annotated[
    str | None,
    typer.Option("--now", envvar="TUTOR_NOW", show_envvar=True,
                 help="Pretend the time is this ISO date/time (for reproducible runs)."),
]  # fmt: skip


@dataclass
class AppState:
    learner_name: str | None = None
    curriculum_path: Path | None = None
    json: bool = False
    now: datetime | None = None
    _curriculum: Any = field(default=None, repr=False)
    _store: Any = field(default=None, repr=False)

    # --- the layers, opened on first use ----------------------------------------------------
    @property
    def curriculum(self) -> Any:
        if self._curriculum is None:
            from tutor.loader import load_curriculum
            from tutor.paths import bundled_asset, cache_dir

            root = self.curriculum_path or bundled_asset("curriculum")
            self._curriculum = load_curriculum(root, cache_dir())
        return self._curriculum

    @property
    def store(self) -> Any:
        if self._store is None:
            from tutor.paths import database_path, ensure_writable_root
            from tutor.store import LearnerStore, open_database

            root = ensure_writable_root()
            self._store = LearnerStore(open_database(database_path(root)), now=self.now)
        return self._store

    def learner(self) -> Any:
        return self.store.learner(self.learner_name)

    def close(self) -> None:
        if self._store is not None:
            self._store.conn.close()
            self._store = None


def get_state(ctx: typer.Context) -> AppState:
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState()
    return root.obj


def parse_now(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--now/TUTOR_NOW: {text!r} is not an ISO date or date-time") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def wants_json(ctx: typer.Context, flag: bool) -> bool:
    return flag or get_state(ctx).json


# --- output ---------------------------------------------------------------------------------------
def emit_json(data: dict[str, Any]) -> None:
    doc = {"schema_version": JSON_SCHEMA_VERSION, **data}
    typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))


def out(text: str = "") -> None:
    typer.echo(text)


def note(text: str) -> None:
    """Chatter for a person: stderr, so stdout stays the result."""
    typer.echo(text, err=True)


def is_interactive() -> bool:
    """Prompt only a person at a terminal."""
    return sys.stdin.isatty()
