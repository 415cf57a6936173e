//! What the words around a mention say: the head noun it counts, its role, whether it
//! is promised or done, the event, the entities, and the tense.

use std::sync::LazyLock;

use crate::model::{Modality, Role};
use crate::rules::{Lexicon, Rules, Set};
use crate::text::{TokKind, Token};

use super::resolve::Tense;

/// How far (in tokens) context is read on each side of a mention: a sentence is
/// normally shorter, and an unpunctuated wall of text must not cost the square of
/// its length.
pub const CONTEXT: usize = 40;

/// Words that end the noun phrase after a figure.
const STOP: &[&str] = &[
    "to", "in", "of", "at", "for", "on", "by", "from", "with", "since", "during", "and", "or", "that", "who",
    "which", "as", "than", "were", "was", "are", "is", "have", "has", "had", "will", "would", "be", "been",
    "being", "per", "a", "an", "the", "into", "across", "over", "under", "after", "before", "while", "when",
    "where", "each", "this", "these", "those", "their", "his", "her", "its", "our", "but", "so", "if",
    "then", "not", "also", "could", "should", "may", "might", "can", "there", "here", "up", "out", "off",
    "down", "about", "against", "between", "among", "through", "until", "within", "without", "said", "says",
    "say", "more", "less", "fewer", "last", "next", "ago", "old", "s", "them", "us", "it", "they", "we",
    "you", "him", "whom", "what", "all", "both",
];

/// [`STOP`] hashed: it is asked of nearly every word around every claim.
static STOP_SET: LazyLock<Set<&str>> = LazyLock::new(|| STOP.iter().copied().collect());

/// [`STOP`] and the calendar's names: the words of a window that say nothing of what
/// the claim is about ([`content_words`]).
static NOT_CONTENT: LazyLock<Set<&str>> =
    LazyLock::new(|| STOP.iter().copied().chain(crate::calendar::names()).collect());

/// Whether `w` is a function word (ends a noun phrase): "to", "the", "was".
pub fn is_function_word(w: &str) -> bool {
    STOP_SET.contains(w)
}

/// Words skipped between a figure and its noun ("600 more Kenyan police officers").
const SKIP: &[&str] = &[
    "more",
    "additional",
    "extra",
    "further",
    "new",
    "other",
    "fresh",
    "of",
    "the",
    "its",
    "their",
    "his",
    "her",
    "our",
];

/// The unit of a mobile network generation ("5G").
const GENERATION: &str = "generation wireless";

/// The noun phrase after a figure: the canonical unit when a lexicon phrase is in it,
/// else the last word's singular. `measure` is set when the unit is a measure.
pub fn head_noun(toks: &[Token], to: usize, rules: &Rules) -> Option<(String, bool)> {
    let mut k = to;
    let mut words = 0;
    let mut last: Option<&Token> = None;
    let mut phrase: Vec<String> = Vec::new();
    // "of" directly after ("400 of the officers") is allowed once.
    let mut compound = false;
    while let Some(t) = toks.get(k) {
        if t.kind != TokKind::Word {
            if t.is_punct('-') && !t.space_before && last.is_none() {
                k += 1;
                compound = true;
                continue; // "a 10-member team"
            }
            break;
        }
        // "5G", "4G networks": a capital G glued to a small figure is a network
        // generation, not grams ("45g").
        let generation = to > 0 && ["2", "3", "4", "5", "6"].contains(&toks[to - 1].text);
        if k == to && !t.space_before && t.text == "G" && generation {
            return Some((GENERATION.to_string(), true));
        }
        if let Some((n, u)) = rules.measures.at(toks, k) {
            return Some((rate(toks, k + n, u, rules), true));
        }
        // A fraction of a measure: "1/4 of a gram".
        if words == 0 && t.is_word("of") && toks.get(k + 1).is_some_and(|a| a.is_word("a") || a.is_word("an"))
        {
            if let Some((_, u)) = rules.measures.at(toks, k + 2) {
                return Some((u.clone(), true));
            }
        }
        if let Some((n, u)) = rules.units.at(toks, k).filter(|_| rules.units.spelt_at(toks, k)) {
            // Prefer the longest match, but a later unit word in the same phrase
            // ("police officers") wins over an earlier modifier.
            let mut best = u.clone();
            let mut j = k + n;
            while let Some(t2) =
                toks.get(j).filter(|t| t.kind == TokKind::Word && !is_function_word(t.lower.as_ref()))
            {
                if let Some((n2, u2)) = rules.units.at(toks, j) {
                    // "40 people live in the town": a verb that shares a unit's stem
                    // ends the phrase.
                    if !rules.units.spelt_at(toks, j) {
                        break;
                    }
                    best = u2.clone();
                    j += n2;
                } else if is_plural(&t2.lower) && rules.events.at(toks, j).is_some_and(|(n2, _)| n2 == 1) {
                    // "38,600 flight delays": the head noun names an event, the count
                    // is of it (see `normalize::event_named`); "400 officers sent"
                    // is no noun.
                    best = format!("{best} {}", singular(&t2.lower));
                    j += 1;
                    break;
                } else if t2.is_capitalized() || ends_like_verb(&t2.lower) {
                    break;
                } else {
                    j += 1;
                }
                if j > k + 4 {
                    break;
                }
            }
            return Some((rate(toks, j, &best, rules), false));
        }
        // "a 10-member team", "a four-cylinder engine": the compound counts its
        // first noun, the rest is what it describes.
        if compound && words == 0 && !t.space_before && !is_function_word(t.lower.as_ref()) {
            return Some((rate(toks, k + 1, &singular(&t.lower), rules), false));
        }
        let lw = t.lower.as_ref();
        if SKIP.contains(&lw) && words == 0 {
            k += 1;
            continue;
        }
        // "20 decently sized coal-fired plants", "40 locally produced cars": an adverb
        // and the participle it modifies say how, not what ("5 family members" has no
        // participle, "this one clearly overstepped the mark" no noun after its verb).
        let noun_after = |n: &Token| n.kind == TokKind::Word && !is_function_word(&n.lower);
        if words == 0
            && lw.ends_with("ly")
            && toks.get(k + 1).is_some_and(|n| ends_like_verb(&n.lower))
            && toks.get(k + 2).is_some_and(noun_after)
        {
            k += 2;
            continue;
        }
        // "two-thirds of the island's residents": a possessive is the noun's owner.
        if (lw.ends_with("'s") || lw.ends_with("’s")) && joins_words(toks, k) {
            k += 1;
            continue;
        }
        if (lw == "and" || lw == "or") && last.is_some_and(|l| shared_modifier(l)) && joins_words(toks, k) {
            k += 1;
            continue;
        }
        if is_function_word(lw) || (ends_like_verb(lw) && words > 0) || rules.number_words.contains_key(lw) {
            break;
        }
        // "400 charging stations": a participle before a noun modifies it.
        let modifies = toks.get(k + 1).is_some_and(|n| {
            n.kind == TokKind::Word
                && !n.is_capitalized()
                && !is_function_word(n.lower.as_ref())
                && !ends_like_verb(&n.lower)
        });
        if ends_like_verb(lw) && words == 0 && !lw.ends_with("ings") && !modifies {
            break;
        }
        last = Some(t);
        phrase.push(t.lower.to_string());
        words += 1;
        k += 1;
        // "first-team players": a glued hyphen joins two words of the phrase.
        while toks.get(k).is_some_and(|d| d.is_punct('-') && !d.space_before)
            && toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Word && !n.space_before)
        {
            let joined = format!("{}-{}", phrase.pop().unwrap_or_default(), toks[k + 1].lower);
            phrase.push(joined);
            k += 2;
        }
        // A plural ends the phrase: "slots available", "fans went"; not a name that
        // only looks plural before the unit word it modifies ("8.5 million Windows
        // devices").
        if is_plural(&t.lower)
            && toks.get(k - 1).is_some_and(|l| l.lower == t.lower)
            && !names_noun(toks, k, rules)
        {
            break;
        }
        if words >= 4 {
            break;
        }
    }
    // The whole noun phrase, its last word singular: "two smaller tenancies" counts
    // "smaller tenancy", not tenancies of any kind.
    let _ = last?;
    let mut words = phrase;
    let head = singular(&words.pop()?);
    // "31 reports of missing persons are still open": each report is of one person,
    // and the figure counts the people ("31 reports of looting" stay reports).
    if words.is_empty() && REPORTS.contains(&head.as_str()) && toks.get(k).is_some_and(|t| t.is_word("of")) {
        if let Some(people) = head_noun(toks, k + 1, rules).filter(|(u, _)| u == PEOPLE) {
            return Some(people);
        }
    }
    words.push(head);
    Some((rate(toks, k, &words.join(" "), rules), false))
}

