//! The editor review workflow: `claimcheck review` driven by a stdin script, the
//! review file it writes, and how `check` (every format) reads it back. Each test
//! works on a copy of `tests/fixtures/review-desk` (two conflicts and a
//! discrepancy) in a temporary folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn claimcheck() -> Command {
    let mut c = Command::cargo_bin("claimcheck").expect("binary built");
    c.env("NO_COLOR", "1").env_remove("GITHUB_STEP_SUMMARY");
    c
}

/// A copy of a fixture folder: (the temp dir that owns it, the copy's path).
fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dst = tmp.path().join(name);
    std::fs::create_dir(&dst).unwrap();
    for e in std::fs::read_dir(Path::new("tests/fixtures").join(name)).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dst.join(p.file_name().unwrap())).unwrap();
    }
    (tmp, dst)
}

fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

/// `review DIR` (plus `extra`) with `script` on stdin: (exit code, stdout, stderr).
fn review(dir: &Path, extra: &[&str], script: &str) -> (i32, String, String) {
    let out = claimcheck().arg("review").arg(dir).args(extra).write_stdin(script).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap(), text(out.stdout), text(out.stderr))
}

/// `check DIR --format json` (plus `extra`): (exit code, report, stderr).
fn check_json(dir: &Path, extra: &[&str]) -> (i32, Value, String) {
    let out = claimcheck().arg("check").arg(dir).args(["--format", "json"]).args(extra).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stderr}"));
    (out.status.code().unwrap(), report, stderr)
}

/// The flag findings of a report, in report order: (id, status, review).
fn flags(report: &Value) -> Vec<(String, String, Value)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| ["conflict", "discrepancy", "weekday_mismatch"].contains(&f["status"].as_str().unwrap()))
        .map(|f| {
            (f["id"].as_str().unwrap().into(), f["status"].as_str().unwrap().into(), f["review"].clone())
        })
        .collect()
}

