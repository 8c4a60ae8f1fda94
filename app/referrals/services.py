"""Referral verbs: refer, reply as the department, hand back, resolve. Each writes an audit row."""
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _

from app.audit.services import record
from app.extensions import db
from app.issues import lifecycle
from app.issues.lifecycle import OPEN as OPEN_STATUSES, Status
from app.issues.services import add_comment, change_status
from app.notifications.services import notify
from app.referrals.models import ACTIVE, ANSWERED, OPEN, RESOLVED, RETURNED, Referral
from app.util.sanitize import clean_text
from app.util.time import utcnow


class ReferralError(Exception):
    """A rule of referrals was broken; the message is shown to the user."""


def due_days():
    return current_app.config.get("REFERRAL_DUE_DAYS", 14)


def active_referral(issue, department):
    return db.session.execute(db.select(Referral).where(
        Referral.issue_id == issue.id, Referral.department_id == department.id,
        Referral.status.in_(ACTIVE))).scalars().first()


def refer_issue(actor, issue, department, note, *, is_sample=False):
    """A facilitator hands an issue to a 担当課 with a note; the department's staff are told."""
    note = clean_text(note or "", multiline=True).strip()
    if not note:
        raise ReferralError(_("担当課へのメモを書いてください。"))
    if Status(issue.status) not in OPEN_STATUSES:
        raise ReferralError(_("「%(status)s」の投稿は引き継げません。", status=issue.status_label))
    if not department.active:
        raise ReferralError(_("この担当課は現在利用されていません。"))
    if active_referral(issue, department) is not None:
        raise ReferralError(_("この投稿は既に%(name)sに引き継いでいます。", name=department.name))
    now = utcnow()
    referral = Referral(issue=issue, department=department, note=note[:2000], status=OPEN, referred_by_id=actor.id,
                        created_at=now, due_at=now + timedelta(days=due_days()), is_sample=is_sample)
    db.session.add(referral)
    db.session.flush()
    record(actor, "issue.refer", issue, reason=note[:500],
           after={"referral": referral.id, "department": department.name, "due_at": referral.due_at.isoformat()})
    notify(department.members, "referral", f"「{issue.title}」が{department.name}に引き継がれました。",
           f"/referrals/{referral.id}", exclude=actor)
    return referral


def reply(actor, referral, body):
    """The department's public reply on the issue, shown in the department's name."""
    if not referral.is_active:
        raise ReferralError(_("この引き継ぎは終了しています。"))
    if not clean_text(body or "", multiline=True).strip():
        raise ReferralError(_("回答を書いてください。"))
    comment = add_comment(actor, referral.issue, body, official_department=referral.department)
    first = referral.first_reply_at is None
    if first:
        referral.first_reply_at = comment.created_at or utcnow()
    referral.status = ANSWERED
    record(actor, "referral.reply", referral, after={"issue": referral.issue_id, "comment": comment.id,
                                                     "first_reply": first})
    return comment


def _close(actor, referral, status, note):
    if not referral.is_active:
        raise ReferralError(_("この引き継ぎは終了しています。"))
    note = clean_text(note or "", multiline=True).strip()
    if not note:
        raise ReferralError(_("ひとことを書いてください。"))
    before = referral.status
    referral.status, referral.closed_at, referral.closed_by_id, referral.close_note = status, utcnow(), actor.id, note
    record(actor, f"referral.{'return' if status == RETURNED else 'resolve'}", referral, reason=note,
           before={"status": before}, after={"status": status, "issue": referral.issue_id})
    return note


def hand_back(actor, referral, note):
    """The department gives the issue back to the 公民館 (e.g. it belongs to the district after all)."""
    note = _close(actor, referral, RETURNED, note)
    facilitators = referral.issue.center.facilitators
    notify(facilitators, "referral", f"{referral.department.name}から「{referral.issue.title}」が戻りました: {note}"[:300],
           f"/issues/{referral.issue_id}#facilitator", exclude=actor)
    return referral


def resolve(actor, referral, note):
    """The department has dealt with it: the referral closes and the issue becomes 解決 (public note)."""
    issue = referral.issue
    if not lifecycle.allowed(issue.status, Status.RESOLVED, lifecycle.DEPARTMENT):
        raise ReferralError(_("「%(status)s」の投稿は解決にできません。", status=issue.status_label))
    note = _close(actor, referral, RESOLVED, note)
    change_status(actor, issue, Status.RESOLVED, f"{referral.department.name}: {note}", as_whom=lifecycle.DEPARTMENT)
    return referral
