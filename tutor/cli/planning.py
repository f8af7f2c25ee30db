"""Where a learner stands and what to do: `tutor plan`, `tutor next`, `tutor status`, and the
overview that `tutor` alone prints."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

import typer

from tutor.cli.state import JsonOpt, emit_json, get_state, note, out, wants_json
from tutor.errors import StateError, UsageError

PLAN_FORMATS = ("text", "md", "json", "csv")


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
    app.command("next")(next_)
    app.command("status")(status)


def _view(ctx: typer.Context, goal_queries: list[str] | None = None) -> tuple[Any, Any]:
    from tutor.matching import resolve_topics
    from tutor.progress import learner_view

    state = get_state(ctx)
    curriculum = state.curriculum
    goals = resolve_topics(curriculum, goal_queries) if goal_queries else None
    view = learner_view(curriculum, state.store, state.learner(), goals)
    for g in view.stale_goals:
        note(f"Note: goal {g!r} is not in this curriculum; ignored.")
    return curriculum, view


def plan(
    ctx: typer.Context,
    goal: Annotated[
        list[str] | None,
        typer.Option("--goal", "-g", help="Plan for this topic instead of the saved goals (repeatable)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md, json or csv.")] = "text",
    json_output: JsonOpt = False,
) -> None:
    """The ordered study plan to your goals: what you do not know yet, prerequisites first."""
    from tutor.progress import plan_json, plan_page
    from tutor.render import render

    if fmt not in PLAN_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(PLAN_FORMATS)}, not {fmt!r}")
    curriculum, view = _view(ctx, goal)
    if not view.goals:
        raise StateError(
            "no goal set; set one with `tutor goal TOPIC` or pass --goal TOPIC",
        )
    if wants_json(ctx, json_output) or fmt == "json":
        emit_json({"learner": view.learner.name, **plan_json(view)})
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["order", "stage", "id", "title", "minutes", "level"])
        for n, item in enumerate(view.plan.items, 1):
            writer.writerow([n, item.stage, item.id, item.title, item.minutes, item.level])
        typer.echo(buf.getvalue(), nl=False)
    else:
        page = plan_page(curriculum, view)
        typer.echo(render(f"plan.{'txt' if fmt == 'text' else 'md'}.j2", page), nl=False)


def next_(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to show.")] = 5,
    json_output: JsonOpt = False,
) -> None:
    """What to study next: topics you can start now on the way to your goals, with reasons."""
    from tutor.progress import next_items

    curriculum, view = _view(ctx)
    if not view.goals:
        raise StateError("no goal set; set one with `tutor goal TOPIC`")
    items = next_items(curriculum, view, limit)
    if wants_json(ctx, json_output):
        emit_json({"learner": view.learner.name, "goals": view.goals,
                   "items": [i.as_dict() for i in items]})  # fmt: skip
        return
    if not items:
        out("Nothing left: you know every goal and what it builds on.")
        return
    for n, item in enumerate(items, 1):
        state = view.topic_state(item.id)
        m = view.evidence.mastery.get(item.id)
        shown = f"; {state} {m.p:.0%}" if m else ""
        out(f"{n}. {item.title} ({item.id}), {item.minutes} min{shown}")
        out(f"   {item.reason}")
    note(f"Start with: tutor study {items[0].id}")


def status(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """Your goals, what counts as known, and how much of the plan is left."""
    data = _status_data(ctx)
    if wants_json(ctx, json_output):
        emit_json(data)
        return
    out(f"Learner: {data['learner']}   Curriculum: {data['curriculum']} ({data['topic_count']} topics)")
    out(f"Known: {data['known_count']} topics ({data['claimed_count']} claimed directly)")
    if not data["goals"]:
        out("Goals: none")
        return
    for g in data["goals"]:
        out(f"Goal: {g['title']}: {g['known']} of {g['needed']} topics known, "
            f"{g['remaining']} to go")  # fmt: skip
    out(f"Plan: {data['plan']['topics']} topics, about {data['plan']['time']}")
    if data["studied"]:
        out("Studied:")
        for t in data["studied"]:
            out(f"  {t['title']}: {t['state']} ({t['mastery']:.0%} from {t['answers']} answers)")


def _status_data(ctx: typer.Context) -> dict[str, Any]:
    from tutor.render import format_minutes

    curriculum, view = _view(ctx)
    goals = []
    index = curriculum.index
    for g in view.goals:
        closure = curriculum.ancestor_indices([index[g]]) | {index[g]}
        ids = curriculum.id_list
        known = sum(1 for i in closure if ids[i] in view.known)
        goals.append({"id": g, "title": curriculum.title_of(g), "needed": len(closure),
                      "known": known, "remaining": len(closure) - known})  # fmt: skip
    studied = [
        {**m.as_dict(), "title": curriculum.title_of(t)}
        for t, m in sorted(view.evidence.mastery.items(), key=lambda kv: kv[1].last_seen or "")
        if t in curriculum
    ]
    return {
        "learner": view.learner.name,
        "curriculum": curriculum.info.name,
        "studied": studied,
        "topic_count": len(curriculum),
        "known_count": len(view.known),
        "claimed_count": sum(1 for v in view.claims.values() if v),
        "goals": goals,
        "plan": {"topics": len(view.plan.items), "minutes": view.plan.total_minutes,
                 "time": format_minutes(view.plan.total_minutes)},  # fmt: skip
    }


def overview(ctx: typer.Context) -> None:
    """Where the learner stands and the one next command to run."""
    from tutor.progress import next_items

    state = get_state(ctx)
    curriculum, view = _view(ctx)
    if state.json:
        data = _status_data(ctx)
        items = next_items(curriculum, view, 1) if view.goals else []
        data["next"] = items[0].as_dict() if items else None
        emit_json(data)
        return
    out(f"tutor: {curriculum.info.name}, {len(curriculum)} topics. Learner: {view.learner.name}.")
    if not view.goals:
        out(f"You know {len(view.known)} topics and have no goal yet.")
        out("")
        out("Next: pick a goal, for example")
        out('  tutor goal "Representation Learning"')
        note('(Browse with `tutor topics`; say what you already know with `tutor know TOPIC`.)')
        return
    titles = ", ".join(curriculum.title_of(g) for g in view.goals)
    plan_ = view.plan
    if not plan_.items:
        out(f"Goal: {titles}. You know everything it needs. Set a new goal with `tutor goal TOPIC`.")
        return
    from tutor.render import format_minutes

    out(f"Goal: {titles}. {len(plan_.items)} topics to go, about {format_minutes(plan_.total_minutes)}.")
    first = next_items(curriculum, view, 1)[0]
    out("")
    out(f"Next: {first.title} ({first.reason})")
    out(f"  tutor study {first.id}")
