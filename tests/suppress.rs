//! Inline suppression: `claimcheck-ignore` markers in articles (`tests/fixtures/suppress`:
//! a plain-text marker in a.txt that silences nothing, an HTML comment in b.md and
//! one in c.html, each before a figure that conflicts with a.txt's).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/suppress";

fn claimcheck() -> Command {
    let mut c = Command::cargo_bin("claimcheck").expect("binary built");
    c.env("NO_COLOR", "1");
    c
}

fn copy_fixture() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dst = tmp.path().join("suppress");
    std::fs::create_dir(&dst).unwrap();
    for e in std::fs::read_dir(FIXTURE).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dst.join(p.file_name().unwrap())).unwrap();
    }
    (tmp, dst)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// `check PATH --format json`: (exit code, report, stderr).
fn check(path: &Path, extra: &[&str]) -> (i32, Value, String) {
    let out = claimcheck().arg("check").arg(path).args(["--format", "json"]).args(extra).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stderr}"));
    (out.status.code().unwrap(), report, stderr)
}

fn texts(report: &Value) -> Vec<String> {
    report["claims"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect()
}

fn conflicts(report: &Value) -> usize {
    report["findings"].as_array().unwrap().iter().filter(|f| f["status"] == "conflict").count()
}

#[test]
fn markers_drop_the_next_lines_claims() {
    let (code, report, err) = check(Path::new(FIXTURE), &[]);
    assert_eq!(code, 0, "500 (b.md) and 600 (c.html) are suppressed: {err}");
    assert_eq!(conflicts(&report), 0);
    let t = texts(&report);
    assert!(t.contains(&"400".to_string()), "{t:?}");
    for gone in ["500", "600", "100"] {
        assert!(
            !t.iter().any(|x| x == gone),
            "{gone} should be suppressed (100 sits in b.md's marker): {t:?}"
        );
    }
    // Without the markers the same articles conflict: the markers did it.
    let (_tmp, dir) = copy_fixture();
    for f in ["a.txt", "b.md", "c.html"] {
        let p = dir.join(f);
        let text = std::fs::read_to_string(&p).unwrap();
        let kept: Vec<&str> = text.lines().filter(|l| !l.contains("claimcheck-ignore")).collect();
        std::fs::write(&p, kept.join("\n") + "\n").unwrap();
    }
    let (code, report, _) = check(&dir, &[]);
    assert_eq!(code, 1);
    assert_eq!(conflicts(&report), 2, "400 vs 500 and 500 vs 600: neighbours in value order");
    // `claims` lists what check judges: the suppressed claims are not there either.
    let out = claimcheck().args(["claims", FIXTURE]).output().unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(listing.contains("\t400\t") && !listing.contains("\t500\t"), "{listing}");
}

#[test]
fn an_unused_marker_is_a_warning() {
    let (code, _, err) = check(Path::new(FIXTURE), &[]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: tests/fixtures/suppress/a.txt:2:1: unused claimcheck-ignore (line 3 has no claim to suppress)"),
        "{err}"
    );
    assert_eq!(
        err.matches("unused claimcheck-ignore").count(),
        1,
        "the used markers are not reported: {err}"
    );
    let (_, _, err) = check(Path::new(FIXTURE), &["--quiet"]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn a_marker_without_a_reason_is_an_error() {
    let cases = [
        (
            "b.md",
            "<!-- claimcheck-ignore: the ministry's count includes 100 support staff -->",
            "<!-- claimcheck-ignore -->",
            ":3:1: `claimcheck-ignore` needs a reason",
        ),
        (
            "c.html",
            "claimcheck-ignore: an early draft figure, corrected in print",
            "claimcheck-ignore:",
            ":3:1: `claimcheck-ignore` needs a reason after the colon",
        ),
        (
            "a.txt",
            "claimcheck-ignore: a section heading, no figure to silence",
            "  claimcheck-ignore",
            ":2:3: `claimcheck-ignore` needs a reason",
        ),
    ];
    for (file, from, to, want) in cases {
        let (_tmp, dir) = copy_fixture();
        edit(&dir.join(file), from, to);
        let out = claimcheck().arg("check").arg(&dir).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(out.stdout.is_empty(), "no report when a marker is wrong");
        let err = String::from_utf8(out.stderr).unwrap();
        let want = format!("{}{want}", dir.join(file).display());
        assert!(err.contains(&want), "{want:?} not in {err}");
    }
}
