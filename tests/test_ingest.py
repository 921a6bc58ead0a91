"""Ingest: files, directories, globs and standard input in; Documents out in a fixed order, and every bad
input a Rejected with a reason instead of an exception."""

import codecs
import collections
import datetime as dt
import io
import itertools
import json
import os
import random
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from checker.errors import CheckerError
from checker.ingest import Document, Rejected, read_documents
from checker.ingest.encoding import BINARY, NOT_TEXT, decode
from checker.ingest.html import read_html
from checker.ingest.paths import GLOB_NO_KNOWN_FILES, NO_KNOWN_FILES, Source, expand_paths

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
EN_PAGE = ARTICLES / "html" / "reuters_style_en.html"
AR_PAGE = ARTICLES / "html" / "gulf_ar.html"
LEVANT_CP1256 = ARTICLES / "cp1256" / "levant_ar_cp1256.txt"
LEVANT_UTF8 = ARTICLES / "cp1256" / "levant_ar_utf8.txt"

ARABIC = "طرد الحلف ثمانية دبلوماسيين يوم الأربعاء 6 تشرين الأول 2021، وخفض العدد من 20 إلى 10.\n"
PERSIAN = "روز چهارشنبه ۱۴ مهر ۱۴۰۰ هشت دیپلمات اخراج شدند.\n"


def read(*paths, **kwargs) -> list:
    return list(read_documents([str(path) for path in paths], **kwargs))


def only(*paths, **kwargs):
    (item,) = read(*paths, **kwargs)
    return item


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- encodings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        ARABIC.encode("utf-8"),
        codecs.BOM_UTF8 + ARABIC.encode("utf-8"),
        codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"),
        ARABIC.encode("utf-16-le"),
        ARABIC.encode("utf-16-be"),
        ARABIC.encode("cp1256"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "cp1256"],
)
def test_every_accepted_encoding_gives_the_same_text(tmp_path, data):
    doc = only(write(tmp_path / "article.txt", data))
    assert isinstance(doc, Document)
    assert doc.text == ARABIC
    assert doc.id == "article" and doc.path == str(tmp_path / "article.txt")


def test_persian_and_english_in_utf16_without_bom():
    for text in (PERSIAN, "Eight diplomats were expelled on Wednesday.\n"):
        assert decode(text.encode("utf-16-le"), "x") == text
        assert decode(text.encode("utf-16-be"), "x") == text


def test_cp1256_fixture_reads_as_its_utf8_twin():
    assert LEVANT_CP1256.read_bytes() != LEVANT_UTF8.read_bytes()
    cp1256, utf8 = read(LEVANT_CP1256, LEVANT_UTF8)
    assert cp1256.text == utf8.text
    assert "تشرين الأول" in cp1256.text and "أيلول" in cp1256.text


def test_latin1_french_is_rejected_not_guessed(tmp_path):
    french = "Le président a expulsé huit diplomates mercredi, a déclaré l'Élysée à Paris.\n"
    rejected = only(write(tmp_path / "fr.txt", french.encode("latin-1")))
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith(NOT_TEXT)
    assert rejected.path == str(tmp_path / "fr.txt") and rejected.row is None


def test_utf8_arabic_with_a_broken_byte_is_not_read_as_cp1256(tmp_path):
    data = ARABIC.encode("utf-8") * 3 + b"\xff"
    assert only(write(tmp_path / "broken.txt", data)).reason.startswith(NOT_TEXT)


def test_random_bytes_and_binary_files_are_rejected(tmp_path):
    noise = random.Random(7).randbytes(4096)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    controls = b"header\x01\x02\x03 text \x1b[0m more"
    for name, data in (("noise.txt", noise), ("image.txt", png), ("controls.txt", controls)):
        rejected = only(write(tmp_path / name, data))
        assert isinstance(rejected, Rejected), name
        assert rejected.reason in (BINARY, NOT_TEXT) or rejected.reason.startswith(NOT_TEXT)
    assert only(tmp_path / "image.txt").reason == BINARY
    assert only(tmp_path / "controls.txt").reason == BINARY


