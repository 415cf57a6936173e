//! The claims stream (`claims --format jsonl`) and its reduce side (`compare`,
//! `merge`): extraction is a map that any engine can run over shards; comparing
//! needs all claims of one block in one place.
//!
//! One JSON object per line. A document record comes first, then that document's
//! claims:
//!
//! ```text
//! {"type":"document","path":"a.txt","date":"2024-11-08","date_source":"manifest","source":null,"length":2452,"fingerprint":{...}}
//! {"type":"claim","doc_path":"a.txt","block":"date/meet/total/actual","text":"Thursday, November 7","sentence_text":"…",...claim fields...}
//! ```
//!
//! A claim's `block` is its subject key, without the unit for counts and without the
//! event for amounts and measures ([`crate::group::block_of`]): `compare` only ever
//! judges claims of one subject against each other, a count whose unit is implied
//! ("5,171 were canceled") settles on the unit most counts of its block name, and an
//! amount with no event borrows the one its block's agreeing figures name, so claims
//! of different blocks are never compared and any partition of the blocks can be
//! reduced apart. Weekday mismatches are judged per claim. What needs the whole folder — near-duplicate sources, which decide
//! agreement tallies — comes from the document records, which every reducer gets.
//!
//! The folder-wide year prior (`refdate`) needs the whole folder too: a document that
//! only the prior dates was dated in its shard with that shard's prior. Its record
//! carries `year_prior` (the year used, its dateline and date evidence) and its claims
//! carry the year, so a reader settles the prior once from all document records
//! ([`settle`]): a document the folder's prior dates as its shard's did is kept as it
//! is; one it dates otherwise must be extracted again with `claims --year-prior YEAR`
//! and that stream added to the input, whose record and claims then replace the
//! shard's. Until then `compare` refuses the input and names the documents.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value as J;

use crate::app::Outcome;
use crate::dedup::{Fingerprint, Prints, Spool};
use crate::error::{Error, Result};
use crate::load::{Document, Text};
use crate::model::{Claim, DateSource, Status};
use crate::refdate::{self, Pending};

#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Record {
    Document(Box<DocRecord>),
    Claim(Box<ClaimRecord>),
}

#[derive(Serialize, Deserialize)]
struct DocRecord {
    path: String,
    date: Option<NaiveDate>,
    date_source: DateSource,
    source: Option<String>,
    /// Length of the decoded text (claims' spans lie within it).
    length: usize,
    fingerprint: Fingerprint,
    /// Present when only the folder-wide year prior could date the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year_prior: Option<Box<Pending>>,
}

#[derive(Serialize, Deserialize)]
struct ClaimRecord {
    doc_path: String,
    block: String,
    text: String,
    sentence_text: String,
    /// The year prior its document was dated with, when it was (see [`DocRecord`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year_prior: Option<i32>,
    #[serde(flatten)]
    claim: Claim,
}

/// Writes the stream of a run: each document's record, then its claims, written as
/// they are rendered (see [`crate::report::rendered`]).
pub fn write(o: &Outcome, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Claims are in document order: document `i`'s are `claims[ends[i]..ends[i + 1]]`.
    let claims = &o.run.claims;
    let mut ends = vec![0];
    for i in 0..o.run.docs.len() {
        let from = *ends.last().expect("starts at 0");
        ends.push(from + claims[from..].partition_point(|c| c.doc_index() == i));
    }
    let docs: Vec<usize> = (0..o.run.docs.len()).collect();
    let render = |&i: &usize| document(o, i, &claims[ends[i]..ends[i + 1]]).map_err(std::io::Error::other);
    crate::report::rendered(&docs, render, |_, text| out.write_all(&text))
}

/// Document `i`'s lines: its record, then its `claims`.
fn document(o: &Outcome, i: usize, claims: &[Claim]) -> Result<Vec<u8>> {
    let d = &o.run.docs[i];
    let mut out = Vec::new();
    let rec = Record::Document(Box::new(DocRecord {
        path: d.path.clone(),
        date: d.date,
        date_source: d.date_source,
        source: d.source.clone(),
        length: d.text.len(),
        fingerprint: o.prints.get(i)?,
        year_prior: d.year_prior.clone(),
    }));
    push(&mut out, &rec);
    for c in claims {
        let rec = Record::Claim(Box::new(ClaimRecord {
            doc_path: d.path.clone(),
            block: crate::group::block_of(&c.subject),
            text: o.run.claim_text(c).to_string(),
            sentence_text: o.run.sentence(c).to_string(),
            year_prior: d.year_prior.as_ref().and_then(|p| p.year),
            claim: c.clone(),
        }));
        push(&mut out, &rec);
    }
    Ok(out)
}

fn push(out: &mut Vec<u8>, r: &Record) {
    serde_json::to_writer(&mut *out, r).expect("records serialize");
    out.push(b'\n');
}

/// What the reduce side rebuilds from claim files.
pub struct Read {
    /// Documents in path order; their text holds each claim's sentence at its offset
    /// (and spaces elsewhere), so every printer reads it as it reads an article.
    pub docs: Vec<Document>,
    /// Fingerprints, by document.
    pub prints: Prints,
    /// Claims in document order, then position.
    pub claims: Vec<Claim>,
}

