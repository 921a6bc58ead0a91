"""convert(): one date in every calendar, with the notes a fact-checker needs to trust it."""

import pytest

from checker.convert import convert, describe


def test_hijri_outside_umm_al_qura_is_named_tabular_once():
    result = convert("1 محرم 1300 هـ", "ar")
    assert "(tabular)" in describe(result) and "Umm al-Qura)" not in describe(result)
    assert sum("tabular" in note for note in result.notes) == 1


def test_hedged_date_is_marked_approximate():
    result = convert("حوالي 1 نوفمبر 2021", "ar")
    assert result.value.endswith("~") and result.date_start == "2021-11-01"
    assert any(note.startswith("approximate") for note in result.notes)
    assert not any(note.startswith("approximate") for note in convert("1 نوفمبر 2021", "ar").notes)


def test_paired_dates_one_day_apart_agree_only_through_the_hijri_tolerance():
    within = convert("6 أكتوبر 2021 الموافق 30 صفر 1443هـ", "ar").notes
    assert any("agrees within the 1-day tolerance" in note for note in within)
    exact = convert("6 أكتوبر 2021 الموافق 29 صفر 1443هـ", "ar").notes
    assert any(note.endswith("agrees") for note in exact)
    apart = convert("6 أكتوبر 2021 الموافق 25 صفر 1443هـ", "ar").notes
    assert any("does NOT agree" in note for note in apart)


def test_gregorian_and_jalali_pair_has_no_tolerance():
    notes = convert("7 October 2021 (14 Mehr 1400)", "en").notes
    assert any("does NOT agree" in note for note in notes)


def test_reference_may_be_an_iso_string_as_on_the_command_line():
    assert convert("yesterday", "en", reference="2024-05-15").date_start == "2024-05-14"
    with pytest.raises(ValueError, match="not an ISO date"):
        convert("yesterday", "en", reference="15.05.2024")
