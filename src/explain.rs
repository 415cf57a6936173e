//! `claimcheck explain`: why two claims were grouped and how they were judged, laid
//! out field by field — or what a rule checks.
//!
//! Nothing here judges anything: it prints what normalize, group and compare put on
//! the claims and the finding, and the rules' tolerances those stages used.

use std::fmt::Write;

use crate::copies;
use crate::model::{Claim, Finding, Kind, Status};
use crate::name::Name;
use crate::report::json::{ends, num};
use crate::report::registry::{self, RULES, Rule};
use crate::report::{Run, doc_date, human, severity_name};
use crate::rules::Rules;

/// What `explain` was asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A rule, by id ("weekday-mismatch"; the status name "weekday_mismatch" too).
    Rule(Status),
    /// A finding, by id or a unique prefix of one.
    Finding(&'a str),
}

/// Reads the argument: a rule name, else something shaped like a finding id
/// (`F` and hex digits); anything else is an error naming what is accepted.
pub fn target(arg: &str) -> Result<Target<'_>, String> {
    let a = arg.trim();
    if let Some(r) = RULES.iter().find(|r| r.id == a || r.status.name() == a) {
        return Ok(Target::Rule(r.status));
    }
    let hex =
        a.strip_prefix(['F', 'f']).is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()));
    if hex {
        return Ok(Target::Finding(a));
    }
    Err(format!(
        "`{a}` is neither a rule nor a finding id: rules are {}; finding ids look like F823178665d92 \
         (see `claimcheck check`)",
        RULES.iter().map(|r| r.id).collect::<Vec<_>>().join(", ")
    ))
}

