"""The README is the truth: CI runs its test command, and its quick start works."""

from __future__ import annotations

import re

from conftest import REPO
from typer.testing import CliRunner

from tutor.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, re.S)


def test_the_first_screen_has_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:25])
    main, tests = shell_blocks()[:2]
    assert main.strip() in first_screen and tests.strip() in first_screen
    assert "tutor plan --goal \"Representation Learning\"" in main
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command() -> None:
    tests = shell_blocks()[1].strip()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_the_quick_start_plan_works() -> None:
    main = shell_blocks()[0].strip()
    args = main.split(".venv/bin/tutor ", 1)[1]
    import shlex

    result = CliRunner().invoke(app, shlex.split(args))
    assert result.exit_code == 0, result.output
    assert "Study plan for default: Representation Learning" in result.stdout
    assert "Counting to 10" in result.stdout


def test_every_usage_line_names_a_real_command() -> None:
    usage = shell_blocks()[2]
    commands = {line.split()[1] for line in usage.splitlines()
                if line.startswith("tutor ") and not line.split()[1].startswith("#")}
    for command in commands:
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
