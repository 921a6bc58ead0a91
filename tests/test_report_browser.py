"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright (no browser download).

Skipped with a reason where chromium or playwright is missing; in CI (CI set) their absence fails instead,
since .ci/run installs both."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from checker.engine import check
from checker.report import reporter_for
from report_fixtures import hostile_story

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHECKER_CHROMIUM", "/usr/bin/chromium")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the machine
        _unavailable("playwright is not installed (pip install '.[test]')")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "seeds.html"
    path.write_text(reporter_for("html", "check").render(check([str(ROOT / "fixtures" / "seeds")], keep_texts=True)), encoding="utf-8")
    return path


class Watched:
    """A page with its console errors, page errors, dialogs and every request it made."""

    def __init__(self, browser, *, width: int = 1280, javascript: bool = True):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path):
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def close(self) -> None:
        self.context.close()


def test_loads_without_console_errors_or_network_requests(browser, seeds_report: Path) -> None:
    watched = Watched(browser)
    page = watched.open(seeds_report)
    page.click("a.ctx-link >> nth=0")  # following a quote into the full text fetches nothing either
    assert watched.errors == []
    assert watched.requests == [seeds_report.as_uri()]
    assert page.title().startswith("Fact-check report")
    watched.close()


def test_rtl_quotes_run_right_to_left_with_the_fact_highlighted(browser, seeds_report: Path) -> None:
    watched = Watched(browser)
    page = watched.open(seeds_report)
    quote = page.locator("blockquote.quote[lang=fa]").first
    assert quote.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The first two letters of the quote: in right-to-left text the first stands to the right of the second.
    xs = quote.evaluate(
        """e => { const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
                 let node = walker.nextNode(); while (node && node.data.trim().length < 4) node = walker.nextNode();
                 const at = node.data.search(/[\\u0600-\\u06FF]/);
                 const range = document.createRange(); const xs = [];
                 for (const i of [at, at + 1]) { range.setStart(node, i); range.setEnd(node, i + 1); xs.push(range.getBoundingClientRect().x); }
                 return xs; }"""
    )
    assert xs[0] > xs[1], xs
    mark = quote.locator("mark")
    mark.scroll_into_view_if_needed()
    assert mark.is_visible()
    box = mark.bounding_box()
    assert box and box["width"] > 5 and box["height"] > 5
    background = mark.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    # The quote's link opens the source text at the fact, which is marked and outlined.
    link = quote.locator("xpath=following-sibling::a[contains(@class,'ctx-link')]").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    marked = page.locator(f"mark{target}")
    assert marked.is_visible() and marked.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert marked.evaluate("e => e.closest('.text').getAttribute('dir')") == "rtl"
    watched.close()


def test_filters_hide_and_show_rows(browser, seeds_report: Path) -> None:
    from playwright.sync_api import expect

    watched = Watched(browser)
    page = watched.open(seeds_report)
    info = page.locator("tr[data-finding][data-severity=info]")
    error = page.locator("tr[data-finding][data-severity=error]")
    assert info.count() > 0 and error.count() > 0
    assert info.first.is_visible()
    page.uncheck("input[name=severity][value=info]")
    assert all(not info.nth(i).is_visible() for i in range(info.count()))
    assert error.first.is_visible()
    total = page.locator("tr[data-finding]").count()
    assert page.locator("#filters output").inner_text() == f"{total - info.count()} of {total} findings shown"
    page.check("input[name=severity][value=info]")
    assert info.first.is_visible()
    page.uncheck("input[name=kind][value=date]")
    assert all(not s.is_visible() for s in page.locator("section[data-slot][data-kind=date]").all())
    assert page.locator("section[data-slot][data-kind=count]").first.is_visible()
    page.click("#filters button[type=reset]")
    expect(page.locator("section[data-slot][data-kind=date]").first).to_be_visible()
    assert watched.errors == []
    watched.close()


def test_without_javascript_every_finding_is_listed(browser, seeds_report: Path) -> None:
    watched = Watched(browser, javascript=False)
    page = watched.open(seeds_report)
    assert not page.locator("#filters").is_visible()
    rows = page.locator("tr[data-finding]")
    assert rows.count() > 0 and all(rows.nth(i).is_visible() for i in range(rows.count()))
    watched.close()


def test_nothing_overflows_sideways_at_375_px(browser, seeds_report: Path) -> None:
    watched = Watched(browser, width=375)
    page = watched.open(seeds_report)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert wide == []
    watched.close()


def test_a_hostile_article_executes_nothing(browser, tmp_path: Path) -> None:
    story = hostile_story(tmp_path)
    report = tmp_path / "hostile.html"
    report.write_text(reporter_for("html", "check").render(check([str(story)], keep_texts=True)), encoding="utf-8")
    watched = Watched(browser)
    page = watched.open(report)
    for link in page.locator("a").all()[:200]:  # follow every link the page has: all stay inside it
        href = link.get_attribute("href") or ""
        assert href.startswith("#"), href
    page.locator("a.ctx-link").first.click()
    assert page.evaluate("window.__pwned") is None
    assert watched.dialogs == [] and watched.errors == []
    assert watched.requests == [report.as_uri()]
    assert page.locator("img, iframe").count() == 0
    assert page.locator("script").count() == 2
    body = page.locator("body").inner_text()
    assert "<script>window.__pwned" in body and "onerror=" in body  # shown as text
    assert page.locator("span.ctl[title='U+202E']").count() > 0
    watched.close()
