"""Tables of claims in: CSV, Parquet, JSON Lines and JSON, one or many, as one polars frame.

Each row keeps where it came from (`path`, 1-based data `row`, and the file `line` for editors and CI
annotations). Columns are found by their common names or mapped by the user (`--columns subject=person`,
`[tool.checker.gate.columns]`). A whole file that is no table of claims is a usage error naming the file;
a row that cannot be a claim (no subject, a ragged CSV line, invalid JSON, a published date that is no
date) is rejected with its reason and listed, never dropped.

CSV and JSON Lines are read by polars; only a file polars refuses (ragged lines, mixed JSON types) is read
again row by row, so that each bad row can be named. Encodings, delimiters and the rows of a table are read
as `checker check` reads its tables of articles (checker/ingest/tables.py).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from checker.errors import CheckerError
from checker.gate.parse import fold_expr, words
from checker.ingest.document import Rejected
from checker.ingest.paths import expand_paths, os_reason
from checker.ingest.tables import (
    MAX_CELL_BYTES,
    CsvReader,
    csv_data_rows,
    csv_delimiter,
    decoded_csv,
    json_records,
    jsonl_records,
    oversized_row_group,
)
from checker.schema import REJECTED_SCHEMA

FIELDS: dict[str, tuple[str, ...]] = {
    "source": ("source", "outlet", "publisher", "site", "media", "newspaper"),
    "subject": ("subject", "entity", "person", "who", "name"),
    "attribute": ("attribute", "field", "property", "predicate", "claim"),
    "value": ("value", "stated", "stated_value", "object"),
    "calendar": ("calendar",),
    "lang": ("lang", "language"),
    "quote": ("quote", "evidence", "excerpt", "text"),
    "url": ("url", "link"),
    "published": ("published", "published_at", "publication_date", "pubdate", "date_published"),
    "id": ("id", "claim_id"),
    "office": ("office", "position", "post", "role"),
    "kind": ("kind", "value_kind", "value_type"),
}
REQUIRED = ("source", "subject", "value")
KEY_FIELDS = ("source", "subject", "attribute", "office")
_TABLE_KINDS = ("csv", "parquet", "jsonl", "json")
_LISTED_COLUMNS = 20



@dataclass(frozen=True)
class Claims:
    rows: pl.DataFrame  # path, row, line and every field of FIELDS (Utf8; null where absent or blank)
    rejected: pl.DataFrame  # path, row, reason
    files: tuple[str, ...]
    rows_in: int  # data rows read, rejected ones included
    file_rows: dict[str, int]  # the same per file


def parse_mapping(items: list[str] | None) -> dict[str, str]:
    """`subject=person,value=stated` (one or several options) -> {"subject": "person", ...}."""
    mapping: dict[str, str] = {}
    for item in items or []:
        for part in item.split(","):
            if not part.strip():
                continue
            field, sep, column = part.partition("=")
            field, column = field.strip().lower(), column.strip()
            if not sep or not column:
                raise CheckerError(f"--columns {part.strip()!r}: write FIELD=COLUMN, e.g. subject=person")
            if field not in FIELDS:
                raise CheckerError(f"--columns: unknown field {field!r}; fields: {', '.join(FIELDS)}")
            mapping[field] = column
    return mapping


def find_fields(names: list[str], mapping: dict[str, str], path: str) -> dict[str, str]:
    """field -> column of this table: mapped ones first, then the common names, case-insensitive."""
    by_lower: dict[str, str] = {}
    for name in names:
        by_lower.setdefault(str(name).strip().lower(), name)
    found: dict[str, str] = {}
    for field, candidates in FIELDS.items():
        if field in mapping:
            column = by_lower.get(mapping[field].strip().lower())
            if column is None:
                raise CheckerError(f"no column {mapping[field]!r} for {field} (mapped); columns: {_listed(names)}", path=path)
            found[field] = column
            continue
        taken = set(found.values()) | {by_lower.get(m.lower()) for m in mapping.values()}
        column = next((by_lower[c] for c in candidates if c in by_lower and by_lower[c] not in taken), None)
        if column is not None:
            found[field] = column
    missing = [f for f in REQUIRED if f not in found]
    if "attribute" not in found and "office" not in found:
        missing.append("attribute")
    if missing:
        wanted = "; ".join(f"{f} ({' or '.join(FIELDS[f])})" for f in missing)
        raise CheckerError(f"not a table of claims: no column for {wanted}; columns: {_listed(names)}; map them with --columns", path=path)
    return found


def _listed(names: list[str]) -> str:
    shown = ", ".join(str(n) for n in names[:_LISTED_COLUMNS])
    return shown + (f", ... ({len(names)} in all)" if len(names) > _LISTED_COLUMNS else "") if names else "none"


def read_claims(paths: list[str], mapping: dict[str, str] | None = None) -> Claims:
    """Every table under `paths` (files, folders, globs) as one frame of claims."""
    mapping = mapping or {}
    frames: list[pl.DataFrame] = []
    rejected: list[dict] = []
    files: list[str] = []
    file_rows: dict[str, int] = {}
    for source in expand_paths(paths):
        if not hasattr(source, "kind"):  # a Rejected: a path that matched nothing or cannot be listed
            raise CheckerError(source.reason, path=source.path)
        if source.kind not in _TABLE_KINDS:
            raise CheckerError("not a table of claims (CSV, Parquet, JSON Lines or JSON)", path=source.path)
        files.append(source.path)
        try:
            raw, bad = _read_file(source.path, source.kind)
        except OSError as error:
            raise CheckerError(os_reason(error), path=source.path) from None
        fields = find_fields(raw.columns[3:], mapping, source.path)
        frame = raw.select(
            path="__path", row="__row", line="__line",
            *(_cell(fields[f]).alias(f) if f in fields else pl.lit(None, pl.Utf8).alias(f) for f in FIELDS),
        )  # fmt: skip
        file_rows[source.path] = file_rows.get(source.path, 0) + frame.height + len(bad)
        rejected.extend(bad)
        frames.append(frame)
    if not frames:
        raise CheckerError("no table of claims given")
    rows = pl.concat(frames, how="vertical")
    rows, row_rejected = _check_rows(rows)
    rejected_frame = pl.concat([pl.DataFrame(rejected, schema=REJECTED_SCHEMA), row_rejected], how="vertical").sort("path", "row")
    return Claims(rows, rejected_frame, tuple(files), sum(file_rows.values()), file_rows)


def _cell(column: str) -> pl.Expr:
    stripped = pl.col(column).cast(pl.Utf8).str.strip_chars()
    return pl.when(stripped != "").then(stripped)


def _check_rows(rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows that cannot be claims -> rejected with the reason; the rest with `published` as a Date,
    `calendar` spelled as the engine does and `lang` as a language code."""

    markers = {**words().markers, **{c: c for c in ("gregorian", "hijri", "jalali")}}
    calendar_key = fold_expr(pl.col("calendar").str.to_lowercase()).str.strip_chars(".")
    iso = pl.col("published").str.extract(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?$", 1).str.to_date("%Y-%m-%d", strict=False)
    rows = rows.with_columns(
        calendar=calendar_key.replace_strict(markers, default=None, return_dtype=pl.Utf8),
        __calendar_raw=pl.col("calendar"),
        __published=iso,
        # ar-SA, fa_IR -> ar, fa (checker.ingest.tables.language_subtag, for the whole column)
        lang=pl.col("lang").str.to_lowercase().str.extract(r"^([a-z]{2,3})(?:[-_]|$)", 1),
    )
    longest = pl.max_horizontal(pl.col(f).str.len_bytes() for f in FIELDS)
    reason = (
        pl.when(longest > MAX_CELL_BYTES).then(pl.format("a cell of {} bytes, over the limit of {} bytes a cell", longest, pl.lit(f"{MAX_CELL_BYTES:,}")))
        .when(pl.col("subject").is_null()).then(pl.lit("no subject"))
        .when(pl.col("value").is_null()).then(pl.lit("no value"))
        .when(pl.col("source").is_null()).then(pl.lit("no source"))
        .when(pl.col("attribute").is_null() & pl.col("office").is_null()).then(pl.lit("no attribute"))
        .when(pl.col("__calendar_raw").is_not_null() & pl.col("calendar").is_null())
        .then(pl.format("calendar '{}' is not gregorian, hijri or jalali", pl.col("__calendar_raw")))
        .when(pl.col("published").is_not_null() & pl.col("__published").is_null())
        .then(pl.format("published '{}' is not an ISO date (YYYY-MM-DD)", pl.col("published")))
    )  # fmt: skip
    rows = rows.with_columns(__reason=reason)
    rejected = rows.filter(pl.col("__reason").is_not_null()).select("path", "row", reason="__reason")
    kept = rows.filter(pl.col("__reason").is_null()).with_columns(published="__published").drop("__reason", "__published", "__calendar_raw")
    return kept, rejected


# --- files --------------------------------------------------------------------------------------------


def _read_file(path: str, kind: str) -> tuple[pl.DataFrame, list[dict]]:
    """(frame with path, row, line and the table's own columns as strings; rejected rows)."""
    if kind == "csv":
        return _read_csv(path)
    if kind == "jsonl":
        return _read_jsonl(path)
    if kind == "json":
        return _records(path, ((row, None, record) for row, record in json_records(path, "claims")))
    return _read_parquet(path)


def _framed(path: str, table: pl.DataFrame, rows: list[int] | pl.Series, lines: list[int] | pl.Series) -> pl.DataFrame:
    table = table.select(pl.col(c).cast(pl.Utf8) if table.schema[c] != pl.Utf8 else pl.col(c) for c in table.columns)
    placed = pl.DataFrame(
        {"__path": [path] * table.height, "__row": rows, "__line": lines}, schema={"__path": pl.Utf8, "__row": pl.Int64, "__line": pl.Int64}
    )
    return pl.concat([placed, table], how="horizontal")


def _read_csv(path: str) -> tuple[pl.DataFrame, list[dict]]:
    data = decoded_csv(path)
    if not data.strip():
        raise CheckerError("empty table: no header line", path=path)
    delimiter = csv_delimiter(data.split(b"\n", 1)[0].decode("utf-8"))
    try:
        table = pl.read_csv(io.BytesIO(data), separator=delimiter, infer_schema=False, raise_if_empty=True)
    except (pl.exceptions.PolarsError, ValueError):
        return _read_csv_rows(path, data, delimiter)
    if table.height + 1 != _physical_lines(data):
        # A field runs over several lines: a quoted line break, or a quote left open that swallowed the
        # lines after it, which only the row-by-row reader tells apart and names.
        return _read_csv_rows(path, data, delimiter)
    if len(set(table.columns)) != len(table.columns) or any(c.startswith("_duplicated_") for c in table.columns):
        raise CheckerError(f"the header names a column twice: {_listed(table.columns)}", path=path)
    # polars keeps a blank line as a row of nulls; the row-by-row reader (and people) skip it.
    blank = table.select(pl.all_horizontal(pl.all().is_null())).to_series()
    lines = pl.int_range(2, table.height + 2, eager=True).filter(~blank)
    table = table.filter(~blank)
    return _framed(path, table, pl.int_range(1, table.height + 1, eager=True), lines), []


def _physical_lines(data: bytes) -> int:
    return data.count(b"\n") + (not data.endswith(b"\n"))


def _read_csv_rows(path: str, data: bytes, delimiter: str) -> tuple[pl.DataFrame, list[dict]]:
    """A CSV polars refuses (ragged lines): row by row, naming each bad row."""
    reader = CsvReader(io.StringIO(data.decode("utf-8"), newline=""), delimiter)
    try:
        header = next(reader)
        records, rows, lines, rejected = [], [], [], []
        row = 0
        for row, values in csv_data_rows(reader, len(header)):
            if isinstance(values, str):
                rejected.append({"path": path, "row": row, "reason": values})
                continue
            records.append(values)
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as error:
        raise CheckerError(f"unreadable CSV: {error}", path=path, row=row + 1) from None
    table = pl.DataFrame(records, schema={name: pl.Utf8 for name in header}, orient="row")
    return _framed(path, table, rows, lines), rejected


def _read_jsonl(path: str) -> tuple[pl.DataFrame, list[dict]]:
    with open(path, "rb") as file:
        data = file.read().removeprefix(codecs.BOM_UTF8)
    if b"\n\n" not in data and b"\r\n\r\n" not in data:
        try:
            table = pl.read_ndjson(io.BytesIO(data), infer_schema_length=None)
            if all(not isinstance(dtype, (pl.List, pl.Struct, pl.Array)) for dtype in table.schema.values()):
                numbers = pl.int_range(1, table.height + 1, eager=True)
                return _framed(path, table, numbers, numbers), []
        except (pl.exceptions.PolarsError, ValueError, RuntimeError):
            pass
    return _records(path, jsonl_records(path, data.split(b"\n")))


def _records(path: str, records) -> tuple[pl.DataFrame, list[dict]]:
    """JSON objects, row by row: a value that is a list or an object, or a line that is no object, rejects
    its row."""
    kept: list[dict] = []
    rows: list[int] = []
    lines: list[int | None] = []
    rejected: list[dict] = []
    columns: dict[str, None] = {}
    for row, line, record in records:
        if isinstance(record, Rejected):
            rejected.append({"path": path, "row": row, "reason": record.reason})
        elif not isinstance(record, dict):
            rejected.append({"path": path, "row": row, "reason": "a JSON value that is not an object"})
        elif any(isinstance(v, (list, dict)) for v in record.values()):
            nested = next(k for k, v in record.items() if isinstance(v, (list, dict)))
            rejected.append({"path": path, "row": row, "reason": f"{nested} holds a JSON {'array' if isinstance(record[nested], list) else 'object'}, not a value"})
        else:
            kept.append({str(k): (None if v is None else str(v)) for k, v in record.items()})
            columns.update(dict.fromkeys(map(str, record)))
            rows.append(row)
            lines.append(line if line is not None else row)
    if not columns and not rejected:
        raise CheckerError("empty table: no rows", path=path)
    table = pl.DataFrame(kept, schema={name: pl.Utf8 for name in columns})
    return _framed(path, table, rows, lines), rejected


def _read_parquet(path: str) -> tuple[pl.DataFrame, list[dict]]:
    try:
        _refuse_oversized(path)
        table = pl.read_parquet(path)
    except (pl.exceptions.PolarsError, OSError, pa.ArrowException) as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise CheckerError(f"not a readable Parquet file: {' '.join(str(error).split())}", path=path) from None
    nested = [c for c, t in table.schema.items() if isinstance(t, (pl.List, pl.Struct, pl.Array))]
    if nested:
        raise CheckerError(f"column {nested[0]!r} holds {table.schema[nested[0]]}, not values", path=path)
    numbers = pl.int_range(1, table.height + 1, eager=True)
    return _framed(path, table, numbers, numbers), []


def _refuse_oversized(path: str) -> None:
    """A table whose metadata says a row group holds more than the row limit a row (a few KB of zstd can
    hold a cell of hundreds of MB) is refused before polars decompresses a value."""
    metadata = pq.read_metadata(path)
    first = 1
    for group in range(metadata.num_row_groups):
        meta = metadata.row_group(group)
        too_large = oversized_row_group(meta, metadata.schema.names)
        if too_large is not None:
            raise CheckerError(too_large, path=path, row=first)
        first += meta.num_rows


def stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]
