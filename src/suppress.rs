//! Inline suppression: an editor marks a line of an article whose figures are known
//! to disagree with the other sources, and its claims stay out of every finding.
//!
//! The marker is a line of its own directly before the line it silences:
//!
//! ```text
//! <!-- claimcheck-ignore: the 500 includes support staff, per the ministry -->   (.md, .html, any file)
//! claimcheck-ignore: the 500 includes support staff, per the ministry          (.txt: plain text)
//! ```
//!
//! It applies to the next non-empty line (sentences never span lines: a line break
//! ends one). The reason is mandatory; a marker without one is an error, and a marker
//! whose line has no claim is reported as unused. Marker lines carry no claims
//! themselves. Everything here is a pure function of the texts and the claims: the
//! caller removes suppressed claims before grouping.

use std::path::PathBuf;

use crate::error::Problem;
use crate::model::Claim;

/// The marker's keyword.
pub const KEYWORD: &str = "claimcheck-ignore";

/// A document as suppression sees it.
pub struct Source<'a> {
    /// The display path.
    pub path: &'a str,
    /// The text markers are looked for in: the document's text, or for HTML the
    /// file's text before markup was blanked (comments included). Lines must be the
    /// document's lines.
    pub markup: &'a str,
    /// The document's text (what claims point into): decides which lines are empty.
    pub text: &'a str,
    /// Whether the plain-text form (`claimcheck-ignore: reason` on its own line) is
    /// a marker here; the comment form always is.
    pub plain: bool,
}

/// A marker found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Index of the document.
    pub doc: usize,
    /// 1-based line of the marker.
    pub line: usize,
    /// 1-based column where the marker starts.
    pub column: usize,
    /// The editor's reason.
    pub reason: String,
    /// The 1-based line it silences, if there is a non-empty line after it.
    pub target: Option<usize>,
    /// How many claims it removed.
    pub suppressed: usize,
}

/// Whether a file of this path takes the plain-text form of the marker: every file
/// that is not markup (Markdown and HTML use the comment form, which renders as
/// nothing).
pub fn plain_form(path: &str) -> bool {
    let ext = std::path::Path::new(path).extension().and_then(|x| x.to_str()).unwrap_or("");
    !["md", "markdown", "html", "htm"].iter().any(|m| ext.eq_ignore_ascii_case(m))
}

/// What a line is, as a marker: not one, one with its reason, or one that is wrong.
#[derive(Debug, PartialEq)]
enum Parsed<'a> {
    Not,
    Marker(&'a str),
    Bad(&'static str),
}

fn parse_line(line: &str, plain: bool) -> Parsed<'_> {
    let t = line.trim();
    let body = match t.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")) {
        Some(inner) => inner.trim(),
        None if plain => t,
        None => return Parsed::Not,
    };
    let Some(rest) = body.strip_prefix(KEYWORD) else { return Parsed::Not };
    // "claimcheck-ignored" or "claimcheck-ignore-next" are other words.
    if rest.chars().next().is_some_and(|c| !c.is_whitespace() && c != ':') {
        return Parsed::Not;
    }
    match rest.trim_start().strip_prefix(':') {
        Some(reason) if !reason.trim().is_empty() => Parsed::Marker(reason.trim()),
        Some(_) => Parsed::Bad("needs a reason after the colon"),
        None if rest.trim().is_empty() => Parsed::Bad("needs a reason"),
        None => Parsed::Bad("is written `claimcheck-ignore: reason` (a colon before the reason)"),
    }
}

/// What [`markers`] finds in one document.
pub type Found = Result<Vec<Marker>, Vec<Problem>>;

