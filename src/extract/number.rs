//! Numeric mentions: digits with separators, number words, scales, qualifiers,
//! currencies, percentages and ranges.

use crate::model::Qualifier;
use crate::rules::Rules;
use crate::text::{TokKind, Token};

/// A numeric mention as read, before it becomes an interval.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberRaw {
    /// The figure (the first one of a range).
    pub value: f64,
    /// The second figure of a range.
    pub high: Option<f64>,
    /// The hedge.
    pub qualifier: Qualifier,
    /// "nearly": approaches from below.
    pub below: bool,
    /// Followed by %, per cent, percent.
    pub percent: bool,
    /// "percentage points".
    pub points: bool,
    /// ISO currency code.
    pub currency: Option<String>,
    /// Written as words ("six hundred").
    pub words: bool,
    /// Vague plural of a scale ("hundreds", "tens of thousands"): an interval.
    pub vague: bool,
}

/// A recognized span of tokens `[from, to)`.
pub struct Hit<T> {
    /// First token.
    pub from: usize,
    /// One past the last token.
    pub to: usize,
    /// What was read.
    pub raw: T,
}

/// Parses "2,500", "5.52", "2500"; `None` for malformed groupings ("1,2,3"), phone-like
/// strings with a leading zero, and runs of seven or more bare digits (identifiers).
pub fn parse_digits(s: &str) -> Option<f64> {
    if s.contains(',') {
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let groups: Vec<&str> = int.split(',').collect();
        let ok = groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3)
            && frac.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return None;
        }
        return format!("{}{}{}", int.replace(',', ""), if frac.is_empty() { "" } else { "." }, frac)
            .parse()
            .ok();
    }
    let int = s.split('.').next().unwrap_or(s);
    if s.matches('.').count() > 1 || (int.len() >= 4 && int.starts_with('0')) || int.len() >= 10 {
        return None;
    }
    s.parse().ok().filter(|v: &f64| v.is_finite())
}

/// Number words at `i` ("six hundred", "a hundred and forty", "twenty-five",
/// "a dozen"): (value, next token).
pub fn parse_words(toks: &[Token], i: usize, rules: &Rules) -> Option<(f64, usize)> {
    let mut j = i;
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    // "a"/"an" count as one only before a scale or "dozen".
    if toks.get(j).is_some_and(|t| t.is_word("a") || t.is_word("an")) {
        let next = toks.get(j + 1)?;
        if !(next.is_word("dozen") || is_big_scale(&next.lower, rules)) {
            return None;
        }
        current = 1.0;
        j += 1;
    }
    while let Some(t) = toks.get(j) {
        if t.kind != TokKind::Word {
            // "twenty-five"
            if t.is_punct('-') && any && !t.space_before {
                if let Some(n) = toks.get(j + 1).and_then(|n| rules.number_words.get(n.lower.as_ref())) {
                    if *n < 10.0 {
                        current += n;
                        j += 2;
                        continue;
                    }
                }
            }
            break;
        }
        let w = t.lower.as_ref();
        if w == "dozen" && (any || current > 0.0) {
            current = current.max(1.0) * 12.0;
            any = true;
        } else if let Some(&v) = rules.number_words.get(w).filter(|_| w != "dozen") {
            if any && current % 10.0 != 0.0 && v < 100.0 {
                break; // "five six": two numbers
            }
            current += v;
            any = true;
        } else if w == "hundred" && (any || current > 0.0) {
            current = current.max(1.0) * 100.0;
            any = true;
        } else if (any || current > 0.0) && is_big_scale(w, rules) && w != "hundred" {
            total += current.max(1.0) * rules.scales[w];
            current = 0.0;
            any = true;
        } else if w == "and"
            && any
            && (current >= 100.0 && current % 100.0 == 0.0 || total > 0.0 && current == 0.0)
            && toks.get(j + 1).is_some_and(|n| rules.number_words.contains_key(n.lower.as_ref()))
        {
            // "a hundred and forty", "two thousand and ten"; "two and three" are two.
        } else {
            break;
        }
        j += 1;
    }
    (any && j > i).then_some((total + current, j))
}

fn is_big_scale(w: &str, rules: &Rules) -> bool {
    matches!(w, "hundred" | "thousand" | "million" | "billion" | "trillion") && rules.scales.contains_key(w)
}

/// The scale word at `j`, if any: (multiplier, next token). Single letters ("m", "k")
/// count only when they touch the number ("3.5m").
fn scale_at(toks: &[Token], j: usize, rules: &Rules) -> Option<(f64, usize)> {
    let t = toks.get(j)?;
    if t.kind != TokKind::Word {
        return None;
    }
    let &m = rules.scales.get(t.lower.as_ref())?;
    let short = t.lower.len() <= 2 && t.lower != "bn" && t.lower != "mn";
    if short && t.space_before {
        return None;
    }
    if t.lower == "m" && metres(toks, j, rules) {
        return None;
    }
    Some((m, j + 1))
}

/// A scale word glued by a hyphen, as compound adjectives write it: "a $4-billion
/// settlement", "a 20-million-dollar deal". Only the full words: "5-m" is no million.
fn hyphen_scale_at(toks: &[Token], j: usize, rules: &Rules) -> Option<(f64, usize)> {
    let dash = toks.get(j).is_some_and(|t| t.is_punct('-') && !t.space_before);
    let word = toks
        .get(j + 1)
        .filter(|t| dash && !t.space_before && t.lower != "hundred" && is_big_scale(&t.lower, rules))?;
    Some((rules.scales[word.lower.as_ref()], j + 2))
}

