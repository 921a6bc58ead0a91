"""checker: a cross-source consistency checker for news facts.

The pipeline runs ingest -> normalise -> extract -> align -> compare -> report;
front ends (CLI, HTML report, dataset gate) only call it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("checker")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
