//! Table-driven: text in, normalized claim out (through extract and normalize).

use chrono::NaiveDate;

use crate::extract;
use crate::load::Document;
use crate::model::{Claim, Kind, Role};
use crate::name::Name;
use crate::report::json::ends;
use crate::rules::Rules;

use super::AGE;

fn doc(text: &str, date: Option<NaiveDate>) -> Document {
    Document::from_text("t.txt", text, date)
}

/// All claims of `text` in an article dated `date`.
pub(crate) fn claims_of(text: &str, date: &str) -> Vec<Claim> {
    let rules = Rules::defaults();
    let d = doc(text, NaiveDate::parse_from_str(date, "%Y-%m-%d").ok());
    let masked = extract::masked(&d, &rules);
    let sents = extract::extract(&masked, &rules);
    super::normalize(0, &d, &sents, &rules)
}

/// "kind low..high" of a claim, dates as ISO, and " in unit" for a converted measure.
fn show(c: &Claim) -> String {
    let (lo, hi, _) = ends(&c.value.interval, c.kind == Kind::Date);
    let f = |j: serde_json::Value| match j {
        serde_json::Value::Null => "_".to_string(),
        serde_json::Value::String(s) => s,
        x => x.to_string(),
    };
    let base = c.value.base.map(|b| format!(" in {b}")).unwrap_or_default();
    format!("{} {}..{}{base}", c.kind.name(), f(lo), f(hi))
}

