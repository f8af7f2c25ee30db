"""Several learners in one place: `tutor learner add|list|use`."""

from __future__ import annotations

from typing import Annotated

import typer

from tutor.cli.state import JsonOpt, emit_json, get_state, note, out, wants_json

app = typer.Typer(help="Add, list and switch learners.", no_args_is_help=True)

NameArg = Annotated[str, typer.Argument(help="The learner's name.")]


@app.command("add")
def add(ctx: typer.Context, name: NameArg, json_output: JsonOpt = False) -> None:
    """Add a learner."""
    learner = get_state(ctx).store.add_learner(name)
    if wants_json(ctx, json_output):
        emit_json({"learner": {"name": learner.name, "created": learner.created}})
        return
    out(f"Added learner {learner.name}.")
    note(f"Switch to them with: tutor learner use {learner.name!r}")


@app.command("list")
def list_(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """List learners; the current one is marked with *."""
    store = get_state(ctx).store
    store.learner()  # the default learner exists from first use
    current = get_state(ctx).learner_name or store.current_learner_name()
    learners = store.learners()
    if wants_json(ctx, json_output):
        emit_json({"current": current,
                   "learners": [{"name": x.name, "created": x.created} for x in learners]})  # fmt: skip
        return
    for x in learners:
        out(f"{'*' if x.name == current else ' '} {x.name}")


@app.command("use")
def use(ctx: typer.Context, name: NameArg, json_output: JsonOpt = False) -> None:
    """Make a learner the current one."""
    learner = get_state(ctx).store.use_learner(name)
    if wants_json(ctx, json_output):
        emit_json({"current": learner.name})
        return
    out(f"Now acting as {learner.name}.")