/// The markers of one document, or the problems with them (every one, located).
pub fn markers(doc: usize, src: &Source) -> Found {
    let marker_lines: Vec<&str> = src.markup.split('\n').collect();
    let text_lines: Vec<&str> = src.text.split('\n').collect();
    let parsed: Vec<Parsed> = marker_lines.iter().map(|l| parse_line(l, src.plain)).collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, p) in parsed.iter().enumerate() {
        let column = || marker_lines[i].chars().take_while(|c| c.is_whitespace()).count() + 1;
        match p {
            Parsed::Not => {}
            Parsed::Bad(why) => problems.push(Problem {
                path: PathBuf::from(src.path),
                line: i + 1,
                column: column(),
                message: format!("`{KEYWORD}` {why}: say in one line why this line's figures are left out"),
            }),
            Parsed::Marker(reason) => {
                // The next line with text that is not itself a marker (markers may
                // stack over one line).
                let target = (i + 1..text_lines.len())
                    .find(|&j| {
                        !text_lines[j].trim().is_empty()
                            && parsed.get(j).is_none_or(|p| matches!(p, Parsed::Not))
                    })
                    .map(|j| j + 1);
                out.push(Marker {
                    doc,
                    line: i + 1,
                    column: column(),
                    reason: reason.to_string(),
                    target,
                    suppressed: 0,
                });
            }
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Removes the claims of every marked line (and any claim on a marker line itself)
/// from `claims`, given what [`markers`] found in each document, in document order;
/// returns the claims kept and the markers with their counts. Markers are in
/// document, then line order.
pub fn apply(mut claims: Vec<Claim>, found: Vec<Found>) -> Result<(Vec<Claim>, Vec<Marker>), Vec<Problem>> {
    let mut markers_all = Vec::new();
    let mut problems = Vec::new();
    for f in found {
        match f {
            Ok(m) => markers_all.extend(m),
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if markers_all.is_empty() {
        return Ok((claims, markers_all));
    }
    // In place, and each claim tried only against its own document's markers (a
    // run of them: they are in document order). Copying the kept claims into a new
    // vector held the run's claims twice at its peak (500 MB at BBC x100) as soon as
    // one article had one marker.
    claims.retain(|c| {
        let from = markers_all.partition_point(|m| m.doc < c.doc_index());
        let mut dropped = false;
        for m in markers_all[from..].iter_mut().take_while(|m| m.doc == c.doc_index()) {
            if m.target == Some(c.line as usize) {
                m.suppressed += 1;
                dropped = true;
            } else if m.line == c.line as usize {
                dropped = true;
            }
        }
        !dropped
    });
    Ok((claims, markers_all))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_forms() {
        assert_eq!(
            parse_line("<!-- claimcheck-ignore: ministry count -->", false),
            Parsed::Marker("ministry count")
        );
        assert_eq!(parse_line("  <!--claimcheck-ignore:x-->  ", false), Parsed::Marker("x"));
        assert_eq!(parse_line("claimcheck-ignore: plain", true), Parsed::Marker("plain"));
        assert_eq!(parse_line("claimcheck-ignore: plain", false), Parsed::Not, "markup takes comments only");
        assert!(matches!(parse_line("<!-- claimcheck-ignore -->", false), Parsed::Bad(_)));
        assert!(matches!(parse_line("<!-- claimcheck-ignore:   -->", false), Parsed::Bad(_)));
        assert!(matches!(parse_line("claimcheck-ignore because", true), Parsed::Bad(_)));
        assert_eq!(parse_line("claimcheck-ignored: x", true), Parsed::Not);
        assert_eq!(parse_line("<!-- a comment -->", false), Parsed::Not);
        assert_eq!(parse_line("It said claimcheck-ignore: x", true), Parsed::Not, "only on its own line");
    }

    #[test]
    fn targets_the_next_non_empty_line() {
        let text = "One 400.\nclaimcheck-ignore: stacked\n\nclaimcheck-ignore: two\n  \nSent 500.\nclaimcheck-ignore: at the end\n";
        let src = Source { path: "a.txt", markup: text, text, plain: true };
        let m = markers(0, &src).unwrap();
        let got: Vec<(usize, Option<usize>)> = m.iter().map(|m| (m.line, m.target)).collect();
        assert_eq!(got, [(2, Some(6)), (4, Some(6)), (7, None)]);
    }

    #[test]
    fn problems_name_the_line() {
        let text = "A.\n<!-- claimcheck-ignore -->\nB.\n   claimcheck-ignore:\n";
        let src = Source { path: "a.txt", markup: text, text, plain: true };
        let ps = markers(0, &src).unwrap_err();
        let at: Vec<(usize, usize)> = ps.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, [(2, 1), (4, 4)]);
        assert!(ps[0].to_string().starts_with("a.txt:2:1: `claimcheck-ignore` needs a reason"), "{}", ps[0]);
    }

    #[test]
    fn html_markers_come_from_the_markup_and_targets_from_the_text() {
        let markup = "<!-- claimcheck-ignore: x -->\n<p>\nSent 500.\n</p>\n";
        let text = "                             \n   \nSent 500.\n    \n";
        let src = Source { path: "a.html", markup, text, plain: false };
        assert_eq!(markers(0, &src).unwrap()[0].target, Some(3));
    }
}
