//! The rule set: rules.toml parsed, layered, validated and compiled into matchers.
//!
//! The defaults (the repository's top-level `rules.toml`) are embedded in the binary;
//! a project file found beside the articles or given with `--rules` is layered over
//! them. Every problem in a file is reported at once, each with line and column.

mod file;
mod lexicon;
mod noise;

use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use file::{RulesFile, SubjectFile};
pub use lexicon::Lexicon;
pub use noise::Noise;

/// The rules' lookup tables, consulted for nearly every token of every article:
/// hashed with foldhash's fixed-seed hasher, which costs a fraction of std's SipHash
/// (a tenth of a run's instructions went to SipHash). Their keys come from the rules
/// files, never from articles, so a hash flooding attack has nothing to work on.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// A set hashed like [`Map`].
pub type Set<K> = HashSet<K, foldhash::fast::FixedState>;

use crate::error::{Error, Problem, Result};
use crate::model::{Kind, Qualifier, Severity, Status};
use crate::text::stem;

/// The default rules, as shipped.
pub const DEFAULT_RULES: &str = include_str!("../../rules.toml");

/// How messages name the embedded defaults.
const DEFAULT_PATH: &str = "<default rules.toml>";

/// The name of a project rules file looked for beside the articles.
pub const PROJECT_RULES: &str = "rules.toml";

/// Largest compiled size of one noise pattern (the `regex` crate stays linear-time;
/// this bounds its memory).
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Largest compiled size of all noise patterns joined into one regex.
pub const NOISE_SIZE_LIMIT: usize = REGEX_SIZE_LIMIT * 8;

/// A qualifier phrase: the interval shape it gives and whether it approaches from below.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QualCue {
    /// The interval shape.
    pub qualifier: Qualifier,
    /// "nearly X": [x(1−t), x] rather than symmetric.
    pub below: bool,
}

/// Time units of durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    /// 365 days; ISO `Y`.
    Year,
    /// 30 days; ISO `M`.
    Month,
    /// 7 days; ISO `W`.
    Week,
    /// ISO `D`.
    Day,
    /// ISO `TH`.
    Hour,
    /// ISO `TM`.
    Minute,
    /// Ten years; written as years.
    Decade,
}

impl TimeUnit {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "year" => TimeUnit::Year,
            "month" => TimeUnit::Month,
            "week" => TimeUnit::Week,
            "day" => TimeUnit::Day,
            "hour" => TimeUnit::Hour,
            "minute" => TimeUnit::Minute,
            "decade" => TimeUnit::Decade,
            _ => return None,
        })
    }

    /// Length in days.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Year => 365.0,
            TimeUnit::Month => 30.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Day => 1.0,
            TimeUnit::Hour => 1.0 / 24.0,
            TimeUnit::Minute => 1.0 / 1440.0,
            TimeUnit::Decade => 3650.0,
        }
    }

    /// The unit's name.
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Year => "year",
            TimeUnit::Month => "month",
            TimeUnit::Week => "week",
            TimeUnit::Day => "day",
            TimeUnit::Hour => "hour",
            TimeUnit::Minute => "minute",
            TimeUnit::Decade => "decade",
        }
    }
}

/// A curated subject, compiled.
#[derive(Debug, Clone)]
pub struct Subject {
    /// Stable id.
    pub id: String,
    /// Human words.
    pub label: String,
    /// Kind filter.
    pub kind: Option<Kind>,
    /// Required cues (stems of each phrase).
    pub all: Vec<Lexicon<()>>,
    /// At least one of these.
    pub any: Lexicon<()>,
    /// Has `any` cues.
    pub has_any: bool,
    /// None of these.
    pub none: Lexicon<()>,
    /// Unit filter.
    pub unit: Option<String>,
    /// A running fact (timeline across as-of times).
    pub running: bool,
}

/// Relative tolerances (see rules.toml `[tolerance]`).
#[derive(Debug, Clone, Copy)]
pub struct Tolerance {
    /// "about X" half-width.
    pub approx: f64,
    /// "nearly X" width below.
    pub nearly: f64,
    /// Rounding discrepancy gap.
    pub rounding: f64,
    /// Round-figure agreement gap.
    pub agree: f64,
}

/// How a measure unit converts to the unit its dimension is compared in.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    /// The unit compared in ("metre").
    pub base: String,
    /// The smallest and largest number of `base` one unit makes (equal when exact).
    pub times: (f64, f64),
}