fn review_file(dir: &Path) -> toml::Table {
    let text = std::fs::read_to_string(dir.join("claimcheck-review.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

#[test]
fn interactive_review_asks_again_records_reasons_and_skips() {
    let (_tmp, dir) = copy_fixture("review-desk");
    let (_, before, _) = check_json(&dir, &[]);
    let ids = flags(&before);
    assert_eq!(
        ids.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(),
        ["conflict", "conflict", "discrepancy"],
        "the fixture holds two conflicts and a discrepancy"
    );
    let listing = files(&dir);
    // 1st: a non-answer, then accepted with an empty reason first; 2nd: skipped;
    // 3rd: not the same fact.
    let script = "maybe\na\n\nthe ministry counts support staff in the first group\ns\nn\n  the 217 includes a later flight  \n";
    let (code, out, err) = review(&dir, &[], script);
    assert_eq!(code, 0, "{err}");
    for want in [
        "── finding 1 of 3 ──",
        "── finding 3 of 3 ──",
        "“maybe” is not a choice.",
        "a reason is required",
        "recorded: accepted — the ministry counts support staff in the first group",
        "skipped.",
        "recorded: not-same-fact — the 217 includes a later flight",
        "2 decisions recorded in",
        "1 skipped, 0 left",
        // What the editor decides on: the values and the word diff.
        "= 400 officer",
        "= 500 officer",
        "diff: ",
        "{+85%+}",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // The review file is the only file written.
    let mut want = listing.clone();
    want.insert("claimcheck-review.toml".into());
    assert_eq!(files(&dir), want);

    let file = review_file(&dir);
    let entries = file["review"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    let (a, n) = (&entries[0], &entries[1]);
    assert_eq!(a["id"].as_str(), Some(ids[0].0.as_str()));
    assert_eq!(a["status"].as_str(), Some("conflict"));
    assert_eq!(a["label"].as_str(), Some("number of officer, deploy (initial)"));
    assert_eq!(a["decision"].as_str(), Some("accepted"));
    assert_eq!(a["reason"].as_str(), Some("the ministry counts support staff in the first group"));
    let date = a["date"].as_str().unwrap();
    assert!(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(), "{date}");
    let claims: Vec<&str> = a["claims"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(claims.len(), 2);
    assert!(claims[0].starts_with("a.txt:1:38 “400”: Kenya flagged off"), "{claims:?}");
    assert!(claims[1].starts_with("b.txt:1:31 “500”:"), "{claims:?}");
    assert_eq!(n["id"].as_str(), Some(ids[2].0.as_str()));
    assert_eq!(n["decision"].as_str(), Some("not-same-fact"));
    assert_eq!(n["reason"].as_str(), Some("the 217 includes a later flight"), "reasons are trimmed");

    // A second session offers only the finding still open.
    let (code, out, _) = review(&dir, &[], "q\n");
    assert_eq!(code, 0);
    assert!(out.contains("── finding 1 of 1 ──") && out.contains("share, control"), "{out}");
    assert!(out.contains("0 decisions recorded, 0 skipped, 1 left"), "{out}");
}

#[test]
fn accepted_findings_pass_check_and_confirmed_ones_fail() {
    let (_tmp, dir) = copy_fixture("review-desk");
    assert_eq!(check_json(&dir, &[]).0, 1, "two open conflicts fail");

    let (code, _, err) =
        review(&dir, &[], "a\nthe ministry counts support staff\na\nsources disagree; UN figure used\n");
    assert_eq!(code, 0, "{err}");
    let (code, report, err) = check_json(&dir, &[]);
    assert_eq!(code, 0, "both conflicts accepted: {err}");
    let got = flags(&report);
    assert_eq!(got[0].2["decision"], "accepted");
    assert_eq!(got[0].2["reason"], "the ministry counts support staff");
    assert_eq!(got[1].2["decision"], "accepted");
    assert!(got[2].2.is_null(), "the discrepancy is still open");
    assert!(report.get("stale_reviews").is_none(), "no stale entry, no key");
    // The open discrepancy still fails when discrepancies fail.
    assert_eq!(check_json(&dir, &["--fail-on", "discrepancy"]).0, 1);

    // Human: the decision under the finding, and in the summary.
    let out = claimcheck().arg("check").arg(&dir).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  reviewed: accepted — the ministry counts support staff ("), "{text}");
    assert!(text.contains("1 discrepancy; 2 reviewed"), "{text}");

    // Re-reviewing the first conflict as confirmed makes check fail again.
    let (code, out, _) = review(&dir, &["--all"], "c\nthe first group was 400: fix b.txt\nq\n");
    assert_eq!(code, 0);
    assert!(
        out.contains("reviewed: accepted — the ministry counts support staff"),
        "--all shows the decision: {out}"
    );
    let (code, report, _) = check_json(&dir, &[]);
    assert_eq!(code, 1, "a confirmed conflict keeps failing");
    assert_eq!(flags(&report)[0].2["decision"], "confirmed");
    assert_eq!(review_file(&dir)["review"].as_array().unwrap().len(), 2, "re-review replaces the entry");
}

#[test]
fn baseline_names_the_review_file() {
    let (tmp, dir) = copy_fixture("review-desk");
    let baseline = tmp.path().join("decisions.toml");
    let b = baseline.to_str().unwrap();
    let (code, _, err) = review(&dir, &["--baseline", b], "a\none\na\ntwo\nq\n");
    assert_eq!(code, 0, "{err}");
    assert!(baseline.is_file());
    assert!(!dir.join("claimcheck-review.toml").exists(), "--baseline replaces the default file");
    assert_eq!(check_json(&dir, &[]).0, 1, "the default file does not exist");
    assert_eq!(check_json(&dir, &["--baseline", b]).0, 0);
    // A --baseline that does not exist is an error for check.
    let (code, _, err) = {
        let out = claimcheck().arg("check").arg(&dir).args(["--baseline", "no/such.toml"]).output().unwrap();
        (out.status.code().unwrap(), (), String::from_utf8(out.stderr).unwrap())
    };
    assert_eq!(code, 2);
    assert!(err.contains("no/such.toml"), "{err}");
}

#[test]
fn stale_entries_are_reported() {
    let (_tmp, dir) = copy_fixture("review-desk");
    review(&dir, &[], "a\nthe ministry counts support staff\nq\n");
    let (_, before, _) = check_json(&dir, &[]);
    let old_id = flags(&before)[0].0.clone();
    // The article is corrected: the finding it was about is gone.
    let b = dir.join("b.txt");
    let text = std::fs::read_to_string(&b).unwrap().replace("500 police", "400 police");
    std::fs::write(&b, text).unwrap();

    let (code, report, err) = check_json(&dir, &[]);
    assert_eq!(code, 1, "the share conflict is still open");
    let file = dir.join("claimcheck-review.toml");
    let want = format!(
        "{}:11:6: stale review of {old_id} (conflict, number of officer, deploy (initial))",
        file.display()
    );
    assert!(err.contains(&want), "{want}\nnot in\n{err}");
    let stale = report["stale_reviews"].as_array().unwrap();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["id"], old_id.as_str());
    assert_eq!(stale[0]["status"], "conflict");
    assert_eq!(stale[0]["file"], file.to_str().unwrap());
    assert_eq!(stale[0]["line"], 11);
    // --quiet keeps the report and drops the warning.
    let (_, report, err) = check_json(&dir, &["--quiet"]);
    assert!(err.is_empty(), "{err}");
    assert_eq!(report["stale_reviews"].as_array().unwrap().len(), 1);

    // review --list marks it.
    let (code, out, _) = review(&dir, &["--list"], "");
    assert_eq!(code, 0);
    assert!(out.contains(&format!("{old_id}  accepted")), "{out}");
    assert!(out.contains("[stale: matches no finding]"), "{out}");
    assert!(out.contains("reason: the ministry counts support staff"), "{out}");
    assert!(out.contains("2 flag findings without a decision"), "{out}");
}

#[test]
fn review_list_prints_the_decisions() {
    let (_tmp, dir) = copy_fixture("review-desk");
    review(&dir, &[], "a\none reason\ns\nc\nthe 217 is right: fix a.txt\n");
    let (code, out, _) = review(&dir, &["--list"], "");
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].ends_with("claimcheck-review.toml: 2 decisions"), "{out}");
    assert!(
        lines[1].contains("accepted") && lines[1].contains("number of officer, deploy (initial)"),
        "{out}"
    );
    assert_eq!(lines[2], "    reason: one reason");
    assert!(lines[3].contains("confirmed") && lines[3].contains("discrepancy"), "{out}");
    assert!(!out.contains("stale"), "{out}");
}

#[test]
fn the_input_ending_records_nothing_unfinished() {
    let (_tmp, dir) = copy_fixture("review-desk");
    // A decision whose reason never comes is not recorded; nothing written.
    let (code, out, _) = review(&dir, &[], "a\n");
    assert_eq!(code, 0);
    assert!(out.contains("0 decisions recorded, 0 skipped, 3 left"), "{out}");
    assert!(!dir.join("claimcheck-review.toml").exists());
}

#[test]
fn nothing_to_review_writes_nothing() {
    let (_tmp, dir) = copy_fixture("compatible");
    let (code, out, _) = review(&dir, &[], "");
    assert_eq!(code, 0);
    assert!(out.contains("nothing to review: no conflicts, discrepancies or weekday mismatches"), "{out}");
    assert!(!dir.join("claimcheck-review.toml").exists());
}

#[test]
fn bad_review_files_exit_2_with_file_line_col() {
    let (_tmp, dir) = copy_fixture("review-desk");
    let file = dir.join("claimcheck-review.toml");
    let cases = [
        ("[[review]\nid = \"F1\"\n", ":1:"),
        (
            "[[review]]\nid = \"F1\"\ndecision = \"accepted\"\nreason = \"x\"\nnote = \"y\"\n",
            ":5:1: unknown field `note`",
        ),
        (
            "[[review]]\nid = \"F1\"\ndecision = \"acepted\"\nreason = \"x\"\n",
            ":3:12: unknown decision `acepted`",
        ),
        ("[[review]]\nid = \"F1\"\ndecision = \"accepted\"\nreason = \"\"\n", ":4:10: `reason` is empty"),
    ];
    for (text, want) in cases {
        std::fs::write(&file, text).unwrap();
        for cmd in ["check", "review"] {
            let out = claimcheck().arg(cmd).arg(&dir).write_stdin("").output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{cmd} {text:?}");
            let err = String::from_utf8(out.stderr).unwrap();
            let want = format!("{}{want}", file.display());
            assert!(err.contains(&want), "{cmd}: {want:?} not in {err}");
            assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "a bad file is left alone");
        }
    }
}

/// Runs `check --format FORMAT` on a copy where the first conflict is accepted and
/// the second confirmed: (exit code, output, accepted id, confirmed id).
fn decided(format: &str) -> (i32, String, String, String) {
    let (_tmp, dir) = copy_fixture("review-desk");
    review(&dir, &[], "a\nministry counts support staff\nc\nUN figure is 85%: fix a.txt\nq\n");
    let (_, report, _) = check_json(&dir, &[]);
    let f = flags(&report);
    let out = claimcheck().arg("check").arg(&dir).args(["--format", format]).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), f[0].0.clone(), f[1].0.clone())
}

#[test]
fn reviewed_findings_in_every_format() {
    let (code, md, _, _) = decided("markdown");
    assert_eq!(code, 1, "the confirmed conflict fails");
    assert!(md.contains("> **reviewed: accepted — ministry counts support staff ("), "{md}");
    assert!(md.contains("> **reviewed: confirmed — UN figure is 85%: fix a.txt ("), "{md}");

    let (_, csv, accepted, confirmed) = decided("csv");
    assert!(csv.lines().next().unwrap().ends_with(",review,review_reason"));
    let rows: Vec<&str> = csv.lines().filter(|l| l.starts_with(&accepted)).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.ends_with(",accepted,ministry counts support staff")), "{rows:?}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with(&confirmed) && l.ends_with(",confirmed,UN figure is 85%: fix a.txt"))
    );

    let (_, sarif, accepted, confirmed) = decided("sarif");
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let by_id = |id: &str| results.iter().find(|r| r["properties"]["findingId"] == id).unwrap();
    let a = by_id(&accepted);
    assert_eq!(
        a["suppressions"],
        serde_json::json!([{ "kind": "external", "status": "accepted", "justification": "accepted: ministry counts support staff" }])
    );
    assert_eq!(a["properties"]["review"]["decision"], "accepted");
    let c = by_id(&confirmed);
    assert!(c.get("suppressions").is_none(), "confirmed is not suppressed");
    assert_eq!(c["properties"]["review"]["decision"], "confirmed");
    assert_sarif_valid(&log);

    let (_, github, accepted, confirmed) = decided("github");
    assert!(!github.contains(&accepted), "accepted findings are not annotated: {github}");
    assert!(github.contains(&confirmed), "confirmed ones are: {github}");

    let (_, html, accepted, _) = decided("html");
    assert!(
        html.contains(
            "<span class=\"badge accepted\">reviewed: accepted</span> ministry counts support staff"
        ),
        "{html}"
    );
    assert!(html.contains("<span class=\"badge confirmed\">reviewed: confirmed</span>"), "{html}");
    let card = &html[html.find(&format!("id=\"{accepted}\"")).unwrap()..];
    assert!(card[..card.find("</section>").unwrap()].contains("badge accepted"), "the badge is on its card");
}

/// Validates against the vendored SARIF schema (see tests/formats.rs for why one
/// pattern is rewritten).
fn assert_sarif_valid(log: &Value) {
    let text = std::fs::read_to_string("tests/sarif-schema-2.1.0.json").unwrap();
    let text =
        text.replace(r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options().build(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// The prompt reads a terminal too: the session under `script(1)`, which gives it a
/// pseudo-terminal and forwards the piped answers to it.
#[test]
fn review_works_on_a_pty() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED review_works_on_a_pty: script(1) is not installed");
        return;
    }
    let (_tmp, dir) = copy_fixture("review-desk");
    let cmd = format!("{} review {}", env!("CARGO_BIN_EXE_claimcheck"), dir.display());
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(b"a\nknown disagreement\nq\n")?;
            child.wait_with_output()
        })
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1 decision recorded"), "{text}");
    let file = review_file(&dir);
    assert_eq!(file["review"][0]["reason"].as_str(), Some("known disagreement"));
}
