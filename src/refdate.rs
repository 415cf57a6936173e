//! Reference dates for articles that no manifest or front matter dates: from a
//! dateline, else from the text's own dates, else nothing. A folder-wide prior (the
//! years the other articles are anchored to) decides what the text leaves open.
//!
//! Rules, in order:
//! 1. A dateline with a year is the date.
//! 2. A dateline without one ("NAIROBI, Kenya, Jan 26 –") takes the first year, from
//!    the latest year the text names in a past context, at which the dateline is not
//!    earlier than any past-context date of the text; with no year in the text, the
//!    prior's year.
//! 3. Otherwise the latest full date in a past context (a weekday + day without a
//!    year counts, in a year where that weekday fits, near the years the text or the
//!    prior name). Future-leaning dates ("through October 2, 2025") are not evidence.
//!
//! The prior is one year: the most common year of the documents dated on their own
//! (manifest, front matter, file name, a dateline with a year, the text). A document
//! dated with the prior keeps a [`Pending`] record, so that a reduce over shards
//! extracted apart can settle the prior once for the whole folder
//! ([`crate::stream::settle`]).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::calendar;
use crate::extract::{Raw, Sentence};
use crate::load::Document;
use crate::model::DateSource;
use crate::normalize::context::tense;
use crate::normalize::resolve::Tense;

/// What the text says of dates, independent of any reference: one boxed list of
/// what were four vectors, 16 bytes where they took 96, in each document's
/// first-pass record and in the [`Pending`] record almost every BBC article keeps
/// (218,000 of them at BBC x100). Serialized as the four lists.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Evidence(Box<[Said]>);

/// One thing the text says of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    /// A full date in a past context.
    Full(NaiveDate),
    /// A month, day and weekday without a year.
    WeekdayDay(u8, u8, Weekday),
    /// The first day of a month named with its year in a past context ("since
    /// February 2024").
    Month(NaiveDate),
    /// A year named in a past context (with or without month and day).
    Year(i32),
}

impl Said {
    /// A month, day and weekday; `None` for a day that cannot be.
    fn weekday_day(m: u32, d: u32, w: Weekday) -> Option<Said> {
        Some(Said::WeekdayDay(m.try_into().ok()?, d.try_into().ok()?, w))
    }

    /// Its list's place in the serialized form: evidence is kept in that order, so
    /// that one read back from a claims stream equals the one made here.
    fn rank(&self) -> u8 {
        match self {
            Said::Full(_) => 0,
            Said::WeekdayDay(..) => 1,
            Said::Month(_) => 2,
            Said::Year(_) => 3,
        }
    }
}

/// An [`Evidence`] as it is serialized.
#[derive(Default, Serialize, Deserialize)]
struct Lists {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    full: Vec<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    weekday_days: Vec<(u32, u32, Weekday)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    months: Vec<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    years: Vec<i32>,
}

impl Evidence {
    /// Full dates, month-day-weekday triples (a day that cannot be is left out),
    /// first days of months and years, each list in text order.
    pub fn new(
        full: Vec<NaiveDate>,
        weekday_days: Vec<(u32, u32, Weekday)>,
        months: Vec<NaiveDate>,
        years: Vec<i32>,
    ) -> Evidence {
        let triple = |(m, d, w)| Said::weekday_day(m, d, w);
        let said = full.into_iter().map(Said::Full).chain(weekday_days.into_iter().filter_map(triple));
        Evidence(
            said.chain(months.into_iter().map(Said::Month))
                .chain(years.into_iter().map(Said::Year))
                .collect(),
        )
    }

    fn full(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.0.iter().filter_map(|s| if let Said::Full(d) = s { Some(*d) } else { None })
    }

    fn weekday_days(&self) -> impl Iterator<Item = (u32, u32, Weekday)> + '_ {
        self.0.iter().filter_map(|s| match *s {
            Said::WeekdayDay(m, d, w) => Some((u32::from(m), u32::from(d), w)),
            _ => None,
        })
    }

    fn months(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.0.iter().filter_map(|s| if let Said::Month(d) = s { Some(*d) } else { None })
    }

    fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.0.iter().filter_map(|s| if let Said::Year(y) = s { Some(*y) } else { None })
    }
}

impl Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (full, weekday_days) = (self.full().collect(), self.weekday_days().collect());
        Lists { full, weekday_days, months: self.months().collect(), years: self.years().collect() }
            .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Evidence, D::Error> {
        let l = Lists::deserialize(d)?;
        Ok(Evidence::new(l.full, l.weekday_days, l.months, l.years))
    }
}

/// A document that nothing of its own dates, so that its date (or its lack of one)
/// depends on the folder-wide year prior: the prior it was dated with and what
/// [`infer`] needs to date it under another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// The prior year the document was dated with (`None`: no document was dated on
    /// its own).
    pub year: Option<i32>,
    /// Its dateline (month, day, and year when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<(u32, u32, Option<i32>)>,
    /// What its text says of dates.
    pub evidence: Evidence,
}

