"""Where a character of an HTML page's extracted text stands in the page's own source: the line and column
an editor or a GitHub annotation needs, since a fact's offsets index the extracted text (checker/ingest/html.py).

The extracted text is the page's visible text with its whitespace collapsed, less what trafilatura leaves
out (navigation, related stories). So the page's text nodes are read with their source positions (an
entity stands at its `&`), whitespace collapsed the same way, and each line of the extracted text is
found in that stream in order; its characters then map one to one. A line not found (a table's ` | `
joins cells) is placed by its longest part found, else at the line the stream had reached."""

from __future__ import annotations

import html
from bisect import bisect_right
from html.parser import HTMLParser

from checker.errors import CheckerError
from checker.ingest.encoding import decode
from checker.ingest.html import read_html

_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "title"})


class _Visible(HTMLParser):
    """The page's text characters, each with its 1-based source line and column."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.chars: list[str] = []
        self.where: list[tuple[int, int]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in ("br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._add(" ", self.getpos())  # a block or a break separates words

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if self._skip:
            return
        line, col = self.getpos()
        for ch in data:
            self._add(ch, (line, col))
            if ch == "\n":
                line, col = line + 1, 0
            else:
                col += 1

    def handle_entityref(self, name):
        if not self._skip:
            for ch in html.unescape(f"&{name};"):
                self._add(ch, self.getpos())

    def handle_charref(self, name):
        if not self._skip:
            for ch in html.unescape(f"&#{name};"):
                self._add(ch, self.getpos())

    def _add(self, ch: str, where: tuple[int, int]) -> None:
        if ch.isspace():
            if not self.chars or self.chars[-1] == " ":
                return  # collapsed, as the extracted text is
            ch = " "
        self.chars.append(ch)
        self.where.append((where[0], where[1] + 1))


class SourceMap:
    """Extracted-text offsets of one page -> (line, col) in its source, both 1-based."""

    def __init__(self, raw: str, text: str):
        parser = _Visible()
        parser.feed(raw)
        parser.close()
        stream = "".join(parser.chars)
        self._where = parser.where
        self._starts: list[int] = []  # offsets into text where a run of mapped characters starts
        self._targets: list[int | None] = []  # the run's first index into the stream, None: not found
        self._line_starts = [0]
        cursor, offset = 0, 0
        for line in text.split("\n"):
            self._line_starts.append(offset + len(line) + 1)
            for part_offset, part in _parts(line):
                found = stream.find(part, cursor) if part else -1
                if found < 0 and part:
                    found = stream.find(part)
                self._starts.append(offset + part_offset)
                self._targets.append(found if found >= 0 else None)
                if found >= 0:
                    cursor = found + len(part)
            offset += len(line) + 1
        self._line_starts.pop()

    def at(self, offset: int) -> tuple[int, int] | None:
        """The source line and column of the extracted text's character at `offset`, or None."""
        run = bisect_right(self._starts, offset) - 1
        if run < 0 or self._targets[run] is None or not self._where:
            return None
        index = min(self._targets[run] + offset - self._starts[run], len(self._where) - 1)
        return self._where[index]

    def at_line_col(self, line: int, col: int) -> tuple[int, int] | None:
        """As `at`, from the extracted text's 1-based line and column."""
        if not 1 <= line <= len(self._line_starts):
            return None
        return self.at(self._line_starts[line - 1] + col - 1)


def _parts(line: str) -> list[tuple[int, str]]:
    """A line's pieces that appear as such in the page: table cells joined by ` | ` are found one by one."""
    out, offset = [], 0
    for piece in line.split(" | "):
        out.append((offset, piece))
        offset += len(piece) + 3
    return out


_MAPS: dict[str, SourceMap | None] = {}


def source_map(path: str) -> SourceMap | None:
    """The map of the HTML file at `path`, read and extracted again as ingest reads it (None when it can no
    longer be read); made once per path in a process."""
    if path not in _MAPS:
        try:
            with open(path, "rb") as file:
                raw = decode(file.read(), path)
            text, _ = read_html(raw, path)
            _MAPS[path] = SourceMap(raw, text)
        except (OSError, CheckerError):
            _MAPS[path] = None
    return _MAPS[path]
