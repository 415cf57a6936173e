//! Micro-benchmarks of the two halves of the pipeline:
//!
//! - `extract_normalize`: load-free extraction and normalization of news text,
//!   `Throughput::Bytes` (criterion prints MiB/s).
//! - `judge`: grouping and comparing (`app::judge`, the reduce step) on about 100,000
//!   claims read back from a generated claims stream with `stream::read`,
//!   `Throughput::Elements` (claims/s).
//!
//! Input: the BBC corpus at `../shared/bench/corpus-bbc/bbc` (or `$CLAIMCHECK_BENCH_BBC`),
//! read in place, never copied into the repository; without it, a generated news-like
//! text of the same size. Run: `cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 3`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use claimcheck::app::{self, Options};
use claimcheck::extract;
use claimcheck::load::Document;
use claimcheck::normalize::normalize;
use claimcheck::rules::Rules;

/// Articles of the BBC corpus as (topic, name, text), in path order.
fn bbc() -> Vec<(String, String, String)> {
    let root = std::env::var_os("CLAIMCHECK_BENCH_BBC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/corpus-bbc/bbc"));
    let mut out = Vec::new();
    let Ok(topics) = std::fs::read_dir(&root) else { return out };
    let mut topics: Vec<PathBuf> =
        topics.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.is_dir()).collect();
    topics.sort();
    for t in topics {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&t)
            .into_iter()
            .flatten()
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        for n in names {
            if let Ok(bytes) = std::fs::read(&n) {
                let topic = t.file_name().unwrap().to_string_lossy().into_owned();
                let name = n.file_name().unwrap().to_string_lossy().into_owned();
                out.push((topic, name, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    out
}

/// Without the BBC corpus: 2,000 short generated articles with figures and dates.
fn generated() -> Vec<(String, String, String)> {
    let places = ["Nairobi", "Mombasa", "Kisumu", "Nakuru"];
    (0..2000)
        .map(|i| {
            let text = format!(
                "Floods in {p}\n\n{P}, Kenya, March {d}, 2024 – Officials said {t} people were killed in the floods.\n\
                 The county said about {h} homes were destroyed in {p}, and £{m}m was pledged.\n\
                 Rescuers deployed {b} more boats on Thursday, March {d}; rainfall rose {r}% in a week.\n",
                p = places[i % 4],
                P = places[i % 4].to_uppercase(),
                d = 1 + i % 27,
                t = 90 + i % 17,
                h = 400 + (i % 3) * 100,
                m = 2 + i % 9,
                b = 10 + i % 4,
                r = 20 + i % 30,
            );
            (format!("t{}", i % 5), format!("{i:04}.txt"), text)
        })
        .collect()
}

fn corpus() -> Vec<(String, String, String)> {
    let b = bbc();
    if b.is_empty() { generated() } else { b }
}

fn document(path: String, text: String) -> Document {
    Document::from_text(path, text, NaiveDate::from_ymd_opt(2024, 11, 8))
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// About one figure in five changed by a few per cent (years kept), as
/// bench/gen_corpus.py does for its copies: grouping and comparing get real work.
fn perturb(text: &str, rng: &mut Rng) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.' || b[i - 1] == b',');
        if b[i].is_ascii_digit() && boundary {
            let j = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let isolated = j == b.len() || !(b[j].is_ascii_alphanumeric() || b[j] == b'.' || b[j] == b',');
            let v: u64 = text[i..j].parse().unwrap_or(0);
            if isolated && j - i <= 9 && !(1900..=2100).contains(&v) && rng.next() % 5 == 0 {
                let f = [80, 90, 110, 125][(rng.next() % 4) as usize];
                let v2 = if v > 9 { (v * f / 100).max(1) } else { v + 1 };
                out.push_str(&v2.to_string());
            } else {
                out.push_str(&text[i..j]);
            }
            i = j;
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn extract_normalize(c: &mut Criterion) {
    let rules = Rules::defaults();
    // About 1 MB of articles, whole articles in path order.
    let mut docs = Vec::new();
    let mut bytes = 0;
    for (t, n, text) in corpus() {
        if bytes >= 1_000_000 {
            break;
        }
        bytes += text.len();
        docs.push(document(format!("{t}/{n}"), text));
    }
    let mut g = c.benchmark_group("extract_normalize");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(BenchmarkId::new("articles", docs.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            for (i, d) in docs.iter().enumerate() {
                let masked = extract::masked(d, &rules);
                let sents = extract::extract(&masked, &rules);
                n += normalize(i, d, &sents, &rules).len();
            }
            std::hint::black_box(n)
        })
    });
    g.finish();
}

/// Copies of the corpus (figures perturbed) until about `target` claims, through
/// `claims --format jsonl` (as a library call) into a file, read back.
fn claims_stream(target: usize, dir: &Path) -> claimcheck::stream::Read {
    let arts = corpus();
    let mut rng = Rng(20261201);
    let mut copy = 0;
    let stream = dir.join("claims.jsonl");
    let mut text = Vec::new();
    let mut claims = 0;
    while claims < target {
        let folder = dir.join(format!("copy-{copy:03}"));
        for (t, n, body) in &arts {
            let d = folder.join(t);
            std::fs::create_dir_all(&d).unwrap();
            let body = if copy == 0 { body.clone() } else { perturb(body, &mut rng) };
            std::fs::write(d.join(n), body).unwrap();
        }
        let opts = Options { paths: vec![folder], claims_only: true, ..Default::default() };
        let o = app::run(&opts).unwrap();
        claims += o.run.claims.len();
        claimcheck::stream::write(&o, &mut text).unwrap();
        copy += 1;
    }
    std::fs::write(&stream, text).unwrap();
    claimcheck::stream::read(&[stream]).unwrap()
}

fn judge(c: &mut Criterion) {
    let rules = Rules::defaults();
    let dir = tempfile::tempdir().unwrap();
    let target =
        std::env::var("CLAIMCHECK_BENCH_CLAIMS").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let read = claims_stream(target, dir.path());
    let mut g = c.benchmark_group("judge");
    g.sample_size(10);
    g.throughput(Throughput::Elements(read.claims.len() as u64));
    g.bench_function(BenchmarkId::new("claims", read.claims.len()), |b| {
        b.iter(|| {
            std::hint::black_box(app::judge(&read.docs, &read.prints, &read.claims, &rules).unwrap().len())
        })
    });
    g.finish();
}

criterion_group!(benches, extract_normalize, judge);
criterion_main!(benches);
