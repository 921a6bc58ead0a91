"""`--format csv` and `--format parquet`: the facts table as it is, one row per fact."""

from __future__ import annotations

import io

from checker.engine import Extraction
from checker.report.base import Reporter


class CsvReporter(Reporter):
    name = "csv"

    def render(self, result: Extraction) -> str:
        return result.facts.write_csv().rstrip("\n")


class ParquetReporter(Reporter):
    name = "parquet"
    binary = True

    def render(self, result: Extraction) -> bytes:
        buffer = io.BytesIO()
        result.facts.write_parquet(buffer)
        return buffer.getvalue()
