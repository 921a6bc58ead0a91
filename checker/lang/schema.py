"""The typed shape of a language's tables: one frozen dataclass per TOML file and section.

`build(Type, data, where)` turns a parsed TOML document into its dataclass and fails with the file and key
on anything the schema does not know or a value of the wrong type, so a misspelt key in a table is an error
at start-up, not a word the engine silently never matches. A key left out takes its field's default (a
language leaves out what its grammar does not need). Each field's TOML key is its name, or
`field(metadata={KEY: ...})` where the TOML key is a Python keyword.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

KEY = "toml_key"
_EMPTY: Mapping[str, Any] = types.MappingProxyType({})

T = TypeVar("T")
Words = tuple[str, ...]


class TableError(ValueError):
    """A language table that does not fit its schema: the file, the key and what was expected."""


def _words() -> Any:
    return field(default=())


def _table() -> Any:
    return field(default_factory=lambda: _EMPTY)


# --- dates.toml ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthNames:
    """One [[months]] entry: the twelve months of a calendar as a region writes them."""

    calendar: str
    region: str
    names: tuple[Words, ...]
    tolerance_days: int = 0  # days a date in this calendar may lie off (Afghan solar months)


@dataclass(frozen=True)
class Weekdays:
    names: tuple[Words, ...] = ()  # Monday first


@dataclass(frozen=True)
class DateWords:
    weekday_prefixes: Words = _words()
    day_month_joiners: Words = _words()
    year_prefixes: Words = _words()
    month_prefixes: Words = _words()
    month_suffixes: Words = _words()
    approximate: Words = _words()
    pair_links: Words = _words()
    numeric_order: str = "DMY"
    range_openers: Words = _words()
    range_links: Words = _words()
    since: Words = _words()
    year_prepositions: Words = _words()
    month_prepositions: Words = _words()
    ambiguous_months: Words = _words()
    month_number_prefixes: Words = _words()
    month_links: Words = _words()
    year_links: Words = _words()
    month_early: Words = _words()
    month_middle: Words = _words()
    month_late: Words = _words()
    last_words: Words = _words()
    day_words: Words = _words()
    week_words: Words = _words()
    sequence_words: Words = _words()
    weekday_not_before: Words = _words()  # after a weekday name that is also a number: the number (الاثنين الآخرين)
    decade_prefixes: Words = _words()  # before a decade's first year (دهه ۱۹۷۰)
    decade_suffixes: Words = _words()  # glued to a decade's first year (1970s)
    clock_pm: Words = _words()  # after a clock time: the afternoon (م, ب.ظ, p.m.), for the hour of publication
    clock_am: Words = _words()  # after a clock time: the morning (ص, ق.ظ, a.m.)
    month_first: bool = False

    def lists(self) -> dict[str, Words]:
        """Every list of words by its key (year_prefixes -> (عام, العام, سنة))."""
        return {f.name: value for f in dataclasses.fields(self) if isinstance(value := getattr(self, f.name), tuple)}


@dataclass(frozen=True)
class YearCalendar:
    """Bare years from `first` to `last` in this language's text belong to `calendar`."""

    calendar: str
    first: int = field(metadata={KEY: "from"})
    last: int = field(metadata={KEY: "to"})


@dataclass(frozen=True)
class Dates:
    months: tuple[MonthNames, ...] = ()
    weekdays: Weekdays = Weekdays()
    calendar_markers: Mapping[str, Words] = _table()  # calendar -> words after a year (هـ, AH, ش)
    date_words: DateWords = DateWords()
    year_calendars: tuple[YearCalendar, ...] = ()
    decades: Mapping[str, int] = _table()  # a decade's name -> its first year (السبعينيات -> 1970)

    def month_names(self, calendar: str) -> Words:
        """The twelve months of `calendar` as this language writes them: the first spelling of each month
        in the calendar's first [[months]] entry."""
        entry = next(entry for entry in self.months if entry.calendar == calendar)
        return tuple(spellings[0] for spellings in entry.names)


# --- relative.toml ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelativePhrase:
    unit: str
    offset: int
    words: Words


@dataclass(frozen=True)
class DayShift:
    lead: Words = _words()
    before: Words = _words()
    after: Words = _words()


