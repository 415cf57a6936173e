//! No data loss, no writes: `check` and `claims` change nothing in the folders they
//! read, and `--output` replaces a file whole or leaves it as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use claimcheck::app::write_atomic;

fn claimcheck() -> Command {
    let mut c = Command::cargo_bin("claimcheck").expect("binary built");
    c.env("NO_COLOR", "1").env_remove("GITHUB_STEP_SUMMARY");
    c
}

/// Everything about a tree that a write would change: each path (folders too) with
/// its contents, permissions and modification time.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u32, std::time::SystemTime)> {
    fn walk(p: &Path, out: &mut BTreeMap<PathBuf, (Vec<u8>, u32, std::time::SystemTime)>) {
        let m = std::fs::symlink_metadata(p).unwrap();
        #[cfg(unix)]
        let mode = std::os::unix::fs::PermissionsExt::mode(&m.permissions());
        #[cfg(not(unix))]
        let mode = u32::from(m.permissions().readonly());
        let bytes = if m.is_file() { std::fs::read(p).unwrap() } else { Vec::new() };
        out.insert(p.to_path_buf(), (bytes, mode, m.modified().unwrap()));
        if m.is_dir() {
            for e in std::fs::read_dir(p).unwrap() {
                walk(&e.unwrap().path(), out);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, &mut out);
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() { copy_tree(&p, &dest) } else { std::fs::copy(&p, &dest).map(|_| ()).unwrap() }
    }
}

#[cfg(unix)]
fn read_only(p: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let m = std::fs::metadata(p).unwrap();
    let mode = if m.is_dir() { 0o555 } else { 0o444 };
    if m.is_dir() {
        for e in std::fs::read_dir(p).unwrap() {
            read_only(&e.unwrap().path());
        }
    }
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn no_command_writes_into_what_it_reads() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("ro");
    copy_tree(Path::new("tests/fixtures"), &root.join("fixtures"));
    copy_tree(Path::new("seeds"), &root.join("seeds"));
    #[cfg(unix)]
    read_only(&root);
    let before = snapshot(&root);
    let mut runs = 0;
    for target in ["fixtures", "seeds", "."] {
        for format in ["human", "json", "markdown", "csv", "sarif", "github", "html"] {
            let o =
                claimcheck().current_dir(&root).args(["check", target, "--format", format]).output().unwrap();
            assert!(o.status.code().is_some_and(|c| c < 2), "check {target} {format}: {o:?}");
            runs += 1;
        }
        for format in ["human", "json"] {
            let o = claimcheck()
                .current_dir(&root)
                .args(["claims", target, "--format", format])
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(0), "claims {target} {format}: {o:?}");
            runs += 1;
        }
    }
    // With no path: the current folder.
    let o = claimcheck().current_dir(&root).arg("check").output().unwrap();
    assert!(o.status.code().is_some_and(|c| c < 2));
    assert_eq!(runs, 27);
    assert!(snapshot(&root) == before, "a command changed the folder it read");
    #[cfg(unix)]
    {
        // Let the temp dir be removed.
        use std::os::unix::fs::PermissionsExt;
        for p in before.keys().filter(|p| p.is_dir()) {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn write_atomic_under_a_file_fails_and_leaves_everything() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("report.json");
    std::fs::write(&file, "old").unwrap();
    let err = write_atomic(&file.join("x.json"), b"new").unwrap_err().to_string();
    assert!(
        err.contains("report.json/x.json: cannot write the report") && err.contains("is not a folder"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"old");
    assert_eq!(names(d.path()), ["report.json"], "no temporary file left");
}

#[test]
fn write_atomic_onto_a_folder_fails_and_leaves_it() {
    let d = tempfile::tempdir().unwrap();
    let folder = d.path().join("out");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("keep.txt"), "keep").unwrap();
    let err = write_atomic(&folder, b"new").unwrap_err().to_string();
    assert!(err.contains("it is a folder; give a file name for --output"), "{err}");
    assert_eq!(names(&folder), ["keep.txt"]);
    assert_eq!(names(d.path()), ["out"]);
}

#[test]
fn write_atomic_replaces_whole_and_leaves_no_temporary_file() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("report.json");
    std::fs::write(&file, "old old old old").unwrap();
    write_atomic(&file, b"new").unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), b"new");
    assert_eq!(names(d.path()), ["report.json"]);
}

/// `claimcheck check seeds/ -o OLD` with the file size capped below the report's
/// size (RLIMIT_FSIZE through the shell's `ulimit -f`): with SIGXFSZ ignored every
/// write past the cap fails (an injected failing writer), without it the kernel kills
/// the process in the middle of the write. Either way the old report is intact.
#[cfg(unix)]
#[test]
fn output_failing_or_killed_mid_write_leaves_the_old_file() {
    let bin = assert_cmd::cargo::cargo_bin("claimcheck");
    for (ignore_signal, what) in [(true, "failing writer"), (false, "killed mid-write")] {
        let d = tempfile::tempdir().unwrap();
        let old = d.path().join("report.json");
        std::fs::write(&old, "the old report").unwrap();
        let trap = if ignore_signal { "trap '' XFSZ; " } else { "" };
        let script = format!(
            "ulimit -f 8; {trap}exec '{}' check seeds/ --format json -o '{}'",
            bin.display(),
            old.display()
        );
        let o =
            std::process::Command::new("sh").arg("-c").arg(&script).env("NO_COLOR", "1").output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{what}: the write must have failed: {o:?}");
        assert_eq!(std::fs::read(&old).unwrap(), b"the old report", "{what}: the old report is intact");
        if ignore_signal {
            assert_eq!(o.status.code(), Some(2), "{what}: {stderr}");
            assert!(stderr.contains("report.json: cannot write the report: cannot write it"), "{stderr}");
            assert!(stderr.contains("File too large"), "{stderr}");
            assert_eq!(names(d.path()), ["report.json"], "{what}: the temporary file is removed");
        } else {
            // A killed process cannot clean up: at most its hidden temporary file
            // stays (hidden files are never read as articles).
            assert!(names(d.path()).iter().all(|n| n == "report.json" || n.starts_with(".claimcheck-")));
        }
    }
}
