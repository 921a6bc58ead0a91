"""One document in, its facts out: zones, publication date, dates, counts, changes, durations, and what
each is about. A pure function of the document and the run's options, so batches can run anywhere."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any

from checker.calendars.tables import WEEKDAY_NAMES
from checker.config import Config
from checker.events import countable_events, generic_events
from checker.extract.clock import clock_on_line
from checker.extract import SENTENCE_END, context, last_mark_end, layout, next_mark
from checker.extract.background import mark_background
from checker.extract.date_spotting import spot_text_dates
from checker.extract.dates import TextDate, is_mostly_date, resolve_text_dates
from checker.extract.fallback_dates import fallback_dates, fallback_language
from checker.extract.offices import find_offices
from checker.extract.quantities import find_quantities
from checker.ingest.document import Document
from checker.lang import LANGUAGES, load
from checker.normalise.language import detect_language
from checker.normalise.names import name_keys
from checker.normalise.text import NormalisedText, fold, normalise

MIN_WORDS_FOR_OWN_LANGUAGE = 4  # a shorter block takes the document's language
MAIN_EVENTS = 4  # the events a document is mostly about, for grouping documents into stories (a flood story
# names the quake of the same week, the visits and the dead: three is too few to keep the dead in)
NEAREST_DATES = 4  # dates weighed on either side of a count for its anchor


@dataclass(frozen=True)
class Publication:
    date: dt.date | None
    source: str | None  # metadata | dateline | argument | None
    fact_index: int | None = None  # the dateline's date among the document's dates


def document_language(doc: Document, override: str | None) -> str:
    if override and override != "auto":
        return override
    if doc.lang in LANGUAGES:
        return doc.lang
    return detect_language(doc.text)


def _full_day(date: TextDate) -> bool:
    return date.grain == "day" and date.year_from == "text" and date.date_start == date.date_end and date.date_start is not None


def _publication(
    doc: Document, blocks: list[layout.Block], dates: list[TextDate], lead_datelines: set[int], published: dt.date | None
) -> Publication:
    """The document's own date: its metadata, else its dateline line, else a wire dateline opening the first
    paragraph (MOSUL, May 15, 2024 -), else the caller's date."""
    if doc.published is not None and doc.published_from == "metadata":
        return Publication(doc.published, "metadata")
    for block in blocks:
        if block.role != "dateline":
            continue
        for i, date in enumerate(dates):
            if block.start <= date.start < block.end and _full_day(date):
                return Publication(date.date_start, "dateline", i)
    for i in sorted(lead_datelines):
        if _full_day(dates[i]):
            return Publication(dates[i].date_start, "dateline", i)
    if published is not None:
        return Publication(published, "argument")
    if doc.published is not None:
        return Publication(doc.published, "argument")
    return Publication(None, None)


_NOT_PUBLICATION = (layout.UPDATED, layout.TODAY, layout.AGO, layout.READ_ALSO)


