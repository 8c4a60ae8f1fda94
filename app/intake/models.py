"""代理受付: issues and supports a facilitator records for a resident, their claim codes and call log.

The resident's name and contact live only here (never on the issue, never in the audit log), are shown
only to facilitators of the receiving center, and are erased on request.
"""
from app.extensions import db
from app.util.time import utcnow

from app.centers.models import METHODS, byline  # noqa: F401  (re-exported for the intake package)

KINDS = ("issue", "support")


class Intake(db.Model):
    """One assisted report: a new issue (kind=issue) or a support of an existing one (kind=support)."""

    __tablename__ = "intakes"

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(10), nullable=False)
    method = db.Column(db.String(12), nullable=False)
    center_id = db.Column(db.ForeignKey("centers.id"), nullable=False, index=True)  # the center that took it
    staff_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    issue_id = db.Column(db.ForeignKey("issues.id", ondelete="CASCADE"), nullable=False, index=True)
    vote_id = db.Column(db.ForeignKey("votes.id", ondelete="SET NULL"), nullable=True)  # kind=support
    resident_name = db.Column(db.String(100), nullable=False, default="")
    resident_contact = db.Column(db.String(200), nullable=False, default="")
    contact_erased_at = db.Column(db.DateTime, nullable=True)
    claim_code_hash = db.Column(db.String(64), nullable=True, unique=True)  # HMAC-SHA256; None once used
    claimed_by_id = db.Column(db.ForeignKey("users.id"), nullable=True)
    claimed_at = db.Column(db.DateTime, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    center = db.relationship("Center")
    staff = db.relationship("User", foreign_keys=[staff_id])
    claimed_by = db.relationship("User", foreign_keys=[claimed_by_id])
    issue = db.relationship("Issue")
    calls = db.relationship("IntakeCall", order_by="IntakeCall.created_at", cascade="all, delete-orphan")

    __table_args__ = (db.CheckConstraint("kind IN ('issue', 'support')", name="intake_kind_known"),
                      db.CheckConstraint("method IN ('counter', 'phone', 'paper', 'workshop')",
                                         name="intake_method_known"))

    @property
    def method_label(self):
        return METHODS[self.method][0]

    @property
    def is_claimed(self):
        return self.claimed_at is not None

    @property
    def has_contact(self):
        return bool(self.resident_name or self.resident_contact)


class IntakeCall(db.Model):
    """Staff phoned (or wrote to) the resident with an update."""

    __tablename__ = "intake_calls"

    id = db.Column(db.Integer, primary_key=True)
    intake_id = db.Column(db.ForeignKey("intakes.id", ondelete="CASCADE"), nullable=False, index=True)
    staff_id = db.Column(db.ForeignKey("users.id"), nullable=False)
    note = db.Column(db.Text, nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    staff = db.relationship("User")
