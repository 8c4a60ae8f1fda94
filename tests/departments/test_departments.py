"""担当課 as data staff maintain, and the department-staff role scoped to departments."""
from app.accounts.models import Role, User
from app.audit.models import AuditEntry
from app.departments.models import Department
from app.extensions import db
from app.permissions import serves_department
from tests.factories import make_department, make_user


def test_staff_add_a_department_with_an_audit_row(as_user):
    staff = make_user(Role.STAFF.value)
    response = as_user(staff).post("/admin/departments/new", data={
        "name": "道路管理課", "handles": "市道の穴、街路灯", "contact_url": "https://www.city.hiratsuka.kanagawa.jp/",
        "phone": "0463-00-0000", "position": 1, "active": "y"})
    assert response.status_code == 302
    d = db.session.execute(db.select(Department)).scalar_one()
    assert (d.name, d.handles, d.is_sample) == ("道路管理課", "市道の穴、街路灯", False)
    assert db.session.execute(db.select(AuditEntry.action)).scalars().all() == ["department.create"]


def test_department_form_rejects_a_non_web_address_in_japanese(as_user):
    staff = make_user(Role.STAFF.value)
    text = as_user(staff).post("/admin/departments/new", data={
        "name": "道路管理課", "contact_url": "javascript:alert(1)"}).get_data(as_text=True)
    assert "https:// から始まるURLを入力してください。" in text
    assert db.session.execute(db.select(Department)).first() is None


def test_duplicate_department_name_is_refused(as_user):
    make_department("道路管理課")
    staff = make_user(Role.STAFF.value)
    text = as_user(staff).post("/admin/departments/new", data={"name": "道路管理課"}).get_data(as_text=True)
    assert "同じ名前の担当課が既にあります。" in text


def test_public_list_shows_what_each_department_handles_and_escapes_it(client):
    make_department("公園緑地課", handles="公園の遊具 <script>alert(1)</script>")
    page = client.get("/departments").get_data(as_text=True)
    assert "公園緑地課" in page and "公園の遊具" in page and "<script>alert(1)" not in page


def test_staff_assign_the_department_role_with_its_departments(as_user):
    staff = make_user(Role.STAFF.value)
    roads = make_department("道路管理課")
    target = make_user()
    response = as_user(staff).post(f"/admin/users/{target.id}", data={"role": "department",
                                                                       "departments": [roads.id]})
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, target.id)
    assert user.role == "department" and [d.name for d in user.departments] == ["道路管理課"]
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "user.role")).scalar_one()
    assert entry.after["departments"] == ["道路管理課"]


def test_department_role_needs_at_least_one_department(as_user):
    staff = make_user(Role.STAFF.value)
    target = make_user()
    text = as_user(staff).post(f"/admin/users/{target.id}", data={"role": "department"}).get_data(as_text=True)
    assert "担当課職員には所属する担当課を1つ以上選んでください。" in text
    assert db.session.get(User, target.id).role == "resident"


def test_department_staff_serve_only_their_departments_and_lose_them_with_another_role(as_user):
    roads, parks = make_department("道路管理課"), make_department("公園緑地課")
    member = make_user(Role.DEPARTMENT.value, departments=[roads])
    assert serves_department(member, roads) and not serves_department(member, parks)
    staff = make_user(Role.STAFF.value)
    as_user(staff).post(f"/admin/users/{member.id}", data={"role": "resident"})
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert user.departments == [] and not serves_department(user, roads)
