//! The `claimcheck` command line: parse arguments, run the library, print, exit.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use claimcheck::app::{self, Options, Outcome};
use claimcheck::model::Severity;
use claimcheck::report::{csv, github, html, human, json, markdown, sarif};
use claimcheck::review::{self, ReviewFile, session};

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
    Claims(ClaimsArgs),
    /// Group, compare and report from claims streams alone (the reduce step over
    /// shards extracted apart with `claims --format jsonl`).
    Compare(CheckArgs),
    /// Settle the folder-wide year prior over claims streams: print it (or `none`),
    /// then the documents to extract again with `claims --format jsonl --year-prior
    /// YEAR` (their shard's prior dated them otherwise), one a line.
    Prior {
        /// Claims streams of every shard (only their document records are read).
        #[arg(required = true)]
        streams: Vec<PathBuf>,
    },
    /// Merge JSON reports of disjoint block sets into the report one `check` gives.
    Merge {
        /// `check`/`compare --format json` reports.
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        /// Write the merged report to FILE (atomically).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Walk through the open conflicts, discrepancies and weekday mismatches and record a decision for each.
    Review(ReviewArgs),
    /// Explain a finding (its claims, their values, context and the tolerances) or a rule.
    Explain(ExplainArgs),
    /// Write a commented starter rules.toml (never overwrites a file).
    Init(InitArgs),
    /// Show the rules in effect after layering (--dump prints them as TOML).
    Rules(RulesArgs),
}

