"""One test per finding of #11 ("One visibility rule" and "Counts and content"), named after the behaviour."""
import threading
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.extensions import db
from app.issues.lifecycle import Status
from app.issues.models import Comment, Issue, StatusChange
from app.notifications.models import Notification
from app.permissions import can_comment, can_flag, can_follow, can_view_issue, can_vote
from tests.conftest import Auth
from tests.factories import make_center, make_comment, make_issue, make_user, make_workshop

ATOM = {"a": "http://www.w3.org/2005/Atom"}
HOSTILE_TITLES = ["AT&T と <b>太字</b> の課題", "</title><entry><title>偽の項目</title></entry>",
                  "]]><injected/>", "「引用」&amp; 'quote' \"dq\""]
HOSTILE_BODY = "一行目 & <script>alert(1)</script>\n二行目 <i>\n三行目 ]]> </summary><evil/>"


def _issue_count(issue_id):
    db.session.expire_all()
    return db.session.get(Issue, issue_id)


# --- One visibility rule ------------------------------------------------------------------------

def test_api_detail_of_a_post_awaiting_approval_is_404():
    center = make_center(premoderate_first_posts=True)
    issue = make_issue(center=center, title="承認待ちの投稿", lat=35.33, lng=139.35)
    assert issue.awaiting_approval
    from flask import current_app
    response = current_app.test_client().get(f"/api/v1/issues/{issue.id}")
    assert response.status_code == 404 and "承認待ちの投稿" not in response.get_data(as_text=True)


@pytest.mark.parametrize("state", ["published", "awaiting", "hidden", "withdrawn", "resolved"])
@pytest.mark.parametrize("role", ["resident", "author", "facilitator", "other_facilitator", "staff", "suspended"])
def test_voting_commenting_following_and_flagging_imply_seeing(state, role):
    center, other = make_center(), make_center()
    author = make_user()
    users = {"resident": make_user(), "author": author, "facilitator": make_user("facilitator", centers=[center]),
             "other_facilitator": make_user("facilitator", centers=[other]), "staff": make_user("staff"),
             "suspended": make_user()}
    issue = make_issue(author=author, center=center, status=None if state in ("published", "awaiting") else state)
    issue.awaiting_approval = state == "awaiting"
    db.session.commit()
    user = users[role]
    for predicate in (can_vote, can_comment, can_follow, can_flag):
        if predicate(user, issue):
            assert can_view_issue(user, issue), (predicate.__name__, state, role)


def test_an_edit_of_an_approved_first_post_in_a_premoderated_center_goes_back_to_approval(as_user):
    center = make_center(premoderate_first_posts=True)
    author = make_user()
    issue = make_issue(author=author, center=center, title="最初の投稿")
    facilitator = make_user("facilitator", centers=[center])
    assert as_user(facilitator).post(f"/facilitate/issues/{issue.id}/approve").status_code == 302
    assert not _issue_count(issue.id).awaiting_approval
    c = as_user(author)
    response = c.post(f"/issues/{issue.id}/edit", data={"title": "最初の投稿（山田太郎 090-1234-5678）",
                                                        "body": "連絡は090-1234-5678まで", "center": center.id,
                                                        "themes": ["F3"]}, follow_redirects=True)
    assert "もう一度公開されます" in response.get_data(as_text=True)
    assert _issue_count(issue.id).awaiting_approval
    from flask import current_app
    public = current_app.test_client()
    assert public.get(f"/issues/{issue.id}").status_code == 404
    assert "090-1234-5678" not in public.get("/api/v1/issues").get_data(as_text=True)


def test_an_edit_by_a_trusted_author_stays_published(as_user):
    center = make_center()
    author = make_user()
    make_issue(author=author, center=center)  # let through earlier: the author is trusted
    center.premoderate_first_posts = True
    issue = make_issue(author=author, center=center, title="二つ目の投稿")
    db.session.commit()
    assert not issue.awaiting_approval
    as_user(author).post(f"/issues/{issue.id}/edit", data={"title": "二つ目の投稿（修正）", "body": "本文を直しました",
                                                           "center": center.id, "themes": ["F3"]})
    assert not _issue_count(issue.id).awaiting_approval