def test_empty_file_is_rejected_as_empty(tmp_path):
    assert only(write(tmp_path / "empty.txt", b"")).reason == "empty: no text to check"
    assert only(write(tmp_path / "blank.md", b" \n\n\t")).reason == "empty: no text to check"


def test_line_endings_are_normalised():
    assert decode(b"one\r\ntwo\rthree\n", "x") == "one\ntwo\nthree\n"
    assert decode(codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le"), "x") == "a\nb"


def test_decode_raises_checker_error_naming_the_file():
    with pytest.raises(CheckerError) as caught:
        decode(b"\x00\x01\x02\x03\x00\x00\xff", "archive/x.txt")
    assert caught.value.path == "archive/x.txt" and caught.value.reason == BINARY


def test_markdown_is_kept_as_written(tmp_path):
    source = "# عنوان\n\n* **8** دبلوماسيين\n"
    doc = only(write(tmp_path / "notes.md", source))
    assert doc.text == source and doc.id == "notes"


# --- paths: directories, globs, stdin ---------------------------------------------------------------


def make_tree(root: Path) -> None:
    write(root / "b.txt", "b")
    write(root / "a.md", "a")
    write(root / "sub" / "c.html", "<html><body><p>c</p></body></html>")
    write(root / "sub" / "deeper" / "d.txt", "d")
    write(root / "sub" / "notes.pdf", b"%PDF-1.4\x00")
    write(root / "image.png", b"\x89PNG\x00")
    write(root / ".hidden" / "e.txt", "e")
    write(root / "z.TXT", "z")


def test_directory_is_walked_recursively_in_sorted_order(tmp_path):
    make_tree(tmp_path)
    docs = read(tmp_path)
    assert all(isinstance(doc, Document) for doc in docs)
    assert [Path(doc.path).relative_to(tmp_path).as_posix() for doc in docs] == [
        "a.md",
        "b.txt",
        "sub/c.html",
        "sub/deeper/d.txt",
        "z.TXT",
    ]
    assert docs[2].text == "c"


def test_directory_paths_keep_the_prefix_given(tmp_path, monkeypatch):
    make_tree(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert [doc.path for doc in read("data/sub")] == [os.path.join("data/sub", "c.html"), "data/sub/deeper/d.txt"]


def test_empty_directory_and_directory_of_unknown_files_are_rejected(tmp_path):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "pdfs" / "x.pdf", b"%PDF")
    for name in ("empty", "pdfs"):
        rejected = only(tmp_path / name)
        assert isinstance(rejected, Rejected)
        assert rejected.reason == NO_KNOWN_FILES
    assert ".txt" in NO_KNOWN_FILES and ".parquet" in NO_KNOWN_FILES and ".ndjson" in NO_KNOWN_FILES


def test_paths_are_read_in_the_order_given(tmp_path):
    write(tmp_path / "a.txt", "a")
    write(tmp_path / "b.txt", "b")
    assert [doc.text for doc in read(tmp_path / "b.txt", tmp_path / "a.txt", tmp_path / "b.txt")] == ["b", "a", "b"]


def test_missing_path_is_rejected(tmp_path):
    rejected = only(tmp_path / "missing.txt")
    assert rejected == Rejected(str(tmp_path / "missing.txt"), None, "no such file or directory")


def test_globs_expand_sorted_and_recursively(tmp_path):
    make_tree(tmp_path)
    assert [Path(doc.path).name for doc in read(tmp_path / "*.txt")] == ["b.txt"]
    assert [Path(doc.path).name for doc in read(tmp_path / "**" / "*.txt")] == ["b.txt", "d.txt"]
    assert [Path(doc.path).name for doc in read(tmp_path / "[ab].*")] == ["a.md", "b.txt"]
    rejected = only(tmp_path / "*.docx")
    assert rejected == Rejected(str(tmp_path / "*.docx"), None, "glob matched no files")
    assert [Path(doc.path).name for doc in read(tmp_path / "sub" / "*")] == ["c.html", "d.txt", "notes.pdf"]


def test_glob_over_directories_judges_the_glob_whole(tmp_path):
    make_tree(tmp_path / "data")
    write(tmp_path / "data" / "pdfs" / "x.pdf", b"%PDF")
    items = read(tmp_path / "data" / "*")
    # a file a glob matches is read whatever its extension, as the shell would pass it; the directory
    # pdfs/ holds nothing to read and is passed over without a rejection
    assert [(Path(item.path).name, type(item).__name__) for item in items] == [
        ("a.md", "Document"),
        ("b.txt", "Document"),
        ("image.png", "Rejected"),
        ("c.html", "Document"),
        ("d.txt", "Document"),
        ("z.TXT", "Document"),
    ]
    only_pdfs = only(tmp_path / "data" / "pd*")
    assert only_pdfs == Rejected(str(tmp_path / "data" / "pd*"), None, GLOB_NO_KNOWN_FILES)


def test_recursive_glob_reads_each_file_once(tmp_path):
    make_tree(tmp_path / "data")
    names = [Path(item.path).name for item in read(tmp_path / "data" / "**")]
    assert len(names) == len(set(names))
    assert {"a.md", "b.txt", "c.html", "d.txt"} <= set(names)


def test_file_with_glob_characters_in_its_name_is_taken_literally(tmp_path):
    write(tmp_path / "report[1].txt", "literal")
    assert only(tmp_path / "report[1].txt").text == "literal"


def test_explicit_file_with_unknown_extension_is_plain_text(tmp_path):
    doc = only(write(tmp_path / "wire.story", "<p>not parsed as HTML</p>"))
    assert doc.text == "<p>not parsed as HTML</p>" and doc.id == "wire"


def test_stdin_text_and_html():
    text = only("-", stdin=io.BytesIO(codecs.BOM_UTF8 + ARABIC.encode("utf-8")))
    assert text == Document(id="stdin", path="-", text=ARABIC)
    page = only("-", stdin=io.BytesIO(AR_PAGE.read_bytes()))
    assert page.id == "stdin" and page.path == "-"
    assert page.published == dt.date(2021, 10, 6) and page.lang == "ar"
    assert "<p>" not in page.text and "29 صفر 1443هـ" in page.text
    tagged = only("-", stdin=io.BytesIO(b"\n  <p>Short <b>note</b>.</p>"))
    assert tagged.text == "Short note."
    not_html = only("-", stdin=io.BytesIO(b"Eight < ten and <none> of it is a page"))
    assert not_html.text == "Eight < ten and <none> of it is a page"


def test_symlink_loop_does_not_hang(tmp_path):
    write(tmp_path / "data" / "a.txt", "a")
    try:
        os.symlink(tmp_path / "data", tmp_path / "data" / "loop", target_is_directory=True)
        os.symlink("self.txt", tmp_path / "data" / "self.txt")
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not supported here")
    items = read(tmp_path / "data")
    assert [item.text for item in items if isinstance(item, Document)] == ["a"]
    (looped,) = [item for item in items if isinstance(item, Rejected)]
    assert looped.path == str(tmp_path / "data" / "self.txt")
    assert "symbolic links" in looped.reason


def test_expand_paths_kinds(tmp_path):
    make_tree(tmp_path)
    write(tmp_path / "t.csv", "text\nx\n")
    assert list(expand_paths(["-", str(tmp_path / "t.csv"), str(tmp_path / "sub" / "notes.pdf")])) == [
        Source("-", "stdin"),
        Source(str(tmp_path / "t.csv"), "csv"),
        Source(str(tmp_path / "sub" / "notes.pdf"), "text"),
    ]


# --- HTML ----------------------------------------------------------------------------------------------


def test_english_wire_page():
    doc = only(EN_PAGE)
    assert doc.id == "reuters_style_en"
    assert doc.published == dt.date(2021, 10, 6) and doc.published_from == "metadata"
    assert doc.lang == "en"
    assert doc.outlet == "Meridian Wire"
    assert doc.url == "https://www.meridianwire.example/world/alliance-expels-eight-russian-diplomats-2021-10-06/"
    assert doc.title == "Alliance expels eight Russian diplomats, halves mission cap"
    for written in ("expelled eight members", "from 20 to 10", "since 2014", "from 30 to 20"):
        assert written in doc.text
    for chrome in ("Technology", "Brent crude", "Baltic states", "airspace violations", "Careers", "1987"):
        assert chrome not in doc.text
    assert "\n\nTwo further positions" in doc.text  # paragraphs stay apart


def test_gulf_arabic_page_with_json_ld_graph():
    doc = only(AR_PAGE)
    assert doc.published == dt.date(2021, 10, 6) and doc.published_from == "metadata"
    assert doc.lang == "ar"
    assert doc.outlet == "الخليج اليوم"
    assert doc.url == "https://www.alkhaleej-alyawm.example/world/2021/10/06/nato-russia-mission"
    assert doc.title == "الناتو يطرد ثمانية دبلوماسيين روس ويقلص بعثة موسكو إلى النصف"
    assert "الأربعاء 29 صفر 1443هـ الموافق 6 أكتوبر 2021م" in doc.text
    assert "من 20 إلى 10" in doc.text
    for chrome in ("محليات", "رياضة", "الأكثر قراءة", "أسعار النفط", "جميع الحقوق محفوظة", "1 ربيع الأول"):
        assert chrome not in doc.text
    assert doc.text.count("\n\n") >= 5


PAGE = """<!DOCTYPE html>
<html{lang}><head><title>Page title | Site</title>{head}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Headline</h1>
<p>The ministry said on Wednesday that eight diplomats had been told to leave the country within a week,
and that the number of accredited staff would be cut from 20 to 10 by the end of the month.</p>
<p>Officials said the measures followed months of talks with allied governments and were not linked to any
single event, adding that further steps had not been ruled out if the situation did not change.</p>
<p>The embassy did not respond to a request for comment on Wednesday evening.</p>
</article><footer>Contact us · Privacy</footer></body></html>"""


def page(tmp_path: Path, head: str = "", lang: str = "") -> Document:
    return only(write(tmp_path / "page.html", PAGE.format(head=head, lang=lang)))


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2021-10-06T23:30:00-04:00">',
        '<meta property="og:article:published_time" content="2021-10-06">',
        '<meta itemprop="datePublished" content="2021-10-06T08:00:00Z">',
        '<meta name="pubdate" content="2021-10-06T08:00:00+0330">',
        '<meta name="date" content="Wed, 06 Oct 2021 08:30:00 GMT">',
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "datePublished": "2021-10-06T01:00:00+03:00", "headline": "LD headline"}</script>',
        '<script type="application/ld+json">[{"@type": "WebSite", "name": "x"},'
        ' {"@graph": [{"@type": "NewsArticle", "datePublished": "2021-10-06"}]}]</script>',
    ],
    ids=["article", "og-article", "itemprop", "pubdate", "rfc2822", "json-ld", "json-ld-graph"],
)
def test_published_date_from_metadata(tmp_path, head):
    doc = page(tmp_path, head=head)
    assert doc.published == dt.date(2021, 10, 6)
    assert doc.published_from == "metadata"


