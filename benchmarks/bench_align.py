"""Alignment and comparison cost against the number of documents: checker.align + checker.compare on
synthetic extracted facts, at 1k and 10k documents (add --sizes to change), with a naive all-pairs
comparison of documents in the same run as the peer.

Run: python benchmarks/bench_align.py [--sizes 1000 10000] [--naive-max 2000]

The corpus is news-like: stories of 2–6 documents in Arabic, Persian and English published within a few
days of each other over ten years, each document with about 12 facts (dates, counts, a change) and 60
name skeletons: ten shared by its story, the rest drawn from a vocabulary where a few hundred topic names
recur across thousands of stories (NATO, Russia, ...). Alignment must stay near-linear: blocking by rare
shared names, never all pairs of documents. The naive peer scores every pair of documents by shared names
(what alignment without blocking would do); it is quadratic and run only up to --naive-max documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.align import align  # noqa: E402
from checker.compare import compare  # noqa: E402
from checker.schema import DOCUMENT_SCHEMA, FACT_SCHEMA  # noqa: E402

EVENTS = ["expel", "suspend", "kill", "injure", "flood", "explosion", "meet", "talks", "arrest", "sanction"]
LANGS = ["ar", "fa", "en"]


def _name(rng: random.Random) -> str:
    consonants = "bdfhklmnrstz"
    return "".join(rng.choice(consonants) for _ in range(rng.randint(3, 7)))


def corpus(documents: int, seed: int = 7) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = random.Random(seed)
    topic_names = [_name(rng) for _ in range(300)]
    doc_rows, fact_rows = [], []
    start = dt.date(2015, 1, 1)
    story = 0
    while len(doc_rows) < documents:
        story += 1
        size = min(rng.randint(2, 6), documents - len(doc_rows))
        day = start + dt.timedelta(days=rng.randrange(3650))
        main = rng.sample(EVENTS, 3)
        names = [_name(rng) for _ in range(10)]
        event_day = day - dt.timedelta(days=rng.randint(0, 3))
        toll = rng.randint(5, 100)
        for k in range(size):
            doc = f"s{story}d{k}"
            published = day + dt.timedelta(days=rng.randint(0, 3)) if rng.random() < 0.8 else None
            doc_rows.append({
                "id": doc, "path": f"{doc}.txt", "lang": rng.choice(LANGS), "published": published,
                "published_from": "dateline" if published else None,
                "names": sorted(set(names + rng.sample(topic_names, 20) + [_name(rng) for _ in range(30)])),
                "events": main,
            })
            for n in range(12):
                kind = "date" if n < 5 else "count" if n < 11 else "change"
                event = rng.choice(main)
                row = {"id": f"{doc}#{n}", "doc": doc, "kind": kind, "zone": "body", "text": f"t{n}", "start": n * 10,
                       "end": n * 10 + 5, "line": 1, "col": n * 10 + 1, "lang": "ar", "event": event}
                if kind == "date":
                    shift = rng.choice([0, 0, 0, 0, 1, 2]) if n == 0 else rng.randint(-400, 0)
                    d = event_day + dt.timedelta(days=shift)
                    row.update(calendar="gregorian", value=d.isoformat(), date_start=d, date_end=d, grain="day", year_from="text", tolerance=0)
                elif kind == "count":
                    value = toll + rng.choice([0, 0, 0, 1]) if n == 5 else rng.randint(1, 50)
                    row.update(value=str(value), number=float(value))
                else:
                    row.update(value="10", number=10.0, **{"from": 20.0, "to": 10.0}, ratio=0.5)
                fact_rows.append(row)
    return pl.DataFrame(doc_rows, schema=DOCUMENT_SCHEMA), pl.DataFrame(fact_rows, schema=FACT_SCHEMA)


def naive_pairs(documents: pl.DataFrame) -> int:
    """Every pair of documents scored by shared names: what a comparison without blocking does."""
    names = [set(n) for n in documents["names"].to_list()]
    linked = 0
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            if len(names[i] & names[j]) >= 3:
                linked += 1
    return linked


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--naive-max", type=int, default=2000)
    args = parser.parse_args(argv)
    align(*corpus(50))  # warm-up: tables, compiled expressions
    print(f"polars {pl.__version__}")
    print(f"{'documents':>10} {'facts':>8} {'align+compare s':>16} {'s per 1k docs':>14} {'findings':>9} {'naive pairs s':>14}")
    per_thousand = {}
    for size in args.sizes:
        documents, facts = corpus(size)
        started = time.perf_counter()
        stories, aligned = align(documents, facts)
        findings = compare(aligned)
        elapsed = time.perf_counter() - started
        per_thousand[size] = elapsed / size * 1000
        naive = "-"
        if size <= args.naive_max:
            started = time.perf_counter()
            naive_pairs(documents)
            naive = f"{time.perf_counter() - started:.2f}"
        print(f"{size:>10} {facts.height:>8} {elapsed:>16.2f} {per_thousand[size]:>14.3f} {findings.height:>9} {naive:>14}")
    sizes = sorted(per_thousand)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"growth: {large // small}x the documents took {per_thousand[large] * large / (per_thousand[small] * small):.1f}x the time "
              f"(near-linear is about {large // small}); time per 1k documents {per_thousand[small]:.3f}s -> {per_thousand[large]:.3f}s")


if __name__ == "__main__":
    main()