@dataclass(frozen=True)
class Modifiers:
    position: str = "after"  # after the unit (الأسبوع الماضي) or "before" it (last week)
    previous: Words = _words()
    current: Words = _words()
    next: Words = _words()
    this: Words = _words()


@dataclass(frozen=True)
class Offsets:
    ago_before: Words = _words()
    ago_after: Words = _words()
    later_before: Words = _words()
    later_after: Words = _words()


@dataclass(frozen=True)
class Tense:
    past: Words = _words()
    future: Words = _words()


@dataclass(frozen=True)
class Relative:
    phrases: tuple[RelativePhrase, ...] = ()
    day_shift: DayShift = DayShift()
    units: Mapping[str, Words] = _table()  # week, month, year -> the words that name it
    unit_calendar: str = "gregorian"  # whose weeks, months and years the units count
    modifiers: Modifiers = Modifiers()
    offsets: Offsets = Offsets()
    tense: Tense = Tense()


# --- holidays.toml ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holiday:
    """A fixed day of one calendar (month, day) or a feast moved by a rule (rule = "easter")."""

    names: Words
    calendar: str
    month: int | None = None
    day: int | None = None
    rule: str | None = None


@dataclass(frozen=True)
class Holidays:
    holidays: tuple[Holiday, ...] = ()


# --- numbers.toml -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberGrammar:
    connectors: Words = _words()
    decimal_points: Words = _words()
    percent: Words = _words()
    articles: Words = _words()
    teen_tens: Words = _words()
    units_before_tens: bool = False
    join_without_space: bool = False
    slash_decimal: bool = False
    comma_decimal_before_scale: bool = False
    definite_ordinal_range: tuple[int, ...] | None = None  # [first, last]
    fraction_from_ordinal_min: int = 0
    digit_ordinal_suffixes: Words = _words()


@dataclass(frozen=True)
class Prefixes:
    """Letters written onto the front of a word: attached (و ب ل ف ك), the definite article, and a
    preposition fused with the article (لل); `refuses` lists the attached letters a word never takes."""

    attached: Words = _words()
    definite: Words = _words()
    contracted: Words = _words()
    refuses: Mapping[str, Words] = _table()


@dataclass(frozen=True)
class OrdinalSuffixes:
    suffixes: Words = _words()
    after_ending: Mapping[str, Words] = _table()
    detached: Words = _words()
    irregular: Mapping[str, Words] = _table()


@dataclass(frozen=True)
class AmbiguousNumbers:
    alone: Words = _words()
    compound_only: Words = _words()
    needs_count: Words = _words()
    vague_counts: Words = _words()


@dataclass(frozen=True)
class Scores:
    """A pair of numbers joined by one of `joiners` next to one of `results` is a match score."""

    results: Words = _words()
    joiners: Words = _words()


@dataclass(frozen=True)
class Numbers:
    cardinals: Mapping[str, int] = _table()
    scales: Mapping[str, int] = _table()
    scale_duals: Mapping[str, tuple[int, ...]] = _table()  # word -> (count, scale)
    ordinals: Mapping[str, int] = _table()
    fractions: Mapping[str, str] = _table()  # word -> "n/d"
    ratios: Mapping[str, int | float] = _table()
    ratio_multipliers: Mapping[str, int | float] = _table()
    durations: Mapping[str, str] = _table()  # word -> unit
    duration_duals: Mapping[str, str] = _table()
    grammar: NumberGrammar = NumberGrammar()
    prefixes: Prefixes = Prefixes()
    ordinal_suffixes: OrdinalSuffixes = OrdinalSuffixes()
    ambiguous: AmbiguousNumbers = AmbiguousNumbers()
    scores: Scores = Scores()


# --- quantities.toml ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    about: Words = _words()
    more: Words = _words()
    less: Words = _words()
    about_after: Words = _words()
    more_after: Words = _words()
    partitives: Words = _words()
    classifiers: Words = _words()
    dual_nouns: Words = _words()
    dual_endings: Words = _words()
    dual_stem_endings: Mapping[str, str] = _table()  # a singular's last letter as its dual writes it
    year_articles: Words = _words()  # before a year-shaped number, make it a year naming its noun (a 2019 attack)
    # Words joining the two ends of a range or pair that share the unit written after the second
    # (between 100 and 140 thousand pounds, ۳ تا ۵ میلیارد دلار), besides the number connectors.
    range_links: Words = _words()


