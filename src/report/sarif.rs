//! SARIF 2.1.0, as GitHub code scanning reads it. `rules[]` comes from the rule
//! [`registry`]; every flag finding (conflict, discrepancy, weekday mismatch) is a
//! result located at its outlying claim, with the claims it disagrees with as
//! related locations. Agreements and timelines are not problems, so they are not
//! results. A result's `partialFingerprints` hash the rule, the subject and the
//! normalized values, never line numbers, so an alert survives edits elsewhere in
//! an article and is closed when the figures are made to agree. A finding an editor
//! accepted (or found not to be one fact) carries an external `suppressions` entry
//! with the reason.

use serde_json::{Value as J, json};

use super::escape::uri;
use super::{Run, human, registry, severity_name};
use crate::model::{Claim, Finding, Severity};

/// The schema the document names.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where users learn about the tool: the package's repository when Cargo.toml
/// names one, else its crates.io page.
fn information_uri() -> &'static str {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => "https://crates.io/crates/claimcheck",
        repo => repo,
    }
}

/// SARIF levels for severities.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The whole log.
pub fn report(run: &Run) -> J {
    let rules: Vec<J> = registry::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": { "text": r.short },
                "fullDescription": { "text": r.full },
                "help": { "text": r.help },
                "defaultConfiguration": { "level": level(registry::default_severity(r.status)) },
            })
        })
        .collect();
    let results: Vec<J> =
        run.findings.iter().filter(|f| f.status.is_flag()).map(|f| result(run, f)).collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "claimcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": information_uri(),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The log as pretty JSON text with a final newline.
pub fn render(run: &Run) -> String {
    let mut s = serde_json::to_string_pretty(&report(run)).expect("JSON values serialize");
    s.push('\n');
    s
}

fn result(run: &Run, f: &Finding) -> J {
    let rule = registry::rule(f.status);
    let sides = run.sides(f);
    let (outlier, other) = sides.outlier();
    // The first outlying claim is the location; everything else, its own side
    // first, is related.
    let related: Vec<J> = outlier
        .iter()
        .skip(1)
        .chain(other)
        .enumerate()
        .map(|(i, c)| {
            let mut l = location(run, c);
            l["id"] = J::from(i + 1);
            l
        })
        .collect();
    let mut values: Vec<String> = run.claims_of(f).map(human::show_value).collect();
    values.sort();
    values.dedup();
    let mut keys = vec![rule.id, f.subject.as_str()];
    keys.extend(values.iter().map(String::as_str));
    let mut r = json!({
        "ruleId": rule.id,
        "ruleIndex": f.status as usize,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": outlier.first().map(|c| location(run, c)).into_iter().collect::<Vec<_>>(),
        "partialFingerprints": { "claimcheck/v1": crate::hash::id("", &keys) },
        "properties": {
            "findingId": f.id,
            "subject": f.subject,
            "label": f.label,
            "severity": severity_name(f.severity),
            "sources": f.sources,
        },
    });
    if !related.is_empty() {
        r["relatedLocations"] = J::Array(related);
    }
    if let Some(review) = run.review_of(f) {
        r["properties"]["review"] = json!({ "decision": review.decision.name(), "reason": review.reason });
        // A finding reviewed away is suppressed outside the source (in the review
        // file): code scanning then shows it as dismissed, with the editor's reason.
        if review.decision.waives() {
            r["suppressions"] = json!([{
                "kind": "external",
                "status": "accepted",
                "justification": format!("{}: {}", review.decision.name(), review.reason),
            }]);
        }
    }
    r
}

/// A claim as a location: its span in the file, and a message giving the figure
/// as written and normalized.
fn location(run: &Run, c: &Claim) -> J {
    let (end_line, end_column) = run.end_of(c);
    let mut region = json!({ "startLine": c.line, "startColumn": c.column, "endColumn": end_column });
    if end_line != c.line as usize {
        region["endLine"] = J::from(end_line);
    }
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&run.docs[c.doc_index()].path) },
            "region": region,
        },
        "message": { "text": format!("“{}” = {}", run.claim_text(c), human::show_value(c)) },
    })
}
