"""Calendar engine: anchors, exhaustive comparison with hijridate/jdatetime, properties and errors."""

from __future__ import annotations

import calendar as gregorian_calendar
import datetime

import jdatetime
import polars as pl
import pytest
from hijridate import Gregorian, Hijri
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.calendars.date_value import DateValue as Interval
from checker.calendars.intervals import is_leap_year, month_length, resolve, to_interval, year_bounds
from checker.calendars.tables import (
    CALENDARS,
    DEFAULT_TOLERANCE_DAYS,
    ENGLISH_MONTH_NAMES,
    FIRST_DAY,
    LAST_DAY,
    day_in_all_calendars,
    day_table,
    month_table,
    to_calendars,
    year_table,
)
from checker.errors import InvalidDate

D = datetime.date
TABULAR_LEAP_YEARS_IN_CYCLE = {2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29}
modern_days = st.dates(min_value=D(1925, 1, 1), max_value=D(2075, 12, 31))
property_settings = settings(max_examples=100, deadline=None)


def reference_tabular_hijri_to_date(year: int, month: int, day: int) -> datetime.date:
    """Reingold & Dershowitz, fixed-from-islamic (civil epoch), written independently of the engine."""
    islamic_epoch = D(622, 7, 19).toordinal()  # 16 July 622 Julian
    fixed = islamic_epoch - 1 + (year - 1) * 354 + (3 + 11 * year) // 30 + 29 * (month - 1) + month // 2 + day
    return D.fromordinal(fixed)


# --- anchors ------------------------------------------------------------------------------------------


def test_known_day_in_all_calendars() -> None:
    day = day_in_all_calendars(D(2021, 10, 6))
    assert day.gregorian == (2021, 10, 6)
    assert day.hijri == (1443, 2, 29)
    assert day.jalali == (1400, 7, 14)
    assert day.weekday == 2  # Wednesday
    assert day.hijri_tabular is False


@pytest.mark.parametrize(
    ("calendar", "year", "month", "day", "expected"),
    [
        ("jalali", 1403, 1, 1, D(2024, 3, 20)),
        ("jalali", 1400, 7, 14, D(2021, 10, 6)),
        ("hijri", 1443, 2, 29, D(2021, 10, 6)),
        ("hijri", 1445, 9, 1, D(2024, 3, 11)),  # Ramadan 1445 in Umm al-Qura
        ("hijri", 1343, 1, 1, D(1924, 8, 1)),  # first Umm al-Qura day in hijridate
        ("hijri", 1500, 12, 30, D(2077, 11, 16)),  # last one
        ("hijri", 1300, 1, 1, D(1882, 11, 12)),  # tabular
        ("gregorian", 2024, 2, 29, D(2024, 2, 29)),
    ],
)
def test_known_days(calendar: str, year: int, month: int, day: int, expected: datetime.date) -> None:
    interval = to_interval(calendar, year, month, day)
    assert (interval.start, interval.end, interval.grain) == (expected, expected, "day")


def test_jalali_year_1400() -> None:
    interval = to_interval("jalali", 1400)
    assert (interval.start, interval.end, interval.grain) == (D(2021, 3, 21), D(2022, 3, 20), "year")
    assert year_bounds("jalali", 1400) == (D(2021, 3, 21), D(2022, 3, 20))


def test_hijri_year_spans_two_gregorian_years() -> None:
    start, end = year_bounds("hijri", 1445)
    assert (start, end) == (D(2023, 7, 19), D(2024, 7, 6))
    assert start.year != end.year


def test_month_grain_covers_the_month() -> None:
    ramadan = to_interval("hijri", 1445, 9)
    assert (ramadan.grain, ramadan.start, ramadan.end) == ("month", D(2024, 3, 11), D(2024, 4, 9))
    mehr = to_interval("jalali", 1400, 7)
    assert (mehr.start, mehr.end, mehr.days) == (D(2021, 9, 23), D(2021, 10, 22), 30)
    february = to_interval("gregorian", 2024, 2)
    assert (february.start, february.end) == (D(2024, 2, 1), D(2024, 2, 29))


def test_jalali_leap_years() -> None:
    assert not is_leap_year("jalali", 1402)
    assert is_leap_year("jalali", 1403)
    assert month_length("jalali", 1402, 12) == 29
    assert month_length("jalali", 1403, 12) == 30


def test_tabular_fallback_carries_a_note() -> None:
    interval = to_interval("hijri", 1300)
    assert interval.start == D(1882, 11, 12)
    assert any("tabular" in note and "Umm al-Qura" in note for note in interval.notes)
    assert to_interval("hijri", 1600, 1, 1).notes  # after the table too
    assert to_interval("hijri", 1443, 2, 29).notes == ()
    assert day_in_all_calendars(D(1900, 1, 1)).hijri_tabular
    assert not day_in_all_calendars(D(1950, 1, 1)).hijri_tabular