/// Nouns that stand for one person each when they are "of" people ("reports of
/// missing persons", "cases of people infected").
const REPORTS: &[&str] = &["report", "case"];

/// The unit of people (rules.toml `[units] people`).
const PEOPLE: &str = "people";

/// A word before "and" that modifies the noun after the coordination: a name or an
/// adjective ("460 Kia and Hyundai vehicles", "4.3M digital and physical sales"
/// count vehicles and sales). A noun keeps its own count: "12 men and women", "2 TDs
/// and threw".
fn shared_modifier(t: &Token) -> bool {
    const ADJECTIVE: &[&str] = &["al", "ic", "ous", "ive", "ful", "less", "ary", "ian"];
    let adjective = t.lower.len() > 4 && ADJECTIVE.iter().any(|e| t.lower.ends_with(e));
    !t.lower.ends_with('s') && (t.is_capitalized() || adjective)
}

/// Whether the conjunction at `k` joins two words of one noun phrase: a word follows
/// it that could go on the phrase.
fn joins_words(toks: &[Token], k: usize) -> bool {
    toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Word && !is_function_word(n.lower.as_ref()))
}

/// A unit read as a rate when "per" or "a"/"an" and a time unit follow it: "barrels a
/// day" is "barrel per day", "tests per day" "test per day", "11 feet per century"
/// "foot per century".
fn rate(toks: &[Token], k: usize, unit: &str, rules: &Rules) -> String {
    if unit.contains(" per ") {
        return unit.to_string();
    }
    match per_unit(toks, k, rules) {
        Some(per) => format!("{unit} per {per}"),
        None => unit.to_string(),
    }
}

/// What a figure is given per when "per" or "a"/"an" and a unit follow it at `k`: a
/// measure's canonical name ("per sq m" is per square metre, "an ounce"), else the
/// word's singular after "per" ("per share"), or a time unit ("a month"; not "a year
/// ago", an offset).
pub fn per_unit(toks: &[Token], k: usize, rules: &Rules) -> Option<String> {
    let w = toks.get(k)?;
    let n = toks.get(k + 1).filter(|n| n.kind == TokKind::Word && !n.is_capitalized())?;
    let per = w.is_word("per");
    if !(per || w.is_word("a") || w.is_word("an") || w.is_word("each") || w.is_word("every")) {
        return None;
    }
    if let Some((_, m)) = rules.measures.at(toks, k + 1) {
        return Some(m.clone());
    }
    let time = rules.durations.contains_key(n.stem.as_ref()) || n.is_word("century");
    if time && rules.time_offset.at(toks, k + 2).is_some() {
        return None;
    }
    (time || per && !is_function_word(n.lower.as_ref()) && n.lower != "cent").then(|| singular(&n.lower))
}

/// Whether the word before `k` is a capitalized name and the word at `k` a unit word
/// it modifies, spelt as one: "Windows devices", not "Mexicans live" (the verb only
/// shares the stem of "lives"), "Lakers won" or "Hearts fans" (no unit word: the
/// plural stays the head).
fn names_noun(toks: &[Token], k: usize, rules: &Rules) -> bool {
    let Some(n) = toks.get(k).filter(|n| n.kind == TokKind::Word && n.space_before) else { return false };
    toks[k - 1].is_capitalized()
        && !n.is_capitalized()
        && rules.units.at(toks, k).is_some()
        && rules.units.spelt_at(toks, k)
}

/// Whether a word looks like a plural noun ("slots", "fans"; not "glass", "bonus").
fn is_plural(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
}

/// A unit word right before the figure: "Category 4", "magnitude 7.1".
pub fn unit_before(toks: &[Token], from: usize, rules: &Rules) -> Option<String> {
    let (n, u) = rules.measures.ending(toks, from)?;
    // "a 2.4-liter four-cylinder engine": the unit is the figure's before it.
    let num = |i: usize| toks[i].kind == TokKind::Num;
    let owned = (from - n)
        .checked_sub(1)
        .is_some_and(|p| num(p) || (p > 0 && toks[p].is_punct('-') && !toks[p].space_before && num(p - 1)));
    (!owned).then(|| u.clone())
}

/// Words right before a figure that make it the value of a subject named earlier in
/// its clause: "the death toll ... has reached 93", "risen to 80", "stood at 114",
/// "their previous toll of 115".
const VALUE_OF: &[&str] = &["to", "at", "of", "reached", "hit", "was", "is", "were", "are"];

/// The unit a figure with no noun after it takes from its clause's subject: the
/// nearest unit phrase within sixteen words before it ("The number of confirmed
/// deaths ... has risen to 80", "The death toll from the Aug. 8 fire on the island of
/// Maui stands at 115"). A bare figure ("closed at 16,644") has none and stays
/// ungrouped.
pub fn unit_named_before(toks: &[Token], from: usize, rules: &Rules) -> Option<String> {
    let prev = toks.get(from.checked_sub(1)?)?;
    if !VALUE_OF.contains(&prev.lower.as_ref()) {
        return None;
    }
    let (a, _) = window(toks, from, from, 16, 0);
    for k in (a..from - 1).rev() {
        if let Some((n, u)) = rules.units.at(toks, k) {
            // The phrase must end before the figure's verb, not run into it.
            if k + n < from {
                return Some(u.clone());
            }
        }
    }
    None
}

fn ends_like_verb(w: &str) -> bool {
    (w.ends_with("ed") || w.ends_with("ing")) && w.len() > 4
}

/// A word capitalised only because it opens the sentence (or the text after a
/// dateline's dash or a colon) and looks like no name: a short word, a verb form or an
/// adverb ("It", "Boasting", "Insured losses", "Initially, ...").
fn common_opener(toks: &[Token], i: usize) -> bool {
    let opens = i == 0 || toks[i - 1].is_punct('—') || toks[i - 1].is_punct('–') || toks[i - 1].is_punct(':');
    let w = &toks[i].lower;
    opens && (toks[i].text.len() < 4 || ends_like_verb(w) || (w.ends_with("ly") && w.len() > 5))
}

