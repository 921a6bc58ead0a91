"""Shared test fixtures."""

from pathlib import Path

import pytest
from hypothesis import settings

# Tests never assert wall-clock time: hypothesis's default 200 ms deadline per example fails property tests
# on a loaded CI machine, so no test has one.
settings.register_profile("checker", deadline=None)
settings.load_profile("checker")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# External conformance suites live beside the project, never inside it.
CONFORMANCE_DIR = PROJECT_ROOT.parent / "shared" / "conformance"


@pytest.fixture
def conformance_dir() -> Path:
    if not CONFORMANCE_DIR.is_dir():
        pytest.skip(f"conformance suites not found at {CONFORMANCE_DIR}")
    return CONFORMANCE_DIR
