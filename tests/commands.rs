//! `claimcheck explain`, `init` and `rules`.

use std::path::Path;

use assert_cmd::Command;
use claimcheck::rules::Rules;
use serde_json::Value;

fn claimcheck() -> Command {
    let mut c = Command::cargo_bin("claimcheck").expect("binary built");
    c.env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = claimcheck().args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap(), text(out.stdout), text(out.stderr))
}

/// The id of the first finding with `status` in `check PATH`.
fn finding_id(path: &str, status: &str) -> String {
    let out = claimcheck().args(["check", path, "--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = report["findings"].as_array().unwrap().iter().find(|f| f["status"] == status).unwrap();
    f["id"].as_str().unwrap().to_string()
}

#[test]
fn explain_a_conflict_field_by_field() {
    let dir = "tests/fixtures/contingent-size";
    let id = finding_id(dir, "conflict");
    let (code, out, err) = run(&["explain", &id, dir]);
    assert_eq!(code, 0, "{err}");
    for want in [
        format!("finding {id}"),
        "  status    conflict — Two sources give incompatible values for the same fact.".into(),
        "  severity  error".into(),
        "  subject   count/officer/deploy/initial/actual".into(),
        "  label     number of officer, deploy (initial)".into(),
        "  review    open (no decision in the review file)".into(),
        "claim 1 of 2  c".into(),
        "  at          tests/fixtures/contingent-size/003_original.txt:23:56 (bytes 3291..3294)".into(),
        "  text        400".into(),
        "  sentence    However, President Ruto flagged off the first group of 400 police officers to Haiti on June 24, 2024.".into(),
        "  value       [400, 400] officer  (shown as 400 officer)".into(),
        "  qualifier   exact".into(),
        "  role        initial".into(),
        "  modality    actual".into(),
        "  time        2024-06-24".into(),
        "    event          deploy".into(),
        "    entities       ".into(),
        "    scope          ".into(),
        "    attribution    —".into(),
        "    explicit_time  yes".into(),
        "  at          tests/fixtures/contingent-size/004_changed.txt:15:57".into(),
        "  time        2024-06-01 … 2024-06-30".into(),
        "  gap       100 between the intervals (20.0% of the larger figure)".into(),
        "tolerances (rules.toml [tolerance])".into(),
        "  approx    0.1".into(),
        "  rounding  0.1".into(),
        "  agree     0.02".into(),
    ] {
        assert!(out.contains(&want), "missing {want:?} in\n{out}");
    }
    // A unique start of the id is enough, in any case.
    let (code, short, _) = run(&["explain", &id[..6].to_lowercase(), dir]);
    assert_eq!(code, 0);
    assert_eq!(short, out);
}

#[test]
fn explain_says_what_grouped_the_claims() {
    // A reprint's changed figure met its original by the sentence around it.
    let dir = "tests/fixtures/copy-slip";
    let (_, out, _) = run(&["explain", &finding_id(dir, "conflict"), dir]);
    assert!(
        out.contains("  grouped   by the sentence: the same in both articles but for the figure"),
        "{out}"
    );
    // Near-miss: two outlets' own sentences meet by the generic key.
    let dir = "tests/fixtures/contingent-size";
    let (_, out, _) = run(&["explain", &finding_id(dir, "conflict"), dir]);
    assert!(out.contains("  grouped   by the generic key"), "{out}");
}

#[test]
fn explain_shows_open_intervals_and_the_review() {
    // "over 5,000" is open at its low end and unbounded; "about 400" is closed.
    let dir = "tests/fixtures/compatible";
    let out = claimcheck().args(["check", dir, "--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut all = String::new();
    for f in report["findings"].as_array().unwrap() {
        all.push_str(&run(&["explain", f["id"].as_str().unwrap(), dir]).1);
    }
    for want in [
        "  value       (5000, ∞) people  (shown as > 5000 people)",
        "  qualifier   more_than",
        "  value       [360, 440] officer  (shown as 360 … 440 officer)",
        "  qualifier   approx",
    ] {
        assert!(all.contains(want), "missing {want:?} in\n{all}");
    }

    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("c");
    std::fs::create_dir(&d).unwrap();
    for f in ["003_original.txt", "004_changed.txt", "sources.toml"] {
        std::fs::copy(Path::new("tests/fixtures/contingent-size").join(f), d.join(f)).unwrap();
    }
    let out =
        claimcheck().arg("review").arg(&d).write_stdin("n\ntwo different contingents\n").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let id = finding_id(d.to_str().unwrap(), "conflict");
    let (_, out, _) = run(&["explain", &id, d.to_str().unwrap()]);
    assert!(out.contains("  review    not-same-fact — two different contingents ("), "{out}");
}

#[test]
fn explain_a_rule() {
    for (name, title) in [
        ("conflict", "Conflict (conflict)"),
        ("discrepancy", "Discrepancy (discrepancy)"),
        ("weekday-mismatch", "Weekday mismatch (weekday-mismatch)"),
        ("agreement", "Agreement (agreement)"),
        ("timeline", "Timeline (timeline)"),
        ("estimates", "Differing estimates (estimates)"),
    ] {
        let (code, out, err) = run(&["explain", name]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.starts_with(title), "{out}");
        assert!(out.contains("what it checks: ") && out.contains("what to do: "), "{out}");
    }
    let (_, out, _) = run(&["explain", "discrepancy"]);
    assert!(out.contains("within the rounding tolerance of rules.toml"), "the registry's text: {out}");
    assert!(out.contains("severity:       warning (default warning"), "{out}");
}

#[test]
fn explain_unknown_ids_exit_2() {
    let (code, out, err) = run(&["explain", "F000000000000", "tests/fixtures/contingent-size"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no finding `F000000000000` in these articles"), "{err}");
    let (code, _, err) = run(&["explain", "conflicts"]);
    assert_eq!(code, 2);
    assert!(err.contains("neither a rule nor a finding id") && err.contains("weekday-mismatch"), "{err}");
}

#[test]
fn init_writes_a_starter_that_loads_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let out = claimcheck().arg("init").current_dir(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let path = tmp.path().join("rules.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("#aliases = [[") && text.contains("#[[subject]]"), "shows aliases and a subject");
    Rules::load(Some(&path)).expect("the starter loads with the project's own loader");
    let listing: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(listing.len(), 1, "init writes the rules file only");

    std::fs::write(&path, "# my rules\n").unwrap();
    let out = claimcheck().arg("init").current_dir(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("rules.toml: already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# my rules\n", "left as it was");

    // A folder gets rules.toml inside it; another name is written as given.
    let sub = tmp.path().join("story");
    std::fs::create_dir(&sub).unwrap();
    assert_eq!(run(&["init", sub.to_str().unwrap()]).0, 0);
    assert!(sub.join("rules.toml").is_file());
    let other = tmp.path().join("other.toml");
    assert_eq!(run(&["init", other.to_str().unwrap()]).0, 0);
    Rules::load(Some(&other)).unwrap();
}

#[test]
fn rules_dump_prints_the_layered_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("story");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("rules.toml"),
        "[entities]\naliases = [[\"Zanzibar Port Authority\", \"ZPA\"]]\n\n[[subject]]\nid = \"zpa-cranes\"\nlabel = \"cranes at the port\"\nall = [\"crane\"]\n",
    )
    .unwrap();
    let (code, out, err) = run(&["rules", "--dump", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("# Effective claimcheck rules: the built-in defaults, then "), "{out}");
    assert!(out.contains("\"Zanzibar Port Authority\""), "the project's alias");
    assert!(out.contains("id = \"zpa-cranes\""), "the project's subject");
    assert!(out.contains("[tolerance]") && out.contains("approx = 0.1"), "and the defaults");
    // What it prints is a rules file the loader takes back.
    let dumped = tmp.path().join("dumped.toml");
    std::fs::write(&dumped, &out).unwrap();
    let back = Rules::load(Some(&dumped)).unwrap();
    assert_eq!(back.subjects.len(), 1);

    // --rules FILE is the project file; seeds/ has its own.
    let (_, out, _) = run(&["rules", "--dump", "--rules", dir.join("rules.toml").to_str().unwrap()]);
    assert!(out.contains("zpa-cranes"));
    let (_, out, _) = run(&["rules", "--dump", "seeds/"]);
    assert!(out.contains("mss-first-contingent"));
    let (_, out, _) = run(&["rules", "seeds/"]);
    assert!(out.contains("then seeds/rules.toml") && out.contains("mss-first-contingent"), "{out}");
    let (code, _, err) = run(&["rules", "--dump", "no/such/folder"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/folder"));
}

#[test]
fn no_progress_counter_when_piped() {
    let (code, _, err) = run(&["check", "seeds/"]);
    assert_eq!(code, 0);
    assert!(!err.contains("documents") && !err.contains('\r'), "{err:?}");
}
