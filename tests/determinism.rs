//! Same input, same bytes: whatever the thread count, run after run; and finding ids
//! that do not move when an unrelated article is added or files are renamed.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn claimcheck() -> Command {
    let mut c = Command::cargo_bin("claimcheck").expect("binary built");
    c.env("NO_COLOR", "1").env_remove("GITHUB_STEP_SUMMARY").env_remove("RAYON_NUM_THREADS");
    c
}

/// A small deterministic generator (no dependency, same on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

const PLACES: &[&str] =
    &["Valencia", "Porto Alegre", "Derna", "Sylhet", "Lahaina", "Kerala", "Bahia", "Sindh"];
const MONTHS: &[&str] = &["March", "April", "May", "June", "July", "August", "September", "October"];
const OUTLETS: &[&str] = &["the Herald", "the Courier", "the Tribune", "the Gazette", "the Observer"];

/// Article `i` of a corpus about floods in a few places: figures and dates vary a
/// little between articles about one place, so the run has agreements, timelines,
/// discrepancies and conflicts to report.
fn article(i: usize, rng: &mut Lcg) -> String {
    let place = PLACES[i % PLACES.len()];
    let month = MONTHS[(i / PLACES.len()) % MONTHS.len()];
    let day = 1 + rng.next(28);
    let base = 40 + 17 * (i % PLACES.len()) as u64;
    let dead = base + [0, 0, 0, 3, 25][rng.next(5) as usize];
    let displaced = (1 + rng.next(9)) * 1000;
    let aid = 5 + rng.next(40);
    let share = 10 + rng.next(5) * 5;
    let outlet = OUTLETS[rng.next(OUTLETS.len() as u64) as usize];
    format!(
        "{upper}, {month} {day} – At least {dead} people were killed in the floods in {place}, officials said on \
         {month} {day}, 2024.\n\nAbout {displaced} residents were displaced, and {share} per cent of the \
         district was under water, according to {outlet}.\n\nThe government pledged ${aid} million in aid on \
         {month} {d2}, 2024, and rescue teams arrived on {month} {day}.\n\nStory number {i}.\n",
        upper = place.to_uppercase(),
        d2 = 1 + (day + 2) % 28,
    )
}

fn corpus(dir: &Path, n: usize, seed: u64) {
    let mut rng = Lcg(seed);
    for i in 0..n {
        let sub = dir.join(format!("batch{:02}", i % 20));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{i:04}.txt")), article(i, &mut rng)).unwrap();
    }
}

/// `check DIR --format json` with `threads` worker threads (None: rayon's default).
fn report(dir: &Path, threads: Option<usize>) -> Vec<u8> {
    let mut c = claimcheck();
    c.args(["check", dir.to_str().unwrap(), "--format", "json", "--fail-on", "never"]);
    if let Some(n) = threads {
        c.env("RAYON_NUM_THREADS", n.to_string());
    }
    let o = c.output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

#[test]
fn same_bytes_with_1_2_and_8_threads_on_2000_articles() {
    let d = tempfile::tempdir().unwrap();
    corpus(d.path(), 2000, 7);
    let one = report(d.path(), Some(1));
    let v: Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2000);
    let statuses: std::collections::BTreeSet<&str> =
        v["findings"].as_array().unwrap().iter().map(|f| f["status"].as_str().unwrap()).collect();
    assert!(statuses.len() >= 2, "the corpus gives findings of several kinds: {statuses:?}");
    for n in [2, 8] {
        assert!(report(d.path(), Some(n)) == one, "{n} threads gave other bytes than 1");
    }
    let o = claimcheck().args(["claims", d.path().to_str().unwrap(), "--format", "json"]).output().unwrap();
    let o8 = claimcheck()
        .args(["claims", d.path().to_str().unwrap(), "--format", "json"])
        .env("RAYON_NUM_THREADS", "8")
        .output()
        .unwrap();
    assert!(o.stdout == o8.stdout, "the claims stream too");
}

#[test]
fn twenty_runs_give_the_same_bytes() {
    let d = tempfile::tempdir().unwrap();
    corpus(d.path(), 200, 11);
    let first = report(d.path(), None);
    for run in 1..20 {
        assert!(report(d.path(), None) == first, "run {run} differs");
    }
}

/// The fixture's findings: id → (status, claim texts).
fn finding_ids(dir: &Path) -> BTreeMap<String, (String, Vec<String>)> {
    let v: Value = serde_json::from_slice(&report(dir, None)).unwrap();
    let texts: BTreeMap<&str, &str> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["text"].as_str().unwrap()))
        .collect();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            // Claims follow document order, which a rename may change: compared as a set.
            let mut cs: Vec<String> = f["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| texts[c.as_str().unwrap()].to_string())
                .collect();
            cs.sort();
            (f["id"].as_str().unwrap().to_string(), (f["status"].as_str().unwrap().to_string(), cs))
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path, rename: impl Fn(&str) -> String) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap();
        std::fs::copy(&p, to.join(rename(name))).unwrap();
    }
}

#[test]
fn finding_ids_survive_an_unrelated_article_and_renames() {
    for fixture in ["contingent-size", "percent-share", "compatible", "same-body"] {
        let src = Path::new("tests/fixtures").join(fixture);
        let d = tempfile::tempdir().unwrap();
        let base = d.path().join("base");
        copy_dir(&src, &base, |n| n.to_string());
        let want = finding_ids(&base);
        assert!(!want.is_empty(), "{fixture} has findings");

        // An unrelated article beside them (another story, sorted first).
        let added = d.path().join("added");
        copy_dir(&src, &added, |n| n.to_string());
        std::fs::write(
            added.join("000_unrelated.txt"),
            "MADRID, May 4 – The stadium holds 81,044 seats, and the club sold 62,000 tickets for the \
             final on Saturday, May 4, 2024, its chairman said.\n",
        )
        .unwrap();
        let got = finding_ids(&added);
        for (id, f) in &want {
            assert_eq!(got.get(id), Some(f), "{fixture}: finding {id} changed once an article was added");
        }

        // Renamed files, in the other order (the sources manifest names files, so it
        // is left out: without it dates come from the text, which a rename keeps).
        let renamed = d.path().join("renamed");
        let names: Vec<String> = std::fs::read_dir(&src)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "sources.toml")
            .collect();
        let no_manifest = d.path().join("no-manifest");
        std::fs::create_dir_all(&no_manifest).unwrap();
        std::fs::create_dir_all(&renamed).unwrap();
        for (k, n) in names.iter().enumerate() {
            std::fs::copy(src.join(n), no_manifest.join(n)).unwrap();
            std::fs::copy(src.join(n), renamed.join(format!("{}_{n}", names.len() - k))).unwrap();
        }
        assert_eq!(finding_ids(&renamed), finding_ids(&no_manifest), "{fixture}: ids moved with a rename");
    }
}
