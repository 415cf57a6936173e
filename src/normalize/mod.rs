//! Stage 3: mentions → claims. Every value becomes an interval (qualifiers and
//! tolerances from rules.toml), dates are resolved against the article's date, and
//! the words around each figure give its unit, role, modality, event, entities and
//! as-of time, from which the subject key is built.

pub mod context;
pub mod resolve;

use crate::calendar::{day_number, iso_instant};
use crate::error::Lines;
use crate::extract::{DateRaw, DurationRaw, Mention, NumberRaw, Raw, Sentence};
use crate::load::Document;
use crate::model::{Claim, Context, Interval, Kind, Modality, Qualifier, Role, Value, position};
use crate::name::Name;
use crate::rules::{Rules, Subject, TimeUnit, Tolerance};
use crate::text::{TokKind, Token};

use context::{
    attribution, content_words, entities, event, head_noun, modality, role, scope, tense, unit_before, window,
};
use resolve::{Resolved, resolve};

/// Event classes whose figures may change over time (tolls, counts of affected).
const RUNNING_EVENTS: &[&str] = &[
    "kill", "injure", "missing", "displace", "affect", "destroy", "control", "contain", "identify", "search",
];

/// Event classes counted day by day besides the running ones ("1,300 flights canceled
/// on Sunday"): a day of theirs is no fact of its own.
const COUNTED_DAILY: &[&str] = &["cancel", "delay", "arrest"];

/// How far before its article an undated running figure may be as of: the day
/// before (a toll moves from one day's reports to the next).
const RUNNING_WINDOW_DAYS: f64 = 2.0;

/// The claims of one document.
pub fn normalize(doc_index: usize, doc: &Document, sentences: &[Sentence], rules: &Rules) -> Vec<Claim> {
    let mut out = Vec::new();
    // The last single day the text has named: the day of a later time of day whose
    // sentence names none ("6:30 a.m." after "On Aug. 8, ...").
    let mut last_day = doc.date.map(day_number);
    let lines = Lines::new(doc.whole());
    // The sentence before: "The airline" in this one is the body that one opened with.
    let mut before: Option<&Sentence> = None;
    for s in sentences {
        let stand_in = before
            .filter(|_| context::opens_with_stand_in(&s.tokens, rules))
            .and_then(|p| context::opening_name(&p.words(), rules));
        // Dates first: figures take their as-of time from them, times of day their day.
        let dates: Vec<Option<Resolved>> = s
            .mentions
            .iter()
            .map(|m| match &m.raw {
                Raw::Date(d) if d.time.is_none() => resolve(d, doc.date, tense(&s.tokens, m.from, m.to)),
                _ => None,
            })
            .collect();
        for (mi, m) in s.mentions.iter().enumerate() {
            if let Some(mut c) = claim(doc_index, doc, s, mi, m, &dates, last_day, &lines, rules) {
                if let Some(n) = stand_in.as_ref().filter(|_| c.context.scope().is_empty()) {
                    c.context.set_scope(&[Name::new(n)]);
                }
                out.push(c);
            }
        }
        if let Some(d) = dates.iter().flatten().rfind(|r| r.interval.hi() - r.interval.lo() <= 1.0) {
            last_day = Some(d.interval.lo());
        }
        before = Some(s);
    }
    // Exact size: the claims of every document are held until the run gathers them,
    // and `push` left up to twice their room (mimalloc's `shrink_to_fit` keeps a
    // block that is still half used).
    let mut exact = Vec::with_capacity(out.len());
    exact.append(&mut out);
    exact
}

/// Interned.
fn names(v: Vec<String>) -> Vec<Name> {
    v.iter().map(Name::from).collect()
}

/// The event of the verb right after a noun-less figure ("5,171 were canceled",
/// "3,650 canceled by 1:30 p.m."): a participle, through auxiliaries.
fn elided_event(toks: &[crate::text::Token], to: usize, rules: &Rules) -> Option<String> {
    const AUX: &[&str] = &["were", "was", "had", "have", "has", "been", "already", "also", "later"];
    // "the 3,500 it had already scrapped": a relative clause's subject first.
    const PRONOUN: &[&str] = &["it", "they", "we", "he", "she"];
    let mut k = to;
    if toks.get(k).is_some_and(|t| PRONOUN.contains(&t.lower.as_ref()))
        && k > 0
        && toks[k - 1].kind == TokKind::Num
    {
        k += 1;
    }
    let to = k;
    while toks.get(k).is_some_and(|t| AUX.contains(&t.lower.as_ref())) && k < to + 3 {
        k += 1;
    }
    let t = toks.get(k)?;
    let participle = t.lower.ends_with("ed") || t.lower.ends_with("en") || t.lower == "lost";
    if !participle {
        return None;
    }
    rules.events.at(toks, k).map(|(_, e)| e.clone())
}

/// Whether an event cue ends right before the figure at `from`, across "another"
/// and the like: the figure is the verb's object ("canceled another 600").
fn governing_event(toks: &[crate::text::Token], from: usize, rules: &Rules) -> bool {
    const BETWEEN: &[&str] = &["another", "additional", "a", "further", "only", "just", "roughly"];
    let mut k = from;
    while k > 0 && from - k < 2 && BETWEEN.contains(&toks[k - 1].lower.as_ref()) {
        k -= 1;
    }
    rules.events.find_in(toks, k.saturating_sub(4), k).any(|(i, n, _)| i + n == k)
}

/// The event a unit name is a cue of ("cancellation", "delay"): the figure counts
/// the event, not a thing.
fn event_named(unit: &str, rules: &Rules) -> Option<String> {
    let toks = crate::text::tokenize(unit, 0);
    // The whole unit, or its head noun ("flight delay").
    let last = toks.len().checked_sub(1)?;
    [0, last]
        .into_iter()
        .find_map(|i| rules.events.at(&toks, i).filter(|(n, _)| i + *n == toks.len()).map(|(_, e)| e.clone()))
}

