"""Where a span of a pasted page sits: the article (`body`), its own publication line (`meta`), or the page
around it (`chrome`: navigation, tickers, related stories and their dates, captions, share counters,
footers, the day the page was viewed).

Only general signals are used, never an outlet's strings:

- a line cut into many short pieces by runs of spaces is a ticker of headlines;
- prose is a long block with sentence punctuation; the article is the longest run of prose, allowing a
  subheading or a caption between paragraphs but not a list, a date line, or three non-prose blocks in a row;
- the title is the headline-like block just above that run (a block repeated twice in a row is a caption);
- a short line that is mostly a date is a date line: the first between the title and the article is the
  dateline (`meta`); one above the title is the page's own header (the day it was viewed); one below the
  article belongs to a related story;
- inside the article, a short block in another script, or ending in a credit in another script, is a caption;
- list items, runs of short lines, and everything after the article are chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from rapidfuzz import fuzz

from checker.extract import PROSE_MARK, SENTENCE
from checker.normalise.language import script_of

BODY, META, CHROME = "body", "meta", "chrome"

# What separates the headlines of a ticker or the items of a menu printed on one line.
_TICKER_GAP = re.compile(r"[ \t\u00a0]{3,}|\s[|•·]\s")
_LIST_MARKER = re.compile(r"^\s*(?:[•·▪◦●■□▶►‣⁃*+\-–—]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?؟。…:»”\"')\]]\s*$")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

PROSE_MIN_WORDS = 12  # a paragraph shorter than this is a heading, caption or teaser line
PROSE_SURE_WORDS = 25  # this long is prose even without punctuation (pasted pages lose some)
HEADLINE_WORDS = (4, 30)
SHORT_BLOCK_WORDS = 12
BODY_BREAK_RUN = 3  # this many non-prose blocks in a row end the article


@dataclass
class Block:
    """A line of the page (or one piece of a ticker line), with offsets into the document text."""

    start: int
    end: int
    text: str
    words: int
    script: str | None  # "arabic", "latin" or None (no letters)
    list_item: bool = False
    ticker: bool = False
    date_line: bool = False
    role: str = "other"  # title, dateline, paragraph, heading, caption, header, listing, ticker, list, after
    zone: str = CHROME

    @property
    def prose(self) -> bool:
        if self.list_item or self.ticker or self.date_line:
            return False
        if self.words >= PROSE_SURE_WORDS:
            return True
        return self.words >= PROSE_MIN_WORDS and bool(PROSE_MARK.search(self.text))


def _block(text: str, start: int, end: int, **flags: bool) -> Block:
    piece = text[start:end]
    return Block(start, end, piece, len(_WORD.findall(piece)), script_of(piece), **flags)


def split_blocks(text: str) -> list[Block]:
    """Non-empty lines as blocks, stripped; a ticker line becomes one block per headline."""
    blocks: list[Block] = []
    position = 0
    for line in text.split("\n"):
        line_start, position = position, position + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        first = line_start + len(line) - len(line.lstrip())
        pieces = [p for p in _TICKER_GAP.split(line) if p.strip()]
        ticker = len(pieces) >= 3 and not _SENTENCE_END.search(stripped) or len(pieces) >= 6
        if not ticker:
            blocks.append(_block(text, first, first + len(stripped), list_item=bool(_LIST_MARKER.match(line))))
            continue
        cursor = line_start
        for piece in pieces:
            at = text.index(piece, cursor)
            cursor = at + len(piece)
            lead = len(piece) - len(piece.lstrip())
            blocks.append(_block(text, at + lead, at + len(piece.rstrip()), ticker=True))
    return blocks


def _main_run(blocks: Sequence[Block], script: str | None) -> tuple[int, int] | None:
    """(first, last) block index of the article: the run of prose with the most prose text."""
    best: tuple[int, int] | None = None
    best_size = 0
    run_start = run_last = None
    size = gap = 0
    for i, block in enumerate(list(blocks) + [None]):  # type: ignore[list-item]
        if block is not None and block.prose and (script is None or block.script in (script, None)):
            if run_start is None:
                run_start, size = i, 0
            run_last, gap = i, 0
            size += len(block.text)
            continue
        breaks = block is None or block.list_item or block.date_line or block.ticker
        gap += 1
        if run_start is not None and (breaks or gap >= BODY_BREAK_RUN):
            if size > best_size:
                best, best_size = (run_start, run_last), size
            run_start, gap = None, 0
    return best


def _headline_like(block: Block, script: str | None) -> bool:
    low, high = HEADLINE_WORDS
    return (
        low <= block.words <= high
        and not (block.list_item or block.ticker or block.date_line)
        and (script is None or block.script == script)
    )


def _repeated(blocks: Sequence[Block], i: int) -> bool:
    return any(0 <= j < len(blocks) and blocks[j].text == blocks[i].text for j in (i - 1, i + 1))


def _caption(block: Block, script: str | None) -> bool:
    """A short block in another script, or ending in a credit in another script (مجلس روسيا / Reuters)."""
    if script is None or block.words > SHORT_BLOCK_WORDS * 3:
        return False
    if block.script not in (script, None):
        return True
    tail = re.split(r"[/|(]", block.text)[-1]
    return block.words <= SHORT_BLOCK_WORDS and tail != block.text and script_of(tail) not in (script, None)


def assign_zones(
    text: str,
    is_date_line: Callable[[Block], bool],
    script: str | None = None,
) -> list[Block]:
    """Blocks of `text` with their zone and role. `is_date_line` says whether a short block is mostly a date
    (the date grammar lives elsewhere); `script` is the article's main script, guessed when None."""
    blocks = split_blocks(text)
    for block in blocks:
        block.date_line = not block.ticker and is_date_line(block)
    if script is None:
        script = script_of(" ".join(b.text for b in blocks if b.words >= PROSE_MIN_WORDS)) or script_of(text)
    run = _main_run(blocks, script)
    if run is None:
        # No prose at all (a headline, a caption, one sentence): the whole text is the article.
        for block in blocks:
            block.zone, block.role = (CHROME, block.role) if block.ticker else (BODY, "paragraph")
        return blocks
    first = run[0]
    # Above the article, only what follows the page's last menu or ticker can head it.
    boundary = max((i for i in range(first) if blocks[i].list_item or blocks[i].ticker), default=-1)
    dateline = _dateline(blocks, boundary, first, script)
    title = _title(blocks, boundary, dateline if dateline is not None else first, script)
    for i, block in enumerate(blocks):
        block.zone, block.role = _zone_and_role(blocks, i, run, dateline, title, script)
    return blocks


