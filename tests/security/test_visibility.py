"""One visibility rule, on every read path, for every role.

One object in each unpublished state — an issue awaiting approval, a hidden issue, a withdrawn issue,
a hidden comment, a draft grant application, an unpublished workshop output, a private document —
fetched through every read path (page, API list and detail, CSV, Atom, map data, search, similar
issues, related issues of a case, workshop and grant pages, pickers, photos, flag) as every role.
"""
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from app.accounts.models import Role
from app.extensions import db
from app.issues.services import withdraw_issue
from app.issues.similarity import similar_issues
from app.moderation.services import hide
from app.util.time import utcnow
from tests.conftest import Auth
from tests.factories import (make_application, make_case, make_center, make_comment, make_group, make_issue,
                             make_photo, make_user, make_workshop)

ROLES = ["anonymous", "resident", "author", "facilitator", "other_facilitator", "suspended", "reviewer",
         "group_owner", "staff", "admin"]
# Who may see the content of an unpublished issue: its author and the center's facilitators (staff everywhere).
ISSUE_VIEWERS = {"author", "facilitator", "staff", "admin"}
SECRET_ISSUES = {"awaiting": "承認待ち", "hidden": "非表示", "withdrawn": "取り下げ"}
SECRET_OUTPUT = "秘密の未公開成果の文章"
SECRET_COMMENT = "秘密の非表示コメント"


def _title(kind):
    return f"秘密{SECRET_ISSUES[kind]}タイトル"


def _body(kind):
    return f"秘密{SECRET_ISSUES[kind]}本文"


def _markers():
    return [m for k in SECRET_ISSUES for m in (_title(k), _body(k))]


@pytest.fixture
def world():
    center, other_center = make_center(district="港地区"), make_center()
    users = {
        "resident": make_user(),
        "author": make_user(),
        "facilitator": make_user(Role.FACILITATOR.value, centers=[center]),
        "other_facilitator": make_user(Role.FACILITATOR.value, centers=[other_center]),
        "suspended": make_user(),
        "reviewer": make_user(Role.REVIEWER.value),
        "staff": make_user(Role.STAFF.value),
        "admin": make_user(Role.ADMIN.value),
    }
    users["suspended"].suspended_until = utcnow() + timedelta(days=7)
    published = make_issue(center=center, title="公開中の課題 海岸のごみ", body="海岸のごみが多い", lat=35.33, lng=139.35)
    # Awaiting approval: the author's first post in a pre-moderated center.
    center.premoderate_first_posts = True
    awaiting = make_issue(author=users["author"], center=center, title=_title("awaiting"), body=_body("awaiting"),
                          lat=35.331, lng=139.351)
    assert awaiting.awaiting_approval
    make_photo(awaiting, owner=users["author"])
    center.premoderate_first_posts = False
    hidden = make_issue(author=users["author"], center=center, title=_title("hidden"), body=_body("hidden"),
                        lat=35.332, lng=139.352)
    withdrawn = make_issue(author=users["author"], center=center, title=_title("withdrawn"), body=_body("withdrawn"),
                           lat=35.333, lng=139.353)
    follower = make_user()
    from app.issues.services import follow
    follow(follower, hidden)
    # A workshop that took up the hidden issue before it was hidden.
    linked = make_workshop(center=center, issues=[hidden], facilitator=users["facilitator"])
    hide(users["facilitator"], hidden, "個人情報が書かれていたため")
    withdraw_issue(users["author"], withdrawn, "自治会で解決しました。")
    comment = make_comment(published, author=users["resident"], body=SECRET_COMMENT)
    hide(users["facilitator"], comment, "攻撃的な表現")
    unpublished = make_workshop(center=center, outputs=[("next_action", SECRET_OUTPUT, "G3")],
                                facilitator=users["facilitator"])
    group = make_group(center=center)
    users["group_owner"] = next(m.user for m in group.members if m.role == "owner")
    draft = make_application(group, submit=False)
    case = make_case(title="秘密と似た事例", problem="秘密の非表示のタイトルと本文、承認待ちのタイトル",
                     codes=("G3",), center=center)
    db.session.commit()
    return {"users": users, "center": center, "published": published, "awaiting": awaiting, "hidden": hidden,
            "withdrawn": withdrawn, "follower": follower, "comment": comment, "linked_workshop": linked,
            "unpublished_workshop": unpublished, "output": unpublished.outputs[0], "draft": draft,
            "document": draft.rules_document, "case": case}


