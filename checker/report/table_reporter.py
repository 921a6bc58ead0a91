"""`--format csv` and `--format parquet`: the findings table of `check`, the facts table of `facts`."""

from __future__ import annotations

import io
from typing import BinaryIO, Iterator

import polars as pl

from checker.report.base import Reporter
from checker.schema import Extraction


def _tables(result: Extraction) -> Iterator[pl.DataFrame]:
    """The findings, or the facts a stretch at a time (a streamed run reads them from disk)."""
    findings = getattr(result, "findings", None)
    if findings is not None:
        yield findings
    else:
        yield from result.fact_batches()


# A spreadsheet runs a cell that begins with one of these as a formula (OWASP "CSV injection"); a tab or CR
# is stripped first by some, so it counts as a start too.
_FORMULA_START = r"^([=+\-@\t\r])"


def _csv_ready(table: pl.DataFrame) -> pl.DataFrame:
    """`table` as CSV can carry it: lists joined with `;`, and text a spreadsheet would run as a formula
    prefixed with `'` so it is shown as written. Numeric columns are left alone: -3 is a number."""
    lists = [name for name, dtype in table.schema.items() if isinstance(dtype, pl.List)]
    joined = table.with_columns(pl.col(name).list.join(";") for name in lists)  # CSV has no lists
    return joined.with_columns(pl.col(pl.String).str.replace(_FORMULA_START, "'$1"))


class CsvReporter(Reporter):
    name = "csv"

    def render(self, result: Extraction) -> str:
        out = io.BytesIO()
        self.write(result, out)
        return out.getvalue().decode("utf-8").rstrip("\n")

    def write(self, result: Extraction, out: BinaryIO) -> None:
        for i, table in enumerate(_tables(result)):
            _csv_ready(table).write_csv(out, include_header=i == 0)


class ParquetReporter(Reporter):
    name = "parquet"
    binary = True

    def render(self, result: Extraction) -> bytes:
        out = io.BytesIO()
        self.write(result, out)
        return out.getvalue()

    def write(self, result: Extraction, out: BinaryIO) -> None:
        import pyarrow.parquet as pq  # lazy: only --format parquet writes Parquet

        writer = None
        for table in _tables(result):
            arrow = table.to_arrow()
            if writer is None:
                writer = pq.ParquetWriter(out, arrow.schema)
            writer.write_table(arrow)
        if writer is not None:
            writer.close()
