//! The pipeline end to end, as the CLI runs it: load → extract → (reference dates)
//! → normalize → group → compare. Per-document stages run in parallel; results are
//! collected in document order, so output does not depend on the thread count.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::compare::{DocView, compare};
use crate::dedup::Fingerprint;
use crate::error::Result;
use crate::extract::{self, Sentence};
use crate::load::Document;
use crate::load::{self, Issue, Manifest};
use crate::model::{Claim, Finding};
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
    /// Each document's near-duplicate fingerprint (for the claims stream).
    pub prints: Vec<Fingerprint>,
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
    let mut docs = loaded.docs;

    let masked: Vec<String> = docs.par_iter().map(|d| extract::masked(d, &rules)).collect();
    let sentences: Vec<Vec<Sentence>> = masked.par_iter().map(|m| extract::extract(m, &rules)).collect();
    let evidence: Vec<refdate::Evidence> = sentences.par_iter().map(|s| refdate::evidence(s)).collect();
    refdate::infer_all(&mut docs, &evidence);

    let per_doc: Vec<Vec<Claim>> = docs
        .par_iter()
        .zip(sentences.par_iter())
        .enumerate()
        .map(|(i, (d, s))| normalize::normalize(i, d, s, &rules))
        .collect();
    let claims: Vec<_> = per_doc.into_iter().flatten().collect();

    let prints: Vec<Fingerprint> = docs.par_iter().map(|d| dedup::fingerprint(&d.text)).collect();
    let findings = if opts.claims_only { Vec::new() } else { judge(&docs, &prints, &claims, &rules) };
    Ok(Outcome { run: Run { docs, claims, findings }, prints, issues: loaded.issues, rules })
}

/// Groups and compares claims (the reduce step): near-duplicate sources from the
/// documents' fingerprints, then findings.
pub fn judge(docs: &[Document], prints: &[Fingerprint], claims: &[Claim], rules: &Rules) -> Vec<Finding> {
    let sources = dedup::sources(&prints.iter().collect::<Vec<_>>());
    let views: Vec<DocView> = docs
        .iter()
        .zip(&sources)
        .map(|(d, &s)| DocView { path: &d.path, text: &d.text, source: s })
        .collect();
    let groups = group::group(claims);
    compare(claims, &groups, &views, rules)
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder,
/// then a rename, so a failed run never leaves a half-written file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write;
    let io = |source| crate::error::Error::Io { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(contents).map_err(io)?;
    tmp.flush().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
