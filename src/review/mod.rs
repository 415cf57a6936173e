//! The review file: an editor's decisions on flag findings, kept beside the articles
//! (`claimcheck-review.toml`, or `--baseline FILE`) so the next CI run stays quiet
//! about what was already looked at. The model is cargo-deny's accepted exceptions:
//! every decision carries a reason, and an entry that matches no finding any more is
//! itself reported (stale).
//!
//! Entries are keyed by the finding's stable id ([`crate::model::Finding::id`]: status,
//! subject, sentences and figures, never positions), so a decision survives edits
//! elsewhere in the articles and lapses when the sentences or figures change.
//!
//! [`session`] walks an editor through the open findings; this module reads, checks,
//! writes and applies the file.

pub mod session;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Problem, Result};
use crate::model::{Finding, Status};
use crate::report::Run;

/// The review file's name, looked for in (and written to) the first folder given.
pub const REVIEW_FILE: &str = "claimcheck-review.toml";

/// What an editor decided about a flag finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// A real error: the finding keeps failing until the article is fixed.
    Confirmed,
    /// The claims are not about one fact (the grouping was wrong).
    NotSameFact,
    /// A known disagreement between sources, left as it is.
    Accepted,
}

impl Decision {
    /// Every decision, in the order the review prompt offers them.
    pub const ALL: [Decision; 3] = [Decision::Confirmed, Decision::NotSameFact, Decision::Accepted];

    /// Parses the review file's name.
    pub fn parse(s: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.name() == s)
    }

    /// The name in the review file and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Decision::Confirmed => "confirmed",
            Decision::NotSameFact => "not-same-fact",
            Decision::Accepted => "accepted",
        }
    }

    /// Whether a finding so decided no longer fails the run: accepted and
    /// not-same-fact do; confirmed keeps failing until the article is fixed.
    pub fn waives(self) -> bool {
        !matches!(self, Decision::Confirmed)
    }
}

/// A decision as the printers show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewed {
    /// The decision.
    pub decision: Decision,
    /// The editor's one-line reason.
    pub reason: String,
    /// When it was recorded (ISO date), if the file says.
    pub date: Option<String>,
}

/// A review entry that matches no finding of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The finding id the entry names.
    pub id: String,
    /// The status it was recorded for.
    pub status: String,
    /// The subject label it was recorded for.
    pub label: String,
    /// The review file.
    pub path: PathBuf,
    /// 1-based line of the entry's `id`.
    pub line: usize,
    /// 1-based column of the entry's `id`.
    pub column: usize,
}

/// One entry of the review file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The finding's stable id.
    pub id: String,
    /// The finding's status when it was reviewed (`conflict`, `discrepancy`,
    /// `weekday_mismatch`).
    pub status: String,
    /// The subject label when it was reviewed.
    pub label: String,
    /// The decision.
    pub decision: Decision,
    /// Why, in one line.
    pub reason: String,
    /// When (ISO date).
    pub date: String,
    /// The claims as they read when reviewed, for people reading the file.
    pub claims: Vec<String>,
    /// Where the entry's `id` is in the file (line, column), when read from one.
    pub at: Option<(usize, usize)>,
}

/// A review file: its path and its entries, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewFile {
    /// Where it is read from and written to.
    pub path: PathBuf,
    /// The entries, in file order; ids are unique.
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default)]
    review: Vec<EntryToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryToml {
    id: Spanned<String>,
    #[serde(default)]
    status: Option<Spanned<String>>,
    #[serde(default)]
    label: String,
    decision: Spanned<String>,
    reason: Spanned<String>,
    #[serde(default)]
    date: Option<Spanned<String>>,
    #[serde(default)]
    claims: Vec<String>,
}

/// The review file for `paths`: `baseline` when given, else `claimcheck-review.toml`
/// in the first folder given (the first file's folder when only files are given; the
/// current folder when nothing is).
pub fn locate(baseline: Option<&Path>, paths: &[PathBuf]) -> PathBuf {
    if let Some(b) = baseline {
        return b.to_path_buf();
    }
    let dir = paths.iter().find(|p| p.is_dir()).cloned().or_else(|| {
        paths.first().and_then(|p| p.parent()).filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf)
    });
    dir.unwrap_or_else(|| PathBuf::from(".")).join(REVIEW_FILE)
}

