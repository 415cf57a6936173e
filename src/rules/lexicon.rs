//! Phrase lexicons matched on token stems, forwards and backwards.

use super::Map;
use crate::text::{Token, stem_phrase};

/// A set of phrases (each a sequence of stems) with a payload. Lookups cost one hash
/// per position, then a comparison per phrase sharing that first (or last) stem.
#[derive(Debug, Clone)]
pub struct Lexicon<T> {
    by_first: Map<String, Vec<(Vec<String>, T)>>,
    by_last: Map<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for Lexicon<T> {
    fn default() -> Self {
        Lexicon { by_first: Map::default(), by_last: Map::default() }
    }
}

impl<T: Clone> Lexicon<T> {
    /// Adds `phrase` (raw text: it is tokenized and stemmed here).
    pub fn insert(&mut self, phrase: &str, value: T) {
        let stems = stem_phrase(phrase);
        let (Some(first), Some(last)) = (stems.first().cloned(), stems.last().cloned()) else {
            return;
        };
        for (map, key) in [(&mut self.by_first, first), (&mut self.by_last, last)] {
            let v = map.entry(key).or_default();
            v.push((stems.clone(), value.clone()));
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
    }

    /// The longest phrase starting at token `i`: (its length in tokens, payload).
    pub fn at(&self, toks: &[Token], i: usize) -> Option<(usize, &T)> {
        let cands = self.by_first.get(toks.get(i)?.stem.as_ref())?;
        cands.iter().find_map(|(p, v)| {
            (i + p.len() <= toks.len() && p.iter().zip(&toks[i..]).all(|(a, t)| *a == t.stem))
                .then_some((p.len(), v))
        })
    }

    /// The longest phrase ending just before token `end`: (its length, payload).
    pub fn ending(&self, toks: &[Token], end: usize) -> Option<(usize, &T)> {
        if end == 0 {
            return None;
        }
        let cands = self.by_last.get(toks.get(end - 1)?.stem.as_ref())?;
        cands.iter().find_map(|(p, v)| {
            (p.len() <= end && p.iter().zip(&toks[end - p.len()..end]).all(|(a, t)| *a == t.stem))
                .then_some((p.len(), v))
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

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
}
