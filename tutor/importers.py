"""Importing prerequisite graphs from other tools into a tutor curriculum folder.

Real graphs are messy. Reading is separate from repairing: a reader turns a source into a
`RawGraph` exactly as found; `repair` applies the options and records every problem and what was
done about it in an `ImportReport`; `write_curriculum` writes the folder. By default problems
that have one obvious repair are repaired and reported (dangling edges dropped, self-loops and
repeated edges removed, the first of repeated ids kept, empty titles replaced by the id, clashing
titles given their id), and cycles are fatal; `strict` makes every problem fatal and
`break_cycles` removes one edge per cycle (each named in the report).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tutor.cycles import find_cycles
from tutor.errors import CurriculumError, UsageError
from tutor.model import Curriculum, CurriculumInfo, Topic, fold_title

FORMATS = ("edges", "learning-graph", "metacademy")
IMPORTED_LEVEL = "imported"


@dataclass
class RawTopic:
    id: str
    title: str
    minutes: int | None = None
    summary: str = ""


@dataclass
class RawGraph:
    topics: list[RawTopic]
    edges: list[tuple[str, str]]  # (prerequisite, topic)
    source: str = ""


@dataclass
class ImportReport:
    source: str = ""
    topics_read: int = 0
    edges_read: int = 0
    topics_written: int = 0
    edges_written: int = 0
    duplicate_ids: list[str] = field(default_factory=list)
    empty_titles: list[str] = field(default_factory=list)
    renamed_titles: list[tuple[str, str]] = field(default_factory=list)  # (id, new title)
    renamed_ids: list[tuple[str, str]] = field(default_factory=list)  # (source id, slug)
    dangling_edges: list[tuple[str, str]] = field(default_factory=list)
    self_loops: list[str] = field(default_factory=list)
    duplicate_edges: list[tuple[str, str]] = field(default_factory=list)
    cycles: list[str] = field(default_factory=list)
    removed_edges: list[tuple[str, str]] = field(default_factory=list)  # to break cycles
    assumed_minutes: int = 0
    fatal: list[str] = field(default_factory=list)

    @property
    def problem_count(self) -> int:
        return (len(self.duplicate_ids) + len(self.empty_titles) + len(self.renamed_titles)
                + len(self.dangling_edges) + len(self.self_loops) + len(self.duplicate_edges)
                + len(self.cycles))  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["problem_count"] = self.problem_count
        return data

    def markdown(self) -> str:
        lines = [f"# Import report: {self.source}", "",
                 f"- topics read: {self.topics_read}, written: {self.topics_written}",
                 f"- prerequisite edges read: {self.edges_read}, written: {self.edges_written}",
                 f"- topics without a study time, given the default: {self.assumed_minutes}",
                 "- topics have no explainer or questions yet: `tutor study` says so", ""]  # fmt: skip
        sections = [
            ("Fatal problems (nothing was written)", self.fatal, str),
            ("Repeated ids: the first was kept, later ones dropped", self.duplicate_ids, str),
            ("Empty titles: the id is used as the title", self.empty_titles, str),
            ("Titles used by more than one topic: the id was added", self.renamed_titles,
             lambda r: f"{r[0]}: {r[1]}"),
            ("Ids changed into lowercase slugs (the source id is kept as source_id)",
             self.renamed_ids, lambda r: f"{r[0]} -> {r[1]}"),
            ("Edges naming a topic that does not exist: dropped", self.dangling_edges,
             lambda e: f"{e[0] or '(empty)'} -> {e[1] or '(empty)'}"),
            ("Self-loops: removed", self.self_loops, str),
            ("Repeated edges: kept once", self.duplicate_edges, lambda e: f"{e[0]} -> {e[1]}"),
            ("Cycles (prerequisite order)", self.cycles, str),
            ("Edges removed to break cycles", self.removed_edges, lambda e: f"{e[0]} -> {e[1]}"),
        ]  # fmt: skip
        for heading, items, fmt in sections:
            if items:
                lines += [f"## {heading} ({len(items)})", ""]
                lines += [f"- {fmt(item)}" for item in items]  # type: ignore[operator]
                lines.append("")
        if not self.problem_count and not self.renamed_ids:
            lines.append("No problems found.")
        return "\n".join(lines) + "\n"


# --- readers --------------------------------------------------------------------------------------
def _open_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"{path} is not a UTF-8 CSV file: {exc}") from None


def _need(rows: list[dict[str, str]], path: Path, columns: tuple[str, ...]) -> None:
    have = set(rows[0]) if rows else set()
    missing = [c for c in columns if c not in have]
    if rows and missing:
        raise UsageError(f"{path}: missing column(s) {', '.join(missing)} "
                         f"(found: {', '.join(sorted(have))})")  # fmt: skip


def read_edges(topics_csv: Path, edges_csv: Path) -> RawGraph:
    """A topics CSV (`id,title`, optional `minutes`) and an edges CSV (`prerequisite_id,topic_id`)."""
    topics = _open_csv(topics_csv)
    _need(topics, topics_csv, ("id", "title"))
    edges = _open_csv(edges_csv)
    _need(edges, edges_csv, ("prerequisite_id", "topic_id"))
    return RawGraph(
        topics=[RawTopic(r["id"] or "", r.get("title") or "", _minutes(r.get("minutes")))
                for r in topics],  # fmt: skip
        edges=[(r["prerequisite_id"] or "", r["topic_id"] or "") for r in edges],
        source=f"{topics_csv.name} + {edges_csv.name}",
    )


def read_learning_graph(path: Path) -> RawGraph:
    """A learning-graph CSV: `ConceptID,ConceptLabel,Dependencies` with `|`-separated ids."""
    rows = _open_csv(path)
    _need(rows, path, ("ConceptID", "ConceptLabel", "Dependencies"))
    topics, edges = [], []
    for r in rows:
        cid = (r["ConceptID"] or "").strip()
        topics.append(RawTopic(cid, (r["ConceptLabel"] or "").strip()))
        for dep in (r["Dependencies"] or "").split("|"):
            if dep.strip():
                edges.append((dep.strip(), cid))
    return RawGraph(topics, edges, source=path.name)


def read_metacademy(path: Path) -> RawGraph:
    """Metacademy's Django fixture: `graph.concept` (tag, title, learn_time in hours, summary)
    and `graph.dependency` (source = prerequisite pk, target = dependent pk)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path} is not a JSON file: {exc}") from None
    if not isinstance(data, list):
        raise UsageError(f"{path}: expected a list of fixture objects")
    tag_of: dict[str, str] = {}
    topics, edges = [], []
    for obj in data:
        if isinstance(obj, dict) and obj.get("model") == "graph.concept":
            f = obj.get("fields") or {}
            tag = str(f.get("tag") or obj.get("pk"))
            tag_of[str(obj.get("pk"))] = tag
            hours = f.get("learn_time")
            minutes = round(float(hours) * 60) if isinstance(hours, int | float) and hours > 0 else None
            topics.append(RawTopic(tag, str(f.get("title") or ""), minutes,
                                   str(f.get("summary") or "").strip()))  # fmt: skip
    for obj in data:
        if isinstance(obj, dict) and obj.get("model") == "graph.dependency":
            f = obj.get("fields") or {}
            src, dst = str(f.get("source")), str(f.get("target"))
            edges.append((tag_of.get(src, src), tag_of.get(dst, dst)))
    if not topics:
        raise UsageError(f"{path}: no graph.concept objects (is this Metacademy's graph_data.json?)")
    return RawGraph(topics, edges, source=path.name)


