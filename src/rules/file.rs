//! rules.toml as written: every field optional, unknown keys rejected, layers merged.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// A rules file as parsed. Every section is optional so a project file can say only
/// what it changes; [`RulesFile::layer`] merges one over another.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// Relative tolerances.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<ToleranceFile>,
    /// Status → severity ("error", "warning", "info").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<BTreeMap<String, Spanned<String>>>,
    /// Number words and scales.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numbers: Option<NumbersFile>,
    /// Qualifier phrases by interval shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifiers: Option<QualifiersFile>,
    /// ISO currency code → symbols and words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currencies: Option<Lists>,
    /// ISO currency code → the name a price per unit is written with ("dollar per barrel").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_names: Option<BTreeMap<String, Spanned<String>>>,
    /// Canonical unit → head nouns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<Lists>,
    /// Canonical measure unit → words (quantities rather than counts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures: Option<Lists>,
    /// Measure unit → how many of another unit one of it makes (feet meet metres).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversions: Option<BTreeMap<String, Spanned<ConversionFile>>>,
    /// Time unit → words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub durations: Option<Lists>,
    /// Role cues.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<RolesFile>,
    /// Event class → cue words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Lists>,
    /// What is never a claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noise: Option<NoiseFile>,
    /// Who gives a figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<AttributionFile>,
    /// Cues for the time a figure is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeFile>,
    /// Entity aliases and words that are not entities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<EntitiesFile>,
    /// Curated subjects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject: Vec<SubjectFile>,
}

/// A table of named word lists; each list keeps its position for error messages.
pub type Lists = BTreeMap<String, Spanned<Vec<String>>>;

/// `[tolerance]`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ToleranceFile {
    /// Half-width of "about X" as a share of X.
    pub approx: Option<Spanned<f64>>,
    /// Width of "nearly X" below X, as a share of X.
    pub nearly: Option<Spanned<f64>>,
    /// Largest relative gap that is a rounding discrepancy.
    pub rounding: Option<Spanned<f64>>,
    /// Largest relative gap at which a round figure still agrees.
    pub agree: Option<Spanned<f64>>,
}

/// `[numbers]`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NumbersFile {
    /// Number word → value.
    pub words: Option<BTreeMap<String, f64>>,
    /// Scale word → multiplier.
    pub scales: Option<BTreeMap<String, f64>>,
}

/// `[qualifiers]`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QualifiersFile {
    /// "about X".
    pub approx: Option<Spanned<Vec<String>>>,
    /// Those approx words that approach from below ("nearly").
    pub below: Option<Spanned<Vec<String>>>,
    /// "over X".
    pub more_than: Option<Spanned<Vec<String>>>,
    /// "at least X".
    pub at_least: Option<Spanned<Vec<String>>>,
    /// "up to X".
    pub at_most: Option<Spanned<Vec<String>>>,
    /// "fewer than X".
    pub less_than: Option<Spanned<Vec<String>>>,
}

/// `[roles]`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RolesFile {
    /// "an additional 200".
    pub increment: Option<Spanned<Vec<String>>>,
    /// "200 fewer".
    pub decrement: Option<Spanned<Vec<String>>>,
    /// "expected", "pledged".
    pub target: Option<Spanned<Vec<String>>>,
    /// "first", "initial".
    pub initial: Option<Spanned<Vec<String>>>,
    /// "average", "per": the figure is a rate or a mean, not a total.
    pub average: Option<Spanned<Vec<String>>>,
    /// A rise right before the figure ("rose 5%", "gained by about 2%"): the figure is
    /// an increment.
    pub up: Option<Spanned<Vec<String>>>,
    /// A fall right before the figure ("fell 3%"): a decrement.
    pub down: Option<Spanned<Vec<String>>>,
    /// Verbs whose "up"/"down" is a particle ("gave up 517 yards"): no change.
    pub particle: Option<Spanned<Vec<String>>>,
    /// Common nouns that stand in for a body the sentence before named ("the airline").
    pub stand_ins: Option<Spanned<Vec<String>>>,
    /// "insured": the figure is the insured part of a loss.
    pub insured: Option<Spanned<Vec<String>>>,
    /// Verbs of aspect ("started to topple"): before "to", the verb after them names
    /// the event.
    pub aspect: Option<Spanned<Vec<String>>>,
}

