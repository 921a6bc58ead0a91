"""`--format github`: GitHub Actions workflow commands, one annotation per finding, so a pull request shows
each finding on the line of the article (or draft) it concerns.

    ::error file=drafts/a.md,line=3,col=14,endLine=3,endColumn=21,title=date-conflict (error)::message

error -> ::error, warning -> ::warning, info -> ::notice. Findings accepted by a baseline are left out (they
were reviewed), and inputs that could not be read become ::error lines on their file."""

from __future__ import annotations

from typing import Any

from checker.report.base import Reporter
from checker.report.locations import Locator, findings_rows

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """The message part: % first, so nothing is encoded twice."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value: also ':' and ',', which would end the value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"
    commands = ("check", "gate")

    def render(self, result: Any) -> str:
        locator = Locator(result)
        lines = []
        for finding in findings_rows(result):
            if finding.get("accepted"):
                continue
            loc = locator.finding(finding)
            props = [f"file={escape_property(loc.path)}", f"line={loc.line}", f"col={loc.col}"]
            if loc.end_line is not None and loc.end_col is not None:
                props += [f"endLine={loc.end_line}", f"endColumn={loc.end_col}"]
            title = f"{finding['rule']} ({finding['severity']})"
            props.append(f"title={escape_property(title)}")
            # line= is the file's line; a table's data row stands beside it, as in the text output
            row = finding.get("row") if finding.get("row") is not None else loc.row
            message = f"{'' if row is None else f'row {row}: '}{finding['message']} ({finding['id']})"
            lines.append(f"::{_COMMAND.get(finding['severity'], 'notice')} {','.join(props)}::{escape_data(message)}")
        for row in result.rejected.iter_rows(named=True):
            where = row["path"] if row["row"] is None else f"{row['path']}:row {row['row']}"
            reason = " ".join(str(row["reason"]).split())
            lines.append(f"::error file={escape_property(row['path'])},title=unreadable input::{escape_data(f'{where}: {reason}')}")
        return "\n".join(lines)
