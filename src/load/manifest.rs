//! `sources.toml`: what is known of each article (date, outlet, URL).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{Error, Problem, Result};

/// The manifest's file name, looked for in each folder given on the command line.
pub const SOURCES_FILE: &str = "sources.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    source: Vec<toml::Spanned<Entry>>,
}

/// One `[[source]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Path relative to the manifest.
    pub file: String,
    /// Publication date, ISO (a time after the date is ignored).
    #[serde(default, deserialize_with = "iso_date")]
    pub date: Option<NaiveDate>,
    /// The outlet.
    pub outlet: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
}

fn iso_date<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<NaiveDate>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    s.map(|s| {
        let head = s.get(..10).unwrap_or(&s);
        NaiveDate::parse_from_str(head, "%Y-%m-%d")
            .map_err(|_| serde::de::Error::custom(format!("`{s}` is not an ISO date (YYYY-MM-DD)")))
    })
    .transpose()
}

/// A parsed manifest.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    entries: Vec<(PathBuf, Entry)>,
}

impl Manifest {
    /// Reads and parses `path`; entries resolve relative to its folder.
    pub fn read(path: &Path) -> Result<Manifest> {
        let text =
            std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        let f: File = toml::from_str(&text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            Error::Config(vec![Problem::at(path, &text, at, e.message().trim().to_string())])
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let entries = f
            .source
            .into_iter()
            .map(|e| {
                let e = e.into_inner();
                (canonical(&dir.join(&e.file)), e)
            })
            .collect();
        Ok(Manifest { entries })
    }

    /// The entry for an article at `path`, if the manifest names it.
    pub fn entry_for(&self, path: &Path) -> Option<&Entry> {
        let p = canonical(path);
        self.entries.iter().find(|(k, _)| *k == p).map(|(_, e)| e)
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}