/// What the value part of a mention gives.
struct Valued {
    kind: Kind,
    value: Value,
    unit: Option<String>,
    qualifier: Qualifier,
    mismatch: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn claim(
    doc_index: usize,
    doc: &Document,
    s: &Sentence,
    mi: usize,
    m: &Mention,
    dates: &[Option<Resolved>],
    last_day: Option<f64>,
    lines: &Lines,
    rules: &Rules,
) -> Option<Claim> {
    let toks = &s.tokens;
    let reference = doc.date;
    let v = match &m.raw {
        Raw::Number(n) => number(n, s, m, rules)?,
        Raw::Duration(d) => duration(d, rules.tolerance),
        Raw::Date(d) if d.time.is_some() => time_of_day(d, s, mi, dates, last_day)?,
        Raw::Date(_) => {
            let r = dates[mi].clone()?;
            Valued {
                kind: Kind::Date,
                value: Value {
                    interval: r.interval,
                    nominal: None.into(),
                    iso: r.iso.map(Name::from),
                    base: None,
                },
                unit: None,
                qualifier: Qualifier::Exact,
                mismatch: r.mismatch.map(|w| crate::calendar::weekday_name(w).to_string()),
            }
        }
    };

    // Role and modality: a date borrows them from the figure in its clause.
    let (mut role_, mut modality_) = (role(toks, m.from, m.to, rules), modality(toks, m.from, m.to, rules));
    if matches!(&m.raw, Raw::Number(n) if n.high.is_some()) && change_range(toks, m, rules) {
        role_ = Role::Total;
    }
    if v.kind == Kind::Date || v.kind == Kind::Duration {
        role_ = Role::Total;
        if let Some(f) = nearest_figure(s, mi) {
            let fm = &s.mentions[f];
            if v.kind == Kind::Date {
                role_ = role(toks, fm.from, fm.to, rules);
            }
            modality_ = modality_.max(modality(toks, fm.from, fm.to, rules));
        }
    }
    if v.kind != Kind::Date && v.kind != Kind::Duration && role_ == Role::Total {
        if let Some(r) = restated_change(s, mi, rules) {
            role_ = r;
        }
    }

    // As-of time: a date in the same sentence, or "currently" (the article's date).
    let mut time = None;
    if v.kind != Kind::Date {
        // "the Aug. 8 fire that killed 102": a recent date that names the fire says
        // nothing of when the toll was 102; an old one ("the 1960 tsunami that killed
        // 61") still makes the figure history.
        let recent = |r: &Resolved| reference.is_none_or(|d| r.interval.hi() >= day_number(d) - 365.0);
        time = nearest_date(s, mi, dates)
            .filter(|(j, r)| !(attributive(toks, &s.mentions[*j]).is_some() && recent(r)))
            .map(|(_, r)| r.interval)
            .or_else(|| clock_day(s, mi, dates, last_day, rules));
    }
    // Dated after the article: a plan, not a fact (a duration's end date says
    // nothing of whether the duration itself was decided).
    if let Some(r) = reference.filter(|_| v.kind != Kind::Duration) {
        let after = day_number(r) + 1.0;
        let when = if v.kind == Kind::Date { Some(v.value.interval) } else { time };
        if when.is_some_and(|i| i.lo() >= after) {
            modality_ = Modality::Target;
        }
    }

    // "5,171 were canceled": the verb right after a noun-less figure is its event,
    // and "45,812 delays" counts delays, whatever cue comes before them ("46,000
    // flights were delayed and 5,171 ..."). Such a figure counts what the folder's
    // other figures for that event count: the unit is settled when claims are
    // grouped (see `group::group`).
    let elided =
        if v.kind == Kind::Count && v.unit.is_none() { elided_event(toks, m.to, rules) } else { None };
    let own_event = v.unit.as_deref().and_then(|u| event_named(u, rules));
    let named_event = elided.is_some() || own_event.is_some();
    // "nearly 2% of the 104,000 flights scheduled have been delayed": the base of a
    // share is no count of the share's event.
    let clause_event = || if share_base(s, mi) { None } else { event(toks, m.from, m.to, rules) };
    let ev = elided.or(own_event).or_else(clause_event).or_else(|| {
        // "9 a.m.: the department reported the fire 100% contained": a clock time
        // with no cue of its own is the time of its clause's figure's event.
        let clock = matches!(&m.raw, Raw::Date(d) if d.time.is_some());
        let f = nearest_figure(s, mi).filter(|_| clock)?;
        event(toks, s.mentions[f].from, s.mentions[f].to, rules)
    });
    // "canceled another 600", "delayed about 420": a count with no noun of its own
    // right after an event's verb counts what that event's other counts count, too.
    let governed = v.kind == Kind::Count && v.unit.is_none() && governing_event(toks, m.from, rules);
    let implied = named_event || governed;
    // A running figure (a toll, a count of the missing) with no time of its own is
    // as of its article: its date (a day of slack) when stated as current ("has risen
    // to"), else its date or the day before (RUNNING_WINDOW_DAYS). Reports two days
    // or more apart are then a timeline; reports a day apart are still compared,
    // unless both state the figure as current (see `group::same_time`).
    let explicit_time = time.is_some();
    let (wa, wb) = window(toks, m.from, m.to, 8, 8);
    let current = rules.time_current.find_in(toks, wa, wb).next().is_some();
    // With no event cue, only a figure stated as current or as of a time is a
    // running one ("the mission has about 400 officers", "had 400 officers in
    // July"); "46 major trunks" is a fixed fact. A total over a period ("5,470
    // flights in five days", "a total of more than 6,000") grows while the period
    // runs: a running figure whatever its event.
    let cumulative = v.kind != Kind::Date && v.kind != Kind::Duration && cumulative(s, mi, rules);
    let running = v.kind != Kind::Date
        && v.kind != Kind::Duration
        && (cumulative
            || match ev.as_deref() {
                Some(e) => RUNNING_EVENTS.contains(&e),
                None => current || time.is_some(),
            });
    if time.is_none() && running {
        let back = if current { 1.0 } else { RUNNING_WINDOW_DAYS };
        time = reference.map(|d| Interval::half_open(day_number(d) - back, day_number(d) + 1.0));
    }
    let (a, b) = window(toks, m.from, m.to, 10, 10);
    // The reach of the sentence's content words and its attribution.
    let (wa, wb) = window(toks, m.from, m.to, context::CONTEXT, context::CONTEXT);
    let mut ctx = Context {
        event: ev.as_deref().map(Name::new),
        explicit_time,
        measured: match v.kind {
            Kind::Percent => measured(s, m, rules),
            Kind::Count => described(&s.tokens, m, rules),
            // "the 1960 tsunami" and "the Aug. 8 wildfires" date different things.
            Kind::Date => attributive(toks, m),
            _ => None,
        }
        .map(Name::from),
        attribution: attribution(&toks[wa..wb], rules).map(Name::from),
        read_at: if v.kind == Kind::Date { None } else { read_at(s, mi, rules).map(Name::from) },
        cumulative,
        current: running && current && !explicit_time,
        revised: running && context::revised_to(toks, m.from, rules),
        ..Context::default()
    };
    let entities = names(entities(&toks[a..b], m.from.saturating_sub(a), m.to.saturating_sub(a), rules));
    // An age is some person's, and the scope of one is that person, whom news style
    // names right before it ("Joe Schilling, 67"): the places and bodies around
    // "the 24-year-old England midfielder" say nothing of whom.
    let scope = names(if v.unit.as_deref() != Some(AGE) {
        scope(toks, m.from, m.to, rules)
    } else if m.from >= 2 && toks[m.from - 1].is_punct(',') {
        context::name_before(toks, m.from - 1, rules)
    } else {
        Vec::new()
    });
    ctx.set_lists(&entities, &scope, content_words(&toks[wa..wb], m.from - wa, m.to - wa));

    // "as of Sunday", "updated Monday", a dateline: the date stamps the report; it
    // is no event's date.
    let stamp = v.kind == Kind::Date
        && (is_stamp(toks, m, rules)
            || stamped_clock_before(s, mi, rules)
            || dates_a_count(s, mi, dates, ev.as_deref(), rules));
    // "three months after the fire": an offset from another event, listed but no
    // length of anything, so never grouped.
    let offset = matches!(m.raw, Raw::Duration(_)) && rules.time_offset.at(toks, m.to).is_some();
    let curated =
        rules.subjects.iter().find(|sub| !offset && curated_matches(sub, v.kind, v.unit.as_deref(), s));
    let (subject, label, running) = match curated {
        Some(sub) => (sub.id.clone(), Some(sub.label.clone()), sub.running),
        None => {
            let key = if stamp || offset {
                String::new()
            } else {
                let unit = match &m.raw {
                    _ if implied => Some(crate::group::IMPLIED),
                    // "$343.05 per share" and "closed at $343.05" are one price: an
                    // amount is keyed by its currency.
                    Raw::Number(n) if v.kind == Kind::Money => n.currency.as_deref(),
                    // "60 feet" and "18.3 metres" are one length.
                    _ => v.value.base.as_deref().or(v.unit.as_deref()),
                };
                generic_key(v.kind, unit, &v.value, ev.as_deref(), role_, modality_, &m.raw, s, m, rules)
            };
            (key, None, running)
        }
    };

    // A figure left with no noun and no subject takes the noun of the figure it
    // parallels, to be listed by; it stays out of groups (see [`parallel`]).
    let (kind, unit) = match &m.raw {
        Raw::Number(n) if subject.is_empty() && v.kind == Kind::Count && v.unit.is_none() => {
            match parallel(n, s, m, rules) {
                Some((u, measure)) => (if measure { Kind::Quantity } else { Kind::Count }, Some(u)),
                None => (v.kind, None),
            }
        }
        _ => (v.kind, v.unit),
    };
    let start = toks[m.from].start;
    let end = toks[m.to - 1].end;
    let (line, column) = lines.line_col(doc.whole(), start);
    let (fs, fe) = (doc.offsets.to_file(start), doc.offsets.to_file(end));
    Some(Claim {
        id: crate::hash::ClaimId::of(&[&doc.path, &fs.to_string(), &fe.to_string()]),
        doc: crate::model::doc_number(doc_index),
        start: position(fs),
        end: position(fe),
        span: (position(start), position(end)),
        line: position(line),
        column: position(column),
        sentence: (position(s.span.0), position(s.span.1)),
        kind,
        value: v.value,
        unit: unit.map(Name::from),
        qualifier: v.qualifier,
        role: role_,
        modality: modality_,
        subject: subject.into(),
        label: label.map(Name::from),
        running,
        time,
        context: ctx,
        weekday_mismatch: v.mismatch.map(Name::from),
        reference: reference.and_then(|d| crate::model::Day::new(crate::calendar::day_index(d))),
    })
}

/// Whether a date mention stamps the report rather than dating an event: a stamp
/// cue right before it, a reporting verb right next to it, or a dateline
/// ("Sept. 16 (UPI) --").
fn is_stamp(toks: &[crate::text::Token], m: &Mention, rules: &Rules) -> bool {
    let before = m.from.saturating_sub(3);
    if rules.time_stamp.find_in(toks, before, m.from).any(|(i, n, _)| i + n >= m.from.saturating_sub(1)) {
        return true;
    }
    // "by 8 a.m. ET, Delta had canceled 626": a clock time after "by" is when a
    // count was read, not when anything happened.
    if matches!(&m.raw, Raw::Date(d) if d.time.is_some()) && read_cue(toks, m, rules) {
        return true;
    }
    let verb_near = |a: usize, b: usize| rules.attribution_verbs.find_in(toks, a, b).next().is_some();
    if verb_near(m.from.saturating_sub(2), m.from) || verb_near(m.to, (m.to + 2).min(toks.len())) {
        return true;
    }
    m.from <= 1
        && toks
            .get(m.to)
            .is_some_and(|t| t.is_punct('(') || t.is_punct('-') || t.is_punct('—') || t.is_punct('–'))
}

/// The clock time stamping figure `mi`'s count ("As of 9:15 a.m., there were 1,386
/// cancellations", "By 8 a.m. ET, Delta had canceled 626"): a stamped time of day
/// within twelve tokens with no other figure between, as "HH:MM" and its zone.
fn read_at(s: &Sentence, mi: usize, rules: &Rules) -> Option<String> {
    let m = &s.mentions[mi];
    s.mentions
        .iter()
        .enumerate()
        .filter(|(j, o)| {
            *j != mi
                && matches!(&o.raw, Raw::Date(d) if d.time.is_some())
                && read_cue(&s.tokens, o, rules)
                // A stamp that opens the sentence ("By 8 a.m. ET on Monday, Delta had
                // canceled 626 flights and delayed 144") stamps all its counts.
                && ((o.from <= 2 && *j < mi)
                    || (distance(m, o) <= 12 && no_figure_between(s, *j, mi))
                    || (*j == mi + 2 && joined_to_next(s, mi) && distance(&s.mentions[mi + 1], o) <= 12))
        })
        .min_by_key(|(_, o)| distance(m, o))
        .and_then(|(_, o)| match &o.raw {
            Raw::Date(d) => {
                let t = d.time?;
                Some(format!(
                    "{:02}:{:02}{}",
                    t / 60,
                    t % 60,
                    d.zone.as_deref().map_or(String::new(), |z| format!(" {z}"))
                ))
            }
            _ => None,
        })
}

/// The day of a time of day that dates figure `mi`'s clause ("just before 10 a.m. the
/// county declares the fire 100% contained" in a timeline of Aug. 8): that day, as
/// for a date. A stamp ("as of 9:15 a.m.") only says when a count was read (see
/// [`read_at`]).
fn clock_day(
    s: &Sentence,
    mi: usize,
    dates: &[Option<Resolved>],
    last_day: Option<f64>,
    rules: &Rules,
) -> Option<Interval> {
    let m = &s.mentions[mi];
    let (j, _) = s.mentions.iter().enumerate().find(|(j, o)| {
        *j != mi
            && matches!(&o.raw, Raw::Date(d) if d.time.is_some())
            && !read_cue(&s.tokens, o, rules)
            && distance(m, o) <= 12
            && no_figure_between(s, *j, mi)
    })?;
    let day = match nearest_date(s, j, dates) {
        Some((_, r)) if r.interval.hi() - r.interval.lo() <= 1.0 => r.interval.lo(),
        _ => last_day?,
    };
    Some(Interval::half_open(day, day + 1.0))
}

/// Whether figure `mi` is a total over a period: a cumulative cue just before it
/// ("a total of", "so far") or within a few words after it, short of the next
/// figure ("1,300 in total", "since Friday"), or a length of time right after it
/// ("5,470 flights in five days", "over a five-day period").
fn cumulative(s: &Sentence, mi: usize, rules: &Rules) -> bool {
    let m = &s.mentions[mi];
    let (a, _) = window(&s.tokens, m.from, m.to, 4, 0);
    let next = s.mentions.iter().filter(|o| o.from >= m.to).map(|o| o.from).min().unwrap_or(s.tokens.len());
    let (_, b) = window(&s.tokens, m.from, m.to, 0, 5);
    let cue = |x: usize, y: usize| rules.time_cumulative.find_in(&s.tokens, x, y).next().is_some();
    cue(a, m.from)
        || cue(m.to, b.min(next))
        || s.mentions
            .iter()
            .any(|o| matches!(o.raw, Raw::Duration(_)) && o.from >= m.to && o.from - m.to <= 6)
}

/// "As of 3:30 p.m. ET Friday": the day right after a stamped clock time is part of
/// the stamp.
fn stamped_clock_before(s: &Sentence, mi: usize, rules: &Rules) -> bool {
    let Some(p) = mi.checked_sub(1).map(|j| &s.mentions[j]) else { return false };
    matches!(&p.raw, Raw::Date(d) if d.time.is_some())
        && p.to == s.mentions[mi].from
        && read_cue(&s.tokens, p, rules)
}

/// "as of" or "by" right before a mention: the time a count was read ("reported at
/// noon" is when something was reported, no reading of a count).
fn read_cue(toks: &[crate::text::Token], m: &Mention, rules: &Rules) -> bool {
    let by = m.from.checked_sub(1).is_some_and(|i| toks[i].is_word("by"));
    by || rules.time_stamp.find_in(toks, m.from.saturating_sub(3), m.from).any(|(i, n, _)| i + n == m.from)
}

/// The change a figure restates or repeats, from the figure before it: a share after
/// "or" ("lost 190 points, or 0.6%", "grew by 125,600 positions or 2.2 per cent"), a
/// conversion in brackets ("dropped by 1.5 degrees Celsius (2.7 Fahrenheit)"), or a
/// clause that drops the verb ("were down 2.3%, Burlington by 2.6%").
fn restated_change(s: &Sentence, mi: usize, rules: &Rules) -> Option<Role> {
    let toks = &s.tokens;
    let m = &s.mentions[mi];
    let prev = s.mentions[..mi].last().filter(|p| matches!(p.raw, Raw::Number(_)))?;
    let link = m.from.checked_sub(1).filter(|&k| k >= prev.to)?;
    let words = |a: usize, b: usize, most: usize| {
        b >= a && b - a <= most && toks[a..b].iter().all(|t| t.kind == TokKind::Word)
    };
    let linked = if toks[link].is_word("or") {
        let k = if link > prev.to && toks[link - 1].is_punct(',') { link - 1 } else { link };
        matches!(&m.raw, Raw::Number(n) if n.percent) && words(prev.to, k, 3)
    } else if toks[link].is_punct('(') {
        words(prev.to, link, 4)
    } else if toks[link].is_word("by") {
        // ", Burlington by": a comma or "and", then a name.
        let opens = link > prev.to && (toks[prev.to].is_punct(',') || toks[prev.to].is_word("and"));
        opens
            && (1..=3).contains(&(link - prev.to - 1))
            && toks[prev.to + 1..link].iter().all(|t| t.is_capitalized())
    } else {
        false
    };
    if !linked {
        return None;
    }
    Some(role(toks, prev.from, prev.to, rules)).filter(|r| matches!(r, Role::Increment | Role::Decrement))
}

/// The figure mention nearest to mention `mi` in its sentence, within ten tokens.
/// Whether mention `mi` is the base a share right before it is of: "2% of the
/// 104,000 flights".
fn share_base(s: &Sentence, mi: usize) -> bool {
    let (m, toks) = (&s.mentions[mi], &s.tokens);
    let of = |k: usize| toks.get(k).is_some_and(|t| t.is_word("of"));
    let start = if m.from >= 1 && toks[m.from - 1].is_word("the") { m.from - 1 } else { m.from };
    mi > 0
        && start >= 1
        && of(start - 1)
        && matches!(&s.mentions[mi - 1].raw, Raw::Number(n) if n.percent)
        && s.mentions[mi - 1].to + 1 == start
}

fn nearest_figure(s: &Sentence, mi: usize) -> Option<usize> {
    let m = &s.mentions[mi];
    s.mentions
        .iter()
        .enumerate()
        .filter(|(j, o)| *j != mi && matches!(o.raw, Raw::Number(_)))
        .map(|(j, o)| (j, distance(m, o)))
        .filter(|(_, d)| *d <= 12)
        .min_by_key(|(_, d)| *d)
        .map(|(j, _)| j)
}

/// The resolved date that gives mention `mi` its as-of time: the nearest within
/// eight tokens with no other figure between them (in "about 400 officers now, 2,500
/// by January", January belongs to the 2,500), one in the figure's own clause before
/// one past a comma ("trading at $265 on Monday, after an 11% drop on Friday").
fn nearest_date<'a>(s: &Sentence, mi: usize, dates: &'a [Option<Resolved>]) -> Option<(usize, &'a Resolved)> {
    let m = &s.mentions[mi];
    s.mentions
        .iter()
        .enumerate()
        // "now" is the article's own date: the current-state cue handles it, with slack.
        .filter(|(_, o)| !matches!(&o.raw, Raw::Date(d) if d.rel == Some(crate::extract::Rel::Now)))
        .filter_map(|(j, o)| dates[j].as_ref().filter(|_| j != mi).map(|r| (j, r, distance(m, o))))
        .filter(|(j, _, d)| *d <= 8 && no_figure_between(s, *j, mi) && !comparison_base(s, *j))
        .min_by_key(|(j, _, d)| (clause_between(s, *j, mi), *d))
        .map(|(j, r, _)| (j, r))
        .or_else(|| opening_date(s, mi, dates))
        .or_else(|| coordinated_date(s, mi, dates))
}