/// The finding with id `id` (case-insensitive), or the only one it is a prefix of.
pub fn find<'a>(run: &'a Run, id: &str) -> Result<&'a Finding, String> {
    let want = id.trim().to_ascii_lowercase();
    if let Some(f) = run.findings.iter().find(|f| f.id.to_ascii_lowercase() == want) {
        return Ok(f);
    }
    let matches: Vec<&Finding> =
        run.findings.iter().filter(|f| f.id.to_ascii_lowercase().starts_with(&want)).collect();
    match matches.as_slice() {
        [f] => Ok(f),
        [] => Err(format!(
            "no finding `{id}` in these articles ({} findings): ids change when a finding's sentences or \
             figures change; run `claimcheck check` to list the current ones",
            run.findings.len()
        )),
        many => Err(format!(
            "`{id}` is the start of {} finding ids ({}): give more of it",
            many.len(),
            many.iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// A rule's description: title, id, what it checks, what to do, default severity,
/// and the severity the rules in effect give it.
pub fn rule(status: Status, rules: &Rules) -> String {
    let r: &Rule = registry::rule(status);
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", r.title, r.id);
    let _ = writeln!(out, "  {}", r.short);
    let _ = writeln!(out, "\n  what it checks: {}", r.full);
    let _ = writeln!(out, "  what to do:     {}", r.help);
    let effective =
        rules.severity.get(&r.status).copied().unwrap_or_else(|| registry::default_severity(r.status));
    let _ = writeln!(
        out,
        "  severity:       {} (default {}; set it in rules.toml [severity] {} = \"…\")",
        severity_name(effective),
        severity_name(registry::default_severity(r.status)),
        r.status.name()
    );
    out
}

/// A finding, field by field: what it says, the subject that grouped its claims,
/// every claim with its normalized value and the context behind its subject, the gap
/// between the two sides, the tolerances, and the editor's decision if any.
pub fn finding(run: &Run, f: &Finding, rules: &Rules) -> String {
    let mut out = String::new();
    let r = registry::rule(f.status);
    let _ = writeln!(out, "finding {}", f.id);
    let _ = writeln!(out, "  status    {} — {}", f.status.name(), r.short);
    let _ = writeln!(out, "  severity  {}", severity_name(f.severity));
    let _ = writeln!(out, "  subject   {}", f.subject);
    let _ = writeln!(out, "  label     {}", f.label);
    let curated = run.claims_of(f).find_map(|c| c.label.as_ref().map(|_| c.subject));
    let sides = run.sides(f);
    // A finding of one source holds copies of one article only.
    let copied = sides.first.first().zip(sides.second.first()).is_some_and(|(a, b)| {
        copies::same_sentence(
            a,
            &run.docs[a.doc_index()].text,
            b,
            &run.docs[b.doc_index()].text,
            f.sources == 1,
        )
    });
    let _ = writeln!(
        out,
        "  grouped   {}",
        match curated {
            Some(id) => format!(
                "by the curated subject `{id}` in rules.toml (its cues matched every claim's sentence)"
            ),
            None if copied => "by the sentence: the same in both articles but for the figure (a copy)".into(),
            None =>
                "by the generic key: kind / unit / event / role / modality built from each claim's sentence"
                    .into(),
        }
    );
    let _ = writeln!(out, "  sources   {} independent (near-duplicate articles count once)", f.sources);
    let _ = writeln!(out, "  message   {}", f.message);
    match human::reviewed_line(run, f) {
        Some(line) => {
            let _ = writeln!(out, "  review    {}", line.trim_start_matches("reviewed: "));
        }
        None if f.status.is_flag() => {
            let _ = writeln!(out, "  review    open (no decision in the review file)");
        }
        None => {}
    }
    let n = f.claims.len();
    for (i, c) in run.claims_of(f).enumerate() {
        let _ = writeln!(out);
        claim(&mut out, run, c, i + 1, n);
    }
    if f.status.is_flag() && !sides.second.is_empty() {
        let (a, b) = (sides.first[0], sides.second[0]);
        let gap = a.value.interval.gap(&b.value.interval);
        let big = a.value.interval.hi().abs().max(b.value.interval.hi().abs());
        let _ = writeln!(out, "\nsides");
        let _ = writeln!(
            out,
            "  “{}” = {}  vs  “{}” = {}",
            run.claim_text(a),
            human::show_value(a),
            run.claim_text(b),
            human::show_value(b)
        );
        match a.kind {
            Kind::Date => {
                let _ = writeln!(out, "  gap       {} days between the intervals", show(gap));
            }
            _ if big.is_finite() && big > 0.0 => {
                let _ = writeln!(
                    out,
                    "  gap       {} between the intervals ({:.1}% of the larger figure)",
                    show(gap),
                    100.0 * gap / big
                );
            }
            _ => {
                let _ = writeln!(out, "  gap       {} between the intervals", show(gap));
            }
        }
    }
    let t = rules.tolerance;
    let _ = writeln!(out, "\ntolerances (rules.toml [tolerance])");
    let _ = writeln!(out, "  approx    {:<5} “about X” is X ± {}%", t.approx, pct(t.approx));
    let _ = writeln!(out, "  nearly    {:<5} “nearly X” is [X − {}%, X]", t.nearly, pct(t.nearly));
    let _ = writeln!(
        out,
        "  rounding  {:<5} disjoint exact figures, one round, within {}% of the larger: a discrepancy",
        t.rounding,
        pct(t.rounding)
    );
    let _ = writeln!(
        out,
        "  agree     {:<5} a round figure within {}% of the other still agrees",
        t.agree,
        pct(t.agree)
    );
    out
}

fn claim(out: &mut String, run: &Run, c: &Claim, i: usize, n: usize) {
    let d = &run.docs[c.doc_index()];
    let _ = writeln!(out, "claim {i} of {n}  {}", c.id);
    let _ = writeln!(out, "  at          {}:{}:{} (bytes {}..{})", d.path, c.line, c.column, c.start, c.end);
    let _ = writeln!(out, "  text        {}", run.claim_text(c));
    let _ =
        writeln!(out, "  sentence    {}", run.sentence(c).split_whitespace().collect::<Vec<_>>().join(" "));
    let unit = c.value.base.or(c.unit).map(|u| format!(" {u}")).unwrap_or_default();
    let _ = writeln!(out, "  value       {}{unit}  (shown as {})", interval(c), human::show_value(c));
    if let (Some(base), Some(u), Some((w, _))) = (c.value.base, c.unit, c.value.nominal.get()) {
        let _ = writeln!(
            out,
            "  converted   {} {u} in {base}, give or take just under half its last digit",
            show(w)
        );
    }
    if let Some(iso) = &c.value.iso {
        let _ = writeln!(out, "  iso         {iso}");
    }
    let _ = writeln!(out, "  kind        {}", c.kind.name());
    let _ = writeln!(out, "  qualifier   {}", snake(&c.qualifier));
    let _ = writeln!(out, "  role        {}", snake(&c.role));
    let _ = writeln!(out, "  modality    {}", snake(&c.modality));
    let _ = writeln!(
        out,
        "  running     {}",
        if c.running { "yes (may change over time)" } else { "no (a fixed fact)" }
    );
    let time = match c.time {
        Some(t) => {
            let (lo, hi, _) = ends(&t, true);
            let (lo, hi) = (plain(&lo), plain(&hi));
            if lo == hi { lo } else { format!("{lo} … {hi}") }
        }
        None => "none given".into(),
    };
    let _ = writeln!(out, "  time        {time}");
    let ctx = &c.context;
    let list = |v: &[Name]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.iter().map(Name::as_str).collect::<Vec<_>>().join(", ")
        }
    };
    let _ = writeln!(out, "  context");
    let _ = writeln!(out, "    event          {}", ctx.event.as_deref().unwrap_or("—"));
    let _ = writeln!(out, "    entities       {}", list(ctx.entities()));
    let _ = writeln!(out, "    scope          {}", list(ctx.scope()));
    if let Some(m) = &ctx.measured {
        let _ = writeln!(out, "    measured       {m}");
    }
    let _ = writeln!(out, "    attribution    {}", ctx.attribution.as_deref().unwrap_or("—"));
    let _ = writeln!(
        out,
        "    explicit_time  {}",
        if ctx.explicit_time {
            "yes (the sentence gives it)"
        } else {
            "no (only the article's date bounds it)"
        }
    );
    let _ = writeln!(
        out,
        "  document    dated {} ({}){}",
        doc_date(d),
        d.date_source.name(),
        d.source.as_deref().map(|s| format!(", {s}")).unwrap_or_default()
    );
}

/// The interval with its ends' inclusivity: "[400, 400]", "(5000, ∞)",
/// "[2024-09-01, 2024-09-30]" (a day span is written to its last day, inclusive).
pub fn interval(c: &Claim) -> String {
    let iv = &c.value.interval;
    let (lo, hi, hi_inclusive) = ends(iv, c.kind == Kind::Date);
    let open_lo = iv.low().is_none() || !iv.low_inclusive;
    let open_hi = iv.high().is_none() || !hi_inclusive;
    let lo = if iv.low().is_none() { "−∞".to_string() } else { plain(&lo) };
    let hi = if iv.high().is_none() { "∞".to_string() } else { plain(&hi) };
    format!("{}{lo}, {hi}{}", if open_lo { '(' } else { '[' }, if open_hi { ')' } else { ']' })
}

fn plain(j: &serde_json::Value) -> String {
    match j {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "?".into(),
        other => other.to_string(),
    }
}

fn show(x: f64) -> String {
    plain(&num((x * 1000.0).round() / 1000.0))
}

fn pct(t: f64) -> String {
    show(t * 100.0)
}

/// A serde enum's snake_case name.
fn snake<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|j| j.as_str().map(String::from)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(target("weekday-mismatch"), Ok(Target::Rule(Status::WeekdayMismatch)));
        assert!(matches!(target("weekday_mismatch"), Ok(Target::Rule(_))));
        assert_eq!(target("F823178665d92"), Ok(Target::Finding("F823178665d92")));
        let e = target("conflicts").unwrap_err();
        assert!(e.contains("conflict, discrepancy, weekday-mismatch, agreement, timeline, estimates"), "{e}");
        assert!(target("F").is_err());
    }
}
