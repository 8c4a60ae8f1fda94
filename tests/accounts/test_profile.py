"""Profile edit, data export and account deletion."""
import json

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.extensions import db
from tests.factories import PASSWORD, make_center, make_user


def test_profile_edit_saves_name_center_and_age_band(as_user):
    center = make_center()
    user = make_user()
    c = as_user(user)
    c.post("/account", data={"display_name": "うみかぜ", "home_center": str(center.id), "age_band": "60代"})
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.display_name, user.home_center_id, user.age_band) == ("うみかぜ", center.id, "60代")


def test_export_contains_my_data(as_user):
    user = make_user(display_name="エクスポート")
    response = as_user(user).get("/account/export")
    data = json.loads(response.get_data(as_text=True))
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert data["email"] == user.email and data["display_name"] == "エクスポート"
    assert "password_hash" not in data


def test_deleting_account_erases_personal_data_keeps_an_audit_row_and_logs_out(as_user, client):
    user = make_user(display_name="やまだ", email="yamada@example.jp")
    c = as_user(user)
    html = c.post("/account/delete", data={"password": "wrong-password!", "confirm": "y"}).get_data(as_text=True)
    assert "パスワードが正しくありません。" in html
    c.post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.is_deleted and user.public_name == "退会したユーザー"
    assert "yamada" not in user.email and user.display_name == "退会したユーザー"
    assert c.get("/account").status_code == 302
    assert client.post("/login", data={"email": "yamada@example.jp", "password": PASSWORD}).status_code == 200
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "account.delete")).scalar_one()
    assert entry.target_id == user.id


def test_deleted_address_can_register_again(client):
    user = make_user(email="again@example.jp")
    from app.accounts.services import delete_account
    delete_account(user)
    db.session.commit()
    client.post("/register", data={"email": "again@example.jp", "display_name": "もういちど", "password": "umi-to-sora-2026",
                                   "password_confirm": "umi-to-sora-2026", "home_center": "0", "age_band": "", "agree": "y"})
    assert db.session.execute(db.select(User).where(User.email == "again@example.jp")).scalar_one()
