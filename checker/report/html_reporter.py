"""`--format html`: the fact-check report, one self-contained page a fact-checker opens offline, mails or
publishes.

What it holds: a summary and the sources (publication date in all three calendars and where it came from);
per story and fact slot a side-by-side table, one row per source statement (value as written, the value in
Gregorian, Hijri and Jalali, the quote with the fact highlighted, the verdict) followed by the slot's
findings (severity, rule, message, evidence); the sources in full with every fact marked, which each quote
links to; ClaimReview JSON-LD for every conflict and internal finding.

How it stays safe and stable: every character that comes from a source goes through `escape_text()` (HTML
escaped; bidi embedding/override/isolate controls and C0 controls shown as visible tokens, so U+202E cannot
reorder the page); a Content-Security-Policy allows only this page's own style and script (by hash) and no
fetch at all; nothing depends on the clock or on dict order, so the same input gives the same bytes.

Right to left: every quote carries `lang` and `dir`, every inserted value sits in `<bdi>` or `dir="auto"`,
and the fonts come from the system's stack (Arabic and Persian first for `:lang(ar)`, `:lang(fa)`)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Iterable

from checker import __version__
from checker.calendars.tables import ENGLISH_MONTH_NAMES, WEEKDAY_NAMES, day_in_all_calendars
from checker.compare.describe import quantity_value
from checker.compare.terms import office_slots
from checker.report.base import Reporter, plural, with_counted
from checker.report.html_text import CONTROLS, anchor, csp_hash, escape_attr, escape_text, lang_attrs, quoted_message, resource
from checker.report.locations import Locator, findings_rows
from checker.schema import SEVERITY_RANK

TYPE_ORDER = ("conflict", "internal", "related", "agree")
KIND_ORDER = ("date", "count", "change", "duration", "quantity", "office")
CONTEXT_CHARS = 90  # characters of the source line shown on each side of a quoted fact


# Days in the three calendars -------------------------------------------------------------------------------


def _calendar_days(day: dt.date) -> tuple[str, str, str] | None:
    """('Wednesday 6 October 2021', '29 Safar 1443 AH', '14 Mehr 1400'), or None outside the day table."""
    try:
        cell = day_in_all_calendars(day)
    except Exception:  # outside the supported range: no conversion to show
        return None
    names = ENGLISH_MONTH_NAMES

    def written(calendar: str, ymd: tuple[int, int, int]) -> str:
        year, month, dom = ymd
        return f"{dom} {names[calendar][month - 1]} {year}"

    hijri = written("hijri", cell.hijri) + " AH" + (" (tabular)" if cell.hijri_tabular else "")
    return f"{WEEKDAY_NAMES[cell.weekday]} {written('gregorian', cell.gregorian)}", hijri, written("jalali", cell.jalali) + " SH"


def _calendar_cells(fact: dict[str, Any]) -> list[str]:
    """The date of a fact in Gregorian, Hijri and Jalali: one day, or first and last day of a month or year."""
    start, end = fact.get("date_start"), fact.get("date_end")
    if start is None:
        return [f'<span class="muted">year unknown: <bdi dir="ltr">{escape_text(fact.get("value"))}</bdi></span>', "", ""]
    first = _calendar_days(start)
    last = _calendar_days(end) if end is not None and end != start else None
    if first is None:
        return [f'<bdi dir="ltr">{escape_text(start.isoformat())}</bdi>', "", ""]
    cells = []
    for index, name in enumerate(("Gregorian", "Hijri", "Jalali")):
        text = escape_text(first[index]) if last is None else f"{escape_text(first[index])} – {escape_text(last[index])}"
        cells.append(f'<span class="cal" title="{name}">{text}</span>')
    notes = []
    if (fact.get("value") or "").endswith("~"):
        notes.append("about")
    if fact.get("year_from") == "context":
        notes.append("year from the other sources")
    elif fact.get("year_from") == "published":
        notes.append("year from the publication date")
    if fact.get("tolerance"):
        notes.append(f"±{fact['tolerance']} day")
    if notes:
        cells[0] += f' <span class="muted">({escape_text(", ".join(notes))})</span>'
    return cells


def _office_lines(fact: dict[str, Any]) -> list[str]:
    """An office fact's term as its source states it: each end in the three calendars, then the length,
    the ordinal and whether acting."""
    lines = []
    for label, side in (("from", "term_start"), ("until", "term_end")):
        if fact.get(f"{side}_value") is not None:
            end = {name: fact[f"{side}_{name}"] for name in ("value", "date_start", "date_end")}
            lines.append(f"{label} " + " · ".join(c for c in _calendar_cells(end) if c))
    extras = [_length(fact), f"holder no. {fact['ordinal']}" if fact.get("ordinal") is not None else None, "acting" if fact.get("acting") else None]
    if any(extras):
        lines.append(f'<bdi dir="ltr">{escape_text(", ".join(e for e in extras if e))}</bdi>')
    return lines


def _with_office_slots(story: str, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The story's facts, its office facts in their holder's slot (checker/compare/terms.py office_slots)."""
    offices = [f for f in facts if f["kind"] == "office" and f.get("zone") == "body"]
    if not offices:
        return facts
    slots = office_slots(story, offices)
    return [{**f, "slot": slots[f["id"]]} if f["id"] in slots else f for f in facts]


