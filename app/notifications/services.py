"""notify(): record an in-app notification and send its e-mail copy."""
from flask import current_app, has_request_context, request

from app.accounts.models import User
from app.extensions import db
from app.mail import send_mail
from app.notifications.models import Notification
from app.util.time import utcnow


def notify(users, kind, message, url, *, exclude=None, subject=None):
    """Notify each distinct, active user (except `exclude`) in-app and by e-mail."""
    seen = set()
    for user in users:
        if user is None or user.id in seen or (exclude is not None and user.id == exclude.id) or user.is_deleted:
            continue
        seen.add(user.id)
        db.session.add(Notification(user_id=user.id, kind=kind, message=message[:300], url=url))
        if user.is_confirmed and user.notify_email == "immediate":
            send_mail(user.email, subject or message[:40], "notification", user=user, message=message,
                      link=_external(url))


def _external(path):
    """Absolute link for e-mail: SITE_URL, else the current request's host, else SERVER_NAME."""
    base = current_app.config.get("SITE_URL")
    if not base and has_request_context():
        base = request.host_url
    if not base and current_app.config.get("SERVER_NAME"):
        base = f"{current_app.config.get('PREFERRED_URL_SCHEME', 'http')}://{current_app.config['SERVER_NAME']}"
    return (base or "").rstrip("/") + path


def unread_count(user):
    return db.session.execute(
        db.select(db.func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ).scalar_one()


def recent(user, limit=50):
    return db.session.execute(
        db.select(Notification).where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    ).scalars().all()


def mark_all_read(user):
    db.session.execute(
        db.update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )


def followers_of(issue):
    from app.issues.models import Follow
    return db.session.execute(
        db.select(User).join(Follow, Follow.user_id == User.id).where(Follow.issue_id == issue.id)
    ).scalars().all()


def send_digests():
    """Mail each 'daily' user one message listing their notifications since the last digest."""
    sent = 0
    users = db.session.execute(db.select(User).where(User.notify_email == "daily", User.deleted_at.is_(None),
                                                     User.email_confirmed_at.is_not(None))).scalars().all()
    now = utcnow()
    for user in users:
        stmt = db.select(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        if user.last_digest_at:
            stmt = stmt.where(Notification.created_at > user.last_digest_at)
        items = db.session.execute(stmt.order_by(Notification.created_at)).scalars().all()
        if items:
            send_mail(user.email, f"新しいお知らせが{len(items)}件あります", "digest", user=user,
                      items=[(n.message, _external(n.url)) for n in items])
            sent += 1
        user.last_digest_at = now
    return sent
