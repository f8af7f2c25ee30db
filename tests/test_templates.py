"""Templates use only what their declared context provides, and user overrides win."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from jinja2 import meta

from tutor.contexts import PlanPage, TopicPage
from tutor.paths import bundled_asset
from tutor.render import environment, render

CONTEXTS = {
    "topic.txt.j2": TopicPage,
    "topic.md.j2": TopicPage,
    "plan.txt.j2": PlanPage,
    "plan.md.j2": PlanPage,
}


def test_every_bundled_template_has_a_declared_context() -> None:
    names = {p.name for p in bundled_asset("prompts").glob("*.j2")}
    assert names == set(CONTEXTS)


@pytest.mark.parametrize(("name", "context"), CONTEXTS.items())
def test_template_variables_match_the_context(name: str, context: type) -> None:
    env = environment()
    source = (bundled_asset("prompts") / name).read_text(encoding="utf-8")
    used = meta.find_undeclared_variables(env.parse(source))
    fields = {f.name for f in dataclasses.fields(context)}
    assert used <= fields, f"{name} uses {used - fields} that {context.__name__} lacks"


def test_user_override_folder_comes_first(tmp_path: Path) -> None:
    override = tmp_path / "prompts"
    override.mkdir()
    (override / "plan.txt.j2").write_text("custom plan for {{ learner }}\n")
    page = PlanPage(learner="ada", curriculum="c", goals=[], known_goals=[], stages=[],
                    topic_count=0, total_minutes=0, total_time="0 min")  # fmt: skip
    assert render("plan.txt.j2", page, override_dir=override) == "custom plan for ada\n"
    assert render("plan.txt.j2", page, override_dir=tmp_path / "none").startswith("Study plan")


def test_missing_variables_fail_loudly(tmp_path: Path) -> None:
    from jinja2 import UndefinedError

    override = tmp_path / "p"
    override.mkdir()
    (override / "plan.txt.j2").write_text("{{ no_such_thing }}")
    page = PlanPage("a", "c", [], [], [], 0, 0, "0 min")
    with pytest.raises(UndefinedError):
        render("plan.txt.j2", page, override_dir=override)