impl Pending {
    /// The date (and where it came from) under the prior year `year`.
    pub fn date_with(&self, year: Option<i32>) -> Option<(NaiveDate, DateSource)> {
        infer(self.dateline, &self.evidence, year.as_slice())
    }
}

/// Reads the evidence of one document's sentences.
pub fn evidence(sentences: &[Sentence]) -> Evidence {
    let mut ev = Vec::new();
    for s in sentences {
        for m in &s.mentions {
            let Raw::Date(d) = &m.raw else { continue };
            if d.rel.is_some() && d.weekday.is_none() || tense(&s.tokens, m.from, m.to) != Tense::Past {
                continue;
            }
            match (d.year, d.month, d.day) {
                (Some(y), Some(mo), Some(da)) => {
                    ev.extend(NaiveDate::from_ymd_opt(y, mo, da).map(Said::Full));
                    ev.push(Said::Year(y));
                }
                (None, Some(mo), Some(da)) => {
                    ev.extend(d.weekday.and_then(|w| Said::weekday_day(mo, da, w)));
                }
                (Some(y), Some(mo), None) => {
                    ev.extend(NaiveDate::from_ymd_opt(y, mo, 1).map(Said::Month));
                    ev.push(Said::Year(y));
                }
                (Some(y), _, _) if d.end_year.is_none() && !d.decade => ev.push(Said::Year(y)),
                _ => {}
            }
        }
    }
    // Stable: each list stays in text order.
    ev.sort_by_key(Said::rank);
    Evidence(ev.into_boxed_slice())
}

/// Sets the date of every undated document: first from its own evidence alone, then
/// with the year prior, the most common year of the documents dated so far (or
/// `forced`, the prior settled for a whole folder of which `docs` is a shard). A
/// document the second pass decides gets its [`Pending`] record.
pub fn infer_all(docs: &mut [Document], evidence: &[Evidence], forced: Option<i32>) {
    for (d, ev) in docs.iter_mut().zip(evidence) {
        if d.date.is_none() {
            if let Some((date, src)) = infer(d.dateline, ev, &[]) {
                d.date = Some(date);
                d.date_source = src;
            }
        }
    }
    let year = forced.or_else(|| folder_prior(docs.iter().filter_map(|d| d.date.map(|x| x.year()))));
    for (d, ev) in docs.iter_mut().zip(evidence) {
        if d.date.is_none() {
            let p = Pending { year, dateline: d.dateline, evidence: ev.clone() };
            if let Some((date, src)) = p.date_with(year) {
                d.date = Some(date);
                d.date_source = src;
            }
            d.year_prior = Some(Box::new(p));
        }
    }
}

/// The folder-wide year prior: the most common of the years of the documents dated on
/// their own (ties: the latest).
pub fn folder_prior(years: impl IntoIterator<Item = i32>) -> Option<i32> {
    prior_year(&years.into_iter().collect::<Vec<_>>())
}

/// The most common year of `prior` (ties: the latest).
fn prior_year(prior: &[i32]) -> Option<i32> {
    let mut v = prior.to_vec();
    v.sort_unstable();
    v.chunk_by(|a, b| a == b).max_by_key(|c| (c.len(), c[0])).map(|c| c[0])
}

/// Whether a year prior can change what [`infer`] gives for this dateline and
/// evidence: it stands in for the year of a dateline without one when the text names
/// no year, and it is among the years a weekday-and-day mention is fitted to. A
/// document for which it cannot is dated for good by its own evidence.
pub fn prior_matters(dateline: Option<(u32, u32, Option<i32>)>, ev: &Evidence) -> bool {
    match dateline {
        Some((_, _, Some(_))) => false,
        Some(_) => ev.years().next().is_none(),
        None => ev.weekday_days().next().is_some(),
    }
}

