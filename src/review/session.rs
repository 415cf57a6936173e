//! The interactive review: each open flag finding in turn, as the terminal report
//! shows it (the claims with their values, the word diff of the two sentences), then
//! a decision and a mandatory one-line reason.
//!
//! Input is read line by line from any [`BufRead`], so the same loop serves a person
//! at a terminal and a script piping answers in; output goes to any [`Write`]. The
//! session changes only the [`ReviewFile`] it is given: the caller writes it.

use std::io::{self, BufRead, Write};
use std::path::Path;

use super::{Decision, ReviewFile, entry};
use crate::model::Finding;
use crate::report::{Run, human};

/// What the session is asked to do.
pub struct Options<'a> {
    /// Revisit findings that already have a decision (else only open ones).
    pub all: bool,
    /// The date written on new decisions (ISO).
    pub today: &'a str,
    /// Write each answer after its prompt (input that a terminal does not echo).
    pub echo: bool,
}

/// What happened.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Flag findings offered.
    pub offered: usize,
    /// Decisions recorded.
    pub recorded: usize,
    /// Findings skipped.
    pub skipped: usize,
    /// Findings left when the editor quit or the input ended.
    pub left: usize,
}

impl Tally {
    /// The session's last line: what was recorded where, or why there was nothing
    /// to review.
    pub fn summary(&self, run: &Run, file: &Path) -> String {
        let flags = run.findings.iter().filter(|f| f.status.is_flag()).count();
        if self.offered == 0 {
            return if flags == 0 {
                "nothing to review: no conflicts, discrepancies or weekday mismatches\n".to_string()
            } else {
                format!(
                    "nothing to review: every flag finding ({flags}) has a decision in {} (--all revisits them)\n",
                    file.display()
                )
            };
        }
        let written = if self.recorded > 0 { format!(" in {}", file.display()) } else { String::new() };
        format!(
            "{} decision{} recorded{written}, {} skipped, {} left\n",
            self.recorded,
            if self.recorded == 1 { "" } else { "s" },
            self.skipped,
            self.left
        )
    }
}

/// The prompt's answer to "decision?".
enum Answer {
    Decide(Decision),
    Skip,
    Quit,
}

fn answer(line: &str) -> Option<Answer> {
    Some(match line.trim().to_lowercase().as_str() {
        "c" | "confirmed" | "confirm" => Answer::Decide(Decision::Confirmed),
        "n" | "not-same-fact" | "not same fact" => Answer::Decide(Decision::NotSameFact),
        "a" | "accepted" | "accept" => Answer::Decide(Decision::Accepted),
        "s" | "skip" => Answer::Skip,
        "q" | "quit" => Answer::Quit,
        _ => return None,
    })
}

const CHOICES: &str =
    "[c]onfirmed (a real error), [n]ot-same-fact, [a]ccepted (known disagreement), [s]kip, [q]uit";

/// The flag findings a session offers: every flag of the run when `all`, else those
/// with no decision yet, in report order.
pub fn open<'a>(run: &'a Run, file: &ReviewFile, all: bool) -> Vec<&'a Finding> {
    run.findings.iter().filter(|f| f.status.is_flag() && (all || file.get(&f.id).is_none())).collect()
}

/// Runs the session: for each finding [`open`] returns, shows it, reads a decision
/// and a reason (asking again while the answer is not a choice or the reason is
/// empty) and records it in `file`. Ends at the last finding, on `q`, or when the
/// input ends (a decision whose reason never came is not recorded).
pub fn run<R: BufRead, W: Write>(
    run: &Run,
    file: &mut ReviewFile,
    input: &mut R,
    out: &mut W,
    opts: &Options,
) -> io::Result<Tally> {
    let todo = open(run, file, opts.all);
    let mut tally = Tally { offered: todo.len(), ..Tally::default() };
    for (n, f) in todo.iter().enumerate() {
        writeln!(out, "── finding {} of {} ──", n + 1, todo.len())?;
        // With `all`, a finding already decided shows its decision (the run's
        // reviews come from the same file).
        out.write_all(human::finding_text(run, f).as_bytes())?;
        let decision = loop {
            write!(out, "decision? {CHOICES}: ")?;
            out.flush()?;
            let Some(line) = read_line(input, out, opts.echo)? else {
                tally.left = todo.len() - n;
                return Ok(tally);
            };
            match answer(&line) {
                Some(a) => break a,
                None => writeln!(out, "“{}” is not a choice.", line.trim())?,
            }
        };
        let decision = match decision {
            Answer::Decide(d) => d,
            Answer::Skip => {
                tally.skipped += 1;
                writeln!(out, "skipped.\n")?;
                continue;
            }
            Answer::Quit => {
                tally.left = todo.len() - n;
                return Ok(tally);
            }
        };
        let reason = loop {
            write!(out, "reason (one line, required): ")?;
            out.flush()?;
            let Some(line) = read_line(input, out, opts.echo)? else {
                tally.left = todo.len() - n;
                return Ok(tally);
            };
            let line = line.trim().to_string();
            if !line.is_empty() {
                break line;
            }
            writeln!(out, "a reason is required: say in one line why.")?;
        };
        file.record(entry(run, f, decision, &reason, opts.today, &file.path.clone()));
        tally.recorded += 1;
        writeln!(out, "recorded: {} — {reason}\n", decision.name())?;
    }
    Ok(tally)
}

/// One line of input without its line break (echoed when `echo`); `None` at the end
/// of the input.
fn read_line<R: BufRead, W: Write>(input: &mut R, out: &mut W, echo: bool) -> io::Result<Option<String>> {
    let mut s = String::new();
    if input.read_line(&mut s)? == 0 {
        if echo {
            writeln!(out)?;
        }
        return Ok(None);
    }
    let line = s.trim_end_matches(['\n', '\r']).to_string();
    if echo {
        writeln!(out, "{line}")?;
    }
    Ok(Some(line))
}
