"""A notification tells one user that something happened on a page they care about."""
from app.extensions import db
from app.util.time import utcnow


class Notification(db.Model):
    __tablename__ = "notifications"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    kind = db.Column(db.String(30), nullable=False)  # status, reply, comment, official, referral
    message = db.Column(db.String(300), nullable=False)
    url = db.Column(db.String(300), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    read_at = db.Column(db.DateTime, nullable=True)

    __table_args__ = (db.Index("ix_notifications_user", "user_id", "read_at", "created_at"),)