def test_page_without_date_or_with_bad_json_ld(tmp_path):
    doc = page(tmp_path, head='<script type="application/ld+json">{not json</script>')
    assert doc.published is None and doc.published_from is None
    assert doc.title == "Page title | Site" and doc.lang is None and doc.outlet is None


def test_html_lang_is_reduced_to_its_primary_subtag(tmp_path):
    assert page(tmp_path, lang=' lang="ar-EG"').lang == "ar"
    assert page(tmp_path, lang=' lang="FA_ir"').lang == "fa"


def test_main_text_leaves_out_navigation_and_footer(tmp_path):
    doc = page(tmp_path)
    assert "from 20 to 10" in doc.text
    assert "Home" not in doc.text and "Privacy" not in doc.text
    assert "\n\nOfficials said" in doc.text


def test_tiny_page_falls_back_to_body_text():
    text, meta = read_html(
        "<html lang='en'><head><style>p{}</style></head><body><script>var n = 8;</script>"
        "<div>Eight expelled.</div><p>Cap cut<br>from 20 to 10.</p></body></html>",
        "tiny.html",
    )
    assert text == "Eight expelled.\n\nCap cut\nfrom 20 to 10."
    assert meta == {"lang": "en"}


def test_odd_html_never_raises(tmp_path):
    assert only(write(tmp_path / "empty.html", b"")).reason == "empty: no text to check"
    assert only(write(tmp_path / "blank.html", b"  \n ")).reason == "empty: no text to check"
    assert only(write(tmp_path / "script.html", b"<html><body><script>x()</script></body></html>")).reason == (
        "no article text: the page's markup holds no text"
    )
    for name, data in (
        ("xmldecl.html", b'<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>'),
        ("fragment.htm", b"<p>only a fragment"),
    ):
        doc = only(write(tmp_path / name, data))
        assert isinstance(doc, Document), name
    assert only(tmp_path / "xmldecl.html").text == "x"
    assert only(tmp_path / "fragment.htm").text == "only a fragment"


