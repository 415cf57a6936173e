//! What of a document can hold claims: noise blanked out, page furniture dropped,
//! the rest split into sentences with byte spans.

use crate::rules::Rules;

/// The document text with noise and furniture replaced by spaces (same byte length,
/// so every offset still points into the file's text).
pub fn mask(text: &str, body_start: usize, rules: &Rules) -> String {
    let mut out = text.as_bytes().to_vec();
    let mut blank = |a: usize, b: usize| {
        for x in &mut out[a..b] {
            if *x != b'\n' {
                *x = b' ';
            }
        }
    };
    blank(0, body_start.min(text.len()));
    if let Some(re) = &rules.noise {
        for (a, b) in re.spans(text) {
            blank(a, b);
        }
    }
    // Furniture: a heading line, and the list lines right after it.
    let mut in_furniture = false;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let (a, b) = (pos, pos + line.len());
        pos = b;
        let t = line.trim().trim_end_matches([':', '.', '…']).trim().to_lowercase();
        let bullet = line.trim_start().starts_with(['-', '•', '*', '–', '·', '▪']);
        if rules.furniture.contains(&t) {
            in_furniture = true;
        } else if t.is_empty() || !bullet {
            in_furniture = false;
        }
        if in_furniture {
            blank(a, b);
        }
    }
    // Only whole UTF-8 sequences were replaced (match and line bounds are char
    // boundaries), so this cannot fail; stay safe anyway.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Words before a period that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sr", "jr", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt",
    "prof", "rev", "hon", "no", "vs", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "u.s", "u.k", "u.n", "e.g", "i.e", "etc",
    "approx", "est", "mt", "ft", "fig", "vol", "pp",
];

/// Sentence spans `[start, end)` of `text` (already masked). A line break always
/// ends a sentence; within a line `.`, `!` or `?` does when followed by a space and
/// a capital, digit or quote, unless the word before is an abbreviation or an
/// initial.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let base = pos;
        pos += line.len();
        let b = line.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b'.' || c == b'!' || c == b'?' {
                let mut j = i + 1;
                while j < b.len() && matches!(b[j], b'"' | b'\'' | b')') {
                    j += 1;
                }
                // closing curly quotes (3 bytes each)
                while line[j..].starts_with(['”', '’']) {
                    j += 3;
                }
                let next_starts = line[j..]
                    .strip_prefix(|ch: char| ch.is_whitespace())
                    .map(|r| r.trim_start())
                    .and_then(|r| r.chars().next())
                    .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit() || "\"“‘'(—–-".contains(ch));
                if next_starts && !(c == b'.' && is_abbreviation(&line[start..i])) {
                    push(&mut out, line, base, start, j);
                    start = j;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        push(&mut out, line, base, start, line.len());
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    let w = word.to_lowercase();
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&w.as_str())
        || (w.len() <= 4 && w.contains('.'))
}

fn push(out: &mut Vec<(usize, usize)>, line: &str, base: usize, a: usize, b: usize) {
    let s = &line[a..b];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push((base + a + lead, base + b - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect()
    }

    #[test]
    fn splits_on_sentence_ends_only() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two three.", &["One.", "Two three."]),
            ("Mr. Ruto spoke. U.S. officials agreed.", &["Mr. Ruto spoke.", "U.S. officials agreed."]),
            ("On Sept. 21 he went.\nNext line", &["On Sept. 21 he went.", "Next line"]),
            ("It cost 5.5 million. Then", &["It cost 5.5 million.", "Then"]),
            ("“Go,” he said. “Now.” Done", &["“Go,” he said.", "“Now.”", "Done"]),
            ("Antony J. Blinken came.", &["Antony J. Blinken came."]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text}");
        }
    }

    #[test]
    fn furniture_and_noise_are_blanked() {
        let rules = Rules::defaults();
        let t = "Body 400 officers.\nALSO READ:\n- Three Killed, 66 Injured\nCall 0719012111 now.\n";
        let m = mask(t, 0, &rules);
        assert_eq!(m.len(), t.len());
        assert!(m.contains("400"));
        assert!(!m.contains("66"));
        assert!(!m.contains("0719012111"));
    }
}
