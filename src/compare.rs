//! Stage 5: within each group, clusters of compatible values and the findings
//! between them.
//!
//! Claims are swept in value order; a cluster keeps the intersection of its members'
//! intervals, so every member is compatible with every other. A cluster held by two
//! or more independent sources is an agreement; two clusters whose members are
//! comparable (same time, same entities) are a conflict, or a discrepancy when the
//! gap is within rounding. Running facts at disjoint as-of times form a timeline.

use rayon::prelude::*;

use crate::group::{Group, comparable, different_bodies, same_time};
use crate::load::Text;
use crate::model::{Claim, Finding, Interval, Kind, Qualifier, Status};
use crate::rules::{Rules, Tolerance};

/// How many clusters above it one cluster is judged against (see [`judge`]).
const LOOKAHEAD: usize = 8;

/// What compare needs to know of each document.
pub struct DocView<'a> {
    /// The display path.
    pub path: &'a str,
    /// The decoded text, or the sentences of it that were kept (for sentences in ids
    /// and messages).
    pub text: &'a Text,
    /// Independent source id (near-duplicates share one).
    pub source: usize,
}

/// All findings of all groups, plus weekday mismatches, sorted.
pub fn compare(claims: &[Claim], groups: &[Group], docs: &[DocView], rules: &Rules) -> Vec<Finding> {
    // Groups are independent: judged in parallel, concatenated in group order (and
    // sorted below), so the result does not depend on the number of threads.
    let mut out: Vec<Finding> = groups
        .par_iter()
        .map(|g| {
            let mut found = Vec::new();
            judge(g, claims, docs, rules, &mut found);
            found
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let slips = crate::copies::slips(claims, groups, docs, rules, &out);
    out.extend(slips);
    for (i, c) in claims.iter().enumerate() {
        if let Some(w) = &c.weekday_mismatch {
            let date = c.value.iso.unwrap_or_default();
            let msg = format!("“{}” says {w}, but {date} is a {}", text(c, docs), weekday_of(c));
            out.push(finding(
                Status::WeekdayMismatch,
                &c.subject,
                label_of(c),
                vec![i],
                claims,
                docs,
                rules,
                msg,
            ));
        }
    }
    sort_findings(&mut out, claims);
    // Identical findings in different articles (a syndicated sentence with the same
    // wrong weekday) hash alike: number the later ones, in report order.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for f in &mut out {
        let n = seen.entry(f.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            f.id = format!("{}-{n}", f.id);
        }
    }
    out
}

/// Sorts findings: flags first (by severity), then subject, then first claim position.
pub fn sort_findings(out: &mut [Finding], claims: &[Claim]) {
    out.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.status.cmp(&b.status))
            .then(a.subject.cmp(&b.subject))
            .then_with(|| first_pos(a, claims).cmp(&first_pos(b, claims)))
            .then(a.id.cmp(&b.id))
    });
}

fn first_pos(f: &Finding, claims: &[Claim]) -> (usize, u32) {
    f.claims.iter().map(|&i| (claims[i].doc_index(), claims[i].start)).min().unwrap_or_default()
}

fn weekday_of(c: &Claim) -> &'static str {
    crate::calendar::from_day_number(c.value.interval.lo())
        .map_or("?", |d| crate::calendar::weekday_name(chrono::Datelike::weekday(&d)))
}

fn text<'a>(c: &Claim, docs: &[DocView<'a>]) -> &'a str {
    &docs[c.doc_index()].text[c.text_range()]
}

/// A cluster: members and the intersection of their intervals.
struct Cluster {
    members: Vec<usize>,
    common: Interval,
}

