//! Stage 4: claims that speak about the same fact.
//!
//! A group is the set of claims sharing a subject key (a curated subject's id, or the
//! generic key built in normalize from kind, unit, event, role and modality). Within a
//! group, [`comparable`] says whether two claims may be judged against each other at
//! all: precision first, so a weak match never becomes a conflict.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::model::{Claim, Interval, Kind};
use crate::name::Name;

/// Claims with one subject key, sorted by value (then document, then position).
#[derive(Debug, Clone)]
pub struct Group {
    /// The subject key.
    pub subject: String,
    /// Indices into the claims.
    pub claims: Vec<usize>,
    /// The claims that joined the group from a key with no event (see [`group`]):
    /// they may agree with its claims, never conflict. In index order.
    pub borrowed: Vec<usize>,
}

/// The unit slot of a count key whose unit the text leaves implied: "5,171 were
/// canceled", "1,386 cancellations" (the noun names the event itself).
pub const IMPLIED: &str = "*";

/// The block of a subject key: the key without its unit for counts, so that claims
/// whose unit is implied meet the counts they may join (see [`group`]); the event for
/// dates; the key itself otherwise. Claims of different blocks are never compared.
/// Amounts and measures are blocked without their event (and an event-less amount's
/// size bucket), so that one with no event meets the ones it may borrow an event from.
pub fn block_of(subject: &str) -> String {
    if let Some(base) = event_free(subject) {
        return base;
    }
    // A date's block is its event: a copy that moved "May 2004" to "May 2005" moved
    // it from past to future, and the two must still meet (see `copies`).
    if let Some(rest) = subject.strip_prefix("date/") {
        return format!("date/{}", rest.split('/').next().unwrap_or(rest));
    }
    match subject.strip_prefix("count/").and_then(|rest| rest.split_once('/')) {
        // Only counts of an event can have an implied unit: "count/people/-/…" keeps
        // its unit, or every count with no event would share one block.
        Some((_, tail)) if !tail.starts_with("-/") => format!("count/{tail}"),
        _ => subject.to_string(),
    }
}

/// "money/USD/destroy/total/actual" and "money/USD/-/total/actual/e9" →
/// "money/USD/total/actual": an amount's or a measure's key without its event.
fn event_free(subject: &str) -> Option<String> {
    let p: Vec<&str> = subject.split('/').collect();
    (matches!(p[0], "money" | "quantity") && p.len() >= 5)
        .then(|| format!("{}/{}/{}/{}", p[0], p[1], p[3], p[4]))
}

/// The groups with an event of one block, members by the low end of their values.
type Hosts<'a> = [(&'a str, Vec<usize>)];

