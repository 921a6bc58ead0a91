"""Extraction throughput: checker.engine.extract_documents against dateparser's search_dates.

Run: python benchmarks/bench_extract.py [--mb 1] [--slice-kb 200] [--reference 2026-01-28] [--startup-only]

The corpus repeats the articles of the multi-outlet story cases (tests/cases/check/<story>/*.txt: real
outlets' wording in Arabic, Persian and English, in path order) as separate documents until it holds at
least --mb MB (10^6 bytes) of UTF-8 text. checker extracts every document; dateparser,
much slower per call, searches a slice (the first whole cycles of the seeds reaching --slice-kb KB, at
least one cycle) and its time for the full corpus is projected from that. Both get the same reference
day: extract_documents(published=...) for documents that state none of their own, and
search_dates(settings={"RELATIVE_BASE": ...}).

Each phase runs in a fresh process, so its peak RSS (ru_maxrss: imports, tables, the run) is its own.
First calls load tables and are timed apart as warm-up, not throughput. The tracemalloc peak is taken on
a second, untimed pass over the slice, after warm-up; it sees Python allocations only (polars' Rust
buffers are not traced) — the working memory of a run, not the loaded tables.

Dates found are compared on the slice: checker's date facts by zone, dateparser's hits, and how many of
those hits are not dates at all (see `looks_like_date` for the heuristic).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import Any, Callable

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# The checker measured: this tree's, or another checkout's (CHECKER_BENCH_ROOT=/path/to/main) on the same corpus.
CHECKER_ROOT = Path(os.environ.get("CHECKER_BENCH_ROOT", PROJECT_ROOT)).resolve()
sys.path.insert(0, str(CHECKER_ROOT))  # run from a source tree without installing

from checker.ingest.document import Document  # noqa: E402

STORY_DIR = PROJECT_ROOT / "tests" / "cases" / "check"
LANGUAGES = ["ar", "fa", "en"]
MB = 1_000_000
ZONES = ("body", "meta", "chrome")


def story_documents() -> list[Document]:
    """One cycle of the corpus: every article of every story case, ids made unique by their story."""
    return [
        Document(id=f"{path.parent.name}_{path.stem}", path=str(path.relative_to(PROJECT_ROOT)), text=path.read_text(encoding="utf-8"))
        for path in sorted(STORY_DIR.glob("*/*.txt"))
    ]


def size(documents: list[Document]) -> int:
    return sum(len(doc.text.encode("utf-8")) for doc in documents)


def build_corpus(mb: float) -> list[Document]:
    """The story articles, cycling in path order, as separate documents until at least MB megabytes."""
    seeds = story_documents()
    corpus: list[Document] = []
    total = 0
    while total < mb * MB:
        seed = seeds[len(corpus) % len(seeds)]
        corpus.append(Document(id=f"{len(corpus):05d}_{seed.id}", path=seed.path, text=seed.text))
        total += len(seed.text.encode("utf-8"))
    return corpus


def slice_of(corpus: list[Document], kb: float) -> list[Document]:
    """The first whole cycles of the articles that reach KB kilobytes (at least one cycle), so the slice has
    the corpus's mix of articles and a projection from it holds."""
    cycle = len(story_documents())
    cycle_bytes = size(corpus[:cycle])
    cycles = max(1, -(-int(kb * 1000) // cycle_bytes))  # ceiling
    return corpus[: cycles * cycle]


def peak_rss_mb() -> float:
    """This process's high-water resident set size (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak * 1024 / MB


def traced_peak_mb(action: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


# A dateparser hit counts as a date when its text has one of these; otherwise it is a number, a clock
# time or a percentage that search_dates turned into a date ("24", "04", "70th", "16:03", "90 دقيقة").
YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")  # 2026, ۱۴۰۳ (digits are folded to ASCII first)
DAY_MONTH_YEAR = re.compile(r"(?<!\d)\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?!\d)")  # 31/5/2021, 7.10.21
RELATIVE_WORDS = {  # words that make a hit a relative date (dateparser reads them as one too)
    "ar": "امس البارحه اليوم غدا الغد الاسبوع الشهر العام السنه منذ",
    "fa": "دیروز امروز فردا هفته ماه سال پیش",
    "en": "yesterday today tomorrow week month year ago",
}


def looks_like_date(hit: str) -> bool:
    """Whether a dateparser hit is plausibly a date: it has a month name or a weekday name (checker's
    ar/fa/en tables, one or two words), a 4-digit year, a d/m/y pattern, or a relative day word. An
    estimate both ways: "4, 2019" counts as a date; a lone "مهر" (a seal, or the Jalali month) too."""
    from checker.grammar.dates import month_named, weekday_named
    from checker.normalise.text import fold

    folded = fold(hit)
    if YEAR.search(folded) or DAY_MONTH_YEAR.search(folded):
        return True
    words = re.findall(r"\w+", folded)
    relative = {fold(word) for line in RELATIVE_WORDS.values() for word in line.split()}
    for i, word in enumerate(words):
        pair = " ".join(words[i : i + 2])
        for lang in LANGUAGES:  # weekday_named gives 0 for Monday: compare with None
            if (month_named(word, lang), weekday_named(word, lang), month_named(pair, lang)) != (None, None, None):
                return True
        if word in relative:
            return True
    return False


def located(documents: list[Document], hits: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """(document id, start, end) of each hit: search_dates gives the matched text in reading order, not
    its offset, so each is looked up after the previous one (a hit not found is left out)."""
    texts = {doc.id: doc.text for doc in documents}
    spans, cursor = [], {}
    for doc_id, hit in hits:
        start = texts[doc_id].find(hit, cursor.get(doc_id, 0))
        if start >= 0:
            spans.append((doc_id, start, start + len(hit)))
            cursor[doc_id] = start + len(hit)
    return spans


def overlapping(spans: list[tuple[str, int, int]], others: list[tuple[str, int, int]]) -> int:
    """How many of SPANS share at least one character with one of OTHERS in the same document."""
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc_id, start, end in others:
        by_doc.setdefault(doc_id, []).append((start, end))
    return sum(
        any(start < other_end and other_start < end for other_start, other_end in by_doc.get(doc_id, []))
        for doc_id, start, end in spans
    )


def run_checker(mb: float, slice_kb: float, reference: dt.date) -> dict[str, Any]:
    """Phase 1, in its own process: extract_documents over the whole corpus."""
    from checker.engine import extract_documents

    corpus = build_corpus(mb)
    part = slice_of(corpus, slice_kb)
    started = time.perf_counter()
    extract_documents(story_documents(), published=reference)
    warm_up = time.perf_counter() - started

    started = time.perf_counter()
    extraction = extract_documents(corpus, published=reference)
    seconds = time.perf_counter() - started

    ids = {doc.id for doc in part}
    dates = extraction.facts.filter(kind="date")
    slice_dates = dates.filter(dates["doc"].is_in(ids))
    on_slice = Counter(slice_dates["zone"].to_list())
    return {
        "warm_up": warm_up,
        "seconds": seconds,
        "facts": extraction.facts.height,
        "dates": dates.height,
        "slice_zones": {zone: on_slice.get(zone, 0) for zone in ZONES},
        "slice_spans": slice_dates.select("doc", "start", "end").rows(),
        "traced_mb": traced_peak_mb(lambda: extract_documents(part, published=reference)),
        "rss_mb": peak_rss_mb(),
    }


def run_dateparser(mb: float, slice_kb: float, reference: dt.date) -> dict[str, Any]:
    """Phase 2, in its own process: search_dates over the slice, one document at a time."""
    from dateparser.search import search_dates

    base = dt.datetime.combine(reference, dt.time())
    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}

    def search(documents: list[Document]) -> list[tuple[str, str]]:
        """(document id, matched text) of every hit."""
        found = ((doc.id, search_dates(doc.text, languages=LANGUAGES, settings=settings) or []) for doc in documents)
        return [(doc_id, hit) for doc_id, hits in found for hit, _ in hits]

    part = slice_of(build_corpus(mb), slice_kb)
    started = time.perf_counter()
    search(story_documents()[:1])
    warm_up = time.perf_counter() - started

    started = time.perf_counter()
    hits = search(part)
    seconds = time.perf_counter() - started

    not_dates = Counter(hit for _, hit in hits if not looks_like_date(hit))
    return {
        "warm_up": warm_up,
        "seconds": seconds,
        "hits": len(hits),
        "spans": located(part, hits),
        "not_dates": sum(not_dates.values()),
        "common_not_dates": not_dates.most_common(6),
        "traced_mb": traced_peak_mb(lambda: search(part)),
        "rss_mb": peak_rss_mb(),
    }


def in_fresh_process(phase: Callable[..., dict[str, Any]], *arguments: Any) -> dict[str, Any]:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(phase, *arguments).result()


STARTUP_STORY = PROJECT_ROOT / "tests" / "cases" / "check" / "beirut_port"


def startup_commands() -> list[tuple[str, list[str]]]:
    """The commands an editor or a CI job runs on one file: (label, arguments after `checker`)."""
    story = sorted(STARTUP_STORY.glob("*.txt"))
    draft, sources = story[0], story[1:4]  # editor mode: one draft against a few sources
    against = [arg for source in sources for arg in ("--against", str(source))]
    return [
        ("--help", ["--help"]),
        ("convert", ["convert", "۱۴ مهر ۱۴۰۰"]),
        ("facts one file", ["facts", str(draft), "--format", "json"]),
        ("check one file", ["check", str(draft), "--format", "json", "--exit-zero"]),
        ("check --against", ["check", str(draft), *against, "--format", "json", "--exit-zero"]),
    ]


def cli_seconds(arguments: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole `python -m checker ARGUMENTS` process (imports, tables, run,
    output). CPU (user + system of the process and its workers) barely moves with the machine's load."""
    command = [sys.executable, "-m", "checker", *arguments]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env={**os.environ, "PYTHONPATH": str(CHECKER_ROOT)}, cwd=CHECKER_ROOT,
                   stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_cli(arguments: list[str]) -> float:
    return cli_seconds(arguments)[0]


def startup(runs: int) -> list[tuple[str, float, float, float]]:
    """(label, median wall, best wall, median CPU) seconds of each start-up command over RUNS runs, after
    one untimed run that fills the tables' cache (what every later run of an installed version finds)."""
    rows = []
    for label, arguments in startup_commands():
        run_cli(arguments)
        walls, cpus = zip(*(cli_seconds(arguments) for _ in range(runs)))
        rows.append((label, statistics.median(walls), min(walls), statistics.median(cpus)))
    return rows


def print_startup(runs: int) -> None:
    print(f"start-up, whole process (python -m checker from {CHECKER_ROOT}), median and best of {runs} runs:")
    for label, median, best, cpu in startup(runs):
        print(f"  {label:18} {median:6.3f} s  (best {best:.3f} s; CPU {cpu:.3f} s)")


def whole_process(corpus: list[Document], reference: dt.date, workers: int) -> float:
    """Wall seconds of `checker facts` over the corpus written out as files, JSON to a pipe: what a user
    waits for, start-up included."""
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as folder:
        for doc in corpus:
            Path(folder, f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
        arguments = ["facts", folder, "--format", "json", "--no-progress", "--published", reference.isoformat()]
        return run_cli([*arguments, "--workers", str(workers)])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="corpus size in MB (10^6 bytes of UTF-8)")
    parser.add_argument("--slice-kb", type=float, default=200.0, help="dateparser's slice, in KB")
    parser.add_argument("--reference", type=dt.date.fromisoformat, default=dt.date(2026, 1, 28),
                        help="publication day for documents without one; dateparser's RELATIVE_BASE")
    parser.add_argument("--startup-runs", type=int, default=10, help="runs per start-up command (median)")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up benchmark")
    args = parser.parse_args(argv)
    if args.startup_only:
        print_startup(args.startup_runs)
        return

    corpus = build_corpus(args.mb)
    part = slice_of(corpus, args.slice_kb)
    cycle = len(story_documents())
    corpus_mb, slice_mb = size(corpus) / MB, size(part) / MB
    print(
        f"python {platform.python_version()}, polars {version('polars')}, dateparser {version('dateparser')};"
        f" reference day {args.reference}"
    )
    print(f"checker from {CHECKER_ROOT}")
    print(f"corpus: {len(corpus) / cycle:g} cycles of {cycle} story articles = {len(corpus)} documents,"
          f" {corpus_mb:.2f} MB")
    print(f"slice:  the first {len(part) // cycle} cycles = {len(part)} documents, {slice_mb:.3f} MB")

    ours = in_fresh_process(run_checker, args.mb, args.slice_kb, args.reference)
    theirs = in_fresh_process(run_dateparser, args.mb, args.slice_kb, args.reference)

    our_rate, their_rate = corpus_mb / ours["seconds"], slice_mb / theirs["seconds"]
    rows = [
        ("checker extract_documents", len(corpus), corpus_mb, ours["seconds"], our_rate,
         len(corpus) / ours["seconds"], ours["warm_up"], ours["rss_mb"], ours["traced_mb"]),
        ("dateparser search_dates", len(part), slice_mb, theirs["seconds"], their_rate,
         len(part) / theirs["seconds"], theirs["warm_up"], theirs["rss_mb"], theirs["traced_mb"]),
    ]
    print()
    print(f"{'phase':26} {'docs':>6} {'MB':>6} {'seconds':>8} {'MB/s':>7} {'docs/s':>7} {'warm-up':>8}"
          f" {'peak RSS':>9} {'traced':>8}")
    for name, docs, mb, seconds, rate, doc_rate, warm_up, rss, traced in rows:
        print(f"{name:26} {docs:6} {mb:6.2f} {seconds:8.2f} {rate:7.3f} {doc_rate:7.1f} {warm_up:7.2f}s"
              f" {rss:6.0f} MB {traced:5.1f} MB")
    print(f"{'dateparser, projected':26} {len(corpus):6} {corpus_mb:6.2f} {corpus_mb / their_rate:8.2f}"
          f"  (the slice's rate over the full corpus)")
    print(f"throughput ratio, checker / dateparser: {our_rate / their_rate:.2f}x"
          " (per core, start-up excluded: both warm, in one process)")

    # What a user waits for: the whole `checker facts` process, with 1 worker and with the default (all cores).
    cores = os.cpu_count() or 1
    chars = sum(len(doc.text) for doc in corpus)
    print()
    print(f"whole process, start-up included: checker facts DIR --format json over the corpus ({chars / 1000:.0f} kchar);"
          f" dateparser warm at {their_rate * MB / 1000:.0f} kB/s")
    timed = {workers: whole_process(corpus, args.reference, workers) for workers in dict.fromkeys((1, cores))}
    for workers, seconds in timed.items():
        rate = corpus_mb / seconds
        label = f"{workers} worker{'s' if workers > 1 else ''}" + (" (default)" if workers == cores else "")
        print(f"  {label:22} {seconds:7.2f} s {chars / seconds / 1000:7.0f} kchar/s"
              f"  {rate / workers / their_rate:6.2f}x dateparser per core")
    if cores > 1:
        print(f"  {cores} workers over 1: {timed[1] / timed[cores]:.2f}x")
    print("(peak RSS: each phase's own process, imports included; traced: tracemalloc peak of a second,")
    print(" untimed pass over the slice, Python allocations only)")

    zones = ours["slice_zones"]
    print()
    print(f"dates found on the slice ({len(part)} documents)")
    print(f"  checker     {sum(zones.values()):5}  ({', '.join(f'{zone} {zones[zone]}' for zone in ZONES)})")
    share = theirs["not_dates"] / theirs["hits"] if theirs["hits"] else 0.0
    print(
        f"  dateparser  {theirs['hits']:5}  of which {theirs['not_dates']} not dates ({share:.0%}):"
        " no month or weekday name, 4-digit year, d/m/y or relative word"
    )
    common = ", ".join(f"{hit!r} x{count}" for hit, count in theirs["common_not_dates"])
    print(f"  dateparser's most frequent non-dates: {common}")
    both = overlapping(theirs["spans"], ours["slice_spans"])
    print(f"  overlap: {both} of dateparser's {len(theirs['spans'])} located hits share text with a checker date;"
          f" {overlapping(ours['slice_spans'], theirs['spans'])} of checker's {sum(zones.values())} dates"
          " share text with a dateparser hit")
    print(f"  (checker over the whole corpus: {ours['dates']} date facts among {ours['facts']} facts)")


if __name__ == "__main__":
    main()
