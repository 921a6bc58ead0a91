"""The date model every stage speaks: one date as written (calendar, year, month, day, grain) and the
Gregorian interval it covers. The grammar reads text into it, checker.calendars.intervals gives it its
interval, and extraction, alignment, comparison, `convert` and the gate report it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DateValue:
    """A day, month or year in its calendar, and the inclusive Gregorian interval it covers: `start` is None
    while the year is unknown or when the written date does not exist; `end` is None after a start when the
    date is open-ended (since 2014)."""

    calendar: str
    year: int | None
    month: int | None
    day: int | None
    grain: str
    start: dt.date | None = None
    end: dt.date | None = None
    approximate: bool = False
    # Days either side the true date may lie: Hijri months start by local moon sighting, Afghan
    # solar dates are often printed a day off.
    tolerance_days: int = 0
    weekday: int | None = None  # the weekday written with the date (0 = Monday), if any
    year_from: str | None = None  # "text" when written, "published" when taken from the publication date
    notes: tuple[str, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def edtf(self) -> str:
        """EDTF value: 2021-10-06, 2021-10, 2021, XXXX-10-06, 2021-11-01~, or start/end for other calendars."""
        mark = "~" if self.approximate else ""
        if self.start is None or self.end is None:
            parts = ["XXXX" if self.year is None else f"{self.year:04d}"]
            if self.month is not None:
                parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
            return "-".join(parts) + mark
        if self.grain == "day":
            return self.start.isoformat() + mark
        if self.calendar == "gregorian":
            return (self.start.isoformat()[:7] if self.grain == "month" else f"{self.start.year:04d}") + mark
        # A Hijri or Jalali month or year does not line up with Gregorian months: give the interval.
        return f"{self.start.isoformat()}{mark}/{self.end.isoformat()}{mark}"

    @property
    def weekday_matches(self) -> bool | None:
        """Whether the written weekday fits the date (within the date's tolerance); None if not checkable."""
        if self.weekday is None or self.grain != "day" or self.start is None:
            return None
        offsets = range(-self.tolerance_days, self.tolerance_days + 1)
        return any((self.start + dt.timedelta(days=k)).weekday() == self.weekday for k in offsets)