/// The key with no event whose claims may borrow one: "$10 Uber Eats gift cards"
/// and "a $10 Uber Eats gift card" CrowdStrike "sent". A claim borrows the event of
/// the one group of its block holding a claim of another article that it agrees with
/// in value and may be compared with; with two such groups it stays where it is.
fn borrow<'a>(claims: &[Claim], by: &mut BTreeMap<&'a str, Vec<usize>>) -> Vec<usize> {
    // How many of a group's figures nearest in value a claim is tried against: the
    // pass stays linear however large the groups of one block grow.
    const SCAN: usize = 64;
    let event_less = |k: &str| k.split('/').nth(2) == Some("-");
    let lo = |j: usize| claims[j].value.interval.lo();
    // Block → its groups with an event, members by the low end of their values.
    let mut hosts: BTreeMap<String, Vec<(&'a str, Vec<usize>)>> = BTreeMap::new();
    for (&k, js) in by.iter().filter(|(k, _)| !event_less(k)) {
        if let Some(b) = event_free(k) {
            let mut js = js.clone();
            js.sort_by(|&x, &y| lo(x).total_cmp(&lo(y)));
            hosts.entry(b).or_default().push((k, js));
        }
    }
    // Each event-less claim is tried on its own (on all cores: this was the one
    // long single-threaded step of judging), in key and member order.
    let tries: Vec<(&'a str, &Hosts<'a>, usize)> = by
        .iter()
        .filter(|(k, _)| event_less(k))
        .filter_map(|(&from, members)| Some((from, event_free(from).and_then(|b| hosts.get(&b))?, members)))
        .flat_map(|(from, groups, members)| members.iter().map(move |&i| (from, groups.as_slice(), i)))
        .collect();
    let moves: Vec<(&'a str, &'a str, usize)> = tries
        .into_par_iter()
        .filter_map(|(from, groups, i)| {
            let c = &claims[i];
            let lends = |js: &[usize]| {
                let end = js.partition_point(|&j| lo(j) <= c.value.interval.hi());
                js[..end].iter().rev().take(SCAN).any(|&j| {
                    let d = &claims[j];
                    d.doc != c.doc && d.value.interval.touches(&c.value.interval) && comparable(c, d)
                })
            };
            let mut found = groups.iter().filter(|(_, js)| lends(js));
            match (found.next(), found.next()) {
                (Some((to, _)), None) => Some((from, *to, i)),
                _ => None,
            }
        })
        .collect();
    let moved: std::collections::BTreeSet<usize> = moves.iter().map(|m| m.2).collect();
    for v in by.values_mut() {
        v.retain(|x| !moved.contains(x));
    }
    for (_, to, i) in moves {
        by.entry(to).or_default().push(i);
    }
    by.retain(|_, v| !v.is_empty());
    moved.into_iter().collect()
}

/// Groups claims by subject key; claims without one are left out. Groups come in key
/// order, so the result does not depend on document order. A count whose unit is
/// implied takes the unit most counts of its block name ("flights" canceled), or
/// its own noun when none does ("cancellation"), or stays out when it has none.
pub fn group(claims: &[Claim]) -> Vec<Group> {
    let slot = format!("/{IMPLIED}/");
    // block → unit → how many counts of the block name it.
    let mut units: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.subject.starts_with("count/") && !c.subject.contains(&slot)) {
        if let Some(u) = c.subject.split('/').nth(1) {
            *units.entry(block_of(&c.subject)).or_default().entry(u).or_default() += 1;
        }
    }
    // Interned: an `Option<String>` was 24 bytes for every claim of the run (47 MB for
    // BBC x100's two million), though few claims have a slot to settle.
    let settled: Vec<Option<Name>> = claims
        .par_iter()
        .map(|c| {
            if !c.subject.contains(&slot) {
                return None;
            }
            // The most used unit; on a tie the first in name order.
            let best = units.get(&block_of(&c.subject)).and_then(|us| {
                us.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(u, _)| u.to_string())
            });
            Some(Name::from(match best.or_else(|| c.unit.map(|u| u.to_string())) {
                Some(u) => c.subject.replacen(&slot, &format!("/{u}/"), 1),
                None => String::new(),
            }))
        })
        .collect();
    let mut by: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        let key = settled[i].unwrap_or(c.subject).as_str();
        if !key.is_empty() {
            by.entry(key).or_default().push(i);
        }
    }
    let borrowed = borrow(claims, &mut by);
    by.into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(k, mut v)| {
            v.sort_by(|&a, &b| {
                let (x, y) = (&claims[a], &claims[b]);
                x.value
                    .interval
                    .lo()
                    .total_cmp(&y.value.interval.lo())
                    .then(x.value.interval.hi().total_cmp(&y.value.interval.hi()))
                    .then(x.doc.cmp(&y.doc))
                    .then(x.start.cmp(&y.start))
            });
            // In index order, for `binary_search` (the members are in value order).
            let mut lent: Vec<usize> =
                v.iter().copied().filter(|i| borrowed.binary_search(i).is_ok()).collect();
            lent.sort_unstable();
            Group { subject: k.to_string(), claims: v, borrowed: lent }
        })
        .collect()
}

/// Whether two claims of one group may be judged against each other: they are about
/// the same time (a running fact at two disjoint as-of times is a timeline), their
/// sentences share a content word, and they measure the same thing.
pub fn comparable(a: &Claim, b: &Claim) -> bool {
    same_time(a, b)
        && same_reading(a, b)
        && same_period(a, b)
        && same_era(a, b)
        && words_overlap(a, b)
        && same_measured(a, b)
        && same_scope(a, b)
        && same_magnitude(a, b)
}

/// A total over a period ("5,000 so far", "5,470 in five days") is not one day's
/// count ("1,300 on Sunday alone"): when either is pinned to a single day, both must
/// be totals or neither.
pub fn same_period(a: &Claim, b: &Claim) -> bool {
    let one_day = |c: &Claim| c.context.explicit_time && c.time.is_some_and(|t| t.hi() - t.lo() <= 1.0);
    a.label.is_some() || a.context.cumulative == b.context.cumulative || !(one_day(a) || one_day(b))
}

