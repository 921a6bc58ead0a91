"""Independent cross-checks of the calendar day table (issue 8): every day from 1925 to 2075 through our
conversion against a second implementation. Jalali against persiantools (its own arithmetic, not jdatetime);
Hijri against ICU's `islamic-umalqura` through PyICU, which agrees with hijridate (our source) exactly from
1999-04-17 to 2029-08-10 and by at most two days outside that window (ICU extrapolates the Umm al-Qura
tables differently). The comparison is column against column in polars; only the reference calendar, which
has no vectorised API, is called once per day."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from checker.calendars.tables import day_table

FIRST, LAST = dt.date(1925, 1, 1), dt.date(2075, 12, 31)
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


def _icu_umm_al_qura(dates: pl.Series) -> pl.DataFrame:
    icu = pytest.importorskip(
        "icu", reason="PyICU (needs libicu-dev and a compiler) did not install; the Hijri cross-check needs ICU's islamic-umalqura"
    )
    calendar = icu.Calendar.createInstance(icu.TimeZone.getGMT(), icu.Locale("en@calendar=islamic-umalqura"))
    assert calendar.getType() == "islamic-umalqura"
    fields = icu.UCalendarDateFields
    years, months, days = [], [], []
    for day in dates:
        calendar.clear()
        calendar.set(fields.JULIAN_DAY, day.toordinal() + 1_721_425)  # proleptic Gregorian ordinal -> Julian day
        years.append(calendar.get(fields.EXTENDED_YEAR))
        months.append(calendar.get(fields.MONTH) + 1)
        days.append(calendar.get(fields.DATE))
    return pl.DataFrame({"date": dates, "i_year": years, "i_month": months, "i_day": days})


def test_hijri_matches_icu_umm_al_qura_every_day_1925_2075():
    ours = _our_days()
    joined = ours.join(_icu_umm_al_qura(ours["date"]), on="date")
    assert joined.height == ours.height
    # Our Hijri date back to a running day count (the day table's own months), then the gap in days: the
    # same Hijri label on both sides is a gap of 0; ICU one day ahead is +1.
    months = day_table().group_by("h_year", "h_month").agg(first=pl.col("date").min())
    label_start = joined.join(
        months.rename({"h_year": "i_year", "h_month": "i_month", "first": "i_first"}), on=["i_year", "i_month"], how="left"
    )
    gaps = label_start.with_columns(
        gap=((pl.col("i_first") + pl.duration(days=pl.col("i_day") - 1)) - pl.col("date")).dt.total_days()
    )
    assert gaps["gap"].null_count() == 0
    inside = gaps.filter(pl.col("date").is_between(*UMM_AL_QURA_EXACT))
    outside = gaps.filter(~pl.col("date").is_between(*UMM_AL_QURA_EXACT))
    assert inside.height == (UMM_AL_QURA_EXACT[1] - UMM_AL_QURA_EXACT[0]).days + 1
    assert inside.filter(
        (pl.col("h_year") != pl.col("i_year")) | (pl.col("h_month") != pl.col("i_month")) | (pl.col("h_day") != pl.col("i_day"))
    ).height == 0
    assert outside["gap"].abs().max() <= 2, outside.filter(pl.col("gap").abs() > 2).head(10)
