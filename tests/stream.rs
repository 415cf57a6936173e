//! The claims stream: shards extracted apart, blocks compared apart and merged, give
//! the report of one `check`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("claimcheck").unwrap().args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// A corpus with conflicts, agreements and timelines across 120 articles.
fn generated(dir: &Path) {
    let places = ["Nairobi", "Mombasa", "Kisumu", "Nakuru"];
    for i in 0..120 {
        let day = 1 + i % 27;
        let toll = [93, 96, 93, 101, 106][i % 5];
        let place = places[i % 4];
        let text = format!(
            "{}, Kenya, March {day}, 2024 – Officials said {toll} people were killed in the floods.\n\
             The county said about {} homes were destroyed in {place}.\n\
             Rescuers deployed {} more boats on Thursday, March {}.\n",
            place.to_uppercase(),
            400 + (i % 3) * 100,
            10 + i % 4,
            day.min(28)
        );
        std::fs::write(dir.join(format!("a{i:03}.txt")), text).unwrap();
    }
}

/// `check --format json` over `dir` against: 4 shards through `claims --format jsonl`,
/// blocks split 4 ways, each `compare`d, then `merge`d.
fn assert_shards_equal_check(dir: &Path) {
    let d = dir.to_str().unwrap();
    let mut extra: Vec<String> = Vec::new();
    for (flag, name) in [("--sources", "sources.toml"), ("--rules", "rules.toml")] {
        if dir.join(name).is_file() {
            extra.extend([flag.to_string(), dir.join(name).to_str().unwrap().to_string()]);
        }
    }
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let mut check_args = vec!["check", d, "--format", "json"];
    check_args.extend(extra.iter().filter(|a| **a != "--sources" && !a.ends_with("sources.toml")));
    let whole = run(&check_args);

    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let work = tempfile::tempdir().unwrap();
    let mut lines: Vec<String> = Vec::new();
    for k in 0..4 {
        let shard: Vec<&str> = files.iter().skip(k).step_by(4).map(|p| p.to_str().unwrap()).collect();
        if shard.is_empty() {
            continue;
        }
        let mut args = vec!["claims", "--format", "jsonl"];
        args.extend(&extra);
        args.extend(&shard);
        lines.extend(String::from_utf8(run(&args)).unwrap().lines().map(String::from));
    }
    // Partition claims by block; every partition gets every document record.
    let mut parts: Vec<String> = vec![String::new(); 4];
    for l in &lines {
        let v: Value = serde_json::from_str(l).unwrap();
        if v["type"] == "document" {
            parts.iter_mut().for_each(|p| p.push_str(&format!("{l}\n")));
        } else {
            let block = v["block"].as_str().unwrap();
            let h = block.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
            parts[(h % 4) as usize].push_str(&format!("{l}\n"));
        }
    }
    let mut reports = Vec::new();
    for (k, p) in parts.iter().enumerate() {
        let f = work.path().join(format!("part{k}.jsonl"));
        std::fs::write(&f, p).unwrap();
        let mut args = vec!["compare", f.to_str().unwrap(), "--format", "json"];
        args.extend(extra.iter().filter(|a| **a != "--sources" && !a.ends_with("sources.toml")));
        let r = work.path().join(format!("part{k}.json"));
        std::fs::write(&r, run(&args)).unwrap();
        reports.push(r);
    }
    let mut args = vec!["merge"];
    args.extend(reports.iter().map(|r| r.to_str().unwrap()));
    let merged = String::from_utf8(run(&args)).unwrap();
    let whole = String::from_utf8(whole).unwrap();
    if merged != whole {
        let (m, w): (Vec<&str>, Vec<&str>) = (merged.lines().collect(), whole.lines().collect());
        let at = m.iter().zip(&w).position(|(a, b)| a != b).unwrap_or(m.len().min(w.len()));
        panic!(
            "{d}: merged report differs from check at line {at}:\n  merged: {:?}\n  check:  {:?}",
            m.get(at),
            w.get(at)
        );
    }
}

#[test]
fn shards_and_partitions_equal_one_check_on_a_generated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    generated(dir.path());
    assert_shards_equal_check(dir.path());
}

#[test]
fn shards_and_partitions_equal_one_check_on_the_fixtures_and_seeds() {
    for name in ["contingent-size", "rounding", "timeline", "compatible", "two-bodies"] {
        assert_shards_equal_check(&Path::new("tests/fixtures").join(name));
    }
    assert_shards_equal_check(Path::new("seeds"));
}

#[test]
fn a_stream_line_that_is_not_a_record_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.jsonl");
    std::fs::write(&f, "{\"type\":\"document\"}\n").unwrap();
    let out =
        Command::cargo_bin("claimcheck").unwrap().args(["compare", f.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl:1:"));
}
