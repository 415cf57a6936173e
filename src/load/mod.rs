//! Stage 1: walk the paths, read and decode each article, find what can be known of
//! its date before reading its claims (manifest, front matter, dateline).
//!
//! Nothing here fails the whole run for one bad file: an unreadable file is an
//! [`Issue`] with `fatal: true` (the run goes on, then exits 2), a legacy encoding or
//! a binary file is a warning.

mod decode;
mod manifest;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

pub use decode::Decoded;
pub use manifest::{Manifest, SOURCES_FILE};

use crate::error::{Error, Result};
use crate::model::DateSource;

/// Extensions read when walking a folder.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// Largest file read whole (bigger ones are refused with a message).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// One article, decoded, with what load could tell of its date.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given on the command line, joined with the walked part.
    pub path: String,
    /// The decoded text (markup blanked out, so offsets are unchanged).
    pub text: String,
    /// Where the body starts (after front matter).
    pub body_start: usize,
    /// Maps offsets in `text` to bytes of the file when decoding changed them.
    pub offsets: decode::OffsetMap,
    /// Reference (publication) date.
    pub date: Option<NaiveDate>,
    /// Where `date` came from.
    pub date_source: DateSource,
    /// Outlet, from the manifest.
    pub source: Option<String>,
    /// A dateline's month and day, and year when it gives one; settled by `refdate`.
    pub dateline: Option<(u32, u32, Option<i32>)>,
}

/// Something load wants the user to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The file.
    pub path: String,
    /// What happened and what was done.
    pub message: String,
    /// The file could not be read: the run exits 2 after reporting the rest.
    pub fatal: bool,
}

/// What loading produced.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Documents in sorted path order.
    pub docs: Vec<Document>,
    /// Warnings and per-file errors.
    pub issues: Vec<Issue>,
    /// The folders walked (where project files are looked for).
    pub roots: Vec<PathBuf>,
}

/// Walks `paths` (files and folders), reads every article and applies `manifest`
/// (or each folder's own `sources.toml`).
pub fn load(paths: &[PathBuf], manifest: Option<&Manifest>) -> Result<Loaded> {
    let mut files = Vec::new();
    let mut out = Loaded::default();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound(p.clone()),
            _ => Error::Io { path: p.clone(), source: e },
        })?;
        if meta.is_dir() {
            out.roots.push(p.clone());
            walk(p, &mut files, &mut out.issues);
        } else {
            files.push(p.clone());
        }
    }
    files.sort();
    files.dedup();

    let mut own: Vec<Manifest> = Vec::new();
    if manifest.is_none() {
        for r in &out.roots {
            let m = r.join(SOURCES_FILE);
            if m.is_file() {
                own.push(Manifest::read(&m)?);
            }
        }
    }
    for f in files {
        let display = f.to_string_lossy().into_owned();
        match read_one(&f) {
            Ok(Decoded { text, offsets, note }) => {
                if let Some(n) = note {
                    out.issues.push(Issue { path: display.clone(), message: n, fatal: false });
                }
                if text.trim().is_empty() {
                    out.issues.push(Issue {
                        path: display.clone(),
                        message: "empty article: no claims to read".into(),
                        fatal: false,
                    });
                }
                let mut doc = document(display, text, offsets, &f);
                let entry = manifest
                    .and_then(|m| m.entry_for(&f))
                    .or_else(|| own.iter().find_map(|m| m.entry_for(&f)));
                if let Some(e) = entry {
                    doc.source = e.outlet.clone();
                    if let Some(d) = e.date {
                        doc.date = Some(d);
                        doc.date_source = DateSource::Manifest;
                    }
                }
                out.docs.push(doc);
            }
            Err(ReadError::Skip(msg)) => out.issues.push(Issue { path: display, message: msg, fatal: false }),
            Err(ReadError::Fail(msg)) => out.issues.push(Issue { path: display, message: msg, fatal: true }),
        }
    }
    Ok(out)
}

fn walk(root: &Path, files: &mut Vec<PathBuf>, issues: &mut Vec<Issue>) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let p = e.path();
                let wanted = e.file_type().is_some_and(|t| t.is_file())
                    && p.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()));
                if wanted {
                    files.push(p.to_path_buf());
                }
            }
            Err(e) => issues.push(Issue {
                path: root.to_string_lossy().into_owned(),
                message: format!("while walking: {e}"),
                fatal: !e.to_string().contains("loop"),
            }),
        }
    }
}

enum ReadError {
    Skip(String),
    Fail(String),
}

