//! The plain data that flows between stages: documents, claims, findings.
//!
//! Values are intervals over `f64`: numbers for counts, percents, money and
//! quantities; days for durations; day numbers (days from 0001-01-01, the day
//! `[d, d+1)`) for dates, so that a time of day is a point inside its day and every
//! comparison is the same interval arithmetic.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::name::Name;
use crate::words::Words;

/// What a claim measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A number of things.
    Count,
    /// A share.
    Percent,
    /// An amount of money in one currency.
    Money,
    /// A measured quantity with a unit (km, acres).
    Quantity,
    /// A day, month, year or instant.
    Date,
    /// A length of time.
    Duration,
}

impl Kind {
    /// Parses the JSON / rules.toml name.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "count" => Kind::Count,
            "percent" => Kind::Percent,
            "money" => Kind::Money,
            "quantity" => Kind::Quantity,
            "date" => Kind::Date,
            "duration" => Kind::Duration,
            _ => return None,
        })
    }

    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Percent => "percent",
            Kind::Money => "money",
            Kind::Quantity => "quantity",
            Kind::Date => "date",
            Kind::Duration => "duration",
        }
    }
}

/// How the text hedges a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As written.
    Exact,
    /// about / around / nearly.
    Approx,
    /// at least.
    AtLeast,
    /// over / more than.
    MoreThan,
    /// up to / as many as.
    AtMost,
    /// fewer than / under.
    LessThan,
    /// between X and Y; X–Y.
    Range,
}

/// What part of a fact a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The whole amount.
    Total,
    /// An addition to an earlier amount ("an additional 200").
    Increment,
    /// A reduction ("200 fewer").
    Decrement,
    /// The first of several ("the first contingent of 400").
    Initial,
    /// A mean or a rate ("an average loss of $43.6 million", "$10 per share").
    Average,
    /// The insured part of a loss ("insured losses of $1.5 billion", "insured property
    /// value of $2.5 billion to $4 billion"): a part of the whole, never the whole.
    Insured,
}

/// Whether a figure happened or is promised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Reported as done or current.
    Actual,
    /// Pledged, planned, expected, or dated after the article.
    Target,
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Listed only.
    Info,
    /// Shown, lower priority.
    Warning,
    /// Fails CI by default.
    Error,
}

impl Severity {
    /// Parses a rules.toml name.
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => return None,
        })
    }
}

/// What a finding says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Incompatible values for the same fact.
    Conflict,
    /// Disjoint values within rounding of each other.
    Discrepancy,
    /// A weekday that is not the weekday of its date.
    WeekdayMismatch,
    /// Compatible values from two or more independent sources.
    Agreement,
    /// Values that change across as-of times.
    Timeline,
    /// Different bodies' figures for one fact ("the Red Cross says 90, the county 96").
    Estimates,
}

impl Status {
    /// All names, for messages.
    pub const NAMES: &'static [&'static str] =
        &["conflict", "discrepancy", "weekday_mismatch", "agreement", "timeline", "estimates"];

    /// Parses a rules.toml / JSON name.
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "conflict" => Status::Conflict,
            "discrepancy" => Status::Discrepancy,
            "weekday_mismatch" => Status::WeekdayMismatch,
            "agreement" => Status::Agreement,
            "timeline" => Status::Timeline,
            "estimates" => Status::Estimates,
            _ => return None,
        })
    }

    /// The JSON name.
    pub fn name(self) -> &'static str {
        Status::NAMES[self as usize]
    }

    /// Severities before rules.toml overrides them.
    pub fn default_severities() -> HashMap<Status, Severity> {
        HashMap::from([
            (Status::Conflict, Severity::Error),
            (Status::Discrepancy, Severity::Warning),
            (Status::WeekdayMismatch, Severity::Warning),
            (Status::Agreement, Severity::Info),
            (Status::Timeline, Severity::Info),
            (Status::Estimates, Severity::Info),
        ])
    }

    /// Whether the status is a flag (a problem an editor must look at).
    pub fn is_flag(self) -> bool {
        matches!(self, Status::Conflict | Status::Discrepancy | Status::WeekdayMismatch)
    }
}

