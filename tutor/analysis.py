"""Looking at a curriculum as a graph: lint findings, statistics and drawings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tutor.model import Curriculum

NEAR_DUPLICATE = 90  # rapidfuzz token_sort_ratio (with default_process) at or above this
ANTONYMS = [
    ("with", "without"), ("increasing", "decreasing"), ("increase", "decrease"),
    ("positive", "negative"), ("upper", "lower"), ("before", "after"), ("more", "less"),
    ("greater", "less"), ("like", "unlike"), ("proper", "improper"), ("maximum", "minimum"),
    ("max", "min"), ("even", "odd"), ("adding", "subtracting"), ("addition", "subtraction"),
    ("multiplying", "dividing"), ("multiplication", "division"), ("add", "subtract"),
    ("input", "output"), ("left", "right"), ("inner", "outer"), ("open", "closed"),
    ("prime", "composite"), ("rational", "irrational"), ("dependent", "independent"),
    ("supervised", "unsupervised"), ("continuous", "discrete"), ("linear", "nonlinear"),
    ("homogeneous", "inhomogeneous"), ("convex", "concave"), ("parallel", "perpendicular"),
]  # fmt: skip
_NUMBER_WORD = re.compile(
    r"^(\d+(st|nd|rd|th)?|[ivx]+|one|two|three|four|five|six|seven|eight|nine|ten|first|second|"
    r"third|fourth|fifth|single|double|triple|half|halves|tenths|hundredths|thousandths)$"
)


@dataclass
class LintReport:
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)
    look_alikes: int = 0  # near-duplicates that differ only by a number or an antonym
    redundant_edges: list[tuple[str, str, str]] = field(default_factory=list)  # (pre, topic, via)
    bottlenecks: list[tuple[str, int]] = field(default_factory=list)  # (topic, descendants)
    isolated: list[str] = field(default_factory=list)
    level_inversions: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def finding_count(self) -> int:
        return (len(self.near_duplicates) + len(self.redundant_edges) + len(self.isolated)
                + len(self.level_inversions))  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "near_duplicates": [{"a": a, "b": b, "score": round(s, 1)} for a, b, s in self.near_duplicates],
            "look_alikes_hidden": self.look_alikes,
            "redundant_edges": [{"prerequisite": p, "topic": t, "implied_via": v}
                                for p, t, v in self.redundant_edges],  # fmt: skip
            "bottlenecks": [{"id": t, "descendants": n} for t, n in self.bottlenecks],
            "isolated": self.isolated,
            "level_inversions": [{"prerequisite": p, "prerequisite_level": pl, "topic": t,
                                  "topic_level": tl} for p, pl, t, tl in self.level_inversions],
            "finding_count": self.finding_count,
        }  # fmt: skip


def lint(curriculum: Curriculum, *, bottleneck_count: int = 10) -> LintReport:
    report = LintReport()
    report.near_duplicates, report.look_alikes = near_duplicate_titles(curriculum)
    report.redundant_edges = redundant_edges(curriculum)
    report.bottlenecks = bottlenecks(curriculum, bottleneck_count)
    topics = curriculum.topics
    report.isolated = [t.id for i, t in enumerate(topics)
                       if not curriculum.prereqs[i] and not curriculum.dependents[i]]  # fmt: skip
    for i, t in enumerate(topics):
        rank = curriculum.level_rank(t.level)
        for p in curriculum.prereqs[i]:
            if curriculum.level_rank(topics[p].level) > rank:
                report.level_inversions.append((topics[p].id, topics[p].level, t.id, t.level))
    return report


def _tokens(title: str) -> list[str]:
    from rapidfuzz import utils

    return str(utils.default_process(title)).split()


def is_look_alike(a: str, b: str) -> bool:
    """Titles that differ only by numbers/levels or by a pair of antonyms are distinct topics."""
    ta, tb = Counter(_tokens(a)), Counter(_tokens(b))
    only_a, only_b = list((ta - tb).elements()), list((tb - ta).elements())
    diff = only_a + only_b
    if not diff:
        return False  # same words, different order or punctuation: a real duplicate
    if all(_NUMBER_WORD.match(w) for w in diff):
        return True
    pairs = {frozenset(p) for p in ANTONYMS}
    if len(only_a) == 1 and len(only_b) == 1 and frozenset((only_a[0], only_b[0])) in pairs:
        return True
    if not only_a or not only_b:
        extra = only_a or only_b
        return all(any(w in p for p in ANTONYMS) for w in extra)  # "X" vs "X without Y"-like
    return False


def near_duplicate_titles(curriculum: Curriculum) -> tuple[list[tuple[str, str, float]], int]:
    from rapidfuzz import fuzz, utils

    titles = [t.title for t in curriculum.topics]
    processed = [str(utils.default_process(t)) for t in titles]
    pairs = _candidate_pairs(processed)
    found: list[tuple[str, str, float]] = []
    hidden = 0
    for i, j in pairs:
        score = fuzz.token_sort_ratio(processed[i], processed[j])
        if score >= NEAR_DUPLICATE:
            if is_look_alike(titles[i], titles[j]):
                hidden += 1
            else:
                a, b = sorted((curriculum.topics[i].id, curriculum.topics[j].id))
                found.append((a, b, float(score)))
    found.sort(key=lambda x: (-x[2], x[0], x[1]))
    return found, hidden


def _candidate_pairs(processed: list[str], max_bucket: int = 200) -> Iterable[tuple[int, int]]:
    """Pairs sharing an uncommon word (near-duplicates always share most of their words);
    avoids comparing all n² pairs on big graphs."""
    index: dict[str, list[int]] = {}
    for i, text in enumerate(processed):
        for w in set(text.split()):
            index.setdefault(w, []).append(i)
    seen: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > max_bucket:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def redundant_edges(curriculum: Curriculum) -> list[tuple[str, str, str]]:
    """Prerequisite edges already implied by a longer path (p -> ... -> q -> t makes p -> t
    redundant), with the prerequisite q through which it is implied."""
    out = []
    topics = curriculum.topics
    for i, ps in enumerate(curriculum.prereqs):
        if len(ps) < 2:
            continue
        for p in ps:
            for q in ps:
                if q != p and p in curriculum.ancestor_indices([q]):
                    out.append((topics[p].id, topics[i].id, topics[q].id))
                    break
    return out


def bottlenecks(curriculum: Curriculum, count: int) -> list[tuple[str, int]]:
    """Topics that the most other topics depend on (directly or not): a gap there blocks them all."""
    n = len(curriculum)
    if n == 0:
        return []
    # descendants counts via reverse topological order with sets would be O(n^2) memory on big
    # graphs; sample the candidates with the most dependents-weighted reach instead.
    reach = [0] * n
    for i in reversed(curriculum.topo):
        reach[i] = len(curriculum.dependents[i]) + sum(reach[d] for d in curriculum.dependents[i])
    candidates = sorted(range(n), key=lambda i: (-reach[i], curriculum.topics[i].id))[: count * 5]
    exact = [(curriculum.topics[i].id, len(curriculum.descendant_indices([i]))) for i in candidates]
    exact.sort(key=lambda x: (-x[1], x[0]))
    return [e for e in exact[:count] if e[1] > 0]


# --- statistics ----------------------------------------------------------------------------------
def stats(curriculum: Curriculum, top: int = 5) -> dict[str, Any]:
    topics = curriculum.topics
    n = len(topics)
    depth_counts = Counter(curriculum.depth)
    kinds = Counter(q.kind for t in topics for q in t.questions)
    deepest = sorted(range(n), key=lambda i: (-curriculum.depth[i], topics[i].id))[:top]
    widest = sorted(range(n), key=lambda i: (-len(curriculum.dependents[i]), topics[i].id))[:top]
    most_prereqs = sorted(range(n), key=lambda i: (-len(curriculum.prereqs[i]), topics[i].id))[:top]
    return {
        "name": curriculum.info.name,
        "topics": n,
        "edges": curriculum.edge_count,
        "roots": sum(1 for p in curriculum.prereqs if not p),
        "leaves": sum(1 for d in curriculum.dependents if not d),
        "components": _components(curriculum),
        "with_content": sum(1 for t in topics if t.has_content),
        "questions": sum(kinds.values()),
        "templated_questions": sum(1 for t in topics for q in t.questions if q.templated),
        "questions_by_kind": dict(sorted(kinds.items())),
        "levels": dict(Counter(t.level for t in topics)),
        "areas": dict(sorted(Counter(t.area for t in topics).items())),
        "max_depth": max(curriculum.depth, default=0),
        "depth_distribution": {str(d): depth_counts[d] for d in sorted(depth_counts)},
        "deepest": [{"id": topics[i].id, "title": topics[i].title, "depth": curriculum.depth[i]}
                    for i in deepest],  # fmt: skip
        "widest": [{"id": topics[i].id, "title": topics[i].title,
                    "dependents": len(curriculum.dependents[i])} for i in widest],  # fmt: skip
        "most_prerequisites": [{"id": topics[i].id, "title": topics[i].title,
                                "prerequisites": len(curriculum.prereqs[i])} for i in most_prereqs],
        "total_minutes": sum(t.minutes for t in topics),
    }  # fmt: skip


def _components(curriculum: Curriculum) -> int:
    parent = list(range(len(curriculum)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, ps in enumerate(curriculum.prereqs):
        for p in ps:
            a, b = find(i), find(p)
            if a != b:
                parent[a] = b
    return len({find(i) for i in range(len(curriculum))})


# --- drawing --------------------------------------------------------------------------------------
def subgraph_indices(curriculum: Curriculum, goal: str | None) -> list[int]:
    if goal is None:
        return list(curriculum.topo)
    i = curriculum.index[goal]
    keep = curriculum.ancestor_indices([i]) | {i}
    return [j for j in curriculum.topo if j in keep]


def to_dot(curriculum: Curriculum, goal: str | None = None) -> str:
    keep = subgraph_indices(curriculum, goal)
    kept = set(keep)
    topics = curriculum.topics

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"digraph {q(curriculum.info.name)} {{", "  rankdir=LR;",
             "  node [shape=box, style=rounded];"]  # fmt: skip
    for i in keep:
        extra = ", style=\"rounded,bold\"" if goal and topics[i].id == goal else ""
        lines.append(f"  {q(topics[i].id)} [label={q(topics[i].title)}{extra}];")
    for i in keep:
        for p in curriculum.prereqs[i]:
            if p in kept:
                lines.append(f"  {q(topics[p].id)} -> {q(topics[i].id)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(curriculum: Curriculum, goal: str | None = None) -> str:
    keep = subgraph_indices(curriculum, goal)
    kept = set(keep)
    topics = curriculum.topics

    def label(s: str) -> str:
        return s.replace('"', "#quot;")

    lines = ["flowchart LR"]
    for i in keep:
        lines.append(f'  n{i}["{label(topics[i].title)}"]')
    for i in keep:
        for p in curriculum.prereqs[i]:
            if p in kept:
                lines.append(f"  n{p} --> n{i}")
    return "\n".join(lines) + "\n"