# --- tables --------------------------------------------------------------------------------------------


def test_csv_with_all_columns(tmp_path):
    table = write(
        tmp_path / "wire.csv",
        codecs.BOM_UTF8
        + (
            "ID,Body,Source,Link,Date,Language\n"
            'a1,"Eight diplomats expelled, cap cut from 20 to 10",Wire,https://x.example/1,2021-10-06,en-GB\n'
            'a2,"طرد ثمانية دبلوماسيين\r\nمن 20 إلى 10",الخليج,,2021-10-06T23:30:00-04:00,ar\n'
        ).encode("utf-8"),
    )
    first, second = read(table)
    assert first == Document(
        id="a1",
        path=str(table),
        text="Eight diplomats expelled, cap cut from 20 to 10",
        outlet="Wire",
        url="https://x.example/1",
        lang="en",
        published=dt.date(2021, 10, 6),
        published_from="argument",
        row=1,
    )
    assert second.text == "طرد ثمانية دبلوماسيين\nمن 20 إلى 10"
    assert second.url is None and second.published == dt.date(2021, 10, 6) and second.row == 2


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_detected_from_the_header(tmp_path, delimiter):
    rows = [["text", "outlet"], ["one, two; three", "A"], ["four", "B"]]
    lines = [delimiter.join(f'"{cell}"' if "," in cell or ";" in cell else cell for cell in row) for row in rows]
    docs = read(write(tmp_path / "t.csv", "\n".join(lines) + "\n"))
    assert [(doc.text, doc.outlet) for doc in docs] == [("one, two; three", "A"), ("four", "B")]


