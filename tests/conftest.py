from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXTERNAL = REPO.parent / "shared" / "data" / "external"
BUNDLED = REPO / "curriculum"

LEVELS = ["early-elementary", "elementary", "middle-school", "high-school", "undergraduate",
          "graduate"]  # fmt: skip


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compiled-curriculum cache for the whole run (it checks freshness itself), so the
    bundled curriculum is compiled once, not once per test."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def tutor_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
               shared_cache: Path) -> Iterator[Path]:  # fmt: skip
    """Every test gets its own state folder: no test touches a real learner's progress."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TUTOR_HOME", str(home))
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(shared_cache))
    for var in ("TUTOR_CURRICULUM", "TUTOR_LEARNER", "TUTOR_NOW", "TUTOR_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    yield home


def topic_text(
    topic_id: str,
    title: str | None = None,
    prerequisites: Sequence[str] = (),
    *,
    level: str = "elementary",
    minutes: int = 10,
    questions: str | None = None,
    extra: str = "",
) -> str:
    title = title or topic_id.replace("-", " ").title()
    if questions is None:
        questions = "".join(
            f"""  - id: q{n}
    kind: numeric
    prompt: "What is {{{{a}}}} + {n}?"
    params: {{a: [1, 9]}}
    answer: "{{{{a + {n}}}}}"
    explanation: "Add {n}."
""" for n in range(1, 6))
    prereqs = ", ".join(prerequisites)
    words = " ".join(["word"] * 160)
    return f"""---
id: {topic_id}
title: "{title}"
level: {level}
tags: [test]
prerequisites: [{prereqs}]
minutes: {minutes}
{extra}questions:
{questions}---
## Core idea
The idea of {title}.

## Explainer
{words}
"""


def write_curriculum(
    root: Path,
    graph: Mapping[str, Sequence[str]],
    *,
    titles: Mapping[str, str] | None = None,
    minutes: Mapping[str, int] | None = None,
    area: str = "main",
) -> Path:
    """A valid curriculum folder for `graph` (topic id -> its prerequisites)."""
    (root / "topics" / area).mkdir(parents=True, exist_ok=True)
    (root / "curriculum.yaml").write_text(
        "name: test curriculum\nversion: '1'\nlevels: [" + ", ".join(LEVELS) + "]\n",
        encoding="utf-8",
    )
    for tid, prereqs in graph.items():
        (root / "topics" / area / f"{tid}.md").write_text(
            topic_text(tid, (titles or {}).get(tid), prereqs,
                       minutes=(minutes or {}).get(tid, 10)),  # fmt: skip
            encoding="utf-8",
        )
    return root


# a small curriculum with the shapes planning cares about: a diamond, a side branch, a root
SMALL = {
    "counting": [],
    "adding": ["counting"],
    "subtracting": ["counting"],
    "multiplying": ["adding"],
    "dividing": ["multiplying", "subtracting"],
    "fractions": ["dividing"],
    "geometry": ["counting"],
    "art": [],
}


@pytest.fixture
def small_curriculum(tmp_path: Path) -> Path:
    return write_curriculum(tmp_path / "small", SMALL,
                            titles={"adding": "Adding Numbers", "fractions": "Fractions"})


def env_without(*names: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in names}