/// The folder-wide year prior, settled over claims streams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    /// The prior: the most common year of the documents dated on their own.
    pub year: Option<i32>,
    /// Documents their shard dated with another prior, which this one dates otherwise:
    /// extract them again with `claims --format jsonl --year-prior YEAR` and add that
    /// stream to the reduce's input.
    pub stale: Vec<String>,
}

/// Reads the document records of claims streams (claim lines are skipped unparsed)
/// and settles the folder-wide year prior ([`Settled`]).
pub fn settle(paths: &[PathBuf]) -> Result<Settled> {
    let mut docs: BTreeMap<String, Vec<DocRecord>> = BTreeMap::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|source| Error::Io { path: p.clone(), source })?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with(r#"{"type":"claim""#) {
                continue;
            }
            if let Record::Document(d) = parse(p, n, line)? {
                add_version(&mut docs, *d);
            }
        }
    }
    let (year, chosen) = choose(&docs);
    let stale = docs.keys().zip(&chosen).filter(|(_, c)| c.is_none()).map(|(k, _)| k.clone()).collect();
    Ok(Settled { year, stale })
}

fn parse(p: &std::path::Path, n: usize, line: &str) -> Result<Record> {
    serde_json::from_str(line).map_err(|e| Error::Stream {
        path: p.to_path_buf(),
        line: n + 1,
        message: format!("not a claims-stream record: {e}"),
    })
}

/// Keeps one record per document and year prior (shards repeat records).
fn add_version(docs: &mut BTreeMap<String, Vec<DocRecord>>, d: DocRecord) {
    let v = docs.entry(d.path.clone()).or_default();
    let year = |r: &DocRecord| r.year_prior.as_ref().map(|p| p.year);
    if !v.iter().any(|r| year(r) == year(&d)) {
        v.push(d);
    }
}

/// The folder's year prior and, per document (in path order), the index of the
/// record that holds under it: a record dated on its own, one dated with this very
/// prior, or one this prior dates the same way. `None`: only stale records.
fn choose(docs: &BTreeMap<String, Vec<DocRecord>>) -> (Option<i32>, Vec<Option<usize>>) {
    let own = docs.values().filter_map(|v| v.iter().find(|r| r.year_prior.is_none()));
    let year = refdate::folder_prior(own.filter_map(|r| r.date.map(|d| chrono::Datelike::year(&d))));
    let chosen = docs
        .values()
        .map(|v| {
            let holds = |r: &DocRecord| match &r.year_prior {
                None => true,
                Some(p) => p.year == year || p.date_with(year) == r.date.map(|d| (d, r.date_source)),
            };
            // A record dated with the folder's own prior first, then any that holds.
            v.iter()
                .position(|r| r.year_prior.is_none() || r.year_prior.as_ref().is_some_and(|p| p.year == year))
                .or_else(|| v.iter().position(holds))
        })
        .collect();
    (year, chosen)
}