/// A value interval; an open end is an infinite bound.
///
/// Its ends are plain `f64`s (−∞ and +∞ for open ends) rather than `Option`s: an
/// interval is 24 bytes instead of 40, and so is an `Option<Interval>` (its flags
/// give the niche). A claim holds two (its value and its time): 64 MB at BBC x100.
/// Serialized as it was, an open end `null`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(from = "Ends", into = "Ends")]
pub struct Interval {
    /// Lower end, −∞ when open.
    low: f64,
    /// Upper end, +∞ when open.
    high: f64,
    /// Whether `low` belongs to the interval.
    pub low_inclusive: bool,
    /// Whether `high` belongs to the interval.
    pub high_inclusive: bool,
}

/// An [`Interval`] as it is serialized.
#[derive(Serialize, Deserialize)]
struct Ends {
    low: Option<f64>,
    high: Option<f64>,
    low_inclusive: bool,
    high_inclusive: bool,
}

impl From<Ends> for Interval {
    fn from(e: Ends) -> Interval {
        Interval::new(e.low, e.high, e.low_inclusive, e.high_inclusive)
    }
}

impl From<Interval> for Ends {
    fn from(i: Interval) -> Ends {
        Ends {
            low: i.low(),
            high: i.high(),
            low_inclusive: i.low_inclusive,
            high_inclusive: i.high_inclusive,
        }
    }
}

impl Interval {
    /// The interval from `low` to `high`, `None` an open end.
    pub fn new(low: Option<f64>, high: Option<f64>, low_inclusive: bool, high_inclusive: bool) -> Self {
        Interval {
            low: low.unwrap_or(f64::NEG_INFINITY),
            high: high.unwrap_or(f64::INFINITY),
            low_inclusive,
            high_inclusive,
        }
    }

    /// Lower end, `None` when open.
    pub fn low(&self) -> Option<f64> {
        Some(self.low).filter(|v| *v != f64::NEG_INFINITY)
    }

    /// Upper end, `None` when open.
    pub fn high(&self) -> Option<f64> {
        Some(self.high).filter(|v| *v != f64::INFINITY)
    }

    /// The instant of a time of day: a point inside a day (whole days are dates).
    pub fn instant(&self) -> Option<f64> {
        (self.low == self.high).then_some(self.low).filter(|v| v.fract() != 0.0)
    }

    /// `[x, x]`.
    pub fn point(x: f64) -> Self {
        Interval::closed(x, x)
    }

    /// `[a, b]`.
    pub fn closed(a: f64, b: f64) -> Self {
        Interval { low: a.min(b), high: a.max(b), low_inclusive: true, high_inclusive: true }
    }

    /// `[a, b)`: the days of a date span.
    pub fn half_open(a: f64, b: f64) -> Self {
        Interval { low: a, high: b, low_inclusive: true, high_inclusive: false }
    }

    /// Lower end, −∞ when open.
    pub fn lo(&self) -> f64 {
        self.low
    }

    /// Upper end, +∞ when open.
    pub fn hi(&self) -> f64 {
        self.high
    }

    /// Whether the two share a point, treating every end as closed (a bound that
    /// touches the other figure agrees: "over 3,500" and "3,500").
    pub fn touches(&self, o: &Interval) -> bool {
        self.lo() <= o.hi() && o.lo() <= self.hi()
    }

    /// Whether the two share a point, open ends honoured: the days of 2001,
    /// `[2001-01-01, 2002-01-01)`, do not meet 2002's, though they touch.
    pub fn overlaps(&self, o: &Interval) -> bool {
        let below = |a: &Interval, b: &Interval| {
            a.lo() < b.hi() || (a.lo() == b.hi() && a.low_inclusive && b.high_inclusive)
        };
        below(self, o) && below(o, self)
    }

    /// The smallest distance between the two (0 when they touch).
    pub fn gap(&self, o: &Interval) -> f64 {
        if self.touches(o) {
            0.0
        } else if self.hi() < o.lo() {
            o.lo() - self.hi()
        } else {
            self.lo() - o.hi()
        }
    }
}

/// The figure as written where a value's interval hides it: one number, or two for a
/// range ([`Nominal::get`]). Two `f64`s with NaN for "none" (a figure as written is
/// never NaN): 16 bytes where `Option<(f64, Option<f64>)>` took 32. Serialized as
/// that option was.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(from = "Option<(f64, Option<f64>)>", into = "Option<(f64, Option<f64>)>")]
pub struct Nominal {
    /// The figure, NaN when there is none.
    first: f64,
    /// A range's second figure, NaN when there is none.
    second: f64,
}

