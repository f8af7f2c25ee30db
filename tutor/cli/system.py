"""`tutor where`: where state, cache and curriculum live."""

from __future__ import annotations

import typer

from tutor.cli.state import JsonOpt, emit_json, get_state, out, wants_json


def register(app: typer.Typer) -> None:
    app.command("where")(where)


def where(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """Print where tutor keeps progress, its cache, template overrides and the curriculum."""
    from tutor.paths import (
        bundled_asset,
        cache_dir,
        database_path,
        state_root,
        templates_override_dir,
    )

    state = get_state(ctx)
    paths = {
        "home": str(state_root()),
        "database": str(database_path()),
        "cache": str(cache_dir()),
        "templates": str(templates_override_dir()),
        "curriculum": str(state.curriculum_path or bundled_asset("curriculum")),
    }
    if wants_json(ctx, json_output):
        emit_json(paths)
        return
    width = max(len(k) for k in paths)
    for key, value in paths.items():
        out(f"{key:<{width}}  {value}")
