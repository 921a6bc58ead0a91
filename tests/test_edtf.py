"""One EDTF definition: DateValue.edtf for one date, edtf_expr for columns (the gate), equal on every combination."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.calendars.date_value import DateValue, edtf_expr
from checker.calendars.tables import CALENDARS, FIRST_DAY, LAST_DAY

GRAINS = ("day", "month", "year")
D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DateValue("gregorian", 2021, 10, 6, "day", D(2021, 10, 6), D(2021, 10, 6)), "2021-10-06"),
        (DateValue("gregorian", 2021, 10, None, "month", D(2021, 10, 1), D(2021, 10, 31)), "2021-10"),
        (DateValue("gregorian", 2021, None, None, "year", D(2021, 1, 1), D(2021, 12, 31)), "2021"),
        (DateValue("gregorian", 2021, 11, 1, "day", D(2021, 11, 1), D(2021, 11, 1), approximate=True), "2021-11-01~"),
        (DateValue("hijri", 1443, 2, None, "month", D(2021, 9, 8), D(2021, 10, 6)), "2021-09-08/2021-10-06"),
        (DateValue("gregorian", 2004, None, None, "year", D(2004, 1, 1), D(2012, 12, 31)), "2004/2012"),
        (DateValue("gregorian", 2021, 7, 13, "day", D(2021, 7, 13), D(2021, 7, 15)), "2021-07-13/2021-07-15"),
        (DateValue("gregorian", 2014, None, None, "year", D(2014, 1, 1)), "2014/.."),
        (DateValue("gregorian", None, 10, 6, "day"), "XXXX-10-06"),
        (DateValue("gregorian", None, 10, None, "month"), "XXXX-10"),
        (DateValue("gregorian", None, None, 6, "day"), "XXXX-XX-06"),  # a day without its month
        (DateValue("gregorian", None, None, None, "day"), "XXXX-XX-XX"),  # yesterday, with no publication date
        (DateValue("gregorian", None, None, None, "month"), "XXXX-XX"),
        (DateValue("gregorian", None, None, None, "year"), "XXXX"),
    ],
)
def test_edtf_as_the_contract_writes_it(value: DateValue, expected: str) -> None:
    assert value.edtf == expected


days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY - dt.timedelta(days=800))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(CALENDARS),
            st.sampled_from(GRAINS),
            days,
            st.one_of(st.none(), st.integers(min_value=0, max_value=800)),
            st.booleans(),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_the_column_form_equals_the_scalar_form(rows) -> None:
    values = [
        DateValue(calendar, None, None, None, grain, start, None if span is None else start + dt.timedelta(days=span), approximate)
        for calendar, grain, start, span, approximate in rows
    ]
    frame = pl.DataFrame(
        {
            "calendar": [v.calendar for v in values],
            "grain": [v.grain for v in values],
            "start": [v.start for v in values],
            "end": [v.end for v in values],
            "approximate": [v.approximate for v in values],
        },
        schema={"calendar": pl.Utf8, "grain": pl.Utf8, "start": pl.Date, "end": pl.Date, "approximate": pl.Boolean},
    )
    columns = frame.select(
        edtf_expr(pl.col("calendar"), pl.col("grain"), pl.col("start"), pl.col("end"), pl.col("approximate"))
    ).to_series()
    assert columns.to_list() == [v.edtf for v in values]


def test_the_column_form_is_null_without_a_start() -> None:
    frame = pl.DataFrame(
        {"calendar": ["gregorian"], "grain": ["day"], "start": [None], "end": [None], "approximate": [False]},
        schema={"calendar": pl.Utf8, "grain": pl.Utf8, "start": pl.Date, "end": pl.Date, "approximate": pl.Boolean},
    )
    out = frame.select(edtf_expr(pl.col("calendar"), pl.col("grain"), pl.col("start"), pl.col("end"), pl.col("approximate")))
    assert out.to_series().to_list() == [None]
