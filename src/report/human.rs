//! The terminal report: findings grouped and ordered by severity, each claim with
//! `file:line:col`, its sentence with the figure highlighted, and for conflicts a
//! word-level diff of the two sentences.

use std::fmt::Write;

use colored::Colorize;
use similar::{ChangeTag, TextDiff};

use super::Run;
use crate::model::{Claim, Finding, Kind, Severity, Status};
use crate::report::json::{ends, num};

/// Longest sentence shown whole; longer ones are cut around the figure.
const MAX_SENTENCE: usize = 220;

/// Writes the whole human report as it is rendered (see [`super::rendered`]).
/// Colors follow `colored`'s global switch (set by the CLI).
pub fn write(run: &Run, show_agreements: bool, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let shown: Vec<&Finding> =
        run.findings.iter().filter(|f| show_agreements || f.status != Status::Agreement).collect();
    super::rendered(&shown, |f| Ok(finding_text(run, f).into_bytes()), |_, text| out.write_all(&text))?;
    writeln!(out, "{}", summary(run).bold())
}

/// "5 documents, 57 claims: 8 agreements, 0 conflicts, 0 discrepancies".
pub fn summary(run: &Run) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "{}, {}: {}, {}, {}",
        plural(run.docs.len(), "document"),
        plural(run.claims.len(), "claim"),
        plural(run.count(Status::Agreement), "agreement"),
        plural(run.count(Status::Conflict), "conflict"),
        plural(run.count(Status::Discrepancy), "discrepancy").replace("discrepancys", "discrepancies"),
    );
    let wd = run.count(Status::WeekdayMismatch);
    if wd > 0 {
        let _ = write!(s, ", {}", plural(wd, "weekday mismatch").replace("mismatchs", "mismatches"));
    }
    let est = run.count(Status::Estimates);
    if est > 0 {
        let _ = write!(s, ", {}", plural(est, "differing estimate"));
    }
    let tl = run.count(Status::Timeline);
    if tl > 0 {
        let _ = write!(s, ", {}", plural(tl, "timeline"));
    }
    let reviewed = run.reviewed_count();
    if reviewed > 0 {
        let _ = write!(s, "; {reviewed} reviewed");
    }
    s
}

/// One finding as the report shows it (for `review`, which shows them one at a time).
pub fn finding_text(run: &Run, f: &Finding) -> String {
    let mut out = String::new();
    finding(&mut out, run, f);
    out
}

/// "reviewed: accepted — reason (2025-02-01)", or nothing for an open finding.
pub fn reviewed_line(run: &Run, f: &Finding) -> Option<String> {
    let r = run.review_of(f)?;
    let date = r.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
    Some(format!("reviewed: {} — {}{date}", r.decision.name(), r.reason))
}

fn finding(out: &mut String, run: &Run, f: &Finding) {
    let tag = match f.status {
        Status::Conflict => "conflict".red().bold(),
        Status::Discrepancy => "discrepancy".yellow().bold(),
        Status::WeekdayMismatch => "weekday".yellow().bold(),
        Status::Agreement => "agreement".green().bold(),
        Status::Timeline => "timeline".cyan().bold(),
        Status::Estimates => "estimates".cyan().bold(),
    };
    let sev = match f.severity {
        Severity::Error => "error".red(),
        Severity::Warning => "warning".yellow(),
        Severity::Info => "info".normal(),
    };
    let _ = writeln!(
        out,
        "{sev}[{tag}] {}  {}",
        f.label.bold(),
        format!("{} · {} source{}", f.id, f.sources, if f.sources == 1 { "" } else { "s" }).dimmed()
    );
    for &i in &f.claims {
        let c = &run.claims[i];
        let _ = writeln!(
            out,
            "  {}  {}  {}",
            format!("{}:{}:{}", run.docs[c.doc_index()].path, c.line, c.column).blue(),
            run.claim_text(c).bold(),
            format!("= {}", show_value(c)).dimmed()
        );
        let _ = writeln!(out, "      {}", highlight(run, c));
    }
    if matches!(f.status, Status::Conflict | Status::Discrepancy) {
        if let Some((a, b)) = pair(run, f) {
            if run.sentence(a) != run.sentence(b) {
                let _ = writeln!(out, "  {} {}", "diff:".dimmed(), diff(run.sentence(a), run.sentence(b)));
            }
        }
    }
    if f.status != Status::Agreement {
        let _ = writeln!(out, "  {}", f.message.dimmed());
    }
    if let Some(line) = reviewed_line(run, f) {
        let line = if run.waived(f) { line.green() } else { line.red() };
        let _ = writeln!(out, "  {line}");
    }
    out.push('\n');
}

/// The first claim of each side of a conflict (claims are sorted by position, so
/// pick the first two with different values).
fn pair<'a>(run: &'a Run, f: &Finding) -> Option<(&'a Claim, &'a Claim)> {
    let first = &run.claims[*f.claims.first()?];
    let other =
        f.claims.iter().map(|&i| &run.claims[i]).find(|c| c.value.interval != first.value.interval)?;
    Some((first, other))
}

