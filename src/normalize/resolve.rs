//! Dates as written → day intervals, resolved against the reference date with the
//! sentence's tense, plus their TIMEX3 value.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::calendar::{self, day_number, month_span, year_span};
use crate::extract::{DateRaw, Rel};
use crate::model::Interval;
use crate::rules::TimeUnit;

/// A resolved date: its interval over day numbers, TIMEX3 value, and the weekday the
/// text gave when it is not the date's own.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// `[first day, day after last)`, or a point for an instant.
    pub interval: Interval,
    /// TIMEX3 value.
    pub iso: Option<String>,
    /// The written weekday, when it contradicts the date.
    pub mismatch: Option<Weekday>,
}

/// Which way an underspecified date leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past or present: the latest fitting date on or before the reference.
    Past,
    /// Future: the earliest fitting date on or after the reference.
    Future,
    /// Future in the past ("would"): a plan reported ("the vote would be held on
    /// Jan. 5") or a narrative's look ahead ("fires on August 8 that would soon
    /// erupt"), so the fitting date nearest the reference, on either side.
    Near,
}

fn day_interval(a: NaiveDate, b_inclusive: NaiveDate) -> Interval {
    Interval::half_open(day_number(a), day_number(b_inclusive) + 1.0)
}

fn span(a: (f64, f64)) -> Interval {
    Interval::half_open(a.0, a.1)
}

/// Resolves `raw` against `reference` (the article's date), leaning by `tense`.
/// `None` when the date needs a reference and there is none, or does not exist
/// ("31 June").
pub fn resolve(raw: &DateRaw, reference: Option<NaiveDate>, tense: Tense) -> Option<Resolved> {
    let mut mismatch = None;
    let (interval, mut iso) = if let Some(c) = raw.century {
        let (a, _) = year_span((c - 1) * 100 + 1)?;
        let (_, b) = year_span(c * 100)?;
        (Interval::half_open(a, b), Some(format!("{:02}", c - 1)))
    } else if let Some(rel) = raw.rel {
        relative(rel, raw.weekday, reference?, tense)?
    } else if let (Some(m), Some(d)) = (raw.month, raw.day) {
        let date = match raw.year {
            Some(y) => NaiveDate::from_ymd_opt(y, m, d)?,
            None => pick_year(m, d, raw.weekday, reference?, tense)?,
        };
        if let Some(w) = raw.weekday.filter(|w| *w != date.weekday()) {
            mismatch = Some(w);
        }
        let end = match raw.end_day {
            Some(e) => NaiveDate::from_ymd_opt(date.year(), m, e)?,
            None => date,
        };
        let iso = (raw.end_day.is_none()).then(|| date.format("%Y-%m-%d").to_string());
        (day_interval(date, end), iso)
    } else if let Some(m) = raw.month {
        let y = match (raw.year, raw.year_rel) {
            (Some(y), _) => y,
            (None, Some(r)) => reference?.year() + r,
            (None, None) => {
                let r = reference?;
                let this = r.month();
                match tense {
                    Tense::Past if m > this => r.year() - 1,
                    Tense::Future if m < this => r.year() + 1,
                    // More than half a year away on this side: the other side's.
                    Tense::Near if m + 6 < this => r.year() + 1,
                    Tense::Near if this + 6 < m => r.year() - 1,
                    _ => r.year(),
                }
            }
        };
        (span(month_span(y, m)?), Some(format!("{y:04}-{m:02}")))
    } else if let Some(y) = raw.year {
        if raw.decade {
            let (a, _) = year_span(y)?;
            let (_, b) = year_span(y + 9)?;
            (Interval::half_open(a, b), Some(format!("{:03}", y / 10)))
        } else if let Some(e) = raw.end_year {
            let (a, _) = year_span(y)?;
            let (_, b) = year_span(e)?;
            (Interval::half_open(a, b), None)
        } else {
            (span(year_span(y)?), Some(format!("{y:04}")))
        }
    } else {
        return None;
    };
    if let (Some(p), Some(i)) = (raw.part, iso.as_mut()) {
        if i.len() == 10 {
            i.push('T');
            i.push_str(p);
        }
    }
    Some(Resolved { interval, iso, mismatch })
}