def _restated_publication(doc: Document, blocks: list[layout.Block], dates: list[TextDate], publication: Publication) -> set[int]:
    """Dates above the article that state the very day its metadata gives (a page header «یکشنبه ۱ مهر ۱۴۰۳ -
    ۰۹:۴۰», "Monday, September 23, 2024 | Mehr 2, 1403"): the publication line, `meta`, not a later crawl's
    date. Only against a day the document's metadata or table row gives, or its own dateline; update and
    "today" lines excepted."""
    day = doc.published or (publication.date if publication.source in ("metadata", "dateline") else None)
    if day is None:
        return set()
    article = next((b.start for b in blocks if b.zone == layout.BODY), None)
    if article is None:
        return set()
    restated = set()
    for i, date in enumerate(dates):
        block = layout.block_at(blocks, date.start)
        if (block is not None and block.end <= article and block.zone == layout.CHROME and not block.teaser
                and block.marker not in _NOT_PUBLICATION and _full_day(date) and date.date_start == day
                and (block.update_from is None or date.start < block.update_from)):
            restated.add(i)
    return restated


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def extract_document(
    doc: Document, *, lang: str | None = None, published: dt.date | None = None, config: Config | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(document row, fact rows) of one document. `lang` overrides detection; `published` is the reference
    date when the document has none of its own; `config` adds the user's event words and name aliases.

    Nothing found is lost silently: every date and quantity found is a fact row (chrome and repeated
    passages included, marked by `zone`), except a count, change or duration on the document's own
    publication line (zone meta: the 24 of "France 24"), which is counted in the document row's
    `dropped` (reason: meta). So facts + dropped = dates found + quantities found."""
    text = doc.text
    config = config or Config()
    language = document_language(doc, lang)
    normalised = normalise(text)
    spotted = spot_text_dates(normalised, language)
    first_pass = resolve_text_dates(normalised, spotted, language, None)
    starts = [d.start for d in first_pass]

    def is_date_line(block: layout.Block) -> bool:
        lo = bisect_right(starts, block.start - 1)
        inside = [d for d in first_pass[lo:] if d.start < block.end]
        return is_mostly_date(fold(block.text), inside, language)

    blocks = layout.assign_zones(text, is_date_line)
    lead_datelines = _lead_datelines(text, blocks, first_pass)
    publication = _publication(doc, blocks, first_pass, lead_datelines, published)
    dates = resolve_text_dates(normalised, spotted, language, publication.date) if publication.date else first_pass
    restated = _restated_publication(doc, blocks, dates, publication)
    taken = [(d.start, d.end) for d in dates]
    # A language checker has no tables for (French, Turkish, Urdu) gives dates only, read by dateparser: its
    # numbers read with another language's tables would be noise (the 000 of «50 000», the 6 of «6 février»).
    foreign = None if lang and lang != "auto" else fallback_language(text, doc.lang, language)
    quantities = find_quantities(normalised, language, taken) if foreign is None else []

    block_languages = {id(b): _block_language(b, language, lang) for b in blocks}
    folded = normalised.text
    events: dict[str, list[context.EventWord]] = {}
    # Sorted: ties among a document's main events go to the first language's words, whatever the hash seed.
    for code in sorted({language, *block_languages.values()}):
        events[code] = context.event_words(folded, config.language(code))
    # Per language: (the event words a count may count, the others), picked once per document.
    countable = {
        code: ([e for e in words if e.event in countable_events()], [e for e in words if e.event not in countable_events()])
        for code, words in events.items()
    }

    repeats = layout.repeated_passages(text, [b for b in blocks if b.zone == layout.BODY])
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    rows: list[tuple[int, dict[str, Any]]] = []
    dropped = 0
    date_row_of: dict[int, dict[str, Any]] = {}
    for i, date in enumerate(dates):
        row = _base_row(doc, text, line_starts, blocks, block_languages, language, date.start, date.end, "date", repeats)
        if (publication.source == "dateline" and i == publication.fact_index) or i in lead_datelines or i in restated:
            row["zone"] = layout.META
        row.update(_date_fields(date))
        _attach(row, folded, normalised, events, countable, date.start, date.end, subject=None)
        date_row_of[i] = row
        rows.append((date.start, row))
    for quantity in quantities:
        row = _base_row(doc, text, line_starts, blocks, block_languages, language, quantity.start, quantity.end, quantity.kind, repeats)
        if row["zone"] == layout.META:
            dropped += 1
            continue  # a publication line holds a date, nothing else (the 24 of an outlet's name)
        row.update(
            value=quantity.value if quantity.kind != "change" else quantity.to_value,
            approx=quantity.approx,
            **{"from": _number(quantity.from_value), "to": _number(quantity.to_value)},
            ratio=quantity.ratio,
            by=_number(quantity.by),
            measure=quantity.measure,
            unit=quantity.unit,
        )
        subject = quantity.counted if quantity.kind in ("count", "quantity") else None
        _attach(row, folded, normalised, events, countable, quantity.start, quantity.end, subject=subject, change=quantity.kind == "change")
        if quantity.kind == "count":
            f_start, f_end = normalised.to_folded(quantity.start), normalised.to_folded(quantity.end)
            row["timeline"] = context.timeline_mark(folded, f_start, f_end, load(row["lang"]))
        rows.append((quantity.start, row))
    if foreign is not None:
        for date in fallback_dates(text, foreign, taken):
            row = _base_row(doc, text, line_starts, blocks, block_languages, language, date.start, date.end, "date", repeats)
            row.update(
                lang=foreign, calendar="gregorian", value=date.value, date_start=date.date_start, date_end=date.date_end,
                grain=date.grain, year_from="text", relative=None, weekday=None, tolerance=0, event=None, subject=None,
                notes=f"read by dateparser as {foreign}: a language checker has no tables of its own for",
            )  # fmt: skip
            rows.append((date.start, row))
    for office in find_offices(normalised, language, dates, quantities) if foreign is None else ():
        row = _base_row(doc, text, line_starts, blocks, block_languages, language, office.start, office.end, "office", repeats)
        row.update(office.fields(), event=None, subject=None)
        rows.append((office.start, row))
    rows.sort(key=lambda item: (item[0], item[1]["end"]))
    for n, (_, row) in enumerate(rows):
        row["id"] = f"{doc.id}#{n}"
    for i, date in enumerate(dates):
        if date.pair is not None and date.pair in date_row_of:
            date_row_of[i]["paired_with"] = date_row_of[date.pair]["id"]
    _anchor(text, [row for _, row in rows])
    mark_background(text, [row for _, row in rows], publication.date)
    body_text = "\n".join(b.text for b in blocks if b.zone == layout.BODY)
    document_row = {
        "id": doc.id,
        "path": doc.path,
        "outlet": doc.outlet,
        "url": doc.url,
        "title": doc.title,
        "lang": foreign or language,
        "published": publication.date,
        "published_from": publication.source,
        "published_time": (
            clock_on_line(text, dates[publication.fact_index].start, language)
            if publication.source == "dateline" and publication.fact_index is not None
            else doc.published_time if publication.source in ("metadata", "argument") and publication.date == doc.published
            else None
        ),
        "row": doc.row,
        "names": sorted(name_keys(body_text, config.name_aliases)),
        "events": _main_events(events, blocks, normalised),
        "dropped": dropped,  # quantities found on the publication line and not reported (see above)
    }
    return document_row, [row for _, row in rows]


def _date_fields(date: TextDate) -> dict[str, Any]:
    """A date fact's own fields: its value in every form the schema holds."""
    return {
        "calendar": date.calendar,
        "value": date.value,
        "date_start": date.date_start,
        "date_end": date.date_end,
        "grain": date.grain,
        "year_from": date.year_from,
        "relative": date.relative,
        "weekday": WEEKDAY_NAMES[date.weekday] if date.weekday is not None else None,
        "tolerance": date.tolerance_days,
        "notes": "; ".join(date.notes) or None,
    }


def _main_events(events: dict[str, list[context.EventWord]], blocks: list[layout.Block], normalised: NormalisedText) -> list[str]:
    """The events the article's body names most often, leaving out those every article has."""
    body_events = Counter(
        e.event
        for code_events in events.values()
        for e in code_events
        if e.event not in generic_events()
        and (block := layout.block_at(blocks, normalised.to_original(e.start))) is not None
        and block.zone == layout.BODY
    )
    return [event for event, _ in body_events.most_common(MAIN_EVENTS)]


# A wire dateline opens the first paragraph: a place, the date, the agency, a dash (MOSCOW, Oct 18 (Reuters) -).
LEAD_DATELINE_WORDS = 4
_DATELINE_END = re.compile(r"[^\S\n]*(?P<agency>\([^()\n]{1,40}\))?[^\S\n]*[-–—:][^\S\n]")


def _lead_datelines(text: str, blocks: list[layout.Block], dates: list[TextDate]) -> set[int]:
    """Indices of dates that open an article paragraph as its dateline, not as part of a sentence: at most
    a few words (the place) before them, then a comma, or the agency in brackets after them (حلب 25 يناير
    2024 (سانا) -), and a dash."""
    found = set()
    for block in blocks:
        if block.zone != layout.BODY:
            continue
        for i, date in enumerate(dates):
            if not block.start <= date.start < block.end:
                continue
            lead = text[block.start : date.start]
            end = _DATELINE_END.match(text, date.end)
            if len(lead.split()) <= LEAD_DATELINE_WORDS and end and (lead.rstrip().endswith((",", "،")) or end.group("agency")):
                found.add(i)
            break  # only the paragraph's first date can open it
    return found


def _anchor(text: str, rows: list[dict[str, Any]]) -> None:
    """Give each count, change and duration the nearest date of the article in its sentence (`anchor`):
    "seven were expelled after the poisoning in 2018" is about 2018, not about this month's expulsions."""
    dates = sorted((r for r in rows if r["kind"] == "date" and r["zone"] == layout.BODY), key=lambda d: d["start"])
    for row in rows:
        if row["kind"] == "date" or not dates:
            continue
        reach = max(0, row["start"] - 600)
        low = last_mark_end(SENTENCE_END, text, reach, row["start"])
        high = next_mark(SENTENCE_END, text, row["end"])
        first, last = bisect_left(dates, low, key=lambda d: d["start"]), bisect_left(dates, high, key=lambda d: d["start"])
        # A body's dates do not overlap, so the nearest is the last before the fact or the first after it:
        # only the few around its place are weighed, not every date of a long sentence.
        at = bisect_left(dates, row["start"], lo=first, hi=last, key=lambda d: d["start"])
        inside = [d for d in dates[max(first, at - NEAREST_DATES) : min(last, at + NEAREST_DATES)] if d["end"] <= high]
        if inside:
            nearest = min(inside, key=lambda d: min(abs(d["start"] - row["end"]), abs(row["start"] - d["end"])))
            row["anchor"] = nearest["id"]


def _block_language(block: layout.Block, document: str, override: str | None) -> str:
    if override and override != "auto":
        return override
    if block.words < MIN_WORDS_FOR_OWN_LANGUAGE:
        return document
    return detect_language(block.text, default=document, script=block.script)


def _base_row(doc: Document, text: str, line_starts: list[int], blocks: list[layout.Block], languages: dict[int, str],
              document_language_code: str, start: int, end: int, kind: str, repeats: list[tuple[int, int]]) -> dict[str, Any]:
    line = bisect_right(line_starts, start)
    block = layout.block_at(blocks, start)
    zone = block.zone if block else layout.CHROME
    if block is not None and block.update_from is not None and start >= block.update_from:
        zone = layout.CHROME  # the update part of the dateline (... - آخر تحديث: 18 سبتمبر 2023)
    if zone == layout.BODY and any(s <= start < e for s, e in repeats):
        zone = layout.CHROME  # a caption or pull quote repeating the article's own sentence
    return {
        "id": None,
        "doc": doc.id,
        "kind": kind,
        "zone": zone,
        "text": text[start:end],
        "start": start,
        "end": end,
        "line": line,
        "col": start - line_starts[line - 1] + 1,
        "lang": languages[id(block)] if block else document_language_code,
    }


def _attach(row: dict[str, Any], folded: str, normalised, events: dict[str, list[context.EventWord]],
            countable: dict[str, tuple[list[context.EventWord], list[context.EventWord]]], start: int, end: int, subject: str | None,
            change: bool = False) -> None:
    """Fill `event` and `subject` from the fact's sentence (`countable`: the event words a count may count,
    picked from `events` once per document, not once per count)."""
    f_start, f_end = normalised.to_folded(start), normalised.to_folded(end)
    prefer = load(row["lang"]).events.date_verb if row["kind"] == "date" else None
    candidates = events.get(row["lang"], [])
    event = None
    if row["kind"] == "count":  # what is counted: the dead, not the flood
        # A countable event across a clause joiner (و, and, while) is another count's: the 69 at work are not
        # the dead of the next clause. The incident (the fire, the flood) is the whole sentence's.
        joiners = context.clause_joiners(row["lang"])
        counted, incidents = countable.get(row["lang"], ([], []))
        event = context.nearest_event(folded, counted, f_start, f_end, joiners=joiners)
        candidates = incidents
    event = event or context.nearest_event(folded, candidates, f_start, f_end, prefer)
    row["event"] = event.event if event else None
    if change:
        span = context.change_subject(folded, f_start, f_end, event)
        subject = normalised.original_text(*span) if span else None
    row["subject"] = subject
