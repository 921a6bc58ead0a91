"""The typed language loader: every language's tables load into one validated, frozen object; a table that
does not fit the schema fails with its file and key; a user's event words make a distinct object."""

from __future__ import annotations

import dataclasses

import pytest

from checker.lang import LANGUAGES, Language, TableError, load
from checker.lang.schema import Dates, Numbers, build


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_loads_once(code: str) -> None:
    language = load(code)
    assert isinstance(language, Language) and language.code == code
    assert load(code) is language
    assert language.dates.months and language.dates.weekdays.names and language.events.events


def test_the_object_is_frozen() -> None:
    language = load("ar")
    with pytest.raises(dataclasses.FrozenInstanceError):
        language.code = "fa"  # type: ignore[misc]
    with pytest.raises(TypeError):
        language.numbers.prefixes.refuses["x"] = ()  # type: ignore[index]


def test_an_unknown_key_names_the_file_and_key() -> None:
    with pytest.raises(TableError, match=r"^checker/lang/xx/dates.toml: date_words: unknown key 'month_frist'"):
        build(Dates, {"date_words": {"month_frist": True}}, "checker/lang/xx/dates.toml")


def test_a_wrong_type_names_the_file_and_key() -> None:
    with pytest.raises(TableError, match=r"^checker/lang/xx/numbers.toml: grammar.connectors\[1\]: expected str, got 3"):
        build(Numbers, {"grammar": {"connectors": ["and", 3]}}, "checker/lang/xx/numbers.toml")
    with pytest.raises(TableError, match=r"numbers.toml: cardinals.one: expected int, got True"):
        build(Numbers, {"cardinals": {"one": True}}, "checker/lang/xx/numbers.toml")
    with pytest.raises(TableError, match=r"dates.toml: year_calendars\[0\]: missing key 'from'"):
        build(Dates, {"year_calendars": [{"calendar": "hijri", "to": 1500}]}, "checker/lang/xx/dates.toml")


def test_user_event_words_make_a_distinct_object() -> None:
    plain = load("en")
    added = load("en", (("expel", ("frobnicated",)), ("rescue", ("rescued",))))
    assert added is not plain and added is load("en", (("expel", ("frobnicated",)), ("rescue", ("rescued",))))
    assert added.events.events["expel"] == (*plain.events.events["expel"], "frobnicated")
    assert added.events.events["rescue"] == ("rescued",)
    assert "frobnicated" not in plain.events.events["expel"]
    with pytest.raises(TableError, match=r"^\[tool.checker.events.en\]: events.expel\[0\]: expected str"):
        load("en", (("expel", (1,)),))  # type: ignore[arg-type]


def test_compiled_patterns_are_built_once_per_object() -> None:
    calls = []

    def build_words(language: Language) -> str:
        calls.append(language.code)
        return "|".join(language.events.events["expel"])

    language = load("fa")
    assert language.compiled(build_words) is language.compiled(build_words)
    assert calls == ["fa"]


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(KeyError, match="unknown language 'xx'"):
        load("xx")


def test_events_toml_is_typed_and_names_known_events() -> None:
    from checker.events import EventProperties, event_properties

    properties = event_properties()
    named = {*properties.running_totals, *properties.related_to_changes, *properties.generic, *properties.countable}
    named |= {event for members in properties.same_day.values() for event in members}
    for code in LANGUAGES:
        assert named <= set(load(code).events.events), code
    with pytest.raises(TableError, match=r"^checker/events.toml: generic: expected a list"):
        build(EventProperties, {"generic": "announce"}, "checker/events.toml")