fn judge(g: &Group, claims: &[Claim], docs: &[DocView], rules: &Rules, out: &mut Vec<Finding>) {
    let t = rules.tolerance;
    let mut clusters: Vec<Cluster> = Vec::new();
    for &i in &g.claims {
        let iv = claims[i].value.interval;
        let fits =
            clusters.iter_mut().rev().take(4).find(|cl| {
                agrees(&cl.common, &iv, claims[i].kind, t) && ranges_agree(cl, &claims[i], claims, t)
            });
        match fits {
            Some(cl) => {
                cl.common = narrow(&cl.common, &iv);
                cl.members.push(i);
            }
            None => clusters.push(Cluster { members: vec![i], common: iv }),
        }
    }
    let label = label_in(&claims[g.claims[0]], &g.subject);

    for cl in &clusters {
        if distinct_sources(&cl.members, claims, docs) >= 2 {
            let msg = format!(
                "{} independent sources agree: {}",
                distinct_sources(&cl.members, claims, docs),
                figures(&cl.members, claims, docs)
            );
            out.push(finding(
                Status::Agreement,
                &g.subject,
                label.clone(),
                cl.members.clone(),
                claims,
                docs,
                rules,
                msg,
            ));
        }
    }

    let mut timeline: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let classes: Vec<Classes> = clusters.iter().map(|cl| Classes::new(cl, g, claims, docs)).collect();
    // Each cluster is judged against the clusters above it in value order until one
    // disagrees with it (and at most LOOKAHEAD of them): A < B < C all disjoint give
    // A–B and B–C, not also A–C, so findings grow with the clusters, not their square.
    for a in 0..clusters.len() {
        for b in (a + 1..clusters.len()).take(LOOKAHEAD) {
            let (ca, cb) = (&clusters[a], &clusters[b]);
            let (xa, xb) = (&classes[a], &classes[b]);
            // Every member x of `ca` against every member y of `cb`, class by class: a
            // verdict per pair of classes, then which members meet a member of another
            // document under it (see [`Class::first_apart`]).
            let verdicts: Vec<Vec<Option<Verdict>>> = xa
                .list
                .iter()
                .map(|p| {
                    xb.list
                        .iter()
                        .map(|q| verdict(&claims[p.rep], &claims[q.rep], p.lent || q.lent, t))
                        .collect()
                })
                .collect();
            // A discrepancy when every conflicting pair differs by rounding only.
            let mut rounding_only = true;
            for (p, row) in xa.list.iter().zip(&verdicts) {
                for (q, v) in xb.list.iter().zip(row) {
                    // Whether some x of `p` and y of `q` are judged at all.
                    let meet = claims[p.rep].label.is_some()
                        || p.other[1].is_some()
                        || q.first_apart(p.home, false, 1).is_some();
                    if let (Some(Verdict::Conflict { rounding }), true) = (v, meet) {
                        rounding_only &= rounding;
                    }
                }
            }
            let x_hits = hits(
                ca,
                xb,
                |x, q| (verdicts[xa.of[x]][q], claims[ca.members[x]].label.is_some()),
                claims,
                docs,
            );
            let y_hits = hits(
                cb,
                xa,
                |y, p| (verdicts[p][xb.of[y]], claims[xa.list[p].rep].label.is_some()),
                claims,
                docs,
            );
            // x joins a list when its first y does, y when the first x meeting it does:
            // x in member order, y by that x, then in member order.
            let side = |slot: usize| {
                let x: Vec<usize> = (0..ca.members.len())
                    .filter(|&x| x_hits[x][slot].is_some())
                    .map(|x| ca.members[x])
                    .collect();
                let mut y: Vec<(usize, usize)> =
                    (0..cb.members.len()).filter_map(|y| y_hits[y][slot].map(|first| (first, y))).collect();
                y.sort_unstable();
                (x, y.into_iter().map(|(_, y)| cb.members[y]).collect::<Vec<usize>>())
            };
            let (tl_x, tl_y) = side(TIMELINE);
            timeline.extend(tl_x.into_iter().chain(tl_y));
            let (mut est_left, est_right) = side(ESTIMATES);
            let (mut left, right) = side(CONFLICT);
            if !est_left.is_empty() {
                let msg = format!(
                    "different bodies: {} vs {}",
                    attributed(&est_left, claims, docs),
                    attributed(&est_right, claims, docs)
                );
                est_left.extend(est_right);
                out.push(finding(
                    Status::Estimates,
                    &g.subject,
                    label.clone(),
                    est_left,
                    claims,
                    docs,
                    rules,
                    msg,
                ));
            }
            if left.is_empty() {
                continue;
            }
            let status = if rounding_only { Status::Discrepancy } else { Status::Conflict };
            let msg = format!("{} vs {}", figures(&left, claims, docs), figures(&right, claims, docs));
            left.extend(right);
            out.push(finding(status, &g.subject, label.clone(), left, claims, docs, rules, msg));
            break;
        }
    }
    if !timeline.is_empty() {
        let mut timeline: Vec<usize> = timeline.into_iter().collect();
        timeline.sort_by(|&a, &b| {
            let (x, y) = (&claims[a], &claims[b]);
            x.time
                .map_or(0.0, |t| t.lo())
                .total_cmp(&y.time.map_or(0.0, |t| t.lo()))
                .then(x.doc.cmp(&y.doc))
                .then(x.start.cmp(&y.start))
        });
        timeline.dedup();
        let msg = format!("changes over time: {}", figures(&timeline, claims, docs));
        out.push(finding(Status::Timeline, &g.subject, label, timeline, claims, docs, rules, msg));
    }
}

