"""Issue 7: the same results on every executor, per-story comparison, and failures that do not stop a run."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest

from checker.compare import compare
from checker.compare.finding import SEVERITIES
from checker.engine import check_extraction, check_streamed, extract
from checker.execute import partition_by_key
from checker.execute.local import LocalExecutor
from checker.ingest import read_documents

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [str(ROOT / "fixtures" / "seeds"), str(ROOT / "fixtures" / "stories")]
# Small batches and blocks, so that even the fixtures go through several batches, workers and blocks.
SMALL = {"batch_size": 3, "block_facts": 10}


@pytest.fixture(scope="module")
def reference():
    """The plain in-process pipeline: extract every document, align, compare all facts at once."""
    return check_extraction(extract(SOURCES))


@pytest.fixture(scope="module")
def dask_cluster():
    from checker.execute.cluster import DaskExecutor

    executor = DaskExecutor(workers=2)
    yield executor
    executor.close()


def assert_same(result, reference) -> None:
    assert result.documents.equals(reference.documents)
    assert result.facts.equals(reference.facts)
    assert result.findings.equals(reference.findings)
    assert result.rejected.equals(reference.rejected)


@pytest.mark.parametrize("workers", [1, 2])
def test_local_engine_gives_the_reference_row_for_row(reference, workers) -> None:
    result = check_streamed(read_documents(SOURCES), workers=workers, **SMALL)
    assert reference.facts.height > 100 and reference.findings.height > 10  # the fixtures say something
    assert_same(result, reference)


def test_dask_engine_gives_the_local_result_row_for_row(reference, dask_cluster) -> None:
    assert dask_cluster.workers == 2
    assert_same(check_streamed(read_documents(SOURCES), engine=dask_cluster, **SMALL), reference)


def sort_findings(frame: pl.DataFrame) -> pl.DataFrame:
    order = pl.col("severity").replace_strict({s: i for i, s in enumerate(SEVERITIES)}, return_dtype=pl.Int8)
    return frame.sort(order, "story", "rule", "id", nulls_last=True)


def test_comparison_is_story_local(reference) -> None:
    facts = reference.facts
    per_story = [compare(facts.filter(pl.col("story").eq_missing(story))) for story in facts["story"].unique()]
    assert len(per_story) > 3
    assert sort_findings(pl.concat(per_story)).equals(compare(facts))
    for partitions in (2, 3, 7):  # and hashed into blocks of whole stories
        blocks = partition_by_key(facts.to_arrow(), "story", partitions)
        stories = [set(pl.from_arrow(b)["story"].to_list()) for b in blocks]
        assert sum(map(len, stories)) == len(set().union(*stories))  # no story in two blocks
        found = pl.concat([compare(pl.from_arrow(b)) for b in blocks])
        assert sort_findings(found).equals(compare(facts))


def test_a_document_whose_extraction_raises_is_rejected_and_the_rest_checked(monkeypatch, reference) -> None:
    import checker.extract.document as document

    real = document.extract_document

    def flaky(doc, **options):
        if doc.id == "001_61a39bffd25adfc9":
            raise ValueError("bad\\nthing")
        return real(doc, **options)

    monkeypatch.setattr(document, "extract_document", flaky)
    result = check_streamed(read_documents(SOURCES), workers=1, **SMALL)
    rejected = result.rejected.to_dicts()
    assert rejected == [
        {"path": str(ROOT / "fixtures/seeds/001_61a39bffd25adfc9.txt"), "row": None, "reason": "extraction failed: ValueError: bad\\nthing"}
    ]
    assert result.documents.height == reference.documents.height - 1
    assert result.facts.filter(pl.col("doc") == "001_61a39bffd25adfc9").height == 0
    kept = reference.facts.filter(pl.col("doc") != "001_61a39bffd25adfc9")
    assert result.facts["id"].to_list() == kept["id"].to_list()
    assert result.findings.height > 0


def test_the_cli_lists_a_failing_document_in_summary_rejected(monkeypatch) -> None:
    import json

    from typer.testing import CliRunner

    import checker.extract.document as document
    from checker.cli import app

    real = document.extract_document
    monkeypatch.setattr(
        document, "extract_document", lambda doc, **o: (_ for _ in ()).throw(RuntimeError("boom")) if doc.id.startswith("002") else real(doc, **o)
    )
    run = CliRunner().invoke(app, ["check", SOURCES[0], "--format", "json", "--workers", "1", "--exit-zero"])
    assert run.exit_code == 2  # unreadable input: written out, then exit 2 (the contract)
    summary = json.loads(run.stdout)["summary"]
    assert summary["documents"] == 4 and [r["reason"] for r in summary["rejected"]] == ["extraction failed: RuntimeError: boom"]


def die_once(batch: list[int], marker: str) -> list[int]:
    """Kills its worker process the first time it sees batch [4, 5] (a worker lost mid-run)."""
    if batch == [4, 5] and not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(1)
    return [n * 10 for n in batch]


def test_a_dead_pool_worker_is_replaced_and_its_batch_resubmitted_once(tmp_path) -> None:
    batches = [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]
    with LocalExecutor(2) as executor:
        results = list(executor.map_batches(die_once, batches, str(tmp_path / "died")))
    assert (tmp_path / "died").exists()
    assert results == [[n * 10 for n in b] for b in batches]  # nothing lost, nothing twice, in order


def test_a_lost_dask_worker_is_retried(tmp_path, dask_cluster) -> None:
    batches = [[0, 1], [2, 3], [4, 5], [6, 7]]
    results = list(dask_cluster.map_batches(die_once, batches, str(tmp_path / "died")))
    assert (tmp_path / "died").exists()
    assert results == [[n * 10 for n in b] for b in batches]


def test_the_cli_runs_on_a_dask_scheduler_address_with_the_local_result(dask_cluster) -> None:
    import json

    from typer.testing import CliRunner

    from checker.cli import app

    address = dask_cluster._client.scheduler.address
    common = ["check", *SOURCES, "--format", "json", "--exit-zero", "--batch-size", "4"]
    local = CliRunner().invoke(app, [*common, "--workers", "1"])
    remote = CliRunner().invoke(app, [*common, "--engine", "dask", "--scheduler", address])
    assert local.exit_code == remote.exit_code == 0
    assert json.loads(remote.stdout) == json.loads(local.stdout)


def test_a_scheduler_without_the_dask_engine_is_a_usage_error() -> None:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "checker", "check", SOURCES[0], "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, text=True
    )
    assert run.returncode == 2 and run.stderr.strip() == "checker: --scheduler needs --engine dask"


def test_worker_processes_use_the_callers_configuration() -> None:
    # Spawned workers start without [tool.checker]; the engine hands them the configuration it applied.
    from checker.config import Config, apply_config
    from checker.engine import check

    text = "NATO frobnicated eight Russian diplomats on Wednesday, 6 October 2021, the alliance said."
    apply_config(Config(events={"en": {"expel": ("frobnicated",)}}))
    try:
        result = check([text, text.replace("NATO", "The alliance")], texts=True, workers=2, batch_size=1)
    finally:
        apply_config(Config())
    assert result.facts["event"].to_list() == ["expel"] * 4
