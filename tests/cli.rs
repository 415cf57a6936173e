//! Golden tests of the `claimcheck` binary on the seeds and the conflict fixtures.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn claimcheck() -> Command {
    let mut c = Command::cargo_bin("claimcheck").expect("binary built");
    c.env("NO_COLOR", "1");
    c
}

/// Runs `check --format json` (plus `extra`) on `path`: (exit code, report).
fn check_json(path: &str, extra: &[&str]) -> (i32, Value) {
    let out = claimcheck().args(["check", path, "--format", "json"]).args(extra).output().unwrap();
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), report)
}

/// The findings with `status`, each as (set of document file-name prefixes, claim texts).
fn findings(report: &Value, status: &str) -> Vec<(BTreeSet<String>, Vec<String>)> {
    let claims: std::collections::HashMap<&str, &Value> =
        report["claims"].as_array().unwrap().iter().map(|c| (c["id"].as_str().unwrap(), c)).collect();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == status)
        .map(|f| {
            let cs: Vec<&Value> =
                f["claims"].as_array().unwrap().iter().map(|id| claims[id.as_str().unwrap()]).collect();
            let docs = cs
                .iter()
                .map(|c| {
                    let name = Path::new(c["doc"].as_str().unwrap())
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    name.split('_').next().unwrap().trim_end_matches(".txt").to_string()
                })
                .collect();
            let texts = cs.iter().map(|c| c["text"].as_str().unwrap().to_string()).collect();
            (docs, texts)
        })
        .collect()
}

/// The agreements DESIGN.md lists for the seeds: (documents, a text each must hold).
const SEED_AGREEMENTS: &[(&[&str], &[&str])] = &[
    (&["000", "001"], &["Thursday, November 7"]),
    (&["000", "001", "002"], &["a year", "an additional year", "another year"]),
    (&["002", "003"], &["600"]),
    (&["003", "004"], &["400"]),
    (&["003", "004"], &["June 24, 2024", "June"]),
    (&["000", "004"], &["June"]),
    (&["000", "003"], &["October last year"]),
    (&["001", "003"], &["September 2024", "Saturday, September 21, 2024"]),
];

fn assert_seed_verdicts(code: i32, report: &Value) {
    assert_eq!(code, 0, "the seeds hold no conflict");
    let agreements = findings(report, "agreement");
    for (docs, texts) in SEED_AGREEMENTS {
        let want: BTreeSet<String> = docs.iter().map(|d| d.to_string()).collect();
        let found =
            agreements.iter().any(|(d, t)| *d == want && texts.iter().all(|x| t.iter().any(|y| y == x)));
        assert!(found, "missing agreement {docs:?} {texts:?}; have {agreements:#?}");
    }
    assert_eq!(agreements.len(), SEED_AGREEMENTS.len(), "{agreements:#?}");
    for status in ["conflict", "discrepancy", "weekday_mismatch"] {
        assert!(findings(report, status).is_empty(), "no {status} expected");
    }
    // Non-claims: identifiers, terms, phone numbers, P.O. boxes, the ALSO READ list.
    for c in report["claims"].as_array().unwrap() {
        let text = c["text"].as_str().unwrap();
        for bad in ["2699", "0203222111", "0719012111", "30080", "66", "Three"] {
            assert!(!text.contains(bad), "{text:?} is not a claim");
        }
        if text.contains("2025-2027") {
            assert_eq!(c["kind"], "date", "a term is not a count");
        }
    }
}