def test_tabular_meets_umm_al_qura_without_gap_or_overlap() -> None:
    assert to_interval("hijri", 1342, 12).end + datetime.timedelta(days=1) == to_interval("hijri", 1343, 1).start
    assert to_interval("hijri", 1500, 12).end + datetime.timedelta(days=1) == to_interval("hijri", 1501, 1).start
    for calendar in CALENDARS:
        months = month_table().filter(pl.col("calendar") == calendar).sort("start")
        gaps = (months["start"].shift(-1) - months["end"]).dt.total_days().drop_nulls()
        assert gaps.eq(1).all(), calendar


# --- tables -------------------------------------------------------------------------------------------


def test_day_table_layout() -> None:
    table = day_table()
    assert table is day_table()  # cached
    assert table.height == (LAST_DAY - FIRST_DAY).days + 1
    assert table["date"][0] == FIRST_DAY and table["date"][-1] == LAST_DAY
    assert table["date"].diff().drop_nulls().dt.total_days().eq(1).all()
    assert table.columns == [
        "date", "weekday", "g_year", "g_month", "g_day",
        "h_year", "h_month", "h_day", "h_tabular", "j_year", "j_month", "j_day",
    ]  # fmt: skip
    assert table.schema["date"] == pl.Date and table.schema["h_tabular"] == pl.Boolean
    assert table.null_count().sum_horizontal().item() == 0


def test_month_and_year_tables() -> None:
    months, years = month_table(), year_table()
    assert months.columns == ["calendar", "year", "month", "start", "end", "length", "tabular"]
    assert ((months["end"] - months["start"]).dt.total_days() + 1).cast(pl.Int64).equals(
        months["length"].cast(pl.Int64)
    )
    assert months.group_by("calendar", "year").len()["len"].eq(12).all()
    assert years.filter(pl.col("calendar") == "gregorian")["length"].is_in([365, 366]).all()
    assert years.filter(pl.col("calendar") == "jalali")["length"].is_in([365, 366]).all()


def test_every_day_1925_to_2075_matches_hijridate_and_jdatetime() -> None:
    table = day_table().filter(pl.col("date").is_between(D(1925, 1, 1), D(2075, 12, 31)))
    assert table.height == (D(2075, 12, 31) - D(1925, 1, 1)).days + 1
    for date, weekday, h_year, h_month, h_day, j_year, j_month, j_day in table.select(
        "date", "weekday", "h_year", "h_month", "h_day", "j_year", "j_month", "j_day"
    ).iter_rows():
        assert Gregorian.fromdate(date).to_hijri().datetuple() == (h_year, h_month, h_day), date
        jalali = jdatetime.date.fromgregorian(date=date)
        assert (jalali.year, jalali.month, jalali.day) == (j_year, j_month, j_day), date
        assert weekday == date.weekday()


def test_every_day_round_trips_through_resolve() -> None:
    """All of 1700–2299, vectorised: each calendar's (y, m, d) for a day resolves back to that day."""
    table = day_table()
    for calendar, prefix in (("gregorian", "g"), ("hijri", "h"), ("jalali", "j")):
        rows = table.select(
            "date",
            calendar=pl.lit(calendar),
            year=f"{prefix}_year",
            month=f"{prefix}_month",
            day=f"{prefix}_day",
        )
        resolved = resolve(rows)
        assert resolved["error"].null_count() == resolved.height, resolved.filter(pl.col("error").is_not_null())
        assert resolved["date_start"].equals(resolved["date"], check_names=False), calendar
        assert resolved["date_end"].equals(resolved["date"], check_names=False), calendar
        assert resolved["grain"].eq("day").all()
        if calendar == "hijri":
            has_note = resolved["note"].is_not_null()
            assert has_note.equals(table["h_tabular"], check_names=False)


# --- properties ---------------------------------------------------------------------------------------


@property_settings
@given(modern_days)
def test_round_trip_through_each_calendar(date: datetime.date) -> None:
    day = day_in_all_calendars(date)
    assert day.date == date
    for calendar, ymd in (("gregorian", day.gregorian), ("hijri", day.hijri), ("jalali", day.jalali)):
        interval = to_interval(calendar, *ymd)
        assert interval.start == interval.end == date, (calendar, ymd)
        assert interval.notes == ()


