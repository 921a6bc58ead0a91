"""The multi-outlet stories in tests/cases/check/<story>/ and their gold files: the gold is what the
accuracy benchmark (benchmarks/bench_stories.py) and the external scorers trust, so a quote that is not in
its article, or a value in the wrong shape, would silently score nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

STORIES = sorted(p.parent for p in (Path(__file__).parent / "cases" / "check").glob("*/gold.json"))
KINDS = {"count", "date", "year", "change", "duration"}
FINDING_TYPES = {"conflict", "internal", "agree", "related"}


def article_texts(story: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(story.glob("*.txt")):
        content = path.read_text(encoding="utf-8")
        texts[path.stem] = content.split("\n---\n", 1)[1] if content.startswith("outlet:") else content
    return texts


def headers(story: Path) -> dict[str, dict[str, str]]:
    out = {}
    for path in sorted(story.glob("*.txt")):
        head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        out[path.stem] = {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in head.splitlines())}
    return out


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_every_article_has_a_header_in_three_languages(story):
    meta = headers(story)
    assert 15 <= len(meta) <= 30
    assert {m["language"] for m in meta.values()} == {"ar", "fa", "en"}
    assert all({"outlet", "url", "language", "published"} <= m.keys() for m in meta.values())


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_every_gold_quote_is_in_its_article(story):
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    texts = article_texts(story)
    quotes = [(m["source"], m["quote"]) for f in gold["facts"] for m in f["mentions"]]
    quotes += [(t["source"], t["quote"]) for t in gold["traps"]]
    missing = [(source, quote) for source, quote in quotes if quote not in texts.get(source, "")]
    assert not missing


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_gold_values_have_the_shape_of_their_kind(story):
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    ids = {f["id"] for f in gold["facts"]}
    assert len(ids) == len(gold["facts"])
    for fact in gold["facts"]:
        assert fact["kind"] in KINDS, fact["id"]
        value = fact["normalized"]
        if value is None:
            continue
        if fact["kind"] == "change":
            assert {"from", "to"} <= value.keys(), fact["id"]
        elif fact["kind"] == "date":
            assert isinstance(value, str) or {"start", "end"} <= value.keys(), fact["id"]
        else:
            assert isinstance(value, (int, float)), fact["id"]
    for finding in gold["expected_findings"]:
        assert finding["type"] in FINDING_TYPES
        assert set(finding["facts"]) <= ids
