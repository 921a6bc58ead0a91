"""`checker gate`: a CI gate for tables of claims (who held which office when, event dates, counts), each
row one source's claim in its own calendar, script and wording.

    read (checker/gate/read.py) -> keys across scripts (keys.py) -> values (parse.py, vectorised)
    -> facts -> rules: the shared date-conflict / count-conflict of `checker check` on the slots a
       vectorised interval test flags, and the claim rules of checker/gate/rules/
    -> policy (policy.py: baseline, per-rule thresholds, --fail-on) -> the shared reporters (checker/report/)
       and the Markdown job summary (job_summary.py)

The result has the shape of `checker check`'s (documents, facts, findings, rejected frames), so every
reporter works on it; each fact also carries the `path` and `row` of its claim.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Iterator

import polars as pl

from checker.compare import fact_pairs
from checker.compare.finding import findings_frame
from checker.compare.rules import Context, count_conflict, date_conflict
from checker.compare.terms import TERM_SCHEMA
from checker.compare.values import count_bounds, date_bounds
from checker.gate import parse
from checker.gate.keys import subject_keys, term_keys
from checker.gate.read import Claims, read_claims, stem
from checker.gate.rules import GateContext, gate_rules, with_event
from checker.gate.rules.precision_conflict import less_precise
from checker.lang import LANGUAGES, load
from checker.schema import DOCUMENT_SCHEMA, FACT_SCHEMA

EXTRA_FACT_COLUMNS: dict[str, pl.DataType] = {
    "path": pl.Utf8, "row": pl.Int64, "source": pl.Utf8, "attribute": pl.Utf8,
    "subject_key": pl.Utf8, "slot": pl.Utf8, "story": pl.Utf8, "published": pl.Date,
    "outlet": pl.Utf8, "alone": pl.Boolean, "term": pl.Boolean, "fallback": pl.Boolean,
}  # fmt: skip
# An attribute of an office row that states how long a term lasted ("24 years", «نحو 54 عاماً», «نیم قرن»),
# as folded by checker/gate/keys.py term_keys; every other attribute of an office row is the term itself.
LENGTH_ATTRIBUTES = frozenset({"term_length", "term length", "term-length", "length", "tenure", "years in office"})
_KINDS = {"date": "date", "year": "date", "day": "date", "count": "count", "number": "count", "quantity": "count"}


@dataclass(frozen=True)
class GateStats:
    rows_in: int  # data rows read from the tables
    rows_checked: int  # rows that became claims and went through every rule
    rows_rejected: int  # rows that could not be claims (listed in `rejected`)
    rows_invalid: int  # checked rows whose value is no real date or does not parse (invalid-value findings)
    rows_fallback: int  # checked rows whose value needed the per-row readers
    texts_fallback: int  # distinct texts those readers read
    files: tuple[str, ...]
    tables: tuple[dict[str, Any], ...]  # per file: path, rows read = rows checked + rows rejected
    subjects: int  # distinct subjects after matching across scripts
    merged: tuple[tuple[str, tuple[str, ...]], ...]  # subjects written several ways: name, spellings
    slots: int  # subject-attribute (or subject-office) pairs with values from two sources or more
    slots_flagged: int  # of those, pairs whose values do not all meet
    less_precise: tuple[dict[str, Any], ...] = ()  # coarse dates that hold every finer one of other sources: row, text, holds


@dataclass(frozen=True)
class GateResult:
    documents: pl.DataFrame  # one per source
    facts: pl.DataFrame  # FACT_SCHEMA plus EXTRA_FACT_COLUMNS
    findings: pl.DataFrame  # FINDING_SCHEMA plus rows (path:row of every claim involved)
    rejected: pl.DataFrame  # path, row, reason
    stats: GateStats
    extra: dict[str, Any] = field(default_factory=dict)  # the policy's verdict, filled by checker.gate.policy

    @property
    def fact_count(self) -> int:
        return self.facts.height

    def fact_batches(self) -> Iterator[pl.DataFrame]:  # the reporters' interface (checker/schema.py _HoldsFacts)
        yield self.facts


def run_gate(
    paths: list[str],
    *,
    mapping: dict[str, str] | None = None,
    aliases: dict[str, tuple[str, ...]] | None = None,
    lang: str | None = None,
    handover_days: int = 1,
) -> GateResult:
    """Read the tables of claims under `paths` and run every check over them."""
    return gate_claims(read_claims(paths, mapping), aliases=aliases or {}, lang=lang, handover_days=handover_days)


def gate_claims(claims: Claims, *, aliases: dict[str, tuple[str, ...]], lang: str | None, handover_days: int) -> GateResult:
    rows_in, rejected, files = claims.rows_in, claims.rejected, claims.files
    tables = _tables(claims.file_rows, rejected)
    rows, merged = _keyed(claims.rows, aliases, lang)
    del claims  # its rows are in `rows` now, keyed; the read ones need not stay
    subjects, rows_checked = rows["subject_key"].n_unique(), rows.height
    is_length = pl.col("office").is_not_null() & pl.col("attribute_key").is_in(list(LENGTH_ATTRIBUTES))
    lengths, rows = rows.filter(is_length), rows.filter(~is_length)
    rows, values, texts_fallback = _values(rows)
    # a term length is read by the per-row duration reader, once per distinct text
    rows_fallback = int(values["fallback"].sum()) + lengths.height
    texts_fallback += lengths.select("value", "lang").n_unique() if lengths.height else 0
    facts, offices = _facts(rows, values, files)
    if lengths.height:
        facts = pl.concat([facts, _length_facts(lengths, files)], how="diagonal_relaxed").sort("path", "row", "id")
    del rows, values  # the facts hold what the rules need; a million rows twice over is most of the memory
    facts = _alone(facts)
    terms = _terms(facts, offices)
    if lengths.height:
        terms = pl.concat([terms, _length_terms(facts)])
    invalid = with_event(facts.filter(pl.col("invalid")))
    flagged, slots = _flagged_slots(facts)
    # A term's ends are the term rules' (term-start-conflict, term-end-conflict), as in `checker check`.
    shared = with_event(facts.filter(pl.col("slot").is_in(flagged.implode()) & pl.col("alone") & ~pl.col("term")))
    found: list[Iterator] = [_shared_findings(shared)]
    gate_context = GateContext(facts=facts, terms=terms, invalid=invalid, handover_days=handover_days)
    found += [rule.check(gate_context) for rule in gate_rules()]
    # Each finding becomes its row as the rules yield it: a finding object holds the full rows of its facts
    # (~200 KB a finding once 100,000 of them were kept until the end), its row only their ids.
    findings = _with_rows(findings_frame(itertools.chain.from_iterable(found)), facts)
    stats = GateStats(
        rows_in=rows_in,
        rows_checked=rows_checked,
        rows_rejected=rejected.height,
        rows_invalid=invalid.select("path", "row").n_unique() if invalid.height else 0,
        rows_fallback=rows_fallback,
        texts_fallback=texts_fallback,
        files=files,
        tables=tables,
        subjects=subjects,
        merged=merged,
        slots=slots,
        slots_flagged=flagged.len(),
        less_precise=_less_precise(facts),
    )
    return GateResult(_documents(facts), facts.select(*FACT_SCHEMA, *EXTRA_FACT_COLUMNS), findings, rejected, stats)


# --- steps --------------------------------------------------------------------------------------------


def _tables(file_rows: dict[str, int], rejected: pl.DataFrame) -> tuple[dict[str, Any], ...]:
    """Every table read, one with no rejections or no rows too, sorted by path as `check` lists its tables."""
    per_file = dict(rejected.group_by("path").len().iter_rows())
    return tuple(
        {"path": path, "rows": rows, "checked": rows - per_file.get(path, 0), "rejected": per_file.get(path, 0)}
        for path, rows in sorted(file_rows.items())
    )


def _keyed(rows: pl.DataFrame, aliases: dict[str, tuple[str, ...]], lang: str | None) -> tuple[pl.DataFrame, tuple]:
    """Rows with subject, attribute and office keys, and the language each value is read in."""
    subjects = subject_keys(rows["subject"], aliases)
    attributes = term_keys(rows["attribute"], aliases, "attribute")
    offices = term_keys(rows["office"], aliases, "office")
    rows = (
        rows.join(subjects.select("subject", "subject_key", "subject_name"), on="subject", how="left", maintain_order="left")
        .join(attributes, on="attribute", how="left", maintain_order="left")
        .join(offices, on="office", how="left", maintain_order="left")
    )
    # The language of a row: its lang column, else --lang, else the script of what it says (Persian
    # letters and digits from checker/lang/fa/language.toml tell Persian from Arabic).
    said = pl.concat_str(pl.col("value"), pl.col("subject"), pl.col("quote").fill_null(""), separator=" ")
    guess = pl.lit(None, pl.Utf8)
    by_script: dict[str, list[str]] = {}
    for code in LANGUAGES:
        by_script.setdefault(load(code).cues.script, []).append(code)
    detect = pl.when(pl.lit(False)).then(guess)
    for script, codes in by_script.items():
        letters = {code: "".join(load(code).cues.letters) for code in codes}
        for code in codes[1:] + codes[:1]:  # distinctive letters first, the script's first language last
            if letters[code] and code != codes[0]:
                detect = detect.when(said.str.contains(f"[{letters[code]}]")).then(pl.lit(code))
        span = "\u0600-\u06ff" if script == "arabic" else "A-Za-z"
        detect = detect.when(said.str.contains(f"[{span}]")).then(pl.lit(codes[0]))
    return rows.with_columns(lang=pl.coalesce(pl.col("lang"), pl.lit(lang, pl.Utf8), detect)), _merged(subjects)


def _values(rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """Each row's value read as a date (two sides for a range or term) or a count, vectorised; the rest by
    the per-row readers, counted."""
    rows = rows.with_row_index("rid").with_columns(__folded=parse.fold_expr("value"), term=pl.col("office").is_not_null())
    side_a, side_b, is_range, open_end = parse.split_range(pl.col("__folded"))
    rows = rows.with_columns(__a=side_a, __b=side_b, is_range=is_range, open_end=open_end)
    sides_a = rows.select(text="__a", lang="lang", hint="calendar", published="published")
    sides_b = rows.select(text="__b", lang="lang", hint="calendar", published="published")
    read_a, read_b = parse.read_dates(sides_a), parse.read_dates(sides_b)
    counts = parse.read_counts(rows.select(text="__folded", lang="lang"))
    term = rows["term"]
    todo_a = ~read_a["read"] & (term | counts["number"].is_null())
    read_a, texts_a = parse.fill_dates(sides_a, read_a, todo_a)
    todo_b = ~read_b["read"] & rows["__b"].is_not_null()
    read_b, texts_b = parse.fill_dates(sides_b, read_b, todo_b)
    todo_count = ~term & ~read_a["read"] & counts["number"].is_null()
    counts, texts_count = parse.fill_counts(rows.select("lang"), counts, todo_count)
    fallback = todo_a | todo_b | todo_count
    values = pl.concat(
        [
            read_a.select(pl.all().name.prefix("a_")),
            read_b.select(pl.all().name.prefix("b_")),
            counts.select("number", "approx"),
            pl.DataFrame({"fallback": fallback}),
        ],
        how="horizontal",
    )
    return rows, values, texts_a + texts_b + texts_count


def _facts(rows: pl.DataFrame, values: pl.DataFrame, files: tuple[str, ...]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One fact per claim (two for a term: its start and its end), in FACT_SCHEMA plus where it came from."""
    keep = ("path", "row", "line", "source", "subject", "attribute", "office", "value", "kind", "lang", "published", "term",
            "is_range", "open_end", "subject_key", "subject_name", "attribute_key", "office_key", "office_name")  # fmt: skip
    frame = pl.concat([rows.select(keep), values], how="horizontal")
    stems = _stems(files)
    a_ok = pl.col("a_date_start").is_not_null()
    b_ok = pl.col("b_date_start").is_not_null()
    b_ok_or_open = b_ok | pl.col("open_end") | pl.col("b_calendar").is_null() & pl.col("b_error").is_null()
    date_ok = a_ok & pl.when(pl.col("is_range")).then(b_ok_or_open).otherwise(True)
    strong = date_ok & ~pl.col("a_bare")
    count_ok = pl.col("number").is_not_null()
    slot_key = pl.concat_str("subject_key", pl.lit("|"), "attribute_key")
    has_dates = strong.any().over(slot_key)
    explicit = pl.col("kind").str.to_lowercase().replace_strict(_KINDS, default=None, return_dtype=pl.Utf8)
    kind = (
        pl.when(explicit.is_not_null()).then(explicit)
        .when(strong).then(pl.lit("date"))
        .when(count_ok & date_ok & has_dates).then(pl.lit("date"))
        .when(count_ok).then(pl.lit("count"))
        .when(date_ok | pl.col("a_error").is_not_null() | pl.col("b_error").is_not_null()).then(pl.lit("date"))
        .otherwise(pl.lit("date"))
    )  # fmt: skip
    frame = frame.with_columns(kind=pl.when(pl.col("term")).then(pl.lit("date")).otherwise(kind))
    reason = (
        pl.when(pl.col("kind") == "count")
        .then(pl.when(~count_ok).then(pl.lit("not a count")))
        .otherwise(
            pl.coalesce(
                pl.col("a_error"),
                pl.when(pl.col("is_range")).then(pl.col("b_error")),
                pl.when(~a_ok).then(pl.lit("not a date or a count")),
                pl.when(pl.col("is_range") & ~b_ok_or_open).then(pl.lit("the end of the range is not a date")),
            )
        )
    )
    # A source is one document; one that appears in several tables is one per table, so that each of
    # its claims points at the right file.
    several = pl.col("path").n_unique().over("source") > 1
    stem_of = pl.col("path").replace_strict(stems, return_dtype=pl.Utf8)
    common = {
        "doc": pl.when(several).then(pl.concat_str("source", pl.lit(" @ "), stem_of)).otherwise(pl.col("source")),
        "zone": pl.lit("body"),
        "text": pl.col("value"),
        "start": pl.col("row"),
        "end": pl.col("row"),
        "line": pl.col("line"),
        "col": pl.lit(1, pl.Int64),
        "lang": pl.col("lang"),
        "path": pl.col("path"),
        "row": pl.col("row"),
        "source": pl.col("source"),
        "attribute": pl.col("attribute"),
        "office": pl.col("office"),
        "subject_key": pl.col("subject_key"),
        "subject": pl.col("subject_name"),
        # what the row itself says it is about, for finding ids: how names were joined (an alias file,
        # the name tables) must not change them
        "claim": pl.concat_str(pl.col("subject"), pl.lit("|"), pl.coalesce("attribute", "office", pl.lit(""))),
        "published": pl.col("published"),
        "outlet": pl.lit(None, pl.Utf8),  # the source is the document: messages name it once
        "story": pl.lit(None, pl.Utf8),
        "term": pl.col("term"),
        "fallback": pl.col("fallback"),
        "year_from": pl.lit("text"),
    }
    base_id = pl.concat_str(stem_of, pl.lit("#"), pl.col("row").cast(pl.Utf8))

    def side(prefix: str) -> dict[str, pl.Expr]:
        c = lambda name: pl.col(f"{prefix}_{name}")  # noqa: E731
        return {
            "calendar": c("calendar"), "grain": c("grain"), "date_start": c("date_start"), "date_end": c("date_end"),
            "tolerance": c("tolerance"), "value": c("value"), "approx_date": c("approx"), "side_note": c("note"),
        }  # fmt: skip

    # Claims that are not terms: a date (a range covers both sides), or a count.
    a, b = side("a"), side("b")
    plain_date = {
        **a,
        "date_end": pl.when(pl.col("is_range") & pl.col("open_end")).then(pl.lit(None, pl.Date))
        .when(pl.col("is_range")).then(b["date_end"]).otherwise(a["date_end"]),
        "tolerance": pl.max_horizontal(a["tolerance"], b["tolerance"]),
        "value": pl.when(pl.col("is_range")).then(pl.concat_str(a["value"], pl.lit("/"), pl.coalesce(b["value"], pl.lit("..")))).otherwise(a["value"]),
    }  # fmt: skip
    plain = frame.filter(~pl.col("term")).select(
        id=base_id,
        kind="kind",
        **common,
        **{k: pl.when(pl.col("kind") == "date").then(v) for k, v in plain_date.items() if k not in ("approx_date", "side_note")},
        number=pl.when(pl.col("kind") == "count").then(pl.col("number")),
        approx=pl.when(pl.col("kind") == "count").then(pl.col("approx")),
        notes=pl.coalesce(reason, a["side_note"]),
        slot=slot_key,
        invalid=reason.is_not_null(),
    )
    terms = frame.filter(pl.col("term"))
    term_slot = pl.concat_str("subject_key", pl.lit("|"), "office_key", pl.lit("|"))
    starts = terms.select(
        id=pl.concat_str(base_id, pl.lit(":start")), kind=pl.lit("date"), **common,
        **{k: v for k, v in a.items() if k not in ("approx_date", "side_note")},
        number=pl.lit(None, pl.Float64), approx=pl.lit(None, pl.Utf8),
        notes=pl.coalesce(reason, a["side_note"]),
        slot=pl.concat_str(term_slot, pl.lit("start")), invalid=reason.is_not_null(),
    )  # fmt: skip
    ends = terms.filter(pl.col("b_calendar").is_not_null() & pl.col("b_error").is_null()).select(
        id=pl.concat_str(base_id, pl.lit(":end")), kind=pl.lit("date"), **common,
        **{k: v for k, v in b.items() if k not in ("approx_date", "side_note")},
        number=pl.lit(None, pl.Float64), approx=pl.lit(None, pl.Utf8), notes=b["side_note"],
        slot=pl.concat_str(term_slot, pl.lit("end")), invalid=pl.lit(False),
    )  # fmt: skip
    # Term claims keep their office key and names for the term rules.
    office = terms.select(pl.concat_str(base_id, pl.lit(":start")).alias("id"), "office_key", "office_name", "subject_name")
    del frame, terms
    facts = pl.concat([plain, starts, ends], how="diagonal_relaxed")
    del plain, starts, ends
    facts = facts.with_columns(
        value=pl.when(pl.col("kind") == "count").then(pl.col("number").cast(pl.Utf8)).otherwise(pl.col("value")),
        # an invalid claim keeps its slot (its finding's id uses it) but takes part in no comparison:
        # it has no interval and no number
        date_start=pl.when(pl.col("invalid")).then(pl.lit(None, pl.Date)).otherwise(pl.col("date_start")),
        number=pl.when(pl.col("invalid")).then(pl.lit(None, pl.Float64)).otherwise(pl.col("number")),
    )
    missing = {name: pl.lit(None, dtype).alias(name) for name, dtype in {**FACT_SCHEMA, **EXTRA_FACT_COLUMNS}.items() if name not in facts.columns}
    facts = facts.with_columns(*missing.values())
    return facts.sort("path", "row", "id"), office


