//! The pipeline end to end, as the CLI runs it: load → extract → (reference dates)
//! → normalize → (inline suppression) → group → compare. Per-document stages run in
//! parallel; results are collected in document order, so output does not depend on
//! the thread count.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::compare::{DocView, compare};
use crate::dedup::{Kept, Prints, Spool};
use crate::error::Result;
use crate::extract;
use crate::load::Document;
use crate::load::{self, Issue, Manifest};
use crate::model::{Claim, Finding};
use crate::report::Run;
use crate::rules::{PROJECT_RULES, Rules};
use crate::suppress::{self, Marker};
use crate::{dedup, group, normalize, refdate};

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Files and folders.
    pub paths: Vec<PathBuf>,
    /// `--rules FILE`; else a `rules.toml` in the first folder that has one.
    pub rules: Option<PathBuf>,
    /// `--sources FILE`; else each folder's `sources.toml`.
    pub sources: Option<PathBuf>,
    /// Skip grouping and comparing (the `claims` command).
    pub claims_only: bool,
    /// The folder-wide year prior to date undated documents with, instead of the one
    /// these documents give (`claims --year-prior`: a shard re-extracted with the prior
    /// settled for its whole folder, see [`crate::stream::settle`]).
    pub year_prior: Option<i32>,
}

/// A finished run and what load had to say.
pub struct Outcome {
    /// The run.
    pub run: Run,
    /// Warnings and per-file errors.
    pub issues: Vec<Issue>,
    /// The rules used.
    pub rules: Rules,
    /// Each document's near-duplicate fingerprint (for the claims stream).
    pub prints: Prints,
    /// The inline `claimcheck-ignore` markers, with the claims each removed.
    pub markers: Vec<Marker>,
}

/// Where a run has got to, for a progress display. Called from worker threads.
pub trait Progress: Sync {
    /// `done` of `total` documents have been analysed (extracted and normalized).
    fn documents(&self, done: usize, total: usize);
    /// Every document is analysed; claims are being grouped and compared.
    fn comparing(&self) {}
}

/// No progress display.
pub struct Quiet;

impl Progress for Quiet {
    fn documents(&self, _: usize, _: usize) {}
}

/// The project rules file for `paths`: `--rules`, else the first folder's rules.toml.
pub fn project_rules(opts: &Options) -> Option<PathBuf> {
    opts.rules.clone().or_else(|| {
        opts.paths.iter().filter(|p| p.is_dir()).map(|p| p.join(PROJECT_RULES)).find(|p| p.is_file())
    })
}

/// Runs the pipeline.
pub fn run(opts: &Options) -> Result<Outcome> {
    run_with(opts, &Quiet)
}

/// Runs the pipeline, telling `progress` how far it has got.
pub fn run_with(opts: &Options, progress: &dyn Progress) -> Result<Outcome> {
    // Compiling the rules (their regexes: tens of milliseconds) and walking the
    // folders need nothing of each other: side by side. Errors come in the order
    // they would one after the other: the rules', the manifest's, load's.
    let (rules, plan) = rayon::join(
        || Rules::load(project_rules(opts).as_deref()),
        || {
            let manifest = opts.sources.as_deref().map(Manifest::read).transpose()?;
            load::plan(&opts.paths, manifest)
        },
    );
    let (rules, plan) = (rules?, plan?);
    // Each document is read, extracted and normalized in one go on a worker thread,
    // so that only its claims (and their sentences) outlive it: its tokens (about 20
    // bytes of memory per byte of text: BBC x1 peaked at 284 MB with all of them, 182
    // MB without) are dropped as soon as its claims are made, and no more than a few
    // whole texts are ever held at once. Progress counts both steps.
    let total = plan.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let tick = || {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress.documents(n / 2, total);
    };
    progress.documents(0, total);
    let spool = Spool::new();
    let mut loaded = plan.read(|i, d, markup| first(i, d, markup.as_deref(), &rules, &spool, &tick));
    // Files that could not be read are done too (they never reached `tick`).
    progress.documents(total, total);
    for (k, f) in loaded.made.iter_mut().enumerate() {
        // Indices were the files' (the claims were made before it was known which
        // files could be read); documents are numbered among those that were.
        if k != f.index {
            f.claims.iter_mut().for_each(|c| c.doc = crate::model::doc_number(k));
            if let Ok(marks) = &mut f.marks {
                marks.iter_mut().for_each(|m| m.doc = k);
            }
        }
    }
    let (run, prints, markers) =
        pipeline(loaded.docs, loaded.made, spool, &rules, opts.claims_only, opts.year_prior, progress)?;
    Ok(Outcome { run, issues: loaded.issues, rules, markers, prints })
}