/// A crude singular for unit names ("officers" → "officer", "casualties" → "casualty").
pub fn singular(w: &str) -> String {
    let w = w.strip_suffix("'s").unwrap_or(w);
    if let Some(x) = w.strip_suffix("ies").filter(|x| x.len() >= 2) {
        return format!("{x}y");
    }
    // "inches", "bosses", "boxes", "viruses": the "-es" goes ("horses", "houses" and
    // "headaches" keep their "e").
    let es = ["ches", "shes", "sses", "xes", "zzes", "iruses", "onuses", "puses", "tuses", "luses"];
    if !w.ends_with("daches") {
        if let Some(x) = es.iter().find_map(|suf| w.strip_suffix(suf).map(|x| (x, suf))) {
            return format!("{}{}", x.0, &x.1[..x.1.len() - 2]);
        }
    }
    // "fishermen", "policemen", "women": "-men" → "-man" (not "specimen", "abdomen").
    if let Some(x) = w.strip_suffix("men").filter(|x| !x.ends_with('i') && (!x.ends_with('o') || *x == "wo"))
    {
        return format!("{x}man");
    }
    if w.ends_with("ss") || w.ends_with("us") || w.len() <= 3 {
        return w.to_string();
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

/// Whether any phrase of `lx` occurs in `toks[a..b]`.
fn cue_in(lx: &Lexicon<()>, toks: &[Token], a: usize, b: usize) -> bool {
    lx.find_in(toks, a, b).next().is_some()
}

/// Tokens `[a, b)` around a mention, clipped to the sentence and to `;` and dashes
/// (clause breaks). Commas do not stop it: appositions sit between a figure and its
/// verb ("Ruto, who on Saturday, September 21, visited").
pub fn window(toks: &[Token], from: usize, to: usize, before: usize, after: usize) -> (usize, usize) {
    let brk = |t: &Token| t.is_punct(';') || t.is_punct('—') || (t.is_punct('–') && t.space_before);
    let mut a = from;
    while a > 0 && from - a < before && !brk(&toks[a - 1]) {
        a -= 1;
    }
    let mut b = to;
    while b < toks.len() && b - to < after && !brk(&toks[b]) {
        b += 1;
    }
    (a, b)
}

/// The role of a figure: an increment cue right before or after it, an initial cue
/// a few words before it.
pub fn role(toks: &[Token], from: usize, to: usize, rules: &Rules) -> Role {
    if let Some(r) = direction(toks, from, to, rules) {
        return r;
    }
    // Before the figure the cue is its own ("an additional 200", "another $5m"), not
    // its noun's ("additional investments over 35 GWh").
    let before = from.saturating_sub(2);
    let own = |(i, n, _): (usize, usize, &())| toks[i + n..from].iter().all(|t| t.kind != TokKind::Word);
    let inc =
        rules.increment.find_in(toks, before, from).any(own) || cue_in(&rules.increment, toks, to, to + 1);
    if inc {
        return Role::Increment;
    }
    if cue_in(&rules.decrement, toks, to, to + 1) {
        return Role::Decrement;
    }
    let (a, b) = window(toks, from, to, 6, 12);
    if cue_in(&rules.initial, toks, a, from) || replaced_after(toks, to, rules) {
        return Role::Initial;
    }
    // "insured losses among US Fortune 500 companies ... are likely to be between
    // $540m and $1.8bn": the cue heads what the figure states, however far back in
    // its clause, as long as no other figure comes between (a number in a name,
    // "Fortune 500", is none).
    let (c, _) = window(toks, from, to, 24, 0);
    let figure = |k: usize| toks[k].kind == TokKind::Num && !(k > 0 && toks[k - 1].is_capitalized());
    let heads = |(i, n, _): (usize, usize, &())| !(i + n..from).any(figure);
    if rules.insured.find_in(toks, c, from).any(heads) || cue_in(&rules.insured, toks, to, b.min(to + 4)) {
        return Role::Insured;
    }
    // "the average loss per company was $43.6 million", "$10 per share", "400 a day".
    // Before the figure only one-word cues count ("a day after the fire, 80 ..." is
    // no rate); "per" only before it ("the loss per company was"): "$343.05 per
    // share" is how a price is given, no mean.
    let rate = |(i, n, _): (usize, usize, &())| {
        let per = toks[i].is_word("per");
        // "the Dow Jones Industrial Average lost 190 points": a name, no mean.
        if i > 0 && toks[i].is_capitalized() {
            return false;
        }
        if i > from {
            !per
        } else {
            n == 1
                && (!per || toks.get(i + n).is_some_and(|t| t.kind == TokKind::Word && !t.is_capitalized()))
        }
    };
    let noun_end = (to..b).find(|&k| toks[k].kind != TokKind::Word && k > to).unwrap_or(b).min(to + 4);
    if rules.average.find_in(toks, a, from).any(rate) || rules.average.find_in(toks, to, noun_end).any(rate) {
        return Role::Average;
    }
    // "270 structures ... reported in initial estimates": an early count, named after.
    let early_report = rules.initial.find_in(toks, to, b).any(|(i, n, _)| {
        toks.get(i + n).is_some_and(|t| {
            ["estimat", "report", "count", "tall", "figure", "assessment"]
                .iter()
                .any(|p| t.lower.starts_with(p))
        })
    });
    if early_report { Role::Initial } else { Role::Total }
}

/// Words that may sit between a change verb and its figure ("rose by about 5%").
const CHANGE_GAP: &[&str] = &[
    "by",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "roughly",
    "just",
    "over",
    "more",
    "than",
    "under",
    "less",
    "a",
    "an",
    "another",
    "further",
    "sharply",
    "slightly",
    "marginally",
    "$",
    "us",
    "£",
    "€",
];

/// "The number of 89 deaths was later raised to 93": a change verb and "to" a new
/// figure within a few words after the figure make it the value replaced.
fn replaced_after(toks: &[Token], to: usize, rules: &Rules) -> bool {
    let end = (to + 6).min(toks.len());
    (to..end).take_while(|&k| toks[k].kind == TokKind::Word).any(|k| {
        toks[k].is_word("to")
            && toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Num)
            && (rules.up.ending(toks, k).is_some()
                || rules.down.ending(toks, k).is_some()
                || crate::extract::number::REVISED.contains(&toks[k - 1].lower.as_ref()))
    })
}

/// A rise or fall cued right before the figure (up to four words back, through
/// hedges), or a sign glued to it ("+0.2%", a share "-1.3%"). A span from one level
/// to another ("jumped from 240 to 273") holds no change, only its two ends.
/// Whether the figure at `from` is what a figure was moved to: "rose to 80", "was later
/// raised to 93", "revised down to 97", "updated to 115".
pub fn revised_to(toks: &[Token], from: usize, rules: &Rules) -> bool {
    // Besides the change verbs of `[roles] up` and `down` ("rose", "raised", "dropped").
    const REVISE: &[&str] = &["revised", "updated", "lowered", "adjusted", "corrected"];
    from >= 2
        && toks[from - 1].is_word("to")
        && (REVISE.contains(&toks[from - 2].lower.as_ref())
            || rules.up.ending(toks, from - 1).is_some()
            || rules.down.ending(toks, from - 1).is_some())
}

/// Measures of length (`[measures]` names): what a height is given in.
const LENGTHS: &[&str] = &["foot", "metre", "inch", "yard", "mile", "kilometre", "centimetre"];

fn direction(toks: &[Token], from: usize, to: usize, rules: &Rules) -> Option<Role> {
    if from > 0 && !toks[from].space_before {
        let p = &toks[from - 1];
        if p.is_punct('+') {
            return Some(Role::Increment);
        }
    }
    // "-5 degrees" is a temperature, "-1.3%" a fall.
    let minus = toks[from].is_punct('-') || toks[from].is_punct('−');
    let share =
        toks[to - 1].is_punct('%') || ["percent", "pc", "cent"].contains(&toks[to - 1].lower.as_ref());
    if minus && share && to > from + 1 && !toks[from + 1].space_before {
        return Some(Role::Decrement);
    }
    if toks[from].is_word("from") && toks[from..to].iter().any(|t| t.is_word("to")) {
        return None;
    }
    // "gave up 517 yards": the verb's particle, no rise.
    let particle = |k: usize| {
        k > 0
            && (toks[k - 1].is_word("up") || toks[k - 1].is_word("down"))
            && rules.particle.ending(toks, k - 1).is_some()
    };
    // "added a 30 degree homer", "gained a 5% stake": the verb's object is the noun the
    // figure modifies ("fell by a third" is a figure in words).
    if from > 0
        && (toks[from - 1].is_word("a") || toks[from - 1].is_word("an"))
        && toks[from].kind != TokKind::Word
    {
        return None;
    }
    // "the tree rises 60 feet", "the towers rise 300 metres": the simple present of
    // "rise" with a length states a height, no change ("rose 3 feet", "has risen").
    let height = |k: usize| {
        k > 0
            && (toks[k - 1].is_word("rises") || toks[k - 1].is_word("rise"))
            && head_noun(toks, to, rules).is_some_and(|(u, measure)| measure && LENGTHS.contains(&u.as_str()))
    };
    let change_at = |k: usize| {
        if particle(k) || height(k) {
            None
        } else if rules.up.ending(toks, k).is_some() {
            Some(Role::Increment)
        } else if rules.down.ending(toks, k).is_some() {
            Some(Role::Decrement)
        } else {
            None
        }
    };
    let mut k = from;
    let mut by = false;
    while k > 0 && from - k < 4 {
        if let Some(r) = change_at(k) {
            return Some(r);
        }
        k -= 1;
        by |= toks[k].is_word("by");
        if !CHANGE_GAP.contains(&toks[k].lower.as_ref()) {
            break;
        }
    }
    if !by {
        return None;
    }
    // "grow sales by 35 per cent", "cut its costs by 10%": the verb, its object
    // (up to three words), then "by".
    let object =
        |t: &Token| t.kind == TokKind::Word && !t.is_capitalized() && !is_function_word(t.lower.as_ref());
    let mut j = k + 1;
    while j > 0
        && k + 1 - j < 3
        && (object(&toks[j - 1]) || toks[j - 1].is_word("its") || toks[j - 1].is_word("their"))
    {
        j -= 1;
        if let Some(r) = change_at(j) {
            return Some(r);
        }
    }
    None
}

/// Pledged / planned / expected within a few words of the figure.
pub fn modality(toks: &[Token], from: usize, to: usize, rules: &Rules) -> Modality {
    let (a, b) = window(toks, from, to, 6, 4);
    if cue_in(&rules.target, toks, a, from) || cue_in(&rules.target, toks, to, b) {
        Modality::Target
    } else {
        Modality::Actual
    }
}

/// The event class a mention is about: the nearest cue before it in its clause
/// (date adjuncts follow their verb: "approved ... in October last year, only to be
/// delayed ... in January 2024"), else the nearest cue after it ("on Saturday, visited").
pub fn event(toks: &[Token], from: usize, to: usize, rules: &Rules) -> Option<String> {
    let (a, b) = window(toks, from, to, 16, 8);
    let aspect = |i: usize, n: usize| {
        toks.get(i + n).is_some_and(|t| t.is_word("to"))
            && rules.aspect.at(toks, i).is_some_and(|(m, _)| m == n)
    };
    let cues: Vec<(usize, usize, &String)> = rules
        .events
        .find_in(toks, a, b)
        .filter(|&(i, n, _)| !aspect(i, n) && !time_phrase(toks, i, n, rules))
        .collect();
    let before = cues.iter().filter(|(i, n, _)| i + n <= from).max_by_key(|(i, _, _)| *i);
    // A figure in an opening concessive ("Despite a 15% share in 2023, its impact
    // was vast") is about that phrase: the main clause's verb is not its event.
    let reach = concessive_end(toks, to).unwrap_or(usize::MAX);
    let after = cues.iter().filter(|(i, _, _)| *i >= to && *i < reach).min_by_key(|(i, _, _)| *i);
    // A participle right after the figure's noun is its own verb, nearer than any
    // cue before ("... damage assessments: 2,719 structures exposed"), and so is a
    // passive one past its "of" phrase ("85% of the rubble had been searched"). One
    // that modifies the noun says what was counted even against the verb the figure
    // is the object of ("to end thousands of lawsuits filed ..."), but not one that
    // opens the next clause ("killed 5 people and injured 10").
    const AUX: &[&str] = &["was", "were", "been", "is", "are", "be"];
    let words = |i: usize| toks[to..i].iter().all(|t| t.kind == TokKind::Word);
    let passive = |i: usize| i <= to + 6 && AUX.contains(&toks[i - 1].lower.as_ref()) && words(i);
    let relative =
        |i: usize| passive(i) && toks[to..i].iter().any(|t| matches!(t.lower.as_ref(), "that" | "which"));
    let modifies = |i: usize| {
        (i > to && i <= to + 2 && words(i) && !is_function_word(&toks[i - 1].lower)) || relative(i)
    };
    let adjacent = after.filter(|(i, _, _)| {
        ends_like_verb(&toks[*i].lower)
            && (modifies(*i)
                || ((*i <= to + 2 || passive(*i)) && before.is_none_or(|(j, n, _)| from - (j + n) > i - to)))
    });
    adjacent.or(before).or(after).map(|(_, _, c)| (*c).clone())
}

/// Whether the cue at `i` (`n` tokens) is the head of a time phrase, no event: "by the
/// end of the year", "at the start of June", "the end of 2024" (not "the deaths of
/// 101 people").
fn time_phrase(toks: &[Token], i: usize, n: usize, rules: &Rules) -> bool {
    // Beside the time units of `[durations]`: periods that are no length.
    const WHEN: &[&str] = &["season", "quarter", "spring", "summer", "autumn", "fall", "winter"];
    const DET: &[&str] = &["the", "this", "next", "last", "that"];
    const PART: &[&str] = &["end", "start", "beginning", "close", "middle"];
    let part = n > 0 && PART.contains(&toks[i + n - 1].lower.as_ref());
    if !part || !toks.get(i + n).is_some_and(|t| t.is_word("of")) {
        return false;
    }
    let mut k = i + n + 1;
    while toks.get(k).is_some_and(|t| DET.contains(&t.lower.as_ref())) {
        k += 1;
    }
    toks.get(k).is_some_and(|t| {
        (t.kind == TokKind::Num && t.text.len() == 4)
            || rules.durations.contains_key(t.stem.as_ref())
            || WHEN.contains(&singular(&t.lower).as_str())
            || crate::calendar::month(&t.lower).is_some()
            || crate::calendar::weekday(&t.lower).is_some()
    })
}

/// Where the opening concessive phrase holding `toks[..to]` ends (its comma), when
/// the sentence opens with one ("Despite ...,", "Although ...,").
fn concessive_end(toks: &[Token], to: usize) -> Option<usize> {
    const CONCESSIVE: &[&str] = &["despite", "although", "though", "whereas", "unlike"];
    let first = toks.iter().find(|t| t.kind == TokKind::Word)?;
    if !CONCESSIVE.contains(&first.lower.as_ref()) {
        return None;
    }
    toks[to..].iter().position(|t| t.is_punct(',')).map(|k| to + k)
}

/// Words that make a sentence's underspecified dates lean to the future.
const FUTURE: &[&str] = &[
    "will",
    "expected",
    "expects",
    "set",
    "next",
    "upcoming",
    "due",
    "scheduled",
    "plans",
    "planned",
    "aims",
    "shall",
    "forecast",
];

/// Words that lean a date to the future only right before it ("by January").
const FUTURE_BEFORE: &[&str] = &["by", "until", "till", "through", "before"];

/// Auxiliaries of a past clause: a "by" date after one is past ("had been cancelled
/// by Monday").
const PAST_AUX: &[&str] = &["was", "were", "had"];

/// The tense an underspecified date leans to: future cues before it in its clause, or
/// in the few words right after it; "would" alone, either way (see [`Tense::Near`]).
pub fn tense(toks: &[Token], from: usize, to: usize) -> Tense {
    let (a, _) = window(toks, from, from, 8, 0);
    // "was 85% contained by Saturday": a deadline already met.
    let met =
        |k: usize| toks[k].is_word("by") && toks[a..k].iter().any(|t| PAST_AUX.contains(&t.lower.as_ref()));
    let right_before = from > 0 && FUTURE_BEFORE.contains(&toks[from - 1].lower.as_ref()) && !met(from - 1);
    // A date modifying a noun takes the verb after it: "The Sept. 24 hearing is
    // expected to ...".
    let mut after = toks[to..].iter().take(4).take_while(|t| t.kind == TokKind::Word);
    let future = |t: &Token| FUTURE.contains(&t.lower.as_ref());
    let would = |t: &Token| t.lower == "would";
    if right_before || toks[a..from].iter().any(future) || after.clone().any(future) {
        Tense::Future
    } else if toks[a..from].iter().any(would) || after.any(would) {
        Tense::Near
    } else {
        Tense::Past
    }
}

/// Content words of a sentence (stems of words of four letters or more that are not
/// stopwords), outside `[from, to)`. Two claims whose sentences share none of them
/// are not about the same thing, whatever their keys say.
pub fn content_words<'t>(toks: &'t [Token], from: usize, to: usize) -> impl Iterator<Item = &'t str> {
    toks.iter()
        .enumerate()
        .filter(move |(i, t)| {
            !(from..to).contains(i)
                && t.kind == TokKind::Word
                && t.lower.len() >= 4
                && (t.lower.is_ascii() || t.lower.chars().count() >= 4)
                && !NOT_CONTENT.contains(t.lower.as_ref())
        })
        .map(|(_, t)| t.stem.as_ref())
}

