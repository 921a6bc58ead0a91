"""The progress bar of long runs: rich, on standard error, drawn from the engine's progress callback (the
engine itself draws nothing). By default only when standard error is a terminal and not in CI; a run that
ends within `delay` seconds shows nothing at all, so short checks do not flicker."""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Any, Iterator

STAGES = {"extract": "Reading and extracting", "align": "Aligning across sources", "compare": "Comparing"}


def wanted(flag: bool | None) -> bool:
    """--progress / --no-progress, else: stderr is a terminal and this is not a CI job."""
    if flag is not None:
        return flag
    return sys.stderr is not None and sys.stderr.isatty() and not os.environ.get("CI")


class ProgressBar:
    """A callable for `checker.engine.check(progress=...)` that drives a rich progress bar."""

    def __init__(self, console: Any = None, *, delay: float = 0.5):
        self.console = console
        self.delay = delay
        self.started = time.monotonic()
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self.progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            self._start()
        description = STAGES.get(stage, stage)
        if stage == "extract" or total is not None:  # documents, or blocks of stories compared
            self.progress.update(self.task, description=description, completed=done, total=total)
        else:  # a stage without a count: an indeterminate bar
            self.progress.update(self.task, description=description, completed=0, total=None)
        self.progress.refresh()

    def _start(self) -> None:
        from rich.console import Console  # lazy: rich loads only when a bar is drawn
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn  # lazy: as above

        console = self.console or Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task("Reading and extracting", total=None)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@contextmanager
def progress_bar(flag: bool | None) -> Iterator[ProgressBar | None]:
    """The callback to hand the engine (None when no bar is wanted); the bar is gone when the block ends."""
    if not wanted(flag):
        yield None
        return
    console = None
    if flag:  # asked for outright: draw it even where stderr is not a terminal
        from rich.console import Console  # lazy: rich loads only when a bar is drawn

        console = Console(stderr=True, force_terminal=True)
    bar = ProgressBar(console)
    try:
        yield bar
    finally:
        bar.close()
