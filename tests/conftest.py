"""Shared test fixtures."""

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# External conformance suites live beside the project, never inside it.
CONFORMANCE_DIR = PROJECT_ROOT.parent / "shared" / "conformance"


@pytest.fixture
def conformance_dir() -> Path:
    if not CONFORMANCE_DIR.is_dir():
        pytest.skip(f"conformance suites not found at {CONFORMANCE_DIR}")
    return CONFORMANCE_DIR