impl Nominal {
    /// The figure and a range's second figure, when there is a figure.
    pub fn get(self) -> Option<(f64, Option<f64>)> {
        (!self.first.is_nan()).then_some((self.first, Some(self.second).filter(|v| !v.is_nan())))
    }
}

impl From<Option<(f64, Option<f64>)>> for Nominal {
    fn from(n: Option<(f64, Option<f64>)>) -> Nominal {
        match n {
            Some((first, second)) => Nominal { first, second: second.unwrap_or(f64::NAN) },
            None => Nominal { first: f64::NAN, second: f64::NAN },
        }
    }
}

impl From<Nominal> for Option<(f64, Option<f64>)> {
    fn from(n: Nominal) -> Self {
        n.get()
    }
}

impl PartialEq for Nominal {
    fn eq(&self, o: &Nominal) -> bool {
        self.get() == o.get()
    }
}

/// A claim's value: the interval, the figure as written where the interval hides it,
/// and a TIMEX3 value for dates and durations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    /// The interval.
    pub interval: Interval,
    /// The figure as written (one number, or two for a range).
    pub nominal: Nominal,
    /// TIMEX3 value ("2025-10-02", "2024-W45", "P1Y", "PRESENT_REF").
    pub iso: Option<Name>,
    /// The unit the interval is in when a measure was converted to the unit its
    /// dimension is compared in ("60 feet": the claim's unit is "foot", the interval
    /// in metres); the figure as written is then `nominal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Name>,
}

/// Where a document's reference date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// `sources.toml` / `--sources`.
    Manifest,
    /// `date:` in front matter.
    FrontMatter,
    /// "NAIROBI, Kenya, Jan 26 –".
    Dateline,
    /// The text's own dates.
    Inferred,
    /// Nothing said it.
    None,
}

impl DateSource {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Manifest => "manifest",
            DateSource::FrontMatter => "front-matter",
            DateSource::Dateline => "dateline",
            DateSource::Inferred => "inferred",
            DateSource::None => "none",
        }
    }
}

/// Entities and cues around a claim that the grouping and its evidence use.
///
/// Its entities, scope and content words are one list (`names`: the scope from
/// `scope_at` on, the words from `words_at` on): one allocation and 24 bytes where
/// three boxed slices took 48, in each of a run's claims (two million at BBC x100).
/// Read them with [`Context::entities`], [`Context::scope`] and [`Context::words`].
/// Serialized as the three lists they were.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The event class, when a cue was found.
    pub event: Option<Name>,
    /// The entities, then the scope, then the content-word stems in symbol order.
    pub(crate) names: Box<[Name]>,
    /// Where the scope starts in `names`.
    pub(crate) scope_at: u32,
    /// Where the words start in `names`.
    pub(crate) words_at: u32,
    /// Whether the time comes from the sentence (not just the reference date).
    pub explicit_time: bool,
    /// What a share is of ("80 per cent of the capital": "capital"; proper names keep
    /// their capital letter).
    pub measured: Option<Name>,
    /// Who gives the figure ("according to the Red Cross", "officials said"), lower case.
    pub attribution: Option<Name>,
    /// Whether the figure is a running total over a period ("in five days", "since
    /// Friday", "in total"), not one day's count.
    pub cumulative: bool,
    /// The clock time a running count was read at ("as of 9:15 a.m.", "by 8 a.m.
    /// ET"), as written: a snapshot of a count that grows through the day.
    pub read_at: Option<Name>,
    /// Whether a running figure with no time of its own is stated as the state of
    /// things now ("has risen to 80", "now control"): as of its article's day.
    pub current: bool,
    /// Whether a running figure is stated as a revision ("has risen to 80", "was later
    /// raised to 93", "revised down to 97"): one moment of a figure on the move.
    pub revised: bool,
}

impl Context {
    /// Canonical names of the entities in the claim's clause.
    pub fn entities(&self) -> &[Name] {
        &self.names[..self.scope_at as usize]
    }

