"""What a change may carry and when it counts (issue 15): the core's checks, seen from Python."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest

import reformgraph
from reformgraph import Database

D = datetime.date
TASK = "shanxi-2013/reform/10"


def test_a_change_dated_ahead_needs_allow_unusual_date_and_is_pending(fresh: Database) -> None:
    today = datetime.datetime.now(datetime.timezone.utc).date()
    ahead = D(today.year + 1, 1, 15)
    with pytest.raises(reformgraph.InvalidInputError, match="after today"):
        fresh.record_status(TASK, "completed", 100, actor="张三", effective=ahead)
    fresh.record_status(TASK, "in_progress", 40, actor="张三", effective=D(2014, 6, 30))
    fresh.record_status(TASK, "completed", 100, actor="张三", effective=ahead, allow_unusual_date=True)
    now = fresh.task_view(TASK)
    assert now == fresh.task_view(TASK, as_of=today), "no date means today"
    assert (now.status, now.progress, now.pending) == ("in_progress", 40.0, ahead)
    later = fresh.task_view(TASK, as_of=ahead)
    assert (later.status, later.pending) == ("completed", None)


def test_a_change_dated_before_the_plans_period_needs_allow_unusual_date(fresh: Database) -> None:
    with pytest.raises(reformgraph.InvalidInputError, match="before the plan's period"):
        fresh.record_status(TASK, "in_progress", 5, actor="张三", effective=D(2012, 12, 31))
    fresh.record_status(TASK, "in_progress", 5, actor="张三", effective=D(2012, 12, 31), allow_unusual_date=True)


def test_callers_cannot_set_a_recording_time_and_ids_follow_the_clock(fresh: Database) -> None:
    with pytest.raises(TypeError):
        fresh.record_status(TASK, "in_progress", 5, actor="张三", recorded_at=2**63 - 1)  # type: ignore[call-arg]
    e = fresh.record_status(TASK, "in_progress", 5, actor="张三", effective=D(2014, 1, 1))
    assert not e.id.startswith("ffffffff"), e.id
    assert int(e.id.replace("-", "")[:12], 16) == e.recorded_at


def test_escape_sequences_and_oversized_notes_are_refused(fresh: Database) -> None:
    with pytest.raises(reformgraph.InvalidInputError, match="control character"):
        fresh.record_status(TASK, "in_progress", 5, actor="张三\x1b[2J")
    with pytest.raises(reformgraph.InvalidInputError, match="4000"):
        fresh.record_status(TASK, "in_progress", 5, "资" * 4001, actor="张三")
    assert fresh.history(TASK) == []


def test_damaged_files_raise_reformgraph_errors_never_a_panic(tmp_path: Path) -> None:
    good = tmp_path / "good.redb"
    with reformgraph.create(good) as db:
        db.import_bundled()
    data = good.read_bytes()
    page = 4096
    rng = random.Random(15)
    variants: list[bytes] = []
    for i in range(50):
        b = bytearray(data)
        if i % 4 == 0:
            b = b[: rng.randrange(len(b))]
        elif i % 4 == 1:
            for _ in range(1 + rng.randrange(4)):
                b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        elif i % 4 == 2:
            p = rng.randrange(len(b) // page)
            b[p * page : (p + 1) * page] = bytes(page)
        else:
            b += bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3 * page)))
        variants.append(bytes(b))
    flagged = 0
    for i, v in enumerate(variants):
        path = tmp_path / f"damaged{i}.redb"
        path.write_bytes(v)
        try:
            with reformgraph.open(path) as db:
                problems = db.verify()
                db.tasks(lead="省环保厅")
                db.search("煤层气")
                if problems:
                    flagged += 1
                    with pytest.raises(reformgraph.ReformGraphError):
                        db.record_status(TASK, "in_progress", 5, actor="张三", effective=D(2014, 1, 1))
        except reformgraph.ReformGraphError:
            # An error of the hierarchy (corrupt, not a store …) is the right answer; a
            # pyo3 PanicException is a BaseException and would fail the test here.
            flagged += 1
    assert flagged >= 15, flagged


def test_ctrl_c_stops_a_long_import_within_a_second_and_writes_nothing() -> None:
    import os
    import signal
    import threading
    import time

    items = "\n".join(
        f"{i}.推进第{i}项煤层气综合利用改革。统筹两个市场，完善配套政策。（牵头部门：省经信委）"
        for i in range(1, 12001)
    )
    text = "一、重大改革\n（一）产业转型。\n" + items + "\n"
    with reformgraph.memory() as db:
        fired: list[float] = []

        def interrupt() -> None:
            fired.append(time.monotonic())
            os.kill(os.getpid(), signal.SIGINT)

        # The import takes about 1.2 s here; the interrupt comes well before its end.
        timer = threading.Timer(0.15, interrupt)
        started = time.monotonic()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            db.import_text(text, key="ctrl-c-2020")
        stopped = time.monotonic()
        timer.join()
        assert fired, "the interrupt fired"
        assert stopped - fired[0] < 1.0, f"stopped {stopped - fired[0]:.2f} s after Ctrl-C"
        assert stopped - started > 0.1, "the import was still running when interrupted"
        assert db.count("plan") == 0 and db.count("task") == 0, "nothing was written"


def test_the_access_policy_and_grants_are_controlled_from_python(fresh: Database) -> None:
    assert not fresh.access_enforced
    fresh.set_access_enforced(True)
    assert fresh.access_enforced
    with pytest.raises(reformgraph.AccessDeniedError, match="grant"):
        fresh.record_status("shanxi-2013/reform/11", "in_progress", 10, actor="赵六", org="省财政厅", effective=D(2014, 5, 1))
    fresh.grant("省财政厅", "shanxi-2013/part/2/2")
    assert fresh.grants() == [("org/省财政厅", "shanxi-2013/part/2/2")]
    fresh.record_status("shanxi-2013/reform/11", "in_progress", 10, actor="赵六", org="省财政厅", effective=D(2014, 5, 1))
    assert fresh.revoke("省财政厅", "shanxi-2013/part/2/2")
    assert not fresh.revoke("省财政厅", "shanxi-2013/part/2/2")
    assert fresh.grants() == []


def test_a_received_write_the_policy_refuses_is_listed_with_its_reason(fresh: Database) -> None:
    # 省财政厅 leads neither reform 11's category nor has a grant: a device that does not
    # enforce the policy records it, the office that does refuses it on receipt.
    with reformgraph.Database(None, "memory") as device:
        device.import_bundled()
        ev = device.record_status("shanxi-2013/reform/11", "in_progress", 10, actor="赵六", org="省财政厅",
                                  effective=D(2014, 5, 1))
        fresh.set_access_enforced(True)
        report = fresh.apply_changeset(device.export_changeset())
    assert report.applied == 0 and len(report.refused) == 1
    refusal = report.refused[0]
    assert isinstance(refusal, reformgraph.Refusal) and refusal.event == ev.id and refusal.reason
    assert any(e.change == "access_refused" for e in fresh.history("shanxi-2013/reform/11"))


def test_with_an_administrator_only_signed_changes_by_certified_keys_are_recorded(fresh: Database) -> None:
    admin = reformgraph.SecretKey.generate()
    zhang = reformgraph.SecretKey.generate()
    fresh.set_admin_key(admin.public_key)
    assert fresh.admin_key == admin.public_key
    fresh.set_access_enforced(True)
    fresh.certify(zhang.public_key, person="张三", organization="省环保厅", admin=admin, valid_from=D(2014, 1, 1))
    (cert,) = fresh.certificates()
    assert isinstance(cert, reformgraph.Certificate)
    assert (cert.key, cert.person, cert.organization) == (zhang.public_key, "张三", "org/省环保厅")
    task = "shanxi-2013/reform/10"  # led by 省环保厅 (the plan's 牵头部门)
    with pytest.raises(reformgraph.AccessDeniedError, match="not signed"):
        fresh.record_status(task, "in_progress", 10, actor="张三", effective=D(2014, 5, 1))
    ev = fresh.record_status(task, "in_progress", 10, actor="张三", effective=D(2014, 5, 1), signer=zhang)
    assert ev.organization == "org/省环保厅" and ev.signer == zhang.public_key
    # The organisation is the certificate's: claiming another is refused.
    with pytest.raises(reformgraph.AccessDeniedError, match="certified for org/省环保厅"):
        fresh.record_status(task, "in_progress", 20, actor="张三", org="省财政厅", effective=D(2014, 5, 2), signer=zhang)
    # Only the administrator certifies; a revoked key signs nothing more.
    with pytest.raises(reformgraph.AccessDeniedError, match="administrator"):
        fresh.certify(admin.public_key, person="某人", organization="省财政厅", admin=zhang)
    # Grants are the administrator's too, and are events of the organisation's history.
    with pytest.raises(reformgraph.AccessDeniedError, match="not signed"):
        fresh.grant("省环保厅", "shanxi-2013/part/2")
    fresh.grant("省环保厅", "shanxi-2013/part/2", admin=admin)
    assert fresh.grants() == [("org/省环保厅", "shanxi-2013/part/2")]
    assert [e.details["scope"] for e in fresh.history("org/省环保厅") if e.change == "access_granted"] == [
        "shanxi-2013/part/2"
    ]
    fresh.revoke_key(zhang.public_key, admin=admin)
    with pytest.raises(reformgraph.AccessDeniedError, match="revoked"):
        fresh.record_status(task, "in_progress", 30, actor="张三", effective=D(2014, 5, 3), signer=zhang)
    assert fresh.verify() == []


def test_a_secret_key_round_trips_through_a_key_file_and_never_shows_its_secret(tmp_path: Path) -> None:
    key = reformgraph.SecretKey.generate()
    path = tmp_path / "zhang.key"
    key.write_file(path)
    assert reformgraph.SecretKey.read_file(path) == key
    with pytest.raises(reformgraph.StoreIOError):
        reformgraph.SecretKey.generate().write_file(path)
    assert reformgraph.SecretKey.from_bytes(key.to_bytes()) == key
    assert key.to_bytes().hex() not in repr(key) and key.public_key in repr(key)
    with pytest.raises(reformgraph.InvalidInputError, match="32 bytes"):
        reformgraph.SecretKey.from_bytes(b"short")


def test_a_signed_cross_department_write_or_a_forged_refusal_in_a_changeset_is_refused(fresh: Database) -> None:
    admin, zhao, office = (reformgraph.SecretKey.generate() for _ in range(3))
    fresh.set_admin_key(admin.public_key)
    fresh.set_access_enforced(True)
    fresh.certify(zhao.public_key, person="赵六", organization="省财政厅", admin=admin, valid_from=D(2014, 1, 1))
    fresh.certify(office.public_key, person="改革办", organization="省发展改革委", admin=admin, valid_from=D(2014, 1, 1))
    # 赵六's laptop (the plan, the administrator and the certificates, synced; the policy
    # off locally) writes reform 11, which 省财政厅 neither leads nor was granted.
    with reformgraph.Database(None, "memory") as laptop:
        laptop.import_bundled()
        laptop.set_admin_key(admin.public_key)
        assert laptop.apply_changeset(fresh.export_changeset()).applied == 2
        ev = laptop.record_status("shanxi-2013/reform/11", "in_progress", 10, actor="赵六",
                                  effective=D(2014, 5, 1), signer=zhao)
        report = fresh.apply_changeset(laptop.export_changeset(), signer=office)
    assert report.applied == 0 and [r.event for r in report.refused] == [ev.id]
    (refusal,) = [e for e in fresh.history("shanxi-2013/reform/11") if e.change == "access_refused"]
    assert refusal.signer == office.public_key and refusal.organization == "org/省发展改革委"
    # A refusal made by a key nobody certified, naming 赵六 of 省财政厅: refused on receipt.
    stranger = reformgraph.SecretKey.generate()
    with reformgraph.Database(None, "memory") as other:
        other.import_bundled()
        other.set_access_enforced(True)
        with pytest.raises(reformgraph.AccessDeniedError):
            other.record_status("shanxi-2013/reform/11", "completed", actor="赵六", org="省财政厅",
                                effective=D(2014, 5, 1), signer=stranger)
        report = fresh.apply_changeset(other.export_changeset(), signer=office)
    assert report.applied == 0 and any("not certified" in r.reason for r in report.refused)
    assert fresh.verify() == []


def test_a_re_import_that_re_assigns_a_lead_is_the_administrators_event(tmp_path: Path) -> None:
    v1 = "1.推进煤层气开发利用。（牵头部门：省环保厅）\n2.推进煤电体制改革。（牵头部门：省经信委；配合部门：省发展改革委）\n"
    v2 = v1.replace("（牵头部门：省环保厅）", "（牵头部门：省发展改革委）")
    with reformgraph.create(tmp_path / "plan.redb") as db:
        db.import_text(v1, key="demo")
        admin = reformgraph.SecretKey.generate()
        db.set_admin_key(admin.public_key)
        with pytest.raises(reformgraph.AccessDeniedError, match="administrator"):
            db.import_text(v2, key="demo")
        assert [t.key for t in db.tasks(lead="省环保厅")] == ["demo/task/1"]
        report = db.import_text(v2, key="demo", admin=admin)
        assert report.leads_reassigned == ["demo/task/1"]
        (event,) = db.history("demo/task/1")
        assert event.change == "leads_assigned" and event.signer == admin.public_key
        assert event.details["previous_leads"] == ["org/省环保厅"]
        assert event.details["leads"] == ["org/省发展改革委"]
        # The same version again changes nobody's responsibility.
        assert db.import_text(v2, key="demo").leads_reassigned == []
        assert db.verify() == []
