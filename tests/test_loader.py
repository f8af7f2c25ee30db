"""Validation: every problem is found and named with its file and field."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import SMALL, topic_text, write_curriculum

from tutor.errors import CurriculumError, CurriculumInvalid
from tutor.loader import fingerprint, load_curriculum, read_curriculum


def problems_of(root: Path) -> list[str]:
    _, problems = read_curriculum(root)
    return [str(p) for p in problems if p.severity == "error"]


def test_valid_curriculum_compiles(small_curriculum: Path) -> None:
    curriculum, problems = read_curriculum(small_curriculum)
    assert [p for p in problems if p.severity == "error"] == []
    assert curriculum is not None
    assert len(curriculum) == len(SMALL)
    assert curriculum.edge_count == sum(len(p) for p in SMALL.values())
    t = curriculum.topic("adding")
    assert t.title == "Adding Numbers"
    assert t.core_idea.startswith("The idea of")
    assert len(t.questions) == 5 and t.questions[0].templated


def write_topic(root: Path, name: str, text: str, area: str = "main") -> Path:
    path = root / "topics" / area / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no front matter here\n", "front matter: missing or unterminated"),
        ("---\nid: [unclosed\n---\n", "front matter: malformed YAML"),
        ("---\n- a list\n---\n", "front matter: must be a YAML mapping"),
    ],
)
def test_malformed_files_are_named(small_curriculum: Path, text: str, expected: str) -> None:
    write_topic(small_curriculum, "broken", text)
    found = problems_of(small_curriculum)
    assert any(p.startswith("topics/main/broken.md: " + expected) for p in found), found


def test_missing_fields_and_unknown_fields(small_curriculum: Path) -> None:
    text = topic_text("extra").replace("minutes: 10\n", "prerequisite: [counting]\n")
    write_topic(small_curriculum, "extra", text)
    found = problems_of(small_curriculum)
    assert "topics/main/extra.md: minutes: missing" in found
    assert "topics/main/extra.md: prerequisite: unknown field" in found


def test_id_must_match_file_name(small_curriculum: Path) -> None:
    write_topic(small_curriculum, "other-name", topic_text("some-id"))
    assert any("id: 'some-id' does not match the file name 'other-name'" in p
               for p in problems_of(small_curriculum))  # fmt: skip


def test_duplicate_ids_and_titles_case_insensitive(small_curriculum: Path) -> None:
    write_topic(small_curriculum, "adding", topic_text("adding"), area="other")
    write_topic(small_curriculum, "summing", topic_text("summing", "adding NUMBERS"))
    found = problems_of(small_curriculum)
    assert any("topics/other/adding.md: id: 'adding' is also the id of" in p for p in found)
    assert any("title: 'adding NUMBERS' is also the title of topics/main/adding.md" in p
               for p in found)  # fmt: skip


def test_unknown_and_self_prerequisites(small_curriculum: Path) -> None:
    write_topic(small_curriculum, "lonely", topic_text("lonely", prerequisites=["nowhere"]))
    write_topic(small_curriculum, "selfish", topic_text("selfish", prerequisites=["selfish"]))
    found = problems_of(small_curriculum)
    assert "topics/main/lonely.md: prerequisites: 'nowhere' names no topic" in found
    assert "topics/main/selfish.md: prerequisites: a topic cannot be its own prerequisite" in found


def test_cycle_is_reported_as_the_path_that_closes_it(tmp_path: Path) -> None:
    root = write_curriculum(tmp_path / "c", {"a": ["c"], "b": ["a"], "c": ["b"], "d": []})
    found = problems_of(root)
    assert any("cycle: a -> b -> c -> a" in p for p in found), found


def test_several_cycles_each_reported(tmp_path: Path) -> None:
    graph = {"a": ["b"], "b": ["a"], "x": ["z"], "y": ["x"], "z": ["y"], "ok": []}
    found = [p for p in problems_of(write_curriculum(tmp_path / "c", graph)) if "cycle" in p]
    assert len(found) == 2


def test_unknown_level_and_too_few_questions(small_curriculum: Path) -> None:
    one_question = """  - id: only
    kind: text
    prompt: Say hi.
    answer: hi
    explanation: Hi.
