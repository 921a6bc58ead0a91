"""Tables of articles: CSV, Parquet, JSON Lines and JSON, one Document per row. The row readers here (the
encoding, the CSV delimiter, data rows with their numbers, ragged rows and bad JSON lines rejected with
their reason) read the gate's tables of claims too (checker/gate/read.py).

Rows stream (CSV and JSON Lines line by line, Parquet in record batches) so memory does not grow with the
table. A problem with one row is a Rejected for that row and reading goes on; a problem with the whole
file (no text column, not a table at all, unreadable bytes) is raised as CheckerError naming the file and,
where reading stopped part way, the row."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from checker.errors import CheckerError
from checker.ingest.document import MAX_ARTICLE_BYTES, Document, Rejected
from checker.ingest.encoding import normalise_newlines, table_encoding
from checker.ingest.paths import Kind

TEXT_NAMES = ("text", "body", "content", "article", "full_text")
_OPTIONAL_NAMES = {
    "id": ("id",),
    "outlet": ("outlet", "source", "site", "publisher"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "publication_date", "pubdate"),
    "lang": ("lang", "language"),
}
_DELIMITERS = ",;\t"
_PARQUET_BATCH_ROWS = 1024
_LISTED_COLUMNS = 20  # a reason names at most this many of a table's columns
_LANGUAGE_SUBTAG = re.compile(r"[a-z]{2,3}")

# A cell holds one article at most, bounded as an article file is; a row adds a few short fields to it.
# Past these a row is refused before more of it is held (Parquet: from its metadata, unread).
MAX_CELL_BYTES = MAX_ARTICLE_BYTES
MAX_ROW_BYTES = MAX_CELL_BYTES + 1024 * 1024
# csv counts characters and stops at a longer field; articles outgrow its 128 KiB default (process-wide).
csv.field_size_limit(MAX_CELL_BYTES)


@dataclass(frozen=True)
class Columns:
    """Which of a table's columns hold what: the text column always, the others where present."""

    text: str
    id: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None

    def names(self) -> list[str]:
        found = (self.text, self.id, self.outlet, self.url, self.published, self.lang)
        return list(dict.fromkeys(name for name in found if name is not None))


def read_table(path: str, kind: Kind, *, text_column: str | None = None) -> Iterator[Document | Rejected]:
    """Each row of the table at `path` as a Document, or a Rejected for a row that cannot be one."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if kind == "csv":
        yield from _read_csv(path, stem, text_column)
    elif kind == "parquet":
        yield from _read_parquet(path, stem, text_column)
    elif kind == "jsonl":
        yield from _read_records(path, stem, ((row, record) for row, _, record in jsonl_records(path, _lines(path))), text_column)
    elif kind == "json":
        yield from _read_records(path, stem, json_records(path), text_column)
    else:
        raise ValueError(f"not a table kind: {kind}")


def find_columns(names: Sequence[str], text_column: str | None = None) -> Columns | None:
    """Columns by their common names, case-insensitive; `text_column` names the text column outright.
    None when there is no text column."""
    by_lower: dict[str, str] = {}
    for name in names:
        by_lower.setdefault(str(name).strip().lower(), name)
    text_names = (text_column.strip().lower(),) if text_column else TEXT_NAMES
    text = _first_present(by_lower, text_names)
    if text is None:
        return None
    optional = {field: _first_present(by_lower, candidates) for field, candidates in _OPTIONAL_NAMES.items()}
    return Columns(text=text, **{field: name for field, name in optional.items() if name != text})


def parse_iso_date(value: str) -> dt.date:
    """The date of an ISO 8601 date or date-time, as written: `2021-10-06T23:30:00-04:00` is 6 October,
    the local day of whoever wrote it. Raises ValueError for anything else."""
    return dt.datetime.fromisoformat(value.strip()).date()


def language_subtag(tag: str) -> str | None:
    """The primary language subtag in lower case (`ar-SA` -> `ar`, `fa_IR` -> `fa`); None if there is none."""
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if _LANGUAGE_SUBTAG.fullmatch(primary) else None


def _no_text_column(names: Sequence[str], text_column: str | None) -> CheckerError:
    listed = ", ".join(str(name) for name in names[:_LISTED_COLUMNS])
    if len(names) > _LISTED_COLUMNS:
        listed += f", ... ({len(names)} in all)"
    wanted = repr(text_column) if text_column else " or ".join(TEXT_NAMES)
    return CheckerError(f"no text column ({wanted}); columns: {listed or 'none'}")


def _first_present(by_lower: Mapping[str, str], candidates: Iterable[str]) -> str | None:
    return next((by_lower[name] for name in candidates if name in by_lower), None)


def _row_document(path: str, stem: str, row: int, record: Mapping[str, Any], cols: Columns) -> Document | Rejected:
    text = record.get(cols.text)
    if text is not None and not isinstance(text, str):
        return Rejected(path, row, f"text is a {_json_type(text)}, not a string")
    if text is None or not text.strip():
        return Rejected(path, row, "empty text")
    if len(text) > MAX_CELL_BYTES:
        return Rejected(path, row, f"text of {len(text):,} characters, over the limit of {MAX_CELL_BYTES:,} a cell (as an article file)")
    raw_published = record.get(cols.published) if cols.published else None
    try:
        published = _published(raw_published)
    except ValueError:
        return Rejected(path, row, f"published {str(raw_published).strip()!r} is not an ISO date (YYYY-MM-DD)")
    lang = _value(record, cols.lang)
    return Document(
        id=_value(record, cols.id) or f"{stem}#{row}",
        path=path,
        text=normalise_newlines(text),
        outlet=_value(record, cols.outlet),
        url=_value(record, cols.url),
        lang=language_subtag(lang) if lang else None,
        published=published,
        published_from="argument" if published else None,
        published_time=_published_time(raw_published) if published else None,
        row=row,
    )


def _published(value: Any) -> dt.date | None:
    """A published cell: null or blank is no date; Parquet date and timestamp cells are dates already."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_iso_date(value)
    raise ValueError(f"not a date: {value!r}")


