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
//! A claim's `block` is its subject key, without the unit for counts
//! ([`crate::group::block_of`]): `compare` only ever judges claims of one subject
//! against each other, and a count whose unit is implied ("5,171 were canceled")
//! settles on the unit most counts of its block name, so claims of different blocks
//! are never compared and any partition of the blocks can be reduced apart. Weekday mismatches are judged
//! per claim. What needs the whole folder — near-duplicate sources, which decide
//! agreement tallies — comes from the document records, which every reducer gets.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value as J;

use crate::app::Outcome;
use crate::dedup::Fingerprint;
use crate::error::{Error, Result};
use crate::load::Document;
use crate::model::{Claim, DateSource, Status};

#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Record {
    Document(DocRecord),
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
}

#[derive(Serialize, Deserialize)]
struct ClaimRecord {
    doc_path: String,
    block: String,
    text: String,
    sentence_text: String,
    #[serde(flatten)]
    claim: Claim,
}

/// The stream of a run: each document's record, then its claims.
pub fn render(o: &Outcome) -> String {
    let mut out = String::new();
    let mut claims = o.run.claims.iter().peekable();
    for (i, d) in o.run.docs.iter().enumerate() {
        let rec = Record::Document(DocRecord {
            path: d.path.clone(),
            date: d.date,
            date_source: d.date_source,
            source: d.source.clone(),
            length: d.text.len(),
            fingerprint: o.prints[i].clone(),
        });
        push(&mut out, &rec);
        while let Some(c) = claims.next_if(|c| c.doc == i) {
            let rec = Record::Claim(Box::new(ClaimRecord {
                doc_path: d.path.clone(),
                block: crate::group::block_of(&c.subject),
                text: o.run.claim_text(c).to_string(),
                sentence_text: o.run.sentence(c).to_string(),
                claim: c.clone(),
            }));
            push(&mut out, &rec);
        }
    }
    out
}

fn push(out: &mut String, r: &Record) {
    out.push_str(&serde_json::to_string(r).expect("records serialize"));
    out.push('\n');
}

/// What the reduce side rebuilds from claim files.
pub struct Read {
    /// Documents in path order; their text holds each claim's sentence at its offset
    /// (and spaces elsewhere), so every printer reads it as it reads an article.
    pub docs: Vec<Document>,
    /// Fingerprints, by document.
    pub prints: Vec<Fingerprint>,
    /// Claims in document order, then position.
    pub claims: Vec<Claim>,
}

/// Reads claim files (several shards, in any order; a document record repeated in
/// several files counts once).
pub fn read(paths: &[PathBuf]) -> Result<Read> {
    let mut docs: BTreeMap<String, DocRecord> = BTreeMap::new();
    let mut claims: Vec<ClaimRecord> = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|source| Error::Io { path: p.clone(), source })?;
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let rec: Record = serde_json::from_str(line).map_err(|e| Error::Stream {
                path: p.clone(),
                line: n + 1,
                message: format!("not a claims-stream record: {e}"),
            })?;
            match rec {
                Record::Document(d) => {
                    docs.entry(d.path.clone()).or_insert(d);
                }
                Record::Claim(c) => claims.push(*c),
            }
        }
    }
    let index: BTreeMap<&str, usize> = docs.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let mut texts: Vec<Vec<u8>> = docs.values().map(|d| vec![b' '; d.length]).collect();
    let mut out = Vec::with_capacity(claims.len());
    for r in &claims {
        let &i = index.get(r.doc_path.as_str()).ok_or_else(|| Error::Stream {
            path: paths.first().cloned().unwrap_or_default(),
            line: 0,
            message: format!("a claim names document {} but no file has its record", r.doc_path),
        })?;
        let (a, b) = r.claim.sentence;
        if b <= texts[i].len() && b - a == r.sentence_text.len() {
            texts[i][a..b].copy_from_slice(r.sentence_text.as_bytes());
        }
        let mut c = r.claim.clone();
        c.doc = i;
        out.push(c);
    }
    out.sort_by_key(|c| (c.doc, c.start, c.end));
    out.dedup_by(|a, b| a.id == b.id);
    let mut prints = Vec::with_capacity(docs.len());
    let docs = docs
        .into_values()
        .zip(texts)
        .map(|(d, t)| {
            prints.push(d.fingerprint);
            Document {
                path: d.path,
                text: String::from_utf8(t)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
                body_start: 0,
                offsets: Default::default(),
                date: d.date,
                date_source: d.date_source,
                source: d.source,
                dateline: None,
            }
        })
        .collect();
    Ok(Read { docs, prints, claims: out })
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