/// Words after a length that say what it measures ("3.5m high", "a 37m-long hall").
const DIMENSIONS: &[&str] = &["high", "tall", "long", "wide", "deep", "thick", "away", "across", "apart"];

/// Whether a glued "m" at `j` is metres rather than millions: not money, and a
/// dimension word, a glued hyphen ("37m-long") or a bracketed conversion
/// ("37m (121ft)") follows it.
fn metres(toks: &[Token], j: usize, rules: &Rules) -> bool {
    let money = j >= 1 && rules.currencies.ending(toks, j - 1).is_some();
    if money {
        return false;
    }
    match toks.get(j + 1) {
        Some(n) if n.kind == TokKind::Word => DIMENSIONS.contains(&n.lower.as_ref()),
        Some(n) if n.is_punct('-') && !n.space_before => true,
        Some(n) if n.is_punct('(') => {
            toks.get(j + 2).is_some_and(|x| x.kind == TokKind::Num)
                && toks
                    .get(j + 3)
                    .is_some_and(|u| rules.measures.at(toks, j + 3).is_some() && u.kind == TokKind::Word)
        }
        _ => false,
    }
}

/// Scientific notation after a mantissa at `k`: "×10−30", "x 10^8", "× 10-8":
/// (power of ten, next token).
fn exponent_at(toks: &[Token], k: usize) -> Option<(i32, usize)> {
    let times = toks.get(k)?;
    if !(times.is_punct('×') || times.is_word("x")) {
        return None;
    }
    toks.get(k + 1).filter(|t| t.text == "10")?;
    let mut m = k + 2;
    if toks.get(m).is_some_and(|t| t.is_punct('^') && !t.space_before) {
        m += 1;
    }
    let mut sign = 1;
    if toks.get(m).is_some_and(|t| (t.is_punct('-') || t.is_punct('−')) && !t.space_before) {
        sign = -1;
        m += 1;
    }
    let e = toks.get(m).filter(|t| t.kind == TokKind::Num && !t.space_before && t.text.len() <= 3)?;
    let e: i32 = e.text.parse().ok()?;
    Some((sign * e, m + 1))
}

/// A single figure at `j`: digits or words, with a touching scale. Returns (value,
/// next, was words, vague).
fn figure_at(toks: &[Token], j: usize, rules: &Rules) -> Option<(f64, usize, bool, bool)> {
    let t = toks.get(j)?;
    let (mut v, mut k, words) = if t.kind == TokKind::Num {
        // "1/2", "3/4" (not a date "24/06/2024")
        let slash = toks.get(j + 1).is_some_and(|s| (s.is_punct('/') || s.is_punct('⁄')) && !s.space_before)
            && toks.get(j + 2).is_some_and(|d| d.kind == TokKind::Num && !d.space_before)
            && !toks.get(j + 3).is_some_and(|s| s.is_punct('/'));
        // The fraction slash "⁄" names nothing but a fraction: "1⁄128 of a gallon".
        let most = if toks.get(j + 1).is_some_and(|s| s.is_punct('⁄')) { 1000.0 } else { 100.0 };
        match (slash, parse_digits(t.text), toks.get(j + 2).and_then(|d| parse_digits(d.text))) {
            (true, Some(a), Some(b)) if b > 0.0 && b <= most && a < b => (a / b, j + 3, false),
            _ => match (parse_digits(t.text)?, exponent_at(toks, j + 1)) {
                (v, Some((e, k))) => (format!("{v}e{e}").parse().unwrap_or(v * 10f64.powi(e)), k, false),
                (v, None) => (v, j + 1, false),
            },
        }
    } else if let Some((v, k)) = fraction_words(toks, j, rules) {
        (v, k, true)
    } else {
        let (v, k) = parse_words(toks, j, rules)?;
        (v, k, true)
    };
    if let Some((m, k2)) = scale_at(toks, k, rules).or_else(|| hyphen_scale_at(toks, k, rules)) {
        v *= m;
        k = k2;
        // "4 hundred million": a larger scale after a smaller one multiplies again.
        if let Some((m2, k3)) = scale_at(toks, k, rules).filter(|(m2, _)| *m2 > m) {
            v *= m2;
            k = k3;
        }
    }
    // "one out of three", "4 out of 10", "one in five flights": a share. After "in",
    // only a whole figure with no time unit after it ("one in 2020", "3 in 10 days").
    let out_of =
        toks.get(k).is_some_and(|t| t.is_word("out")) && toks.get(k + 1).is_some_and(|t| t.is_word("of"));
    let one_in = toks.get(k).is_some_and(|t| t.is_word("in"))
        && v.fract() == 0.0
        && !toks.get(k + 2).is_some_and(|t| rules.durations.contains_key(t.stem.as_ref()));
    if out_of || one_in {
        let at = if out_of { k + 2 } else { k + 1 };
        let whole = toks.get(at).and_then(|w| match w.kind {
            TokKind::Num => parse_digits(w.text),
            _ => rules.number_words.get(w.lower.as_ref()).copied(),
        });
        if let Some(n) = whole.filter(|n| *n > v && *n <= 1000.0 && n.fract() == 0.0 && v > 0.0) {
            return Some((v / n, at + 1, words, false));
        }
    }
    Some((v, k, words, false))
}

