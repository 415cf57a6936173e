//! The table of fixed extraction errors (tests/fixtures/regressions/values.tsv): every
//! sentence goes through `claimcheck claims --format json` and must give exactly the
//! claims listed beside it, so that a fix stays fixed.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn number(v: &Value) -> String {
    match v.as_f64() {
        None => "_".to_string(),
        Some(x) => format!("{}", (x * 1e9).round() / 1e9),
    }
}

/// "kind low..high unit qualifier" of one claim, and its role when it is a change
/// ("... exact increment"). A converted measure's interval is in the unit it is
/// compared in: "quantity 36.73..37.03 metre exact from foot".
fn show(c: &Value) -> String {
    let v = &c["value"];
    let unit = match (v["base"].as_str(), c["unit"].as_str()) {
        (Some(base), Some(u)) if base != u => format!("{base} from {u}"),
        (Some(base), _) => base.to_string(),
        (None, u) => u.unwrap_or("_").to_string(),
    };
    let q = c["qualifier"].as_str().unwrap_or("_");
    let role = match c["role"].as_str() {
        Some(r @ ("increment" | "decrement")) => format!(" {r}"),
        _ => String::new(),
    };
    format!("{} {}..{} {unit} {q}{role}", c["kind"].as_str().unwrap(), number(&v["low"]), number(&v["high"]))
}

#[test]
fn fixed_errors_stay_fixed() {
    let table = std::fs::read_to_string("tests/fixtures/regressions/values.tsv").unwrap();
    let cases: Vec<(&str, Vec<String>)> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (text, want) = l.split_once('\t').unwrap_or_else(|| panic!("no TAB in {l:?}"));
            let want = want.split(" | ").map(str::trim).filter(|w| !w.is_empty()).map(String::from).collect();
            (text, want)
        })
        .collect();
    assert!(cases.len() >= 20, "the table lost rows");

    let dir: PathBuf = std::env::temp_dir().join(format!("claimcheck-regressions-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (i, (text, _)) in cases.iter().enumerate() {
        std::fs::write(dir.join(format!("r{i:04}.txt")), format!("{text}\n")).unwrap();
    }
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .args(["claims", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    let _ = std::fs::remove_dir_all(&dir);

    let mut failures = Vec::new();
    for (i, (text, want)) in cases.iter().enumerate() {
        let name = format!("r{i:04}.txt");
        let got: Vec<String> = report["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["doc"].as_str().is_some_and(|d| d.ends_with(&name)))
            .filter(|c| c["kind"] != "date")
            .map(show)
            .collect();
        if &got != want {
            failures.push(format!("{text}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