def _length(fact: dict[str, Any]) -> str | None:
    """A term's length as written in words: "about 50 years", "more than 45 years"."""
    found = re.match(r"^P(\d+(?:\.\d+)?)([YMWD])$", fact.get("value") or "")
    if not found:
        return None
    amount = float(found.group(1))
    unit = {"Y": "year", "M": "month", "W": "week", "D": "day"}[found.group(2)]
    hedge = {"about": "about ", "more": "more than ", "less": "less than "}.get(fact.get("approx") or "", "")
    return f"{hedge}{amount:g} {unit}{'' if amount == 1 else 's'}"


def _quantity(fact: dict[str, Any]) -> str:
    """The value and what it counts or its unit: "12 killed", "6.3 richter"."""
    try:
        value = quantity_value(fact)
    except (KeyError, TypeError, ValueError):  # a fact from elsewhere (a gate row) may lack some fields
        value = str(fact.get("value"))
    return with_counted(value, fact)


# The report -------------------------------------------------------------------------------------------------


class _Page:
    def __init__(self, result: Any):
        self.result = result
        self.locator = Locator(result, every_fact=True)
        self.texts = getattr(result, "texts", None) or {}
        self.documents = list(result.documents.iter_rows(named=True))
        self.doc_by_id = {d["id"]: d for d in self.documents}
        self.facts = list(result.facts.iter_rows(named=True))
        self.fact_by_id = {f["id"]: f for f in self.facts}
        self.findings = findings_rows(result)
        # `checker facts`: no stories, no findings; each source with its facts, quotes and calendars
        self.only_facts = getattr(result, "findings", None) is None
        self.findings_of_fact: dict[str, list[dict[str, Any]]] = {}
        for finding in self.findings:
            for fact_id in finding.get("facts") or []:
                self.findings_of_fact.setdefault(fact_id, []).append(finding)

    # -- pieces used everywhere

    def fact_lang(self, fact: dict[str, Any]) -> str | None:
        return fact.get("lang") or (self.doc_by_id.get(fact.get("doc")) or {}).get("lang")

    def written(self, fact: dict[str, Any]) -> str:
        return f'<bdi class="written"{lang_attrs(self.fact_lang(fact))}>{escape_text(fact.get("text"))}</bdi>'

    def quote(self, fact: dict[str, Any], *, link: bool = True) -> str:
        """The fact in its line of the source, the fact marked; links to the full text."""
        text = self.texts.get(fact.get("doc"))
        start, end = fact.get("start"), fact.get("end")
        if text is None or start is None or end is None or text[start:end] != fact.get("text"):
            before, middle, after = "", fact.get("text") or "", ""
        else:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            left = max(line_start, start - CONTEXT_CHARS)
            right = min(line_end, end + CONTEXT_CHARS)
            if left > line_start:  # cut at a space, not inside a word
                space = text.find(" ", left, start)
                left = space + 1 if space >= 0 else left
            if right < line_end:
                space = text.rfind(" ", end, right)
                right = space if space >= 0 else right
            before = ("… " if left > line_start else "") + text[left:start]
            middle = text[start:end]
            after = text[end:right] + (" …" if right < line_end else "")
        body = f"{escape_text(before)}<mark>{escape_text(middle)}</mark>{escape_text(after)}"
        quote = f'<blockquote class="quote"{lang_attrs(self.fact_lang(fact))}>{body}</blockquote>'
        if link and fact.get("id") and self.texts.get(fact.get("doc")) is not None:
            loc = self.locator.fact(fact["id"])
            where = f" (line {loc.line}, col {loc.col})" if loc else ""
            quote += f'<a class="ctx-link" href="#{anchor("t-", fact["id"])}">in context{where}</a>'

        return quote

    def source_name(self, doc_id: str) -> str:
        doc = self.doc_by_id.get(doc_id) or {}
        outlet = f' <span class="muted">{escape_text(doc["outlet"])}</span>' if doc.get("outlet") else ""
        return f'<a href="#{anchor("d-", doc_id)}"><bdi>{escape_text(doc_id)}</bdi></a>{outlet}'

    def kind_of(self, finding: dict[str, Any]) -> str:
        for fact_id in finding.get("facts") or []:
            kind = (self.fact_by_id.get(fact_id) or {}).get("kind")
            if kind:
                return kind
        return "other"

    # -- sections

    def summary(self) -> str:
        counts = {s: 0 for s in SEVERITY_RANK}
        for finding in self.findings:
            counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
        stories = {d.get("story") or d["id"] for d in self.documents}
        items = [] if self.only_facts else [f"<li><strong>{len(stories)}</strong> {'story' if len(stories) == 1 else 'stories'}</li>"]
        items += [
            f"<li><strong>{len(self.documents)}</strong> {'source' if len(self.documents) == 1 else 'sources'}</li>",
            f"<li><strong>{len(self.facts)}</strong> {'fact' if len(self.facts) == 1 else 'facts'}</li>",
        ]
        items += [] if self.only_facts else [
            f"<li><strong>{len(self.findings)}</strong> {'finding' if len(self.findings) == 1 else 'findings'}:"
            f' <span class="badge sev-error">{counts["error"]} error{"" if counts["error"] == 1 else "s"}</span>'
            f' <span class="badge sev-warning">{counts["warning"]} warning{"" if counts["warning"] == 1 else "s"}</span>'
            f' <span class="badge sev-info">{counts["info"]} info</span></li>',
        ]
        rejected = list(self.result.rejected.iter_rows(named=True))
        if rejected:
            items.append(f"<li><strong>{len(rejected)}</strong> unreadable input{'' if len(rejected) == 1 else 's'}</li>")
        out = [f'<ul class="summary">{"".join(items)}</ul>']
        attention = [f for f in self.findings if f["severity"] in ("error", "warning") and not f.get("accepted")]
        if attention:
            out.append("<p><strong>Needs attention:</strong></p><ol class=\"attention\">")
            for finding in attention:
                out.append(
                    f'<li><span class="badge sev-{escape_attr(finding["severity"])}">{escape_text(finding["severity"])}</span> '
                    f'<a href="#{anchor("f-", finding["id"])}" class="rule">{escape_text(finding["rule"])}</a> '
                    f"{escape_text(self.locator.finding(finding))}</li>"
                )
            out.append("</ol>")
        if rejected:
            out.append("<p><strong>Not read:</strong></p><ul>")
            for row in rejected:
                where = row["path"] if row["row"] is None else f"{row['path']}:row {row['row']}"
                out.append(f"<li><bdi>{escape_text(where)}</bdi>: {escape_text(row['reason'])}</li>")
            out.append("</ul>")
        return "\n".join(out)

    def filters(self) -> str:
        if not self.findings:
            return ""

        def group(name: str, legend: str, values: Iterable[str], badge: str) -> str:
            counts: dict[str, int] = {}
            for finding in self.findings:
                value = self.kind_of(finding) if name == "kind" else finding.get(name) or ""
                counts[value] = counts.get(value, 0) + 1
            order = list(values)
            boxes = []
            for value in sorted(counts, key=lambda v: (order.index(v) if v in order else len(order), v)):
                css = f' class="badge {badge}-{escape_attr(value)}"' if badge else ""
                boxes.append(
                    f'<label><input type="checkbox" name="{name}" value="{escape_attr(value)}" checked> '
                    f"<span{css}>{escape_text(value)}</span> ({counts[value]})</label>"
                )
            return f"<fieldset><legend>{legend}</legend>{''.join(boxes)}</fieldset>"

        return (
            '<form id="filters" class="filters" hidden aria-label="Filter findings">'
            + group("severity", "Severity", SEVERITY_RANK, "sev")
            + group("type", "Finding", TYPE_ORDER, "")
            + group("kind", "Fact", KIND_ORDER, "")
            + '<button type="reset">Show all</button> <output aria-live="polite"></output></form>'
            + '<noscript><p class="noscript-note">Filters need JavaScript; every finding is listed below.</p></noscript>'
        )

    def sources(self) -> str:
        fact_counts: dict[str, int] = {}
        for fact in self.facts:
            fact_counts[fact["doc"]] = fact_counts.get(fact["doc"], 0) + 1
        rows = []
        for doc in self.documents:
            published = doc.get("published")
            if published is None:
                date_cells = '<td data-label="Published" colspan="3"><span class="muted">unknown</span></td>'
            else:
                days = _calendar_days(published)
                if days is None:
                    date_cells = f'<td data-label="Published" colspan="3"><bdi dir="ltr">{escape_text(published.isoformat())}</bdi></td>'
                else:
                    labels = ("Gregorian", "Hijri", "Jalali")
                    date_cells = "".join(
                        f'<td data-label="{label}"><span class="cal">{escape_text(day)}</span></td>' for label, day in zip(labels, days)
                    )
            title = doc.get("title")
            title_html = f'<br><bdi{lang_attrs(doc.get("lang"))}>{escape_text(title)}</bdi>' if title else ""
            url = doc.get("url")
            # A source's URL is shown, never made a link: a hostile page could give javascript: here.
            url_html = f'<br><span class="mono">{escape_text(url)}</span>' if url else ""
            rows.append(
                "<tr>"
                f'<td data-label="Source">{self.source_name(doc["id"])}{title_html}{url_html}</td>'
                f'<td data-label="Language">{escape_text(doc.get("lang") or "?")}</td>'
                f"{date_cells}"
                f'<td data-label="Date from">{escape_text(doc.get("published_from") or "—")}</td>'
                f'<td data-label="Story"><a href="#{anchor("s-", doc.get("story") or doc["id"])}"><bdi>{escape_text(doc.get("story") or doc["id"])}</bdi></a></td>'
                f'<td data-label="Facts">{fact_counts.get(doc["id"], 0)}</td>'
                f'<td data-label="File"><bdi class="mono">{escape_text(doc.get("path"))}</bdi></td>'
                "</tr>"
            )
        head = (
            "<thead><tr><th>Source</th><th>Language</th><th>Published (Gregorian)</th><th>Hijri</th><th>Jalali</th>"
            "<th>Date from</th><th>Story</th><th>Facts</th><th>File</th></tr></thead>"
        )
        return (
            f'<section id="sources"><h2>Sources</h2><div class="table-wrap"><table class="cards sources">{head}'
            f"<tbody>{''.join(rows)}</tbody></table></div></section>"
        )

    def stories(self) -> str:
        members: dict[str, list[str]] = {}
        for doc in self.documents:
            members.setdefault(doc.get("story") or doc["id"], []).append(doc["id"])
        by_story: dict[str, list[dict[str, Any]]] = {}
        for finding in self.findings:
            story = self.locator.story(finding)
            by_story.setdefault(story, []).append(finding)
            members.setdefault(story, [])
        worst = {s: min(SEVERITY_RANK.get(f["severity"], 3) for f in rows) for s, rows in by_story.items()}
        facts_by_story: dict[str, list[dict[str, Any]]] = {}
        for fact in self.facts:
            story = fact.get("story") or (self.doc_by_id.get(fact["doc"]) or {}).get("story") or fact["doc"]
            facts_by_story.setdefault(story, []).append(fact)
        out = ['<section id="stories"><h2>Facts by source</h2>' if self.only_facts else '<section id="stories"><h2>Stories</h2>']
        for story in sorted(members, key=lambda s: (worst.get(s, 3), s)):
            out.append(self.story(story, members[story], by_story.get(story, []), facts_by_story.get(story, [])))
        out.append("</section>")
        return "\n".join(out)

    def source_facts(self, doc: str, facts: list[dict[str, Any]]) -> str:
        """`checker facts`: one source's facts as one table, in the order of the text."""
        out = [
            f'<section class="story" id="{anchor("s-", doc)}" data-story>',
            f"<h3>Source {self.source_name(doc)}</h3><p>{plural(len(facts), 'fact')}</p>",
        ]
        if facts:
            out.append(self.fact_table(facts, date_columns=any(f["kind"] == "date" for f in facts), with_source=True))
        out.append("</section>")
        return "\n".join(out)

    def story(self, story: str, docs: list[str], findings: list[dict[str, Any]], facts: list[dict[str, Any]]) -> str:
        if self.only_facts:
            return self.source_facts(story, facts)
        sources = ", ".join(self.source_name(d) for d in docs)
        out = [
            f'<section class="story" id="{anchor("s-", story)}" data-story>',
            f"<h3>Story <bdi>{escape_text(story)}</bdi></h3><p>{plural(len(docs), 'source')}: {sources}</p>",
        ]
        facts = _with_office_slots(story, facts)
        slots: dict[str | None, list[dict[str, Any]]] = {}
        for finding in findings:
            slots.setdefault(finding.get("slot"), []).append(finding)
        # Every holder's office is a slot of its own, findings or not: each source's statement of the term.
        for fact in facts:
            if fact["kind"] == "office" and fact.get("slot") and fact["slot"] not in slots:
                slots[fact["slot"]] = []
        ranked = sorted(slots.items(), key=lambda item: (min((SEVERITY_RANK.get(f["severity"], 3) for f in item[1]), default=4), item[0] or ""))
        shown: set[str] = set()
        for slot, slot_findings in ranked:
            if slot is None:
                ids = list(dict.fromkeys(f for finding in slot_findings for f in finding.get("facts") or []))
                slot_facts = [self.fact_by_id[i] for i in ids if i in self.fact_by_id]
            else:
                slot_facts = [f for f in facts if f.get("slot") == slot]
                known = {f["id"] for f in slot_facts}
                extra = [f for finding in slot_findings for f in finding.get("facts") or [] if f not in known]
                slot_facts += [self.fact_by_id[i] for i in dict.fromkeys(extra) if i in self.fact_by_id]
            shown.update(f["id"] for f in slot_facts)
            out.append(self.slot(slot, slot_facts, slot_findings))
        if not findings:
            out.append('<p class="muted">No findings: no other source states these facts.</p>')
        rest = [f for f in facts if f["id"] not in shown]
        if rest:
            out.append(
                f"<details><summary>{plural(len(rest), 'more fact')} without a finding</summary>"
                + self.fact_table(rest, date_columns=any(f["kind"] == "date" for f in rest), with_source=True)
                + "</details>"
            )
        out.append("</section>")
        return "\n".join(out)

    def slot(self, slot: str | None, facts: list[dict[str, Any]], findings: list[dict[str, Any]]) -> str:
        if slot is None:
            title, kind = "Within one source", (facts[0]["kind"] if facts else "other")
        else:
            _, *parts = slot.split("|")
            kind = parts[0] if parts else "other"
            title = " · ".join(parts) if parts else slot
        findings = sorted(findings, key=lambda f: (SEVERITY_RANK.get(f["severity"], 3), f["rule"], f["id"]))
        slot_id = anchor("slot-", slot or f"internal-{findings[0]['id'] if findings else ''}")
        out = [
            f'<section class="slot" id="{slot_id}" data-slot data-kind="{escape_attr(kind)}">',
            f"<h4>{escape_text(title)}</h4>",
            self.fact_table(facts, date_columns=kind == "date", with_source=True, findings=findings),
            self.findings_table(findings),
            "</section>",
        ]
        return "\n".join(out)

    def fact_table(
        self,
        facts: list[dict[str, Any]],
        *,
        date_columns: bool,
        with_source: bool,
        findings: list[dict[str, Any]] | None = None,
    ) -> str:
        """One row per source statement: the same wording of the same value in one source is one row (×N)."""
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for fact in facts:
            # an office slot has one line per source: its statements of the term together
            key = (fact["doc"], "", "office") if fact["kind"] == "office" and fact.get("slot") else (fact["doc"], fact.get("text") or "", str(fact.get("value")))
            groups.setdefault(key, []).append(fact)
        in_slot = {f["id"] for f in findings or []}
        head = ["Source", "As written", "Gregorian · Hijri · Jalali" if date_columns else "Value", "Quote", "Kind" if self.only_facts else "Verdict"]
        rows = []
        for (doc, _, _), group in groups.items():
            fact = group[0]
            times = f' <span class="muted">×{len(group)}</span>' if len(group) > 1 and fact["kind"] != "office" else ""
            cells = [f'<td data-label="Source" class="c-source">{self.source_name(doc)}</td>']
            cells.append(f'<td data-label="As written" class="c-written">{self.written(fact)}{times}</td>')
            if fact["kind"] == "date":
                lines = [c for c in _calendar_cells(fact) if c]
                cells.append(f'<td data-label="Normalised" class="c-value">{"<br>".join(lines)}</td>')
            elif fact["kind"] == "office":
                lines = list(dict.fromkeys(line for member in group for line in _office_lines(member)))
                cells.append(f'<td data-label="Term" class="c-value">{"<br>".join(lines)}</td>')
            else:
                cells.append(f'<td data-label="Value" class="c-value"><bdi dir="ltr">{escape_text(_quantity(fact))}</bdi></td>')
            quotes = "".join(self.quote(f) for f in (group if fact["kind"] == "office" else group[:1]))
            cells.append(f'<td data-label="Quote" class="c-quote">{quotes}</td>')
            verdicts = []
            seen: set[str] = set()
            for member in group:
                for finding in self.findings_of_fact.get(member["id"], []):
                    if finding["id"] in seen or (findings is not None and finding["id"] not in in_slot):
                        continue
                    seen.add(finding["id"])
                    verdicts.append(self.verdict(finding))
            if self.only_facts:  # no verdicts to give: what the fact is, where it stands and what about
                about = ", ".join(p for p in (fact.get("kind"), fact.get("zone"), fact.get("event"), fact.get("subject")) if p)
                cells.append(f'<td data-label="Kind"><bdi>{escape_text(about)}</bdi></td>')
                rows.append(f"<tr>{''.join(cells)}</tr>")
                continue
            worst = min((SEVERITY_RANK.get(f["severity"], 3) for m in group for f in self.findings_of_fact.get(m["id"], [])), default=3)
            verdict = " ".join(verdicts) or '<span class="muted">—</span>'
            cells.append(f'<td data-label="Verdict">{verdict}</td>')
            css = ' class="row-error"' if worst == 0 else ""
            rows.append(f"<tr{css}>{''.join(cells)}</tr>")
        header = "".join(f"<th>{h}</th>" for h in head)
        return f'<div class="table-wrap"><table class="cards facts"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'

    def verdict(self, finding: dict[str, Any]) -> str:
        css = "type-agree" if finding.get("type") == "agree" else f"sev-{escape_attr(finding['severity'])}"
        label = "agrees" if finding.get("type") == "agree" else finding["severity"]
        return f'<a class="badge {css}" href="#{anchor("f-", finding["id"])}" title="{escape_attr(finding["rule"])}">{escape_text(label)}: {escape_text(finding["rule"])}</a>'

    def findings_table(self, findings: list[dict[str, Any]]) -> str:
        if not findings:
            return ""
        rows = []
        for finding in findings:
            severity = finding["severity"]
            badges = f'<span class="badge sev-{escape_attr(severity)}">{escape_text(severity)}</span>'
            if finding.get("type") == "agree":
                badges += ' <span class="badge type-agree">agree</span>'
            accepted = ""
            if finding.get("accepted"):
                accepted = f'<p class="muted">Accepted in the baseline: {escape_text(finding.get("accepted_reason"))}</p>'
            evidence = []
            for fact_id in finding.get("facts") or []:
                fact = self.fact_by_id.get(fact_id)
                if fact is None:
                    evidence.append(f"<li><code>{escape_text(fact_id)}</code></li>")
                    continue
                evidence.append(f"<li>{self.source_name(fact['doc'])}: {self.quote(fact)}</li>")
            loc = self.locator.finding(finding)
            rows.append(
                f'<tr id="{anchor("f-", finding["id"])}" data-finding data-severity="{escape_attr(severity)}" '
                f'data-type="{escape_attr(finding.get("type"))}" data-kind="{escape_attr(self.kind_of(finding))}">'
                f'<td data-label="Severity">{badges}</td>'
                f'<td data-label="Rule"><span class="rule">{escape_text(finding["rule"])}</span><br><span class="muted">{escape_text(finding.get("type"))}</span></td>'
                f'<td data-label="Finding"><p class="message" lang="en" dir="ltr">{quoted_message(finding["message"])}</p>{accepted}'
                f'<ul class="evidence">{"".join(evidence)}</ul>'
                f'<p class="muted"><bdi class="mono">{escape_text(loc)}</bdi> · id <code>{escape_text(finding["id"])}</code></p></td>'
                "</tr>"
            )
        return (
            '<div class="table-wrap"><table class="cards findings"><thead><tr><th>Severity</th><th>Rule</th><th>Finding and evidence</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    def full_texts(self) -> str:
        if not self.texts:
            return ""
        marks: dict[str, list[dict[str, Any]]] = {}
        for fact in self.facts:
            if fact.get("start") is not None:
                marks.setdefault(fact["doc"], []).append(fact)
        out = ['<section id="texts" class="texts"><h2>Sources in full</h2>',
               '<p class="muted">Every extracted fact is marked; the one a quote links to is outlined.</p>']  # fmt: skip
        for doc in self.documents:
            text = self.texts.get(doc["id"])
            if text is None:
                continue
            pieces, at = [], 0
            for fact in sorted(marks.get(doc["id"], []), key=lambda f: (f["start"], f["end"])):
                start, end = fact["start"], fact["end"]
                target = anchor("t-", fact["id"])
                if start < at:  # overlaps the previous mark: keep a target without a second mark
                    pieces.append(f'<span class="anchor" id="{target}"></span>')
                    continue
                pieces.append(escape_text(text[at:start]))
                pieces.append(f'<mark id="{target}" title="{escape_attr(fact["kind"])} {escape_attr(fact.get("value"))}">{escape_text(text[start:end])}</mark>')
                at = end
            pieces.append(escape_text(text[at:]))
            meta = [f"<bdi class=\"mono\">{escape_text(doc.get('path'))}</bdi>"]
            if doc.get("outlet"):
                meta.append(escape_text(doc["outlet"]))
            out.append(
                f'<article class="source-text" id="{anchor("d-", doc["id"])}">'
                f"<header><strong><bdi>{escape_text(doc['id'])}</bdi></strong> · {' · '.join(meta)}</header>"
                f'<div class="text"{lang_attrs(doc.get("lang"))}>{"".join(pieces)}</div></article>'
            )
        out.append("</section>")
        return "\n".join(out)

    # -- ClaimReview

    def claim_reviews(self) -> list[dict[str, Any]]:
        reviews = []
        for finding in self.findings:
            if finding.get("type") not in ("conflict", "internal") or not finding.get("facts"):
                continue
            facts = [self.fact_by_id[f] for f in finding["facts"] if f in self.fact_by_id]
            appearances = []
            for doc_id in dict.fromkeys(f["doc"] for f in facts):
                doc = self.doc_by_id.get(doc_id) or {}
                work: dict[str, Any] = {"@type": "CreativeWork", "name": doc.get("title") or doc_id}
                if doc.get("url"):
                    work["url"] = doc["url"]
                if doc.get("lang"):
                    work["inLanguage"] = doc["lang"]
                if doc.get("published"):
                    work["datePublished"] = doc["published"].isoformat()
                if doc.get("outlet"):
                    work["publisher"] = {"@type": "Organization", "name": doc["outlet"]}
                appearances.append(work)
            claimed = "; ".join(f"«{f['text']}» ({f['doc']})" for f in facts)
            internal = finding["type"] == "internal"
            rating = {"error": 1, "warning": 2}.get(finding["severity"], 3)
            reviews.append(
                {
                    "@type": "ClaimReview",
                    "@id": "#" + anchor("f-", finding["id"]),
                    "url": "#" + anchor("f-", finding["id"]),
                    "identifier": finding["id"],
                    "name": f"{finding['rule']}: {finding['severity']}",
                    "claimReviewed": claimed,
                    "reviewBody": finding["message"],
                    "inLanguage": "en",
                    "author": {"@type": "Organization", "name": "checker"},
                    "itemReviewed": {"@type": "Claim", "appearance": appearances},
                    "reviewRating": {
                        "@type": "Rating",
                        "ratingValue": rating,
                        "bestRating": 3,
                        "worstRating": 1,
                        "alternateName": "Contradicts itself" if internal else "Sources disagree",
                    },
                }
            )
        return reviews

    def render(self) -> str:
        css, js = resource("report.css"), resource("report.js")
        graph = {"@context": "https://schema.org", "@graph": self.claim_reviews()}
        jsonld = json.dumps(graph, ensure_ascii=False, indent=1, sort_keys=True)
        # Inside <script> only '<' could end the element early; the JSON escapes keep the data identical.
        jsonld = jsonld.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        jsonld = jsonld.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        # Bidi controls and C0 controls as JSON escapes too: the same data, and no raw U+202E in the file.
        jsonld = CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", jsonld)
        csp = (
            f"default-src 'none'; style-src '{csp_hash(css)}'; script-src '{csp_hash(js)}'; img-src data:; "
            "base-uri 'none'; form-action 'none'"
        )
        stories = {d.get("story") or d["id"] for d in self.documents}
        title = f"Fact-check report: {plural(len(stories), 'story', 'stories')}, {plural(len(self.documents), 'source')}"
        if self.only_facts:
            title = f"Facts: {plural(len(self.facts), 'fact')} in {plural(len(self.documents), 'source')}"
        paths = list(dict.fromkeys(d.get("path") or d["id"] for d in self.documents))
        inputs = ", ".join(f'<bdi class="mono">{escape_text(p)}</bdi>' for p in paths[:20])
        if len(paths) > 20:
            inputs += f" and {len(paths) - 20} more"
        parts = {
            "csp": escape_attr(csp),
            "version": escape_text(__version__),
            "title": escape_text(title),
            "css": css,
            "jsonld": jsonld,
            "summary": self.summary(),
            "filters": self.filters(),
            "sources": self.sources(),
            "stories": self.stories(),
            "texts": self.full_texts(),
            "inputs": inputs or "no input",
            "js": js,
        }
        page = resource("page.html")
        # One pass, so text inside a part that looks like a placeholder is never replaced.
        return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], page).rstrip("\n")


class HtmlReporter(Reporter):
    name = "html"
    commands = ("check", "gate", "facts")
    needs_texts = True

    def render(self, result: Any) -> str:
        return _Page(result).render()