/// The compiled rule set every stage reads.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Tolerances.
    pub tolerance: Tolerance,
    /// Status → severity.
    pub severity: HashMap<Status, Severity>,
    /// Number words.
    pub number_words: Map<String, f64>,
    /// Scale words.
    pub scales: Map<String, f64>,
    /// Qualifier phrases.
    pub qualifiers: Lexicon<QualCue>,
    /// Currency symbols and words → ISO code.
    pub currencies: Lexicon<String>,
    /// ISO code → the currency's name in a rate ("dollar per barrel").
    pub currency_names: HashMap<String, String>,
    /// Head nouns → canonical unit.
    pub units: Lexicon<String>,
    /// Measure words → canonical measure unit (quantities).
    pub measures: Lexicon<String>,
    /// Canonical measure unit → its conversion; a base unit converts to itself, so
    /// that a figure in metres carries the precision a figure in feet is compared
    /// with.
    pub conversions: HashMap<String, Conversion>,
    /// Time-unit words (stems) → unit.
    pub durations: Map<String, TimeUnit>,
    /// The words a mention with no digit is made of (see [`crate::extract::mention_words`]).
    pub mention_words: Set<String>,
    /// Increment cues.
    pub increment: Lexicon<()>,
    /// Decrement cues.
    pub decrement: Lexicon<()>,
    /// Target / pledge cues.
    pub target: Lexicon<()>,
    /// First / initial cues.
    pub initial: Lexicon<()>,
    /// Average / rate cues.
    pub average: Lexicon<()>,
    /// Rise verbs right before a figure.
    pub up: Lexicon<()>,
    /// Fall verbs right before a figure.
    pub down: Lexicon<()>,
    /// Verbs whose "up"/"down" is a particle.
    pub particle: Lexicon<()>,
    /// Common nouns standing in for a body named in the sentence before.
    pub stand_ins: Lexicon<()>,
    /// Insured-part cues.
    pub insured: Lexicon<()>,
    /// Verbs of aspect, whose event is the verb after their "to".
    pub aspect: Lexicon<()>,
    /// Event cues → class.
    pub events: Lexicon<String>,
    /// All noise patterns as one regex.
    pub noise: Option<Noise>,
    /// Furniture headings (lower case, trimmed).
    pub furniture: Set<String>,
    /// Identifier words (stems).
    pub identifiers: Set<String>,
    /// Attribution phrases before the body ("according to").
    pub attribution_before: Lexicon<()>,
    /// Attribution verbs next to the body ("said").
    pub attribution_verbs: Lexicon<()>,
    /// Current-state cues for running figures.
    pub time_current: Lexicon<()>,
    /// Time-stamp cues before a date.
    pub time_stamp: Lexicon<()>,
    /// Running-total cues ("in total", "since Friday").
    pub time_cumulative: Lexicon<()>,
    /// Offset cues after a duration.
    pub time_offset: Lexicon<()>,
    /// Entity name (lower case) → canonical name.
    pub aliases: Map<String, String>,
    /// Capitalised words that are not entities (lower case).
    pub entity_ignore: Set<String>,
    /// Curated subjects.
    pub subjects: Vec<Subject>,
    /// The merged file, for `rules --dump`.
    pub merged: RulesFile,
}

/// Parses one rules file, mapping TOML errors (syntax, unknown keys, wrong types) to a
/// located [`Problem`].
pub fn parse_file(path: &Path, text: &str) -> std::result::Result<RulesFile, Problem> {
    toml::from_str::<RulesFile>(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        Problem::at(path, text, at, e.message().trim().to_string())
    })
}

impl Rules {
    /// The embedded defaults alone.
    pub fn defaults() -> Rules {
        Rules::load(None).expect("the embedded rules.toml is valid (tested)")
    }

