"""Start-up: what each command imports, and the built tables kept between runs (checker/cache.py).

No time is asserted (benchmarks/bench_extract.py measures them); what is checked is what makes a command
slow or fast: the modules it loads, and that the stored tables give the same facts as tables built fresh."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "cases" / "check" / "beirut_port" / "01_reuters_en.txt"
SOURCES = sorted((ROOT / "tests" / "cases" / "check" / "beirut_port").glob("*.txt"))[1:3]

# Modules a command loads only when it needs them: the HTML report, HTML input, the process pool and its
# tasks, Dask, the progress bar.
HEAVY = ("checker.report.html_reporter", "trafilatura", "lxml", "checker.execute", "dask", "distributed", "rich")

REPORT_MODULES = """
import contextlib, io, json, sys
sys.argv = ["checker", *json.loads(sys.argv[1])]
from checker.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print("MODULES", json.dumps(sorted(sys.modules)))
"""


def imported_by(*arguments: str, cache_dir: Path) -> set[str]:
    """The modules loaded by `checker ARGUMENTS` run in a fresh interpreter (its output to a file)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "CHECKER_CACHE_DIR": str(cache_dir)}
    environment.pop("FORCE_COLOR", None)
    run = subprocess.run(
        [sys.executable, "-c", REPORT_MODULES, json.dumps(list(arguments))],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=environment,
    )
    line = next(line for line in run.stdout.splitlines() if line.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def loaded(modules: set[str], prefixes: tuple[str, ...]) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)}


def test_help_loads_no_frames_and_convert_no_reporter_pool_or_html(tmp_path) -> None:
    assert loaded(imported_by("--help", cache_dir=tmp_path), ("polars", *HEAVY)) == set()
    output = tmp_path / "out.json"
    converted = imported_by("convert", "۱۴ مهر ۱۴۰۰", "--format", "json", "-o", str(output), cache_dir=tmp_path)
    assert json.loads(output.read_text(encoding="utf-8"))["value"] == "2021-10-06"
    assert loaded(converted, ("checker.report", "checker.engine", "checker.align", *HEAVY)) == set()


@pytest.mark.parametrize("editor", [False, True])
def test_a_one_file_check_loads_its_reporter_only_and_no_pool(tmp_path, editor) -> None:
    against = [arg for source in SOURCES for arg in ("--against", str(source))] if editor else []
    output = tmp_path / "out.json"
    modules = imported_by("check", str(ARTICLE), *against, "--format", "json", "--exit-zero", "-o", str(output), cache_dir=tmp_path)
    assert json.loads(output.read_text(encoding="utf-8"))["facts"]
    assert "checker.report.json_reporter" in modules
    assert loaded(modules, ("checker.report.html_reporter", "checker.report.sarif_reporter", "trafilatura", "dask", "rich")) == set()


def test_an_unwritable_cache_is_ignored(tmp_path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")  # the cache folder cannot be made under a file
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "CHECKER_CACHE_DIR": str(blocked / "cache")}
    run = subprocess.run(
        [sys.executable, "-m", "checker", "convert", "۱۴ مهر ۱۴۰۰", "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=environment,
    )
    assert run.returncode == 0 and run.stderr == ""
    assert json.loads(run.stdout)["jalali"] == "1400-07-14"


def test_a_corrupt_store_is_rebuilt(tmp_path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "CHECKER_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "checker", "convert", "29 صفر 1443هـ", "--format", "json"]
    first = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=environment)
    (store,) = tmp_path.glob("tables-*.pickle")
    store.write_bytes(b"not a pickle")
    second = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=environment)
    assert first.returncode == second.returncode == 0 and second.stderr == ""
    assert second.stdout == first.stdout
    assert store.read_bytes() != b"not a pickle"  # written again whole


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path) -> None:
    from checker.cache import cache_dir

    monkeypatch.delenv("CHECKER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "checker"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "checker"
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
