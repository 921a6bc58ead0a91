"""Pathological inputs: time and peak memory of `checker check` per input size, which should stay flat per KB.

Run: python benchmarks/bench_adversarial.py [--generator NAME ...] [--kb 50 100 200 1000] [--cap-mb 4000]

Each generator in GENERATORS builds one article of about the given size; the article is written to a
temporary file and checked by the CLI (`python -m checker`: the checker of the current folder, else of
PYTHONPATH; run it from another checkout to measure that one) in a child process with one worker (so the
child is the whole run), `--format json -o /dev/null`. Peak memory is the child's high-water RSS (VmHWM), sampled while it
runs; a run whose RSS passes --cap-mb is killed and shown as such, so a quadratic path cannot take the
machine down. A new attack is a function from a size in bytes to a text, listed in GENERATORS."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable


def repeated_sentence(size: int) -> str:
    """One article repeating one sentence: every fact of a slot is in the same document (issue 20, item 2)."""
    sentence = "NATO expelled 8 diplomats on 6 October 2021. "
    return sentence * max(1, size // len(sentence.encode("utf-8")))


GENERATORS: dict[str, Callable[[int], str]] = {
    "repeated-sentence": repeated_sentence,
}


def _peak_rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # the child has just exited
        pass
    return 0


def measure(path: Path, cap_mb: int) -> tuple[float, int, bool]:
    """(seconds, peak RSS in KB, killed at the cap) of one `checker check` of `path` in a child process."""
    command = [sys.executable, "-m", "checker", "check", str(path), "--format", "json", "-o", "/dev/null",
               "--exit-zero", "--no-progress", "--workers", "1"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, killed = 0, False
    while child.poll() is None:
        peak = max(peak, _peak_rss_kb(child.pid))
        if peak > cap_mb * 1024:
            child.kill()
            killed = True
            break
        time.sleep(0.05)
    child.wait()
    seconds = time.perf_counter() - started
    if child.returncode != 0 and not killed:
        raise SystemExit(f"checker failed on {path}: {child.stderr.read().decode(errors='replace')}")
    return seconds, peak, killed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", nargs="*", choices=sorted(GENERATORS), default=sorted(GENERATORS))
    parser.add_argument("--kb", nargs="*", type=int, default=[50, 100, 200, 1000])
    parser.add_argument("--cap-mb", type=int, default=4000, help="kill a run whose RSS passes this")
    args = parser.parse_args()
    print(f"{'input':<20} {'KB':>6} {'seconds':>9} {'ms/KB':>7} {'peak MB':>9} {'KB RSS/KB':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.generator:
            for kb in args.kb:
                path = Path(folder) / f"{name}.txt"
                data = GENERATORS[name](kb * 1000).encode("utf-8")
                path.write_bytes(data)
                seconds, peak, killed = measure(path, args.cap_mb)
                size_kb = len(data) / 1000
                note = f"  killed above {args.cap_mb} MB" if killed else ""
                print(
                    f"{name:<20} {size_kb:>6.0f} {seconds:>9.2f} {seconds * 1000 / size_kb:>7.1f} {peak / 1024:>9.0f}"
                    f" {peak / size_kb:>10.1f}{note}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