/// (text, article date, expected claims as "kind low..high", in order).
const TABLE: &[(&str, &str, &[&str])] = &[
    // Counts and qualifiers (DESIGN.md's Semantics table).
    ("Kenya sent 400 officers.", "2024-11-08", &["count 400..400"]),
    ("About 400 officers were there.", "2024-11-08", &["count 360..440"]),
    ("Around 400 officers were there.", "2024-11-08", &["count 360..440"]),
    ("Some 400 officers were there.", "2024-11-08", &["count 360..440"]),
    ("Roughly 400 officers were there.", "2024-11-08", &["count 360..440"]),
    ("An estimated 400 officers were there.", "2024-11-08", &["count 360..440"]),
    ("Over 5,000 people were killed.", "2024-11-08", &["count 5000.._"]),
    ("More than 5,000 people were killed.", "2024-11-08", &["count 5000.._"]),
    ("Above 5,000 people were killed.", "2024-11-08", &["count 5000.._"]),
    ("In excess of 5,000 people were killed.", "2024-11-08", &["count 5000.._"]),
    ("At least 5,000 people were killed.", "2024-11-08", &["count 5000.._"]),
    ("Up to 2,500 officers will go.", "2024-11-08", &["count 0..2500"]),
    ("As many as 2,500 officers will go.", "2024-11-08", &["count 0..2500"]),
    ("Fewer than 200 people came.", "2024-11-08", &["count 0..200"]),
    ("Under 200 people came.", "2024-11-08", &["count 0..200"]),
    ("Between 200 and 300 people came.", "2024-11-08", &["count 200..300"]),
    ("Some 200–300 people came.", "2024-11-08", &["count 180..330"]),
    ("200-300 people came.", "2024-11-08", &["count 200..300"]),
    ("Six hundred officers arrived.", "2024-11-08", &["count 600..600"]),
    ("A hundred and forty people died.", "2024-11-08", &["count 140..140"]),
    ("Twenty-five people died.", "2024-11-08", &["count 25..25"]),
    ("It has 12 million citizens.", "2024-11-08", &["count 12000000..12000000"]),
    ("A dozen homes burned.", "2024-11-08", &["count 12..12"]),
    // A vague plural is the range it spans: "tens of thousands" is 10,000 to 100,000.
    ("Tens of thousands of people fled.", "2024-11-08", &["count 10000..100000"]),
    ("Kenya will send an additional 200 officers.", "2024-11-08", &["count 200..200"]),
    // Percentages and money.
    ("Gangs control 80 per cent of the capital.", "2024-11-08", &["percent 80..80"]),
    ("Gangs control 85% of the capital.", "2024-11-08", &["percent 85..85"]),
    ("Turnout fell 3 percentage points.", "2024-11-08", &["percent 3..3"]),
    ("The US gave $18 million in aid.", "2024-11-08", &["money 18000000..18000000"]),
    ("It costs KSh 1.2 billion.", "2024-11-08", &["money 1200000000..1200000000"]),
    ("Losses reached £3.5m.", "2024-11-08", &["money 3500000..3500000"]),
    ("Damage is put at €5bn.", "2024-11-08", &["money 5000000000..5000000000"]),
    ("Estimates ran from $540m to $1.8bn.", "2024-11-08", &["money 540000000..1800000000"]),
    ("It will cost 50 dollars each.", "2024-11-08", &["money 50..50"]),
    // Quantities.
    // Measures in their dimension's unit, give or take just under half a last digit.
    (
        "The fire burned 2,170 acres.",
        "2023-08-20",
        &["quantity 8779695.476961..8783661.396255 in square metre"],
    ),
    ("Winds reached 80 mph.", "2023-08-20", &["quantity 127.95894144..129.53609856 in kilometre per hour"]),
    ("Temperatures hit 40 degrees Celsius.", "2023-08-20", &["quantity 40..40"]),
    // A year-like figure before a measure is a length; before a name, still a year.
    ("The bridge spans 1800 feet.", "2023-08-20", &["quantity 547.14648..550.13352 in metre"]),
    (
        "The 2019 Harlow Cup was run in May.",
        "2023-08-20",
        &["date 2019-01-01..2019-12-31", "date 2023-05-01..2023-05-31"],
    ),
    ("Hurricane Dora, a Category 4 storm, passed.", "2023-08-20", &["quantity 4..4"]),
    // Absolute dates.
    ("It ends on October 2, 2025.", "2024-11-08", &["date 2025-10-02..2025-10-02"]),
    ("It ends on 2 October 2025.", "2024-11-08", &["date 2025-10-02..2025-10-02"]),
    ("It ended on Sept. 21.", "2024-11-08", &["date 2024-09-21..2024-09-21"]),
    ("It ended on 2024-11-07.", "2024-11-08", &["date 2024-11-07..2024-11-07"]),
    ("They met on the 21st of September.", "2024-11-08", &["date 2024-09-21..2024-09-21"]),
    ("He visited on Saturday, September 21, 2024.", "2024-11-08", &["date 2024-09-21..2024-09-21"]),
    // Partial dates.
    ("The mission began in June.", "2025-01-26", &["date 2024-06-01..2024-06-30"]),
    ("The mission began in June.", "2024-11-08", &["date 2024-06-01..2024-06-30"]),
    ("Officers will arrive in March.", "2024-11-08", &["date 2025-03-01..2025-03-31"]),
    ("It was delayed in January 2024.", "2024-11-08", &["date 2024-01-01..2024-01-31"]),
    ("He visited in September 2024.", "2024-11-08", &["date 2024-09-01..2024-09-30"]),
    ("It was approved in 2023.", "2024-11-08", &["date 2023-01-01..2023-12-31"]),
    ("Prices peaked in the 1990s.", "2024-11-08", &["date 1990-01-01..1999-12-31"]),
    (
        "It runs for the 2025-2027 term.",
        "2024-11-08",
        &["date 2025-01-01..2025-12-31", "date 2027-01-01..2027-12-31"],
    ),
    ("It was built in the 20th century.", "2024-11-08", &["date 1901-01-01..2000-12-31"]),
    ("Sales fell this fiscal year.", "2024-11-08", &["date 2024-01-01..2024-12-31"]),
    ("Fires burned Aug. 8-10.", "2023-08-20", &["date 2023-08-08..2023-08-10"]),
    // Weekdays.
    ("They spoke on Thursday, November 7.", "2024-11-08", &["date 2024-11-07..2024-11-07"]),
    ("Ruto spoke on Sunday.", "2025-01-26", &["date 2025-01-26..2025-01-26"]),
    ("Ruto spoke on Thursday.", "2024-11-08", &["date 2024-11-07..2024-11-07"]),
    ("The fire started last Tuesday.", "2023-08-10", &["date 2023-08-08..2023-08-08"]),
    ("The vote is next Friday.", "2024-11-08", &["date 2024-11-15..2024-11-15"]),
    // Relative dates.
    ("In October last year, the council voted.", "2024-11-08", &["date 2023-10-01..2023-10-31"]),
    ("It was finalized last year.", "2025-01-26", &["date 2024-01-01..2024-12-31"]),
    ("Last month, Ruto appealed.", "2024-11-08", &["date 2024-10-01..2024-10-31"]),
    ("They deploy next month.", "2024-10-12", &["date 2024-11-01..2024-11-30"]),
    ("It happened last week.", "2024-11-08", &["date 2024-10-28..2024-11-03"]),
    ("The assembly meets this week.", "2024-09-23", &["date 2024-09-23..2024-09-29"]),
    ("It was announced yesterday.", "2024-11-08", &["date 2024-11-07..2024-11-07"]),
    ("Talks resume tomorrow.", "2024-11-08", &["date 2024-11-09..2024-11-09"]),
    ("It opened two years ago.", "2024-11-08", &["date 2022-01-01..2022-12-31"]),
    // Times of day.
    (
        "The fire was contained at 9 a.m. on Aug. 8.",
        "2023-08-10",
        &["date 2023-08-08T09:00..2023-08-08T09:00", "date 2023-08-08..2023-08-08"],
    ),
    ("The quake struck at 04:09 UTC.", "2023-02-06", &["date 2023-02-06T04:09..2023-02-06T04:09"]),
    // Durations.
    ("The mandate was extended by a year.", "2024-11-08", &["duration 365..365"]),
    ("It was extended for another year.", "2024-11-08", &["duration 365..365"]),
    ("It lasted nearly three months.", "2024-11-08", &["duration 81..90"]),
    ("He served 15 years.", "2024-11-08", &["duration 5475..5475"]),
    ("It took 90 days.", "2024-11-08", &["duration 90..90"]),
    ("A two-year term began.", "2024-11-08", &["duration 730..730"]),
    // Near-misses: nothing numeric survives.
    ("Telephone number: 0203222111, 0719012111", "2024-11-08", &[]),
    ("P.O Box 30080-00100,Nairobi, Kenya.", "2024-11-08", &[]),
    ("Security Council Resolution 2699 applies.", "2024-11-08", &[]),
    ("See pic.twitter.com/4BGGSZd6gM for more.", "2024-11-08", &[]),
    ("Email us at news@example.com or visit https://example.com/2024/11/08/story-400", "2024-11-08", &[]),
    ("The COVID-19 pandemic spread.", "2024-11-08", &[]),
    ("One of them spoke.", "2024-11-08", &[]),
    ("The G20 summit ended.", "2024-11-08", &[]),
    ("The rally was in March, and they march again.", "2024-11-08", &["date 2024-03-01..2024-03-31"]),
    ("He said 40 were there.", "2024-11-08", &["count 40..40"]),
    ("The S&P 500 rose.", "2024-11-08", &[]),
    ("The two sides met.", "2024-11-08", &["count 2..2"]),
];

