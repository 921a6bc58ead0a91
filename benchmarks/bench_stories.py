"""Accuracy on multi-outlet stories: every tests/cases/check/<story>/ with a gold.json, scored with the
external scorers in ../shared/tools (score.py, finding_precision.py), the definitions real coverage is
judged by.

Run: python benchmarks/bench_stories.py [--stories DIR] [--tools DIR] [--keep DIR]

A story folder holds one article per .txt file, each with a header (`outlet:`, `url:`, `language:`,
`published:` lines, then `---`) and a gold.json (format: ../shared/tools/README.md). The articles become
a JSON Lines table of articles, the input a newsroom would give, and `checker check` runs on it.

Printed per story and in total:
- values right: gold mentions whose overlapping body/meta fact has the gold value;
- trap leaks: chrome, teasers, counters and other events' numbers read as story facts;
- reached: expected conflicts and internal errors that a finding names;
- grounded: error/warning findings whose every fact is a real statement of one gold fact (group).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TOOLS = PROJECT_ROOT.parent / "shared" / "tools"


def article_rows(story: Path) -> list[dict]:
    """The story's articles as table rows: the same split of header and text as the scorers make."""
    rows = []
    for path in sorted(story.glob("*.txt")):
        content = path.read_text(encoding="utf-8")
        head, text = content.split("\n---\n", 1) if content.startswith("outlet:") else ("", content)
        meta = {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in head.splitlines() if ":" in line)}
        published = (meta.get("published") or "unknown").split()[0]
        rows.append({"id": path.stem, "outlet": meta.get("outlet", path.stem), "url": meta.get("url"),
                     "lang": meta.get("language"), "published": None if published == "unknown" else published,
                     "text": text})
    return rows


def last_json_line(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def score_story(story: Path, tools: Path, work: Path) -> dict:
    table = work / f"{story.name}.jsonl"
    table.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in article_rows(story)), encoding="utf-8")
    report = work / f"{story.name}.json"
    subprocess.run([sys.executable, "-m", "checker", "check", str(table), "--format", "json", "--exit-zero",
                    "-o", str(report)], check=True, cwd=PROJECT_ROOT)
    gold = story / "gold.json"
    args = [str(gold), str(report), str(story)]
    values = last_json_line(subprocess.run([sys.executable, str(tools / "score.py"), *args],
                                           check=True, capture_output=True, text=True).stdout)
    precision = last_json_line(subprocess.run([sys.executable, str(tools / "finding_precision.py"), *args],
                                              check=True, capture_output=True, text=True).stdout)
    return {"values": values, "precision": precision}


def fraction(pair: str) -> tuple[int, int]:
    right, total = pair.split("/")
    return int(right), int(total)


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=Path, default=PROJECT_ROOT / "tests" / "cases" / "check")
    parser.add_argument("--tools", type=Path, default=DEFAULT_TOOLS)
    parser.add_argument("--keep", type=Path, help="write the tables and reports here")
    options = parser.parse_args()
    if not (options.tools / "score.py").exists():
        print(f"the scorers are not at {options.tools}: nothing to measure", file=sys.stderr)
        return 2
    stories = sorted(p.parent for p in options.stories.glob("*/gold.json"))
    totals = dict.fromkeys(("right", "mentions", "leaks", "traps", "reached", "expected", "grounded", "reported"), 0)
    header = f"{'story':<18} {'values right':>16} {'trap leaks':>14} {'reached':>14} {'grounded':>14}"
    print(header)
    with tempfile.TemporaryDirectory() as scratch:
        work = options.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for story in stories:
            result = score_story(story, options.tools, work)
            values, precision = result["values"], result["precision"]
            expected = [fraction(values["findings_expected"][t]) for t in ("conflict", "internal")]
            row = {"right": values["value_right"], "mentions": values["mentions"], "leaks": values["trap_leaks"],
                   "traps": values["traps"], "reached": sum(r for r, _ in expected),
                   "expected": sum(t for _, t in expected), "grounded": precision["grounded"],
                   "reported": precision["reported"]}
            for key, value in row.items():
                totals[key] += value
            print(f"{story.name:<18} {share(row['right'], row['mentions']):>16} {share(row['leaks'], row['traps']):>14}"
                  f" {share(row['reached'], row['expected']):>14} {share(row['grounded'], row['reported']):>14}")
    print(f"{'all':<18} {share(totals['right'], totals['mentions']):>16} {share(totals['leaks'], totals['traps']):>14}"
          f" {share(totals['reached'], totals['expected']):>14} {share(totals['grounded'], totals['reported']):>14}")
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
