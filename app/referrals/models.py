"""A referral of an issue to a 担当課, from a facilitator's note to the department's reply and close."""
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.util.time import utcnow

OPEN, ANSWERED, RETURNED, RESOLVED = "open", "answered", "returned", "resolved"
ACTIVE = (OPEN, ANSWERED)
STATUS_LABELS = {
    OPEN: _l("担当課の回答待ち"),
    ANSWERED: _l("担当課が回答済み"),
    RETURNED: _l("公民館に戻りました"),
    RESOLVED: _l("担当課が解決"),
}


class Referral(db.Model):
    __tablename__ = "referrals"

    id = db.Column(db.Integer, primary_key=True)
    issue_id = db.Column(db.ForeignKey("issues.id", ondelete="CASCADE"), nullable=False, index=True)
    department_id = db.Column(db.ForeignKey("departments.id"), nullable=False)
    note = db.Column(db.Text, nullable=False, default="")  # the facilitator's note to the department (staff only)
    status = db.Column(db.String(12), nullable=False, default=OPEN)
    referred_by_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    due_at = db.Column(db.DateTime, nullable=False)  # created_at + REFERRAL_DUE_DAYS
    first_reply_at = db.Column(db.DateTime, nullable=True)  # the department's first public reply
    closed_at = db.Column(db.DateTime, nullable=True)
    closed_by_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    close_note = db.Column(db.Text, nullable=False, default="")
    is_sample = db.Column(db.Boolean, nullable=False, default=False)

    issue = db.relationship("Issue")
    department = db.relationship("Department")
    referred_by = db.relationship("User", foreign_keys=[referred_by_id])
    closed_by = db.relationship("User", foreign_keys=[closed_by_id])

    __table_args__ = (db.Index("ix_referrals_queue", "department_id", "status", "created_at"),
                      db.CheckConstraint("status IN ('open', 'answered', 'returned', 'resolved')",
                                         name="status_known"))

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_active(self):
        return self.status in ACTIVE

    def is_overdue(self, now=None):
        """Past its due date with no reply from the department yet."""
        return self.status == OPEN and self.due_at < (now or utcnow())
