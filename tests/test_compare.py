"""Comparison: the interval arithmetic the rules share, and each rule on short texts."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from checker.compare.finding import fingerprint
from checker.compare.values import changes_agree, counts_overlap, dates_overlap
from checker.engine import check


def _date_pair(a: tuple, b: tuple) -> pl.DataFrame:
    (start_a, end_a, tol_a, value_a), (start_b, end_b, tol_b, value_b) = a, b
    return pl.DataFrame(
        {"date_start": [start_a], "date_end": [end_a], "tolerance": [tol_a], "value": [value_a],
         "date_start_b": [start_b], "date_end_b": [end_b], "tolerance_b": [tol_b], "value_b": [value_b]},
        schema_overrides={"tolerance": pl.Int64, "tolerance_b": pl.Int64},
    )


def _overlap(a: tuple, b: tuple) -> bool:
    return _date_pair(a, b).select(dates_overlap()).item()


D = dt.date


def test_a_day_inside_a_month_agrees_with_it() -> None:
    assert _overlap((D(2021, 10, 6), D(2021, 10, 6), 0, "2021-10-06"), (D(2021, 10, 1), D(2021, 10, 31), 0, "2021-10"))


def test_hijri_one_day_off_agrees_two_days_off_does_not() -> None:
    day = (D(2024, 3, 11), D(2024, 3, 11), 0, "2024-03-11")
    assert _overlap(day, (D(2024, 3, 12), D(2024, 3, 12), 1, "2024-03-12"))
    assert not _overlap(day, (D(2024, 3, 13), D(2024, 3, 13), 1, "2024-03-13"))


def test_about_widens_a_date() -> None:
    about = (D(2021, 11, 1), D(2021, 11, 1), 0, "2021-11-01~")
    assert _overlap(about, (D(2021, 10, 30), D(2021, 10, 30), 0, "2021-10-30"))
    assert not _overlap(about, (D(2021, 10, 20), D(2021, 10, 20), 0, "2021-10-20"))


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31))


@given(days, st.integers(0, 40), st.integers(0, 2), days, st.integers(0, 40), st.integers(0, 2))
def test_date_agreement_is_symmetric(s1, n1, t1, s2, n2, t2) -> None:
    a = (s1, s1 + dt.timedelta(days=n1), t1, "x")
    b = (s2, s2 + dt.timedelta(days=n2), t2, "y")
    assert _overlap(a, b) == _overlap(b, a)


def _counts(a: tuple, b: tuple) -> bool:
    frame = pl.DataFrame({"number": [a[0]], "approx": [a[1]], "number_b": [b[0]], "approx_b": [b[1]]}, schema_overrides={"approx": pl.Utf8, "approx_b": pl.Utf8})
    return frame.select(counts_overlap()).item()


def test_counts_exact_and_hedged() -> None:
    assert _counts((8.0, None), (8.0, None))
    assert not _counts((8.0, None), (7.0, None))
    assert _counts((80.0, "about"), (85.0, None))
    assert not _counts((80.0, "about"), (95.0, None))
    assert _counts((20.0, "more"), (25.0, None)) and not _counts((20.0, "more"), (15.0, None))
    assert _counts((20.0, "less"), (15.0, None)) and not _counts((20.0, "less"), (25.0, None))


def _changes(a: dict, b: dict) -> bool:
    columns = {}
    for name in ("from", "to", "ratio", "by"):
        columns[name] = [a.get(name)]
        columns[name + "_b"] = [b.get(name)]
    return pl.DataFrame(columns, schema={k: pl.Float64 for k in columns}).select(changes_agree()).item()


def test_from_20_to_10_agrees_with_halved_not_with_a_third() -> None:
    from_to = {"from": 20.0, "to": 10.0, "ratio": 0.5}
    assert _changes(from_to, {"ratio": 0.5})
    assert not _changes(from_to, {"ratio": round(2 / 3, 4)})


def test_changes_in_units_compare_only_with_units() -> None:
    assert _changes({"by": -7.0}, {"by": -7.0}) and not _changes({"by": -7.0}, {"by": -10.0})
    from checker.compare.values import changes_comparable

    frame = pl.DataFrame({"from": [30.0], "to": [20.0], "ratio": [0.6667], "by": [None], "from_b": [None], "to_b": [None], "ratio_b": [None], "by_b": [-7.0]},
                         schema={k: pl.Float64 for k in ("from", "to", "ratio", "by", "from_b", "to_b", "ratio_b", "by_b")})
    assert not frame.select(changes_comparable()).item()  # a cap from 30 to 20 and a mission cut by seven


def test_fingerprint_ignores_fact_order_and_position() -> None:
    a = {"doc": "x", "kind": "count", "value": "8", "text": "ثمانية", "start": 10}
    b = {"doc": "y", "kind": "count", "value": "8", "text": "هشت", "start": 99}
    assert fingerprint("count-agree", [a, b]) == fingerprint("count-agree", [b, {**a, "start": 500}])
    assert fingerprint("count-agree", [a, b]) != fingerprint("count-conflict", [a, b])


WEEKDAY_WRONG = "عاجل\nنشر في 3 - 12 - 2021\n\nاجتمع وزراء خارجية الحلف في بروكسل يوم الأربعاء 2 ديسمبر 2021 لبحث العلاقات مع روسيا."


def test_a_weekday_that_does_not_fit_its_date_is_an_internal_error() -> None:
    findings = check([WEEKDAY_WRONG], texts=True).findings
    found = findings.filter(pl.col("rule") == "weekday-mismatch")
    assert found.height == 1
    row = found.row(0, named=True)
    assert row["type"] == "internal" and row["severity"] == "error" and "Thursday" in row["message"]


def test_a_count_conflict_names_both_values_and_both_sources() -> None:
    a = "انفجار في مرفأ الريان\nنشر في 6 - 3 - 2024\n\nقتل 12 عاملا في انفجار مرفأ الريان يوم 5 مارس 2024 وقال مدير المرفأ كريم بن سالم إن التحقيق بدأ."
    b = "Blast at Rayyan port\nMarch 6, 2024\n\nThe explosion at Rayyan port on March 5 killed 15 workers, port director Karim bin Salem said."
    findings = check([a, b], texts=True).findings.filter(pl.col("rule") == "count-conflict")
    assert findings.height == 1
    message = findings.row(0, named=True)["message"]
    assert "12" in message and "15" in message and "text1" in message and "text2" in message


def test_findings_are_identical_across_runs() -> None:
    first = check(["fixtures/seeds"]).findings
    second = check(["fixtures/seeds"]).findings
    assert first.equals(second)


def test_the_python_api_returns_frames_and_json() -> None:
    import json

    import checker

    result = checker.check(["fixtures/stories/blast"])
    assert isinstance(result.facts, pl.DataFrame) and isinstance(result.findings, pl.DataFrame)
    assert json.loads(result.to_json())["summary"]["findings"]["error"] == result.findings.filter(pl.col("severity") == "error").height


def test_counts_of_plainly_different_things_are_not_an_error() -> None:
    a = "هجوم على قرية الريان\nنشر في 6 - 3 - 2024\n\nقتل 3 جنود في هجوم على قرية الريان يوم 5 مارس 2024 بحسب بيان الجيش الذي أصدره المتحدث كريم بن سالم."
    b = "هجوم قرية الريان\nنشر في 6 - 3 - 2024\n\nقتل 12 مدنيا في هجوم على قرية الريان يوم 5 مارس 2024 وفق ما أعلن المتحدث كريم بن سالم في بيان."
    findings = check([a, b], texts=True).findings.filter(pl.col("rule") == "count-conflict")
    assert findings.height == 1 and findings.row(0, named=True)["severity"] == "info"
