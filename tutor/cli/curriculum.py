"""Working with curricula: `tutor curriculum validate`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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


def _curriculum_at(ctx: typer.Context, path: Path | None) -> Any:
    from tutor.loader import load_curriculum
    from tutor.paths import cache_dir

    if path is None:
        return get_state(ctx).curriculum
    return load_curriculum(path, cache_dir())


PathArg = Annotated[
    Path | None,
    typer.Argument(help="Curriculum folder (default: --curriculum, or the bundled one)."),
]


@app.command("import")
def import_(
    ctx: typer.Context,
    sources: Annotated[list[Path], typer.Argument(help="Source file(s); for edges: topics CSV, then edges CSV.")],
    fmt: Annotated[str, typer.Option("--from", help="edges, learning-graph or metacademy.")] = "edges",
    out_dir: Annotated[Path, typer.Option("--out", help="New curriculum folder to write.")] = Path("imported-curriculum"),
    name: Annotated[str | None, typer.Option("--name", help="Curriculum name.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Every problem is fatal.")] = False,
    break_cycles: Annotated[bool, typer.Option("--break-cycles", help="Remove one edge per cycle instead of failing.")] = False,
    minutes: Annotated[int, typer.Option("--default-minutes", min=1, help="Study time for topics that have none.")] = 30,
    force: Annotated[bool, typer.Option("--force", help="Write into a non-empty folder.")] = False,
    json_output: JsonOpt = False,
) -> None:
    """Import a prerequisite graph into a new curriculum folder, with a report of every problem
    and what was done about it (IMPORT-REPORT.md in the folder). Exit 4 on a fatal problem."""
    from tutor.importers import ImportOptions, read_source, repair, write_curriculum

    raw = read_source(fmt, sources)
    topics, report = repair(raw, ImportOptions(strict=strict, break_cycles=break_cycles,
                                               default_minutes=minutes))  # fmt: skip
    if not report.fatal:
        write_curriculum(topics, out_dir, name=name or sources[0].stem.split(".")[0],
                         source=raw.source, force=force)  # fmt: skip
        (out_dir / "IMPORT-REPORT.md").write_text(report.markdown(), encoding="utf-8")
    if wants_json(ctx, json_output):
        emit_json({"out": str(out_dir), "written": not report.fatal, **report.as_dict()})
    else:
        out(report.markdown() if report.fatal else
            f"Imported {report.topics_written} topics and {report.edges_written} prerequisite "
            f"links into {out_dir} ({report.problem_count} problem(s) repaired; see "
            f"{out_dir / 'IMPORT-REPORT.md'}).")  # fmt: skip
    if report.fatal:
        note("Error: " + "; ".join(report.fatal))
        raise typer.Exit(EXIT_CURRICULUM)
    note(f"Plan on it with: tutor --curriculum {out_dir} plan --goal TOPIC")


@app.command("export")
def export(
    ctx: typer.Context,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for topics.csv and edges.csv.")],
    path: PathArg = None,
) -> None:
    """Export the graph as an edge list (topics.csv + edges.csv), with the ids of the source."""
    from tutor.importers import export_edges

    topics_csv, edges_csv = export_edges(_curriculum_at(ctx, path), out_dir)
    out(f"Wrote {topics_csv} and {edges_csv}")


@app.command("lint")
def lint(
    ctx: typer.Context,
    path: PathArg = None,
    json_output: JsonOpt = False,
) -> None:
    """Findings worth a look: near-duplicate titles, redundant prerequisites, bottlenecks,
    isolated topics, prerequisites at a higher level than their dependent."""
    from tutor.analysis import lint as run_lint

    curriculum = _curriculum_at(ctx, path)
    report = run_lint(curriculum)
    if wants_json(ctx, json_output):
        emit_json(report.as_dict())
        return
    title = {t.id: t.title for t in curriculum.topics}
    sections = [
        ("Near-duplicate titles", [f"{title[a]!r} / {title[b]!r} ({s:.0f})" for a, b, s in report.near_duplicates]),
        ("Prerequisites implied by a longer path", [f"{p} -> {t} (already through {v})" for p, t, v in report.redundant_edges]),
        ("Prerequisites at a higher level than their dependent", [f"{p} ({pl}) -> {t} ({tl})" for p, pl, t, tl in report.level_inversions]),
        ("Isolated topics (no prerequisites, no dependents)", report.isolated),
        ("Bottlenecks (most topics depend on them)", [f"{t}: {n} topics depend on it" for t, n in report.bottlenecks]),
    ]  # fmt: skip
    for heading, items in sections:
        out(f"{heading}: {len(items)}")
        for item in items[:50]:
            out(f"  {item}")
        if len(items) > 50:
            out(f"  ... and {len(items) - 50} more (--json lists all)")
    if report.look_alikes:
        out(f"({report.look_alikes} look-alike title pairs that differ by a number or an antonym are not listed.)")


@app.command("stats")
def stats(
    ctx: typer.Context,
    path: PathArg = None,
    json_output: JsonOpt = False,
) -> None:
    """Counts, depth distribution, the deepest and widest topics."""
    from tutor.analysis import stats as run_stats

    data = run_stats(_curriculum_at(ctx, path))
    if wants_json(ctx, json_output):
        emit_json(data)
        return
    out(f"{data['name']}: {data['topics']} topics, {data['edges']} prerequisite links, "
        f"{data['components']} component(s), {data['roots']} roots, {data['leaves']} leaves")
    out(f"Content: {data['with_content']} topics with content, {data['questions']} questions "
        f"({data['templated_questions']} templated) {data['questions_by_kind']}")
    out(f"Levels: {data['levels']}")
    out(f"Max depth: {data['max_depth']}; topics per depth: {data['depth_distribution']}")
    out("Deepest: " + "; ".join(f"{d['title']} ({d['depth']})" for d in data["deepest"]))
    out("Widest: " + "; ".join(f"{d['title']} ({d['dependents']} dependents)" for d in data["widest"]))


@app.command("graph")
def graph(
    ctx: typer.Context,
    goal: Annotated[str | None, typer.Option("--goal", "-g", help="Only this topic and its ancestors.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="dot or mermaid.")] = "dot",
    path: PathArg = None,
) -> None:
    """Print the graph (or a goal's ancestor subgraph) for Graphviz or Mermaid."""
    from tutor.analysis import to_dot, to_mermaid
    from tutor.errors import UsageError
    from tutor.matching import resolve_topic

    if fmt not in ("dot", "mermaid"):
        raise UsageError(f"--format must be dot or mermaid, not {fmt!r}")
    curriculum = _curriculum_at(ctx, path)
    goal_id = resolve_topic(curriculum, goal) if goal else None
    typer.echo((to_dot if fmt == "dot" else to_mermaid)(curriculum, goal_id), nl=False)
