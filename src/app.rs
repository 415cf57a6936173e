//! The pipeline end to end, as the CLI runs it: load → extract → (reference dates)
//! → normalize → group → compare. Per-document stages run in parallel; results are
//! collected in document order, so output does not depend on the thread count.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::compare::{DocView, compare};
use crate::error::Result;
use crate::extract::{self, Sentence};
use crate::load::{self, Issue, Manifest};
use crate::report::Run;
use crate::rules::{PROJECT_RULES, Rules};
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
}

/// A finished run and what load had to say.
pub struct Outcome {
    /// The run.
    pub run: Run,
    /// Warnings and per-file errors.
    pub issues: Vec<Issue>,
    /// The rules used.
    pub rules: Rules,
}

/// The project rules file for `paths`: `--rules`, else the first folder's rules.toml.
pub fn project_rules(opts: &Options) -> Option<PathBuf> {
    opts.rules.clone().or_else(|| {
        opts.paths.iter().filter(|p| p.is_dir()).map(|p| p.join(PROJECT_RULES)).find(|p| p.is_file())
    })
}

/// Runs the pipeline.
pub fn run(opts: &Options) -> Result<Outcome> {
    let rules = Rules::load(project_rules(opts).as_deref())?;
    let manifest = opts.sources.as_deref().map(Manifest::read).transpose()?;
    let loaded = load::load(&opts.paths, manifest.as_ref())?;
    let run = pipeline(loaded.docs, &rules, opts.claims_only);
    Ok(Outcome { run, issues: loaded.issues, rules })
}

/// Everything after load, on documents in their final order: extract, reference
/// dates, normalize and, unless `claims_only`, group and compare. No I/O.
pub fn pipeline(mut docs: Vec<load::Document>, rules: &Rules, claims_only: bool) -> Run {
    let masked: Vec<String> = docs.par_iter().map(|d| extract::masked(d, rules)).collect();
    let sentences: Vec<Vec<Sentence>> = masked.par_iter().map(|m| extract::extract(m, rules)).collect();
    let evidence: Vec<refdate::Evidence> = sentences.par_iter().map(|s| refdate::evidence(s)).collect();
    refdate::infer_all(&mut docs, &evidence);

    let per_doc: Vec<Vec<crate::model::Claim>> = docs
        .par_iter()
        .zip(sentences.par_iter())
        .enumerate()
        .map(|(i, (d, s))| normalize::normalize(i, d, s, rules))
        .collect();
    let claims: Vec<_> = per_doc.into_iter().flatten().collect();

    let findings = if claims_only {
        Vec::new()
    } else {
        let sigs: Vec<Vec<u64>> = docs.par_iter().map(|d| dedup::signature(&d.text)).collect();
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        let sources = dedup::sources(&texts, &sigs);
        let views: Vec<DocView> = docs
            .iter()
            .zip(&sources)
            .map(|(d, &s)| DocView { path: &d.path, text: &d.text, source: s })
            .collect();
        let groups = group::group(&claims);
        compare(&claims, &groups, &views, rules)
    };
    Run { docs, claims, findings }
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

/// Writes `contents` to `path` atomically: a temporary file in the same folder,
/// then a rename, so a failed run never leaves a half-written file, and an existing
/// file at `path` is either replaced whole or left as it was. The new file keeps the
/// old one's permissions; a new file gets the usual ones (0666 less the umask, not
/// the temporary file's 0600).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write;
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
    let mut tmp =
        b.tempfile_in(dir).map_err(|e| fail(&format!("cannot create a file in {}", dir.display()), e))?;
    tmp.write_all(contents).map_err(|e| fail("cannot write it", e))?;
    tmp.flush().map_err(|e| fail("cannot write it", e))?;
    tmp.as_file().sync_all().map_err(|e| fail("cannot write it", e))?;
    // On failure the temporary file is dropped, which deletes it.
    tmp.persist(path).map_err(|e| fail("cannot replace it", e.error))?;
    Ok(())
}
