"""Vectorised resolve() against a per-row Python loop over hijridate / jdatetime.

Run: python benchmarks/bench_calendars.py [rows] [loop_rows]

Both sides convert the same random valid Hijri and Jalali days (1925–2075, half of each) to Gregorian.
The loop runs on a slice and is extrapolated to the full row count; the output says so.
"""

from __future__ import annotations

import datetime
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import jdatetime
import polars as pl
from hijridate import Hijri

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a source tree without installing

from checker.calendars.intervals import resolve  # noqa: E402
from checker.calendars.tables import day_table, month_table  # noqa: E402

SEED = 20211006
T = TypeVar("T")


def random_valid_days(rows: int) -> pl.DataFrame:
    """(calendar, year, month, day) rows for random days, with the Gregorian date they should give."""
    days = day_table().filter(pl.col("date").is_between(pl.date(1925, 1, 1), pl.date(2075, 12, 31)))
    sample = days.sample(n=rows, with_replacement=True, seed=SEED)
    is_hijri = pl.int_range(pl.len()).hash(SEED) % 2 == 0
    return sample.select(
        calendar=pl.when(is_hijri).then(pl.lit("hijri")).otherwise(pl.lit("jalali")),
        year=pl.when(is_hijri).then("h_year").otherwise("j_year").cast(pl.Int64),
        month=pl.when(is_hijri).then("h_month").otherwise("j_month").cast(pl.Int64),
        day=pl.when(is_hijri).then("h_day").otherwise("j_day").cast(pl.Int64),
        expected=pl.col("date"),
    )


def python_loop(rows: pl.DataFrame) -> list[datetime.date]:
    converted = []
    for calendar, year, month, day in rows.select("calendar", "year", "month", "day").iter_rows():
        if calendar == "hijri":
            converted.append(Hijri(year, month, day).to_gregorian())  # a datetime.date subclass
        else:
            converted.append(jdatetime.date(year, month, day).togregorian())
    return converted


def seconds_taken(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main(rows: int = 1_000_000, loop_rows: int = 100_000) -> None:
    started = time.perf_counter()
    month_table(), day_table()
    print(f"tables built in {time.perf_counter() - started:.3f} s (once per process)")

    frame = random_valid_days(rows)
    inputs = frame.drop("expected")
    resolve(inputs.head(1000))  # warm-up: first-use costs are not throughput

    timings = []
    for _ in range(5):
        seconds, resolved = seconds_taken(lambda: resolve(inputs))
        timings.append(seconds)
    vector_seconds = statistics.median(timings)
    assert resolved["error"].null_count() == rows, "resolve() rejected a valid day"
    assert resolved["date_start"].equals(frame["expected"], check_names=False), "resolve() disagrees with day_table"

    loop_slice = frame.head(loop_rows)
    loop_seconds, loop_dates = seconds_taken(lambda: python_loop(loop_slice))
    agree = resolved.head(loop_rows)["date_start"].to_list() == loop_dates
    loop_rate = loop_rows / loop_seconds
    vector_rate = rows / vector_seconds

    hijri_share = (inputs["calendar"] == "hijri").mean()
    print(f"rows: {rows:,} ({hijri_share:.0%} hijri, the rest jalali), random valid days 1925–2075")
    print(
        f"resolve() (vectorised):  {vector_seconds:8.3f} s for {rows:,} rows"
        f"  = {vector_rate:12,.0f} rows/s  (median of {len(timings)} runs: {', '.join(f'{t:.3f}' for t in timings)})"
    )
    print(
        f"per-row Python loop:     {loop_seconds:8.3f} s for {loop_rows:,} rows"
        f"  = {loop_rate:12,.0f} rows/s  (measured on the first {loop_rows:,} rows;"
        f" {rows / loop_rate:.1f} s extrapolated for {rows:,})"
    )
    print(f"speed ratio: {vector_rate / loop_rate:.1f}x")
    print(f"results agree on the {loop_rows:,}-row slice: {agree}")
    if not agree:
        raise SystemExit(1)


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:3]))