impl ReviewFile {
    /// An empty file to be written at `path`.
    pub fn empty(path: &Path) -> ReviewFile {
        ReviewFile { path: path.to_path_buf(), entries: Vec::new() }
    }

    /// Reads and checks the file at `path`, which must exist.
    pub fn read(path: &Path) -> Result<ReviewFile> {
        let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound(path.to_path_buf()),
            _ => Error::Io { path: path.to_path_buf(), source },
        })?;
        ReviewFile::parse(path, &text)
    }

    /// Reads the file at `path` when it exists; an empty file otherwise.
    pub fn read_if_exists(path: &Path) -> Result<ReviewFile> {
        if path.exists() { ReviewFile::read(path) } else { Ok(ReviewFile::empty(path)) }
    }

    /// Parses and checks `text`, the contents of `path`. Every problem is reported at
    /// once, each with line and column: a TOML syntax error, an unknown key, a
    /// decision that is not one of the three, an empty reason, an unknown status, a
    /// date that is not ISO, an id given twice.
    pub fn parse(path: &Path, text: &str) -> Result<ReviewFile> {
        let raw: FileToml = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let mut message = e.message().trim().to_string();
            if message.starts_with("unknown field") {
                message.push_str(" (the review file holds [[review]] tables)");
            }
            Error::Config(vec![Problem::at(path, text, at, message)])
        })?;
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        let mut entries = Vec::new();
        let flags: Vec<&str> = Status::NAMES.iter().copied().filter(|s| is_flag_name(s)).collect();
        for e in raw.review {
            let at = |span: std::ops::Range<usize>, msg: String| Problem::at(path, text, span.start, msg);
            let id = e.id.get_ref().trim().to_string();
            if id.is_empty() {
                problems.push(at(e.id.span(), "`id` is empty: give the finding's id (F…)".into()));
            } else if !seen.insert(id.clone()) {
                problems.push(at(e.id.span(), format!("finding `{id}` is reviewed twice: keep one entry")));
            }
            let decision = Decision::parse(e.decision.get_ref().trim());
            if decision.is_none() {
                problems.push(at(
                    e.decision.span(),
                    format!(
                        "unknown decision `{}`; expected {}",
                        e.decision.get_ref(),
                        Decision::ALL.map(Decision::name).join(", ")
                    ),
                ));
            }
            let reason = e.reason.get_ref().trim().to_string();
            if reason.is_empty() {
                problems.push(at(e.reason.span(), "`reason` is empty: say in one line why".into()));
            }
            if let Some(s) = e.status.as_ref().filter(|s| !is_flag_name(s.get_ref())) {
                problems.push(at(
                    s.span(),
                    format!("unknown status `{}`; expected {}", s.get_ref(), flags.join(", ")),
                ));
            }
            if let Some(d) = e
                .date
                .as_ref()
                .filter(|d| chrono::NaiveDate::parse_from_str(d.get_ref(), "%Y-%m-%d").is_err())
            {
                problems.push(at(d.span(), format!("`{}` is not an ISO date (YYYY-MM-DD)", d.get_ref())));
            }
            if let Some(decision) = decision {
                entries.push(Entry {
                    at: Some(crate::error::line_col(text, e.id.span().start)),
                    id,
                    status: e.status.map(Spanned::into_inner).unwrap_or_default(),
                    label: e.label,
                    decision,
                    reason,
                    date: e.date.map(Spanned::into_inner).unwrap_or_default(),
                    claims: e.claims,
                });
            }
        }
        if problems.is_empty() {
            Ok(ReviewFile { path: path.to_path_buf(), entries })
        } else {
            Err(Error::Config(problems))
        }
    }

    /// The entry for a finding id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Records `entry`: replaces the entry with its id in place, or appends it (so a
    /// re-review changes one entry of the file, and new ones come last).
    pub fn record(&mut self, entry: Entry) {
        match self.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(e) => *e = entry,
            None => self.entries.push(entry),
        }
    }

    /// The file as TOML: a header saying what it is, then one `[[review]]` table per
    /// entry, in order.
    pub fn render(&self) -> String {
        let mut out = String::from(HEADER);
        for e in &self.entries {
            out.push_str("\n[[review]]\n");
            let mut kv = |k: &str, v: &str| out.push_str(&format!("{k} = {}\n", toml_string(v)));
            kv("id", &e.id);
            if !e.status.is_empty() {
                kv("status", &e.status);
            }
            if !e.label.is_empty() {
                kv("label", &e.label);
            }
            kv("decision", e.decision.name());
            kv("reason", &e.reason);
            if !e.date.is_empty() {
                kv("date", &e.date);
            }
            if !e.claims.is_empty() {
                out.push_str("claims = [\n");
                for c in &e.claims {
                    out.push_str(&format!("  {},\n", toml_string(c)));
                }
                out.push_str("]\n");
            }
        }
        out
    }

    /// Writes the file atomically (a temporary file beside it, then a rename).
    pub fn write(&self) -> Result<()> {
        crate::app::write_atomic(&self.path, self.render().as_bytes())
    }
}

