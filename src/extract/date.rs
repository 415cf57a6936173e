//! Date, time-of-day and duration mentions, as written (resolution against the
//! article's date happens in normalize).

use chrono::Weekday;

use super::number::{Hit, parse_words};
use crate::calendar;
use crate::model::Qualifier;
use crate::rules::{Rules, TimeUnit};
use crate::text::{TokKind, Token};

/// A relative reference, resolved against the reference date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rel {
    /// yesterday (−1), today (0), tomorrow (+1).
    Day(i32),
    /// last week (−1), this week (0), next week (+1).
    Week(i32),
    /// last month, this month, next month.
    Month(i32),
    /// last year, this year, next year.
    Year(i32),
    /// "Thursday" (0: nearest by tense), "last Thursday" (−1), "next Thursday" (+1).
    Weekday(i32),
    /// "two years ago".
    Ago(f64, TimeUnit),
    /// "now", "currently": the reference time itself (TIMEX3 PRESENT_REF).
    Now,
}

/// A date mention as written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DateRaw {
    /// Year as written.
    pub year: Option<i32>,
    /// Month as written.
    pub month: Option<u32>,
    /// Day of month as written.
    pub day: Option<u32>,
    /// Weekday as written.
    pub weekday: Option<Weekday>,
    /// A relative reference.
    pub rel: Option<Rel>,
    /// "October last year": the year relative to the reference year.
    pub year_rel: Option<i32>,
    /// Last year of a year range ("2025-2027").
    pub end_year: Option<i32>,
    /// Last day of a day range ("Aug. 8-10").
    pub end_day: Option<u32>,
    /// "the 1990s".
    pub decade: bool,
    /// Minutes after midnight, for a time of day.
    pub time: Option<u32>,
    /// The zone written after a time ("UTC", "HST").
    pub zone: Option<String>,
    /// A part of the day after a date ("Friday afternoon"): TIMEX3 MO, AF, EV, NI.
    pub part: Option<&'static str>,
    /// "the 20th century": the century's number.
    pub century: Option<i32>,
}

/// A duration mention as written.
#[derive(Debug, Clone, PartialEq)]
pub struct DurationRaw {
    /// The amount (first of a range).
    pub amount: f64,
    /// Second amount of a range.
    pub high: Option<f64>,
    /// The time unit.
    pub unit: TimeUnit,
    /// Hedge.
    pub qualifier: Qualifier,
    /// "nearly".
    pub below: bool,
    /// "several months", "for years": an unspecified number (TIMEX3 PXM, PXY).
    pub vague: bool,
}

/// Words before a bare month or year that make it a date ("in June", "since 2021").
const DATE_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "during",
    "until",
    "till",
    "from",
    "of",
    "early",
    "late",
    "mid",
    "through",
    "before",
    "after",
    "between",
    "and",
    "to",
    "throughout",
    "end",
    "-",
];

/// More words that make a bare month a date ("last June", "starting March").
const MONTH_CUES: &[&str] = &["last", "next", "this", "or", "starting", "beginning"];

/// More words that make a bare year a date ("the 2024 season", "fiscal 2023").
const YEAR_CUES: &[&str] = &[
    "year", "the", "fiscal", "spring", "summer", "autumn", "fall", "winter", "season", "for", "on", "around",
    "circa",
];

fn word_month(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if !t.is_capitalized() {
        return None;
    }
    let m = calendar::month(&t.lower)?;
    let mut next = i + 1;
    if calendar::is_month_abbrev(&t.lower)
        && toks.get(next).is_some_and(|n| n.is_punct('.') && !n.space_before)
    {
        next += 1;
    }
    Some((m, next))
}

fn day_num(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Num || t.text.len() > 2 || !t.text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = t.text.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let mut next = i + 1;
    if toks
        .get(next)
        .is_some_and(|n| !n.space_before && matches!(n.lower.as_ref(), "st" | "nd" | "rd" | "th"))
    {
        next += 1;
    }
    Some((d, next))
}

