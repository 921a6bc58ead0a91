"""count-conflict (conflict, error), count-update (conflict, info) and count-stale (conflict, warning):
sources count one thing differently.

Exact counts must match; hedged ones ("about 80", "more than 20") conflict only outside their range
(checker/compare/values.py), and then as a warning. Only sources that give a single count for the slot
take part; one finding per slot names every count and its sources. Where sources in one language
plainly name different things counted (3 soldiers, 12 civilians), or none says what it counts (neither
a countable event such as the dead nor a specific measure: "two" and "five" of a visit), the finding is
only info.

A running total (deaths, injuries, arrests: checker/events.toml) is a timeline, not a conflict: each
count is placed on the day it was first published, and within a day after the others when its source
words it as the newer figure ("rose to", «ارتفع إلى», «به ۹۵ نفر رسید», "revised down to":
checker/lang/<code>/updates.toml); the slot gets one count-update naming the figures in order with
their sources and days. A figure a source words as superseded ("an earlier toll of 103") takes no
part. Two figures first published on the same day and worded alike are a conflict (nothing tells the
two moments apart); a figure smaller than the day before and not worded as a revision is a warning;
a source that repeats a figure after a newer one was published presents a stale figure as current
(count-stale, a warning).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from rapidfuzz import fuzz

from checker.calendars.tables import ENGLISH_MONTH_NAMES
from checker.compare import describe
from checker.compare.finding import Finding
from checker.compare.groups import value_groups
from checker.compare.rules import Context, Rule, summary_of
from checker.compare.values import APPROX_SHARE, counts_overlap
from checker.disjoint import DisjointSets
from checker.events import countable_events, counted_event_of, event_properties, generic_events, is_unspecific, recurring_events
from checker.normalise.text import fold


def check(context: Context):
    current = pl.col("timeline").ne_missing("earlier") & pl.col("timeline_b").ne_missing("earlier")
    # A part of a toll (17 children among the dead: compare.fact_pairs) never meets a toll.
    candidates = context.pairs.filter((pl.col("kind") == "count") & pl.col("alone") & pl.col("alone_b") & current)
    # Parts are left out: their counted words are too loose to tell 17 children from two police officers.
    totals = candidates.filter(~pl.col("part") & ~pl.col("part_b"))
    yield from _level(context, totals, _Lazy(context.facts))


class _Lazy:
    """_stated_counts of the run's facts, read on first use."""

    def __init__(self, facts: pl.DataFrame) -> None:
        self._facts, self._value = facts, None

    def get(self) -> dict[str, set[tuple[str, float]]]:
        if self._value is None:
            self._value = _stated_counts(self._facts)
        return self._value


def _level(context: Context, candidates: pl.DataFrame, stated: _Lazy):
    """The findings of each slot's counts in `candidates`."""
    for groups in value_groups(context, candidates, counts_overlap(), loose=lambda side: pl.col(f"approx{side}").is_not_null()):
        facts = tuple(f for group in groups for f in group)
        event = _label(facts)
        listed = "; ".join(f"{describe.quantity_value(g[0])} ({describe.sources(g)})" for g in groups)
        if not any(f.get("key") for f in facts) and _explained(groups, stated.get()):
            continue  # a source on one side writes the other side's figure too: nothing disagrees
        if not any(_names_what_is_counted(f) for f in facts):
            yield Finding(
                CONFLICT.name, CONFLICT.type, "info", facts,
                f"{event}: the sources give {len(groups)} different counts, but none says what it counts: {listed}.",
            )
            continue
        running = any(counted_event_of(f) in event_properties().running_totals for f in facts)
        # In a running total the words after a toll vary with every wording of it (people were, dead, died
        # inside): its counts meet by measure (_alike), not by those words.
        if not running and _count_different_things(groups):
            yield Finding(
                CONFLICT.name, CONFLICT.type, "info", facts,
                f"{event}: the sources give {len(groups)} different counts, but name different things counted: {listed}.",
            )
            continue
        if any(f.get("key") for f in facts):  # claims of a table (checker gate): the key says what is counted
            contested = [groups]
        else:
            contested = _contested(groups, stated.get())
        if not contested:
            yield Finding(
                CONFLICT.name, CONFLICT.type, "info", facts,
                f"{event}: the sources give {len(groups)} different counts, but none is shown to count the same thing "
                f"as another (no measure or counted word in common, or one source gives both figures): {listed}.",
            )
            continue
        if all(counted_event_of(f) in generic_events() for f in facts):
            yield Finding(
                CONFLICT.name, CONFLICT.type, "info", facts,
                f"{event}: the sources give {len(groups)} different counts of what was announced or said, not of an "
                f"event (a count beside a reporting verb is often who speaks: «the three countries announce»): {listed}.",
            )
            continue
        for alike in contested:
            shown = tuple(f for group in alike for f in group)
            if running:
                yield from _timeline(event, alike, any(f.get("approx") for f in shown))
                continue
            severity = CONFLICT.severity
            why = ""
            if any(counted_event_of(f) in recurring_events() for f in shown):
                severity, why = "info", (
                    f" Info, not an error: a story can have more than one {event}, and these counts may be of different ones."
                )
            elif any(f.get("approx") for f in shown):
                severity = "warning"
            yield Finding(
                CONFLICT.name, CONFLICT.type, severity, shown,
                f"{event}: the sources give {len(alike)} different counts: {_plain_listed(alike)}.{why}",
            )


