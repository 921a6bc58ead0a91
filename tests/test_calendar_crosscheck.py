"""Independent cross-checks of the calendar day table (issue 8): every day through our conversion against a
second implementation. Jalali against persiantools (its own arithmetic, not jdatetime) from 1925 to 2075;
Hijri against ICU's `islamic-umalqura` from 1900 to 2100, which agrees with hijridate (our source) exactly
from 1999-04-17 to 2029-08-10 and by at most two days outside that window (ICU extrapolates the Umm al-Qura
tables differently). ICU's answer is the committed tests/data/icu_umalqura_month_starts.parquet, so this
test needs neither PyICU nor a compiler (issue 19). The comparison is column against column in polars;
only persiantools, which has no vectorised API, is called once per day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from checker.calendars.tables import day_table

FIRST, LAST = dt.date(1925, 1, 1), dt.date(2075, 12, 31)
# ICU's islamic-umalqura month starts, written once by scripts/make_icu_reference.py (which needs PyICU)
ICU_REFERENCE = Path(__file__).parent / "data" / "icu_umalqura_month_starts.parquet"
ICU_FIRST, ICU_LAST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
UMM_AL_QURA_EXACT = (dt.date(1999, 4, 17), dt.date(2029, 8, 10))


def _our_days() -> pl.DataFrame:
    return day_table().filter(pl.col("date").is_between(FIRST, LAST)).sort("date")


def test_the_window_covers_every_day():
    days = _our_days()
    assert days.height == (LAST - FIRST).days + 1
    assert days["date"].diff().drop_nulls().eq(dt.timedelta(days=1)).all()


def test_jalali_matches_persiantools_every_day_1925_2075():
    jdatetime = pytest.importorskip("persiantools.jdatetime", reason="persiantools is in the test extra")
    days = _our_days()
    reference = [jdatetime.JalaliDate(day) for day in days["date"]]
    theirs = pl.DataFrame(
        {
            "date": days["date"],
            "p_year": [d.year for d in reference],
            "p_month": [d.month for d in reference],
            "p_day": [d.day for d in reference],
        }
    )
    joined = days.join(theirs, on="date")
    differ = joined.filter(
        (pl.col("j_year") != pl.col("p_year")) | (pl.col("j_month") != pl.col("p_month")) | (pl.col("j_day") != pl.col("p_day"))
    )
    assert joined.height == 55_152
    assert differ.height == 0, differ.head(10)


def _icu_umm_al_qura() -> pl.DataFrame:
    """ICU's year, month and day of every day of the reference window, rebuilt from the committed month
    starts: a day belongs to the last month that starts on or before it."""
    assert pl.read_parquet_metadata(ICU_REFERENCE)["window"] == f"{ICU_FIRST}/{ICU_LAST}"
    starts = pl.read_parquet(ICU_REFERENCE).rename({"year": "i_year", "month": "i_month", "first": "i_first"})
    lengths = starts["i_first"].diff().dt.total_days().drop_nulls()
    assert lengths.is_in([29, 30]).all(), "a month of the reference is not 29 or 30 days"
    # consecutive months: each month number follows the last, and 12 wraps to 1 of the next year
    assert ((starts["i_year"].cast(pl.Int32) * 12 + starts["i_month"]).diff().drop_nulls() == 1).all()
    assert starts["i_first"].min() <= ICU_FIRST
    days = pl.DataFrame({"date": pl.date_range(ICU_FIRST, ICU_LAST, eager=True)})
    return days.join_asof(starts.sort("i_first"), left_on="date", right_on="i_first", strategy="backward").with_columns(
        i_day=((pl.col("date") - pl.col("i_first")).dt.total_days() + 1).cast(pl.Int8)
    )


def test_hijri_matches_icu_umm_al_qura_every_day_1900_2100():
    ours = day_table().filter(pl.col("date").is_between(ICU_FIRST, ICU_LAST))
    joined = ours.join(_icu_umm_al_qura().drop("i_first"), on="date")
    assert joined.height == ours.height == 73_414
    # Our Hijri date back to a running day count (the day table's own months), then the gap in days: the
    # same Hijri label on both sides is a gap of 0; ICU one day ahead is +1.
    months = day_table().group_by("h_year", "h_month").agg(first=pl.col("date").min())
    label_start = joined.join(
        months.rename({"h_year": "i_year", "h_month": "i_month", "first": "i_first"}), on=["i_year", "i_month"], how="left"
    )
    gaps = label_start.with_columns(
        gap=((pl.col("i_first") + pl.duration(days=pl.col("i_day").cast(pl.Int64) - 1)) - pl.col("date")).dt.total_days()
    )
    assert gaps["gap"].null_count() == 0
    inside = gaps.filter(pl.col("date").is_between(*UMM_AL_QURA_EXACT))
    outside = gaps.filter(~pl.col("date").is_between(*UMM_AL_QURA_EXACT))
    assert inside.height == (UMM_AL_QURA_EXACT[1] - UMM_AL_QURA_EXACT[0]).days + 1
    assert inside.filter(
        (pl.col("h_year") != pl.col("i_year")) | (pl.col("h_month") != pl.col("i_month")) | (pl.col("h_day") != pl.col("i_day"))
    ).height == 0
    assert outside["gap"].abs().max() <= 2, outside.filter(pl.col("gap").abs() > 2).head(10)
