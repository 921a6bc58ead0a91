"""Where a span of a pasted page sits: the article (`body`), its own publication line (`meta`), or the page
around it (`chrome`: navigation, tickers, related stories and their dates, captions, share counters,
footers, the day the page was viewed).

Only general signals are used, never an outlet's strings:

- a line cut into many short pieces by runs of spaces is a ticker of headlines;
- prose is a long block with sentence punctuation; the article is the longest run of prose, allowing a
  subheading or a caption between paragraphs but not a list, a date line, or three non-prose blocks in a row;
- the title is the headline-like block just above that run (a block repeated twice in a row is a caption);
- a short line that is mostly a date is a date line: one opened by a publication word (checker/lang/<code>/
  layout.toml) is the dateline (`meta`) wherever it stands above the article's end; else the first between
  the title and the article is; one opened by an update or "today" word, or above the page's last menu, is
  chrome (a later update, the day the page was viewed); one below the article belongs to a related story;
- teasers of other stories are chrome even inside the article: the short lines after a read-also word
  (headlines and their dates), a headline with its own date line between two paragraphs, and a short
  headline-shaped line holding a number between two paragraphs; they neither end nor extend the article;
- a line opened by a breaking-news word (عاجل: ...) is a ticker of one headline;
- counters (a number alone on a line, or a short line with a counter word: views, shares, news code), a
  short line that is only a time ago (منذ ١٠ ساعات: relative to the viewing) and the footer (from a footer
  word on) are chrome;
- inside the article, a short block in another script, or ending in a credit in another script, is a caption;
- list items, runs of short lines, and everything after the article are chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from functools import lru_cache

from rapidfuzz import fuzz

from checker.extract import PROSE_MARK, SENTENCE
from checker.lang import LANGUAGES, load
from checker.normalise.language import script_of
from checker.normalise.text import alternation, fold, normalise

BODY, META, CHROME = "body", "meta", "chrome"
# What a page word on a line says it is (checker/lang/<code>/layout.toml).
PUBLISHED, UPDATED, TODAY, READ_ALSO, COUNTER, FOOTER = "published", "updated", "today", "read_also", "counter", "footer"
BYLINE = "byline"  # a short line naming the writers (By ZEINA KARAM, بقلم): chrome, never the title
BREAKING = "breaking"  # a one-line ticker: عاجل: ارتفاع عدد ضحايا ...
AGO = "ago"  # a short line that is only a time before the page was viewed (منذ ١٠ ساعات, 2 hours ago)

# What separates the headlines of a ticker or the items of a menu printed on one line.
_TICKER_GAP = re.compile(r"[ \t\u00a0]{3,}|\s[|•·▪■●◆♦]\s")
_LIST_MARKER = re.compile(r"^\s*(?:[•·▪◦●■□▶►‣⁃*+\-–—]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?؟。…:»”\"')\]]\s*$")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

PROSE_MIN_WORDS = 12  # a paragraph shorter than this is a heading, caption or teaser line
CLOSING_MIN_WORDS = 4  # a one-sentence closing paragraph: "Three days of mourning were declared."
CLOSING_DATED_WORDS = 6  # one ending in a number must be longer: "Reuters/J. Smith 2023." is a credit
_CLOSING_DATED = re.compile(r"[^\W_]\s+\d{1,4}[.!؟?]\s*$")
_CLOSING_SENTENCE = re.compile(r"[^\W\d_][\"'»”)]?[.!؟?]\s*$")  # ends a sentence after a word (not "...2023." of a credit)
PROSE_SURE_WORDS = 25  # this long is prose even without punctuation (pasted pages lose some)
HEADLINE_WORDS = (4, 30)
TITLE_SHARED_WORDS = 2  # a headline restates at least two content words of its lead
CONTENT_WORD_CHARS = 4
TITLE_SURE_WORDS = 7  # longer than a byline ("By Nadia Berrada in Marrakech", «الرباط - عبد الرحيم الوزاني»)
_BREADCRUMB = re.compile(r"\s[»›>▸]\s")  # Home > World > Africa: a path of sections, not a headline
SHORT_BLOCK_WORDS = 12
BODY_BREAK_RUN = 3  # this many non-prose blocks in a row end the article
COUNTER_WORDS = 5  # a counter line is a label and a number or two
BYLINE_WORDS = 10  # a byline is a few names and an agency
TEASER_WORDS = (3, 20)
_HEADLINE_END = re.compile(r"[.!?؟…:؛;]\s*$")
_NUMBER_ALONE = re.compile(r"^\W*\d[\d.,]*\s*[KkMm]?\W*$")  # folded: every script's digits are ASCII
_DIGIT = re.compile(r"\d")
_LABEL_COLON = re.compile(r"\s*[:：]")


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
    line: int | None = None  # a ticker piece: the offset of the line it was cut from
    date_line: bool = False
    marker: str | None = None  # what a page word opening the line says it is (PUBLISHED, READ_ALSO, ...)
    update_from: int | None = None  # on a dateline, where its update part starts (... - آخر تحديث: ...)
    teaser: bool = False  # a line of another story's teaser
    role: str = "other"  # title, dateline, paragraph, heading, caption, header, listing, ticker, list, after
    zone: str = CHROME

    @property
    def prose(self) -> bool:
        if self.list_item or self.ticker or self.date_line or self.marker or self.teaser:
            return False
        if self.words >= PROSE_SURE_WORDS:
            return True
        return self.words >= PROSE_MIN_WORDS and bool(PROSE_MARK.search(self.text))


def _block(text: str, start: int, end: int, **flags: Any) -> Block:
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
            blocks.append(_block(text, at + lead, at + len(piece.rstrip()), ticker=True, line=line_start))
    return blocks


@lru_cache(maxsize=1)
def _page_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(marker, pattern) for every kind of page word, of every language at once: a page quotes others (an
    English "Related" on an Arabic site). All open a line, except counter words (1250 مشاهدة)."""
    pages = [load(code).layout for code in LANGUAGES]

    def words(kind: str) -> str:
        return alternation(word for page in pages for word in getattr(page, kind))

    kinds = ("published", "updated", "today", "read_also", "breaking", "footer", "byline")
    opening = {kind: re.compile(f"^\\W*{words(kind)}(?!\\w)") for kind in kinds}
    offsets = [load(code).relative.offsets for code in LANGUAGES]
    ago_before = alternation(word for o in offsets for word in o.ago_before)
    ago_after = alternation(word for o in offsets for word in o.ago_after)
    return (
        (PUBLISHED, opening["published"]),
        (UPDATED, opening["updated"]),
        (AGO, re.compile(f"^\\W*{ago_before}\\s+\\d[^\\n]*$|^[^\\n]*\\d[^\\n]*\\s{ago_after}\\W*$")),
        (TODAY, opening["today"]),
        (READ_ALSO, opening["read_also"]),
        (BREAKING, opening["breaking"]),
        (FOOTER, opening["footer"]),
        (BYLINE, opening["byline"]),
        (COUNTER, re.compile(f"(?<!\\w){words('counters')}(?!\\w)")),
    )


