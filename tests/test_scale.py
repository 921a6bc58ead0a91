"""Issue 7: the same results on every executor, per-story comparison, and failures that do not stop a run."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import polars as pl
import pytest

from checker.compare import compare
from checker.engine import check_extraction, check_streamed, extract
from checker.execute import partition_by_key
from checker.execute.local import LocalExecutor
from checker.ingest import read_documents
from checker.schema import SEVERITIES

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


@pytest.fixture
def pool_for_any_size(monkeypatch):
    """The local pool started however little text there is (by default a small run stays in this process)."""
    import checker.engine

    monkeypatch.setattr(checker.engine, "POOL_MIN_CHARS", 0)


@pytest.mark.parametrize("workers", [1, 2])
def test_local_engine_gives_the_reference_row_for_row(reference, workers, pool_for_any_size) -> None:
    result = check_streamed(read_documents(SOURCES), workers=workers, **SMALL)
    assert reference.facts.height > 100 and reference.findings.height > 10  # the fixtures say something
    assert_same(result, reference)


def test_dask_engine_gives_the_local_result_row_for_row(reference, dask_cluster) -> None:
    assert dask_cluster.workers == 2
    assert_same(check_streamed(read_documents(SOURCES), engine=dask_cluster, **SMALL), reference)


def test_a_streamed_run_keeps_its_facts_on_disk_until_asked(reference, monkeypatch) -> None:
    import gc

    import checker.engine as engine
    from checker.execute.spill import SpilledFacts

    monkeypatch.setattr(engine, "SPILL_FACTS", 10)  # a file per few batches, as an archive run writes them
    result = check_streamed(read_documents(SOURCES), workers=1, **SMALL)
    spilled = result.fact_table
    assert isinstance(spilled, SpilledFacts) and len(spilled.files) > 3
    assert [batch.height for batch in result.fact_batches()] == [pl.read_ipc(f).height for f in spilled.files]
    assert result.fact_count == reference.facts.height
    assert_same(result, reference)
    folder = spilled.spill.path
    assert folder.is_dir()
    del result, spilled
    gc.collect()
    assert not folder.exists()  # the run's files go with its result


def test_json_written_piece_by_piece_is_the_rendered_document(reference) -> None:
    import io

    from checker.report.json_reporter import JsonReporter

    streamed = check_streamed(read_documents(SOURCES), workers=1, **SMALL)
    out = io.BytesIO()
    JsonReporter().write(streamed, out)
    assert out.getvalue().decode("utf-8") == JsonReporter().render(reference) + "\n"


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_fact_tables_are_written_file_by_file_as_one_table(monkeypatch, fmt) -> None:
    import io

    import checker.engine as engine
    from checker.engine import extract_streamed
    from checker.report import reporter_for

    monkeypatch.setattr(engine, "SPILL_FACTS", 10)
    streamed = extract_streamed(read_documents(SOURCES), workers=1, batch_size=2)
    assert len(streamed.fact_table.files) > 3
    plain = extract(SOURCES)
    out = io.BytesIO()
    reporter_for(fmt, "facts").write(streamed, out)
    out.seek(0)
    written = pl.read_parquet(out) if fmt == "parquet" else pl.read_csv(out, infer_schema=False)
    assert written["id"].to_list() == plain.facts["id"].to_list()
    assert written["text"].to_list() == plain.facts["text"].to_list()


@pytest.mark.parametrize("facts", [0, 10, 4_999, 5_000, 60_000, 1_000_000, 9_999_999, 250_000_000])
@pytest.mark.parametrize("workers", [1, 2, 64])
def test_comparison_blocks_stay_under_the_cap_however_large_the_run(facts, workers) -> None:
    from checker.engine import MAX_BLOCK_FACTS, MAX_BLOCKS, _blocks_for

    blocks = _blocks_for(facts, workers, 5000)
    assert 1 <= blocks <= MAX_BLOCKS
    assert blocks * MAX_BLOCK_FACTS >= facts or blocks == MAX_BLOCKS
    assert blocks <= max(1, facts // 5000) or blocks * MAX_BLOCK_FACTS < facts + MAX_BLOCK_FACTS


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
    import checker.execute.tasks as tasks
    import checker.extract.document as document

    real = document.extract_document

    def flaky(doc, **options):
        if doc.id == "001_61a39bffd25adfc9":
            raise ValueError("bad\\nthing")
        return real(doc, **options)

    monkeypatch.setattr(tasks, "extract_document", flaky)
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


def test_the_library_call_rejects_a_failing_document_as_the_batch_path_does(monkeypatch) -> None:
    import checker.execute.tasks as tasks
    from checker.engine import extract_documents

    real = tasks.extract_document
    monkeypatch.setattr(
        tasks, "extract_document", lambda doc, **o: (_ for _ in ()).throw(ValueError("bad")) if doc.id == "001_61a39bffd25adfc9" else real(doc, **o)
    )
    extraction = extract_documents(read_documents(SOURCES))
    assert extraction.rejected.to_dicts() == [
        {"path": str(ROOT / "fixtures/seeds/001_61a39bffd25adfc9.txt"), "row": None, "reason": "extraction failed: ValueError: bad"}
    ]
    assert "001_61a39bffd25adfc9" not in extraction.documents["id"].to_list()
    assert extraction.facts.filter(pl.col("doc") == "001_61a39bffd25adfc9").height == 0


def test_the_cli_lists_a_failing_document_in_summary_rejected(monkeypatch) -> None:
    import json

    from typer.testing import CliRunner

    import checker.execute.tasks as tasks
    import checker.extract.document as document
    from checker.cli import app

    real = document.extract_document
    monkeypatch.setattr(
        tasks, "extract_document", lambda doc, **o: (_ for _ in ()).throw(RuntimeError("boom")) if doc.id.startswith("002") else real(doc, **o)
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


def die_on(batch: list[int], poison: int) -> list[int]:
    """Kills its worker process whenever its batch holds `poison` (a document that crashes every time)."""
    if poison in batch:
        os._exit(1)
    return [n * 10 for n in batch]


def test_a_batch_that_kills_every_worker_is_handed_back_and_the_rest_kept() -> None:
    batches = [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]
    with LocalExecutor(2, retries=1) as executor:

        def isolate(batch: list[int]) -> list:
            singles = [[n] for n in batch]
            return [x for part in executor.map_batches(die_on, singles, 5, on_lost=lambda _: ["lost"]) for x in part]

        results = list(executor.map_batches(die_on, batches, 5, on_lost=isolate))
    assert results == [[0, 10], [20, 30], [40, "lost"], [60, 70], [80, 90]]


def sleep_or_die_on(batch: list[int], poison: int) -> list[int]:
    """Kills its worker on `poison`; every other batch takes long enough to be in flight when that happens."""
    if poison in batch:
        os._exit(1)
    time.sleep(0.5)
    return [n * 10 for n in batch]


def test_a_batch_in_flight_beside_a_killer_is_never_blamed_for_its_deaths() -> None:
    # [0] is still running each time [1] kills the pool; counting those deaths against [0] lost it at random.
    with LocalExecutor(2, retries=1) as executor:
        results = list(executor.map_batches(sleep_or_die_on, [[0], [1], [2]], 1, on_lost=lambda _: "lost"))
    assert results == [[0], "lost", [20]]


class PoisonedExecutor:
    """In this process; a batch holding the poisoned document is lost as a dead worker's would be."""

    workers = 1

    def __init__(self, poisoned: str) -> None:
        self.poisoned = poisoned

    def map_batches(self, fn, batches, *args, on_lost=None):
        for batch in batches:
            yield on_lost(batch) if self.poisoned in batch.column("id").to_pylist() else fn(batch, *args)

    def apply_groups(self, fn, blocks, *args):
        return self.map_batches(fn, blocks, *args)


