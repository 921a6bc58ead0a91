"""`checker gate` on a generated table of one million claims, against a straightforward per-row Python
implementation on a 50,000-row slice, in the same run.

The table: office terms (20,000 offices, five holders each, three sources: English years, Persian Jalali
ranges in Persian digits and names, Arabic ranges and names) and event facts (dates written in the three
calendars, Levantine and Persian month names, counts in digits, Persian digits and Arabic words), with
about 1 % of rows planted to disagree. The gate runs in a child process so that its peak RSS is its own.

    python benchmarks/bench_gate.py [--rows 1000000] [--slice 50000]
    python benchmarks/bench_gate.py --conflicting 10000 100000 1000000

The second form measures the gate's cost per finding (issue 20, item 6): tables of 10k, 100k and 1M rows
in which a source contradicts the others on one incident per ten rows (100,000
conflicting subjects in a million rows), each gated in a child process with `--format json` written to a
file, printing time and peak RSS.

Not a test; run by hand. Aim: one million rows in under 30 s and 2 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Name parts in three scripts (one person written three ways); the gate has to join them by skeleton.
FIRST = [("Ali", "علي", "علی"), ("Hassan", "حسن", "حسن"), ("Mohammad", "محمد", "محمد"), ("Reza", "رضا", "رضا"),
         ("Mahmoud", "محمود", "محمود"), ("Hossein", "حسين", "حسین"), ("Mehdi", "مهدي", "مهدی"), ("Karim", "كريم", "کریم"),
         ("Nasser", "ناصر", "ناصر"), ("Saeed", "سعيد", "سعید")]  # fmt: skip
LAST = [("Karimi", "كريمي", "کریمی"), ("Rahimi", "رحيمي", "رحیمی"), ("Tehrani", "طهراني", "تهرانی"), ("Sadeghi", "صادقي", "صادقی"),
        ("Hashemi", "هاشمي", "هاشمی"), ("Shirazi", "شيرازي", "شیرازی"), ("Ahmadi", "أحمدي", "احمدی"), ("Kazemi", "كاظمي", "کاظمی"),
        ("Tabrizi", "تبريزي", "تبریزی"), ("Hosseini", "حسيني", "حسینی"), ("Nouri", "نوري", "نوری"), ("Bagheri", "باقري", "باقری")]  # fmt: skip
FA_DIGITS = {str(i): chr(0x06F0 + i) for i in range(10)}
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
JALALI = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
HIJRI = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
AR_WORDS = ["صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"]
PLANTED_SHARE = 0.01


def joined_names() -> list[int]:
    """The (first, last) combinations whose three spellings the letter tables join without an alias; the
    others (Reza / رضا: ض reads d; Mousavi / موسوی: the Persian drops the v) would need an alias file, and
    would show as two people in one office."""
    from checker.gate.keys import subject_keys

    spellings = {i: [f"{FIRST[i // len(LAST)][s]} {LAST[i % len(LAST)][s]}" for s in range(3)] for i in range(len(FIRST) * len(LAST))}
    keys = subject_keys(pl.Series("subject", [n for names in spellings.values() for n in names]), {})
    key_of = dict(keys.select("subject", "subject_key").iter_rows())
    joined = [i for i, names in spellings.items() if len({key_of[n] for n in names}) == 1]
    # Two combinations that meet each other would be one person holding two posts in a row.
    distinct: dict[str, int] = {}
    for i in joined:
        distinct.setdefault(key_of[spellings[i][0]], i)
    return sorted(distinct.values())


def _fa(expr: pl.Expr) -> pl.Expr:
    return expr.str.replace_many(list(FA_DIGITS), list(FA_DIGITS.values()))


def generate(rows: int, seed: int = 7, conflicts: int | None = None) -> pl.DataFrame:
    """About `rows` claims: 30 % office terms, 70 % event facts; with `conflicts`, that many incidents
    (about, at most every incident) have one source disagreeing, instead of 1 %."""
    from checker.calendars.tables import to_calendars

    rng = np.random.default_rng(seed)
    combos = joined_names()
    offices = max(1, rows * 3 // 10 // 15)  # five holders, three sources each
    holders = offices * 5
    office = np.repeat(np.arange(offices), 5)
    start_year = 1960 + (np.arange(holders) % 5) * 8 + rng.integers(0, 3, holders) * 0  # back to back, 8 years each
    name = np.array(combos)[(office * 7 + np.arange(holders) % 5) % len(combos)]
    first, last = name // len(LAST), name % len(LAST)
    terms = pl.DataFrame({"office": office, "holder": np.arange(holders), "start": start_year, "first": first, "last": last})
    planted = rng.random(holders) < PLANTED_SHARE
    terms = terms.with_columns(end=pl.col("start") + 8 + pl.Series(planted.astype(np.int64) * 2))  # planted: two years too long

    def person(script: int) -> pl.Expr:
        return pl.concat_str(
            pl.col("first").replace_strict({i: f[script] for i, f in enumerate(FIRST)}, return_dtype=pl.Utf8),
            pl.lit(" "),
            pl.col("last").replace_strict({i: n[script] for i, n in enumerate(LAST)}, return_dtype=pl.Utf8),
        )

    office_name = pl.concat_str(pl.lit("Governor of District "), pl.col("office").cast(pl.Utf8))
    clean_end = pl.col("start") + 8
    term_rows = pl.concat(
        [
            terms.select(source=pl.lit("Reuters"), subject=person(0), attribute=pl.lit("term"), office=office_name,
                         value=pl.format("{}–{}", "start", "end"), calendar=pl.lit(None, pl.Utf8)),
            terms.select(source=pl.lit("IRNA"), subject=person(2), attribute=pl.lit("term"), office=office_name,
                         value=_fa(pl.format("{} تا {}", pl.col("start") - 621, clean_end - 621)), calendar=pl.lit(None, pl.Utf8)),
            terms.select(source=pl.lit("Al Jazeera"), subject=person(1), attribute=pl.lit("term"), office=office_name,
                         value=pl.format("من {} إلى {}", "start", clean_end), calendar=pl.lit(None, pl.Utf8)),
        ]
    )  # fmt: skip
    events = max(1, (rows - term_rows.height) // 4)
    days = pl.Series("date", (dt.date(1990, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 12000, events)), dtype=pl.Date)
    ev = to_calendars(pl.DataFrame({"event": np.arange(events), "date": days})).with_columns(
        count=pl.Series(rng.integers(1, 11, events)), is_date=pl.Series(rng.random(events) < 0.6),
        planted=pl.Series(rng.random(events) < (PLANTED_SHARE if conflicts is None else min(1.0, conflicts / events))),
    )  # fmt: skip
    subject = pl.concat_str(pl.lit("Incident "), pl.col("event").cast(pl.Utf8))
    attribute = pl.when(pl.col("is_date")).then(pl.lit("date")).otherwise(pl.lit("killed"))
    month = lambda names, col: pl.col(col).replace_strict(dict(enumerate(names, 1)), return_dtype=pl.Utf8)  # noqa: E731
    english = pl.col("date").dt.strftime("%-d %B %Y")
    shifted = (pl.col("date") + pl.duration(days=2)).dt.strftime("%-d %B %Y")
    event_rows = pl.concat(
        [
            ev.select(source=pl.lit("Reuters"), subject=subject, attribute=attribute, office=pl.lit(None, pl.Utf8),
                      value=pl.when(pl.col("is_date")).then(english).otherwise(pl.col("count").cast(pl.Utf8)), calendar=pl.lit(None, pl.Utf8)),
            ev.select(source=pl.lit("AFP"), subject=subject, attribute=attribute, office=pl.lit(None, pl.Utf8),
                      value=pl.when(pl.col("is_date")).then(pl.when(pl.col("planted")).then(shifted).otherwise(english))
                      .otherwise((pl.col("count") + pl.col("planted").cast(pl.Int64) * 5).cast(pl.Utf8)), calendar=pl.lit(None, pl.Utf8)),
            ev.select(source=pl.lit("IRNA"), subject=subject, attribute=attribute, office=pl.lit(None, pl.Utf8),
                      value=_fa(pl.when(pl.col("is_date")).then(pl.format("{} {} {}", "j_day", month(JALALI, "j_month"), "j_year"))
                                .otherwise(pl.col("count").cast(pl.Utf8))), calendar=pl.lit(None, pl.Utf8)),
            ev.select(source=pl.lit("Al Jazeera"), subject=subject, attribute=attribute, office=pl.lit(None, pl.Utf8),
                      value=pl.when(pl.col("is_date") & (pl.col("event") % 2 == 0)).then(pl.format("{} {} {}", "g_day", month(LEVANT, "g_month"), "g_year"))
                      .when(pl.col("is_date")).then(pl.format("{} {} {}هـ", "h_day", month(HIJRI, "h_month"), "h_year"))
                      .otherwise(pl.col("count").replace_strict(dict(enumerate(AR_WORDS)), return_dtype=pl.Utf8)), calendar=pl.lit(None, pl.Utf8)),
        ]
    )  # fmt: skip
    table = pl.concat([term_rows, event_rows]).head(rows)
    return table.with_columns(published=pl.lit("2024-06-01"))


# --- a straightforward per-row implementation -----------------------------------------------------------


def per_row(path: str) -> tuple[int, float]:
    """Read each row, parse its value with the foundation's readers one call per row, group by subject and
    attribute, compare every pair: what one writes without polars."""
    import csv
    import itertools

    from checker.extract.dates import find_text_dates
    from checker.grammar.numbers import parse_number
    from checker.normalise.text import fold, normalise

    start = time.perf_counter()
    slots: dict[tuple, list] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            value = record["value"]
            key = (fold(record["subject"]), record["attribute"], record["office"])
            ends = value.replace("–", " تا ").replace(" إلى ", " تا ").replace("من ", "").split(" تا ")
            parsed = []
            for side in ends:
                found = find_text_dates(normalise(side), "en" if side.isascii() else ("fa" if "تا" in value or any("۰" <= c <= "۹" for c in side) else "ar"), None)
                if found and found[0].date_start:
                    parsed.append((found[0].date_start, found[0].date_end or found[0].date_start))
                else:
                    number = parse_number(side)
                    if number is not None:
                        parsed.append((number.value, number.value))
            slots.setdefault(key, []).append((record["source"], parsed))
    conflicts = 0
    for values in slots.values():
        for (src_a, a), (src_b, b) in itertools.combinations(values, 2):
            if src_a != src_b and a and b and len(a) == len(b) and any(x[0] > y[1] or y[0] > x[1] for x, y in zip(a, b)):
                conflicts += 1
    return conflicts, time.perf_counter() - start


# --- runs -----------------------------------------------------------------------------------------------


def _child(path: str) -> None:
    """Gate one table in this process and print wall time, peak RSS and counts as JSON."""
    from checker.gate import run_gate

    start = time.perf_counter()
    result = run_gate([path])
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux -> MiB
    stats = result.stats
    print(json.dumps({
        "wall": wall, "peak_mib": peak, "rows": stats.rows_in, "checked": stats.rows_checked, "rejected": stats.rows_rejected,
        "fallback_rows": stats.rows_fallback, "fallback_texts": stats.texts_fallback, "findings": result.findings.height,
        "by_rule": dict(result.findings.group_by("rule").len().iter_rows()),
    }))  # fmt: skip


def _conflicting(sizes: list[int]) -> None:
    """Time and peak RSS of `checker gate --format json -o FILE` (the CLI: reading, rules, policy and the
    writer) on tables with one conflicting incident per ten rows (100,000 in a million)."""
    print(f"{'rows':>9} {'conflicting':>11} {'findings':>9} {'seconds':>8} {'peak MiB':>9} {'KiB/finding':>11}")
    for rows in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path, out = os.path.join(tmp, "claims.csv"), os.path.join(tmp, "gate.json")
            generate(rows, conflicts=rows // 10).write_csv(path)
            command = [sys.executable, "-m", "checker", "gate", path, "--format", "json", "-o", out, "--exit-zero"]
            # A fresh process runs the gate, so that its children's peak RSS is this run's alone.
            measured = subprocess.run([sys.executable, __file__, "--measure", *command], capture_output=True, text=True,
                                      cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
            if measured.returncode != 0:
                raise SystemExit(f"gate failed: {measured.stderr}")
            wall, peak = json.loads(measured.stdout.splitlines()[-1])
            findings = _count_findings(out)
            per = peak * 1024 / findings if findings else 0.0
            print(f"{rows:>9,} {rows // 10:>11,} {findings:>9,} {wall:>8.1f} {peak:>9.0f} {per:>11.1f}", flush=True)


def _measure(command: list[str]) -> None:
    """Run `command`, print [wall seconds, peak RSS in MiB] of it as JSON; exit non-zero if it failed."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    print(json.dumps([wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))