def _dateline(blocks: Sequence[Block], boundary: int, first: int, script: str | None) -> int | None:
    """The first date line between `boundary` and the article's first block that has a headline above it; a
    date line with no headline above it is the page's own header (the day it was viewed)."""
    for i in range(boundary + 1, first + 1):
        if blocks[i].date_line and any(_headline_like(blocks[j], script) for j in range(boundary + 1, i)):
            return i
    return None


def _title(blocks: Sequence[Block], boundary: int, below: int, script: str | None) -> int | None:
    """The headline just above block `below` (the dateline, else the article), not above `boundary`."""
    for i in range(below - 1, boundary, -1):
        block = blocks[i]
        if _headline_like(block, script) and not _repeated(blocks, i) and not _caption(block, script):
            return i
    return None


def _zone_and_role(
    blocks: Sequence[Block], i: int, run: tuple[int, int], dateline: int | None, title: int | None, script: str | None
) -> tuple[str, str]:
    """Where block `i` belongs, given the article's run of blocks, its dateline and its title."""
    block, (first, last) = blocks[i], run
    if i == dateline:
        return META, "dateline"
    if block.ticker:
        return CHROME, "ticker"
    if i == title:
        return BODY, "title"
    if i < first and (title is None or i < title or block.date_line):
        return CHROME, "header" if block.date_line else "before"
    if i > last:
        return CHROME, "listing" if block.date_line else "after"
    if block.list_item:
        return CHROME, "list"
    if block.date_line:
        return CHROME, "listing"
    repeats_title = title is not None and block.text == blocks[title].text
    if _caption(block, script) or (not block.prose and (_repeated(blocks, i) or repeats_title)):
        return CHROME, "caption"
    return BODY, "paragraph" if block.prose else "heading"


def block_at(blocks: Sequence[Block], offset: int) -> Block | None:
    """The block holding document offset `offset` (blocks are in order and do not overlap)."""
    lo, hi = 0, len(blocks)
    while lo < hi:
        mid = (lo + hi) // 2
        if blocks[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(blocks) and blocks[lo].start <= offset < blocks[lo].end:
        return blocks[lo]
    return None


REPEAT_MIN_CHARS = 60  # shorter sentences recur legitimately (quotes, names of bodies)
REPEAT_SCORE = 85
MAX_SENTENCES_COMPARED = 400  # pairwise comparison stays cheap on a very long page


def repeated_passages(text: str, body: Sequence[Block]) -> list[tuple[int, int]]:
    """Spans of the article that repeat an earlier sentence of it almost word for word: a photo caption or
    pull quote pasted into the text (Getty Images + the lead sentence again). Their facts are chrome.

    Only sentences sharing word pairs with an earlier one are compared character by character, so a long
    page costs one pass, not one comparison per pair of sentences."""
    sentences = [
        (block.start + m.start(), m.group())
        for block in body
        for m in SENTENCE.finditer(block.text)
        if m.group().strip()
    ][:MAX_SENTENCES_COMPARED]
    pairs_of = [_word_pairs(sentence) for _, sentence in sentences]
    seen_in: dict[tuple[str, str], list[int]] = {}
    repeats = []
    for j, (start, later) in enumerate(sentences):
        shared: dict[int, int] = {}
        for pair in pairs_of[j]:
            for i in seen_in.get(pair, ()):
                shared[i] = shared.get(i, 0) + 1
        for i in sorted(i for i, count in shared.items() if count >= SHARED_PAIRS * len(pairs_of[i])):
            earlier = sentences[i][1].strip()
            if len(earlier) < REPEAT_MIN_CHARS or len(later) < len(earlier) * 0.8:
                continue
            found = fuzz.partial_ratio_alignment(earlier, later, score_cutoff=REPEAT_SCORE)
            if found is not None:
                repeats.append((start + found.dest_start, start + found.dest_end))
                break
        for pair in pairs_of[j]:
            seen_in.setdefault(pair, []).append(j)
    return repeats


SHARED_PAIRS = 0.3  # an 85% character match keeps far more than this share of the earlier sentence's word pairs


def _word_pairs(sentence: str) -> set[tuple[str, str]]:
    words = sentence.split()
    return set(zip(words, words[1:]))
