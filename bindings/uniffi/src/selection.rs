//! A year's selections of the cities and pilot counties, checked against the plan's rules.

/// What one subject (a city or a pilot county) selected under one rule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SubjectSelection {
    /// The area key (`area/大同市`).
    pub subject: String,
    /// The rule key.
    pub rule: String,
    /// The option keys it selected.
    pub options: Vec<String>,
}

/// A subject that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SelectionViolation {
    /// The area or organisation key.
    pub subject: String,
    /// The rule key.
    pub rule: String,
    /// How many options it selected.
    pub selected: u32,
    /// What the rule asks.
    pub message: String,
}

/// The selections of a year and the subjects that break a rule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SelectionReport {
    /// The year checked.
    pub year: u16,
    /// Per subject and rule, what it selected.
    pub selections: Vec<SubjectSelection>,
    /// Who selected too few or too many.
    pub violations: Vec<SelectionViolation>,
}

impl From<reformgraph::track::SelectionCheck> for SelectionReport {
    fn from(c: reformgraph::track::SelectionCheck) -> Self {
        Self {
            year: c.year,
            selections: c
                .selections
                .into_iter()
                .map(|s| SubjectSelection {
                    subject: s.subject,
                    rule: s.rule,
                    options: s.options,
                })
                .collect(),
            violations: c
                .violations
                .into_iter()
                .map(|v| SelectionViolation {
                    subject: v.subject,
                    rule: v.rule,
                    selected: v.selected,
                    message: v.message,
                })
                .collect(),
        }
    }
}