/// A date after the second of two figures joined by a bare "and" dates both: "Over
/// 5,000 flights were canceled and nearly 13,000 were delayed on July 19". A comma
/// before the "and" joins two clauses of their own ("1,300 flights were canceled,
/// and 1,600 were delayed on Sunday" dates only the 1,600).
fn coordinated_date<'a>(
    s: &Sentence,
    mi: usize,
    dates: &'a [Option<Resolved>],
) -> Option<(usize, &'a Resolved)> {
    let (n, d) = (s.mentions.get(mi + 1)?, s.mentions.get(mi + 2)?);
    let r = dates[mi + 2].as_ref()?;
    (joined_to_next(s, mi) && distance(n, d) <= 8).then_some((mi + 2, r))
}

/// Whether figure `mi` and the next figure are joined by a bare "and" (a few words
/// between, no punctuation): what is said after the second of the pair ("on July 19",
/// "as of 11 a.m.") is said of both.
fn joined_to_next(s: &Sentence, mi: usize) -> bool {
    let (m, Some(n)) = (&s.mentions[mi], s.mentions.get(mi + 1)) else { return false };
    let between = &s.tokens[m.to..n.from];
    matches!(m.raw, Raw::Number(_))
        && matches!(n.raw, Raw::Number(_))
        && between.len() <= 6
        && between.last().is_some_and(|t| t.is_word("and"))
        && between.iter().all(|t| t.kind == TokKind::Word)
}

