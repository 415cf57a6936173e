//! Stage 6: printers. Each renders a finished [`Run`]; none decides anything.

pub mod human;
pub mod json;

use crate::load::Document;
use crate::model::{Claim, Finding, Status};

/// Everything a printer may show.
pub struct Run {
    /// Documents in path order.
    pub docs: Vec<Document>,
    /// Claims in document order, then position.
    pub claims: Vec<Claim>,
    /// Findings, sorted.
    pub findings: Vec<Finding>,
}

impl Run {
    /// The text of a claim as it stands in its document.
    pub fn claim_text(&self, c: &Claim) -> &str {
        &self.docs[c.doc].text[c.span.0..c.span.1]
    }

    /// The sentence of a claim.
    pub fn sentence(&self, c: &Claim) -> &str {
        &self.docs[c.doc].text[c.sentence.0..c.sentence.1]
    }

    /// Findings with this status.
    pub fn count(&self, s: Status) -> usize {
        self.findings.iter().filter(|f| f.status == s).count()
    }
}