_CLOCK = re.compile(r"^\s*\d{4}-\d\d-\d\d(?:[T ]|\s+)(\d{1,2}):(\d\d)")


def _published_time(value: Any) -> str | None:
    """The hour of a published cell that gives one ("2023-09-12 14:30", "2023-09-12T14:30:00Z", a timestamp
    cell): same-day figures of a running total are ordered by it. A date alone gives none."""
    if isinstance(value, dt.datetime):
        return f"{value.hour:02d}:{value.minute:02d}"
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _value(record: Mapping[str, Any], column: str | None) -> str | None:
    """An optional field as a stripped string; None when the column is absent, null or blank."""
    value = record.get(column) if column else None
    if value is None:
        return None
    return str(value).strip() or None


def _read_csv(path: str, stem: str, text_column: str | None) -> Iterator[Document | Rejected]:
    # Excel's "Unicode text" export is UTF-16 with a BOM; old Arabic archives export Windows-1256.
    encoding = table_encoding(path)
    with open(path, encoding=encoding, newline="") as file:
        row: int | None = None  # None while reading the header
        try:
            delimiter = csv_delimiter(file.readline())
            file.seek(0)
            reader = CsvReader(file, delimiter)
            header = next(reader, None)
            if header is None:
                raise CheckerError("empty table: no header line")
            cols = find_columns(header, text_column)
            if cols is None:
                raise _no_text_column(header, text_column)
            row = 0
            for row, values in csv_data_rows(reader, len(header)):
                if isinstance(values, str):
                    yield Rejected(path, row, values)
                    continue
                yield _row_document(path, stem, row, dict(zip(header, values, strict=True)), cols)
        except UnicodeDecodeError:
            reason = f"not {encoding.upper().removesuffix('-SIG')} text; save the table as UTF-8"
            raise CheckerError(reason, path=path, row=None if row is None else row + 1) from None
        except csv.Error as err:
            raise CheckerError(f"unreadable CSV: {err}", path=path, row=None if row is None else row + 1) from None