/// Words after "a third" that leave it a fraction: "cut by a third in May".
const STOP_AFTER_FRACTION: &[&str] =
    &["in", "on", "at", "by", "to", "from", "since", "and", "or", "than", "over", "last", "this", "a", "the"];

/// Fractions in words: "half", "a third", "two-thirds", "three quarters", and "half
/// a million" (the fraction of a scale).
fn fraction_words(toks: &[Token], j: usize, rules: &Rules) -> Option<(f64, usize)> {
    let denominator = |w: &str| -> Option<f64> {
        Some(match w {
            "half" | "halves" => 2.0,
            "third" | "thirds" => 3.0,
            "quarter" | "quarters" => 4.0,
            "fourth" | "fourths" => 4.0,
            "fifth" | "fifths" => 5.0,
            "sixth" | "sixths" => 6.0,
            "eighth" | "eighths" => 8.0,
            "tenth" | "tenths" => 10.0,
            _ => return None,
        })
    };
    let t = toks.get(j)?;
    // "the second half", "this half": a part of a game or a year, no figure.
    const PART_OF: &[&str] = &["first", "second", "this", "that", "latter", "former", "other"];
    let part = j.checked_sub(1).is_some_and(|p| PART_OF.contains(&toks[p].lower.as_ref()));
    // "half-staff", "a third-party audit": a compound adjective, no share.
    let compound = toks.get(j + 1).is_some_and(|h| h.is_punct('-') && !h.space_before);
    let part = part || compound && t.is_word("half");
    let (v, mut k) = if t.is_word("half") && !part {
        (0.5, j + 1)
    } else {
        let (num, k) = if t.is_word("a") || t.is_word("one") {
            (1.0, j + 1)
        } else {
            let &n = rules.number_words.get(t.lower.as_ref()).filter(|n| **n < 10.0)?;
            (n, j + 1)
        };
        let k = if toks.get(k).is_some_and(|d| d.is_punct('-') && !d.space_before) { k + 1 } else { k };
        let word = &toks.get(k)?.lower;
        let d = denominator(word)?;
        // "a third term", "a fourth straight win": an ordinal before its noun.
        let glued = toks.get(k + 1).is_some_and(|h| h.is_punct('-') && !h.space_before);
        let ordinal = num == 1.0
            && !word.ends_with('s')
            && (glued
                || toks.get(k + 1).is_some_and(|n| {
                    n.kind == TokKind::Word
                        && !n.is_capitalized()
                        && !n.is_word("of")
                        && !STOP_AFTER_FRACTION.contains(&n.lower.as_ref())
                }));
        if num >= d || ordinal {
            return None;
        }
        (num / d, k + 1)
    };
    // "half a million", "a third of a billion"
    let mut m = k;
    if toks.get(m).is_some_and(|t| t.is_word("of")) {
        m += 1;
    }
    if toks.get(m).is_some_and(|t| t.is_word("a")) {
        if let Some(&s) =
            toks.get(m + 1).and_then(|s| rules.scales.get(s.lower.as_ref())).filter(|s| **s >= 1e3)
        {
            k = m + 2;
            return Some((v * s, k));
        }
    }
    Some((v, k))
}

/// Vague scales: "hundreds", "thousands of", "tens of thousands", "dozens".
fn vague_at(toks: &[Token], j: usize) -> Option<(f64, f64, usize)> {
    let w = toks.get(j)?.lower.as_ref();
    // A vague plural spans one to ten of its scale: "hundreds" is [100, 1000].
    let base = match w {
        "dozens" => (12.0, 120.0),
        "hundreds" => (100.0, 1000.0),
        "thousands" => (1000.0, 10000.0),
        "millions" => (1e6, 1e7),
        "billions" => (1e9, 1e10),
        "tens" => {
            // "tens of thousands"
            let next = toks.get(j + 2)?.lower.as_ref();
            if !toks.get(j + 1)?.is_word("of") {
                return None;
            }
            let m = match next {
                "thousands" => 1e3,
                "millions" => 1e6,
                "billions" => 1e9,
                _ => return None,
            };
            return Some((10.0 * m, 100.0 * m, j + 3));
        }
        _ => return None,
    };
    Some((base.0, base.1, j + 1))
}

/// Whether the token before `j` makes a bare integer an identifier ("Resolution 2699",
/// "Flight 370", "No. 5").
fn identifier_before(toks: &[Token], j: usize, rules: &Rules) -> bool {
    let Some(mut k) = j.checked_sub(1) else { return false };
    if toks[k].is_punct('.') || toks[k].is_punct('#') {
        if toks[k].is_punct('#') {
            return true;
        }
        let Some(k2) = k.checked_sub(1) else { return false };
        k = k2;
    }
    let t = &toks[k];
    if t.is_punct('-') && !toks[j].space_before && !t.space_before {
        // "COVID-19", "F-16": a code glued to a word
        return k > 0 && toks[k - 1].kind == TokKind::Word;
    }
    if t.kind != TokKind::Word {
        return false;
    }
    // A name right before a bare integer makes a model or index name: "S&P 500",
    // "Stoxx 600", "Boeing 737", "iPhone 11" (not a month, a currency, or a measure
    // written before its figure: "Category 4").
    let name_like = (t.is_capitalized() || t.text.chars().nth(1).is_some_and(char::is_uppercase))
        && k > 0
        && crate::calendar::month(&t.lower).is_none()
        && rules.currencies.ending(toks, k + 1).is_none()
        && rules.measures.ending(toks, k + 1).is_none()
        && toks[j].text.bytes().all(|b| b.is_ascii_digit());
    // ... unless a scale, a measure or a currency follows: "Israel's 9 billion
    // shekels", "Tylenol 500mg", "Energy's 550 megawatt farm".
    let measured_after = scale_at(toks, j + 1, rules).is_some()
        || rules.measures.at(toks, j + 1).is_some()
        || rules.currencies.at(toks, j + 1).is_some_and(|_| toks[j + 1].kind == TokKind::Word);
    (name_like && !measured_after) || rules.identifiers.contains(t.stem.as_ref())
}

