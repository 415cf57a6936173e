//! Stage 6: printers. Each renders a finished [`Run`]; none decides anything.
//!
//! What several printers need to show the same thing the same way lives here (the
//! parts of a quote, where a claim ends, the two sides of a conflict) or in
//! [`escape`] (one escaping function per output syntax) and [`registry`] (what each
//! finding status is called and means), so no format carries its own twin of them.

pub mod csv;
pub mod escape;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod registry;
pub mod sarif;

use std::collections::BTreeMap;

use crate::load::Document;
use crate::model::{Claim, Finding, Interval, Severity, Status};
use crate::review::{Reviewed, Stale};

/// Everything a printer may show.
pub struct Run {
    /// Documents in path order.
    pub docs: Vec<Document>,
    /// Claims in document order, then position.
    pub claims: Vec<Claim>,
    /// Findings, sorted.
    pub findings: Vec<Finding>,
    /// Editors' decisions from the review file, by finding id (empty without one).
    pub reviews: BTreeMap<String, Reviewed>,
    /// Review entries that match no finding of this run.
    pub stale: Vec<Stale>,
}

impl Run {
    /// The text of a claim as it stands in its document.
    pub fn claim_text(&self, c: &Claim) -> &str {
        &self.docs[c.doc_index()].text[c.text_range()]
    }

    /// The sentence of a claim.
    pub fn sentence(&self, c: &Claim) -> &str {
        &self.docs[c.doc_index()].text[c.sentence_range()]
    }

    /// The editor's decision on a finding, if the review file has one.
    pub fn review_of(&self, f: &Finding) -> Option<&Reviewed> {
        self.reviews.get(&f.id)
    }

    /// Whether a finding was reviewed away (accepted, or not the same fact): it no
    /// longer fails the run and location-based formats leave it out or suppress it.
    pub fn waived(&self, f: &Finding) -> bool {
        self.review_of(f).is_some_and(|r| r.decision.waives())
    }

    /// Findings with a decision in the review file.
    pub fn reviewed_count(&self) -> usize {
        self.findings.iter().filter(|f| self.reviews.contains_key(&f.id)).count()
    }

    /// Findings with this status.
    pub fn count(&self, s: Status) -> usize {
        self.findings.iter().filter(|f| f.status == s).count()
    }

    /// The claims of a finding, in the finding's order.
    pub fn claims_of<'a>(&'a self, f: &'a Finding) -> impl Iterator<Item = &'a Claim> + 'a {
        f.claims.iter().map(|&i| &self.claims[i])
    }

    /// A claim's sentence cut around its figure: (before, figure, after), so that
    /// every format can emphasize the figure in its own syntax.
    pub fn quote(&self, c: &Claim) -> (&str, &str, &str) {
        let text = &self.docs[c.doc_index()].text;
        let (s, t) = (c.sentence_range(), c.text_range());
        let (s0, s1) = (s.start, s.end);
        // The span lies inside its sentence; clamping keeps a printer from panicking
        // on a claim that broke that promise.
        let a = t.start.clamp(s0, s1);
        let b = t.end.clamp(a, s1);
        (&text[s0..a], &text[a..b], &text[b..s1])
    }

    /// Where a claim's text ends: the line and the 1-based character column just
    /// past its last character (SARIF's exclusive `endColumn`). A figure may wrap
    /// onto the next line of its file ("September\n21"), so lines are counted.
    pub fn end_of(&self, c: &Claim) -> (usize, usize) {
        self.claim_text(c).chars().fold((c.line as usize, c.column as usize), |(l, col), ch| {
            if ch == '\n' { (l + 1, 1) } else { (l, col + 1) }
        })
    }

    /// The two sides of a conflict or discrepancy.
    ///
    /// A finding keeps its claims in document order, not by cluster, so the sides
    /// are read back from the values: the first claim's side is every claim whose
    /// interval meets the first claim's (members of one cluster share a point),
    /// the rest is the other side. For a single-claim finding (a weekday mismatch)
    /// the second side is empty.
    pub fn sides<'a>(&'a self, f: &'a Finding) -> Sides<'a> {
        let mut claims = self.claims_of(f);
        let Some(first) = claims.next() else {
            return Sides { first: Vec::new(), second: Vec::new() };
        };
        let (mut a, b): (Vec<&Claim>, Vec<&Claim>) =
            claims.partition(|c| crate::compare::meets(&c.value.interval, &first.value.interval, first.kind));
        a.insert(0, first);
        Sides { first: a, second: b }
    }
}

/// The two sides of a conflict, each in document order.
pub struct Sides<'a> {
    /// The side of the finding's first claim.
    pub first: Vec<&'a Claim>,
    /// The other side (empty for a single-claim finding).
    pub second: Vec<&'a Claim>,
}

impl<'a> Sides<'a> {
    /// (outlying side, other side): the side held by fewer claims is the one a
    /// location-based format (SARIF, annotations) points at; on a tie, the second
    /// side, the figure that differs from what was read first.
    pub fn outlier(&self) -> (&[&'a Claim], &[&'a Claim]) {
        if self.second.is_empty() || self.first.len() < self.second.len() {
            (&self.first, &self.second)
        } else {
            (&self.second, &self.first)
        }
    }
}

/// The JSON / rules.toml name of a severity.
pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// An interval's ends as plain text, as the JSON report writes them (numbers, ISO
/// dates), an open end as the empty string: for formats whose cells are strings.
pub fn ends_text(iv: &Interval, dates: bool) -> (String, String) {
    let (lo, hi, _) = json::ends(iv, dates);
    let text = |j: serde_json::Value| match j {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    (text(lo), text(hi))
}

/// A document path as the repository sees it: without the `./` that `check .`
/// puts in front (code scanning and annotations match repository-relative paths).
pub fn repo_path(path: &str) -> &str {
    path.strip_prefix("./").unwrap_or(path)
}

/// A document's reference date, or "unknown".
pub fn doc_date(d: &Document) -> String {
    d.date.map_or_else(|| "unknown".to_string(), |x| x.format("%Y-%m-%d").to_string())
}

/// Items rendered at once on all cores by [`rendered`]: enough to share out, few
/// enough that their text is a small part of the output's.
const RENDERED_AT_ONCE: usize = 4096;

/// Renders `items` on all cores, a few thousand at a time, and hands each text to
/// `put` in order with its index: how the big outputs (the JSON report, the claims
/// stream, the human report) are written as they are made. Rendered whole first,
/// BBC x100's claims stream (2.4 GB of text) peaked at 4.7 GB of memory.
pub fn rendered<T: Sync>(
    items: &[T],
    render: impl Fn(&T) -> std::io::Result<Vec<u8>> + Sync,
    mut put: impl FnMut(usize, Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    for (n, chunk) in items.chunks(RENDERED_AT_ONCE).enumerate() {
        let texts: Vec<std::io::Result<Vec<u8>>> = chunk.par_iter().map(&render).collect();
        for (k, text) in texts.into_iter().enumerate() {
            put(n * RENDERED_AT_ONCE + k, text?)?;
        }
    }
    Ok(())
}
