"""Reading a curriculum folder: parse, validate, compile, cache.

`read_curriculum(root)` parses every topic file and returns the compiled `Curriculum` (or None)
together with every problem found, each naming its file and field. `load_curriculum(root)` is
what commands use: it returns a valid curriculum from the compiled cache when no file changed
since it was built, and raises `CurriculumInvalid` when there are errors.
"""

from __future__ import annotations

import ast
import gc
import hashlib
import json
import os
import pickle
import re
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR
from typing import Any

from tutor import __version__
from tutor.errors import CurriculumError, CurriculumInvalid
from tutor.model import QUESTION_KINDS, Curriculum, CurriculumInfo, Question, Topic

CACHE_FORMAT = 4  # bump when the pickled Curriculum changes shape
MIN_QUESTIONS = 5
EXPLAINER_WORDS = (150, 500)
TEMPLATE_SEEDS = 100  # how many draws of each templated item `validate` renders
LOAD_SEEDS = 1  # ... and loading for any other command
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOPIC_FIELDS = {"id", "title", "level", "tags", "prerequisites", "minutes", "questions",
                "source_id"}  # fmt: skip
REQUIRED_TOPIC_FIELDS = ("id", "title", "level", "prerequisites", "minutes")
QUESTION_FIELDS = {
    "id", "kind", "prompt", "answer", "choices", "params", "where", "hint", "explanation",
    "tolerance",
}  # fmt: skip
DEFAULT_LEVELS = ("early-elementary", "elementary", "middle-school", "high-school",
                  "undergraduate", "graduate")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a curriculum: where, which field, what."""

    file: str
    field: str
    message: str
    severity: str = "error"  # "error" fails validation; "warning" fails only with --strict

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "field": self.field, "message": self.message,
                "severity": self.severity}  # fmt: skip


# --- reading ------------------------------------------------------------------------------------
def _yaml_load(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


_FAST_LINE = re.compile(r"^([a-z_]+): (.*)$")
_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_INT = re.compile(r"^[1-9][0-9]*$")
_SLUG_LIST = re.compile(r"^\[((?:[a-z0-9][a-z0-9-]*)(?:, [a-z0-9][a-z0-9-]*)*)?\]$")


def fast_front_matter(text: str) -> dict[str, Any] | None:
    """Front matter made only of simple `key: value` lines (as imports write them), parsed
    without YAML: slugs, whole numbers, JSON-quoted strings and flat lists of slugs, where
    YAML would read exactly the same. None when anything else appears (then YAML reads it)."""
    data: dict[str, Any] = {}
    for line in text.splitlines():
        m = _FAST_LINE.match(line)
        if not m or m.group(1) in data:
            return None
        key, value = m.groups()
        if value.startswith('"'):
            try:
                data[key] = json.loads(value)
            except ValueError:
                return None
            if not isinstance(data[key], str):
                return None
        elif _INT.match(value):
            data[key] = int(value)
        elif _PLAIN.match(value) and value not in _YAML_WORDS:
            data[key] = value
        elif _SLUG_LIST.match(value):
            items = value[1:-1].split(", ") if value != "[]" else []
            if any(item.isdigit() or item in _YAML_WORDS for item in items):
                return None
            data[key] = items
        else:
            return None
    return data


_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter, body) of a Markdown file that starts with a `---` block, else None."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return None
    match = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)(.*)\Z", text, re.S)
    if not match:
        return None
    return match.group(1), match.group(2)


def body_sections(body: str) -> dict[str, str]:
    """Level-2 Markdown sections by lower-cased heading."""
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in body.splitlines():
        if line.startswith("## "):
            if current is not None:
                sections[current] = "\n".join(lines).strip()
            current = line[3:].strip().lower()
            lines = []
        elif current is not None:
            lines.append(line)
    if current is not None:
        sections[current] = "\n".join(lines).strip()
    return sections


def read_info(root: Path) -> tuple[CurriculumInfo, list[Problem]]:
    path = root / "curriculum.yaml"
    problems: list[Problem] = []
    if not path.is_file():
        problems.append(Problem("curriculum.yaml", "", "missing (it names the curriculum and its levels)"))
        return CurriculumInfo(name=root.name, version="", levels=DEFAULT_LEVELS), problems
    try:
        data = _yaml_load(path.read_text(encoding="utf-8")) or {}
    except Exception as exc:
        problems.append(Problem("curriculum.yaml", "", f"malformed YAML: {_one_line(exc)}"))
        return CurriculumInfo(name=root.name, version="", levels=DEFAULT_LEVELS), problems
    if not isinstance(data, dict):
        problems.append(Problem("curriculum.yaml", "", "must be a mapping"))
        data = {}
    levels = data.get("levels")
    if not (isinstance(levels, list) and levels and all(isinstance(x, str) for x in levels)):
        problems.append(Problem("curriculum.yaml", "levels", "must be a non-empty list of names"))
        levels = list(DEFAULT_LEVELS)
    return (
        CurriculumInfo(
            name=str(data.get("name") or root.name),
            version=str(data.get("version") or ""),
            levels=tuple(levels),
            license=str(data.get("license") or ""),
            description=str(data.get("description") or "").strip(),
            require_content=bool(data.get("require_content", True)),
        ),
        problems,
    )


def topic_files(root: Path) -> list[Path]:
    topics = root / "topics"
    if not topics.is_dir():
        return []
    return sorted(topics.rglob("*.md"))


def parse_topic_file(
    path: Path, rel: str, info: CurriculumInfo, seeds: int = TEMPLATE_SEEDS
) -> tuple[Topic | None, list[Problem]]:
    """Parse and check one topic file on its own (cross-topic checks come later)."""
    problems: list[Problem] = []

    def err(fld: str, message: str) -> None:
        problems.append(Problem(rel, fld, message))

    def warn(fld: str, message: str) -> None:
        problems.append(Problem(rel, fld, message, "warning"))

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err("", f"cannot read: {_one_line(exc)}")
        return None, problems
    parts = split_front_matter(text)
    if parts is None:
        err("front matter", "missing or unterminated (the file must start with a --- YAML block)")
        return None, problems
    data = fast_front_matter(parts[0])
    if data is None:
        try:
            data = _yaml_load(parts[0])
        except Exception as exc:
            err("front matter", f"malformed YAML: {_one_line(exc)}")
            return None, problems
    if not isinstance(data, dict):
        err("front matter", "must be a YAML mapping")
        return None, problems

    for key in sorted(set(data) - TOPIC_FIELDS, key=str):
        err(str(key), "unknown field")
    for key in REQUIRED_TOPIC_FIELDS:
        if key not in data or data[key] is None:
            if not (key == "prerequisites" and key in data):
                err(key, "missing")
    stem = path.stem
    topic_id = data.get("id")
    if topic_id is not None and not isinstance(topic_id, str):
        err("id", f"YAML reads {topic_id!r} here as a {type(topic_id).__name__}, not an id; "
                  "put the id in quotes")
        topic_id = None
    if topic_id is not None:
        if not ID_PATTERN.match(topic_id):
            err("id", f"{topic_id!r} is not a lowercase slug (a-z, 0-9, hyphens)")
        if topic_id != stem:
            err("id", f"{topic_id!r} does not match the file name {stem!r}")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        err("title",
            f"YAML reads {title!r} here as a {type(title).__name__}; put the title in quotes")
    elif title is not None and not title.strip():
        err("title", "must be non-empty text")
    level = data.get("level")
    if level is not None and level not in info.levels:
        err("level", f"{level!r} is not a level of this curriculum ({', '.join(info.levels)})")
    minutes = data.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0):
        err("minutes", f"must be a positive whole number, not {minutes!r}")
    tags = data.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        err("tags", "must be a list of text tags")
        tags = []
    prereqs = data.get("prerequisites") or []
    if not isinstance(prereqs, list):
        err("prerequisites", "must be a list of topic ids")
        prereqs = []
    elif not all(isinstance(p, str) for p in prereqs):
        odd = ", ".join(repr(p) for p in prereqs if not isinstance(p, str))
        err("prerequisites", f"YAML reads {odd} as something other than an id; put it in quotes")
        prereqs = []
    seen_prereqs: set[str] = set()
    for p in prereqs:
        if p in seen_prereqs:
            err("prerequisites", f"{p!r} is listed twice")
        seen_prereqs.add(p)
        if topic_id is not None and p == topic_id:
            err("prerequisites", "a topic cannot be its own prerequisite")

    sections = body_sections(parts[1])
    core_idea = sections.get("core idea", "")
    explainer = sections.get("explainer", "")
    raw_questions = data.get("questions") or []
    if not isinstance(raw_questions, list):
        err("questions", "must be a list")
        raw_questions = []
    questions: list[Question] = []
    seen_q: set[str] = set()
    for n, raw in enumerate(raw_questions):
        q = _parse_question(raw, f"questions[{n}]", err, warn, seeds)
        if q is None:
            continue
        if q.id in seen_q:
            err(f"questions[{n}].id", f"{q.id!r} is used by another question of this topic")
        seen_q.add(q.id)
        questions.append(q)

    if info.require_content or raw_questions:
        if not core_idea:
            err("## Core idea", "missing section")
        if not explainer:
            err("## Explainer", "missing section")
        else:
            words = len(explainer.split())
            low, high = EXPLAINER_WORDS
            if not low <= words <= high:
                warn("## Explainer", f"{words} words; aim for {low}-{high}")
        if len(raw_questions) < MIN_QUESTIONS:
            err("questions", f"{len(raw_questions)} question(s); every topic needs at least {MIN_QUESTIONS}")

    if any(p.severity == "error" for p in problems) and (topic_id is None or title is None):
        return None, problems
    topic = Topic(
        id=str(topic_id or stem),
        title=str(title or "").strip(),
        level=str(level or ""),
        prerequisites=tuple(prereqs),
        minutes=minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else 0,
        tags=tuple(tags),
        questions=tuple(questions),
        core_idea=core_idea,
        explainer=explainer,
        path=rel,
        area=Path(rel).parent.name if Path(rel).parent.name != "topics" else "",
        source_id=str(data.get("source_id") or ""),
    )
    return topic, problems


def _parse_question(raw: Any, where: str, err: Any, warn: Any, seeds: int) -> Question | None:
    from tutor.questions import TemplateProblem, instantiate

    if not isinstance(raw, dict):
        err(where, "must be a mapping")
        return None
    for key in sorted(set(raw) - QUESTION_FIELDS, key=str):
        err(f"{where}.{key}", "unknown field")
    ok = True
    for key in ("id", "kind", "prompt", "answer"):
        if raw.get(key) in (None, "", []):
            err(f"{where}.{key}", "missing")
            ok = False
    kind = raw.get("kind")
    if kind is not None and kind not in QUESTION_KINDS:
        err(f"{where}.kind", f"{kind!r} is not one of {', '.join(QUESTION_KINDS)}")
        ok = False
    if not raw.get("explanation"):
        warn(f"{where}.explanation", "missing (every question should explain its answer)")
    params_raw = raw.get("params") or {}
    params: list[tuple[str, int, int]] = []
    if not isinstance(params_raw, dict):
        err(f"{where}.params", "must map names to [low, high] ranges")
        ok = False
    else:
        for name, rng in params_raw.items():
            if (
                not isinstance(name, str) or not name.isidentifier()
                or not isinstance(rng, list) or len(rng) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in rng)
                or rng[0] > rng[1]
            ):  # fmt: skip
                err(f"{where}.params.{name}", f"must be an integer range [low, high], not {rng!r}")
                ok = False
            else:
                params.append((name, rng[0], rng[1]))
    if raw.get("where") and not params:
        err(f"{where}.where", "only templated items (with params) can have a condition")
    choices = raw.get("choices") or []
    if kind == "choice":
        if not isinstance(choices, list) or len(choices) < 2:
            err(f"{where}.choices", "a choice question needs at least two choices")
            ok = False
    elif choices:
        err(f"{where}.choices", f"only choice questions have choices (this one is {kind})")
    # YAML 1.1 reads bare yes/no/on/off/true/false (any case) as booleans and ~/null as
    # nothing: an accepted answer "no" would silently become "False"
    misread: list[tuple[str, object]] = [(f, v) for f in ("prompt", "hint", "explanation", "where")
               if isinstance(v := raw.get(f), bool)]  # fmt: skip
    for f in ("answer", "choices"):
        v = raw.get(f)
        items = v if isinstance(v, list) else [v]
        misread += [(f, x) for x in items
                    if isinstance(x, bool) or (x is None and isinstance(v, list))]  # fmt: skip
    for f, v in misread:
        err(f"{where}.{f}", f"YAML reads a bare word here as {v!r}; put it in quotes")
        ok = False
    answer = raw.get("answer")
    if isinstance(answer, list):
        if kind != "text":
            err(f"{where}.answer", "only text questions take a list of accepted answers")
            ok = False
        answer_value: str | tuple[str, ...] = tuple(str(a) for a in answer)
    else:
        answer_value = "" if answer is None else str(answer)
    tolerance = raw.get("tolerance")
    if tolerance is not None and (
        kind != "numeric" or isinstance(tolerance, bool) or not isinstance(tolerance, int | float)
        or tolerance < 0
    ):  # fmt: skip
        err(f"{where}.tolerance", "must be a non-negative number, on numeric questions only")
        tolerance = None
    if not ok:
        return None
    question = Question(
        id=str(raw["id"]),
        kind=str(kind),
        prompt=str(raw["prompt"]),
        answer=answer_value,
        choices=tuple(str(c) for c in choices),
        params=tuple(params),
        where=str(raw["where"]) if raw.get("where") else None,
        hint=str(raw["hint"]) if raw.get("hint") else None,
        explanation=str(raw["explanation"]) if raw.get("explanation") else None,
        tolerance=float(tolerance) if tolerance is not None else None,
    )
    if question.templated:
        texts = [("prompt", question.prompt), ("answer", str(answer)),
                 ("explanation", question.explanation or ""), ("hint", question.hint or ""),
                 *((f"choices[{n}]", c) for n, c in enumerate(question.choices))]
        for name, text in texts:
            if re.search(r"\{\{-\S", text):
                err(f"{where}.{name}", "'{{-' trims whitespace in Jinja, it is not a minus sign; "
                    "write '{{ -x }}'")
                return None
    for seed in range(seeds if question.templated else 1):
        try:
            inst = instantiate(question, seed)
        except TemplateProblem as exc:
            err(where, f"does not render: {exc}")
            return None
        problem = answer_problem(inst.kind, inst.answers, inst.choices)
        if problem:
            suffix = f" (params {inst.params})" if inst.params else ""
            err(f"{where}.answer", problem + suffix)
            return None
    return question


def answer_problem(kind: str, answers: tuple[str, ...], choices: tuple[str, ...]) -> str | None:
    """Why a rendered item's answer is unusable, or None."""
    from tutor.numbers import parse_number

    if not answers or not all(a.strip() for a in answers):
        return "is empty"
    if kind == "numeric" and parse_number(answers[0]) is None:
        return f"{answers[0]!r} is not a number"
    if kind == "choice":
        if len(set(choices)) != len(choices):
            return f"choices repeat: {list(choices)}"
        if answers[0] not in choices:
            return f"{answers[0]!r} is not among the choices"
    if kind == "expression":
        try:
            ast.parse(answers[0].replace("^", "**"), mode="eval")
        except SyntaxError:
            return f"{answers[0]!r} is not a valid expression"
    return None


