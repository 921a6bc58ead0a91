"""Scale: the check engine on generated news-like corpora, locally (1 worker, all cores) and on Dask.

Run: python benchmarks/bench_scale.py [--sizes 10000 100000] [--one-worker-max 10000] [--slice 1000]

Documents are built from the fixture articles (fixtures/seeds, fixtures/stories, fixtures/articles/*.txt):
a story group takes one article, shifts its numbers (days within 1..28, years by up to 30, other counts by
the group's offset) in the script they are written in, and each of the group's ~6 documents keeps the
headline and a seeded shuffle of the other sentences with one dropped, so texts differ and stories are
many and small (as in an archive), not one giant cluster. The corpus is streamed to the engine, never held.

Each configuration runs in a fresh process, so its peak memory (ru_maxrss of the driver, and of its worker
processes) is its own. dateparser.search_dates runs over the first --slice documents in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

GROUP = 6  # documents per story group
DIGITS = {"0": "0123456789", "٠": "٠١٢٣٤٥٦٧٨٩", "۰": "۰۱۲۳۴۵۶۷۸۹"}
NUMBER = re.compile(r"[0-9]+|[٠-٩]+|[۰-۹]+")
SENTENCE = re.compile(r"(?<=[.!?؟。])\s+|\n+")


def templates() -> list[str]:
    paths = sorted((PROJECT_ROOT / "fixtures" / "seeds").glob("*.txt"))
    paths += sorted((PROJECT_ROOT / "fixtures" / "stories").rglob("*.txt"))
    paths += sorted((PROJECT_ROOT / "fixtures" / "articles").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


# Syllables written alike in the three scripts, so a group's invented names meet across languages the way
# Lavrov / لافروف / لاوروف do. Every group gets its own two names: in an archive most names are rare, and
# the stories are found through them (a corpus recombining twenty articles would otherwise share them all).
SYLLABLES = [("ka", "كا", "کا"), ("ri", "ري", "ری"), ("mo", "مو", "مو"), ("la", "لا", "لا"), ("su", "سو", "سو"),
             ("ta", "تا", "تا"), ("ne", "ني", "نی"), ("do", "دو", "دو"), ("bi", "بي", "بی"), ("fa", "فا", "فا")]
SAID = {  # three invented names: stories need at least three shared rare names (checker/align/stories.py)
    "en": "The spokesman {name} said in {place} the situation was under control.",
    "ar": "وقال المتحدث {name} في {place} إن الوضع تحت السيطرة.",
    "fa": "سخنگو {name} در {place} گفت اوضاع تحت کنترل است.",
}


def invented_name(group: int, lang: str, words: int = 2) -> str:
    """`words` invented words for a group, the same in every script; no syllable repeats the one before,
    since a name's skeleton keeps one of two doubled consonants (Kakala -> kl)."""
    script = {"en": 0, "ar": 1, "fa": 2}[lang]
    rng = random.Random(group)
    out = []
    for _ in range(words):
        picks = [rng.randrange(10)]
        while len(picks) < 4:
            pick = rng.randrange(10)
            if pick != picks[-1]:
                picks.append(pick)
        word = "".join(SYLLABLES[p][script] for p in picks)
        out.append(word.capitalize() if script == 0 else word)
    return " ".join(out)


def language_of(text: str) -> str:
    if re.search("[پچژگی]", text):
        return "fa"
    return "ar" if re.search("[\u0600-\u06ff]", text) else "en"


def shift_numbers(text: str, day: int, year: int, offset: int) -> str:
    def shifted(match: re.Match) -> str:
        run = match.group(0)
        table = next(t for t in DIGITS.values() if run[0] in t)
        n = int("".join(str(table.index(c)) for c in run))
        if 1 <= n <= 28:
            n = (n - 1 + day) % 28 + 1
        elif 1300 <= n <= 2100:  # a Gregorian, Hijri or Jalali year
            n += year
        elif n > 31:
            n += offset
        return "".join(table[int(c)] for c in str(n)).rjust(len(run), table[0]) if run.startswith(table[0]) else "".join(
            table[int(c)] for c in str(n)
        )

    return NUMBER.sub(shifted, text)