/// What a member x of one cluster and a member y of the cluster above it add to the
/// judgement of the two, besides nothing.
#[derive(Clone, Copy)]
enum Verdict {
    /// Both belong to the timeline: a running fact at two disjoint times.
    Timeline,
    /// Differing estimates of two named bodies.
    Estimates,
    /// A conflict; `rounding` when the gap is within rounding.
    Conflict { rounding: bool },
}

/// The slots of [`Verdict`]s in [`hits`].
const TIMELINE: usize = 0;
const ESTIMATES: usize = 1;
const CONFLICT: usize = 2;

impl Verdict {
    fn slot(self) -> usize {
        match self {
            Verdict::Timeline => TIMELINE,
            Verdict::Estimates => ESTIMATES,
            Verdict::Conflict { .. } => CONFLICT,
        }
    }
}

/// The verdict on x and y by everything but their documents (see
/// [`Class::first_apart`]); `lent` when either borrowed the group's event.
///
/// Clusters are built greedily: two members of different clusters may still agree
/// with each other. An amount of money with no event cue only ever agrees: "$5.5
/// billion" is a damage estimate in one sentence and a settlement in the next. A claim
/// that borrowed the group's event only ever agrees, too.
fn verdict(cx: &Claim, cy: &Claim, lent: bool, t: Tolerance) -> Option<Verdict> {
    if pair_agrees(cx, cy, t)
        || lent
        || (cx.kind == Kind::Money
            && cx.context.event.is_none()
            && cx.label.is_none()
            && !share_an_end(cx, cy, t))
    {
        return None;
    }
    if !comparable(cx, cy) {
        return (cx.running && !same_time(cx, cy)).then_some(Verdict::Timeline);
    }
    if different_bodies(cx, cy) {
        return Some(Verdict::Estimates);
    }
    Some(Verdict::Conflict { rounding: within_rounding(cx, cy, t) })
}

/// Whether [`verdict`] reads the same of two claims: everything it reads but the
/// document (whether a claim was lent the group's event is compared apart).
fn judged_alike(a: &Claim, b: &Claim) -> bool {
    a.kind == b.kind
        && a.qualifier == b.qualifier
        && a.running == b.running
        && a.value == b.value
        && a.time == b.time
        && a.reference == b.reference
        && a.label == b.label
        && a.unit == b.unit
        && a.context == b.context
}

/// Members of one cluster that [`verdict`] cannot tell apart. The near-identical
/// copies of an article mostly fall into one class, so two clusters are judged class
/// against class, and the members only looked up, not judged: the cost grows with the
/// members, not with the product of two clusters' members.
struct Class {
    /// The first member (a claim index), which stands for all.
    rep: usize,
    /// Whether the members borrowed the group's event.
    lent: bool,
    /// The first member's [`Home`].
    home: Home,
    /// The first member's position in its cluster.
    first: usize,
    /// The position of the first member in another document than the first's, and
    /// in another source.
    other: [Option<usize>; 2],
}

