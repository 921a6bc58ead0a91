"""Alignment: names across scripts, stories, years from context."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from checker.align.names import same_name
from checker.align.slots import resolve_years_from_context
from checker.engine import check
from checker.normalise.names import name_keys, skeleton

SPELLINGS = [
    ["Lavrov", "لافروف", "لاوروف"],
    ["Stoltenberg", "ستولتنبرغ", "ستولتنبرج", "استولتنبرگ"],
    ["Moscow", "موسكو", "مسکو"],
    ["Kremlin", "الكرملين", "کرملین"],
    ["Shoigu", "شويغو", "شویگو"],
    ["Brussels", "بروكسل", "بروکسل"],
]


@pytest.mark.parametrize("spellings", SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_one_name_in_every_script_is_the_same_name(spellings: list[str]) -> None:
    first = skeleton(spellings[0])
    assert all(same_name(first, skeleton(other)) for other in spellings[1:])


@pytest.mark.parametrize(("a", "b"), [("Lavrov", "Stoltenberg"), ("لافروف", "بوتين"), ("Moscow", "Brussels"), ("NATO", "Russia")])
def test_different_names_differ(a: str, b: str) -> None:
    assert not same_name(skeleton(a), skeleton(b))


def test_function_words_and_short_words_carry_no_name() -> None:
    keys = name_keys("قال لافروف في موسكو إن")
    assert skeleton("لافروف") in keys and skeleton("موسكو") in keys
    assert skeleton("قال") not in keys  # a function word of the Arabic table


def _story_of(result) -> dict[str, str]:
    return dict(result.documents.select("id", "story").iter_rows())


FLOOD_AR = "سيول وادي الصفا\nنشر في 12 - 3 - 2024\n\nلقي 73 شخصا حتفهم في السيول التي اجتاحت وادي الصفا يوم الإثنين 11 مارس 2024 بحسب المتحدث سالم الحارثي في مسقط."
FLOOD_EN = "Floods in Wadi al-Safa\nMarch 13, 2024\n\nFlash floods killed 84 people in Wadi al-Safa on Monday, spokesman Salem al-Harthi said in Muscat."
FLOOD_2019 = "سيول وادي الصفا\nنشر في 7 - 3 - 2019\n\nلقي 12 شخصا حتفهم في السيول التي اجتاحت وادي الصفا يوم الأربعاء 6 مارس 2019 بحسب المتحدث سالم الحارثي في مسقط."


def test_the_same_event_in_two_scripts_is_one_story() -> None:
    stories = _story_of(check([FLOOD_AR, FLOOD_EN], texts=True))
    assert stories["text1"] == stories["text2"]


def test_the_same_names_years_apart_are_two_stories() -> None:
    result = check([FLOOD_AR, FLOOD_2019], texts=True)
    stories = _story_of(result)
    assert stories["text1"] != stories["text2"]
    assert result.findings.filter(pl.col("rule") == "count-conflict").is_empty()


def test_a_yearless_date_takes_the_year_nearest_its_story() -> None:
    facts = pl.DataFrame(
        {"id": ["a#0", "b#0"], "doc": ["a", "b"], "story": ["s", "s"], "kind": ["date", "date"],
         "calendar": ["jalali", "gregorian"], "value": ["XXXX-07-14", "XXXX-01-02"], "grain": ["day", "day"],
         "date_start": [None, None], "date_end": [None, None], "year_from": [None, None]},
        schema_overrides={"date_start": pl.Date, "date_end": pl.Date, "year_from": pl.Utf8},
    )
    references = pl.DataFrame({"story": ["s"], "reference": [dt.date(2021, 12, 30)]})
    resolved = resolve_years_from_context(facts, references)
    rows = {r["id"]: r for r in resolved.iter_rows(named=True)}
    assert rows["a#0"]["date_start"] == dt.date(2021, 10, 6)  # 14 Mehr 1400
    assert rows["b#0"]["date_start"] == dt.date(2022, 1, 2)  # three days after, not a year before
    assert {r["year_from"] for r in rows.values()} == {"context"}


def test_a_story_without_any_publication_date_keeps_years_unknown() -> None:
    result = check(["اجتمع الوزراء في بروكسل يوم السادس من أكتوبر.", "Ministers met in Brussels on 6 October."], texts=True)
    dates = result.facts.filter(pl.col("kind") == "date")
    assert dates.height and dates["date_start"].null_count() == dates.height


def test_spellings_the_letter_rules_leave_apart_are_joined_by_rapidfuzz() -> None:
    from checker.align.names import canonical_names

    spellings = [skeleton(w) for w in ("Lavrov", "لاوروف", "Moscow", "Kremlin")]
    canonical = canonical_names(spellings)
    assert canonical.get(skeleton("لاوروف"), skeleton("لاوروف")) == canonical.get(skeleton("Lavrov"), skeleton("Lavrov"))
    assert skeleton("Moscow") not in canonical and skeleton("Kremlin") not in canonical


def test_whole_names_meet_across_scripts_titles_and_a_missing_first_name() -> None:
    from checker.align.names import same_people
    from checker.normalise.names import person_skeleton

    names = ["Jens Stoltenberg", "ينس ستولتنبرغ", "Camilla Stoltenberg", "Mohammad Khatami", "سید محمد خاتمی",
             "Mahmoud Ahmadinejad", "أحمدي نجاد", "محمود احمدی‌نژاد", "Ahmed Aboul Gheit", "أحمد أبو الغيط"]
    skeletons = {name: person_skeleton(name) for name in names}
    people = same_people(list(skeletons.values()))

    def person(name: str) -> str:
        return people.get(skeletons[name], skeletons[name])

    assert person("Jens Stoltenberg") == person("ينس ستولتنبرغ") != person("Camilla Stoltenberg")
    assert person("Mohammad Khatami") == person("سید محمد خاتمی")  # سید is a title
    assert person("Mahmoud Ahmadinejad") == person("أحمدي نجاد") == person("محمود احمدی‌نژاد")
    assert person("Ahmed Aboul Gheit") == person("أحمد أبو الغيط")
    assert person("Mohammad Khatami") != person("Mahmoud Ahmadinejad")


def test_a_letter_that_folds_into_another_keeps_its_own_sound() -> None:
    # ة folds to ه; ه must still read h (ابراهیم), while a final ة or ه stays a vowel (روسیه, Russia).
    assert skeleton("ابراهیم") == skeleton("Ebrahim") and skeleton("روسیه") == skeleton("Russia")


def test_a_yearless_date_takes_its_year_from_a_date_another_source_writes_in_full() -> None:
    # Neither page shows a publication date; the Arabic one writes the day in full, the Persian one not.
    arabic = "طرد الحلف ثمانية دبلوماسيين روس يوم الأربعاء 6 أكتوبر 2021 بتهمة التجسس، وقال الأمين العام ستولتنبرغ إن القرار نهائي في بروكسل."
    persian = "ناتو روز ۱۴ مهر هشت دیپلمات روس را به اتهام جاسوسی اخراج کرد و استولتنبرگ دبیرکل گفت این تصمیم در بروکسل نهایی است."
    result = check([arabic, persian], texts=True)
    assert result.documents["story"].n_unique() == 1
    mehr = result.facts.filter(pl.col("text") == "۱۴ مهر").row(0, named=True)
    assert mehr["date_start"] == dt.date(2021, 10, 6) and mehr["year_from"] == "context"
    assert not result.findings.filter(pl.col("rule") == "date-agree").is_empty()