/// A count read at a clock time ("as of 9:15 a.m.") is a snapshot of a count that
/// grows through the day: it is compared only with a count read at the same time.
pub fn same_reading(a: &Claim, b: &Claim) -> bool {
    a.label.is_some() || a.context.read_at == b.context.read_at
}

/// Figures more than ten times apart are rarely two reports of one fact (a slipped
/// digit or a dropped zero stays within ten): "38 cancellations" at one airline and
/// "more than 6,000" in all. Only a scope both clauses name, or a curated subject,
/// makes them comparable. A range's size is its geometric middle: "thousands" (one
/// to ten thousand) is about 3,000, within ten of "450".
pub fn same_magnitude(a: &Claim, b: &Claim) -> bool {
    if a.label.is_some() || !matches!(a.kind, Kind::Count | Kind::Money | Kind::Quantity) {
        return true;
    }
    // A converted measure's figure as written is in another unit than the group's.
    let size = |c: &Claim| match c.value.nominal.get().filter(|_| c.value.base.is_none()) {
        Some((v, _)) => v.abs(),
        None => {
            let i = &c.value.interval;
            match (i.low().is_some(), i.high().is_some()) {
                (true, true) if i.lo() > 0.0 => (i.lo() * i.hi()).sqrt(),
                (_, true) => i.hi().abs(),
                _ => i.lo().abs(),
            }
        }
    };
    let (x, y) = (size(a), size(b));
    let (lo, hi) = (x.min(y), x.max(y));
    hi <= 10.0 * lo || same_names(a.context.scope(), b.context.scope())
}

/// Both scopes are named and each name meets one on the other side: "Kula" and "the
/// Kula Fire", not "the Kula Fire" and "Lahaina and Kula" together.
fn same_names(x: &[Name], y: &[Name]) -> bool {
    let covered = |p: &[Name], q: &[Name]| p.iter().all(|e| q.iter().any(|f| names_meet(e, f)));
    !x.is_empty() && !y.is_empty() && covered(x, y) && covered(y, x)
}

/// A name and its adjective meet ("Kenya" and "Kenyan", "Hawaii" and "Hawaiian"), and
/// a name meets a longer name that holds all its words ("Fortune" and "US Fortune",
/// "Kula" and "Kula Fire"). A long name misspelt by one letter is still the name
/// ("Lahainna" for "Lahaina"): shorter ones are other names too often ("Iran" and
/// "Iraq").
fn names_meet(e: &str, f: &str) -> bool {
    let word_meets = |e: &str, f: &str| {
        let (short, long) = if e.len() <= f.len() { (e, f) } else { (f, e) };
        short == long
            || (short.len() >= 4 && long.starts_with(short) && long.len() - short.len() <= 3)
            || (short.len() >= MISSPELT && one_edit(short.as_bytes(), long.as_bytes()))
    };
    let within =
        |short: &str, long: &str| short.split(' ').all(|w| long.split(' ').any(|v| word_meets(w, v)));
    within(e, f) || within(f, e)
}

/// The shortest word that a one-letter slip still names ([`names_meet`]).
const MISSPELT: usize = 7;

/// Whether `long` is `short` with one letter added, dropped or changed, or two
/// neighbours swapped.
fn one_edit(short: &[u8], long: &[u8]) -> bool {
    let head = short.iter().zip(long).take_while(|(a, b)| a == b).count();
    let (s, l) = (&short[head..], &long[head..]);
    match l.len() - s.len() {
        0 => s.is_empty() || s[1..] == l[1..] || (s.len() >= 2 && s[..2] == [l[1], l[0]] && s[2..] == l[2..]),
        1 => s == &l[1..],
        _ => false,
    }
}

/// Both clauses name a scope and the scopes are disjoint: one airline's delays are not
/// all airlines', a town's toll not its island's.
pub fn same_scope(a: &Claim, b: &Claim) -> bool {
    if a.label.is_some() {
        return true;
    }
    let (x, y) = (a.context.scope(), b.context.scope());
    if a.unit.as_deref() == Some(crate::normalize::AGE) {
        // An age is some person's: with no name on both sides it says nothing of whom
        // (its scope is the person an apposition names, see `normalize`).
        return x.iter().any(|e| y.iter().any(|f| same_person(e, f)));
    }
    x.is_empty() || y.is_empty() || x.iter().any(|e| y.iter().any(|f| names_meet(e, f)))
}

