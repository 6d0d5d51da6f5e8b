//! Signed events (issue 15, item 3): in a store with an administrator key every event is
//! signed, its organisation is its key's certificate's, every door checks signature and
//! certificate, refusals are the refusing device's own signed events, and `verify_state`
//! follows each signer's hash chain.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reformgraph::track::{self, Changeset, EventInput, SecretKey};
use reformgraph::{
    Change, Date, Error, GraphRead, Store, TaskStatus, export, import::bundled, query,
};

const MINE: &str = "shanxi-2013/reform/10";

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// A task 省环保厅 does not lead (read from the plan, not assumed).
fn not_mine(store: &Store) -> String {
    let snap = store.read().unwrap();
    let mine: Vec<String> = query::tasks_led_by(&snap, "省环保厅")
        .unwrap()
        .into_iter()
        .map(|t| t.task.key)
        .collect();
    assert!(
        mine.iter().any(|k| k == MINE),
        "the plan has 省环保厅 lead reform 10"
    );
    (1..=50)
        .map(|n| format!("shanxi-2013/reform/{n}"))
        .find(|k| !mine.contains(k))
        .unwrap()
}

/// The bundled plan with an administrator, the policy on, and 张三 of 省环保厅 certified.
struct Office {
    store: Store,
    admin: SecretKey,
    zhang: SecretKey,
}

fn office() -> Office {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    let admin = SecretKey::generate().unwrap();
    track::set_admin_key(&store, admin.public()).unwrap();
    track::set_access_enforced(&store, true).unwrap();
    let zhang = SecretKey::generate().unwrap();
    track::certify(
        &store,
        &admin,
        zhang.public(),
        "张三",
        "省环保厅",
        Some(d("2014-01-01")),
        None,
    )
    .unwrap();
    Office {
        store,
        admin,
        zhang,
    }
}

fn progress(task: &str, pct: f64, who: &str) -> EventInput {
    EventInput::task_status(task, TaskStatus::InProgress, Some(pct), who).effective(d("2014-06-01"))
}

/// A second device with the same plan, administrator and certificates (from a dump).
fn device_like(o: &Office) -> Store {
    let other = Store::in_memory().unwrap();
    export::load_json(&other, &export::to_json(&o.store.read().unwrap()).unwrap()).unwrap();
    other
}

#[test]
fn an_unsigned_event_is_refused_in_a_store_with_an_administrator() {
    let o = office();
    let err = track::record(&o.store, progress(MINE, 10.0, "张三")).unwrap_err();
    assert!(
        matches!(err, Error::AccessDenied { ref reason, .. } if reason.contains("not signed")),
        "{err}"
    );
}