def read_source(fmt: str, sources: list[Path]) -> RawGraph:
    if fmt not in FORMATS:
        raise UsageError(f"--from must be one of {', '.join(FORMATS)}, not {fmt!r}")
    wanted = 2 if fmt == "edges" else 1
    if len(sources) != wanted:
        what = "a topics CSV then an edges CSV" if fmt == "edges" else "one file"
        raise UsageError(f"--from {fmt} takes {what} ({len(sources)} given)")
    for s in sources:
        if not s.is_file():
            raise UsageError(f"no such file: {s}")
    if fmt == "edges":
        return read_edges(sources[0], sources[1])
    if fmt == "learning-graph":
        return read_learning_graph(sources[0])
    return read_metacademy(sources[0])


def _minutes(value: str | None) -> int | None:
    try:
        m = round(float(value)) if value not in (None, "") else None
    except ValueError:
        return None
    return m if m and m > 0 else None


# --- repair ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportOptions:
    strict: bool = False  # every problem is fatal
    break_cycles: bool = False  # remove one edge per cycle instead of failing
    default_minutes: int = 30


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _SLUG.sub("-", text.casefold()).strip("-") or "topic"


def repair(raw: RawGraph, options: ImportOptions = ImportOptions()) -> tuple[list[Topic], ImportReport]:
    report = ImportReport(source=raw.source, topics_read=len(raw.topics), edges_read=len(raw.edges))
    chosen: dict[str, RawTopic] = {}
    for t in raw.topics:
        if t.id in chosen:
            report.duplicate_ids.append(t.id)
        elif not t.id.strip():
            report.dangling_edges.append(("", ""))  # an id-less row cannot be referred to
        else:
            chosen[t.id] = t
    prereqs: dict[str, list[str]] = {tid: [] for tid in chosen}
    seen: set[tuple[str, str]] = set()
    for pre, post in raw.edges:
        if pre not in chosen or post not in chosen:
            report.dangling_edges.append((pre, post))
        elif pre == post:
            report.self_loops.append(pre)
        elif (pre, post) in seen:
            report.duplicate_edges.append((pre, post))
        else:
            seen.add((pre, post))
            prereqs[post].append(pre)
    for cycle in find_cycles(prereqs):
        report.cycles.append(str(cycle))
        if options.break_cycles:
            pre, post = cycle.back_edge
            prereqs[post].remove(pre)
            report.removed_edges.append((pre, post))
    if report.cycles and not options.break_cycles:
        report.fatal.append(f"{len(report.cycles)} cycle(s); pass --break-cycles to remove one "
                            "edge of each, or fix the source")  # fmt: skip
    if options.strict and report.problem_count:
        report.fatal.append(f"{report.problem_count} problem(s) and --strict")

    # ids -> slugs (unique), titles -> unique
    slug_of: dict[str, str] = {}
    used: set[str] = set()
    for tid in sorted(chosen):
        base = slug(tid)
        s, n = base, 2
        while s in used:
            s, n = f"{base}-{n}", n + 1
        used.add(s)
        slug_of[tid] = s
        if s != tid:
            report.renamed_ids.append((tid, s))
    titles: dict[str, list[str]] = {}
    for tid, t in chosen.items():
        title = " ".join(t.title.split())
        if not title:
            report.empty_titles.append(tid)
            title = tid
        titles.setdefault(fold_title(title), []).append(tid)
        t.title = title
    for tids in titles.values():
        if len(tids) > 1:
            for tid in tids:
                chosen[tid].title = f"{chosen[tid].title} ({tid})"
                report.renamed_titles.append((tid, chosen[tid].title))
    topics = []
    for tid, t in chosen.items():
        if t.minutes is None:
            report.assumed_minutes += 1
        topics.append(Topic(
            id=slug_of[tid], title=t.title, level=IMPORTED_LEVEL,
            prerequisites=tuple(slug_of[p] for p in prereqs[tid]),
            minutes=t.minutes or options.default_minutes, core_idea=t.summary,
            source_id=tid,
        ))  # fmt: skip
    report.topics_written = len(topics)
    report.edges_written = sum(len(p) for p in prereqs.values())
    return topics, report