"""
    text = topic_text("thin", questions=one_question).replace("level: elementary", "level: kindergarten")
    write_topic(small_curriculum, "thin", text)
    found = problems_of(small_curriculum)
    assert any("topics/main/thin.md: level: 'kindergarten' is not a level" in p for p in found)
    assert "topics/main/thin.md: questions: 1 question(s); every topic needs at least 5" in found


def five(question: str) -> str:
    filler = "".join(
        f"  - id: filler{n}\n    kind: text\n    prompt: Say {n}.\n    answer: '{n}'\n"
        f"    explanation: It is {n}.\n" for n in range(4))
    return question + filler


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("  - id: pick\n    kind: choice\n    prompt: Pick.\n    choices: [a, b]\n    answer: c\n"
         "    explanation: x\n", "questions[0].answer: 'c' is not among the choices"),
        ("  - id: broken\n    kind: numeric\n    prompt: \"{{a +}}\"\n    params: {a: [1, 2]}\n"
         "    answer: \"{{a}}\"\n    explanation: x\n", "questions[0]: does not render"),
        ("  - id: undefined\n    kind: numeric\n    prompt: \"{{a}}\"\n    params: {a: [1, 2]}\n"
         "    answer: \"{{b}}\"\n    explanation: x\n", "questions[0]: does not render"),
        ("  - id: words\n    kind: numeric\n    prompt: \"{{a}}\"\n    params: {a: [1, 2]}\n"
         "    answer: \"{{a}} apples\"\n    explanation: x\n", "is not a number"),
        ("  - id: never\n    kind: numeric\n    prompt: \"{{a}}\"\n    params: {a: [1, 2]}\n"
         "    where: a > 5\n    answer: \"{{a}}\"\n    explanation: x\n", "held in none of"),
        ("  - id: dup\n    kind: choice\n    prompt: \"{{a}}\"\n    params: {a: [1, 2]}\n"
         "    choices: [\"{{a}}\", \"{{a*1}}\"]\n    answer: \"{{a}}\"\n    explanation: x\n",
         "choices repeat"),
        ("  - id: range\n    kind: numeric\n    prompt: \"{{a}}\"\n    params: {a: [5, 1]}\n"
         "    answer: \"{{a}}\"\n    explanation: x\n", "questions[0].params.a: must be an integer range"),
        ("  - id: kind\n    kind: essay\n    prompt: Write.\n    answer: x\n    explanation: x\n",
         "questions[0].kind: 'essay' is not one of"),
    ],
)
def test_question_problems(small_curriculum: Path, question: str, expected: str) -> None:
    write_topic(small_curriculum, "quiz", topic_text("quiz", questions=five(question)))
    found = [p for p in problems_of(small_curriculum) if p.startswith("topics/main/quiz.md")]
    assert any(expected in p for p in found), found


def test_all_problems_are_listed_not_just_the_first(small_curriculum: Path) -> None:
    write_topic(small_curriculum, "one", topic_text("one", prerequisites=["ghost"]))
    write_topic(small_curriculum, "two", topic_text("two").replace("level: elementary", "level: x"))
    found = problems_of(small_curriculum)
    assert any(p.startswith("topics/main/one.md") for p in found)
    assert any(p.startswith("topics/main/two.md") for p in found)


def test_missing_folder_is_a_curriculum_error(tmp_path: Path) -> None:
    with pytest.raises(CurriculumError, match="not found"):
        load_curriculum(tmp_path / "nope")


def test_load_raises_invalid_with_problems(small_curriculum: Path, tmp_path: Path) -> None:
    write_topic(small_curriculum, "lonely", topic_text("lonely", prerequisites=["nowhere"]))
    with pytest.raises(CurriculumInvalid) as info:
        load_curriculum(small_curriculum, tmp_path / "cache")
    assert len(info.value.problems) == 1


def test_cache_is_used_and_invalidated_when_a_file_changes(
    small_curriculum: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_curriculum(small_curriculum, cache)
    assert list(cache.iterdir())
    import tutor.loader as loader

    calls = []
    real = loader.read_curriculum
    monkeypatch.setattr(loader, "read_curriculum",
                        lambda root, **kw: calls.append(root) or real(root, **kw))
    again = load_curriculum(small_curriculum, cache)
    assert calls == [] and len(again) == len(first)  # served from the cache

    before = fingerprint(small_curriculum)
    time.sleep(0.01)
    path = small_curriculum / "topics" / "main" / "adding.md"
    path.write_text(path.read_text().replace("Adding Numbers", "Adding Whole Numbers"))
    assert fingerprint(small_curriculum) != before
    changed = load_curriculum(small_curriculum, cache)
    assert len(calls) == 1
    assert changed.topic("adding").title == "Adding Whole Numbers"


def test_damaged_cache_is_rebuilt(small_curriculum: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_curriculum(small_curriculum, cache)
    for f in cache.iterdir():
        f.write_bytes(b"not a pickle")
    assert len(load_curriculum(small_curriculum, cache)) == len(SMALL)


def test_fingerprint_sees_added_removed_and_nested_files(small_curriculum: Path) -> None:
    before = fingerprint(small_curriculum)
    nested = small_curriculum / "topics" / "main" / "deeper"
    nested.mkdir()
    assert fingerprint(small_curriculum) != before  # an empty folder counts too: harmless
    extra = nested / "extra.md"
    extra.write_text("x")
    with_file = fingerprint(small_curriculum)
    extra.write_text("xy")  # same mtime granularity is possible: the size still differs
    edited = fingerprint(small_curriculum)
    assert edited != with_file
    extra.unlink()
    assert fingerprint(small_curriculum) not in (edited, with_file)


def test_yaml_booleans_in_place_of_ids_say_to_quote_them(small_curriculum: Path) -> None:
    write_topic(small_curriculum, "on", topic_text("on", "Switch On", ["counting"]).replace("[counting]", "[no]"))
    problems = problems_of(small_curriculum)
    assert any("on.md: id: YAML reads True here as a bool" in p and "quotes" in p for p in problems)
    assert any("on.md: prerequisites: YAML reads False" in p for p in problems)


def test_cached_curriculum_reads_content_only_when_asked(small_curriculum: Path, tmp_path: Path) -> None:
    from tutor.planner import known_topics, plan_for_goals

    cache = tmp_path / "cache"
    fresh = load_curriculum(small_curriculum, cache)
    content_files = list(cache.glob("*.content.pickle"))
    assert len(content_files) == 1

    cached = load_curriculum(small_curriculum, cache)
    plan_for_goals(cached, ["fractions"], known_topics(cached, {}))
    cached.titles  # noqa: B018 - light columns do not need the content
    assert cached.topics._blobs is None  # planning did not read the content file
    for tid in SMALL:
        assert cached.topic(tid) == fresh.topic(tid)  # and it is all there when asked for
    assert cached.topics.column("explainer") == fresh.topics.column("explainer")

    # a content file lost after loading is not fatal: the topic files are read again
    later = load_curriculum(small_curriculum, cache)
    content_files[0].unlink()
    assert later.topic("adding").explainer == fresh.topic("adding").explainer
    # and a load that finds it missing compiles again, writing it back
    load_curriculum(small_curriculum, cache)
    assert len(list(cache.glob("*.content.pickle"))) == 1


def test_a_bare_no_among_accepted_answers_is_reported(small_curriculum: Path) -> None:
    questions = "".join(
        f"  - {{id: q{n}, kind: text, prompt: 'Any left?', answer: [none, no], explanation: x}}\n"
        for n in range(5)
    )
    write_topic(small_curriculum, "leftovers", topic_text("leftovers", questions=questions))
    assert any("leftovers.md: questions[0].answer: YAML reads a bare word here as False" in p
               for p in problems_of(small_curriculum))  # fmt: skip