def _plain_listed(groups: list[list[dict]]) -> str:
    return "; ".join(f"{describe.quantity_value(g[0])} ({describe.sources(g)})" for g in groups)


SAME_NOUN_SCORE = 80  # fuzz.ratio of the first counted word: جولات/جولات, rounds/rounds; rounds/meetings far below


def _said_of(group: list[dict]) -> set[str]:
    """What a value group counts, as measures: the facts' own specific measures, and for a fact without one
    the measure its event implies (a count beside "killed" counts the dead)."""
    properties = event_properties()
    out = set()
    for fact in group:
        measure = fact.get("measure")
        if measure and measure not in properties.generic_measures:
            out.add(measure)
        elif counted_event_of(fact) in properties.event_measures:
            out.add(properties.event_measures[counted_event_of(fact)])
    return out


def _nouns(group: list[dict]) -> set[tuple[str, str]]:
    """The first word after each figure of the group, with its language: what it counts, as written."""
    out = set()
    for fact in group:
        words = fold(fact.get("subject") or "").split()
        if words and fact.get("lang"):
            out.add((fact["lang"], words[0]))
    return out


def _alike(first: list[dict], second: list[dict]) -> bool:
    """Whether two value groups are shown to count the same thing: a measure in common, else (when one of
    them has none) the same counted word in one language. Two different measures are two things, and so
    are two groups whose words in one language plainly differ (_count_different_things)."""
    if _count_different_things([first, second]):
        return False  # 104 survivors against nine Egyptian men, in one language's plain words
    a, b = _said_of(first), _said_of(second)
    if a & b:
        return True
    if a and b:
        return False
    return any(
        lang_a == lang_b and fuzz.ratio(word_a, word_b) >= SAME_NOUN_SCORE
        for lang_a, word_a in _nouns(first) for lang_b, word_b in _nouns(second)
    )


def _stated_counts(facts: pl.DataFrame) -> dict[str, set[tuple[str, float]]]:
    """(measure, number) of every count each document's body states as current (not worded as an earlier
    or a newer figure of a series), in any slot or none."""
    rows = facts.filter(
        (pl.col("kind") == "count") & (pl.col("zone") == "body") & pl.col("measure").is_not_null() & pl.col("number").is_not_null()
        & pl.col("timeline").is_null()
    ).select("doc", "measure", "number")
    out: dict[str, set[tuple[str, float]]] = {}
    for doc, measure, number in rows.iter_rows():
        out.setdefault(doc, set()).add((measure, number))
    return out


