"""Business verbs for issues: submit, edit, support, comment, follow, flag, change status."""
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.audit.services import record
from app.extensions import db
from app.issues import lifecycle, search
from app.issues.lifecycle import Status
from app.issues.models import Comment, Follow, Issue, IssueTag, StatusChange, Vote
from app.notifications.services import followers_of, notify
from app.permissions import viewers_of
from app.util.sanitize import clean_text, render_markdown
from app.util.counters import add_counted, delete_counted
from app.util.time import utcnow


class IssueError(Exception):
    """A rule was broken; the message is shown to the resident."""


def _touch(issue):
    issue.last_activity_at = utcnow()


def submit_issue(author, *, title, body, center, themes=(), lat=None, lng=None, photos=(), submission_key=None,
                 group=None):
    """Create an issue (受付), follow it for the author, index it. A repeated submission_key returns the first."""
    if submission_key:
        existing = db.session.execute(db.select(Issue).where(Issue.submission_key == submission_key)).scalar_one_or_none()
        if existing is not None and existing.author_id == author.id:
            return existing
    title, body = clean_text(title)[:80], clean_text(body, multiline=True)
    issue = Issue(title=title, body=body, body_html=render_markdown(body), center=center, author=author, group=group,
                  lat=lat, lng=lng, status=Status.NEW.value, submission_key=submission_key or None,
                  awaiting_approval=_needs_approval(author, center))
    issue.tags = [IssueTag(code=code, added_by_id=author.id) for code in dict.fromkeys(themes)]
    try:
        with db.session.begin_nested():
            db.session.add(issue)
            db.session.flush()
    except IntegrityError:  # the same form submitted twice at once: the other request won
        existing = db.session.execute(db.select(Issue).where(Issue.submission_key == submission_key)).scalar_one()
        return existing
    db.session.add(StatusChange(issue_id=issue.id, from_status=None, to_status=Status.NEW.value,
                                note="投稿を受け付けました。", actor_id=author.id))
    db.session.add(Follow(user_id=author.id, issue_id=issue.id))
    if photos:
        from app.photos.services import attach
        attach(photos, issue)
        issue.photo_count = len(photos)
    search.reindex(issue)
    return issue


def _needs_approval(author, center, editing=None):
    """Pre-moderation: in centers that ask for it, a post waits for a facilitator until its author is trusted,
    i.e. has another post that a facilitator let through (the post being edited does not count)."""
    if not center.premoderate_first_posts:
        return False
    stmt = db.select(db.func.count(Issue.id)).where(Issue.author_id == author.id, Issue.awaiting_approval.is_(False))
    if editing is not None and editing.id is not None:
        stmt = stmt.where(Issue.id != editing.id)
    return db.session.execute(stmt).scalar() == 0


def update_issue(issue, *, title, body, center, themes, lat=None, lng=None):
    """The author's edit (allowed until the first comment or support; checked by the route).

    In a pre-moderated center an edit by a not-yet-trusted author goes back to approval, so an approved
    post cannot be edited into something (a name, a phone number) that nobody checked."""
    title, body = clean_text(title)[:80], clean_text(body, multiline=True)
    issue.title, issue.body, issue.body_html = title, body, render_markdown(body)
    issue.center, issue.lat, issue.lng = center, lat, lng
    keep = [t for t in issue.tags if not t.code.startswith("F")]
    issue.tags = keep + [IssueTag(code=c, added_by_id=issue.author_id) for c in dict.fromkeys(themes)]
    issue.updated_at = utcnow()
    if not issue.awaiting_approval and _needs_approval(issue.author, center, editing=issue):
        issue.awaiting_approval = True
    _touch(issue)
    search.reindex(issue)


def cast_vote(user, issue):
    """Support an issue. Idempotent; the counter moves only when a row was really inserted."""
    return add_counted(Vote(issue_id=issue.id, user_id=user.id), Issue, issue.id, "vote_count",
                       last_activity_at=utcnow())


def withdraw_vote(user, issue):
    """Take back a support. The counter moves only when a row was really deleted."""
    return delete_counted(db.delete(Vote).where(Vote.issue_id == issue.id, Vote.user_id == user.id),
                          Issue, issue.id, "vote_count")


def has_voted(user, issue):
    if not user.is_authenticated:
        return False
    return db.session.execute(
        db.select(Vote.id).where(Vote.issue_id == issue.id, Vote.user_id == user.id)).first() is not None


def add_comment(author, issue, body, parent=None, official_center=None, official_department=None):
    """Comment (or reply, one level deep); notify the parent's author and the followers.

    An official reply is shown in the name of the center (or of the 担当課 it was referred to)."""
    if parent is not None and (parent.issue_id != issue.id or parent.parent_id is not None or parent.is_deleted):
        raise IssueError(_("このコメントには返信できません。"))
    body = clean_text(body, multiline=True)
    office = official_department or official_center
    comment = Comment(issue_id=issue.id, author=author, parent_id=parent.id if parent else None, body=body,
                      body_html=render_markdown(body), is_official=office is not None,
                      official_center=official_center, official_department=official_department)
    db.session.add(comment)
    db.session.flush()
    values = {"comment_count": Issue.comment_count + 1, "last_activity_at": utcnow()}
    if office is not None:
        values["has_official_response"] = True
    db.session.execute(db.update(Issue).where(Issue.id == issue.id).values(**values))
    search.reindex(issue)
    url = f"/issues/{issue.id}#comment-{comment.id}"
    who = office.name if office else author.public_name
    if parent is not None:
        notify(viewers_of(issue, [parent.author]), "reply", f"「{issue.title}」であなたのコメントに{who}さんが返信しました。", url, exclude=author)
    kind = "official" if office else "comment"
    message = (f"「{issue.title}」に{office.name}から公式回答がありました。" if office
               else f"「{issue.title}」に新しいコメントがあります。")
    notify(viewers_of(issue, [u for u in followers_of(issue) if parent is None or u.id != parent.author_id]), kind,
           message, url, exclude=author)
    return comment


