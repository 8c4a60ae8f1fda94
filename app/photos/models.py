"""Stored photos and what they are attached to."""
import secrets

from app.extensions import db
from app.util.time import utcnow


class Photo(db.Model):
    """One uploaded photo; unattached (pending) until its post is saved."""

    __tablename__ = "photos"
    # List pages load the photos of many posts of one type at once.
    __table_args__ = (db.Index("ix_photos_attached", "attached_type", "attached_id"),)

    id = db.Column(db.Integer, primary_key=True)
    # Public, unguessable name of the files: <token>.jpg and <token>_t.jpg.
    token = db.Column(db.String(32), nullable=False, unique=True, default=lambda: secrets.token_hex(16))
    owner_id = db.Column(db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # Polymorphic link (e.g. "Issue", 12) so one table serves every feature that shows photos.
    attached_type = db.Column(db.String(30), nullable=True)
    attached_id = db.Column(db.Integer, nullable=True)
    position = db.Column(db.Integer, nullable=False, default=0)
    filename = db.Column(db.String(80), nullable=False)
    thumb_filename = db.Column(db.String(80), nullable=False)
    width = db.Column(db.Integer, nullable=False)
    height = db.Column(db.Integer, nullable=False)
    size_bytes = db.Column(db.Integer, nullable=False)
    alt = db.Column(db.String(200), nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    owner = db.relationship("User")

    @property
    def is_attached(self):
        return self.attached_type is not None