def _both_stated(first: list[dict], second: list[dict], stated: dict[str, set[tuple[str, float]]]) -> bool:
    """Whether a source on one side also writes the other side's figure of the same measure somewhere in
    its article («the three countries» and «the two countries» in one text): the two figures then count
    different sets of one kind of thing, and neither source contradicts the other."""
    measures = _said_of(first) | _said_of(second)
    for mine, theirs in ((first, second), (second, first)):
        figures = {f["number"] for f in theirs if not f.get("approx")}
        for doc in {f["doc"] for f in mine}:
            if any((measure, figure) in stated.get(doc, ()) for measure in measures for figure in figures):
                return True
    return False


def _explained(groups: list[list[dict]], stated: dict[str, set[tuple[str, float]]]) -> bool:
    """Whether for every two groups a source on one side writes both figures: then nothing disagrees."""
    return all(_both_stated(a, b, stated) for i, a in enumerate(groups) for b in groups[i + 1 :])


def _contested(groups: list[list[dict]], stated: dict[str, set[tuple[str, float]]]) -> list[list[list[dict]]]:
    """The groups that count one thing and contradict each other, joined into sets of two or more (each a
    finding), in the order of `groups`."""
    sets = DisjointSets()
    for i in range(len(groups)):
        sets.add(i)
    for i, first in enumerate(groups):
        for j in range(i + 1, len(groups)):
            if _alike(first, groups[j]) and not _both_stated(first, groups[j], stated):
                sets.union(i, j)
    joined: dict[int, list[list[dict]]] = {}
    for i, group in enumerate(groups):
        joined.setdefault(sets.find(i), []).append(group)
    return [found for found in joined.values() if len(found) > 1]


# Two reports of one toll at one moment that differ more than this many times over count different things
# (a background figure, the survivors), not one thing wrongly.
CLASH_RATIO = 2.0
SAME_MOMENT_MINUTES = 60  # figures published this close on one day (or at hours unknown) describe one moment


def _timeline(event: str, groups: list[list[dict]], hedged: bool):
    """A running total's findings: conflicts at one moment, a smaller figure later, stale repeats, and the
    timeline itself when it only grows or its falls are stated as revisions.

    Each figure is placed at the moment it was first published: its day, and the hour where the source
    gives one (checker/extract/clock.py); within a day a figure worded as the newer one ("rose to 95")
    follows the others. Two figures that do not overlap clash when published on one day within
    SAME_MOMENT_MINUTES of each other, or on one day at hours not known, and worded alike (nothing tells
    the two moments apart)."""
    first = {id(g): _first_moment(g) for g in groups}
    placed = sorted(
        (g for g in groups if first[id(g)] is not None),
        # Within a day: by the hour where it is known; at an hour not known, a figure worded as the newer one
        # ("rose to 95") goes last and any other first.
        key=lambda g: (first[id(g)][0], _minute_of_day(first[id(g)][1], _newer(g)), g[0]["number"]),
    )
    days = sorted({first[id(g)][0] for g in placed})
    clashing: set[int] = set()
    for day in days:
        for newer in (False, True):
            alike = [g for g in placed if first[id(g)][0] == day and _newer(g) == newer]
            clash = [
                g for g in alike
                if any(h is not g and _same_moment(first[id(g)], first[id(h)]) and not _overlap(g, h) and _alike(g, h)
                    and _within(g, h, CLASH_RATIO) for h in alike)
            ]
            if len(clash) > 1:
                clashing.update(id(g) for g in clash)
                yield Finding(
                    CONFLICT.name, CONFLICT.type, "warning" if hedged else CONFLICT.severity, tuple(f for g in clash for f in g),
                    f"{event}: on {_day(day)} the sources give {len(clash)} different counts for the same moment: {_listed(clash)}.",
                )
    drops = [
        i for i in range(len(placed) - 1)
        if placed[i + 1][0]["number"] < placed[i][0]["number"] and not _overlap(placed[i], placed[i + 1])
        and not {id(placed[i]), id(placed[i + 1])} <= clashing
    ]
    falls = [i for i in drops if not _newer(placed[i + 1])]  # not worded as the newer figure
    # A revision sticks: once a toll is revised down, sources stop giving the old figure. A lower figure
    # while others still publish the higher one at its moment or after is one of them wrong (a transposed
    # 323 -> 232 "rose to 232"), whatever its wording.
    suspect = set()
    for i in drops:
        lower = placed[i + 1]
        persisting = [
            g for g in placed[: i + 1]
            if g[0]["number"] > lower[0]["number"] and not _overlap(g, lower) and _alike(g, lower)
            and _within(g, lower, CLASH_RATIO)  # 632 against an old quake's 12,000 is another toll
            and any(_at_or_after(f, first[id(lower)]) for f in g)
        ]
        if persisting and id(lower) not in clashing:
            suspect.add(i)
            shown = [*persisting, lower]
            yield Finding(
                CONFLICT.name, CONFLICT.type, "warning", tuple(f for g in shown for f in g),
                f"{event}: {describe.sources(lower)} gives {describe.quantity_value(lower[0])} on {_day(first[id(lower)][0])}, lower "
                f"than the figure other sources still give after it, so no revision that stuck: {_listed(shown)}.",
            )
    first_day = {key: moment[0] if moment else None for key, moment in first.items()}
    # Only a figure that grew, or a fall worded as a revision that stuck, supersedes: an unexplained fall
    # proves nothing stale.
    superseding = [g for i, g in enumerate(placed) if i == 0 or (i - 1 not in falls and i - 1 not in suspect)]
    yield from _stale(event, superseding, first_day)
    if len(placed) > 1:
        # A fall not worded as a revision stays in the timeline, marked: tolls are revised down as often as
        # they are mistyped, and only the wording or a same-moment clash tells which.
        steps = [_listed([g]) + (" (lower, not worded as a revision: revised or wrong?)" if i - 1 in falls else "") for i, g in enumerate(placed)]
        yield Finding(
            UPDATE.name, UPDATE.type, UPDATE.severity, tuple(f for g in placed for f in g),
            f"{event}: a running total, updated by later sources: {' -> '.join(steps)}.",
        )


