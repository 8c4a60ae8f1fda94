"""Staff manage 公民館; residents see the list."""
from app.audit.models import AuditEntry
from app.centers.models import Center
from app.extensions import db
from tests.factories import make_center, make_user

NEW = {"name": "新しい公民館", "district": "新地区", "address": "平塚市内", "phone": "0463-00-0000",
       "description": "紹介文", "position": "30", "active": "y"}


def test_staff_adds_a_center_and_an_audit_row_records_it(as_user, client):
    staff = make_user("staff")
    response = as_user(staff).post("/centers/admin/new", data=NEW)
    assert response.status_code == 302
    center = db.session.execute(db.select(Center).where(Center.name == "新しい公民館")).scalar_one()
    assert (center.district, center.position, center.active, center.is_sample) == ("新地区", 30, True, False)
    entry = db.session.execute(db.select(AuditEntry)).scalar_one()
    assert (entry.action, entry.actor_id, entry.target_id) == ("center.create", staff.id, center.id)
    assert "新しい公民館" in client.get("/centers/").get_data(as_text=True)


def test_editing_a_sample_center_makes_it_real_data_and_keeps_before_after(as_user):
    center = make_center(name="崇善公民館", district="崇善地区", is_sample=True)
    staff = make_user("staff")
    as_user(staff).post(f"/centers/admin/{center.id}", data={**NEW, "name": "崇善公民館", "address": "平塚市浅間町"})
    db.session.expire_all()
    center = db.session.get(Center, center.id)
    assert center.address == "平塚市浅間町" and not center.is_sample
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "center.update")).scalar_one()
    assert entry.before["address"] == "" and entry.after["address"] == "平塚市浅間町"


def test_duplicate_center_name_is_refused_with_a_message(as_user):
    make_center(name="港公民館")
    html = as_user(make_user("staff")).post("/centers/admin/new", data={**NEW, "name": "港公民館"}).get_data(as_text=True)
    assert "同じ名前の公民館が既にあります。" in html
    assert db.session.execute(db.select(db.func.count(Center.id))).scalar() == 1


def test_inactive_centers_are_hidden_from_residents(client):
    make_center(name="休館中公民館", active=False)
    make_center(name="開館中公民館")
    html = client.get("/centers/").get_data(as_text=True)
    assert "開館中公民館" in html and "休館中公民館" not in html


def test_phone_must_look_like_a_phone_number(as_user):
    html = as_user(make_user("staff")).post("/centers/admin/new", data={**NEW, "phone": "<script>"}).get_data(as_text=True)
    assert "数字とハイフンで入力してください。" in html


def test_staff_assigns_a_facilitator_to_centers_with_an_audit_row(as_user):
    a, b = make_center(), make_center()
    staff, user = make_user("staff"), make_user()
    c = as_user(staff)
    html = c.post(f"/admin/users/{user.id}", data={"role": "facilitator"}).get_data(as_text=True)
    assert "伴走者には担当する公民館を1つ以上選んでください。" in html
    c.post(f"/admin/users/{user.id}", data={"role": "facilitator", "centers": [str(a.id), str(b.id)]})
    db.session.expire_all()
    from app.accounts.models import User
    user = db.session.get(User, user.id)
    assert user.role == "facilitator" and {x.id for x in user.centers} == {a.id, b.id}
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "user.role")).scalar_one()
    assert entry.before == {"role": "resident", "centers": []}
    assert entry.after["role"] == "facilitator"