/// Whether date mention `j` is what a comparison is made with ("24% higher than in
/// 2003", "7% more than they did in 2003"): the year compared against, not the time
/// of the figure.
fn comparison_base(s: &Sentence, j: usize) -> bool {
    // What may stand between "than" and the date; not a figure ("more than four
    // million by 2008", "more than tenfold in 2004": "than" is the figure's hedge).
    const LINK: &[&str] =
        &["in", "on", "at", "during", "for", "of", "the", "same", "they", "it", "did", "was", "were", "had"];
    let from = s.mentions[j].from;
    let before = &s.tokens[from.saturating_sub(5)..from];
    let than = before.iter().rposition(|t| t.is_word("than"));
    than.is_some_and(|k| before[k + 1..].iter().all(|t| LINK.contains(&t.lower.as_ref())))
}

/// Whether a comma or semicolon stands between mentions `i` and `j` (or ends the
/// earlier one: "on Monday," is read with its comma).
fn clause_between(s: &Sentence, i: usize, j: usize) -> bool {
    let (a, b) = if s.mentions[i].from < s.mentions[j].from { (i, j) } else { (j, i) };
    let between = s.tokens.get(s.mentions[a].to.saturating_sub(1)..s.mentions[b].from);
    between.is_some_and(|ts| ts.iter().any(|t| t.is_punct(',') || t.is_punct(';')))
}