/// Where a claim is from: its document, and its source (near-duplicates are one).
#[derive(Clone, Copy)]
struct Home([usize; 2]);

/// How far apart two claims must be for a verdict: timelines and differing
/// estimates across documents; conflicts across sources, since copies of one article
/// at two places in it are one article's two figures (a figure a copy changed is
/// `copies`' to find).
fn level(v: Verdict) -> usize {
    usize::from(matches!(v, Verdict::Conflict { .. }))
}

impl Class {
    /// The position of the first member that a claim x from `home` is judged against
    /// (or that is judged against it) at `level`: within one article only a curated
    /// subject (`labelled`: x has a label) is strong enough for a finding.
    fn first_apart(&self, home: Home, labelled: bool, level: usize) -> Option<usize> {
        if labelled || self.home.0[level] != home.0[level] { Some(self.first) } else { self.other[level] }
    }
}

fn home(c: &Claim, docs: &[DocView]) -> Home {
    Home([c.doc_index(), docs[c.doc_index()].source])
}

/// A cluster's members in [`Class`]es.
struct Classes {
    list: Vec<Class>,
    /// The class of each member, by position.
    of: Vec<usize>,
}

impl Classes {
    fn new(cl: &Cluster, g: &Group, claims: &[Claim], docs: &[DocView]) -> Classes {
        let mut list: Vec<Class> = Vec::new();
        let mut of = Vec::with_capacity(cl.members.len());
        for (pos, &m) in cl.members.iter().enumerate() {
            let c = &claims[m];
            let lent = g.borrowed.binary_search(&m).is_ok();
            let k = match list.iter().position(|k| k.lent == lent && judged_alike(&claims[k.rep], c)) {
                Some(k) => {
                    let class = &mut list[k];
                    let at = home(c, docs);
                    for l in 0..2 {
                        if class.other[l].is_none() && class.home.0[l] != at.0[l] {
                            class.other[l] = Some(pos);
                        }
                    }
                    k
                }
                None => {
                    list.push(Class { rep: m, lent, home: home(c, docs), first: pos, other: [None; 2] });
                    list.len() - 1
                }
            };
            of.push(k);
        }
        Classes { list, of }
    }
}

/// For each member of cluster `own`, per verdict slot, the position of the first
/// member of the other cluster it is judged against under that verdict.
/// `verdict(member, class)` gives the verdict of a member and a class of the other
/// cluster, and whether the x of the pair has a label.
fn hits(
    own: &Cluster,
    other: &Classes,
    verdict: impl Fn(usize, usize) -> (Option<Verdict>, bool),
    claims: &[Claim],
    docs: &[DocView],
) -> Vec<[Option<usize>; 3]> {
    (0..own.members.len())
        .map(|m| {
            let at = home(&claims[own.members[m]], docs);
            let mut first = [None; 3];
            for (k, class) in other.list.iter().enumerate() {
                let (v, labelled) = verdict(m, k);
                if let Some(v) = v
                    && let Some(pos) = class.first_apart(at, labelled, level(v))
                {
                    let f: &mut Option<usize> = &mut first[v.slot()];
                    *f = Some(f.map_or(pos, |old| old.min(pos)));
                }
            }
            first
        })
        .collect()
}

/// Whether interval `b` is compatible with `a`: they touch, or they are exact figures
/// of which one is round and the gap is within the agreement tolerance.
pub fn agrees(a: &Interval, b: &Interval, kind: Kind, t: Tolerance) -> bool {
    if meets(a, b, kind) {
        return true;
    }
    if kind == Kind::Date {
        return round_times_agree(a, b);
    }
    if !matches!(kind, Kind::Count | Kind::Money | Kind::Quantity) {
        return false;
    }
    let big = written_end(a).max(written_end(b));
    let round = |i: &Interval| i.low() == i.high() && i.low().is_some_and(|v| is_round(v, 2));
    (round(a) || round(b)) && a.gap(b) <= t.agree * big
}

/// The largest written end of an interval, the scale of a tolerance: an open end
/// ("over 1 billion") is no figure, or every round figure would agree with it.
fn written_end(i: &Interval) -> f64 {
    [i.low(), i.high()].into_iter().flatten().fold(0.0, |m, v| m.max(v.abs()))
}