#[test]
fn text_to_values() {
    let mut failures = Vec::new();
    for (text, date, want) in TABLE {
        let got: Vec<String> = claims_of(text, date).iter().map(show).collect();
        if got != *want {
            failures.push(format!("{text:?} @ {date}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
    assert!(TABLE.len() >= 80);
}

#[test]
fn claim_spans_are_the_claimed_text() {
    let text = "Résumé: “about 400 officers” arrived on Thursday, November 7 — 🇰🇪 80% agree.";
    for c in claims_of(text, "2024-11-08") {
        assert_eq!(&text[c.start as usize..c.end as usize], &text[c.text_range()]);
        assert!(text.is_char_boundary(c.start as usize) && text.is_char_boundary(c.end as usize));
    }
    let got: Vec<String> = claims_of(text, "2024-11-08")
        .iter()
        .map(|c| text[c.start as usize..c.end as usize].to_string())
        .collect();
    assert_eq!(got, vec!["about 400", "Thursday, November 7", "80%"]);
}

#[test]
fn iso_values_for_dates_and_durations() {
    let cases = [
        ("They met on Thursday, November 7.", "2024-11-08", "2024-11-07"),
        ("It happened last week.", "2024-11-08", "2024-W44"),
        ("It was delayed in January 2024.", "2024-11-08", "2024-01"),
        ("It was extended for another year.", "2024-11-08", "P1Y"),
        ("It lasted nearly three months.", "2024-11-08", "P3M"),
        ("It took 90 days.", "2024-11-08", "P90D"),
        ("The quake struck at 04:09 UTC.", "2023-02-06", "2023-02-06T04:09"),
        ("He is now in office.", "2013-03-22", "PRESENT_REF"),
        ("Talks lasted several months.", "2013-03-22", "PXM"),
        ("They met for years.", "2013-03-22", "PXY"),
        ("It happened on Friday afternoon.", "2013-03-23", "2013-03-22TAF"),
        ("It was built in the 20th century.", "2013-03-22", "19"),
        // "would": the nearer side, a week back or a month ahead; "will": ahead.
        ("It faced fires on August 8 that would soon erupt.", "2023-08-15", "2023-08-08"),
        ("He said the vote would be held on Jan. 5.", "2024-12-04", "2025-01-05"),
        ("It faced fires on August 8 that will soon erupt.", "2023-08-15", "2024-08-08"),
        ("He said the vote would be held in March.", "2024-12-04", "2025-03"),
        ("They said the fires would spread in July.", "2024-08-20", "2024-07"),
    ];
    for (text, date, iso) in cases {
        let c = claims_of(text, date);
        assert_eq!(c[0].value.iso.as_deref(), Some(iso), "{text}");
    }
}

/// The claim of `text` whose text is `figure`.
fn claim_at(text: &str, date: &str, figure: &str) -> Claim {
    let at = text.find(figure).expect("figure in text");
    claims_of(text, date).into_iter().find(|c| c.text_range().start == at).expect("a claim at the figure")
}

#[test]
fn a_day_after_by_that_dates_a_count_is_no_event_date() {
    let subject = |text: &str, figure: &str| claim_at(text, "2023-08-25", figure).subject.to_string();
    // "by Sunday" is when 27 identifications were counted, not a day of identifying.
    assert_eq!(
        subject(
            "Twenty-seven of the dead had been identified by Sunday, two weeks after the storm.",
            "Sunday"
        ),
        ""
    );
    // Near-misses: a day with no "by" dates the event; a year after "by" is a target's.
    assert_eq!(
        subject("The first victim was identified on Thursday.", "Thursday"),
        "date/identify/total/actual"
    );
    assert_ne!(subject("Donors pledged to raise aid to 0.7% of income by 2015.", "2015"), "");
}

#[test]
fn a_figure_takes_the_date_of_its_own_clause() {
    let day = |text: &str, figure: &str| {
        let t = claim_at(text, "2024-07-22", figure).time.expect("an as-of time");
        crate::calendar::from_day_number(t.lo()).expect("a day").to_string()
    };
    // Two dates as near: the one past the comma is another clause's.
    let text = "Shares were trading at $265.24 on Monday, after a 11% drop on Friday.";
    assert_eq!(day(text, "11%"), "2024-07-19");
    assert_eq!(day(text, "$265.24"), "2024-07-22");
    // Near-miss: with no date in its clause, a figure takes the nearest past a comma.
    assert_eq!(day("On Friday, shares fell 11%.", "11%"), "2024-07-19");
    // The year a change is measured against is no time of the figure.
    let text = "Ethiopia produced 14.27 million tonnes of crops in 2004, 24% higher than in 2003.";
    assert_eq!(day(text, "24%"), "2004-01-01");
    assert_eq!(day("Gamers spent 7% more in 2004 than they did in 2003.", "7%"), "2004-01-01");
    // Near-miss: a "than" of the figure's own hedge.
    assert_eq!(
        day("Nissan aims to sell more than four million by 2008.", "more than four million"),
        "2008-01-01"
    );
}

#[test]
fn dates_that_name_a_thing_are_no_as_of_time() {
    let day = |text: &str, date: &str, figure: &str| {
        claim_at(text, date, figure)
            .time
            .map(|t| crate::calendar::from_day_number(t.lo()).unwrap().to_string())
    };
    // Positive: "the Aug. 8 wildfires" dates the fires; the toll is as of the article.
    let t = day("Officials confirmed the deaths of 101 people in the Aug. 8 wildfires.", "2024-03-02", "101");
    assert_eq!(t.as_deref(), Some("2024-02-29"));
    // Near-miss: "on Aug. 8" is when the figure held.
    let t = day("The fire killed 101 people on Aug. 8.", "2023-08-20", "101");
    assert_eq!(t.as_deref(), Some("2023-08-08"));
    let t = day("The tragic Aug. 8 wildfires left more than 100 people dead.", "2024-08-03", "more than 100");
    assert_eq!(t.as_deref(), Some("2024-08-01"));
    // An old attributive date still makes the figure history.
    let t = day("It surpassed the 1960 tsunami that killed 61 people.", "2023-08-13", "61");
    assert_eq!(t.as_deref(), Some("1960-01-01"));
    // The noun a date names travels with it: two dated things are not one fact.
    let c = claim_at("It surpassed the 1960 tsunami that killed 61 people.", "2023-08-13", "1960");
    assert_eq!(c.context.measured.as_deref(), Some("tsunami"));
}

#[test]
fn stamps_have_no_subject() {
    let subject = |text: &str, figure: &str| claim_at(text, "2023-08-16", figure).subject;
    // "by 8 a.m." says when a count was read; "at 8 a.m." when something happened.
    assert_eq!(subject("By 8 a.m. ET, Delta had canceled 626 flights.", "8 a.m. ET"), "");
    assert_ne!(subject("The update was released at 8 a.m. ET.", "8 a.m. ET"), "");
    // A running toll's as-of day is no date of the deaths.
    assert_eq!(subject("The death toll reached 106 Tuesday night, officials said.", "Tuesday night"), "");
    assert_ne!(subject("The fire that started Tuesday killed 106 people.", "Tuesday"), "");
}

#[test]
fn noun_less_figures_take_the_event_after_them() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-20", figure).subject;
    // "5,171 were canceled": the verb after the figure, not the cue before it.
    assert_eq!(
        subject("Over 46,000 flights were delayed and 5,171 were canceled.", "5,171"),
        "count/*/cancel/total/actual"
    );
    // A noun that names an event counts that event.
    assert_eq!(
        subject("There were 1,386 cancellations and 17,020 delays.", "17,020"),
        "count/*/delay/total/actual"
    );
    // ... also as the head of a compound, against the clause's verb.
    assert_eq!(
        subject(
            "Nearly 4,300 flights were canceled and almost 38,600 flight delays reported.",
            "almost 38,600"
        ),
        "count/*/delay/total/actual"
    );
    // Near-miss: a verb after the unit is the clause's verb, not its head.
    assert_eq!(subject("It follows 400 officers sent in June.", "400"), "count/officer/deploy/total/actual");
    // Near-miss: a bare figure with no verb after it has no key.
    assert_eq!(subject("The index closed at 16,644 on Friday.", "16,644"), "");
}

#[test]
fn counts_read_at_a_clock_time() {
    let read = |text: &str, figure: &str| claim_at(text, "2024-07-20", figure).context.read_at;
    assert_eq!(read("As of 9:15 a.m., there were 1,386 cancellations.", "1,386").as_deref(), Some("09:15"));
    // Two counts joined by a bare "and" are read at the time stated after the second;
    // near-miss: a comma makes the first a clause of its own.
    let joined = "Nearly 4,300 flights were canceled and almost 38,600 were delayed as of 11 a.m. ET.";
    assert_eq!(read(joined, "Nearly 4,300").as_deref(), Some("11:00 ET"));
    let apart = "Nearly 4,300 flights were canceled, and almost 38,600 were delayed as of 11 a.m. ET.";
    assert_eq!(read(apart, "Nearly 4,300"), None);
    assert_eq!(read("By 8 a.m. ET, Delta had canceled 626 flights.", "626").as_deref(), Some("08:00 ET"));
    // Near-misses: a time something happened at, or was reported at, stamps no count.
    assert_eq!(read("The fire, reported at noon, burned 1,200 acres.", "1,200"), None);
    assert_eq!(read("At 6:40 a.m., 200 people were evacuated.", "200"), None);
}

#[test]
fn totals_over_a_period() {
    let total = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).context.cumulative;
    assert!(total("Delta canceled 5,470 flights in just five days.", "5,470"));
    assert!(total("The total number of canceled flights is now a total of 5,000.", "5,000"));
    assert!(total("Delta has canceled 4,000 flights since Friday.", "4,000"));
    // Near-misses: one day's count, and a total named after the next figure.
    assert!(!total("On Sunday alone, Delta canceled 1,300 flights.", "1,300"));
    assert!(!total(
        "It canceled over 2,200 flights, contributing to a total of more than 6,000.",
        "over 2,200"
    ));
}

#[test]
fn amounts_with_no_event_are_keyed_by_their_size() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).subject;
    assert_eq!(subject("The striker cost £5m.", "£5m"), "money/GBP/-/total/actual/e6");
    assert_eq!(subject("The striker cost £7.5m.", "£7.5m"), "money/GBP/-/total/actual/e6");
    // Near-miss: another order of magnitude is another group.
    assert_eq!(subject("The club is worth £2bn.", "£2bn"), "money/GBP/-/total/actual/e9");
}