def test_a_document_that_kills_its_worker_every_time_is_rejected_alone(reference) -> None:
    poisoned = "blast_ar"
    assert poisoned in reference.documents["id"].to_list()
    result = check_streamed(read_documents(SOURCES), engine=PoisonedExecutor(poisoned), **SMALL)
    assert [r["reason"] for r in result.rejected.to_dicts()] == [
        "extraction killed its worker process on every attempt (a crash, or out of memory)"
    ]
    assert result.rejected["path"].str.ends_with(f"{poisoned}.txt").all()
    assert result.documents["id"].to_list() == [d for d in reference.documents["id"].to_list() if d != poisoned]
    kept = reference.facts.filter(pl.col("doc") != poisoned)
    assert result.facts["id"].to_list() == kept["id"].to_list()


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


@pytest.mark.parametrize("command", [["facts", *SOURCES], ["check", SOURCES[0], "--against", SOURCES[1]]])
def test_facts_and_editor_mode_give_the_same_output_on_one_worker_and_two(command, pool_for_any_size) -> None:
    from typer.testing import CliRunner

    from checker.cli import app

    common = [*command, "--format", "json", "--batch-size", "2"]
    one = CliRunner().invoke(app, [*common, "--workers", "1"])
    two = CliRunner().invoke(app, [*common, "--workers", "2"])
    assert one.exit_code == two.exit_code and one.exit_code in (0, 1)
    assert len(json.loads(one.stdout)["facts"]) > 50
    assert two.stdout == one.stdout


def test_a_scheduler_without_the_dask_engine_is_a_usage_error() -> None:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "checker", "check", SOURCES[0], "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, text=True
    )
    assert run.returncode == 2 and run.stderr.strip() == "checker: --scheduler needs --engine dask"


def test_worker_processes_use_the_callers_configuration(pool_for_any_size) -> None:
    # Spawned workers start without [tool.checker]; the engine hands them the configuration it applied.
    from checker.config import Config
    from checker.engine import check

    text = "NATO frobnicated eight Russian diplomats on Wednesday, 6 October 2021, the alliance said."
    config = Config(events={"en": {"expel": ("frobnicated",)}})
    result = check([text, text.replace("NATO", "The alliance")], texts=True, workers=2, batch_size=1, config=config)
    assert result.facts["event"].to_list() == ["expel"] * 4


def test_a_small_run_starts_no_pool_whatever_the_workers(monkeypatch) -> None:
    """Below POOL_MIN_CHARS of text, spawning workers would cost more than it saves: the run stays here."""
    from checker.engine import check

    def no_pool(self):
        raise AssertionError("a pool was started for a small run")

    monkeypatch.setattr(LocalExecutor, "_ensure_pool", no_pool)
    text = "NATO expelled eight Russian diplomats on Wednesday, 6 October 2021, the alliance said."
    result = check([text, text.replace("NATO", "The alliance")], texts=True, workers=2, batch_size=1)
    assert result.facts.height > 0