@property_settings
@given(st.integers(1343, 1500), st.integers(1, 12))
def test_umm_al_qura_month_lengths_match_hijridate(year: int, month: int) -> None:
    assert month_length("hijri", year, month) == Hijri(year, month, 1).month_length()


def test_all_umm_al_qura_month_lengths_match_hijridate() -> None:
    months = month_table().filter(pl.col("calendar") == "hijri", ~pl.col("tabular"))
    assert months.height == (1500 - 1343 + 1) * 12
    for year, month, length in months.select("year", "month", "length").iter_rows():
        assert length == Hijri(year, month, 1).month_length(), (year, month)


@property_settings
@given(st.integers(1343, 1500))
def test_umm_al_qura_leap_years_match_hijridate(year: int) -> None:
    assert is_leap_year("hijri", year) == (Hijri(year, 1, 1).year_length() > 354)


@property_settings
@given(st.integers(1080, 1677), st.integers(1, 12))
def test_jalali_month_lengths_match_jdatetime(year: int, month: int) -> None:
    length = month_length("jalali", year, month)
    jdatetime.date(year, month, length)  # exists
    with pytest.raises(ValueError):
        jdatetime.date(year, month, length + 1)
    expected_start = jdatetime.date(year, month, 1).togregorian()
    assert to_interval("jalali", year, month).start == expected_start


@property_settings
@given(st.integers(1080, 1677))
def test_jalali_leap_years_match_jdatetime(year: int) -> None:
    assert is_leap_year("jalali", year) == jdatetime.date(year, 1, 1).isleap()
    assert (year_bounds("jalali", year)[1] - year_bounds("jalali", year)[0]).days + 1 == (
        366 if jdatetime.date(year, 1, 1).isleap() else 365
    )


@property_settings
@given(st.integers(1700, 2299), st.integers(1, 12))
def test_gregorian_month_lengths_and_leap_years(year: int, month: int) -> None:
    assert month_length("gregorian", year, month) == gregorian_calendar.monthrange(year, month)[1]
    assert is_leap_year("gregorian", year) == gregorian_calendar.isleap(year)


@property_settings
@given(
    st.one_of(st.integers(1112, 1342), st.integers(1501, 1728)),
    st.integers(1, 12),
    st.integers(1, 29),
)
def test_tabular_fallback_matches_reference_formula(year: int, month: int, day: int) -> None:
    interval = to_interval("hijri", year, month, day)
    assert interval.start == reference_tabular_hijri_to_date(year, month, day)
    assert interval.notes


@property_settings
@given(st.one_of(st.integers(1112, 1341), st.integers(1501, 1728)))
def test_tabular_leap_years_follow_the_30_year_cycle(year: int) -> None:
    cycle_year = year % 30 or 30
    assert is_leap_year("hijri", year) == (cycle_year in TABULAR_LEAP_YEARS_IN_CYCLE)
    assert month_length("hijri", year, 12) == (30 if cycle_year in TABULAR_LEAP_YEARS_IN_CYCLE else 29)


# --- invalid dates and notes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "year", "month", "day", "reason"),
    [
        ("jalali", 1402, 12, 30, "30 Esfand 1402 does not exist: 1402 is not a leap year"),
        ("jalali", 1400, 7, 31, "31 Mehr 1400 does not exist: Mehr has 30 days"),
        ("gregorian", 2021, 2, 30, "30 February 2021 does not exist: February has at most 29 days"),
        ("gregorian", 2021, 2, 29, "29 February 2021 does not exist: 2021 is not a leap year"),
        ("gregorian", 2021, 1, 32, "32 January 2021 does not exist: January has 31 days"),
        ("gregorian", 2021, 13, None, "month 13 does not exist"),
        ("jalali", 1400, 0, 1, "month 0 does not exist"),
        ("hijri", 1443, 2, 31, "31 Safar 1443 does not exist: Hijri months have at most 30 days"),
        ("hijri", 1443, 2, 0, "day 0 does not exist"),
        ("gregorian", 2300, None, None, "year 2300 CE is outside the supported range 1700–2299 CE"),
        ("gregorian", 1699, 12, 31, "31 December 1699 CE is outside the supported range 1700–2299 CE"),
        ("jalali", 1078, None, None, "year 1078 SH is outside the supported range 1700–2299 CE"),
        ("hijri", 2000, 1, None, "Muharram 2000 AH is outside the supported range 1700–2299 CE"),
        ("julian", 2000, 1, 1, "unknown calendar 'julian' (expected gregorian, hijri or jalali)"),
    ],
)
def test_invalid_dates_raise_with_reason(
    calendar: str, year: int, month: int | None, day: int | None, reason: str
) -> None:
    with pytest.raises(InvalidDate) as raised:
        to_interval(calendar, year, month, day)
    assert raised.value.reason == reason


