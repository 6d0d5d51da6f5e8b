//! A change's fields by name, typed: what a history row, a Python `Event.details` dict or a
//! ledger column shows of an event, listed once here so that no front-end walks the
//! variants of [`Change`] itself (and none forgets one, as a new variant is added here).

use super::date::Date;
use super::track::Change;

/// The value of one field of a change.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FieldValue {
    /// Absent optional value (no progress given, no note).
    Missing,
    /// Text: a name, a key, a note, a unit as printed.
    Text(String),
    /// A number: progress, a value, an investment.
    Number(f64),
    /// A year.
    Year(u16),
    /// Yes or no.
    Flag(bool),
    /// A date.
    Day(Date),
    /// Several keys, in order.
    Texts(Vec<String>),
}

impl FieldValue {
    fn text(s: &str) -> Self {
        FieldValue::Text(s.to_owned())
    }

    fn opt_text(s: Option<&String>) -> Self {
        s.map_or(FieldValue::Missing, |s| FieldValue::text(s))
    }
}

impl std::fmt::Display for FieldValue {
    /// The value as a history row prints it: `2015-06-30`, `40`, `org/省环保厅、org/省财政厅`,
    /// nothing for a missing value.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldValue::Missing => Ok(()),
            FieldValue::Text(s) => f.write_str(s),
            FieldValue::Number(n) => write!(f, "{n}"),
            FieldValue::Year(y) => write!(f, "{y}"),
            FieldValue::Flag(b) => write!(f, "{b}"),
            FieldValue::Day(d) => write!(f, "{d}"),
            FieldValue::Texts(t) => f.write_str(&t.join("、")),
        }
    }
}

impl Change {
    /// The change's fields, by the names its JSON form uses (`status`, `progress`, `note`
    /// for a status …), in declaration order; a project's are its [`ProjectSpec`]'s.
    /// `ProjectWithdrawn` has none.
    ///
    /// [`ProjectSpec`]: super::ProjectSpec
    ///
    /// ```
    /// use reformgraph::{Change, Date, FieldValue};
    /// let c = Change::TaskDeadline { deadline: Date::new(2015, 6, 30)? };
    /// assert_eq!(c.fields(), vec![("deadline", FieldValue::Day(Date::new(2015, 6, 30)?))]);
    /// # Ok::<(), reformgraph::DateError>(())
    /// ```
    pub fn fields(&self) -> Vec<(&'static str, FieldValue)> {
        use FieldValue as V;
        let opt_number = |n: Option<f64>| n.map_or(V::Missing, V::Number);
        match self {
            Change::TaskStatus {
                status,
                progress,
                note,
            } => vec![
                ("status", V::text(status.name())),
                ("progress", opt_number(*progress)),
                ("note", V::opt_text(note.as_ref())),
            ],
            Change::TaskDeadline { deadline } => vec![("deadline", V::Day(*deadline))],
            Change::SubTaskAdded {
                year,
                title,
                deadline,
                responsible,
            } => vec![
                ("year", V::Year(*year)),
                ("title", V::text(title)),
                ("deadline", V::Day(*deadline)),
                ("responsible", V::opt_text(responsible.as_ref())),
            ],
            Change::ProjectRegistered(s) | Change::ProjectAdjusted(s) => vec![
                ("name", V::text(&s.name)),
                ("portfolio", V::text(&s.portfolio)),
                ("domain", V::opt_text(s.domain.as_ref())),
                ("area", V::opt_text(s.area.as_ref())),
                ("investment_wan_yuan", opt_number(s.investment_wan_yuan)),
                ("responsible", V::opt_text(s.responsible.as_ref())),
                ("year", V::Year(s.year)),
            ],
            Change::ProjectWithdrawn => Vec::new(),
            Change::ProjectStage { stage } => vec![("stage", V::text(stage.name()))],
            Change::Observation {
                area,
                year,
                value,
                unit,
                source,
                reference,
            } => vec![
                ("area", V::text(area)),
                ("year", V::Year(*year)),
                ("value", V::Number(*value)),
                ("unit", V::text(unit.symbol())),
                ("source", V::opt_text(source.as_ref())),
                ("reference", V::Flag(*reference)),
            ],
            Change::Selection {
                option,
                year,
                selected,
            } => vec![
                ("option", V::text(option)),
                ("year", V::Year(*year)),
                ("selected", V::Flag(*selected)),
            ],
            Change::AccessRefused { attempted, reason } => vec![
                ("attempted", V::text(attempted)),
                ("reason", V::text(reason)),
            ],
            Change::KeyCertified {
                key,
                person,
                organization,
                valid_until,
            } => vec![
                ("key", V::Text(key.to_string())),
                ("person", V::text(person)),
                ("organization", V::text(organization)),
                ("valid_until", valid_until.map_or(V::Missing, V::Day)),
            ],
            Change::KeyRevoked { key } => vec![("key", V::Text(key.to_string()))],
            Change::AccessGranted { scope } | Change::GrantWithdrawn { scope } => {
                vec![("scope", V::text(scope))]
            }
            Change::LeadsAssigned {
                leads,
                cooperating,
                previous_leads,
                previous_cooperating,
            } => vec![
                ("leads", V::Texts(leads.clone())),
                ("cooperating", V::Texts(cooperating.clone())),
                ("previous_leads", V::Texts(previous_leads.clone())),
                (
                    "previous_cooperating",
                    V::Texts(previous_cooperating.clone()),
                ),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ProjectSpec, TaskStatus};

    /// The field names are the JSON form's: a change serialised and its fields list the
    /// same names (the JSON dump is what other tools read, so the two must not drift).
    #[test]
    fn field_names_are_the_json_names_of_the_change() {
        let changes = [
            Change::TaskStatus {
                status: TaskStatus::Delayed,
                progress: Some(30.0),
                note: Some("资金未到位".into()),
            },
            Change::SubTaskAdded {
                year: 2014,
                title: "制定方案".into(),
                deadline: Date::new(2014, 6, 30).expect("a valid date"),
                responsible: None,
            },
            Change::ProjectAdjusted(ProjectSpec {
                name: "沁水煤层气".into(),
                portfolio: "shanxi-2013/portfolio".into(),
                domain: None,
                area: None,
                investment_wan_yuan: Some(12.5),
                responsible: None,
                year: 2014,
            }),
            Change::GrantWithdrawn {
                scope: "shanxi-2013/part/2".into(),
            },
        ];
        for c in changes {
            let json = serde_json::to_value(&c).expect("a change serialises");
            let body = json
                .as_object()
                .and_then(|o| o.values().next())
                .and_then(|v| v.as_object())
                .expect("an externally tagged struct variant");
            let mut json_names: Vec<&str> = body.keys().map(String::as_str).collect();
            let mut names: Vec<&str> = c.fields().iter().map(|(n, _)| *n).collect();
            json_names.sort_unstable();
            names.sort_unstable();
            assert_eq!(names, json_names, "{}", c.name());
        }
    }

    #[test]
    fn missing_values_print_as_nothing_and_key_lists_joined() {
        let c = Change::TaskStatus {
            status: TaskStatus::InProgress,
            progress: None,
            note: None,
        };
        let shown: Vec<String> = c.fields().iter().map(|(_, v)| v.to_string()).collect();
        assert_eq!(shown, ["in_progress", "", ""]);
        let texts = FieldValue::Texts(vec!["org/省环保厅".into(), "org/省财政厅".into()]);
        assert_eq!(texts.to_string(), "org/省环保厅、org/省财政厅");
    }
}
