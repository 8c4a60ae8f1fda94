"""代理受付: a facilitator takes an issue or a support for a resident; the resident claims it with the code."""
import re

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.extensions import db
from app.intake.models import Intake
from app.issues.models import Issue, Vote
from tests.conftest import Auth
from tests.factories import make_center, make_issue, make_user

BODY = "バス停のベンチが壊れていて、足の悪い人が座れずに困っています。"


def _take(client, center, district, **extra):
    data = {"intake_center": center.id, "method": "phone", "title": "バス停のベンチが壊れている", "body": BODY,
            "center": district.id, "themes": ["F3"], "resident_name": "平塚 花子", "resident_contact": "0463-00-0000",
            "step": "submit", **extra}
    return client.post("/facilitate/intake/new", data=data)


def _code(client, intake):
    html = client.get(f"/facilitate/intake/{intake.id}/receipt").get_data(as_text=True)
    return re.search(r'class="receipt-code"[^>]*>([A-Z0-9-]+)<', html).group(1)


def _setup():
    center = make_center(name="崇善公民館")
    return center, make_user(Role.FACILITATOR.value, centers=[center])


def test_phone_intake_makes_a_public_issue_bylined_by_the_center_without_the_residents_name(app, client):
    center, facilitator = _setup()
    Auth(client).login(facilitator)
    response = _take(client, center, center)
    assert response.status_code == 302 and "/receipt" in response.headers["Location"]
    intake = db.session.execute(db.select(Intake)).scalar_one()
    Auth(client).logout()
    page = client.get(f"/issues/{intake.issue_id}").get_data(as_text=True)
    assert "崇善公民館が電話で受け付けました" in page
    assert "平塚 花子" not in page and "0463-00-0000" not in page
    for path in ("/api/v1/issues", f"/api/v1/issues/{intake.issue_id}", "/issues.csv", "/issues/feed.atom"):
        text = client.get(path).get_data(as_text=True)
        assert "平塚 花子" not in text and "0463-00-0000" not in text and facilitator.email not in text
    audit = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "intake.issue")).scalar_one()
    assert audit.actor_id == facilitator.id and audit.after["method"] == "phone"
    assert "平塚" not in str(audit.after)


def test_receipt_shows_number_short_url_qr_and_a_claim_code_stored_only_as_a_hash(app, client):
    center, facilitator = _setup()
    Auth(client).login(facilitator)
    _take(client, center, center)
    intake = db.session.execute(db.select(Intake)).scalar_one()
    html = client.get(f"/facilitate/intake/{intake.id}/receipt?size=half").get_data(as_text=True)
    code = _code(client, intake)
    assert f"No.{intake.issue_id}" in html and f"/i/{intake.issue_id}" in html and "<svg" in html
    assert "receipt-half" in html
    assert len(code.replace("-", "")) == 12 and code.replace("-", "") not in (intake.claim_code_hash or "")
    assert client.get(f"/i/{intake.issue_id}").headers["Location"].endswith(f"/issues/{intake.issue_id}")


def test_resident_claims_the_issue_once_and_becomes_its_author(app, client):
    center, facilitator = _setup()
    Auth(client).login(facilitator)
    _take(client, center, center)
    intake = db.session.execute(db.select(Intake)).scalar_one()
    code = _code(client, intake)
    resident = make_user()
    Auth(client).logout()
    Auth(client).login(resident)
    response = client.post("/claim", data={"code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Issue, intake.issue_id).author_id == resident.id
    again = client.post("/claim", data={"code": code}).get_data(as_text=True)
    assert "すでに使われています" in again
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "intake.claim")).scalar_one()


def test_a_wrong_code_gets_a_japanese_message_and_claims_are_rate_limited(app, client):
    app.config["RATELIMIT_ENABLED"] = True
    try:
        Auth(client).login(make_user())
        page = client.post("/claim", data={"code": "ABCD-EFGH-JKMN"}).get_data(as_text=True)
        assert "受付番号（コード）が正しくないか" in page
        statuses = [client.post("/claim", data={"code": "ABCD-EFGH-JKMN"}).status_code for _ in range(12)]
        assert 429 in statuses
    finally:
        app.config["RATELIMIT_ENABLED"] = False


