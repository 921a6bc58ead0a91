"""The repository's CI as a newcomer meets it (issue 19, items 13 and 14): the tests install from wheels and
need no ICU, a workflow runs `.ci/run`, and the example gate workflow passes on the dataset it gates."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml  # PyYAML comes with dask, which the test extra installs

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def _checker(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT)


def _requirement_names(requirements: list[str]) -> set[str]:
    return {requirement.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip().lower() for requirement in requirements}


def test_the_test_extra_leaves_pyicu_to_its_own_extra():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert "pyicu" not in _requirement_names(extras["test"])  # no wheels: it would need libicu-dev and g++
    assert "pyicu" in _requirement_names(extras["icu"])


def test_ci_installs_the_test_extra_from_wheels_without_icu_or_a_compiler():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "--only-binary=:all: \".[test]\"" in script
    assert not any(package in script for package in ("libicu", "g++", "pkg-config"))
    assert "chromium" in script


def test_the_hijri_cross_check_runs_where_pyicu_cannot_be_imported():
    # sys.modules["icu"] = None makes `import icu` fail as on a machine without PyICU
    block_icu = "import sys, pytest; sys.modules['icu'] = None; sys.exit(pytest.main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", block_icu, "-rs", "-p", "no:cacheprovider", "tests/test_calendar_crosscheck.py", "-k", "hijri"],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout and "skipped" not in done.stdout, done.stdout


def test_a_workflow_runs_ci_run_on_python_3_11():
    workflow = yaml.safe_load((WORKFLOWS / "ci.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert job["runs-on"].startswith("ubuntu")
    python = [step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python")]
    assert [step["with"]["python-version"] for step in python] == ["3.11"]
    assert [step["run"] for step in job["steps"] if "run" in step] == [".ci/run"]
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_the_example_gate_workflow_passes_on_the_dataset_it_gates():
    workflow = yaml.safe_load((WORKFLOWS / "claims-gate.yml").read_text(encoding="utf-8"))
    env = workflow["env"]
    (gate_step,) = [step for step in workflow["jobs"]["gate"]["steps"] if step.get("name") == "Gate the dataset"]
    command = shlex.split(gate_step["run"].replace("$DATASET", env["DATASET"]).replace("$GATE_OPTIONS", env["GATE_OPTIONS"]))
    assert command[:2] == ["checker", "gate"]
    done = _checker(*command[1:], "--summary", os.devnull)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "" and done.stderr == ""  # no annotation: every value agrees across its sources
    summary = _checker("gate", *shlex.split(env["DATASET"]), *shlex.split(env["GATE_OPTIONS"]))
    assert summary.stdout.splitlines()[-1] == "gate passed (--fail-on error)"
    assert "0 findings" in summary.stdout and " 0 rejected" in summary.stdout


def test_the_broken_fixture_the_readme_shows_fails_the_same_gate():
    env = yaml.safe_load((WORKFLOWS / "claims-gate.yml").read_text(encoding="utf-8"))["env"]
    done = _checker("gate", "fixtures/claims/claims.csv", *shlex.split(env["GATE_OPTIONS"]), "--format", "github", "--summary", os.devnull)
    assert done.returncode == 1
    assert "::error file=fixtures/claims/claims.csv,line=34," in done.stdout
    assert "title=count-conflict (error)" in done.stdout