def cross_check(topics: list[Topic]) -> list[Problem]:
    """Checks across topics: duplicate ids and titles, unknown prerequisites, cycles."""
    problems: list[Problem] = []
    by_id: dict[str, Topic] = {}
    by_title: dict[str, Topic] = {}
    for t in topics:
        if t.id in by_id:
            problems.append(Problem(t.path, "id", f"{t.id!r} is also the id of {by_id[t.id].path}"))
        else:
            by_id[t.id] = t
        key = " ".join(t.title.casefold().split())
        if key and key in by_title:
            other = by_title[key]
            problems.append(Problem(t.path, "title", f"{t.title!r} is also the title of {other.path}"))
        elif key:
            by_title[key] = t
    for t in topics:
        for p in t.prerequisites:
            if p not in by_id and p != t.id:
                problems.append(Problem(t.path, "prerequisites", f"{p!r} names no topic"))
    from tutor.cycles import find_cycles

    for cycle in find_cycles({t.id: t.prerequisites for t in by_id.values()}, limit=1000):
        closing = by_id[cycle.back_edge[1]]
        problems.append(Problem(closing.path, "prerequisites", f"cycle: {cycle}"))
    return problems


def read_curriculum(
    root: Path, *, seeds: int = TEMPLATE_SEEDS
) -> tuple[Curriculum | None, list[Problem]]:
    """Parse and validate a curriculum folder; the curriculum is None when there are errors.

    Every templated item is rendered with `seeds` different seeds (validation uses many;
    loading for a command renders each once, to keep the first run after a change quick)."""
    if not root.is_dir():
        raise CurriculumError(f"curriculum folder not found: {root}")
    info, problems = read_info(root)
    files = topic_files(root)
    if not files:
        problems.append(Problem("topics/", "", "no topic files (expected topics/<area>/<id>.md)"))
    topics: list[Topic] = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        topic, found = parse_topic_file(path, rel, info, seeds)
        problems.extend(found)
        if topic is not None:
            topics.append(topic)
    problems.extend(cross_check(topics))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Curriculum.build(info, str(root), topics), problems


