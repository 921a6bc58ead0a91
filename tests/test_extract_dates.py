"""Dates in running text: relative dates against the publication date, ranges, open ranges, bare years
and months, and years filled in from the publication date, on real sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.date_arithmetic import easter, within_month
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
        ("en", 'The exchange will take place "today", an official said.', "today", MONDAY, "2021-10-18", "published"),
        # Decades: ten years from the first (issue 14); the Arabic names are the twentieth century's.
        ("en", "The two dams were built in the 1970s by a foreign firm.", "1970s", None, "1970/1979", "text"),
        ("en", "Engineers warned of cracks as early as 1998.", "1998", None, "1998", "text"),
        ("ar", "وبني السدان في سبعينيات القرن الماضي ولم يرمما", "سبعينيات", None, "1970/1979", "text"),
        ("ar", "ولم تجر للسد صيانة منذ الثمانينيات", "الثمانينيات", None, "1980/1989", "text"),
        ("fa", "این سدها در دهه ۱۹۷۰ ساخته شدند", "دهه ۱۹۷۰", None, "1970/1979", "text"),
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


def test_the_weekday_that_is_also_two_is_the_number_before_an_adjective_of_two() -> None:
    found = _dates("ولم تكشف السلطات هوية الاثنين الآخرين. وسافر الوزير يوم الاثنين إلى الدوحة", "ar", MONDAY)
    assert list(found) == ["يوم الاثنين"]


def test_a_weekday_in_brackets_is_checked_against_its_day() -> None:
    found = _dates("جوکو ویدودو روز گذشته (سه‌شنبه) از ورزشگاه بازدید کرد", "fa", WEDNESDAY)
    assert found["روز گذشته (سه‌شنبه)"].value == "2021-12-21"  # a Tuesday: no note
    found = _dates("جوکو ویدودو روز گذشته (دوشنبه) از ورزشگاه بازدید کرد", "fa", WEDNESDAY)
    assert found["روز گذشته (دوشنبه)"].date.notes == ("written as Monday, but 2021-12-21 is a Tuesday",)
    found = _dates("Police on Wednesday (Dec 22) named six suspects.", "en", WEDNESDAY)
    assert found["Wednesday (Dec 22"].value == "2021-12-22"


def test_a_bare_weekday_in_the_future_may_be_the_publication_day() -> None:
    found = _dates("Officials said the ministers will meet in Brussels on Monday to discuss the mission.", "en", MONDAY)
    assert found["Monday"].value == "2021-10-18"  # written on a Monday: later that day, not a week on
    found = _dates("The ministers will meet in Brussels next Monday.", "en", MONDAY)
    assert found["next Monday"].value == "2021-10-25"


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


# ---------------------------------------------------------------------------------------------
# Constructions around a month, shifted day phrases, weekdays with a day, holidays.

TUESDAY = dt.date(2013, 2, 12)


@pytest.mark.parametrize(
    ("text", "quote", "published", "value"),
    [
        # the longer day phrase wins over اليوم inside it; قبل/بعد push a ±1 phrase one day further
        ("وكان الوفد قد وصل في اليوم السابق إلى عمّان", "اليوم السابق", MONDAY, "2021-10-17"),
        ("التقى الوزيران يوم قبل أمس في القاهرة", "يوم قبل أمس", MONDAY, "2021-10-16"),
        ("تستأنف المحادثات في اليوم الذي بعد الغد", "اليوم الذي بعد الغد", MONDAY, "2021-10-20"),
        ("قال مسؤول إن الشحنة وصلت منذ 3 أيام", "منذ 3 أيام", MONDAY, "2021-10-15"),
        # Nth and last weekday, week and day of a month
        ("تجري الانتخابات في أول ثلاثاء من نوفمبر", "أول ثلاثاء من نوفمبر", MONDAY, "2021-11-02"),
        ("يعقد المؤتمر الاثنين الأخير من شهر نوفمبر", "الاثنين الأخير من شهر نوفمبر", MONDAY, "2021-11-29"),
        ("وتصوّت اللجنة في ثالث أربعاء من الشهر المقبل", "ثالث أربعاء من الشهر المقبل", MONDAY, "2021-11-17"),
        ("سلمت التقارير في الأسبوع الأخير من أيلول", "الأسبوع الأخير من أيلول", MONDAY, "2021-09-20/2021-09-26"),
        ("تنتهي المهلة في اليوم الأخير من شهر ديسمبر", "اليوم الأخير من شهر ديسمبر", MONDAY, "2021-12-31"),
        # months by number, and a year joined by a word
        ("بدأ العمل في العاشر من شهر 9", "العاشر من شهر 9", MONDAY, "2021-09-10"),
        ("وقع الاتفاق في سبتمبر من عام 2019 بعد مفاوضات", "سبتمبر من عام 2019", MONDAY, "2019-09"),
        ("أعلنت الشركة نتائجها في أيار لعام 2018", "أيار لعام 2018", MONDAY, "2018-05"),
        ("جرى التوقيع في الشهر التاسع سنة 2014", "الشهر التاسع سنة 2014", MONDAY, "2014-09"),
        # parts of a month: early and late are ten-day spans, the middle its 15th give or take
        ("ارتفعت الأسعار في أوائل شهر أكتوبر", "أوائل شهر أكتوبر", MONDAY, "2021-10-01~/2021-10-10~"),
        ("تصل الشحنة أواخر الشهر المقبل", "أواخر الشهر المقبل", MONDAY, "2021-11-21~/2021-11-30~"),
        ("يعود السفير منتصف نوفمبر المقبل", "منتصف نوفمبر المقبل", MONDAY, "2021-11-15~"),
        # ranges: month first, ordinal words, and a month by number
        ("تقام المعارض تموز 13 إلى 15 في بيروت", "تموز 13 إلى 15", WEDNESDAY, "2021-07-13/2021-07-15"),
        ("من الثالث والعشرين وحتى السادس والعشرين من أيلول", "من الثالث والعشرين وحتى السادس والعشرين من أيلول", MONDAY, "2021-09-23/2021-09-26"),
        ("أغلقت المعابر من 5-8 من الشهر الماضي", "5-8 من الشهر الماضي", MONDAY, "2021-09-05/2021-09-08"),
    ],
)
def test_constructions_around_a_month(text, quote, published, value) -> None:
    found = _dates(text, "ar", published)
    assert quote in found, f"{quote!r} not found; got {list(found)}"
    assert found[quote].value == value


def test_weekday_with_an_ordinal_day_is_that_day_of_the_nearest_month_where_it_falls() -> None:
    found = _dates("وأكد المتحدث أن الاجتماع عقد السبت السادس عشر بحضور الوزراء", "ar", MONDAY)
    assert found["السبت السادس عشر"].value == "2021-10-16"


def test_an_ordinal_count_of_weekdays_is_not_a_day_of_the_month() -> None:
    found = _dates("خرج المحتجون في الجمعة العاشرة على التوالي", "ar", MONDAY)
    assert "الجمعة العاشرة" not in found and found["الجمعة"].relative == "Friday"


def test_weekday_of_a_relative_week() -> None:
    found = _dates("زار الرئيس الموقع يوم الأحد من الأسبوع الماضي", "ar", WEDNESDAY)
    assert found["يوم الأحد من الأسبوع الماضي"].value == "2021-12-19"


def test_weekday_picks_the_year_of_a_date_written_without_one() -> None:
    # 15 August 2013 is a Thursday, 15 August 2012 a Wednesday: the weekday says which one.
    found = _dates("وصل الوفد الخميس 15 أغسطس إلى الرياض", "ar", TUESDAY)
    assert found["الخميس 15 أغسطس"].value == "2013-08-15"
    found = _dates("تقام المباراة يوم السبت 21/09 في الملعب الدولي", "ar", TUESDAY)
    assert found["يوم السبت 21/09"].value == "2013-09-21"


def test_weekday_before_a_pair_link_belongs_to_the_date() -> None:
    found = _dates("عقد الاجتماع يوم الأحد الموافق 17 أكتوبر 2021 في جنيف", "ar", MONDAY)
    assert list(found) == ["يوم الأحد الموافق 17 أكتوبر 2021"]
    assert found["يوم الأحد الموافق 17 أكتوبر 2021"].weekday == 6


@pytest.mark.parametrize(
    ("lang", "text", "quote", "published", "value"),
    [
        ("ar", "تعطل الدوائر الرسمية في عيد الفطر 2013", "عيد الفطر 2013", TUESDAY, "2013-08-08"),
        ("ar", "عادت الرحلات بعد عيد الأضحى 2019 مباشرة", "عيد الأضحى 2019", TUESDAY, "2019-08-11"),
        ("ar", "ترتفع الأسعار عادة في رمضان 2019 ثم تنخفض", "رمضان 2019", TUESDAY, "2019-05-06/2019-06-03"),
        ("ar", "تقام القداديس في عيد الفصح هذا العام", "عيد الفصح هذا العام", TUESDAY, "2013-03-31"),
        ("ar", "أعلنت الحكومة عطلة رأس السنة الهجرية 2019", "رأس السنة الهجرية 2019", TUESDAY, "2019-08-31"),
        ("en", "Shops closed over Christmas 2020 in the city", "Christmas 2020", TUESDAY, "2020-12-25"),
        ("fa", "تعطیلات نوروز ۱۴۰۰ آغاز شد", "نوروز ۱۴۰۰", TUESDAY, "2021-03-21"),
    ],
)
def test_holidays(lang, text, quote, published, value) -> None:
    found = _dates(text, lang, published)
    assert quote in found, f"{quote!r} not found; got {list(found)}"
    assert found[quote].value == value


def test_month_number_alone_is_no_date() -> None:
    assert _dates("ارتفعت البطالة للشهر الثالث على التوالي", "ar", MONDAY) == {}
    assert "15 الشهر الماضي" not in _dates("قتل 15 الشهر الماضي في الاشتباكات", "ar", MONDAY)


@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2060), st.integers(1, 12), st.integers(0, 6), st.sampled_from([1, 2, 3, 4, -1]))
def test_nth_weekday_of_a_month_lies_in_it_and_has_that_weekday(year, month, weekday, n) -> None:
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    (day, same), _, _ = within_month((first, last), ("weekday", n, weekday))
    assert day == same and first <= day <= last and day.weekday() == weekday
    assert (day - first).days // 7 == n - 1 if n > 0 else (last - day).days < 7


@given(st.integers(1700, 2299))
def test_easter_is_a_sunday_between_22_march_and_25_april(year) -> None:
    sunday, _ = easter(year)
    assert sunday.weekday() == 6 and dt.date(year, 3, 22) <= sunday <= dt.date(year, 4, 25)