    /// Defaults with an optional project file layered over them.
    pub fn load(project: Option<&Path>) -> Result<Rules> {
        let mut seen = HashSet::new();
        let default_path = Path::new(DEFAULT_PATH);
        // The embedded defaults are validated by a test, not on every run: checking a
        // noise pattern compiles it, and that was a quarter of the instructions of a
        // run over five articles. (They define no subject, so `seen` starts empty.)
        let mut merged = parse_file(default_path, DEFAULT_RULES).map_err(|p| Error::Config(vec![p]))?;
        let mut noise_at = None;
        if let Some(path) = project {
            let text = read_text(path)?;
            let layer = parse_checked(path, &text, &merged, &mut seen)?;
            // Where to point if the joined noise patterns are too big: the project's
            // first pattern (the defaults alone are known to compile).
            noise_at = layer
                .noise
                .as_ref()
                .and_then(|n| n.patterns.as_ref())
                .and_then(|p| p.first())
                .map(|p| Problem::at(path, &text, p.span().start, String::new()));
            merged = merged.layer(layer);
        }
        let noise = noise_regex(&merged).map_err(|e| {
            let mut p = noise_at.unwrap_or_else(|| Problem::at(default_path, "", 0, String::new()));
            p.message = e;
            Error::Config(vec![p])
        })?;
        Ok(compile(merged, noise))
    }
}

/// Reads a rules file as text, saying what to do when it is not UTF-8.
fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    String::from_utf8(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let at = e.utf8_error().valid_up_to();
        Error::Config(vec![Problem::at(path, &text, at, "not UTF-8 text: save the rules file as UTF-8")])
    })
}

/// All noise patterns joined into one regex (each wrapped in its own group).
fn noise_regex(merged: &RulesFile) -> std::result::Result<Option<Noise>, String> {
    let pats: Vec<String> =
        merged.noise.iter().flat_map(|n| n.patterns.iter().flatten()).map(|p| wrap(p.get_ref())).collect();
    if pats.is_empty() {
        return Ok(None);
    }
    Noise::new(&pats.join("|"), NOISE_SIZE_LIMIT).map(Some).map_err(|e| {
        if e.size_limit().is_some() {
            format!(
                "the noise patterns together compile to more than the {} MiB limit: remove some, or make \
                 them simpler (fewer and smaller repetitions)",
                NOISE_SIZE_LIMIT >> 20
            )
        } else {
            // What `regex::Error` would say: the syntax error, else the build error.
            let e = e.syntax_error().map_or_else(|| e.to_string(), ToString::to_string);
            format!("the noise patterns cannot be joined into one: {}", one_line(&e))
        }
    })
}

/// How one noise pattern is joined with the others.
fn wrap(p: &str) -> String {
    format!("(?:{p})")
}

/// Parses and validates one layer over the layers `below` it; `seen` collects
/// subject ids across layers.
fn parse_checked(
    path: &Path,
    text: &str,
    below: &RulesFile,
    seen: &mut HashSet<String>,
) -> Result<RulesFile> {
    let f = parse_file(path, text).map_err(|p| Error::Config(vec![p]))?;
    let mut problems = validate(
        &f,
        below,
        &|span: std::ops::Range<usize>, msg: String| Problem::at(path, text, span.start, msg),
        text,
        seen,
    );
    // In file order, as an editor fixes them.
    problems.sort_by_key(|p| (p.line, p.column));
    if problems.is_empty() { Ok(f) } else { Err(Error::Config(problems)) }
}

type Locate<'a> = dyn Fn(std::ops::Range<usize>, String) -> Problem + 'a;

