"""`checker convert` as a user meets it (issue 19, items 5-7): ranges and lists, numeric dates in the
Jalali and Hijri calendars, ambiguous day and month, and --published for what needs a reference day."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def convert(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "convert", *args, "--format", "json"], capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def text_of(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "checker", "convert", *args], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    return done.stdout


# --- item 5: ranges and lists ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("بین ۱۴ تا ۱۶ مهر ۱۴۰۰", "2021-10-06", "2021-10-08"),
        ("این حادثه بین ۱۴ و ۱۶ مهر ۱۴۰۰ رخ داد", "2021-10-06", "2021-10-08"),
        ("من 3 إلى 5 أيار 2022", "2022-05-03", "2022-05-05"),
        ("the talks ran from 12 March 2023 to 15 March 2023", "2023-03-12", "2023-03-15"),
        ("between 6 and 9 October 2021", "2021-10-06", "2021-10-09"),
        ("the first week of October 2021", "2021-10-04", "2021-10-10"),
    ],
)
def test_a_range_is_one_interval(text, first, last):
    result = convert(text)
    assert (result["date_start"], result["date_end"]) == (first, last)
    assert result["value"] == f"{first}/{last}" and result["gregorian"] == f"{first}/{last}"
    assert result["weekday"] is None and "dates" not in result


def test_a_range_in_jalali_gives_each_calendar_its_start_and_end():
    result = convert("بین ۱۴ تا ۱۶ مهر ۱۴۰۰")
    assert result["jalali"] == "1400-07-14/1400-07-16" and result["hijri"] == "1443-02-29/1443-03-02"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("6 October 2021 and 7 October 2021", ["2021-10-06", "2021-10-07"]),
        ("Strikes hit the port on 6, 7 and 9 October 2021", ["2021-10-06", "2021-10-07", "2021-10-09"]),
        ("در روزهای ۱۴ و ۱۶ مهر ۱۴۰۰", ["2021-10-06", "2021-10-08"]),
    ],
)
def test_a_list_gives_every_date_and_the_first_in_the_contract_fields(text, days):
    result = convert(text)
    assert [d["date_start"] for d in result["dates"]] == days
    assert all(d["date_start"] == d["date_end"] for d in result["dates"])
    assert result["date_start"] == result["date_end"] == days[0]
    assert any(f"gives {len(days)} dates" in note for note in result["notes"])


def test_a_list_is_printed_one_line_per_date():
    lines = text_of("6 October 2021 and 9 October 2021").splitlines()
    assert lines[0].startswith("«6 October 2021»: Wednesday 2021-10-06")
    assert lines[1].startswith("«9 October 2021»: Saturday 2021-10-09")


def test_a_date_written_twice_in_two_calendars_stays_one_date():
    result = convert("6 أكتوبر 2021 الموافق 29 صفر 1443هـ")
    assert "dates" not in result and result["date_start"] == "2021-10-06"


# --- item 6: numeric dates in other calendars -------------------------------------------------------


def test_a_jalali_numeric_date_is_read_with_both_readings_named():
    result = convert("14/7/1400")
    assert (result["calendar"], result["gregorian"], result["jalali"]) == ("jalali", "2021-10-06", "1400-07-14")
    assert [(a["calendar"], a["gregorian"]) for a in result["alternatives"]] == [("hijri", "1980-05-28")]
    assert any("Jalali" in note and "Hijri" in note for note in result["notes"])


def test_a_hijri_numeric_date_in_arabic_text_puts_the_hijri_reading_first():
    result = convert("أعلنت الوزارة في ١٥/٠٩/١٤٤٥ بدء التوزيع")
    assert (result["calendar"], result["gregorian"], result["hijri"]) == ("hijri", "2024-03-25", "1445-09-15")
    assert result["alternatives"][0]["calendar"] == "jalali"


def test_persian_text_puts_the_jalali_reading_first():
    result = convert("تاریخ ۱۴۰۰/۰۷/۱۴")
    assert result["calendar"] == "jalali" and result["alternatives"][0]["calendar"] == "hijri"


def test_a_day_only_one_calendar_has_is_read_in_that_one():
    result = convert("31/6/1400")  # Shahrivar has 31 days, no Hijri month does
    assert (result["calendar"], result["gregorian"]) == ("jalali", "2021-09-22")
    assert "alternatives" not in result
    assert any("read as a Jalali date" in note for note in result["notes"])


def test_a_marker_settles_the_calendar():
    result = convert("15/09/1445 هـ")
    assert result["calendar"] == "hijri" and "alternatives" not in result


# --- item 7: --published and an ambiguous day and month --------------------------------------------


def test_published_fills_a_missing_year():
    assert convert("6 أكتوبر")["date_start"] is None
    result = convert("6 أكتوبر", "--published", "2024-05-15")
    assert result["value"] == "2024-10-06" and result["weekday"] == "Sunday"
    assert any("publication date 2024-05-15" in note for note in result["notes"])


def test_published_places_yesterday():
    assert convert("أمس", "--published", "2024-05-15")["gregorian"] == "2024-05-14"
    unplaced = convert("أمس")
    assert unplaced["gregorian"] is None and any("--published" in note for note in unplaced["notes"])


def test_an_ambiguous_day_and_month_names_both_readings():
    result = convert("10/06/2021")
    assert result["gregorian"] == "2021-06-10"
    assert [a["gregorian"] for a in result["alternatives"]] == ["2021-10-06"]
    assert any("10 June 2021" in note and "6 October 2021" in note for note in result["notes"])
    assert "alternatives" not in convert("25/06/2021")
