"""Moderation verbs: flag, auto-hide, hide/restore, dismiss flags, redact, suspend, approve.

Every action writes an audit row (app.audit.services.record) and never deletes content:
the public sees 「この投稿は〇〇のため非表示になりました」 in its place.
"""
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.audit.services import record
from app.extensions import db
from app.issues import lifecycle, search
from app.issues.lifecycle import Status
from app.issues.models import Issue, StatusChange
from app.issues.services import change_status
from app.moderation.models import REASONS, Flag
from app.notifications.outbox import publish
from app.notifications.services import publish_area_alerts
from app.permissions import is_published_issue
from app.util.sanitize import render_markdown
from app.util.time import utcnow

AUTO_HIDE_FLAGS = 3
AUTO_HIDE_REASON = "複数の利用者から通報があり、公民館が確認中"


class FlagError(Exception):
    pass


class ModerationError(Exception):
    pass


def _kind(target):
    return "issue" if isinstance(target, Issue) else "comment"


def _issue_of(target):
    return target if isinstance(target, Issue) else db.session.get(Issue, target.issue_id)


def open_flags(target_type, target_id):
    return db.session.execute(db.select(Flag).where(Flag.target_type == target_type, Flag.target_id == target_id,
                                                    Flag.resolved_at.is_(None))).scalars().all()


def flag_content(user, target, reason, note=""):
    """Record a flag (one per user per item); at 3 distinct flaggers the item is hidden pending review."""
    if reason not in REASONS:
        raise FlagError(_("通報の理由を選んでください。"))
    flag = Flag(target_type=_kind(target), target_id=target.id, user_id=user.id, reason=reason, note=note or "")
    try:
        with db.session.begin_nested():
            db.session.add(flag)
            db.session.flush()
    except IntegrityError:
        raise FlagError(_("この投稿はすでに通報済みです。ご協力ありがとうございます。"))
    flaggers = {f.user_id for f in open_flags(flag.target_type, target.id)}
    if len(flaggers) >= AUTO_HIDE_FLAGS and not _is_hidden(target):
        hide(None, target, AUTO_HIDE_REASON, resolve_flags=False)
    return flag


def _is_hidden(target):
    return target.is_hidden if isinstance(target, Issue) else bool(target.hidden_reason)


def hide(actor, target, reason, *, resolve_flags=True):
    """Hide an issue or a comment with a public reason; the author is told why.

    An issue is hidden by the lifecycle service (a transition like any other); `actor` None is the system."""
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("非表示にする理由を書いてください（公開されます）。"))
    issue = _issue_of(target)
    if isinstance(target, Issue):
        if target.is_hidden:
            raise ModerationError(_("この投稿はすでに非表示です。"))
        change_status(actor, target, Status.HIDDEN, reason, as_whom=lifecycle.FACILITATOR, hidden_notice=True)
    else:
        before = {"hidden_reason": target.hidden_reason}
        target.hidden_reason = reason[:200]
        search.reindex(issue)
        record(actor, "comment.hide", target, reason=reason, before=before, after={"hidden_reason": reason})
        publish("issue.hidden", exclude=actor, issue=issue, author=target.author, what="コメント", reason=reason)
    if resolve_flags:
        _resolve_flags(actor, target, "hidden")


def restore(actor, target, reason):
    """Undo a hide; an issue goes back (through the lifecycle) to the status it had before."""
    issue = _issue_of(target)
    if isinstance(target, Issue):
        if not target.is_hidden:
            raise ModerationError(_("この投稿は非表示になっていません。"))
        last = db.session.execute(db.select(StatusChange).where(
            StatusChange.issue_id == target.id, StatusChange.to_status == Status.HIDDEN.value)
            .order_by(StatusChange.id.desc())).scalars().first()
        previous = (last.from_status if last and last.from_status else Status.NEW.value)
        change_status(actor, target, previous, reason or "確認の結果、再び公開しました。", as_whom=lifecycle.FACILITATOR)
    else:
        if not target.hidden_reason:
            raise ModerationError(_("このコメントは非表示になっていません。"))
        target.hidden_reason = ""
        search.reindex(issue)
        record(actor, "comment.restore", target, reason=reason or "", before={"hidden": True},
               after={"hidden_reason": ""})
    _resolve_flags(actor, target, "dismissed")


