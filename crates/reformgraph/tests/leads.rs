//! Re-importing a plan that names other lead (牵头) or co-operating (配合) organisations
//! (issue 15, item 3): the change is a `leads_assigned` event in the task's history, the
//! administrator's in a store with an administrator key, and the access policy of every
//! device that has the event reads the new organisations from its effective date.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reformgraph::import::{self, ImportOptions, PlanMeta, Registry};
use reformgraph::track::{self, EventInput, SecretKey};
use reformgraph::{Change, Date, Error, GraphRead, Store, TaskStatus, export, query};

/// Two tasks; 省环保厅 leads the first, 省经信委 the second, 省财政厅 co-operates on both and
/// 省发展改革委 on the second.
const V1: &str = "1.推进煤层气开发利用。（牵头部门：省环保厅；配合部门：省财政厅）\n2.推进煤电体制改革。（牵头部门：省经信委；配合部门：省财政厅、省发展改革委）\n";
/// The first task passes to 省发展改革委; the second is unchanged.
const V2: &str = "1.推进煤层气开发利用。（牵头部门：省发展改革委；配合部门：省财政厅）\n2.推进煤电体制改革。（牵头部门：省经信委；配合部门：省财政厅、省发展改革委）\n";
const FIRST: &str = "demo/task/1";

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn import(
    store: &Store,
    text: &str,
    admin: Option<&SecretKey>,
) -> reformgraph::Result<Vec<String>> {
    let meta = PlanMeta {
        key: Some("demo".into()),
        ..PlanMeta::default()
    };
    import::import_text_as(
        store,
        text,
        &meta,
        &Registry::shanxi()?,
        ImportOptions::default(),
        admin,
    )
    .map(|r| r.leads_reassigned)
}

fn leads_of(store: &Store, task: &str) -> Vec<String> {
    let snap = store.read().unwrap();
    let id = snap.id_of(task).unwrap().expect("the task exists");
    query::task_summary(&snap, id)
        .unwrap()
        .leads
        .into_iter()
        .map(|l| l.key)
        .collect()
}

/// V1 imported, an administrator, the policy on, and one certified person each at
/// 省环保厅 and 省发展改革委.
struct Office {
    store: Store,
    admin: SecretKey,
    env: SecretKey,
    ndrc: SecretKey,
}

fn office() -> Office {
    let store = Store::in_memory().unwrap();
    import(&store, V1, None).unwrap();
    let admin = SecretKey::generate().unwrap();
    track::set_admin_key(&store, admin.public()).unwrap();
    track::set_access_enforced(&store, true).unwrap();
    let env = SecretKey::generate().unwrap();
    let ndrc = SecretKey::generate().unwrap();
    for (key, person, org) in [(&env, "张三", "省环保厅"), (&ndrc, "李四", "省发展改革委")]
    {
        track::certify(
            &store,
            &admin,
            key.public(),
            person,
            org,
            Some(d("2014-01-01")),
            None,
        )
        .unwrap();
    }
    Office {
        store,
        admin,
        env,
        ndrc,
    }
}

fn status(person: &str, key: &SecretKey) -> EventInput {
    EventInput::task_status(FIRST, TaskStatus::InProgress, Some(30.0), person).signed_by(key)
}

#[test]
fn the_first_import_of_a_plan_is_the_baseline_and_records_no_assignment() {
    let store = Store::in_memory().unwrap();
    assert!(import(&store, V1, None).unwrap().is_empty());
    assert!(
        track::history(&store.read().unwrap(), FIRST)
            .unwrap()
            .is_empty()
    );
    // The same text again changes nobody's responsibility.
    assert!(import(&store, V1, None).unwrap().is_empty());
}