#[test]
fn a_certified_key_records_for_the_organisation_of_its_certificate() {
    let o = office();
    // No organisation given: the certificate's is used, as is its person.
    let e = track::record(&o.store, progress(MINE, 10.0, "张三").signed_by(&o.zhang)).unwrap();
    assert_eq!(e.actor.organization.as_deref(), Some("org/省环保厅"));
    assert_eq!(e.seal.map(|s| s.signer), Some(o.zhang.public()));
    track::check_seal(&e).unwrap();
    // Claiming another organisation is refused: the flag no longer decides.
    let claim = progress(MINE, 20.0, "张三")
        .organization("省发展改革委")
        .signed_by(&o.zhang);
    let err = track::record(&o.store, claim).unwrap_err();
    assert!(
        matches!(err, Error::AccessDenied { ref reason, .. } if reason.contains("certified for org/省环保厅")),
        "{err}"
    );
    // And the certificate's organisation is what the access policy checks.
    let other = not_mine(&o.store);
    let err =
        track::record(&o.store, progress(&other, 5.0, "张三").signed_by(&o.zhang)).unwrap_err();
    assert!(matches!(err, Error::AccessDenied { .. }), "{err}");
    assert!(
        track::verify_state(&o.store.read().unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_key_the_administrator_did_not_certify_cannot_record_or_certify() {
    let o = office();
    // One millisecond for everything below: ties in recording time are ordered by id.
    let now = o.store.now_millis();
    o.store
        .set_clock(std::sync::Arc::new(reformgraph::store::ManualClock::new(
            now,
        )));
    let stranger = SecretKey::generate().unwrap();
    let err =
        track::record(&o.store, progress(MINE, 10.0, "张三").signed_by(&stranger)).unwrap_err();
    assert!(
        matches!(err, Error::AccessDenied { ref reason, .. } if reason.contains("not certified")),
        "{err}"
    );
    // A certified key is not the administrator: it cannot certify another key.
    let err = track::certify(
        &o.store,
        &o.zhang,
        stranger.public(),
        "李四",
        "省环保厅",
        None,
        None,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::AccessDenied { ref reason, .. } if reason.contains("administrator")),
        "{err}"
    );
    assert!(
        track::certificate(&o.store.read().unwrap(), &stranger.public())
            .unwrap()
            .is_none()
    );
    // The refusal of that attempt is 张三's own, recorded before his key is revoked in the
    // same millisecond: it stays covered by his certificate.
    track::revoke_key(&o.store, &o.admin, o.zhang.public()).unwrap();
    assert!(
        track::verify_state(&o.store.read().unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_revoked_key_is_refused_from_the_revocation_on() {
    let o = office();
    let clock = std::sync::Arc::new(reformgraph::store::ManualClock::new(1_500_000_000_000));
    o.store.set_clock(clock.clone());
    let phone = device_like(&o);
    phone.set_clock(clock.clone());
    // 张三's phone, his one device: one change synced, one made offline, both before the
    // revocation.
    let before = track::record(&phone, progress(MINE, 10.0, "张三").signed_by(&o.zhang)).unwrap();
    let offline = track::record(&phone, progress(MINE, 15.0, "张三").signed_by(&o.zhang)).unwrap();
    clock.advance(1);
    track::revoke_key(&o.store, &o.admin, o.zhang.public()).unwrap();
    clock.advance(1);
    // Back-dating the effective date does not help: the revocation counts by recording time.
    let err =
        track::record(&o.store, progress(MINE, 30.0, "张三").signed_by(&o.zhang)).unwrap_err();
    assert!(
        matches!(err, Error::AccessDenied { ref reason, .. } if reason.contains("revoked")),
        "{err}"
    );
    let late = track::record(&phone, progress(MINE, 40.0, "张三").signed_by(&o.zhang)).unwrap();
    let changes = Changeset {
        format: track::CHANGESET_FORMAT,
        after: 0,
        through: 3,
        events: vec![before.clone(), offline.clone(), late.clone()],
    };
    let report = track::apply_changeset(&o.store, &changes).unwrap();
    assert_eq!(report.applied, 2);
    assert_eq!(
        report.refused.iter().map(|r| r.event).collect::<Vec<_>>(),
        [late.id]
    );
    let snap = o.store.read().unwrap();
    assert!(snap.event(before.id).unwrap().is_some() && snap.event(offline.id).unwrap().is_some());
    assert!(track::verify_state(&snap).unwrap().is_empty());
}

#[test]
fn a_cross_department_write_in_a_changeset_is_refused_and_the_refusal_is_the_receivers() {
    let o = office();
    let office_device = SecretKey::generate().unwrap();
    track::certify(
        &o.store,
        &o.admin,
        office_device.public(),
        "改革办",
        "省发展改革委",
        Some(d("2014-01-01")),
        None,
    )
    .unwrap();
    let phone = device_like(&o);
    // On the phone, policy off locally (a tampered device): 张三 writes another
    // department's task; the signature is valid, the access is not.
    track::set_access_enforced(&phone, false).unwrap();
    let other = not_mine(&o.store);
    let e = track::record(&phone, progress(&other, 50.0, "张三").signed_by(&o.zhang)).unwrap();
    let changes = Changeset {
        format: track::CHANGESET_FORMAT,
        after: 0,
        through: 1,
        events: vec![e.clone()],
    };
    let report = track::apply_changeset_as(&o.store, &changes, &office_device).unwrap();
    assert_eq!((report.applied, report.refused.len()), (0, 1));
    assert_eq!(report.refused[0].event, e.id);
    let snap = o.store.read().unwrap();
    assert!(
        snap.event(e.id).unwrap().is_none(),
        "a refused event is not stored"
    );
    let refusal = snap
        .events_of(&other)
        .unwrap()
        .into_iter()
        .find(|r| matches!(r.change, Change::AccessRefused { .. }))
        .unwrap();
    // Signed by the refusing device, in its own name: it cannot blame anyone else.
    assert_eq!(refusal.seal.map(|s| s.signer), Some(office_device.public()));
    assert_eq!(
        refusal.actor.organization.as_deref(),
        Some("org/省发展改革委")
    );
    assert!(track::verify_state(&snap).unwrap().is_empty());
}

#[test]
fn a_forged_refusal_or_an_altered_event_is_refused() {
    let o = office();
    let phone = device_like(&o);
    let e = track::record(&phone, progress(MINE, 10.0, "张三").signed_by(&o.zhang)).unwrap();
    // Altered after signing: 10 % became 90 %.
    let mut altered = e.clone();
    altered.change = Change::TaskStatus {
        status: TaskStatus::InProgress,
        progress: Some(90.0),
        note: None,
    };
    // A refusal that blames 张三, signed by a key nobody certified.
    let forger = SecretKey::generate().unwrap();
    let forged_refusal = {
        let other = Store::in_memory().unwrap();
        bundled::import_shanxi_2013(&other).unwrap();
        track::set_access_enforced(&other, true).unwrap();
        let _ = track::record(
            &other,
            progress(&not_mine(&other), 1.0, "张三")
                .organization("org/省环保厅")
                .signed_by(&forger),
        );
        other
            .read()
            .unwrap()
            .events_after(0, usize::MAX)
            .unwrap()
            .into_iter()
            .map(|(_, e)| e)
            .find(|e| matches!(e.change, Change::AccessRefused { .. }))
            .unwrap()
    };
    assert!(forged_refusal.seal.is_some());
    let changes = Changeset {
        format: track::CHANGESET_FORMAT,
        after: 0,
        through: 2,
        events: vec![altered.clone(), forged_refusal.clone()],
    };
    let report = track::apply_changeset(&o.store, &changes).unwrap();
    assert_eq!(report.applied, 0);
    let refused: Vec<_> = report.refused.iter().map(|r| r.event).collect();
    assert!(
        refused.contains(&altered.id) && refused.contains(&forged_refusal.id),
        "{report:?}"
    );
    assert!(
        report
            .refused
            .iter()
            .any(|r| r.reason.contains("altered or forged"))
    );
    // The untouched event is accepted.
    let good = Changeset {
        format: track::CHANGESET_FORMAT,
        after: 0,
        through: 1,
        events: vec![e],
    };
    assert_eq!(track::apply_changeset(&o.store, &good).unwrap().applied, 1);
}

#[test]
fn verify_follows_each_signers_chain() {
    // A store without an administrator accepts signed events as they come: verify still
    // checks every signature and every chain.
    let author = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&author).unwrap();
    let key = SecretKey::generate().unwrap();
    let events: Vec<_> = [10.0, 20.0, 30.0]
        .into_iter()
        .map(|p| track::record(&author, progress(MINE, p, "张三").signed_by(&key)).unwrap())
        .collect();
    assert_eq!(events[0].seal.unwrap().prev, None);
    for pair in events.windows(2) {
        assert_eq!(
            pair[1].seal.unwrap().prev,
            track::event_hash(&pair[0]).unwrap()
        );
    }
    assert!(
        track::verify_state(&author.read().unwrap())
            .unwrap()
            .is_empty()
    );

    let receive = |events: Vec<reformgraph::Event>| {
        let store = Store::in_memory().unwrap();
        bundled::import_shanxi_2013(&store).unwrap();
        let n = events.len() as u64;
        track::apply_changeset(
            &store,
            &Changeset {
                format: track::CHANGESET_FORMAT,
                after: 0,
                through: n,
                events,
            },
        )
        .unwrap();
        track::verify_state(&store.read().unwrap()).unwrap()
    };
    assert!(receive(events.clone()).is_empty());
    // The middle event removed: the third's predecessor is missing.
    let gap = receive(vec![events[0].clone(), events[2].clone()]);
    assert!(
        gap.iter()
            .any(|p| p.key == events[2].id.to_string() && p.message.contains("not here")),
        "{gap:?}"
    );
    // An event altered: its signature no longer checks.
    let mut altered = events[1].clone();
    altered.evidence = Some(reformgraph::Evidence {
        note: Some("改过".into()),
        ..Default::default()
    });
    let bad = receive(vec![events[0].clone(), altered.clone(), events[2].clone()]);
    assert!(
        bad.iter()
            .any(|p| p.key == altered.id.to_string() && p.message.contains("altered")),
        "{bad:?}"
    );
}

#[test]
fn a_json_dump_keeps_the_administrator_certificates_and_signatures() {
    let o = office();
    let e = track::record(&o.store, progress(MINE, 10.0, "张三").signed_by(&o.zhang)).unwrap();
    let copy = device_like(&o);
    let snap = copy.read().unwrap();
    assert_eq!(snap.admin_key().unwrap(), Some(o.admin.public()));
    assert!(snap.access_enforced().unwrap());
    assert_eq!(snap.event(e.id).unwrap(), Some(e));
    let cert = track::certificate(&snap, &o.zhang.public())
        .unwrap()
        .unwrap();
    assert_eq!(
        (cert.person.as_str(), cert.organization.as_str()),
        ("张三", "org/省环保厅")
    );
    assert!(track::verify_state(&snap).unwrap().is_empty());
    // The copy keeps refusing unsigned changes.
    assert!(track::record(&copy, progress(MINE, 20.0, "张三")).is_err());
}

#[test]
fn the_administrator_key_cannot_be_replaced_and_keys_need_one() {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    let admin = SecretKey::generate().unwrap();
    let zhang = SecretKey::generate().unwrap();
    // No administrator yet: certifying is refused with what to do.
    let err = track::certify(
        &store,
        &admin,
        zhang.public(),
        "张三",
        "省环保厅",
        None,
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("administrator key"), "{err}");
    track::set_admin_key(&store, admin.public()).unwrap();
    track::set_admin_key(&store, admin.public()).unwrap();
    assert!(track::set_admin_key(&store, zhang.public()).is_err());
}

#[test]
fn a_key_file_round_trips_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhang.key");
    let key = SecretKey::generate().unwrap();
    key.write_file(&path).unwrap();
    assert_eq!(SecretKey::read_file(&path).unwrap(), key);
    assert!(SecretKey::generate().unwrap().write_file(&path).is_err());
    assert_eq!(SecretKey::read_file(&path).unwrap(), key);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by its owner only");
    }
}

#[test]
fn a_refusal_names_the_organisation_by_its_key_so_other_devices_can_read_it() {
    // Unsigned stores too: the attempt named the organisation by name (as the CLI's --org
    // does); the refusal stores its key, and another device can apply it.
    let device = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&device).unwrap();
    track::set_access_enforced(&device, true).unwrap();
    let other = not_mine(&device);
    let attempt = progress(&other, 5.0, "张三").organization("山西省环境保护厅");
    assert!(track::record(&device, attempt).is_err());
    let refusal = device
        .read()
        .unwrap()
        .events_of(&other)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(refusal.actor.organization.as_deref(), Some("org/省环保厅"));
    let office = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&office).unwrap();
    let changes = track::export_changeset(&device.read().unwrap(), 0, 10).unwrap();
    assert_eq!(
        track::apply_changeset(&office, &changes).unwrap().applied,
        1
    );
}

