"""The HTML report as a file: self-contained, byte-identical for the same input, source text inert, every
snippet with lang and dir, ClaimReview JSON-LD, and the committed seed report up to date."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.engine import check
from checker.report import reporter_for
from report_fixtures import HOSTILE_MARKUP, hostile_story

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "reports" / "seeds.html"
# The one command that regenerates the committed report (README: "The seed report").
REGENERATE = ["check", "fixtures/seeds", "--format", "html", "-o", "reports/seeds.html", "--exit-zero"]


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts.append((self._in_script, data))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def seeds_page() -> str:
    return reporter_for("html", "check").render(check([str(ROOT / "fixtures" / "seeds")], keep_texts=True))


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> str:
    story = hostile_story(tmp_path_factory.mktemp("hostile"))
    result = check([str(story)], keep_texts=True)
    assert result.findings.height, "the hostile story must produce findings, so its quotes are shown"
    return reporter_for("html", "check").render(result)


def test_same_input_gives_the_same_bytes(seeds_page: str) -> None:
    again = reporter_for("html", "check").render(check([str(ROOT / "fixtures" / "seeds")], keep_texts=True))
    assert again == seeds_page


def test_nothing_is_fetched(seeds_page: str) -> None:
    elements = parse(seeds_page)
    for tag, attrs in elements.tags:
        assert "src" not in attrs, tag  # no images, scripts or frames from anywhere
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href  # links stay inside the page
        assert tag not in {"link", "iframe", "object", "embed", "img", "base"}
    csp = next(a["content"] for t, a in elements.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_every_snippet_has_lang_and_dir(seeds_page: str) -> None:
    elements = parse(seeds_page)
    snippets = [a for t, a in elements.tags if "quote" in (a.get("class") or "").split() or "written" in (a.get("class") or "").split()]
    assert len(snippets) > 20
    for attrs in snippets:
        assert attrs.get("lang") in {"ar", "fa", "en"} and attrs.get("dir") in {"rtl", "ltr"}, attrs
        assert attrs["dir"] == ("rtl" if attrs["lang"] in {"ar", "fa"} else "ltr")
    texts = [a for t, a in elements.tags if "text" in (a.get("class") or "").split()]
    assert texts and all(a.get("dir") in {"rtl", "ltr", "auto"} for a in texts)


def test_quotes_in_messages_are_isolated(seeds_page: str) -> None:
    assert "«<bdi>اول نوامبر</bdi>»" in seeds_page


def test_sources_show_the_publication_date_in_three_calendars(seeds_page: str) -> None:
    # 000_ee10 is dated 18 October 2021 by its dateline.
    assert "Monday 18 October 2021" in seeds_page and "12 Rabi al-Awwal 1443 AH" in seeds_page and "26 Mehr 1400 SH" in seeds_page
    assert ">dateline<" in seeds_page


def test_each_quote_links_to_its_fact_marked_in_the_full_text(seeds_page: str) -> None:
    elements = parse(seeds_page)
    ids = {a["id"] for _, a in elements.tags if a.get("id")}
    links = [a["href"] for t, a in elements.tags if t == "a" and "ctx-link" in (a.get("class") or "")]
    assert links
    for href in links:
        assert href[1:] in ids
    marks = [a for t, a in elements.tags if t == "mark" and (a.get("id") or "").startswith("t-")]
    assert len(marks) >= 80  # the seeds' facts, marked in their texts


def test_claim_review_for_each_conflict_and_internal_finding(seeds_page: str) -> None:
    result = check([str(ROOT / "fixtures" / "seeds")])
    blocks = [data for attrs, data in parse(seeds_page).scripts if attrs.get("type") == "application/ld+json"]
    graph = json.loads(blocks[0])
    reviews = graph["@graph"]
    expected = [row["id"] for row in result.findings.iter_rows(named=True) if row["type"] in ("conflict", "internal")]
    assert sorted(r["identifier"] for r in reviews) == sorted(expected) and expected
    for review in reviews:
        assert graph["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] and review["reviewBody"] and review["reviewRating"]["alternateName"]
        assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["appearance"]


def test_hostile_source_text_is_inert(hostile_page: str) -> None:
    elements = parse(hostile_page)
    scripts = [attrs for tag, attrs in elements.tags if tag == "script"]
    assert len(scripts) == 2  # the page's own: its JSON-LD and its filters
    for tag, attrs in elements.tags:
        assert tag not in {"img", "iframe"}, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").startswith("javascript:")
    assert "\u202e" not in hostile_page  # shown as a visible token, never obeyed
    assert 'title="U+202E">RLO<' in hostile_page
    assert "&lt;script&gt;window.__pwned" in hostile_page and "&lt;img src=x onerror=" in hostile_page
    assert HOSTILE_MARKUP.split("<img")[0] not in hostile_page


def test_json_ld_cannot_close_its_script(hostile_page: str) -> None:
    blocks = [data for attrs, data in parse(hostile_page).scripts if attrs.get("type") == "application/ld+json"]
    assert "</" not in blocks[0]
    json.loads(blocks[0])


def test_committed_seed_report_is_current(tmp_path: Path) -> None:
    """Fails when reports/seeds.html is stale: regenerate it with the README's command."""
    fresh = tmp_path / "seeds.html"
    command = [sys.executable, "-m", "checker", *REGENERATE]
    command[command.index("reports/seeds.html")] = str(fresh)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert COMMITTED.exists(), "reports/seeds.html is missing: " + " ".join(["checker", *REGENERATE])
    assert COMMITTED.read_bytes() == fresh.read_bytes(), "reports/seeds.html is stale: run " + " ".join(["checker", *REGENERATE])


def test_readme_names_the_regenerate_command() -> None:
    assert " ".join(["checker", *REGENERATE]) in (ROOT / "README.md").read_text(encoding="utf-8")


def test_html_without_texts_still_renders_quotes() -> None:
    page = reporter_for("html", "check").render(check([str(ROOT / "fixtures" / "stories" / "blast")]))
    assert re.search(r"<mark>[^<]+</mark>", page) and 'id="texts"' not in page