/// Reads claim files (several shards, in any order; a document record repeated in
/// several files counts once). The folder-wide year prior is settled first
/// ([`settle`]); a document dated otherwise in its shard is an error that names it,
/// unless a stream extracted with that prior (`claims --year-prior`) is among `paths`.
pub fn read(paths: &[PathBuf]) -> Result<Read> {
    let mut versions: BTreeMap<String, Vec<DocRecord>> = BTreeMap::new();
    let mut claims: Vec<ClaimRecord> = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|source| Error::Io { path: p.clone(), source })?;
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            match parse(p, n, line)? {
                Record::Document(d) => add_version(&mut versions, *d),
                Record::Claim(c) => claims.push(*c),
            }
        }
    }
    let (year, chosen) = choose(&versions);
    let stale: Vec<&String> =
        versions.keys().zip(&chosen).filter(|(_, c)| c.is_none()).map(|(k, _)| k).collect();
    if !stale.is_empty() {
        let year_text = year.map_or("none".to_string(), |y| y.to_string());
        let shown: Vec<&str> = stale.iter().take(5).map(|s| s.as_str()).collect();
        return Err(Error::Stream {
            path: paths.first().cloned().unwrap_or_default(),
            line: 0,
            message: format!(
                "{} document(s) were dated in their shard with another year prior than the folder's ({year_text}), \
                 which dates them otherwise: {}{}; extract them again with \
                 `claimcheck claims --format jsonl --year-prior {year_text} FILE...` and add that stream \
                 (`claimcheck prior STREAM...` lists them)",
                stale.len(),
                shown.join(", "),
                if stale.len() > shown.len() { ", …" } else { "" }
            ),
        });
    }
    let docs: BTreeMap<String, DocRecord> = versions
        .into_iter()
        .zip(chosen)
        .map(|((k, mut v), c)| (k, v.swap_remove(c.expect("no stale document left"))))
        .collect();
    // A claim belongs to the chosen record of its document: the same year prior.
    claims.retain(|c| {
        docs.get(&c.doc_path).is_none_or(|d| d.year_prior.as_ref().and_then(|p| p.year) == c.year_prior)
    });
    let index: BTreeMap<&str, usize> = docs.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    // Each document's text is its claims' spans and sentences at their offsets (a span
    // first, so that its sentence is written over it); a piece whose text does not
    // fit its recorded length stays blank (spaces), as a claim with no text.
    let mut pieces: Vec<Vec<(usize, String)>> = vec![Vec::new(); docs.len()];
    let lengths: Vec<usize> = docs.values().map(|d| d.length).collect();
    let mut out = Vec::with_capacity(claims.len());
    for r in &claims {
        let &i = index.get(r.doc_path.as_str()).ok_or_else(|| Error::Stream {
            path: paths.first().cloned().unwrap_or_default(),
            line: 0,
            message: format!("a claim names document {} but no file has its record", r.doc_path),
        })?;
        for (range, t) in [(r.claim.text_range(), &r.text), (r.claim.sentence_range(), &r.sentence_text)] {
            let (a, b) = (range.start, range.end);
            if a <= b && b <= lengths[i] {
                pieces[i].push((a, if b - a == t.len() { t.clone() } else { " ".repeat(b - a) }));
            }
        }
        let mut c = r.claim.clone();
        c.doc = crate::model::doc_number(i);
        out.push(c);
    }
    out.sort_by_key(|c| (c.doc, c.start, c.end));
    out.dedup_by(|a, b| a.id == b.id);
    let spool = Spool::new();
    let mut prints = Vec::with_capacity(docs.len());
    let docs = docs
        .into_values()
        .zip(pieces)
        .map(|(d, p)| {
            prints.push(spool.keep(d.fingerprint));
            Document {
                path: d.path,
                text: Text::from_pieces(d.length, p),
                body_start: 0,
                offsets: Default::default(),
                date: d.date,
                date_source: d.date_source,
                source: d.source,
                dateline: None,
                year_prior: d.year_prior,
            }
        })
        .collect();
    Ok(Read { docs, prints: spool.finish(prints), claims: out })
}

/// Merges v1 reports of disjoint block sets into one, as one `check` would have
/// written it: documents by path, claims by document and position, findings in the
/// report order (severity, status, subject, first claim, id).
pub fn merge(paths: &[PathBuf]) -> Result<String> {
    let mut docs: BTreeMap<String, J> = BTreeMap::new();
    let mut claims: BTreeMap<String, J> = BTreeMap::new();
    let mut findings: BTreeMap<String, J> = BTreeMap::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|source| Error::Io { path: p.clone(), source })?;
        let bad = |m: &str| Error::Stream { path: p.clone(), line: 1, message: m.to_string() };
        let r: J = serde_json::from_str(&text).map_err(|e| bad(&format!("not a JSON report: {e}")))?;
        if r["schema"] != crate::report::json::SCHEMA {
            return Err(bad("not a claimcheck/report/v1 document"));
        }
        let items = |k: &str| r[k].as_array().cloned().unwrap_or_default();
        for d in items("documents") {
            docs.entry(d["path"].as_str().unwrap_or_default().to_string()).or_insert(d);
        }
        for c in items("claims") {
            claims.entry(c["id"].as_str().unwrap_or_default().to_string()).or_insert(c);
        }
        for f in items("findings") {
            findings.entry(f["id"].as_str().unwrap_or_default().to_string()).or_insert(f);
        }
    }
    let doc_index: BTreeMap<&str, usize> = docs.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let pos = |c: &J| {
        (
            doc_index.get(c["doc"].as_str().unwrap_or_default()).copied().unwrap_or(usize::MAX),
            c["start"].as_u64().unwrap_or(0),
            c["end"].as_u64().unwrap_or(0),
        )
    };
    let mut claim_list: Vec<&J> = claims.values().collect();
    claim_list.sort_by_key(|c| pos(c));
    let severity = |f: &J| match f["severity"].as_str() {
        Some("error") => 0,
        Some("warning") => 1,
        _ => 2,
    };
    let status = |f: &J| f["status"].as_str().and_then(Status::parse).map_or(usize::MAX, |s| s as usize);
    let first = |f: &J| {
        f["claims"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|id| claims.get(id.as_str()?))
            .map(|c| (pos(c).0, pos(c).1))
            .min()
    };
    let mut finding_list: Vec<&J> = findings.values().collect();
    finding_list.sort_by(|a, b| {
        severity(a)
            .cmp(&severity(b))
            .then(status(a).cmp(&status(b)))
            .then(a["subject"].as_str().cmp(&b["subject"].as_str()))
            .then(first(a).cmp(&first(b)))
            .then(a["id"].as_str().cmp(&b["id"].as_str()))
    });
    let report = serde_json::json!({
        "schema": crate::report::json::SCHEMA,
        "documents": docs.values().collect::<Vec<_>>(),
        "claims": claim_list,
        "findings": finding_list,
    });
    let mut s = serde_json::to_string_pretty(&report).expect("JSON values serialize");
    s.push('\n');
    Ok(s)
}