#[test]
fn grants_are_events_and_in_a_signed_store_the_administrators() {
    let o = office();
    let other = not_mine(&o.store);
    let write = |pct| track::record(&o.store, progress(&other, pct, "张三").signed_by(&o.zhang));
    assert!(matches!(write(5.0), Err(Error::AccessDenied { .. })));
    // Unsigned, or signed by anyone but the administrator: refused.
    assert!(matches!(
        track::grant(&o.store, "省环保厅", &other),
        Err(Error::AccessDenied { .. })
    ));
    assert!(matches!(
        track::grant_as(&o.store, &o.zhang, "省环保厅", &other),
        Err(Error::AccessDenied { .. })
    ));
    track::grant_as(&o.store, &o.admin, "省环保厅", &other).unwrap();
    assert_eq!(
        track::grants(&o.store.read().unwrap()).unwrap(),
        vec![("org/省环保厅".to_owned(), other.clone())]
    );
    write(5.0).unwrap();
    // The grant is in the organisation's history, signed by the administrator.
    let history = o.store.read().unwrap().events_of("org/省环保厅").unwrap();
    let granted = history
        .iter()
        .find(|e| matches!(&e.change, Change::AccessGranted { scope } if *scope == other))
        .unwrap();
    assert_eq!(granted.seal.map(|s| s.signer), Some(o.admin.public()));
    assert!(track::revoke_as(&o.store, &o.admin, "省环保厅", &other).unwrap());
    assert!(!track::revoke_as(&o.store, &o.admin, "省环保厅", &other).unwrap());
    assert!(matches!(write(6.0), Err(Error::AccessDenied { .. })));
    // Another device gets the grant and its withdrawal with the history.
    let copy = device_like(&o);
    assert!(track::grants(&copy.read().unwrap()).unwrap().is_empty());
    assert!(
        track::verify_state(&copy.read().unwrap())
            .unwrap()
            .is_empty()
    );
    assert!(
        track::verify_state(&o.store.read().unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_grant_travels_with_the_changes_it_allows_whatever_their_dates() {
    let o = office();
    let other = not_mine(&o.store);
    let colleague = device_like(&o);
    let after = track::export_changeset(&o.store.read().unwrap(), 0, usize::MAX)
        .unwrap()
        .through;
    // Granted today; the change it allows is effective in 2014, so by effective date it
    // comes first in the changeset.
    track::grant_as(&o.store, &o.admin, "省环保厅", &other).unwrap();
    let e = track::record(&o.store, progress(&other, 5.0, "张三").signed_by(&o.zhang)).unwrap();
    let changes = track::export_changeset(&o.store.read().unwrap(), after, usize::MAX).unwrap();
    assert_eq!(changes.events.len(), 2);
    let report = track::apply_changeset(&colleague, &changes).unwrap();
    assert_eq!((report.applied, report.refused.len()), (2, 0), "{report:?}");
    let snap = colleague.read().unwrap();
    assert!(snap.event(e.id).unwrap().is_some());
    assert!(track::verify_state(&snap).unwrap().is_empty());
}

/// `set_admin_key`'s contract: "from then on every event must be signed". What was
/// recorded before (here, unsigned progress on a store without an administrator) stays a
/// valid history; an unsigned event after it is refused.
#[test]
fn events_recorded_before_the_administrator_key_stay_valid_and_later_ones_must_be_signed() {
    let store = Store::in_memory().unwrap();
    bundled::import_shanxi_2013(&store).unwrap();
    let before = EventInput::task_status(MINE, TaskStatus::InProgress, Some(20.0), "张三")
        .effective(d("2014-03-01"));
    track::record(&store, before).unwrap();
    let admin = SecretKey::generate().unwrap();
    track::set_admin_key(&store, admin.public()).unwrap();
    assert_eq!(
        track::verify(&store).unwrap(),
        vec![],
        "the earlier history is valid"
    );
    let after = EventInput::task_status(MINE, TaskStatus::InProgress, Some(30.0), "张三")
        .effective(d("2014-04-01"));
    let refused = track::record(&store, after).unwrap_err();
    assert!(refused.to_string().contains("not signed"), "{refused}");
    assert_eq!(track::verify(&store).unwrap(), vec![]);
    // A dump carries which events came before the administrator, so its copy is as valid.
    let json = export::to_json(&store.read().unwrap()).unwrap();
    let copy = Store::in_memory().unwrap();
    export::load_json(&copy, &json).unwrap();
    assert_eq!(track::verify(&copy).unwrap(), vec![]);
    assert_eq!(
        copy.read().unwrap().admin_key().unwrap(),
        Some(admin.public())
    );
}