def test_hide_and_restore_go_through_the_lifecycle_and_restore_notifies_followers(as_user):
    center = make_center()
    facilitator = make_user("facilitator", centers=[center])
    follower = make_user()
    issue = make_issue(center=center, status=Status.DIALOGUE.value)
    as_user(follower).post(f"/issues/{issue.id}/follow")
    c = as_user(facilitator)
    c.post(f"/moderation/issues/{issue.id}/hide", data={"reason": "個人情報"})
    assert _issue_count(issue.id).status == Status.HIDDEN.value
    assert not db.session.execute(db.select(Notification).where(Notification.user_id == follower.id)).all()
    c.post(f"/moderation/issues/{issue.id}/restore", data={"reason": "個人情報を取り除きました"})
    issue = _issue_count(issue.id)
    assert issue.status == Status.DIALOGUE.value and issue.hidden_reason == ""
    steps = [(h.from_status, h.to_status) for h in db.session.execute(
        db.select(StatusChange).where(StatusChange.issue_id == issue.id).order_by(StatusChange.id)).scalars()]
    assert steps[-2:] == [("dialogue", "hidden"), ("hidden", "dialogue")]
    actions = [a.action for a in db.session.execute(db.select(AuditEntry).order_by(AuditEntry.id)).scalars()]
    assert actions.count("issue.status") == 2
    told = db.session.execute(db.select(Notification).where(Notification.user_id == follower.id)).scalars().all()
    assert [n.kind for n in told] == ["status"] and "対話中" in told[0].message


def test_hiding_twice_or_restoring_a_visible_issue_is_refused_with_a_message(as_user):
    center = make_center()
    c = as_user(make_user("facilitator", centers=[center]))
    issue = make_issue(center=center)
    html = c.post(f"/moderation/issues/{issue.id}/restore", follow_redirects=True).get_data(as_text=True)
    assert "この投稿は非表示になっていません。" in html


# --- Counts and content -------------------------------------------------------------------------

def test_deleting_a_comment_twice_lowers_the_count_once(as_user):
    issue = make_issue()
    author = make_user()
    comment = make_comment(issue, author=author)
    make_comment(issue)
    c = as_user(author)
    for _ in range(3):
        assert c.post(f"/comments/{comment.id}/delete").status_code == 302
    assert _issue_count(issue.id).comment_count == 1
    assert c.get("/api/v1/issues/%d" % issue.id).get_json()["comments"] == 1


def test_ten_simultaneous_deletes_of_a_comment_lower_the_count_once(app):
    """Real concurrency: ten clients, released at once (PostgreSQL in CI; SQLite serialises them)."""
    issue = make_issue()
    author = make_user()
    comment_id, issue_id = make_comment(issue, author=author).id, issue.id
    make_comment(issue)
    clients = []
    for _ in range(10):
        client = app.test_client()
        Auth(client).login(author)
        clients.append(client)
    barrier, results = threading.Barrier(len(clients)), []

    def run(client):
        try:
            barrier.wait(timeout=30)
            results.append(client.post(f"/comments/{comment_id}/delete").status_code)
        except Exception as exc:  # noqa: BLE001 - any failure is a test failure
            results.append(repr(exc))

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [302] * 10
    assert _issue_count(issue_id).comment_count == 1
    assert db.session.get(Comment, comment_id).is_deleted


@pytest.mark.parametrize("table, column", [("issues", "vote_count"), ("issues", "comment_count"),
                                           ("issues", "photo_count"), ("workshops", "confirmed_count"),
                                           ("workshops", "walk_in_count"), ("workshop_outputs", "vote_count"),
                                           ("workshop_outputs", "comment_count")])
def test_no_counter_can_go_below_zero(table, column):
    make_issue()
    make_workshop(outputs=[("idea", "アイデア", "G1")])
    with pytest.raises(IntegrityError):
        db.session.execute(text(f"UPDATE {table} SET {column} = -1"))
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_atom_feed_is_valid_for_any_title_and_body_and_titles_inject_nothing(client, title):
    issue = make_issue(title=title, body=HOSTILE_BODY)
    root = ET.fromstring(client.get("/issues/feed.atom").data)
    entries = root.findall("a:entry", ATOM)
    assert len(entries) == 1  # no injected entries or elements
    entry = entries[0]
    assert entry.find("a:title", ATOM).text == issue.title
    assert root.find(".//evil") is None and root.find(".//injected") is None
    summary = entry.find("a:summary", ATOM)
    assert summary.get("type") == "html" and "<script" not in summary.text and "二行目" in summary.text


@pytest.mark.parametrize("title", HOSTILE_TITLES + ["改行\nのある;題名,です"])
def test_calendar_files_are_valid_for_any_title_place_and_description(client, title):
    workshop = make_workshop(title=title[:80])
    workshop.place = "公民館; 2階, 大会議室 & <ホール>"
    workshop.description = HOSTILE_BODY
    db.session.commit()
    for path in (f"/workshops/{workshop.id}.ics", f"/centers/{workshop.center_id}/workshops.ics"):
        body = client.get(path).data
        assert all(len(line) <= 75 for line in body.split(b"\r\n"))
        events = [c for c in Calendar.from_ical(body).walk("VEVENT")]
        assert len(events) == 1
        assert str(events[0]["SUMMARY"]) == " ".join(workshop.title.splitlines())  # one line, nothing lost
        assert str(events[0]["LOCATION"]) == workshop.place
        assert str(events[0]["DESCRIPTION"]).startswith(HOSTILE_BODY)