/// Every problem of one layer at once: empty lists, bad tolerances, unknown statuses,
/// severities, time units and kinds, invalid patterns, subjects without cues or with a
/// duplicate id, conversions between units no layer names. `below` is what the
/// layers under this one define.
fn validate(
    f: &RulesFile,
    below: &RulesFile,
    at: &Locate,
    text: &str,
    seen: &mut HashSet<String>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut list = |name: String, l: &toml::Spanned<Vec<String>>| {
        if l.get_ref().iter().all(|w| w.trim().is_empty()) {
            problems
                .push(at(l.span(), format!("`{name}` is empty: give at least one word, or remove the key")));
        }
    };
    if let Some(q) = &f.qualifiers {
        for (n, l) in [
            ("approx", &q.approx),
            ("below", &q.below),
            ("more_than", &q.more_than),
            ("at_least", &q.at_least),
            ("at_most", &q.at_most),
            ("less_than", &q.less_than),
        ] {
            l.iter().for_each(|l| list(format!("qualifiers.{n}"), l));
        }
    }
    if let Some(r) = &f.roles {
        for (n, l) in [
            ("increment", &r.increment),
            ("decrement", &r.decrement),
            ("target", &r.target),
            ("initial", &r.initial),
            ("average", &r.average),
            ("up", &r.up),
            ("down", &r.down),
            ("particle", &r.particle),
            ("aspect", &r.aspect),
            ("insured", &r.insured),
            ("stand_ins", &r.stand_ins),
        ] {
            l.iter().for_each(|l| list(format!("roles.{n}"), l));
        }
    }
    for (section, table) in [
        ("currencies", &f.currencies),
        ("units", &f.units),
        ("measures", &f.measures),
        ("durations", &f.durations),
        ("events", &f.events),
    ] {
        for (k, l) in table.iter().flatten() {
            list(format!("{section}.{k}"), l);
        }
    }
    if let Some(a) = &f.attribution {
        a.before.iter().for_each(|l| list("attribution.before".into(), l));
        a.verbs.iter().for_each(|l| list("attribution.verbs".into(), l));
    }
    if let Some(t) = &f.time {
        t.current.iter().for_each(|l| list("time.current".into(), l));
        t.stamp.iter().for_each(|l| list("time.stamp".into(), l));
        t.offset.iter().for_each(|l| list("time.offset".into(), l));
        t.cumulative.iter().for_each(|l| list("time.cumulative".into(), l));
    }
    if let Some(n) = &f.noise {
        n.furniture.iter().for_each(|l| list("noise.furniture".into(), l));
        n.identifiers.iter().for_each(|l| list("noise.identifiers".into(), l));
    }
    if let Some(t) = &f.tolerance {
        for (n, v) in
            [("approx", &t.approx), ("nearly", &t.nearly), ("rounding", &t.rounding), ("agree", &t.agree)]
        {
            if let Some(v) = v.as_ref().filter(|v| !(0.0..1.0).contains(v.get_ref())) {
                problems.push(at(v.span(), format!("tolerance.{n} must be at least 0 and below 1")));
            }
        }
    }
    for (k, v) in f.severity.iter().flatten() {
        if Status::parse(k).is_none() {
            problems.push(at(
                v.span(),
                format!("unknown status `{k}` in [severity]; expected one of {}", Status::NAMES.join(", ")),
            ));
        } else if Severity::parse(v.get_ref()).is_none() {
            problems.push(at(
                v.span(),
                format!("unknown severity `{}`; expected error, warning or info", v.get_ref()),
            ));
        }
    }
    let named = |l: &RulesFile, u: &str| l.measures.as_ref().is_some_and(|m| m.contains_key(u));
    let measure = |u: &str| named(f, u) || named(below, u);
    let converts = |l: &RulesFile, u: &str| l.conversions.as_ref().is_some_and(|c| c.contains_key(u));
    let converted = |u: &str| converts(f, u) || converts(below, u);
    let targets = |l: &RulesFile, u: &str| l.conversions.iter().flatten().any(|(_, c)| c.get_ref().to == u);
    let targeted = |u: &str| targets(f, u) || targets(below, u);
    for (k, c) in f.conversions.iter().flatten() {
        let conv = c.get_ref();
        let (a, b) = conv.times.ends();
        let problem = if !measure(k) {
            Some(format!("`{k}` in [conversions] is no unit of [measures]"))
        } else if !measure(&conv.to) {
            Some(format!("conversions.{k}.to: `{}` is no unit of [measures]", conv.to))
        } else if targeted(k) {
            Some(format!("`{k}` is what other units convert to: it converts no further"))
        } else if converted(&conv.to) {
            Some(format!(
                "conversions.{k}.to: `{}` converts further itself; give the unit it converts to",
                conv.to
            ))
        } else if !(a.is_finite() && b.is_finite() && a > 0.0 && a <= b) {
            Some(format!(
                "conversions.{k}.times must be above 0 (and a range's low end at most its high end)"
            ))
        } else {
            None
        };
        problems.extend(problem.map(|msg| at(c.span(), msg)));
    }
    for (k, l) in f.durations.iter().flatten() {
        if TimeUnit::parse(k).is_none() {
            problems.push(at(l.span(), format!("unknown time unit `{k}` in [durations]; expected year, month, week, day, hour, minute or decade")));
        }
    }
    for p in f.noise.iter().flat_map(|n| n.patterns.iter().flatten()) {
        if let Some((offset, msg)) = pattern_problem(p.get_ref()) {
            problems.push(at(pattern_position(text, p.span(), p.get_ref(), offset), msg));
        }
    }
    for g in f.entities.iter().flat_map(|e| e.aliases.iter().flatten()) {
        if g.get_ref().len() < 2 {
            problems.push(at(g.span(), "an alias group needs at least two names".into()));
        }
    }
    for s in &f.subject {
        let id = s.id.get_ref();
        if !seen.insert(id.clone()) {
            problems.push(at(s.id.span(), format!("duplicate subject id `{id}`")));
        }
        if s.all.is_empty() && s.any.is_empty() {
            problems.push(at(s.id.span(), format!("subject `{id}` has no cues: give `all` or `any` words")));
        }
        if let Some(k) = s.kind.as_ref().filter(|k| Kind::parse(k.get_ref()).is_none()) {
            problems.push(at(
                k.span(),
                format!(
                    "unknown kind `{}`; expected count, percent, money, quantity, date or duration",
                    k.get_ref()
                ),
            ));
        }
    }
    problems
}