/// A figure spelt in words at `j` that labels rather than counts: after an
/// identifier word with nothing counted after it ("round four in eight attempts",
/// "phase one of the plan", not "round four times"), or capitalized inside a name
/// ("the Six Nations title", "Division One"; not a sentence's first word).
fn words_label(toks: &[Token], j: usize, rules: &Rules) -> bool {
    // The words of the figure itself: "four" of "round four in eight attempts".
    let k = parse_words(toks, j, rules).map_or(j + 1, |(_, k)| k);
    let Some(prev) = j.checked_sub(1).map(|p| &toks[p]).filter(|t| t.kind == TokKind::Word) else {
        return false;
    };
    let next = toks.get(k);
    let counts_nothing = next.is_none_or(|t| t.kind != TokKind::Word || LINKS.contains(&t.lower.as_ref()));
    let capitalized_name = toks[j].is_capitalized()
        && (prev.is_capitalized() && j >= 2 || next.is_some_and(|t| t.is_capitalized() && t.lower != "i"));
    (rules.identifiers.contains(prev.stem.as_ref()) && counts_nothing) || capitalized_name
}

/// Words after a figure that say it counts nothing named there (see [`words_label`]).
const LINKS: &[&str] = &[
    "in", "of", "on", "at", "and", "or", "but", "is", "was", "to", "for", "with", "from", "the", "when",
    "where",
];

/// Whether the currency at `j` names a year rather than an amount: a capitalised
/// currency word before a bare year ("Euro 2004", "the Euro 2020 qualifier" are
/// tournaments), not a code or a symbol ("EUR 2004", "€2004") nor a year with a
/// scale glued to it ("Euro 2004m").
pub fn names_a_year(toks: &[Token], j: usize, rules: &Rules) -> bool {
    let t = &toks[j];
    let word =
        t.kind == TokKind::Word && t.is_capitalized() && t.text.chars().skip(1).all(char::is_lowercase);
    let year = |y: &Token| {
        y.kind == TokKind::Num
            && y.text.len() == 4
            && y.text.parse::<u32>().is_ok_and(|v| (1900..=2100).contains(&v))
    };
    word && rules.currencies.at(toks, j).is_some_and(|(n, _)| n == 1)
        && toks.get(j + 1).is_some_and(year)
        && toks.get(j + 2).is_none_or(|s| {
            (s.space_before || s.kind == TokKind::Punct) && !rules.scales.contains_key(s.lower.as_ref())
        })
}

/// A currency symbol or code at `j`: (ISO code, next).
fn currency_at(toks: &[Token], j: usize, rules: &Rules) -> Option<(String, usize)> {
    let (n, code) = rules.currencies.at(toks, j)?;
    // "PS" is "£" transliterated to ASCII ("PS6m"); apart from its figure it is a
    // postscript or a school ("PS 22").
    if toks[j].lower == "ps" && toks.get(j + n).is_none_or(|t| t.space_before) {
        return None;
    }
    Some((code.clone(), j + n))
}

/// Percent sign or words after a figure: (percent, points, next).
fn percent_at(toks: &[Token], k: usize) -> Option<(bool, usize)> {
    let t = toks.get(k)?;
    if t.is_punct('%') {
        return Some((false, k + 1));
    }
    let next = toks.get(k + 1).map(|t| t.lower.as_ref());
    match t.lower.as_ref() {
        "percent" | "pc" => Some((false, k + 1)),
        "per" if next == Some("cent") => Some((false, k + 2)),
        "percentage" if matches!(next, Some("point" | "points")) => Some((true, k + 2)),
        "pts" | "ppt" | "ppts" => Some((true, k + 1)),
        _ => None,
    }
}

/// "$2.5 billion to 4 billion": after an amount, a second figure with the same kind of
/// scale and no currency of its own is the range's other end.
fn scaled_amount_to(toks: &[Token], j: usize, money: bool, rules: &Rules) -> bool {
    let scaled = |k: usize| toks.get(k).is_some_and(|t| is_big_scale(&t.lower, rules));
    money && toks.get(j).is_some_and(|t| t.kind == TokKind::Num) && scaled(j + 1)
}

/// Verbs of revision that, like the change verbs of `[roles]`, make "from X to Y" a
/// change ("revised from 115 to 97").
pub const REVISED: &[&str] = &["revised", "lowered", "adjusted", "changed", "updated", "moved", "corrected"];

/// Whether a change verb and "from" come right before token `at` ("dropped from 115",
/// "revised sharply from 115"): the figure is the earlier value of a change.
pub fn changed_from(toks: &[Token], at: usize, rules: &Rules) -> bool {
    if at < 2 || !toks[at - 1].is_word("from") {
        return false;
    }
    // A verb ending at `e`, with one adverb allowed before "from".
    let verb_ends = |e: usize| {
        rules.up.ending(toks, e).is_some()
            || rules.down.ending(toks, e).is_some()
            || REVISED.contains(&toks[e - 1].lower.as_ref())
    };
    verb_ends(at - 1) || (at >= 3 && verb_ends(at - 2))
}

