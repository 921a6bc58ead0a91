"""`--format junit`: JUnit XML for CI test dashboards.

One <testsuite> per file, one <testcase> per finding located in it (classname = the file, name = rule and
position). Errors and warnings are <failure>s, info findings (agreements, growing tolls) pass with the
message as <system-out>, baseline-accepted findings are <skipped> with the reason. A file without findings
gets one passing testcase, so a dashboard shows it was checked; an unreadable input is an <error>. No
timestamps or durations: the same input gives the same file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from checker.report.base import Reporter
from checker.report.locations import Locator, findings_rows

# XML 1.0 cannot carry most C0 controls even escaped; a quote from a broken source must not break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


class JunitReporter(Reporter):
    name = "junit"
    commands = ("check", "gate")

    def render(self, result: Any) -> str:
        locator = Locator(result)
        cases: dict[str, list[tuple[tuple, ET.Element]]] = {}
        for path in dict.fromkeys(locator.path_of(doc) for doc in locator.documents):
            cases.setdefault(path, [])
        for finding in findings_rows(result):
            loc = locator.finding(finding)
            case = ET.Element(
                "testcase",
                classname=_clean(loc.path),
                name=_clean(f"{finding['rule']} {loc.line}:{loc.col} ({finding['id']})"),
                file=_clean(loc.path),
                line=str(loc.line),
            )
            text = _clean(f"{loc}: {finding['severity']} [{finding['rule']}] {finding['message']} ({finding['id']})")
            if finding.get("accepted"):
                ET.SubElement(case, "skipped", message=_clean(f"accepted: {finding.get('accepted_reason') or ''}"))
            elif finding["severity"] in ("error", "warning"):
                failure = ET.SubElement(case, "failure", type=finding["rule"], message=_clean(f"{finding['severity']}: {finding['message']}"))
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = text
            cases.setdefault(loc.path, []).append(((loc.line, loc.col, finding["rule"], finding["id"]), case))
        for row in result.rejected.iter_rows(named=True):
            case = ET.Element("testcase", classname=_clean(row["path"]), name="read", file=_clean(row["path"]))
            where = row["path"] if row["row"] is None else f"{row['path']}:row {row['row']}"
            ET.SubElement(case, "error", type="unreadable", message=_clean(f"{where}: {' '.join(str(row['reason']).split())}"))
            cases.setdefault(row["path"], []).append(((0, 0, "", ""), case))
        root = ET.Element("testsuites", name="checker")
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for path, entries in cases.items():
            suite = ET.SubElement(root, "testsuite", name=_clean(path))
            elements = [case for _, case in sorted(entries, key=lambda item: item[0])]
            if not elements:
                elements = [ET.Element("testcase", classname=_clean(path), name="no findings", file=_clean(path))]
            counts = {
                "tests": len(elements),
                "failures": sum(c.find("failure") is not None for c in elements),
                "errors": sum(c.find("error") is not None for c in elements),
                "skipped": sum(c.find("skipped") is not None for c in elements),
            }
            for key, value in counts.items():
                suite.set(key, str(value))
                totals[key] += value
            suite.extend(elements)
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
