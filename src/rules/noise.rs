//! The noise patterns, joined into one regex, and a search over it that stays on the
//! fast engines.
//!
//! A Unicode word boundary (`\b` in `\bwww\.`) makes the `regex` crate's lazy DFA
//! give up at the first non-ASCII byte and finish the search with the PikeVM, which
//! costs about a thousand instructions per byte on the default patterns: one "£"
//! early in an article sent its whole rest through it, a quarter of a BBC run's time.
//! So the search goes in two steps: the same patterns with every Unicode word
//! assertion removed (which can only add matches, and stays on the DFA) find where
//! a match may start; the real patterns are then tried only there, anchored, which
//! costs as much as the match is long. The matches are exactly the real patterns'
//! `find_iter` matches.

use regex_automata::meta::{self, BuildError, Regex};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::{self, Hir, HirKind, Look};

/// The noise patterns as one regex (see the module docs).
#[derive(Debug, Clone)]
pub struct Noise {
    /// The patterns as written.
    full: Regex,
    /// The patterns without Unicode word assertions: a superset of `full`'s matches.
    relaxed: Regex,
}

impl Noise {
    /// Compiles `pattern` (the joined noise patterns) with at most `size_limit` bytes
    /// of NFA, as `regex::RegexBuilder` with that size limit would.
    pub fn new(pattern: &str, size_limit: usize) -> Result<Noise, Box<BuildError>> {
        let builder = || {
            let mut b = meta::Builder::new();
            b.configure(
                meta::Config::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .utf8_empty(true)
                    .nfa_size_limit(Some(size_limit)),
            )
            .syntax(syntax::Config::new().utf8(true));
            b
        };
        // Two compilations of large Unicode classes, a few milliseconds each: side by
        // side. A pattern that does not parse is reported by the first.
        let (full, relaxed) = rayon::join(
            || builder().build(pattern).map_err(Box::new),
            || {
                let hir = regex_syntax::ParserBuilder::new().utf8(true).build().parse(pattern).ok()?;
                Some(builder().build_from_hir(&without_unicode_words(&hir)).map_err(Box::new))
            },
        );
        let full = full?;
        let relaxed = relaxed.expect("the pattern compiled, so it parses")?;
        Ok(Noise { full, relaxed })
    }

    /// The `(start, end)` byte spans of the matches in `text`, left to right, as
    /// `regex::Regex::find_iter` gives them (an empty match is skipped over by one
    /// character, and blanks nothing).
    pub fn spans<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at <= text.len() {
                // No real match starts before the first relaxed one.
                let start = self.relaxed.search(&Input::new(text).range(at..))?.start();
                let anchored = Input::new(text).range(start..).anchored(Anchored::Yes);
                match self.full.search(&anchored) {
                    Some(m) if !m.is_empty() => {
                        at = m.end();
                        return Some((m.start(), m.end()));
                    }
                    // Nothing real starts here (or only an empty match): on to the next
                    // character.
                    _ => at = start + text[start..].chars().next().map_or(1, char::len_utf8),
                }
            }
            None
        })
    }
}

/// `hir` with every Unicode word-boundary assertion replaced by the empty regex.
fn without_unicode_words(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(
            Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode,
        ) => Hir::empty(),
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(without_unicode_words(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(without_unicode_words(&c.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_unicode_words).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(without_unicode_words).collect()),
        _ => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-step search gives what `find_iter` gives, also where a Unicode word
    /// boundary decides and around empty matches.
    #[test]
    fn spans_equal_find_iter() {
        let patterns = [
            r"(?i)\bwww\.\S+|@\w+|\b0\d{2,3}[\s-]?\d{3}[\s-]?\d{3,4}\b",
            r"\bé\w*",
            r"x*",
            r"\b",
            r"\Bab|b",
            r"(?m)^\d+$",
        ];
        let texts = [
            "See www.example.com or call 0719 012 111, £5 @handle",
            "café www.x.org, éa éb xéy",
            "axxb x £ é",
            "ab cab ébab",
            "12\n34 5\n£6\n7",
            "",
        ];
        for p in patterns {
            let want = regex::Regex::new(p).unwrap();
            let got = Noise::new(p, 1 << 20).unwrap();
            for t in texts {
                let a: Vec<(usize, usize)> =
                    want.find_iter(t).filter(|m| !m.is_empty()).map(|m| (m.start(), m.end())).collect();
                let b: Vec<(usize, usize)> = got.spans(t).collect();
                assert_eq!(a, b, "{p} on {t:?}");
            }
        }
    }
}
