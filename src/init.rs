//! Starting and inspecting a project's rules: `claimcheck init` writes a commented
//! starter rules.toml (and never overwrites one), `claimcheck rules --dump` prints
//! the rules in effect after layering (without it, a summary).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::rules::{PROJECT_RULES, Rules};

/// The starter rules file. Explanations are `# ` comments; examples are commented
/// with a bare `#` before the TOML, so removing that one character enables them.
pub const STARTER: &str = r##"# Project rules for claimcheck, layered over the rules built into the binary.
# Put this file beside the articles (claimcheck finds rules.toml in the first folder
# given) or pass it with --rules. Lists here extend the built-in lists, single values
# replace theirs, subjects are added; `claimcheck rules --dump` prints the result.
#
# Lines where TOML follows a bare "#" are examples: delete the "#" to use one.
# Unknown keys, wrong types and empty lists are errors, reported with file:line:col.

# -- Entity aliases ------------------------------------------------------------------
# Names that mean the same person, body or place, the canonical name first. A story
# often spells one name several ways ("Antony J. Blinken", "Anthony Blinken").
#[entities]
#aliases = [["Antony Blinken", "Antony J. Blinken", "Anthony Blinken", "Blinken"], ["Port-au-Prince", "the capital"]]
# Capitalised words that are not entities (an outlet's name in every dateline):
#ignore = ["Reuters"]

# -- Units -----------------------------------------------------------------------------
# More head nouns for a counted unit ("officer" already has police, troops, personnel…):
#[units]
#officer = ["constable", "gendarme"]
# A measure and what it converts to (feet already meet metres, tons meet tonnes):
#[measures]
#furlong = ["furlong"]
#[conversions]
#furlong = { to = "metre", times = 201.168 }

# -- Curated subjects ------------------------------------------------------------------
# A fact an editor names and tracks. A claim belongs to it when its sentence has every
# `all` cue, at least one `any` cue and no `none` cue; a curated match wins over the
# generic grouping. `kind` is count, percent, money, quantity, date or duration;
# `unit` narrows a count to one counted unit. `id` must be unique.
#[[subject]]
#id = "gang-control-share"
#label = "share of the capital controlled by gangs"
#kind = "percent"
#all = ["gang"]
#any = ["control", "controlled", "controls", "controlling"]
#none = ["country"]
# A running fact may change over time (a toll, a current strength): its values at
# different as-of times are a timeline, not a conflict.
#running = true

# -- Tolerances and severities ---------------------------------------------------------
# Shares of the figure (the built-in values are shown):
#[tolerance]
#approx = 0.1
#rounding = 0.1
# What each finding is: error (fails check by default), warning or info.
#[severity]
#discrepancy = "warning"
"##;

/// Writes [`STARTER`] to `path` (a folder gets `rules.toml` inside it), refusing to
/// replace an existing file; returns the path written. The file appears whole or not
/// at all (a temporary file beside it, then a rename that fails if the name is taken).
pub fn write_starter(path: &Path) -> Result<PathBuf> {
    use std::io::Write;
    let path = if path.is_dir() { path.join(PROJECT_RULES) } else { path.to_path_buf() };
    let exists = || Error::Io {
        path: path.clone(),
        source: std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "already exists; `claimcheck init` does not overwrite (remove it, or give another path)",
        ),
    };
    if path.exists() {
        return Err(exists());
    }
    let io = |source| Error::Io { path: path.clone(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(STARTER.as_bytes()).map_err(io)?;
    tmp.flush().map_err(io)?;
    match tmp.persist_noclobber(&path) {
        Ok(_) => Ok(path),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(io(e.error)),
    }
}

/// The rules in effect as TOML, after a comment naming the layers.
pub fn dump(rules: &Rules, project: Option<&Path>) -> String {
    let layers = match project {
        Some(p) => format!("the built-in defaults, then {}", p.display()),
        None => "the built-in defaults (no project rules.toml)".to_string(),
    };
    let body = toml::to_string_pretty(&rules.merged).expect("a rules file serializes");
    format!("# Effective claimcheck rules: {layers}.\n\n{body}")
}

/// What `claimcheck rules` prints without `--dump`: the layers, the tolerances and
/// the curated subjects.
pub fn summary(rules: &Rules, project: Option<&Path>) -> String {
    let mut s = String::from("rules in effect: the built-in defaults");
    match project {
        Some(p) => s.push_str(&format!(", then {}\n", p.display())),
        None => s.push_str(" (no project rules.toml: `claimcheck init` writes a starter)\n"),
    }
    let t = rules.tolerance;
    s.push_str(&format!(
        "tolerances: approx {}, nearly {}, rounding {}, agree {}\n",
        t.approx, t.nearly, t.rounding, t.agree
    ));
    let n = rules.subjects.len();
    s.push_str(&format!("{n} curated subject{}\n", if n == 1 { "" } else { "s" }));
    for subj in &rules.subjects {
        s.push_str(&format!("  {}  {}\n", subj.id, subj.label));
    }
    s.push_str("`claimcheck rules --dump` prints them all as TOML\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The starter with every example enabled.
    fn enabled() -> String {
        STARTER
            .lines()
            .map(|l| match l.strip_prefix('#') {
                Some(rest) if !rest.is_empty() && !rest.starts_with([' ', '#']) => rest,
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn starter_parses_as_written_and_with_every_example() {
        let dir = tempfile::tempdir().unwrap();
        let p = write_starter(dir.path()).unwrap();
        assert_eq!(p, dir.path().join("rules.toml"));
        let r = Rules::load(Some(&p)).unwrap();
        assert!(r.subjects.is_empty(), "examples stay off until enabled");

        let q = dir.path().join("enabled.toml");
        std::fs::write(&q, enabled()).unwrap();
        let r = Rules::load(Some(&q)).unwrap_or_else(|e| panic!("{e}\n{}", enabled()));
        assert_eq!(r.subjects.len(), 1);
        assert_eq!(r.subjects[0].id, "gang-control-share");
        assert_eq!(r.aliases["anthony blinken"], "Antony Blinken");
        let units = r.merged.units.as_ref().unwrap();
        assert!(units["officer"].get_ref().iter().any(|w| w == "constable"), "lists extend the defaults'");
        assert!(units["officer"].get_ref().iter().any(|w| w == "troop"));
    }

    #[test]
    fn never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("rules.toml");
        std::fs::write(&p, "# mine\n").unwrap();
        let e = write_starter(&p).unwrap_err();
        assert!(e.to_string().contains("already exists"), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "# mine\n");
    }

    #[test]
    fn dump_reads_back() {
        let r = Rules::load(Some(Path::new("seeds/rules.toml"))).unwrap();
        let text = dump(&r, Some(Path::new("seeds/rules.toml")));
        assert!(text.contains("mss-first-contingent"));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("dumped.toml");
        std::fs::write(&p, &text).unwrap();
        let back = Rules::load(Some(&p)).unwrap();
        assert_eq!(back.subjects.len(), r.subjects.len());
        assert_eq!(back.tolerance.rounding, r.tolerance.rounding);
    }
}
