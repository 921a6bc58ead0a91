"""Calendars: Gregorian, Hijri and Jalali months, years and days (`tables`), and dates in any of them as the
Gregorian intervals they cover (`intervals`). Nothing here reads text; the grammar of dates as written is
checker.grammar."""