def test_csv_with_only_a_text_column_gets_row_ids(tmp_path):
    docs = read(write(tmp_path / "archive.csv", "content\nfirst\n\nsecond\n"))
    assert [(doc.id, doc.row, doc.published, doc.outlet) for doc in docs] == [
        ("archive#1", 1, None, None),
        ("archive#2", 2, None, None),
    ]


def test_bad_rows_are_rejected_and_the_others_read(tmp_path):
    table = write(
        tmp_path / "t.csv",
        "text,published\ngood one,2021-10-06\nbad date,06/10/2021\n,2021-10-06\nragged,2021-10-06,extra\ngood two,\n",
    )
    items = read(table)
    assert [type(item).__name__ for item in items] == ["Document", "Rejected", "Rejected", "Rejected", "Document"]
    assert items[1] == Rejected(str(table), 2, "published '06/10/2021' is not an ISO date (YYYY-MM-DD)")
    assert items[2] == Rejected(str(table), 3, "empty text")
    assert items[3] == Rejected(str(table), 4, "row has 3 fields, the header has 2")
    assert items[4].text == "good two" and items[4].published is None and items[4].row == 5


def test_table_without_text_column_is_one_rejection(tmp_path):
    table = write(tmp_path / "claims.csv", "subject,attribute,value\nNATO,expelled,8\n")
    assert only(table) == Rejected(
        str(table),
        None,
        "no text column (text or body or content or article or full_text); columns: subject, attribute, value",
    )


def test_text_column_argument(tmp_path):
    table = write(tmp_path / "t.csv", "headline,story\nH,the story\n")
    assert only(table, text_column="Story").text == "the story"
    missing = only(table, text_column="article_text")
    assert missing.reason == "no text column ('article_text'); columns: headline, story"