def _minute_of_day(minutes: int | None, newer: bool) -> int:
    if minutes is not None:
        return minutes
    return 24 * 60 if newer else -1


def _minutes(clock: str | None) -> int | None:
    if not clock:
        return None
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _first_moment(group: list[dict]) -> tuple[dt.date, int | None] | None:
    """(day, minute of the day or None) the group's figure was first published."""
    moments = [(f["published"], _minutes(f.get("published_time"))) for f in group if f.get("published")]
    if not moments:
        return None
    day = min(d for d, _ in moments)
    known = [m for d, m in moments if d == day and m is not None]
    return day, min(known) if known else None


def _at_or_after(fact: dict, moment: tuple[dt.date, int | None]) -> bool:
    """Whether a fact was published after `moment`: on a later day, or later the same day where both hours
    are known (on one day at hours unknown nothing tells which came first)."""
    day, minutes = fact.get("published"), _minutes(fact.get("published_time"))
    if day is None:
        return False
    return day > moment[0] or (day == moment[0] and minutes is not None and moment[1] is not None and minutes >= moment[1])


def _same_moment(a: tuple[dt.date, int | None], b: tuple[dt.date, int | None]) -> bool:
    if a[0] != b[0]:
        return False
    return a[1] is None or b[1] is None or abs(a[1] - b[1]) < SAME_MOMENT_MINUTES


def _within(first: list[dict], second: list[dict], ratio: float) -> bool:
    low, high = sorted((first[0]["number"], second[0]["number"]))
    return low > 0 and high <= ratio * low


def _overlap(first: list[dict], second: list[dict]) -> bool:
    """Whether two groups' figures can be one figure ("more than 300" and 323)."""
    low_a, high_a = _bounds(first[0])
    low_b, high_b = _bounds(second[0])
    return low_a <= high_b and low_b <= high_a


def _bounds(fact: dict) -> tuple[float, float]:
    value, approx = fact["number"], fact.get("approx")
    if approx == "about":
        return value * (1 - APPROX_SHARE), value * (1 + APPROX_SHARE)
    if approx == "more":
        return value, float("inf")
    if approx == "less":
        return float("-inf"), value
    return value, value


def _label(facts: tuple[dict, ...]) -> str:
    """What the message opens with: the slot's event as the first source that names one writes it, else what
    is counted; a slot of counts without either (grouped by their values alone) is just "count"."""
    for key in ("event", "measure"):
        named = next((f[key] for f in facts if f.get(key)), None)
        if named:
            return named
    return "count"


