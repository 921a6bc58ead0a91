"""The library API as a Python user calls it: `import checker`, then check / extract_text with the same
arguments the command line takes."""

import datetime as dt

import pytest

import checker

MINISTRY = "The health ministry said on Wednesday that 12 people were killed yesterday in the blast."
CIVIL_DEFENCE = "Civil defence teams said 15 people were killed yesterday in the blast at the market."


@pytest.mark.parametrize("published", ["2024-05-15", dt.date(2024, 5, 15), dt.datetime(2024, 5, 15, 18, 30)])
def test_check_takes_published_as_an_iso_string_or_a_date(published):
    result = checker.check([MINISTRY, CIVIL_DEFENCE], texts=True, published=published)
    assert result.rejected.height == 0
    yesterdays = result.facts.filter(result.facts["text"] == "yesterday")
    assert yesterdays["value"].to_list() == ["2024-05-14", "2024-05-14"]
    assert result.documents["published"].to_list() == [dt.date(2024, 5, 15)] * 2


def test_extract_text_takes_published_as_an_iso_string():
    facts = checker.extract_text(MINISTRY, published="2024-05-15").facts
    assert facts.filter(facts["text"] == "yesterday")["value"].to_list() == ["2024-05-14"]


@pytest.mark.parametrize(
    ("published", "says"),
    [("15/05/2024", "is not an ISO date"), (20240515, "not int"), (["2024-05-15"], "not list")],
)
def test_a_published_of_the_wrong_kind_is_a_clear_value_error(published, says):
    with pytest.raises(ValueError, match=says):
        checker.extract_text(MINISTRY, published=published)
    with pytest.raises(ValueError, match=says):
        checker.check([MINISTRY], texts=True, published=published)
