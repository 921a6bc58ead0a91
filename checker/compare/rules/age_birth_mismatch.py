"""age-birth-mismatch (internal, warning): an age that does not fit the birth date the same article gives:
«ولد عام 1940» and «توفي عن عمر ناهز 83 عاماً» in a 2020 article (79 or 80), "born in 1940 ... died aged 83".

The age is counted at the day of its sentence when one stands right beside it (died on Friday 10 January
2020, aged 79), else at the publication date: a birth year allows two ages (79 or 80 in January 2020), a
birth day one. Only an article that gives one birth date and one age is checked, and only an age within a
paragraph of it (a few hundred characters): with two births, two ages, or an age far off, the two may be
different people's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

import polars as pl

from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.rules import Context, Rule, summary_of
from checker.extract.measures import YEARS_OF_AGE

BIRTH = "born"
NEAR = 400  # characters between a birth date and an age of the same person
BESIDE = 60  # characters between an age and the day it is counted at (died on 10 January 2020, aged 79)


def _years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def check(context: Context) -> Iterator[Finding]:
    facts = context.facts
    if "unit" not in facts.columns:
        return
    body = facts.filter(pl.col("zone") == "body")
    # A birth is a date with a birth word before a year or more ago: the day of a death in the same sentence
    # (متولد ۱۳۱۹ بود، روز جمعه ... درگذشت) takes the same word and is no birth.
    dated = (pl.col("kind") == "date") & pl.col("date_start").is_not_null() & pl.col("date_end").is_not_null()
    births = body.filter(dated & (pl.col("event") == BIRTH) & (pl.col("date_end") < pl.col("published") - pl.duration(days=365)))
    ages = body.filter((pl.col("kind") == "quantity") & (pl.col("unit") == YEARS_OF_AGE))
    if births.height == 0 or ages.height == 0:
        return
    docs = set(births["doc"].to_list()) & set(ages["doc"].to_list())
    days = body.filter(dated & (pl.col("grain") == "day") & pl.col("doc").is_in(list(docs)) & ~pl.col("id").is_in(births["id"].implode()))
    for doc in sorted(docs):
        born = context.rows(births.filter(pl.col("doc") == doc))
        if len({f["value"] for f in born}) != 1:
            continue
        birth = born[0]
        stated_ages = context.rows(ages.filter(pl.col("doc") == doc))
        if len({float(a["value"]) for a in stated_ages}) != 1:
            continue  # two ages are two people (the late emir, 86, and his successor, 83): whose birth is it?
        for age in stated_ages:
            if abs(age["start"] - birth["start"]) > NEAR:
                continue
            on, said = _counted_at(age, context.rows(days.filter(pl.col("doc") == doc)))
            if on is None:
                continue
            youngest, oldest = _years(birth["date_end"], on), _years(birth["date_start"], on)
            stated = int(float(age["value"]))
            if youngest <= stated <= oldest:
                continue
            fits = f"{youngest}" if youngest == oldest else f"{youngest} to {oldest}"
            yield Finding(
                RULE.name, RULE.type, RULE.severity, (birth, age),
                f"{describe.source(age)} gives an age of {stated}, but born {describe.date_value(birth)} ({describe.source(birth)}),"
                f" the person was {fits} on {said}.",
            )  # fmt: skip


def _counted_at(age: dict[str, Any], days: list[dict[str, Any]]) -> tuple[dt.date | None, str]:
    beside = [d for d in days if abs(d["start"] - age["start"]) <= BESIDE and d["date_start"] == d["date_end"]]
    if beside:
        day = min(beside, key=lambda d: abs(d["start"] - age["start"]))["date_start"]
        return day, f"the day beside the age, {describe.day_in_calendars(day)}"
    published = age.get("published")
    if isinstance(published, dt.date):
        return published, f"the publication date {describe.day_in_calendars(published)}"
    return None, ""


RULE = Rule("age-birth-mismatch", "internal", "warning", summary_of(__doc__), check)
RULES = (RULE,)
