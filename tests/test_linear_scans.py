"""Extraction's cost grows linearly with a document (issue 20, item 3). Nothing here is timed: the tests
count work, deterministically. The time and memory per KB of the same inputs at 10 KB, 100 KB and 1 MB are
measured by benchmarks/bench_adversarial.py."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checker.extract as extract
from checker.extract import CLAUSE_BREAK, SENTENCE_END, Spans, last_mark_end, next_mark
from checker.extract.document import extract_document
from checker.ingest.document import Document

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_adversarial import GENERATORS  # noqa: E402

# Characters that make sentences and clauses, and some that do not.
_TEXT = st.text(alphabet=st.sampled_from(list("ab 12.,،؛\n؟!:()")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 90), st.integers(0, 90))
def test_mark_lookups_answer_as_the_searches_they_replace(text, pos, endpos):
    pos, endpos = sorted((min(pos, len(text)), min(endpos, len(text))))
    for pattern in (SENTENCE_END, CLAUSE_BREAK):
        found = pattern.search(text, pos, endpos)
        assert next_mark(pattern, text, pos, endpos) == (found.start() if found else endpos)
        after = pattern.search(text, pos)
        assert next_mark(pattern, text, pos) == (after.start() if after else len(text))
        ends = [m.end() for m in pattern.finditer(text, pos, endpos)]
        assert last_mark_end(pattern, text, pos, endpos) == (ends[-1] if ends else pos)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=30), st.integers(0, 70), st.integers(1, 15))
def test_overlapping_spans_are_those_that_share_a_character(spans, start, length):
    taken = Spans((s, s + n) for s, n in spans)
    end = start + length
    expected = sorted((s, s + n) for s, n in spans if s < end and start < s + n)
    assert sorted(taken.overlapping(start, end)) == expected


def test_a_texts_sentence_and_clause_marks_are_found_in_one_pass_each(monkeypatch):
    """Every fact asks where its sentence and clause end. Asked by a regex search from the fact onward, a
    text without punctuation («0 1 2 … 9999») was read to its end at every number; now the marks of each
    text are listed once and every question is a bisection."""
    passes: list[int] = []
    real = extract._mark_positions.__wrapped__

    def counted(pattern: re.Pattern[str], text: str) -> list[int]:
        passes.append(len(text))
        return real(pattern, text)

    monkeypatch.setattr(extract, "_mark_positions", lru_cache(maxsize=8)(counted))
    lookups = {"n": 0}
    real_next = extract.next_mark

    def next_counted(*args, **kwargs):
        lookups["n"] += 1
        return real_next(*args, **kwargs)

    for module in ("checker.extract.context", "checker.extract.measures", "checker.extract.document", "checker.extract.offices"):
        monkeypatch.setattr(sys.modules[module], "next_mark", next_counted)
    text = GENERATORS["percents"](4000) + GENERATORS["counting"](4000)
    _, facts = extract_document(Document(id="x", path="x", text=text))
    assert len(facts) >= 1000
    assert lookups["n"] >= len(facts)  # a question or more per fact ...
    assert len(passes) <= 4  # ... answered from one pass per text (folded and original) and kind of mark
    assert sum(passes) <= 4 * len(text)


def _python_steps(text: str) -> int:
    """Lines of checker's own code run to extract `text`: a deterministic measure of work."""
    package = str(ROOT / "checker")
    steps = 0

    def local(frame, event, arg):
        nonlocal steps
        steps += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(package) else None

    sys.settrace(calls)
    try:
        extract_document(Document(id="x", path="x", text=text))
    finally:
        sys.settrace(None)
    return steps


# repeated-sentence is left out: its pairwise look for repeated passages is capped at 400 sentences, so its
# cost per KB grows until then (quadratically, within a constant) and is flat after; the benchmark shows it.
@pytest.mark.parametrize("name", [name for name in GENERATORS if name != "repeated-sentence"])
def test_work_grows_linearly_with_a_pathological_document(name):
    """Three times the text, about three times the work (a scan from every token to the end, or a pass over
    every fact so far for each new one, made it nine). Loops in Python are counted; a regex's own
    backtracking is not, and is held by the benchmark."""
    generate = GENERATORS[name]
    extract_document(Document(id="w", path="w", text=generate(300)))  # the language's tables compiled first
    small, large = _python_steps(generate(1200)), _python_steps(generate(3600))
    assert large <= 3.6 * small, (name, small, large)