def corpus(n: int, seed: int = 7) -> Iterator:
    from checker.ingest.document import Document

    articles = templates()
    for group in range(-(-n // GROUP)):
        template = articles[group % len(articles)]
        combo = group // len(articles)  # each template's groups get distinct day/year shifts
        text = shift_numbers(template, combo % 28, (combo // 28) % 31, combo % 97)
        sentences = [s for s in SENTENCE.split(text) if s.strip()]
        lang = language_of(template)
        place = invented_name(-group - 1, lang, words=1)
        said = SAID[lang].format(name=invented_name(group, lang), place=place)
        for member in range(GROUP):
            i = group * GROUP + member
            if i >= n:
                return
            rng = random.Random(seed * 1_000_003 + i)
            body = sentences[1:]
            rng.shuffle(body)
            if len(body) > 3:
                body.pop(rng.randrange(len(body)))
            # Past the first paragraphs, which layout may read as a dateline or page chrome rather than body.
            body.insert(len(body) // 2 + rng.randrange(2), said)
            yield Document(id=f"g{group:06d}_{member}", path=f"generated/g{group:06d}_{member}.txt", text="\n\n".join(sentences[:1] + body))


def peak_mb() -> tuple[float, float]:
    """(driver, largest child process) high-water RSS in MB (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def run_one(engine: str, workers: int, n: int) -> dict:
    from checker.engine import check_streamed

    marks: dict[str, float] = {}  # when each stage began: the driver's alignment is the serial part

    def progress(stage: str, done: int, total: int | None) -> None:
        marks.setdefault(stage, time.perf_counter())

    started = time.perf_counter()
    result = check_streamed(corpus(n), engine=engine, workers=workers, progress=progress)
    seconds = time.perf_counter() - started
    driver, child = peak_mb()
    return {
        "engine": engine,
        "workers": workers,
        "documents": n,
        "seconds": round(seconds, 2),
        "docs_per_s": round(n / seconds, 1),
        "extract_s": round(marks["align"] - started, 2),
        "align_s": round(marks["compare"] - marks["align"], 2),
        "compare_s": round(started + seconds - marks["compare"], 2),
        "facts": result.fact_count,
        "stories": result.documents["story"].n_unique(),
        "findings": result.findings.height,
        "rejected": result.rejected.height,
        # The driver's own CPU (reading, batching, alignment, merging): with workers elsewhere, the serial part.
        "driver_cpu_s": round(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]), 1),
        "peak_driver_mb": round(driver),
        "peak_worker_mb": round(child),
    }


def run_dateparser(n: int) -> dict:
    import warnings

    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")
    docs = list(corpus(n))
    search_dates("warm up 6 October 2021", languages=["ar", "fa", "en"])
    started = time.perf_counter()
    hits = 0
    for doc in docs:
        hits += len(search_dates(doc.text, languages=["ar", "fa", "en"]) or [])
    seconds = time.perf_counter() - started
    return {"engine": "dateparser.search_dates", "workers": 1, "documents": n, "seconds": round(seconds, 2), "docs_per_s": round(n / seconds, 1), "hits": hits}


def in_fresh_process(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--one-worker-max", type=int, default=10_000, help="largest size also run on one worker")
    parser.add_argument("--slice", type=int, default=1000, help="documents for dateparser.search_dates")
    parser.add_argument("--large-engines", nargs="+", default=["local", "dask"], help="engines run above the smallest size")
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "WORKERS", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        engine, workers, n = args.one
        row = run_dateparser(int(n)) if engine == "dateparser" else run_one(engine, int(workers), int(n))
        print(json.dumps(row))
        return
    cores = os.cpu_count() or 1
    rows = []
    for i, n in enumerate(sorted(args.sizes)):
        configs = [("local", 1)] if n <= args.one_worker_max else []
        configs += [(engine, cores) for engine in ("local", "dask") if i == 0 or engine in args.large_engines]
        for engine, workers in configs:
            rows.append(in_fresh_process(engine, str(workers), str(n)))
            print(json.dumps(rows[-1]), flush=True)
        if i == 0:  # dateparser after the small runs, so its figure is there even if a large run is cut short
            rows.append(in_fresh_process("dateparser", "1", str(args.slice)))
            print(json.dumps(rows[-1]), flush=True)
    by = {(r["engine"], r["workers"], r["documents"]): r for r in rows}
    small, large = min(args.sizes), max(args.sizes)
    for engine in ("local", "dask"):
        a, b = by.get((engine, cores, small)), by.get((engine, cores, large))
        if a and b and large != small:
            print(f"{engine} x{cores}: time ratio {large // small}x documents = {b['seconds'] / a['seconds']:.1f}x")


if __name__ == "__main__":
    main()
