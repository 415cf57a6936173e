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

fn document(d: &crate::load::Document) -> J {
    let doc = Doc {
        path: &d.path,
        date: d.date.map(|x| x.format("%Y-%m-%d").to_string()),
        date_source: d.date_source,
        source: d.source.as_deref(),
    };
    serde_json::to_value(doc).expect("documents serialize")
}

fn finding(run: &Run, f: &crate::model::Finding) -> J {
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
}

fn stale(s: &crate::review::Stale) -> J {
    json!({
        "id": s.id,
        "status": s.status,
        "label": s.label,
        "file": s.path.to_string_lossy(),
        "line": s.line,
    })
}

/// The whole v1 report; `with_findings` false gives the `claims` command's document.
///
/// It is serialized as it is read: each claim, document and finding becomes a small
/// JSON value only while it is written, so a report never exists twice in memory (as
/// one `serde_json::Value` tree it took several times the size of its text). Keys
/// come in the sorted order a `Value` object gives them, so the bytes are the same.
struct Report<'a> {
    run: &'a Run,
    with_findings: bool,
}

/// A JSON array whose elements are made one at a time, as they are written.
struct Each<'a, T, F>(&'a [T], F);

impl<T, F: Fn(&T) -> J> Serialize for Each<'_, T, F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for x in self.0 {
            seq.serialize_element(&(self.1)(x))?;
        }
        seq.end()
    }
}

impl Serialize for Report<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let run = self.run;
        let has_stale = self.with_findings && !run.stale.is_empty();
        let mut m = s.serialize_map(Some(4 + usize::from(has_stale)))?;
        m.serialize_entry("claims", &Each(&run.claims, |c: &Claim| claim(run, c)))?;
        m.serialize_entry("documents", &Each(&run.docs, document))?;
        let findings = if self.with_findings { &run.findings[..] } else { &[] };
        m.serialize_entry("findings", &Each(findings, |f: &crate::model::Finding| finding(run, f)))?;
        m.serialize_entry("schema", SCHEMA)?;
        if has_stale {
            m.serialize_entry("stale_reviews", &Each(&run.stale, stale))?;
        }
        m.end()
    }
}

/// The report as pretty JSON text with a final newline.
pub fn render(run: &Run, with_findings: bool) -> String {
    let mut out = Vec::new();
    serde_json::to_writer_pretty(&mut out, &Report { run, with_findings }).expect("JSON values serialize");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}
