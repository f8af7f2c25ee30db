"""The benchmark scripts run (at a small size) and print their figures. No timing is asserted."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def run(script: str, *args: str) -> str:
    result = subprocess.run([sys.executable, str(REPO / "bench" / script), *args],
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_remediation_benchmark_smoke() -> None:
    output = run("remediation.py", "--trials", "20", "--seed", "3")
    assert "right prerequisite named after two failures:" in output


def test_scale_benchmark_smoke() -> None:
    output = run("scale.py", "--topics", "2000", "--repeat", "1")
    assert "load from compiled cache:" in output and "naive networkx" in output
    assert "first show after a load" in output
    assert "peak memory of a command" in output and "peak memory of this whole run" in output


def test_cold_start_benchmark_smoke() -> None:
    output = run("cold_start.py", "--runs", "1")
    assert "python -c pass" in output and "tutor next" in output


def test_real_graphs_benchmark_smoke() -> None:
    output = run("real_graphs.py")
    assert "metacademy" in output or "nothing to measure" in output