@lru_cache(maxsize=1)
def _update_words() -> re.Pattern[str]:
    return re.compile(f"(?<!\\w){alternation(word for code in LANGUAGES for word in load(code).layout.updated)}(?!\\w)")


def _update_start(block: Block) -> int | None:
    """Document offset where an update word stands inside the line after something else (17 سبتمبر 2023 -
    آخر تحديث: 18 سبتمبر 2023): what follows it is the update's, not the publication's."""
    normalised = normalise(block.text)
    found = next((m for m in _update_words().finditer(normalised.text) if normalised.text[: m.start()].strip()), None)
    return block.start + normalised.to_original(found.start()) if found else None


def _page_marker(block: Block) -> str | None:
    """What a page word on this line says it is; a number alone on a line is a counter (views, comments)."""
    folded = fold(block.text)
    if _NUMBER_ALONE.match(folded):
        return COUNTER
    short = block.words <= COUNTER_WORDS
    for marker, pattern in _page_words():
        if marker in (COUNTER, AGO) and short and _DIGIT.search(folded) and pattern.search(folded):
            return marker
        if marker == BYLINE and block.words > BYLINE_WORDS:
            continue
        if marker not in (COUNTER, AGO) and pattern.match(folded):
            return marker
    return None


def _marker(block: Block) -> str | None:
    """A short line's page word. A short paragraph takes only the footer's words (© 2022 BBC. ...) and a
    read-also or breaking word with its colon (READ MORE: 222 killed, more than 1000 injured as ...)."""
    if not block.prose:
        return _page_marker(block)
    if block.words >= PROSE_SURE_WORDS:
        return None
    marker = _page_marker(block)
    if marker == FOOTER:
        return marker
    if marker in (READ_ALSO, BREAKING):
        folded = fold(block.text)
        return marker if _LABEL_COLON.match(folded, dict(_page_words())[marker].match(folded).end()) else None
    return None


