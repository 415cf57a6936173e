//! The rule registry: what each finding status is called and what it means, in
//! one table. SARIF's `rules[]` is generated from it, and the Markdown, HTML and
//! GitHub printers take their titles from it, so a status reads the same in every
//! format and a new status cannot be forgotten by one of them.

use crate::model::{Severity, Status};

/// One rule: a finding status as tools and people see it.
pub struct Rule {
    /// The status it describes.
    pub status: Status,
    /// Kebab-case id (SARIF `ruleId`): "conflict", "weekday-mismatch".
    pub id: &'static str,
    /// PascalCase name (SARIF `name`).
    pub name: &'static str,
    /// Human title for headings ("Weekday mismatch").
    pub title: &'static str,
    /// One sentence.
    pub short: &'static str,
    /// What the rule checks, in full.
    pub full: &'static str,
    /// What an editor should do about it.
    pub help: &'static str,
}

/// Every rule, in [`Status`] order (so `RULES[status as usize]` is its rule).
pub const RULES: [Rule; 6] = [
    Rule {
        status: Status::Conflict,
        id: "conflict",
        name: "Conflict",
        title: "Conflict",
        short: "Two sources give incompatible values for the same fact.",
        full: "Claims about the same fact (same subject, role and as-of time) whose value \
               intervals are disjoint by more than rounding: at least one of the articles is wrong.",
        help: "Compare the sentences, check the figure against the primary source, and correct \
               the article that is wrong; if the claims are not about the same fact, tighten the \
               subject's cues in rules.toml.",
    },
    Rule {
        status: Status::Discrepancy,
        id: "discrepancy",
        name: "Discrepancy",
        title: "Discrepancy",
        short: "Two sources give slightly different values for the same fact.",
        full: "Claims about the same fact whose value intervals are disjoint but within the \
               rounding tolerance of rules.toml (\"200\" vs \"217\"): likely a rounded figure, \
               possibly a slip.",
        help: "Check whether the round figure is a rounding of the exact one; prefer the exact \
               figure with its source, or hedge the round one (\"about 200\").",
    },
    Rule {
        status: Status::WeekdayMismatch,
        id: "weekday-mismatch",
        name: "WeekdayMismatch",
        title: "Weekday mismatch",
        short: "A weekday that is not the weekday of its date.",
        full: "A date written with a weekday (\"Friday, November 7, 2024\") where the calendar \
               puts that date on another day: the weekday or the date is wrong.",
        help: "Check the date against the source and correct the weekday or the day of the month.",
    },
    Rule {
        status: Status::Agreement,
        id: "agreement",
        name: "Agreement",
        title: "Agreement",
        short: "Independent sources agree on a value.",
        full: "Two or more independent sources (near-duplicate copies count once) give \
               compatible values for the same fact.",
        help: "Nothing to do: listed so an editor can see what is corroborated.",
    },
    Rule {
        status: Status::Timeline,
        id: "timeline",
        name: "Timeline",
        title: "Timeline",
        short: "A value that changes across as-of times.",
        full: "A running fact (a toll, a current strength, a share) reported with different \
               values at different as-of times: a change over time, not a conflict.",
        help: "Nothing to do unless the order of the values is implausible (a cumulative count \
               that falls).",
    },
    Rule {
        status: Status::Estimates,
        id: "estimates",
        name: "Estimates",
        title: "Differing estimates",
        short: "Different bodies give different figures for one fact.",
        full: "Claims about the same fact whose sentences attribute them to different bodies \
               (\"according to the Red Cross\", \"the county said\"): differing estimates, each \
               correctly attributed, not a conflict.",
        help: "Nothing to fix if each figure keeps its attribution; say in the article which \
               body's figure it uses.",
    },
];

/// The rule of a status.
pub fn rule(s: Status) -> &'static Rule {
    &RULES[s as usize]
}

/// The severity a status has before rules.toml overrides it.
pub fn default_severity(s: Status) -> Severity {
    Status::default_severities()[&s]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_per_status_in_order() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.status as usize, i);
            assert_eq!(r.id, r.status.name().replace('_', "-"));
            assert_eq!(Status::parse(r.status.name()), Some(r.status));
        }
        assert_eq!(RULES.len(), Status::NAMES.len());
    }
}