# --- the compiled cache -------------------------------------------------------------------------
def fingerprint(root: Path) -> str:
    """Changes whenever a curriculum file is added, removed or modified (name, size, mtime).

    This stats every file, so it is most of the cost of a cached load on a big curriculum: it
    lists each folder once and stats relative to the folder's descriptor (short look-ups, no
    DirEntry objects), and hashes flat arrays, not strings."""
    parts: list[str] = [f"{CACHE_FORMAT}:{__version__}"]
    stamps = array("q")
    try:
        st = os.stat(root / "curriculum.yaml")
        parts.append("curriculum.yaml")
        stamps.extend((st.st_mtime_ns, st.st_size))
    except FileNotFoundError:
        pass
    relative = os.stat in os.supports_dir_fd
    stack = ["topics"]
    while stack:
        rel_dir = stack.pop()
        folder = os.path.join(root, rel_dir)
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if relative else -1
        except (FileNotFoundError, NotADirectoryError):
            continue
        try:
            try:
                names = sorted(os.listdir(fd if relative else folder))
            except (FileNotFoundError, NotADirectoryError):
                continue
            if relative:
                stats = [os.stat(name, dir_fd=fd) for name in names]
            else:
                stats = [os.stat(os.path.join(folder, name)) for name in names]
        finally:
            if relative:
                os.close(fd)
        parts.append(rel_dir)
        parts.append("/".join(names))
        for name, st in zip(names, stats, strict=True):
            if S_ISDIR(st.st_mode):
                stack.append(f"{rel_dir}/{name}")
        stamps.extend([st.st_mtime_ns for st in stats])
        stamps.extend([st.st_size for st in stats])
    h = hashlib.sha256("\0".join(parts).encode())
    h.update(stamps.tobytes())
    return h.hexdigest()