#[test]
fn counts_are_keyed_by_their_head_noun() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).subject;
    assert_eq!(subject("The tree has 46 major trunks.", "46"), "count/trunk/-/total/actual");
    assert_eq!(subject("The tree has 64 main trunks.", "64"), "count/trunk/-/total/actual");
    // Near-miss: a measure keeps its full name.
    assert_eq!(subject("The lot covers 3 square miles.", "3"), "quantity/square metre/-/total/actual");
}

#[test]
fn ages_set_off_after_a_name() {
    let at = |text: &str, figure: &str| claim_at(text, "2024-05-10", figure);
    let c = at("His wife, Martha Brenner, 68, escaped through a window.", "68");
    assert_eq!(
        (c.subject.as_str(), c.context.scope().to_vec()),
        ("quantity/year of age/-/total/actual", vec![Name::new("martha brenner")])
    );
    // The clause's event is no part of an age: "died" and "survived" key alike.
    assert_eq!(
        at("Harold Brenner, 71, died in the fire.", "71").subject,
        "quantity/year of age/-/total/actual"
    );
    // Near-miss: with no name set off before it, an age is nobody's in particular; the
    // places and teams around it are no person (the England of one 24-year-old is the
    // England of an 18-year-old).
    let c = at("The 24-year-old England midfielder signed on Friday.", "24");
    assert_eq!((c.unit.as_deref(), c.context.scope().to_vec()), (Some(AGE), Vec::<Name>::new()));
    // Near-misses: a place before the comma, a day of a date, a figure with a noun.
    assert_ne!(at("In Marlow, 45 people were evacuated.", "45").unit.as_deref(), Some(AGE));
    assert_ne!(at("The county, 45 miles away, was spared.", "45").unit.as_deref(), Some(AGE));
    assert!(
        claims_of("On Aug. 8, 2023, the fire began.", "2024-05-10")
            .iter()
            .all(|c| c.unit.as_deref() != Some(AGE))
    );
}

#[test]
fn clock_times_take_their_clause_event_and_date_its_figures() {
    let text = "On Tuesday, May 7, the fire broke out. Just before 10 a.m. the county declared the fire \"100% contained\".";
    let c = claim_at(text, "2024-05-09", "10 a.m.");
    assert_eq!(c.subject, "date/contain/total/actual/time-local");
    // The figure is as of the clock time's day, not of the article.
    let p = claim_at(text, "2024-05-09", "100%");
    let day = p.time.map(|t| crate::calendar::from_day_number(t.lo()).unwrap().to_string());
    assert_eq!((day.as_deref(), p.context.explicit_time), (Some("2024-05-07"), true));
    // Near-miss: a time that stamps a reading dates nothing ("by 8 a.m.").
    let q = claim_at("By 8 a.m. ET, Delta had canceled 626 flights.", "2024-07-20", "626");
    assert!(!q.context.explicit_time);
}

