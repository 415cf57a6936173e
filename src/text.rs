//! Words and numbers with byte spans, and the light stemmer that lexicons match on.
//!
//! Every later stage looks at text through [`Token`]s: their `start`/`end` are byte
//! offsets into the document, so a claim's span maps back to the file exactly.

use std::borrow::Cow;

/// What a token is. Mixed runs of letters and digits ("G20", "4BGGSZd6gM") are
/// [`TokKind::Word`]: identifiers, never figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, possibly with an inner apostrophe ("Ruto's") or a digit mix.
    Word,
    /// Digits with inner `,` or `.` separators ("2,500", "5.52").
    Num,
    /// Any other single character that is not whitespace.
    Punct,
}

/// One token of a sentence.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// Byte offset of the first byte in the document.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The kind of token.
    pub kind: TokKind,
    /// The token as written.
    pub text: &'a str,
    /// Lower case (words only; other kinds keep their text). Borrowed from the text
    /// when it is already lower case (most words, every number and mark): tokens
    /// are made for every word of every article, and making them, two strings each,
    /// was 7 % of BBC x1's samples (perf).
    pub lower: Cow<'a, str>,
    /// Light stem of `lower` (see [`stem`]), borrowed from the text when it is the
    /// text.
    pub stem: Cow<'a, str>,
    /// Whitespace (or nothing) separates this token from the previous one.
    pub space_before: bool,
}

impl Token<'_> {
    /// The word starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.kind == TokKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Is this the punctuation character `c`?
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.text.starts_with(c)
    }

    /// Is this the word `w` (lower case)?
    pub fn is_word(&self, w: &str) -> bool {
        self.kind == TokKind::Word && self.lower == w
    }
}

/// ISO-style currency codes that are written glued to a figure ("USD10m").
const CURRENCY_PREFIXES: &[&str] = &[
    "USD", "EUR", "GBP", "AUD", "CAD", "NZD", "HKD", "SGD", "INR", "JPY", "CHF", "CNY", "RM", "KSh", "Ksh",
    "Sh", "Rs", "PS",
];

/// Country letters written between a dollar sign and its figure ("$US55,931,000",
/// "$A82,615,680").
const DOLLAR_COUNTRIES: &[&str] = &["US", "AU", "A", "NZ", "CA", "C", "HK", "S"];

/// Length of a currency code at the start of `run` when digits follow it; after a
/// `$`, a dollar's country letters too.
fn currency_prefix(run: &str, after_dollar: bool) -> usize {
    // Called for every word: most have no digit, so no code can be followed by one.
    if !run.bytes().any(|b| b.is_ascii_digit()) {
        return 0;
    }
    let codes: &[&str] = if after_dollar { DOLLAR_COUNTRIES } else { CURRENCY_PREFIXES };
    codes
        .iter()
        .find(|p| run.starts_with(**p) && run[p.len()..].starts_with(|c: char| c.is_ascii_digit()))
        // "PS" is how "£" comes out of an ASCII transliteration ("PS6m"), but "PS5" is a console.
        .filter(|p| **p != "PS" || run.len() > p.len() + 1)
        .map_or(0, |p| p.len())
}

/// Splits `text` (which starts at byte `base` of its document) into tokens.
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut last_end = 0usize;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let space_before = i == 0 || i > last_end;
        let mut end = i + c.len_utf8();
        // A decimal written without its leading zero (".500 record", ".001 per cent"):
        // a dot after a space or an opening mark, followed by digits.
        if c == '.' && leading_dot_decimal(text, i) {
            let digits = text[i + 1..].bytes().take_while(u8::is_ascii_digit).count();
            end = i + 1 + digits;
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            out.push(make(text, base, i, end, TokKind::Num, space_before));
            last_end = end;
            continue;
        }
        if c.is_alphanumeric() {
            // An alphanumeric run; `,` `.` between digits and an apostrophe between
            // letters stay inside it.
            let bytes = text.as_bytes();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if (d == ',' || d == '.')
                    && bytes.get(j.wrapping_sub(1)).is_some_and(u8::is_ascii_digit)
                    && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
                    // The decimal goes with the run: "PS2.7m" is no "PS2" console.
                    && text[i + currency_prefix(&text[i..j + 2], text[..i].ends_with('$'))..j]
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
                {
                    end = j + 1;
                    chars.next();
                } else if (d == '\'' || d == '’')
                    && text[j + d.len_utf8()..].chars().next().is_some_and(char::is_alphabetic)
                    && text[i..j].chars().all(char::is_alphabetic)
                {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push_run(&mut out, text, base, i, end, space_before);
        } else {
            out.push(make(text, base, i, end, TokKind::Punct, space_before));
        }
        last_end = end;
    }
    out
}

