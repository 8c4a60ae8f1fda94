"""The lifecycle table, transition by transition; duplicates merge supports exactly; plan tags from the plan."""
import itertools

import pytest

from app.audit.models import AuditEntry
from app.extensions import db
from app.issues import lifecycle
from app.issues.lifecycle import Status
from app.issues.models import Follow, Issue, StatusChange, Vote
from app.issues.services import cast_vote
from app.notifications.models import Notification
from tests.factories import make_center, make_issue, make_user

# Hiding and restoring (to and from 非公開) have their own buttons: tests/moderation/test_moderation.py.
PAIRS = [(a, b) for a, b in itertools.product(Status, Status)
         if a != b and Status.HIDDEN not in (a, b) and b != Status.DUPLICATE]


@pytest.mark.parametrize("frm, to", PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS])
def test_each_transition_is_allowed_exactly_as_the_table_says(as_user, frm, to):
    center = make_center()
    facilitator = make_user("facilitator", centers=[center])
    issue = make_issue(center=center, status=frm.value)
    response = as_user(facilitator).post(f"/facilitate/issues/{issue.id}/status",
                                         data={"to_status": to.value, "note": "理由のメモ",
                                               "out_of_scope_body": "神奈川県"},  # 対象外 names where to go
                                         follow_redirects=True)
    db.session.expire_all()
    now = db.session.get(Issue, issue.id).status
    if lifecycle.allowed(frm, to, lifecycle.FACILITATOR):
        assert now == to.value
        change = db.session.execute(db.select(StatusChange).where(StatusChange.to_status == to.value)).scalar_one()
        assert change.note == "理由のメモ" and change.actor_id == facilitator.id
        assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "issue.status")).scalar_one()
    else:
        assert now == frm.value
        assert "選択肢が正しくありません。" in response.get_data(as_text=True)  # not offered, and refused if forced


def test_a_note_is_required(as_user):
    center = make_center()
    issue = make_issue(center=center)
    html = as_user(make_user("facilitator", centers=[center])).post(
        f"/facilitate/issues/{issue.id}/status", data={"to_status": "dialogue", "note": ""},
        follow_redirects=True).get_data(as_text=True)
    assert "変更の理由を短く書いてください" in html
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).status == "new"


def test_status_change_notifies_author_and_followers_and_shows_on_the_timeline(as_user, client):
    center = make_center()
    author, follower = make_user(), make_user()
    issue = make_issue(center=center, author=author)
    db.session.add(Follow(user_id=follower.id, issue_id=issue.id))
    db.session.commit()
    as_user(make_user("facilitator", centers=[center])).post(
        f"/facilitate/issues/{issue.id}/status", data={"to_status": "out_of_scope", "note": "道路の穴は道路管理課へ",
                                                           "out_of_scope_body": "道路管理課"})
    notified = {n.user_id for n in db.session.execute(db.select(Notification).where(Notification.kind == "status")).scalars()}
    assert notified == {author.id, follower.id}
    html = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "道路の穴は道路管理課へ" in html and "対象外" in html


def test_duplicate_merge_moves_supports_without_counting_anyone_twice(as_user):
    center = make_center()
    original, dup = make_issue(center=center, title="元の投稿"), make_issue(center=center, title="重複の投稿")
    both, only_dup, only_orig = make_user(), make_user(), make_user()
    for user, issue in [(both, original), (both, dup), (only_dup, dup), (only_orig, original),
                        (original.author, dup)]:  # the original's author supported the duplicate
        cast_vote(user, issue)
    db.session.commit()
    as_user(make_user("facilitator", centers=[center])).post(
        f"/facilitate/issues/{dup.id}/status",
        data={"to_status": "duplicate", "note": "同じ内容の投稿にまとめました", "duplicate_of": str(original.id)})
    db.session.expire_all()
    original, dup = db.session.get(Issue, original.id), db.session.get(Issue, dup.id)
    voters = set(db.session.execute(db.select(Vote.user_id).where(Vote.issue_id == original.id)).scalars())
    assert voters == {both.id, only_dup.id, only_orig.id}
    assert original.vote_count == 3 and dup.vote_count == 0 and dup.duplicate_of_id == original.id
    assert db.session.execute(db.select(db.func.count(Vote.id)).where(Vote.issue_id == dup.id)).scalar() == 0
    assert db.session.get(Follow, (dup.author_id, original.id)) is not None


def test_duplicate_needs_a_valid_original(as_user):
    center = make_center()
    issue = make_issue(center=center)
    fac = as_user(make_user("facilitator", centers=[center]))
    html = fac.post(f"/facilitate/issues/{issue.id}/status", data={"to_status": "duplicate", "note": "x"},
                    follow_redirects=True).get_data(as_text=True)
    assert "まとめ先の投稿番号を入力してください。" in html
    html = fac.post(f"/facilitate/issues/{issue.id}/status",
                    data={"to_status": "duplicate", "note": "x", "duplicate_of": str(issue.id)},
                    follow_redirects=True).get_data(as_text=True)
    assert "まとめ先の投稿が正しくありません" in html


def test_plan_tags_come_from_the_plan_and_link_to_it(as_user, client):
    center = make_center()
    issue = make_issue(center=center, themes=["F4"])
    fac = as_user(make_user("facilitator", centers=[center]))
    html = fac.post(f"/facilitate/issues/{issue.id}/tags", data={"codes": ["G3", "ZZ9"]}).get_data(as_text=True)
    assert "入力内容を確認してください" in html
    fac.post(f"/facilitate/issues/{issue.id}/tags", data={"codes": ["G3", "S4-1", "P4-1", "DX"]})
    db.session.expire_all()
    assert sorted(t.code for t in db.session.get(Issue, issue.id).tags) == ["DX", "F4", "G3", "P4-1", "S4-1"]
    page = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert 'href="/plan/strategies/S4#S4-1"' in page and 'href="/plan/fields/F4#P4-1"' in page
    assert "互いに支え合い、誰もが安心して、安全に暮らすまち" in page
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "issue.tags")).scalar_one()
    assert client.get("/issues?tag=S4-1").get_data(as_text=True).count('class="issue-card"') == 1
