"""HTML pages: the article's main text through trafilatura, and what the page says about itself (date,
language, outlet, address, title) read from its markup with lxml.

Trafilatura decides what is article and what is navigation, related stories or footer. The metadata is
read here rather than taken from trafilatura's guesses, which can fall back to dates found in URLs or in
the text; a published date must be one the page declares."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Iterator
from typing import Any, TypedDict

import lxml.html
import trafilatura
from lxml import etree

from checker.errors import CheckerError
from checker.ingest.tables import language_subtag, parse_iso_date

# Where pages declare their publication date, most specific first.
_DATE_META = ("article:published_time", "og:article:published_time")
_LATE_DATE_META = ("pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dcterms.issued")
_ARTICLE_TYPES = frozenset({"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ISO_DATE_PREFIX = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?!\d)")
# Blocks of trafilatura's XML output that start a new line inside a paragraph-level block.
_LINE_TAGS = frozenset({"p", "head", "quote", "list", "item", "table", "row", "code"})
# HTML elements that break paragraphs when a page's text is read without trafilatura.
_HTML_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr"
    " li main nav ol p pre section table td th tr ul".split()
)
_HTML_SKIPPED = frozenset({"script", "style", "noscript", "template", "head"})


class PageMeta(TypedDict, total=False):
    """What a page declares about itself; a key is present only when the page gives a value."""

    published: dt.date
    lang: str
    outlet: str
    url: str
    title: str


TOO_DEEP = "HTML nested too deep to read whole (elements more than 2,048 levels deep)"


def read_html(raw: str, path: str) -> tuple[str, PageMeta]:
    """The main text of a page, paragraphs separated by blank lines, and its metadata. A page that
    trafilatura finds no article in (a tiny page, a fragment) gives the text of its <body> instead, and
    so does a page nested deeper than libxml2's default limit (256 levels: 254 <div>s, 399 unclosed
    <font>s), of which trafilatura's parse silently keeps only part. Odd markup gives less text, not an
    error; the one error is a page nested too deep to read whole even so.

    Raises CheckerError naming `path` for such a page (TOO_DEEP), rather than returning part of it."""
    raw = _XML_DECLARATION.sub("", raw, count=1)  # lxml refuses str input that declares an encoding
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(raw, parser=parser)
    except etree.ParserError:  # empty or whitespace-only
        return "", {}
    if not _hit_depth_limit(parser):
        return _main_text(raw) or _body_text(root), _metadata(root)
    deep_parser = lxml.html.HTMLParser(huge_tree=True)  # 2,048 levels instead of 256
    root = lxml.html.document_fromstring(raw, parser=deep_parser)
    if _hit_depth_limit(deep_parser):
        raise CheckerError(TOO_DEEP, path=path)
    return _body_text(root), _metadata(root)


def _hit_depth_limit(parser: lxml.html.HTMLParser) -> bool:
    """Whether libxml2 stopped building the tree at its depth limit in the parser's last parse."""
    return any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log)