/// The numeric mention starting at token `i`, if one does.
pub fn at(toks: &[Token], i: usize, rules: &Rules) -> Option<Hit<NumberRaw>> {
    let mut j = i;
    let mut qualifier = Qualifier::Exact;
    let mut below = false;
    let mut range_words = None; // "between" / "from"
    // "the lead up to 3G": a particle, no bound.
    let particle = i > 0 && toks[i].is_word("up") && rules.particle.ending(toks, i).is_some();
    if let Some((n, cue)) = rules.qualifiers.at(toks, j).filter(|_| !particle) {
        qualifier = cue.qualifier;
        below = cue.below;
        j += n;
    } else if toks[j].is_word("between") || toks[j].is_word("from") {
        range_words = Some(toks[j].lower.clone());
        j += 1;
    }
    let mut currency = None;
    if let Some((c, k)) = currency_at(toks, j, rules) {
        if names_a_year(toks, j, rules) {
            return None;
        }
        currency = Some(c);
        j = k;
    }
    let minus_word = toks.get(j).is_some_and(|t| t.is_word("minus"))
        && toks.get(j + 1).is_some_and(|n| n.kind == TokKind::Num || (n.is_punct('-') && !n.space_before));
    // A sign glued to the figure: "-5 degrees", and after a currency "$-50.8bn".
    let negative = minus_word
        || (toks.get(j).is_some_and(|t| t.is_punct('-') || t.is_punct('−'))
            && toks.get(j + 1).is_some_and(|n| n.kind == TokKind::Num && !n.space_before)
            && if currency.is_none() { j == 0 || toks[j].space_before } else { !toks[j].space_before });
    if minus_word && toks.get(j + 1).is_some_and(|n| n.is_punct('-')) {
        j += 1;
    }
    if negative {
        j += 1;
    }
    let first = toks.get(j)?;
    if first.kind != TokKind::Num && first.kind != TokKind::Word {
        return None;
    }
    if j == i && first.kind == TokKind::Num && identifier_before(toks, j, rules) {
        return None;
    }
    // "22nd amendment", "10th place": ordinals are not figures.
    if first.kind == TokKind::Num
        && toks
            .get(j + 1)
            .is_some_and(|s| !s.space_before && matches!(s.lower.as_ref(), "st" | "nd" | "rd" | "th"))
    {
        return None;
    }
    let (mut value, mut k, words, mut vague) = match figure_at(toks, j, rules) {
        Some((_, _, true, _)) if j == i && words_label(toks, j, rules) => return None,
        Some(f) => f,
        None => {
            let (lo, hi, k) = vague_at(toks, j)?;
            if toks.get(k).is_some_and(|t| t.is_word("of")) {
                // "thousands of people": the interval [1000, 10000], a range of its own
                let mut raw = base_raw(lo, qualifier, below, currency, true);
                raw.high = Some(hi);
                raw.qualifier = Qualifier::Range;
                return Some(Hit { from: i, to: k, raw });
            }
            return None;
        }
    };
    if negative {
        value = -value;
    }
    vague = vague && words;
    let mut raw = base_raw(value, qualifier, below, currency, words);
    raw.vague = vague;

    // Percent right after the first figure ("80-85%" is handled after the range).
    if let Some((points, k2)) = percent_at(toks, k) {
        raw.percent = true;
        raw.points = points;
        k = k2;
    }
    // Range: "200-300", "200 to 300", "between 200 and 300", "$540m to $1.8bn";
    // a unit may sit between ("between 15kHz and 17kHz", "from 208 pounds to 193").
    let unit_between = range_words.is_some()
        && toks.get(k).is_some_and(|t| t.kind == TokKind::Word && !t.is_word("and") && !t.is_word("to"))
        && toks.get(k + 1).is_some_and(|t| t.is_word("and") || t.is_word("to"))
        && toks.get(k + 2).is_some_and(|t| t.kind == TokKind::Num);
    let k_unit = k;
    if unit_between {
        k += 1;
    }
    let second_bigger = || figure_at(toks, k + 1, rules).is_some_and(|(v2, _, _, _)| v2 > raw.value);
    let connector = toks.get(k).map(|t| t.lower.as_ref());
    let is_range_link = match (range_words.as_deref(), connector) {
        (Some("between"), Some("and" | "to")) => true,
        (Some("from"), Some("to")) => true,
        (None, Some("-" | "–" | "—")) => {
            toks.get(k).is_some_and(|t| !t.space_before || t.text != "-") || second_bigger()
        }
        // "three or four years", "10 or 12 people"
        (None, Some("or")) => {
            qualifier == Qualifier::Exact && second_bigger() && currency_at(toks, k + 1, rules).is_none()
        }
        // "X to Y" is a range only when both sides are the same kind of figure: not
        // "rose 8% to 3.65", "by $43.6 billion to $419.2 billion", "$5 to 10 people".
        (None, Some("to")) => {
            qualifier == Qualifier::Exact
                && !(i > 0 && toks[i - 1].is_word("by"))
                && (raw.currency.is_none() == currency_at(toks, k + 1, rules).is_none()
                    || scaled_amount_to(toks, k + 1, raw.currency.is_some(), rules))
                && (!raw.percent
                    || figure_at(toks, k + 1, rules)
                        .is_some_and(|(_, m, _, _)| percent_at(toks, m).is_some()))
        }
        _ => false,
    };
    if !is_range_link {
        k = k_unit;
    }
    if is_range_link {
        let mut m = k + 1;
        if let Some((_, m2)) = currency_at(toks, m, rules) {
            m = m2;
        }
        if let Some((v2, m3, _, _)) = figure_at(toks, m, rules) {
            // A scale after the second figure only ("between 2 and 3 million") applies to both.
            let is_scale = |t: &Token| t.kind == TokKind::Word && rules.scales.contains_key(t.lower.as_ref());
            let (scaled_first, scaled_second) = (is_scale(&toks[k - 1]), is_scale(&toks[m3 - 1]));
            // ... unless the first is already the larger ("from $800,000 to $1.3 million").
            let scale2 = if scaled_second { rules.scales[toks[m3 - 1].lower.as_ref()] } else { 1.0 };
            if scaled_second && !scaled_first && !raw.percent && raw.value < v2 / scale2 {
                raw.value *= scale2;
            }
            if v2 != raw.value {
                raw.high = Some(v2);
                raw.qualifier = if qualifier == Qualifier::Exact { Qualifier::Range } else { qualifier };
                k = m3;
                if let Some((points, k2)) = percent_at(toks, k) {
                    raw.percent = true;
                    raw.points = points;
                    k = k2;
                }
            }
        }
    } else if range_words.is_some() {
        // "from 400" / "between 400" with no second figure: the figure alone.
        let (raw, k) = finish_currency(toks, i, k, raw, rules);
        return Some(Hit { from: i + 1, to: k, raw });
    }
    let (raw, k) = finish_currency(toks, i, k, raw, rules);
    // Words alone ("one", "two") are figures only with something after them; the
    // normalize stage drops those without a head noun.
    Some(Hit { from: i, to: k, raw })
}