@dataclass(frozen=True)
class Changes:
    from_to: tuple[Words, ...] = ()  # (before the old value, before the new one)
    to_share: Mapping[str, int | float] = _table()
    by_share: Mapping[str, int | float] = _table()
    multiplied: Mapping[str, int | float] = _table()
    by_count: Words = _words()
    decrease: Words = _words()
    increase: Words = _words()


@dataclass(frozen=True)
class Durations:
    """When a time unit with no number before it is a duration of one (for a week, خلال شهر, أسبوعا)."""

    singular: Words = _words()  # the units' singular forms: "for weeks" is no duration of one
    governors: Words = _words()  # words before the unit (an article may stand between): for, within, لمدة
    followers: Words = _words()  # words after it: a week after the blast, a month ago
    by_themselves: Words = _words()  # unit forms that are a span of time alone (the accusative أسبوعا)
    adjective_endings: Words = _words()  # what makes a number and unit an adjective (دو ماهه, یک‌هفته‌ای)
    # Before a number of years, an age limit (the Under-20 World Cup, كأس العالم تحت 20 عاما): no span, no count.
    age_limits: Words = _words()
    # An hour, or a clock word with its hour, joined by "and" to minutes: a time of day, not a span
    # (السادسة وثماني دقائق, ساعت ۱۸ و ۸ دقیقه).
    clock_hours: Words = _words()


@dataclass(frozen=True)
class Quantities:
    counts: Counts = Counts()
    changes: Changes = Changes()
    durations: Durations = Durations()


# --- measures.toml ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ages:
    """How a number is a person's age: after `before` (aged 63), before `after` (63-year-old), in brackets
    with one of `years` ((68 عاما)), after `before_years` when one of `years` follows (توفي عن 86 عاما: عن
    alone is too common to mark an age), or, with `name_comma`, between commas after a capitalised name
    (Raisi, 63, ...)."""

    before: Words = _words()
    before_years: Words = _words()
    after: Words = _words()
    years: Words = _words()
    name_comma: bool = False
    # A person left unnamed (a 34-year-old teacher, یک امدادگر ۲۸ ساله, أحد الناجين) who is quoted (`quoted`
    # in the sentence: said, گفت, قال): a witness's age is colour, not a fact of the story (zone background).
    unnamed: Words = _words()
    quoted: Words = _words()


@dataclass(frozen=True)
class NotCounts:
    """Words around a number that make it neither a count nor a measurement: a clock time, an id, a score."""

    before: Words = _words()
    after: Words = _words()
    # Words naming a clock's time zone: a bracket holding one restates a time given before it (2 a.m. local
    # time (2300 GMT on Tuesday)); its day is no fact of its own (zone background).
    time_zones: Words = _words()


@dataclass(frozen=True)
class Measures:
    """What a number counts or measures; every key is a canonical id of checker/measures.toml."""

    endings: Words = _words()  # what a listed word may carry behind it: plural, case, dual, person
    nouns: Mapping[str, Words] = _table()  # nouns that say what is counted whatever the sentence
    people: Mapping[str, Words] = _table()  # nouns of people: their clause's event words say what is counted
    events: Mapping[str, Words] = _table()  # words saying what happened to the people counted
    units: Mapping[str, Words] = _table()  # unit words after a number
    units_before: Mapping[str, Words] = _table()  # unit words or signs before a number
    measurements: Mapping[str, Words] = _table()  # words before a measurement saying what it measures (depth)
    measured_after: Mapping[str, Words] = _table()  # words just after one saying it (5,000 metres deep)
    ages: Ages = Ages()
    not_counts: NotCounts = NotCounts()
    # Words just before a number making it the value of a toll named earlier in its sentence (the death
    # toll from ... rose to 11, بلغ 3283, به ۱۲۵ نفر کاهش یافت): the number counts what that toll counts.
    toll_verbs: Words = _words()
    # Words tying a clause to the date before it (June 2016, when 320 people drowned; 1964، حين لقي): the
    # count in that clause belongs to that date's event.
    when_links: Words = _words()