/// Whether the `.` at byte `i` starts a decimal with no leading zero: it follows a
/// space, the start or an opening mark (not a digit or a word: "1.5", "end.5"), and
/// one to four digits follow it, then no further digit, dot or letter.
fn leading_dot_decimal(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    if !before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '$' | '~' | '-' | '"')) {
        return false;
    }
    let rest = &text[i + 1..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let letters = rest[digits..].chars().take_while(|c| c.is_alphabetic()).count();
    (1..=4).contains(&digits) && !rest[digits..].starts_with('.') && letters <= 3
}

/// Pushes an alphanumeric run, splitting a number from a unit suffix that touches it.
fn push_run<'a>(out: &mut Vec<Token<'a>>, text: &'a str, base: usize, s: usize, e: usize, sp: bool) {
    let run = &text[s..e];
    let digits = run.bytes().take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.').count();
    if digits == run.len() {
        out.push(make(text, base, s, e, TokKind::Num, sp));
        return;
    }
    // A figure glued to its unit or scale: "256GB", "3.5m", "24th", "1990s".
    if digits > 0
        && run.as_bytes()[digits - 1].is_ascii_digit()
        && run[digits..].chars().all(char::is_alphabetic)
    {
        out.push(make(text, base, s, s + digits, TokKind::Num, sp));
        out.push(make(text, base, s + digits, e, TokKind::Word, false));
        return;
    }
    // A currency code glued before it: "USD10m", "RM79".
    let lead = currency_prefix(run, text[..s].ends_with('$'));
    if lead > 0 && run[lead..].starts_with(|c: char| c.is_ascii_digit()) {
        out.push(make(text, base, s, s + lead, TokKind::Word, sp));
        push_run(out, text, base, s + lead, e, false);
        return;
    }
    out.push(make(text, base, s, e, TokKind::Word, sp));
}

fn make(text: &str, base: usize, s: usize, e: usize, kind: TokKind, sp: bool) -> Token<'_> {
    let t = &text[s..e];
    let lower: Cow<str> = match kind {
        // Most words are ASCII: no Unicode case tables, no apostrophe.
        TokKind::Word if t.is_ascii() => match t.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(t.to_ascii_lowercase()),
            false => Cow::Borrowed(t),
        },
        TokKind::Word => Cow::Owned(t.to_lowercase().replace('’', "'")),
        _ => Cow::Borrowed(t),
    };
    let stem = match (kind, &lower) {
        (TokKind::Word, Cow::Borrowed(b)) => stem(b),
        (TokKind::Word, Cow::Owned(o)) => Cow::Owned(stem(o).into_owned()),
        _ => lower.clone(),
    };
    Token { start: base + s, end: base + e, kind, text: t, lower, stem, space_before: sp }
}

/// A light English stemmer: strips a possessive and one inflection ("-ing", "-ed",
/// "-es", "-s", final "-e"), then undoubles a final consonant. It is applied to both
/// the lexicon and the text, so it only has to be consistent, not linguistic:
/// "deployed", "deploys", "deploying" → "deploy"; "killed", "kills" → "kil";
/// "controlled", "controls" → "control".
pub fn stem(lower: &str) -> Cow<'_, str> {
    let w = lower.strip_suffix("'s").unwrap_or(lower);
    let w = w.strip_suffix('\'').unwrap_or(w);
    // A prefix of the word, borrowed, unless "-ies"/"-ied" became "-y": a token's
    // stem is made for every word of every article, and an owned copy each was an
    // allocation per word.
    let mut s: Cow<str> = Cow::Borrowed(w);
    if w.chars().count() > 4 {
        for suf in ["ing", "ied", "ies", "ed", "es", "s"] {
            if let Some(x) = w.strip_suffix(suf) {
                // "degrees", "employees": only the "s" goes, as from "degree" only the "e".
                let x = if suf == "es" && x.ends_with('e') { &w[..w.len() - 1] } else { x };
                if x.chars().count() >= 3 && !(suf == "s" && (x.ends_with('s') || x.ends_with('u'))) {
                    s = if suf.starts_with('i') { Cow::Owned(format!("{x}y")) } else { Cow::Borrowed(x) };
                    break;
                }
            }
        }
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        s = Cow::Borrowed(&w[..w.len() - 1]);
    }
    if s.len() > 3 && s.ends_with('e') {
        s = drop_last(s);
    }
    let b = s.as_bytes();
    if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiou".contains(&b[b.len() - 1]) {
        s = drop_last(s);
    }
    s
}

