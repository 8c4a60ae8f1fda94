"""Business verbs for groups: create, invite, accept, leave, verify."""
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import gettext as _

from app.audit.services import record
from app.extensions import db
from app.groups.models import Group, GroupInvite, GroupMember
from app.mail import send_mail
from app.util.sanitize import render_markdown
from app.util.time import utcnow

INVITE_DAYS = 14
FIELDS = ("name", "kind", "description", "public_contact", "private_contact", "founded_on")


class GroupError(Exception):
    """A rule was broken; the message is shown to the user."""


def membership(user, group):
    if not user.is_authenticated:
        return None
    return db.session.get(GroupMember, (group.id, user.id))


def groups_of(user, *, owner_only=False):
    if not user.is_authenticated:
        return []
    stmt = db.select(Group).join(GroupMember).where(GroupMember.user_id == user.id).order_by(Group.name)
    if owner_only:
        stmt = stmt.where(GroupMember.role == "owner")
    return db.session.execute(stmt).scalars().all()


def save_group(actor, group, data):
    """Create a group (its creator becomes the owner) or update it."""
    is_new = group is None
    taken = db.session.execute(db.select(Group.id).where(Group.name == data["name"])).scalar()
    if taken and (is_new or taken != group.id):
        raise GroupError(_("同じ名前の団体がすでに登録されています。"))
    if is_new:
        group = Group(created_by_id=actor.id)
        db.session.add(group)
    for f in FIELDS:
        setattr(group, f, data[f])
    group.center = data["center"]
    group.description_html = render_markdown(data["description"])
    db.session.flush()
    if is_new:
        db.session.add(GroupMember(group_id=group.id, user_id=actor.id, role="owner"))
    record(actor, "group.create" if is_new else "group.update", group, after={"name": group.name})
    return group


def invite(actor, group, email):
    """E-mail an invitation to join; repeated invitations to the same address reuse the pending one."""
    email = email.strip().lower()
    pending = db.session.execute(db.select(GroupInvite).where(
        GroupInvite.group_id == group.id, GroupInvite.email == email, GroupInvite.accepted_at.is_(None))).scalar()
    inv = pending or GroupInvite(group_id=group.id, email=email, invited_by_id=actor.id)
    inv.created_at = utcnow()
    db.session.add(inv)
    db.session.flush()
    base = current_app.config.get("SITE_URL") or ""
    link = (base.rstrip("/") + url_for("groups.accept", token=inv.token)) if base else \
        url_for("groups.accept", token=inv.token, _external=True)
    send_mail(email, f"「{group.name}」への招待", "group_invite", group=group, inviter=actor, link=link, days=INVITE_DAYS)
    return inv


def accept(user, token):
    """Join the group of a valid invitation addressed to this user's e-mail."""
    inv = db.session.execute(db.select(GroupInvite).where(GroupInvite.token == token)).scalar_one_or_none()
    if inv is None or inv.accepted_at is not None or inv.created_at < utcnow() - timedelta(days=INVITE_DAYS):
        raise GroupError(_("招待のリンクが正しくないか、有効期限が切れています。団体の代表者にもう一度招待してもらってください。"))
    if inv.email != user.email:
        raise GroupError(_("この招待は別のメールアドレスあてです。招待されたアドレスでログインしてください。"))
    if membership(user, inv.group) is None:
        db.session.add(GroupMember(group_id=inv.group_id, user_id=user.id, role="member"))
    inv.accepted_at = utcnow()
    return inv.group


def set_role(actor, group, user_id, role):
    member = db.session.get(GroupMember, (group.id, user_id)) or None
    if member is None:
        raise GroupError(_("メンバーが見つかりません。"))
    if role not in ("owner", "member"):
        raise GroupError(_("役割を選んでください。"))
    if member.role == "owner" and role == "member" and _owner_count(group) == 1:
        raise GroupError(_("代表者（オーナー）が1人もいなくなるため、変更できません。"))
    member.role = role
    record(actor, "group.member_role", group, after={"user": user_id, "role": role})


def remove_member(actor, group, user_id):
    member = db.session.get(GroupMember, (group.id, user_id))
    if member is None:
        raise GroupError(_("メンバーが見つかりません。"))
    if member.role == "owner" and _owner_count(group) == 1:
        raise GroupError(_("最後の代表者（オーナー）は抜けられません。先にほかの人を代表者にしてください。"))
    db.session.delete(member)
    record(actor, "group.member_remove", group, after={"user": user_id})


def _owner_count(group):
    return db.session.execute(db.select(db.func.count()).select_from(GroupMember).where(
        GroupMember.group_id == group.id, GroupMember.role == "owner")).scalar()


def verify(actor, group, verified=True):
    """Staff mark a group as verified (or withdraw it)."""
    group.verified_at = utcnow() if verified else None
    group.verified_by_id = actor.id if verified else None
    record(actor, "group.verify" if verified else "group.unverify", group)
