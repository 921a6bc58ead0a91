"""`--format csv` and `--format parquet`: the findings table of `check`, the facts table of `facts`."""

from __future__ import annotations

import io

import polars as pl

from checker.engine import Extraction
from checker.report.base import Reporter


def _table(result: Extraction) -> pl.DataFrame:
    findings = getattr(result, "findings", None)
    return result.facts if findings is None else findings


class CsvReporter(Reporter):
    name = "csv"

    def render(self, result: Extraction) -> str:
        table = _table(result)
        lists = [name for name, dtype in table.schema.items() if isinstance(dtype, pl.List)]
        table = table.with_columns(pl.col(name).list.join(";") for name in lists)  # CSV has no lists
        return table.write_csv().rstrip("\n")


class ParquetReporter(Reporter):
    name = "parquet"
    binary = True

    def render(self, result: Extraction) -> bytes:
        buffer = io.BytesIO()
        _table(result).write_parquet(buffer)
        return buffer.getvalue()
