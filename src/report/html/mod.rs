//! The HTML report: one self-contained file an editor opens in a browser. Inline
//! CSS, no script and nothing loaded from anywhere (a Content-Security-Policy says
//! so to the browser too). Conflicts and discrepancies are cards with the two
//! sides' sentences side by side, the differing words marked and the figures
//! highlighted; timelines are lists per subject; agreements are collapsed.
//!
//! Every string that comes from an article or a rules file goes through
//! [`escape::html`]: an article that contains `<script>` shows it as text.

mod sentence;

use std::fmt::Write;

use self::sentence::Marked;
use super::escape::{html, uri};
use super::{Run, doc_date, ends_text, human, registry, severity_name};
use crate::model::{Claim, Finding, Status};

const STYLE: &str = include_str!("style.css");

/// The whole page.
pub fn render(run: &Run) -> String {
    let mut out = String::new();
    out.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<title>claimcheck report</title>\n<style>\n",
    ));
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>claimcheck report</h1>\n");
    summary(&mut out, run);
    out.push_str("</header>\n<main>\n");
    let flags: Vec<&Finding> = run.findings.iter().filter(|f| f.status.is_flag()).collect();
    out.push_str("<h2>To review</h2>\n");
    if flags.is_empty() {
        out.push_str("<p class=\"clean\">No conflicts, discrepancies or weekday mismatches.</p>\n");
    }
    for f in flags {
        card(&mut out, run, f);
    }
    timelines(&mut out, run);
    agreements(&mut out, run);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn summary(out: &mut String, run: &Run) {
    let _ = writeln!(out, "<p class=\"summary\">{}</p>", html(&human::summary(run)));
    out.push_str("<dl class=\"counts\">\n");
    let counts = [
        ("documents", run.docs.len()),
        ("claims", run.claims.len()),
        ("agreements", run.count(Status::Agreement)),
        ("conflicts", run.count(Status::Conflict)),
        ("discrepancies", run.count(Status::Discrepancy)),
        ("weekday mismatches", run.count(Status::WeekdayMismatch)),
        ("timelines", run.count(Status::Timeline)),
    ];
    for (name, n) in counts {
        let _ = writeln!(out, "<div><dt>{name}</dt><dd>{n}</dd></div>");
    }
    out.push_str("</dl>\n<details class=\"documents\"><summary>Documents</summary>\n<table>\n");
    out.push_str("<tr><th>document</th><th>date</th><th>date from</th><th>source</th></tr>\n");
    for d in &run.docs {
        let _ = writeln!(
            out,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html(&uri(&d.path)),
            html(&d.path),
            doc_date(d),
            d.date_source.name(),
            html(d.source.as_deref().unwrap_or("")),
        );
    }
    out.push_str("</table>\n</details>\n");
}

/// The finding's heading: status, severity, label, id.
fn heading(out: &mut String, f: &Finding, tag: &str) {
    let _ = writeln!(
        out,
        "<{tag}><span class=\"status\">{}</span> <span class=\"severity {sev}\">{sev}</span> {} <code>{}</code></{tag}>",
        registry::rule(f.status).title,
        html(&f.label),
        html(&f.id),
        sev = severity_name(f.severity),
    );
}

fn marked<'a>(run: &'a Run, c: &Claim) -> Marked<'a> {
    let (before, figure, _) = run.quote(c);
    Marked::new(run.sentence(c), (before.len(), before.len() + figure.len()))
}

