"""The command line as users and scripts meet it: exit codes, JSON fields, one-line errors."""

import json
import subprocess
import sys

import pytest


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, encoding="utf-8", input=stdin
    )


def test_version_and_help_on_every_command():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("checker ")
    for command in ("check", "facts", "gate", "convert"):
        result = run(command, "--help")
        assert result.returncode == 0, command
        assert "Usage" in result.stdout


def test_convert_json_follows_the_contract():
    result = run("convert", "۱۴ مهر ۱۴۰۰", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "input": "۱۴ مهر ۱۴۰۰",
        "calendar": "jalali",
        "grain": "day",
        "value": "2021-10-06",
        "date_start": "2021-10-06",
        "date_end": "2021-10-06",
        "weekday": "Wednesday",
        "gregorian": "2021-10-06",
        "hijri": "1443-02-29",
        "jalali": "1400-07-14",
        "notes": [],
    }
    assert "۱۴" in result.stdout  # UTF-8, not \u escapes


def test_convert_text_names_the_day_in_every_calendar():
    result = run("convert", "29 صفر 1443هـ")
    assert result.returncode == 0, result.stderr
    first_line = result.stdout.splitlines()[0]
    assert first_line == "Wednesday 2021-10-06 = 29 Safar 1443 AH (Umm al-Qura) = 14 Mehr 1400 SH"
    assert "moon sighting" in result.stdout


def test_convert_month_gives_start_end_pairs():
    result = run("convert", "ربيع الأول 1443", "--format", "json")
    data = json.loads(result.stdout)
    assert data["grain"] == "month" and data["calendar"] == "hijri"
    assert data["hijri"] == "1443-03-01/1443-03-30"
    assert data["gregorian"] == f"{data['date_start']}/{data['date_end']}"
    assert data["weekday"] is None


@pytest.mark.parametrize("text", ["30 اسفند 1402", "30 فبراير 2021", "31 مهر 1400", "no date here"])
def test_convert_rejects_days_that_do_not_exist_with_one_line(text):
    result = run("convert", text)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: ")
    assert "Traceback" not in result.stderr


def test_convert_accepts_hijri_day_30_with_a_note():
    result = run("convert", "30 صفر 1443هـ", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["gregorian"] == "2021-10-07"
    assert any("29 days" in note for note in data["notes"])


def test_convert_paired_date_that_disagrees_is_noted():
    result = run("convert", "29 صفر 1443هـ الموافق 9 أكتوبر 2021م", "--format", "json")
    data = json.loads(result.stdout)
    assert any("NOT agree" in note for note in data["notes"])


def test_usage_error_is_one_line_exit_2():
    result = run("convert", "2021-10-06", "--format", "yaml")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_published_date_is_a_usage_error():
    result = run("convert", "26 شهریور 94", "--published", "yesterday")
    assert result.returncode == 2 and "--published" in result.stderr