def _newer(group: list[dict]) -> bool:
    """Whether a source words the group's figure as the newer one of a series (rose to, revised down to)."""
    return any(f.get("timeline") == "later" for f in group)


def _stale(event: str, groups: list[list[dict]], first_day: dict[int, dt.date | None]):
    """count-stale: the facts of a group published on a day after a newer figure (first published later
    than the group's, but before that day) was out."""
    placed = [g for g in groups if first_day[id(g)] is not None]
    for group in placed:
        newer = [g for g in placed if first_day[id(g)] > first_day[id(group)] and not _overlap(g, group)]
        for fact in group:
            day = fact.get("published")
            superseding = [g for g in newer if day is not None and first_day[id(g)] < day]
            if not superseding:
                continue
            latest = max(superseding, key=lambda g: (first_day[id(g)], g[0]["id"]))
            yield Finding(
                STALE.name, STALE.type, STALE.severity, (fact, *latest),
                f"{event}: {describe.source(fact)}, published {_day(day)}, gives {describe.quantity_value(fact)} as current, "
                f"a figure superseded on {_day(first_day[id(latest)])} by {_listed([latest])}.",
            )


def _day(day: dt.date) -> str:
    return f"{day.day} {ENGLISH_MONTH_NAMES['gregorian'][day.month - 1]} {day.year}"


def _listed(groups: list[list[dict]]) -> str:
    """Each group's figure, its sources and the day they were published."""
    return "; ".join(f"{describe.quantity_value(g[0])} ({_dated_sources(g)})" for g in groups)


def _dated_sources(group: list[dict]) -> str:
    days = sorted({f["published"] for f in group if f.get("published")})
    when = ", ".join(_day(d) for d in days) if days else "publication date unknown"
    return f"{describe.sources(group)}, published {when}"


def _names_what_is_counted(fact: dict) -> bool:
    """Whether a count says what it counts: by its event (the dead, the arrested: checker/events.toml
    countable), by a measure that says more than its event, or, for a claim of a table (checker gate), by
    the attribute its key names."""
    return bool(fact.get("key")) or fact["event"] in countable_events() or not is_unspecific(fact.get("measure"), fact["event"])


SAME_THING_SCORE = 40  # token_set_ratio of the counted words: جنود against مدنيين scores far below


def _count_different_things(groups: list[list[dict]]) -> bool:
    """Whether two groups plainly count different things: every pair of their distinct counted nouns
    written in one language shares next to nothing (3 soldiers killed, 12 civilians killed). Across
    languages nothing can be said, and the finding stands. Nor can it in a language whose words after
    the figure differ within one group, between sources that agree on the figure («به ۱۲ نفر رسید»
    against «۱۲ کارگر جان باخته‌اند»): there those words are the sentence's verb, not what is counted.
    The nouns are taken once per wording, so an article that repeats its sentence costs nothing more."""
    nouns = [{(f["lang"], fold(f["subject"])) for f in group if f.get("subject")} for group in groups]
    unsteady = {
        lang_a for group in nouns for lang_a, a in group for lang_b, b in group
        if lang_a == lang_b and fuzz.token_set_ratio(a, b) < SAME_THING_SCORE
    }
    for i, first in enumerate(nouns):
        for second in nouns[i + 1 :]:
            scores = [
                fuzz.token_set_ratio(a, b) for lang_a, a in first for lang_b, b in second
                if lang_a == lang_b and lang_a not in unsteady
            ]
            if scores and max(scores) < SAME_THING_SCORE:
                return True
    return False


CONFLICT = Rule("count-conflict", "conflict", "error", summary_of(__doc__), check)
UPDATE = Rule("count-update", "conflict", "info", "a running total that grew in later sources, as a timeline (written by count-conflict)", lambda context: ())
STALE = Rule("count-stale", "conflict", "warning", "a running total's figure given as current after a newer one was published (written by count-conflict)", lambda context: ())
RULES = (CONFLICT, UPDATE, STALE)