#[test]
fn noun_less_objects_of_an_event_verb_are_implied_counts() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).subject;
    assert_eq!(
        subject("Delta canceled 700 flights and delayed about 420.", "about 420"),
        "count/*/delay/total/actual"
    );
    assert_eq!(subject("It has already canceled another 600.", "600"), "count/*/cancel/increment/actual");
    assert_eq!(
        subject("Delta cancelled 1,250 beyond the 3,500 it had already scrapped.", "3,500"),
        "count/*/cancel/total/actual"
    );
    // Near-misses: a figure no event verb governs, a part of a whole.
    assert_eq!(subject("The index closed at 16,644 on Friday.", "16,644"), "");
    assert_eq!(subject("So far, 74 of the 97 dead have been identified.", "74"), "");
}

#[test]
fn an_opening_date_or_stamp_covers_the_whole_sentence() {
    let at = |text: &str, figure: &str| claim_at(text, "2024-07-23", figure);
    let day = |c: &Claim| c.time.map(|t| crate::calendar::from_day_number(t.lo()).unwrap().to_string());
    let c = at("On Sunday alone, Delta canceled 1,300 flights and delayed 1,600.", "1,600");
    assert_eq!(day(&c).as_deref(), Some("2024-07-21"));
    let c = at("By 8 a.m. ET on Monday, Delta had canceled 626 flights and delayed 144.", "144");
    assert_eq!(c.context.read_at.as_deref(), Some("08:00 ET"));
    // Near-miss: a date after the first figure dates only its own.
    let c = at("Delta canceled 1,300 flights, and 1,600 were delayed on Sunday.", "1,300");
    assert!(!c.context.explicit_time);
    // Two figures joined by a bare "and" share the date after the second.
    let c = at("Over 5,000 flights were canceled and nearly 13,000 were delayed on July 19.", "Over 5,000");
    assert_eq!(day(&c).as_deref(), Some("2024-07-19"));
    // Near-miss: a figure between, or the first figure's own words after "and".
    let c = at("Over 5,000 were canceled and 13,000 delayed, up from 900, on July 19.", "Over 5,000");
    assert!(!c.context.explicit_time);
    let c = at("Over 5,000 were canceled and officials said 13,000 were delayed on July 19.", "Over 5,000");
    assert!(!c.context.explicit_time);
}

#[test]
fn measures_convert_to_their_dimension_s_unit_with_their_written_precision() {
    // (sentence, figure, unit compared in, low, high, figure as written)
    let cases: &[(&str, &str, &str, f64, f64, f64)] = &[
        ("The banyan rises 60 feet.", "60", "metre", 59.51 * 0.3048, 60.49 * 0.3048, 60.0),
        ("The banyan rises 18.3 metres.", "18.3", "metre", 18.251, 18.349, 18.3),
        ("The trail runs 5 miles.", "5", "metre", 4.51 * 1609.344, 5.49 * 1609.344, 5.0),
        ("The pipeline runs 2,000 km.", "2,000", "metre", 1_951_000.0, 2_049_000.0, 2000.0),
        // A ton is the US one or the British one.
        ("The ship carried 10 tons of rice.", "10", "kilogram", 9.51 * 907.18474, 10.49 * 1016.0469088, 10.0),
        ("The ship carried 10 tonnes of rice.", "10", "kilogram", 9510.0, 10490.0, 10.0),
    ];
    for &(text, figure, base, lo, hi, written) in cases {
        let c = claim_at(text, "2024-05-01", figure);
        let i = c.value.interval;
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
        assert_eq!(c.value.base.as_deref(), Some(base), "{text}");
        assert!(near(i.lo(), lo) && near(i.hi(), hi), "{text}: {i:?}, want {lo}..{hi}");
        assert_eq!(c.value.nominal.get().map(|n| n.0), Some(written), "{text}");
    }
    // An open end stays open, a floor stays at zero.
    let c = claim_at("Waves of up to 30 feet hit the coast.", "2024-05-01", "up to 30");
    assert_eq!((c.value.interval.low(), c.value.interval.high().is_some()), (Some(0.0), true));
    // Near-miss: temperatures have an offset, no factor; they stay as written.
    let c = claim_at("It was 104 degrees Fahrenheit.", "2024-05-01", "104");
    assert_eq!((c.value.base, show(&c).as_str()), (None, "quantity 104..104"));
}

#[test]
fn written_precision_is_the_place_of_the_last_digit() {
    for (v, place) in [(1.94, 0.01), (18.0, 1.0), (60.0, 1.0), (2000.0, 100.0), (0.5, 0.1), (0.0, 1.0)] {
        assert_eq!(super::resolution(v), place, "{v}");
    }
}

#[test]
fn a_change_from_one_figure_to_another_is_the_new_figure() {
    let c = claim_at(
        "The death toll has dropped from 115 to 97 after DNA tests.",
        "2023-09-16",
        "from 115 to 97",
    );
    assert_eq!((show(&c).as_str(), c.subject.as_str()), ("count 97..97", "count/*/kill/total/actual"));
    assert_eq!(c.value.nominal.get(), Some((115.0, Some(97.0))));
    // Near-miss: "from X to Y" with no change verb is a range.
    let r = claim_at("Rain of from 4 to 6 inches fell overnight.", "2023-09-16", "from 4 to 6");
    assert_eq!(show(&r), "quantity 0.089154..0.164846 in metre");
}

#[test]
fn a_date_ending_a_relative_clause_dates_its_noun() {
    let day = |text: &str, figure: &str| {
        claim_at(text, "2023-09-17", figure)
            .time
            .map(|t| crate::calendar::from_day_number(t.lo()).unwrap().to_string())
    };
    let text = "The death toll from the wildfires that devastated Maui last month has risen to 97.";
    assert_eq!(day(text, "97").as_deref(), Some("2023-09-16"));
    // Near-miss: a date in the main clause dates the figure.
    assert_eq!(day("The death toll rose to 97 last month.", "97").as_deref(), Some("2023-08-01"));
}

#[test]
fn a_figure_replaced_later_in_its_sentence_is_the_earlier_value() {
    let role = |text: &str, figure: &str| claim_at(text, "2023-08-12", figure).role;
    assert_eq!(role("The number of 89 deaths was later raised to 93.", "89"), Role::Initial);
    assert_eq!(role("The number of 89 deaths was later raised to 93.", "93"), Role::Total);
    // Near-miss: "to" a place, not a figure.
    assert_eq!(role("The 89 evacuees were later moved to Kahului.", "89"), Role::Total);
}