class CsvReader:
    """csv.reader over a text file that also keeps the lines its last row was read from, to tell a quote
    left open (which swallows the lines after it into one field) from a field with line breaks in it, and
    that holds no more of a row than MAX_ROW_BYTES characters: past them (or a cell past MAX_CELL_BYTES)
    it raises csv.Error, and reading stops at that row."""

    def __init__(self, file: TextIO, delimiter: str) -> None:
        self.delimiter = delimiter
        self._file = file
        self._taken: list[str] = []
        self._held = 0  # characters of the row being read
        self._reader = csv.reader(self._take(), delimiter=delimiter)

    def _take(self) -> Iterator[str]:
        while line := self._file.readline(MAX_ROW_BYTES + 1):
            self._held += len(line)
            if self._held > MAX_ROW_BYTES:
                raise csv.Error(f"a row over the limit of {MAX_ROW_BYTES:,} characters: reading stopped there")
            self._taken.append(line)
            yield line

    def __iter__(self) -> "CsvReader":
        return self

    def __next__(self) -> list[str]:
        self._taken.clear()
        self._held = 0
        try:
            return next(self._reader)
        except csv.Error as err:
            if str(err).startswith("field larger than field limit"):
                limit = f"{MAX_CELL_BYTES:,} characters"
                raise csv.Error(f"a cell over the limit of {limit} (as an article file): reading stopped there") from None
            raise

    @property
    def line_num(self) -> int:
        """The file line the last row ended on."""
        return self._reader.line_num

    def open_quote(self) -> str | None:
        """Why the last row is no row, when it runs over several lines and does not read as strict CSV (a
        quoted field closes where a field ends, and before the end of the file); else None."""
        if len(self._taken) < 2:
            return None
        try:
            for _ in csv.reader(self._taken, delimiter=self.delimiter, strict=True):
                pass
        except csv.Error:
            first = self.line_num - len(self._taken) + 1
            return (
                f"unbalanced quote: the row runs from line {first} to line {self.line_num}, "
                f"taking in the {len(self._taken) - 1} lines after it; close or remove the quote"
            )
        return None


def csv_data_rows(reader: CsvReader, width: int) -> Iterator[tuple[int, list[str] | str]]:
    """(row, values) of each data row after the header, counted from 1 with blank lines skipped; a row
    whose number of fields is not the header's `width`, or whose quote was left open, comes with the
    reason in place of its values."""
    row = 0
    for values in reader:
        if not values:  # a blank line is no row
            continue
        row += 1
        unbalanced = reader.open_quote()
        if unbalanced is not None:
            yield row, unbalanced
        elif len(values) != width:
            yield row, f"row has {len(values)} fields, the header has {width}"
        else:
            yield row, values


def decoded_csv(path: str) -> bytes:
    """A CSV table's bytes as UTF-8, read in the encoding table_encoding() finds (UTF-16 with a BOM, UTF-8,
    Windows-1256), for readers that take the whole table at once."""
    with open(path, encoding=table_encoding(path), newline="") as file:
        return file.read().encode("utf-8")