/// Capitalised words of the sentence, alias-normalized and lower-cased, excluding the
/// first word of the sentence when it is a common word and the mention's own tokens.
pub fn entities(toks: &[Token], from: usize, to: usize, rules: &Rules) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if (from..to).contains(&i) || !toks[i].is_capitalized() {
            i += 1;
            continue;
        }
        if let Some((end, name)) = initialism(toks, i, rules) {
            out.push(name);
            i = end;
            continue;
        }
        // The longest alias phrase (up to four words) wins ("UN Security Council").
        let mut matched = None;
        for n in (1..=4).rev() {
            if i + n > toks.len() {
                continue;
            }
            let name = toks[i..i + n].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            if let Some(c) = rules.aliases.get(&name.to_lowercase()) {
                matched = Some((c.to_lowercase(), n));
                break;
            }
        }
        if let Some((c, n)) = matched {
            out.push(c);
            i += n;
            continue;
        }
        let w = toks[i].lower.strip_suffix("'s").unwrap_or(&toks[i].lower);
        if !rules.entity_ignore.contains(w) && w.chars().count() > 1 && !common_opener(toks, i) {
            out.push(rules.aliases.get(w).map_or_else(|| w.to_string(), |c| c.to_lowercase()));
        }
        i += 1;
    }
    out.sort();
    out.dedup();
    out
}

