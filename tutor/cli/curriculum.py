"""Working with curricula: `tutor curriculum validate`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tutor.cli.state import JsonOpt, emit_json, get_state, note, out, wants_json
from tutor.errors import EXIT_CURRICULUM

app = typer.Typer(help="Check and inspect curricula.", no_args_is_help=True)


@app.command("validate")
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(help="Curriculum folder (default: --curriculum, or the bundled one)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    json_output: JsonOpt = False,
) -> None:
    """Check a curriculum: every problem with its file and field. Exit 0 when clean, 4 when not."""
    from tutor.loader import read_curriculum
    from tutor.paths import bundled_asset

    root = path or get_state(ctx).curriculum_path or bundled_asset("curriculum")
    curriculum, problems = read_curriculum(root)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    failed = bool(errors) or (strict and bool(warnings))
    if wants_json(ctx, json_output):
        emit_json({
            "path": str(root), "ok": not failed, "topic_count": len(curriculum) if curriculum else None,
            "edge_count": curriculum.edge_count if curriculum else None,
            "errors": len(errors), "warnings": len(warnings),
            "problems": [p.as_dict() for p in problems],
        })  # fmt: skip
    else:
        for p in problems:
            out(f"{p.severity}: {p}")
        if curriculum is not None:
            summary = f"{len(curriculum)} topics, {curriculum.edge_count} prerequisite links"
        else:
            summary = "not usable"
        note(f"{root}: {summary}; {len(errors)} error(s), {len(warnings)} warning(s).")
    if failed:
        raise typer.Exit(EXIT_CURRICULUM)