fn year_num(toks: &[Token], i: usize) -> Option<(i32, usize)> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Num || t.text.len() != 4 || !t.text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.text.parse().ok()?;
    (1000..=2999).contains(&y).then_some((y, i + 1))
}

fn weekday_word(toks: &[Token], i: usize) -> Option<(Weekday, usize)> {
    let t = toks.get(i)?;
    if !t.is_capitalized() {
        return None;
    }
    let w = t.lower.strip_suffix("'s").unwrap_or(&t.lower);
    let wd = calendar::weekday(w)?;
    if w.len() < 6 && !toks.get(i + 1).is_some_and(|n| n.is_punct('.') || n.is_punct(',')) && w.len() <= 3 {
        return None; // "Sun", "Wed" alone are too ambiguous
    }
    let mut next = i + 1;
    if toks.get(next).is_some_and(|n| n.is_punct(',') || (n.is_punct('.') && w.len() <= 5)) {
        next += 1;
    }
    Some((wd, next))
}

fn is_dash(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.is_punct('-') || t.is_punct('–') || t.is_punct('—'))
}

fn prev_is(toks: &[Token], i: usize, words: &[&str]) -> bool {
    i > 0 && words.contains(&toks[i - 1].lower.as_ref())
}

/// A time of day at `i`: "10 a.m.", "1:27 p.m.", "09:39 IST", "0504 GMT", "noon".
fn time_at(toks: &[Token], i: usize) -> Option<(u32, Option<String>, usize)> {
    let t = toks.get(i)?;
    if t.is_word("noon") || t.is_word("midday") {
        return Some((12 * 60, None, i + 1));
    }
    if t.is_word("midnight") {
        return Some((0, None, i + 1));
    }
    if t.kind != TokKind::Num {
        return None;
    }
    // "10.45pm": British style, only with am/pm after it.
    let dotted = t.text.split_once('.').filter(|(a, b)| a.len() <= 2 && b.len() == 2);
    if !t.text.bytes().all(|b| b.is_ascii_digit()) && dotted.is_none() {
        return None;
    }
    let mut j = i + 1;
    let (mut h, mut m): (u32, u32) = match dotted {
        Some((a, b)) => {
            let ampm = toks.get(j).is_some_and(|n| matches!(n.lower.as_ref(), "am" | "pm" | "a" | "p"));
            if !ampm {
                return None;
            }
            (a.parse().ok()?, b.parse().ok()?)
        }
        None => (t.text.parse().ok()?, 0),
    };
    let mut colon = dotted.is_some();
    if t.text.len() == 4 {
        // "0504 GMT": needs a zone
        let (hh, mm) = (h / 100, h % 100);
        if hh > 23 || mm > 59 {
            return None;
        }
        let zone = zone_at(toks, j)?;
        return Some((hh * 60 + mm, Some(zone), j + 1));
    }
    if toks.get(j).is_some_and(|c| c.is_punct(':') && !c.space_before)
        && toks.get(j + 1).is_some_and(|n| n.kind == TokKind::Num && n.text.len() == 2 && !n.space_before)
    {
        m = toks[j + 1].text.parse().ok()?;
        j += 2;
        colon = true;
    }
    if h > 23 || m > 59 {
        return None;
    }
    // a.m. / p.m.
    let ampm = match toks.get(j).map(|t| t.lower.as_ref()) {
        Some("am") | Some("pm") => {
            let pm = toks[j].lower == "pm";
            j += 1;
            if toks.get(j).is_some_and(|t| t.is_punct('.') && !t.space_before) {
                j += 1;
            }
            Some(pm)
        }
        Some("a") | Some("p")
            if toks.get(j + 1).is_some_and(|d| d.is_punct('.'))
                && toks.get(j + 2).is_some_and(|m| m.is_word("m")) =>
        {
            let pm = toks[j].lower == "p";
            j += 3;
            if toks.get(j).is_some_and(|t| t.is_punct('.') && !t.space_before) {
                j += 1;
            }
            Some(pm)
        }
        _ => None,
    };
    match ampm {
        Some(pm) => {
            if !(1..=12).contains(&h) {
                return None;
            }
            h = match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        None if colon => {}
        None => return None,
    }
    let zone = zone_at(toks, j);
    if zone.is_some() {
        j += 1;
    }
    Some((h * 60 + m, zone, j))
}

/// Time zones written after a time (an upper-case abbreviation).
pub const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("EET", 120),
    ("EAT", 180),
    ("IST", 330),
    ("SGT", 480),
    ("JST", 540),
    ("AEST", 600),
    ("AEDT", 660),
    ("HST", -600),
    ("AKST", -540),
    ("PST", -480),
    ("PDT", -420),
    ("MST", -420),
    ("MDT", -360),
    ("CST", -360),
    ("CDT", -300),
    ("EST", -300),
    ("EDT", -240),
    ("ET", -240),
    ("PT", -420),
];