def _main_text(raw: str) -> str:
    """Trafilatura's main text. Its XML output keeps block structure, which its plain text output
    flattens to one line per block, so paragraphs are joined here with blank lines."""
    xml = trafilatura.extract(
        raw,
        output_format="xml",
        favor_recall=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    if not xml:
        return ""
    main = etree.fromstring(xml.encode("utf-8")).find("main")
    if main is None:
        return ""
    paragraphs = [_block_text(block) for block in main]
    paragraphs += [" ".join(block.tail.split()) for block in main if block.tail]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _block_text(block: etree._Element) -> str:
    """One block of trafilatura's XML as text: line breaks, list items and table rows on their own
    lines, table cells separated by ` | `, runs of whitespace collapsed."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    for event, element in etree.iterwalk(block, events=("start", "end")):
        if event == "start":
            if element.tag == "lb" or (element.tag in _LINE_TAGS and element is not block):
                flush()
            elif element.tag == "cell" and element.getprevious() is not None:
                current.append(" | ")
            current.append(element.text or "")
        else:
            if element.tag in _LINE_TAGS:
                flush()
            if element is not block:
                current.append(element.tail or "")
    flush()
    return "\n".join(lines)


def _body_text(root: lxml.html.HtmlElement) -> str:
    """The text of <body> without scripts and styles, block elements as paragraph breaks and <br> as a
    line break."""
    body = root.find("body")
    if body is None:
        body = root
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines = (" ".join(line.split()) for line in "".join(current).split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
        current.clear()

    walker = etree.iterwalk(body, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event in ("comment", "pi"):  # no text of their own, but the text after them counts
            current.append(element.tail or "")
        elif event == "start":
            if element.tag in _HTML_SKIPPED:
                walker.skip_subtree()
                continue
            if element.tag in _HTML_BLOCKS:
                flush()
            current.append("\n" if element.tag == "br" else element.text or "")
        else:
            if element.tag in _HTML_BLOCKS:
                flush()
            if element is not body:
                current.append(element.tail or "")
    flush()
    return "\n\n".join(paragraphs)


def _metadata(root: lxml.html.HtmlElement) -> PageMeta:
    meta = _meta_tags(root)
    nodes = list(_json_ld_nodes(root))
    article = next((node for node in nodes if _is_article(node)), None)
    found: PageMeta = {}

    published = _published(root, meta, nodes, article)
    if published:
        found["published"] = published
    declared = root.get("lang") or root.get("xml:lang") or meta.get("content-language")
    lang = language_subtag(declared) if declared else None
    if lang:
        found["lang"] = lang
    outlet = meta.get("og:site_name") or _json_ld_name(article.get("publisher") if article else None)
    if outlet:
        found["outlet"] = outlet
    url = _canonical(root) or meta.get("og:url")
    if url:
        found["url"] = url
    title = meta.get("og:title") or _json_ld_text(article.get("headline") if article else None) or _title(root)
    if title:
        found["title"] = title
    return found


def _meta_tags(root: lxml.html.HtmlElement) -> dict[str, str]:
    """<meta> content by property, name, itemprop or http-equiv, lower-cased; the first of each wins."""
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or element.get("http-equiv")
        content = " ".join((element.get("content") or "").split())
        if key and content:
            found.setdefault(key.strip().lower(), content)
    return found


def _published(
    root: lxml.html.HtmlElement, meta: dict[str, str], nodes: list[dict[str, Any]], article: dict[str, Any] | None
) -> dt.date | None:
    candidates: list[Any] = [meta.get(name) for name in _DATE_META]
    candidates += [node.get("datePublished") for node in ([article] if article else []) + nodes]
    for element in root.xpath('//*[@itemprop="datePublished"]'):
        candidates.append(element.get("content") or element.get("datetime") or element.text_content())
    candidates += [meta.get(name) for name in _LATE_DATE_META]
    for candidate in candidates:
        if isinstance(candidate, str) and (date := _parse_date(candidate)):
            return date
    return None


def _parse_date(value: str) -> dt.date | None:
    """A declared date as written: ISO 8601 (a date-time's local day), an ISO date followed by anything,
    or an RFC 2822 date (`Wed, 06 Oct 2021 08:30:00 GMT`)."""
    try:
        return parse_iso_date(value)
    except ValueError:
        pass
    if match := _ISO_DATE_PREFIX.match(value):
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return None


def _json_ld_nodes(root: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page in document order, including those inside `@graph` lists."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        source = script.text.strip().removeprefix("<!--").removesuffix("-->")
        try:
            data = json.loads(source, strict=False)
        except (ValueError, RecursionError):
            continue
        yield from _json_ld_objects(data)


def _json_ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_ld_objects(data.get("@graph"))


def _is_article(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(name, str) and name.removeprefix("schema:") in _ARTICLE_TYPES for name in types)


def _json_ld_name(value: Any) -> str | None:
    """The name of a JSON-LD publisher: an object, a list of them, or a plain string."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return _json_ld_text(value)


def _json_ld_text(value: Any) -> str | None:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def _canonical(root: lxml.html.HtmlElement) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (href := (link.get("href") or "").strip()):
            return href
    return None


def _title(root: lxml.html.HtmlElement) -> str | None:
    title = root.find("head/title")
    return (" ".join(title.text_content().split()) or None) if title is not None else None