def _cache_file(root: Path, cache_dir: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_dir / f"curriculum-{key}.pickle"


def load_curriculum(root: Path, cache_dir: Path | None = None) -> Curriculum:
    """A valid curriculum, from the compiled cache when nothing changed.

    The cache is an optimisation only: when it cannot be read or written, the curriculum is
    parsed from its files."""
    if not root.is_dir():
        raise CurriculumError(f"curriculum folder not found: {root}")
    stamp = None
    cache_file = _cache_file(root, cache_dir) if cache_dir else None
    if cache_file is not None:
        try:
            stamp = fingerprint(root)
            with cache_file.open("rb") as fh, _no_gc():
                cached_stamp, curriculum = pickle.load(fh)
            if cached_stamp == stamp and isinstance(curriculum, Curriculum):
                source = curriculum.topics.content_source
                if not isinstance(source, ContentFile) or os.path.exists(source.path):
                    return curriculum  # (a lost content file: compile again, writing both)
        except FileNotFoundError:
            pass
        except Exception:  # a stale or damaged cache is rebuilt, never trusted
            pass
    with _no_gc():
        curriculum, problems = read_curriculum(root, seeds=LOAD_SEEDS)
    if curriculum is None:
        raise CurriculumInvalid(str(root), [p for p in problems if p.severity == "error"])
    if cache_file is not None and stamp is not None:
        _write_cache(cache_file, stamp, curriculum)
    return curriculum


@dataclass(frozen=True)
class ContentFile:
    """Where a cached curriculum's topic content lives (a second file, read only by the
    commands that show content). Should it be missing or belong to another compile, the topic
    files are read again."""

    path: str
    stamp: str
    root: str

    def __call__(self) -> list[bytes]:
        try:
            with open(self.path, "rb") as fh, _no_gc():
                stamp, content = pickle.load(fh)
            if stamp == self.stamp:
                return content  # type: ignore[no-any-return]
        except Exception:  # missing or damaged: fall back to the files
            pass
        fresh, problems = read_curriculum(Path(self.root), seeds=LOAD_SEEDS)
        if fresh is None:
            raise CurriculumInvalid(self.root, [p for p in problems if p.severity == "error"])
        _, blobs = fresh.topics.without_content(self)
        return blobs


@contextmanager
def _no_gc() -> Iterator[None]:
    """Building or unpickling many small objects triggers the cyclic GC over and over for
    nothing (they form no cycles): pause it, as pickle-heavy loaders commonly do."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _write_cache(cache_file: Path, stamp: str, curriculum: Curriculum) -> None:
    """Two files: the graph and every field but the content (what every command needs), and
    the content, keyed by the same fingerprint."""
    content_file = cache_file.with_name(f"{cache_file.stem}-{stamp[:16]}.content.pickle")
    light, content = curriculum.topics.without_content(
        ContentFile(str(content_file), stamp, str(Path(curriculum.root).resolve()))
    )
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        for old in cache_file.parent.glob(f"{cache_file.stem}-*.content.pickle"):
            if old != content_file:
                old.unlink(missing_ok=True)
        _write_atomically(content_file, (stamp, content))
        full, curriculum.topics = curriculum.topics, light
        try:
            _write_atomically(cache_file, (stamp, curriculum))
        finally:
            curriculum.topics = full
    except OSError:
        pass  # read-only state folder: work without a cache


def _write_atomically(path: Path, payload: object) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
