//! Stage 2: sentences and the raw numeric and dated mentions in them.
//!
//! Works on a masked copy of the text (noise and furniture blanked, same offsets),
//! tokenizes each sentence that may hold a mention once (most hold none: a digit or a
//! mention word tells), and runs the recognizers left to right: dates and times
//! first (so "2025-2027" is a term, not a count), then durations, then figures.
//! Nothing here resolves a date or decides what a figure counts: that is normalize.

pub mod date;
pub mod number;
pub mod sentence;

pub use date::{DateRaw, DurationRaw, Rel};
pub use number::NumberRaw;

use crate::load::Document;
use crate::model::Qualifier;
use crate::rules::{Map, Rules, Set, TimeUnit};
use crate::text::{TokKind, Token, tokenize};

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
    /// Its masked text.
    pub text: &'a str,
    /// Tokens (from the masked text; offsets are the document's); none for a
    /// sentence that cannot hold a mention ([`Sentence::words`] makes them).
    pub tokens: Vec<Token<'a>>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
}

impl<'a> Sentence<'a> {
    /// Its tokens, made here when extraction left them unmade (a sentence with no
    /// mention, read only for what it says of the next one).
    pub fn words(&self) -> std::borrow::Cow<'_, [Token<'a>]> {
        if self.tokens.is_empty() && !self.text.is_empty() {
            std::borrow::Cow::Owned(tokenize(self.text, self.span.0))
        } else {
            std::borrow::Cow::Borrowed(&self.tokens)
        }
    }
}

impl Mention {
    /// Byte span in the document.
    pub fn span(&self, s: &Sentence) -> (usize, usize) {
        (s.tokens[self.from].start, s.tokens[self.to - 1].end)
    }
}

/// Masks a document for extraction (see [`sentence::mask`]).
pub fn masked(doc: &Document, rules: &Rules) -> String {
    sentence::mask(doc.whole(), doc.body_start, rules)
}

/// Every sentence of `masked` text with its mentions.
pub fn extract<'a>(masked: &'a str, rules: &Rules) -> Vec<Sentence<'a>> {
    sentence::sentences(masked)
        .into_iter()
        .map(|(a, b)| {
            let text = &masked[a..b];
            if !may_mention(text, rules) {
                return Sentence { span: (a, b), text, tokens: Vec::new(), mentions: Vec::new() };
            }
            let tokens = tokenize(text, a);
            let mentions = scan(&tokens, rules);
            Sentence { span: (a, b), text, tokens, mentions }
        })
        .collect()
}

/// The recognizers' own words that make a mention with no digit, beside the rules'
/// number words, scales and time units: days named relative to the article and the
/// times of day that have a name (date.rs), fractions and vague plurals (number.rs).
const WORDS: &str = "now currently presently yesterday today tonight tomorrow weekend noon midday midnight \
    half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths eighth eighths tenth \
    tenths dozens hundreds thousands millions billions tens";

/// The words (lower case; time units as stems) one of which every mention with no
/// digit holds: month and weekday names, number words and scales, time units and
/// [`WORDS`]. Built once, with the rules.
pub fn mention_words(
    number_words: &Map<String, f64>,
    scales: &Map<String, f64>,
    durations: &Map<String, TimeUnit>,
) -> Set<String> {
    crate::calendar::names()
        .chain(WORDS.split_whitespace())
        .map(str::to_string)
        .chain(number_words.keys().chain(scales.keys()).chain(durations.keys()).cloned())
        .collect()
}

/// Whether a sentence may hold a mention: a digit, or a word every digit-less mention
/// is made of ([`mention_words`]). Most sentences of news hold no figure and no date
/// (61% of BBC's), and the recognizers, tried at every token, are most of the cost of
/// extraction: a sentence that holds none of them is neither tokenized nor scanned.
/// Its words are read as the tokenizer reads them (alphanumeric runs, lower case,
/// stemmed), split at apostrophes too: "year's" is read as "year" and "s", never
/// missing a word the token would have matched.
fn may_mention(text: &str, rules: &Rules) -> bool {
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let mut lower = String::new();
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).any(|w| {
        lower.clear();
        if w.is_ascii() {
            lower.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            lower.extend(w.chars().flat_map(char::to_lowercase));
        }
        rules.mention_words.contains(lower.as_str())
            || rules.mention_words.contains(crate::text::stem(&lower).as_ref())
    })
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
    inherit_hedges(toks, &mut out);
    share_currency(toks, &mut out);
    out
}