/// `[noise]`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NoiseFile {
    /// Regular expressions whose matches are blanked before extraction.
    pub patterns: Option<Vec<Spanned<String>>>,
    /// Headings that start page furniture.
    pub furniture: Option<Spanned<Vec<String>>>,
    /// Words before a bare integer that make it an identifier.
    pub identifiers: Option<Spanned<Vec<String>>>,
}

/// `[attribution]`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionFile {
    /// Phrases before the body ("according to", "citing").
    pub before: Option<Spanned<Vec<String>>>,
    /// Verbs next to the body ("said", "estimated").
    pub verbs: Option<Spanned<Vec<String>>>,
}

/// `[time]`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimeFile {
    /// A running figure stated as current ("has risen to", "so far"): its as-of time
    /// is the article's date.
    pub current: Option<Spanned<Vec<String>>>,
    /// Words before a date that make it a time stamp of the report ("as of Sunday"),
    /// not the date of an event.
    pub stamp: Option<Spanned<Vec<String>>>,
    /// Words after a duration that make it an offset ("three months after").
    pub offset: Option<Spanned<Vec<String>>>,
    /// Words that make a figure a running total over a period ("in total", "since
    /// Friday"), not one day's count.
    pub cumulative: Option<Spanned<Vec<String>>>,
}

/// `[entities]`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntitiesFile {
    /// Groups of names for one entity; the first is canonical.
    pub aliases: Option<Vec<Spanned<Vec<String>>>>,
    /// Capitalised words that are not entities.
    pub ignore: Option<Spanned<Vec<String>>>,
}

/// `[conversions]`: `foot = { to = "metre", times = 0.3048 }`. A unit whose size
/// depends on which one is meant (the US ton and the British) gives both ends:
/// `times = [907.18474, 1016.0469088]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConversionFile {
    /// The unit measures of this dimension are compared in (a `[measures]` name).
    pub to: String,
    /// How many of `to` one of this unit is: a factor, or the two ends of one.
    pub times: Factor,
}

/// A conversion factor, exact or known only between two ends.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Factor {
    /// One factor.
    Exact(f64),
    /// The smallest and the largest factor meant.
    Between([f64; 2]),
}

impl Factor {
    /// The smallest and the largest factor (equal when exact).
    pub fn ends(self) -> (f64, f64) {
        match self {
            Factor::Exact(x) => (x, x),
            Factor::Between([a, b]) => (a, b),
        }
    }
}

/// `[[subject]]`: a fact an editor names, and the cues that pick it out.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectFile {
    /// Stable identifier (kebab-case), unique across all layers.
    pub id: Spanned<String>,
    /// Human words for the fact.
    pub label: String,
    /// Only claims of this kind (count, percent, money, quantity, date, duration).
    pub kind: Option<Spanned<String>>,
    /// Every one of these must occur in the claim's sentence.
    #[serde(default)]
    pub all: Vec<String>,
    /// At least one of these must occur in the claim's sentence.
    #[serde(default)]
    pub any: Vec<String>,
    /// None of these may occur in the claim's sentence.
    #[serde(default)]
    pub none: Vec<String>,
    /// Only claims with this canonical unit.
    pub unit: Option<String>,
    /// Whether the value may change over time (a running count) or is fixed.
    #[serde(default)]
    pub running: bool,
}

