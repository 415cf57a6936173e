//! One sentence as HTML: the figure in `<mark>`, and the words the other side's
//! sentence does not have in `<del>` (first side) or `<ins>` (second side) — the
//! same word diff as the terminal report, split across the two columns of a card.

use similar::{ChangeTag, TextDiff};

use crate::report::escape::html;

/// A sentence ready to mark up: its text, its words, and the figure's byte range.
pub struct Marked<'a> {
    text: &'a str,
    words: Vec<(usize, usize)>,
    figure: (usize, usize),
}

impl<'a> Marked<'a> {
    /// A sentence and the byte range of the figure in it.
    pub fn new(text: &'a str, figure: (usize, usize)) -> Self {
        Marked { words: words(text), text, figure }
    }

    fn word_strs(&self) -> Vec<&'a str> {
        self.words.iter().map(|&(s, e)| &self.text[s..e]).collect()
    }

    /// The sentence with its figure marked and no diff.
    pub fn alone(&self) -> String {
        self.render(&vec![false; self.words.len()], "")
    }

    /// Both sentences marked up against each other: `self`'s extra words in
    /// `<del>`, `other`'s in `<ins>`.
    pub fn against(&self, other: &Marked) -> (String, String) {
        let (a, b) = (self.word_strs(), other.word_strs());
        let mut gone = vec![false; a.len()];
        let mut new = vec![false; b.len()];
        for ch in TextDiff::configure().diff_slices(&a, &b).iter_all_changes() {
            match (ch.tag(), ch.old_index(), ch.new_index()) {
                (ChangeTag::Delete, Some(i), _) => gone[i] = true,
                (ChangeTag::Insert, _, Some(j)) => new[j] = true,
                _ => {}
            }
        }
        (self.render(&gone, "del"), other.render(&new, "ins"))
    }

    /// The HTML. The text is cut where a word, a run of changed words or the
    /// figure begins or ends; each piece is escaped, and the elements are closed
    /// and reopened at the cuts so that they always nest (`<del><mark>` inside a
    /// change, never a `<mark>` that straddles one).
    fn render(&self, changed: &[bool], tag: &str) -> String {
        let (f0, f1) = self.figure;
        let mut cuts: Vec<usize> = vec![0, self.text.len(), f0, f1];
        cuts.extend(self.words.iter().flat_map(|&(s, e)| [s, e]));
        cuts.sort_unstable();
        cuts.dedup();
        // A position is in a change when its word changed, or it is the space
        // between two changed words (so a run of them is one element).
        let in_change = |pos: usize| {
            let i = self.words.partition_point(|&(_, e)| e <= pos);
            match self.words.get(i) {
                Some(&(s, _)) if pos >= s => changed[i],
                Some(_) => i > 0 && changed[i - 1] && changed[i],
                None => false,
            }
        };
        let mut out = String::with_capacity(self.text.len() * 2);
        let (mut open_change, mut open_mark) = (false, false);
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let change = in_change(s);
            let mark = s >= f0 && s < f1;
            if open_mark && (!mark || change != open_change) {
                out.push_str("</mark>");
                open_mark = false;
            }
            if change != open_change {
                if open_change {
                    out.push_str(&format!("</{tag}>"));
                } else {
                    out.push_str(&format!("<{tag}>"));
                }
                open_change = change;
            }
            if mark && !open_mark {
                out.push_str("<mark>");
                open_mark = true;
            }
            out.push_str(&html(&self.text[s..e]));
        }
        if open_mark {
            out.push_str("</mark>");
        }
        if open_change {
            out.push_str(&format!("</{tag}>"));
        }
        out
    }
}

/// Byte ranges of the whitespace-separated words of `s`.
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in s.char_indices() {
        match (ch.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Marked;

    fn marked(s: &'static str, fig: &str) -> Marked<'static> {
        let a = s.find(fig).unwrap();
        Marked::new(s, (a, a + fig.len()))
    }

    #[test]
    fn changed_words_and_figures_nest() {
        let a = marked("gangs that control 80 per cent of the capital.", "80 per cent");
        let b = marked("gangs now control 85% of the capital.", "85%");
        let (l, r) = a.against(&b);
        assert_eq!(l, "gangs <del>that</del> control <del><mark>80 per cent</mark></del> of the capital.");
        assert_eq!(r, "gangs <ins>now</ins> control <ins><mark>85%</mark></ins> of the capital.");
    }

    #[test]
    fn a_figure_across_a_change_is_split_not_straddled() {
        let a = marked("sent 400 officers <b> home", "400 officers");
        let b = marked("sent 500 officers <b> home", "500 officers");
        let (l, _) = a.against(&b);
        assert_eq!(l, "sent <del><mark>400</mark></del><mark> officers</mark> &lt;b&gt; home");
        assert_eq!(a.alone(), "sent <mark>400 officers</mark> &lt;b&gt; home");
    }
}
