"""Load: many generated news-like documents through `checker check`, with time and peak RSS.

Run: python benchmarks/bench_load.py [--docs 10000] [--kb 20] [--keep DIR]

Each document is built from the paragraphs of the bundled fixture articles (Arabic, Persian, English),
shuffled with a fixed seed, with their numbers and days varied so that documents differ, until it holds
--kb KB of UTF-8 text; one file per document in a temporary folder. The run is `checker check FOLDER
--format json -o /dev/null --exit-zero` in a child process (the CLI as users run it); its peak RSS is
ru_maxrss of that child. Also printed: the peak RSS of the same command on a tenth of the documents, so
the growth with the number of documents can be read off.

The issue asks for "a few GB"; 10,000 documents of 20 KB is 200 MB, what fits this machine's session
time (extraction is the cost, about linear in the documents of this size)."""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def paragraphs() -> list[str]:
    found = []
    for path in sorted((ROOT / "fixtures").rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # the encoding fixtures
            continue
        found.extend(p.strip() for p in text.split("\n\n") if len(p.strip()) > 40)
    return found


def document(rng: random.Random, pool: list[str], size: int) -> str:
    parts: list[str] = []
    total = 0
    while total < size:
        paragraph = rng.choice(pool)
        paragraph = re.sub(r"\b([1-9]\d?)\b", lambda m: str(max(1, int(m.group()) + rng.randint(-3, 3))), paragraph)
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def generate(folder: Path, docs: int, kb: int, seed: int = 8) -> int:
    rng = random.Random(seed)
    pool = paragraphs()
    written = 0
    for i in range(docs):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        data = document(rng, pool, kb * 1000).encode("utf-8")
        (sub / f"doc{i:05d}.txt").write_bytes(data)
        written += len(data)
    return written


def run(paths: list[str]) -> tuple[float, int, int]:
    """(seconds, peak RSS bytes, exit code) of one `checker check` in a child process."""
    script = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter(); done = subprocess.run(sys.argv[1:]); t = time.perf_counter() - t\n"
        "print(t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, done.returncode)\n"
    )
    command = [sys.executable, "-m", "checker", "check", *paths, "--format", "json", "-o", "/dev/null", "--exit-zero", "--no-progress"]
    out = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="checker-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        size = generate(folder, args.docs, args.kb)
        print(f"generated {args.docs} documents, {size / 1e6:.0f} MB, in {time.perf_counter() - start:.0f} s")
        tenth = sorted(str(p) for p in folder.iterdir())[: max(1, len(list(folder.iterdir())) // 10)]
        if args.docs >= 2000:
            seconds, peak, code = run(tenth)
            print(f"a tenth ({len(tenth)} folders of 1000): {seconds:.0f} s, peak RSS {peak / 2**20:.0f} MiB, exit {code}")
        seconds, peak, code = run([str(folder)])
        print(
            f"check: {args.docs} documents, {size / 1e6:.0f} MB in {seconds:.0f} s "
            f"({args.docs / seconds:.1f} docs/s, {size / 1e6 / seconds:.2f} MB/s), peak RSS {peak / 2**20:.0f} MiB, exit {code}"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