def _count_findings(path: str) -> int:
    with open(path, encoding="utf-8") as handle:
        return len(json.load(handle)["findings"])


def _gate_in_child(path: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", path], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--slice", type=int, default=50_000)
    parser.add_argument("--child")
    parser.add_argument("--conflicting", nargs="*", type=int, help="row counts of the conflict-heavy tables to gate")
    parser.add_argument("--measure", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.measure:
        _measure(args.measure)
        return
    if args.child:
        _child(args.child)
        return
    if args.conflicting:
        _conflicting(args.conflicting)
        return
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        table = generate(args.rows)
        big, small = os.path.join(tmp, "claims.csv"), os.path.join(tmp, "slice.csv")
        table.write_csv(big)
        # The slice keeps whole offices and incidents (every n-th), so it holds disagreements as the table does.
        group = pl.coalesce("office", "subject")
        share = max(1, table.height // args.slice)
        table.filter(group.rank("dense") % share == 0).head(args.slice).write_csv(small)
        print(f"generated {table.height:,} claims in {time.perf_counter() - started:.1f} s ({os.path.getsize(big) / 2**20:.0f} MiB CSV)")
        full = _gate_in_child(big)
        print(
            f"gate, {full['rows']:,} rows: {full['wall']:.1f} s wall, peak RSS {full['peak_mib']:.0f} MiB; "
            f"{full['checked']:,} checked + {full['rejected']} rejected; {full['fallback_rows']:,} rows by the per-row path "
            f"({full['fallback_texts']:,} distinct texts); {full['findings']:,} findings {full['by_rule']}"
        )
        part = _gate_in_child(small)
        conflicts, slow = per_row(small)
        print(f"gate, {part['rows']:,}-row slice: {part['wall']:.2f} s; per-row Python on the same slice: {slow:.1f} s "
              f"({conflicts:,} conflicting pairs) -> {slow / part['wall']:.0f}x")  # fmt: skip
        per_million = slow / part["rows"] * full["rows"]
        print(f"per-row Python extrapolated to {full['rows']:,} rows: {per_million:.0f} s -> {per_million / full['wall']:.0f}x the gate")
        print(f"cores: {os.cpu_count()}, polars threads: {pl.thread_pool_size()}")


if __name__ == "__main__":
    main()