def _teaser_shape(block: Block) -> bool:
    low, high = TEASER_WORDS
    plain = not (block.list_item or block.ticker or block.date_line or block.marker)
    return plain and low <= block.words <= high and not _HEADLINE_END.search(block.text)


def _teaser_line(block: Block) -> bool:
    """A line of a teaser list: not a paragraph, or a headline with its date that ends no sentence
    (Teachers hold rallies in 12 cities over pay - 1 May)."""
    return not block.prose or (block.words < PROSE_SURE_WORDS and not _HEADLINE_END.search(block.text))


def _mark_teasers(blocks: Sequence[Block]) -> None:
    """Mark the lines of other stories' teasers: every teaser line after a read-also word up to the next
    paragraph; between two paragraphs (after the article's first full one), a headline followed by its own
    date line, or a headline-shaped line holding a number (no sentence ends in it, so no verb ties it to the
    sentences around it)."""
    following = False
    for block in blocks:
        if block.marker == READ_ALSO:
            block.teaser = following = True
        elif following and block.marker is None and _teaser_line(block):
            block.teaser = True
        else:
            following = False
    # Only after a full paragraph: above the article, a notice in prose may stand over its title and dateline.
    opened = False
    for i in range(1, len(blocks) - 1):
        block, before, after = blocks[i], blocks[i - 1], blocks[i + 1]
        opened = opened or (before.prose and before.words >= PROSE_SURE_WORDS)
        if not opened or block.teaser or block.prose or not after.prose:
            continue
        if block.date_line and block.marker is None and i >= 2 and blocks[i - 2].prose and _teaser_shape(before):
            before.teaser = block.teaser = True
        elif before.prose and _teaser_shape(block) and _DIGIT.search(fold(block.text)):
            block.teaser = True


def _main_run(blocks: Sequence[Block], script: str | None) -> tuple[int, int] | None:
    """(first, last) block index of the article: the run of prose with the most prose text."""
    best: tuple[int, int] | None = None
    best_size = 0
    run_start = run_last = None
    size = gap = 0
    for i, block in enumerate(list(blocks) + [None]):  # type: ignore[list-item]
        if block is not None and (block.teaser or block.marker == COUNTER):
            continue  # another story's teaser or a counter inside the article: neither ends nor extends it
        if block is not None and block.prose and (script is None or block.script in (script, None)):
            if run_start is None:
                run_start, size = i, 0
            run_last, gap = i, 0
            size += len(block.text)
            continue
        breaks = block is None or block.list_item or block.date_line or block.ticker or block.marker == FOOTER
        gap += 1
        if run_start is not None and (breaks or gap >= BODY_BREAK_RUN):
            if size > best_size:
                best, best_size = (run_start, run_last), size
            run_start, gap = None, 0
    return best


def _with_closing_sentences(blocks: Sequence[Block], run: tuple[int, int], script: str | None) -> tuple[int, int]:
    """The article's run extended over the short sentences that close it (دولت کویت ۴۰ روز عزای عمومی اعلام
    کرده است.): a line of the article's script ending a sentence, straight after its last paragraph, is
    still the article; a footer, a list, a teaser, a counter or a date line is not."""
    first, last = run
    while last + 1 < len(blocks):
        block = blocks[last + 1]
        # A year may end the sentence too (... قطعت علاقاتها مطلع عام 2016.) once it is long enough not to be a credit.
        closes = (_CLOSING_SENTENCE.search(block.text) and block.words >= CLOSING_MIN_WORDS) or (
            _CLOSING_DATED.search(block.text) and block.words >= CLOSING_DATED_WORDS)
        plain = not (block.list_item or block.ticker or block.date_line or block.marker or block.teaser)
        if not (closes and plain and (script is None or block.script in (script, None))):
            break
        last += 1
    return first, last


