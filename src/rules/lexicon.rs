//! Phrase lexicons matched on token stems, forwards and backwards.

use super::Map;
use crate::text::{Token, tokenize};

/// A set of phrases (each a sequence of stems) with a payload. Lookups cost one hash
/// per position, then a comparison per phrase sharing that first (or last) stem. Two
/// phrases with one stem ("ton" and "tonne") are told apart by their words: the one
/// the text spells wins.
#[derive(Debug, Clone)]
pub struct Lexicon<T> {
    by_first: Map<String, Vec<Entry<T>>>,
    by_last: Map<String, Vec<Entry<T>>>,
    /// The first and last stems, sieved: most tokens start no phrase, and this tells
    /// so without hashing the stem (the lexicons are asked at every token of every
    /// claim's sentence).
    first: Sieve,
    last: Sieve,
}

/// A bitmap over a cheap key of a stem (its length, first two bytes and last byte):
/// a bit clear says that no stem of the set has that key. The key takes no pass over
/// the stem, and with 4,096 bits the largest lexicons (units, events: hundreds of
/// stems) still turn most words away before they are hashed.
#[derive(Debug, Clone)]
struct Sieve(Box<[u64; 64]>);

impl Default for Sieve {
    fn default() -> Self {
        Sieve(Box::new([0; 64]))
    }
}

impl Sieve {
    fn key(stem: &str) -> usize {
        let b = stem.as_bytes();
        let (first, second, last) = match b {
            [] => (0, 0, 0),
            [x] => (*x, 0, *x),
            [x, y, ..] => (*x, *y, b[b.len() - 1]),
        };
        let k = (usize::from(first) * 31 + usize::from(second)) * 31 + usize::from(last);
        (k * 31 + b.len().min(63)) % 4096
    }

    fn add(&mut self, stem: &str) {
        let k = Sieve::key(stem);
        self.0[k / 64] |= 1 << (k % 64);
    }