/// A claim's normalized value in a few words ("[360, 440]", "2024-11-07", "> 5000").
pub fn show_value(c: &Claim) -> String {
    let iv = &c.value.interval;
    let (lo, hi, _) = ends(iv, c.kind == Kind::Date);
    // A converted measure shows the figure as written, then its interval in the unit
    // it was compared in, to four significant digits: "60 foot (18.14 … 18.44 metre)";
    // one written in that unit, its interval alone ("18.25 … 18.35 metre").
    let converted = c.value.base.is_some();
    let s = |j: &serde_json::Value| match j {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "∞".into(),
        serde_json::Value::Number(n) if converted => n.as_f64().map_or_else(|| n.to_string(), four),
        other => other.to_string(),
    };
    let unit = c.value.base.or(c.unit).map(|u| format!(" {u}")).unwrap_or_default();
    // A figure written in the base unit needs no second reading.
    let written = match (c.value.base, c.value.nominal.get(), c.unit) {
        (Some(base), _, Some(u)) if base == u => String::new(),
        (Some(_), Some((a, b)), Some(u)) => match b {
            Some(b) => format!("{}–{} {u} (", four(a), four(b)),
            None => format!("{} {u} (", four(a)),
        },
        _ => String::new(),
    };
    let body = match (iv.low(), iv.high()) {
        (Some(a), Some(b)) if a == b && c.kind != Kind::Date => s(&num(a)),
        _ if lo == hi => s(&lo),
        (Some(_), None) => format!("{}{}", if iv.low_inclusive { "≥ " } else { "> " }, s(&lo)),
        (Some(a), Some(_)) if a == 0.0 && c.kind != Kind::Date => {
            format!("{}{}", if iv.high_inclusive { "≤ " } else { "< " }, s(&hi))
        }
        _ => format!("{} … {}", s(&lo), s(&hi)),
    };
    match (&c.value.iso, c.kind) {
        (Some(iso), Kind::Duration) => format!(
            "{iso}{}",
            if c.qualifier == crate::model::Qualifier::Exact {
                String::new()
            } else {
                format!(" ({body} days)")
            }
        ),
        // A time of day says whether it is local or UTC.
        (_, Kind::Date) => format!("{body}{unit}"),
        (_, Kind::Duration) => format!("{body} days"),
        _ if !written.is_empty() => format!("{written}{body}{unit})"),
        _ => format!("{body}{unit}"),
    }
}

/// A number to four significant digits (a converted measure's ends).
fn four(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return x.to_string();
    }
    let digits = (3 - x.abs().log10().floor() as i32).max(0) as usize;
    let t = format!("{x:.digits$}");
    if t.contains('.') { t.trim_end_matches('0').trim_end_matches('.').to_string() } else { t }
}

/// The sentence with the claim's figure in bold (cut around it when long).
fn highlight(run: &Run, c: &Claim) -> String {
    // The sentence, and offsets into it: only sentences are kept of a text.
    let (s, t) = (c.sentence_range(), c.text_range());
    let (s0, s1) = (s.start, s.end);
    let text = run.sentence(c);
    let (a, b) = (t.start - s0, t.end - s0);
    let mut from = 0;
    let mut to = text.len();
    let mut pre = "";
    let mut post = "";
    if s1 - s0 > MAX_SENTENCE {
        from = floor(text, a.saturating_sub(MAX_SENTENCE / 2));
        to = floor(text, (b + MAX_SENTENCE / 2).min(text.len()));
        if from > 0 {
            pre = "…";
        }
        if to < text.len() {
            post = "…";
        }
    }
    format!("{pre}{}{}{}{post}", &text[from..a], text[a..b].bold().underline(), &text[b..to])
}

fn floor(s: &str, i: usize) -> usize {
    crate::load::floor_boundary(s, i)
}

/// A word diff: runs of removed words red and struck (`[-…-]` without color), runs
/// of added words green (`{+…+}`).
pub fn diff(a: &str, b: &str) -> String {
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    let d = TextDiff::configure().diff_slices(&wa, &wb);
    let mut runs: Vec<(ChangeTag, Vec<&str>)> = Vec::new();
    for ch in d.iter_all_changes() {
        match runs.last_mut() {
            Some((tag, words)) if *tag == ch.tag() => words.push(ch.value()),
            _ => runs.push((ch.tag(), vec![ch.value()])),
        }
    }
    let color = colored::control::SHOULD_COLORIZE.should_colorize();
    runs.iter()
        .map(|(tag, words)| {
            let s = words.join(" ");
            match (tag, color) {
                (ChangeTag::Equal, _) => s,
                (ChangeTag::Delete, true) => s.red().strikethrough().to_string(),
                (ChangeTag::Delete, false) => format!("[-{s}-]"),
                (ChangeTag::Insert, true) => s.green().bold().to_string(),
                (ChangeTag::Insert, false) => format!("{{+{s}+}}"),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
