"""Dates in running text: relative dates against the publication date, ranges, open ranges, bare years
and months, and years filled in from the publication date, on real sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract.dates import find_text_dates
from checker.normalise.text import normalise

MONDAY = dt.date(2021, 10, 18)
WEDNESDAY = dt.date(2021, 12, 22)


def _dates(text: str, lang: str, published: dt.date | None):
    found = find_text_dates(normalise(text), lang, published)
    for date in found:
        assert date.text == text[date.start : date.end]
    return {d.text: d for d in found}


@pytest.mark.parametrize(
    ("lang", "text", "quote", "published", "value", "year_from"),
    [
        ("ar", "قال أمس في وزارة الدفاع", "أمس", WEDNESDAY, "2021-12-21", "published"),
        ("ar", "قدمت روسيا الأسبوع الماضي مشروعين", "الأسبوع الماضي", WEDNESDAY, "2021-12-13/2021-12-19", "published"),
        ("ar", "أن يجرى في بداية العام المقبل اتصال", "العام المقبل", WEDNESDAY, "2022", "published"),
        ("ar", "محادثات بداية من الشهر المقبل بشأن", "الشهر المقبل", WEDNESDAY, "2022-01", "published"),
        ("ar", "جاءت الخطوة في وقت سابق من الشهر الجاري", "الشهر الجاري", MONDAY, "2021-10", "published"),
        ("ar", "وصلت البعثة منذ يومين إلى موسكو", "منذ يومين", MONDAY, "2021-10-16", "published"),
        ("ar", "ينتظر أن تجرى في يناير أولى المباحثات", "يناير", WEDNESDAY, "2022-01", "published"),
        ("ar", "اعتبارا من أول نوفمبر/تشرين الثاني تقريبا.", "أول نوفمبر/تشرين الثاني تقريبا", MONDAY, "2021-11-01~", "published"),
        ("ar", "في السادس من أكتوبر/ تشرين الأول الجاري، وأرجع", "السادس من أكتوبر/ تشرين الأول الجاري", MONDAY, "2021-10-06", "published"),
        ("ar", "تعقد القمة من 13 إلى 15 تموز في بيروت", "من 13 إلى 15 تموز", WEDNESDAY, "2021-07-13/2021-07-15", "published"),
        ("ar", "وانخفضت الأسعار منذ آذار الماضي", "آذار الماضي", WEDNESDAY, "2021-03", "published"),
        ("ar", "لم تعقد اجتماعات المجلس منذ عام 2019 بسبب", "منذ عام 2019", None, "2019/..", "text"),
        ("ar", "بعد ضم القرم في 2014 ودعم", "2014", None, "2014", "text"),
        ("ar", "تولى المنصب 2004–2012 ثم", "2004–2012", None, "2004/2012", "text"),
        ("fa", "دفتر نمایندگی که از سال ۲۰۰۲ در سفارت دایر شد", "از سال ۲۰۰۲", None, "2002/..", "text"),
        ("fa", "او دیروز گفت", "دیروز", MONDAY, "2021-10-17", "published"),
        ("fa", "سه روز پیش اعلام شد", "سه روز پیش", MONDAY, "2021-10-15", "published"),
        ("fa", "وزیر بود ۱۳۸۳ تا ۱۳۹۱ و", "۱۳۸۳ تا ۱۳۹۱", None, "2004-03-20/2013-03-20", "text"),
        ("fa", "هفته گذشته دیدار کردند", "هفته گذشته", MONDAY, "2021-10-11/2021-10-17", "published"),
        ("en", "Russia said yesterday it would respond", "yesterday", MONDAY, "2021-10-17", "published"),
        ("en", "The talks were held two days ago in Geneva", "two days ago", MONDAY, "2021-10-16", "published"),
        ("en", "NATO has expanded since 2014.", "since 2014", None, "2014/..", "text"),
        ("en", "The summit is set for next November in Madrid", "next November", MONDAY, "2021-11", "published"),
        ("en", "Russia will suspend its mission, Lavrov said on Monday.", "Monday", MONDAY, "2021-10-18", "published"),
    ],
)
def test_dates_in_running_text(lang, text, quote, published, value, year_from) -> None:
    found = _dates(text, lang, published)
    assert quote in found, f"{quote!r} not found; got {list(found)}"
    assert found[quote].value == value
    assert found[quote].year_from == year_from


def test_bare_weekday_is_the_last_one_in_past_reporting_and_the_next_one_after_a_future_word() -> None:
    found = _dates("أعلنت روسيا يوم الإثنين تعليق عمل بعثتها. وسوف يعقد الوزراء في بروكسل يومي الخميس والجمعة اجتماعات.", "ar", MONDAY)
    assert found["يوم الإثنين"].value == "2021-10-18"  # the publication day itself
    assert found["يومي الخميس والجمعة"].value == "2021-10-21/2021-10-22"  # two weekdays joined: one span


def test_future_word_after_the_weekday_does_not_move_it() -> None:
    found = _dates("صرح لافروف الأربعاء أنه ينتظر أن تجرى المباحثات في يناير.", "ar", WEDNESDAY)
    assert found["الأربعاء"].value == "2021-12-22"


def test_yesterday_with_a_weekday_that_does_not_fit_keeps_a_note() -> None:
    found = _dates("وقد سحب الحلف أمس الأربعاء أوراق اعتمادهم", "ar", MONDAY)
    date = found["أمس الأربعاء"]
    assert date.value == "2021-10-17"
    assert date.weekday == 2 and "Wednesday" in date.notes[0]


def test_without_a_publication_date_the_year_stays_unknown() -> None:
    found = _dates("في السادس من أكتوبر الجاري وأمس الأربعاء", "ar", None)
    assert found["السادس من أكتوبر الجاري"].value == "XXXX-10-06"
    assert found["السادس من أكتوبر الجاري"].date_start is None
    assert found["أمس الأربعاء"].value == "XXXX-XX-XX"


def test_paired_calendars_are_linked_and_converted() -> None:
    found = find_text_dates(normalise("از روز اول نوامبر (هفتم آبان) متوقف خواهیم کرد"), "fa", MONDAY)
    first, second = found
    assert (first.value, second.value) == ("2021-11-01", "2021-10-29")  # 7 Aban 1400 is 29 October
    assert first.pair == 1 and second.pair == 0


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "قتل 45 شخصا في الهجوم"),
        ("ar", "يرفع خطر الإصابة بالسكري بنسبة 38%"),
        ("fa", "تهران ۱۶:۰۳"),
        ("ar", "نقلت قناة “روسيا اليوم” عن لافروف"),
        ("en", "He paid 2500 dollars for 300 tickets"),
    ],
)
def test_not_dates(lang: str, text: str) -> None:
    assert _dates(text, lang, MONDAY) == {}