def curriculum_from_graph(raw: RawGraph, options: ImportOptions = ImportOptions(), *,
                          name: str = "imported") -> tuple[Curriculum, ImportReport]:  # fmt: skip
    """A content-free curriculum in memory (no files): for planning on a graph directly."""
    topics, report = repair(raw, options)
    if report.fatal:
        raise CurriculumError(f"cannot import {raw.source}: {'; '.join(report.fatal)}")
    info = CurriculumInfo(name=name, version="", levels=(IMPORTED_LEVEL,), require_content=False)
    return Curriculum.build(info, "", topics), report


# --- writing --------------------------------------------------------------------------------------
def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


_BARE_SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# words YAML 1.1 reads as booleans or null; a slug that starts with a digit may read as a number
# or a date ("2020-01-01"), so those are quoted too
_YAML_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _slug(tid: str) -> str:
    """A topic id as a YAML scalar that reads back as the same string."""
    return tid if _BARE_SLUG.fullmatch(tid) and tid not in _YAML_SPECIAL else _q(tid)


def topic_file_text(topic: Topic) -> str:
    lines = ["---", f"id: {_slug(topic.id)}", f"title: {_q(topic.title)}"]
    if topic.source_id and topic.source_id != topic.id:
        lines.append(f"source_id: {_q(topic.source_id)}")
    prerequisites = ", ".join(map(_slug, topic.prerequisites))
    lines += [f"level: {topic.level}", f"prerequisites: [{prerequisites}]",
              f"minutes: {topic.minutes}", "---", ""]  # fmt: skip
    if topic.core_idea:
        lines += ["## Core idea", topic.core_idea, ""]
    return "\n".join(lines)


def write_curriculum(topics: Iterable[Topic], out: Path, *, name: str, source: str,
                     force: bool = False) -> int:  # fmt: skip
    """Write a curriculum folder; refuses to write into a non-empty folder unless `force`."""
    if out.exists() and any(out.iterdir()) and not force:
        raise UsageError(f"{out} exists and is not empty; choose a new folder or pass --force")
    folder = out / "topics" / "imported"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (out / "curriculum.yaml").write_text(
            f"name: {_q(name)}\nversion: imported\nsource: {_q(source)}\n"
            f"levels: [{IMPORTED_LEVEL}]\nrequire_content: false\n",
            encoding="utf-8",
        )
        n = 0
        for topic in topics:
            (folder / f"{topic.id}.md").write_text(topic_file_text(topic), encoding="utf-8")
            n += 1
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    return n


def export_edges(curriculum: Curriculum, out: Path) -> tuple[Path, Path]:
    """topics.csv (`id,title`) and edges.csv (`prerequisite_id,topic_id`), using the ids the
    topics had in their source when they were imported."""
    out.mkdir(parents=True, exist_ok=True)
    original = {t.id: t.source_id or t.id for t in curriculum.topics}
    topics_csv, edges_csv = out / "topics.csv", out / "edges.csv"
    with topics_csv.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "title"])
        for t in curriculum.topics:
            w.writerow([original[t.id], t.title])
    with edges_csv.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["prerequisite_id", "topic_id"])
        for t in curriculum.topics:
            for p in t.prerequisites:
                w.writerow([original[p], original[t.id]])
    return topics_csv, edges_csv


