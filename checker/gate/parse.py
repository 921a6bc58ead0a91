"""Value cells of a claims table -> dates (Gregorian intervals) and counts, for the whole column at once.

The vectorised path folds the column (the fold table of checker/normalise/text.py as one replace_many),
splits ranges and open terms (2004–2012, ۱۳۸۳ تا ۱۳۹۱, since 2014, 2004–), strips hedges, year prefixes
and calendar markers, reads the shapes dates and counts take with regular expressions, looks month names
up once per distinct spelling, and converts every (calendar, year, month, day) with one join on the period
table (checker.calendars.intervals.resolve). The words come from the language tables: dates.toml
(markers, since, range words, year prefixes), quantities.toml (count hedges) and claims.toml (open ends).

Whatever no pattern reads (number words, weekdays, holidays, ordinal days) goes through the per-row path,
the same readers `checker check` uses (find_text_dates, parse_number), once per distinct text; the rows
that needed it are counted (`fallback`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from checker.calendars.date_value import edtf_expr
from checker.calendars.intervals import resolve
from checker.calendars.tables import DEFAULT_TOLERANCE_DAYS
from checker.extract.dates import find_text_dates
from checker.extract.quantities import iso_duration
from checker.grammar.dates import month_meaning
from checker.grammar.durations import parse_duration
from checker.grammar.numbers import parse_number
from checker.lang import LANGUAGES, load
from checker.normalise.language import detect_language
from checker.normalise.text import FOLD_TABLE, fold, normalise

SIDE_COLUMNS = ("calendar", "grain", "date_start", "date_end", "tolerance", "approx", "value", "bare", "error", "note")
_SIDE_SCHEMA = {
    "calendar": pl.Utf8, "grain": pl.Utf8, "date_start": pl.Date, "date_end": pl.Date, "tolerance": pl.Int64,
    "approx": pl.Boolean, "value": pl.Utf8, "bare": pl.Boolean, "error": pl.Utf8, "note": pl.Utf8,
}  # fmt: skip
HIJRI_TOLERANCE = DEFAULT_TOLERANCE_DAYS["hijri"]
_COVERED_SHARE = 0.6  # of a cell's letters and digits a date found by the per-row path must cover


def _folded_words(words) -> list[str]:
    return sorted({" ".join(fold(w).split()) for w in words if fold(w).strip()}, key=lambda w: (-len(w), w))


def _alt(words) -> str:
    """A regex alternation (Rust syntax) of folded table words, longest first; never matches when empty."""
    items = [re.escape(w).replace("\\ ", " ").replace(" ", " ?") for w in _folded_words(words)]
    return "(?:" + "|".join(items) + ")" if items else "(?:[^\\s\\S])"


@dataclass(frozen=True)
class _Words:
    markers: dict[str, str]  # folded marker -> calendar
    marker: str
    since: str
    openers: str
    links: str
    open_end: str
    year_prefix: str
    approximate: str
    joiners: str
    hedges: dict[str, str]  # folded hedge -> about | more | less
    hedge_before: str
    hedge_after: str
    year_calendars: dict[str, tuple[tuple[str, int, int], ...]]
    numeric_order: dict[str, str]
    month_prefixes: tuple[str, ...]
    month_suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> _Words:
    markers: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    hedges: dict[str, str] = {}
    after: list[str] = []
    year_calendars: dict[str, tuple[tuple[str, int, int], ...]] = {}
    orders: dict[str, str] = {}
    for lang in LANGUAGES:
        language = load(lang)
        dates = language.dates
        for calendar, spellings in dates.calendar_markers.items():
            for spelling in spellings:
                markers.setdefault(" ".join(fold(spelling).split()).rstrip("."), calendar)
        date_words = dates.date_words.lists()
        for name in ("since", "range_openers", "range_links", "year_prefixes", "approximate", "day_month_joiners",
                     "month_prefixes", "month_suffixes"):  # fmt: skip
            lists.setdefault(name, []).extend(date_words[name])
        lists.setdefault("open_end", []).extend(language.claims.values.open_end)
        counts = language.quantities.counts
        hedge_words = {"about": (counts.about, counts.about_after), "more": (counts.more, counts.more_after), "less": (counts.less, ())}
        for direction, (before_words, after_words) in hedge_words.items():
            for word in before_words:
                hedges.setdefault(" ".join(fold(word).split()), direction)
            for word in after_words:
                hedges.setdefault(" ".join(fold(word).split()), direction)
                after.append(word)
        year_calendars[lang] = tuple((e.calendar, e.first, e.last) for e in dates.year_calendars)
        orders[lang] = dates.date_words.numeric_order
    return _Words(
        markers=markers,
        marker=_alt(markers),
        since=_alt(lists["since"]),
        openers=_alt(lists["range_openers"]),
        links=_alt(lists["range_links"]),
        open_end=_alt(lists["open_end"]),
        year_prefix=_alt(lists["year_prefixes"]),
        approximate=_alt(lists["approximate"]),
        joiners=_alt(lists["day_month_joiners"]),
        hedges=hedges,
        hedge_before=_alt(hedges),
        hedge_after=_alt(after),
        year_calendars=year_calendars,
        numeric_order=orders,
        month_prefixes=tuple(_folded_words(lists["month_prefixes"])),
        month_suffixes=tuple(_folded_words(lists["month_suffixes"])),
    )


@lru_cache(maxsize=1)
def _fold_pairs() -> tuple[list[str], list[str]]:
    keys = [chr(cp) for cp in FOLD_TABLE]
    return keys, [value or "" for value in FOLD_TABLE.values()]


def fold_expr(column: str | pl.Expr) -> pl.Expr:
    """checker.normalise.text.fold as a polars expression, plus one space between words."""
    expr = pl.col(column) if isinstance(column, str) else column
    keys, values = _fold_pairs()
    return expr.str.replace_many(keys, values).str.replace_all(r"\s+", " ").str.strip_chars()


# --- ranges and open terms ----------------------------------------------------------------------------


def split_range(folded: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """(side a, side b, is a range, open end) of a folded value: `2004-2012`, `1383 تا 1391`, `from X to Y`,
    `X - Y`, `since 2014`, `2004-`, `2014 - present`."""
    w = words()
    compact = folded.str.extract_groups(r"^([0-9]{3,4})-([0-9]{3,4})$")
    spaced = folded.str.extract_groups(r"^(.+?) - (.+)$")
    linked = folded.str.extract_groups(f"^(?:{w.openers} )?(.+?) {w.links} (.+)$")
    since = folded.str.extract(f"^{w.since} (.+)$", 1)
    dangling = pl.coalesce(
        folded.str.extract(r"^(.*[0-9][^ ]*) ?-$", 1), folded.str.extract(f"^(.*[0-9][^ ]*) ?{w.open_end}$", 1)
    )
    a = pl.coalesce(compact.struct.field("1"), spaced.struct.field("1"), linked.struct.field("1"))
    b = pl.coalesce(compact.struct.field("2"), spaced.struct.field("2"), linked.struct.field("2"))
    b_open = b.str.contains(f"^(?:{w.open_end})$")
    is_range = a.is_not_null()
    side_a = pl.coalesce(a, since, dangling, folded)
    side_b = pl.when(is_range & ~b_open).then(b)
    open_end = (is_range & b_open) | (a.is_null() & (since.is_not_null() | dangling.is_not_null()))
    return side_a, side_b, is_range | open_end, open_end.fill_null(False)


# --- one date -----------------------------------------------------------------------------------------


def read_dates(sides: pl.DataFrame) -> pl.DataFrame:
    """Columns `text` (folded), `lang`, `hint` (calendar or null) -> SIDE_COLUMNS plus `read` (a pattern
    read it; else fill_dates may). Row order is kept."""
    w = words()
    text = pl.col("text")
    approx = text.str.contains(f"^{w.approximate} ")
    t = text.str.replace(f"^{w.approximate} ", "")
    t = t.str.replace(f"^{w.year_prefix} ?([0-9])", "${1}")
    marked = t.str.extract_groups(f"^(.*?[0-9]) ?({w.marker})\\.?$")
    marker = marked.struct.field("2")
    t = pl.coalesce(marked.struct.field("1"), t)
    frame = sides.with_row_index("__side").with_columns(
        __t=t, __approx=approx, __marker_cal=marker.replace_strict(w.markers, default=None, return_dtype=pl.Utf8),
        __marked=marker.is_not_null(), __prefixed=text.str.contains(f"^{w.year_prefix} ?[0-9]"),
    )  # fmt: skip
    s = pl.col("__t")
    ymd = s.str.extract_groups(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$")
    dmy = s.str.extract_groups(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$")
    ym = s.str.extract_groups(r"^([0-9]{4})[-/.]([0-9]{1,2})$")
    my = s.str.extract_groups(r"^([0-9]{1,2})[-/.]([0-9]{4})$")
    year = s.str.extract(r"^([0-9]{3,4})$", 1)
    d_mon_y = s.str.extract_groups(f"^([0-9]{{1,2}}) (?:{w.joiners} )?([^0-9]+?),? ([0-9]{{3,4}})$")
    mon_d_y = s.str.extract_groups(r"^([^0-9]+?) ([0-9]{1,2}),? ([0-9]{3,4})$")
    mon_y = s.str.extract_groups(r"^([^0-9]+?),? ([0-9]{3,4})$")
    # Day-first or month-first numeric dates by the language's numeric_order.
    mdy = pl.col("lang").replace_strict({k: v == "MDY" for k, v in w.numeric_order.items()}, default=False, return_dtype=pl.Boolean)
    g = lambda struct, i: struct.struct.field(str(i))  # noqa: E731
    frame = frame.with_columns(
        __y=pl.coalesce(g(ymd, 1), g(dmy, 3), g(ym, 1), g(my, 2), year, g(d_mon_y, 3), g(mon_d_y, 3), g(mon_y, 2)).cast(pl.Int64, strict=False),
        __m=pl.coalesce(g(ymd, 2), pl.when(mdy).then(g(dmy, 1)).otherwise(g(dmy, 2)), g(ym, 2), g(my, 1)).cast(pl.Int64, strict=False),
        __d=pl.coalesce(g(ymd, 3), pl.when(mdy).then(g(dmy, 2)).otherwise(g(dmy, 1)), g(d_mon_y, 1), g(mon_d_y, 2)).cast(pl.Int64, strict=False),
        __word=pl.coalesce(g(d_mon_y, 2), g(mon_d_y, 1), g(mon_y, 1)),
        __bare=year.is_not_null(),
    )
    months = _month_lookup(frame.select(pl.col("__word"), pl.col("lang")).filter(pl.col("__word").is_not_null()).unique())
    frame = frame.join(months, on=["__word", "lang"], how="left", maintain_order="left", nulls_equal=True)
    named = pl.col("__word").is_not_null()
    read = pl.col("__y").is_not_null() & (~named | pl.col("__month_cal").is_not_null())
    frame = frame.with_columns(
        __m=pl.when(named).then(pl.col("__month_no")).otherwise(pl.col("__m")),
        __cal=pl.when(read).then(
            pl.coalesce(pl.col("__marker_cal"), pl.col("__month_cal"), pl.col("hint"), _year_calendar(pl.col("lang"), pl.col("__y")))
        ),
    )
    resolved = resolve(
        frame.filter(pl.col("__cal").is_not_null()).select("__side", calendar="__cal", year="__y", month="__m", day="__d")
    )
    frame = frame.join(resolved.select("__side", "date_start", "date_end", "grain", "error", "note"), on="__side", how="left", maintain_order="left")
    is_hijri_day = (pl.col("__cal") == "hijri") & (pl.col("grain") == "day")
    vector = frame.select(
        calendar="__cal",
        grain="grain",
        date_start="date_start",
        date_end="date_end",
        tolerance=pl.max_horizontal(pl.col("__month_tol").fill_null(0), pl.when(is_hijri_day).then(HIJRI_TOLERANCE).otherwise(0)).cast(pl.Int64),
        approx="__approx",
        value=edtf_expr(pl.col("__cal"), pl.col("grain"), pl.col("date_start"), pl.col("date_end"), pl.col("__approx")),
        bare=pl.col("__bare") & ~pl.col("__marked") & ~pl.col("__prefixed") & ~pl.col("__approx"),
        error="error",
        note="note",
    ).with_columns(read=pl.col("calendar").is_not_null())
    return vector


def _year_calendar(lang: pl.Expr, year: pl.Expr) -> pl.Expr:
    """The calendar an unmarked year is in for its language (dates.toml [[year_calendars]]); Gregorian
    when the language is unknown."""
    out = pl.when(pl.lit(False)).then(pl.lit(None, pl.Utf8))
    for code, ranges in words().year_calendars.items():
        for calendar, low, high in ranges:
            out = out.when((lang == code) & year.is_between(low, high)).then(pl.lit(calendar))
    return out.when(lang.is_null()).then(pl.lit("gregorian"))


def _month_lookup(pairs: pl.DataFrame) -> pl.DataFrame:
    """Month names by distinct (spelling, language): a dictionary look-up per spelling, not per row."""
    w = words()
    rows = []
    for word, lang in pairs.iter_rows():
        candidates = [word]
        for prefix in w.month_prefixes:
            if word.startswith(prefix + " "):
                candidates.append(word[len(prefix) + 1 :])
        for suffix in w.month_suffixes:
            if word.endswith(" " + suffix):
                candidates.append(word[: -len(suffix) - 1])
        meaning = next((m for c in candidates if (m := month_meaning(c, lang)) is not None), None)
        if meaning is not None:
            rows.append((word, lang, *meaning))
    return pl.DataFrame(
        rows, schema={"__word": pl.Utf8, "lang": pl.Utf8, "__month_cal": pl.Utf8, "__month_no": pl.Int64, "__month_tol": pl.Int64}, orient="row"
    )


def fill_dates(sides: pl.DataFrame, vector: pl.DataFrame, todo: pl.Series) -> tuple[pl.DataFrame, int]:
    """Fill the sides marked in `todo` from the per-row readers, once per distinct (text, lang, hint,
    published); also the number of distinct texts read that way."""
    todo = pl.concat([sides.select("text", "lang", "hint", "published"), pl.DataFrame({"fallback": todo})], how="horizontal")
    keys = todo.filter(pl.col("fallback")).select("text", "lang", "hint", "published").unique()
    rows = [_read_one(*key) for key in keys.iter_rows()]
    found = pl.concat(
        [keys, pl.DataFrame(rows, schema=_SIDE_SCHEMA, orient="row")], how="horizontal"
    ) if rows else pl.DataFrame(schema={**keys.schema, **_SIDE_SCHEMA})
    joined = todo.join(found, on=["text", "lang", "hint", "published"], how="left", maintain_order="left", nulls_equal=True)
    fill = pl.Series(todo["fallback"])
    filled = vector.with_columns(
        pl.when(fill).then(joined[name]).otherwise(pl.col(name)).alias(name) for name in SIDE_COLUMNS
    ).with_columns(read=pl.col("read") | (fill & pl.col("date_start").is_not_null()))
    return filled, keys.height


def _read_one(text: str, lang: str | None, hint: str | None, published: dt.date | None) -> tuple:
    """One side no pattern read, by the readers of running text (weekdays, ordinal days, holidays,
    year-less dates against the row's publication date). A date must cover most of the cell. A calendar
    marker or month name in the text decides its calendar; `hint` is part of the cache key only."""
    empty = (None, None, None, None, None, None, None, None, None, None)
    if not text:
        return empty
    found = find_text_dates(normalise(text), lang or detect_language(text), published)
    letters = sum(ch.isalnum() for ch in text)
    best = max(found, key=lambda d: len(d.text), default=None)
    if best is None or sum(ch.isalnum() for ch in best.text) < _COVERED_SHARE * letters:
        return empty
    if best.value is None or best.date_start is None:
        reason = best.notes[0] if best.notes else f"«{best.text}» has no year and the row no published date"
        return (best.calendar, best.grain, None, None, None, None, None, False, reason, None)
    return (
        best.calendar, best.grain, best.date_start, best.date_end, best.tolerance_days, best.approximate,
        best.value, False, None, "; ".join(best.notes) or None,
    )  # fmt: skip


# --- counts -------------------------------------------------------------------------------------------


def read_counts(values: pl.DataFrame) -> pl.DataFrame:
    """Columns `text` (folded) and `lang` -> number, approx (about | more | less) and `words` (the number
    without its hedge, for fill_counts). Row order is kept."""
    w = words()
    text = pl.col("text")
    before = text.str.extract_groups(f"^({w.hedge_before}) (.+)$")
    after = text.str.extract_groups(f"^(.+?) ({w.hedge_after})$")
    hedge = pl.coalesce(before.struct.field("1"), after.struct.field("2"))
    bare = pl.coalesce(before.struct.field("2"), after.struct.field("1"), text)
    digits = bare.str.extract(r"^([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)$", 1)
    frame = values.select(
        "text", "lang",
        __bare=bare,
        number=digits.str.replace_all(",", "").cast(pl.Float64, strict=False),
        approx=hedge.replace_strict(w.hedges, default=None, return_dtype=pl.Utf8),
    ).with_columns(
        # hundreds of digits overflow to inf, and two such values would "agree": no count, an invalid value
        number=pl.when(pl.col("number").is_finite()).then(pl.col("number")),
    )  # fmt: skip
    return frame.select("number", "approx", words="__bare")


def fill_counts(values: pl.DataFrame, counts: pl.DataFrame, todo: pl.Series) -> tuple[pl.DataFrame, int]:
    """Numbers written in words for the rows marked in `todo`, once per distinct (text, lang); also the
    number of distinct texts read that way."""
    frame = pl.concat([counts, values.select("lang"), pl.DataFrame({"__todo": todo})], how="horizontal")
    keys = frame.filter(pl.col("__todo") & pl.col("words").is_not_null()).select("words", "lang").unique()
    read = [(text, lang, _number(text, lang)) for text, lang in keys.iter_rows()]
    numbers = pl.DataFrame(read, schema={"words": pl.Utf8, "lang": pl.Utf8, "__word_number": pl.Float64}, orient="row")
    frame = frame.join(numbers, on=["words", "lang"], how="left", maintain_order="left", nulls_equal=True)
    number = pl.when(pl.col("__todo")).then(pl.col("__word_number")).otherwise(pl.col("number"))
    return frame.select(number=number, approx="approx", words="words"), keys.height


def _number(text: str, lang: str | None) -> float | None:
    """A count written in words (ثمانية, هشت, twelve thousand, 1.5 million); ordinals and shares are no count."""
    match = parse_number(text, lang if lang in LANGUAGES else None)
    return float(match.value) if match is not None and match.kind == "cardinal" else None


# --- term lengths -------------------------------------------------------------------------------------------


def read_lengths(values: pl.DataFrame) -> pl.DataFrame:
    """A term length claim's `text` (in its `lang`) as `iso` (P24Y), `unit` as written (year, decade, century)
    and `approx` (about, more, less: "nearly 24 years", «نحو 54 عاماً», «بیش از ۵۰ سال»), each distinct text
    read once; null where it is no length of time."""
    distinct = values.select("text", "lang").unique()
    read = [_length(text, lang) for text, lang in distinct.iter_rows()]
    found = distinct.with_columns(
        iso=pl.Series([r[0] if r else None for r in read], dtype=pl.Utf8),
        unit=pl.Series([r[1] if r else None for r in read], dtype=pl.Utf8),
        approx=pl.Series([r[2] if r else None for r in read], dtype=pl.Utf8),
    )
    return values.join(found, on=["text", "lang"], how="left", maintain_order="left", nulls_equal=True)


def _length(text: str | None, lang: str | None) -> tuple[str, str, str | None] | None:
    if not text:
        return None
    folded = " ".join(fold(text).split())
    approx = None
    codes = [lang] if lang in LANGUAGES else list(LANGUAGES)
    for code in codes:
        counts = load(code).quantities.counts
        for name, hedges, after in (("about", counts.about, counts.about_after), ("more", counts.more, counts.more_after), ("less", counts.less, ())):
            for hedge in sorted(map(fold, hedges), key=len, reverse=True):
                if folded.startswith(hedge + " "):
                    folded, approx = folded[len(hedge) + 1 :], name
                    break
            for hedge in sorted(map(fold, after), key=len, reverse=True):
                if folded.endswith(" " + hedge):
                    folded, approx = folded[: -len(hedge) - 1], name
                    break
            if approx:
                break
        found = parse_duration(folded, code)
        if found is not None and found[1] in ("month", "year", "decade", "century"):
            return iso_duration(found[0], found[1]), found[1], approx
    return None