    /// Entities that set the figure's scope (its clause, agents and destinations left
    /// out), lower case.
    pub fn scope(&self) -> &[Name] {
        &self.names[self.scope_at as usize..self.words_at as usize]
    }

    /// Content-word stems of the sentence (for the comparability check; not in the v1
    /// report, but in the claims stream).
    pub fn words(&self) -> Words<'_> {
        Words::of(&self.names[self.words_at as usize..])
    }

    /// Sets the entities and the scope, the words kept.
    pub fn set_names(&mut self, entities: &[Name], scope: &[Name]) {
        let words = self.names[self.words_at as usize..].to_vec();
        self.fill(entities, scope, &words);
    }

    /// Sets the content words from their stems, the names kept.
    pub fn set_words<S: AsRef<str>>(&mut self, stems: impl IntoIterator<Item = S>) {
        let (entities, scope) = (self.entities().to_vec(), self.scope().to_vec());
        self.fill(&entities, &scope, &crate::words::set(stems));
    }

    /// Sets the entities, the scope and the content words (from their stems) at once:
    /// one list made, where [`Context::set_names`] then [`Context::set_words`] make two.
    pub fn set_lists<S: AsRef<str>>(
        &mut self,
        entities: &[Name],
        scope: &[Name],
        stems: impl IntoIterator<Item = S>,
    ) {
        self.fill(entities, scope, &crate::words::set(stems));
    }

    /// Makes the one list of the three parts.
    fn fill(&mut self, entities: &[Name], scope: &[Name], words: &[Name]) {
        let at = |n: usize| u32::try_from(n).expect("a sentence has fewer than 2^32 names and words");
        (self.scope_at, self.words_at) = (at(entities.len()), at(entities.len() + scope.len()));
        self.names = entities.iter().chain(scope).chain(words).copied().collect();
    }

    /// Sets the scope, the entities kept.
    pub fn set_scope(&mut self, scope: &[Name]) {
        let entities = self.entities().to_vec();
        self.set_names(&entities, scope);
    }
}

/// A [`Context`] as it is serialized, borrowed from it.
#[derive(Serialize)]
struct ContextOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<Name>,
    #[serde(skip_serializing_if = "<[Name]>::is_empty")]
    entities: &'a [Name],
    explicit_time: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    measured: Option<Name>,
    #[serde(skip_serializing_if = "<[Name]>::is_empty")]
    scope: &'a [Name],
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<Name>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cumulative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    read_at: Option<Name>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    current: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    revised: bool,
    #[serde(skip_serializing_if = "no_words")]
    words: Words<'a>,
}

fn no_words(w: &Words) -> bool {
    w.is_empty()
}

impl Serialize for Context {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ContextOut {
            event: self.event,
            entities: self.entities(),
            explicit_time: self.explicit_time,
            measured: self.measured,
            scope: self.scope(),
            attribution: self.attribution,
            cumulative: self.cumulative,
            read_at: self.read_at,
            current: self.current,
            revised: self.revised,
            words: self.words(),
        }
        .serialize(s)
    }
}

/// A [`Context`] as it is read back.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ContextIn {
    event: Option<Name>,
    entities: Vec<Name>,
    explicit_time: bool,
    measured: Option<Name>,
    scope: Vec<Name>,
    attribution: Option<Name>,
    cumulative: bool,
    read_at: Option<Name>,
    current: bool,
    revised: bool,
    words: Vec<String>,
}

impl<'de> Deserialize<'de> for Context {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Context, D::Error> {
        let c = ContextIn::deserialize(d)?;
        let mut out = Context {
            event: c.event,
            explicit_time: c.explicit_time,
            measured: c.measured,
            attribution: c.attribution,
            cumulative: c.cumulative,
            read_at: c.read_at,
            current: c.current,
            revised: c.revised,
            ..Context::default()
        };
        out.fill(&c.entities, &c.scope, &crate::words::set(c.words));
        Ok(out)
    }
}