/// Whether no figure stands between mentions `i` and `j` of the sentence (in "about
/// 400 officers now, 2,500 by January", January belongs to the 2,500).
fn no_figure_between(s: &Sentence, i: usize, j: usize) -> bool {
    let (lo, hi) = if i < j { (i, j) } else { (j, i) };
    !s.mentions[lo + 1..hi].iter().any(|x| matches!(x.raw, Raw::Number(_)))
}

/// A date that opens its sentence before any figure ("On Sunday alone, Delta canceled
/// 1,300 flights and delayed 1,600") dates every figure of it.
fn opening_date<'a>(s: &Sentence, mi: usize, dates: &'a [Option<Resolved>]) -> Option<(usize, &'a Resolved)> {
    // The first figure or date; a time of day before it ("By 8 a.m. ET on Monday,")
    // is part of the opening phrase.
    let (j, o) = s.mentions.iter().enumerate().find(|(j, o)| {
        matches!(o.raw, Raw::Number(_)) || (dates[*j].is_some() && !matches!(o.raw, Raw::Duration(_)))
    })?;
    let opens = o.from <= 6
        && j < mi
        && s.tokens
            .get(o.to - 1..(o.to + 3).min(s.tokens.len()))
            .is_some_and(|t| t.iter().any(|t| t.is_punct(',')));
    dates[j].as_ref().filter(|r| opens && r.interval.hi() - r.interval.lo() <= 1.0).map(|r| (j, r))
}

/// "The death toll from the wildfires that devastated Maui last month has dropped to
/// 97": a date that ends a relative clause, right before the main clause's verb,
/// dates the clause's noun ("wildfire"), not the figure.
fn relative_clause(toks: &[crate::text::Token], m: &Mention) -> Option<String> {
    const MAIN_VERB: &[&str] =
        &["has", "have", "had", "is", "are", "was", "were", "stands", "stood", "rose", "fell"];
    if !toks.get(m.to).is_some_and(|t| MAIN_VERB.contains(&t.lower.as_ref())) {
        return None;
    }
    let r = (m.from.saturating_sub(5)..m.from)
        .rev()
        .take_while(|&i| toks[i].kind == TokKind::Word)
        .find(|&i| matches!(toks[i].lower.as_ref(), "that" | "which" | "who"))?;
    let noun = toks.get(r.checked_sub(1)?).filter(|t| t.kind == TokKind::Word && !t.is_capitalized())?;
    Some(context::singular(&noun.lower))
}

/// The noun a date modifies ("the Aug. 8 wildfires", "the July 19 outage", "the
/// 1960 tsunami"), singular: the date dates that thing, and is no as-of time for the
/// figures around it.
fn attributive(toks: &[crate::text::Token], m: &Mention) -> Option<String> {
    // "the Aug. 8 fire", "the tragic Aug. 8 wildfires".
    let the = |i: usize| toks[i].is_word("the");
    let adjective = |i: usize| toks[i].kind == TokKind::Word && !toks[i].is_capitalized();
    let before =
        m.from.checked_sub(1).is_some_and(the) || (m.from >= 2 && adjective(m.from - 1) && the(m.from - 2));
    if !before {
        return relative_clause(toks, m);
    }
    // "the Aug. 8, 2023, Maui wildfires": a comma and a name may sit in between.
    let mut k = m.to;
    if toks.get(k).is_some_and(|t| t.is_punct(',')) {
        k += 1;
    }
    while toks.get(k).is_some_and(|t| t.is_capitalized()) && k < m.to + 3 {
        k += 1;
    }
    let t = toks.get(k).filter(|t| {
        t.kind == TokKind::Word
            && !t.is_capitalized()
            && !context::is_function_word(&t.lower)
            && crate::calendar::weekday(&t.lower).is_none()
    })?;
    Some(context::singular(&t.lower))
}

/// Whether date `mi` only says when a count held, and dates no event: a running count
/// stated as current ("the toll reached 106 Tuesday night"), or a count of the date's
/// own event where that event is counted day by day ("On Sunday alone, Delta canceled
/// 1,300 flights"). A deployment happens once: its day is a fact ("flagged off 400
/// officers on June 24"), as is a start dated beside a toll ("began on Aug. 8 and
/// killed 97"). A day after "by" or "as of" that dates a count is when the count
/// held ("27 of the dead had been identified by Sunday"), as a clock time there is
/// (see [`is_stamp`]): a bound, no day of the event.
fn dates_a_count(
    s: &Sentence,
    mi: usize,
    dates: &[Option<Resolved>],
    ev: Option<&str>,
    rules: &Rules,
) -> bool {
    let daily = ev.filter(|e| RUNNING_EVENTS.contains(e) || COUNTED_DAILY.contains(e));
    // A year or a month after "by" is a target's deadline ("0.7% of GDP by 2015").
    let day = dates[mi].as_ref().is_some_and(|r| r.interval.hi() - r.interval.lo() <= 1.0);
    let read = day && read_cue(&s.tokens, &s.mentions[mi], rules);
    s.mentions.iter().enumerate().any(|(j, f)| {
        if !matches!(f.raw, Raw::Number(_)) || nearest_date(s, j, dates).is_none_or(|(d, _)| d != mi) {
            return false;
        }
        if read {
            return true;
        }
        let counted = event(&s.tokens, f.from, f.to, rules);
        let current = || {
            let (a, b) = window(&s.tokens, f.from, f.to, 8, 8);
            rules.time_current.find_in(&s.tokens, a, b).next().is_some()
        };
        (daily.is_some() && counted.as_deref() == daily)
            || (counted.is_some_and(|e| RUNNING_EVENTS.contains(&e.as_str())) && current())
    })
}

fn distance(a: &Mention, b: &Mention) -> usize {
    if a.to <= b.from { b.from - a.to } else { a.from.saturating_sub(b.to) }
}

