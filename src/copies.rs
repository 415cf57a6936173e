//! Stage 5b: a figure changed between copies of one sentence.
//!
//! Syndicated copies and rewrites of one wire text repeat its sentences word for
//! word. Two claims whose sentences are the same but for the claim's own figure state
//! the same fact, whatever their keys can tell: a changed figure there is the slip of a
//! copy ("released the names of 388 people" and "... of 338 people"). It is flagged
//! even where the group's judgement would not compare the two: an amount with no
//! event, a share keyed by its event, a count whose key needs more shared words.
//!
//! Only claims of one block ([`block_of`]) are paired, so that a reduce over any
//! partition of the blocks finds the same slips as one run over the whole folder.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::compare::{DocView, figures, finding, is_round, label_in, pair_agrees, within_rounding};
use crate::group::{Group, block_of};
use crate::load::Text;
use crate::model::{Claim, Finding, Kind, Qualifier, Status};
use crate::rules::{Rules, Tolerance};

/// Fewest words the rest of a sentence needs to be evidence across sources: "He was
/// 25." and "Shares fell 3%." recur in unrelated articles. Between copies of one
/// article (near-duplicates, one source) a headline of any length is.
const MIN_WORDS: usize = 8;

/// How many claims of the copies' common figure one other figure is tried against.
const SCAN: usize = 64;

/// Frame (kind, text before, text after) → its claims, each with its group's key.
type Frames<'a> = HashMap<(Kind, &'a str, &'a str), Vec<(usize, &'a str)>>;

/// A claim's sentence around its figure: the text before it and the text after it.
pub fn frame<'a>(c: &Claim, text: &'a Text) -> (&'a str, &'a str) {
    let (s, t) = (c.sentence_range(), c.text_range());
    (&text[s.start..t.start], &text[t.end..s.end])
}

/// Whether two claims of different articles (`a` in text `ta`, `b` in `tb`) sit in
/// sentences that are the same but for their figures, and long enough for that to
/// say they state one fact (see [`evidence`]).
pub fn same_sentence(a: &Claim, ta: &Text, b: &Claim, tb: &Text, one_source: bool) -> bool {
    let (fa, fb) = (frame(a, ta), frame(b, tb));
    a.doc != b.doc && fa == fb && evidence(fa, one_source)
}

/// Whether a sentence around a figure is long enough to say that two copies of it
/// state one fact: MIN_WORDS words across sources, one word in copies of one article
/// (`one_source`). A line that is nothing but its figure ("6:40 a.m." heading an
/// entry of a timeline) says nothing of which fact it is.
fn evidence((before, after): (&str, &str), one_source: bool) -> bool {
    let words = before.split_whitespace().count() + after.split_whitespace().count();
    words >= MIN_WORDS || (one_source && words > 0)
}

/// Whether the pair may be a slip at all: one time read from the same words (a
/// "Thursday" of two weeks' articles is two days), and for a running figure one day
/// of writing (two days' copies of a wire story are an update, not a slip).
fn same_moment(a: &Claim, b: &Claim) -> bool {
    a.time == b.time && !(a.running && b.running && a.reference != b.reference)
}

/// Whether two copies' figures agree. Under one hedge the figure as written must be
/// the same: "more than 30,000" and "more than 90,000" overlap as intervals, but a
/// copy that changed one into the other changed the figure. Across hedges ("about
/// 400" and "400") the intervals decide, as in the groups.
fn copy_agrees(a: &Claim, b: &Claim, t: Tolerance) -> bool {
    if a.qualifier == b.qualifier {
        a.value.interval == b.value.interval && a.value.nominal == b.value.nominal
    } else {
        pair_agrees(a, b, t)
    }
}

/// Whether two copies' figures differ by rounding only: under one hedge, the figures
/// as written ("more than 30,000" against "more than 90,000" is no rounding, though
/// the intervals touch); across hedges, as in the groups.
fn copy_rounding(a: &Claim, b: &Claim, t: Tolerance) -> bool {
    match (stated(a), stated(b)) {
        (Some(p), Some(q)) if a.qualifier == b.qualifier && a.kind != Kind::Date => {
            (is_round(p, 1) || is_round(q, 1)) && (p - q).abs() <= t.rounding * p.abs().max(q.abs())
        }
        _ => within_rounding(a, b, t),
    }
}

/// The figure as written: the nominal one, else the end its hedge names ("up to
/// 16" is [0, 16]), else the point.
fn stated(c: &Claim) -> Option<f64> {
    let i = &c.value.interval;
    match (c.value.nominal.get(), c.qualifier) {
        (Some((v, None)), _) => Some(v),
        (_, Qualifier::AtMost | Qualifier::LessThan) => i.high(),
        (_, Qualifier::AtLeast | Qualifier::MoreThan) => i.low(),
        _ => i.low().filter(|_| i.low() == i.high()),
    }
}

