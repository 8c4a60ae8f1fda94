"""Workshop guests signed up by staff: capacity and the waiting list count them; names stay staff-only."""
from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.extensions import db
from app.workshops.models import Registration, Workshop
from tests.conftest import Auth
from tests.factories import make_center, make_user, make_workshop


def test_guests_take_seats_then_wait_and_a_cancelled_guest_frees_a_seat(app, client):
    center = make_center()
    facilitator = make_user(Role.FACILITATOR.value, centers=[center])
    workshop = make_workshop(center=center, capacity=1)
    Auth(client).login(facilitator)
    for name in ("大磯 一郎", "茅ヶ崎 二郎"):
        client.post(f"/workshops/{workshop.id}/guests", data={"resident_name": name, "resident_contact": "0463-11-2222",
                                                             "method": "phone"})
    db.session.expire_all()
    regs = db.session.execute(db.select(Registration).order_by(Registration.id)).scalars().all()
    assert [r.status for r in regs] == ["confirmed", "waitlisted"]
    assert db.session.get(Workshop, workshop.id).confirmed_count == 1
    page = client.get(f"/workshops/{workshop.id}/participants").get_data(as_text=True)
    assert "大磯 一郎" in page and "0463-11-2222" in page
    client.post(f"/workshops/{workshop.id}/guests/{regs[0].id}/cancel")
    db.session.expire_all()
    assert db.session.get(Registration, regs[1].id).status == "confirmed"
    audit = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "intake.guest")).scalars().all()
    assert len(audit) == 2 and all(a.actor_id == facilitator.id and a.after["method"] == "phone" for a in audit)
    Auth(client).logout()
    public = client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert "大磯 一郎" not in public and "0463-11-2222" not in public


def test_a_guest_without_a_name_gets_a_japanese_message_and_no_seat(app, client):
    center = make_center()
    Auth(client).login(make_user(Role.FACILITATOR.value, centers=[center]))
    workshop = make_workshop(center=center)
    response = client.post(f"/workshops/{workshop.id}/guests", data={"resident_name": "", "method": "phone"},
                           follow_redirects=True)
    assert "お名前を入力してください。" in response.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(Registration.id))).scalar() == 0


def test_facilitators_of_another_center_cannot_sign_up_guests(app, client):
    workshop = make_workshop(center=make_center())
    Auth(client).login(make_user(Role.FACILITATOR.value, centers=[make_center()]))
    assert client.post(f"/workshops/{workshop.id}/guests", data={"resident_name": "x", "method": "phone"}).status_code == 403