fn read_one(path: &Path) -> std::result::Result<Decoded, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Fail(format!("cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(ReadError::Fail("is a directory, not an article".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::Fail(format!(
            "{} bytes is over the {} MiB limit for one article; split it",
            meta.len(),
            MAX_FILE_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| ReadError::Fail(format!("cannot read: {e}")))?;
    let is_html = path
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm"));
    let mut d = decode::decode(&bytes).ok_or_else(|| ReadError::Skip("binary file skipped".into()))?;
    if is_html {
        d.text = decode::blank_markup(&d.text);
    }
    Ok(d)
}

static FRONT_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^date:\s*['\x22]?(\d{4}-\d{2}-\d{2})").expect("valid"));
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[A-Z][A-Za-z.'-]*(?:\s[A-Z][A-Za-z.'-]*){0,3},(?:\s*[A-Z][A-Za-z.'-]*(?:\s[A-Z][A-Za-z.'-]*){0,2},)?\s*(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)\.?\s+(\d{1,2})(?:,\s*(\d{4}))?\s*(?:[–—-]|\(\w+\))",
    )
    .expect("valid")
});

/// A date in a file name: wire archives name stories by day ("AP_20130322.txt",
/// "2024-11-08-haiti.md").
static NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:[^0-9]|$)").expect("valid")
});

fn name_date(file: &Path) -> Option<NaiveDate> {
    let name = file.file_stem()?.to_str()?;
    let c = NAME_DATE.captures(name)?;
    NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

fn document(path: String, text: String, offsets: decode::OffsetMap, file: &Path) -> Document {
    let mut doc = Document {
        path,
        body_start: 0,
        offsets,
        date: None,
        date_source: DateSource::None,
        source: None,
        dateline: None,
        text,
    };
    if doc.text.starts_with("---\n") || doc.text.starts_with("---\r\n") {
        if let Some(end) = doc.text[3..].find("\n---") {
            let fm_end = 3 + end + 4;
            let fm = &doc.text[..fm_end];
            if let Some(c) = FRONT_DATE.captures(fm) {
                if let Ok(d) = NaiveDate::parse_from_str(&c[1], "%Y-%m-%d") {
                    doc.date = Some(d);
                    doc.date_source = DateSource::FrontMatter;
                }
            }
            doc.body_start = doc.text[fm_end..].find('\n').map_or(doc.text.len(), |i| fm_end + i + 1);
        }
    }
    if doc.date.is_none() {
        if let Some(d) = name_date(file) {
            doc.date = Some(d);
            doc.date_source = DateSource::Inferred;
        }
    }
    let head_end = floor_boundary(&doc.text, (doc.body_start + 600).min(doc.text.len()));
    if let Some(c) = DATELINE.captures(&doc.text[doc.body_start..head_end]) {
        let m = crate::calendar::month(&c[1].to_lowercase());
        let day: Option<u32> = c[2].parse().ok();
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        if let (Some(m), Some(d)) = (m, day) {
            doc.dateline = Some((m, d, year));
        }
    }
    doc
}

/// The largest char boundary at or below `i`.
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        document("t.txt".into(), text.into(), Default::default(), Path::new("t.txt"))
    }

    #[test]
    fn front_matter_date() {
        let d = doc("---\ntitle: x\ndate: 2024-11-08\n---\nBody 400 officers.\n");
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2024, 11, 8));
        assert_eq!(d.date_source, DateSource::FrontMatter);
        assert_eq!(&d.text[d.body_start..d.body_start + 4], "Body");
    }

    #[test]
    fn file_name_dates() {
        let cases = [
            ("AP_20130322.txt", NaiveDate::from_ymd_opt(2013, 3, 22)),
            ("2024-11-08-haiti.md", NaiveDate::from_ymd_opt(2024, 11, 8)),
            ("000_b5b1bce2881e6db2.txt", None),
            ("report-20131399.txt", None),
            ("id_1234567890.txt", None),
        ];
        for (name, want) in cases {
            assert_eq!(name_date(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn datelines() {
        let cases = [
            ("NAIROBI, Kenya, Jan 26 – President William Ruto", Some((1, 26, None))),
            ("WASHINGTON, Sept. 21, 2024 (Reuters) - A", Some((9, 21, Some(2024)))),
            ("LAHAINA, Hawaii, August 10 — Fire", Some((8, 10, None))),
            ("The mission, June 24 – ", None),
            ("Nothing here", None),
        ];
        for (text, want) in cases {
            assert_eq!(doc(text).dateline, want, "{text}");
        }
    }
}