#[test]
fn without_an_administrator_a_re_assignment_is_an_unsigned_event_in_the_history() {
    let store = Store::in_memory().unwrap();
    import(&store, V1, None).unwrap();
    assert_eq!(import(&store, V2, None).unwrap(), vec![FIRST.to_owned()]);
    let history = track::history(&store.read().unwrap(), FIRST).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].change,
        Change::LeadsAssigned {
            leads: vec!["org/省发展改革委".into()],
            cooperating: vec!["org/省财政厅".into()],
            previous_leads: vec!["org/省环保厅".into()],
            previous_cooperating: vec!["org/省财政厅".into()],
        }
    );
    assert!(history[0].seal.is_none());
    // The second task's responsibility did not change: nothing in its history.
    assert!(
        track::history(&store.read().unwrap(), "demo/task/2")
            .unwrap()
            .is_empty()
    );
    // Re-importing V2 again records nothing more.
    assert!(import(&store, V2, None).unwrap().is_empty());
    assert_eq!(
        track::history(&store.read().unwrap(), FIRST).unwrap().len(),
        1
    );
}

#[test]
fn only_the_administrator_re_assigns_leads_in_a_store_with_an_administrator_key() {
    let o = office();
    let err = import(&o.store, V2, None).unwrap_err();
    assert!(
        matches!(err, Error::AccessDenied { ref subject, ref reason, .. }
            if subject == FIRST && reason.contains("administrator")),
        "{err}"
    );
    // Nothing was written: the plan still has 省环保厅 lead.
    assert_eq!(leads_of(&o.store, FIRST), vec!["org/省环保厅".to_owned()]);
    // Someone else's key is not the administrator's either.
    let err = import(&o.store, V2, Some(&o.env)).unwrap_err();
    assert!(matches!(err, Error::AccessDenied { .. }), "{err}");
    assert_eq!(leads_of(&o.store, FIRST), vec!["org/省环保厅".to_owned()]);
}

#[test]
fn after_the_administrator_re_assigns_a_task_the_new_lead_records_and_the_old_one_is_refused() {
    let o = office();
    assert_eq!(
        import(&o.store, V2, Some(&o.admin)).unwrap(),
        vec![FIRST.to_owned()]
    );
    assert_eq!(
        leads_of(&o.store, FIRST),
        vec!["org/省发展改革委".to_owned()]
    );
    let history = track::history(&o.store.read().unwrap(), FIRST).unwrap();
    assert_eq!(history[0].change.name(), "leads_assigned");
    assert_eq!(history[0].seal.map(|s| s.signer), Some(o.admin.public()));

    track::record(&o.store, status("李四", &o.ndrc)).unwrap();
    let err = track::record(&o.store, status("张三", &o.env)).unwrap_err();
    assert!(matches!(err, Error::AccessDenied { .. }), "{err}");
    // Before the re-assignment took effect the task was still 省环保厅's.
    let earlier = status("李四", &o.ndrc).effective(d("2014-06-30"));
    let err = track::record(&o.store, earlier).unwrap_err();
    assert!(matches!(err, Error::AccessDenied { .. }), "{err}");
    assert!(
        track::verify_state(&o.store.read().unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_device_that_receives_the_assignment_agrees_before_and_after_it_re_imports_the_plan() {
    let o = office();
    // A second device with V1, the same administrator and certificates.
    let device = Store::in_memory().unwrap();
    export::load_json(&device, &export::to_json(&o.store.read().unwrap()).unwrap()).unwrap();
    let seen = device
        .read()
        .unwrap()
        .events_after(0, usize::MAX)
        .unwrap()
        .len() as u64;

    import(&o.store, V2, Some(&o.admin)).unwrap();
    track::record(&o.store, status("李四", &o.ndrc)).unwrap();
    let changes = track::export_changeset(&o.store.read().unwrap(), seen, 1000).unwrap();
    let device_key = SecretKey::generate().unwrap();
    let report = track::apply_changeset_as(&device, &changes, &device_key).unwrap();
    // The device still has V1's edges, but it reads who may record from the assignment.
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert_eq!(report.applied, 2);
    let snap = device.read().unwrap();
    assert_eq!(snap.task_state(FIRST).unwrap().unwrap().progress, 30.0);
    drop(snap);
    // Re-importing V2 there needs no administrator: the assignment is already in its history.
    assert!(import(&device, V2, None).unwrap().is_empty());
    assert_eq!(
        leads_of(&device, FIRST),
        vec!["org/省发展改革委".to_owned()]
    );
    assert_eq!(
        query::tasks_led_by(&device.read().unwrap(), "省发展改革委")
            .unwrap()
            .len(),
        1
    );
}