/// What to read: the articles and the files beside them.
#[derive(clap::Args)]
struct InputArgs {
    /// Files and folders to read (default: the current folder).
    paths: Vec<PathBuf>,
    /// A rules file layered over the defaults (default: rules.toml beside the articles).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// A sources manifest giving each article's date and outlet (default: sources.toml beside the articles).
    #[arg(long, value_name = "FILE")]
    sources: Option<PathBuf>,
    /// Print no warnings.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(clap::Args)]
struct CommonArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// When to color the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(clap::Args)]
struct ClaimsArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Date the articles that nothing of their own dates with this year as the folder's
    /// (the one `claimcheck prior` settled over every shard), not their shard's.
    #[arg(long, value_name = "YEAR")]
    year_prior: Option<i32>,
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
    /// The review file of editors' decisions (default: claimcheck-review.toml beside the articles, if there is one).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

#[derive(clap::Args)]
struct ReviewArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The review file to read and write (default: claimcheck-review.toml in the first folder given).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Print the recorded decisions instead of reviewing.
    #[arg(long)]
    list: bool,
    /// Also revisit findings that already have a decision.
    #[arg(long)]
    all: bool,
    /// When to color the findings shown.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// A finding id (F…, or a unique start of one) or a rule: conflict, discrepancy, weekday-mismatch, agreement, timeline, estimates.
    target: String,
    #[command(flatten)]
    input: InputArgs,
    /// The review file (default: claimcheck-review.toml beside the articles, if there is one).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

#[derive(clap::Args)]
struct InitArgs {
    /// Where to write it (a folder gets rules.toml inside it).
    #[arg(default_value = "rules.toml")]
    path: PathBuf,
}

#[derive(clap::Args)]
struct RulesArgs {
    /// Print the effective rules (defaults with the project file layered over them) as TOML.
    #[arg(long)]
    dump: bool,
    /// A rules file layered over the defaults (default: rules.toml in the first folder given).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Folders whose rules.toml to use (default: the current folder).
    paths: Vec<PathBuf>,
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

/// A run allocates a few small strings per token and per claim: mimalloc serves
/// them in a fraction of the instructions glibc's malloc takes (malloc and free were
/// a fifth of a run's instructions). Built without transparent huge pages (the
/// `no_thp` feature): with them the kernel zeroed whole 2 MiB pages for small heaps,
/// 2.2 s of system time on BBC x10 instead of 0.8.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    match &cli.command {
        Command::Check(c) => lint(&c.common, Some(c), false, None),
        Command::Compare(c) => lint(&c.common, Some(c), true, None),
        Command::Claims(c) => lint(&c.common, None, false, c.year_prior),
        Command::Prior { streams } => {
            let s = claimcheck::stream::settle(streams)?;
            let mut out = s.year.map_or("none".to_string(), |y| y.to_string());
            out.push('\n');
            for p in &s.stale {
                out.push_str(p);
                out.push('\n');
            }
            emit(&out, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Merge { reports, output } => {
            emit(&claimcheck::stream::merge(reports)?, output.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Review(r) => review(r),
        Command::Explain(e) => explain(e),
        Command::Init(i) => {
            let path = claimcheck::init::write_starter(&i.path)?;
            println!(
                "wrote {}: enable the examples you need, then `claimcheck rules --dump` shows the rules in effect",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules(r) => rules(r),
    }
}

/// Sets `colored`'s switch: `--color`, else color when the output is a terminal and
/// `NO_COLOR` is unset.
fn set_color(color: Color, tty: bool) {
    match color {
        Color::Always => colored::control::set_override(true),
        Color::Never => colored::control::set_override(false),
        Color::Auto if !tty || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => {
            colored::control::set_override(false)
        }
        Color::Auto => {}
    }
}

fn options(input: &InputArgs, claims_only: bool) -> Options {
    Options {
        paths: if input.paths.is_empty() { vec![PathBuf::from(".")] } else { input.paths.clone() },
        rules: input.rules.clone(),
        sources: input.sources.clone(),
        claims_only,
        year_prior: None,
    }
}

/// The review file `check` and `explain` apply: `--baseline FILE` (which must
/// exist), else the one beside the articles if there is one.
fn review_file(baseline: Option<&Path>, opts: &Options) -> anyhow::Result<ReviewFile> {
    Ok(match baseline {
        Some(b) => ReviewFile::read(b)?,
        None => ReviewFile::read_if_exists(&review::locate(None, &opts.paths))?,
    })
}

/// Runs the pipeline (with a progress counter on a terminal) and prints what load
/// and suppression had to say; `true` when a file could not be read.
fn run_pipeline(opts: &Options, quiet: bool) -> anyhow::Result<(Outcome, bool)> {
    let outcome = if !quiet && std::io::stderr().is_terminal() {
        let bar = Counter::new();
        let o = app::run_with(opts, &bar);
        bar.finish();
        o?
    } else {
        app::run(opts)?
    };
    let mut failed_io = false;
    for i in &outcome.issues {
        if i.fatal {
            failed_io = true;
            say(&format!("claimcheck: error: {}: {}", i.path, i.message));
        } else if !quiet {
            say(&format!("claimcheck: warning: {}: {}", i.path, i.message));
        }
    }
    if !quiet {
        for m in outcome.markers.iter().filter(|m| m.suppressed == 0) {
            let why = match m.target {
                Some(t) => format!("line {t} has no claim to suppress"),
                None => "no line follows it".to_string(),
            };
            say(&format!(
                "claimcheck: warning: {}:{}:{}: unused claimcheck-ignore ({why}): move it to the line before the figure, or remove it",
                outcome.run.docs[m.doc].path, m.line, m.column
            ));
        }
    }
    Ok((outcome, failed_io))
}

fn warn_stale(run: &claimcheck::report::Run, quiet: bool) {
    if quiet {
        return;
    }
    for s in &run.stale {
        let what = match (s.status.as_str(), s.label.as_str()) {
            ("", "") => String::new(),
            (st, "") => format!(" ({st})"),
            ("", l) => format!(" ({l})"),
            (st, l) => format!(" ({st}, {l})"),
        };
        say(&format!(
            "claimcheck: warning: {}:{}:{}: stale review of {}{what}: it matches no finding any more (the sentences or figures changed); remove the entry, or run `claimcheck review`",
            s.path.display(),
            s.line,
            s.column,
            s.id
        ));
    }
}

/// `check`, `claims` and (with `reduce`) `compare`, whose paths are claims streams.
fn lint(
    common: &CommonArgs,
    check: Option<&CheckArgs>,
    reduce: bool,
    year_prior: Option<i32>,
) -> anyhow::Result<ExitCode> {
    if check.is_some() && common.format == Format::Jsonl {
        anyhow::bail!("--format jsonl is the claims stream: use `claimcheck claims --format jsonl`");
    }
    let tty = std::io::stdout().is_terminal() && common.output.is_none();
    set_color(common.color, tty);
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
    let opts = Options { year_prior, ..options(&common.input, check.is_none()) };
    // Read first: a broken review file stops the run before any work.
    let reviews = match check {
        Some(c) => Some(review_file(c.baseline.as_deref(), &opts)?),
        None => None,
    };
    if let Some(path) = &common.output {
        app::check_output(path)?;
    }
    let (mut outcome, failed_io) =
        if reduce { (compare(&opts)?, false) } else { run_pipeline(&opts, common.input.quiet)? };
    if let Some(file) = &reviews {
        review::apply(file, &mut outcome.run);
        warn_stale(&outcome.run, common.input.quiet);
    }
    emit_with(common.output.as_deref(), |w| write_report(&outcome, common.format, check, w))?;
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
        // Accepted and not-same-fact findings are reviewed away; confirmed ones fail.
        let run = &outcome.run;
        run.findings.iter().any(|f| f.status.is_flag() && f.severity >= floor && !run.waived(f))
    });
    Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn review(a: &ReviewArgs) -> anyhow::Result<ExitCode> {
    set_color(a.color, std::io::stdout().is_terminal());
    let opts = options(&a.input, false);
    let path = review::locate(a.baseline.as_deref(), &opts.paths);
    let mut file = ReviewFile::read_if_exists(&path)?;
    let (mut outcome, failed_io) = run_pipeline(&opts, a.input.quiet)?;
    if failed_io {
        anyhow::bail!(
            "some articles could not be read (above): review needs every finding, so nothing was recorded"
        );
    }
    review::apply(&file, &mut outcome.run);
    warn_stale(&outcome.run, a.input.quiet);
    let run = &outcome.run;
    if a.list {
        print!("{}", review::listing(run, &file));
        return Ok(ExitCode::SUCCESS);
    }
    let today = review::today();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout().lock();
    // Answers piped in are not echoed by a terminal: echo them, so a scripted
    // session's transcript reads like an interactive one.
    let echo = !std::io::stdin().is_terminal();
    let opts = session::Options { all: a.all, today: &today, echo };
    let tally = session::run(run, &mut file, &mut input, &mut out, &opts)?;
    if tally.recorded > 0 {
        file.write()?;
    }
    write!(out, "{}", tally.summary(run, &path))?;
    Ok(ExitCode::SUCCESS)
}

fn explain(a: &ExplainArgs) -> anyhow::Result<ExitCode> {
    set_color(Color::Never, false);
    let target = claimcheck::explain::target(&a.target).map_err(anyhow::Error::msg)?;
    let opts = options(&a.input, false);
    let text = match target {
        claimcheck::explain::Target::Rule(r) => {
            let rules = claimcheck::rules::Rules::load(app::project_rules(&opts).as_deref())?;
            claimcheck::explain::rule(r, &rules)
        }
        claimcheck::explain::Target::Finding(id) => {
            let reviews = review_file(a.baseline.as_deref(), &opts)?;
            let (mut outcome, failed_io) = run_pipeline(&opts, a.input.quiet)?;
            review::apply(&reviews, &mut outcome.run);
            let f = match claimcheck::explain::find(&outcome.run, id) {
                Ok(f) => f,
                Err(e) if failed_io => anyhow::bail!("{e} (and some articles could not be read)"),
                Err(e) => anyhow::bail!(e),
            };
            claimcheck::explain::finding(&outcome.run, f, &outcome.rules)
        }
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

fn rules(a: &RulesArgs) -> anyhow::Result<ExitCode> {
    let paths = if a.paths.is_empty() { vec![PathBuf::from(".")] } else { a.paths.clone() };
    if let Some(p) = paths.iter().find(|p| !p.exists()) {
        return Err(claimcheck::Error::NotFound(p.clone()).into());
    }
    let opts = Options { paths, rules: a.rules.clone(), ..Options::default() };
    let project = app::project_rules(&opts);
    let rules = claimcheck::rules::Rules::load(project.as_deref())?;
    if a.dump {
        print!("{}", claimcheck::init::dump(&rules, project.as_deref()));
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", claimcheck::init::summary(&rules, project.as_deref()));
    Ok(ExitCode::SUCCESS)
}

/// `compare`: the reduce step, from claims streams.
fn compare(opts: &Options) -> anyhow::Result<Outcome> {
    let rules = claimcheck::rules::Rules::load(opts.rules.as_deref())?;
    let read = claimcheck::stream::read(&opts.paths)?;
    let findings = app::judge(&read.docs, &read.prints, &read.claims, &rules)?;
    let run = claimcheck::report::Run {
        docs: read.docs,
        claims: read.claims,
        findings,
        reviews: Default::default(),
        stale: Vec::new(),
    };
    Ok(Outcome { run, issues: Vec::new(), rules, prints: read.prints, markers: Vec::new() })
}

/// Writes the report to `output` (atomically) or standard output (a closed pipe is
/// not an error: `claimcheck check | head` exits quietly).
fn emit(text: &str, output: Option<&Path>) -> anyhow::Result<()> {
    emit_with(output, |w| w.write_all(text.as_bytes()))
}

/// [`emit`] of what `write` writes, as it writes it.
fn emit_with(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match output {
        Some(path) => app::write_atomic_with(path, write)?,
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            if let Err(e) = write(&mut out).and_then(|()| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    Ok(())
}

/// Writes the report in `format`: JSON, the claims stream and the human report as
/// they are rendered (see [`claimcheck::report::rendered`]), the other formats
/// rendered whole first.
fn write_report(
    o: &Outcome,
    format: Format,
    check: Option<&CheckArgs>,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let text = match (format, check) {
        (Format::Json, c) => return json::write(&o.run, c.is_some(), w),
        (Format::Jsonl, _) => return claimcheck::stream::write(o, w),
        (Format::Markdown, _) => markdown::render(&o.run),
        (Format::Csv, _) => csv::render(&o.run),
        (Format::Sarif, _) => sarif::render(&o.run),
        (Format::Github, _) => github::render(&o.run),
        (Format::Html, _) => html::render(&o.run),
        (Format::Human, Some(c)) => return human::write(&o.run, !c.no_agreements, w),
        (Format::Human, None) => claims_table(o),
    };
    w.write_all(text.as_bytes())
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
            run.docs[c.doc_index()].path,
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

/// A progress counter on standard error for runs that take more than a second:
/// "claimcheck: 1200/5000 documents", rewritten in place, erased at the end. The
/// CLI uses it only when standard error is a terminal and `--quiet` is not given.
struct Counter {
    start: std::time::Instant,
    /// When the line was last drawn (`None`: not yet).
    drawn: std::sync::Mutex<Option<std::time::Instant>>,
}

impl Counter {
    const DELAY: std::time::Duration = std::time::Duration::from_secs(1);
    const EVERY: std::time::Duration = std::time::Duration::from_millis(100);

    fn new() -> Self {
        Counter { start: std::time::Instant::now(), drawn: std::sync::Mutex::new(None) }
    }

    /// Erases the line if it was drawn.
    fn finish(&self) {
        if self.drawn.lock().map(|d| d.is_some()).unwrap_or(false) {
            eprint!("\r\x1b[2K");
        }
    }
}

impl Counter {
    /// Draws `line` over the last one, at most every [`Counter::EVERY`] unless
    /// `force`, and only once the run has taken [`Counter::DELAY`].
    fn draw(&self, line: &str, force: bool) {
        let now = std::time::Instant::now();
        if now - self.start < Self::DELAY {
            return;
        }
        // Workers that find the lock taken skip a redraw rather than wait.
        let Ok(mut drawn) = self.drawn.try_lock() else { return };
        if drawn.is_some_and(|t| now - t < Self::EVERY) && !force {
            return;
        }
        *drawn = Some(now);
        // One write, so the line never shows half-drawn.
        let text = format!("\r\x1b[2Kclaimcheck: {line}");
        eprint!("{text}");
    }
}

impl app::Progress for Counter {
    fn documents(&self, done: usize, total: usize) {
        self.draw(&format!("{done}/{total} documents"), done == total);
    }

    fn comparing(&self) {
        self.draw("comparing claims…", true);
    }
}
