"""Turning what a user typed into a topic id: exact id, exact title, then fuzzy (rapidfuzz)."""

from __future__ import annotations

import re

from tutor.errors import UnknownTopicError
from tutor.model import Curriculum, fold_title

ACCEPT = 88  # a fuzzy match this good is taken when no other comes close
MARGIN = 4  # ... and the runner-up scores at least this much lower
SUGGEST = 55  # scores worth offering as suggestions


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def resolve_topic(curriculum: Curriculum, query: str) -> str:
    """The id of the topic the user meant; `UnknownTopicError` with suggestions otherwise."""
    text = query.strip()
    if text in curriculum.index:
        return text
    folded = fold_title(text)
    if folded in curriculum.titles_folded:
        return curriculum.id_list[curriculum.titles_folded[folded]]
    slug = slugify(text)
    if slug in curriculum.index:
        return slug
    matches = _fuzzy(curriculum, text)
    if matches and matches[0][1] >= ACCEPT and (
        len(matches) == 1 or matches[1][1] <= matches[0][1] - MARGIN
    ):
        return curriculum.id_list[matches[0][0]]
    close = [m for m in matches if m[1] >= ACCEPT]
    ambiguous = len(close) > 1
    shown = close if ambiguous else [m for m in matches if m[1] >= SUGGEST][:3]
    raise UnknownTopicError(
        query, [_label(curriculum, i) for i, _ in shown], ambiguous=ambiguous
    )


def resolve_topics(curriculum: Curriculum, queries: list[str]) -> list[str]:
    return list(dict.fromkeys(resolve_topic(curriculum, q) for q in queries))


def search_topics(curriculum: Curriculum, query: str, limit: int = 20) -> list[tuple[str, float]]:
    """Topics whose title, id or tags match `query`, best first, with scores 0-100."""
    from rapidfuzz import fuzz, process, utils

    choices = {
        i: f"{t.title} {' '.join(t.tags)}" for i, t in enumerate(curriculum.topics)
    }
    found = process.extract(
        query, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit,
        score_cutoff=SUGGEST,
    )
    return [(curriculum.id_list[i], float(score)) for _, score, i in found]


def _fuzzy(curriculum: Curriculum, query: str) -> list[tuple[int, float]]:
    from rapidfuzz import fuzz, process, utils

    titles = [t.title for t in curriculum.topics]
    ids = [t.id.replace("-", " ") for t in curriculum.topics]
    scores: dict[int, float] = {}
    for names in (titles, ids):
        for _, score, i in process.extract(
            query, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=8
        ):
            scores[i] = max(scores.get(i, 0.0), float(score))
    return sorted(scores.items(), key=lambda kv: (-kv[1], curriculum.titles[kv[0]]))


def _label(curriculum: Curriculum, i: int) -> str:
    return f"{curriculum.titles[i]} ({curriculum.id_list[i]})"
