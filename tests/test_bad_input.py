"""Bad files (issue 8): each gives a correct result, or a Rejected with a one-line reason naming the file
(and row); in a batch the readable files are still checked, the CLI lists every unreadable one on stderr
(one line each) and in summary.rejected, and exits 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import checker
from checker.ingest import MAX_ARTICLE_BYTES, read_documents
from checker.ingest.document import Document, Rejected

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "طردت روسيا ثمانية دبلوماسيين يوم الأربعاء 6 أكتوبر 2021. Russia expelled eight on 6 October 2021.\n"


def _one(path: Path) -> Document | Rejected:
    items = list(read_documents([str(path)]))
    assert len(items) == 1, items
    return items[0]


def _rejected(path: Path, *words: str, row: int | None = None) -> Rejected:
    item = _one(path)
    assert isinstance(item, Rejected), item
    assert item.path == str(path) and item.row == row
    assert "\n" not in item.reason and item.reason
    for word in words:
        assert word in item.reason, item.reason
    return item


def test_empty_file_is_rejected_as_empty(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    _rejected(tmp_path / "empty.txt", "empty")
    result = checker.check([str(tmp_path / "empty.txt")])
    assert result.documents.height == 0 and result.rejected["reason"].to_list() == ["empty: no text to check"]


def test_binary_file_is_rejected(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _rejected(tmp_path / "image.txt", "binary")


def test_truncated_utf8_is_rejected_with_the_byte(tmp_path):
    data = ARTICLE.encode("utf-8")
    cut = data[: data.index("ثمانية".encode()) + 1]  # ends inside a two-byte letter
    (tmp_path / "cut.txt").write_bytes(cut + b" and more text after it " * 3)
    item = _rejected(tmp_path / "cut.txt", "not UTF-8", "byte")
    assert str(len(cut) - 1) in item.reason


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_reads_exactly(tmp_path, codec):
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode(codec))
    item = _one(tmp_path / "u16.txt")
    assert isinstance(item, Document) and item.text == ARTICLE
    facts = checker.check([str(tmp_path / "u16.txt")]).facts
    assert "6 October 2021" in set(facts["text"]) and any("6 أكتوبر 2021" in t for t in facts["text"])


def test_windows_1256_reads_exactly(tmp_path):
    arabic = "طردت روسيا ثمانية دبلوماسيين يوم الأربعاء 6 أكتوبر 2021.\n"
    (tmp_path / "cp.txt").write_bytes(arabic.encode("cp1256"))
    item = _one(tmp_path / "cp.txt")
    assert isinstance(item, Document) and item.text == arabic


def test_csv_ragged_rows_quoted_newlines_and_every_row_accounted_for(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        'id,text,published\n'
        'a,"Russia expelled eight\non 6 October 2021.",2021-10-07\n'
        'b,too,many,fields\n'
        'c\n'
        'd,"Quoted, with a comma, on 7 October 2021",2021-10-08\n'
        'e,"",2021-10-08\n'
        'f,Text,yesterday\n',
        encoding="utf-8",
    )
    items = list(read_documents([str(path)]))
    assert [item.row for item in items] == [1, 2, 3, 4, 5, 6]
    docs = [item for item in items if isinstance(item, Document)]
    assert [d.id for d in docs] == ["a", "d"]
    assert docs[0].text == "Russia expelled eight\non 6 October 2021."
    reasons = {item.row: item.reason for item in items if isinstance(item, Rejected)}
    assert reasons == {
        2: "row has 4 fields, the header has 3",
        3: "row has 1 fields, the header has 3",
        5: "empty text",
        6: "published 'yesterday' is not an ISO date (YYYY-MM-DD)",
    }


def test_csv_with_a_delimiter_we_do_not_split_on_names_the_columns(tmp_path):
    path = tmp_path / "pipes.csv"
    path.write_text("id|text\n1|Russia expelled eight on 6 October 2021\n", encoding="utf-8")
    _rejected(path, "no text column", "id|text")


def test_parquet_with_wrong_column_types(tmp_path):
    wrong_text = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"id": ["a"], "text": [42]}), wrong_text)
    _rejected(wrong_text, "text column 'text' holds int64, not strings")
    wrong_date = tmp_path / "dates.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["On 6 October 2021.", "On 7 October 2021."], "published": [20211006, None]}), wrong_date)
    items = list(read_documents([str(wrong_date)]))
    assert isinstance(items[0], Rejected) and items[0].row == 1 and "published" in items[0].reason
    assert isinstance(items[1], Document) and items[1].row == 2
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"PAR1 this is not parquet at all")
    _rejected(garbage, "not a readable Parquet file")


@pytest.mark.parametrize(
    "content, words",
    [
        ('{"a": 1, "b": [1, 2]}', ("not a table of articles", "no list of objects")),
        ('"just a string"', ("not a table of articles", "string")),
        ("[1, 2, 3]", ("not a table of articles", "numbers")),
        ('{"text": "unterminated', ("invalid JSON",)),
        ("[" * 100_000, ("invalid JSON",)),  # deep nesting: a reason, not a RecursionError
    ],
)
def test_json_that_is_not_a_table(tmp_path, content, words):
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")
    _rejected(path, *words)


def test_symlink_loops_are_rejected_and_never_followed(tmp_path):
    folder = tmp_path / "loops"
    folder.mkdir()
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a directory loop
    (folder / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(read_documents([str(folder)]))
    assert [type(item).__name__ for item in items] == ["Document", "Rejected"]
    assert items[1].path == str(folder / "self.txt") and "symbolic links" in items[1].reason


def test_unreadable_file_in_a_directory(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    secret = folder / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("file permissions are not enforced for this user (running as root): chmod 000 stays readable")
        (folder / "ok.txt").write_text(ARTICLE, encoding="utf-8")
        items = list(read_documents([str(folder)]))
        assert isinstance(items[0], Document)
        assert isinstance(items[1], Rejected) and items[1].reason == "permission denied"
    finally:
        secret.chmod(0o644)


def _cli(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=300, env=env
    )


def test_a_batch_checks_the_readable_files_and_lists_the_rest(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "cut.txt").write_bytes("ثمانية".encode()[:-1] + b" tail text")
    (folder / "u16.txt").write_bytes(ARTICLE.encode("utf-16-le"))
    (folder / "table.csv").write_text("id,text\nr1,On 6 October 2021 eight were expelled.\nr2,a,b\n", encoding="utf-8")
    (folder / "notable.json").write_text('{"a": 1}', encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    done = _cli("check", str(folder), "--format", "json", "--exit-zero")
    assert done.returncode == 2
    report = json.loads(done.stdout)
    assert sorted(d["id"] for d in report["documents"]) == ["good", "r1", "u16"]
    rejected = {(r["path"], r["row"]): r["reason"] for r in report["summary"]["rejected"]}
    assert set(rejected) == {
        (str(folder / "empty.txt"), None),
        (str(folder / "binary.txt"), None),
        (str(folder / "cut.txt"), None),
        (str(folder / "table.csv"), 2),
        (str(folder / "notable.json"), None),
        (str(folder / "loop.txt"), None),
    }
    lines = done.stderr.decode().splitlines()
    assert len(lines) == len(rejected)
    for (path, row), reason in rejected.items():
        where = path if row is None else f"{path}:row {row}"
        assert f"checker: {where}: {reason}" in lines
    assert "Traceback" not in done.stderr.decode()


PEAK_RSS = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
sys.stdout.write(f"{done.returncode} {peak}\\n")
sys.stderr.write(done.stderr.decode())
"""