def dismiss_flags(actor, target, reason=""):
    """The flags were unfounded: close them, keep the content (and restore it if it was auto-hidden)."""
    if not open_flags(_kind(target), target.id):
        raise ModerationError(_("未対応の通報はありません。"))
    if _is_hidden(target) and (target.hidden_reason == AUTO_HIDE_REASON):
        restore(actor, target, reason or "通報を確認し、問題がないため再び公開しました。")
    else:
        _resolve_flags(actor, target, "dismissed")
        record(actor, f"{_kind(target)}.flags_dismiss", target, reason=reason or "")


def _resolve_flags(actor, target, resolution):
    for flag in open_flags(_kind(target), target.id):
        flag.resolved_at, flag.resolved_by_id, flag.resolution = utcnow(), getattr(actor, "id", None), resolution


def redact(actor, target, new_body, reason):
    """Edit personal information out of a post; the original stays only in the audit log (staff only)."""
    if not (reason or "").strip():
        raise ModerationError(_("編集した理由を書いてください。"))
    before = {"body": target.body, **({"title": target.title} if isinstance(target, Issue) else {})}
    target.body, target.body_html = new_body, render_markdown(new_body)
    search.reindex(_issue_of(target))
    record(actor, f"{_kind(target)}.redact", target, reason=reason, before=before, after={"body": new_body})


def suspend_user(actor, user, days, reason):
    """Staff stop an account from taking part for `days` days (its posts stay)."""
    before = {"suspended_until": user.suspended_until.isoformat() if user.suspended_until else None}
    user.suspended_until = utcnow() + timedelta(days=days)
    user.suspension_reason = reason
    record(actor, "user.suspend", user, reason=reason, before=before,
           after={"suspended_until": user.suspended_until.isoformat(), "days": days})


def lift_suspension(actor, user, reason):
    record(actor, "user.unsuspend", user, reason=reason or "",
           before={"suspended_until": user.suspended_until.isoformat() if user.suspended_until else None},
           after={"suspended_until": None})
    user.suspended_until, user.suspension_reason = None, None


def approve_issue(actor, issue):
    """Publish a first post that waited for approval (pre-moderation)."""
    if not issue.awaiting_approval:
        raise ModerationError(_("この投稿は承認待ちではありません。"))
    issue.awaiting_approval = False
    record(actor, "issue.approve", issue)
    publish("issue.approved", exclude=actor, issue=issue)
    publish_area_alerts(issue)


def merge_duplicate(actor, issue, original, note):
    """Mark `issue` a duplicate of `original`: its supports and followers move, no user counted twice."""
    from app.issues.models import Follow, Vote

    if original.id == issue.id or original.status == Status.DUPLICATE.value or not is_published_issue(original):
        raise ModerationError(_("まとめ先の投稿が正しくありません（重複・非公開の投稿にはまとめられません）。"))
    change_status(actor, issue, Status.DUPLICATE, note, as_whom=lifecycle.FACILITATOR)
    issue.duplicate_of = original
    votes_before = issue.vote_count
    already = set(db.session.execute(db.select(Vote.user_id).where(Vote.issue_id == original.id)).scalars())
    moved = 0
    for vote in db.session.execute(db.select(Vote).where(Vote.issue_id == issue.id)).scalars().all():
        # a support taken at a center (user_id NULL, app/intake) is one person: it always moves
        if vote.user_id is not None and (vote.user_id in already or vote.user_id == original.author_id):
            db.session.delete(vote)
        else:
            vote.issue_id = original.id
            moved += 1
    db.session.flush()
    issue.vote_count = 0
    db.session.execute(db.update(Issue).where(Issue.id == original.id)
                       .values(vote_count=Issue.vote_count + moved, last_activity_at=utcnow()))
    followers = set(db.session.execute(db.select(Follow.user_id).where(Follow.issue_id == original.id)).scalars())
    for f in db.session.execute(db.select(Follow).where(Follow.issue_id == issue.id)).scalars().all():
        if f.user_id not in followers:
            db.session.add(Follow(user_id=f.user_id, issue_id=original.id))
    record(actor, "issue.merge", issue, reason=note, before={"votes": votes_before},
           after={"duplicate_of": original.id, "votes_moved": moved})
    return moved