/// Whether two values of `kind` share a point. Days and years are half-open spans:
/// 2001 ends where 2002 begins, and the two do not meet. Figures are lenient at their
/// ends ("more than 3,500" meets 3,500).
pub fn meets(a: &Interval, b: &Interval, kind: Kind) -> bool {
    if kind == Kind::Date { a.overlaps(b) } else { a.touches(b) }
}

/// Times of day as reporters round them: "6:30 a.m." for an event another source puts
/// at 6:34. A time on the hour or half hour agrees with one within five minutes;
/// "6:22" against "6:30", or 9 a.m. against 10 a.m., still disagree.
fn round_times_agree(a: &Interval, b: &Interval) -> bool {
    const MINUTE: f64 = 1.0 / 1440.0;
    let on_half_hour = |v: f64| ((v.fract() / MINUTE).round() as i64) % 30 == 0;
    match (a.instant(), b.instant()) {
        (Some(x), Some(y)) => (on_half_hour(x) || on_half_hour(y)) && (x - y).abs() <= 5.0 * MINUTE + 1e-9,
        _ => false,
    }
}

/// A range the text states end to end ("2,000 to 3,000", "$540m to $1.8bn"), not a
/// vague plural's span ("thousands" is one to ten thousand, hi = 10 × lo): only
/// stated ranges are compared end by end, or "thousands" would conflict with
/// "2,000 to 3,000", which it holds.
fn stated_range(c: &Claim) -> bool {
    let i = &c.value.interval;
    c.qualifier == Qualifier::Range && (i.hi() - 10.0 * i.lo()).abs() > 1e-9 * i.hi().abs().max(1.0)
}

/// Whether two claims' values agree: two stated ranges end by end (see
/// [`ranges_agree`]), anything else by its interval.
pub(crate) fn pair_agrees(a: &Claim, b: &Claim, t: Tolerance) -> bool {
    if stated_range(a) && stated_range(b) {
        let (x, y) = (&a.value.interval, &b.value.interval);
        return close(x.lo(), y.lo(), t) && close(x.hi(), y.hi(), t);
    }
    agrees(&a.value.interval, &b.value.interval, a.kind, t)
}

/// Two ranges with one end in common and the other apart ("$540m to $1.8bn" and
/// "$540m to $1.08bn"): one estimate, misreported at one end — evidence enough that
/// they are about one thing even with no event named.
fn share_an_end(a: &Claim, b: &Claim, t: Tolerance) -> bool {
    let ranges = stated_range(a) && stated_range(b);
    let (x, y) = (&a.value.interval, &b.value.interval);
    ranges && (close(x.lo(), y.lo(), t) != close(x.hi(), y.hi(), t))
}

/// Two ranges given for one estimate are compared end by end ("$540m to $1.8bn" vs
/// "$540m to $1.08bn" conflict although they overlap).
fn ranges_agree(cl: &Cluster, c: &Claim, claims: &[Claim], t: Tolerance) -> bool {
    if !stated_range(c) {
        return true;
    }
    cl.members.iter().filter(|&&m| stated_range(&claims[m])).all(|&m| pair_agrees(&claims[m], c, t))
}

fn close(a: f64, b: f64, t: Tolerance) -> bool {
    (a - b).abs() <= t.agree * a.abs().max(b.abs())
}

/// Whether two disjoint claims differ only by rounding: exact figures of a counted
/// kind, one of them round, within the rounding tolerance.
pub fn within_rounding(a: &Claim, b: &Claim, t: Tolerance) -> bool {
    if !matches!(a.kind, Kind::Count | Kind::Money | Kind::Quantity) {
        return false;
    }
    let (x, y) = (&a.value.interval, &b.value.interval);
    if stated_range(a) && stated_range(b) {
        // Range against range, end by end: "$1.8bn" for "$1.08bn" is no rounding.
        let near = |p: f64, q: f64| (p - q).abs() <= t.rounding * p.abs().max(q.abs());
        return near(x.lo(), y.lo()) && near(x.hi(), y.hi());
    }
    match (exact_figure(a), exact_figure(b)) {
        (Some((p, pw)), Some((q, qw))) => {
            (is_round(pw, 1) || is_round(qw, 1)) && (p - q).abs() <= t.rounding * p.abs().max(q.abs())
        }
        _ => {
            // A hedged figure just outside the other's reach.
            let big = written_end(x).max(written_end(y));
            x.gap(y) <= t.rounding * big * 0.5
        }
    }
}

