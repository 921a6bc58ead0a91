"""Issue 20, item 1: the same input gives the same JSON, byte for byte, whatever the hash seed, the batch
size, the number of workers, the engine (local or Dask) and the order the files are named in.

The corpus is benchmarks/bench_load.py's: documents built from the fixtures' paragraphs with their numbers
varied, so that stories share names, events and values by chance, as an archive's do (eight documents of
5 KB were enough for the hash seed to regroup stories before the orders were made explicit; since counts are
slotted by what they count, 6 KB documents are needed for some to share a story)."""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checker

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_load", ROOT / "benchmarks" / "bench_load.py")
bench_load = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_load)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    bench_load.generate(folder, 8, 6)
    return folder


@pytest.fixture(scope="module")
def reference(corpus) -> str:
    result = checker.check([str(corpus)])
    assert result.findings.height > 5 and result.documents["story"].n_unique() < 8  # stories of several documents
    return result.to_json()


def _files(folder: Path) -> list[str]:
    return sorted(str(path) for path in folder.rglob("*.txt"))


def _cli_json(seed: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", *args, "--format", "json", "--exit-zero", "--no-progress"],
        capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}, cwd=ROOT, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_hash_seed_gives_the_same_json(corpus) -> None:
    outputs = {seed: _cli_json(seed, str(corpus), "--workers", "1") for seed in ("0", "1", "2")}
    assert len(set(outputs.values())) == 1


@pytest.mark.parametrize("options", [{"workers": 1, "batch_size": 1}, {"workers": 2, "batch_size": 7}, {"workers": 2}])
def test_batches_and_workers_give_the_same_json(corpus, reference, options) -> None:
    assert checker.check([str(corpus)], **options).to_json() == reference


def test_the_dask_engine_gives_the_same_json(corpus, reference) -> None:
    assert checker.check([str(corpus)], engine="dask", workers=2, batch_size=3).to_json() == reference


@pytest.mark.parametrize("seed", [1, 2])
def test_files_named_in_any_order_give_the_same_json(corpus, reference, seed) -> None:
    files = _files(corpus)
    random.Random(seed).shuffle(files)
    assert checker.check(files, batch_size=3).to_json() == reference


_PARAGRAPHS = bench_load.paragraphs()


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    documents=st.lists(st.lists(st.integers(0, len(_PARAGRAPHS) - 1), min_size=1, max_size=4), min_size=2, max_size=5),
    order=st.randoms(use_true_random=False),
    batch_size=st.integers(1, 3),
)
def test_small_corpora_give_the_same_json_in_any_order_and_batches(tmp_path_factory, documents, order, batch_size) -> None:
    folder = tmp_path_factory.mktemp("small")
    for i, chosen in enumerate(documents):
        (folder / f"doc{i}.txt").write_text("\n\n".join(_PARAGRAPHS[p] for p in chosen) + "\n", encoding="utf-8")
    files = _files(folder)
    expected = checker.check(files).to_json()
    order.shuffle(files)
    assert checker.check(files, batch_size=batch_size).to_json() == expected