def _client(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        Auth(client).login(world["users"][role])
    return client


def _text(client, path):
    response = client.get(path)
    assert response.status_code < 500, path
    return response.get_data(as_text=True)


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_issues_never_appear_in_lists_open_data_feeds_map_or_search(app, world, role):
    client = _client(app, world, role)
    paths = ["/issues", "/issues?q=秘密", "/issues?status=withdrawn", "/issues?status=hidden", "/issues?sort=votes",
             f"/issues?center={world['center'].id}", "/api/v1/issues", "/api/v1/issues?q=秘密", "/issues.csv",
             "/issues/feed.atom", f"/issues/feed.atom?center={world['center'].id}", "/map", "/map/points.json",
             f"/groups/{world['draft'].group_id}", "/plan/coverage", "/"]
    leaks = [(path, m) for path in paths for m in _markers() if m in _text(client, path)]
    assert leaks == []
    ET.fromstring(client.get("/issues/feed.atom").data)  # and the feed stays valid XML
    ids = {f["properties"]["id"] for f in client.get("/map/points.json").get_json()["features"]}
    assert ids == {world["published"].id}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", list(SECRET_ISSUES))
def test_an_unpublished_issue_page_shows_its_content_only_to_its_author_and_facilitators(app, world, role, kind):
    client = _client(app, world, role)
    issue = world[kind]
    response = client.get(f"/issues/{issue.id}")
    html = response.get_data(as_text=True)
    if role in ISSUE_VIEWERS:
        assert response.status_code == 200 and _title(kind) in html and _body(kind) in html
    elif kind == "awaiting":
        assert response.status_code == 404  # never published: not even its existence shows
    else:
        assert response.status_code == 200 and _title(kind) not in html and _body(kind) not in html
        assert "公開されていない投稿" in html
    # Open data answers as to the public, whoever asks (its responses may sit in shared caches).
    assert client.get(f"/api/v1/issues/{issue.id}").status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", list(SECRET_ISSUES))
def test_acting_on_an_unpublished_issue_needs_seeing_it(app, world, role, kind):
    client = _client(app, world, role)
    issue = world[kind]
    flag = client.get(f"/issues/{issue.id}/flag")
    posts = [client.post(f"/issues/{issue.id}/vote", data={"action": "add"}),
             client.post(f"/issues/{issue.id}/comments", data={"body": "見えないはずの投稿へのコメント"}),
             client.post(f"/issues/{issue.id}/follow")]
    if role == "anonymous":
        assert flag.status_code == 302 and all(r.status_code == 302 for r in posts)
    elif role not in ISSUE_VIEWERS:
        assert flag.status_code == 404 and all(r.status_code == 404 for r in posts)
    db.session.expire_all()
    from app.issues.models import Comment, Issue
    assert db.session.get(Issue, issue.id).vote_count == 0
    commented = db.session.execute(db.select(Comment).where(Comment.issue_id == issue.id)).scalars().all()
    assert commented == [] or role in ISSUE_VIEWERS


@pytest.mark.parametrize("role", ROLES)
def test_similar_issue_suggestions_and_related_issues_of_a_case_leave_out_unpublished_issues(app, world, role):
    client = _client(app, world, role)
    secret_ids = {world[k].id for k in SECRET_ISSUES}
    for kind in SECRET_ISSUES:
        found = {i.id for _score, i in similar_issues(_title(kind), _body(kind), world["center"].id, threshold=0)}
        assert found.isdisjoint(secret_ids)
    html = _text(client, f"/cases/{world['case'].id}")
    assert not [m for m in _markers() if m in html]
    if role in {"resident", "author", "facilitator", "staff", "admin"}:  # may post: the suggestion step
        html = client.post("/issues/new", data={"title": "タイトルの秘密非表示について", "body": "秘密の本文について",
                                                "center": world["center"].id, "submission_key": "k" * 24}
                           ).get_data(as_text=True)
        assert not any(f'/issues/{i}"' in html for i in secret_ids)


@pytest.mark.parametrize("role", ROLES)
def test_workshop_pages_and_pickers_show_no_unpublished_issue(app, world, role):
    client = _client(app, world, role)
    workshop = world["linked_workshop"]
    html = _text(client, f"/workshops/{workshop.id}")
    assert (_title("hidden") in html) == (role in ISSUE_VIEWERS)
    assert client.get(f"/api/v1/workshops/{workshop.id}").get_json()["issues"] == []
    assert client.get(f"/api/v1/cases").get_json()["items"][0]["issues"] == []
    if role in {"facilitator", "staff", "admin"}:  # the workshop form's issue picker
        html = _text(client, f"/workshops/new?issue={world['awaiting'].id}")
        assert not [m for m in _markers() if m in html]
    if role == "group_owner":  # the grant application's issue picker
        html = _text(client, f"/grants/applications/{world['draft'].id}/edit")
        assert "公開中の課題" in html and not [m for m in _markers() if m in html]
    if role == "staff":  # the case study form's issue picker
        html = _text(client, "/cases/new")
        assert not [m for m in _markers() if m in html]


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_comment_shows_only_to_its_author_and_facilitators(app, world, role):
    client = _client(app, world, role)
    html = _text(client, f"/issues/{world['published'].id}")
    sees = role in {"resident", "facilitator", "staff", "admin"}  # "resident" wrote it
    assert (SECRET_COMMENT in html) == sees
    assert "公開中の課題" not in _text(client, "/issues?q=" + SECRET_COMMENT)  # hidden text is not searchable
    flag = client.get(f"/comments/{world['comment'].id}/flag")
    if role in {"facilitator", "staff", "admin"}:
        assert flag.status_code == 200
    elif role != "anonymous":
        assert flag.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_workshop_output_is_invisible_everywhere(app, world, role):
    client = _client(app, world, role)
    output, workshop = world["output"], world["unpublished_workshop"]
    manager = role in {"facilitator", "staff", "admin"}
    assert (SECRET_OUTPUT in _text(client, f"/workshops/{workshop.id}/outputs")) == manager
    for path in (f"/workshops/{workshop.id}", f"/api/v1/workshops/{workshop.id}", "/workshops/outputs.csv",
                 f"/workshops/outputs/{output.id}/take-up", f"/workshops/{workshop.id}/report"):
        assert SECRET_OUTPUT not in _text(client, path) or (manager and path.endswith("/report")), path
    # Taking part needs a published output: its managers are refused (403), everyone else finds nothing (404).
    expected = 302 if role == "anonymous" else 403 if manager else 404
    assert client.get(f"/workshops/outputs/{output.id}/take-up").status_code == expected
    for path in (f"/workshops/outputs/{output.id}/vote", f"/workshops/outputs/{output.id}/comments"):
        assert client.post(path, data={"body": "コメント"}).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_application_and_its_private_document_stay_with_the_group_and_staff(app, world, role):
    client = _client(app, world, role)
    draft, document = world["draft"], world["document"]
    allowed = role in {"group_owner", "staff", "admin"}
    expected = 200 if allowed else 302 if role == "anonymous" else 403
    assert client.get(f"/grants/applications/{draft.id}").status_code == expected
    assert client.get(f"/documents/{document.token}").status_code == expected
    assert draft.id not in {a["id"] for a in client.get("/api/v1/grants/awards").get_json()["items"]}
    assert "見守り活動" not in _text(client, "/grants/awards")


@pytest.mark.parametrize("role", ROLES)
def test_photos_of_an_unpublished_issue_are_served_only_to_those_who_see_it(app, world, role):
    from app.photos.services import photos_for
    client = _client(app, world, role)
    photo = photos_for(world["awaiting"])[0]
    response = client.get(f"/media/photos/{photo.thumb_filename}")
    assert response.status_code == (200 if role in ISSUE_VIEWERS else 404)
    if response.status_code == 200:
        assert "no-store" in response.headers["Cache-Control"]


def test_hiding_an_issue_notifies_only_those_who_can_still_see_it(world):
    from app.notifications.models import Notification
    rows = db.session.execute(db.select(Notification.user_id, Notification.message)).all()
    about_hidden = [uid for uid, message in rows if _title("hidden") in message
                    and ("「非公開」になりました" in message or "のため非表示になりました" in message)]
    assert world["follower"].id not in about_hidden and world["users"]["author"].id in about_hidden
