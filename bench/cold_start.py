"""CLI cold start: median wall time of whole `tutor` processes on the bundled curriculum, next to
a bare `python -c pass` measured in the same run (so the ratio holds on a noisy machine).

    python bench/cold_start.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "tutor next": [sys.executable, "-m", "tutor", "next"],
    'tutor show "Representation Learning"': [sys.executable, "-m", "tutor", "show",
                                             "Representation Learning"],
    "tutor --help": [sys.executable, "-m", "tutor", "--help"],
}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TUTOR_HOME": home, "PYTHONPATH": str(repo)}
        env.pop("TUTOR_CURRICULUM", None)
        env.pop("TUTOR_CACHE_DIR", None)
        subprocess.run([sys.executable, "-m", "tutor", "goal", "Representation Learning"], env=env,
                       check=True, capture_output=True)  # compiles and caches the curriculum
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):  # interleaved, so load changes hit every command alike
            for name, cmd in COMMANDS.items():
                start = time.perf_counter()
                subprocess.run(cmd, env=env, check=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    print(f"cold start, median of {args.runs} runs (target: tutor commands <= 150 ms)")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"  {name:<40} {med * 1000:7.1f} ms   (python -c pass + {(med - base) * 1000:6.1f} ms)")


if __name__ == "__main__":
    main()
