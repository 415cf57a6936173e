//! The `claimcheck/report/v1` JSON document (schema in the README).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value as J, json};

use super::Run;
use crate::calendar::iso_instant;
use crate::hash::ClaimId;
use crate::model::{Claim, Interval, Kind, Modality, Qualifier, Role};
use crate::name::Name;

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
        return (i.low().map_or(J::Null, num), i.high().map_or(J::Null, num), i.high_inclusive);
    }
    let lo = i.low().and_then(iso_instant).map_or(J::Null, J::String);
    // A day span [d, e) is written as its last day, inclusive.
    let day_span = i.low_inclusive && !i.high_inclusive && i.high().is_some_and(|h| h.fract() == 0.0);
    let hi = match i.high() {
        Some(h) if day_span => iso_instant(h - 1.0),
        Some(h) => iso_instant(h),
        None => None,
    }
    .map_or(J::Null, J::String);
    (lo, hi, day_span || i.high_inclusive)
}

/// A claim's value as the report writes it. The report's objects have their keys in
/// name order (they were `Value` maps, which sort them): the fields of this and of
/// [`ClaimOut`] are declared in that order, so that a claim is serialized straight
/// from borrowed fields instead of through a map of owned strings (that tree was a
/// tenth of a BBC x1 run).
#[derive(Serialize)]
struct ValueOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<&'a str>,
    high: J,
    high_inclusive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    iso: Option<&'a str>,
    low: J,
    low_inclusive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    nominal: Option<J>,
}

fn value(c: &Claim) -> ValueOut<'_> {
    let (low, high, high_inclusive) = ends(&c.value.interval, c.kind == Kind::Date);
    ValueOut {
        base: c.value.base.as_deref(),
        high,
        high_inclusive: high_inclusive && c.value.interval.high().is_some(),
        iso: c.value.iso.as_deref(),
        low,
        low_inclusive: c.value.interval.low_inclusive && c.value.interval.low().is_some(),
        nominal: c.value.nominal.get().map(|(a, b)| match b {
            Some(b) => json!([num(a), num(b)]),
            None => num(a),
        }),
    }
}

/// The evidence behind a claim's subject, as the v1 report shows it: the context's
/// fields but its content words (left to the claims stream), keys in name order.
/// Borrowed and written directly: made as a `serde_json::Value` and the words taken
/// out again, it was 3 % of BBC x1's samples (perf).
#[derive(Serialize)]
struct ContextOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cumulative: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    current: bool,
    #[serde(skip_serializing_if = "<[Name]>::is_empty")]
    entities: &'a [Name],
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'a str>,
    explicit_time: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    measured: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    read_at: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    revised: bool,
    #[serde(skip_serializing_if = "<[Name]>::is_empty")]
    scope: &'a [Name],
}

fn context(c: &Claim) -> ContextOut<'_> {
    let x = &c.context;
    ContextOut {
        attribution: x.attribution.as_deref(),
        cumulative: x.cumulative,
        current: x.current,
        entities: x.entities(),
        event: x.event.as_deref(),
        explicit_time: x.explicit_time,
        measured: x.measured.as_deref(),
        read_at: x.read_at.as_deref(),
        revised: x.revised,
        scope: x.scope(),
    }
}

/// A claim as the report writes it, keys in name order (see [`ValueOut`]).
#[derive(Serialize)]
struct ClaimOut<'a> {
    column: u32,
    context: ContextOut<'a>,
    doc: &'a str,
    end: u32,
    id: ClaimId,
    kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    line: u32,
    modality: Modality,
    qualifier: Qualifier,
    role: &'static str,
    sentence: &'a str,
    start: u32,
    subject: &'a str,
    text: &'a str,
    time: Option<TimeOut>,
    unit: Option<&'a str>,
    value: ValueOut<'a>,
}

/// The days a claim is about.
#[derive(Serialize)]
struct TimeOut {
    high: J,
    low: J,
}

