"""Inputs bounded before they are read, and hostile bytes handled (issue 20, items 5 and 7): special
files refused unread, links out of the given folders not followed, a stray control kept as text, a lone
surrogate replaced, deeply nested HTML read whole or rejected. The CLI runs under a timeout, so a regression that reads a FIFO or /dev/zero fails
instead of hanging the suite."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from checker.ingest import read_documents
from checker.ingest.document import Document, Rejected
from checker.ingest.encoding import BINARY
from checker.ingest.html import TOO_DEEP
from checker.ingest.paths import LINK_OUTSIDE
from checker.ingest.tables import MAX_CELL_BYTES, MAX_ROW_BYTES

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Russia expelled eight diplomats on 6 October 2021.\n"
TIMEOUT = 120  # seconds: far above a run of a few small files, far below a hang


def _check(*paths: Path) -> tuple[int, dict, list[str]]:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", *map(str, paths), "--format", "json", "--exit-zero"],
        capture_output=True,
        cwd=ROOT,
        timeout=TIMEOUT,
    )
    return done.returncode, json.loads(done.stdout), done.stderr.decode().splitlines()


def _rejected(report: dict) -> dict[str, str]:
    return {item["path"]: item["reason"] for item in report["summary"]["rejected"]}


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")
def test_fifos_and_devices_are_refused_unread(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    zero = tmp_path / "x.csv"
    zero.symlink_to("/dev/zero")  # named outright, so the link is followed, to a device
    named = tmp_path / "named.txt"
    os.mkfifo(named)
    code, report, stderr = _check(folder, zero, named)
    assert code == 2
    assert [doc["id"] for doc in report["documents"]] == ["good"]
    rejected = _rejected(report)
    assert rejected == {
        str(folder / "pipe.txt"): "a FIFO, not a regular file: refused unread",
        str(zero): "a character device, not a regular file: refused unread",
        str(named): "a FIFO, not a regular file: refused unread",
    }
    assert sorted(stderr) == sorted(f"checker: {path}: {reason}" for path, reason in rejected.items())


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_a_socket_is_refused_unread():
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:  # short: a socket path has ~100 bytes at most
        path = os.path.join(folder, "s.txt")
        with socket.socket(socket.AF_UNIX) as listening:
            listening.bind(path)
            items = list(read_documents([folder]))
    assert items == [Rejected(path, None, "a socket, not a regular file: refused unread")]


def test_a_walk_does_not_follow_links_out_of_the_given_folders(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET " + ARTICLE, encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "inside.txt").symlink_to(folder / "good.txt")  # inside the folder: followed
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    items = list(read_documents([str(folder)]))
    assert [(type(item).__name__, item.path) for item in items] == [
        ("Document", str(folder / "good.txt")),
        ("Rejected", str(folder / "leak.txt")),
        ("Document", str(folder / "sub" / "inside.txt")),
    ]
    assert items[1].reason == LINK_OUTSIDE
    # A folder named beside it makes the target one of the user's; a link named outright is theirs too.
    both = list(read_documents([str(folder), str(outside)]))
    assert not any(isinstance(item, Rejected) for item in both)
    named = list(read_documents([str(folder / "leak.txt")]))
    assert isinstance(named[0], Document) and named[0].text.startswith("SECRET")
    code, report, _ = _check(folder)
    assert code == 2 and _rejected(report) == {str(folder / "leak.txt"): LINK_OUTSIDE}
    assert "SECRET" not in json.dumps(report)


def test_a_few_controls_keep_a_text_a_text(tmp_path):
    text = "Page one.\x0cRussia expelled eight diplomats on 6 October 2021. \x1b[1mbold\x1b[0m and a NUL \x00 too.\n"
    path = tmp_path / "pages.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = read_documents([str(path)])
    assert isinstance(doc, Document) and doc.text == text  # the controls stay: offsets are the file's
    (tmp_path / "noise.txt").write_bytes(b"header\x01\x02\x03 text \x1b[0m more")
    [noise] = read_documents([str(tmp_path / "noise.txt")])
    assert noise == Rejected(str(tmp_path / "noise.txt"), None, BINARY)


def test_lone_surrogates_become_replacement_characters_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "lone.jsonl").write_text('{"id": "x\\udc80", "text": "On \\ud800 6 October 2021 eight left."}\n')
    (folder / os.fsdecode(b"name\xff.txt")).write_text(ARTICLE, encoding="utf-8")
    texts = {doc.id: doc.text for doc in read_documents([str(folder)])}
    assert texts == {"good": ARTICLE, "name\ufffd": ARTICLE, "x\ufffd": "On \ufffd 6 October 2021 eight left."}
    code, report, _ = _check(folder)
    assert code == 0 and sorted(doc["id"] for doc in report["documents"]) == ["good", "name\ufffd", "x\ufffd"]
    dates = [fact for fact in report["facts"] if fact["text"] == "6 October 2021"]
    assert len(dates) == 3


def test_deeply_nested_html_is_read_whole_or_rejected(tmp_path):
    sentence = "Russia expelled eight diplomats on 6 October 2021. " * 5
    pages = {
        "divs.html": "<html><body>" + "<div>" * 300 + f"<p>{sentence}</p>" + "</div>" * 300 + "</body></html>",
        "fonts.html": "<html><body>" + "<font>x " * 399 + f"<p>{sentence}</p></body></html>",
        "abyss.html": "<html><body>" + "<div>" * 3000 + f"<p>{sentence}</p>" + "</div>" * 3000 + "</body></html>",
    }
    for name, page in pages.items():
        (tmp_path / name).write_text(page, encoding="utf-8")
    items = {os.path.basename(item.path): item for item in read_documents([str(tmp_path)])}
    for name in ("divs.html", "fonts.html"):  # past libxml2's default 256 levels, where text was lost
        assert isinstance(items[name], Document) and sentence.strip() in items[name].text, name
    assert items["abyss.html"] == Rejected(str(tmp_path / "abyss.html"), None, TOO_DEEP)
    code, report, _ = _check(tmp_path)
    assert code == 2 and _rejected(report) == {str(tmp_path / "abyss.html"): TOO_DEEP}
    dates = [fact for fact in report["facts"] if fact["text"] == "6 October 2021"]
    assert len(dates) == 10


UNBALANCED = "unbalanced quote: the row runs from line 2 to line 4, taking in the 2 lines after it; close or remove the quote"


def test_an_unbalanced_quote_is_rejected_with_its_row_and_the_lines_it_took(tmp_path):
    articles = tmp_path / "articles.csv"
    articles.write_text(
        "id,text,published\n"
        'a1,"Moscow ordered 8 envoys out on 6 October 2021.,2021-10-07\n'  # the quote is never closed here
        "a2,Twelve people were hurt in the blast on Monday.,2021-10-07\n"
        'a3,Officials said "at least 5" had died.,2021-10-07\n'  # ... and this quote closes it, mid-field
        'a4,"The envoys left\non 7 October 2021, a day later.",2021-10-08\n',  # a quoted line break stays one row
        encoding="utf-8",
    )
    code, report, stderr = _check(articles)
    assert code == 2
    assert report["summary"]["rejected"] == [{"path": str(articles), "row": 1, "reason": UNBALANCED}]
    assert [doc["id"] for doc in report["documents"]] == ["a4"]
    assert report["summary"]["tables"] == [{"path": str(articles), "rows": 2, "checked": 1, "rejected": 1}]
    assert stderr == [f"checker: {articles}:row 1: {UNBALANCED}"]

    claims = tmp_path / "claims.csv"
    claims.write_text(
        "source,subject,attribute,value\n"
        'Reuters,Hassan Rouhani,born,"12 November 1948\n'
        "IRNA,Hassan Rouhani,born,1948\n"
        'AP,Hassan Rouhani,born,"1948" or so\n'
        "AFP,Hassan Rouhani,born,1948\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "checker", "gate", str(claims), "--format", "json"], capture_output=True, cwd=ROOT, timeout=TIMEOUT
    )
    summary = json.loads(done.stdout)["summary"]
    assert done.returncode == 2
    assert summary["rejected"] == [{"path": str(claims), "row": 1, "reason": UNBALANCED}]
    assert (summary["rows"], summary["rows_checked"], summary["rows_rejected"]) == (2, 1, 1)


def test_the_gate_counts_every_table_exactly(tmp_path):
    clean = tmp_path / "a_clean.csv"
    clean.write_text("source,subject,attribute,value\nReuters,Hassan Rouhani,born,1948\nIRNA,Hassan Rouhani,born,1948\n", encoding="utf-8")
    ragged = tmp_path / "b_ragged.csv"
    ragged.write_text(
        "source,subject,attribute,value\nAP,Hassan Rouhani,born,1948\nAFP,Hassan Rouhani,born,1948,extra\n,Hassan Rouhani,born,1948\n",
        encoding="utf-8",
    )
    empty = tmp_path / "c_header_only.csv"
    empty.write_text("source,subject,attribute,value\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "gate", str(tmp_path), "--format", "json"], capture_output=True, cwd=ROOT, timeout=TIMEOUT
    )
    summary = json.loads(done.stdout)["summary"]
    assert summary["tables"] == [
        {"path": str(clean), "rows": 2, "checked": 2, "rejected": 0},
        {"path": str(ragged), "rows": 3, "checked": 1, "rejected": 2},
        {"path": str(empty), "rows": 0, "checked": 0, "rejected": 0},
    ]
    assert sum(t["rows"] for t in summary["tables"]) == summary["rows"] == 5
    assert sum(t["checked"] for t in summary["tables"]) == summary["rows_checked"] == 3
    assert sum(t["rejected"] for t in summary["tables"]) == summary["rows_rejected"] == len(summary["rejected"]) == 2


def test_table_cells_and_rows_over_the_limit_are_refused_before_they_are_held(tmp_path):
    """A few KB of zstd Parquet can hold a cell of hundreds of MB: its metadata gives it away, unread. A CSV
    row or a JSON Lines line past the limit is refused without holding it whole."""
    huge = "x " * (MAX_ROW_BYTES // 2 + 1)  # one cell, past the row limit (and so the cell limit)
    parquet = tmp_path / "a.parquet"
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": [huge, ARTICLE]}), parquet, compression="zstd", row_group_size=1)
    assert parquet.stat().st_size < 100_000
    items = list(read_documents([str(parquet)]))
    assert isinstance(items[0], Rejected) and items[0].row == 1
    assert items[0].reason.endswith(f"over the limit of {MAX_ROW_BYTES:,} bytes a row: refused unread")
    assert isinstance(items[1], Document) and items[1].text == ARTICLE

    lines = tmp_path / "b.jsonl"
    lines.write_text("\n".join(json.dumps({"id": f"j{i}", "text": text}) for i, text in enumerate([ARTICLE, huge, ARTICLE])) + "\n")
    items = list(read_documents([str(lines)]))
    assert [type(item) for item in items] == [Document, Rejected, Document]
    assert items[1].reason == f"a line over the limit of {MAX_ROW_BYTES:,} bytes a row: refused unread"

    table = tmp_path / "c.csv"
    table.write_text(f"id,text\nc1,{ARTICLE}c2,{huge}\nc3,{ARTICLE}", encoding="utf-8")
    items = list(read_documents([str(table)]))
    assert isinstance(items[0], Document) and items[1].row == 2
    assert items[1].reason == f"unreadable CSV: a row over the limit of {MAX_ROW_BYTES:,} characters: reading stopped there"

    cell = "y " * (MAX_CELL_BYTES // 2 + 1)  # past the cell limit, within the row limit
    table.write_text(f'id,text\nc1,"{cell}"\nc2,{ARTICLE}', encoding="utf-8")
    items = list(read_documents([str(table)]))
    assert items == [Rejected(str(table), 1, f"unreadable CSV: a cell over the limit of {MAX_CELL_BYTES:,} characters (as an article file): reading stopped there")]

    claims = tmp_path / "claims.parquet"
    pq.write_table(
        pa.table({"source": ["AP", "AFP"], "subject": [huge * 3, "Hassan Rouhani"], "attribute": ["born", "born"], "value": ["1948", "1948"]}),
        claims,
        compression="zstd",
    )
    done = subprocess.run([sys.executable, "-m", "checker", "gate", str(claims)], capture_output=True, cwd=ROOT, timeout=TIMEOUT)
    assert done.returncode == 2
    assert done.stderr.decode().startswith(f"checker: {claims}:row 1: its row group of 2 rows holds ")
    assert done.stderr.decode().rstrip().endswith(f"over the limit of {MAX_ROW_BYTES:,} bytes a row: refused unread")
    cell_claims = tmp_path / "claims.csv"
    cell_claims.write_text(f"source,subject,attribute,value\nAP,{cell},born,1948\nAFP,Hassan Rouhani,born,1948\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "checker", "gate", str(cell_claims), "--format", "json"], capture_output=True, cwd=ROOT, timeout=TIMEOUT)
    summary = json.loads(done.stdout)["summary"]
    assert summary["rejected"] == [
        {"path": str(cell_claims), "row": 1, "reason": f"a cell of {len(cell.strip())} bytes, over the limit of {MAX_CELL_BYTES:,} bytes a cell"}
    ]
    assert summary["tables"] == [{"path": str(cell_claims), "rows": 2, "checked": 1, "rejected": 1}]