    /// False when no stem of the set can be `stem`.
    fn may(&self, stem: &str) -> bool {
        let k = Sieve::key(stem);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// A phrase: its stems, its lower-case words, and its payload.
type Entry<T> = (Vec<String>, Vec<String>, T);

impl<T> Default for Lexicon<T> {
    fn default() -> Self {
        Lexicon {
            by_first: Map::default(),
            by_last: Map::default(),
            first: Sieve::default(),
            last: Sieve::default(),
        }
    }
}

impl<T: Clone> Lexicon<T> {
    /// Adds `phrase` (raw text: it is tokenized and stemmed here).
    pub fn insert(&mut self, phrase: &str, value: T) {
        let toks = tokenize(phrase, 0);
        let stems: Vec<String> = toks.iter().map(|t| t.stem.to_string()).collect();
        let lowers: Vec<String> = toks.iter().map(|t| t.lower.to_string()).collect();
        let (Some(first), Some(last)) = (stems.first().cloned(), stems.last().cloned()) else {
            return;
        };
        self.first.add(&first);
        self.last.add(&last);
        for (map, key) in [(&mut self.by_first, first), (&mut self.by_last, last)] {
            let v = map.entry(key).or_default();
            v.push((stems.clone(), lowers.clone(), value.clone()));
            v.sort_by_key(|(p, _, _)| std::cmp::Reverse(p.len()));
        }
    }

    /// The longest phrase starting at token `i`: (its length in tokens, payload).
    pub fn at(&self, toks: &[Token], i: usize) -> Option<(usize, &T)> {
        let stem = toks.get(i)?.stem.as_ref();
        let cands = if self.first.may(stem) { self.by_first.get(stem)? } else { return None };
        best(cands, |n| toks.get(i..i + n))
    }

    /// Whether token `i` is spelt as the first word of a phrase sharing its stem, or
    /// ends in "s" (a plural: "officers", "fatalities"): not "live", which only shares
    /// the stem of "lives" (the verb of "40 people live there"), nor "voted" that of
    /// "vote".
    pub fn spelt_at(&self, toks: &[Token], i: usize) -> bool {
        let Some(t) = toks.get(i) else { return false };
        t.lower.ends_with('s')
            || self.first.may(&t.stem)
                && self
                    .by_first
                    .get(t.stem.as_ref())
                    .is_some_and(|v| v.iter().any(|(_, lowers, _)| lowers[0] == t.lower.as_ref()))
    }

    /// The longest phrase ending just before token `end`: (its length, payload).
    pub fn ending(&self, toks: &[Token], end: usize) -> Option<(usize, &T)> {
        if end == 0 {
            return None;
        }
        let stem = toks.get(end - 1)?.stem.as_ref();
        let cands = if self.last.may(stem) { self.by_last.get(stem)? } else { return None };
        best(cands, |n| end.checked_sub(n).map(|a| &toks[a..end]))
    }

    /// Every match starting in `from..to`, as (start, length, payload).
    pub fn find_in<'a>(
        &'a self,
        toks: &'a [Token],
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (usize, usize, &'a T)> + 'a {
        (from..to.min(toks.len())).filter_map(move |i| self.at(toks, i).map(|(n, v)| (i, n, v)))
    }

    /// Whether any phrase occurs in `toks`.
    pub fn any_in(&self, toks: &[Token]) -> bool {
        self.find_in(toks, 0, toks.len()).next().is_some()
    }
}

/// The longest candidate whose stems match the tokens `span(len)` gives, preferring
/// among equally long ones a phrase spelt as the text spells it.
fn best<'a, 't, T>(
    cands: &'a [Entry<T>],
    span: impl Fn(usize) -> Option<&'t [Token<'t>]>,
) -> Option<(usize, &'a T)> {
    let mut found: Option<(usize, &T)> = None;
    for (stems, lowers, v) in cands {
        if found.is_some_and(|(n, _)| stems.len() < n) {
            break;
        }
        let Some(toks) = span(stems.len()) else { continue };
        if stems.iter().zip(toks).all(|(a, t)| *a == t.stem) {
            if lowers.iter().zip(toks).all(|(a, t)| *a == t.lower) {
                return Some((stems.len(), v));
            }
            found = found.or(Some((stems.len(), v)));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn spelt_forms_and_stem_only_forms() {
        let mut lx = Lexicon::default();
        for w in ["lives", "officer", "fatality", "vote"] {
            lx.insert(w, ());
        }
        let toks = tokenize("lives live officers officer fatalities living vote voted", 0);
        let spelt: Vec<bool> = (0..toks.len()).map(|i| lx.spelt_at(&toks, i)).collect();
        assert_eq!(spelt, [true, false, true, true, true, false, true, false]);
    }

    #[test]
    fn matches_longest_phrase_on_stems() {
        let mut lx = Lexicon::default();
        lx.insert("more than", 1);
        lx.insert("more", 2);
        lx.insert("flag off", 3);
        let toks = tokenize("more than 5 were flagged off", 0);
        assert_eq!(lx.at(&toks, 0), Some((2, &1)));
        assert_eq!(lx.ending(&toks, 2), Some((2, &1)));
        assert_eq!(lx.at(&toks, 4), Some((2, &3)));
        assert_eq!(lx.at(&toks, 2), None);
        let hits: Vec<_> = lx.find_in(&toks, 0, toks.len()).map(|(i, _, _)| i).collect();
        assert_eq!(hits, vec![0, 4]);
    }

    #[test]
    fn phrases_with_one_stem_are_told_apart_by_spelling() {
        let mut lx = Lexicon::default();
        lx.insert("ton", 1);
        lx.insert("tonne", 2);
        let toks = tokenize("10 tonnes and 5 tons and 3 tonne", 0);
        assert_eq!(lx.at(&toks, 1), Some((1, &1)), "\"tonnes\" is no spelling of either: the first");
        assert_eq!(lx.at(&toks, 4), Some((1, &1)));
        assert_eq!(lx.at(&toks, 7), Some((1, &2)));
        assert_eq!(lx.ending(&toks, 8), Some((1, &2)));
    }
}
