"""What a count counts (`measure`) and a measurement's `unit`: the tables' ids are the canonical ones, no
word means two things, and every output of `checker facts` and `checker check` carries them. What each
count of a real passage counts is in tests/cases/extract/measures_*.toml and not_counts_*.toml."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from checker.engine import check, extract_text
from checker.extract.measures import canonical_ids, compile_measures, measure_words
from checker.lang import LANGUAGES, TableError, load, table
from checker.lang.schema import Measures, build
from checker.normalise.text import phrase_key
from checker.report import reporter_for
from checker.schema import FACT_SCHEMA, fact_json

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("nouns", "people", "events", "units", "units_before")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_id_is_canonical_and_every_table_compiles(lang: str) -> None:
    data = table(lang, "measures")
    known = canonical_ids()
    for section in ("nouns", "people", "events"):
        assert set(data[section]) <= set(known.measures), section
    for section in ("units", "units_before"):
        assert set(data.get(section, {})) <= set(known.units), section
    assert measure_words(lang).nouns.ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_word_means_two_things_within_a_section(lang: str) -> None:
    data = table(lang, "measures")
    for section in SECTIONS:
        meanings: dict[str, set[str]] = {}
        for name, words in data.get(section, {}).items():
            for word in words:
                meanings.setdefault(phrase_key(word), set()).add(name)
        clashes = {word: names for word, names in meanings.items() if len(names) > 1}
        assert not clashes, f"{lang} [{section}]: {clashes}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_noun_says_the_same_thing_whether_it_stands_for_people_or_not(lang: str) -> None:
    data = table(lang, "measures")
    nouns = {phrase_key(w): name for name, words in data["nouns"].items() for w in words}
    people = {phrase_key(w): name for name, words in data["people"].items() for w in words}
    assert not set(nouns) & set(people), f"{lang}: listed as a thing and as people: {set(nouns) & set(people)}"


def test_an_id_the_canonical_list_lacks_is_an_error_at_start_up() -> None:
    misspelt = replace(load("en"), measures=build(Measures, {"nouns": {"kiled": ["dead"]}}, "test"))
    with pytest.raises(TableError, match="kiled"):
        compile_measures(misspelt)


def test_measure_and_unit_are_fact_columns() -> None:
    assert FACT_SCHEMA["measure"] == FACT_SCHEMA["unit"] == FACT_SCHEMA["subject"]


PASSAGE = (
    "Rescuers said an explosion at the port killed 12 workers and injured 30 others on Thursday. "
    "The quake, of magnitude 6.3, was felt 40 km away, and the 63-year-old governor was among the injured."
)


def _facts(text: str = PASSAGE, lang: str = "en") -> list[dict]:
    return [fact_json(row) for row in extract_text(text, lang=lang).facts.iter_rows(named=True)]


def test_json_carries_measure_and_unit_and_a_quantity_has_a_number_value() -> None:
    facts = {f["text"]: f for f in _facts()}
    assert (facts["12"]["kind"], facts["12"]["measure"], facts["12"]["unit"]) == ("count", "killed", None)
    assert (facts["30"]["measure"], facts["30"]["value"]) == ("injured", 30)
    assert (facts["magnitude 6.3"]["kind"], facts["magnitude 6.3"]["unit"], facts["magnitude 6.3"]["value"]) == ("quantity", "richter", 6.3)
    assert (facts["40 km"]["unit"], facts["40 km"]["measure"]) == ("km", None)
    assert facts["63-year-old"]["unit"] == "years_of_age"


def test_facts_text_and_csv_show_what_is_counted() -> None:
    extraction = extract_text(PASSAGE, lang="en")
    text = reporter_for("text", "facts").render(extraction)
    assert "count body 12 killed" in text and "quantity body 6.3 richter" in text
    rows = list(csv.DictReader(io.StringIO(reporter_for("csv", "facts").render(extraction))))
    assert {(r["text"], r["measure"], r["unit"]) for r in rows} >= {("12", "killed", ""), ("40 km", "", "km")}


@pytest.fixture(scope="module")
def blast():
    return check([str(ROOT / "fixtures" / "stories" / "blast")], keep_texts=True)


def test_check_json_carries_measures(blast) -> None:
    document = json.loads(blast.to_json())
    killed = [f for f in document["facts"] if f["kind"] == "count" and f["measure"] == "killed"]
    assert {f["doc"] for f in killed} == {"blast_ar", "blast_en", "blast_fa", "blast_gulf_ar"}
    assert all("unit" in f and "measure" in f for f in document["facts"])


def test_html_and_sarif_show_what_is_counted(blast) -> None:
    html = reporter_for("html", "check").render(blast)
    assert "12 killed" in html and "30 injured" in html
    sarif = json.loads(reporter_for("sarif", "check").render(blast))
    related = [r["message"]["text"] for run in sarif["runs"] for result in run["results"] for r in result.get("relatedLocations", [])]
    assert any(text.endswith("(killed)") for text in related)