/// `s` without its last character.
fn drop_last(s: Cow<'_, str>) -> Cow<'_, str> {
    let end = s.char_indices().next_back().map_or(0, |(i, _)| i);
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(&b[..end]),
        Cow::Owned(mut o) => {
            o.truncate(end);
            Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, TokKind)> {
        tokenize(s, 0).into_iter().map(|t| (t.text.to_string(), t.kind)).collect()
    }

    #[test]
    fn numbers_keep_separators_and_split_suffixes() {
        use TokKind::*;
        let cases: &[(&str, &[(&str, TokKind)])] = &[
            ("2,500 officers", &[("2,500", Num), ("officers", Word)]),
            ("$5.52bn.", &[("$", Punct), ("5.52", Num), ("bn", Word), (".", Punct)]),
            ("80%", &[("80", Num), ("%", Punct)]),
            ("June 24th", &[("June", Word), ("24", Num), ("th", Word)]),
            ("G20 summit", &[("G20", Word), ("summit", Word)]),
            ("Ruto's visit", &[("Ruto's", Word), ("visit", Word)]),
            ("2025-2027", &[("2025", Num), ("-", Punct), ("2027", Num)]),
            ("end.", &[("end", Word), (".", Punct)]),
            ("1,2,3", &[("1,2,3", Num)]),
            ("256GB", &[("256", Num), ("GB", Word)]),
            ("USD10.5m", &[("USD", Word), ("10.5", Num), ("m", Word)]),
            ("4BGGSZd6gM", &[("4BGGSZd6gM", Word)]),
            ("$US55,931,000", &[("$", Punct), ("US", Word), ("55,931,000", Num)]),
            ("US55", &[("US55", Word)]),
            ("a .500 record", &[("a", Word), (".500", Num), ("record", Word)]),
            ("to .001 per", &[("to", Word), (".001", Num), ("per", Word)]),
            ("(.5mm)", &[("(", Punct), (".5", Num), ("mm", Word), (")", Punct)]),
            ("end.5", &[("end", Word), (".", Punct), ("5", Num)]),
            ("v 1.2.3", &[("v", Word), ("1.2.3", Num)]),
            ("... .12345", &[(".", Punct), (".", Punct), (".", Punct), (".", Punct), ("12345", Num)]),
            ("PS6m", &[("PS", Word), ("6", Num), ("m", Word)]),
            ("PS21,700", &[("PS", Word), ("21,700", Num)]),
            ("a PS5 console", &[("a", Word), ("PS5", Word), ("console", Word)]),
            ("PS2.7m", &[("PS", Word), ("2.7", Num), ("m", Word)]),
            ("a PS4 game", &[("a", Word), ("PS4", Word), ("game", Word)]),
        ];
        for (text, want) in cases {
            let want: Vec<_> = want.iter().map(|(t, k)| (t.to_string(), *k)).collect();
            assert_eq!(kinds(text), want, "{text}");
        }
    }

    #[test]
    fn offsets_are_bytes_of_the_document() {
        let toks = tokenize("é 12 km", 10);
        assert_eq!((toks[1].start, toks[1].end), (13, 15));
        assert!(toks[1].space_before);
    }

    #[test]
    fn stems_match_inflections() {
        for (a, b) in [
            ("deployed", "deploy"),
            ("deploying", "deploys"),
            ("killed", "kill"),
            ("controlled", "control"),
            ("officers", "officer"),
            ("arrived", "arrive"),
            ("flagged", "flag"),
            ("authorized", "authorize"),
            ("degrees", "degree"),
            ("employees", "employee"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} vs {b}");
        }
        assert_ne!(stem("visit"), stem("visa"));
    }

    #[test]
    fn stems_borrow_unless_a_y_comes_back() {
        for (word, want, borrowed) in [
            ("deployed", "deploy", true),
            ("countries", "country", false),
            ("flagged", "flag", true),
            ("arrive", "arriv", true),
            // A doubled last byte inside one multi-byte character ("₂" is E2 82 82):
            // the whole character goes, never half of it.
            ("co₂", "co", true),
        ] {
            let s = stem(word);
            assert_eq!((s.as_ref(), matches!(s, Cow::Borrowed(_))), (want, borrowed), "{word}");
        }
    }
}
