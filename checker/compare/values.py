"""When two stated values can both be true: the interval arithmetic every comparison rule shares, as
polars expressions over a frame of fact pairs (columns of the second fact end in `_b`).

* A date is its Gregorian interval, widened by its tolerance (a Hijri day ±1 for the moon sighting, an
  Afghan month name ±1) and by APPROX_DAYS when the source says "about". A day inside a month agrees
  with the month.
* A count is an interval too: exact [v, v]; "about v" [v·(1−r), v·(1+r)]; "more than v" [v, ∞);
  "fewer than v" (−∞, v].
* A change is compared by its ratio (from 20 to 10 and "halved" are both ×0.5); two changes stated only
  in units ("cut by seven") by their units. "From 30 to 20" against "by seven" is not compared: such pairs
  are mostly two quantities (a cap and a head count), which related-quantity shows.
"""

from __future__ import annotations

import polars as pl

APPROX_DAYS = 3  # "about 1 November"
APPROX_SHARE = 0.1  # "about 80" covers 72..88
RATIO_TOLERANCE = 0.02  # "halved" against 10 of 21


def _c(name: str, suffix: str) -> pl.Expr:
    return pl.col(name + suffix)


def date_bounds(suffix: str = "") -> tuple[pl.Expr, pl.Expr]:
    widen = _c("tolerance", suffix).fill_null(0) + pl.when(_c("value", suffix).str.ends_with("~")).then(APPROX_DAYS).otherwise(0)
    days = pl.duration(days=widen)
    return _c("date_start", suffix) - days, _c("date_end", suffix).fill_null(pl.date(9999, 12, 31)) + days


def dates_overlap() -> pl.Expr:
    """Both dates can be the same day (their widened intervals meet)."""
    a_start, a_end = date_bounds("")
    b_start, b_end = date_bounds("_b")
    return (a_start <= b_end) & (b_start <= a_end)


def count_bounds(suffix: str = "") -> tuple[pl.Expr, pl.Expr]:
    v, approx = _c("number", suffix), _c("approx", suffix)
    low = pl.when(approx == "about").then(v * (1 - APPROX_SHARE)).when(approx == "less").then(float("-inf")).otherwise(v)
    high = pl.when(approx == "about").then(v * (1 + APPROX_SHARE)).when(approx == "more").then(float("inf")).otherwise(v)
    return low, high


def counts_overlap() -> pl.Expr:
    a_low, a_high = count_bounds("")
    b_low, b_high = count_bounds("_b")
    return (a_low <= b_high) & (b_low <= a_high)


def changes_comparable() -> pl.Expr:
    both_ratios = _c("ratio", "").is_not_null() & _c("ratio", "_b").is_not_null()
    both_units_only = _c("by", "").is_not_null() & _c("by", "_b").is_not_null()
    return both_ratios | both_units_only


def change_units(suffix: str = "") -> pl.Expr:
    """Units a change adds (+) or removes (−): to − from, or the stated `by`."""
    return pl.coalesce(_c("to", suffix) - _c("from", suffix), _c("by", suffix))


def changes_agree() -> pl.Expr:
    """Comparable changes that say the same: equal ratios within RATIO_TOLERANCE, else equal units added."""
    both_ratios = _c("ratio", "").is_not_null() & _c("ratio", "_b").is_not_null()
    ratios_match = (_c("ratio", "") - _c("ratio", "_b")).abs() <= RATIO_TOLERANCE
    return pl.when(both_ratios).then(ratios_match).otherwise(_c("by", "") == _c("by", "_b"))


def duration_units(suffix: str = "") -> pl.Expr:
    """An ISO 8601 duration's units without its amounts (PT2H -> PTH, P1Y6M -> PYM): durations compare
    only in the same units."""
    return _c("value", suffix).str.replace_all(r"[0-9.]", "")
