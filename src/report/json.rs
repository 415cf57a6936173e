//! The `claimcheck/report/v1` JSON document (schema in the README).

use serde::Serialize;
use serde_json::{Value as J, json};

use super::Run;
use crate::calendar::iso_instant;
use crate::model::{Claim, Interval, Kind};

/// Schema name and version.
pub const SCHEMA: &str = "claimcheck/report/v1";

/// A number as JSON: integers without a fraction.
pub fn num(x: f64) -> J {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        J::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(J::Null, J::Number)
    }
}

/// An interval's ends as JSON: numbers, or ISO dates/instants for a date.
pub fn ends(i: &Interval, dates: bool) -> (J, J, bool) {
    if !dates {
        return (i.low.map_or(J::Null, num), i.high.map_or(J::Null, num), i.high_inclusive);
    }
    let lo = i.low.and_then(iso_instant).map_or(J::Null, J::String);
    // A day span [d, e) is written as its last day, inclusive.
    let day_span = i.low_inclusive && !i.high_inclusive && i.high.is_some_and(|h| h.fract() == 0.0);
    let hi = match i.high {
        Some(h) if day_span => iso_instant(h - 1.0),
        Some(h) => iso_instant(h),
        None => None,
    }
    .map_or(J::Null, J::String);
    (lo, hi, day_span || i.high_inclusive)
}

fn value(c: &Claim) -> J {
    let (low, high, high_inclusive) = ends(&c.value.interval, c.kind == Kind::Date);
    let mut v = json!({
        "low": low,
        "high": high,
        "low_inclusive": c.value.interval.low_inclusive && c.value.interval.low.is_some(),
        "high_inclusive": high_inclusive && c.value.interval.high.is_some(),
    });
    if let Some((a, b)) = c.value.nominal {
        v["nominal"] = match b {
            Some(b) => json!([num(a), num(b)]),
            None => num(a),
        };
    }
    if let Some(iso) = &c.value.iso {
        v["iso"] = J::String(iso.clone());
    }
    v
}

/// The evidence behind a claim's subject, as the v1 report shows it (the content
/// words used for comparability are left to the claims stream).
fn context(c: &Claim) -> J {
    let mut j = serde_json::to_value(&c.context).expect("context serializes");
    if let Some(o) = j.as_object_mut() {
        o.remove("words");
    }
    j
}

fn claim(run: &Run, c: &Claim) -> J {
    let time = c.time.map_or(J::Null, |t| {
        let (low, high, _) = ends(&t, true);
        json!({ "low": low, "high": high })
    });
    let mut j = json!({
        "id": c.id,
        "doc": run.docs[c.doc].path,
        "start": c.start,
        "end": c.end,
        "line": c.line,
        "column": c.column,
        "text": run.claim_text(c),
        "sentence": run.sentence(c),
        "kind": c.kind,
        "value": value(c),
        "unit": c.unit,
        "qualifier": c.qualifier,
        "role": role_name(c),
        "modality": c.modality,
        "subject": c.subject,
        "time": time,
        "context": context(c),
    });
    if let Some(l) = &c.label {
        j["label"] = J::String(l.clone());
    }
    j
}

/// The role as the schema names it: increment/decrement/initial win, then a pledged
/// total is "target".
fn role_name(c: &Claim) -> &'static str {
    use crate::model::{Modality, Role};
    match (c.role, c.modality) {
        (Role::Increment, _) => "increment",
        (Role::Decrement, _) => "decrement",
        (Role::Initial, _) => "initial",
        (Role::Average, _) => "average",
        (Role::Total, Modality::Target) => "target",
        (Role::Total, Modality::Actual) => "total",
    }
}

#[derive(Serialize)]
struct Doc<'a> {
    path: &'a str,
    date: Option<String>,
    date_source: crate::model::DateSource,
    source: Option<&'a str>,
}

/// The whole v1 report; `with_findings` false gives the `claims` command's document.
pub fn report(run: &Run, with_findings: bool) -> J {
    let docs: Vec<Doc> = run
        .docs
        .iter()
        .map(|d| Doc {
            path: &d.path,
            date: d.date.map(|x| x.format("%Y-%m-%d").to_string()),
            date_source: d.date_source,
            source: d.source.as_deref(),
        })
        .collect();
    let findings: Vec<J> = if with_findings {
        run.findings
            .iter()
            .map(|f| {
                let mut j = json!({
                    "id": f.id,
                    "status": f.status,
                    "severity": f.severity,
                    "subject": f.subject,
                    "label": f.label,
                    "claims": f.claims.iter().map(|&i| run.claims[i].id.as_str()).collect::<Vec<_>>(),
                    "sources": f.sources,
                    "message": f.message,
                });
                if let Some(r) = run.review_of(f) {
                    j["review"] = json!({ "decision": r.decision.name(), "reason": r.reason });
                }
                j
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut j = json!({
        "schema": SCHEMA,
        "documents": docs,
        "claims": run.claims.iter().map(|c| claim(run, c)).collect::<Vec<_>>(),
        "findings": findings,
    });
    if with_findings && !run.stale.is_empty() {
        j["stale_reviews"] = run
            .stale
            .iter()
            .map(|s| {
                json!({
                    "id": s.id,
                    "status": s.status,
                    "label": s.label,
                    "file": s.path.to_string_lossy(),
                    "line": s.line,
                })
            })
            .collect();
    }
    j
}

/// The report as pretty JSON text with a final newline.
pub fn render(run: &Run, with_findings: bool) -> String {
    let mut s = serde_json::to_string_pretty(&report(run, with_findings)).expect("JSON values serialize");
    s.push('\n');
    s
}
