//! A document's decoded text: whole while it is read, then only the sentences its
//! claims stand in.
//!
//! Grouping, comparing and every report look at a document only through its claims'
//! spans and sentences, and those are about a third of a news text (BBC: 1.7 MB of
//! 5.1). Keeping the rest until the report is written made memory grow with the
//! total text: a whole archive's text held at once. A [`Text`] is indexed by the
//! document's own byte offsets whatever it keeps, so claims keep their spans.

use std::ops::Range;

/// The text of one document, or the pieces of it that were kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// Length of the whole text in bytes.
    len: usize,
    /// Kept pieces: (offset in the whole text, the piece), sorted, disjoint. A whole
    /// text is one piece at 0.
    pieces: Vec<(usize, String)>,
}

impl Text {
    /// The length of the whole text, kept or not.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the whole text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The whole text, while it is whole; `None` once [`Text::keep`] dropped parts.
    pub fn whole(&self) -> Option<&str> {
        match self.pieces.as_slice() {
            [] if self.len == 0 => Some(""),
            [(0, s)] if s.len() == self.len => Some(s),
            _ => None,
        }
    }

    /// The text at `range` (offsets of the whole text), when one kept piece holds it.
    pub fn get(&self, range: Range<usize>) -> Option<&str> {
        let i = self.pieces.partition_point(|(at, _)| *at <= range.start).checked_sub(1)?;
        let (at, s) = &self.pieces[i];
        s.get(range.start - at..range.end.checked_sub(*at)?)
    }

    /// Keeps only the text of `spans` (offsets of the whole text; overlapping ones are
    /// merged). Spans must lie on char boundaries of what is kept now; any that do
    /// not are left out.
    pub fn keep(&mut self, spans: impl IntoIterator<Item = (usize, usize)>) {
        let mut spans: Vec<(usize, usize)> = spans.into_iter().filter(|(a, b)| a <= b).collect();
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let pieces = merged.into_iter().filter_map(|(a, b)| Some((a, self.get(a..b)?.to_string()))).collect();
        self.pieces = pieces;
    }

    /// A text of length `len` with only `pieces` known (the claims stream's sentences
    /// at their offsets), as [`Text::keep`] would leave it. Overlapping pieces are
    /// written in the order given, a later one over an earlier, into one piece, with
    /// spaces where none of them says; pieces that run past `len` are left out.
    pub fn from_pieces(len: usize, pieces: impl IntoIterator<Item = (usize, String)>) -> Text {
        let pieces: Vec<(usize, String)> = pieces.into_iter().filter(|(a, s)| a + s.len() <= len).collect();
        let mut runs: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut spans: Vec<(usize, usize)> = pieces.iter().map(|(a, s)| (*a, a + s.len())).collect();
        spans.sort_unstable();
        for (a, b) in spans {
            match runs.last_mut() {
                Some((at, buf)) if a <= *at + buf.len() => buf.resize(buf.len().max(b - *at), b' '),
                _ => runs.push((a, vec![b' '; b - a])),
            }
        }
        for (a, s) in &pieces {
            let r = runs.partition_point(|(at, _)| at <= a) - 1;
            let (at, buf) = &mut runs[r];
            buf[a - *at..a - *at + s.len()].copy_from_slice(s.as_bytes());
        }
        let pieces = runs
            .into_iter()
            .map(|(a, b)| {
                (
                    a,
                    String::from_utf8(b)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
                )
            })
            .collect();
        Text { len, pieces }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text { len: s.len(), pieces: if s.is_empty() { Vec::new() } else { vec![(0, s)] } }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(s.to_string())
    }
}

impl std::ops::Index<Range<usize>> for Text {
    type Output = str;

    /// The text at `range`. Every caller indexes within a claim's sentence, which
    /// [`Text::keep`] kept: anything else is a bug, and panics like a `str` slice
    /// out of bounds would.
    fn index(&self, range: Range<usize>) -> &str {
        match self.get(range.clone()) {
            Some(s) => s,
            None => panic!("text {range:?} was not kept (of {} bytes)", self.len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_spans_keep_their_offsets() {
        let mut t = Text::from("One. Two had 5 cats. Three. Four had 6 dogs.");
        assert_eq!(t.whole(), Some("One. Two had 5 cats. Three. Four had 6 dogs."));
        t.keep([(5, 20), (28, 44), (13, 14)]);
        assert_eq!(t.whole(), None);
        assert_eq!(t.len(), 44);
        assert_eq!(&t[13..14], "5");
        assert_eq!(t.get(5..20), Some("Two had 5 cats."));
        assert_eq!(t.get(37..38), Some("6"));
        // Dropped text, and a range across two kept pieces, are not there.
        assert_eq!(t.get(0..4), None);
        assert_eq!(t.get(15..30), None);
    }

    #[test]
    fn overlapping_spans_merge_and_bad_ones_drop() {
        let mut t = Text::from("aé bc");
        t.keep([(0, 3), (2, 4), (1, 2)]);
        // (0, 3) and (2, 4) merge to 0..4; (1, 2) splits "é" but lies inside it.
        assert_eq!(t.get(0..4), Some("aé "));
        let mut u = Text::from("aé bc");
        u.keep([(2, 5)]);
        assert_eq!(u.get(3..5), None);
        assert_eq!(u.whole(), None);
    }

    #[test]
    fn pieces_from_a_stream() {
        let t =
            Text::from_pieces(20, [(10, "ten".to_string()), (0, "zero".to_string()), (2, "x".to_string())]);
        assert_eq!(t.get(0..4), Some("zexo"));
        assert_eq!(t.get(10..13), Some("ten"));
        // A piece that overlaps another is merged with it, so every offset either
        // gives stays readable.
        assert_eq!(t.get(2..3), Some("x"));
        let t = Text::from_pieces(20, [(0, "one two".to_string()), (4, "two three".to_string())]);
        assert_eq!(t.get(4..13), Some("two three"));
        assert_eq!(Text::from_pieces(3, [(2, "long".to_string())]).get(2..6), None);
        assert_eq!(Text::from("").whole(), Some(""));
    }
}
