"""What ingest hands to the engine: one document (an article's text and what its page says about it), or
one input that could not be read and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# One article file, or standard input, or one table cell, is read whole; past this size it is refused
# unread (memory stays bounded whatever the input) with a reason naming the limit. News articles are tens
# of KB and heavy HTML pages a few MB; a larger "article" is a dump that belongs in a table or split up.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One article. `text` is what fact offsets index: a text file's decoded content without BOM, or the
    main text extracted from an HTML page."""

    id: str  # file name without extension, or the table's id column
    path: str  # as the user can find it again: the file path (a table's rows share it)
    text: str
    outlet: str | None = None
    url: str | None = None
    lang: str | None = None  # declared by the source (<html lang>, a table's lang column), not detected
    published: dt.date | None = None  # from the page's metadata or the table's published column
    published_from: str | None = None  # "metadata" (page metadata) or "argument" (table column)
    published_time: str | None = None  # "HH:MM" where the metadata or the table's cell gives the hour too
    row: int | None = None  # 1-based data row in a table of articles
    title: str | None = None  # the page's own title, when its metadata gives one


@dataclass(frozen=True)
class Rejected:
    """An input that was not read, with the one-line reason a user sees."""

    path: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.row is None else f"{self.path}:row {self.row}"
        return f"{where}: {self.reason}"