const HEADER: &str = "\
# claimcheck review decisions, written by `claimcheck review` and read by `claimcheck check`.
# One [[review]] table per flag finding, keyed by the finding's stable id. `decision` is
#   confirmed      a real error: the finding keeps failing until the article is fixed;
#   not-same-fact  the claims are not about one fact (the grouping was wrong);
#   accepted       a known disagreement between sources.
# Accepted and not-same-fact findings no longer fail `check`; they are shown as reviewed.
# `claims` is how the claims read when reviewed, for people; claimcheck does not read it.
# Reasons may be edited by hand; comments other than this header are not kept.
";

fn is_flag_name(s: &str) -> bool {
    Status::parse(s).is_some_and(Status::is_flag)
}

/// A string as a TOML basic string, quoted and escaped.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Today's date (UTC) in ISO form.
pub fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    (epoch + chrono::Duration::days((secs / 86_400) as i64)).format("%Y-%m-%d").to_string()
}

/// A new entry for finding `f` of `run`, with the claims as they read now. Claim
/// paths are written relative to the review file's folder when they lie inside it.
pub fn entry(run: &Run, f: &Finding, decision: Decision, reason: &str, date: &str, file: &Path) -> Entry {
    let base = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let claims = run
        .claims_of(f)
        .map(|c| {
            let path = relative(&run.docs[c.doc_index()].path, base);
            format!("{path}:{}:{} “{}”: {}", c.line, c.column, run.claim_text(c), one_line(run.sentence(c)))
        })
        .collect();
    Entry {
        id: f.id.clone(),
        status: f.status.name().to_string(),
        label: f.label.clone(),
        decision,
        reason: reason.trim().to_string(),
        date: date.to_string(),
        claims,
        at: None,
    }
}

fn relative(path: &str, base: &Path) -> String {
    let p = Path::new(path);
    let strip = |p: &Path, b: &Path| p.strip_prefix(b).ok().map(|r| r.to_string_lossy().into_owned());
    strip(p, base)
        .or_else(|| strip(p.strip_prefix("./").unwrap_or(p), base.strip_prefix("./").unwrap_or(base)))
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| path.to_string())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Puts the file's decisions on `run`: each entry whose id is a finding of the run
/// becomes that finding's review; every other entry is stale.
pub fn apply(file: &ReviewFile, run: &mut Run) {
    let ids: HashSet<&str> = run.findings.iter().map(|f| f.id.as_str()).collect();
    let mut reviews = BTreeMap::new();
    let mut stale = Vec::new();
    for e in &file.entries {
        if ids.contains(e.id.as_str()) {
            let date = (!e.date.is_empty()).then(|| e.date.clone());
            reviews.insert(e.id.clone(), Reviewed { decision: e.decision, reason: e.reason.clone(), date });
        } else {
            let (line, column) = e.at.unwrap_or((1, 1));
            stale.push(Stale {
                id: e.id.clone(),
                status: e.status.clone(),
                label: e.label.clone(),
                path: file.path.clone(),
                line,
                column,
            });
        }
    }
    run.reviews = reviews;
    run.stale = stale;
}

