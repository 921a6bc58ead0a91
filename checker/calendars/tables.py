"""Calendar tables: Gregorian, Hijri (Umm al-Qura) and Jalali (Solar Hijri) months, years and days.

Three cached tables built once per process with vectorised polars:

* `month_table()`: one row per (calendar, year, month) with its Gregorian start, end and length;
* `year_table()`: the same per (calendar, year), aggregated from the month table;
* `day_table()`: every Gregorian day 1700-01-01..2299-12-31 with its date in each calendar,
  found by an as-of join of the days on the month starts.

`checker.calendars.intervals` turns dates written in any calendar into Gregorian intervals with them.

Sources:

* Hijri is Umm al-Qura, taken from hijridate's month-start table (what Saudi papers printed), for
  1343–1500 AH. Outside it, the tabular (arithmetic, civil epoch) Islamic calendar is used and every
  result says so in a note, since observed calendars can differ from it by a day or two.
* Jalali follows jdatetime's 33-year rule, which agrees with Iran's official leap table for 1206–1498 AP.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import jdatetime
import polars as pl
from hijridate import ummalqura

from checker.errors import InvalidDate
from checker.lang import load

CALENDARS = ("gregorian", "hijri", "jalali")

# How dates are written in messages and `checker convert`: the English tables' first spellings
# (checker/lang/en/dates.toml) and eras (checker/lang/en/language.toml [output]).
_ENGLISH = load("en")
ENGLISH_MONTH_NAMES: dict[str, tuple[str, ...]] = {calendar: _ENGLISH.dates.month_names(calendar) for calendar in CALENDARS}
ERA_ABBREVIATIONS: dict[str, str] = dict(_ENGLISH.cues.output.eras)
WEEKDAY_NAMES = tuple(spellings[0] for spellings in _ENGLISH.dates.weekdays.names)  # date.weekday() order

# How many days two honest reports of the same event may differ by when written in these calendars:
# a local moon sighting can shift a Hijri month by a day, and Afghan solar dates can differ from Iran's.
DEFAULT_TOLERANCE_DAYS: dict[str, int] = {"hijri": 1, "jalali_afghan": 1}

FIRST_DAY = datetime.date(1700, 1, 1)
LAST_DAY = datetime.date(2299, 12, 31)
SUPPORTED_RANGE = f"{FIRST_DAY.year}–{LAST_DAY.year} CE"

UMM_AL_QURA_YEARS = (ummalqura.HIJRI_RANGE[0][0], ummalqura.HIJRI_RANGE[1][0])  # (1343, 1500)

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()  # polars Date counts days from here
_RJD_TO_EPOCH = 2_400_000 - 2_440_588  # Reduced Julian Day -> days since 1970-01-01
_JDN_TO_EPOCH = -2_440_588  # Julian Day Number -> days since 1970-01-01
_TABULAR_EPOCH_JDN = 1_948_439  # the day before 1 Muharram 1 AH (civil epoch, 16 July 622 Julian)

_FrameT = TypeVar("_FrameT", pl.DataFrame, pl.LazyFrame)


def epoch_days_to_date(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Int32).cast(pl.Date)


def date_to_epoch_days(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Int32)


# --- tables -------------------------------------------------------------------------------------------


def _gregorian_months() -> pl.DataFrame:
    starts = pl.date_range(FIRST_DAY, LAST_DAY, interval="1mo", eager=True).alias("start")
    return pl.DataFrame(starts).select(
        calendar=pl.lit("gregorian"),
        year=pl.col("start").dt.year(),
        month=pl.col("start").dt.month(),
        start="start",
        end=pl.col("start").dt.month_end(),
        tabular=pl.lit(False),
    )


def _umm_al_qura_months() -> pl.DataFrame:
    # MONTH_STARTS holds the Reduced Julian Day of every month start from 1/1343 plus the start of 1/1501,
    # so each month ends the day before the next one starts.
    starts = pl.Series("rjd", ummalqura.MONTH_STARTS, dtype=pl.Int32)
    index = pl.int_range(pl.len() - 1, dtype=pl.Int32)
    first_year = UMM_AL_QURA_YEARS[0]
    return (
        pl.DataFrame(starts)
        .select(
            index=index,
            start_days=pl.col("rjd").head(pl.len() - 1) + _RJD_TO_EPOCH,
            next_start_days=pl.col("rjd").tail(pl.len() - 1) + _RJD_TO_EPOCH,
        )
        .select(
            calendar=pl.lit("hijri"),
            year=first_year + pl.col("index") // 12,
            month=pl.col("index") % 12 + 1,
            start=epoch_days_to_date(pl.col("start_days")),
            end=epoch_days_to_date(pl.col("next_start_days") - 1),
            tabular=pl.lit(False),
        )
    )


def _tabular_hijri_months(years: range) -> pl.DataFrame:
    """Arithmetic Islamic calendar: 30-year cycle with leap years 2,5,7,10,13,16,18,21,24,26,29."""
    year = pl.col("year")
    month = pl.col("month")
    is_leap = (14 + 11 * year) % 30 < 11
    # Days before the month: ceil(29.5 * (month - 1)); leap days before the year: floor((3 + 11y) / 30).
    start_jdn = _TABULAR_EPOCH_JDN + 1 + (59 * (month - 1) + 1) // 2 + (year - 1) * 354 + (3 + 11 * year) // 30
    length = pl.when(month == 12).then(29 + is_leap.cast(pl.Int32)).otherwise(30 - (month + 1) % 2)
    return (
        pl.DataFrame({"year": pl.Series(years, dtype=pl.Int32)})
        .join(pl.DataFrame({"month": pl.Series(range(1, 13), dtype=pl.Int32)}), how="cross")
        .select(
            calendar=pl.lit("hijri"),
            year=year,
            month=month,
            start=epoch_days_to_date(start_jdn + _JDN_TO_EPOCH),
            end=epoch_days_to_date(start_jdn + _JDN_TO_EPOCH + length - 1),
            tabular=pl.lit(True),
        )
    )


def _jalali_months(years: range) -> pl.DataFrame:
    # One jdatetime call per year (a few hundred) for 1 Farvardin; months follow arithmetically:
    # six of 31 days, five of 30, and Esfand runs up to the next Nowruz (29 days, 30 in a leap year).
    nowruz_days = [
        jdatetime.date(year, 1, 1).togregorian().toordinal() - _EPOCH_ORDINAL for year in (*years, years[-1] + 1)
    ]
    year_starts = pl.DataFrame(
        {
            "year": pl.Series(years, dtype=pl.Int32),
            "nowruz": pl.Series(nowruz_days[:-1], dtype=pl.Int32),
            "next_nowruz": pl.Series(nowruz_days[1:], dtype=pl.Int32),
        }
    )
    month = pl.col("month")
    offset = pl.when(month <= 7).then(31 * (month - 1)).otherwise(186 + 30 * (month - 7))
    next_offset = pl.when(month <= 6).then(31 * month).otherwise(186 + 30 * (month - 6))
    month_end = pl.when(month == 12).then(pl.col("next_nowruz") - 1).otherwise(pl.col("nowruz") + next_offset - 1)
    return year_starts.join(
        pl.DataFrame({"month": pl.Series(range(1, 13), dtype=pl.Int32)}), how="cross"
    ).select(
        calendar=pl.lit("jalali"),
        year="year",
        month="month",
        start=epoch_days_to_date(pl.col("nowruz") + offset),
        end=epoch_days_to_date(month_end),
        tabular=pl.lit(False),
    )


def _whole_years_overlapping_supported_range(months: pl.DataFrame) -> pl.DataFrame:
    # Keep every month of a year that touches the supported range, so year intervals are always whole.
    by_year = ["calendar", "year"]
    return months.filter(
        (pl.col("end").max().over(by_year) >= FIRST_DAY) & (pl.col("start").min().over(by_year) <= LAST_DAY)
    )


@cache
def month_table() -> pl.DataFrame:
    """One row per (calendar, year, month) touching 1700–2299 CE: start, end, length in days, tabular."""
    first_uqm, last_uqm = UMM_AL_QURA_YEARS
    # Generous year ranges, trimmed to what overlaps 1700–2299 CE below.
    tabular_before = _tabular_hijri_months(range(1100, first_uqm))
    # The tabular calendar starts 1343 AH one day after Umm al-Qura does, so its last month before the
    # table is cut short to meet it; the Umm al-Qura end (1501 AH) lines up with the tabular start exactly.
    umm_al_qura = _umm_al_qura_months()
    first_uqm_start = umm_al_qura["start"][0]
    tabular_before = tabular_before.with_columns(
        pl.min_horizontal("end", pl.lit(first_uqm_start) - pl.duration(days=1)).alias("end")
    )
    tabular_after = _tabular_hijri_months(range(last_uqm + 1, 1750))
    months = pl.concat(
        [
            _gregorian_months(),
            tabular_before,
            umm_al_qura,
            tabular_after,
            _jalali_months(range(1075, 1682)),
        ],
        how="vertical_relaxed",
    )
    return (
        _whole_years_overlapping_supported_range(months)
        .with_columns(length=(pl.col("end") - pl.col("start")).dt.total_days() + 1)
        .select(
            pl.col("calendar").cast(pl.Utf8),
            pl.col("year").cast(pl.Int16),
            pl.col("month").cast(pl.Int8),
            "start",
            "end",
            pl.col("length").cast(pl.Int16),
            "tabular",
        )
        .sort("calendar", "start")
    )


@cache
def year_table() -> pl.DataFrame:
    """One row per (calendar, year): start, end, length in days, tabular (any month from the fallback)."""
    return (
        month_table()
        .group_by("calendar", "year", maintain_order=True)
        .agg(
            pl.col("start").min(),
            pl.col("end").max(),
            pl.col("length").sum(),
            pl.col("tabular").any(),
        )
    )


@cache
def day_table() -> pl.DataFrame:
    """Every day 1700-01-01..2299-12-31 in all three calendars, indexed by offset from 1700-01-01."""
    months = month_table()

    def starts_of(calendar: str, prefix: str) -> pl.DataFrame:
        return months.filter(pl.col("calendar") == calendar).select(
            pl.col("start").alias("date"),
            pl.col("start").alias(f"{prefix}_start"),
            pl.col("year").alias(f"{prefix}_year"),
            pl.col("month").alias(f"{prefix}_month"),
            pl.col("tabular").alias(f"{prefix}_tabular"),
        )

    days = pl.DataFrame(pl.date_range(FIRST_DAY, LAST_DAY, eager=True).alias("date"))
    date = pl.col("date")
    return (
        days.join_asof(starts_of("hijri", "h"), on="date", strategy="backward")
        .join_asof(starts_of("jalali", "j"), on="date", strategy="backward")
        .select(
            "date",
            weekday=(date.dt.weekday() - 1).cast(pl.Int8),
            g_year=date.dt.year().cast(pl.Int16),
            g_month=date.dt.month().cast(pl.Int8),
            g_day=date.dt.day().cast(pl.Int8),
            h_year="h_year",
            h_month="h_month",
            h_day=((date - pl.col("h_start")).dt.total_days() + 1).cast(pl.Int8),
            h_tabular="h_tabular",
            j_year="j_year",
            j_month="j_month",
            j_day=((date - pl.col("j_start")).dt.total_days() + 1).cast(pl.Int8),
        )
    )


@dataclass(frozen=True)
class DayInAllCalendars:
    date: datetime.date
    weekday: int  # 0 = Monday
    gregorian: tuple[int, int, int]
    hijri: tuple[int, int, int]
    jalali: tuple[int, int, int]
    hijri_tabular: bool


def day_in_all_calendars(d: datetime.date) -> DayInAllCalendars:
    if not FIRST_DAY <= d <= LAST_DAY:
        raise InvalidDate(f"{d.isoformat()} is outside the supported range {SUPPORTED_RANGE}")
    # The day table holds one row per day from FIRST_DAY, so the row number is the day offset.
    row = day_table().row((d - FIRST_DAY).days, named=True)
    return DayInAllCalendars(
        date=row["date"],
        weekday=row["weekday"],
        gregorian=(row["g_year"], row["g_month"], row["g_day"]),
        hijri=(row["h_year"], row["h_month"], row["h_day"]),
        jalali=(row["j_year"], row["j_month"], row["j_day"]),
        hijri_tabular=row["h_tabular"],
    )


def to_calendars(frame: _FrameT, date: str = "date") -> _FrameT:
    """Add weekday and g_/h_/j_ year, month, day (and h_tabular) for a Date column; null outside 1700–2299."""
    key = "__cal_date"
    days = day_table().lazy().rename({"date": key})
    added = (
        frame.lazy()
        .with_columns(pl.col(date).cast(pl.Date).alias(key))
        .join(days, on=key, how="left", maintain_order="left")
        .drop(key)
    )
    return added.collect() if isinstance(frame, pl.DataFrame) else added