#[test]
fn the_day_of_a_count_of_its_own_event_is_no_fact_of_its_own() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).subject;
    assert_eq!(subject("On Sunday alone, Delta canceled 1,300 flights.", "Sunday"), "");
    // Near-miss: the day of another event than the count's.
    assert_ne!(subject("The fire began on Aug. 8 and killed 97 people.", "Aug. 8"), "");
}

#[test]
fn prices_per_unit_name_their_currency_and_keep_its_key() {
    let at = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure);
    let c = at("Crude traded at $80 per barrel.", "$80");
    assert_eq!(c.unit.as_deref(), Some("dollar per barrel"));
    assert_eq!(c.subject, "money/USD/-/total/actual/e1");
    assert_eq!(
        at("The plan costs RM79 a month.", "RM79").unit.as_deref(),
        Some("malaysian ringgit per month")
    );
    assert_eq!(at("Offices lease at $80 per sq m.", "$80").unit.as_deref(), Some("dollar per square metre"));
    // Near-misses: a plain amount keeps its code; "a year ago" is no rate.
    assert_eq!(at("The striker cost £5m.", "£5m").unit.as_deref(), Some("GBP"));
    assert_eq!(at("Sales were $5m a year ago.", "$5m").unit.as_deref(), Some("USD"));
}

#[test]
fn offsets_are_listed_but_never_grouped() {
    let c = claim_at("Nine days later the road reopened.", "2024-07-22", "Nine days");
    assert_eq!((c.kind, c.subject.as_str()), (Kind::Duration, ""));
    // Near-miss: a length of time is grouped by its event.
    let c = claim_at("The mandate was extended by one year.", "2024-07-22", "one year");
    assert_ne!(c.subject, "");
}

#[test]
fn a_share_after_or_restates_the_change_before_it() {
    use crate::model::Role;
    let role = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).role;
    assert_eq!(role("The index lost 190 points, or 0.6%, on Friday.", "0.6%"), Role::Decrement);
    assert_eq!(role("Jobs grew by 12,600 positions or 2.2 per cent.", "2.2 per cent"), Role::Increment);
    // Near-misses: no change before "or", and a share that is no restatement.
    assert_eq!(role("The index stood at 190 points, or 0.6% of its peak.", "0.6%"), Role::Total);
    assert_eq!(role("The index lost 190 points and 0.6% of its value.", "0.6%"), Role::Total);
}

#[test]
fn signs_and_spans_of_change() {
    use crate::model::Role;
    let role = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).role;
    assert_eq!(role("In Europe: Stoxx 50 -1.3% on the day.", "-1.3%"), Role::Decrement);
    assert_eq!(role("Shares rose 5% on the news.", "5%"), Role::Increment);
    // Near-misses: a temperature below zero, and a span from one level to another.
    assert_eq!(role("It was -5 degrees at dawn.", "-5 degrees"), Role::Total);
    // A height in the simple present is no rise; the past tense and a share are.
    assert_eq!(role("The banyan tree rises 60 feet over the square.", "60"), Role::Total);
    assert_eq!(role("The river rose 3 feet overnight.", "3"), Role::Increment);
    assert_eq!(role("The index rises 3% on the news.", "3%"), Role::Increment);
    assert_eq!(role("Horsepower jumped from 240 to 273.", "from 240 to 273"), Role::Total);
}

#[test]
fn a_change_verb_before_its_object_and_by() {
    use crate::model::Role;
    let role = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).role;
    assert_eq!(role("The brand expects to grow sales by 35 per cent.", "35 per cent"), Role::Increment);
    assert_eq!(role("The firm cut its costs by 10%.", "10%"), Role::Decrement);
    // Near-miss: "by" with no change verb before its object.
    assert_eq!(role("The firm beat forecasts by 10%.", "10%"), Role::Total);
}

#[test]
fn figures_borrow_the_noun_of_a_neighbouring_figure() {
    let unit = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).unit;
    // A suspended compound, and the level a change reached.
    assert_eq!(unit("It has a 7- or 8-inch screen.", "7").as_deref(), Some("inch"));
    assert_eq!(unit("The index rose 64.06 points to 4,577.10.", "4,577.10").as_deref(), Some("point"));
    assert_eq!(unit("Mileage went from about 14-18 mpg to 24.", "24").as_deref(), Some("mile per gallon"));
    // Near-misses: a share's level is no share; a hyphen that joins no compound.
    assert_eq!(unit("The stock rose 8% to 3.65 on Friday.", "3.65").as_deref(), None);
    assert_eq!(unit("He ran 12 - or so he says - 8-mile loops.", "12").as_deref(), None);
}

#[test]
fn a_figure_with_no_noun_takes_the_noun_of_the_figure_it_parallels() {
    let claim = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure);
    for (text, figure, want) in [
        ("The highest forecast is 84.75 cents, while the lowest is 74.07.", "74.07", Some("cent")),
        ("Sales rose to 3.9 million headsets, up from 2.4 million in 2017.", "2.4 million", Some("headset")),
        ("It ended at 1,463.87 points; the TA-125 rose 0.1% to 1,333.18.", "1,333.18", Some("point")),
        // Near-misses: another order of magnitude; only a share before it.
        ("The 4 trucks carried 1,200 on Monday.", "1,200", None),
        ("Shares rose 8% while the index closed at 1,333.18.", "1,333.18", None),
    ] {
        let c = claim(text, figure);
        assert_eq!(c.unit.as_deref(), want, "{text}");
        // Listed by the noun, never grouped on it.
        if want.is_some() {
            assert!(c.subject.is_empty(), "{text}: {}", c.subject);
        }
    }
}

#[test]
fn a_hedge_between_a_name_and_a_figure_keeps_the_figure() {
    let cs = claims_of("It makes the S8 around 25k cheaper.", "2024-07-22");
    assert!(cs.iter().any(|c| c.value.nominal.get() == Some((25000.0, None))));
    // Near-miss: a name right before a bare figure makes a model name.
    assert!(claims_of("The S8 25 was on show.", "2024-07-22").is_empty());
}