/// One document's date from its dateline and evidence.
pub fn infer(
    dateline: Option<(u32, u32, Option<i32>)>,
    ev: &Evidence,
    prior: &[i32],
) -> Option<(NaiveDate, DateSource)> {
    if let Some((m, d, y)) = dateline {
        if let Some(y) = y {
            return NaiveDate::from_ymd_opt(y, m, d).map(|x| (x, DateSource::Dateline));
        }
        let start = ev.years().max().or_else(|| prior_year(prior))?;
        let latest_past = ev.full().chain(ev.months()).max();
        for y in start..start + 3 {
            if let Some(x) = NaiveDate::from_ymd_opt(y, m, d) {
                let after_mentions = latest_past.is_none_or(|l| x >= l);
                let after_years = ev.years().all(|yy| yy <= y);
                if after_mentions && after_years {
                    return Some((x, DateSource::Dateline));
                }
            }
        }
        return None;
    }
    let mut cands: Vec<NaiveDate> = ev.full().collect();
    let mut near: Vec<i32> = ev.years().collect();
    near.extend(prior_year(prior));
    near.sort_unstable();
    near.dedup();
    for (m, d, w) in ev.weekday_days() {
        let fits: Vec<i32> = near
            .iter()
            .flat_map(|&y| [y - 1, y, y + 1])
            .filter(|&y| calendar::weekday_fits(y, m, d, w))
            .collect();
        // Prefer a fitting year the text itself names, then the prior's.
        if let Some(y) = fits
            .iter()
            .find(|&&y| ev.years().any(|x| x == y))
            .or_else(|| fits.iter().find(|y| near.contains(y)))
            .or(fits.first())
        {
            cands.extend(NaiveDate::from_ymd_opt(*y, m, d));
        }
    }
    cands.into_iter().max().map(|x| (x, DateSource::Inferred))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dateline_year_is_the_first_that_follows_the_text() {
        let ev = Evidence::new(vec![], vec![], vec![ymd(2024, 2, 1), ymd(2021, 7, 1)], vec![2024, 2021]);
        assert_eq!(infer(Some((1, 26, None)), &ev, &[]), Some((ymd(2025, 1, 26), DateSource::Dateline)));
        let ev = Evidence::new(vec![ymd(2024, 3, 1)], vec![], vec![], vec![2024]);
        assert_eq!(infer(Some((6, 2, None)), &ev, &[]), Some((ymd(2024, 6, 2), DateSource::Dateline)));
        assert_eq!(
            infer(Some((6, 2, Some(2020))), &Evidence::default(), &[]),
            Some((ymd(2020, 6, 2), DateSource::Dateline))
        );
        assert_eq!(
            infer(Some((6, 2, None)), &Evidence::default(), &[2019, 2019, 2020]),
            Some((ymd(2019, 6, 2), DateSource::Dateline))
        );
    }

    #[test]
    fn weekday_fixes_the_year_with_the_prior() {
        let ev = Evidence::new(vec![], vec![(11, 7, Weekday::Thu)], vec![], vec![]);
        assert_eq!(infer(None, &ev, &[2024, 2025]), Some((ymd(2024, 11, 7), DateSource::Inferred)));
        assert_eq!(infer(None, &Evidence::default(), &[2024]), None);
        let ev = Evidence::new(
            vec![ymd(2024, 9, 21), ymd(2024, 9, 22), ymd(2024, 6, 24)],
            vec![],
            vec![],
            vec![2024],
        );
        assert_eq!(infer(None, &ev, &[]), Some((ymd(2024, 9, 22), DateSource::Inferred)));
    }

    #[test]
    fn evidence_is_one_list_serialized_as_four() {
        let ev = Evidence::new(
            vec![ymd(2024, 3, 1)],
            vec![(11, 7, Weekday::Thu)],
            vec![ymd(2024, 2, 1)],
            vec![2024, 2021],
        );
        let json = serde_json::to_string(&ev).unwrap();
        assert_eq!(
            json,
            r#"{"full":["2024-03-01"],"weekday_days":[[11,7,"Thu"]],"months":["2024-02-01"],"years":[2024,2021]}"#
        );
        assert_eq!(serde_json::from_str::<Evidence>(&json).unwrap(), ev);
        assert_eq!(serde_json::to_string(&Evidence::default()).unwrap(), "{}");
        // A day that cannot be is no evidence.
        assert_eq!(Evidence::new(vec![], vec![(11, 700, Weekday::Thu)], vec![], vec![]), Evidence::default());
        assert_eq!(std::mem::size_of::<Evidence>(), 16);
        // Made from a text whose kinds alternate, it reads back equal from its JSON.
        let text = "The plant opened in 2019 and closed on March 3, 2020. It reopened in May 2021.";
        let rules = crate::rules::Rules::defaults();
        let made = evidence(&crate::extract::extract(text, &rules));
        assert_eq!(made.years().collect::<Vec<_>>(), [2019, 2020, 2021]);
        let json = serde_json::to_string(&made).unwrap();
        assert_eq!(serde_json::from_str::<Evidence>(&json).unwrap(), made);
    }

    proptest::proptest! {
        /// Where `prior_matters` says no, no prior changes the date; the pipeline keeps
        /// only claim sentences of such documents before the prior is known.
        #[test]
        fn no_prior_changes_a_date_it_cannot_matter_to(
            full in proptest::collection::vec((2000i32..2030, 1u32..13, 1u32..29), 0..3),
            weekday_days in proptest::collection::vec((1u32..13, 1u32..29, 0u8..7), 0..2),
            years in proptest::collection::vec(2000i32..2030, 0..3),
            dateline in proptest::option::of((1u32..13, 1u32..29, proptest::option::of(2000i32..2030))),
            prior in proptest::collection::vec(1995i32..2035, 1..4),
        ) {
            let ev = Evidence::new(
                full.iter().filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)).collect(),
                weekday_days.iter().map(|&(m, d, w)| (m, d, Weekday::try_from(w).expect("0..7"))).collect(),
                Vec::new(),
                years,
            );
            if !prior_matters(dateline, &ev) {
                proptest::prop_assert_eq!(infer(dateline, &ev, &[]), infer(dateline, &ev, &prior));
            }
        }
    }
}
