"""checker: a cross-source consistency checker for news facts.

The pipeline runs ingest -> normalise -> extract -> align -> compare -> report;
front ends (CLI, HTML report, dataset gate) only call it.
"""

from importlib import import_module

_API = {"check": "checker.engine", "extract": "checker.engine", "extract_text": "checker.engine", "Result": "checker.schema"}


def __getattr__(name: str):
    """checker.check(paths or texts) -> Result and checker.extract(paths), imported on first use so that
    `checker --version` does not load polars; __version__ likewise on first use."""
    if name in _API:
        return getattr(import_module(_API[name]), name)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # lazy: slow to import; read only when asked

        try:
            found = version("checker")
        except PackageNotFoundError:  # running from a source tree that was never installed
            found = "0.0.0"
        globals()["__version__"] = found
        return found
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
