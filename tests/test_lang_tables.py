"""Language tables: clean strings in every TOML file, the dates.toml schema, no spelling with two meanings,
and the spellings real news text uses."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

import pytest

import checker.lang
from checker.lang import LANGUAGES, table
from checker.normalise.text import fold, phrase_pattern

LANG_DIR = Path(checker.lang.__file__).parent
TOML_FILES = sorted(LANG_DIR.rglob("*.toml"))
CALENDARS = {"gregorian", "hijri", "jalali"}
DATE_WORD_LISTS = {
    "day_month_joiners",
    "year_prefixes",
    "month_prefixes",
    "weekday_prefixes",
    "month_suffixes",
    "approximate",
    "pair_links",
}
# Lists the date grammar uses when a language has them (ranges, bare years and months in running text,
# publication lines).
OPTIONAL_DATE_WORD_LISTS = {
    "range_openers",
    "range_links",
    "since",
    "clock_pm",  # the hour of publication (checker/extract/clock.py)
    "clock_am",
    "year_prepositions",
    "month_prepositions",
    "ambiguous_months",
    # Constructions around a month (checker/extract/dates.py): months by number, parts of a month, the
    # Nth or last weekday, week or day of a month, years joined by a word, ordinal counts of weekdays.
    "month_number_prefixes",
    "month_links",
    "year_links",
    "month_early",
    "month_middle",
    "month_late",
    "last_words",
    "day_words",
    "week_words",
    "sequence_words",
    "weekday_not_before",
    # Decades: دهه ۱۹۷۰, the 1970s.
    "decade_prefixes",
    "decade_suffixes",
}

# Characters that must never be written into a table: the fold deletes or rewrites them, so a table entry
# holding one is at best redundant and at worst a different string from the one the engine matches.
_INVISIBLE = {
    0x200B: "zero width space",
    0x200C: "ZWNJ",
    0x200D: "ZWJ",
    0x200E: "LRM",
    0x200F: "RLM",
    0x061C: "Arabic letter mark",
    0x00A0: "no-break space",
    0x202F: "narrow no-break space",
    0x00AD: "soft hyphen",
    0xFEFF: "BOM",
    **{cp: "bidi embedding/override" for cp in range(0x202A, 0x202F)},
    **{cp: "bidi isolate" for cp in range(0x2066, 0x206A)},
}


def _strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a parsed TOML document (keys too), with where it sits."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}.{key}", key
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")


def _string_problems(text: str) -> list[str]:
    problems = []
    if unicodedata.normalize("NFC", text) != text:
        problems.append("not NFC")
    for char in text:
        cp = ord(char)
        if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
            problems.append(f"presentation form U+{cp:04X}")
        elif cp in _INVISIBLE:
            problems.append(f"{_INVISIBLE[cp]} U+{cp:04X}")
        elif char.isspace() and char != " ":
            problems.append(f"whitespace U+{cp:04X}")
    if text != text.strip():
        problems.append("leading/trailing space")
    if "  " in text:
        problems.append("double space")
    return problems


def _key(phrase: str) -> str:
    """What the engine compares: the folded phrase with word breaks (space, ZWNJ or none) removed."""
    return re.sub(r"\s+", "", fold(phrase))


@pytest.mark.parametrize("path", TOML_FILES, ids=lambda p: str(p.relative_to(LANG_DIR)))
def test_every_table_string_is_clean(path: Path) -> None:
    with path.open("rb") as handle:
        document = tomllib.load(handle)
    bad = [
        f"{where}: {text!r} ({', '.join(problems)})"
        for where, text in _strings(document)
        if (problems := _string_problems(text))
    ]
    assert not bad, "\n".join(bad)


def test_string_check_catches_what_it_should() -> None:
    assert _string_problems("سه‌شنبه")  # ZWNJ
    assert _string_problems("\ufefb")  # lam-alef presentation form
    assert _string_problems("ربيع  الاول")
    assert _string_problems(" رجب")
    assert _string_problems("e\u0301")  # decomposed é
    assert not _string_problems("ربيع الأول")


# --- dates.toml ---------------------------------------------------------------------------------------


def _dates(lang: str) -> dict[str, Any]:
    return table(lang, "dates")


def _spellings(lang: str) -> dict[str, set[tuple]]:
    """Spelling as written -> meanings: ("month", calendar, number), ("weekday", index), ("marker", calendar)."""
    index: dict[str, set[tuple]] = defaultdict(set)
    dates = _dates(lang)
    for entry in dates.get("months", []):
        for number, spellings in enumerate(entry["names"], start=1):
            for spelling in spellings:
                index[spelling].add(("month", entry["calendar"], number))
    for day, spellings in enumerate(dates.get("weekdays", {}).get("names", [])):
        for spelling in spellings:
            index[spelling].add(("weekday", day))
    for calendar, spellings in dates.get("calendar_markers", {}).items():
        for spelling in spellings:
            index[spelling].add(("marker", calendar))
    return index


def _meanings(lang: str) -> dict[str, set[tuple]]:
    """Folded spelling without word breaks -> meanings."""
    index: dict[str, set[tuple]] = defaultdict(set)
    for spelling, meanings in _spellings(lang).items():
        index[_key(spelling)] |= meanings
    return index


def lookup(lang: str, phrase: str) -> set[tuple]:
    """Meanings of a phrase as printed (the test's stand-in for the engine's lookup)."""
    return _meanings(lang).get(_key(phrase), set())


def pattern_lookup(lang: str, phrase: str) -> set[tuple]:
    """Meanings whose table spelling, as a phrase_pattern, matches the whole printed phrase.

    Stricter than `lookup`: a table entry written solid (دوشنبه) would not match the spaced print (دو شنبه).
    """
    text = fold(phrase)
    return {
        meaning
        for spelling, meanings in _spellings(lang).items()
        if re.fullmatch(phrase_pattern(spelling), text)
        for meaning in meanings
    }


def month_entries(lang: str, phrase: str) -> list[dict[str, Any]]:
    """The [[months]] entries that list the phrase."""
    key = _key(phrase)
    return [
        entry
        for entry in _dates(lang).get("months", [])
        if any(key == _key(s) for spellings in entry["names"] for s in spellings)
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_schema(lang: str) -> None:
    dates = _dates(lang)
    assert dates, f"{lang}/dates.toml missing or empty"
    assert set(dates) <= {"months", "weekdays", "calendar_markers", "date_words", "year_calendars", "decades"}
    assert all(isinstance(first, int) and first % 10 == 0 for first in dates.get("decades", {}).values())

    def spelling_lists(lists: Any, count: int, what: str) -> None:
        assert isinstance(lists, list) and len(lists) == count, f"{what}: need {count} lists"
        for i, spellings in enumerate(lists):
            assert isinstance(spellings, list) and spellings, f"{what}[{i}] empty"
            assert all(isinstance(s, str) and s for s in spellings), f"{what}[{i}]"

    assert dates["months"]
    for entry in dates["months"]:
        where = f"{lang} months {entry.get('calendar')}/{entry.get('region')}"
        assert set(entry) <= {"calendar", "region", "tolerance_days", "names"}, where
        assert entry["calendar"] in CALENDARS, where
        assert isinstance(entry["region"], str) and entry["region"], where
        tolerance = entry.get("tolerance_days", 0)
        assert isinstance(tolerance, int) and 0 <= tolerance <= 3, where
        spelling_lists(entry["names"], 12, where)
    regions = [(e["calendar"], e["region"]) for e in dates["months"]]
    assert len(regions) == len(set(regions)), f"{lang}: a calendar/region pair listed twice"

    assert set(dates["weekdays"]) == {"names"}
    spelling_lists(dates["weekdays"]["names"], 7, f"{lang} weekdays")

    markers = dates["calendar_markers"]
    assert markers and set(markers) <= CALENDARS
    for calendar, spellings in markers.items():
        assert isinstance(spellings, list) and spellings, calendar
        assert all(isinstance(s, str) and s for s in spellings), calendar

    words = dates["date_words"]
    known = DATE_WORD_LISTS | OPTIONAL_DATE_WORD_LISTS | {"numeric_order", "month_first"}
    assert DATE_WORD_LISTS | {"numeric_order"} <= set(words) <= known
    assert isinstance(words.get("month_first", False), bool)
    for name in DATE_WORD_LISTS | (OPTIONAL_DATE_WORD_LISTS & set(words)):
        assert isinstance(words[name], list), name
        assert all(isinstance(s, str) and s for s in words[name]), name
        assert len({_key(s) for s in words[name]}) == len(words[name]), f"{name}: same word twice"
    assert words["numeric_order"] in {"DMY", "MDY", "YMD"}

    ranges = dates["year_calendars"]
    assert ranges
    for entry in ranges:
        assert set(entry) == {"calendar", "from", "to"}, entry
        assert entry["calendar"] in CALENDARS, entry
        assert isinstance(entry["from"], int) and isinstance(entry["to"], int), entry
        assert 1 <= entry["from"] <= entry["to"] <= 3000, entry
    ordered = sorted(ranges, key=lambda e: e["from"])
    for before, after in zip(ordered, ordered[1:]):
        assert before["to"] < after["from"], f"{lang}: year ranges overlap: {before} {after}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_spelling_has_two_meanings(lang: str) -> None:
    clashes = {key: meanings for key, meanings in _meanings(lang).items() if len(meanings) > 1}
    assert not clashes, f"{lang}: {clashes}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_redundant_spelling_within_one_list(lang: str) -> None:
    """Two entries of one list that fold to the same key are one entry written twice."""
    dates = _dates(lang)
    lists = [s for e in dates["months"] for s in e["names"]]
    lists += dates["weekdays"]["names"]
    lists += list(dates["calendar_markers"].values())
    redundant = [s for s in lists if len({_key(x) for x in s}) != len(s)]
    assert not redundant, f"{lang}: {redundant}"


MONTHS = [
    # Arabic: regional Gregorian names
    ("ar", "يناير", "gregorian", 1),
    ("ar", "كانون الثاني", "gregorian", 1),
    ("ar", "كانون 2", "gregorian", 1),
    ("ar", "كانون٢", "gregorian", 1),
    ("ar", "جانفي", "gregorian", 1),
    ("ar", "شباط", "gregorian", 2),
    ("ar", "فيفري", "gregorian", 2),
    ("ar", "آذار", "gregorian", 3),
    ("ar", "مارس", "gregorian", 3),
    ("ar", "إبريل", "gregorian", 4),
    ("ar", "ابريل", "gregorian", 4),
    ("ar", "أفريل", "gregorian", 4),
    ("ar", "نيسان", "gregorian", 4),
    ("ar", "مايو", "gregorian", 5),
    ("ar", "ماي", "gregorian", 5),
    ("ar", "أيار", "gregorian", 5),
    ("ar", "يونيه", "gregorian", 6),
    ("ar", "جوان", "gregorian", 6),
    ("ar", "حزيران", "gregorian", 6),
    ("ar", "يوليوز", "gregorian", 7),
    ("ar", "جويلية", "gregorian", 7),
    ("ar", "تموز", "gregorian", 7),
    ("ar", "اغسطس", "gregorian", 8),
    ("ar", "آب", "gregorian", 8),
    ("ar", "غشت", "gregorian", 8),
    ("ar", "أوت", "gregorian", 8),
    ("ar", "أيلول", "gregorian", 9),
    ("ar", "شتنبر", "gregorian", 9),
    ("ar", "اكتوبر", "gregorian", 10),
    ("ar", "تشرين الأول", "gregorian", 10),
    ("ar", "تشرين 1", "gregorian", 10),
    ("ar", "تشرين الثاني", "gregorian", 11),
    ("ar", "تشرين ثاني", "gregorian", 11),
    ("ar", "نونبر", "gregorian", 11),
    ("ar", "دجنبر", "gregorian", 12),
    ("ar", "كانون الأول", "gregorian", 12),
    ("ar", "كانون 1", "gregorian", 12),
    # Arabic: Hijri
    ("ar", "المحرم", "hijri", 1),
    ("ar", "ربيع الأول", "hijri", 3),
    ("ar", "ربيع الاول", "hijri", 3),
    ("ar", "ربيع الآخر", "hijri", 4),
    ("ar", "ربيع الثاني", "hijri", 4),
    ("ar", "جمادى الأولى", "hijri", 5),
    ("ar", "جمادي الاولى", "hijri", 5),
    ("ar", "جمادى الآخرة", "hijri", 6),
    ("ar", "جمادى الثانية", "hijri", 6),
    ("ar", "ذو القعدة", "hijri", 11),
    ("ar", "ذي القعدة", "hijri", 11),
    ("ar", "ذو الحجة", "hijri", 12),
    ("ar", "ذي الحجة", "hijri", 12),
    ("ar", "ذوالحجة", "hijri", 12),
    # Arabic: Iranian months as transliterated
    ("ar", "آذر", "jalali", 9),
    ("ar", "فروردين", "jalali", 1),
    # Persian: Iranian and Afghan solar months
    ("fa", "فروردین", "jalali", 1),
    ("fa", "اردیبهشت", "jalali", 2),
    ("fa", "امرداد", "jalali", 5),
    ("fa", "مرداد", "jalali", 5),
    ("fa", "مهر", "jalali", 7),
    ("fa", "آذر", "jalali", 9),
    ("fa", "دی", "jalali", 10),
    ("fa", "اسفند", "jalali", 12),
    ("fa", "حمل", "jalali", 1),
    ("fa", "جوزاء", "jalali", 3),
    ("fa", "میزان", "jalali", 7),
    ("fa", "حوت", "jalali", 12),
    # Persian: Gregorian, Iranian and Afghan spellings
    ("fa", "ژانویه", "gregorian", 1),
    ("fa", "ژانویهٔ", "gregorian", 1),
    ("fa", "جنوری", "gregorian", 1),
    ("fa", "فبروری", "gregorian", 2),
    ("fa", "آوریل", "gregorian", 4),
    ("fa", "اپریل", "gregorian", 4),
    ("fa", "مه", "gregorian", 5),
    ("fa", "می", "gregorian", 5),
    ("fa", "ژوئیه", "gregorian", 7),
    ("fa", "جولای", "gregorian", 7),
    ("fa", "اوت", "gregorian", 8),
    ("fa", "آگوست", "gregorian", 8),
    ("fa", "اگست", "gregorian", 8),
    ("fa", "دسامبر", "gregorian", 12),
    ("fa", "دسمبر", "gregorian", 12),
    # Persian: Hijri
    ("fa", "ربیع‌الاول", "hijri", 3),
    ("fa", "ربيع الأول", "hijri", 3),
    ("fa", "ربیع‌الثانی", "hijri", 4),
    ("fa", "ربیع الآخر", "hijri", 4),
    ("fa", "جمادی‌الاول", "hijri", 5),
    ("fa", "جمادی الاولی", "hijri", 5),
    ("fa", "جمادی‌الثانی", "hijri", 6),
    ("fa", "جمادی الآخره", "hijri", 6),
    ("fa", "ذی‌القعده", "hijri", 11),
    ("fa", "ذوالقعده", "hijri", 11),
    ("fa", "ذی‌الحجه", "hijri", 12),
    ("fa", "ذوالحجه", "hijri", 12),
    # English
    ("en", "Sept", "gregorian", 9),
    ("en", "sep", "gregorian", 9),
    ("en", "MAY", "gregorian", 5),
    ("en", "Rabi' al-Awwal", "hijri", 3),
    ("en", "Rabi I", "hijri", 3),
    ("en", "Rabi al-Akhir", "hijri", 4),
    ("en", "Rabi II", "hijri", 4),
    ("en", "Jumada al-Ula", "hijri", 5),
    ("en", "Jumada II", "hijri", 6),
    ("en", "Sha’ban", "hijri", 8),
    ("en", "Ramazan", "hijri", 9),
    ("en", "Dhu al-Qi'dah", "hijri", 11),
    ("en", "Dhul Hijjah", "hijri", 12),
    ("en", "Amordad", "jalali", 5),
    ("en", "Dei", "jalali", 10),
    ("en", "Esfand", "jalali", 12),
]


@pytest.mark.parametrize(("lang", "phrase", "calendar", "number"), MONTHS)
def test_real_month_spellings(lang: str, phrase: str, calendar: str, number: int) -> None:
    assert lookup(lang, phrase) == pattern_lookup(lang, phrase) == {("month", calendar, number)}


WEEKDAYS = [
    ("ar", "الإثنين", 0),
    ("ar", "الاثنين", 0),
    ("ar", "الثلاثاء", 1),
    ("ar", "الأربعاء", 2),
    ("ar", "الجمعة", 4),
    ("ar", "السبت", 5),
    ("ar", "الأحد", 6),
    ("fa", "دو شنبه", 0),
    ("fa", "دوشنبه", 0),
    ("fa", "سه‌شنبه", 1),
    ("fa", "سه شنبه", 1),
    ("fa", "سهشنبه", 1),
    ("fa", "چهارشنبه", 2),
    ("fa", "پنجشنبه", 3),
    ("fa", "پنج‌شنبه", 3),
    ("fa", "آدینه", 4),
    ("fa", "شنبه", 5),
    ("fa", "یکشنبه", 6),
    ("fa", "یک‌شنبه", 6),
    ("en", "Thurs", 3),
    ("en", "Sunday", 6),
]


@pytest.mark.parametrize(("lang", "phrase", "index"), WEEKDAYS)
def test_real_weekday_spellings(lang: str, phrase: str, index: int) -> None:
    assert lookup(lang, phrase) == pattern_lookup(lang, phrase) == {("weekday", index)}


MARKERS = [
    ("ar", "هـ", "hijri"),
    ("ar", "ه", "hijri"),
    ("ar", "للهجرة", "hijri"),
    ("ar", "م", "gregorian"),
    ("ar", "ميلادية", "gregorian"),
    ("ar", "هـ.ش", "jalali"),
    ("ar", "ه.ش", "jalali"),
    ("ar", "شمسي", "jalali"),
    ("fa", "ه.ش", "jalali"),
    ("fa", "هـ.ش", "jalali"),
    ("fa", "ه. ش", "jalali"),
    ("fa", "ه‍.ش", "jalali"),  # with ZWJ after heh, as some fonts need
    ("fa", "خورشیدی", "jalali"),
    ("fa", "هجری شمسی", "jalali"),
    ("fa", "ه.ق", "hijri"),
    ("fa", "هجری قمری", "hijri"),
    ("fa", "میلادی", "gregorian"),
    ("en", "A.H.", "hijri"),
    ("en", "CE", "gregorian"),
    ("en", "Solar Hijri", "jalali"),
]


@pytest.mark.parametrize(("lang", "phrase", "calendar"), MARKERS)
def test_real_calendar_markers(lang: str, phrase: str, calendar: str) -> None:
    assert lookup(lang, phrase) == pattern_lookup(lang, phrase) == {("marker", calendar)}


def test_afghan_solar_months_carry_a_day_of_tolerance() -> None:
    for phrase in ("حمل", "حوت", "جدی"):
        entries = month_entries("fa", phrase)
        assert entries and all(e.get("tolerance_days") == 1 for e in entries), phrase
    assert all(e.get("tolerance_days", 0) == 0 for e in month_entries("fa", "فروردین"))


def test_levant_and_iranian_azar_stay_apart() -> None:
    # آذار is March in Syria and Iraq; آذر is the ninth Iranian month. They must never fold together.
    assert _key("آذار") != _key("آذر")
    assert lookup("ar", "آذار") == {("month", "gregorian", 3)}
    assert lookup("fa", "آذر") == {("month", "jalali", 9)}


def test_unmarked_year_calendar() -> None:
    def calendar_of(lang: str, year: int) -> str | None:
        for entry in _dates(lang)["year_calendars"]:
            if entry["from"] <= year <= entry["to"]:
                return entry["calendar"]
        return None

    assert calendar_of("ar", 1445) == "hijri"
    assert calendar_of("ar", 2024) == "gregorian"
    assert calendar_of("fa", 1402) == "jalali"
    assert calendar_of("fa", 2024) == "gregorian"
    assert calendar_of("en", 2024) == "gregorian"
    assert calendar_of("en", 1402) == "gregorian"
