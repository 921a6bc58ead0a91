"""The head of a pasted page: menus, a weather or currency strip, the site's date line, breadcrumbs, the
headline, a byline, then the article. The headline is the article's first statement (its figures are body
facts, not chrome); a byline under it is not the headline; a date line above the headline that states the
day the row's metadata gives is the publication line (`meta`), one that states another day is the day the
page was viewed (`chrome`), and the update part of a line is chrome. Pages written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.engine import extract

EN_PAGE = """The Harbour Courier | News | World | Business | Sport | Opinion
World ▸ Europe   |   Tuesday 5 March 2024   |   Sign in
Ferry fire off Crete leaves 12 dead and dozens hurt
By Lena Hart in Athens
A fire that broke out on a passenger ferry off the northern coast of Crete on Monday night killed 12 people
and injured 41 others, the Greek coastguard said on Tuesday, as divers searched the hull for two crew members
still unaccounted for.
The vessel was carrying 318 passengers and 57 crew when smoke was seen rising from its car deck, about
nine nautical miles from the port of Heraklion, according to the shipping ministry.
"""

FA_PAGE = """صفحه اول | سیاسی | اقتصادی | بین‌الملل | ورزشی | فرهنگی
سه‌شنبه ۱۵ اسفند ۱۴۰۲ - ۱۰:۲۰
بین‌الملل » اروپا
آتش‌سوزی کشتی مسافربری در نزدیکی کرت جان ۱۲ نفر را گرفت
به گزارش خبرنگار ما، گارد ساحلی یونان اعلام کرد آتش‌سوزی یک کشتی مسافربری در شمال جزیره کرت در شب دوشنبه
دست‌کم ۱۲ کشته و ۴۱ زخمی برجای گذاشت و غواصان همچنان در جست‌وجوی دو خدمه مفقود هستند و عملیات ادامه دارد.
"""

AR_PAGE = """الرئيسية | أخبار | عربي ودولي | اقتصاد | رياضة | منوعات
الطقس: العظمى 19 والصغرى 8 درجات | الفجر 05:02
الثلاثاء 5 مارس 2024 - آخر تحديث: الأربعاء 6 مارس 2024
حريق عبّارة قبالة جزيرة كريت اليونانية يودي بحياة 12 شخصاً ويصيب العشرات
أثينا - سامر خليل
أعلن خفر السواحل اليوناني، اليوم الثلاثاء، أن حريقاً اندلع في عبّارة ركاب قبالة السواحل الشمالية لجزيرة كريت
مساء الاثنين أسفر عن مقتل 12 شخصاً وإصابة 41 آخرين، فيما يواصل الغواصون البحث عن اثنين من أفراد الطاقم.
"""


def _facts(tmp_path: Path, page: str, lang: str, published: str) -> list[dict]:
    table = tmp_path / "pages.jsonl"
    table.write_text(json.dumps({"id": "page", "text": page, "lang": lang, "published": published}, ensure_ascii=False) + "\n", encoding="utf-8")
    return extract([str(table)]).facts.to_dicts()


def _zone_of(facts: list[dict], text: str, occurrence: int = 1) -> str:
    found = [f for f in facts if f["text"] == text or text in f["text"]]
    assert len(found) >= occurrence, f"{text!r} not found among {[f['text'] for f in facts]}"
    return found[occurrence - 1]["zone"]


@pytest.mark.parametrize(
    ("page", "lang", "headline_line", "headline_figure"),
    [(EN_PAGE, "en", 2, "12"), (FA_PAGE, "fa", 3, "۱۲"), (AR_PAGE, "ar", 3, "12")],
)
def test_the_headline_under_menus_and_above_a_byline_is_the_article(tmp_path, page, lang, headline_line, headline_figure) -> None:
    facts = _facts(tmp_path, page, lang, "2024-03-05")
    headline = page.splitlines()[headline_line]
    first = next(f for f in facts if f["text"].endswith(headline_figure) and f["kind"] == "count")
    assert page.index(headline) <= first["start"] < page.index(headline) + len(headline)
    assert first["zone"] == "body"


@pytest.mark.parametrize(("page", "lang", "day"), [(EN_PAGE, "en", "Tuesday 5 March 2024"), (FA_PAGE, "fa", "سه‌شنبه ۱۵ اسفند ۱۴۰۲")])
def test_a_date_line_above_the_headline_stating_the_publication_day_is_the_publication_line(tmp_path, page, lang, day) -> None:
    assert _zone_of(_facts(tmp_path, page, lang, "2024-03-05"), day) == "meta"


@pytest.mark.parametrize(("page", "lang", "day"), [(EN_PAGE, "en", "Tuesday 5 March 2024"), (FA_PAGE, "fa", "سه‌شنبه ۱۵ اسفند ۱۴۰۲")])
def test_a_date_line_above_the_headline_stating_another_day_is_the_day_the_page_was_viewed(tmp_path, page, lang, day) -> None:
    assert _zone_of(_facts(tmp_path, page, lang, "2024-03-01"), day) == "chrome"


def test_the_update_part_of_a_restated_publication_line_stays_chrome(tmp_path) -> None:
    facts = _facts(tmp_path, AR_PAGE, "ar", "2024-03-05")
    assert _zone_of(facts, "الثلاثاء 5 مارس 2024") == "meta"
    assert _zone_of(facts, "الأربعاء 6 مارس 2024") == "chrome"


def test_a_weather_strip_above_the_headline_is_not_taken_for_it(tmp_path) -> None:
    facts = _facts(tmp_path, AR_PAGE, "ar", "2024-03-05")
    strip = AR_PAGE.splitlines()[1]
    on_strip = [f for f in facts if AR_PAGE.index(strip) <= f["start"] < AR_PAGE.index(strip) + len(strip)]
    assert on_strip and all(f["zone"] == "chrome" for f in on_strip)