def csv_delimiter(header: str) -> str:
    """The most frequent of `,` `;` tab outside quotes in the header line; `,` when there is none."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda char: counts[char])
    return best if counts[best] else ","


def _read_parquet(path: str, stem: str, text_column: str | None) -> Iterator[Document | Rejected]:
    row = 0
    try:
        with pq.ParquetFile(path) as table:
            schema = table.schema_arrow
            cols = find_columns(schema.names, text_column)
            if cols is None:
                raise _no_text_column(schema.names, text_column)
            text_type = schema.field(cols.text).type
            if not _is_string_type(text_type):
                raise CheckerError(f"text column {cols.text!r} holds {text_type}, not strings")
            for group in range(table.num_row_groups):
                too_large = oversized_row_group(table.metadata.row_group(group), cols.names())
                if too_large is not None:  # refused from its metadata, before a value is decompressed
                    for _ in range(table.metadata.row_group(group).num_rows):
                        row += 1
                        yield Rejected(path, row, too_large)
                    continue
                for batch in table.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=cols.names(), row_groups=[group]):
                    for record in batch.to_pylist():
                        row += 1
                        yield _row_document(path, stem, row, record, cols)
    except pa.ArrowException as err:
        where = "not a readable Parquet file" if row == 0 else "unreadable Parquet data"
        raise CheckerError(f"{where}: {_one_line(err)}", path=path, row=row + 1 if row else None) from None


def oversized_row_group(group: pq.RowGroupMetaData, columns: Sequence[str]) -> str | None:
    """Why a Parquet row group is refused unread, or None: its `columns` hold more bytes uncompressed than
    MAX_ROW_BYTES for each of its rows, so some row is over the limit (a few KB of zstd can hold a cell
    of hundreds of MB). The sizes come from the file's metadata; a large cell among many small rows is
    caught after it is read, by the cell limit."""
    wanted = set(columns)
    size = sum(
        group.column(j).total_uncompressed_size for j in range(group.num_columns) if group.column(j).path_in_schema.split(".")[0] in wanted
    )
    if size <= group.num_rows * MAX_ROW_BYTES:
        return None
    rows = "its row" if group.num_rows == 1 else f"its row group of {group.num_rows} rows"
    return f"{rows} holds {size:,} bytes uncompressed, over the limit of {MAX_ROW_BYTES:,} bytes a row: refused unread"


def _is_string_type(data_type: pa.DataType) -> bool:
    if pa.types.is_dictionary(data_type):
        data_type = data_type.value_type
    return bool(
        pa.types.is_string(data_type) or pa.types.is_large_string(data_type) or pa.types.is_string_view(data_type)
    )


def _read_records(
    path: str, stem: str, records: Iterator[tuple[int, Any]], text_column: str | None
) -> Iterator[Document | Rejected]:
    """Rows of JSON objects. Objects may differ in their keys, so columns are found per key set; the
    first object without a text column rejects the whole file (it is no table of articles), a later
    one only its row."""
    read_any = False
    for row, record in records:
        if isinstance(record, Rejected):
            yield record
            continue
        if not isinstance(record, dict):
            yield Rejected(path, row, f"a JSON {_json_type(record)}, not an object")
            continue
        cols = _columns_for(tuple(record), text_column)
        if cols is None:
            err = _no_text_column(list(record), text_column)
            if not read_any:
                raise err
            yield Rejected(path, row, err.reason)
            continue
        read_any = True
        yield _row_document(path, stem, row, record, cols)


@functools.lru_cache(maxsize=64)
def _columns_for(keys: tuple[str, ...], text_column: str | None) -> Columns | None:
    return find_columns(keys, text_column)


def _lines(path: str) -> Iterator[bytes]:
    """The lines of a file, each cut to MAX_ROW_BYTES + 1 bytes: the rest of a longer one is skipped unheld
    (jsonl_records rejects it for its length)."""
    with open(path, "rb") as file:
        while line := file.readline(MAX_ROW_BYTES + 1):
            if len(line) > MAX_ROW_BYTES and not line.endswith(b"\n"):
                while (rest := file.readline(MAX_ROW_BYTES)) and not rest.endswith(b"\n"):
                    pass
            yield line


def jsonl_records(path: str, lines: Iterable[bytes]) -> Iterator[tuple[int, int, Any]]:
    """(row, line, record) of each non-blank line of a JSON Lines table; a line that is no JSON has a
    Rejected with the reason in place of its record."""
    row = 0
    for line_number, line in enumerate(lines, 1):
        if line_number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        row += 1
        if len(line) > MAX_ROW_BYTES:
            yield row, line_number, Rejected(path, row, f"a line over the limit of {MAX_ROW_BYTES:,} bytes a row: refused unread")
            continue
        try:
            yield row, line_number, json.loads(line)
        except UnicodeDecodeError:
            yield row, line_number, Rejected(path, row, "not UTF-8 text")
        except (ValueError, RecursionError) as err:
            yield row, line_number, Rejected(path, row, f"invalid JSON: {_one_line(err)}")


def json_records(path: str, table_of: str = "articles") -> Iterator[tuple[int, Any]]:
    """(row, record) of a `.json` table, read whole as one document: a list of objects, or an object
    holding exactly one list of objects (`{"articles": [...]}`). `table_of` names what the rows are in errors."""
    with open(path, "rb") as file:
        data = file.read()
    try:
        value = json.loads(data)
    except UnicodeDecodeError:
        raise CheckerError("not UTF-8 text", path=path) from None
    except (ValueError, RecursionError) as err:
        raise CheckerError(f"invalid JSON: {_one_line(err)}", path=path) from None
    if isinstance(value, dict):
        lists = [key for key, item in value.items() if isinstance(item, list) and item and isinstance(item[0], dict)]
        if len(lists) != 1:
            found = f"{len(lists)} lists of objects ({', '.join(lists)})" if lists else "no list of objects"
            raise CheckerError(f"not a table of {table_of}: the JSON object holds {found}", path=path)
        value = value[lists[0]]
    if not isinstance(value, list):
        raise CheckerError(f"not a table of {table_of}: the JSON holds a {_json_type(value)}", path=path)
    if value and not isinstance(value[0], dict):
        raise CheckerError(f"not a table of {table_of}: a JSON array of {_json_type(value[0])}s", path=path)
    return enumerate(value, 1)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())
