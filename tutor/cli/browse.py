"""Browsing the curriculum: `tutor topics`, `tutor show`."""

from __future__ import annotations

from typing import Annotated

import typer

from tutor.cli.state import JsonOpt, emit_json, get_state, out, wants_json
from tutor.errors import UsageError


def register(app: typer.Typer) -> None:
    app.command("topics")(topics)
    app.command("show")(show)


def topics(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help="Words to search titles and tags for.")] = None,
    level: Annotated[str | None, typer.Option("--level", help="Only topics of this level.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only topics with this tag.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 50,
    json_output: JsonOpt = False,
) -> None:
    """List topics, or search them (fuzzy) by title and tags."""
    from tutor.matching import search_topics

    curriculum = get_state(ctx).curriculum
    if level and level not in curriculum.info.levels:
        raise UsageError(f"unknown level {level!r}; levels: {', '.join(curriculum.info.levels)}")
    if query:
        ids = [tid for tid, _ in search_topics(curriculum, query, limit=max(limit * 4, 100))]
    else:
        ids = [curriculum.topics[i].id for i in curriculum.topo]
    wanted_tags = {t.casefold() for t in tag or []}
    rows = []
    for tid in ids:
        t = curriculum.topic(tid)
        if level and t.level != level:
            continue
        if wanted_tags and not wanted_tags <= {x.casefold() for x in t.tags}:
            continue
        rows.append(t)
    total = len(rows)
    rows = rows[:limit]
    if wants_json(ctx, json_output):
        emit_json({
            "query": query, "count": total,
            "items": [{"id": t.id, "title": t.title, "level": t.level, "tags": list(t.tags),
                       "depth": curriculum.depth_of(t.id), "minutes": t.minutes} for t in rows],
        })  # fmt: skip
        return
    if not rows:
        out("No topics match.")
        return
    width = max(len(t.id) for t in rows)
    for t in rows:
        out(f"{t.id:<{width}}  {t.title}  [{t.level}, depth {curriculum.depth_of(t.id)}]")
    if total > len(rows):
        out(f"... and {total - len(rows)} more (use --limit)")


def show(
    ctx: typer.Context,
    topic: Annotated[str, typer.Argument(help="Topic id or title (fuzzy).")],
    fmt: Annotated[str, typer.Option("--format", help="text or md.")] = "text",
    json_output: JsonOpt = False,
) -> None:
    """Show a topic's page: level, depth, unlocks, explainer, prerequisite chain and more."""
    from tutor.contexts import topic_json, topic_page
    from tutor.matching import resolve_topic
    from tutor.render import render

    curriculum = get_state(ctx).curriculum
    page = topic_page(curriculum, resolve_topic(curriculum, topic))
    if wants_json(ctx, json_output):
        emit_json(topic_json(page))
        return
    if fmt not in ("text", "md"):
        raise UsageError(f"--format must be text or md, not {fmt!r}")
    typer.echo(render(f"topic.{'txt' if fmt == 'text' else 'md'}.j2", page), nl=False)