#[test]
fn conversions_and_gapped_clauses_repeat_the_change() {
    use crate::model::Role;
    let role = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).role;
    assert_eq!(role("Temperatures dropped by 1.5 degrees Celsius (2.7 Fahrenheit).", "2.7"), Role::Decrement);
    assert_eq!(role("Acme was down 2.3%, Globex by 2.6% at noon.", "2.6%"), Role::Decrement);
    // Near-misses: a bracket after no change, and "by" with no name before it.
    assert_eq!(role("The wall is 1.5 metres (4.9 feet) high.", "4.9"), Role::Total);
    assert_eq!(role("Acme was down 2.3%, then held by 2.6% margins.", "2.6%"), Role::Total);
    assert_eq!(role("Prices fell 5 by 3 metres of floor.", "3 metres"), Role::Total);
}

#[test]
fn change_verbs_in_every_form() {
    use crate::model::Role;
    let role = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).role;
    assert_eq!(role("Shares recovered after plummeting 65% last year.", "65%"), Role::Decrement);
    assert_eq!(role("Profit was revised upward by $40 million.", "$40 million"), Role::Increment);
    // Near-miss: a verb that is no change.
    assert_eq!(role("Shares recovered after trading 65% of the day.", "65%"), Role::Total);
}

#[test]
fn identified_and_sheltered_people_are_their_own_counts() {
    let subject = |text: &str, figure: &str| claim_at(text, "2023-08-25", figure).subject;
    assert_eq!(
        subject("A total of 46 people had been identified.", "46"),
        "count/people/identify/total/actual"
    );
    assert_eq!(
        subject("The airport housed more than 1,800 people.", "more than 1,800"),
        "count/people/displace/total/actual"
    );
    // Near-miss: a count no event cue names.
    assert_eq!(subject("About 300 people attended the vigil.", "About 300"), "count/people/-/total/actual");
}

#[test]
fn hyphenated_and_hearing_cues_name_their_events() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-19", figure).subject;
    assert_eq!(
        subject("At 05:27 UTC, the vendor rolled-back the update.", "05:27 UTC"),
        "date/revert/total/actual/time-UTC"
    );
    assert_eq!(
        subject("He is set to testify at a hearing on September 24.", "September 24"),
        "date/hearing/total/target"
    );
    // Near-miss: a date no cue names has no key.
    assert_eq!(subject("The weather was fine on September 24.", "September 24"), "");
}

#[test]
fn a_term_that_runs_until_a_date_ends_then() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-10", figure).subject;
    assert_eq!(
        subject("The mission's mandate runs until October 2, 2025.", "October 2, 2025"),
        "date/end/total/target"
    );
    assert_eq!(subject("The permit was valid until May 1, 2024.", "May 1, 2024"), "date/end/total/actual");
    // Near-miss: "until" alone names no end ("waited until Monday").
    assert_eq!(subject("Residents waited until Monday.", "Monday"), "");
}

#[test]
fn the_end_of_a_period_is_a_time_not_an_event() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-10", figure).subject;
    assert_eq!(
        subject("Kenya will deploy 2,500 officers by the end of the year.", "2,500"),
        "count/officer/deploy/total/target"
    );
    assert_eq!(
        subject("It plans 2,500 officers by the end of June.", "2,500"),
        "count/officer/-/total/target"
    );
    // Near-miss: the end of a thing is its end.
    assert_eq!(subject("The end of the mission came on July 2.", "July 2"), "date/end/total/actual");
}

#[test]
fn a_figure_due_to_happen_is_a_plan() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-10", figure).subject;
    assert_eq!(
        subject("Another 400 officers are due to arrive soon.", "400"),
        "count/officer/deploy/increment/target"
    );
    // Near-miss: "due to" as "because of".
    assert_eq!(
        subject("Some 400 flights were delayed due to storms.", "Some 400"),
        "count/flight/delay/total/actual"
    );
}

#[test]
fn a_deadline_after_a_past_clause_was_met() {
    let iso =
        |text: &str, figure: &str| claim_at(text, "2024-07-10", figure).value.iso.map(|n| n.to_string());
    // Wednesday's article: last Saturday, not the next.
    assert_eq!(iso("The blaze was 85% contained by Saturday.", "Saturday").as_deref(), Some("2024-07-06"));
    // Near-miss: a deadline ahead.
    assert_eq!(iso("The blaze will be contained by Saturday.", "Saturday").as_deref(), Some("2024-07-13"));
}

#[test]
fn a_day_right_after_a_stamped_clock_time_is_part_of_the_stamp() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-19", figure).subject;
    assert_eq!(subject("As of 3:30 p.m. ET Friday, Delta had canceled 1,176 flights.", "Friday"), "");
    // Near-miss: a clock time that stamps nothing leaves its day a date.
    assert_ne!(subject("The update was released at 4:09 UTC Friday.", "Friday"), "");
}

#[test]
fn figures_moved_to_are_revisions() {
    let revised = |text: &str, figure: &str| claim_at(text, "2023-08-11", figure).context.revised;
    assert!(revised("The number of deaths has risen to 80, officials said.", "80"));
    assert!(revised("The number of 89 deaths was later raised to 93.", "93"));
    assert!(revised("The toll was revised down to 97.", "97"));
    // Near-miss: a toll stated plainly, and a "to" that moves nothing.
    assert!(!revised("The fire killed 93 people.", "93"));
    assert!(!revised("Crews have been sent to 12 towns.", "12"));
}

#[test]
fn initially_marks_the_first_figure() {
    let role = |text: &str, figure: &str| claim_at(text, "2023-08-20", figure).role;
    assert_eq!(
        role("Initially, more than 2,000 people were unaccounted for.", "more than 2,000"),
        Role::Initial
    );
    assert_eq!(role("Originally 40 people were listed.", "40"), Role::Initial);
    // Near-miss: a figure with no such cue is the total.
    assert_eq!(role("Now 850 people are unaccounted for.", "850"), Role::Total);
}

