"""Logging in and out, rate limits, no account enumeration."""
from app.util.time import utcnow
from datetime import timedelta

from app.extensions import db
from tests.factories import PASSWORD, make_user


def test_login_and_logout(client):
    user = make_user(display_name="さくら")
    response = client.post("/login", data={"email": user.email.upper(), "password": PASSWORD}, follow_redirects=True)
    assert "さくらさん、ようこそ" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 200
    client.post("/logout")
    assert client.get("/account").status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_message(client):
    make_user(email="known@example.jp")
    wrong = client.post("/login", data={"email": "known@example.jp", "password": "nope-nope-nope"}).get_data(as_text=True)
    unknown = client.post("/login", data={"email": "nobody@example.jp", "password": "nope-nope-nope"}).get_data(as_text=True)
    message = "メールアドレスまたはパスワードが正しくありません。"
    assert message in wrong and message in unknown


def test_logout_needs_post_so_links_cannot_log_you_out(client, auth):
    auth.login(make_user())
    assert client.get("/logout").status_code == 405
    assert client.get("/account").status_code == 200


def test_repeated_failures_on_one_account_are_rate_limited_in_japanese(client):
    user = make_user()
    codes = [client.post("/login", data={"email": user.email, "password": f"wrong-{i}-xxxxx"}).status_code
             for i in range(9)]
    assert codes[:8] == [200] * 8 and codes[8] == 429
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "少しお待ちください" in response.get_data(as_text=True)


def test_rate_limit_per_account_does_not_block_other_accounts(client):
    victim, other = make_user(), make_user()
    for i in range(9):
        client.post("/login", data={"email": victim.email, "password": f"wrong-{i}-xxxxx"})
    assert client.post("/login", data={"email": other.email, "password": PASSWORD}).status_code == 302


def test_suspended_user_cannot_log_in(client):
    user = make_user()
    user.suspended_until = utcnow() + timedelta(days=7)
    db.session.commit()
    html = client.post("/login", data={"email": user.email, "password": PASSWORD}).get_data(as_text=True)
    assert "利用を停止されています" in html


def test_next_parameter_only_redirects_inside_the_site(client):
    user = make_user()
    ok = client.post("/login?next=/plan/", data={"email": user.email, "password": PASSWORD})
    assert ok.headers["Location"] == "/plan/"
    client.post("/logout")
    for evil in ["https://evil.example/", "//evil.example/", "/\\evil.example"]:
        response = client.post("/login", query_string={"next": evil}, data={"email": user.email, "password": PASSWORD})
        assert "evil" not in response.headers["Location"]
        client.post("/logout")


def test_pages_needing_login_send_you_to_login_and_back(client):
    response = client.get("/account")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