/// An exact figure in its group's unit, and as written: a converted measure's
/// interval is the written figure's precision ("60 feet" is 18.14 to 18.44 metres),
/// its middle the figure, its roundness that of the 60.
fn exact_figure(c: &Claim) -> Option<(f64, f64)> {
    let i = &c.value.interval;
    match c.value.nominal.get() {
        Some((w, None)) if c.value.base.is_some() && c.qualifier == Qualifier::Exact => {
            Some(((i.lo() + i.hi()) / 2.0, w))
        }
        _ => (i.low() == i.high()).then_some((i.lo(), i.lo())),
    }
}

/// A figure with at least `zeros` trailing zeros (in its leading digits' scale): 200,
/// 2,500, 1.2 million.
pub fn is_round(v: f64, zeros: u32) -> bool {
    if v == 0.0 || v.fract() != 0.0 {
        return false;
    }
    let mut n = v.abs() as u64;
    let mut z = 0;
    while n > 0 && n % 10 == 0 {
        n /= 10;
        z += 1;
    }
    z >= zeros
}

fn narrow(a: &Interval, b: &Interval) -> Interval {
    let (lo, li) = if a.lo() >= b.lo() { (a.low(), a.low_inclusive) } else { (b.low(), b.low_inclusive) };
    let (hi, hin) =
        if a.hi() <= b.hi() { (a.high(), a.high_inclusive) } else { (b.high(), b.high_inclusive) };
    if lo.unwrap_or(f64::NEG_INFINITY) > hi.unwrap_or(f64::INFINITY) {
        // Agreement by tolerance, not overlap: keep the first (the sweep is sorted).
        return *a;
    }
    Interval::new(lo, hi, li, hin)
}

fn distinct_sources(members: &[usize], claims: &[Claim], docs: &[DocView]) -> usize {
    let mut s: Vec<usize> = members.iter().map(|&m| docs[claims[m].doc_index()].source).collect();
    s.sort_unstable();
    s.dedup();
    s.len()
}

