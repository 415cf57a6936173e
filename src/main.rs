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
    /// List every extracted claim with its normalized value, subject and time
    /// (`--format jsonl`: the claims stream that `compare` reads).
    Claims(CommonArgs),
    /// Group, compare and report from claims streams alone (the reduce step over
    /// shards extracted apart with `claims --format jsonl`).
    Compare(CheckArgs),
    /// Merge JSON reports of disjoint block sets into the report one `check` gives.
    Merge {
        /// `check`/`compare --format json` reports.
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        /// Write the merged report to FILE (atomically).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
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
    /// The claims stream: one JSON record per line (`claims` only).
    Jsonl,
}

impl Format {
    /// Whether the format is a report of findings, which `claims` does not make.
    fn needs_findings(self) -> bool {
        !matches!(self, Format::Human | Format::Json | Format::Jsonl)
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
    let cli = Cli::parse();
    match real_main(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimcheck: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn real_main(cli: Cli) -> anyhow::Result<ExitCode> {
    let (common, check) = match &cli.command {
        Command::Check(c) | Command::Compare(c) => (&c.common, Some(c)),
        Command::Claims(c) => (c, None),
        Command::Merge { reports, output } => {
            emit(&claimcheck::stream::merge(reports)?, output.as_deref())?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    if check.is_some() && common.format == Format::Jsonl {
        anyhow::bail!("--format jsonl is the claims stream: use `claimcheck claims --format jsonl`");
    }
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
    let outcome = match &cli.command {
        Command::Compare(_) => compare(&opts)?,
        _ => app::run(&opts)?,
    };
    let mut failed_io = false;
    for i in &outcome.issues {
        if i.fatal {
            failed_io = true;
            eprintln!("claimcheck: error: {}: {}", i.path, i.message);
        } else if !common.quiet {
            eprintln!("claimcheck: warning: {}: {}", i.path, i.message);
        }
    }
    let text = render(&outcome, common.format, check);
    emit(&text, common.output.as_deref())?;
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

/// `compare`: the reduce step, from claims streams.
fn compare(opts: &Options) -> anyhow::Result<Outcome> {
    let rules = claimcheck::rules::Rules::load(opts.rules.as_deref())?;
    let read = claimcheck::stream::read(&opts.paths)?;
    let findings = app::judge(&read.docs, &read.prints, &read.claims, &rules);
    let run = claimcheck::report::Run { docs: read.docs, claims: read.claims, findings };
    Ok(Outcome { run, issues: Vec::new(), rules, prints: read.prints })
}

/// Writes the report to `output` (atomically) or standard output (a closed pipe is
/// not an error: `claimcheck check | head` exits quietly).
fn emit(text: &str, output: Option<&std::path::Path>) -> anyhow::Result<()> {
    match output {
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
    Ok(())
}

fn render(o: &Outcome, format: Format, check: Option<&CheckArgs>) -> String {
    match (format, check) {
        (Format::Jsonl, _) => claimcheck::stream::render(o),
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
