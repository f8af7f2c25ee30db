"""Mastery from evidence: Bayesian knowledge tracing (BKT) per topic.

Each topic has a probability p that the learner has mastered it. Before any answer, p is the
prior: `prior` for a topic the learner has not claimed, `prior_claimed` for one they said they
know (directly or through a topic built on it). Each answer updates p by Bayes' rule with the
probability of a slip (knowing it but answering wrong) and of a guess (answering right without
knowing it; for a choice question, one over the number of choices); then the chance of learning
from the practice moves p up by `learn`. A right answer after a hint counts half: p becomes the
average of the updates for a right and a wrong answer. A skipped question counts as wrong.

A topic is *mastered* when p >= `threshold` (0.95). A study session is a check: it is passed when
p >= threshold at its end.

The model follows Corbett & Anderson (1995), "Knowledge tracing: modeling the acquisition of
procedural knowledge"; the parameter values are common defaults, not fitted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class BKT:
    prior: float = 0.2
    prior_claimed: float = 0.7
    learn: float = 0.1
    slip: float = 0.1
    guess: float = 0.15  # free-response questions; choice questions use 1 / number of choices
    hint_credit: float = 0.5
    threshold: float = 0.95

    def update(self, p: float, correct: bool, *, guess: float | None = None,
               hint_used: bool = False) -> float:  # fmt: skip
        g = self.guess if guess is None else guess
        right = p * (1 - self.slip) / (p * (1 - self.slip) + (1 - p) * g)
        wrong = p * self.slip / (p * self.slip + (1 - p) * (1 - g))
        if correct and hint_used:
            posterior = self.hint_credit * right + (1 - self.hint_credit) * wrong
        else:
            posterior = right if correct else wrong
        return posterior + (1 - posterior) * self.learn


DEFAULT_MODEL = BKT()

NOT_STARTED = "not started"
LEARNING = "learning"
MASTERED = "mastered"
KNOWN = "known"  # claimed (or implied by a claim), no evidence yet


@dataclass(frozen=True, slots=True)
class TopicMastery:
    topic_id: str
    p: float
    answers: int
    correct: int
    state: str
    last_seen: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.topic_id, "mastery": round(self.p, 3), "answers": self.answers,
                "correct": self.correct, "state": self.state}  # fmt: skip


def trace(
    attempts: Iterable[Mapping[str, Any]],
    *,
    claimed: bool = False,
    model: BKT = DEFAULT_MODEL,
) -> float:
    """p after the attempts (each with `correct`, `hint_used`, and optionally `guess`)."""
    p = model.prior_claimed if claimed else model.prior
    for a in attempts:
        p = model.update(p, bool(a["correct"]), guess=a.get("guess"),
                         hint_used=bool(a.get("hint_used")))  # fmt: skip
    return p


def topic_mastery(
    topic_id: str,
    attempts: list[Mapping[str, Any]],
    *,
    claimed: bool = False,
    model: BKT = DEFAULT_MODEL,
) -> TopicMastery:
    p = trace(attempts, claimed=claimed, model=model)
    if not attempts:
        state = KNOWN if claimed else NOT_STARTED
    else:
        state = MASTERED if p >= model.threshold else LEARNING
    return TopicMastery(
        topic_id=topic_id,
        p=p,
        answers=len(attempts),
        correct=sum(1 for a in attempts if a["correct"]),
        state=state,
        last_seen=str(attempts[-1]["created"]) if attempts and "created" in attempts[-1] else None,
    )