/// What [`pipeline`] gives: the run, each document's fingerprint, the suppression
/// markers.
type Piped = (Run, Prints, Vec<Marker>);

/// The first go over document `index` (see [`run_with`]): extract, normalize with the date
/// it has without the folder-wide year prior, fingerprint, find its suppression markers (in
/// `markup`: an HTML document's text before its comments were blanked, see
/// [`crate::load::FromBytes::markup`]). Normalizing needs the reference date, and the
/// folder-wide year prior that dates some documents is only known once every document's
/// evidence is in; so a document is normalized here with the date it has without that
/// prior, and the few that the prior then dates otherwise are extracted and normalized
/// again in [`pipeline`]. Its text goes too, but for its claims' sentences (all that is
/// read of it after that), as soon as the prior cannot date it otherwise: a third of the
/// text of news is in claim sentences.
fn first(
    index: usize,
    d: &mut Document,
    markup: Option<&str>,
    rules: &Rules,
    spool: &Spool,
    tick: &(dyn Fn() + Sync),
) -> First {
    let masked = extract::masked(d, rules);
    let sentences = extract::extract(&masked, rules);
    tick();
    let evidence = refdate::evidence(&sentences);
    // The date `refdate::infer_all` gives it before the year prior, if any.
    let own = d.date;
    let guess = own.or_else(|| refdate::infer(d.dateline, &evidence, &[]).map(|(x, _)| x));
    d.date = guess;
    let claims = normalize::normalize(index, d, &sentences, rules);
    d.date = own;
    tick();
    let print = spool.keep(dedup::fingerprint(d.whole()));
    let marks = suppress::markers(index, &suppress_source(d, markup));
    if guess.is_some() || !refdate::prior_matters(d.dateline, &evidence) {
        d.keep_sentences(&claims);
    }
    First { index, claims, evidence, guess, print, marks }
}

/// Everything after the first go over each document: reference dates with the
/// folder-wide year prior (`year_prior` when given, see [`Options::year_prior`]),
/// normalizing again the few documents it dates otherwise, inline suppression and,
/// unless `claims_only`, group and compare. No I/O.
fn pipeline(
    mut docs: Vec<Document>,
    first: Vec<First>,
    spool: Spool,
    rules: &Rules,
    claims_only: bool,
    year_prior: Option<i32>,
    progress: &dyn Progress,
) -> Result<Piped> {
    let n = first.len();
    let (mut per_doc, mut evidence, mut guesses, mut prints, mut marks) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for f in first {
        per_doc.push(f.claims);
        evidence.push(f.evidence);
        guesses.push(f.guess);
        prints.push(f.print);
        marks.push(f.marks);
    }
    let prints = spool.finish(prints);
    refdate::infer_all(&mut docs, &evidence, year_prior);
    drop(evidence);
    per_doc
        .par_iter_mut()
        .zip(&mut docs)
        .enumerate()
        .filter(|(_, (_, d))| d.text.whole().is_some())
        .for_each(|(i, (claims, d))| {
            if d.date != guesses[i] {
                *claims =
                    normalize::normalize(i, d, &extract::extract(&extract::masked(d, rules), rules), rules);
            }
            d.keep_sentences(claims);
        });
    // Sized at once: collected from the flattened documents, the vector grew by
    // doubling and kept up to twice the claims' room (352 bytes a claim then, 272
    // now). Purging at once, each document's vector leaves memory as it is moved (BBC
    // x10 peaked here at 388 MB, 318 purging).
    let claims = crate::memory::purging(|| {
        let mut claims = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
        for c in per_doc {
            claims.extend(c);
        }
        claims
    });

    // Inline suppression, before grouping: a marked line's claims are in no finding.
    let (claims, markers) = suppress::apply(claims, marks).map_err(crate::error::Error::Config)?;

    let findings = if claims_only {
        Vec::new()
    } else {
        progress.comparing();
        judge(&docs, &prints, &claims, rules)?
    };
    Ok((Run { docs, claims, findings, reviews: Default::default(), stale: Vec::new() }, prints, markers))
}

