"""An uploaded PDF or (EXIF-stripped) image, attached to an application or a report."""
import secrets

from app.extensions import db
from app.util.time import utcnow


class Document(db.Model):
    __tablename__ = "documents"

    id = db.Column(db.Integer, primary_key=True)
    token = db.Column(db.String(32), nullable=False, unique=True, default=lambda: secrets.token_hex(16))
    owner_id = db.Column(db.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    group_id = db.Column(db.ForeignKey("groups.id", ondelete="CASCADE"), nullable=True, index=True)
    kind = db.Column(db.String(20), nullable=False)  # rules | receipt
    display_name = db.Column(db.String(120), nullable=False)
    stored_name = db.Column(db.String(80), nullable=False)
    content_type = db.Column(db.String(40), nullable=False)
    size_bytes = db.Column(db.Integer, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