def test_the_issue_page_report_link_opens_the_report_form_for_that_issue(as_user):
    # A comment with the same number as the issue, on another issue: the old link opened its form.
    other = make_issue(title="別の投稿")
    issue = make_issue(title="通報したい投稿")
    for _ in range(issue.id):
        make_comment(other)
    assert db.session.get(Comment, issue.id) is not None
    c = as_user(make_user())
    html = c.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert f'href="/issues/{issue.id}/flag"' in html
    form = c.get(f"/issues/{issue.id}/flag").get_data(as_text=True)
    assert "通報したい投稿" in form and "（コメント）" not in form
    c.post(f"/issues/{issue.id}/flag", data={"reason": "spam"})
    from app.moderation.models import Flag
    flag = db.session.execute(db.select(Flag)).scalar_one()
    assert (flag.target_type, flag.target_id) == ("issue", issue.id)


@pytest.mark.parametrize("number", [2**31, 2**63, 2**64 + 1, 10**30])
def test_ids_beyond_the_column_range_are_404(as_user, client, number):
    for path in (f"/issues/{number}", f"/api/v1/issues/{number}", f"/workshops/{number}", f"/cases/{number}",
                 f"/groups/{number}", f"/comments/{number}/flag", f"/issues/{number}/flag"):
        assert client.get(path).status_code in (404, 302), path  # 302: the login page first
    c = as_user(make_user())
    assert c.get(f"/issues/{number}/flag").status_code == 404
    assert c.post(f"/issues/{number}/vote").status_code == 404
    issue = make_issue()
    response = c.post(f"/issues/{issue.id}/comments", data={"body": "返信です", "parent_id": str(number)})
    assert response.status_code == 302  # an unknown parent is ignored: a plain comment


@pytest.mark.parametrize("target", ["/issues\r\nSet-Cookie: evil=1", "/\r\nLocation: https://evil.example",
                                    "/ok\nx", "/tab\tx", "https://evil.example/", "//evil.example"])
def test_a_next_with_line_breaks_or_another_host_is_refused(client, target):
    response = client.post("/lang/en", query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] in ("/", "http://localhost/")
    assert "evil" not in response.headers.get("Set-Cookie", "")


def test_the_moderation_forms_next_goes_through_safe_next(as_user):
    center = make_center()
    issue = make_issue(center=center)
    c = as_user(make_user("facilitator", centers=[center]))
    response = c.post(f"/moderation/issues/{issue.id}/hide", data={"reason": "個人情報", "next": "https://evil.example/"})
    assert response.headers["Location"].endswith(f"/issues/{issue.id}")
    response = c.post(f"/moderation/issues/{issue.id}/restore", data={"next": "/facilitate?center=1"})
    assert response.headers["Location"].endswith("/facilitate?center=1")


def test_staff_can_see_everything_a_facilitator_of_any_center_can(app):
    staff = make_user(Role.STAFF.value)
    issue = make_issue(status=Status.HIDDEN.value)
    assert can_view_issue(staff, issue)


def test_the_query_helper_and_the_predicate_agree_for_every_role_and_state():
    """visible_issues(select, user) keeps exactly the issues can_view_issue(user, issue) allows."""
    from app.permissions import visible_issues
    center, other = make_center(), make_center()
    author = make_user()
    issues = [make_issue(author=author, center=center, status=s) for s in (None, "hidden", "withdrawn", "resolved")]
    issues.append(make_issue(author=author, center=center))
    issues[-1].awaiting_approval = True
    db.session.commit()
    from app import Anonymous
    for user in (Anonymous(), make_user(), author, make_user("facilitator", centers=[center]),
                 make_user("facilitator", centers=[other]), make_user("staff"), make_user("admin")):
        listed = set(db.session.execute(visible_issues(db.select(Issue.id), user)).scalars())
        assert listed == {i.id for i in issues if can_view_issue(user, i)}


def test_a_duplicate_target_number_beyond_any_id_gets_a_japanese_message(as_user):
    center = make_center()
    issue = make_issue(center=center)
    html = as_user(make_user("facilitator", centers=[center])).post(
        f"/facilitate/issues/{issue.id}/status", data={"to_status": "duplicate", "note": "同じ内容です",
                                                       "duplicate_of": str(2**64 + 1)},
        follow_redirects=True).get_data(as_text=True)
    assert "投稿番号が正しくありません。" in html
    assert _issue_count(issue.id).status == "new"