/// "Joe Schilling" and "Joseph Schilling": one family name and one first initial.
/// "Mary Smith" and "John Smith" are two people.
fn same_person(e: &str, f: &str) -> bool {
    fn parts(n: &str) -> (Option<char>, Option<&str>, usize) {
        (n.chars().next(), n.rsplit(' ').next(), n.split(' ').count())
    }
    let ((ei, el, en), (fi, fl, fnn)) = (parts(e), parts(f));
    e == f || (en > 1 && fnn > 1 && el == fl && ei == fi)
}

/// A date or figure from long before the other's article is history to it ("the
/// 2018 fire, which killed 85" against this year's toll), not the same fact: a date
/// over a year older than its own article is not compared with a recent one, and a
/// figure pinned to a time over a year before the other's (undated) article is not
/// compared with it.
pub fn same_era(a: &Claim, b: &Claim) -> bool {
    const YEAR: f64 = 365.0;
    if a.kind == Kind::Date {
        let old = |c: &Claim| c.reference.is_some_and(|r| c.value.interval.hi() < f64::from(r.get()) - YEAR);
        return old(a) == old(b);
    }
    let pinned_before = |x: &Claim, y: &Claim| match (
        x.context.explicit_time,
        y.context.explicit_time,
        x.time,
        y.reference.map(|r| f64::from(r.get())),
    ) {
        (true, false, Some(t), Some(r)) => t.hi() < r - YEAR,
        _ => false,
    };
    !pinned_before(a, b) && !pinned_before(b, a)
}

/// Both claims name who gives the figure, and the bodies differ: their values are
/// differing estimates, not a conflict.
pub fn different_bodies(a: &Claim, b: &Claim) -> bool {
    matches!((&a.context.attribution, &b.context.attribution), (Some(x), Some(y)) if x != y)
}

/// Shares of different things are different facts ("80% of the capital" vs "20% of
/// the countryside"); a proper name on one side ("85% of Port-au-Prince") may name
/// the other's common noun, so only two different common nouns block.
pub fn same_measured(a: &Claim, b: &Claim) -> bool {
    match (&a.context.measured, &b.context.measured) {
        (Some(x), Some(y)) => {
            x == y
                || x.chars().next().is_some_and(char::is_uppercase)
                || y.chars().next().is_some_and(char::is_uppercase)
        }
        _ => true,
    }
}

/// The two sentences share a content word (curated subjects are trusted as they are):
/// "the mission began in June" and "officers began patrolling ... in June" share
/// "mission"; the start of a mission and the start of an assembly share nothing.
pub fn words_overlap(a: &Claim, b: &Claim) -> bool {
    if a.label.is_some() {
        return true;
    }
    let shared = a.context.words().shared(b.context.words());
    // A key with no event cue is only a unit ("people"), and a date's or a duration's
    // key is only an event class ("released"): they need more in common (what was
    // released). Durations are mostly time frames ("in the last 25 years"), and a
    // share keyed by its event has lost what it is a share of.
    let weak = a.context.event.is_none() && matches!(a.kind, Kind::Count | Kind::Money) && !transposed(a, b);
    let event_only = matches!(a.kind, Kind::Date | Kind::Duration)
        || (a.kind == Kind::Percent && a.context.event.is_some());
    let needed = if weak || event_only { 3 } else { 1 };
    shared >= needed
}

/// Two exact whole figures written with the same digits in another order ("46" and
/// "64", "1,386" and "1,368"): the classic slip of a copy, rarely two facts.
fn transposed(a: &Claim, b: &Claim) -> bool {
    // Each digit's count, for a whole figure from 10 up to where f64 is exact.
    let digits = |c: &Claim| -> Option<[u8; 10]> {
        let i = &c.value.interval;
        let v = i.low().filter(|&l| Some(l) == i.high() && l.fract() == 0.0 && (10.0..1e15).contains(&l))?;
        let (mut n, mut x) = ([0u8; 10], v as u64);
        while x > 0 {
            n[(x % 10) as usize] += 1;
            x /= 10;
        }
        Some(n)
    };
    a.value.interval != b.value.interval && digits(a).is_some_and(|d| Some(d) == digits(b))
}

