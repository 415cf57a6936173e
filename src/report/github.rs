//! GitHub Actions workflow commands: one annotation per flag finding and claim
//! pair, placed on the outlying claim and naming the claim it disagrees with, so
//! the pull-request diff shows the problem where the figure stands. GitHub shows
//! at most 10 errors and 10 warnings per step; the CLI pairs this format with the
//! Markdown report in the step summary, which has no such limit.

use std::fmt::Write;

use super::escape::{workflow_data, workflow_property};
use super::{Run, human, registry, repo_path};
use crate::model::{Claim, Finding, Severity};

/// All annotations, one command a line.
pub fn render(run: &Run) -> String {
    let mut out = String::new();
    // Reviewed-away findings (accepted, not the same fact) are not annotated;
    // confirmed ones still are.
    for f in run.findings.iter().filter(|f| f.status.is_flag() && !run.waived(f)) {
        let sides = run.sides(f);
        let (outlier, other) = sides.outlier();
        for x in outlier {
            if other.is_empty() {
                command(&mut out, run, f, x, &format!("{} [{}]", f.message, f.id));
            }
            for y in other {
                let d = &run.docs[y.doc_index()];
                let message = format!(
                    "“{}” ({}) vs “{}” ({}) at {}:{}:{} [{}]",
                    run.claim_text(x),
                    human::show_value(x),
                    run.claim_text(y),
                    human::show_value(y),
                    repo_path(&d.path),
                    y.line,
                    y.column,
                    f.id
                );
                command(&mut out, run, f, x, &message);
            }
        }
    }
    out
}

/// `::error file=…,line=…,col=…,endColumn=…,title=…::message`. `endColumn` is the
/// column just past the figure, as in SARIF. A figure that wraps onto the next line
/// gets `endLine` instead: GitHub takes columns only for a single-line span.
fn command(out: &mut String, run: &Run, f: &Finding, c: &Claim, message: &str) {
    let kind = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let _ = write!(
        out,
        "::{kind} file={},line={}",
        workflow_property(repo_path(&run.docs[c.doc_index()].path)),
        c.line
    );
    match run.end_of(c) {
        (end_line, end_column) if end_line == c.line as usize => {
            let _ = write!(out, ",col={},endColumn={end_column}", c.column);
        }
        (end_line, _) => {
            let _ = write!(out, ",endLine={end_line}");
        }
    }
    let title = format!("claimcheck {}: {}", registry::rule(f.status).title.to_lowercase(), f.label);
    let _ = writeln!(out, ",title={}::{}", workflow_property(&title), workflow_data(message));
}
