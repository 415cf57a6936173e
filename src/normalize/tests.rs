//! Table-driven: text in, normalized claim out (through extract and normalize).

use chrono::NaiveDate;

use crate::calendar::iso_instant;
use crate::extract;
use crate::load::Document;
use crate::model::{Claim, DateSource, Kind};
use crate::report::json::ends;
use crate::rules::Rules;

fn doc(text: &str, date: Option<NaiveDate>) -> Document {
    Document {
        path: "t.txt".into(),
        text: text.into(),
        body_start: 0,
        offsets: Default::default(),
        date,
        date_source: DateSource::Manifest,
        source: None,
        dateline: None,
    }
}

/// All claims of `text` in an article dated `date`.
pub(crate) fn claims_of(text: &str, date: &str) -> Vec<Claim> {
    let rules = Rules::defaults();
    let d = doc(text, NaiveDate::parse_from_str(date, "%Y-%m-%d").ok());
    let masked = extract::masked(&d, &rules);
    let sents = extract::extract(&masked, &rules);
    super::normalize(0, &d, &sents, &rules)
}

/// "kind low..high" of a claim, dates as ISO.
fn show(c: &Claim) -> String {
    let (lo, hi, _) = ends(&c.value.interval, c.kind == Kind::Date);
    let f = |j: serde_json::Value| match j {
        serde_json::Value::Null => "_".to_string(),
        serde_json::Value::String(s) => s,
        x => x.to_string(),
    };
    format!("{} {}..{}", c.kind.name(), f(lo), f(hi))
}
