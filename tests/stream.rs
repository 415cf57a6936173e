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

/// A corpus whose undated articles only the folder-wide year prior dates, in 4 runs of
/// 6 files: 4 dated articles then 2 undated ones (a dateline without a year, no year
/// in the text). The dated ones are of 2023, 2024, 2024 and 2025 by run, so the folder's
/// prior is 2024 while contiguous shards see 2023 and 2025.
fn generated_with_priors(dir: &Path) {
    for i in 0..24 {
        let (run, k) = (i / 6, i % 6);
        let day = 3 + k;
        let toll = [93, 96, 93, 101][run];
        let text = if k < 4 {
            let year = [2023, 2024, 2024, 2025][run];
            format!(
                "NAIROBI, Kenya, March {day}, {year} – Officials said {toll} people were killed in the floods \
                 that began on March 1, {year}.\nThe county said about 400 homes were destroyed in June last year.\n"
            )
        } else {
            format!(
                "MOMBASA, Kenya, March {day} – Officials said {toll} people were killed in the floods that \
                 began on March 1.\nThe county said about 400 homes were destroyed in June last year.\n\
                 Rescuers deployed 12 more boats on Tuesday.\n"
            )
        };
        std::fs::write(dir.join(format!("b{i:03}.txt")), text).unwrap();
    }
}

/// How the test splits the files into 4 shards.
#[derive(Clone, Copy)]
enum Shards {
    RoundRobin,
    Contiguous,
}

/// `check --format json` over `dir` against: 4 shards through `claims --format jsonl`,
/// the year prior settled over them (`prior`) and the documents it dates otherwise
/// extracted again with it (`claims --year-prior`), blocks split 4 ways, each
/// `compare`d, then `merge`d. Returns how many documents were extracted again.
fn assert_shards_equal_check(dir: &Path) -> usize {
    assert_sharded_equal_check(dir, Shards::RoundRobin)
}

fn assert_sharded_equal_check(dir: &Path, how: Shards) -> usize {
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
    let mut streams: Vec<String> = Vec::new();
    let per = files.len().div_ceil(4).max(1);
    for k in 0..4 {
        let shard: Vec<&str> = match how {
            Shards::RoundRobin => files.iter().skip(k).step_by(4).map(|p| p.to_str().unwrap()).collect(),
            Shards::Contiguous => files.iter().skip(k * per).take(per).map(|p| p.to_str().unwrap()).collect(),
        };
        if shard.is_empty() {
            continue;
        }
        let mut args = vec!["claims", "--format", "jsonl"];
        args.extend(&extra);
        args.extend(&shard);
        let out = run(&args);
        let f = work.path().join(format!("shard{k}.jsonl"));
        std::fs::write(&f, &out).unwrap();
        streams.push(f.to_str().unwrap().to_string());
        lines.extend(String::from_utf8(out).unwrap().lines().map(String::from));
    }
    // Settle the year prior over every shard; extract what it dates otherwise again.
    let mut args = vec!["prior"];
    args.extend(streams.iter().map(String::as_str));
    let settled = String::from_utf8(run(&args)).unwrap();
    let mut settled = settled.lines();
    let year = settled.next().expect("the prior's line").to_string();
    let stale: Vec<&str> = settled.collect();
    if !stale.is_empty() {
        let mut args = vec!["claims", "--format", "jsonl", "--year-prior", year.as_str()];
        args.extend(&extra);
        args.extend(&stale);
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
    stale.len()
}

#[test]
fn shards_and_partitions_equal_one_check_on_a_generated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    generated(dir.path());
    assert_shards_equal_check(dir.path());
}

#[test]
fn shards_with_other_year_majorities_equal_one_check_once_the_prior_is_settled() {
    let dir = tempfile::tempdir().unwrap();
    generated_with_priors(dir.path());
    // Contiguous shards: two of them see another majority year than the folder.
    let again = assert_sharded_equal_check(dir.path(), Shards::Contiguous);
    assert_eq!(again, 4, "the undated articles of the 2023 and the 2025 shard");
    assert_eq!(assert_sharded_equal_check(dir.path(), Shards::RoundRobin), 0);

    // Without the second extraction, compare refuses and says what to do.
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_string())
        .collect();
    files.sort();
    let (first, others) = files.split_at(6);
    let stream = |files: &[String]| {
        let mut args = vec!["claims", "--format", "jsonl"];
        args.extend(files.iter().map(String::as_str));
        run(&args)
    };
    let (shard, rest) = (stream(first), stream(others));
    let work = tempfile::tempdir().unwrap();
    let (a, b) = (work.path().join("a.jsonl"), work.path().join("b.jsonl"));
    std::fs::write(&a, shard).unwrap();
    std::fs::write(&b, rest).unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .args(["compare", a.to_str().unwrap(), b.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("b004.txt") && err.contains("--year-prior 2024"), "{err}");
}

/// The release binary must read back the floats it wrote: serde_json's
/// `float_roundtrip` is on in `[dependencies]` itself (a dev-dependency turns it on
/// for `cargo test`, which would hide its absence from every other test here).
#[test]
fn floats_round_trip_in_the_shipped_binary_too() {
    let manifest: toml::Table = std::fs::read_to_string("Cargo.toml").unwrap().parse().unwrap();
    let features = &manifest["dependencies"]["serde_json"]["features"];
    assert!(features.as_array().is_some_and(|f| f.iter().any(|x| x.as_str() == Some("float_roundtrip"))));
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