#[test]
fn seeds_agree_with_the_manifest() {
    let (code, report) = check_json("seeds/", &[]);
    assert_seed_verdicts(code, &report);
    let sources: Vec<&str> =
        report["documents"].as_array().unwrap().iter().map(|d| d["date_source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["manifest"; 5]);
}

#[test]
fn seeds_agree_with_inferred_dates() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir("seeds").unwrap() {
        let p = e.unwrap().path();
        if p.file_name().unwrap() != "sources.toml" {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let (code, report) = check_json(dir.path().to_str().unwrap(), &[]);
    assert_seed_verdicts(code, &report);
    let dates: Vec<(&str, &str)> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["date"].as_str().unwrap_or("none"), d["date_source"].as_str().unwrap()))
        .collect();
    assert_eq!(
        dates,
        [
            ("2024-11-07", "inferred"),
            ("2024-11-07", "inferred"),
            ("none", "none"),
            ("2024-09-22", "inferred"),
            ("2025-01-26", "dateline")
        ]
    );
}

#[test]
fn seeds_human_report() {
    let out = claimcheck().args(["check", "seeds/"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "no ANSI codes when piped");
    insta::assert_snapshot!("seeds_human", text);
}

/// (fixture, extra args, exit code, flags expected as (status, claim texts)).
type FixtureCase =
    (&'static str, &'static [&'static str], i32, &'static [(&'static str, &'static [&'static str])]);

const FIXTURES: &[FixtureCase] = &[
    ("contingent-size", &[], 1, &[("conflict", &["400", "500"])]),
    ("mandate-end", &[], 1, &[("conflict", &["October 2, 2025", "October 2, 2026"])]),
    ("percent-share", &[], 1, &[("conflict", &["80 per cent", "85%"])]),
    // Insured damage against insured damage, never against the whole; "initially"
    // and "started to" keep their figures out.
    ("insured-part", &[], 1, &[("conflict", &["$1.2 billion", "$1.5 billion"])]),
    // "$10 gift cards" borrows "sent" from the article it agrees with: it joins that
    // agreement, and stays out of the conflict with "$25".
    ("borrowed-event", &[], 1, &[("conflict", &["$10", "$25"])]),
    // "lawsuits filed" is what both count, whatever verb the figure is the object of;
    // "thousands" is within ten of 450. A semicolon list item and a sentence after
    // "Elsewhere, in the town of ..." keep their fires apart.
    ("filed-count", &[], 1, &[("conflict", &["roughly 450", "thousands"])]),
    ("weekday-mismatch", &[], 0, &[("weekday_mismatch", &["Friday, November 7, 2024"])]),
    (
        "weekday-mismatch",
        &["--fail-on", "discrepancy"],
        1,
        &[("weekday_mismatch", &["Friday, November 7, 2024"])],
    ),
    ("rounding", &[], 0, &[("discrepancy", &["200", "217"])]),
    ("rounding", &["--fail-on", "discrepancy"], 1, &[("discrepancy", &["200", "217"])]),
    ("rounding", &["--fail-on", "never"], 0, &[("discrepancy", &["200", "217"])]),
    ("compatible", &[], 0, &[]),
    ("timeline", &[], 0, &[]),
    ("pledge-vs-arrival", &[], 0, &[]),
    ("two-bodies", &[], 0, &[]),
    ("same-body", &[], 1, &[("conflict", &["96", "99"])]),
    // One estimate misreported at one end is a conflict; two estimates with no end
    // in common and no event named are not compared.
    (
        "range-estimate",
        &[],
        1,
        &[("conflict", &["between $540 million and $1.8 billion", "$540 million to $1.08 billion"])],
    ),
    ("range-apart", &[], 0, &[]),
    // A dropped zero is a conflict; one airline's 38 against all airlines' 6,000 is not.
    ("scale", &[], 1, &[("conflict", &["38", "380"])]),
    // "In Marlow," and "The Marlow Fire," scope their sentences; the Brenton Fire is
    // another fire.
    ("opening-scope", &[], 1, &[("conflict", &["640", "1,200"])]),
    // A toll named before its figure ("stands at 115") agrees across outlets, and
    // its revision a month later is a timeline.
    ("toll-revision", &[], 0, &[]),
    // "2,413 were canceled" and "2,413 cancellations" count the flights the folder's
    // other cancellations count; "12,700 delays" stays with the delays, where
    // "over 30,000" (dated Friday by the date after the figure "and" joins it to)
    // excludes it: an open end is no licence for a round figure to agree.
    ("implied-unit", &[], 1, &[("conflict", &["4,180", "2,413"]), ("conflict", &["Over 30,000", "12,700"])]),
    // Counts read at one clock time are compared; the whole day's count is not a
    // 9 a.m. snapshot's rival.
    ("snapshot-times", &[], 1, &[("conflict", &["1,400", "2,900"])]),
    // "Harold Brenner, 71" and "Hal Brenner, 72" are one man's ages; his wife Martha
    // Brenner, 68, and two unnamed firefighters are no one else's.
    ("ages", &[], 1, &[("conflict", &["71", "72"])]),
    // A time of day takes its clause's event ("just before 10 a.m. the county declared
    // the fire 100% contained"); an evacuation at 6:40 a.m. is another event, and the
    // fire 60% contained days later is a timeline.
    ("clock-times", &[], 1, &[("conflict", &["9 a.m.", "10 a.m."])]),
    // Monday's "delayed about 420" is news Friday's undated 1,500 could not have had;
    // Friday's count told on Monday is its rival.
    ("later-news", &[], 1, &[("conflict", &["1,500", "2,000"])]),
    // A reprint that changed an amount the groups would never compare (no event), or
    // a share no group holds (no subject at all), is a slip; the next day's copy with
    // a higher toll is an update, a timeline.
    ("copy-slip", &[], 1, &[("conflict", &["18%", "8%"]), ("conflict", &["$2.4 million", "$4.2 million"])]),
    // "Marlowwe" is "Marlowe" misspelt: one town, whose two tallies conflict; Kestrel
    // is another town.
    ("misspelt-scope", &[], 1, &[("conflict", &["2,207", "3,207"])]),
    // "37 great limbs" and "73 main limbs" share only their noun, but transposed
    // digits are a copy's slip; a 48-page report and 84 pages of guidance count the
    // pages of two documents.
    ("transposed", &[], 1, &[("conflict", &["73", "37"])]),
    // Feet meet metres and tons meet tonnes, each figure as precise as it was
    // written; 5 miles is not 10 km. Temperatures have an offset, no factor: 104°F
    // and 40°C are never compared.
    ("units", &[], 1, &[("conflict", &["5", "10"])]),
    // "36 reports of missing persons" counts people, as "31 people" does: one body,
    // two figures. "31 reports of looting" counts reports, and meets neither.
    ("missing-reports", &[], 1, &[("conflict", &["36", "31"])]),
];

#[test]
fn conflict_fixtures() {
    for (name, extra, code, want) in FIXTURES {
        let path = format!("tests/fixtures/{name}");
        let (got_code, report) = check_json(&path, extra);
        assert_eq!(got_code, *code, "{name} {extra:?}");
        let mut flags = Vec::new();
        for status in ["conflict", "discrepancy", "weekday_mismatch"] {
            for (_, texts) in findings(&report, status) {
                flags.push((status, texts));
            }
        }
        let want: Vec<(&str, Vec<String>)> =
            want.iter().map(|(s, t)| (*s, t.iter().map(|x| x.to_string()).collect())).collect();
        assert_eq!(flags, want, "{name}");
    }
}

#[test]
fn compatible_values_agree() {
    let (_, report) = check_json("tests/fixtures/compatible", &[]);
    let got: Vec<Vec<String>> = findings(&report, "agreement").into_iter().map(|(_, t)| t).collect();
    assert_eq!(got, [vec!["about 400", "380"], vec!["over 5,000", "5,601"]]);
}

#[test]
fn change_over_time_is_a_timeline() {
    let (_, report) = check_json("tests/fixtures/timeline", &[]);
    let got: Vec<Vec<String>> = findings(&report, "timeline").into_iter().map(|(_, t)| t).collect();
    assert_eq!(got, [vec!["600", "400"]]);
}

#[test]
fn a_toll_named_before_its_figure_agrees_then_moves() {
    let (_, report) = check_json("tests/fixtures/toll-revision", &[]);
    let agree: Vec<Vec<String>> = findings(&report, "agreement").into_iter().map(|(_, t)| t).collect();
    assert_eq!(agree, [vec!["115", "115"]]);
    let moves: Vec<Vec<String>> = findings(&report, "timeline").into_iter().map(|(_, t)| t).collect();
    assert_eq!(moves, [vec!["115", "115", "97"]]);
}

#[test]
fn fixture_human_reports() {
    for (name, extra, _, _) in FIXTURES.iter().filter(|f| f.1.is_empty()) {
        let out =
            claimcheck().args(["check", &format!("tests/fixtures/{name}")]).args(*extra).output().unwrap();
        insta::assert_snapshot!(format!("fixture_{name}"), String::from_utf8(out.stdout).unwrap());
    }
}

#[test]
fn claims_lists_every_claim_as_json_without_findings() {
    let out = claimcheck().args(["claims", "seeds/", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["schema"], "claimcheck/report/v1");
    assert!(report["findings"].as_array().unwrap().is_empty());
    let claims = report["claims"].as_array().unwrap();
    assert!(claims.len() > 30);
    // Offsets are bytes of the file, and the text is the file's.
    for c in claims {
        let file = std::fs::read(c["doc"].as_str().unwrap()).unwrap();
        let (s, e) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
        assert_eq!(&file[s..e], c["text"].as_str().unwrap().as_bytes());
    }
    // The mandate's end: a future date, ISO value.
    let end = claims.iter().find(|c| c["text"] == "October 2, 2025").unwrap();
    assert_eq!(end["value"]["iso"], "2025-10-02");
    assert_eq!(end["role"], "target");
}

#[test]
fn output_is_deterministic_and_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let a = claimcheck().args(["check", "seeds/", "--format", "json", "-o"]).arg(&out).output().unwrap();
    assert_eq!(a.status.code(), Some(0));
    assert!(a.stdout.is_empty(), "--output writes nothing to stdout");
    let b = claimcheck().args(["check", "seeds/", "--format", "json"]).output().unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), b.stdout);
}

#[test]
fn errors_exit_2_and_name_the_file() {
    let out = claimcheck().args(["check", "no/such/folder"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/folder"));

    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("bad.toml");
    std::fs::write(&rules, "[tolerance]\napprox = 0.1\nfuzzy = 1\n").unwrap();
    let out = claimcheck().args(["check", "seeds/", "--rules"]).arg(&rules).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml:3:1"), "{err}");

    let out = claimcheck().args(["check", "seeds/", "--format", "yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