impl RulesFile {
    /// `self` with `over` layered on top: lists extended, tables merged key by key,
    /// scalars replaced, subjects appended.
    pub fn layer(mut self, over: RulesFile) -> RulesFile {
        if let Some(t) = over.tolerance {
            let base = self.tolerance.get_or_insert_with(Default::default);
            base.approx = t.approx.or(base.approx.take());
            base.nearly = t.nearly.or(base.nearly.take());
            base.rounding = t.rounding.or(base.rounding.take());
            base.agree = t.agree.or(base.agree.take());
        }
        merge_map(&mut self.severity, over.severity, |a, b| *a = b);
        if let Some(n) = over.numbers {
            let base = self.numbers.get_or_insert_with(Default::default);
            merge_map(&mut base.words, n.words, |a, b| *a = b);
            merge_map(&mut base.scales, n.scales, |a, b| *a = b);
        }
        if let Some(q) = over.qualifiers {
            let base = self.qualifiers.get_or_insert_with(Default::default);
            extend(&mut base.approx, q.approx);
            extend(&mut base.below, q.below);
            extend(&mut base.more_than, q.more_than);
            extend(&mut base.at_least, q.at_least);
            extend(&mut base.at_most, q.at_most);
            extend(&mut base.less_than, q.less_than);
        }
        merge_lists(&mut self.currencies, over.currencies);
        merge_map(&mut self.currency_names, over.currency_names, |a, b| *a = b);
        merge_lists(&mut self.units, over.units);
        merge_lists(&mut self.measures, over.measures);
        merge_map(&mut self.conversions, over.conversions, |a, b| *a = b);
        merge_lists(&mut self.durations, over.durations);
        merge_lists(&mut self.events, over.events);
        if let Some(r) = over.roles {
            let base = self.roles.get_or_insert_with(Default::default);
            extend(&mut base.increment, r.increment);
            extend(&mut base.decrement, r.decrement);
            extend(&mut base.target, r.target);
            extend(&mut base.initial, r.initial);
            extend(&mut base.average, r.average);
            extend(&mut base.up, r.up);
            extend(&mut base.down, r.down);
            extend(&mut base.particle, r.particle);
            extend(&mut base.aspect, r.aspect);
            extend(&mut base.insured, r.insured);
            extend(&mut base.stand_ins, r.stand_ins);
        }
        if let Some(n) = over.noise {
            let base = self.noise.get_or_insert_with(Default::default);
            if let Some(p) = n.patterns {
                base.patterns.get_or_insert_with(Vec::new).extend(p);
            }
            extend(&mut base.furniture, n.furniture);
            extend(&mut base.identifiers, n.identifiers);
        }
        if let Some(a) = over.attribution {
            let base = self.attribution.get_or_insert_with(Default::default);
            extend(&mut base.before, a.before);
            extend(&mut base.verbs, a.verbs);
        }
        if let Some(t) = over.time {
            let base = self.time.get_or_insert_with(Default::default);
            extend(&mut base.current, t.current);
            extend(&mut base.stamp, t.stamp);
            extend(&mut base.offset, t.offset);
            extend(&mut base.cumulative, t.cumulative);
        }
        if let Some(e) = over.entities {
            let base = self.entities.get_or_insert_with(Default::default);
            if let Some(a) = e.aliases {
                base.aliases.get_or_insert_with(Vec::new).extend(a);
            }
            extend(&mut base.ignore, e.ignore);
        }
        self.subject.extend(over.subject);
        self
    }
}

fn extend(base: &mut Option<Spanned<Vec<String>>>, over: Option<Spanned<Vec<String>>>) {
    match (base.as_mut(), over) {
        (Some(b), Some(o)) => {
            let span = o.span();
            let mut v = b.get_ref().clone();
            for w in o.into_inner() {
                if !v.contains(&w) {
                    v.push(w);
                }
            }
            *b = Spanned::new(span, v);
        }
        (None, Some(o)) => *base = Some(o),
        _ => {}
    }
}

fn merge_lists(base: &mut Option<Lists>, over: Option<Lists>) {
    merge_map(base, over, |a, b| {
        let mut slot = Some(a.clone());
        extend(&mut slot, Some(b));
        *a = slot.expect("extend keeps a value");
    });
}

fn merge_map<V>(
    base: &mut Option<BTreeMap<String, V>>,
    over: Option<BTreeMap<String, V>>,
    mut merge: impl FnMut(&mut V, V),
) {
    let Some(over) = over else { return };
    let base = base.get_or_insert_with(BTreeMap::new);
    for (k, v) in over {
        match base.get_mut(&k) {
            Some(b) => merge(b, v),
            None => {
                base.insert(k, v);
            }
        }
    }
}