/// What is wrong with one noise pattern: (byte offset in the pattern, message).
///
/// A pattern must compile alone, within [`REGEX_SIZE_LIMIT`], and also inside the
/// group it is joined to the others in: a `(?x)` comment that runs to the end of the
/// pattern would swallow the group's `)`.
fn pattern_problem(p: &str) -> Option<(usize, String)> {
    let syntax = |e: regex_syntax::Error| -> (usize, String) {
        let (offset, kind) = match &e {
            regex_syntax::Error::Parse(e) => (e.span().start.offset, e.kind().to_string()),
            regex_syntax::Error::Translate(e) => (e.span().start.offset, e.kind().to_string()),
            e => (0, one_line(&e.to_string())),
        };
        (offset, kind)
    };
    if let Err(e) = regex_syntax::Parser::new().parse(p) {
        let (offset, kind) = syntax(e);
        return Some((offset, format!("invalid noise pattern: {kind}")));
    }
    match regex::RegexBuilder::new(p).size_limit(REGEX_SIZE_LIMIT).build() {
        Err(regex::Error::CompiledTooBig(_)) => {
            return Some((
                0,
                format!(
                    "noise pattern too large once compiled (over the {} MiB limit): use smaller \
                     repetition counts or a simpler pattern",
                    REGEX_SIZE_LIMIT >> 20
                ),
            ));
        }
        Err(e) => return Some((0, format!("invalid noise pattern: {}", one_line(&e.to_string())))),
        Ok(_) => {}
    }
    if regex_syntax::Parser::new().parse(&wrap(p)).is_err() {
        return Some((
            p.len(),
            "this pattern is valid alone but not once joined with the others: a `#` comment in \
             (?x) mode must end with a newline (\\n)"
                .into(),
        ));
    }
    None
}

/// The file position of byte `offset` of pattern `p`, the TOML string at `span`:
/// exact when the string holds the pattern as written (a literal string, or a basic
/// one without escapes), else the string's start.
fn pattern_position(
    text: &str,
    span: std::ops::Range<usize>,
    p: &str,
    offset: usize,
) -> std::ops::Range<usize> {
    let raw = text.get(span.clone()).unwrap_or("");
    let quote = ["\'\'\'", "\"\"\"", "'", "\""].into_iter().find(|q| raw.starts_with(q) && raw.ends_with(q));
    match quote {
        Some(q) if raw.len() >= 2 * q.len() && &raw[q.len()..raw.len() - q.len()] == p => {
            let at = span.start + q.len() + offset.min(p.len());
            at..at
        }
        _ => span,
    }
}

