"""Extraction against what a careful reader lists from each article: one case file per article in
tests/cases/extract/*.toml (written by reading the articles, not by running the tool). A case holds its
article's path (`article`) or, for short passages, the text itself (`text`, read in the case's `lang`).

Each [[fact]] must be found: a fact of the same kind whose span overlaps the quoted text, with the same
value and zone (and the optional fields the case gives; an office fact's term ends as `term_start` /
`term_end`, their EDTF values, and `term_start_calendar` / `term_end_calendar`). Each [[absent]] text must not give a body fact.
The publication date and where it came from must match. A case can carry `known_gap = "why"`: it is then
an expected failure, and the test fails as soon as the gap is closed so the mark gets removed.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from checker.engine import extract, extract_text
from checker.schema import Extraction, fact_json

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases" / "extract").glob("*.toml"))


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=None)
def _run(case_path: str) -> tuple[Extraction, str]:
    case = _load(Path(case_path))
    reference = case.get("reference")
    published = dt.date.fromisoformat(reference) if reference else None
    if "text" in case:
        return extract_text(case["text"], doc_id=Path(case_path).stem, lang=case["lang"], published=published), case["text"]
    article = ROOT / case["article"]
    result = extract([str(article)], published=published)
    text = article.read_text(encoding="utf-8-sig") if article.suffix in (".txt", ".md") else ""
    return result, text


def _spans(text: str, quoted: str, occurrence: int | None) -> list[tuple[int, int]]:
    spans, at = [], text.find(quoted)
    while at >= 0:
        spans.append((at, at + len(quoted)))
        at = text.find(quoted, at + 1)
    assert spans, f"case error: {quoted!r} is not in the article"
    return [spans[occurrence - 1]] if occurrence else spans


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=1e-3, abs_tol=1e-3)
    return expected == actual


_OPTIONAL = ("calendar", "year_from", "from", "to", "ratio", "approx", "event", "by", "grain", "holder", "office", "ordinal", "acting", "measure", "unit")
# Office facts: a term's end as the EDTF value (term_start = "2000") or the calendar of that end.
_TERM = {f"{side}{suffix}": (side, part) for side in ("term_start", "term_end") for suffix, part in (("", "value"), ("_calendar", "calendar"))}


def _actual(fact: dict[str, Any], key: str) -> Any:
    if key in _TERM:
        side, part = _TERM[key]
        return (fact.get(side) or {}).get(part)
    return fact.get(key)


def _params() -> list[Any]:
    params = []
    for path in CASES:
        case = _load(path)
        marks = [pytest.mark.xfail(reason=case["known_gap"], strict=True)] if case.get("known_gap") else []
        params.append(pytest.param(str(path), "publication", 0, id=f"{path.stem}-published", marks=marks))
        for i, fact in enumerate(case.get("fact", [])):
            gap = fact.get("known_gap")
            marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
            params.append(pytest.param(str(path), "fact", i, id=f"{path.stem}-fact{i}-{fact['kind']}", marks=marks))
        for i, absent in enumerate(case.get("absent", [])):
            gap = absent.get("known_gap")
            marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
            params.append(pytest.param(str(path), "absent", i, id=f"{path.stem}-absent{i}", marks=marks))
    return params


@pytest.mark.parametrize(("case_path", "part", "index"), _params())
def test_case(case_path: str, part: str, index: int) -> None:
    case = _load(Path(case_path))
    result, text = _run(case_path)
    assert result.rejected.height == 0, result.rejected.to_dicts()
    document = result.documents.row(0, named=True)
    if part == "publication":
        expected, source = case.get("published"), case.get("published_from")
        if expected is None and case.get("reference"):
            expected, source = case["reference"], "argument"  # the date the test passes as --published
        assert (document["published"].isoformat() if document["published"] else None) == expected
        assert document["published_from"] == source
        return
    facts = [fact_json(row) for row in result.facts.iter_rows(named=True)]
    for fact in facts:
        assert fact["text"] == text[fact["start"] : fact["end"]] or not text
    if part == "fact":
        want = case["fact"][index]
        spans = _spans(text, want["text"], want.get("occurrence"))
        candidates = [
            f for f in facts
            if f["kind"] == want["kind"] and any(f["start"] < e and s < f["end"] for s, e in spans)
        ]
        assert candidates, f"no {want['kind']} found at {want['text']!r}"
        problems = []
        for fact in candidates:
            checks = {"value": want.get("value"), "zone": want.get("zone")}
            checks.update({key: want[key] for key in (*_OPTIONAL, *_TERM) if key in want})
            wrong = {k: (v, _actual(fact, k)) for k, v in checks.items() if v is not None and not _same(v, _actual(fact, k))}
            if not wrong:
                return
            problems.append(f"{fact['text']!r}: " + ", ".join(f"{k} want {v[0]!r} got {v[1]!r}" for k, v in wrong.items()))
        pytest.fail("; ".join(problems))
    else:
        absent = case["absent"][index]
        spans = _spans(text, absent["text"], absent.get("occurrence"))
        kinds = {absent["kind"]} if "kind" in absent else {"date", "count", "change", "duration"}
        offending = [
            f for f in facts
            if f["zone"] == "body" and f["kind"] in kinds and any(f["start"] < e and s < f["end"] for s, e in spans)
        ]
        assert not offending, f"{absent.get('why', 'must not be a body fact')}: {[(f['kind'], f['text'], f['value']) for f in offending]}"
