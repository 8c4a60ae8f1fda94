"""A resident's flag on an issue or a comment."""
from app.extensions import db
from app.util.time import utcnow

REASONS = {
    "spam": "宣伝・スパム",
    "offensive": "攻撃的・差別的な内容",
    "personal_info": "個人情報が書かれている",
    "off_topic": "地域課題と関係がない",
    "other": "その他",
}


class Flag(db.Model):
    __tablename__ = "flags"

    id = db.Column(db.Integer, primary_key=True)
    target_type = db.Column(db.String(20), nullable=False)  # issue | comment
    target_id = db.Column(db.Integer, nullable=False)
    user_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    reason = db.Column(db.String(20), nullable=False)
    note = db.Column(db.String(500), nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    resolved_at = db.Column(db.DateTime, nullable=True)
    resolved_by_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    resolution = db.Column(db.String(20), nullable=True)  # hidden | dismissed

    __table_args__ = (
        db.UniqueConstraint("target_type", "target_id", "user_id", name="uq_flags_target_user"),
        db.Index("ix_flags_open", "resolved_at", "target_type", "target_id"),
    )

    @property
    def reason_label(self):
        return REASONS.get(self.reason, self.reason)