/// "“96” (county, a.txt:3)"
fn attributed(members: &[usize], claims: &[Claim], docs: &[DocView]) -> String {
    members
        .iter()
        .map(|&m| {
            let c = &claims[m];
            let who = c.context.attribution.as_deref().unwrap_or("?");
            format!("“{}” ({who}, {}:{})", text(c, docs), docs[c.doc_index()].path, c.line)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "400 (a.txt:3), about 400 (b.txt:7)"
pub(crate) fn figures(members: &[usize], claims: &[Claim], docs: &[DocView]) -> String {
    members
        .iter()
        .map(|&m| {
            let c = &claims[m];
            format!("“{}” ({}:{})", text(c, docs), docs[c.doc_index()].path, c.line)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Human words for a claim's subject.
pub fn label_of(c: &Claim) -> String {
    label_in(c, &c.subject)
}

/// The label of claim `c` judged under group key `subject` (a count whose unit was
/// implied is labelled with the unit its group settled on).
pub(crate) fn label_in(c: &Claim, subject: &str) -> String {
    if let Some(l) = &c.label {
        return l.to_string();
    }
    let parts: Vec<&str> = subject.split('/').collect();
    let nice = |s: &str| s.replace('-', "");
    match parts.as_slice() {
        ["date", ev, role, modality, rest @ ..] => {
            let mut s = format!("date of {ev}");
            push_role(&mut s, role, modality);
            if !rest.is_empty() {
                s.push_str(" (time of day)");
            }
            s
        }
        ["duration", ev, modality] => {
            let mut s = format!("length of {ev}");
            push_role(&mut s, "total", modality);
            s
        }
        [kind, unit, ev, role, modality, ..] => {
            let noun = match *kind {
                "money" => format!("amount in {unit}"),
                "quantity" if *unit == crate::normalize::AGE => "age".to_string(),
                "quantity" => format!("measure in {unit}"),
                _ => format!("number of {unit}"),
            };
            let mut s = if nice(ev).is_empty() { noun } else { format!("{noun}, {ev}") };
            push_role(&mut s, role, modality);
            s
        }
        ["percent", ev, modality] => {
            let mut s = format!("share, {ev}");
            push_role(&mut s, "total", modality);
            s
        }
        ["percent", measured, _, modality] => {
            let mut s = format!("share of {measured}");
            push_role(&mut s, "total", modality);
            s
        }
        // A claim no group holds, met as a copy's slip (see `copies`).
        [""] => {
            let noun = match c.kind {
                Kind::Count => "number",
                Kind::Percent => "share",
                Kind::Money => "amount",
                Kind::Quantity => "measure",
                Kind::Date => "date",
                Kind::Duration => "length of time",
            };
            format!("{noun} with no subject of its own")
        }
        _ => subject.to_string(),
    }
}

fn push_role(s: &mut String, role: &str, modality: &str) {
    let mut tags = Vec::new();
    if role != "total" {
        tags.push(role);
    }
    if modality == "target" {
        tags.push("pledged or planned");
    }
    if !tags.is_empty() {
        s.push_str(&format!(" ({})", tags.join(", ")));
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn finding(
    status: Status,
    subject: &str,
    label: String,
    mut members: Vec<usize>,
    claims: &[Claim],
    docs: &[DocView],
    rules: &Rules,
    message: String,
) -> Finding {
    members.sort_by_key(|&m| (claims[m].doc, claims[m].start));
    members.dedup();
    // The id hashes what the finding is about (status, subject, the sentences and
    // figures), not where: it survives renames and edits elsewhere in the articles.
    let mut parts: Vec<String> = members
        .iter()
        .map(|&m| {
            let c = &claims[m];
            format!("{}\u{1}{}", &docs[c.doc_index()].text[c.sentence_range()], text(c, docs))
        })
        .collect();
    parts.sort();
    let mut keys: Vec<&str> = vec![status.name(), subject];
    keys.extend(parts.iter().map(String::as_str));
    Finding {
        id: crate::hash::id("F", &keys),
        status,
        severity: rules.severity[&status],
        subject: subject.to_string(),
        label,
        sources: distinct_sources(&members, claims, docs),
        claims: members,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Tolerance {
        Tolerance { approx: 0.1, nearly: 0.1, rounding: 0.1, agree: 0.02 }
    }

    #[test]
    fn agreement_by_overlap_and_round_tolerance() {
        let p = Interval::point;
        // Positives
        assert!(agrees(&Interval::new(Some(5000.0), None, false, false), &p(5601.0), Kind::Count, t()));
        assert!(agrees(&Interval::closed(360.0, 440.0), &p(380.0), Kind::Count, t()));
        assert!(agrees(&p(200.0), &p(202.0), Kind::Count, t()));
        assert!(agrees(&Interval::new(Some(3500.0), None, false, false), &p(3500.0), Kind::Count, t()));
        // Near-misses
        assert!(!agrees(&p(80.0), &p(85.0), Kind::Percent, t()));
        assert!(!agrees(&p(200.0), &p(217.0), Kind::Count, t()));
        assert!(!agrees(&p(388.0), &p(389.0), Kind::Count, t()), "neither figure is round");
        assert!(!agrees(&p(400.0), &p(500.0), Kind::Count, t()));
        // An open end is no figure to scale the tolerance by: "$143 million" is not
        // "over 1 billion dollars", though it is round.
        let over = |v: f64| Interval::new(Some(v), None, false, false);
        assert!(!agrees(&over(1e9), &p(143e6), Kind::Money, t()));
        assert!(!agrees(&p(143e6), &over(1e9), Kind::Money, t()));
        assert!(agrees(&over(1e9), &p(990e6), Kind::Money, t()), "within the tolerance of 1 billion");
    }

    #[test]
    fn measures_meet_across_units_as_precisely_as_they_were_written() {
        let m = |text: &str| crate::normalize::tests::claims_of(text, "2024-05-01").remove(0);
        let pair = |a: &str, b: &str| {
            let (x, y) = (m(a), m(b));
            (pair_agrees(&x, &y, t()), within_rounding(&x, &y, t()))
        };
        // A conversion rounded as reporters round it meets its original.
        assert!(pair("The tree rises 60 feet.", "The tree rises 18.3 metres.").0);
        assert!(pair("The trail runs 5 miles.", "The trail runs 8 km.").0);
        assert!(pair("The ferry took 40 tons.", "The ferry took 40 tonnes.").0);
        // Near-misses: another length, one figure in two units, the next figure in
        // one unit (a rounding discrepancy, as before), two figures that are not round.
        assert_eq!(pair("The trail runs 5 miles.", "The trail runs 10 km."), (false, false));
        assert_eq!(pair("The tower is 400 feet tall.", "The tower is 400 metres tall."), (false, false));
        assert_eq!(pair("The tree rises 60 feet.", "The tree rises 61 feet."), (false, true));
        assert_eq!(pair("The hall is 37 metres long.", "The hall is 38 metres long."), (false, false));
    }

    #[test]
    fn times_of_day_round_to_the_half_hour() {
        let at = |h: f64, m: f64| Interval::point(739_000.0 + (h * 60.0 + m) / 1440.0);
        assert!(agrees(&at(6.0, 30.0), &at(6.0, 34.0), Kind::Date, t()));
        // Near-misses: neither on the half hour, or more than five minutes apart.
        assert!(!agrees(&at(6.0, 22.0), &at(6.0, 26.0), Kind::Date, t()));
        assert!(!agrees(&at(6.0, 22.0), &at(6.0, 30.0), Kind::Date, t()));
        assert!(!agrees(&at(9.0, 0.0), &at(10.0, 0.0), Kind::Date, t()));
    }

    #[test]
    fn adjacent_days_disagree() {
        let day = |d: f64| Interval::half_open(d, d + 1.0);
        assert!(!agrees(&day(8.0), &day(9.0), Kind::Date, t()));
        // Near-misses: a day within its month agrees, and so does one instant.
        assert!(agrees(&day(8.0), &Interval::half_open(0.0, 31.0), Kind::Date, t()));
        assert!(agrees(&Interval::point(8.5), &Interval::point(8.5), Kind::Date, t()));
    }

    #[test]
    fn vague_plurals_are_no_stated_ranges() {
        let range = |lo: f64, hi: f64| {
            let mut c = crate::group::tests::claim(0, lo, None, &[]);
            c.qualifier = Qualifier::Range;
            c.value.interval = Interval::closed(lo, hi);
            c
        };
        // "thousands" holds "2,000 to 3,000"; two stated ranges meet end by end.
        assert!(pair_agrees(&range(1000.0, 10000.0), &range(2000.0, 3000.0), t()));
        assert!(!pair_agrees(&range(540e6, 1.8e9), &range(540e6, 1.08e9), t()));
    }

    #[test]
    fn a_hedged_figure_just_outside_is_within_rounding() {
        let over = |v: f64| {
            let mut c = crate::group::tests::claim(0, v, None, &[]);
            c.qualifier = Qualifier::MoreThan;
            c.value.interval = Interval::new(Some(v), None, false, false);
            c
        };
        let point = |v: f64| crate::group::tests::claim(1, v, None, &[]);
        assert!(within_rounding(&over(3500.0), &point(3400.0), t()));
        // Near-miss: the open end is no reach; "over 1,000" is twice away from 500.
        assert!(!within_rounding(&over(1000.0), &point(500.0), t()));
    }

    #[test]
    fn roundness() {
        assert!(is_round(200.0, 2));
        assert!(is_round(1.2e6, 2));
        assert!(!is_round(217.0, 1));
        assert!(!is_round(2.5, 1));
    }
}