/// Builds the matchers from a merged, validated file and its joined noise patterns.
fn compile(merged: RulesFile, noise: Option<Noise>) -> Rules {
    let t = merged.tolerance.clone().unwrap_or_default();
    let get = |v: &Option<toml::Spanned<f64>>, d: f64| v.as_ref().map_or(d, |v| *v.get_ref());
    let tolerance = Tolerance {
        approx: get(&t.approx, 0.1),
        nearly: get(&t.nearly, 0.1),
        rounding: get(&t.rounding, 0.1),
        agree: get(&t.agree, 0.02),
    };
    let mut severity = Status::default_severities();
    for (k, v) in merged.severity.iter().flatten() {
        if let (Some(st), Some(sev)) = (Status::parse(k), Severity::parse(v.get_ref())) {
            severity.insert(st, sev);
        }
    }
    let numbers = merged.numbers.clone().unwrap_or_default();
    let number_words = numbers.words.unwrap_or_default().into_iter().collect();
    let scales = numbers.scales.unwrap_or_default().into_iter().collect();

    let words = |l: &Option<toml::Spanned<Vec<String>>>| -> Vec<String> {
        l.as_ref()
            .map(|l| l.get_ref().iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect())
            .unwrap_or_default()
    };
    let q = merged.qualifiers.clone().unwrap_or_default();
    let below: HashSet<String> = words(&q.below).into_iter().collect();
    let mut qualifiers = Lexicon::default();
    for (l, qualifier) in [
        (&q.approx, Qualifier::Approx),
        (&q.more_than, Qualifier::MoreThan),
        (&q.at_least, Qualifier::AtLeast),
        (&q.at_most, Qualifier::AtMost),
        (&q.less_than, Qualifier::LessThan),
    ] {
        for w in words(l) {
            let below = matches!(qualifier, Qualifier::Approx | Qualifier::LessThan) && below.contains(&w);
            qualifiers.insert(&w, QualCue { qualifier, below });
        }
    }
    let table = |t: &Option<file::Lists>| {
        let mut lx = Lexicon::default();
        for (k, l) in t.iter().flatten() {
            for w in l.get_ref() {
                lx.insert(w, k.clone());
            }
        }
        lx
    };
    let mut durations = Map::default();
    for (k, l) in merged.durations.iter().flatten() {
        if let Some(u) = TimeUnit::parse(k) {
            for w in l.get_ref() {
                durations.insert(stem(&w.to_lowercase()).into_owned(), u);
            }
        }
    }
    let mention_words = crate::extract::mention_words(&number_words, &scales, &durations);
    let cues = |l: &Option<toml::Spanned<Vec<String>>>| {
        let mut lx = Lexicon::default();
        words(l).iter().for_each(|w| lx.insert(w, ()));
        lx
    };
    let roles = merged.roles.clone().unwrap_or_default();
    let noise_file = merged.noise.clone().unwrap_or_default();
    let attribution = merged.attribution.clone().unwrap_or_default();
    let time = merged.time.clone().unwrap_or_default();
    let ent = merged.entities.clone().unwrap_or_default();
    let mut aliases = Map::default();
    for g in ent.aliases.iter().flatten() {
        let names = g.get_ref();
        for n in names {
            aliases.insert(n.to_lowercase(), names[0].clone());
        }
    }
    let subjects = merged
        .subject
        .iter()
        .map(|s| {
            let lex = |ws: &[String]| {
                let mut lx = Lexicon::default();
                ws.iter().for_each(|w| lx.insert(w, ()));
                lx
            };
            Subject {
                id: s.id.get_ref().clone(),
                label: s.label.clone(),
                kind: s.kind.as_ref().and_then(|k| Kind::parse(k.get_ref())),
                all: s.all.iter().map(|w| lex(std::slice::from_ref(w))).collect(),
                any: lex(&s.any),
                has_any: !s.any.is_empty(),
                none: lex(&s.none),
                unit: s.unit.clone(),
                running: s.running,
            }
        })
        .collect();
    Rules {
        tolerance,
        severity,
        number_words,
        scales,
        qualifiers,
        currencies: table(&merged.currencies),
        currency_names: merged
            .currency_names
            .iter()
            .flatten()
            .map(|(k, v)| (k.to_uppercase(), v.get_ref().trim().to_lowercase()))
            .collect(),
        units: table(&merged.units),
        measures: table(&merged.measures),
        conversions: conversions(&merged),
        mention_words,
        durations,
        increment: cues(&roles.increment),
        decrement: cues(&roles.decrement),
        target: cues(&roles.target),
        initial: cues(&roles.initial),
        average: cues(&roles.average),
        up: cues(&roles.up),
        down: cues(&roles.down),
        particle: cues(&roles.particle),
        aspect: cues(&roles.aspect),
        insured: cues(&roles.insured),
        stand_ins: cues(&roles.stand_ins),
        events: table(&merged.events),
        noise,
        furniture: words(&noise_file.furniture).into_iter().collect(),
        identifiers: words(&noise_file.identifiers).iter().map(|w| stem(w).into_owned()).collect(),
        time_current: cues(&time.current),
        time_stamp: cues(&time.stamp),
        time_cumulative: cues(&time.cumulative),
        time_offset: cues(&time.offset),
        attribution_before: cues(&attribution.before),
        attribution_verbs: cues(&attribution.verbs),
        aliases,
        entity_ignore: words(&ent.ignore).into_iter().collect(),
        subjects,
        merged,
    }
}