/// A currency word or symbol after the figure ("50 dollars", "1.2 billion shillings",
/// "1,200€"), or glued by a hyphen after a scale ("a 20-million-dollar deal"); the
/// figure starts at `i`.
fn finish_currency(
    toks: &[Token],
    i: usize,
    k: usize,
    mut raw: NumberRaw,
    rules: &Rules,
) -> (NumberRaw, usize) {
    let glued = k >= 1
        && is_big_scale(&toks[k - 1].lower, rules)
        && toks.get(k).is_some_and(|t| t.is_punct('-') && !t.space_before)
        && toks.get(k + 1).is_some_and(|t| !t.space_before);
    let at = if glued { k + 1 } else { k };
    if raw.currency.is_none() && !raw.percent {
        if let Some((c, k2)) = currency_at(toks, at, rules) {
            // "275 pound-feet": a compound unit, not money.
            let compound = toks.get(k2).is_some_and(|t| t.is_punct('-') && !t.space_before);
            // A symbol after the figure is its currency ("1,200€", "45 ₪") unless it
            // opens the next figure ("5 $10 bills").
            let symbol_of_next =
                toks[at].kind != TokKind::Word && toks.get(k2).is_some_and(|t| t.kind == TokKind::Num);
            if !symbol_of_next && !compound && !a_weight(toks, i, at, k2, rules) {
                raw.currency = Some(c);
                return (raw, k2);
            }
        }
    }
    (raw, k)
}

/// "2,000 pounds of explosives", "weighed 180 pounds": a currency word at `at` (read
/// up to `end`) that `[measures]` also names is a measure when "of" follows it or a
/// form of "weigh" comes within three words before the figure at `i`.
fn a_weight(toks: &[Token], i: usize, at: usize, end: usize, rules: &Rules) -> bool {
    let measure = rules.measures.at(toks, at).is_some();
    let of = toks.get(end).is_some_and(|t| t.is_word("of"));
    let weighed = toks[i.saturating_sub(3)..i].iter().any(|t| t.lower.starts_with("weigh"));
    measure && (of || weighed)
}