def _headline_like(block: Block, script: str | None) -> bool:
    low, high = HEADLINE_WORDS
    return (
        low <= block.words <= high
        and not (block.list_item or block.ticker or block.date_line or block.marker or block.teaser)
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
        if not block.ticker:
            block.marker = _marker(block)
        block.ticker = block.ticker or block.marker == BREAKING
    _mark_teasers(blocks)
    if script is None:
        script = script_of(" ".join(b.text for b in blocks if b.words >= PROSE_MIN_WORDS)) or script_of(text)
    run = _main_run(blocks, script)
    if run is None:
        # No prose at all (a headline, a caption, one sentence): the whole text is the article.
        for block in blocks:
            block.zone, block.role = (CHROME, block.role) if block.ticker else (BODY, "paragraph")
        return blocks
    run = _with_closing_sentences(blocks, run, script)
    first = run[0]
    # Above the article, only what follows the page's last menu or ticker can head it. A line cut into
    # pieces one of which is a date is a byline strip (Staff reporter | September 21, 2023 | 4 min read),
    # which stands under a headline as often as over it: not a menu.
    dated_lines = {b.line for b in blocks[:first] if b.ticker and b.line is not None and is_date_line(b)}
    boundary = max((i for i in range(first) if blocks[i].list_item or (blocks[i].ticker and blocks[i].line not in dated_lines)), default=-1)
    dateline = _dateline(blocks, boundary, run, script)
    title = _title(blocks, boundary, dateline if dateline is not None else first, script, blocks[first])
    if title is None and dateline is not None and dateline < first:
        title = _title(blocks, dateline, first, script, blocks[first])  # the date line stands over the headline
    for i, block in enumerate(blocks):
        block.zone, block.role = _zone_and_role(blocks, i, run, dateline, title, script)
    for i, block in enumerate(blocks):
        if i == dateline or (block.date_line and block.zone == CHROME):
            block.update_from = _update_start(block)
    return blocks


def _dateline(blocks: Sequence[Block], boundary: int, run: tuple[int, int], script: str | None) -> int | None:
    """The article's own date line: the first opened by a publication word above the article's end; else the
    first between `boundary` and the article that has a headline above it (one with none above is the day
    the page was viewed, unless it opens a text with no menu or ticker). Lines opened by an update or
    "today" word are never it."""
    first, last = run
    for i in range(last + 1):
        if blocks[i].date_line and blocks[i].marker == PUBLISHED and not blocks[i].teaser:
            return i
    for i in range(boundary + 1, first + 1):
        block = blocks[i]
        if block.date_line and block.marker is None and not block.teaser and any(_headline_like(blocks[j], script) for j in range(boundary + 1, i)):
            return i
    # A text that opens with a bare date line, no page around it, opens with its own date.
    if boundary < 0 and first > 0 and blocks[0].date_line and blocks[0].marker is None:
        return 0
    return None


def _title(blocks: Sequence[Block], boundary: int, below: int, script: str | None, lead: Block) -> int | None:
    """The headline above block `below` (the dateline, else the article), not above `boundary`. A byline, a
    standfirst, a promotion or a breadcrumb may stand between the menus and the article too, so the headline
    is the first candidate that shares words with the article's first paragraph (a headline restates its
    lead); with none sharing, the first full headline after the menus, else the nearest short one. A line cut
    into pieces (weather | prayer times, USD: ... | Euro: ...) or a path of sections is no headline."""
    candidates = [
        i
        for i in range(boundary + 1, below)
        if _headline_like(blocks[i], script) and not _repeated(blocks, i) and not _caption(blocks[i], script)
        and not _BREADCRUMB.search(blocks[i].text) and not _TICKER_GAP.search(blocks[i].text)
    ]
    if not candidates:
        return None
    lead_words = _content_words(lead.text)
    shared = {i: len(_content_words(blocks[i].text) & lead_words) for i in candidates}
    restating = [i for i in candidates if shared[i] >= TITLE_SHARED_WORDS]
    if restating:
        return restating[0]  # a standfirst under the headline restates the lead too
    full = [i for i in candidates if blocks[i].words >= TITLE_SURE_WORDS]
    return full[0] if full else candidates[-1]


def _content_words(text: str) -> set[str]:
    """Folded words long enough to carry content in any of the three languages (no stop-word list needed)."""
    return {w for w in _WORD.findall(fold(text)) if len(w) >= CONTENT_WORD_CHARS and not w.isdigit()}


def _zone_and_role(
    blocks: Sequence[Block], i: int, run: tuple[int, int], dateline: int | None, title: int | None, script: str | None
) -> tuple[str, str]:
    """Where block `i` belongs, given the article's run of blocks, its dateline and its title."""
    block, (first, last) = blocks[i], run
    if i == dateline:
        return META, "dateline"
    if block.ticker:
        return CHROME, "ticker"
    if block.teaser:
        return CHROME, "teaser"
    if block.marker in (COUNTER, FOOTER, UPDATED, AGO, BYLINE):
        return CHROME, block.marker
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
