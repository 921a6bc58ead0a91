"""Ingest: PATH arguments in, Documents out. Files are read one at a time and tables row by row, so a run
over a large archive holds one file (or one batch of rows) in memory, not all of them. Bad input never
raises: each file or row that cannot be read becomes a Rejected with a one-line reason, and the caller
decides what that means for the exit code."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from checker.errors import CheckerError
from checker.ingest.document import MAX_ARTICLE_BYTES, Document, Rejected
from checker.ingest.encoding import decode
from checker.ingest.paths import Kind, Source, expand_paths, os_reason
from checker.ingest.tables import read_table

__all__ = ["MAX_ARTICLE_BYTES", "Document", "Rejected", "read_documents"]

_TABLE_KINDS: frozenset[Kind] = frozenset({"csv", "parquet", "jsonl", "json"})
_HTML_TAG = re.compile(r"<(?:html|body|p)\b", re.IGNORECASE)
# A lone surrogate (a JSON "\ud800" escape, a file name decoded with surrogateescape) cannot be written as
# UTF-8: one would abort the whole run when its report is written.
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_documents(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, text_column: str | None = None
) -> Iterator[Document | Rejected]:
    """Every document under `paths`, in order: paths as given, directories walked sorted, globs expanded
    sorted, `-` read from `stdin` (default: the process's standard input) as one document with id
    `stdin`. Articles (.txt, .md, .html, ...) give one Document each, tables one per row; `text_column`
    names a table's text column when it has none of the usual names."""
    for source in expand_paths(paths):
        items = [source] if isinstance(source, Rejected) else _read_source(source, stdin, text_column)
        yield from map(_without_surrogates, items)


def _without_surrogates(item: Document | Rejected) -> Document | Rejected:
    """`item` with each lone surrogate in its strings replaced by U+FFFD, one character for one, so the
    offsets into its text hold."""
    replaced = {
        field.name: _SURROGATE.sub("\ufffd", value)
        for field in dataclasses.fields(item)
        if isinstance(value := getattr(item, field.name), str) and _SURROGATE.search(value)
    }
    return dataclasses.replace(item, **replaced) if replaced else item


def _read_source(source: Source, stdin: BinaryIO | None, text_column: str | None) -> Iterator[Document | Rejected]:
    try:
        if source.kind in _TABLE_KINDS:
            yield from read_table(source.path, source.kind, text_column=text_column)
        elif source.kind == "stdin":
            data = _read_stdin(stdin)
            yield _not_empty(_article("stdin", source.path, data, html=None), data)
        else:
            with open(source.path, "rb") as file:
                data = file.read(MAX_ARTICLE_BYTES + 1)
            if len(data) > MAX_ARTICLE_BYTES:
                raise CheckerError(too_large(os.path.getsize(source.path)))
            doc_id = os.path.splitext(os.path.basename(source.path))[0]
            yield _not_empty(_article(doc_id, source.path, data, html=source.kind == "html"), data)
    except CheckerError as err:
        yield Rejected(source.path, err.row, err.reason)
    except OSError as err:
        yield Rejected(source.path, None, os_reason(err))


def _read_stdin(stdin: BinaryIO | None) -> bytes:
    if stdin is None:
        if sys.stdin is None:
            raise CheckerError("no standard input")
        stdin = sys.stdin.buffer
    data = stdin.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise CheckerError(too_large(None))
    return data


def too_large(size: int | None) -> str:
    """The reason an article is refused for its size."""
    mib = MAX_ARTICLE_BYTES // (1024 * 1024)
    what = f"{size:,} bytes" if size is not None else "more"
    return f"article too large: {what}, the limit is {mib} MiB per article (put long collections in a table, one article a row)"


def _not_empty(document: Document, data: bytes) -> Document:
    """An article with no text is a mistake to report (a file not yet written, a page whose article is
    loaded by script), not a story with no findings: rejected, as an empty cell of a table is."""
    if document.text.strip():
        return document
    raise CheckerError("empty: no text to check" if not data.strip() else "no article text: the page's markup holds no text")


def _article(doc_id: str, path: str, data: bytes, *, html: bool | None) -> Document:
    """One article file. `html=None` sniffs: text that opens with a tag and has <html>, <body> or <p>."""
    text = decode(data, path)
    if html is None:
        html = text.lstrip().startswith("<") and _HTML_TAG.search(text) is not None
    if not html:
        return Document(id=doc_id, path=path, text=text)
    from checker.ingest.html import read_html  # lazy: trafilatura and lxml are for HTML inputs only

    body, meta = read_html(text, path)
    published = meta.get("published")
    return Document(
        id=doc_id,
        path=path,
        text=body,
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        lang=meta.get("lang"),
        published=published,
        published_from="metadata" if published else None,
        title=meta.get("title"),
    )