/// Prepositions whose object is an agent or a destination, not the figure's scope
/// ("sent by Kenya", "flown to Haiti"). An origin is a scope: "six flights from
/// Kochi" are Kochi's, not all India's.
const NOT_SCOPE: &[&str] = &["by", "to", "with", "toward", "towards", "into", "against"];

/// The entities of the figure's clause (between commas, semicolons, dashes and
/// brackets) that set its scope: subjects, possessors, "in X", "at X", "for X" —
/// not agents or destinations. "American reported 155 delays" has scope
/// {american}; "1,386 cancellations nationwide" none.
pub fn scope(toks: &[Token], from: usize, to: usize, rules: &Rules) -> Vec<String> {
    let brk = |t: &Token| {
        t.kind == TokKind::Punct
            && !t.is_punct('-')
            && !t.is_punct('.')
            && !t.is_punct('\'')
            && !t.is_punct('’')
            && !t.is_punct('$')
            && !t.is_punct('%')
            // Quotation marks set off words, not clauses: 'the Lahaina fire “100% contained”'.
            && !t.is_punct('"')
            && !t.is_punct('“')
            && !t.is_punct('”')
    };
    let mut a = from;
    while a > 0 && from - a < CONTEXT && !brk(&toks[a - 1]) {
        a -= 1;
    }
    let mut b = to;
    while b < toks.len() && b - to < CONTEXT && !brk(&toks[b]) {
        b += 1;
    }
    let out = names_in(toks, a, b, from, to, rules);
    if !out.is_empty() || a == 0 {
        return out;
    }
    // The clause names nothing. An item of a semicolon list shares the head of the
    // list's first item ("assessments of the Lahaina Fire found 2,719 structures
    // exposed; 2,207 damaged; and 2,170 acres burned").
    if toks[a - 1].is_punct(';') {
        let (mut start, mut end) = (a - 1, a - 1);
        loop {
            while start > 0 && !brk(&toks[start - 1]) {
                start -= 1;
            }
            if start == 0 || !toks[start - 1].is_punct(';') {
                break;
            }
            end = start - 1;
            start = end;
        }
        let head = names_in(toks, start, end, from, to, rules);
        if !head.is_empty() {
            return head;
        }
    }
    // The sentence's opening phrases may set the scope for the whole sentence ("In
    // Kula, 544 structures were exposed", "Elsewhere, in the town of Kula, another
    // 544", "The Olinda Fire, reported at 11 p.m., destroyed 1,000 acres").
    let opener = toks.first().is_some_and(Token::is_capitalized);
    let mut c = 0;
    for _ in 0..3 {
        let start = c;
        while c < a && c - start < CONTEXT && !brk(&toks[c]) {
            c += 1;
        }
        if !opener || !toks.get(c).is_some_and(|t| t.is_punct(',')) || c - start > 12 || c >= a {
            break;
        }
        // A lone word before a comma is an adverb ("Elsewhere, ...", "Meanwhile, ...").
        let names = if c - start >= 2 { names_in(toks, start, c, from, to, rules) } else { Vec::new() };
        if !names.is_empty() {
            return names;
        }
        c += 1;
    }
    out
}

