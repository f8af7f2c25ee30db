"""CLI cold start: median wall time of whole `tutor` processes on the bundled curriculum, next to
a bare `python -c pass` measured in the same run (so the ratio holds on a noisy machine), and the
median CPU time (user + system) of the same processes, which a busy machine disturbs far less.

    python bench/cold_start.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import resource
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
        # An installed tutor runs from compiled bytecode (pip writes it at install time): let the
        # warm-up run below write it for the source tree too, as a first normal run would.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "tutor", "goal", "Representation Learning"], env=env,
                       check=True, capture_output=True)  # compiles and caches the curriculum
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):  # interleaved, so load changes hit every command alike
            for name, cmd in COMMANDS.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(cmd, env=env, check=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    base = statistics.median(times["python -c pass"])
    base_cpu = statistics.median(cpu["python -c pass"])
    print(f"cold start, median of {args.runs} runs (target: tutor commands <= 150 ms wall);"
          f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"  {'command':<40} {'wall':>9}   {'(over python)':>13}   {'CPU':>9}   {'(over python)':>13}")
    for name, ts in times.items():
        med, med_cpu = statistics.median(ts), statistics.median(cpu[name])
        print(f"  {name:<40} {med * 1000:6.1f} ms   {(med - base) * 1000:+10.1f} ms"
              f"   {med_cpu * 1000:6.1f} ms   {(med_cpu - base_cpu) * 1000:+10.1f} ms")


if __name__ == "__main__":
    main()
