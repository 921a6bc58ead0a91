"""The gate as a new user meets it (issue 19, items 1, 2 and the finding ids of 12), through the command.

Names with titles, honorifics and chains of descent are one person («الملك سلمان», King Salman bin
Abdulaziz) and two different people are never joined (Salman bin Abdulaziz, Mohammed bin Salman); a year
against a day is compared; finding ids do not depend on --alias-file."""

from __future__ import annotations

import json
import subprocess

from gate_cli import run_gate




def _json(done: subprocess.CompletedProcess) -> dict:
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


KING = (
    "Reuters,en,King Salman,accession,23 January 2015,2015-01-24\n"
    "Al Arabiya,ar,الملك سلمان,accession,23 يناير 2015,2015-01-24\n"
    "SPA,ar,خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز,accession,29 يناير 2015,2015-01-30\n"
    "AP,en,His Majesty King Salman bin Abdulaziz Al Saud,accession,23 January 2015,2015-01-24\n"
    "Mehr,fa,ملک سلمان بن عبدالعزیز,accession,۳ بهمن ۱۳۹۳,2015-01-24\n"
)


def test_titles_honorifics_and_descent_are_optional_parts_of_a_name(tmp_path):
    done = run_gate(tmp_path, KING, "--format", "json")
    data = _json(done)
    conflicts = [f for f in data["findings"] if f["rule"] == "date-conflict"]
    assert len(conflicts) == 1, data["findings"]
    assert sorted(conflicts[0]["docs"]) == ["AP", "Al Arabiya", "Mehr", "Reuters", "SPA"]
    assert "29 January 2015" in conflicts[0]["message"]
    assert done.returncode == 1


def test_two_people_sharing_a_name_are_never_joined(tmp_path):
    rows = (
        "Wiki,en,Salman bin Abdulaziz,born,31 December 1935,2020-01-01\n"
        "Al Riyadh,ar,محمد بن سلمان,born,31 أغسطس 1985,2020-01-01\n"
        "BBC,en,Mohammed bin Salman,born,31 August 1985,2020-01-01\n"
        "Gulf News,en,Mohammed bin Rashid,born,15 July 1949,2020-01-01\n"
        # a bare first name could be either Mohammed: it joins neither
        "Blog,en,Mohammed,born,1 January 1970,2020-01-01\n"
    )
    data = _json(run_gate(tmp_path, rows, "--format", "json"))
    assert data["findings"] == [], [f["message"] for f in data["findings"]]


def test_a_year_that_cannot_hold_the_day_is_a_conflict(tmp_path):
    rows = "Wire,en,Jens Stoltenberg,took office,2015,2020-01-01\nReuters,en,Jens Stoltenberg,took office,1 October 2014,2020-01-01\n"
    done = run_gate(tmp_path, rows)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "error [precision-conflict] Jens Stoltenberg: took office: year 2015" in done.stdout
    assert "cannot hold Wednesday 1 October 2014" in done.stdout
    assert "1 value compared across sources, 1 in disagreement" in done.stdout


def test_a_year_that_holds_the_day_is_consistent_less_precise(tmp_path):
    rows = "Wire,en,Jens Stoltenberg,took office,2014,2020-01-01\nReuters,en,Jens Stoltenberg,took office,1 October 2014,2020-01-01\n"
    done = run_gate(tmp_path, rows)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[precision" not in done.stdout  # no finding
    assert "1 value compared across sources, 0 in disagreement; 1 date less precise than another source's and consistent with it" in done.stdout
    data = _json(run_gate(tmp_path, rows, "--format", "json"))
    assert data["findings"] == []
    assert data["summary"]["less_precise"] == [{"row": f"{tmp_path / 'claims.csv'}:1", "text": "2014", "holds": [f"{tmp_path / 'claims.csv'}:2"]}]


def test_finding_ids_do_not_depend_on_the_alias_file(tmp_path):
    # The alias joins the English row's subject to the Persian rows' without changing which facts any
    # finding is about: the ids must stay as they were.
    rows = (
        "Reuters,en,Guardian Council,members,12,2020-01-01\n"
        "IRNA,fa,شورای نگهبان,founded,۲۶ تیر ۱۳۵۹,2020-01-01\n"
        "Tasnim,fa,شورای نگهبان,founded,۲۶ تیر ۱۳۵۹,2020-01-01\n"
        "Fars,fa,شورای نگهبان,founded,۲۶ تیر ۱۳۶۰,2020-01-01\n"
        "Fars,fa,شورای نگهبان,members,۱۲,2020-01-01\n"
        "Fars,fa,شورای نگهبان,members,۱۳,2020-01-01\n"
    )
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('"Guardian Council" = ["شورای نگهبان"]\n', encoding="utf-8")
    plain = _json(run_gate(tmp_path, rows, "--format", "json"))
    joined = _json(run_gate(tmp_path, rows, "--format", "json", "--alias-file", str(aliases)))
    by_facts = lambda data: {tuple(sorted(f["facts"])): f["id"] for f in data["findings"]}  # noqa: E731
    before, after = by_facts(plain), by_facts(joined)
    assert before.keys() == after.keys(), (plain["findings"], joined["findings"])
    assert {f["rule"] for f in plain["findings"]} == {"date-conflict", "source-self-conflict"}
    assert before == after
    assert {f["subject"] for f in joined["findings"]} == {"Guardian Council"}  # the alias did join them
