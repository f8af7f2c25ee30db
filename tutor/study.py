"""The study loop as a library: pick questions, grade answers, save each one at once, judge the
check, and when a learner is stuck find the prerequisite most likely missing.

The caller supplies `ask(instance, step) -> Response`: the CLI asks a person at a terminal or
reads an answers file; tests and benchmarks answer in code. Nothing here prints.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tutor.errors import StateError, UsageError
from tutor.evidence import Evidence, Remediation, gather_evidence, guess_rate, remediation_for
from tutor.grading import Verdict, grade
from tutor.mastery import BKT, DEFAULT_MODEL, MASTERED
from tutor.model import Curriculum, Question
from tutor.planner import known_topics
from tutor.questions import QuestionInstance, instantiate
from tutor.store import Learner, LearnerStore

DEFAULT_COUNT = 5
PROBE_QUESTIONS = 2  # per prerequisite, when probing after repeated failure
PROBE_TIEBREAK_MARGIN = 0.15


@dataclass(frozen=True)
class Response:
    """What the learner did with one question."""

    text: str = ""
    hint_used: bool = False
    skipped: bool = False
    quit: bool = False
    seconds: float | None = None


@dataclass(frozen=True)
class Step:
    """Where a question sits, for the one asking it."""

    phase: str  # "check" or "probe"
    topic_id: str
    topic_title: str
    number: int
    total: int


@dataclass(frozen=True)
class Graded:
    step: Step
    instance: QuestionInstance
    response: Response
    verdict: Verdict
    mastery_after: float

    @property
    def correct(self) -> bool:
        return self.verdict.correct and not self.response.skipped

    def as_dict(self) -> dict[str, Any]:
        return {
            "phase": self.step.phase,
            "topic": self.step.topic_id,
            "question_id": self.instance.question_id,
            "kind": self.instance.kind,
            "prompt": self.instance.prompt,
            "choices": list(self.instance.choices),
            "params": self.instance.params,
            "answer": self.response.text,
            "expected": self.verdict.expected,
            "correct": self.correct,
            "skipped": self.response.skipped,
            "hint_used": self.response.hint_used,
            "note": self.verdict.note,
            "explanation": self.instance.explanation,
        }


@dataclass
class SessionResult:
    topic_id: str
    session_id: int
    seed: int
    asked: int = 0
    correct: int = 0
    quit: bool = False
    passed: bool = False
    completed: bool = False
    mastery: float = 0.0
    state: str = ""
    graded: list[Graded] = field(default_factory=list)
    probed: list[Graded] = field(default_factory=list)
    remediation: Remediation | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic_id,
            "session_id": self.session_id,
            "seed": self.seed,
            "asked": self.asked,
            "correct": self.correct,
            "completed": self.completed,
            "passed": self.passed,
            "mastery": round(self.mastery, 3),
            "state": self.state,
            "questions": [g.as_dict() for g in self.graded],
            "probe": [g.as_dict() for g in self.probed],
            "remediation": self.remediation.as_dict() if self.remediation else None,
        }


@dataclass(frozen=True)
class Scripted:
    """One line of an answers file."""

    text: str = ""
    question_id: str | None = None
    params: dict[str, int] | None = None
    hint: bool = False
    skip: bool = False
    quit: bool = False


def parse_answers(text: str) -> list[Scripted]:
    """An answers file: one answer per line, or JSON lines naming the question.

    Plain lines: the answer; `:skip` skips, `:quit` stops, `:hint ANSWER` answers after a hint.
    JSON lines: {"question": ID, "answer": TEXT, "hint": bool, "skip": bool, "params": {...}}.
    Blank lines are answers left empty (wrong), so line N always answers question N."""
    lines = text.splitlines()
    out = []
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("{"):
            try:
                data = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise UsageError(f"answers line {n}: not valid JSON ({exc.msg})") from None
            if not isinstance(data, dict):
                raise UsageError(f"answers line {n}: a JSON line must be an object")
            params = data.get("params")
            if params is not None and not (
                isinstance(params, dict) and all(isinstance(v, int) for v in params.values())
            ):
                raise UsageError(f"answers line {n}: params must map names to integers")
            out.append(Scripted(
                text=str(data.get("answer", "")), question_id=data.get("question"),
                params=params, hint=bool(data.get("hint")), skip=bool(data.get("skip")),
                quit=bool(data.get("quit")),
            ))  # fmt: skip
        elif stripped == ":skip":
            out.append(Scripted(skip=True))
        elif stripped == ":quit":
            out.append(Scripted(quit=True))
        elif stripped.startswith(":hint"):
            out.append(Scripted(text=stripped[5:].strip(), hint=True))
        else:
            out.append(Scripted(text=line.strip()))
    return out


Ask = Callable[[QuestionInstance, Step], Response]
OnGraded = Callable[["Graded"], None]


class StudySession:
    """One check on one topic for one learner, saved answer by answer."""

    def __init__(
        self,
        curriculum: Curriculum,
        store: LearnerStore,
        learner: Learner,
        topic_id: str,
        *,
        seed: int | None = None,
        model: BKT = DEFAULT_MODEL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        topic = curriculum.topic(topic_id)
        if not topic.questions:
            raise StateError(f"{topic.title} has no practice questions yet: nothing to study")
        self.curriculum = curriculum
        self.store = store
        self.learner = learner
        self.topic = topic
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        self.rng = random.Random(self.seed)
        self.model = model
        self.clock = clock
        self.on_graded: OnGraded | None = None

    # --- evidence ------------------------------------------------------------------------------
    def evidence(self) -> Evidence:
        claims = self.store.claims(self.learner)
        claimed = known_topics(self.curriculum, claims)
        return gather_evidence(self.curriculum, self.store.all_attempts(self.learner),
                               self.store.sessions(self.learner), claimed, self.model)  # fmt: skip

    # --- choosing questions --------------------------------------------------------------------
    def choose(self, topic_id: str, count: int, pinned: list[Scripted] | None = None) -> list[QuestionInstance]:
        """`count` questions of a topic: unseen first, then those last answered wrong, then the
        least practised; templated items come back with new numbers when more are needed."""
        questions = {q.id: q for q in self.curriculum.topic(topic_id).questions}
        if pinned:
            chosen = []
            for n, s in enumerate(pinned, 1):
                if s.question_id not in questions:
                    known = ", ".join(questions)
                    raise UsageError(f"answers line {n}: no question {s.question_id!r} in "
                                     f"{topic_id} (questions: {known})")  # fmt: skip
                chosen.append(self._instance(questions[s.question_id], s.params))
            return chosen
        history: dict[str, list[dict[str, Any]]] = {}
        for a in self.store.attempts(self.learner, topic_id):
            history.setdefault(a["question_id"], []).append(a)

        def priority(q: Question) -> tuple[int, int, int, float]:
            seen = history.get(q.id, [])
            last_right = bool(seen and seen[-1]["correct"])
            return (1 if seen else 0, 1 if last_right else 0, len(seen), self.rng.random())

        ordered = sorted(questions.values(), key=priority)
        picked = ordered[:count]
        templated = [q for q in ordered if q.templated]
        if templated and picked and not any(q.templated for q in picked):
            picked[-1] = templated[0]  # mix authored and templated items
        while len(picked) < count:
            pool = templated or ordered
            picked.append(pool[(len(picked) - len(ordered)) % len(pool)])
        return [self._instance(q) for q in picked]

    def _instance(self, question: Question, params: dict[str, int] | None = None) -> QuestionInstance:
        return instantiate(question, seed=self.rng.randrange(2**31), params=params)

    # --- running -------------------------------------------------------------------------------
    def run(
        self,
        ask: Ask,
        *,
        count: int = DEFAULT_COUNT,
        pinned: list[Scripted] | None = None,
        probe: bool = True,
        on_graded: OnGraded | None = None,
    ) -> SessionResult:
        """Ask the questions through `ask`; `on_graded` hears each verdict as it is saved."""
        self.on_graded = on_graded
        if count < 1:
            raise UsageError("--count must be at least 1")
        topic_id = self.topic.id
        instances = self.choose(topic_id, count, pinned)
        evidence = self.evidence()
        p = evidence.of(topic_id).p
        session_id = self.store.start_session(self.learner, topic_id, "study", self.seed)
        result = SessionResult(topic_id=topic_id, session_id=session_id, seed=self.seed)
        for n, instance in enumerate(instances, 1):
            step = Step("check", topic_id, self.topic.title, n, len(instances))
            graded = self._ask_one(ask, instance, step, p, session_id, "study")
            if graded is None:
                result.quit = True
                break
            p = graded.mastery_after
            result.graded.append(graded)
        result.asked = len(result.graded)
        result.correct = sum(1 for g in result.graded if g.correct)
        result.completed = not result.quit and result.asked == len(instances)
        result.mastery = p
        result.passed = result.completed and p >= self.model.threshold
        self.store.end_session(session_id, passed=result.passed if result.completed else None,
                               mastery=p)  # fmt: skip
        result.state = MASTERED if p >= self.model.threshold else "learning"
        if result.completed and not result.passed:
            evidence = self.evidence()
            if evidence.failed_in_a_row.get(topic_id, 0) >= 2:
                if probe:
                    result.probed = self._probe(ask, evidence)
                    evidence = self.evidence()
                result.remediation = remediation_for(self.curriculum, evidence, topic_id)
        return result

    def _ask_one(self, ask: Ask, instance: QuestionInstance, step: Step, p: float,
                 session_id: int, mode: str) -> Graded | None:  # fmt: skip
        started = self.clock()
        response = ask(instance, step)
        if response.quit:
            return None
        seconds = response.seconds if response.seconds is not None else self.clock() - started
        if response.skipped:
            verdict = Verdict(False, grade(instance, "").expected, "skipped")
        else:
            verdict = grade(instance, response.text)
        correct = verdict.correct and not response.skipped
        self.store.record_attempt(
            self.learner, step.topic_id, instance.question_id, answer=response.text,
            correct=correct, params=instance.params, hint_used=response.hint_used,
            seconds=round(seconds, 3), mode=mode, session_id=session_id,
            skipped=response.skipped,
        )  # fmt: skip
        guess = guess_rate(self.curriculum, step.topic_id, instance.question_id)
        p_after = self.model.update(p, correct, guess=guess, hint_used=response.hint_used)
        graded = Graded(step, instance, response, verdict, p_after)
        if self.on_graded is not None:
            self.on_graded(graded)
        return graded

    def _probe(self, ask: Ask, evidence: Evidence) -> list[Graded]:
        """A short check of each prerequisite not yet mastered: two questions each, and one
        more on the weakest two when they are close."""
        candidates = [p for p in self.curriculum.prerequisites_of(self.topic.id)
                      if evidence.of(p).state != MASTERED
                      and self.curriculum.topic(p).questions]  # fmt: skip
        if not candidates:
            return []
        plan = [(p, q) for p in candidates for q in self.choose(p, PROBE_QUESTIONS)]
        graded: list[Graded] = []
        p_of = {p: evidence.of(p).p for p in candidates}
        session_of = {p: self.store.start_session(self.learner, p, "probe", self.seed)
                      for p in candidates}  # fmt: skip
        total = len(plan)
        quit_ = False

        def run_items(items: list[tuple[str, QuestionInstance]]) -> None:
            nonlocal quit_
            for prereq, instance in items:
                step = Step("probe", prereq, self.curriculum.topic(prereq).title,
                            len(graded) + 1, total)  # fmt: skip
                g = self._ask_one(ask, instance, step, p_of[prereq], session_of[prereq], "probe")
                if g is None:
                    quit_ = True
                    return
                p_of[prereq] = g.mastery_after
                graded.append(g)

        run_items(plan)
        if not quit_ and len(candidates) > 1:
            weakest = sorted(candidates, key=lambda c: p_of[c])[:2]
            if abs(p_of[weakest[0]] - p_of[weakest[1]]) < PROBE_TIEBREAK_MARGIN:
                extra = [(c, self.choose(c, 1)[0]) for c in weakest]
                total += len(extra)
                run_items(extra)
        for prereq, session_id in session_of.items():
            self.store.end_session(session_id, passed=None, mastery=p_of[prereq])
        return graded
