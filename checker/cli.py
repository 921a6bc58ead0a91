"""The `checker` command: a thin Typer front end over the engine. Each command parses options, calls the
engine and hands the result to a formatter; no checking logic lives here."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import signal
import stat
import sys
import tempfile
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, Iterator, Optional

import typer

from checker.config import load_config
from checker.errors import CheckerError
from checker.lang import LANGUAGES
from checker.progress import progress_bar

if TYPE_CHECKING:
    from checker.config import Config
    from checker.engine import RunOptions

app = typer.Typer(
    name="checker",
    help="Cross-source consistency checker for news facts in Arabic, Persian and English.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    csv = "csv"
    parquet = "parquet"


class FactsFormat(str, Enum):
    """What `checker facts` writes: facts are no findings, so the annotation formats (sarif, junit, github)
    have nothing to say about them and are not offered."""

    text = "text"
    json = "json"
    html = "html"
    csv = "csv"
    parquet = "parquet"


class ConvertFormat(str, Enum):
    text = "text"
    json = "json"


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


# --lang: auto or a language of checker/lang (a language added there is an option here without an edit).
Lang = Enum("Lang", {"auto": "auto", **{code: code for code in LANGUAGES}}, type=str)  # type: ignore[misc]


class CalendarHint(str, Enum):
    gregorian = "gregorian"
    hijri = "hijri"
    jalali = "jalali"


def _version(value: bool) -> None:
    if value:
        from checker import __version__  # lazy: importlib.metadata is slow to import

        typer.echo(f"checker {__version__}")
        raise typer.Exit()


def _parse_reference(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CheckerError(f"--published {value!r} is not an ISO date (YYYY-MM-DD)") from None


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Cross-source consistency checker for news facts."""


# Options every fact command shares (the contract lists them).
PathsArgument = Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE instead of standard output.")]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")]
ExitZeroOption = Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings are reported.")]
BaselineOption = Annotated[Optional[Path], typer.Option("--baseline", help="Accepted findings (TOML).")]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of the sources, or auto to detect.")]
PublishedOption = Annotated[
    Optional[str], typer.Option("--published", help="Reference date (YYYY-MM-DD) for a source whose date is unknown.")
]
EngineOption = Annotated[
    Engine, typer.Option("--engine", help="Where the work runs: local processes, or Dask (pip install 'checker[dask]').")
]
WorkersOption = Annotated[
    Optional[int], typer.Option("--workers", min=1, help="Worker processes (default: all cores; 1 = this process only).")
]
SchedulerOption = Annotated[
    Optional[str], typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster.")
]
BatchSizeOption = Annotated[
    int, typer.Option("--batch-size", min=1, help="Documents per batch; memory grows with it, not with the corpus.")
]
TimeLimitOption = Annotated[
    Optional[float],
    typer.Option(
        "--time-limit",
        min=0,
        help="Seconds one document's extraction may take before it is rejected (default: 60; 0: no limit).",
    ),
]
ProgressOption = Annotated[
    Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: when stderr is a terminal).")
]