fn zone_at(toks: &[Token], j: usize) -> Option<String> {
    let t = toks.get(j)?;
    ZONES.iter().find(|(z, _)| *z == t.text).map(|(z, _)| (*z).to_string())
}

/// The date or time mention starting at token `i`, with a part of the day after a
/// day ("Friday afternoon", "Aug. 8 morning").
pub fn at(toks: &[Token], i: usize, rules: &Rules) -> Option<Hit<DateRaw>> {
    let mut h = at_inner(toks, i, rules)?;
    let day_like = h.raw.time.is_none()
        && (h.raw.day.is_some() || matches!(h.raw.rel, Some(Rel::Weekday(_) | Rel::Day(_))));
    if day_like {
        let part = toks.get(h.to).and_then(|t| match t.lower.as_ref() {
            "morning" => Some("MO"),
            "afternoon" => Some("AF"),
            "evening" => Some("EV"),
            "night" | "overnight" => Some("NI"),
            _ => None,
        });
        if let Some(p) = part {
            h.raw.part = Some(p);
            h.to += 1;
        }
    }
    Some(h)
}

fn at_inner(toks: &[Token], i: usize, rules: &Rules) -> Option<Hit<DateRaw>> {
    let mut j = i;
    let mut raw = DateRaw::default();
    // "last Tuesday", "next Friday"
    let mut wd_rel = 0;
    if (toks[j].is_word("last") || toks[j].is_word("next") || toks[j].is_word("this"))
        && weekday_word(toks, j + 1).is_some()
    {
        wd_rel = match toks[j].lower.as_ref() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        j += 1;
    }
    if let Some((w, k)) = weekday_word(toks, j) {
        raw.weekday = Some(w);
        j = k;
    }
    // Month Day[, Year] / Month Year / Month last year / bare Month
    if let Some((m, k)) = word_month(toks, j) {
        raw.month = Some(m);
        if let Some((d, k2)) = day_num(toks, k) {
            raw.day = Some(d);
            let mut k = k2;
            if is_dash(toks.get(k)) {
                if let Some((d2, k3)) = day_num(toks, k + 1) {
                    raw.end_day = Some(d2).filter(|d2| *d2 > d);
                    k = k3;
                }
            }
            let k0 = if toks.get(k).is_some_and(|t| t.is_punct(',')) { k + 1 } else { k };
            if let Some((y, k4)) = year_num(toks, k0) {
                raw.year = Some(y);
                k = k4;
            }
            return Some(Hit { from: i, to: k, raw });
        }
        let k0 = if toks.get(k).is_some_and(|t| t.is_punct(',')) { k + 1 } else { k };
        if let Some((y, k2)) = year_num(toks, k0) {
            raw.year = Some(y);
            return Some(Hit { from: i, to: k2, raw });
        }
        if let Some(r) = toks.get(k).and_then(|t| rel_word(&t.lower)) {
            if toks.get(k + 1).is_some_and(|t| t.is_word("year")) {
                raw.year_rel = Some(r);
                return Some(Hit { from: i, to: k + 2, raw });
            }
        }
        if raw.weekday.is_some() || (prev_is(toks, i, DATE_CUES) || prev_is(toks, i, MONTH_CUES)) {
            return Some(Hit { from: i, to: k, raw });
        }
        return None;
    }
    // Day Month [Year]: "2 October 2025", "21st of September"
    if let Some((d, k)) = day_num(toks, j) {
        let k1 = if toks.get(k).is_some_and(|t| t.is_word("of")) { k + 1 } else { k };
        if let Some((m, k2)) = word_month(toks, k1) {
            raw.day = Some(d);
            raw.month = Some(m);
            let mut k = k2;
            if let Some((y, k3)) = year_num(toks, k) {
                raw.year = Some(y);
                k = k3;
            }
            return Some(Hit { from: i, to: k, raw });
        }
    }
    if raw.weekday.is_some() {
        // Weekday alone: "on Thursday"; with a time after it, a time of that day.
        raw.rel = Some(Rel::Weekday(wd_rel));
        return Some(Hit { from: i, to: j, raw });
    }
    if j != i {
        return None;
    }
    // Times of day, a hedge before them left out ("at about 6:34 a.m.", "around 3
    // p.m."): the time is the claim, not "around 3" of anything.
    let hedged = ["about", "around", "approximately", "roughly", "circa"].contains(&toks[i].lower.as_ref())
        && time_at(toks, i + 1).is_some();
    let i = if hedged { i + 1 } else { i };
    if let Some((minutes, zone, k)) = time_at(toks, i) {
        raw.time = Some(minutes);
        // "9:30 AM - 10:57 AM IST": the zone after a span's end is its start's too.
        raw.zone = zone.or_else(|| {
            let link = toks.get(k).is_some_and(|t| is_dash(Some(t)) || t.is_word("to"));
            link.then(|| time_at(toks, k + 1)).flatten().and_then(|(_, z, _)| z)
        });
        return Some(Hit { from: i, to: k, raw });
    }
    // ISO 2024-11-07
    if let Some((y, k)) = year_num(toks, i) {
        if is_dash(toks.get(k)) && !toks[k].space_before {
            let mm =
                toks.get(k + 1).filter(|t| t.kind == TokKind::Num && t.text.len() == 2 && !t.space_before);
            let dd =
                toks.get(k + 3).filter(|t| t.kind == TokKind::Num && t.text.len() == 2 && !t.space_before);
            if let (Some(mm), Some(dd), true) = (mm, dd, is_dash(toks.get(k + 2))) {
                if let (Ok(m), Ok(d)) = (mm.text.parse::<u32>(), dd.text.parse::<u32>()) {
                    if (1..=12).contains(&m) && (1..=31).contains(&d) {
                        raw.year = Some(y);
                        raw.month = Some(m);
                        raw.day = Some(d);
                        return Some(Hit { from: i, to: k + 4, raw });
                    }
                }
            }
            // Year range "2025-2027", "2013-14"
            if let Some(t2) = toks.get(k + 1).filter(|t| t.kind == TokKind::Num && !t.space_before) {
                let end = match t2.text.len() {
                    4 => t2.text.parse::<i32>().ok(),
                    2 => t2.text.parse::<i32>().ok().map(|yy| y / 100 * 100 + yy),
                    _ => None,
                };
                if let Some(e) = end.filter(|e| *e > y && *e - y <= 30) {
                    raw.year = Some(y);
                    raw.end_year = Some(e);
                    return Some(Hit { from: i, to: k + 2, raw });
                }
            }
        }
        // Decade "1990s"
        if toks.get(k).is_some_and(|t| t.is_word("s") && !t.space_before) && y % 10 == 0 {
            raw.year = Some(y);
            raw.decade = true;
            return Some(Hit { from: i, to: k + 1, raw });
        }
        if (1800..=2100).contains(&y) && bare_year_is_date(toks, i, k, rules) {
            raw.year = Some(y);
            return Some(Hit { from: i, to: k, raw });
        }
        return None;
    }
    relative_at(toks, i, rules)
}