/// `[conversions]` compiled, each base unit added as converting to itself.
fn conversions(merged: &RulesFile) -> HashMap<String, Conversion> {
    let mut out = HashMap::new();
    for (unit, c) in merged.conversions.iter().flatten() {
        let c = c.get_ref();
        let times = c.times.ends();
        out.insert(c.to.clone(), Conversion { base: c.to.clone(), times: (1.0, 1.0) });
        out.insert(unit.clone(), Conversion { base: c.to.clone(), times });
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_defaults_validate() {
        let checked =
            parse_checked(Path::new(DEFAULT_PATH), DEFAULT_RULES, &RulesFile::default(), &mut HashSet::new());
        assert!(checked.is_ok_and(|f| f.subject.is_empty()));
    }

    #[test]
    fn defaults_compile() {
        let r = Rules::defaults();
        assert!(r.noise.is_some());
        assert_eq!(r.number_words["six"], 6.0);
        assert!(r.subjects.is_empty(), "the defaults carry no curated subject");
    }

    #[test]
    fn problems_are_located_and_all_reported() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("rules.toml");
        std::fs::write(
            &p,
            "[noise]\npatterns = ['(unclosed']\n\n[[subject]]\nid = \"a\"\nlabel = \"x\"\n\n[[subject]]\nid = \"a\"\nlabel = \"y\"\nall = [\"z\"]\n",
        )
        .unwrap();
        let Err(Error::Config(ps)) = Rules::load(Some(&p)) else { panic!("expected config errors") };
        let lines: Vec<_> =
            ps.iter().map(|p| (p.line, p.message.split(':').next().unwrap().to_string())).collect();
        assert_eq!(ps.len(), 3, "{ps:?}");
        assert_eq!(lines[0].0, 2);
        assert!(ps.iter().any(|p| p.message.contains("duplicate subject id") && p.line == 9));
        assert!(ps.iter().any(|p| p.message.contains("no cues") && p.line == 5));
    }

    #[test]
    fn conversions_name_known_units_and_positive_factors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("rules.toml");
        let load = |text: &str| {
            std::fs::write(&p, text).unwrap();
            Rules::load(Some(&p))
        };
        // A project's own measure converts to a default one.
        let r = load("[measures]\nfurlong = [\"furlong\"]\n\n[conversions]\nfurlong = { to = \"metre\", times = 201.168 }\n")
            .unwrap();
        assert_eq!(r.conversions["furlong"], Conversion { base: "metre".into(), times: (201.168, 201.168) });
        assert_eq!(r.conversions["metre"].times, (1.0, 1.0), "a base converts to itself");
        // Near-misses, each located: an unknown unit, a target that converts further, a
        // factor that is no factor.
        let cases = [
            ("[conversions]\nleague = { to = \"metre\", times = 4828 }\n", 2, "no unit of [measures]"),
            ("[conversions]\nfoot = { to = \"yard\", times = 0.333 }\n", 2, "converts further"),
            (
                "[measures]\nrod = [\"rod\"]\n[conversions]\nmetre = { to = \"rod\", times = 0.2 }\n",
                4,
                "converts no further",
            ),
            ("\n[conversions]\nfoot = { to = \"metre\", times = [0.4, 0.3] }\n", 3, "must be above 0"),
            ("[conversions]\nfoot = { to = \"metre\", times = -1 }\n", 2, "must be above 0"),
        ];
        for (text, line, says) in cases {
            let Err(Error::Config(ps)) = load(text) else { panic!("{text}: expected a config error") };
            assert_eq!((ps.len(), ps[0].line), (1, line), "{text}: {ps:?}");
            assert!(ps[0].message.contains(says), "{text}: {}", ps[0].message);
        }
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let p = Path::new("r.toml");
        let e = parse_file(p, "[tolerance]\napprox = 0.1\nfuzzy = 2\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("unknown field"), "{}", e.message);
    }
}
