"""Notifications: the in-app list, the outbox of events, one delivery row per (event, user, channel),
per-channel preferences, LINE links and area follows."""
from app.extensions import db
from app.util.time import utcnow

CHANNELS = ("email", "line")  # in-app is always on; these are delivered by workers
MODES = ("immediate", "daily", "off")


class Notification(db.Model):
    """In-app: one row per user per event, written in the same transaction as the change."""
    __tablename__ = "notifications"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    event_id = db.Column(db.ForeignKey("notification_events.id", ondelete="SET NULL", name="fk_notifications_event"),
                         nullable=True)
    kind = db.Column(db.String(30), nullable=False)  # the event kind (or an old short kind: status, reply, comment, official, referral)
    message = db.Column(db.String(300), nullable=False)  # Japanese text, kept for rows without an event
    url = db.Column(db.String(300), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    read_at = db.Column(db.DateTime, nullable=True)

    event = db.relationship("NotificationEvent")

    __table_args__ = (db.Index("ix_notifications_user", "user_id", "read_at", "created_at"),)


class NotificationEvent(db.Model):
    """The outbox: what happened (a kind of app/notifications/events.py and its parameters)."""
    __tablename__ = "notification_events"

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(40), nullable=False)
    params = db.Column(db.JSON, nullable=False, default=dict)
    url = db.Column(db.String(300), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.Index("ix_notification_events_kind_url", "kind", "url"),)


class Delivery(db.Model):
    """One message to one user on one channel. The unique key makes (event, user, channel) at most once;
    a worker claims a row (status → sending, lease) before it sends and marks it sent after.

    status: pending → sending → sent | pending (retry, next_attempt_at) | dead (after the last try);
    daily → digested (folded into a digest event's own delivery).
    """
    __tablename__ = "notification_deliveries"

    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.ForeignKey("notification_events.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    channel = db.Column(db.String(10), nullable=False)
    status = db.Column(db.String(10), nullable=False, default="pending")
    attempts = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    next_attempt_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    lease_until = db.Column(db.DateTime, nullable=True)
    last_error = db.Column(db.String(500), nullable=False, default="", server_default="")
    sent_at = db.Column(db.DateTime, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    event = db.relationship("NotificationEvent")
    user = db.relationship("User")

    __table_args__ = (
        db.UniqueConstraint("event_id", "user_id", "channel", name="uq_delivery_event_user_channel"),
        db.Index("ix_deliveries_status_due", "status", "next_attempt_at"),
        db.Index("ix_deliveries_user_status", "user_id", "status"),
    )


class NotificationPreference(db.Model):
    """How one user hears of one topic on one channel; no row = the channel's default."""
    __tablename__ = "notification_preferences"

    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    topic = db.Column(db.String(20), primary_key=True)
    channel = db.Column(db.String(10), primary_key=True)
    mode = db.Column(db.String(10), nullable=False)


class LineLink(db.Model):
    """A user's LINE account: a one-time code while linking, the LINE user id once linked."""
    __tablename__ = "line_links"

    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    line_user_id = db.Column(db.String(64), nullable=True, unique=True)
    code = db.Column(db.String(12), nullable=True, unique=True)
    code_expires_at = db.Column(db.DateTime, nullable=True)
    linked_at = db.Column(db.DateTime, nullable=True)


class AreaFollow(db.Model):
    """Hear of new issues in a 公民館 district or under a plan theme (a 分野 code F1–F5)."""
    __tablename__ = "area_follows"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    center_id = db.Column(db.ForeignKey("centers.id", ondelete="CASCADE"), nullable=True)
    theme = db.Column(db.String(10), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    center = db.relationship("Center")

    __table_args__ = (
        db.UniqueConstraint("user_id", "center_id", "theme", name="uq_area_follow"),
        db.CheckConstraint("(center_id IS NULL) <> (theme IS NULL)", name="ck_area_follow_one_target"),
        db.Index("ix_area_follows_center", "center_id"),
        db.Index("ix_area_follows_theme", "theme"),
    )