fn claim<'a>(run: &'a Run, c: &'a Claim) -> ClaimOut<'a> {
    ClaimOut {
        column: c.column,
        context: context(c),
        doc: &run.docs[c.doc_index()].path,
        end: c.end,
        id: c.id,
        kind: c.kind,
        label: c.label.as_deref(),
        line: c.line,
        modality: c.modality,
        qualifier: c.qualifier,
        role: role_name(c),
        sentence: run.sentence(c),
        start: c.start,
        subject: &c.subject,
        text: run.claim_text(c),
        time: c.time.map(|t| {
            let (low, high, _) = ends(&t, true);
            TimeOut { high, low }
        }),
        unit: c.unit.as_deref(),
        value: value(c),
    }
}

/// The role as the schema names it: increment/decrement/initial win, then a pledged
/// total is "target".
fn role_name(c: &Claim) -> &'static str {
    match (c.role, c.modality) {
        (Role::Increment, _) => "increment",
        (Role::Decrement, _) => "decrement",
        (Role::Initial, _) => "initial",
        (Role::Average, _) => "average",
        (Role::Insured, _) => "insured",
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
        "claims": f.claims.iter().map(|&i| run.claims[i].id).collect::<Vec<_>>(),
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

/// Writes the report as pretty JSON text with a final newline (`with_findings` false
/// gives the `claims` command's document).
///
/// The same bytes as `serde_json::to_string_pretty` of the whole report as one
/// `Value`, made without that tree (several times the size of its text) and without
/// the text itself: the framing is written here, and each claim, document and finding
/// is a small value rendered on its own, on all cores, then indented to its depth and
/// written out, a few thousand at a time. Held whole, the text was the largest thing a
/// run kept (BBC x10: 184 MB of its 614 MiB peak). A pretty JSON text's only line
/// breaks are its own (strings escape theirs), so indenting is putting spaces after
/// each.
pub fn write(run: &Run, with_findings: bool, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\n  \"claims\": ")?;
    array(out, &run.claims, |c| pretty(&claim(run, c)))?;
    out.write_all(b",\n  \"documents\": ")?;
    array(out, &run.docs, |d| pretty(&document(d)))?;
    out.write_all(b",\n  \"findings\": ")?;
    array(out, if with_findings { &run.findings[..] } else { &[] }, |f| pretty(&finding(run, f)))?;
    out.write_all(b",\n  \"schema\": ")?;
    out.write_all(&serde_json::to_vec(SCHEMA).expect("strings serialize"))?;
    if with_findings && !run.stale.is_empty() {
        out.write_all(b",\n  \"stale_reviews\": ")?;
        array(out, &run.stale, |s| pretty(&stale(s)))?;
    }
    out.write_all(b"\n}\n")
}

/// An element's pretty JSON text, indented for its place in the array of a top-level
/// key (depth 2), as serde_json's pretty printer writes the whole document: its
/// formatter is given two levels opened on nothing, so the element needs no second
/// pass to indent its lines.
fn pretty(x: &impl Serialize) -> Vec<u8> {
    use serde_json::ser::{Formatter, PrettyFormatter, Serializer};
    let mut f = PrettyFormatter::new();
    for _ in 0..2 {
        f.begin_array(&mut io::sink()).expect("a sink takes anything");
    }
    let mut out = Vec::with_capacity(512);
    x.serialize(&mut Serializer::with_formatter(&mut out, f)).expect("JSON values serialize");
    out
}

/// Writes the items (each rendered by `value`, see [`pretty`]) as a pretty JSON array
/// that is the value of a top-level key, as serde_json's pretty printer writes it: `[]`
/// when empty, else one element per entry at depth 2 (four spaces), the closing bracket
/// at depth 1.
fn array<T: Sync>(out: &mut dyn Write, items: &[T], value: impl Fn(&T) -> Vec<u8> + Sync) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    // Rendered on all cores, written in order.
    super::rendered(
        items,
        |x| Ok(value(x)),
        |i, text| {
            out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            out.write_all(&text)
        },
    )?;
    out.write_all(b"\n  ]")
}
