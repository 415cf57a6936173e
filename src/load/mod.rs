//! Stage 1: walk the paths, read and decode each article, find what can be known of
//! its date before reading its claims (manifest, front matter, dateline).
//!
//! Nothing here fails the whole run for one bad file: an unreadable file is an
//! [`Issue`] with `fatal: true` (the run goes on, then exits 2), a legacy encoding or
//! a binary file is a warning.

mod decode;
mod manifest;
mod text;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

pub use decode::Decoded;
pub use manifest::{Manifest, SOURCES_FILE};
pub use text::Text;

use crate::error::{Error, Result};
use crate::model::DateSource;

/// Extensions read when walking a folder.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// Largest file read whole; a bigger one is refused with a message (exit 2 once the
/// others are checked). A news article is tens of kilobytes; the pipeline holds
/// about 100 bytes of memory per byte of text (300 for the JSON report), so 16 MiB
/// keeps one article's run within a few GiB. README "Reliability" has the numbers.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One article, decoded, with what load could tell of its date.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given on the command line, joined with the walked part.
    pub path: String,
    /// The decoded text (markup blanked out, so offsets are unchanged); once its
    /// claims are read, only their sentences (see [`Document::keep_sentences`]).
    pub text: Text,
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
    /// Set by `refdate` when only the folder-wide year prior could date the document
    /// (what a reduce over shards needs to settle that prior for the whole folder).
    /// Boxed: a few documents have one, and inline it was 120 of a document's 256
    /// bytes, moved whole with it through every step of loading.
    pub year_prior: Option<Box<crate::refdate::Pending>>,
}

impl Document {
    /// A document of `text` as if a manifest dated it `date` (undated with `None`):
    /// no front matter, dateline or decoding offsets. For library callers and tests
    /// that have text rather than files.
    pub fn from_text(path: impl Into<String>, text: impl Into<String>, date: Option<NaiveDate>) -> Document {
        Document {
            path: path.into(),
            text: Text::from(text.into()),
            body_start: 0,
            offsets: Default::default(),
            date,
            date_source: if date.is_some() { DateSource::Manifest } else { DateSource::None },
            source: None,
            dateline: None,
            year_prior: None,
        }
    }

    /// The whole text, for the stages that read all of it (extraction, fingerprints,
    /// suppression markers): they run before [`Document::keep_sentences`].
    ///
    /// # Panics
    ///
    /// After `keep_sentences`: a stage out of order is a bug.
    pub fn whole(&self) -> &str {
        self.text.whole().expect("the whole text is read before only claim sentences are kept")
    }

    /// Keeps only the sentences of `claims` (this document's): what grouping,
    /// comparing and the reports read of it. Each claim's own span is kept too, so
    /// that its text stays readable should a span ever reach past its sentence.
    pub fn keep_sentences(&mut self, claims: &[crate::model::Claim]) {
        self.text
            .keep(claims.iter().flat_map(|c| [c.sentence_range(), c.text_range()]).map(|r| (r.start, r.end)));
    }
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

/// The articles a run reads: the files `paths` name or hold, in sorted path order,
/// with the manifests that date them. Made before any article is read, so that each
/// can go from its file to its claims on a worker thread, and no run ever holds
/// every article's text at once (BBC x100 is 500 MB of it).
#[derive(Debug, Default)]
pub struct Plan {
    files: Vec<PathBuf>,
    manifest: Option<Manifest>,
    /// Each walked folder's own `sources.toml`, when no manifest was given.
    own: Vec<Manifest>,
    /// What walking found to report: missing paths, folders without articles.
    pub issues: Vec<Issue>,
}

/// What loading produced: per file that could be read, in sorted path order, what
/// [`Plan::read`] made of it.
#[derive(Debug, Default)]
pub struct Loaded<T> {
    /// The documents, in sorted path order.
    pub docs: Vec<Document>,
    /// What [`Plan::read`]'s `each` made of each document, in the same order.
    pub made: Vec<T>,
    /// Warnings and per-file errors, the walk's first, then the files' in path order.
    pub issues: Vec<Issue>,
}

/// Walks `paths` (files and folders) and reads `manifest` or each folder's own
/// `sources.toml`: everything of loading but reading the articles ([`Plan::read`]).
pub fn plan(paths: &[PathBuf], manifest: Option<Manifest>) -> Result<Plan> {
    let mut out = Plan::default();
    let mut roots = Vec::new();
    // A missing path among others is reported like an unreadable file (the rest
    // are still checked, then exit 2); when nothing given exists, nothing is run.
    let missing: Vec<&PathBuf> = paths.iter().filter(|p| std::fs::metadata(p).is_err()).collect();
    if missing.len() == paths.len() {
        if let Some(p) = missing.first() {
            return Err(match std::fs::metadata(p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Error::Io { path: p.to_path_buf(), source: e }
                }
                _ => Error::NotFound(p.to_path_buf()),
            });
        }
    }
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                let message = match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        "no such file or directory; the other paths were checked".into()
                    }
                    _ => format!("cannot read: {e}; the other paths were checked"),
                };
                out.issues.push(Issue { path: p.to_string_lossy().into_owned(), message, fatal: true });
                continue;
            }
        };
        if meta.is_dir() {
            roots.push(p.clone());
            let before = out.files.len();
            walk(p, &mut out.files, &mut out.issues);
            if out.files.len() == before {
                out.issues.push(Issue {
                    path: p.to_string_lossy().into_owned(),
                    message: format!(
                        "no articles found here (looked for .{} files, skipping hidden and ignored ones); \
                         give the folder or files that hold the articles",
                        EXTENSIONS.join(", .")
                    ),
                    fatal: false,
                });
            }
        } else {
            out.files.push(p.clone());
        }
    }
    out.files.sort();
    out.files.dedup();
    if manifest.is_none() {
        for r in &roots {
            let m = r.join(SOURCES_FILE);
            if m.is_file() {
                out.own.push(Manifest::read(&m)?);
            }
        }
    }
    out.manifest = manifest;
    Ok(out)
}