def test_a_200_mb_single_line_file_is_refused_in_bounded_memory(tmp_path):
    big = tmp_path / "one_line.txt"
    line = b"Russia expelled eight diplomats on 6 October 2021 and NATO cut the mission from 20 to 10 "
    size = 200 * 1024 * 1024
    with open(big, "wb") as file:
        for _ in range(size // len(line)):
            file.write(line)
    size = big.stat().st_size
    assert size > MAX_ARTICLE_BYTES
    def run(*paths: str) -> tuple[subprocess.CompletedProcess, int, int]:
        command = [sys.executable, "-m", "checker", "check", *paths, str(ROOT / "fixtures" / "seeds"), "--exit-zero"]
        done = subprocess.run([sys.executable, "-c", PEAK_RSS, *command], capture_output=True, cwd=ROOT, timeout=600)
        code, peak = map(int, done.stdout.split())
        return done, code, peak

    _, baseline_code, baseline = run()  # the same run without the big file: the interpreter, polars, the seeds
    assert baseline_code == 0
    done, code, peak = run(str(big))
    assert code == 2
    errors = done.stderr.decode().splitlines()
    assert errors == [f"checker: {big}: article too large: {size:,} bytes, the limit is 5 MiB per article "
                      "(put long collections in a table, one article a row)"]
    # Memory does not grow with the file: the big file costs at most its 5 MiB read plus slack.
    assert peak < baseline + 32 * 2**20, f"peak RSS {peak / 2**20:.0f} MiB (without the file {baseline / 2**20:.0f} MiB)"
    assert peak < 3 * size
    print(f"peak RSS {peak / 2**20:.0f} MiB with a {size / 2**20:.0f} MiB single-line file, {baseline / 2**20:.0f} MiB without")


def test_standard_input_over_the_limit_is_refused(tmp_path):
    done = _cli("check", "-", stdin=b"x" * (MAX_ARTICLE_BYTES + 10))
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [
        "checker: -: article too large: more, the limit is 5 MiB per article (put long collections in a table, one article a row)"
    ]