/// A flag as a card: the two sides in two columns, each claim's sentence marked
/// against the first claim of the other side.
fn card(out: &mut String, run: &Run, f: &Finding) {
    let _ =
        writeln!(out, "<section class=\"finding {}\" id=\"{}\">", registry::rule(f.status).id, html(&f.id));
    heading(out, f, "h3");
    let _ = writeln!(out, "<p class=\"message\">{}</p>", html(&f.message));
    if let Some(r) = run.review_of(f) {
        let date = r.date.as_deref().map(|d| format!(" <time>{}</time>", html(d))).unwrap_or_default();
        let _ = writeln!(
            out,
            "<p class=\"review {d}\"><span class=\"badge {d}\">reviewed: {d}</span> {}{date}</p>",
            html(&r.reason),
            d = r.decision.name(),
        );
    }
    let sides = run.sides(f);
    out.push_str("<div class=\"sides\">\n");
    let (a0, b0) =
        (sides.first.first().map(|c| marked(run, c)), sides.second.first().map(|c| marked(run, c)));
    for (side, other, first_side) in [(&sides.first, &b0, true), (&sides.second, &a0, false)] {
        if side.is_empty() {
            continue;
        }
        out.push_str("<div class=\"side\">\n");
        for c in side {
            let me = marked(run, c);
            let text = match other {
                Some(o) if first_side => me.against(o).0,
                Some(o) => o.against(&me).1,
                None => me.alone(),
            };
            claim(out, run, c, &text);
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n</section>\n");
}

/// One claim: its sentence (already marked up), where it is, its value and date.
fn claim(out: &mut String, run: &Run, c: &Claim, sentence: &str) {
    let d = &run.docs[c.doc_index()];
    let outlet = d.source.as_deref().map(|s| format!(" · {}", html(s))).unwrap_or_default();
    let _ = writeln!(
        out,
        "<figure class=\"claim\"><blockquote>{sentence}</blockquote><figcaption>\
         <a href=\"{}#L{}\">{}:{}:{}</a> · <b>{}</b> = {} · {}{outlet}</figcaption></figure>",
        html(&uri(&d.path)),
        c.line,
        html(&d.path),
        c.line,
        c.column,
        html(run.claim_text(c)),
        html(&human::show_value(c)),
        doc_date(d),
    );
}

/// A list per timeline finding (one per subject), oldest first.
fn timelines(out: &mut String, run: &Run) {
    let tl: Vec<&Finding> = run.findings.iter().filter(|f| f.status == Status::Timeline).collect();
    if tl.is_empty() {
        return;
    }
    out.push_str("<section class=\"timelines\">\n<h2>Timelines</h2>\n");
    for f in tl {
        let _ = writeln!(out, "<div class=\"finding timeline\" id=\"{}\">", html(&f.id));
        heading(out, f, "h3");
        out.push_str("<ol>\n");
        // A finding lists its claims in document order; a timeline reads in as-of
        // order: the time the sentence gives, else the publication date.
        let as_of = |c: &Claim| {
            c.time
                .map(|t| t.lo())
                .or_else(|| run.docs[c.doc_index()].date.map(crate::calendar::day_number))
                .unwrap_or(f64::INFINITY)
        };
        let mut claims: Vec<&Claim> = run.claims_of(f).collect();
        claims.sort_by(|a, b| as_of(a).total_cmp(&as_of(b)));
        for c in claims {
            let when = match c.time.map(|t| ends_text(&t, true)) {
                Some((lo, hi)) if lo == hi || hi.is_empty() => lo,
                Some((lo, hi)) => format!("{lo} … {hi}"),
                None => format!("published {}", doc_date(&run.docs[c.doc_index()])),
            };
            let _ = write!(out, "<li><time>{}</time> ", html(&when));
            claim(out, run, c, &marked(run, c).alone());
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</div>\n");
    }
    out.push_str("</section>\n");
}

/// Agreements, each collapsed to one line until opened.
fn agreements(out: &mut String, run: &Run) {
    let n = run.count(Status::Agreement);
    if n == 0 {
        return;
    }
    let _ = writeln!(out, "<section class=\"agreements\">\n<h2>Agreements ({n})</h2>");
    for f in run.findings.iter().filter(|f| f.status == Status::Agreement) {
        let figures: Vec<String> = run.claims_of(f).map(|c| format!("“{}”", run.claim_text(c))).collect();
        let _ = writeln!(
            out,
            "<details class=\"finding agreement\" id=\"{}\"><summary>{} <span class=\"sources\">{} sources: {}</span></summary>",
            html(&f.id),
            html(&f.label),
            f.sources,
            html(&figures.join(", ")),
        );
        let _ = writeln!(out, "<p class=\"message\">{} <code>{}</code></p>", html(&f.message), html(&f.id));
        for c in run.claims_of(f) {
            claim(out, run, c, &marked(run, c).alone());
        }
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}