SLOTS_PER_PASS = 5_000  # flagged slots compared at once: the shared rules read each of their facts as a dict


def _shared_findings(shared: pl.DataFrame) -> Iterator:
    """The shared rules' findings (date-conflict, count-conflict) over the flagged slots, a few thousand
    slots at a time: the rules look at one slot at a time, so the findings are the same, and only one
    pass's facts are held as Python objects (100,000 conflicting slots at once took gigabytes)."""
    if not shared.height:
        return
    shared = shared.with_columns(__pass=(pl.col("slot").rank("dense") - 1) // SLOTS_PER_PASS)
    for number in range(int(shared["__pass"].max()) + 1):
        part = shared.filter(pl.col("__pass") == number).drop("__pass")
        context = Context(facts=part, pairs=fact_pairs(part))
        for rule in (date_conflict.RULE, count_conflict.CONFLICT):
            yield from rule.check(context)


def _stems(files: tuple[str, ...]) -> dict[str, str]:
    """File stems for fact ids, numbered where two files share a name (claims, claims~2)."""
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for path in files:
        name = stem(path)
        seen[name] = seen.get(name, 0) + 1
        out[path] = name if seen[name] == 1 else f"{name}~{seen[name]}"
    return out


def _alone(facts: pl.DataFrame) -> pl.DataFrame:
    """`alone`: the fact's source gives one value for its slot (a source that gives two is held to neither;
    source-self-conflict looks at it instead)."""
    counted = facts.filter(pl.col("slot").is_not_null() & ~pl.col("invalid")).group_by("slot", "doc").agg(__values=pl.col("value").n_unique())
    facts = facts.join(counted, on=["slot", "doc"], how="left", maintain_order="left", nulls_equal=False)
    return facts.with_columns(alone=pl.col("__values").fill_null(1) == 1).drop("__values")


def _flagged_slots(facts: pl.DataFrame) -> tuple[pl.Series, int]:
    """Slots whose values from different sources do not all meet, by one aggregation: widened
    intervals on a line meet pairwise exactly when the latest start is not after the earliest end. Only
    these go through the shared rules, which then name every value and source."""
    candidates = facts.filter(pl.col("alone") & pl.col("slot").is_not_null())
    low_date, high_date = date_bounds("")
    low_count, high_count = count_bounds("")
    # Across grains too: a year that cannot hold another source's day is a disagreement (precision-conflict).
    dates = candidates.filter((pl.col("kind") == "date") & pl.col("date_start").is_not_null()).group_by("slot").agg(
        docs=pl.col("doc").n_unique(), apart=low_date.max() > high_date.min()
    )
    counts = candidates.filter((pl.col("kind") == "count") & pl.col("number").is_not_null()).group_by("slot").agg(
        docs=pl.col("doc").n_unique(), apart=low_count.max() > high_count.min()
    )
    both = pl.concat([dates.select("slot", "docs", "apart"), counts.select("slot", "docs", "apart")])
    shared = both.filter(pl.col("docs") > 1)
    flagged = shared.filter(pl.col("apart"))["slot"].unique()
    return flagged, shared["slot"].n_unique()


def _less_precise(facts: pl.DataFrame) -> tuple[dict[str, Any], ...]:
    """Consistent, less precise: each coarse date that holds every finer date of other sources, as rows."""
    found = less_precise(facts)
    if not found.height:
        return ()
    at = facts.select("id", "text", row=pl.concat_str("path", pl.lit(":"), pl.col("row").cast(pl.Utf8)))
    rows = dict(zip(at["id"], at["row"]))
    texts = dict(zip(at["id"], at["text"]))
    return tuple(
        {"row": rows[i], "text": texts[i], "holds": sorted({rows[h] for h in holds})} for i, holds in found.sort("id").iter_rows()
    )


def _terms(facts: pl.DataFrame, offices: pl.DataFrame) -> pl.DataFrame:
    """One row per term claim in the table the term rules share with `checker check` (checker/compare/terms.py):
    its start and end facts, office and subject keys, and both ends' widest bounds. A claim with no end runs
    to its row's publication date (since 2014, ۱۳۹۹ تاکنون)."""
    starts = facts.filter(pl.col("term") & pl.col("id").str.ends_with(":start") & pl.col("date_start").is_not_null())
    starts = starts.drop("office_key", "office_name", strict=False)  # the term claims' own come from `offices`
    ends = facts.filter(pl.col("term") & pl.col("id").str.ends_with(":end")).select(
        start_id=pl.col("id").str.replace(r":end$", ":start"), end_id="id", end_start="date_start", end_end="date_end", end_tol="tolerance"
    )
    days = lambda col: pl.duration(days=pl.col(col).fill_null(0))  # noqa: E731
    joined = starts.join(ends, left_on="id", right_on="start_id", how="left", maintain_order="left").join(
        offices.select("id", "office_key", "office_name"), on="id", how="left", maintain_order="left"
    )
    return joined.select(
        id="id",
        end_id="end_id",
        doc="doc",
        scope=pl.lit(None, pl.Utf8),
        slot="slot",
        office_key="office_key",
        office_name="office_name",
        holder_key="subject_key",
        holder_name="subject",
        single_seat=pl.lit(True),
        acting=pl.lit(False),
        start_low=pl.col("date_start") - days("tolerance"),
        start_high=pl.col("date_end") + days("tolerance"),
        end_low=pl.col("end_start") - days("end_tol"),
        end_high=pl.col("end_end") + days("end_tol"),
        open_end=pl.col("end_id").is_null(),
        published="published",
        length_id=pl.lit(None, pl.Utf8),
    ).cast(TERM_SCHEMA)


def _length_facts(lengths: pl.DataFrame, files: tuple[str, ...]) -> pl.DataFrame:
    """One duration fact per term length claim: `value` ISO 8601, `grain` the unit written, `approx` its hedge."""
    read = parse.read_lengths(lengths.select(text="value", lang="lang"))
    stem_of = pl.col("path").replace_strict(_stems(files), return_dtype=pl.Utf8)
    several = pl.col("path").n_unique().over("source") > 1
    frame = pl.concat([lengths, read.select("iso", "unit", "approx")], how="horizontal")
    facts = frame.select(
        id=pl.concat_str(stem_of, pl.lit("#"), pl.col("row").cast(pl.Utf8)),
        doc=pl.when(several).then(pl.concat_str("source", pl.lit(" @ "), stem_of)).otherwise(pl.col("source")),
        kind=pl.lit("duration"), zone=pl.lit("body"), text="value", start="row", end="row", line="line",
        col=pl.lit(1, pl.Int64), lang="lang", path="path", row="row", source="source", attribute="attribute",
        office="office", subject_key="subject_key", subject="subject_name", published="published",
        outlet=pl.lit(None, pl.Utf8), story=pl.lit(None, pl.Utf8), term=pl.lit(False), fallback=pl.lit(True),
        value="iso", grain="unit", approx="approx",
        notes=pl.when(pl.col("iso").is_null()).then(pl.lit("not a length of time")),
        slot=pl.concat_str("subject_key", pl.lit("|"), "office_key", pl.lit("|length")),
        invalid=pl.col("iso").is_null(),
        office_key="office_key", office_name="office_name",
    )  # fmt: skip
    missing = {name: pl.lit(None, dtype).alias(name) for name, dtype in {**FACT_SCHEMA, **EXTRA_FACT_COLUMNS}.items() if name not in facts.columns}
    return facts.with_columns(*missing.values())


def _length_terms(facts: pl.DataFrame) -> pl.DataFrame:
    """A term for each length claim: no ends, its length for term-length-conflict to hold against the starts
    other sources give the same holder and office."""
    stated = facts.filter((pl.col("kind") == "duration") & pl.col("office_key").is_not_null() & ~pl.col("invalid"))
    return stated.select(
        id="id", end_id=pl.lit(None, pl.Utf8), doc="doc", scope=pl.lit(None, pl.Utf8), slot="slot",
        office_key="office_key", office_name="office_name", holder_key="subject_key", holder_name="subject",
        single_seat=pl.lit(True), acting=pl.lit(False),
        **{name: pl.lit(None, pl.Date) for name in ("start_low", "start_high", "end_low", "end_high")},
        open_end=pl.lit(False), published="published", length_id="id",
    ).cast(TERM_SCHEMA)  # fmt: skip


def _with_rows(findings: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """Every finding with the claims behind it: `rows` as path:row, and its first claim's path, row and
    key columns (source, subject, attribute or office)."""
    if findings.height == 0:
        return findings.with_columns(
            rows=pl.lit([], pl.List(pl.Utf8)), path=pl.lit(None, pl.Utf8), row=pl.lit(None, pl.Int64),
            line=pl.lit(None, pl.Int64), col=pl.lit(None, pl.Int64),
            subject=pl.lit(None, pl.Utf8), attribute=pl.lit(None, pl.Utf8), sources=pl.lit([], pl.List(pl.Utf8)),
        )  # fmt: skip
    where = facts.select(
        fact="id", path="path", row="row", subject_name="subject", attr=pl.coalesce("attribute", "office"), src="source",
        at=pl.concat_str("path", pl.lit(":"), pl.col("row").cast(pl.Utf8)), line="line",
    )  # fmt: skip
    exploded = findings.select("id", fact="facts").explode("fact").with_row_index("__order")
    joined = exploded.join(where, on="fact", how="left").sort("__order")
    per = joined.group_by("id", maintain_order=True).agg(
        rows=pl.col("at").unique(maintain_order=True),
        path=pl.col("path").first(),
        row=pl.col("row").first(),
        line=pl.col("line").first(),  # where annotations point (checker/report/locations.py)
        col=pl.lit(1, pl.Int64),
        subject=pl.col("subject_name").first(),
        attribute=pl.col("attr").first(),
        sources=pl.col("src").unique(maintain_order=True),
    )
    return findings.join(per, on="id", how="left", maintain_order="left")


def _merged(subjects: pl.DataFrame) -> tuple[tuple[str, tuple[str, ...]], ...]:
    several = subjects.select("subject_name", "spellings").unique("subject_name").filter(pl.col("spellings").list.len() > 1)
    return tuple((name, tuple(spellings)) for name, spellings in several.sort("subject_name").iter_rows())


def _documents(facts: pl.DataFrame) -> pl.DataFrame:
    """One document per source: the contract's document fields, path the first table it appears in."""
    docs = facts.group_by("doc", maintain_order=True).agg(
        path=pl.col("path").first(), lang=pl.col("lang").drop_nulls().mode().first(), row=pl.lit(None, pl.Int64)
    )
    out = docs.select(id="doc", path="path", outlet="doc", lang="lang")
    return out.with_columns(
        *(pl.lit(None, dtype).alias(name) for name, dtype in DOCUMENT_SCHEMA.items() if name not in out.columns)
    ).select(*DOCUMENT_SCHEMA)
