"""checker: a cross-source consistency checker for news facts.

The pipeline runs ingest -> normalise -> extract -> align -> compare -> report;
front ends (CLI, HTML report, dataset gate) only call it.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("checker")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

_API = {"check": "checker.engine", "extract": "checker.engine", "extract_text": "checker.engine", "Result": "checker.schema"}


def __getattr__(name: str):
    """checker.check(paths or texts) -> Result and checker.extract(paths), imported on first use so that
    `checker --version` does not load polars."""
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
