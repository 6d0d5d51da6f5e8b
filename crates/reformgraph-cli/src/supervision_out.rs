//! How the 督办 report prints: the overdue tasks, organisation by organisation.

use reformgraph::track::OverdueTask;

use crate::output::{cut, print_json, table};

/// The overdue tasks under a line per organisation to chase, each with its deadline, days
/// late and last update; a closing line with the totals.
pub fn overdue(rows: &[OverdueTask], as_json: bool) {
    if as_json {
        print_json(rows);
        return;
    }
    let Some(first) = rows.first() else {
        println!("no overdue task");
        return;
    };
    println!(
        "督办 — overdue tasks as of {}, by the organisation to chase",
        first.as_of
    );
    let mut start = 0;
    while start < rows.len() {
        let org = &rows[start].organization;
        let end = rows[start..]
            .iter()
            .position(|t| &t.organization != org)
            .map_or(rows.len(), |n| start + n);
        let group = &rows[start..end];
        println!();
        println!(
            "{} — {} overdue",
            group[0]
                .organization_name
                .as_deref()
                .unwrap_or("(no lead: the plan's office)"),
            group.len()
        );
        let data: Vec<Vec<String>> = group
            .iter()
            .map(|t| {
                vec![
                    t.task.clone(),
                    cut(&t.title, 30),
                    t.deadline.to_string(),
                    t.days_late.to_string(),
                    t.status.name_zh().to_owned(),
                    format!("{:.0}%", t.progress),
                    match (t.last_update, t.days_since_update) {
                        (Some(d), Some(n)) => format!("{d} ({n} d ago)"),
                        _ => "never".to_owned(),
                    },
                    t.last_actor.clone().unwrap_or_default(),
                    t.co_leads.join("、"),
                ]
            })
            .collect();
        table(
            &[
                "key",
                "title",
                "deadline",
                "days late",
                "status",
                "progress",
                "last update",
                "by",
                "co-leads",
            ],
            &data,
        );
        start = end;
    }
    let orgs = {
        let mut o: Vec<&Option<String>> = rows.iter().map(|t| &t.organization).collect();
        o.dedup();
        o.len()
    };
    println!();
    println!(
        "{} overdue task(s), {} organisation(s) to chase",
        rows.len(),
        orgs
    );
}