/// The year for month `m`, day `d`: a written weekday picks among nearby years,
/// then tense picks the side of the reference.
fn pick_year(m: u32, d: u32, w: Option<Weekday>, r: NaiveDate, tense: Tense) -> Option<NaiveDate> {
    let cands: Vec<NaiveDate> =
        (r.year() - 1..=r.year() + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, m, d)).collect();
    let fits: Vec<NaiveDate> = match w {
        Some(w) => cands.iter().copied().filter(|c| c.weekday() == w).collect(),
        None => Vec::new(),
    };
    let pool = if fits.is_empty() { &cands } else { &fits };
    // Slack: an article may describe "Thursday" on the Friday it runs, or a date a
    // day after its own (time zones).
    let pick = match tense {
        Tense::Past => pool.iter().rev().find(|c| **c <= r + Days::new(1)),
        Tense::Future => pool.iter().find(|c| **c + Days::new(1) >= r),
        Tense::Near => None,
    };
    pick.or_else(|| pool.iter().min_by_key(|c| (**c - r).num_days().abs())).copied()
}

fn relative(rel: Rel, wd: Option<Weekday>, r: NaiveDate, tense: Tense) -> Option<(Interval, Option<String>)> {
    Some(match rel {
        Rel::Now => (day_interval(r, r), Some("PRESENT_REF".to_string())),
        Rel::Day(n) => {
            let d = shift_days(r, i64::from(n))?;
            (day_interval(d, d), Some(d.format("%Y-%m-%d").to_string()))
        }
        Rel::Week(n) => {
            let monday = shift_days(r, -i64::from(r.weekday().num_days_from_monday()))?;
            let m = shift_days(monday, 7 * i64::from(n))?;
            (day_interval(m, m + Days::new(6)), Some(calendar::iso_week(m)))
        }
        Rel::Month(n) => {
            let first = NaiveDate::from_ymd_opt(r.year(), r.month(), 1)?;
            let f = if n >= 0 {
                first.checked_add_months(Months::new(n as u32))?
            } else {
                first.checked_sub_months(Months::new(n.unsigned_abs()))?
            };
            (span(month_span(f.year(), f.month())?), Some(format!("{:04}-{:02}", f.year(), f.month())))
        }
        Rel::Year(n) => {
            let y = r.year() + n;
            (span(year_span(y)?), Some(format!("{y:04}")))
        }
        Rel::Weekday(n) => {
            let w = wd?;
            let back = (7 + r.weekday().num_days_from_monday() - w.num_days_from_monday()) % 7;
            let fwd = (7 - back) % 7;
            let d = match (n, tense) {
                (-1, _) => shift_days(r, -i64::from(if back == 0 { 7 } else { back }))?,
                (1, _) => shift_days(r, i64::from(if fwd == 0 { 7 } else { fwd }))?,
                (_, Tense::Past) => shift_days(r, -i64::from(back))?,
                // A weekday a plan names is mostly ahead ("said the vote would be
                // on Thursday").
                (_, Tense::Future | Tense::Near) => shift_days(r, i64::from(fwd))?,
            };
            (day_interval(d, d), Some(d.format("%Y-%m-%d").to_string()))
        }
        Rel::Ago(n, unit) => {
            let days = (n * unit.days()).round() as i64;
            let d = shift_days(r, -days)?;
            match unit {
                TimeUnit::Year | TimeUnit::Decade => {
                    (span(year_span(d.year())?), Some(format!("{:04}", d.year())))
                }
                TimeUnit::Month => (
                    span(month_span(d.year(), d.month())?),
                    Some(format!("{:04}-{:02}", d.year(), d.month())),
                ),
                TimeUnit::Week => {
                    let monday = shift_days(d, -i64::from(d.weekday().num_days_from_monday()))?;
                    (day_interval(monday, monday + Days::new(6)), Some(calendar::iso_week(monday)))
                }
                _ => (day_interval(d, d), Some(d.format("%Y-%m-%d").to_string())),
            }
        }
    })
}

fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::iso_instant;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn show(r: &Resolved) -> (String, String) {
        let i = r.interval;
        (iso_instant(i.lo()).unwrap(), iso_instant(i.hi() - 1.0).unwrap())
    }

    #[test]
    fn table() {
        let raw = |y: Option<i32>, m: Option<u32>, d: Option<u32>| DateRaw {
            year: y,
            month: m,
            day: d,
            ..Default::default()
        };
        let wd = |w: Weekday, m: u32, d: u32| DateRaw {
            weekday: Some(w),
            month: Some(m),
            day: Some(d),
            ..Default::default()
        };
        let rel = |r: Rel, w: Option<Weekday>| DateRaw { rel: Some(r), weekday: w, ..Default::default() };
        let nov8 = Some(ymd(2024, 11, 8));
        let jan26 = Some(ymd(2025, 1, 26));
        type Case<'a> = (DateRaw, Option<NaiveDate>, Tense, (&'a str, &'a str), Option<&'a str>);
        let cases: Vec<Case> = vec![
            (
                raw(Some(2024), Some(9), None),
                None,
                Tense::Past,
                ("2024-09-01", "2024-09-30"),
                Some("2024-09"),
            ),
            (wd(Weekday::Thu, 11, 7), nov8, Tense::Past, ("2024-11-07", "2024-11-07"), Some("2024-11-07")),
            (
                DateRaw { month: Some(10), year_rel: Some(-1), ..Default::default() },
                Some(ymd(2024, 9, 23)),
                Tense::Past,
                ("2023-10-01", "2023-10-31"),
                Some("2023-10"),
            ),
            (raw(None, Some(6), None), jan26, Tense::Past, ("2024-06-01", "2024-06-30"), Some("2024-06")),
            (
                raw(None, Some(1), Some(19)),
                jan26,
                Tense::Past,
                ("2025-01-19", "2025-01-19"),
                Some("2025-01-19"),
            ),
            (raw(None, Some(1), None), nov8, Tense::Future, ("2025-01-01", "2025-01-31"), Some("2025-01")),
            (
                rel(Rel::Weekday(0), Some(Weekday::Sun)),
                jan26,
                Tense::Past,
                ("2025-01-26", "2025-01-26"),
                Some("2025-01-26"),
            ),
            (
                rel(Rel::Weekday(-1), Some(Weekday::Tue)),
                Some(ymd(2023, 8, 10)),
                Tense::Past,
                ("2023-08-08", "2023-08-08"),
                Some("2023-08-08"),
            ),
            (rel(Rel::Month(-1), None), nov8, Tense::Past, ("2024-10-01", "2024-10-31"), Some("2024-10")),
            (
                rel(Rel::Month(1), None),
                Some(ymd(2024, 12, 12)),
                Tense::Past,
                ("2025-01-01", "2025-01-31"),
                Some("2025-01"),
            ),
            (rel(Rel::Year(-1), None), nov8, Tense::Past, ("2023-01-01", "2023-12-31"), Some("2023")),
            (rel(Rel::Week(0), None), nov8, Tense::Past, ("2024-11-04", "2024-11-10"), Some("2024-W45")),
            (rel(Rel::Day(-1), None), nov8, Tense::Past, ("2024-11-07", "2024-11-07"), Some("2024-11-07")),
            (
                rel(Rel::Ago(2.0, TimeUnit::Year), None),
                nov8,
                Tense::Past,
                ("2022-01-01", "2022-12-31"),
                Some("2022"),
            ),
            (
                DateRaw { year: Some(2025), end_year: Some(2027), ..Default::default() },
                None,
                Tense::Past,
                ("2025-01-01", "2027-12-31"),
                None,
            ),
            (
                DateRaw { year: Some(1990), decade: true, ..Default::default() },
                None,
                Tense::Past,
                ("1990-01-01", "1999-12-31"),
                Some("199"),
            ),
        ];
        for (raw, r, tense, (a, b), iso) in cases {
            let got = resolve(&raw, r, tense).unwrap_or_else(|| panic!("{raw:?}"));
            assert_eq!(show(&got), (a.to_string(), b.to_string()), "{raw:?}");
            assert_eq!(got.iso.as_deref(), iso, "{raw:?}");
        }
    }

    #[test]
    fn impossible_or_unanchored_dates_resolve_to_nothing() {
        let raw = |y: Option<i32>, m: u32, d: u32| DateRaw {
            year: y,
            month: Some(m),
            day: Some(d),
            ..Default::default()
        };
        assert!(resolve(&raw(Some(2023), 2, 29), None, Tense::Past).is_none());
        assert!(resolve(&raw(Some(2024), 6, 31), None, Tense::Past).is_none());
        assert!(resolve(&raw(None, 6, 3), None, Tense::Past).is_none());
        assert!(resolve(&raw(Some(2024), 2, 29), None, Tense::Past).is_some());
    }

    #[test]
    fn weekday_that_contradicts_its_date() {
        let raw = DateRaw {
            weekday: Some(Weekday::Fri),
            year: Some(2024),
            month: Some(11),
            day: Some(7),
            ..Default::default()
        };
        assert_eq!(resolve(&raw, None, Tense::Past).unwrap().mismatch, Some(Weekday::Fri));
        // Without a year, a weekday picks the year where it fits.
        let raw =
            DateRaw { weekday: Some(Weekday::Thu), month: Some(11), day: Some(7), ..Default::default() };
        let r = resolve(&raw, Some(ymd(2025, 2, 1)), Tense::Past).unwrap();
        assert_eq!(r.iso.as_deref(), Some("2024-11-07"));
        assert_eq!(r.mismatch, None);
    }
}