fn number(n: &NumberRaw, s: &Sentence, m: &Mention, rules: &Rules) -> Option<Valued> {
    let t = rules.tolerance;
    let toks = &s.tokens;
    let change = n.high.is_some() && change_range(toks, m, rules);
    let (kind, unit) = if n.percent {
        (Kind::Percent, Some(if n.points { "percentage point" } else { "%" }.to_string()))
    } else if let Some(c) = &n.currency {
        // A price per unit: "$80 per barrel", "RM79 a month".
        let unit = match context::per_unit(toks, m.to, rules) {
            Some(per) => format!("{} per {per}", rules.currency_names.get(c).unwrap_or(c)),
            None => c.clone(),
        };
        (Kind::Money, Some(unit))
    } else if let Some(u) = unit_before(toks, m.from, rules) {
        (Kind::Quantity, Some(u))
    } else if appositive_age(n, toks, m, rules) {
        (Kind::Quantity, Some(AGE.to_string()))
    } else {
        match head_noun(toks, m.to, rules) {
            Some((u, true)) => (Kind::Quantity, Some(u)),
            Some((u, false)) => (Kind::Count, Some(u)),
            None => match suspended(toks, m.to, rules).or_else(|| level_of(s, m, rules)) {
                Some((u, true)) => (Kind::Quantity, Some(u)),
                Some((u, false)) => (Kind::Count, Some(u)),
                // "the death toll ... stands at 115": the unit named before the figure.
                None if bare_figure(n, s, m) => {
                    // In a change, the unit is named before the new value: "the death
                    // toll dropped from 115 to 97".
                    let at = if change {
                        (m.from..m.to).find(|&k| toks[k].is_word("to")).map_or(m.from, |k| k + 1)
                    } else {
                        m.from
                    };
                    (Kind::Count, context::unit_named_before(toks, at, rules))
                }
                None => return None,
            },
        }
    };
    let (interval, nominal, qualifier) = match n.high {
        // "dropped from 115 to 97": the figure is the new value; the text keeps both.
        Some(hi) if change => (Interval::point(hi), Some((n.value, Some(hi))), Qualifier::Exact),
        _ => {
            let (i, nom) = interval(n.value, n.high, n.qualifier, n.below, t);
            (i, nom, n.qualifier)
        }
    };
    let mut value = Value { interval, nominal: nominal.into(), iso: None, base: None };
    if let Some(c) = unit.as_deref().and_then(|u| rules.conversions.get(u)).filter(|_| kind == Kind::Quantity)
    {
        value = converted(value, n, c);
    }
    Some(Valued { kind, value, unit, qualifier, mismatch: None })
}

/// A measure in the unit its dimension is compared in ("60 feet" in metres), each
/// end widened by just under half a unit of the figure's last written digit first:
/// "60" is 59.51 to 60.49 feet, which meets "18.3 metres" but not "61 feet" (see
/// [`resolution`]). The figure as written stays in `nominal`.
fn converted(v: Value, n: &NumberRaw, c: &crate::rules::Conversion) -> Value {
    let res = resolution(n.value).min(n.high.map_or(f64::INFINITY, resolution));
    let w = 0.49 * res;
    let (f, g) = c.times;
    let scale = |x: Option<f64>, d: f64, pick: fn(f64, f64) -> f64| {
        x.map(|x| if x == 0.0 { 0.0 } else { tidy(pick((x + d) * f, (x + d) * g)) })
    };
    let i = v.interval;
    Value {
        interval: Interval::new(
            scale(i.low(), -w, f64::min),
            scale(i.high(), w, f64::max),
            i.low_inclusive,
            i.high_inclusive,
        ),
        nominal: v.nominal.get().or(Some((n.value, n.high))).into(),
        iso: None,
        base: Some(Name::from(c.base.as_str())),
    }
}

/// The place of a figure's last written digit: 0.01 for 1.94, 1 for 18. A round
/// figure is read as written to one place below its last non-zero digit: 1 for 60,
/// 100 for 2,000 (it may be rounded further, but a conversion rounded to the same
/// place still meets it).
pub fn resolution(v: f64) -> f64 {
    let v = v.abs();
    if v == 0.0 || !v.is_finite() {
        return 1.0;
    }
    if v.fract() != 0.0 {
        let decimals = format!("{v}").split('.').nth(1).map_or(0, str::len).min(12);
        return 10f64.powi(-(decimals as i32));
    }
    let (mut m, mut zeros) = (v, 0);
    while m >= 10.0 && m % 10.0 == 0.0 {
        m /= 10.0;
        zeros += 1;
    }
    10f64.powi((zeros - 1).max(0))
}

/// Twelve significant digits: 400 × 1.1 is 440.00000000000006.
fn tidy(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { format!("{x:.12e}").parse().unwrap_or(x) }
}

/// "The toll dropped from 115 to 97", "was revised from 115 to 97": a change verb
/// before "from X to Y" makes it a change to Y, not a range.
fn change_range(toks: &[crate::text::Token], m: &Mention, rules: &Rules) -> bool {
    toks[m.from].is_word("from") && crate::extract::number::changed_from(toks, m.from + 1, rules)
}

/// The unit of an age: `[measures]` names "years old" so too.
pub const AGE: &str = "year of age";

/// "Joseph Schilling, 66, a retiree": a whole number from 1 to 120 set off by commas
/// right after a name is the named person's age, as news style writes it. A list of
/// figures ("Paris, 45, ...") would need a name right before each; a date's day
/// ("Aug. 8, 2023") is no name.
fn appositive_age(n: &NumberRaw, toks: &[crate::text::Token], m: &Mention, rules: &Rules) -> bool {
    let whole = n.value.fract() == 0.0 && (1.0..=120.0).contains(&n.value) && n.high.is_none();
    let named = m.from >= 2
        && toks[m.from - 1].is_punct(',')
        && toks[m.from - 2].is_capitalized()
        && !rules.entity_ignore.contains(toks[m.from - 2].lower.as_ref())
        && crate::calendar::month(&toks[m.from - 2].lower).is_none()
        && crate::calendar::weekday(&toks[m.from - 2].lower).is_none();
    let set_off = toks
        .get(m.to)
        .is_none_or(|t| t.is_punct(',') || t.is_punct(')') || t.is_punct(';') || t.is_punct('.'));
    whole && n.qualifier == Qualifier::Exact && !n.words && named && set_off
}

/// The noun of a suspended compound: "a 7- or 8-inch screen", "four-, five- and
/// six-cylinder engines" (the figure's glued hyphen, a link, then the figure that
/// carries the noun).
fn suspended(toks: &[crate::text::Token], to: usize, rules: &Rules) -> Option<(String, bool)> {
    let glued = |k: usize| toks.get(k).is_some_and(|t| t.is_punct('-') && !t.space_before);
    let link = |k: usize| toks.get(k).is_some_and(|t| t.is_punct(',') || t.is_word("or") || t.is_word("and"));
    if !glued(to) || !link(to + 1) {
        return None;
    }
    let carrier = (to + 2..(to + 9).min(toks.len())).find(|&k| {
        let figure = toks[k].kind == TokKind::Num || rules.number_words.contains_key(toks[k].lower.as_ref());
        figure && glued(k + 1) && toks.get(k + 2).is_some_and(|w| w.kind == TokKind::Word && !w.space_before)
    })?;
    head_noun(toks, carrier + 1, rules)
}