/// The currency written after the second figure of "from X to Y" is the first's too,
/// when hedges keep the two apart as figures of their own: in "ranging from less
/// than half a million to over 1 billion dollars" both are dollars.
fn share_currency(toks: &[Token], out: &mut [Mention]) {
    for n in 1..out.len() {
        let (a, b) = out.split_at_mut(n);
        let (prev, next) = (&mut a[n - 1], &b[0]);
        let (Raw::Number(p), Raw::Number(q)) = (&mut prev.raw, &next.raw) else {
            continue;
        };
        let linked = next.from == prev.to + 1 && toks[prev.to].is_word("to");
        let opened = prev.from > 0 && toks[prev.from - 1].is_word("from");
        if linked && opened && p.currency.is_none() && !p.percent && p.high.is_none() {
            p.currency.clone_from(&q.currency);
        }
    }
}

/// A conversion in brackets right after a hedged figure carries its hedge: in "more
/// than 100 kilometres (60 miles)" the 60 is more than 60 too, and so is each further
/// conversion in the brackets ("just under 296 hp (224 kW / 300 PS)").
fn inherit_hedges(toks: &[Token], out: &mut [Mention]) {
    let mut carried = false;
    for n in 1..out.len() {
        let (a, b) = out.split_at_mut(n);
        let (prev, next) = (&a[n - 1], &mut b[0]);
        let (Raw::Number(p), Raw::Number(q)) = (&prev.raw, &mut next.raw) else {
            carried = false;
            continue;
        };
        // The figure's unit may sit between: "100 kilometres (60", "296 hp (224".
        let gap = &toks[prev.to..next.from];
        let opens = |t: &Token| t.is_punct('(') || (carried && t.is_punct('/'));
        let bracketed = gap.last().is_some_and(opens)
            && gap.len() <= 4
            && gap[..gap.len() - 1].iter().all(|t| t.kind == TokKind::Word);
        let hedged = !matches!(p.qualifier, Qualifier::Exact | Qualifier::Range);
        carried =
            bracketed && hedged && q.qualifier == Qualifier::Exact && q.high.is_none() && p.high.is_none();
        if carried {
            q.qualifier = p.qualifier;
            q.below = p.below;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words around the recognizers' own (cues, hedges, parts of a day, capitalised
    /// names), a few mention words, and random ones.
    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const NEAR: &str = "a an few several many recent numerous last next this past coming previous for \
            over about more than up to per cent percent minus between from the of ago old early late mid end \
            fiscal season spring summer autumn winter morning evening night afternoon overnight Christmas \
            dawn and or in on at by since until through St Mar Sun Wed first second one's year's - , . ( ) \
            $ £ % half May week Sunday ten dozens";
        let near: Vec<String> = NEAR.split_whitespace().map(String::from).collect();
        prop_oneof![proptest::sample::select(near), "[A-Za-z]{1,8}"]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        #[test]
        fn the_prefilter_never_skips_a_sentence_with_a_mention(words in proptest::collection::vec(word(), 1..24)) {
            static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(Rules::defaults);
            let text = words.join(" ");
            let toks = tokenize(&text, 0);
            if !scan(&toks, &RULES).is_empty() {
                proptest::prop_assert!(may_mention(&text, &RULES), "{}", text);
            }
        }
    }

    #[test]
    fn every_mention_holds_a_digit_or_a_mention_word() {
        // Mentions with no digit, one per recognizer path, then every sentence of the
        // seeds and the fixtures: a sentence the prefilter skips must hold no mention.
        let mut texts: Vec<String> = [
            // One mention word each, so that each is needed.
            "Half of the voters stayed home.",
            "A third of the city is under gang control.",
            "A quarter of the staff left.",
            "Dozens of people were hurt.",
            "Hundreds of homes burned.",
            "Thousands of flights were cancelled.",
            "Millions of people watched.",
            "Tens of thousands of acres burned.",
            "Twenty-five officers arrived.",
            "A dozen police cars came.",
            "It happened yesterday.",
            "It happens today.",
            "Come back tonight.",
            "It resumes tomorrow.",
            "The team landed last Tuesday.",
            "The talks resume this weekend.",
            "It ends at noon.",
            "They met at midday.",
            "It ends at midnight.",
            "Officers are currently deployed.",
            "They now patrol the port.",
            "The port is presently closed.",
            "The mission began in March.",
            "It took several months.",
            "The ceasefire held for weeks.",
            "It lasted a decade.",
        ]
        .map(String::from)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("seeds"), root.join("tests/fixtures")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().map(Result::unwrap) {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                    texts.push(std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        let rules = Rules::defaults();
        let mut scanned = 0;
        for t in &texts {
            for (a, b) in sentence::sentences(t) {
                let toks = tokenize(&t[a..b], a);
                if !scan(&toks, &rules).is_empty() {
                    scanned += 1;
                    assert!(may_mention(&t[a..b], &rules), "skipped a sentence with a mention: {}", &t[a..b]);
                }
            }
        }
        assert!(scanned > 100, "only {scanned} sentences with mentions");
        // Near misses: words that only look like mention words are no reason to scan.
        for s in [
            "The mayor said the plan was sound.",
            "Thirdly, the envoy left.",
            "The envoy thanked the second secretary.",
        ] {
            assert!(!may_mention(s, &rules), "{s}");
        }
    }

    fn qualifiers(s: &str) -> Vec<Qualifier> {
        let rules = Rules::defaults();
        let toks = tokenize(s, 0);
        scan(&toks, &rules)
            .into_iter()
            .filter_map(|m| match m.raw {
                Raw::Number(n) => Some(n.qualifier),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_currency_word_before_a_bare_year_names_a_tournament() {
        let rules = Rules::defaults();
        let kinds = |s: &str| -> Vec<String> {
            scan(&tokenize(s, 0), &rules)
                .into_iter()
                .map(|m| match m.raw {
                    Raw::Date(d) => format!("date {}", d.year.unwrap_or_default()),
                    Raw::Number(n) => format!("{} {}", n.currency.unwrap_or_default(), n.value),
                    Raw::Duration(_) => "duration".into(),
                })
                .collect()
        };
        let cases: &[(&str, &[&str])] = &[
            ("their final Euro 2004 qualifier", &["date 2004"]),
            ("Umbro profits lifted by Euro 2004", &["date 2004"]),
            ("England's exit from Euro 2004.", &["date 2004"]),
            // Near-misses: a code, a symbol, a scale, a figure that is no year.
            ("a fee of EUR 2004", &["EUR 2004"]),
            ("a fee of €2004", &["EUR 2004"]),
            ("a Euro 2004m deal", &["EUR 2004000000"]),
            ("a Euro 500 fine", &["EUR 500"]),
        ];
        for (text, want) in cases {
            assert_eq!(kinds(text), *want, "{text}");
        }
    }

    #[test]
    fn from_to_shares_the_second_figures_currency() {
        let rules = Rules::defaults();
        let currencies = |s: &str| -> Vec<Option<String>> {
            scan(&tokenize(s, 0), &rules)
                .into_iter()
                .filter_map(|m| match m.raw {
                    Raw::Number(n) => Some(n.currency),
                    _ => None,
                })
                .collect()
        };
        let usd = || Some("USD".to_string());
        let cases: &[(&str, Vec<Option<String>>)] = &[
            ("costs ranging from less than half a million to over 1 billion dollars", vec![usd(), usd()]),
            ("from about 300 to more than $2 million", vec![usd(), usd()]),
            // near misses: no "from", another word between, a share
            ("less than half a million to over 1 billion dollars", vec![None, usd()]),
            ("from 300 people to over 1 billion dollars", vec![None, usd()]),
            ("from about 30% to more than $2 million", vec![None, usd()]),
        ];
        for (text, want) in cases {
            assert_eq!(currencies(text), *want, "{text}");
        }
    }

    #[test]
    fn bracketed_conversions_inherit_the_hedge() {
        use Qualifier::*;
        let cases: &[(&str, &[Qualifier])] = &[
            ("more than 100 kilometres (60 miles)", &[MoreThan, MoreThan]),
            ("just under 296 hp (224 kW)", &[LessThan, LessThan]),
            ("about 5 km (3 miles)", &[Approx, Approx]),
            ("just under 296 hp (224 kW / 300 PS)", &[LessThan, LessThan, LessThan]),
            // near misses: no hedge, not a bracketed conversion, a hedge of its own
            ("100 kilometres (60 miles)", &[Exact, Exact]),
            ("more than 100 people (see 60 below)", &[MoreThan, Exact]),
            ("over 100 km (about 60 miles)", &[MoreThan, Approx]),
            ("296 hp (224 kW / 300 PS)", &[Exact, Exact, Exact]),
            ("under 296 hp, 224 kW / 300 PS", &[LessThan, Exact, Exact]),
        ];
        for (text, want) in cases {
            assert_eq!(qualifiers(text), *want, "{text}");
        }
    }
}