def test_counter_support_counts_once_and_is_not_counted_twice_when_the_supporter_claims_it(app, client):
    center, facilitator = _setup()
    issue = make_issue(center=center, title="バス停のベンチが壊れている", body=BODY)
    voter = make_user()
    Auth(client).login(facilitator)
    response = _take(client, center, center, support_issue=issue.id, step="")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).vote_count == 1
    intake = db.session.execute(db.select(Intake)).scalar_one()
    assert intake.kind == "support"
    code = _code(client, intake)
    # the resident already supported it from their own account: claiming must not count them twice
    from app.issues.services import cast_vote
    cast_vote(voter, db.session.get(Issue, issue.id))
    db.session.commit()
    assert db.session.get(Issue, issue.id).vote_count == 2
    Auth(client).logout()
    Auth(client).login(voter)
    client.post("/claim", data={"code": code})
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).vote_count == 1
    assert db.session.execute(db.select(db.func.count(Vote.id)).where(Vote.issue_id == issue.id)).scalar() == 1


def test_similar_issues_are_shown_to_the_facilitator_before_a_new_issue_is_made(app, client):
    center, facilitator = _setup()
    make_issue(center=center, title="バス停のベンチが壊れている", body=BODY)
    Auth(client).login(facilitator)
    page = _take(client, center, center, step="").get_data(as_text=True)
    assert "似ている投稿があります" in page and "この投稿への共感として受け付ける" in page
    assert db.session.execute(db.select(db.func.count(Intake.id))).scalar() == 0


def test_contact_is_seen_only_by_staff_of_the_receiving_center_and_erased_on_request(app, client):
    center, facilitator = _setup()
    other = make_user(Role.FACILITATOR.value, centers=[make_center()])
    Auth(client).login(facilitator)
    _take(client, center, center)
    intake = db.session.execute(db.select(Intake)).scalar_one()
    assert "0463-00-0000" in client.get(f"/facilitate/intake/{intake.id}").get_data(as_text=True)
    client.post(f"/facilitate/intake/{intake.id}/calls", data={"note": "対話中になったことを電話で伝えた"})
    assert "対話中になったことを電話で伝えた" in client.get(f"/facilitate/intake/{intake.id}").get_data(as_text=True)
    Auth(client).logout()
    Auth(client).login(other)
    assert client.get(f"/facilitate/intake/{intake.id}").status_code == 403
    assert client.post(f"/facilitate/intake/{intake.id}/erase").status_code == 403
    Auth(client).logout()
    Auth(client).login(facilitator)
    client.post(f"/facilitate/intake/{intake.id}/erase")
    db.session.expire_all()
    intake = db.session.get(Intake, intake.id)
    assert intake.resident_name == "" and intake.resident_contact == "" and intake.contact_erased_at
    actions = set(db.session.execute(db.select(AuditEntry.action)).scalars())
    assert {"intake.call", "intake.erase"} <= actions


def test_a_facilitator_cannot_take_intake_for_a_center_they_do_not_serve(app, client):
    center, facilitator = _setup()
    elsewhere = make_center()
    Auth(client).login(facilitator)
    response = _take(client, elsewhere, center)
    assert response.status_code == 200 and "入力内容を確認してください" in response.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(Intake.id))).scalar() == 0


def test_blank_paper_form_has_the_same_fields(app, client):
    center, facilitator = _setup()
    Auth(client).login(facilitator)
    page = client.get("/facilitate/intake/form").get_data(as_text=True)
    for label in ("タイトル", "くわしい内容", "困りごとがある地区", "テーマ", "お名前", "電話番号または住所", "受付方法"):
        assert label in page


def test_an_assisted_issue_takes_supports_comments_and_status_changes_like_any_other(app, client):
    center, facilitator = _setup()
    Auth(client).login(facilitator)
    _take(client, center, center)
    intake = db.session.execute(db.select(Intake)).scalar_one()
    client.post(f"/facilitate/issues/{intake.issue_id}/status", data={"to_status": "dialogue", "note": "話を聞きます。"})
    Auth(client).logout()
    resident = make_user()
    Auth(client).login(resident)
    client.post(f"/issues/{intake.issue_id}/vote", data={"action": "add"})
    client.post(f"/issues/{intake.issue_id}/comments", data={"body": "うちの近所でも同じです。"})
    db.session.expire_all()
    issue = db.session.get(Issue, intake.issue_id)
    assert issue.status == "dialogue" and issue.vote_count == 1 and issue.comment_count == 1


def test_merging_a_duplicate_moves_counter_supports_too(app, client):
    from app.moderation.services import merge_duplicate
    from app.intake.services import take_support
    center, facilitator = _setup()
    original, duplicate = make_issue(center=center), make_issue(center=center)
    for issue in (original, duplicate):
        take_support(facilitator, center=center, method="counter", issue=issue)
    db.session.commit()
    merge_duplicate(facilitator, duplicate, original, "同じ内容です。")
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Issue, original.id).vote_count == 2
