"""Password reset by mail, change of password, and what happens to other sessions."""
import re

from app.accounts.models import User
from app.extensions import db
from app.mail import outbox
from tests.factories import PASSWORD, make_user


def _reset_link():
    return re.search(r"https?://[^/\s]+(/password/reset/\S+)", outbox()[-1].get_content()).group(1)


def test_reset_link_sets_a_new_password_and_works_only_once(client):
    user = make_user()
    response = client.post("/password/forgot", data={"email": user.email})
    assert "再設定のご案内をお送りしました" in response.get_data(as_text=True)
    link = _reset_link()
    client.post(link, data={"password": "new-password-123", "password_confirm": "new-password-123"})
    assert client.post("/login", data={"email": user.email, "password": "new-password-123"}).status_code == 302
    client.post("/logout")
    again = client.get(link, follow_redirects=True).get_data(as_text=True)
    assert "有効期限が切れているか、正しくありません" in again


def test_reset_for_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/password/forgot", data={"email": "ghost@example.jp"})
    assert "再設定のご案内をお送りしました" in response.get_data(as_text=True)
    assert outbox() == []


def test_reset_requests_are_rate_limited_per_address(client):
    user = make_user()
    codes = [client.post("/password/forgot", data={"email": user.email}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert len(outbox()) == 3


def test_changing_password_logs_out_other_sessions(app, as_user):
    user = make_user()
    phone, desktop = as_user(user), as_user(user)
    response = desktop.post("/account/password", data={"current_password": PASSWORD, "password": "brand-new-pass-1",
                                                       "password_confirm": "brand-new-pass-1"})
    assert response.status_code == 302
    assert desktop.get("/account").status_code == 200  # the session that changed it stays in
    assert phone.get("/account").status_code == 302  # the other one is logged out


def test_wrong_current_password_is_refused(as_user):
    user = make_user()
    c = as_user(user)
    html = c.post("/account/password", data={"current_password": "not-my-password", "password": "brand-new-pass-1",
                                             "password_confirm": "brand-new-pass-1"}).get_data(as_text=True)
    assert "現在のパスワードが正しくありません。" in html
    assert db.session.get(User, user.id).check_password(PASSWORD)


def test_production_hashes_passwords_with_scrypt(app):
    from config import Config
    from werkzeug.security import generate_password_hash
    assert Config.PASSWORD_HASH_METHOD == "scrypt"
    assert generate_password_hash("x" * 12, method=Config.PASSWORD_HASH_METHOD).startswith("scrypt:32768:8:1$")
