"""The study loop as a library: mastery, sessions saved answer by answer, remediation."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from conftest import write_curriculum
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.errors import UsageError
from tutor.evidence import gather_evidence, remediation_for
from tutor.grading import grade
from tutor.loader import load_curriculum
from tutor.mastery import BKT, trace
from tutor.model import Curriculum
from tutor.planner import known_topics
from tutor.progress import learner_view, next_items
from tutor.questions import instantiate
from tutor.store import LearnerStore
from tutor.study import Response, StudySession, parse_answers

GRAPH = {"a": [], "b": [], "c": [], "goal": ["a", "b", "c"]}


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Curriculum, LearnerStore]:
    c = load_curriculum(write_curriculum(tmp_path / "c", GRAPH))
    return c, LearnerStore(sqlite_utils.Database(memory=True))


def right(instance, step) -> Response:  # type: ignore[no-untyped-def]
    return Response(text=instance.answer)


def wrong(instance, step) -> Response:  # type: ignore[no-untyped-def]
    return Response(text="-999")


def test_bkt_moves_the_right_way() -> None:
    m = BKT()
    assert m.update(0.5, True) > 0.5 > m.update(0.5, False)
    assert m.update(0.5, False) < m.update(0.5, True, hint_used=True) < m.update(0.5, True)
    assert trace([{"correct": True}] * 3) >= m.threshold  # three right in a row from the prior
    assert trace([{"correct": True}] * 2) < m.threshold
    assert trace([], claimed=True) == m.prior_claimed
    # a right answer to a 2-choice question is weaker evidence than to a free-response one
    assert m.update(0.3, True, guess=0.5) < m.update(0.3, True)


def test_a_passed_check_masters_the_topic(setup) -> None:  # type: ignore[no-untyped-def]
    c, store = setup
    learner = store.learner()
    result = StudySession(c, store, learner, "a", seed=1).run(right)
    assert result.completed and result.passed and result.correct == 5
    assert len(store.attempts(learner, "a")) == 5
    view = learner_view(c, store, learner, ["goal"])
    assert "a" in view.known and view.topic_state("a") == "mastered"
    assert view.topic_state("b") == "not started"


def test_every_answer_is_saved_before_the_next_question(setup) -> None:  # type: ignore[no-untyped-def]
    c, store = setup
    learner = store.learner()
    seen = []

    def ask(instance, step) -> Response:  # type: ignore[no-untyped-def]
        seen.append(len(store.attempts(learner, "a")))
        return Response(text=instance.answer) if step.number < 3 else Response(quit=True)

    result = StudySession(c, store, learner, "a", seed=2).run(ask)
    assert seen == [0, 1, 2]
    assert result.quit and not result.completed and not result.passed
    assert len(store.attempts(learner, "a")) == 2
    (session,) = store.sessions(learner, "a")
    assert session["passed"] is None and session["asked"] == 2  # an unfinished check is no verdict


def test_attempts_record_params_and_reproduce(setup) -> None:  # type: ignore[no-untyped-def]
    c, store = setup
    learner = store.learner()
    StudySession(c, store, learner, "a", seed=7).run(right)
    import json

    for row in store.attempts(learner, "a"):
        params = json.loads(row["params"])
        q = next(q for q in c.topic("a").questions if q.id == row["question_id"])
        again = instantiate(q, params=params)
        assert again.answer == row["answer"] and row["correct"] == 1


def test_same_seed_same_session(tmp_path: Path, setup) -> None:  # type: ignore[no-untyped-def]
    c, _ = setup
    prompts = []
    for _ in range(2):
        store = LearnerStore(sqlite_utils.Database(memory=True))
        asked: list[str] = []
        StudySession(c, store, store.learner(), "a", seed=42).run(
            lambda i, s: asked.append(i.prompt) or Response(text=i.answer))  # type: ignore[func-returns-value]
        prompts.append(asked)
    assert prompts[0] == prompts[1]


def test_a_failed_check_overrides_a_claim(setup) -> None:  # type: ignore[no-untyped-def]
    c, store = setup
    learner = store.learner()
    store.set_claims(learner, ["goal"], True)
    assert "a" in learner_view(c, store, learner, ["goal"]).known
    StudySession(c, store, learner, "a", seed=3).run(wrong)
    view = learner_view(c, store, learner, ["goal"])
    assert "a" not in view.known and "b" in view.known
    assert [i.id for i in view.plan.items] == ["a"]


def test_two_failures_probe_the_prerequisites_and_name_the_weakest(setup) -> None:  # type: ignore[no-untyped-def]
    c, store = setup
    learner = store.learner()

    def learner_missing_b(instance, step) -> Response:  # type: ignore[no-untyped-def]
        if step.phase == "probe" and step.topic_id != "b":
            return Response(text=instance.answer)
        return Response(text="-999")

    first = StudySession(c, store, learner, "goal", seed=1).run(learner_missing_b)
    assert not first.passed and first.remediation is None and first.probed == []
    second = StudySession(c, store, learner, "goal", seed=2).run(learner_missing_b)
    assert not second.passed
    assert {g.step.topic_id for g in second.probed} == {"a", "b", "c"}
    assert second.remediation is not None and second.remediation.target_id == "b"
    assert "failed 2 checks in a row" in second.remediation.reason
    view = learner_view(c, store, learner, ["goal"])
    first_next = next_items(c, view, 3)[0]
    assert first_next.id == "b" and first_next.reason.startswith("go back:")


def test_remediation_without_evidence_prefers_the_unchecked(setup) -> None:  # type: ignore[no-untyped-def]
    c, store = setup
    learner = store.learner()
    StudySession(c, store, learner, "a", seed=1).run(right)
    StudySession(c, store, learner, "c", seed=1).run(right)
    for seed in (1, 2):
        StudySession(c, store, learner, "goal", seed=seed).run(wrong, probe=False)
    claimed = known_topics(c, store.claims(learner))
    ev = gather_evidence(c, store.all_attempts(learner), store.sessions(learner), claimed)
    r = remediation_for(c, ev, "goal")
    assert r is not None and r.target_id == "b" and "never checked" in r.reason


def test_passing_resets_the_failure_count(setup) -> None:  # type: ignore[no-untyped-def]
    c, store = setup
    learner = store.learner()
    for seed in (1, 2):
        StudySession(c, store, learner, "a", seed=seed).run(wrong)
    StudySession(c, store, learner, "a", seed=3).run(right, count=8)
    ev = gather_evidence(c, store.all_attempts(learner), store.sessions(learner), set())
    assert ev.failed_in_a_row["a"] == 0 and ev.needs_remediation() == []


def test_pinned_questions_and_unknown_ids(setup) -> None:  # type: ignore[no-untyped-def]
    c, store = setup
    session = StudySession(c, store, store.learner(), "a", seed=1)
    pinned = parse_answers('{"question": "q2", "answer": "5", "params": {"a": 3}}\n')
    result = session.run(lambda i, s: Response(text="5"), pinned=pinned, count=1)
    assert result.graded[0].instance.question_id == "q2" and result.graded[0].correct
    with pytest.raises(UsageError, match="no question 'nope'"):
        session.run(right, pinned=parse_answers('{"question": "nope", "answer": "1"}'))


def test_parse_answers() -> None:
    parsed = parse_answers("12\n:skip\n:hint 3/4\n\n:quit\n")
    assert [p.text for p in parsed] == ["12", "", "3/4", "", ""]
    assert parsed[1].skip and parsed[2].hint and parsed[4].quit
    with pytest.raises(UsageError, match="line 1: not valid JSON"):
        parse_answers("{oops")


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_computed_answers_of_templated_items_are_always_accepted(seed: int) -> None:
    """Across the bundled curriculum: the rendered answer of every templated item grades as
    correct, whatever the parameters."""
    for topic in _bundled().topics:
        for q in topic.questions:
            if q.templated:
                inst = instantiate(q, seed)
                assert grade(inst, inst.answer).correct, (topic.id, q.id, inst.params)


_CACHE: list[Curriculum] = []


def _bundled() -> Curriculum:
    if not _CACHE:
        from conftest import BUNDLED

        _CACHE.append(load_curriculum(BUNDLED))
    return _CACHE[0]
