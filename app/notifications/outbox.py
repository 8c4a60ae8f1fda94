"""publish(): write the event, its in-app notifications and one delivery row per (user, channel) in
the caller's transaction. After the commit the pending deliveries are handed to the dispatcher
(RQ when REDIS_URL is set, otherwise a background thread in this process)."""
from flask import current_app
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from app.extensions import db
from app.notifications import events
from app.notifications.models import (CHANNELS, Delivery, LineLink, Notification, NotificationEvent,
                                      NotificationPreference)

PENDING_KEY = "notifications_pending"


def line_enabled(app=None):
    cfg = (app or current_app).config
    return bool(cfg.get("LINE_CHANNEL_SECRET") and cfg.get("LINE_CHANNEL_ACCESS_TOKEN"))


def default_mode(user, channel):
    if channel == "email":
        return user.notify_email if user.notify_email in ("immediate", "daily", "off") else "immediate"
    return "immediate"


def preferences(users):
    """{(user_id, topic, channel): mode} for these users."""
    ids = [u.id for u in users]
    if not ids:
        return {}
    rows = db.session.execute(db.select(NotificationPreference).where(NotificationPreference.user_id.in_(ids)))
    return {(p.user_id, p.topic, p.channel): p.mode for p in rows.scalars()}


def mode_for(user, topic, channel, prefs=None):
    prefs = preferences([user]) if prefs is None else prefs
    return prefs.get((user.id, topic, channel)) or default_mode(user, channel)


def linked_line_ids(users):
    ids = [u.id for u in users]
    if not ids:
        return {}
    rows = db.session.execute(db.select(LineLink.user_id, LineLink.line_user_id).where(
        LineLink.user_id.in_(ids), LineLink.line_user_id.is_not(None)))
    return dict(rows.all())


def _can_see(user, issue):
    from app.permissions import can_view_issue  # lazy: permissions import the issue lifecycle
    return can_view_issue(user, issue)


def publish(kind_name, *, exclude=None, **objects):
    """Record an event for every distinct, active recipient who may see its subject; returns the event."""
    kind = events.KINDS[kind_name]
    issue = objects.get(kind.issue_key) if kind.issue_key else None
    users, seen = [], set()
    for user in kind.recipients(objects):
        if user is None or user.id in seen or user.is_deleted or (exclude is not None and user.id == exclude.id):
            continue
        if issue is not None and not _can_see(user, issue):
            continue
        seen.add(user.id)
        users.append(user)
    if not users:
        return None
    params = kind.params(objects)
    event = NotificationEvent(kind=kind_name, params=params, url=events.link(kind_name, params))
    db.session.add(event)
    db.session.flush()
    stored = events.render(kind_name, params, locale="ja")[:300]
    prefs = preferences(users)
    line_ids = linked_line_ids(users) if line_enabled() else {}
    deliveries = []
    for user in users:
        if not kind.forced:
            db.session.add(Notification(user_id=user.id, event_id=event.id, kind=kind_name, message=stored,
                                        url=event.url))
        for channel in CHANNELS:
            if channel not in kind.channels:
                continue
            if channel == "email" and not user.is_confirmed:
                continue
            if channel == "line" and user.id not in line_ids:
                continue
            mode = "immediate" if kind.forced else mode_for(user, kind.topic, channel, prefs)
            if mode == "off":
                continue
            d = Delivery(event_id=event.id, user_id=user.id, channel=channel,
                         status="pending" if mode == "immediate" else "daily")
            db.session.add(d)
            deliveries.append(d)
    db.session.flush()
    remember([d.id for d in deliveries if d.status == "pending"])
    return event


def remember(delivery_ids):
    """Hand these deliveries to the dispatcher once the current transaction commits."""
    if delivery_ids:
        db.session().info.setdefault(PENDING_KEY, []).extend(delivery_ids)


@sa_event.listens_for(Session, "after_commit")
def _after_commit(session):
    if session.in_nested_transaction():
        return  # a savepoint: the change is not committed yet
    ids = session.info.pop(PENDING_KEY, None)
    if ids:
        from app.notifications.dispatch import dispatch
        dispatch(ids)


@sa_event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session, previous_transaction):
    if previous_transaction.parent is None and previous_transaction.nested is False:
        session.info.pop(PENDING_KEY, None)  # the change was rolled back: nothing to send
