"""One reader of table rows for articles and claims: the same encodings, row numbers and reasons."""

from __future__ import annotations

import io

import pytest

from checker.errors import CheckerError
from checker.gate.read import read_claims
from checker.ingest.document import Rejected
from checker.ingest.tables import CsvReader, csv_data_rows, jsonl_records

CLAIMS_HEADER = "source,subject,attribute,value\n"
ARABIC_ROW = "الأهرام,سيرغي لافروف,تاريخ المؤتمر,6 أكتوبر 2021\n"


def test_a_windows_1256_table_of_claims_reads_as_arabic(tmp_path) -> None:
    """The gate reads Windows-1256 as `checker check` does (it refused it before)."""
    path = tmp_path / "claims.csv"
    path.write_bytes((CLAIMS_HEADER + ARABIC_ROW).encode("cp1256"))
    claims = read_claims([str(path)])
    assert claims.rows["subject"].to_list() == ["سيرغي لافروف"]
    assert claims.rows["value"].to_list() == ["6 أكتوبر 2021"]
    assert claims.rejected.height == 0


def test_a_utf16_table_of_claims_reads(tmp_path) -> None:
    path = tmp_path / "claims.csv"
    path.write_bytes((CLAIMS_HEADER + ARABIC_ROW).encode("utf-16"))
    assert read_claims([str(path)]).rows["source"].to_list() == ["الأهرام"]


def test_a_table_of_claims_in_no_known_encoding_is_refused_with_its_name(tmp_path) -> None:
    path = tmp_path / "claims.csv"
    path.write_bytes((CLAIMS_HEADER + "Ma\xf1ana,El Pa\xeds,date,2021\n").encode("latin-1") + bytes(range(0x80, 0xa0)))
    with pytest.raises(CheckerError) as raised:
        read_claims([str(path)])
    assert "not UTF-8, UTF-16 or Windows-1256" in str(raised.value)


def test_csv_data_rows_skip_blank_lines_and_give_ragged_rows_their_reason() -> None:
    rows = list(csv_data_rows(CsvReader(io.StringIO("a,b\n\nc\nd,e\n"), ","), 2))
    assert rows == [(1, ["a", "b"]), (2, "row has 1 fields, the header has 2"), (3, ["d", "e"])]


def test_jsonl_records_number_rows_and_lines_and_reject_bad_lines() -> None:
    lines = [b'\xef\xbb\xbf{"a": 1}\n', b"\n", b"{oops\n", b'"\xff"\n', b'{"b": 2}']
    rows = list(jsonl_records("t.jsonl", lines))
    assert rows[0] == (1, 1, {"a": 1})
    assert rows[1][:2] == (2, 3) and isinstance(rows[1][2], Rejected) and rows[1][2].reason.startswith("invalid JSON")
    assert rows[2] == (3, 4, Rejected("t.jsonl", 3, "not UTF-8 text"))
    assert rows[3] == (4, 5, {"b": 2})