/// `review --list`: every decision in the file (id, decision, status, label, date,
/// reason), marking those that match no finding of `run`, then how many flags are
/// still open.
pub fn listing(run: &Run, file: &ReviewFile) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let dash = |s: &str| if s.is_empty() { "-".to_string() } else { s.to_string() };
    let n = file.entries.len();
    let mut s = format!("{}: {n} decision{}\n", file.path.display(), plural(n));
    for e in &file.entries {
        let stale = if run.stale.iter().any(|x| x.id == e.id) { "  [stale: matches no finding]" } else { "" };
        s.push_str(&format!(
            "{}  {:<13}  {}  {}  {}{stale}\n    reason: {}\n",
            e.id,
            e.decision.name(),
            dash(&e.status),
            dash(&e.label),
            dash(&e.date),
            e.reason
        ));
    }
    let open = session::open(run, file, false).len();
    if open > 0 {
        s.push_str(&format!(
            "{open} flag finding{} without a decision: `claimcheck review` to decide\n",
            plural(open)
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ReviewFile> {
        ReviewFile::parse(Path::new("r.toml"), text)
    }

    #[test]
    fn round_trip() {
        let mut f = ReviewFile::empty(Path::new("r.toml"));
        f.record(Entry {
            id: "F1".into(),
            status: "conflict".into(),
            label: "size \"of\" x".into(),
            decision: Decision::Accepted,
            reason: "sources differ; see the UN's note".into(),
            date: "2025-02-01".into(),
            claims: vec!["a.txt:1:2 “400”: It sent 400.".into()],
            at: None,
        });
        let text = f.render();
        let back = parse(&text).unwrap();
        assert_eq!(back.entries.len(), 1);
        let e = &back.entries[0];
        assert_eq!(
            (e.decision, e.reason.as_str(), e.label.as_str()),
            (Decision::Accepted, "sources differ; see the UN's note", "size \"of\" x")
        );
        assert_eq!(e.at, Some((11, 6)), "the id's value");
        assert_eq!(e.claims, f.entries[0].claims);
        // Re-recording replaces in place.
        let mut again = back.clone();
        let mut e2 = again.entries[0].clone();
        e2.decision = Decision::Confirmed;
        again.record(e2);
        assert_eq!(again.entries.len(), 1);
        assert_eq!(again.entries[0].decision, Decision::Confirmed);
    }

    #[test]
    fn problems_are_located_and_all_reported() {
        let text = "[[review]]\nid = \"F1\"\ndecision = \"maybe\"\nreason = \" \"\nstatus = \"agreement\"\ndate = \"yesterday\"\n\n[[review]]\nid = \"F1\"\ndecision = \"accepted\"\nreason = \"x\"\n";
        let Err(Error::Config(ps)) = parse(text) else { panic!("expected problems") };
        let got: Vec<(usize, usize)> = ps.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(got, [(3, 12), (4, 10), (5, 10), (6, 8), (9, 6)], "{ps:?}");
        assert!(ps[0].message.contains("confirmed, not-same-fact, accepted"), "{}", ps[0].message);
        assert!(ps[4].message.contains("twice"));
    }

    #[test]
    fn syntax_errors_and_unknown_keys_are_located() {
        let Err(Error::Config(ps)) =
            parse("[[review]]\nid = \"F1\"\ndecision = \"accepted\"\nreason = \"x\"\nwhy = 1\n")
        else {
            panic!()
        };
        assert_eq!((ps[0].line, ps[0].column), (5, 1), "{ps:?}");
        assert!(ps[0].message.contains("unknown field"));
        let Err(Error::Config(ps)) = parse("[[review]\nid = 1\n") else { panic!() };
        assert_eq!(ps[0].line, 1, "{ps:?}");
        let Err(Error::Config(ps)) = parse("[[review]]\nid = \"F1\"\nreason = \"x\"\n") else { panic!() };
        assert!(ps[0].message.contains("decision"), "{ps:?}");
    }

    #[test]
    fn located_beside_the_articles() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_path_buf();
        assert_eq!(locate(None, std::slice::from_ref(&d)), d.join(REVIEW_FILE));
        assert_eq!(locate(Some(Path::new("x.toml")), std::slice::from_ref(&d)), PathBuf::from("x.toml"));
        assert_eq!(locate(None, &[PathBuf::from("a/b.txt")]), PathBuf::from("a").join(REVIEW_FILE));
        assert_eq!(locate(None, &[PathBuf::from("b.txt")]), PathBuf::from(".").join(REVIEW_FILE));
    }

    #[test]
    fn today_is_iso() {
        let t = today();
        assert!(chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").is_ok(), "{t}");
    }

    #[test]
    fn relative_claim_paths() {
        assert_eq!(relative("tests/x/a.txt", Path::new("tests/x")), "a.txt");
        assert_eq!(relative("./x/a.txt", Path::new("x")), "a.txt");
        assert_eq!(relative("y/a.txt", Path::new("x")), "y/a.txt");
    }
}
