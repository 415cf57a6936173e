//! The Markdown report: for a pull-request comment, a GitHub step summary or a
//! wiki page. Findings are grouped by subject label (an editor thinks "the size of
//! the first contingent", not "finding F82…"); each finding gets a heading and a
//! table of its claims with links to the lines, the figure as written and
//! normalized, the document's date, and the sentence with the figure in bold.

use std::fmt::Write;

use super::escape::{markdown as md, uri};
use super::{Run, doc_date, human, registry, severity_name};
use crate::model::{Claim, Finding};

/// The whole report.
pub fn render(run: &Run) -> String {
    let mut out = String::from("# claimcheck report\n\n");
    let _ = writeln!(out, "{}\n", md(&human::summary(run)));
    // Groups in order of first appearance, so the sorted order (flags first) holds
    // across groups too.
    let mut groups: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for f in &run.findings {
        match groups.iter_mut().find(|(label, _)| *label == f.label) {
            Some((_, fs)) => fs.push(f),
            None => groups.push((&f.label, vec![f])),
        }
    }
    for (label, findings) in groups {
        let _ = writeln!(out, "## {}\n", md(label));
        for f in findings {
            finding(&mut out, run, f);
        }
    }
    out
}

fn finding(out: &mut String, run: &Run, f: &Finding) {
    let _ = writeln!(
        out,
        "### {} · {} · {} · `{}`\n",
        registry::rule(f.status).title,
        severity_name(f.severity),
        md(&f.label),
        f.id
    );
    let _ = writeln!(out, "{}\n", md(&f.message));
    if let Some(line) = human::reviewed_line(run, f) {
        let _ = writeln!(out, "> **{}**\n", md(&line));
    }
    out.push_str("| source | as written | normalized | document date | quote |\n");
    out.push_str("|---|---|---|---|---|\n");
    for c in run.claims_of(f) {
        row(out, run, c);
    }
    out.push('\n');
}

fn row(out: &mut String, run: &Run, c: &Claim) {
    let d = &run.docs[c.doc_index()];
    let outlet = d.source.as_deref().map(|s| format!(" ({})", md(s))).unwrap_or_default();
    let (before, figure, after) = run.quote(c);
    let _ = writeln!(
        out,
        "| [{}:{}:{}]({}#L{}){outlet} | {} | {} | {} | {}**{}**{} |",
        md(&d.path),
        c.line,
        c.column,
        uri(&d.path),
        c.line,
        md(figure),
        md(&human::show_value(c)),
        doc_date(d),
        md(before),
        md(figure),
        md(after),
    );
}