@app.command()
def check(
    paths: PathsArgument,
    against: Annotated[
        Optional[list[str]],
        typer.Option(
            "--against",
            help="Editor mode: PATHs are drafts checked against these sources (repeat for more); only findings "
            "that involve a draft are reported, at the draft's line and column.",
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.text,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOn.error,
    exit_zero: ExitZeroOption = False,
    baseline: BaselineOption = None,
    lang: LangOption = Lang.auto,
    published: PublishedOption = None,
    progress: ProgressOption = None,
    stdin_filename: Annotated[
        Optional[str], typer.Option("--stdin-filename", help="The file name to report for '-' (standard input).")
    ] = None,
    engine: EngineOption = Engine.local,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    batch_size: BatchSizeOption = 100,
    time_limit: TimeLimitOption = None,
) -> None:
    """Extract facts from every source, align them across sources, print findings."""
    import polars as pl  # lazy: `--help` and `convert` need no frames

    from checker.baseline import apply_baseline, load_baseline  # lazy: as above
    from checker.engine import check as run_check  # lazy: the engine and reporters load polars-heavy stages
    from checker.report import reporter_for  # lazy: as above
    from checker.report.base import refuse_binary_to_terminal  # lazy: as above

    config = load_config(Path.cwd())  # [tool.checker] of ./pyproject.toml: event words and aliases
    reporter = reporter_for(output_format.value, "check")
    refuse_binary_to_terminal(reporter, output)
    entries = load_baseline(baseline) if baseline else []
    options = _run_options(config, lang, published, engine, workers, scheduler, batch_size, time_limit)
    with progress_bar(progress) as bar:
        if against:
            from checker.editor import check_drafts  # lazy: only editor mode needs it

            result = check_drafts(paths, against, options, stdin_filename=stdin_filename, keep_texts=reporter.needs_texts, progress=bar)
        else:
            result = run_check(paths, options, keep_texts=reporter.needs_texts, progress=bar)
            if stdin_filename is not None:
                result = _rename_stdin(result, stdin_filename)
    outcome = apply_baseline(result.findings, entries, dt.date.today())
    result = replace(result, findings=outcome.findings)
    _emit_report(reporter, result, output)
    _summary_to_stderr(result, output)
    for entry in outcome.stale:
        sys.stderr.write(f"checker: {baseline}: stale baseline entry {entry.id} matches no finding ({entry.reason})\n")
    for entry in outcome.expired:
        sys.stderr.write(f"checker: {baseline}: baseline entry {entry.id} expired on {entry.expires.isoformat()}\n")
    _exit_for_rejected(result.rejected)
    if not exit_zero and fail_on is not FailOn.never:
        failing = ("error",) if fail_on is FailOn.error else ("error", "warning")
        live = outcome.findings.filter(~pl.col("accepted") & pl.col("severity").is_in(failing))
        if live.height:
            raise typer.Exit(1)


def _rename_stdin(result, name: str):
    """`-` reported under --stdin-filename: the path a user (or editor) knows the text by."""
    import polars as pl  # lazy: as in check
    documents = result.documents.with_columns(path=pl.when(pl.col("path") == "-").then(pl.lit(name)).otherwise(pl.col("path")))
    rejected = result.rejected.with_columns(path=pl.when(pl.col("path") == "-").then(pl.lit(name)).otherwise(pl.col("path")))
    return replace(result, documents=documents, rejected=rejected)


@app.command()
def facts(
    paths: PathsArgument,
    output_format: Annotated[FactsFormat, typer.Option("--format", help="Output format (html: a table of each source's facts with their quotes).")] = FactsFormat.text,
    output: OutputOption = None,
    lang: LangOption = Lang.auto,
    published: PublishedOption = None,
    progress: ProgressOption = None,
    engine: EngineOption = Engine.local,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    batch_size: BatchSizeOption = 100,
    time_limit: TimeLimitOption = None,
) -> None:
    """Extract and print facts only (no alignment)."""
    from checker.engine import count_inputs, extract_streamed  # lazy: the engine loads polars-heavy stages
    from checker.ingest import read_documents  # lazy: as above
    from checker.report import reporter_for  # lazy: as above
    from checker.report.base import refuse_binary_to_terminal  # lazy: as above

    config = load_config(Path.cwd())  # [tool.checker] of ./pyproject.toml: event words and aliases
    reporter = reporter_for(output_format.value, "facts")
    refuse_binary_to_terminal(reporter, output)
    options = _run_options(config, lang, published, engine, workers, scheduler, batch_size, time_limit)
    with progress_bar(progress) as bar:
        total = count_inputs(paths) if bar is not None else None
        result = extract_streamed(read_documents(paths), options, total=total, progress=bar, keep_texts=reporter.needs_texts)
    _emit_report(reporter, result, output)
    _summary_to_stderr(result, output)
    _exit_for_rejected(result.rejected)


def _summary_to_stderr(result, output: Optional[Path]) -> None:
    """With -o the terminal would otherwise show nothing: the run's one-line summary goes to standard error."""
    if output is not None:
        from checker.report.text_reporter import summary_line  # lazy: reporters load polars-heavy stages

        sys.stderr.write(f"checker: wrote {output}: {summary_line(result)}\n")


def _run_options(
    config: Config,
    lang: Lang,
    published: str | None,
    engine: Engine,
    workers: int | None,
    scheduler: str | None,
    batch_size: int,
    time_limit: float | None,
) -> RunOptions:
    """The engine's options from the command line's and the user's configuration."""
    from checker.engine import RunOptions  # lazy: the engine loads polars-heavy stages

    reference = _parse_reference(published)
    if scheduler is not None and engine is not Engine.dask:
        raise CheckerError("--scheduler needs --engine dask")
    limit = {} if time_limit is None else {"time_limit": time_limit or None}  # None: the engine's default
    return RunOptions(
        lang=None if lang is Lang.auto else lang.value,
        published=reference,
        config=config,
        engine=engine.value,
        workers=workers,
        scheduler=scheduler,
        batch_size=batch_size,
        **limit,
    )


@app.command()
def gate(
    datasets: Annotated[list[str], typer.Argument(help="Tables of claims: CSV, Parquet, JSON Lines, JSON.")],
    output_format: FormatOption = OutputFormat.text,
    output: OutputOption = None,
    fail_on: Annotated[
        Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that makes the exit code 1 (default: [tool.checker.gate] fail_on, else error).")
    ] = None,
    exit_zero: ExitZeroOption = False,
    baseline: BaselineOption = None,
    lang: LangOption = Lang.auto,
    progress: ProgressOption = None,
    columns: Annotated[
        Optional[list[str]], typer.Option("--columns", help="Map fields to columns: subject=person,value=stated (repeatable).")
    ] = None,
    alias_file: Annotated[
        Optional[Path], typer.Option("--alias-file", help="TOML: a name = [its other spellings], for subjects across scripts.")
    ] = None,
    summary: Annotated[
        Optional[Path], typer.Option("--summary", help="Also write the Markdown job summary here (default: $GITHUB_STEP_SUMMARY when set).")
    ] = None,
) -> None:
    """CI gate for tables of claims: fail when the table contradicts itself."""
    from checker.gate.command import run_gate_command  # lazy: the gate loads polars-heavy stages

    code = run_gate_command(
        datasets,
        config=load_config(Path.cwd()),
        output_format=output_format.value,
        output=output,
        fail_on=fail_on.value if fail_on else None,
        exit_zero=exit_zero,
        baseline=baseline,
        lang=None if lang is Lang.auto else lang.value,
        columns=columns,
        alias_file=alias_file,
        summary=summary,
        emit=_emit,
        emit_report=_emit_report,
    )
    if code:
        raise typer.Exit(code)


@app.command()
def rules(
    output_format: Annotated[RulesFormat, typer.Option("--format", help="Output format.")] = RulesFormat.text,
) -> None:
    """List every rule: name, type, default severity, scope and what it checks. Scope `check`: the comparison
    rules (the gate applies date-conflict and count-conflict of them too); `both`: the term rules articles
    and tables of claims share; `gate`: the gate's own, for tables of claims; `editor`: unused-ignore, editor mode's warning at an ignore comment that suppresses
    nothing (`check DRAFT --against SOURCE`)."""
    from checker.compare.rules import SHARED, all_rules  # lazy: loading every rule module is for this command only
    from checker.editor import UNUSED_IGNORE  # lazy: as above
    from checker.gate.rules import own_rules  # lazy: as above

    listed = [
        *({"name": r.name, "type": r.type, "severity": r.severity, "scope": "both" if r.name in SHARED else "check", "summary": r.summary}
          for r in all_rules()),
        *({"name": r.name, "type": r.type, "severity": r.severity, "scope": "gate", "summary": r.summary} for r in own_rules()),
        {
            "name": UNUSED_IGNORE, "type": "internal", "severity": "warning", "scope": "editor",
            "summary": "an ignore comment in a draft that suppresses no finding, or names no rule: remove it.",
        },
    ]  # fmt: skip
    if output_format is RulesFormat.json:
        typer.echo(json.dumps(listed, ensure_ascii=False))
        return
    typer.echo(f"{'RULE':24} {'TYPE':9} {'SEVERITY':8} {'SCOPE':6} SUMMARY")
    for rule in listed:
        typer.echo(f"{rule['name']:24} {rule['type']:9} {rule['severity']:8} {rule['scope']:6} {rule['summary']}")


@app.command()
def convert(
    text: Annotated[str, typer.Argument(help="Dates, e.g. '۱۴ مهر ۱۴۰۰', '29 صفر 1443هـ', '6-8 October 2021', '14/7/1400'.")],
    output_format: Annotated[ConvertFormat, typer.Option("--format", help="Output format.")] = ConvertFormat.text,
    output: OutputOption = None,
    lang: LangOption = Lang.auto,
    calendar: Annotated[
        Optional[CalendarHint], typer.Option("--calendar", help="Calendar of an all-digit date without a marker.")
    ] = None,
    published: Annotated[
        Optional[str],
        typer.Option("--published", help="Publication date (YYYY-MM-DD): fills a missing year, places relative dates (yesterday) and two-digit years."),
    ] = None,
) -> None:
    """Dates in any calendar, script or wording (one, a range or a list) -> the same days in all three calendars."""
    from checker.convert import convert as convert_date  # lazy: `--version` need not load the calendars
    from checker.convert import describe  # lazy: as above

    result = convert_date(
        text,
        None if lang is Lang.auto else lang.value,
        calendar=calendar.value if calendar else None,
        reference=_parse_reference(published),
    )
    if output_format is ConvertFormat.json:
        rendered = json.dumps(result.to_json(), ensure_ascii=False)
    else:
        rendered = "\n".join([describe(result), *(f"note: {note}" for note in result.notes)])
    _emit(rendered, output)


def _emit_report(reporter, result, output: Optional[Path]) -> None:
    """A report written piece by piece where its format can (JSON of a streamed run: its facts are read
    from disk a stretch at a time), else rendered whole."""
    from checker.report.base import Reporter  # lazy: reporters load polars-heavy stages; `convert` uses none

    # A terminal obeys the escape sequences a source may carry: what goes there is rendered whole and shown.
    if type(reporter).write is Reporter.write or (output is None and sys.stdout.isatty()):
        _emit(reporter.render(result), output)
        return
    if output is None:
        if reporter.binary and sys.stdout.isatty():
            raise CheckerError("binary output: write it to a file with -o FILE")
        with _reader_may_leave():
            sys.stdout.flush()
            reporter.write(result, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        return
    try:
        with _replacing(output) as out:
            reporter.write(result, out)
    except OSError as error:
        raise CheckerError(f"cannot write: {error.strerror}", path=str(output)) from None


def _emit(rendered: str | bytes, output: Optional[Path]) -> None:
    if isinstance(rendered, bytes):
        if output is None:
            if sys.stdout.isatty():
                raise CheckerError("binary output: write it to a file with -o FILE")
            with _reader_may_leave():
                sys.stdout.buffer.write(rendered)
                sys.stdout.buffer.flush()
            return
        _write(output, rendered)
        return
    if output is None:
        if sys.stdout.isatty():  # files and pipes get the document exact; a terminal would obey its controls
            from checker.report.text_reporter import visible_lines  # lazy: reporters load polars-heavy stages

            rendered = visible_lines(rendered)
        with _reader_may_leave():
            typer.echo(rendered)
            sys.stdout.flush()
        return
    _write(output, (rendered + "\n").encode("utf-8"))


@contextlib.contextmanager
def _reader_may_leave() -> Iterator[None]:
    """Standard output whose reader may leave (`checker check ... | head -1`): the rest of the report goes
    nowhere, quietly, and the run ends with the exit code its findings and rejections give."""
    try:
        yield
    except OSError as error:  # BrokenPipeError from Python; a plain OSError "Broken pipe" from polars
        if not isinstance(error, BrokenPipeError) and os.strerror(errno.EPIPE) not in str(error):
            raise
        # What is still buffered for stdout would fail again at exit: it goes to /dev/null instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _write(output: Path, data: bytes) -> None:
    try:
        with _replacing(output) as out:
            out.write(data)
    except OSError as error:
        raise CheckerError(f"cannot write: {error.strerror}", path=str(output)) from None


@contextlib.contextmanager
def _replacing(output: Path) -> Iterator[BinaryIO]:
    """A new file beside `output`, renamed onto it once written whole: a full disk, an error or a kill
    mid-report leaves the old report as it was (and no temporary file), never a truncated one."""
    if output.exists() and not output.is_file():  # a device or pipe (-o /dev/stdout) cannot be replaced
        with output.open("wb") as out:
            yield out
        return
    mode = stat.S_IMODE(output.stat().st_mode) if output.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())  # on disk before the rename, so a crash cannot leave a renamed empty file
        os.chmod(temporary, mode)
        os.replace(temporary, output)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _exit_for_rejected(rejected) -> None:
    """Inputs that could not be read: one line each on stderr, and exit code 2 once the rest is written."""
    if rejected.height == 0:
        return
    from checker.report.text_reporter import visible  # lazy: reporters load polars-heavy stages

    for row in rejected.iter_rows(named=True):
        where = row["path"] if row["row"] is None else f"{row['path']}:row {row['row']}"
        # A file name is input too: its bidi controls are shown, not obeyed.
        sys.stderr.write(f"checker: {visible(where)}: {visible(' '.join(str(row['reason']).split()))}\n")
    raise typer.Exit(2)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # unwinds as Ctrl-C does: workers ended, temporary files removed


def main() -> None:
    """Entry point: usage errors and bad input end as one line on stderr and exit code 2, never a traceback."""
    signal.signal(signal.SIGTERM, _terminated)
    try:
        # Without standalone mode Click returns the code of a typer.Exit instead of raising it.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except CheckerError as error:
        _fail(str(error))
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        _fail("aborted")
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as error:  # noqa: BLE001 - the contract forbids tracebacks
        if _no_space(error):
            _fail(f"no space left on device: the run's temporary files go to {tempfile.gettempdir()}; free space there or set TMPDIR to a larger disk")
        # Click's usage errors carry their own message and exit code; Typer re-raises them here.
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            _fail(error.format_message(), getattr(error, "exit_code", 2) or 2)
        if os.environ.get("CHECKER_DEBUG"):
            raise
        _fail(f"internal error: {type(error).__name__}: {error} (set CHECKER_DEBUG=1 for a traceback)")
    sys.exit(0)


def _no_space(error: BaseException) -> bool:
    """A full disk, as Python (OSError ENOSPC) or Arrow and polars (their message) report it."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return True
    return os.strerror(errno.ENOSPC) in str(error)


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(f"checker: {' '.join(message.split())}\n")
    sys.exit(code)