/// False when both claims carry explicit, disjoint as-of times (dates are fixed
/// facts: their value is their time).
pub fn same_time(a: &Claim, b: &Claim) -> bool {
    if a.kind == Kind::Date {
        // Times of day of one event fall within a day of each other ("6:30 a.m." on
        // Aug. 8 is not the 6:34 of a report a year later that names no day).
        return match (a.value.interval.instant(), b.value.interval.instant()) {
            (Some(x), Some(y)) => (x - y).abs() < 1.0,
            _ => true,
        };
    }
    // A figure as of a day after the other's article was published is news that
    // article could not have had: "delayed about 420 on Monday" is not Friday's
    // count, whatever Friday's article left undated.
    let after_article = |x: &Claim, y: &Claim| {
        x.context.explicit_time
            && matches!((x.time, y.reference), (Some(t), Some(r)) if t.lo() >= f64::from(r.get()) + 1.0)
    };
    if after_article(a, b) || after_article(b, a) {
        return false;
    }
    // "Has risen to 80" on Friday and "has reached 93" on Saturday: two days' tolls.
    if a.context.current && b.context.current && a.reference != b.reference {
        return false;
    }
    // "Has risen to 80" and "was later raised to 93": two moments of a toll on the
    // move, whichever day each was written.
    if a.context.revised && b.context.revised {
        return false;
    }
    match (a.time, b.time) {
        (Some(x), Some(y)) => overlaps_days(&x, &y),
        _ => true,
    }
}