# --- layout.toml ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Words that label the parts of a news page around the article (checker/extract/layout.py); each opens
    a line, except `counters`, which may stand anywhere on a short line."""

    published: Words = _words()  # the article's own publication line
    updated: Words = _words()  # a later update of the page: never the publication date
    today: Words = _words()  # the page header's date, the day it was viewed
    read_also: Words = _words()  # heads teasers of other stories: read also, related, most read
    breaking: Words = _words()  # opens a one-line ticker of breaking news (عاجل: ...)
    counters: Words = _words()  # a page counter or id: views, comments, shares, news code
    footer: Words = _words()  # opens the page footer
    byline: Words = _words()  # opens a short byline (By ZEINA KARAM, بقلم): never the headline


# --- updates.toml -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Updates:
    """Words that place a count in a series of figures, before or after the number in its clause."""

    later_before: Words = _words()  # rose to, ارتفع إلى: the figure is the newer one
    later_after: Words = _words()  # به ۹۵ نفر رسید
    earlier_before: Words = _words()  # an earlier toll of, بعد أن كانت: the figure has been replaced
    earlier_after: Words = _words()


# --- names.toml ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Names:
    """Parts of a person's name that are optional when two names are compared: what stands before it, and
    the chain of descent inside it."""

    titles: Words = _words()  # King, الملك, رئیس‌جمهور, سردار
    honorifics: Words = _words()  # His Majesty, خادم الحرمين الشريفين, مرحوم
    lineage: Words = _words()  # bin, ibn, بن, ابن: what follows names a forebear


# --- events.toml, claims.toml, language.toml ------------------------------------------------------------


@dataclass(frozen=True)
class Events:
    date_verb: str = "before"  # the side of a date its verb stands on
    endings: Words = _words()  # what may follow an event word in the same word (طردت, expelled), up to two
    # Words that join two clauses: an event word across one belongs to the other clause's count (هشت تن جان
    # باختند و ۱۲ تن دیگر زخمی شدند: the 12 are injured, though «جان باختند» is nearer).
    clause_joiners: Words = _words()
    events: Mapping[str, Words] = _table()  # event -> words


@dataclass(frozen=True)
class ClaimValues:
    open_end: Words = _words()


@dataclass(frozen=True)
class Claims:
    values: ClaimValues = ClaimValues()


@dataclass(frozen=True)
class Romanise:
    """How names in this language's letters reduce to the consonant classes every language shares."""

    drop_prefixes: Words = _words()
    digraphs: Mapping[str, str] = _table()
    letters: Mapping[str, str] = _table()
    final: Mapping[str, str] = _table()


@dataclass(frozen=True)
class Punctuation:
    sentence_ends: Words = _words()
    clause_marks: Words = _words()  # inside a sentence: commas, semicolons, colons
    enclosing: Words = _words()  # quotation marks and brackets


@dataclass(frozen=True)
class Output:
    """How the engine writes in this language: the era abbreviation after a year, per calendar."""

    eras: Mapping[str, str] = _table()


@dataclass(frozen=True)
class Cues:
    """language.toml: what tells this language's text from others, and how its names are romanised."""

    name: str = ""
    script: str = "latin"
    direction: str = "ltr"
    letters: Words = _words()
    words: Words = _words()  # frequent function words
    punctuation: Punctuation = Punctuation()
    romanise: Romanise = Romanise()
    output: Output = Output()


# --- offices.toml -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermCues:
    """Words around an office's term (checker/extract/offices.py): what says a date is its start or end, a
    duration its length, a title that it is held in the interim."""

    start: Words = _words()  # took office, تولى منصبه, روی کار آمد
    end: Words = _words()  # stepped down, استقال, برکنار شد
    since: Words = _words()  # right before a date, it is a start: since, منذ, از
    until: Words = _words()  # right before a date, it is an end: until, حتى, تا
    length: Words = _words()  # ruled for, لمدة, به مدت
    acting: Words = _words()  # acting, بالوكالة, سرپرست
    age: Words = _words()  # right before a number of years, it is an age, no term: aged, عن (توفي عن 79 عاماً)
    # right before a title, it names the predecessor (جانشین سلطان قابوس, خلفاً للسلطان قابوس, successor to):
    # a start date of the sentence is the successor's, never that title's
    successor: Words = _words()
    # a term of office counted (two terms, ولايتين, دو دوره): word -> how many terms it counts alone (a dual
    # counts two; a plain word needs a number before it)
    terms: Mapping[str, int] = _table()
    word_starts: bool = False  # cues are word starts (حكم matches حكمه, يحكم is listed apart); else whole words