#[test]
fn a_passive_verb_past_the_figures_of_phrase_is_its_event() {
    let subject = |text: &str, figure: &str| claim_at(text, "2023-08-21", figure).subject;
    assert_eq!(
        subject(
            "Police updated the deaths Monday, the latest word being that 85% of the rubble had been searched.",
            "85%"
        ),
        "percent/search/actual"
    );
    // Near-miss: a verb after a comma belongs to another clause.
    assert_eq!(
        subject("The fire killed 85% of the herd, and the rubble was searched.", "85%"),
        "percent/kill/actual"
    );
    assert_eq!(
        subject("The report was given to county officials on Sept. 23.", "Sept. 23"),
        "date/deliver/total/actual"
    );
}

#[test]
fn a_verb_of_aspect_leaves_the_event_to_the_verb_after_it() {
    let subject = |text: &str, figure: &str| claim_at(text, "2023-08-09", figure).subject;
    // "started to topple": nothing started; no event cue, no key for the time.
    assert_eq!(subject("At 6:22 a.m. power poles started to topple in high winds.", "6:22 a.m."), "");
    // Near-miss: "started" with no "to" is the start.
    assert_eq!(
        subject("At 6:30 a.m. the morning fire started near the road.", "6:30 a.m."),
        "date/start/total/actual/time-local"
    );
}

#[test]
fn the_insured_part_of_a_loss_is_its_own_role() {
    let role = |text: &str, figure: &str| claim_at(text, "2024-07-26", figure).role;
    assert_eq!(
        role(
            "Parametrix believes insured losses among US companies are likely to be between $540m and $1.8bn.",
            "between $540m and $1.8bn"
        ),
        Role::Insured
    );
    assert_eq!(
        role(
            "The fires include insured property value in the range of $2.5 billion to 4 billion.",
            "$2.5 billion to 4 billion"
        ),
        Role::Insured
    );
    assert_eq!(
        role(
            "The cyber insurance market could lose anywhere from between $400mn and $1.5 billion.",
            "between $400mn and $1.5 billion"
        ),
        Role::Insured
    );
    // Near-miss: a figure after another one in the clause is not what the cue heads.
    assert_eq!(
        role("Insured losses were $1 billion, while the damage reached $5.5 billion.", "$5.5 billion"),
        Role::Total
    );
    assert_eq!(
        role("The fires caused damage of an estimated $5.5 billion.", "an estimated $5.5 billion"),
        Role::Total
    );
}

#[test]
fn the_base_of_a_share_is_no_count_of_its_event() {
    let subject = |text: &str, figure: &str| claim_at(text, "2024-07-20", figure).subject;
    assert_eq!(
        subject("Nearly 2% of the 104,000 flights scheduled for today have been delayed.", "104,000"),
        "count/flight/-/total/target"
    );
    // Near-miss: a count that is no share's base counts the event.
    assert_eq!(
        subject("Nearly 2%, or 2,000 flights scheduled for today, have been delayed.", "2,000"),
        "count/flight/delay/total/target"
    );
}

#[test]
fn a_total_over_a_period_is_a_running_figure() {
    let running = |text: &str, figure: &str| claim_at(text, "2024-08-01", figure).running;
    assert!(running("According to the airline, it canceled 5,470 flights in just five days.", "5,470"));
    assert!(running(
        "That brought the total to a total of more than 6,000 cancellations.",
        "more than 6,000"
    ));
    // Near-miss: one day's count of a day-by-day event is no running figure.
    assert!(!running("Delta canceled 1,300 flights on Sunday.", "1,300"));
}

#[test]
fn a_share_of_which_is_a_share_of_the_figure_before_it() {
    let measured = |text: &str, figure: &str| claim_at(text, "2023-08-11", figure).context.measured;
    assert_eq!(
        measured("The upcountry fire affected 544 structures, 96% of which were residential.", "96%")
            .as_deref(),
        Some("544 structure")
    );
    // Near-miss: a share of a noun names the noun.
    assert_eq!(
        measured("86% of buildings exposed to the fire were residential.", "86%").as_deref(),
        Some("building")
    );
}

#[test]
fn a_count_as_a_modifier_counts_the_noun_it_describes() {
    let measured = |text: &str, figure: &str| claim_at(text, "2024-08-03", figure).context.measured;
    let cases = [
        (
            "The destruction could have been avoided, according to the 56-page document.",
            "56",
            Some("document"),
        ),
        ("It started at a utility pole, according to the 289 pages of findings.", "289", Some("finding")),
        ("A 10-member team will review the plan.", "10", Some("team")),
        // Near-misses: a plain count, an age, a count and the noun after "of" it is part of.
        ("Boasting 46 major trunks, the banyan tree rises 60 feet.", "46", None),
        ("The 150-year-old banyan tree survived the fire.", "150", None),
        ("Officials said 400 of the officers had arrived.", "400", None),
    ];
    for (text, figure, want) in cases {
        assert_eq!(measured(text, figure).as_deref(), want, "{text}");
    }
}

#[test]
fn a_date_before_its_nouns_future_verb_is_ahead() {
    let iso = |text: &str, figure: &str| claim_at(text, "2024-09-03", figure).value.iso;
    assert_eq!(
        iso("The Sept. 24 hearing is expected to be a crucial test.", "Sept. 24").as_deref(),
        Some("2024-09-24")
    );
    // Near-miss: with no future cue a month-and-day leans to the past.
    assert_eq!(iso("The Sept. 24 hearing was a crucial test.", "Sept. 24").as_deref(), Some("2023-09-24"));
}

#[test]
fn a_stand_in_for_a_body_takes_the_name_the_sentence_before_opened_with() {
    let scope = |text: &str, figure: &str| claim_at(text, "2024-07-22", figure).context.scope().to_vec();
    let text = "Delta has canceled more than 1,100 flights on Monday. The airline delayed about 420 flights.";
    assert_eq!(scope(text, "about 420"), vec![Name::new("delta")]);
    // A sentence before with no figure is not tokenized by extraction: still read.
    let text = "Delta has struggled since the storm. The airline delayed about 420 flights.";
    assert_eq!(scope(text, "about 420"), vec![Name::new("delta")]);
    // Near-misses: no name opens the sentence before, or no stand-in opens this one.
    let text = "On Monday, more than 1,100 flights were canceled. The airline delayed about 420 flights.";
    assert!(scope(text, "about 420").is_empty());
    let text = "Delta has canceled more than 1,100 flights on Monday. It delayed about 420 flights.";
    assert!(scope(text, "about 420").is_empty());
}