def test_empty_and_non_utf8_csv(tmp_path):
    assert only(write(tmp_path / "empty.csv", b"")).reason == "empty table: no header line"
    latin = only(write(tmp_path / "latin.csv", "text\nexpulsé\n".encode("latin-1")))
    assert isinstance(latin, Rejected) and "not UTF-8" in latin.reason


def test_utf16_csv_from_excel(tmp_path):
    data = codecs.BOM_UTF16_LE + "text\tlang\r\nطرد ثمانية\tar\r\n".encode("utf-16-le")
    doc = only(write(tmp_path / "excel.csv", data))
    assert (doc.text, doc.lang) == ("طرد ثمانية", "ar")


def test_parquet_with_optional_columns(tmp_path):
    path = tmp_path / "wire.parquet"
    pq.write_table(
        pa.table(
            {
                "id": [101, 102, 103],
                "full_text": ["Eight expelled.", None, "Cap cut from 20 to 10."],
                "publisher": ["Wire", "Wire", None],
                "published_at": pa.array([dt.date(2021, 10, 6), None, dt.date(2021, 10, 7)], pa.date32()),
            }
        ),
        path,
    )
    first, empty, third = read(path)
    assert (first.id, first.text, first.outlet, first.published, first.row) == (
        "101",
        "Eight expelled.",
        "Wire",
        dt.date(2021, 10, 6),
        1,
    )
    assert empty == Rejected(str(path), 2, "empty text")
    assert third.outlet is None and third.published == dt.date(2021, 10, 7) and third.published_from == "argument"


def test_parquet_with_text_only_and_string_dates(tmp_path):
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"TEXT": ["a", "b"], "date": ["2021-10-06", "yesterday"]}), path)
    first, second = read(path)
    assert (first.id, first.published) == ("p#1", dt.date(2021, 10, 6))
    assert second == Rejected(str(path), 2, "published 'yesterday' is not an ISO date (YYYY-MM-DD)")


def test_bad_parquet_files_are_rejected(tmp_path):
    numbers = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"text": [1, 2]}), numbers)
    assert only(numbers).reason == "text column 'text' holds int64, not strings"
    garbage = only(write(tmp_path / "garbage.parquet", b"not parquet at all"))
    assert isinstance(garbage, Rejected) and garbage.reason.startswith("not a readable Parquet file")
    no_text = tmp_path / "claims.parquet"
    pq.write_table(pa.table({"subject": ["x"]}), no_text)
    assert only(no_text).reason.endswith("columns: subject")


def test_jsonl_rows(tmp_path):
    table = write(
        tmp_path / "feed.ndjson",
        codecs.BOM_UTF8
        + b'{"id": 7, "text": "first", "site": "Wire", "pubdate": "2021-10-06T10:00:00Z"}\n'
        + b"\n"
        + b"[1, 2]\n"
        + b"{broken\n"
        + b'{"article": "second", "url": "https://x.example/2", "language": "fa-IR"}\n'
        + b'{"title": "no text here"}\n'
        + b'{"body": ""}\n',
    )
    items = read(table)
    assert items[0] == Document(
        id="7",
        path=str(table),
        text="first",
        outlet="Wire",
        published=dt.date(2021, 10, 6),
        published_from="argument",
        published_time="10:00",  # the cell's hour, as written (UTC here)
        row=1,
    )
    assert items[1] == Rejected(str(table), 2, "a JSON array, not an object")
    assert items[2].row == 3 and items[2].reason.startswith("invalid JSON")
    assert (items[3].text, items[3].url, items[3].lang, items[3].id) == (
        "second",
        "https://x.example/2",
        "fa",
        "feed#4",
    )
    assert items[4].row == 5 and items[4].reason.startswith("no text column")
    assert items[5] == Rejected(str(table), 6, "empty text")


def test_jsonl_whose_first_object_has_no_text_is_not_a_table(tmp_path):
    table = write(tmp_path / "claims.jsonl", '{"subject": "NATO", "value": 8}\n{"text": "late"}\n')
    assert only(table) == Rejected(
        str(table), None, "no text column (text or body or content or article or full_text); columns: subject, value"
    )


