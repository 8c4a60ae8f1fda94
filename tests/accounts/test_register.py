"""Registering and confirming an e-mail address."""
import re

from app.accounts.models import User
from app.extensions import db
from app.mail import outbox
from tests.factories import XSS, make_center, make_user

GOOD = {"email": "Hanako@Example.jp", "display_name": "はなこ", "password": "umi-to-sora-2026",
        "password_confirm": "umi-to-sora-2026", "home_center": "0", "age_band": "", "agree": "y"}


def _link(message, path):
    return re.search(rf"https?://[^/\s]+({path}/\S+)", message.get_content()).group(1)


def test_resident_registers_confirms_and_is_logged_in(client):
    center = make_center(name="崇善公民館")
    response = client.post("/register", data={**GOOD, "home_center": str(center.id), "age_band": "70代以上"})
    assert response.status_code == 200
    assert "メールをご確認ください" in response.get_data(as_text=True)

    user = db.session.execute(db.select(User)).scalar_one()
    assert user.email == "hanako@example.jp" and not user.is_confirmed
    assert user.home_center_id == center.id and user.age_band == "70代以上"
    assert GOOD["password"] not in user.password_hash and user.check_password(GOOD["password"])

    [mail] = outbox()
    assert mail["To"] == "hanako@example.jp"
    response = client.get(_link(mail, "/confirm"), follow_redirects=True)
    assert "メールアドレスを確認しました" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.is_confirmed
    assert "はなこ" in client.get("/account").get_data(as_text=True)


def test_registering_an_existing_address_reveals_nothing_and_creates_nothing(client):
    make_user(email="taro@example.jp")
    response = client.post("/register", data={**GOOD, "email": "TARO@example.jp"})
    assert "メールをご確認ください" in response.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 1
    [mail] = outbox()
    assert "すでに登録されています" in mail.get_content()


def test_short_password_and_mismatch_get_japanese_messages_and_keep_other_input(client):
    response = client.post("/register", data={**GOOD, "password": "short", "password_confirm": "other"})
    html = response.get_data(as_text=True)
    assert "パスワードは10文字以上にしてください。" in html
    assert "パスワードが一致しません。" in html
    assert 'value="Hanako@Example.jp"' in html and 'value="はなこ"' in html
    assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 0


def test_terms_must_be_accepted(client):
    data = dict(GOOD)
    del data["agree"]
    html = client.post("/register", data=data).get_data(as_text=True)
    assert "利用規約への同意が必要です" in html


def test_display_names_that_impersonate_the_city_are_refused(client):
    html = client.post("/register", data={**GOOD, "display_name": "崇善公民館"}).get_data(as_text=True)
    assert "この言葉は表示名に使えません" in html


def test_markup_in_display_name_is_stored_as_text_and_escaped(client):
    client.post("/register", data={**GOOD, "display_name": "<b>x</b>"[:20]})
    user = db.session.execute(db.select(User)).scalar_one()
    assert user.display_name == "<b>x</b>"
    mail = outbox()[0]
    client.get(_link(mail, "/confirm"))
    html = client.get("/account").get_data(as_text=True)
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_huge_and_binary_input_gets_a_message_not_a_500(client):
    response = client.post("/register", data={**GOOD, "email": "a" * 100_000 + "@example.jp",
                                              "display_name": XSS * 1000 + "\x00"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "254文字以内で入力してください。" in html
    assert "2〜20文字で入力してください。" in html


def test_invalid_center_choice_is_refused(client):
    html = client.post("/register", data={**GOOD, "home_center": "99999"}).get_data(as_text=True)
    assert "入力内容を確認してください" in html
    assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 0


def test_tampered_confirmation_link_is_refused(client):
    client.post("/register", data=GOOD)
    link = _link(outbox()[0], "/confirm")
    response = client.get(link[:-3] + "xyz", follow_redirects=True)
    assert "確認用リンクが正しくありません" in response.get_data(as_text=True)
    assert not db.session.execute(db.select(User)).scalar_one().is_confirmed


def test_expired_confirmation_link_is_refused(app, client):
    client.post("/register", data=GOOD)
    link = _link(outbox()[0], "/confirm")
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1
    try:
        html = client.get(link, follow_redirects=True).get_data(as_text=True)
    finally:
        app.config["CONFIRM_TOKEN_MAX_AGE"] = 60 * 60 * 24 * 3
    assert "有効期限が切れています" in html


def test_unconfirmed_user_sees_a_banner_and_can_resend(client):
    user = make_user(confirmed=False)
    client.post("/login", data={"email": user.email, "password": "correct-horse-battery"})
    html = client.get("/").get_data(as_text=True)
    assert "メールアドレスの確認が済んでいません" in html
    client.post("/confirm/resend")
    assert len(outbox()) == 1