/// The unit of a level reached after a change: "rose 64.06 points to 4,577.10",
/// "from 14-18 mpg to 24" (the figure before "to" or "at" and its noun; not a share
/// or an amount, whose level is another kind of figure).
fn level_of(s: &Sentence, m: &Mention, rules: &Rules) -> Option<(String, bool)> {
    let toks = &s.tokens;
    let at = m.from.checked_sub(1).filter(|&k| toks[k].is_word("to") || toks[k].is_word("at"))?;
    let prev = s.mentions.iter().rfind(|o| o.to <= at)?;
    let Raw::Number(p) = &prev.raw else { return None };
    let near = at - prev.to <= 3 && toks[prev.to..at].iter().all(|t| t.kind == TokKind::Word);
    if p.percent || p.currency.is_some() || !near {
        return None;
    }
    head_noun(toks, prev.to, rules)
}

/// The noun of the figure that a figure with none parallels: "1,463.87 points, while
/// the TA-125 climbed 0.1% to 1,333.18", "3.9 million headsets, up from 2.4 million",
/// "435 homes by open sale and 187 by tender". That is the nearest plain figure
/// before it in the sentence (shares and amounts are passed over; a plain figure with
/// no noun ends the search), when the two are of one order of magnitude: in "4 trucks
/// carried 1,200", the 1,200 are no trucks. The noun is a guess to list the figure
/// by, never to group it on: such figures are contrasted by the very construction
/// ("up from", "while", "beyond the 3,500 ... now north of 5,000"), another time,
/// place or scope, which grouping them would flag.
fn parallel(n: &NumberRaw, s: &Sentence, m: &Mention, rules: &Rules) -> Option<(String, bool)> {
    let (o, p) = s.mentions.iter().rev().filter(|o| o.to <= m.from).find_map(|o| match &o.raw {
        Raw::Number(p) if !p.percent && p.currency.is_none() => Some((o, p)),
        _ => None,
    })?;
    let size = |r: &NumberRaw| r.high.map_or(r.value, |h| (r.value + h) / 2.0);
    let (a, b) = (size(n), size(p));
    let near = a > 0.0 && b > 0.0 && a.max(b) <= 10.0 * a.min(b);
    near.then(|| head_noun(&s.tokens, o.to, rules)).flatten()
}

/// Whether a figure with no noun after it is still worth listing: not a small integer
/// ("one of them"), not a year, not part of a name or code ("S&P 500", "Row 21",
/// "10:45").
fn bare_figure(n: &NumberRaw, s: &Sentence, m: &Mention) -> bool {
    let toks = &s.tokens;
    let int = n.value.fract() == 0.0 && n.high.is_none();
    if int && (n.value.abs() < 10.0 || (1900.0..=2100.0).contains(&n.value)) {
        return false;
    }
    if let Some(p) = m.from.checked_sub(1).map(|i| &toks[i]) {
        // "the S8 around 25k": a hedge stands between a name and the figure.
        let named = p.is_capitalized() && m.from > 1 && n.qualifier == Qualifier::Exact;
        if named || p.is_punct(':') || p.is_punct('&') || p.is_punct('-') || p.is_punct('#') {
            return false;
        }
    }
    !toks.get(m.to).is_some_and(|t| t.is_punct(':') || t.is_punct('-') && !t.space_before)
}

/// The interval of figure `v` (and `hi` for a range) under `q`; the nominal figure
/// where the interval hides it.
pub fn interval(
    v: f64,
    hi: Option<f64>,
    q: Qualifier,
    below: bool,
    t: Tolerance,
) -> (Interval, Option<(f64, Option<f64>)>) {
    let open = Interval::new;
    let floor = if v >= 0.0 { Some(0.0) } else { None };
    let (iv, nominal) = match (q, hi) {
        (Qualifier::Approx, Some(h)) => {
            let (a, b) = (v.min(h), v.max(h));
            (Interval::closed(a * (1.0 - t.approx), b * (1.0 + t.approx)), Some((v, Some(h))))
        }
        (_, Some(h)) => (Interval::closed(v, h), (h < v).then_some((v, Some(h)))),
        (Qualifier::Exact, None) | (Qualifier::Range, None) => (Interval::point(v), None),
        (Qualifier::Approx, None) if below => (Interval::closed(v * (1.0 - t.nearly), v), Some((v, None))),
        (Qualifier::Approx, None) => {
            (Interval::closed(v * (1.0 - t.approx), v * (1.0 + t.approx)), Some((v, None)))
        }
        (Qualifier::MoreThan, None) => (open(Some(v), None, false, false), None),
        (Qualifier::AtLeast, None) => (open(Some(v), None, true, false), None),
        (Qualifier::AtMost, None) => (open(floor, Some(v), true, true), None),
        // "just under 20%": below the figure and near it.
        (Qualifier::LessThan, None) if below && v > 0.0 => {
            (open(Some(v * (1.0 - t.nearly)), Some(v), true, false), Some((v, None)))
        }
        (Qualifier::LessThan, None) => (open(floor, Some(v), true, false), None),
    };
    (Interval::new(iv.low().map(tidy), iv.high().map(tidy), iv.low_inclusive, iv.high_inclusive), nominal)
}

fn duration(d: &DurationRaw, t: Tolerance) -> Valued {
    let days = d.unit.days();
    let (iv, nominal) = interval(d.amount * days, d.high.map(|h| h * days), d.qualifier, d.below, t);
    let (amount, code) = match d.unit {
        TimeUnit::Decade => (d.amount * 10.0, "Y"),
        TimeUnit::Year => (d.amount, "Y"),
        TimeUnit::Month => (d.amount, "M"),
        TimeUnit::Week => (d.amount, "W"),
        TimeUnit::Day => (d.amount, "D"),
        TimeUnit::Hour => (d.amount, "TH"),
        TimeUnit::Minute => (d.amount, "TM"),
    };
    if d.vague {
        let code = match d.unit {
            TimeUnit::Decade => "DE",
            TimeUnit::Hour => "TH",
            TimeUnit::Minute => "TM",
            _ => code,
        };
        let iso = match code.strip_prefix('T') {
            Some(c) => format!("PTX{c}"),
            None => format!("PX{code}"),
        };
        return Valued {
            kind: Kind::Duration,
            value: Value { interval: iv, nominal: None.into(), iso: Some(iso.into()), base: None },
            unit: Some(d.unit.name().to_string()),
            qualifier: Qualifier::Approx,
            mismatch: None,
        };
    }
    let fmt = |x: f64| if x.fract() == 0.0 { format!("{x}") } else { format!("{x:.1}") };
    let iso = match (d.high, code.strip_prefix('T')) {
        (None, Some(c)) => Some(format!("PT{}{c}", fmt(amount))),
        (None, None) => Some(format!("P{}{code}", fmt(amount))),
        _ => None,
    };
    Valued {
        kind: Kind::Duration,
        value: Value { interval: iv, nominal: nominal.into(), iso: iso.map(Name::from), base: None },
        unit: Some(d.unit.name().to_string()),
        qualifier: d.qualifier,
        mismatch: None,
    }
}

