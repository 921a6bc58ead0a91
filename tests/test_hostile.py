"""Hostile content (issue 8): markup, event handlers, javascript: URLs, CSS injection, terminal escapes and
bidi controls ("Trojan Source": U+202E, U+2066-U+2069, ...) in quotes, outlet names and file names. The
HTML report and the terminal show them inertly and visibly; JSON, SARIF, JUnit and GitHub output stay
well-formed and carry the text unchanged."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.engine import check
from checker.report import reporter_for
from checker.report.text_reporter import visible

ROOT = Path(__file__).resolve().parents[1]
BLAST = ROOT / "fixtures" / "stories" / "blast"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
MARKUP = (
    '<script>window.__pwned="s"</script><svg onload="window.__pwned=\'svg\'"></svg>'
    '<a href="javascript:window.__pwned=\'a\'">x</a><style>body{background:url(https://evil.example/x)}'
    '*{display:none!important}</style><div style="position:fixed;inset:0;background:red">cover</div>'
    "\x1b]0;owned\x07\x1b[2J"
)
OUTLET = 'Evil<img src=x onerror="window.__pwned=\'outlet\'">\u202eNEWS\u2066'
NAME = "blast\u202etxt.exe<b onmouseover=alert(1)>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    story = folder / "story"
    shutil.copytree(BLAST, story)
    arabic = (story / "blast_ar.txt").read_text(encoding="utf-8")
    arabic = arabic.replace("يوم الثلاثاء 5 مارس 2024", f"{MARKUP.replace(chr(27), '').replace(chr(7), '')} يوم الثلاثاء 5 مارس 2024 {BIDI}", 1)
    (story / "blast_ar.txt").unlink()
    (story / f"{NAME}.txt").write_text(arabic, encoding="utf-8")
    english = (story / "blast_en.txt").read_text(encoding="utf-8")
    (story / "blast_en.txt").unlink()
    # A table lets a cell carry what a text file may not (ESC) and names the outlet.
    (story / "table.jsonl").write_text(
        json.dumps({"id": "row\u2067one", "outlet": OUTLET, "published": "2024-03-06", "text": english.replace("March 5", f"March 5{MARKUP}", 1)}) + "\n",
        encoding="utf-8",
    )
    return story


@pytest.fixture(scope="module")
def result(hostile):
    return check([str(hostile)], keep_texts=True)


def test_the_hostile_story_is_read_and_checked(result):
    assert result.rejected.height == 0
    assert result.documents.height == 4
    assert result.findings.height > 0
    assert any(BIDI in text for text in result.texts.values())


def test_terminal_shows_controls_as_tokens_and_obeys_none(result):
    for output in (reporter_for("text", "check").render(result), reporter_for("text", "facts").render(result)):
        assert not any(char in output for char in BIDI + "\x1b\x07")
        assert "<RLO>" in output and "<RLI>" in output  # in the file name and the table's id
    assert visible("a\u202eb\x1b[2Jc\nd\u200c\u200f") == "a<RLO>b<U+001B>[2Jc<U+000A>d\u200c\u200f"


def test_json_carries_the_text_unchanged_and_parses(result):
    data = json.loads(reporter_for("json", "check").render(result))
    outlets = {d["outlet"] for d in data["documents"]}
    assert OUTLET in outlets
    assert any(NAME in d["path"] for d in data["documents"])
    assert data["facts"] and data["summary"]["rejected"] == []


def test_sarif_junit_and_github_stay_well_formed(result, tmp_path):
    sarif = json.loads(reporter_for("sarif", "check").render(result))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"] for loc in r["locations"]]
    assert uris and all(not any(c in uri for c in BIDI + "<> ") for uri in uris if NAME.split("\u202e")[0] in uri)
    junit = ET.fromstring(reporter_for("junit", "check").render(result).encode("utf-8"))
    assert junit.tag in ("testsuites", "testsuite")
    assert len(list(junit.iter("testcase"))) > 0
    github = reporter_for("github", "check").render(result)
    for line in github.splitlines():
        assert line.startswith("::"), line  # every annotation stays one line: no injected workflow command


def test_jsonld_in_the_html_keeps_the_text_as_json_escapes(result):
    page = reporter_for("html", "check").render(result)
    block = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    reviewed = " ".join(review.get("claimReviewed", "") for review in data["@graph"])
    assert "row\u2067one" in reviewed  # the id with its RLI, as data


def test_html_escapes_everything_and_shows_bidi_controls(result):
    page = reporter_for("html", "check").render(result)
    assert "<script>window.__pwned" not in page and "<svg" not in page and "onerror=\"window" not in page
    assert "<style>body{background:url(https://evil" not in page and 'style="position:fixed' not in page
    assert not any(char in page for char in BIDI)
    for name in ("LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"):
        assert f">{name}</span>" in page, name


def test_html_in_the_browser_runs_nothing_fetches_nothing_and_shows_the_tokens(result, tmp_path):
    from test_report_browser import CHROMIUM, Watched, _unavailable  # the browser set-up of the report tests

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        _unavailable("playwright is not installed (pip install '.[test]')")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    report = tmp_path / "hostile.html"
    report.write_text(reporter_for("html", "check").render(result), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        watched = Watched(browser)
        page = watched.open(report)
        for link in page.locator("a.ctx-link").all()[:20]:
            link.click()
        page.mouse.move(10, 10)
        assert page.evaluate("window.__pwned") is None
        assert watched.dialogs == [] and watched.errors == []
        assert watched.requests == [report.as_uri()]
        assert page.locator("img, svg, iframe, object, embed").count() == 0
        assert page.locator("style").count() == 1  # the page's own
        assert page.evaluate("getComputedStyle(document.body).backgroundImage") == "none"
        body = page.locator("body").inner_text()
        assert "<script>window.__pwned" in body and "javascript:window.__pwned" in body and "<style>body{background" in body
        for name in ("RLO", "LRI", "RLI", "FSI", "PDI"):
            assert page.locator(f"span.ctl:text-is('{name}')").count() > 0, name
        assert "Evil<img" in body  # the outlet name, shown as text
        watched.close()
        browser.close()


def test_the_cli_stderr_line_for_a_rejected_file_shows_bidi_controls_as_tokens(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "evil\u202etxt.exe.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 10)
    done = subprocess.run([sys.executable, "-m", "checker", "check", str(bad)], capture_output=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert "\u202e" not in done.stderr.decode() and "<RLO>" in done.stderr.decode()
