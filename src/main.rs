//! The `claimcheck` command line: parse arguments, run the library, print, exit.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use claimcheck::app::{self, Options, Outcome};
use claimcheck::model::Severity;
use claimcheck::report::{csv, github, html, human, json, markdown, sarif};

/// A fact-consistency linter for folders of news articles.
#[derive(Parser)]
#[command(name = "claimcheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint: report agreements and conflicts between articles (exit 1 on findings at or above --fail-on).
    Check(CheckArgs),
    /// List every extracted claim with its normalized value, subject and time.
    Claims(CommonArgs),
}

#[derive(clap::Args)]
struct CommonArgs {
    /// Files and folders to read (default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// A rules file layered over the defaults (default: rules.toml beside the articles).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// A sources manifest giving each article's date and outlet (default: sources.toml beside the articles).
    #[arg(long, value_name = "FILE")]
    sources: Option<PathBuf>,
    /// When to color the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Print no warnings.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Lowest finding that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Conflict)]
    fail_on: FailOn,
    /// Leave agreements out of the human report.
    #[arg(long)]
    no_agreements: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    /// The terminal report.
    Human,
    /// The `claimcheck/report/v1` JSON document.
    Json,
    /// A Markdown report (pull-request comments, step summaries).
    Markdown,
    /// One row per claim of each finding.
    Csv,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions annotations (and the Markdown report into $GITHUB_STEP_SUMMARY).
    Github,
    /// A self-contained HTML page for editors.
    Html,
}

impl Format {
    /// Whether the format is a report of findings, which `claims` does not make.
    fn needs_findings(self) -> bool {
        !matches!(self, Format::Human | Format::Json)
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// Errors (conflicts by default).
    Conflict,
    /// Errors and warnings (discrepancies, weekday mismatches).
    Discrepancy,
    /// Never fail on findings.
    Never,
}

fn main() -> ExitCode {
    // A bug is still exit 2 ("could not do what was asked") with one line saying so,
    // not Rust's 101 and a backtrace; RUST_BACKTRACE=1 shows the backtrace.
    std::panic::set_hook(Box::new(|info| {
        let bt = std::env::var_os("RUST_BACKTRACE")
            .filter(|v| v != "0")
            .map(|_| format!("\n{}", std::backtrace::Backtrace::force_capture()))
            .unwrap_or_default();
        say(&format!(
            "claimcheck: internal error: {info}\nThis is a bug in claimcheck: please report it with the input \
             that caused it.{bt}"
        ));
    }));
    let cli = Cli::parse();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| real_main(cli))) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            report_error(&e);
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

/// Prints an error: a rules or sources file's problems one per line, each with its
/// `file:line:col`.
fn report_error(e: &anyhow::Error) {
    match e.downcast_ref::<claimcheck::Error>() {
        Some(claimcheck::Error::Config(problems)) => {
            for p in problems {
                say(&format!("claimcheck: error: {p}"));
            }
        }
        // The library's errors already say what caused them.
        Some(e) => say(&format!("claimcheck: error: {e}")),
        None => say(&format!("claimcheck: error: {e:#}")),
    }
}

/// Writes a line to stderr; a closed stderr is no reason to panic.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn real_main(cli: Cli) -> anyhow::Result<ExitCode> {
    let (common, check) = match &cli.command {
        Command::Check(c) => (&c.common, Some(c)),
        Command::Claims(c) => (c, None),
    };
    let tty = std::io::stdout().is_terminal() && common.output.is_none();
    match common.color {
        Color::Always => colored::control::set_override(true),
        Color::Never => colored::control::set_override(false),
        Color::Auto if !tty || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => {
            colored::control::set_override(false)
        }
        Color::Auto => {}
    }
    if check.is_none() && common.format.needs_findings() {
        let name = common.format.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
        anyhow::bail!(
            "--format {name} reports findings, and `claims` finds none: use `claimcheck check --format {name}`, \
             or `claims --format human|json`"
        );
    }
    if !matches!(common.format, Format::Human) {
        colored::control::set_override(false);
    }
    let opts = Options {
        paths: if common.paths.is_empty() { vec![PathBuf::from(".")] } else { common.paths.clone() },
        rules: common.rules.clone(),
        sources: common.sources.clone(),
        claims_only: check.is_none(),
    };
    if let Some(path) = &common.output {
        app::check_output(path)?;
    }
    let outcome = app::run(&opts)?;
    let mut failed_io = false;
    for i in &outcome.issues {
        if i.fatal {
            failed_io = true;
            say(&format!("claimcheck: error: {}: {}", i.path, i.message));
        } else if !common.quiet {
            say(&format!("claimcheck: warning: {}: {}", i.path, i.message));
        }
    }
    let text = render(&outcome, common.format, check);
    match &common.output {
        Some(path) => app::write_atomic(path, text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    if common.format == Format::Github {
        if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            append_step_summary(&PathBuf::from(path), &markdown::render(&outcome.run))?;
        }
    }
    if failed_io {
        return Ok(ExitCode::from(2));
    }
    let failing = check.is_some_and(|c| {
        let floor = match c.fail_on {
            FailOn::Conflict => Severity::Error,
            FailOn::Discrepancy => Severity::Warning,
            FailOn::Never => return false,
        };
        outcome.run.findings.iter().any(|f| f.status.is_flag() && f.severity >= floor)
    });
    Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn render(o: &Outcome, format: Format, check: Option<&CheckArgs>) -> String {
    match (format, check) {
        (Format::Json, c) => json::render(&o.run, c.is_some()),
        (Format::Markdown, _) => markdown::render(&o.run),
        (Format::Csv, _) => csv::render(&o.run),
        (Format::Sarif, _) => sarif::render(&o.run),
        (Format::Github, _) => github::render(&o.run),
        (Format::Html, _) => html::render(&o.run),
        (Format::Human, Some(c)) => human::render(&o.run, !c.no_agreements),
        (Format::Human, None) => claims_table(o),
    }
}

/// Appends the Markdown report to the job summary file GitHub Actions names in
/// `GITHUB_STEP_SUMMARY`: annotations are capped at 10 per level and step, the
/// summary holds every finding. Appending (not replacing) keeps what earlier steps
/// wrote there.
fn append_step_summary(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    use anyhow::Context;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("{}: cannot open GITHUB_STEP_SUMMARY", path.display()))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("{}: cannot write GITHUB_STEP_SUMMARY", path.display()))
}

fn claims_table(o: &Outcome) -> String {
    let run = &o.run;
    let mut s = String::new();
    for d in &run.docs {
        let date = d.date.map_or("unknown".to_string(), |x| x.to_string());
        s.push_str(&format!("# {}  date {} ({})\n", d.path, date, d.date_source.name()));
    }
    for c in &run.claims {
        s.push_str(&format!(
            "{}:{}:{}\t{}\t{}\t= {}\t{}\n",
            run.docs[c.doc].path,
            c.line,
            c.column,
            c.kind.name(),
            run.claim_text(c),
            human::show_value(c),
            if c.subject.is_empty() { "-" } else { &c.subject }
        ));
    }
    s
}