/// A time of day on the day the sentence names (or the article's date), in UTC when
/// a zone is written.
fn time_of_day(
    d: &DateRaw,
    s: &Sentence,
    mi: usize,
    dates: &[Option<Resolved>],
    last_day: Option<f64>,
) -> Option<Valued> {
    let day = match nearest_date(s, mi, dates) {
        Some((_, r)) if r.interval.hi() - r.interval.lo() <= 1.0 => r.interval.lo(),
        _ => last_day?,
    };
    let minutes = f64::from(d.time?);
    let offset = d
        .zone
        .as_deref()
        .and_then(|z| crate::extract::date::ZONES.iter().find(|(n, _)| *n == z))
        .map_or(0.0, |(_, o)| f64::from(*o));
    let at = day + (minutes - offset) / 1440.0;
    let iso = iso_instant(day + minutes / 1440.0);
    Some(Valued {
        kind: Kind::Date,
        value: Value {
            interval: Interval::point(at),
            nominal: None.into(),
            iso: iso.map(Name::from),
            base: None,
        },
        unit: Some(if d.zone.is_some() { "UTC" } else { "local" }.to_string()),
        qualifier: Qualifier::Exact,
        mismatch: None,
    })
}

fn curated_matches(sub: &Subject, kind: Kind, unit: Option<&str>, s: &Sentence) -> bool {
    sub.kind.is_none_or(|k| k == kind)
        && sub.unit.as_deref().is_none_or(|u| Some(u) == unit)
        && sub.all.iter().all(|lx| lx.any_in(&s.tokens))
        && (!sub.has_any || sub.any.any_in(&s.tokens))
        && !sub.none.any_in(&s.tokens)
}

/// What a share is of: the noun after "of" ("80 per cent of the capital").
fn measured(s: &Sentence, m: &Mention, rules: &Rules) -> Option<String> {
    s.tokens.get(m.to).filter(|t| t.is_word("of"))?;
    let mut k = m.to + 1;
    // "affected 544 structures, 96% of which were residential": a share of the
    // figure before it, which no other share of structures need be.
    const BACK: &[&str] = &["which", "whom", "them", "those", "these"];
    if s.tokens.get(k).is_some_and(|t| BACK.contains(&t.lower.as_ref())) {
        let base = s.mentions.iter().rfind(|o| o.to <= m.from && matches!(o.raw, Raw::Number(_)))?;
        let noun = head_noun(&s.tokens, base.to, rules).map(|(u, _)| u).unwrap_or_default();
        let figure: Vec<&str> = s.tokens[base.from..base.to].iter().map(|t| t.text).collect();
        return Some(format!("{} {noun}", figure.join(" ")));
    }
    while s.tokens.get(k).is_some_and(|t| t.is_word("the")) {
        k += 1;
    }
    let first = s.tokens.get(k)?;
    if first.is_capitalized() {
        return Some(first.text.to_string());
    }
    head_noun(&s.tokens, k, rules).map(|(u, _)| u)
}

/// What a count is of when its noun says (see [`measured`] for shares): the noun a
/// compound modifier describes ("the 56-page document" counts a document's pages,
/// not "the 289 pages of findings"), or the noun after "of" ("2,100 acres of
/// farmland"). Counts of one unit of two different things are two facts.
fn described(toks: &[Token], m: &Mention, rules: &Rules) -> Option<String> {
    let glued = |k: usize| toks.get(k).filter(|t| !t.space_before);
    let next = toks.get(m.to)?;
    let mut k = if next.is_punct('-') && !next.space_before {
        // "56-page document": the hyphen, the unit, then the noun it describes; "a
        // 150-year-old tree" describes none with its unit.
        glued(m.to + 1).filter(|t| t.kind == TokKind::Word)?;
        if glued(m.to + 2).is_some_and(|t| t.is_punct('-')) {
            return None;
        }
        m.to + 2
    } else if next.kind == TokKind::Word && toks.get(m.to + 1).is_some_and(|t| t.is_word("of")) {
        m.to + 2
    } else {
        return None;
    };
    while toks.get(k).is_some_and(|t| t.is_word("the")) {
        k += 1;
    }
    head_noun(toks, k, rules).map(|(u, _)| u)
}

/// The order of magnitude of a value's stated figure (its low end, or its high end
/// when open below): 5 for £540,000.
fn decade(v: &Value) -> i32 {
    let x = match v.nominal.get() {
        Some((n, _)) => n,
        None if v.interval.lo() > 0.0 => v.interval.lo(),
        None => v.interval.hi(),
    };
    if x.abs() >= 1.0 && x.is_finite() { x.abs().log10().floor() as i32 } else { 0 }
}

/// The generic subject key; empty when the context is too weak to group on.
#[allow(clippy::too_many_arguments)]
fn generic_key(
    kind: Kind,
    unit: Option<&str>,
    value: &Value,
    ev: Option<&str>,
    role: Role,
    modality: Modality,
    raw: &Raw,
    s: &Sentence,
    m: &Mention,
    rules: &Rules,
) -> String {
    // A person's age is the same fact whatever the clause around it tells ("died",
    // "survived").
    let (ev, role) = if unit == Some(AGE) { (None, Role::Total) } else { (ev, role) };
    let role = format!("{role:?}").to_lowercase();
    let modality = format!("{modality:?}").to_lowercase();
    // A count is keyed by its head noun: "46 major trunks" and "64 main trunks" count
    // trunks (the claim's unit keeps the whole phrase).
    let u = match unit {
        Some(u) if kind == Kind::Count => u.rsplit(' ').next().unwrap_or(u),
        Some(u) => u,
        None => "-",
    };
    match (kind, ev) {
        (Kind::Date, _) if matches!(raw, Raw::Date(d) if d.rel == Some(crate::extract::Rel::Now)) => {
            String::new()
        }
        (Kind::Date, Some(e)) => {
            let clock = if matches!(raw, Raw::Date(d) if d.time.is_some()) {
                format!("/time-{u}")
            } else {
                String::new()
            };
            format!("date/{e}/{role}/{modality}{clock}")
        }
        (Kind::Duration, Some(e)) => format!("duration/{e}/{modality}"),
        // An amount with no event only ever agrees (see compare): its order of
        // magnitude keeps "£5m" and "£2bn" out of one group, and so out of one
        // block of the claims stream.
        (Kind::Money, None) => format!("money/{u}/-/{role}/{modality}/e{}", decade(value)),
        (Kind::Money, Some(e)) => format!("money/{u}/{e}/{role}/{modality}"),
        (Kind::Percent, Some(e)) => format!("percent/{e}/{modality}"),
        (Kind::Percent, None) => match measured(s, m, rules) {
            Some(me) => format!("percent/{}/-/{modality}", me.to_lowercase()),
            None => String::new(),
        },
        (Kind::Count | Kind::Quantity, _) if unit.is_none() => String::new(),
        (Kind::Count | Kind::Quantity, e) => {
            format!("{}/{u}/{}/{role}/{modality}", kind.name(), e.unwrap_or("-"))
        }
        _ => String::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests;
