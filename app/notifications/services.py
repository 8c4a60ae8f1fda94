"""The in-app list, the daily digest and area alerts. Everything that sends goes through
publish() (app/notifications/outbox.py) and the delivery rows it writes."""
from app.accounts.models import User
from app.extensions import db
from app.notifications import events
from app.notifications.models import AreaFollow, Delivery, Notification, NotificationEvent
from app.notifications.outbox import publish, remember
from app.util.time import utcnow


def unread_count(user):
    return db.session.execute(
        db.select(db.func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ).scalar_one()


def recent(user, limit=50):
    return db.session.execute(
        db.select(Notification).where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    ).scalars().all()


def text_of(notification):
    """The message in the reader's language (older rows keep their stored Japanese)."""
    if notification.event is not None and notification.event.kind in events.KINDS:
        return events.render(notification.event.kind, notification.event.params)
    return notification.message


def mark_all_read(user):
    db.session.execute(
        db.update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )


def open_notification(notification):
    """Opening a notification marks it read; returns where it points."""
    if notification.read_at is None:
        notification.read_at = utcnow()
    return notification.url


def send_digests():
    """Fold each user's 'daily' deliveries into one digest per channel; returns how many users get one."""
    rows = db.session.execute(
        db.select(Delivery).join(User, User.id == Delivery.user_id)
        .where(Delivery.status == "daily", User.deleted_at.is_(None)).order_by(Delivery.user_id, Delivery.id)
    ).scalars().all()
    groups = {}
    for d in rows:
        groups.setdefault((d.user_id, d.channel), []).append(d)
    new, users = [], set()
    for (user_id, channel), items in groups.items():
        event = NotificationEvent(kind="digest", params={"events": [d.event_id for d in items]}, url="/notifications")
        db.session.add(event)
        db.session.flush()
        delivery = Delivery(event_id=event.id, user_id=user_id, channel=channel, status="pending")
        db.session.add(delivery)
        for d in items:
            d.status = "digested"
        new.append(delivery)
        users.add(user_id)
    db.session.flush()
    remember([d.id for d in new])
    now = utcnow()
    for user in db.session.execute(db.select(User).where(User.id.in_(users))).scalars():
        user.last_digest_at = now
    return len(users)


# Area alerts -----------------------------------------------------------------------------------

def area_follows(user):
    return db.session.execute(db.select(AreaFollow).where(AreaFollow.user_id == user.id)
                              .order_by(AreaFollow.id)).scalars().all()


def follow_area(user, *, center=None, theme=None):
    """Follow a 公民館 district or a plan theme (following twice changes nothing)."""
    stmt = db.select(AreaFollow).where(AreaFollow.user_id == user.id)
    stmt = stmt.where(AreaFollow.center_id == center.id) if center else stmt.where(AreaFollow.theme == theme)
    existing = db.session.execute(stmt).scalar_one_or_none()
    if existing is None:
        existing = AreaFollow(user_id=user.id, center_id=center.id if center else None, theme=theme)
        db.session.add(existing)
        db.session.flush()
    return existing


def unfollow_area(user, follow_id):
    db.session.execute(db.delete(AreaFollow).where(AreaFollow.id == follow_id, AreaFollow.user_id == user.id))


def theme_names():
    from app.plan.models import Field
    return {f.code: f"{f.code} {f.title}" for f in db.session.execute(db.select(Field)).scalars()}


def publish_area_alerts(issue):
    """A new public issue: tell who follows its district or one of its themes (once each)."""
    if issue.awaiting_approval:
        return None
    codes = [t.code for t in issue.tags]
    follows = db.session.execute(db.select(AreaFollow).where(db.or_(
        AreaFollow.center_id == issue.center_id, AreaFollow.theme.in_(codes or [""])))
        .order_by(AreaFollow.id)).scalars().all()
    by_user, names = {}, theme_names() if any(f.theme for f in follows) else {}
    for f in follows:
        area = issue.center.name if f.center_id else names.get(f.theme, f.theme)
        by_user.setdefault(f.user_id, area)
    if not by_user:
        return None
    users = db.session.execute(db.select(User).where(User.id.in_(by_user))).scalars().all()
    # one event per area label keeps each message true ("南原地区に…" / "分野3 …に…")
    published = None
    for area in dict.fromkeys(by_user.values()):
        published = publish("issue.area_alert", exclude=issue.author, issue=issue, area=area,
                            followers=[u for u in users if by_user[u.id] == area]) or published
    return published