/// Conflicts between copies of one sentence that `found` (the groups' findings) does
/// not already flag together.
pub fn slips(
    claims: &[Claim],
    groups: &[Group],
    docs: &[DocView],
    rules: &Rules,
    found: &[Finding],
) -> Vec<Finding> {
    // Claim → the flags holding it, to leave the pairs the groups flagged alone.
    let mut flags: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, f) in found.iter().enumerate().filter(|(_, f)| f.status.is_flag()) {
        for &c in &f.claims {
            flags.entry(c).or_default().push(k);
        }
    }
    let flagged = |x: usize, y: usize| {
        let (fx, fy) = (flags.get(&x), flags.get(&y));
        fx.zip(fy).is_some_and(|(a, b)| a.iter().any(|k| b.contains(k)))
    };
    // Block by block (in parallel, concatenated in block order): only one block's
    // frames are in memory at a time per thread.
    let loose = ungrouped(claims, groups);
    let mut blocks: BTreeMap<String, Vec<&Group>> = BTreeMap::new();
    for g in groups {
        blocks.entry(block_of(&g.subject)).or_default().push(g);
    }
    for (block, g) in &loose {
        blocks.entry(block.clone()).or_default().push(g);
    }
    blocks
        .par_iter()
        .map(|(_, gs)| block_slips(gs, claims, docs, rules, &flagged))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// The claims no group holds, by block (so that a reduce over blocks meets them as one
/// run does), each block's in one group with no subject: a date or a share with no
/// subject of its own ("On Friday at 04:09 UTC", "fell 3%") is never judged in a
/// group, but a copy of its sentence with another figure is still a slip.
fn ungrouped(claims: &[Claim], groups: &[Group]) -> Vec<(String, Group)> {
    let mut held = vec![false; claims.len()];
    for &i in groups.iter().flat_map(|g| &g.claims) {
        held[i] = true;
    }
    let mut by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate().filter(|&(i, _)| !held[i]) {
        by.entry(block_of(&c.subject)).or_default().push(i);
    }
    by.into_iter()
        .map(|(block, claims)| (block, Group { subject: String::new(), claims, borrowed: Vec::new() }))
        .collect()
}