fn overlaps_days(x: &Interval, y: &Interval) -> bool {
    // Day spans are half-open: [d, d+1).
    x.lo() < y.hi() && y.lo() < x.hi()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Context, Modality, Qualifier, Role, Value};

    pub(crate) fn claim(doc: u32, v: f64, time: Option<(f64, f64)>, ents: &[&str]) -> Claim {
        Claim {
            id: crate::hash::ClaimId::of(&[&doc.to_string(), &v.to_string()]),
            doc,
            start: 0,
            end: 1,
            span: (0, 1),
            line: 1,
            column: 1,
            sentence: (0, 1),
            kind: Kind::Count,
            value: Value { interval: Interval::point(v), nominal: None.into(), iso: None, base: None },
            unit: Some("officer".into()),
            qualifier: Qualifier::Exact,
            role: Role::Total,
            modality: Modality::Actual,
            subject: "count/officer/-/total/actual".into(),
            label: None,
            running: true,
            time: time.map(|(a, b)| Interval::half_open(a, b)),
            context: {
                let mut c = Context { event: Some("deploy".into()), ..Default::default() };
                c.set_names(&ents.iter().map(|&s| Name::new(s)).collect::<Vec<_>>(), &[]);
                c.set_words(["deploy"]);
                c
            },
            weekday_mismatch: None,
            reference: None,
        }
    }

    #[test]
    fn weak_keys_need_more_shared_words() {
        let with = |kind: Kind, event: Option<&str>, words: &[&str]| {
            let mut c = claim(0, 6.0, None, &[]);
            c.kind = kind;
            c.context.event = event.map(Name::new);
            c.context.set_words(words.iter().copied());
            c
        };
        let one = ["deploy"];
        let three = ["deploy", "mission", "kenya"];
        let cases = [
            // A count with an event cue: one shared word will do.
            (Kind::Count, Some("deploy"), &one[..], true),
            // Near-miss: with no event, a count's key is only its unit.
            (Kind::Count, None, &one[..], false),
            (Kind::Count, None, &three[..], true),
            // Dates and durations ("for six years", "in the last 25 years") are
            // often time frames of something else: they need three.
            (Kind::Date, Some("deploy"), &one[..], false),
            (Kind::Duration, Some("deploy"), &one[..], false),
            (Kind::Duration, Some("deploy"), &three[..], true),
            // A share keyed by its event ("37% approved") says nothing of what it is a
            // share of; one keyed by its base ("45% of GDP") does.
            (Kind::Percent, Some("deploy"), &one[..], false),
            (Kind::Percent, None, &one[..], true),
        ];
        for (kind, event, words, want) in cases {
            let (a, b) = (with(kind, event, words), with(kind, event, words));
            assert_eq!(words_overlap(&a, &b), want, "{kind:?} {event:?} {words:?}");
        }
    }

    #[test]
    fn transposed_digits_need_only_one_shared_word() {
        let count = |v: f64| {
            let mut c = claim(0, v, None, &[]);
            c.context.event = None;
            c.context.set_words(["trunk"]);
            c
        };
        let cases = [
            // "46 major trunks" against "64 main trunks": a copy's slip.
            (46.0, 64.0, true),
            (1386.0, 1368.0, true),
            // Near-misses: other digits, one figure twice, a figure too small to slip.
            (46.0, 65.0, false),
            (46.0, 46.0, false),
            (4.6, 6.4, false),
            (100.0, 10.0, false),
        ];
        for (x, y, want) in cases {
            assert_eq!(words_overlap(&count(x), &count(y)), want, "{x} {y}");
        }
    }

    #[test]
    fn vague_plurals_are_sized_by_their_middle() {
        let mut thousands = claim(0, 0.0, None, &[]);
        thousands.value.interval = Interval::closed(1000.0, 10000.0);
        let mut about = claim(1, 450.0, None, &[]);
        about.value.nominal = Some((450.0, None)).into();
        // "thousands of lawsuits" is about 3,000: within ten of "roughly 450".
        assert!(same_magnitude(&thousands, &about));
        // Near-miss: "38" is more than ten times below it.
        assert!(!same_magnitude(&thousands, &claim(1, 38.0, None, &[])));
    }

    #[test]
    fn time_and_entities_decide_comparability() {
        let july = Some((10.0, 41.0));
        let jan = Some((200.0, 231.0));
        // Positive: same time, shared entity.
        assert!(comparable(&claim(0, 400.0, july, &["haiti"]), &claim(1, 600.0, july, &["haiti", "kenya"])));
        // Near-miss: the same figure pair at two disjoint times is a timeline.
        assert!(!comparable(&claim(0, 400.0, july, &["haiti"]), &claim(1, 600.0, jan, &["haiti"])));
        // One side undated: compared.
        assert!(comparable(&claim(0, 400.0, july, &[]), &claim(1, 600.0, None, &[])));
        // Near-miss: shares of two different things.
        let (mut x, mut y) = (claim(0, 80.0, None, &[]), claim(1, 85.0, None, &[]));
        x.context.measured = Some("capital".into());
        y.context.measured = Some("countryside".into());
        assert!(!comparable(&x, &y));
        y.context.measured = Some("Port-au-Prince".into());
        assert!(comparable(&x, &y));
        // Scopes: a name meets its adjective; two places do not meet.
        let (mut x, mut y) = (claim(0, 400.0, None, &[]), claim(1, 600.0, None, &[]));
        x.context.set_scope(&["kenya".into()]);
        y.context.set_scope(&["kenyan".into()]);
        assert!(comparable(&x, &y));
        y.context.set_scope(&["uganda".into()]);
        assert!(!comparable(&x, &y));
        // A name meets a longer name holding its words; two fires do not meet.
        x.context.set_scope(&["kula".into()]);
        y.context.set_scope(&["kula fire".into()]);
        assert!(comparable(&x, &y));
        x.context.set_scope(&["olinda fire".into()]);
        assert!(!comparable(&x, &y));
        // A total over a period is not one day's count; two totals are compared.
        let sunday = Some((100.0, 101.0));
        let (mut x, mut y) = (claim(0, 1300.0, sunday, &[]), claim(1, 5000.0, None, &[]));
        x.context.explicit_time = true;
        y.context.cumulative = true;
        assert!(!comparable(&x, &y));
        x.context.cumulative = true;
        assert!(comparable(&x, &y));
        // Snapshots: counts read at different clock times are not compared.
        let (mut x, mut y) = (claim(0, 1386.0, None, &[]), claim(1, 1848.0, None, &[]));
        x.context.read_at = Some("9:15 a.m.".into());
        assert!(!comparable(&x, &y));
        y.context.read_at = Some("11 a.m.".into());
        assert!(!comparable(&x, &y));
        y.context.read_at = Some("9:15 a.m.".into());
        assert!(comparable(&x, &y));
        // Figures ten times apart need a scope both sides name.
        let (x, mut y) = (claim(0, 38.0, None, &[]), claim(1, 6000.0, None, &[]));
        assert!(!comparable(&x, &y));
        y.value.interval = Interval::point(380.0);
        assert!(comparable(&x, &y), "a dropped zero is still a conflict");
        let (mut x, mut y) = (claim(0, 38.0, None, &[]), claim(1, 6000.0, None, &[]));
        x.context.set_scope(&["delta".into()]);
        y.context.set_scope(&["delta".into()]);
        assert!(comparable(&x, &y));
        // Dates: an event class is weak, they need three words in common (what was
        // released, not only "released").
        let (mut x, mut y) = (claim(0, 400.0, None, &[]), claim(1, 410.0, None, &[]));
        x.kind = Kind::Date;
        y.kind = Kind::Date;
        x.context.set_words(["list", "name", "releas"]);
        y.context.set_words(["list", "releas"]);
        assert!(!comparable(&x, &y));
        y.context.set_words(["list", "name", "releas"]);
        assert!(comparable(&x, &y));
        // Near-miss: sentences with no content word in common.
        let mut other = claim(1, 600.0, None, &[]);
        other.context.set_words(["assembly"]);
        assert!(!comparable(&claim(0, 400.0, None, &[]), &other));
    }

    #[test]
    fn a_long_name_misspelt_by_one_letter_is_the_name() {
        for (e, f) in [
            ("lahainna", "lahaina fire"),
            ("lahiana", "lahaina"),
            ("lahaina", "lahaima"),
            ("crowdstrik", "crowdstrike"),
            ("kenyan", "kenya"),
        ] {
            assert!(names_meet(e, f), "{e} / {f}");
        }
        // Near-misses: a short name, two letters apart, or another word of the name.
        for (e, f) in [("iran", "iraq"), ("austria", "australia"), ("lahaina", "kula fire"), ("maui", "oahu")]
        {
            assert!(!names_meet(e, f), "{e} / {f}");
        }
        assert!(one_edit(b"", b"a") && one_edit(b"ab", b"ba") && !one_edit(b"abc", b"cab"));
    }

    #[test]
    fn figures_dated_after_the_other_article_are_other_news() {
        const FRI: i32 = 739_000;
        let fri = f64::from(FRI);
        let mut friday = claim(0, 1500.0, None, &[]);
        friday.reference = crate::model::Day::new(FRI);
        let mut monday = claim(1, 420.0, Some((fri + 3.0, fri + 4.0)), &[]);
        monday.reference = crate::model::Day::new(FRI + 3);
        monday.context.explicit_time = true;
        assert!(!same_time(&friday, &monday) && !same_time(&monday, &friday));
        // Near-miss: Friday's count told on Monday is Friday's fact.
        monday.time = Some(Interval::half_open(fri, fri + 1.0));
        assert!(same_time(&friday, &monday));
    }

    #[test]
    fn times_of_day_a_day_apart_or_more_are_other_events() {
        let time = |v: f64| {
            let mut c = claim(0, 0.0, None, &[]);
            c.kind = Kind::Date;
            c.value.interval = Interval::point(v);
            c
        };
        let aug8 = 739_000.0 + 6.5 / 24.0;
        assert!(same_time(&time(aug8), &time(aug8 + 0.01)));
        assert!(!same_time(&time(aug8), &time(aug8 + 400.0)));
        // Near-miss: whole days are dates, compared whatever their distance.
        let mut day = time(739_000.0);
        day.value.interval = Interval::half_open(739_000.0, 739_001.0);
        assert!(same_time(&day, &time(aug8 + 400.0)));
    }

    #[test]
    fn two_current_figures_of_different_days_are_a_timeline() {
        const FRI: f64 = 739_000.0;
        let current = |day: f64| {
            let mut c = claim(0, 80.0, Some((day - 1.0, day + 1.0)), &[]);
            c.reference = crate::model::Day::new(day as i32);
            c.context.current = true;
            c
        };
        assert!(!same_time(&current(FRI), &current(FRI + 1.0)));
        assert!(same_time(&current(FRI), &current(FRI)));
        // Near-miss: against an undated figure a day apart, still compared.
        let mut undated = current(FRI + 1.0);
        undated.context.current = false;
        assert!(same_time(&current(FRI), &undated));
    }

    #[test]
    fn two_revisions_of_a_running_figure_are_a_timeline() {
        let revised = |v: f64, moved: bool| {
            let mut c = claim(0, v, Some((739_000.0, 739_001.0)), &[]);
            c.context.revised = moved;
            c
        };
        assert!(!same_time(&revised(80.0, true), &revised(93.0, true)));
        // Near-miss: a revision against a plain report of that day is compared.
        assert!(same_time(&revised(80.0, true), &revised(93.0, false)));
    }

    #[test]
    fn ages_meet_only_on_one_named_person() {
        let age = |scope: &[&str]| {
            let mut c = claim(0, 71.0, None, &[]);
            c.kind = Kind::Quantity;
            c.unit = Some(crate::normalize::AGE.into());
            c.context.set_scope(&scope.iter().map(|&s| Name::new(s)).collect::<Vec<_>>());
            c
        };
        assert!(same_scope(&age(&["harold brenner"]), &age(&["hal brenner"])));
        assert!(same_scope(&age(&["brenner"]), &age(&["brenner"])));
        // Near-misses: another first initial, another family name, no name at all.
        assert!(!same_scope(&age(&["harold brenner"]), &age(&["martha brenner"])));
        assert!(!same_scope(&age(&["harold brenner"]), &age(&["harold bremer"])));
        assert!(!same_scope(&age(&[]), &age(&["hal brenner"])));
        assert!(!same_scope(&age(&[]), &age(&[])));
    }

    #[test]
    fn implied_units_settle_on_their_block() {
        assert_eq!(block_of("count/flight/cancel/total/actual"), "count/cancel/total/actual");
        assert_eq!(block_of("count/*/cancel/total/actual"), "count/cancel/total/actual");
        assert_eq!(block_of("date/cancel/total/actual"), "date/cancel");
        assert_eq!(block_of("date/sign/total/target"), block_of("date/sign/total/actual"));
        assert_eq!(block_of("count/people/-/total/actual"), "count/people/-/total/actual");
        let mut flights = claim(0, 4180.0, None, &[]);
        flights.subject = "count/flight/cancel/total/actual".into();
        let mut elided = claim(1, 2413.0, None, &[]);
        elided.subject = "count/*/cancel/total/actual".into();
        elided.unit = None;
        // Near-misses: another event's implied count, and one with no unit to fall
        // back on, stay apart.
        let mut delays = claim(2, 12700.0, None, &[]);
        delays.subject = "count/*/delay/total/actual".into();
        delays.unit = Some("delay".into());
        let mut lost = claim(3, 7.0, None, &[]);
        lost.subject = "count/*/kill/total/actual".into();
        lost.unit = None;
        let groups = group(&[flights, elided, delays, lost]);
        let got: Vec<(&str, &[usize])> = groups.iter().map(|g| (g.subject.as_str(), &g.claims[..])).collect();
        assert_eq!(
            got,
            [("count/delay/delay/total/actual", &[2][..]), ("count/flight/cancel/total/actual", &[1, 0][..])]
        );
    }

    #[test]
    fn amounts_with_no_event_borrow_the_one_event_they_agree_with() {
        let money = |doc: u32, v: f64, key: &str| {
            let mut c = claim(doc, v, None, &[]);
            c.kind = Kind::Money;
            c.subject = key.into();
            c.context.event = None;
            c.context.set_words(["card", "gift", "uber"]);
            c
        };
        let lent = money(0, 10.0, "money/USD/-/total/actual/e1");
        let sent = money(1, 10.0, "money/USD/deploy/total/actual");
        let g = group(&[lent.clone(), sent.clone()]);
        assert_eq!(g.len(), 1);
        assert_eq!(
            (g[0].subject.as_str(), g[0].borrowed.clone()),
            ("money/USD/deploy/total/actual", vec![0])
        );
        assert_eq!(block_of("money/USD/-/total/actual/e1"), block_of("money/USD/deploy/total/actual"));
        // Near-misses: a figure it does not agree with lends nothing, and neither do
        // two events at once; a claim of its own article lends nothing either.
        assert_eq!(group(&[lent.clone(), money(1, 15.0, "money/USD/deploy/total/actual")]).len(), 2);
        let paid = money(2, 10.0, "money/USD/fund/total/actual");
        assert_eq!(group(&[lent.clone(), sent.clone(), paid]).len(), 3);
        assert_eq!(group(&[lent, money(0, 10.0, "money/USD/deploy/total/actual")]).len(), 2);
        // The borrowed are listed by index, whatever their values' order (compare
        // looks them up by binary search).
        let mut range = money(1, 10.0, "money/USD/deploy/total/actual");
        range.value.interval = Interval::closed(10.0, 13.0);
        let (twelve, eleven) =
            (money(0, 12.0, "money/USD/-/total/actual/e1"), money(2, 11.0, "money/USD/-/total/actual/e1"));
        let g = group(&[twelve, eleven, range]);
        assert_eq!((g.len(), g[0].claims.clone(), g[0].borrowed.clone()), (1, vec![2, 1, 0], vec![0, 1]));
    }

    #[test]
    fn groups_sorted_by_value_and_keyless_claims_dropped() {
        let mut a = claim(1, 600.0, None, &[]);
        let b = claim(0, 400.0, None, &[]);
        let mut c = claim(2, 5.0, None, &[]);
        c.subject = Name::default();
        a.doc = 1;
        let g = group(&[a, b, c]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].claims, vec![1, 0]);
    }
}