/// What [`Plan::read`] collects per file: its notes, the document and what `each`
/// made of it (neither when it could not be read).
type Unzipped<T> = (Vec<Vec<Issue>>, (Vec<Option<Document>>, Vec<Option<T>>));

impl Plan {
    /// How many files will be read.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file will be read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Reads and decodes every file on all cores, dates it from the manifests and
    /// hands it to `each` with its index in the plan's files and an HTML document's
    /// markup ([`FromBytes::markup`]), at once: a document is made into what `each`
    /// keeps of it while others are still being read. The documents and what `each`
    /// gives are taken in sorted path order, each into its own vector as it is made:
    /// a vector of pairs split afterwards held every document twice for a moment
    /// (at BBC x100, 222,500 of them at 472 bytes a pair).
    pub fn read<T: Send>(self, each: impl Fn(usize, &mut Document, Option<String>) -> T + Sync) -> Loaded<T> {
        let Plan { files, manifest, own, mut issues } = self;
        let (notes, (docs, made)): Unzipped<T> = files
            .par_iter()
            .enumerate()
            .map(|(i, f)| {
                let display = f.to_string_lossy().into_owned();
                let doc = read_one(f).and_then(|bytes| {
                    from_bytes(display.clone(), f, bytes).ok_or_else(|| {
                        ReadError::Skip("binary file skipped (it holds NUL bytes; articles are text)".into())
                    })
                });
                match doc {
                    Ok(FromBytes { mut doc, note, markup }) => {
                        let mut notes: Vec<Issue> = note
                            .into_iter()
                            .map(|n| Issue { path: display.clone(), message: n, fatal: false })
                            .collect();
                        if doc.whole().trim().is_empty() {
                            notes.push(Issue {
                                path: display,
                                message: "empty article (nothing but white space): no claims to read; \
                                          fill it or leave it out"
                                    .into(),
                                fatal: false,
                            });
                        }
                        let entry = manifest
                            .as_ref()
                            .and_then(|m| m.entry_for(f))
                            .or_else(|| own.iter().find_map(|m| m.entry_for(f)));
                        if let Some(e) = entry {
                            doc.source = e.outlet.clone();
                            if let Some(d) = e.date {
                                doc.date = Some(d);
                                doc.date_source = DateSource::Manifest;
                            }
                        }
                        let made = each(i, &mut doc, markup);
                        (notes, (Some(doc), Some(made)))
                    }
                    Err(ReadError::Skip(message)) => {
                        (vec![Issue { path: display, message, fatal: false }], (None, None))
                    }
                    Err(ReadError::Fail(message)) => {
                        (vec![Issue { path: display, message, fatal: true }], (None, None))
                    }
                }
            })
            .unzip();
        issues.extend(notes.into_iter().flatten());
        // `filter_map` (unlike `flatten`) collects in place, in the vector of options.
        #[allow(clippy::filter_map_identity)]
        let (docs, made) =
            (docs.into_iter().filter_map(|d| d).collect(), made.into_iter().filter_map(|m| m).collect());
        Loaded { docs, made, issues }
    }
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
                let wanted = e.file_type().is_some_and(|t| t.is_file()) && is_article(p);
                if wanted {
                    files.push(p.to_path_buf());
                }
            }
            Err(e) => issues.extend(walk_issue(root, &e)),
        }
    }
}

