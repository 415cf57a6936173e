//! Stage 2: sentences and the raw numeric and dated mentions in them.
//!
//! Works on a masked copy of the text (noise and furniture blanked, same offsets),
//! tokenizes each sentence once, and runs the recognizers left to right: dates and
//! times first (so "2025-2027" is a term, not a count), then durations, then figures.
//! Nothing here resolves a date or decides what a figure counts: that is normalize.

pub mod date;
pub mod number;
pub mod sentence;

pub use date::{DateRaw, DurationRaw, Rel};
pub use number::NumberRaw;

use crate::load::Document;
use crate::rules::Rules;
use crate::text::{Token, tokenize};

/// What a mention says, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    /// A figure.
    Number(NumberRaw),
    /// A date or time of day.
    Date(DateRaw),
    /// A length of time.
    Duration(DurationRaw),
}

/// One mention: its tokens in its sentence, and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First token (index into the sentence's tokens).
    pub from: usize,
    /// One past the last token.
    pub to: usize,
    /// What it says.
    pub raw: Raw,
}

/// A sentence, its tokens and its mentions.
#[derive(Debug)]
pub struct Sentence<'a> {
    /// Byte span in the document text.
    pub span: (usize, usize),
    /// Tokens (from the masked text; offsets are the document's).
    pub tokens: Vec<Token<'a>>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
}

impl Mention {
    /// Byte span in the document.
    pub fn span(&self, s: &Sentence) -> (usize, usize) {
        (s.tokens[self.from].start, s.tokens[self.to - 1].end)
    }
}

/// Masks a document for extraction (see [`sentence::mask`]).
pub fn masked(doc: &Document, rules: &Rules) -> String {
    sentence::mask(&doc.text, doc.body_start, rules)
}

/// Every sentence of `masked` text with its mentions.
pub fn extract<'a>(masked: &'a str, rules: &Rules) -> Vec<Sentence<'a>> {
    sentence::sentences(masked)
        .into_iter()
        .map(|(a, b)| {
            let tokens = tokenize(&masked[a..b], a);
            let mentions = scan(&tokens, rules);
            Sentence { span: (a, b), tokens, mentions }
        })
        .collect()
}

/// Runs the recognizers over one sentence's tokens.
pub fn scan(toks: &[Token], rules: &Rules) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let hit = date::at(toks, i, rules)
            .map(|h| (h.from, h.to, Raw::Date(h.raw)))
            .or_else(|| date::duration_at(toks, i, rules).map(|h| (h.from, h.to, Raw::Duration(h.raw))))
            .or_else(|| number::at(toks, i, rules).map(|h| (h.from, h.to, Raw::Number(h.raw))));
        match hit {
            // A year range ("2009-2010") is two years: each is its own claim.
            Some((from, to, Raw::Date(d))) if d.end_year.is_some() && to == from + 3 && d.month.is_none() => {
                let (y1, y2) = (d.year, d.end_year);
                out.push(Mention {
                    from,
                    to: from + 1,
                    raw: Raw::Date(DateRaw { year: y1, ..Default::default() }),
                });
                out.push(Mention {
                    from: to - 1,
                    to,
                    raw: Raw::Date(DateRaw { year: y2, ..Default::default() }),
                });
                i = to;
            }
            Some((from, to, raw)) if to > from => {
                out.push(Mention { from, to, raw });
                i = to;
            }
            _ => i += 1,
        }
    }
    out
}
