//! Calendar words and day arithmetic shared by extraction, normalization and load.

use chrono::{Datelike, NaiveDate, Weekday};

/// Month names and abbreviations with their numbers.
pub const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekday names and abbreviations.
pub const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
];

/// Every month and weekday name and abbreviation ([`MONTHS`], [`WEEKDAYS`]).
pub fn names() -> impl Iterator<Item = &'static str> {
    MONTHS.iter().map(|(w, _)| *w).chain(WEEKDAYS.iter().map(|(w, _)| *w))
}

/// Month number (1–12) of a month name or abbreviation ("Sept", "sep.", "October").
pub fn month(lower: &str) -> Option<u32> {
    let w = lower.trim_end_matches('.');
    MONTHS.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

/// Whether `lower` is a month abbreviation (not a full name).
pub fn is_month_abbrev(lower: &str) -> bool {
    month(lower).is_some() && lower.len() <= 4 && lower != "may" && lower != "june" && lower != "july"
}

/// Weekday of a weekday name or abbreviation.
pub fn weekday(lower: &str) -> Option<Weekday> {
    let w = lower.trim_end_matches('.');
    WEEKDAYS.iter().find(|(n, _)| *n == w).map(|&(_, d)| d)
}

/// The English name of a weekday.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Day number of a date (days from 0001-01-01 = 1).
pub fn day_number(d: NaiveDate) -> f64 {
    f64::from(day_index(d))
}

/// [`day_number`] as an integer, as a claim keeps it.
pub fn day_index(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The date of a day number; `None` out of chrono's range.
pub fn from_day_number(n: f64) -> Option<NaiveDate> {
    if !n.is_finite() || n.abs() > 3.0e6 {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(n.floor() as i32)
}

/// A day as ISO "YYYY-MM-DD"; an instant inside a day as "YYYY-MM-DDTHH:MM".
pub fn iso_instant(n: f64) -> Option<String> {
    let d = from_day_number(n)?;
    let frac = n - n.floor();
    if frac.abs() < 1e-9 {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    let minutes = (frac * 1440.0).round() as u32;
    Some(format!("{}T{:02}:{:02}", d.format("%Y-%m-%d"), minutes / 60, minutes % 60))
}

/// `[first day, day after last)` of a month.
pub fn month_span(year: i32, month: u32) -> Option<(f64, f64)> {
    let a = NaiveDate::from_ymd_opt(year, month, 1)?;
    let b = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((day_number(a), day_number(b)))
}

/// `[Jan 1, next Jan 1)` of a year.
pub fn year_span(year: i32) -> Option<(f64, f64)> {
    let a = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let b = NaiveDate::from_ymd_opt(year + 1, 1, 1)?;
    Some((day_number(a), day_number(b)))
}

/// ISO week label ("2024-W45") of a date.
pub fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Whether years `y` has `month`/`day` on weekday `w`.
pub fn weekday_fits(y: i32, month: u32, day: u32, w: Weekday) -> bool {
    NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d.weekday() == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_spans() {
        assert_eq!(month("sept."), Some(9));
        assert_eq!(month("may"), Some(5));
        assert_eq!(month("mayor"), None);
        assert_eq!(weekday("thursday"), Some(Weekday::Thu));
        let (a, b) = month_span(2024, 2).unwrap();
        assert_eq!(b - a, 29.0);
        let d = NaiveDate::from_ymd_opt(2024, 11, 7).unwrap();
        assert_eq!(iso_instant(day_number(d)).unwrap(), "2024-11-07");
        assert_eq!(iso_instant(day_number(d) + 0.5).unwrap(), "2024-11-07T12:00");
        assert_eq!(iso_week(d), "2024-W45");
        assert!(weekday_fits(2024, 11, 7, Weekday::Thu));
        assert!(!weekday_fits(2025, 11, 7, Weekday::Thu));
        assert_eq!(from_day_number(f64::NAN), None);
    }
}
