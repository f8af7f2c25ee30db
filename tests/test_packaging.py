"""The built wheel carries the curriculum and templates and works outside the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO


@pytest.mark.slow
def test_wheel_ships_assets_and_runs_from_them(tmp_path: Path) -> None:
    if shutil.which("git") is None and not (REPO / "pyproject.toml").exists():
        pytest.skip("no source tree")
    try:
        import hatchling  # noqa: F401
    except ImportError:
        pytest.skip("hatchling is not installed (pip install -e '.[test]' brings it)")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist), str(REPO)], check=True, timeout=300)  # fmt: skip
    (wheel,) = dist.glob("tutor-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tutor/_data/curriculum/curriculum.yaml" in names
    assert any(n.startswith("tutor/_data/curriculum/topics/") for n in names)
    assert "tutor/_data/prompts/topic.txt.j2" in names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, timeout=300)  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(target), "TUTOR_HOME": str(tmp_path / "home")}
    env.pop("TUTOR_CURRICULUM", None)
    probe = subprocess.run(
        [sys.executable, "-c", "import tutor, tutor.paths as p; "
         "print(tutor.__file__); print(p.bundled_asset('curriculum'))"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=True, timeout=60,
    )  # fmt: skip
    module_file, curriculum_dir = probe.stdout.split("\n")[:2]
    assert module_file.startswith(str(target)) and curriculum_dir.startswith(str(target))
    shown = subprocess.run(
        [sys.executable, "-m", "tutor", "show", "Representation Learning", "--json"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["depth"] == 65