/// A walk error as an issue: a symbolic link loop is skipped with a warning naming
/// the link, a broken link is an unreadable article (or nothing, when its name is not
/// an article's), anything else (a folder that cannot be listed) is an error.
fn walk_issue(root: &Path, e: &ignore::Error) -> Option<Issue> {
    let mut inner = e;
    let mut at = root;
    loop {
        match inner {
            ignore::Error::WithPath { path, err } => {
                at = path;
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => inner = err,
            _ => break,
        }
    }
    if let ignore::Error::Loop { ancestor, child } = inner {
        return Some(Issue {
            path: child.to_string_lossy().into_owned(),
            message: format!(
                "symbolic link loop (it leads back to {}); skipped: remove the link or list it in an .ignore file",
                ancestor.display()
            ),
            fatal: false,
        });
    }
    let dangling = matches!(inner, ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
        && std::fs::symlink_metadata(at).is_ok_and(|m| m.file_type().is_symlink());
    if dangling {
        // A broken link to something that is not an article is none of our business.
        return is_article(at).then(|| Issue {
            path: at.to_string_lossy().into_owned(),
            message: "broken symbolic link (its target does not exist); fix or remove the link".into(),
            fatal: true,
        });
    }
    Some(Issue {
        path: at.to_string_lossy().into_owned(),
        message: format!("cannot read while walking the folder: {inner}"),
        fatal: true,
    })
}

/// Whether a walked file is read as an article (by its extension).
fn is_article(p: &Path) -> bool {
    p.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

enum ReadError {
    Skip(String),
    Fail(String),
}

/// Reads one file whole, refusing what is not a regular file (reading a FIFO would
/// block forever) and what is over [`MAX_FILE_BYTES`] (checked again while reading,
/// in case the file grows).
fn read_one(path: &Path) -> std::result::Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Fail(format!("cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(ReadError::Fail("is a directory, not an article".into()));
    }
    if !meta.is_file() {
        return Err(ReadError::Fail(
            "not a regular file (a FIFO, socket or device); give the article's file itself".into(),
        ));
    }
    let too_big = |len: u64| {
        ReadError::Fail(format!(
            "{len} bytes is over the {} MiB limit for one article; split it into smaller files",
            MAX_FILE_BYTES >> 20
        ))
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::Fail(format!("cannot read: {e}")))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Fail(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// One file's bytes as a document, the way [`Plan::read`] reads it: decoded (UTF-8,
/// UTF-16 with BOM, stray bytes as Windows-1252), markup blanked for `.html`/`.htm`
/// (by the extension of `file`), front matter and dateline read. `None` for a binary
/// file. No I/O.
pub fn from_bytes(path: String, file: &Path, bytes: Vec<u8>) -> Option<FromBytes> {
    let is_html = file
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm"));
    let Decoded { text, offsets, note } = decode::decode(bytes)?;
    let (text, markup) = if is_html { (decode::blank_markup(&text), Some(text)) } else { (text, None) };
    Some(FromBytes { doc: document(path, text, offsets, file), note, markup })
}

/// What [`from_bytes`] makes of a file.
#[derive(Debug)]
pub struct FromBytes {
    /// The document.
    pub doc: Document,
    /// A note about its encoding, if any.
    pub note: Option<String>,
    /// An HTML document's decoded text before its markup was blanked, where its
    /// `<!-- claimcheck-ignore: … -->` comments still are (same lines, same offsets);
    /// `None` for other documents, whose text keeps its comments.
    pub markup: Option<String>,
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
        year_prior: None,
        text: Text::default(),
    };
    if text.starts_with("---\n") || text.starts_with("---\r\n") {
        if let Some(end) = text[3..].find("\n---") {
            let fm_end = 3 + end + 4;
            let fm = &text[..fm_end];
            if let Some(c) = FRONT_DATE.captures(fm) {
                if let Ok(d) = NaiveDate::parse_from_str(&c[1], "%Y-%m-%d") {
                    doc.date = Some(d);
                    doc.date_source = DateSource::FrontMatter;
                }
            }
            doc.body_start = text[fm_end..].find('\n').map_or(text.len(), |i| fm_end + i + 1);
        }
    }
    if doc.date.is_none() {
        if let Some(d) = name_date(file) {
            doc.date = Some(d);
            doc.date_source = DateSource::Inferred;
        }
    }
    let head_end = floor_boundary(&text, (doc.body_start + 600).min(text.len()));
    if let Some(c) = DATELINE.captures(&text[doc.body_start..head_end]) {
        let m = crate::calendar::month(&c[1].to_lowercase());
        let day: Option<u32> = c[2].parse().ok();
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        if let (Some(m), Some(d)) = (m, day) {
            doc.dateline = Some((m, d, year));
        }
    }
    doc.text = Text::from(text);
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
