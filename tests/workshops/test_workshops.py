"""Workshops: creation in Japan time, linked issues, sign-ups with capacity and waiting list, calendars."""
import threading
from datetime import datetime

from app.audit.models import AuditEntry
from app.extensions import db
from app.issues.models import Issue
from app.notifications.models import Notification
from app.workshops.models import Registration, Workshop
from tests.conftest import Auth
from tests.factories import make_center, make_issue, make_user, make_workshop


def _form(center, **over):
    data = {"title": "通学路を考えるワークショップ", "center": str(center.id), "date": "2027-01-16", "start_time": "10:00",
            "end_time": "12:00", "place": "崇善公民館 2階", "description": "**通学路**について", "capacity": "30",
            "co_hosts": "崇善小学校PTA"}
    data.update(over)
    return data


def test_facilitator_creates_a_workshop_in_japan_time_and_linked_issues_move(as_user, client):
    center = make_center()
    fac = make_user("facilitator", centers=[center])
    issue = make_issue(center=center, title="通学路の見守り")
    response = as_user(fac).post("/workshops/new", data={**_form(center), "issues": [str(issue.id)]})
    workshop = db.session.execute(db.select(Workshop)).scalar_one()
    assert response.headers["Location"].endswith(f"/workshops/{workshop.id}")
    assert workshop.starts_at == datetime(2027, 1, 16, 1, 0)  # 10:00 JST is 01:00 UTC
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).status == "workshop"
    html = client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert "2027年1月16日（土）10:00〜12:00" in html and "通学路の見守り" in html
    assert "1月16日のワークショップ「通学路を考えるワークショップ」で話し合います。" in client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "workshop.create")).scalar_one()


def test_bad_times_and_capacity_get_japanese_messages(as_user):
    center = make_center()
    fac = as_user(make_user("facilitator", centers=[center]))
    html = fac.post("/workshops/new", data=_form(center, end_time="09:00", capacity="0", date="")).get_data(as_text=True)
    assert "日付を入力してください。" in html and "1〜1000人で入力してください。" in html
    html = fac.post("/workshops/new", data=_form(center, end_time="09:00")).get_data(as_text=True)
    assert "終了時刻は開始時刻より後にしてください。" in html


def test_a_facilitator_cannot_create_in_another_center_or_edit_its_workshops(as_user):
    mine, other = make_center(), make_center()
    fac = as_user(make_user("facilitator", centers=[mine]))
    html = fac.post("/workshops/new", data=_form(other)).get_data(as_text=True)
    assert "選択肢が正しくありません。" in html
    assert fac.get(f"/workshops/{make_workshop(center=other).id}/edit").status_code == 403


def test_sign_up_waitlist_and_promotion_on_cancel(as_user):
    workshop = make_workshop(capacity=2)
    a, b, c = make_user(), make_user(), make_user()
    for user in (a, b, c):
        as_user(user).post(f"/workshops/{workshop.id}/register")
    statuses = {r.user_id: r.status for r in db.session.execute(db.select(Registration)).scalars()}
    assert statuses == {a.id: "confirmed", b.id: "confirmed", c.id: "waitlisted"}
    as_user(a).post(f"/workshops/{workshop.id}/register", data={"action": "cancel"})
    db.session.expire_all()
    statuses = {r.user_id: r.status for r in db.session.execute(db.select(Registration)).scalars()}
    assert statuses == {a.id: "cancelled", b.id: "confirmed", c.id: "confirmed"}
    assert db.session.get(Workshop, workshop.id).confirmed_count == 2
    assert db.session.execute(db.select(Notification).where(Notification.user_id == c.id,
                                                            Notification.kind == "workshop.promoted")).scalar_one()


def test_signing_up_twice_changes_nothing_and_past_workshops_are_closed(as_user):
    workshop = make_workshop(capacity=5)
    user = make_user()
    c = as_user(user)
    c.post(f"/workshops/{workshop.id}/register")
    c.post(f"/workshops/{workshop.id}/register")
    db.session.expire_all()
    assert db.session.get(Workshop, workshop.id).confirmed_count == 1
    past = make_workshop(days_ahead=-3)
    html = c.post(f"/workshops/{past.id}/register", follow_redirects=True).get_data(as_text=True)
    assert "申し込みは終了しました" in html


def test_capacity_holds_under_concurrent_sign_ups(app):
    workshop = make_workshop(capacity=5)
    users = [make_user() for _ in range(16)]
    url = f"/workshops/{workshop.id}/register"
    clients = []
    for user in users:
        c = app.test_client()
        Auth(c).login(user)
        clients.append(c)
    barrier = threading.Barrier(len(clients))
    errors = []

    def run(c):
        try:
            barrier.wait(timeout=30)
            if c.post(url).status_code != 302:
                errors.append("status")
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    [t.start() for t in threads]
    [t.join() for t in threads]
    db.session.expire_all()
    regs = db.session.execute(db.select(Registration)).scalars().all()
    assert errors == []
    assert sum(r.status == "confirmed" for r in regs) == 5 == db.session.get(Workshop, workshop.id).confirmed_count
    assert sum(r.status == "waitlisted" for r in regs) == 11


def test_capacity_cannot_drop_below_confirmed(as_user):
    center = make_center()
    fac = make_user("facilitator", centers=[center])
    workshop = make_workshop(center=center, capacity=3, facilitator=fac)
    for _ in range(3):
        as_user(make_user()).post(f"/workshops/{workshop.id}/register")
    html = as_user(fac).post(f"/workshops/{workshop.id}/edit", data=_form(center, capacity="2", date="2030-01-01")).get_data(as_text=True)
    assert "定員をそれより少なくできません" in html


def test_participant_names_only_for_staff_and_walk_ins_count(as_user, client):
    center = make_center()
    fac = make_user("facilitator", centers=[center])
    workshop = make_workshop(center=center, facilitator=fac)
    as_user(make_user(display_name="さんかしゃ")).post(f"/workshops/{workshop.id}/register")
    assert "さんかしゃ" not in client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    f = as_user(fac)
    assert "さんかしゃ" in f.get(f"/workshops/{workshop.id}/participants").get_data(as_text=True)
    f.post(f"/workshops/{workshop.id}/participants", data={"walk_in": "7"})
    db.session.expire_all()
    assert db.session.get(Workshop, workshop.id).participants == 8


def test_calendar_files(client):
    center = make_center(name="港公民館")
    workshop = make_workshop(center=center, title="海岸清掃を考える会, 第1回; 港")
    ics = client.get(f"/workshops/{workshop.id}.ics").get_data(as_text=True)
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in ics and "END:VCALENDAR" in ics
    assert "SUMMARY:海岸清掃を考える会\\, 第1回\\; 港" in ics.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    feed = client.get(f"/centers/{center.id}/workshops.ics").get_data(as_text=True)
    assert feed.count("BEGIN:VEVENT") == 1 and "港公民館のワークショップ" in feed