/// The slips among the claims of one block's groups.
fn block_slips(
    groups: &[&Group],
    claims: &[Claim],
    docs: &[DocView],
    rules: &Rules,
    flagged: &(impl Fn(usize, usize) -> bool + Sync),
) -> Vec<Finding> {
    let t = rules.tolerance;
    // Frame → its claims, each with the key of the group it was judged in.
    let mut frames: Frames = HashMap::new();
    for g in groups {
        for &i in &g.claims {
            let c = &claims[i];
            let (before, after) = frame(c, docs[c.doc_index()].text);
            frames.entry((c.kind, before, after)).or_default().push((i, g.subject.as_str()));
        }
    }
    let mut out = Vec::new();
    let mut copies: Vec<_> = frames.iter().filter(|(_, m)| m.len() >= 2).collect();
    copies.sort_by_key(|(_, m)| m.iter().map(|&(i, _)| i).min());
    for (&(_, before, after), members) in copies {
        let mut members = members.clone();
        members.sort_by_key(|&(i, _)| (claims[i].doc, claims[i].start));
        // Figures that agree with a side's first, first member first.
        let mut sides: Vec<Vec<usize>> = Vec::new();
        for &(i, _) in &members {
            match sides.iter_mut().find(|s| copy_agrees(&claims[i], &claims[s[0]], t)) {
                Some(s) => s.push(i),
                None => sides.push(vec![i]),
            }
        }
        // The copies' most common figure stands for the text; every other figure
        // is paired with one of its claims it may be a slip of (a scan of at most
        // SCAN of them: a hundred copies of one sentence stay linear).
        let Some(main) = (0..sides.len()).max_by_key(|&k| (sides[k].len(), std::cmp::Reverse(k))) else {
            continue;
        };
        let slip = |x: usize, y: usize| {
            let (a, b) = (&claims[x], &claims[y]);
            let one_source = docs[a.doc_index()].source == docs[b.doc_index()].source;
            a.doc != b.doc && evidence((before, after), one_source) && same_moment(a, b) && !flagged(x, y)
        };
        let pairs: Vec<(usize, usize)> = (0..sides.len())
            .filter(|&k| k != main)
            .flat_map(|k| sides[k].iter().copied())
            .filter_map(|y| sides[main].iter().take(SCAN).find(|&&x| slip(x, y)).map(|&x| (x, y)))
            .collect();
        let Some(&(first, _)) = pairs.first() else { continue };
        let (left, right): (Vec<usize>, Vec<usize>) = {
            let mut held: Vec<usize> = pairs.iter().flat_map(|&(x, y)| [x, y]).collect();
            held.sort_by_key(|&i| (claims[i].doc, claims[i].start));
            held.dedup();
            let mut common = sides[main].clone();
            common.sort_unstable();
            held.into_iter().partition(|i| common.binary_search(i).is_ok())
        };
        let rounding = pairs.iter().all(|&(x, y)| copy_rounding(&claims[x], &claims[y], t));
        let status = if rounding { Status::Discrepancy } else { Status::Conflict };
        let subject = members.iter().find(|&&(i, _)| i == first).map_or("", |&(_, s)| s);
        let msg = format!(
            "{} vs {}: the same sentence but for the figure",
            figures(&left, claims, docs),
            figures(&right, claims, docs)
        );
        let label = label_in(&claims[first], subject);
        let held = left.into_iter().chain(right).collect();
        out.push(finding(status, subject, label, held, claims, docs, rules, msg));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::tests::claim;

    /// Two one-claim articles, texts `a` and `b`, each claim at its figure.
    fn pair(a: &str, b: &str, figure: (&str, &str)) -> (Vec<Claim>, Vec<Text>) {
        let mut claims = Vec::new();
        for (doc, (text, fig)) in [(a, figure.0), (b, figure.1)].into_iter().enumerate() {
            let at = text.find(fig).unwrap();
            let mut c = claim(crate::model::doc_number(doc), fig.parse().unwrap(), None, &[]);
            c.span = (crate::model::position(at), crate::model::position(at + fig.len()));
            c.sentence = (0, crate::model::position(text.len()));
            claims.push(c);
        }
        (claims, vec![Text::from(a), Text::from(b)])
    }

    fn views(texts: &[Text]) -> Vec<DocView<'_>> {
        texts.iter().enumerate().map(|(i, t)| DocView { path: "x.txt", text: t, source: i }).collect()
    }

    #[test]
    fn sentences_the_same_but_for_the_figure() {
        let lede = "Maui County released the names of 388 people who remain unaccounted for on Thursday.";
        let typo = lede.replace("388", "338");
        let (claims, texts) = pair(lede, &typo, ("388", "338"));
        assert!(same_sentence(&claims[0], &texts[0], &claims[1], &texts[1], false));
        // Near-miss: another word changed too, or too short to be evidence.
        let other = typo.replace("Thursday", "Friday");
        let (claims, texts) = pair(lede, &other, ("388", "338"));
        assert!(!same_sentence(&claims[0], &texts[0], &claims[1], &texts[1], false));
        let (claims, texts) = pair("He was 25.", "He was 52.", ("25", "52"));
        assert!(!same_sentence(&claims[0], &texts[0], &claims[1], &texts[1], false));
        // In two copies of one article, a short sentence is as good, but not a line
        // that is nothing but its figure.
        assert!(same_sentence(&claims[0], &texts[0], &claims[1], &texts[1], true));
        let (claims, texts) = pair("388", "338", ("388", "338"));
        assert!(!same_sentence(&claims[0], &texts[0], &claims[1], &texts[1], true));
    }

    #[test]
    fn a_changed_figure_is_a_slip_once() {
        let lede = "Maui County released the names of 388 people who remain unaccounted for on Thursday.";
        let (claims, texts) = pair(lede, &lede.replace("388", "338"), ("388", "338"));
        let groups =
            vec![Group { subject: claims[0].subject.to_string(), claims: vec![0, 1], borrowed: vec![] }];
        let rules = Rules::defaults();
        let found = slips(&claims, &groups, &views(&texts), &rules, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].status, Status::Conflict);
        // Near-miss: the groups' judgement flagged the pair already.
        assert!(slips(&claims, &groups, &views(&texts), &rules, &found).is_empty());
        // Near-miss: the same figure in both copies.
        let (claims, texts) = pair(lede, lede, ("388", "388"));
        assert!(slips(&claims, &groups, &views(&texts), &rules, &[]).is_empty());
    }

    #[test]
    fn claims_no_group_holds_are_copies_too() {
        let lede = "The water rose 8% in an hour near the old dam, county engineers said on Monday.";
        let rules = Rules::defaults();
        // No group: every claim without a subject, judged by the copy stage alone.
        let found = |other: &str| {
            let (mut claims, texts) = pair(lede, other, ("8", "18"));
            for c in &mut claims {
                c.subject = crate::name::Name::from("");
            }
            slips(&claims, &[], &views(&texts), &rules, &[]).into_iter().map(|f| f.claims).collect::<Vec<_>>()
        };
        assert_eq!(found(&lede.replace("8%", "18%")), [[0, 1]]);
        // Near-miss: another sentence around the other figure.
        assert!(found(&lede.replace("8%", "18%").replace("hour", "day")).is_empty());
    }
}