def test_hijri_30th_of_a_29_day_month_is_accepted_with_a_note() -> None:
    assert month_length("hijri", 1443, 2) == 29
    interval = to_interval("hijri", 1443, 2, 30)
    assert interval.start == interval.end == D(2021, 10, 7)  # the day after 29 Safar
    assert len(interval.notes) == 1
    assert "moon sighting" in interval.notes[0] and "Umm al-Qura" in interval.notes[0]
    assert "2021-10-07" in interval.notes[0]


def test_partial_years_at_the_edges_allow_days_inside_the_range() -> None:
    first = day_in_all_calendars(FIRST_DAY)
    assert to_interval("jalali", *first.jalali).start == FIRST_DAY
    assert to_interval("hijri", *first.hijri).start == FIRST_DAY
    with pytest.raises(InvalidDate):
        to_interval("jalali", first.jalali[0])  # the whole year starts before 1700
    with pytest.raises(InvalidDate):
        day_in_all_calendars(D(2300, 1, 1))


# --- vectorised API -----------------------------------------------------------------------------------


def mixed_rows() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "cal": ["jalali", "hijri", "gregorian", "jalali", "hijri", None, "hijri", "hijri"],
            "y": [1400, 1445, 2021, 1402, 1443, 2020, None, 1443],
            "m": [None, 9, 2, 12, 2, 1, 1, None],
            "d": [None, None, 30, 30, 30, 1, 1, 5],
            "id": list(range(8)),
        },
        schema_overrides={"m": pl.Int8, "d": pl.Int16},
    )


def test_resolve_mixed_frame() -> None:
    rows = mixed_rows()
    resolved = resolve(rows, calendar="cal", year="y", month="m", day="d")
    assert resolved.columns == [*rows.columns, "date_start", "date_end", "grain", "error", "note"]
    assert resolved["id"].to_list() == list(range(8))  # row order kept
    assert resolved["grain"].to_list() == ["year", "month", "day", "day", "day", "day", "day", "day"]
    assert resolved["date_start"].to_list() == [
        D(2021, 3, 21), D(2024, 3, 11), None, None, D(2021, 10, 7), None, None, None,
    ]  # fmt: skip
    assert resolved["date_end"].to_list()[:2] == [D(2022, 3, 20), D(2024, 4, 9)]
    assert resolved["error"].to_list() == [
        None,
        None,
        "30 February 2021 does not exist: February has at most 29 days",
        "30 Esfand 1402 does not exist: 1402 is not a leap year",
        None,
        "calendar is missing",
        "year is missing",
        "a day was given without a month",
    ]
    notes = resolved["note"].to_list()
    assert notes[0] is None and notes[1] is None and "moon sighting" in notes[4]


def test_resolve_lazy_returns_lazy_and_agrees() -> None:
    rows = mixed_rows()
    lazy = resolve(rows.lazy(), calendar="cal", year="y", month="m", day="d")
    assert isinstance(lazy, pl.LazyFrame)
    assert lazy.collect().equals(resolve(rows, calendar="cal", year="y", month="m", day="d"))


def test_to_calendars_adds_columns_for_a_date_column() -> None:
    frame = pl.DataFrame({"published": [D(2021, 10, 6), None, D(2024, 3, 20), D(1650, 1, 1)], "n": [1, 2, 3, 4]})
    out = to_calendars(frame, date="published")
    assert out["n"].to_list() == [1, 2, 3, 4]
    assert out.row(0, named=True) | {} == {
        "published": D(2021, 10, 6), "n": 1, "weekday": 2, "g_year": 2021, "g_month": 10, "g_day": 6,
        "h_year": 1443, "h_month": 2, "h_day": 29, "h_tabular": False, "j_year": 1400, "j_month": 7, "j_day": 14,
    }  # fmt: skip
    assert out["j_day"].to_list() == [14, None, 1, None]
    assert isinstance(to_calendars(frame.lazy(), date="published"), pl.LazyFrame)


def test_interval_is_frozen_and_constants_are_complete() -> None:
    interval = to_interval("gregorian", 2021, 10, 6)
    assert isinstance(interval, Interval)
    with pytest.raises(AttributeError):
        interval.year = 2022  # type: ignore[misc]
    assert all(len(ENGLISH_MONTH_NAMES[c]) == 12 for c in CALENDARS)
    assert ENGLISH_MONTH_NAMES["jalali"][6] == "Mehr" and ENGLISH_MONTH_NAMES["hijri"][1] == "Safar"
    assert DEFAULT_TOLERANCE_DAYS == {"hijri": 1, "jalali_afghan": 1}
