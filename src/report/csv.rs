//! The CSV export: one row per claim of each finding, for a spreadsheet or a
//! notebook. Written by hand rather than with the `csv` crate: the output is one
//! fixed header and string fields, and RFC 4180 quoting is a few lines
//! ([`super::escape::csv`]). Records end in CRLF, as RFC 4180 specifies and as
//! spreadsheets expect.

use super::escape::csv as field;
use super::{Run, ends_text, severity_name};
use crate::model::Kind;

/// The header row.
pub const HEADER: [&str; 15] = [
    "finding_id",
    "status",
    "severity",
    "subject",
    "label",
    "doc",
    "line",
    "column",
    "text",
    "low",
    "high",
    "time_low",
    "time_high",
    "review",
    "review_reason",
];

/// The whole table. Values and times are written as the JSON report writes them
/// (numbers, ISO dates; durations in days); an open end is an empty field. `review`
/// and `review_reason` are the editor's decision from the review file, or empty.
pub fn render(run: &Run) -> String {
    let mut out = String::new();
    record(&mut out, &HEADER.map(String::from));
    for f in &run.findings {
        for c in run.claims_of(f) {
            let (low, high) = ends_text(&c.value.interval, c.kind == Kind::Date);
            let (time_low, time_high) = c.time.map(|t| ends_text(&t, true)).unwrap_or_default();
            let (review, review_reason) = run
                .review_of(f)
                .map(|r| (r.decision.name().to_string(), r.reason.clone()))
                .unwrap_or_default();
            record(
                &mut out,
                &[
                    f.id.clone(),
                    f.status.name().to_string(),
                    severity_name(f.severity).to_string(),
                    f.subject.clone(),
                    f.label.clone(),
                    run.docs[c.doc_index()].path.clone(),
                    c.line.to_string(),
                    c.column.to_string(),
                    run.claim_text(c).to_string(),
                    low,
                    high,
                    time_low,
                    time_high,
                    review,
                    review_reason,
                ],
            );
        }
    }
    out
}

fn record(out: &mut String, fields: &[String; HEADER.len()]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(f));
    }
    out.push_str("\r\n");
}