@dataclass(frozen=True)
class HolderWords:
    """How a holder's name is told from the words around a title."""

    capitalised: bool = False  # a name's words start with a capital letter (scripts with case)
    stops: Words = _words()  # words that end a name: who, الذي, که, said
    particles: Words = _words()  # small words inside a name that need no capital (al, bin)
    between: Words = _words()  # words that may stand between a title and its holder (the, الراحل, سابق)
    earlier: Words = _words()  # beside a title with no name, it is the holder named before (the late sultan)
    max_words: int = 4


@dataclass(frozen=True)
class Offices:
    """offices.toml: office titles by canonical id, the countries and organisations that hold them, and
    the words around a term."""

    titles: Mapping[str, Words] = _table()  # office id -> titles as written (president, رئيس, رئیس‌جمهور)
    bodies: Mapping[str, Words] = _table()  # country or organisation id -> how it is written (NATO, الناتو)
    not_ordinals: Words = _words()  # ordinal words that beside a title mean something else (اول: at first)
    cues: TermCues = TermCues()
    holder: HolderWords = HolderWords()


# --- validation -----------------------------------------------------------------------------------------


def build(kind: type[T], data: Any, where: str) -> T:
    """`data` (a parsed TOML table) as a `kind`, or a TableError naming `where` and the key."""
    if not isinstance(data, dict):
        raise TableError(f"{where}: expected a table, got {type(data).__name__}")
    hints = typing.get_type_hints(kind)
    fields = {f.metadata.get(KEY, f.name): f for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise TableError(f"{where}: unknown key {unknown[0]!r}; known: {', '.join(fields)}")
    values = {}
    for key, spec in fields.items():
        if key in data:
            values[spec.name] = _value(hints[spec.name], data[key], _inside(where, key))
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise TableError(f"{where}: missing key {key!r}")
    return kind(**values)


def _value(hint: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return _first_fitting(args, value, where)
    if dataclasses.is_dataclass(hint):
        return build(hint, value, where)  # type: ignore[arg-type]
    if origin is tuple:
        return _list(args[0], value, where)
    if origin is Mapping:
        return _table_of(args[1], value, where)
    return _scalar(hint, value, where)


def _first_fitting(options: tuple[Any, ...], value: Any, where: str) -> Any:
    """`value` as the first of a union's types it fits."""
    for option in options:
        try:
            return _value(option, value, where)
        except TableError:
            continue
    raise TableError(f"{where}: expected {' or '.join(map(_name, options))}, got {value!r}")


def _list(item_hint: Any, value: Any, where: str) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise TableError(f"{where}: expected a list, got {value!r}")
    return tuple(_value(item_hint, item, _inside(where, i)) for i, item in enumerate(value))


def _table_of(item_hint: Any, value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise TableError(f"{where}: expected a table, got {value!r}")
    return types.MappingProxyType({key: _value(item_hint, item, _inside(where, key)) for key, item in value.items()})


def _scalar(hint: Any, value: Any, where: str) -> Any:
    if hint is type(None):
        raise TableError(f"{where}: expected nothing, got {value!r}")  # TOML has no null; only tried in a union
    # bool is an int to Python, but `true` for a count is a mistake in the table
    if not isinstance(value, hint) or (isinstance(value, bool) and hint is not bool):
        raise TableError(f"{where}: expected {_name(hint)}, got {value!r}")
    return value


def _inside(where: str, key: str | int) -> str:
    """The place one level down: "file.toml: months[2].names", keys after the file's name."""
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if ":" in where else f"{where}: {key}"


def _name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint)