fn rel_word(w: &str) -> Option<i32> {
    match w {
        "last" | "past" | "previous" => Some(-1),
        "this" | "current" => Some(0),
        "next" | "coming" => Some(1),
        _ => None,
    }
}

/// Whether a bare four-digit year-like number at `i` is a year rather than a count.
fn bare_year_is_date(toks: &[Token], i: usize, k: usize, rules: &Rules) -> bool {
    let priced = rules
        .currencies
        .ending(toks, i)
        .is_some_and(|(n, _)| !super::number::names_a_year(toks, i - n, rules));
    if i > 0 && (priced || rules.qualifiers.ending(toks, i).is_some()) {
        return false;
    }
    let next = toks.get(k);
    let counted = next.is_some_and(|n| {
        n.is_punct('%')
            || rules.units.at(toks, k).is_some()
            // "1,800 feet" written "1800 feet": a length, no year.
            || (rules.measures.at(toks, k).is_some() && !n.is_capitalized())
            || rules.scales.contains_key(n.lower.as_ref())
            || (n.kind == TokKind::Word && !n.is_capitalized() && plural(&n.lower))
    });
    if counted {
        return false;
    }
    (prev_is(toks, i, DATE_CUES) || prev_is(toks, i, YEAR_CUES))
        || next.is_none_or(|n| n.kind == TokKind::Punct || n.is_capitalized() || !plural(&n.lower))
}

