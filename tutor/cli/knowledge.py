"""What a learner says: `tutor know`, `tutor unknow`, `tutor goal`."""

from __future__ import annotations

from typing import Annotated

import typer

from tutor.cli.state import JsonOpt, emit_json, get_state, note, out, wants_json

TopicsArg = Annotated[list[str], typer.Argument(help="Topic ids or titles (fuzzy).")]


def register(app: typer.Typer) -> None:
    app.command("know")(know)
    app.command("unknow")(unknow)
    app.command("goal")(goal)


def know(ctx: typer.Context, topics: TopicsArg, json_output: JsonOpt = False) -> None:
    """Say you know these topics (and so everything they build on)."""
    _claim(ctx, topics, True, json_output)


def unknow(ctx: typer.Context, topics: TopicsArg, json_output: JsonOpt = False) -> None:
    """Say you do not know these topics (even if a topic you know builds on them)."""
    _claim(ctx, topics, False, json_output)


def _claim(ctx: typer.Context, topics: list[str], known: bool, json_output: bool) -> None:
    from tutor.matching import resolve_topics
    from tutor.planner import known_topics

    state = get_state(ctx)
    curriculum = state.curriculum
    ids = resolve_topics(curriculum, topics)
    learner = state.learner()
    state.store.set_claims(learner, ids, known)
    now_known = known_topics(curriculum, state.store.claims(learner))
    if wants_json(ctx, json_output):
        emit_json({"learner": learner.name, "topics": ids, "known": known,
                   "known_count": len(now_known)})  # fmt: skip
        return
    verb = "know" if known else "do not know"
    for tid in ids:
        out(f"Noted: {learner.name} {verb} {curriculum.title_of(tid)}.")
    note(f"{len(now_known)} of {len(curriculum)} topics now count as known.")


def goal(
    ctx: typer.Context,
    topics: Annotated[list[str] | None, typer.Argument(help="Topic ids or titles (fuzzy).")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove goals (all, or the named ones).")] = False,
    json_output: JsonOpt = False,
) -> None:
    """Set topics as goals (no topics: list the goals)."""
    from tutor.matching import resolve_topics

    state = get_state(ctx)
    store, learner = state.store, state.learner()
    if clear:
        if topics:
            store.remove_goals(learner, resolve_topics(state.curriculum, topics))
        else:
            store.remove_goals(learner)
    elif topics:
        store.add_goals(learner, resolve_topics(state.curriculum, topics))
    goals = store.goals(learner)
    curriculum = state.curriculum
    if wants_json(ctx, json_output):
        emit_json({"learner": learner.name,
                   "goals": [{"id": g, "title": curriculum.title_of(g)}
                             for g in goals if g in curriculum]})  # fmt: skip
        return
    if not goals:
        out(f"{learner.name} has no goals.")
        note('Set one with: tutor goal "Representation Learning"')
        return
    out(f"Goals of {learner.name}:")
    for g in goals:
        title = curriculum.title_of(g) if g in curriculum else "(not in this curriculum)"
        out(f"  - {title} ({g})")
    if topics and not clear:
        note("See the plan with: tutor plan")
