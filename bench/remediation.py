"""How often does tutor name the right missing prerequisite after two failed checks?

Simulated learners: a topic with 1-4 prerequisites, one of which the learner lacks (planted);
they know the others. Answers are noisy: a learner who knows a topic still slips (wrong with
probability 0.1), one who does not can guess (right with probability 0.2). Lacking a
prerequisite, they do not know the topic itself. Each learner takes the topic's check twice
through the real StudySession (with its prerequisite probe after the second failure) and we
compare the remediation it names with the planted gap.

    python bench/remediation.py [--trials 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlite_utils  # noqa: E402

from tutor.model import Curriculum, CurriculumInfo, Question, Topic  # noqa: E402
from tutor.store import LearnerStore  # noqa: E402
from tutor.study import Response, StudySession  # noqa: E402

SLIP, GUESS = 0.1, 0.2


def make_curriculum(k: int) -> Curriculum:
    def questions(tid: str) -> tuple[Question, ...]:
        return tuple(
            Question(id=f"{tid}-q{n}", kind="numeric", prompt=f"{{{{a}}}} + {n}?",
                     answer=f"{{{{a + {n}}}}}", params=(("a", 1, 50),), explanation="add")
            for n in range(6))  # fmt: skip

    prereqs = [f"p{i}" for i in range(k)]
    topics = [Topic(id=p, title=f"Prerequisite {p}", level="x", prerequisites=(), minutes=10,
                    questions=questions(p), core_idea="i", explainer="e") for p in prereqs]  # fmt: skip
    topics.append(Topic(id="t", title="Target", level="x", prerequisites=tuple(prereqs), minutes=10,
                        questions=questions("t"), core_idea="i", explainer="e"))  # fmt: skip
    return Curriculum.build(CurriculumInfo("bench", "1", ("x",)), "", topics)


def trial(rng: random.Random, k: int, claim: bool) -> str:
    curriculum = make_curriculum(k)
    store = LearnerStore(sqlite_utils.Database(memory=True))
    learner = store.learner()
    missing = f"p{rng.randrange(k)}"
    knows = {f"p{i}" for i in range(k)} - {missing}
    if claim:  # the learner said they know every prerequisite
        store.set_claims(learner, [f"p{i}" for i in range(k)], True)

    def answer(instance, step) -> Response:  # type: ignore[no-untyped-def]
        p_right = 1 - SLIP if step.topic_id in knows else GUESS
        return Response(text=instance.answer if rng.random() < p_right else "-1")

    results = [StudySession(curriculum, store, learner, "t", seed=rng.randrange(2**31)).run(answer)
               for _ in range(2)]  # fmt: skip
    if any(r.passed for r in results):
        return "passed by luck"
    named = results[-1].remediation
    if named is None:
        return "nothing named"
    return "right" if named.target_id == missing else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    by_k: dict[int, Counter[str]] = {k: Counter() for k in range(1, 5)}
    for _ in range(args.trials):
        k = rng.randint(1, 4)
        by_k[k][trial(rng, k, claim=rng.random() < 0.5)] += 1
    total: Counter[str] = sum(by_k.values(), Counter())
    n = sum(total.values())
    print(f"remediation benchmark: {n} simulated learners, slip {SLIP}, guess {GUESS}, seed {args.seed}")
    for k, counts in by_k.items():
        m = sum(counts.values())
        if m:
            print(f"  {k} prerequisite(s): {counts['right'] / m:6.1%} right of {m}  {dict(counts)}")
    print(f"right prerequisite named after two failures: {total['right'] / n:.1%} ({total['right']}/{n})")
    print(f"outcomes: {dict(total)}; {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
