"""Screenshot of the committed seed report (reports/seeds.png), for the README and reviewers:

    python reports/screenshot.py

Debian's chromium through Playwright (no browser download); the top of the page and the first story at a
desktop width."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    report = HERE / "seeds.html"
    if not report.exists():
        sys.stderr.write("reports/screenshot.py: reports/seeds.html is missing; generate it first (README)\n")
        return 2
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1800})
        page.goto(report.as_uri())
        page.screenshot(path=str(HERE / "seeds.png"))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
