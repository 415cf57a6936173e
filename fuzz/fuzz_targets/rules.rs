//! Arbitrary text as a project rules.toml: `rules::parse_file` on the text, then,
//! when it parses, `Rules::load` on it written to a temporary file (validate, layer
//! over the defaults, join and compile the patterns). Any outcome but a panic is
//! fine; an error must be located in the file.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

use claimcheck::Error;
use claimcheck::rules::{Rules, parse_file};

static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().expect("temp dir"));

fuzz_target!(|data: &[u8]| {
    let path: PathBuf = DIR.path().join("rules.toml");
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(p) = parse_file(&path, text) {
        assert!(p.line >= 1 && p.column >= 1 && p.line <= text.lines().count().max(1) + 1, "{p}");
        // `Rules::load` takes the same parse path and stops there; loading (which
        // parses and compiles the embedded defaults, slow) is kept for parsed files.
        return;
    }
    std::fs::write(&path, data).expect("write temp rules");
    match Rules::load(Some(&path)) {
        Ok(_) => {}
        Err(Error::Config(ps)) => {
            assert!(!ps.is_empty());
            for p in ps {
                assert!(p.line >= 1 && p.column >= 1, "{p}");
            }
        }
        Err(e) => panic!("a rules file's problem must be a located Config error, not {e}"),
    }
});