/// A normalized claim.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id ("c" + content hash).
    pub id: crate::hash::ClaimId,
    /// Index of the document in the run: 32 bits, like the offsets (a run of 2^32
    /// articles would be 8 TB of text at BBC's sizes); see [`Claim::doc_index`].
    pub doc: u32,
    /// Byte offset of the claimed text in the file. Offsets, lines and columns are
    /// 32-bit: an article is at most [`crate::load::MAX_FILE_BYTES`] (16 MiB), and
    /// as `usize`s they were 36 of a claim's bytes more (70 MB at BBC x100).
    pub start: u32,
    /// Byte offset one past it.
    pub end: u32,
    /// Byte span in the decoded text (equal to `start..end` for UTF-8 files).
    pub span: (u32, u32),
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte span of the sentence in the decoded text.
    pub sentence: (u32, u32),
    /// What it measures.
    pub kind: Kind,
    /// Its value.
    pub value: Value,
    /// What is counted, or the currency code.
    pub unit: Option<Name>,
    /// The hedge.
    pub qualifier: Qualifier,
    /// Its role.
    pub role: Role,
    /// Done or promised.
    pub modality: Modality,
    /// Subject key: what fact it is about (empty when too weak to group).
    pub subject: Name,
    /// A curated subject's label, when one matched.
    pub label: Option<Name>,
    /// Whether the fact may change over time.
    pub running: bool,
    /// The time the claim is about, when its sentence says.
    pub time: Option<Interval>,
    /// The context that built the subject. In the claim, not boxed: with its names
    /// 4-byte ids it is 72 bytes, and a box of it was another small allocation per
    /// claim, made among each document's short-lived tokens (whose freed neighbours
    /// the allocator could not give back).
    pub context: Context,
    /// The weekday the text gives, if it is not the weekday of the date.
    pub weekday_mismatch: Option<Name>,
    /// The document's reference date (day number, see [`crate::calendar::day_number`]),
    /// for age comparisons. A [`Day`], 4 bytes with its `Option` beside an
    /// `Option<f64>`'s 16, and exact for every date; serialized as the `f64` it was.
    #[serde(with = "day_number")]
    pub reference: Option<Day>,
}

impl Claim {
    /// The index of its document, to index the run's documents with.
    pub fn doc_index(&self) -> usize {
        self.doc as usize
    }

    /// The claimed text's bytes in the decoded text.
    pub fn text_range(&self) -> std::ops::Range<usize> {
        self.span.0 as usize..self.span.1 as usize
    }

    /// Its sentence's bytes in the decoded text.
    pub fn sentence_range(&self) -> std::ops::Range<usize> {
        self.sentence.0 as usize..self.sentence.1 as usize
    }
}

/// An offset, line or column as a claim holds it (see [`Claim::start`]); saturating,
/// though an article's offsets never reach `u32::MAX`.
pub fn position(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// A document index as a claim holds it ([`Claim::doc`]). A run holds each of its
/// documents in memory (144 bytes apiece before its text), so 2^32 of them cannot
/// be reached.
pub fn doc_number(i: usize) -> u32 {
    u32::try_from(i).expect("a run holds fewer than 2^32 documents")
}

/// A finding over a group of claims.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Stable id derived from content.
    pub id: String,
    /// What it says.
    pub status: Status,
    /// How bad.
    pub severity: Severity,
    /// Subject key.
    pub subject: String,
    /// Human words for the subject.
    pub label: String,
    /// Claim indices (into the run's claims), in report order.
    pub claims: Vec<usize>,
    /// Independent sources (near-duplicates count once).
    pub sources: usize,
    /// One-line explanation.
    pub message: String,
}

/// A day number as the claims stream writes it: an `f64`, as it was before the
/// claim held it as an `i32`.
/// A day number ([`crate::calendar::day_index`]) that an `Option` holds in 4 bytes: its
/// bits with the sign bit flipped, never zero but for `i32::MIN`, 5.9 million years
/// BC, which is no date chrono has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(std::num::NonZeroI32);

impl Day {
    /// The day `d`; `None` only for `i32::MIN`.
    pub fn new(d: i32) -> Option<Day> {
        std::num::NonZeroI32::new(d ^ i32::MIN).map(Day)
    }

    /// The day number.
    pub fn get(self) -> i32 {
        self.0.get() ^ i32::MIN
    }
}

mod day_number {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Day;