def edit_comment(comment, body):
    body = clean_text(body, multiline=True)
    comment.body, comment.body_html, comment.edited_at = body, render_markdown(body), utcnow()
    search.reindex(db.session.get(Issue, comment.issue_id))


def delete_comment(comment):
    """The author deletes: the text goes, a 削除されました placeholder stays so replies keep their context.

    Idempotent under concurrency: one conditional UPDATE marks the comment deleted, and only the request
    whose UPDATE changed the row lowers the count. Returns True if this call deleted it."""
    changed = db.session.execute(
        db.update(Comment).where(Comment.id == comment.id, Comment.deleted_at.is_(None))
        .values(deleted_at=utcnow(), body="", body_html="").execution_options(synchronize_session=False)).rowcount
    db.session.refresh(comment)
    if not changed:
        return False
    db.session.execute(db.update(Issue).where(Issue.id == comment.issue_id, Issue.comment_count > 0)
                       .values(comment_count=Issue.comment_count - 1))
    search.reindex(db.session.get(Issue, comment.issue_id))
    return True


def follow(user, issue):
    if not is_following(user, issue):
        db.session.add(Follow(user_id=user.id, issue_id=issue.id))


def unfollow(user, issue):
    db.session.execute(db.delete(Follow).where(Follow.user_id == user.id, Follow.issue_id == issue.id))


def is_following(user, issue):
    if not user.is_authenticated:
        return False
    return db.session.get(Follow, (user.id, issue.id)) is not None


def change_status(actor, issue, to_status, note, *, as_whom, message=None, kind="status"):
    """The only code that changes an issue's status: one transition of the lifecycle table, with a public
    note, history, audit row and notifications (to the author and followers who can still see the issue).

    `actor` is None for the system (auto-hide after flags)."""
    to_status = Status(to_status)
    if not lifecycle.allowed(issue.status, to_status, as_whom):
        raise IssueError(_("「%(before)s」から「%(after)s」には変更できません。",
                           before=issue.status_label, after=lifecycle.label(to_status)))
    note = (note or "").strip()
    if not note:
        raise IssueError(_("変更の理由を短く書いてください（公開されます）。"))
    before = issue.status
    db.session.add(StatusChange(issue_id=issue.id, from_status=before, to_status=to_status.value, note=note,
                                actor_id=getattr(actor, "id", None)))
    issue.status, issue.status_note = to_status.value, note
    issue.hidden_reason = note[:200] if to_status == Status.HIDDEN else ""
    _touch(issue)
    record(actor, "issue.status", issue, reason=note, before={"status": before}, after={"status": to_status.value})
    notify(viewers_of(issue, [issue.author, *followers_of(issue)]), kind,
           message or f"「{issue.title}」の状態が「{lifecycle.label(to_status)}」になりました。", f"/issues/{issue.id}",
           exclude=actor)
    return issue


def mark_out_of_scope(actor, issue, note, *, department=None, body="", contact=""):
    """対象外, naming where to go instead: a 担当課, or an outside body and how to reach it."""
    body, contact = clean_text(body or "")[:120], clean_text(contact or "")[:300]
    if department is None and not body:
        raise IssueError(_("対象外のときは、案内先の担当課か、市以外の相談先を入力してください。"))
    change_status(actor, issue, Status.OUT_OF_SCOPE, note, as_whom=lifecycle.FACILITATOR)
    issue.out_of_scope_department, issue.out_of_scope_body, issue.out_of_scope_contact = department, body, contact
    record(actor, "issue.out_of_scope", issue, reason=note,
           after={"department": department.name if department else None, "body": body, "contact": contact})
    return issue


def withdraw_issue(author, issue, note):
    return change_status(author, issue, Status.WITHDRAWN, note or "投稿者が取り下げました。", as_whom=lifecycle.AUTHOR)


def set_plan_tags(actor, issue, codes):
    """Facilitators tag an issue with plan codes (G/S/P, DX/GX) chosen from the plan data, never free text."""
    from app.plan.services import plan_labels

    codes = list(dict.fromkeys(codes))
    known = plan_labels(codes)
    unknown = [c for c in codes if c not in known or c.startswith("F") or c.startswith("B")]
    if unknown:
        raise IssueError(_("計画にない項目は選べません: %(codes)s", codes=", ".join(unknown)[:100]))
    before = sorted(issue.plan_codes)
    issue.tags = [t for t in issue.tags if t.code.startswith("F")] + [
        IssueTag(code=c, added_by_id=actor.id) for c in codes]
    record(actor, "issue.tags", issue, before={"tags": before}, after={"tags": sorted(codes)})