/// What the first go over a document gives (see [`first`]).
struct First {
    /// The document's index among the files of the run.
    index: usize,
    claims: Vec<Claim>,
    evidence: refdate::Evidence,
    guess: Option<chrono::NaiveDate>,
    print: Kept,
    marks: suppress::Found,
}

/// A document as inline suppression reads it: its HTML `markup` when it has one.
fn suppress_source<'a>(d: &'a Document, markup: Option<&'a str>) -> suppress::Source<'a> {
    suppress::Source {
        path: &d.path,
        markup: markup.unwrap_or(d.whole()),
        text: d.whole(),
        plain: suppress::plain_form(&d.path),
    }
}

/// Groups and compares claims (the reduce step): near-duplicate sources from the
/// documents' fingerprints, then findings.
pub fn judge(docs: &[Document], prints: &Prints, claims: &[Claim], rules: &Rules) -> Result<Vec<Finding>> {
    let sources = dedup::sources(prints)?;
    let views: Vec<DocView> = docs
        .iter()
        .zip(&sources)
        .map(|(d, &s)| DocView { path: &d.path, text: &d.text, source: s })
        .collect();
    let groups = group::group(claims);
    Ok(compare(claims, &groups, &views, rules))
}

/// Whether a report can be written to `path`: not a folder, and its folder exists.
/// Checked before a run, so that a mistyped `--output` fails at once; [`write_atomic`]
/// checks again.
pub fn check_output(path: &Path) -> Result<()> {
    let fail = |what: &str, e: std::io::Error| output_error(path, what, e);
    if path.is_dir() {
        return Err(fail(
            "it is a folder; give a file name for --output",
            std::io::Error::from(std::io::ErrorKind::IsADirectory),
        ));
    }
    let dir = parent(path);
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(fail(
            &format!("{} is not a folder; give an --output path in an existing folder", dir.display()),
            std::io::Error::from(std::io::ErrorKind::NotADirectory),
        )),
        Err(e) => Err(fail(
            &format!(
                "its folder {} cannot be used; create it first, or give another --output",
                dir.display()
            ),
            e,
        )),
    }
}

/// "PATH: cannot write the report: WHAT (what the OS said)", never the temp file's name.
fn output_error(path: &Path, what: &str, e: std::io::Error) -> crate::error::Error {
    crate::error::Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(e.kind(), format!("cannot write the report: {what} ({e})")),
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `contents` to `path` atomically, as [`write_atomic_with`] does.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(contents))
}

/// Writes what `write` writes to `path` atomically: a temporary file in the same
/// folder, then a rename, so a failed run never leaves a half-written file, and an
/// existing file at `path` is either replaced whole or left as it was. The text goes
/// to the file as it is made (buffered), never whole in memory. The new file keeps the
/// old one's permissions; a new file gets the usual ones (0666 less the umask, not
/// the temporary file's 0600).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    check_output(path)?;
    let fail = |what: &str, e: std::io::Error| output_error(path, what, e);
    let dir = parent(path);
    let mut b = tempfile::Builder::new();
    b.prefix(".claimcheck-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        b.permissions(std::fs::Permissions::from_mode(mode));
    }
    let tmp =
        b.tempfile_in(dir).map_err(|e| fail(&format!("cannot create a file in {}", dir.display()), e))?;
    let mut out = BufWriter::new(tmp);
    write(&mut out).and_then(|()| out.flush()).map_err(|e| fail("cannot write it", e))?;
    let tmp = out.into_inner().map_err(|e| fail("cannot write it", e.into_error()))?;
    tmp.as_file().sync_all().map_err(|e| fail("cannot write it", e))?;
    // On failure the temporary file is dropped, which deletes it.
    tmp.persist(path).map_err(|e| fail("cannot replace it", e.error))?;
    Ok(())
}
