//! The library's errors: each names the file it is about, so the CLI can print it as is.

use std::fmt;
use std::path::PathBuf;

/// Everything that stops claimcheck from doing what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A path given on the command line does not exist.
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    /// One or more problems in a rules file, a sources manifest or a review file,
    /// each with its position.
    #[error("{}", display_problems(.0))]
    Config(Vec<Problem>),
    /// A claims stream or a report that cannot be read back.
    #[error("{}:{line}: {message}", path.display())]
    Stream {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One problem in a configuration file, located by line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl Problem {
    /// A problem at byte offset `at` of `text`, the contents of `path`.
    pub fn at(path: &std::path::Path, text: &str, at: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(text, at);
        Problem { path: path.to_path_buf(), line, column, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path.display(), self.line, self.column, self.message)
    }
}

fn display_problems(ps: &[Problem]) -> String {
    ps.iter().map(Problem::to_string).collect::<Vec<_>>().join("\n")
}

/// 1-based line and character column of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Line starts of a text, so that many positions cost a binary search each instead
/// of a scan from the start ([`line_col`] for one).
pub struct Lines(Vec<usize>);

impl Lines {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        Lines(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// 1-based line and character column of byte offset `at` in `text` (the text indexed).
    pub fn line_col(&self, text: &str, at: usize) -> (usize, usize) {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.0.partition_point(|&s| s <= at);
        let start = self.0[line - 1];
        (line, text[start..at].chars().count() + 1)
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_positions_equal_scanned_ones() {
        let text = "a\nbé c\r\n\nlast 🇰🇪 line";
        let lines = Lines::new(text);
        for at in 0..=text.len() + 2 {
            assert_eq!(lines.line_col(text, at), line_col(text, at), "at {at}");
        }
        assert_eq!(lines.line_col(text, text.find("last").unwrap()), (4, 1));
    }
}