fn base_raw(
    value: f64,
    qualifier: Qualifier,
    below: bool,
    currency: Option<String>,
    words: bool,
) -> NumberRaw {
    NumberRaw {
        value,
        high: None,
        qualifier,
        below,
        percent: false,
        points: false,
        currency,
        words,
        vague: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    type Read = Option<(f64, Option<f64>, Qualifier, bool, Option<String>)>;

    fn read(s: &str) -> Read {
        let rules = Rules::defaults();
        let toks = tokenize(s, 0);
        (0..toks.len()).find_map(|i| at(&toks, i, &rules)).map(|h| {
            let r = h.raw;
            (r.value, r.high, r.qualifier, r.percent, r.currency)
        })
    }

    #[test]
    fn figures_in_words_that_label_are_no_figures() {
        let rules = Rules::defaults();
        let values = |s: &str| -> Vec<f64> {
            crate::extract::scan(&tokenize(s, 0), &rules)
                .into_iter()
                .filter_map(|m| match m.raw {
                    crate::extract::Raw::Number(n) => Some(n.value),
                    _ => None,
                })
                .collect()
        };
        let cases: &[(&str, &[f64])] = &[
            ("He never got beyond round four in eight attempts", &[8.0]),
            ("the Phase Two analysis", &[]),
            ("injured in the RBS Six Nations opener", &[]),
            ("England's trip to Six Nations leaders Ireland", &[]),
            ("a Nationwide Division One trip", &[]),
            // near misses: something counted after it, a sentence's first word, no name
            ("knocked out in the fifth round four times", &[4.0]),
            ("phase two trials", &[2.0]),
            ("Six people died", &[6.0]),
            ("the six nations that signed", &[6.0]),
            ("he told Six people", &[6.0]),
        ];
        for (text, want) in cases {
            assert_eq!(values(text), *want, "{text}");
        }
    }

    #[test]
    fn digits() {
        assert_eq!(parse_digits("2,500"), Some(2500.0));
        assert_eq!(parse_digits("5.52"), Some(5.52));
        assert_eq!(parse_digits("1,2,3"), None);
        assert_eq!(parse_digits("0719012111"), None);
        assert_eq!(parse_digits("2483805"), Some(2483805.0));
        assert_eq!(parse_digits("99999999999999999999999"), None);
        assert_eq!(parse_digits("0"), Some(0.0));
    }

    #[test]
    fn figures_qualifiers_ranges() {
        use Qualifier::*;
        let usd = || Some("USD".to_string());
        let cases: Vec<(&str, Read)> = vec![
            ("400 officers", Some((400.0, None, Exact, false, None))),
            ("about 400 officers", Some((400.0, None, Approx, false, None))),
            ("over 5,000 people", Some((5000.0, None, MoreThan, false, None))),
            ("at least 5,000", Some((5000.0, None, AtLeast, false, None))),
            ("up to 2,500", Some((2500.0, None, AtMost, false, None))),
            ("fewer than 200", Some((200.0, None, LessThan, false, None))),
            ("between 200 and 300 people", Some((200.0, Some(300.0), Range, false, None))),
            ("200–300 people", Some((200.0, Some(300.0), Range, false, None))),
            ("80 per cent of", Some((80.0, None, Exact, true, None))),
            ("85% of", Some((85.0, None, Exact, true, None))),
            ("$18 million", Some((18e6, None, Exact, false, usd()))),
            ("$5.52bn", Some((5.52e9, None, Exact, false, usd()))),
            ("KSh 1.2 billion", Some((1.2e9, None, Exact, false, Some("KES".into())))),
            ("a fine of 500 pounds", Some((500.0, None, Exact, false, Some("GBP".into())))),
            // Near-misses: pounds of a thing, and pounds weighed, are a weight.
            ("seized 2,000 pounds of explosives", Some((2000.0, None, Exact, false, None))),
            ("he weighed about 180 pounds", Some((180.0, None, Approx, false, None))),
            ("six hundred officers", Some((600.0, None, Exact, false, None))),
            ("a hundred and forty people", Some((140.0, None, Exact, false, None))),
            ("two thousand and ten people", Some((2010.0, None, Exact, false, None))),
            // Near-miss: "and" after a figure below a hundred joins two figures.
            ("between two and three people", Some((2.0, Some(3.0), Range, false, None))),
            // A ratio is a share.
            ("about one in five flights", Some((0.2, None, Approx, false, None))),
            ("only 3 out of 10 households", Some((0.3, None, Exact, false, None))),
            // Near-misses: a year, a time span.
            ("one in 2020", Some((1.0, None, Exact, false, None))),
            ("3 in 10 days", Some((3.0, None, Exact, false, None))),
            ("twenty-five people", Some((25.0, None, Exact, false, None))),
            ("12 million Haitians", Some((12e6, None, Exact, false, None))),
            ("between 2 and 3 million", Some((2e6, Some(3e6), Range, false, None))),
            ("$540m to $1.8bn", Some((540e6, Some(1.8e9), Range, false, usd()))),
            ("a $4-billion settlement", Some((4e9, None, Exact, false, usd()))),
            ("$2.5 billion to 4 billion", Some((2.5e9, Some(4e9), Range, false, usd()))),
            ("$5 to 10 people", Some((5.0, None, Exact, false, usd()))),
            ("a 20-million-dollar deal", Some((2e7, None, Exact, false, usd()))),
            // Near-misses: a glued letter is no scale, nor is a hyphen with a space.
            ("a 5-m wall", Some((5.0, None, Exact, false, None))),
            ("5 - million", Some((5.0, None, Exact, false, None))),
            ("Resolution 2699", None),
            ("the S&P 500 rose", None),
            ("half a million people", Some((500000.0, None, Exact, false, None))),
            ("worth $US55,931,000", Some((55931000.0, None, Exact, false, usd()))),
            ("4 hundred million people", Some((4e8, None, Exact, false, None))),
            ("between seven to 10 years", Some((7.0, Some(10.0), Range, false, None))),
            ("two-thirds of voters", Some((2.0 / 3.0, None, Exact, false, None))),
            ("1/2 cup", Some((0.5, None, Exact, false, None))),
            ("the 22nd amendment", None),
            ("minus 387 degrees", Some((-387.0, None, Exact, false, None))),
            ("three or four years", Some((3.0, Some(4.0), Range, false, None))),
            ("2000 - 2500 homes", Some((2000.0, Some(2500.0), Range, false, None))),
            ("between 15kHz and 17kHz", Some((15.0, Some(17.0), Range, false, None))),
            ("from 208 pounds to 193", Some((208.0, Some(193.0), Range, false, None))),
            ("a Boeing 737 jet", None),
            ("Hurricane Dora, a Category 4 storm", Some((4.0, None, Exact, false, None))),
            ("a dozen homes", Some((12.0, None, Exact, false, None))),
            ("tens of thousands of people", Some((10000.0, Some(100000.0), Range, false, None))),
            ("hundreds of homes", Some((100.0, Some(1000.0), Range, false, None))),
            ("the lead up to 3G networks", Some((3.0, None, Exact, false, None))),
            ("the build up to 500 homes", Some((500.0, None, Exact, false, None))),
            ("it holds up to 500 homes", Some((500.0, None, AtMost, false, None))),
            ("children under the age of 5", Some((5.0, None, LessThan, false, None))),
            ("visitors over the age of 65", Some((65.0, None, MoreThan, false, None))),
            ("from $800,000 to $1.3 million", Some((800000.0, Some(1.3e6), Range, false, usd()))),
            ("rose 8.15% to 3.65", Some((8.15, None, Exact, true, None))),
            ("-5 degrees", Some((-5.0, None, Exact, false, None))),
            ("3.5m", Some((3.5e6, None, Exact, false, None))),
            ("10-15 minutes", Some((10.0, Some(15.0), Range, false, None))),
            ("50 dollars", Some((50.0, None, Exact, false, usd()))),
            // A symbol after its figure, glued or not; near-miss: one that opens the
            // next figure is that one's.
            ("a notebook for 1,200€", Some((1200.0, None, Exact, false, Some("EUR".into())))),
            ("it costs 45 € a month", Some((45.0, None, Exact, false, Some("EUR".into())))),
            ("5 $10 bills", Some((5.0, None, Exact, false, None))),
            // Transliterated symbols: "£" as "PS", "¥" as "Y=" (glued "PS" only).
            ("a PS6m bonus", Some((6e6, None, Exact, false, Some("GBP".into())))),
            ("cost PS21,700", Some((21700.0, None, Exact, false, Some("GBP".into())))),
            ("profit of Y=590 billion", Some((590e9, None, Exact, false, Some("JPY".into())))),
            ("PS 22 in Queens", Some((22.0, None, Exact, false, None))),
            ("9 billion shekels", Some((9e9, None, Exact, false, Some("ILS".into())))),
            // A name before a figure is a model ("Boeing 737") unless a scale,
            // measure or currency follows.
            ("Israel's 9 billion shekels", Some((9e9, None, Exact, false, Some("ILS".into())))),
            ("Tylenol 500mg tablets", Some((500.0, None, Exact, false, None))),
            ("the Boeing 737 jets", None),
            // Leading-dot decimals and the fraction slash.
            ("a .500 record", Some((0.5, None, Exact, false, None))),
            ("to .001 per cent", Some((0.001, None, Exact, true, None))),
            ("1⁄32 of a quart", Some((1.0 / 32.0, None, Exact, false, None))),
            ("1⁄128 of a gallon", Some((1.0 / 128.0, None, Exact, false, None))),
            // Near-miss: "1/128" with a plain slash may be anything (a score, a code).
            ("1/128 of a gallon", Some((1.0, None, Exact, false, None))),
            // Scientific notation.
            ("1.99×10−30 kilograms", Some((1.99e-30, None, Exact, false, None))),
            ("6.02 x 10^23 atoms", Some((6.02e23, None, Exact, false, None))),
            ("2 x 10 metres", Some((2.0, None, Exact, false, None))),
            // A glued "m" is metres before a dimension, a hyphen or a conversion.
            ("a 37m (121ft) skeleton", Some((37.0, None, Exact, false, None))),
            ("3.5m high", Some((3.5, None, Exact, false, None))),
            ("a 37m-long hall", Some((37.0, None, Exact, false, None))),
            ("3.5m people", Some((3.5e6, None, Exact, false, None))),
            ("$3m (PS2.4m)", Some((3e6, None, Exact, false, usd()))),
            // Signs and qualifiers.
            ("to $-50.8bn", Some((-50.8e9, None, Exact, false, usd()))),
            ("sub-7 nanometre chips", Some((7.0, None, LessThan, false, None))),
            ("in sub-Saharan states, 40 of them", Some((40.0, None, Exact, false, None))),
            ("just under 20 percent", Some((20.0, None, LessThan, true, None))),
            ("just over 20 percent", Some((20.0, None, MoreThan, true, None))),
            ("~1.2mm", Some((1.2, None, Approx, false, None))),
            ("averaging 15.9 degrees", Some((15.9, None, Approx, false, None))),
            // "an average of" names a mean; "the second half" a part of a game.
            ("an average of 20 a week", Some((20.0, None, Exact, false, None))),
            ("half the revenue", Some((0.5, None, Exact, false, None))),
            ("in the second half of play", None),
            // Shares in words; an ordinal before its noun is no fraction.
            ("one fourth of the vote", Some((0.25, None, Exact, false, None))),
            ("one out of three voters", Some((1.0 / 3.0, None, Exact, false, None))),
            ("4 out of 10 adults", Some((0.4, None, Exact, false, None))),
            ("profits fell by a third in May", Some((1.0 / 3.0, None, Exact, false, None))),
            ("she won a third term", None),
            ("a fourth straight win", None),
            ("a third-party audit", None),
            ("flags at half-staff", None),
            ("two-thirds of voters agreed", Some((2.0 / 3.0, None, Exact, false, None))),
            ("lower than 8.90 ksi", Some((8.9, None, LessThan, false, None))),
            ("almost S $1mil", Some((1e6, None, Approx, false, Some("SGD".into())))),
            ("275 pound-feet of torque", Some((275.0, None, Exact, false, None))),
        ];
        for (text, want) in cases {
            assert_eq!(read(text), want, "{text}");
        }
    }
}