/// The name a sentence opens with ("Delta has canceled ..."), if it opens with one.
pub fn opening_name(toks: &[Token], rules: &Rules) -> Option<String> {
    let b = toks.iter().take_while(|t| t.is_capitalized()).count();
    names_in(toks, 0, b, 0, 0, rules).into_iter().next()
}

/// Whether a sentence opens with a stand-in for a body ("The airline canceled ...";
/// "the airlines" are several).
pub fn opens_with_stand_in(toks: &[Token], rules: &Rules) -> bool {
    toks.len() > 1
        && toks[0].is_word("the")
        && !is_plural(&toks[1].lower)
        && rules.stand_ins.at(toks, 1).is_some()
}

/// The name that ends right before token `end` ("Martha Brenner" in "His wife,
/// Martha Brenner, 68"): whose age or figure an apposition gives.
pub fn name_before(toks: &[Token], end: usize, rules: &Rules) -> Vec<String> {
    let mut a = end;
    while a > 0 && toks[a - 1].is_capitalized() {
        a -= 1;
    }
    names_in(toks, a, end, end, end, rules)
}

/// The capitalised names in `toks[a..b]` outside the mention `[from, to)`, as scope
/// entities (see [`scope`]).
fn names_in(toks: &[Token], a: usize, b: usize, from: usize, to: usize, rules: &Rules) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        if (from..to).contains(&i) || !toks[i].is_capitalized() {
            i += 1;
            continue;
        }
        // Whole even where the clause's reach ends inside it: cut, its letters were
        // names "u" and "s".
        if let Some((end, name)) = initialism(toks, i, rules) {
            out.push(name);
            i = end;
            continue;
        }
        let start = i;
        while i < b && toks[i].is_capitalized() && !(from..to).contains(&i) {
            i += 1;
        }
        if start > a && NOT_SCOPE.contains(&toks[start - 1].lower.as_ref()) {
            continue;
        }
        let kept: Vec<&str> = toks[start..i]
            .iter()
            .filter(|t| !rules.entity_ignore.contains(t.lower.strip_suffix("'s").unwrap_or(&t.lower)))
            .filter(|t| {
                crate::calendar::month(&t.lower).is_none() && crate::calendar::weekday(&t.lower).is_none()
            })
            .map(|t| t.text.strip_suffix("'s").or(t.text.strip_suffix("’s")).unwrap_or(t.text))
            .collect();
        let opening_word = kept.len() == 1 && kept[0] == toks[start].text && common_opener(toks, start);
        if kept.is_empty() || opening_word {
            continue;
        }
        let name = kept.join(" ");
        out.push(rules.aliases.get(&name.to_lowercase()).cloned().unwrap_or(name).to_lowercase());
    }
    out.sort();
    out.dedup();
    out
}

/// A dotted initialism at token `i` ("U.S.", "U.N."): the token after it and the
/// name, lower case, its alias's if it has one ("united states"). Tokenized, it is
/// single capitals each with its glued full stop, which read one by one were names
/// "u" and "s".
fn initialism(toks: &[Token], i: usize, rules: &Rules) -> Option<(usize, String)> {
    let letter = |k: usize| toks.get(k).is_some_and(|t| t.is_capitalized() && t.text.chars().count() == 1);
    let stop = |k: usize| toks.get(k).is_some_and(|t| t.is_punct('.') && !t.space_before);
    let mut k = i;
    let mut name = String::new();
    while letter(k) && (k == i || !toks[k].space_before) && stop(k + 1) {
        name.push_str(&toks[k].lower);
        name.push('.');
        k += 2;
    }
    (k - i >= 4).then(|| (k, rules.aliases.get(&name).map_or(name, |c| c.to_lowercase())))
}

/// Lower-case words that name a body on their own ("officials said", "police say").
const BODIES: &[&str] = &[
    "officials",
    "official",
    "police",
    "authorities",
    "investigators",
    "analysts",
    "experts",
    "researchers",
    "officers",
    "scientists",
    "economists",
    "estimates",
    "data",
    "figures",
];

