"""Pathological inputs: time and peak memory of `checker check` per input size, which should stay flat per KB.

Run: python benchmarks/bench_adversarial.py [--generator NAME ...] [--kb 10 100 1000] [--cap-mb 4000] [--limit-s 600]

Each generator in GENERATORS builds one article of about the given size; the article is written to a
temporary file and checked by the CLI (`python -m checker`: the checker of the current folder, else of
PYTHONPATH; run it from another checkout to measure that one) in a child process with one worker (so the
child is the whole run), `--format json -o /dev/null --time-limit 0` (the per-document limit would reject
the very inputs measured here). Peak memory is the child's high-water RSS (VmHWM), sampled while it runs;
a run whose RSS passes --cap-mb, or that runs past --limit-s seconds, is killed and shown as such, so a
quadratic path cannot take the machine down. `extra MB/KB` is the peak above that of a one-sentence article
(the interpreter and the language tables), per KB of input: the figure that must stay flat. A new attack is
a function from a size in bytes to a text, listed in GENERATORS (issue 20, items 2 and 3)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

SENTENCE = "NATO expelled 8 diplomats on 6 October 2021. "


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def repeated_sentence(size: int) -> str:
    """One article repeating one sentence: every fact of a slot is in the same document (issue 20, item 2)."""
    return _repeat(SENTENCE, size)


def spaces_after_sentence(size: int) -> str:
    """A sentence, then nothing but spaces: the "ago" pattern tried a span of words and then every run of
    spaces to its end, from every position (77 s for 20 KB)."""
    return "NATO expelled 8 diplomats two days ago. " + " " * size


def counting(size: int) -> str:
    """«0 1 2 … 9999»: numbers with no word or punctuation after them, each scanning to the end of the text
    for the next word or sentence end (21 s for 49 KB)."""
    out, length, n = [], 0, 0
    while length < size:
        out.append(f"{n} ")
        length += len(out[-1])
        n += 1
    return "".join(out)


def dashes(size: int) -> str:
    """`12 - ` repeated: numbers joined by hyphens, a score or range at every step."""
    return _repeat("12 - ", size)


def percents(size: int) -> str:
    """`50% ` repeated: a measurement at every step, each with its clause and sentence looked up."""
    return _repeat("50% ", size)


def english_number_words(size: int) -> str:
    return _repeat("one two three four five six seven eight nine ten ", size)


def arabic_number_words(size: int) -> str:
    return _repeat("ثلاثة ثمانية عشرة خمسة ", size)


def persian_number_words(size: int) -> str:
    return _repeat("سه هشت ده پنج ", size)


def english_dates(size: int) -> str:
    """Dates back to back: every one replaced by the constructions spotted over it (7-35 s for 70-260 KB)."""
    return _repeat("6 October 2021 ", size)


def persian_dates(size: int) -> str:
    return _repeat("۱۴ مهر ۱۴۰۰ ", size)


def event_words(size: int) -> str:
    """One sentence of event words and counts with no punctuation: every count's nearest event word sought
    through the whole sentence."""
    return _repeat("expelled 8 diplomats killed 12 people ", size)


def facts_in_one_sentence(size: int) -> str:
    """Counts and dates in one endless sentence: each count's nearest date sought among them all."""
    return _repeat("8 killed on 6 October 2021 and ", size)


GENERATORS: dict[str, Callable[[int], str]] = {
    "repeated-sentence": repeated_sentence,
    "spaces-after-sentence": spaces_after_sentence,
    "counting": counting,
    "dashes": dashes,
    "percents": percents,
    "number-words-en": english_number_words,
    "number-words-ar": arabic_number_words,
    "number-words-fa": persian_number_words,
    "dates-en": english_dates,
    "dates-fa": persian_dates,
    "event-words": event_words,
    "facts-in-one-sentence": facts_in_one_sentence,
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


def measure(path: Path, cap_mb: int, limit_s: float) -> tuple[float, int, str]:
    """(seconds, peak RSS in KB, why it was killed or "") of one `checker check` of `path` in a child process."""
    command = [sys.executable, "-m", "checker", "check", str(path), "--format", "json", "-o", "/dev/null",
               "--exit-zero", "--no-progress", "--workers", "1", "--time-limit", "0"]  # fmt: skip
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, killed = 0, ""
    while child.poll() is None:
        peak = max(peak, _peak_rss_kb(child.pid))
        if peak > cap_mb * 1024:
            killed = f"killed above {cap_mb} MB"
        elif time.perf_counter() - started > limit_s:
            killed = f"killed after {limit_s:.0f} s"
        if killed:
            child.kill()
            break
        time.sleep(0.05)
    child.wait()
    seconds = time.perf_counter() - started
    if child.returncode != 0 and not killed:
        raise SystemExit(f"checker failed on {path}: {child.stderr.read().decode(errors='replace')}")
    return seconds, peak, killed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", nargs="*", choices=sorted(GENERATORS), default=list(GENERATORS))
    parser.add_argument("--kb", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--cap-mb", type=int, default=4000, help="kill a run whose RSS passes this")
    parser.add_argument("--limit-s", type=float, default=600, help="kill a run that takes longer than this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base_path = Path(folder) / "base.txt"
        base_path.write_text(SENTENCE, encoding="utf-8")
        base_seconds, base_peak, _ = measure(base_path, args.cap_mb, args.limit_s)
        print(f"one sentence: {base_seconds:.2f} s, peak {base_peak / 1024:.0f} MB (start-up, subtracted below)")
        print(f"{'input':<22} {'KB':>6} {'seconds':>9} {'ms/KB':>7} {'peak MB':>8} {'extra MB/KB':>11}")
        for name in args.generator:
            for kb in args.kb:
                path = Path(folder) / f"{name}.txt"
                data = GENERATORS[name](kb * 1000).encode("utf-8")
                path.write_bytes(data)
                seconds, peak, killed = measure(path, args.cap_mb, args.limit_s)
                size_kb = len(data) / 1000
                work = max(0.0, seconds - base_seconds)
                extra = max(0, peak - base_peak) / 1024
                print(
                    f"{name:<22} {size_kb:>6.0f} {seconds:>9.2f} {work * 1000 / size_kb:>7.1f} {peak / 1024:>8.0f}"
                    f" {extra / size_kb:>11.3f}{'  ' + killed if killed else ''}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
