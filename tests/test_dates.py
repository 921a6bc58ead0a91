"""Dates in running text: real phrases from Arabic, Persian and English outlets."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.calendars.tables import day_in_all_calendars
from checker.errors import InvalidDate
from checker.grammar.dates import find_dates, month_named, parse_date, weekday_named
from checker.lang import table

D = dt.date


def only(text, lang=None, **kwargs):
    matches = [m for m in find_dates(text, lang, **kwargs)]
    assert len(matches) == 1, [(m.text, m.value) for m in matches]
    match = matches[0]
    assert text[match.start : match.end] == match.text
    return match


@pytest.mark.parametrize(
    "phrase, calendar, start, end, grain",
    [
        ("٦ أكتوبر ٢٠٢١", "gregorian", D(2021, 10, 6), D(2021, 10, 6), "day"),
        ("۱۴ مهر ۱۴۰۰", "jalali", D(2021, 10, 6), D(2021, 10, 6), "day"),
        ("29 صفر 1443هـ", "hijri", D(2021, 10, 6), D(2021, 10, 6), "day"),
        ("15/09/1445 هـ", "hijri", D(2024, 3, 25), D(2024, 3, 25), "day"),  # dateparser reads this as 1445 AD
        ("في 29 يوليو 1938 غزت القوات", "gregorian", D(1938, 7, 29), D(1938, 7, 29), "day"),
        ("بین سپتامبر 1939 و", "gregorian", D(1939, 9, 1), D(1939, 9, 30), "month"),
        ("في 15 كانون الثاني 2020", "gregorian", D(2020, 1, 15), D(2020, 1, 15), "day"),
        ("يوم 3 غشت 2022 بالرباط", "gregorian", D(2022, 8, 3), D(2022, 8, 3), "day"),
        ("استقلال 5 جويلية 1962", "gregorian", D(1962, 7, 5), D(1962, 7, 5), "day"),
        ("Wednesday, 6 October 2021", "gregorian", D(2021, 10, 6), D(2021, 10, 6), "day"),
        ("on October 6, 2021 the", "gregorian", D(2021, 10, 6), D(2021, 10, 6), "day"),
        ("السادس من أكتوبر 2021", "gregorian", D(2021, 10, 6), D(2021, 10, 6), "day"),
        ("هفتم آبان ۱۴۰۰", "jalali", D(2021, 10, 29), D(2021, 10, 29), "day"),
        ("۱۵ حمل ۱۴۰۰", "jalali", D(2021, 4, 4), D(2021, 4, 4), "day"),
        ("في نوفمبر/تشرين الثاني 2021", "gregorian", D(2021, 11, 1), D(2021, 11, 30), "month"),
        ("سال ۱۴۰۲", "jalali", D(2023, 3, 21), D(2024, 3, 19), "year"),
        ("عام 2002", "gregorian", D(2002, 1, 1), D(2002, 12, 31), "year"),
        ("2024م", "gregorian", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("نشر في يوم 18 - 10 - 2021", "gregorian", D(2021, 10, 18), D(2021, 10, 18), "day"),
        ("Published On 7/10/2021", "gregorian", D(2021, 10, 7), D(2021, 10, 7), "day"),  # D/M/Y
        ("۱۴۰۰/۰۷/۱۴", "jalali", D(2021, 10, 6), D(2021, 10, 6), "day"),
    ],
)
def test_dates_in_their_calendar(phrase, calendar, start, end, grain):
    match = only(phrase)
    assert match.error is None
    value = match.value
    assert (value.calendar, value.start, value.end, value.grain) == (calendar, start, end, grain)


def test_hijri_month_and_year_are_intervals_from_umm_al_qura():
    from hijridate import Hijri

    month = only("في ربيع الأول 1443").value
    first = Hijri(1443, 3, 1).to_gregorian()
    last = Hijri(1443, 3, Hijri(1443, 3, 1).month_length()).to_gregorian()
    assert (month.grain, month.start, month.end) == ("month", first, last)
    assert month.edtf == f"{first.isoformat()}/{last.isoformat()}"
    year = only("عام 1443هـ").value
    assert year.grain == "year" and year.start.year == 2021 and year.end.year == 2022


def test_arabic_bare_year_in_hijri_range_is_hijri_and_persian_is_jalali():
    assert only("عام 1443").value.calendar == "hijri"
    assert only("سال ۱۴۰۲").value.calendar == "jalali"
    assert only("in 2014").value.calendar == "gregorian"


def test_hijri_and_afghan_dates_carry_a_tolerance():
    assert only("29 صفر 1443هـ").value.tolerance_days == 1
    assert only("۱۵ حمل ۱۴۰۰").value.tolerance_days == 1
    assert only("۱۵ فروردین ۱۴۰۰").value.tolerance_days == 0


def test_month_names_that_are_also_words_need_a_date_construction():
    assert find_dates("شرب آب بارد في الصيف") == []  # آب: water
    assert find_dates("مهر و موم شده بود") == []  # مهر: seal
    assert find_dates("نتيجة صفر في المباراة") == []  # صفر: zero
    assert find_dates("مه غلیظ شهر را پوشاند") == []  # مه: fog
    assert find_dates("او می خواهد برود") == []  # می: verb prefix
    assert find_dates("He marches on") == []


def test_levantine_adhar_and_persian_azar_are_different_months():
    adhar = only("في آذار 2021").value
    azar = only("آذر ۱۴۰۰").value
    assert (adhar.calendar, adhar.month) == ("gregorian", 3)
    assert (azar.calendar, azar.month) == ("jalali", 9)


def test_counts_percentages_and_clock_times_are_not_years():
    assert find_dates("قتل 45 شخصا وأصيب 38% منهم") == []
    assert find_dates("تهران ۱۶:۰۳") == []
    assert find_dates("1500 people attended") == []


def test_year_unknown_stays_unknown():
    value = only("وزیر خارجه روز دوشنبه ۲۶ مهر اعلام کرد").value
    assert value.year is None and value.start is None
    assert value.edtf == "XXXX-07-26"
    assert value.weekday == 0


def test_invalid_days_are_rejected_with_a_reason():
    for phrase, words in [
        ("30 اسفند 1402", "1402"),
        ("31 مهر 1400", "Mehr"),
        ("30 فبراير 2021", "February"),
    ]:
        match = only(phrase)
        assert match.value is None and words in match.error
        with pytest.raises(InvalidDate):
            parse_date(phrase)
    assert "Mehr" in only("31 مهر").error  # no year needed to know Mehr never has 31 days


def test_hijri_day_30_in_a_29_day_month_is_accepted_with_a_note():
    value = only("30 صفر 1443هـ").value  # Safar 1443 has 29 days in Umm al-Qura
    assert value.start == D(2021, 10, 7)
    assert value.notes


def test_weekday_written_with_the_date_is_checked():
    assert only("الأربعاء 6 أكتوبر 2021").value.weekday_matches is True
    assert only("الخميس 6 أكتوبر 2021").value.weekday_matches is False
    assert only("سه‌شنبه ۱۴ مهر ۱۴۰۰").value.weekday_matches is False
    assert only("چهارشنبه ۱۴ مهر ۱۴۰۰").value.weekday_matches is True
    # A Hijri day may be a day off by local sighting: the neighbouring weekday still fits.
    assert only("الخميس 29 صفر 1443هـ").value.weekday_matches is True


def test_approximate_dates():
    value = only("حوالي 1 نوفمبر 2021").value
    assert value.approximate and value.edtf == "2021-11-01~"
    assert only("about 1 November 2021").value.approximate


def test_paired_calendars_are_linked():
    matches = find_dates("29 صفر 1443هـ الموافق 6 أكتوبر 2021م")
    assert [m.value.start for m in matches] == [D(2021, 10, 6), D(2021, 10, 6)]
    assert matches[0].paired_with == 1 and matches[1].paired_with == 0
    matches = find_dates("از روز اول نوامبر (هفتم آبان) متوقف")
    assert [(m.value.calendar, m.value.month, m.value.day) for m in matches] == [("gregorian", 11, 1), ("jalali", 8, 7)]
    assert matches[0].paired_with == 1


def test_spans_are_exact_original_substrings_with_marks_and_zwnj():
    text = "گفت\u200c که روز سه\u200cشنبه\u200f ۲۷ مهرماه ۱۴۰۰ هجری شمسی نشست"
    match = only(text)
    assert text[match.start : match.end] == match.text
    assert match.text.startswith("روز سه") and match.text.endswith("شمسی")  # the day word belongs to the date
    assert match.value.calendar == "jalali" and match.value.start == D(2021, 10, 19)


def test_two_digit_years_only_where_the_whole_text_is_a_date():
    reference = D(2026, 11, 22)
    assert parse_date("30-02-33", calendar="hijri", reference=reference).value.year == 1433
    assert parse_date("10-03-90", calendar="hijri", reference=reference).value.year == 1390
    assert parse_date("پنجشنبه 26 شهریور 94", reference=reference).value.start == D(2015, 9, 17)
    assert find_dates("قتل 26 شهریور 94 نفر") == [] or all(m.value.year is None for m in find_dates("قتل 26 شهریور 94 نفر"))


def _first_spelling(lang, calendar, month):
    for entry in table(lang, "dates")["months"]:
        if entry["calendar"] == calendar:
            return entry["names"][month - 1][0]
    raise LookupError


_DIGIT_SHAPES = {"latin": "0123456789", "arabic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}


def _digits(number, shape):
    return "".join(_DIGIT_SHAPES[shape][int(c)] for c in str(number))


@given(
    day=st.dates(D(1925, 1, 1), D(2075, 12, 31)),
    written=st.sampled_from([("ar", "gregorian"), ("ar", "hijri"), ("fa", "jalali"), ("fa", "gregorian"), ("en", "gregorian")]),
    shape=st.sampled_from(list(_DIGIT_SHAPES)),
)
@settings(max_examples=300, deadline=None)
def test_any_day_written_in_words_reads_back(day, written, shape):
    lang, calendar = written
    cell = day_in_all_calendars(day)
    year, month, dom = getattr(cell, calendar)
    marker = {"hijri": " هـ", "jalali": "", "gregorian": ""}[calendar]
    phrase = f"{_digits(dom, shape)} {_first_spelling(lang, calendar, month)} {_digits(year, shape)}{marker}"
    match = only(phrase, lang)
    assert (match.value.calendar, match.value.start, match.value.end) == (calendar, day, day)


@pytest.mark.parametrize(
    ("word", "lang", "weekday"),
    [("روز شنبه", "fa", 5), ("سه شنبه", "fa", 1), ("سه‌شنبه", "fa", 1), ("يوم الاثنين", "ar", 0), ("الإثنين", "ar", 0),
     ("Friday", "en", 4), ("شنبه‌ها", "fa", None), ("مهر", "fa", None)],
)
def test_weekday_names_with_or_without_the_day_word(word, lang, weekday):
    assert weekday_named(word, lang) == weekday


@pytest.mark.parametrize(
    ("word", "lang", "named"),
    [("امرداد", "fa", ("jalali", 5)), ("تشرين الثاني", "ar", ("gregorian", 11)), ("ذی‌الحجه", "fa", ("hijri", 12)),
     ("جدی", "fa", ("jalali", 10)), ("غشت", "ar", ("gregorian", 8)), ("شنبه", "fa", None)],
)
def test_month_names_across_regions(word, lang, named):
    assert month_named(word, lang) == named


def test_day_word_before_a_weekday_joins_the_date_and_its_check():
    match = only("وصل يوم الأربعاء 6 أكتوبر 2021 إلى الرياض")
    assert match.text == "يوم الأربعاء 6 أكتوبر 2021"
    assert match.value.weekday == 2 and match.value.weekday_matches