/// A plural-looking word ("elections"), not "analysis" or "status".
fn plural(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("sis") && !w.ends_with("us")
}

/// "yesterday", "last month", "this week", "two years ago", "now".
fn relative_at(toks: &[Token], i: usize, rules: &Rules) -> Option<Hit<DateRaw>> {
    let t = &toks[i];
    let mut raw = DateRaw::default();
    if matches!(t.lower.as_ref(), "now" | "currently" | "presently") {
        raw.rel = Some(Rel::Now);
        return Some(Hit { from: i, to: i + 1, raw });
    }
    // "the 20th century"
    if t.kind == TokKind::Num
        && toks
            .get(i + 1)
            .is_some_and(|s| matches!(s.lower.as_ref(), "st" | "nd" | "rd" | "th") && !s.space_before)
        && toks.get(i + 2).is_some_and(|c| c.is_word("century"))
    {
        raw.century = t.text.parse().ok().filter(|c| (1..=30).contains(c));
        return raw.century.map(|_| Hit { from: i, to: i + 3, raw });
    }
    let day = match t.lower.as_ref() {
        "yesterday" => Some(-1),
        "today" | "tonight" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(d) = day {
        raw.rel = Some(Rel::Day(d));
        return Some(Hit { from: i, to: i + 1, raw });
    }
    if let Some(r) = rel_word(&t.lower) {
        // "the past year" is a stretch of time, not a date.
        if t.lower == "past" && prev_is(toks, i, &["the"]) {
            return None;
        }
        // "this fiscal year", "last financial year"
        let skip = usize::from(
            toks.get(i + 1).is_some_and(|t| matches!(t.lower.as_ref(), "fiscal" | "financial" | "calendar")),
        );
        let unit = toks.get(i + 1 + skip)?;
        if skip == 1 && !unit.is_word("year") {
            return None;
        }
        raw.rel = Some(match unit.lower.as_ref() {
            "week" | "weekend" => Rel::Week(r),
            "month" => Rel::Month(r),
            "year" => Rel::Year(r),
            _ => return None,
        });
        return Some(Hit { from: i, to: i + 2 + skip, raw });
    }
    // "two years ago", "a week ago"
    let (amount, k) = if t.kind == TokKind::Num {
        (super::number::parse_digits(t.text)?, i + 1)
    } else if t.is_word("a") || t.is_word("an") {
        (1.0, i + 1)
    } else {
        parse_words(toks, i, rules)?
    };
    let unit = rules.durations.get(toks.get(k)?.stem.as_ref())?;
    if toks.get(k + 1).is_some_and(|a| a.is_word("ago")) {
        raw.rel = Some(Rel::Ago(amount, *unit));
        return Some(Hit { from: i, to: k + 2, raw });
    }
    None
}

/// Words before "a year" that make it a stretch of time ("extended by a year").
const A_UNIT_CUES: &[&str] = &[
    "for",
    "by",
    "over",
    "within",
    "after",
    "in",
    "another",
    "nearly",
    "almost",
    "about",
    "than",
    "additional",
    "extra",
    "further",
    "around",
    "under",
    "past",
    "last",
    "first",
    "full",
];

/// The duration mention starting at token `i`: "three months", "for another year",
/// "nearly three months", "a two-year term", "15-20 years".
pub fn duration_at(toks: &[Token], i: usize, rules: &Rules) -> Option<Hit<DurationRaw>> {
    if let Some(h) = vague_duration_at(toks, i, rules) {
        return Some(h);
    }
    let mut j = i;
    let (mut qualifier, mut below) = (Qualifier::Exact, false);
    if let Some((n, cue)) = rules.qualifiers.at(toks, j) {
        qualifier = cue.qualifier;
        below = cue.below;
        j += n;
    }
    // "between 12 and 18 months": a range, or no duration of its own.
    let between = toks.get(j).is_some_and(|t| t.is_word("between"));
    if between {
        j += 1;
    }
    let t = toks.get(j)?;
    let (amount, mut k) = if t.is_word("a") || t.is_word("an") || t.is_word("another") {
        let cue = t.is_word("another") || prev_is(toks, j, A_UNIT_CUES) || j > i;
        if !cue {
            return None;
        }
        (1.0, j + 1)
    } else {
        amount_at(toks, j, rules)?
    };
    // The second amount of "12 to 18 months", "six-nine months", "between two and
    // three years", in digits or words.
    let mut high = None;
    let link = |t: &Token| t.is_word("to") || (between && t.is_word("and"));
    if is_dash(toks.get(k)) || toks.get(k).is_some_and(link) {
        if let Some((v, next)) = amount_at(toks, k + 1, rules) {
            if toks.get(next).is_some_and(|u| rules.durations.contains_key(u.stem.as_ref())) {
                high = Some(v);
                k = next;
            }
        }
    }
    if between && high.is_none() {
        return None;
    }
    // "an additional year", "another year"
    if toks.get(k).is_some_and(|t| matches!(t.lower.as_ref(), "additional" | "more" | "extra" | "further")) {
        k += 1;
    }
    // "two-year": hyphenated adjective
    if toks.get(k).is_some_and(|d| d.is_punct('-') && !d.space_before) {
        k += 1;
    }
    let u = toks.get(k)?;
    let unit = *rules.durations.get(u.stem.as_ref())?;
    // "two years ago" is a date; "15 years old", "a 65-year-old" an age (a figure).
    let glued_old = toks.get(k + 1).is_some_and(|d| d.is_punct('-') && !d.space_before)
        && toks.get(k + 2).is_some_and(|n| n.is_word("old"));
    if glued_old || toks.get(k + 1).is_some_and(|n| n.is_word("ago") || n.is_word("old")) {
        return None;
    }
    if amount == 1.0
        && high.is_none()
        && t.kind == TokKind::Word
        && (u.lower.ends_with('s') && u.lower != "days")
    {
        return None; // "a years" is not English; "one of the years" is not a duration
    }
    Some(Hit {
        from: i,
        to: k + 1,
        raw: DurationRaw {
            amount,
            high: high.filter(|h| *h > amount),
            unit,
            qualifier: if high.is_some() && qualifier == Qualifier::Exact {
                Qualifier::Range
            } else {
                qualifier
            },
            below,
            vague: false,
        },
    })
}

/// A duration's amount at `j`, in digits or words, and the token after it.
fn amount_at(toks: &[Token], j: usize, rules: &Rules) -> Option<(f64, usize)> {
    let t = toks.get(j)?;
    if t.kind == TokKind::Num {
        return super::number::parse_digits(t.text).map(|v| (v, j + 1));
    }
    parse_words(toks, j, rules)
}

/// "several months", "a few days", "recent weeks", "for years", "decades".
fn vague_duration_at(toks: &[Token], i: usize, rules: &Rules) -> Option<Hit<DurationRaw>> {
    let t = &toks[i];
    let unit_at = match t.lower.as_ref() {
        "several" | "many" | "recent" | "numerous" | "few" => i + 1,
        "a" if toks.get(i + 1).is_some_and(|n| n.is_word("few")) => i + 2,
        _ if prev_is(toks, i, &["for", "over"]) && t.kind == TokKind::Word => i,
        _ => return None,
    };
    let u = toks.get(unit_at)?;
    let unit = *rules.durations.get(u.stem.as_ref())?;
    if !plural(&u.lower) || toks.get(unit_at + 1).is_some_and(|n| n.is_word("ago") || n.is_word("old")) {
        return None;
    }
    Some(Hit {
        from: i,
        to: unit_at + 1,
        raw: DurationRaw {
            amount: 2.0,
            high: Some(10.0),
            unit,
            qualifier: Qualifier::Approx,
            below: false,
            vague: true,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn date(s: &str) -> Option<DateRaw> {
        let rules = Rules::defaults();
        let toks = tokenize(s, 0);
        (0..toks.len()).find_map(|i| at(&toks, i, &rules)).map(|h| h.raw)
    }

    fn ymd(y: Option<i32>, m: Option<u32>, d: Option<u32>) -> DateRaw {
        DateRaw { year: y, month: m, day: d, ..Default::default() }
    }

    #[test]
    fn absolute_and_partial_dates() {
        let cases: Vec<(&str, Option<DateRaw>)> = vec![
            ("October 2, 2025", Some(ymd(Some(2025), Some(10), Some(2)))),
            ("2 October 2025", Some(ymd(Some(2025), Some(10), Some(2)))),
            ("on Sept. 21 he", Some(ymd(None, Some(9), Some(21)))),
            ("in September 2024", Some(ymd(Some(2024), Some(9), None))),
            ("began in June", Some(ymd(None, Some(6), None))),
            ("2024-11-07", Some(ymd(Some(2024), Some(11), Some(7)))),
            ("the 21st of September", Some(ymd(None, Some(9), Some(21)))),
            ("in 2024", Some(ymd(Some(2024), None, None))),
            ("The March rally", None),
            ("You may go", None),
            ("2000 people", None),
        ];
        for (text, want) in cases {
            assert_eq!(date(text), want, "{text}");
        }
    }

    #[test]
    fn weekdays_relatives_ranges_times() {
        let d = date("Saturday, September 21, 2024").unwrap();
        assert_eq!((d.weekday, d.year, d.day), (Some(Weekday::Sat), Some(2024), Some(21)));
        let d = date("on Thursday, November 7, held").unwrap();
        assert_eq!((d.weekday, d.month, d.day), (Some(Weekday::Thu), Some(11), Some(7)));
        assert_eq!(date("on Sunday").unwrap().rel, Some(Rel::Weekday(0)));
        assert_eq!(date("last Tuesday").unwrap().rel, Some(Rel::Weekday(-1)));
        assert_eq!(date("In October last year").unwrap().year_rel, Some(-1));
        assert_eq!(date("last month").unwrap().rel, Some(Rel::Month(-1)));
        assert_eq!(date("next week").unwrap().rel, Some(Rel::Week(1)));
        assert_eq!(date("two years ago").unwrap().rel, Some(Rel::Ago(2.0, TimeUnit::Year)));
        assert_eq!(date("the 2025-2027 term").unwrap().end_year, Some(2027));
        assert_eq!(date("Aug. 8-10").unwrap().end_day, Some(10));
        assert!(date("the 1990s").unwrap().decade);
        assert_eq!(date("at 10 a.m. on").unwrap().time, Some(600));
        assert_eq!(date("by 1:30 p.m.").unwrap().time, Some(13 * 60 + 30));
        let t = date("04:09 UTC").unwrap();
        assert_eq!((t.time, t.zone.as_deref()), (Some(249), Some("UTC")));
        // A span's start takes the zone written after its end; a lone time has none.
        let t = date("(9:30 AM - 10:57 AM IST)").unwrap();
        assert_eq!((t.time, t.zone.as_deref()), (Some(570), Some("IST")));
        assert_eq!(date("at 9:30 AM, then").unwrap().zone, None);
        // A hedge before a time of day is no figure's: the time is the mention.
        assert_eq!(date("around 3 p.m. on").unwrap().time, Some(15 * 60));
        assert_eq!(date("at about 6:34 a.m.").unwrap().time, Some(6 * 60 + 34));
        // Near-miss: a hedge before a plain figure is no time.
        assert!(date("around 3 people").is_none());
        assert_eq!(date("0504 GMT").unwrap().time, Some(304));
        assert_eq!(date("at 10.45pm on").unwrap().time, Some(22 * 60 + 45));
        assert_eq!(date("rose 10.45 points"), None);
        assert_eq!(date("won 10 seats"), None);
    }

    fn dur(s: &str) -> Option<(f64, TimeUnit, Qualifier)> {
        let rules = Rules::defaults();
        let toks = tokenize(s, 0);
        (0..toks.len())
            .find_map(|i| duration_at(&toks, i, &rules))
            .map(|h| (h.raw.amount, h.raw.unit, h.raw.qualifier))
    }

    #[test]
    fn durations() {
        use Qualifier::*;
        use TimeUnit::*;
        let cases = [
            ("for another year", Some((1.0, Year, Exact))),
            ("extended by a year", Some((1.0, Year, Exact))),
            ("for an additional year", Some((1.0, Year, Exact))),
            ("nearly three months", Some((3.0, Month, Approx))),
            ("15 years", Some((15.0, Year, Exact))),
            ("a two-year term", Some((2.0, Year, Exact))),
            ("90 days", Some((90.0, Day, Exact))),
            ("two years ago", None),
            ("a year", None),
            ("34 years old", None),
        ];
        for (text, want) in cases {
            assert_eq!(dur(text), want, "{text}");
        }
    }

    #[test]
    fn duration_ranges() {
        let range = |s: &str| {
            let rules = Rules::defaults();
            let toks = tokenize(s, 0);
            (0..toks.len())
                .find_map(|i| duration_at(&toks, i, &rules))
                .map(|h| (h.raw.amount, h.raw.high, h.raw.unit))
        };
        use TimeUnit::*;
        let cases = [
            ("take 12 to 18 months", Some((12.0, Some(18.0), Month))),
            ("take between 12 and 18 months", Some((12.0, Some(18.0), Month))),
            ("last six to nine months", Some((6.0, Some(9.0), Month))),
            ("last between two and three years", Some((2.0, Some(3.0), Year))),
            ("out of work for one to two years", Some((1.0, Some(2.0), Year))),
            // Near-misses: "between" two dates, and "and" with no "between".
            ("talks between June and July", None),
            ("two and three years", Some((3.0, None, Year))),
        ];
        for (text, want) in cases {
            assert_eq!(range(text), want, "{text}");
        }
    }
}