@pytest.mark.parametrize(
    "value",
    [
        [{"text": "one", "outlet": "A"}, {"text": "two"}],
        {"status": "ok", "total": 2, "articles": [{"text": "one", "outlet": "A"}, {"text": "two"}]},
    ],
    ids=["list", "wrapped"],
)
def test_json_tables(tmp_path, value):
    docs = read(write(tmp_path / "t.json", json.dumps(value)))
    assert [(doc.text, doc.outlet, doc.id) for doc in docs] == [("one", "A", "t#1"), ("two", None, "t#2")]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"a": 1}', "not a table of articles: the JSON object holds no list of objects"),
        ('{"a": [{"text": "x"}], "b": [{"text": "y"}]}', "not a table of articles: the JSON object holds 2 lists"),
        ('"just a string"', "not a table of articles: the JSON holds a string"),
        ('["a", "b"]', "not a table of articles: a JSON array of strings"),
        ('{"articles": [', "invalid JSON"),
        ("[" * 100_000, "invalid JSON"),
    ],
)
def test_json_that_is_not_a_table_is_rejected(tmp_path, content, reason):
    rejected = only(write(tmp_path / "t.json", content))
    assert isinstance(rejected, Rejected) and rejected.reason.startswith(reason)
    assert "\n" not in rejected.reason


def test_every_reason_is_one_line(tmp_path):
    write(tmp_path / "a.parquet", b"PAR1 broken\nfile PAR1")
    write(tmp_path / "b.json", "{\n  broken")
    write(tmp_path / "c.csv", 'text\n"unterminated\n')
    for item in read(tmp_path):
        if isinstance(item, Rejected):
            assert "\n" not in item.reason


# --- streaming -----------------------------------------------------------------------------------------

ROWS = 20_000


def wire_rows():
    for row in range(1, ROWS + 1):
        yield row, f"Row {row}: the ministry said {row % 97} diplomats were expelled, cutting staff from 20 to 10."


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_large_tables_stream(tmp_path, kind):
    path = tmp_path / f"big.{kind}"
    with path.open("w", encoding="utf-8") as file:
        if kind == "csv":
            file.write("id,text,published\n")
            file.writelines(f'n{row},"{text}",2021-10-06\n' for row, text in wire_rows())
        else:
            file.writelines(
                json.dumps({"id": f"n{row}", "text": text, "date": "2021-10-06"}) + "\n" for row, text in wire_rows()
            )
    size = path.stat().st_size
    tracemalloc.start()
    try:
        documents = read_documents([str(path)])
        first = list(itertools.islice(documents, 3))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    documents.close()
    assert [doc.id for doc in first] == ["n1", "n2", "n3"]
    assert peak < size / 10, (peak, size)
    assert sum(1 for _ in read_documents([str(path)])) == ROWS


def test_parquet_streams_in_batches(tmp_path):
    path = tmp_path / "big.parquet"
    rows = list(wire_rows())
    pq.write_table(pa.table({"text": [text for _, text in rows]}), path, row_group_size=5_000)
    documents = read_documents([str(path)])
    assert [doc.row for doc in itertools.islice(documents, 2)] == [1, 2]
    documents.close()
    (last,) = collections.deque(read_documents([str(path)]), maxlen=1)
    assert last.row == ROWS and last.id == f"big#{ROWS}"


def test_a_windows_1256_csv_of_articles_reads_as_arabic(tmp_path):
    text = "أعلن الناتو سحب اعتماد ثمانية دبلوماسيين روس في 6 أكتوبر 2021."
    path = tmp_path / "archive.csv"
    path.write_bytes(("id,text\na1," + text + "\n").encode("cp1256"))
    documents = list(read_documents([str(path)]))
    assert [d.text for d in documents] == [text]


def test_a_latin_1_csv_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "french.csv"
    path.write_bytes("id,text\nf1,Le ministère a expulsé huit diplomates à Bruxelles.\n".encode("latin-1"))
    rejected = list(read_documents([str(path)]))
    assert len(rejected) == 1 and "not UTF-8, UTF-16 or Windows-1256" in rejected[0].reason