    pub fn serialize<S: Serializer>(d: &Option<Day>, s: S) -> Result<S::Ok, S::Error> {
        d.map(|d| f64::from(d.get())).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Day>, D::Error> {
        match Option::<f64>::deserialize(d)? {
            None => Ok(None),
            Some(x) if x.fract() == 0.0 && (f64::from(i32::MIN + 1)..=f64::from(i32::MAX)).contains(&x) => {
                Ok(Day::new(x as i32))
            }
            Some(x) => Err(serde::de::Error::custom(format!("reference day {x} is not a day number"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_ends_and_no_figure_serialize_as_the_options_they_were() {
        let open = Interval::new(Some(5.0), None, false, false);
        let json = serde_json::to_string(&open).unwrap();
        assert_eq!(json, r#"{"low":5.0,"high":null,"low_inclusive":false,"high_inclusive":false}"#);
        assert_eq!(serde_json::from_str::<Interval>(&json).unwrap(), open);
        assert_eq!((open.low(), open.high(), open.hi()), (Some(5.0), None, f64::INFINITY));
        // Near-miss: a closed interval keeps both ends.
        assert_eq!(Interval::closed(2.0, 1.0).low(), Some(1.0));
        for n in [None, Some((115.0, None)), Some((115.0, Some(97.0)))] {
            let nominal = Nominal::from(n);
            assert_eq!(nominal.get(), n);
            let json = serde_json::to_string(&nominal).unwrap();
            assert_eq!(json, serde_json::to_string(&n).unwrap());
            assert_eq!(serde_json::from_str::<Nominal>(&json).unwrap(), nominal);
        }
        // What the compact forms are for: a run holds every claim at once.
        assert_eq!(std::mem::size_of::<Option<Interval>>(), 24);
        assert_eq!(std::mem::size_of::<Nominal>(), 16);
        assert_eq!(std::mem::size_of::<Context>(), 48);
        assert_eq!(std::mem::size_of::<Claim>(), 192);
    }

    #[test]
    fn entities_and_scope_share_one_list_and_serialize_apart() {
        let mut c = Context::default();
        c.set_names(&[Name::new("Haiti")], &[Name::new("kenya"), Name::new("haiti")]);
        assert_eq!((c.entities().len(), c.scope().len()), (1, 2));
        c.set_scope(&[Name::new("kenya")]);
        assert_eq!((c.entities(), c.scope()), (&[Name::new("Haiti")][..], &[Name::new("kenya")][..]));
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, r#"{"entities":["Haiti"],"explicit_time":false,"scope":["kenya"]}"#);
        assert_eq!(serde_json::from_str::<Context>(&json).unwrap(), c);
        // Near-miss: no entities, only a scope.
        let mut d = Context::default();
        d.set_names(&[], &[Name::new("kenya")]);
        assert!(d.entities().is_empty());
        assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"explicit_time":false,"scope":["kenya"]}"#);
        // The words share the list too: setting either part keeps the other.
        d.set_words(["deploy", "officer", "deploy"]);
        d.set_names(&[Name::new("Haiti")], &[Name::new("kenya")]);
        assert_eq!(
            (d.entities().len(), d.scope().len(), d.words().stems()),
            (1, 1, vec!["deploy", "officer"])
        );
        d.set_words(["mission"]);
        assert_eq!((d.entities(), d.scope()), (&[Name::new("Haiti")][..], &[Name::new("kenya")][..]));
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"entities":["Haiti"],"explicit_time":false,"scope":["kenya"],"words":["mission"]}"#
        );
        assert_eq!(serde_json::from_str::<Context>(&json).unwrap(), d);
    }

    #[test]
    fn a_reference_day_reads_back_only_as_a_whole_day() {
        #[derive(Serialize, Deserialize)]
        struct R {
            #[serde(with = "day_number")]
            r: Option<Day>,
        }
        assert_eq!(serde_json::to_string(&R { r: Day::new(739_000) }).unwrap(), r#"{"r":739000.0}"#);
        assert_eq!(serde_json::from_str::<R>(r#"{"r":739000.0}"#).unwrap().r, Day::new(739_000));
        assert_eq!(serde_json::from_str::<R>(r#"{"r":-5.0}"#).unwrap().r.map(Day::get), Some(-5));
        assert_eq!(std::mem::size_of::<Option<Day>>(), 4);
        assert_eq!(serde_json::from_str::<R>(r#"{"r":null}"#).unwrap().r, None);
        assert!(serde_json::from_str::<R>(r#"{"r":739000.5}"#).is_err());
    }
}