/// Who gives the figure: the body after "according to", or next to a "said"-verb
/// (before it: "the Red Cross said"; after it: "said Governor Green"). The name is
/// lower-cased, stripped of titles and alias-normalized.
pub fn attribution(toks: &[Token], rules: &Rules) -> Option<String> {
    let name_at = |mut i: usize, forward: bool| -> Option<String> {
        let step = |i: usize| if forward { i.checked_add(1) } else { i.checked_sub(1) };
        while toks.get(i).is_some_and(|t| t.is_word("the") || t.is_word("a")) {
            i = step(i)?;
        }
        let mut words: Vec<&Token> = Vec::new();
        while let Some(t) = toks.get(i) {
            let joins = t.is_word("of") && !words.is_empty();
            if !(t.is_capitalized() || joins) || words.len() >= 5 {
                break;
            }
            words.push(t);
            match step(i) {
                Some(n) => i = n,
                None => break,
            }
        }
        if !forward {
            words.reverse();
        }
        while words.last().is_some_and(|t| t.is_word("of")) {
            words.pop();
        }
        let kept: Vec<&str> = words
            .iter()
            .filter(|t| !rules.entity_ignore.contains(t.lower.as_ref()))
            .map(|t| t.text)
            .collect();
        if !kept.is_empty() {
            // One body whichever apostrophe the outlet types: "Moody’s RMS", "Moody's RMS".
            let name = kept.join(" ").replace('’', "'");
            let canon = rules.aliases.get(&name.to_lowercase()).cloned().unwrap_or(name);
            return Some(canon.to_lowercase());
        }
        let t = toks.get(i)?;
        BODIES.contains(&t.lower.as_ref()).then(|| t.lower.to_string())
    };
    if let Some((i, n, _)) = rules.attribution_before.find_in(toks, 0, toks.len()).next() {
        if let Some(b) = name_at(i + n, true) {
            return Some(b);
        }
    }
    // The verbs match by stem, and a capital inside the sentence makes the word a
    // name: "mainland United States" is no "stated".
    let verbs = rules.attribution_verbs.find_in(toks, 0, toks.len());
    for (i, n, _) in verbs.filter(|&(i, _, _)| i == 0 || !toks[i].is_capitalized()) {
        if let Some(b) = i.checked_sub(1).and_then(|p| name_at(p, false)).or_else(|| name_at(i + n, true)) {
            return Some(b);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn singulars() {
        for (plural, one) in [
            ("officers", "officer"),
            ("casualties", "casualty"),
            ("inches", "inch"),
            ("bosses", "boss"),
            ("boxes", "box"),
            ("viruses", "virus"),
            ("bonuses", "bonus"),
            ("fishermen", "fisherman"),
            ("women", "woman"),
            // near misses: an "e" or a "-men" that belongs to the word
            ("horses", "horse"),
            ("houses", "house"),
            ("headaches", "headache"),
            ("specimen", "specimen"),
            ("abdomen", "abdomen"),
            ("status", "status"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }

    #[test]
    fn measures_and_ages() {
        let rules = Rules::defaults();
        for (text, unit) in [
            ("13 inches wide", Some("inch")),
            ("a 42-year-old man", Some("year of age")),
            ("29 years old", Some("year of age")),
            ("15 year-old pupils", Some("year of age")),
            ("100 degrees Celsius", Some("celsius")),
            ("100 degrees", Some("degree")),
            ("0.25 of a gram", Some("gram")),
            ("570 sq m of space", Some("square metre")),
            ("40 GWh of storage", Some("gigawatt hour")),
            ("200 barrels a day", Some("barrel per day")),
            ("310 pound-feet of torque", Some("foot pound-force")),
            ("64 GB phones", Some("gigabyte")),
            ("about 80 m.p.h. at most", Some("mile per hour")),
            ("to 100km/hr in 3.5 seconds", Some("kilometre per hour")),
            ("1.19deg C higher", Some("celsius")),
            ("2000 Calories to stay", Some("calorie")),
            // near misses: not a measure
            ("1 of a kind", None),
            ("5 new phones", None),
        ] {
            let (toks, _, to) = at_number(text);
            let got = head_noun(&toks, to, &rules).filter(|(_, m)| *m).map(|(u, _)| u);
            assert_eq!(got.as_deref(), unit, "{text}");
        }
    }

    #[test]
    fn noun_phrases_and_rates() {
        let rules = Rules::defaults();
        for (text, unit) in [
            ("2 smaller tenancies", "smaller tenancy"),
            ("14 first-team players left", "first-team player"),
            ("40 profile slots available", "profile slot"),
            ("3 tests per day", "test per day"),
            ("2 feet per century", "foot per century"),
            ("300 barrels a day", "barrel per day"),
            ("4 tests per sq m", "test per square metre"),
            ("15.3 ppg", "point per game"),
            // near misses: a lexicon unit wins, "per cent" is no rate, a verb ends it
            ("400 Kenyan police officers", "officer"),
            ("5 stations per cent", "station"),
            ("400 charging stations", "charging station"),
            ("a 10-member team", "member"),
            ("a 4-cylinder engine", "cylinder"),
            ("3 cars crashed", "car"),
        ] {
            let (toks, _, to) = at_number(text);
            assert_eq!(head_noun(&toks, to, &rules).map(|(u, _)| u).as_deref(), Some(unit), "{text}");
        }
    }

    fn at_number(s: &str) -> (Vec<Token<'_>>, usize, usize) {
        let toks = tokenize(s, 0);
        let i = toks.iter().position(|t| t.kind == TokKind::Num).unwrap();
        (toks, i, i + 1)
    }

    #[test]
    fn head_nouns() {
        let rules = Rules::defaults();
        let cases = [
            ("deploy 600 more Kenyan police officers to Haiti", Some("officer")),
            ("the first group of 400 police officers", Some("officer")),
            // An adverb and its participle say how: skipped.
            ("equivalent to about 20 decently sized coal-fired power plants", Some("coal-fired power plant")),
            ("had 3 heavily congested mobile networks", Some("mobile network")),
            // A report of a person counts the person; of anything else, the report.
            ("said 31 reports of missing persons are still open", Some("people")),
            ("there were 31 reports of looting", Some("report")),
            ("31 open reports of missing persons", Some("open report")),
            // Near-misses: a noun in -ly; a verb with no noun after it (not skipped).
            ("5 family members", Some("family member")),
            ("and 2 expertly rifled all my pockets", Some("expertly")),
            ("claimed the lives of 5,000 people", Some("people")),
            ("more than 2,000 women and girls have suffered", Some("woman")),
            ("12 million citizens being oppressed", Some("people")),
            ("destroyed 2,200 acres", Some("acre")),
            ("rolled out 5G networks", Some("generation wireless")),
            ("samples of 45g each", Some("gram")),
            ("peak torque at 3000 rpm", Some("revolutions per minute")),
            // Near-misses: a lower-case g is grams, a capital G's word its own unit.
            ("only 5g of sugar", Some("gram")),
            ("a 5GW plant", Some("gigawatt")),
            ("about 400 officers assisting the police", Some("officer")),
            ("rose to 93.", None),
            ("won 3 seats", Some("seat")),
            // A name or an adjective before "and" modifies the noun after it.
            ("about 460 Kia and Hyundai vehicles have been stolen", Some("kia hyundai vehicle")),
            ("it sold 900 digital and physical copies", Some("digital physical copy")),
            // Near-misses: a noun before "and" is counted itself; "and" then a figure.
            ("the 12 soldiers and medics", Some("officer")),
            ("had 12 tables and 40 chairs", Some("table")),
            ("ran for 2 TDs and threw for one", Some("tds")),
            // A name that looks plural modifies the unit word after it.
            ("affected 8.5 million Windows devices", Some("device")),
            // Near-misses: a plural name is the head before a verb or another noun.
            ("about 10,000 Mexicans live in the US", Some("mexican")),
            ("why were 10,000 Hearts fans incensed", Some("heart")),
            // A verb sharing a unit's stem is no unit: "live" is not "lives".
            ("about 40 people live in the town", Some("people")),
            ("about 50,000 children live with foster families", Some("child")),
            // Near-misses: lives lost are deaths.
            ("the crash cost 40 lives", Some("death")),
            ("about 40 lives were lost", Some("death")),
            // A possessive owns the noun after it; at the end it is the noun.
            ("evacuated 300 of the island's residents", Some("people")),
            ("sent 200 of the city’s officers", Some("officer")),
            ("the 14 islands' shores", Some("island")),
        ];
        for (s, want) in cases {
            let (toks, _, to) = at_number(s);
            assert_eq!(head_noun(&toks, to, &rules).map(|(u, _)| u), want.map(String::from), "{s}");
        }
    }

    #[test]
    fn measures_written_before_the_figure() {
        let rules = Rules::defaults();
        let at = |s: &str, figure: &str| {
            let toks = tokenize(s, 0);
            let from = toks.iter().position(|t| t.lower == figure).unwrap();
            unit_before(&toks, from, &rules)
        };
        assert_eq!(at("a Category 4 storm", "4").as_deref(), Some("category"));
        // Near-miss: the unit is the figure's before it.
        assert_eq!(at("its 2.4-liter four-cylinder engine", "four"), None);
        assert_eq!(at("a 1.0l 3 cylinder engine", "3"), None);
    }

    #[test]
    fn units_named_before_the_figure() {
        let rules = Rules::defaults();
        let cases = [
            ("The death toll from the Aug. 8 fire on the island stands at 115", Some("death")),
            ("The number of confirmed deaths has risen to 80", Some("death")),
            ("Police revised their previous toll of 115", Some("death")),
            // Near-misses: a bare figure, and a unit that runs into the figure's verb.
            ("The index closed at 16,644", None),
            ("Officials said 93 people", None),
        ];
        for (s, want) in cases {
            let toks = tokenize(s, 0);
            let from = toks.iter().rposition(|t| t.kind == TokKind::Num).unwrap();
            assert_eq!(unit_named_before(&toks, from, &rules).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn roles_and_modality() {
        let rules = Rules::defaults();
        let cases = [
            ("an additional 200 Kenyan police officers arrived", Role::Increment, Modality::Actual),
            ("committed to deploy 600 more Kenyan police officers", Role::Increment, Modality::Target),
            ("flagged off the first group of 400 police officers", Role::Initial, Modality::Actual),
            ("the full deployment of 2,500 officers expected by January", Role::Total, Modality::Target),
            ("the MSS has about 400 officers assisting", Role::Total, Modality::Actual),
            (
                "270 structures had been reported destroyed in initial estimates",
                Role::Initial,
                Modality::Actual,
            ),
            ("The average loss per company was $43.6 million", Role::Average, Modality::Actual),
            ("Delta canceled about 1,200 each day", Role::Average, Modality::Actual),
            ("the toll was 97, down from 115", Role::Total, Modality::Actual),
            // Near-miss: an index named "Average" is no mean.
            ("The Dow Jones Industrial Average closed at 39,000", Role::Total, Modality::Actual),
            // Near-misses: a price per share is no mean; "per" before a name attributes.
            ("It closed at $343.05 per share", Role::Total, Modality::Actual),
            ("per Cirium 1,848 flights were canceled", Role::Total, Modality::Actual),
            // Near-miss: "first" after the figure, not naming an early count.
            ("270 structures were destroyed in the first hours", Role::Total, Modality::Actual),
            (
                "an initial contingent of 400 officers sent by Kenya in June, fulfilling the country's commitment",
                Role::Initial,
                Modality::Actual,
            ),
        ];
        for (s, r, m) in cases {
            let (toks, from, to) = at_number(s);
            assert_eq!(role(&toks, from, to, &rules), r, "{s}");
            assert_eq!(modality(&toks, from, to, &rules), m, "{s}");
        }
    }

    #[test]
    fn change_cues_are_the_figures_own() {
        let rules = Rules::defaults();
        // (sentence, the mention's first word, role)
        let cases = [
            ("the defence gave up 517 rushing yards", "517", Role::Total),
            ("he has signed up 300 volunteers", "300", Role::Total),
            ("he added a 30 degree homer", "30", Role::Total),
            ("it gained a 5% stake", "5", Role::Total),
            ("Panasonic will study additional investments over 35 GWh", "over", Role::Total),
            // Near-misses: "up" after a verb that takes no particle, a word between the
            // article and the figure, a fraction in words, an own increment cue.
            ("the index was up 517 points", "517", Role::Increment),
            ("the index ended up 3% on the day", "3", Role::Increment),
            ("shares rose a further 2%", "2", Role::Increment),
            ("output fell by a third", "a", Role::Decrement),
            ("Panasonic will add an additional 35 GWh", "35", Role::Increment),
            ("Panasonic will add another over 35 GWh", "over", Role::Increment),
        ];
        for (s, first, want) in cases {
            let toks = tokenize(s, 0);
            let from = toks.iter().position(|t| t.lower == first).unwrap();
            let to = (from..toks.len()).find(|&k| toks[k].kind == TokKind::Num).unwrap_or(from) + 1;
            assert_eq!(role(&toks, from, to, &rules), want, "{s}");
        }
    }

    #[test]
    fn events_nearest_cue() {
        let rules = Rules::defaults();
        let cases = [
            ("200 Kenyan police officers arrived in Haiti", Some("deploy")),
            ("a surge in violence has claimed the lives of over 5,000 people", Some("kill")),
            ("gangs that control 80 per cent of the capital", Some("control")),
            ("he said 400 were there", None),
            ("damage assessments found a total of 2,719 structures exposed", Some("affect")),
            // Near-miss: a noun cue after the figure does not outrank the verb before.
            ("the fire destroyed 2,200 homes damage", Some("destroy")),
            ("a deal to end 3,000 lawsuits filed by residents", Some("file")),
            ("the settlement resolves 450 lawsuits that were filed in state courts", Some("file")),
            // Near-miss: a participle opening the next clause is not the noun's.
            ("the storm killed 5 people and injured 10", Some("kill")),
            // A concessive opening is its own proposition; a plain opening phrase is not.
            ("Despite record sales in 2023, the company was hit hard", None),
            ("On Saturday, 21 September, Ruto visited the camp", Some("visit")),
        ];
        for (s, want) in cases {
            let (toks, from, to) = at_number(s);
            assert_eq!(event(&toks, from, to, &rules).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn attributions() {
        let rules = Rules::defaults();
        let cases = [
            ("The toll rose to 96, according to the Maui County government.", Some("maui county")),
            ("The Red Cross said 90 people were missing.", Some("red cross")),
            ("At least 93 people died, said Governor Josh Green.", Some("josh green")),
            ("Officials said 93 people died.", Some("officials")),
            ("At least 93 people died in the fire.", None),
            // One body, whichever apostrophe.
            ("Insured losses are about 75 percent, Moody’s RMS said.", Some("moody's rms")),
            ("Insured losses are about 75 percent, Moody's RMS said.", Some("moody's rms")),
            // A verb's stem in a name is no verb; near-miss: the verb opening a sentence.
            ("About 2,000 miles from mainland United States, Maui faced fires.", None),
            ("Said Governor Josh Green: 93 people died.", Some("josh green")),
        ];
        for (s, want) in cases {
            let toks = tokenize(s, 0);
            assert_eq!(attribution(&toks, &rules).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn scopes() {
        let rules = Rules::defaults();
        let cases: [(&str, &[&str]); 13] = [
            ("American Airlines reported 155 delays on Friday.", &["american airlines"]),
            // A dotted initialism is one name, and its alias's.
            ("In the U.S. more than 3,000 flights were canceled.", &["united states"]),
            // Near-miss: one capital before a full stop is no initialism.
            ("Plan B. found 12 sites in Kula.", &["kula", "plan b"]),
            ("It cancelled 6 flights from Kochi.", &["kochi"]),
            ("an initial contingent of 500 officers sent by Kenya in June, fulfilling", &[]),
            ("the first group of 400 police officers to Haiti on June 24", &[]),
            ("In Lahaina, 2,207 structures were destroyed.", &["lahaina"]),
            ("The Olinda Fire, reported at about 11 p.m., destroyed 1,000 acres.", &["olinda fire"]),
            ("Elsewhere, in the town of Kula, another 544 structures were exposed.", &["kula"]),
            ("A survey of the Olinda Fire found 20 homes damaged; and 1,000 acres burned.", &["olinda fire"]),
            // Near-miss: a list item that names its own scope keeps it.
            (
                "A survey of the Olinda Fire found 20 homes damaged; and 1,000 acres burned in Kula.",
                &["kula"],
            ),
            // Near-misses: an opening adverb or participle names nothing.
            ("Initially, more than 2,000 people were unaccounted for.", &[]),
            ("Boasting 46 major trunks, the tree rises 60 feet.", &[]),
        ];
        for (s, want) in cases {
            let toks = tokenize(s, 0);
            // The last figure: list items come after the head that sets their scope.
            let i = toks.iter().rposition(|t| t.kind == TokKind::Num).unwrap();
            assert_eq!(scope(&toks, i, i + 1, &rules), want, "{s}");
        }
        // Wherever the clause's reach of 40 tokens ends, an initialism is never its
        // letters.
        for pad in 34..42 {
            let s = format!("They counted 2,207 homes{} in the U.S. fire.", " lost".repeat(pad));
            let toks = tokenize(&s, 0);
            let got = scope(&toks, 2, 3, &rules);
            assert!(got.is_empty() || got == ["united states"], "{pad}: {got:?}");
        }
    }

    #[test]
    fn entities_alias_normalized() {
        let rules = Rules::defaults();
        let toks = tokenize("The UN Security Council backed Kenya's offer in 2023", 0);
        let e = entities(&toks, 7, 8, &rules);
        assert_eq!(e, vec!["kenya".to_string(), "security council".to_string()]);
        // A curly apostrophe's possessive is the name too.
        let toks = tokenize("The UN Security Council backed Kenya’s offer in 2023", 0);
        assert_eq!(entities(&toks, 7, 8, &rules), e);
        // A dotted initialism is one name.
        let toks = tokenize("The U.S. backed Kenya's offer in 2023", 0);
        assert_eq!(entities(&toks, 9, 10, &rules), vec!["kenya".to_string(), "united states".to_string()]);
    }
}
