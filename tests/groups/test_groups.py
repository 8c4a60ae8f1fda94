"""Groups: creation makes an owner, invitations by e-mail, private contact for staff, verification, posting as a group."""
import re

from app.audit.models import AuditEntry
from app.extensions import db
from app.groups.models import Group, GroupMember
from app.issues.models import Issue
from app.mail import outbox
from tests.factories import make_center, make_group, make_user


def test_creating_a_group_makes_me_its_owner(as_user):
    user = make_user()
    as_user(user).post("/groups/new", data={"name": "港の見守り隊", "kind": "community", "center": "0",
                                            "description": "朝の見守りをしています", "private_contact": "代表 山田"})
    group = db.session.execute(db.select(Group)).scalar_one()
    assert [(m.user_id, m.role) for m in group.members] == [(user.id, "owner")]
    html = as_user(user).post("/groups/new", data={"name": "港の見守り隊", "kind": "community", "center": "0",
                                                   "description": "x"}).get_data(as_text=True)
    assert "同じ名前の団体がすでに登録されています。" in html


def test_private_contact_is_for_staff_only(as_user, client):
    group = make_group()
    assert "090-0000-0000" not in client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert "090-0000-0000" not in as_user(group.members[0].user).get(f"/groups/{group.id}").get_data(as_text=True)
    assert "090-0000-0000" in as_user(make_user("staff")).get(f"/groups/{group.id}").get_data(as_text=True)


def test_invitation_joins_only_the_invited_address(as_user):
    owner = make_user()
    group = make_group(owner=owner)
    invited, stranger = make_user(email="friend@example.jp"), make_user()
    as_user(owner).post(f"/groups/{group.id}/members", data={"action": "invite", "email": "Friend@Example.jp"})
    link = re.search(r"https?://[^/\s]+(/groups/join/\S+)", outbox()[-1].get_content()).group(1)
    html = as_user(stranger).post(link, follow_redirects=True).get_data(as_text=True)
    assert "別のメールアドレスあて" in html
    as_user(invited).post(link)
    assert db.session.get(GroupMember, (group.id, invited.id)).role == "member"
    html = as_user(invited).post(link, follow_redirects=True).get_data(as_text=True)
    assert "有効期限が切れています" in html  # a link works once


def test_last_owner_cannot_leave_and_non_owners_cannot_manage(as_user):
    owner = make_user()
    group = make_group(owner=owner, members=1)
    member = [m for m in group.members if m.role == "member"][0].user
    assert as_user(member).get(f"/groups/{group.id}/members").status_code == 403
    html = as_user(owner).post(f"/groups/{group.id}/members", data={"action": "remove", "user_id": str(owner.id)},
                               follow_redirects=True).get_data(as_text=True)
    assert "最後の代表者" in html


def test_staff_verify_with_an_audit_row(as_user, client):
    group = make_group()
    assert as_user(make_user()).post(f"/groups/{group.id}/verify").status_code == 403
    as_user(make_user("staff")).post(f"/groups/{group.id}/verify")
    assert "市が確認済み" in client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "group.verify")).scalar_one()


def test_members_post_as_their_group(as_user, client):
    owner = make_user(display_name="代表のひと")
    group = make_group(owner=owner, name="松原自治会")
    center = make_center()
    as_user(owner).post("/issues/new", data={"title": "集会所の段差", "body": "集会所の入り口に段差があり危ないです。",
                                             "center": str(center.id), "post_as": str(group.id), "action": "submit",
                                             "submission_key": "g1"})
    issue = db.session.execute(db.select(Issue)).scalar_one()
    assert issue.group_id == group.id
    page = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "松原自治会" in page
    assert "集会所の段差" in client.get(f"/groups/{group.id}").get_data(as_text=True)
    other = make_group()
    as_user(owner).post("/issues/new", data={"title": "別の団体として", "body": "所属していない団体では投稿できないはず。",
                                             "center": str(center.id), "post_as": str(other.id), "action": "submit",
                                             "submission_key": "g2"})
    assert db.session.execute(db.select(Issue).where(Issue.title == "別の団体として")).scalar_one_or_none() is None
